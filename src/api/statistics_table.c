/*
 * GET /api/v1/statistics/{id}/table — a statistic's figures for a unit's subtree and a
 * period, a row per value of the `by` dimensions (and per month with by=month) and a total,
 * each beside the same months of another year, with the change and, where asked, the share
 * of the total.  Seed 002's tables are such tables: placements per category jan-april 2016
 * and 2017 with the change in percent; sick leave per month and per gender, age group and
 * length with its "snitt" (the ratio of the sums, not the mean of the months).
 *
 * The work is split as everywhere: the parameters are read into a stat_question against the
 * statistic's dimensions (here), storage loads the subtree and the facts the question needs
 * (db/statistics_load.c), the domain adds them up (domain/statistics.c), and
 * statistics_render.c writes the reply with an explain per figure.  statistics_table_body()
 * is the whole computation, which a report's `statistics` section calls as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_statistics.h"

#include "statistics.h"

/* ==== the question ======================================================================== */

/* Reads the `by` list (names of dimensions, or month) into @p q. */
static void question_by(const struct statistic *def, const char *by, struct stat_question *q,
			json_t **errors)
{
	char name[STAT_CODE_MAX + 2];
	for (const char *p = by; p && *p;) {
		size_t len = strcspn(p, ","), keep = len < sizeof name ? len : sizeof name - 1;
		snprintf(name, sizeof name, "%.*s", (int)keep, p);
		int d = strcmp(name, "month") == 0 ? STAT_BY_MONTH : stat_dimension_find(def, name);
		bool twice = false;
		for (size_t i = 0; i < q->nby; i++)
			twice |= q->by[i] == d;
		if (d == -1 && strcmp(name, "month") != 0)
			problem_field(errors, "by", "%s is not a dimension of statistic %s (nor "
				      "month)", name, def->code);
		else if (twice || q->nby == STAT_MAX_BY)
			problem_field(errors, "by", "names %s twice, or more than %d entries", name,
				      STAT_MAX_BY);
		else
			q->by[q->nby++] = d;
		p += len + (p[len] == ',');
	}
}

/* Reads the fixed values "name:code,name:code" into q->filter. */
static void question_dims(const struct statistic *def, const char *dims,
			  struct stat_question *q, json_t **errors)
{
	char item[2 * STAT_CODE_MAX + 4];
	for (const char *p = dims; p && *p;) {
		size_t len = strcspn(p, ","), keep = len < sizeof item ? len : sizeof item - 1;
		snprintf(item, sizeof item, "%.*s", (int)keep, p);
		char *colon = strchr(item, ':');
		if (colon)
			*colon = '\0';
		int d = stat_dimension_find(def, item);
		int pos = d >= 0 && colon ? stat_value_find(&def->dims[d], colon + 1) : 0;
		if (!pos || q->filter[d])
			problem_field(errors, "dims", "%s must be dimension:value with a dimension "
				      "of statistic %s (once) and one of its values", item,
				      def->code);
		else
			q->filter[d] = (uint8_t)pos;
		p += len + (p[len] == ',');
	}
}

/* The year @p compare names: the year before @p year, or a year of its own. */
static bool compare_year(const char *compare, int year, int *out)
{
	int64_t y;
	if (strcmp(compare, "previous_year") == 0) {
		*out = year - 1;
		return true;
	}
	if (strlen(compare) != 4 || !query_int(compare, &y) || y < PERIOD_YEAR_MIN ||
	    y > PERIOD_YEAR_MAX)
		return false;
	*out = (int)y;
	return true;
}

/* The question @p p asks of statistic @p def; problems appended to *errors, each naming
 * its query parameter. */
static void table_question(const struct statistic *def, const struct statistics_table_params *p,
			   struct stat_question *q, json_t **errors)
{
	memset(q, 0, sizeof *q);
	q->range = stat_question_range(p->period, p->cumulative);
	q->kind = (int)p->period.kind;
	q->share = p->share_of_total;
	question_by(def, p->by, q, errors);
	question_dims(def, p->dims, q, errors);
	for (size_t i = 0; i < q->nby; i++)
		if (q->by[i] >= 0 && q->filter[q->by[i]])
			problem_field(errors, "by", "%s is fixed by dims; a row per its values "
				      "cannot be", def->dims[q->by[i]].name);
	if (p->compare && !compare_year(p->compare, p->period.year, &q->compare_year))
		problem_field(errors, "compare", "must be previous_year or a year from %d to %d",
			      PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	q->compare = p->compare != NULL;
	if (stat_row_count(def, q) == SIZE_MAX)
		problem_field(errors, "by", "gives more than %d rows", STAT_MAX_ROWS);
}

/* ==== the body ============================================================================ */

/* Loads and adds up the table of question @p q; *rc on failure. */
static json_t *table_json(struct db *db, const struct statistic *def,
			  const struct statistics_table_params *p, const struct stat_question *q,
			  const struct api_view *v, enum db_rc *rc)
{
	struct statistic_table_input in;
	struct stat_table t = {0};
	json_t *out = NULL;
	*rc = db_statistics_table_load(db, def, p->unit_id, q, &in);
	if (*rc == DB_OK) {
		enum stat_build_rc b = stat_table_build(def, &in.units, in.parts, in.nparts, q, &t);
		*rc = b == STAT_BUILD_OK ? DB_OK : b == STAT_BUILD_NOMEM ? DB_NOMEM : DB_INVALID;
	}
	if (*rc == DB_OK) {
		stat_table_suppress(def, &t, v->suppress);
		out = api_stat_table_json(def, p, q, &t);
		*rc = out ? DB_OK : DB_NOMEM;
	}
	stat_table_free(&t);
	db_statistic_table_input_free(&in);
	return out;
}

json_t *statistics_table_body(struct db *db, const struct statistics_table_params *p,
			      const struct api_view *v, enum db_rc *rc)
{
	struct statistic_set set;
	struct stat_question q;
	json_t *errors = NULL, *out = NULL;
	*rc = db_statistics_load(db, p->statistic_id, &set);
	if (*rc == DB_OK) {
		table_question(&set.def, p, &q, &errors);
		*rc = errors ? DB_INVALID : DB_OK;
	}
	if (*rc == DB_OK)
		out = table_json(db, &set.def, p, &q, v, rc);
	json_decref(errors);
	db_statistic_set_free(&set);
	return out;
}

/* ==== the handler ========================================================================= */

struct table_query {
	int64_t unit_id;
	struct period period;
	bool cumulative;
	const char *by, *dims, *compare;
	bool share_of_total;
};

const struct query_spec api_statistics_table_query = {
	(const struct q_param[]){
		{"unit_id", Q_INT, offsetof(struct table_query, unit_id), Q_REQUIRED, 1, INT64_MAX,
		 0, NULL, "20"},
		{"period", Q_PERIOD, offsetof(struct table_query, period), Q_REQUIRED, 0, 0, 0,
		 NULL, "2017-T1"},
		{"cumulative", Q_BOOL, offsetof(struct table_query, cumulative), 0, 0, 0, 1, NULL,
		 NULL},
		{"by", Q_STRING, offsetof(struct table_query, by), 0, 0, 120, 0, NULL, NULL},
		{"dims", Q_STRING, offsetof(struct table_query, dims), 0, 0, 300, 0, NULL, NULL},
		{"compare", Q_STRING, offsetof(struct table_query, compare), 0, 0, 16, 0, NULL,
		 NULL},
		{"share_of_total", Q_BOOL, offsetof(struct table_query, share_of_total), 0, 0, 0, 0,
		 NULL, NULL},
		{0}},
	sizeof(struct table_query), FORMAT_JSON | FORMAT_CSV,
};

json_t *api_statistics_table_query_body(struct db *db, int64_t statistic_id, const void *query,
					const struct api_view *v, enum db_rc *rc)
{
	const struct table_query *in = query;
	struct statistics_table_params p = {statistic_id, in->unit_id, in->period, in->cumulative,
					    in->by, in->dims, in->compare, in->share_of_total};
	return statistics_table_body(db, &p, v, rc);
}

/* Replies 400 naming the parameters that do not fit statistic @p id, or 404/503 when it
 * cannot be read; returns true when it replied. */
static bool table_params_or_reply(struct req *r, struct db *db,
				  const struct statistics_table_params *p)
{
	struct statistic_set set;
	struct stat_question q;
	json_t *errors = NULL;
	if (api_statistic_or_reply(r, db, p->statistic_id, &set)) {
		db_statistic_set_free(&set);
		return true;
	}
	table_question(&set.def, p, &q, &errors);
	db_statistic_set_free(&set);
	if (!errors)
		return false;
	size_t n = json_array_size(errors);
	if (n == 1)
		reply_problem(r, 400, "invalid_query", errors, "query parameter %s is not valid",
			      json_string_value(json_object_get(json_array_get(errors, 0),
							       "field")));
	else
		reply_problem(r, 400, "invalid_query", errors, "%zu query parameters are not valid",
			      n);
	return true;
}

/* GET /api/v1/statistics/{id}/table?unit_id=&period=[&by=&dims=&compare=&cumulative=
 * &share_of_total=] */
void api_statistics_table(struct req *r)
{
	const struct table_query *in = REQ_QUERY(r, struct table_query);
	struct statistics_table_params p = {0, in->unit_id, in->period, in->cumulative, in->by,
					    in->dims, in->compare, in->share_of_total};
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (req_id_or_reply(r, 0, &p.statistic_id) || api_db_or_reply(r, &db) ||
	    api_unit_exists_or_reply(r, db, p.unit_id) || table_params_or_reply(r, db, &p))
		return;
	json_t *body = statistics_table_body(db, &p, &v, &rc), *rows = NULL;
	if (!body)
		api_db_error(r, rc, "statistic");
	else if (!req_wants_csv(r))
		reply_json(r, 200, body);
	else if ((rows = api_stat_table_csv(body)))
		reply_csv(r, rows, "statistic.csv");
	else
		reply_oom(r);
	if (body && req_wants_csv(r))
		json_decref(body);
}
