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

/** Appends to *errors what the spec cannot check (e.g. a month on a non-budget measure). */
void budget_line_rules(const struct budget_line_in *in, json_t **errors);

/**
 * The rollup reply {period, scale, rounding, group_by, cumulative, year, first_month,
 * last_month, root: NODE} of the presented tree @p root (borrowed; rollup_present() done for
 * @p q), each NODE with its figures, assessment and explain and its shown children.  A new
 * reference; NULL when out of memory.
 */
json_t *budget_rollup_json(const struct rollup_node *root, const struct rollup_query *q);

/** The same shown nodes as flat rows in tree order (a depth column first, the colour last)
 *  for CSV.  A new reference; NULL when out of memory. */
json_t *budget_rollup_rows(const struct rollup_node *root);

#endif
