/*
 * What the query files of the registers the reports need share (private to src/db/, like
 * sql.h and load.h): the unit-subtree filter every list takes, the JSON members every record
 * ends with, the binding of a struct reg_filter, and the loading of nested lists (a risk's
 * reviews, a control's results, an action's follow-ups) as runs beside their parents.
 */
#ifndef FOLJA_DB_REG_H
#define FOLJA_DB_REG_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/db_registers.h"

struct db_params;
struct db_row;
struct db_twin;

/* The unit ?1 and its whole subtree (every unit when ?1 is NULL), as the table `sub`. */
#define REG_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE ?1 IS NULL OR id = ?1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE ?1 IS NOT NULL) "

/* The members every record's JSON ends with, for the table aliased @p t. */
#define REG_TAIL(t) \
	" 'synthetic', json(CASE " t ".synthetic WHEN 1 THEN 'true' ELSE 'false' END)," \
	" 'version', " t ".version, 'created_at', " t ".created_at, 'updated_at', " t ".updated_at"

/* The twins of REG_SUBTREE and REG_TAIL (PG_TS from pg.h); a twin's filter reads
 * "unit_id IN " PG_REG_SUB where SQLite's reads "unit_id IN sub". */
#define PG_REG_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE $1::bigint IS NULL OR id = $1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE $1 IS NOT NULL) "
#define PG_REG_SUB "(SELECT id FROM sub)"
#define PG_REG_TAIL(t) \
	" 'synthetic', " t ".synthetic = 1, 'version', " t ".version," \
	" 'created_at', " PG_TS(t ".created_at") ", 'updated_at', " PG_TS(t ".updated_at")

/** Binds @p filter (a struct reg_filter) as ?1 unit, ?2 from, ?3 to, ?4 kind, ?5 status; a
 *  query that takes fewer leaves the rest unbound (SQLite ignores them).  Lists put their
 *  LIMIT and OFFSET at ?6 and ?7 whatever they use. */
void reg_bind_filter(struct db_params *p, const void *filter);
#define REG_NBIND 5

/* Children of a loaded set, in their parents' order, each with its parent's id. */
struct reg_children {
	void *items;          /* elements of `size` bytes */
	size_t size, n, cap;
	int64_t *owner;       /* per child: its parent's id */
	size_t cap_owner;
};

/** Room for one more child of parent @p owner: a zeroed element, or NULL out of memory. */
void *reg_child_add(struct reg_children *c, int64_t owner);

/** For each of @p n parents in order (their ids by @p id_of), calls @p attach with the index
 *  of its first child and their number (0 and 0 for none). */
void reg_children_attach(const struct reg_children *c, size_t n,
			 int64_t (*id_of)(size_t i, void *ctx),
			 void (*attach)(size_t i, size_t first, size_t count, void *ctx), void *ctx);

/** Frees the owners (the items are handed to the set that keeps them). */
void reg_children_done(struct reg_children *c);

/** Runs @p q (or its twin; bound by @p filter) through @p row with @p ctx. */
enum db_rc reg_load(struct db *db, const struct db_twin *q, const struct reg_filter *filter,
		    enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx);

/** Column @p col as an integer, 0 for SQL NULL. */
int reg_column_int(const struct db_row *row, int col);

#endif
