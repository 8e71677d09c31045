/*
 * The three-month rule for decisions not executed (see include/folja/evb.h for the rule).
 *
 * Everything is derived from one question, "what is this decision waiting for as at C?",
 * answered from the dates on or before C alone.  New-versus-carried-over and resolved-in-the-
 * quarter are the same question asked at the previous quarter's cut-off, so the register
 * needs no history of past reports to produce them: a quarter's IVO report can be recomputed
 * at any time and gives the same answer, as long as the dates were not edited.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/evb.h"

/* ---------------------------------------------------------------- dates */

/* True when an optional date is present and on or before @p cut_off. */
static bool happened_by(bool has, struct date when, struct date cut_off)
{
	return has && date_cmp(when, cut_off) <= 0;
}

static struct date add_days(struct date dt, int64_t days)
{
	return date_from_days(date_to_days(dt) + days);
}

/* ---------------------------------------------------------------- the rule */

struct date evb_deadline(struct date start)
{
	return date_add_months(start, EVB_MONTHS);
}

/*
 * What @p d is waiting for as at @p cut_off: its kind and start.  False when it is waiting for
 * nothing (closed, or executed and not interrupted since, or resumed).  The deadline is not
 * looked at here.
 */
static bool waiting_at(const struct evb_decision *d, struct date cut_off, enum evb_kind *kind,
		       struct date *start)
{
	if (happened_by(d->has_closed, d->closed_on, cut_off))
		return false;
	if (!happened_by(d->has_executed, d->executed_on, cut_off)) {
		*kind = EVB_BESLUT;
		*start = d->decided_on;
		return true;
	}
	if (happened_by(d->has_interrupted, d->interrupted_on, cut_off) &&
	    !happened_by(d->has_resumed, d->resumed_on, cut_off)) {
		*kind = EVB_AVBROTT;
		*start = d->interrupted_on;
		return true;
	}
	return false;
}

bool evb_reportable(const struct evb_decision *d, struct date cut_off, struct evb_status *out)
{
	struct evb_status st;

	if (!waiting_at(d, cut_off, &st.kind, &st.start))
		return false;
	st.deadline = evb_deadline(st.start);
	/* In time on the deadline itself: "three months and a day" must have passed. */
	if (date_cmp(cut_off, st.deadline) <= 0)
		return false;
	st.reportable_from = add_days(st.deadline, 1);
	st.days_waited = (int)(date_to_days(cut_off) - date_to_days(st.start));
	st.months_waited = date_months_between(st.start, cut_off);
	if (out)
		*out = st;
	return true;
}

/* ---------------------------------------------------------------- quarters */

enum evb_quarter_status evb_quarter_status(const struct evb_status *st, struct date first_day)
{
	/* reportable_from >= first_day is the same as "not reportable at first_day - 1" for the
	 * episode at hand: nothing after first_day - 1 could have made it reportable earlier. */
	return date_cmp(st->reportable_from, first_day) >= 0 ? EVB_NEW : EVB_CARRIED_OVER;
}

/* Keeps in @p best the earliest ending offered so far; on a tie the one offered first stays. */
static void earliest(bool has, struct date when, enum evb_how how, bool *found,
		     struct evb_resolution *best)
{
	if (!has)
		return;
	if (*found && date_cmp(best->on, when) <= 0)
		return;
	*found = true;
	best->how = how;
	best->on = when;
}

bool evb_resolved_in(const struct evb_decision *d, struct date first_day, struct date last_day,
		     struct evb_resolution *out)
{
	struct evb_status reported;
	struct evb_resolution r = { 0 };
	bool found = false;

	if (!evb_reportable(d, add_days(first_day, -1), &reported))
		return false;
	/* Being reportable at first_day - 1, every ending a consistent record holds lies after
	 * it; the first of them is what ended the reported wait.  Execution is offered first so that it
	 * wins a tie with closing. */
	if (reported.kind == EVB_BESLUT)
		earliest(d->has_executed, d->executed_on, EVB_VERKSTALLT, &found, &r);
	else
		earliest(d->has_resumed, d->resumed_on, EVB_VERKSTALLT, &found, &r);
	earliest(d->has_closed, d->closed_on, EVB_AVSLUTAT, &found, &r);
	if (!found || date_cmp(r.on, last_day) > 0)
		return false;
	r.kind = reported.kind;
	if (out)
		*out = r;
	return true;
}

/* ---------------------------------------------------------------- report figures */

int evb_wait_bucket(int months)
{
	/* Upper bounds (inclusive) of the buckets below 18+. */
	static const int upper[EVB_BUCKETS - 1] = { 6, 9, 12, 17 };

	if (months < EVB_MONTHS)
		return -1;
	for (int b = 0; b < EVB_BUCKETS - 1; b++)
		if (months <= upper[b])
			return b;
	return EVB_BUCKET_18_PLUS;
}

const char *evb_bucket_name(int bucket)
{
	static const char *const names[EVB_BUCKETS] = { "3-6", "7-9", "10-12", "13-17", "18+" };

	return bucket >= 0 && bucket < EVB_BUCKETS ? names[bucket] : NULL;
}

bool evb_over_horizon(const struct evb_status *st, int horizon_days)
{
	return st->days_waited > horizon_days;
}

/* ---------------------------------------------------------------- validation */

static void problem(struct evb_problem out[EVB_MAX_PROBLEMS], size_t *n, const char *field,
		    const char *message)
{
	assert(*n < EVB_MAX_PROBLEMS);
	out[*n].field = field;
	out[*n].message = message;
	(*n)++;
}

/* True when optional date @p a is present and strictly before @p b. */
static bool before(bool has, struct date a, struct date b)
{
	return has && date_cmp(a, b) < 0;
}

/* True when optional date @p a and the closing date are present and @p a is after closing. */
static bool after_closing(bool has, struct date a, const struct evb_decision *d)
{
	return has && d->has_closed && date_cmp(a, d->closed_on) > 0;
}

size_t evb_check(const struct evb_decision *d, struct evb_problem out[EVB_MAX_PROBLEMS])
{
	size_t n = 0;

	if (before(d->has_executed, d->executed_on, d->decided_on))
		problem(out, &n, "executed_on", "is before decided_on");
	if (after_closing(d->has_executed, d->executed_on, d))
		problem(out, &n, "executed_on", "is after closed_on");
	if (d->has_interrupted && !d->has_executed)
		problem(out, &n, "interrupted_on", "an interruption needs executed_on");
	else if (before(d->has_interrupted, d->interrupted_on, d->executed_on))
		problem(out, &n, "interrupted_on", "is before executed_on");
	if (after_closing(d->has_interrupted, d->interrupted_on, d))
		problem(out, &n, "interrupted_on", "is after closed_on");
	if (d->has_resumed && !d->has_interrupted)
		problem(out, &n, "resumed_on", "a resumption needs interrupted_on");
	else if (before(d->has_resumed, d->resumed_on, d->interrupted_on))
		problem(out, &n, "resumed_on", "is before interrupted_on");
	if (after_closing(d->has_resumed, d->resumed_on, d))
		problem(out, &n, "resumed_on", "is after closed_on");
	if (before(d->has_closed, d->closed_on, d->decided_on))
		problem(out, &n, "closed_on", "is before decided_on");
	return n;
}

/* ---------------------------------------------------------------- names */

const char *evb_kind_name(enum evb_kind kind)
{
	return kind == EVB_AVBROTT ? "avbrott" : "beslut";
}

const char *evb_quarter_status_name(enum evb_quarter_status status)
{
	return status == EVB_CARRIED_OVER ? "carried_over" : "new";
}

const char *evb_how_name(enum evb_how how)
{
	return how == EVB_AVSLUTAT ? "avslutat" : "verkstallt";
}
