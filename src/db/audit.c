/*
 * The audit log: one row per write made through the API, inside the same transaction as the
 * write, so the log and the data can never disagree.  Before and after are the resource's JSON
 * as a client would have read it.  Token secrets never pass through here; the token's id and
 * name do, to say who wrote.
 *
 * An entry written through a route that needs `sensitive` is marked so: its before and after
 * hold lex Sarah or decision text, and a list leaves it out, uncounted, for a token without
 * `sensitive`.  The filter is in the query, so paging and totals never see what is hidden.
 *
 * Each statement has its PostgreSQL twin beside it (pg_*), giving the same JSON.
 */
#include <stdio.h>
#include <stdlib.h>

#include "folja/db.h"

#include "pg.h"
#include "sql.h"

static const char sql_insert[] =
	"INSERT INTO audit (actor, method, path, entity, entity_id, before, after, token_id,"
	" sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static void bind_json(sqlite3_stmt *st, int i, json_t *v)
{
	char *text = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	if (text)
		sqlite3_bind_text(st, i, text, -1, free);
	else
		sqlite3_bind_null(st, i);
}

static const char pg_insert[] =
	"INSERT INTO audit (id, actor, method, path, entity, entity_id, before, after, token_id,"
	" sensitive) VALUES (" PG_NEXT_ID("audit") ", $1, $2, $3, $4, $5, $6, $7, $8, $9)";

static enum db_rc pg_audit_insert(PGconn *pg, const struct audit_entry *e)
{
	char id[PG_INT_TEXT], token[PG_INT_TEXT];
	char *before = e->before ? json_dumps(e->before, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	char *after = e->after ? json_dumps(e->after, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	const char *v[] = {e->actor, e->method, e->path, e->entity, pg_param_int(id, e->entity_id),
			   before, after, e->token_id > 0 ? pg_param_int(token, e->token_id) : NULL,
			   e->sensitive ? "1" : "0"};
	enum db_rc rc = DB_NOMEM;
	if ((before || !e->before) && (after || !e->after))
		PQclear(pg_params(pg, pg_insert, 9, v, NULL, NULL, &rc));
	free(before);
	free(after);
	return rc;
}

enum db_rc db_audit_insert(struct db *db, const struct audit_entry *e)
{
	if (db_pg(db))
		return pg_audit_insert(db_pg(db), e);
	sqlite3_stmt *st = db_stmt(db, sql_insert);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, e->actor);
	db_bind_text(st, 2, e->method);
	db_bind_text(st, 3, e->path);
	db_bind_text(st, 4, e->entity);
	sqlite3_bind_int64(st, 5, e->entity_id);
	bind_json(st, 6, e->before);
	bind_json(st, 7, e->after);
	if (e->token_id > 0)
		sqlite3_bind_int64(st, 8, e->token_id);
	else
		sqlite3_bind_null(st, 8);
	sqlite3_bind_int(st, 9, e->sensitive);
	return db_exec_stmt(db, st);
}

#define AUDIT_WHERE \
	" FROM audit WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)" \
	" AND (?3 OR sensitive = 0)"

static const char sql_list[] =
	"SELECT json_object('id', id, 'at', at, 'actor', actor, 'token_id', token_id,"
	" 'method', method, 'path', path, 'entity', entity, 'entity_id', entity_id,"
	" 'sensitive', json(iif(sensitive, 'true', 'false')),"
	" 'before', json(before), 'after', json(after))"
	AUDIT_WHERE " ORDER BY id DESC LIMIT ?4 OFFSET ?5";
static const char sql_count[] = "SELECT count(*)" AUDIT_WHERE;

/* The audit log's `at`, with its milliseconds, as SQLite writes it. */
#define PG_AT "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

#define PG_AUDIT_WHERE \
	" FROM audit WHERE ($1::text IS NULL OR entity = $1)" \
	" AND ($2::bigint IS NULL OR entity_id = $2) AND ($3::boolean OR sensitive = 0)"

static const char pg_list[] =
	"SELECT json_build_object('id', id, 'at', " PG_AT ", 'actor', actor, 'token_id', token_id,"
	" 'method', method, 'path', path, 'entity', entity, 'entity_id', entity_id,"
	" 'sensitive', sensitive = 1, 'before', before::json, 'after', after::json)"
	PG_AUDIT_WHERE " ORDER BY id DESC LIMIT $4 OFFSET $5";
static const char pg_count[] = "SELECT count(*)" PG_AUDIT_WHERE;

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct audit_filter *f = filter;
	db_param_text(p, 1, f->entity);
	db_param_int(p, 2, f->entity_id);
	db_param_int(p, 3, f->with_sensitive);
}

enum db_rc db_audit_list(struct db *db, const struct audit_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total)
{
	if (db_pg(db)) {
		char id[PG_INT_TEXT];
		const char *v[] = {f->entity, pg_param_int(id, f->entity_id),
				   f->with_sensitive ? "true" : "false"};
		return pg_list_page(db_pg(db), pg_count, pg_list, 3, v, limit, offset, items,
				    total);
	}
	return db_list_page(db, LITE(sql_count), LITE(sql_list), bind_filter, f, 3, limit, offset,
			    items, total);
}

/* The change feed: the audit log seen as {seq, at, entity, id, version, op}.  Bulk loads are
 * one change each (op "import", no id, the row count); token changes are not data. */
#define CHANGE_ENTITY \
	"CASE entity WHEN 'budget_import' THEN 'budget_line' WHEN 'peer_values' THEN 'peer_value'" \
	" WHEN 'statistic_import' THEN 'statistic_fact' ELSE entity END"
#define CHANGE_BULK "entity IN ('budget_import', 'peer_values', 'statistic_import')"
#define CHANGES \
	"WITH c AS (SELECT id AS seq, at, " CHANGE_ENTITY " AS entity," \
	" iif(" CHANGE_BULK ", NULL, entity_id) AS id," \
	" json_extract(coalesce(after, before), '$.version') AS version," \
	" CASE WHEN " CHANGE_BULK " THEN 'import' WHEN before IS NULL THEN 'create'" \
	" WHEN after IS NULL THEN 'delete' ELSE 'update' END AS op," \
	" iif(" CHANGE_BULK ", json_extract(after, '$.rows'), NULL) AS rows" \
	" FROM audit WHERE id > ?1 AND entity <> 'token' AND (?2 OR sensitive = 0))"

static const char sql_changes[] =
	CHANGES " SELECT json_object('seq', seq, 'at', at, 'entity', entity, 'id', id,"
	" 'version', version, 'op', op, 'rows', rows) FROM c WHERE (?3 IS NULL OR entity = ?3)"
	" ORDER BY seq LIMIT ?4 OFFSET ?5";
static const char sql_changes_count[] =
	CHANGES " SELECT count(*) FROM c WHERE (?3 IS NULL OR entity = ?3)";

#define PG_CHANGES \
	"WITH c AS (SELECT id AS seq, at, " CHANGE_ENTITY " AS entity," \
	" CASE WHEN " CHANGE_BULK " THEN NULL ELSE entity_id END AS id," \
	" (coalesce(after, before)::json ->> 'version')::bigint AS version," \
	" CASE WHEN " CHANGE_BULK " THEN 'import' WHEN before IS NULL THEN 'create'" \
	" WHEN after IS NULL THEN 'delete' ELSE 'update' END AS op," \
	" CASE WHEN " CHANGE_BULK " THEN (after::json ->> 'rows')::bigint END AS rows" \
	" FROM audit WHERE id > $1 AND entity <> 'token' AND ($2::boolean OR sensitive = 0))"

static const char pg_changes[] =
	PG_CHANGES " SELECT json_build_object('seq', seq, 'at', " PG_AT ", 'entity', entity,"
	" 'id', id, 'version', version, 'op', op, 'rows', rows) FROM c"
	" WHERE ($3::text IS NULL OR entity = $3) ORDER BY seq LIMIT $4 OFFSET $5";
static const char pg_changes_count[] =
	PG_CHANGES " SELECT count(*) FROM c WHERE ($3::text IS NULL OR entity = $3)";

static void bind_changes(struct db_params *p, const void *filter)
{
	const struct changes_filter *f = filter;
	db_param_int(p, 1, f->after);
	db_param_int(p, 2, f->with_sensitive);
	db_param_text(p, 3, f->entity);
}

enum db_rc db_changes_list(struct db *db, const struct changes_filter *f, int64_t limit,
			   json_t *items, int64_t *total)
{
	if (db_pg(db)) {
		char after[PG_INT_TEXT];
		const char *v[] = {pg_param_int(after, f->after),
				   f->with_sensitive ? "true" : "false", f->entity};
		return pg_list_page(db_pg(db), pg_changes_count, pg_changes, 3, v, limit, 0, items,
				    total);
	}
	return db_list_page(db, LITE(sql_changes_count), LITE(sql_changes), bind_changes, f, 3,
			    limit, 0, items, total);
}
