/*
 * Storage of the lex Sarah register and its managed list of categories.
 * See sql/0004-registers.sql.
 *
 * Single reports and lists are read as the JSON the API shows; the summary reads the reports
 * as plain structs (folja/lex_sarah_stats.h) into a set that owns them.
 */
#ifndef FOLJA_DB_LEX_SARAH_H
#define FOLJA_DB_LEX_SARAH_H

#include <stddef.h>

#include "folja/db.h"
#include "folja/lex_sarah_stats.h"

/* A report as written.  Strings borrowed; NULL when absent. */
struct lex_sarah_in {
	const char *reference;
	int64_t unit_id;
	const char *law;
	const char *reported_on;
	const char *occurred_on;
	const char *category;
	const char *summary;
	const char *status;
	const char *investigation_done_on;
	const char *outcome;
	const char *ivo_notified_on;
	const char *measures;
};

/* Filters; NULL / DB_NULL for any.  unit_id takes the unit's whole subtree. */
struct lex_sarah_filter {
	int64_t unit_id;
	const char *from;        /* reported_on >= from */
	const char *to;          /* reported_on <= to */
	const char *category;
	const char *status;
	const char *outcome;
};

/** The report @p id (new reference in *out). */
enum db_rc db_lex_sarah_get(struct db *db, int64_t id, json_t **out);
/** One page of reports matching @p f, ordered by reported_on then id, appended to @p items. */
enum db_rc db_lex_sarah_list(struct db *db, const struct lex_sarah_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total);

/* Reports loaded for the summary; the set owns the reports and every string they point to. */
struct lex_sarah_set {
	struct ls_report *items;         /* by reported_on, then id */
	size_t n;
	struct db_arena_block *text;     /* private: the strings of the items */
};

/**
 * Every report matching @p f (no paging), with its unit's code and name and its category's
 * code and name, for the summary.
 * @param out  receives a new set the caller frees with db_lex_sarah_set_free(); NULL on
 *             failure.
 * @return DB_OK, DB_NOMEM when out of memory, or the storage error.
 */
enum db_rc db_lex_sarah_load(struct db *db, const struct lex_sarah_filter *f,
			     struct lex_sarah_set **out);
/** Frees a set and its strings.  Accepts NULL. */
void db_lex_sarah_set_free(struct lex_sarah_set *set);
/** Inserts; *id gets the new id. */
enum db_rc db_lex_sarah_insert(struct db *db, const struct lex_sarah_in *in, int64_t *id);
/** Updates when the version is @p version (-1: any).  DB_STALE / DB_NOT_FOUND. */
enum db_rc db_lex_sarah_update(struct db *db, int64_t id, int64_t version,
			       const struct lex_sarah_in *in);
/** Deletes when the version is @p version (-1: any). */
enum db_rc db_lex_sarah_delete(struct db *db, int64_t id, int64_t version);

/** The categories {code, name}, by code, appended to @p items. */
enum db_rc db_lex_sarah_categories(struct db *db, json_t *items);
/** The category @p code (new reference in *out); DB_NOT_FOUND when unknown. */
enum db_rc db_lex_sarah_category_get(struct db *db, const char *code, json_t **out);
/** Adds a category; DB_CONFLICT when the code exists. */
enum db_rc db_lex_sarah_category_insert(struct db *db, const char *code, const char *name);

#endif
