/*
 * Queries for period locks (see include/folja/db_period_locks.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "folja/db_period_locks.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define LOCK_JSON \
	"json_object('id', l.id, 'unit_id', l.unit_id, 'through', l.through, 'kinds'," \
	" json(l.kinds), 'reason', l.reason, 'created_by', l.created_by, 'created_at'," \
	" l.created_at)"

/* LOCK_JSON's twin. */
#define PG_LOCK_JSON \
	"json_build_object('id', l.id, 'unit_id', l.unit_id, 'through', l.through, 'kinds'," \
	" l.kinds::json, 'reason', l.reason, 'created_by', l.created_by, 'created_at', " \
	PG_TS("l.created_at") ")"

static const char sql_insert[] =
	"INSERT INTO period_locks (unit_id, through, kinds, reason, created_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char pg_insert[] =
	"INSERT INTO period_locks (id, unit_id, through, kinds, reason, created_by)"
	" VALUES (" PG_NEXT_ID("period_locks") ", $1, $2, $3, $4, $5) RETURNING id";

static void bind_lock(struct db_params *p, const void *input)
{
	const struct period_lock_in *in = input;
	db_param_int(p, 1, in->unit_id);
	db_param_text(p, 2, in->through);
	db_param_text(p, 3, in->kinds);
	db_param_text(p, 4, in->reason);
	db_param_text(p, 5, in->created_by);
}

enum db_rc db_period_locks_insert(struct db *db, const struct period_lock_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_lock, in, id);
}

static const char sql_get[] = "SELECT " LOCK_JSON " FROM period_locks l WHERE l.id = ?1";
static const char pg_get[] = "SELECT " PG_LOCK_JSON " FROM period_locks l WHERE l.id = $1";

enum db_rc db_period_locks_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

/* The units above ?1 and the unit itself, and the units below it. */
#define RELATED_UNITS \
	"WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT u.parent_id FROM units u JOIN up" \
	" ON u.id = up.id WHERE u.parent_id IS NOT NULL)," \
	" down(id) AS (SELECT ?1 UNION SELECT u.id FROM units u JOIN down ON u.parent_id = down.id)"

static const char sql_list[] =
	RELATED_UNITS " SELECT " LOCK_JSON " FROM period_locks l WHERE ?1 IS NULL"
	" OR l.unit_id IN (SELECT id FROM up) OR l.unit_id IN (SELECT id FROM down) ORDER BY l.id";

#define PG_RELATED_UNITS \
	"WITH RECURSIVE up(id) AS (SELECT $1::bigint UNION SELECT u.parent_id FROM units u" \
	" JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)," \
	" down(id) AS (SELECT $1::bigint UNION SELECT u.id FROM units u" \
	" JOIN down ON u.parent_id = down.id)"

static const char pg_list[] =
	PG_RELATED_UNITS " SELECT " PG_LOCK_JSON " FROM period_locks l WHERE $1 IS NULL"
	" OR l.unit_id IN (SELECT id FROM up) OR l.unit_id IN (SELECT id FROM down) ORDER BY l.id";

enum db_rc db_period_locks_list(struct db *db, int64_t unit_id, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_list, pg_list), db_bind_id, &unit_id, items);
}

static const char sql_exists[] = "SELECT count(*) FROM period_locks WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM period_locks WHERE id = ?1";

static const char pg_exists[] = "SELECT count(*) FROM period_locks WHERE id = $1";
static const char pg_delete[] = "DELETE FROM period_locks WHERE id = $1";

enum db_rc db_period_locks_delete(struct db *db, int64_t id)
{
	int64_t n = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_exists, pg_exists), db_bind_id, &id, &n);
	if (rc != DB_OK || n == 0)
		return rc != DB_OK ? rc : DB_NOT_FOUND;
	return db_run(db, DB_TWIN(sql_delete, pg_delete), db_bind_id, &id, NULL);
}

static const char sql_over[] =
	"WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT u.parent_id FROM units u JOIN up"
	" ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
	" SELECT l.id, l.unit_id, l.through, l.kinds FROM period_locks l"
	" WHERE l.unit_id IN (SELECT id FROM up) ORDER BY l.id";
static const char pg_over[] =
	"WITH RECURSIVE up(id) AS (SELECT $1::bigint UNION SELECT u.parent_id FROM units u"
	" JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
	" SELECT l.id, l.unit_id, l.through, l.kinds FROM period_locks l"
	" WHERE l.unit_id IN (SELECT id FROM up) ORDER BY l.id";

/* The kinds of a lock from its JSON text: the bit of each name known (others ignored). */
static unsigned kinds_of(const char *text)
{
	json_t *arr = text ? json_loads(text, 0, NULL) : NULL;
	unsigned bits = 0;
	size_t i;
	json_t *v;
	enum lock_kind k;
	json_array_foreach(arr, i, v)
		if (lock_kind_parse(json_string_value(v), &k))
			bits |= 1u << k;
	json_decref(arr);
	return bits;
}

struct over_ctx {
	struct period_lock *items;
	size_t n, cap;
};

static enum db_rc over_row(const struct db_row *row, void *ctx)
{
	struct over_ctx *c = ctx;
	int year = 0, month = 0;
	struct period_lock *grown = db_grow(c->items, sizeof *c->items, c->n, &c->cap);
	if (!grown)
		return DB_NOMEM;
	c->items = grown;
	const char *through = db_row_text(row, 2);
	if (!through || sscanf(through, "%4d-%2d", &year, &month) != 2)
		return DB_CORRUPT;
	c->items[c->n++] = (struct period_lock){
		.id = db_row_int(row, 0), .unit_id = db_row_int(row, 1),
		.through = lock_month(year, month),
		.kinds = kinds_of(db_row_text(row, 3))};
	return DB_OK;
}

enum db_rc db_period_locks_over(struct db *db, int64_t unit_id, struct period_lock **out,
				size_t *n)
{
	struct over_ctx c = {0};
	*out = NULL;
	*n = 0;
	enum db_rc rc = db_load(db, DB_TWIN(sql_over, pg_over), db_bind_id, &unit_id, over_row, &c);
	if (rc != DB_OK) {
		free(c.items);
		return rc;
	}
	*out = c.items;
	*n = c.n;
	return DB_OK;
}
