/*
 * What the budget handlers share: the input spec of a budget line and its cross-field rules,
 * used alike by the single-line resource (budget.c) and the bulk import (budget_import.c).
 */
#ifndef FOLJA_API_BUDGET_H
#define FOLJA_API_BUDGET_H

#include <jansson.h>

#include "folja/db_budget.h"
#include "folja/input.h"

extern const struct in_field budget_line_spec[];
/* "budget", "outcome", "forecast", NULL */
extern const char *const budget_measures[];

/** Appends to *errors what the spec cannot check (e.g. a month on a non-budget measure). */
void budget_line_rules(const struct budget_line_in *in, json_t **errors);

#endif
