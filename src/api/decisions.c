/*
 * /api/v1/decisions — the register of favourable decisions not executed in time (ej
 * verkställda beslut, SoL 16 kap. 6 f §, LSS 28 f §), and the three reports made from it:
 * the quarterly report to IVO (detail, sensitive), the de-identified statistics for
 * kommunfullmäktige and the auditors, and the year's summary per insats and quarter.
 *
 * The register holds no personnummer and no names: IVO's individual report is made from the
 * case system; Följa holds the follow-up.  The three-month rule is applied by
 * src/domain/evb.c and the reports are counted by src/domain/ivo.c; this file only loads,
 * validates and shapes.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_decisions.h"
#include "folja/evb.h"
#include "folja/input.h"
#include "folja/ivo.h"
#include "folja/resource.h"

static const char *const laws[] = {"SoL", "LSS", NULL};
static const char *const inriktningar[] = {"barn_och_familj", "ekonomiskt_bistand", "missbruk",
					   "socialpsykiatri", "vald_i_nara_relation", "ovrigt",
					   NULL};
static const char *const genders[] = {"K", "M", "annat", NULL};
static const char *const close_reasons[] = {"verkstallt", "aterkallad", "behov_upphort",
					    "avliden", "ovrigt", NULL};

static const struct in_field decision_spec[] = {
	IN_FIELD("reference", IN_STRING, struct decision_in, reference, IN_NULLABLE),
	{"unit_id", IN_INT, offsetof(struct decision_in, unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"law", IN_ENUM, offsetof(struct decision_in, law), IN_REQUIRED, 0, 0, laws},
	{"inriktning", IN_ENUM, offsetof(struct decision_in, inriktning), IN_REQUIRED, 0, 0,
	 inriktningar},
	IN_FIELD("insats", IN_STRING, struct decision_in, insats, IN_REQUIRED),
	IN_FIELD("decided_on", IN_DATE, struct decision_in, decided_on, IN_REQUIRED),
	{"gender", IN_ENUM, offsetof(struct decision_in, gender), IN_REQUIRED, 0, 0, genders},
	IN_FIELD("executed_on", IN_DATE, struct decision_in, executed_on, IN_NULLABLE),
	IN_FIELD("interrupted_on", IN_DATE, struct decision_in, interrupted_on, IN_NULLABLE),
	IN_FIELD("resumed_on", IN_DATE, struct decision_in, resumed_on, IN_NULLABLE),
	IN_FIELD("closed_on", IN_DATE, struct decision_in, closed_on, IN_NULLABLE),
	{"close_reason", IN_ENUM, offsetof(struct decision_in, close_reason), IN_NULLABLE, 0, 0,
	 close_reasons},
	IN_FIELD("delay_reason", IN_TEXT, struct decision_in, delay_reason, IN_NULLABLE),
	IN_FIELD("measures", IN_TEXT, struct decision_in, measures, IN_NULLABLE),
	IN_FIELD("id", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("version", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("created_at", IN_IGNORE, struct decision_in, reference, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct decision_in, reference, 0),
	{0}
};

/* An optional date string (already validated by the parser) into @p out / @p has. */
static void opt_date(const char *s, struct date *out, bool *has)
{
	*has = date_parse(s, out);
}

/* The three-month rule's view of a decision as stored or as written. */
static void evb_from_strings(struct evb_decision *d, const char *decided, const char *executed,
			     const char *interrupted, const char *resumed, const char *closed)
{
	memset(d, 0, sizeof *d);
	date_parse(decided, &d->decided_on);
	opt_date(executed, &d->executed_on, &d->has_executed);
	opt_date(interrupted, &d->interrupted_on, &d->has_interrupted);
	opt_date(resumed, &d->resumed_on, &d->has_resumed);
	opt_date(closed, &d->closed_on, &d->has_closed);
}

/* Dates in order (evb_check) and a closing consistent with its reason.  Replies 422. */
static bool decision_rules_or_reply(struct req *r, void *input)
{
	const struct decision_in *in = input;
	struct evb_decision d;
	struct evb_problem problems[EVB_MAX_PROBLEMS];
	json_t *errors = NULL;

	evb_from_strings(&d, in->decided_on, in->executed_on, in->interrupted_on, in->resumed_on,
			 in->closed_on);
	size_t n = evb_check(&d, problems);
	for (size_t i = 0; i < n; i++)
		problem_field(&errors, problems[i].field, "%s", problems[i].message);
	if (in->closed_on && !in->close_reason)
		problem_field(&errors, "close_reason", "is required when closed_on is set");
	if (!in->closed_on && in->close_reason)
		problem_field(&errors, "closed_on", "is required when close_reason is set");
	if (in->close_reason && strcmp(in->close_reason, "verkstallt") == 0 && !in->executed_on)
		problem_field(&errors, "executed_on", "is required when close_reason is verkstallt");
	return input_errors_or_reply(r, errors);
}

/* ==== insatser =========================================================================== */

static const struct in_field insats_spec[] = {
	IN_FIELD("code", IN_STRING, struct code_in, code, IN_REQUIRED),
	IN_FIELD("name", IN_STRING, struct code_in, name, IN_REQUIRED),
	{"law", IN_ENUM, offsetof(struct code_in, law), IN_REQUIRED, 0, 0, laws},
	{0}
};

static enum db_rc insats_insert(struct db *db, const struct code_in *in)
{
	return db_decisions_insats_insert(db, in->code, in->name, in->law);
}

static const struct code_list insatser = {
	.entity = "insats",
	.audit_entity = "decision_insats",
	.duplicate_detail = "an insats with this code exists",
	.unknown = "names no insats (see /api/v1/decision-insatser)",
	.spec = insats_spec,
	.all = db_decisions_insatser,
	.get = db_decisions_insats_get,
	.insert = insats_insert,
};

/* GET /api/v1/decision-insatser */
void api_decision_insatser_list(struct req *r)
{
	api_code_list_get(r, &insatser);
}

/* POST /api/v1/decision-insatser {code, name, law} */
void api_decision_insatser_create(struct req *r)
{
	api_code_list_create(r, &insatser);
}

/* ==== decisions ========================================================================== */

struct list_params {
	struct register_params reg;
	const char *insats, *law, *inriktning;
};

const struct query_spec api_decisions_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct list_params),
		{"insats", Q_STRING, offsetof(struct list_params, insats), 0, 0, 64, 0, NULL, NULL},
		{"law", Q_ENUM, offsetof(struct list_params, law), 0, 0, 0, 0, laws, NULL},
		{"inriktning", Q_ENUM, offsetof(struct list_params, inriktning), 0, 0, 0, 0,
		 inriktningar, NULL},
		{0}},
	sizeof(struct list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/decisions[?unit_id=&period=&insats=&law=&inriktning=&limit=&offset=] */
void api_decisions_list(struct req *r)
{
	const struct list_params *in = REQ_QUERY(r, struct list_params);
	struct register_query q;
	int64_t total = 0;
	if (api_register_query_or_reply(r, &in->reg, &q))
		return;
	struct decision_filter f = {.unit_id = q.unit_id, .from = q.from, .to = q.to,
				    .insats = in->insats, .law = in->law,
				    .inriktning = in->inriktning};
	json_t *items = json_array();
	enum db_rc rc = db_decisions_list(q.db, &f, q.limit, q.offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "decision");
		return;
	}
	reply_list(r, items, total, q.limit, q.offset);
}

/* The unit and the insats named must exist, and the insats must be one of the decision's law. */
static enum db_rc decision_check(struct db *db, int64_t id, const void *input,
				 struct resource_error *err)
{
	const struct decision_in *in = input;
	json_t *o = NULL;
	(void)id;
	enum db_rc rc = api_register_refs_check(db, in->unit_id, &insatser, "insats", in->insats,
						&o, err);
	if (rc == DB_OK) {
		const char *law = json_string_value(json_object_get(o, "law"));
		if (law && strcmp(law, in->law) != 0) {
			char message[64];
			snprintf(message, sizeof message, "is an insats under %s, not %s", law,
				 in->law);
			rc = resource_refuse(err, "invalid_input", "insats", message);
		}
	}
	json_decref(o);
	return rc;
}

static enum db_rc decision_insert(struct db *db, const void *in, int64_t *id)
{
	return db_decisions_insert(db, in, id);
}

static enum db_rc decision_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_decisions_update(db, id, version, in);
}

const struct resource folja_decisions = {
	.entity = "decision",
	.collection = "/api/v1/decisions",
	.spec = decision_spec,
	.in_size = sizeof(struct decision_in),
	.rules_or_reply = decision_rules_or_reply,
	.check = decision_check,
	.get = db_decisions_get,
	.insert = decision_insert,
	.update = decision_update,
	.remove = db_decisions_delete,
};

/* ==== reports ============================================================================ */

/* The query of the three reports. */
struct report_params {
	struct period quarter;   /* ivo-report, council-report */
	struct period period;    /* council-report */
	int64_t year;            /* summary */
	int64_t unit_id;
	int64_t horizon_days;
};

#define RP(m) offsetof(struct report_params, m)
#define RP_UNIT_HORIZON \
	Q_ID("unit_id", struct report_params, unit_id), \
	{"horizon_days", Q_INT, RP(horizon_days), 0, 90, 3650, IVO_HORIZON_DAYS_DEFAULT, NULL, NULL}

const struct query_spec api_ivo_report_query = {
	(const struct q_param[]){
		{"quarter", Q_QUARTER, RP(quarter), Q_REQUIRED, 0, 0, 0, NULL, "2021-Q3"},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct report_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_council_report_query = {
	(const struct q_param[]){
		{"quarter", Q_QUARTER, RP(quarter), 0, 0, 0, 0, NULL, "2021-Q3"},
		{"period", Q_PERIOD, RP(period), 0, 0, 0, 0, NULL, NULL},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct report_params), FORMAT_JSON,
};

const struct query_spec api_decisions_summary_query = {
	(const struct q_param[]){
		{"year", Q_INT, RP(year), Q_REQUIRED, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, IN_NULL, NULL,
		 "2021"},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct report_params), FORMAT_JSON,
};
#undef RP_UNIT_HORIZON
#undef RP

/* Every decision made on or before @p cut_off under the unit @p in asks for, into a new *set
 * the caller frees. */
static enum db_rc load(struct db *db, const struct report_params *in, struct date cut_off,
		       struct decision_set **set)
{
	struct decision_filter f = {.unit_id = in->unit_id};
	char to[11];
	*set = NULL;
	date_format(cut_off, to);
	f.to = to;
	return db_decisions_load(db, &f, set);
}

/* load() for the request's query; *horizon gets ?horizon_days=.  Replies on failure. */
static bool load_or_reply(struct req *r, struct date cut_off, int64_t *horizon,
			  struct decision_set **set)
{
	const struct report_params *in = REQ_QUERY(r, struct report_params);
	struct db *db;

	*set = NULL;
	*horizon = in->horizon_days;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return true;
	enum db_rc rc = load(db, in, cut_off, set);
	if (rc != DB_OK) {
		api_db_error(r, rc, "decision");
		return true;
	}
	return false;
}

/* A report at one cut-off over a loaded set: ivo_build's output, its arrays sized for the
 * set (indices into set->items). */
struct report {
	struct ivo_row *rows;            /* reportable at the cut-off */
	size_t n_rows;
	struct ivo_resolved *resolved;   /* resolved in the period; NULL when not asked for */
	size_t n_resolved;
	struct ivo_totals totals;
};

static void report_free(struct report *rep)
{
	if (!rep)
		return;
	free(rep->rows);
	free(rep->resolved);
	free(rep);
}

/* The report on @p set for the period @p first .. @p cut_off; resolved decisions too when
 * @p with_resolved.  NULL when out of memory; the caller frees with report_free(). */
static struct report *report_build(const struct decision_set *set, struct date first,
				   struct date cut_off, int64_t horizon, bool with_resolved)
{
	size_t room = set->n ? set->n : 1;
	struct report *rep = calloc(1, sizeof *rep);
	if (!rep)
		return NULL;
	rep->rows = calloc(room, sizeof *rep->rows);
	rep->resolved = with_resolved ? calloc(room, sizeof *rep->resolved) : NULL;
	if (!rep->rows || (with_resolved && !rep->resolved)) {
		report_free(rep);
		return NULL;
	}
	ivo_build(set->items, set->n, first, cut_off, (int)horizon, rep->rows, &rep->n_rows,
		  rep->resolved, with_resolved ? &rep->n_resolved : NULL, &rep->totals);
	return rep;
}

/* A tally as a list of {key, count, beslut, avbrott}, small counts suppressed as asked. */
static json_t *tally_json(const struct ivo_tallies *t, unsigned suppress)
{
	json_t *list = json_array();
	for (size_t i = 0; i < t->n; i++) {
		json_t *g = json_pack("{s:s}", "key", t->items[i].key);
		api_count_set(g, "count", t->items[i].count, suppress);
		api_count_set(g, "beslut", t->items[i].beslut, suppress);
		api_count_set(g, "avbrott", t->items[i].avbrott, suppress);
		json_array_append_new(list, g);
	}
	/* Keys beyond the tally's room are still counted, so the groups add up to the total. */
	if (t->overflow > 0) {
		json_t *g = json_pack("{s:s}", "key", "(other)");
		api_count_set(g, "count", t->overflow, suppress);
		json_array_append_new(list, g);
	}
	return list;
}

static json_t *date_json(struct date d)
{
	char buf[11];
	date_format(d, buf);
	return json_string(buf);
}

/* The council report's period: ?quarter= or ?period=, exactly one.  Replies 400.
 * @p label gets its canonical text. */
static bool report_period_or_reply(struct req *r, struct period *p, char label[PERIOD_BUF])
{
	const struct report_params *in = REQ_QUERY(r, struct report_params);
	bool has_q = period_given(in->quarter), has_p = period_given(in->period);
	if (has_q == has_p) {
		json_t *errors = NULL;
		problem_field(&errors, "quarter", "give either quarter (e.g. 2021-Q3) or period "
			      "(e.g. 2017-T2)");
		reply_problem(r, 400, "invalid_period", errors, "give exactly one of quarter and "
			      "period");
		return true;
	}
	*p = has_q ? in->quarter : in->period;
	period_format(*p, label);
	return false;
}

/* ---- the quarterly report to IVO ---- */

/* One reportable decision, as a row of the report and of its CSV. */
static json_t *reportable_row_json(const struct ivo_decision *d, const struct ivo_row *row)
{
	return json_pack("{s:I, s:s?, s:s, s:s, s:o, s:o, s:o, s:i, s:i, s:s?, s:s?, s:s?, s:s?,"
			 " s:s?, s:b}",
			 "id", (json_int_t)d->id, "reference", d->reference,
			 "kind", evb_kind_name(row->st.kind),
			 "status", evb_quarter_status_name(row->status),
			 "decided_on", date_json(d->dates.decided_on),
			 "start", date_json(row->st.start),
			 "deadline", date_json(row->st.deadline),
			 "days_waited", row->st.days_waited,
			 "months_waited", row->st.months_waited,
			 "insats", d->insats, "law", d->law, "gender", d->gender,
			 "inriktning", d->inriktning, "delay_reason", d->delay_reason,
			 "at_risk", row->at_risk);
}

/* The reportable decisions in register order.  NULL when out of memory. */
static json_t *reportable_json(const struct decision_set *set, const struct report *rep)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < rep->n_rows; i++) {
		const struct ivo_row *row = &rep->rows[i];
		if (json_array_append_new(list, reportable_row_json(&set->items[row->index], row))) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* The decisions reported at the previous cut-off and executed or closed since.  NULL when
 * out of memory. */
static json_t *resolved_json(const struct decision_set *set, const struct report *rep)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < rep->n_resolved; i++) {
		const struct ivo_resolved *res = &rep->resolved[i];
		const struct ivo_decision *d = &set->items[res->index];
		if (json_array_append_new(list, json_pack("{s:I, s:s?, s:s, s:o, s:s}",
				"id", (json_int_t)d->id, "reference", d->reference,
				"how", evb_how_name(res->res.how), "on", date_json(res->res.on),
				"kind", evb_kind_name(res->res.kind)))) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* The totals over the reportable decisions, never suppressed: the report is sensitive. */
static json_t *totals_json(const struct ivo_totals *tot)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o}",
			 "count", tot->count, "beslut", tot->beslut,
			 "avbrott", tot->avbrott, "at_risk", tot->at_risk,
			 "by_insats", tally_json(&tot->by_insats, 0),
			 "by_law", tally_json(&tot->by_law, 0),
			 "by_gender", tally_json(&tot->by_gender, 0),
			 "by_inriktning", tally_json(&tot->by_inriktning, 0));
}

/* The CSV of a quarter with nothing to report.  The columns of a CSV come from its first
 * row, so this one is written out: the file the report is filed from never looks broken. */
static void reply_csv_no_rows(struct req *r)
{
	static const char header[] = "\xef\xbb\xbfid;reference;kind;status;decided_on;start;"
		"deadline;days_waited;months_waited;insats;law;gender;inriktning;"
		"delay_reason;at_risk\r\n";
	reply_static(r, 200, "text/csv; charset=utf-8", header, sizeof header - 1);
	reply_header(r, "Content-Disposition", "attachment; filename=\"ivo-report.csv\"");
}

/* The CSV of the report: its reportable rows. */
static void reply_ivo_csv(struct req *r, const struct decision_set *set,
			  const struct report *rep)
{
	if (rep->n_rows == 0) {
		reply_csv_no_rows(r);
		return;
	}
	json_t *rows = reportable_json(set, rep);
	if (!rows)
		reply_oom(r);
	else
		reply_csv(r, rows, "ivo-report.csv");
}

/* The JSON of the report of quarter @p q.  NULL when out of memory. */
static json_t *ivo_report_json(struct period q, int64_t horizon,
			       const struct decision_set *set, const struct report *rep)
{
	char label[PERIOD_BUF];
	period_format(q, label);
	return json_pack("{s:s, s:o, s:o, s:I, s:o, s:o, s:o}", "quarter", label,
			 "first_day", date_json(period_first_day(q)),
			 "cut_off", date_json(period_last_day(q)),
			 "horizon_days", (json_int_t)horizon,
			 "reportable", reportable_json(set, rep),
			 "resolved", resolved_json(set, rep),
			 "totals", totals_json(&rep->totals));
}

/*
 * GET /api/v1/decisions/ivo-report?quarter=2021-Q3&unit_id=&horizon_days=180[&format=csv]
 * Every decision reportable at the quarter's last day, new or carried over, those resolved in
 * the quarter after having been reported, and totals.  CSV: the reportable rows.
 */
void api_decisions_ivo_report(struct req *r)
{
	struct period q = REQ_QUERY(r, struct report_params)->quarter;
	int64_t horizon;
	struct decision_set *set;

	if (load_or_reply(r, period_last_day(q), &horizon, &set))
		return;
	struct report *rep = report_build(set, period_first_day(q), period_last_day(q), horizon,
					  true);
	if (!rep)
		reply_oom(r);
	else if (req_wants_csv(r))
		reply_ivo_csv(r, set, rep);
	else
		reply_json(r, 200, ivo_report_json(q, horizon, set, rep));   /* NULL: no memory */
	report_free(rep);
	db_decisions_set_free(set);
}

/* ---- the council report ---- */

/* The waiting times in months, per bucket. */
static json_t *wait_json(const struct ivo_totals *tot, unsigned suppress)
{
	json_t *wait = json_array();
	for (int b = 0; wait && b < EVB_BUCKETS; b++) {
		json_t *g = json_pack("{s:s}", "months", evb_bucket_name(b));
		if (g)
			api_count_set(g, "count", tot->by_wait[b], suppress);
		if (json_array_append_new(wait, g)) {
			json_decref(wait);
			return NULL;
		}
	}
	return wait;
}

/* The council report's reply: counts only, small ones suppressed as asked.  NULL when out of
 * memory. */
static json_t *council_json(const char *label, struct date cut_off, int64_t horizon,
			    const struct ivo_totals *tot, unsigned suppress)
{
	json_t *out = json_pack("{s:s, s:o, s:I}", "period", label, "cut_off", date_json(cut_off),
				"horizon_days", (json_int_t)horizon);
	if (!out)
		return NULL;
	api_count_set(out, "count", tot->count, suppress);
	api_count_set(out, "beslut", tot->beslut, suppress);
	api_count_set(out, "avbrott", tot->avbrott, suppress);
	api_count_set(out, "at_risk", tot->at_risk, suppress);
	if (json_object_set_new(out, "by_insats", tally_json(&tot->by_insats, suppress)) ||
	    json_object_set_new(out, "by_law", tally_json(&tot->by_law, suppress)) ||
	    json_object_set_new(out, "by_gender", tally_json(&tot->by_gender, suppress)) ||
	    json_object_set_new(out, "by_wait", wait_json(tot, suppress))) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *api_decisions_council_report_body(struct db *db, const struct report_params *in,
					  const struct api_view *v, enum db_rc *rc)
{
	struct period p = period_given(in->quarter) ? in->quarter : in->period;
	char label[PERIOD_BUF];
	struct date first = period_first_day(p), cut_off = period_last_day(p);
	struct decision_set *set;
	json_t *out = NULL;
	period_format(p, label);
	if ((*rc = load(db, in, cut_off, &set)) != DB_OK)
		return NULL;
	struct report *rep = report_build(set, first, cut_off, in->horizon_days, false);
	if (!rep || !(out = council_json(label, cut_off, in->horizon_days, &rep->totals,
					 v->suppress)))
		*rc = DB_NOMEM;
	report_free(rep);
	db_decisions_set_free(set);
	return out;
}

/*
 * GET /api/v1/decisions/council-report?quarter=|period=&unit_id=
 * The de-identified statistics for kommunfullmäktige and the auditors at the period's last
 * day: counts per insats, law and gender, and waiting time in months, with no references and
 * no reasons.  Any period is accepted, because the interim reports cut off at the end of a
 * tertial ("per den 31 augusti").
 */
void api_decisions_council_report(struct req *r)
{
	const struct report_params *in = REQ_QUERY(r, struct report_params);
	struct api_view v = api_view_of(r);
	struct period p;
	char label[PERIOD_BUF];
	struct db *db;
	enum db_rc rc;

	if (report_period_or_reply(r, &p, label) || api_db_or_reply(r, &db) ||
	    api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	json_t *out = api_decisions_council_report_body(db, in, &v, &rc);
	if (out)
		reply_json(r, 200, out);
	else
		api_db_error(r, rc, "decision");
}

/* ---- the year's summary ---- */

/* Quarter @p q (0..3) of the year: its count and its count per insats. */
static json_t *quarter_json(const struct ivo_year *y, int q, unsigned suppress)
{
	struct period qp = {PERIOD_QUARTER, y->year, q + 1};
	char name[PERIOD_BUF];
	period_format(qp, name);
	json_t *o = json_pack("{s:s, s:o}", "quarter", name, "cut_off",
			      date_json(period_last_day(qp)));
	if (!o)
		return NULL;
	api_count_set(o, "count", y->quarter_count[q], suppress);
	if (json_object_set_new(o, "by_insats", tally_json(&y->quarter_by_insats[q], suppress))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The four quarters of the year.  NULL when out of memory. */
static json_t *quarters_json(const struct ivo_year *y, unsigned suppress)
{
	json_t *list = json_array();
	for (int q = 0; list && q < 4; q++)
		if (json_array_append_new(list, quarter_json(y, q, suppress))) {
			json_decref(list);
			return NULL;
		}
	return list;
}

/* The summary's reply.  NULL when out of memory. */
static json_t *year_json(const struct ivo_year *y, int64_t horizon, unsigned suppress)
{
	json_t *out = json_pack("{s:I, s:I}", "year", (json_int_t)y->year, "horizon_days",
				(json_int_t)horizon);
	if (!out)
		return NULL;
	api_count_set(out, "total", y->distinct, suppress);
	api_count_set(out, "at_risk", y->at_risk, suppress);
	if (json_object_set_new(out, "by_insats", tally_json(&y->by_insats, suppress)) ||
	    json_object_set_new(out, "quarters", quarters_json(y, suppress))) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *api_decisions_summary_body(struct db *db, const struct report_params *in,
				   const struct api_view *v, enum db_rc *rc)
{
	struct decision_set *set;
	json_t *out = NULL;
	if ((*rc = load(db, in, (struct date){(int)in->year, 12, 31}, &set)) != DB_OK)
		return NULL;
	struct ivo_year *y = malloc(sizeof *y);
	if (y) {
		ivo_year_build(set->items, set->n, (int)in->year, (int)in->horizon_days, y);
		out = year_json(y, in->horizon_days, v->suppress);
	}
	if (!out)
		*rc = DB_NOMEM;
	free(y);
	db_decisions_set_free(set);
	return out;
}

/*
 * GET /api/v1/decisions/summary?year=2021&unit_id=&horizon_days=180
 * The year at a glance: decisions reportable at some quarter's end (distinct) per insats, and
 * each quarter's count per insats, as the annual report prints them.
 */
void api_decisions_summary(struct req *r)
{
	const struct report_params *in = REQ_QUERY(r, struct report_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;

	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	json_t *out = api_decisions_summary_body(db, in, &v, &rc);
	if (out)
		reply_json(r, 200, out);
	else
		api_db_error(r, rc, "decision");
}
