/*
 * Queries for the register of complaints (synpunkter och klagomål).  The summary's load
 * gives each complaint the key it is grouped by: its unit (code and name) or its category.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define COMPLAINT_JSON \
	"json_object('id', c.id, 'unit_id', c.unit_id, 'received_on', c.received_on," \
	" 'channel', c.channel, 'kind', c.kind, 'category', c.category, 'summary', c.summary," \
	" 'handled_on', c.handled_on, 'outcome', c.outcome," REG_TAIL("c") ")"
#define COMPLAINT_WHERE \
	" WHERE c.unit_id IN sub AND (?2 IS NULL OR c.received_on >= ?2)" \
	" AND (?3 IS NULL OR c.received_on <= ?3) AND (?4 IS NULL OR c.kind = ?4)" \
	" AND (?5 IS NULL OR c.outcome = ?5)"

static const char sql_get[] = "SELECT " COMPLAINT_JSON " FROM complaints c WHERE c.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " COMPLAINT_JSON " FROM complaints c"
	COMPLAINT_WHERE " ORDER BY c.received_on, c.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM complaints c"
	COMPLAINT_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT c.id, c.received_on, c.handled_on,"
	" c.kind, c.outcome, u.code, u.name, coalesce(c.category, ''),"
	" coalesce(c.category, 'Ingen kategori') FROM complaints c JOIN units u ON u.id = c.unit_id"
	COMPLAINT_WHERE " ORDER BY c.received_on, c.id";

/* The twins. */
#define PG_COMPLAINT_JSON \
	"json_build_object('id', c.id, 'unit_id', c.unit_id, 'received_on', c.received_on," \
	" 'channel', c.channel, 'kind', c.kind, 'category', c.category, 'summary', c.summary," \
	" 'handled_on', c.handled_on, 'outcome', c.outcome," PG_REG_TAIL("c") ")"
#define PG_COMPLAINT_WHERE \
	" WHERE c.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR c.received_on >= $2::date)" \
	" AND ($3::date IS NULL OR c.received_on <= $3::date) AND ($4 IS NULL OR c.kind = $4)" \
	" AND ($5 IS NULL OR c.outcome = $5)"

static const char pg_get[] = "SELECT " PG_COMPLAINT_JSON " FROM complaints c WHERE c.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_COMPLAINT_JSON " FROM complaints c"
	PG_COMPLAINT_WHERE " ORDER BY c.received_on, c.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM complaints c"
	PG_COMPLAINT_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT c.id, c.received_on, c.handled_on,"
	" c.kind, c.outcome, u.code, u.name, coalesce(c.category, ''),"
	" coalesce(c.category, 'Ingen kategori') FROM complaints c JOIN units u ON u.id = c.unit_id"
	PG_COMPLAINT_WHERE " ORDER BY c.received_on, c.id";

enum db_rc db_complaints_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_complaints_list(struct db *db, const struct reg_filter *f, int64_t limit,
			      int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

struct complaint_loading {
	struct complaint_set *set;
	size_t cap;
	bool by_category;
};

static enum db_rc load_complaint(const struct db_row *row, void *ctx)
{
	struct complaint_loading *l = ctx;
	struct complaint_set *set = l->set;
	struct complaint *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	struct complaint *c = &items[set->n];
	*c = (struct complaint){.id = db_row_int(row, 0)};
	db_column_date(row, 1, &c->received_on);
	c->has_handled = db_column_date(row, 2, &c->handled_on);
	if (!complaint_kind_parse(db_row_text(row, 3), &c->kind) ||
	    (c->has_handled &&
	     !complaint_outcome_parse(db_row_text(row, 4), &c->outcome)))
		return DB_ERROR;
	int key = l->by_category ? 7 : 5;
	if (!db_arena_column(&set->text, row, key, &c->group_key) ||
	    !db_arena_column(&set->text, row, key + 1, &c->group_name))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_complaints_load(struct db *db, const struct reg_filter *f,
			      struct complaint_set **out)
{
	struct complaint_loading l = {.set = calloc(1, sizeof *l.set),
				      .by_category = f->by_category};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_complaint, &l);
	if (rc != DB_OK) {
		db_complaint_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_complaint_set_free(struct complaint_set *set)
{
	if (!set)
		return;
	free(set->items);
	db_arena_free(&set->text);
	free(set);
}

static void bind_complaint(struct db_params *p, const void *input)
{
	const struct complaint_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->received_on);
	db_param_text(p, 4, in->channel);
	db_param_text(p, 5, in->kind);
	db_param_text(p, 6, in->category);
	db_param_text(p, 7, in->summary);
	db_param_text(p, 8, in->handled_on);
	db_param_text(p, 9, in->outcome);
}

static const char sql_insert[] = "INSERT INTO complaints (unit_id, received_on, channel, kind,"
	" category, summary, handled_on, outcome) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_version[] = "SELECT version FROM complaints WHERE id = ?1";
static const char sql_update[] = "UPDATE complaints SET unit_id = ?2, received_on = ?3,"
	" channel = ?4, kind = ?5, category = ?6, summary = ?7, handled_on = ?8, outcome = ?9,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM complaints WHERE id = ?1";
static const char pg_insert[] = "INSERT INTO complaints (id, unit_id, received_on, channel, kind,"
	" category, summary, handled_on, outcome)"
	" VALUES (" PG_NEXT_ID("complaints") ","
	" $2, $3::date, $4, $5, $6, $7, $8::date, $9) RETURNING id";
static const char pg_version[] = "SELECT version FROM complaints WHERE id = $1";
static const char pg_update[] = "UPDATE complaints SET unit_id = $2, received_on = $3::date,"
	" channel = $4, kind = $5, category = $6, summary = $7, handled_on = $8::date,"
	" outcome = $9, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_delete[] = "DELETE FROM complaints WHERE id = $1";

enum db_rc db_complaints_insert(struct db *db, const struct complaint_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_complaint, in, id);
}

enum db_rc db_complaints_update(struct db *db, int64_t id, int64_t version,
				const struct complaint_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_complaint, in, id, version);
}

enum db_rc db_complaints_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
