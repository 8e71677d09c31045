/*
 * What a register's summary shows its own way, beside the counts every summary shares
 * (report_blocks_summary.c): the risk table and the 5×5 risk matrix with the economic
 * sensitivity analysis (seed 001 "Riskhantering", seed 002 "Risk- och känslighetsanalys"),
 * the audits and follow-ups of the period (seed 003 "Uppföljningar"), the actions past their
 * due date and the planned against the realised effect (seed 000 "plan för budget i balans"),
 * and the internal control plan that nobody has followed up yet (seed 002 at T1).
 *
 * Lists of records carry text a reader needs — a risk's description and measures, an audit's
 * subject, an action's title and due date — and never a record id or an owner's name.  A list
 * is shown only where the summary hides no count: its rows would otherwise count what the
 * summary suppressed.
 */
#include <stdio.h>
#include <string.h>

#include "report_blocks.h"

static const char dash[] = "\xe2\x80\x93";

/* The notice for a list left out because the summary suppressed a count. */
static json_t *list_hidden(const char *what)
{
	char text[256];
	snprintf(text, sizeof text, "%s visas inte här, eftersom de skulle avslöja antal som är "
		 "för små för att redovisas.", what);
	return blk_text("note", text);
}

/* A text cell: @p s, or a dash for none. */
static json_t *text_cell(const char *s)
{
	return json_string(s && *s ? s : dash);
}

/* ==== risks =============================================================================== */

/* The matrix cell of probability @p p and consequence @p q, or NULL. */
static const json_t *matrix_cell(const json_t *matrix, json_int_t p, json_int_t q)
{
	size_t i;
	const json_t *c;
	json_array_foreach(matrix, i, c)
		if (json_integer_value(json_object_get(c, "probability")) == p &&
		    json_integer_value(json_object_get(c, "consequence")) == q)
			return c;
	return NULL;
}

/* True when some risk is placed in the matrix (or a cell is hidden). */
static bool matrix_used(const json_t *matrix)
{
	size_t i;
	const json_t *c;
	json_array_foreach(matrix, i, c)
		if (!json_is_integer(json_object_get(c, "count")) ||
		    json_integer_value(json_object_get(c, "count")) > 0)
			return true;
	return false;
}

/* The 5×5 matrix as a grid: a row per probability, the highest first, a column per
 * consequence. */
static json_t *matrix_table(const json_t *matrix)
{
	static const char *const head[] = {"Sannolikhet", "Konsekvens 1", "Konsekvens 2",
		"Konsekvens 3", "Konsekvens 4", "Konsekvens 5", NULL};
	json_t *t = blk_table("Riskmatris: antal risker efter sannolikhet och konsekvens, båda "
			      "bedömda från 1 (lägst) till 5 (högst). Riskvärdet är sannolikhet × "
			      "konsekvens.", head, "lrrrrr");
	bool ok = t != NULL;
	char label[32];
	for (json_int_t p = 5; p >= 1; p--) {
		snprintf(label, sizeof label, "%lld", (long long)p);
		json_t *cells = json_pack("[s]", label);
		for (json_int_t q = 1; q <= 5; q++) {
			const json_t *c = matrix_cell(matrix, p, q);
			blk_add(cells, c ? blk_count(c, "count") : json_string(dash), &ok);
		}
		blk_row(t, 0, false, cells, &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* A risk's value, with its factors when it has them: "12 (3 × 4)". */
static json_t *value_cell(const json_t *r)
{
	char text[96];
	const json_t *p = json_object_get(r, "probability"), *q = json_object_get(r, "consequence");
	if (!json_is_integer(json_object_get(r, "value")))
		return json_string(dash);
	if (json_is_integer(p) && json_is_integer(q))
		snprintf(text, sizeof text, "%lld (%lld \xc3\x97 %lld)",
			 (long long)json_integer_value(json_object_get(r, "value")),
			 (long long)json_integer_value(p), (long long)json_integer_value(q));
	else
		snprintf(text, sizeof text, "%lld",
			 (long long)json_integer_value(json_object_get(r, "value")));
	return json_string(text);
}

/* The risks with the highest values, as seed 001 prints them. */
static json_t *risk_table(const json_t *data)
{
	static const char *const head[] = {"Risk", "Typ", "Riskvärde", "Åtgärder",
		"Bedömning", NULL};
	json_t *t = blk_table("Riskerna med riskvärde, det högsta först. Bedömningen gäller hur "
			      "åtgärderna verkar vid den senaste uppföljningen.", head, "llrll"), *r;
	bool ok = t != NULL;
	size_t i;
	char buf[128];
	json_array_foreach(json_object_get(data, "highest"), i, r) {
		const char *type = json_string_value(json_object_get(r, "type"));
		blk_row(t, 0, false, json_pack("[o, s, o, o, o]",
			text_cell(json_string_value(json_object_get(r, "description"))),
			type ? blk_label(data, type, buf, sizeof buf) : dash, value_cell(r),
			text_cell(json_string_value(json_object_get(r, "measures"))),
			blk_color(json_object_get(r, "color"))), &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* The sums of the economic sensitivity analysis, when there is one. */
static json_t *economic_table(const json_t *eco)
{
	static const char *const head[] = {"Risk- och känslighetsanalys", "Belopp", NULL};
	const char *scale = json_string_value(json_object_get(eco, "scale"));
	char words[64], caption[256];
	blk_period_words(json_string_value(json_object_get(eco, "analysis_period")), false, words,
			 sizeof words);
	snprintf(caption, sizeof caption, "Analysen gjord för %s, belopp i %s. Positiva belopp är "
		 "möjligheter, negativa är risker för budgetens utfall.", words, scale ? scale :
		 "kr");
	json_t *t = blk_table(caption, head, "lr");
	bool ok = t != NULL;
	blk_row(t, 0, false, json_pack("[s, o]", "Positiva", blk_num(json_object_get(eco,
		"positive"), 0)), &ok);
	blk_row(t, 0, false, json_pack("[s, o]", "Negativa", blk_num(json_object_get(eco,
		"negative"), 0)), &ok);
	blk_row(t, 0, true, json_pack("[s, o]", "Netto", blk_num(json_object_get(eco, "net"), 0)),
		&ok);
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* The risks themselves: their table and their matrix, or why either is not shown. */
static void risk_lists(const json_t *data, json_t *out, bool *ok)
{
	const json_t *matrix = json_object_get(data, "matrix");
	if (blk_any_suppressed(data)) {
		blk_add(out, list_hidden("Riskerna och riskmatrisen"), ok);
		return;
	}
	if (json_array_size(json_object_get(data, "highest")) == 0) {
		blk_add(out, blk_text("p", "Ingen av riskerna har något riskvärde ännu, så de "
				      "redovisas bara som antal."), ok);
		return;
	}
	blk_add(out, risk_table(data), ok);
	if (matrix_used(matrix))
		blk_add(out, matrix_table(matrix), ok);
	else
		blk_add(out, blk_text("p", "Ingen risk är bedömd med sannolikhet och konsekvens var "
				      "för sig, så riskmatrisen är tom."), ok);
}

bool summary_risks(const json_t *data, bool none, json_t *out)
{
	bool ok = true;
	const json_t *eco = json_object_get(data, "economic");
	if (!none)
		risk_lists(data, out, &ok);
	if (json_is_string(json_object_get(eco, "analysis_period")))
		blk_add(out, economic_table(eco), &ok);
	return ok;
}

/* ==== internal control ==================================================================== */

bool summary_internal_control(const json_t *data, bool none, json_t *out)
{
	bool ok = true;
	const json_t *done = json_object_get(data, "done");
	const json_t *not_done = json_object_get(data, "not_done");
	if (!none && json_is_integer(done) && json_integer_value(done) == 0 &&
	    json_is_integer(not_done) && json_integer_value(not_done) == 0)
		blk_add(out, blk_text("p", "Ingen av kontrollerna har följts upp ännu."), &ok);
	return ok;
}

/* ==== actions ============================================================================= */

/* The planned against the realised effect in kronor, when an action has either. */
static json_t *effect_table(const json_t *effect)
{
	static const char *const head[] = {"Ekonomisk effekt", "Kronor", NULL};
	json_t *t = blk_table("Åtgärdernas planerade och uppnådda ekonomiska effekt.", head, "lr");
	bool ok = t != NULL;
	blk_row(t, 0, false, json_pack("[s, o]", "Planerad effekt", blk_num(json_object_get(effect,
		"planned_kr"), 0)), &ok);
	blk_row(t, 0, false, json_pack("[s, o]", "Uppnådd effekt", blk_num(json_object_get(effect,
		"realised_kr"), 0)), &ok);
	blk_row(t, 0, true, json_pack("[s, o]", "Skillnad (uppnådd − planerad)",
		blk_num(json_object_get(effect, "difference_kr"), 0)), &ok);
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* The actions past their due date and still open at the cut-off. */
static json_t *overdue_table(const json_t *data)
{
	static const char *const head[] = {"Åtgärd", "Slutdatum", "Dagar efter slutdatum",
		"Status", NULL};
	char cut[64], caption[160], date[64], buf[128];
	blk_date_words(json_string_value(json_object_get(data, "cut_off")), cut, sizeof cut);
	snprintf(caption, sizeof caption, "Åtgärder som den %s hade passerat sitt slutdatum utan "
		 "att vara genomförda.", cut);
	json_t *t = blk_table(caption, head, "llrl"), *a;
	bool ok = t != NULL;
	size_t i;
	json_array_foreach(json_object_get(data, "overdue"), i, a) {
		const char *status = json_string_value(json_object_get(a, "status"));
		blk_date_words(json_string_value(json_object_get(a, "due_on")), date, sizeof date);
		blk_row(t, 0, false, json_pack("[o, s, o, s]",
			text_cell(json_string_value(json_object_get(a, "title"))), date,
			blk_num(json_object_get(a, "days_overdue"), 0),
			status ? blk_label(data, status, buf, sizeof buf) : dash), &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

bool summary_actions(const json_t *data, bool none, json_t *out)
{
	bool ok = true;
	const json_t *effect = json_object_get(data, "effect");
	const json_t *overdue = json_object_get(data, "overdue_count");
	if (none)
		return ok;
	if (json_integer_value(json_object_get(effect, "with_planned")) > 0 ||
	    json_integer_value(json_object_get(effect, "with_realised")) > 0)
		blk_add(out, effect_table(effect), &ok);
	if (json_is_integer(overdue) && json_integer_value(overdue) == 0)
		blk_add(out, blk_text("p", "Ingen åtgärd hade passerat sitt slutdatum utan att vara "
				      "genomförd."), &ok);
	else if (blk_any_suppressed(data))
		blk_add(out, list_hidden("Åtgärderna som passerat sitt slutdatum"), &ok);
	else
		blk_add(out, overdue_table(data), &ok);
	return ok;
}

/* ==== audits ============================================================================== */

/* The period's audits and follow-ups, as seed 003 names them. */
static json_t *audit_table(const json_t *data)
{
	static const char *const head[] = {"Granskning eller uppföljning", "Slag", "Datum",
		"Iakttagelser", "Åtgärder", "Varav ej genomförda", NULL};
	json_t *t = blk_table("", head, "llllrr"), *a;
	bool ok = t != NULL;
	size_t i;
	char date[64], buf[128];
	json_array_foreach(json_object_get(data, "audits"), i, a) {
		const char *kind = json_string_value(json_object_get(a, "kind"));
		blk_date_words(json_string_value(json_object_get(a, "done_on")), date, sizeof date);
		blk_row(t, 0, false, json_pack("[o, s, s, s, o, o]",
			text_cell(json_string_value(json_object_get(a, "subject"))),
			kind ? blk_label(data, kind, buf, sizeof buf) : dash, date,
			json_is_true(json_object_get(a, "findings")) ? "Ja" : "Nej",
			blk_num(json_object_get(a, "actions"), 0),
			blk_num(json_object_get(a, "actions_open"), 0)), &ok);
	}
	if (!ok) {
		json_decref(t);
		return NULL;
	}
	return t;
}

bool summary_audits(const json_t *data, bool none, json_t *out)
{
	bool ok = true;
	if (none)
		return ok;
	if (blk_any_suppressed(data))
		blk_add(out, list_hidden("Granskningarna"), &ok);
	else
		blk_add(out, audit_table(data), &ok);
	return ok;
}
