/*
 * /api/v1/lex-sarah-reports — the register of lex Sarah reports (SoL 14 kap., LSS 24 a–g §):
 * a member of staff reports a missförhållande or a risk of one, the committee investigates,
 * assesses the outcome and, when it is serious, notifies IVO.  The register is de-identified:
 * every text field is screened for personnummer by the input parser.
 *
 * Detail (lists, single reports) needs a token with `sensitive`; the summary, which is what
 * the interim and annual reports print ("Antal lex Sarah per kategori"), is open to readers,
 * with small counts suppressed for anonymous reads.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_lex_sarah.h"
#include "folja/input.h"
#include "folja/lex_sarah_stats.h"
#include "folja/resource.h"

static const char *const laws[] = {"SoL", "LSS", NULL};
static const char *const statuses[] = {"rapporterad", "under_utredning", "avslutad", NULL};
static const char *const outcomes[] = {"inget_missforhallande", "risk_for_missforhallande",
				       "missforhallande", "allvarligt_missforhallande",
				       "allvarlig_risk", NULL};

static const struct in_field report_spec[] = {
	IN_FIELD("reference", IN_STRING, struct lex_sarah_in, reference, IN_NULLABLE),
	{"unit_id", IN_INT, offsetof(struct lex_sarah_in, unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"law", IN_ENUM, offsetof(struct lex_sarah_in, law), IN_REQUIRED, 0, 0, laws},
	IN_FIELD("reported_on", IN_DATE, struct lex_sarah_in, reported_on, IN_REQUIRED),
	IN_FIELD("occurred_on", IN_DATE, struct lex_sarah_in, occurred_on, IN_NULLABLE),
	IN_FIELD("category", IN_STRING, struct lex_sarah_in, category, IN_REQUIRED),
	IN_FIELD("summary", IN_TEXT, struct lex_sarah_in, summary, IN_NULLABLE),
	{"status", IN_ENUM, offsetof(struct lex_sarah_in, status), 0, 0, 0, statuses},
	IN_FIELD("investigation_done_on", IN_DATE, struct lex_sarah_in, investigation_done_on,
		 IN_NULLABLE),
	{"outcome", IN_ENUM, offsetof(struct lex_sarah_in, outcome), IN_NULLABLE, 0, 0, outcomes},
	IN_FIELD("ivo_notified_on", IN_DATE, struct lex_sarah_in, ivo_notified_on, IN_NULLABLE),
	IN_FIELD("measures", IN_TEXT, struct lex_sarah_in, measures, IN_NULLABLE),
	IN_FIELD("id", IN_IGNORE, struct lex_sarah_in, reference, 0),
	IN_FIELD("version", IN_IGNORE, struct lex_sarah_in, reference, 0),
	IN_FIELD("created_at", IN_IGNORE, struct lex_sarah_in, reference, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct lex_sarah_in, reference, 0),
	{0}
};

/* a < b for two optional ISO dates (strings compare as dates). */
static bool before(const char *a, const char *b)
{
	return a && b && strcmp(a, b) < 0;
}

/* The rules across fields: dates in order, status consistent with the investigation.
 * Replies 422 with every problem. */
static bool report_rules_or_reply(struct req *r, void *input)
{
	struct lex_sarah_in *in = input;
	json_t *errors = NULL;
	if (!in->status)
		in->status = "rapporterad";
	if (before(in->reported_on, in->occurred_on))
		problem_field(&errors, "occurred_on", "is after reported_on");
	if (before(in->investigation_done_on, in->reported_on))
		problem_field(&errors, "investigation_done_on", "is before reported_on");
	if (before(in->ivo_notified_on, in->reported_on))
		problem_field(&errors, "ivo_notified_on", "is before reported_on");
	bool closed = strcmp(in->status, "avslutad") == 0;
	if (closed && !in->investigation_done_on)
		problem_field(&errors, "investigation_done_on", "is required when status is avslutad");
	if (closed && !in->outcome)
		problem_field(&errors, "outcome", "is required when status is avslutad");
	if (!closed && in->investigation_done_on)
		problem_field(&errors, "status", "must be avslutad when investigation_done_on is set");
	return input_errors_or_reply(r, errors);
}

/* ==== categories ========================================================================= */

static const struct in_field category_spec[] = {
	IN_FIELD("code", IN_STRING, struct code_in, code, IN_REQUIRED),
	IN_FIELD("name", IN_STRING, struct code_in, name, IN_REQUIRED),
	{0}
};

static enum db_rc category_insert(struct db *db, const struct code_in *in)
{
	return db_lex_sarah_category_insert(db, in->code, in->name);
}

static const struct code_list categories = {
	.entity = "category",
	.audit_entity = "lex_sarah_category",
	.duplicate_detail = "a category with this code exists",
	.unknown = "names no lex Sarah category (see /api/v1/lex-sarah-categories)",
	.spec = category_spec,
	.all = db_lex_sarah_categories,
	.get = db_lex_sarah_category_get,
	.insert = category_insert,
};

/* GET /api/v1/lex-sarah-categories */
void api_lex_sarah_categories_list(struct req *r)
{
	api_code_list_get(r, &categories);
}

/* POST /api/v1/lex-sarah-categories {code, name} */
void api_lex_sarah_categories_create(struct req *r)
{
	api_code_list_create(r, &categories);
}

/* ==== reports ============================================================================ */

struct list_params {
	struct register_params reg;
	const char *category, *status, *outcome;
};

const struct query_spec api_lex_sarah_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct list_params),
		{"category", Q_STRING, offsetof(struct list_params, category), 0, 0, 64, 0, NULL, NULL},
		{"status", Q_ENUM, offsetof(struct list_params, status), 0, 0, 0, 0, statuses, NULL},
		{"outcome", Q_ENUM, offsetof(struct list_params, outcome), 0, 0, 0, 0, outcomes, NULL},
		{0}},
	sizeof(struct list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/lex-sarah-reports[?unit_id=&period=&category=&status=&outcome=&limit=&offset=] */
void api_lex_sarah_list(struct req *r)
{
	const struct list_params *in = REQ_QUERY(r, struct list_params);
	struct register_query q;
	int64_t total = 0;
	if (api_register_query_or_reply(r, &in->reg, &q))
		return;
	struct lex_sarah_filter f = {.unit_id = q.unit_id, .from = q.from, .to = q.to,
				     .category = in->category, .status = in->status,
				     .outcome = in->outcome};
	json_t *items = json_array();
	enum db_rc rc = db_lex_sarah_list(q.db, &f, q.limit, q.offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "lex Sarah report");
		return;
	}
	reply_list(r, items, total, q.limit, q.offset);
}

/* The unit and the category named must exist. */
static enum db_rc report_check(struct db *db, int64_t id, const void *input,
			       struct resource_error *err)
{
	const struct lex_sarah_in *in = input;
	(void)id;
	return api_register_refs_check(db, in->unit_id, &categories, "category", in->category,
				       NULL, err);
}

static enum db_rc report_insert(struct db *db, const void *in, int64_t *id)
{
	return db_lex_sarah_insert(db, in, id);
}

static enum db_rc report_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_lex_sarah_update(db, id, version, in);
}

const struct resource folja_lex_sarah_reports = {
	.entity = "lex Sarah report",
	.audit_entity = "lex_sarah_report",
	.collection = "/api/v1/lex-sarah-reports",
	.spec = report_spec,
	.in_size = sizeof(struct lex_sarah_in),
	.rules_or_reply = report_rules_or_reply,
	.check = report_check,
	.get = db_lex_sarah_get,
	.insert = report_insert,
	.update = report_update,
	.remove = db_lex_sarah_delete,
};

/* ==== summary ============================================================================ */

/*
 * GET /api/v1/lex-sarah-reports/summary?period=&group_by=category|unit&unit_id=
 *     &cumulative=false&overdue_days=60
 * Counts the reports whose reported_on falls in the period (from January with
 * cumulative=true).  Open overdue reports and inconsistencies are looked for among every
 * report made up to the period's end, as at its last day or today, whichever comes first.
 * The figures are src/domain/lex_sarah_stats.c's; this part loads and renders them, the
 * counts suppressed together for the view (api/counts.c).
 */
static const char *const group_bys[] = {"category", "unit", NULL};

#define SP(m) offsetof(struct lex_sarah_summary_params, m)
const struct query_spec api_lex_sarah_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, SP(period), Q_REQUIRED, 0, 0, 0, NULL, "2021, 2021-04, 2021-T1"},
		{"group_by", Q_ENUM, SP(group_by), 0, 0, 0, 0, group_bys, NULL},
		Q_ID("unit_id", struct lex_sarah_summary_params, unit_id),
		{"cumulative", Q_BOOL, SP(cumulative), 0, 0, 0, 0, NULL, NULL},
		{"overdue_days", Q_INT, SP(overdue_days), 0, 1, 3650, LS_OVERDUE_DAYS_DEFAULT, NULL,
		 NULL},
		{0}},
	sizeof(struct lex_sarah_summary_params), FORMAT_JSON | FORMAT_CSV,
};
#undef SP

/* The outcomes in words, by enum. */
static const char *const outcome_words[LS_OUTCOMES] = {
	[LS_EJ_BEDOMD] = "Ej bedömd",
	[LS_INGET_MISSFORHALLANDE] = "Inget missförhållande",
	[LS_RISK_FOR_MISSFORHALLANDE] = "Risk för missförhållande",
	[LS_MISSFORHALLANDE] = "Missförhållande",
	[LS_ALLVARLIGT_MISSFORHALLANDE] = "Allvarligt missförhållande",
	[LS_ALLVARLIG_RISK] = "Påtaglig risk för allvarligt missförhållande",
};

/* The question as the domain takes it. */
static struct ls_summary_params summary_question(const struct lex_sarah_summary_params *in)
{
	struct ls_summary_params q = {.period = in->period, .cumulative = in->cumulative,
				      .today = api_today(), .group_by = LS_BY_CATEGORY,
				      .overdue_days = (int)in->overdue_days};
	/* the query spec lets only group_bys[] through; absent is by category */
	ls_group_by_parse(in->group_by, &q.group_by);
	return q;
}

static json_t *date_json(struct date d)
{
	char buf[11];
	date_format(d, buf);
	return json_string(buf);
}

/* The counts of one breakdown (groups or outcomes) as they are put: per row, its count and
 * its IVO notifications. */
struct breakdown {
	size_t *count, *notified;    /* indices into the counts, one per row */
};

static bool breakdown_new(struct breakdown *b, size_t n)
{
	b->count = calloc(n ? n : 1, sizeof *b->count);
	b->notified = calloc(n ? n : 1, sizeof *b->notified);
	return b->count && b->notified;
}

/* Both sums of a breakdown of @p n rows: the total and the notified. */
static void breakdown_sums(struct api_counts *c, struct breakdown *b, size_t n, size_t total,
			   size_t notified)
{
	api_counts_sum(c, total, b->count, n);
	api_counts_sum(c, notified, b->notified, n);
	free(b->count);
	free(b->notified);
}

/* {key, name, count, ivo_notified} as row @p i of @p b. */
static json_t *row_json(struct api_counts *c, struct breakdown *b, size_t i, const char *key,
			const char *name, int count, int notified)
{
	json_t *g = json_pack("{s:s, s:s?}", "key", key, "name", name);
	b->count[i] = api_counts_put(c, g, "count", count);
	b->notified[i] = api_counts_put(c, g, "ivo_notified", notified);
	return g;
}

/* The groups, in order of their first report; NULL when out of memory. */
static json_t *groups_json(const struct ls_summary *s, struct api_counts *c, size_t total,
			   size_t notified)
{
	struct breakdown b;
	json_t *list = breakdown_new(&b, s->n_groups) ? json_array() : NULL;
	for (size_t i = 0; list && i < s->n_groups; i++) {
		const struct ls_group *g = &s->groups[i];
		if (json_array_append_new(list, row_json(c, &b, i, g->key, g->name, g->count,
							 g->notified))) {
			json_decref(list);
			list = NULL;
		}
	}
	breakdown_sums(c, &b, list ? s->n_groups : 0, total, notified);
	return list;
}

/* The counts per outcome as at the as-of date, "ej_bedomd" for those not yet assessed. */
static json_t *outcomes_json(const struct ls_summary *s, struct api_counts *c, size_t total,
			     size_t notified)
{
	struct breakdown b;
	json_t *list = breakdown_new(&b, s->n_outcomes) ? json_array() : NULL;
	for (size_t i = 0; list && i < s->n_outcomes; i++) {
		const struct ls_outcome_count *o = &s->by_outcome[i];
		if (json_array_append_new(list, row_json(c, &b, i, ls_outcome_name(o->outcome),
							 outcome_words[o->outcome], o->count,
							 o->notified))) {
			json_decref(list);
			list = NULL;
		}
	}
	breakdown_sums(c, &b, list ? s->n_outcomes : 0, total, notified);
	return list;
}

/* {count, median, max}; the median and maximum are set by days_finish(). */
static json_t *days_json(struct ls_days d, struct api_counts *c, size_t *cell)
{
	json_t *o = json_object();
	*cell = api_counts_put(c, o, "count", d.n);
	return o;
}

/* No median or maximum of a suppressed or empty count. */
static bool days_finish(json_t *o, struct ls_days d, const struct api_counts *c, size_t cell)
{
	bool shown = !api_counts_hidden(c, cell) && d.n > 0;
	return json_object_set_new(o, "median", shown ? json_real(d.median) : json_null()) == 0 &&
	       json_object_set_new(o, "max", shown ? json_integer(d.max) : json_null()) == 0;
}

/* The ids of the open overdue reports. */
static json_t *overdue_json(const struct ls_summary *s)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < s->n_overdue; i++)
		if (json_array_append_new(list, json_integer((json_int_t)s->overdue[i]))) {
			json_decref(list);
			return NULL;
		}
	return list;
}

/* [{id, problem}], one per inconsistency. */
static json_t *problems_json(const struct ls_summary *s)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < s->n_problems; i++) {
		const struct ls_problem *p = &s->problems[i];
		if (json_array_append_new(list, json_pack("{s:I, s:s}", "id", (json_int_t)p->id,
							  "problem", ls_problem_text(p->bit)))) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* The follow-up into @p out: counts for everyone; the ids lead to single records, and which
 * report is overdue or inconsistent tells of its dates and outcome, so they are shown with
 * `sensitive` only (null otherwise).  False when out of memory. */
static bool follow_up_set(json_t *out, const struct ls_summary *s, bool sensitive,
			  struct api_counts *c)
{
	api_counts_put(c, out, "open_overdue_count", (int64_t)s->n_overdue);
	api_counts_put(c, out, "inconsistency_count", (int64_t)s->n_problems);
	return json_object_set_new(out, "open_overdue",
				   sensitive ? overdue_json(s) : json_null()) == 0 &&
	       json_object_set_new(out, "inconsistencies",
				   sensitive ? problems_json(s) : json_null()) == 0;
}

/* What was asked: period, dates, grouping, threshold, unit. */
static json_t *summary_head(const struct lex_sarah_summary_params *in,
			    const struct ls_summary_params *q, const struct ls_summary *s)
{
	char period[PERIOD_BUF];
	period_format(in->period, period);
	return json_pack("{s:s, s:o, s:o, s:o, s:s, s:I, s:o}", "period", period,
			 "from", date_json(s->first), "cut_off", date_json(s->cut_off),
			 "as_of", date_json(s->as_of), "group_by", ls_group_by_name(q->group_by),
			 "overdue_days", (json_int_t)q->overdue_days, "unit_id",
			 in->unit_id == IN_NULL ? json_null() : json_integer((json_int_t)in->unit_id));
}

/* The summary's counts and lists into @p out; false when out of memory. */
static bool summary_fill(json_t *out, const struct ls_summary *s, const struct api_view *v,
			 struct api_counts *c)
{
	size_t total = api_counts_put(c, out, "total", s->total);
	size_t notified = api_counts_put(c, out, "ivo_notified", s->notified);
	size_t days_cell;
	json_t *days = days_json(s->days, c, &days_cell);
	if (json_object_set_new(out, "groups", groups_json(s, c, total, notified)) ||
	    json_object_set_new(out, "by_outcome", outcomes_json(s, c, total, notified)) ||
	    json_object_set_new(out, "investigation_days", json_incref(days)) ||
	    !follow_up_set(out, s, v->sensitive, c) || !api_counts_finish(c) ||
	    !days_finish(days, s->days, c, days_cell)) {
		json_decref(days);
		return false;
	}
	json_decref(days);
	return true;
}

/* The summary's reply; NULL when out of memory. */
static json_t *summary_json(const struct lex_sarah_summary_params *in,
			    const struct ls_summary_params *q, const struct ls_summary *s,
			    const struct api_view *v)
{
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? summary_head(in, q, s) : NULL;
	if (out && !summary_fill(out, s, v, c)) {
		json_decref(out);
		out = NULL;
	}
	api_counts_free(c);
	return out;
}

json_t *lex_sarah_summary_body(struct db *db, const struct lex_sarah_summary_params *p,
			       const struct api_view *v, enum db_rc *rc)
{
	struct ls_summary_params q = summary_question(p);
	struct lex_sarah_set *set = NULL;
	char to[11];
	json_t *out = NULL;

	/* Every report made up to the cut-off under the unit asked for, earlier periods'
	 * included: their open reports are followed up too. */
	date_format(period_last_day(p->period), to);
	struct lex_sarah_filter f = {.unit_id = p->unit_id, .to = to};
	*rc = db_lex_sarah_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	struct ls_summary *s = ls_summary_build(set->items, set->n, &q);
	if (s)
		out = summary_json(p, &q, s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	ls_summary_free(s);
	db_lex_sarah_set_free(set);
	return out;
}

void api_lex_sarah_summary(struct req *r)
{
	const struct lex_sarah_summary_params *in = REQ_QUERY(r, struct lex_sarah_summary_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	json_t *out = lex_sarah_summary_body(db, in, &v, &rc);
	api_reply_body(r, out, rc, "lex Sarah report");
}
