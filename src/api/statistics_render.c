/*
 * The reply of a statistics table (see statistics_table.c): a row per value of `by` and a
 * total, each figure beside its compared one, and an explain per figure naming the rule of
 * its aggregate, where it came from (the exact fact, the monthly facts, the sub-units or the
 * rows), the facts and units it drew on, the numerator and denominator of a ratio, and for a
 * null figure why.  Figures are rounded here, at presentation only: values and changes at
 * the statistic's decimals, percent changes at one decimal, shares at two.  A cell hidden on
 * an open read is null with "suppressed": true, and neither its change, its share nor its
 * explain tells anything of it.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"

#include "statistics.h"

static const char *const rules[] = {
	[STAT_SUM] = "sum: the values of the facts added up across months, units and rows",
	[STAT_RATIO] = "ratio: the sum of the numerators over the sum of the denominators (times "
		       "100 for a percentage), so each part weighs by its denominator; never a "
		       "mean of percentages",
	[STAT_DISTINCT] = "distinct (unique persons): the fact of the period for the unit itself; "
			  "never added up across months, units or rows",
};
static const char period_rule[] =
	"the exact fact of the months asked when the unit has one, else its monthly facts when "
	"they cover every month asked; a unit with neither is the sum of its sub-units where "
	"the aggregate allows";
static const char given_note[] =
	"stored as given: the source prints only the percentage, without the numerator and "
	"denominator behind it, so it is shown as printed and weighed with nothing";
static const char share_note[] =
	"the source gives only this part's share of the total, not its own figure";

static const char *const hidden_text[] = {
	[STAT_SHOWN] = NULL,
	[STAT_HIDDEN_SMALL] = "a count this small is not shown on reads without a token",
	[STAT_HIDDEN_POPULATION] = "a group of min_population persons or fewer is not published",
	[STAT_HIDDEN_SECONDARY] = "hidden with another hidden cell, which it and the total "
				  "would give away",
};

/* @p x at @p decimals as JSON: an integer when there are none. */
static json_t *num_json(double x, int decimals)
{
	double v = stat_round(x, decimals);
	if (decimals == 0 && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *month_json(int year, int month)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%04d-%02d", year, month);
	return json_string(buf);
}

/* {name: code} of the dimension values @p d of @p def. */
static json_t *dims_json(const struct statistic *def, const uint8_t d[STAT_MAX_DIMS])
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < def->ndims; i++)
		if (d[i] && json_object_set_new(o, def->dims[i].name,
						json_string(def->dims[i].values[d[i] - 1]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/* The row's label: the labels (or codes) of its `by` values and its month; the total's is
 * "Totalt". */
static json_t *row_label(const struct statistic *def, const struct stat_question *q,
			 const struct stat_row *row, bool total, int year)
{
	char buf[512];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; !total && i < q->nby && len < sizeof buf; i++) {
		const char *text = NULL;
		char month[16];
		if (q->by[i] == STAT_BY_MONTH) {
			snprintf(month, sizeof month, "%04d-%02d", year, row->month);
			text = month;
		} else {
			const struct stat_dimension *d = &def->dims[q->by[i]];
			int v = row->dims[q->by[i]] - 1;
			text = d->labels[v] ? d->labels[v] : d->values[v];
		}
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "", text);
	}
	return json_string(len ? buf : "Totalt");
}

/* Why figure @p f has no value, in a sentence. */
static json_t *why_json(const struct stat_figure *f, int year)
{
	const char *text = stat_why_text(f->why);
	if (f->why == STAT_WHY_MONTHS_MISSING)
		return json_sprintf("%s: %04d-%02d is missing (unit %" PRId64 ")", text, year,
				    f->why_month, f->why_unit);
	if (f->why == STAT_WHY_NULL_FACT && f->null_reason)
		return json_sprintf("%s: %s", text, f->null_reason);
	if (f->why_unit && f->why != STAT_WHY_NO_DATA)
		return json_sprintf("%s (unit %" PRId64 ")", text, f->why_unit);
	return json_string(text);
}

/* Sets @p key of @p o to @p v (stolen); false when memory runs out. */
static bool put(json_t *o, const char *key, json_t *v)
{
	return v && json_object_set_new(o, key, v) == 0;
}

/* The figure's own part of an explain: what it drew on. */
static bool explain_inputs(json_t *ex, const struct stat_figure *f)
{
	bool ok = put(ex, "facts", json_integer((json_int_t)f->nfacts)) &&
		  put(ex, "units", json_integer((json_int_t)f->nunits)) &&
		  put(ex, "population", f->population == STAT_NULL ? json_null() :
		      json_integer(f->population));
	if (ok && f->fact_id)  /* the one fact it is, at the unit or a sub-unit */
		ok = put(ex, "fact_id", json_integer(f->fact_id));
	if (ok && f->has_hours && f->state == STAT_FIG_VALUE)
		ok = put(ex, "numerator", json_real(f->num)) &&
		     put(ex, "denominator", json_real(f->den));
	if (ok && (f->given || f->has_share))
		ok = put(ex, "given", json_true()) &&
		     put(ex, "note", json_string(f->given ? given_note : share_note));
	return ok;
}

/* The explain of figure @p f over the months @p r of unit @p unit_id. */
static json_t *figure_explain(const struct statistic *def, int64_t unit_id,
			      const struct stat_figure *f, struct stat_range r)
{
	json_t *ex = json_pack("{s:s, s:s, s:s?, s:o, s:o, s:I}", "rule", rules[def->aggregate],
			       "period_rule", period_rule, "source", stat_source_name(f->source),
			       "from", month_json(r.year, r.from), "to", month_json(r.year, r.to),
			       "unit_id", (json_int_t)unit_id);
	bool ok = ex && explain_inputs(ex, f);
	if (ok && f->state != STAT_FIG_VALUE)
		ok = put(ex, "why", json_string(stat_why_name(f->why))) &&
		     put(ex, "text", why_json(f, r.year));
	if (ok)
		ok = put(ex, "facts_query", json_sprintf("/api/v1/statistic-facts?statistic_id=%"
							 PRId64 "&unit_id=%" PRId64 "&year=%d",
							 def->id, unit_id, r.year));
	if (!ok) {
		json_decref(ex);
		return NULL;
	}
	return ex;
}

/* ==== rows ================================================================================= */

/* What a table's rows are rendered with. */
struct render {
	const struct statistic *def;
	const struct statistics_table_params *p;
	const struct stat_question *q;
	const struct stat_table *t;
};

/* The months of @p row in @p year. */
static struct stat_range row_range(const struct stat_question *q, const struct stat_row *row,
				   int year)
{
	struct stat_range r = q->range;
	r.year = year;
	if (row->month)
		r.from = r.to = row->month;
	return r;
}

static json_t *cell_value(const struct statistic *def, const struct stat_cell *c)
{
	if (c->hidden != STAT_SHOWN || c->fig.state != STAT_FIG_VALUE)
		return json_null();
	return num_json(c->fig.value, def->decimals);
}

static json_t *cell_reason(const struct stat_cell *c, int year)
{
	if (c->hidden != STAT_SHOWN)
		return json_string(hidden_text[c->hidden]);
	return c->fig.state == STAT_FIG_VALUE ? json_null() : why_json(&c->fig, year);
}

static json_t *cell_explain(const struct render *rd, const struct stat_cell *c,
			    struct stat_range r)
{
	if (c->hidden != STAT_SHOWN)
		return json_pack("{s:s, s:s}", "rule", rules[rd->def->aggregate], "suppressed",
				 hidden_text[c->hidden]);
	return figure_explain(rd->def, rd->p->unit_id, &c->fig, r);
}

/* change, change_pct or change_pp, and why a change is null. */
static bool change_set(json_t *o, const struct statistic *def, const struct stat_row *row,
		       bool hidden)
{
	const struct stat_change *c = &row->change;
	bool has = !hidden && (c->state == STAT_CHANGE_OK || c->state == STAT_CHANGE_ZERO_BASE);
	const char *why = hidden ? "hidden with the figures" :
			  c->state == STAT_CHANGE_ZERO_BASE ? "the compared value is zero: a "
			  "change from zero has no percentage" :
			  c->state == STAT_CHANGE_NO_VALUE ? "the figure has no value" :
			  c->state == STAT_CHANGE_NO_COMPARE ? "there is no compared value" : NULL;
	json_t *change = has ? num_json(c->change, def->decimals) : json_null();
	json_t *rel = c->in_pp ? (has ? num_json(c->change, def->decimals) : json_null()) :
		      has && c->state == STAT_CHANGE_OK ? json_real(stat_round(c->pct, 1)) :
		      json_null();
	return put(o, "change", change) && put(o, c->in_pp ? "change_pp" : "change_pct", rel) &&
	       put(o, "change_reason", why ? json_string(why) : json_null());
}

static json_t *share_json(const struct stat_cell *c, const struct stat_cell *total)
{
	if (c->hidden != STAT_SHOWN || total->hidden != STAT_SHOWN ||
	    c->share.state != STAT_SHARE_OK)
		return json_null();
	return json_real(stat_round(c->share.pct, 2));
}

/* share_of_total, compare_share_of_total and share_change_pp of a row. */
static bool shares_set(json_t *o, const struct render *rd, const struct stat_row *row)
{
	const struct stat_row *total = &rd->t->total;
	bool hidden = row->now.hidden || row->then.hidden || total->now.hidden ||
		      total->then.hidden;
	return put(o, "share_of_total", share_json(&row->now, &total->now)) &&
	       put(o, "compare_share_of_total", share_json(&row->then, &total->then)) &&
	       put(o, "share_change_pp", row->share_change_ok && !hidden ?
		   json_real(stat_round(row->share_change_pp, 2)) : json_null()) &&
	       put(o, "share_given", json_boolean(row->now.share.given));
}

/* The figures of @p row: value, compare, changes, shares, reasons. */
static bool figures_set(json_t *o, const struct render *rd, const struct stat_row *row)
{
	const struct stat_question *q = rd->q;
	bool hidden = row->now.hidden != STAT_SHOWN || row->then.hidden != STAT_SHOWN;
	bool ok = put(o, "value", cell_value(rd->def, &row->now)) &&
		  put(o, "compare", q->compare ? cell_value(rd->def, &row->then) : json_null()) &&
		  change_set(o, rd->def, row, hidden) &&
		  (!q->share || row == &rd->t->total || shares_set(o, rd, row)) &&
		  put(o, "null_reason", cell_reason(&row->now, q->range.year)) &&
		  put(o, "compare_null_reason", q->compare ?
		      cell_reason(&row->then, q->compare_year) : json_null());
	return ok && (!hidden || put(o, "suppressed", json_true()));
}

/* The explain of both figures of @p row. */
static json_t *row_explain(const struct render *rd, const struct stat_row *row)
{
	json_t *ex = cell_explain(rd, &row->now, row_range(rd->q, row, rd->q->range.year));
	if (ex && rd->q->compare &&
	    !put(ex, "compare", cell_explain(rd, &row->then,
					     row_range(rd->q, row, rd->q->compare_year)))) {
		json_decref(ex);
		return NULL;
	}
	return ex;
}

static json_t *row_json(const struct render *rd, const struct stat_row *row)
{
	json_t *o = json_pack("{s:o, s:o}", "dims", dims_json(rd->def, row->dims), "label",
			      row_label(rd->def, rd->q, row, row == &rd->t->total,
					rd->q->range.year));
	bool month = false;
	for (size_t i = 0; i < rd->q->nby; i++)
		month |= rd->q->by[i] == STAT_BY_MONTH;
	bool ok = o && (!month || put(o, "month", row->month ?
				      month_json(rd->q->range.year, row->month) : json_null())) &&
		  figures_set(o, rd, row) && put(o, "explain", row_explain(rd, row));
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ==== the table ============================================================================ */

static json_t *statistic_json(const struct statistic *def)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i}", "id", (json_int_t)def->id, "code",
			 def->code, "name", def->name, "measure_unit", stat_unit_name(def->unit),
			 "aggregate", stat_aggregate_name(def->aggregate), "decimals",
			 def->decimals);
}

/* The names of the `by` entries. */
static json_t *by_json(const struct statistic *def, const struct stat_question *q)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < q->nby; i++)
		if (json_array_append_new(a, json_string(q->by[i] == STAT_BY_MONTH ? "month" :
							 def->dims[q->by[i]].name))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* The compared period: the period asked, in the compared year. */
static json_t *compare_period(const struct statistics_table_params *p,
			      const struct stat_question *q)
{
	char buf[PERIOD_BUF];
	struct period c = p->period;
	if (!q->compare)
		return json_null();
	c.year = q->compare_year;
	period_format(c, buf);
	return json_string(buf);
}

static json_t *rows_json(const struct render *rd)
{
	json_t *rows = json_array();
	for (size_t i = 0; rows && i < rd->t->nrows; i++)
		if (json_array_append_new(rows, row_json(rd, &rd->t->rows[i]))) {
			json_decref(rows);
			return NULL;
		}
	return rows;
}

json_t *api_stat_table_json(const struct statistic *def,
			    const struct statistics_table_params *p,
			    const struct stat_question *q, const struct stat_table *t)
{
	const struct render rd = {def, p, q, t};
	char period[PERIOD_BUF];
	period_format(p->period, period);
	return json_pack("{s:o, s:I, s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o}",
			 "statistic", statistic_json(def), "unit_id", (json_int_t)p->unit_id,
			 "period", period, "cumulative", p->cumulative,
			 "from", month_json(q->range.year, q->range.from),
			 "to", month_json(q->range.year, q->range.to),
			 "compare_period", compare_period(p, q), "by", by_json(def, q),
			 "dims", dims_json(def, q->filter), "share_of_total", q->share,
			 "rows", rows_json(&rd), "total", row_json(&rd, &t->total));
}

/* ==== CSV ================================================================================== */

/* The columns a CSV row copies from a reply row, in order, after the `by` columns. */
static const char *const csv_columns[] = {
	"label", "value", "compare", "change", "change_pct", "change_pp", "share_of_total",
	"compare_share_of_total", "share_change_pp", "null_reason", "compare_null_reason", NULL};

/* One flat row: the `by` values, then the columns the reply has. */
static json_t *csv_row(json_t *row, json_t *by)
{
	json_t *o = json_object(), *name;
	size_t i;
	json_array_foreach(by, i, name) {
		const char *key = json_string_value(name);
		json_t *v = strcmp(key, "month") == 0 ? json_object_get(row, "month") :
			    json_object_get(json_object_get(row, "dims"), key);
		if (!o || json_object_set(o, key, v ? v : json_null()))
			goto fail;
	}
	for (i = 0; csv_columns[i]; i++) {
		json_t *v = json_object_get(row, csv_columns[i]);
		if (v && json_object_set(o, csv_columns[i], v))
			goto fail;
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

json_t *api_stat_table_csv(json_t *body)
{
	json_t *out = json_array(), *row, *by = json_object_get(body, "by");
	size_t i;
	json_array_foreach(json_object_get(body, "rows"), i, row)
		if (!out || json_array_append_new(out, csv_row(row, by)))
			goto fail;
	if (!out || json_array_append_new(out, csv_row(json_object_get(body, "total"), by)))
		goto fail;
	return out;
fail:
	json_decref(out);
	return NULL;
}
