/*
 * Goal and indicator assessment rules (see assess.h).  Numbers are compared as the report
 * prints them: rounded to the indicator's decimals, so a value shown as "5" is never judged as
 * 5.0000001.  The rounded figures are whole numbers held in doubles, not long longs: round()
 * is defined for every input, where llround() beyond the range of long long gives an
 * unspecified result (target 1e13 against value -1e13 once came out green).
 */
#include <math.h>
#include <stddef.h>

#include "folja/assess.h"

/* ---------------------------------------------------------------------- share rule */

bool assess_share(int green, int assessed, int target_share, int yellow_share,
		  struct assess_share *out)
{
	if (assessed <= 0 || green < 0 || green > assessed || target_share < 0 ||
	    target_share > 100 || yellow_share < 0 || yellow_share > 100)
		return false;
	/* green/assessed ≥ t/100  ⇔  100·green ≥ t·assessed, exact in integers */
	long long g = green, a = assessed;
	struct assess_share s = {.green = green, .assessed = assessed,
				 .share = 100.0 * green / assessed};
	if (100 * g >= target_share * a)
		s.color = COLOR_GREEN;
	else if (yellow_share < target_share && 100 * g >= yellow_share * a)
		s.color = COLOR_YELLOW;
	else
		s.color = COLOR_RED;
	if (s.color != COLOR_GREEN) {
		/* the next better colour: yellow from red when a band exists, else green */
		int want = s.color == COLOR_RED && yellow_share < target_share ? yellow_share
									     : target_share;
		s.has_next = true;
		s.next_color = want == target_share ? COLOR_GREEN : COLOR_YELLOW;
		long long need = (want * a + 99) / 100;   /* least green with 100·g ≥ want·a */
		s.more_green = (int)(need - g);
	}
	*out = s;
	return true;
}

/* ------------------------------------------------------------------ indicator value */

/* @p v rounded half away from zero to @p decimals, scaled to a whole number: 4.9996 at 3
 * decimals is 5000.  Monotonic for any double; ±infinity and NaN pass through. */
static double scaled(double v, int decimals)
{
	return round(v * pow(10, decimals));
}

bool assess_value(double value, double target, double tolerance, bool lower_is_better,
		  int decimals, struct assess_value *out)
{
	if (!isfinite(value) || !isfinite(target) || !isfinite(tolerance) || tolerance < 0)
		return false;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* Work in "goodness": higher is better after flipping a lower-is-better scale. */
	double sign = lower_is_better ? -1 : 1;
	double v = scaled(sign * value, decimals), t = scaled(sign * target, decimals);
	double y = scaled(sign * target - tolerance, decimals);
	struct assess_value a = {.yellow_limit = target - sign * tolerance};
	if (v >= t)
		a.color = COLOR_GREEN;
	else if (tolerance > 0 && v >= y)
		a.color = COLOR_YELLOW;
	else
		a.color = COLOR_RED;
	if (a.color == COLOR_YELLOW || (a.color == COLOR_RED && tolerance == 0)) {
		a.has_next = true;
		a.next_color = COLOR_GREEN;
		a.next_value = target;
	} else if (a.color == COLOR_RED) {
		a.has_next = true;
		a.next_color = COLOR_YELLOW;
		a.next_value = a.yellow_limit;
	}
	*out = a;
	return true;
}

enum assess_trend assess_trend(double value, double previous, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	double v = scaled(value, decimals), p = scaled(previous, decimals);
	return v > p ? TREND_UP : v < p ? TREND_DOWN : TREND_FLAT;
}

enum assess_dev assess_development(enum assess_trend t, bool lower_is_better)
{
	if (t == TREND_FLAT)
		return DEV_SAME;
	return (t == TREND_UP) != lower_is_better ? DEV_BETTER : DEV_WORSE;
}

/* The API names, indexed by the enums so that a name and its value cannot drift apart. */
static const char *const trend_names[] = {
	[TREND_UP] = "okat", [TREND_DOWN] = "minskat", [TREND_FLAT] = "oforandrat",
};
static const char *const dev_names[] = {
	[DEV_BETTER] = "forbattrats", [DEV_WORSE] = "forsamrats", [DEV_SAME] = "oforandrat",
};

const char *assess_trend_name(enum assess_trend t)
{
	return (size_t)t < sizeof trend_names / sizeof trend_names[0] ? trend_names[t] : NULL;
}

const char *assess_dev_name(enum assess_dev d)
{
	return (size_t)d < sizeof dev_names / sizeof dev_names[0] ? dev_names[d] : NULL;
}

/* -------------------------------------------------------------------- peer quartiles */

static int quartile_of(int rank, int of)
{
	/* the share of values ahead, in quarters: ranks 1..n/4 are the top quarter, and a
	 * value alone (or tied first) is always in it */
	return 4 * (rank - 1) / of + 1;
}

static enum color quartile_color(int q)
{
	return q == 1 ? COLOR_GREEN : q == 4 ? COLOR_RED : COLOR_YELLOW;
}

bool assess_rank(double value, const double *peers, int n, bool lower_is_better, int decimals,
		 struct assess_rank *out)
{
	if (!isfinite(value) || n < 0)
		return false;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	double sign = lower_is_better ? -1 : 1;
	double v = scaled(sign * value, decimals);
	struct assess_rank r = {.rank = 1, .of = 1};
	for (int i = 0; i < n; i++) {
		if (!isfinite(peers[i]))
			continue;
		r.of++;
		if (scaled(sign * peers[i], decimals) > v)
			r.rank++;
	}
	r.quartile = quartile_of(r.rank, r.of);
	r.color = quartile_color(r.quartile);
	if (r.color != COLOR_GREEN) {
		/* The best rank of the next better colour's quartiles: quartile 1 for green, 3
		 * (the worst yellow) from red.  Reaching rank R means tying the R-th best peer. */
		int want_q = r.color == COLOR_RED ? 3 : 1;
		int best_rank = (want_q * r.of + 3) / 4;  /* largest R in quartile ≤ want_q */
		if (best_rank >= 1) {
			for (int i = 0; i < n && !r.has_next; i++) {
				if (!isfinite(peers[i]))
					continue;
				double pi = scaled(sign * peers[i], decimals);
				int better = 0, same = 0;
				for (int j = 0; j < n; j++) {
					if (!isfinite(peers[j]))
						continue;
					double pj = scaled(sign * peers[j], decimals);
					better += pj > pi;
					same += pj == pi;
				}
				/* peers[i] is the best_rank-th best other value */
				if (better < best_rank && best_rank <= better + same) {
					r.has_next = true;
					r.next_color = quartile_color(want_q);
					r.next_value = peers[i];
				}
			}
		}
	}
	*out = r;
	return true;
}
