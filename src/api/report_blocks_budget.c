/*
 * Budget and forecast sections as a reader sees them: the rollup's tree as one table, a
 * sentence with the result, and for a table per verksamhet a bar chart of the deviations.
 * Figures are the rollup's own, already scaled and rounded as the section asked (tkr,
 * consistent rounding), so the printed rows add up as the rollup promises.
 */
#include <stdio.h>
#include <string.h>

#include "folja/report_render.h"

#include "report_blocks.h"

static const char *scale_words(const json_t *data)
{
	const char *s = json_string_value(json_object_get(data, "scale"));
	return s && strcmp(s, "tkr") == 0 ? "tkr" : s && strcmp(s, "mnkr") == 0 ? "mnkr" : "kr";
}

/* A node's name: the unit's or the group's; lines booked without a code form a group too. */
static const char *node_name(const json_t *n)
{
	const char *name = json_string_value(json_object_get(n, "name"));
	const char *key = json_string_value(json_object_get(n, "key"));
	return name ? name : key ? key : "Utan angiven kod";
}

/* Does the period cover the whole year from January? Then year and period budgets agree. */
static bool whole_year(const json_t *data)
{
	return json_integer_value(json_object_get(data, "last_month")) == 12 &&
	       json_integer_value(json_object_get(data, "first_month")) == 1;
}

/* One budget row of node @p n. */
static json_t *budget_cells(const json_t *n, bool year, bool total)
{
	char label[320];
	snprintf(label, sizeof label, "%s%s", total ? "Summa " : "", node_name(n));
	json_t *cells = json_pack("[s]", label);
	json_t *a = json_object_get(n, "assessment");
	bool ok = cells != NULL;
	if (!year)
		blk_add(cells, blk_num(json_object_get(n, "budget_year"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "budget_period"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "outcome_period"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "deviation_period"), 1), &ok);
	blk_add(cells, blk_pct(json_object_get(n, "deviation_pct")), &ok);
	blk_add(cells, blk_color(json_object_get(a, "color")), &ok);
	blk_add(cells, blk_num(json_object_get(n, "previous_year_outcome"), 1), &ok);
	if (!ok) {
		json_decref(cells);
		return NULL;
	}
	return cells;
}

/* The rows of @p n and its children, parents first, @p level deep. */
static void tree_rows(json_t *table, const json_t *n, int level, bool year, bool *ok)
{
	const json_t *kids = json_object_get(n, "children");
	size_t i;
	json_t *c;
	blk_row(table, level, level == 0 || json_array_size(kids) > 0,
		budget_cells(n, year, false), ok);
	json_array_foreach(kids, i, c)
		if (level < 16)
			tree_rows(table, c, level + 1, year, ok);
}

/* The rows of a grouped rollup: each group, then the unit's total. */
static void group_rows(json_t *table, const json_t *root, bool year, bool *ok)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(root, "children"), i, c)
		blk_row(table, 0, false, budget_cells(c, year, false), ok);
	blk_row(table, 0, true, budget_cells(root, year, true), ok);
}

/* The sentence with the result of the root. */
static json_t *result_sentence(const json_t *data, const char *period_words)
{
	char text[640], b[NUM_SV_MAX], o[NUM_SV_MAX], d[NUM_SV_MAX], p[NUM_SV_MAX];
	const json_t *root = json_object_get(data, "root");
	const json_t *pct = json_object_get(root, "deviation_pct");
	const char *word = blk_color_word(json_string_value(json_object_get(json_object_get(root,
		"assessment"), "color")));
	snprintf(text, sizeof text, "%s, %s: utfall %s %s mot budget %s %s, avvikelse %s %s%s%s%s. "
		 "Bedömning: %s.", node_name(root), period_words,
		 num_sv_int(json_integer_value(json_object_get(root, "outcome_period")), o),
		 scale_words(data),
		 num_sv_int(json_integer_value(json_object_get(root, "budget_period")), b),
		 scale_words(data),
		 num_sv_int(json_integer_value(json_object_get(root, "deviation_period")), d),
		 scale_words(data), json_is_number(pct) ? " (" : "",
		 json_is_number(pct) ? num_sv_real(json_number_value(pct), 1, p) : "",
		 json_is_number(pct) ? "\xe2\x80\xaf%)" : "", word ? word : "ej bedömd");
	return blk_text("p", text);
}

/* The bar chart of the groups' deviations. */
static json_t *deviation_chart(const json_t *data, const char *period_words)
{
	char title[256], buf[NUM_SV_MAX];
	json_t *items = json_array(), *c;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(data, "root"), "children"), i, c) {
		const json_t *v = json_object_get(c, "deviation_period");
		if (!json_is_integer(v))
			continue;
		json_t *item = json_pack("{s:s, s:I, s:s}", "label", node_name(c), "value",
					 (json_int_t)json_integer_value(v), "text",
					 num_sv_int(json_integer_value(v), buf));
		if (!items || json_array_append_new(items, item)) {
			json_decref(items);
			return NULL;
		}
	}
	snprintf(title, sizeof title, "Avvikelse mot budget per verksamhet, %s, %s",
		 scale_words(data), period_words);
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", "chart", "kind", "bars", "title",
			 title, "unit", scale_words(data), "items", items);
}

bool blocks_budget(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	const char *ledger = json_string_value(json_object_get(data, "ledger"));
	if (ledger && strcmp(ledger, "investering") == 0)
		return blocks_investments(doc, sec, data, out);
	static const char *const head_year[] = {"", "Budget", "Utfall", "Avvikelse", "Avvikelse %",
		"Bedömning", "Utfall föregående år", NULL};
	static const char *const head_part[] = {"", "Budget helår", "Budget perioden",
		"Utfall perioden", "Avvikelse", "Avvikelse %", "Bedömning",
		"Utfall samma period föregående år", NULL};
	char words[64], caption[256];
	bool ok = true, year = whole_year(data);
	const char *group = json_string_value(json_object_get(data, "group_by"));
	bool grouped = group && strcmp(group, "unit") != 0;
	(void)doc;
	(void)sec;
	blk_period_words(json_string_value(json_object_get(data, "period")),
			 json_is_true(json_object_get(data, "cumulative")), words, sizeof words);
	snprintf(caption, sizeof caption, "Belopp i %s, %s. Avvikelse = utfall − budget; en "
		 "positiv avvikelse är gynnsam.", scale_words(data), words);
	json_t *t = blk_table(caption, year ? head_year : head_part, year ? "lrrrrlr" : "lrrrrrlr");
	json_array_set_new(json_object_get(t, "head"), 0, json_string(grouped ?
		(strcmp(group, "activity") == 0 ? "Verksamhet" : "Kostnadsslag") : "Enhet"));
	blk_add(out, result_sentence(data, words), &ok);
	/* the picture first, then the table that holds its figures */
	if (grouped && strcmp(group, "activity") == 0)
		blk_add(out, deviation_chart(data, words), &ok);
	if (t && grouped)
		group_rows(t, json_object_get(data, "root"), year, &ok);
	else if (t)
		tree_rows(t, json_object_get(data, "root"), 0, year, &ok);
	blk_add(out, t, &ok);
	return ok;
}

/* One forecast row of node @p n. */
static json_t *forecast_cells(const json_t *n, bool total)
{
	char label[320];
	snprintf(label, sizeof label, "%s%s", total ? "Summa " : "", node_name(n));
	json_t *cells = json_pack("[s]", label);
	bool ok = cells != NULL;
	blk_add(cells, blk_num(json_object_get(n, "budget_year"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "outcome_period"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "forecast_year"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "forecast_deviation"), 1), &ok);
	if (!ok) {
		json_decref(cells);
		return NULL;
	}
	return cells;
}

static void forecast_rows(json_t *table, const json_t *n, int level, bool *ok)
{
	size_t i;
	json_t *c;
	const json_t *kids = json_object_get(n, "children");
	blk_row(table, level, level == 0 || json_array_size(kids) > 0, forecast_cells(n, false),
		ok);
	json_array_foreach(kids, i, c)
		if (level < 16)
			forecast_rows(table, c, level + 1, ok);
}

bool blocks_forecast(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	static const char *const head[] = {"Enhet", "Budget helår", "Utfall perioden",
		"Prognos helår", "Prognosavvikelse", NULL};
	char words[64], caption[256];
	bool ok = true;
	(void)doc;
	(void)sec;
	blk_period_words(json_string_value(json_object_get(data, "period")), true, words,
			 sizeof words);
	snprintf(caption, sizeof caption, "Belopp i %s. Helårsprognosen är den senaste som "
		 "gjorts till och med perioden (%s); prognosavvikelse = prognos − budget.",
		 scale_words(data), words);
	json_t *t = blk_table(caption, head, "lrrrr");
	if (t)
		forecast_rows(t, json_object_get(data, "root"), 0, &ok);
	blk_add(out, t, &ok);
	return ok;
}

/* ==== investments ========================================================================= */

/* One investment row of node @p n: a project, a unit, or the total. */
static json_t *investment_cells(const json_t *n, bool total)
{
	char label[320];
	const char *kind = json_string_value(json_object_get(n, "kind"));
	bool unplaced = kind && strcmp(kind, "project") == 0 && json_is_null(json_object_get(n,
		"key"));
	snprintf(label, sizeof label, "%s%s", total ? "Summa " : "", unplaced ?
		 "Ej fördelat på projekt" : node_name(n));
	json_t *cells = json_pack("[s]", label);
	bool ok = cells != NULL;
	blk_add(cells, blk_num(json_object_get(n, "budget_year"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "outcome_period"), 1), &ok);
	blk_add(cells, blk_pct(json_object_get(n, "spent_share_pct")), &ok);
	blk_add(cells, blk_num(json_object_get(n, "forecast_year"), 1), &ok);
	blk_add(cells, blk_num(json_object_get(n, "forecast_deviation"), 1), &ok);
	if (!ok) {
		json_decref(cells);
		return NULL;
	}
	return cells;
}

/* The investment tree of units, parents first. */
static void investment_rows(json_t *table, const json_t *n, int level, bool *ok)
{
	size_t i;
	json_t *c;
	const json_t *kids = json_object_get(n, "children");
	blk_row(table, level, level == 0 || json_array_size(kids) > 0, investment_cells(n, false),
		ok);
	json_array_foreach(kids, i, c)
		if (level < 16)
			investment_rows(table, c, level + 1, ok);
}

/* The sentences of seed 002: the year's investment budget, what was spent, what is expected.
 * Spending is a cost, negative in the ledger: the sentences give it as an amount spent. */
static json_t *investment_sentence(const json_t *data, const char *words)
{
	const json_t *root = json_object_get(data, "root");
	const json_t *share = json_object_get(root, "spent_share_pct");
	const json_t *fc = json_object_get(root, "forecast_year");
	char text[640], b[NUM_SV_MAX], o[NUM_SV_MAX], p[NUM_SV_MAX], f[NUM_SV_MAX];
	const char *scale = scale_words(data);
	size_t len = (size_t)snprintf(text, sizeof text, "Investeringsbudgeten för %lld är %s %s. "
		"Under %s har %s %s använts", (long long)json_integer_value(json_object_get(data,
		"year")), num_sv_int(-json_integer_value(json_object_get(root, "budget_year")), b),
		scale, words, num_sv_int(-json_integer_value(json_object_get(root, "outcome_period")),
		o), scale);
	if (json_is_number(share) && len < sizeof text)
		len += (size_t)snprintf(text + len, sizeof text - len, ", %s\xe2\x80\xaf%% av "
					"budgeten", num_sv_real(json_number_value(share), 1, p));
	if (json_is_integer(fc) && len < sizeof text)
		snprintf(text + len, sizeof text - len, ". Enligt prognosen används %s %s under "
			 "året.", num_sv_int(-json_integer_value(fc), f), scale);
	else if (len < sizeof text)
		snprintf(text + len, sizeof text - len, ". Det finns ingen prognos för helåret.");
	return blk_text("p", text);
}

bool blocks_investments(const json_t *doc, const json_t *sec, const json_t *data, json_t *out)
{
	static const char *const head[] = {"Projekt", "Budget helår", "Utfall perioden",
		"Förbrukat av budgeten", "Prognos helår", "Prognos − budget", NULL};
	char words[64], caption[512];
	bool ok = true;
	const char *group = json_string_value(json_object_get(data, "group_by"));
	const json_t *root = json_object_get(data, "root"), *c;
	size_t i;
	(void)doc;
	(void)sec;
	blk_period_words(json_string_value(json_object_get(data, "period")),
			 json_is_true(json_object_get(data, "cumulative")), words, sizeof words);
	snprintf(caption, sizeof caption, "Belopp i %s, %s. Utgifter är negativa, som i "
		 "bokföringen. Investeringar färgbedöms inte: en lägre förbrukning än budgeterat "
		 "betyder oftast att ett projekt är försenat, inte att något har sparats.",
		 scale_words(data), words);
	json_t *t = blk_table(caption, head, "lrrrrr");
	blk_add(out, investment_sentence(data, words), &ok);
	if (t && group && strcmp(group, "project") == 0) {
		json_array_foreach(json_object_get(root, "children"), i, c)
			blk_row(t, 0, false, investment_cells(c, false), &ok);
		blk_row(t, 0, true, investment_cells(root, true), &ok);
	} else if (t) {
		if (json_array_set_new(json_object_get(t, "head"), 0, json_string("Enhet")))
			ok = false;
		investment_rows(t, root, 0, &ok);
	}
	blk_add(out, t, &ok);
	return ok;
}
