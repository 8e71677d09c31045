/*
 * Storage of period locks (sql/0010-reports.sql; the rule is folja/period_lock.h).
 *
 * A lock is read as the JSON the API shows; the locks that may cover a fact, those on its unit
 * and on every unit above it, are read as plain structs for the rule.
 */
#ifndef FOLJA_DB_PERIOD_LOCKS_H
#define FOLJA_DB_PERIOD_LOCKS_H

#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"
#include "folja/period_lock.h"

/* A lock as written.  Strings borrowed. */
struct period_lock_in {
	int64_t unit_id;
	const char *through;      /* "YYYY-MM" */
	const char *kinds;        /* JSON text: an array of lock_kind_name()s */
	const char *reason;
	const char *created_by;   /* the token's name; NULL for none */
};

/** Inserts; *id gets the new id.  DB_CONFLICT when the unit does not exist. */
enum db_rc db_period_locks_insert(struct db *db, const struct period_lock_in *in, int64_t *id);
/** Lock @p id as {id, unit_id, through, kinds, reason, created_by, created_at} (new reference
 *  in *out); DB_NOT_FOUND when absent. */
enum db_rc db_period_locks_get(struct db *db, int64_t id, json_t **out);
/** Every lock (over unit @p unit_id's subtree and ancestors when not DB_NULL), by id, appended
 *  to @p items. */
enum db_rc db_period_locks_list(struct db *db, int64_t unit_id, json_t *items);
/** Deletes lock @p id; DB_NOT_FOUND when absent. */
enum db_rc db_period_locks_delete(struct db *db, int64_t id);
/**
 * The locks that may cover a fact of unit @p unit_id (on the unit or any unit above it) into
 * a new array *out of *n locks, which the caller frees (NULL when there are none).
 * @return DB_OK, DB_NOMEM, or the storage error.
 */
enum db_rc db_period_locks_over(struct db *db, int64_t unit_id, struct period_lock **out,
				size_t *n);

#endif
