/*
 * Rows that C code hands out one at a time, read by SQL as the table-valued function
 * folja_rows(?1).  Private to src/db/.
 *
 * A bulk store is then one INSERT ... SELECT from folja_rows(?1): a single statement, whose
 * cursors on the target table and its indexes open once, where a prepared insert per row
 * opens them, binds and resets a million times.  The rows need no second copy in a table
 * either: they come from wherever the caller keeps them (a spool file, a sorted array).
 *
 * The function's columns are c0 .. c63, meaning whatever the source says; the statement
 * names them.  Its rowid is the row's place in the scan, from 1.  A source serves one scan
 * at a time; each scan starts with rewind().
 *
 * On PostgreSQL the same rows are sent by COPY into the temporary table folja_rows, whose
 * columns c0 .. are text (a twin casts them) and whose n numbers them from 1 as the rowid
 * does, and the statement's twin reads that table (rows_run).  A source writes each column through rows_int/rows_text/..., so it serves
 * either engine.
 */
#ifndef FOLJA_DB_ROWS_H
#define FOLJA_DB_ROWS_H

#include "sql.h"

#define ROWS_COLUMNS 64

/* Where a column's value goes: SQLite's result, or a field of a COPY line. */
struct rows_out;

void rows_int(struct rows_out *o, int64_t v);
/** NaN is SQL NULL. */
void rows_double(struct rows_out *o, double v);
/** A text that lasts until the next call of next() (NULL: SQL NULL). */
void rows_text(struct rows_out *o, const char *s);
/** A text of @p len bytes that the source may change before next(): copied. */
void rows_text_copy(struct rows_out *o, const char *s, size_t len);
void rows_null(struct rows_out *o);

struct rows {
	/** Back to before the first row: DB_OK or the failure. */
	enum db_rc (*rewind)(struct rows *r);
	/** To the next row: 1, 0 past the last, -1 on failure. */
	int (*next)(struct rows *r);
	/** Column @p col (0 .. ROWS_COLUMNS - 1) of the current row into @p out. */
	void (*column)(struct rows *r, struct rows_out *out, int col);
};

/** Binds source @p r (alive until the statement is reset) as parameter @p i, the argument
 *  of folja_rows(). */
void rows_bind(sqlite3_stmt *st, int i, struct rows *r);
/** Makes folja_rows() known to connection @p h; an SQLite result code. */
int rows_register(sqlite3 *h);

/**
 * Runs @p q, which reads the rows of @p r (@p ncols columns) as folja_rows(?1) on SQLite and
 * as the table folja_rows on PostgreSQL, its other parameters given by @p bind (NULL: none)
 * from @p in.
 */
enum db_rc rows_run(struct db *db, const struct db_twin *q, struct rows *r, int ncols,
		    void (*bind)(struct db_params *p, const void *in), const void *in);

#endif
