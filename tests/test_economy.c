/*
 * Unit tests for the economy beyond the operating budget (include/folja/economy.h and what
 * the rollup does with it, src/domain/rollup*.c), without a server or JSON.
 *
 * The rules on their own: code lists (lookup, varav folded into its account, every way a
 * hierarchy can break), a ledger cell's latest and previous forecast in any order, coverage,
 * the share of an investment spent, and the budget frame summed per decision.  Then the
 * rollup: forecasts chosen per cell and summed, the previous forecast only when every cell
 * has one; the last month of outcome and the flag when the period runs past it; last year's
 * outcome, budget and deviation only when last year's lines cover the same months (the
 * 2018-against-January–August-2017 case); budget changes beside the original; investments
 * not periodised, not coloured, with the share spent; accounts nested in their groups with
 * varav rows, or folded when flat; units with their activities nested; names from the code
 * list; and the assessment on the forecast when that is the unit's basis.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "folja/economy.h"
#include "folja/rollup.h"
#include "tests.h"

/* ---------------------------------------------------------------- code lists */

/* Seed 001's cost types: income with its varav row, the costs under a group. */
static const struct budget_code accounts[] = {
	{"Övriga kostnader", "Övriga kostnader", "Kostnader", BUDGET_CODE_PLAIN, 6},
	{"Externa och interna intäkter", "Externa och interna intäkter", NULL,
	 BUDGET_CODE_PLAIN, 1},
	{"Covid", "varav statlig ersättning Covid-19", "Externa och interna intäkter",
	 BUDGET_CODE_VARAV, 2},
	{"Kostnader", "Kostnader", NULL, BUDGET_CODE_GROUP, 3},
	{"Personalkostnader", "Personalkostnader", "Kostnader", BUDGET_CODE_PLAIN, 4},
	{"Covid del", "varav av varav", "Covid", BUDGET_CODE_VARAV, 7},
};
#define NACCOUNTS (sizeof accounts / sizeof accounts[0])

START_TEST(codes_lookup_and_fold)
{
	struct budget_codes c;
	ck_assert(budget_codes_index(accounts, NACCOUNTS, &c));
	ck_assert_ptr_eq(budget_codes_find(&c, "Kostnader"), &accounts[3]);
	ck_assert_ptr_null(budget_codes_find(&c, "4010"));
	ck_assert_ptr_null(budget_codes_find(&c, NULL));
	/* a varav counts in its account; a varav of a varav in the account above both */
	ck_assert_str_eq(budget_codes_fold_varav(&c, "Covid"), "Externa och interna intäkter");
	ck_assert_str_eq(budget_codes_fold_varav(&c, "Covid del"), "Externa och interna intäkter");
	/* a plain account, a group and an unlisted code are themselves */
	ck_assert_str_eq(budget_codes_fold_varav(&c, "Personalkostnader"), "Personalkostnader");
	ck_assert_str_eq(budget_codes_fold_varav(&c, "Kostnader"), "Kostnader");
	ck_assert_str_eq(budget_codes_fold_varav(&c, "4010"), "4010");
	const char *bad = "x";
	ck_assert_int_eq(budget_codes_check(&c, &bad), BUDGET_CODE_OK);
	ck_assert_ptr_null(bad);
	budget_codes_free(&c);
	budget_codes_free(&c);   /* twice is harmless */
	budget_codes_free(NULL);
	/* the empty list needs no memory and finds nothing */
	ck_assert(budget_codes_index(NULL, 0, &c));
	ck_assert_ptr_null(budget_codes_find(&c, "x"));
	ck_assert_str_eq(budget_codes_fold_varav(&c, "x"), "x");
}
END_TEST

/* The problem budget_codes_check() finds in @p n codes, and at which. */
static enum budget_code_problem problem_of(const struct budget_code *codes, size_t n,
					   const char **at)
{
	struct budget_codes c;
	ck_assert(budget_codes_index(codes, n, &c));
	enum budget_code_problem p = budget_codes_check(&c, at);
	budget_codes_free(&c);
	return p;
}

START_TEST(codes_hierarchy_problems)
{
	const char *at;
	const struct budget_code orphan[] = {{"a", "A", "nowhere", BUDGET_CODE_PLAIN, 0}};
	ck_assert_int_eq(problem_of(orphan, 1, &at), BUDGET_CODE_UNKNOWN_PARENT);
	ck_assert_str_eq(at, "a");
	/* a varav needs an account above it: not the top, not a group */
	const struct budget_code top_varav[] = {{"v", "V", NULL, BUDGET_CODE_VARAV, 0}};
	ck_assert_int_eq(problem_of(top_varav, 1, &at), BUDGET_CODE_PARENT_KIND);
	const struct budget_code varav_in_group[] = {{"g", "G", NULL, BUDGET_CODE_GROUP, 0},
						     {"v", "V", "g", BUDGET_CODE_VARAV, 0}};
	ck_assert_int_eq(problem_of(varav_in_group, 2, &at), BUDGET_CODE_PARENT_KIND);
	ck_assert_str_eq(at, "v");
	/* an account or a group sits under a group only */
	const struct budget_code under_account[] = {{"a", "A", NULL, BUDGET_CODE_PLAIN, 0},
						    {"b", "B", "a", BUDGET_CODE_PLAIN, 0}};
	ck_assert_int_eq(problem_of(under_account, 2, &at), BUDGET_CODE_PARENT_KIND);
	const struct budget_code group_under_account[] = {{"a", "A", NULL, BUDGET_CODE_PLAIN, 0},
							  {"g", "G", "a", BUDGET_CODE_GROUP, 0}};
	ck_assert_int_eq(problem_of(group_under_account, 2, &at), BUDGET_CODE_PARENT_KIND);
	const struct budget_code nested_groups[] = {{"g", "G", NULL, BUDGET_CODE_GROUP, 0},
						    {"h", "H", "g", BUDGET_CODE_GROUP, 0},
						    {"a", "A", "h", BUDGET_CODE_PLAIN, 0}};
	ck_assert_int_eq(problem_of(nested_groups, 3, &at), BUDGET_CODE_OK);
	/* a circle of groups, and of varav */
	const struct budget_code circle[] = {{"g", "G", "h", BUDGET_CODE_GROUP, 0},
					     {"h", "H", "g", BUDGET_CODE_GROUP, 0}};
	ck_assert_int_eq(problem_of(circle, 2, &at), BUDGET_CODE_CYCLE);
	const struct budget_code varav_circle[] = {{"v", "V", "w", BUDGET_CODE_VARAV, 0},
						   {"w", "W", "v", BUDGET_CODE_VARAV, 0}};
	ck_assert_int_eq(problem_of(varav_circle, 2, &at), BUDGET_CODE_CYCLE);
	ck_assert_ptr_nonnull(budget_code_problem_text(BUDGET_CODE_CYCLE));
	/* eight levels pass, nine do not */
	struct budget_code deep[9];
	char names[9][4];
	for (int i = 0; i < 9; i++) {
		snprintf(names[i], sizeof names[i], "g%d", i);
		deep[i] = (struct budget_code){names[i], names[i], i ? names[i - 1] : NULL,
					       BUDGET_CODE_GROUP, 0};
	}
	ck_assert_int_eq(problem_of(deep, 8, &at), BUDGET_CODE_OK);
	ck_assert_int_eq(problem_of(deep, 9, &at), BUDGET_CODE_TOO_DEEP);
	ck_assert_str_eq(at, "g8");
}
END_TEST

/* ---------------------------------------------------------------- forecasts of a cell */

START_TEST(forecast_cell_latest_and_previous)
{
	/* made in February, April and March, read through April: April, and March before it */
	struct forecast_cell c = {0};
	ck_assert(forecast_cell_add(&c, 2, -1100, 4));
	ck_assert(forecast_cell_add(&c, 4, -1300, 4));
	ck_assert(forecast_cell_add(&c, 3, -1200, 4));
	ck_assert_int_eq(c.latest_month, 4);
	ck_assert_int_eq(c.latest, -1300);
	ck_assert_int_eq(c.previous_month, 3);
	ck_assert_int_eq(c.previous, -1200);
	/* any order gives the same; a forecast made after the period's end is not known yet */
	struct forecast_cell d = {0};
	ck_assert(forecast_cell_add(&d, 5, -9999, 4));
	ck_assert(forecast_cell_add(&d, 3, -1200, 4));
	ck_assert(forecast_cell_add(&d, 2, -1100, 4));
	ck_assert(forecast_cell_add(&d, 4, -1300, 4));
	ck_assert_mem_eq(&c, &d, sizeof c);
	/* two lines of one month add up; earlier than the previous one is dropped */
	ck_assert(forecast_cell_add(&c, 4, -5, 4));
	ck_assert(forecast_cell_add(&c, 3, -7, 4));
	ck_assert(forecast_cell_add(&c, 1, -100000, 4));
	ck_assert_int_eq(c.latest, -1305);
	ck_assert_int_eq(c.previous, -1207);
	/* one forecast: no previous; none in the period: nothing */
	struct forecast_cell e = {0};
	ck_assert(forecast_cell_add(&e, 4, -1, 12));
	ck_assert_int_eq(e.previous_month, 0);
	struct forecast_cell f = {0};
	ck_assert(forecast_cell_add(&f, 6, -1, 4));
	ck_assert(forecast_cell_add(&f, 0, -1, 4));
	ck_assert_int_eq(f.latest_month, 0);
	/* a sum beyond the money range is refused */
	ck_assert(forecast_cell_add(&e, 4, -MONEY_MAX_KR + 1, 12));
	ck_assert_int_eq(e.latest, -MONEY_MAX_KR);
	ck_assert(!forecast_cell_add(&e, 4, -1, 12));
}
END_TEST

/* ---------------------------------------------------------------- coverage and shares */

START_TEST(coverage_rule)
{
	ck_assert_int_eq(coverage_of(10, 12, 12), COVERAGE_FULL);
	ck_assert_int_eq(coverage_of(10, 4, 4), COVERAGE_FULL);
	/* seed 003's January–August against a full year */
	ck_assert_int_eq(coverage_of(10, 8, 12), COVERAGE_SHORT);
	ck_assert_int_eq(coverage_of(10, 0, 12), COVERAGE_SHORT);   /* lines, no outcome */
	ck_assert_int_eq(coverage_of(0, 0, 12), COVERAGE_NO_LINES);
}
END_TEST

START_TEST(investment_share)
{
	double pct = -1;
	/* seed 002: 0,5 of 5 mnkr spent, both costs in the ledger */
	ck_assert(investment_spent_share(-500000, -5000000, &pct));
	ck_assert_double_eq_tol(pct, 10.0, 1e-9);
	ck_assert(investment_spent_share(1, 3, &pct));
	ck_assert_double_eq_tol(pct, 33.3, 1e-9);
	ck_assert(investment_spent_share(-2, -3, &pct));
	ck_assert_double_eq_tol(pct, 66.7, 1e-9);
	/* overspending shows above 100; a refund below 0 */
	ck_assert(investment_spent_share(-6000000, -5000000, &pct));
	ck_assert_double_eq_tol(pct, 120.0, 1e-9);
	ck_assert(investment_spent_share(100000, -5000000, &pct));
	ck_assert_double_eq_tol(pct, -2.0, 1e-9);
	pct = 7;
	ck_assert(!investment_spent_share(-1, 0, &pct));
	ck_assert(!investment_spent_share(INT64_MIN, -1, &pct));
	ck_assert_double_eq(pct, 7);
}
END_TEST

/* ---------------------------------------------------------------- the budget frame */

START_TEST(frame_per_decision)
{
	/* seed 002's Budgetram, in tkr, the original split over two lines */
	static const struct frame_line lines[] = {
		{11, false, "2016-06-13", "KF § 215", -800000},
		{12, true, "2017-04-18", "KF § 91", -2781},
		{13, true, "2016-12-05", "KF § 350", -803},
		{14, false, "2016-06-13", "KF § 215", -50000},
		{15, true, "2017-03-06", "KF § 33", -270},
		{16, true, NULL, NULL, -1},            /* undated: last */
	};
	struct frame f;
	memset(&f, 0, sizeof f);
	for (size_t i = 0; i < 6; i++)
		ck_assert_int_eq(frame_add(&f, &lines[i]), FRAME_OK);
	frame_finish(&f);
	ck_assert_uint_eq(f.n, 5);
	ck_assert_int_eq(f.original_kr, -850000);
	ck_assert_int_eq(f.changes_kr, -3855);
	ck_assert_int_eq(f.frame_kr, -853855);
	ck_assert(!f.decisions[0].change);
	ck_assert_int_eq(f.decisions[0].lines, 2);
	ck_assert_int_eq(f.decisions[0].line_ids[1], 14);
	ck_assert_str_eq(f.decisions[1].decision_ref, "KF § 350");
	ck_assert_str_eq(f.decisions[2].decision_ref, "KF § 33");
	ck_assert_str_eq(f.decisions[3].decision_ref, "KF § 91");
	ck_assert_int_eq(f.decisions[3].amount_kr, -2781);
	ck_assert_ptr_null(f.decisions[4].decided_on);
	frame_free(&f);
	ck_assert_uint_eq(f.n, 0);
	frame_free(NULL);
}
END_TEST

START_TEST(frame_limits)
{
	struct frame f;
	memset(&f, 0, sizeof f);
	/* more lines than a decision names: all counted, the first ids kept */
	for (int i = 0; i < FRAME_MAX_LINE_IDS + 5; i++) {
		struct frame_line l = {100 + i, false, NULL, NULL, -1};
		ck_assert_int_eq(frame_add(&f, &l), FRAME_OK);
	}
	ck_assert_int_eq(f.decisions[0].lines, FRAME_MAX_LINE_IDS + 5);
	ck_assert_uint_eq(f.decisions[0].nline_ids, FRAME_MAX_LINE_IDS);
	ck_assert_int_eq(f.decisions[0].line_ids[FRAME_MAX_LINE_IDS - 1],
			 100 + FRAME_MAX_LINE_IDS - 1);
	/* a sum beyond the money range is its own status */
	struct frame_line big = {1, true, "2017-01-01", "x", -MONEY_MAX_KR};
	ck_assert_int_eq(frame_add(&f, &big), FRAME_OVERFLOW);
	frame_free(&f);
}
END_TEST

/* ---------------------------------------------------------------- rollups */

#define NONE {-1, false, {0}, BUDGET_BASIS_INHERIT}

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

static struct rollup_input input(const struct rollup_fact *f, size_t nf)
{
	return (struct rollup_input){.units = units, .nunits = 4, .facts = f, .nfacts = nf};
}

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

/* A fact: unit, key, year, month, measure, amount, one line, cell. */
#define FACT(u, k, y, m, me, a, c) {u, k, y, m, me, a, 1, c}

START_TEST(forecast_per_cell)
{
	/* A1 has two ledger cells: 410/4000 forecast in March and April, 420/5000 only in
	 * February.  Per unit the April forecast alone would be taken (−1 250 000), leaving
	 * out 420/5000's −300 000; per cell both are. */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2021, 0, RM_BUDGET, -1500000, NULL),
		FACT(3, NULL, 2021, 3, RM_FORECAST, -1200000, "410\x1f" "4000"),
		FACT(3, NULL, 2021, 4, RM_FORECAST, -1250000, "410\x1f" "4000"),
		FACT(3, NULL, 2021, 2, RM_FORECAST, -300000, "420\x1f" "5000"),
		FACT(3, NULL, 2021, 6, RM_FORECAST, -9, "420\x1f" "5000"),   /* after T1 */
		FACT(2, NULL, 2021, 1, RM_FORECAST, -10, "410\x1f" "4000"),  /* B */
		FACT(2, NULL, 2021, 4, RM_FORECAST, -20, "410\x1f" "4000"),
	};
	struct rollup_input in = input(f, sizeof f / sizeof f[0]);
	struct rollup_query q = query(2021, 1, 4);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.forecast_year, -1550000);
	ck_assert_int_eq(a1->total.forecast_month, 4);
	ck_assert_int_eq(a1->total.forecast_cells, 2);
	/* 420/5000 has no earlier forecast: A1 has no previous forecast */
	ck_assert_int_eq(a1->total.forecast_previous_cells, 1);
	ck_assert(!a1->shown.has_forecast_previous);
	/* B's only cell has one: previous −10, change −10, previous deviation −10 (no budget) */
	ck_assert(b->shown.has_forecast_previous);
	ck_assert_int_eq(b->shown.forecast_previous, -10);
	ck_assert_int_eq(b->shown.forecast_change, -10);
	ck_assert_int_eq(b->shown.forecast_deviation_previous, -10);
	ck_assert_int_eq(b->total.forecast_previous_month, 1);
	/* the root adds up its cells */
	ck_assert_int_eq(root->total.forecast_year, -1550020);
	ck_assert_int_eq(root->total.forecast_cells, 3);
	ck_assert(!root->shown.has_forecast_previous);
	rollup_free(root);

	/* through February: 410/4000 has no forecast yet, 420/5000 its February one */
	q = query(2021, 1, 2);
	root = built(&in, &q);
	a1 = child(child(root, "A"), "A1");
	ck_assert_int_eq(a1->total.forecast_year, -300000);
	ck_assert_int_eq(a1->total.forecast_cells, 1);
	rollup_free(root);
}
END_TEST

START_TEST(forecast_previous_when_every_cell_has_one)
{
	/* seed 002, Barn och unga: the March forecast a budget in balance, April's −2 500 off */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2017, 0, RM_BUDGET, -165227, NULL),
		FACT(3, NULL, 2017, 3, RM_FORECAST, -1209, "drog"),
		FACT(3, NULL, 2017, 3, RM_FORECAST, -164018, "ifo"),
		FACT(3, NULL, 2017, 4, RM_FORECAST, -1209, "drog"),
		FACT(3, NULL, 2017, 4, RM_FORECAST, -166518, "ifo"),
	};
	struct rollup_input in = input(f, 5);
	struct rollup_query q = query(2017, 1, 4);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_display *s = &child(child(root, "A"), "A1")->shown;
	ck_assert(s->has_forecast_previous);
	ck_assert_int_eq(s->forecast_previous, -165227);
	ck_assert_int_eq(s->forecast_deviation_previous, 0);
	ck_assert_int_eq(s->forecast_year, -167727);
	ck_assert_int_eq(s->forecast_deviation, -2500);
	ck_assert_int_eq(s->forecast_change, -2500);
	rollup_free(root);
}
END_TEST

START_TEST(outcome_through_and_flag)
{
	/* Haninge: a full-year budget, outcome through April */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2017, 0, RM_BUDGET, -1200000, NULL),
		FACT(3, NULL, 2017, 4, RM_OUTCOME, -380000, NULL),
		FACT(2, NULL, 2017, 3, RM_OUTCOME, -10, NULL),
	};
	struct rollup_input in = input(f, 3);
	struct rollup_query q = query(2017, 1, 12);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->total.outcome_through, 4);
	ck_assert(a1->shown.outcome_incomplete);
	/* still green: the flag says the green is not to be trusted, the colour is kept */
	ck_assert_int_eq(a1->shown.assessment.color, COLOR_GREEN);
	ck_assert_int_eq(b->total.outcome_through, 3);
	ck_assert_int_eq(root->total.outcome_through, 4);  /* the last month of any line */
	ck_assert(root->shown.outcome_incomplete);
	rollup_free(root);

	/* T1: the outcome runs through the period; B through March is short of April */
	q = query(2017, 1, 4);
	root = built(&in, &q);
	ck_assert(!child(child(root, "A"), "A1")->shown.outcome_incomplete);
	ck_assert(child(root, "B")->shown.outcome_incomplete);
	ck_assert(!root->shown.outcome_incomplete);
	/* A node without lines this year is not flagged */
	struct rollup_fact none[] = {FACT(3, NULL, 2016, 4, RM_OUTCOME, -1, NULL)};
	rollup_free(root);
	in = input(none, 1);
	root = built(&in, &q);
	ck_assert_int_eq(root->total.outcome_through, 0);
	ck_assert(!root->shown.outcome_incomplete);
	rollup_free(root);
}
END_TEST

START_TEST(previous_year_covers_the_same_months)
{
	/* 2018 against 2017: A1's 2017 outcome is January–August booked in August (seed 003);
	 * B's 2017 runs through December */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2018, 0, RM_BUDGET, -1200000, NULL),
		FACT(3, NULL, 2018, 12, RM_OUTCOME, -1300000, NULL),
		FACT(3, NULL, 2017, 0, RM_BUDGET, -1080000, NULL),
		FACT(3, NULL, 2017, 8, RM_OUTCOME, -800000, NULL),
		FACT(2, NULL, 2017, 12, RM_OUTCOME, -50, NULL),
		FACT(2, NULL, 2017, 0, RM_BUDGET, -60, NULL),
	};
	struct rollup_input in = input(f, 6);
	struct rollup_query q = query(2018, 1, 12);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	/* the full year: A1's last year stops in August, no comparison; its budget is there */
	ck_assert_int_eq(a1->shown.previous, COVERAGE_SHORT);
	ck_assert(!a1->shown.has_previous);
	ck_assert_int_eq(a1->total.previous_through, 8);
	ck_assert(a1->shown.has_previous_budget);
	ck_assert_int_eq(a1->shown.previous_year_budget, -1080000);
	ck_assert(b->shown.has_previous);
	ck_assert_int_eq(b->shown.previous_year_outcome, -50);
	ck_assert_int_eq(b->shown.previous_year_budget, -60);
	ck_assert_int_eq(b->shown.previous_year_deviation, 10);
	/* the root reaches December through B: the node's months are covered */
	ck_assert(root->shown.has_previous);
	rollup_free(root);

	/* through August both years: A1's January–August is the comparison, and last year's
	 * budget is periodised for the same months (8/12 of 1 080 000) */
	q = query(2018, 1, 8);
	root = built(&in, &q);
	a1 = child(child(root, "A"), "A1");
	ck_assert(a1->shown.has_previous);
	ck_assert_int_eq(a1->shown.previous_year_outcome, -800000);
	ck_assert_int_eq(a1->shown.previous_year_budget, -720000);
	ck_assert_int_eq(a1->shown.previous_year_deviation, -80000);
	/* B's 2017 outcome is booked in December: none in January–August */
	b = child(root, "B");
	ck_assert_int_eq(b->shown.previous, COVERAGE_SHORT);
	ck_assert_int_eq(b->total.previous_through, 0);
	rollup_free(root);

	/* no lines last year at all */
	struct rollup_fact new_unit[] = {FACT(3, NULL, 2018, 1, RM_OUTCOME, -1, NULL)};
	in = input(new_unit, 1);
	q = query(2018, 1, 1);
	root = built(&in, &q);
	ck_assert_int_eq(root->shown.previous, COVERAGE_NO_LINES);
	ck_assert(!root->shown.has_previous_budget);
	rollup_free(root);
}
END_TEST

START_TEST(budget_changes_beside_the_original)
{
	/* an original of 850 000 and two changes, one annual, one in December */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2017, 0, RM_BUDGET, -850000, NULL),
		FACT(3, NULL, 2017, 0, RM_BUDGET_CHANGE, -3000, NULL),
		FACT(2, NULL, 2017, 12, RM_BUDGET_CHANGE, -854, NULL),
	};
	struct rollup_input in = input(f, 3);
	struct rollup_query q = query(2017, 1, 4);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1");
	ck_assert_int_eq(root->total.budget_year, -853854);
	ck_assert_int_eq(root->total.budget_changes, -3854);
	ck_assert_int_eq(root->shown.budget_original, -850000);
	/* an annual change is periodised with the annual budget: 4/12 of 853 000, the four
	 * kronor left over falling in January–April */
	ck_assert_int_eq(a1->total.budget_period, -284336);
	ck_assert_int_eq(a1->total.annual_budget, -853000);
	ck_assert_int_eq(child(root, "B")->total.budget_period, 0);
	rollup_free(root);

	/* in tkr, consistent: the displayed original and changes add up to the displayed year */
	q.scale = SCALE_TKR;
	q.consistent = true;
	root = built(&in, &q);
	ck_assert_int_eq(root->shown.budget_year, -854);
	ck_assert_int_eq(root->shown.budget_changes + root->shown.budget_original, -854);
	rollup_free(root);
}
END_TEST

START_TEST(investments_not_periodised_nor_coloured)
{
	/* seed 002: 5 mnkr budget for the year, 0,5 spent through April, 4 expected */
	struct rollup_fact f[] = {
		FACT(0, "", 2017, 0, RM_BUDGET, -5000000, NULL),
		FACT(0, "Vädersjövägen", 2017, 4, RM_OUTCOME, -250000, NULL),
		FACT(0, "Övriga", 2017, 4, RM_OUTCOME, -250000, NULL),
		FACT(0, "", 2017, 4, RM_FORECAST, -4000000, ""),
	};
	struct rollup_input in = input(f, 4);
	struct rollup_query q = query(2017, 1, 4);
	q.ledger = RL_INVESTERING;
	q.group = RG_PROJECT;
	q.scale = SCALE_TKR;
	struct rollup_node *root = built(&in, &q);
	const struct rollup_display *s = &root->shown;
	ck_assert_int_eq(s->budget_year, -5000);
	ck_assert_int_eq(s->budget_period, -5000);  /* the year's, not 4/12 of it */
	ck_assert_int_eq(s->outcome_period, -500);
	ck_assert_int_eq(s->forecast_year, -4000);
	ck_assert(s->has_spent_share);
	ck_assert_double_eq_tol(s->spent_share_pct, 10.0, 1e-9);
	/* underspending is no saving: no colour, and it says why */
	ck_assert(!s->assessed);
	ck_assert_int_eq(s->unassessed, RU_INVESTMENT);
	const struct rollup_node *v = child(root, "Vädersjövägen");
	ck_assert_int_eq(v->kind, RK_PROJECT);
	ck_assert_str_eq(v->name, "Vädersjövägen");
	ck_assert(!v->shown.has_spent_share);  /* no budget of its own */
	ck_assert_int_eq(v->shown.unassessed, RU_INVESTMENT);
	rollup_free(root);
	/* the same lines in the operating ledger are periodised and coloured */
	q.ledger = RL_DRIFT;
	q.group = RG_UNIT;
	root = built(&in, &q);
	ck_assert_int_eq(root->shown.budget_period, -1667);
	ck_assert(root->shown.assessed);
	ck_assert(!root->shown.has_spent_share);
	rollup_free(root);
}
END_TEST

/* Seed 001's cost types for one unit (the root), 2021, with last year's varav. */
static const struct rollup_fact cost_types[] = {
	{0, "Externa och interna intäkter", 2021, 12, RM_OUTCOME, 65163150, 1, NULL},
	{0, "Covid", 2021, 12, RM_OUTCOME, 959000, 1, NULL},
	{0, "Personalkostnader", 2021, 12, RM_OUTCOME, -102549850, 1, NULL},
	{0, "Övriga kostnader", 2021, 12, RM_OUTCOME, -97580850, 1, NULL},
	{0, "Externa och interna intäkter", 2021, 0, RM_BUDGET, 61525000, 1, NULL},
	{0, "Personalkostnader", 2021, 0, RM_BUDGET, -103447000, 1, NULL},
	{0, "5555", 2021, 12, RM_OUTCOME, -1, 1, NULL},   /* unlisted */
};

START_TEST(accounts_with_subtotals_and_varav)
{
	struct rollup_input in = input(cost_types, sizeof cost_types / sizeof cost_types[0]);
	in.codes = accounts;
	in.ncodes = NACCOUNTS;
	struct rollup_query q = query(2021, 1, 12);
	q.group = RG_ACCOUNT;
	q.subtotals = true;
	q.scale = SCALE_TKR;
	struct rollup_node *root = built(&in, &q);
	/* by the list's sort, the unlisted code (sort 0) first: 5555, intäkter, Kostnader */
	ck_assert_uint_eq(root->nchildren, 3);
	ck_assert_str_eq(root->children[0]->key, "5555");
	const struct rollup_node *inc = root->children[1], *cost = root->children[2];
	ck_assert_str_eq(inc->key, "Externa och interna intäkter");
	ck_assert_int_eq(inc->kind, RK_ACCOUNT);
	/* the account's row holds its varav; the varav row is below it */
	ck_assert_int_eq(inc->shown.outcome_period, 66122);
	ck_assert_uint_eq(inc->nchildren, 1);
	ck_assert_int_eq(inc->children[0]->kind, RK_VARAV);
	ck_assert_str_eq(inc->children[0]->name, "varav statlig ersättning Covid-19");
	ck_assert_int_eq(inc->children[0]->shown.outcome_period, 959);
	ck_assert_int_eq(inc->children[0]->depth, 2);
	/* "Summa kostnader": the group's node, its accounts by sort */
	ck_assert_int_eq(cost->kind, RK_GROUP);
	ck_assert_str_eq(cost->children[0]->key, "Personalkostnader");
	ck_assert_str_eq(cost->children[1]->key, "Övriga kostnader");
	ck_assert_int_eq(cost->shown.outcome_period, -200131);
	ck_assert_int_eq(cost->shown.budget_year, -103447);
	ck_assert_int_eq(root->shown.outcome_period, 66122 - 200131);
	rollup_free(root);

	/* flat: the varav counts in its account's row and has none of its own */
	q.subtotals = false;
	root = built(&in, &q);
	ck_assert_uint_eq(root->nchildren, 4);  /* 5555, intäkter, Personal, Övriga */
	ck_assert_int_eq(child(root, "Externa och interna intäkter")->shown.outcome_period, 66122);
	ck_assert_str_eq(child(root, "Personalkostnader")->name, "Personalkostnader");
	ck_assert_str_eq(child(root, "5555")->name, "5555");  /* unlisted: its code */
	rollup_free(root);
}
END_TEST

START_TEST(bad_code_list_is_cut_not_walked)
{
	/* a circle in the stored list: the rollup still ends and counts every fact once */
	static const struct budget_code circle[] = {
		{"g", "G", "h", BUDGET_CODE_GROUP, 0},
		{"h", "H", "g", BUDGET_CODE_GROUP, 0},
		{"a", "A", "g", BUDGET_CODE_PLAIN, 0},
	};
	struct rollup_fact f[] = {FACT(3, "a", 2021, 1, RM_OUTCOME, -7, NULL)};
	struct rollup_input in = input(f, 1);
	in.codes = circle;
	in.ncodes = 3;
	struct rollup_query q = query(2021, 1, 1);
	q.group = RG_ACCOUNT;
	q.subtotals = true;
	struct rollup_node *root = built(&in, &q);
	ck_assert_int_eq(root->total.outcome_period, -7);
	ck_assert_int_eq(root->total.lines, 1);
	rollup_free(root);
}
END_TEST

START_TEST(units_with_their_activities)
{
	static const struct budget_code acts[] = {
		{"Integration", "Integration", NULL, BUDGET_CODE_PLAIN, 2},
		{"Arbetsmarknad", "Arbetsmarknad", NULL, BUDGET_CODE_PLAIN, 1},
	};
	struct rollup_fact f[] = {
		FACT(1, "Integration", 2021, 0, RM_BUDGET, -4086000, NULL),
		FACT(1, "Integration", 2021, 12, RM_OUTCOME, -6921000, NULL),
		FACT(1, "Arbetsmarknad", 2021, 0, RM_BUDGET, -13359000, NULL),
		FACT(1, "Arbetsmarknad", 2021, 12, RM_OUTCOME, -11363000, NULL),
		FACT(3, "Arbetsmarknad", 2021, 12, RM_OUTCOME, -1000, NULL),
		FACT(2, NULL, 2021, 12, RM_OUTCOME, -5, NULL),
	};
	struct rollup_line lines[] = {{1, "Integration", 7}, {3, "Arbetsmarknad", 8}};
	struct rollup_input in = input(f, 6);
	in.codes = acts;
	in.ncodes = 2;
	in.lines = lines;
	in.nlines = 2;
	struct rollup_query q = query(2021, 1, 12);
	q.group = RG_UNIT_ACTIVITY;
	q.scale = SCALE_TKR;
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a = child(root, "A");
	/* A's own activities first, by sort, then its sub-unit */
	ck_assert_uint_eq(a->nchildren, 3);
	ck_assert_str_eq(a->children[0]->key, "Arbetsmarknad");
	ck_assert_int_eq(a->children[0]->kind, RK_ACTIVITY);
	ck_assert_int_eq(a->children[0]->depth, 2);
	ck_assert_int_eq(a->children[0]->unit_id, 0);
	ck_assert_int_eq(a->children[0]->owner_unit_id, 2);  /* the lines of unit 2 */
	ck_assert_str_eq(a->children[1]->key, "Integration");
	ck_assert_int_eq(a->children[2]->kind, RK_UNIT);
	ck_assert_int_eq(a->children[1]->shown.deviation_period, -2835);
	/* A is a subtotal of its activities and its sub-unit A1 with its own activity */
	ck_assert_int_eq(a->shown.outcome_period, -18285);
	const struct rollup_node *a1 = child(a, "A1");
	ck_assert_int_eq(child(a1, "Arbetsmarknad")->total.outcome_period, -1000);
	/* lines without an activity are the unit's key "" */
	const struct rollup_node *b = child(root, "B");
	ck_assert_uint_eq(b->nchildren, 1);
	ck_assert_ptr_null(b->children[0]->name);
	/* a line counts for its activity node and every unit above it */
	ck_assert_uint_eq(a->children[1]->nline_ids, 1);
	ck_assert_int_eq(a->children[1]->line_ids[0], 7);
	ck_assert_uint_eq(root->nline_ids, 2);
	rollup_free(root);
}
END_TEST

START_TEST(assessment_on_the_forecast)
{
	struct rollup_unit u[4];
	memcpy(u, units, sizeof u);
	u[1].own.basis = BUDGET_BASIS_FORECAST;   /* A and below assess on the forecast */
	struct rollup_fact f[] = {
		FACT(3, NULL, 2021, 0, RM_BUDGET, -1000000, NULL),
		FACT(3, NULL, 2021, 4, RM_OUTCOME, -200000, NULL),        /* well under */
		FACT(3, NULL, 2021, 4, RM_FORECAST, -1015000, NULL),      /* 1.5 % over */
		FACT(2, NULL, 2021, 0, RM_BUDGET, -1000000, NULL),
		FACT(2, NULL, 2021, 4, RM_OUTCOME, -200000, NULL),
	};
	struct rollup_input in = input(f, 5);
	in.units = u;
	struct rollup_query q = query(2021, 1, 4);
	struct rollup_node *root = built(&in, &q);
	const struct rollup_node *a1 = child(child(root, "A"), "A1"), *b = child(root, "B");
	ck_assert_int_eq(a1->settings.basis, BUDGET_BASIS_FORECAST);
	ck_assert_int_eq(a1->settings.basis_from, 2);
	ck_assert_int_eq(a1->shown.basis, BUDGET_BASIS_FORECAST);
	ck_assert(a1->shown.assessed);
	ck_assert_int_eq(a1->shown.assessment.color, COLOR_YELLOW);
	ck_assert_int_eq(a1->shown.assessment.deviation_kr, -15000);
	ck_assert_int_eq(a1->shown.next_overspend_kr, 0);
	/* B keeps the outcome: green; A has a forecast through A1 */
	ck_assert_int_eq(b->shown.basis, BUDGET_BASIS_OUTCOME);
	ck_assert_int_eq(b->shown.assessment.color, COLOR_GREEN);
	rollup_free(root);
	/* no forecast made yet: not assessed, and it says why */
	f[2].month = 6;
	root = built(&in, &q);
	a1 = child(child(root, "A"), "A1");
	ck_assert(!a1->shown.assessed);
	ck_assert_int_eq(a1->shown.unassessed, RU_NO_FORECAST);
	rollup_free(root);
}
END_TEST

START_TEST(basis_inherits_apart)
{
	struct budget_effective top, e;
	budget_settings_default(&top);
	ck_assert_int_eq(top.basis, BUDGET_BASIS_OUTCOME);
	ck_assert_int_eq(top.basis_from, 0);
	/* a band alone keeps the basis from above; a basis alone keeps the band */
	struct budget_settings fc = {-1, false, {0}, BUDGET_BASIS_FORECAST};
	budget_settings_inherit(&top, 5, &fc, &e);
	ck_assert_int_eq(e.basis, BUDGET_BASIS_FORECAST);
	ck_assert_int_eq(e.basis_from, 5);
	ck_assert_int_eq(e.yellow_from, 0);
	struct budget_settings band = {300, false, {0}, BUDGET_BASIS_INHERIT};
	budget_settings_inherit(&e, 6, &band, &e);
	ck_assert_int_eq(e.basis, BUDGET_BASIS_FORECAST);
	ck_assert_int_eq(e.basis_from, 5);
	ck_assert_int_eq(e.yellow_from, 6);
	/* and a unit may go back to the outcome */
	struct budget_settings back = {-1, false, {0}, BUDGET_BASIS_OUTCOME};
	budget_settings_inherit(&e, 7, &back, &e);
	ck_assert_int_eq(e.basis, BUDGET_BASIS_OUTCOME);
	ck_assert_int_eq(e.basis_from, 7);
}
END_TEST

Suite *economy_suite(void)
{
	Suite *s = suite_create("economy");
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, codes_lookup_and_fold);
	tcase_add_test(rules, codes_hierarchy_problems);
	tcase_add_test(rules, forecast_cell_latest_and_previous);
	tcase_add_test(rules, coverage_rule);
	tcase_add_test(rules, investment_share);
	tcase_add_test(rules, frame_per_decision);
	tcase_add_test(rules, frame_limits);
	tcase_add_test(rules, basis_inherits_apart);
	suite_add_tcase(s, rules);
	TCase *rollup = tcase_create("rollup");
	tcase_add_test(rollup, forecast_per_cell);
	tcase_add_test(rollup, forecast_previous_when_every_cell_has_one);
	tcase_add_test(rollup, outcome_through_and_flag);
	tcase_add_test(rollup, previous_year_covers_the_same_months);
	tcase_add_test(rollup, budget_changes_beside_the_original);
	tcase_add_test(rollup, investments_not_periodised_nor_coloured);
	tcase_add_test(rollup, accounts_with_subtotals_and_varav);
	tcase_add_test(rollup, bad_code_list_is_cut_not_walked);
	tcase_add_test(rollup, units_with_their_activities);
	tcase_add_test(rollup, assessment_on_the_forecast);
	suite_add_tcase(s, rollup);
	return s;
}
