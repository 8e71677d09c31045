/*
 * Reading an import's body as it arrives (see import.h): the digest, the splitter, CSV
 * records read into rows under the header, JSON elements parsed one by one, a JSON object
 * read whole for the imports that take one, and the replies of a body that cannot be read.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folja/csv_read.h"
#include "folja/server.h"

#include "import.h"

/* ==== errors ============================================================================== */

void import_row_error(struct import_stream *s, size_t row, const char *field, const char *fmt,
		      ...)
{
	char msg[256];
	va_list ap;
	if (++s->nerrors > IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (row == 0)
		problem_field(&s->errors, field, "header: %s", msg);
	else
		problem_field(&s->errors, field, "row %zu: %s", row, msg);
	json_object_set_new(json_array_get(s->errors, json_array_size(s->errors) - 1), "row",
			    json_integer((json_int_t)row));
}

void import_row_errors(struct import_stream *s, size_t row, json_t *errs)
{
	size_t k;
	json_t *e;
	json_array_foreach(errs, k, e)
		import_row_error(s, row, json_string_value(json_object_get(e, "field")), "%s",
				 json_string_value(json_object_get(e, "message")));
	json_decref(errs);
}

bool import_errors_or_reply(struct import_stream *s)
{
	if (!s->nerrors)
		return false;
	reply_problem(s->r, 422, "invalid_rows", s->errors, "%zu error%s in the import; nothing "
		      "was stored%s", s->nerrors, s->nerrors == 1 ? "" : "s",
		      s->nerrors > IMPORT_MAX_ERRORS ? " (the first 100 are listed)" : "");
	s->errors = NULL;
	return true;
}

void import_reply_done(struct import_stream *s, size_t rows)
{
	reply_json(s->r, s->dry_run ? 200 : 201, json_pack("{s:b, s:I, s:I}", "dry_run",
		   s->dry_run, "valid_rows", (json_int_t)rows, "imported",
		   (json_int_t)(s->dry_run ? 0 : rows)));
}

bool import_plain_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return false;
	long long v = strtoll(s, &end, 10);
	if (*end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* ==== CSV ================================================================================= */

/* The header row (@p rc as csv_read_row returned it): reading stops when it has errors. */
static bool csv_header_row(struct import_stream *s, const struct csv_reader *rd, int rc,
			   char **f, size_t n)
{
	s->header_read = true;
	s->sep = rd->sep;
	split_csv_separator(&s->split, rd->sep);
	if (rc < 0)
		import_row_error(s, 0, "header", "%s", rd->error);
	else if (s->h->header(s->ctx, f, n))
		return true;
	s->stopped = true;
	return true;
}

/* The rows of one record: more than one when a stray quote kept a line end inside it. */
static bool csv_rows(struct import_stream *s, struct csv_reader *rd)
{
	char *f[IMPORT_MAX_FIELDS];
	size_t n;
	int rc;
	while (!s->stopped && (rc = csv_read_row(rd, f, s->h->max_fields, &n)) != 0) {
		if (!s->header_read) {
			csv_header_row(s, rd, rc, f, n);
			continue;
		}
		size_t row = ++s->rows;
		if (rc < 0) {
			import_row_error(s, row, "row", "line %zu: %s", rd->line, rd->error);
			s->stopped = true;
		} else if (!s->h->row(s->ctx, row, f, n)) {
			return false;
		}
	}
	return true;
}

/* The splitter's callback of a CSV body: one record, its line end cut off. */
static bool csv_record(void *ctx, char *rec, size_t len)
{
	struct import_stream *s = ctx;
	struct csv_reader rd;
	if (s->stopped)
		return true;
	if (s->header_read)
		rd = (struct csv_reader){.p = rec, .end = rec + len, .sep = s->sep};
	else
		csv_read_open(&rd, rec, len);   /* detects the separator from the header */
	rd.next_line = s->line;
	bool go_on = csv_rows(s, &rd);
	s->line = rd.next_line + 1;
	return go_on;
}

/* ==== JSON ================================================================================ */

/* The splitter's callback of a JSON array: one element, parsed on its own. */
static bool json_element(void *ctx, char *rec, size_t len)
{
	struct import_stream *s = ctx;
	json_error_t err;
	size_t row = ++s->rows;
	json_t *v = json_loadb(rec, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (!v && json_error_code(&err) == json_error_out_of_memory) {
		reply_oom(s->r);
		return false;
	}
	if (!v) {
		reply_problem(s->r, 400, "invalid_json", NULL, "JSON error in element %zu of the "
			      "array, at its line %d, column %d: %s", row, err.line, err.column,
			      err.text);
		return false;
	}
	bool go_on = s->h->element(s->ctx, row, v);
	json_decref(v);
	return go_on;
}

/* Appends to the object read whole, up to --max-body (413 beyond, naming the flag). */
static bool whole_append(struct import_stream *s, const char *data, size_t n)
{
	size_t cap = s->r->cfg->max_body;
	if (s->whole_len + n > cap) {
		reply_problem(s->r, 413, "body_too_large", NULL, "the body exceeds %zu bytes (a "
			      "JSON object is read whole; raise it with folja serve --max-body)", cap);
		return false;
	}
	char *grown = realloc(s->whole, s->whole_len + n + 1);
	if (!grown) {
		reply_oom(s->r);
		return false;
	}
	memcpy(grown + s->whole_len, data, n);
	s->whole = grown;
	s->whole_len += n;
	return true;
}

/* The object read whole, handed to the import: it becomes the request's body, parsed as
 * every JSON body is (the same bounds on its size and the same 400 naming line and column). */
static bool whole_end(struct import_stream *s)
{
	json_t *obj;
	s->whole[s->whole_len] = '\0';
	s->r->body = s->whole;   /* the request's from here on */
	s->r->body_len = s->whole_len;
	s->whole = NULL;
	if (req_json_or_reply(s->r, &obj))
		return false;
	bool go_on = s->h->object(s->ctx, obj);
	json_decref(obj);
	return go_on;
}

/* A JSON body's first byte that is not white space decides how it is read: an object whole
 * (when the import takes one), anything else split as an array. */
static void json_sniff(struct import_stream *s, const char *data, size_t n)
{
	for (size_t i = 0; i < n && s->mode == BODY_UNKNOWN; i++)
		if (!strchr(" \t\r\n", data[i]))
			s->mode = data[i] == '{' && s->h->object ? BODY_WHOLE : BODY_SPLIT;
}

/* ==== the stream ========================================================================== */

void import_stream_init(struct import_stream *s, struct req *r, const struct import_handlers *h,
			void *ctx, bool dry_run)
{
	const char *ct = req_header(r, "Content-Type");
	*s = (struct import_stream){.r = r, .h = h, .ctx = ctx, .line = 1,
				    .csv = ct && strncasecmp(ct, "text/csv", 8) == 0,
				    .dry_run = dry_run};
	s->mode = s->csv ? BODY_SPLIT : BODY_UNKNOWN;
	split_init(&s->split, s->csv ? SPLIT_CSV : SPLIT_JSON_ARRAY,
		   s->csv ? csv_record : json_element, s);
	crypto_hash_sha256_init(&s->sha);
}

/* The reply of a split that failed (unless a handler has replied); false. */
static bool split_failed(struct import_stream *s, bool at_end)
{
	if (s->r->status)
		return false;
	switch (s->split.failure) {
	case SPLIT_TOO_LONG:
		reply_problem(s->r, 413, "record_too_large", NULL, "%s %zu is longer than 64 KiB%s",
			      s->csv ? "the record from line" : "element",
			      s->csv ? s->line : s->rows + 1,
			      s->csv ? " (is a quote not closed?)" : "");
		break;
	case SPLIT_MALFORMED:
		if (!s->split.opened && !at_end)
			reply_problem(s->r, 400, "invalid_body", NULL, "%s", s->h->takes);
		else
			reply_problem(s->r, 400, "invalid_json", NULL, "JSON error: %s",
				      s->split.error);
		break;
	default:
		reply_oom(s->r);
	}
	return false;
}

bool import_stream_feed(struct import_stream *s, const char *data, size_t n)
{
	if (s->stopped)
		return true;   /* judged by what was read; the rest is passed over */
	s->bytes += n;
	crypto_hash_sha256_update(&s->sha, (const unsigned char *)data, n);
	if (s->mode == BODY_UNKNOWN)
		json_sniff(s, data, n);
	if (s->mode == BODY_WHOLE)
		return whole_append(s, data, n);
	if (s->mode == BODY_UNKNOWN)
		return true;   /* white space so far */
	return split_feed(&s->split, data, n) || s->stopped || split_failed(s, false);
}

bool import_stream_end_or_reply(struct import_stream *s)
{
	if (s->bytes == 0) {
		reply_problem(s->r, 400, "body_required", NULL, "this request needs a %s body",
			      s->csv ? "CSV" : "JSON");
		return true;
	}
	if (s->stopped)
		return false;
	if (s->mode == BODY_WHOLE)
		return !whole_end(s);
	if (!split_end(&s->split))
		return !split_failed(s, true);
	if (s->csv && !s->header_read)
		import_row_error(s, 0, "header", "the CSV has no header row");
	return false;
}

void import_stream_sha256(struct import_stream *s, char hex[API_SHA256_HEX])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&s->sha, hash);
	sodium_bin2hex(hex, API_SHA256_HEX, hash, sizeof hash);
}

void import_stream_free(struct import_stream *s)
{
	if (!s)
		return;
	split_free(&s->split);
	free(s->whole);
	json_decref(s->errors);
	s->whole = NULL;
	s->errors = NULL;
}
