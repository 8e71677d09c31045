/*
 * GET /api/v1/budget/rollup — the budget-versus-outcome table of a report: for every node of
 * the unit tree (or every activity or account), the year's and the period's budget, the
 * outcome, the deviation and its assessment, the forecast and last year's figure.  Storage
 * loads the input (src/db/budget_rollup.c), the domain builds and presents the tree
 * (src/domain/rollup.c), and budget_rollup_render.c writes it as JSON or CSV; this file parses
 * the query and tells the outcomes apart.  The route is memoised
 * (include/folja/memo.h): a repeated read costs a lookup, and a write makes every earlier reply
 * stale at once.
 */
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/period.h"
#include "folja/rollup.h"

#include "budget.h"

static const char *const group_names[] = {"unit", "activity", "account", NULL};
static const char *const rounding_names[] = {"each", "consistent", NULL};
static const char *const scale_names[] = {"kr", "tkr", "mnkr", NULL};

struct rollup_params {
	int64_t unit_id;
	struct period period;
	const char *group_by, *rounding, *scale;
	int64_t depth;
	bool cumulative;
};

#define RP(m) offsetof(struct rollup_params, m)
const struct query_spec api_budget_rollup_query = {
	(const struct q_param[]){
		{"unit_id", Q_INT, RP(unit_id), Q_REQUIRED, 1, INT64_MAX, IN_NULL, NULL, "3"},
		{"period", Q_PERIOD, RP(period), Q_REQUIRED, 0, 0, 0, NULL, "2021-T1"},
		{"group_by", Q_ENUM, RP(group_by), 0, 0, 0, 0, group_names, NULL},
		{"depth", Q_INT, RP(depth), 0, 0, 64, -1, NULL, NULL},
		{"scale", Q_ENUM, RP(scale), 0, 0, 0, 0, scale_names, NULL},
		{"rounding", Q_ENUM, RP(rounding), 0, 0, 0, 0, rounding_names, NULL},
		{"cumulative", Q_BOOL, RP(cumulative), 0, 0, 0, 1, NULL, NULL},
		{0}},
	sizeof(struct rollup_params), FORMAT_JSON | FORMAT_CSV,
};
#undef RP

/* The index of @p s among @p names (0 when NULL: the first is the default). */
static int choice_index(const char *s, const char *const *names)
{
	for (int i = 0; s && names[i]; i++)
		if (names[i] == s)
			return i;
	return 0;
}

/* The rollup query of the parsed parameters. */
static void rollup_query_from(const struct rollup_params *in, struct rollup_query *q)
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
}

/* Builds and presents the rollup of @p d for @p q; NULL with *rc set on failure: a sum beyond
 * the range of amounts is the request's (DB_INVALID, a 422), out of memory is the server's,
 * stored data breaking the rollup's contract is DB_ERROR. */
static struct rollup_node *rollup_compute(const struct rollup_data *d,
					  const struct rollup_query *q, enum db_rc *rc)
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

/* The rollup of @p in as JSON, or as CSV rows with @p csv (new reference); NULL with *rc set
 * on failure. */
static json_t *rollup_out(struct db *db, const struct rollup_params *in, bool csv,
			  enum db_rc *rc)
{
	struct rollup_query q;
	struct rollup_data d;
	json_t *out = NULL;
	rollup_query_from(in, &q);
	*rc = db_budget_rollup_load(db, in->unit_id, q.year, q.group, &d);
	if (*rc != DB_OK)
		return NULL;
	struct rollup_node *root = rollup_compute(&d, &q, rc);
	if (root) {
		out = csv ? budget_rollup_rows(root) : budget_rollup_json(root, &q);
		*rc = out ? DB_OK : DB_NOMEM;
	}
	rollup_free(root);
	db_budget_rollup_data_free(&d);
	return out;
}

json_t *api_budget_rollup_body(struct db *db, const struct rollup_params *p,
			       const struct api_view *v, enum db_rc *rc)
{
	(void)v;   /* budget figures are the same for every viewer */
	return rollup_out(db, p, false, rc);
}

/* GET /api/v1/budget/rollup?unit_id=&period=&group_by=&depth=&scale=&rounding=&cumulative=
 * &format=csv */
void api_budget_rollup(struct req *r)
{
	const struct rollup_params *in = REQ_QUERY(r, struct rollup_params);
	struct db *db;
	struct api_view v = api_view_of(r);
	enum db_rc rc;
	bool csv = req_wants_csv(r);

	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	json_t *out = csv ? rollup_out(db, in, true, &rc)
			  : api_budget_rollup_body(db, in, &v, &rc);
	if (out && csv)
		reply_csv(r, out, "rollup.csv");
	else if (out)
		reply_json(r, 200, out);
	else if (rc == DB_INVALID)
		reply_problem(r, 422, "out_of_range", NULL,
			      "the rollup's sums leave the range of amounts (±9e15 kr)");
	else
		api_db_error(r, rc, "unit");
}
