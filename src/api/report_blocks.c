/*
 * From a section's JSON to the blocks a reader sees (see src/api/report_blocks.h): the shared
 * helpers, the dispatch on the section's type, and the narrative, unavailable and refused
 * sections.  Each computed type has its own file (report_blocks_budget.c, _goals.c,
 * _registers.c).
 */
#include <stdio.h>
#include <string.h>

#include "folja/period.h"
#include "folja/report_render.h"

#include "report_blocks.h"

/* ==== helpers ============================================================================= */

void blk_add(json_t *arr, json_t *v, bool *ok)
{
	if (!v || json_array_append_new(arr, v) != 0)
		*ok = false;
}

json_t *blk_text(const char *type, const char *text)
{
	return json_pack("{s:s, s:s}", "type", type, "text", text ? text : "");
}

json_t *blk_table(const char *caption, const char *const *head, const char *align)
{
	json_t *h = json_array();
	for (size_t i = 0; h && head[i]; i++)
		if (json_array_append_new(h, json_string(head[i]))) {
			json_decref(h);
			h = NULL;
		}
	return h ? json_pack("{s:s, s:s, s:o, s:s, s:[]}", "type", "table", "caption",
			     caption ? caption : "", "head", h, "align", align, "rows") : NULL;
}

void blk_row(json_t *table, int level, bool strong, json_t *cells, bool *ok)
{
	json_t *row = cells ? json_pack("{s:i, s:b, s:o}", "level", level, "strong", strong,
					"cells", cells) : NULL;
	blk_add(json_object_get(table, "rows"), row, ok);
}

static const char dash[] = "\xe2\x80\x93";   /* – for a figure that does not exist */

json_t *blk_num(const json_t *v, int decimals)
{
	char buf[NUM_SV_MAX];
	if (json_is_integer(v))
		return json_string(num_sv_int(json_integer_value(v), buf));
	if (json_is_real(v))
		return json_string(num_sv_real(json_real_value(v), decimals, buf));
	return json_string(dash);
}

json_t *blk_pct(const json_t *v)
{
	char buf[NUM_SV_MAX], out[NUM_SV_MAX + 8];
	if (!json_is_number(v))
		return json_string(dash);
	snprintf(out, sizeof out, "%s\xe2\x80\xaf%%", num_sv_real(json_number_value(v), 1, buf));
	return json_string(out);
}

const char *blk_color_word(const char *color)
{
	if (!color)
		return NULL;
	return strcmp(color, "gron") == 0 ? "Grön" : strcmp(color, "gul") == 0 ? "Gul" :
	       strcmp(color, "rod") == 0 ? "Röd" : NULL;
}

json_t *blk_color(const json_t *color)
{
	const char *word = blk_color_word(json_string_value(color));
	if (!word)
		return json_string("Ej bedömd");
	return json_pack("{s:s, s:s}", "text", word, "color", json_string_value(color));
}

json_t *blk_count(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_null(v) && json_is_true(json_object_get(obj, "suppressed")))
		return json_string("färre än 3");
	return blk_num(v, 0);
}

/* ==== words =============================================================================== */

static const char *const months_sv[] = {"januari", "februari", "mars", "april", "maj", "juni",
					"juli", "augusti", "september", "oktober", "november",
					"december"};

void blk_period_words(const char *period, bool cumulative, char *buf, size_t cap)
{
	struct period p;
	if (!period_parse(period, &p)) {
		snprintf(buf, cap, "%s", period ? period : "");
		return;
	}
	int first = cumulative ? 1 : period_first_month(p), last = period_last_month(p);
	if (first == last)
		snprintf(buf, cap, "%s %d", months_sv[last - 1], p.year);
	else
		snprintf(buf, cap, "%s\xe2\x80\x93%s %d", months_sv[first - 1], months_sv[last - 1],
			 p.year);
}

void blk_date_words(const char *date, char *buf, size_t cap)
{
	int y, m, d;
	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		snprintf(buf, cap, "%s", date ? date : "");
	else
		snprintf(buf, cap, "%d %s %d", d, months_sv[m - 1], y);
}

/* ==== the title block ===================================================================== */

static const char *kind_word(const char *kind)
{
	return !kind ? "Rapport" : strcmp(kind, "verksamhetsberattelse") == 0 ?
	       "Verksamhetsberättelse" : strcmp(kind, "delarsrapport") == 0 ? "Delårsrapport" :
	       strcmp(kind, "tertialrapport") == 0 ? "Tertialrapport" :
	       strcmp(kind, "manadsrapport") == 0 ? "Månadsrapport" : "Rapport";
}

/* The state of the report in words: decided and locked, or a draft. */
static void state_words(const json_t *doc, struct report_head *h)
{
	char decided[64];
	const char *ref = json_string_value(json_object_get(doc, "decision_ref"));
	const char *on = json_string_value(json_object_get(doc, "decided_on"));
	const char *at = json_string_value(json_object_get(doc, "locked_at"));
	long long rev = (long long)json_integer_value(json_object_get(doc, "revision"));
	long long dv = (long long)json_integer_value(json_object_get(doc, "data_version"));
	blk_date_words(on, decided, sizeof decided);
	if (h->locked)
		snprintf(h->state, sizeof h->state, "%s%s%s%s%s. Låst %s, revision %lld; siffrorna "
			 "är de som gällde när rapporten låstes (dataversion %lld).",
			 on ? "Beslutad " : "Låst utan beslutsdatum", on ? decided : "",
			 ref ? " (" : "", ref ? ref : "", ref ? ")" : "", at ? at : "", rev, dv);
	else
		snprintf(h->state, sizeof h->state, "Utkast, revision %lld. Siffrorna är beräknade "
			 "ur dataversion %lld och kan ändras tills rapporten låses.", rev, dv);
}

/* When and as what a locked report was decided and locked, for the cover's list. */
static void lock_words(const json_t *doc, struct report_head *h)
{
	char on[64], at[64] = "";
	int y, mo, d, hh, mm;
	const char *ref = json_string_value(json_object_get(doc, "decision_ref"));
	const char *when = json_string_value(json_object_get(doc, "decided_on"));
	const char *locked = json_string_value(json_object_get(doc, "locked_at"));
	blk_date_words(when, on, sizeof on);
	snprintf(h->decision, sizeof h->decision, "%s%s%s%s", when ? on : "inget beslut angivet",
		 ref ? " (" : "", ref ? ref : "", ref ? ")" : "");
	if (locked && sscanf(locked, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &hh, &mm) == 5) {
		char day[16];
		snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
		blk_date_words(day, at, sizeof at);
		snprintf(at + strlen(at), sizeof at - strlen(at), " kl. %02d.%02d UTC", hh, mm);
	}
	snprintf(h->locked_when, sizeof h->locked_when, "%s, revision %lld (dataversion %lld)", at,
		 (long long)json_integer_value(json_object_get(doc, "revision")),
		 (long long)json_integer_value(json_object_get(doc, "data_version")));
}

void report_head(const json_t *doc, struct report_head *h)
{
	const json_t *unit = json_object_get(doc, "unit");
	const char *kommun = json_string_value(json_object_get(doc, "municipality"));
	const char *sha = json_string_value(json_object_get(doc, "sha256"));
	memset(h, 0, sizeof *h);
	h->locked = strcmp(json_string_value(json_object_get(doc, "status")), "locked") == 0;
	snprintf(h->unit, sizeof h->unit, "%s%s%s", json_string_value(json_object_get(unit,
		 "name")), kommun ? ", " : "", kommun ? kommun : "");
	snprintf(h->kind, sizeof h->kind, "%s", kind_word(json_string_value(json_object_get(doc,
		 "kind"))));
	blk_period_words(json_string_value(json_object_get(doc, "period")), true, h->period,
			 sizeof h->period);
	snprintf(h->kind_period, sizeof h->kind_period, "%s, %s", h->kind, h->period);
	state_words(doc, h);
	if (h->locked)
		lock_words(doc, h);
	if (h->locked && sha)
		snprintf(h->digest, sizeof h->digest, "SHA-256 av rapportens JSON: %s", sha);
}

/* ==== dispatch ============================================================================ */

/* A narrative section: its Markdown, or a notice that nothing is written yet. */
static bool blocks_text(const json_t *sec, json_t *out)
{
	bool ok = true;
	const char *text = json_string_value(json_object_get(sec, "text"));
	if (text && text[strspn(text, " \t\r\n")])
		blk_add(out, blk_text("markdown", text), &ok);
	else
		blk_add(out, blk_text("note", "Ingen text är skriven för avsnittet ännu."), &ok);
	return ok;
}

/* A section without data: not available here, refused by its endpoint, or a statistics
 * section whose statistic is not chosen yet. */
static bool blocks_missing(const json_t *sec, json_t *out)
{
	bool ok = true;
	char buf[512];
	const json_t *error = json_object_get(sec, "error");
	const char *type = json_string_value(json_object_get(sec, "type"));
	if (type && strcmp(type, "statistics") == 0 &&
	    !json_object_get(json_object_get(sec, "params"), "statistic_id")) {
		/* a template's placeholder, not a statistic that went away */
		blk_add(out, blk_text("note", "Ingen statistik är vald för avsnittet ännu: ange "
				      "statistic_id bland avsnittets parametrar."), &ok);
	} else if (error) {
		snprintf(buf, sizeof buf, "Avsnittet kunde inte tas fram (%s).",
			 json_string_value(json_object_get(error, "text")));
		blk_add(out, blk_text("note", buf), &ok);
	} else {
		blk_add(out, blk_text("note", "Uppgifterna för avsnittet finns inte i den här "
				      "installationen ännu (not yet available in this "
				      "installation)."), &ok);
	}
	return ok;
}

typedef bool (*blocks_fn)(const json_t *doc, const json_t *sec, const json_t *data,
			  json_t *out);

static const struct {
	const char *type;
	blocks_fn fn;
} kinds[] = {
	{"budget", blocks_budget},
	{"forecast", blocks_forecast},
	{"goals", blocks_goals},
	{"goal_summary", blocks_goal_summary},
	{"indicators", blocks_indicators},
	{"lex_sarah", blocks_lex_sarah},
	{"decisions", blocks_decisions},
	{"decisions_summary", blocks_decisions_year},
	{"investments", blocks_investments},
	{"statistics", blocks_statistics},
	{"risks", blocks_summary},
	{"internal_control", blocks_summary},
	{"actions", blocks_summary},
	{"complaints", blocks_summary},
	{"incidents", blocks_summary},
	{"audits", blocks_summary},
	{"lex_maria", blocks_summary},
};

json_t *report_blocks(const json_t *doc, const json_t *sec)
{
	json_t *out = json_array();
	const char *type = json_string_value(json_object_get(sec, "type"));
	const json_t *data = json_object_get(sec, "data");
	bool ok = out != NULL;
	if (ok && type && strcmp(type, "text") == 0) {
		ok = blocks_text(sec, out);
	} else if (ok && (!data || json_is_null(data))) {
		ok = blocks_missing(sec, out);
	} else if (ok) {
		size_t i = 0;
		while (i < sizeof kinds / sizeof kinds[0] && strcmp(kinds[i].type, type) != 0)
			i++;
		ok = i < sizeof kinds / sizeof kinds[0] ? kinds[i].fn(doc, sec, data, out)
							 : blocks_missing(sec, out);
	}
	if (!ok) {
		json_decref(out);
		return NULL;
	}
	return out;
}
