/*
 * Connections, the statement cache, transactions and the versions caches check.
 *
 * SQLite is opened once per worker thread (a connection must not be used by two threads at
 * once, and one per thread needs no locking).  Every connection is recorded in a global list so
 * db_close_global() can close them after the server's threads have stopped.  The statement
 * cache is an open-addressing table keyed by the address of the SQL literal: looking a
 * statement up costs a hash of one pointer, and each query is prepared once per connection.
 *
 * Every committed write bumps a counter in the database's `versions` row in its own
 * transaction (sql/0006-versions-and-tokens.sql), so a change made by another process is seen
 * too: a connection asks PRAGMA data_version, which changes when any other connection has
 * committed, and reads the row again only then.  Opening, migrating and checking the file
 * are in src/db/open.c.
 *
 * A PostgreSQL URL gives each thread a libpq connection instead (db->pg, db->h NULL); a query
 * file runs its statement's PostgreSQL twin on it, and db_stmt() refuses, with a line in the
 * log, a statement that has none yet.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db.h"
#include "folja/period.h"

#include "pg.h"
#include "rows.h"
#include "sql.h"
#include "wal_watch.h"

#define STMT_SLOTS 512          /* power of two, > the number of distinct queries */
#define BUSY_TIMEOUT_MS 10000   /* writers queue this long before a 503 */

struct db {
	sqlite3 *h;                     /* SQLite's connection, or NULL on PostgreSQL */
	PGconn *pg;                     /* PostgreSQL's, or NULL on SQLite */
	struct {
		const char *sql;        /* key: the literal's address */
		sqlite3_stmt *st;
	} cache[STMT_SLOTS];
	int64_t seen_data_version;      /* PRAGMA data_version when `versions` was read */
	bool versions_known;            /* false: read the row at the next db_versions() */
	struct db_versions versions;
	bool wal;                       /* in WAL mode: its WAL-index may be watched */
	const volatile unsigned char *wal_index;   /* SQLite's mapping (wal_watch.h); NULL: none */
	bool wal_known;                 /* wal_seen is the header when `versions` was read */
	unsigned char wal_seen[WAL_HEADER_BYTES];
	const void *snapshot_owner;     /* the request whose read snapshot is open; NULL: none */
	struct db *next;                /* in the global list */
};

static char *db_path;                   /* owned; set by db_open_path */
static struct db *all_dbs;              /* every open connection, guarded by list_lock */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct db *this_db;
static _Thread_local bool unported;     /* db_stmt refused a query with no PostgreSQL twin */
static atomic_uint_fast64_t error_count;

int db_exec_script(struct db *db, const char *sql, char *why, size_t cap)
{
	char *err = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK && why)
		snprintf(why, cap, "%s", err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	return rc == SQLITE_OK ? 0 : -1;
}

/* ==== the request's scope ================================================================= */

/* The units the request on this thread may see (a scoped token's subtree, ascending), or
 * none set: the whole database.  Borrowed from the request between db_scope_set() and
 * db_scope_clear(). */
static _Thread_local const int64_t *scope_ids;
static _Thread_local size_t scope_n;
static _Thread_local bool scoped;

void db_scope_set(const int64_t *ids, size_t n)
{
	scope_ids = ids;
	scope_n = n;
	scoped = true;
}

void db_scope_clear(void)
{
	scope_ids = NULL;
	scope_n = 0;
	scoped = false;
}

enum db_rc db_scope_array(char **out)
{
	*out = NULL;
	if (!scoped)
		return DB_OK;
	size_t cap = 3 + scope_n * 21, len = 0;   /* "{" ids "," "}" NUL; 20 digits an id */
	char *text = malloc(cap);
	if (!text)
		return DB_NOMEM;
	text[len++] = '{';
	for (size_t i = 0; i < scope_n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s%lld", i ? "," : "",
					(long long)scope_ids[i]);
	snprintf(text + len, cap - len, "}");
	*out = text;
	return DB_OK;
}

bool db_in_scope(int64_t unit_id)
{
	size_t lo = 0, hi = scope_n;
	if (!scoped)
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (scope_ids[mid] == unit_id)
			return true;
		if (scope_ids[mid] < unit_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* SQL in_scope(unit_id): 1 when the request may see the unit (always, unscoped), 0 for a
 * unit outside its scope and, for a scoped request, for NULL (a record of no unit). */
static void sql_in_scope(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	bool null = sqlite3_value_type(argv[0]) == SQLITE_NULL;
	sqlite3_result_int(ctx, !scoped || (!null && db_in_scope(sqlite3_value_int64(argv[0]))));
}

/* SQL period_text(year, kind, month_to): the canonical text of the period of that kind (enum
 * period_kind) in that year ending in that month, as a statistic fact keeps its period;
 * NULL when no such period exists. */
static void sql_period_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	int64_t year = sqlite3_value_int64(argv[0]), kind = sqlite3_value_int64(argv[1]);
	int64_t to = sqlite3_value_int64(argv[2]);
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX || kind < PERIOD_YEAR ||
	    kind > PERIOD_HALF || to < 1 || to > 12)
		return;   /* NULL */
	struct period p = period_containing((enum period_kind)kind,
					    (struct date){(int)year, (int)to, 1});
	if (period_last_month(p) != to)
		return;
	char text[PERIOD_BUF];
	period_format(p, text);
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

/* ==== connections ========================================================================= */

static const char sql_journal_mode[] = "PRAGMA journal_mode";

/* Whether connection @p db's main database is in WAL mode (an in-memory one is not). */
static bool journal_is_wal(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, sql_journal_mode);
	bool wal = st && sqlite3_step(st) == SQLITE_ROW &&
		   sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	db_done(st);
	return wal;
}

/* Records @p db in the list db_close_global() closes. */
static struct db *db_listed(struct db *db)
{
	pthread_mutex_lock(&list_lock);
	db->next = all_dbs;
	all_dbs = db;
	pthread_mutex_unlock(&list_lock);
	return db;
}

/* Opens a connection to @p path (a file, or a PostgreSQL URL); NULL with the reason in @p why. */
static struct db *db_connect(const char *path, char *why, size_t cap)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(why, cap, "out of memory");
		return NULL;
	}
	if (db_is_postgres(path)) {
		char pg_why[PG_WHY];
		if ((db->pg = pg_connect(path, pg_why)) != NULL)
			return db_listed(db);
		snprintf(why, cap, "%s", pg_why);
		free(db);
		return NULL;
	}
	int rc = sqlite3_open_v2(path, &db->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "in_scope", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
					     NULL, sql_in_scope, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "period_text", 3,
					     SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
					     NULL, sql_period_text, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = rows_register(db->h);
	if (rc == SQLITE_OK)
		checkpoint_attach(db->h);
	if (rc != SQLITE_OK)
		snprintf(why, cap, "%s", sqlite3_errstr(rc));
	/* synchronous=FULL: a 2xx means the commit reached the disk, even across power loss. */
	if (rc != SQLITE_OK ||
	    db_exec_script(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			   "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", why, cap) != 0) {
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	db->wal = journal_is_wal(db);
	return db_listed(db);
}

static void db_disconnect(struct db *db)
{
	for (size_t i = 0; i < STMT_SLOTS; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	PQfinish(db->pg);
	free(db);
}

struct db *db_thread(void)
{
	char why[256];
	if (!this_db && db_path && !(this_db = db_connect(db_path, why, sizeof why)))
		fprintf(stderr, "folja: cannot open %s: %s\n", db_is_postgres(db_path) ?
			"the PostgreSQL database" : db_path, why);   /* a URL may hold a password */
	return this_db;
}

struct db *db_open_path(const char *path, char *why, size_t cap)
{
	free(db_path);
	db_path = strdup(path);
	if (!db_path) {
		snprintf(why, cap, "out of memory");
		return NULL;
	}
	if (!this_db)
		this_db = db_connect(db_path, why, cap);
	return this_db;
}

sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

PGconn *db_pg(struct db *db)
{
	return db->pg;
}

const char *db_file_path(void)
{
	return db_path;
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
	if (!db->h) {
		unported = true;
		atomic_fetch_add(&error_count, 1);
		fprintf(stderr, "folja: this query has no PostgreSQL twin yet: %.60s\n", sql);
		return NULL;
	}
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

const char *db_rc_name(enum db_rc rc)
{
	static const char *const names[] = {
		[DB_OK] = "ok", [DB_NOT_FOUND] = "not_found", [DB_CONFLICT] = "conflict",
		[DB_STALE] = "stale", [DB_INVALID] = "invalid", [DB_BUSY] = "busy",
		[DB_FULL] = "full", [DB_READONLY] = "read_only", [DB_CORRUPT] = "corrupt",
		[DB_IO] = "io", [DB_NOMEM] = "out_of_memory",
		[DB_ERROR] = "error",
	};
	return (unsigned)rc < sizeof names / sizeof names[0] ? names[rc] : "error";
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
	case SQLITE_FULL:
		atomic_fetch_add(&error_count, 1);
		return DB_FULL;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		atomic_fetch_add(&error_count, 1);
		return DB_READONLY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		atomic_fetch_add(&error_count, 1);
		fprintf(stderr, "folja: sqlite: %s (%s)\n", sqlite3_errstr(rc),
			db ? sqlite3_errmsg(db->h) : "");
		return DB_CORRUPT;
	case SQLITE_IOERR:
		atomic_fetch_add(&error_count, 1);
		fprintf(stderr, "folja: sqlite: %s (%s)\n", sqlite3_errstr(rc),
			db ? sqlite3_errmsg(db->h) : "");
		/* ENOSPC while writing the WAL, growing it or syncing surfaces as a write error;
		 * a read that fails is a disk that cannot be trusted */
		return rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC ||
		       rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_SHMSIZE ||
		       rc == SQLITE_IOERR_DIR_FSYNC ? DB_FULL : DB_IO;
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

void db_now(char out[DB_NOW_TEXT])
{
	time_t t = time(NULL);
	struct tm tm;
	strftime(out, DB_NOW_TEXT, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

static const char sql_checks_off[] = "PRAGMA ignore_check_constraints=1";
static const char sql_checks_on[] = "PRAGMA ignore_check_constraints=0";

const char *db_twin_pg(const struct db_twin *q)
{
	if (q->pg)
		return q->pg;
	unported = true;
	atomic_fetch_add(&error_count, 1);
	fprintf(stderr, "folja: this query has no PostgreSQL twin yet: %.60s\n", q->sql);
	return NULL;
}

/* During a bulk copy the connection's page cache is 16 MiB instead of SQLite's 2 MB (the size
 * db_connect() leaves it at): a million rows dirty far more pages than either holds, and
 * SQLite then writes pages to the WAL before the commit to make room; with the small cache
 * the pages of an index that every row touches are among them, written and read back again
 * and again.  A larger cache bought nothing more in our measurements (bench/budget_load.py),
 * and memory stays bounded. */
static const char sql_cache_copy[] = "PRAGMA cache_size=-16384";
static const char sql_cache_back[] = "PRAGMA cache_size=-2000";   /* SQLite's default */

enum db_rc db_exec_unchecked(struct db *db, const char *sql,
			     void (*bind)(struct db_params *p, const void *in), const void *in)
{
	if (db->pg) {
		db_twin_pg(LITE(sql));   /* SQLite's bulk path: refused on PostgreSQL */
		return DB_ERROR;
	}
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_checks_off));
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_cache_copy));
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql) : NULL;
	if (st) {
		bind(&(struct db_params){.st = st}, in);
		rc = db_exec_stmt(db, st);
	} else if (rc == DB_OK) {
		rc = DB_ERROR;
	}
	enum db_rc back = db_exec_stmt(db, db_stmt(db, sql_checks_on));
	enum db_rc cache = db_exec_stmt(db, db_stmt(db, sql_cache_back));
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
	return rc != DB_OK ? rc : back != DB_OK ? back : cache;
}

/* ==== statements with twins ============================================================== */

void db_param_text(struct db_params *p, int i, const char *s)
{
	if (p->st) {
		db_bind_text(p->st, i, s);
	} else if (i >= 1 && i <= DB_MAX_PARAMS) {
		p->v[i - 1] = s;
		p->type[i - 1] = 0;
		p->n = i > p->n ? i : p->n;
	}
}

void db_param_int(struct db_params *p, int i, int64_t v)
{
	if (p->st) {
		db_bind_int(p->st, i, v);
	} else if (i >= 1 && i <= DB_MAX_PARAMS) {
		snprintf(p->num[i - 1], sizeof p->num[i - 1], "%lld", (long long)v);
		p->v[i - 1] = v == DB_NULL ? NULL : p->num[i - 1];
		p->type[i - 1] = PG_INT8_OID;
		p->n = i > p->n ? i : p->n;
	}
}

void db_param_double(struct db_params *p, int i, double v)
{
	if (p->st) {
		if (isnan(v))
			sqlite3_bind_null(p->st, i);
		else
			sqlite3_bind_double(p->st, i, v);
	} else if (i >= 1 && i <= DB_MAX_PARAMS) {
		snprintf(p->num[i - 1], sizeof p->num[i - 1], "%.17g", v);
		p->v[i - 1] = isnan(v) ? NULL : p->num[i - 1];
		p->type[i - 1] = PG_FLOAT8_OID;
		p->n = i > p->n ? i : p->n;
	}
}


/* The integer in the first column of @p res's first row into *out; DB_NOT_FOUND for no row.
 * Clears @p res; NULL (a failure) returns @p rc. */
static enum db_rc pg_first_int(PGresult *res, enum db_rc rc, int64_t *out)
{
	if (res && PQntuples(res) == 0)
		rc = DB_NOT_FOUND;
	else if (res)
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* Runs @p q's twin with the parameters @p bind (may be NULL) gives from @p in: the result, or
 * NULL with *rc. */
static PGresult *pg_twin(struct db *db, const struct db_twin *q,
			 void (*bind)(struct db_params *p, const void *in), const void *in,
			 enum db_rc *rc)
{
	struct db_params p = {0};
	const char *sql = db_twin_pg(q);
	*rc = DB_ERROR;
	if (!sql)
		return NULL;
	if (bind)
		bind(&p, in);
	return pg_typed(db->pg, sql, p.n, p.v, p.type, rc);
}

/* @p q's statement with the parameters @p bind (may be NULL) gives from @p in, or NULL. */
static sqlite3_stmt *lite_stmt(struct db *db, const struct db_twin *q,
			       void (*bind)(struct db_params *p, const void *in), const void *in)
{
	sqlite3_stmt *st = db_stmt(db, q->sql);
	if (st && bind)
		bind(&(struct db_params){.st = st}, in);
	return st;
}

enum db_rc db_run(struct db *db, const struct db_twin *q,
		  void (*bind)(struct db_params *p, const void *in), const void *in,
		  int64_t *changed)
{
	enum db_rc rc;
	if (db->pg) {
		PGresult *res = pg_twin(db, q, bind, in, &rc);
		if (res && changed)
			*changed = strtoll(PQcmdTuples(res), NULL, 10);
		PQclear(res);
		return rc;
	}
	sqlite3_stmt *st = lite_stmt(db, q, bind, in);
	if (!st)
		return DB_ERROR;
	rc = db_exec_stmt(db, st);
	if (rc == DB_OK && changed)
		*changed = sqlite3_changes(db->h);
	return rc;
}

enum db_rc db_one_json(struct db *db, const struct db_twin *q,
		       void (*bind)(struct db_params *p, const void *in), const void *in,
		       json_t **out)
{
	enum db_rc rc;
	if (db->pg) {
		PGresult *res = pg_twin(db, q, bind, in, &rc);
		if (res && PQntuples(res) == 0)
			rc = DB_NOT_FOUND;
		else if (res && !(*out = json_loads(PQgetvalue(res, 0, 0), JSON_DECODE_ANY, NULL)))
			rc = DB_NOMEM;
		PQclear(res);
		return rc;
	}
	sqlite3_stmt *st = lite_stmt(db, q, bind, in);
	return st ? db_json_one(db, st, out) : DB_ERROR;
}

enum db_rc db_all_json(struct db *db, const struct db_twin *q,
		       void (*bind)(struct db_params *p, const void *in), const void *in,
		       json_t *items)
{
	enum db_rc rc;
	if (db->pg) {
		PGresult *res = pg_twin(db, q, bind, in, &rc);
		return pg_json_rows(res, rc, items);
	}
	sqlite3_stmt *st = lite_stmt(db, q, bind, in);
	return st ? db_json_all(db, st, items) : DB_ERROR;
}

enum db_rc db_one_int(struct db *db, const struct db_twin *q,
		      void (*bind)(struct db_params *p, const void *in), const void *in,
		      int64_t *out)
{
	enum db_rc rc;
	if (db->pg) {
		PGresult *res = pg_twin(db, q, bind, in, &rc);
		return pg_first_int(res, rc, out);
	}
	sqlite3_stmt *st = lite_stmt(db, q, bind, in);
	return st ? db_int_one(db, st, out) : DB_ERROR;
}

void db_bind_id(struct db_params *p, const void *in)
{
	db_param_int(p, 1, *(const int64_t *)in);
}

enum db_rc db_get_json(struct db *db, const struct db_twin *q, int64_t id, json_t **out)
{
	return db_one_json(db, q, db_bind_id, &id, out);
}

enum db_rc db_list_page(struct db *db, const struct db_twin *count, const struct db_twin *list,
			void (*bind)(struct db_params *p, const void *filter), const void *filter,
			int nbind, int64_t limit, int64_t offset, json_t *items, int64_t *total)
{
	if (db->pg) {
		struct db_params p = {0};
		enum db_rc rc;
		if (!db_twin_pg(count) || !db_twin_pg(list))
			return DB_ERROR;
		bind(&p, filter);
		PGresult *res = pg_typed(db->pg, count->pg, nbind, p.v, p.type, &rc);
		if ((rc = pg_first_int(res, rc, total)) != DB_OK)
			return rc;
		db_param_int(&p, nbind + 1, limit);
		db_param_int(&p, nbind + 2, offset);
		res = pg_typed(db->pg, list->pg, nbind + 2, p.v, p.type, &rc);
		return pg_json_rows(res, rc, items);
	}
	sqlite3_stmt *st = db_stmt(db, count->sql);
	if (!st)
		return DB_ERROR;
	bind(&(struct db_params){.st = st}, filter);
	enum db_rc rc = db_int_one(db, st, total);
	if (rc != DB_OK)
		return rc;
	if (!(st = db_stmt(db, list->sql)))
		return DB_ERROR;
	bind(&(struct db_params){.st = st}, filter);
	sqlite3_bind_int64(st, nbind + 1, limit);
	sqlite3_bind_int64(st, nbind + 2, offset);
	return db_json_all(db, st, items);
}

/* A filter's parameters and the request's scope after them. */
struct scoped {
	void (*bind)(struct db_params *p, const void *filter);
	const void *filter;
	const char *scope;
	int at;
};

static void bind_scoped(struct db_params *p, const void *in)
{
	const struct scoped *s = in;
	s->bind(p, s->filter);
	db_param_text(p, s->at, s->scope);
}

enum db_rc db_list_page_scoped(struct db *db, const struct db_twin *count,
			       const struct db_twin *list,
			       void (*bind)(struct db_params *p, const void *filter),
			       const void *filter, int nbind, int64_t limit, int64_t offset,
			       json_t *items, int64_t *total)
{
	if (!db->pg)
		return db_list_page(db, count, list, bind, filter, nbind, limit, offset, items,
				    total);
	char *scope;
	enum db_rc rc = db_scope_array(&scope);
	if (rc == DB_OK)
		rc = db_list_page(db, count, list, bind_scoped,
				  &(struct scoped){bind, filter, scope, nbind + 1}, nbind + 1,
				  limit, offset, items, total);
	free(scope);
	return rc;
}

enum db_rc db_insert(struct db *db, const struct db_twin *q,
		     void (*bind)(struct db_params *p, const void *in), const void *in, int64_t *id)
{
	if (db->pg)
		return db_one_int(db, q, bind, in, id);   /* the twin ends RETURNING id */
	enum db_rc rc = db_run(db, q, bind, in, NULL);
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

enum db_rc db_check_version(struct db *db, const struct db_twin *q, int64_t id, int64_t version)
{
	int64_t have = 0;
	enum db_rc rc = db_one_int(db, q, db_bind_id, &id, &have);
	if (rc == DB_OK && version >= 0 && have != version)
		return DB_STALE;
	return rc;
}

/* The parameters of a versioned write: @p bind's from @p in (none when NULL), and the row's
 * id as ?1. */
struct versioned {
	void (*bind)(struct db_params *p, const void *in);
	const void *in;
	int64_t id;
};

static void bind_versioned(struct db_params *p, const void *in)
{
	const struct versioned *w = in;
	if (w->bind)
		w->bind(p, w->in);
	db_param_int(p, 1, w->id);
}

enum db_rc db_write_versioned(struct db *db, const struct db_twin *version_q,
			      const struct db_twin *q,
			      void (*bind)(struct db_params *p, const void *in), const void *in,
			      int64_t id, int64_t version)
{
	enum db_rc rc = db_check_version(db, version_q, id, version);
	return rc != DB_OK ? rc : db_run(db, q, bind_versioned, &(struct versioned){bind, in, id},
					 NULL);
}

/* ==== transactions ======================================================================== */

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";
static const char sql_bump_data[] = "UPDATE versions SET data = data + 1";
static const char sql_bump_tokens[] = "UPDATE versions SET tokens = tokens + 1";

/* Whether a transaction is open on @p db. */
static bool in_tx(struct db *db)
{
	if (db->pg)
		return PQtransactionStatus(db->pg) != PQTRANS_IDLE;
	return !sqlite3_get_autocommit(db->h);
}

/* The lock a PostgreSQL write takes first: the versions row's. */
static const char pg_lock_versions[] = "SELECT 1 FROM versions FOR UPDATE";

/*
 * The same on PostgreSQL: the `versions` row is locked first, which queues every writer behind
 * the one before it until that one commits, as BEGIN IMMEDIATE queues them on SQLite; each
 * statement of @p fn then reads what the writers before it committed, and @p bump comes after
 * it, as on SQLite, so what @p fn reads of the versions is what SQLite's would read.
 */
static enum db_rc pg_write_tx(struct db *db, const char *bump,
			      enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	enum db_rc rc = pg_run(db->pg, "BEGIN");
	if (rc == DB_OK)
		rc = pg_run(db->pg, pg_lock_versions);
	if (rc == DB_OK)
		rc = fn(db, ctx);
	if (rc == DB_OK)
		rc = pg_run(db->pg, bump);
	if (rc == DB_OK)
		rc = pg_run(db->pg, sql_commit);
	if (rc != DB_OK && in_tx(db))
		pg_run(db->pg, sql_rollback);
	return rc;
}

/* Runs @p fn inside BEGIN IMMEDIATE, then @p bump (the counter the change moves), then
 * COMMIT; rolls back on any failure. */
static enum db_rc write_tx(struct db *db, const char *bump,
			   enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	if (db->snapshot_owner && db == this_db)
		db_snapshot_end();   /* a write reads the state it changes, not the snapshot */
	unported = false;
	if (db->pg)
		return pg_write_tx(db, bump, fn, ctx);
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_begin));
	if (rc != DB_OK)
		return rc;
	rc = fn(db, ctx);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, bump));
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_commit));
	/* this connection's own commit does not move its PRAGMA data_version */
	db->versions_known = false;
	if (rc == DB_OK)
		return DB_OK;
	if (!sqlite3_get_autocommit(db->h))
		db_exec_stmt(db, db_stmt(db, sql_rollback));
	return rc;
}

enum db_rc db_write(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	return write_tx(db, sql_bump_data, fn, ctx);
}

/* Outside a transaction only: inside one SQLite ignores the pragma, and a write is then
 * checked row by row as ever. */
static const char sql_fk_off[] = "PRAGMA foreign_keys=OFF";
static const char sql_fk_on[] = "PRAGMA foreign_keys=ON";

enum db_rc db_write_bulk(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	if (db->pg)   /* PostgreSQL checks every reference, each at its row */
		return write_tx(db, sql_bump_data, fn, ctx);
	if (db->snapshot_owner && db == this_db)
		db_snapshot_end();   /* the pragma waits for no transaction */
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_fk_off));
	if (rc == DB_OK)
		rc = write_tx(db, sql_bump_data, fn, ctx);
	enum db_rc on = db_exec_stmt(db, db_stmt(db, sql_fk_on));
	return rc != DB_OK ? rc : on;
}

static const char sql_begin_read[] = "BEGIN";
/* PostgreSQL's snapshot for a read: one for the whole transaction, as a SQLite read
 * transaction has. */
static const char pg_begin_read[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

static enum db_rc begin_read(struct db *db)
{
	return db->pg ? pg_run(db->pg, pg_begin_read) :
			db_exec_stmt(db, db_stmt(db, sql_begin_read));
}

/* Ends the read transaction open on @p db: nothing was written, so ending it cannot fail in a
 * way that matters. */
static void end_read(struct db *db)
{
	if (!in_tx(db))
		return;
	if (db->pg)
		pg_run(db->pg, sql_commit);
	else
		db_exec_stmt(db, db_stmt(db, sql_commit));
}

enum db_rc db_read(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	if (in_tx(db))
		return fn(db, ctx);
	enum db_rc rc = begin_read(db);
	if (rc != DB_OK)
		return rc;
	rc = fn(db, ctx);
	end_read(db);
	return rc;
}

const void *db_snapshot_owner(void)
{
	return this_db ? this_db->snapshot_owner : NULL;
}

void db_snapshot_begin(const void *owner)
{
	unported = false;   /* a request starts: nothing refused yet */
	if (!this_db || this_db->snapshot_owner || in_tx(this_db))
		return;
	if (begin_read(this_db) == DB_OK)
		this_db->snapshot_owner = owner;
}

void db_snapshot_end(void)
{
	if (!this_db || !this_db->snapshot_owner)
		return;
	this_db->snapshot_owner = NULL;
	end_read(this_db);
}

enum db_rc db_write_tokens(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx)
{
	return write_tx(db, sql_bump_tokens, fn, ctx);
}

static const char sql_data_version[] = "PRAGMA data_version";
static const char sql_versions[] = "SELECT data, tokens FROM versions WHERE id = 1";

/* Whether @p db may watch its WAL-index now, with the header in @p hdr: outside any
 * transaction only, since one open at an older snapshot reads older versions. */
static bool wal_watch(struct db *db, unsigned char hdr[WAL_HEADER_BYTES])
{
	if (!db->wal || sqlite3_txn_state(db->h, "main") != SQLITE_TXN_NONE)
		return false;
	if (!db->wal_index)
		db->wal_index = wal_index_of(db->h);
	return db->wal_index && wal_header(db->wal_index, hdr);
}

/* db_versions on PostgreSQL: the row itself, each time.  Another server's commit gives no
 * sign here (no shared WAL-index to watch), and one round trip is what a cache check costs;
 * LISTEN/NOTIFY could spare it, at the price of trusting a notification not to be late. */
static enum db_rc pg_versions(struct db *db, struct db_versions *out)
{
	enum db_rc rc;
	PGresult *res = pg_params(db->pg, sql_versions, 0, NULL, NULL, NULL, &rc);
	if (res && PQntuples(res) == 1) {
		out->data = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
		out->tokens = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
	} else if (res) {
		rc = DB_CORRUPT;
	}
	PQclear(res);
	return rc;
}

enum db_rc db_versions(struct db *db, struct db_versions *out)
{
	if (db->pg)
		return pg_versions(db, out);
	unsigned char hdr[WAL_HEADER_BYTES];
	bool watched = wal_watch(db, hdr);
	if (watched && db->versions_known && db->wal_known &&
	    memcmp(hdr, db->wal_seen, sizeof hdr) == 0) {
		*out = db->versions;   /* nothing was committed since they were read */
		return DB_OK;
	}
	/* The header was read first: the versions read now are as new as it, or newer. */
	int64_t seen = 0;
	enum db_rc rc = db_int_one(db, db_stmt(db, sql_data_version), &seen);
	if (rc != DB_OK)
		return rc;
	if (!db->versions_known || seen != db->seen_data_version) {
		sqlite3_stmt *st = db_stmt(db, sql_versions);
		if (!st)
			return DB_ERROR;
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			db->versions.data = (uint64_t)sqlite3_column_int64(st, 0);
			db->versions.tokens = (uint64_t)sqlite3_column_int64(st, 1);
		}
		db_done(st);
		if (s != SQLITE_ROW)
			return s == SQLITE_DONE ? DB_CORRUPT : db_rc_from(db, s);
		db->seen_data_version = seen;
		db->versions_known = true;
	}
	db->wal_known = watched;
	if (watched)
		memcpy(db->wal_seen, hdr, sizeof hdr);
	*out = db->versions;
	return DB_OK;
}

static const char sql_ping[] = "SELECT 1";

enum db_rc db_ping(struct db *db)
{
	if (db->pg)
		return pg_run(db->pg, sql_ping);
	int64_t one = 0;
	return db_int_one(db, db_stmt(db, sql_ping), &one);
}

bool db_unported_take(void)
{
	bool was = unported;
	unported = false;
	return was;
}

uint64_t db_error_count(void)
{
	return atomic_load(&error_count);
}
