/*
 * Unit tests for the goal and indicator assessment rules (src/domain/assess.c): the share
 * rule on the seed 001 figures and at its exact boundaries, the tolerance band in both
 * directions, trend and development in both directions, and quartile placement with ties and
 * missing peers.
 */
#include <check.h>
#include <float.h>
#include <math.h>

#include "folja/assess.h"
#include "tests.h"

START_TEST(share_seed_001)
{
	struct assess_share s;
	/* goal area 1: 4 green of 10 against 60 % (yellow from 40 %) → gul, 2 more for grön */
	ck_assert(assess_share(4, 10, 60, 40, &s));
	ck_assert_int_eq(s.color, COLOR_YELLOW);
	ck_assert_double_eq_tol(s.share, 40.0, 1e-9);
	ck_assert(s.has_next);
	ck_assert_int_eq(s.next_color, COLOR_GREEN);
	ck_assert_int_eq(s.more_green, 2);
	/* area 2: 8/10 → grön, nothing better */
	ck_assert(assess_share(8, 10, 60, 40, &s));
	ck_assert_int_eq(s.color, COLOR_GREEN);
	ck_assert(!s.has_next);
	/* area 3: 5/10 → gul, 1 more */
	ck_assert(assess_share(5, 10, 60, 40, &s));
	ck_assert_int_eq(s.color, COLOR_YELLOW);
	ck_assert_int_eq(s.more_green, 1);
}
END_TEST

START_TEST(share_boundaries)
{
	struct assess_share s;
	ck_assert(assess_share(6, 10, 60, 40, &s));   /* exactly the target is green */
	ck_assert_int_eq(s.color, COLOR_GREEN);
	ck_assert(assess_share(3, 10, 60, 40, &s));   /* below yellow: red, 1 more → gul */
	ck_assert_int_eq(s.color, COLOR_RED);
	ck_assert_int_eq(s.next_color, COLOR_YELLOW);
	ck_assert_int_eq(s.more_green, 1);
	ck_assert(assess_share(2, 3, 67, 50, &s));    /* 66.7 % < 67 % */
	ck_assert_int_eq(s.color, COLOR_YELLOW);
	ck_assert(assess_share(0, 4, 100, 100, &s));  /* no yellow band: red, next is green */
	ck_assert_int_eq(s.color, COLOR_RED);
	ck_assert_int_eq(s.next_color, COLOR_GREEN);
	ck_assert_int_eq(s.more_green, 4);
	ck_assert(assess_share(0, 1, 100, 0, &s));    /* yellow from 0 %: never red */
	ck_assert_int_eq(s.color, COLOR_YELLOW);
	ck_assert(!assess_share(0, 0, 60, 40, &s));   /* nothing assessed */
	ck_assert(!assess_share(5, 4, 60, 40, &s));
	ck_assert(!assess_share(1, 4, 101, 40, &s));
	ck_assert(!assess_share(1, 4, 60, -1, &s));
}
END_TEST

START_TEST(value_higher_is_better)
{
	struct assess_value a;
	/* seed 000: 99 % recommend the employer against 90 % → met */
	ck_assert(assess_value(99, 90, 5, false, 0, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(!a.has_next);
	ck_assert(assess_value(86, 90, 5, false, 0, &a));
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert_double_eq_tol(a.next_value, 90, 1e-9);
	ck_assert(assess_value(85, 90, 5, false, 0, &a));   /* the band's edge is yellow */
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert(assess_value(84.9, 90, 5, false, 1, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_YELLOW);
	ck_assert_double_eq_tol(a.next_value, 85, 1e-9);
	ck_assert(assess_value(94, 100, 0, false, 0, &a));   /* no band: red, next green */
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert(assess_value(4.9996, 5, 0, false, 3, &a)); /* compared as printed: 5.000 */
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(!assess_value(NAN, 5, 0, false, 0, &a));
	ck_assert(!assess_value(1, 5, -1, false, 0, &a));
}
END_TEST

START_TEST(value_lower_is_better)
{
	struct assess_value a;
	/* seed 000: sick leave 5 % against 5 % → met */
	ck_assert(assess_value(5, 5, 1, true, 0, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	/* households on support > 3 months: +10 % against −7 % → not met */
	ck_assert(assess_value(10, -7, 0, true, 0, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_double_eq_tol(a.next_value, -7, 1e-9);
	ck_assert(assess_value(6, 5, 1, true, 0, &a));
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert(assess_value(6.5, 5, 1, true, 1, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_double_eq_tol(a.yellow_limit, 6, 1e-9);
	ck_assert_double_eq_tol(a.next_value, 6, 1e-9);
}
END_TEST

START_TEST(trend_and_development)
{
	ck_assert_int_eq(assess_trend(99, 53, 0), TREND_UP);
	ck_assert_int_eq(assess_trend(5, 7, 0), TREND_DOWN);
	ck_assert_int_eq(assess_trend(5.04, 5, 1), TREND_FLAT);
	ck_assert_int_eq(assess_trend(5.06, 5, 1), TREND_UP);
	ck_assert_int_eq(assess_development(TREND_UP, false), DEV_BETTER);
	ck_assert_int_eq(assess_development(TREND_UP, true), DEV_WORSE);
	ck_assert_int_eq(assess_development(TREND_DOWN, true), DEV_BETTER);
	ck_assert_int_eq(assess_development(TREND_DOWN, false), DEV_WORSE);
	ck_assert_int_eq(assess_development(TREND_FLAT, true), DEV_SAME);
	ck_assert_str_eq(assess_trend_name(TREND_UP), "okat");
	ck_assert_str_eq(assess_trend_name(TREND_DOWN), "minskat");
	ck_assert_str_eq(assess_trend_name(TREND_FLAT), "oforandrat");
	ck_assert_str_eq(assess_dev_name(DEV_BETTER), "forbattrats");
	ck_assert_str_eq(assess_dev_name(DEV_WORSE), "forsamrats");
	ck_assert_str_eq(assess_dev_name(DEV_SAME), "oforandrat");
	ck_assert_ptr_null(assess_trend_name((enum assess_trend)3));
	ck_assert_ptr_null(assess_dev_name((enum assess_dev)-1));
}
END_TEST

START_TEST(rank_quartiles)
{
	struct assess_rank r;
	const double peers[] = {10, 20, 30, 40, 50, 60, 70};   /* with ours: 8 values */
	ck_assert(assess_rank(75, peers, 7, false, 0, &r));
	ck_assert_int_eq(r.rank, 1);
	ck_assert_int_eq(r.of, 8);
	ck_assert_int_eq(r.quartile, 1);
	ck_assert_int_eq(r.color, COLOR_GREEN);
	ck_assert(assess_rank(55, peers, 7, false, 0, &r));    /* rank 3 of 8 → quartile 2 */
	ck_assert_int_eq(r.rank, 3);
	ck_assert_int_eq(r.quartile, 2);
	ck_assert_int_eq(r.color, COLOR_YELLOW);
	ck_assert(r.has_next);
	ck_assert_double_eq_tol(r.next_value, 60, 1e-9);        /* tie the 2nd best peer */
	ck_assert(assess_rank(5, peers, 7, false, 0, &r));     /* last → red */
	ck_assert_int_eq(r.rank, 8);
	ck_assert_int_eq(r.color, COLOR_RED);
	ck_assert_int_eq(r.next_color, COLOR_YELLOW);
	ck_assert_double_eq_tol(r.next_value, 20, 1e-9);        /* rank 6 = 6th best peer */
	/* lower is better: 5 is best */
	ck_assert(assess_rank(5, peers, 7, true, 0, &r));
	ck_assert_int_eq(r.rank, 1);
	ck_assert_int_eq(r.color, COLOR_GREEN);
}
END_TEST

START_TEST(rank_ties_and_missing)
{
	struct assess_rank r;
	const double peers[] = {70, 70, NAN, 50, NAN, 40, 30, 20};   /* 6 present */
	ck_assert(assess_rank(70, peers, 8, false, 0, &r));  /* tie for first */
	ck_assert_int_eq(r.rank, 1);
	ck_assert_int_eq(r.of, 7);
	ck_assert_int_eq(r.color, COLOR_GREEN);
	ck_assert(assess_rank(50, peers, 8, false, 0, &r));  /* two better, ties don't count */
	ck_assert_int_eq(r.rank, 3);
	ck_assert_int_eq(r.quartile, 2);                       /* ceil(12/7) = 2 */
	ck_assert(assess_rank(1, NULL, 0, false, 0, &r));    /* alone: first of one */
	ck_assert_int_eq(r.rank, 1);
	ck_assert_int_eq(r.of, 1);
	ck_assert_int_eq(r.color, COLOR_GREEN);
	ck_assert(!assess_rank(NAN, peers, 8, false, 0, &r));
}
END_TEST

/* Any double, finite or not, is judged without undefined behaviour and in the right order:
 * rounding to the decimals once went through llround, whose result is unspecified beyond
 * the range of long long, and target 1e13 against value -1e13 came out green. */
START_TEST(numbers_beyond_range)
{
	struct assess_value a;
	ck_assert(assess_value(-1e13, 1e13, 0, false, 0, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert(assess_value(-1e13, 1e13, 0, true, 6, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(assess_value(1e13, -1e13, 0, false, 6, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(assess_value(-1e300, 1e300, 1e300, false, 6, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert(assess_value(-DBL_MAX, DBL_MAX, 0, false, 6, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	/* at the documented bound and the finest decimals a thousandth still counts */
	ck_assert(assess_value(ASSESS_MAX_ABS - 1e-3, ASSESS_MAX_ABS, 0, false, 6, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert(assess_value(-ASSESS_MAX_ABS, -ASSESS_MAX_ABS, 0, false, 6, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(!assess_value(INFINITY, 0, 0, false, 0, &a));
	ck_assert(!assess_value(0, -INFINITY, 0, false, 0, &a));
	ck_assert(!assess_value(0, 0, INFINITY, false, 0, &a));

	ck_assert_int_eq(assess_trend(1e13, -1e13, 6), TREND_UP);
	ck_assert_int_eq(assess_trend(-1e300, 1e300, 6), TREND_DOWN);
	ck_assert_int_eq(assess_trend(INFINITY, 0, 2), TREND_UP);
	ck_assert_int_eq(assess_trend(-INFINITY, -INFINITY, 2), TREND_FLAT);
	ck_assert_int_eq(assess_trend(NAN, 1, 0), TREND_FLAT);

	struct assess_rank r;
	const double peers[] = {1e13, -1e13, 1e300, INFINITY, -INFINITY, 0};
	ck_assert(assess_rank(2e13, peers, 6, false, 6, &r));   /* behind 1e300 only */
	ck_assert_int_eq(r.rank, 2);
	ck_assert_int_eq(r.of, 5);   /* the infinities are not values */
	ck_assert(assess_rank(-2e13, peers, 6, false, 6, &r));
	ck_assert_int_eq(r.rank, 5);
	ck_assert(!assess_rank(INFINITY, peers, 6, false, 6, &r));
}
END_TEST

Suite *assess_suite(void)
{
	Suite *s = suite_create("assess");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, share_seed_001);
	tcase_add_test(tc, share_boundaries);
	tcase_add_test(tc, value_higher_is_better);
	tcase_add_test(tc, value_lower_is_better);
	tcase_add_test(tc, trend_and_development);
	tcase_add_test(tc, rank_quartiles);
	tcase_add_test(tc, rank_ties_and_missing);
	tcase_add_test(tc, numbers_beyond_range);
	suite_add_tcase(s, tc);
	return s;
}
