/*
 * Keeps the routing table and openapi.yaml from drifting apart: every route in the table is
 * documented in the spec (path and method), and every path and method in the spec is routed;
 * the query parameters a route's spec takes (folja/query.h) are exactly those its operation
 * documents, required where the spec requires them, and `format` offers what the route
 * gives.  The spec is read from the embedded copy, the one the server serves.
 *
 * The spec is YAML, read here by its lines: the layout openapi.yaml keeps (two spaces per
 * level; a parameter is a flow map `- {name: ..., in: query, ...}`, a block map, or a
 * `- $ref: '#/components/parameters/...'`) is all the reader knows.  A parameter it cannot
 * read fails the test rather than passing unseen.  tests/openapi_replies.py reads the spec
 * with a real YAML parser and holds the replies to their schemas.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/embed.h"
#include "tests.h"

static const char *const methods[] = {"get", "post", "put", "patch", "delete", NULL};

/* Calls @p fn for every (METHOD, path) documented under `paths:` in the spec. */
static int for_each_spec_op(void (*fn)(const char *method, const char *path, int *bad), int *bad)
{
	const struct folja_embedded *f = folja_embedded_find("openapi.yaml");
	ck_assert_ptr_nonnull(f);
	const char *p = strstr(f->data, "\npaths:\n");
	ck_assert_ptr_nonnull(p);
	char path[256] = "";
	int ops = 0;
	for (p = p + 8; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		size_t len = strcspn(p, "\n");
		if (len && p[0] != ' ' && p[0] != '#')
			break;  /* the next top-level key ends `paths:` */
		if (len > 3 && strncmp(p, "  /", 3) == 0 && p[len - 1] == ':') {
			snprintf(path, sizeof path, "%.*s", (int)(len - 3), p + 2);
			continue;
		}
		for (int m = 0; methods[m]; m++) {
			size_t ml = strlen(methods[m]);
			if (strncmp(p, "    ", 4) == 0 && p[4] != ' ' &&
			    strncmp(p + 4, methods[m], ml) == 0 && p[4 + ml] == ':') {
				char upper[8];
				for (size_t i = 0; i <= ml; i++)
					upper[i] = (char)(methods[m][i] & ~0x20);
				upper[ml] = '\0';
				fn(upper, path, bad);
				ops++;
			}
		}
	}
	return ops;
}

static void check_routed(const char *method, const char *path, int *bad)
{
	for (const struct route *r = folja_routes; r->method; r++)
		if (strcmp(r->method, method) == 0 && strcmp(r->pattern, path) == 0)
			return;
	fprintf(stderr, "openapi.yaml documents %s %s, which no route serves\n", method, path);
	(*bad)++;
}

static const struct route *wanted;
static int found;

static void find_route(const char *method, const char *path, int *bad)
{
	if (strcmp(wanted->method, method) == 0 && strcmp(wanted->pattern, path) == 0)
		found = 1;
}

START_TEST(every_spec_operation_is_routed)
{
	int bad = 0;
	int ops = for_each_spec_op(check_routed, &bad);
	ck_assert_int_gt(ops, 5);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(every_route_is_documented)
{
	int bad = 0;
	for (wanted = folja_routes; wanted->method; wanted++) {
		found = 0;
		for_each_spec_op(find_route, &bad);
		if (!found) {
			fprintf(stderr, "route %s %s is not in openapi.yaml\n", wanted->method,
				wanted->pattern);
			bad++;
		}
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

/* ==== reading the YAML by its lines ====================================================== */

/* The number of spaces the line at @p starts with. */
static int indent_of(const char *p)
{
	return (int)strspn(p, " ");
}

/* The start of the line after the one @p is on, or NULL after the last. */
static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');
	return nl && nl[1] ? nl + 1 : NULL;
}

/* Blank and comment lines belong to no block. */
static bool is_blank(const char *line)
{
	int in = indent_of(line);
	return line[in] == '\n' || line[in] == '\0' || line[in] == '#';
}

/*
 * The line reading exactly @key (e.g. "parameters:") at column @col, looked for from the line
 * @from on and before the first line indented less than @col (the end of the block that holds
 * @from).  NULL when the block has no such line.
 */
static const char *find_line(const char *from, int col, const char *key)
{
	size_t len = strlen(key);
	for (const char *p = from; p; p = next_line(p)) {
		if (is_blank(p))
			continue;
		int in = indent_of(p);
		if (in < col)
			return NULL;
		if (in == col && strncmp(p + in, key, len) == 0 &&
		    (p[in + len] == '\n' || p[in + len] == '\0'))
			return p;
	}
	return NULL;
}

/* Copies @len bytes of @s into @out, without surrounding spaces or quotes. */
static void copy_scalar(const char *s, size_t len, char *out, size_t cap)
{
	while (len && s[0] == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (len >= 2 && (s[0] == '\'' || s[0] == '"') && s[len - 1] == s[0])
		s++, len -= 2;
	snprintf(out, cap, "%.*s", (int)len, s);
}

/* The end of the flow value at @v: the `,` or closing bracket after it, or the end of line. */
static const char *flow_value_end(const char *v)
{
	int depth = 0;
	char quote = 0;
	for (; *v && *v != '\n'; v++) {
		if (quote) {
			quote = *v == quote ? 0 : quote;
		} else if (*v == '\'' || *v == '"') {
			quote = *v;
		} else if (*v == '{' || *v == '[') {
			depth++;
		} else if (*v == '}' || *v == ']') {
			if (depth == 0)
				return v;
			depth--;
		} else if (*v == ',' && depth == 0) {
			return v;
		}
	}
	return v;
}

/* The value of @key in the one-line flow map @s ("{name: x, schema: {...}}") into @out. */
static bool flow_get(const char *s, const char *key, char *out, size_t cap)
{
	size_t klen = strlen(key);
	if (*s != '{')
		return false;
	for (const char *p = s + 1; *p && *p != '}' && *p != '\n';) {
		p += strspn(p, " ");
		const char *colon = p + strcspn(p, ":}\n");
		if (*colon != ':')
			return false;
		const char *end = flow_value_end(colon + 1);
		if ((size_t)(colon - p) == klen && strncmp(p, key, klen) == 0) {
			copy_scalar(colon + 1, (size_t)(end - colon - 1), out, cap);
			return true;
		}
		p = *end == ',' ? end + 1 : end;
	}
	return false;
}

/* True when the flow list @list ("[json, csv]") holds @word; counts its items in @n. */
static bool flow_list_has(const char *list, const char *word, int *n)
{
	bool has = false;
	char item[64];
	*n = 0;
	if (*list != '[')
		return false;
	for (const char *p = list + 1; *p && *p != ']';) {
		const char *end = flow_value_end(p);
		copy_scalar(p, (size_t)(end - p), item, sizeof item);
		has |= strcmp(item, word) == 0;
		(*n)++;
		p = *end == ',' ? end + 1 : end;
	}
	return has;
}

/*
 * The value of @key in the block map whose first key starts at @first, its keys at column
 * @col (a list item "- name: x" has its first key after the dash).  Nested values are skipped.
 */
static bool block_get(const char *first, int col, const char *key, char *out, size_t cap)
{
	size_t klen = strlen(key);
	for (const char *p = first; p;) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			copy_scalar(p + klen + 1, strcspn(p + klen + 1, "\n"), out, cap);
			return true;
		}
		const char *n = next_line(p);
		while (n && (is_blank(n) || indent_of(n) > col))
			n = next_line(n);
		if (!n || indent_of(n) < col)
			return false;
		p = n + col;
	}
	return false;
}

/* The value of @key in a map written either way, starting at @first, keys at column @col. */
static bool map_get(const char *first, int col, const char *key, char *out, size_t cap)
{
	return *first == '{' ? flow_get(first, key, out, cap) : block_get(first, col, key, out, cap);
}

/* ==== the query parameters an operation documents ======================================== */

#define DOC_MAX_PARAMS 32

/* A query parameter as openapi.yaml documents it. */
struct doc_param {
	char name[64];
	bool required;
	char choices[128];  /* its schema's enum as written, "[json, csv]"; "" for none */
};

struct doc_params {
	struct doc_param p[DOC_MAX_PARAMS];
	int n;
};

static const char *spec_text(void)
{
	const struct folja_embedded *f = folja_embedded_find("openapi.yaml");
	ck_assert_ptr_nonnull(f);
	return f->data;
}

/* Where the keys of the parameter @ref ("#/components/parameters/NAME") start, their column
 * in *col; NULL when the spec has no such parameter. */
static const char *component_param(const char *ref, int *col)
{
	const char *prefix = "#/components/parameters/";
	char key[80];
	if (strncmp(ref, prefix, strlen(prefix)) != 0)
		return NULL;
	snprintf(key, sizeof key, "%s:", ref + strlen(prefix));
	const char *p = strstr(spec_text(), "\ncomponents:\n");
	p = p ? find_line(p + 13, 2, "parameters:") : NULL;
	p = p ? find_line(next_line(p), 4, key) : NULL;
	p = p ? next_line(p) : NULL;
	if (!p || indent_of(p) <= 4)
		return NULL;
	*col = indent_of(p);
	return p + *col;
}

/* Adds (or, from the operation level, replaces) the parameter at @item to @d when it is
 * `in: query`.  False when it cannot be read. */
static bool read_param(const char *item, int col, struct doc_params *d)
{
	char ref[128], in[16], schema[256] = "", required[8] = "";
	struct doc_param dp = {0};
	if (*item != '{' && block_get(item, col, "$ref", ref, sizeof ref) &&
	    !(item = component_param(ref, &col)))
		return false;
	if (!map_get(item, col, "in", in, sizeof in) ||
	    !map_get(item, col, "name", dp.name, sizeof dp.name))
		return false;
	if (strcmp(in, "query") != 0)
		return true;
	map_get(item, col, "required", required, sizeof required);
	dp.required = strcmp(required, "true") == 0;
	if (map_get(item, col, "schema", schema, sizeof schema))
		flow_get(schema, "enum", dp.choices, sizeof dp.choices);
	int i = 0;
	while (i < d->n && strcmp(d->p[i].name, dp.name) != 0)
		i++;
	if (i == d->n) {
		if (d->n == DOC_MAX_PARAMS)
			return false;
		d->n++;
	}
	d->p[i] = dp;
	return true;
}

/* Reads the items of the list under the `parameters:` line @line (at column @col). */
static bool read_params(const char *line, int col, struct doc_params *d, const char *where)
{
	for (const char *p = next_line(line); p; p = next_line(p)) {
		if (is_blank(p))
			continue;
		int in = indent_of(p);
		if (in < col + 2)
			break;
		if (in > col + 2)
			continue;  /* the rest of a block-map item */
		if (strncmp(p + in, "- ", 2) != 0 || !read_param(p + in + 2, in + 2, d)) {
			fprintf(stderr, "openapi.yaml: cannot read a parameter of %s: %.*s\n", where,
				(int)strcspn(p, "\n"), p);
			return false;
		}
	}
	return true;
}

/* The query parameters documented for @method @path, at path and at operation level.  False
 * (having said why) when the operation is not there or a parameter cannot be read. */
static bool doc_query_params(const char *method, const char *path, struct doc_params *d)
{
	char key[260], op[16], where[300];
	size_t i;
	for (i = 0; method[i] && i < sizeof op - 2; i++)
		op[i] = (char)(method[i] | 0x20);
	op[i] = ':', op[i + 1] = '\0';
	snprintf(key, sizeof key, "%s:", path);
	snprintf(where, sizeof where, "%s %s", method, path);
	const char *p = strstr(spec_text(), "\npaths:\n");
	const char *item = p ? find_line(p + 8, 2, key) : NULL;
	const char *oper = item ? find_line(next_line(item), 4, op) : NULL;
	if (!oper) {
		fprintf(stderr, "openapi.yaml does not document %s\n", where);
		return false;
	}
	const char *at_path = find_line(next_line(item), 4, "parameters:");
	const char *at_op = find_line(next_line(oper), 6, "parameters:");
	d->n = 0;
	return (!at_path || read_params(at_path, 4, d, where)) &&
	       (!at_op || read_params(at_op, 6, d, where));
}

static const struct doc_param *doc_find(const struct doc_params *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->p[i].name, name) == 0)
			return &d->p[i];
	return NULL;
}

static const struct q_param *spec_find(const struct query_spec *q, const char *name)
{
	for (const struct q_param *p = q ? q->params : NULL; p && p->kind != Q_END; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* ==== the query parameters against the routing table ===================================== */

/* `format`: documented on every route that declares a query; json, and csv, md and html where
 * it gives them. */
static void check_format(const struct route *r, const struct doc_param *f, int *bad)
{
	bool csv = r->query && (r->query->formats & FORMAT_CSV);
	bool md = r->query && (r->query->formats & FORMAT_MD);
	bool html = r->query && (r->query->formats & FORMAT_HTML);
	int n;
	if (!f) {
		if (r->query) {
			fprintf(stderr, "%s %s takes ?format, which openapi.yaml does not document\n",
				r->method, r->pattern);
			(*bad)++;
		}
		return;
	}
	if (!flow_list_has(f->choices, "json", &n) || flow_list_has(f->choices, "csv", &n) != csv ||
	    flow_list_has(f->choices, "md", &n) != md ||
	    flow_list_has(f->choices, "html", &n) != html || n != 1 + csv + md + html) {
		fprintf(stderr, "openapi.yaml gives %s %s ?format=%s; the route gives [json%s%s%s]\n",
			r->method, r->pattern, f->choices[0] ? f->choices : "(no enum)",
			csv ? ", csv" : "", md ? ", md" : "", html ? ", html" : "");
		(*bad)++;
	}
}

/* Every parameter of the route's query spec is documented (required alike), and nothing else
 * but `format` is. */
static void check_query(const struct route *r, int *bad)
{
	struct doc_params d;
	if (!doc_query_params(r->method, r->pattern, &d)) {
		(*bad)++;
		return;
	}
	for (const struct q_param *p = r->query ? r->query->params : NULL; p && p->kind != Q_END;
	     p++) {
		const struct doc_param *dp = doc_find(&d, p->name);
		bool required = p->flags & Q_REQUIRED;
		if (!dp || dp->required != required) {
			fprintf(stderr, "%s %s takes ?%s%s, which openapi.yaml %s\n", r->method,
				r->pattern, p->name, required ? " (required)" : "",
				!dp ? "does not document" : required ? "does not require"
								     : "says is required");
			(*bad)++;
		}
	}
	bool csv = r->query && (r->query->formats & FORMAT_CSV);
	for (int i = 0; i < d.n; i++) {
		const char *n = d.p[i].name;
		bool common = strcmp(n, "format") == 0 ||
			      (csv && (strcmp(n, "columns") == 0 || strcmp(n, "headers") == 0));
		if (!common && !spec_find(r->query, n)) {
			fprintf(stderr, "openapi.yaml documents ?%s for %s %s, which the route does "
				"not take\n", n, r->method, r->pattern);
			(*bad)++;
		}
	}
	/* a route that gives CSV takes ?columns= and ?headers= with it, documented */
	for (int i = 0; csv && i < 2; i++) {
		const char *n = i ? "headers" : "columns";
		if (!doc_find(&d, n)) {
			fprintf(stderr, "%s %s gives CSV; openapi.yaml does not document ?%s\n",
				r->method, r->pattern, n);
			(*bad)++;
		}
	}
	check_format(r, doc_find(&d, "format"), bad);
}

START_TEST(query_parameters_match_the_routes)
{
	int bad = 0;
	for (const struct route *r = folja_routes; r->method; r++)
		check_query(r, &bad);
	ck_assert_int_eq(bad, 0);
}
END_TEST

/* The reader itself, on the shapes openapi.yaml uses. */
START_TEST(yaml_reader_reads_flow_and_block_maps)
{
	char schema[128], out[128];
	int n;
	ck_assert(flow_get("{name: period, in: query, description: 'a, b: c', schema: "
			   "{type: string, enum: [json, csv]}}", "schema", schema, sizeof schema));
	ck_assert_str_eq(schema, "{type: string, enum: [json, csv]}");
	ck_assert(flow_get(schema, "enum", out, sizeof out));
	ck_assert_str_eq(out, "[json, csv]");
	ck_assert(flow_list_has(out, "csv", &n));
	ck_assert_int_eq(n, 2);
	ck_assert(!flow_list_has("[json]", "csv", &n));
	ck_assert(!flow_get("{name: x, in: query}", "required", out, sizeof out));
	ck_assert(flow_get("{name: 'x', in: query}", "name", out, sizeof out));
	ck_assert_str_eq(out, "x");
	const char *block = "name: parent_id\n  in: query\n  schema:\n    type: integer\n"
			    "  required: true\n- name: next\n";
	ck_assert(block_get(block, 2, "required", out, sizeof out));
	ck_assert_str_eq(out, "true");
	ck_assert(!block_get(block, 2, "type", out, sizeof out));
	ck_assert(!block_get(block, 2, "next", out, sizeof out));
	int col = 0;
	const char *f = component_param("#/components/parameters/format", &col);
	ck_assert_ptr_nonnull(f);
	ck_assert(block_get(f, col, "in", out, sizeof out));
	ck_assert_str_eq(out, "query");
	ck_assert_ptr_null(component_param("#/components/parameters/nosuch", &col));
}
END_TEST

Suite *openapi_suite(void)
{
	Suite *s = suite_create("openapi");
	TCase *tc = tcase_create("drift");
	tcase_add_test(tc, every_spec_operation_is_routed);
	tcase_add_test(tc, every_route_is_documented);
	tcase_add_test(tc, yaml_reader_reads_flow_and_block_maps);
	tcase_add_test(tc, query_parameters_match_the_routes);
	suite_add_tcase(s, tc);
	return s;
}
