/*
 * Ej verkställda beslut: the three-month rule of SoL 16 kap. 6 f § and LSS 28 f §.
 *
 * A committee must report to IVO, every quarter, each favourable decision it has not executed
 * within three months of the decision, and each execution it interrupted and has not resumed
 * within three months of the interruption.  The deadline is the start date plus three
 * calendar months (same day number; when that month is shorter, its last day), and a decision
 * is reportable at a cut-off date C (the quarter's last day) when C is after the deadline and
 * neither execution, resumption nor closing happened on or before C.  Once reportable it is
 * re-reported every quarter until one of those happens.  A person declining an offer does not
 * stop the reporting: declining is not an event here, only closing the case is.
 *
 * Every question is asked "as at C": dates after C are ignored, so the same register answers
 * for this quarter and for any earlier one (new versus carried over, resolved in the quarter).
 *
 * An execution may be interrupted and resumed any number of times; the register keeps every
 * interruption with its resumption, in order, so a past quarter's report follows from the
 * dates exactly as it was filed: an interruption, its resumption and a later interruption
 * each count only from their own day.  As at C, the interruption that matters is the last
 * one begun on or before C; the decision waits from it while it was not resumed by C.
 *
 * Inconsistent dates (executed before decided, an interruption without an execution, resumed
 * before interrupted, an interruption before the previous one was resumed, anything after
 * closing) are refused by evb_check() before they are
 * stored; the other functions give a defined answer for them, following the rule literally,
 * but not a meaningful one.
 *
 * Pure: no allocation, no I/O; all dates are valid calendar dates (date_parse's output).
 */
#ifndef FOLJA_EVB_H
#define FOLJA_EVB_H

#include <stdbool.h>
#include <stddef.h>

#include "folja/date.h"

/* The statutory waiting time, in calendar months. */
#define EVB_MONTHS 3

/* The most interruptions one decision may hold. */
#define EVB_MAX_INTERRUPTIONS 50

/* One interruption of an execution and, once it happened, its resumption. */
struct evb_interruption {
	struct date interrupted_on;  /* execution interrupted */
	struct date resumed_on;      /* execution resumed (has_resumed) */
	bool has_resumed;
};

/* A decision's dates as the register holds them; a date counts only when its has_ flag is set. */
struct evb_decision {
	struct date decided_on;      /* the favourable decision; always present */
	struct date executed_on;     /* execution began (has_executed) */
	struct date closed_on;       /* the case closed, whatever the close_reason (has_closed) */
	bool has_executed;
	bool has_closed;
	/* Every interruption (they need executed_on), in date order: each begins on or after the
	 * resumption of the one before, which must have been resumed.  Borrowed. */
	const struct evb_interruption *interruptions;
	size_t n_interruptions;
};

/* What is being waited for; the API's "kind". */
enum evb_kind {
	EVB_BESLUT,   /* a decision never executed, counted from decided_on */
	EVB_AVBROTT,  /* an interrupted execution not resumed, counted from interrupted_on */
};

/* A reportable decision as at a cut-off date. */
struct evb_status {
	enum evb_kind kind;
	struct date start;            /* decided_on (beslut) or interrupted_on (avbrott) */
	struct date deadline;         /* start + 3 calendar months: the last day still in time */
	struct date reportable_from;  /* deadline + 1 day: the first cut-off at which it counts */
	int days_waited;              /* cut-off - start, in days; >= 90 when reportable */
	int months_waited;            /* whole calendar months start -> cut-off; >= 3 */
};

/* Status in a quarter's report; the API's "status". */
enum evb_quarter_status {
	EVB_NEW,           /* first reportable at a cut-off inside this quarter */
	EVB_CARRIED_OVER,  /* already reportable at the previous quarter's last day */
};

/* How a reported decision stopped being reportable; the API's "how". */
enum evb_how {
	EVB_VERKSTALLT,  /* executed (beslut) or execution resumed (avbrott) */
	EVB_AVSLUTAT,    /* the case was closed */
};

struct evb_resolution {
	enum evb_how how;
	struct date on;          /* the day of the execution, resumption or closing */
	enum evb_kind kind;      /* what had been reported at the previous cut-off */
};

/* Waiting-time buckets of the council report: 3-6, 7-9, 10-12, 13-17, 18+ whole months. */
enum {
	EVB_BUCKET_3_6,
	EVB_BUCKET_7_9,
	EVB_BUCKET_10_12,
	EVB_BUCKET_13_17,
	EVB_BUCKET_18_PLUS,
	EVB_BUCKETS          /* the number of buckets */
};

/* A consistency problem, for the errors[] of a 422.  Both strings are static. */
struct evb_problem {
	const char *field;    /* the API field at fault, e.g. "resumed_on" */
	const char *message;
	int index;            /* the interruption the field belongs to; -1 for the decision's */
};

/* The most problems evb_check() reports for one decision (it stops there). */
#define EVB_MAX_PROBLEMS 16

/**
 * The deadline for a wait starting on @p start: @p start plus three calendar months, clamped
 * to the month's end (2021-11-30 -> 2022-02-28, 2024-02-29 -> 2024-05-29).  The decision is
 * still in time on the deadline itself.
 */
struct date evb_deadline(struct date start);

/**
 * Whether decision @p d is reportable at cut-off @p cut_off, counting only dates on or before
 * it.  Reportable means: not closed, and either not executed (beslut, counted from decided_on)
 * or interrupted and not resumed (avbrott, counted from the last interruption begun on or
 * before the cut-off), with
 * @p cut_off > evb_deadline(start).
 *
 * @param d        the decision; borrowed.
 * @param cut_off  the cut-off date C, normally a quarter's last day.
 * @param out      if not NULL and the decision is reportable, receives kind, start, deadline,
 *                 reportable_from, days_waited and months_waited as at @p cut_off; untouched
 *                 otherwise.
 * @return true when reportable.
 */
bool evb_reportable(const struct evb_decision *d, struct date cut_off, struct evb_status *out);

/**
 * New or carried over, for a decision reportable at the last day of the quarter that starts
 * on @p first_day, with @p st as evb_reportable() gave it for that last day.  New when it
 * became reportable on or after @p first_day, i.e. it was not reportable at the previous
 * quarter's last day (first_day - 1).  Counting from the episode's own reportable_from also
 * makes an avbrott new even when the same decision had been reported as a beslut before it.
 */
enum evb_quarter_status evb_quarter_status(const struct evb_status *st, struct date first_day);

/**
 * Whether decision @p d was resolved during the quarter @p first_day .. @p last_day after
 * having been reported: reportable at first_day - 1 (the previous quarter's cut-off) and then
 * executed, resumed or closed on a day D with first_day <= D <= last_day.  When execution (or
 * resumption) and closing fall on the same day, it counts as verkstallt.
 *
 * @param out  if not NULL and resolved, receives how, on and the kind reported; untouched
 *             otherwise.
 * @return true when resolved in the quarter.  A decision may also be reportable at last_day
 *         again (a later interruption) only when the range is longer than a quarter.
 */
bool evb_resolved_in(const struct evb_decision *d, struct date first_day, struct date last_day,
		     struct evb_resolution *out);

/**
 * The council-report bucket for @p months whole months waited: EVB_BUCKET_3_6 for 3..6, ...,
 * EVB_BUCKET_18_PLUS for 18 and more; -1 below 3, which a reportable decision never is.
 */
int evb_wait_bucket(int months);

/** The bucket's label ("3-6", "7-9", "10-12", "13-17", "18+"), or NULL out of range.  Static. */
const char *evb_bucket_name(int bucket);

/**
 * True when the wait in @p st has gone on longer than @p horizon_days (days_waited >
 * horizon_days): the decisions a report flags for the risk of a särskild avgift.
 */
bool evb_over_horizon(const struct evb_status *st, int horizon_days);

/**
 * Checks the order of @p d's dates: executed_on >= decided_on; interruptions only with
 * executed_on, the first on or after it, each later one on or after the resumption of the one
 * before, which must have been resumed; each resumed_on >= its interrupted_on; closed_on >=
 * decided_on; nothing after closed_on.  Equal dates are allowed everywhere (executed and
 * interrupted the same day, resumed and interrupted again the same day, closed the day it was
 * executed).
 *
 * @param out  receives the problems found, in field order (the decision's own fields, each
 *             interruption's in turn, closed_on last); the first EVB_MAX_PROBLEMS of them.
 * @return the number of problems reported, 0 when the dates are consistent.
 */
size_t evb_check(const struct evb_decision *d, struct evb_problem out[EVB_MAX_PROBLEMS]);

/** "beslut" or "avbrott".  Static. */
const char *evb_kind_name(enum evb_kind kind);
/** "new" or "carried_over".  Static. */
const char *evb_quarter_status_name(enum evb_quarter_status status);
/** "verkstallt" or "avslutat".  Static. */
const char *evb_how_name(enum evb_how how);

#endif
