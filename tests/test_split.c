/*
 * The splitters that read an import as it arrives (include/folja/split.h): whatever the
 * pieces the body comes in, the records handed out are the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/split.h"
#include "tests.h"

struct got {
	char recs[16][128];
	size_t n;
};

static bool keep(void *ctx, char *rec, size_t len)
{
	struct got *g = ctx;
	ck_assert_uint_lt(g->n, 16);
	ck_assert_uint_eq(strlen(rec), len);
	snprintf(g->recs[g->n++], 128, "%s", rec);
	return true;
}

/* Splits @p body fed in pieces of @p step bytes; false when the split fails. */
static bool split_in(enum split_kind k, const char *body, size_t step, struct got *g)
{
	struct splitter s;
	memset(g, 0, sizeof *g);
	split_init(&s, k, keep, g);
	bool ok = true;
	for (size_t i = 0, n = strlen(body); ok && i < n; i += step)
		ok = split_feed(&s, body + i, i + step <= n ? step : n - i);
	ok = ok && split_end(&s);
	split_free(&s);
	return ok;
}

START_TEST(csv_records_whatever_the_pieces)
{
	const char *body = "\xEF\xBB\xBFunit;name\r\nA;\"two\r\nlines\"\r\nB;\"say \"\"hi\"\"\"\nC;x";
	for (size_t step = 1; step <= strlen(body); step++) {
		struct got g;
		ck_assert(split_in(SPLIT_CSV, body, step, &g));
		ck_assert_uint_eq(g.n, 4);
		ck_assert_str_eq(g.recs[0], "unit;name");
		ck_assert_str_eq(g.recs[1], "A;\"two\r\nlines\"");
		ck_assert_str_eq(g.recs[2], "B;\"say \"\"hi\"\"\"");
		ck_assert_str_eq(g.recs[3], "C;x");
	}
}
END_TEST

/* A quote opens a quoted field only where a field begins, as the CSV reader has it: a stray
 * quote inside a field is text and does not hold the line ends after it. */
START_TEST(csv_stray_quotes_are_text)
{
	const char *body = "a;b\nTV 55\";x\n\"q\"\"\";y\"z\n\"p;1\nq\";2\n";
	for (size_t step = 1; step <= strlen(body); step++) {
		struct got g;
		ck_assert(split_in(SPLIT_CSV, body, step, &g));
		ck_assert_uint_eq(g.n, 4);
		ck_assert_str_eq(g.recs[1], "TV 55\";x");
		ck_assert_str_eq(g.recs[2], "\"q\"\"\";y\"z");
		ck_assert_str_eq(g.recs[3], "\"p;1\nq\";2");
	}
	/* once the header has said ',' a quote after ';' is text */
	struct splitter s;
	struct got g = {0};
	split_init(&s, SPLIT_CSV, keep, &g);
	split_csv_separator(&s, ',');
	ck_assert(split_feed(&s, "x;\"y\nz\n", 7) && split_end(&s));
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.recs[0], "x;\"y");
	split_free(&s);
}
END_TEST

START_TEST(json_elements_whatever_the_pieces)
{
	const char *body = " [ {\"a\":[1,2],\"s\":\"x,]\\\"}\"} , 7,\"s\" ,[ [] ] ] \n";
	for (size_t step = 1; step <= strlen(body); step++) {
		struct got g;
		ck_assert(split_in(SPLIT_JSON_ARRAY, body, step, &g));
		ck_assert_uint_eq(g.n, 4);
		ck_assert_str_eq(g.recs[0], "{\"a\":[1,2],\"s\":\"x,]\\\"}\"} ");
		ck_assert_str_eq(g.recs[1], "7");
		ck_assert_str_eq(g.recs[2], "\"s\" ");
		ck_assert_str_eq(g.recs[3], "[ [] ] ");
	}
	struct got g;
	ck_assert(split_in(SPLIT_JSON_ARRAY, "[]", 1, &g));
	ck_assert_uint_eq(g.n, 0);
}
END_TEST

START_TEST(malformed_bodies)
{
	struct got g;
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "{\"a\":1}", 3, &g));
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "[1,2", 3, &g));
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "[1,,2]", 3, &g));
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "[1,2,]", 3, &g));
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "[1] [2]", 3, &g));
	ck_assert(!split_in(SPLIT_JSON_ARRAY, "[\"open]", 3, &g));
	/* a record past the limit is refused, not kept growing */
	size_t n = SPLIT_MAX_RECORD + 10;
	char *big = malloc(n + 1);
	memset(big, 'x', n);
	big[n] = '\0';
	struct splitter s;
	split_init(&s, SPLIT_CSV, keep, &g);
	ck_assert(!split_feed(&s, big, n));
	ck_assert_ptr_nonnull(strstr(s.error, "64 KiB"));
	split_free(&s);
	free(big);
	split_free(NULL);
}
END_TEST

Suite *split_suite(void)
{
	Suite *s = suite_create("split");
	TCase *tc = tcase_create("split");
	tcase_add_test(tc, csv_records_whatever_the_pieces);
	tcase_add_test(tc, csv_stray_quotes_are_text);
	tcase_add_test(tc, json_elements_whatever_the_pieces);
	tcase_add_test(tc, malformed_bodies);
	suite_add_tcase(s, tc);
	return s;
}
