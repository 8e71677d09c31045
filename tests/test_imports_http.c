/*
 * The imports read as a stream (src/api/import.c, src/db/stage.c), against a real server whose
 * --max-body is 64 KiB and --max-import-body 4 MiB: a body many times --max-body goes through
 * and its aggregates add up; past --max-import-body it is 413 naming that flag, whether the
 * size is declared or found out on the way; a record past 64 KiB is 413; a body that is not
 * a JSON array is 400; row errors are listed as before (the first 100, every one counted) and
 * nothing is stored; a dry run stores nothing; two uploads sent at once in pieces on one
 * event thread both land whole; a client gone in the middle of an upload leaves nothing
 * staged or stored, and the next import works; a token scoped to one municipality imports
 * rows of its own units only, and a unit code two municipalities share is settled by the
 * row's municipality_code or the scope, never guessed.
 *
 * The server runs one event thread (which reads and stores an upload) and one worker, so the
 * interleaved uploads share one connection to the database, each with spool files of its
 * own.  db_stage_rows() counts what uploads under way
 * have staged, read here from the server's own process.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "folja/auth.h"
#include "folja/db.h"
#include "folja/db_import.h"
#include "folja/db_statistics.h"
#include "folja/server.h"
#include "support.h"

#define MAX_BODY (64u << 10)
#define MAX_IMPORT (4u << 20)
#define PIECE (16u << 10)
#define BUDGET_IMPORT "/api/v1/budget-lines:import"

static void small_limits(struct server_config *cfg)
{
	cfg->max_body = MAX_BODY;
	cfg->max_import_body = MAX_IMPORT;
	cfg->threads = 1;
	cfg->event_threads = 1;
	cfg->timeout_s = 20;
}

/* The same with a short connection timeout.  libmicrohttpd 0.9.75 (epoll) may notice a
 * client that closed its end while its upload was still being read only when the
 * connection times out, so that is when the upload is dropped at the latest. */
static void short_timeout(struct server_config *cfg)
{
	small_limits(cfg);
	cfg->timeout_s = 2;
}

static int64_t units[10];   /* enheter under one kommun, made by setup() */
static int64_t root;

static void setup_units(void)
{
	root = create("/api/v1/units", "{\"code\":\"K\",\"name\":\"Kommun\",\"kind\":\"kommun\","
		      "\"municipality_code\":\"0138\"}");
	for (int i = 0; i < 10; i++) {
		char body[128];
		snprintf(body, sizeof body, "{\"code\":\"E%d\",\"name\":\"Enhet %d\",\"kind\":"
			 "\"enhet\",\"parent_id\":%lld}", i, i, (long long)root);
		units[i] = create("/api/v1/units", body);
	}
}

static void setup(void)
{
	tsrv_tune = small_limits;
	tsrv_start(false, false);
	setup_units();
}

static void setup_short_timeout(void)
{
	tsrv_tune = short_timeout;
	tsrv_start(false, false);
	setup_units();
}

static void setup_demo(void)
{
	tsrv_tune = small_limits;
	tsrv_start(false, true);
}

static void teardown(void)
{
	tsrv_stop();
	tsrv_tune = NULL;
}

/* ==== bodies =============================================================================== */

/* A text built by appending, owned. */
struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(n, 0);
		if (t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		t->cap = t->cap ? t->cap * 2 : 1u << 16;
		ck_assert_ptr_nonnull(t->s = realloc(t->s, t->cap));
	}
}

/* A ledger export of @p rows outcome lines of year @p year over the ten units, row i of
 * amount -(i % 1000) kr; *sum gets their sum. */
static struct text ledger(size_t rows, int year, long long *sum)
{
	struct text t = {0};
	*sum = 0;
	add(&t, "unit_id;activity;account;year;month;measure;amount_kr\r\n");
	for (size_t i = 1; i <= rows; i++) {
		add(&t, "%lld;4%02zu;40%02zu;%d;%zu;outcome;-%zu\r\n", (long long)units[i % 10],
		    i % 7, i % 13, year, 1 + i % 12, i % 1000);
		*sum -= (long long)(i % 1000);
	}
	return t;
}

/* ==== reading back ========================================================================= */

static json_int_t lines_total(const char *query)
{
	struct tresp r;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/budget-lines?limit=1&%s", query);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_int_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

/* The outcome of year @p year over the kommun, from the aggregates the import wrote. */
static long long outcome_of(int year)
{
	struct tresp r;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/budget/rollup?unit_id=%lld&period=%d",
		 (long long)root, year);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *v = json_object_get(json_object_get(r.json, "root"), "outcome_period");
	ck_assert_msg(json_is_integer(v), "%.300s", r.body);
	long long sum = json_integer_value(v);
	tresp_free(&r);
	return sum;
}

/* True once db_stage_rows() is non-zero (@p nonzero) or zero, within @p ms. */
static bool staged_becomes(bool nonzero, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		if ((db_stage_rows() != 0) == nonzero)
			return true;
		usleep(10000);
	}
	return false;
}

static int post(const char *path, enum tok tok, const char *ctype, const struct text *t,
		struct tresp *r)
{
	return http("POST", path, tok, ctype, t->s, t->len, r);
}

/* ==== uploads by hand ====================================================================== */

static int tcp(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(T.port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct timeval tv = {.tv_sec = 20};
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

static void send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		ck_assert_msg(w > 0, "the server stopped reading the upload");
		p += w;
		n -= (size_t)w;
	}
}

/* Opens an upload to @p path: its headers (a body of @p len bytes, or chunked when 0). */
static int upload_start(const char *path, const char *ctype, size_t len)
{
	char head[512];
	int fd = tcp();
	int n = snprintf(head, sizeof head, "POST %s HTTP/1.1\r\nHost: localhost\r\n"
			 "Connection: close\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\n",
			 path, T.token[T_EDITOR], ctype);
	if (len)
		n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n\r\n", len);
	else
		n += snprintf(head + n, sizeof head - (size_t)n,
			      "Transfer-Encoding: chunked\r\n\r\n");
	send_all(fd, head, (size_t)n);
	return fd;
}

static void send_chunk(int fd, const char *p, size_t n)
{
	char size[32];
	int k = snprintf(size, sizeof size, "%zx\r\n", n);
	send_all(fd, size, (size_t)k);
	send_all(fd, p, n);
	send_all(fd, "\r\n", 2);
}

/* The status of the reply on @p fd, its body copied into @p body (@p cap bytes); closes.
 * It waits a minute for the reply: an import's end is one long call, valgrind's too. */
static int upload_reply(int fd, char *body, size_t cap)
{
	static char buf[1u << 16];
	size_t n = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (n + 1 < sizeof buf && poll(&p, 1, 60000) > 0) {
		ssize_t got = recv(fd, buf + n, sizeof buf - n - 1, 0);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	close(fd);
	int status = 0;
	sscanf(buf, "HTTP/1.%*d %d", &status);
	const char *b = strstr(buf, "\r\n\r\n");
	snprintf(body, cap, "%s", b ? b + 4 : "");
	return status;
}

/* POSTs @p t to @p path as the editor and waits for the reply as upload_reply() does. */
static int upload(const char *path, const char *ctype, const struct text *t, char *body,
		  size_t cap)
{
	int fd = upload_start(path, ctype, t->len);
	send_all(fd, t->s, t->len);
	return upload_reply(fd, body, cap);
}

/* ==== size ================================================================================= */

/* An import of many times --max-body is read piece by piece and stored whole, its aggregates
 * with it; nothing stays staged. */
START_TEST(an_import_past_max_body_is_stored)
{
	long long sum;
	/* a tenth under valgrind (FOLJA_HOSTILE_SCALE=10): still five times --max-body */
	const char *scale = getenv("FOLJA_HOSTILE_SCALE");
	int n = scale && atoi(scale) > 0 && atoi(scale) < 100 ? 1000 * atoi(scale) : 100000;
	struct text csv = ledger(n, 2021, &sum);
	struct tresp r;
	char body[2048], imported[48];
	ck_assert_uint_gt(csv.len, (size_t)n / 2500 * MAX_BODY);
	ck_assert_int_eq(upload(BUDGET_IMPORT, "text/csv", &csv, body, sizeof body), 201);
	snprintf(imported, sizeof imported, "\"imported\":%d", n);
	ck_assert_msg(strstr(body, imported), "%s", body);
	ck_assert_int_eq(lines_total("year=2021"), n);
	ck_assert_int_eq(outcome_of(2021), sum);
	ck_assert_uint_eq(db_stage_rows(), 0);
	/* a single line after it: the insert trigger is back on */
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\": 2, \"year\":"
			     " 2021, \"month\": 1, \"measure\": \"outcome\", \"amount_kr\": -7}",
			     &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(outcome_of(2021), sum - 7);
	free(csv.s);
}
END_TEST

/* Past --max-import-body: 413 naming the flag, whether Content-Length says so at once or the
 * body runs past it on the way (chunked); nothing is stored or left staged. */
START_TEST(an_import_past_max_import_body_is_413)
{
	long long sum;
	struct text csv = ledger(200000, 2021, &sum);
	struct tresp r;
	char body[2048];
	ck_assert_uint_gt(csv.len, MAX_IMPORT);
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 413);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "body_too_large");
	ck_assert_ptr_nonnull(strstr(r.body, "--max-import-body"));
	tresp_free(&r);
	int fd = upload_start(BUDGET_IMPORT, "text/csv", 0);
	for (size_t at = 0; at < csv.len; at += PIECE)
		send_chunk(fd, csv.s + at, csv.len - at < PIECE ? csv.len - at : PIECE);
	send_all(fd, "0\r\n\r\n", 5);
	ck_assert_int_eq(upload_reply(fd, body, sizeof body), 413);
	ck_assert_msg(strstr(body, "--max-import-body"), "%s", body);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert(staged_becomes(false, 5000));
	free(csv.s);
}
END_TEST

/* One record past 64 KiB is 413, in CSV and JSON alike, and nothing is stored. */
START_TEST(a_record_past_64_kib_is_413)
{
	long long sum;
	struct text csv = ledger(5000, 2021, &sum), json = {0};
	struct tresp r;
	char *big = malloc(70000);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 69999);
	big[69999] = '\0';
	add(&csv, "%lld;1;1;2021;1;outcome;%s\r\n", (long long)units[0], big);
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 413);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "record_too_large");
	ck_assert_ptr_nonnull(strstr(r.body, "line 5002"));
	tresp_free(&r);
	add(&json, "[{\"unit_id\": %lld, \"year\": 2021, \"month\": 1, \"measure\": \"outcome\","
	    " \"amount_kr\": 1}, {\"decision_ref\": \"%s\"}]", (long long)units[0], big);
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "application/json", &json, &r), 413);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "record_too_large");
	ck_assert_ptr_nonnull(strstr(r.body, "element 2"));
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_uint_eq(db_stage_rows(), 0);
	free(big);
	free(csv.s);
	free(json.s);
}
END_TEST

/* ==== bodies that cannot be read =========================================================== */

/* Not one JSON array: 400, naming what is wrong; after a megabyte of good elements too. */
START_TEST(a_malformed_json_array_is_400)
{
	static const struct {
		const char *body;
		const char *code;
		const char *says;
	} cases[] = {
		{"{\"unit_id\": 2}", "invalid_body", "JSON array of budget lines"},
		{"\"lines\"", "invalid_body", "JSON array"},
		{"[{\"unit_id\": 2, \"year\": 2021}", "invalid_json", "not closed"},
		{"[{\"unit_id\": 2},,{}]", "invalid_json", "missing"},
		{"[{\"unit_id\": 2}] []", "invalid_json", "text follows the array"},
		{"[{\"unit_id\": 2,}]", "invalid_json", "element 1"},
		{"[{\"a\": 1, \"a\": 2}]", "invalid_json", "duplicate"},
		{"   ", "invalid_json", "not closed"},
	};
	struct tresp r;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(req("POST", BUDGET_IMPORT, T_EDITOR, cases[i].body, &r), 400);
		ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), cases[i].code);
		ck_assert_msg(strstr(r.body, cases[i].says), "case %zu: %s", i, r.body);
		tresp_free(&r);
	}
	struct text json = {0};
	add(&json, "[");
	for (int i = 0; i < 20000; i++)
		add(&json, "%s{\"unit_id\": %lld, \"year\": 2021, \"month\": %d, \"measure\": "
		    "\"outcome\", \"amount_kr\": -%d}", i ? "," : "", (long long)units[i % 10],
		    1 + i % 12, i);
	add(&json, ", {\"unit_id\": 2 \"year\": 2021}]");
	ck_assert_uint_gt(json.len, 16 * MAX_BODY);
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "application/json", &json, &r), 400);
	ck_assert_ptr_nonnull(strstr(r.body, "element 20001"));
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_uint_eq(db_stage_rows(), 0);
	free(json.s);
}
END_TEST

/* ==== row errors and dry runs ============================================================== */

/* Every 40th row wrong: the first 100 errors listed in row order with the messages of
 * before, all 150 counted, nothing stored. */
START_TEST(row_errors_first_100_listed_all_counted)
{
	struct text csv = {0};
	struct tresp r;
	add(&csv, "unit_id;activity;account;year;month;measure;amount_kr\n");
	for (int i = 1; i <= 6000; i++)
		add(&csv, "%lld;410;4000;%s;3;outcome;-5\n", (long long)units[i % 10],
		    i % 40 ? "2021" : "19");
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "invalid_rows");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(r.json, "detail")),
				     "150 errors in the import; nothing was stored (the first 100 "
				     "are listed)"));
	json_t *errors = json_object_get(r.json, "errors");
	ck_assert_uint_eq(json_array_size(errors), 100);
	for (size_t i = 0; i < 100; i++) {
		json_t *e = json_array_get(errors, i);
		char msg[96];
		snprintf(msg, sizeof msg, "row %zu: '19' is not a year from 1900 to 2200",
			 40 * (i + 1));
		ck_assert_int_eq(json_integer_value(json_object_get(e, "row")), 40 * (i + 1));
		ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "year");
		ck_assert_str_eq(json_string_value(json_object_get(e, "message")), msg);
	}
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=3"), 0);
	ck_assert_uint_eq(db_stage_rows(), 0);
	free(csv.s);
}
END_TEST

/* A dry run judges every row and stores nothing, in CSV and JSON. */
START_TEST(a_dry_run_stores_nothing)
{
	long long sum;
	struct text csv = ledger(30000, 2021, &sum), json = {0};
	struct tresp r;
	ck_assert_int_eq(post(BUDGET_IMPORT "?dry_run=true", T_EDITOR, "text/csv", &csv, &r),
			 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"dry_run\":true,\"valid_rows\":30000,"
				     "\"imported\":0"));
	tresp_free(&r);
	add(&json, "[{\"unit_id\": %lld, \"year\": 2021, \"month\": 2, \"measure\": \"budget\","
	    " \"amount_kr\": 10}]", (long long)units[1]);
	ck_assert_int_eq(post(BUDGET_IMPORT "?dry_run=true", T_EDITOR, "application/json", &json,
			      &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_uint_eq(db_stage_rows(), 0);
	/* a wrong row in a dry run is named as in the import */
	add(&csv, "%lld;410;4000;2021;13;outcome;1\r\n", (long long)units[0]);
	ck_assert_int_eq(post(BUDGET_IMPORT "?dry_run=true", T_EDITOR, "text/csv", &csv, &r),
			 422);
	ck_assert_ptr_nonnull(strstr(r.body, "row 30001: '13' is not a month"));
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	free(csv.s);
	free(json.s);
}
END_TEST

/* Where the lines cannot be staged (no $TMPDIR to make the spool file in) the import is a
 * 503 problem, nothing is stored or left staged, and the next import with a place to stage
 * goes through. */
/* Points $TMPDIR, where uploads are spooled, at no directory; returns what to put back. */
static char *tmpdir_gone(void)
{
	const char *old = getenv("TMPDIR");
	char *keep = old ? strdup(old) : NULL;
	setenv("TMPDIR", "/nonexistent/folja-test", 1);
	return keep;
}

static void tmpdir_back(char *keep)
{
	if (keep)
		setenv("TMPDIR", keep, 1);
	else
		unsetenv("TMPDIR");
	free(keep);
}

START_TEST(no_place_to_stage_is_503)
{
	long long sum;
	struct text csv = ledger(2000, 2021, &sum);
	struct tresp r;
	char *keep = tmpdir_gone();
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 503);
	ck_assert_ptr_nonnull(strstr(r.body, "\"storage_io\""));
	tresp_free(&r);
	tmpdir_back(keep);
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_uint_eq(db_stage_rows(), 0);
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("year=2021"), 2000);
	free(csv.s);
}
END_TEST

/* A CSV field holding a stray quote (55" for inches) is text, as before imports were
 * streamed: it does not hold the lines after it in one record. */
START_TEST(a_stray_quote_is_text)
{
	struct text csv = {0};
	struct tresp r;
	add(&csv, "unit_id;year;month;measure;amount_kr;project\n");
	for (int i = 0; i < 4000; i++)
		add(&csv, "%lld;2021;4;budget;-%d;%s\n", (long long)units[i % 10], i,
		    i == 3 ? "Skärm 55\"" : "P1");
	ck_assert_int_eq(post(BUDGET_IMPORT, T_EDITOR, "text/csv", &csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_total("month=4"), 4000);
	free(csv.s);
}
END_TEST

/* ==== uploads at once, and gone ============================================================ */

/* Two uploads on the one event thread, sent at once in pieces of 16 KiB in turn: each is
 * staged apart on the same connection and stored whole, its sums its own. */
START_TEST(two_interleaved_uploads_both_land)
{
	long long sum_a, sum_b;
	struct text a = ledger(60000, 2021, &sum_a), b = ledger(45000, 2022, &sum_b);
	char body_a[2048], body_b[2048];
	int fa = upload_start(BUDGET_IMPORT, "text/csv", a.len);
	int fb = upload_start(BUDGET_IMPORT, "text/csv", b.len);
	bool both_staged = false;
	for (size_t at = 0; at < a.len || at < b.len; at += PIECE) {
		if (at < a.len)
			send_all(fa, a.s + at, a.len - at < PIECE ? a.len - at : PIECE);
		if (at < b.len)
			send_all(fb, b.s + at, b.len - at < PIECE ? b.len - at : PIECE);
		if (at == 40 * PIECE)
			both_staged = staged_becomes(true, 5000);
	}
	ck_assert(both_staged);
	ck_assert_int_eq(upload_reply(fa, body_a, sizeof body_a), 201);
	ck_assert_int_eq(upload_reply(fb, body_b, sizeof body_b), 201);
	ck_assert_msg(strstr(body_a, "\"imported\":60000"), "%s", body_a);
	ck_assert_msg(strstr(body_b, "\"imported\":45000"), "%s", body_b);
	ck_assert_int_eq(lines_total("year=2021"), 60000);
	ck_assert_int_eq(lines_total("year=2022"), 45000);
	ck_assert_int_eq(outcome_of(2021), sum_a);
	ck_assert_int_eq(outcome_of(2022), sum_b);
	ck_assert_uint_eq(db_stage_rows(), 0);
	free(a.s);
	free(b.s);
}
END_TEST

/* A statistic of counts by gender, for the statistics' uploads. */
static void make_statistic(void)
{
	create("/api/v1/statistics", "{\"code\":\"n\",\"name\":\"Antal\",\"measure_unit\":\"count\","
	       "\"aggregate\":\"sum\",\"dimensions\":[{\"name\":\"gender\",\"values\":[\"K\","
	       "\"M\"]}]}");
}

/* How many facts statistic 1 holds. */
static int64_t facts_total(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/statistic-facts?statistic_id=1&limit=1", T_READER,
			     NULL, &r), 200);
	int64_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

/* Facts of statistic 1: @p rows monthly counts over the units, years from 2000. */
static struct text facts(size_t rows)
{
	struct text t = {0};
	add(&t, "unit_code;period;gender;value\n");
	for (size_t i = 0; i < rows; i++)
		add(&t, "E%zu;%zu-%02zu;%s;%zu\n", i % 10, 2000 + i / 240, 1 + i / 20 % 12,
		    i / 10 % 2 ? "M" : "K", i % 97);
	return t;
}

/* A client that goes away in the middle of an upload leaves nothing staged or stored, for
 * either import, and the next import works.  It goes as soon as the first rows are staged,
 * while the server still reads what it sent; the server notices by the connection's timeout
 * at the latest (short_timeout). */
START_TEST(a_client_gone_mid_upload_leaves_nothing)
{
	long long sum;
	struct text lines = ledger(30000, 2021, &sum), stats = facts(6000);
	char body[2048];
	make_statistic();
	static const char *paths[] = {BUDGET_IMPORT, "/api/v1/statistics/1:import"};
	const struct text *bodies[] = {&lines, &stats};
	for (int k = 0; k < 2; k++) {
		const struct text *t = bodies[k];
		int fd = upload_start(paths[k], "text/csv", t->len);
		send_all(fd, t->s, t->len / 2);
		ck_assert_msg(staged_becomes(true, 5000), "%s: nothing staged", paths[k]);
		close(fd);
		ck_assert_msg(staged_becomes(false, 15000), "%s: %zu rows still staged", paths[k],
			      db_stage_rows());
	}
	ck_assert_int_eq(lines_total("year=2021"), 0);
	ck_assert_int_eq(facts_total(), 0);
	for (int k = 0; k < 2; k++)
		ck_assert_int_eq(upload(paths[k], "text/csv", bodies[k], body, sizeof body), 201);
	ck_assert_int_eq(lines_total("year=2021"), 30000);
	ck_assert_int_eq(outcome_of(2021), sum);
	ck_assert_int_eq(facts_total(), 6000);
	ck_assert_uint_eq(db_stage_rows(), 0);
	free(lines.s);
	free(stats.s);
}
END_TEST

/* After a refused statistics import of @p stats: nothing is stored or left staged, and the
 * same body then lands whole. */
static void refused_then_lands(const struct text *stats, size_t rows)
{
	struct tresp r;
	ck_assert_uint_eq(db_stage_rows(), 0);
	ck_assert_int_eq(facts_total(), 0);
	ck_assert_int_eq(post("/api/v1/statistics/1:import", T_EDITOR, "text/csv", stats, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(facts_total(), (int64_t)rows);
}

/* The statistics import spools its rows as the budget import does: with no place for them it
 * is a 503 problem, nothing is stored or left staged, and the next import succeeds. */
START_TEST(statistics_no_place_to_stage_is_503)
{
	struct text stats = facts(3000);
	struct tresp r;
	make_statistic();
	char *keep = tmpdir_gone();
	ck_assert_int_eq(post("/api/v1/statistics/1:import", T_EDITOR, "text/csv", &stats, &r), 503);
	ck_assert_ptr_nonnull(strstr(r.body, "\"storage_io\""));
	tresp_free(&r);
	tmpdir_back(keep);
	refused_then_lands(&stats, 3000);
	free(stats.s);
}
END_TEST

/* An import stages at most db_statistic_stage_max_rows() facts, whatever the body cap lets
 * in, since memory keeps a sort key for each: past them it is 413 too_many_rows, and nothing
 * is stored or left staged. */
START_TEST(statistics_rows_are_bounded)
{
	struct text stats = facts(3000);
	struct tresp r;
	make_statistic();
	db_statistic_stage_set_max_rows(1000);
	int status = post("/api/v1/statistics/1:import", T_EDITOR, "text/csv", &stats, &r);
	db_statistic_stage_set_max_rows(STAT_IMPORT_MAX_ROWS);
	ck_assert_int_eq(status, 413);
	ck_assert_ptr_nonnull(strstr(r.body, "\"too_many_rows\""));
	ck_assert_ptr_nonnull(strstr(r.body, "at most 1000 facts (row 1001 is past them)"));
	tresp_free(&r);
	refused_then_lands(&stats, 3000);
	free(stats.s);
}
END_TEST

/* Deletes @p path while an import of facts of unit E9 (all in the first half of the body)
 * into statistic 1 is under way: the import checks its statistic and units once at the end
 * (rather than each row's foreign key), so it is 409 and stores nothing. */
static void gone_mid_upload(const char *path)
{
	struct text first = {0}, rest = {0};
	static char body[1u << 16];
	struct tresp r;
	make_statistic();
	add(&first, "unit_code;period;gender;value\n");
	for (int i = 0; i < 2000; i++)
		add(i < 1000 ? &first : &rest, "E%d;%d-%02d;%s;%d\n", i < 1000 ? 9 : 0, 2000 + i / 24,
		    1 + i / 2 % 12, i % 2 ? "M" : "K", i);
	int fd = upload_start("/api/v1/statistics/1:import", "text/csv", first.len + rest.len);
	send_all(fd, first.s, first.len);
	for (int waited = 0; db_stage_rows() < 1000 && waited < 5000; waited += 10)
		usleep(10000);
	ck_assert_uint_eq(db_stage_rows(), 1000);   /* every row of unit E9 is staged */
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 204);
	tresp_free(&r);
	send_all(fd, rest.s, rest.len);
	ck_assert_int_eq(upload_reply(fd, body, sizeof body), 409);
	ck_assert_ptr_nonnull(strstr(body, "\"conflict\""));
	ck_assert_int_eq(facts_total(), 0);
	ck_assert(staged_becomes(false, 5000));
	free(first.s);
	free(rest.s);
}

START_TEST(a_unit_gone_mid_upload_is_409)
{
	char path[64];
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)units[9]);
	gone_mid_upload(path);
}
END_TEST

START_TEST(the_statistic_gone_mid_upload_is_409)
{
	gone_mid_upload("/api/v1/statistics/1");
}
END_TEST

/* The statistics import past --max-body: stored in the facts' order; a dry run and a clash
 * with the stored facts store nothing more. */
START_TEST(statistics_past_max_body)
{
	struct text stats = facts(20000);
	static char body[1u << 16];
	make_statistic();
	ck_assert_uint_gt(stats.len, 4 * MAX_BODY);
	ck_assert_int_eq(upload("/api/v1/statistics/1:import?dry_run=true", "text/csv", &stats,
				body, sizeof body), 200);
	ck_assert_ptr_nonnull(strstr(body, "\"valid_rows\":20000,\"imported\":0"));
	ck_assert_int_eq(upload("/api/v1/statistics/1:import", "text/csv", &stats, body,
				sizeof body), 201);
	ck_assert_int_eq(upload("/api/v1/statistics/1:import", "text/csv", &stats, body,
				sizeof body), 422);
	ck_assert_ptr_nonnull(strstr(body, "20000 errors"));
	ck_assert_ptr_nonnull(strstr(body, "stored already"));
	ck_assert_int_eq(facts_total(), 20000);
	free(stats.s);
}
END_TEST

/* ==== scope ================================================================================ */

/* The demo's Haninge (unit 2, 0136; unit 19 below it) and Tyresö (unit 1, 0138; unit 3 is
 * TY-ASN); a sensitive editor's token becomes Haninge's. */
#define H T_SENS_EDITOR
#define HANINGE 2

static void haninge_token(void)
{
	ck_assert_int_eq(auth_token_create(db_thread(), "haninge", &(struct token_grant){
		ROLE_EDITOR, true, HANINGE, NULL}, T.token[H]), DB_OK);
}

static int csv_as(enum tok tok, const char *path, const char *csv, struct tresp *r)
{
	return http("POST", path, tok, "text/csv", csv, strlen(csv), r);
}

static json_int_t lines_of(int64_t unit, const char *activity)
{
	char q[96];
	snprintf(q, sizeof q, "unit_id=%lld&activity=%s", (long long)unit, activity);
	return lines_total(q);
}

/* A scoped token's import naming a unit outside its scope is refused row by row, and nothing
 * of it is stored; its own units' rows go through. */
START_TEST(a_scoped_token_imports_its_own_units_only)
{
	struct tresp r;
	haninge_token();
	const char *csv = "unit_id;activity;year;month;measure;amount_kr\n"
			  "19;SC1;2021;1;outcome;-5\n"
			  "3;SC1;2021;1;outcome;-5\n";
	ck_assert_int_eq(csv_as(H, BUDGET_IMPORT, csv, &r), 422);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "invalid_rows");
	json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "errors")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "unit_id");
	ck_assert_str_eq(json_string_value(json_object_get(e, "message")),
			 "row 2: unit 3 lies outside this token's scope");
	tresp_free(&r);
	ck_assert_int_eq(req("POST", BUDGET_IMPORT, H, "[{\"unit_id\": 3, \"year\": 2021, "
			     "\"month\": 1, \"measure\": \"outcome\", \"amount_kr\": -5}]", &r),
			 422);
	ck_assert_ptr_nonnull(strstr(r.body, "outside this token's scope"));
	tresp_free(&r);
	ck_assert_int_eq(lines_of(19, "SC1"), 0);
	ck_assert_int_eq(csv_as(H, BUDGET_IMPORT, "unit_id;activity;year;month;measure;amount_kr\n"
				"19;SC1;2021;1;outcome;-5\n", &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_of(19, "SC1"), 1);

	/* statistics: a fact or a Kolada entry of Tyresö's */
	ck_assert_int_eq(req("POST", "/api/v1/statistics", T_ADMIN, "{\"code\":\"sc\",\"name\":"
			     "\"x\",\"measure_unit\":\"count\",\"aggregate\":\"sum\"}", &r), 201);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/statistics/%lld:import",
		 (long long)json_integer_value(json_object_get(r.json, "id")));
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, H, "[{\"unit_id\": 19, \"period\": \"2021\", \"value\": "
			     "1}, {\"unit_code\": \"TY-ASN\", \"period\": \"2021\", \"value\": 1}]",
			     &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "row 2: unit 3 lies outside this token's scope"));
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, H, "{\"values\": [{\"kpi\": \"N1\", \"municipality\": "
			     "\"0138\", \"period\": 2021, \"values\": [{\"gender\": \"T\", "
			     "\"value\": 1}]}]}", &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"municipality\",\"message\":\"row 1: "
				     "unit 1 lies outside this token's scope"));
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, H, "[{\"unit_id\": 19, \"period\": \"2021\", \"value\": "
			     "1}]", &r), 201);
	tresp_free(&r);
}
END_TEST

/* A code two municipalities use is settled by the row's municipality_code or by the token's
 * scope; else the row is an error naming both, never a guess. */
START_TEST(a_shared_unit_code_is_settled_not_guessed)
{
	struct tresp r;
	haninge_token();
	int64_t mine = create("/api/v1/units", "{\"code\": \"TY-ASN\", \"name\": \"Ny\", \"kind\":"
			      " \"enhet\", \"parent_id\": 19}");
	static const char head[] = "unit_code;activity;year;month;measure;amount_kr";
	char csv[256];
	snprintf(csv, sizeof csv, "%s\nTY-ASN;AMB;2021;2;outcome;-1\n", head);
	ck_assert_int_eq(csv_as(T_EDITOR, BUDGET_IMPORT, csv, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "row 1: 'TY-ASN' is the code of units in several "
				     "municipalities (0136, 0138)"));
	tresp_free(&r);
	ck_assert_int_eq(lines_total("activity=AMB"), 0);
	/* the scope settles it */
	ck_assert_int_eq(csv_as(H, BUDGET_IMPORT, csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_of(mine, "AMB"), 1);
	/* so does the row */
	snprintf(csv, sizeof csv, "%s;municipality_code\nTY-ASN;AMB;2021;2;outcome;-1;0138\n",
		 head);
	ck_assert_int_eq(csv_as(T_EDITOR, BUDGET_IMPORT, csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(lines_of(3, "AMB"), 1);
	ck_assert_int_eq(csv_as(H, BUDGET_IMPORT, csv, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "unit 3 lies outside this token's scope"));
	tresp_free(&r);
	snprintf(csv, sizeof csv, "%s;municipality_code\nTY-ASN;AMB;2021;2;outcome;-1;0999\n"
		 "TY-ASN;AMB;2021;2;outcome;-1;13\n", head);
	ck_assert_int_eq(csv_as(T_EDITOR, BUDGET_IMPORT, csv, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "row 1: 'TY-ASN' names no unit of municipality "
				     "0999"));
	ck_assert_ptr_nonnull(strstr(r.body, "row 2: '13' is not a municipality code"));
	tresp_free(&r);
	ck_assert_int_eq(lines_total("activity=AMB"), 2);
}
END_TEST

Suite *imports_http_suite(void)
{
	Suite *s = suite_create("imports_http");
	TCase *tc = tcase_create("stream");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, an_import_past_max_body_is_stored);
	tcase_add_test(tc, an_import_past_max_import_body_is_413);
	tcase_add_test(tc, a_record_past_64_kib_is_413);
	tcase_add_test(tc, a_malformed_json_array_is_400);
	tcase_add_test(tc, row_errors_first_100_listed_all_counted);
	tcase_add_test(tc, a_dry_run_stores_nothing);
	tcase_add_test(tc, a_stray_quote_is_text);
	tcase_add_test(tc, no_place_to_stage_is_503);
	tcase_add_test(tc, two_interleaved_uploads_both_land);
	tcase_add_test(tc, statistics_past_max_body);
	tcase_add_test(tc, a_unit_gone_mid_upload_is_409);
	tcase_add_test(tc, the_statistic_gone_mid_upload_is_409);
	tcase_add_test(tc, statistics_no_place_to_stage_is_503);
	tcase_add_test(tc, statistics_rows_are_bounded);
	suite_add_tcase(s, tc);
	TCase *gone = tcase_create("gone");
	tcase_add_checked_fixture(gone, setup_short_timeout, teardown);
	tcase_set_timeout(gone, 120);
	tcase_add_test(gone, a_client_gone_mid_upload_leaves_nothing);
	suite_add_tcase(s, gone);
	TCase *scope = tcase_create("scope");
	tcase_add_checked_fixture(scope, setup_demo, teardown);
	tcase_set_timeout(scope, 120);
	tcase_add_test(scope, a_scoped_token_imports_its_own_units_only);
	tcase_add_test(scope, a_shared_unit_code_is_settled_not_guessed);
	suite_add_tcase(s, scope);
	return s;
}
