/*
 * The libpq helpers src/db/pg.c (migrations), src/db/copy.c (folja copy) and the query
 * files' PostgreSQL twins share; nothing outside src/db/ includes this header.  Every reason
 * is one line of at most PG_WHY bytes, and never holds the URL (it may hold a password).
 */
#ifndef FOLJA_DB_PG_H
#define FOLJA_DB_PG_H

#include <libpq-fe.h>

#include "folja/db.h"

#define PG_WHY 256
/* The advisory lock migrations and copies run under: "folja" in ASCII. */
#define PG_MIGRATION_LOCK "436728376417"

/** A connection to @p url with server notices silenced; NULL with the reason in @p why. */
PGconn *pg_connect(const char *url, char *why);
/** Runs @p sql (a statement or a script without parameters); 0, or -1 with the reason. */
int pg_exec(PGconn *c, const char *sql, char *why);
/** The integer the one-row, one-column query @p sql answers (NULL reads as 0); 0, or -1. */
int pg_int(PGconn *c, const char *sql, long long *out, char *why);
/** Migrates the database @p c is connected to, holding the migration lock meanwhile. */
int pg_migrate_locked(PGconn *c, char *why);
/** Copies libpq's message @p msg into @p why as one line. */
void pg_one_line(const char *msg, char *why);
/** The reason a result failed: the server's primary message alone (not its context, which for
 *  a COPY quotes the row, register text included). */
void pg_result_why(const PGresult *res, char *why);

/* A timestamptz column as SQLite's timestamps are written: "2026-12-02T17:20:00Z". */
#define PG_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* A double column as SQLite's json_object() writes it, so that jansson reads back the same
 * number: 15 significant digits (a float8 becomes numeric so, as SQLite's "%!.15g"), and an
 * integral value with ".0", so it stays a real.  NULL stays SQL NULL. */
#define PG_REAL(col) \
	"CASE WHEN " col " IS NULL THEN NULL WHEN " col "::numeric = trunc(" col "::numeric)" \
	" THEN (trunc(" col "::numeric)::text || '.0')::json ELSE to_json(" col "::numeric) END"

/* The id SQLite gives a new row of table @p t (its rowid): one more than the largest.  Every
 * writer holds the versions row's lock first (src/db/db.c), so no two take the same, and a
 * refused insert uses up no id, as on SQLite. */
#define PG_NEXT_ID(t) "(SELECT coalesce(max(id), 0) + 1 FROM " t ")"

/* Room for an integer parameter's text: "-9223372036854775808" and its NUL. */
#define PG_INT_TEXT 24

/** Writes @p v into @p buf as a parameter's text and returns @p buf, or NULL (SQL NULL) for
 *  DB_NULL. */
const char *pg_param_int(char buf[PG_INT_TEXT], int64_t v);

/** The db_rc of result @p res (which may be NULL: out of memory); an unexpected failure is
 *  logged with the server's primary message.  @p res stays the caller's. */
enum db_rc pg_rc(const PGresult *res);
/** Runs the statement @p sql without parameters, for its db_rc. */
enum db_rc pg_run(PGconn *c, const char *sql);
/**
 * Runs @p sql with its @p n parameters $1..$n: @p v their texts (NULL: SQL NULL), @p len and
 * @p binary NULL for text only, else per parameter (a bytea bound as bytes).  Returns the
 * result, which the caller clears, or NULL (logged) after setting *rc; on success *rc is
 * DB_OK.  Results are text.
 */
PGresult *pg_params(PGconn *c, const char *sql, int n, const char *const *v, const int *len,
		    const int *binary, enum db_rc *rc);

/* PostgreSQL's type OIDs of the parameters pg_typed is given (0 stands for text). */
#define PG_INT8_OID 20
#define PG_TEXT_OID 25
#define PG_FLOAT8_OID 701
#define PG_MAX_TYPED 32

/** pg_params with each parameter's type given (@p types, 0 for text), so a statement need not
 *  name every parameter it is given. */
PGresult *pg_typed(PGconn *c, const char *sql, int n, const char *const *v,
		   const unsigned *types, enum db_rc *rc);
/** Appends the JSON text of each row's first column of @p res to @p items (borrowed) and
 *  clears @p res; @p res NULL (a failure) returns @p rc. */
enum db_rc pg_json_rows(PGresult *res, enum db_rc rc, json_t *items);

/** db_json_one's twin: the JSON text of the first column of @p sql's first row, parsed into
 *  *out (a new reference); DB_NOT_FOUND when there is no row. */
enum db_rc pg_json_one(PGconn *c, const char *sql, int n, const char *const *v, json_t **out);

/** db_json_all's twin: each row's first column, JSON text, parsed and appended to @p items
 *  (borrowed). */
enum db_rc pg_json_all(PGconn *c, const char *sql, int n, const char *const *v, json_t *items);

/* The most filter parameters pg_list_page takes. */
#define PG_LIST_MAX_PARAMS 14

/** db_list_page's twin: @p count_sql with the @p n filter parameters @p v ($1..$n) for
 *  *total, then @p list_sql with limit and offset as $n+1 and $n+2, each row's JSON text
 *  appended to @p items (borrowed). */
enum db_rc pg_list_page(PGconn *c, const char *count_sql, const char *list_sql, int n,
			const char *const *v, int64_t limit, int64_t offset, json_t *items,
			int64_t *total);

/** Runs @p sql for its first row: the result (the caller clears it) when there is one; else
 *  NULL with *rc DB_NOT_FOUND, or the failure's. */
PGresult *pg_row(PGconn *c, const char *sql, int n, const char *const *v, enum db_rc *rc);
/** Starts the COPY ... FROM STDIN @p sql. */
enum db_rc pg_copy_in(PGconn *c, const char *sql);
/** Sends the @p *len bytes of @p buf and sets *len to 0. */
enum db_rc pg_copy_put(PGconn *c, const char *buf, size_t *len);
/** Ends the COPY: done when @p rc is DB_OK, else abandoned (its failure kept): the COPY's
 *  outcome. */
enum db_rc pg_copy_end(PGconn *c, enum db_rc rc);

/** db_int_one's twin: the integer in the first column of @p sql's first row (SQL NULL reads
 *  as 0); DB_NOT_FOUND when there is no row.  An INSERT ... RETURNING id is db_insert's. */
enum db_rc pg_int_one(PGconn *c, const char *sql, int n, const char *const *v, int64_t *out);

#endif
