/*
 * Queries for the register of work-environment incidents.  The summary's load gives each
 * incident the key it is grouped by: its unit (code and name) or its category.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define INCIDENT_JSON \
	"json_object('id', i.id, 'unit_id', i.unit_id, 'occurred_on', i.occurred_on," \
	" 'kind', i.kind, 'category', i.category, 'summary', i.summary, 'status', i.status," \
	" 'reported_to_authority_on', i.reported_to_authority_on," REG_TAIL("i") ")"
#define INCIDENT_WHERE \
	" WHERE i.unit_id IN sub AND (?2 IS NULL OR i.occurred_on >= ?2)" \
	" AND (?3 IS NULL OR i.occurred_on <= ?3) AND (?4 IS NULL OR i.kind = ?4)" \
	" AND (?5 IS NULL OR i.status = ?5)"

static const char sql_get[] = "SELECT " INCIDENT_JSON " FROM incidents i WHERE i.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " INCIDENT_JSON " FROM incidents i"
	INCIDENT_WHERE " ORDER BY i.occurred_on, i.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM incidents i" INCIDENT_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT i.id, i.occurred_on, i.kind, i.status,"
	" i.reported_to_authority_on, u.code, u.name, coalesce(i.category, ''),"
	" coalesce(i.category, 'Ingen kategori') FROM incidents i JOIN units u ON u.id = i.unit_id"
	INCIDENT_WHERE " ORDER BY i.occurred_on, i.id";

/* The twins. */
#define PG_INCIDENT_JSON \
	"json_build_object('id', i.id, 'unit_id', i.unit_id, 'occurred_on', i.occurred_on," \
	" 'kind', i.kind, 'category', i.category, 'summary', i.summary, 'status', i.status," \
	" 'reported_to_authority_on', i.reported_to_authority_on," PG_REG_TAIL("i") ")"
#define PG_INCIDENT_WHERE \
	" WHERE i.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR i.occurred_on >= $2::date)" \
	" AND ($3::date IS NULL OR i.occurred_on <= $3::date) AND ($4 IS NULL OR i.kind = $4)" \
	" AND ($5 IS NULL OR i.status = $5)"

static const char pg_get[] = "SELECT " PG_INCIDENT_JSON " FROM incidents i WHERE i.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_INCIDENT_JSON " FROM incidents i"
	PG_INCIDENT_WHERE " ORDER BY i.occurred_on, i.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM incidents i"
	PG_INCIDENT_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT i.id, i.occurred_on, i.kind, i.status,"
	" i.reported_to_authority_on, u.code, u.name, coalesce(i.category, ''),"
	" coalesce(i.category, 'Ingen kategori') FROM incidents i JOIN units u ON u.id = i.unit_id"
	PG_INCIDENT_WHERE " ORDER BY i.occurred_on, i.id";
enum db_rc db_incidents_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_incidents_list(struct db *db, const struct reg_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

struct incident_loading {
	struct incident_set *set;
	size_t cap;
	bool by_category;
};

static enum db_rc load_incident(const struct db_row *row, void *ctx)
{
	struct incident_loading *l = ctx;
	struct incident_set *set = l->set;
	struct incident *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	struct incident *x = &items[set->n];
	*x = (struct incident){.id = db_row_int(row, 0)};
	db_column_date(row, 1, &x->occurred_on);
	x->has_reported = db_column_date(row, 4, &x->reported_on);
	if (!incident_kind_parse(db_row_text(row, 2), &x->kind) ||
	    !incident_status_parse(db_row_text(row, 3), &x->status))
		return DB_ERROR;
	int key = l->by_category ? 7 : 5;
	if (!db_arena_column(&set->text, row, key, &x->group_key) ||
	    !db_arena_column(&set->text, row, key + 1, &x->group_name))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_incidents_load(struct db *db, const struct reg_filter *f,
			     struct incident_set **out)
{
	struct incident_loading l = {.set = calloc(1, sizeof *l.set),
				     .by_category = f->by_category};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_incident, &l);
	if (rc != DB_OK) {
		db_incident_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_incident_set_free(struct incident_set *set)
{
	if (!set)
		return;
	free(set->items);
	db_arena_free(&set->text);
	free(set);
}

static void bind_incident(struct db_params *p, const void *input)
{
	const struct incident_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->occurred_on);
	db_param_text(p, 4, in->kind);
	db_param_text(p, 5, in->category);
	db_param_text(p, 6, in->summary);
	db_param_text(p, 7, in->status);
	db_param_text(p, 8, in->reported_to_authority_on);
}

static const char sql_insert[] = "INSERT INTO incidents (unit_id, occurred_on, kind, category,"
	" summary, status, reported_to_authority_on) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_version[] = "SELECT version FROM incidents WHERE id = ?1";
static const char sql_update[] = "UPDATE incidents SET unit_id = ?2, occurred_on = ?3,"
	" kind = ?4, category = ?5, summary = ?6, status = ?7, reported_to_authority_on = ?8,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM incidents WHERE id = ?1";
static const char pg_insert[] = "INSERT INTO incidents (id, unit_id, occurred_on, kind, category,"
	" summary, status, reported_to_authority_on)"
	" VALUES (" PG_NEXT_ID("incidents") ","
	" $2, $3::date, $4, $5, $6, $7, $8::date) RETURNING id";
static const char pg_version[] = "SELECT version FROM incidents WHERE id = $1";
static const char pg_update[] = "UPDATE incidents SET unit_id = $2, occurred_on = $3::date,"
	" kind = $4, category = $5, summary = $6, status = $7,"
	" reported_to_authority_on = $8::date, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM incidents WHERE id = $1";

enum db_rc db_incidents_insert(struct db *db, const struct incident_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_incident, in, id);
}

enum db_rc db_incidents_update(struct db *db, int64_t id, int64_t version,
			       const struct incident_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_incident, in, id, version);
}

enum db_rc db_incidents_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
