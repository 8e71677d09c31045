/*
 * The economy's part of a rollup node as the API shows it (DESIGN.md "Economy beyond the
 * operating budget"): the fields a report's economy section reads besides budget against
 * outcome, and the parts of the explain that defend them.
 *
 * A node says what it is (unit, activity, account, group, varav, project), its original
 * budget beside the changes decided since, the forecast before the latest and what changed,
 * the last month its outcome lines reach (and whether the period runs past it: a year-to-date
 * budget against fewer months of outcome reads as a false green), last year's outcome, budget
 * and deviation for the same months with those months named, and, when last year's lines do
 * not reach the period's last month, null with the reason instead of a silent 8-against-12.
 * Investments add the share of their budget spent and are never coloured.  Everything is read
 * from what src/domain/rollup_present.c set; nothing is computed here.
 */
#include <stdio.h>

#include "folja/color.h"
#include "folja/names.h"

#include "budget.h"

static const char *const kind_names[] = {[RK_UNIT] = "unit", [RK_ACTIVITY] = "activity",
	[RK_ACCOUNT] = "account", [RK_GROUP] = "group", [RK_VARAV] = "varav",
	[RK_PROJECT] = "project"};
static const char *const coverage_names[] = {[COVERAGE_FULL] = "full",
	[COVERAGE_SHORT] = "short", [COVERAGE_NO_LINES] = "no_lines"};

/* "YYYY-MM" of @p month (1..12) of @p year; json null for month 0. */
static json_t *month_json(int year, int month)
{
	char out[16];
	if (month < 1 || month > 12)
		return json_null();
	snprintf(out, sizeof out, "%04d-%02d", year, month);
	return json_string(out);
}

static json_t *amount_or_null(bool present, int64_t v)
{
	return present ? json_integer(v) : json_null();
}

/* Why last year's outcome is missing, or null when it is there. */
static json_t *previous_reason(const struct rollup_node *nd, const struct rollup_query *q)
{
	char text[200];
	int y = q->year - 1, through = nd->total.previous_through;
	switch (nd->shown.previous) {
	case COVERAGE_FULL:
		return json_null();
	case COVERAGE_NO_LINES:
		snprintf(text, sizeof text, "no lines in %d", y);
		break;
	case COVERAGE_SHORT:
		if (through > 0)
			snprintf(text, sizeof text, "%d's outcome lines reach %04d-%02d only; the "
				 "comparison needs them through %04d-%02d", y, y, through, y,
				 q->last_month);
		else
			snprintf(text, sizeof text, "%d has no outcome lines in %04d-%02d to "
				 "%04d-%02d", y, y, q->first_month, y, q->last_month);
		break;
	}
	return json_string(text);
}

/* The forecast before the latest, its change and its deviation; null when a cell has none. */
static json_t *forecast_columns(const struct rollup_display *s)
{
	bool fp = s->has_forecast_previous;
	return json_pack("{s:o, s:o, s:o}",
		"forecast_previous", amount_or_null(fp, s->forecast_previous),
		"forecast_change", amount_or_null(fp, s->forecast_change),
		"forecast_deviation_previous", amount_or_null(fp, s->forecast_deviation_previous));
}

/* Last year's comparison: budget, deviation, the months, how far the outcome runs, why not. */
static json_t *previous_columns(const struct rollup_node *nd, const struct rollup_query *q)
{
	const struct rollup_display *s = &nd->shown;
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"previous_year_budget", amount_or_null(s->has_previous_budget,
						       s->previous_year_budget),
		"previous_year_deviation", amount_or_null(s->has_previous,
							  s->previous_year_deviation),
		"previous_year_from", month_json(q->year - 1, q->first_month),
		"previous_year_to", month_json(q->year - 1, q->last_month),
		"previous_year_outcome_through", month_json(q->year - 1, nd->total.previous_through),
		"previous_year_reason", previous_reason(nd, q));
}

/* Merges @p part (stolen) into @p o; false when it is NULL or the merge fails. */
static bool merge(json_t *o, json_t *part)
{
	bool ok = part && json_object_update(o, part) == 0;
	json_decref(part);
	return ok;
}

bool budget_rollup_economy_columns(json_t *o, const struct rollup_node *nd,
				   const struct rollup_query *q)
{
	const struct rollup_display *s = &nd->shown;
	json_t *own = json_pack("{s:s, s:I, s:I, s:o, s:b}",
		"kind", names_name(kind_names, NAMES_COUNT(kind_names), nd->kind),
		"budget_original", (json_int_t)s->budget_original,
		"budget_changes", (json_int_t)s->budget_changes,
		"outcome_through", month_json(q->year, nd->total.outcome_through),
		"outcome_incomplete", s->outcome_incomplete);
	if (!merge(o, own) || !merge(o, forecast_columns(s)) || !merge(o, previous_columns(nd, q)))
		return false;
	if (q->ledger != RL_INVESTERING)
		return true;
	return !json_object_set_new(o, "spent_share_pct", s->has_spent_share ?
				    json_real(s->spent_share_pct) : json_null());
}

/* ==== the explain ========================================================================= */

/* How far the outcome runs into the period. */
static json_t *outcome_coverage(const struct rollup_node *nd, const struct rollup_query *q)
{
	const struct rollup_display *s = &nd->shown;
	char text[256];
	if (s->outcome_incomplete)
		snprintf(text, sizeof text, "the outcome lines reach month %d only, the period's "
			 "budget runs through month %d: the deviation compares %d months of budget "
			 "with %d of outcome", nd->total.outcome_through, q->last_month,
			 q->last_month - q->first_month + 1,
			 nd->total.outcome_through >= q->first_month ?
			 nd->total.outcome_through - q->first_month + 1 : 0);
	else
		snprintf(text, sizeof text, "the outcome lines reach the period's last month");
	return json_pack("{s:s, s:o, s:o, s:b, s:s}", "rule", "outcome_through",
		"outcome_through", month_json(q->year, nd->total.outcome_through),
		"period_last_month", month_json(q->year, q->last_month),
		"incomplete", s->outcome_incomplete, "text", text);
}

/* Last year's comparison: the same months, and whether its outcome covers them. */
static json_t *previous_year(const struct rollup_node *nd, const struct rollup_query *q)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o}", "rule", "same_months_last_year",
		"text", "last year's outcome and budget for the same months, the outcome only "
		"when last year's outcome lines reach the period's last month",
		"from", month_json(q->year - 1, q->first_month),
		"to", month_json(q->year - 1, q->last_month),
		"outcome_through", month_json(q->year - 1, nd->total.previous_through),
		"coverage", coverage_names[nd->shown.previous],
		"reason", previous_reason(nd, q));
}

/* The frame: the original budget and the changes decided since, with the query that lists
 * the decisions (for a unit node). */
static json_t *budget_frame(const struct rollup_node *nd, const struct rollup_query *q)
{
	char query[160];
	const struct rollup_figures *t = &nd->total;
	snprintf(query, sizeof query, "/api/v1/budget/frame?unit_id=%lld&year=%d&ledger=%s",
		 (long long)nd->unit_id, q->year, q->ledger == RL_INVESTERING ? "investering" :
		 "drift");
	return json_pack("{s:I, s:I, s:o}",
		"budget_original_kr", (json_int_t)(t->budget_year - t->budget_changes),
		"budget_changes_kr", (json_int_t)t->budget_changes,
		"frame_query", nd->unit_id ? json_string(query) : json_null());
}

bool budget_rollup_economy_explain(json_t *e, const struct rollup_node *nd,
				   const struct rollup_query *q)
{
	if (json_object_set_new(e, "outcome_coverage", outcome_coverage(nd, q)) ||
	    json_object_set_new(e, "previous_year", previous_year(nd, q)))
		return false;
	return nd->total.budget_changes == 0 ||
	       !json_object_set_new(e, "budget_frame", budget_frame(nd, q));
}

json_t *budget_rollup_forecast_explain(const struct rollup_node *nd)
{
	const struct rollup_figures *t = &nd->total;
	return json_pack("{s:s, s:i, s:o, s:I, s:I}", "rule",
		"the latest forecast made on or before the period's last month, per unit ×"
		" activity × account (per unit × project for investments); the previous forecast"
		" is each cell's one before it, shown when every cell has one",
		"latest_month", t->forecast_month,
		"previous_month", t->forecast_previous_month ?
		json_integer(t->forecast_previous_month) : json_null(),
		"cells", (json_int_t)t->forecast_cells,
		"cells_with_previous", (json_int_t)t->forecast_previous_cells);
}

/* The forecast that would give the next better colour, or null when green. */
static json_t *forecast_next_better(const struct rollup_display *s)
{
	if (!s->assessment.has_next)
		return json_null();
	return json_pack("{s:s, s:I, s:I}", "color", color_name(s->assessment.next_color),
			 "forecast_year_kr_at_least", (json_int_t)s->assessment.next_outcome_kr,
			 "overspend_kr_at_most", (json_int_t)s->next_overspend_kr);
}

json_t *budget_rollup_forecast_rule(const struct rollup_node *nd)
{
	const struct rollup_display *s = &nd->shown;
	const struct budget_effective *set = &nd->settings;
	char text[256];
	snprintf(text, sizeof text, "assessed on the forecast (the unit's basis): green when "
		 "forecast − annual budget ≥ 0; yellow when the overspend is at most %d.%02d %% of "
		 "|annual budget|; red beyond", set->yellow_bp / 100, set->yellow_bp % 100);
	return json_pack("{s:s, s:s, s:{s:I, s:I, s:I}, s:{s:i, s:I, s:o, s:o}, s:o}",
		"rule", "budget_forecast_deviation", "text", text,
		"inputs", "forecast_year_kr", (json_int_t)nd->total.forecast_year,
		"budget_year_kr", (json_int_t)nd->total.budget_year,
		"deviation_kr", (json_int_t)s->assessment.deviation_kr,
		"thresholds", "yellow_bp", set->yellow_bp,
		"yellow_limit_kr", (json_int_t)s->assessment.yellow_limit_kr,
		"set_on_unit_id", set->yellow_from ? json_integer(set->yellow_from) : json_null(),
		"basis_set_on_unit_id", set->basis_from ? json_integer(set->basis_from) : json_null(),
		"next_better", forecast_next_better(s));
}

json_t *budget_rollup_unassessed(const struct rollup_node *nd)
{
	const char *rule = "budget_deviation", *text =
		"no budget or outcome lines for this period: not assessed";
	if (nd->shown.unassessed == RU_INVESTMENT) {
		rule = "investment_ledger";
		text = "investments are not coloured: spending less than the investment budget "
		       "usually means a delayed project, not a saving; read the share spent";
	} else if (nd->shown.unassessed == RU_NO_FORECAST) {
		rule = "budget_forecast_deviation";
		text = "the unit assesses on its forecast, and no forecast is made on or before "
		       "the period's last month: not assessed";
	}
	return json_pack("{s:n, s:{s:s, s:s}}", "color", "explain", "rule", rule, "text", text);
}
