/*
 * /api/v1/indicators/{id}/values — an indicator's values per period and how each is judged.
 *
 * Values are per period of any kind (year, tertial, month, ...).  A value may be null with a
 * reason (too few respondents, not yet published: the seeds' "---").  Targets may vary per
 * period: a value's own target overrides the indicator's.  Each value is read with its
 * assessment against the target (api_indicator_assessment(), which the goal tree uses too),
 * its trend against the previous value of the same period kind and its development (the
 * trend judged by the direction), each with an explain object.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/assess.h"
#include "folja/color.h"
#include "folja/db_indicators.h"
#include "folja/input.h"

double api_num_or_nan(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

json_t *api_num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

void api_indicator_number_check(json_t **errors, const char *field, double v)
{
	if (!isnan(v) && !(fabs(v) <= ASSESS_MAX_ABS))
		problem_field(errors, field, "must be from %.0f to %.0f", -ASSESS_MAX_ABS,
			      ASSESS_MAX_ABS);
}

json_t *api_indicator_assessment(const json_t *ind, bool has_value, double value,
				 double period_target, const char *null_reason)
{
	const char *dir = json_string_value(json_object_get(ind, "direction"));
	bool lower = dir && strcmp(dir, "lower_is_better") == 0;
	double target = period_target;
	const char *target_source = "period";
	if (isnan(target)) {
		target = api_num_or_nan(json_object_get(ind, "target"));
		target_source = "indicator";
	}
	double tol = api_num_or_nan(json_object_get(ind, "yellow_tolerance"));
	if (isnan(tol))
		tol = 0;
	int decimals = (int)json_integer_value(json_object_get(ind, "decimals"));
	json_t *explain = json_pack("{s:s, s:{s:o, s:o, s:s, s:f, s:s, s:i}}",
		"rule", lower ? "lower is better: gron when value <= target, gul when value <= "
		"target + yellow_tolerance, rod otherwise (compared at the indicator's decimals)"
		: "higher is better: gron when value >= target, gul when value >= target - "
		"yellow_tolerance, rod otherwise (compared at the indicator's decimals)",
		"inputs", "value", has_value ? api_num_or_null(value) : json_null(), "target",
		api_num_or_null(target), "target_source", target_source, "yellow_tolerance", tol,
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

/* The trend and development of value @p i of @p values (stored order: time) against the
 * previous period of the same kind, or, when that period has no value, the latest earlier
 * value of the same kind.  Sets "trend", "development", "trend_explain" on @p out. */
static void trend_of(const json_t *values, size_t i, bool lower, int decimals, json_t *out)
{
	const json_t *v = json_array_get(values, i);
	double value = api_num_or_nan(json_object_get(v, "value"));
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
		    q.kind != p.kind || isnan(api_num_or_nan(json_object_get(w, "value"))))
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
	double before = api_num_or_nan(json_object_get(found, "value"));
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
		double value = api_num_or_nan(json_object_get(v, "value"));
		double own = api_num_or_nan(json_object_get(v, "target"));
		double target = isnan(own) ? api_num_or_nan(json_object_get(ind, "target")) : own;
		const char *reason = json_string_value(json_object_get(v, "null_reason"));
		json_t *out = json_pack("{s:O?, s:O?, s:o, s:O?, s:O?}", "period",
					json_object_get(v, "period"), "value",
					json_object_get(v, "value"), "target", api_num_or_null(target),
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
	struct period p = REQ_QUERY(r, struct period_params)->period;
	json_t *ind = NULL, *rows = json_array();
	char period[PERIOD_BUF];
	if (period_given(p))
		period_format(p, period);
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_indicators_get(db, id, &ind);
	if (rc == DB_OK)
		rc = db_indicators_values(db, id, rows);
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	json_t *items = values_view(ind, rows);
	if (period_given(p)) {
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
	json_t *ind;           /* owned */
	bool created;
};

/* The stored value of @p period into *out (new reference), NULL when there is none. */
static enum db_rc stored_value(struct db *db, int64_t id, const char *period, json_t **out)
{
	enum db_rc rc = db_indicators_value_get(db, id, period, out);
	return rc == DB_NOT_FOUND ? DB_OK : rc;
}

/* The audit keeps the value as stored before (null when there was none) and after. */
static enum db_rc value_tx(struct db *db, void *ctx)
{
	struct value_write *w = ctx;
	json_t *before = NULL, *after = NULL;
	enum db_rc rc = db_indicators_get(db, w->id, &w->ind);
	if (rc == DB_OK)
		rc = stored_value(db, w->id, w->in.period, &before);
	if (rc == DB_OK)
		rc = db_indicators_put_value(db, w->id, &w->in, &w->created);
	if (rc == DB_OK)
		rc = db_indicators_value_get(db, w->id, w->in.period, &after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "indicator_value", w->id, before, after);
	json_decref(before);
	json_decref(after);
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
	    api_period_text_or_reply(r, "period", r->params[1], &p) ||
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
	api_indicator_number_check(&errors, "value", b.value);
	api_indicator_number_check(&errors, "target", b.target);
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

/* The audit keeps the value as it was stored; DB_NOT_FOUND when there was none. */
static enum db_rc value_delete_tx(struct db *db, void *ctx)
{
	struct value_delete *w = ctx;
	json_t *ind = NULL, *before = NULL;
	enum db_rc rc = db_indicators_get(db, w->id, &ind);
	json_decref(ind);
	if (rc == DB_OK)
		rc = db_indicators_value_get(db, w->id, w->period, &before);
	if (rc == DB_OK)
		rc = db_indicators_delete_value(db, w->id, w->period);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "indicator_value", w->id, before, NULL);
	json_decref(before);
	return rc;
}

/* DELETE /api/v1/indicators/{id}/values/{period} */
void api_indicators_value_delete(struct req *r)
{
	struct value_delete w = {.r = r};
	struct period p;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) ||
	    api_period_text_or_reply(r, "period", r->params[1], &p) || api_db_or_reply(r, &db))
		return;
	period_format(p, w.period);
	enum db_rc rc = db_write(db, value_delete_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "indicator value");
	else
		reply_json(r, 204, NULL);
}
