/*
 * Storage of the goal tree and its manual assessments.  See sql/0003-goals.sql.
 *
 * The resource queries (get, list, insert, update, delete, assessments) speak JSON, as the
 * generic resource layer passes them through.  The computations load plain structs instead:
 * db_goals_load() gives the whole tree of one period, with each goal's manual assessment and
 * each linked indicator's value for the period, for folja/goals.h to compute on.
 */
#ifndef FOLJA_DB_GOALS_H
#define FOLJA_DB_GOALS_H

#include <stddef.h>

#include "folja/db.h"
#include "folja/goals.h"

struct db_arena_block;

/* A goal as written.  Strings are borrowed; DB_NULL for absent integers. */
struct goal_in {
	int64_t parent_id;
	const char *level;
	const char *title;
	const char *description;
	int64_t unit_id;
	int64_t year_from;
	int64_t year_to;
	int64_t target_share;
	int64_t yellow_share;
	const char *agenda2030;   /* JSON array text, e.g. "[3,5]" */
	int64_t sort;
};

/* List filters; DB_NULL / NULL for any.  parent_id 0 means roots only. */
struct goal_filter {
	int64_t parent_id;
	const char *level;
	int64_t unit_id;
	int64_t year;             /* goals valid in that year */
};

/* A manual assessment as written. */
struct goal_assessment_in {
	const char *period;
	const char *status;
	const char *color;        /* NULL: derived from the status by the caller */
	const char *comment;
};

/** The goal @p id as JSON (new reference in *out). */
enum db_rc db_goals_get(struct db *db, int64_t id, json_t **out);
/** One page of goals matching @p f appended to @p items (borrowed); *total counts all matches. */
enum db_rc db_goals_list(struct db *db, const struct goal_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total);

/* The goal tree of one period as plain structs.  The set owns its arrays and every string
 * they point to; db_goal_set_free() releases them all. */
struct goal_set {
	struct goal *goals;             /* every goal, in tree order (sort, id), each with its
					   latest manual assessment for the period */
	size_t ngoals;
	struct goal_indicator *inds;    /* every indicator linked to a goal, in order (sort, id),
					   with its value of the period */
	size_t ninds;
	struct db_arena_block *text;    /* the strings of both arrays */
};

/**
 * Loads every goal (whatever its validity years: they are the caller's to apply) with its
 * latest manual assessment for @p period, and every indicator linked to a goal with its
 * value, own target and null reason for @p period, into @p out (the caller's struct, which
 * this overwrites).  On failure (DB_NOMEM when memory ran out, DB_ERROR, DB_BUSY) @p out is
 * left empty.  Either way, db_goal_set_free() it.
 */
enum db_rc db_goals_load(struct db *db, const char *period, struct goal_set *out);
/** Frees what db_goals_load() filled and leaves @p s empty.  Accepts NULL and an empty set. */
void db_goal_set_free(struct goal_set *s);
/** Inserts; *id gets the new id.  DB_CONFLICT for an unknown unit or parent. */
enum db_rc db_goals_insert(struct db *db, const struct goal_in *in, int64_t *id);
/** Updates @p id at @p version (-1: any).  DB_STALE / DB_NOT_FOUND / DB_CONFLICT. */
enum db_rc db_goals_update(struct db *db, int64_t id, int64_t version, const struct goal_in *in);
/** Deletes @p id at @p version (-1: any); DB_CONFLICT while children, indicators or
 *  assessments reference it. */
enum db_rc db_goals_delete(struct db *db, int64_t id, int64_t version);
/* A goal plan has a handful of levels (målområde, strategiskt mål, nämndmål, enhetsmål, with
 * kvalitetsmål and uppdrag below): a write that would put a goal more than GOALS_MAX_DEPTH
 * levels below its top goal is refused (422). */
#define GOALS_MAX_DEPTH 12

/** The number of ancestors of goal @p id in *depth (counting stops at 1000) and, when
 *  @p height is not NULL, the number of levels below it (counting stops at 64). */
enum db_rc db_goals_depth(struct db *db, int64_t id, int64_t *depth, int64_t *height);
/** True in *out when @p ancestor is @p id or one of its ancestors. */
enum db_rc db_goals_is_ancestor(struct db *db, int64_t ancestor, int64_t id, bool *out);

/** Appends a manual assessment of @p goal_id by @p actor; *out gets it as JSON (a new
 *  reference the caller owns). */
enum db_rc db_goals_assess(struct db *db, int64_t goal_id, const struct goal_assessment_in *in,
			   const char *actor, json_t **out);
/** The assessment history of @p goal_id (newest first), for @p period or all (NULL). */
enum db_rc db_goals_assessments(struct db *db, int64_t goal_id, const char *period,
				json_t *items);

#endif
