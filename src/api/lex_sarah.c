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

/* Reads an optional "YYYY-MM-DD" member of @p o into *out; false when absent or null. */
static bool json_date(json_t *o, const char *key, struct date *out)
{
	return date_parse(json_string_value(json_object_get(o, key)), out);
}

/* Adds one report to the group @p key of @p groups (an object of group objects). */
static void group_add(json_t *groups, const char *key, const char *name, bool notified)
{
	json_t *g = json_object_get(groups, key);
	if (!g) {
		g = json_pack("{s:s, s:s?, s:i, s:i}", "key", key, "name", name, "count", 0,
			      "ivo_notified", 0);
		json_object_set_new(groups, key, g);
	}
	json_object_set_new(g, "count",
			    json_integer(json_integer_value(json_object_get(g, "count")) + 1));
	if (notified)
		json_object_set_new(g, "ivo_notified", json_integer(json_integer_value(
					    json_object_get(g, "ivo_notified")) + 1));
}

/* The groups as a list, in order of their first report, counts suppressed as asked. */
static json_t *groups_list(json_t *groups, unsigned suppress)
{
	json_t *list = json_array();
	const char *key;
	json_t *g;
	json_object_foreach(groups, key, g) {
		api_count_set(g, "count", json_integer_value(json_object_get(g, "count")), suppress);
		api_count_set(g, "ivo_notified",
			      json_integer_value(json_object_get(g, "ivo_notified")), suppress);
		json_array_append(list, g);
	}
	return list;
}

/*
 * GET /api/v1/lex-sarah-reports/summary?period=&group_by=category|unit&unit_id=
 *     &cumulative=false&overdue_days=60
 * Counts the reports whose reported_on falls in the period (from January with
 * cumulative=true).  Open overdue reports and inconsistencies are looked for among every
 * report made up to the period's end, as at its last day or today, whichever comes first.
 */
static const char *const group_bys[] = {"category", "unit", NULL};

struct summary_params {
	struct period period;
	const char *group_by;
	int64_t unit_id;
	bool cumulative;
	int64_t overdue_days;
};

#define SP(m) offsetof(struct summary_params, m)
const struct query_spec api_lex_sarah_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, SP(period), Q_REQUIRED, 0, 0, 0, NULL, "2021, 2021-04, 2021-T1"},
		{"group_by", Q_ENUM, SP(group_by), 0, 0, 0, 0, group_bys, NULL},
		Q_ID("unit_id", struct summary_params, unit_id),
		{"cumulative", Q_BOOL, SP(cumulative), 0, 0, 0, 0, NULL, NULL},
		{"overdue_days", Q_INT, SP(overdue_days), 0, 1, 3650, LS_OVERDUE_DAYS_DEFAULT, NULL,
		 NULL},
		{0}},
	sizeof(struct summary_params), FORMAT_JSON,
};
#undef SP

void api_lex_sarah_summary(struct req *r)
{
	const struct summary_params *in = REQ_QUERY(r, struct summary_params);
	struct lex_sarah_filter f = {.unit_id = in->unit_id};
	struct period p = in->period;
	unsigned suppress = api_suppress_small(r);
	int64_t overdue_days = in->overdue_days;
	struct db *db;
	char from[11], to[11], as_of_s[11], period[PERIOD_BUF];
	const char *group_by = in->group_by ? in->group_by : "category";
	bool cumulative = in->cumulative;
	json_t *rows = NULL, *groups = NULL, *outcomes_g = NULL, *out = NULL;
	struct ls_report *rs = NULL;
	int *scratch = NULL;

	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, f.unit_id))
		return;
	period_format(p, period);
	struct date first = period_first_day(p), cut_off = period_last_day(p);
	if (cumulative) {
		first.m = 1;
		first.d = 1;
	}
	struct date today = api_today();
	struct date as_of = date_cmp(today, cut_off) < 0 ? today : cut_off;
	date_format(first, from);
	date_format(cut_off, to);
	date_format(as_of, as_of_s);
	f.to = to;   /* from the beginning: earlier open reports are followed up too */

	rows = json_array();
	enum db_rc rc = db_lex_sarah_all(db, &f, rows);
	if (rc != DB_OK) {
		api_db_error(r, rc, "lex Sarah report");
		goto cleanup;
	}
	size_t n = json_array_size(rows);
	rs = calloc(n ? n : 1, sizeof *rs);
	scratch = calloc(n ? n : 1, sizeof *scratch);
	if (!rs || !scratch) {
		reply_oom(r);
		goto cleanup;
	}
	groups = json_object();
	outcomes_g = json_object();
	int64_t notified = 0, overdue_n = 0, problems_n = 0;
	json_t *overdue = json_array(), *problems = json_array();
	size_t i;
	json_t *row;
	size_t counted = 0;
	json_array_foreach(rows, i, row) {
		struct ls_report x = { 0 };
		x.id = json_integer_value(json_object_get(row, "id"));
		json_date(row, "reported_on", &x.reported_on);
		x.has_done = json_date(row, "investigation_done_on", &x.done_on);
		x.has_ivo = json_date(row, "ivo_notified_on", &x.ivo_on);
		x.outcome = json_string_value(json_object_get(row, "outcome"));
		/* Earlier reports still open, or still inconsistent, matter to this period's
		 * follow-up; only the period's own reports are counted. */
		if (ls_open_overdue(&x, as_of, (int)overdue_days)) {
			json_array_append_new(overdue, json_integer(x.id));
			overdue_n++;
		}
		unsigned bits = ls_inconsistencies(&x, as_of);
		for (unsigned b = 1; b <= LS_IVO_INVESTIGATION_LATE; b <<= 1)
			if (bits & b) {
				json_array_append_new(problems, json_pack("{s:I, s:s}", "id",
						      (json_int_t)x.id, "problem",
						      ls_problem_text(b)));
				problems_n++;
			}
		if (date_cmp(x.reported_on, first) < 0)
			continue;
		rs[counted++] = x;
		bool is_notified = x.has_ivo && date_cmp(x.ivo_on, as_of) <= 0;
		notified += is_notified;
		if (strcmp(group_by, "unit") == 0)
			group_add(groups, json_string_value(json_object_get(row, "unit_code")),
				  json_string_value(json_object_get(row, "unit_name")), is_notified);
		else
			group_add(groups, json_string_value(json_object_get(row, "category")),
				  json_string_value(json_object_get(row, "category_name")), is_notified);
		/* The outcome is known once the investigation is done; as at an earlier day the
		 * report was not yet assessed. */
		bool assessed = x.outcome && !(x.has_done && date_cmp(x.done_on, as_of) > 0);
		group_add(outcomes_g, assessed ? x.outcome : "ej_bedomd", NULL, is_notified);
	}
	struct ls_days days = ls_investigation_days(rs, counted, as_of, scratch);

	out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "period", period,
			"from", from, "cut_off", to, "as_of", as_of_s, "group_by", group_by,
			"overdue_days", (json_int_t)overdue_days);
	json_object_set_new(out, "unit_id", f.unit_id == IN_NULL ? json_null() :
			    json_integer((json_int_t)f.unit_id));
	api_count_set(out, "total", (int64_t)counted, suppress);
	api_count_set(out, "ivo_notified", notified, suppress);
	json_object_set_new(out, "groups", groups_list(groups, suppress));
	json_object_set_new(out, "by_outcome", groups_list(outcomes_g, suppress));
	json_t *inv = json_object();
	api_count_set(inv, "count", days.n, suppress);
	if (json_is_null(json_object_get(inv, "count"))) {
		json_object_set_new(inv, "median", json_null());
		json_object_set_new(inv, "max", json_null());
	} else {
		json_object_set_new(inv, "median", days.n ? json_real(days.median) : json_null());
		json_object_set_new(inv, "max", days.n ? json_integer(days.max) : json_null());
	}
	json_object_set_new(out, "investigation_days", inv);
	/* Ids lead to single records, and which report is overdue or inconsistent tells of its
	 * dates and outcome: shown with `sensitive` only, others get the counts. */
	api_count_set(out, "open_overdue_count", overdue_n, suppress);
	api_count_set(out, "inconsistency_count", problems_n, suppress);
	if (!r->caller.sensitive) {
		json_decref(overdue);
		json_decref(problems);
		json_object_set_new(out, "open_overdue", json_null());
		json_object_set_new(out, "inconsistencies", json_null());
	} else {
		json_object_set_new(out, "open_overdue", overdue);
		json_object_set_new(out, "inconsistencies", problems);
	}
	reply_json(r, 200, out);
	out = NULL;
cleanup:
	free(rs);
	free(scratch);
	json_decref(rows);
	json_decref(groups);
	json_decref(outcomes_g);
	json_decref(out);
}
