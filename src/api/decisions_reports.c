/*
 * The three reports made from the register of decisions not executed: the quarterly report
 * to IVO (detail, sensitive), the de-identified statistics for kommunfullmäktige and the
 * auditors (the council report), and the year's summary per insats and quarter.
 *
 * Each report is the three-month rule applied at one cut-off (src/domain/ivo.c) over every
 * decision made by then; this file loads the decisions, asks the domain and shapes the reply.
 * The council report and the summary are body functions (include/folja/api.h) that report
 * sections call as their endpoints do.  Their counts are suppressed together for an
 * anonymous view (api/counts.c): a count of one or two, and whatever else would give it away
 * through the totals, the rows (count = beslut + avbrott) or the columns.  Every key a tally
 * shows is named: the insats by /decision-insatser, the law, gender and inriktning by the
 * tables below.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_decisions.h"
#include "folja/evb.h"
#include "folja/input.h"
#include "folja/ivo.h"

#define RP(m) offsetof(struct decisions_report_params, m)
#define RP_UNIT_HORIZON \
	Q_ID("unit_id", struct decisions_report_params, unit_id), \
	{"horizon_days", Q_INT, RP(horizon_days), 0, 90, 3650, IVO_HORIZON_DAYS_DEFAULT, NULL, NULL}

const struct query_spec api_ivo_report_query = {
	(const struct q_param[]){
		{"quarter", Q_QUARTER, RP(quarter), Q_REQUIRED, 0, 0, 0, NULL, "2021-Q3"},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct decisions_report_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_council_report_query = {
	(const struct q_param[]){
		{"quarter", Q_QUARTER, RP(quarter), 0, 0, 0, 0, NULL, "2021-Q3"},
		{"period", Q_PERIOD, RP(period), 0, 0, 0, 0, NULL, NULL},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct decisions_report_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_decisions_summary_query = {
	(const struct q_param[]){
		{"year", Q_INT, RP(year), Q_REQUIRED, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, IN_NULL, NULL,
		 "2021"},
		RP_UNIT_HORIZON,
		{0}},
	sizeof(struct decisions_report_params), FORMAT_JSON | FORMAT_CSV,
};
#undef RP_UNIT_HORIZON
#undef RP

/* ==== names of the keys =================================================================== */

struct word {
	const char *key, *name;
};

static const struct word law_words[] = {
	{"SoL", "Socialtjänstlagen"},
	{"LSS", "Lagen om stöd och service till vissa funktionshindrade"},
	{NULL, NULL},
};
static const struct word gender_words[] = {
	{"K", "Kvinnor"}, {"M", "Män"}, {"annat", "Annat"}, {NULL, NULL},
};
static const struct word inriktning_words[] = {
	{"barn_och_familj", "Barn och familj"},
	{"ekonomiskt_bistand", "Ekonomiskt bistånd"},
	{"missbruk", "Missbruk"},
	{"socialpsykiatri", "Socialpsykiatri"},
	{"vald_i_nara_relation", "Våld i nära relation"},
	{"ovrigt", "Övrigt"},
	{NULL, NULL},
};

/* How the keys of one tally are named: by a table, or (NULL) by the insatser of the set. */
struct namer {
	const struct word *words;
	const struct decision_set *set;
};

static const char *name_of(const struct namer *nm, const char *key)
{
	for (const struct word *w = nm->words; w && w->key; w++)
		if (strcmp(w->key, key) == 0)
			return w->name;
	for (size_t i = 0; nm->set && i < nm->set->n; i++)
		if (nm->set->items[i].insats && strcmp(nm->set->items[i].insats, key) == 0)
			return nm->set->items[i].insats_name;
	return NULL;
}

/* ==== loading and counting ================================================================ */

/* Every decision made on or before @p cut_off under @p unit_id into a new *set. */
static enum db_rc load(struct db *db, int64_t unit_id, struct date cut_off,
		       struct decision_set **set)
{
	char to[11];
	date_format(cut_off, to);
	struct decision_filter f = {.unit_id = unit_id, .to = to};
	return db_decisions_load(db, &f, set);
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

static json_t *date_json(struct date d)
{
	char buf[11];
	date_format(d, buf);
	return json_string(buf);
}

/* ==== tallies ============================================================================= */

/* The counts a tally's rows add up to, as put (API_COUNT_NONE: not shown). */
struct tally_totals {
	size_t count, beslut, avbrott;
};

/* The index arrays of one tally's columns while it is being put. */
struct columns {
	size_t *count, *beslut, *avbrott;
};

static bool columns_new(struct columns *c, size_t n)
{
	c->count = calloc(n + 1, sizeof *c->count);
	c->beslut = calloc(n + 1, sizeof *c->beslut);
	c->avbrott = calloc(n + 1, sizeof *c->avbrott);
	return c->count && c->beslut && c->avbrott;
}

static void columns_free(struct columns *c)
{
	free(c->count);
	free(c->beslut);
	free(c->avbrott);
}

/* Row @p i of a tally {key, name, count, beslut, avbrott}: count = beslut + avbrott. */
static json_t *tally_row(const struct ivo_tally *t, const struct namer *nm,
			 struct api_counts *c, struct columns *col, size_t i)
{
	json_t *g = json_pack("{s:s, s:s?}", "key", t->key, "name", name_of(nm, t->key));
	col->count[i] = api_counts_put(c, g, "count", t->count);
	col->beslut[i] = api_counts_put(c, g, "beslut", t->beslut);
	col->avbrott[i] = api_counts_put(c, g, "avbrott", t->avbrott);
	api_counts_sum(c, col->count[i], (size_t[]){col->beslut[i], col->avbrott[i]}, 2);
	return g;
}

/* Keys beyond the tally's room are still counted, so the groups add up to the total; their
 * kinds are not kept, so the beslut and avbrott columns then have no sum. */
static json_t *overflow_row(const struct ivo_tallies *t, struct api_counts *c,
			    struct columns *col)
{
	json_t *g = json_pack("{s:s, s:n}", "key", "(other)", "name");
	col->count[t->n] = api_counts_put(c, g, "count", t->overflow);
	return g;
}

/* The sums of a tally's columns into their totals. */
static void tally_sums(struct api_counts *c, const struct ivo_tallies *t, struct columns *col,
		       struct tally_totals tot)
{
	if (tot.count != API_COUNT_NONE)
		api_counts_sum(c, tot.count, col->count, t->n + (t->overflow > 0));
	if (tot.beslut != API_COUNT_NONE && t->overflow == 0)
		api_counts_sum(c, tot.beslut, col->beslut, t->n);
	if (tot.avbrott != API_COUNT_NONE && t->overflow == 0)
		api_counts_sum(c, tot.avbrott, col->avbrott, t->n);
}

/* A tally as a list of {key, name, count, beslut, avbrott}; NULL when out of memory. */
static json_t *tally_json(const struct ivo_tallies *t, const struct namer *nm,
			  struct api_counts *c, struct tally_totals tot)
{
	struct columns col;
	json_t *list = columns_new(&col, t->n) ? json_array() : NULL;
	for (size_t i = 0; list && i < t->n; i++)
		if (json_array_append_new(list, tally_row(&t->items[i], nm, c, &col, i)))
			json_decref(list), list = NULL;
	if (list && t->overflow > 0 && json_array_append_new(list, overflow_row(t, c, &col)))
		json_decref(list), list = NULL;
	if (list)
		tally_sums(c, t, &col, tot);
	columns_free(&col);
	return list;
}

/* ==== the quarterly report to IVO ========================================================= */

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
static json_t *totals_json(const struct ivo_totals *tot, const struct decision_set *set)
{
	struct api_counts *c = api_counts_new(0);
	struct namer insats = {NULL, set}, law = {law_words, NULL}, gender = {gender_words, NULL},
		     inriktning = {inriktning_words, NULL};
	struct tally_totals none = {API_COUNT_NONE, API_COUNT_NONE, API_COUNT_NONE};
	json_t *out = c ? json_pack("{s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o}",
			 "count", tot->count, "beslut", tot->beslut,
			 "avbrott", tot->avbrott, "at_risk", tot->at_risk,
			 "by_insats", tally_json(&tot->by_insats, &insats, c, none),
			 "by_law", tally_json(&tot->by_law, &law, c, none),
			 "by_gender", tally_json(&tot->by_gender, &gender, c, none),
			 "by_inriktning", tally_json(&tot->by_inriktning, &inriktning, c, none))
			: NULL;
	if (out && !api_counts_finish(c))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
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
			 "totals", totals_json(&rep->totals, set));
}

/*
 * GET /api/v1/decisions/ivo-report?quarter=2021-Q3&unit_id=&horizon_days=180[&format=csv]
 * Every decision reportable at the quarter's last day, new or carried over, those resolved in
 * the quarter after having been reported, and totals.  CSV: the reportable rows.
 */
void api_decisions_ivo_report(struct req *r)
{
	const struct decisions_report_params *in = REQ_QUERY(r, struct decisions_report_params);
	struct decision_set *set = NULL;
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	enum db_rc rc = load(db, in->unit_id, period_last_day(in->quarter), &set);
	if (rc != DB_OK) {
		api_reply_body(r, NULL, rc, "decision");
		return;
	}
	struct report *rep = report_build(set, period_first_day(in->quarter),
					  period_last_day(in->quarter), in->horizon_days, true);
	if (!rep)
		reply_oom(r);
	else if (req_wants_csv(r))
		reply_ivo_csv(r, set, rep);
	else
		reply_json(r, 200, ivo_report_json(in->quarter, in->horizon_days, set, rep));
	report_free(rep);
	db_decisions_set_free(set);
}

/* ==== the council report =================================================================== */

/* The waiting times in months, per bucket; they add up to @p total. */
static json_t *wait_json(const struct ivo_totals *tot, struct api_counts *c, size_t total)
{
	size_t cells[EVB_BUCKETS];
	json_t *wait = json_array();
	for (int b = 0; wait && b < EVB_BUCKETS; b++) {
		json_t *g = json_pack("{s:s}", "months", evb_bucket_name(b));
		cells[b] = api_counts_put(c, g, "count", tot->by_wait[b]);
		if (json_array_append_new(wait, g))
			json_decref(wait), wait = NULL;
	}
	if (wait)
		api_counts_sum(c, total, cells, EVB_BUCKETS);
	return wait;
}

/* The council report's counts into @p out (count = beslut + avbrott, each tally and the
 * waiting times adding up to them); false when out of memory. */
static bool council_fill(json_t *out, const struct ivo_totals *tot,
			 const struct decision_set *set, struct api_counts *c)
{
	struct namer insats = {NULL, set}, law = {law_words, NULL}, gender = {gender_words, NULL};
	struct tally_totals t = {api_counts_put(c, out, "count", tot->count),
				 api_counts_put(c, out, "beslut", tot->beslut),
				 api_counts_put(c, out, "avbrott", tot->avbrott)};
	api_counts_put(c, out, "at_risk", tot->at_risk);
	api_counts_sum(c, t.count, (size_t[]){t.beslut, t.avbrott}, 2);
	return !json_object_set_new(out, "by_insats", tally_json(&tot->by_insats, &insats, c, t)) &&
	       !json_object_set_new(out, "by_law", tally_json(&tot->by_law, &law, c, t)) &&
	       !json_object_set_new(out, "by_gender", tally_json(&tot->by_gender, &gender, c, t)) &&
	       !json_object_set_new(out, "by_wait", wait_json(tot, c, t.count)) &&
	       api_counts_finish(c);
}

/* The council report's reply: counts only, suppressed for the view.  NULL when out of
 * memory. */
static json_t *council_json(struct period p, int64_t horizon, const struct ivo_totals *tot,
			    const struct decision_set *set, const struct api_view *v)
{
	char label[PERIOD_BUF];
	period_format(p, label);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:o, s:I}", "period", label, "cut_off",
				    date_json(period_last_day(p)), "horizon_days",
				    (json_int_t)horizon) : NULL;
	if (out && !council_fill(out, tot, set, c))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *decisions_council_report_body(struct db *db, const struct decisions_report_params *p,
				      const struct api_view *v, enum db_rc *rc)
{
	struct period per = period_given(p->quarter) ? p->quarter : p->period;
	struct decision_set *set = NULL;
	json_t *out = NULL;
	*rc = load(db, p->unit_id, period_last_day(per), &set);
	if (*rc != DB_OK)
		return NULL;
	struct report *rep = report_build(set, period_first_day(per), period_last_day(per),
					  p->horizon_days, false);
	if (rep)
		out = council_json(per, p->horizon_days, &rep->totals, set, v);
	*rc = out ? DB_OK : DB_NOMEM;
	report_free(rep);
	db_decisions_set_free(set);
	return out;
}

/* The council report's period: ?quarter= or ?period=, exactly one.  Replies 400. */
static bool report_period_or_reply(struct req *r, const struct decisions_report_params *in)
{
	if (period_given(in->quarter) != period_given(in->period))
		return false;
	json_t *errors = NULL;
	problem_field(&errors, "quarter", "give either quarter (e.g. 2021-Q3) or period "
		      "(e.g. 2017-T2)");
	reply_problem(r, 400, "invalid_period", errors, "give exactly one of quarter and "
		      "period");
	return true;
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
	const struct decisions_report_params *in = REQ_QUERY(r, struct decisions_report_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (report_period_or_reply(r, in) || api_db_or_reply(r, &db) ||
	    api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	api_reply_body(r, decisions_council_report_body(db, in, &v, &rc), rc, "decision");
}

/* ==== the year's summary ================================================================== */

/* Quarter @p q (0..3) of the year: its count and its count per insats. */
static json_t *quarter_json(const struct ivo_year *y, int q, const struct namer *nm,
			    struct api_counts *c)
{
	struct period qp = {PERIOD_QUARTER, y->year, q + 1};
	char name[PERIOD_BUF];
	period_format(qp, name);
	json_t *o = json_pack("{s:s, s:o}", "quarter", name, "cut_off",
			      date_json(period_last_day(qp)));
	struct tally_totals t = {api_counts_put(c, o, "count", y->quarter_count[q]),
				 API_COUNT_NONE, API_COUNT_NONE};
	if (o && json_object_set_new(o, "by_insats",
				     tally_json(&y->quarter_by_insats[q], nm, c, t))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The four quarters of the year.  NULL when out of memory. */
static json_t *quarters_json(const struct ivo_year *y, const struct namer *nm,
			     struct api_counts *c)
{
	json_t *list = json_array();
	for (int q = 0; list && q < 4; q++)
		if (json_array_append_new(list, quarter_json(y, q, nm, c))) {
			json_decref(list);
			return NULL;
		}
	return list;
}

/* The summary's reply, suppressed for the view.  NULL when out of memory. */
static json_t *year_json(const struct ivo_year *y, int64_t horizon,
			 const struct decision_set *set, const struct api_view *v)
{
	struct namer insats = {NULL, set};
	struct api_counts *c = api_counts_new(v->suppress);
	if (!c)
		return NULL;
	json_t *out = json_pack("{s:I, s:I}", "year", (json_int_t)y->year, "horizon_days",
				(json_int_t)horizon);
	struct tally_totals t = {api_counts_put(c, out, "total", y->distinct), API_COUNT_NONE,
				 API_COUNT_NONE};
	api_counts_put(c, out, "at_risk", y->at_risk);
	if (out && (json_object_set_new(out, "by_insats",
					tally_json(&y->by_insats, &insats, c, t)) ||
		    json_object_set_new(out, "quarters", quarters_json(y, &insats, c)) ||
		    !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *decisions_summary_body(struct db *db, const struct decisions_report_params *p,
			       const struct api_view *v, enum db_rc *rc)
{
	struct decision_set *set = NULL;
	json_t *out = NULL;
	*rc = load(db, p->unit_id, (struct date){(int)p->year, 12, 31}, &set);
	if (*rc != DB_OK)
		return NULL;
	struct ivo_year *y = malloc(sizeof *y);
	if (y) {
		ivo_year_build(set->items, set->n, (int)p->year, (int)p->horizon_days, y);
		out = year_json(y, p->horizon_days, set, v);
	}
	*rc = out ? DB_OK : DB_NOMEM;
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
	const struct decisions_report_params *in = REQ_QUERY(r, struct decisions_report_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	api_reply_body(r, decisions_summary_body(db, in, &v, &rc), rc, "decision");
}
