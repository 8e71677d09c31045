/*
 * Risks and economic sensitivity (see include/folja/risk.h).
 */
#include <stdlib.h>

#include "folja/money.h"
#include "folja/names.h"
#include "folja/risk.h"

static const char *const type_names[] = {
	[RISK_OMVARLD] = "omvarld",
	[RISK_MEDARBETARE] = "medarbetare",
	[RISK_VERKSAMHET] = "verksamhet",
	[RISK_FINANSIELL] = "finansiell",
	[RISK_OVRIGT] = "ovrigt",
	[RISK_UNTYPED] = "ej_klassad",
};

const char *risk_type_name(enum risk_type t)
{
	return names_name(type_names, NAMES_COUNT(type_names), (int)t);
}

bool risk_type_parse(const char *s, enum risk_type *out)
{
	int i = names_index(type_names, 0, RISK_UNTYPED, s);
	if (i < 0)
		return false;
	*out = (enum risk_type)i;
	return true;
}

enum risk_value_rc risk_value(int probability, int consequence, int stated, int *value)
{
	if ((probability == 0) != (consequence == 0))
		return RISK_VALUE_HALF;
	if (probability == 0) {
		*value = stated;
		return RISK_VALUE_OK;
	}
	if (stated != 0 && stated != probability * consequence)
		return RISK_VALUE_CONTRADICTS;
	*value = probability * consequence;
	return RISK_VALUE_OK;
}

struct risk_state risk_state_at(const struct risk *r, struct date as_of)
{
	struct risk_state st = {r->probability, r->consequence, r->value, false, COLOR_GREEN,
				false, {0, 0, 0}};
	for (size_t i = 0; i < r->n_reviews; i++) {
		const struct risk_review *rv = &r->reviews[i];
		if (date_cmp(rv->on, as_of) > 0)
			continue;
		if (!st.reviewed || date_cmp(rv->on, st.reviewed_on) >= 0) {
			st.reviewed = true;
			st.reviewed_on = rv->on;
		}
		/* reviews come in date order, so a later one overrides what it gives */
		if (rv->value) {
			st.probability = rv->probability;
			st.consequence = rv->consequence;
			st.value = rv->value;
		}
		if (rv->has_color) {
			st.has_color = true;
			st.color = rv->color;
		}
	}
	return st;
}

/* A risk's place in the ranking: current value descending, then id. */
struct rank_key {
	int value;
	int64_t id;
	size_t index;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank_key *x = a, *y = b;
	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Sorts s->ranked by rank; false when out of memory. */
static bool rank(struct risk_summary *s, const struct risk *rs)
{
	struct rank_key *keys = calloc(s->n_ranked ? s->n_ranked : 1, sizeof *keys);
	if (!keys)
		return false;
	for (size_t i = 0; i < s->n_ranked; i++) {
		size_t k = s->ranked[i];
		keys[i] = (struct rank_key){s->states[k].value, rs[k].id, k};
	}
	qsort(keys, s->n_ranked, sizeof *keys, cmp_rank);
	for (size_t i = 0; i < s->n_ranked; i++)
		s->ranked[i] = keys[i].index;
	free(keys);
	return true;
}

/* Counts risk @p i's current state @p st into @p s. */
static void count_one(struct risk_summary *s, const struct risk *r, const struct risk_state *st,
		      size_t i)
{
	s->total++;
	s->by_type[r->type]++;
	if (st->has_color)
		s->by_color[st->color]++;
	else
		s->no_color++;
	if (st->value == 0) {
		s->not_valued++;
		return;
	}
	s->ranked[s->n_ranked++] = i;
	if (st->probability)
		s->matrix[st->probability - 1][st->consequence - 1]++;
	else
		s->valued_without_factors++;
}

struct risk_summary *risk_summary_build(const struct risk *rs, size_t n, struct date as_of)
{
	struct risk_summary *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->states = calloc(n ? n : 1, sizeof *s->states);
	s->ranked = calloc(n ? n : 1, sizeof *s->ranked);
	if (!s->states || !s->ranked) {
		risk_summary_free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		s->states[i] = risk_state_at(&rs[i], as_of);
		count_one(s, &rs[i], &s->states[i], i);
	}
	if (!rank(s, rs)) {
		risk_summary_free(s);
		return NULL;
	}
	return s;
}

void risk_summary_free(struct risk_summary *s)
{
	if (!s)
		return;
	free(s->states);
	free(s->ranked);
	free(s);
}

/* ==== economic sensitivity =============================================================== */

/* The last day of the analysis that holds as at @p cut_off, in @p year; false for none. */
static bool holding_end(const struct risk_sensitivity *items, size_t n, int year,
			struct date cut_off, struct date *end, struct period *p)
{
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		struct date last = period_last_day(items[i].period);
		if (items[i].period.year != year || date_cmp(last, cut_off) > 0)
			continue;
		if (!found || date_cmp(last, *end) > 0) {
			*end = last;
			*p = items[i].period;
			found = true;
		}
	}
	return found;
}

enum sensitivity_rc risk_sensitivity_sums(const struct risk_sensitivity *items, size_t n,
					  struct period asked, struct sensitivity_sums *out)
{
	struct date end;
	*out = (struct sensitivity_sums){0};
	out->found = holding_end(items, n, asked.year, period_last_day(asked), &end, &out->period);
	for (size_t i = 0; out->found && i < n; i++) {
		if (date_cmp(period_last_day(items[i].period), end) != 0 ||
		    items[i].period.year != asked.year)
			continue;
		int64_t a = items[i].amount_kr;
		out->items++;
		if (a > 0)
			out->positive_items++;
		else if (a < 0)
			out->negative_items++;
		if (!money_add(a > 0 ? out->positive_kr : out->negative_kr, a,
			       a > 0 ? &out->positive_kr : &out->negative_kr) ||
		    !money_add(out->net_kr, a, &out->net_kr))
			return SENSITIVITY_OVERFLOW;
	}
	return SENSITIVITY_OK;
}
