/*
 * The routing table: every path Följa answers, in one place.
 *
 * Columns: method, path pattern ({name} is one path segment, handed to the handler as
 * r->params[i] in order), handler (RES rows add the resource declaration the generic verbs of
 * src/api/resource.c serve; MEMO rows are computed reads whose replies are memoised; STREAM
 * rows are imports, read as their body arrives by a struct body_stream instead), who may
 * call it, the body it takes (anything else is 415), the query it takes (folja/query.h;
 * none but ?format=json where not given) and, last, what a token scoped to a unit's subtree
 * may do there (enum scope_rule; RES rows check the record).  Access, body and query are
 * checked on the headers, before any body is read or the handler runs.  Order does not
 * matter: the most specific pattern wins.  tests/test_openapi.c checks that this table and
 * openapi.yaml describe the same paths.
 */
#include "folja/api.h"
#include "folja/resource.h"

#define R(m, p, h, a, b, s) { m, p, h, NULL, a, b, NULL, MEMO_NONE, false, SCOPE_##s, false }
/* A route that takes the query @p q. */
#define RQ(m, p, h, a, b, q, s) { m, p, h, NULL, a, b, &q, MEMO_NONE, false, SCOPE_##s, false }
/* A computed read whose reply is memoised per data version (include/folja/memo.h). */
#define MEMO(p, h, a, q, s) { "GET", p, h, NULL, a, BODY_NONE, &q, MEMO_COMPUTED, false, \
			      SCOPE_##s, false }
/* A route of a versioned resource: the generic verb with the resource's declaration. */
#define RES(m, p, h, res, a, b) { m, p, h, &res, a, b, NULL, MEMO_NONE, false, SCOPE_RECORD, \
				 false }
/* A route of a versioned resource that takes the query @p q. */
#define RESQ(m, p, h, res, a, b, q) { m, p, h, &res, a, b, &q, MEMO_NONE, false, \
				     SCOPE_RECORD, false }
/* The read of one record of a resource whose records any reader may read, memoised too: a
 * record of a sensitive register is read with RES, its text kept no longer than a request. */
#define RESGET(p, res) { "GET", p, api_resource_get, &res, ACCESS_READ, BODY_NONE, NULL, \
			 MEMO_RECORD, false, SCOPE_RECORD, false }
/* A read whose reply changes without the data version: no ETag (folja/cache.h). */
#define LIVE(p, h, a, q, s) { "GET", p, h, NULL, a, BODY_NONE, q, MEMO_NONE, true, \
			      SCOPE_##s, false }
/* A public live GET that reads no table, answered on the event thread (folja/workers.h). */
#define AT_ONCE(p, h) { "GET", p, h, NULL, ACCESS_PUBLIC, BODY_NONE, NULL, MEMO_NONE, true, \
			SCOPE_NONE, true }
/* An import: a POST whose body is read as it arrives by the struct body_stream @p bs (no
 * handler; folja/route.h), up to --max-import-body. */
#define STREAM(p, bs, a, q, s) { "POST", p, NULL, &bs, a, BODY_STREAM, &q, MEMO_NONE, false, \
				 SCOPE_##s, false }

const struct route folja_routes[] = {
	/* operations */
	AT_ONCE("/healthz",                        api_healthz),
	AT_ONCE("/metrics",                        api_metrics),
	R("GET",    "/openapi.yaml",               api_openapi,       ACCESS_PUBLIC, BODY_NONE, NONE),
	RQ("GET",   "/api/v1/audit",               api_audit_list,    ACCESS_ADMIN,  BODY_NONE, api_audit_query, WHOLE),

	RQ("GET",   "/api/v1/changes",             api_changes_list,  ACCESS_READ,   BODY_NONE, api_changes_query, WHOLE),

	/* tokens */
	LIVE("/api/v1/tokens",                     api_tokens_list,   ACCESS_ADMIN,  &api_tokens_query, WHOLE),
	LIVE("/api/v1/tokens/{id}",                api_tokens_get,    ACCESS_ADMIN,  NULL, WHOLE),
	R("DELETE", "/api/v1/tokens/{id}",         api_tokens_revoke, ACCESS_ADMIN,  BODY_NONE, WHOLE),

	/* units */
	RQ("GET",   "/api/v1/units",               api_units_list,    ACCESS_READ,   BODY_NONE, api_units_list_query, LIST),
	RES("POST",   "/api/v1/units",      api_resource_create, folja_units, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/units/{id}", folja_units),
	RES("PATCH",  "/api/v1/units/{id}", api_resource_patch,  folja_units, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/units/{id}", api_resource_delete, folja_units, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/units/{id}/tree",     api_units_tree,    ACCESS_READ,   BODY_NONE, api_csv_query, PATH),

	/* budget */
	RQ("GET",   "/api/v1/budget-lines",        api_budget_lines_list,   ACCESS_READ, BODY_NONE, api_budget_lines_query, LIST),
	RESQ("POST",  "/api/v1/budget-lines",      api_resource_create, folja_budget_lines, ACCESS_EDIT, BODY_JSON, api_lock_override_query),
	STREAM("/api/v1/budget-lines:import",     api_budget_lines_import, ACCESS_EDIT, api_import_lock_query, BODY),
	RESGET("/api/v1/budget-lines/{id}", folja_budget_lines),
	RESQ("PATCH", "/api/v1/budget-lines/{id}", api_resource_patch,  folja_budget_lines, ACCESS_EDIT, BODY_JSON, api_lock_override_query),
	RESQ("DELETE", "/api/v1/budget-lines/{id}", api_resource_delete, folja_budget_lines, ACCESS_EDIT, BODY_NONE, api_lock_override_query),
	MEMO("/api/v1/budget/rollup", api_budget_rollup, ACCESS_READ, api_budget_rollup_query, QUERY),
	R("GET",    "/api/v1/units/{id}/budget-settings", api_budget_settings_get, ACCESS_READ, BODY_NONE, PATH),
	R("PUT",    "/api/v1/units/{id}/budget-settings", api_budget_settings_put, ACCESS_EDIT, BODY_JSON, PATH),

	/* goals and indicators */
	RQ("GET",   "/api/v1/goals",                      api_goals_list,        ACCESS_READ, BODY_NONE, api_goals_list_query, LIST),
	RES("POST",   "/api/v1/goals",      api_resource_create, folja_goals, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/goals/tree", api_goals_tree, ACCESS_READ, api_goals_tree_query, QUERY),
	RESGET("/api/v1/goals/{id}", folja_goals),
	RES("PATCH",  "/api/v1/goals/{id}", api_resource_patch,  folja_goals, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/goals/{id}", api_resource_delete, folja_goals, ACCESS_EDIT, BODY_NONE),
	MEMO("/api/v1/goals/{id}/assessment", api_goals_assessment, ACCESS_READ, api_period_required_query, PATH),
	MEMO("/api/v1/goals/{id}/months", api_goals_months, ACCESS_READ, api_year_query, PATH),
	RQ("GET",   "/api/v1/goals/{id}/assessments",     api_goals_assessments_list, ACCESS_READ, BODY_NONE, api_period_query, PATH),
	RQ("POST",  "/api/v1/goals/{id}/assessments",     api_goals_assessments_create, ACCESS_EDIT, BODY_JSON, api_lock_override_query, PATH),
	RQ("GET",   "/api/v1/indicators",                 api_indicators_list,   ACCESS_READ, BODY_NONE, api_indicators_list_query, LIST),
	RES("POST",   "/api/v1/indicators",      api_resource_create, folja_indicators, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/indicators/{id}", folja_indicators),
	RES("PATCH",  "/api/v1/indicators/{id}", api_resource_patch,  folja_indicators, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/indicators/{id}", api_resource_delete, folja_indicators, ACCESS_EDIT, BODY_NONE),
	MEMO("/api/v1/indicators/{id}/values", api_indicators_values, ACCESS_READ, api_period_query, PATH),
	RQ("PUT",   "/api/v1/indicators/{id}/values/{period}", api_indicators_value_put, ACCESS_EDIT, BODY_JSON, api_lock_override_query, PATH),
	RQ("DELETE", "/api/v1/indicators/{id}/values/{period}", api_indicators_value_delete, ACCESS_EDIT, BODY_NONE, api_lock_override_query, PATH),
	MEMO("/api/v1/indicators/{id}/comparison", api_indicators_comparison, ACCESS_READ, api_year_query, PATH),
	RQ("GET",   "/api/v1/peer-values",                api_peer_values_list,  ACCESS_READ, BODY_NONE, api_peer_values_query, NONE),
	RQ("POST",  "/api/v1/peer-values",                api_peer_values_load,  ACCESS_EDIT, BODY_JSON, api_dry_run_query, WHOLE),

	/* lex Sarah and decisions */
	RQ("GET",   "/api/v1/lex-sarah-reports",         api_lex_sarah_list,     ACCESS_READ_SENSITIVE, BODY_NONE, api_lex_sarah_list_query, QUERY),
	RES("POST",   "/api/v1/lex-sarah-reports",      api_resource_create, folja_lex_sarah_reports, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	MEMO("/api/v1/lex-sarah-reports/summary", api_lex_sarah_summary, ACCESS_READ, api_lex_sarah_summary_query, QUERY),
	RES("GET",    "/api/v1/lex-sarah-reports/{id}", api_resource_get,    folja_lex_sarah_reports, ACCESS_READ_SENSITIVE, BODY_NONE),
	RES("PATCH",  "/api/v1/lex-sarah-reports/{id}", api_resource_patch,  folja_lex_sarah_reports, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	RES("DELETE", "/api/v1/lex-sarah-reports/{id}", api_resource_delete, folja_lex_sarah_reports, ACCESS_EDIT_SENSITIVE, BODY_NONE),
	RQ("GET",   "/api/v1/lex-sarah-categories",      api_lex_sarah_categories_list,   ACCESS_READ, BODY_NONE, api_csv_query, NONE),
	R("POST",   "/api/v1/lex-sarah-categories",      api_lex_sarah_categories_create, ACCESS_EDIT_SENSITIVE, BODY_JSON, WHOLE),
	RQ("GET",   "/api/v1/decisions",                 api_decisions_list,     ACCESS_READ_SENSITIVE, BODY_NONE, api_decisions_list_query, QUERY),
	RES("POST",   "/api/v1/decisions",      api_resource_create, folja_decisions, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	MEMO("/api/v1/decisions/ivo-report", api_decisions_ivo_report, ACCESS_READ_SENSITIVE, api_ivo_report_query, QUERY),
	MEMO("/api/v1/decisions/council-report", api_decisions_council_report, ACCESS_READ, api_council_report_query, QUERY),
	MEMO("/api/v1/decisions/summary", api_decisions_summary, ACCESS_READ, api_decisions_summary_query, QUERY),
	RES("GET",    "/api/v1/decisions/{id}", api_resource_get,    folja_decisions, ACCESS_READ_SENSITIVE, BODY_NONE),
	RES("PATCH",  "/api/v1/decisions/{id}", api_resource_patch,  folja_decisions, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	RES("DELETE", "/api/v1/decisions/{id}", api_resource_delete, folja_decisions, ACCESS_EDIT_SENSITIVE, BODY_NONE),
	RQ("GET",   "/api/v1/decision-insatser",         api_decision_insatser_list,   ACCESS_READ,           BODY_NONE, api_csv_query, NONE),
	R("POST",   "/api/v1/decision-insatser",         api_decision_insatser_create, ACCESS_EDIT_SENSITIVE, BODY_JSON, WHOLE),

	/* the registers the reports need: risks and economic sensitivity, internal control,
	 * audits, actions and their follow-ups (readers read, editors write); complaints,
	 * work-environment incidents and lex Maria (detail with `sensitive`); every summary open
	 * to readers */
	RQ("GET",   "/api/v1/risks",                     api_risks_list,         ACCESS_READ, BODY_NONE, api_risks_list_query, QUERY),
	RES("POST",   "/api/v1/risks",      api_resource_create, folja_risks, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/risks/summary", api_risks_summary, ACCESS_READ, api_risks_summary_query, QUERY),
	RESGET("/api/v1/risks/{id}", folja_risks),
	RES("PATCH",  "/api/v1/risks/{id}", api_resource_patch,  folja_risks, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/risks/{id}", api_resource_delete, folja_risks, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/risk-sensitivities",        api_sensitivities_list, ACCESS_READ, BODY_NONE, api_sensitivities_list_query, QUERY),
	RES("POST",   "/api/v1/risk-sensitivities",      api_resource_create, folja_risk_sensitivities, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/risk-sensitivities/summary", api_sensitivities_summary, ACCESS_READ, api_sensitivities_summary_query, QUERY),
	RESGET("/api/v1/risk-sensitivities/{id}", folja_risk_sensitivities),
	RES("PATCH",  "/api/v1/risk-sensitivities/{id}", api_resource_patch,  folja_risk_sensitivities, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/risk-sensitivities/{id}", api_resource_delete, folja_risk_sensitivities, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/internal-controls",         api_internal_controls_list, ACCESS_READ, BODY_NONE, api_internal_controls_list_query, QUERY),
	RES("POST",   "/api/v1/internal-controls",      api_resource_create, folja_internal_controls, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/internal-controls/summary", api_internal_controls_summary, ACCESS_READ, api_internal_controls_summary_query, QUERY),
	RESGET("/api/v1/internal-controls/{id}", folja_internal_controls),
	RES("PATCH",  "/api/v1/internal-controls/{id}", api_resource_patch,  folja_internal_controls, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/internal-controls/{id}", api_resource_delete, folja_internal_controls, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/audits",                    api_audits_list,        ACCESS_READ, BODY_NONE, api_audits_list_query, QUERY),
	RES("POST",   "/api/v1/audits",      api_resource_create, folja_audits, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/audits/summary", api_audits_summary, ACCESS_READ, api_audits_summary_query, QUERY),
	RESGET("/api/v1/audits/{id}", folja_audits),
	RES("PATCH",  "/api/v1/audits/{id}", api_resource_patch,  folja_audits, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/audits/{id}", api_resource_delete, folja_audits, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/actions",                   api_actions_list,       ACCESS_READ, BODY_NONE, api_actions_list_query, QUERY),
	RES("POST",   "/api/v1/actions",      api_resource_create, folja_actions, ACCESS_EDIT, BODY_JSON),
	MEMO("/api/v1/actions/summary", api_actions_summary, ACCESS_READ, api_actions_summary_query, QUERY),
	RESGET("/api/v1/actions/{id}", folja_actions),
	RES("PATCH",  "/api/v1/actions/{id}", api_resource_patch,  folja_actions, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/actions/{id}", api_resource_delete, folja_actions, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/actions/{id}/follow-ups",   api_follow_ups_list,    ACCESS_READ, BODY_NONE, api_csv_query, PATH),
	R("POST",   "/api/v1/actions/{id}/follow-ups",   api_follow_ups_create,  ACCESS_EDIT, BODY_JSON, PATH),
	R("DELETE", "/api/v1/actions/{id}/follow-ups/{fid}", api_follow_ups_delete, ACCESS_EDIT, BODY_NONE, PATH),
	RQ("GET",   "/api/v1/complaints",                api_complaints_list,    ACCESS_READ_SENSITIVE, BODY_NONE, api_complaints_list_query, QUERY),
	RES("POST",   "/api/v1/complaints",      api_resource_create, folja_complaints, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	MEMO("/api/v1/complaints/summary", api_complaints_summary, ACCESS_READ, api_complaints_summary_query, QUERY),
	RES("GET",    "/api/v1/complaints/{id}", api_resource_get,    folja_complaints, ACCESS_READ_SENSITIVE, BODY_NONE),
	RES("PATCH",  "/api/v1/complaints/{id}", api_resource_patch,  folja_complaints, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	RES("DELETE", "/api/v1/complaints/{id}", api_resource_delete, folja_complaints, ACCESS_EDIT_SENSITIVE, BODY_NONE),
	RQ("GET",   "/api/v1/incidents",                 api_incidents_list,     ACCESS_READ_SENSITIVE, BODY_NONE, api_incidents_list_query, QUERY),
	RES("POST",   "/api/v1/incidents",      api_resource_create, folja_incidents, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	MEMO("/api/v1/incidents/summary", api_incidents_summary, ACCESS_READ, api_incidents_summary_query, QUERY),
	RES("GET",    "/api/v1/incidents/{id}", api_resource_get,    folja_incidents, ACCESS_READ_SENSITIVE, BODY_NONE),
	RES("PATCH",  "/api/v1/incidents/{id}", api_resource_patch,  folja_incidents, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	RES("DELETE", "/api/v1/incidents/{id}", api_resource_delete, folja_incidents, ACCESS_EDIT_SENSITIVE, BODY_NONE),
	RQ("GET",   "/api/v1/lex-maria-reports",         api_lex_maria_list,     ACCESS_READ_SENSITIVE, BODY_NONE, api_lex_maria_list_query, QUERY),
	RES("POST",   "/api/v1/lex-maria-reports",      api_resource_create, folja_lex_maria_reports, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	MEMO("/api/v1/lex-maria-reports/summary", api_lex_maria_summary, ACCESS_READ, api_lex_maria_summary_query, QUERY),
	RES("GET",    "/api/v1/lex-maria-reports/{id}", api_resource_get,    folja_lex_maria_reports, ACCESS_READ_SENSITIVE, BODY_NONE),
	RES("PATCH",  "/api/v1/lex-maria-reports/{id}", api_resource_patch,  folja_lex_maria_reports, ACCESS_EDIT_SENSITIVE, BODY_JSON),
	RES("DELETE", "/api/v1/lex-maria-reports/{id}", api_resource_delete, folja_lex_maria_reports, ACCESS_EDIT_SENSITIVE, BODY_NONE),
	/* statistics */
	RQ("GET",   "/api/v1/statistics",                api_statistics_list,    ACCESS_READ, BODY_NONE, api_statistics_list_query, NONE),
	RES("POST",   "/api/v1/statistics",      api_resource_create, folja_statistics, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/statistics/{id}", folja_statistics),
	RES("PATCH",  "/api/v1/statistics/{id}", api_resource_patch,  folja_statistics, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/statistics/{id}", api_resource_delete, folja_statistics, ACCESS_EDIT, BODY_NONE),
	STREAM("/api/v1/statistics/{id}:import",  api_statistics_import,  ACCESS_EDIT, api_dry_run_query, BODY),
	MEMO("/api/v1/statistics/{id}/table", api_statistics_table, ACCESS_READ, api_statistics_table_query, QUERY),
	MEMO("/api/v1/statistics/{id}/kolada", api_statistics_kolada, ACCESS_READ, api_statistics_kolada_query, QUERY),
	RQ("GET",   "/api/v1/statistic-facts",           api_statistic_facts_list, ACCESS_READ, BODY_NONE, api_statistic_facts_query, QUERY),
	RES("POST",   "/api/v1/statistic-facts",      api_resource_create, folja_statistic_facts, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/statistic-facts/{id}", folja_statistic_facts),
	RES("PATCH",  "/api/v1/statistic-facts/{id}", api_resource_patch,  folja_statistic_facts, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/statistic-facts/{id}", api_resource_delete, folja_statistic_facts, ACCESS_EDIT, BODY_NONE),
	/* economy beyond the operating budget: the budget frame, activity and account code lists */
	MEMO("/api/v1/budget/frame", api_budget_frame, ACCESS_READ, api_budget_frame_query, QUERY),
	RQ("GET",   "/api/v1/activities",          api_activities_list, ACCESS_READ, BODY_NONE, api_budget_codes_query, NONE),
	RES("POST",   "/api/v1/activities",      api_resource_create, folja_activities, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/activities/{id}", folja_activities),
	RES("PATCH",  "/api/v1/activities/{id}", api_resource_patch,  folja_activities, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/activities/{id}", api_resource_delete, folja_activities, ACCESS_EDIT, BODY_NONE),
	RQ("GET",   "/api/v1/accounts",            api_accounts_list,   ACCESS_READ, BODY_NONE, api_budget_codes_query, NONE),
	RES("POST",   "/api/v1/accounts",        api_resource_create, folja_accounts, ACCESS_EDIT, BODY_JSON),
	RESGET("/api/v1/accounts/{id}", folja_accounts),
	RES("PATCH",  "/api/v1/accounts/{id}",   api_resource_patch,  folja_accounts, ACCESS_EDIT, BODY_JSON),
	RES("DELETE", "/api/v1/accounts/{id}",   api_resource_delete, folja_accounts, ACCESS_EDIT, BODY_NONE),
	/* reports, their templates, and period locks */
	RQ("GET",   "/api/v1/period-locks",              api_period_locks_list,   ACCESS_READ,  BODY_NONE, api_period_locks_query, QUERY),
	R("POST",   "/api/v1/period-locks",              api_period_locks_create, ACCESS_ADMIN, BODY_JSON, WHOLE),
	R("GET",    "/api/v1/period-locks/{id}",         api_period_locks_get,    ACCESS_READ,  BODY_NONE, PATH),
	R("DELETE", "/api/v1/period-locks/{id}",         api_period_locks_delete, ACCESS_ADMIN, BODY_NONE, WHOLE),
	RQ("GET",   "/api/v1/report-templates",          api_report_templates_list,   ACCESS_READ, BODY_NONE, api_report_templates_query, NONE),
	R("POST",   "/api/v1/report-templates",          api_report_templates_create, ACCESS_EDIT, BODY_JSON, WHOLE),
	R("GET",    "/api/v1/report-templates/{id}",     api_report_templates_get,    ACCESS_READ, BODY_NONE, NONE),
	R("PUT",    "/api/v1/report-templates/{id}",     api_report_templates_put,    ACCESS_EDIT, BODY_JSON, WHOLE),
	RQ("GET",   "/api/v1/reports",                   api_reports_list,   ACCESS_READ, BODY_NONE, api_reports_list_query, QUERY),
	R("POST",   "/api/v1/reports",                   api_reports_create, ACCESS_EDIT, BODY_JSON, BODY),
	MEMO("/api/v1/reports/{id}", api_reports_get, ACCESS_READ, api_report_get_query, PATH),
	R("POST",   "/api/v1/reports/{id}:lock",         api_reports_lock,   ACCESS_EDIT, BODY_JSON, PATH),
	MEMO("/api/v1/reports/{id}/drift", api_reports_drift, ACCESS_READ, api_report_drift_query, PATH),
	R("GET",    "/api/v1/reports/{id}/revisions",    api_reports_revisions_list, ACCESS_READ, BODY_NONE, PATH),
	R("POST",   "/api/v1/reports/{id}/revisions",    api_reports_revision_open,  ACCESS_EDIT, BODY_JSON, PATH),
	MEMO("/api/v1/reports/{id}/revisions/{n}", api_reports_revision_get, ACCESS_READ, api_report_get_query, PATH),
	R("PUT",    "/api/v1/reports/{id}/sections/{key}", api_reports_section_put, ACCESS_EDIT, BODY_JSON, PATH),

	{ 0 }
};

const size_t folja_route_count = sizeof folja_routes / sizeof folja_routes[0] - 1;
