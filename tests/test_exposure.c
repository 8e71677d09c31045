/*
 * What a caller without `sensitive` may see of the sensitive registers, proven against the
 * routing table.
 *
 * A register is sensitive when its collection route needs `sensitive` to read (lex Sarah,
 * decisions, and every register added later the same way).  Every other read under that
 * collection (summaries, reports) is open to readers and must hold only aggregates: no record
 * ids, no references, no register free text.  The test files records carrying a marker in
 * every text field, then calls each such route as a reader without `sensitive` and anonymously
 * under --open-read, and searches the whole reply for the forbidden keys and the marker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "support.h"

#define MARK "Xyzzy-mark"

static const char *const forbidden_keys[] = {"id", "reference", "summary", "measures",
					     "delay_reason", "open_overdue", "inconsistencies",
					     NULL};

/* Fails when @p v holds a forbidden key with a non-null value anywhere. */
static void check_no_detail(json_t *v, const char *path)
{
	const char *key;
	json_t *x;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			for (int k = 0; forbidden_keys[k]; k++)
				ck_assert_msg(strcmp(key, forbidden_keys[k]) != 0 || json_is_null(x),
					      "%s: `%s` shown without sensitive", path, key);
			check_no_detail(x, path);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			check_no_detail(x, path);
	}
}

/* True when the pattern's collection route ("/api/v1/x" of "/api/v1/x/...") needs
 * `sensitive` to read. */
static bool under_sensitive_collection(const char *pattern)
{
	for (const struct route *c = folja_routes; c->method; c++) {
		size_t n = strlen(c->pattern);
		if (strcmp(c->method, "GET") == 0 && c->access == ACCESS_READ_SENSITIVE &&
		    strchr(c->pattern, '{') == NULL && strncmp(pattern, c->pattern, n) == 0 &&
		    pattern[n] == '/')
			return true;
	}
	return false;
}

/* The path of @p rt with its parameters filled from their examples. */
static void example_path(const struct route *rt, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "%s?", rt->pattern);
	for (const struct q_param *p = rt->query ? rt->query->params : NULL;
	     p && p->kind != Q_END; p++)
		if (p->example && strcmp(p->name, "unit_id") != 0)
			n += (size_t)snprintf(out + n, cap - n, "%s=%.*s&", p->name,
					      (int)strcspn(p->example, ","), p->example);
	out[n - 1] = '\0';
}

static void file_marked_records(void)
{
	/* reported and decided in 2021, open, old enough to be overdue and reportable */
	create("/api/v1/lex-sarah-reports", "{\"unit_id\":3,\"law\":\"SoL\",\"category\":"
	       "\"bemotande\",\"reported_on\":\"2021-01-10\",\"summary\":\"" MARK "\","
	       "\"measures\":\"" MARK "\",\"reference\":\"" MARK "\",\"status\":\"avslutad\","
	       "\"investigation_done_on\":\"2021-02-01\",\"outcome\":\"allvarlig_risk\"}");
	create("/api/v1/decisions", "{\"unit_id\":3,\"law\":\"SoL\",\"inriktning\":"
	       "\"barn_och_familj\",\"insats\":\"familjehem\",\"gender\":\"K\",\"decided_on\":"
	       "\"2021-01-15\",\"delay_reason\":\"" MARK "\",\"measures\":\"" MARK "\","
	       "\"reference\":\"" MARK "\"}");
	/* the registers whose detail tells of people: complaints, incidents, lex Maria, dated in
	 * their summaries' example periods (a category is a classification the summaries group
	 * by, like lex Sarah's, so it carries no marker) */
	create("/api/v1/complaints", "{\"unit_id\":3,\"received_on\":\"2017-02-01\",\"kind\":"
	       "\"klagomal\",\"channel\":\"" MARK "\",\"summary\":\"" MARK "\"}");
	create("/api/v1/incidents", "{\"unit_id\":3,\"occurred_on\":\"2017-02-01\",\"kind\":"
	       "\"tillbud\",\"summary\":\"" MARK "\"}");
	create("/api/v1/lex-maria-reports", "{\"unit_id\":3,\"notified_on\":\"2017-06-01\","
	       "\"harm\":\"vardskada\",\"category\":\"fall\",\"summary\":\"" MARK "\","
	       "\"measures\":\"" MARK "\"}");
}

static void check_every_aggregate(enum tok tok)
{
	int checked = 0;
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		if (strcmp(rt->method, "GET") != 0 || rt->access != ACCESS_READ ||
		    !under_sensitive_collection(rt->pattern))
			continue;
		char path[512];
		example_path(rt, path, sizeof path);
		struct tresp r;
		int status = req("GET", path, tok, NULL, &r);
		ck_assert_msg(status == 200, "GET %s: %d %s", path, status, r.body);
		ck_assert_msg(!strstr(r.body, MARK), "GET %s shows register text", path);
		check_no_detail(r.json, path);
		tresp_free(&r);
		checked++;
	}
	ck_assert_int_ge(checked, 3);
}

START_TEST(aggregates_hold_no_detail_for_readers)
{
	file_marked_records();
	check_every_aggregate(T_READER);
	check_every_aggregate(T_EDITOR);
}
END_TEST

START_TEST(aggregates_hold_no_detail_for_anonymous_reads)
{
	file_marked_records();
	check_every_aggregate(T_NONE);
}
END_TEST

Suite *exposure_suite(void)
{
	Suite *s = suite_create("exposure");
	TCase *tc = tcase_create("token");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(tc, aggregates_hold_no_detail_for_readers);
	suite_add_tcase(s, tc);
	TCase *open = tcase_create("open_read");
	tcase_add_checked_fixture(open, tsrv_setup_open, tsrv_teardown);
	tcase_add_test(open, aggregates_hold_no_detail_for_anonymous_reads);
	suite_add_tcase(s, open);
	return s;
}
