/*
 * Lex Sarah figures (see include/folja/lex_sarah_stats.h).  The dates a report carries are
 * all the rules need; "as at" a date means dates after it are treated as not yet happened.
 * The summary is one pass over the reports in their order: the period's own are counted and
 * grouped, every one is followed up (overdue, inconsistent).
 */
#include <stdlib.h>
#include <string.h>

#include "folja/lex_sarah_stats.h"
#include "folja/names.h"

/* ==== names ============================================================================== */

static const char *const outcome_names[] = {
	[LS_EJ_BEDOMD] = "ej_bedomd",
	[LS_INGET_MISSFORHALLANDE] = "inget_missforhallande",
	[LS_RISK_FOR_MISSFORHALLANDE] = "risk_for_missforhallande",
	[LS_MISSFORHALLANDE] = "missforhallande",
	[LS_ALLVARLIGT_MISSFORHALLANDE] = "allvarligt_missforhallande",
	[LS_ALLVARLIG_RISK] = "allvarlig_risk",
};

static const char *const status_names[] = {
	[LS_RAPPORTERAD] = "rapporterad",
	[LS_UNDER_UTREDNING] = "under_utredning",
	[LS_AVSLUTAD] = "avslutad",
};

static const char *const group_by_names[] = {
	[LS_BY_CATEGORY] = "category",
	[LS_BY_UNIT] = "unit",
};

const char *ls_outcome_name(enum ls_outcome o)
{
	return names_name(outcome_names, NAMES_COUNT(outcome_names), (int)o);
}

bool ls_outcome_parse(const char *s, enum ls_outcome *out)
{
	/* "ej_bedomd" is what a summary calls a missing outcome, never a stored one */
	int i = names_index(outcome_names, LS_EJ_BEDOMD + 1, NAMES_COUNT(outcome_names), s);
	if (i < 0)
		return false;
	*out = (enum ls_outcome)i;
	return true;
}

bool ls_status_parse(const char *s, enum ls_status *out)
{
	int i = names_index(status_names, 0, NAMES_COUNT(status_names), s);
	if (i < 0)
		return false;
	*out = (enum ls_status)i;
	return true;
}

const char *ls_group_by_name(enum ls_group_by g)
{
	return names_name(group_by_names, NAMES_COUNT(group_by_names), (int)g);
}

bool ls_group_by_parse(const char *s, enum ls_group_by *out)
{
	int i = names_index(group_by_names, 0, NAMES_COUNT(group_by_names), s);
	if (i < 0)
		return false;
	*out = (enum ls_group_by)i;
	return true;
}

/* ==== the rules ========================================================================== */

static bool done_by(const struct ls_report *r, struct date as_of)
{
	return r->has_done && date_cmp(r->done_on, as_of) <= 0;
}

bool ls_outcome_serious(enum ls_outcome outcome)
{
	return outcome == LS_ALLVARLIGT_MISSFORHALLANDE || outcome == LS_ALLVARLIG_RISK;
}

enum ls_outcome ls_outcome_as_of(const struct ls_report *r, struct date as_of)
{
	/* An outcome dated by a finished investigation is not known before that day. */
	if (r->has_done && date_cmp(r->done_on, as_of) > 0)
		return LS_EJ_BEDOMD;
	return r->outcome;
}

bool ls_notified_by(const struct ls_report *r, struct date as_of)
{
	return r->has_ivo && date_cmp(r->ivo_on, as_of) <= 0;
}

bool ls_open_overdue(const struct ls_report *r, struct date as_of, int overdue_days)
{
	if (done_by(r, as_of) || date_cmp(r->reported_on, as_of) > 0)
		return false;
	return date_to_days(as_of) - date_to_days(r->reported_on) > overdue_days;
}

unsigned ls_inconsistencies(const struct ls_report *r, struct date as_of)
{
	unsigned bits = 0;

	if (ls_outcome_serious(ls_outcome_as_of(r, as_of)) && !ls_notified_by(r, as_of))
		bits |= LS_SERIOUS_NOT_NOTIFIED;
	if (ls_notified_by(r, as_of)) {
		struct date due = date_add_months(r->ivo_on, LS_IVO_MONTHS);
		/* Only once the two months have run out; finished late counts as well. */
		if (date_cmp(as_of, due) > 0 && !(r->has_done && date_cmp(r->done_on, due) <= 0))
			bits |= LS_IVO_INVESTIGATION_LATE;
	}
	return bits;
}

const char *ls_problem_text(unsigned bit)
{
	switch (bit) {
	case LS_SERIOUS_NOT_NOTIFIED:
		return "serious outcome without an IVO notification";
	case LS_IVO_INVESTIGATION_LATE:
		return "notified to IVO but the investigation was not finished within two months";
	default:
		return NULL;
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Median and maximum of the @p n day counts in @p days, which it sorts. */
static struct ls_days days_of(int *days, int n)
{
	struct ls_days out = {.n = n};
	if (n == 0)
		return out;
	qsort(days, (size_t)n, sizeof *days, cmp_int);
	out.max = days[n - 1];
	out.median = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
	return out;
}

/* Days from report to finished investigation. */
static int investigation_days(const struct ls_report *r)
{
	return (int)(date_to_days(r->done_on) - date_to_days(r->reported_on));
}

/* ==== the summary ======================================================================== */

/* Two group keys are the same code (NULL only equals NULL). */
static bool same_key(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Counts one report, notified or not, in the group @p key of @p s (opened by its first). */
static void group_count(struct ls_summary *s, const char *key, const char *name,
			bool notified)
{
	size_t i = 0;
	while (i < s->n_groups && !same_key(s->groups[i].key, key))
		i++;
	if (i == s->n_groups)
		s->groups[s->n_groups++] = (struct ls_group){.key = key, .name = name};
	s->groups[i].count++;
	s->groups[i].notified += notified;
}

/* Counts one report under @p o in the outcomes of @p s, in order of first appearance. */
static void outcome_count(struct ls_summary *s, enum ls_outcome o, bool notified)
{
	size_t i = 0;
	while (i < s->n_outcomes && s->by_outcome[i].outcome != o)
		i++;
	if (i == s->n_outcomes)
		s->by_outcome[s->n_outcomes++] = (struct ls_outcome_count){.outcome = o};
	s->by_outcome[i].count++;
	s->by_outcome[i].notified += notified;
}

/* Counts @p r, one of the period's own reports; its investigation days go to @p days. */
static void count_report(struct ls_summary *s, const struct ls_report *r,
			 enum ls_group_by by, int *days, int *n_days)
{
	bool notified = ls_notified_by(r, s->as_of);
	s->total++;
	s->notified += notified;
	if (by == LS_BY_UNIT)
		group_count(s, r->unit_code, r->unit_name, notified);
	else
		group_count(s, r->category, r->category_name, notified);
	outcome_count(s, ls_outcome_as_of(r, s->as_of), notified);
	if (done_by(r, s->as_of))
		days[(*n_days)++] = investigation_days(r);
}

/* Follows @p r up: overdue when open too long, and each inconsistency it shows. */
static void follow_up(struct ls_summary *s, const struct ls_report *r, int overdue_days)
{
	if (ls_open_overdue(r, s->as_of, overdue_days))
		s->overdue[s->n_overdue++] = r->id;
	unsigned bits = ls_inconsistencies(r, s->as_of);
	for (unsigned b = LS_SERIOUS_NOT_NOTIFIED; b <= LS_IVO_INVESTIGATION_LATE; b <<= 1)
		if (bits & b)
			s->problems[s->n_problems++] = (struct ls_problem){r->id, b};
}

/* The summary's dates and lists, each list with room for every one of @p n reports. */
static struct ls_summary *summary_new(size_t n, const struct ls_summary_params *p)
{
	struct ls_summary *s = calloc(1, sizeof *s);
	size_t room = n ? n : 1;
	if (!s)
		return NULL;
	s->groups = calloc(room, sizeof *s->groups);
	s->overdue = calloc(room, sizeof *s->overdue);
	s->problems = calloc(2 * room, sizeof *s->problems);   /* two bits a report at most */
	if (!s->groups || !s->overdue || !s->problems) {
		ls_summary_free(s);
		return NULL;
	}
	s->first = period_first_day(p->period);
	s->cut_off = period_last_day(p->period);
	if (p->cumulative)
		s->first = (struct date){s->first.y, 1, 1};
	s->as_of = date_cmp(p->today, s->cut_off) < 0 ? p->today : s->cut_off;
	return s;
}

struct ls_summary *ls_summary_build(const struct ls_report *rs, size_t n,
				    const struct ls_summary_params *p)
{
	struct ls_summary *s = summary_new(n, p);
	int *days = calloc(n ? n : 1, sizeof *days), n_days = 0;
	if (!s || !days) {
		free(days);
		ls_summary_free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ls_report *r = &rs[i];
		if (date_cmp(r->reported_on, s->cut_off) > 0)
			continue;
		/* Earlier reports still open, or still inconsistent, matter to this period's
		 * follow-up; only the period's own reports are counted. */
		follow_up(s, r, p->overdue_days);
		if (date_cmp(r->reported_on, s->first) >= 0)
			count_report(s, r, p->group_by, days, &n_days);
	}
	s->days = days_of(days, n_days);
	free(days);
	return s;
}

void ls_summary_free(struct ls_summary *s)
{
	if (!s)
		return;
	free(s->groups);
	free(s->overdue);
	free(s->problems);
	free(s);
}
