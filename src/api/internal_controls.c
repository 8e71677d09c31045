/*
 * /api/v1/internal-controls — the internal control plan (folja/internal_control.h): the year's
 * controls with the risk each guards against and their results per period, written as one
 * resource.  Readers read it; the summary, which the report sections call, counts the year's
 * controls as at the period's last day: done without or with deviations, not done, not yet
 * followed up, and each period's results apart.
 */
#include <stdio.h>

#include "folja/resource.h"

#include "reg.h"

static const char *const results[] = {"ej_genomford", "utan_avvikelse", "med_avvikelse", NULL};

#define II(m) offsetof(struct ic_in, m)
static const struct in_field control_spec[] = {
	{"unit_id", IN_INT, II(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"year", IN_INT, II(year), IN_REQUIRED, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, NULL},
	{"process", IN_STRING, II(process), IN_REQUIRED, 0, 0, NULL},
	{"risk_id", IN_INT, II(risk_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"control", IN_TEXT, II(control), IN_REQUIRED, 0, 0, NULL},
	{"method", IN_TEXT, II(method), IN_NULLABLE, 0, 0, NULL},
	{"frequency", IN_STRING, II(frequency), IN_NULLABLE, 0, 0, NULL},
	{"responsible", IN_STRING, II(responsible), IN_NULLABLE, 0, 0, NULL},
	{"results", IN_JSON, II(results), IN_NULLABLE, 0, 0, NULL},
	IN_FIELD("id", IN_IGNORE, struct ic_in, process, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct ic_in, process, 0),
	IN_FIELD("version", IN_IGNORE, struct ic_in, process, 0),
	IN_FIELD("created_at", IN_IGNORE, struct ic_in, process, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct ic_in, process, 0),
	{0}
};
#undef II

static const struct in_field result_spec[] = {
	{"period", IN_STRING, offsetof(struct ic_result_in, period), IN_REQUIRED, 0, 16, NULL},
	{"result", IN_ENUM, offsetof(struct ic_result_in, result), IN_REQUIRED, 0, 0, results},
	IN_FIELD("findings", IN_TEXT, struct ic_result_in, findings, IN_NULLABLE),
	{0}
};

static bool same_period(struct period a, struct period b)
{
	return a.kind == b.kind && a.year == b.year && a.index == b.index;
}

/* Each result's period: a period of the control's year, once.  Appends problems. */
static void result_periods(struct ic_in *in, json_t **errors)
{
	struct period seen[REG_MAX_NESTED];
	for (size_t i = 0; i < in->n_results; i++) {
		char field[48];
		snprintf(field, sizeof field, "results[%zu].period", i);
		if (!reg_period_read(in->result[i].period, field, &seen[i], errors))
			continue;
		if (seen[i].year != in->year)
			problem_field(errors, field, "is not a period of the control's year %d",
				      (int)in->year);
		for (size_t k = 0; k < i; k++)
			if (same_period(seen[k], seen[i]))
				problem_field(errors, field, "has a result already");
		date_format(period_last_day(seen[i]), in->result[i].period_last);
	}
}

/* The results read, their periods checked.  422. */
static bool control_rules_or_reply(struct req *r, void *input)
{
	struct ic_in *in = input;
	json_t *errors = NULL;
	reg_nested_read(in->results, "results", result_spec, in->result, sizeof in->result[0],
			&in->n_results, &errors);
	if (!errors)
		result_periods(in, &errors);
	return input_errors_or_reply(r, errors);
}

/* The unit, and the risk when one is named, must exist. */
static enum db_rc control_check(struct db *db, int64_t id, const void *input,
				struct resource_error *err)
{
	const struct ic_in *in = input;
	(void)id;
	enum db_rc rc = reg_unit_check(db, in->unit_id, err);
	if (rc == DB_OK && in->risk_id != IN_NULL && (rc = db_risk_exists(db, in->risk_id)) ==
	    DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "risk_id", "names no risk");
	return rc;
}

static enum db_rc control_insert(struct db *db, const void *in, int64_t *id)
{
	return db_ic_insert(db, in, id);
}

static enum db_rc control_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_ic_update(db, id, version, in);
}

const struct resource folja_internal_controls = {
	.entity = "internal control",
	.audit_entity = "internal_control",
	.collection = "/api/v1/internal-controls",
	.spec = control_spec,
	.in_size = sizeof(struct ic_in),
	.rules_or_reply = control_rules_or_reply,
	.check = control_check,
	.get = db_ic_get,
	.insert = control_insert,
	.update = control_update,
	.remove = db_ic_delete,
	.referenced_detail = "an action has this internal control as its origin",
};

const struct query_spec api_internal_controls_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_STRING("process", kind),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/internal-controls[?unit_id=&period=&process=&limit=&offset=] — ?period= selects
 * its year */
void api_internal_controls_list(struct req *r)
{
	reg_list_reply(r, db_ic_list, "internal control");
}

/* ==== summary ============================================================================= */

const struct query_spec api_internal_controls_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct register_summary_params, period), Q_REQUIRED, 0,
		 0, 0, NULL, "2017-T1"},
		Q_ID("unit_id", struct register_summary_params, unit_id),
		{0}},
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV,
};

/* The result counts of one period (or of the year as at the cut-off) into @p o, each part
 * put in @p cells. */
static void results_put(json_t *o, const int counts[IC_RESULTS], struct api_counts *c,
			size_t cells[IC_RESULTS])
{
	cells[IC_UTAN_AVVIKELSE] = api_counts_put(c, o, "without_deviations",
						  counts[IC_UTAN_AVVIKELSE]);
	cells[IC_MED_AVVIKELSE] = api_counts_put(c, o, "with_deviations",
						 counts[IC_MED_AVVIKELSE]);
	cells[IC_EJ_GENOMFORD] = api_counts_put(c, o, "not_done", counts[IC_EJ_GENOMFORD]);
}

/* One period's results: {period, done, without_deviations, with_deviations, not_done}. */
static json_t *period_json(const struct ic_period_count *pc, struct api_counts *c)
{
	char label[PERIOD_BUF];
	size_t cells[IC_RESULTS];
	period_format(pc->period, label);
	json_t *o = json_pack("{s:s}", "period", label);
	size_t done = api_counts_put(c, o, "done", pc->results[IC_UTAN_AVVIKELSE] +
				     pc->results[IC_MED_AVVIKELSE]);
	results_put(o, pc->results, c, cells);
	api_counts_sum(c, done, (size_t[]){cells[IC_UTAN_AVVIKELSE], cells[IC_MED_AVVIKELSE]}, 2);
	return o;
}

static json_t *periods_json(const struct ic_summary *s, struct api_counts *c)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < s->n_periods; i++)
		if (json_array_append_new(list, period_json(&s->periods[i], c)))
			json_decref(list), list = NULL;
	return list;
}

/* The year's counts as at the cut-off into @p out: controls = done + not done + not
 * followed up, done = without + with deviations. */
static bool counts_put(json_t *out, const struct ic_summary *s, struct api_counts *c)
{
	size_t cells[IC_RESULTS];
	size_t controls = api_counts_put(c, out, "controls", s->controls);
	api_counts_put(c, out, "with_risk", s->with_risk);
	size_t done = api_counts_put(c, out, "done", s->results[IC_UTAN_AVVIKELSE] +
				     s->results[IC_MED_AVVIKELSE]);
	results_put(out, s->results, c, cells);
	size_t none = api_counts_put(c, out, "not_followed_up", s->not_followed_up);
	api_counts_sum(c, done, (size_t[]){cells[IC_UTAN_AVVIKELSE], cells[IC_MED_AVVIKELSE]}, 2);
	api_counts_sum(c, controls, (size_t[]){done, cells[IC_EJ_GENOMFORD], none}, 3);
	return !json_object_set_new(out, "periods", periods_json(s, c));
}

static json_t *summary_json(const struct register_summary_params *p, const struct ic_summary *s,
			    const struct api_view *v)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:i, s:o, s:o}", "period", period, "year",
				    p->period.year, "cut_off",
				    reg_date_json(period_last_day(p->period)), "unit_id",
				    p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id))
			: NULL;
	if (out && (!counts_put(out, s, c) || !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *internal_controls_summary_body(struct db *db, const struct register_summary_params *p,
				       const struct api_view *v, enum db_rc *rc)
{
	char from[11], to[11];
	struct ic_set *set = NULL;
	json_t *out = NULL;
	date_format(period_first_day(p->period), from);
	date_format(period_last_day(p->period), to);
	struct reg_filter f = {.unit_id = p->unit_id, .from = from, .to = to};
	*rc = db_ic_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	struct ic_summary *s = ic_summary_build(set->items, set->n, p->period.year,
						period_last_day(p->period));
	if (s)
		out = summary_json(p, s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	ic_summary_free(s);
	db_ic_set_free(set);
	return out;
}

/* GET /api/v1/internal-controls/summary?period=&unit_id= */
void api_internal_controls_summary(struct req *r)
{
	reg_summary_reply(r, internal_controls_summary_body, "internal control");
}
