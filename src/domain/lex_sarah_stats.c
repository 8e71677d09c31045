/*
 * Lex Sarah figures (see include/folja/lex_sarah_stats.h).  The dates a report carries are
 * all the rules need; "as at" a date means dates after it are treated as not yet happened.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/lex_sarah_stats.h"

static bool done_by(const struct ls_report *r, struct date as_of)
{
	return r->has_done && date_cmp(r->done_on, as_of) <= 0;
}

bool ls_outcome_serious(const char *outcome)
{
	return outcome && (strcmp(outcome, "allvarligt_missforhallande") == 0 ||
			   strcmp(outcome, "allvarlig_risk") == 0);
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

	/* An outcome dated by a finished investigation is not known before that day. */
	bool assessed = !(r->has_done && date_cmp(r->done_on, as_of) > 0);
	if (assessed && ls_outcome_serious(r->outcome) &&
	    !(r->has_ivo && date_cmp(r->ivo_on, as_of) <= 0))
		bits |= LS_SERIOUS_NOT_NOTIFIED;
	if (r->has_ivo && date_cmp(r->ivo_on, as_of) <= 0) {
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

struct ls_days ls_investigation_days(const struct ls_report *rs, size_t n, struct date as_of,
				     int *scratch)
{
	struct ls_days out = { 0 };

	for (size_t i = 0; i < n; i++)
		if (done_by(&rs[i], as_of))
			scratch[out.n++] = (int)(date_to_days(rs[i].done_on) -
						 date_to_days(rs[i].reported_on));
	if (out.n == 0)
		return out;
	qsort(scratch, (size_t)out.n, sizeof *scratch, cmp_int);
	out.max = scratch[out.n - 1];
	out.median = out.n % 2 ? scratch[out.n / 2] :
		     (scratch[out.n / 2 - 1] + scratch[out.n / 2]) / 2.0;
	return out;
}
