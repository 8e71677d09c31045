/*
 * Checkpoints off the request path.
 *
 * In WAL mode SQLite copies the log back into the database file (a checkpoint), by default at
 * the end of whichever commit takes the log past 1000 pages: that request then pays for
 * copying and syncing every page the log holds before its reply goes, and after a
 * million-line import that is over 100 MB.  While a server runs, its worker connections leave
 * this to one thread of its own: a commit that takes the log past the mark only wakes the
 * thread (a WAL hook, which replaces SQLite's automatic checkpoint on that connection), and the
 * thread checkpoints on a connection of its own.  PASSIVE: it never waits for a reader or the
 * writer, and copies what no reader still needs; the next commit past the mark wakes it again.
 * Other processes (the CLI) keep SQLite's default.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "folja/db.h"

#include "sql.h"

#define CHECKPOINT_PAGES 1000   /* SQLite's own mark */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static sqlite3 *conn;             /* the thread's own; NULL: no checkpointer runs */
static bool pending, stopping;    /* guarded by lock */
static atomic_bool running;       /* new connections hand checkpoints to the thread */
static atomic_uint_fast64_t done; /* checkpoints run */

static void *checkpointer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!pending && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (stopping)
			break;
		pending = false;
		pthread_mutex_unlock(&lock);
		int rc = sqlite3_wal_checkpoint_v2(conn, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc == SQLITE_OK)
			atomic_fetch_add(&done, 1);
		else if (rc != SQLITE_BUSY)
			fprintf(stderr, "folja: checkpoint: %s\n", sqlite3_errstr(rc));
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The WAL hook of a worker connection: called after each of its commits.  A connection that
 * outlives the thread (a server stopped, the process going on) checkpoints for itself again,
 * as SQLite's own hook would. */
static int committed(void *ctx, sqlite3 *h, const char *name, int pages)
{
	(void)ctx;
	if (pages < CHECKPOINT_PAGES)
		return SQLITE_OK;
	if (!atomic_load(&running)) {
		sqlite3_wal_checkpoint(h, name);
		return SQLITE_OK;
	}
	pthread_mutex_lock(&lock);
	pending = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	return SQLITE_OK;
}

void checkpoint_attach(sqlite3 *h)
{
	if (atomic_load(&running))
		sqlite3_wal_hook(h, committed, NULL);
}

enum db_rc db_checkpointer_start(void)
{
	const char *path = db_file_path();
	if (conn)
		return DB_OK;
	if (!path)
		return DB_ERROR;
	if (db_is_postgres(path))
		return DB_OK;   /* PostgreSQL checkpoints itself */
	/* the connection learns the file is in WAL mode by reading it once */
	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK || sqlite3_exec(conn, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "folja: checkpoints: %s\n", sqlite3_errmsg(conn));
		sqlite3_close(conn);
		conn = NULL;
		return DB_ERROR;
	}
	stopping = pending = false;
	if (pthread_create(&thread, NULL, checkpointer, NULL) != 0) {
		sqlite3_close(conn);
		conn = NULL;
		return DB_ERROR;
	}
	atomic_store(&running, true);
	return DB_OK;
}

void db_checkpointer_stop(void)
{
	if (!conn)
		return;
	atomic_store(&running, false);
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	sqlite3_close(conn);
	conn = NULL;
}

uint64_t db_checkpoint_count(void)
{
	return atomic_load(&done);
}
