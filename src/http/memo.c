/*
 * The reply cache of computed reads and of records (see include/folja/memo.h).
 *
 * A fixed table of entries under one mutex, evicted least-recently-used, with a budget on the
 * bytes it holds so a burst of large replies cannot grow the server without bound.  Records
 * (MEMO_RECORD: one row, cheap to read again) are kept in the room computed replies leave: a
 * record takes a free or stale slot or another record's, never a computed reply's, so a
 * system pulling thousands of records cannot evict the rollups.  An entry
 * keeps the reply as computed and, once a client that takes gzip has asked, its gzip encoding
 * too, so a compressed hit costs a copy and no deflate.  Lookups and stores copy under the
 * lock, so an entry may be replaced the moment the lock is released.
 */
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db.h"
#include "folja/gzip.h"
#include "folja/memo.h"
#include "folja/route.h"

#define SLOTS 128
#define MAX_BYTES (64u << 20)    /* all entries together */
#define MAX_ENTRY (8u << 20)     /* one reply; larger ones are not kept */

struct entry {
	char *key;               /* owned; NULL when the slot is free */
	uint64_t hash;           /* of key, compared first */
	uint64_t version;        /* the data version (db_versions) the reply was computed at */
	uint64_t used;           /* clock of the last use */
	bool record;             /* a record's reply (MEMO_RECORD) */
	char content_type[48];
	char disposition[64];    /* "" for none */
	char etag[24];           /* a record's ETag, "" for none */
	char *body;              /* owned */
	size_t len;
	char *gz;                /* owned: the gzip encoding of body, NULL until asked for */
	size_t gz_len;
};

static struct entry table[SLOTS];
static size_t bytes;             /* sum of the entries' len and gz_len */
static uint64_t clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void entry_free(struct entry *e)
{
	bytes -= (e->body ? e->len : 0) + (e->gz ? e->gz_len : 0);
	free(e->key);
	free(e->body);
	free(e->gz);
	memset(e, 0, sizeof *e);
}

/* The entry for @p key at @p version, or NULL.  Called under the lock. */
static struct entry *find(const char *key, uint64_t hash, uint64_t version)
{
	for (size_t i = 0; i < SLOTS; i++) {
		struct entry *e = &table[i];
		if (e->key && e->hash == hash && e->version == version && strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

/* Answers from @p e (under the lock).  False when the client takes gzip and the entry has no
 * encoding yet: *plain then gets a copy of the body to encode outside the lock. */
static bool answer(struct req *r, struct entry *e, char **plain)
{
	e->used = ++clock_;
	memcpy(r->record_etag, e->etag, sizeof r->record_etag);
	const char *disp = e->disposition[0] ? e->disposition : NULL;
	if (r->gzip && e->len > GZIP_MIN_BYTES && !e->gz) {
		*plain = malloc(e->len);
		if (*plain)
			memcpy(*plain, e->body, e->len);
		return false;
	}
	if (r->gzip && e->gz)
		reply_encoded_copy(r, e->content_type, disp, e->gz, e->gz_len);
	else
		reply_memo_copy(r, e->content_type, disp, e->body, e->len);
	return true;
}

/* Encodes a hit's body, keeps the encoding in the entry when it is still there, replies. */
static void answer_encoded(struct req *r, const char *key, uint64_t hash, uint64_t version,
			   char *plain, size_t len)
{
	size_t gz_len = 0;
	char *gz = gzip_encode(plain, len, &gz_len);
	pthread_mutex_lock(&lock);
	struct entry *e = find(key, hash, version);
	if (e && gz && !e->gz && bytes + gz_len <= MAX_BYTES) {
		e->gz = gz;
		e->gz_len = gz_len;
		bytes += gz_len;
		gz = NULL;
	}
	if (e && e->gz)
		reply_encoded_copy(r, e->content_type, e->disposition[0] ? e->disposition : NULL,
				   e->gz, e->gz_len);
	pthread_mutex_unlock(&lock);
	free(gz);
	free(plain);
	/* no reply when the entry went meanwhile, or memory ran out: the handler computes it */
}

bool memo_reply(struct req *r)
{
	struct db_versions v;
	const char *key = req_key(r);
	if (!key || !req_versions(r, &v))
		return false;
	uint64_t hash = fnv1a(key);
	char *plain = NULL;
	size_t len = 0;
	bool hit = false;
	pthread_mutex_lock(&lock);
	struct entry *e = find(key, hash, v.data);
	if (e) {
		len = e->len;
		hit = answer(r, e, &plain);
	}
	pthread_mutex_unlock(&lock);
	if (!hit && plain)
		answer_encoded(r, key, hash, v.data, plain, len);
	if (r->resp) {
		reply_header(r, "X-Folja-Cache", "hit");
		if (r->record_etag[0])
			reply_header(r, MHD_HTTP_HEADER_ETAG, r->record_etag);
		return true;
	}
	/* Read the version before the data: a write in between makes the entry stale, never
	 * the data older than its version. */
	r->memo_key = strdup(key);
	r->memo_version = v.data;
	return false;
}

/* The slot to fill: a free or stale one, else the least recently used record, else (for a
 * computed reply) the least recently used entry; NULL when a record finds no room.  Under
 * the lock. */
static struct entry *victim_for(uint64_t version, bool record)
{
	struct entry *oldest = NULL, *oldest_record = NULL;
	for (size_t i = 0; i < SLOTS; i++) {
		struct entry *e = &table[i];
		if (!e->key || e->version != version)
			return e;
		if (!oldest || e->used < oldest->used)
			oldest = e;
		if (e->record && (!oldest_record || e->used < oldest_record->used))
			oldest_record = e;
	}
	return oldest_record ? oldest_record : record ? NULL : oldest;
}

void memo_capture(struct req *r, const char *content_type, const char *disposition,
		  const char *data, size_t len, const char *gz, size_t gz_len)
{
	if (!r->memo_key || len + gz_len > MAX_ENTRY)
		return;
	char *body = malloc(len ? len : 1), *gz_copy = gz ? malloc(gz_len) : NULL;
	if (!body || (gz && !gz_copy)) {
		free(body);
		free(gz_copy);
		return;
	}
	memcpy(body, data, len);
	if (gz)
		memcpy(gz_copy, gz, gz_len);
	bool record = r->route->memo == MEMO_RECORD;
	pthread_mutex_lock(&lock);
	struct entry *victim = victim_for(r->memo_version, record);
	if (!victim) {
		pthread_mutex_unlock(&lock);
		free(body);
		free(gz_copy);
		return;
	}
	entry_free(victim);
	/* Keep within the byte budget, dropping the least recently used. */
	while (bytes + len + gz_len > MAX_BYTES) {
		struct entry *old = NULL;
		for (size_t i = 0; i < SLOTS; i++)
			if (table[i].key && (!old || table[i].used < old->used))
				old = &table[i];
		if (!old)
			break;
		entry_free(old);
	}
	*victim = (struct entry){.key = r->memo_key, .hash = fnv1a(r->memo_key),
				 .version = r->memo_version, .used = ++clock_, .body = body,
				 .len = len, .gz = gz_copy, .gz_len = gz ? gz_len : 0};
	r->memo_key = NULL;
	victim->record = record;
	memcpy(victim->etag, r->record_etag, sizeof victim->etag);
	snprintf(victim->content_type, sizeof victim->content_type, "%s", content_type);
	snprintf(victim->disposition, sizeof victim->disposition, "%s", disposition ? disposition : "");
	bytes += len + victim->gz_len;
	pthread_mutex_unlock(&lock);
}

void memo_skip(struct req *r)
{
	free(r->memo_key);
	r->memo_key = NULL;
}

void memo_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++)
		entry_free(&table[i]);
	pthread_mutex_unlock(&lock);
}
