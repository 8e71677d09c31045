/*
 * Indicator values judged three ways (see indicators.h): against the target, against the
 * previous value of the same period kind, and against other municipalities.  The rules
 * themselves (tolerance band, rounding to the printed decimals, quartiles) are assess.c's;
 * this file decides what each rule is applied to: which target counts, which earlier value a
 * trend compares with, which peer rows are ranked and where our own value comes from.
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "folja/indicators.h"
#include "folja/names.h"

/* ------------------------------------------------------------------------ name tables */

static const char *const direction_names[] = {
	[IND_HIGHER_IS_BETTER] = "higher_is_better",
	[IND_LOWER_IS_BETTER] = "lower_is_better",
};

static const char *const unit_names[] = {
	[IND_PERCENT] = "percent",
	[IND_COUNT] = "count",
	[IND_KR] = "kr",
	[IND_TKR] = "tkr",
	[IND_DAYS] = "days",
	[IND_RATIO] = "ratio",
};

const char *ind_direction_name(enum ind_direction d)
{
	return names_name(direction_names, NAMES_COUNT(direction_names), (int)d);
}

const char *ind_unit_name(enum ind_unit u)
{
	return names_name(unit_names, NAMES_COUNT(unit_names), (int)u);
}

bool ind_direction_parse(const char *s, enum ind_direction *out)
{
	int i = names_index(direction_names, 0, NAMES_COUNT(direction_names), s);
	if (i >= 0)
		*out = (enum ind_direction)i;
	return i >= 0;
}

bool ind_unit_parse(const char *s, enum ind_unit *out)
{
	int i = names_index(unit_names, 0, NAMES_COUNT(unit_names), s);
	if (i >= 0)
		*out = (enum ind_unit)i;
	return i >= 0;
}

/* ------------------------------------------------------------------------- assessment */

void indicator_assess(const struct indicator *ind, const struct indicator_reading *r,
		      struct indicator_assessment *out)
{
	struct indicator_assessment a = {
		.has_value = r->has_value,
		.value = r->has_value ? r->value : NAN,
		.target = r->target,
		.target_source = IND_TARGET_PERIOD,
		.tolerance = isnan(ind->yellow_tolerance) ? 0 : ind->yellow_tolerance,
		.direction = ind->direction,
		.decimals = ind->decimals,
		.null_reason = r->null_reason,
	};
	if (isnan(a.target)) {
		a.target = ind->target;
		a.target_source = IND_TARGET_INDICATOR;
	}
	bool lower = ind->direction == IND_LOWER_IS_BETTER;
	if (!a.has_value)
		a.state = IND_NO_VALUE;
	else if (isnan(a.value))
		a.state = IND_NULL_VALUE;
	else if (isnan(a.target) ||
		 !assess_value(a.value, a.target, a.tolerance, lower, a.decimals, &a.a))
		a.state = IND_NO_TARGET;
	else
		a.state = IND_JUDGED;
	*out = a;
}

struct indicator_reading indicator_value_reading(const struct indicator_value *v)
{
	return (struct indicator_reading){.has_value = true, .value = v->value,
					  .target = v->target, .null_reason = v->null_reason};
}

bool indicator_color(const struct indicator_assessment *a, enum color *out)
{
	if (a->state != IND_JUDGED)
		return false;
	*out = a->a.color;
	return true;
}

static bool same_period(struct period a, struct period b)
{
	return a.kind == b.kind && a.year == b.year && a.index == b.index;
}

size_t indicator_value_find(const struct indicator_value *values, size_t n, struct period p)
{
	/* a period is stored once; the last match is the one, as a later row would win */
	size_t found = n;
	for (size_t i = 0; i < n; i++)
		if (values[i].period_ok && same_period(values[i].p, p))
			found = i;
	return found;
}

/* ------------------------------------------------------------------------------ trend */

void indicator_trend(const struct indicator *ind, const struct indicator_value *values,
		     size_t n, size_t i, struct indicator_trend *out)
{
	const struct indicator_value *v = &values[i];
	struct indicator_trend t = {.state = IND_TREND_NULL};
	assert(i < n);
	(void)n;
	if (isnan(v->value) || !v->period_ok) {
		*out = t;
		return;
	}
	t.previous = period_previous(v->p);
	t.state = IND_TREND_NO_EARLIER;
	/* the values are in time order: walk back to the latest earlier one of the same kind */
	for (size_t j = i; j-- > 0;) {
		const struct indicator_value *w = &values[j];
		if (!w->period_ok || w->p.kind != v->p.kind || isnan(w->value))
			continue;
		t.state = IND_TREND_FOUND;
		t.compared = j;
		t.fallback = !same_period(w->p, t.previous);
		t.trend = assess_trend(v->value, w->value, ind->decimals);
		t.development = assess_development(t.trend, ind->direction == IND_LOWER_IS_BETTER);
		break;
	}
	*out = t;
}

/* ------------------------------------------------------------------------- comparison */

enum peer_role indicator_peer_role(const char *municipality, const char *own)
{
	const char *m = municipality;
	if (m && own && strcmp(m, own) == 0)
		return PEER_OWN;
	bool municipal = m && strlen(m) == 4 && strspn(m, "0123456789") == 4 &&
			 strncmp(m, "00", 2) != 0;
	return municipal ? PEER_MUNICIPALITY : PEER_NOT_MUNICIPALITY;
}

/* Our value: the indicator's own value of the year, replaced by the peer table's figure for
 * our municipality when that one is not null. */
static void own_value(const struct indicator_value *year_value, const char *own,
		      const struct peer_value *peers, size_t npeers,
		      struct indicator_comparison *c)
{
	c->value = NAN;
	c->value_source = IND_SOURCE_NONE;
	if (year_value) {
		c->value = year_value->value;
		c->value_source = IND_SOURCE_VALUE;
	}
	for (size_t i = 0; i < npeers; i++) {
		if (indicator_peer_role(peers[i].municipality, own) == PEER_OWN &&
		    !isnan(peers[i].value)) {
			c->value = peers[i].value;
			c->value_source = IND_SOURCE_PEERS;
		}
	}
}

void indicator_compare(const struct indicator *ind, const struct indicator_value *year_value,
		       const char *own, const struct peer_value *peers, size_t npeers,
		       double *room, struct indicator_comparison *out)
{
	struct indicator_comparison c = {.state = IND_CMP_NO_VALUE};
	struct indicator_reading none = {.has_value = false, .value = NAN, .target = NAN};
	struct indicator_reading ours = year_value ? indicator_value_reading(year_value) : none;
	indicator_assess(ind, &ours, &c.attainment);
	own_value(year_value, own, peers, npeers, &c);
	size_t n = 0;
	for (size_t i = 0; i < npeers; i++) {
		if (indicator_peer_role(peers[i].municipality, own) != PEER_MUNICIPALITY)
			continue;
		room[n++] = peers[i].value;
		if (isnan(peers[i].value))
			c.peers_missing++;
		else
			c.peers_with_value++;
	}
	bool lower = ind->direction == IND_LOWER_IS_BETTER;
	if (isnan(c.value))
		c.state = IND_CMP_NO_VALUE;
	else if (c.peers_with_value == 0 ||
		 !assess_rank(c.value, room, (int)n, lower, ind->decimals, &c.rank))
		c.state = IND_CMP_NO_PEERS;
	else
		c.state = IND_CMP_RANKED;
	*out = c;
}
