/*
 * API tokens.  The database holds a hash of each token's secret, never the secret, so a copy
 * of the file does not grant access.  The lookup is by the token's id (public, part of the
 * token) and the hash is compared by the caller in constant time.
 *
 * A token lives until it expires or is revoked; rotating gives it a new secret under the same
 * id, role and grants.  Every such change moves the tokens version (db_write_tokens), so each
 * server drops what it had verified of a token at its next request, whichever process made
 * the change.  Recording when a token was last used moves no version.
 *
 * Each statement has its PostgreSQL twin beside it (pg_*), run when the database is
 * PostgreSQL's: the same rows in, the same JSON and fields out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db.h"

#include "pg.h"
#include "sql.h"

static const char *const role_names[] = {"reader", "editor", "admin", NULL};

/* One change to the tokens table, run by db_write_tokens. */
struct token_change {
	const struct db_token_in *in;   /* insert */
	const unsigned char *hash;
	size_t hash_len;
	int64_t id;               /* in for revoke and rotate; out for insert */
};

static const char sql_insert[] =
	"INSERT INTO tokens (name, role, sensitive, hash, expires_at, scope_unit_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char pg_insert[] =
	"INSERT INTO tokens (id, name, role, sensitive, hash, expires_at, scope_unit_id)"
	" VALUES (" PG_NEXT_ID("tokens") ", $1, $2, $3, $4, $5, $6) RETURNING id";

static enum db_rc pg_insert_tx(PGconn *pg, struct token_change *c)
{
	char scope[PG_INT_TEXT];
	const char *v[] = {c->in->name, c->in->role, c->in->sensitive ? "1" : "0",
			   (const char *)c->hash, c->in->expires_at,
			   c->in->scope_unit_id > 0 ? pg_param_int(scope, c->in->scope_unit_id) : NULL};
	const int len[] = {0, 0, 0, (int)c->hash_len, 0, 0}, binary[] = {0, 0, 0, 1, 0, 0};
	enum db_rc rc;
	PGresult *res = pg_params(pg, pg_insert, 6, v, len, binary, &rc);
	if (res)
		c->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

static enum db_rc insert_tx(struct db *db, void *ctx)
{
	struct token_change *c = ctx;
	if (db_pg(db))
		return pg_insert_tx(db_pg(db), c);
	sqlite3_stmt *st = db_stmt(db, sql_insert);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, c->in->name);
	db_bind_text(st, 2, c->in->role);
	sqlite3_bind_int(st, 3, c->in->sensitive);
	sqlite3_bind_blob(st, 4, c->hash, (int)c->hash_len, SQLITE_TRANSIENT);
	db_bind_text(st, 5, c->in->expires_at);
	db_bind_int(st, 6, c->in->scope_unit_id > 0 ? c->in->scope_unit_id : DB_NULL);
	enum db_rc rc = db_exec_stmt(db, st);
	if (rc == DB_OK)
		c->id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

enum db_rc db_tokens_insert(struct db *db, const struct db_token_in *t,
			    const unsigned char *hash, size_t hash_len, int64_t *id)
{
	struct token_change c = {.in = t, .hash = hash, .hash_len = hash_len};
	enum db_rc rc = db_write_tokens(db, insert_tx, &c);
	if (rc == DB_OK)
		*id = c.id;
	return rc;
}

static const char sql_get[] =
	"SELECT hash, role, sensitive, name, coalesce(expires_at, ''), coalesce(last_used_at, ''),"
	" coalesce(scope_unit_id, 0) FROM tokens WHERE id = ?1 AND revoked = 0";

static const char pg_get[] =
	"SELECT hash, role, sensitive, name, coalesce(" PG_TS("expires_at") ", ''),"
	" coalesce(" PG_TS("last_used_at") ", ''), coalesce(scope_unit_id, 0) FROM tokens"
	" WHERE id = $1 AND revoked = 0";

/* A token's columns in sql_get's order, as text (the hash aside). */
enum { COL_ROLE = 1, COL_SENSITIVE, COL_NAME, COL_EXPIRES, COL_USED, COL_SCOPE, COLS };

/* Fills @p out from the column texts @p col (NULL reads as "") of token @p id. */
static void fill_token(struct db_token *out, int64_t id, const char *const col[COLS])
{
	out->id = id;
	out->role = NULL;
	for (int i = 0; col[COL_ROLE] && role_names[i]; i++)
		if (strcmp(col[COL_ROLE], role_names[i]) == 0)
			out->role = role_names[i];
	out->sensitive = col[COL_SENSITIVE] && strcmp(col[COL_SENSITIVE], "0") != 0;
	snprintf(out->name, sizeof out->name, "%s", col[COL_NAME] ? col[COL_NAME] : "");
	snprintf(out->expires_at, sizeof out->expires_at, "%s",
		 col[COL_EXPIRES] ? col[COL_EXPIRES] : "");
	snprintf(out->last_used_at, sizeof out->last_used_at, "%s",
		 col[COL_USED] ? col[COL_USED] : "");
	out->scope_unit_id = col[COL_SCOPE] ? strtoll(col[COL_SCOPE], NULL, 10) : 0;
}

static enum db_rc pg_tokens_get(PGconn *pg, int64_t id, unsigned char *hash, size_t hash_len,
				struct db_token *out)
{
	char key[PG_INT_TEXT];
	const char *v[] = {pg_param_int(key, id)};
	enum db_rc rc;
	PGresult *res = pg_params(pg, pg_get, 1, v, NULL, NULL, &rc);
	if (!res)
		return rc;
	size_t n = 0;
	unsigned char *bytes = PQntuples(res) == 1 ?
		PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 0), &n) : NULL;
	rc = DB_NOT_FOUND;
	if (bytes && n == hash_len) {
		const char *col[COLS];
		for (int i = COL_ROLE; i < COLS; i++)
			col[i] = PQgetvalue(res, 0, i);
		memcpy(hash, bytes, hash_len);
		fill_token(out, id, col);
		rc = DB_OK;
	}
	PQfreemem(bytes);
	PQclear(res);
	return rc;
}

enum db_rc db_tokens_get(struct db *db, int64_t id, unsigned char *hash, size_t hash_len,
			 struct db_token *out)
{
	if (db_pg(db))
		return pg_tokens_get(db_pg(db), id, hash, hash_len, out);
	sqlite3_stmt *st = db_stmt(db, sql_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_rc rc = DB_NOT_FOUND;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == hash_len) {
		const char *col[COLS];
		for (int i = COL_ROLE; i < COLS; i++)
			col[i] = (const char *)sqlite3_column_text(st, i);
		memcpy(hash, sqlite3_column_blob(st, 0), hash_len);
		fill_token(out, id, col);
		rc = DB_OK;
	} else if (s != SQLITE_ROW && s != SQLITE_DONE) {
		rc = db_rc_from(db, s);
	}
	db_done(st);
	return rc;
}

static const char sql_list[] =
	"SELECT json_object('id', id, 'name', name, 'role', role, 'sensitive', json(CASE sensitive"
	" WHEN 1 THEN 'true' ELSE 'false' END), 'scope', json((SELECT json_object('unit_id', u.id,"
	" 'code', u.code, 'name', u.name, 'municipality_code', u.municipality_code) FROM units u"
	" WHERE u.id = t.scope_unit_id)), 'created_at', created_at,"
	" 'last_used_at', last_used_at, 'expires_at', expires_at, 'revoked_at', revoked_at,"
	" 'rotated_at', rotated_at, 'status', CASE WHEN revoked = 1 THEN 'revoked'"
	" WHEN expires_at IS NOT NULL AND expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" THEN 'expired' ELSE 'active' END)"
	" FROM tokens t WHERE ?1 = 0 OR id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3";
static const char sql_count[] = "SELECT count(*) FROM tokens WHERE ?1 = 0 OR id = ?1";

static const char pg_list[] =
	"SELECT json_build_object('id', id, 'name', name, 'role', role, 'sensitive', sensitive = 1,"
	" 'scope', (SELECT json_build_object('unit_id', u.id, 'code', u.code, 'name', u.name,"
	" 'municipality_code', u.municipality_code) FROM units u WHERE u.id = t.scope_unit_id),"
	" 'created_at', " PG_TS("created_at") ", 'last_used_at', " PG_TS("last_used_at") ","
	" 'expires_at', " PG_TS("expires_at") ", 'revoked_at', " PG_TS("revoked_at") ","
	" 'rotated_at', " PG_TS("rotated_at") ", 'status', CASE WHEN revoked = 1 THEN 'revoked'"
	" WHEN expires_at IS NOT NULL AND expires_at <= now() THEN 'expired' ELSE 'active' END)"
	" FROM tokens t WHERE $1::bigint = 0 OR id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3";
static const char pg_count[] = "SELECT count(*) FROM tokens WHERE $1::bigint = 0 OR id = $1";

static void bind_id(struct db_params *p, const void *id)
{
	db_param_int(p, 1, *(const int64_t *)id);
}

enum db_rc db_tokens_list(struct db *db, int64_t id, int64_t limit, int64_t offset,
			  json_t *items, int64_t *total)
{
	int64_t key = id > 0 ? id : 0;
	char text[PG_INT_TEXT];
	const char *v[] = {pg_param_int(text, key)};
	enum db_rc rc = db_pg(db) ?
		pg_list_page(db_pg(db), pg_count, pg_list, 1, v, limit, offset, items, total) :
		db_list_page(db, LITE(sql_count), LITE(sql_list), bind_id, &key, 1, limit, offset,
			     items, total);
	if (rc == DB_OK && id > 0 && *total == 0)
		rc = DB_NOT_FOUND;
	return rc;
}

static const char sql_revoke[] =
	"UPDATE tokens SET revoked = 1, revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1 AND revoked = 0";
static const char sql_rotate[] =
	"UPDATE tokens SET hash = ?2, rotated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1 AND revoked = 0";

static const char pg_revoke[] =
	"UPDATE tokens SET revoked = 1, revoked_at = date_trunc('second', now())"
	" WHERE id = $1 AND revoked = 0";
static const char pg_rotate[] =
	"UPDATE tokens SET hash = $2, rotated_at = date_trunc('second', now())"
	" WHERE id = $1 AND revoked = 0";

/* The UPDATE @p sql of token c->id, with c->hash as $2 when set; DB_NOT_FOUND when it
 * changed no row. */
static enum db_rc pg_update(PGconn *pg, const char *sql, const struct token_change *c)
{
	char key[PG_INT_TEXT];
	const char *v[] = {pg_param_int(key, c->id), (const char *)c->hash};
	const int len[] = {0, (int)c->hash_len}, binary[] = {0, 1};
	enum db_rc rc;
	PGresult *res = pg_params(pg, sql, c->hash ? 2 : 1, v, len, binary, &rc);
	if (res && strcmp(PQcmdTuples(res), "0") == 0)
		rc = DB_NOT_FOUND;
	PQclear(res);
	return rc;
}

/* Runs the revoke or rotate UPDATE; DB_NOT_FOUND when no live token changed. */
static enum db_rc update_tx(struct db *db, void *ctx)
{
	struct token_change *c = ctx;
	if (db_pg(db))
		return pg_update(db_pg(db), c->hash ? pg_rotate : pg_revoke, c);
	sqlite3_stmt *st = db_stmt(db, c->hash ? sql_rotate : sql_revoke);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->id);
	if (c->hash)
		sqlite3_bind_blob(st, 2, c->hash, (int)c->hash_len, SQLITE_TRANSIENT);
	enum db_rc rc = db_exec_stmt(db, st);
	if (rc == DB_OK && sqlite3_changes(db_handle(db)) == 0)
		rc = DB_NOT_FOUND;
	return rc;
}

enum db_rc db_tokens_revoke(struct db *db, int64_t id)
{
	struct token_change c = {.id = id};
	return db_write_tokens(db, update_tx, &c);
}

enum db_rc db_tokens_revoke_row(struct db *db, int64_t id)
{
	struct token_change c = {.id = id};
	return update_tx(db, &c);
}

enum db_rc db_tokens_rotate(struct db *db, int64_t id, const unsigned char *hash,
			    size_t hash_len)
{
	struct token_change c = {.id = id, .hash = hash, .hash_len = hash_len};
	return db_write_tokens(db, update_tx, &c);
}

static const char sql_touch[] =
	"UPDATE tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";

static const char pg_touch[] =
	"UPDATE tokens SET last_used_at = date_trunc('second', now()) WHERE id = $1";

enum db_rc db_tokens_touch(struct db *db, int64_t id)
{
	if (db_pg(db)) {
		struct token_change c = {.id = id};
		enum db_rc rc = pg_update(db_pg(db), pg_touch, &c);
		return rc == DB_NOT_FOUND ? DB_OK : rc;
	}
	sqlite3_stmt *st = db_stmt(db, sql_touch);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_exec_stmt(db, st);
}
