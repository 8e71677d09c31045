/*
 * A report as one Markdown document (GET /reports/{id}?format=md).
 *
 * A title block, then a heading per section with its blocks (src/api/report_blocks.h): the
 * narrative as normalised CommonMark, sentences and notes as paragraphs, tables as pipe tables.
 * Charts are left out: each one's figures are in the table beside it.  `pandoc report.md -o
 * report.docx` gives a readable document: pipe tables become Word tables, headings become
 * Word headings.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

#include "report_blocks.h"

/* Appends @p s with Markdown's inline markup characters escaped, line breaks as spaces. */
static void md_text(struct sbuf *b, const char *s)
{
	for (const char *p = s; p && *p; p++) {
		if (strchr("\\`*_[]<>|#", *p))
			sbuf_addn(b, "\\", 1);
		if (*p == '\n' || *p == '\r')
			sbuf_add(b, " ");
		else
			sbuf_addn(b, p, 1);
	}
}

/* A cell's text (a string, or {text}). */
static const char *cell_text(const json_t *c)
{
	return json_is_string(c) ? json_string_value(c)
				 : json_string_value(json_object_get(c, "text"));
}

static void md_table(struct sbuf *b, const json_t *t)
{
	const json_t *head = json_object_get(t, "head"), *row, *h;
	const char *align = json_string_value(json_object_get(t, "align"));
	const char *caption = json_string_value(json_object_get(t, "caption"));
	size_t i, k;
	if (caption && *caption) {
		sbuf_add(b, "*");
		md_text(b, caption);
		sbuf_add(b, "*\n\n");
	}
	json_array_foreach(head, i, h) {
		sbuf_add(b, "| ");
		md_text(b, json_string_value(h));
		sbuf_add(b, " ");
	}
	sbuf_add(b, "|\n");
	for (i = 0; i < json_array_size(head); i++)
		sbuf_add(b, align && i < strlen(align) && align[i] == 'r' ? "| ---: " : "| :--- ");
	sbuf_add(b, "|\n");
	json_array_foreach(json_object_get(t, "rows"), i, row) {
		bool strong = json_is_true(json_object_get(row, "strong"));
		json_int_t level = json_integer_value(json_object_get(row, "level"));
		json_t *c;
		json_array_foreach(json_object_get(row, "cells"), k, c) {
			sbuf_add(b, "| ");
			for (json_int_t l = 0; k == 0 && l < level && l < 8; l++)
				sbuf_add(b, "\xc2\xa0\xc2\xa0\xc2\xa0");   /* no-break spaces */
			sbuf_add(b, strong && *cell_text(c) ? "**" : "");
			md_text(b, cell_text(c));
			sbuf_add(b, strong && *cell_text(c) ? "** " : " ");
		}
		sbuf_add(b, "|\n");
	}
	sbuf_add(b, "\n");
}

static void md_block(struct sbuf *b, const json_t *blk)
{
	const char *type = json_string_value(json_object_get(blk, "type"));
	const char *text = json_string_value(json_object_get(blk, "text"));
	if (strcmp(type, "table") == 0) {
		md_table(b, blk);
	} else if (strcmp(type, "markdown") == 0) {
		char *md = report_narrative_md(text, 2);
		if (!md)
			b->oom = true;
		sbuf_add(b, md);
		sbuf_add(b, "\n");
		free(md);
	} else if (strcmp(type, "footnotes") == 0) {
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(blk, "items"), i, it) {
			sbuf_add(b, "- ");
			md_text(b, json_string_value(it));
			sbuf_add(b, "\n");
		}
		sbuf_add(b, "\n");
	} else if (strcmp(type, "p") == 0 || strcmp(type, "note") == 0) {
		sbuf_add(b, strcmp(type, "note") == 0 ? "> " : "");
		md_text(b, text);
		sbuf_add(b, "\n\n");
	}
}

/* The title block: title, unit, kind and period, state. */
static void md_head(struct sbuf *b, const json_t *doc)
{
	struct report_head h;
	report_head(doc, &h);
	sbuf_add(b, "# ");
	md_text(b, json_string_value(json_object_get(doc, "title")));
	sbuf_add(b, "\n\n**");
	md_text(b, h.unit);
	sbuf_add(b, "**\n\n");
	md_text(b, h.kind_period);
	sbuf_add(b, "\n\n");
	if (h.locked) {
		sbuf_add(b, "Beslut: ");
		md_text(b, h.decision);
		sbuf_add(b, "  \nLåst: ");
		md_text(b, h.locked_when);
	} else {
		md_text(b, h.state);
	}
	sbuf_add(b, "\n\n");
	if (h.digest[0]) {
		md_text(b, h.digest);
		sbuf_add(b, "\n\n");
	}
}

char *report_markdown(const json_t *report, size_t *len)
{
	struct sbuf b = {0};
	size_t i, k;
	json_t *sec, *blk;
	md_head(&b, report);
	json_array_foreach(json_object_get(report, "sections"), i, sec) {
		json_t *blocks = report_blocks(report, sec);
		if (!blocks) {
			sbuf_free(&b);
			return NULL;
		}
		sbuf_addf(&b, "## %zu. ", i + 1);
		md_text(&b, json_string_value(json_object_get(sec, "title")));
		sbuf_add(&b, "\n\n");
		json_array_foreach(blocks, k, blk)
			md_block(&b, blk);
		json_decref(blocks);
	}
	return sbuf_take(&b, len);
}
