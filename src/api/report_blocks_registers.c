/*
 * Indicator, lex Sarah and decision sections as a reader sees them.  Counts are shown as the
 * report holds them (a committee's document shows "1 st.", seed 001); names of insatser come
 * from the report's own label list, frozen with it when it is locked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/report_render.h"

#include "report_blocks.h"

/* The display name of code @p key in the report's label list @p list, else the code with its
 * underscores as spaces, into @p buf. */
static const char *label_of(const json_t *doc, const char *list, const char *key, char *buf,
			    size_t cap)
{
	const char *name = json_string_value(json_object_get(json_object_get(json_object_get(doc,
		"labels"), list), key ? key : ""));
	if (name)
		return name;
	snprintf(buf, cap, "%s", key ? key : "");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}

/* ==== indicators ========================================================================== */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The year periods (up to @p year) any indicator has a value for, the last five, sorted. */
static size_t value_years(const json_t *data, int year, const char *out[5])
{
	const char *all[64];
	size_t n = 0, i, k;
	json_t *item, *v;
	json_array_foreach(json_object_get(data, "items"), i, item)
		json_array_foreach(json_object_get(json_object_get(item, "values"), "items"), k, v) {
			const char *p = json_string_value(json_object_get(v, "period"));
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen |= strcmp(all[j], p) == 0;
			if (!seen && n < 64 && p && strlen(p) == 4 && atoi(p) <= year)
				all[n++] = p;
		}
	qsort(all, n, sizeof all[0], cmp_str);
	size_t from = n > 5 ? n - 5 : 0;
	for (i = from; i < n; i++)
		out[i - from] = all[i];
	return n - from;
}

/* The value of @p period in an item's values, or NULL. */
static const json_t *value_of(const json_t *item, const char *period)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(json_object_get(item, "values"), "items"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "period")), period) == 0)
			return v;
	return NULL;
}

/* The comparison cell: its colour with rank, or a dash. */
static json_t *comparison_cell(const json_t *cmp)
{
	char text[96];
	const char *word = blk_color_word(json_string_value(json_object_get(cmp, "color")));
	if (!word)
		return json_string("\xe2\x80\x93");
	snprintf(text, sizeof text, "%s (plats %lld av %lld)", word,
		 (long long)json_integer_value(json_object_get(cmp, "rank")),
		 (long long)json_integer_value(json_object_get(cmp, "of")));
	return json_pack("{s:s, s:O}", "text", text, "color", json_object_get(cmp, "color"));
}

/* One indicator's row; the reasons of its null values appended to @p notes. */
static json_t *indicator_row(const json_t *item, const char *const *years, size_t ny,
			     const char *year, json_t *notes, bool *ok)
{
	const json_t *ind = json_object_get(item, "indicator");
	int dec = (int)json_integer_value(json_object_get(ind, "decimals"));
	const json_t *now = value_of(item, year);
	json_t *cells = json_pack("[s]", json_string_value(json_object_get(ind, "name")));
	char note[700];
	for (size_t k = 0; k < ny; k++) {
		const json_t *v = value_of(item, years[k]);
		const char *why = json_string_value(json_object_get(v, "null_reason"));
		blk_add(cells, blk_num(json_object_get(v, "value"), dec), ok);
		if (why) {
			snprintf(note, sizeof note, "%s, %s: %s", json_string_value(json_object_get(
				 ind, "name")), years[k], why);
			blk_add(notes, json_string(note), ok);
		}
	}
	blk_add(cells, blk_num(now && json_is_number(json_object_get(now, "target")) ?
			       json_object_get(now, "target") : json_object_get(ind, "target"), dec),
		ok);
	blk_add(cells, blk_color(json_object_get(json_object_get(now, "assessment"), "color")),
		ok);
	blk_add(cells, comparison_cell(json_object_get(item, "comparison")), ok);
	return cells;
}

/* One indicator's series for the chart (its values up to the year), or NULL for fewer than
 * two numbers. */
static json_t *indicator_series(const json_t *item, const char *const *years, size_t ny)
{
	const json_t *ind = json_object_get(item, "indicator");
	int dec = (int)json_integer_value(json_object_get(ind, "decimals"));
	json_t *points = json_array();
	char buf[NUM_SV_MAX];
	size_t numbers = 0;
	for (size_t k = 0; points && k < ny; k++) {
		const json_t *v = json_object_get(value_of(item, years[k]), "value");
		json_t *pt = json_is_number(v) ? json_pack("{s:s, s:f, s:s}", "x", years[k], "value",
			json_number_value(v), "text", num_sv_real(json_number_value(v), dec, buf))
			: json_pack("{s:s, s:n}", "x", years[k], "value");
		numbers += json_is_number(v);
		if (json_array_append_new(points, pt)) {
			json_decref(points);
			return NULL;
		}
	}
	if (numbers < 2) {
		json_decref(points);
		return json_null();   /* not drawn, and not a failure */
	}
	return json_pack("{s:O, s:O, s:o}", "label", json_object_get(ind, "name"), "measure_unit",
			 json_object_get(ind, "measure_unit"), "points", points);
}

bool blocks_indicators(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	const char *years[5], *head[10] = {"Indikator"};
	char year[8], h_assess[32], align[12] = "l";
	int y = (int)json_integer_value(json_object_get(data, "year"));
	size_t ny = value_years(data, y, years), i;
	bool ok = true;
	json_t *item, *notes = json_array(), *series = json_array();
	(void)doc;
	(void)sec;
	snprintf(year, sizeof year, "%d", y);
	snprintf(h_assess, sizeof h_assess, "Bedömning %d", y);
	for (i = 0; i < ny; i++)
		head[i + 1] = years[i];
	head[ny + 1] = "Målvärde";
	head[ny + 2] = h_assess;
	head[ny + 3] = "Jämfört med andra kommuner";
	head[ny + 4] = NULL;
	memset(align + 1, 'r', ny + 1);
	memcpy(align + ny + 2, "ll", 3);
	json_t *t = blk_table("Utfall per år. Jämförelsen placerar kommunen bland de kommuner som "
			      "har ett värde: grön bland de 25 procent bästa, gul bland de 50 "
			      "procent mittersta, röd bland de 25 procent sämsta.", head, align);
	json_array_foreach(json_object_get(data, "items"), i, item) {
		blk_row(t, 0, false, indicator_row(item, years, ny, year, notes, &ok), &ok);
		json_t *s = indicator_series(item, years, ny);
		if (!json_is_null(s))
			blk_add(series, s, &ok);
	}
	if (json_array_size(json_object_get(data, "items")) == 0) {
		json_decref(t);
		json_decref(notes);
		json_decref(series);
		blk_add(out, blk_text("note", "Inga indikatorer gäller för enheten under perioden."),
			&ok);
		return ok;
	}
	blk_add(out, t, &ok);
	if (json_array_size(notes))
		blk_add(out, json_pack("{s:s, s:O}", "type", "footnotes", "items", notes), &ok);
	json_decref(notes);
	blk_add(out, json_pack("{s:s, s:s, s:s, s:o}", "type", "chart", "kind", "series", "title",
			       "Indikatorernas utfall år för år", "series", series), &ok);
	return ok;
}

/* ==== lex Sarah =========================================================================== */

static const char *outcome_word(const char *key)
{
	static const char *const words[][2] = {
		{"inget_missforhallande", "Inget missförhållande"},
		{"risk_for_missforhallande", "Risk för missförhållande"},
		{"missforhallande", "Missförhållande"},
		{"allvarligt_missforhallande", "Allvarligt missförhållande"},
		{"allvarlig_risk", "Risk för allvarligt missförhållande"},
		{"ej_bedomd", "Ännu inte bedömd"},
	};
	for (size_t i = 0; key && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], key) == 0)
			return words[i][1];
	return key ? key : "";
}

/* A table of {key, name, count, ivo_notified} rows with a total. */
static json_t *counts_table(const json_t *rows, const char *first, bool outcomes,
			    const json_t *totals)
{
	const char *head[] = {first, "Antal", "Varav anmälda till IVO", NULL};
	json_t *t = blk_table("", head, "lrr"), *r;
	bool ok = t != NULL;
	size_t i;
	json_array_foreach(rows, i, r) {
		const char *name = json_string_value(json_object_get(r, "name"));
		const char *key = json_string_value(json_object_get(r, "key"));
		blk_row(t, 0, false, json_pack("[s, o, o]", outcomes ? outcome_word(key) :
			name ? name : key, blk_count(r, "count"), blk_count(r, "ivo_notified")),
			&ok);
	}
	if (totals)
		blk_row(t, 0, true, json_pack("[s, o, o]", "Summa", blk_count(totals, "total"),
					      blk_count(totals, "ivo_notified")), &ok);
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

bool blocks_lex_sarah(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	char words[64], text[512], med[NUM_SV_MAX];
	bool ok = true;
	const json_t *days = json_object_get(data, "investigation_days");
	const char *group = json_string_value(json_object_get(data, "group_by"));
	(void)doc;
	(void)sec;
	blk_period_words(json_string_value(json_object_get(data, "period")), true, words,
			 sizeof words);
	if (json_integer_value(json_object_get(data, "total")) == 0 &&
	    json_is_integer(json_object_get(data, "total"))) {
		snprintf(text, sizeof text, "Inga lex Sarah-rapporter under %s.", words);
		blk_add(out, blk_text("p", text), &ok);
		return ok;
	}
	snprintf(text, sizeof text, "Lex Sarah-rapporter %s, per %s.", words,
		 group && strcmp(group, "unit") == 0 ? "enhet" : "kategori");
	blk_add(out, blk_text("p", text), &ok);
	blk_add(out, counts_table(json_object_get(data, "groups"), group && strcmp(group, "unit")
				  == 0 ? "Enhet" : "Kategori", false, data), &ok);
	blk_add(out, counts_table(json_object_get(data, "by_outcome"), "Bedömning efter utredning",
				  true, NULL), &ok);
	if (json_is_number(json_object_get(days, "median"))) {
		snprintf(text, sizeof text, "Utredningstid: median %s dagar, längst %lld dagar.",
			 num_sv_real(json_number_value(json_object_get(days, "median")), 0, med),
			 (long long)json_integer_value(json_object_get(days, "max")));
		blk_add(out, blk_text("p", text), &ok);
	}
	return ok;
}

/* ==== decisions =========================================================================== */

/* A table of tally rows {key, count, beslut, avbrott}, names from the report's labels. */
static json_t *tally_table(const json_t *doc, const json_t *rows, const char *first,
			   const char *labels, bool parts)
{
	const char *head_parts[] = {first, "Antal", "Beslut", "Avbrott", NULL};
	const char *head[] = {first, "Antal", NULL};
	json_t *t = blk_table("", parts ? head_parts : head, parts ? "lrrr" : "lr"), *r;
	bool ok = t != NULL;
	size_t i;
	char buf[128];
	json_array_foreach(rows, i, r) {
		const char *key = json_string_value(json_object_get(r, "key"));
		const char *name = !labels ? key : strcmp(labels, "gender") == 0 ?
			(strcmp(key, "K") == 0 ? "Kvinnor" : strcmp(key, "M") == 0 ? "Män" : "Annat")
			: label_of(doc, labels, key, buf, sizeof buf);
		json_t *cells = json_pack("[s, o]", name, blk_count(r, "count"));
		if (parts) {
			blk_add(cells, blk_count(r, "beslut"), &ok);
			blk_add(cells, blk_count(r, "avbrott"), &ok);
		}
		blk_row(t, 0, false, cells, &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* The waiting-time buckets as a table. */
static json_t *wait_table(const json_t *rows)
{
	const char *head[] = {"Väntetid", "Antal", NULL};
	json_t *t = blk_table("", head, "lr"), *r;
	bool ok = t != NULL;
	size_t i;
	char label[64];
	json_array_foreach(rows, i, r) {
		snprintf(label, sizeof label, "%s månader", json_string_value(json_object_get(r,
			 "months")));
		blk_row(t, 0, false, json_pack("[s, o]", label, blk_count(r, "count")), &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

bool blocks_decisions(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	char date[64], text[512];
	bool ok = true;
	(void)sec;
	blk_date_words(json_string_value(json_object_get(data, "cut_off")), date, sizeof date);
	snprintf(text, sizeof text, "Per den %s fanns %lld gynnande beslut som inte verkställts "
		 "inom tre månader (%lld beslut och %lld avbrott i verkställigheten).", date,
		 (long long)json_integer_value(json_object_get(data, "count")),
		 (long long)json_integer_value(json_object_get(data, "beslut")),
		 (long long)json_integer_value(json_object_get(data, "avbrott")));
	blk_add(out, blk_text("p", text), &ok);
	if (json_integer_value(json_object_get(data, "count")) == 0)
		return ok;
	blk_add(out, tally_table(doc, json_object_get(data, "by_insats"), "Insats", "insats",
				 true), &ok);
	blk_add(out, tally_table(doc, json_object_get(data, "by_gender"), "Kön", "gender", true),
		&ok);
	blk_add(out, wait_table(json_object_get(data, "by_wait")), &ok);
	return ok;
}

bool blocks_decisions_year(const json_t *doc, const json_t *sec, const json_t *data,
			   json_t *out)
{
	char text[512];
	bool ok = true;
	size_t i;
	json_t *q;
	(void)sec;
	snprintf(text, sizeof text, "Under %lld var %lld gynnande beslut inte verkställda inom tre "
		 "månader vid något kvartalsskifte.",
		 (long long)json_integer_value(json_object_get(data, "year")),
		 (long long)json_integer_value(json_object_get(data, "total")));
	blk_add(out, blk_text("p", text), &ok);
	if (json_integer_value(json_object_get(data, "total")) == 0)
		return ok;
	blk_add(out, tally_table(doc, json_object_get(data, "by_insats"), "Typ av insats",
				 "insats", false), &ok);
	const char *head[] = {"Kvartal", "Antal vid kvartalets slut", NULL};
	json_t *t = blk_table("", head, "lr");
	json_array_foreach(json_object_get(data, "quarters"), i, q)
		blk_row(t, 0, false, json_pack("[O, o]", json_object_get(q, "quarter"),
					       blk_count(q, "count")), &ok);
	blk_add(out, t, &ok);
	return ok;
}
