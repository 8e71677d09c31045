/*
 * Inline SVG charts for a report's HTML (see src/api/report_svg.h).
 *
 * Three kinds, each drawn from a chart block (src/api/report_blocks.h) whose figures are
 * already in the table beside it:
 *   bars    the budget deviation of each verksamhet, left of zero an overspend, right of it a
 *           surplus, the figure written at the end of every row;
 *   months  each goal area's colour month by month, a circle for green, a triangle for yellow,
 *           a square for red, with a legend in words;
 *   series  each indicator's values year by year as a small line chart with the values
 *           printed at the points.
 * Every chart is role="img" with a <title> and a <desc> that reads out all it shows, so it has
 * a text alternative for screen readers and a colour never carries meaning alone.  Coordinates
 * are written with a decimal point (the C locale the program runs in).
 */
#include <math.h>
#include <string.h>

#include "report_svg.h"

#define INK "#1c2127"
#define MUTED "#4b5563"
#define GREEN "#2e7d32"
#define YELLOW "#e0a800"
#define YELLOW_EDGE "#7a5c00"
#define RED "#c62828"
#define NAVY "#1f3a5f"

/* Appends at most @p max characters (code points) of @p s escaped, "…" when cut. */
static void svg_text(struct sbuf *b, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s && s[i] && chars < max; chars++) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	char cut[512];
	size_t n = i < sizeof cut - 1 ? i : sizeof cut - 1;
	memcpy(cut, s ? s : "", n);
	cut[n] = '\0';
	sbuf_html(b, cut);
	if (s && s[i])
		sbuf_add(b, "\xe2\x80\xa6");
}

/* Opens figure @p n: the svg with its title and description. */
static void figure_open(struct sbuf *b, int n, int w, int h, const char *title,
			const struct sbuf *desc)
{
	sbuf_addf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"fig%d-t "
		  "fig%d-d\" font-size=\"12\" fill=\"" INK "\"><title id=\"fig%d-t\">", w, h, w, h, n,
		  n, n);
	sbuf_html(b, title);
	sbuf_addf(b, "</title><desc id=\"fig%d-d\">", n);
	sbuf_html(b, desc->s);
	sbuf_add(b, "</desc>");
}

static void figure_close(struct sbuf *b, int n, const char *title)
{
	sbuf_addf(b, "</svg><figcaption>Figur %d. ", n);
	sbuf_html(b, title);
	sbuf_add(b, "</figcaption></figure>");
}

/* ==== bars ================================================================================ */

static void bars_desc(const json_t *items, const char *unit, struct sbuf *d)
{
	size_t i;
	json_t *it;
	sbuf_add(d, "Avvikelse mot budget (utfall minus budget; positiv är gynnsam): ");
	json_array_foreach(items, i, it)
		sbuf_addf(d, "%s%s %s %s", i ? "; " : "", json_string_value(json_object_get(it,
			  "label")), json_string_value(json_object_get(it, "text")), unit);
	sbuf_add(d, ".");
}

static void bars_chart(struct sbuf *b, const json_t *chart, int n)
{
	const json_t *items = json_object_get(chart, "items");
	const char *title = json_string_value(json_object_get(chart, "title"));
	const char *unit = json_string_value(json_object_get(chart, "unit"));
	double neg = 0, pos = 0, left = 250, width = 360;
	size_t i, count = json_array_size(items);
	json_t *it;
	struct sbuf d = {0};
	json_array_foreach(items, i, it) {
		double v = (double)json_integer_value(json_object_get(it, "value"));
		neg = v < -neg ? -v : neg;
		pos = v > pos ? v : pos;
	}
	double span = neg + pos > 0 ? neg + pos : 1, x0 = left + width * neg / span;
	int h = 40 + (int)count * 26 + 20;
	bars_desc(items, unit, &d);
	figure_open(b, n, 720, h, title, &d);
	sbuf_addf(b, "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"12\" fill=\"" RED "\"/>"
		  "<text x=\"%.1f\" y=\"18\">Underskott</text><rect x=\"%.1f\" y=\"8\" width=\"12\" "
		  "height=\"12\" fill=\"" GREEN "\"/><text x=\"%.1f\" y=\"18\">Överskott</text>",
		  left, left + 16, left + 110, left + 126);
	json_array_foreach(items, i, it) {
		double v = (double)json_integer_value(json_object_get(it, "value"));
		double y = 40 + (double)i * 26, w = fabs(v) * width / span;
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 10, y + 13);
		svg_text(b, json_string_value(json_object_get(it, "label")), 36);
		sbuf_addf(b, "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" "
			  "fill=\"%s\"/><text x=\"712\" y=\"%.1f\" text-anchor=\"end\" "
			  "font-weight=\"600\">", v < 0 ? x0 - w : x0, y + 1, w < 0.5 ? 0.5 : w,
			  v < 0 ? RED : GREEN, y + 13);
		sbuf_html(b, json_string_value(json_object_get(it, "text")));
		sbuf_add(b, "</text>");
	}
	sbuf_addf(b, "<line x1=\"%.1f\" y1=\"32\" x2=\"%.1f\" y2=\"%d\" stroke=\"" INK "\"/>"
		  "<text x=\"712\" y=\"%d\" text-anchor=\"end\" fill=\"" MUTED "\">%s</text>",
		  x0, x0, h - 14, h - 2, unit ? unit : "");
	figure_close(b, n, title);
	sbuf_free(&d);
}

/* ==== months ============================================================================== */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul",
					  "aug", "sep", "okt", "nov", "dec"};

/* The mark of colour @p c centred at (@p x, @p y): circle, triangle, square, or a dash. */
static void mark(struct sbuf *b, const char *c, double x, double y)
{
	if (c && strcmp(c, "gron") == 0)
		sbuf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"" GREEN "\"/>", x, y);
	else if (c && strcmp(c, "gul") == 0)
		sbuf_addf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" YELLOW "\" "
			  "stroke=\"" YELLOW_EDGE "\" stroke-width=\"1.2\"/>", x, y - 9, x + 9,
			  y + 7, x - 9, y + 7);
	else if (c && strcmp(c, "rod") == 0)
		sbuf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"15\" height=\"15\" fill=\"" RED
			  "\"/>", x - 7.5, y - 7.5);
	else
		sbuf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" MUTED
			  "\" stroke-width=\"2\"/>", x - 6, y, x + 6, y);
}

static const char *color_word(const char *c)
{
	return !c ? "ej bedömd" : strcmp(c, "gron") == 0 ? "grön" : strcmp(c, "gul") == 0 ? "gul"
	       : strcmp(c, "rod") == 0 ? "röd" : "ej bedömd";
}

static void months_desc(const json_t *rows, struct sbuf *d)
{
	size_t i, k;
	json_t *r, *c;
	sbuf_add(d, "Färg per månad, januari till december. ");
	json_array_foreach(rows, i, r) {
		sbuf_addf(d, "%s%s: ", i ? " " : "", json_string_value(json_object_get(r, "label")));
		json_array_foreach(json_object_get(r, "colors"), k, c)
			sbuf_addf(d, "%s%s %s", k ? ", " : "", month_names[k % 12],
				  color_word(json_string_value(c)));
		sbuf_add(d, ".");
	}
}

static void months_legend(struct sbuf *b, double y)
{
	static const char *const colors[] = {"gron", "gul", "rod", NULL};
	static const char *const words[] = {"Grön", "Gul", "Röd", "Ej bedömd"};
	for (int i = 0; i < 4; i++) {
		double x = 310 + i * 100;
		mark(b, colors[i], x, y);
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x + 14, y + 4, words[i]);
	}
}

static void months_chart(struct sbuf *b, const json_t *chart, int n)
{
	const json_t *rows = json_object_get(chart, "rows");
	const char *title = json_string_value(json_object_get(chart, "title"));
	size_t i, k, count = json_array_size(rows);
	int h = 34 + (int)count * 34 + 36;
	json_t *r, *c;
	struct sbuf d = {0};
	months_desc(rows, &d);
	figure_open(b, n, 720, h, title, &d);
	for (k = 0; k < 12; k++)
		sbuf_addf(b, "<text x=\"%.1f\" y=\"20\" text-anchor=\"middle\" fill=\"" MUTED
			  "\">%s</text>", 325 + (double)k * 33, month_names[k]);
	json_array_foreach(rows, i, r) {
		double y = 42 + (double)i * 34;
		sbuf_addf(b, "<text x=\"0\" y=\"%.1f\">", y + 4);
		svg_text(b, json_string_value(json_object_get(r, "label")), 46);
		sbuf_add(b, "</text>");
		json_array_foreach(json_object_get(r, "colors"), k, c)
			mark(b, json_string_value(c), 325 + (double)(k % 12) * 33, y);
	}
	months_legend(b, h - 14);
	figure_close(b, n, title);
	sbuf_free(&d);
}

/* ==== series ============================================================================== */

static void series_desc(const json_t *series, struct sbuf *d)
{
	size_t i, k;
	json_t *s, *p;
	json_array_foreach(series, i, s) {
		sbuf_addf(d, "%s%s: ", i ? " " : "", json_string_value(json_object_get(s, "label")));
		json_array_foreach(json_object_get(s, "points"), k, p) {
			const char *text = json_string_value(json_object_get(p, "text"));
			sbuf_addf(d, "%s%s %s", k ? ", " : "", json_string_value(json_object_get(p,
				  "x")), text ? text : "saknas");
		}
		sbuf_add(d, ".");
	}
}

/* The y range of a series' values, widened so a flat line sits in the middle. */
static void series_range(const json_t *points, double *lo, double *hi)
{
	size_t k;
	json_t *p;
	*lo = INFINITY;
	*hi = -INFINITY;
	json_array_foreach(points, k, p) {
		const json_t *v = json_object_get(p, "value");
		if (json_is_number(v)) {
			*lo = fmin(*lo, json_number_value(v));
			*hi = fmax(*hi, json_number_value(v));
		}
	}
	if (*hi - *lo < 1e-9) {
		*lo -= 1;
		*hi += 1;
	}
}

/* The title of a panel on at most two lines of @p width characters, cut at a space. */
static void panel_title(struct sbuf *b, const char *title, double x, double y, size_t width)
{
	size_t chars = 0, i = 0, cut = 0;
	for (; title && title[i] && chars < width; chars++) {
		if (title[i] == ' ')
			cut = i;
		i++;
		while ((title[i] & 0xC0) == 0x80)
			i++;
	}
	if (!title || !title[i] || !cut)
		cut = i;
	char first[256];
	size_t n = cut < sizeof first - 1 ? cut : sizeof first - 1;
	memcpy(first, title ? title : "", n);
	first[n] = '\0';
	sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"600\" font-size=\"11\">", x, y);
	sbuf_html(b, first);
	sbuf_add(b, "</text>");
	if (title && title[cut]) {
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"600\" font-size=\"11\">",
			  x, y + 14);
		svg_text(b, title + cut + (title[cut] == ' '), width);
		sbuf_add(b, "</text>");
	}
}

/* One small chart of series @p s in the panel at (@p ox, @p oy), 340 × 170. */
static void series_panel(struct sbuf *b, const json_t *s, double ox, double oy)
{
	const json_t *points = json_object_get(s, "points");
	size_t k, np = json_array_size(points);
	double lo, hi, prev_x = 0, prev_y = 0;
	bool prev = false;
	json_t *p;
	series_range(points, &lo, &hi);
	panel_title(b, json_string_value(json_object_get(s, "label")), ox, oy + 12, 54);
	sbuf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\""
		  MUTED "\"/>", ox, oy + 142, ox + 330, oy + 142);
	json_array_foreach(points, k, p) {
		const json_t *v = json_object_get(p, "value");
		double x = ox + 25 + (np > 1 ? (double)k * 280 / (double)(np - 1) : 140);
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" MUTED
			  "\" font-size=\"11\">", x, oy + 158);
		sbuf_html(b, json_string_value(json_object_get(p, "x")));
		sbuf_add(b, "</text>");
		if (!json_is_number(v)) {
			prev = false;
			continue;
		}
		double y = oy + 132 - (json_number_value(v) - lo) * 76 / (hi - lo);
		if (prev)
			sbuf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\""
				  NAVY "\" stroke-width=\"2\"/>", prev_x, prev_y, x, y);
		sbuf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"" NAVY "\"/><text "
			  "x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">", x, y, x,
			  y - 8);
		sbuf_html(b, json_string_value(json_object_get(p, "text")));
		sbuf_add(b, "</text>");
		prev = true;
		prev_x = x;
		prev_y = y;
	}
}

static void series_chart(struct sbuf *b, const json_t *chart, int n)
{
	const json_t *series = json_object_get(chart, "series");
	const char *title = json_string_value(json_object_get(chart, "title"));
	size_t i, count = json_array_size(series);
	int h = (int)((count + 1) / 2) * 180 + 10;
	json_t *s;
	struct sbuf d = {0};
	if (count == 0)
		return;
	series_desc(series, &d);
	figure_open(b, n, 720, h, title, &d);
	json_array_foreach(series, i, s)
		series_panel(b, s, (double)(i % 2) * 370, (double)(i / 2) * 180);
	figure_close(b, n, title);
	sbuf_free(&d);
}

void report_svg_chart(struct sbuf *b, const json_t *chart, int n)
{
	const char *kind = json_string_value(json_object_get(chart, "kind"));
	if (!kind)
		return;
	if (strcmp(kind, "bars") == 0)
		bars_chart(b, chart, n);
	else if (strcmp(kind, "months") == 0)
		months_chart(b, chart, n);
	else if (strcmp(kind, "series") == 0)
		series_chart(b, chart, n);
}
