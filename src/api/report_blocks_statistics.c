/*
 * A statistics section as a reader sees it: the table of one statistic (GET
 * /statistics/{id}/table), as seed 002 prints its activity figures ("Placeringar barn och
 * unga, unika personer, jan–april: 2016, 2017, förändring") and its sick leave by month.
 *
 * A row per value of the table's `by` (a month by its name), then the total; with a compared
 * period the compared year's column comes first, then this year's, the change and the change
 * in percent (for a percentage, the change in percentage points).  A figure without a value
 * is a dash with a footnote saying why, in Swedish, from the reason the endpoint gives
 * (explain.why); a small count hidden on an open read reads "färre än 3", and a figure hidden
 * for a too small group (min_population) or with another hidden figure says so beneath.
 */
#include <stdio.h>
#include <string.h>

#include "folja/date.h"
#include "folja/report_render.h"

#include "report_blocks.h"

static const char dash[] = "\xe2\x80\x93";
static const char *const months[] = {"januari", "februari", "mars", "april", "maj", "juni",
				     "juli", "augusti", "september", "oktober", "november",
				     "december"};

/* ==== why a figure is missing ============================================================= */

/* The Swedish reason of explain.why. */
static const char *why_words(const char *why)
{
	static const char *const words[][2] = {
		{"no_data", "ingen uppgift för perioden"},
		{"null_fact", "uppgiften saknas"},
		{"months_missing", "månadsuppgifterna täcker inte hela perioden"},
		{"distinct_months", "unika personer kan inte läggas ihop månad för månad; perioden "
				    "behöver en egen uppgift"},
		{"distinct_units", "unika personer kan inte läggas ihop enhet för enhet; enheten "
				   "behöver en egen uppgift"},
		{"distinct_rows", "unika personer kan inte läggas ihop rad för rad; totalen behöver "
				  "en egen uppgift"},
		{"given_not_weighed", "procentsatser utan täljare och nämnare kan inte vägas samman"},
		{"share_only", "källan anger bara delens andel av totalen"},
		{"ratio_rows", "kvotens total byggs inte av raderna; totalen behöver en egen uppgift"},
		{"rows_incomplete", "totalen är summan av raderna, och en rad saknar värde"},
		{"zero_denominator", "nämnaren är noll"},
		{"out_of_range", "summan är för stor för att redovisas"},
	};
	for (size_t i = 0; why && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], why) == 0)
			return words[i][1];
	return NULL;
}

/* Why a figure was hidden (explain.suppressed), in Swedish; NULL for a small count, which its
 * cell itself names. */
static const char *hidden_words(const char *text)
{
	if (strncmp(text, "a count this small", 18) == 0)
		return NULL;
	if (strncmp(text, "a group of", 10) == 0)
		return "gruppen är för liten för att redovisas";
	return "döljs så att en annan dold uppgift inte kan räknas fram";
}

/* The cell of figure @p key ("value", "compare") of @p row, whose explain is @p ex; a
 * footnote naming @p label and @p year appended to @p notes when it has no value. */
static json_t *figure_cell(const json_t *row, const char *key, const json_t *ex,
			   int decimals, const char *label, const char *year, json_t *notes,
			   bool *ok)
{
	const json_t *v = json_object_get(row, key);
	const char *hidden = json_string_value(json_object_get(ex, "suppressed"));
	const char *why = hidden ? hidden_words(hidden) :
			  why_words(json_string_value(json_object_get(ex, "why")));
	const char *given = json_string_value(json_object_get(row, strcmp(key, "value") == 0 ?
							      "null_reason" : "compare_null_reason"));
	char note[512];
	if (json_is_number(v))
		return blk_num(v, decimals);
	if (hidden && !why)
		return json_string("färre än 3");
	if (!why && !given)
		return json_string(dash);
	/* a null fact keeps the reason given with it, after the endpoint's own words */
	const char *own = given && strncmp(given, "the fact is null: ", 18) == 0 ? given + 18
										  : NULL;
	if (own)
		snprintf(note, sizeof note, "%s, %s: %s (%s).", label, year, why ? why : given, own);
	else
		snprintf(note, sizeof note, "%s, %s: %s.", label, year, why ? why : given);
	blk_add(notes, json_string(note), ok);
	return json_string(dash);
}

/* ==== the table =========================================================================== */

/* A change with its sign: "+689", "−2", "+8,3 %"; a dash for none. */
static json_t *change_cell(const json_t *v, int decimals, bool pct)
{
	char buf[NUM_SV_MAX], text[NUM_SV_MAX + 8];
	if (!json_is_number(v))
		return json_string(dash);
	double x = json_number_value(v);
	if (json_is_integer(v))
		num_sv_int(json_integer_value(v), buf);
	else
		num_sv_real(x, decimals, buf);
	snprintf(text, sizeof text, "%s%s%s", x > 0 ? "+" : "", buf, pct ? "\xe2\x80\xaf%" : "");
	return json_string(text);
}

/* What a table's rows are written with. */
struct stat_view {
	int decimals;
	bool compare, pp;             /* a compared period; its change in percentage points */
	char year[8], compare_year[8];
	const char *name;             /* the statistic's, for a table of its total alone */
};

/* The row's label: a month by its name, the total alone by the statistic's name. */
static const char *row_name(const struct stat_view *sv, const json_t *row, bool total,
			    bool alone)
{
	int y, m;
	const char *month = json_string_value(json_object_get(row, "month"));
	if (month && sscanf(month, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
		return months[m - 1];
	if (total && alone)
		return sv->name;
	return json_string_value(json_object_get(row, "label"));
}

/* The cells of @p row; footnotes to @p notes. */
static json_t *stat_cells(const struct stat_view *sv, const json_t *row, bool total,
			  bool alone, json_t *notes, bool *ok)
{
	const char *label = row_name(sv, row, total, alone);
	const json_t *ex = json_object_get(row, "explain");
	if (!label)
		label = dash;
	json_t *cells = json_pack("[s]", label);
	if (sv->compare)
		blk_add(cells, figure_cell(row, "compare", json_object_get(ex, "compare"),
					   sv->decimals, label, sv->compare_year, notes, ok), ok);
	blk_add(cells, figure_cell(row, "value", ex, sv->decimals, label, sv->year, notes, ok),
		ok);
	if (sv->compare && sv->pp) {
		blk_add(cells, change_cell(json_object_get(row, "change_pp"), 2, false), ok);
	} else if (sv->compare) {
		blk_add(cells, change_cell(json_object_get(row, "change"), sv->decimals, false),
			ok);
		blk_add(cells, change_cell(json_object_get(row, "change_pct"), 1, true), ok);
	}
	return cells;
}

/* The Swedish name of a dimension: a few the statistics share, else its name. */
static const char *dim_word(const char *name)
{
	static const char *const words[][2] = {{"month", "Månad"}, {"gender", "Kön"},
		{"age_group", "Åldersgrupp"}, {"length", "Sjukfrånvarons längd"},
		{"utforare", "Utförare"}};
	for (size_t k = 0; name && k < sizeof words / sizeof words[0]; k++)
		if (strcmp(words[k][0], name) == 0)
			return words[k][1];
	return name ? name : "";
}

/* The first column's head: the names of the table's `by`, the first capitalised. */
static void by_head(const json_t *data, char *buf, size_t cap)
{
	size_t i, len = 0;
	const json_t *b;
	buf[0] = '\0';
	json_array_foreach(json_object_get(data, "by"), i, b) {
		if (len >= cap)
			break;
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ", " : "",
					dim_word(json_string_value(b)));
	}
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (!buf[0])
		snprintf(buf, cap, "Uppgift");
}

/* The head of the table. */
static json_t *stat_table(const json_t *data, const struct stat_view *sv, const char *caption)
{
	char first[128];
	const char *head[7] = {first};
	size_t n = 1;
	by_head(data, first, sizeof first);
	if (sv->compare)
		head[n++] = sv->compare_year;
	head[n++] = sv->year;
	if (sv->compare && sv->pp) {
		head[n++] = "Förändring, procentenheter";
	} else if (sv->compare) {
		head[n++] = "Förändring";
		head[n++] = "Förändring i procent";
	}
	head[n] = NULL;
	return blk_table(caption, head, "lrrrr");   /* columns past the head are none */
}

/* The measure's unit, for the caption. */
static const char *unit_words(const char *unit)
{
	static const char *const words[][2] = {{"count", "Antal"}, {"percent", "Procent"},
		{"days", "Antal dagar"}, {"hours", "Antal timmar"}, {"kr", "Kronor"}};
	for (size_t i = 0; unit && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], unit) == 0)
			return words[i][1];
	return NULL;
}

/* The caption: the statistic, its months, the compared year, the unit, a filter. */
static void stat_caption(const json_t *data, const struct stat_view *sv, char *buf, size_t cap)
{
	char from[16], to[16], words[96], filter[256] = "";
	int y = 0, m = 0;
	const char *k, *unit = unit_words(json_string_value(json_object_get(json_object_get(data,
		"statistic"), "measure_unit")));
	const char *first = json_string_value(json_object_get(data, "from"));
	const char *last = json_string_value(json_object_get(data, "to"));
	const json_t *v;
	snprintf(from, sizeof from, "%.7s-01", first ? first : "");
	if (last && sscanf(last, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
		snprintf(to, sizeof to, "%04d-%02d-%02d", y, m, date_days_in_month(y, m));
	else
		snprintf(to, sizeof to, "?");
	blk_span_words(from, to, words, sizeof words);
	json_object_foreach(json_object_get(data, "dims"), k, v) {
		size_t len = strlen(filter);
		snprintf(filter + len, sizeof filter - len, "%s%s %s", len ? ", " : " Urval: ",
			 dim_word(k), json_string_value(v) ? json_string_value(v) : "");
	}
	snprintf(buf, cap, "%s, %s%s%s.%s%s%s", sv->name, words, sv->compare ? " jämfört med "
		 "samma period " : "", sv->compare ? sv->compare_year : "", filter,
		 unit ? " " : "", unit ? unit : "");
	if (unit)
		snprintf(buf + strlen(buf), cap - strlen(buf), ".");
}

bool blocks_statistics(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	const json_t *stat = json_object_get(data, "statistic"), *rows = json_object_get(data,
		"rows"), *row;
	const char *cmp = json_string_value(json_object_get(data, "compare_period"));
	struct stat_view sv = {.decimals = (int)json_integer_value(json_object_get(stat,
		"decimals")), .compare = cmp != NULL, .name = json_string_value(json_object_get(stat,
		"name"))};
	if (!sv.name)
		sv.name = "Statistik";
	char caption[768];
	bool ok = true, alone = json_array_size(rows) == 0;
	size_t i;
	(void)doc;
	(void)sec;
	sv.pp = json_object_get(json_object_get(data, "total"), "change_pp") != NULL;
	const char *from = json_string_value(json_object_get(data, "from"));
	snprintf(sv.year, sizeof sv.year, "%.4s", from ? from : "");
	snprintf(sv.compare_year, sizeof sv.compare_year, "%.4s", cmp ? cmp : "");
	stat_caption(data, &sv, caption, sizeof caption);
	json_t *t = stat_table(data, &sv, caption), *notes = json_array();
	json_array_foreach(rows, i, row)
		blk_row(t, 0, false, stat_cells(&sv, row, false, false, notes, &ok), &ok);
	blk_row(t, 0, !alone, stat_cells(&sv, json_object_get(data, "total"), true, alone, notes,
					 &ok), &ok);
	blk_add(out, t, &ok);
	if (json_array_size(notes))
		blk_add(out, json_pack("{s:s, s:O}", "type", "footnotes", "items", notes), &ok);
	ok = ok && notes;
	json_decref(notes);
	return ok;
}
