/*
 * Storage of the lex Sarah register and its managed list of categories.
 * See sql/0004-registers.sql.
 */
#ifndef FOLJA_DB_LEX_SARAH_H
#define FOLJA_DB_LEX_SARAH_H

#include "folja/db.h"

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
/** Every report matching @p f (no paging), each with its unit's code and name added as
 *  "unit_code" and "unit_name", and the category's as "category_name"; for the summary. */
enum db_rc db_lex_sarah_all(struct db *db, const struct lex_sarah_filter *f, json_t *items);
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
