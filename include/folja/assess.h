/*
 * Goal and indicator assessment: the rules that turn facts into the colours of a report.
 *
 * A goal is judged from its children (child goals and linked indicators): the share of green
 * among those assessed, against the goal's target share (green) and yellow share (seed 001:
 * "Andel uppnådda enhetsmål" 4 of 10 = 40 % against 60 % is gul).  An indicator value is judged
 * against its target, direction-aware, with a yellow tolerance band beyond it.  A value's
 * trend says whether it rose or fell against the previous one (okat/minskat/oforandrat) and its
 * development whether that was for the better (forbattrats/forsamrats/oforandrat).  Peer
 * comparison places a value among other municipalities' values: top quarter green, middle half
 * yellow, bottom quarter red (KKIK, Öppna jämförelser).
 *
 * Every function fills a struct holding what the "explain" object needs, including the value
 * that would have given the next better colour.  Everything here is pure: no allocation, no
 * global state, no HTTP, no SQL.
 */
#ifndef FOLJA_ASSESS_H
#define FOLJA_ASSESS_H

#include <stdbool.h>

#include "folja/color.h"

/* ---------------------------------------------------------------------- share rule */

/* The share rule's result. */
struct assess_share {
	enum color color;
	int green;            /* green children */
	int assessed;         /* children with a colour */
	double share;         /* green / assessed in percent; 0 when none assessed */
	bool has_next;        /* false when green */
	enum color next_color;/* the next better colour reachable */
	int more_green;       /* how many more green children (of the same assessed) give it */
};

/**
 * The share rule: green when green/assessed ≥ @p target_share %, yellow when ≥
 * @p yellow_share %, red otherwise.  The comparison is exact (integers): 6 of 10 against 60 %
 * is green.  When @p yellow_share ≥ @p target_share there is no yellow band.
 *
 * @return false (*out untouched) when @p assessed is 0 (nothing to judge), when @p green is
 *         outside 0..assessed, or a share is outside 0..100; true otherwise
 */
bool assess_share(int green, int assessed, int target_share, int yellow_share,
		  struct assess_share *out);

/* ------------------------------------------------------------------ indicator value */

/* The largest magnitude an indicator's value, target, yellow tolerance or a peer value may
 * have: the API refuses anything beyond ±1e12 with 422 (openapi.yaml gives it as minimum and
 * maximum).  No municipal figure, kronor included, comes near it, and up to it a double still
 * resolves a thousandth (its spacing at 1e12 is about 1.2e-4).  The functions below stay
 * defined beyond it and for infinities, ordering numbers correctly, but there a value is no
 * longer compared exactly as printed. */
#define ASSESS_MAX_ABS 1e12

/* The indicator rule's result. */
struct assess_value {
	enum color color;
	double yellow_limit;  /* the worst value that is still yellow (target ∓ tolerance) */
	bool has_next;        /* false when green */
	enum color next_color;
	double next_value;    /* the least good value that gives next_color */
};

/**
 * Judges @p value against @p target: green when it meets the target (≥ for higher is better,
 * ≤ for lower is better), yellow when it misses by at most @p tolerance (≥ 0; 0 means no
 * yellow band), red beyond.  Values are compared after rounding to @p decimals (0..6), as the
 * report prints them, so 4.999 shown as "5.0" against 5 meets the target.
 *
 * @return false when @p tolerance is negative or a number is not finite; true otherwise
 */
bool assess_value(double value, double target, double tolerance, bool lower_is_better,
		  int decimals, struct assess_value *out);

enum assess_trend { TREND_UP, TREND_DOWN, TREND_FLAT };
enum assess_dev { DEV_BETTER, DEV_WORSE, DEV_SAME };

/** The trend of @p value after @p previous, compared at @p decimals (0..6). */
enum assess_trend assess_trend(double value, double previous, int decimals);
/** The development a trend means for an indicator of the given direction. */
enum assess_dev assess_development(enum assess_trend t, bool lower_is_better);
/** API names: "okat", "minskat", "oforandrat"; "forbattrats", "forsamrats", "oforandrat".
 *  Static strings; NULL for a value outside the enum. */
const char *assess_trend_name(enum assess_trend t);
const char *assess_dev_name(enum assess_dev d);

/* -------------------------------------------------------------------- peer quartiles */

/* A value's place among its peers. */
struct assess_rank {
	int rank;             /* 1 = best; tied values share the best rank of the tie */
	int of;               /* peers with a value, the judged one included */
	int quartile;         /* 1 (best quarter) .. 4 */
	enum color color;     /* quartile 1 gron, 2-3 gul, 4 rod */
	bool has_next;
	enum color next_color;
	double next_value;    /* a value that would reach next_color: the peer value at the
				 boundary rank (tying it is enough) */
};

/**
 * Places @p value among the other municipalities' values @p peers (@p n of them; NaN entries
 * are missing peers and ignored).  Values are compared at @p decimals (0..6).  The quartile
 * of rank r of n is floor(4(r − 1) / n) + 1: ranks 1..⌈n/4⌉ are the top quarter.  Ties share the best rank.
 *
 * @return false when @p value is not finite or @p n is negative; true otherwise
 */
bool assess_rank(double value, const double *peers, int n, bool lower_is_better, int decimals,
		 struct assess_rank *out);

#endif
