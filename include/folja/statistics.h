/*
 * Statistics: activity and personnel figures with breakdowns, and how their tables add up.
 *
 * A statistic is a named figure a committee follows ("Placeringar barn och unga, unika
 * personer", "Sjukfrånvaro") with up to four dimensions (gender, age group, length, a
 * category), each an ordered list of value codes.  A fact is one figure of a unit, a period
 * and one value of some of the dimensions; a dimension a fact omits is the total over it.
 * How figures add up depends on the statistic's aggregate, and getting it wrong is how
 * reports go wrong:
 *   - sum: counts of events, kronor, days add up across months, units and rows;
 *   - ratio: a numerator over a denominator (sick hours over scheduled hours).  Parts are
 *     weighed by their denominators, Σnumerator / Σdenominator, never a mean of percentages:
 *     seed 002's "snitt" 8,96 % of January-March is not the mean 8,95 % of its three months.
 *     A ratio the source printed only as a percentage is a `given` value; it is shown as
 *     given and never weighed with anything (there are no hours to weigh it by);
 *   - distinct (unika personer): a person counted in January and in February, or by two
 *     units, is one person, so such a figure is never built from parts.  A total that is not
 *     given is null with a reason.
 *
 * Periods: a fact of a month covers that month; a fact of any other period covers January
 * through its last month, as the seeds print their figures ("jan-april").  A table asks for
 * a range of months of a year (January through the period's last month, or the period alone
 * with cumulative=false).  The period rule: the exact fact for the range when one exists,
 * else the range built from monthly facts (sum, or Σnumerator/Σdenominator) when they cover
 * every month of it; partial months are null with a reason, never a silent 3-against-4.
 * Units: a fact describes its unit's whole subtree, so a unit with a figure of its own is
 * that figure; a unit without one is the sum of its sub-units where the aggregate allows
 * (never for distinct).
 *
 * A table has a row per value of the `by` dimensions (and per month with by=month) and a
 * total, each with the compared period (the same months of another year), the change
 * (percent for counts, percentage points for percentages; null with a reason on a zero base)
 * and optionally the share of the total (by numerators for a ratio).  On open reads small
 * counts and groups at or under the statistic's min_population are suppressed, with the next
 * smallest cell of the breakdown whenever the hidden one could be worked out from the total.
 *
 * Pure: plain structs in and out; stat_table_build() allocates the rows and
 * stat_table_free() releases them.  Strings are borrowed from whoever loaded the statistic
 * and its facts (folja/db_statistics.h).
 */
#ifndef FOLJA_STATISTICS_H
#define FOLJA_STATISTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/period.h"

#define STAT_MAX_DIMS 4        /* dimensions of a statistic */
#define STAT_MAX_VALUES 64     /* values of one dimension */
#define STAT_CODE_MAX 32       /* bytes of a dimension name or value code */
#define STAT_MAX_BY 3          /* entries of a table's `by` (dimensions and month) */
#define STAT_MAX_ROWS 1000     /* rows of one table */
#define STAT_MAX_ABS 1e15      /* the range of every number of a fact, and of every sum */
#define STAT_NULL INT64_MIN    /* an absent integer (the same value as storage's DB_NULL) */
#define STAT_BY_MONTH (-1)     /* a `by` entry that breaks the range down by month */

enum stat_aggregate {
	STAT_SUM,       /* "sum" */
	STAT_RATIO,     /* "ratio" */
	STAT_DISTINCT,  /* "distinct" */
	STAT_AGGREGATES
};

enum stat_unit {
	STAT_COUNT,     /* "count" */
	STAT_PERCENT,   /* "percent": a ratio times 100 */
	STAT_DAYS,      /* "days" */
	STAT_HOURS,     /* "hours" */
	STAT_KR,        /* "kr" */
	STAT_UNITS
};

/* What a fact holds. */
enum stat_form {
	STAT_FORM_VALUE,  /* "value": a count or amount (sum, distinct) */
	STAT_FORM_RATIO,  /* "ratio": numerator and denominator */
	STAT_FORM_GIVEN,  /* "given": a ratio's value as the source printed it */
	STAT_FORM_SHARE,  /* "share": a part's share of the total, in percent, as printed */
	STAT_FORM_NULL,   /* "null": no figure, with a reason */
	STAT_FORMS
};

/** API names, static; NULL outside the enum. */
const char *stat_aggregate_name(enum stat_aggregate a);
const char *stat_unit_name(enum stat_unit u);
const char *stat_form_name(enum stat_form f);
/** Parse an API name exactly; false (and *out untouched) for anything else, NULL included. */
bool stat_aggregate_parse(const char *s, enum stat_aggregate *out);
bool stat_unit_parse(const char *s, enum stat_unit *out);
bool stat_form_parse(const char *s, enum stat_form *out);

/** NULL when unit @p u goes with aggregate @p a, else a static sentence why not: a
 *  percentage is a ratio, and unique persons are a count. */
const char *stat_kind_error(enum stat_aggregate a, enum stat_unit u);
/** True when a fact of a statistic aggregated by @p a may hold form @p f. */
bool stat_form_allowed(enum stat_aggregate a, enum stat_form f);

/* ---------------------------------------------------------------------------- definition */

struct stat_dimension {
	const char *name;              /* [a-z][a-z0-9_]*, at most STAT_CODE_MAX bytes */
	const char *label;             /* NULL when none */
	size_t nvalues;                /* 1..STAT_MAX_VALUES */
	const char *values[STAT_MAX_VALUES];  /* codes [A-Za-z0-9][A-Za-z0-9_.-]* */
	const char *labels[STAT_MAX_VALUES];  /* each NULL when none */
};

struct statistic {
	int64_t id;
	const char *code;
	const char *name;
	enum stat_unit unit;
	enum stat_aggregate aggregate;
	int decimals;                  /* 0..6: figures are presented with this many */
	int64_t min_population;        /* STAT_NULL when none */
	const char *kolada_kpi;        /* NULL when none */
	size_t ndims;
	struct stat_dimension dims[STAT_MAX_DIMS];
};

/** True when @p s is a dimension name: a-z first, then a-z, 0-9, _; 1..STAT_CODE_MAX bytes. */
bool stat_name_valid(const char *s);
/** True when @p s is a value code: A-Z a-z 0-9 first, then also _ . -; 1..STAT_CODE_MAX bytes. */
bool stat_code_valid(const char *s);
/** The index of dimension @p name of @p s, or -1. */
int stat_dimension_find(const struct statistic *s, const char *name);
/** The 1-based position of @p value among @p d's values, or 0 when it is not one. */
int stat_value_find(const struct stat_dimension *d, const char *value);
/** Bit i set when d[i] is given. */
unsigned stat_mask(const uint8_t d[STAT_MAX_DIMS]);
/** True when every position of @p d (from 1; 0 for the total) names a value of its dimension
 *  of @p s.  A fact's values are shown as the object {name: code} in the statistic's order,
 *  written by SQL from the statistic's lists (src/db/statistics.c). */
bool stat_dims_valid(const struct statistic *s, const uint8_t d[STAT_MAX_DIMS]);

/* ------------------------------------------------------------------------------- periods */

/* A run of months of one year. */
struct stat_range {
	int year;
	int from, to;   /* 1 <= from <= to <= 12 */
};

/** The months a fact of period @p p covers: its month, or January through its last month. */
struct stat_range stat_fact_range(struct period p);
/** The months a table of period @p p asks for: January through its last month when
 *  @p cumulative, else the months the period itself covers. */
struct stat_range stat_question_range(struct period p, bool cumulative);

/* -------------------------------------------------------------------------------- facts */

/*
 * What storage loads for a table: for each unit of the subtree, year and combination of
 * dimension values, the facts of periods other than months that cover exactly the range the
 * table asks for, and bundles of its monthly facts: summed over the range, or one per month
 * with by=month (a bundle of one month is that month's fact, its form told by the counts).
 */
struct stat_part {
	size_t unit;                   /* index into the question's units */
	int year;
	uint8_t dims[STAT_MAX_DIMS];   /* 1-based value positions; 0: a total over it */
	bool bundle;                   /* monthly facts, summed */
	int from, to;                  /* the months it covers (a bundle: it was summed over) */
	/* an exact fact (!bundle) */
	int kind;                      /* enum period_kind of its period */
	enum stat_form form;
	/* a bundle */
	unsigned months;               /* bit m set for each month 1..12 holding a fact */
	int nfacts, ngiven, nshare, nnull;
	/* both */
	const char *null_reason;       /* form null (a bundle: one of its null facts'); borrowed */
	double value;                  /* value, given or share; bundle: the sum of values */
	double num, den;               /* ratio; bundle: the sums */
	int64_t population;            /* STAT_NULL when not known (bundle: the largest month) */
	int64_t id;                    /* the fact; bundle: its lowest id */
};

/* The unit subtree a table is over, in pre-order: [0] is the unit asked, every parent
 * before its children.  Arrays borrowed. */
struct stat_units {
	size_t n;
	const int64_t *ids;
	const size_t *parent;          /* index of the parent; parent[0] is unused */
};

/* ----------------------------------------------------------------------------- question */

struct stat_question {
	struct stat_range range;       /* the months asked */
	int kind;                      /* the period kind asked: preferred among exact facts */
	bool compare;                  /* also the same months of compare_year */
	int compare_year;
	size_t nby;
	int by[STAT_MAX_BY];           /* dimension indices, or STAT_BY_MONTH */
	uint8_t filter[STAT_MAX_DIMS]; /* fixed values of dimensions; 0: the total over it */
	bool share;                    /* the rows' shares of the total */
};

/* --------------------------------------------------------------------------------- figures */

enum stat_fig_state {
	STAT_FIG_NONE,   /* no fact of the range in the subtree */
	STAT_FIG_VALUE,  /* a value */
	STAT_FIG_NULL,   /* facts, but no value: `why` says why */
};

/* Where a figure came from. */
enum stat_source {
	STAT_SRC_NONE,
	STAT_SRC_FACT,     /* "fact": the exact fact of the range at the unit */
	STAT_SRC_MONTHS,   /* "monthly_facts": the unit's monthly facts of the range */
	STAT_SRC_UNITS,    /* "sub_units": the sum of the figures of its sub-units */
	STAT_SRC_ROWS,     /* "rows": a total added up from its rows (sum only) */
};

/* Why a figure is null. */
enum stat_why {
	STAT_WHY_NONE,
	STAT_WHY_NO_DATA,          /* no fact of the range in the unit's subtree */
	STAT_WHY_NULL_FACT,        /* the fact is null; null_reason says why */
	STAT_WHY_MONTHS_MISSING,   /* monthly facts do not cover the range; why_month */
	STAT_WHY_DISTINCT_MONTHS,  /* unique persons are not built from monthly facts */
	STAT_WHY_DISTINCT_UNITS,   /* unique persons are not added up across units */
	STAT_WHY_DISTINCT_ROWS,    /* unique persons: the total is not the sum of its rows */
	STAT_WHY_GIVEN,            /* given percentages cannot be weighed together */
	STAT_WHY_SHARE_ONLY,       /* the source gives only this part's share of the total */
	STAT_WHY_RATIO_ROWS,       /* a ratio's total is not built from its rows */
	STAT_WHY_ROWS_INCOMPLETE,  /* a total from rows: a row has no value */
	STAT_WHY_ZERO_DENOMINATOR, /* a ratio whose denominator adds up to zero */
	STAT_WHY_RANGE,            /* the sum leaves ±STAT_MAX_ABS */
	STAT_WHYS
};

/** A sentence for @p why (static), e.g. "unique persons are not added up across units". */
const char *stat_why_text(enum stat_why why);
/** A stable word for @p why (static), e.g. "distinct_units". */
const char *stat_why_name(enum stat_why why);
/** The API name of @p src: "fact", "monthly_facts", "sub_units", "rows"; NULL for none. */
const char *stat_source_name(enum stat_source src);

struct stat_figure {
	enum stat_fig_state state;
	enum stat_source source;
	enum stat_why why;             /* STAT_FIG_NULL (STAT_WHY_NO_DATA for NONE) */
	int64_t why_unit;              /* the unit the reason concerns; 0 when none */
	int why_month;                 /* STAT_WHY_MONTHS_MISSING: the first month missing */
	const char *null_reason;       /* STAT_WHY_NULL_FACT: the fact's reason, borrowed */
	double value;                  /* STAT_FIG_VALUE: the figure (ratio: in the unit) */
	bool has_hours;                /* a ratio built from numerator and denominator */
	double num, den;
	bool given;                    /* the value is a percentage as the source gave it */
	bool has_share;                /* the source gives this part's share of the total */
	double share;
	int64_t population;            /* STAT_NULL when not known */
	int64_t fact_id;               /* STAT_SRC_FACT: the fact */
	int fact_kind;                 /* STAT_SRC_FACT: its period's kind */
	size_t nfacts;                 /* facts drawn on */
	size_t nunits;                 /* units whose own facts were drawn on */
};

/* -------------------------------------------------------------------------- comparisons */

enum stat_change_state {
	STAT_CHANGE_OK,            /* change, and pct unless in_pp */
	STAT_CHANGE_NO_VALUE,      /* the figure has no value */
	STAT_CHANGE_NO_COMPARE,    /* the compared figure has no value (or none was asked) */
	STAT_CHANGE_ZERO_BASE,     /* change, but no percentage of a zero base */
};

struct stat_change {
	enum stat_change_state state;
	double change;             /* value - compared (OK, ZERO_BASE) */
	bool in_pp;                /* a percentage: the change is in percentage points */
	double pct;                /* OK and !in_pp: change / |compared| * 100 */
};

/** The change from @p then to @p now of a statistic in @p unit: percentage points for
 *  percentages, else also the percent change, which a zero base has none of. */
void stat_compare(enum stat_unit unit, const struct stat_figure *now,
		  const struct stat_figure *then, struct stat_change *out);

enum stat_share_state {
	STAT_SHARE_OK,
	STAT_SHARE_NONE,           /* the part or the total has no value */
	STAT_SHARE_ZERO_TOTAL,     /* the total is zero */
	STAT_SHARE_NO_HOURS,       /* a ratio given as percentages: no numerators to share */
};

struct stat_share {
	enum stat_share_state state;
	double pct;                /* OK: the part's share of the total, in percent */
	bool given;                /* OK: as the source gave it */
};

/** The share of @p part in @p total: by values for sum and distinct, by numerators for a
 *  ratio (seed 002: long sick leave is 57 % of all sick hours), or as the source gave it. */
void stat_share_of(enum stat_aggregate a, const struct stat_figure *part,
		   const struct stat_figure *total, struct stat_share *out);

/* ------------------------------------------------------------------------------- tables */

/* Why a cell is hidden on an open read. */
enum stat_hidden {
	STAT_SHOWN,
	STAT_HIDDEN_SMALL,         /* a count below the threshold */
	STAT_HIDDEN_POPULATION,    /* a group at or under min_population */
	STAT_HIDDEN_SECONDARY,     /* could be worked out from the total and the other rows */
};

/* One figure of a row: the period asked or the compared one. */
struct stat_cell {
	struct stat_figure fig;
	struct stat_share share;   /* question.share */
	enum stat_hidden hidden;
};

struct stat_row {
	uint8_t dims[STAT_MAX_DIMS];   /* the values of the row (filter and by); 0: total */
	int month;                     /* by month: the month; 0 otherwise */
	struct stat_cell now, then;    /* then: state NONE without a comparison */
	struct stat_change change;
	bool share_change_ok;          /* both shares known: share_change_pp holds */
	double share_change_pp;
};

struct stat_table {
	struct stat_range range, compare_range;
	size_t nrows;
	struct stat_row *rows;
	struct stat_row total;
};

enum stat_build_rc {
	STAT_BUILD_OK,
	STAT_BUILD_NOMEM,
	STAT_BUILD_TOO_MANY_ROWS,  /* the `by` values multiply beyond STAT_MAX_ROWS */
};

/** The number of rows the question's `by` gives for @p s (the product of the value counts,
 *  and the months of the range), or SIZE_MAX beyond STAT_MAX_ROWS. */
size_t stat_row_count(const struct statistic *s, const struct stat_question *q);

/**
 * Builds the table of question @p q over the units @p u from the facts @p parts (@p nparts
 * of them, which this sorts in place) for statistic @p s: each row's figure and the compared
 * one by the period and unit rules above, then the total (for sum, added up from the rows
 * when no total fact exists), the changes and the shares.  @p out is the caller's; on
 * success stat_table_free() releases it.
 */
enum stat_build_rc stat_table_build(const struct statistic *s, const struct stat_units *u,
				    struct stat_part *parts, size_t nparts,
				    const struct stat_question *q, struct stat_table *out);
/** Releases the rows of @p t and leaves it empty.  Accepts NULL. */
void stat_table_free(struct stat_table *t);

/**
 * Hides the cells an open read must not show (threshold @p suppress > 0; 0 hides nothing):
 * counts from 1 to suppress - 1, groups whose population is at or under s->min_population,
 * and, in the rows, the next smallest cell whenever exactly one is hidden and the total
 * shows, for the period asked and the compared one alike.
 */
void stat_table_suppress(const struct statistic *s, struct stat_table *t, unsigned suppress);

/** @p x rounded half away from zero to @p decimals (0..6) decimals; presentation only. */
double stat_round(double x, int decimals);

#endif
