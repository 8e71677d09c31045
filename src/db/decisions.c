/*
 * Queries for the register of decisions not executed.  The reports need every decision that
 * could be waiting at a cut-off, which is simply every decision made on or before it, loaded
 * as plain structs; the three-month rule itself is applied in src/domain/ivo.c, not in SQL,
 * so it is written and tested once.  A decision's interruptions are rows of their own
 * (sql/0007-registers.sql), written whole with the decision and read back in date order.
 */
#include <stdlib.h>

#include "folja/db_decisions.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define DEC_JSON \
	"json_object('id', d.id, 'reference', d.reference, 'unit_id', d.unit_id, 'law', d.law," \
	" 'inriktning', d.inriktning, 'insats', d.insats, 'decided_on', d.decided_on," \
	" 'gender', d.gender, 'executed_on', d.executed_on, 'interruptions', json((SELECT" \
	" json_group_array(json_object('interrupted_on', i.interrupted_on, 'resumed_on'," \
	" i.resumed_on)) FROM (SELECT * FROM decision_interruptions i WHERE i.decision_id = d.id" \
	" ORDER BY i.interrupted_on, i.id) i))," \
	" 'closed_on', d.closed_on, 'close_reason', d.close_reason," \
	" 'delay_reason', d.delay_reason, 'measures', d.measures, 'version', d.version," \
	" 'created_at', d.created_at, 'updated_at', d.updated_at)"

static const char sql_get[] = "SELECT " DEC_JSON " FROM decisions d WHERE d.id = ?1";

/* DEC_JSON's twin. */
#define PG_DEC_JSON \
	"json_build_object('id', d.id, 'reference', d.reference, 'unit_id', d.unit_id," \
	" 'law', d.law, 'inriktning', d.inriktning, 'insats', d.insats," \
	" 'decided_on', d.decided_on, 'gender', d.gender, 'executed_on', d.executed_on," \
	" 'interruptions', (SELECT coalesce(json_agg(json_build_object('interrupted_on'," \
	" i.interrupted_on, 'resumed_on', i.resumed_on) ORDER BY i.interrupted_on, i.id)," \
	" '[]'::json) FROM decision_interruptions i WHERE i.decision_id = d.id)," \
	" 'closed_on', d.closed_on, 'close_reason', d.close_reason," \
	" 'delay_reason', d.delay_reason, 'measures', d.measures, 'version', d.version," \
	" 'created_at', " PG_TS("d.created_at") ", 'updated_at', " PG_TS("d.updated_at") ")"

static const char pg_get[] = "SELECT " PG_DEC_JSON " FROM decisions d WHERE d.id = $1";

enum db_rc db_decisions_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define DEC_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE ?1 IS NULL OR id = ?1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE ?1 IS NOT NULL) "
#define DEC_WHERE \
	" WHERE d.unit_id IN sub AND (?2 IS NULL OR d.decided_on >= ?2)" \
	" AND (?3 IS NULL OR d.decided_on <= ?3) AND (?4 IS NULL OR d.insats = ?4)" \
	" AND (?5 IS NULL OR d.law = ?5) AND (?6 IS NULL OR d.inriktning = ?6)"

static const char sql_list[] = DEC_SUBTREE "SELECT " DEC_JSON " FROM decisions d" DEC_WHERE
	" ORDER BY d.decided_on, d.id LIMIT ?7 OFFSET ?8";
static const char sql_count[] = DEC_SUBTREE "SELECT count(*) FROM decisions d" DEC_WHERE;
static const char sql_load[] = DEC_SUBTREE "SELECT d.id, d.reference, d.insats, d.law,"
	" d.gender, d.inriktning, d.delay_reason, d.decided_on, d.executed_on, d.closed_on,"
	" n.name FROM decisions d JOIN decision_insatser n ON n.code = d.insats" DEC_WHERE
	" ORDER BY d.decided_on, d.id";
static const char sql_load_interruptions[] = DEC_SUBTREE "SELECT i.decision_id,"
	" i.interrupted_on, i.resumed_on FROM decision_interruptions i"
	" JOIN decisions d ON d.id = i.decision_id" DEC_WHERE
	" ORDER BY d.decided_on, d.id, i.interrupted_on, i.id";

#define PG_DEC_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE $1::bigint IS NULL OR id = $1" \
	" UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE $1 IS NOT NULL) "
#define PG_DEC_WHERE \
	" WHERE d.unit_id IN (SELECT id FROM sub)" \
	" AND ($2::date IS NULL OR d.decided_on >= $2::date)" \
	" AND ($3::date IS NULL OR d.decided_on <= $3::date) AND ($4 IS NULL OR d.insats = $4)" \
	" AND ($5 IS NULL OR d.law = $5) AND ($6 IS NULL OR d.inriktning = $6)"

static const char pg_list[] = PG_DEC_SUBTREE "SELECT " PG_DEC_JSON " FROM decisions d"
	PG_DEC_WHERE " ORDER BY d.decided_on, d.id LIMIT $7 OFFSET $8";
static const char pg_count[] = PG_DEC_SUBTREE "SELECT count(*) FROM decisions d" PG_DEC_WHERE;
static const char pg_load[] = PG_DEC_SUBTREE "SELECT d.id, d.reference, d.insats, d.law,"
	" d.gender, d.inriktning, d.delay_reason, d.decided_on, d.executed_on, d.closed_on,"
	" n.name FROM decisions d JOIN decision_insatser n ON n.code = d.insats" PG_DEC_WHERE
	" ORDER BY d.decided_on, d.id";
static const char pg_load_interruptions[] = PG_DEC_SUBTREE "SELECT i.decision_id,"
	" i.interrupted_on, i.resumed_on FROM decision_interruptions i"
	" JOIN decisions d ON d.id = i.decision_id" PG_DEC_WHERE
	" ORDER BY d.decided_on, d.id, i.interrupted_on, i.id";

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct decision_filter *f = filter;
	db_param_int(p, 1, f->unit_id);
	db_param_text(p, 2, f->from);
	db_param_text(p, 3, f->to);
	db_param_text(p, 4, f->insats);
	db_param_text(p, 5, f->law);
	db_param_text(p, 6, f->inriktning);
}

enum db_rc db_decisions_list(struct db *db, const struct decision_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    bind_filter, f, 6, limit, offset, items, total);
}

/* The dates of the current row of sql_load (columns 7..9) into @p d. */
static void load_dates(const struct db_row *row, struct evb_decision *d)
{
	db_column_date(row, 7, &d->decided_on);
	d->has_executed = db_column_date(row, 8, &d->executed_on);
	d->has_closed = db_column_date(row, 9, &d->closed_on);
}

/* Keeps the strings of the current row (columns 1..6, 10) in @p set.  False when out of
 * memory. */
static bool keep_codes(struct decision_set *set, const struct db_row *row, struct ivo_decision *d)
{
	return db_arena_column(&set->text, row, 1, &d->reference) &&
	       db_arena_column(&set->text, row, 2, &d->insats) &&
	       db_arena_column(&set->text, row, 3, &d->law) &&
	       db_arena_column(&set->text, row, 4, &d->gender) &&
	       db_arena_column(&set->text, row, 5, &d->inriktning) &&
	       db_arena_column(&set->text, row, 6, &d->delay_reason) &&
	       db_arena_column(&set->text, row, 10, &d->insats_name);
}

/* A set being loaded. */
struct loading {
	struct decision_set *set;
	size_t cap;                  /* items allocated */
	int64_t *owner;              /* per interruption: its decision's id */
	size_t n_in, cap_in, cap_owner;  /* interruptions loaded, allocated */
};

/* One row of sql_load appended to the set being loaded (@p ctx). */
static enum db_rc load_row(const struct db_row *row, void *ctx)
{
	struct loading *l = ctx;
	struct decision_set *set = l->set;
	struct ivo_decision *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	struct ivo_decision *d = &items[set->n];
	*d = (struct ivo_decision){.id = db_row_int(row, 0)};
	load_dates(row, &d->dates);
	if (!keep_codes(set, row, d))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

/* One row of sql_load_interruptions appended to the set being loaded (@p ctx). */
static enum db_rc load_interruption(const struct db_row *row, void *ctx)
{
	struct loading *l = ctx;
	struct decision_set *set = l->set;
	struct evb_interruption *in = db_grow(set->interruptions, sizeof *in, l->n_in, &l->cap_in);
	if (!in)
		return DB_NOMEM;
	set->interruptions = in;
	int64_t *owner = db_grow(l->owner, sizeof *owner, l->n_in, &l->cap_owner);
	if (!owner)
		return DB_NOMEM;
	l->owner = owner;
	owner[l->n_in] = db_row_int(row, 0);
	db_column_date(row, 1, &in[l->n_in].interrupted_on);
	in[l->n_in].has_resumed = db_column_date(row, 2, &in[l->n_in].resumed_on);
	l->n_in++;
	return DB_OK;
}

/* Points each decision at its run of interruptions: both lists are in the same order. */
static void attach_interruptions(struct loading *l)
{
	struct decision_set *set = l->set;
	size_t k = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct evb_decision *d = &set->items[i].dates;
		d->interruptions = set->interruptions + k;
		while (k < l->n_in && l->owner[k] == set->items[i].id)
			k++;
		d->n_interruptions = (size_t)(set->interruptions + k - d->interruptions);
		if (!d->n_interruptions)
			d->interruptions = NULL;
	}
}

enum db_rc db_decisions_load(struct db *db, const struct decision_filter *f,
			     struct decision_set **out)
{
	*out = NULL;
	struct loading l = {.set = calloc(1, sizeof *l.set)};
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = db_load(db, DB_TWIN(sql_load, pg_load), bind_filter, f, load_row, &l);
	if (rc == DB_OK)
		rc = db_load(db, DB_TWIN(sql_load_interruptions, pg_load_interruptions), bind_filter,
			     f, load_interruption, &l);
	if (rc == DB_OK)
		attach_interruptions(&l);
	free(l.owner);
	if (rc != DB_OK) {
		db_decisions_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_decisions_set_free(struct decision_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->interruptions);
	db_arena_free(&set->text);
	free(set);
}

/* Binds ?2..?13; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_decision(struct db_params *p, const void *input)
{
	const struct decision_in *in = input;
	db_param_text(p, 2, in->reference);
	db_param_int(p, 3, in->unit_id);
	db_param_text(p, 4, in->law);
	db_param_text(p, 5, in->inriktning);
	db_param_text(p, 6, in->insats);
	db_param_text(p, 7, in->decided_on);
	db_param_text(p, 8, in->gender);
	db_param_text(p, 9, in->executed_on);
	db_param_text(p, 10, in->closed_on);
	db_param_text(p, 11, in->close_reason);
	db_param_text(p, 12, in->delay_reason);
	db_param_text(p, 13, in->measures);
}

static const char sql_insert[] =
	"INSERT INTO decisions (reference, unit_id, law, inriktning, insats, decided_on, gender,"
	" executed_on, closed_on, close_reason, delay_reason, measures)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_interruptions_clear[] =
	"DELETE FROM decision_interruptions WHERE decision_id = ?1";
static const char sql_interruption_insert[] = "INSERT INTO decision_interruptions"
	" (decision_id, interrupted_on, resumed_on) VALUES (?1, ?2, ?3)";

static const char pg_insert[] =
	"INSERT INTO decisions (id, reference, unit_id, law, inriktning, insats, decided_on, gender,"
	" executed_on, closed_on, close_reason, delay_reason, measures)"
	" VALUES (" PG_NEXT_ID("decisions") ","
	" $2, $3, $4, $5, $6, $7::date, $8, $9::date, $10::date, $11, $12, $13)"
	" RETURNING id";
static const char pg_interruptions_clear[] =
	"DELETE FROM decision_interruptions WHERE decision_id = $1";
static const char pg_interruption_insert[] = "INSERT INTO decision_interruptions"
	" (decision_id, interrupted_on, resumed_on) VALUES ($1, $2::date, $3::date)";

/* One interruption of a decision being stored. */
struct interruption {
	int64_t decision_id;
	const struct decision_interruption_in *pair;   /* NULL: clear the list */
};

static void bind_interruption(struct db_params *p, const void *in)
{
	const struct interruption *x = in;
	db_param_int(p, 1, x->decision_id);
	if (x->pair) {
		db_param_text(p, 2, x->pair->interrupted_on);
		db_param_text(p, 3, x->pair->resumed_on);
	}
}

/* Replaces the interruptions of decision @p id by those of @p in. */
static enum db_rc interruptions_store(struct db *db, int64_t id, const struct decision_in *in)
{
	struct interruption x = {id, NULL};
	enum db_rc rc = db_run(db, DB_TWIN(sql_interruptions_clear, pg_interruptions_clear),
			       bind_interruption, &x, NULL);
	for (size_t i = 0; rc == DB_OK && i < in->n_pairs; i++) {
		x.pair = &in->pairs[i];
		rc = db_run(db, DB_TWIN(sql_interruption_insert, pg_interruption_insert),
			    bind_interruption, &x, NULL);
	}
	return rc;
}

enum db_rc db_decisions_insert(struct db *db, const struct decision_in *in, int64_t *id)
{
	enum db_rc rc = db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_decision, in, id);
	return rc == DB_OK ? interruptions_store(db, *id, in) : rc;
}

static const char sql_version[] = "SELECT version FROM decisions WHERE id = ?1";
static const char sql_update[] =
	"UPDATE decisions SET reference = ?2, unit_id = ?3, law = ?4, inriktning = ?5,"
	" insats = ?6, decided_on = ?7, gender = ?8, executed_on = ?9, closed_on = ?10,"
	" close_reason = ?11, delay_reason = ?12, measures = ?13, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM decisions WHERE id = ?1";
static const char pg_version[] = "SELECT version FROM decisions WHERE id = $1";
static const char pg_update[] =
	"UPDATE decisions SET reference = $2, unit_id = $3, law = $4, inriktning = $5,"
	" insats = $6, decided_on = $7::date, gender = $8, executed_on = $9::date,"
	" closed_on = $10::date, close_reason = $11, delay_reason = $12, measures = $13,"
	" version = version + 1, updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM decisions WHERE id = $1";

enum db_rc db_decisions_update(struct db *db, int64_t id, int64_t version,
			       const struct decision_in *in)
{
	enum db_rc rc = db_write_versioned(db, DB_TWIN(sql_version, pg_version),
					   DB_TWIN(sql_update, pg_update), bind_decision, in, id,
					   version);
	return rc == DB_OK ? interruptions_store(db, id, in) : rc;
}

enum db_rc db_decisions_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

/* ---- insatser ---- */

static const char sql_insatser[] = "SELECT json_object('code', code, 'name', name, 'law', law)"
	" FROM decision_insatser ORDER BY law DESC, code";
static const char pg_insatser[] =
	"SELECT json_build_object('code', code, 'name', name, 'law', law)"
	" FROM decision_insatser ORDER BY law DESC, code";

enum db_rc db_decisions_insatser(struct db *db, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_insatser, pg_insatser), NULL, NULL, items);
}

static const char sql_insats_get[] = "SELECT json_object('code', code, 'name', name, 'law', law)"
	" FROM decision_insatser WHERE code = ?1";
static const char pg_insats_get[] =
	"SELECT json_build_object('code', code, 'name', name, 'law', law)"
	" FROM decision_insatser WHERE code = $1";

/* Gives ?1..?3 the code, name and law an insats (three strings) holds. */
static void bind_insats(struct db_params *p, const void *in)
{
	const char *const *x = in;
	for (int i = 0; i < 3; i++)
		db_param_text(p, i + 1, x[i]);
}

enum db_rc db_decisions_insats_get(struct db *db, const char *code, json_t **out)
{
	const char *x[] = {code, NULL, NULL};
	return db_one_json(db, DB_TWIN(sql_insats_get, pg_insats_get), bind_insats, x, out);
}

static const char sql_insats_insert[] =
	"INSERT INTO decision_insatser (code, name, law) VALUES (?1, ?2, ?3)";
static const char pg_insats_insert[] =
	"INSERT INTO decision_insatser (code, name, law) VALUES ($1, $2, $3)";

enum db_rc db_decisions_insats_insert(struct db *db, const char *code, const char *name,
				      const char *law)
{
	const char *x[] = {code, name, law};
	return db_run(db, DB_TWIN(sql_insats_insert, pg_insats_insert), bind_insats, x, NULL);
}
