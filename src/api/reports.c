/*
 * /api/v1/reports — reading the document the committee decides.
 *
 * GET /reports/{id} gives the newest revision, /reports/{id}/revisions/{n} any revision, as
 * JSON, Markdown or HTML (?format=json|md|html, or Accept).  A draft is assembled now from the
 * facts (its sections call the endpoints' body functions, inside one read transaction so every
 * figure is of one committed state) and rendered from that JSON; a locked revision is served
 * from the bytes stored when it was locked, byte for byte, whatever the code or the data do
 * later, with its SHA-256 in Repr-Digest (JSON) and an ETag naming it.  Drafts need a token;
 * a locked report is the committee's published document, readable by open reads too.
 * /reports/{id}/drift lists the figures of the newest locked revision that differ now.
 * The writes (create, narrative, lock, new revision) are in report_writes.c.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/memo.h"
#include "folja/report_render.h"

#include "reports.h"

/* ==== list ================================================================================ */

struct reports_query {
	int64_t limit, offset;
	int64_t unit_id;
	const char *kind;
	struct period period;
};

#define RQ_(m) offsetof(struct reports_query, m)
const struct query_spec api_reports_list_query = {
	(const struct q_param[]){
		Q_PAGING(struct reports_query),
		Q_ID("unit_id", struct reports_query, unit_id),
		{"kind", Q_ENUM, RQ_(kind), 0, 0, 0, 0, report_kinds, NULL},
		{"period", Q_PERIOD, RQ_(period), 0, 0, 0, 0, NULL, NULL},
		{0}},
	sizeof(struct reports_query), FORMAT_JSON | FORMAT_CSV,
};
#undef RQ_

/* GET /api/v1/reports[?unit_id=&kind=&period=&limit=&offset=] — open reads see locked ones. */
void api_reports_list(struct req *r)
{
	const struct reports_query *q = REQ_QUERY(r, struct reports_query);
	char period[PERIOD_BUF];
	struct report_filter f = {.unit_id = q->unit_id, .kind = q->kind,
				  .locked_only = r->caller.role == ROLE_NONE};
	int64_t total = 0;
	struct db *db;
	if (period_given(q->period)) {
		period_format(q->period, period);
		f.period = period;
	}
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, q->unit_id))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_reports_list(db, &f, q->limit, q->offset, items, &total)
			      : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "report");
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}

void api_list_page(struct req *r, json_t *all, int64_t total, int64_t limit, int64_t offset)
{
	json_t *page = json_array();
	for (int64_t i = offset; page && i < total && i < offset + limit; i++)
		if (json_array_append(page, json_array_get(all, (size_t)i))) {
			json_decref(page);
			page = NULL;
		}
	json_decref(all);
	if (!page)
		reply_oom(r);
	else
		reply_list(r, page, total, limit, offset);
}

/* ==== one revision ======================================================================== */

const struct query_spec api_report_get_query = {
	NULL, 0, FORMAT_JSON | FORMAT_MD | FORMAT_HTML,
};

static const char *content_type(enum format f)
{
	return f == FORMAT_MD ? "text/markdown; charset=utf-8" :
	       f == FORMAT_HTML ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
}

static enum report_format stored_format(enum format f)
{
	return f == FORMAT_MD ? REPORT_MD : f == FORMAT_HTML ? REPORT_HTML : REPORT_JSON;
}

/* The headers naming a locked revision's bytes: an ETag, and for the JSON (the hashed
 * rendering) its digest as RFC 9530 Repr-Digest. */
static void locked_headers(struct req *r, const struct report_revision *rev)
{
	char etag[96], digest[80];
	unsigned char bin[32];
	static const char fmt[] = {[FORMAT_JSON] = 'j', [FORMAT_CSV] = 'c', [FORMAT_MD] = 'm',
				   [FORMAT_HTML] = 'h'};
	snprintf(etag, sizeof etag, "\"r%lld.%lld.%c.%.16s\"", (long long)rev->report_id,
		 (long long)rev->revision, r->format < sizeof fmt ? fmt[r->format] : 'j',
		 rev->sha256);
	reply_header(r, "ETag", etag);
	if (r->format != FORMAT_JSON || sodium_hex2bin(bin, sizeof bin, rev->sha256, 64, NULL,
						       NULL, NULL) != 0)
		return;
	memcpy(digest, "sha-256=:", 9);
	sodium_bin2base64(digest + 9, sizeof digest - 10, bin, sizeof bin,
			  sodium_base64_VARIANT_ORIGINAL);
	strcat(digest, ":");
	reply_header(r, "Repr-Digest", digest);
}

/* Replies the stored bytes of locked revision @p rev in the format asked for. */
static void reply_locked(struct req *r, struct db *db, const struct report_revision *rev)
{
	char *text = NULL;
	size_t len = 0;
	enum db_rc rc = db_reports_snapshot(db, rev->report_id, rev->revision,
					    stored_format(r->format), &text, &len);
	if (rc != DB_OK) {
		api_db_error(r, rc, "report");
		return;
	}
	/* the stored bytes cost one read; a cached copy would lose their ETag and digest */
	memo_skip(r);
	reply_copy(r, 200, content_type(r->format), text, len);
	free(text);
	locked_headers(r, rev);
}

struct assembly {
	const struct report_revision *rev;
	json_t *doc;        /* owned: the document built */
};

static enum db_rc assemble_tx(struct db *db, void *ctx)
{
	struct assembly *a = ctx;
	enum db_rc rc;
	a->doc = report_document(db, a->rev, &rc);
	return rc;
}

/* Replies draft @p rev assembled now, in the format asked for. */
static void reply_draft(struct req *r, struct db *db, const struct report_revision *rev)
{
	struct assembly a = {.rev = rev};
	enum db_rc rc = db_read(db, assemble_tx, &a);
	if (rc != DB_OK) {
		api_db_error(r, rc, "report");
		return;
	}
	if (r->format == FORMAT_JSON) {
		reply_json(r, 200, a.doc);
		return;
	}
	size_t len = 0;
	char *text = r->format == FORMAT_MD ? report_markdown(a.doc, &len)
					    : report_html(a.doc, &len);
	json_decref(a.doc);
	if (!text) {
		reply_oom(r);
		return;
	}
	reply_copy(r, 200, content_type(r->format), text, len);
	free(text);
}

/* Replies revision @p revision (0: the newest) of the report in the path. */
static void reply_revision(struct req *r, int64_t revision)
{
	int64_t id;
	struct db *db;
	struct report_revision rev;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_reports_get(db, id, revision, &rev);
	if (rc != DB_OK) {
		api_db_error(r, rc, revision ? "report revision" : "report");
		return;
	}
	if (strcmp(rev.status, "locked") == 0)
		reply_locked(r, db, &rev);
	else if (r->caller.role == ROLE_NONE)
		reply_problem(r, 401, "unauthorized", NULL, "a draft report needs a bearer token; "
			      "locked reports are open");
	else
		reply_draft(r, db, &rev);
	db_report_revision_free(&rev);
}

/* GET /api/v1/reports/{id}[?format=json|md|html] */
void api_reports_get(struct req *r)
{
	reply_revision(r, 0);
}

/* GET /api/v1/reports/{id}/revisions/{n}[?format=json|md|html] */
void api_reports_revision_get(struct req *r)
{
	int64_t n;
	if (!query_int(r->params[1], &n) || n < 1) {
		reply_problem(r, 404, "not_found", NULL, "no such report revision");
		return;
	}
	reply_revision(r, n);
}

/* GET /api/v1/reports/{id}/revisions — every revision's state, oldest first. */
void api_reports_revisions_list(struct req *r)
{
	int64_t id;
	struct db *db;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_reports_revisions(db, id, items) : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "report");
		return;
	}
	int64_t n = (int64_t)json_array_size(items);
	reply_list(r, items, n, n, 0);
}

/* ==== drift =============================================================================== */

const struct query_spec api_report_drift_query = {NULL, 0, FORMAT_JSON};

struct drift_work {
	int64_t id;
	struct report_revision rev;   /* owned: the newest locked revision */
	json_t *out;                  /* owned: the reply */
};

/* The newest locked revision of report @p id into @p rev; DB_CONFLICT when none is. */
static enum db_rc newest_locked(struct db *db, int64_t id, struct report_revision *rev)
{
	enum db_rc rc = db_reports_get(db, id, 0, rev);
	while (rc == DB_OK && strcmp(rev->status, "locked") != 0) {
		int64_t before = rev->revision - 1;
		db_report_revision_free(rev);
		rc = before >= 1 ? db_reports_get(db, id, before, rev) : DB_CONFLICT;
	}
	return rc;
}

static enum db_rc drift_tx(struct db *db, void *ctx)
{
	struct drift_work *w = ctx;
	char *text = NULL;
	size_t len;
	enum db_rc rc = newest_locked(db, w->id, &w->rev);
	if (rc == DB_OK)
		rc = db_reports_snapshot(db, w->id, w->rev.revision, REPORT_JSON, &text, &len);
	json_t *locked = text ? json_loads(text, 0, NULL) : NULL;
	json_t *now = rc == DB_OK ? report_document(db, &w->rev, &rc) : NULL;
	json_t *items = locked && now ? report_drift(locked, now) : NULL;
	if (rc == DB_OK && !items)
		rc = DB_NOMEM;
	if (rc == DB_OK) {   /* json_pack steals items, even when it fails */
		w->out = json_pack("{s:I, s:I, s:s, s:s, s:O, s:O, s:I, s:o}", "report_id",
				   (json_int_t)w->id, "revision", (json_int_t)w->rev.revision,
				   "locked_at", w->rev.locked_at, "sha256", w->rev.sha256,
				   "data_version_locked", json_object_get(locked, "data_version"),
				   "data_version_now", json_object_get(now, "data_version"), "count",
				   (json_int_t)json_array_size(items), "items", items);
		items = NULL;
		if (!w->out)
			rc = DB_NOMEM;
	}
	json_decref(items);
	json_decref(locked);
	json_decref(now);
	free(text);
	return rc;
}

/* GET /api/v1/reports/{id}/drift — each figure of the newest locked revision that differs
 * now: {path, section, locked, now}. */
void api_reports_drift(struct req *r)
{
	struct drift_work w = {0};
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_read(db, drift_tx, &w);
	if (rc == DB_CONFLICT)
		reply_problem(r, 409, "not_locked", NULL, "the report has no locked revision to "
			      "compare with");
	else if (rc != DB_OK)
		api_db_error(r, rc, "report");
	else
		reply_json(r, 200, w.out);
	if (rc != DB_OK)
		json_decref(w.out);
	db_report_revision_free(&w.rev);
}
