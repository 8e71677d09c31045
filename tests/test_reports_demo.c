/*
 * The demo reports hold what the seeds publish and what the endpoints return: the VB 2021
 * budget sections equal /budget/rollup for the same parameters figure by figure, the goal
 * summary shows seed 001's colours, the older reports are locked with their decision, and a
 * locked report keeps its bytes while its drift lists exactly the figures a change moved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

#include "support.h"

/* The figures of a rollup node, compared one by one. */
static const char *const figures[] = {"budget_year", "budget_period", "outcome_period",
	"deviation_period", "deviation_pct", "forecast_year", "forecast_deviation",
	"previous_year_outcome", "change", "lines", NULL};

/* Compares node @p a (a section's) with @p b (the endpoint's) figure by figure, and their
 * children likewise; returns the number of figures compared. */
static int compare_nodes(json_t *a, json_t *b, const char *at)
{
	int n = 0;
	for (int i = 0; figures[i]; i++) {
		json_t *x = json_object_get(a, figures[i]), *y = json_object_get(b, figures[i]);
		ck_assert_msg(x && y && json_equal(x, y), "%s/%s differs", at, figures[i]);
		n++;
	}
	ck_assert(json_equal(json_object_get(json_object_get(a, "assessment"), "color"),
			     json_object_get(json_object_get(b, "assessment"), "color")));
	json_t *ka = json_object_get(a, "children"), *kb = json_object_get(b, "children");
	ck_assert_uint_eq(json_array_size(ka), json_array_size(kb));
	for (size_t i = 0; i < json_array_size(ka); i++) {
		char sub[256];
		snprintf(sub, sizeof sub, "%s/%zu", at, i);
		n += compare_nodes(json_array_get(ka, i), json_array_get(kb, i), sub);
	}
	return n;
}

static json_t *section(json_t *report, const char *key)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(report, "sections"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "key")), key) == 0)
			return s;
	ck_abort_msg("no section %s", key);
	return NULL;
}

/* The VB 2021 budget sections are /budget/rollup for the same parameters. */
START_TEST(vb_2021_budget_sections_equal_the_rollup)
{
	static const char *const expect[][2] = {
		{"resultatrakning", "/api/v1/budget/rollup?unit_id=3&period=2021&depth=2&scale=tkr"
				    "&rounding=consistent"},
		{"verksamheter", "/api/v1/budget/rollup?unit_id=3&period=2021&group_by=activity"
				 "&scale=tkr&rounding=consistent"},
	};
	struct tresp rep, roll;
	ck_assert_int_eq(req("GET", "/api/v1/reports/4", T_READER, NULL, &rep), 200);
	for (int i = 0; i < 2; i++) {
		json_t *sec = section(rep.json, expect[i][0]);
		ck_assert_str_eq(json_string_value(json_object_get(sec, "source")), expect[i][1]);
		ck_assert_int_eq(req("GET", expect[i][1], T_READER, NULL, &roll), 200);
		json_t *data = json_object_get(sec, "data");
		int n = compare_nodes(json_object_get(data, "root"), json_object_get(roll.json,
											 "root"), "root");
		ck_assert_int_ge(n, 30);
		/* and as a whole, explain objects included: the very same reply */
		ck_assert(json_equal(data, roll.json));
		tresp_free(&roll);
	}
	/* seed 001: Resultat ASN −266 815 against −262 801, deviation −4 014 */
	json_t *root = json_object_get(json_object_get(section(rep.json, "resultatrakning"),
						       "data"), "root");
	ck_assert_int_eq(json_integer_value(json_object_get(root, "outcome_period")), -266815);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "budget_period")), -262801);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "deviation_period")), -4014);
	tresp_free(&rep);
}
END_TEST

static const char *color(json_t *area, size_t column)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(area, "colors"),
								column), "color"));
}

/* Seed 001 "Sammanfattande bedömning": VB gul/grön/gul/gul, Delår 2 gul/grön/grön/röd,
 * Delår 1 gul/röd/gul/röd. */
START_TEST(vb_2021_goal_summary_shows_the_seed_colours)
{
	static const char *const want[3][4] = {{"gul", "gron", "gul", "gul"},
					       {"gul", "gron", "gron", "rod"},
					       {"gul", "rod", "gul", "rod"}};
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/reports/4", T_READER, NULL, &r), 200);
	json_t *data = json_object_get(section(r.json, "malomraden"), "data");
	json_t *areas = json_object_get(data, "areas"), *cols = json_object_get(data, "columns");
	ck_assert_uint_eq(json_array_size(areas), 4);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, 0), "label")),
			 "VB");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, 1), "label")),
			 "Delår 2");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, 2), "period")),
			 "2021-T1");
	for (size_t a = 0; a < 4; a++)
		for (size_t c = 0; c < 3; c++)
			ck_assert_msg(strcmp(color(json_array_get(areas, a), c), want[c][a]) == 0,
				      "area %zu column %zu: %s, want %s", a + 1, c,
				      color(json_array_get(areas, a), c), want[c][a]);
	/* the month row of area 2, seed 001: Gul Röd Gul Röd Gul Gul Gul Grön Röd Grön Grön Grön */
	json_t *months = json_object_get(json_array_get(areas, 1), "months");
	ck_assert_uint_eq(json_array_size(months), 12);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(months, 1), "color")),
			 "rod");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(months, 11), "color")),
			 "gron");
	tresp_free(&r);
}
END_TEST

START_TEST(older_demo_reports_are_locked_with_their_decision)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/reports", T_READER, NULL, &r), 200);
	json_t *items = json_object_get(r.json, "items");
	ck_assert_uint_eq(json_array_size(items), 4);
	static const char *const periods[] = {"2017-T1", "2017-T2", "2018", "2021"};
	static const char *const status[] = {"locked", "locked", "locked", "draft"};
	for (size_t i = 0; i < 4; i++) {
		json_t *it = json_array_get(items, i);
		ck_assert_str_eq(json_string_value(json_object_get(it, "period")), periods[i]);
		ck_assert_str_eq(json_string_value(json_object_get(it, "status")), status[i]);
	}
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/reports/3/revisions", T_READER, NULL, &r), 200);
	json_t *rev = json_array_get(json_object_get(r.json, "items"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(rev, "decided_on")), "2019-02-26");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(rev, "decision_ref")),
				     "§ 1014"));
	ck_assert_uint_eq(strlen(json_string_value(json_object_get(rev, "sha256"))), 64);
	tresp_free(&r);
	/* the narrative is there, summarised from the seed */
	ck_assert_int_eq(req("GET", "/api/v1/reports/3?format=md", T_READER, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "23 miljoner kronor"));
	ck_assert_ptr_nonnull(strstr(r.body, "§ 1014"));
	tresp_free(&r);
}
END_TEST

/* ---- lock, change, drift ---- */

/* Appends to @p out the JSON Pointers of the leaves that differ between @p a and @p b below
 * @p at, explain objects skipped (the test's own walk, apart from the server's). */
static void leaf_diff(json_t *a, json_t *b, const char *at, json_t *out)
{
	char sub[512];
	if (json_is_object(a) && json_is_object(b)) {
		const char *k;
		json_t *v;
		json_object_foreach(a, k, v) {
			if (strcmp(k, "explain") == 0)
				continue;
			snprintf(sub, sizeof sub, "%s/%s", at, k);
			leaf_diff(v, json_object_get(b, k), sub, out);
		}
	} else if (json_is_array(a) && json_is_array(b)) {
		size_t n = json_array_size(a) > json_array_size(b) ? json_array_size(a)
								   : json_array_size(b);
		for (size_t i = 0; i < n; i++) {
			snprintf(sub, sizeof sub, "%s/%zu", at, i);
			leaf_diff(json_array_get(a, i), json_array_get(b, i), sub, out);
		}
	} else if (!a || !b || !json_equal(a, b)) {
		json_array_append_new(out, json_string(at));
	}
}

/* Fetches @p path and keeps its bytes in *out (the caller frees). */
static size_t fetch(const char *path, char **out)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	*out = r.body;
	size_t n = r.body_len;
	r.body = NULL;
	tresp_free(&r);
	return n;
}

/* The id of a TY-AMI outcome line of 2021 (the line the test changes). */
static int64_t ami_outcome_line(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/budget-lines?unit_id=6&year=2021&measure=outcome"
			     "&activity=Arbetsmarknad", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 1);
	int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json,
		"items"), 0), "id"));
	tresp_free(&r);
	return id;
}

/* ---- the register, statistics and investment sections ---- */

/* The section types rendered from a register's summary, a statistic's table or the
 * investment rollup. */
static bool register_type(const char *type)
{
	static const char *const types[] = {"risks", "internal_control", "actions", "complaints",
		"incidents", "audits", "lex_maria", "statistics", "investments", NULL};
	for (int i = 0; types[i]; i++)
		if (strcmp(types[i], type) == 0)
			return true;
	return false;
}

/* A figure the way the report writes it. */
static const char *sv(json_t *v, char *buf)
{
	if (json_is_integer(v))
		return num_sv_int(json_integer_value(v), buf);
	return num_sv_real(json_number_value(v), 0, buf);
}

/* Asserts that @p md holds the pipe-table row @p first | @p obj's @p cols, strong or not. */
static void assert_row(const char *md, const char *first, json_t *obj,
		       const char *const *cols, bool strong)
{
	char row[1024], buf[NUM_SV_MAX];
	const char *b = strong ? "**" : "";
	size_t len = (size_t)snprintf(row, sizeof row, "| %s%s%s |", b, first, b);
	for (int i = 0; cols[i]; i++)
		len += (size_t)snprintf(row + len, sizeof row - len, " %s%s%s |", b,
					sv(json_object_get(obj, cols[i]), buf), b);
	ck_assert_msg(strstr(md, row) != NULL, "no row %s", row);
}

/* Every register, statistics and investment section of demo report @p id holds exactly what
 * its endpoint answers, and its Markdown says nothing is missing; the Markdown into *md. */
static json_t *register_sections(int id, char **md, int *checked)
{
	char path[64];
	struct tresp r, e;
	size_t i;
	json_t *sec;
	snprintf(path, sizeof path, "/api/v1/reports/%d", id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_array_foreach(json_object_get(r.json, "sections"), i, sec) {
		const char *src = json_string_value(json_object_get(sec, "source"));
		if (!register_type(json_string_value(json_object_get(sec, "type"))))
			continue;
		ck_assert_msg(!json_is_null(json_object_get(sec, "data")) && src, "report %d: %s "
			      "has no data", id, json_string_value(json_object_get(sec, "key")));
		ck_assert_int_eq(req("GET", src, T_READER, NULL, &e), 200);
		ck_assert_msg(json_equal(json_object_get(sec, "data"), e.json), "%s differs", src);
		tresp_free(&e);
		(*checked)++;
	}
	snprintf(path, sizeof path, "/api/v1/reports/%d?format=md", id);
	fetch(path, md);
	ck_assert_ptr_null(strstr(*md, "not yet available"));
	ck_assert_ptr_null(strstr(*md, "kunde inte tas fram"));
	ck_assert_ptr_null(strstr(*md, "Ingen statistik är vald"));
	json_t *out = json_incref(r.json);
	tresp_free(&r);
	return out;
}

/* The endpoint's reply for section @p key of @p report. */
static json_t *endpoint_of(json_t *report, const char *key)
{
	struct tresp e;
	const char *src = json_string_value(json_object_get(section(report, key), "source"));
	ck_assert_int_eq(req("GET", src, T_READER, NULL, &e), 200);
	json_t *out = json_incref(e.json);
	tresp_free(&e);
	return out;
}

/* Haninge T1 2017 (seed 002): incidents, complaints, the sensitivity analysis, investments
 * and the households on försörjningsstöd, each table's rows the endpoint's figures. */
START_TEST(t1_2017_register_tables_show_their_endpoints_figures)
{
	static const char *const inc_cols[] = {"count", "tillbud", "olycksfall", "arbetssjukdom",
		"fardolycksfall", "egendom_sakerhet", NULL};
	static const char *const inc_sums[] = {"total", "tillbud", "olycksfall", "arbetssjukdom",
		"fardolycksfall", "egendom_sakerhet", NULL};
	static const char *const com_cols[] = {"count", "handled", "open", "atgardat",
		"ej_atgardat", "hanvisat", "ovrigt", NULL};
	char *md;
	int checked = 0;
	size_t i;
	json_t *rep = register_sections(1, &md, &checked), *g;
	ck_assert_int_eq(checked, 22);
	json_t *inc = endpoint_of(rep, "tillbud");
	/* seed 002: 65 tillbud, 18 olycksfall and 7 on property and safety, 90 in all */
	ck_assert_int_eq(json_integer_value(json_object_get(inc, "total")), 90);
	ck_assert_int_eq(json_integer_value(json_object_get(inc, "tillbud")), 65);
	json_array_foreach(json_object_get(inc, "groups"), i, g)
		assert_row(md, json_string_value(json_object_get(g, "name")), g, inc_cols, false);
	assert_row(md, "Summa", inc, inc_sums, true);
	json_t *com = endpoint_of(rep, "synpunkter");
	ck_assert_int_eq(json_integer_value(json_object_get(com, "total")), 4);
	json_array_foreach(json_object_get(com, "groups"), i, g)
		assert_row(md, json_string_value(json_object_get(g, "name")), g, com_cols, false);
	json_t *risks = endpoint_of(rep, "risker"), *eco = json_object_get(risks, "economic");
	assert_row(md, "Positiva", eco, (const char *const[]){"positive", NULL}, false);
	assert_row(md, "Netto", eco, (const char *const[]){"net", NULL}, true);
	ck_assert_int_eq(json_integer_value(json_object_get(eco, "negative")), -4500);
	json_t *inv = endpoint_of(rep, "investeringar");
	assert_row(md, "Summa Socialnämnden", json_object_get(inv, "root"),
		   (const char *const[]){"budget_year", "outcome_period", NULL}, true);
	json_t *hh = endpoint_of(rep, "forsorjningsstod");
	json_array_foreach(json_object_get(hh, "rows"), i, g)
		assert_row(md, json_string_value(json_object_get(g, "label")), g,
			   (const char *const[]){"compare", "value", NULL}, false);
	/* seed 002: 978 households in 2016, 1 053 in 2017 */
	ck_assert_ptr_nonnull(strstr(md, "| **Totalt** | **978** | **1\xe2\x80\xaf" "053** | "
					 "**+75** |"));
	ck_assert_ptr_nonnull(strstr(md, "Kontroller i internkontrollplanen för 2017: 2.\n"));
	json_decref(inc);
	json_decref(com);
	json_decref(risks);
	json_decref(inv);
	json_decref(hh);
	json_decref(rep);
	free(md);
}
END_TEST

/* Every demo report: each register, statistics and investment section is its endpoint's
 * reply, and none says it is missing. */
START_TEST(every_register_section_is_its_endpoints_reply)
{
	int checked = 0;
	for (int id = 1; id <= 4; id++) {
		char *md;
		json_decref(register_sections(id, &md, &checked));
		free(md);
	}
	/* T1 2017: 22; delår 2017: lex Maria, audits, two volumes, actions; VB 2018 and 2021:
	 * risks */
	ck_assert_int_eq(checked, 22 + 5 + 1 + 1);
}
END_TEST

/* Tyresö delår 2017 (seed 003) and VB 2021 (seed 001): the audit, the volumes, the risks. */
START_TEST(delar_2017_and_vb_2021_list_what_their_seeds_print)
{
	char *md, row[512], buf[NUM_SV_MAX];
	int checked = 0;
	size_t i;
	json_t *rep = register_sections(2, &md, &checked), *a;
	json_t *audits = endpoint_of(rep, "uppfoljningar");
	json_array_foreach(json_object_get(audits, "audits"), i, a) {
		snprintf(row, sizeof row, "| %s | Avtalsuppföljning | 15 juni 2017 | Ja |",
			 json_string_value(json_object_get(a, "subject")));
		ck_assert_msg(strstr(md, row) != NULL, "no row %s", row);
	}
	/* seed 003: child-welfare reports up from 993 to 1 272 */
	json_t *vol = endpoint_of(rep, "volymer");
	assert_row(md, "Antal barnavårdsanmälningar", json_object_get(vol, "total"),
		   (const char *const[]){"compare", "value", NULL}, false);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(vol, "total"),
							    "value")), 1272);
	json_decref(audits);
	json_decref(vol);
	json_decref(rep);
	free(md);
	rep = register_sections(4, &md, &checked);
	json_t *risks = endpoint_of(rep, "risker");
	ck_assert_uint_eq(json_array_size(json_object_get(risks, "highest")), 5);
	json_array_foreach(json_object_get(risks, "highest"), i, a) {
		/* seed 001's table: the risk, its type, its value, the measures, the assessment */
		const char *type = json_string_value(json_object_get(a, "type")), *name = NULL;
		size_t k;
		json_t *t;
		json_array_foreach(json_object_get(risks, "by_type"), k, t)
			if (strcmp(json_string_value(json_object_get(t, "key")), type) == 0)
				name = json_string_value(json_object_get(t, "name"));
		snprintf(row, sizeof row, "| %s | %s | %s | %s |",
			 json_string_value(json_object_get(a, "description")), name,
			 sv(json_object_get(a, "value"), buf),
			 json_string_value(json_object_get(a, "measures")));
		ck_assert_msg(strstr(md, row) != NULL, "no row %s", row);
	}
	ck_assert_ptr_nonnull(strstr(md, "| Försämrad arbetsmiljö på grund av pandemin. | "
					 "Medarbetare | 20 |"));
	json_decref(risks);
	json_decref(rep);
	free(md);
}
END_TEST

START_TEST(lock_then_a_changed_line_drifts_and_the_bytes_stay)
{
	static const char *const formats[] = {"json", "md", "html"};
	char *before[3], *after, path[128];
	size_t len[3];
	struct tresp r, locked, now;
	ck_assert_int_eq(req("POST", "/api/v1/reports/4:lock", T_EDITOR, "{\"decided_on\": "
			     "\"2022-02-22\"}", &r), 200);
	tresp_free(&r);
	for (int f = 0; f < 3; f++) {
		snprintf(path, sizeof path, "/api/v1/reports/4?format=%s", formats[f]);
		len[f] = fetch(path, &before[f]);
	}
	ck_assert_int_eq(req("GET", "/api/v1/reports/4", T_READER, NULL, &locked), 200);
	/* one outcome line of Arbetsmarknad gets 1 000 kr more cost */
	snprintf(path, sizeof path, "/api/v1/budget-lines/%lld", (long long)ami_outcome_line());
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, "{\"amount_kr\": -11363800}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/reports/4/drift", T_READER, NULL, &r), 200);
	/* what the drift must list: the leaves in which each section's endpoint now differs */
	json_t *want = json_array();
	size_t i;
	json_t *sec;
	json_array_foreach(json_object_get(locked.json, "sections"), i, sec) {
		const char *src = json_string_value(json_object_get(sec, "source"));
		if (!src || json_is_null(json_object_get(sec, "data")) ||
		    strcmp(json_string_value(json_object_get(sec, "type")), "budget") != 0)
			continue;
		ck_assert_int_eq(req("GET", src, T_READER, NULL, &now), 200);
		snprintf(path, sizeof path, "/sections/%zu/data", i);
		leaf_diff(json_object_get(sec, "data"), now.json, path, want);
		tresp_free(&now);
	}
	json_t *items = json_object_get(r.json, "items");
	ck_assert_uint_gt(json_array_size(want), 0);
	ck_assert_uint_eq(json_array_size(items), json_array_size(want));
	for (i = 0; i < json_array_size(want); i++)
		ck_assert_str_eq(json_string_value(json_object_get(json_array_get(items, i), "path")),
				 json_string_value(json_array_get(want, i)));
	/* among them the changed activity's outcome: −11 363 tkr locked, −11 364 now */
	json_t *first = json_array_get(items, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "count")),
			 (json_int_t)json_array_size(want));
	ck_assert_ptr_nonnull(json_object_get(first, "locked"));
	json_decref(want);
	tresp_free(&r);
	tresp_free(&locked);
	/* the locked report is unchanged byte for byte, in every format */
	for (int f = 0; f < 3; f++) {
		snprintf(path, sizeof path, "/api/v1/reports/4?format=%s", formats[f]);
		ck_assert_uint_eq(fetch(path, &after), len[f]);
		ck_assert_msg(memcmp(after, before[f], len[f]) == 0, "%s changed", formats[f]);
		free(after);
		free(before[f]);
	}
}
END_TEST

/* The drift names the one figure a single-section change moves, with both values. */
START_TEST(drift_names_the_changed_activity)
{
	struct tresp r;
	char path[96];
	ck_assert_int_eq(req("POST", "/api/v1/reports/4:lock", T_EDITOR, "{}", &r), 200);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/budget-lines/%lld", (long long)ami_outcome_line());
	ck_assert_int_eq(req("PATCH", path, T_EDITOR, "{\"amount_kr\": -11363800}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/reports/4/drift", T_READER, NULL, &r), 200);
	size_t i;
	json_t *it;
	bool found = false;
	json_array_foreach(json_object_get(r.json, "items"), i, it) {
		const char *p = json_string_value(json_object_get(it, "path"));
		const char *sec = json_string_value(json_object_get(it, "section"));
		ck_assert_msg(strcmp(sec, "resultatrakning") == 0 || strcmp(sec, "verksamheter") == 0,
			      "drift outside the budget sections: %s", p);
		/* Arbetsmarknad is the first activity of the sorted table */
		if (strcmp(sec, "verksamheter") == 0 &&
		    strstr(p, "/data/root/children/0/outcome_period")) {
			ck_assert_int_eq(json_integer_value(json_object_get(it, "locked")), -11363);
			ck_assert_int_eq(json_integer_value(json_object_get(it, "now")), -11364);
			found = true;
		}
	}
	ck_assert(found);
	tresp_free(&r);
}
END_TEST

Suite *reports_demo_suite(void)
{
	Suite *s = suite_create("reports_demo");
	TCase *tc = tcase_create("seeds");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, vb_2021_budget_sections_equal_the_rollup);
	tcase_add_test(tc, vb_2021_goal_summary_shows_the_seed_colours);
	tcase_add_test(tc, older_demo_reports_are_locked_with_their_decision);
	tcase_add_test(tc, lock_then_a_changed_line_drifts_and_the_bytes_stay);
	tcase_add_test(tc, drift_names_the_changed_activity);
	tcase_add_test(tc, t1_2017_register_tables_show_their_endpoints_figures);
	tcase_add_test(tc, every_register_section_is_its_endpoints_reply);
	tcase_add_test(tc, delar_2017_and_vb_2021_list_what_their_seeds_print);
	suite_add_tcase(s, tc);
	return s;
}
