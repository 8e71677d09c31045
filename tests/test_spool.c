/*
 * The spool an import's budget lines wait in (src/db/spool.h, budget_spool.h) and the
 * table-valued function that reads rows from C to SQL (src/db/rows.h): whatever their sizes,
 * the lines come back as they went in, NULLs and long texts included, across the file's
 * buffer boundaries.  And the sort of the statistics import's keys (src/db/key_sort.h): the
 * order of a comparison sort by (hi, lo, at), whichever bytes the keys differ in.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/db/budget_spool.h"   /* private to src/db: tested here on its own */
#include "../src/db/key_sort.h"
#include "tests.h"

/* Records of 1..997 bytes, each byte telling its record and place, read back whole. */
START_TEST(records_cross_the_buffer)
{
	struct spool s;
	static unsigned char rec[1000], back[1000];
	ck_assert_int_eq(spool_open(&s), DB_OK);
	size_t total = 0, n = 0;
	for (size_t len = 1; total < 3 * SPOOL_BUF; len = len % 997 + 1, n++) {
		for (size_t i = 0; i < len; i++)
			rec[i] = (unsigned char)(n * 31 + i);
		ck_assert_int_eq(spool_append(&s, rec, len), DB_OK);
		total += len;
	}
	ck_assert_int_eq(spool_flush(&s), DB_OK);
	ck_assert_uint_eq(s.size, total);
	struct spool_reader r;
	ck_assert_int_eq(spool_reader_open(&r, &s), DB_OK);
	size_t len = 1;
	for (size_t k = 0; k < n; k++, len = len % 997 + 1) {
		ck_assert_int_eq(spool_read(&r, back, len), 1);
		for (size_t i = 0; i < len; i++)
			ck_assert_uint_eq(back[i], (unsigned char)(k * 31 + i));
	}
	ck_assert_int_eq(spool_read(&r, back, 1), 0);   /* the end */
	spool_reader_close(&r);
	spool_close(&s);
	spool_close(&s);   /* twice is safe */
	/* a read the file ends inside of fails rather than giving part of a record */
	ck_assert_int_eq(spool_open(&s), DB_OK);
	ck_assert_int_eq(spool_append(&s, "abc", 3), DB_OK);
	ck_assert_int_eq(spool_flush(&s), DB_OK);
	ck_assert_int_eq(spool_reader_open(&r, &s), DB_OK);
	ck_assert_int_eq(spool_read(&r, back, 2), 1);
	ck_assert_int_eq(memcmp(back, "ab", 2), 0);
	ck_assert_int_eq(spool_read(&r, back, 2), -1);
	spool_reader_close(&r);
	spool_close(&s);
}
END_TEST

struct lines {
	sqlite3 *h;
	struct codes codes;
	struct budget_spool b;
};

static void lines_open(struct lines *t)
{
	memset(t, 0, sizeof *t);
	ck_assert_int_eq(sqlite3_open(":memory:", &t->h), SQLITE_OK);
	ck_assert_int_eq(rows_register(t->h), SQLITE_OK);
	t->b.codes = &t->codes;
	ck_assert_int_eq(spool_open(&t->b.file), DB_OK);
}

static void lines_close(struct lines *t)
{
	spool_close(&t->b.file);
	codes_free(&t->codes);
	sqlite3_close(t->h);
}

/* Appends @p l, interning its activity, account and project as the import does. */
static enum db_rc add(struct lines *t, const struct budget_line_in *l)
{
	uint32_t ids[BUDGET_SPOOL_INTERNED];
	ck_assert(codes_id(&t->codes, l->activity, &ids[0]) &&
		  codes_id(&t->codes, l->account, &ids[1]) &&
		  codes_id(&t->codes, l->project, &ids[2]));
	return budget_spool_add(&t->b, l, ids);
}

static const char sql_all[] =
	"SELECT rowid, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 FROM folja_rows(?1)";

/* Column @p i of @p st as text ("NULL" for NULL). */
static const char *text_of(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? "NULL" :
	       (const char *)sqlite3_column_text(st, i);
}

/* Every field, NULL or given, long or empty, comes back as it went in. */
START_TEST(lines_come_back_to_sql)
{
	struct lines t;
	lines_open(&t);
	char *ref = malloc(UINT16_MAX + 1);
	memset(ref, 'r', UINT16_MAX);
	ref[UINT16_MAX - 1] = '\0';   /* the longest text a line holds: 65 534 bytes */
	const struct budget_line_in in[] = {
		{.unit_id = 7, .activity = "A1", .account = "4000", .year = 2021, .month = 3,
		 .measure = "outcome", .amount_kr = -12, .ledger = "drift"},
		{.unit_id = 9, .activity = NULL, .account = "", .year = 2022, .month = DB_NULL,
		 .measure = "budget", .amount_kr = 9000000000000000, .budget_kind = "change",
		 .decided_on = "2022-01-31", .decision_ref = ref},
		{.unit_id = 7, .activity = "A1", .account = "4000", .year = 2021, .month = 12,
		 .measure = "forecast", .amount_kr = 0, .project = "P-9",
		 .ledger = "investering", .decision_ref = ""},
	};
	/* many copies, so the lines cross the spool's buffers */
	const int rounds = 40;
	for (int k = 0; k < rounds; k++)
		for (size_t i = 0; i < sizeof in / sizeof *in; i++)
			ck_assert_int_eq(add(&t, &in[i]), DB_OK);
	ck_assert_int_eq(spool_flush(&t.b.file), DB_OK);
	ck_assert_int_eq(t.b.lines, rounds * 3);
	sqlite3_stmt *st;
	struct rows *scan = budget_spool_rows(&t.b);
	ck_assert_ptr_nonnull(scan);
	ck_assert_int_eq(sqlite3_prepare_v2(t.h, sql_all, -1, &st, NULL), SQLITE_OK);
	rows_bind(st, 1, scan);
	for (int n = 0; n < rounds * 3; n++) {
		const struct budget_line_in *l = &in[n % 3];
		char want[64];
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_int64(st, 0), n + 1);
		ck_assert_int_eq(sqlite3_column_int64(st, 1), l->unit_id);
		ck_assert_str_eq(text_of(st, 2), l->activity ? l->activity : "NULL");
		ck_assert_str_eq(text_of(st, 3), l->account ? l->account : "NULL");
		ck_assert_int_eq(sqlite3_column_int64(st, 4), l->year);
		snprintf(want, sizeof want, "%lld", (long long)l->month);
		ck_assert_str_eq(text_of(st, 5), l->month == DB_NULL ? "NULL" : want);
		ck_assert_str_eq(text_of(st, 6), l->measure);
		ck_assert_int_eq(sqlite3_column_int64(st, 7), l->amount_kr);
		ck_assert_str_eq(text_of(st, 8), l->ledger ? l->ledger : "NULL");
		ck_assert_str_eq(text_of(st, 9), l->project ? l->project : "NULL");
		ck_assert_str_eq(text_of(st, 10), l->budget_kind ? l->budget_kind : "NULL");
		ck_assert_str_eq(text_of(st, 11), l->decided_on ? l->decided_on : "NULL");
		ck_assert_str_eq(text_of(st, 12), l->decision_ref ? l->decision_ref : "NULL");
	}
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	/* read again from the start after a reset */
	sqlite3_reset(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(st, 0), 1);
	sqlite3_finalize(st);
	budget_spool_rows_free(scan);
	/* without the spool bound there are no rows; without the argument no plan */
	ck_assert_int_eq(sqlite3_prepare_v2(t.h, sql_all, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert_int_ne(sqlite3_prepare_v2(t.h, "SELECT * FROM folja_rows", -1, &st, NULL),
			 SQLITE_OK);
	/* a text longer than a line holds is refused */
	ref[UINT16_MAX - 1] = 'r';
	ref[UINT16_MAX] = '\0';
	struct budget_line_in too_long = in[1];
	too_long.decision_ref = ref;
	ck_assert_int_eq(add(&t, &too_long), DB_INVALID);
	free(ref);
	lines_close(&t);
}
END_TEST

/* The walk for period locks sees each line's number, unit, year and month in order. */
static enum db_rc count_line(void *ctx, size_t n, int64_t unit_id, int64_t year, int64_t month)
{
	int64_t *sum = ctx;
	ck_assert_int_eq(unit_id, (int64_t)n);
	ck_assert_int_eq(year, 2000 + (int64_t)n);
	ck_assert_int_eq(month, n % 13 ? (int64_t)(n % 13) : DB_NULL);
	*sum += (int64_t)n;
	return n == 5000 ? DB_INVALID : DB_OK;
}

START_TEST(each_line_in_order)
{
	struct lines t;
	lines_open(&t);
	for (int64_t n = 1; n <= 6000; n++) {
		struct budget_line_in l = {.unit_id = n, .year = 2000 + n,
					   .month = n % 13 ? n % 13 : DB_NULL,
					   .measure = "budget", .amount_kr = n};
		ck_assert_int_eq(add(&t, &l), DB_OK);
	}
	ck_assert_int_eq(spool_flush(&t.b.file), DB_OK);
	int64_t sum = 0;
	/* the walk stops where its function says so, with that answer */
	ck_assert_int_eq(budget_spool_each(&t.b, count_line, &sum), DB_INVALID);
	ck_assert_int_eq(sum, 5000 * 5001 / 2);
	lines_close(&t);
}
END_TEST

/* Keys whose bytes vary as @p vary says (bit p: byte p, lo's lowest first, takes a few
 * values; others are one value), with many ties, sorted as qsort() sorts them. */
static void sorts_as_qsort(size_t n, unsigned vary, unsigned seed)
{
	struct key128 *keys = malloc((n + 1) * sizeof *keys), *want = malloc((n + 1) * sizeof *want);
	ck_assert(keys && want);
	srand(seed);
	for (size_t i = 0; i < n; i++) {
		keys[i] = (struct key128){.hi = 0x0123456789abcdefu, .lo = 0xfedcba9876543210u,
					  .at = (uint32_t)i};
		for (int p = 0; p < 16; p++) {
			uint64_t *w = p < 8 ? &keys[i].lo : &keys[i].hi;
			int shift = 8 * (p & 7);
			if (vary & 1u << p)   /* 0, 1, 0x80, 0xff: ties, and the byte's ends */
				*w = (*w & ~((uint64_t)0xff << shift)) |
				     (uint64_t)(0x80ff0100u >> 8 * (rand() % 4) & 0xff) << shift;
		}
	}
	memcpy(want, keys, n * sizeof *keys);
	qsort(want, n, sizeof *want, key_cmp);
	key_sort(keys, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(keys[i].hi == want[i].hi && keys[i].lo == want[i].lo &&
			      keys[i].at == want[i].at, "n %zu vary %#x: key %zu", n, vary, i);
	free(keys);
	free(want);
}

START_TEST(keys_sort_as_compared)
{
	sorts_as_qsort(0, 0xffff, 1);
	sorts_as_qsort(1, 0xffff, 2);
	sorts_as_qsort(1000, 0, 3);          /* all equal: no pass moves, the order stays */
	sorts_as_qsort(1000, 0x8000, 4);     /* hi's top byte only */
	sorts_as_qsort(1000, 0x0001, 5);     /* lo's lowest byte only */
	sorts_as_qsort(5000, 0x0f0f, 6);     /* an odd and an even number of passes */
	sorts_as_qsort(5000, 0x0f07, 7);
	sorts_as_qsort(20000, 0xffff, 8);
	sorts_as_qsort(20000, 0xa55a, 9);
}
END_TEST

Suite *spool_suite(void)
{
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("spool");
	tcase_add_test(tc, records_cross_the_buffer);
	tcase_add_test(tc, lines_come_back_to_sql);
	tcase_add_test(tc, each_line_in_order);
	tcase_add_test(tc, keys_sort_as_compared);
	suite_add_tcase(s, tc);
	return s;
}
