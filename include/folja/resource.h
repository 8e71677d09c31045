/*
 * Versioned resources: the single-resource verbs every register shares.
 *
 * Units, budget lines, goals, indicators, lex Sarah reports and decisions are each one table
 * row with an id and a version, read as JSON and written from a declarative input spec.  Their
 * GET, POST, PATCH (JSON merge patch over the stored resource, then full validation) and DELETE
 * behave identically: ETag from the version, If-Match honoured (412 when stale), the write and
 * its audit entry in one transaction, problems named by field.  What differs is declared once
 * in a `struct resource`; the routing table points the four verbs at api_resource_* with the
 * declaration as the route's `arg`.
 */
#ifndef FOLJA_RESOURCE_H
#define FOLJA_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"
#include "folja/http.h"
#include "folja/input.h"

/* A refusal found by a resource's check inside the write transaction. */
struct resource_error {
	unsigned status;        /* 422 or 409 */
	const char *code;       /* stable problem code, e.g. "unknown_reference", "cycle" */
	const char *field;      /* the field at fault; NULL: the message is the whole detail */
	char message[160];      /* for the field error, e.g. "names no unit" */
};

struct resource {
	const char *entity;       /* wording of problems and audit entity, e.g. "unit" */
	const char *audit_entity; /* the audit entity when it is not @c entity, e.g.
				   * "budget_line" beside "budget line"; NULL: entity */
	const char *collection;   /* the collection's path, for Location: "/api/v1/units" */
	const struct in_field *spec;
	size_t in_size;           /* sizeof the struct @p spec fills */
	/** Checks that need no database (defaults, date order); replies 422 and returns true
	 *  when the input is refused.  May be NULL. */
	bool (*rules_or_reply)(struct req *r, void *in);
	/** Checks that need the database, inside the write transaction before the write (@p id
	 *  is 0 on create): returns DB_INVALID with *err filled to refuse.  May be NULL. */
	enum db_rc (*check)(struct db *db, int64_t id, const void *in, struct resource_error *err);
	/** The period-lock check of a fact (api_period_lock_check), inside the write
	 *  transaction: @p before is the stored resource (NULL on create), @p in the new input
	 *  (NULL on delete); DB_INVALID with *err filled (409 period_locked) to refuse.  May be
	 *  NULL. */
	enum db_rc (*lock)(struct req *r, struct db *db, json_t *before, const void *in,
			   struct resource_error *err);
	/** The resource as JSON (new reference in *out). */
	enum db_rc (*get)(struct db *db, int64_t id, json_t **out);
	enum db_rc (*insert)(struct db *db, const void *in, int64_t *id);
	/** Updates when the stored version is @p version (-1: any); DB_STALE otherwise. */
	enum db_rc (*update)(struct db *db, int64_t id, int64_t version, const void *in);
	/** Deletes when the stored version is @p version (-1: any); DB_CONFLICT while referenced. */
	enum db_rc (*remove)(struct db *db, int64_t id, int64_t version);
	const char *duplicate_field;    /* named by the 409 when a write breaks uniqueness */
	/* For a token scoped to a unit's subtree (folja/scope.h) a record belongs to the unit
	 * its JSON's "unit_id" names; one without "unit_id" is shared by every unit (a code
	 * list): readable, not writable.  The units themselves set this: a unit belongs where
	 * it is (its id) and goes under its "parent_id". */
	bool unit_tree;
	const char *referenced_detail;  /* the 409 detail when a delete is refused */
};

/* GET {collection}/{id} */
void api_resource_get(struct req *r);
/* POST {collection} — 201 with Location and ETag */
void api_resource_create(struct req *r);
/* PATCH {collection}/{id} — merge patch; If-Match */
void api_resource_patch(struct req *r);
/* DELETE {collection}/{id} — 204; If-Match */
void api_resource_delete(struct req *r);

/** Fills @p err as a 422 `code` naming @p field and returns DB_INVALID (for check hooks). */
enum db_rc resource_refuse(struct resource_error *err, const char *code, const char *field,
			   const char *message);

#endif
