/*
 * What the budget handlers share: the input spec of a budget line and its cross-field rules,
 * used alike by the single-line resource (budget.c) and the bulk import (budget_import.c), and
 * the rendering of a rollup (budget_rollup_render.c) for its handler (budget_rollup.c).
 */
#ifndef FOLJA_API_BUDGET_H
#define FOLJA_API_BUDGET_H

#include <jansson.h>

#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/rollup.h"

extern const struct in_field budget_line_spec[];
/* "budget", "outcome", "forecast", NULL */
extern const char *const budget_measures[];
/* "drift", "investering", NULL */
extern const char *const budget_ledgers[];
/* "original", "change", NULL */
extern const char *const budget_kinds[];

/** Appends to *errors what the spec cannot check (e.g. a month on a non-budget measure). */
void budget_line_rules(const struct budget_line_in *in, json_t **errors);

/**
 * The rollup reply {period, scale, rounding, group_by, cumulative, year, first_month,
 * last_month, root: NODE} of the presented tree @p root (borrowed; rollup_present() done for
 * @p q), each NODE with its figures, assessment and explain and its shown children.  A new
 * reference; NULL when out of memory.
 */
json_t *budget_rollup_json(const struct rollup_node *root, const struct rollup_query *q);

/** The same shown nodes as flat rows in tree order (a depth column first, the colour after the
 *  figures, then the economy's columns) for CSV.  A new reference; NULL when out of memory. */
json_t *budget_rollup_rows(const struct rollup_node *root, const struct rollup_query *q);

/* ---- the economy's part of a rollup node (budget_rollup_economy.c) ---- */

/** Sets a node's economy fields on @p o (borrowed): kind, the frame (original and changes),
 *  the previous forecast and its change, how far the outcome runs, last year's budget,
 *  deviation, months and why a figure is missing, and, for investments, the share spent.
 *  False when out of memory. */
bool budget_rollup_economy_columns(json_t *o, const struct rollup_node *nd,
				   const struct rollup_query *q);
/** Adds to an assessed node's explain @p e (borrowed) the outcome's coverage, last year's
 *  comparison and the frame.  False when out of memory. */
bool budget_rollup_economy_explain(json_t *e, const struct rollup_node *nd,
				   const struct rollup_query *q);
/** The explain's forecast object: the rule, the months used and the cells.  New reference. */
json_t *budget_rollup_forecast_explain(const struct rollup_node *nd);
/** The rule of an assessment on the forecast: its inputs, thresholds and the forecast that
 *  would give the next better colour.  New reference. */
json_t *budget_rollup_forecast_rule(const struct rollup_node *nd);
/** {color: null, explain} of a node that is not assessed, saying why.  New reference. */
json_t *budget_rollup_unassessed(const struct rollup_node *nd);

#endif
