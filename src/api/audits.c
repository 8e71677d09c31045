/*
 * /api/v1/audits — granskningar, the auditors' reviews, IVO inspections and contract
 * follow-ups (folja/audits.h), which actions may name as their origin.  Readers read them;
 * the summary, which the report sections call, counts the period's audits per kind, those
 * with findings, the actions drawn from them and those still open, and lists them with
 * their subjects as the report's "Granskningar" and "Avtalsuppföljningar" do.
 */
#include "folja/resource.h"

#include "reg.h"

static const char *const kinds[] = {"intern", "revision", "ivo", "avtal", "ovrigt", NULL};
static const char *const kind_words[AUDIT_KINDS] = {
	"Intern granskning", "Revision", "IVO:s tillsyn", "Avtalsuppföljning", "Övrigt",
};

#define AI(m) offsetof(struct audit_in, m)
static const struct in_field audit_spec[] = {
	{"unit_id", IN_INT, AI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"kind", IN_ENUM, AI(kind), IN_REQUIRED, 0, 0, kinds},
	{"subject", IN_TEXT, AI(subject), IN_REQUIRED, 0, 1000, NULL},
	{"done_on", IN_DATE, AI(done_on), IN_REQUIRED, 0, 0, NULL},
	{"findings", IN_TEXT, AI(findings), IN_NULLABLE, 0, 0, NULL},
	IN_FIELD("id", IN_IGNORE, struct audit_in, kind, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct audit_in, kind, 0),
	IN_FIELD("version", IN_IGNORE, struct audit_in, kind, 0),
	IN_FIELD("created_at", IN_IGNORE, struct audit_in, kind, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct audit_in, kind, 0),
	{0}
};
#undef AI

static enum db_rc audit_check(struct db *db, int64_t id, const void *input,
			      struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct audit_in *)input)->unit_id, err);
}

static enum db_rc audit_insert(struct db *db, const void *in, int64_t *id)
{
	return db_audits_insert(db, in, id);
}

static enum db_rc audit_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_audits_update(db, id, version, in);
}

const struct resource folja_audits = {
	.entity = "audit",
	.collection = "/api/v1/audits",
	.spec = audit_spec,
	.in_size = sizeof(struct audit_in),
	.check = audit_check,
	.get = db_audits_get,
	.insert = audit_insert,
	.update = audit_update,
	.remove = db_audits_delete,
	.referenced_detail = "an action has this audit as its origin",
};

const struct query_spec api_audits_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("kind", kind, kinds),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/audits[?unit_id=&period=&kind=&limit=&offset=] — by done_on */
void api_audits_list(struct req *r)
{
	reg_list_reply(r, db_audits_list, "audit");
}

/* ==== summary ============================================================================= */

const struct query_spec api_audits_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct register_summary_params, period), Q_REQUIRED, 0,
		 0, 0, NULL, "2018"},
		Q_ID("unit_id", struct register_summary_params, unit_id),
		{"cumulative", Q_BOOL, offsetof(struct register_summary_params, cumulative), 0, 0, 0,
		 0, NULL, NULL},
		{0}},
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV,
};

/* The counts per kind, adding up to @p total. */
static json_t *kinds_json(const struct audit_summary *s, struct api_counts *c, size_t total)
{
	size_t cells[AUDIT_KINDS];
	json_t *list = json_array();
	for (int k = 0; list && k < AUDIT_KINDS; k++) {
		json_t *o = json_pack("{s:s, s:s}", "key", audit_kind_name(k), "name",
				      kind_words[k]);
		cells[k] = api_counts_put(c, o, "count", s->by_kind[k]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	if (list)
		api_counts_sum(c, total, cells, AUDIT_KINDS);
	return list;
}

/* The period's audits, as the report lists them: {id, kind, subject, done_on, actions,
 * actions_open}. */
static json_t *items_json(const struct audit_set *set, const struct tally_span *span)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < set->n; i++) {
		const struct audit *a = &set->items[i];
		if (!tally_counted(span, a->done_on))
			continue;
		if (json_array_append_new(list, json_pack("{s:I, s:s, s:s?, s:o, s:b, s:i, s:i}",
				"id", (json_int_t)a->id, "kind", audit_kind_name(a->kind),
				"subject", set->subjects[i], "done_on", reg_date_json(a->done_on),
				"findings", a->has_findings, "actions", a->actions,
				"actions_open", a->actions_open)))
			json_decref(list), list = NULL;
	}
	return list;
}

static bool counts_put(json_t *out, const struct audit_summary *s, struct api_counts *c)
{
	size_t total = api_counts_put(c, out, "total", s->total);
	api_counts_put(c, out, "with_findings", s->with_findings);
	api_counts_put(c, out, "actions", s->actions);
	api_counts_put(c, out, "actions_open", s->actions_open);
	return !json_object_set_new(out, "by_kind", kinds_json(s, c, total));
}

static json_t *summary_json(const struct register_summary_params *p,
			    const struct tally_span *span, const struct audit_set *set,
			    const struct audit_summary *s, const struct api_view *v)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:o, s:o, s:o}", "period", period, "from",
				    reg_date_json(span->first), "cut_off",
				    reg_date_json(span->cut_off), "unit_id",
				    p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id))
			: NULL;
	if (out && (!counts_put(out, s, c) ||
		    json_object_set_new(out, "audits", items_json(set, span)) ||
		    !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *audits_summary_body(struct db *db, const struct register_summary_params *p,
			    const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, p->cumulative, api_today());
	char from[11], to[11];
	struct audit_set *set = NULL;
	struct audit_summary s;
	date_format(span.first, from);
	date_format(span.cut_off, to);
	struct reg_filter f = {.unit_id = p->unit_id, .from = from, .to = to};
	*rc = db_audits_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	audit_summary_build(set->items, set->n, &span, &s);
	json_t *out = summary_json(p, &span, set, &s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	db_audit_set_free(set);
	return out;
}

/* GET /api/v1/audits/summary?period=&unit_id=&cumulative= */
void api_audits_summary(struct req *r)
{
	reg_summary_reply(r, audits_summary_body, "audit");
}
