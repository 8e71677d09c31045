/*
 * Queries for reports, their revisions and templates (see include/folja/db_reports.h).
 *
 * A revision is read into a plain struct whose strings are copies it owns; lists and templates
 * are read as the JSON the API shows, built by json_object() beside each query.  A locked
 * revision is never written again: every UPDATE below names status 'draft', and the triggers of
 * sql/0010-reports.sql refuse anything else whatever writes to the file.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/db_reports.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

/* ==== reports ============================================================================= */

static const char sql_insert_report[] =
	"INSERT INTO reports (unit_id, kind, period, title, template_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_insert_revision[] =
	"INSERT INTO report_revisions (report_id, revision, status, sections, reason)"
	" VALUES (?1, ?2, 'draft', ?3, ?4)";

/* The twins. */
static const char pg_insert_report[] =
	"INSERT INTO reports (id, unit_id, kind, period, title, template_id)"
	" VALUES (" PG_NEXT_ID("reports") ", $1, $2, $3, $4, $5) RETURNING id";
static const char pg_insert_revision[] =
	"INSERT INTO report_revisions (report_id, revision, status, sections, reason)"
	" VALUES ($1, $2, 'draft', $3, $4)";

/* A revision's key and what a new draft holds (?1..?4; sections NULL: the key alone). */
struct revision_in {
	int64_t id, revision;
	const char *sections, *reason;
};

static void bind_revision(struct db_params *p, const void *in)
{
	const struct revision_in *r = in;
	db_param_int(p, 1, r->id);
	db_param_int(p, 2, r->revision);
	if (!r->sections)
		return;   /* the key alone */
	db_param_text(p, 3, r->sections);
	db_param_text(p, 4, r->reason);
}

/* Inserts revision @p revision of report @p id, a draft. */
static enum db_rc insert_revision(struct db *db, int64_t id, int64_t revision,
				  const char *sections, const char *reason)
{
	return db_run(db, DB_TWIN(sql_insert_revision, pg_insert_revision), bind_revision,
		      &(struct revision_in){id, revision, sections, reason}, NULL);
}

static void bind_report(struct db_params *p, const void *input)
{
	const struct report_in *in = input;
	db_param_int(p, 1, in->unit_id);
	db_param_text(p, 2, in->kind);
	db_param_text(p, 3, in->period);
	db_param_text(p, 4, in->title);
	db_param_int(p, 5, in->template_id);
}

enum db_rc db_reports_insert(struct db *db, const struct report_in *in, int64_t *id)
{
	enum db_rc rc = db_insert(db, DB_TWIN(sql_insert_report, pg_insert_report), bind_report,
				  in, id);
	if (rc == DB_OK)
		rc = insert_revision(db, *id, 1, in->sections, NULL);
	return rc;
}

static const char sql_get[] =
	"SELECT r.id, r.unit_id, r.kind, r.period, r.title, r.template_id, r.created_at,"
	" v.revision, (SELECT max(revision) FROM report_revisions WHERE report_id = r.id),"
	" v.status, v.version, v.sections, v.reason, v.decided_on, v.decision_ref, v.locked_at,"
	" v.sha256, v.data_version, v.updated_at"
	" FROM reports r JOIN report_revisions v ON v.report_id = r.id"
	" WHERE r.id = ?1 AND v.revision = CASE WHEN ?2 > 0 THEN ?2 ELSE"
	" (SELECT max(revision) FROM report_revisions WHERE report_id = r.id) END";

static const char pg_get[] =
	"SELECT r.id, r.unit_id, r.kind, r.period, r.title, r.template_id, "
	PG_TS("r.created_at") ", v.revision,"
	" (SELECT max(revision) FROM report_revisions WHERE report_id = r.id),"
	" v.status, v.version, v.sections, v.reason, v.decided_on, v.decision_ref, "
	PG_TS("v.locked_at") ", v.sha256, v.data_version, " PG_TS("v.updated_at")
	" FROM reports r JOIN report_revisions v ON v.report_id = r.id"
	" WHERE r.id = $1 AND v.revision = CASE WHEN $2 > 0 THEN $2 ELSE"
	" (SELECT max(revision) FROM report_revisions WHERE report_id = r.id) END";

/* A copy of text column @p col into *out (NULL for SQL NULL); false when out of memory. */
static bool column_copy(const struct db_row *row, int col, char **out)
{
	const char *s = db_row_text(row, col);
	*out = s ? strdup(s) : NULL;
	return !s || *out;
}

static int64_t column_int(const struct db_row *row, int col)
{
	return db_row_null(row, col) ? DB_NULL : db_row_int(row, col);
}

/* The row @p row of sql_get into @p ctx (a struct report_revision). */
static enum db_rc revision_row(const struct db_row *row, void *ctx)
{
	struct report_revision *out = ctx;
	out->report_id = db_row_int(row, 0);
	out->unit_id = db_row_int(row, 1);
	out->template_id = column_int(row, 5);
	out->revision = db_row_int(row, 7);
	out->latest = db_row_int(row, 8);
	out->version = db_row_int(row, 10);
	out->data_version = column_int(row, 17);
	return column_copy(row, 2, &out->kind) && column_copy(row, 3, &out->period) &&
	       column_copy(row, 4, &out->title) && column_copy(row, 6, &out->created_at) &&
	       column_copy(row, 9, &out->status) && column_copy(row, 11, &out->sections) &&
	       column_copy(row, 12, &out->reason) && column_copy(row, 13, &out->decided_on) &&
	       column_copy(row, 14, &out->decision_ref) && column_copy(row, 15, &out->locked_at) &&
	       column_copy(row, 16, &out->sha256) && column_copy(row, 18, &out->updated_at) ?
	       DB_OK : DB_NOMEM;
}

enum db_rc db_reports_get(struct db *db, int64_t id, int64_t revision,
			  struct report_revision *out)
{
	memset(out, 0, sizeof *out);
	enum db_rc rc = db_load(db, DB_TWIN(sql_get, pg_get), bind_revision,
				&(struct revision_in){id, revision, NULL, NULL}, revision_row, out);
	if (rc == DB_OK && !out->kind)
		rc = DB_NOT_FOUND;
	if (rc != DB_OK)
		db_report_revision_free(out);
	return rc;
}

void db_report_revision_free(struct report_revision *rev)
{
	char **strings[] = {&rev->kind, &rev->period, &rev->title, &rev->created_at, &rev->status,
			    &rev->sections, &rev->reason, &rev->decided_on, &rev->decision_ref,
			    &rev->locked_at, &rev->sha256, &rev->updated_at};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(*strings[i]);
	memset(rev, 0, sizeof *rev);
}

static const char sql_snapshot_json[] =
	"SELECT snapshot_json FROM report_revisions WHERE report_id = ?1 AND revision = ?2"
	" AND status = 'locked'";
static const char sql_snapshot_md[] =
	"SELECT snapshot_md FROM report_revisions WHERE report_id = ?1 AND revision = ?2"
	" AND status = 'locked'";
static const char sql_snapshot_html[] =
	"SELECT snapshot_html FROM report_revisions WHERE report_id = ?1 AND revision = ?2"
	" AND status = 'locked'";

/* The twins read the renderings as the UTF-8 text they are. */
static const char pg_snapshot_json[] =
	"SELECT convert_from(snapshot_json, 'UTF8') FROM report_revisions WHERE report_id = $1"
	" AND revision = $2 AND status = 'locked'";
static const char pg_snapshot_md[] =
	"SELECT convert_from(snapshot_md, 'UTF8') FROM report_revisions WHERE report_id = $1"
	" AND revision = $2 AND status = 'locked'";
static const char pg_snapshot_html[] =
	"SELECT convert_from(snapshot_html, 'UTF8') FROM report_revisions WHERE report_id = $1"
	" AND revision = $2 AND status = 'locked'";

/* A rendering being read: a NUL-terminated copy and its length. */
struct blob {
	char *text;
	size_t len;
	bool found;
};

/* Column @p col of @p row into a NUL-terminated copy; false when out of memory. */
static bool blob_copy(const struct db_row *row, int col, struct blob *b)
{
	const void *bytes = row->st ? sqlite3_column_blob(row->st, col) : db_row_text(row, col);
	b->len = row->st ? (size_t)sqlite3_column_bytes(row->st, col) :
			   (size_t)PQgetlength(row->res, row->r, col);
	b->text = malloc(b->len + 1);
	if (!b->text)
		return false;
	if (b->len)
		memcpy(b->text, bytes, b->len);
	b->text[b->len] = '\0';
	b->found = true;
	return true;
}

static enum db_rc blob_row(const struct db_row *row, void *ctx)
{
	return blob_copy(row, 0, ctx) ? DB_OK : DB_NOMEM;
}

enum db_rc db_reports_snapshot(struct db *db, int64_t id, int64_t revision,
			       enum report_format f, char **out, size_t *len)
{
	const struct db_twin q = f == REPORT_MD ? (struct db_twin){sql_snapshot_md, pg_snapshot_md} :
				 f == REPORT_HTML ?
				 (struct db_twin){sql_snapshot_html, pg_snapshot_html} :
				 (struct db_twin){sql_snapshot_json, pg_snapshot_json};
	struct blob b = {0};
	enum db_rc rc = db_load(db, &q, bind_revision,
				&(struct revision_in){id, revision, NULL, NULL}, blob_row, &b);
	if (rc == DB_OK && !b.found)
		rc = DB_NOT_FOUND;
	if (rc != DB_OK) {
		free(b.text);
		b = (struct blob){0};
	}
	*out = b.text;
	*len = b.len;
	return rc;
}

/* ---- lists ---- */

#define REPORT_WHERE \
	" WHERE (?1 IS NULL OR r.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL" \
	"   SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub))" \
	" AND (?2 IS NULL OR r.kind = ?2) AND (?3 IS NULL OR r.period = ?3)" \
	" AND (?4 = 0 OR EXISTS (SELECT 1 FROM report_revisions l WHERE l.report_id = r.id" \
	"   AND l.status = 'locked'))"

static const char sql_list[] =
	"SELECT json_object('id', r.id, 'unit_id', r.unit_id, 'kind', r.kind, 'period', r.period,"
	" 'title', r.title, 'revision', v.revision, 'status', v.status, 'locked_revision',"
	" (SELECT max(revision) FROM report_revisions l WHERE l.report_id = r.id"
	"  AND l.status = 'locked'), 'created_at', r.created_at)"
	" FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision ="
	" (SELECT max(revision) FROM report_revisions WHERE report_id = r.id)" REPORT_WHERE
	" ORDER BY r.id LIMIT ?5 OFFSET ?6";
static const char sql_count[] = "SELECT count(*) FROM reports r" REPORT_WHERE;
static const char sql_row[] =
	"SELECT json_object('id', r.id, 'unit_id', r.unit_id, 'kind', r.kind, 'period', r.period,"
	" 'title', r.title, 'revision', v.revision, 'status', v.status, 'locked_revision',"
	" (SELECT max(revision) FROM report_revisions l WHERE l.report_id = r.id"
	"  AND l.status = 'locked'), 'created_at', r.created_at)"
	" FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision ="
	" (SELECT max(revision) FROM report_revisions WHERE report_id = r.id) WHERE r.id = ?1";

#define PG_REPORT_WHERE \
	" WHERE ($1::bigint IS NULL OR r.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT $1::bigint" \
	"   UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)" \
	"   SELECT id FROM sub))" \
	" AND ($2 IS NULL OR r.kind = $2) AND ($3 IS NULL OR r.period = $3)" \
	" AND ($4 = 0 OR EXISTS (SELECT 1 FROM report_revisions l WHERE l.report_id = r.id" \
	"   AND l.status = 'locked'))"
#define PG_REPORT_JSON \
	"json_build_object('id', r.id, 'unit_id', r.unit_id, 'kind', r.kind," \
	" 'period', r.period, 'title', r.title, 'revision', v.revision, 'status', v.status," \
	" 'locked_revision', (SELECT max(revision) FROM report_revisions l" \
	" WHERE l.report_id = r.id AND l.status = 'locked'), 'created_at', " \
	PG_TS("r.created_at") ") FROM reports r JOIN report_revisions v ON v.report_id = r.id" \
	" AND v.revision = (SELECT max(revision) FROM report_revisions WHERE report_id = r.id)"

static const char pg_list[] = "SELECT " PG_REPORT_JSON PG_REPORT_WHERE
	" ORDER BY r.id LIMIT $5 OFFSET $6";
static const char pg_count[] = "SELECT count(*) FROM reports r" PG_REPORT_WHERE;
static const char pg_report_row[] = "SELECT " PG_REPORT_JSON " WHERE r.id = $1";

enum db_rc db_reports_row(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_row, pg_report_row), id, out);
}

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct report_filter *f = filter;
	db_param_int(p, 1, f->unit_id);
	db_param_text(p, 2, f->kind);
	db_param_text(p, 3, f->period);
	db_param_int(p, 4, f->locked_only);
}

enum db_rc db_reports_list(struct db *db, const struct report_filter *f, int64_t limit,
			   int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    bind_filter, f, 4, limit, offset, items, total);
}

static const char sql_revisions[] =
	"SELECT json_object('revision', revision, 'status', status, 'version', version,"
	" 'reason', reason, 'decided_on', decided_on, 'decision_ref', decision_ref,"
	" 'locked_at', locked_at, 'sha256', sha256, 'data_version', data_version,"
	" 'created_at', created_at, 'updated_at', updated_at)"
	" FROM report_revisions WHERE report_id = ?1 ORDER BY revision";
static const char sql_exists[] = "SELECT count(*) FROM reports WHERE id = ?1";

static const char pg_revisions[] =
	"SELECT json_build_object('revision', revision, 'status', status, 'version', version,"
	" 'reason', reason, 'decided_on', decided_on, 'decision_ref', decision_ref,"
	" 'locked_at', " PG_TS("locked_at") ", 'sha256', sha256, 'data_version', data_version,"
	" 'created_at', " PG_TS("created_at") ", 'updated_at', " PG_TS("updated_at") ")"
	" FROM report_revisions WHERE report_id = $1 ORDER BY revision";
static const char pg_exists[] = "SELECT count(*) FROM reports WHERE id = $1";

enum db_rc db_reports_revisions(struct db *db, int64_t id, json_t *items)
{
	int64_t n = 0;
	const struct revision_in key = {id, 0, NULL, NULL};
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_exists, pg_exists), bind_revision, &key, &n);
	if (rc != DB_OK || n == 0)
		return rc != DB_OK ? rc : DB_NOT_FOUND;
	return db_all_json(db, DB_TWIN(sql_revisions, pg_revisions), bind_revision, &key, items);
}

/* ---- writes of a draft ---- */

static const char sql_state[] =
	"SELECT CASE status WHEN 'locked' THEN -1 ELSE version END FROM report_revisions"
	" WHERE report_id = ?1 AND revision = ?2";

static const char pg_state[] =
	"SELECT CASE status WHEN 'locked' THEN -1 ELSE version END FROM report_revisions"
	" WHERE report_id = $1 AND revision = $2";

/* DB_OK when revision @p revision of report @p id is a draft at @p version (-1: any). */
static enum db_rc draft_at(struct db *db, int64_t id, int64_t revision, int64_t version)
{
	int64_t have = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_state, pg_state), bind_revision,
				   &(struct revision_in){id, revision, NULL, NULL}, &have);
	if (rc != DB_OK)
		return rc;
	if (have < 0)
		return DB_CONFLICT;
	return version >= 0 && have != version ? DB_STALE : DB_OK;
}

static const char sql_put_sections[] =
	"UPDATE report_revisions SET sections = ?3, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE report_id = ?1 AND revision = ?2 AND status = 'draft'";

static const char pg_put_sections[] =
	"UPDATE report_revisions SET sections = $3, version = version + 1,"
	" updated_at = date_trunc('second', now())"
	" WHERE report_id = $1 AND revision = $2 AND status = 'draft'";

enum db_rc db_reports_put_sections(struct db *db, int64_t id, int64_t revision, int64_t version,
				   const char *sections)
{
	enum db_rc rc = draft_at(db, id, revision, version);
	return rc != DB_OK ? rc : db_run(db, DB_TWIN(sql_put_sections, pg_put_sections),
					 bind_revision,
					 &(struct revision_in){id, revision, sections, NULL}, NULL);
}

static const char sql_lock[] =
	"UPDATE report_revisions SET status = 'locked', decided_on = ?3, decision_ref = ?4,"
	" locked_at = ?5, sha256 = ?6, data_version = ?7, snapshot_json = ?8, snapshot_md = ?9,"
	" snapshot_html = ?10, version = version + 1, updated_at = ?5"
	" WHERE report_id = ?1 AND revision = ?2 AND status = 'draft'";

/* The renderings are UTF-8 text without NUL, so the twin is given them as text. */
static const char pg_lock[] =
	"UPDATE report_revisions SET status = 'locked', decided_on = $3::date,"
	" decision_ref = $4, locked_at = $5::timestamptz, sha256 = $6, data_version = $7,"
	" snapshot_json = convert_to($8, 'UTF8'), snapshot_md = convert_to($9, 'UTF8'),"
	" snapshot_html = convert_to($10, 'UTF8'), version = version + 1,"
	" updated_at = $5::timestamptz"
	" WHERE report_id = $1 AND revision = $2 AND status = 'draft'";

static void bind_lock(struct db_params *p, const void *in)
{
	const struct report_lock *l = in;
	db_param_int(p, 1, l->report_id);
	db_param_int(p, 2, l->revision);
	db_param_text(p, 3, l->decided_on);
	db_param_text(p, 4, l->decision_ref);
	db_param_text(p, 5, l->locked_at);
	db_param_text(p, 6, l->sha256);
	db_param_int(p, 7, l->data_version);
	if (!p->st) {   /* NUL-terminated, as the renderer writes them */
		db_param_text(p, 8, l->json);
		db_param_text(p, 9, l->md);
		db_param_text(p, 10, l->html);
		return;
	}
	sqlite3_bind_blob(p->st, 8, l->json, (int)l->json_len, SQLITE_STATIC);
	sqlite3_bind_blob(p->st, 9, l->md, (int)l->md_len, SQLITE_STATIC);
	sqlite3_bind_blob(p->st, 10, l->html, (int)l->html_len, SQLITE_STATIC);
}

enum db_rc db_reports_lock(struct db *db, const struct report_lock *l)
{
	enum db_rc rc = draft_at(db, l->report_id, l->revision, l->version);
	return rc != DB_OK ? rc : db_run(db, DB_TWIN(sql_lock, pg_lock), bind_lock, l, NULL);
}

static const char sql_newest[] =
	"SELECT CASE status WHEN 'locked' THEN revision ELSE -revision END FROM report_revisions"
	" WHERE report_id = ?1 ORDER BY revision DESC LIMIT 1";

static const char pg_newest[] =
	"SELECT CASE status WHEN 'locked' THEN revision ELSE -revision END FROM report_revisions"
	" WHERE report_id = $1 ORDER BY revision DESC LIMIT 1";

enum db_rc db_reports_open_revision(struct db *db, int64_t id, int64_t revision,
				    const char *reason, const char *sections)
{
	int64_t newest = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_newest, pg_newest), bind_revision,
				   &(struct revision_in){id, 0, NULL, NULL}, &newest);
	if (rc != DB_OK)
		return rc;
	if (newest != revision)   /* a draft's number is negative here */
		return DB_CONFLICT;
	return insert_revision(db, id, revision + 1, sections, reason);
}

static const char sql_locked_for[] =
	"SELECT v.snapshot_json, r.id FROM reports r JOIN report_revisions v ON v.report_id = r.id"
	" WHERE r.unit_id = ?1 AND r.period = ?2 AND r.id <> ?3 AND v.status = 'locked'"
	" ORDER BY r.id DESC, v.revision DESC LIMIT 1";

static const char pg_locked_for[] =
	"SELECT convert_from(v.snapshot_json, 'UTF8'), r.id FROM reports r"
	" JOIN report_revisions v ON v.report_id = r.id"
	" WHERE r.unit_id = $1 AND r.period = $2 AND r.id <> $3 AND v.status = 'locked'"
	" ORDER BY r.id DESC, v.revision DESC LIMIT 1";

/* The question of db_reports_locked_for and, once read, its answer. */
struct locked_for {
	int64_t unit_id;
	const char *period;
	int64_t except, report_id;
	struct blob b;
};

static void bind_locked_for(struct db_params *p, const void *in)
{
	const struct locked_for *x = in;
	db_param_int(p, 1, x->unit_id);
	db_param_text(p, 2, x->period);
	db_param_int(p, 3, x->except);
}

static enum db_rc locked_for_row(const struct db_row *row, void *ctx)
{
	struct locked_for *x = ctx;
	x->report_id = db_row_int(row, 1);
	return blob_copy(row, 0, &x->b) ? DB_OK : DB_NOMEM;
}

enum db_rc db_reports_locked_for(struct db *db, int64_t unit_id, const char *period,
				 int64_t except, char **out, int64_t *report_id)
{
	struct locked_for x = {unit_id, period, except, 0, {0}};
	enum db_rc rc = db_load(db, DB_TWIN(sql_locked_for, pg_locked_for), bind_locked_for, &x,
				locked_for_row, &x);
	if (rc == DB_OK && x.b.found)
		*report_id = x.report_id;
	if (rc != DB_OK) {
		free(x.b.text);
		x.b.text = NULL;
	}
	*out = x.b.text;
	return rc;
}

static const char sql_indicators[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM units u JOIN sub"
	" ON u.parent_id = sub.id)"
	" SELECT json_object('id', i.id, 'goal_id', i.goal_id, 'unit_id', i.unit_id, 'name', i.name,"
	" 'measure_unit', i.measure_unit, 'direction', i.direction, 'target', i.target,"
	" 'decimals', i.decimals, 'kolada_kpi', i.kolada_kpi, 'source', i.source)"
	" FROM indicators i LEFT JOIN goals g ON g.id = i.goal_id"
	" WHERE i.unit_id IN (SELECT id FROM sub) AND (i.goal_id IS NULL OR"
	" ((g.year_from IS NULL OR g.year_from <= ?2) AND (g.year_to IS NULL OR g.year_to >= ?2)))"
	" ORDER BY i.sort, i.id";

static const char pg_indicators[] =
	"WITH RECURSIVE sub(id) AS (SELECT $1::bigint UNION ALL SELECT u.id FROM units u JOIN sub"
	" ON u.parent_id = sub.id)"
	" SELECT json_build_object('id', i.id, 'goal_id', i.goal_id, 'unit_id', i.unit_id,"
	" 'name', i.name, 'measure_unit', i.measure_unit, 'direction', i.direction,"
	" 'target', " PG_REAL("i.target") ", 'decimals', i.decimals, 'kolada_kpi', i.kolada_kpi,"
	" 'source', i.source)"
	" FROM indicators i LEFT JOIN goals g ON g.id = i.goal_id"
	" WHERE i.unit_id IN (SELECT id FROM sub) AND (i.goal_id IS NULL OR"
	" ((g.year_from IS NULL OR g.year_from <= $2) AND (g.year_to IS NULL OR g.year_to >= $2)))"
	" ORDER BY i.sort, i.id";

enum db_rc db_reports_indicators(struct db *db, int64_t unit_id, int year, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_indicators, pg_indicators), bind_revision,
			   &(struct revision_in){unit_id, year, NULL, NULL}, items);
}

static const char sql_demo_table[] =
	"SELECT count(*) FROM sqlite_temp_master WHERE type = 'table' AND name = 'demo_report_locks'";
static const char sql_demo_locks[] =
	"SELECT report_id, decided_on, decision_ref FROM temp.demo_report_locks ORDER BY report_id";

/* The rows of the demo's table, read whole before the first lock writes. */
static enum db_rc demo_rows(struct db *db, json_t *rows)
{
	sqlite3_stmt *st = db_stmt(db, sql_demo_locks);
	int s;
	if (!st)
		return DB_ERROR;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		if (json_array_append_new(rows, json_pack("[I, s?, s?]", (json_int_t)
				sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2)))) {
			db_done(st);
			return DB_NOMEM;
		}
	db_done(st);
	return s == SQLITE_DONE ? DB_OK : db_rc_from(db, s);
}

enum db_rc db_reports_demo_locks(struct db *db,
				 void (*fn)(void *ctx, int64_t id, const char *decided_on,
					    const char *decision_ref), void *ctx)
{
	int64_t n = 0;
	size_t i;
	json_t *r, *rows = NULL;
	if (db_pg(db))
		return DB_OK;   /* the demo is built on SQLite and copied across locked already */
	enum db_rc rc = db_int_one(db, db_stmt(db, sql_demo_table), &n);
	if (rc != DB_OK || !n)
		return rc;
	rows = json_array();
	rc = rows ? demo_rows(db, rows) : DB_NOMEM;
	json_array_foreach(rows, i, r)
		if (rc == DB_OK)
			fn(ctx, json_integer_value(json_array_get(r, 0)), json_string_value(
			   json_array_get(r, 1)), json_string_value(json_array_get(r, 2)));
	json_decref(rows);
	if (db_exec_script(db, "DROP TABLE temp.demo_report_locks", NULL, 0) != 0 && rc == DB_OK)
		rc = DB_ERROR;
	return rc;
}

/* ==== templates =========================================================================== */

#define TEMPLATE_JSON \
	"json_object('id', t.id, 'kind', t.kind, 'name', t.name, 'is_default'," \
	" json(CASE t.is_default WHEN 1 THEN 'true' ELSE 'false' END), 'builtin'," \
	" json(CASE t.builtin WHEN 1 THEN 'true' ELSE 'false' END), 'sections', json(t.sections)," \
	" 'version', t.version, 'created_at', t.created_at, 'updated_at', t.updated_at)"

static const char sql_template_get[] =
	"SELECT " TEMPLATE_JSON " FROM report_templates t WHERE t.id = ?1";
static const char sql_template_default[] =
	"SELECT " TEMPLATE_JSON " FROM report_templates t WHERE t.kind = ?1 AND t.is_default = 1";
static const char sql_template_list[] =
	"SELECT " TEMPLATE_JSON " FROM report_templates t WHERE ?1 IS NULL OR t.kind = ?1"
	" ORDER BY t.id";

#define PG_TEMPLATE_JSON \
	"json_build_object('id', t.id, 'kind', t.kind, 'name', t.name," \
	" 'is_default', t.is_default = 1, 'builtin', t.builtin = 1," \
	" 'sections', t.sections::json, 'version', t.version," \
	" 'created_at', " PG_TS("t.created_at") ", 'updated_at', " PG_TS("t.updated_at") ")"

static const char pg_template_get[] =
	"SELECT " PG_TEMPLATE_JSON " FROM report_templates t WHERE t.id = $1";
static const char pg_template_default[] =
	"SELECT " PG_TEMPLATE_JSON " FROM report_templates t WHERE t.kind = $1 AND t.is_default = 1";
static const char pg_template_list[] =
	"SELECT " PG_TEMPLATE_JSON " FROM report_templates t WHERE $1::text IS NULL OR t.kind = $1"
	" ORDER BY t.id";

/* Gives ?1 the kind text @p in (NULL: SQL NULL). */
static void bind_kind(struct db_params *p, const void *in)
{
	db_param_text(p, 1, in);
}

enum db_rc db_report_templates_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_template_get, pg_template_get), id, out);
}

enum db_rc db_report_templates_default(struct db *db, const char *kind, json_t **out)
{
	return db_one_json(db, DB_TWIN(sql_template_default, pg_template_default), bind_kind, kind,
			   out);
}

enum db_rc db_report_templates_list(struct db *db, const char *kind, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_template_list, pg_template_list), bind_kind, kind,
			   items);
}

static const char sql_undefault[] =
	"UPDATE report_templates SET is_default = 0 WHERE kind = ?2 AND is_default = 1"
	" AND id IS NOT ?1";

static const char pg_undefault[] =
	"UPDATE report_templates SET is_default = 0 WHERE kind = $2 AND is_default = 1"
	" AND id IS DISTINCT FROM $1";

/* A template's id (DB_NULL: none yet) and what is written, as ?1 and ?2. */
struct template_key {
	int64_t id;
	const struct report_template_in *in;
};

static void bind_template_key(struct db_params *p, const void *ctx)
{
	const struct template_key *k = ctx;
	db_param_int(p, 1, k->id);
	db_param_text(p, 2, k->in->kind);
}

/* A default template takes over from its kind's previous one (template @p id excepted). */
static enum db_rc take_default(struct db *db, int64_t id, const struct report_template_in *in)
{
	if (!in->is_default)
		return DB_OK;
	return db_run(db, DB_TWIN(sql_undefault, pg_undefault), bind_template_key,
		      &(struct template_key){id, in}, NULL);
}

static void bind_template(struct db_params *p, const void *input)
{
	const struct report_template_in *in = input;
	db_param_text(p, 2, in->kind);
	db_param_text(p, 3, in->name);
	db_param_int(p, 4, in->is_default);
	db_param_text(p, 5, in->sections);
}

static const char sql_template_insert[] =
	"INSERT INTO report_templates (kind, name, is_default, sections)"
	" VALUES (?2, ?3, ?4, ?5)";
static const char pg_template_insert[] =
	"INSERT INTO report_templates (id, kind, name, is_default, sections)"
	" VALUES (" PG_NEXT_ID("report_templates") ", $2, $3, $4, $5) RETURNING id";

enum db_rc db_report_templates_insert(struct db *db, const struct report_template_in *in,
				      int64_t *id)
{
	enum db_rc rc = take_default(db, DB_NULL, in);
	return rc == DB_OK ? db_insert(db, DB_TWIN(sql_template_insert, pg_template_insert),
				       bind_template, in, id) : rc;
}

static const char sql_template_version[] = "SELECT version FROM report_templates WHERE id = ?1";
static const char sql_template_update[] =
	"UPDATE report_templates SET kind = ?2, name = ?3, is_default = ?4, sections = ?5,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char pg_template_version[] = "SELECT version FROM report_templates WHERE id = $1";
static const char pg_template_update[] =
	"UPDATE report_templates SET kind = $2, name = $3, is_default = $4, sections = $5,"
	" version = version + 1, updated_at = date_trunc('second', now()) WHERE id = $1";

enum db_rc db_report_templates_update(struct db *db, int64_t id, int64_t version,
				      const struct report_template_in *in)
{
	const struct db_twin *v = DB_TWIN(sql_template_version, pg_template_version);
	enum db_rc rc = db_check_version(db, v, id, version);
	if (rc == DB_OK)
		rc = take_default(db, id, in);
	return rc == DB_OK ? db_write_versioned(db, v, DB_TWIN(sql_template_update,
							       pg_template_update),
						bind_template, in, id, -1) : rc;
}
