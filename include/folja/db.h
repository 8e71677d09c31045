/*
 * Storage: the one layer that speaks SQL.
 *
 * Each worker thread gets its own SQLite connection on first use (WAL, foreign keys on, a
 * busy timeout, synchronous=FULL so an acknowledged write survives power loss).  Statements are
 * prepared once per connection and cached by the address of their SQL text, which is always a
 * string literal beside the function that uses it; db_stmt() hands out the cached statement and
 * db_done() resets it.  Writes go through db_write(), which wraps a callback in BEGIN IMMEDIATE
 * ... COMMIT, so concurrent writers queue on the busy timeout instead of deadlocking.
 *
 * Queries that return resources build their JSON in SQL with json_object(), so the shape a
 * client sees sits next to the query that produces it.
 */
#ifndef FOLJA_DB_H
#define FOLJA_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Outcome of a storage call.  Handlers map it to HTTP with api_db_error(). */
enum db_rc {
	DB_OK = 0,
	DB_NOT_FOUND,   /* no such row */
	DB_CONFLICT,    /* a constraint refused the change (unique, foreign key) */
	DB_STALE,       /* the row's version is not the one the caller expected */
	DB_INVALID,     /* the callback refused the input; it has described why */
	DB_BUSY,        /* the database stayed locked past the busy timeout */
	DB_ERROR,       /* anything else; logged */
};

struct db;

/** Sets the database path and applies pending migrations.  Returns 0 or -1 (logged). */
int db_open_global(const char *path);
/** Closes every connection opened by any thread.  Call after the worker threads stopped. */
void db_close_global(void);
/** This thread's connection, opened on first use; NULL when it cannot be opened (logged). */
struct db *db_thread(void);
/** The raw handle, for the few places (migrations, demo) that run scripts. */
sqlite3 *db_handle(struct db *db);

/** The cached statement for @p sql (a string literal).  NULL on error (logged).  The caller
 *  binds, steps and calls db_done(). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/** Resets and clears the bindings of @p st.  Accepts NULL. */
void db_done(sqlite3_stmt *st);

/** Binds a nullable text (NULL binds SQL NULL). */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/** Binds a nullable integer (IN_NULL binds SQL NULL). */
void db_bind_int(sqlite3_stmt *st, int i, int64_t v);

/** Maps an SQLite result code to a db_rc, logging unexpected errors. */
enum db_rc db_rc_from(struct db *db, int rc);

/** Steps @p st once expecting a single TEXT column of JSON; *out gets a new reference.
 *  DB_NOT_FOUND when there is no row.  Resets @p st. */
enum db_rc db_json_one(struct db *db, sqlite3_stmt *st, json_t **out);
/** Steps @p st to the end, appending the JSON of each row's first column to @p arr
 *  (borrowed).  Resets @p st. */
enum db_rc db_json_all(struct db *db, sqlite3_stmt *st, json_t *arr);
/** Steps @p st expecting one integer; DB_NOT_FOUND when there is no row.  Resets @p st. */
enum db_rc db_int_one(struct db *db, sqlite3_stmt *st, int64_t *out);
/** Steps @p st expecting SQLITE_DONE (an INSERT/UPDATE/DELETE).  Resets @p st. */
enum db_rc db_exec_stmt(struct db *db, sqlite3_stmt *st);

/**
 * One page of a filtered list: runs @p count_sql for *total and @p list_sql for the rows (one
 * TEXT column of JSON each, appended to @p items, borrowed).  @p bind binds the filter's
 * @p nbind parameters (?1..?nbind) on either statement; limit and offset are bound as
 * ?nbind+1 and ?nbind+2 of @p list_sql.
 */
enum db_rc db_list_page(struct db *db, const char *count_sql, const char *list_sql,
			void (*bind)(sqlite3_stmt *st, const void *filter), const void *filter,
			int nbind, int64_t limit, int64_t offset, json_t *items, int64_t *total);

/** Runs the INSERT @p sql with the values @p bind binds from @p in; *id gets the new row id. */
enum db_rc db_insert(struct db *db, const char *sql,
		     void (*bind)(sqlite3_stmt *st, const void *in), const void *in, int64_t *id);

/**
 * The optimistic-concurrency check of a versioned row: DB_OK when the row @p id exists (by
 * @p version_sql, e.g. "SELECT version FROM t WHERE id = ?1") and its version is @p version
 * (-1: any), DB_STALE when it is another, DB_NOT_FOUND when there is no such row.
 */
enum db_rc db_check_version(struct db *db, const char *version_sql, int64_t id, int64_t version);
/** Runs @p sql (an UPDATE or DELETE of row ?1 whose values @p bind binds from @p in) after
 *  db_check_version.  @p bind may be NULL (a DELETE). */
enum db_rc db_write_versioned(struct db *db, const char *version_sql, const char *sql,
			      void (*bind)(sqlite3_stmt *st, const void *in), const void *in,
			      int64_t id, int64_t version);

/** Runs @p fn inside BEGIN IMMEDIATE; commits when it returns DB_OK, rolls back otherwise. */
enum db_rc db_write(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx);

/** A counter bumped by every committed write of this process; computed replies memoise on it. */
uint64_t db_data_version(void);
/** Number of database errors (DB_ERROR and DB_BUSY) since start, for /metrics. */
uint64_t db_error_count(void);

/** Runs the embedded demo scripts (sql/demo/ scripts) in one transaction when the database holds
 *  no units yet.  Returns 1 when loaded, 0 when there was data already, -1 on error. */
int db_load_demo(struct db *db);

/* ---- tokens (db/tokens.c) ---- */
struct caller;
/** Stores a token's hash; *id gets its id. */
enum db_rc db_tokens_insert(struct db *db, const char *name, int role, bool sensitive,
			    const unsigned char *hash, size_t hash_len, int64_t *id);
/** Loads the token @p id: its hash (into @p hash, @p hash_len bytes) and caller data. */
enum db_rc db_tokens_get(struct db *db, int64_t id, unsigned char *hash, size_t hash_len,
			 struct caller *out);

/* ---- audit (db/audit.c) ---- */
struct audit_entry {
	const char *actor;    /* token name */
	int64_t token_id;     /* the token written with; 0 for none (stored as NULL) */
	bool sensitive;       /* shown only to tokens with `sensitive` */
	const char *method;
	const char *path;
	const char *entity;   /* e.g. "unit" */
	int64_t entity_id;
	json_t *before;       /* borrowed; NULL for a create */
	json_t *after;        /* borrowed; NULL for a delete */
};
/* Which audit entries a list shows.  Strings borrowed. */
struct audit_filter {
	const char *entity;   /* NULL for any */
	int64_t entity_id;    /* IN_NULL for any */
	bool with_sensitive;  /* false: sensitive entries are left out, and not counted */
};
/** Appends @p e to the audit log (inside the caller's transaction). */
enum db_rc db_audit_insert(struct db *db, const struct audit_entry *e);
/** Lists the audit entries @p f lets through, newest first; appends to @p items (borrowed),
 *  sets *total to their number. */
enum db_rc db_audit_list(struct db *db, const struct audit_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total);

#endif
