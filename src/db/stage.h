/*
 * What imports have staged, counted over the process.  Private to src/db/.
 *
 * An import arrives in pieces over many calls (include/folja/route.h, struct body_stream),
 * and between two pieces the worker thread's connection serves other requests.  So the rows
 * read so far cannot wait in an open transaction of the main database, nor in memory: each
 * upload spools them to files of its own (spool.h; budget_spool.h, statistics_import.c) and
 * stores them in one short transaction at its end.  The process counts the rows spooled by
 * uploads under way (db_stage_rows(), in folja/db_import.h), which the tests use to see that
 * every way an upload ends drops what it staged.
 */
#ifndef FOLJA_DB_STAGE_H
#define FOLJA_DB_STAGE_H

#include <stdint.h>

/** Adds @p rows (negative: takes them away) to the rows the process counts as staged. */
void stage_count(int64_t rows);

#endif
