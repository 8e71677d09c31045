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

char *csv_from_rows(json_t *rows, size_t *len)
{
	struct out o = {0};
	json_t *first = json_array_get(rows, 0);
	const char *key;
	json_t *v;
	size_t i;

	add(&o, "\xEF\xBB\xBF", 3);
	if (json_is_object(first)) {
		int col = 0;
		json_object_foreach(first, key, v) {
			if (col++)
				add(&o, ";", 1);
			add_text(&o, key);
		}
		add(&o, "\r\n", 2);
	}
	json_array_foreach(rows, i, v) {
		int col = 0;
		json_t *cell;
		json_object_foreach(first, key, cell) {
			if (col++)
				add(&o, ";", 1);
			json_t *x = json_object_get(v, key);
			if (x)
				add_value(&o, x);
		}
		add(&o, "\r\n", 2);
	}
	if (o.failed) {
		free(o.s);
		return NULL;
	}
	*len = o.len;
	return o.s;
}
