/* The PostgreSQL suites' fixture (see pg_support.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg_support.h"

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
