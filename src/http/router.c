/*
 * Matching a request against the routing table.
 *
 * Patterns are split on '/' and compared segment by segment; "{name}" takes any one
 * non-empty segment, and "{name}:verb" one that ends in ":verb" (the parameter is what comes
 * before it; a custom method such as POST /reports/{id}:lock).  Among the routes whose path matches, the most specific wins (more
 * literal segments, counted from the left), so "/api/v1/goals/tree" beats
 * "/api/v1/goals/{id}" whatever their order in the table.  When the path matches but the
 * method does not, the caller answers 405 with the Allow list gathered here.
 */
#include <stdio.h>
#include <string.h>

#include "folja/route.h"

/* Matches @p path against @p pattern.  Returns -1 for no match, else a specificity score
 * (a bit per literal segment, leftmost highest).  Fills params when @p buf is not NULL. */
static long match(const char *pattern, const char *path, const char *params[REQ_MAX_PARAMS],
		  char *buf, size_t bufsize)
{
	long score = 0;
	int np = 0;
	size_t used = 0;
	const char *p = pattern, *u = path;

	while (*p && *u) {
		if (*p != '/' || *u != '/')
			return -1;
		p++, u++;
		size_t plen = strcspn(p, "/"), ulen = strcspn(u, "/");
		score <<= 1;
		if (p[0] == '{') {
			/* "{id}:lock": a parameter with a literal suffix, more specific than "{id}" */
			const char *close = memchr(p, '}', plen);
			size_t slen = close ? plen - (size_t)(close + 1 - p) : 0;
			if (slen) {
				if (ulen <= slen || memcmp(u + ulen - slen, close + 1, slen) != 0)
					return -1;
				score |= 1;
			}
			size_t vlen = ulen - slen;
			if (ulen == 0 || np >= REQ_MAX_PARAMS)
				return -1;
			if (buf) {
				if (used + vlen + 1 > bufsize)
					return -1;
				memcpy(buf + used, u, vlen);
				buf[used + vlen] = '\0';
				params[np] = buf + used;
				used += vlen + 1;
			}
			np++;
		} else {
			if (plen != ulen || memcmp(p, u, plen) != 0)
				return -1;
			score |= 1;
		}
		p += plen, u += ulen;
	}
	return *p == '\0' && *u == '\0' ? score : -1;
}

void router_match(const char *method, const char *path, struct route_match *m,
		  const char *params[REQ_MAX_PARAMS], char *buf, size_t bufsize)
{
	long best = -1;
	memset(m, 0, sizeof *m);
	/* First the best score over all methods (the path's most specific pattern)... */
	for (const struct route *r = folja_routes; r->method; r++) {
		long s = match(r->pattern, path, NULL, NULL, 0);
		if (s > best)
			best = s;
	}
	if (best < 0)
		return;
	m->path_known = true;
	/* ...then the routes with that pattern: the one for this method, and the Allow list. */
	for (const struct route *r = folja_routes; r->method; r++) {
		if (match(r->pattern, path, NULL, NULL, 0) != best)
			continue;
		size_t len = strlen(m->allow);
		snprintf(m->allow + len, sizeof m->allow - len, "%s%s", len ? ", " : "", r->method);
		if (!m->route && strcmp(r->method, method) == 0)
			m->route = r;
	}
	/* The parameters must fit the caller's buffer; a path that does not is unknown. */
	if (m->route && match(m->route->pattern, path, params, buf, bufsize) < 0) {
		memset(m, 0, sizeof *m);
	}
}
