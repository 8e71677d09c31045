/*
 * What the budget query files (budget_lines.c, budget_import.c) share: the binding of a line's
 * values, so a single insert and a bulk import store a line alike.  Private to src/db/.
 */
#ifndef FOLJA_DB_BUDGET_BIND_H
#define FOLJA_DB_BUDGET_BIND_H

#include "folja/db_budget.h"

#include "sql.h"

/** Binds the values of @p input (a struct budget_line_in, borrowed) as ?2..?13: unit_id,
 *  activity, account, year, month, measure, amount_kr, ledger (drift when NULL), project,
 *  budget_kind (original when NULL), decided_on, decision_ref.  ?1 is left to the caller (the
 *  id in an UPDATE). */
void db_budget_bind_line(struct db_params *p, const void *input);

#endif
