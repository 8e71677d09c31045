/*
 * /api/v1/risks and /api/v1/risk-sensitivities — the committee's risk analysis and the
 * economic sensitivity of the year's result (folja/risk.h has the rules).
 *
 * A risk is written with its reviews as one resource; the value rule is applied to the risk
 * and to each review (both factors give the value, a stated value that contradicts them is
 * 422).  The registers hold no personal data, so readers read them; the summaries, which the
 * report sections call, give the 5×5 matrix, the counts per type and colour, the highest
 * values with their text, and the economic sums in kronor or tkr.
 */
#include <stdio.h>
#include <string.h>

#include "folja/money.h"
#include "folja/resource.h"

#include "reg.h"

static const char *const types[] = {"omvarld", "medarbetare", "verksamhet", "finansiell",
				    "ovrigt", NULL};
static const char *const colors[] = {"gron", "gul", "rod", NULL};
static const char *const scales[] = {"kr", "tkr", "mnkr", NULL};

#define RI(m) offsetof(struct risk_in, m)
static const struct in_field risk_spec[] = {
	{"unit_id", IN_INT, RI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"year", IN_INT, RI(year), IN_REQUIRED, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, NULL},
	{"type", IN_ENUM, RI(type), IN_NULLABLE, 0, 0, types},
	{"description", IN_TEXT, RI(description), IN_REQUIRED, 0, 0, NULL},
	{"probability", IN_INT, RI(probability), IN_NULLABLE, 1, RISK_SCALE, NULL},
	{"consequence", IN_INT, RI(consequence), IN_NULLABLE, 1, RISK_SCALE, NULL},
	{"value", IN_INT, RI(value), IN_NULLABLE, 1, RISK_SCALE * RISK_SCALE, NULL},
	{"measures", IN_TEXT, RI(measures), IN_NULLABLE, 0, 0, NULL},
	{"owner", IN_STRING, RI(owner), IN_NULLABLE, 0, 0, NULL},
	{"reviews", IN_JSON, RI(reviews), IN_NULLABLE, 0, 0, NULL},
	IN_FIELD("id", IN_IGNORE, struct risk_in, type, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct risk_in, type, 0),
	IN_FIELD("version", IN_IGNORE, struct risk_in, type, 0),
	IN_FIELD("created_at", IN_IGNORE, struct risk_in, type, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct risk_in, type, 0),
	{0}
};
#undef RI

#define RV(m) offsetof(struct risk_review_in, m)
static const struct in_field review_spec[] = {
	{"on", IN_DATE, RV(on), IN_REQUIRED, 0, 0, NULL},
	{"probability", IN_INT, RV(probability), IN_NULLABLE, 1, RISK_SCALE, NULL},
	{"consequence", IN_INT, RV(consequence), IN_NULLABLE, 1, RISK_SCALE, NULL},
	{"value", IN_INT, RV(value), IN_NULLABLE, 1, RISK_SCALE * RISK_SCALE, NULL},
	{"color", IN_ENUM, RV(color), IN_NULLABLE, 0, 0, colors},
	{"comment", IN_TEXT, RV(comment), IN_NULLABLE, 0, 0, NULL},
	{0}
};
#undef RV

/* ==== the value rule ====================================================================== */

static int or_zero(int64_t v)
{
	return v == IN_NULL ? 0 : (int)v;
}

/* The value rule on one valuation, problems named with @p prefix; *value the stored value
 * (IN_NULL for none). */
static void value_rule(int64_t p, int64_t c, int64_t *value, const char *prefix,
		       json_t **errors)
{
	int v = 0;
	char field[64];
	switch (risk_value(or_zero(p), or_zero(c), or_zero(*value), &v)) {
	case RISK_VALUE_OK:
		*value = v ? v : IN_NULL;
		break;
	case RISK_VALUE_CONTRADICTS:
		snprintf(field, sizeof field, "%svalue", prefix);
		problem_field(errors, field, "is not probability × consequence (%d × %d = %d)",
			      (int)p, (int)c, (int)(p * c));
		break;
	case RISK_VALUE_HALF:
		snprintf(field, sizeof field, "%s%s", prefix, p == IN_NULL ? "probability" :
			 "consequence");
		problem_field(errors, field, "is required with %s: the factors go together",
			      p == IN_NULL ? "consequence" : "probability");
		break;
	}
}

/* The reviews read and each valued by the rule; the risk's own value by the rule.  422. */
static bool risk_rules_or_reply(struct req *r, void *input)
{
	struct risk_in *in = input;
	json_t *errors = NULL;
	value_rule(in->probability, in->consequence, &in->value, "", &errors);
	reg_nested_read(in->reviews, "reviews", review_spec, in->review, sizeof in->review[0],
			&in->n_reviews, &errors);
	for (size_t i = 0; !errors && i < in->n_reviews; i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "reviews[%zu].", i);
		value_rule(in->review[i].probability, in->review[i].consequence,
			   &in->review[i].value, prefix, &errors);
	}
	return input_errors_or_reply(r, errors);
}

static enum db_rc risk_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct risk_in *)input)->unit_id, err);
}

static enum db_rc risk_insert(struct db *db, const void *in, int64_t *id)
{
	return db_risks_insert(db, in, id);
}

static enum db_rc risk_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_risks_update(db, id, version, in);
}

const struct resource folja_risks = {
	.entity = "risk",
	.collection = "/api/v1/risks",
	.spec = risk_spec,
	.in_size = sizeof(struct risk_in),
	.rules_or_reply = risk_rules_or_reply,
	.check = risk_check,
	.get = db_risks_get,
	.insert = risk_insert,
	.update = risk_update,
	.remove = db_risks_delete,
	.referenced_detail = "an internal control or an action refers to the risk; change or "
			     "delete those first",
};

const struct query_spec api_risks_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("type", kind, types),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/risks[?unit_id=&period=&type=&limit=&offset=] — ?period= selects its year */
void api_risks_list(struct req *r)
{
	reg_list_reply(r, db_risks_list, "risk");
}

/* ==== economic sensitivity ================================================================ */

#define SI(m) offsetof(struct sensitivity_in, m)
static const struct in_field sensitivity_spec[] = {
	{"unit_id", IN_INT, SI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"period", IN_STRING, SI(period), IN_REQUIRED, 0, 16, NULL},
	{"description", IN_TEXT, SI(description), IN_REQUIRED, 0, 0, NULL},
	{"amount_kr", IN_INT, SI(amount_kr), IN_REQUIRED, -MONEY_MAX_KR, MONEY_MAX_KR, NULL},
	IN_FIELD("id", IN_IGNORE, struct sensitivity_in, period, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct sensitivity_in, period, 0),
	IN_FIELD("version", IN_IGNORE, struct sensitivity_in, period, 0),
	IN_FIELD("created_at", IN_IGNORE, struct sensitivity_in, period, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct sensitivity_in, period, 0),
	{0}
};
#undef SI

/* The period read into its canonical form and its days.  422. */
static bool sensitivity_rules_or_reply(struct req *r, void *input)
{
	struct sensitivity_in *in = input;
	json_t *errors = NULL;
	struct period p;
	if (reg_period_read(in->period, "period", &p, &errors)) {
		date_format(period_first_day(p), in->period_first);
		date_format(period_last_day(p), in->period_last);
	}
	return input_errors_or_reply(r, errors);
}

static enum db_rc sensitivity_check(struct db *db, int64_t id, const void *input,
				    struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct sensitivity_in *)input)->unit_id, err);
}

static enum db_rc sensitivity_insert(struct db *db, const void *in, int64_t *id)
{
	return db_sensitivities_insert(db, in, id);
}

static enum db_rc sensitivity_update(struct db *db, int64_t id, int64_t version,
				     const void *in)
{
	return db_sensitivities_update(db, id, version, in);
}

const struct resource folja_risk_sensitivities = {
	.entity = "risk sensitivity",
	.audit_entity = "risk_sensitivity",
	.collection = "/api/v1/risk-sensitivities",
	.spec = sensitivity_spec,
	.in_size = sizeof(struct sensitivity_in),
	.rules_or_reply = sensitivity_rules_or_reply,
	.check = sensitivity_check,
	.get = db_sensitivities_get,
	.insert = sensitivity_insert,
	.update = sensitivity_update,
	.remove = db_sensitivities_delete,
};

const struct query_spec api_sensitivities_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/risk-sensitivities[?unit_id=&period=&limit=&offset=] — by the analysis period's
 * last day */
void api_sensitivities_list(struct req *r)
{
	reg_list_reply(r, db_sensitivities_list, "risk sensitivity");
}

/* ==== the summaries ======================================================================= */

#define SUM(m) offsetof(struct register_summary_params, m)
const struct query_spec api_risks_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, SUM(period), Q_REQUIRED, 0, 0, 0, NULL, "2021"},
		Q_ID("unit_id", struct register_summary_params, unit_id),
		{"scale", Q_ENUM, SUM(scale), 0, 0, 0, 0, scales, NULL},
		{"top", Q_INT, SUM(top), 0, 1, 100, 10, NULL, NULL},
		{0}},
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_sensitivities_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, SUM(period), Q_REQUIRED, 0, 0, 0, NULL, "2017-T1"},
		Q_ID("unit_id", struct register_summary_params, unit_id),
		{"scale", Q_ENUM, SUM(scale), 0, 0, 0, 0, scales, NULL},
		{0}},
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV,
};
#undef SUM

/* GET /api/v1/risks/summary?period=&unit_id=&scale=&top= */
void api_risks_summary(struct req *r)
{
	reg_summary_reply(r, risks_summary_body, "risk");
}

/* GET /api/v1/risk-sensitivities/summary?period=&unit_id=&scale= */
void api_sensitivities_summary(struct req *r)
{
	reg_summary_reply(r, risk_sensitivities_summary_body, "risk sensitivity");
}
