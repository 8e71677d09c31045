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
	DB_ERROR,       /* anything else; logged */
	DB_NOMEM,       /* out of memory while loading rows into structs (a 503) */
};

struct db;

/** Sets the database path and applies pending migrations.  A database that does not exist yet
 *  is created with mode 0600 (its -wal and -shm files follow).  Returns 0 or -1 (logged). */
int db_open_global(const char *path);
/** Closes every connection opened by any thread.  Call after the worker threads stopped. */
void db_close_global(void);
/** This thread's connection, opened on first use; NULL when it cannot be opened (logged). */
struct db *db_thread(void);
/** Asks the database a trivial question: DB_OK when it answers (the health check). */
enum db_rc db_ping(struct db *db);

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

/* A token as stored (never its secret). */
struct db_token {
	int64_t id;
	const char *role;         /* "reader", "editor", "admin"; static */
	bool sensitive;
	char name[64];
};

/** Stores a token's hash; @p role is "reader", "editor" or "admin"; *id gets its id. */
enum db_rc db_tokens_insert(struct db *db, const char *name, const char *role, bool sensitive,
			    const unsigned char *hash, size_t hash_len, int64_t *id);
/** Loads the live (not revoked) token @p id: its hash (into @p hash, @p hash_len bytes) and
 *  what it grants.  DB_NOT_FOUND when there is none. */
enum db_rc db_tokens_get(struct db *db, int64_t id, unsigned char *hash, size_t hash_len,
			 struct db_token *out);

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
