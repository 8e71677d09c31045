/*
 * Pathological shapes: trees no municipality has, which an editor (or an older file) could
 * still produce.  Writes that would make the unit tree deeper than UNITS_MAX_DEPTH, or a goal
 * plan deeper than GOALS_MAX_DEPTH, are refused with 422; shapes already in a file (a chain 20 000 deep, 10 000 siblings) are put there
 * directly with SQLite, as an older version could have left them, and every read that walks
 * the tree (the unit tree, the rollup, the goal tree) must answer in bounded time and memory
 * with a status below 500, never crash.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_units.h"
#include "support.h"

/* Sizes in percent (FOLJA_HOSTILE_SCALE, 10 under valgrind, which also makes the time limits
 * meaningless: they are then not checked). */
static int scale(void)
{
	const char *s = getenv("FOLJA_HOSTILE_SCALE");
	int v = s ? atoi(s) : 100;
	return v > 0 && v <= 100 ? v : 100;
}

/* @p n scaled, as text for the SQL that builds a shape. */
static void scaled(int n, char out[16])
{
	snprintf(out, 16, "%d", n * scale() / 100);
}

static int64_t post_unit(const char *code, int64_t parent, int *status)
{
	char body[256];
	struct tresp r;
	if (parent > 0)
		snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"%s\",\"kind\":\"enhet\","
			 "\"parent_id\":%lld}", code, code, (long long)parent);
	else
		snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"%s\",\"kind\":\"kommun\"}",
			 code, code);
	*status = req("POST", "/api/v1/units", T_EDITOR, body, &r);
	int64_t id = json_integer_value(json_object_get(r.json, "id"));
	tresp_free(&r);
	return id;
}

START_TEST(unit_tree_depth_is_bounded)
{
	int status;
	int64_t chain[UNITS_MAX_DEPTH + 2];
	chain[0] = post_unit("D0", 0, &status);
	ck_assert_int_eq(status, 201);
	for (int d = 1; d <= UNITS_MAX_DEPTH; d++) {
		char code[16];
		snprintf(code, sizeof code, "D%d", d);
		chain[d] = post_unit(code, chain[d - 1], &status);
		ck_assert_msg(status == 201, "depth %d: %d", d, status);
	}
	/* one level more is refused, naming the rule */
	struct tresp r;
	char body[256];
	snprintf(body, sizeof body, "{\"code\":\"TOO\",\"name\":\"x\",\"kind\":\"enhet\","
		 "\"parent_id\":%lld}", (long long)chain[UNITS_MAX_DEPTH]);
	ck_assert_int_eq(req("POST", "/api/v1/units", T_EDITOR, body, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "too_deep"));
	tresp_free(&r);
	/* moving a subtree of three levels under depth 10 would reach 13: refused */
	int64_t sub = post_unit("S0", 0, &status), s1 = post_unit("S1", sub, &status);
	post_unit("S2", s1, &status);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)sub);
	snprintf(body, sizeof body, "{\"parent_id\":%lld}", (long long)chain[10]);
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, body, &r), 422);
	tresp_free(&r);
	/* under depth 9 it fits exactly */
	snprintf(body, sizeof body, "{\"parent_id\":%lld}", (long long)chain[9]);
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, body, &r), 200);
	tresp_free(&r);
}
END_TEST

/* Runs @p sql on the test's database through a connection of its own, as another program
 * would, and moves the data version so the server's caches see it. */
static void inject(const char *sql)
{
	sqlite3 *h;
	char *err = NULL;
	ck_assert_int_eq(sqlite3_open(T.db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s", err ? err : "?");
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE versions SET data = data + 1", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
}

/* GETs @p path as a reader: a status below 500 within @p max_ms. */
static int timed_get(const char *path, int max_ms)
{
	struct timespec t0, t1;
	struct tresp r;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int status = req("GET", path, T_READER, NULL, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(status > 0 && status < 500, "GET %s: %d %.200s", path, status, r.body);
	ck_assert_msg(ms < max_ms || scale() < 100, "GET %s took %.0f ms", path, ms);
	tresp_free(&r);
	return status;
}

START_TEST(deep_chain_in_the_file_is_walked_bounded)
{
	/* 20 000 units, each the parent of the next, made as an older file could hold them */
	char sql[1024], n[16];
	int deepest = 1000 + 20000 * scale() / 100;
	scaled(20000, n);
	snprintf(sql, sizeof sql, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
		 " WHERE i < %s) INSERT INTO units (id, code, name, parent_id, kind)"
		 " SELECT 1000 + i, 'C' || i, 'chain ' || i, CASE i WHEN 1 THEN NULL ELSE 999 + i"
		 " END, CASE i WHEN 1 THEN 'kommun' ELSE 'enhet' END FROM n;"
		 "INSERT INTO budget_lines (unit_id, activity, account, year, month, measure,"
		 " amount_kr) VALUES (%d, 'A', '4000', 2021, 3, 'outcome', -5),"
		 " (1001, 'A', '4000', 2021, NULL, 'budget', -60)", n, deepest);
	inject(sql);
	ck_assert_int_eq(timed_get("/api/v1/units/1001/tree", 5000), 200);
	ck_assert_int_eq(timed_get("/api/v1/units/1001/tree?format=csv", 5000), 200);
	timed_get("/api/v1/budget/rollup?unit_id=1001&period=2021", 5000);
	timed_get("/api/v1/budget/rollup?unit_id=1001&period=2021&group_by=activity", 5000);
	timed_get("/api/v1/goals/tree?period=2021&unit_id=1001", 5000);
	/* and a write under the deep end is refused by the depth rule, not by a crash */
	int status;
	post_unit("UNDER", deepest, &status);
	ck_assert_int_eq(status, 422);
}
END_TEST

START_TEST(ten_thousand_siblings)
{
	char sql[1024], n[16];
	scaled(10000, n);
	snprintf(sql, sizeof sql, "INSERT INTO units (id, code, name, kind) VALUES (500, 'ROOT',"
		 " 'root', 'kommun');"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)"
		 " INSERT INTO units (id, code, name, parent_id, kind)"
		 " SELECT 1000 + i, 'S' || i, 'sibling ' || i, 500, 'enhet' FROM n;"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)"
		 " INSERT INTO budget_lines (unit_id, activity, account, year, month, measure,"
		 " amount_kr) SELECT 1000 + i, 'A' || (i %% 50), '4000', 2021, 1 + i %% 12,"
		 " 'outcome', -i FROM n", n, n);
	inject(sql);
	ck_assert_int_eq(timed_get("/api/v1/units/500/tree", 10000), 200);
	ck_assert_int_eq(timed_get("/api/v1/units?parent_id=500&limit=1000", 5000), 200);
	ck_assert_int_eq(timed_get("/api/v1/budget/rollup?unit_id=500&period=2021", 10000), 200);
	ck_assert_int_eq(timed_get("/api/v1/budget/rollup?unit_id=500&period=2021&format=csv",
				   10000), 200);
	ck_assert_int_eq(timed_get("/api/v1/budget/rollup?unit_id=500&period=2021&"
				   "group_by=activity", 10000), 200);
}
END_TEST

START_TEST(wide_and_deep_goal_trees)
{
	char sql[1200], n[16];
	scaled(5000, n);
	/* 5 000 goals under one area, and a chain of 5 000 goals, each the child of the next */
	snprintf(sql, sizeof sql, "INSERT INTO units (id, code, name, kind) VALUES (500, 'ROOT',"
		 " 'root', 'kommun');"
		 "INSERT INTO goals (id, level, title, unit_id, target_share, yellow_share)"
		 " VALUES (1, 'malomrade', 'area', 500, 60, 40);"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)"
		 " INSERT INTO goals (id, parent_id, level, title, unit_id)"
		 " SELECT 10 + i, 1, 'enhetsmal', 'goal ' || i, 500 FROM n;"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)"
		 " INSERT INTO goals (id, parent_id, level, title, unit_id)"
		 " SELECT 100000 + i, CASE i WHEN 1 THEN NULL ELSE 99999 + i END, 'namndmal',"
		 " 'chain ' || i, 500 FROM n", n, n);
	inject(sql);
	timed_get("/api/v1/goals/tree?period=2021", 10000);
	timed_get("/api/v1/goals/1/assessment?period=2021", 5000);
	timed_get("/api/v1/goals/100001/assessment?period=2021", 5000);
	timed_get("/api/v1/goals/100001/months?year=2021", 10000);
}
END_TEST

START_TEST(goal_plan_depth_is_bounded)
{
	struct tresp r;
	char body[256];
	int64_t parent = 0;
	for (int d = 0; d <= 13; d++) {
		if (parent)
			snprintf(body, sizeof body, "{\"level\":\"namndmal\",\"title\":\"g%d\","
				 "\"parent_id\":%lld}", d, (long long)parent);
		else
			snprintf(body, sizeof body, "{\"level\":\"malomrade\",\"title\":\"g0\"}");
		int status = req("POST", "/api/v1/goals", T_EDITOR, body, &r);
		if (d <= 12) {
			ck_assert_msg(status == 201, "depth %d: %d %s", d, status, r.body);
			parent = json_integer_value(json_object_get(r.json, "id"));
		} else {
			ck_assert_int_eq(status, 422);
			ck_assert_ptr_nonnull(strstr(r.body, "too_deep"));
		}
		tresp_free(&r);
	}
}
END_TEST

Suite *shapes_suite(void)
{
	Suite *s = suite_create("shapes");
	TCase *tc = tcase_create("shapes");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, unit_tree_depth_is_bounded);
	tcase_add_test(tc, deep_chain_in_the_file_is_walked_bounded);
	tcase_add_test(tc, ten_thousand_siblings);
	tcase_add_test(tc, wide_and_deep_goal_trees);
	tcase_add_test(tc, goal_plan_depth_is_bounded);
	suite_add_tcase(s, tc);
	return s;
}
