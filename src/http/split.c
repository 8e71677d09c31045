/*
 * Splitting a body into records as it arrives (see include/folja/split.h).
 *
 * One pass over each piece, byte by byte, with the little state a record boundary depends on
 * carried between pieces: whether the scan is inside a quoted CSV field (and just after a
 * quote in one) or a JSON string (and after a backslash in one), and the JSON nesting depth.  The bytes of the record being
 * gathered are appended to one buffer, reused for every record.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/split.h"

void split_init(struct splitter *s, enum split_kind kind, split_fn fn, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->fn = fn;
	s->ctx = ctx;
}

void split_csv_separator(struct splitter *s, char sep)
{
	s->sep = sep;
}

void split_free(struct splitter *s)
{
	if (!s)
		return;
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
}

/* Records a failure of @p kind described by @p why (static). */
static bool fail(struct splitter *s, enum split_failure kind, const char *why)
{
	s->failure = kind;
	s->error = why;
	return false;
}

static bool put(struct splitter *s, char c)
{
	if (s->len + 1 >= SPLIT_MAX_RECORD)
		return fail(s, SPLIT_TOO_LONG, "a record is longer than 64 KiB");
	if (s->len + 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		char *grown = realloc(s->buf, cap);
		if (!grown)
			return fail(s, SPLIT_NOMEM, "out of memory");
		s->buf = grown;
		s->cap = cap;
	}
	s->buf[s->len++] = c;
	return true;
}

/* Hands out the gathered record (NUL-terminated) and starts the next. */
static bool emit(struct splitter *s)
{
	char *rec = s->buf ? s->buf : (char *)"";
	size_t len = s->len;
	if (s->buf)
		s->buf[len] = '\0';
	if (s->kind == SPLIT_CSV && s->records == 0 && len >= 3 &&
	    memcmp(rec, "\xEF\xBB\xBF", 3) == 0) {
		rec += 3;   /* the byte-order mark of a spreadsheet's UTF-8 export */
		len -= 3;
	}
	if (s->kind == SPLIT_CSV && len && rec[len - 1] == '\r')
		rec[--len] = '\0';
	s->records++;
	s->len = 0;
	if (s->fn(s->ctx, rec, len))
		return true;
	return fail(s, SPLIT_STOPPED, "stopped");
}

/* True when the next byte of the record begins a field: the record's first (after a
 * byte-order mark), or the one after a separator.  Before the header is read the separator is
 * not known, and either may be it. */
static bool csv_field_start(const struct splitter *s)
{
	if (s->len == 0 ||
	    (s->records == 0 && s->len == 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0))
		return true;
	char last = s->buf[s->len - 1];
	return s->sep ? last == s->sep : last == ';' || last == ',';
}

/* A CSV byte.  As the reader has it (folja/csv_read.h), a quote opens a quoted field only at
 * the start of a field, and inside one a quote either doubles (a quote of the text) or closes
 * it: a stray quote inside an unquoted field (12" for inches) is text, and does not swallow
 * the lines after it. */
static bool csv_byte(struct splitter *s, char c)
{
	if (s->quote_seen) {
		s->quote_seen = false;
		if (c == '"')
			return put(s, c);   /* a doubled quote: still inside */
		s->in_string = false;
	}
	if (s->in_string)
		s->quote_seen = c == '"';
	else if (c == '"' && csv_field_start(s))
		s->in_string = true;
	else if (c == '\n')
		return emit(s);
	return put(s, c);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A byte of the JSON body outside any string. */
static bool json_structure(struct splitter *s, char c)
{
	if (s->depth == 0) {
		if (is_space(c))
			return true;
		if (c != '[' || s->opened)
			return fail(s, SPLIT_MALFORMED, s->opened ? "text follows the array" :
				    "the body is not a JSON array");
		s->opened = true;
		s->depth = 1;
		return true;
	}
	if (s->depth == 1 && (c == ',' || c == ']')) {
		bool blank = s->len == 0;
		if (c == ']') {
			s->depth = 0;
			s->closed = true;
		}
		if (blank && (c == ',' || s->records > 0))
			return fail(s, SPLIT_MALFORMED, "an element of the array is missing");
		return blank || emit(s);
	}
	if (c == '[' || c == '{')
		s->depth++;
	else if (c == ']' || c == '}')
		s->depth--;
	else if (c == '"')
		s->in_string = true;
	return (s->depth == 1 && s->len == 0 && is_space(c)) || put(s, c);
}

static bool json_byte(struct splitter *s, char c)
{
	if (!s->in_string)
		return json_structure(s, c);
	if (s->escaped)
		s->escaped = false;
	else if (c == '\\')
		s->escaped = true;
	else if (c == '"')
		s->in_string = false;
	return put(s, c);
}

bool split_feed(struct splitter *s, const char *data, size_t n)
{
	if (s->error)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s->kind == SPLIT_CSV ? csv_byte(s, data[i]) : json_byte(s, data[i])))
			return false;
	return true;
}

bool split_end(struct splitter *s)
{
	if (s->error)
		return false;
	if (s->kind == SPLIT_CSV)
		return s->len == 0 || emit(s);
	if (!s->opened || !s->closed || s->in_string)
		return fail(s, SPLIT_MALFORMED, "the JSON array is not closed");
	return true;
}
