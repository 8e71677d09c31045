/*
 * The HTTP platform over a real server: operations endpoints, content types, body limits,
 * open reads, HEAD, and the command line's usage errors and exit statuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "folja/api.h"
#include "support.h"

static const struct http_case ops_cases[] = {
	{"GET", "/healthz", T_NONE, NULL, 200, NULL, "\"status\":\"ok\""},
	{"GET", "/openapi.yaml", T_NONE, NULL, 200, NULL, "openapi: 3.1.0"},
	{"GET", "/nowhere", T_NONE, NULL, 404, "not_found", "/nowhere"},
	{"POST", "/healthz", T_NONE, "{}", 405, "method_not_allowed", NULL},
	{"GET", "/api/v1/audit", T_EDITOR, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/audit", T_ADMIN, NULL, 200, NULL, "\"items\":[]"},
	{"GET", "/api/v1/audit?entity_id=x", T_ADMIN, NULL, 400, "invalid_query", "entity_id"},
	{"POST", "/api/v1/units", T_EDITOR, NULL, 400, "body_required", NULL},
};

START_TEST(operations)
{
	RUN_CASES(ops_cases);
}
END_TEST

START_TEST(metrics_count_routes_and_statuses)
{
	struct tresp r;
	char ct[64];
	req("GET", "/healthz", T_NONE, NULL, &r);
	tresp_free(&r);
	req("GET", "/nowhere", T_NONE, NULL, &r);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/metrics", T_NONE, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(tresp_header(&r, "Content-Type", ct, sizeof ct), "text/plain"));
	ck_assert_ptr_nonnull(strstr(r.body,
		"folja_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} "));
	ck_assert_ptr_nonnull(strstr(r.body, "folja_requests_total{route=\"unmatched\",status=\"404\"} "));
	ck_assert_ptr_nonnull(strstr(r.body, "folja_request_duration_seconds_bucket{le=\"+Inf\"} "));
	ck_assert_ptr_nonnull(strstr(r.body, "folja_db_errors_total "));
	tresp_free(&r);
}
END_TEST

/* The count of route=(sensitive) series with status class @p cls in a /metrics body. */
static long long sensitive_count(const char *body, const char *cls)
{
	char key[96];
	snprintf(key, sizeof key, "folja_requests_total{method=\"*\",route=\"(sensitive)\","
		 "status=\"%s\"} ", cls);
	const char *p = strstr(body, key);
	return p ? atoll(p + strlen(key)) : -1;
}

/* The public /metrics must not tell when a register is written or read: routes that need
 * `sensitive` are folded into one series, without method, route or exact status, so a lex
 * Sarah report filed (201) or refused (422) looks like any other sensitive request. */
START_TEST(metrics_fold_sensitive_routes)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/metrics", T_NONE, NULL, &r), 200);
	long long ok0 = sensitive_count(r.body, "2xx"), bad0 = sensitive_count(r.body, "4xx");
	ck_assert_int_ge(ok0, 0);   /* the series are there before any sensitive request */
	ck_assert_int_ge(bad0, 0);
	ck_assert_int_ge(sensitive_count(r.body, "5xx"), 0);
	tresp_free(&r);

	int64_t unit = create("/api/v1/units", "{\"code\":\"E\",\"name\":\"E\",\"kind\":\"enhet\"}");
	char body[256];
	snprintf(body, sizeof body, "{\"unit_id\":%lld,\"law\":\"SoL\",\"category\":"
		 "\"bemotande\",\"reported_on\":\"2021-05-05\"}", (long long)unit);
	ck_assert_int_eq(req("POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, body, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/lex-sarah-reports", T_SENS_EDITOR, "{}", &r), 422);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/decisions", T_SENS_READER, NULL, &r), 200);
	tresp_free(&r);

	ck_assert_int_eq(req("GET", "/metrics", T_NONE, NULL, &r), 200);
	/* no route label names a register, and no sensitive route appears by its pattern */
	for (const char *p = strstr(r.body, "route=\""); p; p = strstr(p + 1, "route=\"")) {
		char label[160];
		snprintf(label, sizeof label, "%.*s", (int)strcspn(p + 7, "\""), p + 7);
		ck_assert_msg(!strstr(label, "lex-sarah") && !strstr(label, "decisions"),
			      "a register's route in /metrics: %s", label);
	}
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		char label[160];
		snprintf(label, sizeof label, "route=\"%s\"", rt->pattern);
		if (rt->access == ACCESS_READ_SENSITIVE || rt->access == ACCESS_EDIT_SENSITIVE)
			ck_assert_msg(!strstr(r.body, label), "%s in /metrics", rt->pattern);
	}
	ck_assert_int_eq(sensitive_count(r.body, "2xx"), ok0 + 2);
	ck_assert_int_eq(sensitive_count(r.body, "4xx"), bad0 + 1);
	tresp_free(&r);
}
END_TEST

START_TEST(wrong_content_type_is_415)
{
	struct tresp r;
	const char *body = "{\"code\":\"A\",\"name\":\"A\",\"kind\":\"kommun\"}";
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "text/plain", body, strlen(body),
			      &r), 415);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "unsupported_media_type");
	tresp_free(&r);
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, "application/json; charset=utf-8",
			      body, strlen(body), &r), 201);
	tresp_free(&r);
}
END_TEST

START_TEST(body_over_cap_is_413_and_nothing_stored)
{
	struct tresp r;
	size_t n = (1u << 20) + 10;   /* the test server's cap is 1 MiB */
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	memcpy(big, "{\"code\":\"A\",\"name\":\"A\",\"kind\":\"kommun\"", 38);
	big[n - 1] = '}';
	big[n] = '\0';
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, NULL, big, n, &r), 413);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "body_too_large");
	tresp_free(&r);
	/* Just under the cap is accepted: the limit is exact, nothing is truncated. */
	ck_assert_int_eq(http("POST", "/api/v1/units", T_EDITOR, NULL, big, (1u << 20) - 1, &r), 400);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/units", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 0);
	tresp_free(&r);
	free(big);
}
END_TEST

START_TEST(chunked_body_over_cap_is_413)
{
	char out[4096];
	size_t chunk = 64 * 1024, total = 0;
	char *raw = malloc(2u << 20);
	int n = snprintf(raw, 512, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer %s\r\n"
			 "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
			 T.token[T_EDITOR]);
	size_t len = (size_t)n;
	while (total < (1u << 20) + chunk) {
		len += (size_t)sprintf(raw + len, "%zx\r\n", chunk);
		memset(raw + len, ' ', chunk);
		len += chunk;
		memcpy(raw + len, "\r\n", 2);
		len += 2;
		total += chunk;
	}
	memcpy(raw + len, "0\r\n\r\n", 5);
	len += 5;
	http_raw(raw, len, out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 413 ") && strstr(out, "body_too_large"), "%s", out);
	free(raw);
}
END_TEST

START_TEST(head_is_get_without_body)
{
	char out[4096];
	const char *raw = "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	http_raw(raw, strlen(raw), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK") && !strstr(out, "\"status\""), "%s", out);
}
END_TEST

START_TEST(bearer_scheme_is_case_insensitive)
{
	char raw[1536], out[4096];
	snprintf(raw, sizeof raw, "GET /api/v1/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: bearer %s\r\n\r\n", T.token[T_READER]);
	http_raw(raw, strlen(raw), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK"), "%s", out);
	/* The token itself is compared exactly. */
	snprintf(raw, sizeof raw, "GET /api/v1/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Authorization: Bearer FOLJA_%s\r\n\r\n", T.token[T_READER] + 6);
	http_raw(raw, strlen(raw), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 401 "), "%s", out);
}
END_TEST

START_TEST(open_read_serves_reads_not_writes)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units", T_NONE, NULL, &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/units", T_NONE, "{}", &r), 401);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit", T_NONE, NULL, &r), 401);
	tresp_free(&r);
	/* A bad token is refused even where none is needed. */
	ck_assert_int_eq(req("GET", "/api/v1/units", T_BAD, NULL, &r), 401);
	tresp_free(&r);
}
END_TEST

/* Computed reads are memoised per data version: a repeat is a hit with the same body, a write
 * makes the next read a miss with the new figures, and the key separates the format and
 * anonymous callers (whose small counts are suppressed) from token holders. */
START_TEST(computed_reads_are_memoised)
{
	struct tresp a, b;
	char hdr[32];
	const char *path = "/api/v1/lex-sarah-reports/summary?period=2021";
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &a), 200);
	ck_assert_str_eq(tresp_header(&a, "X-Folja-Cache", hdr, sizeof hdr), "miss");
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &b), 200);
	ck_assert_str_eq(tresp_header(&b, "X-Folja-Cache", hdr, sizeof hdr), "hit");
	ck_assert_str_eq(a.body, b.body);
	json_int_t total = json_integer_value(json_object_get(a.json, "total"));
	tresp_free(&a);
	tresp_free(&b);

	/* anonymous callers have their own entry (suppressed counts) */
	ck_assert_int_eq(req("GET", path, T_NONE, NULL, &a), 200);
	ck_assert_str_eq(tresp_header(&a, "X-Folja-Cache", hdr, sizeof hdr), "miss");
	tresp_free(&a);
	/* and so does the CSV of the same query */
	ck_assert_int_eq(http("GET", "/api/v1/decisions/ivo-report?quarter=2018-Q1&format=csv",
			      T_SENS_READER, NULL, NULL, 0, &a), 200);
	ck_assert_ptr_nonnull(strstr(tresp_header(&a, "Content-Type", hdr, sizeof hdr), "text/csv"));
	tresp_free(&a);
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2018-Q1", T_SENS_READER,
			     NULL, &a), 200);
	ck_assert_ptr_nonnull(strstr(tresp_header(&a, "Content-Type", hdr, sizeof hdr), "json"));
	tresp_free(&a);

	/* a write: the next read is computed afresh */
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=enhet&limit=1", T_READER, NULL, &a), 200);
	json_int_t unit = json_integer_value(json_object_get(json_array_get(
		json_object_get(a.json, "items"), 0), "id"));
	tresp_free(&a);
	char body[256];
	snprintf(body, sizeof body, "{\"unit_id\":%lld,\"law\":\"SoL\",\"category\":"
		 "\"bemotande\",\"reported_on\":\"2021-05-05\"}", (long long)unit);
	create("/api/v1/lex-sarah-reports", body);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &a), 200);
	ck_assert_str_eq(tresp_header(&a, "X-Folja-Cache", hdr, sizeof hdr), "miss");
	ck_assert_int_eq(json_integer_value(json_object_get(a.json, "total")), total + 1);
	tresp_free(&a);
}
END_TEST

/* Runs the folja binary with @p args (a shell word list); returns its exit status. */
static int run_folja(const char *args, char *out, size_t cap)
{
	char cmd[1024];
	const char *bin = getenv("FOLJA_BIN");
	ck_assert_ptr_nonnull(bin);
	snprintf(cmd, sizeof cmd, "%s %s 2>&1", bin, args);
	FILE *p = popen(cmd, "r");
	size_t n = fread(out, 1, cap - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(cli_usage_and_tokens)
{
	char out[4096], args[512], dir[] = "/tmp/folja-cli.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(run_folja("", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("frobnicate", out, sizeof out), 2);
	ck_assert_ptr_nonnull(strstr(out, "unknown command"));
	ck_assert_int_eq(run_folja("serve --listen nowhere", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("serve --threads 0", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("token create --role king", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("token frobnicate", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("token revoke", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("token revoke x7", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("token create --role reader --expires soon", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("backup", out, sizeof out), 2);
	ck_assert_int_eq(run_folja("--help", out, sizeof out), 0);
	snprintf(args, sizeof args, "demo --db %s/d.db", dir);
	ck_assert_int_eq(run_folja(args, out, sizeof out), 0);
	ck_assert_ptr_nonnull(strstr(out, "demo data loaded"));
	ck_assert_int_eq(run_folja(args, out, sizeof out), 0);
	ck_assert_ptr_nonnull(strstr(out, "not empty"));
	snprintf(args, sizeof args, "token create --role reader --sensitive --name x --db %s/d.db 2>/dev/null", dir);
	ck_assert_int_eq(run_folja(args, out, sizeof out), 0);
	ck_assert_msg(strncmp(out, "folja_", 6) == 0 && strlen(out) > 70 && !strchr(out, ' '), "%s", out);
	snprintf(args, sizeof args, "migrate --db %s/d.db", dir);
	ck_assert_int_eq(run_folja(args, out, sizeof out), 0);
	remove_dir(dir);
}
END_TEST

Suite *platform_suite(void)
{
	Suite *s = suite_create("platform");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, operations);
	tcase_add_test(tc, metrics_count_routes_and_statuses);
	tcase_add_test(tc, metrics_fold_sensitive_routes);
	tcase_add_test(tc, wrong_content_type_is_415);
	tcase_add_test(tc, body_over_cap_is_413_and_nothing_stored);
	tcase_add_test(tc, chunked_body_over_cap_is_413);
	tcase_add_test(tc, head_is_get_without_body);
	tcase_add_test(tc, bearer_scheme_is_case_insensitive);
	suite_add_tcase(s, tc);
	TCase *open = tcase_create("open_read");
	tcase_add_checked_fixture(open, tsrv_setup_open, tsrv_teardown);
	tcase_add_test(open, open_read_serves_reads_not_writes);
	tcase_add_test(open, computed_reads_are_memoised);
	suite_add_tcase(s, open);
	TCase *cli = tcase_create("cli");
	tcase_set_timeout(cli, 60);
	tcase_add_test(cli, cli_usage_and_tokens);
	suite_add_tcase(s, cli);
	return s;
}
