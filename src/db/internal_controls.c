/*
 * Queries for the internal control plan.  A control's results per period are rows of their
 * own, written whole with it; the summary loads controls and results as two ordered lists
 * and lets each control point at its run of results.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define IC_JSON \
	"json_object('id', c.id, 'unit_id', c.unit_id, 'year', c.year, 'process', c.process," \
	" 'risk_id', c.risk_id, 'control', c.control, 'method', c.method, 'frequency'," \
	" c.frequency, 'responsible', c.responsible, 'results', json((SELECT" \
	" json_group_array(json_object('period', x.period, 'result', x.result, 'findings'," \
	" x.findings)) FROM (SELECT * FROM internal_control_results x WHERE x.control_id = c.id" \
	" ORDER BY x.period_last, x.id) x))," REG_TAIL("c") ")"
#define IC_WHERE \
	" WHERE c.unit_id IN sub AND (?2 IS NULL OR c.year >= CAST(substr(?2, 1, 4) AS INTEGER))" \
	" AND (?3 IS NULL OR c.year <= CAST(substr(?3, 1, 4) AS INTEGER))" \
	" AND (?4 IS NULL OR c.process = ?4)"

static const char sql_get[] = "SELECT " IC_JSON " FROM internal_controls c WHERE c.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " IC_JSON " FROM internal_controls c"
	IC_WHERE " ORDER BY c.year, c.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM internal_controls c"
	IC_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT c.id, c.year, c.risk_id"
	" FROM internal_controls c" IC_WHERE " ORDER BY c.year, c.id";
static const char sql_load_results[] = REG_SUBTREE "SELECT x.control_id, x.period, x.result"
	" FROM internal_control_results x JOIN internal_controls c ON c.id = x.control_id"
	IC_WHERE " ORDER BY c.year, c.id, x.period_last, x.id";

/* The twins. */
#define PG_IC_JSON \
	"json_build_object('id', c.id, 'unit_id', c.unit_id, 'year', c.year," \
	" 'process', c.process, 'risk_id', c.risk_id, 'control', c.control, 'method', c.method," \
	" 'frequency', c.frequency, 'responsible', c.responsible, 'results', (SELECT" \
	" coalesce(json_agg(json_build_object('period', x.period, 'result', x.result," \
	" 'findings', x.findings) ORDER BY x.period_last, x.id), '[]'::json)" \
	" FROM internal_control_results x WHERE x.control_id = c.id)," PG_REG_TAIL("c") ")"
#define PG_IC_WHERE \
	" WHERE c.unit_id IN " PG_REG_SUB \
	" AND ($2 IS NULL OR c.year >= substr($2, 1, 4)::bigint)" \
	" AND ($3 IS NULL OR c.year <= substr($3, 1, 4)::bigint)" \
	" AND ($4 IS NULL OR c.process = $4)"

static const char pg_get[] = "SELECT " PG_IC_JSON " FROM internal_controls c WHERE c.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_IC_JSON " FROM internal_controls c"
	PG_IC_WHERE " ORDER BY c.year, c.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM internal_controls c"
	PG_IC_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT c.id, c.year, c.risk_id"
	" FROM internal_controls c" PG_IC_WHERE " ORDER BY c.year, c.id";
static const char pg_load_results[] = PG_REG_SUBTREE "SELECT x.control_id, x.period,"
	" x.result FROM internal_control_results x JOIN internal_controls c ON c.id = x.control_id"
	PG_IC_WHERE " ORDER BY c.year, c.id, x.period_last, x.id";

enum db_rc db_ic_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_ic_list(struct db *db, const struct reg_filter *f, int64_t limit,
		      int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

/* ---- loading for the summary ---- */

struct ic_loading {
	struct ic_set *set;
	size_t cap;
	struct reg_children results;
};

static enum db_rc load_control(const struct db_row *row, void *ctx)
{
	struct ic_loading *l = ctx;
	struct ic_control *items = db_grow(l->set->items, sizeof *items, l->set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	l->set->items = items;
	items[l->set->n++] = (struct ic_control){.id = db_row_int(row, 0),
		.year = (int)db_row_int(row, 1),
		.has_risk = !db_row_null(row, 2)};
	return DB_OK;
}

static enum db_rc load_result(const struct db_row *row, void *ctx)
{
	struct ic_loading *l = ctx;
	struct ic_result_row *x = reg_child_add(&l->results, db_row_int(row, 0));
	if (!x)
		return DB_NOMEM;
	if (!period_parse(db_row_text(row, 1), &x->period) ||
	    !ic_result_parse(db_row_text(row, 2), &x->result))
		return DB_ERROR;
	return DB_OK;
}

static int64_t control_id_of(size_t i, void *ctx)
{
	return ((struct ic_loading *)ctx)->set->items[i].id;
}

static void attach_results(size_t i, size_t first, size_t count, void *ctx)
{
	struct ic_loading *l = ctx;
	l->set->items[i].results = count ? l->set->results + first : NULL;
	l->set->items[i].n_results = count;
}

enum db_rc db_ic_load(struct db *db, const struct reg_filter *f, struct ic_set **out)
{
	struct ic_loading l = {.set = calloc(1, sizeof *l.set),
			       .results = {.size = sizeof(struct ic_result_row)}};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_control, &l);
	if (rc == DB_OK)
		rc = reg_load(db, DB_TWIN(sql_load_results, pg_load_results), f, load_result, &l);
	l.set->results = l.results.items;
	if (rc == DB_OK)
		reg_children_attach(&l.results, l.set->n, control_id_of, attach_results, &l);
	reg_children_done(&l.results);
	if (rc != DB_OK) {
		db_ic_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_ic_set_free(struct ic_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->results);
	free(set);
}

/* ---- writes ---- */

static void bind_control(struct db_params *p, const void *input)
{
	const struct ic_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_int(p, 3, in->year);
	db_param_text(p, 4, in->process);
	db_param_int(p, 5, in->risk_id);
	db_param_text(p, 6, in->control);
	db_param_text(p, 7, in->method);
	db_param_text(p, 8, in->frequency);
	db_param_text(p, 9, in->responsible);
}

static const char sql_insert[] = "INSERT INTO internal_controls (unit_id, year, process,"
	" risk_id, control, method, frequency, responsible)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_version[] = "SELECT version FROM internal_controls WHERE id = ?1";
static const char sql_update[] = "UPDATE internal_controls SET unit_id = ?2, year = ?3,"
	" process = ?4, risk_id = ?5, control = ?6, method = ?7, frequency = ?8,"
	" responsible = ?9, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM internal_controls WHERE id = ?1";
static const char sql_results_clear[] =
	"DELETE FROM internal_control_results WHERE control_id = ?1";
static const char sql_result_insert[] = "INSERT INTO internal_control_results (control_id,"
	" period, period_last, result, findings) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char pg_insert[] = "INSERT INTO internal_controls (id, unit_id, year, process,"
	" risk_id, control, method, frequency, responsible) VALUES ("
	PG_NEXT_ID("internal_controls") ", $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
static const char pg_version[] = "SELECT version FROM internal_controls WHERE id = $1";
static const char pg_update[] = "UPDATE internal_controls SET unit_id = $2, year = $3,"
	" process = $4, risk_id = $5, control = $6, method = $7, frequency = $8,"
	" responsible = $9, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_delete[] = "DELETE FROM internal_controls WHERE id = $1";
static const char pg_results_clear[] =
	"DELETE FROM internal_control_results WHERE control_id = $1";
static const char pg_result_insert[] = "INSERT INTO internal_control_results (id, control_id,"
	" period, period_last, result, findings) VALUES ("
	PG_NEXT_ID("internal_control_results") ", $1, $2, $3::date, $4, $5)";

/* One result of a control being stored (NULL: the control alone, to clear its list). */
struct result_row {
	int64_t control_id;
	const struct ic_result_in *r;
};

static void bind_result(struct db_params *p, const void *in)
{
	const struct result_row *x = in;
	db_param_int(p, 1, x->control_id);
	if (!x->r)
		return;
	db_param_text(p, 2, x->r->period);
	db_param_text(p, 3, x->r->period_last);
	db_param_text(p, 4, x->r->result);
	db_param_text(p, 5, x->r->findings);
}

/* Replaces the results of control @p id by those of @p in. */
static enum db_rc results_store(struct db *db, int64_t id, const struct ic_in *in)
{
	struct result_row x = {id, NULL};
	enum db_rc rc = db_run(db, DB_TWIN(sql_results_clear, pg_results_clear), bind_result, &x,
			       NULL);
	for (size_t i = 0; rc == DB_OK && i < in->n_results; i++) {
		x.r = &in->result[i];
		rc = db_run(db, DB_TWIN(sql_result_insert, pg_result_insert), bind_result, &x,
			    NULL);
	}
	return rc;
}

enum db_rc db_ic_insert(struct db *db, const struct ic_in *in, int64_t *id)
{
	enum db_rc rc = db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_control, in, id);
	return rc == DB_OK ? results_store(db, *id, in) : rc;
}

enum db_rc db_ic_update(struct db *db, int64_t id, int64_t version, const struct ic_in *in)
{
	enum db_rc rc = db_write_versioned(db, DB_TWIN(sql_version, pg_version),
					   DB_TWIN(sql_update, pg_update), bind_control, in, id,
					   version);
	return rc == DB_OK ? results_store(db, id, in) : rc;
}

enum db_rc db_ic_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
