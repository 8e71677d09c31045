/*
 * Loading rows into plain structs, for the computations of src/domain/ (the lex Sarah
 * summary, the reports on decisions not executed): each row becomes a struct of numbers,
 * dates and enums, and the text it points to is copied into an arena the loaded set owns, so
 * the set is freed in one call and no JSON is built on the way.  Private to src/db/, like
 * sql.h.
 */
#ifndef FOLJA_DB_LOAD_H
#define FOLJA_DB_LOAD_H

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/db.h"

/* One row a loader reads, on either engine: SQLite's statement stepped onto it, or row @p r
 * of PostgreSQL's result (whose values are text).  Row callbacks read it through db_row_*,
 * so one callback loads the rows of a query and of its PostgreSQL twin alike. */
struct db_row {
	sqlite3_stmt *st;               /* NULL on PostgreSQL */
	const PGresult *res;
	int r;
};

/** Column @p col as an integer; SQL NULL reads as 0 (as sqlite3_column_int64 reads it). */
int64_t db_row_int(const struct db_row *row, int col);
/** Column @p col as a double; SQL NULL reads as 0. */
double db_row_double(const struct db_row *row, int col);
/** Column @p col as text, NULL for SQL NULL; valid until the row moves on. */
const char *db_row_text(const struct db_row *row, int col);
/** Whether column @p col is SQL NULL. */
bool db_row_null(const struct db_row *row, int col);

/* Text owned by a loaded set is kept in a chain of blocks (struct db_arena_block *, NULL
 * when empty; public headers name the type only), copies that live until db_arena_free(). */
struct db_arena_block;

/** Copies the text of column @p col of @p st's current row into the arena *@p arena; *out
 *  gets the copy, or NULL for SQL NULL.  False when out of memory (*out NULL). */
bool db_arena_column(struct db_arena_block **arena, const struct db_row *row, int col,
		     const char **out);
/** Frees every copy held by the arena *@p arena and leaves it empty (NULL).  Accepts NULL. */
void db_arena_free(struct db_arena_block **arena);

/** Column @p col of @p row as a date: true when it holds one (YYYY-MM-DD);
 *  false for SQL NULL or anything else, with *out zeroed. */
bool db_column_date(const struct db_row *row, int col, struct date *out);

/**
 * Room for element @p n of an array of @p size-byte elements whose allocation holds *cap:
 * @p items itself while n < *cap, else the array grown (doubled; the old pointer is then no
 * longer valid).  NULL when out of memory, @p items left as it was.
 */
void *db_grow(void *items, size_t size, size_t n, size_t *cap);

/**
 * Steps @p st (bound by the caller) to the end, calling @p row on each row with @p ctx;
 * stops at the first result other than DB_OK (DB_NOMEM from a row that could not be kept).
 * Resets @p st.  Returns DB_OK, @p row's failure, or the step's error.
 */
enum db_rc db_load_rows(struct db *db, sqlite3_stmt *st,
			enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx);
struct db_params;
struct db_twin;
/** Runs @p q (or its twin), its parameters given by @p bind (NULL: none) from @p in, and
 *  calls @p row on each row with @p ctx, as db_load_rows does. */
enum db_rc db_load(struct db *db, const struct db_twin *q,
		   void (*bind)(struct db_params *p, const void *in), const void *in,
		   enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx);

#endif
