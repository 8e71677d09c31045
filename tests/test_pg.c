/*
 * The PostgreSQL back end's schema and migrations (src/db/pg.c), against a real server:
 * scripts/with-postgres starts a throwaway one and names it in FOLJA_TEST_PG (the runner
 * skips this suite without it).  Each test works in a schema of its own (tests/pg_support.c).
 *
 * The schema must be SQLite's, table for table and column for column in the same order, so
 * every query can be written once per engine against the same shape and `folja copy` can move
 * every row; the parity test compares it with a SQLite database at the latest version.
 */
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "folja/auth.h"
#include "folja/cli.h"
#include "folja/db.h"
#include "folja/db_units.h"
#include "folja/server.h"
#include "pg_support.h"
#include "support.h"

START_TEST(migrates_a_new_database_once)
{
	ck_assert(db_is_postgres(pg_url));
	ck_assert(!db_is_postgres("./folja.db"));
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	long long tables = pg_test_int("SELECT count(*) FROM information_schema.tables"
				  " WHERE table_schema = current_schema()");
	ck_assert_int_gt(tables, 40);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM folja_migrations"), 1);
	ck_assert_int_eq(pg_test_int("SELECT max(number) FROM folja_migrations"), 12);
	ck_assert_int_eq(pg_test_int("SELECT data FROM versions"), 1);
	/* again: nothing left to do, nothing done twice */
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM folja_migrations"), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM versions"), 1);
}
END_TEST

/* Servers started together on a new database: one migrates, the others wait on the advisory
 * lock and find nothing to do.  Without the lock they would run the schema twice at once and
 * all but one fail. */
START_TEST(servers_starting_together_migrate_once)
{
	enum { N = 6 };
	pid_t pids[N];
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0)
			_exit(db_pg_migrate(pg_url) == 0 ? 0 : 1);
	}
	for (int i = 0; i < N; i++) {
		int status;
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d failed", i);
	}
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM folja_migrations"), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM versions"), 1);
}
END_TEST

START_TEST(refuses_another_applications_tables)
{
	pg_test_run("CREATE TABLE invoices (id integer)");
	ck_assert_int_eq(db_pg_migrate(pg_url), -1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM information_schema.tables"
				" WHERE table_schema = current_schema() AND table_name = 'units'"), 0);
}
END_TEST

START_TEST(refuses_a_newer_schema)
{
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	pg_test_run("INSERT INTO folja_migrations (number, name) VALUES (999, '0999-future.sql')");
	ck_assert_int_eq(db_pg_migrate(pg_url), -1);
}
END_TEST

/* Fails the test unless @p open refuses an unreachable server with one line on stderr that
 * names PostgreSQL and leaves out the URL, which may hold a password. */
static void unreachable_is_one_line(int (*open)(const char *url))
{
	FILE *err = tmpfile();
	ck_assert_ptr_nonnull(err);
	int saved = dup(STDERR_FILENO);
	dup2(fileno(err), STDERR_FILENO);
	int rc = open("postgresql://folja:secret@127.0.0.1:1/folja?connect_timeout=2");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	ck_assert_int_eq(rc, -1);
	char line[512] = "";
	rewind(err);
	size_t n = fread(line, 1, sizeof line - 1, err);
	fclose(err);
	line[n] = '\0';
	ck_assert_msg(strncmp(line, "folja: PostgreSQL: ", 19) == 0, "%s", line);
	ck_assert_ptr_eq(strchr(line, '\n'), line + n - 1);
	ck_assert_ptr_null(strstr(line, "secret"));
}

/* Migrating, and opening for the token commands, say so in one line. */
START_TEST(an_unreachable_server_is_one_line)
{
	unreachable_is_one_line(db_pg_migrate);
	unreachable_is_one_line(db_open_global);
	ck_assert_ptr_null(db_thread());   /* nothing left open */
}
END_TEST

/* The commands not yet on PostgreSQL refuse it, rather than touching a SQLite file of that
 * name. */
START_TEST(other_commands_refuse_postgresql_for_now)
{
	char *check[] = {"folja", "check", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(4, check), 1);
	ck_assert_int_eq(access(pg_url, F_OK), -1);
	char *migrate[] = {"folja", "migrate", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(4, migrate), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM folja_migrations"), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM tokens"), 0);
}
END_TEST

/* Replaces each timestamp of the token or unit list @p items by whether it is set and well formed
 * ("YYYY-MM-DDTHH:MM:SSZ"), so two engines' lists made seconds apart compare equal. */
static void timestamps_to_presence(json_t *items)
{
	static const char *const keys[] = {"created_at", "updated_at", "last_used_at",
					   "revoked_at", "rotated_at", NULL};
	size_t i;
	json_t *t;
	json_array_foreach(items, i, t) {
		for (int k = 0; keys[k]; k++) {
			if (!json_object_get(t, keys[k]))
				continue;
			const char *v = json_string_value(json_object_get(t, keys[k]));
			ck_assert(v || json_is_null(json_object_get(t, keys[k])));
			ck_assert(!v || (strlen(v) == 20 && v[10] == 'T' && v[19] == 'Z'));
			json_object_set_new(t, keys[k], json_boolean(v != NULL));
		}
	}
}

/* One story of tokens on database @p db (a file or a URL): three made (one already expired),
 * one revoked, one rotated, one used; each step's answer asserted.  Returns the list at the
 * end, its timestamps replaced by their presence. */
static json_t *token_story(const char *db)
{
	char tok[3][AUTH_TOKEN_MAX], again[AUTH_TOKEN_MAX];
	const struct token_grant grant[3] = {{ROLE_READER, false, 0, NULL},
					     {ROLE_ADMIN, true, 0, NULL},
					     {ROLE_EDITOR, false, 0, "2020-01-31T23:59:59Z"}};
	static const char *const names[3] = {"reader ä", "admin", "expired"};
	ck_assert_int_eq(db_open_global(db), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(auth_token_create(db_thread(), names[i], &grant[i], tok[i]), DB_OK);
	ck_assert_str_eq(strstr(tok[1], "folja_2_") == tok[1] ? "ok" : tok[1], "ok");
	/* a scope naming no unit breaks the reference: refused, and nothing stored */
	ck_assert_int_eq(auth_token_create(db_thread(), "nowhere",
					   &(struct token_grant){ROLE_READER, false, 99, NULL},
					   again), DB_CONFLICT);
	unsigned char hash[32];
	struct db_token t;
	ck_assert_int_eq(db_tokens_get(db_thread(), 2, hash, sizeof hash, &t), DB_OK);
	ck_assert_str_eq(t.role, "admin");
	ck_assert(t.sensitive);
	ck_assert_str_eq(t.name, "admin");
	ck_assert_str_eq(t.last_used_at, "");
	ck_assert_int_eq(db_tokens_get(db_thread(), 3, hash, sizeof hash, &t), DB_OK);
	ck_assert_str_eq(t.expires_at, "2020-01-31T23:59:59Z");
	ck_assert_int_eq(db_tokens_get(db_thread(), 2, hash, sizeof hash - 1, &t), DB_NOT_FOUND);
	ck_assert_int_eq(db_tokens_revoke(db_thread(), 2), DB_OK);
	ck_assert_int_eq(db_tokens_revoke(db_thread(), 2), DB_NOT_FOUND);
	ck_assert_int_eq(db_tokens_get(db_thread(), 2, hash, sizeof hash, &t), DB_NOT_FOUND);
	ck_assert_int_eq(auth_token_rotate(db_thread(), 2, again), DB_NOT_FOUND);
	ck_assert_int_eq(auth_token_rotate(db_thread(), 1, again), DB_OK);
	ck_assert_str_ne(again, tok[0]);
	ck_assert_int_eq(db_tokens_touch(db_thread(), 1), DB_OK);
	ck_assert_int_eq(db_tokens_get(db_thread(), 1, hash, sizeof hash, &t), DB_OK);
	ck_assert_uint_eq(strlen(t.last_used_at), 20);
	json_t *items = json_array();
	int64_t total = 0;
	ck_assert_int_eq(db_tokens_list(db_thread(), 99, 10, 0, items, &total), DB_NOT_FOUND);
	ck_assert_int_eq(db_tokens_list(db_thread(), 0, 2, 1, items, &total), DB_OK);
	ck_assert_int_eq(total, 3);
	ck_assert_int_eq(json_array_size(items), 2);   /* the page: tokens 2 and 1 */
	json_array_clear(items);
	ck_assert_int_eq(db_tokens_list(db_thread(), 0, 10, 0, items, &total), DB_OK);
	db_close_global();
	timestamps_to_presence(items);
	return items;
}

/* A SQLite database to compare the engines with: lite_new() names a new one in lite_db, in a
 * directory of its own, and lite_remove() removes both. */
static char lite_dir[40], lite_db[64];

static void lite_new(void)
{
	snprintf(lite_dir, sizeof lite_dir, "/tmp/folja-pg-lite.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(lite_dir));
	snprintf(lite_db, sizeof lite_db, "%s/t.db", lite_dir);
}

static void lite_remove(void)
{
	static const char *suffix[] = {"", "-wal", "-shm"};
	char path[80];
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", lite_db, suffix[i]);
		unlink(path);
	}
	rmdir(lite_dir);
}

/* Tells @p story on the SQLite database lite_db and on PostgreSQL's, fails the test unless
 * both tell the same text, and returns SQLite's (the caller frees it and calls lite_remove). */
static char *engines_agree(char *(*story)(const char *db))
{
	char *lite = story(lite_db), *pg = story(pg_url);
	same_text(pg, lite);
	free(pg);
	return lite;
}

/* Makes a new SQLite database (lite_new) and migrates the test's PostgreSQL one, then runs
 * @p sql on both, so both hold the same rows. */
static void both_hold(const char *sql)
{
	sqlite3 *h;
	lite_new();
	ck_assert_int_eq(db_open_global(lite_db), 0);
	db_close_global();
	ck_assert_int_eq(sqlite3_open(lite_db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(db_open_global(pg_url), 0);
	db_close_global();
	pg_test_run(sql);
}

/* Tokens on PostgreSQL: the same calls give the same answers and the same list as on SQLite,
 * and every change moves the tokens version, which servers check before trusting a token. */
START_TEST(tokens_are_kept_as_on_sqlite)
{
	lite_new();
	json_t *lite = token_story(lite_db);
	ck_assert_int_eq(db_open_global(pg_url), 0);
	db_close_global();
	long long before = pg_test_int("SELECT tokens FROM versions");
	json_t *pg = token_story(pg_url);
	/* three made, one revoked, one rotated; neither the refusals nor a use move it */
	ck_assert_int_eq(pg_test_int("SELECT tokens FROM versions"), before + 5);
	char *a = json_dumps(lite, JSON_COMPACT), *b = json_dumps(pg, JSON_COMPACT);
	same_text(b, a);
	ck_assert_ptr_nonnull(strstr(a, "\"status\":\"expired\""));
	ck_assert_ptr_nonnull(strstr(a, "\"status\":\"revoked\""));
	free(a);
	free(b);
	json_decref(lite);
	json_decref(pg);
	lite_remove();
}
END_TEST

/* What another server commits is seen at this one's next version check: the counters every
 * cached figure and verified token is checked against are read from the database each time. */
START_TEST(versions_see_another_servers_commits)
{
	struct db_versions v0, v1;
	ck_assert_int_eq(db_open_global(pg_url), 0);
	ck_assert_int_eq(db_ping(db_thread()), DB_OK);
	ck_assert_int_eq(db_versions(db_thread(), &v0), DB_OK);
	pg_test_run("UPDATE versions SET data = data + 7");   /* another connection */
	ck_assert_int_eq(db_versions(db_thread(), &v1), DB_OK);
	ck_assert_uint_eq(v1.data, v0.data + 7);
	ck_assert_uint_eq(v1.tokens, v0.tokens);
	pg_test_run("UPDATE versions SET tokens = tokens + 1");
	ck_assert_int_eq(db_versions(db_thread(), &v1), DB_OK);
	ck_assert_uint_eq(v1.tokens, v0.tokens + 1);
	db_close_global();
}
END_TEST

/* Two units, the same on either engine (ids 1 and 2). */
static const char two_units[] =
	"INSERT INTO units (code, name, kind, regi, municipality_code) VALUES"
	" ('1', 'Örebro kommun', 'kommun', NULL, '1880'), ('2', 'Vård', 'enhet', 'extern', NULL)";

/* Unit @p id of database @p db as the API shows it, its timestamps replaced by presence. */
static json_t *unit_of(const char *db, int64_t id)
{
	json_t *u = NULL;
	ck_assert_int_eq(db_open_global(db), 0);
	ck_assert_int_eq(db_units_get(db_thread(), id, &u), DB_OK);
	ck_assert_int_eq(db_units_get(db_thread(), 99, &(json_t *){NULL}), DB_NOT_FOUND);
	db_close_global();
	for (int i = 0; i < 2; i++) {
		const char *key = i ? "updated_at" : "created_at";
		const char *v = json_string_value(json_object_get(u, key));
		ck_assert(v && strlen(v) == 20 && v[10] == 'T' && v[19] == 'Z');
		json_object_del(u, key);
	}
	return u;
}

/* A token's --scope names a unit by its municipality code or id on PostgreSQL too, and the
 * unit reads as on SQLite. */
START_TEST(scoped_tokens_name_a_unit)
{
	both_hold(two_units);
	for (int64_t id = 1; id <= 2; id++) {
		json_t *lite = unit_of(lite_db, id), *pg = unit_of(pg_url, id);
		char *a = json_dumps(lite, JSON_COMPACT), *b = json_dumps(pg, JSON_COMPACT);
		same_text(b, a);
		free(a);
		free(b);
		json_decref(lite);
		json_decref(pg);
	}
	static const struct { const char *scope; int rc; } cases[] = {
		{"1880", 0}, {"unit:2", 0}, {"unit:99", 1}, {"0138", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *argv[] = {"folja", "token", "create", "--role", "reader", "--scope",
				(char *)cases[i].scope, "--db", pg_url, NULL};
		ck_assert_int_eq(folja_cli(9, argv), cases[i].rc);
	}
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM tokens"), 2);
	ck_assert_int_eq(pg_test_int("SELECT scope_unit_id FROM tokens WHERE id = 1"), 1);
	ck_assert_int_eq(pg_test_int("SELECT scope_unit_id FROM tokens WHERE id = 2"), 2);
	lite_remove();
}
END_TEST

/* A server on PostgreSQL, started here in the test's process, over the two units, with a
 * reader's token. */
static struct server *serve_two_units(void)
{
	struct server_config cfg;
	ck_assert_int_eq(db_open_global(pg_url), 0);
	pg_test_run(two_units);
	ck_assert_int_eq(auth_token_create(db_thread(), "reader",
					   &(struct token_grant){ROLE_READER, false, 0, NULL},
					   T.token[T_READER]), DB_OK);
	server_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.quiet = true;
	cfg.threads = 2;
	struct server *srv = server_start(&cfg);
	ck_assert_ptr_nonnull(srv);
	T.port = server_port(srv);
	return srv;
}

/* What another server commits through the same database (here a connection of its own running
 * the statements that server's write runs: the change and its version) reaches this server's
 * next request: a changed unit is read anew past its old ETag, a revoked token is refused. */
START_TEST(another_servers_writes_reach_this_one)
{
	struct server *srv = serve_two_units();
	struct tresp a, b;
	ck_assert_int_eq(http("GET", "/api/v1/units/1", T_READER, NULL, NULL, 0, &a), 200);
	ck_assert_str_eq(json_string_value(json_object_get(a.json, "name")), "Örebro kommun");
	char *etag = strstr(a.head, "ETag: ");
	ck_assert_ptr_nonnull(etag);
	char inm[96];
	snprintf(inm, sizeof inm, "If-None-Match: %.*s\r\n", (int)strcspn(etag + 6, "\r"),
		 etag + 6);
	ck_assert_int_eq(http_headers("GET", "/api/v1/units/1", T_READER, inm, NULL, NULL, 0, &b),
			 304);
	tresp_free(&b);
	pg_test_run("UPDATE units SET name = 'Region Örebro', version = version + 1 WHERE id = 1;"
		    " UPDATE versions SET data = data + 1");
	ck_assert_int_eq(http_headers("GET", "/api/v1/units/1", T_READER, inm, NULL, NULL, 0, &b),
			 200);
	ck_assert_str_eq(json_string_value(json_object_get(b.json, "name")), "Region Örebro");
	tresp_free(&b);
	pg_test_run("UPDATE tokens SET revoked = 1, revoked_at = now() WHERE name = 'reader';"
		    " UPDATE versions SET tokens = tokens + 1");
	ck_assert_int_eq(http("GET", "/api/v1/units/1", T_READER, NULL, NULL, 0, &b), 401);
	tresp_free(&b);
	tresp_free(&a);
	server_stop(srv);
	db_close_global();
}
END_TEST

/* Replaces the `at` of each entry of @p items by whether it is well formed, with its
 * milliseconds ("2026-12-02T17:20:00.123Z"). */
static void at_to_presence(json_t *items)
{
	size_t i;
	json_t *e;
	json_array_foreach(items, i, e) {
		const char *at = json_string_value(json_object_get(e, "at"));
		ck_assert(at && strlen(at) == 24 && at[10] == 'T' && at[19] == '.' && at[23] == 'Z');
		json_object_set_new(e, "at", json_true());
	}
}

/* The audit log of a short story on database @p db, as its lists and change feed show it:
 * one JSON text of every view, `at` replaced by its presence. */
static char *audit_story(const char *db)
{
	json_t *unit1 = json_pack("{s:i, s:s, s:i}", "id", 1, "name", "Vård och omsorg", "version", 1);
	json_t *unit2 = json_pack("{s:i, s:s, s:i}", "id", 1, "name", "Vård", "version", 2);
	json_t *sarah = json_pack("{s:i, s:s, s:i}", "id", 4, "summary", "fall", "version", 1);
	json_t *import = json_pack("{s:i}", "rows", 1200);
	const struct audit_entry entries[] = {
		{"editor", 2, false, "POST", "/api/v1/units", "unit", 1, NULL, unit1},
		{"editor", 2, false, "PATCH", "/api/v1/units/1", "unit", 1, unit1, unit2},
		{"sens", 3, true, "POST", "/api/v1/lex-sarah-reports", "lex_sarah_report", 4, NULL,
		 sarah},
		{"admin", 0, false, "DELETE", "/api/v1/tokens/5", "token", 5, NULL, NULL},
		{"editor", 2, false, "POST", "/api/v1/budget-lines/import", "budget_import", 0,
		 NULL, import},
		{"editor", 2, false, "DELETE", "/api/v1/units/1", "unit", 1, unit2, NULL},
	};
	ck_assert_int_eq(db_open_global(db), 0);
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
		ck_assert_int_eq(db_audit_insert(db_thread(), &entries[i]), DB_OK);
	json_t *views = json_array();
	const struct audit_filter filters[] = {{NULL, DB_NULL, true}, {NULL, DB_NULL, false},
					       {"unit", 1, false}, {"unit", 2, true}};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		json_t *items = json_array();
		int64_t total = -1;
		ck_assert_int_eq(db_audit_list(db_thread(), &filters[i], 10, 0, items, &total),
				 DB_OK);
		at_to_presence(items);
		json_array_append_new(views, json_pack("{s:I, s:o}", "total", (json_int_t)total,
						       "items", items));
	}
	const struct changes_filter feeds[] = {{0, NULL, false}, {0, NULL, true}, {2, "unit", false},
					       {0, "budget_line", false}};
	for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
		json_t *items = json_array();
		int64_t total = -1;
		ck_assert_int_eq(db_changes_list(db_thread(), &feeds[i], 10, items, &total), DB_OK);
		at_to_presence(items);
		json_array_append_new(views, json_pack("{s:I, s:o}", "total", (json_int_t)total,
						       "items", items));
	}
	db_close_global();
	json_decref(unit1);
	json_decref(unit2);
	json_decref(sarah);
	json_decref(import);
	char *text = json_dumps(views, JSON_COMPACT);
	json_decref(views);
	return text;
}

/* The audit log and the change feed read the same on both engines: filters, the sensitive
 * entries left out and uncounted, token changes out of the feed, an import as one change. */
START_TEST(the_audit_log_reads_as_on_sqlite)
{
	lite_new();
	char *lite = engines_agree(audit_story);
	ck_assert_ptr_nonnull(strstr(lite, "\"op\":\"import\",\"rows\":1200"));
	ck_assert_ptr_nonnull(strstr(lite, "\"op\":\"delete\""));
	free(lite);
	lite_remove();
}
END_TEST

/* A unit tree with its timestamps given, the same text for both engines. */
static const char unit_tree[] =
	"INSERT INTO units (id, code, name, parent_id, kind, regi, active, municipality_code,"
	" created_at, updated_at) VALUES"
	" (1, '1', 'Örebro kommun', NULL, 'kommun', NULL, 1, '1880', '2026-01-02T03:04:05Z',"
	"  '2026-01-02T03:04:05Z'),"
	" (2, '10', 'Vård och omsorg', 1, 'forvaltning', NULL, 1, NULL, '2026-01-02T03:04:05Z',"
	"  '2026-02-03T04:05:06Z'),"
	" (3, '100', 'Hemtjänst Norr', 2, 'enhet', 'kommunal_regi', 1, NULL,"
	"  '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'),"
	" (4, '101', 'Vårdboende Ängen', 2, 'enhet', 'extern', 0, NULL, '2026-01-02T03:04:05Z',"
	"  '2026-01-02T03:04:05Z'),"
	" (5, '2', 'Lekebergs kommun', NULL, 'kommun', NULL, 1, '1814', '2026-01-02T03:04:05Z',"
	"  '2026-01-02T03:04:05Z')";

/* Appends {total, items} of the unit list @p f (page @p limit, @p offset) to @p views. */
static void add_unit_list(json_t *views, struct unit_filter f, int64_t limit, int64_t offset)
{
	json_t *items = json_array();
	int64_t total = -1;
	ck_assert_int_eq(db_units_list(db_thread(), &f, limit, offset, items, &total), DB_OK);
	json_array_append_new(views, json_pack("{s:I, s:o}", "total", (json_int_t)total, "items",
					       items));
}

/* The unit lists, subtrees and scopes of unit_tree on database @p db, as one JSON text. */
static char *unit_views(const char *db)
{
	static const struct unit_filter all = {DB_NULL, NULL, NULL, -1, NULL};
	json_t *views = json_array();
	ck_assert_int_eq(db_open_global(db), 0);
	add_unit_list(views, all, 50, 0);
	add_unit_list(views, all, 2, 1);
	add_unit_list(views, (struct unit_filter){0, NULL, NULL, -1, NULL}, 50, 0);
	add_unit_list(views, (struct unit_filter){2, NULL, NULL, -1, NULL}, 50, 0);
	add_unit_list(views, (struct unit_filter){DB_NULL, "enhet", "extern", 0, NULL}, 50, 0);
	add_unit_list(views, (struct unit_filter){DB_NULL, NULL, NULL, 1, NULL}, 50, 0);
	static const char *const q[] = {"vård", "VÅRD", "KOMMUN", "10", "ängen"};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
		add_unit_list(views, (struct unit_filter){DB_NULL, NULL, NULL, -1, q[i]}, 50, 0);
	int64_t *ids = NULL;
	size_t n = 0;
	ck_assert_int_eq(db_units_scope(db_thread(), 99, &ids, &n), DB_NOT_FOUND);
	ck_assert_int_eq(db_units_scope(db_thread(), 2, &ids, &n), DB_OK);
	ck_assert_int_eq(n, 3);
	db_scope_set(ids, n);   /* a token scoped to unit 2 */
	add_unit_list(views, all, 50, 0);
	db_scope_clear();
	free(ids);
	for (int64_t root = 1; root <= 5; root += 4) {
		json_t *items = json_array();
		ck_assert_int_eq(db_units_subtree(db_thread(), root, items), DB_OK);
		json_array_append_new(views, items);
	}
	db_close_global();
	char *text = json_dumps(views, JSON_COMPACT);
	json_decref(views);
	return text;
}

/* The unit lists, subtrees and a scoped token's view read byte for byte the same on both
 * engines: filters, paging, the search in byte order, the tree in path order. */
START_TEST(units_read_as_on_sqlite)
{
	both_hold(unit_tree);
	char *lite = engines_agree(unit_views);
	ck_assert_ptr_nonnull(strstr(lite, "\"depth\":2"));
	free(lite);
	lite_remove();
}
END_TEST

/* One unit write, as the API runs it: inside db_write, so a refused write leaves nothing. */
struct unit_write {
	int64_t id, version;
	struct unit_in in;
	enum { W_INSERT, W_UPDATE, W_DELETE } op;
};

static enum db_rc unit_write(struct db *db, void *ctx)
{
	struct unit_write *w = ctx;
	return w->op == W_INSERT ? db_units_insert(db, &w->in, &w->id) :
	       w->op == W_UPDATE ? db_units_update(db, w->id, w->version, &w->in) :
				   db_units_delete(db, w->id, w->version);
}

/* The writes of one story on unit_tree in database @p db, each answer asserted, and then the
 * whole tree and what the checks the API makes before a write answer, as one JSON text
 * (timestamps by their presence).  A refused insert uses up no id on either engine, so the
 * unit written after one gets the same id on both. */
static char *unit_write_story(const char *db)
{
	static const struct unit_filter all = {DB_NULL, NULL, NULL, -1, NULL};
	const struct {
		struct unit_write w;
		enum db_rc rc;
	} steps[] = {
		{{0, -1, {"102", "Korttidsboende", 2, "enhet", "kommunal_regi", 1, NULL}, W_INSERT},
		 DB_OK},
		{{0, -1, {"102", "Dubblett", 3, "enhet", NULL, 1, NULL}, W_INSERT}, DB_CONFLICT},
		{{0, -1, {"102", "Korttid Lekeberg", 5, "enhet", "extern", 0, NULL}, W_INSERT},
		 DB_OK},
		{{3, 1, {"100", "Hemtjänst Söder", 1, "avdelning", NULL, 1, NULL}, W_UPDATE}, DB_OK},
		{{4, 1, {0}, W_DELETE}, DB_OK},
		{{1, -1, {"1", "Örebro", DB_NULL, "kommun", NULL, 1, "1881"}, W_UPDATE}, DB_OK},
		/* refused: a code twice in one municipality, a stale version, a unit that does not
		 * exist, a unit with children, a kind the schema does not know */
		{{0, -1, {"100", "Dubblett", 2, "enhet", NULL, 1, NULL}, W_INSERT}, DB_CONFLICT},
		{{3, 1, {"100", "Sent", 1, "avdelning", NULL, 1, NULL}, W_UPDATE}, DB_STALE},
		{{99, -1, {"9", "Ingen", DB_NULL, "kommun", NULL, 1, NULL}, W_UPDATE}, DB_NOT_FOUND},
		{{2, -1, {0}, W_DELETE}, DB_CONFLICT},
		{{0, -1, {"7", "Fel", 1, "kontor", NULL, 1, NULL}, W_INSERT}, DB_CONFLICT},
	};
	json_t *views = json_array(), *items = json_array();
	ck_assert_int_eq(db_open_global(db), 0);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct unit_write w = steps[i].w;
		enum db_rc rc = db_write(db_thread(), unit_write, &w);
		ck_assert_msg(rc == steps[i].rc, "%s: step %zu: %s", db, i, db_rc_name(rc));
		json_array_append_new(views, json_integer(w.id));
	}
	int64_t total = 0, depth = 0, height = 0, unit = 0;
	ck_assert_int_eq(db_units_list(db_thread(), &all, 50, 0, items, &total), DB_OK);
	timestamps_to_presence(items);
	bool above = false, below = true;
	char muni[5] = "";
	ck_assert_int_eq(db_units_depth(db_thread(), 3, &depth), DB_OK);
	ck_assert_int_eq(db_units_height(db_thread(), 1, &height), DB_OK);
	ck_assert_int_eq(db_units_is_ancestor(db_thread(), 1, 6, &above), DB_OK);
	ck_assert_int_eq(db_units_is_ancestor(db_thread(), 6, 1, &below), DB_OK);
	ck_assert_int_eq(db_units_municipality(db_thread(), 6, muni), DB_OK);
	ck_assert_int_eq(db_units_municipality(db_thread(), 99, muni), DB_NOT_FOUND);
	ck_assert_int_eq(db_record_unit(db_thread(), "units", 7, &unit), DB_OK);
	ck_assert_int_eq(db_record_unit(db_thread(), "goals", 1, &unit), DB_NOT_FOUND);
	db_close_global();
	json_array_append_new(views, json_pack("{s:I, s:o, s:I, s:I, s:b, s:b, s:s, s:I}", "total",
					       (json_int_t)total, "items", items, "depth",
					       (json_int_t)depth, "height", (json_int_t)height,
					       "above", above, "below", below, "muni", muni,
					       "unit", (json_int_t)unit));
	char *text = json_dumps(views, JSON_COMPACT);
	json_decref(views);
	return text;
}

/* The unit writes give the same answers on both engines, refusals included, and leave the
 * same tree behind. */
START_TEST(unit_writes_act_as_on_sqlite)
{
	both_hold(unit_tree);
	char *lite = engines_agree(unit_write_story);
	ck_assert_ptr_nonnull(strstr(lite, "\"name\":\"Hemtjänst Söder\",\"parent_id\":1,"));
	ck_assert_ptr_nonnull(strstr(lite, "\"muni\":\"1881\""));
	ck_assert_ptr_nonnull(strstr(lite, "\"id\":7,\"code\":\"102\",\"name\":\"Korttid"));
	free(lite);
	lite_remove();
}
END_TEST

/* Two `folja serve` processes on one PostgreSQL database give the same answers: a unit
 * written through one is read through the other, past the ETag the other served before the
 * change; a token revoked through one is refused by the other; a rollup the other memoised is
 * computed anew after a write through the first. */
START_TEST(two_servers_on_one_database_agree)
{
	char log[2][96];
	pid_t pid[2];
	uint16_t port[2];
	struct tresp a, b;
	tproc_token(pg_url, "admin", "admin", T.token[T_ADMIN]);
	tproc_token(pg_url, "editor", "editor", T.token[T_SENS_EDITOR]);
	for (int i = 0; i < 2; i++) {
		snprintf(log[i], sizeof log[i], "/tmp/folja-two-%d-%d.log", (int)getpid(), i);
		tproc_serve(pg_url, log[i], &pid[i], &port[i]);
	}
	T.port = port[0];
	int64_t id = create("/api/v1/units", "{\"code\":\"A1\",\"name\":\"Enhet A\","
			    "\"kind\":\"enhet\"}");
	ck_assert_int_eq(req("GET", "/api/v1/units/1", T_ADMIN, NULL, &a), 200);
	T.port = port[1];
	char path[64], etag[96], inm[128];
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)id);
	ck_assert_int_eq(req("GET", path, T_ADMIN, NULL, &b), 200);
	ck_assert_str_eq(b.body, a.body);
	ck_assert_ptr_nonnull(tresp_header(&b, "ETag", etag, sizeof etag));
	snprintf(inm, sizeof inm, "If-None-Match: %s\r\n", etag);
	tresp_free(&a);
	tresp_free(&b);
	T.port = port[0];
	ck_assert_int_eq(http_headers("PATCH", path, T_SENS_EDITOR, "If-Match: \"1\"\r\n",
				      "application/json", "{\"name\":\"Enhet B\"}", 18, &a), 200);
	tresp_free(&a);
	T.port = port[1];
	ck_assert_int_eq(http_headers("GET", path, T_ADMIN, inm, NULL, NULL, 0, &b), 200);
	ck_assert_str_eq(json_string_value(json_object_get(b.json, "name")), "Enhet B");
	tresp_free(&b);
	ck_assert_int_eq(req("GET", path, T_SENS_EDITOR, NULL, &b), 200);
	tresp_free(&b);
	T.port = port[0];
	ck_assert_int_eq(req("DELETE", "/api/v1/tokens/2", T_ADMIN, NULL, &a), 200);
	tresp_free(&a);
	T.port = port[1];
	ck_assert_int_eq(req("GET", path, T_SENS_EDITOR, NULL, &b), 401);
	tresp_free(&b);
	/* a memoised rollup on the second server is computed anew after a write on the first */
	char rollup[96], *before;
	snprintf(rollup, sizeof rollup, "/api/v1/budget/rollup?unit_id=%lld&period=2021",
		 (long long)id);
	ck_assert_int_eq(req("GET", rollup, T_ADMIN, NULL, &b), 200);
	ck_assert_int_eq(req("GET", rollup, T_ADMIN, NULL, &a), 200);
	ck_assert_ptr_nonnull(tresp_header(&a, "X-Folja-Cache", etag, sizeof etag));
	ck_assert_str_eq(etag, "hit");
	ck_assert_ptr_nonnull(before = strdup(b.body));
	tresp_free(&a);
	tresp_free(&b);
	T.port = port[0];
	char line[160];
	snprintf(line, sizeof line, "{\"unit_id\":%lld,\"year\":2021,\"month\":3,"
		 "\"measure\":\"outcome\",\"amount_kr\":-4711}", (long long)id);
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines", T_ADMIN, line, &a), 201);
	tresp_free(&a);
	T.port = port[1];
	ck_assert_int_eq(req("GET", rollup, T_ADMIN, NULL, &b), 200);
	ck_assert_str_ne(b.body, before);
	ck_assert_ptr_nonnull(strstr(b.body, "-4711"));
	free(before);
	tresp_free(&b);
	for (int i = 0; i < 2; i++) {
		int status = -1;
		ck_assert_int_eq(kill(pid[i], SIGTERM), 0);
		ck_assert_int_eq(waitpid(pid[i], &status, 0), pid[i]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		unlink(log[i]);
	}
}
END_TEST

/* ==== the HTTP surface on both engines ===================================================== */

/* Tells @p steps to servers on both engines (http_story), fails the test unless they answer
 * alike, and returns SQLite's text (the caller frees it). */
static char *stories_agree(const struct step *steps, size_t n)
{
	char *lite = http_story(steps, n, false), *pg = http_story(steps, n, true);
	same_text(pg, lite);
	free(pg);
	ck_assert_ptr_null(strstr(lite, "-> 5"));   /* no 5xx, nor a 501 on PostgreSQL */
	return lite;
}

/* Every request the ported resources take, reads and writes, refusals among them. */
static const struct step ported[] = {
	{"GET", "/api/v1/units?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/units?format=csv&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/units/1/tree", T_READER, NULL, NULL},
	{"GET", "/api/v1/units?q=omsorg&kind=enhet", T_READER, NULL, NULL},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"NY\",\"name\":\"Ny enhet\","
	 "\"parent_id\":1,\"kind\":\"enhet\"}", NULL},
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"NY\",\"name\":\"Dubblett\","
	 "\"parent_id\":1,\"kind\":\"enhet\"}", NULL},
	{"PATCH", "/api/v1/units/2", T_EDITOR, "{\"name\":\"Sent\"}", "If-Match: \"9\"\r\n"},
	{"GET", "/api/v1/complaints?limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/complaints?kind=klagomal&period=2017", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/complaints?format=csv&limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/complaints/1", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/complaints/summary?period=2017", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/complaints/summary?period=2018&group_by=category", T_READER, NULL, NULL},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, "{\"unit_id\":1,\"received_on\":"
	 "\"2018-03-01\",\"kind\":\"synpunkt\",\"category\":\"Bemötande\"}", NULL},
	{"PATCH", "/api/v1/complaints/1", T_SENS_EDITOR, "{\"handled_on\":\"2018-04-01\","
	 "\"outcome\":\"atgardat\"}", "If-Match: \"1\"\r\n"},
	{"GET", "/api/v1/complaints/summary?period=2018", T_SENS_READER, NULL, NULL},
	{"DELETE", "/api/v1/complaints/2", T_SENS_EDITOR, NULL, NULL},
	{"GET", "/api/v1/incidents?limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/incidents?kind=tillbud&period=2017-T1", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/incidents/summary?period=2017", T_READER, NULL, NULL},
	{"GET", "/api/v1/incidents/summary?period=2017&group_by=category", T_READER, NULL, NULL},
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, "{\"unit_id\":1,\"occurred_on\":"
	 "\"2017-02-30\",\"kind\":\"tillbud\"}", NULL},
	{"GET", "/api/v1/lex-maria-reports?limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017&cumulative=true", T_SENS_READER,
	 NULL, NULL},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017&group_by=unit", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/changes", T_ADMIN, NULL, NULL},
	{"GET", "/api/v1/audit?limit=5", T_ADMIN, NULL, NULL},
	{"GET", "/api/v1/tokens/9223372036854775807", T_ADMIN, NULL, NULL},
	{"GET", "/api/v1/tokens?limit=2", T_ADMIN, NULL, NULL},
};

/* The demo data set moved to PostgreSQL reads and writes byte for byte as on SQLite, over
 * HTTP, through every ported resource. */
START_TEST(ported_resources_answer_as_on_sqlite)
{
	char *lite = stories_agree(ported, sizeof ported / sizeof ported[0]);
	ck_assert_ptr_nonnull(strstr(lite, "\"kind\":\"klagomal\""));
	ck_assert_ptr_nonnull(strstr(lite, "\"kind\":\"tillbud\""));
	ck_assert_ptr_nonnull(strstr(lite, "-> 412"));
	free(lite);
}
END_TEST

/* The statutory registers (lex Sarah, decisions and the IVO report), the budget lines one at
 * a time and imported, and the period locks that guard them. */
static const struct step statutory[] = {
	{"GET", "/api/v1/lex-sarah-reports?limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&group_by=category", T_READER,
	 NULL, NULL},
	{"GET", "/api/v1/lex-sarah-categories", T_READER, NULL, NULL},
	{"POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\","
	 "\"category\":\"bemotande\",\"reported_on\":\"2021-03-10\"}", NULL},
	{"GET", "/api/v1/decisions?limit=1000", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3&format=csv", T_SENS_READER, NULL,
	 NULL},
	{"GET", "/api/v1/decisions/council-report?quarter=2021-Q3", T_READER, NULL, NULL},
	{"GET", "/api/v1/decisions/summary?period=2021", T_READER, NULL, NULL},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, "{\"unit_id\":1,\"law\":\"SoL\","
	 "\"inriktning\":\"barn_och_familj\",\"insats\":\"familjehem\",\"gender\":\"K\","
	 "\"decided_on\":\"2021-03-15\",\"executed_on\":\"2021-03-20\","
	 "\"interruptions\":[{\"interrupted_on\":\"2021-04-01\","
	 "\"resumed_on\":\"2021-05-01\"}]}", NULL},
	{"GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_SENS_READER, NULL, NULL},
	{"GET", "/api/v1/budget-lines?unit_id=5&limit=20", T_READER, NULL, NULL},
	{"GET", "/api/v1/budget-lines/1", T_READER, NULL, NULL},
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":5,\"activity\":\"410\","
	 "\"account\":\"4000\",\"year\":2021,\"month\":6,\"measure\":\"outcome\","
	 "\"amount_kr\":-100}", NULL},
	{"POST", "/api/v1/budget-lines:import", T_EDITOR, "[{\"unit_id\":5,\"activity\":\"410\","
	 "\"account\":\"4000\",\"year\":2021,\"month\":7,\"measure\":\"outcome\","
	 "\"amount_kr\":-250},{\"unit_id\":5,\"year\":2021,\"measure\":\"budget\","
	 "\"amount_kr\":-9000,\"decision_ref\":\"KS \\t 12\"}]", NULL},
	{"GET", "/api/v1/budget-lines?unit_id=5&year=2021&limit=5&offset=0", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/activities?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/accounts?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/units/5/budget-settings", T_READER, NULL, NULL},
	{"POST", "/api/v1/period-locks", T_ADMIN, "{\"unit_id\":5,\"through\":\"2021-06\","
	 "\"reason\":\"Bokslut\"}", NULL},
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":5,\"year\":2021,\"month\":6,"
	 "\"measure\":\"outcome\",\"amount_kr\":-1}", NULL},
	{"GET", "/api/v1/period-locks?unit_id=5", T_READER, NULL, NULL},
	{"GET", "/api/v1/audit?limit=8", T_ADMIN, NULL, NULL},
};

START_TEST(statutory_and_budget_answer_as_on_sqlite)
{
	char *lite = stories_agree(statutory, sizeof statutory / sizeof statutory[0]);
	ck_assert_ptr_nonnull(strstr(lite, "/api/v1/budget-lines:import -> 201"));
	ck_assert_ptr_nonnull(strstr(lite, "\"interrupted_on\":\"2021-04-01\""));
	ck_assert_ptr_nonnull(strstr(lite, "\"code\":\"period_locked\""));
	free(lite);
}
END_TEST

/* The budget rollups (every grouping, both ledgers, cumulative, CSV) over the demo, before
 * and after a write, and the actions register that they show. */
static const struct step rollups[] = {
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T2", T_READER, NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T2&group_by=activity", T_READER,
	 NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T2&group_by=account", T_READER,
	 NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&group_by=unit_activity&depth=2",
	 T_READER, NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-Q3&cumulative=true&format=csv",
	 T_READER, NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021&ledger=investering&group_by=project",
	 T_READER, NULL, NULL},
	{"GET", "/api/v1/actions?limit=1000", T_READER, NULL, NULL},
	{"POST", "/api/v1/actions", T_EDITOR, "{\"unit_id\":5,\"title\":\"Minska inhyrd"
	 " personal\",\"origin\":{\"kind\":\"budget\",\"id\":5},\"decided_on\":\"2021-03-01\","
	 "\"status\":\"pagaende\"}", NULL},
	{"POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":5,\"activity\":\"410\","
	 "\"account\":\"4000\",\"year\":2021,\"month\":5,\"measure\":\"outcome\","
	 "\"amount_kr\":-123456}", NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T2", T_READER, NULL, NULL},
	{"GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T2&group_by=activity", T_READER,
	 NULL, NULL},
	{"GET", "/api/v1/actions/summary?period=2021", T_READER, NULL, NULL},
};

START_TEST(rollups_answer_as_on_sqlite)
{
	char *lite = stories_agree(rollups, sizeof rollups / sizeof rollups[0]);
	ck_assert_ptr_nonnull(strstr(lite, "POST /api/v1/actions -> 201"));
	ck_assert_ptr_nonnull(strstr(lite, "\"actions_open\":"));
	ck_assert_ptr_nonnull(strstr(lite, "\"explain\""));
	free(lite);
}
END_TEST

/* Goals and indicators: the tree with its assessments and readings, a goal's months, the
 * series and comparisons of indicators, assessments and values written, peer values. */
static const struct step goals[] = {
	{"GET", "/api/v1/goals?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/goals/tree?period=2021&unit_id=1", T_READER, NULL, NULL},
	{"GET", "/api/v1/goals/tree?period=2018", T_READER, NULL, NULL},
	{"GET", "/api/v1/goals/1/assessment?period=2021", T_READER, NULL, NULL},
	{"GET", "/api/v1/goals/1/months?year=2021", T_READER, NULL, NULL},
	{"GET", "/api/v1/indicators?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/indicators/1/values", T_READER, NULL, NULL},
	{"GET", "/api/v1/indicators/1/comparison?year=2020", T_READER, NULL, NULL},
	{"POST", "/api/v1/goals/1/assessments", T_EDITOR, "{\"period\":\"2021\","
	 "\"status\":\"delvis\",\"color\":\"gul\",\"comment\":\"Pågår\"}", NULL},
	{"GET", "/api/v1/goals/1/assessments", T_READER, NULL, NULL},
	{"PUT", "/api/v1/indicators/1/values/2022", T_EDITOR, "{\"value\":12.5,\"target\":10}",
	 NULL},
	{"PUT", "/api/v1/indicators/1/values/2022", T_EDITOR, "{\"value\":13}", NULL},
	{"GET", "/api/v1/indicators/1/values?period=2022", T_READER, NULL, NULL},
	{"POST", "/api/v1/goals", T_EDITOR, "{\"level\":\"verksamhetsmal\",\"title\":\"Ny\","
	 "\"parent_id\":1,\"unit_id\":1}", NULL},
	{"GET", "/api/v1/peer-values?kpi=N31807&year=2020", T_READER, NULL, NULL},
	{"GET", "/api/v1/goals/tree?period=2022&unit_id=1", T_READER, NULL, NULL},
};

START_TEST(goals_answer_as_on_sqlite)
{
	char *lite = stories_agree(goals, sizeof goals / sizeof goals[0]);
	ck_assert_ptr_nonnull(strstr(lite, "/api/v1/goals/1/assessments -> 201"));
	ck_assert_ptr_nonnull(strstr(lite, "\"value\":12.5"));
	free(lite);
}
END_TEST

/* Risks with their reviews, the economic sensitivity analysis, internal controls with their
 * results, audits and actions with their follow-ups: lists by every filter and as CSV, one
 * record, the summaries in their variants, and writes (a refused one, a stale If-Match, a
 * delete an action's origin refuses among them). */
static const struct step registers[] = {
	{"GET", "/api/v1/risks?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks?period=2018&unit_id=5", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks?type=finansiell&unit_id=1", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks?format=csv&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks/2", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks/summary?period=2021&unit_id=3", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks/summary?period=2021&scale=tkr&top=3", T_READER, NULL, NULL},
	{"GET", "/api/v1/risks/summary?period=2018&unit_id=5&format=csv", T_READER, NULL, NULL},
	{"POST", "/api/v1/risks", T_EDITOR, "{\"unit_id\":5,\"year\":2021,\"type\":\"finansiell\","
	 "\"description\":\"Ökade kostnader\",\"probability\":3,\"consequence\":4,"
	 "\"reviews\":[{\"on\":\"2021-06-30\",\"probability\":2,\"consequence\":4,"
	 "\"color\":\"gul\"},{\"on\":\"2021-03-31\",\"value\":16,\"comment\":\"Första\"}]}", NULL},
	{"POST", "/api/v1/risks", T_EDITOR, "{\"unit_id\":5,\"year\":2021,\"description\":\"X\","
	 "\"probability\":9}", NULL},
	{"PATCH", "/api/v1/risks/1", T_EDITOR, "{\"owner\":\"Förvaltningschefen\",\"reviews\":"
	 "[{\"on\":\"2021-09-30\",\"color\":\"rod\"}]}", "If-Match: \"1\"\r\n"},
	{"PATCH", "/api/v1/risks/2", T_EDITOR, "{\"owner\":\"Sent\"}", "If-Match: \"9\"\r\n"},
	{"GET", "/api/v1/risks/summary?period=2021", T_READER, NULL, NULL},
	{"DELETE", "/api/v1/risks/13", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities?period=2017-T1&unit_id=19", T_READER, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities?format=csv&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities/2", T_READER, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-T1&unit_id=20", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017&scale=tkr&format=csv", T_READER,
	 NULL, NULL},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, "{\"unit_id\":20,\"period\":\"2017-T2\","
	 "\"description\":\"Ränta\",\"amount_kr\":-250000}", NULL},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, "{\"unit_id\":20,\"period\":\"2017-X9\","
	 "\"description\":\"Ränta\",\"amount_kr\":1}", NULL},
	{"PATCH", "/api/v1/risk-sensitivities/1", T_EDITOR, "{\"amount_kr\":-1600000}",
	 "If-Match: \"1\"\r\n"},
	{"DELETE", "/api/v1/risk-sensitivities/3", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017", T_READER, NULL, NULL},
	{"GET", "/api/v1/internal-controls?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/internal-controls?process=Lex%20Sarah&period=2017", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/internal-controls?format=csv&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/internal-controls/1", T_READER, NULL, NULL},
	{"POST", "/api/v1/internal-controls", T_EDITOR, "{\"unit_id\":20,\"year\":2017,"
	 "\"process\":\"Inköp\",\"risk_id\":1,\"control\":\"Avtalstrohet\",\"results\":"
	 "[{\"period\":\"2017-T2\",\"result\":\"med_avvikelse\"},{\"period\":\"2017-T1\","
	 "\"result\":\"utan_avvikelse\"}]}", NULL},
	{"PATCH", "/api/v1/internal-controls/1", T_EDITOR, "{\"results\":[{\"period\":\"2017-T1\","
	 "\"result\":\"ej_genomford\"}]}", "If-Match: \"1\"\r\n"},
	{"DELETE", "/api/v1/risks/1", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/internal-controls/summary?period=2017-T1", T_READER, NULL, NULL},
	{"GET", "/api/v1/internal-controls/summary?period=2017&unit_id=19&format=csv", T_READER,
	 NULL, NULL},
	{"DELETE", "/api/v1/internal-controls/2", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/audits?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/audits?kind=intern&period=2018&unit_id=5", T_READER, NULL, NULL},
	{"GET", "/api/v1/audits?limit=1000&format=csv", T_READER, NULL, NULL},
	{"GET", "/api/v1/audits/4", T_READER, NULL, NULL},
	{"GET", "/api/v1/audits/summary?period=2018&unit_id=5", T_READER, NULL, NULL},
	{"GET", "/api/v1/audits/summary?period=2017-T2&cumulative=true&format=csv", T_READER,
	 NULL, NULL},
	{"POST", "/api/v1/audits", T_EDITOR, "{\"unit_id\":5,\"kind\":\"revision\","
	 "\"subject\":\"Grundläggande granskning\",\"done_on\":\"2018-11-30\"}", NULL},
	{"POST", "/api/v1/audits", T_EDITOR, "{\"unit_id\":5,\"kind\":\"okand\","
	 "\"subject\":\"X\",\"done_on\":\"2018-11-30\"}", NULL},
	{"PATCH", "/api/v1/audits/2", T_EDITOR, "{\"findings\":\"Inga\"}", "If-Match: \"1\"\r\n"},
	{"DELETE", "/api/v1/audits/1", T_EDITOR, NULL, NULL},
	{"DELETE", "/api/v1/audits/3", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/actions?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions?origin=committee&status=pagaende", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions?period=2018&unit_id=5&format=csv", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions/6", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions/1/follow-ups", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions/1/follow-ups?format=csv", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions/summary?period=2018&unit_id=5", T_READER, NULL, NULL},
	{"GET", "/api/v1/actions/summary?period=2017-T2&cumulative=true&unit_id=5", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/actions/summary?period=2017&format=csv", T_READER, NULL, NULL},
	{"POST", "/api/v1/actions", T_EDITOR, "{\"unit_id\":3,\"title\":\"Smittskydd\","
	 "\"origin\":{\"kind\":\"risk\",\"id\":2},\"decided_on\":\"2021-02-01\","
	 "\"status\":\"pagaende\",\"effect_planned_kr\":-50000}", NULL},
	{"POST", "/api/v1/actions", T_EDITOR, "{\"unit_id\":3,\"title\":\"X\","
	 "\"origin\":{\"kind\":\"risk\",\"id\":999}}", NULL},
	{"POST", "/api/v1/actions/13/follow-ups", T_EDITOR, "{\"on\":\"2021-06-30\","
	 "\"text\":\"Halvvägs\",\"status\":\"pagaende\"}", NULL},
	{"PATCH", "/api/v1/actions/13", T_EDITOR, "{\"status\":\"genomford\","
	 "\"effect_realised_kr\":-40000}", "If-Match: \"2\"\r\n"},
	{"GET", "/api/v1/actions/13", T_READER, NULL, NULL},
	{"DELETE", "/api/v1/risks/2", T_EDITOR, NULL, NULL},
	{"DELETE", "/api/v1/actions/1/follow-ups/1", T_EDITOR, NULL, NULL},
	{"DELETE", "/api/v1/actions/2", T_EDITOR, NULL, NULL},
	{"GET", "/api/v1/actions/summary?period=2021&unit_id=3", T_READER, NULL, NULL},
	{"GET", "/api/v1/changes", T_ADMIN, NULL, NULL},
	{"GET", "/api/v1/audit?limit=30", T_ADMIN, NULL, NULL},
};

START_TEST(registers_answer_as_on_sqlite)
{
	char *lite = stories_agree(registers, sizeof registers / sizeof registers[0]);
	ck_assert_ptr_nonnull(strstr(lite, "PATCH /api/v1/actions/13 -> 200"));
	ck_assert_ptr_nonnull(strstr(lite, "-> 412"));
	ck_assert_ptr_nonnull(strstr(lite, "DELETE /api/v1/audits/1 -> 409"));
	free(lite);
}
END_TEST

/* The demo's reports as documents (JSON, Markdown, HTML), their revisions and templates, a
 * report locked and read back from its stored renderings, and its drift after a change. */
static const struct step reports[] = {
	{"GET", "/api/v1/reports?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/report-templates", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/1", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/2?format=md", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/3/revisions", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/4", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/4?format=md", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/4?format=html", T_READER, NULL, NULL},
	{"POST", "/api/v1/reports/4:lock", T_EDITOR, "{\"decided_on\":\"2022-02-22\"}", NULL},
	{"GET", "/api/v1/reports/4?format=md", T_READER, NULL, NULL},
	{"GET", "/api/v1/reports/4/revisions", T_READER, NULL, NULL},
	{"PATCH", "/api/v1/budget-lines/1", T_EDITOR, "{\"amount_kr\":-1000}", NULL},
	{"GET", "/api/v1/reports/4/drift", T_READER, NULL, NULL},
	{"POST", "/api/v1/reports/4/revisions", T_EDITOR, "{\"reason\":\"Rättelse\"}", NULL},
	{"GET", "/api/v1/reports?locked=true", T_READER, NULL, NULL},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\":3,\"kind\":\"delarsrapport\","
	 "\"period\":\"2021-T2\",\"title\":\"Delår\"}", NULL},
	{"GET", "/api/v1/reports?unit_id=3&limit=1000", T_READER, NULL, NULL},
};

START_TEST(reports_answer_as_on_sqlite)
{
	char *lite = stories_agree(reports, sizeof reports / sizeof reports[0]);
	ck_assert_ptr_nonnull(strstr(lite, "POST /api/v1/reports/4:lock -> 200"));
	ck_assert_ptr_nonnull(strstr(lite, "GET /api/v1/reports/4?format=html -> 200"));
	free(lite);
}
END_TEST

/* Statistics: definitions, facts (reals among them), the tables by breakdown, by month and
 * against another year, a fact written and changed, and an import. */
static const struct step statistics[] = {
	{"GET", "/api/v1/statistics?limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/statistics/1", T_READER, NULL, NULL},
	{"GET", "/api/v1/statistic-facts?statistic_id=1&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/statistic-facts?unit_id=1&period=2017-T1&limit=50", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/statistic-facts?format=csv&limit=1000", T_READER, NULL, NULL},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-T1", T_READER, NULL, NULL},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-T1&by=month", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/statistics/2/table?unit_id=1&period=2017&compare=previous_year",
	 T_READER, NULL, NULL},
	{"GET", "/api/v1/statistics/3/table?unit_id=1&period=2017-T1&format=csv", T_READER, NULL,
	 NULL},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":1,"
	 "\"period\":\"2019-01\",\"dims\":{\"typ\":\"anmalan\"},\"value\":3}", NULL},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":1,"
	 "\"period\":\"2019-01\",\"dims\":{\"typ\":\"anmalan\"},\"value\":4}", NULL},
	{"POST", "/api/v1/statistics/1:import", T_EDITOR, "[{\"unit_code\":\"0138\","
	 "\"period\":\"2019-02\",\"dims\":{\"typ\":\"ansokan\"},\"value\":7},"
	 "{\"unit_code\":\"0138\",\"period\":\"2019-03\",\"dims\":{\"typ\":\"ansokan\"},"
	 "\"value\":2}]", NULL},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2019-Q1&by=month", T_READER, NULL,
	 NULL},
	{"GET", "/api/v1/statistic-facts?statistic_id=1&period=2019-02", T_READER, NULL, NULL},
};

START_TEST(statistics_answer_as_on_sqlite)
{
	char *lite = stories_agree(statistics, sizeof statistics / sizeof statistics[0]);
	ck_assert_ptr_nonnull(strstr(lite, ":import -> 201"));
	ck_assert_ptr_nonnull(strstr(lite, "\"code\":\"duplicate\""));
	free(lite);
}
END_TEST

/* folja token create, list, revoke and rotate take a PostgreSQL database. */
START_TEST(token_commands_take_postgresql)
{
	char *create[] = {"folja", "token", "create", "--role", "editor", "--name", "ci",
			  "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(9, create), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM tokens WHERE name = 'ci' AND"
				     " role = 'editor' AND revoked = 0"), 1);
	char *list[] = {"folja", "token", "list", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(5, list), 0);
	char *rotate[] = {"folja", "token", "rotate", "1", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(6, rotate), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM tokens WHERE rotated_at IS NOT NULL"),
			 1);
	char *revoke[] = {"folja", "token", "revoke", "1", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(6, revoke), 0);
	ck_assert_int_eq(folja_cli(6, revoke), 1);   /* revoked already */
	ck_assert_int_eq(pg_test_int("SELECT revoked FROM tokens WHERE id = 1"), 1);
}
END_TEST

/* The columns of every table of a SQLite database at the latest schema, in order, one
 * "table.column" per row, sorted by table: the same text for both engines. */
static const char sqlite_columns[] =
	"SELECT group_concat(x, ' ') FROM (SELECT t.name || '.' || c.name AS x"
	" FROM sqlite_schema t, pragma_table_xinfo(t.name) c"
	" WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND c.hidden IN (0, 2, 3)"
	" ORDER BY t.name, c.cid)";
static const char pg_columns[] =
	"SELECT string_agg(c.table_name || '.' || c.column_name, ' '"
	" ORDER BY c.table_name COLLATE \"C\", c.ordinal_position)"
	" FROM information_schema.columns c JOIN information_schema.tables t"
	"  ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
	" WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
	"  AND c.table_name <> 'folja_migrations'";
static const char sqlite_names[] =
	"SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
	" WHERE type IN ('index', 'trigger', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name)";
static const char pg_names[] =
	"SELECT string_agg(name, ' ' ORDER BY name COLLATE \"C\") FROM ("
	" SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
	"  AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'"
	" UNION SELECT DISTINCT trigger_name FROM information_schema.triggers"
	"  WHERE trigger_schema = current_schema()"
	" UNION SELECT table_name FROM information_schema.views"
	"  WHERE table_schema = current_schema()) n";

static char *sqlite_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	char *s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static char *pg_text(const char *sql)
{
	PGresult *res = pg_test_on(pg_url, sql);
	char *s = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return s;
}

START_TEST(the_schema_is_sqlites_column_for_column)
{
	char dir[] = "/tmp/folja-pg-parity.XXXXXX", path[128];
	sqlite3 *h = old_database(dir, path, sizeof path, 12, 0, 0);
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	char *want = sqlite_text(h, sqlite_columns), *have = pg_text(pg_columns);
	ck_assert_str_eq(have, want);
	free(want);
	free(have);
	/* indexes, triggers and the view by name (SQLite's automatic indexes of UNIQUE
	 * constraints and PostgreSQL's of keys left out) */
	want = sqlite_text(h, sqlite_names);
	have = pg_text(pg_names);
	ck_assert_str_eq(have, want);
	free(want);
	free(have);
	sqlite3_close(h);
	remove_dir(dir);
}
END_TEST

Suite *pg_suite(void)
{
	Suite *s = suite_create("pg");
	TCase *tc = tcase_create("migrations");
	tcase_add_checked_fixture(tc, pg_test_setup, pg_test_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, migrates_a_new_database_once);
	tcase_add_test(tc, servers_starting_together_migrate_once);
	tcase_add_test(tc, refuses_another_applications_tables);
	tcase_add_test(tc, refuses_a_newer_schema);
	tcase_add_test(tc, an_unreachable_server_is_one_line);
	tcase_add_test(tc, other_commands_refuse_postgresql_for_now);
	tcase_add_test(tc, tokens_are_kept_as_on_sqlite);
	tcase_add_test(tc, token_commands_take_postgresql);
	tcase_add_test(tc, versions_see_another_servers_commits);
	tcase_add_test(tc, scoped_tokens_name_a_unit);
	tcase_add_test(tc, another_servers_writes_reach_this_one);
	tcase_add_test(tc, the_audit_log_reads_as_on_sqlite);
	tcase_add_test(tc, units_read_as_on_sqlite);
	tcase_add_test(tc, unit_writes_act_as_on_sqlite);
	tcase_add_test(tc, two_servers_on_one_database_agree);
	tcase_add_test(tc, the_schema_is_sqlites_column_for_column);
	suite_add_tcase(s, tc);
	/* servers on either engine, each test with databases of its own (tests/support.c) */
	tc = tcase_create("engines");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, ported_resources_answer_as_on_sqlite);
	tcase_add_test(tc, statutory_and_budget_answer_as_on_sqlite);
	tcase_add_test(tc, statistics_answer_as_on_sqlite);
	tcase_add_test(tc, rollups_answer_as_on_sqlite);
	tcase_add_test(tc, goals_answer_as_on_sqlite);
	tcase_add_test(tc, registers_answer_as_on_sqlite);
	tcase_add_test(tc, reports_answer_as_on_sqlite);
	suite_add_tcase(s, tc);
	return s;
}
