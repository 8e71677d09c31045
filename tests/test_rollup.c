/*
 * Unit tests for budget rollups (src/domain/rollup.c) and the money rules they stand on.
 *
 * The rollup is built here from hand-made units and facts, without a server: periodisation of
 * annual budgets (linear and by a profile, the twelve months adding up exactly, negative
 * amounts), year-to-date and single-period sums, the latest forecast, last year's outcome,
 * parents as children plus own lines, the settings rule (band and profile inherited apart,
 * the nearest unit winning) and the rollup applying it down the tree, the 2 % assessment at
 * its edges with the next better outcome in the explain, grouping by activity, and rounding:
 * each figure on its own, and consistent (largest remainder) so displayed children and own
 * lines add up to the displayed parent.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "folja/budget_settings.h"
#include "folja/rollup.h"
#include "tests.h"

/* ---------------------------------------------------------------- money rules */

START_TEST(periodise_linear_adds_up)
{
	static const int64_t annuals[] = {1000000, -1000000, 11, -11, 0, 7, 262801000,
					  -245356001, 9000000000000000};
	for (size_t i = 0; i < sizeof annuals / sizeof annuals[0]; i++) {
		int64_t m[12], sum = 0;
		ck_assert(money_periodise(annuals[i], NULL, m));
		for (int k = 0; k < 12; k++) {
			sum += m[k];
			/* each month within one krona of the exact share */
			int64_t lo = annuals[i] / 12 - 1, hi = annuals[i] / 12 + 1;
			ck_assert_int_ge(m[k], lo);
			ck_assert_int_le(m[k], hi);
		}
		ck_assert_int_eq(sum, annuals[i]);
	}
	int64_t m[12];
	ck_assert(money_periodise(1000000, NULL, m));
	ck_assert_int_eq(m[0], 83334);
	ck_assert_int_eq(m[3], 83334);
	ck_assert_int_eq(m[4], 83333);
	ck_assert(money_periodise(-1000000, NULL, m));
	ck_assert_int_eq(m[0], -83334);
	ck_assert_int_eq(m[11], -83333);
}
END_TEST

START_TEST(periodise_profile_adds_up)
{
	/* summer weeks cost less: a profile like a home-care unit's */
	static const int64_t w[12] = {9, 8, 9, 9, 9, 7, 4, 5, 9, 9, 9, 13};
	int64_t m[12], sum = 0;
	ck_assert(money_periodise(-3333333, w, m));
	for (int k = 0; k < 12; k++)
		sum += m[k];
	ck_assert_int_eq(sum, -3333333);
	ck_assert_int_lt(-m[6], -m[0]);  /* July costs less than January */
	static const int64_t zero[12] = {0};
	ck_assert(!money_periodise(100, zero, m));
}
END_TEST

START_TEST(assessment_edges)
{
	struct money_assessment a;
	/* seed 001: ASN −4 014 on −262 801 tkr is 1.5 % → gul */
	ck_assert(money_assess(-266815000, -262801000, 200, &a));
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert(a.has_next);
	ck_assert_int_eq(a.next_color, COLOR_GREEN);
	ck_assert_int_eq(a.next_outcome_kr, -262801000);
	/* exactly 2 % is yellow, one krona more is red */
	ck_assert(money_assess(-1020000, -1000000, 200, &a));
	ck_assert_int_eq(a.color, COLOR_YELLOW);
	ck_assert(money_assess(-1020001, -1000000, 200, &a));
	ck_assert_int_eq(a.color, COLOR_RED);
	ck_assert_int_eq(a.next_color, COLOR_YELLOW);
	ck_assert_int_eq(a.next_outcome_kr, -1020000);
	/* a surplus is green with nothing better */
	ck_assert(money_assess(-11363000, -13359000, 200, &a));
	ck_assert_int_eq(a.color, COLOR_GREEN);
	ck_assert(!a.has_next);
	double pct;
	ck_assert(money_deviation_pct(-4014000, -262801000, &pct));
	ck_assert_double_eq_tol(pct, -1.5, 1e-9);
	ck_assert(!money_deviation_pct(5, 0, &pct));
}
END_TEST

/* ---------------------------------------------------------------- settings rule */

#define NONE {-1, false, {0}}

static void profile_only_january(struct budget_settings *s)
{
	s->has_profile = true;
	memset(s->profile, 0, sizeof s->profile);
	s->profile[0] = 1;
}

START_TEST(settings_default_and_own)
{
	struct budget_effective top, e;
	budget_settings_default(&top);
	ck_assert_int_eq(top.yellow_bp, MONEY_YELLOW_BP_DEFAULT);
	ck_assert_int_eq(top.yellow_from, 0);
	ck_assert(!top.has_profile);
	ck_assert_int_eq(top.profile_from, 0);

	/* no settings: the parent's, unchanged */
	struct budget_settings none = NONE;
	budget_settings_inherit(&top, 7, &none, &e);
	ck_assert_mem_eq(&e, &top, sizeof e);

	/* a band of its own and a profile of its own, both named after the unit */
	struct budget_settings own = {350, false, {0}};
	profile_only_january(&own);
	budget_settings_inherit(&top, 7, &own, &e);
	ck_assert_int_eq(e.yellow_bp, 350);
	ck_assert_int_eq(e.yellow_from, 7);
	ck_assert(e.has_profile);
	ck_assert_int_eq(e.profile_from, 7);
	ck_assert_int_eq(e.profile[0], 1);
	ck_assert_int_eq(e.profile[11], 0);

	/* a band of 0 bp is a setting (any overspend red), not "none" */
	struct budget_settings zero = {0, false, {0}};
	budget_settings_inherit(&top, 8, &zero, &e);
	ck_assert_int_eq(e.yellow_bp, 0);
	ck_assert_int_eq(e.yellow_from, 8);
}
END_TEST

START_TEST(settings_band_and_profile_inherit_apart)
{
	struct budget_effective parent, e;
	struct budget_settings p = {500, false, {0}};
	profile_only_january(&p);
	budget_settings_default(&parent);
	budget_settings_inherit(&parent, 2, &p, &parent);  /* out may be parent */
	ck_assert_int_eq(parent.yellow_from, 2);

	/* a band without a profile keeps the profile from above */
	struct budget_settings band = {100, false, {0}};
	budget_settings_inherit(&parent, 3, &band, &e);
	ck_assert_int_eq(e.yellow_bp, 100);
	ck_assert_int_eq(e.yellow_from, 3);
	ck_assert(e.has_profile);
	ck_assert_int_eq(e.profile_from, 2);
	ck_assert_int_eq(e.profile[0], 1);

	/* a profile without a band (not stored today, but the rule is apart) keeps the band */
	struct budget_settings prof = {-1, true, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}};
	budget_settings_inherit(&parent, 4, &prof, &e);
	ck_assert_int_eq(e.yellow_bp, 500);
	ck_assert_int_eq(e.yellow_from, 2);
	ck_assert_int_eq(e.profile_from, 4);
	ck_assert_int_eq(e.profile[11], 1);
}
END_TEST

START_TEST(settings_effective_nearest_wins)
{
	struct budget_effective e;
	budget_settings_effective(NULL, 0, &e);
	ck_assert_int_eq(e.yellow_bp, MONEY_YELLOW_BP_DEFAULT);
	ck_assert_int_eq(e.yellow_from, 0);
	ck_assert(!e.has_profile);

	/* the unit (none), its parent 20 (band only), 10 (band and profile), 1 (band and profile):
	 * the band of the nearest with settings, the profile of the nearest with a profile */
	struct budget_settings_link line[] = {
		{30, NONE},
		{20, {150, false, {0}}},
		{10, {300, true, {2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2}}},
		{1, {900, true, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}},
	};
	budget_settings_effective(line, 4, &e);
	ck_assert_int_eq(e.yellow_bp, 150);
	ck_assert_int_eq(e.yellow_from, 20);
	ck_assert(e.has_profile);
	ck_assert_int_eq(e.profile_from, 10);
	ck_assert_int_eq(e.profile[6], 1);
	/* what unit 30 inherits is the same as the effective settings of its ancestors alone */
	struct budget_effective above;
	budget_settings_effective(line + 1, 3, &above);
	ck_assert_mem_eq(&above, &e, sizeof e);
	/* the farthest alone */
	budget_settings_effective(line + 3, 1, &e);
	ck_assert_int_eq(e.yellow_bp, 900);
	ck_assert_int_eq(e.profile_from, 1);
}
END_TEST

/* ---------------------------------------------------------------- rollups */

/* root(1) ─ a(2) ─ a1(4)
 *         └ b(3)                                                                          */
static struct rollup_unit units[] = {
	{1, -1, "R", "Root", NONE},
	{2, 0, "A", "A", NONE},
	{3, 0, "B", "B", NONE},
	{4, 1, "A1", "A1", NONE},
};

static struct rollup_query query(int year, int first, int last)
{
	struct rollup_query q;
	memset(&q, 0, sizeof q);
	q.year = year;
	q.first_month = first;
	q.last_month = last;
	q.cumulative = first == 1;
	snprintf(q.period, sizeof q.period, "%d-%02d", year, last);
	q.depth = -1;
	q.scale = SCALE_KR;
	budget_settings_default(&q.inherited);
	return q;
}

static const struct rollup_node *child(const struct rollup_node *n, const char *key)
{
	for (size_t i = 0; i < n->nchildren; i++)
		if (strcmp(n->children[i]->key, key) == 0)
			return n->children[i];
	ck_abort_msg("no child %s", key);
	return NULL;
}

START_TEST(sums_periods_forecast_previous)
{
	struct rollup_fact f[] = {
		{3, "", 2021, 0, RM_BUDGET, -1200000, 1},        /* A1 annual, linear */
		{3, "", 2021, 2, RM_OUTCOME, -250000, 3},
		{3, "", 2021, 5, RM_OUTCOME, -999, 1},           /* after April: not in T1 */
		{3, "", 2021, 3, RM_FORECAST, -1300000, 1},
		{3, "", 2021, 4, RM_FORECAST, -1250000, 1},      /* the latest up to April wins */
		{3, "", 2021, 6, RM_FORECAST, -9999999, 1},      /* made after the period */
		{3, "", 2020, 4, RM_OUTCOME, -300000, 2},
		{3, "", 2020, 9, RM_OUTCOME, -1, 1},             /* outside Jan–Apr last year */
		{1, "", 2021, 1, RM_BUDGET, -50000, 1},          /* A's own monthly lines */
		{1, "", 2021, 1, RM_OUTCOME, -40000, 1},
		{2, "", 2021, 4, RM_OUTCOME, 500, 1},            /* B: income, no budget */
		{0, "", 2019, 1, RM_OUTCOME, -7, 1},             /* another year: ignored */
	};
	struct rollup_query q = query(2021, 1, 4);
	struct rollup_node *root = rollup_build(units, 4, f, sizeof f / sizeof f[0], &q);
	ck_assert_ptr_nonnull(root);
	const struct rollup_node *a = child(root, "A"), *a1 = child(a, "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.budget_year, -1200000);
	ck_assert_int_eq(a1->total.budget_period, -400000);
	ck_assert_int_eq(a1->total.outcome_period, -250000);
	ck_assert_int_eq(a1->total.forecast_year, -1250000);
	ck_assert_int_eq(a1->total.forecast_month, 4);
	ck_assert_int_eq(a1->total.previous_year_outcome, -300000);
	ck_assert_int_eq(a->own.budget_period, -50000);
	ck_assert_int_eq(a->total.budget_period, -450000);
	ck_assert_int_eq(a->total.outcome_period, -290000);
	ck_assert(!b->total.has_forecast);
	ck_assert_int_eq(root->total.outcome_period, -289500);
	ck_assert_int_eq(root->total.budget_year, -1250000);
	ck_assert_int_eq(root->total.annual_budget, -1200000);
	rollup_free(root);

	/* cumulative=false: April alone */
	q = query(2021, 4, 4);
	root = rollup_build(units, 4, f, sizeof f / sizeof f[0], &q);
	ck_assert_int_eq(child(child(root, "A"), "A1")->total.budget_period, -100000);
	ck_assert_int_eq(root->total.outcome_period, 500);
	rollup_free(root);
}
END_TEST

START_TEST(profile_and_threshold_inherit)
{
	struct rollup_unit u[4];
	memcpy(u, units, sizeof u);
	/* A: everything in January and a 10 % yellow band; A1 inherits both */
	profile_only_january(&u[1].own);
	u[1].own.yellow_bp = 1000;
	struct rollup_fact f[] = {
		{3, "", 2021, 0, RM_BUDGET, -1000000, 1},
		{3, "", 2021, 1, RM_OUTCOME, -1080000, 1},
		{2, "", 2021, 0, RM_BUDGET, -1200000, 1},
		{2, "", 2021, 1, RM_OUTCOME, -120000, 1},
	};
	struct rollup_query q = query(2021, 1, 1);
	struct rollup_node *root = rollup_build(u, 4, f, 4, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.budget_period, -1000000);
	ck_assert_int_eq(a1->yellow_bp, 1000);
	ck_assert_int_eq(a1->yellow_from_unit, 2);
	ck_assert_int_eq(b->total.budget_period, -100000);  /* linear */
	ck_assert_int_eq(b->yellow_bp, 200);

	json_t *j = rollup_to_json(root, &q);
	json_t *ja = json_array_get(json_object_get(json_object_get(j, "root"), "children"), 0);
	json_t *ja1 = json_array_get(json_object_get(ja, "children"), 0);
	/* 8 % over on a 10 % band: yellow, and the explain names where the band comes from */
	json_t *as = json_object_get(ja1, "assessment");
	ck_assert_str_eq(json_string_value(json_object_get(as, "color")), "gul");
	json_t *th = json_object_get(json_object_get(as, "explain"), "thresholds");
	ck_assert_int_eq(json_integer_value(json_object_get(th, "set_on_unit_id")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(th, "yellow_limit_kr")), 100000);
	json_t *next = json_object_get(json_object_get(as, "explain"), "next_better");
	ck_assert_str_eq(json_string_value(json_object_get(next, "color")), "gron");
	ck_assert_int_eq(json_integer_value(json_object_get(next, "outcome_period_kr_at_least")),
			 -1000000);
	json_decref(j);
	rollup_free(root);
}
END_TEST

START_TEST(group_by_activity)
{
	struct rollup_fact f[] = {
		{0, "Arbetsmarknad", 2021, 0, RM_BUDGET, -13359000, 1},
		{0, "Arbetsmarknad", 2021, 12, RM_OUTCOME, -11363000, 1},
		{2, "Integration", 2021, 0, RM_BUDGET, -4086000, 1},
		{2, "Integration", 2021, 12, RM_OUTCOME, -6921000, 1},
		{3, "Arbetsmarknad", 2021, 12, RM_OUTCOME, -1000, 1},
	};
	struct rollup_query q = query(2021, 1, 12);
	q.group = RG_ACTIVITY;
	q.scale = SCALE_TKR;
	struct rollup_node *root = rollup_build(units, 4, f, 5, &q);
	ck_assert_uint_eq(root->nchildren, 2);
	const struct rollup_node *am = child(root, "Arbetsmarknad"), *in = child(root, "Integration");
	ck_assert_int_eq(am->total.outcome_period, -11364000);  /* over the whole subtree */
	ck_assert_int_eq(in->total.budget_period, -4086000);
	ck_assert_int_eq(root->total.outcome_period, -18285000);
	json_t *j = rollup_to_json(root, &q);
	json_t *kids = json_object_get(json_object_get(j, "root"), "children");
	json_t *k1 = json_array_get(kids, 1);
	ck_assert_str_eq(json_string_value(json_object_get(k1, "key")), "Integration");
	ck_assert_int_eq(json_integer_value(json_object_get(k1, "deviation_period")), -2835);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(k1, "assessment"),
							   "color")), "rod");
	json_decref(j);
	rollup_free(root);
}
END_TEST

START_TEST(source_line_ids)
{
	struct rollup_fact f[] = {
		{3, "", 2021, 1, RM_OUTCOME, -10, 2},
		{2, "", 2021, 1, RM_OUTCOME, -5, 1},
	};
	struct rollup_line lines[] = {{3, "", 71}, {3, "", 72}, {2, "", 90}};
	struct rollup_query q = query(2021, 1, 1);
	q.lines = lines;
	q.nlines = 3;
	q.lines_loaded = true;
	struct rollup_node *root = rollup_build(units, 4, f, 2, &q);
	const struct rollup_node *a = child(root, "A");
	ck_assert_uint_eq(a->nline_ids, 2);         /* A1's lines count for A too */
	ck_assert_int_eq(a->line_ids[1], 72);
	ck_assert_uint_eq(root->nline_ids, 3);
	json_t *j = rollup_to_json(root, &q);
	json_t *src = json_object_get(json_object_get(json_object_get(json_object_get(j, "root"),
		"assessment"), "explain"), "sources");
	ck_assert_str_eq(json_string_value(json_object_get(src, "kind")), "lines");
	ck_assert_uint_eq(json_array_size(json_object_get(src, "line_ids")), 3);
	json_decref(j);
	/* not loaded (too many in the database): counts only */
	q.lines_loaded = false;
	j = rollup_to_json(root, &q);
	src = json_object_get(json_object_get(json_object_get(json_object_get(j, "root"),
		"assessment"), "explain"), "sources");
	ck_assert_str_eq(json_string_value(json_object_get(src, "kind")), "aggregate");
	ck_assert_int_eq(json_integer_value(json_object_get(src, "lines")), 3);
	json_decref(j);
	rollup_free(root);
}
END_TEST

START_TEST(consistent_rounding_adds_up)
{
	/* three children of 400 kr and own lines of 400: each rounds to 0 tkr on its own, but
	 * the parent's 1 600 kr shows as 2 tkr, so two of them must show 1 */
	struct rollup_unit u[] = {
		{1, -1, "R", "R", NONE},
		{2, 0, "X", "X", NONE},
		{3, 0, "Y", "Y", NONE},
		{4, 0, "Z", "Z", NONE},
	};
	struct rollup_fact f[] = {
		{0, "", 2021, 1, RM_OUTCOME, -400, 1},
		{1, "", 2021, 1, RM_OUTCOME, -400, 1},
		{2, "", 2021, 1, RM_OUTCOME, -450, 1},
		{3, "", 2021, 1, RM_OUTCOME, -350, 1},
	};
	struct rollup_query q = query(2021, 1, 1);
	q.scale = SCALE_TKR;
	q.consistent = true;
	struct rollup_node *root = rollup_build(u, 4, f, 4, &q);
	json_t *j = rollup_to_json(root, &q);
	json_t *r = json_object_get(j, "root");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "outcome_period")), -2);
	/* remainders above the floor of −1 tkr: X 600, Y 550, Z 650, own 600; the two units
	 * needed to go from −4 to −2 go to Z, then X (the lower index of the two 600s) */
	json_t *kids = json_object_get(r, "children");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(kids, 0),
							    "outcome_period")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(kids, 1),
							    "outcome_period")), -1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(kids, 2),
							    "outcome_period")), 0);
	size_t i;
	json_t *c;
	json_decref(j);

	q.consistent = false;
	j = rollup_to_json(root, &q);
	json_array_foreach(json_object_get(json_object_get(j, "root"), "children"), i, c)
		ck_assert_int_eq(json_integer_value(json_object_get(c, "outcome_period")), 0);
	json_decref(j);

	json_t *rows = rollup_to_rows(root, &q);
	ck_assert_uint_eq(json_array_size(rows), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(rows, 1), "depth")), 1);
	json_decref(rows);
	rollup_free(root);
}
END_TEST

START_TEST(overflow_is_refused)
{
	struct rollup_fact f[] = {
		{1, "", 2021, 1, RM_OUTCOME, MONEY_MAX_KR, 1},
		{2, "", 2021, 1, RM_OUTCOME, MONEY_MAX_KR, 1},
	};
	struct rollup_query q = query(2021, 1, 1);
	ck_assert_ptr_null(rollup_build(units, 4, f, 2, &q));
}
END_TEST

START_TEST(depth_cuts_children)
{
	struct rollup_query q = query(2021, 1, 12);
	q.depth = 1;
	struct rollup_node *root = rollup_build(units, 4, NULL, 0, &q);
	json_t *j = rollup_to_json(root, &q);
	json_t *a = json_array_get(json_object_get(json_object_get(j, "root"), "children"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(a, "children")), 0);
	/* No lines at all: not assessed, rather than a green that reads as "on budget". */
	ck_assert(json_is_null(json_object_get(json_object_get(a, "assessment"), "color")));
	json_decref(j);
	rollup_free(root);
}
END_TEST

Suite *rollup_suite(void)
{
	Suite *s = suite_create("rollup");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, periodise_linear_adds_up);
	tcase_add_test(tc, periodise_profile_adds_up);
	tcase_add_test(tc, assessment_edges);
	tcase_add_test(tc, settings_default_and_own);
	tcase_add_test(tc, settings_band_and_profile_inherit_apart);
	tcase_add_test(tc, settings_effective_nearest_wins);
	tcase_add_test(tc, sums_periods_forecast_previous);
	tcase_add_test(tc, profile_and_threshold_inherit);
	tcase_add_test(tc, group_by_activity);
	tcase_add_test(tc, consistent_rounding_adds_up);
	tcase_add_test(tc, source_line_ids);
	tcase_add_test(tc, overflow_is_refused);
	tcase_add_test(tc, depth_cuts_children);
	suite_add_tcase(s, tc);
	return s;
}
