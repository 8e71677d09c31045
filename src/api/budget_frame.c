/*
 * GET /api/v1/budget/frame?unit_id=&year= — the budget frame (budgetram) of a unit and its
 * subtree: the original budget, every change decided since with its date and reference, and
 * the frame they make (seed 002: "Nämndens ram enligt beslut KF ... 850 000; reviderad budget
 * ... 803; ... Ny budgetram 2017 853 854").  Storage streams the budget lines
 * (src/db/budget_frame.c), the domain sums them per decision (frame_add(),
 * include/folja/economy.h), and this file writes the reply, JSON or one CSV row per decision.
 * Amounts carry the ledger's sign: a frame of costs is negative, and a change that gives the
 * committee more to spend is too.
 */
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/economy.h"
#include "folja/input.h"
#include "folja/money.h"

#include "budget.h"

static const char *const scale_names[] = {"kr", "tkr", "mnkr", NULL};

#define FP(m) offsetof(struct budget_frame_params, m)
const struct query_spec api_budget_frame_query = {
	(const struct q_param[]){
		{"unit_id", Q_INT, FP(unit_id), Q_REQUIRED, 1, INT64_MAX, IN_NULL, NULL, "19"},
		{"year", Q_INT, FP(year), Q_REQUIRED, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, IN_NULL,
		 NULL, "2017"},
		{"ledger", Q_ENUM, FP(ledger), 0, 0, 0, 0, budget_ledgers, NULL},
		{"scale", Q_ENUM, FP(scale), 0, 0, 0, 0, scale_names, NULL},
		{0}},
	sizeof(struct budget_frame_params), FORMAT_JSON | FORMAT_CSV,
};
#undef FP

/* The frame being summed while storage streams its lines. */
struct frame_sum {
	struct frame f;
	enum frame_status st;
};

static bool frame_take(void *ctx, const struct frame_line *l)
{
	struct frame_sum *s = ctx;
	s->st = frame_add(&s->f, l);
	return s->st == FRAME_OK;
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* One decision's row: its kind, date, reference, amount (scaled and in kronor), lines. */
static json_t *decision_json(const struct frame_decision *d, enum money_scale scale)
{
	json_t *ids = json_array();
	for (size_t i = 0; ids && i < d->nline_ids; i++)
		if (json_array_append_new(ids, json_integer(d->line_ids[i])))
			json_decref(ids), ids = NULL;
	if (!ids)
		return NULL;
	return json_pack("{s:s, s:o, s:o, s:I, s:I, s:I, s:o}",
		"budget_kind", d->change ? "change" : "original",
		"decided_on", text_or_null(d->decided_on),
		"decision_ref", text_or_null(d->decision_ref),
		"amount", (json_int_t)money_round(d->amount_kr, scale),
		"amount_kr", (json_int_t)d->amount_kr, "lines", (json_int_t)d->lines,
		"line_ids", ids);
}

/* The decisions of one kind as an array; NULL when out of memory. */
static json_t *decisions_json(const struct frame *f, bool change, enum money_scale scale)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < f->n; i++)
		if (f->decisions[i].change == change &&
		    json_array_append_new(a, decision_json(&f->decisions[i], scale)))
			json_decref(a), a = NULL;
	return a;
}

/* How the frame is made, and the query that lists its lines. */
static json_t *frame_explain(const struct frame *f, const struct budget_frame_params *p,
			     const char *ledger)
{
	char query[192];
	snprintf(query, sizeof query, "/api/v1/budget-lines?unit_id=%lld&year=%lld&measure=budget"
		 "&ledger=%s", (long long)p->unit_id, (long long)p->year, ledger);
	return json_pack("{s:s, s:s, s:{s:I, s:I, s:I}, s:s}", "rule", "budget_frame",
		"text", "the budget lines of the unit and its subtree for the year, summed per "
		"decision (kind, date, reference): the original budget and the changes decided "
		"since; budget_year = budget_original + budget_changes, as in the rollup",
		"inputs", "budget_original_kr", (json_int_t)f->original_kr,
		"budget_changes_kr", (json_int_t)f->changes_kr,
		"budget_year_kr", (json_int_t)f->frame_kr,
		"lines_query", query);
}

static json_t *frame_json(const struct frame *f, const struct budget_frame_params *p,
			  enum money_scale scale, const char *ledger)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o}",
		"unit_id", (json_int_t)p->unit_id, "year", (json_int_t)p->year, "ledger", ledger,
		"scale", money_scale_name(scale),
		"budget_original", (json_int_t)money_round(f->original_kr, scale),
		"budget_changes", (json_int_t)money_round(f->changes_kr, scale),
		"budget_year", (json_int_t)money_round(f->frame_kr, scale),
		"original", decisions_json(f, false, scale),
		"changes", decisions_json(f, true, scale),
		"explain", frame_explain(f, p, ledger));
}

/* The reply's decisions as CSV rows (one per decision; the line ids left out). */
static json_t *frame_rows(const json_t *reply)
{
	json_t *rows = json_array();
	static const char *const parts[] = {"original", "changes"};
	for (int k = 0; rows && k < 2; k++) {
		size_t i;
		json_t *d;
		json_array_foreach(json_object_get(reply, parts[k]), i, d) {
			json_t *row = json_deep_copy(d);
			if (!row || json_object_del(row, "line_ids") ||
			    json_array_append_new(rows, row)) {
				json_decref(rows);
				return NULL;
			}
		}
	}
	return rows;
}

json_t *budget_frame_body(struct db *db, const struct budget_frame_params *p,
			  const struct api_view *v, enum db_rc *rc)
{
	struct frame_sum s = {.st = FRAME_OK};
	enum money_scale scale = SCALE_KR;
	const char *ledger = p->ledger ? p->ledger : "drift";
	json_t *out = NULL;
	(void)v;  /* a frame holds no counts of people: every view sees the same */
	if (p->scale)
		money_scale_parse(p->scale, &scale);
	*rc = db_budget_frame_lines(db, p->unit_id, (int)p->year, ledger, frame_take, &s);
	if (*rc == DB_INVALID && s.st == FRAME_NOMEM)
		*rc = DB_NOMEM;
	if (*rc == DB_OK) {
		frame_finish(&s.f);
		out = frame_json(&s.f, p, scale, ledger);
		*rc = out ? DB_OK : DB_NOMEM;
	}
	frame_free(&s.f);
	return out;
}

/* GET /api/v1/budget/frame?unit_id=&year=&ledger=&scale=&format=csv */
void api_budget_frame(struct req *r)
{
	const struct budget_frame_params *p = REQ_QUERY(r, struct budget_frame_params);
	struct db *db;
	enum db_rc rc;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, p->unit_id))
		return;
	struct api_view v = api_view_of(r);
	json_t *out = budget_frame_body(db, p, &v, &rc);
	if (out && req_wants_csv(r)) {
		json_t *rows = frame_rows(out);
		json_decref(out);
		if (rows)
			reply_csv(r, rows, "frame.csv");
		else
			reply_oom(r);
	} else if (out) {
		reply_json(r, 200, out);
	} else if (rc == DB_NOMEM) {
		reply_oom(r);
	} else if (rc == DB_INVALID) {
		reply_problem(r, 422, "out_of_range", NULL,
			      "the frame's sums leave the range of amounts (±9e15 kr)");
	} else {
		api_db_error(r, rc, "budget frame");
	}
}
