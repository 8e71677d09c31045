/*
 * The reply cache of computed reads and of records (see include/folja/memo.h).
 *
 * A fixed table of entries under one mutex, evicted least-recently-used, with a budget on the
 * bytes it holds so a burst of large replies cannot grow the server without bound.  A hit is
 * sent from the entry's own bytes, shared by reference (struct blob), so the lock is held for
 * a lookup, never for a copy of tens of KiB that every other worker would wait on.  Records
 * (MEMO_RECORD: one row, cheap to read again) are kept in the room computed replies leave: a
 * record takes a free or stale slot or another record's, never a computed reply's, so a
 * system pulling thousands of records cannot evict the rollups.  An entry keeps the reply as
 * computed and, once a client that takes gzip has asked, its gzip encoding too, so a
 * compressed hit costs no deflate.  A store copies the reply before it takes the lock, and a
 * hit holds a reference to what it sends, so an entry may be replaced the moment the lock is
 * released.
 */
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
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

/* A reply's bytes, shared by its entry and the replies being sent from it, and freed by the
 * last of them to let go (MHD lets go of a reply's once it is sent or dropped). */
struct blob {
	atomic_uint refs;
	size_t len;
	char data[];
};

struct entry {
	char *key;               /* owned; NULL when the slot is free */
	uint64_t version;        /* the data version (db_versions) the reply was computed at */
	uint64_t used;           /* clock of the last use */
	bool record;             /* a record's reply (MEMO_RECORD) */
	char content_type[48];
	char disposition[64];    /* "" for none */
	char etag[24];           /* a record's ETag, "" for none */
	struct blob *body;       /* a reference */
	struct blob *gz;         /* a reference: the gzip encoding of body, NULL until asked for */
};

static struct entry table[SLOTS];
static uint64_t hashes[SLOTS];   /* of each entry's key (0 for a free slot), scanned first:
				    1 KiB read for a lookup rather than every entry */
static size_t bytes;             /* sum of the entries' bodies and encodings */
static uint64_t clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* A blob of a copy of @p len bytes at @p data, one reference held; NULL without memory. */
static struct blob *blob_new(const char *data, size_t len)
{
	struct blob *b = malloc(sizeof *b + (len ? len : 1));
	if (!b)
		return NULL;
	atomic_init(&b->refs, 1);
	b->len = len;
	memcpy(b->data, data, len);
	return b;
}

static struct blob *blob_hold(struct blob *b)
{
	atomic_fetch_add(&b->refs, 1);
	return b;
}

/* Lets go of a reference to blob @p cls (NULL: none); the shape of MHD's free callback. */
static void blob_release(void *cls)
{
	struct blob *b = cls;
	if (b && atomic_fetch_sub(&b->refs, 1) == 1)
		free(b);
}

static size_t blob_len(const struct blob *b)
{
	return b ? b->len : 0;
}

static void entry_free(struct entry *e)
{
	bytes -= blob_len(e->body) + blob_len(e->gz);
	free(e->key);
	blob_release(e->body);
	blob_release(e->gz);
	memset(e, 0, sizeof *e);
	hashes[e - table] = 0;
}

/* The entry for @p key at @p version, or NULL.  Called under the lock. */
static struct entry *find(const char *key, uint64_t hash, uint64_t version)
{
	for (size_t i = 0; i < SLOTS; i++) {
		struct entry *e = &table[i];
		if (hashes[i] == hash && e->key && e->version == version && strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

/* What a hit replies, taken from its entry under the lock and sent after it. */
struct hit {
	struct blob *b;          /* a reference, let go of by the reply (or by answer()) */
	bool gz;                 /* b is the gzip encoding */
	bool encode;             /* the client takes gzip and the entry has no encoding yet */
	char content_type[48];
	char disposition[64];
};

/* Takes what a hit on @p e replies into @p h (under the lock). */
static void take(struct req *r, struct entry *e, struct hit *h)
{
	e->used = ++clock_;
	memcpy(r->record_etag, e->etag, sizeof r->record_etag);
	memcpy(h->content_type, e->content_type, sizeof h->content_type);
	memcpy(h->disposition, e->disposition, sizeof h->disposition);
	h->encode = r->gzip && e->body->len > GZIP_MIN_BYTES && !e->gz;
	h->gz = r->gzip && e->gz;
	h->b = blob_hold(h->gz ? e->gz : e->body);
}

/* Encodes a hit's body (outside the lock) and keeps the encoding in its entry when the entry
 * is still there; @p h then holds the encoding.  Without memory the body goes as it is. */
static void encode(const char *key, uint64_t hash, uint64_t version, struct hit *h)
{
	size_t len = 0;
	char *bytes_gz = gzip_encode(h->b->data, h->b->len, &len);
	struct blob *gz = bytes_gz ? blob_new(bytes_gz, len) : NULL;
	free(bytes_gz);
	if (!gz)
		return;
	pthread_mutex_lock(&lock);
	struct entry *e = find(key, hash, version);
	if (e && !e->gz && bytes + len <= MAX_BYTES) {
		e->gz = blob_hold(gz);
		bytes += len;
	}
	pthread_mutex_unlock(&lock);
	blob_release(h->b);
	h->b = gz;
	h->gz = true;
}

/* Sends hit @p h, its reference going with the reply. */
static void answer(struct req *r, struct hit *h)
{
	reply_shared(r, h->content_type, h->disposition[0] ? h->disposition : NULL, h->gz,
		     h->b->data, h->b->len, blob_release, h->b);
	if (r->resp) {
		reply_header(r, "X-Folja-Cache", "hit");
		if (r->record_etag[0])
			reply_header(r, MHD_HTTP_HEADER_ETAG, r->record_etag);
	}
}

bool memo_reply(struct req *r)
{
	struct db_versions v;
	const char *key = req_key(r);
	if (!key || !req_versions(r, &v))
		return false;
	uint64_t hash = fnv1a(key);
	struct hit h = {0};
	pthread_mutex_lock(&lock);
	struct entry *e = find(key, hash, v.data);
	if (e)
		take(r, e, &h);
	pthread_mutex_unlock(&lock);
	if (h.encode)
		encode(key, hash, v.data, &h);
	if (h.b)
		answer(r, &h);
	if (r->resp)
		return true;
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
	struct blob *body = blob_new(data, len), *gz_copy = gz ? blob_new(gz, gz_len) : NULL;
	if (!body || (gz && !gz_copy)) {
		blob_release(body);
		blob_release(gz_copy);
		return;
	}
	bool record = r->route->memo == MEMO_RECORD;
	pthread_mutex_lock(&lock);
	struct entry *victim = victim_for(r->memo_version, record);
	if (!victim) {
		pthread_mutex_unlock(&lock);
		blob_release(body);
		blob_release(gz_copy);
		return;
	}
	entry_free(victim);
	/* Keep within the byte budget, dropping the least recently used (a record, records). */
	while (bytes + len + gz_len > MAX_BYTES) {
		struct entry *old = NULL;
		for (size_t i = 0; i < SLOTS; i++)
			if (table[i].key && (!record || table[i].record) &&
			    (!old || table[i].used < old->used))
				old = &table[i];
		if (!old)
			break;
		entry_free(old);
	}
	if (bytes + len + gz_len > MAX_BYTES) {   /* a record, and no room left by the rest */
		pthread_mutex_unlock(&lock);
		blob_release(body);
		blob_release(gz_copy);
		return;
	}
	*victim = (struct entry){.key = r->memo_key, .version = r->memo_version,
				 .used = ++clock_, .body = body, .gz = gz_copy};
	hashes[victim - table] = fnv1a(victim->key);
	r->memo_key = NULL;
	victim->record = record;
	memcpy(victim->etag, r->record_etag, sizeof victim->etag);
	snprintf(victim->content_type, sizeof victim->content_type, "%s", content_type);
	snprintf(victim->disposition, sizeof victim->disposition, "%s", disposition ? disposition : "");
	bytes += len + blob_len(gz_copy);
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
