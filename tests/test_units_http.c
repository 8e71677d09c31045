/*
 * The units resource over HTTP against a real server and database: a table of request cases
 * for every status the resource answers, then the behaviours a table cannot show (ETag and
 * If-Match, cycles, delete while referenced, tree nesting, CSV, the audit trail).
 */
#include <string.h>

#include "support.h"

static const struct http_case crud_cases[] = {
	/* create */
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"K1\",\"name\":\"Kommun\",\"kind\":\"kommun\","
	 "\"municipality_code\":\"0138\"}", 201, NULL, "\"municipality_code\":\"0138\""},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E1\",\"name\":\"Enhet\",\"kind\":\"enhet\","
	 "\"parent_id\":1,\"regi\":\"myndighet\"}", 201, NULL, "\"parent_id\":1"},
	/* codes are unique within a municipality */
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E1\",\"name\":\"Again\",\"kind\":\"enhet\","
	 "\"parent_id\":1}", 409, "duplicate", "code"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E2\",\"name\":\"X\",\"kind\":\"enhet\","
	 "\"parent_id\":999}", 422, "unknown_reference", "parent_id"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"name\":\"X\",\"kind\":\"planet\",\"regi\":\"privat\","
	 "\"active\":\"yes\",\"extra\":1}", 422, "invalid_input", "\"field\":\"extra\""},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E3\",\"name\":\"X\",\"kind\":\"enhet\","
	 "\"municipality_code\":\"138\"}", 422, "invalid_input", "municipality_code"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E3\",\"name\":\"   \",\"kind\":\"enhet\"}",
	 422, "invalid_input", "blank"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E3\",\"name\":\"Anna 19811218-9876\","
	 "\"kind\":\"enhet\"}", 422, "invalid_input", "personnummer"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E3\",\"name\":\"X\",\"kind\":\"enhet\","
	 "\"parent_id\":1.5}", 422, "invalid_input", "whole number"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"E3\",", 400, "invalid_json", "line 1"},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"A\",\"code\":\"B\"}", 400, "invalid_json",
	 "duplicate"},
	{"POST", "/api/v1/units", T_EDITOR, "[1,2]", 400, "invalid_json", "object"},
	{"POST", "/api/v1/units", T_READER, "{}", 403, "forbidden", NULL},
	{"POST", "/api/v1/units", T_NONE, "{}", 401, "unauthorized", NULL},
	{"POST", "/api/v1/units", T_BAD, "{}", 401, "unauthorized", NULL},
	/* read */
	{"GET", "/api/v1/units", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/units?parent_id=null", T_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/units?parent_id=1", T_READER, NULL, 200, NULL, "\"code\":\"E1\""},
	{"GET", "/api/v1/units?kind=enhet&regi=myndighet", T_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/units?q=komm", T_READER, NULL, 200, NULL, "\"code\":\"K1\""},
	{"GET", "/api/v1/units?limit=1&offset=1", T_READER, NULL, 200, NULL,
	 "\"total\":2,\"limit\":1,\"offset\":1"},
	{"GET", "/api/v1/units?limit=0", T_READER, NULL, 400, "invalid_query", "limit"},
	{"GET", "/api/v1/units?limit=1001", T_READER, NULL, 400, "invalid_query", "limit"},
	{"GET", "/api/v1/units?offset=-1", T_READER, NULL, 400, "invalid_query", "offset"},
	{"GET", "/api/v1/units?parent_id=abc", T_READER, NULL, 400, "invalid_query", "parent_id"},
	{"GET", "/api/v1/units?active=2", T_READER, NULL, 400, "invalid_query", "active"},
	{"GET", "/api/v1/units/1", T_READER, NULL, 200, NULL, "\"code\":\"K1\""},
	{"GET", "/api/v1/units/99", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/units/abc", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/units/-1", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/units/1/tree", T_READER, NULL, 200, NULL, "\"children\":[{\"id\":2"},
	{"GET", "/api/v1/units/99/tree", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/units", T_NONE, NULL, 401, "unauthorized", NULL},
	/* patch */
	{"PATCH", "/api/v1/units/2", T_EDITOR, "{\"name\":\"Enhet Ny\"}", 200, NULL, "\"version\":2"},
	{"PATCH", "/api/v1/units/2", T_EDITOR, "{\"regi\":null}", 200, NULL, "\"regi\":null"},
	{"PATCH", "/api/v1/units/2", T_EDITOR, "{\"kind\":\"x\"}", 422, "invalid_input", "kind"},
	{"PATCH", "/api/v1/units/1", T_EDITOR, "{\"parent_id\":2}", 422, "cycle", "parent_id"},
	{"PATCH", "/api/v1/units/1", T_EDITOR, "{\"parent_id\":1}", 422, "cycle", NULL},
	{"PATCH", "/api/v1/units/99", T_EDITOR, "{\"name\":\"X\"}", 404, "not_found", NULL},
	{"PATCH", "/api/v1/units/2", T_EDITOR, "nope", 400, "invalid_json", NULL},
	{"PATCH", "/api/v1/units/2", T_READER, "{}", 403, "forbidden", NULL},
	/* delete */
	{"DELETE", "/api/v1/units/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/units/2", T_READER, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/units/2", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/units/2", T_EDITOR, NULL, 404, "not_found", NULL},
	{"DELETE", "/api/v1/units/1", T_EDITOR, NULL, 204, NULL, NULL},
	{"GET", "/api/v1/units", T_READER, NULL, 200, NULL, "\"total\":0"},
	/* wrong method */
	{"PUT", "/api/v1/units/1", T_EDITOR, "{}", 405, "method_not_allowed", NULL},
};

START_TEST(crud_table)
{
	RUN_CASES(crud_cases);
}
END_TEST

START_TEST(etag_and_if_match)
{
	struct tresp r;
	char etag[32], hdr[512];
	create("/api/v1/units", "{\"code\":\"A\",\"name\":\"A\",\"kind\":\"kommun\"}");
	ck_assert_int_eq(req("GET", "/api/v1/units/1", T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "ETag", etag, sizeof etag), "\"1\"");
	tresp_free(&r);

	/* A matching If-Match succeeds and bumps the version... */
	snprintf(hdr, sizeof hdr, "PATCH /api/v1/units/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: Bearer %s\r\nIf-Match: \"1\"\r\nContent-Type: application/json\r\n"
		 "Content-Length: 12\r\n\r\n{\"name\":\"B\"}", T.token[T_EDITOR]);
	char out[4096];
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK") && strstr(out, "ETag: \"2\""), "%s", out);
	/* ...and replaying the stale one is 412, with nothing changed. */
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 ") && strstr(out, "stale_version"), "%s", out);
	snprintf(hdr, sizeof hdr, "DELETE /api/v1/units/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: Bearer %s\r\nIf-Match: \"1\"\r\n\r\n", T.token[T_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 "), "%s", out);
	snprintf(hdr, sizeof hdr, "DELETE /api/v1/units/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: Bearer %s\r\nIf-Match: bogus\r\n\r\n", T.token[T_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 400 ") && strstr(out, "invalid_if_match"), "%s", out);
	ck_assert_int_eq(req("GET", "/api/v1/units/1", T_READER, NULL, &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "B");
	tresp_free(&r);
}
END_TEST

START_TEST(tree_nests_descendants)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"K\",\"name\":\"K\",\"kind\":\"kommun\"}");
	create("/api/v1/units", "{\"code\":\"N\",\"name\":\"N\",\"kind\":\"namnd\",\"parent_id\":1}");
	create("/api/v1/units", "{\"code\":\"F\",\"name\":\"F\",\"kind\":\"forvaltning\",\"parent_id\":2}");
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"E\",\"kind\":\"enhet\",\"parent_id\":3}");
	create("/api/v1/units", "{\"code\":\"E2\",\"name\":\"E2\",\"kind\":\"enhet\",\"parent_id\":3}");
	ck_assert_int_eq(req("GET", "/api/v1/units/1/tree", T_READER, NULL, &r), 200);
	json_t *f = json_array_get(json_object_get(json_array_get(json_object_get(r.json,
		"children"), 0), "children"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "code")), "F");
	ck_assert_int_eq(json_array_size(json_object_get(f, "children")), 2);
	tresp_free(&r);
	/* Moving F under E (its own child) is a cycle; under K it is fine. */
	ck_assert_int_eq(req("PATCH", "/api/v1/units/3", T_EDITOR, "{\"parent_id\":4}", &r), 422);
	tresp_free(&r);
	ck_assert_int_eq(req("PATCH", "/api/v1/units/3", T_EDITOR, "{\"parent_id\":1}", &r), 200);
	tresp_free(&r);
}
END_TEST

START_TEST(csv_lists)
{
	struct tresp r;
	char ct[64];
	create("/api/v1/units", "{\"code\":\"K\",\"name\":\"Tyresö; \\\"kommun\\\"\",\"kind\":\"kommun\"}");
	ck_assert_int_eq(req("GET", "/api/v1/units?format=csv", T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "Content-Type", ct, sizeof ct), "text/csv; charset=utf-8");
	ck_assert(memcmp(r.body, "\xEF\xBB\xBFid;code;name;parent_id;kind", 30) == 0);
	ck_assert_ptr_nonnull(strstr(r.body, "\r\n1;K;\"Tyresö; \"\"kommun\"\"\";;kommun;;true;"));
	tresp_free(&r);
	ck_assert_int_eq(http("GET", "/api/v1/units/1/tree", T_READER, NULL, NULL, 0, &r), 200);
	tresp_free(&r);
}
END_TEST

START_TEST(audit_records_writes)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"K\",\"name\":\"K\",\"kind\":\"kommun\"}");
	ck_assert_int_eq(req("PATCH", "/api/v1/units/1", T_EDITOR, "{\"name\":\"K2\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=unit&entity_id=1", T_READER, NULL, &r), 403);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=unit&entity_id=1", T_ADMIN, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 2);
	json_t *patch = json_array_get(json_object_get(r.json, "items"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(patch, "method")), "PATCH");
	ck_assert_str_eq(json_string_value(json_object_get(patch, "actor")), "editor");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(patch, "before"), "name")), "K");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(patch, "after"), "name")), "K2");
	ck_assert_ptr_null(strstr(r.body, T.token[T_EDITOR] + 10));
	tresp_free(&r);
}
END_TEST

START_TEST(demo_organisations)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=kommun", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 2);
	ck_assert_ptr_nonnull(strstr(r.body, "\"municipality_code\":\"0138\""));
	ck_assert_ptr_nonnull(strstr(r.body, "\"municipality_code\":\"0136\""));
	tresp_free(&r);
	/* Tyresö: ten enheter, the IFO ones split between myndighet and kommunal regi. */
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=enhet&q=&limit=1000", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 10);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=enhet&regi=myndighet", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 6);
	tresp_free(&r);
	/* Haninge: three beställar- and three utförar-avdelningar; Tyresö's IFO and its
	 * flyktingmottagande (seed 003) each have an avdelning in kommunal regi. */
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=avdelning&regi=kommunal_regi", T_READER, NULL,
			     &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 5);
	tresp_free(&r);
}
END_TEST

Suite *units_http_suite(void)
{
	Suite *s = suite_create("units_http");
	TCase *tc = tcase_create("units");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, crud_table);
	tcase_add_test(tc, etag_and_if_match);
	tcase_add_test(tc, tree_nests_descendants);
	tcase_add_test(tc, csv_lists);
	tcase_add_test(tc, audit_records_writes);
	suite_add_tcase(s, tc);
	TCase *demo = tcase_create("demo");
	tcase_add_checked_fixture(demo, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(demo, demo_organisations);
	suite_add_tcase(s, demo);
	return s;
}
