/*
 * Authentication and authorisation of a request against its route's access level.
 *
 * Without a token only public routes answer, and reads when the server runs --open-read.  A
 * token that is present but wrong, revoked or expired is 401 even where none is needed, so a
 * misconfigured client learns at once.  Roles are ordered (reader < editor < admin);
 * `sensitive` is a separate grant that lex Sarah and decision detail require on top of the
 * role.
 *
 * Verified tokens are cached by id with the tokens version of the database they were read at
 * (db_versions): a revocation or rotation by any process moves that version, so the next
 * request reads the token again and is refused.  Expiry is checked on every request.  When a
 * token was last used is written at most once a minute per token, and moves no version.
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
#define TOUCH_EVERY_S 60  /* last_used_at is recorded at most this often per token */

static const char *const role_names[] = {[ROLE_READER] = "reader", [ROLE_EDITOR] = "editor",
					 [ROLE_ADMIN] = "admin"};

/* Recently verified tokens by id.  Only hashes are kept, as in the database. */
static struct {
	int64_t id;                /* 0: free */
	uint64_t tokens_version;   /* the database's tokens version when it was read */
	unsigned char hash[HASH_BYTES];
	struct caller caller;
	char expires_at[24];       /* "" for never */
	time_t touched;            /* when last_used_at was last written */
} cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void hash_secret(const char *secret, unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, (const unsigned char *)secret, strlen(secret), NULL, 0);
}

/* The cached entry of token @p id when it was read at tokens version @p v; false when absent
 * or older. */
static bool cache_get(int64_t id, uint64_t v, unsigned char hash[HASH_BYTES], struct caller *c,
		      char expires_at[24], bool *touch)
{
	size_t slot = (size_t)id % CACHE_SLOTS;
	time_t now = time(NULL);
	bool hit = false;
	pthread_mutex_lock(&cache_lock);
	if (cache[slot].id == id && cache[slot].tokens_version == v) {
		memcpy(hash, cache[slot].hash, HASH_BYTES);
		*c = cache[slot].caller;
		memcpy(expires_at, cache[slot].expires_at, 24);
		*touch = now - cache[slot].touched >= TOUCH_EVERY_S;
		if (*touch)
			cache[slot].touched = now;
		hit = true;
	}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void cache_put(int64_t id, uint64_t v, const unsigned char hash[HASH_BYTES],
		      const struct caller *c, const char expires_at[24])
{
	size_t slot = (size_t)id % CACHE_SLOTS;
	pthread_mutex_lock(&cache_lock);
	cache[slot].id = id;
	cache[slot].tokens_version = v;
	memcpy(cache[slot].hash, hash, HASH_BYTES);
	cache[slot].caller = *c;
	memcpy(cache[slot].expires_at, expires_at, 24);
	cache[slot].touched = time(NULL);
	pthread_mutex_unlock(&cache_lock);
}

/* Looks token @p id up, in the cache when it is current, else in the database: DB_OK,
 * DB_NOT_FOUND for no live token, or the storage failure.  *touch is set when last_used_at is
 * due to be written. */
static enum db_rc token_lookup(struct req *r, struct db *db, int64_t id,
			       unsigned char hash[HASH_BYTES], struct caller *c, char expires_at[24],
			       bool *touch)
{
	struct db_versions v;
	struct db_token t;
	enum db_rc rc;
	if (!req_versions(r, &v))
		return DB_ERROR;
	if (cache_get(id, v.tokens, hash, c, expires_at, touch))
		return DB_OK;
	if ((rc = db_tokens_get(db, id, hash, HASH_BYTES, &t)) != DB_OK)
		return rc;
	*c = (struct caller){.role = auth_role_parse(t.role), .sensitive = t.sensitive,
			     .token_id = t.id, .scope_unit_id = t.scope_unit_id};
	snprintf(c->name, sizeof c->name, "%s", t.name);
	snprintf(expires_at, 24, "%s", t.expires_at);
	cache_put(id, v.tokens, hash, c, expires_at);
	/* A token read afresh is touched when its last use is over a minute old. */
	char now[24];
	auth_timestamp(time(NULL), now);
	*touch = !t.last_used_at[0] || strncmp(t.last_used_at, now, 16) != 0;
	return DB_OK;
}

void auth_cache_clear(void)
{
	pthread_mutex_lock(&cache_lock);
	memset(cache, 0, sizeof cache);
	pthread_mutex_unlock(&cache_lock);
}

void auth_timestamp(time_t t, char out[24])
{
	/* every request asks for the current second: formatted once per second and thread */
	static _Thread_local char last[24];
	static _Thread_local time_t last_t = -1;
	if (t != last_t) {
		struct tm tm;
		strftime(last, sizeof last, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		last_t = t;
	}
	memcpy(out, last, sizeof last);
}

enum role auth_role_parse(const char *s)
{
	for (int r = ROLE_READER; s && r <= ROLE_ADMIN; r++)
		if (strcmp(s, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

/* A new secret into @p secret (hex) and its hash into @p hash. */
static bool new_secret(char secret[2 * SECRET_BYTES + 1], unsigned char hash[HASH_BYTES])
{
	unsigned char raw[SECRET_BYTES];
	if (sodium_init() < 0)
		return false;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(secret, 2 * SECRET_BYTES + 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	hash_secret(secret, hash);
	return true;
}

enum db_rc auth_token_create(struct db *db, const char *name, const struct token_grant *g,
			     char out[AUTH_TOKEN_MAX])
{
	unsigned char hash[HASH_BYTES];
	char secret[2 * SECRET_BYTES + 1];
	int64_t id = 0;
	if (g->role < ROLE_READER || g->role > ROLE_ADMIN)
		return DB_INVALID;
	if (!new_secret(secret, hash))
		return DB_ERROR;
	struct db_token_in t = {name, role_names[g->role], g->sensitive, g->scope_unit_id,
				g->expires_at};
	enum db_rc rc = db_tokens_insert(db, &t, hash, sizeof hash, &id);
	if (rc == DB_OK)
		snprintf(out, AUTH_TOKEN_MAX, "folja_%lld_%s", (long long)id, secret);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

enum db_rc auth_token_rotate(struct db *db, int64_t id, char out[AUTH_TOKEN_MAX])
{
	unsigned char hash[HASH_BYTES];
	char secret[2 * SECRET_BYTES + 1];
	if (!new_secret(secret, hash))
		return DB_ERROR;
	enum db_rc rc = db_tokens_rotate(db, id, hash, sizeof hash);
	if (rc == DB_OK)
		snprintf(out, AUTH_TOKEN_MAX, "folja_%lld_%s", (long long)id, secret);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

/* Checks "Bearer folja_<id>_<secret>"; fills @p c.  DB_OK for a live token; DB_NOT_FOUND
 * for anything else (unknown, revoked, expired, malformed, the wrong secret); the storage
 * failure when the token could not be read. */
static enum db_rc verify(struct req *r, const char *header, struct caller *c)
{
	/* The scheme name is case-insensitive (RFC 9110 11.1); the token is not. */
	if (strncasecmp(header, "Bearer ", 7) != 0 || strncmp(header + 7, "folja_", 6) != 0)
		return DB_NOT_FOUND;
	const char *p = header + 13;
	char *end, expires_at[24], now[24];
	long long id = strtoll(p, &end, 10);
	if (end == p || *end != '_' || id <= 0 || strlen(end + 1) != 2 * SECRET_BYTES)
		return DB_NOT_FOUND;
	unsigned char want[HASH_BYTES], have[HASH_BYTES];
	bool touch = false;
	struct db *db = db_thread();
	if (!db)
		return DB_ERROR;
	hash_secret(end + 1, have);
	enum db_rc rc = token_lookup(r, db, id, want, c, expires_at, &touch);
	if (rc != DB_OK)
		return rc;
	auth_timestamp(time(NULL), now);
	if (sodium_memcmp(want, have, HASH_BYTES) != 0 ||
	    (expires_at[0] && strcmp(expires_at, now) <= 0))
		return DB_NOT_FOUND;
	if (touch)
		db_tokens_touch(db, id);  /* best effort: a busy database must not refuse a read */
	return DB_OK;
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
	enum db_rc rc = h ? verify(r, h, &r->caller) : DB_OK;
	if (rc != DB_OK && rc != DB_NOT_FOUND) {
		memset(&r->caller, 0, sizeof r->caller);
		reply_problem(r, 503, "unavailable", NULL, "the token could not be checked: the "
			      "database is %s", db_rc_name(rc));
		reply_header(r, "Retry-After", "1");
		return true;
	}
	if (rc == DB_NOT_FOUND) {
		memset(&r->caller, 0, sizeof r->caller);
		reply_problem(r, 401, "unauthorized", NULL, "the token is not valid (unknown, "
			      "revoked or expired)");
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
