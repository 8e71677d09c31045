/*
 * folja copy: a municipality's SQLite database moved into PostgreSQL (DESIGN.md, Scale-out).
 *
 * The source is the database this process opened (db_open_global, so migrated to the latest
 * schema first, as every command does); it is read in one read transaction, so a server may
 * go on writing to it and the copy is a snapshot.  The target is migrated to the same version
 * and must hold no data yet, only the rows its migration seeds (the versions row, the lex
 * Sarah categories, the insatser and the built-in report templates), which the copy replaces
 * with the source's.  Everything is written in one transaction, so a copy that fails leaves
 * the target as it was:
 *  - the foreign keys are dropped and the tables' own triggers disabled first (both within
 *    the transaction, which holds the tables meanwhile), so neither the order of the tables
 *    nor a unit before its parent matters, the aggregate tables are copied as they are, and
 *    no row pays a key lookup or a trigger;
 *  - every table by COPY FROM STDIN, column for column (the schemas are twins; generated
 *    columns are computed again), each row keeping its id;
 *  - each table's row count in the target is compared with the rows read from the source;
 *  - the triggers are enabled and the foreign keys added back as they were, each checked
 *    over its whole table in one query;
 *  - each identity sequence is set to the largest id copied, so new rows follow on.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db.h"

#include "pg.h"
#include "sql.h"

#define WHY PG_WHY
#define NAMES 4096      /* room for a table's column list */

/* The tables the migration fills itself: the copy replaces their rows. */
static const char *const seeded[] = {
	"versions", "lex_sarah_categories", "decision_insatser", "report_templates", NULL,
};
static bool listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* ==== COPY's text format ================================================================== */

/* One table's COPY data, sent to the server in pieces of up to sizeof buf. */
struct copy_out {
	PGconn *c;
	bool failed;            /* PQputCopyData refused: the connection is gone */
	size_t len;
	char buf[1 << 16];
};

static void out_flush(struct copy_out *o)
{
	if (o->len && !o->failed && PQputCopyData(o->c, o->buf, (int)o->len) != 1)
		o->failed = true;
	o->len = 0;
}

static void out_mem(struct copy_out *o, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		if (o->len == sizeof o->buf)
			out_flush(o);
		size_t k = sizeof o->buf - o->len < n ? sizeof o->buf - o->len : n;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
	}
}

/* A text value, its backslashes, tabs, newlines and carriage returns escaped. */
static void out_text(struct copy_out *o, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char e = s[i] == '\\' ? '\\' : s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' :
			 s[i] == '\r' ? 'r' : 0;
		if (!e)
			continue;
		out_mem(o, s + run, i - run);
		out_mem(o, (char[]){'\\', e}, 2);
		run = i + 1;
	}
	out_mem(o, s + run, n - run);
}

/* Column @p i of the current row of @p st as COPY reads it. */
static void out_value(struct copy_out *o, sqlite3_stmt *st, int i)
{
	static const char hex[] = "0123456789abcdef";
	char num[40];
	int n;
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		out_mem(o, "\\N", 2);
		break;
	case SQLITE_INTEGER:
		n = snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(st, i));
		out_mem(o, num, (size_t)n);
		break;
	case SQLITE_FLOAT:
		n = snprintf(num, sizeof num, "%.17g", sqlite3_column_double(st, i));
		out_mem(o, num, (size_t)n);
		break;
	case SQLITE_BLOB: {
		const unsigned char *b = sqlite3_column_blob(st, i);
		out_mem(o, "\\\\x", 3);   /* bytea's hex form, its backslash escaped for COPY */
		for (int k = 0; k < sqlite3_column_bytes(st, i); k++)
			out_mem(o, (char[]){hex[b[k] >> 4], hex[b[k] & 15]}, 2);
		break;
	}
	default:
		out_text(o, (const char *)sqlite3_column_text(st, i),
			 (size_t)sqlite3_column_bytes(st, i));
	}
}

/* ==== one table =========================================================================== */

static const char sql_columns[] =
	"SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_xinfo(?1) WHERE hidden = 0";

/* Table @p t's stored columns (not the generated ones), quoted and comma-separated. */
static int columns(sqlite3 *h, const char *t, char out[NAMES], char *why)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(h, sql_columns, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    sqlite3_column_bytes(st, 0) < NAMES) {
		memcpy(out, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1);
		rc = 0;
	} else
		snprintf(why, WHY, "the columns of %s cannot be read: %s", t, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return rc;
}

/* Ends the COPY under way: 0 when the server took every row, else -1 with its reason. */
static int copy_end(PGconn *c, bool failed, char *why)
{
	int rc = PQputCopyEnd(c, failed ? "the source could not be read" : NULL) == 1 ? 0 : -1;
	PGresult *res;
	while ((res = PQgetResult(c)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0) {
			pg_result_why(res, why);
			rc = -1;
		}
		PQclear(res);
	}
	if (rc && !why[0])
		pg_one_line(PQerrorMessage(c), why);
	return rc;
}

/* Sends every row of table @p t; *rows gets their number. */
static int copy_rows(sqlite3 *h, PGconn *c, const char *t, const char *cols, long long *rows,
		     char *why)
{
	char sql[NAMES + 128];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "SELECT %s FROM \"%s\"", cols, t);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(why, WHY, "%s cannot be read: %s", t, sqlite3_errmsg(h));
		return -1;
	}
	struct copy_out *o = malloc(sizeof *o);     /* owned here; too big for the stack */
	if (!o) {
		sqlite3_finalize(st);
		snprintf(why, WHY, "out of memory");
		return -1;
	}
	o->c = c;
	o->failed = false;
	o->len = 0;
	int step;
	*rows = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !o->failed) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			if (i)
				out_mem(o, "\t", 1);
			out_value(o, st, i);
		}
		out_mem(o, "\n", 1);
		++*rows;
	}
	out_flush(o);
	bool failed = o->failed || step != SQLITE_DONE;
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		snprintf(why, WHY, "%s cannot be read: %s", t, sqlite3_errmsg(h));
	free(o);
	sqlite3_finalize(st);
	return copy_end(c, failed, why) == 0 && !failed ? 0 : -1;
}

/* Copies table @p t and checks the target holds as many rows as were read. */
static int copy_table(sqlite3 *h, PGconn *c, const char *t, long long *rows, char *why)
{
	char cols[NAMES], sql[NAMES + 128], err[WHY] = "";
	long long have = -1;
	if (columns(h, t, cols, why) != 0)
		return -1;
	snprintf(sql, sizeof sql, "COPY \"%s\" (%s) FROM STDIN", t, cols);
	PGresult *res = PQexec(c, sql);
	bool started = PQresultStatus(res) == PGRES_COPY_IN;
	if (!started)
		pg_result_why(res, err);
	PQclear(res);
	if (!started || copy_rows(h, c, t, cols, rows, err) != 0) {
		snprintf(why, WHY, "copying %s: %.200s", t, err);
		return -1;
	}
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", t);
	if (pg_int(c, sql, &have, why) != 0)
		return -1;
	if (have != *rows) {
		snprintf(why, WHY, "%s holds %lld rows after the copy of %lld", t, have, *rows);
		return -1;
	}
	return 0;
}

/* ==== the whole database ================================================================== */

/* Runs @p fmt with table @p t filled in on the target. */
static int on_table(PGconn *c, const char *fmt, const char *t, char *why)
{
	char sql[256];
	snprintf(sql, sizeof sql, fmt, t);
	return pg_exec(c, sql, why);
}

/* Whether the target holds no data, nothing but its migration's rows: DB_OK; DB_CONFLICT when
 * it holds some; DB_ERROR when it cannot be read. */
static enum db_rc is_empty(PGconn *c, sqlite3_stmt *tables, char *why)
{
	enum db_rc rc = DB_OK;
	char sql[256];
	long long n = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		if (listed(seeded, t) && strcmp(t, "report_templates") != 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"%s", t,
			 listed(seeded, t) ? " WHERE builtin = 0" : "");
		if (pg_int(c, sql, &n, why) != 0) {
			rc = DB_ERROR;
			break;
		}
		if (n > 0) {
			snprintf(why, WHY, "holds data already: %s has %lld row%s", t, n,
				 n == 1 ? "" : "s");
			rc = DB_CONFLICT;
			break;
		}
	}
	sqlite3_reset(tables);
	return rc;
}

/* Copies every table. */
static int copy_all(sqlite3 *h, PGconn *c, sqlite3_stmt *tables, long long *rows, int *ntables,
		    char *why)
{
	int rc = 0;
	while (rc == 0 && sqlite3_step(tables) == SQLITE_ROW) {
		long long n = 0;
		rc = copy_table(h, c, (const char *)sqlite3_column_text(tables, 0), &n, why);
		*rows += n;
		++*ntables;
	}
	sqlite3_reset(tables);
	return rc;
}

/* The foreign keys of the schema, kept to be added back, dropped; the tables' own triggers
 * disabled (a table's owner may; the foreign keys' internal triggers would need a superuser,
 * hence the drop). */
static const char sql_unbind[] =
	"CREATE TEMP TABLE folja_copy_keys ON COMMIT DROP AS"
	" SELECT conrelid::regclass::text AS t, quote_ident(conname) AS name,"
	"  pg_get_constraintdef(oid) AS def FROM pg_constraint"
	" WHERE contype = 'f' AND connamespace = current_schema()::regnamespace;"
	"DO $$ DECLARE r record; BEGIN"
	" FOR r IN SELECT t, name FROM folja_copy_keys"
	" LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %s', r.t, r.name); END LOOP;"
	" FOR r IN SELECT quote_ident(table_name) AS t FROM information_schema.tables"
	"  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	" LOOP EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', r.t); END LOOP;"
	" END $$";
/* ... and after the copy, the triggers enabled and the keys added back, each checked in one
 * pass over its table; then each identity sequence set to its table's largest id (left
 * alone for an empty table). */
static const char sql_rebind[] =
	"DO $$ DECLARE r record; BEGIN"
	" FOR r IN SELECT quote_ident(table_name) AS t FROM information_schema.tables"
	"  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	" LOOP EXECUTE format('ALTER TABLE %s ENABLE TRIGGER USER', r.t); END LOOP;"
	" FOR r IN SELECT t, name, def FROM folja_copy_keys"
	" LOOP EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %s %s', r.t, r.name, r.def);"
	" END LOOP;"
	" FOR r IN SELECT table_name FROM information_schema.columns"
	"  WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'"
	" LOOP EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), max(id))"
	"  FROM %I HAVING max(id) IS NOT NULL', quote_ident(r.table_name), r.table_name);"
	" END LOOP; END $$";
static const char sql_tables[] =
	"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	" ORDER BY name";

/* The copy, in the target's transaction and the source's read transaction. */
static enum db_rc copy_in(sqlite3 *h, PGconn *c, long long *rows, int *ntables, char *why)
{
	sqlite3_stmt *tables = NULL;
	enum db_rc rc = DB_ERROR;
	if (sqlite3_prepare_v2(h, sql_tables, -1, &tables, NULL) != SQLITE_OK) {
		snprintf(why, WHY, "the source's tables cannot be read: %s", sqlite3_errmsg(h));
		return DB_ERROR;
	}
	if ((rc = is_empty(c, tables, why)) != DB_OK)
		goto out;
	rc = DB_ERROR;
	if (pg_exec(c, sql_unbind, why) != 0)
		goto out;
	for (const char *const *t = seeded; *t; t++)
		if (on_table(c, "DELETE FROM \"%s\"", *t, why) != 0)
			goto out;
	if (copy_all(h, c, tables, rows, ntables, why) == 0 && pg_exec(c, sql_rebind, why) == 0)
		rc = DB_OK;
out:
	sqlite3_finalize(tables);
	return rc;
}

enum db_rc db_copy_to_pg(struct db *db, const char *url, long long *rows, int *ntables,
			 char why[WHY])
{
	char ignored[WHY];
	sqlite3 *h = db_handle(db);
	*rows = 0;
	*ntables = 0;
	why[0] = '\0';
	PGconn *c = pg_connect(url, why);
	enum db_rc rc = DB_ERROR;
	if (c && pg_migrate_locked(c, why) == 0 &&
	    pg_exec(c, "BEGIN", why) == 0 &&
	    pg_exec(c, "SELECT pg_advisory_xact_lock(" PG_MIGRATION_LOCK ")", why) == 0) {
		/* the read transaction: one snapshot from its first read to the end */
		if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			snprintf(why, WHY, "the source cannot be read: %s", sqlite3_errmsg(h));
		else {
			rc = copy_in(h, c, rows, ntables, why);
			if (rc == DB_OK && pg_exec(c, "COMMIT", why) != 0)
				rc = DB_ERROR;
			sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		}
		if (rc != DB_OK)
			pg_exec(c, "ROLLBACK", ignored);
	}
	PQfinish(c);
	return rc;
}
