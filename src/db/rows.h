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
 */
#ifndef FOLJA_DB_ROWS_H
#define FOLJA_DB_ROWS_H

#include "sql.h"

#define ROWS_COLUMNS 64

struct rows {
	/** Back to before the first row: DB_OK or the failure. */
	enum db_rc (*rewind)(struct rows *r);
	/** To the next row: 1, 0 past the last, -1 on failure. */
	int (*next)(struct rows *r);
	/** Column @p col (0 .. ROWS_COLUMNS - 1) of the current row as the result of @p ctx;
	 *  texts must last until the next call of next(). */
	void (*column)(struct rows *r, sqlite3_context *ctx, int col);
};

/** Binds source @p r (alive until the statement is reset) as parameter @p i, the argument
 *  of folja_rows(). */
void rows_bind(sqlite3_stmt *st, int i, struct rows *r);
/** Makes folja_rows() known to connection @p h; an SQLite result code. */
int rows_register(sqlite3 *h);

#endif
