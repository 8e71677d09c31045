/*
 * A report as one self-contained HTML page (GET /reports/{id}?format=html): what the public
 * reads and what a committee prints.
 *
 * One file with nothing outside it: the styles inline, the charts inline SVG, no script, no
 * font, image or link to fetch.  It is written for the accessibility law for public-sector
 * digital service (WCAG 2.1 AA): lang="sv", landmarks (banner, navigation, main, footer), one
 * h1 and headings in order, tables with captions and header cells, every chart an image with
 * a title and a description in words (and its figures in the table beside it), contrast of
 * 4.5:1 for text, and a colour never alone: each one carries its word ("Gul") and a shape
 * (circle, triangle, square).  Print styles set A4 pages with page numbers, keep rows and
 * charts whole, and put the cover with its contents on a page of its own.
 *
 * Every text that came from a user — titles, names, comments, the narrative — is escaped (the
 * narrative goes through libcmark with raw HTML left out), so a title holding <script> is shown
 * as text.  The blocks of each section come from src/api/report_blocks.c, as for Markdown.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

#include "report_blocks.h"
#include "report_svg.h"

static const char css[] =
	":root{--ink:#1c2127;--muted:#4b5563;--accent:#1f3a5f;--rule:#cfd6de;--head:#edf1f5;"
	"--gron:#2e7d32;--gul:#e0a800;--rod:#c62828}"
	"*{box-sizing:border-box}"
	"html{font:10.5pt/1.5 \"Segoe UI\",\"Helvetica Neue\",Arial,\"Liberation Sans\","
	"\"Noto Sans\",\"DejaVu Sans\",sans-serif;color:var(--ink);background:#fff}"
	"body{margin:0 auto;max-width:54rem;padding:2.5rem 1.75rem 3rem}"
	"a{color:#1a56a6}"
	".cover{border-top:8px solid var(--accent);padding-top:2rem}"
	".cover .org{text-transform:uppercase;letter-spacing:.09em;font-size:.8rem;"
	"color:var(--muted);margin:0}"
	".cover .unit{font-size:1.15rem;margin:.3rem 0 2.4rem;color:var(--ink)}"
	"h1{font-size:2.3rem;line-height:1.15;color:var(--accent);margin:0 0 .6rem;"
	"font-weight:700;letter-spacing:-.01em}"
	".meta{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.4rem;"
	"margin:1.8rem 0 1rem;padding:1rem 1.2rem;background:#f3f6f9;border-left:4px solid "
	"var(--accent);font-size:.9rem}"
	".meta div{display:contents}.meta dt{font-weight:600;color:var(--muted)}"
	".meta dd{margin:0}"
	".meta.draft{background:#fff6dc;border-color:#8a5a00}"
	".digest{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:.7rem;"
	"color:var(--muted);word-break:break-all;margin:0}"
	"nav{margin:2.5rem 0 1rem;padding-top:.4rem}"
	"nav h2{font-size:1.05rem;text-transform:uppercase;letter-spacing:.06em;border:0;"
	"margin:0 0 .5rem;color:var(--muted)}"
	"nav ol{margin:0;padding-left:1.6rem;columns:2;column-gap:2.5rem}"
	"nav li{margin:.15rem 0;break-inside:avoid}"
	"h2{font-size:1.4rem;line-height:1.25;color:var(--accent);border-bottom:2px solid "
	"var(--rule);padding-bottom:.3rem;margin:2.6rem 0 .9rem;break-after:avoid}"
	"h2 .num{color:var(--muted);font-weight:400;margin-right:.45rem}"
	"h3{font-size:1.12rem;color:var(--accent);margin:1.5rem 0 .4rem;break-after:avoid}"
	"h4,h5,h6{font-size:1rem;margin:1.2rem 0 .3rem;break-after:avoid}"
	"p{margin:.55rem 0}"
	"p.note{color:var(--muted);font-style:italic;border-left:3px solid var(--rule);"
	"padding-left:.75rem}"
	"ul.fn{font-size:.78rem;color:var(--muted);margin:-.6rem 0 1.2rem;padding-left:1.1rem}"
	".table-wrap{overflow-x:auto}"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 1.4rem;font-size:.84rem;"
	"font-variant-numeric:tabular-nums}"
	"table.narrow{width:auto;min-width:55%}"
	"table.compact{font-size:.74rem}table.compact td,table.compact th{padding:.25rem .3rem}"
	"caption{caption-side:top;text-align:left;font-size:.8rem;color:var(--muted);"
	"padding-bottom:.4rem}"
	"th,td{padding:.32rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top;"
	"text-align:left}"
	"thead th{background:var(--head);border-bottom:2px solid var(--accent);font-weight:600;"
	"vertical-align:bottom}"
	"tbody th{font-weight:400}"
	".n{text-align:right}td.n{white-space:nowrap}"
	"tr.strong th,tr.strong td{font-weight:700}"
	"tr.strong th,tr.strong td{border-top:1px solid var(--accent)}"
	".l1{padding-left:1.4rem}.l2{padding-left:2.3rem}.l3{padding-left:3.2rem}"
	".l4,.l5,.l6,.l7,.l8{padding-left:4.1rem}"
	".badge{white-space:nowrap}"
	".badge::before{content:\"\";display:inline-block;width:.72em;height:.72em;"
	"margin-right:.4em;vertical-align:-.04em;-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}"
	".badge.gron::before{background:var(--gron);border-radius:50%}"
	".badge.gul::before{background:var(--gul);clip-path:polygon(50% 0,100% 100%,0 100%)}"
	".badge.rod::before{background:var(--rod)}"
	"figure{margin:.8rem 0 1.6rem;break-inside:avoid}"
	"figure svg{display:block;width:100%;height:auto;max-width:46rem}"
	"figcaption{font-size:.8rem;color:var(--muted);margin-top:.35rem}"
	".md{max-width:42rem}"
	".md blockquote{margin:.6rem 0;padding-left:.9rem;border-left:3px solid var(--rule)}"
	"footer{margin-top:3rem;font-size:.76rem;color:var(--muted);border-top:1px solid "
	"var(--rule);padding-top:.7rem}"
	"@media print{html{font-size:9.5pt}body{max-width:none;padding:0}.md{max-width:none}"
	".cover{margin-top:16mm;padding-top:1.6rem}h1{font-size:2.7rem}"
	".meta{margin-top:2.6rem}"
	"nav{margin-top:3.5rem}h2+p{break-after:avoid}"
	"nav{break-after:page}a{color:inherit;text-decoration:none}"
	"tr,figure,.state,p{break-inside:avoid}caption{break-after:avoid}"
	"section.chapter{break-before:page}section.chapter h2{margin-top:0}"
	".table-wrap{overflow:visible}}";

/* A CSS string: quotes and backslashes escaped, and < too, so no text closes the style. */
static void css_string(struct sbuf *b, const char *s)
{
	sbuf_add(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addf(b, "\\%c", *p);
		else if (*p == '<' || *p < 0x20)
			sbuf_addf(b, "\\%x ", *p);
		else
			sbuf_addn(b, (const char *)p, 1);
	}
	sbuf_add(b, "\"");
}

/* The page rules: A4, the title at the foot of every page but the first, page numbers. */
static void page_css(struct sbuf *b, const json_t *doc)
{
	sbuf_add(b, "@page{size:A4;margin:20mm 17mm 22mm;@bottom-left{content:");
	css_string(b, json_string_value(json_object_get(doc, "title")));
	sbuf_add(b, ";font-size:8pt;color:#4b5563}@bottom-right{content:\"Sida \" counter(page) "
		 "\" av \" counter(pages);font-size:8pt;color:#4b5563}}"
		 "@page:first{@bottom-left{content:none}@bottom-right{content:none}}");
}

/* A cell: a colour as its badge, a number right-aligned. */
static void html_cell(struct sbuf *b, const json_t *c, bool header, char align, int level)
{
	const char *text = json_is_string(c) ? json_string_value(c)
					     : json_string_value(json_object_get(c, "text"));
	const char *color = json_string_value(json_object_get(c, "color"));
	int lv = level > 8 ? 8 : level;
	sbuf_add(b, header ? "<th scope=\"row\"" : "<td");
	if (align == 'r' && lv > 0)
		sbuf_addf(b, " class=\"n l%d\"", lv);
	else if (align == 'r')
		sbuf_add(b, " class=\"n\"");
	else if (lv > 0)
		sbuf_addf(b, " class=\"l%d\"", lv);
	sbuf_add(b, ">");
	if (color) {
		sbuf_add(b, "<span class=\"badge ");
		sbuf_html(b, color);
		sbuf_add(b, "\">");
		sbuf_html(b, text);
		sbuf_add(b, "</span>");
	} else {
		sbuf_html(b, text);
	}
	sbuf_add(b, header ? "</th>" : "</td>");
}

/* The running numbers of a page's tables and figures, and the section being written. */
struct numbering {
	int table, figure;
	const char *section;     /* its title, naming a table that has no caption */
};

/* Opens table @p t: a scrollable region a keyboard can reach, named by the caption, which is
 * numbered ("Tabell 3.") so every region's name is its own. */
static void table_open(struct sbuf *b, const json_t *t, struct numbering *nb)
{
	const char *caption = json_string_value(json_object_get(t, "caption"));
	size_t cols = json_array_size(json_object_get(t, "head"));
	int n = ++nb->table;
	sbuf_addf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		  "aria-labelledby=\"tbl%d\"><table class=\"%s\"><caption id=\"tbl%d\">"
		  "Tabell %d. ", n, cols <= 3 ? "narrow" : cols > 9 ? "compact" : "wide", n, n);
	sbuf_html(b, caption && *caption ? caption : nb->section);
	sbuf_add(b, "</caption>");
}

static void html_table(struct sbuf *b, const json_t *t, struct numbering *nb)
{
	const char *align = json_string_value(json_object_get(t, "align"));
	size_t i, k, na = align ? strlen(align) : 0;
	json_t *h, *row, *c;
	table_open(b, t, nb);
	sbuf_add(b, "<thead><tr>");
	json_array_foreach(json_object_get(t, "head"), i, h) {
		sbuf_add(b, i < na && align[i] == 'r' ? "<th scope=\"col\" class=\"n\">"
						      : "<th scope=\"col\">");
		sbuf_html(b, json_string_value(h));
		sbuf_add(b, "</th>");
	}
	sbuf_add(b, "</tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "rows"), i, row) {
		int level = (int)json_integer_value(json_object_get(row, "level"));
		sbuf_add(b, json_is_true(json_object_get(row, "strong")) ? "<tr class=\"strong\">"
									 : "<tr>");
		json_array_foreach(json_object_get(row, "cells"), k, c)
			html_cell(b, c, k == 0, k < na ? align[k] : 'l', k == 0 ? level : 0);
		sbuf_add(b, "</tr>");
	}
	sbuf_add(b, "</tbody></table></div>");
}

/* Footnotes: one small list of remarks (a value missing and why). */
static void html_footnotes(struct sbuf *b, const json_t *blk)
{
	size_t i;
	json_t *it;
	sbuf_add(b, "<ul class=\"fn\">");
	json_array_foreach(json_object_get(blk, "items"), i, it) {
		sbuf_add(b, "<li>");
		sbuf_html(b, json_string_value(it));
		sbuf_add(b, "</li>");
	}
	sbuf_add(b, "</ul>");
}

static void html_block(struct sbuf *b, const json_t *blk, struct numbering *nb)
{
	const char *type = json_string_value(json_object_get(blk, "type"));
	const char *text = json_string_value(json_object_get(blk, "text"));
	if (strcmp(type, "table") == 0) {
		html_table(b, blk, nb);
	} else if (strcmp(type, "chart") == 0) {
		report_svg_chart(b, blk, ++nb->figure);
	} else if (strcmp(type, "footnotes") == 0) {
		html_footnotes(b, blk);
	} else if (strcmp(type, "markdown") == 0) {
		char *html = report_narrative_html(text, 2);
		if (!html)
			b->oom = true;
		sbuf_add(b, "<div class=\"md\">");
		sbuf_add(b, html);
		sbuf_add(b, "</div>");
		free(html);
	} else {
		sbuf_add(b, strcmp(type, "note") == 0 ? "<p class=\"note\">" : "<p>");
		sbuf_html(b, text);
		sbuf_add(b, "</p>");
	}
}

/* One term and its description in the cover's list. */
static void meta_row(struct sbuf *b, const char *term, const char *text)
{
	sbuf_add(b, "<div><dt>");
	sbuf_html(b, term);
	sbuf_add(b, "</dt><dd>");
	sbuf_html(b, text);
	sbuf_add(b, "</dd></div>");
}

/* The cover: municipality, unit, title, then what the report is and where it stands. */
static void html_cover(struct sbuf *b, const json_t *doc, const struct report_head *h)
{
	const char *kommun = json_string_value(json_object_get(doc, "municipality"));
	sbuf_add(b, "<header class=\"cover\"><p class=\"org\">");
	sbuf_html(b, kommun ? kommun : "");
	sbuf_add(b, "</p><p class=\"unit\">");
	sbuf_html(b, json_string_value(json_object_get(json_object_get(doc, "unit"), "name")));
	sbuf_add(b, "</p><h1>");
	sbuf_html(b, json_string_value(json_object_get(doc, "title")));
	sbuf_add(b, h->locked ? "</h1><dl class=\"meta\">" : "</h1><dl class=\"meta draft\">");
	meta_row(b, "Rapport", h->kind);
	meta_row(b, "Period", h->period);
	if (h->locked) {
		meta_row(b, "Beslut", h->decision);
		meta_row(b, "Låst", h->locked_when);
	} else {
		meta_row(b, "Status", h->state);
	}
	sbuf_add(b, "</dl>");
	if (h->digest[0]) {
		sbuf_add(b, "<p class=\"digest\">");
		sbuf_html(b, h->digest);
		sbuf_add(b, "</p>");
	}
	sbuf_add(b, "</header>");
}

/* The contents: a link to each section. */
static void html_toc(struct sbuf *b, const json_t *doc)
{
	size_t i;
	json_t *sec;
	sbuf_add(b, "<nav aria-labelledby=\"toc\"><h2 id=\"toc\">Innehåll</h2><ol>");
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		sbuf_add(b, "<li><a href=\"#s-");
		sbuf_html(b, json_string_value(json_object_get(sec, "key")));
		sbuf_add(b, "\">");
		sbuf_html(b, json_string_value(json_object_get(sec, "title")));
		sbuf_add(b, "</a></li>");
	}
	sbuf_add(b, "</ol></nav>");
}

/* A section that opens a new printed page: the goal tree, and the first economic table. */
static bool chapter(const json_t *sec, bool *economy_seen)
{
	const char *type = json_string_value(json_object_get(sec, "type"));
	if (strcmp(type, "goals") == 0)
		return true;
	if (strcmp(type, "budget") == 0 && !*economy_seen) {
		*economy_seen = true;
		return true;
	}
	return false;
}

static bool html_section(struct sbuf *b, const json_t *doc, const json_t *sec, size_t i,
			 bool *economy_seen, struct numbering *nb)
{
	json_t *blocks = report_blocks(doc, sec), *blk;
	size_t k;
	if (!blocks)
		return false;
	sbuf_add(b, chapter(sec, economy_seen) ? "<section class=\"chapter\" id=\"s-" :
		 "<section id=\"s-");
	sbuf_html(b, json_string_value(json_object_get(sec, "key")));
	sbuf_add(b, "\" aria-labelledby=\"h-");
	sbuf_html(b, json_string_value(json_object_get(sec, "key")));
	sbuf_add(b, "\"><h2 id=\"h-");
	sbuf_html(b, json_string_value(json_object_get(sec, "key")));
	sbuf_addf(b, "\"><span class=\"num\">%zu</span>", i + 1);
	sbuf_html(b, json_string_value(json_object_get(sec, "title")));
	sbuf_add(b, "</h2>");
	nb->section = json_string_value(json_object_get(sec, "title"));
	json_array_foreach(blocks, k, blk)
		html_block(b, blk, nb);
	sbuf_add(b, "</section>");
	json_decref(blocks);
	return true;
}

char *report_html(const json_t *report, size_t *len)
{
	struct sbuf b = {0};
	struct report_head h;
	bool economy_seen = false;
	struct numbering nb = {0};
	size_t i;
	json_t *sec;
	report_head(report, &h);
	sbuf_add(&b, "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>");
	sbuf_html(&b, json_string_value(json_object_get(report, "title")));
	sbuf_add(&b, " \xe2\x80\x93 ");
	sbuf_html(&b, h.unit);
	sbuf_add(&b, "</title><style>");
	sbuf_add(&b, css);
	page_css(&b, report);
	sbuf_add(&b, "</style></head><body>");
	html_cover(&b, report, &h);
	html_toc(&b, report);
	sbuf_add(&b, "<main>");
	json_array_foreach(json_object_get(report, "sections"), i, sec)
		if (!html_section(&b, report, sec, i, &economy_seen, &nb)) {
			sbuf_free(&b);
			return NULL;
		}
	sbuf_add(&b, "</main><footer><p>");
	sbuf_html(&b, h.state);
	sbuf_add(&b, " Varje siffra kan tas fram igen ur Följa med adressen i rapportens "
		 "JSON-version (fältet source).</p></footer></body></html>\n");
	return sbuf_take(&b, len);
}
