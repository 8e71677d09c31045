/*
 * What integrating systems rely on, over HTTP: CORS for browser front-ends on allowed origins
 * (and nothing for others), conditional GET (ETag, 304, and 200 again after a write), gzip,
 * and a request log whose JSON lines parse.  The browser's own view of CORS is proven in
 * headless Chromium by tests/browser_cors.js.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "support.h"

#define ORIGIN "http://intranat.example"

static void setup_cors(void)
{
	tsrv_cors_origin = ORIGIN;
	tsrv_start(false, true);
	tsrv_cors_origin = NULL;
}

/* Sends @p raw (a whole request) and returns the reply's head and body in @p out. */
static void raw(const char *req_text, char *out, size_t cap)
{
	http_raw(req_text, strlen(req_text), out, cap, 3000);
}

START_TEST(cors_preflight_allowed_and_refused)
{
	char out[4096], req_text[512];
	snprintf(req_text, sizeof req_text, "OPTIONS /api/v1/budget-lines HTTP/1.1\r\nHost: x\r\n"
		 "Origin: " ORIGIN "\r\nAccess-Control-Request-Method: POST\r\n"
		 "Access-Control-Request-Headers: authorization, content-type\r\n"
		 "Connection: close\r\n\r\n");
	raw(req_text, out, sizeof out);
	ck_assert_msg(strncmp(out, "HTTP/1.1 204", 12) == 0, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "Access-Control-Allow-Origin: " ORIGIN));
	ck_assert_ptr_nonnull(strstr(out, "Access-Control-Allow-Methods: GET, POST"));
	ck_assert_ptr_nonnull(strstr(out, "Authorization, Content-Type, If-Match, If-None-Match"));
	ck_assert_ptr_nonnull(strstr(out, "Vary: Origin"));
	/* another origin: no grant at all */
	snprintf(req_text, sizeof req_text, "OPTIONS /api/v1/budget-lines HTTP/1.1\r\nHost: x\r\n"
		 "Origin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\n"
		 "Connection: close\r\n\r\n");
	raw(req_text, out, sizeof out);
	ck_assert_ptr_null(strstr(out, "Access-Control-Allow"));
	/* an unknown path is 404 */
	snprintf(req_text, sizeof req_text, "OPTIONS /nowhere HTTP/1.1\r\nHost: x\r\n"
		 "Origin: " ORIGIN "\r\nConnection: close\r\n\r\n");
	raw(req_text, out, sizeof out);
	ck_assert_msg(strncmp(out, "HTTP/1.1 404", 12) == 0, "%s", out);
}
END_TEST

START_TEST(cors_simple_requests)
{
	char out[65536], req_text[512];
	snprintf(req_text, sizeof req_text, "GET /api/v1/units?limit=1 HTTP/1.1\r\nHost: x\r\n"
		 "Origin: " ORIGIN "\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n",
		 T.token[T_READER]);
	raw(req_text, out, sizeof out);
	ck_assert_ptr_nonnull(strstr(out, "Access-Control-Allow-Origin: " ORIGIN));
	ck_assert_ptr_nonnull(strstr(out, "Access-Control-Expose-Headers: ETag, Location"));
	snprintf(req_text, sizeof req_text, "GET /api/v1/units?limit=1 HTTP/1.1\r\nHost: x\r\n"
		 "Origin: http://evil.example\r\nAuthorization: Bearer %s\r\n"
		 "Connection: close\r\n\r\n", T.token[T_READER]);
	raw(req_text, out, sizeof out);
	ck_assert_ptr_null(strstr(out, "Access-Control-Allow-Origin"));
	ck_assert_ptr_nonnull(strstr(out, "Vary: Origin"));
}
END_TEST

/* The value of header @p name of a reply to GET @p path with @p extra headers (raw). */
static int get_with(const char *path, const char *extra, char *out, size_t cap)
{
	char req_text[1024];
	snprintf(req_text, sizeof req_text, "GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
		 "%s\r\n%sConnection: close\r\n\r\n", path, T.token[T_EDITOR], extra);
	raw(req_text, out, cap);
	return atoi(out + 9);
}

static void header_of(const char *reply, const char *name, char *val, size_t cap)
{
	const char *p = strcasestr(reply, name);
	ck_assert_msg(p != NULL, "no %s in %s", name, reply);
	p += strlen(name) + 2;
	snprintf(val, cap, "%.*s", (int)strcspn(p, "\r"), p);
}

START_TEST(conditional_get_on_a_rollup)
{
	static char out[1 << 17];
	char etag[64], inm[128];
	const char *rollup = "/api/v1/budget/rollup?unit_id=3&period=2021";
	ck_assert_int_eq(get_with(rollup, "", out, sizeof out), 200);
	header_of(out, "ETag", etag, sizeof etag);
	ck_assert_ptr_nonnull(strcasestr(out, "Cache-Control: private, no-cache"));
	snprintf(inm, sizeof inm, "If-None-Match: %s\r\n", etag);
	ck_assert_int_eq(get_with(rollup, inm, out, sizeof out), 304);
	ck_assert_ptr_nonnull(strstr(out, etag));
	ck_assert_msg(strstr(out, "\r\n\r\n")[4] == '\0', "a 304 has no body: %s", out);
	/* another question has another tag */
	ck_assert_int_eq(get_with("/api/v1/budget/rollup?unit_id=3&period=2021&scale=tkr", inm, out,
				  sizeof out), 200);
	/* a write anywhere: the same question is answered again */
	create("/api/v1/budget-lines", "{\"unit_id\":10,\"activity\":\"X\",\"account\":\"4000\","
	       "\"year\":2021,\"month\":2,\"measure\":\"outcome\",\"amount_kr\":-1000}");
	ck_assert_int_eq(get_with(rollup, inm, out, sizeof out), 200);
	/* a single resource's tag is its version */
	ck_assert_int_eq(get_with("/api/v1/units/5", "If-None-Match: \"1\"\r\n", out, sizeof out),
			 304);
	ck_assert_int_eq(get_with("/api/v1/units/5", "If-None-Match: \"2\"\r\n", out, sizeof out),
			 200);
	ck_assert_int_eq(get_with("/api/v1/units?limit=1", "If-None-Match: *\r\n", out, sizeof out),
			 304);
}
END_TEST

/* A record any reader may read is memoised with its ETag (its version): a hit answers as the
 * first read did, If-None-Match included, and a write is seen at once.  A record of a
 * sensitive register is never kept.  Records only take the room computed replies leave: a
 * system reading hundreds of records leaves a memoised rollup in place. */
START_TEST(records_are_memoised_with_their_etag)
{
	static char out[1 << 17];
	char etag[64], cache[16];
	ck_assert_int_eq(get_with("/api/v1/units/5", "", out, sizeof out), 200);
	header_of(out, "X-Folja-Cache", cache, sizeof cache);
	ck_assert_str_eq(cache, "miss");
	ck_assert_int_eq(get_with("/api/v1/units/5", "", out, sizeof out), 200);
	header_of(out, "X-Folja-Cache", cache, sizeof cache);
	ck_assert_str_eq(cache, "hit");
	header_of(out, "ETag", etag, sizeof etag);
	ck_assert_str_eq(etag, "\"1\"");
	ck_assert_int_eq(get_with("/api/v1/units/5", "If-None-Match: \"1\"\r\n", out, sizeof out),
			 304);
	struct tresp r;
	ck_assert_int_eq(http_headers("PATCH", "/api/v1/units/5", T_EDITOR, "If-Match: \"1\"\r\n",
				      "application/json", "{\"name\":\"IFO, omdöpt\"}", 23, &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(get_with("/api/v1/units/5", "If-None-Match: \"1\"\r\n", out, sizeof out),
			 200);
	header_of(out, "ETag", etag, sizeof etag);
	ck_assert_str_eq(etag, "\"2\"");
	ck_assert_ptr_nonnull(strstr(out, "IFO, omdöpt"));
	/* a sensitive register's record: read twice, kept neither time */
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(req("GET", "/api/v1/lex-sarah-reports/1", T_SENS_READER, NULL, &r),
				 200);
		ck_assert_ptr_null(tresp_header(&r, "X-Folja-Cache", cache, sizeof cache));
		tresp_free(&r);
	}
	/* a rollup, then more records than the cache has slots (the demo's budget lines), then
	 * the rollup again */
	const char *rollup = "/api/v1/budget/rollup?unit_id=3&period=2021";
	ck_assert_int_eq(get_with(rollup, "", out, sizeof out), 200);
	header_of(out, "X-Folja-Cache", cache, sizeof cache);
	ck_assert_str_eq(cache, "miss");
	struct tresp list;
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines?limit=200", T_READER, NULL, &list), 200);
	json_t *items = json_object_get(list.json, "items");
	ck_assert_uint_gt(json_array_size(items), 150);   /* more than the cache's 128 slots */
	for (size_t i = 0; i < json_array_size(items); i++) {
		char path[64];
		snprintf(path, sizeof path, "/api/v1/budget-lines/%lld", (long long)json_integer_value(
			 json_object_get(json_array_get(items, i), "id")));
		ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
		ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", cache, sizeof cache), "miss");
		tresp_free(&r);
	}
	tresp_free(&list);
	ck_assert_int_eq(get_with(rollup, "", out, sizeof out), 200);
	header_of(out, "X-Folja-Cache", cache, sizeof cache);
	ck_assert_str_eq(cache, "hit");
}
END_TEST

/* A reader of the memoised rollup, as a thread: how many of its reads were whole. */
struct reader {
	pthread_t thread;
	int good;
};

static void *reader_run(void *arg)
{
	struct reader *rd = arg;
	for (int i = 0; i < 40; i++) {
		struct tresp r;
		const char *extra = i % 2 ? "Accept-Encoding: gzip\r\n" : "";
		if (http_headers("GET", "/api/v1/budget/rollup?unit_id=1&period=2021", T_READER,
				 extra, NULL, NULL, 0, &r) == 200 && r.body_len > 1000)
			rd->good++;
		tresp_free(&r);
	}
	return NULL;
}

/* Replies sent from the memo while writes make their entries stale and new replies take
 * their slots: every read is whole.  Each reply holds a reference to its bytes until it is
 * sent; under the sanitizers this test would show a reply outliving them, when the timing
 * lines up (it cannot force an eviction in the middle of a send). */
START_TEST(memoised_replies_outlive_their_entries)
{
	struct reader rd[4] = {0};
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&rd[i].thread, NULL, reader_run, &rd[i]), 0);
	for (int i = 0; i < 15; i++) {
		char body[256];
		snprintf(body, sizeof body, "{\"unit_id\":10,\"activity\":\"M%d\",\"account\":"
			 "\"4000\",\"year\":2021,\"month\":3,\"measure\":\"outcome\","
			 "\"amount_kr\":-%d}", i, 100 + i);
		create("/api/v1/budget-lines", body);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(rd[i].thread, NULL);
		ck_assert_int_eq(rd[i].good, 40);
	}
}
END_TEST

/* A write kept waiting for the database's lock, as a thread: its status. */
struct waiter {
	pthread_t thread;
	int n, status;
};

static void *waiter_run(void *arg)
{
	struct waiter *w = arg;
	struct tresp r;
	char body[256];
	snprintf(body, sizeof body, "{\"unit_id\":10,\"activity\":\"W%d\",\"account\":\"4000\","
		 "\"year\":2021,\"month\":3,\"measure\":\"outcome\",\"amount_kr\":-1}", w->n);
	w->status = req("POST", "/api/v1/budget-lines", T_EDITOR, body, &r);
	tresp_free(&r);
	return NULL;
}

/* Handlers that wait (writes queued behind a lock another process holds: more of them than
 * the server has workers) hold up no other request: the event threads go on answering the
 * health check and a memoised rollup at once, and the writes land when the lock goes.  A
 * server whose threads ran the handlers themselves would leave both waiting for the lock. */
START_TEST(waiting_handlers_hold_up_no_other_request)
{
	static const char rollup[] = "/api/v1/budget/rollup?unit_id=1&period=2021";
	struct waiter w[6] = {0};   /* tests/support.c gives the server 4 workers */
	struct tresp r;
	char cache[16];
	sqlite3 *h;
	ck_assert_int_eq(req("GET", rollup, T_READER, NULL, &r), 200);   /* memoised from here */
	tresp_free(&r);
	ck_assert_int_eq(sqlite3_open(T.db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	for (int i = 0; i < 6; i++) {
		w[i].n = i;
		ck_assert_int_eq(pthread_create(&w[i].thread, NULL, waiter_run, &w[i]), 0);
	}
	usleep(300 * 1000);   /* the writes reach the lock */
	double t0 = now_s();
	for (int i = 0; i < 10; i++) {
		ck_assert_int_eq(req("GET", "/healthz", T_NONE, NULL, &r), 200);
		tresp_free(&r);
		ck_assert_int_eq(req("GET", rollup, T_READER, NULL, &r), 200);
		ck_assert_str_eq(tresp_header(&r, "X-Folja-Cache", cache, sizeof cache), "hit");
		tresp_free(&r);
	}
	double took = (now_s() - t0) * 1000;
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(w[i].status, 0);   /* still waiting */
	ck_assert_int_eq(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	for (int i = 0; i < 6; i++) {
		pthread_join(w[i].thread, NULL);
		ck_assert_int_eq(w[i].status, 201);
	}
	ck_assert_msg(took < 3000, "20 reads took %.0f ms while the writes waited", took);
}
END_TEST

START_TEST(gzip_round_trip)
{
	static char out[1 << 17];
	static unsigned char plain[1 << 18];
	const char *rollup = "/api/v1/budget/rollup?unit_id=3&period=2021";
	for (int pass = 0; pass < 2; pass++) {   /* computed, then memoised */
		ck_assert_int_eq(get_with(rollup, "Accept-Encoding: gzip, deflate\r\n", out,
					  sizeof out), 200);
		ck_assert_ptr_nonnull(strcasestr(out, "Content-Encoding: gzip"));
		ck_assert_ptr_nonnull(strcasestr(out, "Vary: Accept-Encoding"));
		char len_s[32];
		header_of(out, "Content-Length", len_s, sizeof len_s);
		const unsigned char *body = (const unsigned char *)strstr(out, "\r\n\r\n") + 4;
		z_stream z = {.next_in = (Bytef *)body, .avail_in = (uInt)atoi(len_s),
			      .next_out = plain, .avail_out = sizeof plain - 1};
		ck_assert_int_eq(inflateInit2(&z, 15 + 16), Z_OK);
		ck_assert_int_eq(inflate(&z, Z_FINISH), Z_STREAM_END);
		plain[z.total_out] = '\0';
		inflateEnd(&z);
		json_t *j = json_loads((const char *)plain, 0, NULL);
		ck_assert_ptr_nonnull(j);
		ck_assert_ptr_nonnull(json_object_get(j, "root"));
		json_decref(j);
	}
	/* q=0 refuses gzip; a small reply is never encoded */
	ck_assert_int_eq(get_with(rollup, "Accept-Encoding: gzip;q=0\r\n", out, sizeof out), 200);
	ck_assert_ptr_null(strcasestr(out, "Content-Encoding"));
	ck_assert_int_eq(get_with("/api/v1/units/5", "Accept-Encoding: gzip\r\n", out, sizeof out),
			 200);
	ck_assert_ptr_null(strcasestr(out, "Content-Encoding"));
}
END_TEST

/* The binary with --log-format json: every line of its request log parses as JSON. */
START_TEST(json_log_lines_parse)
{
	const char *bin = getenv("FOLJA_BIN");
	ck_assert_ptr_nonnull(bin);
	char cmd[1024], dir[] = "/tmp/folja-log.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "%s demo --db %s/l.db >/dev/null 2>&1 && "
		 "(%s serve --db %s/l.db --listen 127.0.0.1:0 --log-format json 2>%s/log & "
		 "pid=$!; sleep 0.7; port=$(sed -n 's/.*listening on port \\([0-9]*\\).*/\\1/p' "
		 "%s/log); for p in /healthz '/api/v1/units?x=%%0A' /nowhere /healthz; do "
		 "curl -s -o /dev/null \"http://127.0.0.1:$port$p\"; done; kill $pid; wait $pid)",
		 bin, dir, bin, dir, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/log", dir);
	FILE *f = fopen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	char line[2048];
	int requests = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] != '{')
			continue;   /* the start and stop lines are text */
		json_t *j = json_loads(line, 0, NULL);
		ck_assert_msg(j && json_is_integer(json_object_get(j, "status")), "%s", line);
		json_t *ms = json_object_get(j, "ms");
		ck_assert_msg(json_is_real(ms) && json_real_value(ms) >= 0, "%s", line);
		ck_assert_msg(strlen(json_string_value(json_object_get(j, "at"))) == 20, "%s", line);
		json_decref(j);
		requests++;
	}
	fclose(f);
	ck_assert_int_eq(requests, 4);
	remove_dir(dir);
}
END_TEST

/* The change feed across create, update and delete, paged by sequence. */
START_TEST(change_feed)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/changes", T_READER, NULL, &r), 200);
	int64_t start = json_integer_value(json_object_get(r.json, "next_after"));
	tresp_free(&r);
	int64_t id = create("/api/v1/units", "{\"code\":\"FEED\",\"name\":\"x\",\"kind\":\"enhet\","
			    "\"parent_id\":5}");
	char path[64], q[96];
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)id);
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, "{\"name\":\"y\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 204);
	tresp_free(&r);
	/* a sensitive register's change: not for a reader without `sensitive` */
	create("/api/v1/decisions", "{\"unit_id\":3,\"law\":\"SoL\",\"inriktning\":"
	       "\"barn_och_familj\",\"insats\":\"familjehem\",\"gender\":\"K\","
	       "\"decided_on\":\"2021-01-15\"}");
	snprintf(q, sizeof q, "/api/v1/changes?after=%lld&limit=2", (long long)start);
	ck_assert_int_eq(req("GET", q, T_READER, NULL, &r), 200);
	json_t *items = json_object_get(r.json, "items");
	ck_assert_uint_eq(json_array_size(items), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 3);
	ck_assert(json_is_true(json_object_get(r.json, "more")));
	const char *ops[] = {"create", "update", "delete"};
	for (size_t i = 0; i < 2; i++) {
		json_t *c = json_array_get(items, i);
		ck_assert_str_eq(json_string_value(json_object_get(c, "entity")), "unit");
		ck_assert_int_eq(json_integer_value(json_object_get(c, "id")), id);
		ck_assert_str_eq(json_string_value(json_object_get(c, "op")), ops[i]);
		ck_assert_int_eq(json_integer_value(json_object_get(c, "version")), (int64_t)i + 1);
	}
	int64_t next = json_integer_value(json_object_get(r.json, "next_after"));
	tresp_free(&r);
	snprintf(q, sizeof q, "/api/v1/changes?after=%lld", (long long)next);
	ck_assert_int_eq(req("GET", q, T_READER, NULL, &r), 200);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "items")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(r.json,
			 "items"), 0), "op")), "delete");
	ck_assert_ptr_null(strstr(r.body, "decision"));
	tresp_free(&r);
	/* with `sensitive` the decision is there too */
	ck_assert_int_eq(req("GET", q, T_SENS_READER, NULL, &r), 200);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "items")), 2);
	ck_assert_ptr_nonnull(strstr(r.body, "\"entity\":\"decision\""));
	tresp_free(&r);
}
END_TEST

Suite *integration_suite(void)
{
	Suite *s = suite_create("integration");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, setup_cors, tsrv_teardown);
	tcase_add_test(tc, cors_preflight_allowed_and_refused);
	tcase_add_test(tc, cors_simple_requests);
	tcase_add_test(tc, conditional_get_on_a_rollup);
	tcase_add_test(tc, records_are_memoised_with_their_etag);
	tcase_add_test(tc, memoised_replies_outlive_their_entries);
	if (!getenv("FOLJA_TEST_ENGINE"))   /* it holds SQLite's file lock */
		tcase_add_test(tc, waiting_handlers_hold_up_no_other_request);
	tcase_add_test(tc, gzip_round_trip);
	tcase_add_test(tc, change_feed);
	suite_add_tcase(s, tc);
	TCase *bin = tcase_create("binary");
	tcase_add_test(bin, json_log_lines_parse);
	suite_add_tcase(s, bin);
	return s;
}
