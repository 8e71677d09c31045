/*
 * Whether anything was committed, asked of the WAL-index without a transaction.  Private to
 * src/db/.
 *
 * Every GET checks the data and token versions (db_versions()) that any process's commit
 * moves.  Asked of the database, that is a read transaction, and beginning one takes the
 * mutex of the WAL-index that all of the process's connections share: under load the
 * workers queue on it (1.5 futex calls a request on a memoised read).  But every commit, by
 * any process, publishes itself by rewriting the WAL-index header (the file format's
 * "wal-index header", https://www.sqlite.org/walformat.html: a change counter, the last valid
 * frame, salts and checksums).  So a connection that notes the header when it reads the
 * versions may trust them, with no transaction, for as long as the header reads the same.
 *
 * The header is read from SQLite's own mapping of the shared memory, which the VFS hands out
 * (xShmMap), so no second descriptor of the -shm file is opened (closing one would drop the
 * process's POSIX locks on it).  Where there is no such mapping (not in WAL mode, or a VFS
 * without shared memory) the versions are read as before.
 */
#ifndef FOLJA_DB_WAL_WATCH_H
#define FOLJA_DB_WAL_WATCH_H

#include <sqlite3.h>
#include <stdbool.h>

#define WAL_HEADER_BYTES 48

/** SQLite's mapping of the WAL-index of connection @p h's main database, once the
 *  connection has read in WAL mode; NULL when there is none.  Valid while @p h is open. */
const volatile unsigned char *wal_index_of(sqlite3 *h);

/** Copies the header of WAL-index @p index into @p out.  False when it cannot be trusted
 *  this instant: not initialised, or its two copies differ (a commit is publishing itself,
 *  as SQLite's own readers would find). */
bool wal_header(const volatile unsigned char *index, unsigned char out[WAL_HEADER_BYTES]);

#endif
