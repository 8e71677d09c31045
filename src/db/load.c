/*
 * Loading rows into plain structs (see load.h).  The arena hands out copies from blocks of a
 * few kilobytes; a string longer than a block gets a block of its own.  Blocks are never
 * moved, so every pointer handed out stays valid until the arena is freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "pg.h"
#include "sql.h"

#define ARENA_BLOCK 4096

struct db_arena_block {
	struct db_arena_block *next;   /* the block filled before this one */
	size_t used, cap;              /* bytes of data[] handed out, and allocated */
	char data[];
};

/* Room for @p len bytes in the arena's newest block, or in a new one.  NULL when out of
 * memory. */
static char *arena_room(struct db_arena_block **arena, size_t len)
{
	struct db_arena_block *b = *arena;
	if (!b || b->cap - b->used < len) {
		size_t cap = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = *arena;
		b->used = 0;
		b->cap = cap;
		*arena = b;
	}
	char *p = b->data + b->used;
	b->used += len;
	return p;
}

int64_t db_row_int(const struct db_row *row, int col)
{
	if (row->st)
		return sqlite3_column_int64(row->st, col);
	return strtoll(PQgetvalue(row->res, row->r, col), NULL, 10);
}

double db_row_double(const struct db_row *row, int col)
{
	if (row->st)
		return sqlite3_column_double(row->st, col);
	return strtod(PQgetvalue(row->res, row->r, col), NULL);
}

const char *db_row_text(const struct db_row *row, int col)
{
	if (row->st)
		return (const char *)sqlite3_column_text(row->st, col);
	return PQgetisnull(row->res, row->r, col) ? NULL : PQgetvalue(row->res, row->r, col);
}

bool db_row_null(const struct db_row *row, int col)
{
	if (row->st)
		return sqlite3_column_type(row->st, col) == SQLITE_NULL;
	return PQgetisnull(row->res, row->r, col);
}

bool db_arena_column(struct db_arena_block **arena, const struct db_row *row, int col,
		     const char **out)
{
	const char *text = db_row_text(row, col);
	*out = NULL;
	if (!text)
		return db_row_null(row, col);  /* else SQLite ran out */
	size_t len = row->st ? (size_t)sqlite3_column_bytes(row->st, col) :
			       (size_t)PQgetlength(row->res, row->r, col);
	char *copy = arena_room(arena, len + 1);
	if (!copy)
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	*out = copy;
	return true;
}

void db_arena_free(struct db_arena_block **arena)
{
	if (!arena)
		return;
	while (*arena) {
		struct db_arena_block *next = (*arena)->next;
		free(*arena);
		*arena = next;
	}
}

bool db_column_date(const struct db_row *row, int col, struct date *out)
{
	if (date_parse(db_row_text(row, col), out))
		return true;
	*out = (struct date){0, 0, 0};
	return false;
}

void *db_grow(void *items, size_t size, size_t n, size_t *cap)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 64;
	if (ncap > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(items, ncap * size);
	if (grown)
		*cap = ncap;
	return grown;
}

enum db_rc db_load_rows(struct db *db, sqlite3_stmt *st,
			enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx)
{
	const struct db_row at = {.st = st};
	enum db_rc out = DB_OK;
	int rc = SQLITE_DONE;
	while (out == DB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		out = row(&at, ctx);
	db_done(st);
	if (out != DB_OK)
		return out;
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}

enum db_rc db_load(struct db *db, const struct db_twin *q,
		   void (*bind)(struct db_params *p, const void *in), const void *in,
		   enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx)
{
	if (db_pg(db)) {
		struct db_params p = {0};
		const char *sql = db_twin_pg(q);
		enum db_rc rc;
		if (!sql)
			return DB_ERROR;
		if (bind)
			bind(&p, in);
		PGresult *res = pg_typed(db_pg(db), sql, p.n, p.v, p.type, &rc);
		struct db_row at = {.res = res};
		for (at.r = 0; res && rc == DB_OK && at.r < PQntuples(res); at.r++)
			rc = row(&at, ctx);
		PQclear(res);
		return rc;
	}
	sqlite3_stmt *st = db_stmt(db, q->sql);
	if (!st)
		return DB_ERROR;
	if (bind)
		bind(&(struct db_params){.st = st}, in);
	return db_load_rows(db, st, row, ctx);
}
