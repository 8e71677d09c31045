/*
 * Declarative input parsing.
 *
 * Each handler that takes a JSON body declares its fields once, as an array of `struct
 * in_field` ending with IN_END, and calls input_parse_or_reply().  The parser checks presence,
 * type, bounds, choices and dates, screens every free-text field for personnummer, refuses
 * unknown fields, and either fills the target struct or replies 422 naming every bad field at
 * once.  Strings written into the target are borrowed from the JSON value, which the caller
 * keeps alive while it uses them.
 */
#ifndef FOLJA_INPUT_H
#define FOLJA_INPUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/http.h"

/* The null marker for integer fields: the same value as storage's DB_NULL (folja/db.h), so a
 * parsed struct reaches storage as it is. */
#define IN_NULL INT64_MIN

enum in_kind {
	IN_END = 0,
	IN_STRING,   /* const char *: a code or short name; screened for personnummer */
	IN_TEXT,     /* const char *: free text; screened for personnummer */
	IN_ENUM,     /* const char *: one of .choices */
	IN_DATE,     /* const char *: YYYY-MM-DD, a real calendar date */
	IN_INT,      /* int64_t: an integer (no fraction) in [min, max]; IN_NULL when null */
	IN_NUMBER,   /* double: any JSON number; NAN when null */
	IN_BOOL,     /* int: 0 or 1; -1 when null */
	IN_JSON,     /* json_t *: borrowed, any value; checked by the handler */
	IN_IGNORE,   /* read-only field (id, version, ...): accepted and ignored */
};

enum {
	IN_REQUIRED = 1 << 0, /* must be present and not null */
	IN_NULLABLE = 1 << 1, /* may be null (otherwise null is refused when present) */
};

struct in_field {
	const char *name;
	enum in_kind kind;
	size_t offset;                /* offsetof(target struct, member) */
	unsigned flags;
	int64_t min, max;             /* IN_INT bounds; IN_STRING/IN_TEXT maximum length (max) */
	const char *const *choices;   /* IN_ENUM: NULL-terminated */
};

#define IN_FIELD(name, kind, type, member, flags) \
	{ name, kind, offsetof(type, member), flags, 0, 0, NULL }

/**
 * Parses object @p in (borrowed) into @p target according to @p spec.  Absent optional fields
 * are set to their null value (NULL, IN_NULL, NAN, -1).  On any error replies 422 with every
 * field error and returns true; otherwise returns false.
 */
bool input_parse_or_reply(struct req *r, json_t *in, const struct in_field *spec, void *target);
/** Replies 422 invalid_input with the field errors @p errors (taken) and returns true when it
 *  holds any; returns false for NULL.  For rules across fields that the spec cannot state. */
bool input_errors_or_reply(struct req *r, json_t *errors);

/** Like input_parse_or_reply but appends errors to *errors instead of replying (imports).
 *  *errors is created on the first error; the caller owns it (json_decref, or hand it to
 *  input_errors_or_reply, which steals it).  Unknown fields are listed only while *errors
 *  holds fewer than 100 problems; returns the number of problems, listed or not. */
size_t input_parse(json_t *in, const struct in_field *spec, void *target, json_t **errors,
		   const char *prefix);

#endif
