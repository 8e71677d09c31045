/*
 * Hostile input: the server must never answer 5xx to bad input, never crash, never hang.
 *
 * The first half is generated from the routing table with a deterministic PRNG (xorshift64,
 * fixed seed, so a failure reproduces): for every route, malformed, oversized, deeply nested,
 * wrongly typed, invalid UTF-8, NUL-containing and injection-shaped bodies, path parameters and
 * query strings, each reply checked (a status below 500, and problem+json for every 4xx), and
 * /healthz checked after each route.  A route added to the table is covered without a change
 * here.
 *
 * The second half speaks raw TCP: bad request lines, huge headers, bodies past the cap with
 * and without Content-Length (413, and nothing stored), chunked bodies, and slow clients (a
 * slowloris and a body that never completes) that must neither block other clients nor hold a
 * connection past the configured timeout, and the per-client connection limit.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "folja/api.h"
#include "folja/server.h"
#include "support.h"

/* ---- deterministic randomness ----------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() % n);
}

/* ---- a growable byte buffer -------------------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void repeat(struct buf *b, const char *s, size_t times)
{
	for (size_t i = 0; i < times; i++)
		puts_(b, s);
}

/* ---- what hostile input is made of ------------------------------------------------------- */

/* Field names of every resource (a superset; unknown ones must be refused cleanly too). */
static const char *const fields[] = {
	"code", "name", "kind", "parent_id", "regi", "active", "municipality_code", "id",
	"version", "unit_id", "activity", "account", "year", "month", "measure", "amount_kr",
	"profile", "period", "status", "color", "comment", "level", "title", "description",
	"year_from", "year_to", "target_share", "yellow_share", "agenda2030", "goal_id",
	"measure_unit", "direction", "target", "yellow_tolerance", "decimals", "kolada_kpi",
	"value", "reference", "law", "reported_on", "occurred_on", "category", "summary",
	"investigation_done_on", "outcome", "ivo_notified_on", "measures", "inriktning", "insats",
	"decided_on", "gender", "executed_on", "interrupted_on", "resumed_on", "closed_on",
	"close_reason", "delay_reason", "rows", "items", "thresholds", "",
};

/* JSON value texts of every wrong type and edge. */
static const char *const values[] = {
	"null", "true", "false", "0", "-1", "1", "1.5", "-0", "1e308", "-1e308", "1e999999",
	"9223372036854775807", "9223372036854775808", "-9223372036854775809",
	"123456789012345678901234567890", "\"\"", "\" \"", "\"x\"", "\"0138\"", "\"2021-T1\"",
	"\"2021-02-29\"", "\"2021-13-01\"", "\"9999-99-99\"", "\"kommun\"", "\"enhet\"",
	"\"19811218-9876\"", "\"Anna 811218-9876 bor här\"", "\"\\u0000\"", "\"a\\u0000b\"",
	"\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uffff\"", "\"åäö ÅÄÖ é ß\"", "\"\xf0\x9f\x98\x80\"",
	"[]", "{}", "[null]", "[1,2,3]", "{\"a\":1}", "[[[[[]]]]]", "\"'); DROP TABLE units;--\"",
	"\"' OR '1'='1\"", "\"%s%s%n\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"",
	"\"\\r\\nSet-Cookie: x=1\"", "\"2021-Q5\"", "\"2021-00\"", "\"-2021\"",
};

/* Raw byte sequences that are not valid UTF-8 or not valid JSON. */
static const char *const raw_bits[] = {
	"\xff", "\xfe\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	"\xc3", "\x80", "\x1b[31m", "\\", "\"", "{", "}", "[", "]", ":", ",", "\\u", "\\ud83d",
	"/*", "//", "NaN", "Infinity", "-", "0x10", "01", "1.", ".5", "1e", "'single'", "\t\r\n",
	"\xef\xbb\xbf",
};

static const char *const path_fills[] = {
	"0", "-1", "1", "2", "999999", "9223372036854775807", "9223372036854775808",
	"99999999999999999999999", "abc", "1.5", "1e3", "%00", "%FF", "%2F", "%252F", "..",
	"1%20OR%201=1", "%27%3B%20DROP%20TABLE%20units%3B--", "2021-T1", "2021-13", "%C3%A5",
	"1abc", " 1", "+1", "0x1", "0001",
};

static const char *const query_keys[] = {
	"limit", "offset", "format", "q", "kind", "regi", "parent_id", "active", "period",
	"unit_id", "year", "quarter", "group_by", "depth", "scale", "rounding", "cumulative",
	"dry_run", "entity", "entity_id", "measure", "goal_id", "law", "category", "status", "",
};

static const char *const query_values[] = {
	"", "0", "-1", "1", "1000", "1001", "99999999999999999999", "csv", "json", "null",
	"2021", "2021-T1", "2021-Q3", "2021-13", "2021-Q0", "T1", "true", "false", "tkr", "mnkr",
	"kr", "unit", "activity", "account", "%00", "%FF", "%C0%AF", "%", "%G1", "%2", "a%00b",
	"%27%20OR%20%271%27%3D%271", "%3Bdrop", "x&&&==&", "%E2%80%AE", "=%3D=",
};

/* A random JSON-ish body of @p depth; mostly valid JSON of wrong shapes, sometimes broken. */
static void random_value(struct buf *b, int depth)
{
	switch (depth > 3 ? 0 : pick(6)) {
	case 0:
	case 1:
		puts_(b, values[pick(sizeof values / sizeof values[0])]);
		break;
	case 2: {
		puts_(b, "[");
		size_t n = pick(4);
		for (size_t i = 0; i < n; i++) {
			if (i)
				puts_(b, ",");
			random_value(b, depth + 1);
		}
		puts_(b, "]");
		break;
	}
	case 3:
		puts_(b, "\"");
		puts_(b, raw_bits[pick(sizeof raw_bits / sizeof raw_bits[0])]);
		puts_(b, "\"");
		break;
	default: {
		puts_(b, "{");
		size_t n = 1 + pick(5);
		for (size_t i = 0; i < n; i++) {
			if (i)
				puts_(b, ",");
			puts_(b, "\"");
			puts_(b, fields[pick(sizeof fields / sizeof fields[0])]);
			puts_(b, "\":");
			random_value(b, depth + 1);
		}
		puts_(b, "}");
		break;
	}
	}
}

/* One hostile body, case @p i: fixed shapes first, random ones after. */
static void hostile_body(struct buf *b, size_t i)
{
	b->len = 0;
	put(b, "", 0);
	switch (i) {
	case 0: repeat(b, "[", 100000); return;
	case 1: repeat(b, "{\"a\":", 100000); return;
	case 2: repeat(b, "[", 2000); repeat(b, "]", 2000); return;          /* just under jansson's limit */
	case 3: repeat(b, "[", 5000); repeat(b, "]", 5000); return;          /* just over */
	case 4: puts_(b, "{\"name\":\""); repeat(b, "x", 900000); puts_(b, "\"}"); return;
	case 5: puts_(b, "["); repeat(b, "1,", 200000); puts_(b, "1]"); return;
	case 6: puts_(b, "{"); for (int k = 0; k < 20000; k++) {
			char key[32];
			snprintf(key, sizeof key, "%s\"k%d\":1", k ? "," : "", k);
			puts_(b, key);
		}
		puts_(b, "}");
		return;
	case 7: put(b, "{\"code\":\"a\0b\",\"name\":\"x\",\"kind\":\"enhet\"}", 39); return;
	case 8: put(b, "\0\0\0\0", 4); return;
	case 9: puts_(b, "{\"code\":\"\xff\xfe\",\"name\":\"\xc0\xaf\",\"kind\":\"enhet\"}"); return;
	case 10: puts_(b, "\xef\xbb\xbf{\"code\":\"X\",\"name\":\"Y\",\"kind\":\"enhet\"}"); return;
	case 11: puts_(b, "{\"code\":\"X\",\"code\":\"Y\"}"); return;
	case 12: puts_(b, "{\"code\":\"X\"} trailing"); return;
	case 13: puts_(b, "   "); return;
	case 14: puts_(b, "{\"name\":\""); repeat(b, "\\u00e5", 20000); puts_(b, "\"}"); return;
	case 15: puts_(b, "{\"parent_id\":1e400,\"active\":1,\"kind\":[]}"); return;
	default:
		break;
	}
	/* Random: mostly an object of known fields with values of every type, sometimes with
	 * a raw fragment spliced in at a random place. */
	random_value(b, 0);
	if (pick(4) == 0 && b->len > 1) {
		size_t at = pick(b->len);
		const char *bit = raw_bits[pick(sizeof raw_bits / sizeof raw_bits[0])];
		struct buf c = {0};
		put(&c, b->p, at);
		puts_(&c, bit);
		put(&c, b->p + at, b->len - at);
		free(b->p);
		*b = c;
	}
}

/* Checks a reply to hostile input: no 5xx, and a 4xx is a complete problem+json. */
static void check_reply(const char *what, const char *method, const char *path, size_t i,
			struct tresp *r)
{
	ck_assert_msg(r->status > 0 && r->status < 500, "%s %s %s case %zu: %d %.300s", what,
		      method, path, i, r->status, r->body);
	if (r->status < 400 || strcmp(method, "HEAD") == 0)
		return;
	/* An error names at most a bounded number of problems: a large bad body must not make a
	 * reply many times its size (peer-values once listed 200 001 problems in 11 MB). */
	ck_assert_msg(r->body_len <= 64 * 1024, "%s %s %s case %zu: %d reply of %zu bytes", what,
		      method, path, i, r->status, r->body_len);
	char ct[128];
	ck_assert_msg(tresp_header(r, "Content-Type", ct, sizeof ct) &&
		      strstr(ct, "application/problem+json"),
		      "%s %s %s case %zu: %d without problem+json", what, method, path, i, r->status);
	ck_assert_msg(json_is_object(r->json) &&
		      json_integer_value(json_object_get(r->json, "status")) == r->status &&
		      json_is_string(json_object_get(r->json, "code")),
		      "%s %s %s case %zu: malformed problem %.300s", what, method, path, i, r->body);
}

static void check_healthy(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/healthz", T_NONE, NULL, &r), 200);
	tresp_free(&r);
}

static void route_path(const struct route *rt, const char *fill, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = rt->pattern; *p && n + 1 < cap; p++) {
		if (*p == '{') {
			n += (size_t)snprintf(out + n, cap - n, "%s", fill);
			p += strcspn(p, "}");
			if (!*p)
				break;
			continue;
		}
		out[n++] = *p;
	}
	out[n < cap ? n : cap - 1] = '\0';
}

/* Cases per route; FOLJA_HOSTILE_SCALE (percent) shrinks them for slow runs (the sanitizers),
 * never below the sixteen fixed shapes hostile_body() starts with. */
static size_t scaled(size_t n)
{
	const char *s = getenv("FOLJA_HOSTILE_SCALE");
	long pct = s ? strtol(s, NULL, 10) : 100;
	if (pct < 1)
		pct = 1;
	size_t m = n * (size_t)pct / 100;
	return m < 16 ? 16 : m;
}

static const char *const content_types[] = {
	"application/json", "application/json; charset=utf-8", "text/csv", "text/plain",
	"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
	"application/json\r\nX-Injected: 1", "",
};

START_TEST(hostile_bodies_every_route)
{
	rng_state = 0x9E3779B97F4A7C15ull;
	struct buf b = {0};
	char path[512];
	size_t total = 0, n = scaled(240);
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		for (size_t i = 0; i < n; i++) {
			hostile_body(&b, i);
			route_path(rt, i % 5 == 0 ? path_fills[pick(sizeof path_fills /
					sizeof path_fills[0])] : "1", path, sizeof path);
			const char *ct = i % 7 == 6 ? content_types[pick(sizeof content_types /
					sizeof content_types[0])] : "application/json";
			enum tok tok = i % 11 == 10 ? T_EDITOR : T_ADMIN;
			struct tresp r;
			http(rt->method, path, tok, ct, b.p, b.len, &r);
			check_reply("body", rt->method, path, i, &r);
			tresp_free(&r);
			total++;
		}
		check_healthy();
	}
	free(b.p);
	ck_assert_uint_ge(total, folja_route_count * n);
}
END_TEST

START_TEST(hostile_queries_and_paths_every_route)
{
	rng_state = 0xD1B54A32D192ED03ull;
	char path[512], url[4096];
	size_t n = scaled(160);
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		for (size_t i = 0; i < n; i++) {
			route_path(rt, i % 3 ? "1" : path_fills[pick(sizeof path_fills /
					sizeof path_fills[0])], path, sizeof path);
			size_t len = (size_t)snprintf(url, sizeof url, "%s?", path);
			size_t params = 1 + pick(6);
			for (size_t k = 0; k < params && len < sizeof url - 256; k++)
				len += (size_t)snprintf(url + len, sizeof url - len, "%s%s=%s",
							k ? "&" : "",
							query_keys[pick(sizeof query_keys /
									sizeof query_keys[0])],
							query_values[pick(sizeof query_values /
									  sizeof query_values[0])]);
			if (i == 0) {  /* a very long query string */
				len = (size_t)snprintf(url, sizeof url, "%s?q=", path);
				while (len < 1500)
					url[len++] = 'a';
				url[len] = '\0';
			}
			struct tresp r;
			const char *body = rt->body != BODY_NONE ? "{}" : NULL;
			http(rt->method, url, T_ADMIN, NULL, body, body ? 2 : 0, &r);
			check_reply("query", rt->method, url, i, &r);
			tresp_free(&r);
			if (strcmp(rt->method, "GET") == 0 && i % 4 == 0) {
				http("HEAD", url, T_ADMIN, NULL, NULL, 0, &r);
				check_reply("query", "HEAD", url, i, &r);
				tresp_free(&r);
			}
		}
		check_healthy();
	}
}
END_TEST

/* Unknown paths and methods: 404/405 with problem+json, never 5xx. */
START_TEST(hostile_paths_and_methods)
{
	static const char *const paths[] = {
		"/", "//", "/api", "/api/v1", "/api/v1/", "/api/v1/units/", "/api/v1/units//tree",
		"/api/v1/units/1/tree/x", "/api/v1/units/%2e%2e/", "/healthz/", "/HEALTHZ",
		"/api/v1/units/1/../../audit", "/api/v1/%00", "/api/v1/units?", "/%ff%fe",
		"/api/v1/units/1;drop", "/api/v1/units/\xc3\xa5",
	};
	static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
					      "TRACE", "FOO", "CONNECT"};
	for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++)
		for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
			struct tresp r;
			http(methods[m], paths[p], T_ADMIN, NULL, "{}", 2, &r);
			check_reply("path", methods[m], paths[p], p, &r);
			tresp_free(&r);
		}
	check_healthy();
}
END_TEST

/* Empty inputs on an empty database: every route that takes a body gets `[]`, `{}`, nothing,
 * and for CSV routes a bare header.  (An empty import on a database without units once passed
 * NULL to memcpy and qsort: undefined behaviour that UBSan reports.) */
START_TEST(empty_bodies_on_empty_database)
{
	static const struct {
		const char *type, *body;
	} bodies[] = {
		{"application/json", "[]"}, {"application/json", "{}"}, {"application/json", ""},
		{"application/json", "[{}]"}, {"text/csv", ""}, {"text/csv", "\xef\xbb\xbf"},
		{"text/csv", "unit_code;activity;account;year;month;measure;amount_kr\r\n"},
		{"text/csv", "\r\n\r\n"},
	};
	char path[512];
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		if (rt->body == BODY_NONE)
			continue;
		route_path(rt, "1", path, sizeof path);
		for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
			if (rt->body == BODY_JSON && strcmp(bodies[i].type, "text/csv") == 0)
				continue;
			struct tresp r;
			http(rt->method, path, T_ADMIN, bodies[i].type, bodies[i].body,
			     strlen(bodies[i].body), &r);
			check_reply("empty", rt->method, path, i, &r);
			tresp_free(&r);
		}
	}
	check_healthy();
}
END_TEST

/* ---- raw sockets ------------------------------------------------------------------------- */

static int connect_port(uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* The status of a raw reply, 0 when the server closed without one. */
static int raw_status(const char *reply)
{
	int status = 0;
	if (sscanf(reply, "HTTP/1.%*d %d", &status) != 1)
		return 0;
	return status;
}

/* Restarts T's server with @p cfg (listening on a new ephemeral port, same database). */
static void restart(struct server_config *cfg)
{
	server_stop(T.srv);
	cfg->listen = "127.0.0.1:0";
	cfg->quiet = true;
	T.srv = server_start(cfg);
	ck_assert_ptr_nonnull(T.srv);
	T.port = server_port(T.srv);
}

static void test_config(struct server_config *cfg)
{
	server_config_defaults(cfg);
	cfg->threads = 4;
	cfg->max_body = 1u << 20;
	cfg->timeout_s = 5;
}

START_TEST(bad_request_lines)
{
	static const struct {
		const char *raw;
		int alt;         /* a second acceptable status besides 4xx/close */
	} cases[] = {
		{"GARBAGE\r\n\r\n", 0},
		{"GET\r\n\r\n", 0},
		{"GET /healthz\r\n\r\n", 0},
		{"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505},   /* MHD: version unsupported */
		{"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 200},              /* no Host: MHD tolerates it */
		{"GET /healthz HTTP/1.1\nHost: x\nConnection: close\n\n", 200},          /* bare LF is tolerated */
		{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 0},  /* a TLS hello */
		{"GET /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n\r\n", 0},
		{"GET /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: \xff\xfe\r\n\r\n", 0},
		{"GET /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer folja_1_\r\n\r\n", 0},
		{"GET /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer folja_99999999999999999999_"
		 "0000000000000000000000000000000000000000000000000000000000000000\r\n\r\n", 0},
		{"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 0},
		{"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 0},
		{"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde", 0},
		{"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0},
		{"GET /healthz HTTP/1.1\r\nHost: x\r\n Folded: header\r\nConnection: close\r\n\r\n", 200},
		{"GET /healthz HTTP/1.1\r\nHost: x\r\nNoColon\r\nConnection: close\r\n\r\n", 200},
		{"GET /\x01\x02\x7f HTTP/1.1\r\nHost: x\r\n\r\n", 0},
		{"GET /api/v1/units/1%00 HTTP/1.1\r\nHost: x\r\n\r\n", 0},
	};
	char reply[8192];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		http_raw(cases[i].raw, strlen(cases[i].raw), reply, sizeof reply, 300);
		int status = raw_status(reply);
		ck_assert_msg(status == 0 || (status >= 400 && status < 500) ||
			      status == cases[i].alt, "raw case %zu: %.200s", i, reply);
	}
	check_healthy();
}
END_TEST

START_TEST(huge_headers)
{
	/* header_limit is 16 KiB: a 64 KiB header or URL is refused (431/414) or the connection
	 * closed by MHD; never a 5xx, never a crash. */
	size_t n = 64 * 1024;
	char *raw = malloc(n + 256), reply[8192];
	int len = snprintf(raw, n + 256, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(raw + len, 'a', n);
	strcpy(raw + len + n, "\r\n\r\n");
	http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	int status = raw_status(reply);
	ck_assert_msg(status == 0 || status == 431 || status == 413 || status == 400,
		      "huge header: %.200s", reply);
	/* many small headers */
	len = snprintf(raw, n + 256, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
	for (int i = 0; len < (int)n - 32; i++)
		len += snprintf(raw + len, n + 256 - (size_t)len, "X-H%d: v\r\n", i);
	strcpy(raw + len, "\r\n");
	http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	status = raw_status(reply);
	ck_assert_msg(status == 0 || status == 431 || status == 413 || status == 400,
		      "many headers: %.200s", reply);
	/* a huge URL */
	len = snprintf(raw, n + 256, "GET /api/v1/units?q=");
	memset(raw + len, 'b', n);
	strcpy(raw + len + n, " HTTP/1.1\r\nHost: x\r\n\r\n");
	http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	status = raw_status(reply);
	ck_assert_msg(status == 0 || status == 414 || status == 431 || status == 400,
		      "huge URL: %.200s", reply);
	free(raw);
	check_healthy();
}
END_TEST

static int64_t unit_total(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?limit=1", T_READER, NULL, &r), 200);
	int64_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

/* A valid unit JSON padded with whitespace to @p size bytes. */
static char *padded_unit(size_t size)
{
	const char *unit = "{\"code\":\"BIG\",\"name\":\"Big\",\"kind\":\"enhet\"}";
	char *body = malloc(size + 1);
	memset(body, ' ', size);
	memcpy(body + size - strlen(unit), unit, strlen(unit));
	body[size] = '\0';
	return body;
}

START_TEST(body_over_cap_refused_never_truncated)
{
	size_t cap = 1u << 20;
	char reply[8192], head[512];
	/* With Content-Length: refused up front. */
	char *body = padded_unit(cap + 1);
	struct tresp r;
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, NULL, body, cap + 1, &r), 413);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "body_too_large");
	tresp_free(&r);
	/* Exactly the cap is accepted. */
	char *exact = padded_unit(cap);
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, NULL, exact, cap, &r), 201);
	tresp_free(&r);
	free(exact);
	ck_assert_int_eq(unit_total(), 1);
	/* Chunked, no Content-Length: refused once the running size passes the cap. */
	int fd = connect_port(T.port);
	int hl = snprintf(head, sizeof head, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
			  "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
			  "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
			  T.token[T_EDITOR]);
	ck_assert_int_eq(write(fd, head, (size_t)hl), hl);
	size_t sent = 0, chunk = 64 * 1024;
	while (sent < cap + chunk) {
		char size_line[32];
		int sl = snprintf(size_line, sizeof size_line, "%zx\r\n", chunk);
		if (write(fd, size_line, (size_t)sl) != sl || write(fd, body + (sent % cap),
		    chunk > cap - sent % cap ? cap - sent % cap : chunk) < 0 ||
		    write(fd, "\r\n", 2) != 2)
			break;  /* the server refused and closed */
		sent += chunk;
	}
	(void)!write(fd, "0\r\n\r\n", 5);
	struct pollfd p = {.fd = fd, .events = POLLIN};
	size_t got = 0;
	while (got < sizeof reply - 1 && poll(&p, 1, 3000) > 0) {
		ssize_t k = read(fd, reply + got, sizeof reply - 1 - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	reply[got] = '\0';
	close(fd);
	ck_assert_msg(raw_status(reply) == 413, "chunked over cap: %.200s", reply);
	ck_assert_ptr_nonnull(strstr(reply, "body_too_large"));
	free(body);
	/* Nothing of either oversized body was stored. */
	ck_assert_int_eq(unit_total(), 1);
	check_healthy();
}
END_TEST

START_TEST(chunked_body_accepted)
{
	char raw[1024], reply[8192];
	snprintf(raw, sizeof raw, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		 "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
		 "10\r\n{\"code\":\"CHUNK\",\r\n"
		 "1b\r\n\"name\":\"Ch\",\"kind\":\"enhet\"}\r\n0\r\n\r\n", T.token[T_EDITOR]);
	http_raw(raw, strlen(raw), reply, sizeof reply, 3000);
	ck_assert_msg(raw_status(reply) == 201, "%.300s", reply);
	ck_assert_ptr_nonnull(strstr(reply, "\"code\":\"CHUNK\""));
	/* A chunked body cut off in the middle is never acted upon. */
	snprintf(raw, sizeof raw, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"code\":\"HALF\",\r\n",
		 T.token[T_EDITOR]);
	int fd = connect_port(T.port);
	ck_assert_int_eq(write(fd, raw, strlen(raw)), (ssize_t)strlen(raw));
	close(fd);
	usleep(100000);
	ck_assert_int_eq(unit_total(), 1);
	check_healthy();
}
END_TEST

/* Serves one /healthz on a fresh connection and returns how long it took (seconds). */
static double timed_healthz(void)
{
	double t0 = now_s();
	check_healthy();
	return now_s() - t0;
}

START_TEST(slow_clients_do_not_block_others)
{
	struct server_config cfg;
	test_config(&cfg);
	cfg.timeout_s = 1;
	cfg.threads = 2;
	restart(&cfg);

	/* Slowloris: many connections each dribbling a header, more than there are threads. */
	enum { SLOW = 8 };
	int slow[SLOW];
	for (int i = 0; i < SLOW; i++) {
		slow[i] = connect_port(T.port);
		ck_assert_int_eq(write(slow[i], "GET /healthz HTTP/1.1\r\nHo", 25), 25);
	}
	/* A body that never completes. */
	int stuck = connect_port(T.port);
	char head[512];
	int hl = snprintf(head, sizeof head, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
			  "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
			  "Content-Length: 1000\r\n\r\n{\"code\":", T.token[T_EDITOR]);
	ck_assert_int_eq(write(stuck, head, (size_t)hl), hl);

	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < SLOW; i++)
			(void)!write(slow[i], "s", 1);
		ck_assert_msg(timed_healthz() < 0.8, "a slow client blocked another");
		usleep(200000);
	}
	/* The idle ones are cut off by the timeout (1 s), so they cannot hold connections. */
	double t0 = now_s();
	char c;
	struct pollfd p = {.fd = stuck, .events = POLLIN};
	ck_assert_int_eq(poll(&p, 1, 4000), 1);
	ssize_t got = read(stuck, &c, 1);
	ck_assert_msg(got <= 0, "the stuck upload got a reply byte '%c' instead of a close", c);
	ck_assert_msg(now_s() - t0 < 4.0, "the stuck upload was not timed out");
	close(stuck);
	for (int i = 0; i < SLOW; i++)
		close(slow[i]);
	ck_assert_int_eq(unit_total(), 0);
	check_healthy();
}
END_TEST

START_TEST(per_client_connection_limit)
{
	struct server_config cfg;
	test_config(&cfg);
	cfg.max_per_ip = 4;
	restart(&cfg);
	int fds[4];
	for (int i = 0; i < 4; i++)
		fds[i] = connect_port(T.port);
	usleep(100000);  /* let the server accept them */
	/* The fifth connection from the same address is closed without service. */
	char reply[1024];
	http_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 52, reply,
		 sizeof reply, 2000);
	ck_assert_msg(raw_status(reply) == 0, "over the per-client limit: %.100s", reply);
	for (int i = 0; i < 4; i++)
		close(fds[i]);
	usleep(200000);
	check_healthy();
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("generated");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, hostile_bodies_every_route);
	tcase_add_test(tc, hostile_queries_and_paths_every_route);
	tcase_add_test(tc, hostile_paths_and_methods);
	suite_add_tcase(s, tc);
	TCase *raw = tcase_create("raw");
	tcase_add_checked_fixture(raw, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(raw, 60);
	tcase_add_test(raw, empty_bodies_on_empty_database);
	tcase_add_test(raw, bad_request_lines);
	tcase_add_test(raw, huge_headers);
	tcase_add_test(raw, body_over_cap_refused_never_truncated);
	tcase_add_test(raw, chunked_body_accepted);
	tcase_add_test(raw, slow_clients_do_not_block_others);
	tcase_add_test(raw, per_client_connection_limit);
	suite_add_tcase(s, raw);
	return s;
}
