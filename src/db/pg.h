/*
 * The libpq helpers src/db/pg.c (migrations) and src/db/copy.c (folja copy) share; nothing
 * outside src/db/ includes this header.  Every reason is one line of at most PG_WHY bytes, and
 * never holds the URL (it may hold a password).
 */
#ifndef FOLJA_DB_PG_H
#define FOLJA_DB_PG_H

#include <libpq-fe.h>

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

#endif
