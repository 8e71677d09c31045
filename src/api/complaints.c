/*
 * /api/v1/complaints — synpunkter och klagomål (folja/complaint.h).  A complaint tells of a
 * person's dealings with the committee, so its detail needs a token with `sensitive`, like
 * lex Sarah; every text field is screened for personnummer.  The summary, open to readers and
 * called by the report sections, counts the period's complaints per kind, per outcome and per
 * unit (seed 002's table: received, genomförda, nedlagda) or category, their handling days
 * and the open items; ids only for a view with `sensitive`, and small counts suppressed
 * together for an anonymous one.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/resource.h"

#include "reg.h"

static const char *const kinds[] = {"klagomal", "synpunkt", "berom", "forslag", NULL};
static const char *const outcomes[] = {"atgardat", "ej_atgardat", "hanvisat", "ovrigt", NULL};
static const char *const group_bys[] = {"unit", "category", NULL};
static const char *const kind_words[COMPLAINT_KINDS] = {
	"Klagomål", "Synpunkt", "Beröm", "Förslag",
};
static const char *const outcome_words[COMPLAINT_OUTCOMES] = {
	"Åtgärdat", "Ej åtgärdat", "Hänvisat", "Övrigt",
};

#define CI(m) offsetof(struct complaint_in, m)
static const struct in_field complaint_spec[] = {
	{"unit_id", IN_INT, CI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"received_on", IN_DATE, CI(received_on), IN_REQUIRED, 0, 0, NULL},
	{"channel", IN_STRING, CI(channel), IN_NULLABLE, 0, 0, NULL},
	{"kind", IN_ENUM, CI(kind), IN_REQUIRED, 0, 0, kinds},
	{"category", IN_STRING, CI(category), IN_NULLABLE, 0, 0, NULL},
	{"summary", IN_TEXT, CI(summary), IN_NULLABLE, 0, 0, NULL},
	{"handled_on", IN_DATE, CI(handled_on), IN_NULLABLE, 0, 0, NULL},
	{"outcome", IN_ENUM, CI(outcome), IN_NULLABLE, 0, 0, outcomes},
	IN_FIELD("id", IN_IGNORE, struct complaint_in, kind, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct complaint_in, kind, 0),
	IN_FIELD("version", IN_IGNORE, struct complaint_in, kind, 0),
	IN_FIELD("created_at", IN_IGNORE, struct complaint_in, kind, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct complaint_in, kind, 0),
	{0}
};
#undef CI

/* Handled after received; an outcome exactly when handled.  422. */
static bool complaint_rules_or_reply(struct req *r, void *input)
{
	const struct complaint_in *in = input;
	json_t *errors = NULL;
	if (in->handled_on && strcmp(in->handled_on, in->received_on) < 0)
		problem_field(&errors, "handled_on", "is before received_on");
	if (in->handled_on && !in->outcome)
		problem_field(&errors, "outcome", "is required when handled_on is set");
	if (!in->handled_on && in->outcome)
		problem_field(&errors, "handled_on", "is required when outcome is set");
	return input_errors_or_reply(r, errors);
}

static enum db_rc complaint_check(struct db *db, int64_t id, const void *input,
				  struct resource_error *err)
{
	(void)id;
	return reg_unit_check(db, ((const struct complaint_in *)input)->unit_id, err);
}

static enum db_rc complaint_insert(struct db *db, const void *in, int64_t *id)
{
	return db_complaints_insert(db, in, id);
}

static enum db_rc complaint_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_complaints_update(db, id, version, in);
}

const struct resource folja_complaints = {
	.entity = "complaint",
	.collection = "/api/v1/complaints",
	.spec = complaint_spec,
	.in_size = sizeof(struct complaint_in),
	.rules_or_reply = complaint_rules_or_reply,
	.check = complaint_check,
	.get = db_complaints_get,
	.insert = complaint_insert,
	.update = complaint_update,
	.remove = db_complaints_delete,
};

const struct query_spec api_complaints_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("kind", kind, kinds),
		Q_REG_ENUM("outcome", status, outcomes),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/complaints[?unit_id=&period=&kind=&outcome=&limit=&offset=] — by received_on */
void api_complaints_list(struct req *r)
{
	reg_list_reply(r, db_complaints_list, "complaint");
}

/* ==== summary ============================================================================= */

const struct query_spec api_complaints_summary_query = REG_COUNTS_SUMMARY_QUERY("2017-T1", group_bys);

/* The cells of one row of the table: count = handled + open, handled = Σ outcomes. */
struct row_cells {
	size_t count, handled, open, outcome[COMPLAINT_OUTCOMES];
};

/* Puts a row's counts into @p o (its count as @p key) and states its sums. */
static void row_put(json_t *o, const char *key, int count, int handled, int open,
		    const int *by_outcome, struct api_counts *c, struct row_cells *rc)
{
	rc->count = api_counts_put(c, o, key, count);
	rc->handled = api_counts_put(c, o, "handled", handled);
	rc->open = api_counts_put(c, o, "open", open);
	for (int k = 0; k < COMPLAINT_OUTCOMES; k++)
		rc->outcome[k] = api_counts_put(c, o, complaint_outcome_name(k), by_outcome[k]);
	api_counts_sum(c, rc->count, (size_t[]){rc->handled, rc->open}, 2);
	api_counts_sum(c, rc->handled, rc->outcome, COMPLAINT_OUTCOMES);
}

/* Column @p k of a row: count, handled, open, then the outcomes. */
static size_t cell_of(const struct row_cells *r, int k)
{
	return k == 0 ? r->count : k == 1 ? r->handled : k == 2 ? r->open : r->outcome[k - 3];
}

/* The sums of the groups' columns into the totals in @p tot; false when out of memory. */
static bool columns_sum(struct api_counts *c, const struct row_cells *rows, size_t n,
			const struct row_cells *tot)
{
	enum { COLUMNS = COMPLAINT_OUTCOMES + 3 };
	size_t *col = malloc((n ? n : 1) * sizeof *col);
	if (!col)
		return false;
	for (int k = 0; k < COLUMNS; k++) {
		for (size_t i = 0; i < n; i++)
			col[i] = cell_of(&rows[i], k);
		api_counts_sum(c, cell_of(tot, k), col, n);
	}
	free(col);
	return true;
}

/* The groups' rows; their columns add up to the totals in @p tot. */
static json_t *groups_json(const struct complaint_summary *s, struct api_counts *c,
			   const struct row_cells *tot)
{
	size_t n = s->groups.n;
	struct row_cells *rows = calloc(n ? n : 1, sizeof *rows);
	json_t *list = rows ? json_array() : NULL;
	for (size_t i = 0; list && i < n; i++) {
		const struct tally_group *g = &s->groups.items[i];
		json_t *o = json_pack("{s:s, s:s?}", "key", g->key, "name", g->name);
		row_put(o, "count", g->count, g->parts[COMPLAINT_PART_HANDLED],
			g->parts[COMPLAINT_PART_OPEN], &g->parts[COMPLAINT_PART_OUTCOME], c, &rows[i]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	if (list && !columns_sum(c, rows, n, tot))
		json_decref(list), list = NULL;
	free(rows);
	return list;
}

/* The counts per kind, adding up to @p total. */
static json_t *kinds_json(const struct complaint_summary *s, struct api_counts *c,
			  size_t total)
{
	size_t cells[COMPLAINT_KINDS];
	json_t *list = json_array();
	for (int k = 0; list && k < COMPLAINT_KINDS; k++) {
		json_t *o = json_pack("{s:s, s:s}", "key", complaint_kind_name(k), "name",
				      kind_words[k]);
		cells[k] = api_counts_put(c, o, "count", s->by_kind[k]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	if (list)
		api_counts_sum(c, total, cells, COMPLAINT_KINDS);
	return list;
}

/* The outcome names, for the table's columns. */
static json_t *outcome_names_json(void)
{
	json_t *list = json_array();
	for (int k = 0; list && k < COMPLAINT_OUTCOMES; k++)
		if (json_array_append_new(list, json_pack("{s:s, s:s}", "key",
				complaint_outcome_name(k), "name", outcome_words[k])))
			json_decref(list), list = NULL;
	return list;
}

/* The ids of the open items, for a view with `sensitive`. */
static json_t *backlog_json(const struct complaint_summary *s)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < s->n_backlog; i++)
		if (json_array_append_new(list, json_integer((json_int_t)s->backlog[i])))
			json_decref(list), list = NULL;
	return list;
}

static bool counts_put(json_t *out, const struct complaint_summary *s, const struct api_view *v,
		       struct api_counts *c, json_t **days, size_t *days_cell)
{
	struct row_cells tot;
	row_put(out, "total", s->total, s->handled, s->open, s->by_outcome, c, &tot);
	api_counts_put(c, out, "open_items_count", (int64_t)s->n_backlog);
	*days = reg_days_json(s->handling, c, days_cell);
	return !json_object_set_new(out, "outcomes", outcome_names_json()) &&
	       !json_object_set_new(out, "by_kind", kinds_json(s, c, tot.count)) &&
	       !json_object_set_new(out, "groups", groups_json(s, c, &tot)) &&
	       !json_object_set_new(out, "handling_days", json_incref(*days)) &&
	       !json_object_set_new(out, "open_items", v->sensitive ? backlog_json(s) :
				    json_null());
}

static json_t *summary_json(const struct register_summary_params *p,
			    const struct complaint_summary *s, const struct api_view *v)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *days = NULL, *out = c ? json_pack("{s:s, s:o, s:o, s:o, s:s, s:o}", "period",
		period, "from", reg_date_json(s->span.first), "cut_off",
		reg_date_json(s->span.cut_off), "as_of", reg_date_json(s->span.as_of), "group_by",
		p->group_by ? p->group_by : "unit", "unit_id", p->unit_id == IN_NULL ? json_null() :
		json_integer(p->unit_id)) : NULL;
	size_t days_cell = API_COUNT_NONE;
	if (out && (!counts_put(out, s, v, c, &days, &days_cell) || !api_counts_finish(c) ||
		    !reg_days_finish(days, s->handling, c, days_cell)))
		json_decref(out), out = NULL;
	json_decref(days);
	api_counts_free(c);
	return out;
}

json_t *complaints_summary_body(struct db *db, const struct register_summary_params *p,
				const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, p->cumulative, api_today());
	char to[11];
	struct complaint_set *set = NULL;
	json_t *out = NULL;
	date_format(span.cut_off, to);
	struct reg_filter f = {.unit_id = p->unit_id, .to = to,
			       .by_category = p->group_by && !strcmp(p->group_by, "category")};
	*rc = db_complaints_load(db, &f, &set);
	if (*rc != DB_OK)
		return NULL;
	struct complaint_summary *s = complaint_summary_build(set->items, set->n, &span);
	if (s)
		out = summary_json(p, s, v);
	*rc = out ? DB_OK : DB_NOMEM;
	complaint_summary_free(s);
	db_complaint_set_free(set);
	return out;
}

/* GET /api/v1/complaints/summary?period=&unit_id=&cumulative=&group_by=unit|category */
void api_complaints_summary(struct req *r)
{
	reg_summary_reply(r, complaints_summary_body, "complaint");
}
