/*
 * Goal sections as a reader sees them: the goal tree as one table (each goal's colour, what
 * decided it, the comment of a manual assessment, and its indicators), and the goal summary
 * (each area's colour in this and the year's earlier reports, and its month row, as a table
 * and as a chart of coloured marks).
 */
#include <stdio.h>
#include <string.h>

#include "folja/report_render.h"

#include "report_blocks.h"

static const char *const short_months[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul",
					   "aug", "sep", "okt", "nov", "dec"};

/* The Swedish word of a goal level or status name; the name itself when unknown. */
static const char *word_of(const char *name)
{
	static const char *const words[][2] = {
		{"malomrade", "Målområde"}, {"strategiskt_mal", "Strategiskt mål"},
		{"namndmal", "Nämndmål"}, {"enhetsmal", "Enhetsmål"},
		{"kvalitetsmal", "Kvalitetsmål"}, {"uppdrag", "Uppdrag"},
		{"kvalitetsgaranti", "Kvalitetsgaranti"}, {"prioritering", "Prioritering"},
		{"helt", "Helt uppfyllt"}, {"i_hog_grad", "I hög grad uppfyllt"},
		{"delvis", "Delvis uppfyllt"}, {"ej", "Ej uppfyllt"}, {"ej_bedomd", "Ej bedömt"},
		{"ej_paborjad", "Ej påbörjat"}, {"paborjad", "Påbörjat"}, {"fardig", "Färdigt"},
		{"uppfylld", "Uppfylld"}, {"ej_uppfylld", "Ej uppfylld"},
	};
	for (size_t i = 0; name && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], name) == 0)
			return words[i][1];
	return name ? name : "";
}

/* What decided a goal's colour: the manual status, or the share of green children. */
static void basis_text(const json_t *a, char *buf, size_t cap)
{
	const json_t *manual = json_object_get(a, "manual"), *computed = json_object_get(a,
		"computed");
	char share[NUM_SV_MAX];
	int green = (int)json_integer_value(json_object_get(computed, "green"));
	int assessed = (int)json_integer_value(json_object_get(computed, "assessed"));
	const char *cword = blk_color_word(json_string_value(json_object_get(computed, "color")));
	int n = 0;
	if (json_is_object(manual))
		n = snprintf(buf, cap, "%s", word_of(json_string_value(json_object_get(manual,
			"status"))));
	if (assessed > 0 && n >= 0 && (size_t)n < cap)
		snprintf(buf + n, cap - (size_t)n, "%s%d av %d gröna (%s\xe2\x80\xaf%%)%s%s%s",
			 n ? "; beräknat: " : "", green, assessed, num_sv_real(json_number_value(
			 json_object_get(computed, "share")), 0, share), cword ? " \xe2\x86\x92 " : "",
			 cword ? cword : "", "");
	if (n == 0 && assessed == 0)
		snprintf(buf, cap, "Inget underlag för perioden");
}

/* A measure's unit as printed after a value. */
static const char *unit_suffix(const char *mu)
{
	return !mu ? "" : strcmp(mu, "percent") == 0 ? "\xe2\x80\xaf%" :
	       strcmp(mu, "days") == 0 ? " dagar" : strcmp(mu, "kr") == 0 ? " kr" :
	       strcmp(mu, "tkr") == 0 ? " tkr" : "";
}

/* An indicator row under its goal. */
static json_t *indicator_cells(const json_t *ind)
{
	char label[600], basis[256], v[NUM_SV_MAX], t[NUM_SV_MAX];
	const char *suffix = unit_suffix(json_string_value(json_object_get(ind, "measure_unit")));
	const json_t *value = json_object_get(ind, "value"), *target = json_object_get(ind,
		"target");
	const char *reason = json_string_value(json_object_get(ind, "null_reason"));
	snprintf(label, sizeof label, "Indikator: %s", json_string_value(json_object_get(ind,
		 "name")));
	if (json_is_number(value))
		snprintf(basis, sizeof basis, "Utfall %s%s%s%s%s", num_sv_real(json_number_value(
			 value), 1, v), suffix, json_is_number(target) ? ", målvärde " : "",
			 json_is_number(target) ? num_sv_real(json_number_value(target), 1, t) : "",
			 json_is_number(target) ? suffix : "");
	else
		snprintf(basis, sizeof basis, "Inget utfall%s%s", reason ? ": " : "",
			 reason ? reason : "");
	return json_pack("[s, s, o, s, s]", label, "Indikator", blk_color(json_object_get(
		json_object_get(ind, "assessment"), "color")), basis, "");
}

/* The row of goal @p g, its indicators and its children, @p level deep. */
static void goal_rows(json_t *table, const json_t *g, int level, bool *ok)
{
	char basis[256];
	const json_t *a = json_object_get(g, "assessment");
	const json_t *manual = json_object_get(a, "manual");
	const char *comment = json_string_value(json_object_get(manual, "comment"));
	size_t i;
	json_t *c;
	basis_text(a, basis, sizeof basis);
	blk_row(table, level, level == 0, json_pack("[s, s, o, s, s]", json_string_value(
		json_object_get(g, "title")), word_of(json_string_value(json_object_get(g,
		"level"))), blk_color(json_object_get(a, "color")), basis, comment ? comment : ""),
		ok);
	json_array_foreach(json_object_get(g, "indicators"), i, c)
		blk_row(table, level + 1, false, indicator_cells(c), ok);
	json_array_foreach(json_object_get(g, "children"), i, c)
		if (level < 16)
			goal_rows(table, c, level + 1, ok);
}

bool blocks_goals(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	static const char *const head[] = {"Mål", "Nivå", "Bedömning", "Underlag", "Kommentar",
					   NULL};
	char words[64], caption[256];
	bool ok = true;
	size_t i;
	json_t *g;
	(void)doc;
	(void)sec;
	blk_period_words(json_string_value(json_object_get(data, "period")), true, words,
			 sizeof words);
	snprintf(caption, sizeof caption, "Måluppfyllelse %s. Ett mål bedöms av en person eller "
		 "beräknas ur andelen gröna delmål och indikatorer.", words);
	json_t *t = blk_table(caption, head, "lllll");
	json_array_foreach(json_object_get(data, "goals"), i, g)
		goal_rows(t, g, 0, &ok);
	if (json_array_size(json_object_get(data, "goals")) == 0)
		blk_add(out, blk_text("note", "Inga mål gäller för enheten under perioden."), &ok);
	else
		blk_add(out, t, &ok);
	if (!json_array_size(json_object_get(data, "goals")))
		json_decref(t);
	return ok;
}

/* ==== goal summary ======================================================================== */

/* The table of areas × columns. */
static json_t *summary_table(const json_t *data, bool *computed)
{
	const json_t *cols = json_object_get(data, "columns");
	const char *head[16] = {"Målområde"};
	char labels[15][64], align[17] = "l";
	size_t i, n = json_array_size(cols) < 15 ? json_array_size(cols) : 15;
	json_t *col, *a;
	for (i = 0; i < n; i++) {
		col = json_array_get(cols, i);
		bool now = strcmp(json_string_value(json_object_get(col, "source")), "computed") == 0;
		*computed |= now;
		snprintf(labels[i], sizeof labels[i], "%s%s", json_string_value(json_object_get(col,
			 "label")), now ? " *" : "");
		head[i + 1] = labels[i];
		align[i + 1] = 'l';
	}
	head[n + 1] = NULL;
	json_t *t = blk_table("Varje målområdes färg i denna rapport och i årets tidigare "
			      "rapporter.", head, align);
	bool ok = t != NULL;
	json_array_foreach(json_object_get(data, "areas"), i, a) {
		json_t *cells = json_pack("[s]", json_string_value(json_object_get(a, "title")));
		for (size_t k = 0; cells && k < n; k++)
			blk_add(cells, blk_color(json_object_get(json_array_get(json_object_get(a,
				"colors"), k), "color")), &ok);
		blk_row(t, 0, false, cells, &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* The month rows as a table and as a chart. */
static bool month_blocks(const json_t *data, json_t *out)
{
	const char *head[14] = {"Målområde"};
	bool ok = true;
	size_t i, k;
	json_t *a, *m;
	for (k = 0; k < 12; k++)
		head[k + 1] = short_months[k];
	head[13] = NULL;
	json_t *t = blk_table("Måluppfyllelse per månad.", head, "lllllllllllll");
	json_t *rows = json_array();
	json_array_foreach(json_object_get(data, "areas"), i, a) {
		json_t *cells = json_pack("[s]", json_string_value(json_object_get(a, "title")));
		json_t *colors = json_array();
		json_array_foreach(json_object_get(a, "months"), k, m) {
			blk_add(cells, blk_color(json_object_get(m, "color")), &ok);
			blk_add(colors, json_incref(json_object_get(m, "color")), &ok);
		}
		blk_row(t, 0, false, cells, &ok);
		blk_add(rows, json_pack("{s:O, s:o}", "label", json_object_get(a, "title"),
					"colors", colors), &ok);
	}
	char title[64];
	snprintf(title, sizeof title, "Måluppfyllelse per månad %lld",
		 (long long)json_integer_value(json_object_get(data, "year")));
	blk_add(out, json_pack("{s:s, s:s, s:s, s:o}", "type", "chart", "kind", "months",
			       "title", title, "rows", rows), &ok);
	blk_add(out, t, &ok);
	return ok;
}

bool blocks_goal_summary(const json_t *doc, const json_t *sec, const json_t *data,
			 json_t *out)
{
	bool ok = true, computed = false;
	(void)doc;
	(void)sec;
	if (json_array_size(json_object_get(data, "areas")) == 0) {
		blk_add(out, blk_text("note", "Inga målområden gäller för enheten under perioden."),
			&ok);
		return ok;
	}
	blk_add(out, summary_table(data, &computed), &ok);
	if (computed)
		blk_add(out, blk_text("note", "* Beräknat nu ur målen: ingen låst rapport finns för "
				      "perioden. En rapport som beslutats visar sina färger som de "
				      "beslutades."), &ok);
	return month_blocks(data, out) && ok;
}
