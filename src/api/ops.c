/*
 * Operations endpoints (health, metrics, the spec) and the helpers every handler shares:
 * mapping a storage outcome to its problem, writing the audit entry, reading If-Match.
 */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/embed.h"
#include "folja/input.h"
#include "folja/metrics.h"

/* ==== shared helpers ====================================================================== */

void api_db_error(struct req *r, enum db_rc rc, const char *what)
{
	switch (rc) {
	case DB_NOT_FOUND:
		reply_problem(r, 404, "not_found", NULL, "no such %s", what);
		break;
	case DB_CONFLICT:
		reply_problem(r, 409, "conflict", NULL, "the %s conflicts with existing data "
			      "(a duplicate, an unknown reference, or still referenced)", what);
		break;
	case DB_STALE:
		reply_problem(r, 412, "stale_version", NULL, "the %s has changed since you read "
			      "it; read it again and retry", what);
		break;
	case DB_NOMEM:
		reply_oom(r);
		break;
	case DB_BUSY:
		reply_problem(r, 503, "busy", NULL, "the database is busy; retry shortly");
		reply_header(r, "Retry-After", "1");
		break;
	case DB_FULL:
		reply_problem(r, 503, "storage_full", NULL, "the disk holding the database is full; "
			      "nothing was written");
		reply_header(r, "Retry-After", "60");
		break;
	case DB_READONLY:
		reply_problem(r, 503, "storage_read_only", NULL, "the database file cannot be "
			      "written; nothing was written");
		reply_header(r, "Retry-After", "60");
		break;
	case DB_CORRUPT:
		reply_problem(r, 503, "storage_corrupt", NULL, "the database file is damaged; run "
			      "folja check and restore from a backup");
		break;
	case DB_IO:
		reply_problem(r, 503, "storage_io", NULL, "the database file could not be read; "
			      "the disk may be failing");
		reply_header(r, "Retry-After", "60");
		break;
	case DB_ERROR:
		if (db_unported_take()) {
			reply_problem(r, 501, "not_on_postgresql", NULL, "the %s is not served "
				      "from a PostgreSQL database yet; use SQLite for it", what);
			break;
		}
		/* fall through */
	case DB_INVALID:
	case DB_OK:
		reply_problem(r, 500, "internal", NULL, "a storage error occurred");
		break;
	}
}

bool api_db_or_reply(struct req *r, struct db **db)
{
	*db = db_thread();
	if (*db)
		return false;
	reply_problem(r, 503, "unavailable", NULL, "the database cannot be opened");
	return true;
}

/* An entry is sensitive when the route that writes it is: the routing table alone decides, so a
 * register added later behind a *_SENSITIVE route is covered without a list to keep.  Fails
 * closed: a write with no route (none exists) would be kept to `sensitive` too. */
static bool route_sensitive(const struct route *rt)
{
	return !rt || rt->access == ACCESS_EDIT_SENSITIVE || rt->access == ACCESS_READ_SENSITIVE;
}

enum db_rc api_audit(struct req *r, struct db *db, const char *entity, int64_t id,
		     json_t *before, json_t *after)
{
	struct audit_entry e = {
		.actor = r->caller.name[0] ? r->caller.name : "-",
		.token_id = r->caller.token_id,
		.sensitive = route_sensitive(r->route),
		.method = r->method,
		.path = r->url,
		.entity = entity,
		.entity_id = id,
		.before = before,
		.after = after,
	};
	return db_audit_insert(db, &e);
}

void api_body_sha256(const struct req *r, char hex[API_SHA256_HEX])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)(r->body ? r->body : ""), r->body_len);
	sodium_bin2hex(hex, API_SHA256_HEX, hash, sizeof hash);
}

bool api_if_match_or_reply(struct req *r, int64_t *version)
{
	const char *h = req_header(r, "If-Match");
	*version = -1;
	if (!h || strcmp(h, "*") == 0)
		return false;
	const char *p = h + (strncmp(h, "W/", 2) == 0 ? 2 : 0);
	bool quoted = *p == '"';
	p += quoted;
	char *end;
	long long v = strtoll(p, &end, 10);
	if (end != p && v > 0 && (quoted ? end[0] == '"' && end[1] == '\0' : *end == '\0')) {
		*version = v;
		return false;
	}
	reply_problem(r, 400, "invalid_if_match", NULL, "If-Match must be an ETag such as \"3\"");
	return true;
}

bool api_period_text_or_reply(struct req *r, const char *field, const char *s, struct period *p)
{
	if (s && period_parse(s, p))
		return false;
	const char *why = s ? period_error(s) : "is required, e.g. 2021, 2021-04, 2021-T1";
	json_t *errors = NULL;
	problem_field(&errors, field, "%s", why);
	reply_problem(r, 400, "invalid_period", errors, "%s: %s", field, why);
	return true;
}

/* ==== query specs more than one route takes ============================================= */

/* No parameters, JSON or CSV: the code lists and trees that have a table shape. */
const struct query_spec api_csv_query = {NULL, 0, FORMAT_JSON | FORMAT_CSV};

const struct query_spec api_dry_run_query = {
	(const struct q_param[]){
		{"dry_run", Q_BOOL, offsetof(struct dry_run_params, dry_run), 0, 0, 0, 0, NULL, NULL},
		{0}},
	sizeof(struct dry_run_params), FORMAT_JSON,
};

const struct query_spec api_year_query = {
	(const struct q_param[]){
		{"year", Q_INT, offsetof(struct year_params, year), Q_REQUIRED, PERIOD_YEAR_MIN,
		 PERIOD_YEAR_MAX, IN_NULL, NULL, "2021"},
		{0}},
	sizeof(struct year_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_period_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct period_params, period), 0, 0, 0, 0, NULL, NULL},
		{0}},
	sizeof(struct period_params), FORMAT_JSON | FORMAT_CSV,
};

const struct query_spec api_period_required_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct period_params, period), Q_REQUIRED, 0, 0, 0,
		 NULL, "2021, 2021-04, 2021-T1"},
		{0}},
	sizeof(struct period_params), FORMAT_JSON | FORMAT_CSV,
};

/* ==== /healthz, /metrics, /openapi.yaml =================================================== */

/* GET /healthz — 200 when the database answers, 503 otherwise. */
void api_healthz(struct req *r)
{
	struct db *db = db_thread();
	if (!db || db_ping(db) != DB_OK) {
		reply_problem(r, 503, "unhealthy", NULL, "the database does not answer");
		return;
	}
	static const char ok[] = "{\"status\":\"ok\"}\n";
	reply_static(r, 200, "application/json; charset=utf-8", ok, sizeof ok - 1);
}

/* GET /metrics — Prometheus text exposition. */
void api_metrics(struct req *r)
{
	char *text = metrics_render();
	if (!text) {
		reply_oom(r);
		return;
	}
	reply_copy(r, 200, "text/plain; version=0.0.4", text, strlen(text));
	free(text);
}

/* GET /openapi.yaml — the spec the binary was built with. */
void api_openapi(struct req *r)
{
	const struct folja_embedded *f = folja_embedded_find("openapi.yaml");
	if (!f) {
		reply_problem(r, 500, "internal", NULL, "the spec was not embedded at build");
		return;
	}
	reply_static(r, 200, "application/yaml", f->data, f->len);
}

struct audit_query {
	int64_t limit, offset;
	const char *entity;
	int64_t entity_id;
};

const struct query_spec api_audit_query = {
	(const struct q_param[]){
		Q_PAGING(struct audit_query),
		{"entity", Q_STRING, offsetof(struct audit_query, entity), 0, 0, 64, 0, NULL, NULL},
		Q_ID("entity_id", struct audit_query, entity_id),
		{0}},
	sizeof(struct audit_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/audit[?entity=&entity_id=&limit=&offset=] — admins only, newest first.  Entries
 * written through a route that needs `sensitive` are left out, and not counted, unless the
 * token has `sensitive`. */
void api_audit_list(struct req *r)
{
	const struct audit_query *q = REQ_QUERY(r, struct audit_query);
	int64_t total = 0;
	struct audit_filter f = {.entity = q->entity, .entity_id = q->entity_id,
				 .with_sensitive = r->caller.sensitive};
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_audit_list(db, &f, q->limit, q->offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "audit log");
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}
