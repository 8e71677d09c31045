/*
 * Queries for the risk register and the economic sensitivity analysis.  A risk's reviews are
 * rows of their own, written whole with it and read back in date order; the summary loads
 * risks and reviews as two ordered lists and lets each risk point at its run of reviews.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define RISK_JSON \
	"json_object('id', r.id, 'unit_id', r.unit_id, 'year', r.year, 'type', r.type," \
	" 'description', r.description, 'probability', r.probability, 'consequence'," \
	" r.consequence, 'value', r.value, 'measures', r.measures, 'owner', r.owner," \
	" 'reviews', json((SELECT json_group_array(json_object('on', v.reviewed_on," \
	" 'probability', v.probability, 'consequence', v.consequence, 'value', v.value," \
	" 'color', v.color, 'comment', v.comment)) FROM (SELECT * FROM risk_reviews v" \
	" WHERE v.risk_id = r.id ORDER BY v.reviewed_on, v.id) v))," REG_TAIL("r") ")"

static const char sql_get[] = "SELECT " RISK_JSON " FROM risks r WHERE r.id = ?1";

/* RISK_JSON's twin. */
#define PG_RISK_JSON \
	"json_build_object('id', r.id, 'unit_id', r.unit_id, 'year', r.year, 'type', r.type," \
	" 'description', r.description, 'probability', r.probability, 'consequence'," \
	" r.consequence, 'value', r.value, 'measures', r.measures, 'owner', r.owner," \
	" 'reviews', (SELECT coalesce(json_agg(json_build_object('on', v.reviewed_on," \
	" 'probability', v.probability, 'consequence', v.consequence, 'value', v.value," \
	" 'color', v.color, 'comment', v.comment) ORDER BY v.reviewed_on, v.id), '[]'::json)" \
	" FROM risk_reviews v WHERE v.risk_id = r.id)," PG_REG_TAIL("r") ")"

static const char pg_get[] = "SELECT " PG_RISK_JSON " FROM risks r WHERE r.id = $1";

enum db_rc db_risks_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define RISK_WHERE \
	" WHERE r.unit_id IN sub AND (?2 IS NULL OR r.year >= CAST(substr(?2, 1, 4) AS INTEGER))" \
	" AND (?3 IS NULL OR r.year <= CAST(substr(?3, 1, 4) AS INTEGER))" \
	" AND (?4 IS NULL OR r.type = ?4)"

static const char sql_list[] = REG_SUBTREE "SELECT " RISK_JSON " FROM risks r" RISK_WHERE
	" ORDER BY r.year, r.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM risks r" RISK_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT r.id, r.type, r.probability,"
	" r.consequence, r.value, r.description, r.unit_id, r.owner, r.measures FROM risks r"
	RISK_WHERE " ORDER BY r.year, r.id";
static const char sql_load_reviews[] = REG_SUBTREE "SELECT v.risk_id, v.reviewed_on,"
	" v.probability, v.consequence, v.value, v.color FROM risk_reviews v"
	" JOIN risks r ON r.id = v.risk_id" RISK_WHERE " ORDER BY r.year, r.id, v.reviewed_on, v.id";

#define PG_RISK_WHERE \
	" WHERE r.unit_id IN " PG_REG_SUB \
	" AND ($2 IS NULL OR r.year >= substr($2, 1, 4)::bigint)" \
	" AND ($3 IS NULL OR r.year <= substr($3, 1, 4)::bigint) AND ($4 IS NULL OR r.type = $4)"

static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_RISK_JSON " FROM risks r"
	PG_RISK_WHERE " ORDER BY r.year, r.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM risks r" PG_RISK_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT r.id, r.type, r.probability,"
	" r.consequence, r.value, r.description, r.unit_id, r.owner, r.measures FROM risks r"
	PG_RISK_WHERE " ORDER BY r.year, r.id";
static const char pg_load_reviews[] = PG_REG_SUBTREE "SELECT v.risk_id, v.reviewed_on,"
	" v.probability, v.consequence, v.value, v.color FROM risk_reviews v"
	" JOIN risks r ON r.id = v.risk_id" PG_RISK_WHERE
	" ORDER BY r.year, r.id, v.reviewed_on, v.id";

enum db_rc db_risks_list(struct db *db, const struct reg_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

/* ---- loading for the summary ---- */

struct risk_loading {
	struct risk_set *set;
	size_t cap, cap_units, cap_owners, cap_measures;
	struct reg_children reviews;
};

/* The per-item arrays beside set->items grown for one more; false when out of memory. */
static bool grow_columns(struct risk_loading *l)
{
	struct risk_set *set = l->set;
	int64_t *units = db_grow(set->unit_ids, sizeof *units, set->n, &l->cap_units);
	if (units)
		set->unit_ids = units;
	const char **owners = units ? db_grow(set->owners, sizeof *owners, set->n,
					      &l->cap_owners) : NULL;
	if (owners)
		set->owners = owners;
	const char **measures = owners ? db_grow(set->measures, sizeof *measures, set->n,
						 &l->cap_measures) : NULL;
	if (measures)
		set->measures = measures;
	return measures != NULL;
}

static enum db_rc load_risk(const struct db_row *row, void *ctx)
{
	struct risk_loading *l = ctx;
	struct risk_set *set = l->set;
	struct risk *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	if (!grow_columns(l))
		return DB_NOMEM;
	struct risk *r = &items[set->n];
	*r = (struct risk){.id = db_row_int(row, 0), .type = RISK_UNTYPED,
			   .probability = reg_column_int(row, 2),
			   .consequence = reg_column_int(row, 3), .value = reg_column_int(row, 4)};
	if (!db_row_null(row, 1) &&
	    !risk_type_parse(db_row_text(row, 1), &r->type))
		return DB_ERROR;
	set->unit_ids[set->n] = db_row_int(row, 6);
	if (!db_arena_column(&set->text, row, 5, &r->description) ||
	    !db_arena_column(&set->text, row, 7, &set->owners[set->n]) ||
	    !db_arena_column(&set->text, row, 8, &set->measures[set->n]))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

static enum db_rc load_review(const struct db_row *row, void *ctx)
{
	struct risk_loading *l = ctx;
	struct risk_review *rv = reg_child_add(&l->reviews, db_row_int(row, 0));
	if (!rv)
		return DB_NOMEM;
	db_column_date(row, 1, &rv->on);
	rv->probability = reg_column_int(row, 2);
	rv->consequence = reg_column_int(row, 3);
	rv->value = reg_column_int(row, 4);
	rv->has_color = !db_row_null(row, 5);
	if (rv->has_color && !color_parse(db_row_text(row, 5), &rv->color))
		return DB_ERROR;
	return DB_OK;
}

static int64_t risk_id_of(size_t i, void *ctx)
{
	return ((struct risk_loading *)ctx)->set->items[i].id;
}

static void attach_reviews(size_t i, size_t first, size_t count, void *ctx)
{
	struct risk_loading *l = ctx;
	l->set->items[i].reviews = count ? l->set->reviews + first : NULL;
	l->set->items[i].n_reviews = count;
}

enum db_rc db_risks_load(struct db *db, const struct reg_filter *f, struct risk_set **out)
{
	struct risk_loading l = {.set = calloc(1, sizeof *l.set),
				 .reviews = {.size = sizeof(struct risk_review)}};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_risk, &l);
	if (rc == DB_OK)
		rc = reg_load(db, DB_TWIN(sql_load_reviews, pg_load_reviews), f, load_review, &l);
	l.set->reviews = l.reviews.items;
	if (rc == DB_OK)
		reg_children_attach(&l.reviews, l.set->n, risk_id_of, attach_reviews, &l);
	reg_children_done(&l.reviews);
	if (rc != DB_OK) {
		db_risk_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_risk_set_free(struct risk_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->unit_ids);
	free(set->owners);
	free(set->measures);
	free(set->reviews);
	db_arena_free(&set->text);
	free(set);
}

/* ---- writes ---- */

/* Binds ?2..?11; ?1 is the id in an UPDATE. */
static void bind_risk(struct db_params *p, const void *input)
{
	const struct risk_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_int(p, 3, in->year);
	db_param_text(p, 4, in->type);
	db_param_text(p, 5, in->description);
	db_param_int(p, 6, in->probability);
	db_param_int(p, 7, in->consequence);
	db_param_int(p, 8, in->value);
	db_param_text(p, 9, in->measures);
	db_param_text(p, 10, in->owner);
}

static const char sql_insert[] = "INSERT INTO risks (unit_id, year, type, description,"
	" probability, consequence, value, measures, owner)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_version[] = "SELECT version FROM risks WHERE id = ?1";
static const char sql_update[] = "UPDATE risks SET unit_id = ?2, year = ?3, type = ?4,"
	" description = ?5, probability = ?6, consequence = ?7, value = ?8, measures = ?9,"
	" owner = ?10, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM risks WHERE id = ?1";
static const char sql_reviews_clear[] = "DELETE FROM risk_reviews WHERE risk_id = ?1";
static const char sql_review_insert[] = "INSERT INTO risk_reviews (risk_id, reviewed_on,"
	" probability, consequence, value, color, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char pg_insert[] = "INSERT INTO risks (id, unit_id, year, type, description,"
	" probability, consequence, value, measures, owner) VALUES (" PG_NEXT_ID("risks") ","
	" $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
static const char pg_version[] = "SELECT version FROM risks WHERE id = $1";
static const char pg_update[] = "UPDATE risks SET unit_id = $2, year = $3, type = $4,"
	" description = $5, probability = $6, consequence = $7, value = $8, measures = $9,"
	" owner = $10, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_delete[] = "DELETE FROM risks WHERE id = $1";
static const char pg_reviews_clear[] = "DELETE FROM risk_reviews WHERE risk_id = $1";
static const char pg_review_insert[] = "INSERT INTO risk_reviews (id, risk_id, reviewed_on,"
	" probability, consequence, value, color, comment) VALUES (" PG_NEXT_ID("risk_reviews") ","
	" $1, $2::date, $3, $4, $5, $6, $7)";

/* One review of a risk being stored (NULL: the risk alone, to clear its list). */
struct review_row {
	int64_t risk_id;
	const struct risk_review_in *rv;
};

static void bind_review(struct db_params *p, const void *in)
{
	const struct review_row *x = in;
	db_param_int(p, 1, x->risk_id);
	if (!x->rv)
		return;
	db_param_text(p, 2, x->rv->on);
	db_param_int(p, 3, x->rv->probability);
	db_param_int(p, 4, x->rv->consequence);
	db_param_int(p, 5, x->rv->value);
	db_param_text(p, 6, x->rv->color);
	db_param_text(p, 7, x->rv->comment);
}

/* Replaces the reviews of risk @p id by those of @p in. */
static enum db_rc reviews_store(struct db *db, int64_t id, const struct risk_in *in)
{
	struct review_row x = {id, NULL};
	enum db_rc rc = db_run(db, DB_TWIN(sql_reviews_clear, pg_reviews_clear), bind_review, &x,
			       NULL);
	for (size_t i = 0; rc == DB_OK && i < in->n_reviews; i++) {
		x.rv = &in->review[i];
		rc = db_run(db, DB_TWIN(sql_review_insert, pg_review_insert), bind_review, &x,
			    NULL);
	}
	return rc;
}

enum db_rc db_risks_insert(struct db *db, const struct risk_in *in, int64_t *id)
{
	enum db_rc rc = db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_risk, in, id);
	return rc == DB_OK ? reviews_store(db, *id, in) : rc;
}

enum db_rc db_risks_update(struct db *db, int64_t id, int64_t version, const struct risk_in *in)
{
	enum db_rc rc = db_write_versioned(db, DB_TWIN(sql_version, pg_version),
					   DB_TWIN(sql_update, pg_update), bind_risk, in, id, version);
	return rc == DB_OK ? reviews_store(db, id, in) : rc;
}

enum db_rc db_risks_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

static const char sql_exists[] = "SELECT 1 FROM risks WHERE id = ?1";

static const char pg_exists[] = "SELECT 1 FROM risks WHERE id = $1";

enum db_rc db_risk_exists(struct db *db, int64_t id)
{
	int64_t one;
	return db_one_int(db, DB_TWIN(sql_exists, pg_exists), db_bind_id, &id, &one);
}

/* ==== economic sensitivity ================================================================ */

#define SENS_JSON \
	"json_object('id', s.id, 'unit_id', s.unit_id, 'period', s.period, 'description'," \
	" s.description, 'amount_kr', s.amount_kr," REG_TAIL("s") ")"
#define SENS_WHERE \
	" WHERE s.unit_id IN sub AND (?2 IS NULL OR s.period_last >= ?2)" \
	" AND (?3 IS NULL OR s.period_last <= ?3)"

static const char sql_sens_get[] = "SELECT " SENS_JSON " FROM risk_sensitivities s"
	" WHERE s.id = ?1";
static const char sql_sens_list[] = REG_SUBTREE "SELECT " SENS_JSON
	" FROM risk_sensitivities s" SENS_WHERE " ORDER BY s.period_last, s.id LIMIT ?6 OFFSET ?7";
static const char sql_sens_count[] = REG_SUBTREE "SELECT count(*) FROM risk_sensitivities s"
	SENS_WHERE;
static const char sql_sens_load[] = REG_SUBTREE "SELECT s.id, s.period, s.amount_kr,"
	" s.description FROM risk_sensitivities s" SENS_WHERE " ORDER BY s.period_last, s.id";

#define PG_SENS_JSON \
	"json_build_object('id', s.id, 'unit_id', s.unit_id, 'period', s.period," \
	" 'description', s.description, 'amount_kr', s.amount_kr," PG_REG_TAIL("s") ")"
#define PG_SENS_WHERE \
	" WHERE s.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR s.period_last >= $2::date)" \
	" AND ($3::date IS NULL OR s.period_last <= $3::date)"

static const char pg_sens_get[] = "SELECT " PG_SENS_JSON " FROM risk_sensitivities s"
	" WHERE s.id = $1";
static const char pg_sens_list[] = PG_REG_SUBTREE "SELECT " PG_SENS_JSON
	" FROM risk_sensitivities s" PG_SENS_WHERE
	" ORDER BY s.period_last, s.id LIMIT $6 OFFSET $7";
static const char pg_sens_count[] = PG_REG_SUBTREE "SELECT count(*) FROM risk_sensitivities s"
	PG_SENS_WHERE;
static const char pg_sens_load[] = PG_REG_SUBTREE "SELECT s.id, s.period, s.amount_kr,"
	" s.description FROM risk_sensitivities s" PG_SENS_WHERE " ORDER BY s.period_last, s.id";

enum db_rc db_sensitivities_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_sens_get, pg_sens_get), id, out);
}

enum db_rc db_sensitivities_list(struct db *db, const struct reg_filter *f, int64_t limit,
				 int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_sens_count, pg_sens_count),
			    DB_TWIN(sql_sens_list, pg_sens_list), reg_bind_filter, f, REG_NBIND,
			    limit, offset, items, total);
}

struct sens_loading {
	struct sensitivity_set *set;
	size_t cap, cap_desc;
};

static enum db_rc load_sensitivity(const struct db_row *row, void *ctx)
{
	struct sens_loading *l = ctx;
	struct sensitivity_set *set = l->set;
	struct risk_sensitivity *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	const char **desc = db_grow(set->descriptions, sizeof *desc, set->n, &l->cap_desc);
	if (!desc)
		return DB_NOMEM;
	set->descriptions = desc;
	struct risk_sensitivity *x = &items[set->n];
	x->id = db_row_int(row, 0);
	if (!period_parse(db_row_text(row, 1), &x->period))
		return DB_ERROR;
	x->amount_kr = db_row_int(row, 2);
	if (!db_arena_column(&set->text, row, 3, &desc[set->n]))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_sensitivities_load(struct db *db, const struct reg_filter *f,
				 struct sensitivity_set **out)
{
	struct sens_loading l = {.set = calloc(1, sizeof *l.set)};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_sens_load, pg_sens_load), f, load_sensitivity,
				 &l);
	if (rc != DB_OK) {
		db_sensitivity_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_sensitivity_set_free(struct sensitivity_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->descriptions);
	db_arena_free(&set->text);
	free(set);
}

static void bind_sensitivity(struct db_params *p, const void *input)
{
	const struct sensitivity_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->period);
	db_param_text(p, 4, in->period_first);
	db_param_text(p, 5, in->period_last);
	db_param_text(p, 6, in->description);
	db_param_int(p, 7, in->amount_kr);
}

static const char sql_sens_insert[] = "INSERT INTO risk_sensitivities (unit_id, period,"
	" period_first, period_last, description, amount_kr) VALUES (?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_sens_version[] = "SELECT version FROM risk_sensitivities WHERE id = ?1";
static const char sql_sens_update[] = "UPDATE risk_sensitivities SET unit_id = ?2,"
	" period = ?3, period_first = ?4, period_last = ?5, description = ?6, amount_kr = ?7,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?1";
static const char sql_sens_delete[] = "DELETE FROM risk_sensitivities WHERE id = ?1";
static const char pg_sens_insert[] = "INSERT INTO risk_sensitivities (id, unit_id, period,"
	" period_first, period_last, description, amount_kr) VALUES ("
	PG_NEXT_ID("risk_sensitivities") ", $2, $3, $4::date, $5::date, $6, $7) RETURNING id";
static const char pg_sens_version[] = "SELECT version FROM risk_sensitivities WHERE id = $1";
static const char pg_sens_update[] = "UPDATE risk_sensitivities SET unit_id = $2,"
	" period = $3, period_first = $4::date, period_last = $5::date, description = $6,"
	" amount_kr = $7, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_sens_delete[] = "DELETE FROM risk_sensitivities WHERE id = $1";

enum db_rc db_sensitivities_insert(struct db *db, const struct sensitivity_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_sens_insert, pg_sens_insert), bind_sensitivity, in, id);
}

enum db_rc db_sensitivities_update(struct db *db, int64_t id, int64_t version,
				   const struct sensitivity_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_sens_version, pg_sens_version),
				  DB_TWIN(sql_sens_update, pg_sens_update), bind_sensitivity, in, id,
				  version);
}

enum db_rc db_sensitivities_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_sens_version, pg_sens_version),
				  DB_TWIN(sql_sens_delete, pg_sens_delete), NULL, NULL, id, version);
}
