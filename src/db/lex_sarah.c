/*
 * Queries for the lex Sarah register.  Reads of reports build the report as the API shows it
 * with json_object(); the summary's load gives plain structs instead, its dates parsed and its
 * status and outcome as enums.  The unit filter takes the whole subtree of the unit asked for,
 * so a förvaltning's figures include every avdelning and enhet below it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "folja/db_lex_sarah.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define LS_JSON \
	"json_object('id', r.id, 'reference', r.reference, 'unit_id', r.unit_id, 'law', r.law," \
	" 'reported_on', r.reported_on, 'occurred_on', r.occurred_on, 'category', r.category," \
	" 'summary', r.summary, 'status', r.status," \
	" 'investigation_done_on', r.investigation_done_on, 'outcome', r.outcome," \
	" 'ivo_notified_on', r.ivo_notified_on, 'measures', r.measures, 'version', r.version," \
	" 'created_at', r.created_at, 'updated_at', r.updated_at)"

static const char sql_get[] = "SELECT " LS_JSON " FROM lex_sarah_reports r WHERE r.id = ?1";

/* LS_JSON's twin. */
#define PG_LS_JSON \
	"json_build_object('id', r.id, 'reference', r.reference, 'unit_id', r.unit_id," \
	" 'law', r.law, 'reported_on', r.reported_on, 'occurred_on', r.occurred_on," \
	" 'category', r.category, 'summary', r.summary, 'status', r.status," \
	" 'investigation_done_on', r.investigation_done_on, 'outcome', r.outcome," \
	" 'ivo_notified_on', r.ivo_notified_on, 'measures', r.measures, 'version', r.version," \
	" 'created_at', " PG_TS("r.created_at") ", 'updated_at', " PG_TS("r.updated_at") ")"

static const char pg_get[] = "SELECT " PG_LS_JSON " FROM lex_sarah_reports r WHERE r.id = $1";

enum db_rc db_lex_sarah_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define LS_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE ?1 IS NULL OR id = ?1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE ?1 IS NOT NULL) "
#define LS_WHERE \
	" WHERE r.unit_id IN sub AND (?2 IS NULL OR r.reported_on >= ?2)" \
	" AND (?3 IS NULL OR r.reported_on <= ?3) AND (?4 IS NULL OR r.category = ?4)" \
	" AND (?5 IS NULL OR r.status = ?5) AND (?6 IS NULL OR r.outcome = ?6)"

static const char sql_list[] = LS_SUBTREE "SELECT " LS_JSON " FROM lex_sarah_reports r"
	LS_WHERE " ORDER BY r.reported_on, r.id LIMIT ?7 OFFSET ?8";
static const char sql_count[] = LS_SUBTREE "SELECT count(*) FROM lex_sarah_reports r" LS_WHERE;
static const char sql_load[] = LS_SUBTREE "SELECT r.id, r.reported_on,"
	" r.investigation_done_on, r.ivo_notified_on, r.status, r.outcome, u.code, u.name,"
	" r.category, c.name FROM lex_sarah_reports r"
	" JOIN units u ON u.id = r.unit_id JOIN lex_sarah_categories c ON c.code = r.category"
	LS_WHERE " ORDER BY r.reported_on, r.id";

#define PG_LS_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE $1::bigint IS NULL OR id = $1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE $1 IS NOT NULL) "
#define PG_LS_WHERE \
	" WHERE r.unit_id IN (SELECT id FROM sub)" \
	" AND ($2::date IS NULL OR r.reported_on >= $2::date)" \
	" AND ($3::date IS NULL OR r.reported_on <= $3::date) AND ($4 IS NULL OR r.category = $4)" \
	" AND ($5 IS NULL OR r.status = $5) AND ($6 IS NULL OR r.outcome = $6)"

static const char pg_list[] = PG_LS_SUBTREE "SELECT " PG_LS_JSON " FROM lex_sarah_reports r"
	PG_LS_WHERE " ORDER BY r.reported_on, r.id LIMIT $7 OFFSET $8";
static const char pg_count[] = PG_LS_SUBTREE "SELECT count(*) FROM lex_sarah_reports r"
	PG_LS_WHERE;
static const char pg_load[] = PG_LS_SUBTREE "SELECT r.id, r.reported_on,"
	" r.investigation_done_on, r.ivo_notified_on, r.status, r.outcome, u.code, u.name,"
	" r.category, c.name FROM lex_sarah_reports r"
	" JOIN units u ON u.id = r.unit_id JOIN lex_sarah_categories c ON c.code = r.category"
	PG_LS_WHERE " ORDER BY r.reported_on, r.id";

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct lex_sarah_filter *f = filter;
	db_param_int(p, 1, f->unit_id);
	db_param_text(p, 2, f->from);
	db_param_text(p, 3, f->to);
	db_param_text(p, 4, f->category);
	db_param_text(p, 5, f->status);
	db_param_text(p, 6, f->outcome);
}

enum db_rc db_lex_sarah_list(struct db *db, const struct lex_sarah_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    bind_filter, f, 6, limit, offset, items, total);
}

/* Keeps the strings of the current row in @p set: unit code and name, category code and
 * name.  False when out of memory. */
static bool keep_names(struct lex_sarah_set *set, const struct db_row *row, struct ls_report *x)
{
	return db_arena_column(&set->text, row, 6, &x->unit_code) &&
	       db_arena_column(&set->text, row, 7, &x->unit_name) &&
	       db_arena_column(&set->text, row, 8, &x->category) &&
	       db_arena_column(&set->text, row, 9, &x->category_name);
}

/* A set being loaded. */
struct loading {
	struct lex_sarah_set *set;
	size_t cap;                  /* items allocated */
};

/* The status and outcome of the current row into @p x.  The table's CHECKs keep them to the
 * names parsed here; a NULL outcome is a report not assessed. */
static bool parse_codes(const struct db_row *row, struct ls_report *x)
{
	if (!ls_status_parse(db_row_text(row, 4), &x->status))
		return false;
	x->outcome = LS_EJ_BEDOMD;
	return db_row_null(row, 5) ||
	       ls_outcome_parse(db_row_text(row, 5), &x->outcome);
}

/* One row of sql_load appended to the set being loaded (@p ctx). */
static enum db_rc load_row(const struct db_row *row, void *ctx)
{
	struct loading *l = ctx;
	struct lex_sarah_set *set = l->set;
	struct ls_report *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	struct ls_report *x = &items[set->n];
	*x = (struct ls_report){.id = db_row_int(row, 0)};
	db_column_date(row, 1, &x->reported_on);
	x->has_done = db_column_date(row, 2, &x->done_on);
	x->has_ivo = db_column_date(row, 3, &x->ivo_on);
	if (!parse_codes(row, x)) {
		fprintf(stderr, "folja: lex Sarah report %lld: unknown status or outcome\n",
			(long long)x->id);
		return DB_ERROR;
	}
	if (!keep_names(set, row, x))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_lex_sarah_load(struct db *db, const struct lex_sarah_filter *f,
			     struct lex_sarah_set **out)
{
	struct loading l = {.set = calloc(1, sizeof *l.set)};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = db_load(db, DB_TWIN(sql_load, pg_load), bind_filter, f, load_row, &l);
	if (rc != DB_OK) {
		db_lex_sarah_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_lex_sarah_set_free(struct lex_sarah_set *set)
{
	if (!set)
		return;
	free(set->items);
	db_arena_free(&set->text);
	free(set);
}

/* Binds ?2..?13; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_report(struct db_params *p, const void *input)
{
	const struct lex_sarah_in *in = input;
	db_param_text(p, 2, in->reference);
	db_param_int(p, 3, in->unit_id);
	db_param_text(p, 4, in->law);
	db_param_text(p, 5, in->reported_on);
	db_param_text(p, 6, in->occurred_on);
	db_param_text(p, 7, in->category);
	db_param_text(p, 8, in->summary);
	db_param_text(p, 9, in->status);
	db_param_text(p, 10, in->investigation_done_on);
	db_param_text(p, 11, in->outcome);
	db_param_text(p, 12, in->ivo_notified_on);
	db_param_text(p, 13, in->measures);
}

static const char sql_insert[] =
	"INSERT INTO lex_sarah_reports (reference, unit_id, law, reported_on, occurred_on,"
	" category, summary, status, investigation_done_on, outcome, ivo_notified_on, measures)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char pg_insert[] =
	"INSERT INTO lex_sarah_reports (id, reference, unit_id, law, reported_on, occurred_on,"
	" category, summary, status, investigation_done_on, outcome, ivo_notified_on, measures)"
	" VALUES (" PG_NEXT_ID("lex_sarah_reports") ","
	" $2, $3, $4, $5::date, $6::date, $7, $8, $9, $10::date, $11, $12::date, $13)"
	" RETURNING id";

enum db_rc db_lex_sarah_insert(struct db *db, const struct lex_sarah_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_report, in, id);
}

static const char sql_version[] = "SELECT version FROM lex_sarah_reports WHERE id = ?1";
static const char sql_update[] =
	"UPDATE lex_sarah_reports SET reference = ?2, unit_id = ?3, law = ?4, reported_on = ?5,"
	" occurred_on = ?6, category = ?7, summary = ?8, status = ?9, investigation_done_on = ?10,"
	" outcome = ?11, ivo_notified_on = ?12, measures = ?13, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM lex_sarah_reports WHERE id = ?1";
static const char pg_version[] = "SELECT version FROM lex_sarah_reports WHERE id = $1";
static const char pg_update[] =
	"UPDATE lex_sarah_reports SET reference = $2, unit_id = $3, law = $4,"
	" reported_on = $5::date, occurred_on = $6::date, category = $7, summary = $8,"
	" status = $9, investigation_done_on = $10::date, outcome = $11,"
	" ivo_notified_on = $12::date, measures = $13, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM lex_sarah_reports WHERE id = $1";

enum db_rc db_lex_sarah_update(struct db *db, int64_t id, int64_t version,
			       const struct lex_sarah_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_report, in, id, version);
}

enum db_rc db_lex_sarah_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

/* ---- categories ---- */

static const char sql_categories[] =
	"SELECT json_object('code', code, 'name', name) FROM lex_sarah_categories ORDER BY code";
static const char pg_categories[] =
	"SELECT json_build_object('code', code, 'name', name) FROM lex_sarah_categories"
	" ORDER BY code";

enum db_rc db_lex_sarah_categories(struct db *db, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_categories, pg_categories), NULL, NULL, items);
}

static const char sql_category_get[] =
	"SELECT json_object('code', code, 'name', name) FROM lex_sarah_categories WHERE code = ?1";
static const char pg_category_get[] =
	"SELECT json_build_object('code', code, 'name', name) FROM lex_sarah_categories"
	" WHERE code = $1";

/* Gives ?1 the code and ?2 the name a category (two strings) holds. */
static void bind_category(struct db_params *p, const void *in)
{
	const char *const *c = in;
	db_param_text(p, 1, c[0]);
	db_param_text(p, 2, c[1]);
}

enum db_rc db_lex_sarah_category_get(struct db *db, const char *code, json_t **out)
{
	const char *c[] = {code, NULL};
	return db_one_json(db, DB_TWIN(sql_category_get, pg_category_get), bind_category, c, out);
}

static const char sql_category_insert[] =
	"INSERT INTO lex_sarah_categories (code, name) VALUES (?1, ?2)";
static const char pg_category_insert[] =
	"INSERT INTO lex_sarah_categories (code, name) VALUES ($1, $2)";

enum db_rc db_lex_sarah_category_insert(struct db *db, const char *code, const char *name)
{
	const char *c[] = {code, name};
	return db_run(db, DB_TWIN(sql_category_insert, pg_category_insert), bind_category, c,
		      NULL);
}
