/*
 * Storage of the budget: the lines, their bulk import, the budget settings, the code lists
 * that name activities and accounts, the budget frame, and what the rollups read.
 *
 * The lines are the facts (src/db/budget_lines.c).  The aggregates of sql/0002-budget.sql and
 * sql/0009-economy.sql sum them, the operating ledger (drift) per unit (and per unit ×
 * activity, unit × account) × year × month × measure, its forecasts per unit × activity ×
 * account × month, and investments per unit × project × month × measure; a budget change is
 * kept apart from the original budget as the measure "budget_change".  Triggers keep them on
 * each single write and one upsert per key does on a bulk import (src/db/budget_import.c),
 * always inside the writing transaction; an import is staged as it arrives and stored at
 * its end.  Rollups read only the aggregates, with the unit
 * subtree, the budget settings and the code list (src/db/budget_rollup.c), so their cost
 * follows the number of units × codes × months, not the number of lines.
 */
#ifndef FOLJA_DB_BUDGET_H
#define FOLJA_DB_BUDGET_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/budget_settings.h"
#include "folja/db.h"
#include "folja/economy.h"
#include "folja/rollup.h"

struct db_arena_block;

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
	const char *ledger;       /* "drift" or "investering"; NULL: drift */
	const char *project;      /* NULL when none */
	const char *budget_kind;  /* "original" or "change"; NULL: original */
	const char *decided_on;   /* YYYY-MM-DD or NULL */
	const char *decision_ref; /* NULL when none */
};

/* List filters; DB_NULL / NULL for "any". */
struct budget_filter {
	int64_t unit_id;
	int64_t year;
	int64_t month;
	const char *measure;
	const char *activity;
	const char *account;
	const char *ledger;
	const char *project;
	const char *budget_kind;
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

/* ---- bulk import, staged (budget_import.c) ---------------------------------------------- */

/*
 * An import's lines are staged one by one as its body arrives, outside the main database and
 * outside memory (a private temporary file, unlinked, packed), and stored at its end in one
 * transaction.  Between two pieces of the body the connection serves other requests, so
 * the caller ends each piece with db_budget_stage_flush() before it returns.  The stage also
 * sums the lines per aggregate key, in memory that follows the number of keys.
 */
struct db_budget_stage;

/**
 * Opens the staging of one import on @p db, this thread's connection: every later call on
 * the stage must come on it.  On DB_OK *out is the stage, which the caller frees with
 * db_budget_stage_free(); otherwise *out is NULL (DB_NOMEM, or DB_IO when the staging file
 * could not be made).
 */
enum db_rc db_budget_stage_open(struct db *db, struct db_budget_stage **out);
/**
 * Stages line @p l (borrowed for the call) and adds it to the sums of its aggregate keys.
 * @p l must be checked by the rules of a single write (year, month, measure, amount, ledger,
 * budget kind, an annual line a budget, its texts under 64 KiB): the table's CHECK constraints
 * repeat them, and the store skips them.  DB_INVALID when a key's sum leaves ±MONEY_MAX_KR
 * (then every later call is DB_INVALID too: the import cannot be stored), DB_NOMEM when out of
 * memory, else the staging file's failure (DB_FULL when the disk is full).
 */
enum db_rc db_budget_stage_add(struct db_budget_stage *s, const struct budget_line_in *l);
/** Writes out what was staged since the last flush (the end of a piece of the body). */
enum db_rc db_budget_stage_flush(struct db_budget_stage *s);
/**
 * Calls @p fn(@p ctx, n, unit_id, year, month) for each staged line in the order staged (the
 * stage flushed), n counting from 1 (an import without errors stages every row, so n is its
 * row), month DB_NULL for an annual line, until @p fn returns other than DB_OK: then that.
 */
enum db_rc db_budget_stage_each(struct db_budget_stage *s,
				enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
						 int64_t year, int64_t month),
				void *ctx);
/**
 * Inside the caller's transaction on @p db (the stage's connection; the stage flushed): copies
 * the staged lines into budget_lines and brings the aggregates up to date with one upsert per
 * aggregate key instead of one trigger upsert per line.  Once per stage.  DB_INVALID when a
 * key's sum, in the import or added to what the aggregate holds, leaves ±MONEY_MAX_KR; the
 * caller's transaction then rolls back.
 */
enum db_rc db_budget_stage_commit(struct db *db, struct db_budget_stage *s);
/** Drops what @p s staged and frees it.  Accepts NULL. */
void db_budget_stage_free(struct db_budget_stage *s);


/* ---- budget settings and rollup input (budget_rollup.c) -------------------------------- */

/** The settings of unit @p unit_id: {unit_id, profile, yellow_bp, version, basis}; DB_NOT_FOUND when
 *  the unit has none of its own.  On DB_OK *out is a new reference the caller decrefs. */
enum db_rc db_budget_settings_get(struct db *db, int64_t unit_id, json_t **out);
/** Creates or replaces unit @p unit_id's settings; @p profile_json (borrowed) is a JSON array
 *  text of twelve weights or NULL for linear, @p basis "outcome", "forecast" or NULL (the
 *  parent's).  DB_STALE when @p version (≥ 0) does not match. */
enum db_rc db_budget_settings_put(struct db *db, int64_t unit_id, int64_t version,
				  const char *profile_json, int64_t yellow_bp, const char *basis);
/**
 * The own settings of @p unit_id's ancestors that have settings, nearest first (the unit
 * itself not included): the line budget_settings_effective() folds into what the unit
 * inherits.  On DB_OK *out (caller frees with free(); NULL when *n is 0) holds *n links;
 * otherwise *out is NULL.  DB_ERROR also when memory runs out.
 */
enum db_rc db_budget_settings_ancestors(struct db *db, int64_t unit_id,
					struct budget_settings_link **out, size_t *n);

/* A code list loaded as plain entries, owning its strings. */
struct budget_code_set {
	struct budget_code *codes;
	size_t n;
	struct db_arena_block *arena;
};
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
	struct budget_code_set codes; /* the code list of the grouping's keys, when it has one */
};

/* Rollups load the ids of their source lines when there are at most this many. */
#define DB_BUDGET_MAX_SOURCE_LINES 200

/* What a rollup loads. */
struct budget_rollup_ask {
	int64_t unit_id;
	int year;
	int last_month;           /* the period's: later forecasts are not loaded */
	enum rollup_group group;
	enum rollup_ledger ledger;
};

/**
 * Loads the subtree of @p a->unit_id (parents first) with each unit's own settings, the
 * settings of its ancestors, and the aggregated facts of @p a->ledger for the year and the
 * year before, per unit (RG_UNIT) or per unit × activity/account/project, with this year's
 * forecasts up to the period's last month per ledger cell, and the code list naming the keys (activities or accounts).  On
 * DB_OK out->in is ready for rollup_build().  DB_NOT_FOUND when the unit does not exist;
 * DB_ERROR also when memory runs out.  On failure nothing is left to free.
 */
enum db_rc db_budget_rollup_load(struct db *db, const struct budget_rollup_ask *a,
				 struct rollup_data *out);
/** Frees what db_budget_rollup_load() allocated.  Accepts a zeroed struct. */
void db_budget_rollup_data_free(struct rollup_data *d);

/* ---- the budget frame (budget_frame.c) ------------------------------------------------- */

/**
 * Calls @p fn with every budget line of @p ledger ("drift" or "investering") of the subtree of
 * @p unit_id in @p year, original and change alike, ordered by kind, date, reference and id;
 * the line's strings are borrowed for the call only.  @p fn returns false to stop (the result
 * is then DB_INVALID).
 */
enum db_rc db_budget_frame_lines(struct db *db, int64_t unit_id, int year, const char *ledger,
				 bool (*fn)(void *ctx, const struct frame_line *l), void *ctx);

/* ---- code lists: activities and accounts (budget_codes.c) ------------------------------ */

/* An entry as written; strings borrowed. */
struct budget_code_in {
	const char *code;
	const char *name;
	const char *parent;       /* accounts only; NULL at the top */
	const char *kind;         /* accounts only: "account", "group", "varav"; NULL: account */
	int64_t sort;             /* DB_NULL: 0 */
};

/* Which list: the two share their storage functions. */
enum budget_code_list { BUDGET_CODES_ACTIVITIES, BUDGET_CODES_ACCOUNTS };

/** Entry @p id as the API shows it; *out a new reference.  DB_NOT_FOUND when absent. */
enum db_rc db_budget_codes_get(struct db *db, enum budget_code_list l, int64_t id, json_t **out);
/** One page of the list by sort and code, appended to @p items (borrowed); *total the whole
 *  count. */
enum db_rc db_budget_codes_list(struct db *db, enum budget_code_list l, int64_t limit,
				int64_t offset, json_t *items, int64_t *total);
/** Inserts an entry; *id gets its id.  DB_CONFLICT when the code is taken or the parent
 *  names no account. */
enum db_rc db_budget_codes_insert(struct db *db, enum budget_code_list l,
				  const struct budget_code_in *in, int64_t *id);
/** Replaces entry @p id; DB_STALE when @p version (≥ 0) is not the stored one.  An account's
 *  new code follows into its children's parent. */
enum db_rc db_budget_codes_update(struct db *db, enum budget_code_list l, int64_t id,
				  int64_t version, const struct budget_code_in *in);
/** Deletes entry @p id; DB_CONFLICT while accounts name it as their parent. */
enum db_rc db_budget_codes_delete(struct db *db, enum budget_code_list l, int64_t id,
				  int64_t version);

/** Loads list @p l whole into @p out (freed with db_budget_code_set_free()).  DB_NOMEM when
 *  out of memory. */
enum db_rc db_budget_code_set_load(struct db *db, enum budget_code_list l,
				   struct budget_code_set *out);
/** Frees a loaded list.  Accepts NULL. */
void db_budget_code_set_free(struct budget_code_set *s);

#endif
