/*
 * /api/v1/report-templates — the ordered sections a report of a kind is made of.
 *
 * A template is {kind, name, is_default, sections: [{key, title, type, params}]}; each kind
 * has one default, which POST /reports copies into a new report unless it names another.  The
 * built-in templates follow the seed reports (sql/0010-reports.sql) and may be edited like any
 * other; a report keeps the copy it was made with.  Sections are checked as a request to their
 * endpoints would be (src/api/report_sections.c), every title and text screened for
 * personnummer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "folja/input.h"

#include "reports.h"

struct template_body {
	const char *kind;
	const char *name;
	int is_default;
	json_t *sections;
};

static const struct in_field template_spec[] = {
	{"kind", IN_ENUM, offsetof(struct template_body, kind), IN_REQUIRED, 0, 0, report_kinds},
	{"name", IN_STRING, offsetof(struct template_body, name), IN_REQUIRED, 0, 200, NULL},
	{"is_default", IN_BOOL, offsetof(struct template_body, is_default), IN_NULLABLE, 0, 0,
	 NULL},
	{"sections", IN_JSON, offsetof(struct template_body, sections), IN_REQUIRED, 0, 0, NULL},
	IN_FIELD("id", IN_IGNORE, struct template_body, name, 0),
	IN_FIELD("builtin", IN_IGNORE, struct template_body, name, 0),
	IN_FIELD("version", IN_IGNORE, struct template_body, name, 0),
	IN_FIELD("created_at", IN_IGNORE, struct template_body, name, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct template_body, name, 0),
	{0}
};

struct template_write {
	struct req *r;
	int64_t id;                  /* 0 on create */
	int64_t version;             /* If-Match; -1 for any */
	struct report_template_in in;
	char *sections;              /* owned: the sections as stored */
	json_t *before, *out;        /* owned */
};

/* Parses and checks the body into @p w; replies 422 and returns true when it is not valid. */
static bool template_body_or_reply(struct req *r, json_t *body, struct template_write *w)
{
	struct template_body b;
	json_t *errors = NULL;
	if (input_parse_or_reply(r, body, template_spec, &b))
		return true;
	report_sections_check(b.sections, &errors);
	if (input_errors_or_reply(r, errors))
		return true;
	w->sections = json_dumps(b.sections, JSON_COMPACT);
	if (!w->sections) {
		reply_oom(r);
		return true;
	}
	w->in = (struct report_template_in){.kind = b.kind, .name = b.name,
					    .is_default = b.is_default == 1,
					    .sections = w->sections};
	return false;
}

static enum db_rc template_tx(struct db *db, void *ctx)
{
	struct template_write *w = ctx;
	enum db_rc rc = DB_OK;
	if (w->id)
		rc = db_report_templates_get(db, w->id, &w->before);
	if (rc == DB_OK)
		rc = w->id ? db_report_templates_update(db, w->id, w->version, &w->in)
			   : db_report_templates_insert(db, &w->in, &w->id);
	if (rc == DB_OK)
		rc = db_report_templates_get(db, w->id, &w->out);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "report_template", w->id, w->before, w->out);
	return rc;
}

/* Creates (w->id 0) or replaces the template of the body; replies. */
static void template_write(struct req *r, struct template_write *w)
{
	json_t *body = NULL;
	struct db *db;
	char location[64];
	if (req_json_object_or_reply(r, &body) || template_body_or_reply(r, body, w) ||
	    api_db_or_reply(r, &db))
		goto cleanup;
	bool create = w->id == 0;
	enum db_rc rc = db_write(db, template_tx, w);
	if (rc != DB_OK) {
		api_db_error(r, rc, "report template");
		goto cleanup;
	}
	snprintf(location, sizeof location, "/api/v1/report-templates/%lld", (long long)w->id);
	reply_resource(r, create ? 201 : 200, w->out);
	w->out = NULL;
	if (create)
		reply_header(r, "Location", location);
cleanup:
	json_decref(body);
	json_decref(w->before);
	json_decref(w->out);
	free(w->sections);
}

/* POST /api/v1/report-templates {kind, name, is_default?, sections} */
void api_report_templates_create(struct req *r)
{
	struct template_write w = {.r = r, .version = -1};
	template_write(r, &w);
}

/* PUT /api/v1/report-templates/{id} (If-Match) */
void api_report_templates_put(struct req *r)
{
	struct template_write w = {.r = r};
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.version))
		return;
	template_write(r, &w);
}

/* GET /api/v1/report-templates/{id} */
void api_report_templates_get(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *out = NULL;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_report_templates_get(db, id, &out);
	if (rc != DB_OK)
		api_db_error(r, rc, "report template");
	else
		reply_resource(r, 200, out);
}

struct templates_query {
	int64_t limit, offset;
	const char *kind;
};

const struct query_spec api_report_templates_query = {
	(const struct q_param[]){
		Q_PAGING(struct templates_query),
		{"kind", Q_ENUM, offsetof(struct templates_query, kind), 0, 0, 0, 0, report_kinds,
		 NULL},
		{0}},
	sizeof(struct templates_query), FORMAT_JSON,
};

/* GET /api/v1/report-templates[?kind=&limit=&offset=] */
void api_report_templates_list(struct req *r)
{
	const struct templates_query *q = REQ_QUERY(r, struct templates_query);
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_report_templates_list(db, q->kind, items) : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "report template");
		return;
	}
	api_list_page(r, items, (int64_t)json_array_size(items), q->limit, q->offset);
}
