/* The PostgreSQL suites' fixture (see pg_support.h). */
#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg_support.h"
#include "support.h"

char pg_url[512];
char pg_schema[64];

PGresult *pg_test_on(const char *conninfo, const char *sql)
{
	PGconn *c = PQconnectdb(conninfo);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
	PGresult *res = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(res);
	ck_assert_msg(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s", sql,
		      PQresultErrorMessage(res));
	PQfinish(c);
	return res;
}

void pg_test_run(const char *sql)
{
	PQclear(pg_test_on(pg_url, sql));
}

long long pg_test_int(const char *sql)
{
	PGresult *res = pg_test_on(pg_url, sql);
	ck_assert_int_eq(PQntuples(res), 1);
	long long v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

void pg_test_setup(void)
{
	static int n;
	const char *base = getenv("FOLJA_TEST_PG");
	ck_assert_ptr_nonnull(base);
	snprintf(pg_schema, sizeof pg_schema, "t%d_%d", (int)getpid(), ++n);
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE SCHEMA %s", pg_schema);
	PQclear(pg_test_on(base, sql));
	snprintf(pg_url, sizeof pg_url, "%s%coptions=-csearch_path%%3D%s", base,
		 strchr(base, '?') ? '&' : '?', pg_schema);
}

void pg_test_teardown(void)
{
	char sql[128];
	snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", pg_schema);
	PQclear(pg_test_on(getenv("FOLJA_TEST_PG"), sql));
}

/* Fails the test unless PostgreSQL's text @p pg is SQLite's @p lite, naming where they part
 * (a whole text of several KiB is more than Check's message can hold). */
void same_text(const char *pg, const char *lite)
{
	size_t at = 0;
	while (pg[at] && pg[at] == lite[at])
		at++;
	size_t from = at > 60 ? at - 60 : 0;
	ck_assert_msg(pg[at] == lite[at], "the engines part at byte %zu: PostgreSQL ...%.120s, "
		      "SQLite ...%.120s", at, pg + from, lite + from);
}


/* Replaces in @p text (in place) each timestamp "YYYY-MM-DDTHH:MM:SSZ" (or with milliseconds,
 * "…:SS.mmmZ") by "T" and blanks, so two servers' replies made seconds apart compare equal;
 * dates stay as they are. */
/* How many bytes of @p p the shape @p shape covers ('d' a digit, 'x' a lowercase hex digit,
 * anything else itself), or 0 when @p p does not have it. */
static size_t shaped(const char *p, const char *shape)
{
	size_t i = 0;
	for (; shape[i]; i++)
		if (!p[i] || (shape[i] == 'd' ? !isdigit((unsigned char)p[i]) :
			      shape[i] == 'x' ? !isxdigit((unsigned char)p[i]) || isupper(p[i]) :
			      p[i] != shape[i]))
			return 0;
	return i;
}

void mask_timestamps(char *text)
{
	static const char *const shapes[] = {
		"dddd-dd-ddTdd:dd:dd.dddZ", "dddd-dd-ddTdd:dd:ddZ",
		"kl. dd.dd UTC",   /* a report's locking time in its words */
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	for (char *p = text; *p; p++) {
		for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
			size_t len = shaped(p, shapes[k]);
			bool digest = k == 3;
			if (!len || (digest && ((p > text && isalnum((unsigned char)p[-1])) ||
						isalnum((unsigned char)p[len]))))
				continue;
			memset(p, ' ', len);
			p[0] = 'T';
			break;
		}
	}
}

/* Tells @p steps to a server on the demo data set, on PostgreSQL when @p pg (the database
 * moved over by folja copy's code, tests/support.c), else on SQLite: each reply's status and
 * body, timestamps masked, as one text (malloc'd). */
char *http_story(const struct step *steps, size_t n, bool pg)
{
	if (pg)
		setenv("FOLJA_TEST_ENGINE", "postgresql", 1);
	tsrv_start(false, true);
	unsetenv("FOLJA_TEST_ENGINE");
	size_t cap = 1 << 16, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < n; i++) {
		struct tresp r;
		const struct step *s = &steps[i];
		int status = http_headers(s->method, s->path, s->tok, s->headers,
					  s->body ? "application/json" : NULL, s->body,
					  s->body ? strlen(s->body) : 0, &r);
		size_t need = len + strlen(s->path) + r.body_len + 64;
		while (need > cap)
			ck_assert_ptr_nonnull(text = realloc(text, cap *= 2));
		len += (size_t)sprintf(text + len, "%s %s -> %d\n%s\n", s->method, s->path, status,
				       r.body);
		tresp_free(&r);
	}
	tsrv_stop();
	mask_timestamps(text);
	return text;
}
