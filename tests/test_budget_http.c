/*
 * HTTP tests for the budget endpoints (src/api/budget.c): budget lines CRUD with every
 * error, the bulk import in JSON and CSV (Swedish number forms, BOM, row errors, dry run,
 * all or nothing), unit budget settings, and the rollup: query errors, periodisation through
 * the API, settings taking effect, CSV, and the memoised reply going stale on a write.
 *
 * Each test runs on a fresh database holding one small tree, made by setup():
 *     1 K (kommun) ─ 2 A (avdelning)
 *                  └ 3 B (avdelning)
 */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static void setup(void)
{
	tsrv_setup();
	ck_assert_int_eq(create("/api/v1/units", "{\"code\":\"K\",\"name\":\"Kommun\","
				"\"kind\":\"kommun\"}"), 1);
	ck_assert_int_eq(create("/api/v1/units", "{\"code\":\"A\",\"name\":\"Avd A\","
				"\"kind\":\"avdelning\",\"parent_id\":1}"), 2);
	ck_assert_int_eq(create("/api/v1/units", "{\"code\":\"B\",\"name\":\"Avd B\","
				"\"kind\":\"avdelning\",\"parent_id\":1}"), 3);
}

#define LINE(unit, month, measure, amount) \
	"{\"unit_id\":" #unit ",\"activity\":\"410\",\"account\":\"4000\",\"year\":2021," \
	"\"month\":" #month ",\"measure\":\"" measure "\",\"amount_kr\":" #amount "}"

START_TEST(lines_crud_and_errors)
{
	ck_assert_int_eq(create("/api/v1/budget-lines", LINE(2, 1, "outcome", -1000)), 1);
	static const struct http_case cases[] = {
		{"GET", "/api/v1/budget-lines/1", T_READER, NULL, 200, NULL, "\"amount_kr\":-1000"},
		{"GET", "/api/v1/budget-lines?unit_id=2&year=2021&measure=outcome", T_READER, NULL,
		 200, NULL, "\"total\":1"},
		{"GET", "/api/v1/budget-lines?unit_id=3", T_READER, NULL, 200, NULL, "\"total\":0"},
		{"GET", "/api/v1/budget-lines?month=13", T_READER, NULL, 400, "invalid_query", NULL},
		{"GET", "/api/v1/budget-lines?format=csv", T_READER, NULL, 200, NULL, "amount_kr"},
		{"GET", "/api/v1/budget-lines/99", T_READER, NULL, 404, "not_found", NULL},
		{"GET", "/api/v1/budget-lines/x", T_READER, NULL, 404, "not_found", NULL},
		{"GET", "/api/v1/budget-lines", T_NONE, NULL, 401, "unauthorized", NULL},
		{"POST", "/api/v1/budget-lines", T_READER, LINE(2, 1, "budget", 1), 403,
		 "forbidden", NULL},
		/* a fraction, a month of 13, an unknown unit: 422 naming the field */
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, 1, "budget", 12.5), 422,
		 "invalid_input", "\"field\":\"amount_kr\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, 13, "budget", 1), 422,
		 "invalid_input", "\"field\":\"month\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(99, 1, "budget", 1), 422,
		 "unknown_reference", "\"field\":\"unit_id\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, null, "outcome", 1), 422,
		 "invalid_input", "only a budget may be annual"},
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, 1, "plan", 1), 422,
		 "invalid_input", "\"field\":\"measure\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":1,\"colour\":1}", 422, "invalid_input",
		 "\"field\":\"colour\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":1,\"activity\":\"811218-9876\"}", 422,
		 "invalid_input", "\"field\":\"activity\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":", 400, "invalid_json",
		 NULL},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "[]", 400, NULL, NULL},
		/* an annual budget is fine */
		{"POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, null, "budget", -1200), 201, NULL,
		 "\"month\":null"},
		{"PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"amount_kr\":-2000}", 200, NULL,
		 "\"version\":2"},
		{"PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"month\":0}", 422, "invalid_input",
		 "\"field\":\"month\""},
		{"PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"unit_id\":77}", 422,
		 "unknown_reference", NULL},
		{"PATCH", "/api/v1/budget-lines/42", T_EDITOR, "{\"amount_kr\":1}", 404, "not_found",
		 NULL},
		{"DELETE", "/api/v1/budget-lines/42", T_EDITOR, NULL, 404, "not_found", NULL},
		{"DELETE", "/api/v1/budget-lines/1", T_READER, NULL, 403, "forbidden", NULL},
		{"PUT", "/api/v1/budget-lines/1", T_EDITOR, "{}", 405, "method_not_allowed", NULL},
	};
	RUN_CASES(cases);

	/* If-Match: a stale version is 412, the current one passes */
	struct tresp r;
	ck_assert_int_eq(http("PATCH", "/api/v1/budget-lines/1", T_EDITOR, NULL,
			      "{\"amount_kr\":5}", 15, &r), 200);
	tresp_free(&r);
	const char *stale = "PATCH /api/v1/budget-lines/1 HTTP/1.1\r\nHost: x\r\n"
		"Authorization: Bearer %s\r\nIf-Match: \"1\"\r\nContent-Type: application/json\r\n"
		"Content-Length: 15\r\nConnection: close\r\n\r\n{\"amount_kr\":6}";
	char raw[512], out[4096];
	snprintf(raw, sizeof raw, stale, T.token[T_EDITOR]);
	http_raw(raw, strlen(raw), out, sizeof out, 2000);
	ck_assert_msg(strstr(out, " 412 ") != NULL, "%s", out);
	snprintf(raw, sizeof raw, "DELETE /api/v1/budget-lines/1 HTTP/1.1\r\nHost: x\r\n"
		 "Authorization: Bearer %s\r\nIf-Match: \"3\"\r\nConnection: close\r\n\r\n",
		 T.token[T_EDITOR]);
	http_raw(raw, strlen(raw), out, sizeof out, 2000);
	ck_assert_msg(strstr(out, " 204 ") != NULL, "%s", out);
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines/1", T_READER, NULL, &r), 404);
	tresp_free(&r);
	/* a unit with budget lines cannot be deleted */
	ck_assert_int_eq(req("DELETE", "/api/v1/units/2", T_EDITOR, NULL, &r), 409);
	tresp_free(&r);
}
END_TEST

/* Every write of a line leaves one audit entry under the entity budget_line. */
START_TEST(lines_audit_trail)
{
	struct tresp r;
	ck_assert_int_eq(create("/api/v1/budget-lines", LINE(2, 1, "outcome", -1000)), 1);
	ck_assert_int_eq(req("PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"amount_kr\":-5}",
			     &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", "/api/v1/budget-lines/1", T_EDITOR, NULL, &r), 204);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=budget_line&entity_id=1", T_ADMIN, NULL,
			     &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 3);
	tresp_free(&r);
}
END_TEST

static int64_t lines_total(const char *query)
{
	struct tresp r;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/budget-lines?%s", query);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	int64_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

static int post_csv(const char *path, const char *csv, struct tresp *r)
{
	return http("POST", path, T_EDITOR, "text/csv; charset=utf-8", csv, strlen(csv), r);
}

START_TEST(import_json_and_dry_run)
{
	const char *body = "[" LINE(2, 1, "budget", -100) "," LINE(3, 2, "outcome", -50) ","
		LINE(2, null, "budget", -1200) "]";
	struct tresp r;
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import?dry_run=true", T_EDITOR, body,
			     &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "valid_rows")), 3);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import", T_EDITOR, body, &r), 201);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "imported")), 3);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 3);

	/* one bad row refuses the whole import and names row and field */
	const char *bad = "[" LINE(2, 1, "budget", -100) "," LINE(2, 14, "budget", -1) ","
		LINE(9, 1, "budget", 1) ", 7]";
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import", T_EDITOR, bad, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "invalid_rows");
	json_t *errs = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errs), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errs, 0), "field")),
			 "month");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errs, 1), "field")),
			 "unit_id");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errs, 2), "row")), 4);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 3);

	static const struct http_case cases[] = {
		{"POST", "/api/v1/budget-lines:import", T_EDITOR, "{}", 400, "invalid_body", NULL},
		{"POST", "/api/v1/budget-lines:import?dry_run=maybe", T_EDITOR, "[]", 400,
		 "invalid_query", NULL},
		{"POST", "/api/v1/budget-lines:import", T_READER, "[]", 403, "forbidden", NULL},
		{"POST", "/api/v1/budget-lines:import", T_EDITOR, "[", 400, "invalid_json", NULL},
	};
	RUN_CASES(cases);
	ck_assert_int_eq(http("POST", "/api/v1/budget-lines:import", T_EDITOR, "text/plain", "x",
			      1, &r), 415);
	tresp_free(&r);
	/* a CSV import needs a body */
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", "", &r), 400);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "body_required");
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 3);
}
END_TEST

START_TEST(import_csv)
{
	/* BOM, `;`, CRLF, unit by code, Swedish amounts, an annual budget (empty month) */
	const char *csv = "\xEF\xBB\xBFunit_code;activity;account;year;month;measure;amount_kr\r\n"
		"A;410;4000;2021;1;outcome;-1 234 567\r\n"
		"B;;;2021;2;outcome;\"-1234567,00\"\r\n"
		"A;410;;2021;;budget;−12 000 000\r\n";
	struct tresp r;
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("unit_id=2"), 2);
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines?unit_id=3", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(json_object_get(
		r.json, "items"), 0), "amount_kr")), -1234567);
	ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(r.json, "items"), 0),
					       "activity")));
	tresp_free(&r);

	/* `,` with unit ids; an öre part is refused, not rounded */
	const char *bad = "unit_id,year,month,measure,amount_kr\n"
		"2,2021,3,outcome,\"12,50\"\n"
		"2,2021,3,outcome,5\n"
		"X,2021,3,outcome,5\n"
		"2,2021,,forecast,5\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", bad, &r), 422);
	ck_assert_msg(strstr(r.body, "row 1") && strstr(r.body, "amount_kr") &&
		      strstr(r.body, "row 3") && strstr(r.body, "row 4"), "%s", r.body);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "errors")), 3);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=3"), 0);

	static const struct {
		const char *csv;
		const char *contains;
	} cases[] = {
		{"unit_id;year;measure;amount_kr;colour\n2;2021;budget;1;x\n", "colour"},
		{"unit_id;year;month;measure\n2;2021;1;budget\n", "amount_kr"},
		{"year;month;measure;amount_kr\n2021;1;budget;1\n", "unit_id"},
		{"unit_code;year;month;measure;amount_kr\nNOPE;2021;1;budget;1\n", "NOPE"},
		{"unit_id;year;month;measure;amount_kr\n2;2021;1;budget;\"1\n", "not closed"},
		{"unit_id;year;month;measure;amount_kr\n2;1021;1;budget;1\n", "year"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", cases[i].csv, &r), 422);
		ck_assert_msg(strstr(r.body, cases[i].contains), "case %zu: %s", i, r.body);
		tresp_free(&r);
	}
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import?dry_run=true",
				  "unit_id;year;month;measure;amount_kr\n2;2021;5;budget;7\n", &r),
			 200);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=5"), 0);
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", "", &r), 400);
	tresp_free(&r);

	/* a Windows-1252 export ("L\xF6n") is refused, naming row and field, and nothing stored */
	const char *latin1 = "unit_id;activity;account;year;month;measure;amount_kr\n"
		"2;410;4000;2021;7;outcome;5\n"
		"2;L\xF6n;4000;2021;7;outcome;5\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", latin1, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "invalid_rows");
	json_t *errs = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errs), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errs, 0), "field")),
			 "activity");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 2);
	ck_assert_msg(strstr(r.body, "row 2") && strstr(r.body, "UTF-8"), "%s", r.body);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=7"), 0);
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines", T_READER, NULL, &r), 200);
	tresp_free(&r);
}
END_TEST

/* The CSV text fields are screened like JSON ones, through the guard's Unicode normalisation:
 * a personnummer with an en dash or in full-width digits is refused naming row and field. */
START_TEST(import_csv_unicode_pnr)
{
	const char *csv = "unit_id;activity;account;year;month;measure;amount_kr\n"
		"2;410;4000;2021;8;outcome;5\n"
		"2;640823\u2013" "3234;4000;2021;8;outcome;5\n"
		"2;410;\uFF16\uFF14\uFF10\uFF18\uFF12\uFF13\uFF0D\uFF13\uFF12\uFF13\uFF14;2021;8;"
		"outcome;5\n"
		"2;Möte 2021-03-04 1400;1234-5678-9012;2021;8;outcome;5\n";
	struct tresp r;
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "invalid_rows");
	json_t *errs = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errs), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errs, 0), "field")),
			 "activity");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errs, 1), "row")), 3);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errs, 1), "field")),
			 "account");
	ck_assert_msg(strstr(r.body, "row 2") && strstr(r.body, "personnummer"), "%s", r.body);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=8"), 0);
	/* the ordinary numbers of row 4 alone pass */
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", "unit_id;activity;account;year;"
				  "month;measure;amount_kr\n2;Möte 2021-03-04 1400;1234-5678-9012;"
				  "2021;8;outcome;5\n", &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=8"), 1);
}
END_TEST

static json_t *get_rollup(const char *query, struct tresp *r)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/budget/rollup?%s", query);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, r), 200);
	return json_object_get(r->json, "root");
}

START_TEST(rollup_errors)
{
	static const struct http_case cases[] = {
		{"GET", "/api/v1/budget/rollup?period=2021", T_READER, NULL, 400, "invalid_query",
		 "unit_id"},
		{"GET", "/api/v1/budget/rollup?unit_id=1", T_READER, NULL, 400, "invalid_period",
		 NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-q3", T_READER, NULL, 400,
		 "invalid_period", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T4", T_READER, NULL, 400,
		 "invalid_period", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=cost", T_READER, NULL,
		 400, "invalid_query", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&scale=sek", T_READER, NULL, 400,
		 "invalid_query", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&rounding=up", T_READER, NULL,
		 400, "invalid_query", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&depth=-1", T_READER, NULL, 400,
		 "invalid_query", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&cumulative=yes", T_READER, NULL,
		 400, "invalid_query", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=99&period=2021", T_READER, NULL, 404,
		 "not_found", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021", T_NONE, NULL, 401,
		 "unauthorized", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021", T_READER, NULL, 200, NULL,
		 "\"color\":null"},
	};
	RUN_CASES(cases);
	/* the period's message is period_error()'s */
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=1&period=2021-Q5", T_READER,
			     NULL, &r), 400);
	ck_assert_msg(strstr(r.body, "Q1, Q2, Q3 or Q4"), "%s", r.body);
	tresp_free(&r);
}
END_TEST

START_TEST(rollup_periodises_and_caches)
{
	struct tresp r;
	create("/api/v1/budget-lines", LINE(2, null, "budget", -1000000));
	/* each month alone (cumulative=false): twelve whole-krona months adding up exactly */
	int64_t sum = 0;
	for (int m = 1; m <= 12; m++) {
		char q[128];
		snprintf(q, sizeof q, "unit_id=1&period=2021-%02d&cumulative=false", m);
		json_t *root = get_rollup(q, &r);
		int64_t v = json_integer_value(json_object_get(root, "budget_period"));
		ck_assert_int_eq(v, m <= 4 ? -83334 : -83333);
		sum += v;
		tresp_free(&r);
	}
	ck_assert_int_eq(sum, -1000000);

	/* repeated read: served from the memo; a write makes it stale */
	char hdr[32];
	get_rollup("unit_id=1&period=2021-T1", &r);
	tresp_free(&r);
	json_t *root = get_rollup("unit_id=1&period=2021-T1", &r);
	ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", hdr, sizeof hdr), "hit");
	ck_assert_int_eq(json_integer_value(json_object_get(root, "budget_period")), -333336);
	tresp_free(&r);
	create("/api/v1/budget-lines", LINE(3, 2, "outcome", -5));
	root = get_rollup("unit_id=1&period=2021-T1", &r);
	ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", hdr, sizeof hdr), "miss");
	ck_assert_int_eq(json_integer_value(json_object_get(root, "outcome_period")), -5);
	tresp_free(&r);

	/* a profile puts the whole year in January; the threshold makes 3 % overspend yellow */
	ck_assert_int_eq(req("PUT", "/api/v1/units/2/budget-settings", T_EDITOR,
			     "{\"profile\":[1,0,0,0,0,0,0,0,0,0,0,0],\"yellow_bp\":300}", &r), 200);
	tresp_free(&r);
	create("/api/v1/budget-lines", LINE(2, 1, "outcome", -1030000));
	root = get_rollup("unit_id=2&period=2021-01", &r);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "budget_period")), -1000000);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(root, "assessment"),
							   "color")), "gul");
	tresp_free(&r);
	/* grouped by account, with depth 0 and CSV */
	root = get_rollup("unit_id=1&period=2021&group_by=account&scale=tkr", &r);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(root,
		"children"), 0), "key")), "4000");
	tresp_free(&r);
	root = get_rollup("unit_id=1&period=2021&depth=0", &r);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "children")), 0);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=1&period=2021&format=csv",
			     T_READER, NULL, &r), 200);
	ck_assert_msg(strstr(r.body, "budget_period") && strstr(r.body, "\r\n"), "%s", r.body);
	tresp_free(&r);
}
END_TEST

START_TEST(settings)
{
	static const struct http_case cases[] = {
		{"GET", "/api/v1/units/2/budget-settings", T_READER, NULL, 200, NULL,
		 "\"inherited\":true"},
		{"GET", "/api/v1/units/99/budget-settings", T_READER, NULL, 404, "not_found", NULL},
		{"PUT", "/api/v1/units/2/budget-settings", T_EDITOR, "{\"profile\":[1,2,3]}", 422,
		 "invalid_input", "\"field\":\"profile\""},
		{"PUT", "/api/v1/units/2/budget-settings", T_EDITOR,
		 "{\"profile\":[0,0,0,0,0,0,0,0,0,0,0,0]}", 422, "invalid_input", NULL},
		{"PUT", "/api/v1/units/2/budget-settings", T_EDITOR,
		 "{\"profile\":[1,1,1,1,1,1,1,1,1,1,1,-1]}", 422, "invalid_input", NULL},
		{"PUT", "/api/v1/units/2/budget-settings", T_EDITOR, "{\"yellow_bp\":10001}", 422,
		 "invalid_input", "\"field\":\"yellow_bp\""},
		{"PUT", "/api/v1/units/99/budget-settings", T_EDITOR, "{\"yellow_bp\":100}", 404,
		 "not_found", NULL},
		{"PUT", "/api/v1/units/2/budget-settings", T_READER, "{\"yellow_bp\":100}", 403,
		 "forbidden", NULL},
		{"PUT", "/api/v1/units/2/budget-settings", T_EDITOR, "{\"yellow_bp\":100}", 200,
		 NULL, "\"yellow_bp\":100"},
		{"GET", "/api/v1/units/2/budget-settings", T_READER, NULL, 200, NULL,
		 "\"inherited\":false"},
		/* a unit without settings shows what it inherits, as the rollup applies it */
		{"GET", "/api/v1/units/3/budget-settings", T_READER, NULL, 200, NULL,
		 "\"yellow_bp\":200,\"version\":0,\"inherited\":true,\"inherited_from\":null"},
		{"PUT", "/api/v1/units/1/budget-settings", T_EDITOR, "{\"yellow_bp\":500}", 200,
		 NULL, "\"yellow_bp\":500"},
		{"GET", "/api/v1/units/3/budget-settings", T_READER, NULL, 200, NULL,
		 "\"yellow_bp\":500,\"version\":0,\"inherited\":true,\"inherited_from\":1"},
	};
	RUN_CASES(cases);
}
END_TEST

/* Rows of the aggregate @p agg that differ from the lines grouped the same way, both ways. */
static int64_t agg_mismatches(const char *code)
{
	char sql[1024];
	const char *key = code ? code : "''";
	snprintf(sql, sizeof sql,
		 "WITH l AS (SELECT unit_id, year, coalesce(%s, '') AS k, measure,"
		 " coalesce(month, 0) AS month, sum(amount_kr) AS a, count(*) AS n FROM budget_lines"
		 " GROUP BY 1, 2, 3, 4, 5),"
		 " g AS (SELECT unit_id, year, %s AS k, measure, month, amount_kr AS a, lines AS n"
		 " FROM budget_agg_%s)"
		 " SELECT (SELECT count(*) FROM (SELECT * FROM l EXCEPT SELECT * FROM g) x)"
		 " + (SELECT count(*) FROM (SELECT * FROM g EXCEPT SELECT * FROM l) y)",
		 key, code ? code : "''", code ? code : "unit");
	return tsrv_count(sql);
}

/* The aggregates never disagree with the lines after a commit, whatever wrote them. */
START_TEST(aggregates_match_lines)
{
	struct tresp r;
	const char *csv = "unit_id;activity;account;year;month;measure;amount_kr\n"
		"2;410;4000;2021;1;outcome;-100\n2;410;4000;2021;1;outcome;-200\n"
		"2;;4000;2021;;budget;-1200\n3;420;;2021;2;forecast;-5\n2;410;4001;2020;1;outcome;-7\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 201);
	tresp_free(&r);
	/* single writes after an import: the insert trigger is back */
	create("/api/v1/budget-lines", LINE(2, 1, "outcome", -1));
	create("/api/v1/budget-lines", LINE(3, 2, "forecast", -9));
	ck_assert_int_eq(req("PATCH", "/api/v1/budget-lines/2", T_EDITOR,
			     "{\"unit_id\":3,\"activity\":null,\"month\":5}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", "/api/v1/budget-lines/1", T_EDITOR, NULL, &r), 204);
	tresp_free(&r);
	/* a refused import leaves everything as it was */
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import",
				  "unit_id;year;month;measure;amount_kr\n2;2021;1;outcome;x\n", &r),
			 422);
	tresp_free(&r);

	ck_assert_int_eq(agg_mismatches(NULL), 0);
	ck_assert_int_eq(agg_mismatches("activity"), 0);
	ck_assert_int_eq(agg_mismatches("account"), 0);
	ck_assert_int_eq(tsrv_count(T.pg ? "SELECT count(DISTINCT trigger_name) FROM"
				    " information_schema.triggers WHERE trigger_name ="
				    " 'budget_lines_agg_insert'" : "SELECT count(*) FROM sqlite_master"
				    " WHERE type = 'trigger' AND name = 'budget_lines_agg_insert'"), 1);
	ck_assert_int_eq(tsrv_count("SELECT sum(lines) FROM budget_agg_unit"), 6);
}
END_TEST

/* Sums beyond ±9e15 kr are refused, never wrapped: in an import's aggregates, and in a rollup
 * adding lines that are each valid.  A body past the cap is 413. */
START_TEST(out_of_range_and_too_large)
{
	struct tresp r;
	const char *big = "unit_id;year;month;measure;amount_kr\n"
		"2;2021;1;outcome;9000000000000000\n2;2021;1;outcome;9000000000000000\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", big, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "out_of_range");
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	create("/api/v1/budget-lines", LINE(2, 1, "outcome", 9000000000000000));
	create("/api/v1/budget-lines", LINE(3, 1, "outcome", 9000000000000000));
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=1&period=2021", T_READER, NULL,
			     &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "out_of_range");
	tresp_free(&r);
	/* each unit alone is fine */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=2&period=2021", T_READER, NULL,
			     &r), 200);
	tresp_free(&r);

	/* an aggregate already at the limit: the database's CHECK refuses a sum beyond it in the
	 * writing transaction, for an import (422) and a single line (409); nothing is stored */
	ck_assert_int_eq(lines_total("unit_id=2&month=1"), 1);
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", "unit_id;activity;account;year;"
				  "month;measure;amount_kr\n2;410;4000;2021;1;outcome;1\n", &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "out_of_range");
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, 1, "outcome", 1),
			     &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "conflict");
	tresp_free(&r);
	ck_assert_int_eq(lines_total("unit_id=2&month=1"), 1);
	/* the other way round still adds up */
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines", T_EDITOR, LINE(2, 1, "outcome", -1),
			     &r), 201);
	tresp_free(&r);

	size_t n = (1u << 20) + 100;
	char *body = malloc(n + 1);
	ck_assert_ptr_nonnull(body);
	memset(body, 'x', n);
	body[n] = '\0';
	ck_assert_int_eq(http("POST", "/api/v1/budget-lines:import", T_EDITOR, "text/csv", body, n,
			      &r), 413);
	tresp_free(&r);
	free(body);
}
END_TEST

Suite *budget_http_suite(void)
{
	Suite *s = suite_create("budget_http");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, setup, tsrv_teardown);
	tcase_add_test(tc, lines_crud_and_errors);
	tcase_add_test(tc, lines_audit_trail);
	tcase_add_test(tc, import_json_and_dry_run);
	tcase_add_test(tc, import_csv);
	tcase_add_test(tc, import_csv_unicode_pnr);
	tcase_add_test(tc, rollup_errors);
	tcase_add_test(tc, rollup_periodises_and_caches);
	tcase_add_test(tc, settings);
	tcase_add_test(tc, aggregates_match_lines);
	tcase_add_test(tc, out_of_range_and_too_large);
	suite_add_tcase(s, tc);
	return s;
}
