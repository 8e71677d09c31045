/*
 * Storage of statistics and their facts (sql/0008-statistics.sql).
 *
 * The resource queries speak JSON, as the generic resource layer and the audit log pass them
 * through (src/db/statistics.c).  The computations load plain structs instead
 * (folja/statistics.h): a statistic's definition, and for a table the unit subtree with the
 * facts that cover the ranges it asks for and each unit's monthly facts summed in SQL, so a
 * table reads one bundle per unit, year and breakdown rather than every monthly fact
 * (src/db/statistics_load.c).  Bulk imports are staged as they arrive, then inserted in the
 * order of the facts' clustering key in the caller's transaction, naming the rows that are
 * already stored (src/db/statistics_import.c).  A loaded set owns its arrays and every
 * string they point to and is released by one _free that accepts NULL.
 */
#ifndef FOLJA_DB_STATISTICS_H
#define FOLJA_DB_STATISTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"
#include "folja/period.h"
#include "folja/statistics.h"

struct db_arena_block;

/* ---- statistics, one at a time (statistics.c) ------------------------------------------ */

/* A statistic as written.  Strings and JSON borrowed; DB_NULL for absent integers. */
struct statistic_in {
	const char *code;
	const char *name;
	const char *description;
	const char *measure_unit;   /* "count", "percent", ... */
	const char *aggregate;      /* "sum", "ratio", "distinct" */
	json_t *dimensions;         /* an array the API has checked; NULL for none */
	int64_t decimals;           /* DB_NULL: 0 */
	int64_t min_population;
	const char *kolada_kpi;
	const char *source;
};

/** The statistic @p id as JSON (new reference in *out); DB_NOT_FOUND when absent. */
enum db_rc db_statistics_get(struct db *db, int64_t id, json_t **out);
/** One page of statistics by id appended to @p items (borrowed); *total counts all. */
enum db_rc db_statistics_list(struct db *db, int64_t limit, int64_t offset, json_t *items,
			      int64_t *total);
/** Inserts; *id gets the new id.  DB_CONFLICT for a duplicate code; DB_NOMEM when the
 *  dimensions cannot be written out. */
enum db_rc db_statistics_insert(struct db *db, const struct statistic_in *in, int64_t *id);
/** Updates @p id at @p version (-1: any).  DB_STALE / DB_NOT_FOUND / DB_CONFLICT. */
enum db_rc db_statistics_update(struct db *db, int64_t id, int64_t version,
				const struct statistic_in *in);
/** Deletes @p id at @p version (-1: any); DB_CONFLICT while facts or indicators use it. */
enum db_rc db_statistics_delete(struct db *db, int64_t id, int64_t version);
/** True in *out when statistic @p id has at least one fact. */
enum db_rc db_statistics_has_facts(struct db *db, int64_t id, bool *out);

/* A statistic's definition, as plain structs.  Owns the strings. */
struct statistic_set {
	struct statistic def;
	struct db_arena_block *text;
};

/** Loads statistic @p id into @p out (the caller's struct, which this overwrites).
 *  DB_NOT_FOUND when there is none.  Either way, db_statistic_set_free() it. */
enum db_rc db_statistics_load(struct db *db, int64_t id, struct statistic_set *out);
/** Frees what db_statistics_load() filled and leaves @p s empty.  Accepts NULL. */
void db_statistic_set_free(struct statistic_set *s);

/* ---- facts, one at a time (statistics.c) ----------------------------------------------- */

/* A fact as written, its dimension values resolved to positions.  Strings borrowed. */
struct statistic_fact_in {
	int64_t statistic_id;
	int64_t unit_id;
	struct period period;
	uint8_t dims[STAT_MAX_DIMS];   /* 1-based positions; 0: the total over the dimension */
	enum stat_form form;
	double value;                  /* value, given and share; NAN otherwise */
	double numerator, denominator; /* ratio; NAN otherwise */
	int64_t population;            /* DB_NULL when not given */
	const char *null_reason;       /* form null only */
	const char *note;
	bool synthetic;                /* made up to reproduce a published figure */
};

/* List filters; DB_NULL / a zero period for any. */
struct statistic_fact_filter {
	int64_t statistic_id;
	int64_t unit_id;               /* the unit and its subtree */
	int64_t year;
	const struct period *period;   /* NULL: any */
};

/** The fact @p id as JSON (new reference in *out); DB_NOT_FOUND when absent. */
enum db_rc db_statistic_facts_get(struct db *db, int64_t id, json_t **out);
/** One page of facts matching @p f, by id, appended to @p items (borrowed); *total all. */
enum db_rc db_statistic_facts_list(struct db *db, const struct statistic_fact_filter *f,
				   int64_t limit, int64_t offset, json_t *items, int64_t *total);
/** Inserts fact @p in of statistic @p def; *id gets its id.  DB_CONFLICT when a fact of the
 *  same unit, period and dimension values exists (or the unit does not). */
enum db_rc db_statistic_facts_insert(struct db *db, const struct statistic *def,
				     const struct statistic_fact_in *in, int64_t *id);
/** Replaces fact @p id at @p version (-1: any).  DB_STALE / DB_NOT_FOUND / DB_CONFLICT. */
enum db_rc db_statistic_facts_update(struct db *db, const struct statistic *def, int64_t id,
				     int64_t version, const struct statistic_fact_in *in);
/** Deletes fact @p id at @p version (-1: any). */
enum db_rc db_statistic_facts_delete(struct db *db, int64_t id, int64_t version);

/* ---- bulk import, staged (statistics_import.c) ------------------------------------------ */

/* One imported fact; the statistic is the import's.  Strings borrowed. */
struct statistic_row {
	int64_t unit_id;
	struct period period;
	uint8_t dims[STAT_MAX_DIMS];
	uint8_t form;                  /* enum stat_form */
	bool synthetic;
	uint32_t row;                  /* the row of the file, for its errors (1-based) */
	double value, numerator, denominator;  /* NAN when absent */
	int64_t population;            /* DB_NULL when not given */
	const char *null_reason;
	const char *note;
};

/*
 * An import's rows are staged one by one as its body arrives, outside the main database and
 * outside memory (spool files of the upload's own; memory keeps 24 bytes a row to sort them
 * by), and judged and stored at its end, read back in the facts' clustering order.  Between
 * two pieces of the body the connection serves other requests, so the caller ends each piece
 * with db_statistic_stage_flush() before it returns.
 */
struct db_statistic_stage;

/* The most facts one import stages by default: memory keeps 24 bytes a row to sort them by
 * (and as many again while it sorts them), so this bounds it (96 MB, 192 MB for the sort)
 * whatever --max-import-body lets in; a larger load is split into
 * several imports (of a year, or of a part of the units, each). */
#define STAT_IMPORT_MAX_ROWS 4000000
/** The most facts one import stages: STAT_IMPORT_MAX_ROWS until set otherwise (tests lower
 *  it). */
size_t db_statistic_stage_max_rows(void);
void db_statistic_stage_set_max_rows(size_t rows);

/** Opens the staging of one import into statistic @p def (borrowed for the stage's life) on
 *  @p db, this thread's connection: every later call on the stage must come on it.  On DB_OK
 *  *out is the stage, which the caller frees with db_statistic_stage_free(); otherwise *out
 *  is NULL. */
enum db_rc db_statistic_stage_open(struct db *db, const struct statistic *def,
				   struct db_statistic_stage **out);
/** Stages row @p r (borrowed for the call), with errors or without: every row read takes
 *  part in the search for twins.  DB_INVALID past the import's most rows. */
enum db_rc db_statistic_stage_add(struct db_statistic_stage *s, const struct statistic_row *r);
/** Ends a piece of the body: what was staged since the last flush counts as staged. */
enum db_rc db_statistic_stage_flush(struct db_statistic_stage *s);
/** Calls @p twin for each staged row that is the same fact (unit, period, dimension values)
 *  as the row before it in clustering order, with that row's number, in that order.  The row
 *  is borrowed for the call.  The first read of the rows, outside any transaction of the main
 *  database, once, after every row was staged: it sorts them for this and the calls below. */
enum db_rc db_statistic_stage_twins(struct db_statistic_stage *s,
				    void (*twin)(void *ctx, const struct statistic_row *r,
						 uint32_t first_row),
				    void *ctx);
/** Calls @p stored for each staged row whose fact is stored already, in clustering order,
 *  writing nothing (a dry run's check).  After db_statistic_stage_twins(). */
enum db_rc db_statistic_stage_find_stored(struct db_statistic_stage *s,
					  void (*stored)(void *ctx, const struct statistic_row *r),
					  void *ctx);
/**
 * Inserts the staged rows (all valid, the stage flushed) as facts of the stage's statistic
 * inside the caller's transaction on @p db (the stage's connection), in clustering order.
 * When a fact is stored already nothing is inserted and @p stored is called for each such
 * row; the caller then rolls back.  After db_statistic_stage_twins().  DB_CONFLICT when the
 * statistic or a row's unit has gone since the upload began: it checks them itself, so the
 * caller's transaction may be a db_write_bulk().
 */
enum db_rc db_statistic_stage_commit(struct db *db, struct db_statistic_stage *s,
				     void (*stored)(void *ctx, const struct statistic_row *r),
				     void *ctx);
/** Drops what @p s staged and frees it.  Accepts NULL. */
void db_statistic_stage_free(struct db_statistic_stage *s);


/* ---- what a table reads (statistics_load.c) --------------------------------------------- */

/* The input of a table: the unit subtree and the parts of its facts.  Owns everything. */
struct statistic_table_input {
	int64_t *unit_ids;             /* pre-order; [0] the unit asked */
	size_t *parents;
	struct stat_units units;       /* points into the two arrays above */
	struct stat_part *parts;
	size_t nparts;
	struct db_arena_block *text;   /* the null reasons */
};

/**
 * Loads what question @p q of statistic @p def needs at unit @p unit_id into @p out (the
 * caller's struct, overwritten): the subtree, the facts of the asked and compared year that
 * cover the range (or, with by=month, a month of it) exactly, and each unit's monthly facts of
 * the range summed per breakdown.  Only the breakdown of the rows and of the total are read.
 * DB_NOT_FOUND when the unit does not exist.  Either way, db_statistic_table_input_free() it.
 */
enum db_rc db_statistics_table_load(struct db *db, const struct statistic *def,
				    int64_t unit_id, const struct stat_question *q,
				    struct statistic_table_input *out);
/** Frees what db_statistics_table_load() filled and leaves @p in empty.  Accepts NULL. */
void db_statistic_table_input_free(struct statistic_table_input *in);

/** The years holding facts of statistic @p id in the subtree of @p unit_id with exactly the
 *  dimensions of @p mask given (or of @p mask2), ascending, into @p years (at most @p cap);
 *  *n gets how many. */
enum db_rc db_statistics_years(struct db *db, int64_t id, int64_t unit_id, unsigned mask,
			       unsigned mask2, int *years, size_t cap, size_t *n);

/** The distinct periods of the facts of statistic @p id in the subtree of @p unit_id with
 *  exactly the dimension values @p dims (0: total), in time order: *out a new array of *n
 *  (the caller frees it; NULL when none).  For indicators fed by a statistic. */
enum db_rc db_statistics_periods(struct db *db, int64_t id, int64_t unit_id,
				 const uint8_t dims[STAT_MAX_DIMS], struct period **out,
				 size_t *n);

/** The statistic and dimension filter indicator @p indicator_id takes its values from:
 *  *statistic_id (DB_NULL when none) and the filter's JSON text copied into @p dims
 *  (@p cap bytes; "" when none).  DB_NOT_FOUND when there is no such indicator. */
enum db_rc db_statistics_indicator_link(struct db *db, int64_t indicator_id,
					int64_t *statistic_id, char *dims, size_t cap);

#endif
