/*
 * The reply cache of computed reads (see include/folja/memo.h).
 *
 * A fixed table of entries under one mutex, evicted least-recently-used, with a budget on the
 * bytes it holds so a burst of large replies cannot grow the server without bound.  Lookups and
 * stores copy under the lock, so an entry may be replaced the moment the lock is released.
 */
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db.h"
#include "folja/memo.h"

#define SLOTS 128
#define MAX_BYTES (64u << 20)    /* all entries together */
#define MAX_ENTRY (8u << 20)     /* one reply; larger ones are not kept */
#define MAX_KEY 1024

struct entry {
	char *key;               /* owned; NULL when the slot is free */
	uint64_t version;        /* db_data_version() the reply was computed at */
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

struct key_buf {
	char s[MAX_KEY];
	size_t len;
	bool overflow;
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	struct key_buf *b = cls;
	int n = snprintf(b->s + b->len, sizeof b->s - b->len, "&%s=%s", k, v ? v : "");
	if (n < 0 || (size_t)n >= sizeof b->s - b->len) {
		b->overflow = true;
		return MHD_NO;
	}
	b->len += (size_t)n;
	return MHD_YES;
}

static void entry_free(struct entry *e)
{
	bytes -= e->body ? e->len : 0;
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof *e);
}

bool memo_reply(struct req *r)
{
	struct key_buf b = {0};
	/* The query in its order of arrival: a reordered query is another key, never a wrong
	 * reply. */
	/* Some figures depend on today as well as on the data (open lex Sarah reports overdue as
	 * of today), so the key carries the date: a reply never outlives its day. */
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
	b.len = (size_t)snprintf(b.s, sizeof b.s, "%c%c %s %s?", req_wants_csv(r) ? 'c' : 'j',
				 r->caller.role == ROLE_NONE ? 'a' : 't', today, r->url);
	if (b.len >= sizeof b.s)
		return false;
	MHD_get_connection_values(r->con, MHD_GET_ARGUMENT_KIND, add_arg, &b);
	if (b.overflow)
		return false;
	uint64_t version = db_data_version();
	bool hit = false;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS && !hit; i++) {
		struct entry *e = &table[i];
		if (!e->key || e->version != version || strcmp(e->key, b.s) != 0)
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
	r->memo_key = strdup(b.s);
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
