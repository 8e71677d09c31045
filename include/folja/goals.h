/*
 * The goal tree and how a goal's colour for a period is reached.
 *
 * A committee's plan is a tree of goals: målområde → strategiskt mål → nämndmål → enhetsmål,
 * with kvalitetsmål, uppdrag, kvalitetsgarantier and prioriteringar where the plan puts them.
 * A goal is valid for a span of years and is measured by its child goals and by the
 * indicators linked to it.  Its colour for a period is either decided by a person (a manual
 * assessment: a status such as helt/delvis/ej, or påbörjad/färdig for an uppdrag, usually
 * with a colour) or computed from its children by the share rule (assess_share()): the share
 * of green among the children that have a colour, against the goal's target share (green)
 * and yellow share.  Seed 001: area 1 has 4 of its 10 enhetsmål green = 40 % against 60 %
 * (yellow from 40 %), so gul.  A manual colour wins over the computed one; a manual
 * assessment without a colour (ej_bedomd) decides nothing.  Both are always shown, with the
 * children that decided the computed one.
 *
 * A child goal counts only when it is valid in the period's year; a linked indicator counts
 * with its value of the period judged against its target (indicator_assess()).  A child
 * without a colour is listed but does not count; a goal none of whose children has a colour
 * has no computed colour.
 *
 * The month row of a goal (seed 001 "Måluppfyllelse/månad") is twelve trees, one per month
 * period, each loaded with that month's manual assessments and indicator values: the colour
 * of month m is goal_tree_assess() in the tree of period YYYY-MM.
 *
 * Computing walks the tree without recursion and at most GOAL_MAX_DEPTH levels below the goal
 * asked about: a plan is a handful of levels deep, and a deeper chain (or a cycle, which the
 * API refuses to store) ends there with no computed colour instead of exhausting the stack.
 * Each goal is computed once per tree and remembered, so the whole tree costs one pass.
 *
 * Pure computation on plain structs: the goals and indicators are borrowed from whoever loaded
 * them (folja/db_goals.h); goal_tree_build() allocates the tree's index, which
 * goal_tree_free() releases.
 */
#ifndef FOLJA_GOALS_H
#define FOLJA_GOALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/assess.h"
#include "folja/color.h"
#include "folja/indicators.h"

/* The null of the optional integers below (the same value as storage's DB_NULL). */
#define GOAL_NULL INT64_MIN

/* How many levels below the goal asked about are computed; deeper goals get no colour. */
#define GOAL_MAX_DEPTH 64

/* The Agenda 2030 goals are numbered 1..17; a goal lists each at most once. */
#define GOAL_SDG_MAX 17

enum goal_level {
	GOAL_MALOMRADE,         /* "malomrade" */
	GOAL_STRATEGISKT_MAL,   /* "strategiskt_mal" (KF) */
	GOAL_NAMNDMAL,          /* "namndmal" */
	GOAL_ENHETSMAL,         /* "enhetsmal" */
	GOAL_KVALITETSMAL,      /* "kvalitetsmal" */
	GOAL_UPPDRAG,           /* "uppdrag": an assignment, with a progress status */
	GOAL_KVALITETSGARANTI,  /* "kvalitetsgaranti" */
	GOAL_PRIORITERING,      /* "prioritering" */
};

/* The status of a manual assessment. */
enum goal_status {
	GOAL_HELT,          /* "helt": fully met */
	GOAL_I_HOG_GRAD,    /* "i_hog_grad": met to a high degree */
	GOAL_DELVIS,        /* "delvis": partly met */
	GOAL_EJ,            /* "ej": not met */
	GOAL_EJ_BEDOMD,     /* "ej_bedomd": not assessed (no colour) */
	GOAL_EJ_PABORJAD,   /* "ej_paborjad": an uppdrag not started */
	GOAL_PABORJAD,      /* "paborjad": an uppdrag under way */
	GOAL_FARDIG,        /* "fardig": an uppdrag done */
	GOAL_UPPFYLLD,      /* "uppfylld": a kvalitetsgaranti kept */
	GOAL_EJ_UPPFYLLD,   /* "ej_uppfylld": a kvalitetsgaranti not kept */
};

/** API names ("malomrade", "i_hog_grad" ...), static; NULL outside the enum. */
const char *goal_level_name(enum goal_level l);
const char *goal_status_name(enum goal_status s);
/** Parse an API name exactly; false (and *out untouched) for anything else, NULL included. */
bool goal_level_parse(const char *s, enum goal_level *out);
bool goal_status_parse(const char *s, enum goal_status *out);

/* The latest manual assessment of a goal for the period. */
struct goal_manual {
	int64_t id;
	enum goal_status status;
	bool has_color;            /* false: it decides nothing (e.g. ej_bedomd) */
	enum color color;
	const char *comment;       /* NULL when none */
	const char *created_by;
	const char *created_at;
};

/* A goal as stored, with its manual assessment for the period the tree is loaded for. */
struct goal {
	int64_t id;
	int64_t parent_id;         /* GOAL_NULL for a top goal */
	enum goal_level level;
	const char *title;
	const char *description;   /* NULL when none */
	int64_t unit_id;           /* GOAL_NULL when none */
	int64_t year_from;         /* first year it is valid; GOAL_NULL: no bound */
	int64_t year_to;           /* last year it is valid; GOAL_NULL: no bound */
	int target_share;          /* percent 0..100: green from this share of green children */
	int yellow_share;          /* percent 0..100: yellow from this share */
	unsigned char agenda2030[GOAL_SDG_MAX]; /* SDG numbers 1..17, in the order given */
	size_t nagenda2030;
	int64_t sort;              /* order among siblings */
	int64_t version;
	const char *created_at;
	const char *updated_at;
	bool has_manual;           /* a person assessed it for the period */
	struct goal_manual manual;
};

/* An indicator linked to a goal, with what it measured in the tree's period. */
struct goal_indicator {
	struct indicator ind;      /* ind.goal_id names the goal */
	struct indicator_reading reading;
};

/** Whether a goal of level @p l may be assessed with status @p s: an uppdrag is ej_paborjad,
 *  paborjad or fardig; a kvalitetsgaranti uppfylld or ej_uppfylld; any other goal helt,
 *  i_hog_grad, delvis, ej or ej_bedomd. */
bool goal_status_allowed(enum goal_level l, enum goal_status s);
/** The colour status @p s stands for when the assessor gives none (helt gron, i_hog_grad and
 *  delvis gul, ej rod; fardig gron, paborjad gul, ej_paborjad rod; uppfylld gron,
 *  ej_uppfylld rod).  False for ej_bedomd, which has no colour. */
bool goal_status_color(enum goal_status s, enum color *out);

/** True when goal @p g is valid in @p year (within year_from..year_to, open bounds). */
bool goal_valid_in(const struct goal *g, int year);

/* ------------------------------------------------------------------------ the tree */

/* Where a goal's colour comes from. */
enum goal_source {
	GOAL_SOURCE_COMPUTED,  /* "computed": the share rule over the children */
	GOAL_SOURCE_MANUAL,    /* "manual": a person's assessment, which wins */
};

/* How the computed part ended. */
enum goal_rule {
	GOAL_RULE_SHARE,          /* the share rule gave share.color */
	GOAL_RULE_NONE_ASSESSED,  /* no child has a colour: no computed colour */
	GOAL_RULE_TOO_DEEP,       /* GOAL_MAX_DEPTH below the goal asked about: not computed */
};

/* A goal's assessment for the tree's period. */
struct goal_result {
	bool done;                 /* computed (the tree remembers it) */
	enum goal_rule rule;
	struct assess_share share; /* GOAL_RULE_SHARE: colour, counts, share, next better */
	bool has_color;            /* the goal's colour: the manual one when it has one, else
				      the computed one */
	enum color color;
	enum goal_source source;
};

/* One frame of the walk; see goal_tree_assess(). */
struct goal_frame {
	size_t goal;
	int depth;
	size_t cursor;             /* the next child goal to look at */
	int green;                 /* children tallied so far */
	int assessed;
};

/* A goal's id and its index, for lookups by id. */
struct goal_key {
	int64_t id;
	size_t index;
};

/* The goals and linked indicators of one period with an index of who is whose child. */
struct goal_tree {
	const struct goal *goals;            /* borrowed: ngoals, in tree order (sort, id) */
	size_t ngoals;
	const struct goal_indicator *inds;   /* borrowed: ninds, in order (sort, id) */
	size_t ninds;
	int year;                            /* the period's year: which goals are valid */
	/* made by goal_tree_build(), owned by the tree: */
	struct goal_key *by_id;              /* ngoals, ordered by id */
	size_t *kid_first;                   /* ngoals + 1: kids[kid_first[g] .. kid_first[g+1]) */
	size_t *kids;                        /* child goal indices grouped by parent, tree order */
	size_t *ind_first;                   /* ngoals + 1: the same over ind_of */
	size_t *ind_of;                      /* linked indicator indices grouped by goal */
	struct goal_result *results;         /* ngoals, filled as goals are computed */
	struct indicator_assessment *ind_results; /* ninds: each reading judged */
	struct goal_frame stack[GOAL_MAX_DEPTH + 1];
};

/**
 * Indexes @p ngoals goals and @p ninds linked indicators (both borrowed; they must outlive
 * the tree) for the period of year @p year, and judges every indicator's reading.
 * @return false when memory runs out (*t is then empty and goal_tree_free() still safe).
 */
bool goal_tree_build(struct goal_tree *t, const struct goal *goals, size_t ngoals,
		     const struct goal_indicator *inds, size_t ninds, int year);
/** Frees what goal_tree_build() allocated; accepts NULL and an empty or zeroed tree. */
void goal_tree_free(struct goal_tree *t);

/** The index of the goal with id @p id; false when the tree has none. */
bool goal_tree_find(const struct goal_tree *t, int64_t id, size_t *index);

/**
 * The assessment of goal @p g (an index) for the tree's period: computed from its children by
 * the share rule, the manual colour winning when there is one.  Children are computed first,
 * once each, walking at most GOAL_MAX_DEPTH levels down from @p g.
 * @return the result, owned by the tree (valid until goal_tree_free()).
 */
const struct goal_result *goal_tree_assess(struct goal_tree *t, size_t g);

/** Whether goal @p g is valid in the tree's year. */
bool goal_tree_in_year(const struct goal_tree *t, size_t g);

/** The child goals of @p g (valid or not; indices, in tree order) in *out; returns how many. */
size_t goal_tree_children(const struct goal_tree *t, size_t g, const size_t **out);
/** The indicators linked to @p g (indices into inds, in order) in *out; returns how many. */
size_t goal_tree_indicators(const struct goal_tree *t, size_t g, const size_t **out);
/** The assessment of linked indicator @p i for the tree's period; owned by the tree. */
const struct indicator_assessment *goal_tree_indicator(const struct goal_tree *t, size_t i);

/* A child that took part in a goal's computed colour, for the explain object. */
struct goal_child {
	bool is_indicator;         /* false: a child goal */
	size_t index;              /* into goals, or into inds */
	bool has_color;            /* false: listed as not assessed, not counted */
	enum color color;
	enum goal_source source;   /* a child goal's: where its colour came from */
};

/**
 * Steps through the children that decided goal @p g's computed colour: its child goals valid
 * in the year, then its linked indicators.  Start with *cursor = 0.  Call after
 * goal_tree_assess(g); a goal computed as GOAL_RULE_TOO_DEEP has none.
 * @return false when there are no more (*out untouched).
 */
bool goal_tree_next_child(const struct goal_tree *t, size_t g, size_t *cursor,
			  struct goal_child *out);

/**
 * Whether goal @p g is a top node of the tree as /goals/tree shows it: in scope (valid in
 * the year and, when @p units is not NULL, owned by one of the @p nunits units, sorted
 * ascending) and its parent not in scope.
 */
bool goal_tree_is_top(const struct goal_tree *t, size_t g, const int64_t *units, size_t nunits);

#endif
