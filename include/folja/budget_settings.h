/*
 * Budget settings: how a unit's annual budget is spread over the months, how wide the yellow
 * band of its budget assessment is, and how a unit that sets neither inherits them.
 *
 * A unit may have settings of its own: a yellow band (basis points of |budget|: an overspend
 * up to that share is yellow, beyond it red) and, optionally, a periodisation profile (twelve
 * weights January..December by which an annual budget is split into months; without one the
 * split is linear).  Settings flow down the unit tree, and the two flow apart:
 *   - the yellow band is the unit's own when it has settings, else its parent's effective
 *     band, and at the top of the tree MONEY_YELLOW_BP_DEFAULT (2 %);
 *   - the profile is the unit's own when it sets one, else its parent's effective profile, and
 *     at the top linear.
 * So a unit that sets a band but no profile keeps the profile from above (a department may
 * tighten its band and still follow the administration's summer profile), and each effective
 * setting names the unit it comes from, for the explain of a figure.  The basis of the
 * assessment (the period's outcome, or the year's forecast: seed 001 judges its economy area
 * by the forecast deviation) flows down like the profile: the unit's own when it sets one,
 * else its parent's, and at the top the outcome.
 *
 * budget_settings_inherit() is that rule, one step down the tree; the rollup applies it from
 * its root down, and budget_settings_effective() folds it down a unit's line of ancestors,
 * which is how the settings endpoint shows what a unit without settings inherits and how the
 * rollup finds what its root inherits.  Both therefore always agree.
 *
 * Pure: no allocation, no I/O.
 */
#ifndef FOLJA_BUDGET_SETTINGS_H
#define FOLJA_BUDGET_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a budget assessment compares with the budget. */
enum budget_basis {
	BUDGET_BASIS_INHERIT,     /* own settings only: none set, the parent's applies */
	BUDGET_BASIS_OUTCOME,     /* the period's outcome against the period's budget */
	BUDGET_BASIS_FORECAST,    /* the year's forecast against the year's budget */
};

/* The API names of the bases, indexed by enum budget_basis (BUDGET_BASIS_INHERIT has none). */
extern const char *const budget_basis_names[3];

/* A unit's own settings, as stored. */
struct budget_settings {
	int yellow_bp;            /* basis points 0..MONEY_YELLOW_BP_MAX; -1 when the unit has
				     no settings of its own (it then sets no profile either) */
	bool has_profile;         /* the unit sets a profile of its own */
	int64_t profile[12];      /* when has_profile: weights January..December */
	enum budget_basis basis;  /* BUDGET_BASIS_INHERIT when the unit sets none */
};

/* One unit of a line of ancestors: a unit's id and its own settings. */
struct budget_settings_link {
	int64_t unit_id;
	struct budget_settings own;
};

/* The settings that apply to a unit, each with the unit it comes from. */
struct budget_effective {
	int yellow_bp;            /* basis points */
	int64_t yellow_from;      /* the unit whose band applies; 0 for the default */
	bool has_profile;         /* false: linear */
	int64_t profile_from;     /* the unit whose profile applies; 0 when linear */
	int64_t profile[12];      /* when has_profile: weights January..December (a copy) */
	enum budget_basis basis;  /* BUDGET_BASIS_OUTCOME or BUDGET_BASIS_FORECAST */
	int64_t basis_from;       /* the unit whose basis applies; 0 for the default */
};

/** The settings at the top of the tree, above every unit: the default band, linear, the
 *  outcome as basis. */
void budget_settings_default(struct budget_effective *out);

/**
 * The rule, one step down the tree: the effective settings of unit @p unit_id, whose own
 * settings are @p own, under a parent whose effective settings are @p parent (pass
 * budget_settings_default()'s for a unit at the top).  @p out may be @p parent.
 */
void budget_settings_inherit(const struct budget_effective *parent, int64_t unit_id,
			     const struct budget_settings *own, struct budget_effective *out);

/**
 * The effective settings of @p line[0] from its own and its ancestors': @p line is the unit
 * and then its ancestors, nearest first (@p n entries, borrowed; units without settings may
 * be left out, they change nothing), folded from the top down with budget_settings_inherit().
 * With n = 0 the defaults.  What a unit without settings of its own inherits is therefore
 * budget_settings_effective() of its ancestors alone.
 */
void budget_settings_effective(const struct budget_settings_link *line, size_t n,
			       struct budget_effective *out);

#endif
