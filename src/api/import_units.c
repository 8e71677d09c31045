/*
 * The units an import's rows may name (see import.h): read once when the upload opens, then
 * looked up by id, by code, or by the municipality code a kommun carries (Kolada's rows).
 *
 * A code names a unit within its municipality only (units of two municipalities may share
 * one), so a code several municipalities use must be settled: by the row's own
 * municipality_code, else by the token's scope when exactly one of those units lies in it;
 * otherwise the row is an error naming the municipalities, never a guess.  Every unit found
 * must also lie in the token's scope (db_in_scope(), always true for a token without one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db_import.h"

#include "import.h"

/* db_import_units()'s callback: keeps one unit (a NULL string is storage out of memory). */
static void collect_unit(void *ctx, int64_t id, const char *code, const char *muni,
			 const char *own)
{
	struct import_units *u = ctx;
	if (u->oom || !code || !muni || strlen(muni) > 4 || (own && strlen(own) > 4)) {
		u->oom = true;   /* the schema keeps codes to four digits */
		return;
	}
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		struct import_unit *g = realloc(u->by_id, cap * sizeof *g);
		if (!g) {
			u->oom = true;
			return;
		}
		u->by_id = g;
		u->cap = cap;
	}
	struct import_unit *x = &u->by_id[u->n];
	*x = (struct import_unit){.id = id, .code = strdup(code)};
	snprintf(x->muni, sizeof x->muni, "%s", muni);
	snprintf(x->own, sizeof x->own, "%s", own ? own : "");
	if (!x->code)
		u->oom = true;
	else
		u->n++;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct import_unit *)a)->id, y = ((const struct import_unit *)b)->id;
	return x < y ? -1 : x > y;
}

/* By code, then municipality: the units of one code lie together. */
static int cmp_code(const void *a, const void *b)
{
	const struct import_unit *x = *(const struct import_unit *const *)a;
	const struct import_unit *y = *(const struct import_unit *const *)b;
	int c = strcmp(x->code, y->code);
	return c ? c : strcmp(x->muni, y->muni);
}

static int cmp_own(const void *a, const void *b)
{
	return strcmp((*(const struct import_unit *const *)a)->own,
		      (*(const struct import_unit *const *)b)->own);
}

/* The orders of the units; false when out of memory. */
static bool units_index(struct import_units *u)
{
	size_t n = u->n ? u->n : 1;
	u->by_code = malloc(n * sizeof *u->by_code);
	u->by_own = malloc(n * sizeof *u->by_own);
	if (u->oom || !u->by_code || !u->by_own)
		return false;
	if (u->n)  /* by_id is NULL without units; qsort must not see NULL */
		qsort(u->by_id, u->n, sizeof *u->by_id, cmp_id);
	for (size_t i = 0; i < u->n; i++) {
		u->by_code[i] = &u->by_id[i];
		if (u->by_id[i].own[0])
			u->by_own[u->nown++] = &u->by_id[i];
	}
	if (u->n)
		qsort(u->by_code, u->n, sizeof *u->by_code, cmp_code);
	if (u->nown)
		qsort(u->by_own, u->nown, sizeof *u->by_own, cmp_own);
	return true;
}

bool import_units_or_reply(struct req *r, struct db *db, struct import_units *u)
{
	enum db_rc rc = db_import_units(db, collect_unit, u);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return true;
	}
	if (units_index(u))
		return false;
	reply_oom(r);
	return true;
}

void import_units_free(struct import_units *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++)
		free(u->by_id[i].code);
	free(u->by_id);
	free(u->by_code);
	free(u->by_own);
	*u = (struct import_units){0};
}

/* ==== lookups ============================================================================== */

enum unit_match import_unit_id(const struct import_units *u, int64_t id, const char *muni)
{
	struct import_unit key = {.id = id};
	const struct import_unit *x = u->n ? bsearch(&key, u->by_id, u->n, sizeof key, cmp_id) :
				      NULL;
	if (!x)
		return UNIT_UNKNOWN;
	if (muni && strcmp(muni, x->muni) != 0)
		return UNIT_ELSEWHERE;
	return db_in_scope(id) ? UNIT_FOUND : UNIT_OUTSIDE;
}

/* The units of code @p code: [*lo, *hi) of by_code. */
static void code_range(const struct import_units *u, const char *code, size_t *lo, size_t *hi)
{
	size_t a = 0, b = u->n;
	while (a < b) {  /* the first unit whose code is not below @p code */
		size_t mid = a + (b - a) / 2;
		if (strcmp(u->by_code[mid]->code, code) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a < u->n && strcmp(u->by_code[a]->code, code) == 0)
		a++;
	*hi = a;
}

enum unit_match import_unit_code(const struct import_units *u, const char *code,
				 const char *muni, int64_t *id)
{
	size_t lo, hi, in_scope = 0;
	code_range(u, code, &lo, &hi);
	if (lo == hi)
		return UNIT_UNKNOWN;
	for (size_t i = lo; muni && i < hi; i++)
		if (strcmp(u->by_code[i]->muni, muni) == 0)
			return import_unit_id(u, *id = u->by_code[i]->id, NULL);
	if (muni)
		return UNIT_ELSEWHERE;
	if (hi - lo == 1)
		return import_unit_id(u, *id = u->by_code[lo]->id, NULL);
	for (size_t i = lo; i < hi; i++)
		if (db_in_scope(u->by_code[i]->id) && in_scope++ == 0)
			*id = u->by_code[i]->id;
	if (in_scope == 1)
		return UNIT_FOUND;   /* the scope settles it */
	*id = u->by_code[lo]->id;
	return in_scope ? UNIT_AMBIGUOUS : UNIT_OUTSIDE;
}

const struct import_unit *import_unit_kommun(const struct import_units *u, const char *code)
{
	struct import_unit key = {0}, *pkey = &key;
	snprintf(key.own, sizeof key.own, "%s", code);
	if (!u->nown || strlen(code) != 4)
		return NULL;
	const struct import_unit *const *hit = bsearch(&pkey, u->by_own, u->nown,
						       sizeof *u->by_own, cmp_own);
	return hit ? *hit : NULL;
}

/* The municipalities of the units of code @p code, "0136, 0138", into @p buf. */
static void code_municipalities(const struct import_units *u, const char *code, char *buf,
				size_t cap)
{
	size_t lo, hi, len = 0;
	code_range(u, code, &lo, &hi);
	buf[0] = '\0';
	for (size_t i = lo; i < hi && len + 8 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i > lo ? ", " : "",
					u->by_code[i]->muni[0] ? u->by_code[i]->muni : "none");
}

void import_unit_error(struct import_stream *s, const struct import_units *u, size_t row,
		       const char *field, enum unit_match m, const char *code, const char *muni,
		       int64_t id)
{
	char munis[128];
	if (m == UNIT_OUTSIDE) {
		import_row_error(s, row, field, "unit %lld lies outside this token's scope",
				 (long long)id);
	} else if (m == UNIT_AMBIGUOUS) {
		code_municipalities(u, code, munis, sizeof munis);
		import_row_error(s, row, field, "'%.64s' is the code of units in several "
				 "municipalities (%s): give municipality_code, or unit_id", code,
				 munis);
	} else if (m == UNIT_ELSEWHERE && code) {
		code_municipalities(u, code, munis, sizeof munis);
		import_row_error(s, row, field, "'%.64s' names no unit of municipality %s (it "
				 "does in %s)", code, muni, munis);
	} else if (m == UNIT_ELSEWHERE) {
		import_row_error(s, row, field, "unit %lld lies outside municipality %s",
				 (long long)id, muni);
	}
}

bool import_municipality(struct import_stream *s, size_t row, const char *v, const char **out)
{
	*out = NULL;
	if (!v || !*v)
		return true;
	if (strlen(v) == 4 && strspn(v, "0123456789") == 4) {
		*out = v;
		return true;
	}
	import_row_error(s, row, "municipality_code", "'%.16s' is not a municipality code (four "
			 "digits, e.g. 0138)", v);
	return false;
}
