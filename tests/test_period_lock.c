/*
 * Period locks (folja/period_lock.h): which facts the closing of the books covers, each rule
 * both ways, without a server.
 */
#include "folja/period_lock.h"

#include "tests.h"

static struct period_lock lock_through(int year, int month, unsigned kinds)
{
	return (struct period_lock){.id = 1, .unit_id = 3, .through = lock_month(year, month),
				    .kinds = kinds};
}

START_TEST(month_ordinals_compare_across_years)
{
	int y, m;
	ck_assert_int_lt(lock_month(2020, 12), lock_month(2021, 1));
	ck_assert_int_eq(lock_month(2021, 1) - lock_month(2020, 12), 1);
	lock_month_split(lock_month(2021, 12), &y, &m);
	ck_assert_int_eq(y, 2021);
	ck_assert_int_eq(m, 12);
	lock_month_split(lock_month(2022, 1), &y, &m);
	ck_assert_int_eq(y, 2022);
	ck_assert_int_eq(m, 1);
}
END_TEST

/* A fact on or before `through` is closed; the month after is open. */
START_TEST(a_month_on_or_before_through_is_covered)
{
	struct period_lock l = lock_through(2021, 12, 1u << LOCK_BUDGET);
	ck_assert(period_lock_covers(&l, LOCK_BUDGET, lock_month(2021, 12)));
	ck_assert(period_lock_covers(&l, LOCK_BUDGET, lock_month(2021, 1)));
	ck_assert(period_lock_covers(&l, LOCK_BUDGET, lock_month(2019, 6)));
	ck_assert(!period_lock_covers(&l, LOCK_BUDGET, lock_month(2022, 1)));
}
END_TEST

/* Only the kinds a lock names are closed: survey and Kolada figures arrive later. */
START_TEST(only_the_kinds_named_are_covered)
{
	struct period_lock l = lock_through(2021, 12, 1u << LOCK_BUDGET);
	ck_assert(!period_lock_covers(&l, LOCK_INDICATORS, lock_month(2021, 3)));
	ck_assert(!period_lock_covers(&l, LOCK_ASSESSMENTS, lock_month(2021, 3)));
	ck_assert(!period_lock_covers(&l, LOCK_STATISTICS, lock_month(2021, 3)));
	l.kinds |= 1u << LOCK_INDICATORS;
	ck_assert(period_lock_covers(&l, LOCK_INDICATORS, lock_month(2021, 3)));
}
END_TEST

/* An annual budget line is periodised over the year: closed from January of its year. */
START_TEST(an_annual_budget_line_counts_from_january)
{
	struct period_lock l = lock_through(2021, 1, 1u << LOCK_BUDGET);
	ck_assert_int_eq(lock_month_of_line(2021, 0), lock_month(2021, 1));
	ck_assert(period_lock_covers(&l, LOCK_BUDGET, lock_month_of_line(2021, 0)));
	ck_assert(!period_lock_covers(&l, LOCK_BUDGET, lock_month_of_line(2021, 2)));
	l.through = lock_month(2020, 12);
	ck_assert(!period_lock_covers(&l, LOCK_BUDGET, lock_month_of_line(2021, 0)));
}
END_TEST

/* A year or tertial value is closed from the period's last month. */
START_TEST(a_period_value_counts_from_its_last_month)
{
	struct period t1 = {PERIOD_TERTIAL, 2021, 1}, year = {PERIOD_YEAR, 2021, 0};
	struct period_lock l = lock_through(2021, 4, 1u << LOCK_INDICATORS);
	ck_assert_int_eq(lock_month_of_period(t1), lock_month(2021, 4));
	ck_assert_int_eq(lock_month_of_period(year), lock_month(2021, 12));
	ck_assert(period_lock_covers(&l, LOCK_INDICATORS, lock_month_of_period(t1)));
	ck_assert(!period_lock_covers(&l, LOCK_INDICATORS, lock_month_of_period(year)));
	l.through = lock_month(2021, 3);
	ck_assert(!period_lock_covers(&l, LOCK_INDICATORS, lock_month_of_period(t1)));
}
END_TEST

START_TEST(find_returns_the_first_lock_that_covers)
{
	struct period_lock locks[] = {lock_through(2020, 12, 1u << LOCK_BUDGET),
				      lock_through(2021, 6, 1u << LOCK_BUDGET)};
	locks[1].id = 2;
	ck_assert_ptr_null(period_lock_find(locks, 0, LOCK_BUDGET, lock_month(2019, 1)));
	ck_assert_int_eq(period_lock_find(locks, 2, LOCK_BUDGET, lock_month(2020, 3))->id, 1);
	ck_assert_int_eq(period_lock_find(locks, 2, LOCK_BUDGET, lock_month(2021, 3))->id, 2);
	ck_assert_ptr_null(period_lock_find(locks, 2, LOCK_BUDGET, lock_month(2021, 7)));
	ck_assert_ptr_null(period_lock_find(locks, 2, LOCK_INDICATORS, lock_month(2020, 1)));
}
END_TEST

START_TEST(kind_names_round_trip)
{
	enum lock_kind k;
	for (int i = 0; i < LOCK_KINDS; i++) {
		ck_assert(lock_kind_parse(lock_kind_name((enum lock_kind)i), &k));
		ck_assert_int_eq(k, i);
	}
	ck_assert_str_eq(lock_kind_name(LOCK_BUDGET), "budget");
	ck_assert(!lock_kind_parse("Budget", &k));
	ck_assert(!lock_kind_parse(NULL, &k));
	ck_assert_ptr_null(lock_kind_name((enum lock_kind)LOCK_KINDS));
}
END_TEST

Suite *period_lock_suite(void)
{
	Suite *s = suite_create("period_lock");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, month_ordinals_compare_across_years);
	tcase_add_test(tc, a_month_on_or_before_through_is_covered);
	tcase_add_test(tc, only_the_kinds_named_are_covered);
	tcase_add_test(tc, an_annual_budget_line_counts_from_january);
	tcase_add_test(tc, a_period_value_counts_from_its_last_month);
	tcase_add_test(tc, find_returns_the_first_lock_that_covers);
	tcase_add_test(tc, kind_names_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
