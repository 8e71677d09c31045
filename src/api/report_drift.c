/*
 * Drift: which figures of a locked report differ from the same report computed today.
 *
 * A locked report keeps the figures the committee decided; the facts behind them may change
 * afterwards (a late invoice booked, a value corrected, a unit moved).  The drift walks the
 * locked document and the recomputed one side by side, section by section (matched by key),
 * and lists every leaf that differs with its JSON Pointer, the locked value and today's.
 * Explain objects are skipped: they say in words how a figure came about, and every figure
 * they describe is itself compared.
 */
#include <stdio.h>
#include <string.h>

#include "folja/report_render.h"

/* A JSON Pointer being built, one reference token per level. */
struct pointer {
	char s[1024];
	size_t len;
};

/* Appends "/" and @p token, escaped (RFC 6901: ~ as ~0, / as ~1); returns the old length. */
static size_t pointer_push(struct pointer *p, const char *token)
{
	size_t old = p->len;
	if (p->len + 2 < sizeof p->s)
		p->s[p->len++] = '/';
	for (const char *t = token; *t && p->len + 3 < sizeof p->s; t++) {
		if (*t == '~' || *t == '/') {
			p->s[p->len++] = '~';
			p->s[p->len++] = *t == '~' ? '0' : '1';
		} else {
			p->s[p->len++] = *t;
		}
	}
	p->s[p->len] = '\0';
	return old;
}

static void pointer_pop(struct pointer *p, size_t old)
{
	p->len = old;
	p->s[old] = '\0';
}

struct walk {
	struct pointer at;
	const char *section;     /* the key of the section being compared */
	json_t *out;             /* the drift list */
	bool oom;
};

/* Lists the one difference at the current pointer. */
static void differ(struct walk *w, json_t *locked, json_t *now)
{
	json_t *row = json_pack("{s:s, s:s, s:O, s:O}", "path", w->at.s, "section", w->section,
				"locked", locked ? locked : json_null(), "now",
				now ? now : json_null());
	if (!row || json_array_append_new(w->out, row))
		w->oom = true;
}

static void compare(struct walk *w, json_t *locked, json_t *now);

static void compare_objects(struct walk *w, json_t *locked, json_t *now)
{
	const char *k;
	json_t *v;
	json_object_foreach(locked, k, v) {
		if (strcmp(k, "explain") == 0)
			continue;
		size_t old = pointer_push(&w->at, k);
		compare(w, v, json_object_get(now, k));
		pointer_pop(&w->at, old);
	}
	json_object_foreach(now, k, v) {
		if (strcmp(k, "explain") == 0 || json_object_get(locked, k))
			continue;
		size_t old = pointer_push(&w->at, k);
		compare(w, NULL, v);
		pointer_pop(&w->at, old);
	}
}

static void compare_arrays(struct walk *w, json_t *locked, json_t *now)
{
	size_t n = json_array_size(locked) > json_array_size(now) ? json_array_size(locked)
								   : json_array_size(now);
	for (size_t i = 0; i < n && !w->oom; i++) {
		char index[24];
		snprintf(index, sizeof index, "%zu", i);
		size_t old = pointer_push(&w->at, index);
		compare(w, json_array_get(locked, i), json_array_get(now, i));
		pointer_pop(&w->at, old);
	}
}

/* Compares @p locked and @p now (either may be NULL: absent) at the current pointer. */
static void compare(struct walk *w, json_t *locked, json_t *now)
{
	if (w->oom)
		return;
	if (json_is_object(locked) && json_is_object(now))
		compare_objects(w, locked, now);
	else if (json_is_array(locked) && json_is_array(now))
		compare_arrays(w, locked, now);
	else if (!locked || !now || !json_equal(locked, now))
		differ(w, locked, now);   /* a leaf, or values of different shapes: whole */
}

/* The section of @p doc whose key is @p key, or NULL. */
static json_t *section_of(const json_t *doc, const char *key)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "key")), key) == 0)
			return s;
	return NULL;
}

json_t *report_drift(const json_t *locked, const json_t *now)
{
	struct walk w = {.out = json_array()};
	size_t i;
	json_t *s;
	if (!w.out)
		return NULL;
	json_array_foreach(json_object_get(locked, "sections"), i, s) {
		const char *key = json_string_value(json_object_get(s, "key"));
		json_t *other = key ? section_of(now, key) : NULL;
		char index[24];
		if (!key)
			continue;
		w.section = key;
		pointer_pop(&w.at, 0);
		pointer_push(&w.at, "sections");
		snprintf(index, sizeof index, "%zu", i);
		pointer_push(&w.at, index);
		const char *field = json_object_get(s, "text") ? "text" : "data";
		pointer_push(&w.at, field);
		compare(&w, json_object_get(s, field), other ? json_object_get(other, field) : NULL);
	}
	if (w.oom) {
		json_decref(w.out);
		return NULL;
	}
	return w.out;
}
