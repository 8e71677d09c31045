/*
 * Lex Sarah figures: how long investigations take, which reports stay open too long, and
 * which records contradict the statute's own logic.
 *
 * A report (SoL 14 kap., LSS 24 a–g §) is investigated; a missförhållande or risk that is
 * serious (allvarligt missförhållande, påtaglig risk för ett allvarligt missförhållande) must
 * be notified to IVO, and IVO expects the finished investigation within two months of the
 * notification.  Every question is asked as at a date, so past periods give the answers they
 * gave then.  Pure: no allocation, no I/O.
 */
#ifndef FOLJA_LEX_SARAH_STATS_H
#define FOLJA_LEX_SARAH_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"

/* Default age, in days since reporting, past which an open report is overdue.  The summary
 * takes ?overdue_days=. */
#define LS_OVERDUE_DAYS_DEFAULT 60
/* Months IVO allows between its notification and the finished investigation. */
#define LS_IVO_MONTHS 2

/* A report's dates and codes; strings borrowed. */
struct ls_report {
	int64_t id;
	struct date reported_on;
	struct date done_on;        /* investigation_done_on (has_done) */
	struct date ivo_on;         /* ivo_notified_on (has_ivo) */
	bool has_done;
	bool has_ivo;
	const char *outcome;        /* NULL while not assessed */
};

/* Inconsistencies, as bits. */
enum {
	LS_SERIOUS_NOT_NOTIFIED = 1 << 0,  /* serious outcome, no IVO notification */
	LS_IVO_INVESTIGATION_LATE = 1 << 1, /* notified, investigation not done two months on */
};

/* Investigation days over a set of reports. */
struct ls_days {
	int n;           /* investigations finished (on or before the as-of date) */
	double median;   /* of done_on - reported_on; the mean of the middle two when n is even */
	int max;
};

/** True for the outcomes that oblige a notification to IVO. */
bool ls_outcome_serious(const char *outcome);

/** True when @p r was not finished on or before @p as_of and was reported more than
 *  @p overdue_days days before it. */
bool ls_open_overdue(const struct ls_report *r, struct date as_of, int overdue_days);

/** The LS_* bits describing what is inconsistent in @p r as at @p as_of; 0 when nothing.
 *  An outcome counts from the day the investigation was done (at once when no day is set). */
unsigned ls_inconsistencies(const struct ls_report *r, struct date as_of);

/** A sentence for one LS_* bit.  Static. */
const char *ls_problem_text(unsigned bit);

/**
 * Investigation days of the reports in @p rs finished on or before @p as_of.
 * @param scratch  room for @p n ints, used for sorting.
 */
struct ls_days ls_investigation_days(const struct ls_report *rs, size_t n, struct date as_of,
				     int *scratch);

#endif
