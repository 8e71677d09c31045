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
	case DB_BUSY:
		reply_problem(r, 503, "busy", NULL, "the database is busy; retry shortly");
		reply_header(r, "Retry-After", "1");
		break;
	case DB_INVALID:
	case DB_OK:
	case DB_ERROR:
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

/* ==== /healthz, /metrics, /openapi.yaml =================================================== */

static const char sql_ping[] = "SELECT 1";

/* GET /healthz — 200 when the database answers, 503 otherwise. */
void api_healthz(struct req *r)
{
	struct db *db = db_thread();
	int64_t one = 0;
	if (!db || db_int_one(db, db_stmt(db, sql_ping), &one) != DB_OK) {
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
		reply_problem(r, 503, "out_of_memory", NULL, "could not render metrics");
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

/* GET /api/v1/audit[?entity=&entity_id=&limit=&offset=] — admins only, newest first.  Entries
 * written through a route that needs `sensitive` are left out, and not counted, unless the
 * token has `sensitive`. */
void api_audit_list(struct req *r)
{
	int64_t limit, offset, total = 0;
	struct audit_filter f = {.entity = req_query(r, "entity"), .entity_id = IN_NULL,
				 .with_sensitive = r->caller.sensitive};
	struct db *db;
	if (req_paging_or_reply(r, &limit, &offset) ||
	    req_query_int_or_reply(r, "entity_id", 1, INT64_MAX, &f.entity_id) ||
	    api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_audit_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "audit log");
		return;
	}
	reply_list(r, items, total, limit, offset);
}
