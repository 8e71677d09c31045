/*
 * Memoised replies of computed reads and of records.
 *
 * A rollup, a goal tree or an IVO report depends only on its request and on the data; so does
 * a record a reader may read, which a system pulling records asks for again and again.  Routes
 * marked `memo` in the routing table (struct route) are answered from a bounded cache keyed
 * by the path, the parsed query, the format asked for, what the caller may see (anonymous, a
 * token, a token with `sensitive`) and today's date (some figures are "as of today"), at the
 * data version kept in the database (db_versions).  Every commit, by this process or any
 * other, moves that version, so a stale reply is never served and no invalidation is needed.
 * A record's reply keeps its ETag (its version) with it.
 */
#ifndef FOLJA_MEMO_H
#define FOLJA_MEMO_H

#include <stddef.h>

#include "folja/http.h"

/** Answers @p r from the cache and returns true on a hit; on a miss remembers the key in @p r
 *  so that memo_capture() can store the reply the handler makes. */
bool memo_reply(struct req *r);
/** Stores a 200 reply of a request memo_reply() missed, with its gzip encoding when one was
 *  made (@p gz NULL otherwise).  @p data and @p gz are copied. */
void memo_capture(struct req *r, const char *content_type, const char *disposition,
		  const char *data, size_t len, const char *gz, size_t gz_len);
/** Keeps the reply @p r is about to make out of the cache: a reply served from storage as it
 *  is (a locked report's stored bytes), whose headers (its own ETag and digest) a cached copy
 *  would not carry. */
void memo_skip(struct req *r);
/** Empties the cache (the server calls it when it starts). */
void memo_clear(void);

#endif
