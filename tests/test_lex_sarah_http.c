/*
 * The lex Sarah register over HTTP: a table of request cases for every status the reports,
 * the categories and the summary answer (every role boundary, every validation error, the
 * personnummer guard on each text field and in every Unicode spelling), then the summary's
 * figures — counts per category and unit, IVO notifications, investigation days, overdue
 * reports, inconsistencies — and small-number suppression for anonymous reads.
 */
#include <string.h>

#include "support.h"

#define LS0 "{\"unit_id\":1,\"law\":\"SoL\",\"category\":\"bemotande\""
#define LS(extra) LS0 ",\"reported_on\":\"2021-03-10\"" extra "}"
#define LSON(extra) LS0 extra "}"
#define PNR "Anna 19811218-9876"

static void setup(void)
{
	tsrv_setup();
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
}

static const struct http_case crud_cases[] = {
	/* create */
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"reference\":\"LS-1\","
	 "\"summary\":\"Brister i bemötande\",\"occurred_on\":\"2021-03-01\""), 201, NULL,
	 "\"status\":\"rapporterad\""},
	{"POST", "/api/v1/lex-sarah-reports", T_ADMIN, LS(",\"status\":\"avslutad\","
	 "\"investigation_done_on\":\"2021-04-10\",\"outcome\":\"allvarlig_risk\","
	 "\"ivo_notified_on\":\"2021-03-20\",\"measures\":\"Ny rutin\""), 201, NULL,
	 "\"outcome\":\"allvarlig_risk\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{}", 422, "invalid_input",
	 "reported_on"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"law\":\"HSL\""), 400,
	 "invalid_json", "duplicate"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"HSL\","
	 "\"category\":\"bemotande\",\"reported_on\":\"2021-02-30\",\"status\":\"klar\","
	 "\"outcome\":\"bra\",\"extra\":true}", 422, "invalid_input", "\"field\":\"outcome\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":99,\"law\":\"SoL\","
	 "\"category\":\"bemotande\",\"reported_on\":\"2021-03-10\"}", 422, "unknown_reference",
	 "unit_id"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\","
	 "\"category\":\"annat\",\"reported_on\":\"2021-03-10\"}", 422, "unknown_reference",
	 "category"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"occurred_on\":\"2021-03-11\""),
	 422, "invalid_input", "is after reported_on"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"status\":\"avslutad\","
	 "\"investigation_done_on\":\"2021-03-09\",\"outcome\":\"missforhallande\""), 422,
	 "invalid_input", "is before reported_on"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"ivo_notified_on\":\"2021-03-01\""),
	 422, "invalid_input", "\"field\":\"ivo_notified_on\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"status\":\"avslutad\""), 422,
	 "invalid_input", "is required when status is avslutad"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"investigation_done_on\":"
	 "\"2021-04-01\""), 422, "invalid_input", "\"field\":\"status\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"summary\":\"" PNR "\""), 422,
	 "invalid_input", "personnummer"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"measures\":\"" PNR "\""), 422,
	 "invalid_input", "\"field\":\"measures\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"reference\":\"19811218+9876\""),
	 422, "invalid_input", "\"field\":\"reference\""},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\","
	 "\"category\":\"8112189876\",\"reported_on\":\"2021-03-10\"}", 422, "invalid_input",
	 "\"field\":\"category\""},
	/* a digit run failing the check digit is not refused */
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, LS(",\"reference\":\"19811218-9875\""),
	 201, NULL, "19811218-9875"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "[]", 400, "invalid_json", NULL},
	{"POST", "/api/v1/lex-sarah-reports", T_EDITOR, LS(""), 403, "forbidden", "sensitive"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_READER, LS(""), 403, "forbidden", NULL},
	{"POST", "/api/v1/lex-sarah-reports", T_NONE, LS(""), 401, "unauthorized", NULL},
	{"POST", "/api/v1/lex-sarah-reports", T_BAD, LS(""), 401, "unauthorized", NULL},
	/* read */
	{"GET", "/api/v1/lex-sarah-reports", T_SENS_READER, NULL, 200, NULL, "\"total\":3"},
	{"GET", "/api/v1/lex-sarah-reports?period=2021-T1&category=bemotande&status=avslutad&"
	 "outcome=allvarlig_risk&unit_id=1", T_SENS_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/lex-sarah-reports?period=2020", T_SENS_READER, NULL, 200, NULL,
	 "\"total\":0"},
	{"GET", "/api/v1/lex-sarah-reports?format=csv", T_SENS_READER, NULL, 200, NULL, "reported_on"},
	{"GET", "/api/v1/lex-sarah-reports?period=21", T_SENS_READER, NULL, 400, "invalid_period",
	 NULL},
	{"GET", "/api/v1/lex-sarah-reports?unit_id=x", T_SENS_READER, NULL, 400, "invalid_query",
	 "unit_id"},
	{"GET", "/api/v1/lex-sarah-reports?offset=-1", T_SENS_READER, NULL, 400, "invalid_query", NULL},
	{"GET", "/api/v1/lex-sarah-reports", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/lex-sarah-reports", T_NONE, NULL, 401, "unauthorized", NULL},
	{"GET", "/api/v1/lex-sarah-reports/1", T_SENS_READER, NULL, 200, NULL, "\"reference\":\"LS-1\""},
	{"GET", "/api/v1/lex-sarah-reports/99", T_SENS_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/lex-sarah-reports/1", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/lex-sarah-reports/1", T_NONE, NULL, 401, "unauthorized", NULL},
	/* patch */
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"status\":\"under_utredning\"}",
	 200, NULL, "\"version\":2"},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"occurred_on\":null}", 200, NULL,
	 "\"occurred_on\":null"},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"summary\":\"" PNR "\"}", 422,
	 "invalid_input", "personnummer"},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"reported_on\":\"2022-01-01\","
	 "\"ivo_notified_on\":\"2021-12-01\"}", 422, "invalid_input", "ivo_notified_on"},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"category\":\"okand\"}", 422,
	 "unknown_reference", NULL},
	{"PATCH", "/api/v1/lex-sarah-reports/99", T_SENS_EDITOR, "{}", 404, "not_found", NULL},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "x", 400, "invalid_json", NULL},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_EDITOR, "{}", 403, "forbidden", NULL},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_NONE, "{}", 401, "unauthorized", NULL},
	/* delete */
	{"DELETE", "/api/v1/units/1", T_ADMIN, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/lex-sarah-reports/3", T_EDITOR, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/lex-sarah-reports/3", T_NONE, NULL, 401, "unauthorized", NULL},
	{"DELETE", "/api/v1/lex-sarah-reports/3", T_SENS_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/lex-sarah-reports/3", T_SENS_EDITOR, NULL, 404, "not_found", NULL},
	{"PUT", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{}", 405, "method_not_allowed", NULL},
};

START_TEST(crud_table)
{
	RUN_CASES(crud_cases);
}
END_TEST

/* A summary POSTed in a valid report; refused 422 naming the field when it holds a number. */
#define SUMMARY(text) LS(",\"summary\":\"" text "\"")
#define REFUSED(text) {"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, SUMMARY(text), 422, \
	"invalid_input", "\"field\":\"summary\""}

/* The personnummer 640823-3234 as the guard's Unicode normalisation sees it. */
static const struct http_case unicode_pnr_cases[] = {
	REFUSED("Anna 640823 3234"),
	REFUSED("Anna 640823\u2013" "3234"),                 /* en dash */
	REFUSED("Anna 640823\u2011" "3234"),                 /* non-breaking hyphen */
	REFUSED("Anna 640823\u2212" "3234"),                 /* minus sign */
	REFUSED("Anna 640823\u00AD" "3234"),                 /* soft hyphen */
	REFUSED("Anna 640823\u00A0" "3234"),                 /* no-break space */
	REFUSED("Anna 640823_3234"), REFUSED("Anna 640823/3234"), REFUSED("Anna 640823.3234"),
	REFUSED("Anna 640823 \u2013 3234"),
	REFUSED("Anna 64 08 23-3234"), REFUSED("Anna 1964-08-23-3234"),
	REFUSED("Anna 19640823 3234"),
	REFUSED("Anna 6408\u200B" "233234"),                 /* zero-width space inside */
	REFUSED("Anna \uFF16\uFF14\uFF10\uFF18\uFF12\uFF13\uFF0D\uFF13\uFF12\uFF13\uFF14"),
	REFUSED("Anna \u0666\u0664\u0660\u0668\u0662\u0663-\u0663\u0662\u0663\u0664"),
	REFUSED("Anna 70 10 63\u2013" "2391"),               /* samordningsnummer */
	/* JSON escapes decode to the same text */
	REFUSED("Anna 640823\\u2013" "3234"), REFUSED("Anna 6408\\u200b233234"),
	REFUSED("Anna 640823\\u00a0" "3234"),
	/* the position is the byte position in the UTF-8 text, counted from 1 */
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR,
	 SUMMARY("Åsa \uFF16\uFF14\uFF10\uFF18\uFF12\uFF13\uFF0D\uFF13\uFF12\uFF13\uFF14"), 422,
	 "invalid_input", "at position 6;"},
	/* ordinary text with numbers passes */
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, SUMMARY("Möte 2021-03-04 1400, "
	 "\u22121 234 567 kr, tel 070-123 45 67, Dnr 2019/ASN 0036 10, konto 1234-5678-9012 "
	 "\U0001F642"), 201, NULL, "Möte 2021-03-04 1400"},
	{"PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR, "{\"measures\":\"Anna 64 08 23"
	 "\u2212" "3234\"}", 422, "invalid_input", "\"field\":\"measures\""},
};

START_TEST(unicode_pnr_table)
{
	RUN_CASES(unicode_pnr_cases);
}
END_TEST

static const struct http_case category_cases[] = {
	{"GET", "/api/v1/lex-sarah-categories", T_READER, NULL, 200, NULL, "\"total\":11"},
	{"GET", "/api/v1/lex-sarah-categories", T_READER, NULL, 200, NULL,
	 "sekretess_informationssakerhet"},
	{"GET", "/api/v1/lex-sarah-categories?format=csv", T_READER, NULL, 200, NULL, "system"},
	{"GET", "/api/v1/lex-sarah-categories", T_NONE, NULL, 401, "unauthorized", NULL},
	{"POST", "/api/v1/lex-sarah-categories", T_SENS_EDITOR, "{\"code\":\"lakemedel\",\"name\":"
	 "\"Läkemedelshantering\"}", 201, NULL, "lakemedel"},
	{"POST", "/api/v1/lex-sarah-categories", T_SENS_EDITOR, "{\"code\":\"lakemedel\",\"name\":"
	 "\"X\"}", 409, "duplicate", NULL},
	{"POST", "/api/v1/lex-sarah-categories", T_SENS_EDITOR, "{\"code\":\"9x\",\"name\":\"X\"}",
	 422, "invalid_input", "code"},
	{"POST", "/api/v1/lex-sarah-categories", T_SENS_EDITOR, "{\"code\":\"x\"}", 422,
	 "invalid_input", "name"},
	{"POST", "/api/v1/lex-sarah-categories", T_SENS_EDITOR, "{\"code\":\"x\",\"name\":\"" PNR
	 "\"}", 422, "invalid_input", "personnummer"},
	{"POST", "/api/v1/lex-sarah-categories", T_EDITOR, "{}", 403, "forbidden", NULL},
	{"POST", "/api/v1/lex-sarah-categories", T_NONE, "{}", 401, "unauthorized", NULL},
	{"GET", "/api/v1/lex-sarah-categories", T_READER, NULL, 200, NULL, "\"total\":12"},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"LSS\","
	 "\"category\":\"lakemedel\",\"reported_on\":\"2021-03-10\"}", 201, NULL, "lakemedel"},
};

START_TEST(categories_table)
{
	RUN_CASES(category_cases);
}
END_TEST

static const struct http_case summary_cases[] = {
	{"GET", "/api/v1/lex-sarah-reports/summary", T_READER, NULL, 400, "invalid_period", "period"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021-Q9", T_READER, NULL, 400,
	 "invalid_period", NULL},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&group_by=kommun", T_READER, NULL, 400,
	 "invalid_query", "group_by"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&cumulative=ja", T_READER, NULL, 400,
	 "invalid_query", "cumulative"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&overdue_days=0", T_READER, NULL, 400,
	 "invalid_query", "overdue_days"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&unit_id=99", T_READER, NULL, 404,
	 "not_found", "unit_id"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_READER, NULL, 200, NULL,
	 "\"total\":0"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_NONE, NULL, 401, "unauthorized",
	 NULL},
	{"POST", "/api/v1/lex-sarah-reports/summary", T_SENS_EDITOR, "{}", 405, "method_not_allowed",
	 NULL},
};

START_TEST(summary_table)
{
	RUN_CASES(summary_cases);
}
END_TEST

static json_t *find(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it) {
		const char *v = json_string_value(json_object_get(it, key));
		if (v && strcmp(v, value) == 0)
			return it;
	}
	return NULL;
}

static json_int_t geti(json_t *o, const char *key)
{
	ck_assert_msg(json_is_integer(json_object_get(o, key)), "%s is not an integer", key);
	return json_integer_value(json_object_get(o, key));
}

/* Five reports in 2021 on two units, and one in 2020. */
static void register_2021(void)
{
	create("/api/v1/units", "{\"code\":\"F\",\"name\":\"Fenhet\",\"kind\":\"enhet\"}");
	/* 1: done in 20 days, not serious */
	create("/api/v1/lex-sarah-reports", LSON(",\"reported_on\":\"2021-01-10\",\"status\":"
	       "\"avslutad\",\"investigation_done_on\":\"2021-01-30\",\"outcome\":"
	       "\"inget_missforhallande\""));
	/* 2: serious, notified, done in 40 days */
	create("/api/v1/lex-sarah-reports", LSON(",\"reported_on\":\"2021-02-01\",\"status\":"
	       "\"avslutad\",\"investigation_done_on\":\"2021-03-13\",\"outcome\":"
	       "\"allvarligt_missforhallande\",\"ivo_notified_on\":\"2021-02-05\""));
	/* 3: serious and not notified: an inconsistency */
	create("/api/v1/lex-sarah-reports", "{\"unit_id\":2,\"law\":\"LSS\",\"category\":\"system\","
	       "\"reported_on\":\"2021-03-01\",\"status\":\"avslutad\",\"investigation_done_on\":"
	       "\"2021-04-30\",\"outcome\":\"allvarlig_risk\"}");
	/* 4: notified, still open at year end: late for IVO and overdue */
	create("/api/v1/lex-sarah-reports", "{\"unit_id\":2,\"law\":\"SoL\",\"category\":\"system\","
	       "\"reported_on\":\"2021-09-01\",\"status\":\"under_utredning\",\"ivo_notified_on\":"
	       "\"2021-09-15\"}");
	/* 5: open, reported 2021-12-01: 30 days at year end, not overdue with 60 */
	create("/api/v1/lex-sarah-reports", LSON(",\"reported_on\":\"2021-12-01\""));
	/* 6: 2020 */
	create("/api/v1/lex-sarah-reports", LSON(",\"reported_on\":\"2020-12-31\""));
}

START_TEST(summary_figures)
{
	struct tresp r;
	register_2021();
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_SENS_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 5);
	ck_assert_int_eq(geti(r.json, "ivo_notified"), 2);
	json_t *g = json_object_get(r.json, "groups");
	ck_assert_uint_eq(json_array_size(g), 2);
	ck_assert_int_eq(geti(find(g, "key", "bemotande"), "count"), 3);
	ck_assert_str_eq(json_string_value(json_object_get(find(g, "key", "bemotande"), "name")),
			 "Bemötande");
	ck_assert_int_eq(geti(find(g, "key", "system"), "ivo_notified"), 1);
	json_t *o = json_object_get(r.json, "by_outcome");
	ck_assert_int_eq(geti(find(o, "key", "ej_bedomd"), "count"), 2);
	ck_assert_int_eq(geti(find(o, "key", "allvarlig_risk"), "count"), 1);
	json_t *days = json_object_get(r.json, "investigation_days");
	ck_assert_int_eq(geti(days, "count"), 3);
	ck_assert_double_eq(json_number_value(json_object_get(days, "median")), 40.0);
	ck_assert_int_eq(geti(days, "max"), 60);
	/* 4, and 6 from 2020 (still open a year on), are overdue; 5 (30 days) is not */
	json_t *od = json_object_get(r.json, "open_overdue");
	ck_assert_uint_eq(json_array_size(od), 2);
	ck_assert_int_eq(json_integer_value(json_array_get(od, 0)), 6);   /* by reported_on */
	ck_assert_int_eq(json_integer_value(json_array_get(od, 1)), 4);
	ck_assert_int_eq(geti(r.json, "open_overdue_count"), 2);
	json_t *inc = json_object_get(r.json, "inconsistencies");
	ck_assert_uint_eq(json_array_size(inc), 2);
	ck_assert_int_eq(geti(json_array_get(inc, 0), "id"), 3);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_array_get(inc, 0),
							   "problem")), "without an IVO"));
	ck_assert_int_eq(geti(json_array_get(inc, 1), "id"), 4);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_array_get(inc, 1),
							   "problem")), "two months"));
	tresp_free(&r);

	/* the deadline is configurable */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021&overdue_days=29",
			     T_SENS_READER, NULL, &r), 200);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "open_overdue")), 3);
	tresp_free(&r);
	/* A reader without `sensitive` gets the counts only: which report is overdue or
	 * inconsistent tells of its dates and outcome. */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_READER, NULL,
			     &r), 200);
	ck_assert(json_is_null(json_object_get(r.json, "open_overdue")));
	ck_assert(json_is_null(json_object_get(r.json, "inconsistencies")));
	ck_assert_int_eq(geti(r.json, "open_overdue_count"), 2);
	ck_assert_int_eq(geti(r.json, "inconsistency_count"), 2);
	ck_assert_ptr_null(strstr(r.body, "\"id\""));
	tresp_free(&r);
	/* as at the end of 2020, report 6 was a day old */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2020", T_SENS_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "open_overdue")), 0);
	tresp_free(&r);

	/* by unit, and one unit's subtree */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021&group_by=unit",
			     T_READER, NULL, &r), 200);
	g = json_object_get(r.json, "groups");
	ck_assert_int_eq(geti(find(g, "key", "E"), "count"), 3);
	ck_assert_str_eq(json_string_value(json_object_get(find(g, "key", "F"), "name")), "Fenhet");
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021&unit_id=2",
			     T_READER, NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 2);
	tresp_free(&r);

	/* a quarter alone, and cumulative from January */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021-Q1", T_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 3);
	/* as at 2021-03-31: report 3 not finished yet, so not counted in the days, not yet
	 * assessed and not yet an inconsistency */
	ck_assert_int_eq(geti(json_object_get(r.json, "investigation_days"), "count"), 2);
	ck_assert_int_eq(geti(find(json_object_get(r.json, "by_outcome"), "key", "ej_bedomd"),
			      "count"), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "inconsistencies")), 0);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021-Q3", T_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 1);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021-Q3&cumulative=true",
			     T_READER, NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 4);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "from")), "2021-01-01");
	tresp_free(&r);
}
END_TEST

START_TEST(if_match_and_content_type)
{
	char hdr[768], out[4096];
	struct tresp r;
	create("/api/v1/lex-sarah-reports", LS(""));
	snprintf(hdr, sizeof hdr, "PATCH /api/v1/lex-sarah-reports/1 HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\nAuthorization: Bearer %s\r\nIf-Match: \"1\"\r\n"
		 "Content-Type: application/json\r\nContent-Length: 15\r\n\r\n"
		 "{\"summary\":\"x\"}", T.token[T_SENS_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK") && strstr(out, "ETag: \"2\""), "%s", out);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 ") && strstr(out, "stale_version"), "%s", out);
	ck_assert_int_eq(http("POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "text/plain",
			      "x", 1, &r), 415);
	tresp_free(&r);
	ck_assert_int_eq(http("POST", "/api/v1/decisions", T_SENS_EDITOR, "text/plain", "x", 1, &r),
			 415);
	tresp_free(&r);
}
END_TEST

START_TEST(audit_trail)
{
	struct tresp r;
	int64_t id = create("/api/v1/lex-sarah-reports", LS(""));
	ck_assert_int_eq(req("PATCH", "/api/v1/lex-sarah-reports/1", T_SENS_EDITOR,
			     "{\"summary\":\"Tillägg\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=lex_sarah_report&entity_id=1", T_ADMIN,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 2);
	tresp_free(&r);
}
END_TEST

/* Under --open-read: anonymous summary with 1-2 suppressed and no ids; detail closed. */
START_TEST(open_read_suppression)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_NONE, NULL,
			     &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 7);
	ck_assert_int_eq(geti(r.json, "ivo_notified"), 3);
	json_t *g = json_object_get(r.json, "groups");
	json_t *sys = find(g, "key", "system");
	ck_assert(json_is_null(json_object_get(sys, "count")));
	ck_assert(json_is_true(json_object_get(sys, "suppressed")));
	ck_assert(json_is_null(json_object_get(find(g, "key", "sekretess_informationssakerhet"),
					       "count")));
	ck_assert(json_is_null(json_object_get(r.json, "open_overdue")));
	ck_assert(json_is_null(json_object_get(r.json, "inconsistencies")));
	ck_assert_int_eq(geti(r.json, "inconsistency_count"), 0);
	tresp_free(&r);
	/* January-August 2017 in Tyresö: two reports, suppressed as a total too */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2017-T2&cumulative="
			     "true&unit_id=1", T_NONE, NULL, &r), 200);
	ck_assert(json_is_null(json_object_get(r.json, "total")));
	ck_assert(json_is_true(json_object_get(r.json, "suppressed")));
	ck_assert_int_eq(geti(r.json, "ivo_notified"), 0);
	tresp_free(&r);
	/* a token holder sees every count */
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_READER, NULL,
			     &r), 200);
	ck_assert_int_eq(geti(find(json_object_get(r.json, "groups"), "key", "system"), "count"), 1);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports", T_NONE, NULL, &r), 401);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/1", T_NONE, NULL, &r), 401);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/lex-sarah-reports", T_NONE, "{}", &r), 401);
	tresp_free(&r);
}
END_TEST

Suite *lex_sarah_http_suite(void)
{
	Suite *s = suite_create("lex_sarah_http");
	TCase *tc = tcase_create("lex_sarah");
	tcase_add_checked_fixture(tc, setup, tsrv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, crud_table);
	tcase_add_test(tc, unicode_pnr_table);
	tcase_add_test(tc, categories_table);
	tcase_add_test(tc, summary_table);
	tcase_add_test(tc, summary_figures);
	tcase_add_test(tc, if_match_and_content_type);
	tcase_add_test(tc, audit_trail);
	suite_add_tcase(s, tc);
	tc = tcase_create("open_read");
	tcase_add_checked_fixture(tc, tsrv_setup_open, tsrv_teardown);
	tcase_add_test(tc, open_read_suppression);
	suite_add_tcase(s, tc);
	return s;
}
