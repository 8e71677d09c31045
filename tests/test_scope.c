/*
 * Tokens scoped to a municipality, over the demo's two (Tyresö, unit 1; Haninge, unit 2).
 *
 * The sweep walks the routing table itself, so a route added later is covered without a line
 * here: every GET is asked by a token scoped to Haninge, and no reply may name a unit of
 * Tyresö (any "unit_id", or the id of a unit object); every GET of a record of Tyresö by
 * its id is 404 (or 403 where the route spans the whole database).  The same requests by an
 * unscoped admin must show Tyresö, so the sweep cannot pass on empty replies.  Then the
 * writes: records are created, moved and deleted only inside the scope, and the whole-database
 * routes refuse.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistd.h>

#include "folja/auth.h"
#include "folja/db.h"
#include "folja/embed.h"
#include "folja/route.h"
#include "support.h"

/* The scoped tokens take the places of two of the fixture's: H is a sensitive editor scoped
 * to Haninge, HA a sensitive admin scoped to Haninge.  T_ADMIN stays unscoped. */
#define H T_SENS_EDITOR
#define HA T_PLAIN_ADMIN
#define HANINGE 2

static int64_t haninge[64];   /* Haninge's units, from the unscoped tree */
static size_t n_haninge;

static bool is_haninge(int64_t id)
{
	for (size_t i = 0; i < n_haninge; i++)
		if (haninge[i] == id)
			return true;
	return false;
}

static void scoped_setup(void)
{
	struct tresp r;
	tsrv_setup_demo();
	ck_assert_int_eq(auth_token_create(db_thread(), "haninge", &(struct token_grant){
		ROLE_EDITOR, true, HANINGE, NULL}, T.token[H]), DB_OK);
	ck_assert_int_eq(auth_token_create(db_thread(), "haninge-admin", &(struct token_grant){
		ROLE_ADMIN, true, HANINGE, NULL}, T.token[HA]), DB_OK);
	n_haninge = 0;
	/* Haninge's subtree, as the unscoped tree gives it */
	ck_assert_int_eq(req("GET", "/api/v1/units/2/tree?format=csv&columns=id", T_ADMIN, NULL,
			     &r), 200);
	for (char *line = strchr(r.body, '\n'); line && line[1]; line = strchr(line + 1, '\n'))
		if (n_haninge < 64)
			haninge[n_haninge++] = strtoll(line + 1, NULL, 10);
	tresp_free(&r);
	ck_assert_uint_gt(n_haninge, 5);
}

/* ==== the sweep ============================================================================ */

/* Counts of what the walk of one reply found. */
struct seen {
	int units;      /* unit ids met */
	int foreign;    /* of them, not Haninge's */
};

/* Walks @p v: every "unit_id" and the "id" of every unit object (it has "kind" and
 * "municipality_code"). */
static void walk(const json_t *v, struct seen *s, int depth)
{
	const char *k;
	const json_t *x;
	size_t i;
	if (depth > 80)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			walk(x, s, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	bool unit = json_object_get(v, "kind") && json_object_get(v, "municipality_code");
	json_object_foreach((json_t *)v, k, x) {
		if (json_is_integer(x) && (strcmp(k, "unit_id") == 0 ||
					   (unit && strcmp(k, "id") == 0))) {
			s->units++;
			s->foreign += !is_haninge(json_integer_value(x));
		}
		walk(x, s, depth + 1);
	}
}

/* The first value of a parameter's example ("2021, 2021-04" gives "2021"). */
static void example_value(const struct q_param *p, char *out, size_t cap)
{
	const char *ex = p->example ? p->example : "2021";
	snprintf(out, cap, "%.*s", (int)strcspn(ex, ", "), ex);
}

/* What a route needs beyond its required parameters (one of two). */
static const char *extra_query(const struct route *rt)
{
	return strcmp(rt->pattern, "/api/v1/decisions/council-report") == 0 ? "period=2021" : NULL;
}

/* The URL of GET route @p rt with its path parameters from @p ids (NULL: first record of
 * Haninge's) and its required query parameters from their examples, unit_id Haninge's root.
 * False when the route cannot be asked this way. */
static bool url_of(const struct route *rt, const char *first_id, char *url, size_t cap)
{
	size_t n = 0;
	for (const char *p = rt->pattern; *p && n + 24 < cap;) {
		if (*p != '{') {
			url[n++] = *p++;
			continue;
		}
		const char *name = p + 1;
		p = strchr(p, '}') + 1;
		const char *v = name[0] == 'i' && name[1] == 'd' ? first_id :
				strncmp(name, "period", 6) == 0 ? "2021" : "1";
		n += (size_t)snprintf(url + n, cap - n, "%s", v);
	}
	url[n] = '\0';
	char sep = '?';
	for (const struct q_param *q = rt->query ? rt->query->params : NULL; q && q->name; q++) {
		char v[32];
		if (!(q->flags & Q_REQUIRED))
			continue;
		if (strcmp(q->name, "unit_id") == 0)
			snprintf(v, sizeof v, "%d", HANINGE);
		else
			example_value(q, v, sizeof v);
		n += (size_t)snprintf(url + n, cap - n, "%c%s=%s", sep, q->name, v);
		sep = '&';
	}
	if (extra_query(rt))
		n += (size_t)snprintf(url + n, cap - n, "%c%s", sep, extra_query(rt));
	return n < cap;
}

/* Every GET without a path parameter: a scoped token sees Haninge only; the unscoped admin
 * sees Tyresö in many of the same replies. */
START_TEST(scoped_reads_name_no_unit_outside_the_scope)
{
	int asked = 0, answered = 0, shown_to_admin = 0, units = 0;
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		char url[256];
		struct tresp r;
		if (strcmp(rt->method, "GET") != 0 || strchr(rt->pattern, '{') ||
		    !url_of(rt, "1", url, sizeof url))
			continue;
		asked++;
		int status = req("GET", url, H, NULL, &r);
		struct seen s = {0, 0};
		if (status == 200) {
			answered++;
			walk(r.json, &s, 0);
			units += s.units;
		}
		ck_assert_msg(status == 200 || status == 403, "GET %s: %d %s", url, status, r.body);
		ck_assert_msg(s.foreign == 0, "GET %s names %d units outside the scope: %.400s", url,
			      s.foreign, r.body);
		ck_assert_msg(status == 200 || rt->scope == SCOPE_WHOLE ||
			      rt->access == ACCESS_ADMIN, "GET %s refused: %.300s", url, r.body);
		tresp_free(&r);
		ck_assert_int_eq(req("GET", url, T_ADMIN, NULL, &r), 200);
		struct seen a = {0, 0};
		walk(r.json, &a, 0);
		shown_to_admin += a.foreign > 0;
		tresp_free(&r);
	}
	ck_assert_int_gt(asked, 40);
	ck_assert_int_gt(answered, 30);
	ck_assert_int_gt(units, 100);
	ck_assert_int_gt(shown_to_admin, 10);
}
END_TEST

/* The ids of up to @p cap records of Tyresö in @p collection ("goals"), from the unscoped
 * list, into @p ids; how many. */
static size_t tyreso_records(const char *collection, int64_t *ids, size_t cap)
{
	char url[96];
	struct tresp r;
	size_t n = 0;
	snprintf(url, sizeof url, "/api/v1/%s?limit=1000", collection);
	if (req("GET", url, T_ADMIN, NULL, &r) == 200) {
		size_t i;
		json_t *it;
		bool unit = strcmp(collection, "units") == 0;
		json_array_foreach(json_object_get(r.json, "items"), i, it) {
			json_t *u = json_object_get(it, unit ? "id" : "unit_id");
			if (n < cap && json_is_integer(u) && !is_haninge(json_integer_value(u)))
				ids[n++] = json_integer_value(json_object_get(it, "id"));
		}
	}
	tresp_free(&r);
	return n;
}

static int64_t tyreso_record(const char *collection)
{
	int64_t id = 0;
	return tyreso_records(collection, &id, 1) ? id : 0;
}

/* The URL of route @p rt for the first record of @p ids the unscoped admin gets 200 for. */
static bool answered_url(const struct route *rt, const int64_t *ids, size_t n, char *url,
			 size_t cap)
{
	for (size_t i = 0; i < n; i++) {
		char id[24];
		struct tresp r;
		snprintf(id, sizeof id, "%lld", (long long)ids[i]);
		ck_assert(url_of(rt, id, url, cap));
		int status = req("GET", url, T_ADMIN, NULL, &r);
		tresp_free(&r);
		if (status == 200)
			return true;
	}
	return false;
}

/* Every GET of a record of Tyresö by its id, and of what hangs under it, is 404. */
START_TEST(scoped_reads_of_records_outside_are_not_found)
{
	int asked = 0;
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		char coll[48], url[256];
		struct tresp r;
		const char *p = rt->pattern + strlen("/api/v1/");
		if (strcmp(rt->method, "GET") != 0 || strncmp(rt->pattern, "/api/v1/", 8) != 0 ||
		    strncmp(p + strcspn(p, "/"), "/{id}", 5) != 0 ||
		    (rt->scope != SCOPE_PATH && rt->scope != SCOPE_RECORD))
			continue;
		snprintf(coll, sizeof coll, "%.*s", (int)strcspn(p, "/"), p);
		int64_t ids[40];
		size_t n = tyreso_records(coll, ids, 40);
		if (!n)
			continue;  /* shared records (code lists) have no unit */
		if (!answered_url(rt, ids, n, url, sizeof url))
			continue;  /* none of Tyresö's has what it asks (a Kolada KPI) */
		int status = req("GET", url, H, NULL, &r);
		ck_assert_msg(status == 404, "GET %s: %d %.300s", url, status, r.body);
		tresp_free(&r);
		asked++;
	}
	ck_assert_int_gt(asked, 15);
}
END_TEST

/* ==== writes =============================================================================== */

static const struct http_case write_cases[] = {
	/* a record goes to a unit in the scope, not outside */
	{"POST", "/api/v1/risks", H, "{\"unit_id\": 3, \"year\": 2021, \"description\": \"Brist\"}",
	 403, "out_of_scope", "unit_id"},
	{"POST", "/api/v1/budget-lines", H, "{\"unit_id\": 3, \"year\": 2021, \"month\": 1,"
	 " \"measure\": \"budget\", \"amount_kr\": 5}", 403, "out_of_scope", "unit_id"},
	{"POST", "/api/v1/budget-lines", H, "{\"unit_id\": 19, \"year\": 2021, \"month\": 1,"
	 " \"measure\": \"budget\", \"amount_kr\": 5}", 201, NULL, "\"unit_id\":19"},
	/* the units: under a parent in the scope; the scope's root stays where it is */
	{"POST", "/api/v1/units", H, "{\"code\": \"N1\", \"name\": \"Ny\", \"kind\": \"enhet\","
	 " \"parent_id\": 3}", 403, "out_of_scope", "parent_id"},
	{"POST", "/api/v1/units", H, "{\"code\": \"N1\", \"name\": \"Ny\", \"kind\": \"enhet\"}",
	 403, "out_of_scope", "parent_id"},
	{"PATCH", "/api/v1/units/2", H, "{\"name\": \"Haninge kommun\"}", 200, NULL, NULL},
	{"PATCH", "/api/v1/units/2", H, "{\"parent_id\": 1}", 403, "out_of_scope", NULL},
	{"PATCH", "/api/v1/units/3", H, "{\"name\": \"x\"}", 404, "not_found", NULL},
	{"DELETE", "/api/v1/units/3", H, NULL, 404, "not_found", NULL},
	/* unit codes are unique within a municipality: Tyresö's TY-ASN may be Haninge's too */
	{"POST", "/api/v1/units", H, "{\"code\": \"TY-ASN\", \"name\": \"Ny\", \"kind\": \"enhet\","
	 " \"parent_id\": 19}", 201, NULL, "\"code\":\"TY-ASN\""},
	{"POST", "/api/v1/units", H, "{\"code\": \"TY-ASN\", \"name\": \"Igen\", \"kind\": \"enhet\","
	 " \"parent_id\": 19}", 409, "duplicate", "code"},
	/* what every unit shares is read, not written */
	{"GET", "/api/v1/activities", H, NULL, 200, NULL, "\"items\""},
	{"POST", "/api/v1/activities", H, "{\"code\": \"zz\", \"name\": \"x\"}", 403, "out_of_scope",
	 "every unit shares"},
	{"POST", "/api/v1/report-templates", H, "{}", 403, "out_of_scope", NULL},
	/* the whole database */
	{"GET", "/api/v1/audit", HA, NULL, 403, "out_of_scope", NULL},
	{"GET", "/api/v1/changes", HA, NULL, 403, "out_of_scope", NULL},
	{"GET", "/api/v1/tokens", HA, NULL, 403, "out_of_scope", NULL},
	{"POST", "/api/v1/period-locks", HA, "{}", 403, "out_of_scope", NULL},
	/* a unit_id outside is refused, an omitted one is the scope's root */
	{"GET", "/api/v1/budget/rollup?unit_id=3&period=2021", H, NULL, 403, "out_of_scope",
	 "unit 3"},
	{"GET", "/api/v1/risks/summary?period=2017", H, NULL, 200, NULL, "\"unit_id\":2"},
	{"GET", "/api/v1/goals?unit_id=3", H, NULL, 403, "out_of_scope", NULL},
	/* a report on the scope only */
	{"POST", "/api/v1/reports", H, "{\"unit_id\": 3, \"kind\": \"tertialrapport\", \"period\":"
	 " \"2017-T1\", \"title\": \"x\"}", 403, "out_of_scope", "unit_id"},
};

START_TEST(scoped_writes_stay_inside)
{
	RUN_CASES(write_cases);
}
END_TEST

/* A record of Tyresö is neither changed nor deleted by Haninge's token, and one of Haninge's
 * is not moved out. */
START_TEST(records_outside_are_not_changed)
{
	char url[64];
	struct tresp r;
	int64_t tyreso = tyreso_record("risks");
	ck_assert_int_gt(tyreso, 0);
	snprintf(url, sizeof url, "/api/v1/risks/%lld", (long long)tyreso);
	ck_assert_int_eq(req("PATCH", url, H, "{\"description\": \"x\"}", &r), 404);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", url, H, NULL, &r), 404);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", url, T_ADMIN, NULL, &r), 200);
	ck_assert_str_ne(json_string_value(json_object_get(r.json, "description")), "x");
	tresp_free(&r);

	int64_t mine = create("/api/v1/risks", "{\"unit_id\": 19, \"year\": 2021, "
			      "\"description\": \"Haninges\"}");
	snprintf(url, sizeof url, "/api/v1/risks/%lld", (long long)mine);
	ck_assert_int_eq(req("PATCH", url, H, "{\"unit_id\": 3}", &r), 403);
	tresp_free(&r);
	ck_assert_int_eq(req("PATCH", url, H, "{\"description\": \"Haninges risk\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", url, H, NULL, &r), 204);
	tresp_free(&r);
}
END_TEST

/* The same question asked with and without a scope gets two answers: a memoised or 304'd
 * reply of one is never the other's. */
START_TEST(memo_and_etags_tell_scopes_apart)
{
	struct tresp r;
	const char *url = "/api/v1/lex-sarah-reports/summary?period=2021";
	ck_assert_int_eq(req("GET", url, T_ADMIN, NULL, &r), 200);
	json_int_t all = json_integer_value(json_object_get(r.json, "total"));
	char etag[64];
	ck_assert_ptr_nonnull(tresp_header(&r, "ETag", etag, sizeof etag));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", url, H, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "unit_id")), HANINGE);
	ck_assert_int_ne(json_integer_value(json_object_get(r.json, "total")), all);
	char mine[64];
	ck_assert_ptr_nonnull(tresp_header(&r, "ETag", mine, sizeof mine));
	ck_assert_str_ne(mine, etag);
	tresp_free(&r);
}
END_TEST

/* ==== the migration ======================================================================= */

/* A database of the previous schema, holding the demo, is migrated with every unit and every
 * reference to one kept (the units table is rebuilt), and takes scoped tokens after. */
START_TEST(the_units_rebuild_keeps_every_reference)
{
	char dir[] = "/tmp/folja-scope-XXXXXX", path[64];
	/* demo/0008 writes the statistic facts of the current schema (0012) */
	sqlite3 *h = old_database(dir, path, sizeof path, 10, 10, 8);
	int64_t units = sql_count(h, "SELECT count(*) FROM units");
	int64_t lines = sql_count(h, "SELECT count(*) FROM budget_lines b JOIN units u ON u.id = b.unit_id");
	ck_assert_int_gt(units, 20);
	ck_assert_int_gt(lines, 100);
	sqlite3_close(h);

	ck_assert_int_eq(db_open_global(path), 0);
	char token[AUTH_TOKEN_MAX];
	ck_assert_int_eq(auth_token_create(db_thread(), "haninge", &(struct token_grant){
		ROLE_READER, false, HANINGE, NULL}, token), DB_OK);
	db_close_global();

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_ge(sql_count(h, "PRAGMA user_version"), 11);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM units"), units);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM budget_lines b JOIN units u ON"
			       " u.id = b.unit_id"), lines);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM tokens WHERE scope_unit_id = 2"), 1);
	/* the references still bind: a referenced unit cannot be deleted */
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA foreign_keys=ON; DELETE FROM units WHERE id = 3",
				      NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(h);
	remove_dir(dir);
}
END_TEST

Suite *scope_suite(void)
{
	Suite *s = suite_create("scope");
	TCase *tc = tcase_create("haninge");
	tcase_add_checked_fixture(tc, scoped_setup, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, scoped_reads_name_no_unit_outside_the_scope);
	tcase_add_test(tc, scoped_reads_of_records_outside_are_not_found);
	tcase_add_test(tc, scoped_writes_stay_inside);
	tcase_add_test(tc, records_outside_are_not_changed);
	tcase_add_test(tc, memo_and_etags_tell_scopes_apart);
	suite_add_tcase(s, tc);
	TCase *migration = tcase_create("migration");
	tcase_add_test(migration, the_units_rebuild_keeps_every_reference);
	suite_add_tcase(s, migration);
	return s;
}
