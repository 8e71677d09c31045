/*
 * The three-month rule for decisions not executed (see include/folja/evb.h for the rule).
 *
 * Everything is derived from one question, "what is this decision waiting for as at C?",
 * answered from the dates on or before C alone.  New-versus-carried-over and resolved-in-the-
 * quarter are the same question asked at the previous quarter's cut-off, so the register
 * needs no history of past reports to produce them: a quarter's IVO report can be recomputed
 * at any time and gives the same answer, as long as the dates were not edited.
 */
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

/* The last interruption of @p d begun on or before @p cut_off, or NULL. */
static const struct evb_interruption *last_interruption(const struct evb_decision *d,
							 struct date cut_off)
{
	const struct evb_interruption *last = NULL;
	for (size_t i = 0; i < d->n_interruptions; i++)
		if (date_cmp(d->interruptions[i].interrupted_on, cut_off) <= 0)
			last = &d->interruptions[i];
	return last;
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
	const struct evb_interruption *in = last_interruption(d, cut_off);
	if (in && !happened_by(in->has_resumed, in->resumed_on, cut_off)) {
		*kind = EVB_AVBROTT;
		*start = in->interrupted_on;
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
	if (reported.kind == EVB_BESLUT) {
		earliest(d->has_executed, d->executed_on, EVB_VERKSTALLT, &found, &r);
	} else {
		/* the interruption reported is the one the wait started from */
		const struct evb_interruption *in = last_interruption(d, reported.start);
		earliest(in->has_resumed, in->resumed_on, EVB_VERKSTALLT, &found, &r);
	}
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

/* Problems found so far, the first EVB_MAX_PROBLEMS of them kept. */
struct problems {
	struct evb_problem *out;
	size_t n;
};

static void problem(struct problems *p, const char *field, int index, const char *message)
{
	if (p->n < EVB_MAX_PROBLEMS)
		p->out[p->n++] = (struct evb_problem){field, message, index};
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

/* Interruption @p k's start: after the execution, or after the previous resumption. */
static void check_interrupted(const struct evb_decision *d, size_t k, struct problems *p)
{
	const struct evb_interruption *in = &d->interruptions[k], *prev = k ? in - 1 : NULL;
	if (!d->has_executed)
		problem(p, "interrupted_on", (int)k, "an interruption needs executed_on");
	else if (!prev && before(true, in->interrupted_on, d->executed_on))
		problem(p, "interrupted_on", (int)k, "is before executed_on");
	else if (prev && !prev->has_resumed)
		problem(p, "interrupted_on", (int)k, "the interruption before it was not resumed");
	else if (prev && before(true, in->interrupted_on, prev->resumed_on))
		problem(p, "interrupted_on", (int)k, "is before the previous resumed_on");
	if (after_closing(true, in->interrupted_on, d))
		problem(p, "interrupted_on", (int)k, "is after closed_on");
}

static void check_interruption(const struct evb_decision *d, size_t k, struct problems *p)
{
	const struct evb_interruption *in = &d->interruptions[k];
	check_interrupted(d, k, p);
	if (before(in->has_resumed, in->resumed_on, in->interrupted_on))
		problem(p, "resumed_on", (int)k, "is before interrupted_on");
	if (after_closing(in->has_resumed, in->resumed_on, d))
		problem(p, "resumed_on", (int)k, "is after closed_on");
}

size_t evb_check(const struct evb_decision *d, struct evb_problem out[EVB_MAX_PROBLEMS])
{
	struct problems p = {out, 0};

	if (before(d->has_executed, d->executed_on, d->decided_on))
		problem(&p, "executed_on", -1, "is before decided_on");
	if (after_closing(d->has_executed, d->executed_on, d))
		problem(&p, "executed_on", -1, "is after closed_on");
	for (size_t k = 0; k < d->n_interruptions; k++)
		check_interruption(d, k, &p);
	if (before(d->has_closed, d->closed_on, d->decided_on))
		problem(&p, "closed_on", -1, "is before decided_on");
	return p.n;
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
