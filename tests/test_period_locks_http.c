/*
 * /api/v1/period-locks and the check every write of a fact makes: covered budget lines,
 * imports, indicator values and goal assessments are refused (409 period_locked; an import 422
 * naming each row), an admin's override with a reason goes through and is audited, a lock
 * covers its unit's subtree and nothing above it.  Demo units: 3 TY-ASN, 4 TY-ASF, 5 TY-IFO,
 * 6 TY-AMI; goal 1 is Tyresö's 2021 area 1 (unit TY-ASF), indicator 2 a KKIK one (TY-FSE).
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

#define LINE_IFO_2021_06 "{\"unit_id\": 5, \"year\": 2021, \"month\": 6, \"measure\": " \
	"\"outcome\", \"amount_kr\": -100}"

static void lock(const char *body)
{
	struct tresp r;
	int status = req("POST", "/api/v1/period-locks", T_ADMIN, body, &r);
	ck_assert_msg(status == 201, "lock %s -> %d %s", body, status, r.body);
	tresp_free(&r);
}

static const struct http_case lock_cases[] = {
	{"POST", "/api/v1/period-locks", T_EDITOR, "{\"unit_id\": 5, \"through\": \"2021-12\","
	 " \"reason\": \"Bokslut\"}", 403, "forbidden", NULL},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\": \"2021\","
	 " \"reason\": \"Bokslut\"}", 422, "invalid_input", "through"},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\": \"2021-13\","
	 " \"reason\": \"Bokslut\"}", 422, "invalid_input", "through"},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\": \"2021-12\","
	 " \"kinds\": [\"budget\", \"nosuch\"], \"reason\": \"Bokslut\"}", 422, "invalid_input",
	 "kinds"},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\": \"2021-12\","
	 " \"kinds\": [], \"reason\": \"Bokslut\"}", 422, "invalid_input", "kinds"},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\": \"2021-12\"}",
	 422, "invalid_input", "reason"},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 999, \"through\": \"2021-12\","
	 " \"reason\": \"Bokslut\"}", 422, "unknown_reference", "unit_id"},
	{"GET", "/api/v1/period-locks/999", T_READER, NULL, 404, "not_found", NULL},
	{"DELETE", "/api/v1/period-locks/999", T_ADMIN, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/period-locks?unit_id=999", T_READER, NULL, 404, "not_found", NULL},
	/* with no lock every write goes through */
	{"POST", "/api/v1/budget-lines", T_EDITOR, LINE_IFO_2021_06, 201, NULL, NULL},
};

START_TEST(locks_are_made_by_admins_and_checked)
{
	struct tresp r;
	RUN_CASES(lock_cases);
	ck_assert_int_eq(req("POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\":"
			     " \"2021-12\", \"reason\": \"Bokslut 2021\"}", &r), 201);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r.json, "kinds"), 0)),
			 "budget");
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "kinds")), 1);
	tresp_free(&r);
	/* listed for the unit, for the units above and below it, not for another subtree */
	ck_assert_int_eq(req("GET", "/api/v1/period-locks?unit_id=3", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 1);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/period-locks?unit_id=6", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 0);
	tresp_free(&r);
}
END_TEST

static const struct http_case budget_cases[] = {
	{"POST", "/api/v1/budget-lines", T_EDITOR, LINE_IFO_2021_06, 409, "period_locked",
	 "period lock"},
	/* a unit below the locked one is in its subtree */
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 8, \"year\": 2021, \"month\":"
	 " 12, \"measure\": \"outcome\", \"amount_kr\": -1}", 409, "period_locked", NULL},
	/* an annual budget counts from January */
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 5, \"year\": 2021, \"month\":"
	 " null, \"measure\": \"budget\", \"amount_kr\": -1}", 409, "period_locked", NULL},
	/* after the lock's month, above the locked unit, or beside it: open */
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 5, \"year\": 2022, \"month\":"
	 " 1, \"measure\": \"outcome\", \"amount_kr\": -1}", 201, NULL, NULL},
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 4, \"year\": 2021, \"month\":"
	 " 6, \"measure\": \"outcome\", \"amount_kr\": -1}", 201, NULL, NULL},
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 6, \"year\": 2021, \"month\":"
	 " 6, \"measure\": \"outcome\", \"amount_kr\": -1}", 201, NULL, NULL},
	/* an override: only an admin, only with a reason */
	{"POST", "/api/v1/budget-lines?override_lock=true&override_reason=R%C3%A4ttelse",
	 T_EDITOR, LINE_IFO_2021_06, 403, "forbidden", NULL},
	{"POST", "/api/v1/budget-lines?override_lock=true", T_ADMIN, LINE_IFO_2021_06, 422,
	 "invalid_query", "override_reason"},
	{"POST", "/api/v1/budget-lines?override_lock=maybe", T_ADMIN, LINE_IFO_2021_06, 400,
	 "invalid_query", NULL},
};

static int64_t ifo_line_2021(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines?unit_id=5&year=2021&limit=1", T_READER,
			     NULL, &r), 200);
	int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json,
		"items"), 0), "id"));
	tresp_free(&r);
	return id;
}

START_TEST(budget_lines_in_a_closed_month_are_refused)
{
	struct tresp r;
	char path[96];
	lock("{\"unit_id\": 5, \"through\": \"2021-12\", \"reason\": \"Bokslut 2021\"}");
	RUN_CASES(budget_cases);
	snprintf(path, sizeof path, "/api/v1/budget-lines/%lld", (long long)ifo_line_2021());
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, "{\"amount_kr\": 1}", &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "period_locked");
	tresp_free(&r);
	/* moving a line out of the closed year changes the closed year too */
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, "{\"year\": 2022}", &r), 409);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 409);
	tresp_free(&r);
}
END_TEST

START_TEST(an_admin_override_goes_through_and_is_audited)
{
	struct tresp r;
	lock("{\"unit_id\": 5, \"through\": \"2021-12\", \"reason\": \"Bokslut 2021\"}");
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines?override_lock=true&override_reason="
			     "Sen%20faktura%20fr%C3%A5n%20regionen", T_ADMIN, LINE_IFO_2021_06, &r),
			 201);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?limit=5", T_ADMIN, NULL, &r), 200);
	size_t i;
	json_t *e;
	bool found = false;
	json_array_foreach(json_object_get(r.json, "items"), i, e) {
		if (strcmp(json_string_value(json_object_get(e, "entity")), "period_lock_override"))
			continue;
		json_t *after = json_object_get(e, "after");
		ck_assert_str_eq(json_string_value(json_object_get(after, "reason")),
				 "Sen faktura från regionen");
		ck_assert_str_eq(json_string_value(json_object_get(after, "month")), "2021-06");
		ck_assert_str_eq(json_string_value(json_object_get(after, "kind")), "budget");
		found = true;
	}
	ck_assert(found);
	tresp_free(&r);
}
END_TEST

START_TEST(an_import_names_every_closed_row)
{
	struct tresp r;
	lock("{\"unit_id\": 5, \"through\": \"2021-06\", \"reason\": \"Halvårsbokslut\"}");
	const char *rows = "[{\"unit_id\": 5, \"year\": 2021, \"month\": 7, \"measure\": \"outcome\","
			   " \"amount_kr\": -1}, {\"unit_id\": 5, \"year\": 2021, \"month\": 6, "
			   "\"measure\": \"outcome\", \"amount_kr\": -1}, {\"unit_id\": 9, \"year\":"
			   " 2021, \"month\": 2, \"measure\": \"outcome\", \"amount_kr\": -1}]";
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import?dry_run=true", T_EDITOR, rows,
			     &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "period_locked");
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import", T_EDITOR, rows, &r), 422);
	json_t *errors = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errors), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errors, 0), "row")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errors, 1), "row")), 3);
	tresp_free(&r);
	/* nothing was stored */
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines?unit_id=5&year=2021&month=7", T_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 0);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import?override_lock=true&"
			     "override_reason=Omf%C3%B6ring", T_ADMIN, rows, &r), 201);
	tresp_free(&r);
}
END_TEST

START_TEST(indicator_values_and_assessments_follow_their_kinds)
{
	struct tresp r;
	/* a budget lock leaves survey figures and assessments open */
	lock("{\"unit_id\": 3, \"through\": \"2021-12\", \"reason\": \"Bokslut\"}");
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/2/values/2021", T_EDITOR,
			     "{\"value\": 99}", &r), 200);
	tresp_free(&r);
	lock("{\"unit_id\": 3, \"through\": \"2021-08\", \"kinds\": [\"indicators\", "
	     "\"assessments\"], \"reason\": \"Delår 2\"}");
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/2/values/2021-T2", T_EDITOR,
			     "{\"value\": 98}", &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "period_locked");
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", "/api/v1/indicators/2/values/2021-T2", T_EDITOR, NULL, &r),
			 409);
	tresp_free(&r);
	/* the year's value falls in December, after the lock */
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/2/values/2021", T_EDITOR,
			     "{\"value\": 97}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\": "
			     "\"2021-05\", \"status\": \"helt\"}", &r), 409);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\": "
			     "\"2021-09\", \"status\": \"helt\"}", &r), 201);
	tresp_free(&r);
}
END_TEST

START_TEST(an_unlocked_period_takes_writes_again)
{
	struct tresp r;
	ck_assert_int_eq(req("POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\": 5, \"through\":"
			     " \"2021-12\", \"reason\": \"Bokslut\"}", &r), 201);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/period-locks/%lld",
		 (long long)json_integer_value(json_object_get(r.json, "id")));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 403);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", path, T_ADMIN, NULL, &r), 204);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines", T_EDITOR, LINE_IFO_2021_06, &r), 201);
	tresp_free(&r);
}
END_TEST

Suite *period_locks_http_suite(void)
{
	Suite *s = suite_create("period_locks_http");
	TCase *tc = tcase_create("locks");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, locks_are_made_by_admins_and_checked);
	tcase_add_test(tc, budget_lines_in_a_closed_month_are_refused);
	tcase_add_test(tc, an_admin_override_goes_through_and_is_audited);
	tcase_add_test(tc, an_import_names_every_closed_row);
	tcase_add_test(tc, indicator_values_and_assessments_follow_their_kinds);
	tcase_add_test(tc, an_unlocked_period_takes_writes_again);
	suite_add_tcase(s, tc);
	return s;
}
