/*
 * Report periods: parsing, formatting and the calendar a period covers.
 *
 * Every kind of period splits the year into equal runs of whole months (1, 3, 4, 6 or all
 * 12), so one table row per kind (its letter, how many per year, how many months each)
 * answers every question: which months, which days, which period comes before, which one
 * contains a date.  The year is the degenerate kind with one run of twelve months and index
 * 0, so it is treated as slot 1 of 1.
 *
 * The parser returns the reason a string was refused rather than a bare false, so that
 * period_parse() and period_error() share one code path and can never disagree about what is
 * valid; the HTTP layer passes the reason on in its 400.
 */
#include "folja/period.h"
#include "folja/strbuf.h"

#include <assert.h>
#include <stddef.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static const struct kind_info {
	char letter;        /* after "YYYY-"; 0 for year and month, which have none */
	int count;          /* periods of this kind in a year */
	int months;         /* calendar months each one covers; count * months == 12 */
	int width;          /* digits of the index in the canonical string */
	const char *error;  /* why an index was refused */
} kinds[] = {
	[PERIOD_YEAR]    = { 0,    1, 12, 0, NULL },
	[PERIOD_MONTH]   = { 0,   12,  1, 2, "month must be two digits from 01 to 12" },
	[PERIOD_QUARTER] = { 'Q',  4,  3, 1, "quarter must be Q1, Q2, Q3 or Q4" },
	[PERIOD_TERTIAL] = { 'T',  3,  4, 1, "tertial must be T1, T2 or T3" },
	[PERIOD_HALF]    = { 'H',  2,  6, 1, "half-year must be H1 or H2" },
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char ERR_EMPTY[] =
	"period is missing; expected e.g. 2021, 2021-04, 2021-Q3, 2021-T1 or 2021-H1";
static const char ERR_YEAR[] = "period must start with a four-digit year, e.g. 2021";
static const char ERR_YEAR_RANGE[] =
	"year must be between " STR(PERIOD_YEAR_MIN) " and " STR(PERIOD_YEAR_MAX);
static const char ERR_KIND[] =
	"after the year expected a two-digit month (01 to 12) or Q1-Q4, T1-T3 or H1-H2";
static const char ERR_LOWER[] = "write Q, T and H in upper case, e.g. 2021-Q3";
static const char ERR_TRAILING[] = "unexpected characters after the period";

/* ---------------------------------------------------------------- parsing */

static bool is_digit(char c)
{
	/* Not isdigit(): that follows the locale and is undefined for negative chars. */
	return c >= '0' && c <= '9';
}

/* Length of the run of digits at @p s, and its value when the run is at most @p max long
 * (longer runs are refused by the caller anyway, and must not overflow). */
static int digit_run(const char *s, int max, int *value)
{
	int n = 0;

	*value = 0;
	while (is_digit(s[n])) {
		if (n < max)
			*value = *value * 10 + (s[n] - '0');
		n++;
	}
	return n;
}

/* The kind whose letter is @p c, or -1.  Sets *lower when @p c is that letter in lower case,
 * so the caller can say what is wrong instead of "unknown". */
static int kind_of_letter(char c, bool *lower)
{
	for (size_t k = 0; k < NKINDS; k++) {
		char letter = kinds[k].letter;

		if (!letter)
			continue;
		if (c == letter || c == letter - 'A' + 'a') {
			*lower = c != letter;
			return (int)k;
		}
	}
	return -1;
}

/* Reads the part after "YYYY-" into @p p; NULL on success, else why not. */
static const char *parse_sub(const char *s, struct period *p)
{
	int run;

	if (is_digit(*s)) {
		p->kind = PERIOD_MONTH;
	} else {
		bool lower = false;
		int k = kind_of_letter(*s, &lower);

		if (k < 0)
			return ERR_KIND;
		if (lower)
			return ERR_LOWER;
		p->kind = (enum period_kind)k;
		s++;
	}
	run = digit_run(s, kinds[p->kind].width, &p->index);
	/* Exact width: "2021-4" and "2021-Q01" are refused, so each period has one spelling. */
	if (run != kinds[p->kind].width || p->index < 1 || p->index > kinds[p->kind].count)
		return kinds[p->kind].error;
	return s[run] == '\0' ? NULL : ERR_TRAILING;
}

static const char *parse(const char *s, struct period *out)
{
	struct period p = { PERIOD_YEAR, 0, 0 };
	const char *err = NULL;

	if (!s || !*s)
		return ERR_EMPTY;
	if (digit_run(s, 4, &p.year) != 4)
		return ERR_YEAR;
	if (p.year < PERIOD_YEAR_MIN || p.year > PERIOD_YEAR_MAX)
		return ERR_YEAR_RANGE;
	if (s[4] == '-')
		err = parse_sub(s + 5, &p);
	else if (s[4] != '\0')
		err = ERR_TRAILING;
	if (!err && out)
		*out = p;
	return err;
}

bool period_parse(const char *s, struct period *out)
{
	/* parse() writes *out only on success, so a refusal leaves it untouched. */
	return out && !parse(s, out);
}

const char *period_error(const char *s)
{
	return parse(s, NULL);
}

/* ---------------------------------------------------------------- the calendar */

bool period_valid(struct period p)
{
	if ((unsigned)p.kind >= NKINDS || p.year < 1 || p.year > 9999)
		return false;
	if (p.kind == PERIOD_YEAR)
		return p.index == 0;
	return p.index >= 1 && p.index <= kinds[p.kind].count;
}

void period_format(struct period p, char buf[PERIOD_BUF])
{
	assert(period_valid(p));
	struct strbuf b = strbuf_of(buf, PERIOD_BUF);   /* every request key holds one */
	strbuf_u64(&b, (uint64_t)p.year, 4);
	switch (p.kind) {
	case PERIOD_YEAR:
		break;
	case PERIOD_MONTH:
		strbuf_char(&b, '-');
		strbuf_u64(&b, (uint64_t)p.index, 2);
		break;
	case PERIOD_QUARTER:
	case PERIOD_TERTIAL:
	case PERIOD_HALF:
		strbuf_char(&b, '-');
		strbuf_char(&b, kinds[p.kind].letter);
		strbuf_u64(&b, (uint64_t)p.index, 1);
		break;
	}
}

/* 1-based position of the period's run of months within its year. */
static int slot(struct period p)
{
	return p.kind == PERIOD_YEAR ? 1 : p.index;
}

int period_first_month(struct period p)
{
	assert(period_valid(p));
	return (slot(p) - 1) * kinds[p.kind].months + 1;
}

int period_last_month(struct period p)
{
	assert(period_valid(p));
	return slot(p) * kinds[p.kind].months;
}

struct date period_first_day(struct period p)
{
	struct date d = { p.year, period_first_month(p), 1 };

	return d;
}

struct date period_last_day(struct period p)
{
	int m = period_last_month(p);
	struct date d = { p.year, m, date_days_in_month(p.year, m) };

	return d;
}

struct period period_previous(struct period p)
{
	assert(period_valid(p));
	if (p.kind == PERIOD_YEAR) {
		p.year--;
	} else if (p.index > 1) {
		p.index--;
	} else {
		p.year--;
		p.index = kinds[p.kind].count;
	}
	return p;
}

struct period period_same_last_year(struct period p)
{
	assert(period_valid(p));
	p.year--;
	return p;
}

bool period_contains(struct period p, struct date d)
{
	return d.y == p.year && d.m >= period_first_month(p) && d.m <= period_last_month(p);
}

struct period period_containing(enum period_kind kind, struct date d)
{
	struct period p = { kind, d.y, 0 };

	assert((unsigned)kind < NKINDS && d.m >= 1 && d.m <= 12);
	if (kind != PERIOD_YEAR)
		p.index = (d.m - 1) / kinds[kind].months + 1;
	return p;
}
