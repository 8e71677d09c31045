/*
 * Indicators: the measured side of goal follow-up (indikator, utfall, målvärde, trend).
 *
 * An indicator measures a goal ("the share of employees who recommend the employer") in a
 * unit (percent, days, kronor ...) and in a direction: higher is better or lower is better.
 * It has a target and, optionally, a yellow tolerance: a band beyond the target that still
 * counts as "close".  Values are stored per period of any kind (2018, 2018-08, 2018-T2 ...);
 * a value may be null with a reason (too few respondents, not yet published: the seeds' "---"),
 * and a value may carry its own target for its period, which overrides the indicator's.
 *
 * Each value is read three ways, and each comes with the data its explain object needs:
 *   - its assessment: the colour against the target (gron met, gul within the tolerance, rod
 *     otherwise, compared at the indicator's decimals: assess_value());
 *   - its trend: okat/minskat/oforandrat against the previous period of the same kind, or,
 *     when that period has no value, the latest earlier value of the same kind (seed 000:
 *     "recommend the employer" 2018 is compared with 2016, the last survey before it);
 *   - its development: the trend judged by the direction (forbattrats/forsamrats).
 * Comparison with other municipalities (Kolada, KKIK) places our value of a year among the
 * peers' values for the same KPI: its rank and quartile colour (assess_rank()).
 *
 * Everything here is pure: no allocation, no I/O.  Strings in the structs are borrowed from
 * whoever loaded them (folja/db_indicators.h) and must outlive every result that points to
 * them.  Enumerations are parsed once, when loading, with the *_parse functions below.
 */
#ifndef FOLJA_INDICATORS_H
#define FOLJA_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/assess.h"
#include "folja/color.h"
#include "folja/period.h"

/* The null of the optional integers below (the same value as storage's DB_NULL). */
#define IND_NULL INT64_MIN

enum ind_direction {
	IND_HIGHER_IS_BETTER,  /* "higher_is_better" */
	IND_LOWER_IS_BETTER,   /* "lower_is_better" */
};

enum ind_unit {
	IND_PERCENT,  /* "percent" */
	IND_COUNT,    /* "count" */
	IND_KR,       /* "kr" */
	IND_TKR,      /* "tkr" */
	IND_DAYS,     /* "days" */
	IND_RATIO,    /* "ratio" */
};

/** API names ("higher_is_better", "percent" ...), static; NULL outside the enum. */
const char *ind_direction_name(enum ind_direction d);
const char *ind_unit_name(enum ind_unit u);
/** Parse an API name exactly; false (and *out untouched) for anything else, NULL included. */
bool ind_direction_parse(const char *s, enum ind_direction *out);
bool ind_unit_parse(const char *s, enum ind_unit *out);

/* An indicator as stored. */
struct indicator {
	int64_t id;
	int64_t goal_id;           /* the goal it measures; IND_NULL for none */
	int64_t unit_id;           /* IND_NULL for none */
	const char *name;
	enum ind_unit measure_unit;
	enum ind_direction direction;
	double target;             /* NAN: no target */
	double yellow_tolerance;   /* >= 0; 0 means no yellow band */
	int decimals;              /* 0..6: values are compared as printed with this many */
	const char *kolada_kpi;    /* NULL when it has none */
	const char *source;        /* NULL when not given */
};

/* What an indicator measured in one period, as the goal tree reads it. */
struct indicator_reading {
	bool has_value;            /* a value is stored for the period (it may be null) */
	double value;              /* NAN: null, or nothing stored */
	double target;             /* the period's own target; NAN: the indicator's counts */
	const char *null_reason;   /* why the value is null; NULL when not null or not given */
};

/* One stored value of an indicator's series. */
struct indicator_value {
	const char *period;        /* the period as stored (canonical) */
	bool period_ok;            /* false when the stored text is not a period (never written
				      by the API); such a value has no trend and matches nothing */
	struct period p;           /* parsed from period when period_ok */
	double value;              /* NAN: null (null_reason says why) */
	const char *null_reason;
	double target;             /* the period's own target; NAN: the indicator's counts */
	const char *comment;       /* NULL when none */
	const char *updated_at;
};

/* ------------------------------------------------------------------------- assessment */

/* Which target an assessment used. */
enum ind_target_source {
	IND_TARGET_PERIOD,     /* the value's own target for its period: "period" */
	IND_TARGET_INDICATOR,  /* the indicator's target: "indicator" */
};

/* How far an assessment got. */
enum ind_judgement {
	IND_NO_VALUE,    /* nothing stored for the period: no colour */
	IND_NULL_VALUE,  /* the stored value is null (see null_reason): no colour */
	IND_NO_TARGET,   /* a value but no target to judge it by: no colour */
	IND_JUDGED,      /* judged: a.color is the colour */
};

/* An indicator value's assessment, with what its explain object shows. */
struct indicator_assessment {
	enum ind_judgement state;
	bool has_value;            /* as the reading gave it */
	double value;              /* NAN for null or none */
	double target;             /* the target applied; NAN when none */
	enum ind_target_source target_source;
	double tolerance;          /* the yellow tolerance applied (0 when none) */
	enum ind_direction direction;
	int decimals;
	const char *null_reason;   /* borrowed from the reading; NULL when none */
	struct assess_value a;     /* IND_JUDGED: colour, yellow limit, next better value */
};

/**
 * Judges reading @p r of indicator @p ind: the target is the reading's own when it has one,
 * else the indicator's; green when it is met, yellow within the yellow tolerance, red beyond
 * (assess_value(), at the indicator's decimals).  Never fails: @p out says how far it got.
 */
void indicator_assess(const struct indicator *ind, const struct indicator_reading *r,
		      struct indicator_assessment *out);

/** The reading of stored value @p v (has_value true). */
struct indicator_reading indicator_value_reading(const struct indicator_value *v);

/** True when the assessment has a colour (state IND_JUDGED); *out gets it. */
bool indicator_color(const struct indicator_assessment *a, enum color *out);

/** The index of the value of period @p p in @p values (@p n of them), or @p n when none. */
size_t indicator_value_find(const struct indicator_value *values, size_t n, struct period p);

/* ------------------------------------------------------------------------------ trend */

enum ind_trend_state {
	IND_TREND_NULL,        /* the value is null (or its period unreadable): no trend */
	IND_TREND_NO_EARLIER,  /* no earlier value of the same kind: no trend */
	IND_TREND_FOUND,       /* compared with values[compared] */
};

struct indicator_trend {
	enum ind_trend_state state;
	struct period previous;        /* the period just before (not IND_TREND_NULL) */
	size_t compared;               /* IND_TREND_FOUND: the index of the value compared with */
	bool fallback;                 /* IND_TREND_FOUND: that is not `previous`, which has no
					  value, but the latest earlier value of the same kind */
	enum assess_trend trend;       /* IND_TREND_FOUND */
	enum assess_dev development;   /* IND_TREND_FOUND, by the indicator's direction */
};

/**
 * The trend and development of value @p i of @p values (@p n of them, in time order as stored)
 * against the latest earlier non-null value of the same period kind: normally the previous
 * period, else the latest before it.  Compared at the indicator's decimals.
 */
void indicator_trend(const struct indicator *ind, const struct indicator_value *values,
		     size_t n, size_t i, struct indicator_trend *out);

/* ------------------------------------------------------------------------- comparison */

/* One other municipality's value of a KPI and year, as Kolada publishes it. */
struct peer_value {
	const char *municipality;  /* four-digit code (0000 the country, 00xx the regions) */
	double value;              /* NAN: the peer published no value */
};

/* What a peer row is to a comparison. */
enum peer_role {
	PEER_OWN,               /* our own municipality: its value is ours */
	PEER_MUNICIPALITY,      /* another municipality: ranked against (when it has a value) */
	PEER_NOT_MUNICIPALITY,  /* the country or a region: excluded, and the explain says so */
};

/** The role of the row of @p municipality when we are @p own.  Kolada and SCB code the
 *  municipalities with four digits from 0114; 0000 is the country and 0001-0025 the regions. */
enum peer_role indicator_peer_role(const char *municipality, const char *own);

/* Where our value of the year came from. */
enum ind_value_source {
	IND_SOURCE_NONE,    /* neither the indicator nor the peer table has one */
	IND_SOURCE_VALUE,   /* the indicator's own value of the year: "indicator value" */
	IND_SOURCE_PEERS,   /* the peer table's figure for our municipality: "peer values" */
};

enum ind_cmp_state {
	IND_CMP_NO_VALUE,   /* we have no value for the year: no rank */
	IND_CMP_NO_PEERS,   /* no other municipality has a value: no rank */
	IND_CMP_RANKED,     /* rank holds the place */
};

struct indicator_comparison {
	enum ind_cmp_state state;
	double value;                       /* ours; NAN when none */
	enum ind_value_source value_source;
	int peers_with_value;               /* other municipalities with a value */
	int peers_missing;                  /* other municipalities without one */
	struct assess_rank rank;            /* IND_CMP_RANKED */
	struct indicator_assessment attainment; /* our value of the year against our target */
};

/**
 * Places our value of a year among the peers' values.  Our value is the peer table's figure
 * for @p own when it has one, else the indicator's own value of the year; the goal attainment
 * is always judged on the indicator's own value (the two colours answer different questions:
 * how we stand against others, and whether we met our target).
 *
 * @param year_value  the indicator's stored value of the year; NULL when there is none.
 * @param own         our municipality code; borrowed.
 * @param peers       @p npeers peer rows of the KPI and year; borrowed.
 * @param room        at least @p npeers doubles this function may overwrite; the caller owns it.
 */
void indicator_compare(const struct indicator *ind, const struct indicator_value *year_value,
		       const char *own, const struct peer_value *peers, size_t npeers,
		       double *room, struct indicator_comparison *out);

#endif
