/*
 * What the server decides on the request line and headers alone, and the declarative query
 * strings (include/folja/query.h).
 *
 * Refusals that need no body (unknown path, wrong method, no or a bad token, a declared body
 * over the cap, a wrong content type, a bad query) are answered before any of the body is
 * read: the tests send the headers of a large upload, send no body at all, and expect the
 * answer at once.  Query parameters are checked against each route's spec, generated over the
 * routing table where a rule holds for every route (an unknown `unit_id` is 404 everywhere).
 * The memo cache is keyed on the parsed query, so a query that smuggles one parameter inside
 * another's name is refused rather than stored where the honest query would find it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "folja/api.h"
#include "folja/strbuf.h"
#include "support.h"

/* ---- refusals before the body ------------------------------------------------------------ */

/* Sends the headers of a 900 000-byte upload and no body; returns the reply's status, which
 * must come while the body is still missing. */
static int status_without_body(const char *method, const char *path, const char *auth,
			       const char *content_type)
{
	char raw[1024], reply[4096];
	snprintf(raw, sizeof raw, "%s %s HTTP/1.1\r\nHost: x\r\n%s%s%s%sContent-Type: %s\r\n"
		 "Content-Length: 900000\r\n\r\n", method, path, auth ? "Authorization: Bearer " :
		 "", auth ? auth : "", auth ? "\r\n" : "", "", content_type);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t n = http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(n > 12 && ms < 2000, "%s %s: no reply before the body (%.0f ms)", method,
		      path, ms);
	return atoi(reply + 9);
}

START_TEST(refused_before_the_body_is_read)
{
	ck_assert_int_eq(status_without_body("POST", "/api/v1/units", NULL, "application/json"),
			 401);
	ck_assert_int_eq(status_without_body("POST", "/api/v1/units", T.token[T_READER],
					     "application/json"), 403);
	ck_assert_int_eq(status_without_body("POST", "/api/v1/units", T.token[T_BAD],
					     "application/json"), 401);
	ck_assert_int_eq(status_without_body("POST", "/nowhere", NULL, "application/json"), 404);
	ck_assert_int_eq(status_without_body("POST", "/healthz", NULL, "application/json"), 405);
	ck_assert_int_eq(status_without_body("POST", "/api/v1/units", T.token[T_EDITOR],
					     "text/plain"), 415);
	ck_assert_int_eq(status_without_body("POST", "/api/v1/budget-lines:import?dry_run=maybe",
					     T.token[T_EDITOR], "text/csv"), 400);
	/* over the cap (1 MiB in the tests) */
	char raw[512], reply[2048];
	snprintf(raw, sizeof raw, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
		 "%s\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n",
		 T.token[T_EDITOR]);
	http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	ck_assert_int_eq(atoi(reply + 9), 413);
}
END_TEST

/* A route that takes no body drops one unread: the request is answered as without it. */
START_TEST(body_on_a_route_without_one_is_not_kept)
{
	struct tresp r;
	char *big = malloc(600000);
	memset(big, 'x', 600000);
	ck_assert_int_eq(http("GET", "/api/v1/units", T_READER, "application/json", big, 600000,
			      &r), 200);
	tresp_free(&r);
	free(big);
}
END_TEST

/* ---- query parameters ---------------------------------------------------------------------- */

static const struct http_case query_cases[] = {
	/* misspelt and unsupported parameters are named, every one of them */
	{"GET", "/api/v1/budget/rollup?unit_id=3&period=2021&grop_by=unit&updated_since=2021-01-01",
	 T_READER, NULL, 400, "invalid_query", "updated_since"},
	{"GET", "/api/v1/budget/rollup?unit_id=3&period=2021&grop_by=unit", T_READER, NULL, 400,
	 "invalid_query", "grop_by"},
	{"GET", "/api/v1/units?limt=5", T_READER, NULL, 400, "invalid_query", "limt"},
	/* a choice error lists the valid values */
	{"GET", "/api/v1/budget/rollup?unit_id=3&period=2021&group_by=verksamhet", T_READER, NULL,
	 400, "invalid_query", "unit, activity, account"},
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&group_by=x", T_READER, NULL, 400,
	 "invalid_query", "category, unit"},
	/* one parameter twice */
	{"GET", "/api/v1/units?limit=5&limit=6", T_READER, NULL, 400, "invalid_query",
	 "more than once"},
	/* a period alone at fault is invalid_period */
	{"GET", "/api/v1/goals/tree?period=2021-13", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/goals/tree", T_READER, NULL, 400, "invalid_period", "is required"},
	/* formats: only what the route gives */
	{"GET", "/api/v1/units?format=xml", T_READER, NULL, 406, "not_acceptable", "json, csv"},
	{"GET", "/api/v1/units?format=xml", T_READER, NULL, 406, "not_acceptable",
	 "\"title\":\"Not Acceptable\""},
	{"GET", "/api/v1/goals/tree?period=2021&format=xml", T_READER, NULL, 406, "not_acceptable",
	 "json, csv"},
	{"GET", "/api/v1/units/1?format=csv", T_READER, NULL, 406, "not_acceptable", NULL},
	/* a summary as CSV: its totals row, then a row per entry of each breakdown */
	{"GET", "/api/v1/lex-sarah-reports/summary?period=2021&format=csv&columns=breakdown,key,count",
	 T_READER, NULL, 200, NULL, "breakdown;key;count\r\ntotal;;\r\ngroups;sekretess_informationssakerhet;2"},
	{"GET", "/api/v1/units?format=csv", T_READER, NULL, 200, NULL, "code;"},
	{"GET", "/api/v1/units?format=json", T_READER, NULL, 200, NULL, "\"items\""},
	/* a text filter takes no control characters */
	{"GET", "/api/v1/units?q=a%0Ab", T_READER, NULL, 400, "invalid_query", "q"},
};

START_TEST(query_table)
{
	RUN_CASES(query_cases);
}
END_TEST

/* A query with hundreds of parameters gets an answer, not a connection left hanging. */
START_TEST(hundreds_of_parameters_are_refused)
{
	static char raw[16384];
	char reply[2048];
	size_t n = (size_t)snprintf(raw, sizeof raw, "GET /api/v1/units?");
	for (int i = 0; i < 600; i++)
		n += (size_t)snprintf(raw + n, sizeof raw - n, "%sa%d=x", i ? "&" : "", i);
	n += (size_t)snprintf(raw + n, sizeof raw - n, " HTTP/1.1\r\nHost: x\r\nAuthorization: "
			      "Bearer %s\r\nConnection: close\r\n\r\n", T.token[T_READER]);
	http_raw(raw, n, reply, sizeof reply, 3000);
	ck_assert_msg(strncmp(reply, "HTTP/1.1 400", 12) == 0, "reply: %.60s", reply);
	ck_assert_ptr_nonnull(strstr(reply, "too_many_parameters"));
	/* and the server goes on serving */
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?limit=1", T_READER, NULL, &r), 200);
	tresp_free(&r);
}
END_TEST

/* The query string that gives @p spec's parameters that have an example (all the required
 * ones; unit_id aside) that example. */
static void required_query(const struct query_spec *spec, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (const struct q_param *p = spec ? spec->params : NULL; p && p->kind != Q_END; p++) {
		ck_assert_msg(p->example || !(p->flags & Q_REQUIRED),
			      "required parameter %s has no example", p->name);
		if (!p->example || strcmp(p->name, "unit_id") == 0)
			continue;
		n += (size_t)snprintf(out + n, cap - n, "&%s=%.*s", p->name,
				      (int)strcspn(p->example, ","), p->example);
	}
}

/* Every route that takes unit_id answers an unknown one the same way. */
START_TEST(unknown_unit_is_404_on_every_route)
{
	int checked = 0;
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		bool takes_unit = false;
		for (const struct q_param *p = rt->query ? rt->query->params : NULL;
		     p && p->kind != Q_END; p++)
			takes_unit |= strcmp(p->name, "unit_id") == 0;
		if (!takes_unit || strcmp(rt->method, "GET") != 0)
			continue;
		char path[512], extra[256];
		required_query(rt->query, extra, sizeof extra);
		snprintf(path, sizeof path, "%s?unit_id=999999%s", rt->pattern, extra);
		for (char *p = strchr(path, '{'); p; p = strchr(path, '{')) {
			char *end = strchr(p, '}');
			*p = '1';
			memmove(p + 1, end + 1, strlen(end + 1) + 1);
		}
		struct tresp r;
		int status = req("GET", path, T_SENS_READER, NULL, &r);
		ck_assert_msg(status == 404, "GET %s: %d %s", path, status, r.body);
		ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"unit_id\""));
		tresp_free(&r);
		checked++;
	}
	ck_assert_int_ge(checked, 6);
}
END_TEST

/* ---- the memo key --------------------------------------------------------------------------- */

START_TEST(memo_key_cannot_be_poisoned)
{
	struct tresp r;
	char h[32];
	/* One parameter smuggled inside another's name is refused, so it fills no entry... */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?period=2017&unit_id%3D28%26group_by=unit",
			     T_READER, NULL, &r), 400);
	ck_assert_ptr_nonnull(strstr(r.body, "unit_id=28&group_by"));
	tresp_free(&r);
	/* ...that the honest query would then be answered from. */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?period=2017&unit_id=28&group_by=unit",
			     T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", h, sizeof h), "miss");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(r.json, "root"),
							    "unit_id")), 28);
	tresp_free(&r);
	/* The same question asked otherwise (order, an explicit default, another spelling of the
	 * period) is the same key. */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?group_by=unit&cumulative=true&unit_id=28"
			     "&period=2017", T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", h, sizeof h), "hit");
	tresp_free(&r);
	/* A different question is not. */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?period=2017&unit_id=28&group_by=activity",
			     T_READER, NULL, &r), 200);
	ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", h, sizeof h), "miss");
	tresp_free(&r);
}
END_TEST

/* ---- JSON bodies of many values ------------------------------------------------------------- */

START_TEST(json_bodies_are_bounded)
{
	struct tresp r;
	size_t cap = 800000, n = 0;
	char *body = malloc(cap);
	/* an array of 120 000 zeros */
	body[n++] = '[';
	for (int i = 0; i < 120000; i++) {
		body[n++] = '0';
		body[n++] = ',';
	}
	body[n - 1] = ']';
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "application/json", body, n, &r),
			 413);
	ck_assert_ptr_nonnull(strstr(r.body, "body_too_complex"));
	tresp_free(&r);
	/* an object of 60 000 unique keys: 120 000 values */
	n = (size_t)snprintf(body, cap, "{");
	for (int i = 0; i < 60000 && n + 16 < cap; i++)
		n += (size_t)snprintf(body + n, cap - n, "%s\"%d\":1", i ? "," : "", i);
	body[n++] = '}';
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "application/json", body, n, &r),
			 413);
	tresp_free(&r);
	/* nesting deeper than 64 */
	memset(body, '[', 100);
	memset(body + 100, ']', 100);
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "application/json", body, 200, &r),
			 413);
	tresp_free(&r);
	/* 5 000 unknown keys: 422, the first 100 listed, all counted */
	n = (size_t)snprintf(body, cap, "{\"code\":\"X\",\"name\":\"X\",\"kind\":\"enhet\"");
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(body + n, cap - n, ",\"k%d\":1", i);
	body[n++] = '}';
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "application/json", body, n, &r),
			 422);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "errors")), 100);
	ck_assert_ptr_nonnull(strstr(r.body, "5000 fields are not valid"));
	tresp_free(&r);
	free(body);
}
END_TEST

/* ---- the out-of-memory reply ---------------------------------------------------------------- */

/* Needs no memory of its own: a static problem+json, the same from every handler. */
START_TEST(out_of_memory_is_one_static_problem)
{
	struct req r;
	memset(&r, 0, sizeof r);
	reply_oom(&r);
	ck_assert_uint_eq(r.status, 503);
	ck_assert_ptr_nonnull(r.resp);
	MHD_destroy_response(r.resp);
	/* and a body that failed to build upstream (NULL) is that same reply, not an empty 200 */
	memset(&r, 0, sizeof r);
	reply_json(&r, 200, NULL);
	ck_assert_uint_eq(r.status, 503);
	MHD_destroy_response(r.resp);
}
END_TEST

/* The appender the request key, ETag and log line are written with: numbers as printf
 * writes them, and a text too long cut at the buffer's end, NUL-terminated and marked. */
START_TEST(strbuf_writes_numbers_and_marks_a_cut)
{
	char buf[80];
	struct strbuf b = strbuf_of(buf, sizeof buf);
	strbuf_i64(&b, INT64_MIN);
	strbuf_char(&b, ' ');
	strbuf_i64(&b, -7);
	strbuf_char(&b, ' ');
	strbuf_u64(&b, 5, 3);
	strbuf_char(&b, ' ');
	strbuf_u64(&b, UINT64_MAX, 1);
	strbuf_char(&b, ' ');
	strbuf_hex64(&b, 0xabcULL);
	ck_assert_str_eq(buf, "-9223372036854775808 -7 005 18446744073709551615 "
			      "0000000000000abc");
	ck_assert(!b.full);
	char small[6];
	struct strbuf c = strbuf_of(small, sizeof small);
	strbuf_str(&c, "2026-12");
	ck_assert_str_eq(small, "2026-");
	ck_assert(c.full);
	ck_assert_uint_eq(c.len, 5);
}
END_TEST

Suite *query_suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("headers");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_add_test(tc, refused_before_the_body_is_read);
	tcase_add_test(tc, body_on_a_route_without_one_is_not_kept);
	tcase_add_test(tc, hundreds_of_parameters_are_refused);
	tcase_add_test(tc, json_bodies_are_bounded);
	suite_add_tcase(s, tc);
	TCase *demo = tcase_create("query");
	tcase_add_checked_fixture(demo, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(demo, query_table);
	tcase_add_test(demo, unknown_unit_is_404_on_every_route);
	tcase_add_test(demo, memo_key_cannot_be_poisoned);
	suite_add_tcase(s, demo);
	TCase *replies = tcase_create("replies");
	tcase_add_test(replies, out_of_memory_is_one_static_problem);
	tcase_add_test(replies, strbuf_writes_numbers_and_marks_a_cut);
	suite_add_tcase(s, replies);
	return s;
}
