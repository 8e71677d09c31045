/*
 * Storage of the unit tree (förvaltning, avdelning, enhet, ...).  See sql/0001-core.sql.
 */
#ifndef FOLJA_DB_UNITS_H
#define FOLJA_DB_UNITS_H

#include "folja/db.h"

/* A unit as written.  Strings are borrowed; parent_id is DB_NULL for a root. */
struct unit_in {
	const char *code;
	const char *name;
	int64_t parent_id;
	const char *kind;
	const char *regi;               /* NULL when not applicable */
	int active;                     /* 0 or 1 */
	const char *municipality_code;  /* NULL or four digits */
};

/* List filters; NULL / DB_NULL for "any".  parent_id 0 means "roots only". */
struct unit_filter {
	int64_t parent_id;
	const char *kind;
	const char *regi;
	int active;                     /* -1 for any */
	const char *q;                  /* substring of name or code */
};

/** The unit @p id as JSON (new reference in *out). */
enum db_rc db_units_get(struct db *db, int64_t id, json_t **out);
/** One page of units matching @p f, appended to @p items; *total counts all matches. */
enum db_rc db_units_list(struct db *db, const struct unit_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total);
/** The subtree under @p id (itself first), each row with a "depth", parents before children. */
enum db_rc db_units_subtree(struct db *db, int64_t id, json_t *items);
/** Inserts; *id gets the new id.  DB_CONFLICT for a code another unit of the same
 *  municipality has, or an unknown parent. */
enum db_rc db_units_insert(struct db *db, const struct unit_in *in, int64_t *id);
/** Updates @p id when its version is @p version (-1: any).  DB_STALE / DB_NOT_FOUND;
 *  DB_CONFLICT as db_units_insert(). */
enum db_rc db_units_update(struct db *db, int64_t id, int64_t version, const struct unit_in *in);
/** Deletes @p id when its version is @p version (-1: any); DB_CONFLICT while referenced. */
enum db_rc db_units_delete(struct db *db, int64_t id, int64_t version);
/* A municipal organisation has fewer than ten levels (kommun, nämnd, förvaltning,
 * verksamhetsområde, avdelning, enhet, ...): a write that would put a unit deeper than
 * UNITS_MAX_DEPTH below its root is refused (422), and every walk of the tree stops at
 * UNITS_WALK_DEPTH, whatever an older file may hold. */
#define UNITS_MAX_DEPTH 12
#define UNITS_WALK_DEPTH 64

/** The number of ancestors of unit @p id (0 for a root; counting stops at 1000). */
enum db_rc db_units_depth(struct db *db, int64_t id, int64_t *depth);
/** The number of levels below unit @p id (0 for a leaf; counting stops at UNITS_WALK_DEPTH). */
enum db_rc db_units_height(struct db *db, int64_t id, int64_t *height);
/** True in *out when @p ancestor is @p id or one of its ancestors. */
enum db_rc db_units_is_ancestor(struct db *db, int64_t ancestor, int64_t id, bool *out);

/** The municipality code (four digits) of the kommun above unit @p unit_id, into @p code
 *  (5 bytes); DB_NOT_FOUND when there is none. */
enum db_rc db_units_municipality(struct db *db, int64_t unit_id, char code[5]);

/** The one unit whose municipality_code is @p code (its kommun) into *id; DB_NOT_FOUND for
 *  none, DB_CONFLICT for several. */
enum db_rc db_units_with_municipality(struct db *db, const char *code, int64_t *id);

#endif
