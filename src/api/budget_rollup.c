/*
 * GET /api/v1/budget/rollup — the budget-versus-outcome table of a report: for every node of
 * the unit tree (or every activity or account), the year's and the period's budget, the
 * outcome, the deviation and its assessment, the forecast and last year's figure.  The
 * computation is src/domain/rollup.c; this file parses the query.  The route is memoised
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

static bool choice_or_reply(struct req *r, const char *name, const char *const *choices,
			    int *out)
{
	const char *s = req_query(r, name);
	if (!s)
		return false;
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0) {
			*out = i;
			return false;
		}
	json_t *errors = NULL;
	problem_field(&errors, name, "must be one of the documented values");
	reply_problem(r, 400, "invalid_query", errors, "query parameter %s is not valid", name);
	return true;
}

/* `?scale=` through money_scale_parse; absent leaves *out. */
static bool scale_or_reply(struct req *r, enum money_scale *out)
{
	const char *s = req_query(r, "scale");
	if (!s || money_scale_parse(s, out))
		return false;
	json_t *errors = NULL;
	problem_field(&errors, "scale", "must be kr, tkr or mnkr");
	reply_problem(r, 400, "invalid_query", errors, "query parameter scale is not valid");
	return true;
}

static const char *const group_names[] = {"unit", "activity", "account", NULL};
static const char *const rounding_names[] = {"each", "consistent", NULL};

/* Parses the rollup query into @p q and the root unit into *unit_id; replies 400 and returns
 * true on a bad parameter. */
static bool rollup_query_or_reply(struct req *r, struct rollup_query *q, int64_t *unit_id)
{
	struct period p;
	bool has_period;
	int64_t depth = -1;
	int group = 0, rounding = 0;
	memset(q, 0, sizeof *q);
	*unit_id = IN_NULL;
	q->cumulative = true;
	q->scale = SCALE_KR;
	if (req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, unit_id) ||
	    req_query_int_or_reply(r, "depth", 0, 64, &depth) ||
	    choice_or_reply(r, "group_by", group_names, &group) ||
	    choice_or_reply(r, "rounding", rounding_names, &rounding) ||
	    scale_or_reply(r, &q->scale) ||
	    req_query_bool_or_reply(r, "cumulative", &q->cumulative))
		return true;
	if (*unit_id == IN_NULL) {
		json_t *errors = NULL;
		problem_field(&errors, "unit_id", "is required");
		reply_problem(r, 400, "invalid_query", errors, "query parameter unit_id is required");
		return true;
	}
	if (api_period_or_reply(r, "period", false, &p, &has_period))
		return true;
	if (!has_period) {
		json_t *errors = NULL;
		problem_field(&errors, "period", "period is required, e.g. 2021-T1");
		reply_problem(r, 400, "invalid_period", errors, "period is required, e.g. 2021-T1");
		return true;
	}
	q->year = p.year;
	q->last_month = period_last_month(p);
	q->first_month = q->cumulative ? 1 : period_first_month(p);
	period_format(p, q->period);
	q->group = (enum rollup_group)group;
	q->depth = (int)depth;
	q->consistent = rounding == 1;
	return false;
}

/* GET /api/v1/budget/rollup?unit_id=&period=&group_by=&depth=&scale=&rounding=&cumulative=
 * &format=csv */
void api_budget_rollup(struct req *r)
{
	struct rollup_query q;
	struct rollup_data d;
	struct db *db;
	int64_t unit_id;
	bool csv = req_wants_csv(r);

	if (rollup_query_or_reply(r, &q, &unit_id))
		return;
	if (api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_budget_rollup_load(db, unit_id, q.year, q.group, &d);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return;
	}
	q.root_yellow_bp = d.root_yellow_bp;
	q.root_has_profile = d.root_has_profile;
	memcpy(q.root_profile, d.root_profile, sizeof q.root_profile);
	q.root_settings_unit = d.root_settings_unit;
	q.lines = d.lines;
	q.nlines = d.nlines;
	q.lines_loaded = d.lines_loaded;
	struct rollup_node *root = rollup_build(d.units, d.nunits, d.facts, d.nfacts, &q);
	json_t *out = !root ? NULL : csv ? rollup_to_rows(root, &q) : rollup_to_json(root, &q);
	rollup_free(root);
	db_budget_rollup_data_free(&d);
	if (!out) {
		reply_problem(r, 422, "out_of_range", NULL,
			      "the rollup's sums leave the range of amounts (±9e15 kr)");
		return;
	}
	if (csv)
		reply_csv(r, out, "rollup.csv");
	else
		reply_json(r, 200, out);
}
