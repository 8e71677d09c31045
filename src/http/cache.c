/*
 * HTTP caching of reads: the request key, ETags and conditional GET (RFC 9110 8.8, 13.1.2).
 *
 * Every GET answer carries `Cache-Control: private, no-cache` (a browser or proxy may keep it,
 * but must ask again before using it) and an ETag.  A single resource's ETag is its version,
 * set by its handler.  Everything else (lists, rollups, reports) gets a strong ETag made of
 * the data version kept in the database and a hash of the request key (req_key): any write,
 * by any process, changes it, and two different questions never share it.  A client that
 * sends it back in If-None-Match gets 304 with no body; for a computed read that is decided
 * before the handler runs, so a system polling a rollup every minute costs no query while
 * nothing changes (db_versions()).
 */
#include <microhttpd.h>
#include <string.h>
#include <time.h>

#include "folja/cache.h"
#include "folja/db.h"
#include "folja/http.h"
#include "folja/route.h"
#include "folja/strbuf.h"

/* Writes the request key of @p r into @p key; false when it does not fit. */
static bool make_key(const struct req *r, char *key, size_t cap)
{
	/* today's date (UTC), written again only when the day turns */
	static _Thread_local char today[16];
	static _Thread_local time_t day = -1;
	time_t now = time(NULL);
	if (now / 86400 != day) {
		struct tm tm;
		strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
		day = now / 86400;
	}
	char who = r->caller.role == ROLE_NONE ? 'a' : r->caller.sensitive ? 's' : 't';
	char fmt = r->format == FORMAT_CSV ? 'c' : r->format == FORMAT_MD ? 'm' :
		   r->format == FORMAT_HTML ? 'h' : 'j';
	/* The decoded path may hold any byte; its length in front keeps the key unambiguous. */
	struct strbuf b = strbuf_of(key, cap);
	strbuf_char(&b, fmt);
	strbuf_char(&b, who);
	strbuf_i64(&b, r->caller.scope_unit_id);
	strbuf_char(&b, ' ');
	strbuf_str(&b, today);
	strbuf_char(&b, ' ');
	strbuf_u64(&b, strlen(r->url), 1);
	strbuf_char(&b, ':');
	strbuf_str(&b, r->url);
	strbuf_char(&b, ' ');
	strbuf_u64(&b, r->csv_columns ? strlen(r->csv_columns) : 0, 1);
	strbuf_char(&b, ':');
	strbuf_str(&b, r->csv_columns ? r->csv_columns : "");
	strbuf_char(&b, r->csv_swedish ? 's' : '-');
	strbuf_char(&b, ' ');
	if (b.full)
		return false;
	size_t n = b.len;   /* the query goes after; query_key() reports cap when it did not fit */
	return query_key(r->route->query, r->query, key + n, cap - n) < cap - n;
}

const char *req_key(struct req *r)
{
	if (!r->key[0] && !make_key(r, r->key, sizeof r->key)) {
		r->key[0] = '\0';
		return NULL;
	}
	return r->key;
}

bool req_versions(struct req *r, struct db_versions *out)
{
	if (!r->versions_read) {
		struct db_versions v;
		struct db *db = db_thread();
		if (!db || db_versions(db, &v) != DB_OK)
			return false;
		r->data_version = v.data;
		r->tokens_version = v.tokens;
		r->versions_read = true;
	}
	*out = (struct db_versions){.data = r->data_version, .tokens = r->tokens_version};
	return true;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

bool cache_etag(struct req *r, char etag[CACHE_ETAG_MAX])
{
	struct db_versions v;
	const char *key = req_key(r);
	if (!key || !req_versions(r, &v))
		return false;
	struct strbuf b = strbuf_of(etag, CACHE_ETAG_MAX);   /* "d<version>-<hash>" */
	strbuf_str(&b, "\"d");
	strbuf_u64(&b, v.data, 1);
	strbuf_char(&b, '-');
	strbuf_hex64(&b, fnv1a(key));
	strbuf_char(&b, '"');
	return true;
}

bool cache_etag_matches(const char *if_none_match, const char *etag)
{
	if (!if_none_match || !etag)
		return false;
	size_t n = strlen(etag);
	for (const char *p = if_none_match; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)   /* If-None-Match compares weakly */
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

void cache_not_modified(struct req *r, const char *etag)
{
	if (r->resp)
		MHD_destroy_response(r->resp);
	r->resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	r->status = 304;
	reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}
