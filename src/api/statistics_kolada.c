/*
 * GET /api/v1/statistics/{id}/kolada — a statistic in Kolada's value shape, so the figures a
 * municipality keeps in Följa can be compared, loaded or published the way Kolada's own are:
 * {count, values: [{kpi, municipality, period, values: [{count, gender, status, value}]}]}.
 * A period is a year (the year's figure by the table's rules: the year's fact, or its twelve
 * monthly facts); gender T is the total and K and M the values of the statistic's `gender`
 * dimension when it has one.  The kpi is the statistic's kolada_kpi, else its code; the
 * municipality is the code of the kommun the unit belongs to.  Small numbers are hidden on
 * open reads as in the tables.
 */
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_statistics.h"
#include "folja/db_units.h"

#include "statistics.h"

#define KOLADA_MAX_YEARS 64

struct kolada_query {
	int64_t unit_id;
	int64_t year;
};

const struct query_spec api_statistics_kolada_query = {
	(const struct q_param[]){
		{"unit_id", Q_INT, offsetof(struct kolada_query, unit_id), Q_REQUIRED, 1, INT64_MAX,
		 0, NULL, "2"},
		{"year", Q_INT, offsetof(struct kolada_query, year), 0, PERIOD_YEAR_MIN,
		 PERIOD_YEAR_MAX, INT64_MIN, NULL, NULL},
		{0}},
	sizeof(struct kolada_query), FORMAT_JSON | FORMAT_CSV,
};

/* One {count, gender, status, value} of cell @p c. */
static json_t *kolada_value(const struct statistic *def, const char *gender,
			    const struct stat_cell *c)
{
	bool shown = c->hidden == STAT_SHOWN && c->fig.state == STAT_FIG_VALUE;
	double v = shown ? stat_round(c->fig.value, def->decimals) : 0;
	return json_pack("{s:i, s:s, s:s, s:o}", "count", 1, "gender", gender, "status", "",
			 "value", shown ? json_real(v) : json_null());
}

/* The values of one year's table @p t: T, then K and M when the statistic breaks down by
 * gender. */
static json_t *kolada_values(const struct statistic *def, int gender_dim,
			     const struct stat_table *t)
{
	json_t *values = json_array();
	if (values && json_array_append_new(values, kolada_value(def, "T", &t->total.now)))
		goto fail;
	for (size_t i = 0; values && gender_dim >= 0 && i < t->nrows; i++) {
		const char *g = def->dims[gender_dim].values[t->rows[i].dims[gender_dim] - 1];
		if ((strcmp(g, "K") == 0 || strcmp(g, "M") == 0) &&
		    json_array_append_new(values, kolada_value(def, g, &t->rows[i].now)))
			goto fail;
	}
	return values;
fail:
	json_decref(values);
	return NULL;
}

/* The entry of @p year: the year's figure per gender at @p unit_id. */
static json_t *kolada_entry(struct db *db, const struct statistic *def, int64_t unit_id,
			    const char *municipality, int year, unsigned suppress,
			    enum db_rc *rc)
{
	int g = stat_dimension_find(def, "gender");
	struct stat_question q = {.range = {year, 1, 12}, .kind = PERIOD_YEAR, .nby = g >= 0,
				  .by = {g}};
	struct statistic_table_input in;
	struct stat_table t = {0};
	json_t *out = NULL;
	*rc = db_statistics_table_load(db, def, unit_id, &q, &in);
	if (*rc == DB_OK && stat_table_build(def, &in.units, in.parts, in.nparts, &q, &t) !=
	    STAT_BUILD_OK)
		*rc = DB_NOMEM;
	if (*rc == DB_OK) {
		stat_table_suppress(def, &t, suppress);
		out = json_pack("{s:s, s:s?, s:i, s:o}", "kpi", def->kolada_kpi ? def->kolada_kpi :
				def->code, "municipality", municipality, "period", year, "values",
				kolada_values(def, g, &t));
		*rc = out ? DB_OK : DB_NOMEM;
	}
	stat_table_free(&t);
	db_statistic_table_input_free(&in);
	return out;
}

/* Every year asked (or every year with facts) as an entry, into @p values. */
static enum db_rc kolada_years(struct db *db, const struct statistic *def,
			       const struct kolada_query *in, unsigned suppress, json_t *values)
{
	int years[KOLADA_MAX_YEARS];
	size_t n = 1;
	char muni[5];
	int g = stat_dimension_find(def, "gender");
	enum db_rc rc = db_units_municipality(db, in->unit_id, muni);
	if (rc == DB_NOT_FOUND)
		muni[0] = '\0';
	else if (rc != DB_OK)
		return rc;
	years[0] = (int)in->year;
	if (in->year == INT64_MIN)
		rc = db_statistics_years(db, def->id, in->unit_id, 0, g >= 0 ? 1u << g : 0, years,
					 KOLADA_MAX_YEARS, &n);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (json_array_append_new(values, kolada_entry(db, def, in->unit_id,
							       muni[0] ? muni : NULL, years[i],
							       suppress, &rc)) && rc == DB_OK)
			rc = DB_NOMEM;
	return rc;
}

/* GET /api/v1/statistics/{id}/kolada?unit_id=[&year=] */
void api_statistics_kolada(struct req *r)
{
	const struct kolada_query *in = REQ_QUERY(r, struct kolada_query);
	struct statistic_set set = {0};
	struct db *db;
	int64_t id;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db) ||
	    api_unit_exists_or_reply(r, db, in->unit_id) ||
	    api_statistic_or_reply(r, db, id, &set))
		goto cleanup;
	json_t *values = json_array();
	enum db_rc rc = values ? kolada_years(db, &set.def, in, api_view_of(r).suppress, values) :
			DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(values);
		api_db_error(r, rc, "statistic");
	} else {
		json_int_t n = (json_int_t)json_array_size(values);
		reply_json(r, 200, json_pack("{s:I, s:o}", "count", n, "values", values));
	}
cleanup:
	db_statistic_set_free(&set);
}
