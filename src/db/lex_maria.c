/*
 * Queries for the lex Maria register.  The summary's load gives each notification the key it
 * is grouped by: its category, or its unit (code and name).
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define LM_JSON \
	"json_object('id', m.id, 'unit_id', m.unit_id, 'occurred_on', m.occurred_on," \
	" 'notified_on', m.notified_on, 'category', m.category, 'harm', m.harm," \
	" 'summary', m.summary, 'investigation_done_on', m.investigation_done_on," \
	" 'measures', m.measures," REG_TAIL("m") ")"
#define LM_WHERE \
	" WHERE m.unit_id IN sub AND (?2 IS NULL OR m.notified_on >= ?2)" \
	" AND (?3 IS NULL OR m.notified_on <= ?3) AND (?4 IS NULL OR m.harm = ?4)"

static const char sql_get[] = "SELECT " LM_JSON " FROM lex_maria_reports m WHERE m.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " LM_JSON " FROM lex_maria_reports m"
	LM_WHERE " ORDER BY m.notified_on, m.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM lex_maria_reports m"
	LM_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT m.id, m.notified_on, m.occurred_on,"
	" m.investigation_done_on, m.harm, m.category, m.category, u.code, u.name"
	" FROM lex_maria_reports m JOIN units u ON u.id = m.unit_id" LM_WHERE
	" ORDER BY m.notified_on, m.id";

/* The twins. */
#define PG_LM_JSON \
	"json_build_object('id', m.id, 'unit_id', m.unit_id, 'occurred_on', m.occurred_on," \
	" 'notified_on', m.notified_on, 'category', m.category, 'harm', m.harm," \
	" 'summary', m.summary, 'investigation_done_on', m.investigation_done_on," \
	" 'measures', m.measures," PG_REG_TAIL("m") ")"
#define PG_LM_WHERE \
	" WHERE m.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR m.notified_on >= $2::date)" \
	" AND ($3::date IS NULL OR m.notified_on <= $3::date) AND ($4 IS NULL OR m.harm = $4)"

static const char pg_get[] =
	"SELECT " PG_LM_JSON " FROM lex_maria_reports m WHERE m.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_LM_JSON " FROM lex_maria_reports m"
	PG_LM_WHERE " ORDER BY m.notified_on, m.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM lex_maria_reports m"
	PG_LM_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT m.id, m.notified_on, m.occurred_on,"
	" m.investigation_done_on, m.harm, m.category, m.category, u.code, u.name"
	" FROM lex_maria_reports m JOIN units u ON u.id = m.unit_id" PG_LM_WHERE
	" ORDER BY m.notified_on, m.id";
enum db_rc db_lex_maria_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_lex_maria_list(struct db *db, const struct reg_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

struct lm_loading {
	struct lex_maria_set *set;
	size_t cap;
	bool by_unit;
};

static enum db_rc load_report(const struct db_row *row, void *ctx)
{
	struct lm_loading *l = ctx;
	struct lex_maria_set *set = l->set;
	struct lm_report *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	struct lm_report *r = &items[set->n];
	*r = (struct lm_report){.id = db_row_int(row, 0)};
	db_column_date(row, 1, &r->notified_on);
	r->has_occurred = db_column_date(row, 2, &r->occurred_on);
	r->has_done = db_column_date(row, 3, &r->done_on);
	if (!lm_harm_parse(db_row_text(row, 4), &r->harm))
		return DB_ERROR;
	int key = l->by_unit ? 7 : 5;
	if (!db_arena_column(&set->text, row, key, &r->group_key) ||
	    !db_arena_column(&set->text, row, key + 1, &r->group_name))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

/* f->by_category false groups by unit; lex Maria's summary groups by category by default,
 * which its API asks for explicitly. */
enum db_rc db_lex_maria_load(struct db *db, const struct reg_filter *f,
			     struct lex_maria_set **out)
{
	struct lm_loading l = {.set = calloc(1, sizeof *l.set), .by_unit = !f->by_category};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_report, &l);
	if (rc != DB_OK) {
		db_lex_maria_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_lex_maria_set_free(struct lex_maria_set *set)
{
	if (!set)
		return;
	free(set->items);
	db_arena_free(&set->text);
	free(set);
}

static void bind_report(struct db_params *p, const void *input)
{
	const struct lex_maria_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->occurred_on);
	db_param_text(p, 4, in->notified_on);
	db_param_text(p, 5, in->category);
	db_param_text(p, 6, in->harm);
	db_param_text(p, 7, in->summary);
	db_param_text(p, 8, in->investigation_done_on);
	db_param_text(p, 9, in->measures);
}

static const char sql_insert[] = "INSERT INTO lex_maria_reports (unit_id, occurred_on,"
	" notified_on, category, harm, summary, investigation_done_on, measures)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_version[] = "SELECT version FROM lex_maria_reports WHERE id = ?1";
static const char sql_update[] = "UPDATE lex_maria_reports SET unit_id = ?2,"
	" occurred_on = ?3, notified_on = ?4, category = ?5, harm = ?6, summary = ?7,"
	" investigation_done_on = ?8, measures = ?9, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM lex_maria_reports WHERE id = ?1";
static const char pg_insert[] = "INSERT INTO lex_maria_reports (id, unit_id, occurred_on,"
	" notified_on, category, harm, summary, investigation_done_on, measures)"
	" VALUES (" PG_NEXT_ID("lex_maria_reports") ","
	" $2, $3::date, $4::date, $5, $6, $7, $8::date, $9) RETURNING id";
static const char pg_version[] = "SELECT version FROM lex_maria_reports WHERE id = $1";
static const char pg_update[] = "UPDATE lex_maria_reports SET unit_id = $2,"
	" occurred_on = $3::date, notified_on = $4::date, category = $5, harm = $6, summary = $7,"
	" investigation_done_on = $8::date, measures = $9, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM lex_maria_reports WHERE id = $1";

enum db_rc db_lex_maria_insert(struct db *db, const struct lex_maria_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_report, in, id);
}

enum db_rc db_lex_maria_update(struct db *db, int64_t id, int64_t version,
			       const struct lex_maria_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_report, in, id, version);
}

enum db_rc db_lex_maria_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
