/*
 * Storage of the register of decisions not executed and its managed list of insatser.
 * See sql/0004-registers.sql.
 *
 * Single decisions and lists are read as the JSON the API shows; the reports read the
 * decisions as plain structs (folja/ivo.h) into a set that owns them.
 */
#ifndef FOLJA_DB_DECISIONS_H
#define FOLJA_DB_DECISIONS_H

#include <stddef.h>

#include "folja/db.h"
#include "folja/ivo.h"

/* One interruption as written; resumed_on NULL while not resumed. */
struct decision_interruption_in {
	const char *interrupted_on;
	const char *resumed_on;
};

/* A decision as written.  Strings borrowed; NULL when absent. */
struct decision_in {
	const char *reference;
	int64_t unit_id;
	const char *law;
	const char *inriktning;
	const char *insats;
	const char *decided_on;
	const char *gender;
	const char *executed_on;
	json_t *interruptions;        /* the list as given (borrowed); read into `pairs` */
	const char *interrupted_on;   /* the one-interruption shorthand of writes */
	const char *resumed_on;
	struct decision_interruption_in pairs[EVB_MAX_INTERRUPTIONS];  /* stored, in order */
	size_t n_pairs;
	const char *closed_on;
	const char *close_reason;
	const char *delay_reason;
	const char *measures;
};

/* Filters; NULL / DB_NULL for any.  unit_id takes the unit's whole subtree. */
struct decision_filter {
	int64_t unit_id;
	const char *from;        /* decided_on >= from */
	const char *to;          /* decided_on <= to */
	const char *insats;
	const char *law;
	const char *inriktning;
};

/** The decision @p id (new reference in *out). */
enum db_rc db_decisions_get(struct db *db, int64_t id, json_t **out);
/** One page of decisions matching @p f, by decided_on then id, appended to @p items. */
enum db_rc db_decisions_list(struct db *db, const struct decision_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total);

/* Decisions loaded for the reports; the set owns the decisions, their interruptions and
 * every string they point to. */
struct decision_set {
	struct ivo_decision *items;      /* by decided_on, then id */
	size_t n;
	struct evb_interruption *interruptions;  /* private: the items' interruptions, in runs */
	struct db_arena_block *text;     /* private: the strings of the items */
};

/**
 * Every decision matching @p f (no paging), with its dates, its interruptions, its codes and
 * its insats's name, for the reports.
 * @param out  receives a new set the caller frees with db_decisions_set_free(); NULL on
 *             failure.
 * @return DB_OK, DB_NOMEM when out of memory, or the storage error.
 */
enum db_rc db_decisions_load(struct db *db, const struct decision_filter *f,
			     struct decision_set **out);
/** Frees a set and its strings.  Accepts NULL. */
void db_decisions_set_free(struct decision_set *set);
/** Inserts; *id gets the new id. */
enum db_rc db_decisions_insert(struct db *db, const struct decision_in *in, int64_t *id);
/** Updates when the version is @p version (-1: any).  DB_STALE / DB_NOT_FOUND. */
enum db_rc db_decisions_update(struct db *db, int64_t id, int64_t version,
			       const struct decision_in *in);
/** Deletes when the version is @p version (-1: any). */
enum db_rc db_decisions_delete(struct db *db, int64_t id, int64_t version);

/** The insatser {code, name, law}, by law then code, appended to @p items. */
enum db_rc db_decisions_insatser(struct db *db, json_t *items);
/** The insats @p code (new reference in *out); DB_NOT_FOUND when unknown. */
enum db_rc db_decisions_insats_get(struct db *db, const char *code, json_t **out);
/** Adds an insats; DB_CONFLICT when the code exists. */
enum db_rc db_decisions_insats_insert(struct db *db, const char *code, const char *name,
				      const char *law);

#endif
