/*
 * Scoped tokens: a token may be limited to one unit's subtree (a municipality's kommun, or
 * any unit below it; caller.scope_unit_id), and then sees and writes that subtree only.  One
 * database may hold several municipalities; each gets its own tokens.
 *
 * Every route declares what it touches (enum scope_rule in folja/route.h), and this file
 * enforces the rule on the headers, before any body is read or the handler runs: routes over
 * the whole database refuse (403 out_of_scope), a ?unit_id= outside the subtree is refused
 * and an absent one becomes the subtree's root, and a record named by the path ({id} of a
 * unit, goal, indicator, action, report or period lock) outside it is 404, as if it did not
 * exist.  The rest is enforced where the records are: versioned resources check each record
 * before and after a write (src/api/resource.c), list queries keep only rows in_scope(), and
 * imports check every row's unit (db_in_scope()).  The subtree is read once per request and
 * handed to the database layer for the request's thread (db_scope_set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db.h"
#include "folja/input.h"
#include "folja/route.h"
#include "folja/scope.h"

/* The parsed query's ?unit_id= of @p r, or NULL when its query takes none. */
static int64_t *query_unit(struct req *r)
{
	const struct query_spec *spec = r->route->query;
	for (const struct q_param *p = spec ? spec->params : NULL; p && p->name; p++)
		if (strcmp(p->name, "unit_id") == 0 && p->kind == Q_INT)
			return (int64_t *)(void *)(r->query + p->offset);
	return NULL;
}

static bool out_of_scope(struct req *r, const char *why)
{
	reply_problem(r, 403, "out_of_scope", NULL, "this token is scoped to unit %lld and what "
		      "lies below it; %s", (long long)r->caller.scope_unit_id, why);
	return true;
}

/* SCOPE_QUERY and SCOPE_LIST: a given ?unit_id= must lie in the scope; an absent one is the
 * scope's root where it names a subtree.  A list may take none (its query filters). */
static bool query_or_reply(struct req *r, bool subtree)
{
	int64_t *unit = query_unit(r);
	if (!unit && !subtree)
		return false;
	if (!unit)  /* a route declared so must take ?unit_id=; refuse rather than leak */
		return out_of_scope(r, "this endpoint cannot be limited to it");
	if (*unit == IN_NULL) {
		if (subtree)
			*unit = r->caller.scope_unit_id;
		return false;
	}
	if (db_in_scope(*unit))
		return false;
	reply_problem(r, 403, "out_of_scope", NULL, "unit %lld lies outside this token's scope "
		      "(unit %lld and what lies below it)", (long long)*unit,
		      (long long)r->caller.scope_unit_id);
	return true;
}

/* SCOPE_PATH: the record the path's first {id} names, in the collection the path names. */
static bool path_or_reply(struct req *r)
{
	const char *coll = r->route->pattern + strlen("/api/v1/");
	size_t len = strcspn(coll, "/");
	char name[32], *end;
	long long id = r->params[0] ? strtoll(r->params[0], &end, 10) : 0;
	int64_t unit = DB_NULL;
	snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1),
		 coll);
	if (!r->params[0] || *end || id <= 0)
		return false;  /* the handler answers a malformed id */
	enum db_rc rc = db_record_unit(db_thread(), name, id, &unit);
	if (rc == DB_NOT_FOUND)
		return false;  /* the handler answers 404 as for anyone */
	if (rc != DB_OK) {
		reply_problem(r, 503, "unavailable", NULL, "the record's unit could not be read (%s)",
			      db_rc_name(rc));
		return true;
	}
	if (unit != DB_NULL && db_in_scope(unit))
		return false;
	reply_problem(r, 404, "not_found", NULL, "no such record");
	return true;
}

bool scope_or_reply(struct req *r)
{
	if (r->caller.scope_unit_id <= 0 || r->route->scope == SCOPE_NONE)
		return false;
	struct db *db = db_thread();
	enum db_rc rc = db ? db_units_scope(db, r->caller.scope_unit_id, &r->scope_ids,
					    &r->scope_n) : DB_ERROR;
	if (rc != DB_OK && rc != DB_NOT_FOUND) {
		reply_problem(r, 503, rc == DB_NOMEM ? "out_of_memory" : "unavailable", NULL,
			      "the token's scope could not be read (%s)", db_rc_name(rc));
		return true;
	}
	/* A scope whose unit is gone holds nothing (the ids stay NULL). */
	db_scope_set(r->scope_ids, r->scope_n);
	switch (r->route->scope) {
	case SCOPE_WHOLE:
		return out_of_scope(r, "this endpoint covers the whole database or data every unit "
				    "shares: use a token without a scope");
	case SCOPE_QUERY:
		return query_or_reply(r, true);
	case SCOPE_LIST:
		return query_or_reply(r, false);
	case SCOPE_PATH:
		return path_or_reply(r);
	case SCOPE_NONE:
	case SCOPE_RECORD:
	case SCOPE_BODY:
		return false;
	}
	return false;
}

void scope_enter(const struct req *r)
{
	if (r->caller.scope_unit_id > 0 && r->route && r->route->scope != SCOPE_NONE)
		db_scope_set(r->scope_ids, r->scope_n);
}

void scope_leave(void)
{
	db_scope_clear();
}

void scope_free(struct req *r)
{
	free(r->scope_ids);
	r->scope_ids = NULL;
	r->scope_n = 0;
}
