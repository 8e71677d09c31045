/*
 * Test support: a real Följa server on an ephemeral loopback port over a fresh SQLite file,
 * a small HTTP/1.1 client, and a runner for tables of request cases.  Each test starts its
 * own server in a checked fixture, so no test depends on another or on their order.
 */
#ifndef FOLJA_TEST_SUPPORT_H
#define FOLJA_TEST_SUPPORT_H

#include <check.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "tests.h"

/* Which token a request carries.  T_ADMIN has `sensitive`; T_PLAIN_ADMIN is an admin without
 * it; T_BAD is well-formed but unknown. */
enum tok { T_NONE, T_READER, T_EDITOR, T_ADMIN, T_SENS_READER, T_SENS_EDITOR, T_PLAIN_ADMIN,
	   T_BAD };

struct tsrv {
	struct server *srv;
	uint16_t port;
	char dir[96];           /* directory holding the database */
	bool own_dir;           /* dir was made by tsrv_start, and tsrv_stop removes it */
	char db[128];
	bool pg;                /* served from PostgreSQL (FOLJA_TEST_ENGINE=postgresql) */
	char token[T_BAD + 1][160]; /* indexed by enum tok */
};

struct tresp {
	int status;
	char *head;             /* owned: status line and headers */
	char *body;             /* owned, NUL-terminated */
	size_t body_len;
	json_t *json;           /* owned: the body parsed, or NULL */
};

/* The server of the running test (started by tsrv_setup*). */
extern struct tsrv T;
/* An origin the next tsrv_start allows for CORS (NULL: none, the default). */
extern const char *tsrv_cors_origin;
struct server_config;
/* Called with the configuration the next tsrv_start starts the server with, after the tests'
 * defaults, so a test can set limits of its own (NULL, the default: none).  A fixture that
 * sets it clears it again. */
extern void (*tsrv_tune)(struct server_config *cfg);

/** Starts T on a new database (a copy of the runner's template, see support.c); @p open_read
 *  and @p demo as the CLI flags. */
void tsrv_start(bool open_read, bool demo);
/** Starts T on the database "t.db" in the existing directory @p dir (borrowed; a new database,
 *  or the one there already, e.g. a restored backup), so a test can put it on a file system of
 *  its making.  tsrv_stop leaves @p dir in place. */
void tsrv_start_in(const char *dir, bool open_read, bool demo);
/** Stops T and removes its database (and its directory when tsrv_start made it). */
void tsrv_stop(void);

/** The built program (FOLJA_BIN, set by meson). */
const char *folja_bin(void);
/** Starts the program as `folja serve --db @p db` on an ephemeral loopback port, its stderr
 *  appended to the file @p log, and waits until it listens; *pid and *port get the child's.
 *  The caller stops it (SIGTERM) and reaps it. */
void tproc_serve(const char *db, const char *log, pid_t *pid, uint16_t *port);
/** Runs `folja token create --role @p role --name @p name --db @p db` and puts the token it
 *  prints into @p out. */
void tproc_token(const char *db, const char *role, const char *name, char out[160]);
/* Fixture functions for tcase_add_checked_fixture. */
void tsrv_setup(void);
void tsrv_setup_demo(void);
void tsrv_setup_open(void);
void tsrv_teardown(void);

/** Sends a request to T; @p body may be NULL; content type defaults to application/json.
 *  Returns the status (fills @p out, which the caller frees with tresp_free). */
int http(const char *method, const char *path, enum tok tok, const char *content_type,
	 const char *body, size_t body_len, struct tresp *out);
/** Like http() with more request headers @p headers (each "Name: value\r\n"; may be NULL). */
int http_headers(const char *method, const char *path, enum tok tok, const char *headers,
		 const char *content_type, const char *body, size_t body_len, struct tresp *out);
/** Like http() with a NUL-terminated JSON body and the reply's parsed JSON kept in @p out. */
int req(const char *method, const char *path, enum tok tok, const char *body, struct tresp *out);
/** Sends @p len raw bytes on a new connection and reads the reply until close or @p ms.
 *  Returns the bytes read into @p out (NUL-terminated, at most cap-1). */
size_t http_raw(const char *raw, size_t len, char *out, size_t cap, int ms);
/** The value of header @p name in @p r, copied into @p buf; NULL when absent. */
const char *tresp_header(const struct tresp *r, const char *name, char *buf, size_t cap);
void tresp_free(struct tresp *r);

/** POSTs @p body to @p path as editor and returns the new resource's id (fails the test on a
 *  non-2xx reply). */
int64_t create(const char *path, const char *body);

/* A row of a table-driven HTTP test. */
struct http_case {
	const char *method;
	const char *path;
	enum tok tok;
	const char *body;          /* NULL for none */
	int status;                /* expected */
	const char *code;          /* expected problem code, or NULL */
	const char *contains;      /* a substring the body must contain, or NULL */
};

/** Runs the cases in order against T, failing with the case's index on a mismatch. */
void run_cases(const struct http_case *cases, size_t n);

#define RUN_CASES(c) run_cases(c, sizeof(c) / sizeof((c)[0]))

/* ==== databases of an older schema ====================================================== */

/** Runs on @p h every embedded file under @p prefix ("sql/0", "sql/demo/0") numbered at most
 *  @p upto except number @p skip (0: none), failing the test on an error. */
void embedded_upto(sqlite3 *h, const char *prefix, int upto, int skip);

/** The first column of the first row of @p sql on @p h; -1 when it fails. */
int64_t sql_count(sqlite3 *h, const char *sql);
/** The integer the one-row query @p sql answers in T's database, on whichever engine it is
 *  (SQLite's file read-only, or T's schema on PostgreSQL). */
int64_t tsrv_count(const char *sql);

/** Makes @p dir (a mkdtemp() template, rewritten) and in it @p path (capacity @p cap) a
 *  database of schema @p version: the migrations up to it, then the demo files up to
 *  @p demo_upto except @p demo_skip (as embedded_upto()).  Returns the open connection, which
 *  the caller closes; remove_dir(@p dir) removes it all after. */
sqlite3 *old_database(char *dir, char *path, size_t cap, int version, int demo_upto,
		      int demo_skip);

/** Removes @p dir and everything in it, failing the test if it cannot. */
void remove_dir(const char *dir);

/** Seconds on the monotonic clock, for a test's deadlines and durations. */
double now_s(void);

#endif
