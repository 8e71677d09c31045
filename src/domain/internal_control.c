/*
 * Internal control (see include/folja/internal_control.h).
 */
#include <stdlib.h>

#include "folja/internal_control.h"
#include "folja/names.h"

static const char *const result_names[] = {
	[IC_EJ_GENOMFORD] = "ej_genomford",
	[IC_UTAN_AVVIKELSE] = "utan_avvikelse",
	[IC_MED_AVVIKELSE] = "med_avvikelse",
};

const char *ic_result_name(enum ic_result r)
{
	return names_name(result_names, NAMES_COUNT(result_names), (int)r);
}

bool ic_result_parse(const char *s, enum ic_result *out)
{
	int i = names_index(result_names, 0, NAMES_COUNT(result_names), s);
	if (i < 0)
		return false;
	*out = (enum ic_result)i;
	return true;
}

bool ic_result_at(const struct ic_control *c, struct date as_of, enum ic_result *out)
{
	bool found = false;
	struct date newest = {0, 0, 0};
	for (size_t i = 0; i < c->n_results; i++) {
		struct date last = period_last_day(c->results[i].period);
		if (date_cmp(last, as_of) > 0 || (found && date_cmp(last, newest) < 0))
			continue;
		newest = last;
		*out = c->results[i].result;
		found = true;
	}
	return found;
}

static bool same_period(struct period a, struct period b)
{
	return a.kind == b.kind && a.year == b.year && a.index == b.index;
}

/* The count of period @p p in @p s, added in order of last day when new. */
static struct ic_period_count *period_count(struct ic_summary *s, struct period p)
{
	size_t i = 0;
	for (; i < s->n_periods; i++) {
		if (same_period(s->periods[i].period, p))
			return &s->periods[i];
		if (date_cmp(period_last_day(p), period_last_day(s->periods[i].period)) < 0)
			break;
	}
	for (size_t k = s->n_periods; k > i; k--)
		s->periods[k] = s->periods[k - 1];
	s->n_periods++;
	s->periods[i] = (struct ic_period_count){.period = p};
	return &s->periods[i];
}

/* Counts @p c's results of periods ending by @p cut_off into the period list. */
static void count_periods(struct ic_summary *s, const struct ic_control *c, struct date cut_off)
{
	for (size_t i = 0; i < c->n_results; i++)
		if (date_cmp(period_last_day(c->results[i].period), cut_off) <= 0)
			period_count(s, c->results[i].period)->results[c->results[i].result]++;
}

struct ic_summary *ic_summary_build(const struct ic_control *cs, size_t n, int year,
				    struct date cut_off)
{
	size_t room = 1;
	for (size_t i = 0; i < n; i++)
		room += cs[i].n_results;
	struct ic_summary *s = calloc(1, sizeof *s);
	if (!s || !(s->periods = calloc(room, sizeof *s->periods))) {
		ic_summary_free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		enum ic_result r;
		if (cs[i].year != year)
			continue;
		s->controls++;
		s->with_risk += cs[i].has_risk;
		if (ic_result_at(&cs[i], cut_off, &r))
			s->results[r]++;
		else
			s->not_followed_up++;
		count_periods(s, &cs[i], cut_off);
	}
	return s;
}

void ic_summary_free(struct ic_summary *s)
{
	if (!s)
		return;
	free(s->periods);
	free(s);
}
