/*
 * The rollup as the API shows it: the JSON reply of GET /api/v1/budget/rollup and its CSV rows.
 *
 * Everything here is presentation of what src/domain/rollup.c computed (rollup_present()'s
 * figures per node): field names and order, nulls for figures that do not exist, and each
 * node's explain object — the rule in words, its inputs and thresholds, the outcome that would
 * give the next better colour, the period and periodisation, the forecast used, and the
 * sources: the aggregate table read, the line counts, the ids of the lines when they are few,
 * and the URL that lists them.  Only nodes the domain marked shown are rendered.  The figures
 * of the economy beyond the operating budget (frame, previous forecast, coverage, last year's
 * budget, the share of an investment spent) and their explains are budget_rollup_economy.c's.
 */
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/color.h"
#include "folja/money.h"

#include "budget.h"

static const char *group_name(enum rollup_group g)
{
	static const char *const names[] = {[RG_UNIT] = "unit", [RG_ACTIVITY] = "activity",
		[RG_ACCOUNT] = "account", [RG_PROJECT] = "project",
		[RG_UNIT_ACTIVITY] = "unit,activity"};
	return names[g];
}

/* The query parameter that filters budget lines by a key node's key. */
static const char *key_param(enum rollup_group g)
{
	return g == RG_ACCOUNT ? "account" : g == RG_PROJECT ? "project" : "activity";
}

static const char *ledger_name(enum rollup_ledger l)
{
	return l == RL_INVESTERING ? "investering" : "drift";
}

static json_t *amount_or_null(bool present, int64_t v)
{
	return present ? json_integer(v) : json_null();
}

/* ==== the explain object ================================================================== */

/* Percent-encodes @p s for a query string (RFC 3986 unreserved characters kept); cut short,
 * never mid-escape, when @p cap is too small. */
static void url_encode(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 <= cap; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
}

/* The budget-lines query that lists a node's lines: its unit's, or its key's (under its unit
 * when keys nest under units), in the rollup's ledger. */
static void lines_query(const struct rollup_node *nd, const struct rollup_query *q, char *out,
			size_t cap)
{
	char code[384];
	if (nd->unit_id) {
		snprintf(out, cap, "/api/v1/budget-lines?unit_id=%lld&year=%d&ledger=%s",
			 (long long)nd->unit_id, q->year, ledger_name(q->ledger));
		return;
	}
	url_encode(nd->key, code, sizeof code);
	if (q->group == RG_UNIT_ACTIVITY)
		snprintf(out, cap, "/api/v1/budget-lines?unit_id=%lld&activity=%s&year=%d"
			 "&ledger=%s", (long long)nd->owner_unit_id, code, q->year,
			 ledger_name(q->ledger));
	else
		snprintf(out, cap, "/api/v1/budget-lines?%s=%s&year=%d&ledger=%s",
			 key_param(q->group), code, q->year, ledger_name(q->ledger));
}

/* Where the figures come from.  A node names its lines by id when it draws on a few;
 * otherwise its sources are the aggregate rows (never thousands of ids in a reply) and the
 * query listing the lines. */
static json_t *explain_sources(const struct rollup_node *nd, const struct rollup_query *q)
{
	static const char *const tables[] = {[RG_UNIT] = "budget_agg_unit",
		[RG_ACTIVITY] = "budget_agg_activity", [RG_ACCOUNT] = "budget_agg_account",
		[RG_PROJECT] = "budget_agg_project", [RG_UNIT_ACTIVITY] = "budget_agg_activity"};
	char query[512];
	lines_query(nd, q, query, sizeof query);
	json_t *src = json_pack("{s:s, s:s, s:I, s:I, s:I, s:s, s:b}",
		"kind", nd->lines_listed ? "lines" : "aggregate",
		"table", q->ledger == RL_INVESTERING ? "budget_agg_project" : tables[q->group],
		"aggregate_rows", (json_int_t)nd->total.facts,
		"lines", (json_int_t)nd->total.lines,
		"own_lines", (json_int_t)nd->own.lines,
		"lines_query", query,
		"subtree", (nd->unit_id != 0 && (q->group == RG_UNIT ||
						 q->group == RG_UNIT_ACTIVITY)) ||
			   (nd->unit_id == 0 && nd->nchildren > 0));
	if (!src || !nd->lines_listed)
		return src;
	json_t *ids = json_array();
	for (size_t i = 0; ids && i < nd->nline_ids; i++)
		if (json_array_append_new(ids, json_integer(nd->line_ids[i])))
			json_decref(ids), ids = NULL;
	if (json_object_set_new(src, "line_ids", ids))
		json_decref(src), src = NULL;
	return src;
}

/* The colour one step better and what it would take, or null when green. */
static json_t *explain_next_better(const struct rollup_display *s)
{
	if (!s->assessment.has_next)
		return json_null();
	return json_pack("{s:s, s:I, s:I}", "color", color_name(s->assessment.next_color),
			 "outcome_period_kr_at_least", (json_int_t)s->assessment.next_outcome_kr,
			 "overspend_kr_at_most", (json_int_t)s->next_overspend_kr);
}

/* The rule, its inputs (kronor) and its thresholds; on the forecast when that is the node's
 * basis (budget_rollup_forecast_rule()). */
static json_t *explain_rule(const struct rollup_node *nd)
{
	const struct rollup_display *s = &nd->shown;
	const struct budget_effective *set = &nd->settings;
	char text[256];
	if (s->basis == BUDGET_BASIS_FORECAST)
		return budget_rollup_forecast_rule(nd);
	snprintf(text, sizeof text, "green when outcome − budget ≥ 0; yellow when the overspend "
		 "is at most %d.%02d %% of |budget|; red beyond", set->yellow_bp / 100,
		 set->yellow_bp % 100);
	return json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:o}, s:{s:i, s:I, s:o}, s:o}",
		"rule", "budget_deviation", "text", text,
		"inputs", "outcome_period_kr", (json_int_t)nd->total.outcome_period,
		"budget_period_kr", (json_int_t)nd->total.budget_period,
		"deviation_kr", (json_int_t)s->assessment.deviation_kr,
		"deviation_pct", s->has_pct ? json_real(s->deviation_pct) : json_null(),
		"thresholds", "yellow_bp", set->yellow_bp,
		"yellow_limit_kr", (json_int_t)s->assessment.yellow_limit_kr,
		"set_on_unit_id", set->yellow_from ? json_integer(set->yellow_from) : json_null(),
		"next_better", explain_next_better(s));
}

/* The period, and the periodisation and forecast when the node has them. */
static bool explain_period(json_t *e, const struct rollup_node *nd, const struct rollup_query *q)
{
	const struct rollup_figures *t = &nd->total;
	if (json_object_set_new(e, "period", json_pack("{s:s, s:i, s:i, s:i, s:b}",
			"period", q->period, "year", q->year, "first_month", q->first_month,
			"last_month", q->last_month, "cumulative", q->cumulative)))
		return false;
	if (t->annual_budget != 0 &&
	    json_object_set_new(e, "periodisation", json_pack("{s:I, s:s}",
			"annual_budget_kr", (json_int_t)t->annual_budget,
			"profile", nd->settings.has_profile ? "unit profile" : "linear")))
		return false;
	return !t->has_forecast ||
	       !json_object_set_new(e, "forecast", budget_rollup_forecast_explain(nd));
}

/* The explain of an assessed node; NULL when out of memory. */
static json_t *explain(const struct rollup_node *nd, const struct rollup_query *q)
{
	json_t *e = explain_rule(nd);
	if (e && (!explain_period(e, nd, q) ||
		  json_object_set_new(e, "sources", explain_sources(nd, q)) ||
		  !budget_rollup_economy_explain(e, nd, q)))
		json_decref(e), e = NULL;
	return e;
}

/* {color, explain}: a node without a single line, an investment, and a node assessed on a
 * forecast that is not made are not assessed. */
static json_t *assessment(const struct rollup_node *nd, const struct rollup_query *q)
{
	if (!nd->shown.assessed)
		return budget_rollup_unassessed(nd);
	return json_pack("{s:s, s:o}", "color", color_name(nd->shown.assessment.color),
			 "explain", explain(nd, q));
}

/* ==== nodes and rows ====================================================================== */

/* Sets the columns a node and a CSV row share, key to change, on @p o; false when out of
 * memory. */
static bool node_columns(json_t *o, const struct rollup_node *nd)
{
	const struct rollup_display *s = &nd->shown;
	json_t *cols = json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
		"key", nd->key && *nd->key ? json_string(nd->key) : json_null(),
		"unit_id", nd->unit_id ? json_integer(nd->unit_id) : json_null(),
		"name", nd->name ? json_string(nd->name) : json_null(),
		"budget_year", (json_int_t)s->budget_year,
		"budget_period", (json_int_t)s->budget_period,
		"outcome_period", (json_int_t)s->outcome_period,
		"deviation_period", (json_int_t)s->deviation_period,
		"deviation_pct", s->has_pct ? json_real(s->deviation_pct) : json_null(),
		"forecast_year", amount_or_null(s->has_forecast, s->forecast_year),
		"forecast_deviation", amount_or_null(s->has_forecast, s->forecast_deviation),
		"previous_year_outcome", amount_or_null(s->has_previous, s->previous_year_outcome),
		"change", amount_or_null(s->has_previous, s->change));
	bool ok = cols && json_object_update(o, cols) == 0;
	json_decref(cols);
	return ok;
}

/* A node of the reply and its shown children; NULL when out of memory.  (The *_new setters
 * take their value even when they fail.) */
static json_t *node_json(const struct rollup_node *nd, const struct rollup_query *q)
{
	json_t *o = json_object(), *children = json_array();
	bool ok = o && children && node_columns(o, nd) &&
		  !json_object_set_new(o, "lines", json_integer(nd->total.lines)) &&
		  !json_object_set_new(o, "assessment", assessment(nd, q));
	for (size_t i = 0; ok && i < nd->nchildren; i++)
		if (nd->children[i]->shown.shown)
			ok = !json_array_append_new(children, node_json(nd->children[i], q));
	if (!ok)
		goto cleanup;
	ok = !json_object_set_new(o, "children", children);
	children = NULL;  /* taken by the setter, even when it failed */
	ok = ok && budget_rollup_economy_columns(o, nd, q);
cleanup:
	json_decref(children);
	if (!ok) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

/* The CSV row of one node: depth, the shared columns, color, the economy's columns. */
static json_t *node_row(const struct rollup_node *nd, const struct rollup_query *q)
{
	json_t *row = json_pack("{s:i}", "depth", nd->depth);
	if (row && node_columns(row, nd) &&
	    !json_object_set_new(row, "color", nd->shown.assessed ?
				 json_string(color_name(nd->shown.assessment.color)) : json_null()) &&
	    budget_rollup_economy_columns(row, nd, q))
		return row;
	json_decref(row);
	return NULL;
}

/* Appends the row of @p nd and then its shown children's to @p rows; false when out of
 * memory. */
static bool node_rows(const struct rollup_node *nd, const struct rollup_query *q, json_t *rows)
{
	bool ok = !json_array_append_new(rows, node_row(nd, q));
	for (size_t i = 0; ok && i < nd->nchildren; i++)
		if (nd->children[i]->shown.shown)
			ok = node_rows(nd->children[i], q, rows);
	return ok;
}

/* ==== the reply =========================================================================== */

static json_t *with_open_actions(json_t *reply, const struct rollup_query *q);

json_t *budget_rollup_json(const struct rollup_node *root, const struct rollup_query *q)
{
	return with_open_actions(json_pack("{s:s, s:s, s:s, s:s, s:b, s:i, s:i, s:i, s:o, s:s, s:b}",
		"period", q->period, "scale", money_scale_name(q->scale),
		"rounding", q->consistent ? "consistent" : "each",
		"group_by", group_name(q->group), "cumulative", q->cumulative,
		"year", q->year, "first_month", q->first_month, "last_month", q->last_month,
		"root", node_json(root, q), "ledger", ledger_name(q->ledger),
		"subtotals", q->subtotals), q);
}

json_t *budget_rollup_rows(const struct rollup_node *root, const struct rollup_query *q)
{
	json_t *rows = json_array();
	if (rows && !node_rows(root, q, rows)) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

/* ==== open actions (the actions register) ================================================= */

/* Each unit node of @p reply (taken) with the open actions that answer its budget deviation
 * (origin budget, by unit) as at the period's last day: `actions` and `actions_open`, from
 * src/api/actions_summary.c.  The figures above are untouched.  NULL when out of memory or
 * the register cannot be read. */
static json_t *with_open_actions(json_t *reply, const struct rollup_query *q)
{
	struct db *db = reply ? db_thread() : NULL;
	struct date cut_off = {q->year, q->last_month,
			       date_days_in_month(q->year, q->last_month)};
	if (reply && (!db || !api_actions_attach_rollup(db, json_object_get(reply, "root"),
							 cut_off))) {
		json_decref(reply);
		return NULL;
	}
	return reply;
}
