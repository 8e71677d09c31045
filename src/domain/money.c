/*
 * Money arithmetic: exact rounding, apportionment and parsing of whole-krona amounts.
 *
 * Two ideas carry the file.  First, every division rounds in integers, by splitting a value
 * into quotient and remainder, so nothing overflows and nothing depends on how a double
 * happens to round.  Second, whenever a whole must be shared out in whole units (rows that
 * must add up to their rounded total, months that must add up to the annual budget), the
 * largest-remainder method (Hamilton's) is used: give every part its exact share rounded
 * down, then give the units still missing, one each, to the parts that lost the most.  Each
 * part ends within one unit of its exact share and the parts add up by construction.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "folja/money.h"

/* ------------------------------------------------------------------------- scales */

static const char *const scale_names[] = {
	[SCALE_KR] = "kr",
	[SCALE_TKR] = "tkr",
	[SCALE_MNKR] = "mnkr",
};

static const int64_t scale_divisors[] = {
	[SCALE_KR] = 1,
	[SCALE_TKR] = 1000,
	[SCALE_MNKR] = 1000000,
};

#define SCALE_COUNT (sizeof scale_names / sizeof scale_names[0])

bool money_scale_parse(const char *s, enum money_scale *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < SCALE_COUNT; i++) {
		if (strcmp(s, scale_names[i]) == 0) {
			*out = (enum money_scale)i;
			return true;
		}
	}
	return false;
}

const char *money_scale_name(enum money_scale s)
{
	return (size_t)s < SCALE_COUNT ? scale_names[s] : NULL;
}

int64_t money_scale_divisor(enum money_scale s)
{
	/* A divisor of 1 for a stray value shows kronor rather than dividing by zero. */
	return (size_t)s < SCALE_COUNT ? scale_divisors[s] : 1;
}

/* ------------------------------------------------------------------------- arithmetic */

bool money_in_range(int64_t kr)
{
	return kr >= -MONEY_MAX_KR && kr <= MONEY_MAX_KR;
}

bool money_add(int64_t a, int64_t b, int64_t *out)
{
	/* Checking the operands first makes the addition itself safe: |a + b| ≤ 2 × 9e15. */
	if (!money_in_range(a) || !money_in_range(b) || !money_in_range(a + b))
		return false;
	*out = a + b;
	return true;
}

/* Floor division and its non-negative remainder (C's / truncates toward zero). */
static int64_t floor_div(int64_t a, int64_t d)
{
	int64_t q = a / d;

	return (a % d < 0) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t d)
{
	int64_t r = a % d;

	return r < 0 ? r + d : r;
}

/*
 * @p a / @p d (d > 0) rounded half away from zero.  The remainder r of a truncating division
 * has a's sign and |r| < d, so "|r| ≥ d − |r|" decides the half without computing 2r or
 * a + d/2, either of which could overflow at the extremes.
 */
static int64_t div_round(int64_t a, int64_t d)
{
	int64_t q = a / d, r = a % d;

	if (r > 0 && r >= d - r)
		return q + 1;
	if (r < 0 && -r >= d + r)
		return q - 1;
	return q;
}

int64_t money_round(int64_t kr, enum money_scale s)
{
	return div_round(kr, money_scale_divisor(s));
}

/* ------------------------------------------------------------------------- largest remainder */

static size_t count_at_least(const int64_t *keys, size_t n, int64_t t)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += keys[i] >= t;
	return c;
}

/*
 * The hand-out step of the largest-remainder method.  @p keys (each in [0, limit)) rank the
 * parts; on return each key is replaced by 1 for the @p k parts with the largest keys, ties
 * going to the lower index, and by 0 for the others.
 *
 * Rather than sort (which would need an index array, so an allocation and a failure path), it
 * binary-searches the key t of the k-th largest part: every part above t gets a unit, and the
 * first few parts exactly at t get the rest.  That is O(n log limit), at most 33 passes here.
 */
static void mark_largest(int64_t *keys, size_t n, size_t k, int64_t limit)
{
	int64_t lo = 0, hi = limit - 1;

	assert(k <= n);
	/* Invariant: count_at_least(lo) ≥ k; we want the largest such lo. */
	while (lo < hi) {
		int64_t mid = lo + (hi - lo + 1) / 2;

		if (count_at_least(keys, n, mid) >= k)
			lo = mid;
		else
			hi = mid - 1;
	}
	size_t ties = k - count_at_least(keys, n, lo + 1);
	for (size_t i = 0; i < n; i++) {
		if (keys[i] > lo) {
			keys[i] = 1;
		} else if (keys[i] == lo && ties > 0) {
			keys[i] = 1;
			ties--;
		} else {
			keys[i] = 0;
		}
	}
}

/*
 * Hamilton's method on signed amounts.  Flooring toward −∞ (not toward zero) makes every
 * remainder non-negative whatever the sign, so "largest remainder" means the same thing for
 * costs and income: floor(−1 400 kr) is −2 tkr with 600 kr left over, and it is first in line
 * to be raised to −1 tkr, as it should be.
 *
 * The target is money_round(sum).  The floors add up to F ≤ sum / d, and the remainders add up
 * to less than d per amount that has one, so the k = target − F missing units number between
 * 0 and the count of amounts with a remainder: an exact amount never moves.
 *
 * The ranking key is 2 × remainder plus 1 for a positive amount, so among equal remainders
 * (notably exact halves) the positive amount, which money_round would round up, goes first;
 * hence when rounding each row alone already adds up, nothing changes.  Then index order.
 * The running sums are checked, so with |sum| ≤ 9e15 the sum of floors (within n of sum / d)
 * cannot overflow either.
 */
bool money_round_to_total(const int64_t *amounts, size_t n, enum money_scale s, int64_t target,
			  int64_t *out_rounded)
{
	int64_t d = money_scale_divisor(s), sum = 0, floors = 0;
	size_t with_remainder = 0;

	if (!money_in_range(target))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!money_add(sum, amounts[i], &sum))
			return false;
		floors += floor_div(amounts[i], d);
		with_remainder += floor_mod(amounts[i], d) != 0;
	}
	int64_t k = target - floors;
	if (k < 0 || (uint64_t)k > with_remainder)
		return false;

	for (size_t i = 0; i < n; i++)
		out_rounded[i] = 2 * floor_mod(amounts[i], d) + (amounts[i] > 0);
	/* k ≤ the parts with a remainder, whose keys (≥ 2) outrank every exact part's (0 or 1) */
	mark_largest(out_rounded, n, (size_t)k, 2 * d);
	for (size_t i = 0; i < n; i++)
		out_rounded[i] += floor_div(amounts[i], d);
	return true;
}

/* ------------------------------------------------------------------------- periodisation */

static const int64_t linear_profile[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

/* The profile's total, or 0 when it is unusable (a negative weight, or too large a total). */
static int64_t profile_total(const int64_t w[12])
{
	int64_t total = 0;

	for (int m = 0; m < 12; m++) {
		/* Bounding each weight first keeps the running total far from overflow. */
		if (w[m] < 0 || w[m] > MONEY_WEIGHT_TOTAL_MAX)
			return 0;
		total += w[m];
	}
	return total <= MONEY_WEIGHT_TOTAL_MAX ? total : 0;
}

/*
 * Month m's exact share of a ≥ 0 is a × w_m / W.  Writing a = q × W + r (0 ≤ r < W) gives
 * q × w_m + r × w_m / W, where q × w_m ≤ a and r × w_m < W² ≤ 9e18 both fit in int64_t, so the
 * floors and remainders are exact without wider integers.  The remainders (r × w_m mod W) add
 * up to W times the kronor still missing, fewer than 12.
 */
bool money_periodise(int64_t annual, const int64_t weights[12], int64_t out[12])
{
	const int64_t *w = weights ? weights : linear_profile;
	int64_t total = profile_total(w);

	if (total == 0 || !money_in_range(annual))
		return false;

	int64_t a = annual < 0 ? -annual : annual;
	int64_t q = a / total, r = a % total;
	int64_t floors[12], keys[12], missing = a;

	for (int m = 0; m < 12; m++) {
		floors[m] = q * w[m] + r * w[m] / total;
		keys[m] = r * w[m] % total;
		missing -= floors[m];
	}
	assert(missing >= 0 && missing < 12);
	mark_largest(keys, 12, (size_t)missing, total);
	for (int m = 0; m < 12; m++)
		out[m] = annual < 0 ? -(floors[m] + keys[m]) : floors[m] + keys[m];
	return true;
}

/* ------------------------------------------------------------------------- deviation */

int64_t money_deviation(int64_t outcome, int64_t budget)
{
	assert(money_in_range(outcome) && money_in_range(budget));
	return outcome - budget;
}

/*
 * tenths = deviation × 1000 / |budget|, rounded, computed as q × 1000 + round(r × 1000 / b)
 * with q, r the truncated quotient and remainder: |r| < b ≤ 9e15 keeps r × 1000 in range for
 * any deviation.  The last step is in double because q × 1000 could exceed int64_t for an
 * absurd ratio; below 2^53 it is an exact integer there too.
 */
bool money_deviation_pct(int64_t deviation, int64_t budget, double *pct)
{
	if (budget == 0 || !money_in_range(budget))
		return false;

	int64_t b = budget < 0 ? -budget : budget;
	int64_t q = deviation / b, r = deviation % b;
	double tenths = (double)q * 1000.0 + (double)div_round(r * 1000, b);

	*pct = tenths / 10.0;
	return true;
}

/*
 * The yellow limit L = floor(bp × |budget| / 10 000), the largest whole-krona overspend within
 * the band: since an overspend is a whole number of kronor, "overspend ≤ bp × |budget| /
 * 10 000" holds exactly when "overspend ≤ L".  Split |budget| = q × 10 000 + r so neither
 * product can overflow (q × bp ≤ |budget|, r × bp < 10^8).
 */
static int64_t yellow_limit(int64_t budget, int bp)
{
	int64_t b = budget < 0 ? -budget : budget;

	return b / 10000 * bp + b % 10000 * bp / 10000;
}

bool money_assess(int64_t outcome, int64_t budget, int yellow_bp, struct money_assessment *out)
{
	if (!money_in_range(outcome) || !money_in_range(budget) || yellow_bp < 0 ||
	    yellow_bp > MONEY_YELLOW_BP_MAX)
		return false;

	struct money_assessment a = {
		.deviation_kr = money_deviation(outcome, budget),
		.yellow_limit_kr = yellow_limit(budget, yellow_bp),
	};
	if (a.deviation_kr >= 0) {
		a.color = COLOR_GREEN;
	} else if (-a.deviation_kr <= a.yellow_limit_kr) {
		a.color = COLOR_YELLOW;
		a.has_next = true;
		a.next_color = COLOR_GREEN;
		a.next_outcome_kr = budget;
	} else {
		a.color = COLOR_RED;
		a.has_next = true;
		/* With an empty band the step up from red lands directly on green. */
		a.next_color = a.yellow_limit_kr > 0 ? COLOR_YELLOW : COLOR_GREEN;
		a.next_outcome_kr = budget - a.yellow_limit_kr;
	}
	*out = a;
	return true;
}

/* ------------------------------------------------------------------------- parsing */

static const char ERR_EMPTY[] = "empty amount";
static const char ERR_SIGN[] = "a sign must be followed directly by digits";
static const char ERR_JUNK[] =
	"not an amount: expected digits with an optional leading minus, thousands spaces and "
	"a zero decimal part";
static const char ERR_GROUP[] =
	"misplaced thousands separator: digits must be grouped by three from the right";
static const char ERR_NO_DECIMALS[] = "a decimal mark must be followed by digits";
static const char ERR_DECIMALS[] =
	"a decimal mark takes one or two digits (öre); use a space to separate thousands";
static const char ERR_ORE[] =
	"amounts are whole kronor, and this one has öre (a non-zero decimal part)";
static const char ERR_RANGE[] = "amount out of range (beyond 9 000 000 000 000 000 kr)";

/* The byte length of a thousands separator at p (space, U+00A0, U+202F), or 0. */
static size_t separator_len(const char *p, const char *end)
{
	if (p < end && *p == ' ')
		return 1;
	if (end - p >= 2 && memcmp(p, "\xC2\xA0", 2) == 0)
		return 2;
	if (end - p >= 3 && memcmp(p, "\xE2\x80\xAF", 3) == 0)
		return 3;
	return 0;
}

static bool is_digit_at(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* Consumes a sign at *p; true when it was a minus. */
static bool take_sign(const char **p, const char *end)
{
	if (*p < end && (**p == '-' || **p == '+'))
		return *(*p)++ == '-';
	if (end - *p >= 3 && memcmp(*p, "\xE2\x88\x92", 3) == 0) {
		*p += 3;
		return true;
	}
	return false;
}

/*
 * Reads the kronor digits at *p into *v, checking the grouping as it goes: without separators
 * any run of digits; with them, a first group of one to three digits and then groups of
 * exactly three.  A separator counts only when a digit follows it, so "1 234 kr" stops
 * before " kr" (and is then refused as junk), while "1  234" is a misplaced separator.
 */
static const char *take_digits(const char **p, const char *end, int64_t *v)
{
	int group = 0;        /* digits in the current group */
	bool grouped = false; /* a separator has been seen */
	size_t n;

	*v = 0;
	for (;;) {
		if (is_digit_at(*p, end)) {
			/* v ≤ 9e15 before this step, so v × 10 + 9 cannot overflow. */
			*v = *v * 10 + (*(*p)++ - '0');
			if (*v > MONEY_MAX_KR)
				return ERR_RANGE;
			group++;
		} else if (group > 0 && (n = separator_len(*p, end)) != 0) {
			if (separator_len(*p + n, end))
				return ERR_GROUP;
			if (!is_digit_at(*p + n, end))
				break;
			if (grouped ? group != 3 : group > 3)
				return ERR_GROUP;
			grouped = true;
			group = 0;
			*p += n;
		} else {
			break;
		}
	}
	return grouped && group != 3 ? ERR_GROUP : NULL;
}

/* Reads an optional decimal part; NULL when absent or all zeros. */
static const char *take_decimals(const char **p, const char *end)
{
	int digits = 0;
	bool nonzero = false;

	if (*p == end || (**p != ',' && **p != '.'))
		return NULL;
	for ((*p)++; is_digit_at(*p, end); (*p)++) {
		digits++;
		nonzero |= **p != '0';
	}
	/* Whatever follows is junk, and that is the clearer message for "1,2,3". */
	if (*p != end)
		return ERR_JUNK;
	if (digits == 0)
		return ERR_NO_DECIMALS;
	if (digits > 2)
		return ERR_DECIMALS;
	return nonzero ? ERR_ORE : NULL;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Everything but the trimming and the reporting, over [p, end). */
static const char *parse_trimmed(const char *p, const char *end, int64_t *out)
{
	const char *err, *start = p, *digits;
	bool negative;
	int64_t v;

	if (p == end)
		return ERR_EMPTY;
	negative = take_sign(&p, end);
	digits = p;
	if ((err = take_digits(&p, end, &v)) != NULL)
		return err;
	if (p == digits)
		return digits != start ? ERR_SIGN : ERR_JUNK;
	if ((err = take_decimals(&p, end)) != NULL)
		return err;
	if (p != end)
		return ERR_JUNK;
	*out = negative ? -v : v;
	return NULL;
}

bool money_parse_kr(const char *s, int64_t *out, const char **error)
{
	const char *end, *err;
	int64_t v;

	if (!s)
		s = "";
	end = s + strlen(s);
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	if ((err = parse_trimmed(s, end, &v)) != NULL) {
		if (error)
			*error = err;
		return false;
	}
	*out = v;
	return true;
}
