/*
 * Storage of indicators, their values per period and other municipalities' values of the same
 * KPI (peer values, as Kolada publishes them).  See sql/0003-goals.sql.
 *
 * The resource queries speak JSON, as the generic resource layer and the audit log pass them
 * through.  The computations load plain structs instead (folja/indicators.h): an indicator
 * with its series of values, the peer values of a KPI and year, and (for db_goals_load()) the
 * indicators linked to goals with their value of a period.  A loaded set owns its arrays and
 * every string they point to, and is released by one _free that accepts NULL.
 */
#ifndef FOLJA_DB_INDICATORS_H
#define FOLJA_DB_INDICATORS_H

#include <stddef.h>

#include "folja/db.h"
#include "folja/goals.h"
#include "folja/indicators.h"

struct db_arena_block;

/* An indicator as written.  Strings borrowed; DB_NULL / NAN for absent numbers. */
struct indicator_in {
	int64_t goal_id;
	int64_t unit_id;
	const char *name;
	const char *measure_unit;
	const char *direction;
	double target;
	double yellow_tolerance;
	int64_t decimals;
	const char *kolada_kpi;
	const char *source;
	int64_t sort;
	/* an indicator fed by a statistic (folja/db_statistics.h): its id, DB_NULL for none,
	 * and the dimension values it follows (a JSON object, borrowed; NULL for none) */
	int64_t statistic_id;
	json_t *dims;
};

/* List filters; DB_NULL / NULL for any. */
struct indicator_filter {
	int64_t goal_id;
	int64_t unit_id;
	const char *kolada_kpi;
};

/* A value as written.  NAN for a null value or target. */
struct indicator_value_in {
	const char *period;     /* canonical period string */
	int kind;               /* enum period_kind, for "the same kind" */
	int64_t sort_key;       /* orders periods in time */
	double value;
	const char *null_reason;
	double target;
	const char *comment;
};

/** The indicator @p id as JSON (new reference in *out). */
enum db_rc db_indicators_get(struct db *db, int64_t id, json_t **out);
/** One page of indicators matching @p f appended to @p items (borrowed); *total counts all. */
enum db_rc db_indicators_list(struct db *db, const struct indicator_filter *f, int64_t limit,
			      int64_t offset, json_t *items, int64_t *total);
/**
 * Every indicator linked to a goal, in order (sort, id), with its value, own target and null
 * reason of @p period (has_value false when none is stored), as a new array in *out (*n
 * entries; the caller frees it) whose strings are copied into the arena *@p text (the caller
 * frees it with the set it belongs to).  On failure *out is NULL and *n 0.  For
 * db_goals_load().
 */
enum db_rc db_indicators_load_linked(struct db *db, const char *period,
				     struct goal_indicator **out, size_t *n,
				     struct db_arena_block **text);
/** Inserts; *id gets the new id.  DB_CONFLICT for an unknown goal or unit. */
enum db_rc db_indicators_insert(struct db *db, const struct indicator_in *in, int64_t *id);
/** Updates @p id at @p version (-1: any).  DB_STALE / DB_NOT_FOUND / DB_CONFLICT. */
enum db_rc db_indicators_update(struct db *db, int64_t id, int64_t version,
				const struct indicator_in *in);
/** Deletes @p id at @p version (-1: any); DB_CONFLICT while it has values. */
enum db_rc db_indicators_delete(struct db *db, int64_t id, int64_t version);

/* An indicator with every stored value, as plain structs.  Owns the array and the strings. */
struct indicator_series {
	struct indicator ind;
	struct indicator_value *values;  /* in time order (period end, then kind) */
	size_t nvalues;
	struct db_arena_block *text;     /* the strings of ind and values */
};

/**
 * Loads indicator @p id and its values into @p out (the caller's struct, which this
 * overwrites).  DB_NOT_FOUND when there is no such indicator; on any failure @p out is left
 * empty.  Either way, db_indicator_series_free() it.
 */
enum db_rc db_indicators_load(struct db *db, int64_t id, struct indicator_series *out);
/** Frees what db_indicators_load() filled and leaves @p s empty.  Accepts NULL. */
void db_indicator_series_free(struct indicator_series *s);

/** The stored value of @p period as JSON {period, kind, value, null_reason, target, comment,
 *  updated_at} (new reference in *out), for the audit log; DB_NOT_FOUND when there is none. */
enum db_rc db_indicators_value_get(struct db *db, int64_t id, const char *period, json_t **out);
/** Stores (inserts or replaces) one value; *created tells which. */
enum db_rc db_indicators_put_value(struct db *db, int64_t id, const struct indicator_value_in *in,
				   bool *created);
/** Deletes the value of @p period; DB_NOT_FOUND when there is none. */
enum db_rc db_indicators_delete_value(struct db *db, int64_t id, const char *period);

/** Stores the peer value of @p kpi, @p year, @p municipality (NAN for a null value). */
enum db_rc db_peers_put(struct db *db, const char *kpi, int64_t year, const char *municipality,
			double value);
/** The stored peer value of @p kpi, @p year, @p municipality: {kpi, year, municipality, value}
 *  (new reference in *out); DB_NOT_FOUND when there is none. */
enum db_rc db_peers_get(struct db *db, const char *kpi, int64_t year, const char *municipality,
			json_t **out);
/** The peer values of @p kpi and @p year: [{municipality, value}], ordered by municipality. */
enum db_rc db_peers_list(struct db *db, const char *kpi, int64_t year, json_t *items);

/* The peer values of one KPI and year, as plain structs.  Owns the array and the strings. */
struct peer_set {
	struct peer_value *peers;        /* ordered by municipality */
	size_t n;
	struct db_arena_block *text;
};

/** Loads the peer values of @p kpi and @p year into @p out (the caller's struct, which this
 *  overwrites; empty on failure).  Either way, db_peer_set_free() it. */
enum db_rc db_peers_load(struct db *db, const char *kpi, int64_t year, struct peer_set *out);
/** Frees what db_peers_load() filled and leaves @p s empty.  Accepts NULL. */
void db_peer_set_free(struct peer_set *s);

#endif
