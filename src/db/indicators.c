/*
 * Queries for indicators, their values and peer values.  An indicator value is keyed by its
 * period string; its kind and a time-ordering key are stored beside it so a series reads in
 * time order and "the previous value of the same kind" is a walk back through it.  Resources
 * are read as JSON built by json_object(); what the computations need is loaded into the
 * plain structs of folja/indicators.h (the last section).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db_indicators.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define IND_JSON \
	"json_object('id', i.id, 'goal_id', i.goal_id, 'unit_id', i.unit_id, 'name', i.name," \
	" 'measure_unit', i.measure_unit, 'direction', i.direction, 'target', i.target," \
	" 'yellow_tolerance', i.yellow_tolerance, 'decimals', i.decimals," \
	" 'kolada_kpi', i.kolada_kpi, 'source', i.source, 'sort', i.sort, 'version', i.version," \
	" 'created_at', i.created_at, 'updated_at', i.updated_at," \
	" 'statistic_id', i.statistic_id, 'dims', json(i.dims)"

static const char sql_get[] = "SELECT " IND_JSON ") FROM indicators i WHERE i.id = ?1";

/* IND_JSON's twin. */
#define PG_IND_JSON \
	"json_build_object('id', i.id, 'goal_id', i.goal_id, 'unit_id', i.unit_id," \
	" 'name', i.name, 'measure_unit', i.measure_unit, 'direction', i.direction," \
	" 'target', " PG_REAL("i.target") ", 'yellow_tolerance', " PG_REAL("i.yellow_tolerance") \
	", 'decimals', i.decimals, 'kolada_kpi', i.kolada_kpi, 'source', i.source," \
	" 'sort', i.sort, 'version', i.version, 'created_at', " PG_TS("i.created_at") "," \
	" 'updated_at', " PG_TS("i.updated_at") ", 'statistic_id', i.statistic_id," \
	" 'dims', i.dims::json"

static const char pg_get[] = "SELECT " PG_IND_JSON ") FROM indicators i WHERE i.id = $1";

enum db_rc db_indicators_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define IND_WHERE \
	" WHERE (?1 IS NULL OR i.goal_id = ?1) AND (?2 IS NULL OR i.unit_id = ?2)" \
	" AND (?3 IS NULL OR i.kolada_kpi = ?3) AND in_scope(i.unit_id)"

static const char sql_list[] =
	"SELECT " IND_JSON ") FROM indicators i" IND_WHERE " ORDER BY i.id LIMIT ?4 OFFSET ?5";
static const char sql_count[] = "SELECT count(*) FROM indicators i" IND_WHERE;

/* IND_WHERE's twin: a scoped request's units are the array $4 (db_scope_array). */
#define PG_IND_WHERE \
	" WHERE ($1::bigint IS NULL OR i.goal_id = $1) AND ($2::bigint IS NULL OR i.unit_id = $2)" \
	" AND ($3 IS NULL OR i.kolada_kpi = $3)" \
	" AND ($4::bigint[] IS NULL OR i.unit_id = ANY($4::bigint[]))"

static const char pg_list[] =
	"SELECT " PG_IND_JSON ") FROM indicators i" PG_IND_WHERE
	" ORDER BY i.id LIMIT $5 OFFSET $6";
static const char pg_count[] = "SELECT count(*) FROM indicators i" PG_IND_WHERE;

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct indicator_filter *f = filter;
	db_param_int(p, 1, f->goal_id);
	db_param_int(p, 2, f->unit_id);
	db_param_text(p, 3, f->kolada_kpi);
}

enum db_rc db_indicators_list(struct db *db, const struct indicator_filter *f, int64_t limit,
			      int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page_scoped(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
				   bind_filter, f, 3, limit, offset, items, total);
}

/* An indicator with its statistic's dimension values written out as JSON text (owned). */
struct indicator_write {
	const struct indicator_in *in;
	char *dims;
};

/* Binds ?2..?14; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_indicator(struct db_params *p, const void *ctx)
{
	const struct indicator_write *w = ctx;
	const struct indicator_in *in = w->in;
	db_param_int(p, 2, in->goal_id);
	db_param_int(p, 3, in->unit_id);
	db_param_text(p, 4, in->name);
	db_param_text(p, 5, in->measure_unit);
	db_param_text(p, 6, in->direction);
	db_param_double(p, 7, in->target);
	db_param_double(p, 8, isnan(in->yellow_tolerance) ? 0 : in->yellow_tolerance);
	db_param_int(p, 9, in->decimals == DB_NULL ? 0 : in->decimals);
	db_param_text(p, 10, in->kolada_kpi);
	db_param_text(p, 11, in->source);
	db_param_int(p, 12, in->sort == DB_NULL ? 0 : in->sort);
	db_param_int(p, 13, in->statistic_id);
	db_param_text(p, 14, w->dims);
}

/* The dimension values as JSON text into w->dims; false when memory runs out. */
static bool indicator_write_open(struct indicator_write *w, const struct indicator_in *in)
{
	bool none = !in->dims || json_is_null(in->dims);
	w->in = in;
	w->dims = none ? NULL : json_dumps(in->dims, JSON_COMPACT);
	return none || w->dims;
}

static const char sql_insert[] =
	"INSERT INTO indicators (goal_id, unit_id, name, measure_unit, direction, target,"
	" yellow_tolerance, decimals, kolada_kpi, source, sort, statistic_id, dims)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char pg_insert[] =
	"INSERT INTO indicators (id, goal_id, unit_id, name, measure_unit, direction, target,"
	" yellow_tolerance, decimals, kolada_kpi, source, sort, statistic_id, dims)"
	" VALUES (" PG_NEXT_ID("indicators") ","
	" $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";

enum db_rc db_indicators_insert(struct db *db, const struct indicator_in *in, int64_t *id)
{
	struct indicator_write w;
	if (!indicator_write_open(&w, in))
		return DB_NOMEM;
	enum db_rc rc = db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_indicator, &w, id);
	free(w.dims);
	return rc;
}

static const char sql_version[] = "SELECT version FROM indicators WHERE id = ?1";
static const char sql_update[] =
	"UPDATE indicators SET goal_id = ?2, unit_id = ?3, name = ?4, measure_unit = ?5,"
	" direction = ?6, target = ?7, yellow_tolerance = ?8, decimals = ?9, kolada_kpi = ?10,"
	" source = ?11, sort = ?12, statistic_id = ?13, dims = ?14, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM indicators WHERE id = ?1";
static const char pg_version[] = "SELECT version FROM indicators WHERE id = $1";
static const char pg_update[] =
	"UPDATE indicators SET goal_id = $2, unit_id = $3, name = $4, measure_unit = $5,"
	" direction = $6, target = $7, yellow_tolerance = $8, decimals = $9, kolada_kpi = $10,"
	" source = $11, sort = $12, statistic_id = $13, dims = $14, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM indicators WHERE id = $1";

enum db_rc db_indicators_update(struct db *db, int64_t id, int64_t version,
				const struct indicator_in *in)
{
	struct indicator_write w;
	if (!indicator_write_open(&w, in))
		return DB_NOMEM;
	enum db_rc rc = db_write_versioned(db, DB_TWIN(sql_version, pg_version),
					   DB_TWIN(sql_update, pg_update), bind_indicator, &w, id,
					   version);
	free(w.dims);
	return rc;
}

enum db_rc db_indicators_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

/* An indicator value as db_indicators_value_get() gives it (for the audit log). */
#define VALUE_JSON \
	"json_object('period', v.period, 'kind', v.kind, 'value', v.value," \
	" 'null_reason', v.null_reason, 'target', v.target, 'comment', v.comment," \
	" 'updated_at', v.updated_at)"

static const char sql_value_get[] =
	"SELECT " VALUE_JSON " FROM indicator_values v WHERE v.indicator_id = ?1 AND v.period = ?2";
#define PG_VALUE_JSON \
	"json_build_object('period', v.period, 'kind', v.kind, 'value', " PG_REAL("v.value") "," \
	" 'null_reason', v.null_reason, 'target', " PG_REAL("v.target") "," \
	" 'comment', v.comment, 'updated_at', " PG_TS("v.updated_at") ")"
static const char pg_value_get[] =
	"SELECT " PG_VALUE_JSON " FROM indicator_values v"
	" WHERE v.indicator_id = $1 AND v.period = $2";

/* An indicator's value, or its key alone (in NULL: a lookup or a delete; period NULL: the
 * indicator), as ?1..?8. */
struct value_key {
	int64_t id;
	const char *period;
	const struct indicator_value_in *in;
};

static void bind_value(struct db_params *p, const void *ctx)
{
	const struct value_key *k = ctx;
	db_param_int(p, 1, k->id);
	if (k->period)
		db_param_text(p, 2, k->period);
	if (!k->in)
		return;
	db_param_int(p, 3, k->in->kind);
	db_param_int(p, 4, k->in->sort_key);
	db_param_double(p, 5, k->in->value);
	db_param_text(p, 6, k->in->null_reason);
	db_param_double(p, 7, k->in->target);
	db_param_text(p, 8, k->in->comment);
}

enum db_rc db_indicators_value_get(struct db *db, int64_t id, const char *period, json_t **out)
{
	return db_one_json(db, DB_TWIN(sql_value_get, pg_value_get), bind_value,
			   &(struct value_key){id, period, NULL}, out);
}

static const char sql_value_exists[] =
	"SELECT count(*) FROM indicator_values WHERE indicator_id = ?1 AND period = ?2";
static const char sql_put_value[] =
	"INSERT INTO indicator_values (indicator_id, period, kind, sort_key, value, null_reason,"
	" target, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	" ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value,"
	" null_reason = excluded.null_reason, target = excluded.target,"
	" comment = excluded.comment, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char pg_value_exists[] =
	"SELECT count(*) FROM indicator_values WHERE indicator_id = $1 AND period = $2";
static const char pg_put_value[] =
	"INSERT INTO indicator_values (indicator_id, period, kind, sort_key, value, null_reason,"
	" target, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
	" ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value,"
	" null_reason = excluded.null_reason, target = excluded.target,"
	" comment = excluded.comment, updated_at = date_trunc('second', now())";

enum db_rc db_indicators_put_value(struct db *db, int64_t id, const struct indicator_value_in *in,
				   bool *created)
{
	struct value_key k = {id, in->period, NULL};
	int64_t n = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_value_exists, pg_value_exists), bind_value, &k,
				   &n);
	if (rc != DB_OK)
		return rc;
	*created = n == 0;
	k.in = in;
	return db_run(db, DB_TWIN(sql_put_value, pg_put_value), bind_value, &k, NULL);
}

static const char sql_delete_value[] =
	"DELETE FROM indicator_values WHERE indicator_id = ?1 AND period = ?2";
static const char pg_delete_value[] =
	"DELETE FROM indicator_values WHERE indicator_id = $1 AND period = $2";

enum db_rc db_indicators_delete_value(struct db *db, int64_t id, const char *period)
{
	int64_t changed = 0;
	enum db_rc rc = db_run(db, DB_TWIN(sql_delete_value, pg_delete_value), bind_value,
			       &(struct value_key){id, period, NULL}, &changed);
	return rc == DB_OK && changed == 0 ? DB_NOT_FOUND : rc;
}

static const char sql_peer_put[] =
	"INSERT INTO peer_values (kpi, year, municipality, value) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (kpi, year, municipality) DO UPDATE SET value = excluded.value";
static const char pg_peer_put[] =
	"INSERT INTO peer_values (kpi, year, municipality, value) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (kpi, year, municipality) DO UPDATE SET value = excluded.value";

/* A peer value's key (municipality NULL: every one) as ?1..?3, and its value. */
struct peer_key {
	const char *kpi;
	int64_t year;
	const char *municipality;
	double value;
};

static void bind_peer(struct db_params *p, const void *in)
{
	const struct peer_key *k = in;
	db_param_text(p, 1, k->kpi);
	db_param_int(p, 2, k->year);
	if (k->municipality)
		db_param_text(p, 3, k->municipality);
}

/* bind_peer's key and ?4 the value (NaN: SQL NULL). */
static void bind_peer_value(struct db_params *p, const void *in)
{
	bind_peer(p, in);
	db_param_double(p, 4, ((const struct peer_key *)in)->value);
}

enum db_rc db_peers_put(struct db *db, const char *kpi, int64_t year, const char *municipality,
			double value)
{
	return db_run(db, DB_TWIN(sql_peer_put, pg_peer_put), bind_peer_value,
		      &(struct peer_key){kpi, year, municipality, value}, NULL);
}

static const char sql_peer_get[] =
	"SELECT json_object('kpi', kpi, 'year', year, 'municipality', municipality, 'value', value)"
	" FROM peer_values WHERE kpi = ?1 AND year = ?2 AND municipality = ?3";
static const char pg_peer_get[] =
	"SELECT json_build_object('kpi', kpi, 'year', year, 'municipality', municipality,"
	" 'value', " PG_REAL("value") ") FROM peer_values"
	" WHERE kpi = $1 AND year = $2 AND municipality = $3";

enum db_rc db_peers_get(struct db *db, const char *kpi, int64_t year, const char *municipality,
			json_t **out)
{
	return db_one_json(db, DB_TWIN(sql_peer_get, pg_peer_get), bind_peer,
			   &(struct peer_key){kpi, year, municipality, NAN}, out);
}

static const char sql_peers[] =
	"SELECT json_object('municipality', municipality, 'value', value) FROM peer_values"
	" WHERE kpi = ?1 AND year = ?2 ORDER BY municipality";
static const char pg_peers[] =
	"SELECT json_build_object('municipality', municipality, 'value', " PG_REAL("value") ")"
	" FROM peer_values WHERE kpi = $1 AND year = $2 ORDER BY municipality";

enum db_rc db_peers_list(struct db *db, const char *kpi, int64_t year, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_peers, pg_peers), bind_peer,
			   &(struct peer_key){kpi, year, NULL, NAN}, items);
}

/* ================================================================ loads into structs */

/* The columns struct indicator is read from (indicator_columns() reads them in order). */
#define IND_COLUMNS \
	"i.id, i.goal_id, i.unit_id, i.name, i.measure_unit, i.direction, i.target," \
	" i.yellow_tolerance, i.decimals, i.kolada_kpi, i.source"
#define IND_NCOLUMNS 11

static int64_t int_or_null(const struct db_row *row, int col)
{
	return db_row_null(row, col) ? IND_NULL : db_row_int(row, col);
}

static double real_or_nan(const struct db_row *row, int col)
{
	return db_row_null(row, col) ? NAN : db_row_double(row, col);
}

/* Columns 0..IND_NCOLUMNS-1 into @p ind, its strings kept in *@p text. */
static enum db_rc indicator_columns(const struct db_row *row, struct db_arena_block **text,
				    struct indicator *ind)
{
	*ind = (struct indicator){.id = db_row_int(row, 0),
				  .goal_id = int_or_null(row, 1), .unit_id = int_or_null(row, 2),
				  .target = real_or_nan(row, 6),
				  .yellow_tolerance = db_row_double(row, 7),
				  .decimals = (int)db_row_int(row, 8)};
	if (!ind_unit_parse(db_row_text(row, 4), &ind->measure_unit) ||
	    !ind_direction_parse(db_row_text(row, 5), &ind->direction)) {
		fprintf(stderr, "folja: indicator %lld has an unknown measure_unit or direction\n",
			(long long)ind->id);
		return DB_ERROR;
	}
	if (!db_arena_column(text, row, 3, &ind->name) ||
	    !db_arena_column(text, row, 9, &ind->kolada_kpi) ||
	    !db_arena_column(text, row, 10, &ind->source))
		return DB_NOMEM;
	return DB_OK;
}

/* ------------------------------------------------------------- linked, for the tree */

static const char sql_linked[] =
	"SELECT " IND_COLUMNS ", v.period IS NOT NULL, v.value, v.target, v.null_reason"
	" FROM indicators i LEFT JOIN indicator_values v ON v.indicator_id = i.id AND v.period = ?1"
	" WHERE i.goal_id IS NOT NULL ORDER BY i.sort, i.id";
static const char pg_linked[] =
	"SELECT " IND_COLUMNS ", (v.period IS NOT NULL)::int, v.value, v.target, v.null_reason"
	" FROM indicators i LEFT JOIN indicator_values v ON v.indicator_id = i.id AND v.period = $1"
	" WHERE i.goal_id IS NOT NULL ORDER BY i.sort, i.id";

struct linked_load {
	struct goal_indicator *items;   /* owned until handed over */
	size_t n, cap;
	struct db_arena_block **text;
};

static enum db_rc linked_row(const struct db_row *row, void *ctx)
{
	struct linked_load *l = ctx;
	struct goal_indicator *grown = db_grow(l->items, sizeof *grown, l->n, &l->cap);
	if (!grown)
		return DB_NOMEM;
	l->items = grown;
	struct goal_indicator *gi = &grown[l->n];
	enum db_rc rc = indicator_columns(row, l->text, &gi->ind);
	if (rc != DB_OK)
		return rc;
	const int c = IND_NCOLUMNS;
	gi->reading = (struct indicator_reading){.has_value = (int)db_row_int(row, c) != 0,
						 .value = real_or_nan(row, c + 1),
						 .target = real_or_nan(row, c + 2)};
	if (!db_arena_column(l->text, row, c + 3, &gi->reading.null_reason))
		return DB_NOMEM;
	l->n++;
	return DB_OK;
}

/* Gives ?1 the period text @p in. */
static void bind_period(struct db_params *p, const void *in)
{
	db_param_text(p, 1, in);
}

enum db_rc db_indicators_load_linked(struct db *db, const char *period,
				     struct goal_indicator **out, size_t *n,
				     struct db_arena_block **text)
{
	struct linked_load l = {.text = text};
	*out = NULL;
	*n = 0;
	enum db_rc rc = db_load(db, DB_TWIN(sql_linked, pg_linked), bind_period, period,
				linked_row, &l);
	if (rc != DB_OK) {
		free(l.items);
		return rc;
	}
	*out = l.items;
	*n = l.n;
	return DB_OK;
}

/* ------------------------------------------------------------ one indicator's series */

static const char sql_indicator[] = "SELECT " IND_COLUMNS " FROM indicators i WHERE i.id = ?1";
static const char sql_series[] =
	"SELECT v.period, v.value, v.null_reason, v.target, v.comment, v.updated_at"
	" FROM indicator_values v WHERE v.indicator_id = ?1 ORDER BY v.sort_key, v.kind";
static const char pg_indicator[] = "SELECT " IND_COLUMNS " FROM indicators i WHERE i.id = $1";
static const char pg_series[] =
	"SELECT v.period, v.value, v.null_reason, v.target, v.comment, " PG_TS("v.updated_at")
	" FROM indicator_values v WHERE v.indicator_id = $1 ORDER BY v.sort_key, v.kind";

struct series_load {
	struct indicator_series *s;
	size_t cap;                     /* values allocated */
	bool found;                     /* the indicator row was read */
};

static enum db_rc indicator_row(const struct db_row *row, void *ctx)
{
	struct series_load *l = ctx;
	l->found = true;
	return indicator_columns(row, &l->s->text, &l->s->ind);
}

static enum db_rc value_row(const struct db_row *row, void *ctx)
{
	struct series_load *l = ctx;
	struct indicator_series *s = l->s;
	struct indicator_value *grown = db_grow(s->values, sizeof *grown, s->nvalues, &l->cap);
	if (!grown)
		return DB_NOMEM;
	s->values = grown;
	struct indicator_value *v = &grown[s->nvalues];
	*v = (struct indicator_value){.value = real_or_nan(row, 1), .target = real_or_nan(row, 3)};
	if (!db_arena_column(&s->text, row, 0, &v->period) ||
	    !db_arena_column(&s->text, row, 2, &v->null_reason) ||
	    !db_arena_column(&s->text, row, 4, &v->comment) ||
	    !db_arena_column(&s->text, row, 5, &v->updated_at))
		return DB_NOMEM;
	v->period_ok = period_parse(v->period, &v->p);
	s->nvalues++;
	return DB_OK;
}

enum db_rc db_indicators_load(struct db *db, int64_t id, struct indicator_series *out)
{
	struct series_load l = {.s = out};
	memset(out, 0, sizeof *out);
	struct value_key k = {id, NULL, NULL};
	enum db_rc rc = db_load(db, DB_TWIN(sql_indicator, pg_indicator), bind_value, &k,
				indicator_row, &l);
	if (rc == DB_OK && !l.found)
		rc = DB_NOT_FOUND;
	if (rc == DB_OK)
		rc = db_load(db, DB_TWIN(sql_series, pg_series), bind_value, &k, value_row, &l);
	if (rc != DB_OK)
		db_indicator_series_free(out);
	return rc;
}

void db_indicator_series_free(struct indicator_series *s)
{
	if (!s)
		return;
	free(s->values);
	db_arena_free(&s->text);
	memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------------------------- peer values */

static const char sql_peer_rows[] =
	"SELECT municipality, value FROM peer_values WHERE kpi = ?1 AND year = ?2"
	" ORDER BY municipality";
static const char pg_peer_rows[] =
	"SELECT municipality, value FROM peer_values WHERE kpi = $1 AND year = $2"
	" ORDER BY municipality";

struct peer_load {
	struct peer_set *set;
	size_t cap;
};

static enum db_rc peer_row(const struct db_row *row, void *ctx)
{
	struct peer_load *l = ctx;
	struct peer_set *set = l->set;
	struct peer_value *grown = db_grow(set->peers, sizeof *grown, set->n, &l->cap);
	if (!grown)
		return DB_NOMEM;
	set->peers = grown;
	struct peer_value *p = &grown[set->n];
	p->value = real_or_nan(row, 1);
	if (!db_arena_column(&set->text, row, 0, &p->municipality))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_peers_load(struct db *db, const char *kpi, int64_t year, struct peer_set *out)
{
	struct peer_load l = {out, 0};
	memset(out, 0, sizeof *out);
	enum db_rc rc = db_load(db, DB_TWIN(sql_peer_rows, pg_peer_rows), bind_peer,
				&(struct peer_key){kpi, year, NULL, NAN}, peer_row, &l);
	if (rc != DB_OK)
		db_peer_set_free(out);
	return rc;
}

void db_peer_set_free(struct peer_set *s)
{
	if (!s)
		return;
	free(s->peers);
	db_arena_free(&s->text);
	memset(s, 0, sizeof *s);
}
