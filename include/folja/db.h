/*
 * Storage: the one layer that speaks SQL.
 *
 * Each worker thread gets its own SQLite connection on first use (WAL, foreign keys on, a
 * busy timeout, synchronous=FULL so an acknowledged write survives power loss).  Writes go
 * through db_write(), which wraps a callback in BEGIN IMMEDIATE ... COMMIT, so concurrent
 * writers queue on the busy timeout instead of deadlocking.  This header is all the rest of
 * Följa sees of storage; the statement helpers the query files share are in src/db/sql.h.
 *
 * Queries that return resources build their JSON in SQL with json_object(), so the shape a
 * client sees sits next to the query that produces it.
 */
#ifndef FOLJA_DB_H
#define FOLJA_DB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The null of integer values passed to and from storage (an absent month, unit, filter).
 * The input parser's IN_NULL (folja/input.h) is the same value, so parsed input reaches
 * storage as it is. */
#define DB_NULL INT64_MIN

/* Outcome of a storage call.  Handlers map it to HTTP with api_db_error(). */
enum db_rc {
	DB_OK = 0,
	DB_NOT_FOUND,   /* no such row */
	DB_CONFLICT,    /* a constraint refused the change (unique, foreign key) */
	DB_STALE,       /* the row's version is not the one the caller expected */
	DB_INVALID,     /* the callback refused the input; it has described why */
	DB_BUSY,        /* the database stayed locked past the busy timeout */
	DB_FULL,        /* the disk (or the file's size limit) is full: nothing was written */
	DB_READONLY,    /* the file cannot be written (permissions, a read-only mount) */
	DB_CORRUPT,     /* the file is damaged or not a database; logged */
	DB_IO,          /* reading the file failed (a failing disk); logged */
	DB_ERROR,       /* anything else; logged */
	DB_NOMEM,       /* out of memory while loading rows into structs (a 503) */
};

/** A word for @p rc ("not_found", "full", ...), static, for messages. */
const char *db_rc_name(enum db_rc rc);

struct db;

/** Sets the database path, checks the file and applies pending migrations.  A database that
 *  does not exist yet is created with mode 0600 (its -wal and -shm files follow).  Refuses a
 *  file that is not SQLite, another application's database, a read-only file and a schema
 *  newer than this program.  Returns 0, or -1 after one line on stderr naming the reason. */
int db_open_global(const char *path);
/** True when @p db names a PostgreSQL database: a "postgresql://" or "postgres://" URL in
 *  libpq's syntax (anything else is a SQLite file). */
bool db_is_postgres(const char *db);
/** Applies the pending PostgreSQL migrations to the database at @p url, under an advisory
 *  lock so servers starting together migrate once.  Refuses another application's tables and
 *  a schema newer than this program.  Returns 0, or -1 after one line on stderr. */
int db_pg_migrate(const char *url);
/** Copies the SQLite database @p db (this process's, opened by db_open_global) into the
 *  PostgreSQL database at @p url, migrating it first: every row of every table, keeping ids,
 *  in one transaction.  *rows and *tables get what was copied.  DB_OK; DB_CONFLICT when the
 *  target holds data already; DB_ERROR otherwise; the reason in @p why (PG_WHY, 256 bytes),
 *  and the target as it was. */
enum db_rc db_copy_to_pg(struct db *db, const char *url, long long *rows, int *tables,
			 char why[256]);
/** Backs up the PostgreSQL database at @p url into the new file @p to (mode 0600; never over
 *  an existing file) with pg_dump's custom format, then reads the whole archive back with
 *  pg_restore.  DB_OK; DB_CONFLICT when @p to exists; DB_ERROR with the reason in @p why
 *  (the partial file removed). */
enum db_rc db_pg_backup(const char *url, const char *to, char why[256]);
/** Closes every connection opened by any thread.  Call after the worker threads stopped. */
void db_close_global(void);
/** This thread's connection, opened on first use; NULL when it cannot be opened (logged). */
struct db *db_thread(void);
/*
 * The request's scope: a token scoped to a unit's subtree sees only those units' records.
 * The server sets the subtree (ids ascending, borrowed until cleared) on the thread that runs
 * the request; queries that list records filter on SQL `in_scope(unit_id)`, which is true
 * for every unit when no scope is set.
 */
void db_scope_set(const int64_t *ids, size_t n);
void db_scope_clear(void);
/** True when the request on this thread may see unit @p unit_id (always, when unscoped). */
bool db_in_scope(int64_t unit_id);
/** The ids of unit @p root and every unit below it, ascending, into *ids (new, the caller
 *  frees) and *n; DB_NOT_FOUND when there is no unit @p root. */
enum db_rc db_units_scope(struct db *db, int64_t root, int64_t **ids, size_t *n);
/** The unit of record @p id of API collection @p collection ("units" — a unit is its own —
 *  "goals", "indicators", "actions", "reports", "period-locks") into *unit_id (DB_NULL for a
 *  record of no unit).  DB_NOT_FOUND for no such record; DB_INVALID for another collection. */
enum db_rc db_record_unit(struct db *db, const char *collection, int64_t id, int64_t *unit_id);

/** Asks the database a trivial question: DB_OK when it answers (the health check). */
enum db_rc db_ping(struct db *db);

/** Runs @p fn inside BEGIN IMMEDIATE; commits when it returns DB_OK (bumping the data
 *  version in the same transaction), rolls back otherwise. */
enum db_rc db_write(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx);

/** Like db_write for a bulk write whose callback checks the references it writes itself,
 *  once for all its rows (db_statistic_stage_commit() does): foreign keys are not enforced
 *  row by row in its transaction, which would take a fifth of a million-row import. */
enum db_rc db_write_bulk(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx);

/** Runs @p fn inside one read transaction (BEGIN ... COMMIT), so all it reads is of one
 *  committed state however many queries it makes (a report's sections); inside a transaction
 *  already (a db_write() callback) it only calls @p fn.  Returns @p fn's result. */
enum db_rc db_read(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx);

/*
 * A request's read snapshot: what a GET's handler reads, in one read transaction of its
 * worker's connection, so it sees one committed state and takes the WAL read lock once.  The
 * versions its token and memo are checked against are read before, on the event thread
 * (db_versions(), mostly from the WAL-index watch), so they are never newer than what the
 * handler reads: a memoised reply or an ETag may name an older version than its data, which
 * only makes the next request compute it again.  A memo hit reads nothing, so it takes no
 * lock.  The server ends a snapshot that is not the calling request's at every call, and a
 * write (db_write, db_write_tokens) ends it before it begins.
 */
/** Opens a read snapshot of this thread's connection held by @p owner (borrowed, compared
 *  only), unless the connection is not open or a transaction is.  A failure to open one is
 *  not an error: the reads then run one by one. */
void db_snapshot_begin(const void *owner);
/** Who holds this thread's read snapshot; NULL when none. */
const void *db_snapshot_owner(void);
/** Ends this thread's read snapshot, if one is open. */
void db_snapshot_end(void);

/** Like db_write, for changes to tokens: bumps the tokens version instead of the data's. */
enum db_rc db_write_tokens(struct db *db, enum db_rc (*fn)(struct db *db, void *ctx), void *ctx);

/* The counters kept in the database (sql/0006-versions-and-tokens.sql). */
struct db_versions {
	uint64_t data;     /* bumped by every committed write of facts, by any process */
	uint64_t tokens;   /* bumped by every change to a token */
};
/** The versions as committed now, by this or any other process.  Outside a transaction,
 *  while the WAL-index header is the one noted when they were last read (src/db/wal_watch.h)
 *  they cost no query and no lock; else one PRAGMA, and one read of the row when another
 *  connection has committed since the last call. */
enum db_rc db_versions(struct db *db, struct db_versions *out);
/** Number of database errors (busy, full, read-only, corrupt, other) since start. */
uint64_t db_error_count(void);
/** Whether this thread's last DB_ERROR came from a query with no PostgreSQL twin yet (a
 *  resource not served on PostgreSQL), forgetting it: each DB_ERROR asks once. */
bool db_unported_take(void);

/** Starts the thread that checkpoints the WAL of the open database for the connections
 *  opened after it (src/db/checkpoint.c), so no request waits for a checkpoint.  DB_OK (also
 *  when it runs already) or DB_ERROR, logged. */
enum db_rc db_checkpointer_start(void);
/** Stops the thread; connections opened afterwards checkpoint for themselves.  After the
 *  connections that hand it work are idle (the server's threads stopped). */
void db_checkpointer_stop(void);
/** Checkpoints the thread has run since the process started. */
uint64_t db_checkpoint_count(void);

/** Checks the database file at @p path (read-only, safe while a server runs): SQLite's
 *  integrity check.  DB_OK, or DB_CORRUPT/DB_ERROR with the reason in @p why. */
enum db_rc db_check_file(const char *path, char *why, size_t cap);
/** Writes a consistent copy of the database to the new file @p to (mode 0600; never over an
 *  existing file) while other connections go on writing, then checks the copy.  DB_OK, or a
 *  failure with the reason in @p why (the partial copy is removed). */
enum db_rc db_backup(struct db *db, const char *to, char *why, size_t cap);

/** Runs the embedded demo scripts (sql/demo/ scripts) in one transaction when the database holds
 *  no units yet.  Returns 1 when loaded, 0 when there was data already, -1 on error. */
int db_load_demo(struct db *db);

/* ---- tokens (db/tokens.c) ---- */

/* A token as stored (never its secret). */
struct db_token {
	int64_t id;
	const char *role;         /* "reader", "editor", "admin"; static */
	bool sensitive;
	char name[64];
	char expires_at[24];      /* "YYYY-MM-DDTHH:MM:SSZ", "" for never */
	char last_used_at[24];    /* "" for never */
	int64_t scope_unit_id;    /* 0: the whole database */
};

/* A token to store.  Strings borrowed. */
struct db_token_in {
	const char *name;
	const char *role;         /* "reader", "editor", "admin" */
	bool sensitive;
	int64_t scope_unit_id;    /* 0: the whole database */
	const char *expires_at;   /* UTC "YYYY-MM-DDTHH:MM:SSZ"; NULL for never */
};

/** Stores token @p t with its secret's hash; *id gets its id.  DB_CONFLICT when its scope
 *  names no unit. */
enum db_rc db_tokens_insert(struct db *db, const struct db_token_in *t,
			    const unsigned char *hash, size_t hash_len, int64_t *id);
/** Loads the live (not revoked) token @p id: its hash (into @p hash, @p hash_len bytes) and
 *  what it grants.  DB_NOT_FOUND when there is none. */
enum db_rc db_tokens_get(struct db *db, int64_t id, unsigned char *hash, size_t hash_len,
			 struct db_token *out);
/** One page of the tokens, newest first, as {id, name, role, sensitive, scope, created_at,
 *  last_used_at, expires_at, revoked_at, rotated_at, status} appended to @p items (borrowed);
 *  *total counts them all; never a secret or its hash.  With @p id > 0 only that one
 *  (DB_NOT_FOUND when absent). */
enum db_rc db_tokens_list(struct db *db, int64_t id, int64_t limit, int64_t offset,
			  json_t *items, int64_t *total);
/** Revokes token @p id (refused from the next request on, by every process) in a transaction
 *  of its own.  DB_NOT_FOUND when there is no live token @p id. */
enum db_rc db_tokens_revoke(struct db *db, int64_t id);
/** The same inside the caller's db_write_tokens() transaction (to audit it alongside). */
enum db_rc db_tokens_revoke_row(struct db *db, int64_t id);
/** Replaces the hash of live token @p id (a new secret: the old one stops working). */
enum db_rc db_tokens_rotate(struct db *db, int64_t id, const unsigned char *hash,
			    size_t hash_len);
/** Records that token @p id was used now.  Moves no version: it flushes no cached figure. */
enum db_rc db_tokens_touch(struct db *db, int64_t id);

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

/* The change feed's filter. */
struct changes_filter {
	int64_t after;            /* changes with a sequence number above this */
	const char *entity;       /* one entity, e.g. "unit"; NULL for all */
	bool with_sensitive;      /* also the sensitive registers' changes */
};
/** The changes after f->after in sequence order, {seq, at, entity, id, version, op: create|
 *  update|delete|import, rows (imports)}, at most @p limit, appended to @p items (borrowed);
 *  *total counts all after f->after.  Made from the audit log: no register text, no before or
 *  after, token changes left out. */
enum db_rc db_changes_list(struct db *db, const struct changes_filter *f, int64_t limit,
			   json_t *items, int64_t *total);
#endif
