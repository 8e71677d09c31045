/*
 * The section types of a report and how each is built.
 *
 * A section shows one endpoint's reply for the report's unit and period.  The table below
 * names, for each type, the endpoint (its path and query spec), the body function that makes
 * its reply (the same function its handler calls, so a section holds exactly what the endpoint
 * returns), and the parameters the report fills in: %u the report's unit, %p its period, %y
 * its year.  A section's own params are that endpoint's query parameters and override the
 * report's (a tertial report showing sick leave for January–March, last year's table beside
 * this year's); they are parsed by the endpoint's own query spec, so a template is checked
 * exactly as a request would be.  `source` is the URL that reproduces `data`.
 *
 * A type with no body would render as an empty, clearly labelled section ("not yet available
 * in this installation"); every type has one now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/pnr.h"
#include "folja/query.h"

#include "reports.h"

const char *const report_kinds[] = {"manadsrapport", "tertialrapport", "delarsrapport",
				    "verksamhetsberattelse", NULL};

/* An endpoint's body for a section: @p path_id is the id of the path's {name}, if any. */
typedef json_t *(*section_body_fn)(struct db *db, int64_t path_id, const void *query,
				   const struct api_view *v, enum db_rc *rc);
/* A section made otherwise than by one endpoint (goal_summary, indicators): its data, and
 * the URL that reproduces it in *source (a new reference). */
typedef json_t *(*section_make_fn)(const struct report_ctx *c, json_t *params, json_t **source,
				   enum db_rc *rc);

struct section_type {
	const char *type;
	const char *path;               /* the endpoint; "{name}" takes params.name */
	const struct query_spec *spec;  /* its query; NULL: params are not checked */
	section_body_fn body;           /* NULL: not yet available in this installation */
	const char *fill;               /* what the report fills in: "unit_id=%u&period=%p" */
	section_make_fn make;           /* set for the types made otherwise */
};

/* ---- body adapters: the endpoints' body functions behind one signature ---- */

static json_t *rollup_section(struct db *db, int64_t id, const void *q,
			      const struct api_view *v, enum db_rc *rc)
{
	json_t *errors = NULL;
	(void)id;
	if (!budget_rollup_params_check(q, &errors)) {
		json_decref(errors);
		*rc = DB_INVALID;
		return NULL;
	}
	return budget_rollup_body(db, q, v, rc);
}

static json_t *goals_section(struct db *db, int64_t id, const void *q,
			     const struct api_view *v, enum db_rc *rc)
{
	(void)id;
	return api_goals_tree_body(db, q, v, rc);
}

static json_t *lex_sarah_section(struct db *db, int64_t id, const void *q,
				 const struct api_view *v, enum db_rc *rc)
{
	(void)id;
	return lex_sarah_summary_body(db, q, v, rc);
}

static json_t *council_section(struct db *db, int64_t id, const void *q,
			       const struct api_view *v, enum db_rc *rc)
{
	(void)id;
	return decisions_council_report_body(db, q, v, rc);
}

static json_t *decisions_year_section(struct db *db, int64_t id, const void *q,
				      const struct api_view *v, enum db_rc *rc)
{
	(void)id;
	return decisions_summary_body(db, q, v, rc);
}

static json_t *statistics_section(struct db *db, int64_t id, const void *q,
				  const struct api_view *v, enum db_rc *rc)
{
	return api_statistics_table_query_body(db, id, q, v, rc);
}

/* The registers' summaries, each over struct register_summary_params. */
#define REGISTER_SECTION(name, fn) \
	static json_t *name(struct db *db, int64_t id, const void *q, \
			    const struct api_view *v, enum db_rc *rc) \
	{ \
		(void)id; \
		return fn(db, q, v, rc); \
	}
REGISTER_SECTION(risks_section, risks_summary_body)
REGISTER_SECTION(internal_control_section, internal_controls_summary_body)
REGISTER_SECTION(actions_section, actions_summary_body)
REGISTER_SECTION(complaints_section, complaints_summary_body)
REGISTER_SECTION(incidents_section, incidents_summary_body)
REGISTER_SECTION(audits_section, audits_summary_body)
REGISTER_SECTION(lex_maria_section, lex_maria_summary_body)
#undef REGISTER_SECTION

static json_t *text_make(const struct report_ctx *c, json_t *params, json_t **source,
			 enum db_rc *rc);
static json_t *goal_summary_make(const struct report_ctx *c, json_t *params, json_t **source,
				 enum db_rc *rc);
static json_t *indicators_make(const struct report_ctx *c, json_t *params, json_t **source,
			       enum db_rc *rc);

/* Columns: type, endpoint path, its query spec, body (NULL: not yet available), the report's
 * parameters, or the maker of a type made otherwise. */
static const struct section_type types[] = {
	{"text", NULL, NULL, NULL, NULL, text_make},
	{"goal_summary", NULL, NULL, NULL, NULL, goal_summary_make},
	{"goals", "/api/v1/goals/tree", &api_goals_tree_query, goals_section,
	 "period=%p&unit_id=%u", NULL},
	{"indicators", NULL, NULL, NULL, NULL, indicators_make},
	{"budget", "/api/v1/budget/rollup", &api_budget_rollup_query, rollup_section,
	 "unit_id=%u&period=%p", NULL},
	{"forecast", "/api/v1/budget/rollup", &api_budget_rollup_query, rollup_section,
	 "unit_id=%u&period=%p", NULL},
	{"investments", "/api/v1/budget/rollup", &api_budget_rollup_query, rollup_section,
	 "unit_id=%u&period=%p&ledger=investering&group_by=project", NULL},
	{"lex_sarah", "/api/v1/lex-sarah-reports/summary", &api_lex_sarah_summary_query,
	 lex_sarah_section, "period=%p&unit_id=%u&cumulative=true", NULL},
	{"lex_maria", "/api/v1/lex-maria-reports/summary", &api_lex_maria_summary_query,
	 lex_maria_section, "period=%p&unit_id=%u", NULL},
	{"decisions", "/api/v1/decisions/council-report", &api_council_report_query,
	 council_section, "period=%p&unit_id=%u", NULL},
	{"decisions_summary", "/api/v1/decisions/summary", &api_decisions_summary_query,
	 decisions_year_section, "year=%y&unit_id=%u", NULL},
	{"risks", "/api/v1/risks/summary", &api_risks_summary_query, risks_section,
	 "period=%y&unit_id=%u", NULL},
	{"internal_control", "/api/v1/internal-controls/summary",
	 &api_internal_controls_summary_query, internal_control_section, "period=%y&unit_id=%u",
	 NULL},
	{"actions", "/api/v1/actions/summary", &api_actions_summary_query, actions_section,
	 "period=%p&unit_id=%u", NULL},
	{"complaints", "/api/v1/complaints/summary", &api_complaints_summary_query,
	 complaints_section, "period=%p&unit_id=%u", NULL},
	{"incidents", "/api/v1/incidents/summary", &api_incidents_summary_query,
	 incidents_section, "period=%p&unit_id=%u", NULL},
	{"audits", "/api/v1/audits/summary", &api_audits_summary_query, audits_section,
	 "period=%p&unit_id=%u", NULL},
	{"statistics", "/api/v1/statistics/{statistic_id}/table", &api_statistics_table_query,
	 statistics_section, "unit_id=%u&period=%p", NULL},
};
#define NTYPES (sizeof types / sizeof types[0])

static const struct section_type *type_of(const char *name)
{
	for (size_t i = 0; name && i < NTYPES; i++)
		if (strcmp(types[i].type, name) == 0)
			return &types[i];
	return NULL;
}


/* ==== the parameters of a section ========================================================= */

/* The query of one section: the report's parameters, then the section's over them. */
struct pairs {
	const char *names[QUERY_MAX_PARAMS];
	const char *values[QUERY_MAX_PARAMS];
	char own[QUERY_MAX_PARAMS][32];   /* values written here (numbers, booleans) */
	char fill[256];                   /* the type's fill, cut up in place */
	char name_buf[64];                /* holds path_name */
	size_t n;
	const char *path_name;            /* the {name} of the path, when it has one */
	int64_t path_id;                  /* its value; 0 when not given */
};

/* Sets @p name to @p value, replacing an earlier value of the same name. */
static bool pairs_set(struct pairs *p, const char *name, const char *value)
{
	size_t i = 0;
	while (i < p->n && strcmp(p->names[i], name) != 0)
		i++;
	if (i == QUERY_MAX_PARAMS)
		return false;
	p->names[i] = name;
	p->values[i] = value;
	if (i == p->n)
		p->n++;
	return true;
}

/* The report's own parameters of type @p t into @p p. */
static void pairs_fill(struct pairs *p, const struct section_type *t, const char *unit,
		       const char *period, const char *year)
{
	snprintf(p->fill, sizeof p->fill, "%s", t->fill ? t->fill : "");
	for (char *save = NULL, *kv = strtok_r(p->fill, "&", &save); kv;
	     kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq)
			continue;
		*eq++ = '\0';
		pairs_set(p, kv, strcmp(eq, "%u") == 0 ? unit : strcmp(eq, "%p") == 0 ? period :
				 strcmp(eq, "%y") == 0 ? year : eq);
	}
}

/* The path's "{name}", when it has one, into p->path_name. */
static void pairs_path(struct pairs *p, const struct section_type *t)
{
	const char *open = t->path ? strchr(t->path, '{') : NULL;
	const char *close = open ? strchr(open, '}') : NULL;
	p->path_name = NULL;
	if (open && close && (size_t)(close - open) < sizeof p->name_buf) {
		snprintf(p->name_buf, (size_t)(close - open), "%s", open + 1);
		p->path_name = p->name_buf;
	}
}

/* The section's own params (@p params, an object; strings borrowed) over the report's.
 * Appends a problem naming @p prefix for a value that is no query value. */
static void pairs_params(struct pairs *p, json_t *params, const char *prefix, json_t **errors)
{
	const char *k;
	json_t *v;
	json_object_foreach(params, k, v) {
		size_t i = p->n < QUERY_MAX_PARAMS ? p->n : QUERY_MAX_PARAMS - 1;
		if (p->path_name && strcmp(k, p->path_name) == 0 && json_is_integer(v)) {
			p->path_id = json_integer_value(v);
			continue;
		}
		const char *value = json_string_value(v);
		if (json_is_integer(v) || json_is_boolean(v)) {
			if (json_is_integer(v))
				snprintf(p->own[i], sizeof p->own[i], "%lld",
					 (long long)json_integer_value(v));
			else
				snprintf(p->own[i], sizeof p->own[i], "%s",
					 json_is_true(v) ? "true" : "false");
			value = p->own[i];
		}
		if (!value || !pairs_set(p, k, value))
			problem_field(errors, prefix, "%s must be a string, an integer or a boolean",
				      k);
	}
}

/* The URL that reproduces a section: the path with its id, then the query in order. */
static json_t *source_url(const struct section_type *t, const struct pairs *p)
{
	static const char hex[] = "0123456789ABCDEF";
	char url[1024];
	size_t o = 0;
	const char *open = strchr(t->path, '{'), *close = open ? strchr(open, '}') : NULL;
	if (open && close)
		o = (size_t)snprintf(url, sizeof url, "%.*s%lld%s", (int)(open - t->path), t->path,
				     (long long)p->path_id, close + 1);
	else
		o = (size_t)snprintf(url, sizeof url, "%s", t->path);
	for (size_t i = 0; i < p->n && o + 8 < sizeof url; i++) {
		o += (size_t)snprintf(url + o, sizeof url - o, "%c%s=", i ? '&' : '?', p->names[i]);
		for (const unsigned char *s = (const unsigned char *)p->values[i];
		     *s && o + 4 < sizeof url; s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || strchr("-._~", *s)) {
				url[o++] = (char)*s;
			} else {
				url[o++] = '%';
				url[o++] = hex[*s >> 4];
				url[o++] = hex[*s & 15];
			}
		}
		url[o < sizeof url ? o : sizeof url - 1] = '\0';
	}
	return json_string(url);
}

/* The report's parameters and the section's, for type @p t, into @p p; problems into
 * *errors under @p prefix.  The report's unit, period and year are @p c's. */
static void pairs_make(struct pairs *p, const struct section_type *t, const struct report_ctx *c,
		       json_t *params, const char *prefix, json_t **errors, char unit[24],
		       char year[8])
{
	snprintf(unit, 24, "%lld", (long long)c->unit_id);
	snprintf(year, 8, "%d", c->period.year);
	p->n = 0;               /* the buffers need no clearing: only n entries are read */
	p->path_id = 0;
	pairs_path(p, t);
	pairs_fill(p, t, unit, c->period_text, year);
	pairs_params(p, params, prefix, errors);
}

/* ==== building a section ================================================================== */

/* The data of a section of type @p t made by its endpoint's body; NULL with *problem (a new
 * reference: what was wrong) when the endpoint refused, NULL with *rc set on failure. */
static json_t *endpoint_data(const struct report_ctx *c, const struct section_type *t,
			     json_t *params, json_t **source, json_t **problem, enum db_rc *rc)
{
	struct pairs p;
	char unit[24], year[8];
	_Alignas(max_align_t) unsigned char query[QUERY_MAX_SIZE];
	json_t *errors = NULL;
	pairs_make(&p, t, c, params, "params", &errors, unit, year);
	if (!errors && t->spec)
		query_parse_pairs(t->spec, p.names, p.values, p.n, query, &errors);
	*source = source_url(t, &p);
	if (errors) {
		*problem = json_pack("{s:s, s:o}", "text", "the section's params are not valid",
				     "errors", errors);
		*rc = *problem ? DB_OK : DB_NOMEM;
		return NULL;
	}
	json_t *data = t->body(c->db, p.path_id, query, &c->view, rc);
	if (!data && (*rc == DB_NOT_FOUND || *rc == DB_INVALID || *rc == DB_CONFLICT)) {
		*problem = json_pack("{s:s}", "text", *rc == DB_NOT_FOUND ? "what the section shows "
				     "no longer exists" : *rc == DB_INVALID ? "the figures leave the "
				     "range of amounts" : "the endpoint cannot answer for this unit");
		*rc = *problem ? DB_OK : DB_NOMEM;
	}
	return data;
}

/* The data (or text, note, error) of section @p sec of type @p t into @p out. */
static enum db_rc section_fill(const struct report_ctx *c, const struct section_type *t,
			       json_t *sec, json_t *out)
{
	json_t *params = json_object_get(sec, "params"), *source = NULL, *problem = NULL;
	json_t *data = NULL;
	enum db_rc rc = DB_OK;
	if (t->make)
		data = t->make(c, t->make == text_make ? sec : params, &source, &rc);
	else if (t->body)
		data = endpoint_data(c, t, params, &source, &problem, &rc);
	if (rc != DB_OK) {
		json_decref(source);
		return rc;
	}
	bool text = t->make == text_make;
	if ((!text && json_object_set_new(out, "source", source ? source : json_null())) ||
	    json_object_set_new(out, text ? "text" : "data", data ? data : json_null()))
		return DB_NOMEM;
	if (!t->make && !t->body)
		problem = json_string("not yet available in this installation");
	if (problem && json_object_set_new(out, t->body ? "error" : "note", problem))
		return DB_NOMEM;
	return DB_OK;
}

json_t *report_section_build(const struct report_ctx *c, json_t *sec, enum db_rc *rc)
{
	const char *type = json_string_value(json_object_get(sec, "type"));
	const struct section_type *t = type_of(type);
	json_t *params = json_object_get(sec, "params");
	/* "o" steals: the section's own params gain a reference, an empty one is new */
	json_t *out = json_pack("{s:O, s:O, s:s, s:o}", "key", json_object_get(sec, "key"),
				"title", json_object_get(sec, "title"), "type", type ? type : "",
				"params", params ? json_incref(params) : json_object());
	*rc = out ? DB_OK : DB_NOMEM;
	if (out && !t) {   /* a type this installation no longer knows: shown as such */
		if (json_object_set_new(out, "data", json_null()) ||
		    json_object_set_new(out, "note", json_string("unknown section type")))
			*rc = DB_NOMEM;
	} else if (out) {
		*rc = section_fill(c, t, sec, out);
	}
	if (*rc != DB_OK) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* ==== the types made otherwise ============================================================ */

static json_t *text_make(const struct report_ctx *c, json_t *sec, json_t **source,
			 enum db_rc *rc)
{
	(void)c;
	(void)source;
	json_t *text = json_object_get(sec, "text");
	json_t *out = json_string(json_is_string(text) ? json_string_value(text) : "");
	*rc = out ? DB_OK : DB_NOMEM;
	return out;
}

static json_t *goal_summary_make(const struct report_ctx *c, json_t *params, json_t **source,
				 enum db_rc *rc)
{
	char url[128];
	snprintf(url, sizeof url, "/api/v1/goals/tree?period=%s&unit_id=%lld", c->period_text,
		 (long long)c->unit_id);
	*source = json_string(url);
	json_t *data = report_goal_summary(c, params, rc);
	if (data && !*source) {
		json_decref(data);
		*rc = DB_NOMEM;
		return NULL;
	}
	return data;
}

/* One indicator of the section: as stored, its values, and its comparison of the year (null
 * where the endpoint answers 409: no Kolada KPI, no municipality to rank). */
static json_t *indicator_item(const struct report_ctx *c, json_t *ind, enum db_rc *rc)
{
	char values_url[96], cmp_url[128];
	int64_t id = json_integer_value(json_object_get(ind, "id"));
	struct indicator_values_params vp = {.id = id};
	struct indicator_comparison_params cp = {.id = id, .year = c->period.year};
	json_t *values = api_indicators_values_body(c->db, &vp, &c->view, rc), *cmp = NULL;
	if (!values)
		return NULL;
	cmp = api_indicators_comparison_body(c->db, &cp, &c->view, rc);
	if (!cmp && *rc != DB_CONFLICT) {
		json_decref(values);
		return NULL;
	}
	snprintf(values_url, sizeof values_url, "/api/v1/indicators/%lld/values", (long long)id);
	snprintf(cmp_url, sizeof cmp_url, "/api/v1/indicators/%lld/comparison?year=%d",
		 (long long)id, c->period.year);
	json_t *item = json_pack("{s:O, s:o, s:s, s:o, s:s}", "indicator", ind, "values", values,
				 "values_source", values_url, "comparison",
				 cmp ? cmp : json_null(), "comparison_source", cmp_url);
	*rc = item ? DB_OK : DB_NOMEM;
	return item;
}

static json_t *indicators_make(const struct report_ctx *c, json_t *params, json_t **source,
			       enum db_rc *rc)
{
	char url[96];
	json_t *inds = json_array(), *items = json_array(), *ind, *out = NULL;
	size_t i;
	(void)params;
	*rc = inds && items ? db_reports_indicators(c->db, c->unit_id, c->period.year, inds)
			    : DB_NOMEM;
	json_array_foreach(inds, i, ind) {
		json_t *item = *rc == DB_OK ? indicator_item(c, ind, rc) : NULL;
		if (item && json_array_append_new(items, item))
			*rc = DB_NOMEM;
	}
	json_decref(inds);
	snprintf(url, sizeof url, "/api/v1/indicators?unit_id=%lld", (long long)c->unit_id);
	if (*rc == DB_OK && (out = json_pack("{s:i, s:O}", "year", c->period.year, "items", items))
	    && !(*source = json_string(url))) {
		json_decref(out);
		out = NULL;
	}
	if (*rc == DB_OK && !out)
		*rc = DB_NOMEM;
	json_decref(items);
	return out;
}

/* ==== checking a template's sections ====================================================== */

/* A section key: a-z, 0-9, _ and -, 1..64 bytes. */
static bool key_valid(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	return n >= 1 && n <= 64 && strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* A text of at most @p max bytes with no personnummer in it; else a problem at @p name. */
static void text_check(json_t *v, const char *name, size_t max, bool required, json_t **errors)
{
	size_t at, len;
	const char *s = json_string_value(v);
	if (!v || json_is_null(v)) {
		if (required)
			problem_field(errors, name, "is required");
	} else if (!s || json_string_length(v) > max || strlen(s) != json_string_length(v)) {
		problem_field(errors, name, "must be a string of at most %zu bytes", max);
	} else if (required && s[strspn(s, " \t\r\n")] == '\0') {
		problem_field(errors, name, "must not be blank");
	} else if (pnr_find(s, &at, &len)) {
		problem_field(errors, name, "contains what looks like a personnummer or "
			      "samordningsnummer at position %zu; reports hold de-identified text "
			      "only", at + 1);
	}
}

/* goal_summary: params {earlier: [{period, label}]}, each period a year's part ("T1", "08",
 * "Q2") or a whole period. */
static void goal_summary_check(json_t *params, const char *prefix, json_t **errors)
{
	json_t *earlier = json_object_get(params, "earlier"), *e;
	size_t i;
	const char *k;
	json_t *v;
	json_object_foreach(params, k, v)
		if (strcmp(k, "earlier") != 0)
			problem_field(errors, prefix, "%s is not a parameter of goal_summary, which "
				      "takes: earlier", k);
	if (earlier && !json_is_array(earlier))
		problem_field(errors, prefix, "earlier must be an array of {period, label}");
	json_array_foreach(earlier, i, e) {
		struct period p;
		char name[64], whole[32];
		const char *per = json_string_value(json_object_get(e, "period"));
		snprintf(name, sizeof name, "%s.earlier[%zu]", prefix, i);
		snprintf(whole, sizeof whole, "2000-%s", per ? per : "");
		if (!per || (!period_parse(per, &p) && !period_parse(whole, &p)))
			problem_field(errors, name, "period must be a part of the year such as T2, "
				      "Q2 or 08, or a whole period such as 2021-T2");
		text_check(json_object_get(e, "label"), name, 40, true, errors);
	}
}

/* The params of section @p sec of type @p t, checked as its endpoint checks a query. */
static void params_check(const struct section_type *t, json_t *sec, const char *prefix,
			 json_t **errors)
{
	json_t *params = json_object_get(sec, "params");
	struct pairs p;
	char unit[24], year[8];
	_Alignas(max_align_t) unsigned char query[QUERY_MAX_SIZE];
	struct report_ctx c = {.unit_id = 1, .period = {PERIOD_YEAR, 2021, 0},
			       .period_text = "2021"};
	if (params && !json_is_object(params)) {
		problem_field(errors, prefix, "must be an object");
		return;
	}
	if (t->make == goal_summary_make)
		goal_summary_check(params, prefix, errors);
	else if (t->make && json_object_size(params))
		problem_field(errors, prefix, "must be empty for a %s section", t->type);
	if (t->make || !t->spec)
		return;
	pairs_make(&p, t, &c, params, prefix, errors, unit, year);
	size_t before = json_array_size(*errors);
	query_parse_pairs(t->spec, p.names, p.values, p.n, query, errors);
	for (size_t i = before; i < json_array_size(*errors); i++) {   /* name them in full */
		json_t *e = json_array_get(*errors, i);
		json_object_set_new(e, "field", json_sprintf("%s.%s", prefix, json_string_value(
			json_object_get(e, "field"))));
	}
}

/* Section @p i of a template. */
static void section_check(json_t *sec, size_t i, json_t *keys, json_t **errors)
{
	char prefix[48], name[64];
	snprintf(prefix, sizeof prefix, "sections[%zu]", i);
	if (!json_is_object(sec)) {
		problem_field(errors, prefix, "must be an object {key, title, type, params}");
		return;
	}
	const char *key = json_string_value(json_object_get(sec, "key"));
	const char *type = json_string_value(json_object_get(sec, "type"));
	snprintf(name, sizeof name, "%s.key", prefix);
	if (!key_valid(key))
		problem_field(errors, name, "must be 1-64 characters of a-z, 0-9, _ and -");
	else if (json_object_get(keys, key))
		problem_field(errors, name, "%s is the key of an earlier section", key);
	else
		json_object_set_new(keys, key, json_true());
	snprintf(name, sizeof name, "%s.title", prefix);
	text_check(json_object_get(sec, "title"), name, 200, true, errors);
	snprintf(name, sizeof name, "%s.text", prefix);
	text_check(json_object_get(sec, "text"), name, 100000, false, errors);
	snprintf(name, sizeof name, "%s.type", prefix);
	snprintf(prefix + strlen(prefix), sizeof prefix - strlen(prefix), ".params");
	if (!type_of(type))
		problem_field(errors, name, "must be a known section type");
	else
		params_check(type_of(type), sec, prefix, errors);
}

void report_sections_check(json_t *sections, json_t **errors)
{
	json_t *keys = json_object(), *sec;
	size_t i;
	if (!json_is_array(sections) || json_array_size(sections) == 0)
		problem_field(errors, "sections", "must be a non-empty array of {key, title, type, "
			      "params}");
	else if (json_array_size(sections) > 100)
		problem_field(errors, "sections", "may hold at most 100 sections");
	else
		json_array_foreach(sections, i, sec)
			section_check(sec, i, keys, errors);
	json_decref(keys);
}
