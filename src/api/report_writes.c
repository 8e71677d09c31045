/*
 * /api/v1/reports — making, writing, locking and revising the document the committee decides.
 *
 *   POST /reports {unit_id, kind, period, title, template_id?}   a draft, its sections copied
 *        from the template (the kind's default unless named), so later template edits change
 *        no existing report
 *   PUT  /reports/{id}/sections/{key} {text}   the narrative of a text section of the draft:
 *        Markdown, screened for personnummer, If-Match on the revision's version; 409 when the
 *        newest revision is locked
 *   POST /reports/{id}:lock {decided_on?, decision_ref?}   renders JSON, Markdown and HTML once
 *        inside the write transaction (so every figure is of the state it commits on) and
 *        stores them with the SHA-256 of the JSON; the revision never changes again
 *   POST /reports/{id}/revisions {reason}   opens the next revision as a draft, its narrative
 *        carried over, only over a locked one
 * Every write is audited in its own transaction.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/input.h"
#include "folja/report_render.h"

#include "reports.h"

/* ==== create ============================================================================== */

struct create_body {
	int64_t unit_id;
	const char *kind;
	const char *period;
	const char *title;
	int64_t template_id;
};

static const struct in_field create_spec[] = {
	{"unit_id", IN_INT, offsetof(struct create_body, unit_id), IN_REQUIRED, 1, INT64_MAX,
	 NULL},
	{"kind", IN_ENUM, offsetof(struct create_body, kind), IN_REQUIRED, 0, 0, report_kinds},
	{"period", IN_STRING, offsetof(struct create_body, period), IN_REQUIRED, 0, 16, NULL},
	{"title", IN_STRING, offsetof(struct create_body, title), IN_REQUIRED, 0, 200, NULL},
	{"template_id", IN_INT, offsetof(struct create_body, template_id), IN_NULLABLE, 1,
	 INT64_MAX, NULL},
	{0}
};

struct create_write {
	struct req *r;
	struct report_in in;
	char period[PERIOD_BUF];
	char *sections;            /* owned: the template's sections as JSON text */
	int64_t id;
	json_t *out;               /* owned: the new report's list row */
	const char *refused;       /* the field a reference check refused */
};

/* The template's sections into w->sections; DB_NOT_FOUND (w->refused set) when there is none. */
static enum db_rc template_sections(struct db *db, struct create_write *w)
{
	json_t *t = NULL;
	enum db_rc rc = w->in.template_id != IN_NULL
		? db_report_templates_get(db, w->in.template_id, &t)
		: db_report_templates_default(db, w->in.kind, &t);
	if (rc == DB_NOT_FOUND)
		w->refused = "template_id";
	if (rc == DB_OK) {
		w->in.template_id = json_integer_value(json_object_get(t, "id"));
		w->sections = json_dumps(json_object_get(t, "sections"), JSON_COMPACT);
		rc = w->sections ? DB_OK : DB_NOMEM;
	}
	json_decref(t);
	return rc;
}

static enum db_rc create_tx(struct db *db, void *ctx)
{
	struct create_write *w = ctx;
	enum db_rc rc = template_sections(db, w);
	w->in.sections = w->sections;
	if (rc == DB_OK && (rc = db_reports_insert(db, &w->in, &w->id)) == DB_CONFLICT)
		w->refused = "unit_id";
	if (rc == DB_OK)
		rc = db_reports_row(db, w->id, &w->out);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "report", w->id, NULL, w->out);
	return rc;
}

/* Parses the body into @p w; replies 400/422 and returns true when it is not valid. */
static bool create_body_or_reply(struct req *r, json_t *body, struct create_write *w)
{
	struct create_body b;
	struct period p;
	if (input_parse_or_reply(r, body, create_spec, &b) ||
	    api_period_text_or_reply(r, "period", b.period, &p))
		return true;
	period_format(p, w->period);
	w->in = (struct report_in){.unit_id = b.unit_id, .kind = b.kind, .period = w->period,
				   .title = b.title, .template_id = b.template_id};
	if (db_in_scope(b.unit_id))  /* a token scoped to a subtree reports on it only */
		return false;
	json_t *errors = NULL;
	problem_field(&errors, "unit_id", "lies outside this token's scope");
	reply_problem(r, 403, "out_of_scope", errors, "unit %lld lies outside this token's scope",
		      (long long)b.unit_id);
	return true;
}

/* POST /api/v1/reports {unit_id, kind, period, title, template_id?} */
void api_reports_create(struct req *r)
{
	struct create_write w = {.r = r};
	json_t *body = NULL;
	struct db *db;
	char location[64];
	if (req_json_object_or_reply(r, &body) || create_body_or_reply(r, body, &w) ||
	    api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, create_tx, &w);
	if ((rc == DB_NOT_FOUND || rc == DB_CONFLICT) && w.refused) {
		json_t *errors = NULL;
		problem_field(&errors, w.refused, "%s", strcmp(w.refused, "unit_id") == 0
			      ? "names no unit" : "names no template (and the kind has no default)");
		reply_problem(r, 422, "unknown_reference", errors, "%s names nothing", w.refused);
	} else if (rc != DB_OK) {
		api_db_error(r, rc, "report");
	} else {
		snprintf(location, sizeof location, "/api/v1/reports/%lld", (long long)w.id);
		reply_json(r, 201, w.out);
		w.out = NULL;
		reply_header(r, "Location", location);
	}
cleanup:
	json_decref(w.out);
	free(w.sections);
	json_decref(body);
}

/* ==== narrative =========================================================================== */

struct text_body {
	const char *text;
};

static const struct in_field text_spec[] = {
	{"text", IN_TEXT, offsetof(struct text_body, text), IN_NULLABLE, 0, 100000, NULL},
	IN_FIELD("key", IN_IGNORE, struct text_body, text, 0),
	IN_FIELD("title", IN_IGNORE, struct text_body, text, 0),
	IN_FIELD("type", IN_IGNORE, struct text_body, text, 0),
	IN_FIELD("params", IN_IGNORE, struct text_body, text, 0),
	{0}
};

struct text_write {
	struct req *r;
	int64_t id;
	const char *key;
	const char *text;
	int64_t if_match;
	int64_t revision, version;   /* out: the draft written and its new version */
	json_t *out;                 /* owned: the section as stored */
	bool not_text;               /* the key names a section without narrative */
};

/* The section @p key of @p sections, or NULL. */
static json_t *section_by_key(json_t *sections, const char *key)
{
	size_t i;
	json_t *s;
	json_array_foreach(sections, i, s)
		if (strcmp(json_string_value(json_object_get(s, "key")), key) == 0)
			return s;
	return NULL;
}

/* Sets the narrative in @p sections (the revision's, parsed); the section as stored into
 * w->out, its text before into *before.  DB_NOT_FOUND for no such key. */
static enum db_rc text_set(struct text_write *w, json_t *sections, json_t **before)
{
	json_t *sec = section_by_key(sections, w->key);
	if (!sec)
		return DB_NOT_FOUND;
	if (strcmp(json_string_value(json_object_get(sec, "type")), "text") != 0) {
		w->not_text = true;
		return DB_INVALID;
	}
	json_t *old = json_object_get(sec, "text");
	*before = json_pack("{s:s, s:O}", "key", w->key, "text", old ? old : json_null());
	if (!*before || json_object_set_new(sec, "text", json_string(w->text ? w->text : "")))
		return DB_NOMEM;
	w->out = json_deep_copy(sec);
	return w->out ? DB_OK : DB_NOMEM;
}

static enum db_rc text_tx(struct db *db, void *ctx)
{
	struct text_write *w = ctx;
	struct report_revision rev;
	json_t *sections = NULL, *before = NULL, *after = NULL;
	char *text = NULL;
	enum db_rc rc = db_reports_get(db, w->id, 0, &rev);
	if (rc == DB_OK && strcmp(rev.status, "locked") == 0)
		rc = DB_CONFLICT;
	if (rc == DB_OK && !(sections = json_loads(rev.sections, 0, NULL)))
		rc = DB_CORRUPT;
	if (rc == DB_OK)
		rc = text_set(w, sections, &before);
	if (rc == DB_OK && !(text = json_dumps(sections, JSON_COMPACT)))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = db_reports_put_sections(db, w->id, rev.revision, w->if_match, text);
	if (rc == DB_OK && !(after = json_pack("{s:s, s:s}", "key", w->key, "text",
					       w->text ? w->text : "")))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "report_section", w->id, before, after);
	w->revision = rev.revision;
	w->version = (w->if_match >= 0 ? w->if_match : rev.version) + 1;
	free(text);
	json_decref(sections);
	json_decref(before);
	json_decref(after);
	db_report_revision_free(&rev);
	return rc;
}

/* Replies a refused narrative write. */
static void text_error(struct req *r, const struct text_write *w, enum db_rc rc)
{
	if (rc == DB_NOT_FOUND)
		reply_problem(r, 404, "not_found", NULL, "no such report, or no section %s in it",
			      w->key);
	else if (rc == DB_CONFLICT)
		reply_problem(r, 409, "report_locked", NULL, "the newest revision is locked; open "
			      "a new revision (POST /api/v1/reports/%lld/revisions) to change it",
			      (long long)w->id);
	else if (rc == DB_INVALID && w->not_text)
		reply_problem(r, 409, "not_a_text_section", NULL, "section %s shows computed "
			      "figures; only text sections hold narrative", w->key);
	else
		api_db_error(r, rc, "report");
}

/* PUT /api/v1/reports/{id}/sections/{key} {text} (If-Match: the revision's version) */
void api_reports_section_put(struct req *r)
{
	struct text_write w = {.r = r, .key = r->params[1]};
	struct text_body b;
	json_t *body = NULL;
	struct db *db;
	char etag[32];
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.if_match) ||
	    req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, text_spec, &b) || api_db_or_reply(r, &db))
		goto cleanup;
	w.text = b.text;
	enum db_rc rc = db_write(db, text_tx, &w);
	if (rc != DB_OK) {
		text_error(r, &w, rc);
		goto cleanup;
	}
	json_object_set_new(w.out, "revision", json_integer((json_int_t)w.revision));
	json_object_set_new(w.out, "version", json_integer((json_int_t)w.version));
	reply_json(r, 200, w.out);
	w.out = NULL;
	snprintf(etag, sizeof etag, "\"%lld\"", (long long)w.version);
	reply_header(r, "ETag", etag);
cleanup:
	json_decref(w.out);
	json_decref(body);
}

/* ==== lock ================================================================================ */

struct lock_body {
	const char *decided_on;
	const char *decision_ref;
};

static const struct in_field lock_spec[] = {
	{"decided_on", IN_DATE, offsetof(struct lock_body, decided_on), IN_NULLABLE, 0, 0, NULL},
	{"decision_ref", IN_STRING, offsetof(struct lock_body, decision_ref), IN_NULLABLE, 0, 200,
	 NULL},
	{0}
};

struct lock_write {
	struct req *r;
	int64_t id;
	int64_t if_match;
	struct lock_body b;
	char locked_at[24];
	char sha256[65];
	json_t *out;                 /* owned: the revision as locked */
};

/* The document @p doc as locked: its state set, the digest of its JSON into @p hex; then the
 * Markdown and HTML made from it with the digest printed in them. */
static enum db_rc lock_render(struct lock_write *w, const struct report_revision *rev,
			      json_t *doc, struct report_lock *l)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	json_object_set_new(doc, "status", json_string("locked"));
	json_object_set_new(doc, "version", json_integer((json_int_t)rev->version + 1));
	json_object_set_new(doc, "decided_on", w->b.decided_on ? json_string(w->b.decided_on)
								 : json_null());
	json_object_set_new(doc, "decision_ref", w->b.decision_ref ?
			    json_string(w->b.decision_ref) : json_null());
	json_object_set_new(doc, "locked_at", json_string(w->locked_at));
	json_object_set_new(doc, "updated_at", json_string(w->locked_at));
	/* the JSON is what is hashed, so it cannot hold its own digest */
	json_object_del(doc, "sha256");
	char *json = report_json_text(doc, &l->json_len);
	if (!json)
		return DB_NOMEM;
	crypto_hash_sha256(hash, (const unsigned char *)json, l->json_len);
	sodium_bin2hex(w->sha256, sizeof w->sha256, hash, sizeof hash);
	json_object_set_new(doc, "sha256", json_string(w->sha256));
	l->json = json;
	l->md = report_markdown(doc, &l->md_len);
	l->html = report_html(doc, &l->html_len);
	return l->md && l->html ? DB_OK : DB_NOMEM;
}

static void lock_free(struct report_lock *l)
{
	free((char *)l->json);
	free((char *)l->md);
	free((char *)l->html);
}

static enum db_rc lock_tx(struct db *db, void *ctx)
{
	struct lock_write *w = ctx;
	struct report_revision rev;
	struct report_lock l = {0};
	json_t *doc = NULL;
	enum db_rc rc = db_reports_get(db, w->id, 0, &rev);
	if (rc == DB_OK && strcmp(rev.status, "locked") == 0)
		rc = DB_CONFLICT;
	if (rc == DB_OK && w->if_match >= 0 && w->if_match != rev.version)
		rc = DB_STALE;
	if (rc == DB_OK && (doc = report_document(db, &rev, &rc)))
		rc = lock_render(w, &rev, doc, &l);
	if (rc == DB_OK) {
		l.report_id = w->id;
		l.revision = rev.revision;
		l.version = rev.version;
		l.decided_on = w->b.decided_on;
		l.decision_ref = w->b.decision_ref;
		l.locked_at = w->locked_at;
		l.sha256 = w->sha256;
		l.data_version = json_integer_value(json_object_get(doc, "data_version"));
		rc = db_reports_lock(db, &l);
	}
	json_t *revs = rc == DB_OK ? json_array() : NULL;
	if (rc == DB_OK && (rc = revs ? db_reports_revisions(db, w->id, revs) : DB_NOMEM) == DB_OK)
		w->out = json_incref(json_array_get(revs, (size_t)rev.revision - 1));
	if (rc == DB_OK && !w->out)
		rc = DB_ERROR;
	if (rc == DB_OK && w->r)   /* the demo loader locks with no request to audit */
		rc = api_audit(w->r, db, "report", w->id, NULL, w->out);
	json_decref(revs);
	json_decref(doc);
	lock_free(&l);
	db_report_revision_free(&rev);
	return rc;
}

/* Locks the newest revision of report w->id in a transaction of its own; w->out gets the
 * revision as locked. */
static enum db_rc report_lock(struct db *db, struct lock_write *w)
{
	time_t now = time(NULL);
	struct tm tm;
	strftime(w->locked_at, sizeof w->locked_at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	return db_write(db, lock_tx, w);
}

/* POST /api/v1/reports/{id}:lock {decided_on?, decision_ref?} (If-Match: the version) */
void api_reports_lock(struct req *r)
{
	struct lock_write w = {.r = r};
	json_t *body = NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.if_match))
		return;
	if (r->body && r->body_len && req_json_object_or_reply(r, &body))
		return;
	if ((body && input_parse_or_reply(r, body, lock_spec, &w.b)) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = report_lock(db, &w);
	if (rc == DB_CONFLICT)
		reply_problem(r, 409, "report_locked", NULL, "the newest revision is locked already");
	else if (rc != DB_OK)
		api_db_error(r, rc, "report");
	else {
		reply_json(r, 200, w.out);
		w.out = NULL;
	}
cleanup:
	json_decref(w.out);
	json_decref(body);
}

/* ==== a new revision ====================================================================== */

struct reason_body {
	const char *reason;
};

static const struct in_field reason_spec[] = {
	{"reason", IN_TEXT, offsetof(struct reason_body, reason), IN_REQUIRED, 0, 1000, NULL},
	{0}
};

struct revision_write {
	struct req *r;
	int64_t id;
	const char *reason;
	json_t *out;                 /* owned: the new revision */
};

static enum db_rc revision_tx(struct db *db, void *ctx)
{
	struct revision_write *w = ctx;
	struct report_revision rev;
	json_t *revs = json_array();
	enum db_rc rc = revs ? db_reports_get(db, w->id, 0, &rev) : DB_NOMEM;
	if (rc == DB_OK)   /* the narrative is carried over with the sections */
		rc = db_reports_open_revision(db, w->id, rev.revision, w->reason, rev.sections);
	if (rc == DB_OK && (rc = db_reports_revisions(db, w->id, revs)) == DB_OK)
		w->out = json_incref(json_array_get(revs, (size_t)rev.revision));
	if (rc == DB_OK)
		rc = w->out ? api_audit(w->r, db, "report", w->id, NULL, w->out) : DB_ERROR;
	json_decref(revs);
	if (revs)
		db_report_revision_free(&rev);
	return rc;
}

/* POST /api/v1/reports/{id}/revisions {reason} */
void api_reports_revision_open(struct req *r)
{
	struct revision_write w = {.r = r};
	struct reason_body b;
	json_t *body = NULL;
	struct db *db;
	char location[96];
	if (req_id_or_reply(r, 0, &w.id) || req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, reason_spec, &b) || api_db_or_reply(r, &db))
		goto cleanup;
	w.reason = b.reason;
	enum db_rc rc = db_write(db, revision_tx, &w);
	if (rc == DB_CONFLICT) {
		reply_problem(r, 409, "report_draft", NULL, "the newest revision is a draft; lock it "
			      "before opening another");
	} else if (rc != DB_OK) {
		api_db_error(r, rc, "report");
	} else {
		snprintf(location, sizeof location, "/api/v1/reports/%lld/revisions/%lld",
			 (long long)w.id, (long long)json_integer_value(json_object_get(w.out,
										"revision")));
		reply_json(r, 201, w.out);
		w.out = NULL;
		reply_header(r, "Location", location);
	}
cleanup:
	json_decref(w.out);
	json_decref(body);
}

/* ==== the demo ============================================================================ */

enum db_rc report_demo_lock(struct db *db, int64_t id, const char *decided_on,
			    const char *decision_ref)
{
	struct lock_write w = {.id = id, .if_match = -1,
			       .b = {.decided_on = decided_on, .decision_ref = decision_ref}};
	enum db_rc rc = report_lock(db, &w);
	json_decref(w.out);
	return rc;
}
