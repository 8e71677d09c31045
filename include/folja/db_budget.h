/*
 * Storage of the budget: the lines, their bulk import, the budget settings and what the
 * rollups read.
 *
 * The lines are the facts (src/db/budget_lines.c).  The aggregates of sql/0002-budget.sql sum
 * them per unit (and per unit × activity, unit × account) × year × month × measure, kept by
 * triggers on each single write and by one upsert per key on a bulk import
 * (src/db/budget_import.c), always inside the writing transaction.  Rollups read only the
 * aggregates, with the unit subtree and the budget settings (src/db/budget_rollup.c), so their
 * cost follows the number of units × months, not the number of lines.
 */
#ifndef FOLJA_DB_BUDGET_H
#define FOLJA_DB_BUDGET_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/budget_settings.h"
#include "folja/db.h"
#include "folja/rollup.h"

/* ---- lines, one at a time (budget_lines.c) --------------------------------------------- */

/* A line as written; strings are borrowed.  month is DB_NULL for an annual budget. */
struct budget_line_in {
	int64_t unit_id;
	const char *activity;     /* NULL when none */
	const char *account;      /* NULL when none */
	int64_t year;
	int64_t month;            /* 1..12 or DB_NULL */
	const char *measure;      /* "budget", "outcome", "forecast" */
	int64_t amount_kr;
};

/* List filters; DB_NULL / NULL for "any". */
struct budget_filter {
	int64_t unit_id;
	int64_t year;
	int64_t month;
	const char *measure;
	const char *activity;
	const char *account;
};

/** The line @p id as the API shows it; *out a new reference.  DB_NOT_FOUND when absent. */
enum db_rc db_budget_get(struct db *db, int64_t id, json_t **out);
/** Lines matching @p f by id, appended to @p items (borrowed); *total the full count. */
enum db_rc db_budget_list(struct db *db, const struct budget_filter *f, int64_t limit,
			  int64_t offset, json_t *items, int64_t *total);
/** Inserts a line; *id gets its id.  DB_CONFLICT when the unit does not exist. */
enum db_rc db_budget_insert(struct db *db, const struct budget_line_in *in, int64_t *id);
/** Replaces line @p id; DB_STALE when @p version (≥ 0) is not the stored one. */
enum db_rc db_budget_update(struct db *db, int64_t id, int64_t version,
			    const struct budget_line_in *in);
/** Deletes line @p id; DB_STALE as for update. */
enum db_rc db_budget_delete(struct db *db, int64_t id, int64_t version);

/* ---- bulk import (budget_import.c) ----------------------------------------------------- */

/**
 * Inserts @p n lines (borrowed) inside the caller's transaction and brings the aggregates up
 * to date with one upsert per distinct aggregate key (summed in memory), instead of one
 * trigger upsert per line.  DB_INVALID when a key's sum, in the import or added to what the
 * aggregate holds, leaves ±MONEY_MAX_KR; DB_ERROR when memory runs out.  The caller's
 * transaction then rolls back.
 */
enum db_rc db_budget_import(struct db *db, const struct budget_line_in *rows, size_t n);

/** Calls @p fn for every unit (id and code), for validating imports.  @p code is borrowed
 *  for the call only (copy it to keep it) and may be NULL (on allocation failure). */
enum db_rc db_budget_units(struct db *db, void (*fn)(void *ctx, int64_t id, const char *code),
			   void *ctx);

/* ---- budget settings and rollup input (budget_rollup.c) -------------------------------- */

/** The settings of unit @p unit_id: {unit_id, profile, yellow_bp, version}; DB_NOT_FOUND when
 *  the unit has none of its own.  On DB_OK *out is a new reference the caller decrefs. */
enum db_rc db_budget_settings_get(struct db *db, int64_t unit_id, json_t **out);
/** Creates or replaces unit @p unit_id's settings; @p profile_json (borrowed) is a JSON array
 *  text of twelve weights or NULL for linear.  DB_STALE when @p version (≥ 0) does not match. */
enum db_rc db_budget_settings_put(struct db *db, int64_t unit_id, int64_t version,
				  const char *profile_json, int64_t yellow_bp);
/**
 * The own settings of @p unit_id's ancestors that have settings, nearest first (the unit
 * itself not included): the line budget_settings_effective() folds into what the unit
 * inherits.  On DB_OK *out (caller frees with free(); NULL when *n is 0) holds *n links;
 * otherwise *out is NULL.  DB_ERROR also when memory runs out.
 */
enum db_rc db_budget_settings_ancestors(struct db *db, int64_t unit_id,
					struct budget_settings_link **out, size_t *n);

/* Everything a rollup needs, owned by the struct (freed by db_budget_rollup_data_free). */
struct rollup_data {
	struct rollup_input in;   /* the rollup's input, pointing into the arrays below */
	struct rollup_unit *units;
	size_t nunits;
	struct rollup_fact *facts;
	size_t nfacts;
	struct budget_settings_link *ancestors; /* the root's that have settings, nearest first */
	size_t nancestors;
	char **strings;           /* every string the units, facts and lines point into */
	size_t nstrings;
	struct rollup_line *lines; /* the lines behind the facts, when at most */
	size_t nlines;             /* DB_BUDGET_MAX_SOURCE_LINES; else none */
	bool lines_loaded;
};

/* Rollups load the ids of their source lines when there are at most this many. */
#define DB_BUDGET_MAX_SOURCE_LINES 200

/**
 * Loads the subtree of @p unit_id (parents first) with each unit's own settings, the settings
 * of its ancestors, and the aggregated facts of @p year and the year before, per unit
 * (RG_UNIT) or per unit × activity/account.  On DB_OK out->in is ready for rollup_build().
 * DB_NOT_FOUND when the unit does not exist; DB_ERROR also when memory runs out.  On failure
 * nothing is left to free.
 */
enum db_rc db_budget_rollup_load(struct db *db, int64_t unit_id, int year, enum rollup_group g,
				 struct rollup_data *out);
/** Frees what db_budget_rollup_load() allocated.  Accepts a zeroed struct. */
void db_budget_rollup_data_free(struct rollup_data *d);

#endif
