/*
 * The reply cache of computed reads (see include/folja/memo.h).
 *
 * A fixed table of entries under one mutex, evicted least-recently-used, with a budget on the
 * bytes it holds so a burst of large replies cannot grow the server without bound.  Lookups and
 * stores copy under the lock, so an entry may be replaced the moment the lock is released.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db.h"
#include "folja/memo.h"
#include "folja/route.h"

#define SLOTS 128
#define MAX_BYTES (64u << 20)    /* all entries together */
#define MAX_ENTRY (8u << 20)     /* one reply; larger ones are not kept */
#define MAX_KEY 1024

struct entry {
	char *key;               /* owned; NULL when the slot is free */
	uint64_t version;        /* the data version (db_versions) the reply was computed at */
	uint64_t used;           /* clock of the last use */
	char content_type[48];
	char disposition[64];    /* "" for none */
	char *body;              /* owned */
	size_t len;
};

static struct entry table[SLOTS];
static size_t bytes;             /* sum of the entries' len */
static uint64_t clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void entry_free(struct entry *e)
{
	bytes -= e->body ? e->len : 0;
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof *e);
}

/* The key of @p r's reply: the format, whom it is for (anonymous, a token, a token with
 * `sensitive`: each sees other figures), today (some figures are "as of today"), the path and
 * the query in canonical form (folja/query.h), so two requests share a key exactly when they
 * ask for the same thing.  False when it does not fit. */
static bool memo_key(struct req *r, char key[MAX_KEY])
{
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
	char who = r->caller.role == ROLE_NONE ? 'a' : r->caller.sensitive ? 's' : 't';
	/* The decoded path may hold any byte; its length in front keeps the key unambiguous. */
	int n = snprintf(key, MAX_KEY, "%c%c %s %zu:%s ", req_wants_csv(r) ? 'c' : 'j', who, today,
			 strlen(r->url), r->url);
	if (n < 0 || n >= MAX_KEY)
		return false;
	return query_key(r->route->query, r->query, key + n, MAX_KEY - (size_t)n) <
	       MAX_KEY - (size_t)n;
}

bool memo_reply(struct req *r)
{
	char key[MAX_KEY];
	struct db_versions v;
	struct db *db = db_thread();
	if (!db || db_versions(db, &v) != DB_OK || !memo_key(r, key))
		return false;
	uint64_t version = v.data;
	bool hit = false;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS && !hit; i++) {
		struct entry *e = &table[i];
		if (!e->key || e->version != version || strcmp(e->key, key) != 0)
			continue;
		e->used = ++clock_;
		reply_copy(r, 200, e->content_type, e->body, e->len);
		if (e->disposition[0])
			reply_header(r, "Content-Disposition", e->disposition);
		hit = true;
	}
	pthread_mutex_unlock(&lock);
	if (hit) {
		reply_header(r, "X-Folja-Cache", "hit");
		return true;
	}
	/* Read the version before the data: a write in between makes the entry stale, never
	 * the data older than its version. */
	r->memo_key = strdup(key);
	r->memo_version = version;
	return false;
}

void memo_capture(struct req *r, const char *content_type, const char *disposition,
		  const char *data, size_t len)
{
	if (!r->memo_key || len > MAX_ENTRY)
		return;
	char *body = malloc(len ? len : 1);
	if (!body)
		return;
	memcpy(body, data, len);
	pthread_mutex_lock(&lock);
	struct entry *victim = NULL;
	for (size_t i = 0; i < SLOTS; i++) {
		struct entry *e = &table[i];
		if (!e->key || e->version != r->memo_version) {
			victim = e;  /* free or stale */
			break;
		}
		if (!victim || e->used < victim->used)
			victim = e;
	}
	entry_free(victim);
	/* Keep within the byte budget, dropping the least recently used. */
	while (bytes + len > MAX_BYTES) {
		struct entry *old = NULL;
		for (size_t i = 0; i < SLOTS; i++)
			if (table[i].key && (!old || table[i].used < old->used))
				old = &table[i];
		if (!old)
			break;
		entry_free(old);
	}
	victim->key = r->memo_key;
	r->memo_key = NULL;
	victim->version = r->memo_version;
	victim->used = ++clock_;
	snprintf(victim->content_type, sizeof victim->content_type, "%s", content_type);
	snprintf(victim->disposition, sizeof victim->disposition, "%s", disposition ? disposition : "");
	victim->body = body;
	victim->len = len;
	bytes += len;
	pthread_mutex_unlock(&lock);
}

void memo_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++)
		entry_free(&table[i]);
	pthread_mutex_unlock(&lock);
}
