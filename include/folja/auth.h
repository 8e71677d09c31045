/*
 * Bearer tokens.  A token reads "folja_<id>_<secret>": the id finds the row, the secret (32
 * random bytes from libsodium, hex) is checked against the stored BLAKE2b hash in constant
 * time.  Secrets are printed once, by `folja token create`, and never stored or logged.
 */
#ifndef FOLJA_AUTH_H
#define FOLJA_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "folja/route.h"
#include "folja/db.h"

#define AUTH_TOKEN_MAX 128

/* What a new token may do. */
struct token_grant {
	enum role role;
	bool sensitive;            /* may read and write lex Sarah and decision detail */
	int64_t scope_unit_id;     /* sees and writes this unit's subtree only; 0: everything */
	const char *expires_at;    /* UTC "YYYY-MM-DDTHH:MM:SSZ"; NULL for never */
};

/** Creates a token named @p name with grant @p g and writes it (NUL-terminated) into @p out
 *  (AUTH_TOKEN_MAX bytes).  DB_INVALID for a role out of range; a scope naming no unit is
 *  refused by the database (DB_CONFLICT). */
enum db_rc auth_token_create(struct db *db, const char *name, const struct token_grant *g,
			     char out[AUTH_TOKEN_MAX]);
/** Gives live token @p id a new secret, written as a whole token into @p out; the old secret
 *  is refused from the next request on.  DB_NOT_FOUND when there is no live token @p id. */
enum db_rc auth_token_rotate(struct db *db, int64_t id, char out[AUTH_TOKEN_MAX]);
/** Writes @p t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into @p out. */
void auth_timestamp(time_t t, char out[24]);
/** Forgets every cached token verification (the server calls it when it starts). */
void auth_cache_clear(void);
/** Parses a role name ("reader", "editor", "admin"); ROLE_NONE when unknown. */
enum role auth_role_parse(const char *s);
/** Authenticates the request and checks @p access; replies 401/403/503 and returns true
 *  when the caller may not go on.  Fills r->caller. */
bool auth_or_reply(struct req *r, enum access access);

#endif
