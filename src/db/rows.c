/*
 * folja_rows(?1): an eponymous virtual table over a struct rows that C code hands out (see
 * rows.h).  Its only plan is a scan with the source given as the hidden column's value.  On
 * PostgreSQL the same rows go by COPY into a temporary table instead (rows_run).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "rows.h"

static const char pointer_type[] = "folja_rows";

/* ==== a column's value ==================================================================== */

/* A COPY line being written: each field escaped as COPY's text format wants. */
struct copy_line {
	char *buf;
	size_t len, cap;
	bool failed;            /* out of memory */
};

struct rows_out {
	sqlite3_context *ctx;   /* SQLite's, or NULL: a field of @p line */
	struct copy_line *line;
};

/* Appends @p n bytes of @p s to @p l, escaped when @p escape. */
static void line_put(struct copy_line *l, const char *s, size_t n, bool escape)
{
	if (l->len + 2 * n + 2 > l->cap) {
		size_t cap = (l->len + 2 * n + 2) * 2;
		char *grown = l->failed ? NULL : realloc(l->buf, cap);
		if (!grown) {
			l->failed = true;
			return;
		}
		l->buf = grown;
		l->cap = cap;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		const char *esc = !escape ? NULL : c == '\\' ? "\\\\" : c == '\t' ? "\\t" :
				  c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
		if (esc) {
			memcpy(l->buf + l->len, esc, 2);
			l->len += 2;
		} else {
			l->buf[l->len++] = c;
		}
	}
}

void rows_int(struct rows_out *o, int64_t v)
{
	if (o->ctx) {
		sqlite3_result_int64(o->ctx, v);
		return;
	}
	char t[24];
	line_put(o->line, t, (size_t)snprintf(t, sizeof t, "%lld", (long long)v), false);
}

void rows_double(struct rows_out *o, double v)
{
	if (isnan(v)) {
		rows_null(o);
	} else if (o->ctx) {
		sqlite3_result_double(o->ctx, v);
	} else {
		char t[32];
		line_put(o->line, t, (size_t)snprintf(t, sizeof t, "%.17g", v), false);
	}
}

void rows_text(struct rows_out *o, const char *s)
{
	if (!s)
		rows_null(o);
	else if (o->ctx)
		sqlite3_result_text(o->ctx, s, -1, SQLITE_STATIC);
	else
		line_put(o->line, s, strlen(s), true);
}

void rows_text_copy(struct rows_out *o, const char *s, size_t len)
{
	if (o->ctx)
		sqlite3_result_text(o->ctx, s, (int)len, SQLITE_TRANSIENT);
	else
		line_put(o->line, s, len, true);
}

void rows_null(struct rows_out *o)
{
	if (o->ctx)
		sqlite3_result_null(o->ctx);
	else
		line_put(o->line, "\\N", 2, false);
}

/* ==== SQLite: the table-valued function ==================================================== */

enum { COL_SOURCE = ROWS_COLUMNS };

struct cursor {
	sqlite3_vtab_cursor base;
	struct rows *r;           /* borrowed from the statement's binding; NULL: none bound */
	sqlite3_int64 n;          /* the current row's number, from 1 */
	bool eof;
};

static int v_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
		     sqlite3_vtab **out, char **err)
{
	(void)aux, (void)argc, (void)argv, (void)err;
	char decl[32 + 5 * ROWS_COLUMNS + 16];
	size_t n = (size_t)snprintf(decl, sizeof decl, "CREATE TABLE x(");
	for (int i = 0; i < ROWS_COLUMNS; i++)
		n += (size_t)snprintf(decl + n, sizeof decl - n, "c%d, ", i);
	snprintf(decl + n, sizeof decl - n, "source HIDDEN)");
	int rc = sqlite3_declare_vtab(h, decl);
	if (rc != SQLITE_OK)
		return rc;
	*out = sqlite3_malloc(sizeof **out);
	if (!*out)
		return SQLITE_NOMEM;
	memset(*out, 0, sizeof **out);
	return SQLITE_OK;
}

static int v_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

/* The source must be given (an equality on the hidden column); rows come in its order. */
static int v_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->iColumn == COL_SOURCE && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
			info->aConstraintUsage[i].argvIndex = 1;
			info->aConstraintUsage[i].omit = 1;
			info->estimatedCost = 1;
			return SQLITE_OK;
		}
	}
	return SQLITE_CONSTRAINT;
}

static int v_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	(void)v;
	struct cursor *c = calloc(1, sizeof *c);
	if (!c)
		return SQLITE_NOMEM;
	c->eof = true;
	*out = &c->base;
	return SQLITE_OK;
}

static int v_close(sqlite3_vtab_cursor *base)
{
	free(base);
	return SQLITE_OK;
}

static int v_next(sqlite3_vtab_cursor *base)
{
	struct cursor *c = (struct cursor *)base;
	int got = c->r->next(c->r);
	c->eof = got != 1;
	c->n++;
	return got < 0 ? SQLITE_IOERR : SQLITE_OK;
}

static int v_filter(sqlite3_vtab_cursor *base, int idx, const char *idx_str, int argc,
		    sqlite3_value **argv)
{
	(void)idx, (void)idx_str;
	struct cursor *c = (struct cursor *)base;
	c->n = 0;
	c->eof = true;
	c->r = argc == 1 ? sqlite3_value_pointer(argv[0], pointer_type) : NULL;
	if (!c->r)
		return SQLITE_OK;   /* no source bound: no rows */
	enum db_rc rc = c->r->rewind(c->r);
	if (rc != DB_OK)
		return rc == DB_NOMEM ? SQLITE_NOMEM : SQLITE_IOERR;
	return v_next(base);
}

static int v_eof(sqlite3_vtab_cursor *base)
{
	return ((struct cursor *)base)->eof;
}

static int v_column(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int col)
{
	struct cursor *c = (struct cursor *)base;
	if (col == COL_SOURCE)
		sqlite3_result_null(ctx);
	else
		c->r->column(c->r, &(struct rows_out){.ctx = ctx}, col);
	return SQLITE_OK;
}

static int v_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
	*rowid = ((const struct cursor *)base)->n;
	return SQLITE_OK;
}

static const sqlite3_module module = {
	.xConnect = v_connect,
	.xBestIndex = v_best_index,
	.xDisconnect = v_disconnect,
	.xOpen = v_open,
	.xClose = v_close,
	.xFilter = v_filter,
	.xNext = v_next,
	.xEof = v_eof,
	.xColumn = v_column,
	.xRowid = v_rowid,
};

void rows_bind(sqlite3_stmt *st, int i, struct rows *r)
{
	sqlite3_bind_pointer(st, i, r, pointer_type, NULL);
}

int rows_register(sqlite3 *h)
{
	return sqlite3_create_module(h, "folja_rows", &module, NULL);
}

/* ==== running a statement over rows ======================================================== */

/* Sends the rows of @p r as @p ncols text fields each into the table folja_rows, made anew
 * for this statement (it lives until rows_run drops it); its column n numbers them in the
 * scan's order, as folja_rows()'s rowid does on SQLite. */
static enum db_rc pg_copy_rows(PGconn *pg, struct rows *r, int ncols)
{
	char ddl[96 + 10 * ROWS_COLUMNS], copy[48 + 6 * ROWS_COLUMNS];
	size_t n = (size_t)snprintf(ddl, sizeof ddl, "CREATE TEMP TABLE folja_rows"
				    " (n bigint GENERATED ALWAYS AS IDENTITY");
	size_t m = (size_t)snprintf(copy, sizeof copy, "COPY folja_rows (");
	for (int i = 0; i < ncols && i < ROWS_COLUMNS; i++) {
		n += (size_t)snprintf(ddl + n, sizeof ddl - n, ", c%d text", i);
		m += (size_t)snprintf(copy + m, sizeof copy - m, "%sc%d", i ? ", " : "", i);
	}
	snprintf(ddl + n, sizeof ddl - n, ")");
	snprintf(copy + m, sizeof copy - m, ") FROM STDIN");
	enum db_rc rc = pg_run(pg, ddl);
	if (rc == DB_OK)
		rc = pg_copy_in(pg, copy);
	if (rc != DB_OK)
		return rc;
	struct copy_line line = {0};
	struct rows_out out = {.line = &line};
	int got = 0;
	enum db_rc sent = r->rewind(r);
	while (sent == DB_OK && (got = r->next(r)) == 1) {
		for (int i = 0; i < ncols; i++) {
			if (i)
				line_put(&line, "\t", 1, false);
			r->column(r, &out, i);
		}
		line_put(&line, "\n", 1, false);
		if (line.failed)
			sent = DB_NOMEM;
		else if (line.len >= 1 << 16)
			sent = pg_copy_put(pg, line.buf, &line.len);
	}
	if (sent == DB_OK && got < 0)
		sent = DB_IO;
	if (sent == DB_OK && line.len)
		sent = pg_copy_put(pg, line.buf, &line.len);
	free(line.buf);
	return pg_copy_end(pg, sent);
}

enum db_rc rows_run(struct db *db, const struct db_twin *q, struct rows *r, int ncols,
		    void (*bind)(struct db_params *p, const void *in), const void *in)
{
	PGconn *pg = db_pg(db);
	if (pg) {
		/* A refused row leaves the transaction as it was, as on SQLite, where a failed
		 * statement undoes itself alone: the caller may go on to name what clashed. */
		enum db_rc rc = db_twin_pg(q) ? pg_run(pg, "SAVEPOINT folja_rows") : DB_ERROR;
		if (rc == DB_OK && (rc = pg_copy_rows(pg, r, ncols)) == DB_OK)
			rc = db_run(db, q, bind, in, NULL);
		if (rc != DB_OK)
			pg_run(pg, "ROLLBACK TO SAVEPOINT folja_rows");
		enum db_rc dropped = pg_run(pg, "DROP TABLE IF EXISTS folja_rows");
		return rc != DB_OK ? rc : dropped;
	}
	sqlite3_stmt *st = db_stmt(db, q->sql);
	if (!st)
		return DB_ERROR;
	rows_bind(st, 1, r);
	if (bind)
		bind(&(struct db_params){.st = st}, in);
	return db_exec_stmt(db, st);
}
