/*
 * Budget rollups: from aggregated ledger sums to the figures a report table prints.
 *
 * A rollup answers "how does this unit and everything under it stand against its budget in
 * this period?".  Its input is the unit subtree (parents before children) and the
 * pre-aggregated sums of its budget lines, one fact per unit (or unit × activity/account) ×
 * year × month × measure, month 0 being an annual budget still to periodise.  Its output is a
 * tree of nodes, each with the figures of DESIGN.md (budget for the year and for the period,
 * outcome, deviation, forecast, last year's outcome) in kronor, the budget assessment and an
 * explain object saying how every figure came about.
 *
 * The rules, in one place:
 *   - periods are year-to-date: months first..last of the query (first is 1 unless
 *     cumulative=false);
 *   - settings are inherited down the tree by budget_settings_inherit() (folja/
 *     budget_settings.h), starting from what the root inherits from its ancestors;
 *   - an annual budget (month 0) is split into months by money_periodise() with the unit's
 *     effective profile, at the granularity of the facts given (per unit, or per unit × key
 *     when grouping);
 *   - the forecast of a unit (or unit × key) is its latest forecast made in a month up to the
 *     period's last month (a forecast line is a full-year forecast made as of its month);
 *   - a parent is the sum of its children plus its own lines;
 *   - the assessment is money_assess() with the unit's effective yellow band.
 *
 * Everything here is pure: no SQL, no HTTP.  Strings in the input are borrowed and must
 * outlive the rollup built from them.
 */
#ifndef FOLJA_ROLLUP_H
#define FOLJA_ROLLUP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/budget_settings.h"
#include "folja/money.h"

enum rollup_measure { RM_BUDGET, RM_OUTCOME, RM_FORECAST };
enum rollup_group { RG_UNIT, RG_ACTIVITY, RG_ACCOUNT };

/* A unit of the subtree.  units[0] is the root; a parent comes before its children. */
struct rollup_unit {
	int64_t id;
	int parent;               /* index into the unit array; -1 for the root */
	const char *code;         /* borrowed */
	const char *name;         /* borrowed */
	struct budget_settings own; /* the unit's own settings */
};

/* One aggregated sum. */
struct rollup_fact {
	int unit;                 /* index into the unit array */
	const char *key;          /* borrowed activity/account code when grouping ("" = none);
				     ignored for RG_UNIT */
	int year;
	int month;                /* 1..12, or 0 for an annual budget */
	enum rollup_measure measure;
	int64_t amount_kr;
	int64_t lines;            /* how many budget lines the sum stands for */
};

/* A budget line behind the facts, for naming source rows in the explain when there are few. */
struct rollup_line {
	int unit;                 /* index into the unit array */
	const char *key;          /* activity/account code when grouping ("" = none) */
	int64_t id;
};

/* A node names its source lines by id when it draws on at most this many; beyond, its
 * explain gives aggregate row and line counts and the query that lists the lines. */
#define ROLLUP_MAX_LINE_IDS 20

struct rollup_query {
	int year;
	int first_month;          /* 1 when cumulative */
	int last_month;
	char period[16];          /* as asked, e.g. "2021-T1" */
	bool cumulative;
	enum rollup_group group;
	int depth;                /* levels of children shown below the root; -1 for all */
	enum money_scale scale;
	bool consistent;          /* largest-remainder rounding down the tree */
	struct budget_effective inherited; /* what the root inherits from its ancestors
					      (budget_settings_effective() of their line) */
	const struct rollup_line *lines; /* borrowed; the lines behind the facts, or NULL when */
	size_t nlines;                   /* they were too many to load */
	bool lines_loaded;
};

/* Figures of one node, all in kronor. */
struct rollup_figures {
	int64_t budget_year;
	int64_t budget_period;
	int64_t outcome_period;
	int64_t forecast_year;
	int64_t previous_year_outcome;
	bool has_forecast;
	int64_t annual_budget;    /* the part of budget_year posted as annual (month 0) */
	int64_t lines;            /* budget lines summed into this node, own and below */
	int64_t facts;            /* aggregate rows summed into this node, own and below */
	int64_t previous_lines;   /* lines behind previous_year_outcome (0: no figure) */
	int forecast_month;       /* the latest forecast month used, 0 when none */
};

struct rollup_node {
	const char *key;          /* unit code or activity/account code; borrowed */
	const char *name;         /* borrowed; NULL for a group node */
	int64_t unit_id;          /* 0 for a group node */
	int yellow_bp;            /* effective */
	int64_t yellow_from_unit; /* the unit whose setting applies; 0 for the default */
	bool profiled;            /* the effective profile is a unit's, not linear */
	struct rollup_figures own;   /* the node's own facts */
	struct rollup_figures total; /* own plus children */
	int64_t line_ids[ROLLUP_MAX_LINE_IDS]; /* the first source lines, when loaded */
	size_t nline_ids;
	struct rollup_node **children; /* borrowed pointers into the same tree */
	size_t nchildren;
	int depth;                /* 0 for the root */
};

/**
 * Builds the rollup tree.  @p units and @p facts are borrowed (facts of units outside the
 * array, or of years other than the query's year and the one before, are ignored).
 *
 * @return the root node (caller frees with rollup_free()), or NULL when an amount leaves
 *         ±MONEY_MAX_KR or allocation fails
 */
struct rollup_node *rollup_build(const struct rollup_unit *units, size_t nunits,
				 const struct rollup_fact *facts, size_t nfacts,
				 const struct rollup_query *q);

/** Frees a tree from rollup_build().  Accepts NULL. */
void rollup_free(struct rollup_node *root);

/**
 * The reply body {period, scale, ..., root: NODE} of DESIGN.md, figures in @p q's scale and
 * rounding, children cut at @p q->depth.  Returns a new reference; NULL on allocation failure.
 */
json_t *rollup_to_json(const struct rollup_node *root, const struct rollup_query *q);

/** The same nodes as flat rows in tree order (with a depth column) for CSV.  New reference. */
json_t *rollup_to_rows(const struct rollup_node *root, const struct rollup_query *q);

#endif
