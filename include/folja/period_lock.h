/*
 * Period locks (bokslut): which facts the closing of the books covers.
 *
 * When the committee has decided its annual report, the figures behind it must stay as they
 * were decided: a budget line booked afterwards into a closed month would make the ledger
 * disagree with the published document.  A period lock says so: the facts of a unit's subtree
 * of the kinds it names (budget lines by default; indicator values, statistics and goal
 * assessments when asked, since survey and Kolada figures often arrive after the books close)
 * are closed on or before a month, `through`.  A fact is covered when its month is on or before
 * `through`:
 *
 *   - a budget line by its month; an annual budget line (no month) counts from January of its
 *     year, since periodising spreads it over every month;
 *   - a value keyed by a period (an indicator value, a statistics fact, a goal assessment) by
 *     the period's last month: 2021-T1 is April, 2021 is December.
 *
 * Whether the fact's unit lies in a lock's subtree is storage's question (the locks of a unit
 * are those of the unit and its ancestors); these functions decide the rest.  Pure: no
 * allocation, no global state.
 */
#ifndef FOLJA_PERIOD_LOCK_H
#define FOLJA_PERIOD_LOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/period.h"

/* The kinds of facts a lock may close. */
enum lock_kind {
	LOCK_BUDGET,        /* "budget": budget lines (budget, outcome, forecast) */
	LOCK_INDICATORS,    /* "indicators": indicator values */
	LOCK_STATISTICS,    /* "statistics": statistics facts */
	LOCK_ASSESSMENTS,   /* "assessments": manual goal assessments */
};
#define LOCK_KINDS 4

/** API names ("budget", ...), static; NULL outside the enum. */
const char *lock_kind_name(enum lock_kind k);
/** The kind named @p s into *out; false for an unknown name (or NULL). */
bool lock_kind_parse(const char *s, enum lock_kind *out);

/* A month as one ordinal, so months compare across years: year * 12 + month - 1. */
int lock_month(int year, int month);
/** The year and month (1..12) of ordinal @p m. */
void lock_month_split(int m, int *year, int *month);
/** The month a budget line is covered from: its own, or January for an annual line
 *  (@p month 0). */
int lock_month_of_line(int year, int month);
/** The month a fact keyed by period @p p is covered from: the period's last month. */
int lock_month_of_period(struct period p);

/* One lock as the rule needs it. */
struct period_lock {
	int64_t id;
	int64_t unit_id;          /* the subtree's root */
	int through;              /* lock_month() of the last closed month */
	unsigned kinds;           /* bit (1u << kind) for each kind closed */
};

/** True when lock @p l closes a fact of kind @p k in month @p m (a lock_month()). */
bool period_lock_covers(const struct period_lock *l, enum lock_kind k, int m);
/** The first of the @p n locks @p locks (those over the fact's unit) that closes a fact of
 *  kind @p k in month @p m, or NULL when none does. */
const struct period_lock *period_lock_find(const struct period_lock *locks, size_t n,
					   enum lock_kind k, int m);

#endif
