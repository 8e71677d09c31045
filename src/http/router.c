/*
 * Matching a request against the routing table.
 *
 * Patterns are split on '/' once, the first time the table is used, and the request's path
 * once per request; a route is then compared segment by segment only when it has as many
 * segments as the path.  "{name}" takes any one non-empty segment, and "{name}:verb" one that
 * ends in ":verb" (the parameter is what comes before it: a custom method such as POST
 * /api/v1/reports/{id}:lock), which counts as literal.  Among the routes whose path matches,
 * the most specific wins (more literal segments, counted from the left), so
 * "/api/v1/goals/tree" beats "/api/v1/goals/{id}" whatever their order in the table.  When
 * the path matches but the method does not, the caller answers 405 with the Allow list
 * gathered here.
 */
#include <pthread.h>
#include <string.h>

#include "folja/route.h"

#define MAX_SEGS 12       /* a longer path names no route */
#define MAX_ROUTES 256

struct seg {
	const char *s;        /* into the pattern or the path; not NUL-terminated */
	size_t len;
	bool param;           /* "{name}", or "{name}" followed by a literal suffix */
	const char *suffix;   /* the suffix after "}" ("" for none); not NUL-terminated */
	size_t suffix_len;
};

struct compiled {
	const struct route *rt;
	int nseg;
	struct seg seg[MAX_SEGS];
};

static struct compiled table[MAX_ROUTES];
static size_t ntable;
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

/* Splits @p path ("/a/b") into @p segs; -1 when it has more than MAX_SEGS or does not start
 * with '/' (an empty path segment is kept, and matches nothing but a literal empty one). */
static int split(const char *path, struct seg segs[MAX_SEGS])
{
	int n = 0;
	for (const char *p = path; *p;) {
		if (*p != '/' || n == MAX_SEGS)
			return -1;
		p++;
		size_t len = strcspn(p, "/");
		const char *close = len > 1 && p[0] == '{' ? memchr(p, '}', len) : NULL;
		segs[n++] = (struct seg){.s = p, .len = len, .param = close != NULL,
					 .suffix = close ? close + 1 : "",
					 .suffix_len = close ? len - (size_t)(close + 1 - p) : 0};
		p += len;
	}
	return n;
}

static void compile(void)
{
	for (const struct route *rt = folja_routes; rt->method && ntable < MAX_ROUTES; rt++) {
		struct compiled *c = &table[ntable];
		c->rt = rt;
		c->nseg = split(rt->pattern, c->seg);
		if (c->nseg >= 0)
			ntable++;
	}
}

/* The specificity of @p c for the path @p segs (@p n of them): a bit per literal segment,
 * leftmost highest; -1 when it does not match.  The segments are compared from the last:
 * patterns share their first ones ("api", "v1"), and differ in the later. */
static long score(const struct compiled *c, const struct seg *segs, int n)
{
	long s = 0;
	if (c->nseg != n)
		return -1;
	for (int i = n - 1; i >= 0; i--) {
		const struct seg *p = &c->seg[i];
		long bit = 1L << (n - 1 - i);
		if (p->param && p->suffix_len) {
			if (segs[i].len <= p->suffix_len ||
			    memcmp(segs[i].s + segs[i].len - p->suffix_len, p->suffix,
				   p->suffix_len) != 0)
				return -1;
			s |= bit;
		} else if (p->param) {
			if (segs[i].len == 0)
				return -1;
		} else if (c->seg[i].len != segs[i].len ||
			   memcmp(c->seg[i].s, segs[i].s, segs[i].len) != 0) {
			return -1;
		} else {
			s |= bit;
		}
	}
	return s;
}

/* Copies the path's parameter segments for @p c into @p buf; false when they do not fit. */
static bool fill_params(const struct compiled *c, const struct seg *segs,
			const char *params[REQ_MAX_PARAMS], char *buf, size_t bufsize)
{
	size_t used = 0;
	int np = 0;
	for (int i = 0; i < c->nseg; i++) {
		if (!c->seg[i].param)
			continue;
		size_t len = segs[i].len - c->seg[i].suffix_len;   /* the value before ":verb" */
		if (np == REQ_MAX_PARAMS || used + len + 1 > bufsize)
			return false;
		memcpy(buf + used, segs[i].s, len);
		buf[used + len] = '\0';
		params[np++] = buf + used;
		used += len + 1;
	}
	return true;
}

/* Appends @p method to the Allow list of @p m ("GET, POST"); one that does not fit is left
 * out (the list has room for every method there is). */
static void allow_add(struct route_match *m, const char *method)
{
	size_t len = strlen(m->allow), n = strlen(method), sep = len ? 2 : 0;
	if (len + sep + n >= sizeof m->allow)
		return;
	memcpy(m->allow + len, ", ", sep);
	memcpy(m->allow + len + sep, method, n + 1);
}

void router_match(const char *method, const char *path, struct route_match *m,
		  const char *params[REQ_MAX_PARAMS], char *buf, size_t bufsize)
{
	struct seg segs[MAX_SEGS];
	const struct compiled *found = NULL;
	long best = -1;
	pthread_once(&compiled_once, compile);
	memset(m, 0, sizeof *m);
	int n = split(path, segs);
	if (n < 0)
		return;
	/* The best score of the path (its most specific pattern), the Allow list of the routes
	 * with that score, and the one for this method. */
	for (size_t i = 0; i < ntable; i++) {
		long s = score(&table[i], segs, n);
		if (s < 0 || s < best)
			continue;
		if (s > best) {
			best = s;
			found = NULL;
			m->allow[0] = '\0';
		}
		allow_add(m, table[i].rt->method);
		if (!found && strcmp(table[i].rt->method, method) == 0)
			found = &table[i];
	}
	m->path_known = best >= 0;
	/* The parameters must fit the caller's buffer; a path that does not is unknown. */
	if (found && !fill_params(found, segs, params, buf, bufsize)) {
		memset(m, 0, sizeof *m);
		return;
	}
	m->route = found ? found->rt : NULL;
}
