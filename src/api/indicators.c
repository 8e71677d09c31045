/*
 * /api/v1/indicators — what a goal is measured by, and /api/v1/peer-values — what other
 * municipalities measured.
 *
 * An indicator has a direction (higher or lower is better), a target with a yellow tolerance
 * band, and values per period of any kind (year, tertial, month, ...).  A value may be null
 * with a reason (too few respondents, not yet published: the seeds' "---").  Targets may vary
 * per period: a value's own target overrides the indicator's.  Each value is read with its
 * assessment against the target, its trend against the previous value of the same period kind
 * and its development (the trend judged by the direction), each with an explain object.
 *
 * Comparison places the municipality's value among the peers loaded for the indicator's
 * Kolada KPI and year (top quarter green, middle half yellow, bottom quarter red).  That colour
 * says how we stand against others; the goal-attainment colour says whether we met our own
 * target.  They mean different things, so the comparison shows both.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/assess.h"
#include "folja/color.h"
#include "folja/db_goals.h"
#include "folja/db_indicators.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"

static const char *const measure_units[] = {"percent", "count", "kr", "tkr", "days", "ratio",
					    NULL};
static const char *const directions[] = {"higher_is_better", "lower_is_better", NULL};

static double num_or_nan(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

/* ---------------------------------------------------------------------- assessment */

json_t *api_indicator_assessment(const json_t *ind, bool has_value, double value,
				 double period_target, const char *null_reason)
{
	const char *dir = json_string_value(json_object_get(ind, "direction"));
	bool lower = dir && strcmp(dir, "lower_is_better") == 0;
	double target = period_target;
	const char *target_source = "period";
	if (isnan(target)) {
		target = num_or_nan(json_object_get(ind, "target"));
		target_source = "indicator";
	}
	double tol = num_or_nan(json_object_get(ind, "yellow_tolerance"));
	if (isnan(tol))
		tol = 0;
	int decimals = (int)json_integer_value(json_object_get(ind, "decimals"));
	json_t *explain = json_pack("{s:s, s:{s:o, s:o, s:s, s:f, s:s, s:i}}",
		"rule", lower ? "lower is better: gron when value <= target, gul when value <= "
		"target + yellow_tolerance, rod otherwise (compared at the indicator's decimals)"
		: "higher is better: gron when value >= target, gul when value >= target - "
		"yellow_tolerance, rod otherwise (compared at the indicator's decimals)",
		"inputs", "value", has_value ? num_or_null(value) : json_null(), "target",
		num_or_null(target), "target_source", target_source, "yellow_tolerance", tol,
		"direction", lower ? "lower_is_better" : "higher_is_better", "decimals", decimals);
	char text[256];
	struct assess_value a;
	if (!has_value || isnan(value)) {
		snprintf(text, sizeof text, "%s%s", !has_value ? "no value for the period"
			 : "the value is null: ", !has_value ? "" : null_reason ? null_reason
			 : "no reason given");
		json_object_set_new(explain, "text", json_string(text));
		return json_pack("{s:n, s:o}", "color", "explain", explain);
	}
	if (isnan(target) || !assess_value(value, target, tol, lower, decimals, &a)) {
		json_object_set_new(explain, "text", json_string("the indicator has no target for "
								 "the period"));
		return json_pack("{s:n, s:o}", "color", "explain", explain);
	}
	json_object_set_new(explain, "thresholds", json_pack("{s:f, s:f}", "gron_from", target,
							      "gul_from", a.yellow_limit));
	snprintf(text, sizeof text, "%.*f against target %.*f (%s): %s", decimals, value,
		 decimals, target, lower ? "lower is better" : "higher is better",
		 a.color == COLOR_GREEN ? "met" : a.color == COLOR_YELLOW ? "within the tolerance"
		 : "not met");
	json_object_set_new(explain, "text", json_string(text));
	if (a.has_next) {
		snprintf(text, sizeof text, "a value of %.*f or %s would make it %s", decimals,
			 a.next_value, lower ? "less" : "more", color_name(a.next_color));
		json_object_set_new(explain, "next_better", json_pack("{s:s, s:f, s:s}", "color",
			color_name(a.next_color), "value", a.next_value, "text", text));
	} else {
		json_object_set_new(explain, "next_better", json_null());
	}
	return json_pack("{s:s, s:o}", "color", color_name(a.color), "explain", explain);
}

/* ---------------------------------------------------------------------------- CRUD */

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
	{"id", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"version", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"created_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

static bool indicator_rules_or_reply(struct req *r, void *input)
{
	const struct indicator_in *in = input;
	if (!isnan(in->yellow_tolerance) && (in->yellow_tolerance < 0 ||
					     !isfinite(in->yellow_tolerance))) {
		json_t *errors = NULL;
		problem_field(&errors, "yellow_tolerance", "must be zero or more");
		reply_problem(r, 422, "invalid_input", errors, "1 field is not valid");
		return true;
	}
	return false;
}

/* GET /api/v1/indicators[?goal_id=&unit_id=&kolada_kpi=&limit=&offset=] */
void api_indicators_list(struct req *r)
{
	struct indicator_filter f = {.goal_id = IN_NULL, .unit_id = IN_NULL};
	int64_t limit, offset, total = 0;
	struct db *db;
	if (req_paging_or_reply(r, &limit, &offset) ||
	    req_query_int_or_reply(r, "goal_id", 1, INT64_MAX, &f.goal_id) ||
	    req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, &f.unit_id) ||
	    api_db_or_reply(r, &db))
		return;
	f.kolada_kpi = req_query(r, "kolada_kpi");
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

/* -------------------------------------------------------------------------- values */

/* The trend and development of value @p i of @p values (stored order: time) against the
 * previous period of the same kind, or, when that period has no value, the latest earlier
 * value of the same kind.  Sets "trend", "development", "trend_explain" on @p out. */
static void trend_of(const json_t *values, size_t i, bool lower, int decimals, json_t *out)
{
	const json_t *v = json_array_get(values, i);
	double value = num_or_nan(json_object_get(v, "value"));
	struct period p, prev;
	char prev_name[PERIOD_BUF];
	const json_t *found = NULL;
	bool fallback = false;
	if (isnan(value) || !period_parse(json_string_value(json_object_get(v, "period")), &p)) {
		json_object_set_new(out, "trend", json_null());
		json_object_set_new(out, "development", json_null());
		json_object_set_new(out, "trend_explain", json_pack("{s:s}", "text",
			"the value is null, so there is no trend"));
		return;
	}
	prev = period_previous(p);
	period_format(prev, prev_name);
	for (size_t j = i; j-- > 0;) {
		const json_t *w = json_array_get(values, j);
		struct period q;
		if (!period_parse(json_string_value(json_object_get(w, "period")), &q) ||
		    q.kind != p.kind || isnan(num_or_nan(json_object_get(w, "value"))))
			continue;
		found = w;
		fallback = strcmp(json_string_value(json_object_get(w, "period")), prev_name) != 0;
		break;
	}
	json_t *ex = json_pack("{s:s, s:s}", "rule", "okat/minskat/oforandrat against the "
			       "previous period of the same kind (compared at the indicator's "
			       "decimals); forbattrats/forsamrats by the indicator's direction",
			       "previous_period", prev_name);
	char text[256];
	if (!found) {
		snprintf(text, sizeof text, "no earlier value of the same kind (%s has none)",
			 prev_name);
		json_object_set_new(ex, "text", json_string(text));
		json_object_set_new(out, "trend", json_null());
		json_object_set_new(out, "development", json_null());
		json_object_set_new(out, "trend_explain", ex);
		return;
	}
	double before = num_or_nan(json_object_get(found, "value"));
	enum assess_trend t = assess_trend(value, before, decimals);
	enum assess_dev d = assess_development(t, lower);
	const char *cmp = json_string_value(json_object_get(found, "period"));
	json_object_set_new(ex, "compared_with", json_pack("{s:s, s:f}", "period", cmp, "value",
							    before));
	if (fallback)
		snprintf(text, sizeof text, "%s has no value; compared with %s, the latest earlier "
			 "value: %.*f to %.*f, %s", prev_name, cmp, decimals, before, decimals,
			 value, assess_trend_name(t));
	else
		snprintf(text, sizeof text, "%.*f in %s to %.*f: %s", decimals, before, cmp,
			 decimals, value, assess_trend_name(t));
	json_object_set_new(ex, "text", json_string(text));
	json_object_set_new(out, "trend", json_string(assess_trend_name(t)));
	json_object_set_new(out, "development", json_string(assess_dev_name(d)));
	json_object_set_new(out, "trend_explain", ex);
}

/* The values of @p ind as the API shows them (new reference) from the stored rows. */
static json_t *values_view(const json_t *ind, const json_t *rows)
{
	bool lower = strcmp(json_string_value(json_object_get(ind, "direction")),
			    "lower_is_better") == 0;
	int decimals = (int)json_integer_value(json_object_get(ind, "decimals"));
	json_t *items = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(rows, i, v) {
		double value = num_or_nan(json_object_get(v, "value"));
		double own = num_or_nan(json_object_get(v, "target"));
		double target = isnan(own) ? num_or_nan(json_object_get(ind, "target")) : own;
		const char *reason = json_string_value(json_object_get(v, "null_reason"));
		json_t *out = json_pack("{s:O?, s:O?, s:o, s:O?, s:O?}", "period",
					json_object_get(v, "period"), "value",
					json_object_get(v, "value"), "target", num_or_null(target),
					"null_reason", json_object_get(v, "null_reason"), "comment",
					json_object_get(v, "comment"));
		json_object_set_new(out, "assessment",
				    api_indicator_assessment(ind, true, value, own, reason));
		trend_of(rows, i, lower, decimals, out);
		json_object_set(out, "updated_at", json_object_get(v, "updated_at"));
		json_array_append_new(items, out);
	}
	return items;
}

/* GET /api/v1/indicators/{id}/values[?period=] */
void api_indicators_values(struct req *r)
{
	int64_t id;
	struct db *db;
	struct period p;
	json_t *ind = NULL, *rows = json_array();
	const char *period = req_query(r, "period");
	if (req_id_or_reply(r, 0, &id) ||
	    (period && goals_period_or_reply(r, "period", period, &p)) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_indicators_get(db, id, &ind);
	if (rc == DB_OK)
		rc = db_indicators_values(db, id, rows);
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	json_t *items = values_view(ind, rows);
	if (period) {
		/* one period only: still computed against the whole history */
		json_t *one = json_array();
		size_t i;
		json_t *v;
		json_array_foreach(items, i, v)
			if (strcmp(json_string_value(json_object_get(v, "period")), period) == 0)
				json_array_append(one, v);
		json_decref(items);
		items = one;
	}
	if (req_wants_csv(r)) {
		size_t i;
		json_t *v;
		json_array_foreach(items, i, v) {
			json_t *a = json_object_get(v, "assessment");
			json_object_set(v, "color", json_object_get(a, "color"));
			json_object_del(v, "assessment");
			json_object_del(v, "trend_explain");
		}
	}
	size_t n = json_array_size(items);
	reply_list(r, items, (int64_t)n, (int64_t)n, 0);
cleanup:
	json_decref(ind);
	json_decref(rows);
}

struct value_body {
	double value;
	double target;
	const char *comment;
	const char *null_reason;
};

static const struct in_field value_spec[] = {
	{"value", IN_NUMBER, offsetof(struct value_body, value), IN_NULLABLE, 0, 0, NULL},
	{"target", IN_NUMBER, offsetof(struct value_body, target), IN_NULLABLE, 0, 0, NULL},
	{"comment", IN_TEXT, offsetof(struct value_body, comment), IN_NULLABLE, 0, 0, NULL},
	{"null_reason", IN_TEXT, offsetof(struct value_body, null_reason), IN_NULLABLE, 0, 500,
	 NULL},
	{"period", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"assessment", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"trend", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"development", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"trend_explain", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

struct value_write {
	struct req *r;
	int64_t id;
	struct indicator_value_in in;
	json_t *ind;
	bool created;
};

static enum db_rc value_tx(struct db *db, void *ctx)
{
	struct value_write *w = ctx;
	enum db_rc rc = db_indicators_get(db, w->id, &w->ind);
	if (rc == DB_OK)
		rc = db_indicators_put_value(db, w->id, &w->in, &w->created);
	if (rc == DB_OK) {
		json_t *after = json_pack("{s:s, s:o, s:o, s:s?, s:s?}", "period", w->in.period,
					  "value", num_or_null(w->in.value), "target",
					  num_or_null(w->in.target), "null_reason",
					  w->in.null_reason, "comment", w->in.comment);
		rc = api_audit(w->r, db, "indicator_value", w->id, NULL, after);
		json_decref(after);
	}
	return rc;
}

/* PUT /api/v1/indicators/{id}/values/{period} {value, target?, comment?, null_reason?} */
void api_indicators_value_put(struct req *r)
{
	struct value_write w = {.r = r};
	struct value_body b;
	struct period p;
	char canon[PERIOD_BUF];
	json_t *body = NULL, *rows = NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) ||
	    goals_period_or_reply(r, "period", r->params[1], &p) ||
	    req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, value_spec, &b))
		goto cleanup;
	json_t *errors = NULL;
	if (!json_object_get(body, "value"))
		problem_field(&errors, "value", "is required (null with a null_reason when there is "
			      "no value)");
	else if (isnan(b.value) && !b.null_reason)
		problem_field(&errors, "null_reason", "is required when the value is null");
	else if (!isnan(b.value) && b.null_reason)
		problem_field(&errors, "null_reason", "is only for a null value");
	if (errors) {
		reply_problem(r, 422, "invalid_input", errors, "the value is not valid");
		goto cleanup;
	}
	if (api_db_or_reply(r, &db))
		goto cleanup;
	period_format(p, canon);
	w.in = (struct indicator_value_in){
		.period = canon, .kind = (int)p.kind,
		.sort_key = (int64_t)p.year * 100 + period_last_month(p),
		.value = b.value, .null_reason = b.null_reason, .target = b.target,
		.comment = b.comment};
	enum db_rc rc = db_write(db, value_tx, &w);
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	rows = json_array();
	rc = db_indicators_values(db, w.id, rows);
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	json_t *items = values_view(w.ind, rows), *v, *mine = NULL;
	size_t i;
	json_array_foreach(items, i, v)
		if (strcmp(json_string_value(json_object_get(v, "period")), canon) == 0)
			mine = json_incref(v);
	json_decref(items);
	reply_json(r, w.created ? 201 : 200, mine);
cleanup:
	json_decref(w.ind);
	json_decref(rows);
	json_decref(body);
}

struct value_delete {
	struct req *r;
	int64_t id;
	char period[PERIOD_BUF];
};

static enum db_rc value_delete_tx(struct db *db, void *ctx)
{
	struct value_delete *w = ctx;
	json_t *ind = NULL;
	enum db_rc rc = db_indicators_get(db, w->id, &ind);
	json_decref(ind);
	if (rc == DB_OK)
		rc = db_indicators_delete_value(db, w->id, w->period);
	if (rc == DB_OK) {
		json_t *before = json_pack("{s:s}", "period", w->period);
		rc = api_audit(w->r, db, "indicator_value", w->id, before, NULL);
		json_decref(before);
	}
	return rc;
}

/* DELETE /api/v1/indicators/{id}/values/{period} */
void api_indicators_value_delete(struct req *r)
{
	struct value_delete w = {.r = r};
	struct period p;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) ||
	    goals_period_or_reply(r, "period", r->params[1], &p) || api_db_or_reply(r, &db))
		return;
	period_format(p, w.period);
	enum db_rc rc = db_write(db, value_delete_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "indicator value");
	else
		reply_json(r, 204, NULL);
}

/* ---------------------------------------------------------------------- comparison */

/* Kolada and SCB give municipalities four-digit codes from 0114; 0000 is the whole country
 * and 0001-0025 the regions, which are not peers of a municipality. */
static bool is_municipality(const char *code)
{
	return code && strlen(code) == 4 && strspn(code, "0123456789") == 4 &&
	       strncmp(code, "00", 2) != 0;
}

/* GET /api/v1/indicators/{id}/comparison?year= */
void api_indicators_comparison(struct req *r)
{
	int64_t id, year = IN_NULL;
	struct db *db;
	json_t *ind = NULL, *peers = json_array(), *rows = json_array(), *attain = NULL;
	double *vals = NULL;
	if (req_id_or_reply(r, 0, &id) ||
	    req_query_int_or_reply(r, "year", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &year))
		goto cleanup;
	if (year == IN_NULL) {
		reply_problem(r, 400, "invalid_query", NULL, "year is required, e.g. ?year=2021");
		goto cleanup;
	}
	if (api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_indicators_get(db, id, &ind);
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	const char *kpi = json_string_value(json_object_get(ind, "kolada_kpi"));
	json_t *unit = json_object_get(ind, "unit_id");
	char own[5] = "";
	if (!kpi) {
		reply_problem(r, 409, "no_kpi", NULL, "the indicator has no kolada_kpi to compare by");
		goto cleanup;
	}
	if (!json_is_integer(unit) ||
	    db_units_municipality(db, json_integer_value(unit), own) != DB_OK) {
		reply_problem(r, 409, "no_municipality", NULL, "the indicator's unit lies under no "
			      "kommun with a municipality_code");
		goto cleanup;
	}
	if ((rc = db_peers_list(db, kpi, year, peers)) != DB_OK ||
	    (rc = db_indicators_values(db, id, rows)) != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	/* our value: the peer table's figure for our municipality, else our own year value */
	char yname[PERIOD_BUF];
	snprintf(yname, sizeof yname, "%lld", (long long)year);
	double value = NAN, year_target = NAN;
	const char *value_source = NULL;
	size_t i, n = 0;
	json_t *v;
	json_array_foreach(rows, i, v) {
		if (strcmp(json_string_value(json_object_get(v, "period")), yname) != 0)
			continue;
		value = num_or_nan(json_object_get(v, "value"));
		year_target = num_or_nan(json_object_get(v, "target"));
		value_source = "indicator value";
		attain = api_indicator_assessment(ind, true, value, year_target,
			json_string_value(json_object_get(v, "null_reason")));
	}
	if (!attain)
		attain = api_indicator_assessment(ind, false, NAN, NAN, NULL);
	vals = calloc(json_array_size(peers) + 1, sizeof *vals);
	json_t *excluded = json_array();
	json_array_foreach(peers, i, v) {
		const char *m = json_string_value(json_object_get(v, "municipality"));
		double pv = num_or_nan(json_object_get(v, "value"));
		if (strcmp(m, own) == 0) {
			if (!isnan(pv)) {
				value = pv;
				value_source = "peer values";
			}
		} else if (!is_municipality(m)) {
			json_array_append_new(excluded, json_string(m));
		} else {
			vals[n++] = pv;
		}
	}
	bool lower = strcmp(json_string_value(json_object_get(ind, "direction")),
			    "lower_is_better") == 0;
	int decimals = (int)json_integer_value(json_object_get(ind, "decimals"));
	int missing = 0;
	for (size_t k = 0; k < n; k++)
		missing += isnan(vals[k]);
	json_t *explain = json_pack("{s:s, s:s, s:I, s:s, s:s?, s:i, s:i, s:o}",
		"rule", "rank among the municipalities with a value (1 = best by the indicator's "
		"direction, ties share the best rank); quartile = floor(4 (rank - 1) / of) + 1; "
		"top 25 % gron, middle 50 % gul, bottom 25 % rod",
		"kpi", kpi, "year", (json_int_t)year, "municipality", own, "value_source",
		value_source, "peers_with_value", (int)n - missing, "peers_missing", missing,
		"excluded_not_municipalities", excluded);
	json_t *reply;
	struct assess_rank rk;
	if (isnan(value) || n - (size_t)missing == 0 ||
	    !assess_rank(value, vals, (int)n, lower, decimals, &rk)) {
		json_object_set_new(explain, "text", json_string(isnan(value)
			? "no value of ours for the year" : "no peer values loaded for the KPI and year"));
		reply = json_pack("{s:n, s:n, s:n, s:n, s:o}", "rank", "of", "quartile", "color",
				  "explain", explain);
	} else {
		char text[256];
		snprintf(text, sizeof text, "%.*f is rank %d of %d (quartile %d): %s", decimals,
			 value, rk.rank, rk.of, rk.quartile, color_name(rk.color));
		json_object_set_new(explain, "text", json_string(text));
		if (rk.has_next) {
			snprintf(text, sizeof text, "a value of %.*f (tying the peer at that rank) "
				 "would make it %s", decimals, rk.next_value,
				 color_name(rk.next_color));
			json_object_set_new(explain, "next_better", json_pack("{s:s, s:f, s:s}",
				"color", color_name(rk.next_color), "value", rk.next_value, "text",
				text));
		} else {
			json_object_set_new(explain, "next_better", json_null());
		}
		reply = json_pack("{s:i, s:i, s:i, s:s, s:o}", "rank", rk.rank, "of", rk.of,
				  "quartile", rk.quartile, "color", color_name(rk.color), "explain",
				  explain);
	}
	json_object_set_new(reply, "indicator_id", json_integer(id));
	json_object_set_new(reply, "year", json_integer(year));
	json_object_set_new(reply, "value", num_or_null(value));
	json_object_set_new(reply, "attainment", attain);
	attain = NULL;
	reply_json(r, 200, reply);
cleanup:
	free(vals);
	json_decref(attain);
	json_decref(ind);
	json_decref(peers);
	json_decref(rows);
}

/* ---------------------------------------------------------------------- peer values */

/* GET /api/v1/peer-values?kpi=&year= */
void api_peer_values_list(struct req *r)
{
	int64_t year = IN_NULL;
	struct db *db;
	const char *kpi = req_query(r, "kpi");
	if (req_query_int_or_reply(r, "year", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &year))
		return;
	if (!kpi || year == IN_NULL) {
		reply_problem(r, 400, "invalid_query", NULL, "kpi and year are required, e.g. "
			      "?kpi=N31807&year=2021");
		return;
	}
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_peers_list(db, kpi, year, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "peer value");
		return;
	}
	size_t n = json_array_size(items);
	reply_list(r, items, (int64_t)n, (int64_t)n, 0);
}

/* One peer value to store. */
struct peer_row {
	const char *kpi;
	const char *municipality;
	int64_t year;
	double value;
};

/* Reads item @p i of the upload into @p out, or appends its errors.  Accepts Kolada's data
 * item {kpi, municipality, period, values: [{gender, value, ...}]} (gender T, or the only
 * value) and the plain {kpi, municipality, year, value}. */
static void peer_row_read(json_t *item, size_t i, struct peer_row *out, json_t **errors)
{
	char f[48];
	snprintf(f, sizeof f, "values[%zu]", i);
	if (!json_is_object(item)) {
		problem_field(errors, f, "must be an object");
		return;
	}
	json_t *kpi = json_object_get(item, "kpi"), *m = json_object_get(item, "municipality");
	json_t *yr = json_object_get(item, "period");
	if (!yr)
		yr = json_object_get(item, "year");
	if (!json_is_string(kpi) || json_string_length(kpi) == 0 || json_string_length(kpi) > 32)
		problem_field(errors, f, "kpi must be a KPI id such as N31807");
	if (!json_is_string(m) || strlen(json_string_value(m)) != 4 ||
	    strspn(json_string_value(m), "0123456789") != 4)
		problem_field(errors, f, "municipality must be a four-digit code such as 0138");
	/* Kolada gives the year as a number; CSV-born JSON often as a string */
	int64_t year = json_is_integer(yr) ? json_integer_value(yr) : 0;
	const char *ys = json_string_value(yr);
	if (ys && strlen(ys) == 4 && strspn(ys, "0123456789") == 4)
		year = atoi(ys);
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		problem_field(errors, f, "period (or year) must be a year such as 2021");
	json_t *vals = json_object_get(item, "values"), *val = json_object_get(item, "value");
	if (json_is_array(vals)) {
		size_t j;
		json_t *g;
		val = NULL;
		json_array_foreach(vals, j, g) {
			const char *gender = json_string_value(json_object_get(g, "gender"));
			if (!gender || strcmp(gender, "T") == 0 || json_array_size(vals) == 1)
				val = json_object_get(g, "value");
		}
		if (!val)
			val = json_null();
	}
	if (!val || !(json_is_number(val) || json_is_null(val)))
		problem_field(errors, f, "value must be a number or null");
	out->kpi = json_string_value(kpi);
	out->municipality = json_string_value(m);
	out->year = year;
	out->value = json_is_number(val) ? json_number_value(val) : NAN;
}

struct peer_write {
	struct req *r;
	struct peer_row *rows;
	size_t n;
};

static enum db_rc peers_tx(struct db *db, void *ctx)
{
	struct peer_write *w = ctx;
	enum db_rc rc = DB_OK;
	for (size_t i = 0; i < w->n && rc == DB_OK; i++)
		rc = db_peers_put(db, w->rows[i].kpi, w->rows[i].year, w->rows[i].municipality,
				  w->rows[i].value);
	if (rc == DB_OK) {
		json_t *after = json_pack("{s:I}", "stored", (json_int_t)w->n);
		rc = api_audit(w->r, db, "peer_values", 0, NULL, after);
		json_decref(after);
	}
	return rc;
}

/* POST /api/v1/peer-values[?dry_run=true] — Kolada's data JSON ({values: [...]}, one item or
 * a list of items) or a plain list; all or nothing. */
void api_peer_values_load(struct req *r)
{
	json_t *body = NULL, *errors = NULL;
	struct peer_write w = {.r = r};
	struct db *db;
	if (req_json_or_reply(r, &body))
		return;
	json_t *list = body;
	if (json_is_object(body))
		list = json_object_get(body, "municipality") ? NULL : json_object_get(body, "values");
	size_t n = list ? json_array_size(list) : 1;
	if (list && !json_is_array(list)) {
		reply_problem(r, 422, "invalid_input", NULL, "expected Kolada's data JSON "
			      "({\"values\": [...]}), one Kolada item, or a list of items");
		goto cleanup;
	}
	if (n == 0) {
		reply_problem(r, 422, "invalid_input", NULL, "no values to load");
		goto cleanup;
	}
	w.rows = calloc(n, sizeof *w.rows);
	w.n = n;
	for (size_t i = 0; i < n; i++)
		peer_row_read(list ? json_array_get(list, i) : body, i, &w.rows[i], &errors);
	if (errors) {
		reply_problem(r, 422, "invalid_input", errors, "%zu problem%s in the peer values; "
			      "nothing was stored", json_array_size(errors),
			      json_array_size(errors) == 1 ? "" : "s");
		goto cleanup;
	}
	const char *dry = req_query(r, "dry_run");
	if (dry && strcmp(dry, "true") == 0) {
		reply_json(r, 200, json_pack("{s:I, s:I, s:b}", "stored", (json_int_t)0, "valid",
					     (json_int_t)n, "dry_run", 1));
		goto cleanup;
	}
	if (api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, peers_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "peer value");
	else
		reply_json(r, 200, json_pack("{s:I, s:b}", "stored", (json_int_t)n, "dry_run", 0));
cleanup:
	free(w.rows);
	json_decref(body);
}
