/*
 * Small numbers that cannot be worked back, over HTTP: every summary of every register (lex
 * Sarah, the decisions' council report and summary, risks, internal control, audits, actions,
 * complaints, incidents, lex Maria) read anonymously under --open-read, and attacked.
 *
 * The attack knows only what a reader of the reply knows: the counts shown, and which counts
 * add up to which (declared here per summary from the reply's meaning, not taken from the
 * code): a total and its breakdown, a row and its parts (count = beslut + avbrott), a column
 * and its total.  It fails naming the cell when a sum leaves one hidden count, which the total
 * minus the shown counts gives away.  Each summary is asked of data made to
 * hold small counts beside larger ones (the council report: a total of 5, men 3,
 * women 2), and each test checks that something was hidden, so no attack passes unseen.
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

/* ==== the attack ========================================================================== */

#define MAX_CELLS 512
#define MAX_RELS 256
#define MAX_PARTS 64

struct cell {
	json_t *obj;          /* borrowed from the reply */
	const char *key;
	char where[96];
};

struct rel {
	int total;
	int parts[MAX_PARTS];
	int n;
};

struct attack {
	struct cell cells[MAX_CELLS];
	int n;
	struct rel rels[MAX_RELS];
	int nrels;
	int hidden;           /* cells shown as null */
};

static int cell_of(struct attack *a, json_t *obj, const char *key, const char *where)
{
	for (int i = 0; i < a->n; i++)
		if (a->cells[i].obj == obj && strcmp(a->cells[i].key, key) == 0)
			return i;
	ck_assert_int_lt(a->n, MAX_CELLS);
	json_t *v = json_object_get(obj, key);
	ck_assert_msg(json_is_integer(v) || json_is_null(v), "%s.%s is not a count", where, key);
	a->cells[a->n] = (struct cell){obj, key, ""};
	snprintf(a->cells[a->n].where, sizeof a->cells[a->n].where, "%s.%s", where, key);
	if (json_is_null(v)) {
		a->hidden++;
		ck_assert_msg(json_is_true(json_object_get(obj, "suppressed")),
			      "%s.%s is null without suppressed", where, key);
	}
	return a->n++;
}

static void rel_add(struct attack *a, int total, const int *parts, int n)
{
	ck_assert_int_lt(a->nrels, MAX_RELS);
	struct rel *r = &a->rels[a->nrels++];
	r->total = total;
	r->n = n;
	memcpy(r->parts, parts, (size_t)n * sizeof *parts);
}

/* obj[total] = Σ obj[parts[i]] */
static void row(struct attack *a, json_t *obj, const char *where, const char *total,
		const char *const *parts)
{
	int p[MAX_PARTS], n = 0;
	for (; parts[n]; n++)
		p[n] = cell_of(a, obj, parts[n], where);
	rel_add(a, cell_of(a, obj, total, where), p, n);
}

/* owner[total] = Σ owner[list][i][part] */
static void column(struct attack *a, json_t *owner, const char *where, const char *total,
		   const char *list, const char *part)
{
	int p[MAX_PARTS], n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(owner, list), i, x) {
		char w[96];
		snprintf(w, sizeof w, "%s.%s[%zu]", where, list, i);
		ck_assert_int_lt(n, MAX_PARTS);
		p[n++] = cell_of(a, x, part, w);
	}
	rel_add(a, cell_of(a, owner, total, where), p, n);
}

/* Every row of owner[list]: row[total] = Σ row[parts]. */
static void rows(struct attack *a, json_t *owner, const char *where, const char *list,
		 const char *total, const char *const *parts)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(owner, list), i, x) {
		char w[96];
		snprintf(w, sizeof w, "%s.%s[%zu]", where, list, i);
		row(a, x, w, total, parts);
	}
}

/* Fails when a sum has exactly one hidden cell: the total minus the shown parts (or the parts
 * added up) gives it away.  One such sum is all a chain of deductions needs to start from, so
 * with none, nothing hidden can be worked out by hand. */
static void attack_run(struct attack *a, const char *what, int min_hidden)
{
	for (int r = 0; r < a->nrels; r++) {
		const struct rel *x = &a->rels[r];
		int unknown = -1, n = 0;
		json_int_t rest = 0;
		for (int k = -1; k < x->n; k++) {
			int c = k < 0 ? x->total : x->parts[k];
			json_t *v = json_object_get(a->cells[c].obj, a->cells[c].key);
			if (json_is_null(v))
				n++, unknown = c;
			else
				rest += k < 0 ? json_integer_value(v) : -json_integer_value(v);
		}
		ck_assert_msg(n != 1, "%s: the hidden %s is worked out as %lld", what,
			      a->cells[unknown].where,
			      (long long)(unknown == x->total ? -rest : rest));
	}
	ck_assert_msg(a->hidden >= min_hidden, "%s: %d hidden, want at least %d: nothing to attack",
		      what, a->hidden, min_hidden);
}

/* The anonymous reply of @p path, kept in @p r. */
static json_t *anonymous(const char *path, struct tresp *r)
{
	ck_assert_int_eq(req("GET", path, T_NONE, NULL, r), 200);
	ck_assert_ptr_nonnull(r->json);
	return r->json;
}

static int64_t new_unit(const char *code)
{
	char body[160];
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"Enhet %s\",\"kind\":\"enhet\"}",
		 code, code);
	return create("/api/v1/units", body);
}

/* ==== lex Sarah and decisions ============================================================= */

START_TEST(lex_sarah_summary)
{
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous("/api/v1/lex-sarah-reports/summary?period=2021", &r);
	column(&a, s, "summary", "total", "groups", "count");
	column(&a, s, "summary", "total", "by_outcome", "count");
	column(&a, s, "summary", "ivo_notified", "groups", "ivo_notified");
	column(&a, s, "summary", "ivo_notified", "by_outcome", "ivo_notified");
	attack_run(&a, "lex Sarah 2021", 4);
	tresp_free(&r);
	/* Haninge T1 2017 by unit: 17 reports, 1 notified */
	struct attack b = {0};
	s = anonymous("/api/v1/lex-sarah-reports/summary?period=2017-T1&group_by=unit&unit_id=19",
		      &r);
	column(&b, s, "summary", "total", "groups", "count");
	column(&b, s, "summary", "total", "by_outcome", "count");
	column(&b, s, "summary", "ivo_notified", "groups", "ivo_notified");
	column(&b, s, "summary", "ivo_notified", "by_outcome", "ivo_notified");
	attack_run(&b, "lex Sarah Haninge T1", 4);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "total")), 17);
	tresp_free(&r);
}
END_TEST

static const char *const beslut_avbrott[] = {"beslut", "avbrott", NULL};

/* The council report's sums: count = beslut + avbrott, each tally a breakdown of all three,
 * each tally row count = beslut + avbrott, the waiting times a breakdown of count. */
static void council_relations(struct attack *a, json_t *s)
{
	static const char *const tallies[] = {"by_insats", "by_law", "by_gender", NULL};
	row(a, s, "report", "count", beslut_avbrott);
	for (int t = 0; tallies[t]; t++) {
		column(a, s, "report", "count", tallies[t], "count");
		column(a, s, "report", "beslut", tallies[t], "beslut");
		column(a, s, "report", "avbrott", tallies[t], "avbrott");
		rows(a, s, "report", tallies[t], "count", beslut_avbrott);
	}
	column(a, s, "report", "count", "by_wait", "count");
}

/* The council report: a total of 5, men 3 and women 2. */
START_TEST(council_report_women_and_men)
{
	int64_t unit = new_unit("KF5");
	static const char *const genders[] = {"M", "M", "M", "K", "K"};
	for (int i = 0; i < 5; i++) {
		char body[400];
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"law\":\"SoL\",\"inriktning\":"
			 "\"barn_och_familj\",\"insats\":\"%s\",\"gender\":\"%s\",\"decided_on\":"
			 "\"2021-0%d-1%d\"%s}", (long long)unit, i < 4 ? "familjehem" : "kontaktperson",
			 genders[i], 2 + i % 3, i, i == 4 ? ",\"executed_on\":\"2021-04-20\","
			 "\"interruptions\":[{\"interrupted_on\":\"2021-05-03\"}]" : "");
		create("/api/v1/decisions", body);
	}
	char path[160];
	snprintf(path, sizeof path, "/api/v1/decisions/council-report?quarter=2021-Q4&unit_id=%lld",
		 (long long)unit);
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous(path, &r);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "count")), 5);
	council_relations(&a, s);
	attack_run(&a, "council report 5 = 3 + 2", 4);
	/* women hidden, and men with them */
	json_t *g;
	size_t i;
	json_array_foreach(json_object_get(s, "by_gender"), i, g)
		ck_assert(json_is_null(json_object_get(g, "count")));
	tresp_free(&r);
}
END_TEST

/* The demo's council report per den 31 augusti 2017 (82 = 58 + 21 + 3) and 2021-Q3. */
START_TEST(council_report_demo)
{
	static const char *const paths[] = {
		"/api/v1/decisions/council-report?period=2017-T2",
		"/api/v1/decisions/council-report?quarter=2021-Q4",
		"/api/v1/decisions/council-report?quarter=2018-Q3",
	};
	for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
		struct tresp r;
		struct attack a = {0};
		json_t *s = anonymous(paths[k], &r);
		council_relations(&a, s);
		attack_run(&a, paths[k], 0);
		tresp_free(&r);
	}
}
END_TEST

START_TEST(decisions_summary_demo)
{
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous("/api/v1/decisions/summary?year=2021", &r), *q;
	size_t i;
	column(&a, s, "summary", "total", "by_insats", "count");
	rows(&a, s, "summary", "by_insats", "count", beslut_avbrott);
	json_array_foreach(json_object_get(s, "quarters"), i, q) {
		column(&a, q, "quarter", "count", "by_insats", "count");
		rows(&a, q, "quarter", "by_insats", "count", beslut_avbrott);
	}
	attack_run(&a, "decisions 2021", 3);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "total")), 13);
	tresp_free(&r);
}
END_TEST

/* ==== the new registers =================================================================== */

START_TEST(risks_summary)
{
	int64_t unit = new_unit("RSK");
	/* 9 risks: 7 at 4×5, one at 2×2 and one valued alone; colours 7 gröna, 1 gul, 1 röd */
	for (int i = 0; i < 9; i++) {
		char body[400];
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"year\":2021,\"type\":\"%s\","
			 "\"description\":\"Risk %d\",%s,\"reviews\":[{\"on\":\"2021-06-30\","
			 "\"color\":\"%s\"}]}", (long long)unit, i < 7 ? "verksamhet" : "omvarld", i,
			 i < 7 ? "\"probability\":4,\"consequence\":5" : i == 7 ?
			 "\"probability\":2,\"consequence\":2" : "\"value\":12",
			 i < 7 ? "gron" : i == 7 ? "gul" : "rod");
		create("/api/v1/risks", body);
	}
	char path[128];
	snprintf(path, sizeof path, "/api/v1/risks/summary?period=2021&unit_id=%lld",
		 (long long)unit);
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous(path, &r);
	int p[MAX_PARTS], n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(s, "matrix"), i, x)
		if (n < MAX_PARTS)
			p[n++] = cell_of(&a, x, "count", "matrix");
	ck_assert_int_eq(n, 25);
	p[n++] = cell_of(&a, s, "valued_without_factors", "summary");
	p[n++] = cell_of(&a, s, "not_valued", "summary");
	rel_add(&a, cell_of(&a, s, "total", "summary"), p, n);
	column(&a, s, "summary", "total", "by_type", "count");
	column(&a, s, "summary", "total", "by_color", "count");
	attack_run(&a, "risks", 4);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "total")), 9);
	tresp_free(&r);
}
END_TEST

START_TEST(internal_controls_summary)
{
	int64_t unit = new_unit("ICX");
	static const char *const results[] = {"utan_avvikelse", "utan_avvikelse", "utan_avvikelse",
					      "utan_avvikelse", "med_avvikelse", "ej_genomford",
					      NULL};
	for (int i = 0; i < 7; i++) {
		char body[400], list[96] = "[]";
		if (results[i])
			snprintf(list, sizeof list, "[{\"period\":\"2021-T1\",\"result\":\"%s\"}]",
				 results[i]);
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"year\":2021,\"process\":\"P%d\","
			 "\"control\":\"K%d\",\"results\":%s}", (long long)unit, i, i, list);
		create("/api/v1/internal-controls", body);
	}
	char path[128];
	snprintf(path, sizeof path, "/api/v1/internal-controls/summary?period=2021-T1&unit_id=%lld",
		 (long long)unit);
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous(path, &r), *q;
	static const char *const done[] = {"without_deviations", "with_deviations", NULL};
	static const char *const all[] = {"done", "not_done", "not_followed_up", NULL};
	row(&a, s, "summary", "done", done);
	row(&a, s, "summary", "controls", all);
	size_t i;
	json_array_foreach(json_object_get(s, "periods"), i, q)
		row(&a, q, "period", "done", done);
	attack_run(&a, "internal control", 3);
	tresp_free(&r);
}
END_TEST

START_TEST(audits_and_actions_summaries)
{
	int64_t unit = new_unit("AUD");
	static const char *const kinds[] = {"intern", "intern", "intern", "intern", "ivo", "avtal"};
	for (int i = 0; i < 6; i++) {
		char body[300];
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"kind\":\"%s\",\"subject\":\"G%d\","
			 "\"done_on\":\"2021-0%d-10\"}", (long long)unit, kinds[i], i, i + 1);
		create("/api/v1/audits", body);
	}
	static const char *const statuses[] = {"pagaende", "pagaende", "pagaende", "pagaende",
					       "pagaende", "genomford", "avbruten"};
	for (int i = 0; i < 7; i++) {
		char body[300];
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"title\":\"A%d\",\"origin\":"
			 "{\"kind\":\"%s\"},\"decided_on\":\"2021-02-0%d\",\"status\":\"%s\"}",
			 (long long)unit, i, i < 6 ? "committee" : "budget", i + 1, statuses[i]);
		create("/api/v1/actions", body);
	}
	char path[128];
	struct tresp r;
	struct attack a = {0}, b = {0};
	snprintf(path, sizeof path, "/api/v1/audits/summary?period=2021&unit_id=%lld",
		 (long long)unit);
	json_t *s = anonymous(path, &r);
	column(&a, s, "audits", "total", "by_kind", "count");
	attack_run(&a, "audits", 2);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/actions/summary?period=2021&unit_id=%lld",
		 (long long)unit);
	s = anonymous(path, &r);
	column(&b, s, "actions", "total", "by_status", "count");
	column(&b, s, "actions", "total", "by_origin", "count");
	attack_run(&b, "actions", 3);
	tresp_free(&r);
}
END_TEST

/* The table of a register with rows per group and columns per part, and their totals. */
static void table_relations(struct attack *a, json_t *s, const char *total,
			    const char *const *columns, const char *const *row_parts,
			    const char *const *sub_parts, const char *sub_total)
{
	column(a, s, "summary", total, "groups", "count");
	for (int k = 0; columns[k]; k++)
		column(a, s, "summary", columns[k], "groups", columns[k]);
	row(a, s, "summary", total, row_parts);
	rows(a, s, "summary", "groups", "count", row_parts);
	if (sub_parts) {
		row(a, s, "summary", sub_total, sub_parts);
		rows(a, s, "summary", "groups", sub_total, sub_parts);
	}
}

START_TEST(complaints_summary)
{
	/* seed 002's table at T1 2017: 4 complaints, 2/1/1 per avdelning, 3 nedlagda, 1 open */
	static const char *const columns[] = {"handled", "open", "atgardat", "ej_atgardat",
					      "hanvisat", "ovrigt", NULL};
	static const char *const parts[] = {"handled", "open", NULL};
	static const char *const outcomes[] = {"atgardat", "ej_atgardat", "hanvisat", "ovrigt",
					       NULL};
	struct tresp r;
	struct attack a = {0}, b = {0};
	json_t *s = anonymous("/api/v1/complaints/summary?period=2017-T1&unit_id=19", &r);
	table_relations(&a, s, "total", columns, parts, outcomes, "handled");
	column(&a, s, "summary", "total", "by_kind", "count");
	attack_run(&a, "complaints Haninge T1", 6);
	ck_assert(json_is_null(json_object_get(s, "open_items")));
	tresp_free(&r);
	/* seed 000's six in 2018 */
	s = anonymous("/api/v1/complaints/summary?period=2018&unit_id=5", &r);
	table_relations(&b, s, "total", columns, parts, outcomes, "handled");
	column(&b, s, "summary", "total", "by_kind", "count");
	attack_run(&b, "complaints Tyresö 2018", 6);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "total")), 6);
	tresp_free(&r);
}
END_TEST

START_TEST(incidents_summary)
{
	/* seed 002's table: 65 / 18 / 7, with ones and twos per avdelning */
	static const char *const kinds[] = {"tillbud", "olycksfall", "arbetssjukdom",
					    "fardolycksfall", "egendom_sakerhet", NULL};
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous("/api/v1/incidents/summary?period=2017-T1&unit_id=19", &r);
	table_relations(&a, s, "total", kinds, kinds, NULL, NULL);
	column(&a, s, "summary", "total", "by_status", "count");
	attack_run(&a, "incidents Haninge T1", 6);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "total")), 90);
	ck_assert_int_eq(json_integer_value(json_object_get(s, "tillbud")), 65);
	tresp_free(&r);
}
END_TEST

START_TEST(lex_maria_summary)
{
	int64_t unit = new_unit("LMX");
	static const char *const harms[] = {"vardskada", "vardskada", "vardskada", "vardskada",
					    "allvarlig_vardskada", "risk_allvarlig_vardskada"};
	static const char *const categories[] = {"fall", "fall", "fall", "lakemedel", "lakemedel",
						 "fall"};
	for (int i = 0; i < 6; i++) {
		char body[300];
		snprintf(body, sizeof body, "{\"unit_id\":%lld,\"notified_on\":\"2021-0%d-15\","
			 "\"category\":\"%s\",\"harm\":\"%s\"}", (long long)unit, i + 1,
			 categories[i], harms[i]);
		create("/api/v1/lex-maria-reports", body);
	}
	static const char *const columns[] = {"vardskada", "allvarlig_vardskada",
					      "risk_allvarlig_vardskada", NULL};
	char path[128];
	snprintf(path, sizeof path, "/api/v1/lex-maria-reports/summary?period=2021&unit_id=%lld",
		 (long long)unit);
	struct tresp r;
	struct attack a = {0};
	json_t *s = anonymous(path, &r);
	column(&a, s, "summary", "total", "groups", "count");
	column(&a, s, "summary", "total", "by_harm", "count");
	rows(&a, s, "summary", "groups", "count", columns);
	json_t *h;
	size_t i;
	json_array_foreach(json_object_get(s, "by_harm"), i, h) {
		char w[32];
		snprintf(w, sizeof w, "by_harm[%zu]", i);
		int total = cell_of(&a, h, "count", w), p[MAX_PARTS], n = 0;
		json_t *g;
		size_t k;
		json_array_foreach(json_object_get(s, "groups"), k, g)
			p[n++] = cell_of(&a, g, columns[i], "groups");
		rel_add(&a, total, p, n);
	}
	attack_run(&a, "lex Maria", 3);
	ck_assert(json_is_null(json_object_get(s, "open_investigations")));
	tresp_free(&r);
}
END_TEST

/* A token holder sees every count: nothing is hidden for a token. */
START_TEST(token_holders_see_every_count)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/incidents/summary?period=2017-T1&unit_id=19",
			     T_READER, NULL, &r), 200);
	ck_assert_ptr_null(strstr(r.body, "suppressed"));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/complaints/summary?period=2017-T1&unit_id=19",
			     T_READER, NULL, &r), 200);
	ck_assert_ptr_null(strstr(r.body, "suppressed"));
	tresp_free(&r);
}
END_TEST

Suite *registers_suppression_suite(void)
{
	Suite *s = suite_create("registers_suppression");
	TCase *tc = tcase_create("open_read");
	tcase_add_checked_fixture(tc, tsrv_setup_open, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, lex_sarah_summary);
	tcase_add_test(tc, council_report_women_and_men);
	tcase_add_test(tc, council_report_demo);
	tcase_add_test(tc, decisions_summary_demo);
	tcase_add_test(tc, risks_summary);
	tcase_add_test(tc, internal_controls_summary);
	tcase_add_test(tc, audits_and_actions_summaries);
	tcase_add_test(tc, complaints_summary);
	tcase_add_test(tc, incidents_summary);
	tcase_add_test(tc, lex_maria_summary);
	tcase_add_test(tc, token_holders_see_every_count);
	suite_add_tcase(s, tc);
	return s;
}
