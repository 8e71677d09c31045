/*
 * Calendar dates (proleptic Gregorian), the arithmetic the statutory rules need.
 *
 * A date is held as its fields and converted to a day number for differences, so "days
 * waited" is a subtraction.  Only strict ISO 8601 calendar dates (YYYY-MM-DD) are accepted
 * from outside: 2021-02-29 is refused, 2020-02-29 is fine.
 *
 * Month arithmetic follows the statutes' "three calendar months": the same day number in the
 * target month or, when that month is shorter, its last day.  date_months_between() counts
 * the same way, so months_between(d, add_months(d, n)) == n for every n >= 0.
 *
 * Everything here is pure: no allocation, no global state, no locale.
 */
#ifndef FOLJA_DATE_H
#define FOLJA_DATE_H

#include <stdbool.h>
#include <stdint.h>

struct date {
	int y;  /* 1..9999 */
	int m;  /* 1..12 */
	int d;  /* 1..days in month */
};

/**
 * Parses strict "YYYY-MM-DD" (exactly 10 characters, a real date, year 0001..9999).  False on
 * anything else, including NULL @p s or NULL @p out; @p out is written only on success.
 */
bool date_parse(const char *s, struct date *out);
/** Writes "YYYY-MM-DD" and its terminator into @p buf (at least 11 bytes).  @p dt must be
 *  date_valid(). */
void date_format(struct date dt, char buf[11]);
/** True when @p dt is a real calendar date with year 1..9999. */
bool date_valid(struct date dt);
/** True for a leap year (divisible by 4, except centuries not divisible by 400). */
bool date_is_leap(int y);
/** Days in month @p m (1..12) of year @p y; 0 when @p m is out of range. */
int date_days_in_month(int y, int m);
/** Days since 1970-01-01 (negative before).  Exact for any year of the proleptic calendar
 *  (year 0 is 1 BC), though only years 1..9999 are valid dates; month and day must be valid. */
int64_t date_to_days(struct date dt);
/** Inverse of date_to_days. */
struct date date_from_days(int64_t days);
/** <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(struct date a, struct date b);
/** @p dt plus @p months calendar months, same day number or, when the target month is
 *  shorter, its last day (2021-01-31 + 1 month = 2021-02-28).  @p months may be negative.
 *  The caller keeps the result within years 1..9999. */
struct date date_add_months(struct date dt, int months);
/** Whole calendar months from @p from to @p to (0 when to < from + 1 month), counted as
 *  date_add_months does: 2021-01-31 to 2021-02-28 is one month.  That is the largest n >= 0
 *  with date_add_months(from, n) <= to. */
int date_months_between(struct date from, struct date to);

#endif
