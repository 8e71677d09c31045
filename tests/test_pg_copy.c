/*
 * folja copy and folja demo into PostgreSQL (src/db/copy.c) and folja backup of it
 * (src/db/pg_backup.c), against a real server (see
 * tests/pg_support.h).  The copy must move every row of every table unchanged: the test
 * compares the demo database with its copy table by table, row by row and column by column,
 * each value in one canonical text on both engines (a timestamp to the millisecond, a blob in
 * hex) and floating-point values as numbers.  A copy into a database that holds data, and one
 * that fails half-way, must leave the target as it was.
 */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "folja/cli.h"
#include "folja/db.h"
#include "pg_support.h"
#include "support.h"

#define SQL_MAX 8192

/* A demo database in a new directory @p dir (path in @p path). */
static void sqlite_demo(char *dir, char *path, size_t cap)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, cap, "%s/folja.db", dir);
	char *argv[] = {"folja", "demo", "--db", path, NULL};
	ck_assert_int_eq(folja_cli(4, argv), 0);
}

static int copy(const char *from)
{
	char *argv[] = {"folja", "copy", "--from", (char *)from, "--to", pg_url, NULL};
	return folja_cli(6, argv);
}

/* Appends ", expr" for column @p col of PostgreSQL type @p type to both select lists, and the
 * column's position to PostgreSQL's ORDER BY (NULLs first, as SQLite orders them). */
static void add_column(const char *col, const char *type, int pos, char *lite, char *pg,
		       char *order)
{
	char a[256], b[256], o[32];
	if (strcmp(type, "timestamp with time zone") == 0) {
		snprintf(a, sizeof a, "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', \"%s\")", col);
		snprintf(b, sizeof b, "ts_text_ms(\"%s\") COLLATE \"C\"", col);
	} else if (strcmp(type, "bytea") == 0) {
		/* hex(NULL) is '' */
		snprintf(a, sizeof a, "iif(\"%s\" IS NULL, NULL, hex(\"%s\"))", col, col);
		snprintf(b, sizeof b, "upper(encode(\"%s\", 'hex')) COLLATE \"C\"", col);
	} else {
		snprintf(a, sizeof a, "\"%s\"", col);
		snprintf(b, sizeof b, "\"%s\"", col);
	}
	snprintf(o, sizeof o, "%s%d NULLS FIRST", pos > 1 ? ", " : "", pos);
	strcat(strcat(lite, pos > 1 ? ", " : ""), a);
	strcat(strcat(pg, pos > 1 ? ", " : ""), b);
	strcat(order, o);
	ck_assert_int_lt((int)strlen(lite), SQL_MAX - 512);
}

/* Compares table @p t on both engines; returns its number of rows. */
static long long same_table(sqlite3 *h, const char *t)
{
	char sql[SQL_MAX], lite[SQL_MAX] = "", pg[SQL_MAX] = "", order[SQL_MAX] = "";
	snprintf(sql, sizeof sql, "SELECT column_name, data_type FROM information_schema.columns"
		 " WHERE table_schema = current_schema() AND table_name = '%s'"
		 " ORDER BY ordinal_position", t);
	PGresult *cols = pg_test_on(pg_url, sql);
	int n = PQntuples(cols);
	ck_assert_msg(n > 0, "%s is missing on PostgreSQL", t);
	for (int i = 0; i < n; i++)
		add_column(PQgetvalue(cols, i, 0), PQgetvalue(cols, i, 1), i + 1, lite, pg, order);

	snprintf(sql, sizeof sql, "SELECT %s FROM \"%s\" ORDER BY %s", pg, t, order);
	PGresult *rows = pg_test_on(pg_url, sql);
	for (char *p = order; (p = strstr(p, " NULLS FIRST")); )
		memmove(p, p + 12, strlen(p + 12) + 1);
	snprintf(sql, sizeof sql, "SELECT %s FROM \"%s\" ORDER BY %s", lite, t, order);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	long long r = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; r++) {
		ck_assert_msg(r < PQntuples(rows), "%s: PostgreSQL has fewer rows", t);
		for (int i = 0; i < n; i++) {
			const char *want = (const char *)sqlite3_column_text(st, i);
			const char *have = PQgetisnull(rows, (int)r, i) ? NULL :
					   PQgetvalue(rows, (int)r, i);
			const char *what = PQgetvalue(cols, i, 0);
			if (!want || !have)
				ck_assert_msg(!want && !have, "%s.%s row %lld: %s / %s", t, what, r,
					      want ? want : "NULL", have ? have : "NULL");
			else if (strcmp(PQgetvalue(cols, i, 1), "double precision") == 0)
				ck_assert_msg(sqlite3_column_double(st, i) == strtod(have, NULL),
					      "%s.%s row %lld: %s / %s", t, what, r, want, have);
			else
				ck_assert_msg(strcmp(want, have) == 0, "%s.%s row %lld: %s / %s",
					      t, what, r, want, have);
		}
	}
	ck_assert_msg(r == PQntuples(rows), "%s: PostgreSQL has more rows", t);
	sqlite3_finalize(st);
	PQclear(rows);
	PQclear(cols);
	return r;
}

START_TEST(copies_every_row_of_the_demo)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	ck_assert_int_eq(copy(path), 0);

	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *tables;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1,
					    &tables, NULL), SQLITE_OK);
	int ntables = 0;
	long long nrows = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		nrows += same_table(h, (const char *)sqlite3_column_text(tables, 0));
		ntables++;
	}
	sqlite3_finalize(tables);
	ck_assert_int_gt(ntables, 40);
	ck_assert_int_gt(nrows, 1000);

	/* the ids go on from the largest copied, as SQLite's would */
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT max(id) FROM units", -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	long long last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	ck_assert_int_eq(pg_test_int("INSERT INTO units (code, name, kind)"
				     " VALUES ('9999', 'Ny enhet', 'enhet') RETURNING id"), last + 1);
	remove_dir(dir);
}
END_TEST

/* Inserts budget lines into the SQLite file @p path one transaction each (the aggregates
 * kept by its triggers in the same transaction) until killed. */
_Noreturn static void keep_writing(const char *path, long long unit)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO budget_lines (unit_id, year, month, measure,"
			       " amount_kr) VALUES (?1, 2021, 1 + ?2 % 12, 'outcome', -?2)", -1,
			       &st, NULL) != SQLITE_OK)
		_exit(1);
	sqlite3_busy_timeout(h, 10000);
	sqlite3_exec(h, "PRAGMA synchronous=OFF", NULL, NULL, NULL);   /* as many as can be */
	for (long long i = 1;; i++) {
		sqlite3_bind_int64(st, 1, unit);
		sqlite3_bind_int64(st, 2, i);
		if (sqlite3_step(st) != SQLITE_DONE)
			_exit(1);
		sqlite3_reset(st);
	}
}

/* Rows where the aggregate by account (the first table copied, budget_lines the seventh)
 * disagrees with the budget lines it sums. */
static const char sql_agg_disagrees[] =
	"SELECT count(*) FROM (SELECT unit_id, year, agg_measure AS measure, sum(amount_kr) AS s,"
	"  count(*) AS n FROM budget_lines WHERE ledger = 'drift' GROUP BY 1, 2, 3) l"
	" FULL JOIN (SELECT unit_id, year, measure, sum(amount_kr) AS s, sum(lines) AS n"
	"  FROM budget_agg_account GROUP BY 1, 2, 3) a"
	" ON a.unit_id = l.unit_id AND a.year = l.year AND a.measure = l.measure"
	" WHERE a.s IS DISTINCT FROM l.s OR a.n IS DISTINCT FROM l.n";

/* A copy taken while another process writes is one moment of the source: the budget lines and
 * their aggregates, copied as separate tables, still agree.  (Read table by table outside one
 * read transaction, the lines written between the two would be missing from the aggregates.) */
START_TEST(a_copy_is_one_moment_of_a_database_being_written)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	long long unit = sql_count(h, "SELECT min(unit_id) FROM budget_lines");
	long long before = sql_count(h, "SELECT count(*) FROM budget_lines");
	sqlite3_close(h);
	pid_t writer = fork();
	ck_assert_int_ge(writer, 0);
	if (writer == 0)
		keep_writing(path, unit);
	usleep(100 * 1000);             /* the writes under way */
	int rc = copy(path);
	kill(writer, SIGKILL);
	waitpid(writer, NULL, 0);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_gt(pg_test_int("SELECT count(*) FROM budget_lines"), before);
	ck_assert_int_eq(pg_test_int(sql_agg_disagrees), 0);
	remove_dir(dir);
}
END_TEST

/* A database with data is refused with nothing changed: not even the seeded rows replaced. */
START_TEST(a_database_with_data_is_refused)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	pg_test_run("INSERT INTO units (code, name, kind) VALUES ('0001', 'Annan', 'kommun')");
	long long categories = pg_test_int("SELECT count(*) FROM lex_sarah_categories");
	ck_assert_int_eq(copy(path), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM units"), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM lex_sarah_categories"), categories);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM versions"), 1);
	remove_dir(dir);
}
END_TEST

/* A copy refused half-way (here by a CHECK on units, copied after accounts and budget lines)
 * leaves the target as it was: one transaction. */
START_TEST(a_failed_copy_leaves_nothing)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	ck_assert_int_eq(db_pg_migrate(pg_url), 0);
	pg_test_run("ALTER TABLE units ADD CONSTRAINT refuse CHECK (code <> '0138')");
	long long templates = pg_test_int("SELECT count(*) FROM report_templates");
	ck_assert_int_eq(copy(path), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM accounts"), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM budget_lines"), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM budget_agg_unit"), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM report_templates"), templates);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM versions"), 1);
	/* the keys and triggers dropped and disabled for the copy are back */
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
				     " AND connamespace = current_schema()::regnamespace"), 35);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM pg_trigger t JOIN pg_class c"
				     " ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
				     " AND t.tgenabled = 'D'"
				     " AND c.relnamespace = current_schema()::regnamespace"), 0);
	/* without the CHECK, the same copy goes through, and the aggregate triggers work after */
	pg_test_run("ALTER TABLE units DROP CONSTRAINT refuse");
	ck_assert_int_eq(copy(path), 0);
	long long lines = pg_test_int("SELECT count(*) FROM budget_lines");
	ck_assert_int_gt(lines, 0);
	char sum_sql[256], insert[256];
	long long unit = pg_test_int("SELECT min(unit_id) FROM budget_lines"
				     " WHERE year = 2021 AND measure = 'outcome'");
	snprintf(sum_sql, sizeof sum_sql, "SELECT sum(amount_kr) FROM budget_agg_unit"
		 " WHERE unit_id = %lld AND year = 2021 AND measure = 'outcome'", unit);
	snprintf(insert, sizeof insert, "INSERT INTO budget_lines (unit_id, year, month, measure,"
		 " amount_kr) VALUES (%lld, 2021, 3, 'outcome', -1000)", unit);
	long long sum = pg_test_int(sum_sql);
	ck_assert_int_ne(sum, 0);
	pg_test_run(insert);
	ck_assert_int_eq(pg_test_int(sum_sql), sum - 1000);
	remove_dir(dir);
}
END_TEST

/* A reference the SQLite file let through (its foreign keys were off) stops the copy when
 * the keys are added back, with the key named, and nothing is kept. */
START_TEST(a_broken_reference_stops_the_copy)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA foreign_keys=OFF; INSERT INTO budget_lines"
				      " (unit_id, year, month, measure, amount_kr)"
				      " VALUES (999999, 2021, 1, 'outcome', 1)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(copy(path), 1);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM units"), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM budget_lines"), 0);
	remove_dir(dir);
}
END_TEST

/* folja demo on PostgreSQL gives the SQLite demo's rows, and is skipped the second time. */
START_TEST(the_demo_on_postgresql)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128];
	sqlite_demo(dir, path, sizeof path);
	char *argv[] = {"folja", "demo", "--db", pg_url, NULL};
	ck_assert_int_eq(folja_cli(4, argv), 0);
	long long units = pg_test_int("SELECT count(*) FROM units");
	long long lines = pg_test_int("SELECT count(*) FROM budget_lines");
	sqlite3 *h;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM units),"
					    " (SELECT count(*) FROM budget_lines)", -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_gt(units, 10);
	ck_assert_int_eq(units, sqlite3_column_int64(st, 0));
	ck_assert_int_eq(lines, sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(h);
	ck_assert_int_eq(folja_cli(4, argv), 0);
	ck_assert_int_eq(pg_test_int("SELECT count(*) FROM units"), units);
	remove_dir(dir);
}
END_TEST

/* The rows of table @p t in the archive @p dump, as pg_restore gives them back. */
static long long archived_rows(const char *dump, const char *t)
{
	char cmd[512], line[4096], copy[128];
	snprintf(cmd, sizeof cmd, "pg_restore --data-only --schema=%s --table=%s --file=- '%s'",
		 pg_schema, t, dump);
	snprintf(copy, sizeof copy, "COPY %s.%s ", pg_schema, t);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	long long n = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, copy, strlen(copy)) == 0)
			n = 0;
		else if (strcmp(line, "\\.\n") == 0 && n >= 0)
			break;
		else if (n >= 0)
			n++;
	}
	ck_assert_int_eq(pclose(f), 0);
	return n;
}

/* folja backup of a PostgreSQL database is pg_dump's archive, for the owner only, holding
 * every row; it never overwrites a file, and a failed one leaves none. */
START_TEST(backup_by_pg_dump)
{
	char dir[] = "/tmp/folja-pg-copy.XXXXXX", path[128], dump[160];
	sqlite_demo(dir, path, sizeof path);
	ck_assert_int_eq(copy(path), 0);
	snprintf(dump, sizeof dump, "%s/folja.dump", dir);
	char *argv[] = {"folja", "backup", "--db", pg_url, "--to", dump, NULL};
	ck_assert_int_eq(folja_cli(6, argv), 0);
	struct stat sb;
	ck_assert_int_eq(stat(dump, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 077, 0);
	long long lines = pg_test_int("SELECT count(*) FROM budget_lines");
	ck_assert_int_gt(lines, 100);
	ck_assert_int_eq(archived_rows(dump, "budget_lines"), lines);
	ck_assert_int_eq(archived_rows(dump, "units"), pg_test_int("SELECT count(*) FROM units"));

	/* never over a file */
	ck_assert_int_eq(folja_cli(6, argv), 1);
	struct stat again;
	ck_assert_int_eq(stat(dump, &again), 0);
	ck_assert_int_eq(again.st_size, sb.st_size);
	/* a server that cannot be reached: no file */
	char other[160];
	snprintf(other, sizeof other, "%s/none.dump", dir);
	char *unreachable[] = {"folja", "backup", "--db",
			       "postgresql://folja@127.0.0.1:1/folja?connect_timeout=2", "--to",
			       other, NULL};
	ck_assert_int_eq(folja_cli(6, unreachable), 1);
	ck_assert_int_eq(access(other, F_OK), -1);
	remove_dir(dir);
}
END_TEST

START_TEST(copy_usage)
{
	char *no_to[] = {"folja", "copy", "--from", "/tmp/x.db", NULL};
	ck_assert_int_eq(folja_cli(4, no_to), 2);
	char *to_file[] = {"folja", "copy", "--from", "/tmp/x.db", "--to", "/tmp/y.db", NULL};
	ck_assert_int_eq(folja_cli(6, to_file), 2);
	char *with_db[] = {"folja", "copy", "--db", "/tmp/x.db", NULL};
	ck_assert_int_eq(folja_cli(4, with_db), 2);
	/* a source that does not exist is not created */
	ck_assert_int_eq(copy("/tmp/folja-no-such-dir/none.db"), 1);
	ck_assert_int_eq(access("/tmp/folja-no-such-dir/none.db", F_OK), -1);
}
END_TEST

Suite *pg_copy_suite(void)
{
	Suite *s = suite_create("pg_copy");
	TCase *tc = tcase_create("copy");
	tcase_add_checked_fixture(tc, pg_test_setup, pg_test_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, copies_every_row_of_the_demo);
	tcase_add_test(tc, a_copy_is_one_moment_of_a_database_being_written);
	tcase_add_test(tc, a_database_with_data_is_refused);
	tcase_add_test(tc, a_failed_copy_leaves_nothing);
	tcase_add_test(tc, a_broken_reference_stops_the_copy);
	tcase_add_test(tc, the_demo_on_postgresql);
	tcase_add_test(tc, backup_by_pg_dump);
	tcase_add_test(tc, copy_usage);
	suite_add_tcase(s, tc);
	return s;
}
