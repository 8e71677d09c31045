/*
 * The declarative query parser (see include/folja/query.h).
 *
 * The query's arguments are gathered from MHD once, then matched against the spec: a second
 * pass over the spec applies defaults and finds the required parameters that are missing.
 * Every problem is collected, so a client fixes its request in one round trip; a parameter
 * given twice is a problem too, since which of the two would count is not obvious.
 */
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folja/http.h"
#include "folja/input.h"
#include "folja/query.h"
#include "folja/strbuf.h"

#define Q_DEFAULT_MAX_LEN 200

struct arg {
	const char *key;
	const char *value;   /* "" for a key without '=' */
};

struct args {
	struct arg a[QUERY_MAX_PARAMS];
	size_t n;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	struct args *args = cls;
	(void)kind;
	if (args->n == QUERY_MAX_PARAMS)
		return MHD_NO;  /* the server refuses longer queries before they get here */
	args->a[args->n++] = (struct arg){k, v ? v : ""};
	return MHD_YES;
}

bool query_int(const char *s, int64_t *out)
{
	char *end;
	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static void list_choices(char *buf, size_t size, const char *const *choices)
{
	size_t len = 0;
	buf[0] = '\0';
	for (; *choices && len < size; choices++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *choices);
}

static bool text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max || !utf8_valid(s, n))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool parse_int_param(const struct q_param *p, const char *v, char *t, json_t **errors)
{
	int64_t i;
	if ((p->flags & Q_NULL_ID) && strcmp(v, "null") == 0) {
		*(int64_t *)(t + p->offset) = 0;
		return true;
	}
	if (query_int(v, &i) && i >= p->min && i <= p->max) {
		*(int64_t *)(t + p->offset) = i;
		return true;
	}
	problem_field(errors, p->name, "must be an integer from %" PRId64 " to %" PRId64 "%s",
		      p->min, p->max, p->flags & Q_NULL_ID ? ", or null" : "");
	return false;
}

static bool parse_enum_param(const struct q_param *p, const char *v, char *t, json_t **errors)
{
	char buf[512];
	for (const char *const *c = p->choices; *c; c++)
		if (strcmp(v, *c) == 0) {
			*(const char **)(t + p->offset) = *c;
			return true;
		}
	list_choices(buf, sizeof buf, p->choices);
	problem_field(errors, p->name, "must be one of: %s", buf);
	return false;
}

static bool parse_period_param(const struct q_param *p, const char *v, char *t,
			       json_t **errors)
{
	struct period *out = (struct period *)(t + p->offset);
	if (!period_parse(v, out)) {
		problem_field(errors, p->name, "%s", period_error(v));
		return false;
	}
	if (p->kind == Q_QUARTER && out->kind != PERIOD_QUARTER) {
		memset(out, 0, sizeof *out);
		problem_field(errors, p->name, "must be a quarter such as 2021-Q3");
		return false;
	}
	return true;
}

/* Parses @p v for @p p into @p t; on failure appends a problem and returns false. */
static bool parse_value(const struct q_param *p, const char *v, char *t, json_t **errors)
{
	size_t max = p->max ? (size_t)p->max : Q_DEFAULT_MAX_LEN;
	switch (p->kind) {
	case Q_INT:
		return parse_int_param(p, v, t, errors);
	case Q_BOOL:
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
			*(bool *)(t + p->offset) = v[0] == 't';
			return true;
		}
		problem_field(errors, p->name, "must be true or false");
		return false;
	case Q_ENUM:
		return parse_enum_param(p, v, t, errors);
	case Q_STRING:
		if (text_ok(v, max)) {
			*(const char **)(t + p->offset) = v;
			return true;
		}
		problem_field(errors, p->name, "must be text of at most %zu bytes without control "
			      "characters", max);
		return false;
	case Q_PERIOD:
	case Q_QUARTER:
		return parse_period_param(p, v, t, errors);
	case Q_END:
		break;
	}
	return false;
}

/* Sets @p p's member of @p t to its value when absent. */
static void set_default(const struct q_param *p, char *t)
{
	switch (p->kind) {
	case Q_INT:
		*(int64_t *)(t + p->offset) = p->def;
		break;
	case Q_BOOL:
		*(bool *)(t + p->offset) = p->def != 0;
		break;
	case Q_ENUM:
	case Q_STRING:
		*(const char **)(t + p->offset) = NULL;
		break;
	case Q_PERIOD:
	case Q_QUARTER:
		memset(t + p->offset, 0, sizeof(struct period));
		break;
	case Q_END:
		break;
	}
}

static const char *const format_names[] = {"json", "csv", "md", "html", NULL};

/* The format named by ?format= or, when absent, by Accept.  Replies 406 for one the route
 * does not give. */
static bool format_or_reply(struct req *r, const char *asked, unsigned formats)
{
	if (!formats)
		formats = FORMAT_JSON;
	r->format = FORMAT_JSON;
	if (!asked) {
		const char *accept = req_header(r, "Accept");
		if ((formats & FORMAT_CSV) && accept && strncasecmp(accept, "text/csv", 8) == 0)
			r->format = FORMAT_CSV;
		else if ((formats & FORMAT_HTML) && accept && strncasecmp(accept, "text/html", 9) == 0)
			r->format = FORMAT_HTML;
		else if ((formats & FORMAT_MD) && accept &&
			 strncasecmp(accept, "text/markdown", 13) == 0)
			r->format = FORMAT_MD;
		return false;
	}
	for (int i = 0; format_names[i]; i++)
		if (strcmp(asked, format_names[i]) == 0 && (formats & (1u << i))) {
			r->format = (enum format)(1u << i);
			return false;
		}
	char offered[64] = "";
	size_t len = 0;
	for (int i = 0; format_names[i]; i++)
		if (formats & (1u << i))
			len += (size_t)snprintf(offered + len, sizeof offered - len, "%s%s",
						len ? ", " : "", format_names[i]);
	json_t *errors = NULL;
	problem_field(&errors, "format", "must be one of: %s", offered);
	reply_problem(r, 406, "not_acceptable", errors, "this endpoint gives %s", offered);
	return true;
}

static const struct q_param *find_param(const struct query_spec *spec, const char *name)
{
	for (const struct q_param *p = spec ? spec->params : NULL; p && p->kind != Q_END; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* The names a route takes, for the message about an unknown one. */
static void known_names(const struct query_spec *spec, char *buf, size_t cap)
{
	size_t len = (size_t)snprintf(buf, cap, "format");
	for (const struct q_param *p = spec ? spec->params : NULL; p && p->kind != Q_END; p++)
		if (len < cap)
			len += (size_t)snprintf(buf + len, cap - len, ", %s", p->name);
}

/* One parse in progress. */
struct parse {
	const struct query_spec *spec;
	char *t;                              /* the target struct */
	bool seen[QUERY_MAX_PARAMS + 1];      /* by spec index */
	const char *format, *columns, *headers;  /* the parameters every route knows */
	json_t *errors;                       /* owned until replied */
	bool only_periods;                    /* every problem is of a period's value */
	bool no_common;                       /* pairs, not a request: format etc. unknown */
};

/* True when @p k is one of the parameters the server itself reads (format; columns and
 * headers where the route gives CSV), and takes its value. */
static bool common_param(struct parse *ps, const char *k, const char *v)
{
	bool csv = ps->spec && (ps->spec->formats & FORMAT_CSV);
	if (ps->no_common)
		return false;
	const char **slot = strcmp(k, "format") == 0 ? &ps->format :
			    csv && strcmp(k, "columns") == 0 ? &ps->columns :
			    csv && strcmp(k, "headers") == 0 ? &ps->headers : NULL;
	if (slot)
		*slot = v;
	return slot != NULL;
}

/* Matches the gathered arguments against the spec, appending problems. */
static void match_args(const struct args *args, struct parse *ps)
{
	char names[512];
	for (size_t i = 0; i < args->n; i++) {
		const char *k = args->a[i].key, *v = args->a[i].value;
		bool twice = false;
		for (size_t j = 0; j < i; j++)
			twice |= strcmp(args->a[j].key, k) == 0;
		const struct q_param *p = find_param(ps->spec, k);
		if (twice) {
			problem_field(&ps->errors, k, "is given more than once");
			ps->only_periods = false;
		} else if (common_param(ps, k, v)) {
			continue;
		} else if (!p) {
			known_names(ps->spec, names, sizeof names);
			problem_field(&ps->errors, k, "is not a parameter of this endpoint, which "
				      "takes: %s", names);
			ps->only_periods = false;
		} else {
			ps->seen[p - ps->spec->params] = true;
			if (!parse_value(p, v, ps->t, &ps->errors))
				ps->only_periods &= p->kind == Q_PERIOD || p->kind == Q_QUARTER;
		}
	}
}

/* The defaults of what was not given, and the required that are missing. */
static void missing_params(struct parse *ps)
{
	for (const struct q_param *p = ps->spec ? ps->spec->params : NULL; p && p->kind != Q_END;
	     p++) {
		if (ps->seen[p - ps->spec->params])
			continue;
		set_default(p, ps->t);
		if (p->flags & Q_REQUIRED) {
			problem_field(&ps->errors, p->name, "is required%s%s",
				      p->example ? ", e.g. " : "", p->example ? p->example : "");
			ps->only_periods &= p->kind == Q_PERIOD || p->kind == Q_QUARTER;
		}
	}
}

/* ?columns=a,b (names checked when the rows are written) and ?headers=sv|api. */
static void csv_params(struct req *r, struct parse *ps)
{
	r->csv_columns = ps->columns && *ps->columns ? ps->columns : NULL;
	r->csv_swedish = ps->headers && strcmp(ps->headers, "sv") == 0;
	if (ps->columns && !text_ok(ps->columns, 1000))
		problem_field(&ps->errors, "columns", "must be column names separated by commas");
	if (ps->headers && strcmp(ps->headers, "sv") != 0 && strcmp(ps->headers, "api") != 0)
		problem_field(&ps->errors, "headers", "must be one of: sv, api");
	if (ps->columns || ps->headers)
		ps->only_periods &= !ps->errors;
}

bool query_parse_pairs(const struct query_spec *spec, const char *const *names,
		       const char *const *values, size_t n, void *target, json_t **errors)
{
	struct args args = {.n = 0};
	struct parse ps = {.spec = spec, .t = target, .no_common = true, .errors = *errors};
	if (n > QUERY_MAX_PARAMS) {
		problem_field(errors, "params", "has more than %d parameters", QUERY_MAX_PARAMS);
		return false;
	}
	for (; args.n < n; args.n++)
		args.a[args.n] = (struct arg){names[args.n], values[args.n]};
	if (spec)
		memset(target, 0, spec->size);
	size_t before = json_array_size(ps.errors);
	match_args(&args, &ps);
	missing_params(&ps);
	*errors = ps.errors;
	return json_array_size(ps.errors) == before;
}

bool query_parse_or_reply(struct req *r, const struct query_spec *spec, void *target)
{
	struct args args = {.n = 0};
	struct parse ps = {.spec = spec, .t = target, .only_periods = true};

	MHD_get_connection_values(r->con, MHD_GET_ARGUMENT_KIND, collect, &args);
	if (spec)
		memset(target, 0, spec->size);
	match_args(&args, &ps);
	missing_params(&ps);
	csv_params(r, &ps);
	if (ps.errors) {
		size_t n = json_array_size(ps.errors);
		const char *first = json_string_value(json_object_get(json_array_get(ps.errors, 0),
								      "field"));
		const char *code = ps.only_periods ? "invalid_period" : "invalid_query";
		if (n == 1)
			reply_problem(r, 400, code, ps.errors, "query parameter %s is not valid",
				      first);
		else
			reply_problem(r, 400, code, ps.errors, "%zu query parameters are not valid",
				      n);
		return true;
	}
	return format_or_reply(r, ps.format, spec ? spec->formats : 0);
}

/* Appends @p s percent-encoded: all but A-Z a-z 0-9 - _ . are escaped, so the raw "~" that
 * stands for an absent value never comes out of a given one. */
static size_t put_encoded(char *buf, size_t len, size_t cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			     (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.';
		if (len + 3 >= cap)
			return cap;
		if (plain) {
			buf[len++] = (char)*p;
		} else {
			buf[len++] = '%';
			buf[len++] = hex[*p >> 4];
			buf[len++] = hex[*p & 15];
		}
	}
	return len;
}

/* The canonical text of @p p's value in @p t: into @p v, or a string it points at; NULL for
 * an absent one. */
static const char *canonical(const struct q_param *p, const char *t, char v[24])
{
	const struct period *per = (const struct period *)(t + p->offset);
	switch (p->kind) {
	case Q_INT:
	{
		struct strbuf b = strbuf_of(v, 24);
		strbuf_i64(&b, *(const int64_t *)(t + p->offset));
		return v;
	}
	case Q_BOOL:
		return *(const bool *)(t + p->offset) ? "true" : "false";
	case Q_ENUM:
	case Q_STRING:
		return *(const char *const *)(t + p->offset);
	case Q_PERIOD:
	case Q_QUARTER:
		if (!period_given(*per))
			return NULL;
		period_format(*per, v);
		return v;
	case Q_END:
		break;
	}
	return NULL;
}

size_t query_key(const struct query_spec *spec, const void *target, char *buf, size_t cap)
{
	size_t len = 0;
	if (cap == 0)
		return cap;
	buf[0] = '\0';
	for (const struct q_param *p = spec ? spec->params : NULL; p && p->kind != Q_END; p++) {
		char v[24];
		const char *s = canonical(p, target, v);
		len = put_encoded(buf, len, cap, p->name);
		if (len + 3 >= cap)
			return cap;
		buf[len++] = '=';
		if (s)
			len = put_encoded(buf, len, cap, s);
		else
			buf[len++] = '~';
		if (len + 2 >= cap)
			return cap;
		buf[len++] = '&';
		buf[len] = '\0';
	}
	return len;
}
