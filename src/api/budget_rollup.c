/*
 * GET /api/v1/budget/rollup — the budget-versus-outcome table of a report: for every node of
 * the unit tree (or every activity, account or project, or each unit with its activities),
 * the year's and the period's budget with its original and changes, the outcome and how far
 * it runs, the deviation and its assessment, the forecast and the one before it, and last
 * year's figures for the same months.  With ledger=investering the same for investments:
 * budget, spent, forecast and the share spent, never coloured.  Storage loads the input
 * (src/db/budget_rollup.c), the domain builds and presents the tree (src/domain/rollup.c),
 * and budget_rollup_render.c writes it as JSON or CSV; this file parses the query and tells
 * the outcomes apart.  budget_rollup_body() is what a report section calls.  The route is
 * memoised (include/folja/memo.h): a repeated read costs a lookup, and a write makes every
 * earlier reply stale at once.
 */
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/period.h"
#include "folja/rollup.h"

#include "budget.h"

/* Indexed by enum rollup_group and enum rollup_ledger. */
static const char *const group_names[] = {"unit", "activity", "account", "project",
					   "unit,activity", NULL};
static const char *const ledger_names[] = {"drift", "investering", NULL};
static const char *const rounding_names[] = {"each", "consistent", NULL};
static const char *const scale_names[] = {"kr", "tkr", "mnkr", NULL};

#define RP(m) offsetof(struct budget_rollup_params, m)
const struct query_spec api_budget_rollup_query = {
	(const struct q_param[]){
		{"unit_id", Q_INT, RP(unit_id), Q_REQUIRED, 1, INT64_MAX, IN_NULL, NULL, "3"},
		{"period", Q_PERIOD, RP(period), Q_REQUIRED, 0, 0, 0, NULL, "2021-T1"},
		{"group_by", Q_ENUM, RP(group_by), 0, 0, 0, 0, group_names, NULL},
		{"depth", Q_INT, RP(depth), 0, 0, 64, -1, NULL, NULL},
		{"scale", Q_ENUM, RP(scale), 0, 0, 0, 0, scale_names, NULL},
		{"rounding", Q_ENUM, RP(rounding), 0, 0, 0, 0, rounding_names, NULL},
		{"cumulative", Q_BOOL, RP(cumulative), 0, 0, 0, 1, NULL, NULL},
		{"ledger", Q_ENUM, RP(ledger), 0, 0, 0, 0, ledger_names, NULL},
		{"subtotals", Q_BOOL, RP(subtotals), 0, 0, 0, 0, NULL, NULL},
		{0}},
	sizeof(struct budget_rollup_params), FORMAT_JSON | FORMAT_CSV,
};
#undef RP

/* The index of @p s among @p names (0 when NULL or unknown: the first is the default). */
static int choice_index(const char *s, const char *const *names)
{
	for (int i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

bool budget_rollup_params_check(const struct budget_rollup_params *p, json_t **errors)
{
	enum rollup_group g = (enum rollup_group)choice_index(p->group_by, group_names);
	bool investment = choice_index(p->ledger, ledger_names) == RL_INVESTERING;
	if (investment && g != RG_UNIT && g != RG_PROJECT)
		problem_field(errors, "group_by", "must be unit or project with "
			      "ledger=investering (investments are summed per project)");
	if (!investment && g == RG_PROJECT)
		problem_field(errors, "group_by", "project needs ledger=investering");
	if (p->subtotals && g != RG_ACCOUNT)
		problem_field(errors, "subtotals", "applies to group_by=account");
	return *errors == NULL;
}

/* The rollup query of the parameters. */
static void rollup_query_from(const struct budget_rollup_params *in, struct rollup_query *q)
{
	memset(q, 0, sizeof *q);
	q->cumulative = in->cumulative;
	q->scale = SCALE_KR;
	if (in->scale)
		money_scale_parse(in->scale, &q->scale);
	q->year = in->period.year;
	q->last_month = period_last_month(in->period);
	q->first_month = q->cumulative ? 1 : period_first_month(in->period);
	period_format(in->period, q->period);
	q->group = (enum rollup_group)choice_index(in->group_by, group_names);
	q->depth = (int)in->depth;
	q->consistent = choice_index(in->rounding, rounding_names) == 1;
	q->ledger = (enum rollup_ledger)choice_index(in->ledger, ledger_names);
	q->subtotals = in->subtotals;
}

/* Builds and presents the rollup of @p d for @p q; NULL with *rc on failure: a sum beyond the
 * range of amounts is DB_INVALID (the request's: 422), out of memory DB_NOMEM, stored data
 * breaking the rollup's contract DB_ERROR. */
static struct rollup_node *rollup_made(const struct rollup_data *d, const struct rollup_query *q,
				       enum db_rc *rc)
{
	enum rollup_status st;
	struct rollup_node *root = rollup_build(&d->in, q, &st);
	if (root)
		st = rollup_present(root, q);
	if (st == ROLLUP_OK)
		return root;
	rollup_free(root);
	*rc = st == ROLLUP_OVERFLOW ? DB_INVALID : st == ROLLUP_NOMEM ? DB_NOMEM : DB_ERROR;
	return NULL;
}

/* The reply for @p p as JSON, or as the CSV rows of the same nodes. */
static json_t *rollup_reply(struct db *db, const struct budget_rollup_params *p, bool csv,
			    enum db_rc *rc)
{
	struct rollup_query q;
	struct rollup_data d;
	rollup_query_from(p, &q);
	struct budget_rollup_ask ask = {p->unit_id, q.year, q.last_month, q.group, q.ledger};
	*rc = db_budget_rollup_load(db, &ask, &d);
	if (*rc != DB_OK)
		return NULL;
	json_t *out = NULL;
	struct rollup_node *root = rollup_made(&d, &q, rc);
	if (root) {
		out = csv ? budget_rollup_rows(root, &q) : budget_rollup_json(root, &q);
		*rc = out ? DB_OK : DB_NOMEM;
	}
	rollup_free(root);
	db_budget_rollup_data_free(&d);
	return out;
}

json_t *budget_rollup_body(struct db *db, const struct budget_rollup_params *p,
			   const struct api_view *v, enum db_rc *rc)
{
	(void)v;  /* budget figures are no counts of people: every view sees the same */
	return rollup_reply(db, p, false, rc);
}

/* GET /api/v1/budget/rollup?unit_id=&period=&group_by=&depth=&scale=&rounding=&cumulative=
 * &ledger=&subtotals=&format=csv */
void api_budget_rollup(struct req *r)
{
	const struct budget_rollup_params *p = REQ_QUERY(r, struct budget_rollup_params);
	json_t *errors = NULL;
	struct db *db;
	enum db_rc rc;
	bool csv = req_wants_csv(r);

	if (!budget_rollup_params_check(p, &errors)) {
		reply_problem(r, 400, "invalid_query", errors, "the query's parameters do not go "
			      "together");
		return;
	}
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, p->unit_id))
		return;
	json_t *out = rollup_reply(db, p, csv, &rc);
	if (out && csv)
		reply_csv(r, out, "rollup.csv");
	else if (out)
		reply_json(r, 200, out);
	else if (rc == DB_INVALID)
		reply_problem(r, 422, "out_of_range", NULL,
			      "the rollup's sums leave the range of amounts (±9e15 kr)");
	else if (rc == DB_NOMEM)
		reply_oom(r);
	else
		api_db_error(r, rc, rc == DB_NOT_FOUND ? "unit" : "rollup");
}
