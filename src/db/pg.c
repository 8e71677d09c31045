/*
 * The PostgreSQL back end: connecting, migrating, and running the query files' PostgreSQL
 * twins (results mapped to db_rc, list pages) (see include/folja/db.h and pg.h).
 *
 * A database URL ("postgresql://…" or "postgres://…", libpq's own syntax, so every libpq
 * parameter and environment variable applies) selects PostgreSQL; anything else is a SQLite
 * file.  Migrations are the embedded files sql/pg/NNNN-name.sql, the twins of the SQLite ones
 * of the same number (the PostgreSQL schema begins at SQLite's version 12, in one file).  The
 * table folja_migrations records each one applied, and each runs in its own transaction, so a
 * database is migrated exactly once per file.  Several servers starting together on one
 * database queue on a session advisory lock: the first migrates, the others find nothing left
 * to do.  Server notices (an IF NOT EXISTS that found the table) are not printed.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db.h"
#include "folja/embed.h"

#include "pg.h"

#define WHY PG_WHY

bool db_is_postgres(const char *db)
{
	return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0);
}

/* The number of an embedded "sql/pg/NNNN-name.sql", or 0 when @p name is not one. */
static int pg_migration_number(const char *name)
{
	if (strncmp(name, "sql/pg/", 7) != 0 || name[7] < '0' || name[7] > '9')
		return 0;
	return atoi(name + 7);
}

/* The embedded migration number @p n, or NULL. */
static const struct folja_embedded *pg_migration(int n)
{
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++)
		if (pg_migration_number(e->name) == n)
			return e;
	return NULL;
}

/* The lowest and highest migration numbers embedded. */
static void pg_migration_range(int *first, int *last)
{
	*first = 0;
	*last = 0;
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++) {
		int n = pg_migration_number(e->name);
		if (n && (!*first || n < *first))
			*first = n;
		if (n > *last)
			*last = n;
	}
}

void pg_one_line(const char *msg, char *why)
{
	snprintf(why, WHY, "%s", msg);
	for (char *p = why; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ' ' : '\0';
}

void pg_result_why(const PGresult *res, char *why)
{
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	pg_one_line(primary ? primary : PQresultErrorMessage(res), why);
}

const char *pg_param_int(char buf[PG_INT_TEXT], int64_t v)
{
	if (v == DB_NULL)
		return NULL;
	snprintf(buf, PG_INT_TEXT, "%lld", (long long)v);
	return buf;
}

enum db_rc pg_rc(const PGresult *res)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return DB_OK;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	/* class 23: a constraint (a key, a reference, a CHECK), as SQLITE_CONSTRAINT */
	if (state && strncmp(state, "23", 2) == 0)
		return DB_CONFLICT;
	char why[WHY] = "out of memory";
	if (res)
		pg_result_why(res, why);
	fprintf(stderr, "folja: postgresql: %s (%s)\n", why, state ? state : "no state");
	/* serialization failures and deadlocks (class 40), like SQLITE_BUSY: try again */
	return state && strncmp(state, "40", 2) == 0 ? DB_BUSY : !res ? DB_NOMEM : DB_ERROR;
}

enum db_rc pg_run(PGconn *c, const char *sql)
{
	PGresult *res = PQexec(c, sql);
	enum db_rc rc = pg_rc(res);
	PQclear(res);
	return rc;
}

PGresult *pg_params(PGconn *c, const char *sql, int n, const char *const *v, const int *len,
		    const int *binary, enum db_rc *rc)
{
	PGresult *res = PQexecParams(c, sql, n, NULL, v, len, binary, 0);
	if ((*rc = pg_rc(res)) == DB_OK)
		return res;
	PQclear(res);
	return NULL;
}

PGresult *pg_typed(PGconn *c, const char *sql, int n, const char *const *v,
		   const unsigned *types, enum db_rc *rc)
{
	Oid t[PG_MAX_TYPED];
	if (n > PG_MAX_TYPED) {
		*rc = DB_ERROR;
		return NULL;
	}
	for (int i = 0; i < n; i++)
		t[i] = types[i] ? types[i] : PG_TEXT_OID;
	PGresult *res = PQexecParams(c, sql, n, t, v, NULL, NULL, 0);
	if ((*rc = pg_rc(res)) == DB_OK)
		return res;
	PQclear(res);
	return NULL;
}

enum db_rc pg_json_one(PGconn *c, const char *sql, int n, const char *const *v, json_t **out)
{
	enum db_rc rc;
	PGresult *res = pg_params(c, sql, n, v, NULL, NULL, &rc);
	if (!res)
		return rc;
	rc = DB_NOT_FOUND;
	if (PQntuples(res) > 0) {
		*out = json_loads(PQgetvalue(res, 0, 0), JSON_DECODE_ANY, NULL);
		rc = *out ? DB_OK : DB_NOMEM;
	}
	PQclear(res);
	return rc;
}

enum db_rc pg_json_all(PGconn *c, const char *sql, int n, const char *const *v, json_t *items)
{
	enum db_rc rc;
	PGresult *res = pg_params(c, sql, n, v, NULL, NULL, &rc);
	return pg_json_rows(res, rc, items);
}

enum db_rc pg_json_rows(PGresult *res, enum db_rc rc, json_t *items)
{
	for (int r = 0; res && r < PQntuples(res) && rc == DB_OK; r++) {
		json_t *row = json_loads(PQgetvalue(res, r, 0), JSON_DECODE_ANY, NULL);
		rc = row && json_array_append_new(items, row) == 0 ? DB_OK : DB_NOMEM;
	}
	PQclear(res);
	return rc;
}

enum db_rc pg_list_page(PGconn *c, const char *count_sql, const char *list_sql, int n,
			const char *const *v, int64_t limit, int64_t offset, json_t *items,
			int64_t *total)
{
	char page[2][PG_INT_TEXT];
	const char *all[PG_LIST_MAX_PARAMS + 2];
	if (n > PG_LIST_MAX_PARAMS)
		return DB_ERROR;
	for (int i = 0; i < n; i++)
		all[i] = v[i];
	all[n] = pg_param_int(page[0], limit);
	all[n + 1] = pg_param_int(page[1], offset);
	enum db_rc rc;
	PGresult *res = pg_params(c, count_sql, n, all, NULL, NULL, &rc);
	if (!res)
		return rc;
	*total = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);
	return pg_json_all(c, list_sql, n + 2, all, items);
}

PGresult *pg_row(PGconn *c, const char *sql, int n, const char *const *v, enum db_rc *rc)
{
	PGresult *res = pg_params(c, sql, n, v, NULL, NULL, rc);
	if (res && PQntuples(res) == 0) {
		PQclear(res);
		*rc = DB_NOT_FOUND;
		return NULL;
	}
	return res;
}

enum db_rc pg_copy_in(PGconn *c, const char *sql)
{
	PGresult *res = PQexec(c, sql);
	bool copying = res && PQresultStatus(res) == PGRES_COPY_IN;
	enum db_rc rc = copying ? DB_OK : pg_rc(res);
	if (rc == DB_OK && !copying)
		rc = DB_ERROR;   /* not a COPY */
	PQclear(res);
	return rc;
}

enum db_rc pg_copy_put(PGconn *c, const char *buf, size_t *len)
{
	int ok = PQputCopyData(c, buf, (int)*len);
	*len = 0;
	return ok == 1 ? DB_OK : DB_ERROR;
}

enum db_rc pg_copy_end(PGconn *c, enum db_rc rc)
{
	if (PQputCopyEnd(c, rc == DB_OK ? NULL : "the rows could not be read") != 1 &&
	    rc == DB_OK)
		rc = DB_ERROR;
	PGresult *res;
	while ((res = PQgetResult(c))) {
		enum db_rc got = pg_rc(res);
		if (rc == DB_OK)
			rc = got;
		PQclear(res);
	}
	return rc;
}

enum db_rc pg_int_one(PGconn *c, const char *sql, int n, const char *const *v, int64_t *out)
{
	enum db_rc rc;
	PGresult *res = pg_row(c, sql, n, v, &rc);
	if (res)
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

int pg_exec(PGconn *c, const char *sql, char *why)
{
	PGresult *res = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
	if (rc)
		pg_result_why(res, why);
	PQclear(res);
	return rc;
}

int pg_int(PGconn *c, const char *sql, long long *out, char *why)
{
	PGresult *res = PQexec(c, sql);
	int rc = -1;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		pg_result_why(res, why);
	else if (PQntuples(res) != 1 || PQnfields(res) != 1)
		snprintf(why, WHY, "unexpected answer to \"%s\"", sql);
	else {
		*out = PQgetisnull(res, 0, 0) ? 0 : strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static const char sql_session[] =
	"SET datestyle = 'ISO, YMD'; SET client_encoding = 'UTF8'; SET timezone = 'UTC'";

PGconn *pg_connect(const char *url, char *why)
{
	PGconn *c = PQconnectdb(url);
	if (!c) {
		snprintf(why, WHY, "cannot be reached: out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		pg_one_line(PQerrorMessage(c), why);
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	/* dates read back as the API writes them, whatever the server's defaults */
	if (pg_exec(c, sql_session, why) != 0) {
		PQfinish(c);
		return NULL;
	}
	return c;
}

static const char sql_tracking[] =
	"CREATE TABLE IF NOT EXISTS folja_migrations ("
	" number integer PRIMARY KEY,"
	" name text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now())";
static const char sql_applied[] = "SELECT max(number) FROM folja_migrations";
/* tables of the schema in use that are not Följa's tracking table */
static const char sql_other_tables[] =
	"SELECT count(*) FROM information_schema.tables"
	" WHERE table_schema = current_schema() AND table_name <> 'folja_migrations'";

/* A database this program may migrate: a new one, or Följa's at a version it knows. */
static int is_ours(PGconn *c, long long *have, char *why)
{
	long long tables = 0;
	int first, last;
	pg_migration_range(&first, &last);
	if (pg_exec(c, sql_tracking, why) || pg_int(c, sql_applied, have, why) ||
	    pg_int(c, sql_other_tables, &tables, why))
		return -1;
	if (*have == 0 && tables > 0) {
		snprintf(why, WHY, "holds another application's tables (no Följa schema version)");
		return -1;
	}
	if (*have > last) {
		snprintf(why, WHY, "has schema version %lld, newer than this program's %d", *have, last);
		return -1;
	}
	return 0;
}

/* Applies migration @p f as number @p n in its own transaction. */
static int apply(PGconn *c, const struct folja_embedded *f, int n, char *why)
{
	char err[WHY], record[96];
	snprintf(record, sizeof record, "INSERT INTO folja_migrations (number, name) VALUES (%d, '%s')",
		 n, strrchr(f->name, '/') + 1);
	if (pg_exec(c, "BEGIN", err) == 0 && pg_exec(c, f->data, err) == 0 &&
	    pg_exec(c, record, err) == 0 && pg_exec(c, "COMMIT", err) == 0)
		return 0;
	snprintf(why, WHY, "migration %s failed: %.200s", f->name, err);
	pg_exec(c, "ROLLBACK", err);
	return -1;
}

/* Applies every migration past @p have.  The numbers run without gaps from the first. */
static int migrate(PGconn *c, long long have, char *why)
{
	int first, last;
	pg_migration_range(&first, &last);
	for (int n = have ? (int)have + 1 : first; n && n <= last; n++) {
		const struct folja_embedded *f = pg_migration(n);
		if (!f) {
			snprintf(why, WHY, "migration pg/%04d is missing from this program", n);
			return -1;
		}
		if (apply(c, f, n, why) != 0)
			return -1;
	}
	return 0;
}

int pg_migrate_locked(PGconn *c, char *why)
{
	char ignored[WHY];
	long long have = 0;
	if (pg_exec(c, "SELECT pg_advisory_lock(" PG_MIGRATION_LOCK ")", why) != 0)
		return -1;
	int rc = is_ours(c, &have, why) == 0 && migrate(c, have, why) == 0 ? 0 : -1;
	pg_exec(c, "SELECT pg_advisory_unlock(" PG_MIGRATION_LOCK ")", ignored);
	return rc;
}

int db_pg_migrate(const char *url)
{
	char why[WHY] = "";
	PGconn *c = pg_connect(url, why);
	int rc = c ? pg_migrate_locked(c, why) : -1;
	PQfinish(c);
	if (rc)
		fprintf(stderr, "folja: PostgreSQL: %s\n", why);   /* not the URL: it may hold a password */
	return rc;
}
