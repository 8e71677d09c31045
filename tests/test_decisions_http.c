/*
 * The register of decisions not executed over HTTP: a table of request cases for every status
 * the resource, its managed list and its three reports answer (every role boundary, every
 * validation error), then the behaviours a table cannot show: the IVO report's new / carried
 * over / resolved and totals, its CSV, the council report's buckets, If-Match, the audit trail
 * and small-number suppression for anonymous reads.
 */
#include <string.h>

#include "support.h"

#define DEC0 "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":\"barn_och_familj\"," \
	"\"insats\":\"familjehem\",\"gender\":\"K\""
#define DEC(extra) DEC0 ",\"decided_on\":\"2021-03-15\"" extra "}"
/* a familjehem decision with its own decided_on in @p extra */
#define DECON(extra) DEC0 extra "}"
#define PNR "Anna 19811218-9876"

/* Every test starts with one unit (id 1). */
static void setup(void)
{
	tsrv_setup();
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
}

static const struct http_case crud_cases[] = {
	/* create */
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"reference\":\"D-1\",\"delay_reason\":"
	 "\"Familjehem saknas\""), 201, NULL, "\"reference\":\"D-1\""},
	{"POST", "/api/v1/decisions", T_ADMIN, DEC(",\"executed_on\":\"2021-04-01\""), 201, NULL,
	 "\"executed_on\":\"2021-04-01\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{}", 422, "invalid_input", "decided_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"XYZ\",\"inriktning\":"
	 "\"barn\",\"insats\":\"familjehem\",\"decided_on\":\"2021-02-29\",\"gender\":\"F\","
	 "\"extra\":1}", 422, "invalid_input", "\"field\":\"gender\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":99,\"law\":\"SoL\",\"inriktning\":"
	 "\"missbruk\",\"insats\":\"familjehem\",\"decided_on\":\"2021-03-15\",\"gender\":\"M\"}",
	 422, "unknown_reference", "unit_id"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":"
	 "\"missbruk\",\"insats\":\"rymdresa\",\"decided_on\":\"2021-03-15\",\"gender\":\"M\"}",
	 422, "unknown_reference", "insats"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":"
	 "\"ovrigt\",\"insats\":\"lss_10_daglig_verksamhet\",\"decided_on\":\"2021-03-15\","
	 "\"gender\":\"M\"}", 422, "invalid_input", "under LSS, not SoL"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"executed_on\":\"2021-03-14\""), 422,
	 "invalid_input", "is before decided_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"interrupted_on\":\"2021-05-01\""), 422,
	 "invalid_input", "an interruption needs executed_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"executed_on\":\"2021-04-01\","
	 "\"interrupted_on\":\"2021-05-01\",\"resumed_on\":\"2021-04-20\""), 422, "invalid_input",
	 "is before interrupted_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"closed_on\":\"2021-05-01\""), 422,
	 "invalid_input", "close_reason"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"close_reason\":\"aterkallad\""), 422,
	 "invalid_input", "\"field\":\"closed_on\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"closed_on\":\"2021-05-01\","
	 "\"close_reason\":\"verkstallt\""), 422, "invalid_input", "\"field\":\"executed_on\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"closed_on\":\"2021-03-01\","
	 "\"close_reason\":\"aterkallad\""), 422, "invalid_input", "closed_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"close_reason\":\"borta\","
	 "\"closed_on\":\"2021-05-01\""), 422, "invalid_input", "close_reason"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"delay_reason\":\"" PNR "\""), 422,
	 "invalid_input", "personnummer"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"measures\":\"" PNR "\""), 422,
	 "invalid_input", "\"field\":\"measures\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC(",\"reference\":\"198112189876\""), 422,
	 "invalid_input", "\"field\":\"reference\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,", 400, "invalid_json", NULL},
	{"POST", "/api/v1/decisions", T_EDITOR, DEC(""), 403, "forbidden", "sensitive"},
	{"POST", "/api/v1/decisions", T_SENS_READER, DEC(""), 403, "forbidden", NULL},
	{"POST", "/api/v1/decisions", T_NONE, DEC(""), 401, "unauthorized", NULL},
	{"POST", "/api/v1/decisions", T_BAD, DEC(""), 401, "unauthorized", NULL},
	/* read */
	{"GET", "/api/v1/decisions", T_SENS_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/decisions?period=2021-Q1", T_SENS_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/decisions?period=2021-Q2", T_SENS_READER, NULL, 200, NULL, "\"total\":0"},
	{"GET", "/api/v1/decisions?insats=familjehem&law=SoL&inriktning=barn_och_familj&unit_id=1",
	 T_SENS_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/decisions?limit=1&offset=1", T_SENS_READER, NULL, 200, NULL,
	 "\"total\":2,\"limit\":1,\"offset\":1"},
	{"GET", "/api/v1/decisions?format=csv", T_SENS_READER, NULL, 200, NULL, "decided_on"},
	{"GET", "/api/v1/decisions?period=2021-Q5", T_SENS_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/decisions?unit_id=99", T_SENS_READER, NULL, 404, "not_found", "unit_id"},
	{"GET", "/api/v1/decisions?limit=0", T_SENS_READER, NULL, 400, "invalid_query", "limit"},
	{"GET", "/api/v1/decisions", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/decisions", T_EDITOR, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/decisions", T_NONE, NULL, 401, "unauthorized", NULL},
	{"GET", "/api/v1/decisions/1", T_SENS_READER, NULL, 200, NULL, "\"gender\":\"K\""},
	{"GET", "/api/v1/decisions/99", T_SENS_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/decisions/abc", T_SENS_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/decisions/1", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/decisions/1", T_NONE, NULL, 401, "unauthorized", NULL},
	/* patch */
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"executed_on\":\"2021-07-01\"}", 200, NULL,
	 "\"version\":2"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"executed_on\":null}", 200, NULL,
	 "\"executed_on\":null"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"resumed_on\":\"2021-07-01\"}", 422,
	 "invalid_input", "a resumption needs interrupted_on"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"measures\":\"" PNR "\"}", 422,
	 "invalid_input", "personnummer"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"insats\":\"nix\"}", 422,
	 "unknown_reference", NULL},
	{"PATCH", "/api/v1/decisions/99", T_SENS_EDITOR, "{}", 404, "not_found", NULL},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "nope", 400, "invalid_json", NULL},
	{"PATCH", "/api/v1/decisions/1", T_EDITOR, "{}", 403, "forbidden", NULL},
	{"PATCH", "/api/v1/decisions/1", T_NONE, "{}", 401, "unauthorized", NULL},
	/* the unit is referenced now */
	{"DELETE", "/api/v1/units/1", T_ADMIN, NULL, 409, "referenced", NULL},
	/* delete */
	{"DELETE", "/api/v1/decisions/2", T_EDITOR, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/decisions/2", T_NONE, NULL, 401, "unauthorized", NULL},
	{"DELETE", "/api/v1/decisions/2", T_SENS_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/decisions/2", T_SENS_EDITOR, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/decisions", T_SENS_READER, NULL, 200, NULL, "\"total\":1"},
	{"PUT", "/api/v1/decisions/1", T_SENS_EDITOR, "{}", 405, "method_not_allowed", NULL},
};

START_TEST(crud_table)
{
	RUN_CASES(crud_cases);
}
END_TEST

static const struct http_case insats_cases[] = {
	{"GET", "/api/v1/decision-insatser", T_READER, NULL, 200, NULL, "lss_10_daglig_verksamhet"},
	{"GET", "/api/v1/decision-insatser", T_READER, NULL, 200, NULL, "\"total\":25"},
	{"GET", "/api/v1/decision-insatser?format=csv", T_READER, NULL, 200, NULL, "familjehem"},
	{"GET", "/api/v1/decision-insatser", T_NONE, NULL, 401, "unauthorized", NULL},
	{"POST", "/api/v1/decision-insatser", T_SENS_EDITOR, "{\"code\":\"stodfamilj\",\"name\":"
	 "\"Stödfamilj\",\"law\":\"SoL\"}", 201, NULL, "\"code\":\"stodfamilj\""},
	{"POST", "/api/v1/decision-insatser", T_SENS_EDITOR, "{\"code\":\"stodfamilj\",\"name\":"
	 "\"Igen\",\"law\":\"SoL\"}", 409, "duplicate", NULL},
	{"POST", "/api/v1/decision-insatser", T_SENS_EDITOR, "{\"code\":\"Stöd familj\",\"name\":"
	 "\"X\",\"law\":\"SoL\"}", 422, "invalid_input", "code"},
	{"POST", "/api/v1/decision-insatser", T_SENS_EDITOR, "{\"code\":\"x\",\"name\":\"" PNR "\","
	 "\"law\":\"SoL\"}", 422, "invalid_input", "personnummer"},
	{"POST", "/api/v1/decision-insatser", T_SENS_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
	 "\"law\":\"HSL\"}", 422, "invalid_input", "law"},
	{"POST", "/api/v1/decision-insatser", T_EDITOR, "{}", 403, "forbidden", NULL},
	{"POST", "/api/v1/decision-insatser", T_NONE, "{}", 401, "unauthorized", NULL},
	{"GET", "/api/v1/decision-insatser", T_READER, NULL, 200, NULL, "\"total\":26"},
	/* a new insats can be used at once */
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":"
	 "\"barn_och_familj\",\"insats\":\"stodfamilj\",\"decided_on\":\"2021-03-15\","
	 "\"gender\":\"annat\"}", 201, NULL, "stodfamilj"},
};

START_TEST(insatser_table)
{
	RUN_CASES(insats_cases);
}
END_TEST

static const struct http_case report_cases[] = {
	{"GET", "/api/v1/decisions/ivo-report", T_SENS_READER, NULL, 400, "invalid_period", "quarter"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q5", T_SENS_READER, NULL, 400,
	 "invalid_period", "Q1, Q2, Q3 or Q4"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-04", T_SENS_READER, NULL, 400,
	 "invalid_period", "must be a quarter"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021", T_SENS_READER, NULL, 400,
	 "invalid_period", "must be a quarter"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3&horizon_days=10", T_SENS_READER, NULL,
	 400, "invalid_query", "horizon_days"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3&unit_id=99", T_SENS_READER, NULL, 404,
	 "not_found", "unit_id"},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_SENS_READER, NULL, 200, NULL,
	 "\"cut_off\":\"2021-09-30\""},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_NONE, NULL, 401, "unauthorized",
	 NULL},
	{"GET", "/api/v1/decisions/council-report", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/decisions/council-report?quarter=2021-Q3&period=2021", T_READER, NULL, 400,
	 "invalid_period", "exactly one"},
	{"GET", "/api/v1/decisions/council-report?quarter=2021-T2", T_READER, NULL, 400,
	 "invalid_period", "must be a quarter"},
	{"GET", "/api/v1/decisions/council-report?period=2021-X1", T_READER, NULL, 400,
	 "invalid_period", NULL},
	{"GET", "/api/v1/decisions/council-report?quarter=2021-Q3", T_READER, NULL, 200, NULL,
	 "\"by_wait\""},
	{"GET", "/api/v1/decisions/council-report?period=2021-T2", T_READER, NULL, 200, NULL,
	 "\"cut_off\":\"2021-08-31\""},
	{"GET", "/api/v1/decisions/council-report?quarter=2021-Q3", T_NONE, NULL, 401, "unauthorized",
	 NULL},
	{"GET", "/api/v1/decisions/summary", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/decisions/summary?year=21x", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/decisions/summary?year=1800", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/decisions/summary?year=2021", T_READER, NULL, 200, NULL, "\"quarters\""},
	{"GET", "/api/v1/decisions/summary?year=2021", T_NONE, NULL, 401, "unauthorized", NULL},
	{"POST", "/api/v1/decisions/summary?year=2021", T_SENS_EDITOR, "{}", 405,
	 "method_not_allowed", NULL},
};

START_TEST(reports_table)
{
	RUN_CASES(report_cases);
}
END_TEST

/* Finds the item of array @p arr whose @p key is the string @p value; NULL when none. */
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

/* A register for 2021-Q3 through the API. */
static void q3_register(void)
{
	create("/api/v1/decisions", DECON(",\"reference\":\"CARRIED\",\"decided_on\":\"2021-03-15\","
	       "\"delay_reason\":\"Familjehem saknas\""));
	create("/api/v1/decisions", "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":\"missbruk\","
	       "\"insats\":\"kontaktperson\",\"decided_on\":\"2021-06-10\",\"gender\":\"M\","
	       "\"reference\":\"NEW\"}");
	create("/api/v1/decisions", "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":"
	       "\"barn_och_familj\",\"insats\":\"oppenvard_familjebehandling\",\"decided_on\":"
	       "\"2020-10-01\",\"executed_on\":\"2020-11-02\",\"interrupted_on\":\"2021-05-03\","
	       "\"gender\":\"K\",\"reference\":\"AVBROTT\"}");
	create("/api/v1/decisions", DECON(",\"reference\":\"DONE\",\"decided_on\":\"2021-02-01\","
	       "\"executed_on\":\"2021-08-16\""));
	create("/api/v1/decisions", DECON(",\"reference\":\"CLOSED\",\"decided_on\":\"2021-01-10\","
	       "\"closed_on\":\"2021-07-05\",\"close_reason\":\"aterkallad\""));
	create("/api/v1/decisions", DECON(",\"reference\":\"INTIME\",\"decided_on\":\"2021-05-01\","
	       "\"executed_on\":\"2021-07-20\""));
	create("/api/v1/decisions", "{\"unit_id\":1,\"law\":\"LSS\",\"inriktning\":\"ovrigt\","
	       "\"insats\":\"lss_10_daglig_verksamhet\",\"decided_on\":\"2020-01-31\","
	       "\"gender\":\"annat\",\"reference\":\"LONG\"}");
	create("/api/v1/decisions", DECON(",\"reference\":\"ONDEADLINE\",\"decided_on\":\"2021-06-30\""));
}

START_TEST(ivo_report_content)
{
	struct tresp r;
	q3_register();
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_SENS_READER,
			     NULL, &r), 200);
	json_t *rep = json_object_get(r.json, "reportable");
	ck_assert_uint_eq(json_array_size(rep), 4);
	json_t *c = find(rep, "reference", "CARRIED");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(json_string_value(json_object_get(c, "status")), "carried_over");
	ck_assert_str_eq(json_string_value(json_object_get(c, "kind")), "beslut");
	ck_assert_str_eq(json_string_value(json_object_get(c, "deadline")), "2021-06-15");
	ck_assert_int_eq(geti(c, "days_waited"), 199);
	ck_assert_str_eq(json_string_value(json_object_get(c, "delay_reason")), "Familjehem saknas");
	ck_assert(json_is_true(json_object_get(c, "at_risk")));
	json_t *n = find(rep, "reference", "NEW");
	ck_assert_str_eq(json_string_value(json_object_get(n, "status")), "new");
	ck_assert(json_is_false(json_object_get(n, "at_risk")));
	json_t *a = find(rep, "reference", "AVBROTT");
	ck_assert_str_eq(json_string_value(json_object_get(a, "kind")), "avbrott");
	ck_assert_str_eq(json_string_value(json_object_get(a, "deadline")), "2021-08-03");
	ck_assert_int_eq(geti(a, "days_waited"), 150);
	ck_assert_ptr_nonnull(find(rep, "reference", "LONG"));
	ck_assert_ptr_null(find(rep, "reference", "ONDEADLINE"));
	ck_assert_ptr_null(find(rep, "reference", "INTIME"));

	json_t *res = json_object_get(r.json, "resolved");
	ck_assert_uint_eq(json_array_size(res), 2);
	json_t *d = find(res, "reference", "DONE");
	ck_assert_str_eq(json_string_value(json_object_get(d, "how")), "verkstallt");
	ck_assert_str_eq(json_string_value(json_object_get(d, "on")), "2021-08-16");
	json_t *cl = find(res, "reference", "CLOSED");
	ck_assert_str_eq(json_string_value(json_object_get(cl, "how")), "avslutat");

	json_t *tot = json_object_get(r.json, "totals");
	ck_assert_int_eq(geti(tot, "count"), 4);
	ck_assert_int_eq(geti(tot, "avbrott"), 1);
	ck_assert_int_eq(geti(tot, "at_risk"), 2);
	ck_assert_int_eq(geti(find(json_object_get(tot, "by_law"), "key", "LSS"), "count"), 1);
	ck_assert_int_eq(geti(find(json_object_get(tot, "by_law"), "key", "SoL"), "count"), 3);
	ck_assert_int_eq(geti(find(json_object_get(tot, "by_gender"), "key", "K"), "count"), 2);
	ck_assert_int_eq(geti(find(json_object_get(tot, "by_insats"), "key", "familjehem"),
			      "count"), 1);
	ck_assert_int_eq(geti(find(json_object_get(tot, "by_inriktning"), "key", "missbruk"),
			      "count"), 1);
	tresp_free(&r);

	/* the horizon is a parameter */
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3&horizon_days=700",
			     T_SENS_READER, NULL, &r), 200);
	ck_assert_int_eq(geti(json_object_get(r.json, "totals"), "at_risk"), 0);
	tresp_free(&r);

	/* the same register one quarter earlier: CARRIED was new then */
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q2", T_SENS_READER,
			     NULL, &r), 200);
	c = find(json_object_get(r.json, "reportable"), "reference", "CARRIED");
	ck_assert_str_eq(json_string_value(json_object_get(c, "status")), "new");
	tresp_free(&r);
}
END_TEST

START_TEST(ivo_report_csv)
{
	struct tresp r;
	char ct[128];
	q3_register();
	ck_assert_int_eq(http("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3&format=csv",
			      T_SENS_READER, NULL, NULL, 0, &r), 200);
	ck_assert_ptr_nonnull(tresp_header(&r, "Content-Type", ct, sizeof ct));
	ck_assert_ptr_nonnull(strstr(ct, "text/csv"));
	ck_assert_ptr_nonnull(strstr(r.body, "days_waited"));
	ck_assert_ptr_nonnull(strstr(r.body, "CARRIED"));
	ck_assert_ptr_nonnull(strstr(r.body, "AVBROTT"));
	ck_assert_ptr_null(strstr(r.body, "INTIME"));
	char *header_line = strstr(r.body, "id;reference;kind;");
	ck_assert_ptr_nonnull(header_line);
	size_t header_len = strcspn(header_line, "\r");
	tresp_free(&r);
	/* nothing to report: the same header alone */
	ck_assert_int_eq(http("GET", "/api/v1/decisions/ivo-report?quarter=2019-Q1&format=csv",
			      T_SENS_READER, NULL, NULL, 0, &r), 200);
	ck_assert_ptr_nonnull(tresp_header(&r, "Content-Type", ct, sizeof ct));
	ck_assert_ptr_nonnull(strstr(ct, "text/csv"));
	ck_assert_ptr_nonnull(strstr(r.body, "id;reference;kind;"));
	ck_assert_uint_eq(strcspn(strstr(r.body, "id;"), "\r"), header_len);
	tresp_free(&r);
}
END_TEST

START_TEST(council_report_content)
{
	struct tresp r;
	q3_register();
	ck_assert_int_eq(req("GET", "/api/v1/decisions/council-report?quarter=2021-Q3", T_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "count"), 4);
	ck_assert_int_eq(geti(r.json, "avbrott"), 1);
	/* de-identified: no references, no reasons */
	ck_assert_ptr_null(strstr(r.body, "CARRIED"));
	ck_assert_ptr_null(strstr(r.body, "Familjehem saknas"));
	json_t *wait = json_object_get(r.json, "by_wait");
	ck_assert_uint_eq(json_array_size(wait), 5);
	/* CARRIED 6 months, NEW 3, AVBROTT 4 -> 3-6; LONG 20 months -> 18+ */
	ck_assert_int_eq(geti(find(wait, "months", "3-6"), "count"), 3);
	ck_assert_int_eq(geti(find(wait, "months", "18+"), "count"), 1);
	ck_assert_int_eq(geti(find(wait, "months", "7-9"), "count"), 0);
	json_t *oppen = find(json_object_get(r.json, "by_insats"), "key",
			     "oppenvard_familjebehandling");
	ck_assert_int_eq(geti(oppen, "avbrott"), 1);
	ck_assert_int_eq(geti(find(json_object_get(r.json, "by_gender"), "key", "M"), "count"), 1);
	ck_assert_ptr_null(json_object_get(r.json, "suppressed"));
	tresp_free(&r);
}
END_TEST

START_TEST(summary_content)
{
	struct tresp r;
	q3_register();
	ck_assert_int_eq(req("GET", "/api/v1/decisions/summary?year=2021", T_READER, NULL, &r), 200);
	/* reportable at some quarter's end of 2021: CARRIED, NEW, AVBROTT, LONG, DONE (Q2),
	 * CLOSED (Q2), ONDEADLINE (Q4) */
	ck_assert_int_eq(geti(r.json, "total"), 7);
	json_t *q = json_object_get(r.json, "quarters");
	ck_assert_uint_eq(json_array_size(q), 4);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(q, 0), "quarter")),
			 "2021-Q1");
	ck_assert_int_eq(geti(json_array_get(q, 0), "count"), 1);   /* LONG */
	ck_assert_int_eq(geti(json_array_get(q, 1), "count"), 4);   /* LONG CARRIED DONE CLOSED */
	ck_assert_int_eq(geti(json_array_get(q, 2), "count"), 4);
	ck_assert_int_eq(geti(json_array_get(q, 3), "count"), 5);   /* + ONDEADLINE */
	ck_assert_int_eq(geti(find(json_object_get(r.json, "by_insats"), "key", "familjehem"),
			      "count"), 4);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/decisions/summary?year=2021&unit_id=1", T_READER, NULL,
			     &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 7);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/decisions/summary?year=2019", T_READER, NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 0);
	tresp_free(&r);
}
END_TEST

START_TEST(if_match_and_audit)
{
	char hdr[768], out[4096];
	struct tresp r;
	create("/api/v1/decisions", DEC(""));
	snprintf(hdr, sizeof hdr, "PATCH /api/v1/decisions/1 HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\nAuthorization: Bearer %s\r\nIf-Match: \"1\"\r\n"
		 "Content-Type: application/json\r\nContent-Length: 28\r\n\r\n"
		 "{\"executed_on\":\"2021-04-01\"}", T.token[T_SENS_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK") && strstr(out, "ETag: \"2\""), "%s", out);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 ") && strstr(out, "stale_version"), "%s", out);
	snprintf(hdr, sizeof hdr, "DELETE /api/v1/decisions/1 HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\nAuthorization: Bearer %s\r\nIf-Match: \"1\"\r\n\r\n",
		 T.token[T_SENS_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 "), "%s", out);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=decision&entity_id=1", T_ADMIN, NULL, &r),
			 200);
	ck_assert_int_eq(geti(r.json, "total"), 2);
	tresp_free(&r);
}
END_TEST

/* Under --open-read, anonymous reads see the statistics with 1 and 2 suppressed; token
 * holders see every count; detail stays closed.  The demo data set is loaded. */
START_TEST(open_read_suppression)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/decisions/summary?year=2021", T_NONE, NULL, &r), 200);
	ck_assert_int_eq(geti(r.json, "total"), 13);
	json_t *bi = json_object_get(r.json, "by_insats");
	json_t *kf = find(bi, "key", "kontaktfamilj");
	ck_assert(json_is_null(json_object_get(kf, "count")));
	ck_assert(json_is_true(json_object_get(kf, "suppressed")));
	ck_assert(json_is_null(json_object_get(find(bi, "key", "kontaktperson"), "count")));
	json_t *ov = find(bi, "key", "oppenvard_familjebehandling");
	ck_assert_int_eq(geti(ov, "count"), 9);
	ck_assert_ptr_null(json_object_get(ov, "suppressed"));
	/* zero singles out nobody and is shown */
	ck_assert_int_eq(geti(json_array_get(json_object_get(r.json, "quarters"), 0), "count"), 0);
	tresp_free(&r);

	ck_assert_int_eq(req("GET", "/api/v1/decisions/summary?year=2021", T_READER, NULL, &r), 200);
	kf = find(json_object_get(r.json, "by_insats"), "key", "kontaktfamilj");
	ck_assert_int_eq(geti(kf, "count"), 1);
	ck_assert_ptr_null(json_object_get(kf, "suppressed"));
	tresp_free(&r);

	ck_assert_int_eq(req("GET", "/api/v1/decisions/council-report?quarter=2021-Q3", T_NONE, NULL,
			     &r), 200);
	ck_assert(json_is_null(json_object_get(r.json, "count")));   /* 2 */
	ck_assert(json_is_true(json_object_get(r.json, "suppressed")));
	tresp_free(&r);

	ck_assert_int_eq(req("GET", "/api/v1/decisions", T_NONE, NULL, &r), 401);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/decisions/1", T_NONE, NULL, &r), 401);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_NONE, NULL,
			     &r), 401);
	tresp_free(&r);
}
END_TEST

Suite *decisions_http_suite(void)
{
	Suite *s = suite_create("decisions_http");
	TCase *tc = tcase_create("decisions");
	tcase_add_checked_fixture(tc, setup, tsrv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, crud_table);
	tcase_add_test(tc, insatser_table);
	tcase_add_test(tc, reports_table);
	tcase_add_test(tc, ivo_report_content);
	tcase_add_test(tc, ivo_report_csv);
	tcase_add_test(tc, council_report_content);
	tcase_add_test(tc, summary_content);
	tcase_add_test(tc, if_match_and_audit);
	suite_add_tcase(s, tc);
	tc = tcase_create("open_read");
	tcase_add_checked_fixture(tc, tsrv_setup_open, tsrv_teardown);
	tcase_add_test(tc, open_read_suppression);
	suite_add_tcase(s, tc);
	return s;
}
