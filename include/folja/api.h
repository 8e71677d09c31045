/*
 * The routing table and the handlers it names.
 *
 * src/api/routes.c holds the one table; src/http/router.c matches a method and path against
 * it; every handler lives in src/api/<resource>.c and answers with one reply_* call.  The
 * helpers below are shared by the handlers: mapping storage outcomes to problems, writing the
 * audit log, conditional requests.
 */
#ifndef FOLJA_API_H
#define FOLJA_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/db.h"
#include "folja/http.h"
#include "folja/period.h"
#include "folja/period_lock.h"
#include "folja/route.h"

struct resource;
struct resource_error;

/* ---- helpers shared by handlers (api/common in api/ops.c) ---- */

/** Replies the problem matching a storage failure (404, 409, 412, 503, 500). */
void api_db_error(struct req *r, enum db_rc rc, const char *what);
/** Writes the audit entry for this request (inside the caller's transaction), naming the
 *  caller's token, and marked sensitive when the request's route needs `sensitive`.  @p before
 *  and @p after are borrowed (either may be NULL). */
enum db_rc api_audit(struct req *r, struct db *db, const char *entity, int64_t id,
		     json_t *before, json_t *after);
/* A bulk load's rows may be too many to keep in the audit log; its `after` is {rows, sha256}
 * instead, the digest of the body as received, so an upload can be matched to its file. */
#define API_SHA256_HEX 65  /* 64 hex digits and the NUL */
/** The hex SHA-256 of the request body as received into @p hex.  Call it before anything
 *  parses the body in place (the CSV reader does). */
void api_body_sha256(const struct req *r, char hex[API_SHA256_HEX]);
/** The version named by If-Match: -1 when the header is absent or `*`.  A malformed header
 *  replies 400 and returns true. */
bool api_if_match_or_reply(struct req *r, int64_t *version);
/** The database connection of this thread; 503 when it cannot be had. */
bool api_db_or_reply(struct req *r, struct db **db);
/** Replies 400 invalid_period naming @p field when @p s (NULL: absent, "is required") is not
 *  a period (for periods in bodies and paths; queries use folja/query.h); else fills *p. */
bool api_period_text_or_reply(struct req *r, const char *field, const char *s, struct period *p);

/* ---- query specs (the routing table's query column) ---- */

/* The structs the shared specs fill. */
struct dry_run_params { bool dry_run; };
struct year_params { int64_t year; };
struct period_params { struct period period; };
struct period_unit_params { struct period period; int64_t unit_id; };

extern const struct query_spec api_csv_query;            /* none; JSON or CSV */
extern const struct query_spec api_dry_run_query;        /* dry_run */
extern const struct query_spec api_year_query;           /* year, required */
extern const struct query_spec api_period_query;         /* period; JSON or CSV */
extern const struct query_spec api_period_required_query; /* period, required */
extern const struct query_spec api_audit_query;
extern const struct query_spec api_tokens_query;
extern const struct query_spec api_changes_query;
extern const struct query_spec api_units_list_query;
extern const struct query_spec api_budget_lines_query;
extern const struct query_spec api_budget_rollup_query;
extern const struct query_spec api_goals_list_query;
extern const struct query_spec api_goals_tree_query;
extern const struct query_spec api_indicators_list_query;
extern const struct query_spec api_peer_values_query;
extern const struct query_spec api_lex_sarah_list_query;
extern const struct query_spec api_lex_sarah_summary_query;
extern const struct query_spec api_decisions_list_query;
extern const struct query_spec api_ivo_report_query;
extern const struct query_spec api_council_report_query;
extern const struct query_spec api_decisions_summary_query;

/* ---- handlers ---- */
void api_healthz(struct req *r);
void api_metrics(struct req *r);
void api_openapi(struct req *r);
void api_audit_list(struct req *r);

void api_changes_list(struct req *r);
void api_tokens_list(struct req *r);
void api_tokens_get(struct req *r);
void api_tokens_revoke(struct req *r);

void api_units_list(struct req *r);
void api_units_tree(struct req *r);
extern const struct resource folja_units;

/* budget */
void api_budget_lines_list(struct req *r);
extern const struct resource folja_budget_lines;
/* the import, read as a stream (a BODY_STREAM route's arg) */
extern const struct body_stream api_budget_lines_import;
void api_budget_rollup(struct req *r);
void api_budget_settings_get(struct req *r);
void api_budget_settings_put(struct req *r);

/* goals and indicators */
void api_goals_list(struct req *r);
extern const struct resource folja_goals;
void api_goals_tree(struct req *r);
void api_goals_assessment(struct req *r);
void api_goals_months(struct req *r);
void api_goals_assessments_list(struct req *r);
void api_goals_assessments_create(struct req *r);
void api_indicators_list(struct req *r);
extern const struct resource folja_indicators;
void api_indicators_values(struct req *r);
void api_indicators_value_put(struct req *r);
void api_indicators_value_delete(struct req *r);
void api_indicators_comparison(struct req *r);
void api_peer_values_list(struct req *r);
void api_peer_values_load(struct req *r);

/* ---- lex Sarah and decisions (api/registers.c, api/lex_sarah.c, api/decisions.c) ---- */

/** The small-number threshold this read must apply: the server's when it is anonymous under
 *  --open-read, else 0 (nothing suppressed). */
unsigned api_suppress_small(const struct req *r);

/*
 * Who a computed reply is for.  A summary's body is made by a function of the storage
 * handle, its parsed parameters and a view (json_t *x_body(db, params, view, &rc)); its
 * handler only parses, calls it and replies, and a report section calls the same function
 * (src/api/reports*.c), so a section holds exactly what the endpoint returns.
 */
struct api_view {
	unsigned suppress;   /* small-number threshold to apply; 0 for none */
	bool sensitive;      /* may see record ids and register detail */
};
/** The view of the caller of @p r: suppression under --open-read, `sensitive` of its token. */
struct api_view api_view_of(const struct req *r);
/** Sets obj[key] to @p n, or, when 0 < n < @p suppress, to null with obj["suppressed"] =
 *  true.  Returns true when it suppressed.  @p obj borrowed. */
bool api_count_set(json_t *obj, const char *key, int64_t n, unsigned suppress);
/** Replies 404 naming the query parameter unit_id when @p unit_id (IN_NULL: none given) names
 *  no unit; the same answer on every route. */
bool api_unit_exists_or_reply(struct req *r, struct db *db, int64_t unit_id);
/** True for a managed-list code: a-z first, then a-z, 0-9, _; at most 64 bytes. */
bool api_code_valid(const char *code);
/** Today's date (UTC). */
struct date api_today(void);

/* The parameters every register's list takes; the first member of its query struct. */
struct register_params {
	int64_t limit, offset;
	struct period period;     /* filters by the register's date; .year 0 when absent */
	int64_t unit_id;          /* IN_NULL when absent */
};
#define Q_REGISTER(T) \
	{"limit", Q_INT, offsetof(T, reg.limit), 0, 1, 1000, 100, NULL, NULL}, \
	{"offset", Q_INT, offsetof(T, reg.offset), 0, 0, INT64_MAX / 2, 0, NULL, NULL}, \
	{"period", Q_PERIOD, offsetof(T, reg.period), 0, 0, 0, 0, NULL, NULL}, \
	Q_ID("unit_id", T, reg.unit_id)

/* The query of a register's list as storage takes it. */
struct register_query {
	struct db *db;
	int64_t limit, offset;
	int64_t unit_id;          /* IN_NULL when absent */
	const char *from, *to;    /* the period's first and last day; NULL without ?period= */
	char from_buf[11], to_buf[11];
};
/** Fills @p q from the parsed @p in and the database handle; replies (404 for an unknown unit,
 *  503) and returns true on failure. */
bool api_register_query_or_reply(struct req *r, const struct register_params *in,
				 struct register_query *q);

/* A register's managed list of codes (lex Sarah categories, decision insatser): read whole,
 * added to one entry at a time, each entry named by its code. */
struct code_in {
	const char *code;
	const char *name;
	const char *law;          /* the insatser only */
};
struct code_list {
	const char *entity;            /* wording of problems, e.g. "category" */
	const char *audit_entity;      /* e.g. "lex_sarah_category" */
	const char *duplicate_detail;  /* the 409 detail, e.g. "a category with this code exists" */
	const char *unknown;           /* the field error for a code that names no entry */
	const struct in_field *spec;   /* fills a struct code_in */
	enum db_rc (*all)(struct db *db, json_t *items);  /* appends to @p items (borrowed) */
	/** The entry @p code (new reference in *out); DB_NOT_FOUND when unknown. */
	enum db_rc (*get)(struct db *db, const char *code, json_t **out);
	/** Adds an entry; DB_CONFLICT when the code exists. */
	enum db_rc (*insert)(struct db *db, const struct code_in *in);
};
/** GET of the whole list @p l. */
void api_code_list_get(struct req *r, const struct code_list *l);
/** POST of one entry of @p l: 201 with the entry, 409 duplicate when the code exists. */
void api_code_list_create(struct req *r, const struct code_list *l);

/** The references every register row makes, for a resource's check hook: @p unit_id must
 *  name a unit and @p code (in @p field) an entry of @p l; otherwise DB_INVALID with *err as
 *  a 422 unknown_reference.  With @p entry, the entry is handed back (new reference). */
enum db_rc api_register_refs_check(struct db *db, int64_t unit_id, const struct code_list *l,
				   const char *field, const char *code, json_t **entry,
				   struct resource_error *err);

void api_lex_sarah_list(struct req *r);
extern const struct resource folja_lex_sarah_reports;
void api_lex_sarah_summary(struct req *r);
void api_lex_sarah_categories_list(struct req *r);
void api_lex_sarah_categories_create(struct req *r);

void api_decisions_list(struct req *r);
extern const struct resource folja_decisions;
void api_decisions_ivo_report(struct req *r);
void api_decisions_council_report(struct req *r);
void api_decisions_summary(struct req *r);
void api_decision_insatser_list(struct req *r);
void api_decision_insatser_create(struct req *r);

/* ==== the registers the reports need (api/counts.c, api/risks.c, api/internal_controls.c,
 * api/audits.c, api/actions.c, api/complaints.c, api/incidents.c, api/lex_maria.c) and the
 * summaries of every register, as body functions report sections call ===================== */

/*
 * The counts of one summary reply, suppressed together (folja/suppress.h): a renderer puts
 * each count into its JSON object with api_counts_put() and states each sum the reply shows
 * with api_counts_sum(); api_counts_finish() then hides what the view's threshold and
 * secondary suppression require, each hidden count becoming null in an object marked
 * "suppressed": true.  Objects are borrowed and must live until then; keys are literals.
 */
#define API_COUNT_NONE SIZE_MAX   /* the index of a count that could not be kept */
struct api_counts;
/** A new set for a view with threshold @p suppress (0: nothing hidden); NULL out of memory. */
struct api_counts *api_counts_new(unsigned suppress);
/** Sets obj[key] to @p n and keeps it; its index, or API_COUNT_NONE when out of memory (the
 *  set remembers, and api_counts_finish() fails). */
size_t api_counts_put(struct api_counts *c, json_t *obj, const char *key, int64_t n);
/** States that count @p total is the sum of the @p n counts @p parts (copied). */
void api_counts_sum(struct api_counts *c, size_t total, const size_t *parts, size_t n);
/** Hides what must be hidden; false when out of memory (then the reply must not be sent). */
bool api_counts_finish(struct api_counts *c);
/** After api_counts_finish(): whether count @p cell is hidden. */
bool api_counts_hidden(const struct api_counts *c, size_t cell);
/** Frees the set (not the objects).  Accepts NULL. */
void api_counts_free(struct api_counts *c);

/** Replies with a body function's result: 200 with @p body (stolen), else by @p rc: 503
 *  out_of_memory for DB_NOMEM, 422 out_of_range for DB_INVALID (a sum beyond the range of
 *  amounts), the storage problem otherwise (@p what names the register). */
void api_reply_body(struct req *r, json_t *body, enum db_rc rc, const char *what);

/* GET /api/v1/lex-sarah-reports/summary */
struct lex_sarah_summary_params {
	struct period period;        /* required */
	const char *group_by;        /* "category" (NULL) or "unit" */
	int64_t unit_id;             /* IN_NULL: every unit */
	bool cumulative;             /* from January of the period's year */
	int64_t overdue_days;
};
/** The lex Sarah summary for @p v: a new reference, or NULL with *rc set. */
json_t *lex_sarah_summary_body(struct db *db, const struct lex_sarah_summary_params *p,
			       const struct api_view *v, enum db_rc *rc);

/* GET /api/v1/decisions/council-report and /summary */
struct decisions_report_params {
	struct period quarter;       /* council report: this or period */
	struct period period;
	int64_t year;                /* summary */
	int64_t unit_id;
	int64_t horizon_days;
};
/** The council report at the last day of p->quarter or p->period (exactly one given). */
json_t *decisions_council_report_body(struct db *db, const struct decisions_report_params *p,
				      const struct api_view *v, enum db_rc *rc);
/** The year's summary of p->year. */
json_t *decisions_summary_body(struct db *db, const struct decisions_report_params *p,
			       const struct api_view *v, enum db_rc *rc);

/*
 * The summaries of the registers the reports need take one parameter struct; each route's
 * query spec exposes the members that summary reads.  Counted records are those dated in the
 * period (from January when cumulative); the rest is judged as at the period's last day or
 * today, whichever is first (folja/tally.h).
 */
struct register_summary_params {
	struct period period;        /* required */
	int64_t unit_id;             /* IN_NULL: every unit */
	bool cumulative;             /* from January of the period's year */
	const char *group_by;        /* "unit" or "category" where a summary groups; NULL: its
					default */
	const char *scale;           /* risks and sensitivities: "kr" (NULL), "tkr", "mnkr" */
	int64_t top;                 /* risks: how many of the highest values to list */
};
/* Each a new reference for the view @p v, or NULL with *rc set (DB_NOMEM, DB_INVALID for a
 * sum of kronor beyond the range of amounts, or the storage error). */
json_t *risks_summary_body(struct db *db, const struct register_summary_params *p,
			   const struct api_view *v, enum db_rc *rc);
json_t *risk_sensitivities_summary_body(struct db *db, const struct register_summary_params *p,
					const struct api_view *v, enum db_rc *rc);
json_t *internal_controls_summary_body(struct db *db, const struct register_summary_params *p,
				       const struct api_view *v, enum db_rc *rc);
json_t *audits_summary_body(struct db *db, const struct register_summary_params *p,
			    const struct api_view *v, enum db_rc *rc);
json_t *actions_summary_body(struct db *db, const struct register_summary_params *p,
			     const struct api_view *v, enum db_rc *rc);
json_t *complaints_summary_body(struct db *db, const struct register_summary_params *p,
				const struct api_view *v, enum db_rc *rc);
json_t *incidents_summary_body(struct db *db, const struct register_summary_params *p,
			       const struct api_view *v, enum db_rc *rc);
json_t *lex_maria_summary_body(struct db *db, const struct register_summary_params *p,
			       const struct api_view *v, enum db_rc *rc);

/*
 * The open actions attached to a budget rollup node (origin budget, by the node's unit) and
 * to a goal assessment (origin goal): `actions: [{id, title, status, due_on}]` for a view that
 * may see them, a count `actions_open` always.  Open means planerad or pågående as at @p
 * cut_off (or today, whichever is first) among the actions decided by it.
 */
/** Sets "actions" and "actions_open" on every node of a rollup reply @p root (borrowed; its
 *  nodes' unit_id and children).  False when out of memory or storage fails. */
bool api_actions_attach_rollup(struct db *db, json_t *root, struct date cut_off);
/** Sets "actions" and "actions_open" on goal assessment @p obj (borrowed) of goal @p goal_id. */
bool api_actions_attach_goal(struct db *db, json_t *obj, int64_t goal_id, struct date cut_off);

/* query specs and handlers */
extern const struct query_spec api_risks_list_query;
extern const struct query_spec api_risks_summary_query;
extern const struct query_spec api_sensitivities_list_query;
extern const struct query_spec api_sensitivities_summary_query;
extern const struct query_spec api_internal_controls_list_query;
extern const struct query_spec api_internal_controls_summary_query;
extern const struct query_spec api_audits_list_query;
extern const struct query_spec api_audits_summary_query;
extern const struct query_spec api_actions_list_query;
extern const struct query_spec api_actions_summary_query;
extern const struct query_spec api_complaints_list_query;
extern const struct query_spec api_complaints_summary_query;
extern const struct query_spec api_incidents_list_query;
extern const struct query_spec api_incidents_summary_query;
extern const struct query_spec api_lex_maria_list_query;
extern const struct query_spec api_lex_maria_summary_query;
extern const struct resource folja_risks;
extern const struct resource folja_risk_sensitivities;
extern const struct resource folja_internal_controls;
extern const struct resource folja_audits;
extern const struct resource folja_actions;
extern const struct resource folja_complaints;
extern const struct resource folja_incidents;
extern const struct resource folja_lex_maria_reports;
void api_risks_list(struct req *r);
void api_risks_summary(struct req *r);
void api_sensitivities_list(struct req *r);
void api_sensitivities_summary(struct req *r);
void api_internal_controls_list(struct req *r);
void api_internal_controls_summary(struct req *r);
void api_audits_list(struct req *r);
void api_audits_summary(struct req *r);
void api_actions_list(struct req *r);
void api_actions_summary(struct req *r);
void api_follow_ups_list(struct req *r);
void api_follow_ups_create(struct req *r);
void api_follow_ups_delete(struct req *r);
void api_complaints_list(struct req *r);
void api_complaints_summary(struct req *r);
void api_incidents_list(struct req *r);
void api_incidents_summary(struct req *r);
void api_lex_maria_list(struct req *r);
void api_lex_maria_summary(struct req *r);
/* ---- statistics (api/statistics*.c, api/statistic_facts.c) ---- */

extern const struct resource folja_statistics;
extern const struct resource folja_statistic_facts;
extern const struct query_spec api_statistics_list_query;
extern const struct query_spec api_statistic_facts_query;
extern const struct query_spec api_statistics_table_query;
extern const struct query_spec api_statistics_kolada_query;
void api_statistics_list(struct req *r);
void api_statistic_facts_list(struct req *r);
/* the import, read as a stream (a BODY_STREAM route's arg) */
extern const struct body_stream api_statistics_import;
void api_statistics_table(struct req *r);
void api_statistics_kolada(struct req *r);

/* What a statistics table is asked (GET /statistics/{id}/table and a report's `statistics`
 * section).  Strings borrowed. */
struct statistics_table_params {
	int64_t statistic_id;
	int64_t unit_id;           /* the unit whose subtree the table is over */
	struct period period;
	bool cumulative;           /* January through the period's end (the default), or the
				      period alone */
	const char *by;            /* "gender", "age_group,gender", "month"; NULL for none */
	const char *dims;          /* fixed values "gender:K,length:ge60"; NULL for none */
	const char *compare;       /* "previous_year" or a year such as "2015"; NULL for none */
	bool share_of_total;       /* each row's share of the total */
};
/** The table's reply body (a new reference) for the viewer @p v: {statistic, unit_id, period,
 *  compare_period, by, dims, rows, total} with an explain per figure; small numbers hidden
 *  as @p v asks.  NULL with *rc: DB_NOT_FOUND (no such statistic or unit), DB_INVALID (by,
 *  dims or compare name nothing of the statistic, or too many rows), DB_NOMEM, or storage's
 *  failure. */
json_t *statistics_table_body(struct db *db, const struct statistics_table_params *p,
			      const struct api_view *v, enum db_rc *rc);
/** statistics_table_body() for statistic @p statistic_id and @p query, the struct
 *  api_statistics_table_query fills (a report section's parameters). */
json_t *api_statistics_table_query_body(struct db *db, int64_t statistic_id, const void *query,
					const struct api_view *v, enum db_rc *rc);

/** For an indicator that takes its values from a statistic: the statistic must exist and
 *  @p dims (borrowed; an object or NULL) name its dimension values, and the indicator needs a
 *  unit; else DB_INVALID with *err filled (a 422).  DB_OK when @p statistic_id is IN_NULL. */
enum db_rc api_statistics_indicator_check(struct db *db, int64_t statistic_id,
					  int64_t unit_id, json_t *dims,
					  struct resource_error *err);
struct indicator_series;
/** When indicator @p s takes its values from a statistic, replaces its values by the
 *  statistic's figure at the indicator's unit for every period with facts or a stored value
 *  (stored targets and comments kept), so assessment and trend judge them as stored ones.
 *  Nothing happens for other indicators.  DB_NOMEM when memory runs out. */
enum db_rc api_statistics_feed_indicator(struct db *db, struct indicator_series *s);
/* ---- economy: rollup bodies, the budget frame, activity and account code lists
 *      (api/budget_rollup.c, api/budget_frame.c, api/budget_codes.c) ---- */

/* The query of GET /api/v1/budget/rollup.  The choices are compared as text; NULL takes the
 * default (unit, each, kr, drift). */
struct budget_rollup_params {
	int64_t unit_id;
	struct period period;
	const char *group_by;     /* unit, activity, account, project, "unit,activity" */
	const char *rounding;     /* each, consistent */
	const char *scale;        /* kr, tkr, mnkr */
	const char *ledger;       /* drift, investering */
	int64_t depth;            /* levels below the root; -1 for all */
	bool cumulative;          /* year to date (true) or the period alone */
	bool subtotals;           /* group_by=account: accounts in their groups, varav rows */
};
/** Appends to *errors what does not go together in @p p (group_by=project without
 *  ledger=investering, ...); true when nothing. */
bool budget_rollup_params_check(const struct budget_rollup_params *p, json_t **errors);
/** The reply of GET /api/v1/budget/rollup for @p p (checked by budget_rollup_params_check())
 *  as @p v sees it: a new reference, or NULL with *rc DB_NOT_FOUND (no such unit),
 *  DB_INVALID (the sums leave the range of amounts: a 422), DB_NOMEM, or a storage error. */
json_t *budget_rollup_body(struct db *db, const struct budget_rollup_params *p,
			   const struct api_view *v, enum db_rc *rc);

/* The query of GET /api/v1/budget/frame. */
struct budget_frame_params {
	int64_t unit_id;
	int64_t year;
	const char *ledger;       /* drift (NULL), investering */
	const char *scale;        /* kr (NULL), tkr, mnkr */
};
extern const struct query_spec api_budget_frame_query;
/** The reply of GET /api/v1/budget/frame for @p p: a new reference, or NULL with *rc
 *  DB_INVALID (sums beyond the range of amounts), DB_NOMEM, or a storage error. */
json_t *budget_frame_body(struct db *db, const struct budget_frame_params *p,
			  const struct api_view *v, enum db_rc *rc);
void api_budget_frame(struct req *r);

extern const struct query_spec api_budget_codes_query;  /* limit, offset; JSON or CSV */
extern const struct resource folja_activities;
extern const struct resource folja_accounts;
void api_activities_list(struct req *r);
void api_accounts_list(struct req *r);
/* ---- reports (api/reports*.c) and the bodies their sections call ---- */

/*
 * The body of a computed endpoint: its reply for the parsed query @p p (the struct the
 * route's query spec fills, with the path's id where the route has one) as @p v may see it.
 * A new reference, or NULL with *rc set (DB_NOMEM: out of memory; DB_NOT_FOUND: the unit or
 * record named is gone; DB_INVALID: the figures leave the range of amounts; DB_CONFLICT: the
 * endpoint's own 409).  The handler parses, checks the unit, calls it and replies; a report
 * section (src/api/report_sections.c) calls the same function, so it holds exactly what the
 * endpoint returns.  The params structs stay in the endpoint's file; a section fills one by
 * the endpoint's own query spec (query_parse_pairs).
 */
struct period_unit_params;     /* api_goals_tree_query */
struct goals_months_params { int64_t goal_id; int64_t year; };
struct indicator_values_params { int64_t id; struct period period; };
struct indicator_comparison_params { int64_t id; int64_t year; };

json_t *api_goals_tree_body(struct db *db, const struct period_unit_params *p,
			    const struct api_view *v, enum db_rc *rc);
json_t *api_goals_months_body(struct db *db, const struct goals_months_params *p,
			      const struct api_view *v, enum db_rc *rc);
/** The month rows of goals @p ids (@p n) in @p year, as the `months` arrays of
 *  /goals/{id}/months in the order asked (null for a goal not valid then): twelve trees for
 *  them all, where asking one by one costs twelve each.  For the report's goal summary. */
json_t *api_goals_months_rows_body(struct db *db, const int64_t *ids, size_t n, int64_t year,
				   const struct api_view *v, enum db_rc *rc);
json_t *api_indicators_values_body(struct db *db, const struct indicator_values_params *p,
				   const struct api_view *v, enum db_rc *rc);
json_t *api_indicators_comparison_body(struct db *db,
				       const struct indicator_comparison_params *p,
				       const struct api_view *v, enum db_rc *rc);

/* ---- period locks (api/period_locks.c; the rule is folja/period_lock.h) ---- */

/* The query of the write routes a period lock may refuse: ?override_lock=true&override_reason=
 * (an admin passing a lock, audited), and dry_run on the import. */
struct lock_override_params {
	bool dry_run;
	bool override_lock;
	const char *override_reason;
};
extern const struct query_spec api_lock_override_query;  /* override_lock, override_reason */
extern const struct query_spec api_import_lock_query;    /* dry_run too */
extern const struct query_spec api_period_locks_query;   /* unit_id */

void api_period_locks_list(struct req *r);
void api_period_locks_create(struct req *r);
void api_period_locks_get(struct req *r);
void api_period_locks_delete(struct req *r);

/**
 * The period-lock check every write of a fact makes, inside its write transaction: DB_OK when
 * no lock over unit @p unit_id (DB_NULL: none, never covered) closes a fact of kind @p k in
 * month @p month (lock_month()), or when an admin overrides it with a reason (the override is
 * audited with this request); else DB_INVALID with *err filled: 409 period_locked naming
 * @p field, 403 for an override by a non-admin, 422 for one without a reason.  Storage
 * failures are returned as they are.  Statistics facts call it with LOCK_STATISTICS.
 */
enum db_rc api_period_lock_check(struct req *r, struct db *db, int64_t unit_id,
				 enum lock_kind k, int month, const char *field,
				 struct resource_error *err);
/** Replies the problem of a refusal @p err (a lock's, or any resource_error). */
void api_lock_error_reply(struct req *r, const struct resource_error *err);
/** The resource lock hook of budget lines: the stored line's month and the new one's. */
enum db_rc api_budget_line_lock(struct req *r, struct db *db, json_t *before, const void *in,
				struct resource_error *err);
/** The check of an indicator value of @p period for indicator @p ind (its JSON, borrowed):
 *  the indicator's unit, else its goal's. */
enum db_rc api_period_lock_indicator(struct req *r, struct db *db, json_t *ind,
				     const char *period, struct resource_error *err);
/** The check of a manual assessment of goal @p goal (its JSON, borrowed) for period @p p. */
enum db_rc api_period_lock_goal(struct req *r, struct db *db, json_t *goal, struct period p,
				struct resource_error *err);
/* One budget line of an import for the check below: its row (1-based), unit, year and month
 * (DB_NULL for an annual line).  Other than DB_OK stops the rows. */
typedef enum db_rc (*api_lock_row_fn)(void *check, size_t row, int64_t unit_id, int64_t year,
				      int64_t month);
/**
 * The check of an import's budget lines, which @p each hands one by one to the function it is
 * given (@p src its own context, @p check the function's): DB_OK when none is closed (or an
 * admin overrides, audited once per lock, not in a dry run); DB_INVALID with *errors (new,
 * {field, message, row} per closed row, at most 100 listed of *nerrors) or, when an override
 * may not pass, *err filled.  @p each is not called when no lock exists at all.
 */
enum db_rc api_period_lock_rows(struct req *r, struct db *db,
				enum db_rc (*each)(void *src, api_lock_row_fn fn, void *check),
				void *src, json_t **errors, size_t *nerrors,
				struct resource_error *err);

/* ---- reports (api/reports.c, report_writes.c, report_templates.c) ---- */
extern const struct query_spec api_reports_list_query;
extern const struct query_spec api_report_get_query;      /* format=json|md|html */
extern const struct query_spec api_report_drift_query;    /* format=json */
extern const struct query_spec api_report_templates_query;
void api_reports_list(struct req *r);
void api_reports_create(struct req *r);
void api_reports_get(struct req *r);
void api_reports_revisions_list(struct req *r);
void api_reports_revision_get(struct req *r);
void api_reports_revision_open(struct req *r);
void api_reports_section_put(struct req *r);
void api_reports_lock(struct req *r);
void api_reports_drift(struct req *r);
void api_report_templates_list(struct req *r);
void api_report_templates_create(struct req *r);
void api_report_templates_get(struct req *r);
void api_report_templates_put(struct req *r);
/** Loads the demo data set (db_load_demo) and then locks the demo reports it marks, as
 *  `folja demo` does: 1 when loaded, 0 when the database held data already, -1 on error. */
int api_demo_load(struct db *db);

#endif
