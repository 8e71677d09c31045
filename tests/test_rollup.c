/*
 * Unit tests for budget rollups (src/domain/rollup.c), the inheritance of budget settings
 * (src/domain/budget_settings.c) and the money rules they stand on.
 *
 * Everything is built here from hand-made units and facts and read from the domain's plain
 * structs, without a server or JSON: periodisation of annual budgets (linear and by a profile,
 * the twelve months adding up exactly, negative amounts), year-to-date and single-period sums,
 * the latest forecast, last year's outcome, parents as children plus own lines, the settings
 * rule (band and profile inherited apart, the nearest unit winning) and the rollup applying
 * that same rule, the 2 % assessment at its edges with the next better outcome, grouping by
 * activity, the source lines a node may name, the statuses (overflow, invalid input), and
 * presenting: each figure rounded on its own, or consistent (largest remainder) so displayed
 * children and own lines add up to the displayed parent, the deviations of either, and the
 * depth cut.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "folja/budget_settings.h"
#include "folja/rollup.h"
#include "tests.h"

/* The facts and settings below are written positionally; the fields added after them (a
 * fact's forecast cell, a unit's basis) are meant to be zero: no cell, inherited basis. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

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

/* ---------------------------------------------------------------- building */

/* root(1) ─ a(2) ─ a1(4)
 *         └ b(3)                                                                          */
static const struct rollup_unit units[] = {
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
	return q;
}

static struct rollup_input input(const struct rollup_unit *u, size_t nu,
				 const struct rollup_fact *f, size_t nf)
{
	return (struct rollup_input){.units = u, .nunits = nu, .facts = f, .nfacts = nf};
}

/* Builds and presents; both must succeed. */
static struct rollup_node *built(const struct rollup_input *in, const struct rollup_query *q)
{
	enum rollup_status st = ROLLUP_NOMEM;
	struct rollup_node *root = rollup_build(in, q, &st);
	ck_assert_int_eq(st, ROLLUP_OK);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(rollup_present(root, q), ROLLUP_OK);
	return root;
}

static struct rollup_node *child(const struct rollup_node *n, const char *key)
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
		{9, "", 2021, 1, RM_OUTCOME, -7, 1},             /* no such unit: ignored */
	};
	struct rollup_input in = input(units, 4, f, sizeof f / sizeof f[0]);
	struct rollup_query q = query(2021, 1, 4);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a = child(root, "A"), *a1 = child(a, "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.budget_year, -1200000);
	ck_assert_int_eq(a1->total.budget_period, -400000);
	ck_assert_int_eq(a1->total.outcome_period, -250000);
	ck_assert_int_eq(a1->total.forecast_year, -1250000);
	ck_assert_int_eq(a1->total.forecast_month, 4);
	ck_assert_int_eq(a1->total.previous_year_outcome, -300000);
	ck_assert_int_eq(a1->total.previous_lines, 2);
	ck_assert_int_eq(a1->total.lines, 11);  /* every usable fact's, in the period or not */
	ck_assert_int_eq(a1->total.facts, 8);
	ck_assert_int_eq(a->own.budget_period, -50000);
	ck_assert_int_eq(a->total.budget_period, -450000);
	ck_assert_int_eq(a->total.outcome_period, -290000);
	ck_assert(!b->total.has_forecast);
	ck_assert_int_eq(root->total.outcome_period, -289500);
	ck_assert_int_eq(root->total.budget_year, -1250000);
	ck_assert_int_eq(root->total.annual_budget, -1200000);
	ck_assert_int_eq(root->depth, 0);
	ck_assert_int_eq(a1->depth, 2);
	ck_assert_int_eq(a1->unit_id, 4);
	ck_assert_str_eq(a1->name, "A1");
	rollup_free(root);

	/* cumulative=false: April alone */
	q = query(2021, 4, 4);
	root = built(&in, &q);
	ck_assert_int_eq(child(child(root, "A"), "A1")->total.budget_period, -100000);
	ck_assert_int_eq(root->total.outcome_period, 500);
	rollup_free(root);
}
END_TEST

START_TEST(rollup_applies_the_settings_rule)
{
	struct rollup_unit u[4];
	memcpy(u, units, sizeof u);
	/* A: everything in January and a 10 % yellow band; A1 inherits both; B only the root's */
	profile_only_january(&u[1].own);
	u[1].own.yellow_bp = 1000;
	struct rollup_fact f[] = {
		{3, "", 2021, 0, RM_BUDGET, -1000000, 1},
		{3, "", 2021, 1, RM_OUTCOME, -1080000, 1},
		{2, "", 2021, 0, RM_BUDGET, -1200000, 1},
		{2, "", 2021, 1, RM_OUTCOME, -120000, 1},
	};
	/* the root inherits a 3 % band from its parent 99 */
	struct budget_settings_link above[] = {{99, {300, false, {0}}}};
	struct rollup_input in = input(u, 4, f, 4);
	in.ancestors = above;
	in.nancestors = 1;
	struct rollup_query q = query(2021, 1, 1);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.budget_period, -1000000);
	ck_assert_int_eq(a1->settings.yellow_bp, 1000);
	ck_assert_int_eq(a1->settings.yellow_from, 2);
	ck_assert_int_eq(a1->settings.profile_from, 2);
	ck_assert_int_eq(b->total.budget_period, -100000);  /* linear */
	ck_assert_int_eq(b->settings.yellow_bp, 300);
	ck_assert_int_eq(b->settings.yellow_from, 99);
	ck_assert(!b->settings.has_profile);

	/* the same rule as the settings endpoint: A1's line of units folded from the top */
	struct budget_settings_link line[] = {{4, u[3].own}, {2, u[1].own}, {1, u[0].own},
					       above[0]};
	struct budget_effective e;
	budget_settings_effective(line, 4, &e);
	ck_assert_mem_eq(&e, &a1->settings, sizeof e);

	/* 8 % over on a 10 % band: yellow, green from an outcome of the budget itself */
	const struct rollup_display *s = &a1->shown;
	ck_assert(s->assessed);
	ck_assert_int_eq(s->assessment.color, COLOR_YELLOW);
	ck_assert_int_eq(s->assessment.yellow_limit_kr, 100000);
	ck_assert(s->assessment.has_next);
	ck_assert_int_eq(s->assessment.next_color, COLOR_GREEN);
	ck_assert_int_eq(s->assessment.next_outcome_kr, -1000000);
	ck_assert_int_eq(s->next_overspend_kr, 0);
	/* B: 20 % over on the inherited 3 % band is red; yellow from 3 000 kr over */
	ck_assert_int_eq(b->shown.assessment.color, COLOR_RED);
	ck_assert_int_eq(b->shown.assessment.yellow_limit_kr, 3000);
	ck_assert_int_eq(b->shown.assessment.next_color, COLOR_YELLOW);
	ck_assert_int_eq(b->shown.assessment.next_outcome_kr, -103000);
	ck_assert_int_eq(b->shown.next_overspend_kr, 3000);
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
		{3, NULL, 2021, 12, RM_OUTCOME, -2, 1},          /* no activity: its own node */
	};
	struct rollup_unit u[4];
	memcpy(u, units, sizeof u);
	u[0].own.yellow_bp = 400;
	struct rollup_input in = input(u, 4, f, 6);
	struct rollup_query q = query(2021, 1, 12);
	q.group = RG_ACTIVITY;
	q.scale = SCALE_TKR;
	struct rollup_node *root = built(&in, &q);
	ck_assert_uint_eq(root->nchildren, 3);
	ck_assert_str_eq(root->children[0]->key, "");  /* in key order */
	const struct rollup_node *am = child(root, "Arbetsmarknad");
	const struct rollup_node *ig = child(root, "Integration");
	ck_assert_ptr_eq(root->children[2], ig);
	ck_assert_int_eq(am->total.outcome_period, -11364000);  /* over the whole subtree */
	ck_assert_int_eq(am->unit_id, 0);
	ck_assert_str_eq(am->name, "Arbetsmarknad");  /* no code list names it: its code */
	ck_assert_int_eq(am->kind, RK_ACTIVITY);
	ck_assert_ptr_null(root->children[0]->name);   /* lines without an activity */
	ck_assert_int_eq(am->depth, 1);
	ck_assert_int_eq(am->settings.yellow_bp, 400);      /* a group node has the root's */
	ck_assert_int_eq(ig->total.budget_period, -4086000);
	ck_assert_int_eq(root->total.outcome_period, -18285002);
	ck_assert_int_eq(ig->shown.deviation_period, -2835);
	ck_assert_int_eq(ig->shown.assessment.color, COLOR_RED);
	ck_assert_int_eq(ig->shown.assessment.next_color, COLOR_YELLOW);
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
	struct rollup_input in = input(units, 4, f, 2);
	in.lines = lines;
	in.nlines = 3;
	in.lines_loaded = true;
	struct rollup_query q = query(2021, 1, 1);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a = child(root, "A");
	ck_assert_uint_eq(a->nline_ids, 2);         /* A1's lines count for A too */
	ck_assert_int_eq(a->line_ids[1], 72);
	ck_assert(a->lines_listed);
	ck_assert_uint_eq(root->nline_ids, 3);
	ck_assert(root->lines_listed);
	rollup_free(root);

	/* not loaded (too many in the database): counts only */
	in.lines_loaded = false;
	in.lines = NULL;
	in.nlines = 0;
	root = built(&in, &q);
	ck_assert(!root->lines_listed);
	ck_assert_int_eq(root->total.lines, 3);
	rollup_free(root);

	/* more lines than a node names: the first are kept, the node lists none */
	struct rollup_fact many[] = {{3, "", 2021, 1, RM_OUTCOME, -1, ROLLUP_MAX_LINE_IDS + 1}};
	struct rollup_line ml[ROLLUP_MAX_LINE_IDS + 1];
	for (int i = 0; i <= ROLLUP_MAX_LINE_IDS; i++)
		ml[i] = (struct rollup_line){3, "", 100 + i};
	in = input(units, 4, many, 1);
	in.lines = ml;
	in.nlines = ROLLUP_MAX_LINE_IDS + 1;
	in.lines_loaded = true;
	root = built(&in, &q);
	ck_assert_uint_eq(root->nline_ids, ROLLUP_MAX_LINE_IDS);
	ck_assert(!root->lines_listed);
	rollup_free(root);

	/* grouped: a line counts for its key's node and the root */
	struct rollup_fact g[] = {{3, "x", 2021, 1, RM_OUTCOME, -1, 1},
				  {2, "y", 2021, 1, RM_OUTCOME, -1, 1}};
	struct rollup_line gl[] = {{3, "x", 5}, {2, "y", 6}};
	in = input(units, 4, g, 2);
	in.lines = gl;
	in.nlines = 2;
	in.lines_loaded = true;
	q.group = RG_ACCOUNT;
	root = built(&in, &q);
	ck_assert_uint_eq(root->nline_ids, 2);
	ck_assert_uint_eq(child(root, "y")->nline_ids, 1);
	ck_assert_int_eq(child(root, "y")->line_ids[0], 6);
	ck_assert(child(root, "x")->lines_listed);
	rollup_free(root);
}
END_TEST

/* ---------------------------------------------------------------- statuses */

START_TEST(overflow_is_its_own_status)
{
	struct rollup_query q = query(2021, 1, 1);
	enum rollup_status st = ROLLUP_OK;
	/* two units within range, their parent beyond */
	struct rollup_fact up[] = {
		{1, "", 2021, 1, RM_OUTCOME, MONEY_MAX_KR, 1},
		{2, "", 2021, 1, RM_OUTCOME, MONEY_MAX_KR, 1},
	};
	struct rollup_input in = input(units, 4, up, 2);
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_OVERFLOW);
	/* within one bucket */
	struct rollup_fact one[] = {
		{3, "", 2021, 1, RM_BUDGET, -MONEY_MAX_KR, 1},
		{3, "", 2021, 2, RM_BUDGET, -1, 1},
	};
	in = input(units, 4, one, 2);
	st = ROLLUP_OK;
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_OVERFLOW);
	/* grouped: two keys within range, the root beyond */
	struct rollup_fact keys[] = {
		{3, "x", 2021, 1, RM_FORECAST, MONEY_MAX_KR, 1},
		{3, "y", 2021, 1, RM_FORECAST, 1, 1},
	};
	in = input(units, 4, keys, 2);
	q.group = RG_ACTIVITY;
	st = ROLLUP_OK;
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_OVERFLOW);
	/* last year's outcome counts as much */
	struct rollup_fact prev[] = {
		{3, "", 2020, 1, RM_OUTCOME, MONEY_MAX_KR, 1},
		{2, "", 2020, 1, RM_OUTCOME, 1, 1},
	};
	in = input(units, 4, prev, 2);
	q.group = RG_UNIT;
	st = ROLLUP_OK;
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_OVERFLOW);
	/* at the edge of the range everything is still there */
	struct rollup_fact edge[] = {{3, "", 2021, 1, RM_OUTCOME, -MONEY_MAX_KR, 1}};
	in = input(units, 4, edge, 1);
	struct rollup_node *root = built(&in, &q);
	ck_assert_int_eq(root->shown.outcome_period, -MONEY_MAX_KR);
	ck_assert_int_eq(root->shown.deviation_period, -MONEY_MAX_KR);
	rollup_free(root);
}
END_TEST

START_TEST(invalid_input_is_refused)
{
	struct rollup_query q = query(2021, 1, 12);
	enum rollup_status st = ROLLUP_OK;
	struct rollup_input in = input(units, 0, NULL, 0);
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_INVALID);
	/* a child before its parent */
	struct rollup_unit bad[] = {{1, -1, "R", "R", NONE}, {2, 2, "X", "X", NONE},
				    {3, 0, "Y", "Y", NONE}};
	in = input(bad, 3, NULL, 0);
	st = ROLLUP_OK;
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_INVALID);
	/* a profile periodisation refuses (all weights 0) under an annual budget */
	struct rollup_unit zero[1] = {{1, -1, "R", "R", {200, true, {0}}}};
	struct rollup_fact f[] = {{0, "", 2021, 0, RM_BUDGET, -1200, 1}};
	in = input(zero, 1, f, 1);
	st = ROLLUP_OK;
	ck_assert_ptr_null(rollup_build(&in, &q, &st));
	ck_assert_int_eq(st, ROLLUP_INVALID);
	/* ... but without an annual budget the profile is never used */
	f[0].month = 3;
	struct rollup_node *root = built(&in, &q);
	ck_assert_int_eq(root->total.budget_period, -1200);
	rollup_free(root);
}
END_TEST

/* ---------------------------------------------------------------- presenting */

START_TEST(present_each_figure_on_its_own)
{
	struct rollup_fact f[] = {
		{3, "", 2021, 1, RM_BUDGET, -1000500, 1},
		{3, "", 2021, 1, RM_OUTCOME, -1001499, 1},
		{3, "", 2021, 1, RM_FORECAST, -12000600, 1},
		{3, "", 2021, 0, RM_BUDGET, -12000000, 1},
		{3, "", 2020, 1, RM_OUTCOME, -900400, 1},
	};
	struct rollup_input in = input(units, 4, f, 5);
	struct rollup_query q = query(2021, 1, 1);
	q.scale = SCALE_TKR;
	struct rollup_node *root = built(&in, &q);
	const struct rollup_display *s = &child(child(root, "A"), "A1")->shown;
	ck_assert(s->shown);
	/* budget: −1 000 500 + 1 000 000 (January of −12 000 000) = −2 000 500 → −2 001 */
	ck_assert_int_eq(s->budget_period, -2001);
	ck_assert_int_eq(s->outcome_period, -1001);
	ck_assert_int_eq(s->budget_year, -13001);
	/* differences of kronor, rounded: 999 001 kr → 999 tkr (not −1 001 − −2 001 = 1 000) */
	ck_assert_int_eq(s->deviation_period, 999);
	ck_assert(s->has_pct);
	ck_assert_double_eq_tol(s->deviation_pct, 49.9, 1e-9);
	ck_assert(s->has_forecast);
	ck_assert_int_eq(s->forecast_year, -12001);
	ck_assert_int_eq(s->forecast_deviation, 1000);  /* −12 000 600 − −13 000 500 = 999 900 */
	ck_assert(s->has_previous);
	ck_assert_int_eq(s->previous_year_outcome, -900);
	ck_assert_int_eq(s->change, -101);              /* −1 001 499 − −900 400 = −101 099 */
	ck_assert(s->assessed);
	ck_assert_int_eq(s->assessment.color, COLOR_GREEN);
	ck_assert_int_eq(s->assessment.deviation_kr, 999001);
	/* B has nothing: no percentage (budget 0), no forecast, no last year, not assessed */
	const struct rollup_display *b = &child(root, "B")->shown;
	ck_assert(b->shown);
	ck_assert(!b->has_pct);
	ck_assert(!b->has_forecast);
	ck_assert(!b->has_previous);
	ck_assert(!b->assessed);
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
	struct rollup_input in = input(u, 4, f, 4);
	struct rollup_query q = query(2021, 1, 1);
	q.scale = SCALE_TKR;
	q.consistent = true;
	struct rollup_node *root = built(&in, &q);
	ck_assert_int_eq(root->shown.outcome_period, -2);
	/* remainders above the floor of −1 tkr: X 600, Y 550, Z 650, own 600; the two units
	 * needed to go from −4 to −2 go to Z, then X (the lower index of the two 600s) */
	ck_assert_int_eq(root->children[0]->shown.outcome_period, 0);
	ck_assert_int_eq(root->children[1]->shown.outcome_period, -1);
	ck_assert_int_eq(root->children[2]->shown.outcome_period, 0);
	/* the deviation is then the difference of what is printed */
	ck_assert_int_eq(root->children[1]->shown.deviation_period, -1);

	/* each on its own, presented again on the same tree: none shows a krona */
	q.consistent = false;
	ck_assert_int_eq(rollup_present(root, &q), ROLLUP_OK);
	for (size_t i = 0; i < root->nchildren; i++) {
		ck_assert_int_eq(root->children[i]->shown.outcome_period, 0);
		ck_assert_int_eq(root->children[i]->shown.deviation_period, 0);
	}
	rollup_free(root);
}
END_TEST

/* A small generator (xorshift), so the property below is the same on every run. */
static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Every shown parent's displayed figure less its children's is its own lines' amount rounded
 * down or up: a printed table adds up, whatever the amounts. */
static void check_adds_up(const struct rollup_node *nd, enum money_scale s)
{
	if (nd->nchildren == 0 || !nd->children[0]->shown.shown)
		return;
	int64_t d = money_scale_divisor(s);
	int64_t own_kr = nd->total.outcome_period, kids = 0;
	for (size_t i = 0; i < nd->nchildren; i++) {
		own_kr -= nd->children[i]->total.outcome_period;
		kids += nd->children[i]->shown.outcome_period;
		check_adds_up(nd->children[i], s);
	}
	int64_t own_shown = nd->shown.outcome_period - kids;
	ck_assert_int_ge(own_shown * d, own_kr - d + 1);
	ck_assert_int_le(own_shown * d, own_kr + d - 1);
	/* what has no lines of its own is its children's exact sum */
	if (own_kr == 0)
		ck_assert_int_eq(own_shown, 0);
}

START_TEST(consistent_rounding_property)
{
	/* R ─ A ─ A1, A2; R ─ B ─ B1 ─ B11 */
	static const struct rollup_unit tree[] = {
		{1, -1, "R", "R", NONE}, {2, 0, "A", "A", NONE}, {3, 1, "A1", "A1", NONE},
		{4, 1, "A2", "A2", NONE}, {5, 0, "B", "B", NONE}, {6, 4, "B1", "B1", NONE},
		{7, 5, "B11", "B11", NONE},
	};
	uint64_t x = 88172645463325252u;
	for (int round = 0; round < 200; round++) {
		struct rollup_fact f[7];
		size_t n = 0;
		for (int u = 0; u < 7; u++)
			if (next_random(&x) % 3 != 0)  /* some units have no lines of their own */
				f[n++] = (struct rollup_fact){u, "", 2021, 1, RM_OUTCOME,
					(int64_t)(next_random(&x) % 4000000) - 2000000, 1};
		struct rollup_input in = input(tree, 7, f, n);
		struct rollup_query q = query(2021, 1, 1);
		q.scale = round % 2 ? SCALE_TKR : SCALE_MNKR;
		q.consistent = true;
		struct rollup_node *root = built(&in, &q);
		ck_assert_int_eq(root->shown.outcome_period,
				 money_round(root->total.outcome_period, q.scale));
		check_adds_up(root, q.scale);
		rollup_free(root);
	}
}
END_TEST

START_TEST(depth_cuts_children)
{
	struct rollup_query q = query(2021, 1, 12);
	q.depth = 1;
	struct rollup_input in = input(units, 4, NULL, 0);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a = child(root, "A"), *a1 = child(a, "A1");
	ck_assert(root->shown.shown);
	ck_assert(a->shown.shown);
	ck_assert(!a1->shown.shown);
	/* no lines at all: not assessed, rather than a green that reads as "on budget" */
	ck_assert(!a->shown.assessed);
	/* depth 0: the root alone; all levels again: everything shown */
	q.depth = 0;
	ck_assert_int_eq(rollup_present(root, &q), ROLLUP_OK);
	ck_assert(!a->shown.shown);
	ck_assert(!a1->shown.shown);
	q.depth = -1;
	ck_assert_int_eq(rollup_present(root, &q), ROLLUP_OK);
	ck_assert(a1->shown.shown);
	rollup_free(root);
	rollup_free(NULL);
}
END_TEST

Suite *rollup_suite(void)
{
	Suite *s = suite_create("rollup");
	TCase *money = tcase_create("money");
	tcase_add_test(money, periodise_linear_adds_up);
	tcase_add_test(money, periodise_profile_adds_up);
	tcase_add_test(money, assessment_edges);
	suite_add_tcase(s, money);
	TCase *settings = tcase_create("settings");
	tcase_add_test(settings, settings_default_and_own);
	tcase_add_test(settings, settings_band_and_profile_inherit_apart);
	tcase_add_test(settings, settings_effective_nearest_wins);
	suite_add_tcase(s, settings);
	TCase *build = tcase_create("build");
	tcase_add_test(build, sums_periods_forecast_previous);
	tcase_add_test(build, rollup_applies_the_settings_rule);
	tcase_add_test(build, group_by_activity);
	tcase_add_test(build, source_line_ids);
	tcase_add_test(build, overflow_is_its_own_status);
	tcase_add_test(build, invalid_input_is_refused);
	suite_add_tcase(s, build);
	TCase *present = tcase_create("present");
	tcase_add_test(present, present_each_figure_on_its_own);
	tcase_add_test(present, consistent_rounding_adds_up);
	tcase_add_test(present, consistent_rounding_property);
	tcase_add_test(present, depth_cuts_children);
	suite_add_tcase(s, present);
	return s;
}
