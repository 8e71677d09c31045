/*
 * Counting a register for its summary: the period a summary counts, groups of records that
 * share a key (a unit, a category) with a count per part (per kind, per outcome), and spans
 * of days (handling days, investigation days) as their median and maximum.
 *
 * Every register summary of the reports (complaints, incidents, lex Maria, audits, actions)
 * asks the same first question: which records fall in the period, and as at which date is the
 * rest judged.  The answer is the one lex Sarah gives (folja/lex_sarah_stats.h): records
 * dated in the period are counted (from January of its year when cumulative), and everything
 * dated on or before the period's last day (the cut-off) is followed up as at the cut-off or
 * today, whichever comes first, so past periods answer as they did then.
 *
 * Pure; groups allocate (their keys and names are borrowed from the records).
 */
#ifndef FOLJA_TALLY_H
#define FOLJA_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "folja/date.h"
#include "folja/period.h"

/* The dates a summary of a period works with. */
struct tally_span {
	struct date first;     /* the first day counted */
	struct date cut_off;   /* the period's last day */
	struct date as_of;     /* min(cut_off, today): dates after it have not happened yet */
};

/** The span of @p p: from its first day, or from January of its year when @p cumulative. */
struct tally_span tally_span_of(struct period p, bool cumulative, struct date today);

/** True when @p d lies in @p s (first <= d <= cut_off). */
bool tally_counted(const struct tally_span *s, struct date d);

/** True when optional date @p d (@p has) is on or before @p as_of. */
bool tally_happened(bool has, struct date d, struct date as_of);

/* The most parts a group counts apart (kinds, outcomes). */
#define TALLY_PARTS 8

/* One group of records sharing a key. */
struct tally_group {
	const char *key;            /* borrowed from the first record */
	const char *name;           /* the key in words, as the first record gives it */
	int count;
	int parts[TALLY_PARTS];     /* the caller's split of count, e.g. per kind */
};

/* Groups in order of their first record. */
struct tally_groups {
	struct tally_group *items;
	size_t n, cap;
};

/** The group of @p key (NULL counts as ""), added with @p name when new; NULL when out of
 *  memory. */
struct tally_group *tally_group(struct tally_groups *g, const char *key, const char *name);

/** Frees the groups' array and empties them.  Accepts NULL. */
void tally_groups_free(struct tally_groups *g);

/* A span of days over a set of records. */
struct tally_days {
	int n;             /* records with a span */
	double median;     /* the mean of the middle two when n is even; 0 when n is 0 */
	int max;           /* 0 when n is 0 */
};

/** Median and maximum of the @p n spans in @p days, which it sorts. */
struct tally_days tally_days_of(int *days, size_t n);

/** The days from @p from to @p to (to - from). */
int tally_days_between(struct date from, struct date to);

#endif
