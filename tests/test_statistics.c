/*
 * Unit tests for statistics tables (src/domain/statistics.c), without a server: the three
 * ways figures add up (sum, ratio by numerators and denominators, unique persons never from
 * parts) across months, units and rows, each rule both ways; the period rule (the exact fact,
 * else every month of the range, else null naming the first missing month, for the compared
 * year too); the change in percent with a zero base and in percentage points; shares by
 * numerators and as given; small-number and min_population suppression with its secondary
 * cell; names, codes and the canonical text of dimension values.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "folja/statistics.h"
#include "tests.h"

/* ---- fixtures ---- */

static const int64_t unit_ids[] = {10, 11, 12, 13};
/* 10 is the root; 11 and 12 its children; 13 a child of 11. */
static const size_t unit_parent[] = {0, 0, 0, 1};
static const struct stat_units units4 = {4, unit_ids, unit_parent};
static const struct stat_units units1 = {1, unit_ids, unit_parent};

static struct statistic stat(enum stat_aggregate a, enum stat_unit u)
{
	struct statistic s = {.id = 1, .code = "s", .name = "S", .unit = u, .aggregate = a,
			      .decimals = 2, .min_population = STAT_NULL, .ndims = 2};
	s.dims[0] = (struct stat_dimension){.name = "gender", .nvalues = 2,
					    .values = {"K", "M"}};
	s.dims[1] = (struct stat_dimension){.name = "length", .nvalues = 2,
					    .values = {"lt60", "ge60"}};
	return s;
}

static struct stat_question question(int year, int from, int to)
{
	return (struct stat_question){.range = {year, from, to}, .kind = PERIOD_TERTIAL,
				      .compare_year = year - 1};
}

/* An exact fact of unit index @p unit covering @p from..@p to of @p year. */
static struct stat_part fact(size_t unit, int year, int from, int to, double value)
{
	return (struct stat_part){.unit = unit, .year = year, .from = from, .to = to,
				  .kind = from == to ? PERIOD_MONTH : PERIOD_TERTIAL,
				  .form = STAT_FORM_VALUE, .value = value,
				  .population = STAT_NULL, .id = year * 100 + to};
}

static struct stat_part ratio_fact(size_t unit, int year, int from, int to, double num,
				   double den)
{
	struct stat_part p = fact(unit, year, from, to, 0);
	p.form = STAT_FORM_RATIO;
	p.num = num;
	p.den = den;
	return p;
}

/* A bundle of monthly facts of unit @p unit: @p months (bits), summed, as storage sums
 * them over the months from the first to the last. */
static struct stat_part bundle(size_t unit, int year, unsigned months, double value,
			       double num, double den)
{
	int n = __builtin_popcount(months);
	return (struct stat_part){.unit = unit, .year = year, .bundle = true, .months = months,
				  .from = __builtin_ctz(months), .to = 31 - __builtin_clz(months),
				  .nfacts = n, .value = value, .num = num, .den = den,
				  .population = STAT_NULL, .id = year};
}

static unsigned months_1_to(int to)
{
	unsigned m = 0;
	for (int i = 1; i <= to; i++)
		m |= 1u << i;
	return m;
}

/* The total of the table (the caller frees nothing: the rows are released here). */
static struct stat_figure total_of(const struct statistic *s, const struct stat_units *u,
				   struct stat_part *parts, size_t n, struct stat_question q,
				   struct stat_row *row)
{
	struct stat_table t;
	ck_assert_int_eq(stat_table_build(s, u, parts, n, &q, &t), STAT_BUILD_OK);
	struct stat_figure f = t.total.now.fig;
	if (row)
		*row = t.total;
	stat_table_free(&t);
	return f;
}

/* ---- names and codes ---- */

START_TEST(names_both_ways)
{
	enum stat_aggregate a;
	enum stat_unit u;
	enum stat_form f;
	ck_assert(stat_aggregate_parse("distinct", &a) && a == STAT_DISTINCT);
	ck_assert(!stat_aggregate_parse("mean", &a) && !stat_aggregate_parse(NULL, &a));
	ck_assert_str_eq(stat_aggregate_name(STAT_RATIO), "ratio");
	ck_assert(stat_unit_parse("hours", &u) && u == STAT_HOURS);
	ck_assert_ptr_null(stat_unit_name(STAT_UNITS));
	ck_assert(stat_form_parse("share", &f) && f == STAT_FORM_SHARE);
	ck_assert_str_eq(stat_source_name(STAT_SRC_MONTHS), "monthly_facts");
	ck_assert_ptr_null(stat_source_name(STAT_SRC_NONE));
	ck_assert_str_eq(stat_why_name(STAT_WHY_DISTINCT_UNITS), "distinct_units");
	ck_assert_ptr_null(stat_why_text(STAT_WHYS));
}
END_TEST

START_TEST(kinds_and_forms)
{
	ck_assert_ptr_null(stat_kind_error(STAT_RATIO, STAT_PERCENT));
	ck_assert_ptr_nonnull(stat_kind_error(STAT_SUM, STAT_PERCENT));
	ck_assert_ptr_nonnull(stat_kind_error(STAT_DISTINCT, STAT_KR));
	ck_assert_ptr_null(stat_kind_error(STAT_DISTINCT, STAT_COUNT));
	ck_assert(stat_form_allowed(STAT_RATIO, STAT_FORM_GIVEN));
	ck_assert(!stat_form_allowed(STAT_SUM, STAT_FORM_GIVEN));
	ck_assert(!stat_form_allowed(STAT_RATIO, STAT_FORM_VALUE));
	ck_assert(stat_form_allowed(STAT_DISTINCT, STAT_FORM_NULL));
}
END_TEST

START_TEST(codes_and_dims)
{
	struct statistic s = stat(STAT_SUM, STAT_COUNT);
	ck_assert(stat_name_valid("age_group") && !stat_name_valid("Age") &&
		  !stat_name_valid("9x") && !stat_name_valid(""));
	ck_assert(stat_code_valid("K") && stat_code_valid("30-49") && stat_code_valid("0-29") &&
		  !stat_code_valid("-29") && !stat_code_valid("a b") && !stat_code_valid(NULL));
	ck_assert(!stat_code_valid("0123456789012345678901234567890123"));
	ck_assert_int_eq(stat_dimension_find(&s, "length"), 1);
	ck_assert_int_eq(stat_dimension_find(&s, "age"), -1);
	ck_assert_int_eq(stat_value_find(&s.dims[0], "M"), 2);
	ck_assert_int_eq(stat_value_find(&s.dims[0], "T"), 0);
	uint8_t d[STAT_MAX_DIMS] = {0, 2, 0, 0};
	ck_assert_uint_eq(stat_mask(d), 2);
	ck_assert(stat_dims_valid(&s, d));
	d[0] = 2;
	ck_assert(stat_dims_valid(&s, d));
	d[0] = 3;  /* gender has two values */
	ck_assert(!stat_dims_valid(&s, d));
	d[0] = 1;
	d[2] = 1;  /* a third dimension the statistic does not have */
	ck_assert(!stat_dims_valid(&s, d));
	uint8_t none[STAT_MAX_DIMS] = {0};
	ck_assert(stat_dims_valid(&s, none));
}
END_TEST

START_TEST(ranges)
{
	struct period p;
	ck_assert(period_parse("2017-T1", &p));
	struct stat_range r = stat_fact_range(p);
	ck_assert(r.year == 2017 && r.from == 1 && r.to == 4);
	ck_assert(period_parse("2017-03", &p));
	r = stat_fact_range(p);
	ck_assert(r.from == 3 && r.to == 3);
	r = stat_question_range(p, true);
	ck_assert(r.from == 1 && r.to == 3);
	ck_assert(period_parse("2017-T2", &p));
	r = stat_question_range(p, false);
	ck_assert(r.from == 5 && r.to == 8);
	r = stat_question_range(p, true);
	ck_assert(r.from == 1 && r.to == 8);
}
END_TEST

/* ---- ratio ---- */

/* The weighting example: two units both at 10 % with 100 and 1 000 hours give 10 %; at 5 %
 * and 10 % they give the hours' weighted 9.55 %, not the mean 7.5 %. */
START_TEST(ratio_weighs_by_hours)
{
	struct statistic s = stat(STAT_RATIO, STAT_PERCENT);
	struct stat_question q = question(2017, 1, 4);
	struct stat_part equal[] = {ratio_fact(1, 2017, 1, 4, 10, 100),
				    ratio_fact(2, 2017, 1, 4, 100, 1000)};
	struct stat_figure f = total_of(&s, &units4, equal, 2, q, NULL);
	ck_assert_int_eq(f.state, STAT_FIG_VALUE);
	ck_assert_int_eq(f.source, STAT_SRC_UNITS);
	ck_assert_double_eq_tol(f.value, 10.0, 1e-9);
	ck_assert(f.has_hours && f.num == 110 && f.den == 1100);
	struct stat_part unequal[] = {ratio_fact(1, 2017, 1, 4, 5, 100),
				      ratio_fact(2, 2017, 1, 4, 100, 1000)};
	f = total_of(&s, &units4, unequal, 2, q, NULL);
	ck_assert_double_eq_tol(f.value, 105.0 / 1100 * 100, 1e-9);
	ck_assert(fabs(f.value - 7.5) > 2);
	ck_assert_uint_eq(f.nunits, 2);
}
END_TEST

/* Seed 002's months: 8,22 %, 9,78 %, 8,86 % with fewer hours in February average 8,79 %,
 * not the mean 8,95 %: monthly facts are added by numerators and denominators. */
START_TEST(ratio_months_not_a_mean)
{
	struct statistic s = stat(STAT_RATIO, STAT_PERCENT);
	struct stat_question q = question(2016, 1, 3);
	struct stat_part b = bundle(0, 2016, months_1_to(3), 0, 82.2 + 48.9 + 88.6, 2500);
	struct stat_figure f = total_of(&s, &units1, &b, 1, q, NULL);
	ck_assert_int_eq(f.source, STAT_SRC_MONTHS);
	ck_assert_double_eq_tol(f.value, 219.7 / 2500 * 100, 1e-9);
	ck_assert(fabs(f.value - (8.22 + 9.78 + 8.86) / 3) > 0.1);
	/* a given percentage among the months cannot be weighed */
	b.ngiven = 1;
	f = total_of(&s, &units1, &b, 1, q, NULL);
	ck_assert_int_eq(f.state, STAT_FIG_NULL);
	ck_assert_int_eq(f.why, STAT_WHY_GIVEN);
	/* nor a zero denominator divided */
	b = bundle(0, 2016, months_1_to(3), 0, 0, 0);
	f = total_of(&s, &units1, &b, 1, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_ZERO_DENOMINATOR);
}
END_TEST

/* Given percentages: one is shown as given; two units' are not weighed together; a single
 * sub-unit's given figure is its parent's. */
START_TEST(ratio_given_values)
{
	struct statistic s = stat(STAT_RATIO, STAT_PERCENT);
	struct stat_question q = question(2017, 1, 3);
	struct stat_part g = fact(0, 2017, 1, 3, 8.74);
	g.form = STAT_FORM_GIVEN;
	struct stat_figure f = total_of(&s, &units1, &g, 1, q, NULL);
	ck_assert(f.state == STAT_FIG_VALUE && f.given && !f.has_hours);
	ck_assert_double_eq(f.value, 8.74);
	ck_assert_int_eq(f.source, STAT_SRC_FACT);
	g.unit = 1;
	f = total_of(&s, &units4, &g, 1, q, NULL);
	ck_assert(f.state == STAT_FIG_VALUE && f.given && f.source == STAT_SRC_UNITS);
	struct stat_part two[] = {g, ratio_fact(2, 2017, 1, 3, 1, 10)};
	f = total_of(&s, &units4, two, 2, q, NULL);
	ck_assert_int_eq(f.state, STAT_FIG_NULL);
	ck_assert_int_eq(f.why, STAT_WHY_GIVEN);
	ck_assert_int_eq(f.why_unit, 11);
}
END_TEST

/* ---- sum ---- */

START_TEST(sum_months_and_units)
{
	struct statistic s = stat(STAT_SUM, STAT_COUNT);
	struct stat_question q = question(2017, 1, 4);
	struct stat_part parts[] = {bundle(3, 2017, months_1_to(4), 40, 0, 0),
				    fact(2, 2017, 1, 4, 2)};
	struct stat_figure f = total_of(&s, &units4, parts, 2, q, NULL);
	ck_assert_int_eq(f.state, STAT_FIG_VALUE);
	ck_assert_double_eq(f.value, 42);
	ck_assert_uint_eq(f.nfacts, 5);
	ck_assert_uint_eq(f.nunits, 2);
	/* a unit's own fact is its figure: the facts below it are not added to it */
	struct stat_part own[] = {parts[0], parts[1], fact(0, 2017, 1, 4, 100)};
	f = total_of(&s, &units4, own, 3, q, NULL);
	ck_assert_double_eq(f.value, 100);
	ck_assert_int_eq(f.source, STAT_SRC_FACT);
	/* out of range */
	struct stat_part huge[] = {fact(1, 2017, 1, 4, 9e14), fact(2, 2017, 1, 4, 9e14)};
	f = total_of(&s, &units4, huge, 2, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_RANGE);
}
END_TEST

/* Monthly facts that do not cover the range give null naming the first missing month, for
 * the compared year as well: never three months against four. */
START_TEST(months_must_cover_the_range)
{
	struct statistic s = stat(STAT_SUM, STAT_COUNT);
	struct stat_question q = question(2017, 1, 4);
	q.compare = true;
	struct stat_part parts[] = {bundle(0, 2017, months_1_to(4), 40, 0, 0),
				    bundle(0, 2016, (1u << 1) | (1u << 2) | (1u << 4), 30, 0, 0)};
	struct stat_row total;
	struct stat_figure f = total_of(&s, &units1, parts, 2, q, &total);
	ck_assert_double_eq(f.value, 40);
	ck_assert_int_eq(total.then.fig.state, STAT_FIG_NULL);
	ck_assert_int_eq(total.then.fig.why, STAT_WHY_MONTHS_MISSING);
	ck_assert_int_eq(total.then.fig.why_month, 3);
	ck_assert_int_eq(total.change.state, STAT_CHANGE_NO_COMPARE);
	/* the full previous year compares (the build sorted the parts: 2016 first) */
	ck_assert_int_eq(parts[0].year, 2016);
	parts[0].months = months_1_to(4);
	total_of(&s, &units1, parts, 2, q, &total);
	ck_assert_int_eq(total.change.state, STAT_CHANGE_OK);
	ck_assert_double_eq(total.change.change, 10);
	ck_assert_double_eq_tol(total.change.pct, 100.0 / 3, 1e-9);
	/* a range beyond the months held */
	q.range.to = 5;
	f = total_of(&s, &units1, parts, 2, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_MONTHS_MISSING);
	ck_assert_int_eq(f.why_month, 5);
}
END_TEST

/* The exact fact wins over the months; of two exact facts the period kind asked wins. */
START_TEST(exact_fact_rule)
{
	struct statistic s = stat(STAT_SUM, STAT_COUNT);
	struct stat_question q = question(2017, 1, 6);
	q.kind = PERIOD_HALF;
	struct stat_part quarter = fact(0, 2017, 1, 6, 60);
	quarter.kind = PERIOD_QUARTER;
	quarter.id = 1;
	struct stat_part half = fact(0, 2017, 1, 6, 61);
	half.kind = PERIOD_HALF;
	half.id = 2;
	struct stat_part parts[] = {quarter, half, bundle(0, 2017, months_1_to(6), 59, 0, 0)};
	struct stat_figure f = total_of(&s, &units1, parts, 3, q, NULL);
	ck_assert_double_eq(f.value, 61);
	ck_assert_int_eq(f.fact_id, 2);
	q.kind = PERIOD_QUARTER;
	f = total_of(&s, &units1, parts, 3, q, NULL);
	ck_assert_double_eq(f.value, 60);
	q.kind = PERIOD_YEAR;  /* neither kind asked: the first stored */
	f = total_of(&s, &units1, parts, 3, q, NULL);
	ck_assert_int_eq(f.fact_id, 1);
	/* a null fact is null with its reason */
	parts[0].form = parts[1].form = STAT_FORM_NULL;
	parts[0].null_reason = parts[1].null_reason = "för få svarande";
	f = total_of(&s, &units1, parts, 3, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_NULL_FACT);
	ck_assert_str_eq(f.null_reason, "för få svarande");
}
END_TEST

/* A sum's total with no fact of its own adds its rows, when every row has a value. */
START_TEST(sum_total_from_rows)
{
	struct statistic s = stat(STAT_SUM, STAT_COUNT);
	struct stat_question q = question(2017, 1, 4);
	q.nby = 1;
	q.by[0] = 0;
	struct stat_part k = fact(0, 2017, 1, 4, 1510), m = fact(0, 2017, 1, 4, 50);
	k.dims[0] = 1;
	m.dims[0] = 2;
	struct stat_part parts[] = {k, m};
	struct stat_figure f = total_of(&s, &units1, parts, 2, q, NULL);
	ck_assert_int_eq(f.source, STAT_SRC_ROWS);
	ck_assert_double_eq(f.value, 1560);
	f = total_of(&s, &units1, parts, 1, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_ROWS_INCOMPLETE);
	struct stat_part total = fact(0, 2017, 1, 4, 1561);
	struct stat_part with_total[] = {k, m, total};
	f = total_of(&s, &units1, with_total, 3, q, NULL);
	ck_assert_int_eq(f.source, STAT_SRC_FACT);
	ck_assert_double_eq(f.value, 1561);
}
END_TEST

/* ---- distinct ---- */

START_TEST(distinct_never_from_parts)
{
	struct statistic s = stat(STAT_DISTINCT, STAT_COUNT);
	struct stat_question q = question(2017, 1, 4);
	struct stat_part b = bundle(0, 2017, months_1_to(4), 100, 0, 0);
	struct stat_figure f = total_of(&s, &units1, &b, 1, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_DISTINCT_MONTHS);
	struct stat_part two[] = {fact(1, 2017, 1, 4, 60), fact(2, 2017, 1, 4, 50)};
	f = total_of(&s, &units4, two, 2, q, NULL);
	ck_assert_int_eq(f.state, STAT_FIG_NULL);
	ck_assert_int_eq(f.why, STAT_WHY_DISTINCT_UNITS);
	ck_assert_int_eq(f.why_unit, 10);
	/* one sub-unit's figure is not an addition: its parent shows it */
	f = total_of(&s, &units4, two, 1, q, NULL);
	ck_assert_double_eq(f.value, 60);
	/* rows are not added either; the total fact is used when there is one */
	q.nby = 1;
	q.by[0] = 0;
	struct stat_part k = fact(0, 2017, 1, 4, 43), m = fact(0, 2017, 1, 4, 150);
	k.dims[0] = 1;
	m.dims[0] = 2;
	struct stat_part rows[] = {k, m, fact(0, 2017, 1, 4, 191)};
	f = total_of(&s, &units1, rows, 2, q, NULL);
	ck_assert_int_eq(f.why, STAT_WHY_DISTINCT_ROWS);
	f = total_of(&s, &units1, rows, 3, q, NULL);
	ck_assert_double_eq(f.value, 191);
}
END_TEST

/* ---- comparisons ---- */

static struct stat_figure value_fig(double v)
{
	return (struct stat_figure){.state = STAT_FIG_VALUE, .value = v, .population = STAT_NULL};
}

/* Seed 002: placements 193 -> 191 is -1 %, HVB 43 -> 37 is -14 %; a zero base has a
 * change but no percentage; percentages change in percentage points. */
START_TEST(changes)
{
	struct stat_change c;
	struct stat_figure now = value_fig(191), then = value_fig(193);
	stat_compare(STAT_COUNT, &now, &then, &c);
	ck_assert_int_eq(c.state, STAT_CHANGE_OK);
	ck_assert(!c.in_pp);
	ck_assert_double_eq(c.change, -2);
	ck_assert_double_eq(stat_round(c.pct, 0), -1);
	now = value_fig(37);
	then = value_fig(43);
	stat_compare(STAT_COUNT, &now, &then, &c);
	ck_assert_double_eq(stat_round(c.pct, 0), -14);
	then = value_fig(0);
	stat_compare(STAT_COUNT, &now, &then, &c);
	ck_assert_int_eq(c.state, STAT_CHANGE_ZERO_BASE);
	ck_assert_double_eq(c.change, 37);
	now = value_fig(8.74);
	then = value_fig(8.96);
	stat_compare(STAT_PERCENT, &now, &then, &c);
	ck_assert(c.state == STAT_CHANGE_OK && c.in_pp);
	ck_assert_double_eq_tol(c.change, -0.22, 1e-9);
	then.state = STAT_FIG_NULL;
	stat_compare(STAT_PERCENT, &now, &then, &c);
	ck_assert_int_eq(c.state, STAT_CHANGE_NO_COMPARE);
	now.state = STAT_FIG_NONE;
	stat_compare(STAT_PERCENT, &now, &then, &c);
	ck_assert_int_eq(c.state, STAT_CHANGE_NO_VALUE);
}
END_TEST

/* Shares: by numerators for a ratio (57 % of the sick hours are long), by values for a sum,
 * as given when the source gives only the share. */
START_TEST(shares)
{
	struct stat_share sh;
	struct stat_figure part = value_fig(4.98), total = value_fig(8.74);
	part.has_hours = total.has_hours = true;
	part.num = 57;
	total.num = 100;
	stat_share_of(STAT_RATIO, &part, &total, &sh);
	ck_assert(sh.state == STAT_SHARE_OK && !sh.given);
	ck_assert_double_eq_tol(sh.pct, 57, 1e-9);
	part.has_hours = false;
	stat_share_of(STAT_RATIO, &part, &total, &sh);
	ck_assert_int_eq(sh.state, STAT_SHARE_NO_HOURS);
	part.has_share = true;
	part.share = 43;
	stat_share_of(STAT_RATIO, &part, &total, &sh);
	ck_assert(sh.state == STAT_SHARE_OK && sh.given && sh.pct == 43);
	struct stat_figure a = value_fig(43), b = value_fig(0);
	stat_share_of(STAT_SUM, &a, &b, &sh);
	ck_assert_int_eq(sh.state, STAT_SHARE_ZERO_TOTAL);
	b = value_fig(193);
	stat_share_of(STAT_DISTINCT, &a, &b, &sh);
	ck_assert_double_eq_tol(sh.pct, 43.0 / 193 * 100, 1e-9);
}
END_TEST

/* Rows by month: each month's own fact, the total from the months by hours. */
START_TEST(rows_by_month)
{
	struct statistic s = stat(STAT_RATIO, STAT_PERCENT);
	struct stat_question q = question(2017, 1, 3);
	q.nby = 1;
	q.by[0] = STAT_BY_MONTH;
	struct stat_part parts[] = {ratio_fact(0, 2017, 1, 1, 10, 100),
				    ratio_fact(0, 2017, 2, 2, 30, 200),
				    ratio_fact(0, 2017, 3, 3, 10, 100),
				    bundle(0, 2017, months_1_to(3), 0, 50, 400)};
	struct stat_table t;
	ck_assert_int_eq(stat_table_build(&s, &units1, parts, 4, &q, &t), STAT_BUILD_OK);
	ck_assert_uint_eq(t.nrows, 3);
	ck_assert_int_eq(t.rows[1].month, 2);
	ck_assert_double_eq_tol(t.rows[1].now.fig.value, 15, 1e-9);
	ck_assert_int_eq(t.rows[1].now.fig.source, STAT_SRC_FACT);
	ck_assert_double_eq_tol(t.total.now.fig.value, 12.5, 1e-9);
	ck_assert_int_eq(t.total.now.fig.source, STAT_SRC_MONTHS);
	stat_table_free(&t);
	stat_table_free(NULL);
	/* too many rows */
	q.nby = 3;
	q.by[1] = q.by[2] = STAT_BY_MONTH;
	s.dims[0].nvalues = 64;
	q.range.to = 12;
	q.by[0] = 0;
	ck_assert_uint_eq(stat_row_count(&s, &q), SIZE_MAX);
	ck_assert_int_eq(stat_table_build(&s, &units1, parts, 4, &q, &t),
			 STAT_BUILD_TOO_MANY_ROWS);
}
END_TEST

/* By month from monthly bundles as storage gives them (one per month): a month of one fact
 * is that fact, unique persons included; the months add up to the total. */
START_TEST(month_bundles)
{
	struct statistic s = stat(STAT_DISTINCT, STAT_COUNT);
	struct stat_question q = question(2017, 1, 3);
	q.nby = 1;
	q.by[0] = STAT_BY_MONTH;
	struct stat_part parts[] = {bundle(0, 2017, 1u << 1, 40, 0, 0),
				    bundle(0, 2017, 1u << 2, 42, 0, 0),
				    bundle(0, 2017, 1u << 3, 45, 0, 0)};
	parts[1].nnull = 1;
	parts[1].null_reason = "ej rapporterat";
	struct stat_table t;
	ck_assert_int_eq(stat_table_build(&s, &units1, parts, 3, &q, &t), STAT_BUILD_OK);
	ck_assert_double_eq(t.rows[0].now.fig.value, 40);
	ck_assert_int_eq(t.rows[0].now.fig.source, STAT_SRC_FACT);
	ck_assert_int_eq(t.rows[1].now.fig.why, STAT_WHY_NULL_FACT);
	ck_assert_str_eq(t.rows[1].now.fig.null_reason, "ej rapporterat");
	ck_assert_int_eq(t.total.now.fig.why, STAT_WHY_DISTINCT_MONTHS);
	stat_table_free(&t);
	struct statistic sum = stat(STAT_SUM, STAT_COUNT);
	struct stat_part more[] = {bundle(0, 2017, 1u << 1, 40, 0, 0),
				   bundle(0, 2017, 1u << 2, 42, 0, 0),
				   bundle(0, 2017, 1u << 3, 45, 0, 0)};
	ck_assert_int_eq(stat_table_build(&sum, &units1, more, 3, &q, &t), STAT_BUILD_OK);
	ck_assert_double_eq(t.total.now.fig.value, 127);
	ck_assert_int_eq(t.total.now.fig.source, STAT_SRC_MONTHS);
	ck_assert_uint_eq(t.total.now.fig.nfacts, 3);
	stat_table_free(&t);
}
END_TEST

/* ---- small numbers ---- */

static struct stat_table small_table(struct stat_row rows[3], double a, double b, double c,
				     double total)
{
	memset(rows, 0, 3 * sizeof *rows);
	rows[0].now.fig = value_fig(a);
	rows[1].now.fig = value_fig(b);
	rows[2].now.fig = value_fig(c);
	struct stat_table t = {.nrows = 3, .rows = rows};
	t.total.now.fig = value_fig(total);
	return t;
}

START_TEST(suppression)
{
	struct statistic s = stat(STAT_DISTINCT, STAT_COUNT);
	struct stat_row rows[3];
	struct stat_table t = small_table(rows, 2, 5, 40, 47);
	stat_table_suppress(&s, &t, 0);  /* with a token: nothing hidden */
	ck_assert_int_eq(rows[0].now.hidden, STAT_SHOWN);
	stat_table_suppress(&s, &t, 3);
	ck_assert_int_eq(rows[0].now.hidden, STAT_HIDDEN_SMALL);
	ck_assert_int_eq(rows[1].now.hidden, STAT_HIDDEN_SECONDARY);
	ck_assert_int_eq(rows[2].now.hidden, STAT_SHOWN);
	ck_assert_int_eq(t.total.now.hidden, STAT_SHOWN);
	/* two hidden already: no secondary; zero is shown */
	t = small_table(rows, 1, 2, 0, 3);
	stat_table_suppress(&s, &t, 3);
	ck_assert_int_eq(rows[0].now.hidden, STAT_HIDDEN_SMALL);
	ck_assert_int_eq(rows[1].now.hidden, STAT_HIDDEN_SMALL);
	ck_assert_int_eq(rows[2].now.hidden, STAT_SHOWN);
	/* min_population: a group of 10 or fewer is not published, whatever the unit */
	struct statistic sick = stat(STAT_RATIO, STAT_PERCENT);
	sick.min_population = 10;
	t = small_table(rows, 8.1, 9.2, 7.7, 8.5);
	rows[0].now.fig.population = 10;
	rows[1].now.fig.population = 40;
	rows[2].now.fig.population = 30;
	t.total.now.fig.population = 80;
	stat_table_suppress(&sick, &t, 3);
	ck_assert_int_eq(rows[0].now.hidden, STAT_HIDDEN_POPULATION);
	ck_assert_int_eq(rows[2].now.hidden, STAT_HIDDEN_SECONDARY);
	ck_assert_int_eq(rows[1].now.hidden, STAT_SHOWN);
	/* a population not known is not checked */
	rows[0].now.fig.population = STAT_NULL;
	rows[0].now.hidden = rows[2].now.hidden = STAT_SHOWN;
	stat_table_suppress(&sick, &t, 3);
	ck_assert_int_eq(rows[0].now.hidden, STAT_SHOWN);
}
END_TEST

START_TEST(rounding)
{
	ck_assert_double_eq(stat_round(8.7421, 2), 8.74);
	ck_assert_double_eq(stat_round(-13.95, 0), -14);
	ck_assert_double_eq(stat_round(2.5, 0), 3);
	ck_assert_double_eq(stat_round(-2.5, 0), -3);
	ck_assert_double_eq(stat_round(1.23456789, 9), 1.234568);
	ck_assert_double_eq(stat_round(1.5, -1), 2);
}
END_TEST

Suite *statistics_suite(void)
{
	Suite *s = suite_create("statistics");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, names_both_ways);
	tcase_add_test(tc, kinds_and_forms);
	tcase_add_test(tc, codes_and_dims);
	tcase_add_test(tc, ranges);
	tcase_add_test(tc, ratio_weighs_by_hours);
	tcase_add_test(tc, ratio_months_not_a_mean);
	tcase_add_test(tc, ratio_given_values);
	tcase_add_test(tc, sum_months_and_units);
	tcase_add_test(tc, months_must_cover_the_range);
	tcase_add_test(tc, exact_fact_rule);
	tcase_add_test(tc, sum_total_from_rows);
	tcase_add_test(tc, distinct_never_from_parts);
	tcase_add_test(tc, changes);
	tcase_add_test(tc, shares);
	tcase_add_test(tc, rows_by_month);
	tcase_add_test(tc, month_bundles);
	tcase_add_test(tc, suppression);
	tcase_add_test(tc, rounding);
	suite_add_tcase(s, tc);
	return s;
}
