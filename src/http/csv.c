/*
 * CSV writing.  Columns come from the first row's keys, so a list's CSV has exactly the
 * fields of its JSON items, in the same order.  A field is quoted when it contains the
 * separator, a quote, a line break, or starts with a character a spreadsheet would take for a
 * formula; such a cell also gets a leading apostrophe, which defuses CSV injection.  The
 * characters are OWASP's: = + - @, and TAB and CR, which a spreadsheet may skip to read a
 * formula behind them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/csv.h"

struct out {
	char *s;
	size_t len, cap;
	int failed;
};

static void add(struct out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->cap ? o->cap * 2 : 4096) + n;
		char *grown = realloc(o->s, cap);
		if (!grown) {
			o->failed = 1;
			return;
		}
		o->s = grown;
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* The first characters that make a text cell a formula to a spreadsheet. */
static const char formula_lead[] = "=+-@\t\r";

static void add_text(struct out *o, const char *s)
{
	int risky = s[0] && strchr(formula_lead, s[0]);
	if (!risky && !strpbrk(s, ";\"\r\n")) {
		add(o, s, strlen(s));
		return;
	}
	add(o, "\"", 1);
	if (risky)
		add(o, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			add(o, "\"", 1);
		add(o, p, 1);
	}
	add(o, "\"", 1);
}

static void add_value(struct out *o, json_t *v)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_STRING:
		add_text(o, json_string_value(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		add(o, num, strlen(num));
		break;
	case JSON_REAL: {
		snprintf(num, sizeof num, "%.10g", json_real_value(v));
		char *dot = strchr(num, '.');
		if (dot)
			*dot = ',';
		add(o, num, strlen(num));
		break;
	}
	case JSON_TRUE:
		add(o, "true", 4);
		break;
	case JSON_FALSE:
		add(o, "false", 5);
		break;
	case JSON_NULL:
		break;
	default: {
		char *text = json_dumps(v, JSON_COMPACT);
		if (text)
			add_text(o, text);
		free(text);
	}
	}
}

/* Swedish column headers for the columns the reports' tables print; anything else keeps its
 * API name.  Sorted by key. */
static const struct { const char *key, *sv; } swedish[] = {
	{"account", "Kostnadsslag"}, {"activity", "Verksamhet"}, {"amount_kr", "Belopp (kr)"},
	{"assessment", "Bedömning"}, {"budget_period", "Budget perioden"},
	{"budget_year", "Budget helår"}, {"category", "Kategori"}, {"change", "Förändring"},
	{"code", "Kod"}, {"color", "Färg"}, {"count", "Antal"}, {"created_at", "Skapad"},
	{"decided_on", "Beslutsdatum"}, {"deviation_pct", "Avvikelse (%)"},
	{"deviation_period", "Avvikelse perioden"}, {"depth", "Nivå"},
	{"forecast_deviation", "Prognosavvikelse"}, {"forecast_year", "Prognos helår"},
	{"gender", "Kön"}, {"insats", "Insats"}, {"key", "Nyckel"}, {"kind", "Typ"},
	{"law", "Lag"}, {"measure", "Mått"}, {"month", "Månad"}, {"name", "Namn"},
	{"outcome_period", "Utfall perioden"}, {"parent_id", "Överordnad"},
	{"period", "Period"}, {"previous_year_outcome", "Utfall föregående år"},
	{"reference", "Diarienummer"}, {"regi", "Regi"}, {"status", "Status"},
	{"target", "Målvärde"}, {"title", "Rubrik"}, {"trend", "Trend"},
	{"unit_id", "Enhet"}, {"value", "Värde"}, {"year", "År"},
};

static const char *header_of(const char *key, bool sv)
{
	size_t lo = 0, hi = sizeof swedish / sizeof swedish[0];
	while (sv && lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(key, swedish[mid].key);
		if (c == 0)
			return swedish[mid].sv;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return key;
}

/* The columns to write: @p want ("a,b,c") in its order, or every key of @p first.  Fills
 * @p cols (room for CSV_MAX_COLUMNS); returns their number, or -1 with the unknown name in
 * @p bad. */
static int pick_columns(json_t *first, const char *want, const char **cols,
			char bad[CSV_NAME_MAX])
{
	int n = 0;
	const char *key;
	json_t *v;
	if (!want) {
		json_object_foreach(first, key, v)
			if (n < CSV_MAX_COLUMNS)
				cols[n++] = key;
		return n;
	}
	for (const char *p = want; *p && n < CSV_MAX_COLUMNS;) {
		size_t len = strcspn(p, ",");
		snprintf(bad, CSV_NAME_MAX, "%.*s", (int)len, p);
		/* a name of the first row, kept by its pointer there */
		const char *found = NULL;
		json_object_foreach(first, key, v)
			if (strcmp(key, bad) == 0)
				found = key;
		if (!found)
			return -1;
		cols[n++] = found;
		p += len + (p[len] == ',');
	}
	bad[0] = '\0';
	return n;
}

char *csv_write(json_t *rows, const struct csv_options *opt, size_t *len, char bad[CSV_NAME_MAX])
{
	struct out o = {0};
	json_t *first = json_array_get(rows, 0), *v;
	const char *cols[CSV_MAX_COLUMNS];
	size_t i;
	int n = json_is_object(first) ? pick_columns(first, opt->columns, cols, bad) : 0;
	if (n < 0)
		return NULL;
	bad[0] = '\0';
	add(&o, "\xEF\xBB\xBF", 3);
	for (int c = 0; c < n; c++) {
		if (c)
			add(&o, ";", 1);
		add_text(&o, header_of(cols[c], opt->swedish));
	}
	if (n)
		add(&o, "\r\n", 2);
	json_array_foreach(rows, i, v) {
		for (int c = 0; c < n; c++) {
			if (c)
				add(&o, ";", 1);
			json_t *x = json_object_get(v, cols[c]);
			if (x)
				add_value(&o, x);
		}
		if (n)
			add(&o, "\r\n", 2);
	}
	if (o.failed) {
		free(o.s);
		return NULL;
	}
	*len = o.len;
	return o.s;
}

/* ==== a computed reply as a table ========================================================== */

static bool is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

/* True when @p v is a breakdown: a non-empty array of objects. */
static bool is_breakdown(const json_t *v)
{
	return json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0));
}

struct table {
	json_t *rows, *cols;   /* owned */
};

/* Appends {breakdown, depth, <scalar fields of @p o>} and notes its columns; then the entries
 * of @p o's own "children" one level deeper (a tree's rows in tree order). */
static bool add_row(struct table *t, const char *breakdown, const json_t *o, int depth)
{
	json_t *row = json_pack("{s:s, s:i}", "breakdown", breakdown, "depth", depth);
	const char *k;
	json_t *v;
	if (!row || json_array_append_new(t->rows, row) != 0)
		return false;
	json_object_foreach((json_t *)o, k, v)
		if (is_scalar(v) && json_object_set(row, k, v) != 0)
			return false;
	json_object_foreach(row, k, v)
		if (json_object_set(t->cols, k, json_true()) != 0)
			return false;
	size_t i;
	json_t *c;
	json_t *children = json_object_get(o, "children");
	if (depth < 64 && is_breakdown(children))
		json_array_foreach(children, i, c)
			if (!add_row(t, breakdown, c, depth + 1))
				return false;
	return true;
}

/* Every row with every column, in the order first met (null where a row has none). */
static json_t *aligned(const struct table *t)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(t->rows, i, row) {
		json_t *full = json_object();
		const char *k;
		json_t *unused;
		if (!full || json_array_append_new(out, full) != 0) {
			json_decref(out);
			return NULL;
		}
		json_object_foreach(t->cols, k, unused) {
			json_t *v = json_object_get(row, k);
			json_object_set(full, k, v ? v : json_null());
		}
	}
	return out;
}

json_t *csv_rows_of_object(const json_t *obj)
{
	struct table t = {json_array(), json_object()};
	json_t *out = NULL;
	const char *k;
	json_t *v;
	if (!t.rows || !t.cols || !add_row(&t, "total", obj, 0))
		goto cleanup;
	json_object_foreach((json_t *)obj, k, v) {
		size_t i;
		json_t *e;
		if (!is_breakdown(v) || strcmp(k, "children") == 0)
			continue;   /* the total's children are already below it */
		json_array_foreach(v, i, e)
			if (!add_row(&t, k, e, 0))
				goto cleanup;
	}
	out = aligned(&t);
cleanup:
	json_decref(t.rows);
	json_decref(t.cols);
	return out;
}
