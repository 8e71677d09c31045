/*
 * Connections, the statement cache, transactions and migrations.
 *
 * SQLite is opened once per worker thread (a connection must not be used by two threads at
 * once, and one per thread needs no locking).  Every connection is recorded in a global list so
 * db_close_global() can close them after the server's threads have stopped.  The statement
 * cache is an open-addressing table keyed by the address of the SQL literal: looking a
 * statement up costs a hash of one pointer, and each query is prepared once per connection.
 *
 * Migrations are the embedded files sql/NNNN-name.sql, applied in order; PRAGMA user_version
 * records the last one applied, so a database is migrated exactly once per file, each file in
 * its own transaction.
 *
 * The file holds the registers and the token hashes, so a new database is created owner-only
 * (0600) before SQLite opens it; SQLite gives the -wal and -shm files the mode of the database
 * file, so they follow.  An existing file keeps the mode its owner gave it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folja/db.h"
#include "folja/embed.h"

#include "sql.h"

#define STMT_SLOTS 256          /* power of two, > the number of distinct queries */
#define BUSY_TIMEOUT_MS 10000   /* writers queue this long before a 503 */

struct db {
	sqlite3 *h;
	struct {
		const char *sql;        /* key: the literal's address */
		sqlite3_stmt *st;
	} cache[STMT_SLOTS];
	struct db *next;                /* in the global list */
};

static char *db_path;                   /* owned; set by db_open_global */
static struct db *all_dbs;              /* every open connection, guarded by list_lock */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct db *this_db;
static atomic_uint_fast64_t data_version = 1;
static atomic_uint_fast64_t error_count;

/* ==== connections ========================================================================= */

static int exec_script(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "folja: sql: %s\n", err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
	}
	return rc;
}

static struct db *db_connect(const char *path)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	int rc = sqlite3_open_v2(path, &db->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "folja: cannot open %s: %s\n", path, sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	/* synchronous=FULL: a 2xx means the commit reached the disk, even across power loss. */
	if (exec_script(db->h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			       "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;") != SQLITE_OK) {
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	pthread_mutex_lock(&list_lock);
	db->next = all_dbs;
	all_dbs = db;
	pthread_mutex_unlock(&list_lock);
	return db;
}

static void db_disconnect(struct db *db)
{
	for (size_t i = 0; i < STMT_SLOTS; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db);
}

struct db *db_thread(void)
{
	if (!this_db && db_path)
		this_db = db_connect(db_path);
	return this_db;
}

sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

void db_close_global(void)
{
	pthread_mutex_lock(&list_lock);
	struct db *db = all_dbs;
	all_dbs = NULL;
	pthread_mutex_unlock(&list_lock);
	while (db) {
		struct db *next = db->next;
		db_disconnect(db);
		db = next;
	}
	this_db = NULL;
	free(db_path);
	db_path = NULL;
}

/* ==== statements ========================================================================== */

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	size_t i = ((uintptr_t)sql >> 3) * 2654435761u & (STMT_SLOTS - 1);
	for (size_t n = 0; n < STMT_SLOTS; n++, i = (i + 1) & (STMT_SLOTS - 1)) {
		if (db->cache[i].sql == sql)
			return db->cache[i].st;
		if (!db->cache[i].sql) {
			sqlite3_stmt *st = NULL;
			int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
						    &st, NULL);
			if (rc != SQLITE_OK) {
				db_rc_from(db, rc);
				return NULL;
			}
			db->cache[i].sql = sql;
			db->cache[i].st = st;
			return st;
		}
	}
	fprintf(stderr, "folja: statement cache full\n");
	return NULL;
}

void db_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == DB_NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

enum db_rc db_rc_from(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return DB_OK;
	case SQLITE_CONSTRAINT:
		return DB_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		atomic_fetch_add(&error_count, 1);
		return DB_BUSY;
	default:
		atomic_fetch_add(&error_count, 1);
		fprintf(stderr, "folja: sqlite: %s (%s)\n", sqlite3_errstr(rc),
			db ? sqlite3_errmsg(db->h) : "");
		return DB_ERROR;
	}
}

enum db_rc db_json_one(struct db *db, sqlite3_stmt *st, json_t **out)
{
	enum db_rc result = DB_NOT_FOUND;
	*out = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		*out = text ? json_loadb(text, len, JSON_DECODE_ANY, NULL) : NULL;
		result = *out ? DB_OK : DB_ERROR;
	} else if (rc != SQLITE_DONE) {
		result = db_rc_from(db, rc);
	}
	db_done(st);
	return result;
}

enum db_rc db_json_all(struct db *db, sqlite3_stmt *st, json_t *arr)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		json_t *row = text ? json_loadb(text, len, JSON_DECODE_ANY, NULL) : NULL;
		if (!row) {
			db_done(st);
			return DB_ERROR;
		}
		json_array_append_new(arr, row);
	}
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}

enum db_rc db_int_one(struct db *db, sqlite3_stmt *st, int64_t *out)
{
	enum db_rc result = DB_NOT_FOUND;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		result = DB_OK;
	} else if (rc != SQLITE_DONE) {
		result = db_rc_from(db, rc);
	}
	db_done(st);
	return result;
}

enum db_rc db_exec_stmt(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_rc_from(db, rc);
}

enum db_rc db_list_page(struct db *db, const char *count_sql, const char *list_sql,
			void (*bind)(sqlite3_stmt *st, const void *filter), const void *filter,
			int nbind, int64_t limit, int64_t offset, json_t *items, int64_t *total)
{
	sqlite3_stmt *st = db_stmt(db, count_sql);
	if (!st)
		return DB_ERROR;
	bind(st, filter);
	enum db_rc rc = db_int_one(db, st, total);
	if (rc != DB_OK)
		return rc;
	if (!(st = db_stmt(db, list_sql)))
		return DB_ERROR;
	bind(st, filter);
	sqlite3_bind_int64(st, nbind + 1, limit);
	sqlite3_bind_int64(st, nbind + 2, offset);
	return db_json_all(db, st, items);
}

enum db_rc db_insert(struct db *db, const char *sql,
		     void (*bind)(sqlite3_stmt *st, const void *in), const void *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return DB_ERROR;
	bind(st, in);
	enum db_rc rc = db_exec_stmt(db, st);
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

enum db_rc db_check_version(struct db *db, const char *version_sql, int64_t id, int64_t version)
{
	sqlite3_stmt *st = db_stmt(db, version_sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int64_t have = 0;
	enum db_rc rc = db_int_one(db, st, &have);
	if (rc == DB_OK && version >= 0 && have != version)
		return DB_STALE;
	return rc;
}

enum db_rc db_write_versioned(struct db *db, const char *version_sql, const char *sql,
			      void (*bind)(sqlite3_stmt *st, const void *in), const void *in,
			      int64_t id, int64_t version)
{
	enum db_rc rc = db_check_version(db, version_sql, id, version);
	if (rc != DB_OK)
		return rc;
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return DB_ERROR;
	if (bind)
		bind(st, in);
	sqlite3_bind_int64(st, 1, id);
	return db_exec_stmt(db, st);
}

/* ==== transactions ======================================================================== */

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";

enum db_rc db_write(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_begin));
	if (rc != DB_OK)
		return rc;
	rc = fn(db, ctx);
	if (rc == DB_OK) {
		rc = db_exec_stmt(db, db_stmt(db, sql_commit));
		if (rc == DB_OK) {
			atomic_fetch_add(&data_version, 1);
			return DB_OK;
		}
	}
	if (!sqlite3_get_autocommit(db->h))
		db_exec_stmt(db, db_stmt(db, sql_rollback));
	return rc;
}

uint64_t db_data_version(void)
{
	return atomic_load(&data_version);
}

uint64_t db_error_count(void)
{
	return atomic_load(&error_count);
}

/* ==== migrations and demo ================================================================= */

/* The number of an embedded "sql/NNNN-name.sql", or 0 when @p name is not a migration. */
static int migration_number(const char *name)
{
	if (strncmp(name, "sql/", 4) != 0 || name[4] < '0' || name[4] > '9')
		return 0;
	return atoi(name + 4);
}

static int migrate(struct db *db)
{
	int64_t have = 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);

	/* Apply in number order whatever the listing order, each in its own transaction.  The
	 * numbers run without gaps: a gap would let a database skip a migration for good. */
	for (;;) {
		const struct folja_embedded *f = NULL;
		int want = (int)have + 1;
		bool later = false;
		for (const struct folja_embedded *e = folja_embedded_files; e->name; e++) {
			int n = migration_number(e->name);
			if (n == want)
				f = e;
			later |= n > want;
		}
		if (!f && later) {
			fprintf(stderr, "folja: migration %d is missing\n", want);
			return -1;
		}
		if (!f)
			return 0;
		have = want;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", want);
		if (exec_script(db->h, "BEGIN IMMEDIATE") != SQLITE_OK)
			return -1;
		if (exec_script(db->h, f->data) != SQLITE_OK ||
		    exec_script(db->h, pragma) != SQLITE_OK) {
			fprintf(stderr, "folja: migration %s failed\n", f->name);
			exec_script(db->h, "ROLLBACK");
			return -1;
		}
		if (exec_script(db->h, "COMMIT") != SQLITE_OK)
			return -1;
	}
}

/* Creates @p path empty with mode 0600 unless it exists (O_EXCL: a file made meanwhile by
 * another process is left alone).  0, or -1 with the reason logged. */
static int create_owner_only(const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0 && close(fd) == 0)
		return 0;
	if (fd < 0 && errno == EEXIST)
		return 0;
	fprintf(stderr, "folja: cannot create %s: %s\n", path, strerror(errno));
	return -1;
}

int db_open_global(const char *path)
{
	/* Memory statistics take a global mutex on every allocation, which serialises the worker
	 * threads; Följa never reads them.  Only possible before SQLite initialises; harmless after. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (create_owner_only(path) != 0)
		return -1;
	free(db_path);
	db_path = strdup(path);
	if (!db_path)
		return -1;
	struct db *db = db_thread();
	if (!db)
		return -1;
	return migrate(db);
}

static const char sql_ping[] = "SELECT 1";

enum db_rc db_ping(struct db *db)
{
	int64_t one = 0;
	return db_int_one(db, db_stmt(db, sql_ping), &one);
}

static const char sql_units_any[] = "SELECT count(*) FROM units";

int db_load_demo(struct db *db)
{
	int64_t n = 0;
	if (db_int_one(db, db_stmt(db, sql_units_any), &n) != DB_OK)
		return -1;
	if (n > 0)
		return 0;
	if (exec_script(db->h, "BEGIN IMMEDIATE") != SQLITE_OK)
		return -1;
	/* The demo scripts are applied in the order sql/meson.build lists them. */
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++) {
		if (strncmp(e->name, "sql/demo/", 9) != 0)
			continue;
		if (exec_script(db->h, e->data) != SQLITE_OK) {
			fprintf(stderr, "folja: demo script %s failed\n", e->name);
			exec_script(db->h, "ROLLBACK");
			return -1;
		}
	}
	if (exec_script(db->h, "COMMIT") != SQLITE_OK)
		return -1;
	atomic_fetch_add(&data_version, 1);
	return 1;
}
