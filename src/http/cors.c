/*
 * CORS for the intranet's browser front-ends (Fetch standard, "CORS protocol").
 *
 * Origins are allowed by name (`--cors-origin https://intranat.kommun.se`, repeatable; none by
 * default).  A request from an allowed origin gets Access-Control-Allow-Origin naming it, and
 * sees ETag, Location and the other headers a client needs; a preflight OPTIONS is answered
 * 204 with the path's methods and the request headers Följa reads.  Any other origin gets no
 * CORS header at all, so the browser keeps the reply from the page.  Replies say `Vary:
 * Origin` whenever CORS is on, so no cache hands one origin's answer to another.  Tokens
 * travel in Authorization, never in cookies, so credentials mode is not offered.
 */
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "folja/cors.h"
#include "folja/route.h"
#include "folja/server.h"

static const char allow_headers[] = "Authorization, Content-Type, If-Match, If-None-Match";
static const char expose_headers[] =
	"ETag, Location, Retry-After, Content-Disposition, X-Folja-Cache";

void cors_check(struct req *r)
{
	const char *origin = req_header(r, "Origin");
	r->cors_origin = NULL;
	for (unsigned i = 0; origin && i < r->cfg->ncors; i++)
		if (strcasecmp(origin, r->cfg->cors_origins[i]) == 0)
			r->cors_origin = origin;
}

void cors_headers(struct req *r)
{
	if (!r->resp || r->cfg->ncors == 0)
		return;
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_VARY, "Origin");
	if (!r->cors_origin)
		return;
	MHD_add_response_header(r->resp, "Access-Control-Allow-Origin", r->cors_origin);
	MHD_add_response_header(r->resp, "Access-Control-Expose-Headers", expose_headers);
}

void cors_preflight(struct req *r)
{
	struct route_match m;
	const char *want = req_header(r, "Access-Control-Request-Method");
	router_match(want ? want : "GET", r->url, &m, r->params, r->param_buf,
		     sizeof r->param_buf);
	if (!m.path_known) {
		reply_problem(r, 404, "not_found", NULL, "no such path: %s", r->url);
		return;
	}
	reply_static(r, 204, NULL, "", 0);
	char allow[80];
	snprintf(allow, sizeof allow, "%s, OPTIONS", m.allow);
	reply_header(r, "Allow", allow);
	/* Only an allowed origin asking for a method of the path gets the grant. */
	if (!r->cors_origin || !m.route)
		return;
	reply_header(r, "Access-Control-Allow-Methods", m.allow);
	reply_header(r, "Access-Control-Allow-Headers", allow_headers);
	reply_header(r, "Access-Control-Max-Age", "600");
}
