/*
 * Actions and their follow-up (see include/folja/action.h).
 */
#include <stdlib.h>

#include "folja/action.h"
#include "folja/money.h"
#include "folja/names.h"

static const char *const status_names[] = {
	[ACTION_PLANERAD] = "planerad",
	[ACTION_PAGAENDE] = "pagaende",
	[ACTION_GENOMFORD] = "genomford",
	[ACTION_AVBRUTEN] = "avbruten",
};

static const char *const origin_names[] = {
	[ORIGIN_BUDGET] = "budget",
	[ORIGIN_GOAL] = "goal",
	[ORIGIN_RISK] = "risk",
	[ORIGIN_INTERNAL_CONTROL] = "internal_control",
	[ORIGIN_LEX_SARAH] = "lex_sarah",
	[ORIGIN_AUDIT] = "audit",
	[ORIGIN_COMMITTEE] = "committee",
};

const char *action_status_name(enum action_status s)
{
	return names_name(status_names, NAMES_COUNT(status_names), (int)s);
}

bool action_status_parse(const char *s, enum action_status *out)
{
	int i = names_index(status_names, 0, NAMES_COUNT(status_names), s);
	if (i < 0)
		return false;
	*out = (enum action_status)i;
	return true;
}

const char *action_origin_name(enum action_origin o)
{
	return names_name(origin_names, NAMES_COUNT(origin_names), (int)o);
}

bool action_origin_parse(const char *s, enum action_origin *out)
{
	int i = names_index(origin_names, 0, NAMES_COUNT(origin_names), s);
	if (i < 0)
		return false;
	*out = (enum action_origin)i;
	return true;
}

bool action_status_open(enum action_status s)
{
	return s == ACTION_PLANERAD || s == ACTION_PAGAENDE;
}

enum action_status action_status_at(const struct action *a, struct date as_of)
{
	if (a->n_follow_ups == 0)
		return a->status;
	enum action_status st = ACTION_PLANERAD;
	for (size_t i = 0; i < a->n_follow_ups; i++)
		if (date_cmp(a->follow_ups[i].on, as_of) <= 0)
			st = a->follow_ups[i].status;   /* by date: the last one wins */
	return st;
}

bool action_overdue(const struct action *a, struct date cut_off)
{
	return a->has_due && date_cmp(a->due_on, cut_off) < 0 &&
	       action_status_open(action_status_at(a, cut_off));
}

bool action_counted(const struct action *a, struct date first, struct date cut_off)
{
	struct date start;
	if (a->has_decided)
		start = a->decided_on;
	else if (a->n_follow_ups)
		start = a->follow_ups[0].on;   /* undated: known from its first follow-up */
	else
		return true;
	if (date_cmp(start, cut_off) > 0)
		return false;
	struct date before = date_from_days(date_to_days(first) - 1);
	return date_cmp(start, first) >= 0 || action_status_open(action_status_at(a, before));
}

/* Adds @p a's effects to @p s; false on overflow. */
static bool add_effects(struct action_summary *s, const struct action *a)
{
	if (a->has_planned) {
		if (!money_add(s->planned_kr, a->effect_planned_kr, &s->planned_kr))
			return false;
		s->with_planned++;
	}
	if (a->has_realised) {
		if (!money_add(s->realised_kr, a->effect_realised_kr, &s->realised_kr))
			return false;
		s->with_realised++;
	}
	return true;
}

/* Sorts the overdue indices by due date, then id (insertion sort: a handful). */
static void sort_overdue(struct action_summary *s, const struct action *as)
{
	for (size_t i = 1; i < s->n_overdue; i++) {
		size_t k = s->overdue[i], j = i;
		while (j > 0) {
			const struct action *p = &as[s->overdue[j - 1]], *q = &as[k];
			int c = date_cmp(p->due_on, q->due_on);
			if (c < 0 || (c == 0 && p->id <= q->id))
				break;
			s->overdue[j] = s->overdue[j - 1];
			j--;
		}
		s->overdue[j] = k;
	}
}

enum action_rc action_summary_build(const struct action *as, size_t n, struct date first,
				    struct date cut_off, struct action_summary **out)
{
	struct action_summary *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s || !(s->overdue = calloc(n ? n : 1, sizeof *s->overdue))) {
		action_summary_free(s);
		return ACTION_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (!action_counted(&as[i], first, cut_off))
			continue;
		s->total++;
		s->by_status[action_status_at(&as[i], cut_off)]++;
		s->by_origin[as[i].origin]++;
		if (action_overdue(&as[i], cut_off))
			s->overdue[s->n_overdue++] = i;
		if (!add_effects(s, &as[i])) {
			action_summary_free(s);
			return ACTION_OVERFLOW;
		}
	}
	sort_overdue(s, as);
	*out = s;
	return ACTION_OK;
}

void action_summary_free(struct action_summary *s)
{
	if (!s)
		return;
	free(s->overdue);
	free(s);
}
