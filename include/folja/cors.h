/*
 * CORS for browser front-ends on the intranet's own origins (src/http/cors.c).  The server
 * calls these; handlers never see them.
 */
#ifndef FOLJA_CORS_H
#define FOLJA_CORS_H

#include "folja/http.h"

/** Sets r->cors_origin to the request's Origin when it is on the server's allow-list. */
void cors_check(struct req *r);
/** Adds the CORS headers @p r's recorded reply needs (before it is queued). */
void cors_headers(struct req *r);
/** Answers a preflight OPTIONS: 204 with Allow, and the grant when the origin is allowed and
 *  asks for a method of the path; 404 for an unknown path. */
void cors_preflight(struct req *r);

#endif
