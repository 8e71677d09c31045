/*
 * Declarative query strings.
 *
 * Like bodies (folja/input.h), the query parameters a route takes are declared once, as an
 * array of `struct q_param` ending with Q_END, in a `struct query_spec` that the routing
 * table names.  The server parses the query before the handler runs: every parameter is
 * checked (kind, bounds, choices, required), unknown parameters are refused, and one 400
 * names every bad parameter at once, so a misspelt `grop_by=` is an error rather than a
 * silently ignored wish.  `format` is known to every route; a value the route cannot produce
 * is 406.  The handler then reads the filled struct with REQ_QUERY().
 *
 * Because the parsed values are canonical (a period as period_format() writes it, an enum as
 * its choice, an integer in decimal, other strings percent-encoded), query_key() makes a key
 * that two requests share exactly when they ask for the same thing: the memo cache is keyed
 * on it, never on the raw query text.
 */
#ifndef FOLJA_QUERY_H
#define FOLJA_QUERY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/period.h"

struct req;

/* The most parameters a query may carry; more are refused with 400 before MHD stores them. */
#define QUERY_MAX_PARAMS 64
/* The largest struct a query spec may fill (struct req holds it). */
#define QUERY_MAX_SIZE 256

enum q_kind {
	Q_END = 0,
	Q_INT,       /* int64_t in [min, max]; .def when absent (IN_NULL for none) */
	Q_BOOL,      /* bool: "true" or "false"; .def (0 or 1) when absent */
	Q_ENUM,      /* const char *: one of .choices (points at the choice); NULL when absent */
	Q_STRING,    /* const char *: UTF-8 without control characters, at most .max bytes (200
			by default); borrowed from MHD for the request; NULL when absent */
	Q_PERIOD,    /* struct period: "2021", "2021-T1", ...; .year 0 when absent */
	Q_QUARTER,   /* struct period of kind PERIOD_QUARTER only; .year 0 when absent */
};

enum {
	Q_REQUIRED = 1 << 0,  /* absent is 400 */
	Q_NULL_ID = 1 << 1,   /* Q_INT: the word "null" is accepted and stored as 0 */
};

struct q_param {
	const char *name;
	enum q_kind kind;
	size_t offset;               /* offsetof(target struct, member) */
	unsigned flags;
	int64_t min, max;            /* Q_INT bounds; Q_STRING maximum length (max) */
	int64_t def;                 /* Q_INT and Q_BOOL: the value when absent */
	const char *const *choices;  /* Q_ENUM: NULL-terminated */
	const char *example;         /* for "is required" messages, e.g. "2021-T1"; may be NULL */
};

/* The formats a route can answer in (a bit set). */
enum format {
	FORMAT_JSON = 1 << 0,
	FORMAT_CSV = 1 << 1,
	FORMAT_MD = 1 << 2,    /* text/markdown (the reports) */
	FORMAT_HTML = 1 << 3,  /* text/html (the reports) */
};

struct query_spec {
	const struct q_param *params;  /* terminated by Q_END; NULL for none */
	size_t size;                   /* sizeof the struct they fill, at most QUERY_MAX_SIZE */
	unsigned formats;              /* FORMAT_* accepted; 0 means JSON only */
};

/* Spec rows.  T is the target struct, M its member. */
#define Q_ID(name, T, M) { name, Q_INT, offsetof(T, M), 0, 1, INT64_MAX, INT64_MIN, NULL, NULL }
#define Q_PAGING(T) \
	{ "limit", Q_INT, offsetof(T, limit), 0, 1, 1000, 100, NULL, NULL }, \
	{ "offset", Q_INT, offsetof(T, offset), 0, 0, INT64_MAX / 2, 0, NULL, NULL }

/** True when a Q_PERIOD or Q_QUARTER member was given. */
static inline bool period_given(struct period p)
{
	return p.year != 0;
}

/**
 * Parses the query of @p r by @p spec (NULL: no parameters) into @p target (spec->size bytes)
 * and sets r->format.  Replies 400 invalid_query (invalid_period when only periods are at
 * fault) naming every bad or unknown parameter, or 406 for a format the route does not give,
 * and returns true; returns false when the query is good.
 */
bool query_parse_or_reply(struct req *r, const struct query_spec *spec, void *target);

/**
 * Parses @p n name=value pairs (@p names and @p values borrowed; the parsed struct may point
 * into @p values) by @p spec into @p target as a request's query would be, without the
 * parameters every route knows (format, columns, headers): a report section's parameters are
 * the query of the endpoint it shows.  Every problem is appended to *errors as {field,
 * message} (created on first use).  True when the pairs are good.
 */
bool query_parse_pairs(const struct query_spec *spec, const char *const *names,
		       const char *const *values, size_t n, void *target, json_t **errors);

/** Parses a decimal int64 with nothing around it (path ids, query integers).  False on NULL,
 *  junk or overflow. */
bool query_int(const char *s, int64_t *out);

/**
 * Writes the canonical form of @p target (filled by @p spec) into @p buf: "name=value&" for
 * every parameter in spec order, with defaults applied and strings percent-encoded.  Returns
 * the length written, or @p cap when it does not fit.
 */
size_t query_key(const struct query_spec *spec, const void *target, char *buf, size_t cap);

#endif
