/*
 * Budget lines over HTTP (/api/v1/budget-lines): one ledger fact each — unit, activity,
 * account, year, month, measure (budget, outcome, forecast) and whole kronor, in the operating
 * ledger (drift) or among investments (investering, optionally on a project); a budget line is
 * the original budget or a change of the frame, with the decision's date and reference.  An
 * annual operating budget has no month and is periodised by its unit's profile when read.  Single lines are a versioned
 * resource (src/api/resource.c); the triggers of sql/0002-budget.sql keep the aggregates the
 * rollups read in the same transaction.
 */
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/db_units.h"
#include "folja/money.h"
#include "folja/period.h"
#include "folja/resource.h"

#include "budget.h"

const char *const budget_measures[] = {"budget", "outcome", "forecast", NULL};
const char *const budget_ledgers[] = {"drift", "investering", NULL};
const char *const budget_kinds[] = {"original", "change", NULL};

const struct in_field budget_line_spec[] = {
	{"unit_id", IN_INT, offsetof(struct budget_line_in, unit_id), IN_REQUIRED, 1, INT64_MAX,
	 NULL},
	{"activity", IN_STRING, offsetof(struct budget_line_in, activity), IN_NULLABLE, 0, 64, NULL},
	{"account", IN_STRING, offsetof(struct budget_line_in, account), IN_NULLABLE, 0, 64, NULL},
	{"year", IN_INT, offsetof(struct budget_line_in, year), IN_REQUIRED, PERIOD_YEAR_MIN,
	 PERIOD_YEAR_MAX, NULL},
	{"month", IN_INT, offsetof(struct budget_line_in, month), IN_NULLABLE, 1, 12, NULL},
	{"measure", IN_ENUM, offsetof(struct budget_line_in, measure), IN_REQUIRED, 0, 0, budget_measures},
	{"amount_kr", IN_INT, offsetof(struct budget_line_in, amount_kr), IN_REQUIRED,
	 -MONEY_MAX_KR, MONEY_MAX_KR, NULL},
	{"ledger", IN_ENUM, offsetof(struct budget_line_in, ledger), IN_NULLABLE, 0, 0,
	 budget_ledgers},
	{"project", IN_STRING, offsetof(struct budget_line_in, project), IN_NULLABLE, 0, 64, NULL},
	{"budget_kind", IN_ENUM, offsetof(struct budget_line_in, budget_kind), IN_NULLABLE, 0, 0,
	 budget_kinds},
	IN_FIELD("decided_on", IN_DATE, struct budget_line_in, decided_on, IN_NULLABLE),
	{"decision_ref", IN_TEXT, offsetof(struct budget_line_in, decision_ref), IN_NULLABLE, 0,
	 200, NULL},
	IN_FIELD("id", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("version", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("created_at", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct budget_line_in, activity, 0),
	{0}
};

/* The rules the spec cannot say: only a budget may be annual, and only a budget is changed
 * by a decision. */
void budget_line_rules(const struct budget_line_in *in, json_t **errors)
{
	bool budget = in->measure && strcmp(in->measure, "budget") == 0;
	if (in->month == IN_NULL && in->measure && !budget)
		problem_field(errors, "month", "is required for %s (only a budget may be annual)",
			      in->measure);
	if (in->budget_kind && strcmp(in->budget_kind, "change") == 0 && in->measure && !budget)
		problem_field(errors, "budget_kind", "change is for budget lines (a decided change "
			      "of the frame), not for %s", in->measure);
}

static bool line_rules_or_reply(struct req *r, void *in)
{
	json_t *errors = NULL;
	budget_line_rules(in, &errors);
	return input_errors_or_reply(r, errors);
}

/* ==== lines =============================================================================== */

/* The unit a line is booked on must exist. */
static enum db_rc line_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	const struct budget_line_in *in = input;
	json_t *unit = NULL;
	(void)id;
	enum db_rc rc = db_units_get(db, in->unit_id, &unit);
	json_decref(unit);
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	return rc;
}

static enum db_rc line_insert(struct db *db, const void *in, int64_t *id)
{
	return db_budget_insert(db, in, id);
}

static enum db_rc line_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_budget_update(db, id, version, in);
}

/* GET, POST, PATCH (merge patch over the stored line) and DELETE of /api/v1/budget-lines; the
 * aggregates follow each write through the triggers of sql/0002-budget.sql. */
const struct resource folja_budget_lines = {
	.entity = "budget line",
	.audit_entity = "budget_line",
	.collection = "/api/v1/budget-lines",
	.spec = budget_line_spec,
	.in_size = sizeof(struct budget_line_in),
	.rules_or_reply = line_rules_or_reply,
	.check = line_check,
	.lock = api_budget_line_lock,
	.get = db_budget_get,
	.insert = line_insert,
	.update = line_update,
	.remove = db_budget_delete,
};

struct lines_query {
	int64_t limit, offset;
	struct budget_filter f;
};

#define LQ(m) offsetof(struct lines_query, f.m)
const struct query_spec api_budget_lines_query = {
	(const struct q_param[]){
		Q_PAGING(struct lines_query),
		Q_ID("unit_id", struct lines_query, f.unit_id),
		{"year", Q_INT, LQ(year), 0, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, IN_NULL, NULL, NULL},
		{"month", Q_INT, LQ(month), 0, 1, 12, IN_NULL, NULL, NULL},
		{"measure", Q_ENUM, LQ(measure), 0, 0, 0, 0, budget_measures, NULL},
		{"activity", Q_STRING, LQ(activity), 0, 0, 64, 0, NULL, NULL},
		{"account", Q_STRING, LQ(account), 0, 0, 64, 0, NULL, NULL},
		{"ledger", Q_ENUM, LQ(ledger), 0, 0, 0, 0, budget_ledgers, NULL},
		{"project", Q_STRING, LQ(project), 0, 0, 64, 0, NULL, NULL},
		{"budget_kind", Q_ENUM, LQ(budget_kind), 0, 0, 0, 0, budget_kinds, NULL},
		{0}},
	sizeof(struct lines_query), FORMAT_JSON | FORMAT_CSV,
};
#undef LQ

/* GET /api/v1/budget-lines[?unit_id=&year=&month=&measure=&activity=&account=&ledger=&project=
 * &budget_kind=&limit=&offset=] */
void api_budget_lines_list(struct req *r)
{
	const struct lines_query *q = REQ_QUERY(r, struct lines_query);
	int64_t limit = q->limit, offset = q->offset, total = 0;
	struct budget_filter f = q->f;
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, f.unit_id))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_budget_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "budget line");
		return;
	}
	reply_list(r, items, total, limit, offset);
}
