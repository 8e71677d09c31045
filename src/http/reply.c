/*
 * Request accessors and replies.
 *
 * A reply is recorded on the request (status plus an MHD response) and queued by the server
 * after the handler returns.  Recording a second reply replaces the first, which only happens
 * on a programming error and is caught by an assert in debug builds.  All JSON is written
 * compact, UTF-8, with a trailing newline so `curl` output ends cleanly.
 */
#include <assert.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folja/csv.h"
#include "folja/gzip.h"
#include "folja/http.h"
#include "folja/memo.h"
#include "folja/route.h"

/* ==== accessors =========================================================================== */

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->con, MHD_HEADER_KIND, name);
}

bool req_id_or_reply(struct req *r, int i, int64_t *out)
{
	if (query_int(r->params[i], out) && *out > 0)
		return false;
	reply_problem(r, 404, "not_found", NULL, "no resource with id '%s'", r->params[i]);
	return true;
}

/* The most values (each object key counts as one too) and the deepest nesting a JSON body
 * may have.  jansson spends about a hundred bytes on each value, so 8 MiB of "[0,0,0,...]" or
 * of unique keys would take the better part of a gigabyte; counting first keeps a body's
 * cost in proportion to what the endpoint needs.  The imports take many rows; everything
 * else takes one resource or a modest list. */
#define JSON_MAX_VALUES 100000
#define JSON_MAX_VALUES_IMPORT 2000000
#define JSON_MAX_DEPTH 64

/* Counts the values of the JSON text at @p s without building it: a value starts at each
 * '{', '[', '"' (outside strings), digit, '-', 't', 'f' or 'n' that follows a
 * structural character.  Malformed text is left to the parser.  False when a limit is
 * passed. */
static bool json_size_ok(const char *s, size_t len, size_t max_values)
{
	size_t values = 0;
	int depth = 0;
	bool in_string = false, expect_value = true;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == ',' || c == ':' || c == '[' || c == '{') {
			if ((c == '[' || c == '{') && ++depth > JSON_MAX_DEPTH)
				return false;
			values += c != ',' && c != ':';   /* an array or object is a value */
			expect_value = true;
			in_string = false;
			continue;
		}
		if (c == ']' || c == '}') {
			depth--;
			expect_value = false;
			continue;
		}
		if (expect_value)
			values++;
		expect_value = false;
		in_string = c == '"';
		if (values > max_values)
			return false;
	}
	return values <= max_values;
}

bool req_json_or_reply(struct req *r, json_t **out)
{
	json_error_t err;
	*out = NULL;
	if (!r->body || r->body_len == 0) {
		reply_problem(r, 400, "body_required", NULL, "this request needs a JSON body");
		return true;
	}
	size_t max = r->route && (r->route->body == BODY_JSON_CSV ||
				  r->route->body == BODY_STREAM) ? JSON_MAX_VALUES_IMPORT :
		     JSON_MAX_VALUES;
	if (!json_size_ok(r->body, r->body_len, max)) {
		reply_problem(r, 413, "body_too_complex", NULL, "the JSON body has more than %zu "
			      "values or is nested deeper than %d levels", max, JSON_MAX_DEPTH);
		return true;
	}
	*out = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (*out)
		return false;
	reply_problem(r, 400, "invalid_json", NULL, "JSON error at line %d, column %d: %s",
		      err.line, err.column, err.text);
	return true;
}

bool req_json_object_or_reply(struct req *r, json_t **out)
{
	if (req_json_or_reply(r, out))
		return true;
	if (json_is_object(*out))
		return false;
	json_decref(*out);
	*out = NULL;
	reply_problem(r, 400, "invalid_json", NULL, "the body must be a JSON object");
	return true;
}

/* ==== replies ============================================================================= */

static void record(struct req *r, unsigned status, struct MHD_Response *resp,
		   const char *content_type)
{
	assert(!r->resp);
	if (r->resp)
		MHD_destroy_response(r->resp);
	r->status = status;
	r->resp = resp;
	if (resp && content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
}

void reply_header(struct req *r, const char *name, const char *value)
{
	if (r->resp)
		MHD_add_response_header(r->resp, name, value);
}

/* How the bytes of a body are held, and so who frees them. */
enum hold {
	HOLD_STATIC,   /* outlives the reply (a literal, the embedded spec) */
	HOLD_COPY,     /* the caller's, for the call only: MHD copies them */
	HOLD_OWNED,    /* malloc'd, handed over: freed with the reply */
};

static enum MHD_ResponseMemoryMode mode_of(enum hold hold)
{
	return hold == HOLD_STATIC ? MHD_RESPMEM_PERSISTENT :
	       hold == HOLD_COPY ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_MUST_FREE;
}

/*
 * The one way a reply with a body is recorded.  A 200 is kept for the memo cache when its
 * request missed it; a body over GZIP_MIN_BYTES goes out gzip'd to a client that takes it
 * (and the encoding is kept with the cached reply).  @p disposition may be NULL.
 */
static void reply_body(struct req *r, unsigned status, const char *content_type,
		       const char *disposition, char *data, size_t len, enum hold hold)
{
	size_t gz_len = 0;
	char *gz = r->gzip && len > GZIP_MIN_BYTES ? gzip_encode(data, len, &gz_len) : NULL;
	if (status == 200)
		memo_capture(r, content_type, disposition, data, len, gz, gz_len);
	struct MHD_Response *resp;
	if (gz) {
		resp = MHD_create_response_from_buffer(gz_len, gz, MHD_RESPMEM_MUST_FREE);
		if (hold == HOLD_OWNED)
			free(data);
	} else {
		resp = MHD_create_response_from_buffer(len, data, mode_of(hold));
	}
	record(r, status, resp, content_type);
	if (gz)
		reply_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (len > GZIP_MIN_BYTES)
		reply_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (disposition)
		reply_header(r, "Content-Disposition", disposition);
}

void reply_static(struct req *r, unsigned status, const char *content_type, const char *data,
		  size_t len)
{
	reply_body(r, status, content_type, NULL, (char *)data, len, HOLD_STATIC);
}

void reply_copy(struct req *r, unsigned status, const char *content_type, const char *data,
		size_t len)
{
	reply_body(r, status, content_type, NULL, (char *)data, len, HOLD_COPY);
}

void reply_shared(struct req *r, const char *content_type, const char *disposition, bool gzip,
		  const char *data, size_t len, void (*release)(void *cls), void *cls)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer_with_free_callback_cls(len, (void *)data, release,
								       cls);
	if (!resp) {
		release(cls);
		return;
	}
	record(r, 200, resp, content_type);
	if (gzip)
		reply_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (gzip || len > GZIP_MIN_BYTES)
		reply_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (disposition)
		reply_header(r, "Content-Disposition", disposition);
}

void reply_oom(struct req *r)
{
	static const char body[] =
		"{\"type\":\"urn:folja:problem:out_of_memory\",\"title\":\"Service Unavailable\","
		"\"status\":503,\"detail\":\"the server ran out of memory for this request; retry "
		"shortly\",\"code\":\"out_of_memory\",\"errors\":[]}\n";
	if (r->resp)
		return;
	reply_static(r, 503, "application/problem+json; charset=utf-8", body, sizeof body - 1);
	reply_header(r, "Retry-After", "1");
}

/*
 * Every figure a reply holds is an integer or a decimal rounded to a few places, which 15
 * significant digits write exactly as rounded (68.3); jansson's default 17 would write the
 * nearest double's expansion (68.299999999999997), which parses back to the same number but
 * is not what a controller should copy into a report.
 */
#define REPLY_JSON_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* Replies @p body dumped as JSON with @p content_type; steals @p body.  NULL is no body for
 * a 204, and a failed allocation upstream for anything else. */
static void reply_json_as(struct req *r, unsigned status, json_t *body, const char *content_type)
{
	char *text = NULL;
	size_t len = 0;
	if (!body && status != 204) {
		reply_oom(r);
		return;
	}
	if (body) {
		text = json_dumps(body, REPLY_JSON_FLAGS);
		json_decref(body);
		if (!text) {
			reply_oom(r);
			return;
		}
		len = strlen(text);
		/* json_dumps leaves no room for the newline; grow by one. */
		char *grown = realloc(text, len + 2);
		if (grown) {
			text = grown;
			text[len++] = '\n';
			text[len] = '\0';
		}
		reply_body(r, status, content_type, NULL, text, len, HOLD_OWNED);
		return;
	}
	record(r, status, MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT),
	       NULL);
}

void reply_json(struct req *r, unsigned status, json_t *body)
{
	/* A computed reply asked for as CSV, from a handler that made one JSON object: its
	 * table (csv_rows_of_object), so every summary gives CSV without a renderer of its own. */
	if (status == 200 && req_wants_csv(r) && json_is_object(body)) {
		json_t *rows = csv_rows_of_object(body);
		json_decref(body);
		if (!rows)
			reply_oom(r);
		else
			reply_csv(r, rows, "summary.csv");
		return;
	}
	reply_json_as(r, status, body, "application/json; charset=utf-8");
}

void reply_resource(struct req *r, unsigned status, json_t *obj)
{
	json_int_t version = json_integer_value(json_object_get(obj, "version"));
	/* set before the reply is recorded, so a memoised copy keeps it too */
	if (version > 0)
		snprintf(r->record_etag, sizeof r->record_etag, "\"%lld\"", (long long)version);
	reply_json(r, status, obj);
	if (r->record_etag[0])
		reply_header(r, MHD_HTTP_HEADER_ETAG, r->record_etag);
}

void reply_list(struct req *r, json_t *items, int64_t total, int64_t limit, int64_t offset)
{
	if (req_wants_csv(r)) {
		reply_csv(r, items, "list.csv");
		return;
	}
	reply_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
				     (json_int_t)total, "limit", (json_int_t)limit, "offset",
				     (json_int_t)offset));
}

void reply_csv(struct req *r, json_t *rows, const char *filename)
{
	size_t len = 0;
	char bad[CSV_NAME_MAX];
	struct csv_options opt = {.columns = r->csv_columns, .swedish = r->csv_swedish};
	char *text = csv_write(rows, &opt, &len, bad);
	json_decref(rows);
	if (!text && bad[0]) {
		json_t *errors = NULL;
		problem_field(&errors, "columns", "%s is not a column here", bad);
		reply_problem(r, 400, "invalid_query", errors, "query parameter columns names an "
			      "unknown column: %s", bad);
		return;
	}
	if (!text) {
		reply_oom(r);
		return;
	}
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", filename);
	reply_body(r, 200, "text/csv; charset=utf-8", disp, text, len, HOLD_OWNED);
}

/* ==== problems ============================================================================ */

/* The length of the valid UTF-8 sequence at @p p (at most @p avail bytes), or 0 when the bytes
 * there are not one: a stray continuation byte, a truncated or overlong sequence, a surrogate,
 * or a code point past U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t avail)
{
	size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 :
		   (*p >> 3) == 30 ? 4 : 0;
	if (n == 0 || n > avail)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((n == 2 && *p < 0xC2) || (n == 3 && *p == 0xE0 && p[1] < 0xA0) ||
	    (n == 3 && *p == 0xED && p[1] >= 0xA0) ||
	    (n == 4 && (*p > 0xF4 || (*p == 0xF0 && p[1] < 0x90) || (*p == 0xF4 && p[1] >= 0x90))))
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	while (len) {
		size_t n = utf8_seq(p, len);
		if (n == 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Replaces every byte that is not part of a valid UTF-8 sequence with '?', in place, so text
 * that quotes client input (a path, a field) can always be put in JSON. */
static void utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t len = strlen(s);
	while (len) {
		size_t n = utf8_seq(p, len);
		if (n == 0) {
			*p++ = '?';
			len--;
			continue;
		}
		p += n;
		len -= n;
	}
}

static const char *reason(unsigned status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 409: return "Conflict";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 428: return "Precondition Required";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

void problem_field(json_t **errors, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	utf8_scrub(msg);
	if (!*errors)
		*errors = json_array();
	json_array_append_new(*errors, json_pack("{s:s, s:s}", "field", field, "message", msg));
}

void reply_problem(struct req *r, unsigned status, const char *code, json_t *errors,
		   const char *detail, ...)
{
	char text[1024], type[128];
	va_list ap;
	va_start(ap, detail);
	vsnprintf(text, sizeof text, detail, ap);
	va_end(ap);
	utf8_scrub(text);
	snprintf(type, sizeof type, "urn:folja:problem:%s", code);
	json_t *p = json_pack("{s:s, s:s, s:i, s:s, s:s, s:o}", "type", type, "title",
			      reason(status), "status", (int)status, "detail", text, "code", code,
			      "errors", errors ? errors : json_array());
	if (r->resp) {
		/* A second reply is a bug; keep the first rather than queue two. */
		json_decref(p);
		return;
	}
	reply_json_as(r, status, p, "application/problem+json; charset=utf-8");
}
