/*
 * The report as a document people read: Markdown and HTML renderings of a report's JSON, the
 * Swedish way of writing numbers they print, the narrative sections' Markdown, and the drift
 * of a locked report's figures from today's.
 *
 * Every rendering is a pure function of the report's JSON (the reply of GET /reports/{id}), so
 * a locked report renders from its stored JSON alone and a draft from what it computes now.
 * Numbers are written as Swedish documents write them: the thousands grouped by a thin space
 * that does not break (U+202F), a decimal comma, a true minus sign (U+2212), "5,6 %".  User
 * text (titles, narrative, names) is escaped in HTML; the narrative is CommonMark rendered by
 * libcmark, the reference implementation, with raw HTML left out.
 */
#ifndef FOLJA_REPORT_RENDER_H
#define FOLJA_REPORT_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- a growing text buffer ---- */

/* Appending never fails visibly: a failed allocation sets `oom`, later appends do nothing,
 * and sbuf_take() returns NULL, so a renderer checks once at the end. */
struct sbuf {
	char *s;        /* owned; NUL-terminated while not oom */
	size_t len, cap;
	bool oom;
};

void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Appends @p s (NULL: nothing) with &, <, >, " and ' escaped for HTML text and attributes. */
void sbuf_html(struct sbuf *b, const char *s);
/** The text built (the caller frees it) and its length; NULL when memory ran out.  The buffer
 *  is left empty. */
char *sbuf_take(struct sbuf *b, size_t *len);
/** Frees what the buffer holds and leaves it empty.  Accepts an empty buffer. */
void sbuf_free(struct sbuf *b);

/* ---- Swedish numbers ---- */

/* Room for any number these functions write and its terminator. */
#define NUM_SV_MAX 64

/** @p v as Swedish text into @p buf: "−1 234 567" (U+2212, U+202F); returns @p buf. */
char *num_sv_int(int64_t v, char buf[NUM_SV_MAX]);
/** @p v rounded half away from zero to @p decimals (0..6) places: "5,64", "−1,5", "12";
 *  "–" (an en dash) for NaN or infinity.  Returns @p buf. */
char *num_sv_real(double v, int decimals, char buf[NUM_SV_MAX]);

/* ---- narrative ---- */

/** The narrative Markdown @p md as HTML with raw HTML left out and its headings moved
 *  @p shift levels down (at most h6), so they nest under the section's heading.  A new string
 *  the caller frees; NULL when out of memory. */
char *report_narrative_html(const char *md, int shift);
/** The same narrative as normalised CommonMark, raw HTML left out, headings shifted likewise.
 *  A new string; NULL when out of memory. */
char *report_narrative_md(const char *md, int shift);

/* ---- renderings ---- */

/** The report @p report (its JSON, borrowed) as one Markdown document: a heading per section,
 *  pipe tables, the figures in Swedish.  A new string (*len bytes); NULL when out of memory. */
char *report_markdown(const json_t *report, size_t *len);
/** The report as one self-contained HTML page (lang="sv", inline CSS and SVG charts with text
 *  alternatives, print styles with page breaks, no scripts, no external resources).  A new
 *  string (*len bytes); NULL when out of memory. */
char *report_html(const json_t *report, size_t *len);

/* ---- drift ---- */

/**
 * The figures of @p locked (a locked report's JSON) that differ in @p now (the same report
 * recomputed), as [{path, section, locked, now}]: `path` a JSON Pointer into the report,
 * `section` the section's key.  Sections are matched by key; within a section's data every
 * leaf value (number, string, boolean, null) is compared, arrays by position, objects by key
 * (a member present on one side only is listed with null on the other); `explain` objects,
 * which say in words how a figure came about, are not figures and are skipped.  A new
 * reference; NULL when out of memory.
 */
json_t *report_drift(const json_t *locked, const json_t *now);

#endif
