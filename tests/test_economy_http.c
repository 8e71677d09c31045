/*
 * HTTP tests for the economy beyond the operating budget: budget lines with a ledger,
 * project, budget kind and decision (one at a time and by import, with every refusal), the
 * aggregates kept apart per ledger and per forecast cell whatever wrote the lines, the
 * rollup's new parameters (ledger, project grouping, subtotals, units with activities) and
 * their refusals, the budget frame, the activity and account code lists with their hierarchy
 * rules, and the forecast as a unit's basis of assessment.
 *
 * Each test runs on a fresh database holding one small tree, made by setup():
 *     1 K (kommun) ─ 2 A (avdelning)
 *                  └ 3 B (avdelning)
 */
#include <check.h>
#include <sqlite3.h>
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

static int post_csv(const char *path, const char *csv, struct tresp *r)
{
	return http("POST", path, T_EDITOR, "text/csv; charset=utf-8", csv, strlen(csv), r);
}

/* GET @p path as a reader, 200 expected; the reply's JSON (caller decrefs). */
static json_t *get(const char *path)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *j = json_incref(r.json);
	tresp_free(&r);
	return j;
}

static int64_t num(const json_t *o, const char *field)
{
	json_t *v = json_object_get(o, field);
	ck_assert_msg(json_is_integer(v), "%s is not an integer", field);
	return json_integer_value(v);
}

static const char *str(const json_t *o, const char *field)
{
	return json_string_value(json_object_get(o, field));
}

static json_t *child_by_key(const json_t *n, const char *key)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(n, "children"), i, c)
		if (str(c, "key") && strcmp(str(c, "key"), key) == 0)
			return c;
	ck_abort_msg("no child %s", key);
	return NULL;
}

/* ---------------------------------------------------------------- lines */

START_TEST(lines_with_ledger_and_decision)
{
	static const struct http_case cases[] = {
		/* the defaults: drift, original, no project or decision */
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"outcome\",\"month\":1,\"amount_kr\":-5}", 201, NULL,
		 "\"ledger\":\"drift\",\"project\":null,\"budget_kind\":\"original\","
		 "\"decided_on\":null,\"decision_ref\":null"},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":-803000,\"budget_kind\":\"change\","
		 "\"decided_on\":\"2016-12-05\",\"decision_ref\":\"KF § 350\"}", 201, NULL,
		 "\"decision_ref\":\"KF § 350\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":-5000000,\"ledger\":\"investering\","
		 "\"project\":\"Vädersjövägen\"}", 201, NULL, "\"ledger\":\"investering\""},
		/* refusals, naming the field */
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"outcome\",\"month\":1,\"amount_kr\":1,\"budget_kind\":\"change\"}",
		 422, "invalid_input", "\"field\":\"budget_kind\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":1,\"ledger\":\"capital\"}", 422,
		 "invalid_input", "\"field\":\"ledger\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":1,\"decided_on\":\"2021-02-30\"}", 422,
		 "invalid_input", "\"field\":\"decided_on\""},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":2,\"year\":2021,"
		 "\"measure\":\"budget\",\"amount_kr\":1,\"decision_ref\":\"Ärende 811218-9876\"}",
		 422, "invalid_input", "\"field\":\"decision_ref\""},
		/* filters */
		{"GET", "/api/v1/budget-lines?ledger=investering", T_READER, NULL, 200, NULL,
		 "\"total\":1"},
		{"GET", "/api/v1/budget-lines?budget_kind=change", T_READER, NULL, 200, NULL,
		 "\"total\":1"},
		{"GET", "/api/v1/budget-lines?project=V%C3%A4dersj%C3%B6v%C3%A4gen", T_READER, NULL,
		 200, NULL, "\"total\":1"},
		{"GET", "/api/v1/budget-lines?ledger=x", T_READER, NULL, 400, "invalid_query", NULL},
		/* a change made an original again, and a line moved between ledgers */
		{"PATCH", "/api/v1/budget-lines/2", T_EDITOR, "{\"budget_kind\":\"original\"}", 200,
		 NULL, "\"budget_kind\":\"original\""},
		{"PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"ledger\":\"investering\"}", 200,
		 NULL, "\"ledger\":\"investering\""},
		{"GET", "/api/v1/budget-lines?ledger=drift", T_READER, NULL, 200, NULL,
		 "\"total\":1"},
	};
	RUN_CASES(cases);
}
END_TEST

START_TEST(import_with_economy_columns)
{
	const char *csv = "unit_code;activity;account;year;month;measure;amount_kr;ledger;"
		"project;budget_kind;decided_on;decision_ref\r\n"
		"A;410;4000;2021;;budget;-1 200 000;;;;2020-11-20;KF § 1\r\n"
		"A;410;4000;2021;12;budget;-3 000;drift;;change;2021-04-18;KF § 91\r\n"
		"B;;;2021;;budget;-5 000 000;investering;Boende X;;;\r\n"
		"B;;;2021;4;outcome;-500 000;investering;Boende X;;;\r\n";
	struct tresp r;
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 201);
	tresp_free(&r);
	json_t *j = get("/api/v1/budget-lines?budget_kind=change");
	json_t *line = json_array_get(json_object_get(j, "items"), 0);
	ck_assert_str_eq(str(line, "decision_ref"), "KF § 91");
	ck_assert_str_eq(str(line, "decided_on"), "2021-04-18");
	json_decref(j);
	j = get("/api/v1/budget-lines?ledger=investering&project=Boende%20X");
	ck_assert_int_eq(num(j, "total"), 2);
	json_decref(j);

	/* every bad economy field names its row and field; nothing is stored */
	const char *bad = "unit_id;year;month;measure;amount_kr;ledger;budget_kind;decided_on;"
		"decision_ref\n"
		"2;2021;1;outcome;5;capital;;;\n"
		"2;2021;1;outcome;5;;change;;\n"
		"2;2021;;budget;5;;;13/4/2021;\n"
		"2;2021;;budget;5;;;;640823-3234\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", bad, &r), 422);
	json_t *errs = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errs), 4);
	static const char *const fields[] = {"ledger", "budget_kind", "decided_on",
					     "decision_ref"};
	for (size_t i = 0; i < 4; i++) {
		json_t *e = json_array_get(errs, i);
		ck_assert_int_eq(num(e, "row"), (int64_t)i + 1);
		ck_assert_str_eq(str(e, "field"), fields[i]);
	}
	tresp_free(&r);
	j = get("/api/v1/budget-lines?year=2021");
	ck_assert_int_eq(num(j, "total"), 4);
	json_decref(j);

	/* JSON rows take the same fields through the line's spec */
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import", T_EDITOR,
			     "[{\"unit_id\":2,\"year\":2021,\"month\":3,\"measure\":\"forecast\","
			     "\"amount_kr\":-1,\"ledger\":\"investering\",\"project\":\"P\"},"
			     "{\"unit_id\":2,\"year\":2021,\"month\":3,\"measure\":\"forecast\","
			     "\"amount_kr\":-1,\"budget_kind\":\"change\"}]", &r), 422);
	ck_assert_msg(strstr(r.body, "budget_kind") && strstr(r.body, "row 2"), "%s", r.body);
	tresp_free(&r);
}
END_TEST

/* The rows of aggregate @p agg that differ from the lines of @p where grouped by @p keys
 * (select list and group columns), both ways. */
static int64_t mismatches(sqlite3 *h, const char *keys, const char *where, const char *agg,
			  const char *agg_keys)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "WITH l AS (SELECT %s, sum(amount_kr), count(*) FROM budget_lines WHERE %s"
		 " GROUP BY %s), g AS (SELECT %s, amount_kr, lines FROM %s)"
		 " SELECT (SELECT count(*) FROM (SELECT * FROM l EXCEPT SELECT * FROM g))"
		 " + (SELECT count(*) FROM (SELECT * FROM g EXCEPT SELECT * FROM l))",
		 keys, where, keys, agg_keys, agg);
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(h));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

#define KEYS "unit_id, year, %s agg_measure, coalesce(month, 0)"

/* Every aggregate holds exactly its ledger's lines: drift by unit, activity and account with
 * budget changes apart, drift forecasts per cell, investments per project. */
static void check_aggregates(void)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open_v2(T.db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(mismatches(h, "unit_id, year, agg_measure, coalesce(month, 0)",
		"ledger = 'drift'", "budget_agg_unit", "unit_id, year, measure, month"), 0);
	ck_assert_int_eq(mismatches(h, "unit_id, year, coalesce(activity, ''), agg_measure,"
		" coalesce(month, 0)", "ledger = 'drift'", "budget_agg_activity",
		"unit_id, year, activity, measure, month"), 0);
	ck_assert_int_eq(mismatches(h, "unit_id, year, coalesce(account, ''), agg_measure,"
		" coalesce(month, 0)", "ledger = 'drift'", "budget_agg_account",
		"unit_id, year, account, measure, month"), 0);
	ck_assert_int_eq(mismatches(h, "unit_id, year, coalesce(activity, ''),"
		" coalesce(account, ''), month", "ledger = 'drift' AND measure = 'forecast'",
		"budget_agg_forecast", "unit_id, year, activity, account, month"), 0);
	ck_assert_int_eq(mismatches(h, "unit_id, year, coalesce(project, ''), agg_measure,"
		" coalesce(month, 0)", "ledger = 'investering'", "budget_agg_project",
		"unit_id, year, project, measure, month"), 0);
	sqlite3_close(h);
}

START_TEST(aggregates_keep_ledgers_apart)
{
	struct tresp r;
	const char *csv = "unit_id;activity;account;year;month;measure;amount_kr;ledger;project;"
		"budget_kind\n"
		"2;410;4000;2021;;budget;-1200;;;\n2;410;4000;2021;;budget;-30;;;change\n"
		"2;410;4000;2021;3;forecast;-1300;;;\n2;410;4001;2021;3;forecast;-7;;;\n"
		"2;410;4000;2021;4;forecast;-1250;;;\n3;;;2021;;budget;-5000;investering;P;\n"
		"3;;;2021;4;outcome;-500;investering;P;\n3;;;2021;4;forecast;-4000;investering;;\n"
		"3;;;2021;4;outcome;-9;;;\n";
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 201);
	tresp_free(&r);
	check_aggregates();
	/* single writes: every change of ledger, kind, project or cell moves the sums */
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"activity\":\"410\",\"account\":\"4000\","
	       "\"year\":2021,\"month\":4,\"measure\":\"forecast\",\"amount_kr\":-1}");
	create("/api/v1/budget-lines", "{\"unit_id\":3,\"year\":2021,\"measure\":\"budget\","
	       "\"amount_kr\":-2,\"ledger\":\"investering\",\"budget_kind\":\"change\"}");
	static const struct http_case patches[] = {
		{"PATCH", "/api/v1/budget-lines/2", T_EDITOR, "{\"budget_kind\":\"original\"}", 200,
		 NULL, NULL},
		{"PATCH", "/api/v1/budget-lines/4", T_EDITOR, "{\"account\":\"4000\"}", 200, NULL,
		 NULL},
		{"PATCH", "/api/v1/budget-lines/7", T_EDITOR, "{\"ledger\":\"drift\"}", 200, NULL,
		 NULL},
		{"PATCH", "/api/v1/budget-lines/9", T_EDITOR, "{\"ledger\":\"investering\","
		 "\"project\":\"Q\"}", 200, NULL, NULL},
		{"PATCH", "/api/v1/budget-lines/6", T_EDITOR, "{\"project\":\"R\"}", 200, NULL, NULL},
		{"DELETE", "/api/v1/budget-lines/3", T_EDITOR, NULL, 204, NULL, NULL},
		{"DELETE", "/api/v1/budget-lines/8", T_EDITOR, NULL, 204, NULL, NULL},
	};
	RUN_CASES(patches);
	check_aggregates();

	/* the operating rollup sees drift alone; the investment rollup investments alone */
	json_t *j = get("/api/v1/budget/rollup?unit_id=1&period=2021");
	json_t *root = json_object_get(j, "root");
	ck_assert_int_eq(num(root, "budget_year"), -1230);
	ck_assert_int_eq(num(root, "budget_changes"), 0);  /* the change was made original */
	json_decref(j);
	j = get("/api/v1/budget/rollup?unit_id=1&period=2021&ledger=investering");
	root = json_object_get(j, "root");
	ck_assert_int_eq(num(root, "budget_year"), -5002);
	ck_assert_int_eq(num(root, "budget_changes"), -2);
	ck_assert_int_eq(num(root, "outcome_period"), -9);   /* line 7 moved to drift */
	ck_assert_str_eq(str(j, "ledger"), "investering");
	json_decref(j);
}
END_TEST

/* ---------------------------------------------------------------- rollup */

START_TEST(rollup_parameters)
{
	static const struct http_case cases[] = {
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=project", T_READER,
		 NULL, 400, "invalid_query", "ledger=investering"},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&ledger=investering"
		 "&group_by=activity", T_READER, NULL, 400, "invalid_query", "\"field\":\"group_by\""},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&subtotals=true", T_READER, NULL,
		 400, "invalid_query", "\"field\":\"subtotals\""},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&ledger=loan", T_READER, NULL,
		 400, "invalid_query", "\"field\":\"ledger\""},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=unit,account",
		 T_READER, NULL, 400, "invalid_query", "\"field\":\"group_by\""},
		{"GET", "/api/v1/budget/rollup?unit_id=99&period=2021&ledger=investering", T_READER,
		 NULL, 404, "not_found", NULL},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=unit%2Cactivity",
		 T_READER, NULL, 200, NULL, "\"group_by\":\"unit,activity\""},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&ledger=investering"
		 "&group_by=project&format=csv", T_READER, NULL, 200, NULL, "spent_share_pct"},
		{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=account"
		 "&subtotals=true&format=csv", T_READER, NULL, 200, NULL, "outcome_incomplete"},
	};
	RUN_CASES(cases);
}
END_TEST

/* An activity list, an account group with an account and its varav, and lines on them. */
static void named_lines(void)
{
	create("/api/v1/activities", "{\"code\":\"410\",\"name\":\"Individ- och familjeomsorg\"}");
	create("/api/v1/accounts", "{\"code\":\"3\",\"name\":\"Intäkter\",\"kind\":\"group\"}");
	create("/api/v1/accounts", "{\"code\":\"3010\",\"name\":\"Statsbidrag\",\"parent\":\"3\"}");
	create("/api/v1/accounts", "{\"code\":\"3011\",\"name\":\"varav Covid-19\","
	       "\"kind\":\"varav\",\"parent\":\"3010\"}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"activity\":\"410\",\"account\":\"3010\","
	       "\"year\":2021,\"month\":12,\"measure\":\"outcome\",\"amount_kr\":9000}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"activity\":\"410\",\"account\":\"3011\","
	       "\"year\":2021,\"month\":12,\"measure\":\"outcome\",\"amount_kr\":1000}");
	create("/api/v1/budget-lines", "{\"unit_id\":3,\"activity\":\"420\",\"account\":\"4000\","
	       "\"year\":2021,\"month\":12,\"measure\":\"outcome\",\"amount_kr\":-50}");
}

START_TEST(rollup_names_and_account_groups)
{
	named_lines();
	/* activities by name; an unlisted code is its own name */
	json_t *j = get("/api/v1/budget/rollup?unit_id=1&period=2021&group_by=activity");
	json_t *root = json_object_get(j, "root");
	ck_assert_str_eq(str(child_by_key(root, "410"), "name"), "Individ- och familjeomsorg");
	ck_assert_str_eq(str(child_by_key(root, "410"), "kind"), "activity");
	ck_assert_str_eq(str(child_by_key(root, "420"), "name"), "420");
	json_decref(j);

	/* accounts: flat, the varav in its account; with subtotals, group → account → varav */
	j = get("/api/v1/budget/rollup?unit_id=1&period=2021&group_by=account");
	root = json_object_get(j, "root");
	ck_assert_uint_eq(json_array_size(json_object_get(root, "children")), 2);
	ck_assert_int_eq(num(child_by_key(root, "3010"), "outcome_period"), 10000);
	json_decref(j);
	j = get("/api/v1/budget/rollup?unit_id=1&period=2021&group_by=account&subtotals=true");
	root = json_object_get(j, "root");
	json_t *group = child_by_key(root, "3"), *acc = child_by_key(group, "3010");
	ck_assert_str_eq(str(group, "kind"), "group");
	ck_assert_int_eq(num(group, "outcome_period"), 10000);
	ck_assert_int_eq(num(acc, "outcome_period"), 10000);
	ck_assert_str_eq(str(child_by_key(acc, "3011"), "kind"), "varav");
	ck_assert_int_eq(num(child_by_key(acc, "3011"), "outcome_period"), 1000);
	ck_assert_int_eq(num(child_by_key(root, "4000"), "outcome_period"), -50);
	json_decref(j);
}
END_TEST

START_TEST(rollup_units_with_activities)
{
	named_lines();
	/* units with their activities: each unit's own activities under it */
	json_t *j = get("/api/v1/budget/rollup?unit_id=1&period=2021&group_by=unit%2Cactivity");
	json_t *root = json_object_get(j, "root");
	json_t *a = child_by_key(root, "A"), *ifo = child_by_key(a, "410");
	ck_assert_str_eq(str(ifo, "kind"), "activity");
	ck_assert_int_eq(num(ifo, "outcome_period"), 10000);
	ck_assert_int_eq(num(child_by_key(child_by_key(root, "B"), "420"), "outcome_period"), -50);
	ck_assert_int_eq(num(root, "outcome_period"), 9950);
	/* the explain's query lists the activity's lines of its unit */
	const char *lq = str(json_object_get(json_object_get(json_object_get(ifo, "assessment"),
		"explain"), "sources"), "lines_query");
	ck_assert_str_eq(lq, "/api/v1/budget-lines?unit_id=2&activity=410&year=2021&ledger=drift");
	json_t *lines = get(lq);
	ck_assert_int_eq(num(lines, "total"), 2);
	json_decref(lines);
	json_decref(j);

	/* renaming a code is a write: the memoised rollup follows it */
	struct tresp r;
	ck_assert_int_eq(req("PATCH", "/api/v1/activities/1", T_EDITOR, "{\"name\":\"IFO\"}", &r),
			 200);
	tresp_free(&r);
	j = get("/api/v1/budget/rollup?unit_id=1&period=2021&group_by=activity");
	ck_assert_str_eq(str(child_by_key(json_object_get(j, "root"), "410"), "name"), "IFO");
	json_decref(j);
}
END_TEST

START_TEST(rollup_outcome_through_and_last_year)
{
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"measure\":\"budget\","
	       "\"amount_kr\":-1200}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"month\":4,"
	       "\"measure\":\"outcome\",\"amount_kr\":-300}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2020,\"month\":8,"
	       "\"measure\":\"outcome\",\"amount_kr\":-700}");
	/* the full year against an outcome through April: flagged, the explain says so */
	json_t *j = get("/api/v1/budget/rollup?unit_id=2&period=2021");
	json_t *root = json_object_get(j, "root");
	ck_assert_str_eq(str(root, "outcome_through"), "2021-04");
	ck_assert(json_is_true(json_object_get(root, "outcome_incomplete")));
	json_t *cov = json_object_get(json_object_get(json_object_get(root, "assessment"),
						      "explain"), "outcome_coverage");
	ck_assert(json_is_true(json_object_get(cov, "incomplete")));
	/* last year's outcome reaches August only: null, and why */
	ck_assert(json_is_null(json_object_get(root, "previous_year_outcome")));
	ck_assert_str_eq(str(root, "previous_year_from"), "2020-01");
	ck_assert_str_eq(str(root, "previous_year_to"), "2020-12");
	ck_assert_str_eq(str(root, "previous_year_outcome_through"), "2020-08");
	ck_assert_ptr_nonnull(strstr(str(root, "previous_year_reason"), "2020-08"));
	json_decref(j);
	/* through August: last year's January–August is the comparison */
	j = get("/api/v1/budget/rollup?unit_id=2&period=2021-08");
	root = json_object_get(j, "root");
	ck_assert_int_eq(num(root, "previous_year_outcome"), -700);
	ck_assert(json_is_null(json_object_get(root, "previous_year_reason")));
	ck_assert(json_is_null(json_object_get(root, "previous_year_budget")));
	ck_assert_int_eq(num(root, "previous_year_deviation"), -700);
	json_decref(j);
}
END_TEST

START_TEST(assessment_basis_forecast)
{
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"measure\":\"budget\","
	       "\"amount_kr\":-1000000}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"month\":4,"
	       "\"measure\":\"outcome\",\"amount_kr\":-100000}");
	static const struct http_case cases[] = {
		{"PUT", "/api/v1/units/1/budget-settings", T_EDITOR, "{\"basis\":\"guess\"}", 422,
		 "invalid_input", "\"field\":\"basis\""},
		{"PUT", "/api/v1/units/1/budget-settings", T_EDITOR, "{\"basis\":\"forecast\"}", 200,
		 NULL, "\"basis\":\"forecast\""},
		{"GET", "/api/v1/units/2/budget-settings", T_READER, NULL, 200, NULL,
		 "\"basis\":\"forecast\",\"basis_from\":1"},
		/* no forecast yet: not assessed, and the explain says why */
		{"GET", "/api/v1/budget/rollup?unit_id=2&period=2021-T1", T_READER, NULL, 200, NULL,
		 "\"color\":null,\"explain\":{\"rule\":\"budget_forecast_deviation\""},
	};
	RUN_CASES(cases);
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"month\":4,"
	       "\"measure\":\"forecast\",\"amount_kr\":-1030000}");
	json_t *j = get("/api/v1/budget/rollup?unit_id=2&period=2021-T1");
	json_t *as = json_object_get(json_object_get(j, "root"), "assessment");
	ck_assert_str_eq(str(as, "color"), "rod");   /* 3 % over on the forecast */
	json_t *ex = json_object_get(as, "explain");
	ck_assert_str_eq(str(ex, "rule"), "budget_forecast_deviation");
	ck_assert_int_eq(num(json_object_get(ex, "inputs"), "deviation_kr"), -30000);
	json_decref(j);
	/* a unit below may keep the outcome */
	struct tresp r;
	ck_assert_int_eq(req("PUT", "/api/v1/units/2/budget-settings", T_EDITOR,
			     "{\"basis\":\"outcome\"}", &r), 200);
	tresp_free(&r);
	j = get("/api/v1/budget/rollup?unit_id=2&period=2021-T1");
	ck_assert_str_eq(str(json_object_get(json_object_get(j, "root"), "assessment"), "color"),
			 "gron");
	json_decref(j);
}
END_TEST

/* ---------------------------------------------------------------- the frame */

START_TEST(budget_frame)
{
	const char *csv = "unit_id;year;month;measure;amount_kr;budget_kind;decided_on;decision_ref\n"
		"2;2017;;budget;-600000;;2016-06-13;KF § 215\n"
		"3;2017;;budget;-250000;;2016-06-13;KF § 215\n"
		"2;2017;12;budget;-2781;change;2017-04-18;KF § 91\n"
		"3;2017;12;budget;-803;change;2016-12-05;KF § 350\n"
		"3;2017;4;outcome;-1;;;\n";
	struct tresp r;
	ck_assert_int_eq(post_csv("/api/v1/budget-lines:import", csv, &r), 201);
	tresp_free(&r);
	json_t *j = get("/api/v1/budget/frame?unit_id=1&year=2017");
	ck_assert_int_eq(num(j, "budget_original"), -850000);
	ck_assert_int_eq(num(j, "budget_changes"), -3584);
	ck_assert_int_eq(num(j, "budget_year"), -853584);
	json_t *orig = json_object_get(j, "original"), *ch = json_object_get(j, "changes");
	ck_assert_uint_eq(json_array_size(orig), 1);
	ck_assert_int_eq(num(json_array_get(orig, 0), "lines"), 2);
	ck_assert_uint_eq(json_array_size(ch), 2);
	ck_assert_str_eq(str(json_array_get(ch, 0), "decision_ref"), "KF § 350");  /* by date */
	ck_assert_str_eq(str(json_array_get(ch, 1), "decided_on"), "2017-04-18");
	json_decref(j);
	/* the rollup shows the same frame */
	j = get("/api/v1/budget/rollup?unit_id=1&period=2017");
	json_t *root = json_object_get(j, "root");
	ck_assert_int_eq(num(root, "budget_original"), -850000);
	ck_assert_int_eq(num(root, "budget_changes"), -3584);
	json_t *bf = json_object_get(json_object_get(json_object_get(root, "assessment"),
						     "explain"), "budget_frame");
	ck_assert_str_eq(str(bf, "frame_query"), "/api/v1/budget/frame?unit_id=1&year=2017"
			 "&ledger=drift");
	json_decref(j);
	static const struct http_case cases[] = {
		{"GET", "/api/v1/budget/frame?unit_id=3&year=2017&scale=tkr", T_READER, NULL, 200,
		 NULL, "\"budget_year\":-251"},
		{"GET", "/api/v1/budget/frame?unit_id=1&year=2017&format=csv", T_READER, NULL, 200,
		 NULL, "KF § 350"},
		{"GET", "/api/v1/budget/frame?unit_id=1&year=2017&ledger=investering", T_READER,
		 NULL, 200, NULL, "\"budget_year\":0"},
		{"GET", "/api/v1/budget/frame?unit_id=1", T_READER, NULL, 400, "invalid_query",
		 "year"},
		{"GET", "/api/v1/budget/frame?unit_id=99&year=2017", T_READER, NULL, 404,
		 "not_found", NULL},
		{"GET", "/api/v1/budget/frame?unit_id=1&year=2017", T_NONE, NULL, 401,
		 "unauthorized", NULL},
		/* two lines each within range, their frame beyond it: refused, never wrapped */
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":3,\"year\":2019,"
		 "\"month\":1,\"measure\":\"budget\",\"amount_kr\":-9000000000000000}", 201,
		 NULL, NULL},
		{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":3,\"year\":2019,"
		 "\"month\":2,\"measure\":\"budget\",\"amount_kr\":-9000000000000000}", 201,
		 NULL, NULL},
		{"GET", "/api/v1/budget/frame?unit_id=3&year=2019", T_READER, NULL, 422,
		 "out_of_range", NULL},
	};
	RUN_CASES(cases);
}
END_TEST

/* ---------------------------------------------------------------- code lists */

START_TEST(activities_crud)
{
	static const struct http_case cases[] = {
		{"POST", "/api/v1/activities", T_EDITOR, "{\"code\":\"410\",\"name\":\"IFO\","
		 "\"sort\":2}", 201, NULL, "\"code\":\"410\""},
		{"POST", "/api/v1/activities", T_EDITOR, "{\"code\":\"400\",\"name\":\"Vuxna\"}", 201,
		 NULL, "\"sort\":0"},
		{"POST", "/api/v1/activities", T_EDITOR, "{\"code\":\"410\",\"name\":\"Again\"}", 409,
		 "duplicate", "\"field\":\"code\""},
		{"POST", "/api/v1/activities", T_EDITOR, "{\"code\":\"\",\"name\":\"x\"}", 422,
		 "invalid_input", "\"field\":\"code\""},
		{"POST", "/api/v1/activities", T_EDITOR, "{\"name\":\"x\"}", 422, "invalid_input",
		 "\"field\":\"code\""},
		{"POST", "/api/v1/activities", T_EDITOR, "{\"code\":\"1\",\"name\":\"x\","
		 "\"kind\":\"group\"}", 422, "invalid_input", "\"field\":\"kind\""},
		{"POST", "/api/v1/activities", T_READER, "{\"code\":\"1\",\"name\":\"x\"}", 403,
		 "forbidden", NULL},
		/* by sort, then code: 400 (sort 0) before 410 (sort 2) */
		{"GET", "/api/v1/activities", T_READER, NULL, 200, NULL,
		 "\"items\":[{\"id\":2,\"code\":\"400\""},
		{"GET", "/api/v1/activities?limit=1&offset=1", T_READER, NULL, 200, NULL,
		 "\"code\":\"410\""},
		{"GET", "/api/v1/activities?format=csv", T_READER, NULL, 200, NULL, "Vuxna"},
		{"GET", "/api/v1/activities/1", T_READER, NULL, 200, NULL, "\"name\":\"IFO\""},
		{"PATCH", "/api/v1/activities/1", T_EDITOR, "{\"name\":\"Individ och familj\"}", 200,
		 NULL, "\"version\":2"},
		{"DELETE", "/api/v1/activities/2", T_EDITOR, NULL, 204, NULL, NULL},
		{"GET", "/api/v1/activities/2", T_READER, NULL, 404, "not_found", NULL},
	};
	RUN_CASES(cases);
}
END_TEST

START_TEST(accounts_hierarchy)
{
	static const struct http_case cases[] = {
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"4\",\"name\":\"Kostnader\","
		 "\"kind\":\"group\",\"sort\":2}", 201, NULL, "\"kind\":\"group\""},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"4010\",\"name\":\"Löner\","
		 "\"parent\":\"4\"}", 201, NULL, "\"kind\":\"account\",\"parent\":\"4\""},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"4011\",\"name\":\"varav OB\","
		 "\"kind\":\"varav\",\"parent\":\"4010\"}", 201, NULL, NULL},
		/* the hierarchy's rules, naming the field at fault */
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
		 "\"kind\":\"varav\"}", 422, "invalid_hierarchy", "\"field\":\"parent\""},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
		 "\"kind\":\"varav\",\"parent\":\"4\"}", 422, "invalid_hierarchy", NULL},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
		 "\"parent\":\"4010\"}", 422, "invalid_hierarchy", NULL},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
		 "\"parent\":\"9\"}", 422, "invalid_hierarchy", "names no code"},
		{"POST", "/api/v1/accounts", T_EDITOR, "{\"code\":\"x\",\"name\":\"X\","
		 "\"kind\":\"sum\"}", 422, "invalid_input", "\"field\":\"kind\""},
		/* a group under itself */
		{"PATCH", "/api/v1/accounts/1", T_EDITOR, "{\"parent\":\"4\"}", 422,
		 "invalid_hierarchy", "back to the code itself"},
		/* making 4010 a group would strand its varav: refused, naming the kind */
		{"PATCH", "/api/v1/accounts/2", T_EDITOR, "{\"kind\":\"group\"}", 422,
		 "invalid_hierarchy", "\"field\":\"kind\""},
		/* a new code follows into the accounts under it */
		{"PATCH", "/api/v1/accounts/2", T_EDITOR, "{\"code\":\"4020\"}", 200, NULL,
		 "\"code\":\"4020\""},
		{"GET", "/api/v1/accounts/3", T_READER, NULL, 200, NULL, "\"parent\":\"4020\""},
		/* a parent with accounts under it stays */
		{"DELETE", "/api/v1/accounts/1", T_EDITOR, NULL, 409, "referenced", NULL},
		{"DELETE", "/api/v1/accounts/3", T_EDITOR, NULL, 204, NULL, NULL},
		{"GET", "/api/v1/accounts?format=csv", T_READER, NULL, 200, NULL, "4020"},
		{"GET", "/api/v1/accounts/77", T_READER, NULL, 404, "not_found", NULL},
	};
	RUN_CASES(cases);
}
END_TEST

Suite *economy_http_suite(void)
{
	Suite *s = suite_create("economy_http");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, setup, tsrv_teardown);
	tcase_add_test(tc, lines_with_ledger_and_decision);
	tcase_add_test(tc, import_with_economy_columns);
	tcase_add_test(tc, aggregates_keep_ledgers_apart);
	tcase_add_test(tc, rollup_parameters);
	tcase_add_test(tc, rollup_names_and_account_groups);
	tcase_add_test(tc, rollup_units_with_activities);
	tcase_add_test(tc, rollup_outcome_through_and_last_year);
	tcase_add_test(tc, assessment_basis_forecast);
	tcase_add_test(tc, budget_frame);
	tcase_add_test(tc, activities_crud);
	tcase_add_test(tc, accounts_hierarchy);
	suite_add_tcase(s, tc);
	return s;
}
