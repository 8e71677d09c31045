/*
 * /api/v1/indicators/{id}/values — an indicator's values per period and how each is judged.
 *
 * Values are per period of any kind (year, tertial, month, ...).  A value may be null with a
 * reason (too few respondents, not yet published: the seeds' "---").  Targets may vary per
 * period: a value's own target overrides the indicator's.  Each value is read with its
 * assessment against the target, its trend against the previous value of the same period
 * kind and its development (the trend judged by the direction), each with an explain object:
 * the series is loaded as plain structs, judged by folja/indicators.h and rendered here.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/assess.h"
#include "folja/db_indicators.h"
#include "folja/indicators.h"
#include "folja/input.h"
#include "folja/resource.h"

#include "indicators.h"

/* ---------------------------------------------------------------------------- trend */

static const char trend_rule[] =
	"okat/minskat/oforandrat against the previous period of the same kind (compared at the "
	"indicator's decimals); forbattrats/forsamrats by the indicator's direction";

/* The explain object of trend @p t of value @p i of series @p s. */
static json_t *trend_explain(const struct indicator_series *s, size_t i,
			     const struct indicator_trend *t)
{
	char prev[PERIOD_BUF];
	if (t->state == IND_TREND_NULL)
		return json_pack("{s:s}", "text", "the value is null, so there is no trend");
	period_format(t->previous, prev);
	if (t->state == IND_TREND_NO_EARLIER)
		return json_pack("{s:s, s:s, s:o}", "rule", trend_rule, "previous_period", prev,
				 "text", json_sprintf("no earlier value of the same kind (%s has "
						      "none)", prev));
	const struct indicator_value *v = &s->values[i], *w = &s->values[t->compared];
	int d = s->ind.decimals;
	const char *name = assess_trend_name(t->trend);
	json_t *text = t->fallback
		? json_sprintf("%s has no value; compared with %s, the latest earlier value: "
			       "%.*f to %.*f, %s", prev, w->period, d, w->value, d, v->value, name)
		: json_sprintf("%.*f in %s to %.*f: %s", d, w->value, w->period, d, v->value, name);
	return json_pack("{s:s, s:s, s:{s:s, s:f}, s:o}", "rule", trend_rule, "previous_period",
			 prev, "compared_with", "period", w->period, "value", w->value, "text",
			 text);
}

/* Sets "trend", "development" and (unless @p csv) "trend_explain" of value @p i on @p out. */
static bool trend_set(const struct indicator_series *s, size_t i, bool csv, json_t *out)
{
	struct indicator_trend t;
	indicator_trend(&s->ind, s->values, s->nvalues, i, &t);
	bool found = t.state == IND_TREND_FOUND;
	return json_object_set_new(out, "trend", found ? json_string(assess_trend_name(t.trend))
				   : json_null()) == 0 &&
	       json_object_set_new(out, "development", found ?
				   json_string(assess_dev_name(t.development)) : json_null()) == 0 &&
	       (csv || json_object_set_new(out, "trend_explain", trend_explain(s, i, &t)) == 0);
}

/* ---------------------------------------------------------------------------- values */

/* Value @p i of series @p s as the API shows it (new reference; NULL when memory runs out):
 * with its assessment, trend and development and their explain objects, or for CSV flat,
 * with the colour alone. */
static json_t *value_json(const struct indicator_series *s, size_t i, bool csv)
{
	const struct indicator_value *v = &s->values[i];
	struct indicator_reading reading = indicator_value_reading(v);
	struct indicator_assessment a;
	enum color c;
	indicator_assess(&s->ind, &reading, &a);
	json_t *out = json_pack("{s:s, s:o, s:o, s:s?, s:s?}", "period", v->period, "value",
				api_real_or_null(v->value), "target", api_real_or_null(a.target),
				"null_reason", v->null_reason, "comment", v->comment);
	bool ok = out && (csv || json_object_set_new(out, "assessment",
						     api_indicator_assessment_json(&a)) == 0) &&
		  trend_set(s, i, csv, out) &&
		  json_object_set_new(out, "updated_at", json_string(v->updated_at)) == 0 &&
		  (!csv || json_object_set_new(out, "color", indicator_color(&a, &c)
					       ? json_string(color_name(c)) : json_null()) == 0);
	if (!ok) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* Values @p from .. @p to - 1 of series @p s (new reference; NULL when memory runs out). */
static json_t *values_json(const struct indicator_series *s, size_t from, size_t to, bool csv)
{
	json_t *items = json_array();
	for (size_t i = from; items && i < to; i++) {
		if (json_array_append_new(items, value_json(s, i, csv)) != 0) {
			json_decref(items);
			items = NULL;
		}
	}
	return items;
}

/* The values of @p p as JSON, or flat for CSV with @p csv (new reference); NULL with *rc set. */
static json_t *values_load(struct db *db, const struct indicator_values_params *p, bool csv,
			   enum db_rc *rc)
{
	struct indicator_series s;
	*rc = db_indicators_load(db, p->id, &s);
	if (*rc == DB_OK)  /* an indicator fed by a statistic takes its values from it */
		*rc = api_statistics_feed_indicator(db, &s);
	if (*rc != DB_OK) {
		db_indicator_series_free(&s);
		return NULL;
	}
	size_t from = 0, to = s.nvalues;
	if (period_given(p->period)) {
		from = indicator_value_find(s.values, s.nvalues, p->period);
		to = from < s.nvalues ? from + 1 : from;
	}
	json_t *items = values_json(&s, from, to, csv);
	db_indicator_series_free(&s);
	if (!items)
		*rc = DB_NOMEM;
	return items;
}

/* The list envelope of @p items (stolen), as reply_list() gives it. */
static json_t *values_envelope(json_t *items)
{
	json_int_t n = (json_int_t)json_array_size(items);
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", n, "limit", n,
			 "offset", (json_int_t)0);
}

json_t *api_indicators_values_body(struct db *db, const struct indicator_values_params *p,
				   const struct api_view *v, enum db_rc *rc)
{
	(void)v;
	json_t *items = values_load(db, p, false, rc), *out = NULL;
	if (items && !(out = values_envelope(items)))
		*rc = DB_NOMEM;
	return out;
}

/* GET /api/v1/indicators/{id}/values[?period=] — every value, or the one of the period
 * (still judged against the whole history). */
void api_indicators_values(struct req *r)
{
	struct indicator_values_params p = {.period = REQ_QUERY(r, struct period_params)->period};
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (req_id_or_reply(r, 0, &p.id) || api_db_or_reply(r, &db))
		return;
	json_t *out = req_wants_csv(r) ? values_load(db, &p, true, &rc)
				       : api_indicators_values_body(db, &p, &v, &rc);
	if (!out)
		api_db_error(r, rc, "indicator");
	else if (req_wants_csv(r))
		reply_list(r, out, (int64_t)json_array_size(out), (int64_t)json_array_size(out), 0);
	else
		reply_json(r, 200, out);
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
	struct indicator_series series;  /* owned: the series as written, for the reply */
	bool created;
	struct resource_error err;       /* a period lock's refusal */
};

/* The stored value of @p period into *out (new reference), NULL when there is none. */
static enum db_rc stored_value(struct db *db, int64_t id, const char *period, json_t **out)
{
	enum db_rc rc = db_indicators_value_get(db, id, period, out);
	return rc == DB_NOT_FOUND ? DB_OK : rc;
}

/* The audit keeps the value as stored before (null when there was none) and after; the series
 * is read back inside the transaction, so the reply shows exactly what was written. */
static enum db_rc value_tx(struct db *db, void *ctx)
{
	struct value_write *w = ctx;
	json_t *ind = NULL, *before = NULL, *after = NULL;
	enum db_rc rc = db_indicators_get(db, w->id, &ind);
	if (rc == DB_OK)
		rc = api_period_lock_indicator(w->r, db, ind, w->in.period, &w->err);
	json_decref(ind);
	if (rc == DB_OK)
		rc = stored_value(db, w->id, w->in.period, &before);
	if (rc == DB_OK)
		rc = db_indicators_put_value(db, w->id, &w->in, &w->created);
	if (rc == DB_OK)
		rc = db_indicators_value_get(db, w->id, w->in.period, &after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "indicator_value", w->id, before, after);
	if (rc == DB_OK)
		rc = db_indicators_load(db, w->id, &w->series);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Parses the body into @p b and checks what the spec cannot: a value, or null with a
 * reason, within the range of an indicator's numbers.  Replies 422 when it is not valid. */
static bool value_body_or_reply(struct req *r, json_t *body, struct value_body *b)
{
	json_t *errors = NULL;
	if (input_parse_or_reply(r, body, value_spec, b))
		return true;
	if (!json_object_get(body, "value"))
		problem_field(&errors, "value", "is required (null with a null_reason when there is "
			      "no value)");
	else if (isnan(b->value) && !b->null_reason)
		problem_field(&errors, "null_reason", "is required when the value is null");
	else if (!isnan(b->value) && b->null_reason)
		problem_field(&errors, "null_reason", "is only for a null value");
	api_indicator_number_check(&errors, "value", b->value);
	api_indicator_number_check(&errors, "target", b->target);
	if (!errors)
		return false;
	reply_problem(r, 422, "invalid_input", errors, "the value is not valid");
	return true;
}

/* PUT /api/v1/indicators/{id}/values/{period} {value, target?, comment?, null_reason?} */
void api_indicators_value_put(struct req *r)
{
	struct value_write w = {.r = r};
	struct value_body b;
	struct period p;
	char canon[PERIOD_BUF];
	json_t *body = NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) ||
	    api_period_text_or_reply(r, "period", r->params[1], &p) ||
	    req_json_object_or_reply(r, &body))
		return;
	if (value_body_or_reply(r, body, &b) || api_db_or_reply(r, &db))
		goto cleanup;
	period_format(p, canon);
	w.in = (struct indicator_value_in){
		.period = canon, .kind = (int)p.kind,
		.sort_key = (int64_t)p.year * 100 + period_last_month(p),
		.value = b.value, .null_reason = b.null_reason, .target = b.target,
		.comment = b.comment};
	enum db_rc rc = db_write(db, value_tx, &w);
	if (rc == DB_INVALID && w.err.code) {
		api_lock_error_reply(r, &w.err);
		goto cleanup;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "indicator");
		goto cleanup;
	}
	size_t i = indicator_value_find(w.series.values, w.series.nvalues, p);
	json_t *mine = i < w.series.nvalues ? value_json(&w.series, i, false) : NULL;
	if (!mine)
		reply_oom(r);
	else
		reply_json(r, w.created ? 201 : 200, mine);
cleanup:
	db_indicator_series_free(&w.series);
	json_decref(body);
}

struct value_delete {
	struct req *r;
	int64_t id;
	char period[PERIOD_BUF];
	struct resource_error err;       /* a period lock's refusal */
};

/* The audit keeps the value as it was stored; DB_NOT_FOUND when there was none. */
static enum db_rc value_delete_tx(struct db *db, void *ctx)
{
	struct value_delete *w = ctx;
	json_t *ind = NULL, *before = NULL;
	enum db_rc rc = db_indicators_get(db, w->id, &ind);
	if (rc == DB_OK)
		rc = api_period_lock_indicator(w->r, db, ind, w->period, &w->err);
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
	if (rc == DB_INVALID && w.err.code)
		api_lock_error_reply(r, &w.err);
	else if (rc != DB_OK)
		api_db_error(r, rc, "indicator value");
	else
		reply_json(r, 204, NULL);
}
