/*
 * The routing table and the handlers it names.
 *
 * src/api/routes.c holds the one table; src/http/router.c matches a method and path against
 * it; every handler lives in src/api/<resource>.c and answers with one reply_* call.  The
 * helpers below are shared by the handlers: mapping storage outcomes to problems, writing the
 * audit log, conditional requests.
 */
#ifndef FOLJA_API_H
#define FOLJA_API_H

#include <stdbool.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/db.h"
#include "folja/http.h"
#include "folja/period.h"

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
	BODY_NONE,      /* a body is ignored */
	BODY_JSON,      /* application/json */
	BODY_JSON_CSV,  /* application/json or text/csv */
};

struct resource;
struct resource_error;
typedef void (*handler_fn)(struct req *r);

struct route {
	const char *method;     /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern;    /* "/api/v1/units/{id}": {name} matches one path segment */
	handler_fn handler;
	const void *arg;        /* handler data, e.g. the struct resource of api_resource_* */
	enum access access;
	enum body_kind body;
	bool memo;              /* a computed read whose reply is memoised (folja/memo.h) */
};

extern const struct route folja_routes[];  /* terminated by a NULL method */
extern const size_t folja_route_count;

/* ---- router (http/router.c) ---- */

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

/* ---- helpers shared by handlers (api/common in api/ops.c) ---- */

/** Replies the problem matching a storage failure (404, 409, 412, 503, 500). */
void api_db_error(struct req *r, enum db_rc rc, const char *what);
/** Writes the audit entry for this request (inside the caller's transaction), naming the
 *  caller's token, and marked sensitive when the request's route needs `sensitive`.  @p before
 *  and @p after are borrowed (either may be NULL). */
enum db_rc api_audit(struct req *r, struct db *db, const char *entity, int64_t id,
		     json_t *before, json_t *after);
/* A bulk load's rows may be too many to keep in the audit log; its `after` is {rows, sha256}
 * instead, the digest of the body as received, so an upload can be matched to its file. */
#define API_SHA256_HEX 65  /* 64 hex digits and the NUL */
/** The hex SHA-256 of the request body as received into @p hex.  Call it before anything
 *  parses the body in place (the CSV reader does). */
void api_body_sha256(const struct req *r, char hex[API_SHA256_HEX]);
/** The version named by If-Match: -1 when the header is absent or `*`.  A malformed header
 *  replies 400 and returns true. */
bool api_if_match_or_reply(struct req *r, int64_t *version);
/** The database connection of this thread; 503 when it cannot be had. */
bool api_db_or_reply(struct req *r, struct db **db);

/* ---- handlers ---- */
void api_healthz(struct req *r);
void api_metrics(struct req *r);
void api_openapi(struct req *r);
void api_audit_list(struct req *r);

void api_units_list(struct req *r);
void api_units_tree(struct req *r);
extern const struct resource folja_units;

/* budget */
void api_budget_lines_list(struct req *r);
extern const struct resource folja_budget_lines;
void api_budget_lines_import(struct req *r);
void api_budget_rollup(struct req *r);
void api_budget_settings_get(struct req *r);
void api_budget_settings_put(struct req *r);

/* goals and indicators */
void api_goals_list(struct req *r);
extern const struct resource folja_goals;
void api_goals_tree(struct req *r);
void api_goals_assessment(struct req *r);
void api_goals_months(struct req *r);
void api_goals_assessments_list(struct req *r);
void api_goals_assessments_create(struct req *r);
void api_indicators_list(struct req *r);
extern const struct resource folja_indicators;
void api_indicators_values(struct req *r);
void api_indicators_value_put(struct req *r);
void api_indicators_value_delete(struct req *r);
void api_indicators_comparison(struct req *r);
void api_peer_values_list(struct req *r);
void api_peer_values_load(struct req *r);
/** The assessment {color, explain} of indicator @p ind (borrowed, as stored) for a value of a
 *  period: @p has_value false or @p value NAN give a null colour (with @p null_reason, may be
 *  NULL); @p period_target (NAN for none) overrides the indicator's target.  New reference. */
json_t *api_indicator_assessment(const json_t *ind, bool has_value, double value,
				 double period_target, const char *null_reason);
/** The number @p v holds; NAN for null, absent or anything else. */
double api_num_or_nan(const json_t *v);
/** @p v as a JSON number, null for NAN.  New reference. */
json_t *api_num_or_null(double v);

/* ---- lex Sarah and decisions (api/registers.c, api/lex_sarah.c, api/decisions.c) ---- */

/** True when this read is anonymous under --open-read, so small counts must be suppressed. */
bool api_suppress_small(const struct req *r);
/** Sets obj[key] to @p n, or, when @p suppress and 0 < n < the threshold, to null with
 *  obj["suppressed"] = true.  Returns true when it suppressed.  @p obj borrowed. */
bool api_count_set(json_t *obj, const char *key, int64_t n, bool suppress);
/** Replies 400 invalid_period naming @p field when @p s (NULL: absent, "is required") is not
 *  a period; else fills *p. */
bool api_period_text_or_reply(struct req *r, const char *field, const char *s, struct period *p);
/** Query parameter @p name as a period; *present false when absent.  400 invalid_period for a
 *  bad string, or a non-quarter when @p quarter_only. */
bool api_period_or_reply(struct req *r, const char *name, bool quarter_only, struct period *out,
			 bool *present);
/** `?unit_id=`: IN_NULL when absent; 400 when it is not an id or names no unit. */
bool api_unit_filter_or_reply(struct req *r, struct db *db, int64_t *unit_id);
/** True for a managed-list code: a-z first, then a-z, 0-9, _; at most 64 bytes. */
bool api_code_valid(const char *code);
/** Today's date (UTC). */
struct date api_today(void);

/* The query a register's list takes: paging, ?period= as from..to dates, ?unit_id=. */
struct register_query {
	struct db *db;
	int64_t limit, offset;
	int64_t unit_id;          /* IN_NULL when absent */
	const char *from, *to;    /* the period's first and last day; NULL without ?period= */
	char from_buf[11], to_buf[11];
};
/** Fills @p q from the request (and the database handle); replies 400 and returns true when
 *  a parameter is not valid. */
bool api_register_query_or_reply(struct req *r, struct register_query *q);

/* A register's managed list of codes (lex Sarah categories, decision insatser): read whole,
 * added to one entry at a time, each entry named by its code. */
struct code_in {
	const char *code;
	const char *name;
	const char *law;          /* the insatser only */
};
struct code_list {
	const char *entity;            /* wording of problems, e.g. "category" */
	const char *audit_entity;      /* e.g. "lex_sarah_category" */
	const char *duplicate_detail;  /* the 409 detail, e.g. "a category with this code exists" */
	const char *unknown;           /* the field error for a code that names no entry */
	const struct in_field *spec;   /* fills a struct code_in */
	enum db_rc (*all)(struct db *db, json_t *items);  /* appends to @p items (borrowed) */
	/** The entry @p code (new reference in *out); DB_NOT_FOUND when unknown. */
	enum db_rc (*get)(struct db *db, const char *code, json_t **out);
	/** Adds an entry; DB_CONFLICT when the code exists. */
	enum db_rc (*insert)(struct db *db, const struct code_in *in);
};
/** GET of the whole list @p l. */
void api_code_list_get(struct req *r, const struct code_list *l);
/** POST of one entry of @p l: 201 with the entry, 409 duplicate when the code exists. */
void api_code_list_create(struct req *r, const struct code_list *l);

/** The references every register row makes, for a resource's check hook: @p unit_id must
 *  name a unit and @p code (in @p field) an entry of @p l; otherwise DB_INVALID with *err as
 *  a 422 unknown_reference.  With @p entry, the entry is handed back (new reference). */
enum db_rc api_register_refs_check(struct db *db, int64_t unit_id, const struct code_list *l,
				   const char *field, const char *code, json_t **entry,
				   struct resource_error *err);

void api_lex_sarah_list(struct req *r);
extern const struct resource folja_lex_sarah_reports;
void api_lex_sarah_summary(struct req *r);
void api_lex_sarah_categories_list(struct req *r);
void api_lex_sarah_categories_create(struct req *r);

void api_decisions_list(struct req *r);
extern const struct resource folja_decisions;
void api_decisions_ivo_report(struct req *r);
void api_decisions_council_report(struct req *r);
void api_decisions_summary(struct req *r);
void api_decision_insatser_list(struct req *r);
void api_decision_insatser_create(struct req *r);

#endif
