/*
 * Tests of money (src/domain/money.c) and the shared colours (src/domain/color.c).
 *
 * Money figures are what a controller defends in the committee meeting, so every rule is
 * pinned from both sides: rounding at exact halves of each scale and at the int64_t extremes;
 * consistent rounding on the seed's own situation (rows that, rounded one by one, miss their
 * rounded total by 1 tkr), on negative, mixed and degenerate inputs, and against the
 * properties that define it over a few thousand generated cases; periodisation sums;
 * percentages at their rounding edges; the budget assessment exactly at and one krona past its
 * thresholds; and the import parser on the forms a Swedish financial system writes and the
 * ones it must refuse.  Expected values were worked out by hand or, for the month profiles, by
 * an independent exact calculation (Python fractions), never by the code under test.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "folja/color.h"
#include "folja/money.h"

Suite *money_suite(void);

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define SENTINEL INT64_C(-777)

/* ---------------------------------------------------------------- helpers */

static int64_t sum_of(const int64_t *v, size_t n)
{
	int64_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

static void assert_array_eq(const int64_t *got, const int64_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(got[i] == want[i], "index %zu: got %lld, want %lld", i,
			      (long long)got[i], (long long)want[i]);
}

/* Mathematical floor of a / d for d > 0, written independently of the module. */
static int64_t ref_floor(int64_t a, int64_t d)
{
	return a >= 0 ? a / d : -((-a + d - 1) / d);
}

/* A small deterministic generator (Knuth's MMIX LCG), so failures reproduce. */
static uint64_t lcg_state;

static uint64_t lcg_next(void)
{
	lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
	return lcg_state >> 11;
}

static int64_t lcg_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(lcg_next() % (uint64_t)(hi - lo + 1));
}

/* ---------------------------------------------------------------- colours */

/* Consistent rounding of a table on its own: to money_round() of its sum.  False when the
 * sum leaves the range. */
static bool money_round_consistent(const int64_t *amounts, size_t n, enum money_scale s,
				   int64_t *out)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		if (!money_add(sum, amounts[i], &sum))
			return false;
	return money_round_to_total(amounts, n, s, money_round(sum, s), out);
}

START_TEST(test_color_names_round_trip)
{
	const enum color all[] = { COLOR_GREEN, COLOR_YELLOW, COLOR_RED };
	const char *names[] = { "gron", "gul", "rod" };

	for (size_t i = 0; i < N_OF(all); i++) {
		enum color c = COLOR_RED;

		ck_assert_str_eq(color_name(all[i]), names[i]);
		ck_assert(color_parse(names[i], &c));
		ck_assert_int_eq(c, all[i]);
	}
	/* Best to worst, so "worse" is "larger". */
	ck_assert_int_lt(COLOR_GREEN, COLOR_YELLOW);
	ck_assert_int_lt(COLOR_YELLOW, COLOR_RED);
}
END_TEST

START_TEST(test_color_refusals)
{
	const char *bad[] = { "", "Gron", "grön", "röd", "green", "gul ", "rodd", "ro" };
	enum color c = COLOR_YELLOW;

	for (size_t i = 0; i < N_OF(bad); i++) {
		ck_assert_msg(!color_parse(bad[i], &c), "accepted '%s'", bad[i]);
		ck_assert_int_eq(c, COLOR_YELLOW);
	}
	ck_assert(!color_parse(NULL, &c));
	ck_assert_ptr_null(color_name((enum color)3));
	ck_assert_ptr_null(color_name((enum color)-1));
}
END_TEST

/* ---------------------------------------------------------------- scales */

START_TEST(test_scale_parse_name_divisor)
{
	const char *names[] = { "kr", "tkr", "mnkr" };
	const enum money_scale scales[] = { SCALE_KR, SCALE_TKR, SCALE_MNKR };
	const int64_t divisors[] = { 1, 1000, 1000000 };

	for (size_t i = 0; i < N_OF(names); i++) {
		enum money_scale s = SCALE_MNKR;

		ck_assert(money_scale_parse(names[i], &s));
		ck_assert_int_eq(s, scales[i]);
		ck_assert_str_eq(money_scale_name(scales[i]), names[i]);
		ck_assert_int_eq(money_scale_divisor(scales[i]), divisors[i]);
	}
}
END_TEST

START_TEST(test_scale_refusals)
{
	const char *bad[] = { "", "KR", "Tkr", "mkr", "Mkr", "tkr ", " kr", "k", "mnkrr" };
	enum money_scale s = SCALE_TKR;

	for (size_t i = 0; i < N_OF(bad); i++) {
		ck_assert_msg(!money_scale_parse(bad[i], &s), "accepted '%s'", bad[i]);
		ck_assert_int_eq(s, SCALE_TKR);
	}
	ck_assert(!money_scale_parse(NULL, &s));
	ck_assert_ptr_null(money_scale_name((enum money_scale)3));
	ck_assert_int_eq(money_scale_divisor((enum money_scale)3), 1);
	ck_assert_int_eq(money_round(1234, (enum money_scale)7), 1234);
}
END_TEST

/* ---------------------------------------------------------------- rounding */

static const struct {
	int64_t kr;
	enum money_scale s;
	int64_t want;
} round_cases[] = {
	{ 0, SCALE_KR, 0 },
	{ -7, SCALE_KR, -7 },
	{ 248532, SCALE_KR, 248532 },
	{ 0, SCALE_TKR, 0 },
	{ 499, SCALE_TKR, 0 },
	{ 500, SCALE_TKR, 1 },
	{ 999, SCALE_TKR, 1 },
	{ 1499, SCALE_TKR, 1 },
	{ 1500, SCALE_TKR, 2 },
	{ 1501, SCALE_TKR, 2 },
	{ 2000, SCALE_TKR, 2 },
	{ -499, SCALE_TKR, 0 },
	{ -500, SCALE_TKR, -1 },
	{ -1499, SCALE_TKR, -1 },
	{ -1500, SCALE_TKR, -2 },
	{ -1501, SCALE_TKR, -2 },
	{ -2000, SCALE_TKR, -2 },
	{ -248531501, SCALE_TKR, -248532 },
	{ -248531500, SCALE_TKR, -248532 },
	{ -248531499, SCALE_TKR, -248531 },
	{ 0, SCALE_MNKR, 0 },
	{ 499999, SCALE_MNKR, 0 },
	{ 500000, SCALE_MNKR, 1 },
	{ 1499999, SCALE_MNKR, 1 },
	{ 1500000, SCALE_MNKR, 2 },
	{ -499999, SCALE_MNKR, 0 },
	{ -500000, SCALE_MNKR, -1 },
	{ -1499999, SCALE_MNKR, -1 },
	{ -1500000, SCALE_MNKR, -2 },
	{ -4014000, SCALE_MNKR, -4 },
	{ -3500000, SCALE_MNKR, -4 },
	/* The extremes: 9 223 372 036 854 775 807 and −…808 must not overflow. */
	{ INT64_MAX, SCALE_KR, INT64_MAX },
	{ INT64_MIN, SCALE_KR, INT64_MIN },
	{ INT64_MAX, SCALE_TKR, INT64_C(9223372036854776) },
	{ INT64_MIN, SCALE_TKR, INT64_C(-9223372036854776) },
	{ INT64_MAX, SCALE_MNKR, INT64_C(9223372036855) },
	{ INT64_MIN, SCALE_MNKR, INT64_C(-9223372036855) },
	{ MONEY_MAX_KR, SCALE_MNKR, INT64_C(9000000000) },
	{ -MONEY_MAX_KR - 500000, SCALE_MNKR, INT64_C(-9000000001) },
};

START_TEST(test_round_table)
{
	for (size_t i = 0; i < N_OF(round_cases); i++) {
		int64_t got = money_round(round_cases[i].kr, round_cases[i].s);

		ck_assert_msg(got == round_cases[i].want, "case %zu: %lld kr → %lld, want %lld",
			      i, (long long)round_cases[i].kr, (long long)got,
			      (long long)round_cases[i].want);
	}
}
END_TEST

/* Every amount around the halves, against the definition |a| / d rounded then signed. */
START_TEST(test_round_is_symmetric_half_away)
{
	for (int64_t a = -5000; a <= 5000; a++) {
		int64_t m = a < 0 ? -a : a;
		int64_t up = (m + 500) / 1000;

		ck_assert_int_eq(money_round(a, SCALE_TKR), a < 0 ? -up : up);
		ck_assert_int_eq(money_round(-a, SCALE_TKR), -money_round(a, SCALE_TKR));
	}
}
END_TEST

/* ---------------------------------------------------------------- addition */

START_TEST(test_add)
{
	int64_t s = SENTINEL;

	ck_assert(money_add(-245356, -17445, &s));
	ck_assert_int_eq(s, -262801);
	ck_assert(money_add(MONEY_MAX_KR, 0, &s));
	ck_assert_int_eq(s, MONEY_MAX_KR);
	ck_assert(money_add(MONEY_MAX_KR, -MONEY_MAX_KR, &s));
	ck_assert_int_eq(s, 0);
	ck_assert(money_add(-MONEY_MAX_KR + 1, -1, &s));
	ck_assert_int_eq(s, -MONEY_MAX_KR);

	s = SENTINEL;
	ck_assert(!money_add(MONEY_MAX_KR, 1, &s));
	ck_assert(!money_add(-MONEY_MAX_KR, -1, &s));
	ck_assert(!money_add(MONEY_MAX_KR + 1, -2, &s));
	ck_assert(!money_add(0, -MONEY_MAX_KR - 1, &s));
	ck_assert(!money_add(INT64_MAX, INT64_MIN, &s));
	ck_assert(!money_add(INT64_MAX, 1, &s));
	ck_assert_int_eq(s, SENTINEL);

	ck_assert(money_in_range(MONEY_MAX_KR));
	ck_assert(money_in_range(-MONEY_MAX_KR));
	ck_assert(!money_in_range(MONEY_MAX_KR + 1));
	ck_assert(!money_in_range(INT64_MIN));
}
END_TEST

/* ---------------------------------------------------------------- consistent rounding */

/*
 * Seed 001's "Detaljer underliggande verksamheter", IFO 2021: the printed rows add up to
 * −248 531 tkr but the printed total is −248 532.  These kronor amounts reproduce that: each
 * rounds to its printed row, the sum (−248 532 010 kr) rounds to the printed total.
 */
START_TEST(test_consistent_fixes_the_seed_table)
{
	const int64_t rows[] = {
		-87501120,  /* Gemensamt IFO */
		-28998090,  /* Vård för vuxna med missbruksproblem */
		-61854200,  /* Barn- och ungdomsvård */
		-4899060,   /* Övriga insatser till vuxna */
		-27386100,  /* Ekonomiskt bistånd */
		-962030,    /* Familjerätt och familjerådgivning */
		-38251450,  /* Socialpsykiatri */
		1320040,    /* Ensamkommande barn & ungdom */
	};
	const int64_t printed[] = { -87501, -28998, -61854, -4899, -27386, -962, -38251, 1320 };
	/* Socialpsykiatri lost the most (0.450 tkr) to its rounding, so it absorbs the 1 tkr. */
	const int64_t want[] = { -87501, -28998, -61854, -4899, -27386, -962, -38252, 1320 };
	int64_t individual[N_OF(rows)], out[N_OF(rows)];

	for (size_t i = 0; i < N_OF(rows); i++)
		individual[i] = money_round(rows[i], SCALE_TKR);
	assert_array_eq(individual, printed, N_OF(rows));
	ck_assert_int_eq(sum_of(rows, N_OF(rows)), -248532010);
	ck_assert_int_eq(money_round(sum_of(rows, N_OF(rows)), SCALE_TKR), -248532);
	ck_assert_int_eq(sum_of(individual, N_OF(rows)), -248531);   /* the seed's problem */

	ck_assert(money_round_consistent(rows, N_OF(rows), SCALE_TKR, out));
	assert_array_eq(out, want, N_OF(rows));
	ck_assert_int_eq(sum_of(out, N_OF(rows)), -248532);
}
END_TEST

static const struct {
	const char *name;
	int64_t amounts[6];
	size_t n;
	enum money_scale s;
	int64_t want[6];
} consistent_cases[] = {
	/* Rounded alone −1 −1 −1 = −3, but the total −4 200 is −4 tkr. */
	{ "all negative", { -1400, -1400, -1400 }, 3, SCALE_TKR, { -1, -1, -2 } },
	{ "all positive", { 1400, 1400, 1400 }, 3, SCALE_TKR, { 2, 1, 1 } },
	/* Floors 1 1 1 −1 with remainders 400 400 400 800; two units go to 800 then index 0. */
	{ "mixed sign", { 1400, 1400, 1400, -200 }, 4, SCALE_TKR, { 2, 1, 1, 0 } },
	/* Alone 3 −1 −1 = 1 against a total of 0: the 2 600 lost least by rounding down. */
	{ "mixed, sum zero", { 2600, -1300, -1300 }, 3, SCALE_TKR, { 2, -1, -1 } },
	/* Equal halves of opposite sign: as money_round (2 and −2), not by index. */
	{ "opposite halves", { -1500, 1500 }, 2, SCALE_TKR, { -2, 2 } },
	{ "positive halves tie by index", { 1500, 1500, -1000 }, 3, SCALE_TKR, { 2, 1, -1 } },
	{ "negative halves tie by index", { -500, -500 }, 2, SCALE_TKR, { 0, -1 } },
	{ "zero rows stay zero", { 0, 400, 400, 0, 400 }, 5, SCALE_TKR, { 0, 1, 0, 0, 0 } },
	{ "all zero", { 0, 0, 0 }, 3, SCALE_MNKR, { 0, 0, 0 } },
	{ "exact rows stay exact", { 3000000, -2000000, 400000, 400000 }, 4, SCALE_MNKR,
	  { 3, -2, 1, 0 } },
	{ "one positive", { 1499 }, 1, SCALE_TKR, { 1 } },
	{ "one negative half", { -1500 }, 1, SCALE_TKR, { -2 } },
	{ "one positive half", { 1500 }, 1, SCALE_TKR, { 2 } },
	{ "kronor are exact", { -17, 5, 0 }, 3, SCALE_KR, { -17, 5, 0 } },
	{ "mnkr mixed", { -4013600, 2499999, 1600000 }, 3, SCALE_MNKR, { -4, 2, 2 } },
};

START_TEST(test_consistent_table)
{
	const int64_t *a = consistent_cases[_i].amounts;
	size_t n = consistent_cases[_i].n;
	enum money_scale s = consistent_cases[_i].s;
	int64_t out[6];

	ck_assert_msg(money_round_consistent(a, n, s, out), "%s", consistent_cases[_i].name);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(out[i] == consistent_cases[_i].want[i], "%s, index %zu: %lld, want %lld",
			      consistent_cases[_i].name, i, (long long)out[i],
			      (long long)consistent_cases[_i].want[i]);
	ck_assert_int_eq(sum_of(out, n), money_round(sum_of(a, n), s));
}
END_TEST

START_TEST(test_consistent_empty)
{
	int64_t out[1] = { SENTINEL };

	ck_assert(money_round_consistent(NULL, 0, SCALE_TKR, NULL));
	ck_assert(money_round_consistent(out, 0, SCALE_TKR, out));
	ck_assert_int_eq(out[0], SENTINEL);
}
END_TEST

START_TEST(test_consistent_refuses_overflow)
{
	const int64_t too_much[] = { MONEY_MAX_KR, 1 };
	const int64_t out_of_range[] = { 5, INT64_MIN };
	const int64_t extremes[] = { MONEY_MAX_KR, -MONEY_MAX_KR, MONEY_MAX_KR };
	int64_t out[3];

	ck_assert(!money_round_consistent(too_much, 2, SCALE_TKR, out));
	ck_assert(!money_round_consistent(out_of_range, 2, SCALE_TKR, out));
	ck_assert(money_round_consistent(extremes, 3, SCALE_TKR, out));
	ck_assert_int_eq(out[0], MONEY_MAX_KR / 1000);
	ck_assert_int_eq(sum_of(out, 3), MONEY_MAX_KR / 1000);
}
END_TEST

/* Rank of the remainder as the contract orders it: larger remainder, then positive first. */
static int64_t ranking_key(int64_t a, int64_t d)
{
	return 2 * (a - ref_floor(a, d) * d) + (a > 0);
}

/* The properties that define the method, checked on one generated case. */
static void check_consistent_properties(const int64_t *a, size_t n, enum money_scale s)
{
	int64_t d = money_scale_divisor(s), out[40], alone[40];
	int64_t target = money_round(sum_of(a, n), s);

	ck_assert(money_round_consistent(a, n, s, out));
	ck_assert_int_eq(sum_of(out, n), target);
	for (size_t i = 0; i < n; i++) {
		int64_t f = ref_floor(a[i], d);

		ck_assert(out[i] == f || out[i] == f + 1);
		if (a[i] % d == 0)
			ck_assert_int_eq(out[i], a[i] / d);
		alone[i] = money_round(a[i], s);
	}
	/* Largest remainder: nothing left down outranks anything raised (ties: lower index). */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			bool up_i = out[i] > ref_floor(a[i], d), up_j = out[j] > ref_floor(a[j], d);
			int64_t ki = ranking_key(a[i], d), kj = ranking_key(a[j], d);

			if (up_i && !up_j)
				ck_assert(ki > kj || (ki == kj && i < j));
		}
	}
	if (sum_of(alone, n) == target)
		assert_array_eq(out, alone, n);
}

START_TEST(test_to_total_hits_target)
{
	/* −248 531 600 and −18 283 600 kr: rounded alone −248 532 and −18 284 = −266 816,
	 * but their sum −266 815 200 rounds to −266 815 */
	int64_t a[] = {-248531600, -18283600}, out[2];
	ck_assert(money_round_to_total(a, 2, SCALE_TKR, -266815, out));
	ck_assert_int_eq(out[0] + out[1], -266815);
	ck_assert_int_eq(out[0], -248531);  /* the larger remainder (.4 above the floor) */
	ck_assert_int_eq(out[1], -18284);
	int64_t exact[] = {1000, -2000}, o2[2];
	ck_assert(money_round_to_total(exact, 2, SCALE_TKR, -1, o2));
	ck_assert_int_eq(o2[0], 1);
	ck_assert_int_eq(o2[1], -2);
	ck_assert(!money_round_to_total(exact, 2, SCALE_TKR, 0, o2));  /* whole amounts cannot move */
}
END_TEST

START_TEST(test_to_total_range_and_ties)
{
	/* floors 1 + (−2) + 0 = −1, two amounts with a remainder: targets −1..1 only */
	const int64_t a[] = { 1500, -1500, 0 };
	int64_t out[3];

	ck_assert(!money_round_to_total(a, 3, SCALE_TKR, -2, out));
	ck_assert(!money_round_to_total(a, 3, SCALE_TKR, 2, out));
	ck_assert(!money_round_to_total(a, 3, SCALE_TKR, INT64_MAX, out));
	ck_assert(money_round_to_total(a, 3, SCALE_TKR, -1, out));
	ck_assert_int_eq(out[0], 1);
	ck_assert_int_eq(out[1], -2);
	ck_assert_int_eq(out[2], 0);
	/* equal halves: the positive amount gets the unit first, as money_round would give it */
	ck_assert(money_round_to_total(a, 3, SCALE_TKR, 0, out));
	ck_assert_int_eq(out[0], 2);
	ck_assert_int_eq(out[1], -2);
	ck_assert(money_round_to_total(a, 3, SCALE_TKR, 1, out));
	ck_assert_int_eq(out[0], 2);
	ck_assert_int_eq(out[1], -1);
	/* with money_round(sum) as the target it is money_round_consistent */
	const int64_t b[] = { 1499, 2501, -700, 4400 };
	int64_t c[4], t[4];
	ck_assert(money_round_consistent(b, 4, SCALE_TKR, c));
	ck_assert(money_round_to_total(b, 4, SCALE_TKR, money_round(1499 + 2501 - 700 + 4400,
								    SCALE_TKR), t));
	ck_assert_mem_eq(c, t, sizeof c);
	const int64_t too_much[] = { MONEY_MAX_KR, 1 };
	ck_assert(!money_round_to_total(too_much, 2, SCALE_TKR, MONEY_MAX_KR / 1000, out));
}
END_TEST

START_TEST(test_consistent_properties)
{
	const enum money_scale scales[] = { SCALE_KR, SCALE_TKR, SCALE_MNKR };
	int64_t a[40];

	lcg_state = 20210101;
	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)lcg_range(1, 40);
		enum money_scale s = scales[lcg_range(0, 2)];
		int64_t d = money_scale_divisor(s);

		for (size_t i = 0; i < n; i++) {
			/* Small amounts hit halves and ties often; some rows exact, some zero. */
			switch (lcg_range(0, 4)) {
			case 0: a[i] = lcg_range(-3, 3) * d + (d / 2) * lcg_range(-1, 1); break;
			case 1: a[i] = lcg_range(-5, 5) * d; break;
			case 2: a[i] = lcg_range(-INT64_C(100000000000), INT64_C(100000000000)); break;
			default: a[i] = lcg_range(-3 * d, 3 * d); break;
			}
		}
		check_consistent_properties(a, n, s);
	}
}
END_TEST

/* ---------------------------------------------------------------- periodisation */

static void assert_months(const int64_t got[12], const int64_t want[12])
{
	assert_array_eq(got, want, 12);
}

START_TEST(test_periodise_linear)
{
	const int64_t m1e6[12] = { 83334, 83334, 83334, 83334, 83333, 83333,
				   83333, 83333, 83333, 83333, 83333, 83333 };
	const int64_t mneg[12] = { -83334, -83334, -83334, -83334, -83334, -83333,
				   -83333, -83333, -83333, -83333, -83333, -83333 };
	const int64_t m7[12] = { 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };
	const int64_t mneg5[12] = { -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0 };
	const int64_t m12[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const int64_t m0[12] = { 0 };
	const int64_t fives[12] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	int64_t out[12];

	ck_assert(money_periodise(1000000, NULL, out));
	assert_months(out, m1e6);
	ck_assert(money_periodise(1000000, fives, out));   /* any equal weights are linear */
	assert_months(out, m1e6);
	ck_assert(money_periodise(-1000001, NULL, out));
	assert_months(out, mneg);
	ck_assert_int_eq(sum_of(out, 12), -1000001);
	ck_assert(money_periodise(7, NULL, out));
	assert_months(out, m7);
	ck_assert(money_periodise(-5, NULL, out));
	assert_months(out, mneg5);
	ck_assert(money_periodise(12, NULL, out));
	assert_months(out, m12);
	ck_assert(money_periodise(0, NULL, out));
	assert_months(out, m0);
}
END_TEST

START_TEST(test_periodise_uneven_profiles)
{
	const int64_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const int64_t by_days[12] = { 84932, 76712, 84932, 82192, 84932, 82192,
				      84931, 84931, 82192, 84931, 82192, 84931 };
	const int64_t rising[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	const int64_t by_rising[12] = { -12820, -25641, -38462, -51282, -64103, -76923,
					-89744, -102564, -115385, -128205, -141026, -153846 };
	const int64_t summer[12] = { 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0 };
	const int64_t by_summer[12] = { 0, 0, 0, 0, 0, 34, 33, 33, 0, 0, 0, 0 };
	const int64_t by_summer_neg[12] = { 0, 0, 0, 0, 0, -34, -33, -33, 0, 0, 0, 0 };
	const int64_t december[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 };
	const int64_t by_december[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -999 };
	int64_t out[12];

	ck_assert(money_periodise(1000000, days, out));
	assert_months(out, by_days);
	ck_assert(money_periodise(-1000001, rising, out));
	assert_months(out, by_rising);
	ck_assert(money_periodise(100, summer, out));
	assert_months(out, by_summer);
	ck_assert(money_periodise(-100, summer, out));
	assert_months(out, by_summer_neg);
	ck_assert(money_periodise(-999, december, out));
	assert_months(out, by_december);
}
END_TEST

START_TEST(test_periodise_extremes)
{
	int64_t heavy[12], out[12];

	/* The largest profile total and the largest amounts: exact, no overflow. */
	for (int m = 0; m < 12; m++)
		heavy[m] = MONEY_WEIGHT_TOTAL_MAX / 12 - (m == 0 ? 1 : 0) * 7;
	heavy[11] += 7;
	ck_assert_int_eq(sum_of(heavy, 12), MONEY_WEIGHT_TOTAL_MAX);
	ck_assert(money_periodise(MONEY_MAX_KR, heavy, out));
	ck_assert_int_eq(sum_of(out, 12), MONEY_MAX_KR);
	ck_assert(money_periodise(-MONEY_MAX_KR, heavy, out));
	ck_assert_int_eq(sum_of(out, 12), -MONEY_MAX_KR);
	ck_assert(money_periodise(MONEY_MAX_KR - 1, NULL, out));
	ck_assert_int_eq(sum_of(out, 12), MONEY_MAX_KR - 1);
	ck_assert_int_eq(out[0], 750000000000000);   /* 8 999 999 999 999 999 / 12, + 1 */
	ck_assert_int_eq(out[11], 749999999999999);
}
END_TEST

START_TEST(test_periodise_refusals)
{
	const int64_t zero[12] = { 0 };
	const int64_t negative[12] = { 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1 };
	const int64_t huge_weight[12] = { INT64_MAX, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const int64_t many_max[12] = { INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX,
				       INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX,
				       INT64_MAX, INT64_MAX };
	int64_t too_big[12] = { 0 }, just_right[12] = { 0 }, out[12];

	too_big[3] = MONEY_WEIGHT_TOTAL_MAX;
	too_big[4] = 1;
	just_right[3] = MONEY_WEIGHT_TOTAL_MAX;
	for (int m = 0; m < 12; m++)
		out[m] = SENTINEL;

	ck_assert(!money_periodise(1000, zero, out));
	ck_assert(!money_periodise(1000, negative, out));
	ck_assert(!money_periodise(1000, huge_weight, out));
	ck_assert(!money_periodise(1000, many_max, out));
	ck_assert(!money_periodise(1000, too_big, out));
	ck_assert(!money_periodise(MONEY_MAX_KR + 1, NULL, out));
	ck_assert(!money_periodise(INT64_MIN, NULL, out));
	for (int m = 0; m < 12; m++)
		ck_assert_int_eq(out[m], SENTINEL);

	ck_assert(money_periodise(-1000, just_right, out));
	ck_assert_int_eq(out[3], -1000);
	ck_assert_int_eq(sum_of(out, 12), -1000);
}
END_TEST

/* Exact sums, shares within one krona of exact, and antisymmetry, on generated profiles. */
START_TEST(test_periodise_properties)
{
	int64_t w[12], out[12], neg[12];

	lcg_state = 365;
	for (int round = 0; round < 2000; round++) {
		int64_t annual = lcg_range(-INT64_C(2000000000), INT64_C(2000000000)), total = 0;

		for (int m = 0; m < 12; m++) {
			w[m] = lcg_range(0, 3) == 0 ? 0 : lcg_range(0, 100000);
			total += w[m];
		}
		if (total == 0)
			w[5] = total = 1;
		ck_assert(money_periodise(annual, w, out));
		ck_assert(money_periodise(-annual, w, neg));
		ck_assert_int_eq(sum_of(out, 12), annual);
		for (int m = 0; m < 12; m++) {
			/* |out| is floor or ceil of |annual| × w / total (products fit: < 2e14). */
			int64_t mag = annual < 0 ? -annual : annual;
			int64_t lo = mag * w[m] / total, hi = lo + (mag * w[m] % total != 0);
			int64_t got = out[m] < 0 ? -out[m] : out[m];

			ck_assert(got == lo || got == hi);
			ck_assert(out[m] == 0 || (out[m] < 0) == (annual < 0));
			ck_assert_int_eq(neg[m], -out[m]);
		}
	}
}
END_TEST

/* ---------------------------------------------------------------- deviation */

START_TEST(test_deviation)
{
	/* Seed 001: Resultat ASN 2021, outcome −266 815, budget −262 801. */
	ck_assert_int_eq(money_deviation(-266815, -262801), -4014);
	/* Haninge T1 2017 with costs as the ledger signs them. */
	ck_assert_int_eq(money_deviation(-270870, -274702), 3832);
	ck_assert_int_eq(money_deviation(66122, 61525), 4597);
	ck_assert_int_eq(money_deviation(-MONEY_MAX_KR, MONEY_MAX_KR), -2 * MONEY_MAX_KR);
}
END_TEST

static const struct {
	int64_t deviation, budget;
	double want;
} pct_cases[] = {
	{ -4014, -262801, -1.5 },     /* −1.527 % */
	{ 3832, -274702, 1.4 },       /* 1.395 % */
	{ -2000, -100000, -2.0 },
	{ -2000, 100000, -2.0 },
	{ 0, -5, 0.0 },
	{ -5, 5, -100.0 },
	{ 1, 2000, 0.1 },             /* exactly 0.05 %: half away from zero */
	{ -1, 2000, -0.1 },
	{ -1, -2000, -0.1 },
	{ 1, 2001, 0.0 },             /* 0.04998 % */
	{ -1, 2001, 0.0 },
	{ 1, 3, 33.3 },
	{ 2, 3, 66.7 },
	{ -2, 3, -66.7 },
	{ 7, 1, 700.0 },
	{ 1999, 1000, 199.9 },
	{ 19995, 10000, 200.0 },      /* 199.95 % rounds up across the integer */
	{ -19995, 10000, -200.0 },
	{ 1, MONEY_MAX_KR, 0.0 },
	{ -MONEY_MAX_KR, MONEY_MAX_KR, -100.0 },
};

START_TEST(test_deviation_pct_table)
{
	double pct = -1.0;

	ck_assert(money_deviation_pct(pct_cases[_i].deviation, pct_cases[_i].budget, &pct));
	ck_assert_msg(pct == pct_cases[_i].want, "%lld of %lld: %.17g, want %.17g",
		      (long long)pct_cases[_i].deviation, (long long)pct_cases[_i].budget, pct,
		      pct_cases[_i].want);
}
END_TEST

START_TEST(test_deviation_pct_undefined_and_extreme)
{
	double pct = 42.0;

	ck_assert(!money_deviation_pct(-100, 0, &pct));
	ck_assert(!money_deviation_pct(0, 0, &pct));
	ck_assert(!money_deviation_pct(1, MONEY_MAX_KR + 1, &pct));
	ck_assert(!money_deviation_pct(1, INT64_MIN, &pct));
	ck_assert(pct == 42.0);

	/* An absurd ratio is still a finite, correctly signed number. */
	ck_assert(money_deviation_pct(INT64_MAX, 1, &pct));
	ck_assert(pct > 9.2e20 && pct < 9.3e20);
	ck_assert(money_deviation_pct(INT64_MIN, -1, &pct));
	ck_assert(pct < -9.2e20 && pct > -9.3e20);
}
END_TEST

/* ---------------------------------------------------------------- assessment */

static struct money_assessment assess(int64_t outcome, int64_t budget, int bp)
{
	struct money_assessment a;

	memset(&a, 0x5a, sizeof a);
	ck_assert_msg(money_assess(outcome, budget, bp, &a), "refused %lld/%lld/%d",
		      (long long)outcome, (long long)budget, bp);
	return a;
}

START_TEST(test_assess_cost_budget_edges)
{
	const int64_t b = -100000;
	struct money_assessment a;

	a = assess(b, b, MONEY_YELLOW_BP_DEFAULT);             /* deviation exactly 0 */
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert_int_eq(a.deviation_kr, 0);
	ck_assert(!a.has_next);
	ck_assert_int_eq(a.yellow_limit_kr, 2000);

	a = assess(-99000, b, MONEY_YELLOW_BP_DEFAULT);        /* underspend */
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert_int_eq(a.deviation_kr, 1000);
	ck_assert(!a.has_next);

	a = assess(-100001, b, MONEY_YELLOW_BP_DEFAULT);       /* one krona over */
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert(a.has_next);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert_int_eq(a.next_outcome_kr, -100000);

	a = assess(-102000, b, MONEY_YELLOW_BP_DEFAULT);       /* exactly 2.0 % */
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert_int_eq(a.deviation_kr, -2000);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert_int_eq(a.next_outcome_kr, -100000);

	a = assess(-102001, b, MONEY_YELLOW_BP_DEFAULT);       /* 2.0 % + 1 kr */
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert(a.has_next);
	ck_assert_int_eq(a.next_color, COLOR_YELLOW);
	ck_assert_int_eq(a.next_outcome_kr, -102000);
	ck_assert_int_eq(a.yellow_limit_kr, 2000);
}
END_TEST

START_TEST(test_assess_fractional_limit_and_income)
{
	struct money_assessment a;

	/* 2 % of 100 001 is 2 000.02 kr: 2 000 over is yellow, 2 001 is not. */
	a = assess(-102001, -100001, 200);
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert_int_eq(a.yellow_limit_kr, 2000);
	a = assess(-102002, -100001, 200);
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_outcome_kr, -102001);

	/* An income budget: falling short is the overspend. */
	a = assess(49000, 50000, 200);
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert_int_eq(a.next_outcome_kr, 50000);
	a = assess(48999, 50000, 200);
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_YELLOW);
	ck_assert_int_eq(a.next_outcome_kr, 49000);
	a = assess(50001, 50000, 200);
	ck_assert_int_eq(a.color, COLOR_GREEN);

	/* Seed 001, Resultat ASN 2021: −1.5 %, within 2 %, so yellow (the seed says "Gul"). */
	a = assess(-266815, -262801, MONEY_YELLOW_BP_DEFAULT);
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert_int_eq(a.yellow_limit_kr, 5256);
}
END_TEST

START_TEST(test_assess_empty_yellow_band)
{
	struct money_assessment a;

	a = assess(0, 0, 200);                                 /* budget 0, on budget */
	ck_assert_int_eq(a.color, COLOR_GREEN);
	a = assess(5, 0, 200);
	ck_assert_int_eq(a.color, COLOR_GREEN);
	a = assess(-1, 0, 200);                                /* budget 0, any overspend */
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.yellow_limit_kr, 0);
	ck_assert(a.has_next);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert_int_eq(a.next_outcome_kr, 0);

	a = assess(-50, -49, 200);                             /* 2 % of 49 kr is under 1 kr */
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert_int_eq(a.next_outcome_kr, -49);
	a = assess(-50, -50, 200);
	ck_assert_int_eq(a.color, COLOR_GREEN);
	a = assess(-51, -50, 200);                             /* 2 % of 50 is exactly 1 kr */
	ck_assert_int_eq(a.color, COLOR_YELLOW);

	a = assess(-100001, -100000, 0);                       /* a threshold of 0 % */
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
}
END_TEST

START_TEST(test_assess_extremes_and_refusals)
{
	struct money_assessment a, untouched;

	a = assess(-100, -100, MONEY_YELLOW_BP_MAX);
	ck_assert_int_eq(a.color, COLOR_GREEN);
	a = assess(-200, -100, MONEY_YELLOW_BP_MAX);           /* 100 % over, 100 % band */
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	a = assess(-201, -100, MONEY_YELLOW_BP_MAX);
	ck_assert_int_eq(a.color, COLOR_RED);

	a = assess(-MONEY_MAX_KR, MONEY_MAX_KR, MONEY_YELLOW_BP_MAX);
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.deviation_kr, -2 * MONEY_MAX_KR);
	ck_assert_int_eq(a.yellow_limit_kr, MONEY_MAX_KR);
	ck_assert_int_eq(a.next_outcome_kr, 0);
	a = assess(-MONEY_MAX_KR, MONEY_MAX_KR, 200);
	ck_assert_int_eq(a.yellow_limit_kr, INT64_C(180000000000000));
	ck_assert_int_eq(a.next_outcome_kr, MONEY_MAX_KR - INT64_C(180000000000000));
	a = assess(MONEY_MAX_KR, -MONEY_MAX_KR, 200);
	ck_assert_int_eq(a.color, COLOR_GREEN);

	memset(&untouched, 0x33, sizeof untouched);
	memcpy(&a, &untouched, sizeof a);
	ck_assert(!money_assess(0, 0, -1, &a));
	ck_assert(!money_assess(0, 0, MONEY_YELLOW_BP_MAX + 1, &a));
	ck_assert(!money_assess(MONEY_MAX_KR + 1, 0, 200, &a));
	ck_assert(!money_assess(0, INT64_MIN, 200, &a));
	ck_assert(memcmp(&a, &untouched, sizeof a) == 0);
}
END_TEST

/* Against the rule written the naive way (−deviation × 10 000 ≤ bp × |budget|), small values. */
START_TEST(test_assess_matches_the_rule)
{
	const int bps[] = { 0, 1, 150, 200, 250, 1000, 10000 };

	for (size_t k = 0; k < N_OF(bps); k++) {
		for (int64_t budget = -300; budget <= 300; budget += 7) {
			for (int64_t outcome = budget - 40; outcome <= budget + 5; outcome++) {
				struct money_assessment a = assess(outcome, budget, bps[k]);
				int64_t dev = outcome - budget, mag = budget < 0 ? -budget : budget;
				enum color want = dev >= 0 ? COLOR_GREEN
						  : -dev * 10000 <= bps[k] * mag ? COLOR_YELLOW
										 : COLOR_RED;

				ck_assert_int_eq(a.color, want);
				if (a.has_next) {
					struct money_assessment b =
						assess(a.next_outcome_kr, budget, bps[k]);
					struct money_assessment c =
						assess(a.next_outcome_kr - 1, budget, bps[k]);

					/* The threshold is the least outcome that gives next_color. */
					ck_assert_int_eq(b.color, a.next_color);
					ck_assert_int_ne(c.color, a.next_color);
				}
			}
		}
	}
}
END_TEST

/* ---------------------------------------------------------------- parsing */

static const struct {
	const char *text;
	int64_t want;
} parse_ok[] = {
	{ "0", 0 },
	{ "-0", 0 },
	{ "7", 7 },
	{ "007", 7 },
	{ "+42", 42 },
	{ "1234567", 1234567 },
	{ "-1234567", -1234567 },
	{ "-1 234 567", -1234567 },
	{ "-1\xC2\xA0" "234\xC2\xA0" "567", -1234567 },        /* U+00A0 */
	{ "-1\xE2\x80\xAF" "234\xE2\x80\xAF" "567", -1234567 },/* U+202F */
	{ "1 234\xC2\xA0" "567", 1234567 },                   /* mixed separators */
	{ "\xE2\x88\x92" "1234", -1234 },                     /* U+2212 */
	{ "\xE2\x88\x92" "248 532", -248532 },
	{ "-1234567,00", -1234567 },
	{ "-1234567.00", -1234567 },
	{ "-1 234 567,00", -1234567 },
	{ "1234,0", 1234 },
	{ "12 345", 12345 },
	{ "123 456", 123456 },
	{ " 12 ", 12 },
	{ "\t-5\t", -5 },
	{ "9 000 000 000 000 000", MONEY_MAX_KR },
	{ "-9000000000000000", -MONEY_MAX_KR },
	{ "00000000000000000000000000001", 1 },
};

START_TEST(test_parse_accepts)
{
	int64_t v = SENTINEL;
	const char *err = "untouched";

	ck_assert_msg(money_parse_kr(parse_ok[_i].text, &v, &err), "refused '%s': %s",
		      parse_ok[_i].text, err);
	ck_assert_int_eq(v, parse_ok[_i].want);
	ck_assert_str_eq(err, "untouched");
}
END_TEST

/* Refused forms, each with a word its message must contain. */
static const struct {
	const char *text;
	const char *says;
} parse_bad[] = {
	{ "", "empty" },
	{ "   ", "empty" },
	{ "\t", "empty" },
	{ "-", "sign" },
	{ "+", "sign" },
	{ "\xE2\x88\x92", "sign" },
	{ "- 5", "sign" },
	{ "--5", "sign" },
	{ "-x", "sign" },
	{ "abc", "not an amount" },
	{ "12a", "not an amount" },
	{ "1,2,3", "not an amount" },
	{ "1.234.567", "not an amount" },
	{ "1,00,00", "not an amount" },
	{ ",00", "not an amount" },
	{ "(1234)", "not an amount" },
	{ "1e6", "not an amount" },
	{ "0x10", "not an amount" },
	{ "1 234 kr", "not an amount" },
	{ "\xC2\xA0" "1234", "not an amount" },
	{ "1234\xC2\xA0", "not an amount" },
	{ "1234-", "not an amount" },
	{ "\xEF\xBC\x91\xEF\xBC\x92", "not an amount" },      /* fullwidth digits */
	{ "12,50", "öre" },
	{ "12,5", "öre" },
	{ "-0,01", "öre" },
	{ "1 234,50", "öre" },
	{ "1,000", "one or two digits" },
	{ "1.234", "one or two digits" },
	{ "1234,000", "one or two digits" },
	{ "1234,", "followed by digits" },
	{ "1234.", "followed by digits" },
	{ "1 23 4", "separator" },
	{ "1 23 456", "separator" },                           /* a short middle group */
	{ "12 3456 789", "separator" },
	{ "1234 567", "separator" },
	{ "12 34", "separator" },
	{ "1 2345", "separator" },
	{ "1  234", "separator" },
	{ "1 \xC2\xA0" "234", "separator" },
	{ "1 23,00", "separator" },
	{ "9000000000000001", "range" },
	{ "-9 000 000 000 000 001", "range" },
	{ "99999999999999999999999", "range" },
	{ "\xE2\x88\x92" "9223372036854775808", "range" },
};

START_TEST(test_parse_refuses)
{
	int64_t v = SENTINEL;
	const char *err = NULL;

	ck_assert_msg(!money_parse_kr(parse_bad[_i].text, &v, &err), "accepted '%s' as %lld",
		      parse_bad[_i].text, (long long)v);
	ck_assert_int_eq(v, SENTINEL);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, parse_bad[_i].says) != NULL, "'%s': message '%s' lacks '%s'",
		      parse_bad[_i].text, err, parse_bad[_i].says);
}
END_TEST

START_TEST(test_parse_null_arguments)
{
	int64_t v = SENTINEL;
	const char *err = NULL;

	ck_assert(!money_parse_kr(NULL, &v, &err));
	ck_assert_ptr_nonnull(strstr(err, "empty"));
	ck_assert(!money_parse_kr("12,50", &v, NULL));      /* no message wanted */
	ck_assert(money_parse_kr("-12,00", &v, NULL));
	ck_assert_int_eq(v, -12);
}
END_TEST

/* ---------------------------------------------------------------- suite */

Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc;

	tc = tcase_create("color");
	tcase_add_test(tc, test_color_names_round_trip);
	tcase_add_test(tc, test_color_refusals);
	suite_add_tcase(s, tc);

	tc = tcase_create("round");
	tcase_add_test(tc, test_scale_parse_name_divisor);
	tcase_add_test(tc, test_scale_refusals);
	tcase_add_test(tc, test_round_table);
	tcase_add_test(tc, test_round_is_symmetric_half_away);
	tcase_add_test(tc, test_add);
	suite_add_tcase(s, tc);

	tc = tcase_create("consistent");
	tcase_add_test(tc, test_consistent_fixes_the_seed_table);
	tcase_add_loop_test(tc, test_consistent_table, 0, (int)N_OF(consistent_cases));
	tcase_add_test(tc, test_consistent_empty);
	tcase_add_test(tc, test_consistent_refuses_overflow);
	tcase_add_test(tc, test_consistent_properties);
	tcase_add_test(tc, test_to_total_hits_target);
	tcase_add_test(tc, test_to_total_range_and_ties);
	suite_add_tcase(s, tc);

	tc = tcase_create("periodise");
	tcase_add_test(tc, test_periodise_linear);
	tcase_add_test(tc, test_periodise_uneven_profiles);
	tcase_add_test(tc, test_periodise_extremes);
	tcase_add_test(tc, test_periodise_refusals);
	tcase_add_test(tc, test_periodise_properties);
	suite_add_tcase(s, tc);

	tc = tcase_create("deviation");
	tcase_add_test(tc, test_deviation);
	tcase_add_loop_test(tc, test_deviation_pct_table, 0, (int)N_OF(pct_cases));
	tcase_add_test(tc, test_deviation_pct_undefined_and_extreme);
	suite_add_tcase(s, tc);

	tc = tcase_create("assess");
	tcase_add_test(tc, test_assess_cost_budget_edges);
	tcase_add_test(tc, test_assess_fractional_limit_and_income);
	tcase_add_test(tc, test_assess_empty_yellow_band);
	tcase_add_test(tc, test_assess_extremes_and_refusals);
	tcase_add_test(tc, test_assess_matches_the_rule);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_accepts, 0, (int)N_OF(parse_ok));
	tcase_add_loop_test(tc, test_parse_refuses, 0, (int)N_OF(parse_bad));
	tcase_add_test(tc, test_parse_null_arguments);
	suite_add_tcase(s, tc);

	return s;
}
