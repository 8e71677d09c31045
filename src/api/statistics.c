/*
 * /api/v1/statistics — the register of statistics: what a figure is, how it adds up and how
 * it breaks down.
 *
 * A statistic names a figure the committee follows (placements, sick leave, households on
 * support), its unit, its aggregate (sum, ratio or distinct: see folja/statistics.h) and up
 * to four dimensions, each an ordered list of value codes with optional labels.  It is a
 * versioned resource (src/api/resource.c): this file declares its input and the rules the
 * input must keep.  Once facts are stored, a statistic keeps what they were written against:
 * its aggregate, and its dimensions' names and values in their places (values and dimensions
 * may be added at the end).  Facts are in statistic_facts.c, their bulk import in
 * statistics_import.c, the tables in statistics_table.c.
 */
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_statistics.h"
#include "folja/input.h"
#include "folja/pnr.h"
#include "folja/resource.h"

#include "statistics.h"

static const char *const unit_choices[] = {"count", "percent", "days", "hours", "kr", NULL};
static const char *const aggregate_choices[] = {"sum", "ratio", "distinct", NULL};

static const struct in_field statistic_spec[] = {
	{"code", IN_STRING, offsetof(struct statistic_in, code), IN_REQUIRED, 0, 64, NULL},
	{"name", IN_TEXT, offsetof(struct statistic_in, name), IN_REQUIRED, 0, 500, NULL},
	{"description", IN_TEXT, offsetof(struct statistic_in, description), IN_NULLABLE, 0,
	 4000, NULL},
	{"measure_unit", IN_ENUM, offsetof(struct statistic_in, measure_unit), IN_REQUIRED, 0, 0,
	 unit_choices},
	{"aggregate", IN_ENUM, offsetof(struct statistic_in, aggregate), IN_REQUIRED, 0, 0,
	 aggregate_choices},
	{"dimensions", IN_JSON, offsetof(struct statistic_in, dimensions), IN_NULLABLE, 0, 0, NULL},
	{"decimals", IN_INT, offsetof(struct statistic_in, decimals), IN_NULLABLE, 0, 6, NULL},
	{"min_population", IN_INT, offsetof(struct statistic_in, min_population), IN_NULLABLE, 0,
	 1000000, NULL},
	{"kolada_kpi", IN_STRING, offsetof(struct statistic_in, kolada_kpi), IN_NULLABLE, 0, 32,
	 NULL},
	{"source", IN_TEXT, offsetof(struct statistic_in, source), IN_NULLABLE, 0, 500, NULL},
	{"id", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"version", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"created_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

/* Names a dimension may not take: `by=month` and the columns of an import's CSV. */
static const char *const reserved_names[] = {
	"month", "unit_id", "unit_code", "period", "dims", "form", "value", "numerator",
	"denominator", "share", "population", "null_reason", "note", "synthetic", "id", NULL};

/* ==== dimensions ========================================================================= */

static bool reserved(const char *name)
{
	for (int i = 0; reserved_names[i]; i++)
		if (strcmp(name, reserved_names[i]) == 0)
			return true;
	return false;
}

/* A label: short text without a personnummer; NULL is no label. */
static void label_check(json_t *v, const char *field, json_t **errors)
{
	const char *s = json_string_value(v);
	if (!v || json_is_null(v))
		return;
	if (!s || strlen(s) > 200)
		problem_field(errors, field, "must be text of at most 200 bytes, or null");
	else if (pnr_find(s, NULL, NULL))
		problem_field(errors, field, "looks like a personnummer; statistics hold none");
}

/* The values of dimension @p di: 1..STAT_MAX_VALUES distinct codes. */
static void values_check(json_t *values, size_t di, json_t **errors)
{
	size_t i, j;
	json_t *v;
	if (!json_is_array(values) || json_array_size(values) == 0 ||
	    json_array_size(values) > STAT_MAX_VALUES) {
		problem_field(errors, "dimensions", "dimension %zu: values must be an array of 1 "
			      "to %d codes", di + 1, STAT_MAX_VALUES);
		return;
	}
	json_array_foreach(values, i, v) {
		const char *code = json_string_value(v);
		bool twice = false;
		for (j = 0; code && j < i; j++)
			twice |= strcmp(code, json_string_value(json_array_get(values, j))) == 0;
		if (!stat_code_valid(code) || twice)
			problem_field(errors, "dimensions", "dimension %zu: value %zu must be a "
				      "code not given before (A-Z, a-z, 0-9, then also _ . -; at "
				      "most %d bytes)", di + 1, i + 1, STAT_CODE_MAX);
	}
}

/* The labels of dimension @p di: null, or one label (or null) per value. */
static void labels_check(json_t *labels, size_t nvalues, size_t di, json_t **errors)
{
	size_t i;
	json_t *v;
	char field[48];
	if (!labels || json_is_null(labels))
		return;
	if (!json_is_array(labels) || json_array_size(labels) != nvalues) {
		problem_field(errors, "dimensions", "dimension %zu: labels must be null or one per "
			      "value", di + 1);
		return;
	}
	snprintf(field, sizeof field, "dimensions[%zu].labels", di);
	json_array_foreach(labels, i, v)
		label_check(v, field, errors);
}

/* Dimension @p di: {name, label?, values, labels?} with a name not used before. */
static void dimension_check(json_t *dims, size_t di, json_t **errors)
{
	json_t *d = json_array_get(dims, di);
	const char *key, *name = json_string_value(json_object_get(d, "name"));
	json_t *v;
	if (!json_is_object(d)) {
		problem_field(errors, "dimensions", "dimension %zu must be an object {name, label, "
			      "values, labels}", di + 1);
		return;
	}
	json_object_foreach(d, key, v)
		if (strcmp(key, "name") && strcmp(key, "label") && strcmp(key, "values") &&
		    strcmp(key, "labels"))
			problem_field(errors, "dimensions", "dimension %zu: %s is not a field "
				      "(name, label, values, labels)", di + 1, key);
	bool twice = false;
	for (size_t j = 0; name && j < di; j++) {
		const char *other = json_string_value(json_object_get(json_array_get(dims, j),
								      "name"));
		twice |= other && strcmp(name, other) == 0;
	}
	if (!stat_name_valid(name) || reserved(name) || twice)
		problem_field(errors, "dimensions", "dimension %zu: name must be a new name (a-z "
			      "first, then a-z, 0-9, _; not month or an import column)", di + 1);
	label_check(json_object_get(d, "label"), "dimensions.label", errors);
	values_check(json_object_get(d, "values"), di, errors);
	labels_check(json_object_get(d, "labels"),
		     json_array_size(json_object_get(d, "values")), di, errors);
}

static bool statistic_rules_or_reply(struct req *r, void *input)
{
	const struct statistic_in *in = input;
	json_t *errors = NULL;
	enum stat_aggregate a = STAT_SUM;
	enum stat_unit u = STAT_COUNT;
	if (!api_code_valid(in->code))
		problem_field(&errors, "code", "must be a code: a-z first, then a-z, 0-9, _");
	if (stat_aggregate_parse(in->aggregate, &a) && stat_unit_parse(in->measure_unit, &u) &&
	    stat_kind_error(a, u))
		problem_field(&errors, "aggregate", "%s", stat_kind_error(a, u));
	if (in->dimensions && (!json_is_array(in->dimensions) ||
			       json_array_size(in->dimensions) > STAT_MAX_DIMS))
		problem_field(&errors, "dimensions", "must be an array of at most %d dimensions",
			      STAT_MAX_DIMS);
	else
		for (size_t i = 0; i < json_array_size(in->dimensions); i++)
			dimension_check(in->dimensions, i, &errors);
	return input_errors_or_reply(r, errors);
}

/* ==== what stored facts hold a statistic to ============================================== */

/* True when the dimensions @p dims keep every dimension of @p old in its place, with its
 * name and its values in their places. */
static bool dimensions_kept(const struct statistic *old, json_t *dims)
{
	if (json_array_size(dims) < old->ndims)
		return false;
	for (size_t i = 0; i < old->ndims; i++) {
		json_t *d = json_array_get(dims, i), *values = json_object_get(d, "values");
		const char *name = json_string_value(json_object_get(d, "name"));
		if (!name || strcmp(name, old->dims[i].name) != 0 ||
		    json_array_size(values) < old->dims[i].nvalues)
			return false;
		for (size_t k = 0; k < old->dims[i].nvalues; k++)
			if (strcmp(json_string_value(json_array_get(values, k)),
				   old->dims[i].values[k]) != 0)
				return false;
	}
	return true;
}

static enum db_rc statistic_check(struct db *db, int64_t id, const void *input,
				  struct resource_error *err)
{
	const struct statistic_in *in = input;
	struct statistic_set old;
	bool has_facts = false;
	if (id == 0)
		return DB_OK;
	enum db_rc rc = db_statistics_load(db, id, &old);
	if (rc == DB_OK)
		rc = db_statistics_has_facts(db, id, &has_facts);
	if (rc == DB_OK && has_facts &&
	    strcmp(in->aggregate, stat_aggregate_name(old.def.aggregate)) != 0)
		rc = resource_refuse(err, "statistic_in_use", "aggregate", "cannot change while "
				     "the statistic has facts");
	else if (rc == DB_OK && has_facts && !dimensions_kept(&old.def, in->dimensions))
		rc = resource_refuse(err, "statistic_in_use", "dimensions", "must keep every "
				     "dimension's name and values in their places while the "
				     "statistic has facts (values and dimensions may be added at "
				     "the end)");
	if (rc == DB_INVALID)
		err->status = 409;
	db_statistic_set_free(&old);
	return rc;
}

static enum db_rc statistic_insert(struct db *db, const void *in, int64_t *id)
{
	return db_statistics_insert(db, in, id);
}

static enum db_rc statistic_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_statistics_update(db, id, version, in);
}

const struct resource folja_statistics = {
	.entity = "statistic",
	.collection = "/api/v1/statistics",
	.spec = statistic_spec,
	.in_size = sizeof(struct statistic_in),
	.rules_or_reply = statistic_rules_or_reply,
	.check = statistic_check,
	.get = db_statistics_get,
	.insert = statistic_insert,
	.update = statistic_update,
	.remove = db_statistics_delete,
	.duplicate_field = "code",
	.referenced_detail = "the statistic still has facts or indicators; delete those first",
};

/* ==== the list =========================================================================== */

struct statistics_query {
	int64_t limit, offset;
};

const struct query_spec api_statistics_list_query = {
	(const struct q_param[]){Q_PAGING(struct statistics_query), {0}},
	sizeof(struct statistics_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/statistics[?limit=&offset=] */
void api_statistics_list(struct req *r)
{
	const struct statistics_query *q = REQ_QUERY(r, struct statistics_query);
	int64_t total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	if (!items) {
		reply_oom(r);
		return;
	}
	enum db_rc rc = db_statistics_list(db, q->limit, q->offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "statistic");
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}

bool api_statistic_or_reply(struct req *r, struct db *db, int64_t id, struct statistic_set *set)
{
	enum db_rc rc = db_statistics_load(db, id, set);
	if (rc != DB_OK)
		api_db_error(r, rc, "statistic");
	return rc != DB_OK;
}
