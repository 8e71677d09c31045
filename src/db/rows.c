/*
 * folja_rows(?1): an eponymous virtual table over a struct rows that C code hands out (see
 * rows.h).  Its only plan is a scan with the source given as the hidden column's value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"

static const char pointer_type[] = "folja_rows";

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
		c->r->column(c->r, ctx, col);
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
