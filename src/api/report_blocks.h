/*
 * A report section as a reader sees it: a list of blocks (paragraphs, notes, narrative,
 * tables, charts) made from the section's JSON, which the Markdown and the HTML renderings both
 * write out (src/api/report_md.c, report_html.c), so the two always show the same figures.
 *
 * Blocks are JSON objects:
 *   {"type": "p", "text"}                 a sentence made here from the figures
 *   {"type": "note", "text"}              a notice: not available, not assessed, suppressed
 *   {"type": "footnotes", "items": [..]}  remarks on the table above (why a value is missing)
 *   {"type": "markdown", "text"}          the section's narrative (CommonMark)
 *   {"type": "table", "caption", "head": [..], "align": "lrr..", "rows": [{"level", "strong",
 *    "cells": [cell]}]}                   a cell is a string, or {"text", "color"}
 *   {"type": "chart", "kind": "bars" | "months" | "series", "title", "desc", ...}
 * Every figure is already written the Swedish way (folja/report_render.h) and every colour
 * travels with its word, so no rendering needs to know what a section type means.
 */
#ifndef FOLJA_API_REPORT_BLOCKS_H
#define FOLJA_API_REPORT_BLOCKS_H

#include <jansson.h>
#include <stdbool.h>

/** The blocks of section @p sec of report @p doc (both borrowed): a new array; NULL when out
 *  of memory. */
json_t *report_blocks(const json_t *doc, const json_t *sec);

/* ---- helpers the section types share (report_blocks.c) ---- */

/** Appends @p v (stolen) to @p arr; on failure (either NULL) clears *ok. */
void blk_add(json_t *arr, json_t *v, bool *ok);
/** A paragraph, note or narrative block. */
json_t *blk_text(const char *type, const char *text);
/** A table with @p ncols columns headed @p head, aligned by @p align ('l' or 'r' each). */
json_t *blk_table(const char *caption, const char *const *head, const char *align);
/** Appends a row of @p cells (stolen) at indentation @p level to @p table. */
void blk_row(json_t *table, int level, bool strong, json_t *cells, bool *ok);
/** A number cell: @p v (borrowed) the Swedish way with @p decimals for a real; "–" for null. */
json_t *blk_num(const json_t *v, int decimals);
/** A percentage cell "−1,5 %" (one decimal); "–" for null. */
json_t *blk_pct(const json_t *v);
/** A colour cell {"text": "Grön", "color": "gron"}; "Ej bedömd" for null. */
json_t *blk_color(const json_t *color);
/** The Swedish word of a colour name ("gron" → "Grön"); NULL for an unknown one. */
const char *blk_color_word(const char *color);
/** A count that may have been suppressed ({"count": null, "suppressed": true}): the number,
 *  "färre än 3" when suppressed, "–" when absent. */
json_t *blk_count(const json_t *obj, const char *key);

/* ---- the section types (report_blocks_*.c) ---- */

bool blocks_budget(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_forecast(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_goals(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_goal_summary(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_indicators(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_lex_sarah(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_decisions(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_decisions_year(const json_t *doc, const json_t *sec, const json_t *data,
			   json_t *out);
bool blocks_investments(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
bool blocks_statistics(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);
/* risks, internal_control, actions, complaints, incidents, audits and lex_maria: one renderer
 * of a register's summary (report_blocks_summary.c) */
bool blocks_summary(const json_t *doc, const json_t *sec, const json_t *data, json_t *out);

/* ---- what the register summaries share (report_blocks_summary.c) ---- */

/** The Swedish label of member or code @p key of summary @p data: from the dictionary of
 *  member names, else from the summary's own {key, name} lists, else @p key with its
 *  underscores as spaces written into @p buf. */
const char *blk_label(const json_t *data, const char *key, char *buf, size_t cap);
/** True when any object in @p v (borrowed) is marked "suppressed": true. */
bool blk_any_suppressed(const json_t *v);
/** The months from date @p from through date @p to in words: "januari–april 2017", "2018"
 *  for a whole year, "1 maj 2017–15 augusti 2017" when they are not whole months. */
void blk_span_words(const char *from, const char *to, char *buf, size_t cap);

/* ---- the parts a register shows its own way (report_blocks_lists.c) ---- */

/* Each appends its blocks to @p out and returns false when out of memory; @p none is true
 * when the summary's total is 0 and only what then still matters is shown. */
bool summary_risks(const json_t *data, bool none, json_t *out);
bool summary_internal_control(const json_t *data, bool none, json_t *out);
bool summary_actions(const json_t *data, bool none, json_t *out);
bool summary_audits(const json_t *data, bool none, json_t *out);

/* The title block of a report, in words. */
struct report_head {
	char unit[512];          /* "Arbetsmarknads- och socialnämnden, Tyresö kommun" */
	char kind[64];           /* "Verksamhetsberättelse" */
	char period[64];         /* "januari–december 2021" */
	char kind_period[160];   /* "Verksamhetsberättelse, januari–december 2021" */
	char state[768];         /* decided and locked, or a draft and when its figures are of */
	char decision[384];      /* "26 februari 2019 (ASN § 1014)", "" for a draft */
	char locked_when[256];   /* "2 december 2026 kl. 07.54 UTC, revision 1 (dataversion 4)" */
	char digest[160];        /* "SHA-256 av rapportens JSON: ..." or "" for a draft */
	bool locked;
};
/** The title block of @p doc. */
void report_head(const json_t *doc, struct report_head *h);

/** The Swedish name of a period's months, year to date: "januari–augusti 2017". */
void blk_period_words(const char *period, bool cumulative, char *buf, size_t cap);
/** A date "2019-02-26" as "26 februari 2019" into @p buf. */
void blk_date_words(const char *date, char *buf, size_t cap);

#endif
