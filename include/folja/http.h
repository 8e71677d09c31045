/*
 * The request context and the replies.
 *
 * A `struct req` lives from MHD's first callback for a request to its completion callback.
 * The server fills it (method, route, path parameters, body, caller), dispatches it to the
 * route's handler, and the handler answers with exactly one reply_* call.  Replies are only
 * recorded here; the server queues them after the handler returns, so headers are never added
 * to a response already queued, and logging and metrics see every status.
 *
 * Every error leaves through reply_problem(), which writes RFC 9457 problem+json with a stable
 * machine `code`.  Validators that reply on failure are named *_or_reply and return true when
 * they have replied, so callers read `if (x_or_reply(r, ...)) return;`.
 */
#ifndef FOLJA_HTTP_H
#define FOLJA_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/query.h"
#include "folja/workers.h"

struct MHD_Connection;
struct MHD_Response;
struct route;
struct server_config;
struct db_versions;

#define REQ_MAX_PARAMS 4
/* The longest key req_key() makes. */
#define REQ_KEY_MAX 1024
#define CACHE_ETAG_MAX 48       /* a computed ETag with its quotes and NUL (folja/cache.h) */

/* Roles, ordered: a higher role may do everything a lower one may. */
enum role { ROLE_NONE = 0, ROLE_READER, ROLE_EDITOR, ROLE_ADMIN };

/* The authenticated caller; role ROLE_NONE for anonymous reads under --open-read. */
struct caller {
	enum role role;
	bool sensitive;        /* may read and write lex Sarah and decision detail */
	int64_t token_id;      /* 0 when anonymous */
	int64_t scope_unit_id; /* the token sees this unit's subtree only; 0: everything */
	char name[64];         /* token name, for the audit log; "" when anonymous */
};

struct req {
	struct MHD_Connection *con;    /* borrowed from MHD */
	const struct server_config *cfg; /* borrowed: the configuration of the serving server */
	const char *method;            /* borrowed from MHD; "HEAD" is routed as "GET" */
	const char *url;               /* borrowed from MHD; path without the query string */
	const struct route *route;     /* NULL until routed */
	const char *params[REQ_MAX_PARAMS]; /* path parameters, point into param_buf */
	char param_buf[512];
	char *body;                    /* owned; NUL-terminated; NULL when no body */
	size_t body_len;
	bool body_too_large;           /* the cap was passed; the rest was discarded */
	size_t discarded;              /* bytes of body dropped unread */
	void *stream;                  /* a streamed body's state (struct body_stream); owned */
	size_t streamed;               /* bytes of it handed on so far */
	bool too_many_params;          /* the query had more than QUERY_MAX_PARAMS parameters */
	bool checked;                  /* routed, authorised and its query parsed (headers) */
	bool queued;                   /* the reply has been handed to MHD */
	bool gzip;                     /* the client takes gzip (Accept-Encoding) */
	const char *cors_origin;       /* the request's Origin when it is allowed; borrowed */
	struct caller caller;
	enum format format;            /* the one format asked for (?format= or Accept) */
	const char *csv_columns;       /* ?columns=: the CSV columns asked for; NULL for all */
	bool csv_swedish;              /* ?headers=sv: Swedish CSV column headers */
	_Alignas(max_align_t) unsigned char query[QUERY_MAX_SIZE]; /* parsed; see REQ_QUERY */
	/* the reply, recorded by reply_*() and queued by the server */
	unsigned status;
	struct MHD_Response *resp;     /* owned until queued */
	char *memo_key;                /* owned: set while a memoised reply is being computed */
	uint64_t memo_version;         /* the data version that reply is computed at */
	char record_etag[24];          /* the ETag of a record's reply (reply_resource), kept
					  with it when memoised; "" for none */
	uint64_t started_ns;
	char key[REQ_KEY_MAX];         /* req_key(), once made ("" before) */
	uint64_t data_version, tokens_version;  /* req_versions(), once read */
	bool versions_read;
	int64_t *scope_ids;            /* owned: a scoped caller's units, ascending (scope.c) */
	size_t scope_n;
	char etag[CACHE_ETAG_MAX];     /* a GET's computed ETag, "" for none (server.c) */
	struct work work;              /* its handler's turn on the worker pool (server.c) */
	bool handed;                   /* handed to the pool: the reply is its */
};

/* ---- request accessors ------------------------------------------------------------------ */

/* The query of @p r as parsed by its route's query spec, as a `const T *`. */
#define REQ_QUERY(r, T) ((const T *)(const void *)(r)->query)


/** The canonical name of what @p r asks for: the format, whom it is for (anonymous, a token,
 *  a token with `sensitive`), today, the path and the parsed query (folja/query.h).  Two
 *  requests share it exactly when they ask for the same reply.  Made once per request and
 *  kept in it (borrowed); NULL when it does not fit in REQ_KEY_MAX. */
const char *req_key(struct req *r);
/** The versions kept in the database (db_versions), read once per request and kept in it, so
 *  the token check, the ETag and the memo cache agree on one reading.  False when the
 *  database cannot say. */
bool req_versions(struct req *r, struct db_versions *out);
/** Request header @p name (case-insensitive), or NULL.  Borrowed. */
const char *req_header(struct req *r, const char *name);
/** True when the caller asked for CSV (`?format=csv`, or `Accept: text/csv` where offered). */
static inline bool req_wants_csv(const struct req *r)
{
	return r->format == FORMAT_CSV;
}

/** Path parameter @p i as a positive id; on failure replies 404 and returns true. */
bool req_id_or_reply(struct req *r, int i, int64_t *out);
/** Parses the body as one JSON value (duplicate keys refused); 400/415 on failure.
 *  On success *out is a new reference the caller owns. */
bool req_json_or_reply(struct req *r, json_t **out);
/** Parses the body as a JSON object; like req_json_or_reply, 400 when it is not an object. */
bool req_json_object_or_reply(struct req *r, json_t **out);

/* ---- replies (each records the one reply of the request) ------------------------------- */

/** Replies @p status with @p body as JSON; steals @p body (NULL for no body, e.g. 204). */
void reply_json(struct req *r, unsigned status, json_t *body);
/** Replies with a single resource: JSON plus `ETag: "<version>"` from its "version" field.
 *  Steals @p obj. */
void reply_resource(struct req *r, unsigned status, json_t *obj);
/** Replies with the list envelope {items,total,limit,offset}, or CSV when asked for.
 *  Steals @p items. */
void reply_list(struct req *r, json_t *items, int64_t total, int64_t limit, int64_t offset);
/** Replies CSV (UTF-8 with BOM, `;`, CRLF) made from an array of flat objects, columns in the
 *  order of the first row's keys.  Steals @p rows. */
void reply_csv(struct req *r, json_t *rows, const char *filename);
/** Replies @p len bytes of static or caller-kept @p data with @p content_type. */
void reply_static(struct req *r, unsigned status, const char *content_type,
		  const char *data, size_t len);
/** Replies a copy of @p len bytes of @p data (borrowed; may be freed once this returns) with
 *  @p content_type: for replies kept in a cache that may evict them while the reply is sent. */
void reply_copy(struct req *r, unsigned status, const char *content_type,
		const char *data, size_t len);
/** Replies a 200 kept in the memo cache, neither kept again nor encoded: @p len bytes at
 *  @p data (its gzip encoding when @p gzip), which must stay as they are until
 *  @p release(@p cls) is called, once, when the reply is done with them (at once when no
 *  reply could be made: r->resp is then NULL).  @p disposition may be NULL. */
void reply_shared(struct req *r, const char *content_type, const char *disposition, bool gzip,
		  const char *data, size_t len, void (*release)(void *cls), void *cls);
/** Replies RFC 9457 problem+json.  @p code is the stable machine word, @p detail a sentence
 *  (printf format).  Field errors may be added with @p errors (stolen, may be NULL). */
void reply_problem(struct req *r, unsigned status, const char *code, json_t *errors,
		   const char *detail, ...) __attribute__((format(printf, 5, 6)));
/** Replies 503 out_of_memory (problem+json, Retry-After) from a static body, so it needs no
 *  memory itself: the one answer to every failed allocation. */
void reply_oom(struct req *r);
/** Adds a header to the recorded reply.  Call after reply_*. */
void reply_header(struct req *r, const char *name, const char *value);

/** True when the @p len bytes at @p s are well-formed UTF-8 (no overlong forms, surrogates or
 *  code points past U+10FFFF); @p s is borrowed and need not be NUL-terminated. */
bool utf8_valid(const char *s, size_t len);

/** Appends {field, message} to the error list *errors (created on first use). */
void problem_field(json_t **errors, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
