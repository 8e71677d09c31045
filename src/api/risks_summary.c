/*
 * The summaries of the risk register and of the economic sensitivity analysis, as body
 * functions (include/folja/api.h) that their endpoints and the report sections call.
 *
 * The risk summary is the report's risk table (seed 001 "Riskhantering"): the risks of the
 * period's year as at its last day (or today), their 5×5 matrix, counts per type and per
 * colour of the newest review, the highest values with their text and measures, and the
 * economic sums of the analysis that holds then.  Counts are suppressed together for an
 * anonymous view; the matrix, the types and the colours each add up to the total.
 */
#include <stdlib.h>

#include "folja/color.h"
#include "folja/money.h"

#include "reg.h"

static const char *const type_words[RISK_TYPES] = {
	[RISK_OMVARLD] = "Omvärld", [RISK_MEDARBETARE] = "Medarbetare",
	[RISK_VERKSAMHET] = "Verksamhet", [RISK_FINANSIELL] = "Finansiell",
	[RISK_OVRIGT] = "Övrigt", [RISK_UNTYPED] = "Ej klassad",
};
static const char *const color_words[] = {"Grön", "Gul", "Röd"};

static enum money_scale scale_of(const struct register_summary_params *p)
{
	enum money_scale s = SCALE_KR;
	money_scale_parse(p->scale, &s);
	return s;
}

static json_t *opt_int(int v)
{
	return v ? json_integer(v) : json_null();
}

/* ==== economic sums ======================================================================= */

/* {period, items, positive, negative, net, *_kr, scale}: the sums of the analysis found. */
static json_t *sums_json(const struct sensitivity_sums *s, enum money_scale scale)
{
	char period[PERIOD_BUF];
	if (s->found)
		period_format(s->period, period);
	return json_pack("{s:o, s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
			 "analysis_period", s->found ? json_string(period) : json_null(),
			 "scale", money_scale_name(scale),
			 "positive", (json_int_t)money_round(s->positive_kr, scale),
			 "negative", (json_int_t)money_round(s->negative_kr, scale),
			 "net", (json_int_t)money_round(s->net_kr, scale),
			 "positive_kr", (json_int_t)s->positive_kr,
			 "negative_kr", (json_int_t)s->negative_kr,
			 "net_kr", (json_int_t)s->net_kr);
}

/* The analysis that holds as at @p p's last day under the unit, into *set and *sums. */
static enum db_rc sensitivity_load(struct db *db, const struct register_summary_params *p,
				   struct sensitivity_set **set, struct sensitivity_sums *sums)
{
	char from[11], to[11];
	date_format((struct date){p->period.year, 1, 1}, from);
	date_format(period_last_day(p->period), to);
	struct reg_filter f = {.unit_id = p->unit_id, .from = from, .to = to};
	enum db_rc rc = db_sensitivities_load(db, &f, set);
	if (rc != DB_OK)
		return rc;
	if (risk_sensitivity_sums((*set)->items, (*set)->n, p->period, sums) != SENSITIVITY_OK) {
		db_sensitivity_set_free(*set);
		*set = NULL;
		return DB_INVALID;
	}
	return DB_OK;
}

/* The items of the analysis found, as the seed's table: {id, description, amount, amount_kr}. */
static json_t *sensitivity_items(const struct sensitivity_set *set,
				 const struct sensitivity_sums *s, enum money_scale scale)
{
	json_t *list = json_array();
	for (size_t i = 0; list && s->found && i < set->n; i++) {
		const struct risk_sensitivity *x = &set->items[i];
		if (date_cmp(period_last_day(x->period), period_last_day(s->period)) != 0)
			continue;
		if (json_array_append_new(list, json_pack("{s:I, s:s?, s:I, s:I}", "id",
				(json_int_t)x->id, "description", set->descriptions[i], "amount",
				(json_int_t)money_round(x->amount_kr, scale), "amount_kr",
				(json_int_t)x->amount_kr)))
			json_decref(list), list = NULL;
	}
	return list;
}

json_t *risk_sensitivities_summary_body(struct db *db, const struct register_summary_params *p,
					const struct api_view *v, enum db_rc *rc)
{
	struct sensitivity_set *set = NULL;
	struct sensitivity_sums sums;
	enum money_scale scale = scale_of(p);
	char period[PERIOD_BUF];
	*rc = sensitivity_load(db, p, &set, &sums);
	if (*rc != DB_OK)
		return NULL;
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? sums_json(&sums, scale) : NULL;
	period_format(p->period, period);
	if (out)
		api_counts_put(c, out, "items", sums.items);
	if (out && (json_object_set_new(out, "period", json_string(period)) ||
		    json_object_set_new(out, "unit_id", p->unit_id == IN_NULL ? json_null() :
					json_integer(p->unit_id)) ||
		    json_object_set_new(out, "rows", sensitivity_items(set, &sums, scale)) ||
		    !api_counts_finish(c)))
		json_decref(out), out = NULL;
	*rc = out ? DB_OK : DB_NOMEM;
	api_counts_free(c);
	db_sensitivity_set_free(set);
	return out;
}

/* ==== the risk summary ==================================================================== */

/* The 25 cells of the matrix, [{probability, consequence, count}]; *cells their indices. */
static json_t *matrix_json(const struct risk_summary *s, struct api_counts *c, size_t *cells)
{
	json_t *list = json_array();
	for (int p = 0; list && p < RISK_SCALE; p++)
		for (int q = 0; list && q < RISK_SCALE; q++) {
			json_t *o = json_pack("{s:i, s:i, s:i}", "probability", p + 1,
					      "consequence", q + 1, "value", (p + 1) * (q + 1));
			cells[p * RISK_SCALE + q] = api_counts_put(c, o, "count", s->matrix[p][q]);
			if (json_array_append_new(list, o))
				json_decref(list), list = NULL;
		}
	return list;
}

/* {key, name, count} rows of @p n counts named by @p keys / @p words; *cells their indices. */
static json_t *counts_json(const int *counts, size_t n, const char *(*key)(size_t i),
			   const char *const *words, struct api_counts *c, size_t *cells)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < n; i++) {
		json_t *o = json_pack("{s:s, s:s}", "key", key(i), "name", words[i]);
		cells[i] = api_counts_put(c, o, "count", counts[i]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	return list;
}

static const char *type_key(size_t i)
{
	return risk_type_name((enum risk_type)i);
}

static const char *color_key(size_t i)
{
	return i < 3 ? color_name((enum color)i) : "ej_bedomd";
}

/* The highest current values, at most @p top: the report's table of risks. */
static json_t *highest_json(const struct risk_set *set, const struct risk_summary *s,
			    int64_t top)
{
	json_t *list = json_array();
	if (top <= 0)   /* a caller that left it out: the query's default */
		top = 10;
	for (size_t k = 0; list && k < s->n_ranked && (int64_t)k < top; k++) {
		size_t i = s->ranked[k];
		const struct risk *r = &set->items[i];
		const struct risk_state *st = &s->states[i];
		json_t *o = json_pack("{s:I, s:I, s:s, s:s?, s:i, s:o, s:o, s:o, s:o, s:s?, s:s?}",
			"id", (json_int_t)r->id, "unit_id", (json_int_t)set->unit_ids[i],
			"type", risk_type_name(r->type), "description", r->description,
			"value", st->value, "probability", opt_int(st->probability),
			"consequence", opt_int(st->consequence),
			"color", st->has_color ? json_string(color_name(st->color)) : json_null(),
			"reviewed_on", st->reviewed ? reg_date_json(st->reviewed_on) : json_null(),
			"measures", set->measures[i], "owner", set->owners[i]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	return list;
}

/* The counts of @p s into @p out, each breakdown summing to the total. */
static bool risk_counts(json_t *out, const struct risk_summary *s, struct api_counts *c)
{
	size_t m[RISK_SCALE * RISK_SCALE + 2], t[RISK_TYPES], col[4];
	int colors[4] = {s->by_color[0], s->by_color[1], s->by_color[2], s->no_color};
	size_t total = api_counts_put(c, out, "total", s->total);
	m[RISK_SCALE * RISK_SCALE] = api_counts_put(c, out, "valued_without_factors",
						    s->valued_without_factors);
	m[RISK_SCALE * RISK_SCALE + 1] = api_counts_put(c, out, "not_valued", s->not_valued);
	bool ok = !json_object_set_new(out, "matrix", matrix_json(s, c, m)) &&
		  !json_object_set_new(out, "by_type", counts_json(s->by_type, RISK_TYPES,
								   type_key, type_words, c, t)) &&
		  !json_object_set_new(out, "by_color", counts_json(colors, 4, color_key,
		  	(const char *const[]){color_words[0], color_words[1], color_words[2],
					      "Ej bedömd"}, c, col));
	api_counts_sum(c, total, m, RISK_SCALE * RISK_SCALE + 2);
	api_counts_sum(c, total, t, RISK_TYPES);
	api_counts_sum(c, total, col, 4);
	return ok;
}

/* The risks of the year under the unit, with their reviews. */
static enum db_rc risks_load(struct db *db, const struct register_summary_params *p,
			     struct risk_set **set)
{
	char from[11], to[11];
	date_format(period_first_day(p->period), from);
	date_format(period_last_day(p->period), to);
	struct reg_filter f = {.unit_id = p->unit_id, .from = from, .to = to};
	return db_risks_load(db, &f, set);
}

/* The reply's head: what was asked and the dates. */
static json_t *risk_head(const struct register_summary_params *p, struct date as_of)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	return json_pack("{s:s, s:i, s:o, s:o, s:o}", "period", period, "year", p->period.year,
			 "cut_off", reg_date_json(period_last_day(p->period)),
			 "as_of", reg_date_json(as_of),
			 "unit_id", p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id));
}

/* The whole reply; NULL when out of memory. */
static json_t *risk_json(const struct register_summary_params *p, const struct risk_set *set,
			 const struct risk_summary *s, const struct sensitivity_sums *sums,
			 struct date as_of, const struct api_view *v)
{
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? risk_head(p, as_of) : NULL;
	if (out && (!risk_counts(out, s, c) ||
		    json_object_set_new(out, "highest", highest_json(set, s, p->top)) ||
		    json_object_set_new(out, "economic", sums_json(sums, scale_of(p))) ||
		    !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

json_t *risks_summary_body(struct db *db, const struct register_summary_params *p,
			   const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, false, api_today());
	struct risk_set *set = NULL;
	struct sensitivity_set *sens = NULL;
	struct sensitivity_sums sums;
	json_t *out = NULL;
	*rc = risks_load(db, p, &set);
	if (*rc == DB_OK)
		*rc = sensitivity_load(db, p, &sens, &sums);
	if (*rc != DB_OK)
		goto cleanup;
	struct risk_summary *s = risk_summary_build(set->items, set->n, span.as_of);
	if (s)
		out = risk_json(p, set, s, &sums, span.as_of, v);
	*rc = out ? DB_OK : DB_NOMEM;
	risk_summary_free(s);
cleanup:
	db_sensitivity_set_free(sens);
	db_risk_set_free(set);
	return out;
}
