/*
 * /api/v1/indicators — the indicator register: what a goal is measured by.
 *
 * An indicator has a direction (higher or lower is better), a target with a yellow tolerance
 * band, the number of decimals it is compared at, and optionally the Kolada KPI it follows.
 * It is a versioned resource (src/api/resource.c): this file declares its input, its rules and
 * the checks of the goal, unit and statistic it names, and lists indicators.  Its values are in
 * indicators_values.c, the comparison with other municipalities in indicators_peers.c.
 */
#include <math.h>

#include "folja/api.h"
#include "folja/db_goals.h"
#include "folja/db_indicators.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"

#include "indicators.h"

static const char *const measure_units[] = {"percent", "count", "kr", "tkr", "days", "ratio",
					    NULL};
static const char *const directions[] = {"higher_is_better", "lower_is_better", NULL};

static const struct in_field indicator_spec[] = {
	{"goal_id", IN_INT, offsetof(struct indicator_in, goal_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"unit_id", IN_INT, offsetof(struct indicator_in, unit_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"name", IN_TEXT, offsetof(struct indicator_in, name), IN_REQUIRED, 0, 1000, NULL},
	{"measure_unit", IN_ENUM, offsetof(struct indicator_in, measure_unit), IN_REQUIRED, 0, 0,
	 measure_units},
	{"direction", IN_ENUM, offsetof(struct indicator_in, direction), IN_REQUIRED, 0, 0,
	 directions},
	{"target", IN_NUMBER, offsetof(struct indicator_in, target), IN_NULLABLE, 0, 0, NULL},
	{"yellow_tolerance", IN_NUMBER, offsetof(struct indicator_in, yellow_tolerance), IN_NULLABLE,
	 0, 0, NULL},
	{"decimals", IN_INT, offsetof(struct indicator_in, decimals), IN_NULLABLE, 0, 6, NULL},
	{"kolada_kpi", IN_STRING, offsetof(struct indicator_in, kolada_kpi), IN_NULLABLE, 0, 32,
	 NULL},
	{"source", IN_TEXT, offsetof(struct indicator_in, source), IN_NULLABLE, 0, 500, NULL},
	{"sort", IN_INT, offsetof(struct indicator_in, sort), IN_NULLABLE, -1000000, 1000000, NULL},
	{"statistic_id", IN_INT, offsetof(struct indicator_in, statistic_id), IN_NULLABLE, 1,
	 INT64_MAX, NULL},
	{"dims", IN_JSON, offsetof(struct indicator_in, dims), IN_NULLABLE, 0, 0, NULL},
	{"id", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"version", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"created_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

static bool indicator_rules_or_reply(struct req *r, void *input)
{
	const struct indicator_in *in = input;
	json_t *errors = NULL;
	api_indicator_number_check(&errors, "target", in->target);
	if (!isnan(in->yellow_tolerance) && in->yellow_tolerance < 0)
		problem_field(&errors, "yellow_tolerance", "must be zero or more");
	else
		api_indicator_number_check(&errors, "yellow_tolerance", in->yellow_tolerance);
	return input_errors_or_reply(r, errors);
}

struct indicators_query {
	int64_t limit, offset;
	struct indicator_filter f;
};

const struct query_spec api_indicators_list_query = {
	(const struct q_param[]){
		Q_PAGING(struct indicators_query),
		Q_ID("goal_id", struct indicators_query, f.goal_id),
		Q_ID("unit_id", struct indicators_query, f.unit_id),
		{"kolada_kpi", Q_STRING, offsetof(struct indicators_query, f.kolada_kpi), 0, 0, 32, 0,
		 NULL, NULL},
		{0}},
	sizeof(struct indicators_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/indicators[?goal_id=&unit_id=&kolada_kpi=&limit=&offset=] */
void api_indicators_list(struct req *r)
{
	const struct indicators_query *q = REQ_QUERY(r, struct indicators_query);
	struct indicator_filter f = q->f;
	int64_t limit = q->limit, offset = q->offset, total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, f.unit_id))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_indicators_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "indicator");
		return;
	}
	reply_list(r, items, total, limit, offset);
}

/* The goal and the unit the indicator names must exist. */
static enum db_rc indicator_check(struct db *db, int64_t id, const void *input,
				  struct resource_error *err)
{
	const struct indicator_in *in = input;
	json_t *row = NULL;
	enum db_rc rc = DB_OK;
	(void)id;
	if (in->goal_id != IN_NULL) {
		rc = db_goals_get(db, in->goal_id, &row);
		json_decref(row);
		row = NULL;
		if (rc == DB_NOT_FOUND)
			return resource_refuse(err, "unknown_reference", "goal_id", "names no goal");
	}
	if (rc == DB_OK && in->unit_id != IN_NULL) {
		rc = db_units_get(db, in->unit_id, &row);
		json_decref(row);
		if (rc == DB_NOT_FOUND)
			return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	}
	/* an indicator fed by a statistic: see api/statistics_indicator.c */
	if (rc == DB_OK)
		rc = api_statistics_indicator_check(db, in->statistic_id, in->unit_id, in->dims,
						    err);
	return rc;
}

static enum db_rc indicator_insert(struct db *db, const void *in, int64_t *id)
{
	return db_indicators_insert(db, in, id);
}

static enum db_rc indicator_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_indicators_update(db, id, version, in);
}

const struct resource folja_indicators = {
	.entity = "indicator",
	.collection = "/api/v1/indicators",
	.spec = indicator_spec,
	.in_size = sizeof(struct indicator_in),
	.rules_or_reply = indicator_rules_or_reply,
	.check = indicator_check,
	.get = db_indicators_get,
	.insert = indicator_insert,
	.update = indicator_update,
	.remove = db_indicators_delete,
	.referenced_detail = "the indicator still has values; delete those first",
};
