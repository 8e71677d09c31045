/*
 * Money: whole kronor, rounded only when shown.
 *
 * Every amount is an int64_t count of kronor with the ledger's sign: income positive, costs
 * negative, so a result is a plain sum and a deviation (outcome − budget) is favourable when
 * positive.  No floating point touches an amount; the one double here is a percentage meant
 * for display.
 *
 * Presentation in tkr or mnkr rounds half away from zero, like the financial system's reports
 * (1 500 kr → 2 tkr, −1 500 kr → −2 tkr).  Rows rounded one by one need not add up to their
 * rounded total (the seeds' own tables are off by 1 tkr), so money_round_to_total() hands
 * out the rounding by largest remainder instead; money_periodise() uses the same method to
 * split an annual budget into twelve whole-krona months that add up exactly.
 *
 * Range: an amount is valid when |amount| ≤ MONEY_MAX_KR (9 × 10^15 kr, a million times a
 * large municipality's budget).  money_parse_kr() and money_add() never produce anything
 * else, and the functions that take amounts either work for every int64_t (money_round) or
 * refuse an amount outside the range by returning false, so no input can overflow; only
 * money_deviation(), a bare subtraction, states the range as a precondition.  Within the
 * range the difference of two amounts, and a thousand times any remainder, fit in int64_t.
 */
#ifndef FOLJA_MONEY_H
#define FOLJA_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/color.h"

/* The largest magnitude of a valid amount, in kronor. */
#define MONEY_MAX_KR INT64_C(9000000000000000)

/* The default yellow band of the budget assessment: an overspend up to 2.00 % of the budget. */
#define MONEY_YELLOW_BP_DEFAULT 200
/* Thresholds are basis points (hundredths of a percent), 0..10 000 (0 %..100 %). */
#define MONEY_YELLOW_BP_MAX 10000

/* The largest total of a periodisation profile (so that weight × weight fits in int64_t);
 * scale a profile of larger numbers, such as last year's monthly outcome, down first. */
#define MONEY_WEIGHT_TOTAL_MAX INT64_C(3000000000)

enum money_scale {
	SCALE_KR,    /* "kr": kronor as stored */
	SCALE_TKR,   /* "tkr": thousands of kronor */
	SCALE_MNKR,  /* "mnkr": millions of kronor */
};

/* ------------------------------------------------------------------------- scales */

/** Parses "kr", "tkr" or "mnkr" exactly.  True and *out set on success; false and *out
 *  untouched otherwise (NULL @p s included). */
bool money_scale_parse(const char *s, enum money_scale *out);

/** The API name of @p s ("kr", "tkr", "mnkr"), a static string; NULL outside the enum. */
const char *money_scale_name(enum money_scale s);

/** Kronor per displayed unit: 1, 1 000 or 1 000 000 (1 for a value outside the enum). */
int64_t money_scale_divisor(enum money_scale s);

/* ------------------------------------------------------------------------- arithmetic */

/** True when |@p kr| ≤ MONEY_MAX_KR. */
bool money_in_range(int64_t kr);

/**
 * Checked addition for sums of amounts (rollups).  Stores @p a + @p b in *out and returns true
 * when both operands and the sum are within ±MONEY_MAX_KR; returns false and leaves *out
 * untouched otherwise.  Works for every int64_t operand.
 */
bool money_add(int64_t a, int64_t b, int64_t *out);

/**
 * @p kr expressed in units of @p s, rounded half away from zero: 1 499 kr → 1 tkr,
 * 1 500 → 2, −1 499 → −1, −1 500 → −2.  Exact for every int64_t (no overflow at the extremes).
 */
int64_t money_round(int64_t kr, enum money_scale s);

/**
 * Largest-remainder ("consistent") rounding: rounds @p n amounts to @p s so that the rounded
 * values add up to @p target (in units of @p s), the total already displayed above them (for
 * a table on its own, money_round() of their sum).  Each output is its amount rounded down or
 * up (never further), an amount that is a whole number of units keeps its exact value, and
 * when rounding every amount on its own already adds up to the target, that is exactly the
 * result.  Deterministic: among equal remainders a positive amount gets the unit first
 * (matching the half-away-from-zero rule of money_round), then the lower index.
 *
 * @param amounts      borrowed; n amounts in kronor (may be NULL when n is 0)
 * @param out_rounded  caller-owned array of n values in units of @p s; must not overlap
 *                     @p amounts
 * @return false when an amount or a running sum leaves ±MONEY_MAX_KR, or @p target is not
 *         between the sum of the amounts rounded down and that sum plus the number of amounts
 *         that are not whole units (nothing meaningful is then in @p out_rounded)
 */
bool money_round_to_total(const int64_t *amounts, size_t n, enum money_scale s, int64_t target,
			  int64_t *out_rounded);

/**
 * Splits an annual amount into twelve months in whole kronor, in proportion to @p weights,
 * adding up exactly to @p annual.  Each month gets its exact share rounded down or up in
 * magnitude (a month of weight 0 gets 0); the kronor left over go to the largest remainders,
 * earlier months first among equals (so 1 000 000 linear gives 83 334 for January–April and
 * 83 333 after).  A negative amount is split as its magnitude and negated, so costs and
 * income are split alike.
 *
 * @param weights  borrowed; twelve non-negative weights January..December, or NULL for a
 *                 linear profile (all equal)
 * @param out      caller-owned; twelve monthly amounts, written only on success
 * @return false (and @p out untouched) when @p annual is outside ±MONEY_MAX_KR, a weight is
 *         negative, or the weights add up to 0 or more than MONEY_WEIGHT_TOTAL_MAX
 */
bool money_periodise(int64_t annual, const int64_t weights[12], int64_t out[12]);

/* ------------------------------------------------------------------------- deviation */

/** Deviation = @p outcome − @p budget (positive is favourable).  Both must be within
 *  ±MONEY_MAX_KR, so the result (at most 2 × MONEY_MAX_KR in magnitude) cannot overflow. */
int64_t money_deviation(int64_t outcome, int64_t budget);

/**
 * The deviation as a percentage of the budget's magnitude, deviation / |budget| × 100,
 * rounded half away from zero to one decimal (−4 014 of −262 801 → −1.5).  The rounding is
 * done in integers, so *pct is the double nearest the one-decimal value (exactly so while
 * |pct| < 9 × 10^14).
 *
 * @return false, *pct untouched, when the percentage is not defined: @p budget is 0 (or
 *         outside ±MONEY_MAX_KR); true otherwise
 */
bool money_deviation_pct(int64_t deviation, int64_t budget, double *pct);

/* The result of the budget assessment, with what its "explain" object needs. */
struct money_assessment {
	enum color color;
	int64_t deviation_kr;      /* outcome − budget */
	int64_t yellow_limit_kr;   /* the largest overspend that is still yellow, ≥ 0:
				      floor(yellow_bp × |budget| / 10 000) */
	bool has_next;             /* false when green: there is no better colour */
	enum color next_color;     /* when has_next: the next better colour reachable; green
				      when the yellow band is empty (yellow_limit_kr = 0) */
	int64_t next_outcome_kr;   /* when has_next: the least outcome giving next_color */
};

/**
 * The budget assessment rule (seed 001, goal area 4): green when the deviation is ≥ 0; yellow
 * when the overspend (−deviation) is at most @p yellow_bp basis points of |budget|; red
 * beyond.  The comparison is exact: with the default 200 bp, an overspend of exactly 2.0 % is
 * yellow and one krona more is red.  A budget of 0 has an empty yellow band: any overspend is
 * red.
 *
 * @return false (and *out untouched) when @p outcome or @p budget is outside ±MONEY_MAX_KR or
 *         @p yellow_bp is outside 0..MONEY_YELLOW_BP_MAX; true otherwise
 */
bool money_assess(int64_t outcome, int64_t budget, int yellow_bp, struct money_assessment *out);

/* ------------------------------------------------------------------------- parsing */

/**
 * Parses an amount in whole kronor as a Swedish financial system exports it:
 * an optional sign ('-', '+' or U+2212 MINUS SIGN) directly before the digits; digits, with
 * thousands separated by a single space, U+00A0 or U+202F between correct groups of three
 * ("1 234 567"; "1 23 4" and "1234 567" are refused); optionally a decimal mark (',' or '.')
 * and one or two zero digits ("-1 234,00").  Spaces and tabs around the whole are ignored.
 * Refused: empty text, a lone sign, anything else (letters, "1,2,3", "1.234.567"), a
 * non-zero öre part ("12,50": no silent rounding), three or more decimals ("1,000" could be a
 * thousand), and magnitudes above MONEY_MAX_KR.
 *
 * @param s      borrowed, NUL-terminated UTF-8; NULL counts as empty
 * @param out    set on success only
 * @param error  when not NULL, set on failure to a static English sentence for a per-row
 *               import error (the caller names the row, field and text); untouched on success
 * @return true on success
 */
bool money_parse_kr(const char *s, int64_t *out, const char **error);

#endif
