/*
 * Conditional GET: ETags and 304 (src/http/cache.c).  The server asks these around every GET
 * handler; handlers never see them.
 */
#ifndef FOLJA_CACHE_H
#define FOLJA_CACHE_H

#include <stdbool.h>

#include "folja/http.h"   /* CACHE_ETAG_MAX */

/** The strong ETag of @p r's reply from the data version and the request key, written with
 *  its quotes into @p etag.  False when the database cannot say its version. */
bool cache_etag(struct req *r, char etag[CACHE_ETAG_MAX]);
/** True when the If-None-Match value @p if_none_match (may be NULL) names @p etag (weak
 *  comparison, `*` matching anything). */
bool cache_etag_matches(const char *if_none_match, const char *etag);
/** Replaces @p r's reply, if any, with 304 Not Modified carrying @p etag (copied). */
void cache_not_modified(struct req *r, const char *etag);

#endif
