/*
 * The goals resource over HTTP: a table of request cases for every status the goal endpoints
 * answer (CRUD, manual assessments, the computed assessment, the month row, the tree), then
 * the behaviours a table cannot show: the share rule with its explain, manual winning over
 * computed, cycles, deletion while referenced, ETags, the tree's nesting and unit scope.
 */
#include <string.h>

#include "support.h"

static const struct http_case crud_cases[] = {
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"K\",\"name\":\"K\",\"kind\":\"kommun\"}",
	 201, NULL, NULL},
	/* create */
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"malomrade\",\"title\":\"Område\","
	 "\"unit_id\":1,\"target_share\":60,\"yellow_share\":40,\"agenda2030\":[3,5],"
	 "\"year_from\":2021,\"year_to\":2022}", 201, NULL, "\"agenda2030\":[3,5]"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"enhetsmal\",\"title\":\"Barn\","
	 "\"parent_id\":1}", 201, NULL, "\"target_share\":100"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"uppdrag\",\"title\":\"Uppdrag\","
	 "\"parent_id\":1}", 201, NULL, "\"yellow_share\":50"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"kvalitetsgaranti\",\"title\":\"Garanti\"}",
	 201, NULL, "\"parent_id\":null"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\",\"parent_id\":99}",
	 422, "unknown_reference", "parent_id"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\",\"unit_id\":99}",
	 422, "unknown_reference", "unit_id"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"mal\",\"title\":\"\",\"target_share\":101,"
	 "\"extra\":1}", 422, "invalid_input", "\"field\":\"extra\""},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\","
	 "\"target_share\":40,\"yellow_share\":60}", 422, "invalid_input", "yellow_share"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\","
	 "\"year_from\":2022,\"year_to\":2021}", 422, "invalid_input", "year_to"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\","
	 "\"agenda2030\":[18]}", 422, "invalid_input", "agenda2030"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\","
	 "\"agenda2030\":[3,3]}", 422, "invalid_input", "twice"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"X\","
	 "\"agenda2030\":\"3\"}", 422, "invalid_input", "agenda2030"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"Anna 19811218-9876\"}",
	 422, "invalid_input", "personnummer"},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":", 400, "invalid_json", NULL},
	{"POST", "/api/v1/goals", T_READER, "{}", 403, "forbidden", NULL},
	{"POST", "/api/v1/goals", T_NONE, "{}", 401, "unauthorized", NULL},
	/* read */
	{"GET", "/api/v1/goals", T_READER, NULL, 200, NULL, "\"total\":4"},
	{"GET", "/api/v1/goals?parent_id=null", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/goals?parent_id=1", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/goals?level=uppdrag", T_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/goals?unit_id=1", T_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/goals?year=2020", T_READER, NULL, 200, NULL, "\"total\":3"},
	{"GET", "/api/v1/goals?level=planet", T_READER, NULL, 400, "invalid_query", "level"},
	{"GET", "/api/v1/goals?year=abc", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/goals?format=csv", T_READER, NULL, 200, NULL, "3 5"},
	{"GET", "/api/v1/goals/1", T_READER, NULL, 200, NULL, "\"title\":\"Område\""},
	{"GET", "/api/v1/goals/99", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/goals/abc", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/goals", T_NONE, NULL, 401, "unauthorized", NULL},
	/* patch */
	{"PATCH", "/api/v1/goals/2", T_EDITOR, "{\"title\":\"Barn och unga\"}", 200, NULL,
	 "\"version\":2"},
	{"PATCH", "/api/v1/goals/1", T_EDITOR, "{\"parent_id\":2}", 422, "cycle", "parent_id"},
	{"PATCH", "/api/v1/goals/1", T_EDITOR, "{\"parent_id\":1}", 422, "cycle", NULL},
	{"PATCH", "/api/v1/goals/2", T_EDITOR, "{\"parent_id\":99}", 422, "unknown_reference", NULL},
	{"PATCH", "/api/v1/goals/2", T_EDITOR, "{\"level\":\"x\"}", 422, "invalid_input", "level"},
	{"PATCH", "/api/v1/goals/99", T_EDITOR, "{}", 404, "not_found", NULL},
	{"PATCH", "/api/v1/goals/2", T_READER, "{}", 403, "forbidden", NULL},
	/* delete */
	{"DELETE", "/api/v1/goals/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/units/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/goals/4", T_READER, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/goals/4", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/goals/4", T_EDITOR, NULL, 404, "not_found", NULL},
	{"PUT", "/api/v1/goals/1", T_EDITOR, "{}", 405, "method_not_allowed", NULL},
};

START_TEST(crud_table)
{
	RUN_CASES(crud_cases);
}
END_TEST

static const struct http_case assessment_cases[] = {
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"namndmal\",\"title\":\"Mål\"}", 201, NULL,
	 NULL},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"uppdrag\",\"title\":\"U\",\"parent_id\":1}",
	 201, NULL, NULL},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"kvalitetsgaranti\",\"title\":\"G\"}", 201,
	 NULL, NULL},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":\"delvis\","
	 "\"color\":\"gul\",\"comment\":\"Pågår\"}", 201, NULL, "\"color\":\"gul\""},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":\"helt\"}",
	 201, NULL, "\"color\":\"gron\""},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021-T1\",\"status\":"
	 "\"ej_bedomd\"}", 201, NULL, "\"color\":null"},
	{"POST", "/api/v1/goals/2/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":"
	 "\"paborjad\"}", 201, NULL, "\"status\":\"paborjad\""},
	{"POST", "/api/v1/goals/3/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":"
	 "\"uppfylld\"}", 201, NULL, "\"color\":\"gron\""},
	{"POST", "/api/v1/goals/2/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":\"helt\"}",
	 422, "invalid_input", "ej_paborjad"},
	{"POST", "/api/v1/goals/3/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":"
	 "\"fardig\"}", 422, "invalid_input", "uppfylld"},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":\"helt\","
	 "\"color\":\"blue\"}", 422, "invalid_input", "color"},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":"
	 "\"ej_bedomd\",\"color\":\"gul\"}", 422, "invalid_input", "ej_bedomd"},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021-13\",\"status\":"
	 "\"helt\"}", 400, "invalid_period", "period"},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"status\":\"helt\"}", 422,
	 "invalid_input", "period"},
	{"POST", "/api/v1/goals/99/assessments", T_EDITOR, "{\"period\":\"2021\",\"status\":"
	 "\"helt\"}", 404, "not_found", NULL},
	{"POST", "/api/v1/goals/1/assessments", T_READER, "{}", 403, "forbidden", NULL},
	{"GET", "/api/v1/goals/1/assessments", T_READER, NULL, 200, NULL, "\"total\":3"},
	{"GET", "/api/v1/goals/1/assessments?period=2021", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/goals/1/assessments?period=21", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/goals/99/assessments", T_READER, NULL, 404, "not_found", NULL},
	/* the latest of the period counts; the uppdrag's colour comes from its status */
	{"GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, 200, NULL,
	 "\"source\":\"manual\""},
	{"GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, 200, NULL,
	 "\"manual\":{\"id\":2,\"status\":\"helt\",\"color\":\"gron\""},
	{"GET", "/api/v1/goals/2/assessment?period=2021", T_READER, NULL, 200, NULL,
	 "\"color\":\"gul\",\"source\":\"manual\""},
	/* ej_bedomd decides nothing: the computed (here: nothing to compute) stands */
	{"GET", "/api/v1/goals/1/assessment?period=2021-T1", T_READER, NULL, 200, NULL,
	 "\"source\":\"computed\""},
	{"GET", "/api/v1/goals/1/assessment", T_READER, NULL, 400, "invalid_period", "required"},
	{"GET", "/api/v1/goals/1/assessment?period=2021-Q5", T_READER, NULL, 400, "invalid_period",
	 "Q4"},
	{"GET", "/api/v1/goals/99/assessment?period=2021", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/goals/1/months?year=2021", T_READER, NULL, 200, NULL,
	 "\"period\":\"2021-12\""},
	{"GET", "/api/v1/goals/1/months", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/goals/1/months?year=20x1", T_READER, NULL, 400, "invalid_query", "year"},
	{"GET", "/api/v1/goals/99/months?year=2021", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/goals/tree?period=2021", T_READER, NULL, 200, NULL, "\"goals\":["},
	{"GET", "/api/v1/goals/tree", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/goals/tree?period=2021&unit_id=99", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/goals/tree?period=2021&unit_id=x", T_READER, NULL, 400, "invalid_query",
	 NULL},
	{"GET", "/api/v1/goals/tree?period=2021", T_NONE, NULL, 401, "unauthorized", NULL},
	/* a goal with assessments cannot be deleted */
	{"DELETE", "/api/v1/goals/3", T_EDITOR, NULL, 409, "referenced", NULL},
};

START_TEST(assessment_table)
{
	RUN_CASES(assessment_cases);
}
END_TEST

/* Posts a manual assessment of goal @p id for @p period with colour @p color. */
static void assess(int64_t id, const char *period, const char *status, const char *color)
{
	char path[64], body[160];
	struct tresp r;
	snprintf(path, sizeof path, "/api/v1/goals/%lld/assessments", (long long)id);
	snprintf(body, sizeof body, "{\"period\":\"%s\",\"status\":\"%s\",\"color\":\"%s\"}", period,
		 status, color);
	ck_assert_int_eq(req("POST", path, T_EDITOR, body, &r), 201);
	tresp_free(&r);
}

/* j[a][b], or j[a] when @p b is NULL. */
static json_t *jpath(json_t *j, const char *a, const char *b)
{
	json_t *x = json_object_get(j, a);
	return b ? json_object_get(x, b) : x;
}

START_TEST(share_rule_with_explain)
{
	struct tresp r;
	int64_t area = create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"Område\","
			      "\"target_share\":60,\"yellow_share\":40}");
	const char *colors[] = {"gron", "gul", "gron", "gul", "gul", "rod", "gron", "gron", "gul",
				"gul"};
	int64_t kid[10];
	for (int i = 0; i < 10; i++) {
		char body[128];
		snprintf(body, sizeof body, "{\"level\":\"enhetsmal\",\"title\":\"Enhet %d\","
			 "\"parent_id\":%lld}", i + 1, (long long)area);
		kid[i] = create("/api/v1/goals", body);
		assess(kid[i], "2021", "delvis", colors[i]);
	}
	/* an unassessed child and a child valid only in another year do not count */
	create("/api/v1/goals", "{\"level\":\"enhetsmal\",\"title\":\"Tyst\",\"parent_id\":1}");
	create("/api/v1/goals", "{\"level\":\"enhetsmal\",\"title\":\"Gammal\",\"parent_id\":1,"
	       "\"year_to\":2019}");
	assess(13, "2021", "helt", "gron");
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, &r),
			 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "color")), "gul");
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "source")), "computed");
	ck_assert(json_is_null(json_object_get(r.json, "manual")));
	json_t *c = json_object_get(r.json, "computed");
	ck_assert_int_eq(json_integer_value(json_object_get(c, "green")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(c, "assessed")), 10);
	ck_assert_double_eq_tol(json_number_value(json_object_get(c, "share")), 40.0, 1e-9);
	json_t *ex = json_object_get(c, "explain");
	ck_assert_int_eq(json_array_size(json_object_get(ex, "children")), 10);
	ck_assert_int_eq(json_array_size(json_object_get(ex, "not_assessed")), 1);
	ck_assert_int_eq(json_integer_value(jpath(ex, "thresholds", "target_share")), 60);
	ck_assert_int_eq(json_integer_value(jpath(ex, "next_better", "more_green")), 2);
	ck_assert_str_eq(json_string_value(jpath(ex, "next_better", "text")),
			 "2 more green children would make it gron");
	json_t *first = json_array_get(json_object_get(ex, "children"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(first, "id")), kid[0]);
	ck_assert_str_eq(json_string_value(json_object_get(first, "color")), "gron");
	tresp_free(&r);

	/* a manual colour wins; both are shown */
	assess(area, "2021", "i_hog_grad", "rod");
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, &r),
			 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "color")), "rod");
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "source")), "manual");
	ck_assert_str_eq(json_string_value(jpath(r.json, "computed", "color")), "gul");
	ck_assert_str_eq(json_string_value(jpath(r.json, "manual", "status")), "i_hog_grad");
	tresp_free(&r);

	/* a child's computed colour feeds its parent: two more green → grön */
	assess(kid[1], "2021", "helt", "gron");
	assess(kid[3], "2021", "helt", "gron");
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, &r),
			 200);
	ck_assert_str_eq(json_string_value(jpath(r.json, "computed", "color")), "gron");
	ck_assert(json_is_null(jpath(jpath(r.json, "computed", "explain"), "next_better", NULL)));
	tresp_free(&r);
}
END_TEST

START_TEST(indicators_count_as_children)
{
	struct tresp r;
	create("/api/v1/goals", "{\"level\":\"namndmal\",\"title\":\"Mål\"}");
	create("/api/v1/indicators", "{\"goal_id\":1,\"name\":\"Sjukfrånvaro\",\"measure_unit\":"
	       "\"percent\",\"direction\":\"lower_is_better\",\"target\":5}");
	create("/api/v1/indicators", "{\"goal_id\":1,\"name\":\"Rekommenderar\",\"measure_unit\":"
	       "\"percent\",\"direction\":\"higher_is_better\",\"target\":90}");
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/1/values/2018", T_EDITOR, "{\"value\":5}",
			     &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/2/values/2018", T_EDITOR, "{\"value\":80}",
			     &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/assessment?period=2018", T_READER, NULL, &r),
			 200);
	json_t *c = json_object_get(r.json, "computed");
	ck_assert_int_eq(json_integer_value(json_object_get(c, "green")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(c, "assessed")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(c, "color")), "gul");   /* 50 % of 100/50 */
	ck_assert_ptr_nonnull(strstr(r.body, "\"type\":\"indicator\""));
	tresp_free(&r);
	/* no values for 2019: nothing assessed, no colour */
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/assessment?period=2019", T_READER, NULL, &r),
			 200);
	ck_assert(json_is_null(json_object_get(r.json, "color")));
	ck_assert_int_eq(json_array_size(jpath(jpath(r.json, "computed", "explain"),
					       "not_assessed", NULL)), 2);
	tresp_free(&r);
}
END_TEST

START_TEST(months_row)
{
	struct tresp r;
	create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"Område\"}");
	assess(1, "2021-01", "delvis", "gul");
	assess(1, "2021-02", "ej", "rod");
	assess(1, "2021-12", "helt", "gron");
	ck_assert_int_eq(req("GET", "/api/v1/goals/1/months?year=2021", T_READER, NULL, &r), 200);
	json_t *m = json_object_get(r.json, "months");
	ck_assert_int_eq(json_array_size(m), 12);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 0), "color")), "gul");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 1), "color")), "rod");
	ck_assert(json_is_null(json_object_get(json_array_get(m, 5), "color")));
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 11), "color")), "gron");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 11), "source")),
			 "manual");
	tresp_free(&r);
}
END_TEST

START_TEST(tree_nests_and_scopes)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"K\",\"name\":\"K\",\"kind\":\"kommun\"}");
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"E\",\"kind\":\"enhet\",\"parent_id\":1}");
	create("/api/v1/units", "{\"code\":\"O\",\"name\":\"O\",\"kind\":\"kommun\"}");
	create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"A\",\"unit_id\":1}");
	create("/api/v1/goals", "{\"level\":\"enhetsmal\",\"title\":\"A1\",\"unit_id\":2,"
	       "\"parent_id\":1}");
	create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"B\",\"unit_id\":3}");
	create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"Old\",\"unit_id\":1,"
	       "\"year_to\":2019}");
	create("/api/v1/indicators", "{\"goal_id\":2,\"name\":\"I\",\"measure_unit\":\"count\","
	       "\"direction\":\"higher_is_better\",\"target\":5}");
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/1/values/2021", T_EDITOR, "{\"value\":6}",
			     &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/goals/tree?period=2021&unit_id=1", T_READER, NULL, &r),
			 200);
	json_t *goals = json_object_get(r.json, "goals");
	ck_assert_int_eq(json_array_size(goals), 1);
	json_t *a = json_array_get(goals, 0);
	ck_assert_str_eq(json_string_value(json_object_get(a, "title")), "A");
	ck_assert_str_eq(json_string_value(jpath(a, "assessment", "color")), "gron");
	json_t *a1 = json_array_get(json_object_get(a, "children"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(a1, "title")), "A1");
	json_t *ind = json_array_get(json_object_get(a1, "indicators"), 0);
	ck_assert_str_eq(json_string_value(jpath(ind, "assessment", "color")), "gron");
	tresp_free(&r);
	/* the subtree of E alone: A1 becomes a root */
	ck_assert_int_eq(req("GET", "/api/v1/goals/tree?period=2021&unit_id=2", T_READER, NULL, &r),
			 200);
	goals = json_object_get(r.json, "goals");
	ck_assert_int_eq(json_array_size(goals), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(goals, 0), "title")), "A1");
	tresp_free(&r);
	/* no unit: every root valid in the year */
	ck_assert_int_eq(req("GET", "/api/v1/goals/tree?period=2021-T1", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "goals")), 2);
	tresp_free(&r);
}
END_TEST

START_TEST(etag_and_audit)
{
	struct tresp r;
	char etag[32];
	create("/api/v1/goals", "{\"level\":\"malomrade\",\"title\":\"A\"}");
	ck_assert_int_eq(req("GET", "/api/v1/goals/1", T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "ETag", etag, sizeof etag), "\"1\"");
	tresp_free(&r);
	char hdr[512], out[4096];
	snprintf(hdr, sizeof hdr, "PATCH /api/v1/goals/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: Bearer %s\r\nIf-Match: \"7\"\r\nContent-Type: application/json\r\n"
		 "Content-Length: 13\r\n\r\n{\"title\":\"B\"}", T.token[T_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 ") && strstr(out, "stale_version"), "%s", out);
	/* a body that is not JSON by its content type */
	ck_assert_int_eq(http("POST", "/api/v1/goals", T_EDITOR, "text/plain", "x", 1, &r), 415);
	tresp_free(&r);
	assess(1, "2021", "helt", "gron");
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=goal_assessment", T_ADMIN, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 1);
	tresp_free(&r);
}
END_TEST

Suite *goals_http_suite(void)
{
	Suite *s = suite_create("goals_http");
	TCase *tc = tcase_create("goals");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_add_test(tc, crud_table);
	tcase_add_test(tc, assessment_table);
	tcase_add_test(tc, share_rule_with_explain);
	tcase_add_test(tc, indicators_count_as_children);
	tcase_add_test(tc, months_row);
	tcase_add_test(tc, tree_nests_and_scopes);
	tcase_add_test(tc, etag_and_audit);
	suite_add_tcase(s, tc);
	return s;
}
