/*
 * The statement helpers the query files of src/db/ share; nothing outside src/db/ includes
 * this header, so no other layer sees SQLite.
 *
 * Statements are prepared once per connection and cached by the address of their SQL text,
 * which is always a string literal beside the function that uses it; db_stmt() hands out the
 * cached statement and db_done() resets it.
 */
#ifndef FOLJA_DB_SQL_H
#define FOLJA_DB_SQL_H

#include <sqlite3.h>

#include "folja/db.h"

/** The raw handle, for the few places (migrations, demo, last insert id) that need it. */
sqlite3 *db_handle(struct db *db);
/** PostgreSQL's connection (libpq's PGconn), or NULL when @p db is SQLite's. */
struct pg_conn *db_pg(struct db *db);
/** The request's scope (db_scope_set) as a PostgreSQL array literal, "{1,2,3}", into *out
 *  (malloc'd, the caller frees), or NULL when the request is not scoped. */
enum db_rc db_scope_array(char **out);
/** Sets the database path and opens this thread's connection to it; NULL with the reason in
 *  @p why.  (db_open_global checks and migrates on top.) */
struct db *db_open_path(const char *path, char *why, size_t cap);
/** The path of the database file the process opened (db_open_path), or NULL. */
const char *db_file_path(void);
/** Hands the WAL checkpoints of new connection @p h to the checkpointer thread when it runs
 *  (checkpoint.c). */
void checkpoint_attach(sqlite3 *h);
/** Runs the SQL script @p sql; 0, or -1 with SQLite's message in @p why (may be NULL). */
int db_exec_script(struct db *db, const char *sql, char *why, size_t cap);

/** The cached statement for @p sql (a string literal).  NULL on error (logged).  The caller
 *  binds, steps and calls db_done(). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/** Resets and clears the bindings of @p st.  Accepts NULL. */
void db_done(sqlite3_stmt *st);

/** Binds a nullable text (NULL binds SQL NULL). */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/** Binds a nullable integer (DB_NULL binds SQL NULL). */
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

/*
 * A statement and its PostgreSQL twin, both string literals: the twin numbers its parameters
 * as the statement does ($2 where ?2), so one bind callback gives both theirs.  pg is NULL
 * for a statement with no twin (it then refuses on PostgreSQL: db_unported_take).
 */
struct db_twin {
	const char *sql;
	const char *pg;
};
#define DB_TWIN(sql, pg) (&(const struct db_twin){(sql), (pg)})
/* A statement of SQLite's alone: run where the PostgreSQL path is another (or none). */
#define LITE(sql) DB_TWIN(sql, NULL)

/** The twin of @p q, or NULL (logged, and noted for db_unported_take) while it has none. */
const char *db_twin_pg(const struct db_twin *q);

/* The most parameters a bind callback gives. */
#define DB_MAX_PARAMS 24

/*
 * What a bind callback gives a statement, on either engine: on SQLite it binds @p st; on
 * PostgreSQL it collects each parameter's text (NULL for SQL NULL) and type (bigint, float8 or
 * text; a parameter given none is text), so a twin need not name every parameter it is given.
 */
struct db_params {
	sqlite3_stmt *st;               /* SQLite's statement, or NULL: collect */
	int n;                          /* the highest parameter given */
	const char *v[DB_MAX_PARAMS];
	unsigned type[DB_MAX_PARAMS];   /* PostgreSQL's type OIDs, 0 for text */
	char num[DB_MAX_PARAMS][32];    /* the numbers' texts */
};

/** Gives parameter @p i the nullable text @p s (NULL: SQL NULL). */
void db_param_text(struct db_params *p, int i, const char *s);
/** Gives parameter @p i the nullable integer @p v (DB_NULL: SQL NULL). */
void db_param_int(struct db_params *p, int i, int64_t v);
/** Gives parameter @p i the double @p v (NaN: SQL NULL). */
void db_param_double(struct db_params *p, int i, double v);

/*
 * Statements with twins, their parameters given by @p bind (NULL: none) from @p in:
 * db_run runs an INSERT, UPDATE or DELETE (*changed, when not NULL, gets the rows it
 * changed); db_one_json parses the first row's one column of JSON into *out (a new reference;
 * DB_NOT_FOUND for no row); db_all_json appends each row's to @p items (borrowed); db_one_int
 * reads the first row's integer (SQL NULL as 0; DB_NOT_FOUND for no row).
 */
enum db_rc db_run(struct db *db, const struct db_twin *q,
		  void (*bind)(struct db_params *p, const void *in), const void *in,
		  int64_t *changed);
enum db_rc db_one_json(struct db *db, const struct db_twin *q,
		       void (*bind)(struct db_params *p, const void *in), const void *in,
		       json_t **out);
enum db_rc db_all_json(struct db *db, const struct db_twin *q,
		       void (*bind)(struct db_params *p, const void *in), const void *in,
		       json_t *items);
enum db_rc db_one_int(struct db *db, const struct db_twin *q,
		      void (*bind)(struct db_params *p, const void *in), const void *in,
		      int64_t *out);

/** The JSON the one-column query @p q answers for the row ?1 = @p id into *out (a new
 *  reference); DB_NOT_FOUND when there is none. */
enum db_rc db_get_json(struct db *db, const struct db_twin *q, int64_t id, json_t **out);

/**
 * One page of a filtered list: runs @p count for *total and @p list for the rows (one column
 * of JSON each, appended to @p items, borrowed).  @p bind gives the filter's @p nbind
 * parameters (?1..?nbind) to either statement; limit and offset are ?nbind+1 and ?nbind+2 of
 * @p list.
 */
enum db_rc db_list_page(struct db *db, const struct db_twin *count, const struct db_twin *list,
			void (*bind)(struct db_params *p, const void *filter), const void *filter,
			int nbind, int64_t limit, int64_t offset, json_t *items, int64_t *total);

/* Room for db_now()'s text: "2026-12-02T17:20:00Z" and its NUL. */
#define DB_NOW_TEXT 24

/** Writes the time now as the database's timestamps have it (strftime('%Y-%m-%dT%H:%M:%SZ',
 *  'now')) into @p out: what a bulk copy binds once for every row's created_at. */
void db_now(char out[DB_NOW_TEXT]);

/**
 * Runs the bulk INSERT ... SELECT @p sql, its parameters bound by @p bind from @p in, with
 * the connection's triggers and CHECK constraints off and a page cache of 16 MiB, all three
 * put back before it returns.
 * An INSERT ... SELECT into a table with triggers first gathers every selected row in a
 * temporary table, and per-row CHECKs cost more than the rest of such an insert; the caller
 * vouches that every row was checked by the rules of a single write and that it does the
 * triggers' work itself (the imports, whose triggers stand aside for them).  Both switches
 * expire the connection's statements, so @p sql is prepared and bound after them.
 */
enum db_rc db_exec_unchecked(struct db *db, const char *sql,
			     void (*bind)(struct db_params *p, const void *in), const void *in);

/** A bind callback giving ?1 the int64_t @p in points at (an id): the one parameter of many
 *  twins. */
void db_bind_id(struct db_params *p, const void *in);

/** db_list_page of a list whose SQLite statements ask in_scope() of each row's unit: the
 *  twins take the request's scope (db_scope_array) as the array parameter after the filter's,
 *  ?nbind+1, and limit and offset after it. */
enum db_rc db_list_page_scoped(struct db *db, const struct db_twin *count,
			       const struct db_twin *list,
			       void (*bind)(struct db_params *p, const void *filter),
			       const void *filter, int nbind, int64_t limit, int64_t offset,
			       json_t *items, int64_t *total);

/** Runs the INSERT @p q with the values @p bind gives from @p in; *id gets the new row id (the
 *  twin ends RETURNING id). */
enum db_rc db_insert(struct db *db, const struct db_twin *q,
		     void (*bind)(struct db_params *p, const void *in), const void *in, int64_t *id);

/**
 * The optimistic-concurrency check of a versioned row: DB_OK when the row @p id exists (by
 * @p q, e.g. "SELECT version FROM t WHERE id = ?1") and its version is @p version (-1: any),
 * DB_STALE when it is another, DB_NOT_FOUND when there is no such row.
 */
enum db_rc db_check_version(struct db *db, const struct db_twin *q, int64_t id, int64_t version);
/** Runs @p q (an UPDATE or DELETE of row ?1 whose values @p bind gives from @p in) after
 *  db_check_version by @p version_q.  @p bind may be NULL (a DELETE). */
enum db_rc db_write_versioned(struct db *db, const struct db_twin *version_q,
			      const struct db_twin *q,
			      void (*bind)(struct db_params *p, const void *in), const void *in,
			      int64_t id, int64_t version);

#endif
