/*
 * The small pieces every rendering of a report uses (include/folja/report_render.h): a text
 * buffer, Swedish numbers, and the narrative's Markdown through libcmark.
 *
 * Numbers: Swedish documents group thousands with a space and write a decimal comma, so a
 * controller's "−248 532" and "1,5 %" read as they do in the seeds.  The space is U+202F, a
 * thin space that never breaks a number across lines; the minus is U+2212, the sign a screen
 * reader reads as "minus" and a printed table aligns.
 *
 * Narrative: a report's text sections are CommonMark, parsed by libcmark (the reference
 * implementation).  Raw HTML in them is dropped from the tree before anything is written, so
 * neither the HTML nor the Markdown rendering carries it, and links with unsafe schemes are
 * dropped by cmark's safe mode.  Headings are moved down so a narrative's "# Title" nests under
 * the section's own heading.
 */
#include <cmark.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

/* ==== the text buffer ===================================================================== */

/* Room for @p more bytes and a terminator; false (and oom set) when there is none. */
static bool sbuf_room(struct sbuf *b, size_t more)
{
	if (b->oom)
		return false;
	if (b->len + more + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = true;
		return false;
	}
	b->s = s;
	b->cap = cap;
	return true;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	if (!sbuf_room(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	if (s)
		sbuf_addn(b, s, strlen(s));
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if ((size_t)n < sizeof small) {
		sbuf_addn(b, small, (size_t)n);
		return;
	}
	if (!sbuf_room(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_html(struct sbuf *b, const char *s)
{
	for (const char *p = s; p && *p; p++) {
		size_t plain = strcspn(p, "&<>\"'");
		sbuf_addn(b, p, plain);
		p += plain;
		if (!*p)
			break;
		sbuf_add(b, *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" :
			    *p == '"' ? "&quot;" : "&#39;");
	}
}

char *sbuf_take(struct sbuf *b, size_t *len)
{
	char *s = b->oom ? NULL : b->s;
	if (!s && !b->oom)
		s = calloc(1, 1);     /* nothing was added: the empty text */
	if (len)
		*len = s ? b->len : 0;
	if (!s)
		free(b->s);
	*b = (struct sbuf){0};
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	*b = (struct sbuf){0};
}

/* ==== Swedish numbers ===================================================================== */

#define MINUS "\xe2\x88\x92"          /* U+2212 MINUS SIGN */
#define THIN_SPACE "\xe2\x80\xaf"     /* U+202F NARROW NO-BREAK SPACE */

/* The digits of @p digits (ASCII, no sign) grouped by three from the right into @p out. */
static void group(const char *digits, bool negative, char *out, size_t cap)
{
	size_t n = strlen(digits), o = 0;
	if (negative && o + 3 < cap) {
		memcpy(out, MINUS, 3);
		o = 3;
	}
	for (size_t i = 0; i < n && o + 4 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(out + o, THIN_SPACE, 3);
			o += 3;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *num_sv_int(int64_t v, char buf[NUM_SV_MAX])
{
	char digits[24];
	/* the magnitude as unsigned, so INT64_MIN has one too */
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
	group(digits, v < 0, buf, NUM_SV_MAX);
	return buf;
}

char *num_sv_real(double v, int decimals, char buf[NUM_SV_MAX])
{
	char text[64];
	if (!isfinite(v) || fabs(v) >= 1e15) {
		snprintf(buf, NUM_SV_MAX, "%s", isfinite(v) ? "\xe2\x88\x9e" : "\xe2\x80\x93");
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	double scale = pow(10, decimals), r = round(fabs(v) * scale) / scale;
	snprintf(text, sizeof text, "%.*f", decimals, r);
	char *dot = strchr(text, '.');
	if (dot)
		*dot = '\0';
	group(text, v < 0 && r > 0, buf, NUM_SV_MAX);
	if (dot) {
		size_t len = strlen(buf);
		snprintf(buf + len, NUM_SV_MAX - len, ",%s", dot + 1);
	}
	return buf;
}

/* ==== narrative =========================================================================== */

/* Parses @p md, drops its raw HTML and shifts its headings by @p shift. */
static cmark_node *narrative_parse(const char *md, int shift)
{
	cmark_node *doc = cmark_parse_document(md ? md : "", md ? strlen(md) : 0,
					       CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = doc ? cmark_iter_new(doc) : NULL;
	cmark_node *drop = NULL;   /* the HTML nodes, chained after the walk through user data */
	cmark_event_type ev;
	while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
		} else if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			cmark_node_set_user_data(n, drop);
			drop = n;
		}
	}
	cmark_iter_free(it);
	/* unlinking is safe only once the iterator is done with the nodes */
	while (drop) {
		cmark_node *next = cmark_node_get_user_data(drop);
		cmark_node_free(drop);   /* unlinks it */
		drop = next;
	}
	return doc;
}

char *report_narrative_html(const char *md, int shift)
{
	cmark_node *doc = narrative_parse(md, shift);
	char *html = doc ? cmark_render_html(doc, CMARK_OPT_DEFAULT) : NULL;
	if (doc)
		cmark_node_free(doc);
	return html;
}

char *report_narrative_md(const char *md, int shift)
{
	cmark_node *doc = narrative_parse(md, shift);
	char *out = doc ? cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0) : NULL;
	if (doc)
		cmark_node_free(doc);
	return out;
}
