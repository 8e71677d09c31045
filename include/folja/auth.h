/*
 * Bearer tokens.  A token reads "folja_<id>_<secret>": the id finds the row, the secret (32
 * random bytes from libsodium, hex) is checked against the stored BLAKE2b hash in constant
 * time.  Secrets are printed once, by `folja token create`, and never stored or logged.
 */
#ifndef FOLJA_AUTH_H
#define FOLJA_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "folja/route.h"
#include "folja/db.h"

#define AUTH_TOKEN_MAX 128

/** Creates a token and writes it (NUL-terminated) into @p out (AUTH_TOKEN_MAX bytes). */
enum db_rc auth_token_create(struct db *db, const char *name, enum role role, bool sensitive,
			     char out[AUTH_TOKEN_MAX]);
/** Forgets every cached token verification (the server calls it when it starts). */
void auth_cache_clear(void);
/** Parses a role name ("reader", "editor", "admin"); ROLE_NONE when unknown. */
enum role auth_role_parse(const char *s);
/** Authenticates the request and checks @p access; replies 401/403/503 and returns true
 *  when the caller may not go on.  Fills r->caller. */
bool auth_or_reply(struct req *r, enum access access);

#endif
