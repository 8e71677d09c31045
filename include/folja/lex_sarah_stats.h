/*
 * Lex Sarah figures: how many reports a period had and how they were assessed, how long
 * investigations take, which reports stay open too long, and which records contradict the
 * statute's own logic.
 *
 * A report (SoL 14 kap., LSS 24 a–g §) is investigated; a missförhållande or risk that is
 * serious (allvarligt missförhållande, påtaglig risk för ett allvarligt missförhållande) must
 * be notified to IVO, and IVO expects the finished investigation within two months of the
 * notification.  Every question is asked as at a date, so past periods give the answers they
 * gave then: a notification or an investigation dated after it has not happened yet, and an
 * outcome is not known before the day its investigation was done.
 *
 * The summary of a period counts the period's own reports (from January when cumulative) and
 * follows up every report made up to the period's last day (the cut-off): an open report made
 * the year before is still overdue now.  The as-of date is the cut-off, or today when the
 * period has not ended yet.
 *
 * The rules are pure (no allocation, no I/O); ls_summary_build() allocates its lists and
 * ls_summary_free() releases them.  Reports are plain structs whose strings (group keys and
 * names) are borrowed from whoever loaded them.
 */
#ifndef FOLJA_LEX_SARAH_STATS_H
#define FOLJA_LEX_SARAH_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/period.h"

/* Default age, in days since reporting, past which an open report is overdue.  The summary
 * takes ?overdue_days=. */
#define LS_OVERDUE_DAYS_DEFAULT 60
/* Months IVO allows between its notification and the finished investigation. */
#define LS_IVO_MONTHS 2

/* The assessed outcome of a report; the API's "outcome" (DESIGN.md), plus "ej_bedomd" for a
 * report without one: not assessed at all, or not yet as at the date asked. */
enum ls_outcome {
	LS_EJ_BEDOMD,                   /* "ej_bedomd": no outcome (yet) */
	LS_INGET_MISSFORHALLANDE,       /* "inget_missforhallande" */
	LS_RISK_FOR_MISSFORHALLANDE,    /* "risk_for_missforhallande" */
	LS_MISSFORHALLANDE,             /* "missforhallande" */
	LS_ALLVARLIGT_MISSFORHALLANDE,  /* "allvarligt_missforhallande": serious */
	LS_ALLVARLIG_RISK,              /* "allvarlig_risk": serious */
	LS_OUTCOMES                     /* the number of outcomes */
};

/* Where a report's handling stands; the API's "status". */
enum ls_status {
	LS_RAPPORTERAD,      /* "rapporterad": reported, not yet investigated */
	LS_UNDER_UTREDNING,  /* "under_utredning": being investigated */
	LS_AVSLUTAD,         /* "avslutad": investigated, outcome set */
};

/* A report as the figures need it.  The strings are borrowed (from the set that loaded the
 * report) and never NULL for a stored report. */
struct ls_report {
	int64_t id;
	struct date reported_on;
	struct date done_on;        /* investigation_done_on (has_done) */
	struct date ivo_on;         /* ivo_notified_on (has_ivo) */
	bool has_done;
	bool has_ivo;
	enum ls_status status;
	enum ls_outcome outcome;    /* LS_EJ_BEDOMD while none is recorded */
	const char *unit_code;      /* the unit's code and name */
	const char *unit_name;
	const char *category;       /* the category's code and name */
	const char *category_name;
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

/** The API name of @p o ("ej_bedomd" for LS_EJ_BEDOMD), static; NULL outside the enum. */
const char *ls_outcome_name(enum ls_outcome o);
/** Parses a stored outcome exactly.  True and *out set on success; false and *out untouched
 *  otherwise (NULL @p s, and "ej_bedomd", which is never stored, included). */
bool ls_outcome_parse(const char *s, enum ls_outcome *out);
/** Parses a status exactly; false and *out untouched on anything else (NULL included). */
bool ls_status_parse(const char *s, enum ls_status *out);

/** True for the outcomes that oblige a notification to IVO. */
bool ls_outcome_serious(enum ls_outcome outcome);

/** The outcome of @p r as known at @p as_of: LS_EJ_BEDOMD while its investigation is done
 *  after that day (an outcome without a day counts at once). */
enum ls_outcome ls_outcome_as_of(const struct ls_report *r, struct date as_of);

/** True when @p r was notified to IVO on or before @p as_of. */
bool ls_notified_by(const struct ls_report *r, struct date as_of);

/** True when @p r was not finished on or before @p as_of and was reported more than
 *  @p overdue_days days before it. */
bool ls_open_overdue(const struct ls_report *r, struct date as_of, int overdue_days);

/** The LS_* bits describing what is inconsistent in @p r as at @p as_of; 0 when nothing.
 *  An outcome counts from the day the investigation was done (at once when no day is set). */
unsigned ls_inconsistencies(const struct ls_report *r, struct date as_of);

/** A sentence for one LS_* bit.  Static. */
const char *ls_problem_text(unsigned bit);

/* ==== the summary of a period ============================================================ */

/* What the groups of a summary are; the API's ?group_by=. */
enum ls_group_by {
	LS_BY_CATEGORY,  /* "category" */
	LS_BY_UNIT,      /* "unit" */
};

/** The API name of @p g, static; NULL outside the enum. */
const char *ls_group_by_name(enum ls_group_by g);
/** Parses a ?group_by= value exactly; false and *out untouched on anything else. */
bool ls_group_by_parse(const char *s, enum ls_group_by *out);

/* The question a summary answers. */
struct ls_summary_params {
	struct period period;      /* counted: reports made in it ... */
	bool cumulative;           /* ... or from the January of its year through its end */
	struct date today;         /* the as-of date is the cut-off or today, the earlier */
	enum ls_group_by group_by;
	int overdue_days;          /* open longer than this is overdue; >= 0 */
};

/* One group of counted reports: a category or a unit. */
struct ls_group {
	const char *key;      /* category or unit code; borrowed from the first report */
	const char *name;     /* its name, as the first report gives it */
	int count;            /* reports counted */
	int notified;         /* of those, notified to IVO as at the as-of date */
};

/* The counted reports of one outcome as at the as-of date. */
struct ls_outcome_count {
	enum ls_outcome outcome;
	int count;
	int notified;
};

/* One inconsistency of one report. */
struct ls_problem {
	int64_t id;
	unsigned bit;         /* one LS_* inconsistency bit */
};

struct ls_summary {
	struct date first;            /* first day counted */
	struct date cut_off;          /* the period's last day */
	struct date as_of;            /* min(cut_off, today) */
	int total;                    /* reports counted: first <= reported_on <= cut_off */
	int notified;                 /* of those, notified to IVO as at as_of */
	struct ls_group *groups;      /* in order of their first counted report */
	size_t n_groups;
	struct ls_outcome_count by_outcome[LS_OUTCOMES];  /* in order of first counted report */
	size_t n_outcomes;
	struct ls_days days;          /* investigation days of the counted reports */
	int64_t *overdue;             /* ids of every report up to the cut-off open too long */
	size_t n_overdue;
	struct ls_problem *problems;  /* every report up to the cut-off: one per bit, by report */
	size_t n_problems;
};

/**
 * The summary of @p p over the reports @p rs (in the order the groups and lists should
 * follow, normally by reported_on then id).  Reports made after the period's last day are
 * left out.  @p rs is borrowed and must outlive the result, whose group keys point into it.
 * @return a new summary the caller frees with ls_summary_free(), or NULL when out of memory.
 */
struct ls_summary *ls_summary_build(const struct ls_report *rs, size_t n,
				    const struct ls_summary_params *p);

/** Frees a summary.  Accepts NULL. */
void ls_summary_free(struct ls_summary *s);

#endif
