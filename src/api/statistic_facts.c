/*
 * /api/v1/statistic-facts — the facts of statistics, one at a time.
 *
 * A fact is one figure of a statistic for a unit and a period, with the values of the
 * dimensions it breaks down by (a dimension it omits is the total over it).  What it holds
 * follows from the fields given and the statistic's aggregate: a value (sum, distinct), a
 * numerator and a denominator (ratio), a ratio's value as printed (`given`: the seeds print
 * sick leave only in percent), a part's share of the total as printed (`share`), or null with
 * a reason.  The single writes here and the bulk import (statistics_import.c) judge a fact by
 * the same two functions, api_stat_dims() and api_stat_form().
 */
#include <math.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_statistics.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"

#include "statistics.h"

/* ==== judging a fact against its statistic ================================================ */

void api_stat_dims(const struct statistic *def, json_t *dims, uint8_t out[STAT_MAX_DIMS],
		   json_t **errors)
{
	const char *name;
	json_t *v;
	memset(out, 0, STAT_MAX_DIMS);
	if (!dims || json_is_null(dims))
		return;
	if (!json_is_object(dims)) {
		problem_field(errors, "dims", "must be an object {dimension: value}");
		return;
	}
	json_object_foreach(dims, name, v) {
		int d = stat_dimension_find(def, name);
		int pos = d < 0 ? 0 : stat_value_find(&def->dims[d], json_string_value(v));
		if (d < 0)
			problem_field(errors, "dims", "%s is not a dimension of statistic %s", name,
				      def->code);
		else if (json_is_null(v))
			continue;  /* null: the total over it, as when omitted */
		else if (!pos)
			problem_field(errors, "dims", "%s: not one of the dimension's values",
				      name);
		else
			out[d] = (uint8_t)pos;
	}
}

static bool given(double x)
{
	return !isnan(x);
}

/* Each given number within ±STAT_MAX_ABS; a denominator not negative; a share 0-100. */
static void figures_range(const struct stat_figures_in *f, json_t **errors)
{
	const struct { const char *name; double v; } nums[] = {
		{"value", f->value}, {"numerator", f->numerator},
		{"denominator", f->denominator}, {"share", f->share}};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if (given(nums[i].v) && fabs(nums[i].v) > STAT_MAX_ABS)
			problem_field(errors, nums[i].name, "must lie within ±1e15");
	if (given(f->denominator) && f->denominator < 0)
		problem_field(errors, "denominator", "must be zero or more");
	if (given(f->share) && (f->share < 0 || f->share > 100))
		problem_field(errors, "share", "must be a percentage from 0 to 100");
}

/* The form the fields given make, before the statistic is asked; -1 with a problem when
 * they make none. */
static int form_of_fields(const struct stat_figures_in *f, json_t **errors)
{
	bool v = given(f->value), n = given(f->numerator), d = given(f->denominator),
	     s = given(f->share);
	if (f->null_reason) {
		if (v || n || d || s)
			problem_field(errors, "null_reason", "is only for a fact without figures");
		return v || n || d || s ? -1 : STAT_FORM_NULL;
	}
	if (n || d) {
		const char *field = n && d ? "value" : n ? "denominator" : "numerator";
		if (!n || !d || v || s)
			problem_field(errors, field, "a ratio fact gives a numerator and a "
				      "denominator and no value or share");
		return n && d && !v && !s ? STAT_FORM_RATIO : -1;
	}
	if (s && v)
		problem_field(errors, "share", "a fact gives a share or a value, not both");
	else if (!s && !v)
		problem_field(errors, "value", "is required (or numerator and denominator, share, "
			      "or null with a null_reason)");
	return s && !v ? STAT_FORM_SHARE : v && !s ? STAT_FORM_VALUE : -1;
}

/* A count is a whole number of zero or more; kronor are whole. */
static void value_kind(const struct statistic *def, double v, json_t **errors)
{
	if (def->unit == STAT_COUNT && (v < 0 || v != floor(v)))
		problem_field(errors, "value", "a count is a whole number of zero or more");
	else if (def->unit == STAT_KR && v != floor(v))
		problem_field(errors, "value", "kronor are whole");
}

enum stat_form api_stat_form(const struct statistic *def, const struct stat_figures_in *f,
			     const uint8_t dims[STAT_MAX_DIMS], json_t **errors)
{
	size_t n = json_array_size(*errors);
	figures_range(f, errors);
	int form = form_of_fields(f, errors);
	if (form == STAT_FORM_VALUE && def->aggregate == STAT_RATIO)
		form = STAT_FORM_GIVEN;  /* a ratio printed as a percentage, no hours behind it */
	if (form == STAT_FORM_VALUE)
		value_kind(def, f->value, errors);
	if (form >= 0 && !stat_form_allowed(def->aggregate, (enum stat_form)form))
		problem_field(errors, form == STAT_FORM_SHARE ? "share" : "numerator", "a fact of "
			      "a %s statistic gives %s", stat_aggregate_name(def->aggregate),
			      def->aggregate == STAT_RATIO ? "numerator and denominator, a value "
			      "or a share" : "a value");
	if (form == STAT_FORM_SHARE && !stat_mask(dims))
		problem_field(errors, "share", "is a part's share of the total: the fact needs a "
			      "dimension value");
	if (f->population != IN_NULL && f->population < 0)
		problem_field(errors, "population", "must be zero or more");
	return json_array_size(*errors) > n || form < 0 ? STAT_FORM_NULL : (enum stat_form)form;
}

/* ==== the resource ======================================================================== */

struct fact_body {
	int64_t statistic_id;
	int64_t unit_id;
	const char *period;
	json_t *dims;
	struct stat_figures_in f;
	const char *note;
	int synthetic;              /* -1 when absent */
};

static const struct in_field fact_spec[] = {
	{"statistic_id", IN_INT, offsetof(struct fact_body, statistic_id), IN_REQUIRED, 1,
	 INT64_MAX, NULL},
	{"unit_id", IN_INT, offsetof(struct fact_body, unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"period", IN_STRING, offsetof(struct fact_body, period), IN_REQUIRED, 0, 16, NULL},
	{"dims", IN_JSON, offsetof(struct fact_body, dims), IN_NULLABLE, 0, 0, NULL},
	{"value", IN_NUMBER, offsetof(struct fact_body, f.value), IN_NULLABLE, 0, 0, NULL},
	{"numerator", IN_NUMBER, offsetof(struct fact_body, f.numerator), IN_NULLABLE, 0, 0, NULL},
	{"denominator", IN_NUMBER, offsetof(struct fact_body, f.denominator), IN_NULLABLE, 0, 0,
	 NULL},
	{"share", IN_NUMBER, offsetof(struct fact_body, f.share), IN_NULLABLE, 0, 0, NULL},
	{"population", IN_INT, offsetof(struct fact_body, f.population), IN_NULLABLE, 0,
	 1000000000, NULL},
	{"null_reason", IN_TEXT, offsetof(struct fact_body, f.null_reason), IN_NULLABLE, 0, 500,
	 NULL},
	{"note", IN_TEXT, offsetof(struct fact_body, note), IN_NULLABLE, 0, 1000, NULL},
	{"synthetic", IN_BOOL, offsetof(struct fact_body, synthetic), IN_NULLABLE, 0, 0, NULL},
	{"id", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"form", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"version", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"created_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

static bool fact_rules_or_reply(struct req *r, void *input)
{
	const struct fact_body *b = input;
	struct period p;
	json_t *errors = NULL;
	if (!period_parse(b->period, &p))
		problem_field(&errors, "period", "%s", period_error(b->period));
	return input_errors_or_reply(r, errors);
}

/* The fact @p b as storage takes it, judged against @p def; *errors gets the problems. */
static void fact_resolve(const struct statistic *def, const struct fact_body *b,
			 struct statistic_fact_in *out, json_t **errors)
{
	memset(out, 0, sizeof *out);
	out->statistic_id = b->statistic_id;
	out->unit_id = b->unit_id;
	period_parse(b->period, &out->period);  /* checked by the rules */
	api_stat_dims(def, b->dims, out->dims, errors);
	out->form = api_stat_form(def, &b->f, out->dims, errors);
	bool share = out->form == STAT_FORM_SHARE;
	out->value = share ? b->f.share : b->f.value;
	out->numerator = b->f.numerator;
	out->denominator = b->f.denominator;
	out->population = b->f.population;
	out->null_reason = b->f.null_reason;
	out->note = b->note;
	out->synthetic = b->synthetic == 1;
}

/* The field a problem names, as a string that outlives the problem (a refusal keeps the
 * pointer). */
static const char *static_field(const char *field)
{
	static const char *const fields[] = {"dims", "value", "numerator", "denominator",
					     "share", "population", "null_reason", NULL};
	for (int i = 0; field && fields[i]; i++)
		if (strcmp(field, fields[i]) == 0)
			return fields[i];
	return "dims";
}

/* The statistic and the unit must exist, and the fact must fit the statistic. */
static enum db_rc fact_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	const struct fact_body *b = input;
	struct statistic_set set;
	struct statistic_fact_in in;
	json_t *unit = NULL, *errors = NULL;
	(void)id;
	enum db_rc rc = db_statistics_load(db, b->statistic_id, &set);
	if (rc == DB_NOT_FOUND)
		rc = resource_refuse(err, "unknown_reference", "statistic_id",
				     "names no statistic");
	if (rc == DB_OK && (rc = db_units_get(db, b->unit_id, &unit)) == DB_NOT_FOUND)
		rc = resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	if (rc == DB_OK)
		fact_resolve(&set.def, b, &in, &errors);
	if (rc == DB_OK && errors) {
		json_t *first = json_array_get(errors, 0);
		const char *field = json_string_value(json_object_get(first, "field"));
		rc = resource_refuse(err, "invalid_input", static_field(field),
				     json_string_value(json_object_get(first, "message")));
	}
	json_decref(errors);
	json_decref(unit);
	db_statistic_set_free(&set);
	return rc;
}

/* The fact @p input resolved against its statistic, for a write the check has let through. */
static enum db_rc fact_write(struct db *db, int64_t id, int64_t version, const void *input,
			     int64_t *new_id)
{
	const struct fact_body *b = input;
	struct statistic_set set;
	struct statistic_fact_in in;
	json_t *errors = NULL;
	enum db_rc rc = db_statistics_load(db, b->statistic_id, &set);
	if (rc == DB_OK) {
		fact_resolve(&set.def, b, &in, &errors);
		rc = errors ? DB_ERROR : DB_OK;  /* the check found none a moment ago */
	}
	if (rc == DB_OK && new_id)
		rc = db_statistic_facts_insert(db, &set.def, &in, new_id);
	else if (rc == DB_OK)
		rc = db_statistic_facts_update(db, &set.def, id, version, &in);
	json_decref(errors);
	db_statistic_set_free(&set);
	return rc;
}

static enum db_rc fact_insert(struct db *db, const void *in, int64_t *id)
{
	return fact_write(db, 0, -1, in, id);
}

static enum db_rc fact_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return fact_write(db, id, version, in, NULL);
}

const struct resource folja_statistic_facts = {
	.entity = "statistic fact",
	.audit_entity = "statistic_fact",
	.collection = "/api/v1/statistic-facts",
	.spec = fact_spec,
	.in_size = sizeof(struct fact_body),
	.rules_or_reply = fact_rules_or_reply,
	.check = fact_check,
	.get = db_statistic_facts_get,
	.insert = fact_insert,
	.update = fact_update,
	.remove = db_statistic_facts_delete,
	.duplicate_field = "period",
};

/* ==== the list ============================================================================ */

struct facts_query {
	int64_t limit, offset;
	int64_t statistic_id, unit_id, year;
	struct period period;
};

const struct query_spec api_statistic_facts_query = {
	(const struct q_param[]){
		Q_PAGING(struct facts_query),
		Q_ID("statistic_id", struct facts_query, statistic_id),
		Q_ID("unit_id", struct facts_query, unit_id),
		{"year", Q_INT, offsetof(struct facts_query, year), 0, PERIOD_YEAR_MIN,
		 PERIOD_YEAR_MAX, INT64_MIN, NULL, NULL},
		{"period", Q_PERIOD, offsetof(struct facts_query, period), 0, 0, 0, 0, NULL, NULL},
		{0}},
	sizeof(struct facts_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/statistic-facts[?statistic_id=&unit_id=&year=&period=&limit=&offset=] */
void api_statistic_facts_list(struct req *r)
{
	const struct facts_query *q = REQ_QUERY(r, struct facts_query);
	struct statistic_fact_filter f = {q->statistic_id, q->unit_id, q->year,
					  period_given(q->period) ? &q->period : NULL};
	int64_t total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, q->unit_id))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_statistic_facts_list(db, &f, q->limit, q->offset, items,
							&total) : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "statistic fact");
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}
