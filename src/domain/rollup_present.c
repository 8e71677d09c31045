/*
 * Budget rollups: the rules of include/folja/rollup.h, presenting.
 *
 * Presenting is the arithmetic of a printed report: rounding only happens here, each figure
 * on its own (half away from zero), or "consistent", where the root is rounded and each
 * parent's displayed figures are handed down to its children and its own lines by largest
 * remainder, so the table adds up.  The differences a report prints (deviation, forecast
 * deviation and change, the original budget beside its changes, last year's deviation) are
 * then differences of displayed figures; percentages, shares and colours always come from
 * kronor.  What a node's figures are compared with also lands here: its assessment (on the
 * outcome or the forecast, or none), whether its outcome runs through the period, and whether
 * last year's lines cover the same months.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/rollup.h"

/* The figures a report prints, each rounded or handed down by largest remainder. */
enum { F_BY, F_BP, F_OP, F_FY, F_PY, F_BC, F_FP, F_PB, F_N };

static void figure_values(const struct rollup_figures *f, int64_t v[F_N])
{
	v[F_BY] = f->budget_year;
	v[F_BP] = f->budget_period;
	v[F_OP] = f->outcome_period;
	v[F_FY] = f->forecast_year;
	v[F_PY] = f->previous_year_outcome;
	v[F_BC] = f->budget_changes;
	v[F_FP] = f->forecast_previous;
	v[F_PB] = f->previous_budget;
}

/* The rounded kronor difference a − b (both within range, so it cannot overflow). */
static int64_t rounded_difference(int64_t a, int64_t b, enum money_scale s)
{
	return money_round(money_deviation(a, b), s);
}

/* The differences a report prints: of displayed figures when they must add up, else the
 * kronor difference rounded. */
static void display_differences(struct rollup_display *s, const struct rollup_figures *t,
				const struct rollup_query *q)
{
	if (q->consistent) {
		s->deviation_period = s->outcome_period - s->budget_period;
		s->forecast_deviation = s->forecast_year - s->budget_year;
		s->change = s->outcome_period - s->previous_year_outcome;
		s->budget_original = s->budget_year - s->budget_changes;
		s->forecast_change = s->forecast_year - s->forecast_previous;
		s->forecast_deviation_previous = s->forecast_previous - s->budget_year;
		s->previous_year_deviation = s->previous_year_outcome - s->previous_year_budget;
		return;
	}
	s->deviation_period = rounded_difference(t->outcome_period, t->budget_period, q->scale);
	s->forecast_deviation = rounded_difference(t->forecast_year, t->budget_year, q->scale);
	s->change = rounded_difference(t->outcome_period, t->previous_year_outcome, q->scale);
	s->budget_original = rounded_difference(t->budget_year, t->budget_changes, q->scale);
	s->forecast_change = rounded_difference(t->forecast_year, t->forecast_previous, q->scale);
	s->forecast_deviation_previous = rounded_difference(t->forecast_previous, t->budget_year,
							    q->scale);
	s->previous_year_deviation = rounded_difference(t->previous_year_outcome,
							t->previous_budget, q->scale);
}

/* The assessment: on the outcome against the period's budget, or, when the node's basis is
 * the forecast, on the forecast against the year's budget; why there is none otherwise. */
static enum rollup_status display_assessment(struct rollup_node *nd, const struct rollup_query *q)
{
	const struct rollup_figures *t = &nd->total;
	struct rollup_display *s = &nd->shown;
	bool on_forecast = nd->settings.basis == BUDGET_BASIS_FORECAST && q->ledger == RL_DRIFT;
	int64_t compared = on_forecast ? t->forecast_year : t->outcome_period;
	int64_t budget = on_forecast ? t->budget_year : t->budget_period;
	s->basis = on_forecast ? BUDGET_BASIS_FORECAST : BUDGET_BASIS_OUTCOME;
	/* the sums are in range (checked as they were added): only a band can be refused */
	if (!money_assess(compared, budget, nd->settings.yellow_bp, &s->assessment))
		return ROLLUP_INVALID;
	/* a node without a single line has nothing to assess: no colour rather than a green that
	 * would read as "on budget"; an investment's underspending is no saving */
	s->unassessed = t->lines == 0 ? RU_NO_LINES :
			q->ledger == RL_INVESTERING ? RU_INVESTMENT :
			on_forecast && !t->has_forecast ? RU_NO_FORECAST : RU_ASSESSED;
	s->assessed = s->unassessed == RU_ASSESSED;
	if (s->assessment.has_next)
		s->next_overspend_kr = budget - s->assessment.next_outcome_kr;
	return ROLLUP_OK;
}

/* Which of the comparisons exist: forecasts, last year's figures, the coverage flags. */
static void display_comparisons(struct rollup_display *s, const struct rollup_figures *t,
				const struct rollup_query *q)
{
	s->has_forecast = t->has_forecast;
	s->has_forecast_previous = t->forecast_cells > 0 &&
				   t->forecast_previous_cells == t->forecast_cells;
	s->outcome_incomplete = coverage_of(t->year_lines, t->outcome_through, q->last_month) ==
				COVERAGE_SHORT;
	s->previous = coverage_of(t->previous_year_lines, t->previous_through, q->last_month);
	s->has_previous = s->previous == COVERAGE_FULL;
	s->has_previous_budget = t->previous_budget_lines > 0;
	s->has_pct = money_deviation_pct(money_deviation(t->outcome_period, t->budget_period),
					 t->budget_period, &s->deviation_pct);
	s->has_spent_share = q->ledger == RL_INVESTERING &&
			     investment_spent_share(t->outcome_period, t->budget_year,
						    &s->spent_share_pct);
}

/* A node's display from its displayed figures @p disp. */
static enum rollup_status display_node(struct rollup_node *nd, const struct rollup_query *q,
				       const int64_t disp[F_N])
{
	struct rollup_display *s = &nd->shown;

	memset(s, 0, sizeof *s);
	s->shown = true;
	s->budget_year = disp[F_BY];
	s->budget_period = disp[F_BP];
	s->outcome_period = disp[F_OP];
	s->forecast_year = disp[F_FY];
	s->previous_year_outcome = disp[F_PY];
	s->budget_changes = disp[F_BC];
	s->forecast_previous = disp[F_FP];
	s->previous_year_budget = disp[F_PB];
	display_differences(s, &nd->total, q);
	display_comparisons(s, &nd->total, q);
	return display_assessment(nd, q);
}

/* Children displayed each on its own.  @p disp is nchildren × F_N. */
static void children_each(const struct rollup_node *nd, enum money_scale s, int64_t *disp)
{
	for (size_t i = 0; i < nd->nchildren; i++) {
		int64_t v[F_N];
		figure_values(&nd->children[i]->total, v);
		for (int f = 0; f < F_N; f++)
			disp[i * F_N + f] = money_round(v[f], s);
	}
}

/* Children displayed so that they and the parent's own lines add up to the parent's
 * displayed figures @p parent.  @p disp is nchildren × F_N. */
static enum rollup_status children_consistent(const struct rollup_node *nd,
					      const int64_t parent[F_N], enum money_scale s,
					      int64_t *disp)
{
	size_t n = nd->nchildren + 1;
	int64_t *amounts = malloc(n * sizeof *amounts), *out = malloc(n * sizeof *out);
	enum rollup_status st = amounts && out ? ROLLUP_OK : ROLLUP_NOMEM;
	for (int f = 0; st == ROLLUP_OK && f < F_N; f++) {
		int64_t sum = 0, v[F_N];
		for (size_t i = 0; i < nd->nchildren; i++) {
			figure_values(&nd->children[i]->total, v);
			amounts[i] = v[f];
			sum += v[f];
		}
		figure_values(&nd->total, v);
		amounts[n - 1] = v[f] - sum;  /* the node's own lines */
		if (!money_round_to_total(amounts, n, s, parent[f], out))
			st = ROLLUP_OVERFLOW;
		for (size_t i = 0; st == ROLLUP_OK && i < nd->nchildren; i++)
			disp[i * F_N + f] = out[i];
	}
	free(amounts);
	free(out);
	return st;
}

static void hide(struct rollup_node *nd)
{
	nd->shown.shown = false;
	for (size_t i = 0; i < nd->nchildren; i++)
		hide(nd->children[i]);
}

/* Presents @p nd from its displayed figures @p disp, and its children when within depth. */
static enum rollup_status present_node(struct rollup_node *nd, const struct rollup_query *q,
				       const int64_t disp[F_N])
{
	enum rollup_status st = display_node(nd, q, disp);
	if (st != ROLLUP_OK || nd->nchildren == 0)
		return st;
	if (q->depth >= 0 && nd->depth >= q->depth) {
		for (size_t i = 0; i < nd->nchildren; i++)
			hide(nd->children[i]);
		return ROLLUP_OK;
	}
	int64_t *cd = malloc(nd->nchildren * F_N * sizeof *cd);
	if (!cd)
		return ROLLUP_NOMEM;
	if (q->consistent)
		st = children_consistent(nd, disp, q->scale, cd);
	else
		children_each(nd, q->scale, cd);
	for (size_t i = 0; st == ROLLUP_OK && i < nd->nchildren; i++)
		st = present_node(nd->children[i], q, cd + i * F_N);
	free(cd);
	return st;
}

enum rollup_status rollup_present(struct rollup_node *root, const struct rollup_query *q)
{
	int64_t v[F_N], disp[F_N];
	figure_values(&root->total, v);
	for (int f = 0; f < F_N; f++)
		disp[f] = money_round(v[f], q->scale);
	return present_node(root, q, disp);
}
