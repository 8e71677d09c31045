/*
 * Unit tests for report periods (src/domain/period.c).
 *
 * A period string arrives in almost every query, so parsing is tested for each kind both
 * ways: the canonical spelling is accepted and formats back to itself, every near miss is
 * refused with the message that names its fault, and period_error() agrees with
 * period_parse() on every string.  The calendar side is tested at the edges: the months and
 * days each kind covers (29 February included), the step back across a year boundary for
 * each kind, and containment at the first and last day of a period and the days just outside.
 */
#include <check.h>
#include <string.h>

#include "folja/period.h"

Suite *period_suite(void);

static struct period mkperiod(enum period_kind kind, int year, int index)
{
	struct period p = { kind, year, index };

	return p;
}

static struct date mkdate(int y, int m, int d)
{
	struct date dt = { y, m, d };

	return dt;
}

#define ck_assert_period(got, ek, ey, ei) do { \
	struct period g_ = (got); \
	ck_assert_msg(g_.kind == (ek) && g_.year == (ey) && g_.index == (ei), \
	    "got {%d, %d, %d}, expected {%d, %d, %d}", (int)g_.kind, g_.year, g_.index, \
	    (int)(ek), (ey), (ei)); \
} while (0)

#define ck_assert_date(got, ey, em, ed) do { \
	struct date g_ = (got); \
	ck_assert_msg(g_.y == (ey) && g_.m == (em) && g_.d == (ed), \
	    "got %04d-%02d-%02d, expected %04d-%02d-%02d", g_.y, g_.m, g_.d, (ey), (em), (ed)); \
} while (0)

/* ---------------------------------------------------------------- parsing */

static const struct {
	const char *s;
	enum period_kind kind;
	int year, index;
} valid[] = {
	{ "2021", PERIOD_YEAR, 2021, 0 },
	{ "1900", PERIOD_YEAR, 1900, 0 },
	{ "2200", PERIOD_YEAR, 2200, 0 },
	{ "2021-01", PERIOD_MONTH, 2021, 1 },
	{ "2021-04", PERIOD_MONTH, 2021, 4 },
	{ "2021-10", PERIOD_MONTH, 2021, 10 },
	{ "2021-12", PERIOD_MONTH, 2021, 12 },
	{ "2021-Q1", PERIOD_QUARTER, 2021, 1 },
	{ "2021-Q3", PERIOD_QUARTER, 2021, 3 },
	{ "2021-Q4", PERIOD_QUARTER, 2021, 4 },
	{ "2021-T1", PERIOD_TERTIAL, 2021, 1 },
	{ "2021-T2", PERIOD_TERTIAL, 2021, 2 },
	{ "2017-T3", PERIOD_TERTIAL, 2017, 3 },
	{ "2021-H1", PERIOD_HALF, 2021, 1 },
	{ "2021-H2", PERIOD_HALF, 2021, 2 },
	{ "1900-01", PERIOD_MONTH, 1900, 1 },
	{ "2200-H2", PERIOD_HALF, 2200, 2 },
};

START_TEST(test_parse_every_kind)
{
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		struct period p = { PERIOD_HALF, -1, -1 };
		char buf[PERIOD_BUF];

		ck_assert_msg(period_parse(valid[i].s, &p), "refused %s", valid[i].s);
		ck_assert_period(p, valid[i].kind, valid[i].year, valid[i].index);
		ck_assert(period_valid(p));
		ck_assert_ptr_null(period_error(valid[i].s));
		/* Canonical: formatting gives back the very string parsed. */
		period_format(p, buf);
		ck_assert_str_eq(buf, valid[i].s);
	}
}
END_TEST

/* Each refusal names its fault; @c word is a piece of the expected message. */
static const struct {
	const char *s;
	const char *word;
} invalid[] = {
	{ "", "missing" },
	{ "21", "four-digit year" },
	{ "202", "four-digit year" },
	{ "20211", "four-digit year" },
	{ "02021", "four-digit year" },
	{ " 2021", "four-digit year" },
	{ "+2021", "four-digit year" },
	{ "Q3-2021", "four-digit year" },
	{ "1899", "between 1900 and 2200" },
	{ "2201", "between 1900 and 2200" },
	{ "0000-01", "between 1900 and 2200" },
	{ "2021 ", "unexpected characters" },
	{ "2021x", "unexpected characters" },
	{ "2021/04", "unexpected characters" },
	{ "2021-04 ", "unexpected characters" },
	{ "2021-04x", "unexpected characters" },
	{ "2021-04-01", "unexpected characters" },
	{ "2021-Q3 ", "unexpected characters" },
	{ "2021-T1-", "unexpected characters" },
	{ "2021-", "after the year" },
	{ "2021--04", "after the year" },
	{ "2021- 04", "after the year" },
	{ "2021-X1", "after the year" },
	{ "2021-M04", "after the year" },
	{ "2021-W14", "after the year" },
	{ "2021-q3", "upper case" },
	{ "2021-t1", "upper case" },
	{ "2021-h2", "upper case" },
	{ "2021-13", "month" },
	{ "2021-00", "month" },
	{ "2021-4", "month" },
	{ "2021-004", "month" },
	{ "2021-99", "month" },
	{ "2021-Q0", "quarter" },
	{ "2021-Q5", "quarter" },
	{ "2021-Q", "quarter" },
	{ "2021-Q03", "quarter" },
	{ "2021-Q10", "quarter" },
	{ "2021-Qx", "quarter" },
	{ "2021-T0", "tertial" },
	{ "2021-T4", "tertial" },
	{ "2021-T", "tertial" },
	{ "2021-H0", "half-year" },
	{ "2021-H3", "half-year" },
	{ "2021-H12", "half-year" },
	{ "2021-H99999999999999999999", "half-year" },   /* no overflow on long runs */
	{ "2021-99999999999999999999", "month" },
};

START_TEST(test_parse_refuses_with_reason)
{
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		struct period p = { PERIOD_MONTH, 7, 7 };
		const char *err = period_error(invalid[i].s);

		ck_assert_msg(!period_parse(invalid[i].s, &p), "accepted \"%s\"", invalid[i].s);
		ck_assert_period(p, PERIOD_MONTH, 7, 7);   /* untouched on refusal */
		ck_assert_msg(err != NULL, "no error for \"%s\"", invalid[i].s);
		ck_assert_msg(strstr(err, invalid[i].word) != NULL,
		    "\"%s\": message \"%s\" lacks \"%s\"", invalid[i].s, err, invalid[i].word);
	}
}
END_TEST

START_TEST(test_parse_null)
{
	struct period p = { PERIOD_MONTH, 7, 7 };

	ck_assert(!period_parse(NULL, &p));
	ck_assert_period(p, PERIOD_MONTH, 7, 7);
	ck_assert(!period_parse("2021-Q3", NULL));
	ck_assert_ptr_nonnull(period_error(NULL));
	ck_assert_ptr_nonnull(strstr(period_error(NULL), "missing"));
}
END_TEST

START_TEST(test_error_agrees_with_parse)
{
	/* Every prefix of a few strings, valid or not, gets the same verdict from both. */
	static const char *const strings[] = {
		"2021-Q3x", "2021-T2", "2021-H1 ", "2021-12", "2021-13", "1899-01", "2021-q1",
	};

	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		char buf[16];
		size_t len = strlen(strings[i]);

		for (size_t n = 0; n <= len; n++) {
			struct period p;

			memcpy(buf, strings[i], n);
			buf[n] = '\0';
			ck_assert_msg(period_parse(buf, &p) == (period_error(buf) == NULL),
			    "parse and error disagree on \"%s\"", buf);
		}
	}
}
END_TEST

START_TEST(test_valid)
{
	ck_assert(period_valid(mkperiod(PERIOD_YEAR, 2021, 0)));
	ck_assert(!period_valid(mkperiod(PERIOD_YEAR, 2021, 1)));
	ck_assert(period_valid(mkperiod(PERIOD_MONTH, 2021, 12)));
	ck_assert(!period_valid(mkperiod(PERIOD_MONTH, 2021, 0)));
	ck_assert(!period_valid(mkperiod(PERIOD_MONTH, 2021, 13)));
	ck_assert(period_valid(mkperiod(PERIOD_QUARTER, 2021, 4)));
	ck_assert(!period_valid(mkperiod(PERIOD_QUARTER, 2021, 5)));
	ck_assert(period_valid(mkperiod(PERIOD_TERTIAL, 2021, 3)));
	ck_assert(!period_valid(mkperiod(PERIOD_TERTIAL, 2021, 4)));
	ck_assert(period_valid(mkperiod(PERIOD_HALF, 2021, 2)));
	ck_assert(!period_valid(mkperiod(PERIOD_HALF, 2021, 3)));
	ck_assert(!period_valid(mkperiod(PERIOD_HALF, 2021, -1)));
	/* Arithmetic may leave the parse range; such periods are still valid values. */
	ck_assert(period_valid(mkperiod(PERIOD_YEAR, 1899, 0)));
	ck_assert(period_valid(mkperiod(PERIOD_YEAR, 1, 0)));
	ck_assert(period_valid(mkperiod(PERIOD_YEAR, 9999, 0)));
	ck_assert(!period_valid(mkperiod(PERIOD_YEAR, 0, 0)));
	ck_assert(!period_valid(mkperiod(PERIOD_YEAR, 10000, 0)));
	ck_assert(!period_valid(mkperiod((enum period_kind)5, 2021, 1)));
	ck_assert(!period_valid(mkperiod((enum period_kind)-1, 2021, 1)));
}
END_TEST

START_TEST(test_format)
{
	char buf[PERIOD_BUF];

	period_format(mkperiod(PERIOD_YEAR, 2021, 0), buf);
	ck_assert_str_eq(buf, "2021");
	period_format(mkperiod(PERIOD_MONTH, 2021, 4), buf);
	ck_assert_str_eq(buf, "2021-04");
	period_format(mkperiod(PERIOD_QUARTER, 2021, 3), buf);
	ck_assert_str_eq(buf, "2021-Q3");
	period_format(mkperiod(PERIOD_TERTIAL, 2021, 1), buf);
	ck_assert_str_eq(buf, "2021-T1");
	period_format(mkperiod(PERIOD_HALF, 2021, 2), buf);
	ck_assert_str_eq(buf, "2021-H2");
	/* Outside the parse range a year still prints with four digits. */
	period_format(mkperiod(PERIOD_QUARTER, 1899, 4), buf);
	ck_assert_str_eq(buf, "1899-Q4");
	period_format(mkperiod(PERIOD_MONTH, 1, 1), buf);
	ck_assert_str_eq(buf, "0001-01");
}
END_TEST

/* ---------------------------------------------------------------- the calendar */

START_TEST(test_first_last_month)
{
	static const struct {
		enum period_kind kind;
		int index, first, last;
	} cases[] = {
		{ PERIOD_YEAR, 0, 1, 12 },
		{ PERIOD_MONTH, 1, 1, 1 },
		{ PERIOD_MONTH, 4, 4, 4 },
		{ PERIOD_MONTH, 12, 12, 12 },
		{ PERIOD_QUARTER, 1, 1, 3 },
		{ PERIOD_QUARTER, 2, 4, 6 },
		{ PERIOD_QUARTER, 3, 7, 9 },
		{ PERIOD_QUARTER, 4, 10, 12 },
		{ PERIOD_TERTIAL, 1, 1, 4 },
		{ PERIOD_TERTIAL, 2, 5, 8 },
		{ PERIOD_TERTIAL, 3, 9, 12 },
		{ PERIOD_HALF, 1, 1, 6 },
		{ PERIOD_HALF, 2, 7, 12 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct period p = mkperiod(cases[i].kind, 2021, cases[i].index);

		ck_assert_msg(period_first_month(p) == cases[i].first &&
		    period_last_month(p) == cases[i].last, "case %zu: %d..%d", i,
		    period_first_month(p), period_last_month(p));
	}
}
END_TEST

START_TEST(test_periods_tile_the_year)
{
	/* Each kind's periods follow one another without gap or overlap from January to
	 * December, so a year-to-date sum January..last_month never skips a month. */
	static const struct {
		enum period_kind kind;
		int count;
	} kinds[] = {
		{ PERIOD_MONTH, 12 }, { PERIOD_QUARTER, 4 }, { PERIOD_TERTIAL, 3 }, { PERIOD_HALF, 2 },
	};

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		int next = 1;

		for (int i = 1; i <= kinds[k].count; i++) {
			struct period p = mkperiod(kinds[k].kind, 2021, i);

			ck_assert_int_eq(period_first_month(p), next);
			next = period_last_month(p) + 1;
			ck_assert_int_eq(next - period_first_month(p), 12 / kinds[k].count);
		}
		ck_assert_int_eq(next, 13);
	}
}
END_TEST

START_TEST(test_first_last_day)
{
	ck_assert_date(period_first_day(mkperiod(PERIOD_QUARTER, 2021, 3)), 2021, 7, 1);
	ck_assert_date(period_last_day(mkperiod(PERIOD_QUARTER, 2021, 3)), 2021, 9, 30);
	ck_assert_date(period_last_day(mkperiod(PERIOD_QUARTER, 2021, 1)), 2021, 3, 31);
	ck_assert_date(period_last_day(mkperiod(PERIOD_QUARTER, 2021, 2)), 2021, 6, 30);
	ck_assert_date(period_last_day(mkperiod(PERIOD_QUARTER, 2021, 4)), 2021, 12, 31);
	ck_assert_date(period_last_day(mkperiod(PERIOD_MONTH, 2024, 2)), 2024, 2, 29);
	ck_assert_date(period_last_day(mkperiod(PERIOD_MONTH, 2023, 2)), 2023, 2, 28);
	ck_assert_date(period_last_day(mkperiod(PERIOD_MONTH, 1900, 2)), 1900, 2, 28);
	ck_assert_date(period_last_day(mkperiod(PERIOD_MONTH, 2000, 2)), 2000, 2, 29);
	ck_assert_date(period_last_day(mkperiod(PERIOD_MONTH, 2021, 4)), 2021, 4, 30);
	ck_assert_date(period_first_day(mkperiod(PERIOD_MONTH, 2024, 2)), 2024, 2, 1);
	ck_assert_date(period_first_day(mkperiod(PERIOD_TERTIAL, 2021, 1)), 2021, 1, 1);
	ck_assert_date(period_last_day(mkperiod(PERIOD_TERTIAL, 2021, 1)), 2021, 4, 30);
	ck_assert_date(period_first_day(mkperiod(PERIOD_TERTIAL, 2021, 2)), 2021, 5, 1);
	ck_assert_date(period_last_day(mkperiod(PERIOD_TERTIAL, 2021, 2)), 2021, 8, 31);
	ck_assert_date(period_first_day(mkperiod(PERIOD_TERTIAL, 2021, 3)), 2021, 9, 1);
	ck_assert_date(period_last_day(mkperiod(PERIOD_TERTIAL, 2021, 3)), 2021, 12, 31);
	ck_assert_date(period_last_day(mkperiod(PERIOD_HALF, 2021, 1)), 2021, 6, 30);
	ck_assert_date(period_first_day(mkperiod(PERIOD_HALF, 2021, 2)), 2021, 7, 1);
	ck_assert_date(period_first_day(mkperiod(PERIOD_YEAR, 2021, 0)), 2021, 1, 1);
	ck_assert_date(period_last_day(mkperiod(PERIOD_YEAR, 2021, 0)), 2021, 12, 31);
}
END_TEST

START_TEST(test_previous)
{
	static const struct {
		struct period from, to;
	} cases[] = {
		{ { PERIOD_YEAR, 2021, 0 }, { PERIOD_YEAR, 2020, 0 } },
		{ { PERIOD_MONTH, 2021, 1 }, { PERIOD_MONTH, 2020, 12 } },
		{ { PERIOD_MONTH, 2021, 4 }, { PERIOD_MONTH, 2021, 3 } },
		{ { PERIOD_MONTH, 2021, 12 }, { PERIOD_MONTH, 2021, 11 } },
		{ { PERIOD_QUARTER, 2021, 1 }, { PERIOD_QUARTER, 2020, 4 } },
		{ { PERIOD_QUARTER, 2021, 3 }, { PERIOD_QUARTER, 2021, 2 } },
		{ { PERIOD_TERTIAL, 2021, 1 }, { PERIOD_TERTIAL, 2020, 3 } },
		{ { PERIOD_TERTIAL, 2021, 3 }, { PERIOD_TERTIAL, 2021, 2 } },
		{ { PERIOD_HALF, 2021, 1 }, { PERIOD_HALF, 2020, 2 } },
		{ { PERIOD_HALF, 2021, 2 }, { PERIOD_HALF, 2021, 1 } },
		{ { PERIOD_QUARTER, 1900, 1 }, { PERIOD_QUARTER, 1899, 4 } },   /* leaves the parse range */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct period prev = period_previous(cases[i].from);

		ck_assert_period(prev, cases[i].to.kind, cases[i].to.year, cases[i].to.index);
		ck_assert(period_valid(prev));
		/* The previous period ends the month before this one starts. */
		ck_assert_int_eq(date_to_days(period_last_day(prev)) + 1,
		    date_to_days(period_first_day(cases[i].from)));
	}
}
END_TEST

START_TEST(test_same_last_year)
{
	ck_assert_period(period_same_last_year(mkperiod(PERIOD_QUARTER, 2021, 3)),
	    PERIOD_QUARTER, 2020, 3);
	ck_assert_period(period_same_last_year(mkperiod(PERIOD_MONTH, 2021, 1)),
	    PERIOD_MONTH, 2020, 1);
	ck_assert_period(period_same_last_year(mkperiod(PERIOD_TERTIAL, 2017, 1)),
	    PERIOD_TERTIAL, 2016, 1);
	ck_assert_period(period_same_last_year(mkperiod(PERIOD_HALF, 2021, 2)),
	    PERIOD_HALF, 2020, 2);
	ck_assert_period(period_same_last_year(mkperiod(PERIOD_YEAR, 2021, 0)),
	    PERIOD_YEAR, 2020, 0);
	/* Last year's February may be a day shorter. */
	ck_assert_date(period_last_day(period_same_last_year(mkperiod(PERIOD_MONTH, 2025, 2))),
	    2024, 2, 29);
}
END_TEST

START_TEST(test_contains)
{
	struct period q3 = mkperiod(PERIOD_QUARTER, 2021, 3);
	struct period t2 = mkperiod(PERIOD_TERTIAL, 2021, 2);
	struct period h1 = mkperiod(PERIOD_HALF, 2021, 1);
	struct period feb = mkperiod(PERIOD_MONTH, 2024, 2);
	struct period year = mkperiod(PERIOD_YEAR, 2021, 0);

	ck_assert(period_contains(q3, mkdate(2021, 7, 1)));
	ck_assert(period_contains(q3, mkdate(2021, 9, 30)));
	ck_assert(!period_contains(q3, mkdate(2021, 6, 30)));
	ck_assert(!period_contains(q3, mkdate(2021, 10, 1)));
	ck_assert(!period_contains(q3, mkdate(2020, 8, 15)));   /* right month, wrong year */
	ck_assert(!period_contains(q3, mkdate(2022, 8, 15)));

	/* Not year-to-date: T2 is May to August alone. */
	ck_assert(period_contains(t2, mkdate(2021, 5, 1)));
	ck_assert(period_contains(t2, mkdate(2021, 8, 31)));
	ck_assert(!period_contains(t2, mkdate(2021, 4, 30)));
	ck_assert(!period_contains(t2, mkdate(2021, 9, 1)));

	ck_assert(period_contains(h1, mkdate(2021, 1, 1)));
	ck_assert(period_contains(h1, mkdate(2021, 6, 30)));
	ck_assert(!period_contains(h1, mkdate(2021, 7, 1)));

	ck_assert(period_contains(feb, mkdate(2024, 2, 29)));
	ck_assert(!period_contains(feb, mkdate(2024, 3, 1)));
	ck_assert(!period_contains(feb, mkdate(2024, 1, 31)));

	ck_assert(period_contains(year, mkdate(2021, 1, 1)));
	ck_assert(period_contains(year, mkdate(2021, 12, 31)));
	ck_assert(!period_contains(year, mkdate(2020, 12, 31)));
	ck_assert(!period_contains(year, mkdate(2022, 1, 1)));
}
END_TEST

START_TEST(test_containing)
{
	static const enum period_kind kinds[] = {
		PERIOD_YEAR, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_TERTIAL, PERIOD_HALF,
	};

	ck_assert_period(period_containing(PERIOD_QUARTER, mkdate(2021, 8, 15)),
	    PERIOD_QUARTER, 2021, 3);
	ck_assert_period(period_containing(PERIOD_TERTIAL, mkdate(2021, 4, 30)),
	    PERIOD_TERTIAL, 2021, 1);
	ck_assert_period(period_containing(PERIOD_TERTIAL, mkdate(2021, 5, 1)),
	    PERIOD_TERTIAL, 2021, 2);
	ck_assert_period(period_containing(PERIOD_HALF, mkdate(2021, 7, 1)), PERIOD_HALF, 2021, 2);
	ck_assert_period(period_containing(PERIOD_MONTH, mkdate(2024, 2, 29)),
	    PERIOD_MONTH, 2024, 2);
	ck_assert_period(period_containing(PERIOD_YEAR, mkdate(2021, 12, 31)), PERIOD_YEAR, 2021, 0);

	/* For every kind and month: the result is valid and contains the date, and the
	 * periods before and after it do not. */
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (int m = 1; m <= 12; m++) {
			struct date d = mkdate(2021, m, 10);
			struct period p = period_containing(kinds[k], d);

			ck_assert(period_valid(p));
			ck_assert(period_contains(p, d));
			ck_assert(!period_contains(period_previous(p), d));
		}
	}
}
END_TEST

START_TEST(test_parse_then_cut_off)
{
	/* The path the IVO report takes: ?quarter=2021-Q3 gives the cut-off 2021-09-30. */
	struct period p;
	char buf[11];

	ck_assert(period_parse("2021-Q3", &p));
	date_format(period_last_day(p), buf);
	ck_assert_str_eq(buf, "2021-09-30");
	ck_assert(period_parse("2024-02", &p));
	date_format(period_last_day(p), buf);
	ck_assert_str_eq(buf, "2024-02-29");
	ck_assert(period_parse("2017-T1", &p));
	date_format(period_last_day(p), buf);
	ck_assert_str_eq(buf, "2017-04-30");
}
END_TEST

Suite *period_suite(void)
{
	Suite *s = suite_create("period");
	TCase *parse = tcase_create("parse");
	TCase *calendar = tcase_create("calendar");

	tcase_add_test(parse, test_parse_every_kind);
	tcase_add_test(parse, test_parse_refuses_with_reason);
	tcase_add_test(parse, test_parse_null);
	tcase_add_test(parse, test_error_agrees_with_parse);
	tcase_add_test(parse, test_valid);
	tcase_add_test(parse, test_format);
	suite_add_tcase(s, parse);

	tcase_add_test(calendar, test_first_last_month);
	tcase_add_test(calendar, test_periods_tile_the_year);
	tcase_add_test(calendar, test_first_last_day);
	tcase_add_test(calendar, test_previous);
	tcase_add_test(calendar, test_same_last_year);
	tcase_add_test(calendar, test_contains);
	tcase_add_test(calendar, test_containing);
	tcase_add_test(calendar, test_parse_then_cut_off);
	suite_add_tcase(s, calendar);
	return s;
}
