/*
 * /api/v1/incidents — work-environment incidents: tillbud, olycksfall, arbetssjukdom,
 * färdolycksfall, egendom/säkerhet (folja/incident.h).  An incident tells of what happened to
 * members of staff, so its detail needs a token with `sensitive`; every text field is screened
 * for personnummer.  The summary, open to readers and called by the report sections, counts
 * the period's incidents per kind, per unit or category with the split per kind (seed 002's
 * table), per status and how many went to Arbetsmiljöverket; small counts suppressed together
 * for an anonymous view.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/resource.h"

#include "reg.h"

static const char *const kinds[] = {"tillbud", "olycksfall", "arbetssjukdom", "fardolycksfall",
				    "egendom_sakerhet", NULL};
static const char *const statuses[] = {"anmald", "utredd", NULL};
static const char *const group_bys[] = {"unit", "category", NULL};
static const char *const kind_words[INCIDENT_KINDS] = {
	"Tillbud", "Olycksfall", "Arbetssjukdom", "Färdolycksfall", "Egendom/säkerhet",
};
static const char *const status_words[INCIDENT_STATUSES] = {"Anmäld", "Utredd"};

#define II(m) offsetof(struct incident_in, m)
static const struct in_field incident_spec[] = {
	{"unit_id", IN_INT, II(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"occurred_on", IN_DATE, II(occurred_on), IN_REQUIRED, 0, 0, NULL},
	{"kind", IN_ENUM, II(kind), IN_REQUIRED, 0, 0, kinds},
	{"category", IN_STRING, II(category), IN_NULLABLE, 0, 0, NULL},
	{"summary", IN_TEXT, II(summary), IN_NULLABLE, 0, 0, NULL},
	{"status", IN_ENUM, II(status), 0, 0, 0, statuses},
	{"reported_to_authority_on", IN_DATE, II(reported_to_authority_on), IN_NULLABLE, 0, 0,
	 NULL},
	IN_FIELD("id", IN_IGNORE, struct incident_in, kind, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct incident_in, kind, 0),
	IN_FIELD("version", IN_IGNORE, struct incident_in, kind, 0),
	IN_FIELD("created_at", IN_IGNORE, struct incident_in, kind, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct incident_in, kind, 0),
	{0}
};
#undef II

/* Status anmald when not given; no report to the authority before the event.  422. */
static bool incident_rules_or_reply(struct req *r, void *input)
{
	struct incident_in *in = input;
	json_t *errors = NULL;
	if (!in->status)
		in->status = "anmald";
	if (in->reported_to_authority_on &&
	    strcmp(in->reported_to_authority_on, in->occurred_on) < 0)
		problem_field(&errors, "reported_to_authority_on", "is before occurred_on");
	return input_errors_or_reply(r, errors);
}

static enum db_rc incident_check(struct db *db, int64_t id, const void *input,
				 struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct incident_in *)input)->unit_id, err);
}

static enum db_rc incident_insert(struct db *db, const void *in, int64_t *id)
{
	return db_incidents_insert(db, in, id);
}

static enum db_rc incident_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_incidents_update(db, id, version, in);
}

const struct resource folja_incidents = {
	.entity = "incident",
	.collection = "/api/v1/incidents",
	.spec = incident_spec,
	.in_size = sizeof(struct incident_in),
	.rules_or_reply = incident_rules_or_reply,
	.check = incident_check,
	.get = db_incidents_get,
	.insert = incident_insert,
	.update = incident_update,
	.remove = db_incidents_delete,
};

const struct query_spec api_incidents_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("kind", kind, kinds),
		Q_REG_ENUM("status", status, statuses),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/incidents[?unit_id=&period=&kind=&status=&limit=&offset=] — by occurred_on */
void api_incidents_list(struct req *r)
{
	reg_list_reply(r, db_incidents_list, "incident");
}

/* ==== summary ============================================================================= */

const struct query_spec api_incidents_summary_query = REG_COUNTS_SUMMARY_QUERY("2017-T1", group_bys);

/* A row's counts per kind into @p o (its count as @p key): count = Σ kinds; *cells the
 * kinds' indices. */
static size_t row_put(json_t *o, const char *key, int count, const int *by_kind,
		      struct api_counts *c, size_t cells[INCIDENT_KINDS])
{
	size_t total = api_counts_put(c, o, key, count);
	for (int k = 0; k < INCIDENT_KINDS; k++)
		cells[k] = api_counts_put(c, o, incident_kind_name(k), by_kind[k]);
	api_counts_sum(c, total, cells, INCIDENT_KINDS);
	return total;
}

/* The groups' rows; each kind's column and the counts add up to the totals. */
static json_t *groups_json(const struct incident_summary *s, struct api_counts *c,
			   size_t total, const size_t *kind_totals)
{
	size_t n = s->groups.n;
	size_t *cells = calloc((n ? n : 1) * (INCIDENT_KINDS + 1), sizeof *cells);
	json_t *list = cells ? json_array() : NULL;
	for (size_t i = 0; list && i < n; i++) {
		const struct tally_group *g = &s->groups.items[i];
		json_t *o = json_pack("{s:s, s:s?}", "key", g->key, "name", g->name);
		cells[i] = row_put(o, "count", g->count, g->parts, c,
				   &cells[n + i * INCIDENT_KINDS]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	size_t *col = list ? malloc((n ? n : 1) * sizeof *col) : NULL;
	if (list && !col)
		json_decref(list), list = NULL;
	for (int k = 0; list && k < INCIDENT_KINDS; k++) {
		for (size_t i = 0; i < n; i++)
			col[i] = cells[n + i * INCIDENT_KINDS + (size_t)k];
		api_counts_sum(c, kind_totals[k], col, n);
	}
	if (list)
		api_counts_sum(c, total, cells, n);
	free(col);
	free(cells);
	return list;
}

/* [{key, name}] of the kinds, for the table's columns, or [{key, name, count}] of a tally. */
static json_t *named_json(const char *(*name)(int), const char *const *words, int n,
			  const int *counts, struct api_counts *c, size_t *cells)
{
	json_t *list = json_array();
	for (int k = 0; list && k < n; k++) {
		json_t *o = json_pack("{s:s, s:s}", "key", name(k), "name", words[k]);
		if (counts)
			cells[k] = api_counts_put(c, o, "count", counts[k]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	return list;
}

static const char *kind_key(int k)
{
	return incident_kind_name((enum incident_kind)k);
}

static const char *status_key(int k)
{
	return incident_status_name((enum incident_status)k);
}

static bool counts_put(json_t *out, const struct incident_summary *s, struct api_counts *c)
{
	size_t kinds_cells[INCIDENT_KINDS], status_cells[INCIDENT_STATUSES];
	size_t total = row_put(out, "total", s->total, s->by_kind, c, kinds_cells);
	api_counts_put(c, out, "reported_to_authority", s->reported_to_authority);
	bool ok = !json_object_set_new(out, "kinds", named_json(kind_key, kind_words,
								INCIDENT_KINDS, NULL, c, NULL)) &&
		  !json_object_set_new(out, "by_status", named_json(status_key, status_words,
								    INCIDENT_STATUSES, s->by_status,
								    c, status_cells)) &&
		  !json_object_set_new(out, "groups", groups_json(s, c, total, kinds_cells));
	if (ok)
		api_counts_sum(c, total, status_cells, INCIDENT_STATUSES);
	return ok;
}

static json_t *summary_json(const struct register_summary_params *p,
			    const struct incident_summary *s, const struct api_view *v)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:o, s:o, s:o, s:s, s:o}", "period", period, "from",
		reg_date_json(s->span.first), "cut_off", reg_date_json(s->span.cut_off), "as_of",
		reg_date_json(s->span.as_of), "group_by", p->group_by ? p->group_by : "unit",
		"unit_id", p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id)) : NULL;
	if (out && (!counts_put(out, s, c) || !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *incidents_summary_body(struct db *db, const struct register_summary_params *p,
			       const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, p->cumulative, api_today());
	char from[11], to[11];
	struct incident_set *set = NULL;
	json_t *out = NULL;
	date_format(span.first, from);
	date_format(span.cut_off, to);
	struct reg_filter f = {.unit_id = p->unit_id, .from = from, .to = to,
			       .by_category = p->group_by && !strcmp(p->group_by, "category")};
	*rc = db_incidents_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	struct incident_summary *s = incident_summary_build(set->items, set->n, &span);
	if (s)
		out = summary_json(p, s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	incident_summary_free(s);
	db_incident_set_free(set);
	return out;
}

/* GET /api/v1/incidents/summary?period=&unit_id=&cumulative=&group_by=unit|category */
void api_incidents_summary(struct req *r)
{
	reg_summary_reply(r, incidents_summary_body, "incident");
}
