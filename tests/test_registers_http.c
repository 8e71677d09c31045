/*
 * The registers the reports need over HTTP: tables of request cases for every status each
 * register, its list, its summary and the follow-ups of actions answer (every role boundary,
 * every validation rule, an unknown unit, a dangling origin id of every kind), then what a
 * table cannot show: a personnummer in every text field of every register refused, If-Match
 * and the audit trail, the open actions on a rollup node and a goal assessment, and a
 * decision interrupted, resumed and interrupted again whose quarterly IVO reports stay as they
 * were.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folja/embed.h"
#include "support.h"

#define PNR "Anna 19811218-9876"

/* Every test starts with one unit (id 1). */
static void setup(void)
{
	tsrv_setup();
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
}

/* ==== risks and sensitivity ================================================================ */

#define RISK(extra) "{\"unit_id\":1,\"year\":2021,\"description\":\"Pandemin\"" extra "}"

static const struct http_case risk_cases[] = {
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"type\":\"omvarld\",\"probability\":3,"
	 "\"consequence\":5,\"reviews\":[{\"on\":\"2021-12-31\",\"color\":\"gron\"}]"), 201, NULL,
	 "\"value\":15"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"value\":20"), 201, NULL, "\"value\":20"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"probability\":4,\"consequence\":5,"
	 "\"value\":20"), 201, NULL, "\"probability\":4"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(""), 201, NULL, "\"value\":null"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"probability\":4,\"consequence\":5,"
	 "\"value\":15"), 422, "invalid_input", "is not probability × consequence (4 × 5 = 20)"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"probability\":4"), 422, "invalid_input",
	 "\"field\":\"consequence\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"consequence\":2,\"value\":10"), 422,
	 "invalid_input", "\"field\":\"probability\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"probability\":6,\"consequence\":0"), 422,
	 "invalid_input", "must be from 1 to 5"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"value\":26"), 422, "invalid_input", "value"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"reviews\":[{\"on\":\"2021-06-30\","
	 "\"probability\":2,\"consequence\":2,\"value\":5}]"), 422, "invalid_input",
	 "\"field\":\"reviews[0].value\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"reviews\":[{\"on\":\"2021-06-30\","
	 "\"color\":\"bla\"}]"), 422, "invalid_input", "\"field\":\"reviews[0].color\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"reviews\":[{\"color\":\"gul\"}]"), 422,
	 "invalid_input", "\"field\":\"reviews[0].on\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"reviews\":{}"), 422, "invalid_input",
	 "\"field\":\"reviews\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"reviews\":[1]"), 422, "invalid_input",
	 "must be an object"},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"type\":\"klimat\""), 422, "invalid_input",
	 "\"field\":\"type\""},
	{"POST", "/api/v1/risks", T_EDITOR, RISK(",\"extra\":1"), 422, "invalid_input",
	 "not a known field"},
	{"POST", "/api/v1/risks", T_EDITOR, "{\"unit_id\":99,\"year\":2021,\"description\":\"x\"}",
	 422, "unknown_reference", "unit_id"},
	{"POST", "/api/v1/risks", T_EDITOR, "{}", 422, "invalid_input", "description"},
	{"POST", "/api/v1/risks", T_EDITOR, "{\"unit_id\":1,", 400, "invalid_json", NULL},
	{"POST", "/api/v1/risks", T_READER, RISK(""), 403, "forbidden", NULL},
	{"POST", "/api/v1/risks", T_NONE, RISK(""), 401, "unauthorized", NULL},
	/* lists */
	{"GET", "/api/v1/risks", T_READER, NULL, 200, NULL, "\"total\":4"},
	{"GET", "/api/v1/risks?period=2021-T2&type=omvarld&unit_id=1", T_READER, NULL, 200, NULL,
	 "\"total\":1"},
	{"GET", "/api/v1/risks?period=2020", T_READER, NULL, 200, NULL, "\"total\":0"},
	{"GET", "/api/v1/risks?format=csv", T_READER, NULL, 200, NULL, "description"},
	{"GET", "/api/v1/risks?format=csv&columns=id,value&headers=sv", T_READER, NULL, 200, NULL,
	 "id;Värde"},
	{"GET", "/api/v1/risks?unit_id=99", T_READER, NULL, 404, "not_found", "unit_id"},
	{"GET", "/api/v1/risks?period=2021-Q5", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/risks?type=klimat", T_READER, NULL, 400, "invalid_query", "type"},
	{"GET", "/api/v1/risks", T_NONE, NULL, 401, "unauthorized", NULL},
	{"GET", "/api/v1/risks/1", T_READER, NULL, 200, NULL, "\"color\":\"gron\""},
	{"GET", "/api/v1/risks/99", T_READER, NULL, 404, "not_found", NULL},
	/* patch: the factors and the value go together */
	{"PATCH", "/api/v1/risks/1", T_EDITOR, "{\"probability\":4}", 422, "invalid_input",
	 "(4 × 5 = 20)"},
	{"PATCH", "/api/v1/risks/1", T_EDITOR, "{\"probability\":4,\"value\":null}", 200, NULL,
	 "\"value\":20"},
	{"PATCH", "/api/v1/risks/1", T_EDITOR, "{\"reviews\":[]}", 200, NULL, "\"reviews\":[]"},
	{"PATCH", "/api/v1/risks/99", T_EDITOR, "{}", 404, "not_found", NULL},
	{"PATCH", "/api/v1/risks/1", T_READER, "{}", 403, "forbidden", NULL},
	/* summary */
	{"GET", "/api/v1/risks/summary?period=2021", T_READER, NULL, 200, NULL, "\"total\":4"},
	{"GET", "/api/v1/risks/summary?period=2021&scale=tkr&top=1&unit_id=1", T_READER, NULL, 200,
	 NULL, "\"scale\":\"tkr\""},
	{"GET", "/api/v1/risks/summary", T_READER, NULL, 400, "invalid_period", "period"},
	{"GET", "/api/v1/risks/summary?period=2021&unit_id=99", T_READER, NULL, 404, "not_found",
	 NULL},
	{"GET", "/api/v1/risks/summary?period=2021&top=0", T_READER, NULL, 400, "invalid_query",
	 NULL},
	{"GET", "/api/v1/risks/summary?period=2021", T_NONE, NULL, 401, "unauthorized", NULL},
	/* delete */
	{"DELETE", "/api/v1/risks/4", T_READER, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/risks/4", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/risks/4", T_EDITOR, NULL, 404, "not_found", NULL},
	{"DELETE", "/api/v1/units/1", T_ADMIN, NULL, 409, "referenced", NULL},
	{"PUT", "/api/v1/risks/1", T_EDITOR, "{}", 405, "method_not_allowed", NULL},
};

START_TEST(risks_table)
{
	RUN_CASES(risk_cases);
}
END_TEST

#define SENS(extra) "{\"unit_id\":1,\"period\":\"2017-T1\",\"description\":\"Volym\"" extra "}"

static const struct http_case sensitivity_cases[] = {
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(",\"amount_kr\":-1500000"), 201, NULL,
	 "\"amount_kr\":-1500000"},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(",\"amount_kr\":-3000000"), 201, NULL,
	 NULL},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(",\"amount_kr\":1000000"), 201, NULL,
	 NULL},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(",\"amount_kr\":1.5"), 422,
	 "invalid_input", "whole number"},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(",\"amount_kr\":9000000000000001"),
	 422, "invalid_input", "amount_kr"},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, "{\"unit_id\":1,\"period\":\"2017-T4\","
	 "\"description\":\"x\",\"amount_kr\":1}", 422, "invalid_input", "\"field\":\"period\""},
	{"POST", "/api/v1/risk-sensitivities", T_EDITOR, SENS(""), 422, "invalid_input",
	 "amount_kr"},
	{"POST", "/api/v1/risk-sensitivities", T_READER, SENS(",\"amount_kr\":1"), 403, "forbidden",
	 NULL},
	{"GET", "/api/v1/risk-sensitivities?period=2017", T_READER, NULL, 200, NULL,
	 "\"total\":3"},
	{"GET", "/api/v1/risk-sensitivities?period=2017-T2", T_READER, NULL, 200, NULL,
	 "\"total\":0"},
	{"GET", "/api/v1/risk-sensitivities?format=csv", T_READER, NULL, 200, NULL, "amount_kr"},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-T1&scale=tkr", T_READER, NULL, 200,
	 NULL, "\"positive\":1000,\"negative\":-4500,\"net\":-3500"},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-06", T_READER, NULL, 200, NULL,
	 "\"analysis_period\":\"2017-T1\""},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-03", T_READER, NULL, 200, NULL,
	 "\"analysis_period\":null"},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-T1&scale=dkr", T_READER, NULL, 400,
	 "invalid_query", "scale"},
	{"PATCH", "/api/v1/risk-sensitivities/3", T_EDITOR, "{\"period\":\"2017-T2\"}", 200, NULL,
	 "\"period\":\"2017-T2\""},
	{"GET", "/api/v1/risk-sensitivities/summary?period=2017-T2&scale=mnkr", T_READER, NULL, 200,
	 NULL, "\"positive\":1,\"negative\":0"},
	{"DELETE", "/api/v1/risk-sensitivities/3", T_EDITOR, NULL, 204, NULL, NULL},
	{"GET", "/api/v1/risk-sensitivities/3", T_READER, NULL, 404, "not_found", NULL},
};

START_TEST(sensitivities_table)
{
	RUN_CASES(sensitivity_cases);
}
END_TEST

/* A sum beyond the range of amounts is 422, told apart from out of memory. */
START_TEST(sensitivity_overflow)
{
	create("/api/v1/risk-sensitivities", SENS(",\"amount_kr\":9000000000000000"));
	create("/api/v1/risk-sensitivities", SENS(",\"amount_kr\":9000000000000000"));
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/risk-sensitivities/summary?period=2017-T1", T_READER,
			     NULL, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "out_of_range"));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/risks/summary?period=2017", T_READER, NULL, &r), 422);
	tresp_free(&r);
}
END_TEST

/* ==== internal control and audits ========================================================= */

#define CONTROL(extra) "{\"unit_id\":1,\"year\":2017,\"process\":\"Utbetalning\"," \
	"\"control\":\"Stickprov\"" extra "}"

static const struct http_case control_cases[] = {
	{"POST", "/api/v1/risks", T_EDITOR, "{\"unit_id\":1,\"year\":2017,\"description\":\"R\"}",
	 201, NULL, NULL},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"risk_id\":1,\"results\":"
	 "[{\"period\":\"2017-T2\",\"result\":\"med_avvikelse\",\"findings\":\"Två fel\"}]"), 201,
	 NULL, "\"result\":\"med_avvikelse\""},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(""), 201, NULL, "\"results\":[]"},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"risk_id\":99"), 422,
	 "unknown_reference", "risk_id"},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"results\":[{\"period\":"
	 "\"2016-T2\",\"result\":\"med_avvikelse\"}]"), 422, "invalid_input",
	 "not a period of the control's year"},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"results\":[{\"period\":"
	 "\"2017-T2\",\"result\":\"ok\"}]"), 422, "invalid_input", "results[0].result"},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"results\":[{\"period\":"
	 "\"2017-T2\",\"result\":\"ej_genomford\"},{\"period\":\"2017-T2\",\"result\":"
	 "\"ej_genomford\"}]"), 422, "invalid_input", "has a result already"},
	{"POST", "/api/v1/internal-controls", T_EDITOR, CONTROL(",\"results\":[{\"period\":"
	 "\"x\",\"result\":\"ej_genomford\"}]"), 422, "invalid_input", "results[0].period"},
	{"POST", "/api/v1/internal-controls", T_READER, CONTROL(""), 403, "forbidden", NULL},
	{"GET", "/api/v1/internal-controls?period=2017&process=Utbetalning", T_READER, NULL, 200,
	 NULL, "\"total\":2"},
	{"GET", "/api/v1/internal-controls?format=csv", T_READER, NULL, 200, NULL, "process"},
	{"GET", "/api/v1/internal-controls/summary?period=2017-T1", T_READER, NULL, 200, NULL,
	 "\"controls\":2,\"with_risk\":1,\"done\":0"},
	{"GET", "/api/v1/internal-controls/summary?period=2017-T2", T_READER, NULL, 200, NULL,
	 "\"with_deviations\":1,\"not_done\":0,\"not_followed_up\":1"},
	{"DELETE", "/api/v1/risks/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/internal-controls/1", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/risks/1", T_EDITOR, NULL, 204, NULL, NULL},
};

START_TEST(controls_table)
{
	RUN_CASES(control_cases);
}
END_TEST

#define AUDIT(extra) "{\"unit_id\":1,\"kind\":\"ivo\",\"subject\":\"Stödboenden\"" extra "}"

static const struct http_case audit_cases[] = {
	{"POST", "/api/v1/audits", T_EDITOR, AUDIT(",\"done_on\":\"2018-05-03\",\"findings\":"
	 "\"Dokumentation\""), 201, NULL, "\"kind\":\"ivo\""},
	{"POST", "/api/v1/audits", T_EDITOR, "{\"unit_id\":1,\"kind\":\"avtal\",\"subject\":"
	 "\"Missbruksvård\",\"done_on\":\"2018-06-15\"}", 201, NULL, NULL},
	{"POST", "/api/v1/audits", T_EDITOR, AUDIT(""), 422, "invalid_input", "done_on"},
	{"POST", "/api/v1/audits", T_EDITOR, AUDIT(",\"done_on\":\"2018-02-30\""), 422,
	 "invalid_input", "YYYY-MM-DD"},
	{"POST", "/api/v1/audits", T_EDITOR, "{\"unit_id\":1,\"kind\":\"tillsyn\",\"subject\":"
	 "\"x\",\"done_on\":\"2018-05-03\"}", 422, "invalid_input", "\"field\":\"kind\""},
	{"GET", "/api/v1/audits?period=2018-Q2&kind=ivo", T_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/audits/summary?period=2018", T_READER, NULL, 200, NULL,
	 "\"total\":2,\"with_findings\":1,\"actions\":0"},
	{"POST", "/api/v1/actions", T_EDITOR, "{\"unit_id\":1,\"title\":\"Förbättra dokumentation\","
	 "\"origin\":{\"kind\":\"audit\",\"id\":1}}", 201, NULL, NULL},
	{"GET", "/api/v1/audits/summary?period=2018-T1&cumulative=true", T_READER, NULL, 200, NULL,
	 "\"total\":0"},
	{"GET", "/api/v1/audits/summary?period=2018", T_READER, NULL, 200, NULL,
	 "\"actions\":1,\"actions_open\":1"},
	{"DELETE", "/api/v1/audits/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/audits/2", T_EDITOR, NULL, 204, NULL, NULL},
};

START_TEST(audits_table)
{
	RUN_CASES(audit_cases);
}
END_TEST

/* ==== actions ============================================================================= */

#define ACTION(origin, extra) "{\"unit_id\":1,\"title\":\"Åtgärd\",\"origin\":" origin extra "}"

static const struct http_case action_cases[] = {
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"budget\",\"id\":1}",
	 ",\"decided_on\":\"2021-01-10\",\"due_on\":\"2021-06-30\",\"owner\":\"Chef\","
	 "\"effect_planned_kr\":2000000"), 201, NULL, "\"status\":\"planerad\""},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"committee\"}",
	 ",\"decision_ref\":\"SN 2021-03-29 § 12\",\"status\":\"pagaende\""), 201, NULL,
	 "\"origin\":{\"kind\":\"committee\",\"id\":null}"},
	/* a dangling origin id of every kind */
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"budget\",\"id\":99}", ""), 422,
	 "unknown_reference", "names no unit"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"goal\",\"id\":99}", ""), 422,
	 "unknown_reference", "names no goal"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"risk\",\"id\":99}", ""), 422,
	 "unknown_reference", "\"field\":\"origin.id\""},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"internal_control\",\"id\":99}",
	 ""), 422, "unknown_reference", "names no internal_control"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"lex_sarah\",\"id\":99}", ""), 422,
	 "unknown_reference", "names no lex_sarah"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"audit\",\"id\":99}", ""), 422,
	 "unknown_reference", "names no audit"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"committee\",\"id\":1}", ""), 422,
	 "invalid_input", "give decision_ref instead"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"ekonomi\"}", ""), 422,
	 "invalid_input", "\"field\":\"origin.kind\""},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"id\":1}", ""), 422, "invalid_input",
	 "origin.kind"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("[]", ""), 422, "invalid_input",
	 "must be an object"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"budget\",\"id\":1,\"x\":2}", ""),
	 422, "invalid_input", "origin.x"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"budget\"}",
	 ",\"decided_on\":\"2021-05-01\",\"due_on\":\"2021-04-30\""), 422, "invalid_input",
	 "is before decided_on"},
	{"POST", "/api/v1/actions", T_EDITOR, ACTION("{\"kind\":\"budget\"}",
	 ",\"status\":\"klar\""), 422, "invalid_input", "\"field\":\"status\""},
	{"POST", "/api/v1/actions", T_EDITOR, "{\"unit_id\":1,\"title\":\"x\"}", 422,
	 "invalid_input", "\"field\":\"origin\""},
	{"POST", "/api/v1/actions", T_READER, ACTION("{\"kind\":\"budget\"}", ""), 403, "forbidden",
	 NULL},
	/* lists */
	{"GET", "/api/v1/actions?origin=budget&status=planerad&period=2021", T_READER, NULL, 200,
	 NULL, "\"total\":1"},
	{"GET", "/api/v1/actions?status=klar", T_READER, NULL, 400, "invalid_query", "status"},
	{"GET", "/api/v1/actions?format=csv", T_READER, NULL, 200, NULL, "origin"},
	/* follow-ups */
	{"POST", "/api/v1/actions/1/follow-ups", T_EDITOR, "{\"on\":\"2021-03-31\",\"text\":"
	 "\"Påbörjad\",\"status\":\"pagaende\"}", 201, NULL, "\"status\":\"pagaende\""},
	{"POST", "/api/v1/actions/1/follow-ups", T_EDITOR, "{\"on\":\"2021-09-30\",\"text\":"
	 "\"Klar\",\"status\":\"genomford\"}", 201, NULL, NULL},
	{"POST", "/api/v1/actions/1/follow-ups", T_EDITOR, "{\"on\":\"2021-09-30\",\"text\":"
	 "\"x\",\"status\":\"klar\"}", 422, "invalid_input", "status"},
	{"POST", "/api/v1/actions/1/follow-ups", T_EDITOR, "{\"text\":\"x\",\"status\":"
	 "\"pagaende\"}", 422, "invalid_input", "\"field\":\"on\""},
	{"POST", "/api/v1/actions/99/follow-ups", T_EDITOR, "{\"on\":\"2021-09-30\",\"text\":\"x\","
	 "\"status\":\"pagaende\"}", 404, "not_found", NULL},
	{"POST", "/api/v1/actions/1/follow-ups", T_READER, "{}", 403, "forbidden", NULL},
	{"POST", "/api/v1/actions/1/follow-ups", T_EDITOR, "nope", 400, "invalid_json", NULL},
	{"GET", "/api/v1/actions/1/follow-ups", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/actions/1/follow-ups?format=csv", T_READER, NULL, 200, NULL, "text"},
	{"GET", "/api/v1/actions/99/follow-ups", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/actions/1", T_READER, NULL, 200, NULL, "\"version\":3"},
	/* the summary: overdue at the end of July, done by the end of September */
	{"GET", "/api/v1/actions/summary?period=2021-07", T_READER, NULL, 200, NULL,
	 "\"overdue_count\":1"},
	{"GET", "/api/v1/actions/summary?period=2021-09&cumulative=true", T_READER, NULL, 200, NULL,
	 "\"overdue_count\":0"},
	{"GET", "/api/v1/actions/summary?period=2021", T_READER, NULL, 200, NULL,
	 "\"planned_kr\":2000000"},
	{"DELETE", "/api/v1/actions/1/follow-ups/2", T_READER, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/actions/1/follow-ups/2", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/actions/1/follow-ups/2", T_EDITOR, NULL, 404, "not_found", NULL},
	{"DELETE", "/api/v1/actions/2/follow-ups/1", T_EDITOR, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/actions/summary?period=2021-09", T_READER, NULL, 200, NULL,
	 "\"overdue_count\":1"},
	/* the unit the budget origin names cannot go while the action points at it */
	{"DELETE", "/api/v1/units/1", T_ADMIN, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/actions/1", T_EDITOR, NULL, 204, NULL, NULL},
	{"GET", "/api/v1/actions/1/follow-ups", T_READER, NULL, 404, "not_found", NULL},
};

START_TEST(actions_table)
{
	RUN_CASES(action_cases);
}
END_TEST

/* ==== complaints, incidents, lex Maria: detail needs `sensitive` =========================== */

#define COMPLAINT(extra) "{\"unit_id\":1,\"received_on\":\"2017-02-01\",\"kind\":\"klagomal\"" \
	extra "}"

static const struct http_case complaint_cases[] = {
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, COMPLAINT(",\"handled_on\":\"2017-02-11\","
	 "\"outcome\":\"ej_atgardat\",\"channel\":\"e-post\",\"category\":\"Bemötande\""), 201, NULL,
	 "\"outcome\":\"ej_atgardat\""},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, COMPLAINT(""), 201, NULL, NULL},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, COMPLAINT(",\"handled_on\":\"2017-01-31\","
	 "\"outcome\":\"atgardat\""), 422, "invalid_input", "is before received_on"},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, COMPLAINT(",\"handled_on\":\"2017-03-01\""),
	 422, "invalid_input", "\"field\":\"outcome\""},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, COMPLAINT(",\"outcome\":\"atgardat\""), 422,
	 "invalid_input", "\"field\":\"handled_on\""},
	{"POST", "/api/v1/complaints", T_SENS_EDITOR, "{\"unit_id\":1,\"received_on\":"
	 "\"2017-02-01\",\"kind\":\"klagan\"}", 422, "invalid_input", "\"field\":\"kind\""},
	{"POST", "/api/v1/complaints", T_EDITOR, COMPLAINT(""), 403, "forbidden", "sensitive"},
	{"POST", "/api/v1/complaints", T_SENS_READER, COMPLAINT(""), 403, "forbidden", NULL},
	{"GET", "/api/v1/complaints", T_SENS_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/complaints?kind=klagomal&outcome=ej_atgardat&period=2017-02", T_SENS_READER,
	 NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/complaints?format=csv", T_SENS_READER, NULL, 200, NULL, "received_on"},
	{"GET", "/api/v1/complaints", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/complaints/1", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/complaints/1", T_SENS_READER, NULL, 200, NULL, "\"synthetic\":false"},
	{"GET", "/api/v1/complaints/summary?period=2017-T1", T_READER, NULL, 200, NULL,
	 "\"total\":2,\"handled\":1,\"open\":1"},
	{"GET", "/api/v1/complaints/summary?period=2017-T1", T_READER, NULL, 200, NULL,
	 "\"open_items\":null"},
	{"GET", "/api/v1/complaints/summary?period=2017-T1", T_SENS_READER, NULL, 200, NULL,
	 "\"open_items\":[2]"},
	{"GET", "/api/v1/complaints/summary?period=2017-T1&group_by=category", T_READER, NULL, 200,
	 NULL, "\"key\":\"Bemötande\""},
	{"GET", "/api/v1/complaints/summary?period=2017-T1&group_by=kind", T_READER, NULL, 400,
	 "invalid_query", "group_by"},
	{"PATCH", "/api/v1/complaints/2", T_SENS_EDITOR, "{\"handled_on\":\"2017-05-02\","
	 "\"outcome\":\"atgardat\"}", 200, NULL, "\"version\":2"},
	{"GET", "/api/v1/complaints/summary?period=2017-05", T_READER, NULL, 200, NULL,
	 "\"open_items_count\":0"},
	{"PATCH", "/api/v1/complaints/2", T_EDITOR, "{}", 403, "forbidden", NULL},
	{"DELETE", "/api/v1/complaints/2", T_EDITOR, NULL, 403, "forbidden", NULL},
	{"DELETE", "/api/v1/complaints/2", T_SENS_EDITOR, NULL, 204, NULL, NULL},
};

START_TEST(complaints_table)
{
	RUN_CASES(complaint_cases);
}
END_TEST

#define INCIDENT(extra) "{\"unit_id\":1,\"occurred_on\":\"2017-02-01\"" extra "}"

static const struct http_case incident_cases[] = {
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, INCIDENT(",\"kind\":\"tillbud\",\"category\":"
	 "\"Hot och våld\""), 201, NULL, "\"status\":\"anmald\""},
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, INCIDENT(",\"kind\":\"olycksfall\",\"status\":"
	 "\"utredd\",\"reported_to_authority_on\":\"2017-02-03\""), 201, NULL, NULL},
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, INCIDENT(",\"kind\":\"fardolycksfall\","
	 "\"reported_to_authority_on\":\"2017-01-03\""), 422, "invalid_input",
	 "is before occurred_on"},
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, INCIDENT(",\"kind\":\"brand\""), 422,
	 "invalid_input", "\"field\":\"kind\""},
	{"POST", "/api/v1/incidents", T_SENS_EDITOR, INCIDENT(",\"kind\":\"tillbud\",\"status\":"
	 "\"stangd\""), 422, "invalid_input", "\"field\":\"status\""},
	{"POST", "/api/v1/incidents", T_EDITOR, INCIDENT(",\"kind\":\"tillbud\""), 403, "forbidden",
	 NULL},
	{"GET", "/api/v1/incidents?kind=tillbud", T_SENS_READER, NULL, 200, NULL, "\"total\":1"},
	{"GET", "/api/v1/incidents?status=utredd&period=2017-T1", T_SENS_READER, NULL, 200, NULL,
	 "\"total\":1"},
	{"GET", "/api/v1/incidents", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/incidents/summary?period=2017-T1", T_READER, NULL, 200, NULL,
	 "\"total\":2,\"tillbud\":1,\"olycksfall\":1"},
	{"GET", "/api/v1/incidents/summary?period=2017-T1", T_READER, NULL, 200, NULL,
	 "\"reported_to_authority\":1"},
	{"GET", "/api/v1/incidents/summary?period=2017-T1&group_by=category", T_READER, NULL, 200,
	 NULL, "\"key\":\"Hot och våld\""},
	{"GET", "/api/v1/incidents/summary?period=2017-T2", T_READER, NULL, 200, NULL,
	 "\"total\":0"},
	{"DELETE", "/api/v1/incidents/1", T_SENS_EDITOR, NULL, 204, NULL, NULL},
};

START_TEST(incidents_table)
{
	RUN_CASES(incident_cases);
}
END_TEST

#define LM(extra) "{\"unit_id\":1,\"category\":\"fall\",\"harm\":\"vardskada\"" extra "}"

static const struct http_case lex_maria_cases[] = {
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, LM(",\"occurred_on\":\"2017-02-01\","
	 "\"notified_on\":\"2017-02-08\""), 201, NULL, "\"harm\":\"vardskada\""},
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, LM(",\"notified_on\":\"2017-05-02\","
	 "\"investigation_done_on\":\"2017-07-03\""), 201, NULL, NULL},
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, LM(""), 422, "invalid_input",
	 "notified_on"},
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, LM(",\"notified_on\":\"2017-02-01\","
	 "\"occurred_on\":\"2017-02-02\""), 422, "invalid_input", "is after notified_on"},
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, LM(",\"notified_on\":\"2017-02-01\","
	 "\"investigation_done_on\":\"2017-01-02\""), 422, "invalid_input",
	 "is before notified_on"},
	{"POST", "/api/v1/lex-maria-reports", T_SENS_EDITOR, "{\"unit_id\":1,\"category\":\"fall\","
	 "\"harm\":\"skada\",\"notified_on\":\"2017-02-01\"}", 422, "invalid_input", "harm"},
	{"POST", "/api/v1/lex-maria-reports", T_EDITOR, LM(",\"notified_on\":\"2017-02-01\""), 403,
	 "forbidden", NULL},
	{"GET", "/api/v1/lex-maria-reports?harm=vardskada&period=2017-Q1", T_SENS_READER, NULL, 200,
	 NULL, "\"total\":1"},
	{"GET", "/api/v1/lex-maria-reports/1", T_READER, NULL, 403, "forbidden", NULL},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017-Q1", T_READER, NULL, 200, NULL,
	 "\"total\":1,\"open_investigations_count\":1"},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017-Q2", T_READER, NULL, 200, NULL,
	 "\"total\":1"},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017-Q2&cumulative=true", T_READER, NULL,
	 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017-Q3&cumulative=true", T_SENS_READER,
	 NULL, 200, NULL, "\"open_investigations\":[1]"},
	{"GET", "/api/v1/lex-maria-reports/summary?period=2017&group_by=unit", T_READER, NULL, 200,
	 NULL, "\"key\":\"E\""},
	{"DELETE", "/api/v1/lex-maria-reports/2", T_SENS_EDITOR, NULL, 204, NULL, NULL},
};

START_TEST(lex_maria_table)
{
	RUN_CASES(lex_maria_cases);
}
END_TEST

/* ==== a personnummer in every text field of every register ================================ */

/* A valid body of each register and the path of each of its text fields (a.b[0].c). */
static const struct {
	const char *path;
	const char *body;
	const char *fields[8];
} text_fields[] = {
	{"/api/v1/risks", RISK(",\"owner\":\"Chef\",\"measures\":\"M\",\"reviews\":[{\"on\":"
	 "\"2021-06-30\",\"comment\":\"C\"}]"),
	 {"description", "measures", "owner", "reviews.0.comment", NULL}},
	{"/api/v1/risk-sensitivities", SENS(",\"amount_kr\":1"), {"description", "period", NULL}},
	{"/api/v1/internal-controls", CONTROL(",\"method\":\"M\",\"frequency\":\"F\","
	 "\"responsible\":\"R\",\"results\":[{\"period\":\"2017-T1\",\"result\":\"med_avvikelse\","
	 "\"findings\":\"F\"}]"),
	 {"process", "control", "method", "frequency", "responsible", "results.0.findings",
	  "results.0.period", NULL}},
	{"/api/v1/audits", AUDIT(",\"done_on\":\"2018-05-03\",\"findings\":\"F\""),
	 {"subject", "findings", NULL}},
	{"/api/v1/actions", ACTION("{\"kind\":\"committee\"}", ",\"description\":\"D\","
	 "\"decision_ref\":\"R\",\"owner\":\"O\""),
	 {"title", "description", "decision_ref", "owner", NULL}},
	{"/api/v1/actions/1/follow-ups", "{\"on\":\"2021-03-31\",\"text\":\"T\",\"status\":"
	 "\"pagaende\"}", {"text", NULL}},
	{"/api/v1/complaints", COMPLAINT(",\"channel\":\"C\",\"category\":\"K\",\"summary\":\"S\""),
	 {"channel", "category", "summary", NULL}},
	{"/api/v1/incidents", INCIDENT(",\"kind\":\"tillbud\",\"category\":\"K\",\"summary\":\"S\""),
	 {"category", "summary", NULL}},
	{"/api/v1/lex-maria-reports", LM(",\"notified_on\":\"2017-02-08\",\"summary\":\"S\","
	 "\"measures\":\"M\""), {"category", "summary", "measures", NULL}},
	{"/api/v1/decisions", "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":\"missbruk\","
	 "\"insats\":\"kontaktperson\",\"decided_on\":\"2021-03-15\",\"gender\":\"M\","
	 "\"reference\":\"R\",\"delay_reason\":\"D\",\"measures\":\"M\"}",
	 {"reference", "delay_reason", "measures", NULL}},
};

/* @p body with the text at @p path replaced by a personnummer; a new string to free. */
static char *with_pnr(const char *body, const char *path)
{
	json_t *root = json_loads(body, 0, NULL), *at = root;
	char key[64];
	ck_assert_ptr_nonnull(root);
	for (const char *p = path; at;) {
		size_t n = strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		if (!p[n])
			break;
		at = json_is_array(at) ? json_array_get(at, (size_t)atoi(key)) :
		     json_object_get(at, key);
		p += n + 1;
	}
	ck_assert_ptr_nonnull(at);
	json_object_set_new(at, key, json_string(PNR));
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return text;
}

/* The problem's field name for @p path: a.0.b is a[0].b. */
static void field_name(const char *path, char *out, size_t cap)
{
	size_t o = 0;
	for (const char *p = path; *p && o + 4 < cap; p++) {
		if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
			out[o++] = '[';
			for (p++; *p >= '0' && *p <= '9'; p++)
				out[o++] = *p;
			out[o++] = ']';
			p--;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

START_TEST(pnr_in_every_text_field)
{
	create("/api/v1/actions", ACTION("{\"kind\":\"committee\"}", ""));
	int checked = 0;
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		struct tresp r;
		/* the body is valid as it stands */
		ck_assert_msg(req("POST", text_fields[i].path, T_SENS_EDITOR, text_fields[i].body,
				  &r) == 201, "%s: %s", text_fields[i].path, r.body);
		tresp_free(&r);
		for (int f = 0; text_fields[i].fields[f]; f++) {
			char *body = with_pnr(text_fields[i].body, text_fields[i].fields[f]);
			char field[64], want[96];
			field_name(text_fields[i].fields[f], field, sizeof field);
			snprintf(want, sizeof want, "\"field\":\"%s\"", field);
			int status = req("POST", text_fields[i].path, T_SENS_EDITOR, body, &r);
			ck_assert_msg(status == 422 && strstr(r.body, want) &&
				      (strstr(r.body, "personnummer") || strstr(r.body, "period")),
				      "%s %s: %d %s", text_fields[i].path, field, status, r.body);
			tresp_free(&r);
			free(body);
			checked++;
		}
	}
	ck_assert_int_ge(checked, 30);
}
END_TEST

/* ==== If-Match and the audit trail ======================================================== */

START_TEST(if_match_and_audit)
{
	char hdr[768], out[4096];
	struct tresp r;
	create("/api/v1/risks", RISK(",\"value\":12"));
	snprintf(hdr, sizeof hdr, "PATCH /api/v1/risks/1 HTTP/1.1\r\nHost: x\r\n"
		 "Connection: close\r\nAuthorization: Bearer %s\r\nIf-Match: \"1\"\r\n"
		 "Content-Type: application/json\r\nContent-Length: 12\r\n\r\n"
		 "{\"value\":16}", T.token[T_EDITOR]);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, "200 OK") && strstr(out, "ETag: \"2\""), "%s", out);
	http_raw(hdr, strlen(hdr), out, sizeof out, 5000);
	ck_assert_msg(strstr(out, " 412 ") && strstr(out, "stale_version"), "%s", out);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=risk&entity_id=1", T_ADMIN, NULL, &r),
			 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"total\":2"));
	tresp_free(&r);
	/* a complaint's entries are sensitive: an admin without `sensitive` does not see them */
	create("/api/v1/complaints", COMPLAINT(""));
	create("/api/v1/actions", ACTION("{\"kind\":\"committee\"}", ""));
	create("/api/v1/actions/1/follow-ups", "{\"on\":\"2021-03-31\",\"text\":\"T\",\"status\":"
	       "\"pagaende\"}");
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=complaint", T_ADMIN, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"total\":1"));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=complaint", T_PLAIN_ADMIN, NULL, &r),
			 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"total\":0"));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit?entity=action_follow_up", T_PLAIN_ADMIN, NULL,
			     &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"total\":1"));
	tresp_free(&r);
}
END_TEST

/* ==== every register: filters and the audit trail ======================================== */

/* Each register: a valid body (unit 1), a change, the period its record falls in and one it
 * does not, its audit entity, and whether its entries need `sensitive`. */
static const struct {
	const char *path, *body, *patch, *in, *out, *entity;
	bool sensitive;
} registers[] = {
	{"/api/v1/risks", RISK(",\"value\":12"), "{\"owner\":\"Chef\"}", "2021", "2020", "risk",
	 false},
	{"/api/v1/risk-sensitivities", SENS(",\"amount_kr\":1"), "{\"amount_kr\":2}", "2017",
	 "2016", "risk_sensitivity", false},
	{"/api/v1/internal-controls", CONTROL(""), "{\"method\":\"M\"}", "2017", "2016",
	 "internal_control", false},
	{"/api/v1/audits", AUDIT(",\"done_on\":\"2018-05-03\""), "{\"findings\":\"F\"}", "2018",
	 "2017", "audit", false},
	{"/api/v1/actions", ACTION("{\"kind\":\"committee\"}", ",\"decided_on\":\"2021-01-10\""),
	 "{\"owner\":\"O\"}", "2021", "2020", "action", false},
	{"/api/v1/complaints", COMPLAINT(""), "{\"category\":\"K\"}", "2017", "2016", "complaint",
	 true},
	{"/api/v1/incidents", INCIDENT(",\"kind\":\"tillbud\""), "{\"summary\":\"S\"}", "2017",
	 "2016", "incident", true},
	{"/api/v1/lex-maria-reports", LM(",\"notified_on\":\"2017-02-08\""), "{\"summary\":\"S\"}",
	 "2017", "2016", "lex_maria_report", true},
};

/* The list's total for @p query (after "?"). */
static json_int_t list_total(const char *path, const char *query)
{
	struct tresp r;
	char url[160];
	snprintf(url, sizeof url, "%s?%s", path, query);
	ck_assert_msg(req("GET", url, T_SENS_READER, NULL, &r) == 200, "%s: %s", url, r.body);
	json_int_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

/* The audit entries of one record as @p tok reads them. */
static json_int_t audit_total(enum tok tok, const char *entity, int64_t id)
{
	struct tresp r;
	char url[128];
	snprintf(url, sizeof url, "/api/v1/audit?entity=%s&entity_id=%lld", entity, (long long)id);
	ck_assert_int_eq(req("GET", url, tok, NULL, &r), 200);
	json_int_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

/* Every register's list filters by unit (its subtree) and period, and every create, change and
 * delete leaves an audit entry, hidden from an admin without `sensitive` where the register's
 * detail is sensitive. */
START_TEST(every_register_filters_and_is_audited)
{
	create("/api/v1/units", "{\"code\":\"F\",\"name\":\"Annan\",\"kind\":\"enhet\"}");
	for (size_t i = 0; i < sizeof registers / sizeof registers[0]; i++) {
		struct tresp r;
		char url[96], q[64];
		const char *p = registers[i].path;
		ck_assert_msg(req("POST", p, T_SENS_EDITOR, registers[i].body, &r) == 201, "%s: %s",
			      p, r.body);
		int64_t id = json_integer_value(json_object_get(r.json, "id"));
		tresp_free(&r);
		snprintf(url, sizeof url, "%s/%lld", p, (long long)id);
		ck_assert_msg(req("PATCH", url, T_SENS_EDITOR, registers[i].patch, &r) == 200,
			      "%s: %s", url, r.body);
		tresp_free(&r);
		snprintf(q, sizeof q, "unit_id=1&period=%s", registers[i].in);
		ck_assert_msg(list_total(p, q) == 1, "%s?%s", p, q);
		snprintf(q, sizeof q, "unit_id=2&period=%s", registers[i].in);
		ck_assert_msg(list_total(p, q) == 0, "%s?%s", p, q);
		snprintf(q, sizeof q, "period=%s", registers[i].out);
		ck_assert_msg(list_total(p, q) == 0, "%s?%s", p, q);
		ck_assert_int_eq(req("DELETE", url, T_SENS_EDITOR, NULL, &r), 204);
		tresp_free(&r);
		ck_assert_msg(audit_total(T_ADMIN, registers[i].entity, id) == 3, "%s", p);
		ck_assert_msg(audit_total(T_PLAIN_ADMIN, registers[i].entity, id) ==
			      (registers[i].sensitive ? 0 : 3), "%s", p);
	}
}
END_TEST

/* ==== open actions where they belong ====================================================== */

START_TEST(open_actions_on_rollup_and_goal)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"C\",\"name\":\"Barn\",\"kind\":\"enhet\","
	       "\"parent_id\":1}");
	create("/api/v1/budget-lines", "{\"unit_id\":2,\"year\":2021,\"month\":1,\"measure\":"
	       "\"budget\",\"amount_kr\":-1000}");
	int64_t goal = create("/api/v1/goals", "{\"level\":\"namndmal\",\"title\":\"Mål\","
			      "\"year_from\":2021}");
	char body[256];
	create("/api/v1/actions", ACTION("{\"kind\":\"budget\",\"id\":2}",
	       ",\"decided_on\":\"2021-02-01\",\"due_on\":\"2021-06-30\""));
	create("/api/v1/actions", ACTION("{\"kind\":\"budget\",\"id\":2}",
	       ",\"decided_on\":\"2021-02-01\",\"status\":\"genomford\""));
	create("/api/v1/actions", ACTION("{\"kind\":\"budget\",\"id\":2}",
	       ",\"decided_on\":\"2021-09-01\""));
	snprintf(body, sizeof body, ACTION("{\"kind\":\"goal\",\"id\":%lld}",
		 ",\"decided_on\":\"2021-03-01\""), (long long)goal);
	create("/api/v1/actions", body);
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=1&period=2021-T1", T_READER,
			     NULL, &r), 200);
	json_t *root = json_object_get(r.json, "root");
	ck_assert_int_eq(json_integer_value(json_object_get(root, "actions_open")), 0);
	json_t *child = json_array_get(json_object_get(root, "children"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(child, "actions_open")), 1);
	json_t *a = json_array_get(json_object_get(child, "actions"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(a, "id")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(a, "due_on")), "2021-06-30");
	tresp_free(&r);
	/* the one decided in September shows from then */
	ck_assert_int_eq(req("GET", "/api/v1/budget/rollup?unit_id=2&period=2021", T_READER, NULL,
			     &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(r.json, "root"),
							    "actions_open")), 2);
	tresp_free(&r);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/goals/%lld/assessment?period=2021", (long long)goal);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "actions_open")), 1);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/goals/%lld/assessment?period=2021-01", (long long)goal);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "actions_open")), 0);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/goals/%lld", (long long)goal);
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 409);
	tresp_free(&r);
}
END_TEST

/* ==== decisions: interrupted, resumed, interrupted again ================================== */

#define DEC0 "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":\"barn_och_familj\"," \
	"\"insats\":\"familjehem\",\"gender\":\"K\",\"decided_on\":\"2021-01-10\"," \
	"\"executed_on\":\"2021-02-01\""

/* The IVO report of @p quarter: the kind and start of decision 1's row, "-" when none. */
static void ivo_row(const char *quarter, char *out, size_t cap)
{
	struct tresp r;
	char path[96];
	snprintf(path, sizeof path, "/api/v1/decisions/ivo-report?quarter=%s", quarter);
	ck_assert_int_eq(req("GET", path, T_SENS_READER, NULL, &r), 200);
	json_t *row = json_array_get(json_object_get(r.json, "reportable"), 0);
	json_t *res = json_array_get(json_object_get(r.json, "resolved"), 0);
	snprintf(out, cap, "%s %s %s %s", row ? json_string_value(json_object_get(row, "kind")) :
		 "-", row ? json_string_value(json_object_get(row, "start")) : "-",
		 row ? json_string_value(json_object_get(row, "status")) : "-",
		 res ? json_string_value(json_object_get(res, "on")) : "-");
	tresp_free(&r);
}

START_TEST(interrupted_resumed_interrupted_again)
{
	static const char *const quarters[] = {"2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"};
	char filed[4][96], now[96];
	struct tresp r;
	/* as the register stood when each quarter's report was filed */
	create("/api/v1/decisions", DEC0 ",\"interruptions\":[{\"interrupted_on\":\"2021-03-01\"}]}");
	ivo_row(quarters[0], filed[0], sizeof filed[0]);
	ivo_row(quarters[1], filed[1], sizeof filed[1]);
	ck_assert_int_eq(req("PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"interruptions\":"
			     "[{\"interrupted_on\":\"2021-03-01\",\"resumed_on\":\"2021-07-01\"}]}",
			     &r), 200);
	tresp_free(&r);
	ivo_row(quarters[2], filed[2], sizeof filed[2]);
	ck_assert_int_eq(req("PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"interruptions\":"
			     "[{\"interrupted_on\":\"2021-03-01\",\"resumed_on\":\"2021-07-01\"},"
			     "{\"interrupted_on\":\"2021-09-01\"}]}", &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "{\"interrupted_on\":\"2021-09-01\","
				     "\"resumed_on\":null}"));
	tresp_free(&r);
	ivo_row(quarters[3], filed[3], sizeof filed[3]);
	ck_assert_str_eq(filed[0], "- - - -");
	ck_assert_str_eq(filed[1], "avbrott 2021-03-01 new -");
	ck_assert_str_eq(filed[2], "- - - 2021-07-01");
	ck_assert_str_eq(filed[3], "avbrott 2021-09-01 new -");
	/* every past quarter reads now as it was filed */
	for (int q = 0; q < 4; q++) {
		ivo_row(quarters[q], now, sizeof now);
		ck_assert_str_eq(now, filed[q]);
	}
}
END_TEST

static const struct http_case interruption_cases[] = {
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-03-01\"},{\"interrupted_on\":\"2021-05-01\"}]}", 422, "invalid_input",
	 "\"field\":\"interruptions[1].interrupted_on\",\"message\":\"the interruption before it "
	 "was not resumed\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-03-01\",\"resumed_on\":\"2021-04-01\"},{\"interrupted_on\":\"2021-03-15\"}]}", 422,
	 "invalid_input", "is before the previous resumed_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-01-20\"}]}", 422, "invalid_input", "interruptions[0].interrupted_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[{\"resumed_on\":"
	 "\"2021-04-01\"}]}", 422, "invalid_input", "interruptions[0].interrupted_on"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-03-01\",\"at\":1}]}", 422, "invalid_input", "interruptions[0].at"},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":\"2021-03-01\"}", 422,
	 "invalid_input", "\"field\":\"interruptions\""},
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[\"2021-03-01\"]}",
	 422, "invalid_input", "must be an object"},
	/* the shorthand of one interruption, beside an empty list only */
	{"POST", "/api/v1/decisions", T_SENS_EDITOR, DEC0 ",\"interruptions\":[],\"interrupted_on\":"
	 "\"2021-03-01\"}", 201, NULL, "\"interruptions\":[{\"interrupted_on\":\"2021-03-01\","
	 "\"resumed_on\":null}]"},
	{"GET", "/api/v1/decisions/1", T_SENS_READER, NULL, 200, NULL, "\"interruptions\":"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"resumed_on\":\"2021-07-01\"}", 422,
	 "invalid_input", "give the interruptions as the list"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-03-01\",\"resumed_on\":\"2021-07-01\"}]}", 200, NULL, "\"resumed_on\":\"2021-07-01\""},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"interruptions\":null}", 200, NULL,
	 "\"interruptions\":[]"},
	{"PATCH", "/api/v1/decisions/1", T_SENS_EDITOR, "{\"interruptions\":[{\"interrupted_on\":"
	 "\"2021-03-01\",\"resumed_on\":\"2021-02-01\"}]}", 422, "invalid_input",
	 "\"field\":\"interruptions[0].resumed_on\""},
};

START_TEST(interruptions_table)
{
	RUN_CASES(interruption_cases);
}
END_TEST

/* ==== decisions stored by the schema before the list ====================================== */

/* A database at schema version 6 (one interruption per decision, as two columns), made with
 * the embedded migrations 1..6, holding three decisions. */
static void schema_6_database(const char *path)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	for (int n = 1; n <= 6; n++)
		for (const struct folja_embedded *e = folja_embedded_files; e->name; e++)
			if (strncmp(e->name, "sql/000", 7) == 0 && atoi(e->name + 4) == n)
				ck_assert_int_eq(sqlite3_exec(h, e->data, NULL, NULL, NULL), SQLITE_OK);
	static const char rows[] =
		"INSERT INTO units (code, name, kind) VALUES ('E', 'Enhet', 'enhet');"
		"INSERT INTO decisions (unit_id, law, inriktning, insats, decided_on, gender,"
		" executed_on, interrupted_on, resumed_on) VALUES"
		" (1, 'SoL', 'barn_och_familj', 'familjehem', '2021-01-10', 'K', '2021-02-01',"
		"  '2021-03-01', '2021-07-01'),"
		" (1, 'SoL', 'barn_och_familj', 'familjehem', '2021-01-10', 'M', '2021-02-01',"
		"  '2021-03-01', NULL),"
		" (1, 'SoL', 'barn_och_familj', 'familjehem', '2021-01-10', 'K', NULL, NULL, NULL);"
		"PRAGMA user_version = 6;";
	ck_assert_int_eq(sqlite3_exec(h, rows, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

START_TEST(interruptions_migrated)
{
	char dir[] = "/tmp/folja-migrate.XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	schema_6_database(path);
	tsrv_start_in(dir, false, false);
	static const char *const want[] = {
		"[{\"interrupted_on\":\"2021-03-01\",\"resumed_on\":\"2021-07-01\"}]",
		"[{\"interrupted_on\":\"2021-03-01\",\"resumed_on\":null}]",
		"[]",
	};
	for (int id = 1; id <= 3; id++) {
		struct tresp r;
		char url[64];
		snprintf(url, sizeof url, "/api/v1/decisions/%d", id);
		ck_assert_int_eq(req("GET", url, T_SENS_READER, NULL, &r), 200);
		char *got = json_dumps(json_object_get(r.json, "interruptions"), JSON_COMPACT);
		ck_assert_str_eq(got, want[id - 1]);
		ck_assert_ptr_null(json_object_get(r.json, "interrupted_on"));
		free(got);
		tresp_free(&r);
	}
	/* the reports read the migrated rows: the open interruption is reportable in Q3 */
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/decisions/ivo-report?quarter=2021-Q3", T_SENS_READER,
			     NULL, &r), 200);
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "reportable")), 2);
	tresp_free(&r);
	tsrv_stop();
	rmdir(dir);
}
END_TEST

Suite *registers_http_suite(void)
{
	Suite *s = suite_create("registers_http");
	TCase *tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, risks_table);
	tcase_add_test(tc, sensitivities_table);
	tcase_add_test(tc, sensitivity_overflow);
	tcase_add_test(tc, controls_table);
	tcase_add_test(tc, audits_table);
	tcase_add_test(tc, actions_table);
	tcase_add_test(tc, complaints_table);
	tcase_add_test(tc, incidents_table);
	tcase_add_test(tc, lex_maria_table);
	tcase_add_test(tc, pnr_in_every_text_field);
	tcase_add_test(tc, if_match_and_audit);
	tcase_add_test(tc, every_register_filters_and_is_audited);
	tcase_add_test(tc, open_actions_on_rollup_and_goal);
	tcase_add_test(tc, interrupted_resumed_interrupted_again);
	tcase_add_test(tc, interruptions_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("migration");
	tcase_add_test(tc, interruptions_migrated);
	suite_add_tcase(s, tc);
	return s;
}
