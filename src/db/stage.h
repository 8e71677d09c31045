/*
 * The staging database of the statistics import (statistics_import.c), which sorts its rows
 * with SQLite, and the count of staged rows the process keeps for every kind of import (the
 * budget import stages to a spool file instead: budget_spool.h).  Private to src/db/.
 *
 * An import arrives in pieces over many calls (include/folja/route.h, struct body_stream),
 * and between two pieces the worker thread's connection serves other requests.  So the rows
 * read so far cannot wait in an open transaction of the main database, nor in memory: they
 * go to a private temporary database attached to the connection (`stage`, a file SQLite
 * makes and deletes itself, never the main database's lock), each piece in a transaction of
 * its own on that database alone, committed before the piece's call returns.  At the end one
 * short transaction of the main database copies them over.
 *
 * Several uploads may be under way on one connection (clients served by the same worker
 * thread), so each upload owns a range of row ids: its number times 2^32 onwards, the
 * upload's number taken from one counter of the process.  A staging table's rowid is that
 * id, so an upload's rows lie together and in the order they arrived.
 */
#ifndef FOLJA_DB_STAGE_H
#define FOLJA_DB_STAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "folja/db.h"


/* One upload's place in a staging table. */
struct stage_upload {
	struct db *db;          /* borrowed: the connection it is staged on */
	int64_t first;          /* the id of its first row: its number times 2^32 */
	int64_t next;           /* the id its next row gets */
	int64_t committed;      /* rows committed to the staging table (counted by the process) */
	bool in_piece;          /* the transaction of a piece is open */
	int64_t sorted_lo;      /* statistics: the ids of the rows' sorted copy, lo..hi (lo 0: */
	int64_t sorted_hi;      /* none yet) */
};

/**
 * Starts an upload on @p db (this thread's connection, where all of the upload
 * must be staged): attaches the staging database to the connection the first time.  DB_OK, or
 * the failure (nothing to undo).
 */
enum db_rc stage_start(struct db *db, struct stage_upload *u);
/** Adds @p rows (negative: takes them away) to the rows the process counts as staged, for
 *  uploads staged elsewhere than in the staging database (budget_spool.h). */
void stage_count(int64_t rows);
/** Opens the piece's transaction when none is open. */
enum db_rc stage_piece_begin(struct stage_upload *u);
/** The id of the upload's next row, opening the piece's transaction when none is open.
 *  DB_INVALID when the upload has used up its 2^32 ids. */
enum db_rc stage_next_id(struct stage_upload *u, int64_t *id);
/** Commits the piece's transaction, if one is open.  On failure it is rolled back. */
enum db_rc stage_piece_end(struct stage_upload *u);
/** Deletes the upload's rows (in a transaction of the staging database alone).  Safe to call
 *  twice, and on an upload that never started (u->db NULL). */
void stage_drop(struct stage_upload *u);

#endif
