/*
 * The report's renderings without a server (folja/report_render.h): Swedish numbers, the
 * narrative through libcmark with raw HTML left out, escaping of every user text in HTML and
 * Markdown, the drift of figures, and the shapes a document must have (one h1, lang="sv", no
 * script, nothing fetched from outside).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

#include "tests.h"

#define M "\xe2\x88\x92"      /* U+2212 MINUS SIGN */
#define S "\xe2\x80\xaf"      /* U+202F, the thin space that does not break */

/* ==== numbers ============================================================================= */

START_TEST(integers_group_by_thin_spaces_with_a_true_minus)
{
	char b[NUM_SV_MAX];
	ck_assert_str_eq(num_sv_int(0, b), "0");
	ck_assert_str_eq(num_sv_int(999, b), "999");
	ck_assert_str_eq(num_sv_int(1000, b), "1" S "000");
	ck_assert_str_eq(num_sv_int(-4014, b), M "4" S "014");
	ck_assert_str_eq(num_sv_int(-262801, b), M "262" S "801");
	ck_assert_str_eq(num_sv_int(1234567, b), "1" S "234" S "567");
	ck_assert_str_eq(num_sv_int(INT64_MIN, b),
			 M "9" S "223" S "372" S "036" S "854" S "775" S "808");
}
END_TEST

START_TEST(reals_take_a_decimal_comma_and_round_half_away_from_zero)
{
	char b[NUM_SV_MAX];
	ck_assert_str_eq(num_sv_real(5.64, 2, b), "5,64");
	ck_assert_str_eq(num_sv_real(-1.25, 1, b), M "1,3");
	ck_assert_str_eq(num_sv_real(1.25, 1, b), "1,3");
	ck_assert_str_eq(num_sv_real(12, 0, b), "12");
	ck_assert_str_eq(num_sv_real(1234.5, 1, b), "1" S "234,5");
	ck_assert_str_eq(num_sv_real(-0.04, 1, b), "0,0");   /* no minus on a zero */
	ck_assert_str_eq(num_sv_real(0.5, 0, b), "1");
	ck_assert_str_eq(num_sv_real(NAN, 1, b), "\xe2\x80\x93");
	ck_assert_str_eq(num_sv_real(2.0, 9, b), "2,000000");   /* at most six places */
}
END_TEST

/* ==== narrative =========================================================================== */

START_TEST(narrative_leaves_raw_html_out)
{
	const char *md = "Hej <script>alert(1)</script> **fet**\n\n<div onclick=\"x()\">block"
			 "</div>\n\n[länk](javascript:alert(2))";
	char *html = report_narrative_html(md, 2);
	ck_assert_ptr_nonnull(html);
	ck_assert_ptr_nonnull(strstr(html, "<strong>fet</strong>"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<div"));
	ck_assert_ptr_null(strstr(html, "onclick"));
	ck_assert_ptr_null(strstr(html, "javascript:"));
	free(html);
	char *out = report_narrative_md(md, 2);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_null(strstr(out, "<script"));
	ck_assert_ptr_null(strstr(out, "<div"));
	ck_assert_ptr_nonnull(strstr(out, "**fet**"));
	free(out);
}
END_TEST

START_TEST(narrative_headings_nest_under_the_section)
{
	char *html = report_narrative_html("# Rubrik\n\n###### Djup\n\ntext", 2);
	ck_assert_ptr_nonnull(strstr(html, "<h3>Rubrik</h3>"));
	ck_assert_ptr_nonnull(strstr(html, "<h6>Djup</h6>"));   /* never past h6 */
	ck_assert_ptr_null(strstr(html, "<h1"));
	free(html);
	char *md = report_narrative_md("# Rubrik", 2);
	ck_assert_ptr_nonnull(strstr(md, "### Rubrik"));
	free(md);
	html = report_narrative_html("", 2);
	ck_assert_ptr_nonnull(html);
	free(html);
}
END_TEST

/* ==== documents =========================================================================== */

/* A small report: a narrative, a budget table, a goal summary and a missing register. */
static const char doc_text[] =
	"{\"id\": 7, \"unit_id\": 3, \"kind\": \"verksamhetsberattelse\", \"period\": \"2021\","
	" \"title\": \"VB <script>alert('t')</script> & co\", \"revision\": 1,"
	" \"status\": \"draft\", \"version\": 1, \"reason\": null, \"decided_on\": null,"
	" \"decision_ref\": null, \"locked_at\": null, \"sha256\": null, \"data_version\": 9,"
	" \"unit\": {\"id\": 3, \"code\": \"TY\", \"name\": \"Nämnden <b>\"},"
	" \"municipality\": \"Tyresö kommun\", \"labels\": {\"insats\": {}},"
	" \"sections\": ["
	"  {\"key\": \"t\", \"title\": \"Händelser <img src=x>\", \"type\": \"text\","
	"   \"params\": {}, \"text\": \"Text med <script>bad()</script> och **fetstil**.\"},"
	"  {\"key\": \"b\", \"title\": \"Ekonomi\", \"type\": \"budget\", \"params\": {},"
	"   \"source\": \"/api/v1/budget/rollup?unit_id=3&period=2021\", \"data\": {"
	"    \"period\": \"2021\", \"scale\": \"tkr\", \"group_by\": \"activity\","
	"    \"cumulative\": true, \"first_month\": 1, \"last_month\": 12, \"root\": {"
	"     \"key\": \"TY\", \"name\": \"Nämnden\", \"budget_year\": -262801,"
	"     \"budget_period\": -262801, \"outcome_period\": -266815,"
	"     \"deviation_period\": -4014, \"deviation_pct\": -1.5,"
	"     \"previous_year_outcome\": -257234, \"assessment\": {\"color\": \"gul\","
	"     \"explain\": {\"text\": \"x\"}}, \"children\": ["
	"      {\"key\": \"Vård <x>\", \"name\": null, \"budget_period\": -10, \"outcome_period\":"
	"       -12, \"deviation_period\": -2, \"deviation_pct\": -20.0, \"assessment\":"
	"       {\"color\": \"rod\"}, \"children\": []}]}}},"
	"  {\"key\": \"g\", \"title\": \"Mål\", \"type\": \"goal_summary\", \"params\": {},"
	"   \"source\": \"/api/v1/goals/tree?period=2021&unit_id=3\", \"data\": {\"year\": 2021,"
	"    \"columns\": [{\"label\": \"VB\", \"period\": \"2021\", \"source\": \"this_report\"}],"
	"    \"areas\": [{\"goal_id\": 1, \"title\": \"Område <1>\", \"colors\": [{\"color\":"
	"     \"gron\"}], \"months\": [{\"month\": 1, \"color\": \"gul\"}, {\"month\": 2,"
	"     \"color\": null}]}]}},"
	"  {\"key\": \"r\", \"title\": \"Risker\", \"type\": \"risks\", \"params\": {},"
	"   \"source\": null, \"data\": null,"
	"   \"note\": \"not yet available in this installation\"}]}";

static json_t *doc(void)
{
	json_error_t e;
	json_t *d = json_loads(doc_text, 0, &e);
	ck_assert_msg(d != NULL, "test document: %s at %d", e.text, e.column);
	return d;
}

/* True when @p md holds @p tag unescaped (Markdown shows "\\<" as a plain "<"). */
static bool raw_in_markdown(const char *md, const char *tag)
{
	for (const char *p = strstr(md, tag); p; p = strstr(p + 1, tag))
		if (p == md || p[-1] != '\\')
			return true;
	return false;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

START_TEST(html_escapes_every_user_text)
{
	json_t *d = doc();
	size_t len;
	char *html = report_html(d, &len);
	ck_assert_ptr_nonnull(html);
	ck_assert_uint_eq(strlen(html), len);
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_ptr_nonnull(strstr(html, "VB &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; "
					   "&amp; co"));
	ck_assert_ptr_nonnull(strstr(html, "Händelser &lt;img src=x&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "<strong>fetstil</strong>"));
	ck_assert_ptr_nonnull(strstr(html, "Vård &lt;x&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "Område &lt;1&gt;"));
	/* the title in the print footer is a CSS string that cannot close the style element */
	ck_assert_uint_eq(count(html, "</style>"), 1);
	free(html);
	json_decref(d);
}
END_TEST

START_TEST(html_is_one_accessible_self_contained_page)
{
	json_t *d = doc();
	size_t len;
	char *html = report_html(d, &len);
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"sv\">"));
	ck_assert_uint_eq(count(html, "<h1"), 1);
	ck_assert_uint_eq(count(html, "<main>"), 1);
	/* nothing fetched: no scripts, links, images, imports or remote URLs */
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "src=\""));
	ck_assert_ptr_null(strstr(html, "@import"));
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "https:"));
	/* tables have header cells; charts are images with a title and a description */
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"col\""));
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\""));
	ck_assert_uint_eq(count(html, "<svg"), 2);
	ck_assert_uint_eq(count(html, "role=\"img\""), 2);
	ck_assert_uint_eq(count(html, "<desc"), 2);
	/* a colour is never alone: the badge carries its word */
	ck_assert_ptr_nonnull(strstr(html, "<span class=\"badge gul\">Gul</span>"));
	ck_assert_ptr_nonnull(strstr(html, M "4" S "014"));
	ck_assert_ptr_nonnull(strstr(html, "@media print"));
	ck_assert_ptr_nonnull(strstr(html, "not yet available in this installation"));
	free(html);
	json_decref(d);
}
END_TEST

START_TEST(markdown_has_a_heading_per_section_and_pipe_tables)
{
	json_t *d = doc();
	size_t len;
	char *md = report_markdown(d, &len);
	ck_assert_ptr_nonnull(md);
	ck_assert_ptr_nonnull(strstr(md, "# VB \\<script\\>alert('t')\\</script\\> & co\n"));
	ck_assert_ptr_nonnull(strstr(md, "## 1. Händelser \\<img src=x\\>\n"));
	ck_assert_ptr_nonnull(strstr(md, "## 4. Risker\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Verksamhet | Budget | Utfall |"));
	ck_assert_ptr_nonnull(strstr(md, "| **Summa Nämnden** | **" M "262" S "801** |"));
	ck_assert_ptr_nonnull(strstr(md, "| ---: |"));
	ck_assert(!raw_in_markdown(md, "<script"));
	free(md);
	json_decref(d);
}
END_TEST

/* ==== drift =============================================================================== */

START_TEST(drift_lists_exactly_the_figures_that_differ)
{
	json_t *locked = doc(), *now = doc();
	json_t *items = report_drift(locked, now);
	ck_assert_uint_eq(json_array_size(items), 0);
	json_decref(items);
	json_t *root = json_object_get(json_object_get(json_array_get(json_object_get(now,
		"sections"), 1), "data"), "root");
	json_object_set_new(root, "outcome_period", json_integer(-266000));
	/* an explain says in words how a figure came about: not a figure of its own */
	json_object_set_new(json_object_get(json_object_get(root, "assessment"), "explain"),
			    "text", json_string("y"));
	items = report_drift(locked, now);
	ck_assert_uint_eq(json_array_size(items), 1);
	json_t *it = json_array_get(items, 0);
	ck_assert_str_eq(json_string_value(json_object_get(it, "path")),
			 "/sections/1/data/root/outcome_period");
	ck_assert_str_eq(json_string_value(json_object_get(it, "section")), "b");
	ck_assert_int_eq(json_integer_value(json_object_get(it, "locked")), -266815);
	ck_assert_int_eq(json_integer_value(json_object_get(it, "now")), -266000);
	json_decref(items);
	json_decref(locked);
	json_decref(now);
}
END_TEST

START_TEST(drift_lists_members_on_one_side_only)
{
	json_t *locked = doc(), *now = doc();
	json_t *area = json_array_get(json_object_get(json_object_get(json_array_get(
		json_object_get(now, "sections"), 2), "data"), "areas"), 0);
	json_array_append_new(json_object_get(area, "colors"), json_pack("{s:s}", "color",
									    "rod"));
	json_object_del(area, "title");
	json_t *items = report_drift(locked, now);
	ck_assert_uint_eq(json_array_size(items), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "path")),
			 "/sections/2/data/areas/0/title");
	ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "now")));
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 1), "path")),
			 "/sections/2/data/areas/0/colors/1");
	ck_assert(json_is_null(json_object_get(json_array_get(items, 1), "locked")));
	json_decref(items);
	json_decref(locked);
	json_decref(now);
}
END_TEST

/* ==== register, statistics and investment sections ======================================= */

/* A report of the Haninge T1 2017 kind whose sections are @p sections (JSON texts of
 * {key, title, type, params, source, data}, NULL-terminated). */
static json_t *doc_of(const char *const *sections)
{
	json_error_t e;
	json_t *d = json_loads("{\"id\": 8, \"unit_id\": 19, \"kind\": \"tertialrapport\", "
		"\"period\": \"2017-T1\", \"title\": \"T1\", \"revision\": 1, \"status\": \"draft\", "
		"\"decided_on\": null, \"decision_ref\": null, \"locked_at\": null, \"sha256\": null, "
		"\"data_version\": 3, \"unit\": {\"id\": 19, \"code\": \"HA-SN\", \"name\": "
		"\"Socialnämnden\"}, \"municipality\": \"Haninge kommun\", \"labels\": {}, "
		"\"sections\": []}", 0, &e);
	ck_assert_ptr_nonnull(d);
	for (size_t i = 0; sections[i]; i++) {
		json_t *sec = json_loads(sections[i], 0, &e);
		ck_assert_msg(sec != NULL, "section %zu: %s at %d", i, e.text, e.column);
		json_array_append_new(json_object_get(d, "sections"), sec);
	}
	return d;
}

/* The Markdown of section @p n (1-based) of @p md: from its heading to the next one. */
static char *md_section(const char *md, int n)
{
	char head[16];
	snprintf(head, sizeof head, "\n## %d. ", n);
	const char *from = strstr(md, head);
	ck_assert_ptr_nonnull(from);
	const char *to = strstr(from + 1, "\n## ");
	return strndup(from, to ? (size_t)(to - from) : strlen(from));
}

static char *markdown_of(json_t *d)
{
	size_t len;
	char *md = report_markdown(d, &len);
	ck_assert_ptr_nonnull(md);
	return md;
}

static char *html_of(json_t *d)
{
	size_t len;
	char *html = report_html(d, &len);
	ck_assert_ptr_nonnull(html);
	return html;
}

/* Complaints by unit, as /complaints/summary answers with the counts of one unit and of one
 * kind suppressed (an open read): the unit's name holds Markdown's | and *. */
static const char complaints_sec[] =
	"{\"key\": \"synpunkter\", \"title\": \"Rapporterade synpunkter\", \"type\": "
	"\"complaints\", \"params\": {}, \"source\": \"/api/v1/complaints/summary?period=2017-T1"
	"&unit_id=19\", \"data\": {\"period\": \"2017-T1\", \"from\": \"2017-01-01\", \"cut_off\":"
	" \"2017-04-30\", \"as_of\": \"2017-04-30\", \"group_by\": \"unit\", \"unit_id\": 19, "
	"\"total\": 5, \"handled\": 4, \"open\": null, \"atgardat\": 1, \"ej_atgardat\": 3, "
	"\"hanvisat\": 0, \"ovrigt\": 0, \"open_items_count\": null, \"suppressed\": true, "
	"\"outcomes\": [{\"key\": \"atgardat\", \"name\": \"Åtgärdat\"}, {\"key\": \"ej_atgardat\","
	" \"name\": \"Ej åtgärdat\"}, {\"key\": \"hanvisat\", \"name\": \"Hänvisat\"}, {\"key\": "
	"\"ovrigt\", \"name\": \"Övrigt\"}], \"by_kind\": [{\"key\": \"klagomal\", \"name\": "
	"\"Klagomål\", \"count\": 3}, {\"key\": \"synpunkt\", \"name\": \"Synpunkt\", \"count\": "
	"null, \"suppressed\": true}, {\"key\": \"berom\", \"name\": \"Beröm\", \"count\": null, "
	"\"suppressed\": true}], \"groups\": [{\"key\": \"HA-FN\", \"name\": \"Avdelning | FN *\", "
	"\"count\": 3, \"handled\": 3, \"open\": 0, \"atgardat\": 1, \"ej_atgardat\": 2, "
	"\"hanvisat\": 0, \"ovrigt\": 0}, {\"key\": \"HA-VU\", \"name\": \"Avdelning Vuxen\", "
	"\"count\": null, \"handled\": null, \"open\": null, \"atgardat\": 0, \"ej_atgardat\": null,"
	" \"hanvisat\": 0, \"ovrigt\": 0, \"suppressed\": true}], \"handling_days\": {\"count\": 4,"
	" \"median\": 21.0, \"max\": 28}, \"open_items\": null}}";

/* Incidents by unit, with the names of the kinds as a list of their own. */
static const char incidents_sec[] =
	"{\"key\": \"tillbud\", \"title\": \"Tillbud\", \"type\": \"incidents\", \"params\": {}, "
	"\"source\": \"/api/v1/incidents/summary?period=2017-T1&unit_id=19\", \"data\": {"
	"\"period\": \"2017-T1\", \"from\": \"2017-01-01\", \"cut_off\": \"2017-04-30\", "
	"\"group_by\": \"unit\", \"unit_id\": 19, \"total\": 1090, \"tillbud\": 1065, "
	"\"olycksfall\": 18, \"egendom_sakerhet\": 7, \"reported_to_authority\": 2, \"kinds\": ["
	"{\"key\": \"tillbud\", \"name\": \"Tillbud\"}, {\"key\": \"olycksfall\", \"name\": "
	"\"Olycksfall\"}, {\"key\": \"egendom_sakerhet\", \"name\": \"Egendom/säkerhet\"}], "
	"\"by_status\": [{\"key\": \"anmald\", \"name\": \"Anmäld\", \"count\": 1068}, {\"key\": "
	"\"utredd\", \"name\": \"Utredd\", \"count\": 22}], \"groups\": [{\"key\": \"HA-VU\", "
	"\"name\": \"Avdelning Vuxen\", \"count\": 1090, \"tillbud\": 1065, \"olycksfall\": 18, "
	"\"egendom_sakerhet\": 7}]}}";

START_TEST(register_summaries_show_their_totals_and_breakdowns)
{
	const char *const secs[] = {complaints_sec, incidents_sec, NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d), *c = md_section(md, 1), *inc = md_section(md, 2);
	ck_assert_ptr_nonnull(strstr(c, "Synpunkter och klagomål som kom in under januari–april "
				       "2017: 5.\n"));
	/* the groups' table: its columns named from the summary's own list of outcomes, and a
	 * Summa row from the totals, which are not repeated as key figures */
	ck_assert_ptr_nonnull(strstr(c, "| Enhet | Totalt | Avslutade | Under handläggning | "
				       "Åtgärdat | Ej åtgärdat | Hänvisat | Övrigt |\n"));
	ck_assert_ptr_nonnull(strstr(c, "| **Summa** | **5** | **4** | **färre än 3** | **1** | "
				       "**3** | **0** | **0** |\n"));
	ck_assert_ptr_null(strstr(c, "| Avslutade | 4 |"));
	ck_assert_ptr_nonnull(strstr(c, "| Handläggningstid, median (dagar) | 21 |\n"));
	ck_assert_ptr_nonnull(strstr(c, "| Handläggningstid, längst (dagar) | 28 |\n"));
	ck_assert_ptr_nonnull(strstr(c, "| Typ | Antal |\n| :--- | ---: |\n| Klagomål | 3 |\n"));
	/* incidents: the kinds' names from their list, thousands the Swedish way */
	ck_assert_ptr_nonnull(strstr(inc, "| Enhet | Totalt | Tillbud | Olycksfall | "
					  "Egendom/säkerhet |\n"));
	ck_assert_ptr_nonnull(strstr(inc, "| Avdelning Vuxen | 1" S "090 | 1" S "065 | 18 | 7 |"));
	ck_assert_ptr_nonnull(strstr(inc, "| Status | Antal |"));
	ck_assert_ptr_nonnull(strstr(inc, "| Anmäld | 1" S "068 |"));
	/* one key figure left: a sentence, not a table of one row */
	ck_assert_ptr_nonnull(strstr(inc, "Anmälda till Arbetsmiljöverket: 2.\n"));
	free(c);
	free(inc);
	free(md);
	char *html = html_of(d);
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"col\" class=\"n\">Egendom/säkerhet</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\">Avdelning | FN *</th>"));
	free(html);
	json_decref(d);
}
END_TEST

START_TEST(a_suppressed_count_reads_fewer_than_three)
{
	const char *const secs[] = {complaints_sec, NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	/* a unit's row, a kind's row and a key figure, each hidden on an open read */
	ck_assert_ptr_nonnull(strstr(md, "| Avdelning Vuxen | färre än 3 | färre än 3 | "
					 "färre än 3 | 0 | färre än 3 | 0 | 0 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Synpunkt | färre än 3 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Ej avslutade vid periodens slut | färre än 3 |\n"));
	/* user text escaped for Markdown: a | does not split the row, a * starts no emphasis */
	ck_assert_ptr_nonnull(strstr(md, "| Avdelning \\| FN \\* | 3 |"));
	free(md);
	json_decref(d);
}
END_TEST

START_TEST(a_zero_total_is_one_sentence)
{
	const char *const secs[] = {
		"{\"key\": \"lm\", \"title\": \"Lex Maria\", \"type\": \"lex_maria\", \"params\": {},"
		" \"data\": {\"period\": \"2017-T2\", \"from\": \"2017-01-01\", \"cut_off\": "
		"\"2017-08-31\", \"group_by\": \"category\", \"total\": 0, "
		"\"open_investigations_count\": 0, \"by_harm\": [{\"key\": \"vardskada\", \"name\": "
		"\"Vårdskada\", \"count\": 0}], \"groups\": [], \"investigation_days\": {\"count\": 0,"
		" \"median\": null, \"max\": null}}}",
		"{\"key\": \"ic\", \"title\": \"Intern kontroll\", \"type\": \"internal_control\", "
		"\"params\": {}, \"data\": {\"period\": \"2017\", \"year\": 2017, \"cut_off\": "
		"\"2017-12-31\", \"controls\": 0, \"done\": 0, \"not_done\": 0, \"periods\": []}}",
		"{\"key\": \"inc\", \"title\": \"Tillbud\", \"type\": \"incidents\", \"params\": {}, "
		"\"data\": {\"period\": \"2018\", \"from\": \"2018-01-01\", \"cut_off\": "
		"\"2018-12-31\", \"total\": 0, \"tillbud\": 0, \"by_status\": [{\"key\": \"anmald\", "
		"\"count\": 0}], \"groups\": []}}",
		NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	static const char *const want[] = {
		"\n\nInga anmälningar enligt lex Maria gjordes under januari–augusti 2017.\n",
		"\n\nDet finns inga kontroller i internkontrollplanen för 2017.\n",
		"\n\nInga tillbud, olycksfall eller andra arbetsmiljöhändelser rapporterades under "
		"2018.\n"};
	for (int i = 0; i < 3; i++) {
		char *sec = md_section(md, i + 1);
		ck_assert_msg(strstr(sec, want[i]), "section %d: %s", i + 1, sec);
		ck_assert_msg(!strchr(sec, '|'), "section %d has a table: %s", i + 1, sec);
		free(sec);
	}
	free(md);
	json_decref(d);
}
END_TEST

/* Risks as /risks/summary answers: two in the matrix, one with a stated value only; a
 * description holding HTML and Markdown; an economic analysis in tkr. */
static const char risks_sec[] =
	"{\"key\": \"risker\", \"title\": \"Riskhantering\", \"type\": \"risks\", \"params\": {},"
	" \"data\": {\"period\": \"2021\", \"year\": 2021, \"cut_off\": \"2021-12-31\", "
	"\"total\": 3, \"valued_without_factors\": 1, \"not_valued\": 0, \"matrix\": ["
	"{\"probability\": 4, \"consequence\": 5, \"value\": 20, \"count\": 1}, {\"probability\": "
	"3, \"consequence\": 4, \"value\": 12, \"count\": 1}, {\"probability\": 1, "
	"\"consequence\": 1, \"value\": 1, \"count\": 0}], \"by_type\": [{\"key\": \"omvarld\", "
	"\"name\": \"Omvärld\", \"count\": 1}, {\"key\": \"finansiell\", \"name\": \"Finansiell\","
	" \"count\": 2}], \"by_color\": [{\"key\": \"gron\", \"name\": \"Grön\", \"count\": 2}, "
	"{\"key\": \"gul\", \"name\": \"Gul\", \"count\": 1}], \"highest\": [{\"id\": 7, "
	"\"unit_id\": 3, \"type\": \"finansiell\", \"description\": \"Kostnader <script>x()"
	"</script> | *ökar*\", \"value\": 20, \"probability\": 4, \"consequence\": 5, \"color\": "
	"\"gul\", \"reviewed_on\": \"2021-12-31\", \"measures\": \"Samverkan.\", \"owner\": "
	"\"Förvaltningschef\"}, {\"id\": 8, \"unit_id\": 3, \"type\": \"omvarld\", "
	"\"description\": \"Pandemin.\", \"value\": 15, \"probability\": null, \"consequence\": "
	"null, \"color\": \"gron\", \"measures\": null}], \"economic\": {\"analysis_period\": "
	"\"2021-T2\", \"scale\": \"tkr\", \"positive\": 1000, \"negative\": -4500, \"net\": "
	"-3500}}}";

START_TEST(risks_show_their_table_matrix_and_economic_sums)
{
	const char *const secs[] = {risks_sec, NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "Risker i riskhanteringsplanen för 2021: 3.\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Risk | Typ | Riskvärde | Åtgärder | Bedömning |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Kostnader \\<script\\>x()\\</script\\> \\| \\*ökar\\* |"
					 " Finansiell | 20 (4 × 5) | Samverkan. | Gul |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Pandemin. | Omvärld | 15 | – | Grön |\n"));
	ck_assert(!raw_in_markdown(md, "<script"));
	ck_assert_ptr_null(strstr(md, "Förvaltningschef"));   /* no owner's name */
	/* the matrix: probability 5 first, a column per consequence */
	ck_assert_ptr_nonnull(strstr(md, "| Sannolikhet | Konsekvens 1 | Konsekvens 2 | "
					 "Konsekvens 3 | Konsekvens 4 | Konsekvens 5 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| 4 | – | – | – | – | 1 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| 3 | – | – | – | 1 | – |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| 1 | 0 | – | – | – | – |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Negativa | " M "4" S "500 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| **Netto** | **" M "3" S "500** |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Med riskvärde men utan sannolikhet och konsekvens | "
					 "1 |"));
	free(md);
	char *html = html_of(d);
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\">Kostnader &lt;script&gt;x()&lt;/"
					   "script&gt; | *ökar*</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<span class=\"badge gul\">Gul</span>"));
	free(html);
	json_decref(d);
}
END_TEST

START_TEST(record_lists_are_left_out_where_a_count_is_suppressed)
{
	json_t *d = doc_of((const char *const[]){risks_sec, NULL});
	json_t *data = json_object_get(json_array_get(json_object_get(d, "sections"), 0), "data");
	json_t *type = json_array_get(json_object_get(data, "by_type"), 0);
	json_object_set_new(type, "count", json_null());
	json_object_set_new(type, "suppressed", json_true());
	char *md = markdown_of(d);
	/* the table would show the one risk of its type that the breakdown hides */
	ck_assert_ptr_null(strstr(md, "Pandemin."));
	ck_assert_ptr_null(strstr(md, "| Sannolikhet |"));
	ck_assert_ptr_nonnull(strstr(md, "Riskerna och riskmatrisen visas inte här"));
	ck_assert_ptr_nonnull(strstr(md, "| Omvärld | färre än 3 |"));
	free(md);
	json_decref(d);
}
END_TEST

START_TEST(audits_and_overdue_actions_list_their_records)
{
	const char *const secs[] = {
		"{\"key\": \"a\", \"title\": \"Uppföljningar\", \"type\": \"audits\", \"params\": {},"
		" \"data\": {\"period\": \"2017-T2\", \"from\": \"2017-01-01\", \"cut_off\": "
		"\"2017-08-31\", \"total\": 1, \"with_findings\": 1, \"actions\": 2, \"actions_open\":"
		" 1, \"by_kind\": [{\"key\": \"avtal\", \"name\": \"Avtalsuppföljning\", \"count\": "
		"1}], \"audits\": [{\"id\": 5, \"kind\": \"avtal\", \"subject\": \"Missbruksvården\", "
		"\"done_on\": \"2017-06-15\", \"findings\": true, \"actions\": 2, \"actions_open\": "
		"1}]}}",
		"{\"key\": \"b\", \"title\": \"Åtgärder\", \"type\": \"actions\", \"params\": {}, "
		"\"data\": {\"period\": \"2018\", \"from\": \"2018-01-01\", \"cut_off\": "
		"\"2018-12-31\", \"total\": 4, \"overdue_count\": 1, \"by_status\": [{\"key\": "
		"\"pagaende\", \"name\": \"Pågående\", \"count\": 4}], \"by_origin\": [{\"key\": "
		"\"budget\", \"name\": \"Budgetavvikelse\", \"count\": 4}], \"overdue\": [{\"id\": 3, "
		"\"unit_id\": 5, \"title\": \"Avveckla boendekedjan\", \"owner\": \"A. Andersson\", "
		"\"due_on\": \"2018-06-30\", \"days_overdue\": 184, \"status\": \"pagaende\"}], "
		"\"effect\": {\"planned_kr\": 2000000, \"realised_kr\": 1500000, \"difference_kr\": "
		"-500000, \"with_planned\": 2, \"with_realised\": 1}}}",
		NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "| Missbruksvården | Avtalsuppföljning | 15 juni 2017 | "
					 "Ja | 2 | 1 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Avveckla boendekedjan | 30 juni 2018 | 184 | "
					 "Pågående |\n"));
	ck_assert_ptr_null(strstr(md, "Andersson"));
	ck_assert_ptr_nonnull(strstr(md, "| **Skillnad (uppnådd − planerad)** | **" M "500" S
					 "000** |"));
	/* the overdue count is the table's, not a key figure besides */
	ck_assert_ptr_null(strstr(md, "| Åtgärder som passerat sitt slutdatum |"));
	ck_assert_ptr_nonnull(strstr(md, "| Ursprung | Antal |\n| :--- | ---: |\n"
					 "| Budgetavvikelse | 4 |"));
	free(md);
	json_decref(d);
}
END_TEST

START_TEST(internal_control_without_follow_up_says_so)
{
	const char *const secs[] = {
		"{\"key\": \"ic\", \"title\": \"Intern kontroll\", \"type\": \"internal_control\", "
		"\"params\": {}, \"data\": {\"period\": \"2017\", \"year\": 2017, \"cut_off\": "
		"\"2017-12-31\", \"controls\": 2, \"with_risk\": 0, \"done\": 0, "
		"\"without_deviations\": 0, \"with_deviations\": 0, \"not_done\": 0, "
		"\"not_followed_up\": 2, \"periods\": [{\"period\": \"2017-T1\", \"done\": 0, "
		"\"without_deviations\": 0, \"with_deviations\": 0, \"not_done\": 0}]}}",
		NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "Kontroller i internkontrollplanen för 2017: 2.\n\n"
					 "Ingen av kontrollerna har följts upp ännu.\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Ännu inte följda upp | 2 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Period | Genomförda | Utan avvikelse | Med avvikelse |"
					 " Ej genomförda |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| januari–april 2017 | 0 | 0 | 0 | 0 |\n"));
	free(md);
	json_decref(d);
}
END_TEST

/* A statistics table by month against last year; a table of its total alone; hidden and
 * missing figures. */
static const char stats_month[] =
	"{\"key\": \"s\", \"title\": \"Sjukfrånvaro\", \"type\": \"statistics\", \"params\": "
	"{\"statistic_id\": 16}, \"data\": {\"statistic\": {\"id\": 16, \"name\": "
	"\"Sjukfrånvaro\", \"measure_unit\": \"percent\", \"decimals\": 2}, \"period\": "
	"\"2017-Q1\", \"from\": \"2017-01\", \"to\": \"2017-03\", \"compare_period\": \"2016-Q1\","
	" \"by\": [\"month\"], \"dims\": {}, \"rows\": [{\"label\": \"2017-01\", \"month\": "
	"\"2017-01\", \"value\": 8.71, \"compare\": 8.22, \"change\": 0.49, \"change_pp\": 0.49},"
	" {\"label\": \"2017-02\", \"month\": \"2017-02\", \"value\": null, \"compare\": 9.78, "
	"\"change\": null, \"change_pp\": null, \"null_reason\": \"a group of min_population "
	"persons or fewer is not published\", \"suppressed\": true, \"explain\": {\"suppressed\": "
	"\"a group of min_population persons or fewer is not published\", \"compare\": {}}}], "
	"\"total\": {\"label\": \"Totalt\", \"value\": 8.74, \"compare\": 8.96, \"change\": -0.22,"
	" \"change_pp\": -0.22}}}";
static const char stats_alone[] =
	"{\"key\": \"t\", \"title\": \"LSS\", \"type\": \"statistics\", \"params\": "
	"{\"statistic_id\": 10}, \"data\": {\"statistic\": {\"id\": 10, \"name\": \"Personer med "
	"LSS\", \"measure_unit\": \"count\", \"decimals\": 0}, \"period\": \"2017-T1\", \"from\": "
	"\"2017-01\", \"to\": \"2017-04\", \"compare_period\": \"2016-T1\", \"by\": [], \"dims\": "
	"{}, \"rows\": [{\"label\": \"Egen regi\", \"value\": null, \"compare\": 1200, \"change\": "
	"null, \"change_pct\": null, \"suppressed\": true, \"null_reason\": \"a count this small "
	"is not shown on reads without a token\", \"explain\": {\"suppressed\": \"a count this "
	"small is not shown on reads without a token\"}}], \"total\": {\"label\": \"Totalt\", "
	"\"value\": 1264, \"compare\": null, \"change\": null, \"change_pct\": null, "
	"\"compare_null_reason\": \"no fact of the period in the unit or below it\", \"explain\": "
	"{\"compare\": {\"why\": \"no_data\"}}}}}";

START_TEST(statistics_show_rows_beside_the_compared_year)
{
	const char *const secs[] = {stats_month, stats_alone,
		"{\"key\": \"u\", \"title\": \"Volymer\", \"type\": \"statistics\", \"params\": {}, "
		"\"data\": null, \"error\": {\"text\": \"what the section shows no longer exists\"}}",
		NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "*Sjukfrånvaro, januari–mars 2017 jämfört med samma "
					 "period 2016. Procent.*"));
	ck_assert_ptr_nonnull(strstr(md, "| Månad | 2016 | 2017 | Förändring, procentenheter |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| januari | 8,22 | 8,71 | +0,49 |\n"));
	/* hidden for a small group: a dash with the reason beneath, not "färre än 3" */
	ck_assert_ptr_nonnull(strstr(md, "| februari | 9,78 | – | – |\n"));
	ck_assert_ptr_nonnull(strstr(md, "- februari, 2017: gruppen är för liten för att "
					 "redovisas.\n"));
	ck_assert_ptr_nonnull(strstr(md, "| **Totalt** | **8,96** | **8,74** | **" M "0,22** |"));
	/* a small count hidden; a missing compared figure explained */
	ck_assert_ptr_nonnull(strstr(md, "| Uppgift | 2016 | 2017 | Förändring | Förändring i "
					 "procent |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Egen regi | 1" S "200 | färre än 3 | – | – |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| **Totalt** | **–** | **1" S "264** |"));
	ck_assert_ptr_nonnull(strstr(md, "- Totalt, 2016: ingen uppgift för perioden.\n"));
	/* a template's statistics section with no statistic chosen */
	ck_assert_ptr_nonnull(strstr(md, "> Ingen statistik är vald för avsnittet ännu"));
	free(md);
	json_decref(d);
}
END_TEST

START_TEST(statistics_total_alone_is_named_by_the_statistic)
{
	json_t *d = doc_of((const char *const[]){stats_alone, NULL});
	json_t *data = json_object_get(json_array_get(json_object_get(d, "sections"), 0), "data");
	json_array_clear(json_object_get(data, "rows"));
	json_t *total = json_object_get(data, "total");
	json_object_set_new(total, "compare", json_integer(1121));
	json_object_set_new(total, "change", json_integer(143));
	json_object_set_new(total, "change_pct", json_real(12.8));
	json_object_del(total, "explain");
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "| Personer med LSS | 1" S "121 | 1" S "264 | +143 | "
					 "+12,8" S "% |\n"));
	ck_assert_ptr_null(strstr(md, "**Totalt**"));
	free(md);
	json_decref(d);
}
END_TEST

START_TEST(investments_show_each_project_and_the_share_spent)
{
	const char *const secs[] = {
		"{\"key\": \"inv\", \"title\": \"Investeringar\", \"type\": \"investments\", "
		"\"params\": {\"scale\": \"tkr\"}, \"data\": {\"period\": \"2017-T1\", \"scale\": "
		"\"tkr\", \"group_by\": \"project\", \"ledger\": \"investering\", \"cumulative\": true,"
		" \"year\": 2017, \"first_month\": 1, \"last_month\": 4, \"root\": {\"key\": \"HA-SN\","
		" \"name\": \"Socialnämnden\", \"kind\": \"unit\", \"budget_year\": -5000, "
		"\"outcome_period\": -500, \"forecast_year\": -4000, \"forecast_deviation\": 1000, "
		"\"spent_share_pct\": 10.0, \"assessment\": {\"color\": null}, \"children\": [{\"key\":"
		" null, \"name\": null, \"kind\": \"project\", \"budget_year\": -5000, "
		"\"outcome_period\": 0, \"forecast_year\": -4000, \"forecast_deviation\": 1000, "
		"\"spent_share_pct\": 0.0, \"children\": []}, {\"key\": \"Brandlarm <b>\", \"name\": "
		"\"Brandlarm <b>\", \"kind\": \"project\", \"budget_year\": 0, \"outcome_period\": "
		"-250, \"forecast_year\": null, \"forecast_deviation\": null, \"spent_share_pct\": "
		"null, \"children\": []}]}}}",
		NULL};
	json_t *d = doc_of(secs);
	char *md = markdown_of(d);
	ck_assert_ptr_nonnull(strstr(md, "Investeringsbudgeten för 2017 är 5" S "000 tkr. Under "
					 "januari–april 2017 har 500 tkr använts, 10,0" S "% av "
					 "budgeten. Enligt prognosen används 4" S "000 tkr under "
					 "året.\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Projekt | Budget helår | Utfall perioden | Förbrukat "
					 "av budgeten | Prognos helår | Prognos − budget |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Ej fördelat på projekt | " M "5" S "000 | 0 | 0,0" S
					 "% | " M "4" S "000 | 1" S "000 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Brandlarm \\<b\\> | 0 | " M "250 | – | – | – |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| **Summa Socialnämnden** | **" M "5" S "000** |"));
	ck_assert_ptr_null(strstr(md, "Bedömning"));   /* investments are not coloured */
	free(md);
	char *html = html_of(d);
	ck_assert_ptr_nonnull(strstr(html, "Brandlarm &lt;b&gt;"));
	ck_assert_ptr_null(strstr(html, "<b>"));
	free(html);
	json_decref(d);
}
END_TEST

START_TEST(sbuf_escapes_and_grows)
{
	struct sbuf b = {0};
	size_t len;
	for (int i = 0; i < 2000; i++)
		sbuf_html(&b, "<&\"'>");
	char *s = sbuf_take(&b, &len);
	ck_assert_uint_eq(len, 2000 * strlen("&lt;&amp;&quot;&#39;&gt;"));
	ck_assert(strncmp(s, "&lt;&amp;&quot;&#39;&gt;", 24) == 0);
	free(s);
	s = sbuf_take(&b, &len);   /* nothing added: the empty text */
	ck_assert_str_eq(s, "");
	free(s);
	sbuf_free(&b);
}
END_TEST

Suite *report_render_suite(void)
{
	Suite *s = suite_create("report_render");
	TCase *tc = tcase_create("render");
	tcase_add_test(tc, integers_group_by_thin_spaces_with_a_true_minus);
	tcase_add_test(tc, reals_take_a_decimal_comma_and_round_half_away_from_zero);
	tcase_add_test(tc, narrative_leaves_raw_html_out);
	tcase_add_test(tc, narrative_headings_nest_under_the_section);
	tcase_add_test(tc, html_escapes_every_user_text);
	tcase_add_test(tc, html_is_one_accessible_self_contained_page);
	tcase_add_test(tc, markdown_has_a_heading_per_section_and_pipe_tables);
	tcase_add_test(tc, drift_lists_exactly_the_figures_that_differ);
	tcase_add_test(tc, drift_lists_members_on_one_side_only);
	tcase_add_test(tc, sbuf_escapes_and_grows);
	tcase_add_test(tc, register_summaries_show_their_totals_and_breakdowns);
	tcase_add_test(tc, a_suppressed_count_reads_fewer_than_three);
	tcase_add_test(tc, a_zero_total_is_one_sentence);
	tcase_add_test(tc, risks_show_their_table_matrix_and_economic_sums);
	tcase_add_test(tc, record_lists_are_left_out_where_a_count_is_suppressed);
	tcase_add_test(tc, audits_and_overdue_actions_list_their_records);
	tcase_add_test(tc, internal_control_without_follow_up_says_so);
	tcase_add_test(tc, statistics_show_rows_beside_the_compared_year);
	tcase_add_test(tc, statistics_total_alone_is_named_by_the_statistic);
	tcase_add_test(tc, investments_show_each_project_and_the_share_spent);
	suite_add_tcase(s, tc);
	return s;
}
