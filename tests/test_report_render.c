/*
 * The report's renderings without a server (folja/report_render.h): Swedish numbers, the
 * narrative through libcmark with raw HTML left out, escaping of every user text in HTML and
 * Markdown, the drift of figures, and the shapes a document must have (one h1, lang="sv", no
 * script, nothing fetched from outside).
 */
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
	suite_add_tcase(s, tc);
	return s;
}
