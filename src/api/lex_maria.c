/*
 * /api/v1/lex-maria-reports — the care provider's notifications to IVO under
 * patientsäkerhetslagen 3 kap. 5 § (folja/lex_maria.h), a register of its own beside lex
 * Sarah.  A notification tells of a patient's care, so its detail needs a token with
 * `sensitive`; every text field is screened for personnummer.  The summary, open to readers
 * and called by the report sections, counts the period's notifications per harm and per
 * category or unit, the days from the event to the notification and from the notification
 * to the finished investigation, and the investigations still open; ids only for a view with
 * `sensitive`, small counts suppressed together for an anonymous one.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/resource.h"

#include "reg.h"

static const char *const harms[] = {"vardskada", "allvarlig_vardskada",
				    "risk_allvarlig_vardskada", NULL};
static const char *const group_bys[] = {"category", "unit", NULL};
static const char *const harm_words[LM_HARMS] = {
	"Vårdskada", "Allvarlig vårdskada", "Risk för allvarlig vårdskada",
};

#define LI(m) offsetof(struct lex_maria_in, m)
static const struct in_field report_spec[] = {
	{"unit_id", IN_INT, LI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"occurred_on", IN_DATE, LI(occurred_on), IN_NULLABLE, 0, 0, NULL},
	{"notified_on", IN_DATE, LI(notified_on), IN_REQUIRED, 0, 0, NULL},
	{"category", IN_STRING, LI(category), IN_REQUIRED, 0, 0, NULL},
	{"harm", IN_ENUM, LI(harm), IN_REQUIRED, 0, 0, harms},
	{"summary", IN_TEXT, LI(summary), IN_NULLABLE, 0, 0, NULL},
	{"investigation_done_on", IN_DATE, LI(investigation_done_on), IN_NULLABLE, 0, 0, NULL},
	{"measures", IN_TEXT, LI(measures), IN_NULLABLE, 0, 0, NULL},
	IN_FIELD("id", IN_IGNORE, struct lex_maria_in, harm, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct lex_maria_in, harm, 0),
	IN_FIELD("version", IN_IGNORE, struct lex_maria_in, harm, 0),
	IN_FIELD("created_at", IN_IGNORE, struct lex_maria_in, harm, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct lex_maria_in, harm, 0),
	{0}
};
#undef LI

/* The event before its notification, the investigation after it.  422. */
static bool report_rules_or_reply(struct req *r, void *input)
{
	const struct lex_maria_in *in = input;
	json_t *errors = NULL;
	if (in->occurred_on && strcmp(in->occurred_on, in->notified_on) > 0)
		problem_field(&errors, "occurred_on", "is after notified_on");
	if (in->investigation_done_on && strcmp(in->investigation_done_on, in->notified_on) < 0)
		problem_field(&errors, "investigation_done_on", "is before notified_on");
	return input_errors_or_reply(r, errors);
}

static enum db_rc report_check(struct db *db, int64_t id, const void *input,
			       struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct lex_maria_in *)input)->unit_id, err);
}

static enum db_rc report_insert(struct db *db, const void *in, int64_t *id)
{
	return db_lex_maria_insert(db, in, id);
}

static enum db_rc report_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_lex_maria_update(db, id, version, in);
}

const struct resource folja_lex_maria_reports = {
	.entity = "lex Maria report",
	.audit_entity = "lex_maria_report",
	.collection = "/api/v1/lex-maria-reports",
	.spec = report_spec,
	.in_size = sizeof(struct lex_maria_in),
	.rules_or_reply = report_rules_or_reply,
	.check = report_check,
	.get = db_lex_maria_get,
	.insert = report_insert,
	.update = report_update,
	.remove = db_lex_maria_delete,
};

const struct query_spec api_lex_maria_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("harm", kind, harms),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/lex-maria-reports[?unit_id=&period=&harm=&limit=&offset=] — by notified_on */
void api_lex_maria_list(struct req *r)
{
	reg_list_reply(r, db_lex_maria_list, "lex Maria report");
}

/* ==== summary ============================================================================= */

const struct query_spec api_lex_maria_summary_query = REG_COUNTS_SUMMARY_QUERY("2017-T2", group_bys);

/* The counts per harm, adding up to @p total. */
static json_t *harms_json(const struct lm_summary *s, struct api_counts *c, size_t total,
			  size_t *cells)
{
	json_t *list = json_array();
	for (int k = 0; list && k < LM_HARMS; k++) {
		json_t *o = json_pack("{s:s, s:s}", "key", lm_harm_name(k), "name", harm_words[k]);
		cells[k] = api_counts_put(c, o, "count", s->by_harm[k]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	if (list)
		api_counts_sum(c, total, cells, LM_HARMS);
	return list;
}

/* The groups' rows {key, name, count, <harm>...}: rows and columns add up. */
static json_t *groups_json(const struct lm_summary *s, struct api_counts *c, size_t total,
			   const size_t *harm_totals)
{
	size_t n = s->groups.n;
	size_t *cells = calloc((n ? n : 1) * (LM_HARMS + 2), sizeof *cells);
	json_t *list = cells ? json_array() : NULL;
	for (size_t i = 0; list && i < n; i++) {
		const struct tally_group *g = &s->groups.items[i];
		json_t *o = json_pack("{s:s, s:s?}", "key", g->key, "name", g->name);
		size_t *row = &cells[n + i * LM_HARMS];
		cells[i] = api_counts_put(c, o, "count", g->count);
		for (int k = 0; k < LM_HARMS; k++)
			row[k] = api_counts_put(c, o, lm_harm_name(k), g->parts[k]);
		api_counts_sum(c, cells[i], row, LM_HARMS);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	size_t *col = list ? malloc((n ? n : 1) * sizeof *col) : NULL;
	for (int k = 0; col && k < LM_HARMS; k++) {
		for (size_t i = 0; i < n; i++)
			col[i] = cells[n + i * LM_HARMS + (size_t)k];
		api_counts_sum(c, harm_totals[k], col, n);
	}
	if (list && !col)
		json_decref(list), list = NULL;
	if (list)
		api_counts_sum(c, total, cells, n);
	free(col);
	free(cells);
	return list;
}

/* The ids of the open investigations, for a view with `sensitive`. */
static json_t *open_json(const struct lm_summary *s)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < s->n_open; i++)
		if (json_array_append_new(list, json_integer((json_int_t)s->open[i])))
			json_decref(list), list = NULL;
	return list;
}

/* The spans, set after suppression: their cells. */
struct spans {
	json_t *notification, *investigation;
	size_t notification_cell, investigation_cell;
};

static bool counts_put(json_t *out, const struct lm_summary *s, const struct api_view *v,
		       struct api_counts *c, struct spans *sp)
{
	size_t harm_cells[LM_HARMS];
	size_t total = api_counts_put(c, out, "total", s->total);
	api_counts_put(c, out, "open_investigations_count", (int64_t)s->n_open);
	sp->notification = reg_days_json(s->to_notification, c, &sp->notification_cell);
	sp->investigation = reg_days_json(s->investigation, c, &sp->investigation_cell);
	return !json_object_set_new(out, "by_harm", harms_json(s, c, total, harm_cells)) &&
	       !json_object_set_new(out, "groups", groups_json(s, c, total, harm_cells)) &&
	       !json_object_set_new(out, "days_to_notification", json_incref(sp->notification)) &&
	       !json_object_set_new(out, "investigation_days", json_incref(sp->investigation)) &&
	       !json_object_set_new(out, "open_investigations", v->sensitive ? open_json(s) :
				    json_null());
}

/* The spans' medians and maxima, unless their counts were hidden. */
static bool spans_finish(const struct spans *sp, const struct lm_summary *s,
			 const struct api_counts *c)
{
	return reg_days_finish(sp->notification, s->to_notification, c, sp->notification_cell) &&
	       reg_days_finish(sp->investigation, s->investigation, c, sp->investigation_cell);
}

static json_t *summary_json(const struct register_summary_params *p, const struct lm_summary *s,
			    const struct api_view *v)
{
	char period[PERIOD_BUF];
	struct spans sp = {NULL, NULL, API_COUNT_NONE, API_COUNT_NONE};
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:o, s:o, s:o, s:s, s:o}", "period", period, "from",
		reg_date_json(s->span.first), "cut_off", reg_date_json(s->span.cut_off), "as_of",
		reg_date_json(s->span.as_of), "group_by", p->group_by ? p->group_by : "category",
		"unit_id", p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id)) : NULL;
	if (out && (!counts_put(out, s, v, c, &sp) || !api_counts_finish(c) ||
		    !spans_finish(&sp, s, c)))
		json_decref(out), out = NULL;
	json_decref(sp.notification);
	json_decref(sp.investigation);
	api_counts_free(c);
	return out;
}

json_t *lex_maria_summary_body(struct db *db, const struct register_summary_params *p,
			       const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, p->cumulative, api_today());
	char to[11];
	struct lex_maria_set *set = NULL;
	json_t *out = NULL;
	date_format(span.cut_off, to);
	struct reg_filter f = {.unit_id = p->unit_id, .to = to,
			       .by_category = !(p->group_by && !strcmp(p->group_by, "unit"))};
	*rc = db_lex_maria_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	struct lm_summary *s = lm_summary_build(set->items, set->n, &span);
	if (s)
		out = summary_json(p, s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	lm_summary_free(s);
	db_lex_maria_set_free(set);
	return out;
}

/* GET /api/v1/lex-maria-reports/summary?period=&unit_id=&cumulative=&group_by=category|unit */
void api_lex_maria_summary(struct req *r)
{
	reg_summary_reply(r, lex_maria_summary_body, "lex Maria report");
}
