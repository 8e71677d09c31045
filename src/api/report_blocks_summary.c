/*
 * A register's summary as a reader sees it: risks, internal control, actions, complaints,
 * work-environment incidents, audits and lex Maria.
 *
 * Every register summary has the same shape: counts as members of the reply ("total",
 * "handled", "with_findings"), spans of days ({count, median, max}), and breakdowns, arrays
 * of {key, name?, count, ...} or {period, done, ...} whose rows add up to the totals.  So one
 * renderer shows them all, as a controller writes that part of a report: a sentence with the
 * total (for a total of 0 that sentence alone: no empty tables), what the register shows its
 * own way (the risk table and matrix, the audits, the overdue actions: report_blocks_lists.c),
 * a table "Nyckeltal" of the other counts, and a table per breakdown.  A breakdown by unit or
 * category whose columns are all totals of the reply gets a "Summa" row, and those totals are
 * not repeated among the key figures.
 *
 * Labels come from one small dictionary of member names, then from the summary's own {key,
 * name} lists (the names of incident kinds, complaint outcomes, harms), else the key with its
 * underscores as spaces.  Counts go through blk_count, so a suppressed one reads "färre än 3";
 * lists of records are left to report_blocks_lists.c, which shows them only where the summary
 * hides no count they would give away.
 */
#include <stdio.h>
#include <string.h>

#include "folja/date.h"

#include "report_blocks.h"

/* ==== labels ============================================================================== */

/* The Swedish label of a member name of the summaries. */
static const char *const words[][2] = {
	{"total", "Totalt"},
	{"handled", "Avslutade"},
	{"open", "Under handläggning"},
	{"open_items_count", "Ej avslutade vid periodens slut"},
	{"reported_to_authority", "Anmälda till Arbetsmiljöverket"},
	{"open_investigations_count", "Utredningar som inte är avslutade"},
	{"with_findings", "Med iakttagelser eller brister"},
	{"actions", "Åtgärder med anledning av granskningarna"},
	{"actions_open", "varav ännu inte genomförda"},
	{"overdue_count", "Åtgärder som passerat sitt slutdatum"},
	{"controls", "Kontroller i planen"},
	{"with_risk", "Kontroller kopplade till en risk"},
	{"done", "Genomförda"},
	{"without_deviations", "Utan avvikelse"},
	{"with_deviations", "Med avvikelse"},
	{"not_done", "Ej genomförda"},
	{"not_followed_up", "Ännu inte följda upp"},
	{"valued_without_factors", "Med riskvärde men utan sannolikhet och konsekvens"},
	{"not_valued", "Utan riskvärde"},
	{"handling_days", "Handläggningstid"},
	{"days_to_notification", "Tid från händelse till anmälan"},
	{"investigation_days", "Utredningstid"},
};

/* The first column and the caption of a breakdown's table ("groups" depends on group_by). */
static const char *const lists[][3] = {
	{"by_status", "Status", "Per status"},
	{"by_kind", "Typ", "Per typ"},
	{"by_type", "Typ av risk", "Per typ av risk"},
	{"by_color", "Bedömning", "Per bedömning vid den senaste uppföljningen"},
	{"by_origin", "Ursprung", "Per ursprung"},
	{"by_harm", "Vårdskada", "Per slag av vårdskada"},
	{"periods", "Period", "Per uppföljningsperiod"},
};

static const char *word_of(const char *key)
{
	for (size_t i = 0; key && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], key) == 0)
			return words[i][1];
	return NULL;
}

/* The name of @p key in any of the summary's {key, name} lists, or NULL. */
static const char *listed_name(const json_t *data, const char *key)
{
	const char *member;
	const json_t *v, *row;
	size_t i;
	json_object_foreach((json_t *)data, member, v)
		json_array_foreach(v, i, row) {
			const char *k = json_string_value(json_object_get(row, "key"));
			const char *name = json_string_value(json_object_get(row, "name"));
			if (k && name && strcmp(k, key) == 0)
				return name;
		}
	return NULL;
}

const char *blk_label(const json_t *data, const char *key, char *buf, size_t cap)
{
	const char *w = word_of(key);
	if (!w && key)
		w = listed_name(data, key);
	if (w)
		return w;
	snprintf(buf, cap, "%s", key ? key : "");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}

bool blk_any_suppressed(const json_t *v)
{
	const char *k;
	const json_t *x;
	size_t i;
	if (json_is_true(json_object_get(v, "suppressed")))
		return true;
	json_object_foreach((json_t *)v, k, x)
		if ((json_is_object(x) || json_is_array(x)) && blk_any_suppressed(x))
			return true;
	json_array_foreach(v, i, x)
		if (blk_any_suppressed(x))
			return true;
	return false;
}

/* ==== the period in words ================================================================= */

static const char *const months[] = {"januari", "februari", "mars", "april", "maj", "juni",
				     "juli", "augusti", "september", "oktober", "november",
				     "december"};

void blk_span_words(const char *from, const char *to, char *buf, size_t cap)
{
	struct date a, b;
	char x[64], y[64];
	if (!date_parse(from, &a) || !date_parse(to, &b)) {
		snprintf(buf, cap, "%s\xe2\x80\x93%s", from ? from : "", to ? to : "");
	} else if (a.d != 1 || b.d != date_days_in_month(b.y, b.m)) {
		blk_date_words(from, x, sizeof x);
		blk_date_words(to, y, sizeof y);
		snprintf(buf, cap, "%s\xe2\x80\x93%s", x, y);
	} else if (a.y == b.y && a.m == 1 && b.m == 12) {
		snprintf(buf, cap, "%d", a.y);
	} else if (a.y == b.y && a.m == b.m) {
		snprintf(buf, cap, "%s %d", months[a.m - 1], a.y);
	} else if (a.y == b.y) {
		snprintf(buf, cap, "%s\xe2\x80\x93%s %d", months[a.m - 1], months[b.m - 1], a.y);
	} else {
		snprintf(buf, cap, "%s %d\xe2\x80\x93%s %d", months[a.m - 1], a.y, months[b.m - 1],
			 b.y);
	}
}

/* The period a summary covers: its days, or the year of a register kept per year. */
static void summary_words(const json_t *data, char *buf, size_t cap)
{
	const char *from = json_string_value(json_object_get(data, "from"));
	if (from)
		blk_span_words(from, json_string_value(json_object_get(data, "cut_off")), buf,
			       cap);
	else
		snprintf(buf, cap, "%lld", (long long)json_integer_value(json_object_get(data,
			 "year")));
}

/* ==== breakdowns ========================================================================== */

/* Members of a breakdown's rows that are no count columns. */
static bool row_text(const char *k)
{
	static const char *const text[] = {"key", "name", "period", "label", "suppressed", "dims"};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (strcmp(text[i], k) == 0)
			return true;
	return false;
}

/* The count columns of breakdown @p arr (its first row's counts), at most @p cap, into
 * @p cols; 0 when @p arr is no breakdown: records (with an id), name lists, other arrays. */
static size_t columns(const json_t *arr, const char **cols, size_t cap)
{
	const json_t *first = json_array_get(arr, 0), *v;
	const char *k;
	size_t n = 0;
	if (!json_is_object(first) || json_object_get(first, "id") ||
	    (!json_object_get(first, "key") && !json_object_get(first, "period")))
		return 0;
	json_object_foreach((json_t *)first, k, v)
		if (!row_text(k) && (json_is_integer(v) || json_is_null(v)) && n < cap)
			cols[n++] = k;
	return n;
}

/* The member of the reply that totals column @p col of the groups ("count" is the total). */
static const char *total_of(const char *col, const char *total)
{
	return strcmp(col, "count") == 0 ? total : col;
}

/* True when @p data's groups get a "Summa" row: every column has its total in the reply. */
static bool groups_summed(const json_t *data, const char *total)
{
	const char *cols[16];
	size_t n = columns(json_object_get(data, "groups"), cols, 16);
	for (size_t i = 0; i < n; i++)
		if (!json_object_get(data, total_of(cols[i], total)))
			return false;
	return n > 0;
}

/* The first cell of a breakdown's row: its name, its period in words, or its key's label
 * (a colour with its word). */
static json_t *row_label(const json_t *data, const json_t *row)
{
	char buf[128];
	const char *name = json_string_value(json_object_get(row, "name"));
	const char *period = json_string_value(json_object_get(row, "period"));
	const char *key = json_string_value(json_object_get(row, "key"));
	if (name && blk_color_word(key))
		return json_pack("{s:s, s:s}", "text", name, "color", key);
	if (name)
		return json_string(name);
	if (period) {
		blk_period_words(period, false, buf, sizeof buf);
		return json_string(buf);
	}
	if (!key)
		return json_string("Utan angiven kod");
	return json_string(blk_label(data, key, buf, sizeof buf));
}

/* The head of breakdown @p member: its first column, then a label per count column. */
static json_t *breakdown_head(const json_t *data, const char *member, const char **cols,
			      size_t n, const char **caption)
{
	const char *group = json_string_value(json_object_get(data, "group_by"));
	bool by_unit = !group || strcmp(group, "unit") == 0;
	const char *first = by_unit ? "Enhet" : "Kategori";
	char buf[128];
	*caption = by_unit ? "Per enhet" : "Per kategori";
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i][0], member) == 0) {
			first = lists[i][1];
			*caption = lists[i][2];
		}
	json_t *head = json_pack("[s]", first);
	for (size_t i = 0; head && i < n; i++)
		if (json_array_append_new(head, json_string(strcmp(cols[i], "count") == 0 ?
				(n == 1 ? "Antal" : "Totalt") : blk_label(data, cols[i], buf,
									  sizeof buf)))) {
			json_decref(head);
			head = NULL;
		}
	return head;
}

/* The table of breakdown @p member (@p arr), with a Summa row when @p summed. */
static json_t *breakdown_table(const json_t *data, const char *member, const json_t *arr,
			       const char *total, bool summed)
{
	const char *cols[16], *caption;
	char align[18] = "l";
	size_t n = columns(arr, cols, 16), i;
	bool ok = true;
	json_t *head = breakdown_head(data, member, cols, n, &caption), *row;
	memset(align + 1, 'r', n);
	json_t *t = head ? json_pack("{s:s, s:s, s:o, s:s, s:[]}", "type", "table", "caption",
				     caption, "head", head, "align", align, "rows") : NULL;
	json_array_foreach(arr, i, row) {
		json_t *cells = json_pack("[o]", row_label(data, row));
		for (size_t k = 0; k < n; k++)
			blk_add(cells, blk_count(row, cols[k]), &ok);
		blk_row(t, 0, false, cells, &ok);
	}
	if (summed && strcmp(member, "groups") == 0) {
		json_t *cells = json_pack("[s]", "Summa");
		for (size_t k = 0; k < n; k++)
			blk_add(cells, blk_count(data, total_of(cols[k], total)), &ok);
		blk_row(t, 0, true, cells, &ok);
	}
	if (!ok || !t) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* ==== the registers ======================================================================= */

typedef bool (*summary_own_fn)(const json_t *data, bool none, json_t *out);

/* Columns: section type, the member holding its total, the sentence with the total ("<what>
 * <period>: <total>."), the sentence for a total of 0 ("<none> <period>."), the blocks the
 * register shows its own way, before its tables, and a count those blocks tell. */
static const struct summary_kind {
	const char *type;
	const char *total;
	const char *what;
	const char *none;
	summary_own_fn own;
	const char *own_count;   /* a count the own blocks tell, not repeated among key figures */
} kinds[] = {
	{"risks", "total", "Risker i riskhanteringsplanen för",
	 "Inga risker är registrerade för", summary_risks, NULL},
	{"internal_control", "controls", "Kontroller i internkontrollplanen för",
	 "Det finns inga kontroller i internkontrollplanen för", summary_internal_control,
	 NULL},
	{"actions", "total", "Nämndens åtgärder som följs upp för",
	 "Inga av nämndens åtgärder följs upp för", summary_actions, "overdue_count"},
	{"complaints", "total", "Synpunkter och klagomål som kom in under",
	 "Inga synpunkter eller klagomål kom in under", NULL, NULL},
	{"incidents", "total", "Tillbud, olycksfall och andra arbetsmiljöhändelser som "
	 "rapporterades under", "Inga tillbud, olycksfall eller andra arbetsmiljöhändelser "
	 "rapporterades under", NULL, NULL},
	{"audits", "total", "Granskningar, avtalsuppföljningar och tillsyn under",
	 "Inga granskningar, avtalsuppföljningar eller tillsynsbesök är registrerade för",
	 summary_audits, NULL},
	{"lex_maria", "total", "Anmälningar enligt lex Maria till IVO under",
	 "Inga anmälningar enligt lex Maria gjordes under", NULL, NULL},
};

/* ==== key figures ========================================================================= */

/* Members that say what was asked, not what was counted. */
static bool meta(const char *k)
{
	static const char *const names[] = {"period", "year", "cut_off", "as_of", "from",
					    "unit_id", "group_by"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i], k) == 0)
			return true;
	return false;
}

/* True when member @p k is shown in the groups' Summa row instead. */
static bool in_summa(const json_t *data, const char *k, const char *total)
{
	const char *cols[16];
	size_t n = columns(json_object_get(data, "groups"), cols, 16);
	for (size_t i = 0; i < n; i++)
		if (strcmp(total_of(cols[i], total), k) == 0)
			return true;
	return false;
}

/* The rows of a span of days: its median and its longest, when it has them. */
static void days_rows(json_t *t, const json_t *data, const char *k, const json_t *days,
		      bool *ok)
{
	char buf[128], label[192];
	const char *name = blk_label(data, k, buf, sizeof buf);
	if (!json_is_number(json_object_get(days, "median")))
		return;
	snprintf(label, sizeof label, "%s, median (dagar)", name);
	blk_row(t, 0, false, json_pack("[s, o]", label, blk_num(json_object_get(days, "median"),
								     0)), ok);
	snprintf(label, sizeof label, "%s, längst (dagar)", name);
	blk_row(t, 0, false, json_pack("[s, o]", label, blk_num(json_object_get(days, "max"), 0)),
		ok);
}

/* The counts of the reply that no sentence or Summa row shows, as a table "Nyckeltal"; one
 * such count as a sentence, none as nothing. */
static void key_figures(const json_t *data, const struct summary_kind *kind, bool summed,
			json_t *out, bool *ok)
{
	const char *total = kind->total;
	static const char *const head[] = {"Nyckeltal", "Antal", NULL};
	char buf[128], text[256];
	const char *k;
	const json_t *v;
	bool days = false;
	json_t *t = blk_table("", head, "lr");
	json_object_foreach((json_t *)data, k, v) {
		if (meta(k) || strcmp(k, total) == 0 || (summed && in_summa(data, k, total)) ||
		    (kind->own_count && strcmp(k, kind->own_count) == 0))
			continue;
		if (json_is_integer(v) || (json_is_null(v) && word_of(k))) {
			blk_row(t, 0, false, json_pack("[s, o]", blk_label(data, k, buf, sizeof buf),
						       blk_count(data, k)), ok);
		} else if (json_object_get(v, "median")) {
			days |= json_is_number(json_object_get(v, "median"));
			days_rows(t, data, k, v, ok);
		}
	}
	if (days && json_array_set_new(json_object_get(t, "head"), 1, json_string("Värde")))
		*ok = false;   /* not every figure is a count */
	const json_t *rows = json_object_get(t, "rows");
	if (json_array_size(rows) == 1) {
		const json_t *cells = json_object_get(json_array_get(rows, 0), "cells");
		snprintf(text, sizeof text, "%s: %s.", json_string_value(json_array_get(cells, 0)),
			 json_string_value(json_array_get(cells, 1)));
		blk_add(out, blk_text("p", text), ok);
		json_decref(t);
	} else if (json_array_size(rows) > 1 || !t) {
		blk_add(out, t, ok);
	} else {
		json_decref(t);
	}
}

/* ==== the section ========================================================================= */

/* The sentence with the total, or with its absence. */
static json_t *total_sentence(const struct summary_kind *k, const json_t *data, bool none)
{
	char period[96], text[512];
	summary_words(data, period, sizeof period);
	if (none) {
		snprintf(text, sizeof text, "%s %s.", k->none, period);
		return blk_text("p", text);
	}
	json_t *count = blk_count(data, k->total);
	if (!count)
		return NULL;
	snprintf(text, sizeof text, "%s %s: %s.", k->what, period, json_string_value(count));
	json_decref(count);
	return blk_text("p", text);
}

bool blocks_summary(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	const char *type = json_string_value(json_object_get(sec, "type")), *k;
	const struct summary_kind *kind = &kinds[0];
	const json_t *v;
	bool ok = true;
	(void)doc;
	for (size_t i = 0; type && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].type, type) == 0)
			kind = &kinds[i];
	const json_t *total = json_object_get(data, kind->total);
	bool none = json_is_integer(total) && json_integer_value(total) == 0;
	blk_add(out, total_sentence(kind, data, none), &ok);
	if (ok && kind->own)
		ok = kind->own(data, none, out);
	if (none)
		return ok;
	bool summed = groups_summed(data, kind->total);
	key_figures(data, kind, summed, out, &ok);
	json_object_foreach((json_t *)data, k, v) {
		const char *cols[16];
		if (json_is_array(v) && columns(v, cols, 16) > 0)
			blk_add(out, breakdown_table(data, k, v, kind->total, summed), &ok);
	}
	return ok;
}
