/*
 * Routes: what the server needs to know of an endpoint before its handler runs.
 *
 * src/api/routes.c holds the one table of every path Följa answers; src/http/router.c matches
 * a method and path against it.  A route carries everything the server checks on the request
 * headers alone, before a byte of body is read: who may call it, what body it takes, what
 * query it takes (folja/query.h), and whether its reply is memoised (folja/memo.h).
 */
#ifndef FOLJA_ROUTE_H
#define FOLJA_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "folja/http.h"
#include "folja/query.h"

/* Who may call a route.  Checked by the server before the handler runs. */
enum access {
	ACCESS_PUBLIC,          /* anyone: health, metrics, the spec */
	ACCESS_READ,            /* any token; anyone under --open-read */
	ACCESS_READ_SENSITIVE,  /* a token with `sensitive` */
	ACCESS_EDIT,            /* editor or admin */
	ACCESS_EDIT_SENSITIVE,  /* editor or admin with `sensitive` */
	ACCESS_ADMIN,           /* admin */
};

/* What body a route takes; anything else is 415. */
enum body_kind {
	BODY_NONE,      /* none: a body sent anyway is discarded unread, never buffered */
	BODY_JSON,      /* application/json, gathered up to --max-body */
	BODY_JSON_CSV,  /* application/json or text/csv, gathered up to --max-body */
	BODY_STREAM,    /* application/json or text/csv, never gathered: handed piece by piece
			   to the route's struct body_stream (its arg), up to --max-import-body */
};

/*
 * A body read as it arrives (the imports): the route's arg points at one of these, and its
 * handler is not called.  The state open() returns belongs to the request until finish() or
 * abort() frees it.
 */
struct body_stream {
	/** The headers passed every check: the upload's state, or NULL after recording a
	 *  refusal (then the body is discarded unread). */
	void *(*open)(struct req *r);
	/** The next @p n bytes of the body.  False after recording a refusal: the rest is
	 *  discarded and abort() follows. */
	bool (*write)(struct req *r, void *state, const char *data, size_t n);
	/** The whole body is in: replies, and frees @p state. */
	void (*finish)(struct req *r, void *state);
	/** The upload ends without finish() (a refusal, the client gone): frees @p state. */
	void (*abort)(void *state);
};

/*
 * What of the database a route touches, for a token scoped to a unit's subtree
 * (caller.scope_unit_id; see src/http/scope.c).  A caller without a scope sees everything,
 * whatever the rule.  The default, 0, refuses: a route nobody classified leaks nothing.
 */
enum scope_rule {
	SCOPE_WHOLE = 0,   /* the whole database (audit, tokens, the change feed) or a write of
			      data every unit shares (code lists, templates): 403 out_of_scope */
	SCOPE_NONE,        /* nothing of any unit: the service's own routes, reading code lists */
	SCOPE_QUERY,       /* ?unit_id= names a subtree: given, it must lie in the scope (else
			      403); absent, the scope's root is taken */
	SCOPE_LIST,        /* a list whose ?unit_id= is exact: given, it must lie in the scope;
			      the list's query keeps only rows in_scope() */
	SCOPE_RECORD,      /* a versioned resource (src/api/resource.c): the record's unit, or a
			      unit itself, must lie in the scope before and after a write */
	SCOPE_PATH,        /* the path's {id} is a record (a unit, goal, indicator, action,
			      report or period lock) whose unit must lie in the scope (else 404) */
	SCOPE_BODY,        /* the body names units (an import's rows, a new report): the handler
			      checks each with db_in_scope() */
};

typedef void (*handler_fn)(struct req *r);

/* Whether a read's reply is memoised per data version (folja/memo.h), and how dear it is to
 * compute again. */
enum route_memo {
	MEMO_NONE,
	MEMO_COMPUTED,   /* a computed read (rollups, reports, tables) */
	MEMO_RECORD,     /* one record: kept in the room computed replies leave */
};

struct route {
	const char *method;     /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern;    /* "/api/v1/units/{id}": {name} matches one path segment */
	handler_fn handler;
	const void *arg;        /* handler data, e.g. the struct resource of api_resource_* */
	enum access access;
	enum body_kind body;
	const struct query_spec *query;  /* the query it takes; NULL: none but ?format=json */
	enum route_memo memo;   /* whether its reply is memoised (folja/memo.h) */
	bool live;              /* its reply changes without the data version (health, metrics,
				   tokens' last use): no ETag, never memoised */
	enum scope_rule scope;  /* what a scoped token may do here */
	bool at_once;           /* answered on the event thread: reads no table (health,
				   metrics); other handlers run on the worker pool */
};

extern const struct route folja_routes[];  /* terminated by a NULL method */
extern const size_t folja_route_count;

/* Result of matching a path against the table. */
struct route_match {
	const struct route *route;   /* the route for the method, or NULL */
	bool path_known;             /* some route has this path (405 rather than 404) */
	char allow[64];              /* the methods allowed on the path, "GET, POST" */
};

/**
 * Matches @p method and @p path.  Literal segments win over parameters, so "/goals/tree"
 * is not taken for "/goals/{id}".  Path parameters are copied into @p buf (size @p bufsize)
 * and pointed at by @p params (MHD has already percent-decoded the path).
 */
void router_match(const char *method, const char *path, struct route_match *m,
		  const char *params[REQ_MAX_PARAMS], char *buf, size_t bufsize);

#endif
