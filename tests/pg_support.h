/*
 * The PostgreSQL suites' fixture: scripts/with-postgres starts a throwaway server and names it
 * in FOLJA_TEST_PG (the runner skips the suites without it); each test works in a schema of
 * its own, created by the setup and dropped by the teardown, and named in pg_url's
 * search_path, so tests run in parallel on one database and each starts from nothing.
 */
#ifndef FOLJA_TEST_PG_SUPPORT_H
#define FOLJA_TEST_PG_SUPPORT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/** The test's own schema on the test server, as a libpq URL. */
extern char pg_url[512];
/** That schema's name. */
extern char pg_schema[64];

/** Runs @p sql on @p conninfo, failing the test on an error; the result, which the caller
 *  clears. */
PGresult *pg_test_on(const char *conninfo, const char *sql);
/** Runs @p sql in the test's schema, failing the test on an error. */
void pg_test_run(const char *sql);
/** The integer the one-row query @p sql answers in the test's schema. */
long long pg_test_int(const char *sql);

void pg_test_setup(void);
void pg_test_teardown(void);

/** Fails the test unless PostgreSQL's text @p pg is SQLite's @p lite, naming the byte where
 *  they part. */
void same_text(const char *pg, const char *lite);
/** Replaces in @p text each timestamp ("YYYY-MM-DDTHH:MM:SSZ", or with milliseconds), each
 *  locking time in a report's words ("kl. HH.MM UTC") and each SHA-256 digest (64 hex
 *  digits: a locked report's, which digests its locking time) by "T" and blanks, so replies
 *  made seconds apart compare equal. */
void mask_timestamps(char *text);

/* One request of a story told to servers on both engines (http_story). */
struct step {
	const char *method, *path;
	int tok;                        /* enum tok (support.h) */
	const char *body, *headers;     /* a JSON body or NULL; extra header lines or NULL */
};

/** Tells @p steps to a server on the demo data set, on PostgreSQL when @p pg (the demo
 *  moved over by folja copy's code, tests/support.c), else on SQLite: each reply's status
 *  and body, timestamps masked, as one text (malloc'd). */
char *http_story(const struct step *steps, size_t n, bool pg);

#endif
