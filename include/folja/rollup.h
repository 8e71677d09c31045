/*
 * Budget rollups: from aggregated ledger sums to the figures a report table prints.
 *
 * A rollup answers "how does this unit and everything under it stand against its budget in
 * this period?".  Its input is the unit subtree (parents before children) with each unit's own
 * budget settings, the settings of the root's ancestors, the pre-aggregated sums of the
 * budget lines, one fact per unit (or unit × activity/account/project) × year × month ×
 * measure, month 0 being an annual budget still to periodise, and the code list that names the
 * keys.  Its output is a tree of nodes, each with the figures of DESIGN.md (budget for the year
 * and for the period, outcome, deviation, forecast, last year's figures) in kronor, and, once
 * presented, the same figures as a report prints them: scaled, rounded, with the deviations
 * and the budget assessment.
 *
 * The rules, in one place:
 *   - periods are year-to-date: months first..last of the query (first is 1 unless
 *     cumulative=false);
 *   - settings are inherited down the tree by budget_settings_inherit() (folja/
 *     budget_settings.h), starting from what the root inherits from its ancestors;
 *   - an annual budget (month 0) is split into months by money_periodise() with the unit's
 *     effective profile, at the granularity of the facts given (per unit, or per unit × key
 *     when grouping);
 *   - the forecast is chosen per ledger cell (folja/economy.h): each cell's latest forecast
 *     made up to the period's last month, and the one before it, summed over the node's cells
 *     (a fact's `cell` names its cell within its unit; facts without one are their bucket's);
 *   - a budget change (a decided change of the frame) is budget like the original and is
 *     also summed apart, so a node shows its original budget, its changes and the sum;
 *   - every node states the last month its outcome lines reach within the period, and last
 *     year's outcome and budget for the same months, the outcome only when last year's lines
 *     reach the period's last month (coverage_of(), folja/economy.h);
 *   - investments (RL_INVESTERING) are not periodised: the period's budget is the year's;
 *   - keys nest as the code list says when asked (accounts in their groups, varav rows under
 *     their account); otherwise a varav account counts in its account's node; keys nest under
 *     their units with RG_UNIT_ACTIVITY;
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
#include "folja/economy.h"
#include "folja/money.h"

enum rollup_measure { RM_BUDGET, RM_OUTCOME, RM_FORECAST, RM_BUDGET_CHANGE };
/* What the nodes are: the unit tree, one node per key (activity, account, project) of the
 * whole subtree, or the unit tree with each unit's activities under it. */
enum rollup_group { RG_UNIT, RG_ACTIVITY, RG_ACCOUNT, RG_PROJECT, RG_UNIT_ACTIVITY };
enum rollup_ledger { RL_DRIFT, RL_INVESTERING };
/* What a node stands for. */
enum rollup_kind { RK_UNIT, RK_ACTIVITY, RK_ACCOUNT, RK_GROUP, RK_VARAV, RK_PROJECT };
/* Why a shown node has no colour. */
enum rollup_unassessed {
	RU_ASSESSED,              /* it has one */
	RU_NO_LINES,              /* no budget or outcome line: nothing to assess */
	RU_INVESTMENT,            /* an investment: underspending is not a saving */
	RU_NO_FORECAST,           /* assessed on the forecast, and none is made */
};

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
	const char *key;          /* borrowed activity/account/project code when grouping ("" =
				     none); ignored for RG_UNIT */
	int year;
	int month;                /* 1..12, or 0 for an annual budget */
	enum rollup_measure measure;
	int64_t amount_kr;
	int64_t lines;            /* how many budget lines the sum stands for */
	const char *cell;         /* borrowed: the ledger cell of a forecast within its unit (e.g.
				     activity and account); NULL: the fact's bucket is one cell */
};

/* A budget line behind the facts, for naming source rows in the explain when there are few. */
struct rollup_line {
	int unit;                 /* index into the unit array */
	const char *key;          /* activity/account/project code when grouping ("" = none) */
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
	const struct budget_code *codes;     /* the code list of the keys (activities or
						accounts), any order; NULL: none */
	size_t ncodes;
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
	enum rollup_ledger ledger;
	bool subtotals;           /* RG_ACCOUNT: accounts nested in their groups, varav rows */
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
	int64_t previous_lines;   /* lines behind previous_year_outcome */
	int forecast_month;       /* the latest forecast month used, 0 when none */
	int64_t budget_changes;   /* the part of budget_year from budget changes */
	int64_t forecast_previous; /* over the cells: the forecast before each cell's latest */
	int64_t forecast_cells;   /* cells with a forecast up to the period's end */
	int64_t forecast_previous_cells; /* of those, the cells with an earlier one */
	int forecast_previous_month; /* the latest month of the earlier forecasts, 0 when none */
	int outcome_through;      /* the last month with outcome lines in the period; 0: none */
	int64_t year_lines;       /* lines of the query's year */
	int64_t previous_budget;  /* last year's budget for the same months */
	int64_t previous_budget_lines; /* last year's budget lines (0: no figure) */
	int previous_through;     /* the last month with last year's outcome in the period */
	int64_t previous_year_lines; /* lines of last year, any measure */
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
	enum rollup_unassessed unassessed; /* RU_ASSESSED when assessed */
	enum budget_basis basis;  /* what the assessment compared: outcome or forecast */
	int64_t budget_changes;   /* the frame: changes, and budget_year less them */
	int64_t budget_original;
	bool has_forecast_previous; /* the next three exist */
	int64_t forecast_previous;
	int64_t forecast_change;  /* forecast − previous forecast */
	int64_t forecast_deviation_previous; /* previous forecast − annual budget */
	bool outcome_incomplete;  /* lines this year, but the outcome stops before the period's
				     last month (total.outcome_through) */
	enum coverage previous;   /* last year's outcome: has_previous is COVERAGE_FULL */
	bool has_previous_budget; /* last year's budget exists: the next figure does */
	int64_t previous_year_budget;
	int64_t previous_year_deviation; /* when has_previous */
	bool has_spent_share;     /* investments with a budget: the share spent */
	double spent_share_pct;
};

struct rollup_node {
	const char *key;          /* unit code or activity/account/project code; borrowed */
	const char *name;         /* borrowed: the unit's name, the code list's, else the key;
				     NULL for the key "" (lines without a code) */
	int64_t unit_id;          /* 0 for a key node */
	int64_t owner_unit_id;    /* the unit whose lines the node covers: its own, or for a key
				     node the unit it hangs under (the root unless keys nest) */
	enum rollup_kind kind;
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
