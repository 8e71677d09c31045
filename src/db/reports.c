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

#include "sql.h"

/* ==== reports ============================================================================= */

static const char sql_insert_report[] =
	"INSERT INTO reports (unit_id, kind, period, title, template_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_insert_revision[] =
	"INSERT INTO report_revisions (report_id, revision, status, sections, reason)"
	" VALUES (?1, ?2, 'draft', ?3, ?4)";

/* Inserts revision @p revision of report @p id, a draft. */
static enum db_rc insert_revision(struct db *db, int64_t id, int64_t revision,
				  const char *sections, const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, sql_insert_revision);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	db_bind_text(st, 3, sections);
	db_bind_text(st, 4, reason);
	return db_exec_stmt(db, st);
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
	enum db_rc rc = db_insert(db, LITE(sql_insert_report), bind_report, in, id);
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

/* A copy of text column @p col into *out (NULL for SQL NULL); false when out of memory. */
static bool column_copy(sqlite3_stmt *st, int col, char **out)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	*out = s ? strdup(s) : NULL;
	return !s || *out;
}

static int64_t column_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? DB_NULL : sqlite3_column_int64(st, col);
}

/* The current row of sql_get into @p out; false when out of memory. */
static bool revision_row(sqlite3_stmt *st, struct report_revision *out)
{
	out->report_id = sqlite3_column_int64(st, 0);
	out->unit_id = sqlite3_column_int64(st, 1);
	out->template_id = column_int(st, 5);
	out->revision = sqlite3_column_int64(st, 7);
	out->latest = sqlite3_column_int64(st, 8);
	out->version = sqlite3_column_int64(st, 10);
	out->data_version = column_int(st, 17);
	return column_copy(st, 2, &out->kind) && column_copy(st, 3, &out->period) &&
	       column_copy(st, 4, &out->title) && column_copy(st, 6, &out->created_at) &&
	       column_copy(st, 9, &out->status) && column_copy(st, 11, &out->sections) &&
	       column_copy(st, 12, &out->reason) && column_copy(st, 13, &out->decided_on) &&
	       column_copy(st, 14, &out->decision_ref) && column_copy(st, 15, &out->locked_at) &&
	       column_copy(st, 16, &out->sha256) && column_copy(st, 18, &out->updated_at);
}

enum db_rc db_reports_get(struct db *db, int64_t id, int64_t revision,
			  struct report_revision *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, sql_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	int s = sqlite3_step(st);
	enum db_rc rc = s == SQLITE_ROW ? DB_OK : s == SQLITE_DONE ? DB_NOT_FOUND
							     : db_rc_from(db, s);
	if (rc == DB_OK && !revision_row(st, out))
		rc = DB_NOMEM;
	db_done(st);
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

/* A NUL-terminated copy of blob column 0 of @p st's row into *out; false when out of memory. */
static bool blob_copy(sqlite3_stmt *st, char **out, size_t *len)
{
	const void *b = sqlite3_column_blob(st, 0);
	*len = (size_t)sqlite3_column_bytes(st, 0);
	*out = malloc(*len + 1);
	if (!*out)
		return false;
	if (*len)
		memcpy(*out, b, *len);
	(*out)[*len] = '\0';
	return true;
}

enum db_rc db_reports_snapshot(struct db *db, int64_t id, int64_t revision,
			       enum report_format f, char **out, size_t *len)
{
	const char *sql = f == REPORT_MD ? sql_snapshot_md : f == REPORT_HTML ? sql_snapshot_html
									       : sql_snapshot_json;
	sqlite3_stmt *st = db_stmt(db, sql);
	*out = NULL;
	*len = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	int s = sqlite3_step(st);
	enum db_rc rc = s == SQLITE_ROW ? DB_OK : s == SQLITE_DONE ? DB_NOT_FOUND
							     : db_rc_from(db, s);
	if (rc == DB_OK && !blob_copy(st, out, len))
		rc = DB_NOMEM;
	db_done(st);
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

enum db_rc db_reports_row(struct db *db, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_row);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_one(db, st, out);
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
	return db_list_page(db, LITE(sql_count), LITE(sql_list), bind_filter, f, 4, limit, offset,
			    items, total);
}

static const char sql_revisions[] =
	"SELECT json_object('revision', revision, 'status', status, 'version', version,"
	" 'reason', reason, 'decided_on', decided_on, 'decision_ref', decision_ref,"
	" 'locked_at', locked_at, 'sha256', sha256, 'data_version', data_version,"
	" 'created_at', created_at, 'updated_at', updated_at)"
	" FROM report_revisions WHERE report_id = ?1 ORDER BY revision";
static const char sql_exists[] = "SELECT count(*) FROM reports WHERE id = ?1";

enum db_rc db_reports_revisions(struct db *db, int64_t id, json_t *items)
{
	int64_t n = 0;
	sqlite3_stmt *st = db_stmt(db, sql_exists);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_rc rc = db_int_one(db, st, &n);
	if (rc != DB_OK || n == 0)
		return rc != DB_OK ? rc : DB_NOT_FOUND;
	if (!(st = db_stmt(db, sql_revisions)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_all(db, st, items);
}

/* ---- writes of a draft ---- */

static const char sql_state[] =
	"SELECT CASE status WHEN 'locked' THEN -1 ELSE version END FROM report_revisions"
	" WHERE report_id = ?1 AND revision = ?2";

/* DB_OK when revision @p revision of report @p id is a draft at @p version (-1: any). */
static enum db_rc draft_at(struct db *db, int64_t id, int64_t revision, int64_t version)
{
	int64_t have = 0;
	sqlite3_stmt *st = db_stmt(db, sql_state);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	enum db_rc rc = db_int_one(db, st, &have);
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

enum db_rc db_reports_put_sections(struct db *db, int64_t id, int64_t revision, int64_t version,
				   const char *sections)
{
	enum db_rc rc = draft_at(db, id, revision, version);
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql_put_sections) : NULL;
	if (rc != DB_OK || !st)
		return rc != DB_OK ? rc : DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	db_bind_text(st, 3, sections);
	return db_exec_stmt(db, st);
}

static const char sql_lock[] =
	"UPDATE report_revisions SET status = 'locked', decided_on = ?3, decision_ref = ?4,"
	" locked_at = ?5, sha256 = ?6, data_version = ?7, snapshot_json = ?8, snapshot_md = ?9,"
	" snapshot_html = ?10, version = version + 1, updated_at = ?5"
	" WHERE report_id = ?1 AND revision = ?2 AND status = 'draft'";

enum db_rc db_reports_lock(struct db *db, const struct report_lock *l)
{
	enum db_rc rc = draft_at(db, l->report_id, l->revision, l->version);
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql_lock) : NULL;
	if (rc != DB_OK || !st)
		return rc != DB_OK ? rc : DB_ERROR;
	sqlite3_bind_int64(st, 1, l->report_id);
	sqlite3_bind_int64(st, 2, l->revision);
	db_bind_text(st, 3, l->decided_on);
	db_bind_text(st, 4, l->decision_ref);
	db_bind_text(st, 5, l->locked_at);
	db_bind_text(st, 6, l->sha256);
	db_bind_int(st, 7, l->data_version);
	sqlite3_bind_blob(st, 8, l->json, (int)l->json_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, l->md, (int)l->md_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 10, l->html, (int)l->html_len, SQLITE_STATIC);
	return db_exec_stmt(db, st);
}

static const char sql_newest[] =
	"SELECT CASE status WHEN 'locked' THEN revision ELSE -revision END FROM report_revisions"
	" WHERE report_id = ?1 ORDER BY revision DESC LIMIT 1";

enum db_rc db_reports_open_revision(struct db *db, int64_t id, int64_t revision,
				    const char *reason, const char *sections)
{
	int64_t newest = 0;
	sqlite3_stmt *st = db_stmt(db, sql_newest);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_rc rc = db_int_one(db, st, &newest);
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

enum db_rc db_reports_locked_for(struct db *db, int64_t unit_id, const char *period,
				 int64_t except, char **out, int64_t *report_id)
{
	size_t len;
	sqlite3_stmt *st = db_stmt(db, sql_locked_for);
	*out = NULL;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, period);
	sqlite3_bind_int64(st, 3, except);
	int s = sqlite3_step(st);
	enum db_rc rc = s == SQLITE_ROW || s == SQLITE_DONE ? DB_OK : db_rc_from(db, s);
	if (s == SQLITE_ROW) {
		*report_id = sqlite3_column_int64(st, 1);
		if (!blob_copy(st, out, &len))
			rc = DB_NOMEM;
	}
	db_done(st);
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

enum db_rc db_reports_indicators(struct db *db, int64_t unit_id, int year, json_t *items)
{
	sqlite3_stmt *st = db_stmt(db, sql_indicators);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	return db_json_all(db, st, items);
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

enum db_rc db_report_templates_get(struct db *db, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_template_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_one(db, st, out);
}

enum db_rc db_report_templates_default(struct db *db, const char *kind, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_template_default);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, kind);
	return db_json_one(db, st, out);
}

enum db_rc db_report_templates_list(struct db *db, const char *kind, json_t *items)
{
	sqlite3_stmt *st = db_stmt(db, sql_template_list);
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, kind);
	return db_json_all(db, st, items);
}

static const char sql_undefault[] =
	"UPDATE report_templates SET is_default = 0 WHERE kind = ?2 AND is_default = 1"
	" AND id IS NOT ?1";

/* A default template takes over from its kind's previous one (template @p id excepted). */
static enum db_rc take_default(struct db *db, int64_t id, const struct report_template_in *in)
{
	if (!in->is_default)
		return DB_OK;
	sqlite3_stmt *st = db_stmt(db, sql_undefault);
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, in->kind);
	return db_exec_stmt(db, st);
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

enum db_rc db_report_templates_insert(struct db *db, const struct report_template_in *in,
				      int64_t *id)
{
	enum db_rc rc = take_default(db, DB_NULL, in);
	return rc == DB_OK ? db_insert(db, LITE(sql_template_insert), bind_template, in, id) : rc;
}

static const char sql_template_version[] = "SELECT version FROM report_templates WHERE id = ?1";
static const char sql_template_update[] =
	"UPDATE report_templates SET kind = ?2, name = ?3, is_default = ?4, sections = ?5,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";

enum db_rc db_report_templates_update(struct db *db, int64_t id, int64_t version,
				      const struct report_template_in *in)
{
	enum db_rc rc = db_check_version(db, LITE(sql_template_version), id, version);
	if (rc == DB_OK)
		rc = take_default(db, id, in);
	return rc == DB_OK ? db_write_versioned(db, LITE(sql_template_version),
						LITE(sql_template_update),
						bind_template, in, id, -1) : rc;
}
