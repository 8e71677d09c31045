/*
 * Authentication and authorisation of a request against its route's access level.
 *
 * Without a token only public routes answer, and reads when the server runs --open-read.  A
 * token that is present but wrong is 401 even where none is needed, so a misconfigured client
 * learns at once.  Roles are ordered (reader < editor < admin); `sensitive` is a separate
 * grant that lex Sarah and decision detail require on top of the role.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "folja/auth.h"
#include "folja/server.h"


#define SECRET_BYTES 32
#define HASH_BYTES crypto_generichash_BYTES
#define CACHE_SLOTS 64
#define CACHE_TTL_S 5     /* a changed or revoked token takes effect within this time */

/* Recently verified tokens by id, so a request costs no database read for its token.  Only
 * hashes are kept, as in the database; a slot is trusted for CACHE_TTL_S seconds. */
static struct {
	int64_t id;
	unsigned char hash[HASH_BYTES];
	struct caller caller;
	time_t at;
} cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void hash_secret(const char *secret, unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, (const unsigned char *)secret, strlen(secret), NULL, 0);
}

/* Looks token @p id up in the cache (unless @p fresh) or in the database, refreshing the
 * cache. */
static bool token_lookup(int64_t id, bool fresh, unsigned char hash[HASH_BYTES], struct caller *c)
{
	size_t slot = (size_t)id % CACHE_SLOTS;
	time_t now = time(NULL);
	bool hit = false;
	pthread_mutex_lock(&cache_lock);
	if (!fresh && cache[slot].id == id && now - cache[slot].at < CACHE_TTL_S) {
		memcpy(hash, cache[slot].hash, HASH_BYTES);
		*c = cache[slot].caller;
		hit = true;
	}
	pthread_mutex_unlock(&cache_lock);
	if (hit)
		return true;
	struct db *db = db_thread();
	struct db_token t;
	if (!db || db_tokens_get(db, id, hash, HASH_BYTES, &t) != DB_OK)
		return false;
	*c = (struct caller){.role = auth_role_parse(t.role), .sensitive = t.sensitive,
			     .token_id = t.id};
	snprintf(c->name, sizeof c->name, "%s", t.name);
	pthread_mutex_lock(&cache_lock);
	cache[slot].id = id;
	memcpy(cache[slot].hash, hash, HASH_BYTES);
	cache[slot].caller = *c;
	cache[slot].at = now;
	pthread_mutex_unlock(&cache_lock);
	return true;
}

void auth_cache_clear(void)
{
	pthread_mutex_lock(&cache_lock);
	memset(cache, 0, sizeof cache);
	pthread_mutex_unlock(&cache_lock);
}

enum role auth_role_parse(const char *s)
{
	if (!s)
		return ROLE_NONE;
	if (strcmp(s, "reader") == 0)
		return ROLE_READER;
	if (strcmp(s, "editor") == 0)
		return ROLE_EDITOR;
	if (strcmp(s, "admin") == 0)
		return ROLE_ADMIN;
	return ROLE_NONE;
}

enum db_rc auth_token_create(struct db *db, const char *name, enum role role, bool sensitive,
			     char out[AUTH_TOKEN_MAX])
{
	unsigned char raw[SECRET_BYTES], hash[HASH_BYTES];
	char secret[2 * SECRET_BYTES + 1];
	int64_t id = 0;

	if (sodium_init() < 0)
		return DB_ERROR;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(secret, sizeof secret, raw, sizeof raw);
	hash_secret(secret, hash);
	static const char *const names[] = {[ROLE_READER] = "reader", [ROLE_EDITOR] = "editor",
					    [ROLE_ADMIN] = "admin"};
	if (role < ROLE_READER || role > ROLE_ADMIN)
		return DB_INVALID;
	enum db_rc rc = db_tokens_insert(db, name, names[role], sensitive, hash, sizeof hash, &id);
	if (rc == DB_OK)
		snprintf(out, AUTH_TOKEN_MAX, "folja_%lld_%s", (long long)id, secret);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

/* Checks "Bearer folja_<id>_<secret>"; fills @p c.  False for anything not a live token. */
static bool verify(const char *header, struct caller *c)
{
	/* The scheme name is case-insensitive (RFC 9110 11.1); the token is not. */
	if (strncasecmp(header, "Bearer ", 7) != 0 || strncmp(header + 7, "folja_", 6) != 0)
		return false;
	const char *p = header + 13;
	char *end;
	long long id = strtoll(p, &end, 10);
	if (end == p || *end != '_' || id <= 0 || strlen(end + 1) != 2 * SECRET_BYTES)
		return false;
	unsigned char want[HASH_BYTES], have[HASH_BYTES];
	hash_secret(end + 1, have);
	/* A cached entry that does not match is checked against the database once more, so a
	 * token re-issued under the same id (a new database) is never refused from the cache. */
	for (int fresh = 0; fresh < 2; fresh++) {
		if (!token_lookup(id, fresh, want, c))
			return false;
		if (sodium_memcmp(want, have, HASH_BYTES) == 0)
			return true;
	}
	return false;
}

static bool allowed(const struct caller *c, enum access access, bool open_read)
{
	switch (access) {
	case ACCESS_PUBLIC:
		return true;
	case ACCESS_READ:
		return c->role >= ROLE_READER || open_read;
	case ACCESS_READ_SENSITIVE:
		return c->role >= ROLE_READER && c->sensitive;
	case ACCESS_EDIT:
		return c->role >= ROLE_EDITOR;
	case ACCESS_EDIT_SENSITIVE:
		return c->role >= ROLE_EDITOR && c->sensitive;
	case ACCESS_ADMIN:
		return c->role >= ROLE_ADMIN;
	}
	return false;
}

bool auth_or_reply(struct req *r, enum access access)
{
	const char *h = req_header(r, "Authorization");
	if (h && !verify(h, &r->caller)) {
		memset(&r->caller, 0, sizeof r->caller);
		reply_problem(r, 401, "unauthorized", NULL, "the token is not valid");
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"folja\", error=\"invalid_token\"");
		return true;
	}
	if (allowed(&r->caller, access, r->cfg->open_read))
		return false;
	if (!h) {
		reply_problem(r, 401, "unauthorized", NULL, "this endpoint needs a bearer token");
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"folja\"");
		return true;
	}
	reply_problem(r, 403, "forbidden", NULL, "the token's role%s may not do this",
		      access == ACCESS_READ_SENSITIVE || access == ACCESS_EDIT_SENSITIVE ?
		      " (or its lack of `sensitive`)" : "");
	return true;
}
