/*
 * Unit tests for calendar dates (src/domain/date.c).
 *
 * The three-month rule and every "days waited" figure rest on these functions, so each branch
 * is tested both ways: leap and common years (1900 is not leap, 2000 is), 29 February, month
 * ends, clamping in month arithmetic in both directions and across years, and strict parsing
 * of every malformed shape a client might send.  The day-number conversion is checked against
 * an independent day-by-day walk over the whole range 0001-01-01..9999-12-31, and month
 * counting against its defining property months_between(d, add_months(d, n)) == n.
 */
#include <check.h>
#include <string.h>

#include "folja/date.h"

Suite *date_suite(void);

static struct date mkdate(int y, int m, int d)
{
	struct date dt = { y, m, d };

	return dt;
}

/* Fails naming both dates, so a table row that breaks is identified. */
#define ck_assert_date(got, ey, em, ed) do { \
	struct date g_ = (got); \
	ck_assert_msg(g_.y == (ey) && g_.m == (em) && g_.d == (ed), \
	    "got %04d-%02d-%02d, expected %04d-%02d-%02d", g_.y, g_.m, g_.d, (ey), (em), (ed)); \
} while (0)

/* ---------------------------------------------------------------- calendar facts */

START_TEST(test_is_leap)
{
	ck_assert(!date_is_leap(1900));   /* century not divisible by 400 */
	ck_assert(date_is_leap(2000));    /* century divisible by 400 */
	ck_assert(date_is_leap(2024));
	ck_assert(date_is_leap(2020));
	ck_assert(!date_is_leap(2021));
	ck_assert(!date_is_leap(2023));
	ck_assert(!date_is_leap(2100));
	ck_assert(date_is_leap(2400));
	ck_assert(!date_is_leap(1));
	ck_assert(date_is_leap(4));
}
END_TEST

START_TEST(test_days_in_month)
{
	static const int common[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int sum2023 = 0, sum2024 = 0;

	for (int m = 1; m <= 12; m++) {
		ck_assert_int_eq(date_days_in_month(2023, m), common[m - 1]);
		sum2023 += date_days_in_month(2023, m);
		sum2024 += date_days_in_month(2024, m);
	}
	ck_assert_int_eq(sum2023, 365);
	ck_assert_int_eq(sum2024, 366);
	ck_assert_int_eq(date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(date_days_in_month(2021, 2), 28);
	ck_assert_int_eq(date_days_in_month(1900, 2), 28);
	ck_assert_int_eq(date_days_in_month(2000, 2), 29);
	ck_assert_int_eq(date_days_in_month(2024, 3), 31);   /* only February grows */
	ck_assert_int_eq(date_days_in_month(2021, 0), 0);
	ck_assert_int_eq(date_days_in_month(2021, 13), 0);
	ck_assert_int_eq(date_days_in_month(2021, -1), 0);
}
END_TEST

START_TEST(test_valid)
{
	ck_assert(date_valid(mkdate(2021, 4, 1)));
	ck_assert(date_valid(mkdate(1, 1, 1)));
	ck_assert(date_valid(mkdate(9999, 12, 31)));
	ck_assert(date_valid(mkdate(2024, 2, 29)));
	ck_assert(date_valid(mkdate(2000, 2, 29)));
	ck_assert(!date_valid(mkdate(2021, 2, 29)));
	ck_assert(!date_valid(mkdate(1900, 2, 29)));
	ck_assert(!date_valid(mkdate(2024, 2, 30)));
	ck_assert(!date_valid(mkdate(2021, 4, 31)));
	ck_assert(date_valid(mkdate(2021, 5, 31)));
	ck_assert(!date_valid(mkdate(0, 1, 1)));
	ck_assert(!date_valid(mkdate(10000, 1, 1)));
	ck_assert(!date_valid(mkdate(2021, 0, 1)));
	ck_assert(!date_valid(mkdate(2021, 13, 1)));
	ck_assert(!date_valid(mkdate(2021, 1, 0)));
	ck_assert(!date_valid(mkdate(2021, 1, 32)));
	ck_assert(!date_valid(mkdate(2021, 1, -1)));
}
END_TEST

START_TEST(test_cmp)
{
	ck_assert_int_eq(date_cmp(mkdate(2021, 4, 1), mkdate(2021, 4, 1)), 0);
	ck_assert_int_lt(date_cmp(mkdate(2020, 4, 1), mkdate(2021, 4, 1)), 0);
	ck_assert_int_gt(date_cmp(mkdate(2021, 4, 1), mkdate(2020, 4, 1)), 0);
	ck_assert_int_lt(date_cmp(mkdate(2021, 3, 1), mkdate(2021, 4, 1)), 0);
	ck_assert_int_gt(date_cmp(mkdate(2021, 4, 1), mkdate(2021, 3, 31)), 0);
	ck_assert_int_lt(date_cmp(mkdate(2021, 4, 1), mkdate(2021, 4, 2)), 0);
	ck_assert_int_gt(date_cmp(mkdate(2021, 4, 2), mkdate(2021, 4, 1)), 0);
	/* The year decides before the month, the month before the day. */
	ck_assert_int_lt(date_cmp(mkdate(2020, 12, 31), mkdate(2021, 1, 1)), 0);
	ck_assert_int_gt(date_cmp(mkdate(2021, 1, 1), mkdate(2020, 12, 31)), 0);
	ck_assert_int_lt(date_cmp(mkdate(2021, 1, 31), mkdate(2021, 2, 1)), 0);
	ck_assert_int_gt(date_cmp(mkdate(2021, 2, 1), mkdate(2021, 1, 31)), 0);
}
END_TEST

/* ---------------------------------------------------------------- text */

START_TEST(test_parse_accepts)
{
	static const struct {
		const char *s;
		int y, m, d;
	} ok[] = {
		{ "2021-04-01", 2021, 4, 1 },
		{ "2020-02-29", 2020, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "2021-12-31", 2021, 12, 31 },
		{ "2021-04-30", 2021, 4, 30 },
		{ "0001-01-01", 1, 1, 1 },
		{ "9999-12-31", 9999, 12, 31 },
	};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct date dt = { 0, 0, 0 };

		ck_assert_msg(date_parse(ok[i].s, &dt), "refused %s", ok[i].s);
		ck_assert_date(dt, ok[i].y, ok[i].m, ok[i].d);
	}
}
END_TEST

START_TEST(test_parse_refuses)
{
	static const char *const bad[] = {
		"2021-02-29",    /* not a leap year */
		"1900-02-29",    /* century, not leap */
		"2021-04-31",    /* April has 30 days */
		"2021-13-01", "2021-00-10", "2021-04-00", "2021-01-32",
		"0000-01-01",    /* no year 0 */
		"2021-4-01", "2021-04-1", "21-04-01", "02021-04-01",
		" 2021-04-01", "2021-04-01 ", "2021-04-01x", "2021-04-01T00:00",
		"2021/04/01", "2021-04/01", "20210401", "2021-04", "2021",
		"+021-04-01", "-2021-04-01", "2021-+4-01", "2021-04--1",
		"202a-04-01", "2021-0a-01", "2021-04-0a",
		"",
		"2021-04-01\n",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct date dt = { 7, 7, 7 };

		ck_assert_msg(!date_parse(bad[i], &dt), "accepted \"%s\"", bad[i]);
		/* A refusal leaves the target as it was. */
		ck_assert_date(dt, 7, 7, 7);
	}
}
END_TEST

START_TEST(test_parse_null)
{
	struct date dt = { 7, 7, 7 };

	ck_assert(!date_parse(NULL, &dt));
	ck_assert_date(dt, 7, 7, 7);
	ck_assert(!date_parse("2021-04-01", NULL));
}
END_TEST

START_TEST(test_format)
{
	char buf[12];

	memset(buf, '#', sizeof buf);
	date_format(mkdate(2021, 4, 1), buf);
	ck_assert_str_eq(buf, "2021-04-01");
	ck_assert_int_eq(buf[11], '#');   /* exactly 11 bytes written */

	date_format(mkdate(1, 1, 1), buf);
	ck_assert_str_eq(buf, "0001-01-01");
	date_format(mkdate(9999, 12, 31), buf);
	ck_assert_str_eq(buf, "9999-12-31");
	date_format(mkdate(2024, 2, 29), buf);
	ck_assert_str_eq(buf, "2024-02-29");
}
END_TEST

START_TEST(test_format_parse_round_trip)
{
	/* Every day of a leap year and of a common year survives format then parse. */
	for (int y = 2023; y <= 2024; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				char buf[11];
				struct date back;

				date_format(mkdate(y, m, d), buf);
				ck_assert_msg(date_parse(buf, &back), "refused own output %s", buf);
				ck_assert_date(back, y, m, d);
			}
		}
	}
}
END_TEST

/* ---------------------------------------------------------------- day numbers */

START_TEST(test_days_known)
{
	static const struct {
		int y, m, d;
		int64_t days;
	} known[] = {
		{ 1970, 1, 1, 0 },
		{ 1969, 12, 31, -1 },
		{ 2000, 1, 1, 10957 },
		{ 2000, 3, 1, 11017 },      /* after a 400-year leap day */
		{ 1900, 2, 28, -25509 },
		{ 1900, 3, 1, -25508 },     /* 1900 has no 29 February */
		{ 2021, 1, 1, 18628 },
		{ 2024, 2, 29, 19782 },
		{ 1, 1, 1, -719162 },
		{ 9999, 12, 31, 2932896 },
	};

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		struct date dt = mkdate(known[i].y, known[i].m, known[i].d);

		ck_assert_int_eq(date_to_days(dt), known[i].days);
		ck_assert_date(date_from_days(known[i].days), known[i].y, known[i].m, known[i].d);
	}
}
END_TEST

/* The day after @p dt, worked out from days_in_month alone, independently of day numbers. */
static struct date next_day(struct date dt)
{
	if (dt.d < date_days_in_month(dt.y, dt.m))
		return mkdate(dt.y, dt.m, dt.d + 1);
	if (dt.m < 12)
		return mkdate(dt.y, dt.m + 1, 1);
	return mkdate(dt.y + 1, 1, 1);
}

START_TEST(test_days_round_trip_whole_range)
{
	struct date dt = mkdate(1, 1, 1);
	int64_t n = date_to_days(dt);
	int64_t first = n;

	for (;;) {
		struct date back = date_from_days(n);

		/* Checked without ck_assert per day: Check's asserts are slow over 3.6 million days. */
		if (date_to_days(dt) != n || date_cmp(back, dt) != 0)
			ck_abort_msg("day %lld: %04d-%02d-%02d <-> %04d-%02d-%02d", (long long)n,
			    dt.y, dt.m, dt.d, back.y, back.m, back.d);
		if (dt.y == 9999 && dt.m == 12 && dt.d == 31)
			break;
		dt = next_day(dt);
		n++;
	}
	ck_assert_int_eq(n - first + 1, 3652059);   /* 9999 years of 365.2425 days */
}
END_TEST

START_TEST(test_days_before_year_one)
{
	/* The conversion is exact before year 1 too (negative eras). */
	ck_assert_date(date_from_days(-719163), 0, 12, 31);
	ck_assert_int_eq(date_to_days(mkdate(0, 12, 31)), -719163);
	ck_assert_int_eq(date_to_days(mkdate(0, 2, 29)), -719469);   /* year 0 is leap */
	ck_assert_int_eq(date_to_days(mkdate(0, 3, 1)), -719468);
	ck_assert_date(date_from_days(-719469), 0, 2, 29);
	for (int64_t n = -2000000; n < -719162; n += 997) {
		struct date dt = date_from_days(n);

		ck_assert_int_eq(date_to_days(dt), n);
	}
}
END_TEST

START_TEST(test_days_difference)
{
	/* "Days waited" is a subtraction, across a leap day and across years. */
	ck_assert_int_eq(date_to_days(mkdate(2024, 3, 1)) - date_to_days(mkdate(2024, 2, 28)), 2);
	ck_assert_int_eq(date_to_days(mkdate(2023, 3, 1)) - date_to_days(mkdate(2023, 2, 28)), 1);
	ck_assert_int_eq(date_to_days(mkdate(2021, 9, 30)) - date_to_days(mkdate(2021, 6, 1)), 121);
	ck_assert_int_eq(date_to_days(mkdate(2022, 1, 1)) - date_to_days(mkdate(2021, 1, 1)), 365);
	ck_assert_int_eq(date_to_days(mkdate(2001, 1, 1)) - date_to_days(mkdate(2000, 1, 1)), 366);
	ck_assert_int_eq(date_to_days(mkdate(1901, 1, 1)) - date_to_days(mkdate(1900, 1, 1)), 365);
}
END_TEST

/* ---------------------------------------------------------------- calendar months */

START_TEST(test_add_months_clamps)
{
	ck_assert_date(date_add_months(mkdate(2021, 1, 31), 1), 2021, 2, 28);
	ck_assert_date(date_add_months(mkdate(2024, 1, 31), 1), 2024, 2, 29);
	ck_assert_date(date_add_months(mkdate(1900, 1, 31), 1), 1900, 2, 28);
	ck_assert_date(date_add_months(mkdate(2000, 1, 31), 1), 2000, 2, 29);
	ck_assert_date(date_add_months(mkdate(2024, 1, 30), 1), 2024, 2, 29);
	ck_assert_date(date_add_months(mkdate(2021, 3, 31), 1), 2021, 4, 30);
	ck_assert_date(date_add_months(mkdate(2021, 8, 31), 1), 2021, 9, 30);
	/* A shorter day is kept, not moved to the month end. */
	ck_assert_date(date_add_months(mkdate(2021, 2, 28), 1), 2021, 3, 28);
	ck_assert_date(date_add_months(mkdate(2021, 1, 28), 1), 2021, 2, 28);
	ck_assert_date(date_add_months(mkdate(2021, 4, 15), 0), 2021, 4, 15);
	ck_assert_date(date_add_months(mkdate(2021, 5, 31), 3), 2021, 8, 31);
}
END_TEST

START_TEST(test_add_months_negative)
{
	ck_assert_date(date_add_months(mkdate(2021, 3, 31), -1), 2021, 2, 28);
	ck_assert_date(date_add_months(mkdate(2024, 3, 31), -1), 2024, 2, 29);
	ck_assert_date(date_add_months(mkdate(2021, 1, 15), -1), 2020, 12, 15);
	ck_assert_date(date_add_months(mkdate(2024, 2, 29), -12), 2023, 2, 28);
	ck_assert_date(date_add_months(mkdate(2021, 1, 31), -13), 2019, 12, 31);
	ck_assert_date(date_add_months(mkdate(2021, 1, 15), -24), 2019, 1, 15);
	ck_assert_date(date_add_months(mkdate(2021, 12, 31), -10), 2021, 2, 28);
	ck_assert_date(date_add_months(mkdate(2021, 5, 31), -3), 2021, 2, 28);
	ck_assert_date(date_add_months(mkdate(2, 1, 1), -12), 1, 1, 1);
}
END_TEST

START_TEST(test_add_months_across_years)
{
	/* The three-month rule's awkward cases: the deadline of a late-November decision. */
	ck_assert_date(date_add_months(mkdate(2021, 11, 30), 3), 2022, 2, 28);
	ck_assert_date(date_add_months(mkdate(2023, 11, 30), 3), 2024, 2, 29);
	ck_assert_date(date_add_months(mkdate(2021, 12, 15), 1), 2022, 1, 15);
	ck_assert_date(date_add_months(mkdate(2021, 12, 31), 2), 2022, 2, 28);
	ck_assert_date(date_add_months(mkdate(2023, 10, 31), 4), 2024, 2, 29);
	ck_assert_date(date_add_months(mkdate(2021, 6, 30), 12), 2022, 6, 30);
	ck_assert_date(date_add_months(mkdate(2021, 1, 31), 13), 2022, 2, 28);
	ck_assert_date(date_add_months(mkdate(2000, 2, 29), 1200), 2100, 2, 28);
	ck_assert_date(date_add_months(mkdate(9999, 9, 30), 3), 9999, 12, 30);
}
END_TEST

START_TEST(test_add_months_symmetry)
{
	/* Without clamping, going forward and back returns to the start, over many years. */
	for (int y = 1990; y <= 2030; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int k = -30; k <= 30; k++) {
				struct date dt = mkdate(y, m, 15);
				struct date there = date_add_months(dt, k);

				ck_assert(date_valid(there));
				ck_assert_date(date_add_months(there, -k), y, m, 15);
				ck_assert_int_eq((there.y - y) * 12 + (there.m - m), k);
			}
		}
	}
}
END_TEST

START_TEST(test_months_between_edges)
{
	static const struct {
		struct date from, to;
		int months;
	} cases[] = {
		{ { 2021, 4, 1 }, { 2021, 4, 1 }, 0 },       /* same day */
		{ { 2021, 4, 1 }, { 2021, 4, 30 }, 0 },      /* same month */
		{ { 2021, 4, 1 }, { 2021, 3, 1 }, 0 },       /* to before from */
		{ { 2021, 4, 1 }, { 2019, 4, 1 }, 0 },
		{ { 2021, 4, 15 }, { 2021, 3, 20 }, 0 },
		{ { 2021, 4, 15 }, { 2021, 4, 10 }, 0 },     /* before, in the same month */
		{ { 2021, 1, 15 }, { 2021, 2, 14 }, 0 },     /* a day short */
		{ { 2021, 1, 15 }, { 2021, 2, 15 }, 1 },     /* exactly one */
		{ { 2021, 1, 15 }, { 2021, 2, 16 }, 1 },
		{ { 2021, 1, 31 }, { 2021, 2, 27 }, 0 },
		{ { 2021, 1, 31 }, { 2021, 2, 28 }, 1 },     /* clamped month end counts */
		{ { 2024, 1, 31 }, { 2024, 2, 28 }, 0 },     /* leap year: the 29th is the end */
		{ { 2024, 1, 31 }, { 2024, 2, 29 }, 1 },
		{ { 2021, 1, 31 }, { 2021, 3, 30 }, 1 },     /* 2021-03-31 not yet reached */
		{ { 2021, 1, 31 }, { 2021, 3, 31 }, 2 },
		{ { 2020, 11, 30 }, { 2021, 2, 27 }, 2 },
		{ { 2020, 11, 30 }, { 2021, 2, 28 }, 3 },    /* three-month deadline, across years */
		{ { 2020, 2, 29 }, { 2021, 2, 28 }, 12 },
		{ { 2021, 12, 31 }, { 2022, 1, 30 }, 0 },
		{ { 2021, 12, 31 }, { 2022, 1, 31 }, 1 },
		{ { 2000, 1, 1 }, { 2021, 6, 30 }, 257 },
		{ { 2000, 1, 1 }, { 2021, 7, 1 }, 258 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(date_months_between(cases[i].from, cases[i].to) == cases[i].months,
		    "case %zu: got %d, expected %d", i,
		    date_months_between(cases[i].from, cases[i].to), cases[i].months);
}
END_TEST

START_TEST(test_months_between_inverts_add_months)
{
	/* months_between(d, add_months(d, n)) == n, and one day earlier it is n - 1: the
	 * property the three-month rule relies on, for every start day of 2023-2024. */
	struct date d = mkdate(2023, 1, 1);

	while (d.y < 2025) {
		for (int n = 0; n <= 40; n++) {
			struct date to = date_add_months(d, n);
			struct date before = date_from_days(date_to_days(to) - 1);

			if (date_months_between(d, to) != n ||
			    (n > 0 && date_months_between(d, before) != n - 1))
				ck_abort_msg("%04d-%02d-%02d + %d months", d.y, d.m, d.d, n);
		}
		d = next_day(d);
	}
	ck_assert_int_eq(d.y, 2025);
}
END_TEST

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *calendar = tcase_create("calendar");
	TCase *text = tcase_create("text");
	TCase *days = tcase_create("days");
	TCase *months = tcase_create("months");

	tcase_add_test(calendar, test_is_leap);
	tcase_add_test(calendar, test_days_in_month);
	tcase_add_test(calendar, test_valid);
	tcase_add_test(calendar, test_cmp);
	suite_add_tcase(s, calendar);

	tcase_add_test(text, test_parse_accepts);
	tcase_add_test(text, test_parse_refuses);
	tcase_add_test(text, test_parse_null);
	tcase_add_test(text, test_format);
	tcase_add_test(text, test_format_parse_round_trip);
	suite_add_tcase(s, text);

	/* The whole-range walk takes a few seconds under the sanitizers and valgrind. */
	tcase_set_timeout(days, 120);
	tcase_add_test(days, test_days_known);
	tcase_add_test(days, test_days_round_trip_whole_range);
	tcase_add_test(days, test_days_before_year_one);
	tcase_add_test(days, test_days_difference);
	suite_add_tcase(s, days);

	tcase_set_timeout(months, 60);
	tcase_add_test(months, test_add_months_clamps);
	tcase_add_test(months, test_add_months_negative);
	tcase_add_test(months, test_add_months_across_years);
	tcase_add_test(months, test_add_months_symmetry);
	tcase_add_test(months, test_months_between_edges);
	tcase_add_test(months, test_months_between_inverts_add_months);
	suite_add_tcase(s, months);
	return s;
}
