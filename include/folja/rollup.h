/*
 * Budget rollups: from aggregated ledger sums to the figures a report table prints.
 *
 * A rollup answers "how does this unit and everything under it stand against its budget in
 * this period?".  Its input is the unit subtree (parents before children) with each unit's own
 * budget settings, the settings of the root's ancestors, and the pre-aggregated sums of the
 * budget lines, one fact per unit (or unit × activity/account) × year × month × measure, month
 * 0 being an annual budget still to periodise.  Its output is a tree of nodes, each with the
 * figures of DESIGN.md (budget for the year and for the period, outcome, deviation, forecast,
 * last year's outcome) in kronor, and, once presented, the same figures as a report prints
 * them: scaled, rounded, with the deviations and the budget assessment.
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
 *   - presenting: each figure rounded half away from zero to the scale on its own, or with
 *     rounding "consistent" the root so and each parent's displayed figures handed down to its
 *     children and own lines by largest remainder, so a printed table adds up; the deviation,
 *     forecast deviation and change are then differences of displayed figures (else rounded
 *     differences of kronor); the deviation in percent and the assessment (money_assess() with
 *     the node's effective yellow band) always come from kronor; a node without a single line
 *     is not assessed.
 *
 * Everything here is pure: no JSON, no SQL, no HTTP.  Strings in the input are borrowed and
 * must outlive the rollup built from them.
 */
#ifndef FOLJA_ROLLUP_H
#define FOLJA_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/budget_settings.h"
#include "folja/money.h"

enum rollup_measure { RM_BUDGET, RM_OUTCOME, RM_FORECAST };
enum rollup_group { RG_UNIT, RG_ACTIVITY, RG_ACCOUNT };

/* How building or presenting a rollup ended. */
enum rollup_status {
	ROLLUP_OK,
	ROLLUP_OVERFLOW,          /* a sum leaves ±MONEY_MAX_KR: the figures do not exist */
	ROLLUP_NOMEM,             /* an allocation failed */
	ROLLUP_INVALID,           /* the input breaks its contract: no unit, a parent after its
				     child, or a profile money_periodise() refuses */
};

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

/* What a rollup is built from; everything borrowed. */
struct rollup_input {
	const struct rollup_unit *units;     /* the subtree, units[0] the root */
	size_t nunits;
	const struct rollup_fact *facts;     /* facts of units outside the array, or of years
						other than the query's and the one before, are
						ignored */
	size_t nfacts;
	const struct budget_settings_link *ancestors; /* the root's, nearest first (those
							  without settings may be left out) */
	size_t nancestors;
	const struct rollup_line *lines;     /* the lines behind the facts, or NULL when they */
	size_t nlines;                       /* were too many to load */
	bool lines_loaded;
};

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

/* A node's figures as a report prints them (rollup_present()): amounts in the query's scale,
 * except where named _kr. */
struct rollup_display {
	bool shown;               /* within the query's depth; nothing below is set otherwise */
	int64_t budget_year;
	int64_t budget_period;
	int64_t outcome_period;
	int64_t deviation_period;
	bool has_pct;             /* false when the period's budget is 0 */
	double deviation_pct;     /* of the kronor figures, one decimal */
	bool has_forecast;        /* the two forecast figures exist */
	int64_t forecast_year;
	int64_t forecast_deviation; /* forecast − annual budget */
	bool has_previous;        /* last year's outcome exists: the next two figures do */
	int64_t previous_year_outcome;
	int64_t change;           /* outcome − last year's outcome */
	bool assessed;            /* false for a node without lines: no colour */
	struct money_assessment assessment; /* of the kronor figures (set even when not
					       assessed, for a node of zeros) */
	int64_t next_overspend_kr; /* when assessment.has_next: the largest overspend that gives
				      the next better colour */
};

struct rollup_node {
	const char *key;          /* unit code or activity/account code; borrowed */
	const char *name;         /* borrowed; NULL for a group node */
	int64_t unit_id;          /* 0 for a group node */
	struct budget_effective settings; /* effective; a group node has the root's */
	struct rollup_figures own;   /* the node's own facts */
	struct rollup_figures total; /* own plus children */
	int64_t line_ids[ROLLUP_MAX_LINE_IDS]; /* the first source lines, when loaded */
	size_t nline_ids;
	bool lines_listed;        /* line_ids are all of total.lines: name them, not counts */
	struct rollup_node **children; /* borrowed pointers into the same tree */
	size_t nchildren;
	int depth;                /* 0 for the root */
	struct rollup_display shown; /* set by rollup_present() */
};

/**
 * Builds the rollup tree of @p in (borrowed) for @p q: bucket figures, settings inherited
 * down the tree, totals added up.  The nodes are not yet presented (see rollup_present()).
 *
 * @param status  set to ROLLUP_OK, or to why there is no tree
 * @return the root node (caller frees with rollup_free()), or NULL when *status is not
 *         ROLLUP_OK
 */
struct rollup_node *rollup_build(const struct rollup_input *in, const struct rollup_query *q,
				 enum rollup_status *status);

/** Frees a tree from rollup_build().  Accepts NULL. */
void rollup_free(struct rollup_node *root);

/**
 * Presents the tree for @p q's scale, rounding and depth: sets `shown` of every node (the
 * root's children and below cut at q->depth have shown.shown false).  May be called again
 * with another query of the same period and grouping.
 *
 * @return ROLLUP_OK; ROLLUP_NOMEM when an allocation failed; ROLLUP_OVERFLOW when a figure
 *         leaves ±MONEY_MAX_KR (the tree is then partly presented: do not show it)
 */
enum rollup_status rollup_present(struct rollup_node *root, const struct rollup_query *q);

#endif
