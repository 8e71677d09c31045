/*
 * Indicators fed by statistics: an indicator with a `statistic_id` (and optionally `dims`,
 * the dimension values it follows, e.g. {"gender": "K"}) takes its values from that
 * statistic's table at the indicator's unit, one for every period the statistic has facts
 * for (and every period the indicator holds a stored target or comment for).  Each value is
 * the table's total for the months a fact of the period covers (a month alone, any other
 * period January through its end), by the table's rules; a figure the table cannot give is
 * null with the table's reason.  Targets, comments, the assessment and the
 * trend stay the indicator's own: the values are put in place of stored ones before the
 * indicator code judges them (src/api/indicators_values.c calls the one function here).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/api.h"
#include "folja/db_indicators.h"
#include "folja/resource.h"

#include "statistics.h"

enum db_rc api_statistics_indicator_check(struct db *db, int64_t statistic_id,
					  int64_t unit_id, json_t *dims,
					  struct resource_error *err)
{
	struct statistic_set set;
	uint8_t d[STAT_MAX_DIMS];
	json_t *errors = NULL;
	bool has_dims = dims && !json_is_null(dims);
	if (statistic_id == IN_NULL)
		return has_dims ? resource_refuse(err, "invalid_input", "dims", "is only for an "
						  "indicator with a statistic_id") : DB_OK;
	if (unit_id == IN_NULL)
		return resource_refuse(err, "invalid_input", "unit_id", "is required when the "
				       "indicator takes its values from a statistic");
	enum db_rc rc = db_statistics_load(db, statistic_id, &set);
	if (rc == DB_NOT_FOUND)
		rc = resource_refuse(err, "unknown_reference", "statistic_id",
				     "names no statistic");
	if (rc == DB_OK)
		api_stat_dims(&set.def, dims, d, &errors);
	if (rc == DB_OK && errors)
		rc = resource_refuse(err, "invalid_input", "dims", json_string_value(
			json_object_get(json_array_get(errors, 0), "message")));
	json_decref(errors);
	db_statistic_set_free(&set);
	return rc;
}

/* ==== the values ========================================================================== */

/* A value's own strings, kept in the same allocation as the values. */
struct value_text {
	char period[PERIOD_BUF];
	char null_reason[200];
	char updated_at[24];
};

/* Orders periods in time, as a series is stored: by their last month, then by kind. */
static int period_cmp(const void *pa, const void *pb)
{
	const struct period *a = pa, *b = pb;
	int x = a->year * 100 + period_last_month(*a), y = b->year * 100 + period_last_month(*b);
	if (x != y)
		return x < y ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

/* The periods with facts and those the indicator has values of, in time order, each once. */
static enum db_rc series_periods(struct db *db, const struct indicator_series *s,
				 int64_t sid, const uint8_t d[STAT_MAX_DIMS],
				 struct period **out, size_t *n)
{
	size_t nfacts;
	enum db_rc rc = db_statistics_periods(db, sid, s->ind.unit_id, d, out, &nfacts);
	struct period *all = rc == DB_OK ? realloc(*out, (nfacts + s->nvalues + 1) *
						   sizeof *all) : NULL;
	if (rc == DB_OK && !all)
		rc = DB_NOMEM;
	if (rc != DB_OK)
		return rc;
	*out = all;
	*n = nfacts;
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].period_ok)
			all[(*n)++] = s->values[i].p;
	qsort(all, *n, sizeof *all, period_cmp);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || period_cmp(&all[k - 1], &all[i]) != 0)
			all[k++] = all[i];
	*n = k;
	return DB_OK;
}

/* The statistic's figure of period @p p at the indicator's unit, into @p v. */
static enum db_rc period_value(struct db *db, const struct statistic *def, int64_t unit_id,
			       const uint8_t d[STAT_MAX_DIMS], struct period p,
			       struct indicator_value *v, struct value_text *text)
{
	/* the months the period's own fact covers: a month alone, else January through it */
	struct stat_question q = {.range = stat_fact_range(p), .kind = (int)p.kind};
	struct statistic_table_input in;
	struct stat_table t = {0};
	memcpy(q.filter, d, sizeof q.filter);
	enum db_rc rc = db_statistics_table_load(db, def, unit_id, &q, &in);
	if (rc == DB_OK && stat_table_build(def, &in.units, in.parts, in.nparts, &q, &t) !=
	    STAT_BUILD_OK)
		rc = DB_NOMEM;
	if (rc == DB_OK && t.total.now.fig.state == STAT_FIG_VALUE) {
		v->value = t.total.now.fig.value;
	} else if (rc == DB_OK) {
		const struct stat_figure *f = &t.total.now.fig;
		snprintf(text->null_reason, sizeof text->null_reason, "statistic %s: %s%s%s",
			 def->code, stat_why_text(f->why), f->null_reason ? ": " : "",
			 f->null_reason ? f->null_reason : "");
		v->null_reason = text->null_reason;
	}
	stat_table_free(&t);
	db_statistic_table_input_free(&in);
	return rc;
}

/* Value @p i of the new series: the period's figure, with the stored value's target and
 * comment when there is one. */
static enum db_rc series_value(struct db *db, const struct statistic *def,
			       const struct indicator_series *s, const uint8_t d[STAT_MAX_DIMS],
			       struct period p, struct indicator_value *v,
			       struct value_text *text)
{
	size_t stored = indicator_value_find(s->values, s->nvalues, p);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(text->updated_at, sizeof text->updated_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	period_format(p, text->period);
	*v = (struct indicator_value){.period = text->period, .period_ok = true, .p = p,
				      .value = NAN, .target = NAN,
				      .updated_at = text->updated_at};
	if (stored < s->nvalues) {
		v->target = s->values[stored].target;
		v->comment = s->values[stored].comment;
	}
	return period_value(db, def, s->ind.unit_id, d, p, v, text);
}

/* The new values of @p s from statistic @p def, in place of the stored ones. */
static enum db_rc feed(struct db *db, const struct statistic *def,
		       struct indicator_series *s, const uint8_t d[STAT_MAX_DIMS])
{
	struct period *periods = NULL;
	size_t n = 0;
	enum db_rc rc = series_periods(db, s, def->id, d, &periods, &n);
	struct indicator_value *values = rc == DB_OK ?
		malloc((n ? n : 1) * (sizeof *values + sizeof(struct value_text))) : NULL;
	if (rc == DB_OK && !values)
		rc = DB_NOMEM;
	/* the strings follow the values in the same block, so free(values) frees them too */
	struct value_text *text = values ? (struct value_text *)(values + n) : NULL;
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		rc = series_value(db, def, s, d, periods[i], &values[i], &text[i]);
	free(periods);
	if (rc != DB_OK) {
		free(values);
		return rc;
	}
	free(s->values);
	s->values = values;
	s->nvalues = n;
	return DB_OK;
}

enum db_rc api_statistics_feed_indicator(struct db *db, struct indicator_series *s)
{
	int64_t sid;
	char dims_text[1024];
	struct statistic_set set;
	uint8_t d[STAT_MAX_DIMS];
	json_t *dims = NULL, *errors = NULL;
	enum db_rc rc = db_statistics_indicator_link(db, s->ind.id, &sid, dims_text,
						     sizeof dims_text);
	if (rc != DB_OK || sid == DB_NULL || s->ind.unit_id == IND_NULL)
		return rc;
	rc = db_statistics_load(db, sid, &set);
	if (rc == DB_OK && dims_text[0] && !(dims = json_loads(dims_text, 0, NULL)))
		rc = DB_NOMEM;
	if (rc == DB_OK) {
		/* checked when written; a value removed since names the total */
		api_stat_dims(&set.def, dims, d, &errors);
		rc = feed(db, &set.def, s, d);
	}
	json_decref(errors);
	json_decref(dims);
	db_statistic_set_free(&set);
	return rc;
}
