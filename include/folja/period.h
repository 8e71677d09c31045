/*
 * Report periods: the strings every follow-up query is keyed by.
 *
 * A municipal committee follows up by year (`2021`), month (`2021-04`), quarter (`2021-Q3`,
 * the IVO report on decisions not executed), tertial (`2021-T1`, the interim reports
 * *delårsrapport 1* and *2*) and half-year (`2021-H1`).  A period is its kind, its year and
 * its index within the year; it covers a run of whole calendar months:
 *
 *     year    2021      months 1..12    index 0
 *     month   2021-04   months 4..4     index 1..12
 *     quarter 2021-Q3   months 7..9     index 1..4
 *     tertial 2021-T2   months 5..8     index 1..3 (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec)
 *     half    2021-H2   months 7..12    index 1..2
 *
 * These are the months the period itself covers.  Budget figures are year-to-date: a caller
 * that wants "jan-april" or "till och med augusti" sums January through period_last_month();
 * with `?cumulative=false` it sums period_first_month() through period_last_month().  The
 * period's last day is the cut-off for everything dated (decisions, lex Sarah reports).
 *
 * Parsing is strict, because a period string is also a key (an indicator value is stored at
 * `/values/{period}`, a report period is locked by its string): each period has exactly one
 * spelling, the one period_format() writes.  Refused are lower-case letters (`2021-q3`),
 * one-digit months (`2021-4`), leading zeros in an index (`2021-Q03`), two-digit years,
 * surrounding blanks and trailing characters, and years outside 1900..2200 (real follow-up
 * data lies well inside; the bound catches typos such as `2201` or `1021`).
 *
 * Everything here is pure: no allocation, no global state.
 */
#ifndef FOLJA_PERIOD_H
#define FOLJA_PERIOD_H

#include <stdbool.h>

#include "folja/date.h"

/* Years period_parse() accepts.  Arithmetic (period_previous) may step outside them. */
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2200

/* Room for any formatted valid period ("2021-Q3", "2021-04") and its terminator. */
#define PERIOD_BUF 16

enum period_kind {
	PERIOD_YEAR,
	PERIOD_MONTH,
	PERIOD_QUARTER,
	PERIOD_TERTIAL,
	PERIOD_HALF,
};

struct period {
	enum period_kind kind;
	int year;   /* 1..9999; parsed periods lie in PERIOD_YEAR_MIN..PERIOD_YEAR_MAX */
	int index;  /* month 1-12, quarter 1-4, tertial 1-3, half 1-2; 0 for a year */
};

/**
 * Parses a canonical period string ("2021", "2021-04", "2021-Q3", "2021-T1", "2021-H2").
 * False on anything else, including NULL @p s or NULL @p out; @p out is written only on
 * success.  period_error() says why a string was refused.
 */
bool period_parse(const char *s, struct period *out);

/**
 * NULL when @p s is a valid period string (exactly when period_parse() accepts it);
 * otherwise a static English sentence for the HTTP layer's 400 detail, e.g. "quarter must be
 * Q1, Q2, Q3 or Q4".  The caller must not free it.  @p s may be NULL.
 */
const char *period_error(const char *s);

/** True when @p p has a known kind, a year 1..9999 and an index in its kind's range. */
bool period_valid(struct period p);

/** Writes the canonical string of @p p (valid) into @p buf (at least PERIOD_BUF bytes). */
void period_format(struct period p, char buf[PERIOD_BUF]);

/** First calendar month (1..12) the period covers: 7 for 2021-Q3, 5 for 2021-T2. */
int period_first_month(struct period p);

/** Last calendar month (1..12) the period covers: 9 for 2021-Q3, 8 for 2021-T2. */
int period_last_month(struct period p);

/** First day of the period's first month: 2021-Q3 -> 2021-07-01. */
struct date period_first_day(struct period p);

/** Last day of the period's last month, the cut-off for dated things: 2021-Q3 -> 2021-09-30,
 *  2024-02 -> 2024-02-29. */
struct date period_last_day(struct period p);

/** The period of the same kind just before @p p: 2021-Q1 -> 2020-Q4, 2021-01 -> 2020-12,
 *  2021-T1 -> 2020-T3, 2021 -> 2020. */
struct period period_previous(struct period p);

/** The same period one year earlier: 2021-Q3 -> 2020-Q3. */
struct period period_same_last_year(struct period p);

/** True when @p d falls within the months @p p covers (not year-to-date). */
bool period_contains(struct period p, struct date d);

/** The period of kind @p kind that contains @p d: (PERIOD_QUARTER, 2021-08-15) -> 2021-Q3.
 *  Used to place a dated event (a report received, a decision becoming reportable). */
struct period period_containing(enum period_kind kind, struct date d);

#endif
