/*
 * Queries for statistics and their facts, one at a time (see folja/db_statistics.h).
 *
 * A statistic is one row whose dimensions are a JSON array; its definition is loaded into
 * the plain structs of folja/statistics.h by two queries, the second walking the dimensions
 * and their values with json_each(), so no JSON is parsed in C.  A fact is one row of a
 * clustered table keyed by what it is (statistic, breakdown, year, unit, dimension values,
 * period); its id is a unique column of its own, given as the largest id plus one, since the
 * table has no rowid.  The dimension values are stored as their positions in the statistic's
 * lists, which the tables compute on; a read writes them as the JSON object the API shows,
 * and the period's text from its year, kind and last month.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db_statistics.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

/* ==== statistics ========================================================================= */

#define STAT_JSON \
	"json_object('id', s.id, 'code', s.code, 'name', s.name, 'description', s.description," \
	" 'measure_unit', s.measure_unit, 'aggregate', s.aggregate," \
	" 'dimensions', json(s.dimensions), 'decimals', s.decimals," \
	" 'min_population', s.min_population, 'kolada_kpi', s.kolada_kpi, 'source', s.source," \
	" 'version', s.version, 'created_at', s.created_at, 'updated_at', s.updated_at)"

static const char sql_stat_get[] = "SELECT " STAT_JSON " FROM statistics s WHERE s.id = ?1";
static const char sql_stat_list[] =
	"SELECT " STAT_JSON " FROM statistics s ORDER BY s.id LIMIT ?1 OFFSET ?2";
static const char sql_stat_count[] = "SELECT count(*) FROM statistics";

/* The twins. */
#define PG_STAT_JSON \
	"json_build_object('id', s.id, 'code', s.code, 'name', s.name," \
	" 'description', s.description, 'measure_unit', s.measure_unit," \
	" 'aggregate', s.aggregate, 'dimensions', s.dimensions::json, 'decimals', s.decimals," \
	" 'min_population', s.min_population, 'kolada_kpi', s.kolada_kpi, 'source', s.source," \
	" 'version', s.version, 'created_at', " PG_TS("s.created_at") "," \
	" 'updated_at', " PG_TS("s.updated_at") ")"

static const char pg_stat_get[] = "SELECT " PG_STAT_JSON " FROM statistics s WHERE s.id = $1";
static const char pg_stat_list[] =
	"SELECT " PG_STAT_JSON " FROM statistics s ORDER BY s.id LIMIT $1 OFFSET $2";

enum db_rc db_statistics_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_stat_get, pg_stat_get), id, out);
}

static void bind_nothing(struct db_params *p, const void *filter)
{
	(void)p;
	(void)filter;
}

enum db_rc db_statistics_list(struct db *db, int64_t limit, int64_t offset, json_t *items,
			      int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_stat_count, sql_stat_count),
			    DB_TWIN(sql_stat_list, pg_stat_list), bind_nothing, NULL, 0, limit,
			    offset, items, total);
}

/* A statistic with its dimensions written out as JSON text (owned). */
struct stat_write {
	const struct statistic_in *in;
	char *dimensions;
};

/* Binds ?2..?11; ?1 is the id of an UPDATE. */
static void bind_statistic(struct db_params *p, const void *ctx)
{
	const struct stat_write *w = ctx;
	const struct statistic_in *in = w->in;
	db_param_text(p, 2, in->code);
	db_param_text(p, 3, in->name);
	db_param_text(p, 4, in->description);
	db_param_text(p, 5, in->measure_unit);
	db_param_text(p, 6, in->aggregate);
	db_param_text(p, 7, w->dimensions ? w->dimensions : "[]");
	db_param_int(p, 8, in->decimals == DB_NULL ? 0 : in->decimals);
	db_param_int(p, 9, in->min_population);
	db_param_text(p, 10, in->kolada_kpi);
	db_param_text(p, 11, in->source);
}

/* The JSON text of the dimensions into w->dimensions; false when memory runs out. */
static bool stat_write_open(struct stat_write *w, const struct statistic_in *in)
{
	w->in = in;
	w->dimensions = in->dimensions ? json_dumps(in->dimensions, JSON_COMPACT) : NULL;
	return !in->dimensions || w->dimensions;
}

static const char sql_stat_insert[] =
	"INSERT INTO statistics (code, name, description, measure_unit, aggregate, dimensions,"
	" decimals, min_population, kolada_kpi, source)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char pg_stat_insert[] =
	"INSERT INTO statistics (id, code, name, description, measure_unit, aggregate, dimensions,"
	" decimals, min_population, kolada_kpi, source)"
	" VALUES (" PG_NEXT_ID("statistics") ","
	" $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

enum db_rc db_statistics_insert(struct db *db, const struct statistic_in *in, int64_t *id)
{
	struct stat_write w;
	if (!stat_write_open(&w, in))
		return DB_NOMEM;
	enum db_rc rc = db_insert(db, DB_TWIN(sql_stat_insert, pg_stat_insert), bind_statistic, &w,
				  id);
	free(w.dimensions);
	return rc;
}

static const char sql_stat_version[] = "SELECT version FROM statistics WHERE id = ?1";
static const char sql_stat_update[] =
	"UPDATE statistics SET code = ?2, name = ?3, description = ?4, measure_unit = ?5,"
	" aggregate = ?6, dimensions = ?7, decimals = ?8, min_population = ?9, kolada_kpi = ?10,"
	" source = ?11, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_stat_delete[] = "DELETE FROM statistics WHERE id = ?1";
static const char pg_stat_version[] = "SELECT version FROM statistics WHERE id = $1";
static const char pg_stat_update[] =
	"UPDATE statistics SET code = $2, name = $3, description = $4, measure_unit = $5,"
	" aggregate = $6, dimensions = $7, decimals = $8, min_population = $9, kolada_kpi = $10,"
	" source = $11, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_stat_delete[] = "DELETE FROM statistics WHERE id = $1";

enum db_rc db_statistics_update(struct db *db, int64_t id, int64_t version,
				const struct statistic_in *in)
{
	struct stat_write w;
	if (!stat_write_open(&w, in))
		return DB_NOMEM;
	enum db_rc rc = db_write_versioned(db, DB_TWIN(sql_stat_version, pg_stat_version),
					   DB_TWIN(sql_stat_update, pg_stat_update), bind_statistic,
					   &w, id, version);
	free(w.dimensions);
	return rc;
}

enum db_rc db_statistics_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_stat_version, pg_stat_version),
				  DB_TWIN(sql_stat_delete, pg_stat_delete), NULL, NULL, id, version);
}

static const char sql_stat_has_facts[] =
	"SELECT EXISTS (SELECT 1 FROM statistic_facts WHERE statistic_id = ?1)";

static const char pg_stat_has_facts[] =
	"SELECT EXISTS (SELECT 1 FROM statistic_facts WHERE statistic_id = $1)::int";

enum db_rc db_statistics_has_facts(struct db *db, int64_t id, bool *out)
{
	int64_t n = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_stat_has_facts, pg_stat_has_facts), db_bind_id,
				   &id, &n);
	*out = n != 0;
	return rc;
}

/* ==== a statistic's definition as plain structs ========================================== */

static const char sql_def[] =
	"SELECT code, name, measure_unit, aggregate, decimals, coalesce(min_population, -1),"
	" kolada_kpi FROM statistics WHERE id = ?1";
/* Every value of every dimension, in order; a dimension's name and label on each row. */
static const char sql_def_values[] =
	"SELECT d.key, json_extract(d.value, '$.name'), json_extract(d.value, '$.label'),"
	" v.key, v.value, json_extract(d.value, '$.labels[' || v.key || ']')"
	" FROM statistics s, json_each(s.dimensions) d, json_each(d.value, '$.values') v"
	" WHERE s.id = ?1 ORDER BY d.key, v.key";
static const char pg_def[] =
	"SELECT code, name, measure_unit, aggregate, decimals, coalesce(min_population, -1),"
	" kolada_kpi FROM statistics WHERE id = $1";
static const char pg_def_values[] =
	"SELECT d.ord - 1, d.value ->> 'name', d.value ->> 'label', v.ord - 1, v.value #>> '{}',"
	" d.value -> 'labels' ->> (v.ord - 1)::int"
	" FROM statistics s, json_array_elements(s.dimensions::json) WITH ORDINALITY d(value, ord),"
	" json_array_elements(d.value -> 'values') WITH ORDINALITY v(value, ord)"
	" WHERE s.id = $1 ORDER BY d.ord, v.ord";

static bool copy_col(struct statistic_set *s, const struct db_row *row, int col, const char **out)
{
	return db_arena_column(&s->text, row, col, out);
}

/* The statistic's own row into s->def. */
static enum db_rc def_row(const struct db_row *row, void *ctx)
{
	struct statistic_set *s = ctx;
	struct statistic *d = &s->def;
	const char *unit = NULL, *aggregate = NULL;
	if (!copy_col(s, row, 0, &d->code) || !copy_col(s, row, 1, &d->name) ||
	    !copy_col(s, row, 2, &unit) || !copy_col(s, row, 3, &aggregate) ||
	    !copy_col(s, row, 6, &d->kolada_kpi))
		return DB_NOMEM;
	d->decimals = (int)db_row_int(row, 4);
	int64_t min = db_row_int(row, 5);
	d->min_population = min < 0 ? STAT_NULL : min;
	/* the table's CHECKs hold the names to the enums */
	if (!stat_unit_parse(unit, &d->unit) || !stat_aggregate_parse(aggregate, &d->aggregate))
		return DB_CORRUPT;
	return DB_OK;
}

/* One value of one dimension into s->def. */
static enum db_rc def_value_row(const struct db_row *row, void *ctx)
{
	struct statistic_set *s = ctx;
	int64_t di = db_row_int(row, 0), vi = db_row_int(row, 3);
	if (di < 0 || di >= STAT_MAX_DIMS || vi < 0 || vi >= STAT_MAX_VALUES)
		return DB_CORRUPT;  /* the API never writes more */
	struct stat_dimension *d = &s->def.dims[di];
	if ((size_t)di >= s->def.ndims) {
		s->def.ndims = (size_t)di + 1;
		if (!copy_col(s, row, 1, &d->name) || !copy_col(s, row, 2, &d->label))
			return DB_NOMEM;
	}
	if (!copy_col(s, row, 4, &d->values[vi]) || !copy_col(s, row, 5, &d->labels[vi]))
		return DB_NOMEM;
	d->nvalues = (size_t)vi + 1;
	return DB_OK;
}

enum db_rc db_statistics_load(struct db *db, int64_t id, struct statistic_set *out)
{
	memset(out, 0, sizeof *out);
	out->def.id = id;
	enum db_rc rc = db_load(db, DB_TWIN(sql_def, pg_def), db_bind_id, &id, def_row, out);
	if (rc == DB_OK && !out->def.code)
		rc = DB_NOT_FOUND;
	if (rc == DB_OK)
		rc = db_load(db, DB_TWIN(sql_def_values, pg_def_values), db_bind_id, &id,
			     def_value_row, out);
	return rc;
}

void db_statistic_set_free(struct statistic_set *s)
{
	if (!s)
		return;
	db_arena_free(&s->text);
	memset(s, 0, sizeof *s);
}

/* ==== facts ============================================================================== */

/* The position (from 1; 0: the total) of fact f's value of dimension d.key. */
#define FACT_DIM_AT \
	"CASE d.key WHEN 0 THEN f.d1 WHEN 1 THEN f.d2 WHEN 2 THEN f.d3 ELSE f.d4 END"
/* Fact f's dimension values as the object {name: code} in the statistic's order. */
#define FACT_DIMS \
	"(SELECT json_group_object(d.value ->> 'name', d.value -> 'values' -> (" FACT_DIM_AT \
	" - 1)) FROM statistics s, json_each(s.dimensions) d WHERE s.id = f.statistic_id" \
	" AND " FACT_DIM_AT " > 0)"

#define FACT_JSON \
	"json_object('id', f.id, 'statistic_id', f.statistic_id, 'unit_id', f.unit_id," \
	" 'period', period_text(f.year, f.kind, f.month_to), 'dims', json(" FACT_DIMS ")," \
	" 'form', f.form," \
	" 'value', CASE WHEN f.form IN ('value', 'given') THEN f.value END," \
	" 'numerator', f.numerator, 'denominator', f.denominator," \
	" 'share', CASE WHEN f.form = 'share' THEN f.value END," \
	" 'population', f.population, 'null_reason', f.null_reason, 'note', f.note," \
	" 'synthetic', json(CASE WHEN f.synthetic THEN 'true' ELSE 'false' END)," \
	" 'version', f.version, 'created_at', f.created_at," \
	" 'updated_at', coalesce(f.updated_at, f.created_at))"

static const char sql_fact_get[] = "SELECT " FACT_JSON " FROM statistic_facts f WHERE f.id = ?1";

/* The twins of FACT_DIM_AT, FACT_DIMS and FACT_JSON. */
#define PG_FACT_DIM_AT \
	"CASE d.ord WHEN 1 THEN f.d1 WHEN 2 THEN f.d2 WHEN 3 THEN f.d3 ELSE f.d4 END"
#define PG_FACT_DIMS \
	"(SELECT coalesce(json_object_agg(d.value ->> 'name', d.value -> 'values' -> (" \
	PG_FACT_DIM_AT " - 1)::int ORDER BY d.ord), '{}'::json) FROM statistics s," \
	" json_array_elements(s.dimensions::json) WITH ORDINALITY d(value, ord)" \
	" WHERE s.id = f.statistic_id AND " PG_FACT_DIM_AT " > 0)"
#define PG_FACT_JSON \
	"json_build_object('id', f.id, 'statistic_id', f.statistic_id, 'unit_id', f.unit_id," \
	" 'period', period_text(f.year, f.kind, f.month_to), 'dims', " PG_FACT_DIMS "," \
	" 'form', f.form," \
	" 'value', CASE WHEN f.form IN ('value', 'given') THEN " PG_REAL("f.value") " END," \
	" 'numerator', " PG_REAL("f.numerator") ", 'denominator', " PG_REAL("f.denominator") "," \
	" 'share', CASE WHEN f.form = 'share' THEN " PG_REAL("f.value") " END," \
	" 'population', f.population, 'null_reason', f.null_reason, 'note', f.note," \
	" 'synthetic', f.synthetic = 1, 'version', f.version," \
	" 'created_at', " PG_TS("f.created_at") "," \
	" 'updated_at', " PG_TS("coalesce(f.updated_at, f.created_at)") ")"

static const char pg_fact_get[] =
	"SELECT " PG_FACT_JSON " FROM statistic_facts f WHERE f.id = $1";

enum db_rc db_statistic_facts_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_fact_get, pg_fact_get), id, out);
}

#define FACT_WHERE \
	" WHERE (?1 IS NULL OR f.statistic_id = ?1) AND (?3 IS NULL OR f.year = ?3)" \
	" AND (?4 IS NULL OR (f.year = ?4 AND f.kind = ?5 AND f.month_to = ?6))" \
	" AND (?2 IS NULL OR f.unit_id IN (" \
	"  WITH RECURSIVE sub(id, depth) AS (SELECT ?2, 0 UNION ALL SELECT u.id, sub.depth + 1" \
	"  FROM units u JOIN sub ON u.parent_id = sub.id WHERE sub.depth < 64)" \
	"  SELECT id FROM sub))"

static const char sql_fact_list[] =
	"SELECT " FACT_JSON " FROM statistic_facts f" FACT_WHERE
	" ORDER BY f.id LIMIT ?7 OFFSET ?8";
static const char sql_fact_count[] = "SELECT count(*) FROM statistic_facts f" FACT_WHERE;
#define PG_FACT_WHERE \
	" WHERE ($1::bigint IS NULL OR f.statistic_id = $1) AND ($3::bigint IS NULL OR f.year = $3)" \
	" AND ($4::bigint IS NULL OR (f.year = $4::bigint AND f.kind = $5::bigint" \
	" AND f.month_to = $6::bigint))" \
	" AND ($2::bigint IS NULL OR f.unit_id IN (" \
	"  WITH RECURSIVE sub(id, depth) AS (SELECT $2::bigint, 0 UNION ALL" \
	"  SELECT u.id, sub.depth + 1 FROM units u JOIN sub ON u.parent_id = sub.id" \
	"  WHERE sub.depth < 64) SELECT id FROM sub))"
static const char pg_fact_list[] =
	"SELECT " PG_FACT_JSON " FROM statistic_facts f" PG_FACT_WHERE
	" ORDER BY f.id LIMIT $7 OFFSET $8";
static const char pg_fact_count[] = "SELECT count(*) FROM statistic_facts f" PG_FACT_WHERE;

static void bind_fact_filter(struct db_params *p, const void *filter)
{
	const struct statistic_fact_filter *f = filter;
	db_param_int(p, 1, f->statistic_id);
	db_param_int(p, 2, f->unit_id);
	db_param_int(p, 3, f->year);
	if (f->period) {
		db_param_int(p, 4, f->period->year);
		db_param_int(p, 5, (int)f->period->kind);
		db_param_int(p, 6, period_last_month(*f->period));
	}
}

enum db_rc db_statistic_facts_list(struct db *db, const struct statistic_fact_filter *f,
				   int64_t limit, int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_fact_count, pg_fact_count),
			    DB_TWIN(sql_fact_list, pg_fact_list), bind_fact_filter, f, 6, limit,
			    offset, items, total);
}

/* A fact with what its row derives: the period's months. */
struct fact_write {
	const struct statistic_fact_in *in;
	struct stat_range range;
	int64_t id;
};

static bool fact_write_open(struct fact_write *w, const struct statistic *def,
			    const struct statistic_fact_in *in)
{
	w->in = in;
	w->range = stat_fact_range(in->period);
	return stat_dims_valid(def, in->dims);
}

/* Gives ?1..?20 of a fact's row. */
static void bind_fact(struct db_params *p, const void *ctx)
{
	const struct fact_write *w = ctx;
	const struct statistic_fact_in *in = w->in;
	db_param_int(p, 1, w->id);
	db_param_int(p, 2, in->statistic_id);
	db_param_int(p, 3, stat_mask(in->dims));
	db_param_int(p, 4, in->period.year);
	db_param_int(p, 5, in->unit_id);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		db_param_int(p, 6 + i, in->dims[i]);
	db_param_int(p, 10, w->range.to);
	db_param_int(p, 11, in->period.kind);
	db_param_int(p, 12, w->range.from);
	db_param_text(p, 13, stat_form_name(in->form));
	db_param_double(p, 14, in->value);
	db_param_double(p, 15, in->numerator);
	db_param_double(p, 16, in->denominator);
	db_param_int(p, 17, in->population);
	db_param_text(p, 18, in->null_reason);
	db_param_text(p, 19, in->note);
	db_param_int(p, 20, in->synthetic);
}

static const char sql_fact_next_id[] = "SELECT coalesce(max(id), 0) + 1 FROM statistic_facts";
static const char sql_fact_insert[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, form, value, numerator, denominator, population,"
	" null_reason, note, synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
static const char pg_fact_insert[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, form, value, numerator, denominator, population,"
	" null_reason, note, synthetic) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
	" $12, $13, $14, $15, $16, $17, $18, $19, $20)";

enum db_rc db_statistic_facts_insert(struct db *db, const struct statistic *def,
				     const struct statistic_fact_in *in, int64_t *id)
{
	struct fact_write w;
	if (!fact_write_open(&w, def, in))
		return DB_INVALID;  /* the API resolved the dimension values against def */
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_fact_next_id, sql_fact_next_id), NULL, NULL,
				   &w.id);
	if (rc == DB_OK)
		rc = db_run(db, DB_TWIN(sql_fact_insert, pg_fact_insert), bind_fact, &w, NULL);
	if (rc == DB_OK)
		*id = w.id;
	return rc;
}

static const char sql_fact_version[] = "SELECT version FROM statistic_facts WHERE id = ?1";
static const char sql_fact_update[] =
	"UPDATE statistic_facts SET statistic_id = ?2, mask = ?3, year = ?4, unit_id = ?5,"
	" d1 = ?6, d2 = ?7, d3 = ?8, d4 = ?9, month_to = ?10, kind = ?11, month_from = ?12,"
	" form = ?13, value = ?14, numerator = ?15, denominator = ?16, population = ?17,"
	" null_reason = ?18, note = ?19, synthetic = ?20,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1";
static const char sql_fact_delete[] = "DELETE FROM statistic_facts WHERE id = ?1";
static const char pg_fact_version[] = "SELECT version FROM statistic_facts WHERE id = $1";
static const char pg_fact_update[] =
	"UPDATE statistic_facts SET statistic_id = $2, mask = $3, year = $4, unit_id = $5,"
	" d1 = $6, d2 = $7, d3 = $8, d4 = $9, month_to = $10, kind = $11, month_from = $12,"
	" form = $13, value = $14, numerator = $15, denominator = $16, population = $17,"
	" null_reason = $18, note = $19, synthetic = $20,"
	" version = version + 1, updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_fact_delete[] = "DELETE FROM statistic_facts WHERE id = $1";

enum db_rc db_statistic_facts_update(struct db *db, const struct statistic *def, int64_t id,
				     int64_t version, const struct statistic_fact_in *in)
{
	struct fact_write w;
	if (!fact_write_open(&w, def, in))
		return DB_INVALID;
	w.id = id;
	return db_write_versioned(db, DB_TWIN(sql_fact_version, pg_fact_version),
				  DB_TWIN(sql_fact_update, pg_fact_update), bind_fact, &w, id,
				  version);
}

enum db_rc db_statistic_facts_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_fact_version, pg_fact_version),
				  DB_TWIN(sql_fact_delete, pg_fact_delete), NULL, NULL, id, version);
}

/* ==== indicators fed by a statistic ====================================================== */

static const char sql_indicator_link[] =
	"SELECT coalesce(statistic_id, 0), coalesce(dims, '') FROM indicators WHERE id = ?1";

static const char pg_indicator_link[] =
	"SELECT coalesce(statistic_id, 0), coalesce(dims, '') FROM indicators WHERE id = $1";

/* What an indicator's link is read into. */
struct link {
	bool found;
	int64_t statistic_id;
	char *dims;
	size_t cap;
};

static enum db_rc link_row(const struct db_row *row, void *ctx)
{
	struct link *l = ctx;
	l->found = true;
	l->statistic_id = db_row_int(row, 0);
	snprintf(l->dims, l->cap, "%s", db_row_text(row, 1));
	return DB_OK;
}

enum db_rc db_statistics_indicator_link(struct db *db, int64_t indicator_id,
					int64_t *statistic_id, char *dims, size_t cap)
{
	struct link l = {.dims = dims, .cap = cap};
	enum db_rc rc = db_load(db, DB_TWIN(sql_indicator_link, pg_indicator_link), db_bind_id,
				&indicator_id, link_row, &l);
	if (rc == DB_OK && l.found)
		*statistic_id = l.statistic_id ? l.statistic_id : DB_NULL;
	return rc == DB_OK && !l.found ? DB_NOT_FOUND : rc;
}
