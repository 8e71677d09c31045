/*
 * Queries for the unit tree.  Every read returns the unit exactly as the API shows it, built
 * by json_object() here; the tree queries walk it with recursive CTEs, which SQLite answers
 * from the parent_id index.  Each query has its PostgreSQL twin (pg_*) beside it, which runs
 * when the database is PostgreSQL's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db_units.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define UNIT_JSON \
	"json_object('id', u.id, 'code', u.code, 'name', u.name, 'parent_id', u.parent_id," \
	" 'kind', u.kind, 'regi', u.regi, 'active', json(iif(u.active, 'true', 'false'))," \
	" 'municipality_code', u.municipality_code, 'version', u.version," \
	" 'created_at', u.created_at, 'updated_at', u.updated_at"

static const char sql_get[] = "SELECT " UNIT_JSON ") FROM units u WHERE u.id = ?1";

/* UNIT_JSON's PostgreSQL twin. */
#define PG_UNIT_JSON \
	"json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'parent_id', u.parent_id," \
	" 'kind', u.kind, 'regi', u.regi, 'active', u.active = 1," \
	" 'municipality_code', u.municipality_code, 'version', u.version," \
	" 'created_at', " PG_TS("u.created_at") ", 'updated_at', " PG_TS("u.updated_at")

static const char pg_get[] = "SELECT " PG_UNIT_JSON ") FROM units u WHERE u.id = $1";

enum db_rc db_units_get(struct db *db, int64_t id, json_t **out)
{
	if (db_pg(db)) {
		char key[PG_INT_TEXT];
		const char *v[] = {pg_param_int(key, id)};
		return pg_json_one(db_pg(db), pg_get, 1, v, out);
	}
	sqlite3_stmt *st = db_stmt(db, sql_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_one(db, st, out);
}

#define UNIT_WHERE \
	" WHERE (?1 IS NULL OR (?1 = 0 AND u.parent_id IS NULL) OR u.parent_id = ?1)" \
	" AND (?2 IS NULL OR u.kind = ?2) AND (?3 IS NULL OR u.regi = ?3)" \
	" AND (?4 < 0 OR u.active = ?4)" \
	" AND (?5 IS NULL OR instr(lower(u.name), lower(?5)) > 0 OR instr(u.code, ?5) > 0)" \
	" AND in_scope(u.id)"

static const char sql_list[] =
	"SELECT " UNIT_JSON ") FROM units u" UNIT_WHERE " ORDER BY u.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = "SELECT count(*) FROM units u" UNIT_WHERE;

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct unit_filter *f = filter;
	db_param_int(p, 1, f->parent_id);
	db_param_text(p, 2, f->kind);
	db_param_text(p, 3, f->regi);
	db_param_int(p, 4, f->active);
	db_param_text(p, 5, f->q);
}

/* UNIT_WHERE's twin; lower() in byte order, as SQLite's (ASCII letters only). */
#define PG_UNIT_WHERE \
	" WHERE ($1::bigint IS NULL OR ($1 = 0 AND u.parent_id IS NULL) OR u.parent_id = $1)" \
	" AND ($2::text IS NULL OR u.kind = $2) AND ($3::text IS NULL OR u.regi = $3)" \
	" AND ($4::bigint < 0 OR u.active = $4)" \
	" AND ($5::text IS NULL OR strpos(lower(u.name), lower($5 COLLATE \"C\")) > 0" \
	" OR strpos(u.code, $5) > 0) AND ($6::bigint[] IS NULL OR u.id = ANY($6))"

static const char pg_list[] =
	"SELECT " PG_UNIT_JSON ") FROM units u" PG_UNIT_WHERE " ORDER BY u.id LIMIT $7 OFFSET $8";
static const char pg_count[] = "SELECT count(*) FROM units u" PG_UNIT_WHERE;

static enum db_rc pg_units_list(PGconn *pg, const struct unit_filter *f, int64_t limit,
				int64_t offset, json_t *items, int64_t *total)
{
	char parent[PG_INT_TEXT], active[PG_INT_TEXT], *scope;
	enum db_rc rc = db_scope_array(&scope);
	if (rc != DB_OK)
		return rc;
	const char *v[] = {pg_param_int(parent, f->parent_id), f->kind, f->regi,
			   pg_param_int(active, f->active), f->q, scope};
	rc = pg_list_page(pg, pg_count, pg_list, 6, v, limit, offset, items, total);
	free(scope);
	return rc;
}

enum db_rc db_units_list(struct db *db, const struct unit_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total)
{
	if (db_pg(db))
		return pg_units_list(db_pg(db), f, limit, offset, items, total);
	return db_list_page(db, LITE(sql_count), LITE(sql_list), bind_filter, f, 5, limit, offset,
			    items, total);
}

/* Walks stop at UNITS_WALK_DEPTH, so no tree is ever walked or rendered deeper than that,
 * whatever the file holds (the writes keep within UNITS_MAX_DEPTH). */
#define DEPTH_GUARD "64"
_Static_assert(UNITS_WALK_DEPTH == 64, "DEPTH_GUARD spells UNITS_WALK_DEPTH");

static const char sql_subtree[] =
	"WITH RECURSIVE t(id, depth, path) AS ("
	"  SELECT id, 0, printf('%010d', id) FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, t.depth + 1, t.path || printf('/%010d', u.id)"
	"  FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT json_set(" UNIT_JSON "), '$.depth', t.depth) FROM t JOIN units u ON u.id = t.id"
	" ORDER BY t.path";

static const char pg_subtree[] =
	"WITH RECURSIVE t(id, depth, path) AS ("
	"  SELECT id, 0, lpad(id::text, 10, '0') FROM units WHERE id = $1"
	"  UNION ALL SELECT u.id, t.depth + 1, t.path || '/' || lpad(u.id::text, 10, '0')"
	"  FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT " PG_UNIT_JSON ", 'depth', t.depth) FROM t JOIN units u ON u.id = t.id"
	" ORDER BY t.path COLLATE \"C\"";

enum db_rc db_units_subtree(struct db *db, int64_t id, json_t *items)
{
	if (db_pg(db)) {
		char key[PG_INT_TEXT];
		const char *v[] = {pg_param_int(key, id)};
		return pg_json_all(db_pg(db), pg_subtree, 1, v, items);
	}
	sqlite3_stmt *st = db_stmt(db, sql_subtree);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_all(db, st, items);
}

/* Binds ?2..?8; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_unit(struct db_params *p, const void *input)
{
	const struct unit_in *in = input;
	db_param_text(p, 2, in->code);
	db_param_text(p, 3, in->name);
	db_param_int(p, 4, in->parent_id);
	db_param_text(p, 5, in->kind);
	db_param_text(p, 6, in->regi);
	db_param_int(p, 7, in->active);
	db_param_text(p, 8, in->municipality_code);
}

static const char sql_insert[] =
	"INSERT INTO units (code, name, parent_id, kind, regi, active, municipality_code)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* A code used twice within one municipality (a unit's municipality: its own code or that of
 * its nearest ancestor with one; '' above every kommun), after the write in the same
 * transaction: the writes are serialised, so checking then is as good as a constraint. */
static const char sql_code_clash[] =
	"WITH RECURSIVE m(id, muni, depth) AS ("
	"  SELECT id, coalesce(municipality_code, ''), 0 FROM units WHERE parent_id IS NULL"
	"  UNION ALL SELECT u.id, coalesce(u.municipality_code, m.muni), m.depth + 1"
	"  FROM units u JOIN m ON u.parent_id = m.id WHERE m.depth < " DEPTH_GUARD ")"
	" SELECT count(*) FROM (SELECT 1 FROM m JOIN units u ON u.id = m.id"
	"  GROUP BY m.muni, u.code HAVING count(*) > 1)";

static const char sql_version[] = "SELECT version FROM units WHERE id = ?1";
static const char sql_update[] =
	"UPDATE units SET code = ?2, name = ?3, parent_id = ?4, kind = ?5, regi = ?6, active = ?7,"
	" municipality_code = ?8, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM units WHERE id = ?1";

/* The twins of the writes. */
static const char pg_insert[] =
	"INSERT INTO units (id, code, name, parent_id, kind, regi, active, municipality_code)"
	" VALUES (" PG_NEXT_ID("units") ", $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char pg_code_clash[] =
	"WITH RECURSIVE m(id, muni, depth) AS ("
	"  SELECT id, coalesce(municipality_code, ''), 0 FROM units WHERE parent_id IS NULL"
	"  UNION ALL SELECT u.id, coalesce(u.municipality_code, m.muni), m.depth + 1"
	"  FROM units u JOIN m ON u.parent_id = m.id WHERE m.depth < " DEPTH_GUARD ")"
	" SELECT count(*) FROM (SELECT 1 FROM m JOIN units u ON u.id = m.id"
	"  GROUP BY m.muni, u.code HAVING count(*) > 1) clash";
static const char pg_version[] = "SELECT version FROM units WHERE id = $1";
static const char pg_update[] =
	"UPDATE units SET code = $2, name = $3, parent_id = $4, kind = $5, regi = $6, active = $7,"
	" municipality_code = $8, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_delete[] = "DELETE FROM units WHERE id = $1";

/* DB_CONFLICT when the write @p rc reports left a code used twice in one municipality. */
static enum db_rc codes_unique(struct db *db, enum db_rc rc)
{
	int64_t clashes = 0;
	if (rc != DB_OK)
		return rc;
	if (db_pg(db)) {
		rc = pg_int_one(db_pg(db), pg_code_clash, 0, NULL, &clashes);
	} else {
		sqlite3_stmt *st = db_stmt(db, sql_code_clash);
		if (!st)
			return DB_ERROR;
		rc = db_int_one(db, st, &clashes);
	}
	return rc == DB_OK && clashes > 0 ? DB_CONFLICT : rc;
}

enum db_rc db_units_insert(struct db *db, const struct unit_in *in, int64_t *id)
{
	return codes_unique(db, db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_unit, in, id));
}

enum db_rc db_units_update(struct db *db, int64_t id, int64_t version, const struct unit_in *in)
{
	return codes_unique(db, db_write_versioned(db, DB_TWIN(sql_version, pg_version),
						   DB_TWIN(sql_update, pg_update), bind_unit, in,
						   id, version));
}

enum db_rc db_units_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

static const char sql_ancestor[] =
	"WITH RECURSIVE up(id) AS (SELECT ?2 UNION SELECT u.parent_id FROM units u JOIN up"
	" ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
	" SELECT count(*) FROM up WHERE id = ?1";

/* How many ancestors the unit has (0 for a root), counting no further than 1000. */
static const char sql_depth[] =
	"WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT u.parent_id, up.depth + 1"
	" FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 1000)"
	" SELECT max(depth) FROM up";
/* How many levels lie below the unit (0 for a leaf), counting no further than the guard. */
static const char sql_height[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT u.id, t.depth + 1"
	" FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT max(depth) FROM t";

static const char pg_ancestor[] =
	"WITH RECURSIVE up(id) AS (SELECT $2::bigint UNION SELECT u.parent_id FROM units u JOIN up"
	" ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
	" SELECT count(*) FROM up WHERE id = $1";
static const char pg_depth[] =
	"WITH RECURSIVE up(id, depth) AS (SELECT $1::bigint, 0 UNION ALL"
	" SELECT u.parent_id, up.depth + 1"
	" FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL AND up.depth < 1000)"
	" SELECT max(depth) FROM up";
static const char pg_height[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT $1::bigint, 0 UNION ALL SELECT u.id, t.depth + 1"
	" FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT max(depth) FROM t";

/* The count @p sql (or its twin @p pg_sql) answers for unit @p id. */
static enum db_rc one_count(struct db *db, const char *sql, const char *pg_sql, int64_t id,
			    int64_t *out)
{
	if (db_pg(db)) {
		char key[PG_INT_TEXT];
		const char *v[] = {pg_param_int(key, id)};
		return pg_int_one(db_pg(db), pg_sql, 1, v, out);
	}
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_int_one(db, st, out);
}

enum db_rc db_units_depth(struct db *db, int64_t id, int64_t *depth)
{
	return one_count(db, sql_depth, pg_depth, id, depth);
}

enum db_rc db_units_height(struct db *db, int64_t id, int64_t *height)
{
	return one_count(db, sql_height, pg_height, id, height);
}

enum db_rc db_units_is_ancestor(struct db *db, int64_t ancestor, int64_t id, bool *out)
{
	int64_t n = 0;
	enum db_rc rc;
	if (db_pg(db)) {
		char a[PG_INT_TEXT], b[PG_INT_TEXT];
		const char *v[] = {pg_param_int(a, ancestor), pg_param_int(b, id)};
		rc = pg_int_one(db_pg(db), pg_ancestor, 2, v, &n);
	} else {
		sqlite3_stmt *st = db_stmt(db, sql_ancestor);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, ancestor);
		sqlite3_bind_int64(st, 2, id);
		rc = db_int_one(db, st, &n);
	}
	*out = n > 0;
	return rc;
}

static const char sql_municipality[] =
	"WITH RECURSIVE up(id, parent_id, code, depth) AS ("
	"  SELECT id, parent_id, municipality_code, 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, u.parent_id, u.municipality_code, up.depth + 1"
	"  FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)"
	" SELECT code FROM up WHERE code IS NOT NULL ORDER BY depth LIMIT 1";

static const char pg_municipality[] =
	"WITH RECURSIVE up(id, parent_id, code, depth) AS ("
	"  SELECT id, parent_id, municipality_code, 0 FROM units WHERE id = $1"
	"  UNION ALL SELECT u.id, u.parent_id, u.municipality_code, up.depth + 1"
	"  FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64)"
	" SELECT code FROM up WHERE code IS NOT NULL ORDER BY depth LIMIT 1";

/* db_units_municipality on PostgreSQL. */
static enum db_rc pg_units_municipality(PGconn *pg, int64_t unit_id, char code[5])
{
	char key[PG_INT_TEXT];
	const char *v[] = {pg_param_int(key, unit_id)};
	enum db_rc rc;
	PGresult *res = pg_row(pg, pg_municipality, 1, v, &rc);
	if (res)
		snprintf(code, 5, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return rc;
}

enum db_rc db_units_municipality(struct db *db, int64_t unit_id, char code[5])
{
	if (db_pg(db))
		return pg_units_municipality(db_pg(db), unit_id, code);
	sqlite3_stmt *st = db_stmt(db, sql_municipality);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	int rc = sqlite3_step(st);
	enum db_rc out = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(st, 0);
		snprintf(code, 5, "%s", s ? (const char *)s : "");
		out = DB_OK;
	} else if (rc != SQLITE_DONE) {
		out = db_rc_from(db, rc);
	}
	db_done(st);
	return out;
}

static const char sql_scope[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id"
	"  WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT id FROM t ORDER BY id";

static const char pg_scope[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM units WHERE id = $1"
	"  UNION ALL SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id"
	"  WHERE t.depth < " DEPTH_GUARD ")"
	" SELECT id FROM t ORDER BY id";

/* db_units_scope on PostgreSQL. */
static enum db_rc pg_units_scope(PGconn *pg, int64_t root, int64_t **ids, size_t *n)
{
	char key[PG_INT_TEXT];
	const char *v[] = {pg_param_int(key, root)};
	enum db_rc rc;
	PGresult *res = pg_params(pg, pg_scope, 1, v, NULL, NULL, &rc);
	if (!res)
		return rc;
	size_t rows = (size_t)PQntuples(res);
	*ids = rows ? malloc(rows * sizeof **ids) : NULL;
	rc = !rows ? DB_NOT_FOUND : !*ids ? DB_NOMEM : DB_OK;
	for (size_t i = 0; rc == DB_OK && i < rows; i++)
		(*ids)[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
	*n = rc == DB_OK ? rows : 0;
	PQclear(res);
	return rc;
}

enum db_rc db_units_scope(struct db *db, int64_t root, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (db_pg(db))
		return pg_units_scope(db_pg(db), root, ids, n);
	sqlite3_stmt *st = db_stmt(db, sql_scope);
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, root);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *grown = db_grow(*ids, sizeof **ids, *n, &cap);
		if (!grown)
			break;
		*ids = grown;
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	enum db_rc out = rc == SQLITE_ROW ? DB_NOMEM : rc != SQLITE_DONE ? db_rc_from(db, rc) :
			 *n ? DB_OK : DB_NOT_FOUND;
	db_done(st);
	if (out != DB_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return out;
}

static const char sql_with_municipality[] =
	"SELECT id FROM units WHERE municipality_code = ?1 ORDER BY id LIMIT 2";

static const char pg_with_municipality[] =
	"SELECT id FROM units WHERE municipality_code = $1 ORDER BY id LIMIT 2";

/* db_units_with_municipality on PostgreSQL. */
static enum db_rc pg_units_with_municipality(PGconn *pg, const char *code, int64_t *id)
{
	const char *v[] = {code};
	enum db_rc rc;
	PGresult *res = pg_params(pg, pg_with_municipality, 1, v, NULL, NULL, &rc);
	if (!res)
		return rc;
	int n = PQntuples(res);
	if (n > 0)
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return n == 0 ? DB_NOT_FOUND : n > 1 ? DB_CONFLICT : DB_OK;
}

enum db_rc db_units_with_municipality(struct db *db, const char *code, int64_t *id)
{
	if (db_pg(db))
		return pg_units_with_municipality(db_pg(db), code, id);
	sqlite3_stmt *st = db_stmt(db, sql_with_municipality);
	size_t n = 0;
	int rc;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_rc_from(db, rc);
	return n == 0 ? DB_NOT_FOUND : n > 1 ? DB_CONFLICT : DB_OK;
}

/* The unit of a record the API names by collection and id (a unit is its own). */
static const struct {
	const char *collection;
	const char *sql, *pg;
} record_units[] = {
#define RECORD_UNIT(c, col, t) {c, "SELECT " col " FROM " t " WHERE id = ?1", \
				"SELECT " col " FROM " t " WHERE id = $1"}
	RECORD_UNIT("units", "id", "units"),
	RECORD_UNIT("goals", "unit_id", "goals"),
	RECORD_UNIT("indicators", "unit_id", "indicators"),
	RECORD_UNIT("actions", "unit_id", "actions"),
	RECORD_UNIT("reports", "unit_id", "reports"),
	RECORD_UNIT("period-locks", "unit_id", "period_locks"),
#undef RECORD_UNIT
};

/* db_record_unit's query @p sql on PostgreSQL. */
static enum db_rc pg_record_unit(PGconn *pg, const char *sql, int64_t id, int64_t *unit_id)
{
	char key[PG_INT_TEXT];
	const char *v[] = {pg_param_int(key, id)};
	enum db_rc rc;
	PGresult *res = pg_row(pg, sql, 1, v, &rc);
	if (res)
		*unit_id = PQgetisnull(res, 0, 0) ? DB_NULL :
			   strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

enum db_rc db_record_unit(struct db *db, const char *collection, int64_t id, int64_t *unit_id)
{
	size_t i = 0, n = sizeof record_units / sizeof record_units[0];
	while (i < n && strcmp(record_units[i].collection, collection) != 0)
		i++;
	if (i == n)
		return DB_INVALID;
	if (db_pg(db))
		return pg_record_unit(db_pg(db), record_units[i].pg, id, unit_id);
	sqlite3_stmt *st = db_stmt(db, record_units[i].sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_rc out = rc == SQLITE_ROW ? DB_OK : rc == SQLITE_DONE ? DB_NOT_FOUND :
			 db_rc_from(db, rc);
	if (rc == SQLITE_ROW)
		*unit_id = sqlite3_column_type(st, 0) == SQLITE_NULL ? DB_NULL :
			   sqlite3_column_int64(st, 0);
	db_done(st);
	return out;
}
