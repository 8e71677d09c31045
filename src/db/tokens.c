/*
 * API tokens.  The database holds a hash of each token's secret, never the secret, so a copy
 * of the file does not grant access.  The lookup is by the token's id (public, part of the
 * token) and the hash is compared by the caller in constant time.
 */
#include <string.h>

#include "folja/db.h"

#include "sql.h"

static const char *const role_names[] = {"reader", "editor", "admin", NULL};

static const char sql_insert[] =
	"INSERT INTO tokens (name, role, sensitive, hash) VALUES (?1, ?2, ?3, ?4)";

enum db_rc db_tokens_insert(struct db *db, const char *name, const char *role, bool sensitive,
			    const unsigned char *hash, size_t hash_len, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, sql_insert);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, role);
	sqlite3_bind_int(st, 3, sensitive);
	sqlite3_bind_blob(st, 4, hash, (int)hash_len, SQLITE_TRANSIENT);
	enum db_rc rc = db_exec_stmt(db, st);
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

static const char sql_get[] =
	"SELECT hash, role, sensitive, name FROM tokens WHERE id = ?1 AND revoked = 0";

enum db_rc db_tokens_get(struct db *db, int64_t id, unsigned char *hash, size_t hash_len,
			 struct db_token *out)
{
	sqlite3_stmt *st = db_stmt(db, sql_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_rc rc = DB_NOT_FOUND;
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == hash_len) {
		memcpy(hash, sqlite3_column_blob(st, 0), hash_len);
		const char *role = (const char *)sqlite3_column_text(st, 1);
		out->role = NULL;
		for (int i = 0; role && role_names[i]; i++)
			if (strcmp(role, role_names[i]) == 0)
				out->role = role_names[i];
		out->sensitive = sqlite3_column_int(st, 2) != 0;
		out->id = id;
		snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(st, 3));
		rc = DB_OK;
	} else if (s != SQLITE_ROW && s != SQLITE_DONE) {
		rc = db_rc_from(db, s);
	}
	db_done(st);
	return rc;
}
