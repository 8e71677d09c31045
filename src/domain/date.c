/*
 * Calendar dates: strict parsing, day numbers and calendar-month arithmetic.
 *
 * The statutory rules Följa checks are stated in calendar terms ("three months from the
 * decision", "within two months of the notification", "the quarter's last day"), while the
 * figures it reports are in days ("days waited").  A date is therefore kept as its three
 * fields, and converted to a day number (days since 1970-01-01) only to subtract or to step
 * by days.  The conversion is Howard Hinnant's civil-date algorithm, which counts in 400-year
 * eras of exactly 146097 days, so it needs no tables and no loops and is exact for every
 * proleptic Gregorian year, including those before 1970 and before year 1.
 *
 * Month arithmetic clamps to the month's end, which is what "three calendar months" means in
 * SoL 16 kap. 6 f §: a decision of 30 November reaches its deadline on 28 (or 29) February.
 */
#include "folja/date.h"

#include <assert.h>
#include <stdio.h>

/* Days in a 400-year era, and the day number of 0000-03-01 counted from 1970-01-01. */
#define ERA_DAYS     146097
#define EPOCH_SHIFT  719468

/* ---------------------------------------------------------------- calendar facts */

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

bool date_valid(struct date dt)
{
	if (dt.y < 1 || dt.y > 9999)
		return false;
	/* days_in_month is 0 for a bad month, so that case fails here too. */
	return dt.d >= 1 && dt.d <= date_days_in_month(dt.y, dt.m);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* ---------------------------------------------------------------- text */

/* Reads exactly @p n ASCII digits (isdigit() would follow the locale and needs unsigned char);
 * false at the first non-digit, which includes the terminator, so it never reads past it. */
static bool read_digits(const char *s, int n, int *value)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

bool date_parse(const char *s, struct date *out)
{
	struct date dt;

	if (!s || !out)
		return false;
	/* Each check stops at the first mismatch, so a short string is never read past its end. */
	if (!read_digits(s, 4, &dt.y) || s[4] != '-' ||
	    !read_digits(s + 5, 2, &dt.m) || s[7] != '-' ||
	    !read_digits(s + 8, 2, &dt.d) || s[10] != '\0')
		return false;
	if (!date_valid(dt))
		return false;
	*out = dt;
	return true;
}

void date_format(struct date dt, char buf[11])
{
	assert(date_valid(dt));
	/* snprintf rather than sprintf: an invalid date under NDEBUG is truncated, not overrun. */
	snprintf(buf, 11, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
}

/* ---------------------------------------------------------------- day numbers */

/* Floor division for a possibly negative dividend; C's / truncates toward zero. */
static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int64_t date_to_days(struct date dt)
{
	/* Count years from March, so the leap day is the last day of the counted year. */
	int64_t y = (int64_t)dt.y - (dt.m <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                               /* 0..399 */
	int64_t mp = dt.m > 2 ? dt.m - 3 : dt.m + 9;               /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;               /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* 0..146096 */

	return era * ERA_DAYS + doe - EPOCH_SHIFT;
}

struct date date_from_days(int64_t days)
{
	int64_t z = days + EPOCH_SHIFT;
	int64_t era = floor_div(z, ERA_DAYS);
	int64_t doe = z - era * ERA_DAYS;                          /* 0..146096 */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);     /* 0..365 */
	int64_t mp = (5 * doy + 2) / 153;                          /* March = 0 */
	struct date dt;

	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

/* ---------------------------------------------------------------- calendar months */

struct date date_add_months(struct date dt, int months)
{
	/* Months counted from year 0, in 64 bits so a large @p months cannot overflow. */
	int64_t total = (int64_t)dt.y * 12 + (dt.m - 1) + months;
	struct date r;
	int last;

	r.y = (int)floor_div(total, 12);
	r.m = (int)(total - (int64_t)r.y * 12) + 1;
	last = date_days_in_month(r.y, r.m);
	r.d = dt.d < last ? dt.d : last;
	return r;
}

int date_months_between(struct date from, struct date to)
{
	/* The month difference lands in to's own month; if the clamped day there is still after
	 * @p to, one month fewer has passed (add_months is monotone in its months). */
	int n = (to.y - from.y) * 12 + (to.m - from.m);

	if (n <= 0)
		return 0;
	if (date_cmp(date_add_months(from, n), to) > 0)
		n--;
	return n;
}
