/*
 * What a rollup is built from, and the budget settings it applies.
 *
 * A rollup reads the unit subtree with each unit's own settings, the settings of the root's
 * ancestors, the aggregates of sql/0002-budget.sql and sql/0009-economy.sql (budget_agg_unit,
 * _activity, _account for the operating ledger, with its forecasts per ledger cell from
 * budget_agg_forecast; budget_agg_project for investments) and the code list that names the
 * keys, never the lines themselves, so its cost follows units × keys × months, not the number
 * of lines; only when the subtree holds few lines are their ids loaded as well, for the
 * explain to name them.  Settings are stored per unit and loaded as they are stored: what a
 * unit inherits is decided by domain/budget_settings.c from what is loaded here, for the
 * rollup and for the settings endpoint alike.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/db_budget.h"
#include "folja/db_units.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

/* ==== settings ============================================================================ */

/* A rollup walks at most UNITS_WALK_DEPTH levels below its unit: the unit tree's writes keep
 * it within UNITS_MAX_DEPTH, and a deeper tree left by an older file is cut, never walked
 * (or rendered) to the bottom. */
#define WALK_DEPTH "64"
_Static_assert(UNITS_WALK_DEPTH == 64, "WALK_DEPTH spells UNITS_WALK_DEPTH");

static const char sql_settings_get[] =
	"SELECT json_object('unit_id', unit_id, 'profile', json(profile), 'yellow_bp', yellow_bp,"
	" 'version', version, 'basis', basis) FROM unit_budget_settings WHERE unit_id = ?1";

static const char pg_settings_get[] =
	"SELECT json_build_object('unit_id', unit_id, 'profile', profile::json,"
	" 'yellow_bp', yellow_bp, 'version', version, 'basis', basis)"
	" FROM unit_budget_settings WHERE unit_id = $1";

enum db_rc db_budget_settings_get(struct db *db, int64_t unit_id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_settings_get, pg_settings_get), unit_id, out);
}

static const char sql_settings_version[] =
	"SELECT version FROM unit_budget_settings WHERE unit_id = ?1";
static const char sql_settings_put[] =
	"INSERT INTO unit_budget_settings (unit_id, profile, yellow_bp, basis)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id) DO UPDATE SET profile = excluded.profile,"
	" yellow_bp = excluded.yellow_bp, basis = excluded.basis, version = version + 1";

static const char pg_settings_version[] =
	"SELECT version FROM unit_budget_settings WHERE unit_id = $1";
static const char pg_settings_put[] =
	"INSERT INTO unit_budget_settings (unit_id, profile, yellow_bp, basis)"
	" VALUES ($1, $2, $3, $4) ON CONFLICT (unit_id) DO UPDATE SET profile = excluded.profile,"
	" yellow_bp = excluded.yellow_bp, basis = excluded.basis,"
	" version = unit_budget_settings.version + 1";

/* A unit's settings as a put writes them. */
struct settings_in {
	int64_t unit_id, yellow_bp;
	const char *profile_json, *basis;
};

static void bind_settings(struct db_params *p, const void *in)
{
	const struct settings_in *x = in;
	db_param_int(p, 1, x->unit_id);
	db_param_text(p, 2, x->profile_json);
	db_param_int(p, 3, x->yellow_bp);
	db_param_text(p, 4, x->basis);
}

enum db_rc db_budget_settings_put(struct db *db, int64_t unit_id, int64_t version,
				  const char *profile_json, int64_t yellow_bp, const char *basis)
{
	/* no settings yet is no conflict: the put creates them */
	enum db_rc rc = db_check_version(db, DB_TWIN(sql_settings_version, pg_settings_version),
					 unit_id, version);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return rc;
	return db_run(db, DB_TWIN(sql_settings_put, pg_settings_put), bind_settings,
		      &(struct settings_in){unit_id, yellow_bp, profile_json, basis}, NULL);
}

/* Twelve weights from a profile's JSON text; false when it is not twelve integers. */
static bool profile_parse(const char *text, int64_t out[12])
{
	json_t *a = json_loads(text, 0, NULL);
	bool ok = json_is_array(a) && json_array_size(a) == 12;
	for (size_t i = 0; ok && i < 12; i++) {
		json_t *w = json_array_get(a, i);
		ok = json_is_integer(w);
		if (ok)
			out[i] = json_integer_value(w);
	}
	json_decref(a);
	return ok;
}

/* A unit's own settings from a row's profile (NULL: none), yellow band (-1: no settings) and
 * basis (the column after the band; NULL: the parent's) columns.  A profile that is not
 * twelve integers counts as none. */
static void settings_columns(const struct db_row *row, int profile_col, int yellow_col,
			     struct budget_settings *out)
{
	memset(out, 0, sizeof *out);
	out->yellow_bp = (int)db_row_int(row, yellow_col);
	if (!db_row_null(row, profile_col))
		out->has_profile = profile_parse(db_row_text(row, profile_col), out->profile);
	const char *basis = db_row_text(row, yellow_col + 1);
	out->basis = basis && strcmp(basis, "forecast") == 0 ? BUDGET_BASIS_FORECAST :
		     basis && strcmp(basis, "outcome") == 0 ? BUDGET_BASIS_OUTCOME :
		     BUDGET_BASIS_INHERIT;
}

static const char sql_ancestor_settings[] =
	"WITH RECURSIVE anc(id, parent_id, lvl) AS ("
	"  SELECT id, parent_id, 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, u.parent_id, anc.lvl + 1 FROM units u JOIN anc ON u.id = anc.parent_id"
	"  WHERE anc.lvl < 1000)"
	" SELECT anc.id, s.profile, s.yellow_bp, s.basis FROM anc JOIN unit_budget_settings s"
	" ON s.unit_id = anc.id WHERE anc.lvl > 0 ORDER BY anc.lvl";

static const char pg_ancestor_settings[] =
	"WITH RECURSIVE anc(id, parent_id, lvl) AS ("
	"  SELECT id, parent_id, 0 FROM units WHERE id = $1"
	"  UNION ALL SELECT u.id, u.parent_id, anc.lvl + 1 FROM units u"
	"  JOIN anc ON u.id = anc.parent_id WHERE anc.lvl < 1000)"
	" SELECT anc.id, s.profile, s.yellow_bp, s.basis FROM anc JOIN unit_budget_settings s"
	" ON s.unit_id = anc.id WHERE anc.lvl > 0 ORDER BY anc.lvl";

/* The links of the ancestors' settings being loaded. */
struct links {
	struct budget_settings_link *items;
	size_t n, cap;
};

static enum db_rc link_row(const struct db_row *row, void *ctx)
{
	struct links *l = ctx;
	struct budget_settings_link *grown = db_grow(l->items, sizeof *grown, l->n, &l->cap);
	if (!grown)
		return DB_ERROR;
	l->items = grown;
	grown[l->n].unit_id = db_row_int(row, 0);
	settings_columns(row, 1, 2, &grown[l->n].own);
	l->n++;
	return DB_OK;
}

enum db_rc db_budget_settings_ancestors(struct db *db, int64_t unit_id,
					struct budget_settings_link **out, size_t *n)
{
	struct links l = {0};
	enum db_rc rc = db_load(db, DB_TWIN(sql_ancestor_settings, pg_ancestor_settings),
				db_bind_id, &unit_id, link_row, &l);
	if (rc != DB_OK) {
		free(l.items);
		l = (struct links){0};
	}
	*out = l.items;
	*n = l.n;
	return rc;
}

/* ==== rollup input: units ================================================================= */

static const char sql_subtree[] =
	"WITH RECURSIVE t(id, path, depth) AS ("
	"  SELECT id, printf('%010d', id), 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, t.path || printf('/%010d', u.id), t.depth + 1"
	"  FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " WALK_DEPTH ")"
	" SELECT u.id, u.parent_id, u.code, u.name, s.profile, coalesce(s.yellow_bp, -1), s.basis"
	" FROM t JOIN units u ON u.id = t.id LEFT JOIN unit_budget_settings s ON s.unit_id = u.id"
	" ORDER BY t.path";
static const char pg_subtree[] =
	"WITH RECURSIVE t(id, path, depth) AS ("
	"  SELECT id, lpad(id::text, 10, '0'), 0 FROM units WHERE id = $1"
	"  UNION ALL SELECT u.id, t.path || '/' || lpad(u.id::text, 10, '0'), t.depth + 1"
	"  FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < " WALK_DEPTH ")"
	" SELECT u.id, u.parent_id, u.code, u.name, s.profile, coalesce(s.yellow_bp, -1), s.basis"
	" FROM t JOIN units u ON u.id = t.id LEFT JOIN unit_budget_settings s ON s.unit_id = u.id"
	" ORDER BY t.path COLLATE \"C\"";

/* Keeps a copy of @p s in @p d; NULL on allocation failure. */
static const char *keep(struct rollup_data *d, const char *s, size_t *cap)
{
	if (d->nstrings == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		char **grown = realloc(d->strings, ncap * sizeof *grown);
		if (!grown)
			return NULL;
		d->strings = grown;
		*cap = ncap;
	}
	char *copy = strdup(s ? s : "");
	if (copy)
		d->strings[d->nstrings++] = copy;
	return copy;
}

/* Unit ids to their indices in the subtree, sorted by id for bsearch. */
struct id_index {
	int64_t id;
	int index;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return x < y ? -1 : x > y;
}

static int find_index(const struct id_index *map, size_t n, int64_t id)
{
	struct id_index key = {id, -1};
	const struct id_index *hit = bsearch(&key, map, n, sizeof key, cmp_id);
	return hit ? hit->index : -1;
}

/* Room for one more unit and its parent's id. */
static bool units_grow(struct rollup_data *d, int64_t **parents, size_t *cap)
{
	if (d->nunits < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 32;
	struct rollup_unit *u = realloc(d->units, ncap * sizeof *u);
	if (!u)
		return false;
	d->units = u;
	int64_t *p = realloc(*parents, ncap * sizeof *p);
	if (!p)
		return false;
	*parents = p;
	*cap = ncap;
	return true;
}

/* The units of a subtree being loaded, and their parents' ids. */
struct units_load {
	struct rollup_data *d;
	int64_t *parents;
	size_t cap, *scap;
};

/* The subtree row @p row as the next unit, its parent's id beside it. */
static enum db_rc unit_row(const struct db_row *row, void *ctx)
{
	struct units_load *l = ctx;
	struct rollup_data *d = l->d;
	if (!units_grow(d, &l->parents, &l->cap))
		return DB_ERROR;
	struct rollup_unit *u = &d->units[d->nunits];
	memset(u, 0, sizeof *u);
	u->id = db_row_int(row, 0);
	l->parents[d->nunits] = db_row_int(row, 1);
	u->code = keep(d, db_row_text(row, 2), l->scap);
	u->name = keep(d, db_row_text(row, 3), l->scap);
	settings_columns(row, 4, 5, &u->own);
	if (!u->code || !u->name)
		return DB_ERROR;
	d->nunits++;
	return DB_OK;
}

/* The map of unit ids to indices, and each unit's parent index from its parent's id. */
static enum db_rc units_index(struct rollup_data *d, const int64_t *parents,
			      struct id_index **map)
{
	*map = malloc(d->nunits * sizeof **map);
	if (!*map)
		return DB_ERROR;
	for (size_t i = 0; i < d->nunits; i++)
		(*map)[i] = (struct id_index){d->units[i].id, (int)i};
	qsort(*map, d->nunits, sizeof **map, cmp_id);
	for (size_t i = 0; i < d->nunits; i++)
		d->units[i].parent = i == 0 ? -1 : find_index(*map, d->nunits, parents[i]);
	return DB_OK;
}

/* The subtree of @p unit_id, parents first, with the units' own settings. */
static enum db_rc load_units(struct db *db, int64_t unit_id, struct rollup_data *d,
			     struct id_index **map, size_t *scap)
{
	struct units_load l = {.d = d, .scap = scap};
	enum db_rc out = db_load(db, DB_TWIN(sql_subtree, pg_subtree), db_bind_id, &unit_id,
				 unit_row, &l);
	if (out == DB_OK && d->nunits == 0)
		out = DB_NOT_FOUND;
	if (out == DB_OK)
		out = units_index(d, l.parents, map);
	free(l.parents);
	return out;
}

/* ==== rollup input: facts and lines ======================================================= */

#define SUBTREE_IDS \
	"WITH RECURSIVE t(id, depth) AS (SELECT ?1, 0 UNION ALL" \
	" SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id" \
	" WHERE t.depth < " WALK_DEPTH ") "
/* The columns of a fact: unit, key, year, measure, month, amount, lines, cell. */
#define FACT(key, cell) \
	"SELECT a.unit_id, " key ", a.year, a.measure, a.month, a.amount_kr, a.lines, " cell
/* The operating ledger's sums of the year and the one before, its forecasts apart. */
#define DRIFT(table) \
	" FROM t JOIN " table " a ON a.unit_id = t.id AND a.year IN (?2, ?2 - 1)" \
	" AND a.measure <> 'forecast'"
/* Its forecasts, per ledger cell (activity and account, apart by a unit separator): only
 * those of the year made up to the period's last month (?3) can be the latest or the one
 * before it, and the others are never summed. */
#define FORECASTS(key) \
	"SELECT a.unit_id, " key ", a.year, 'forecast', a.month, a.amount_kr, a.lines," \
	" a.activity || char(31) || a.account" \
	" FROM t JOIN budget_agg_forecast a ON a.unit_id = t.id AND a.year = ?2 AND a.month <= ?3"
/* Investments: a project is the ledger cell of its forecasts. */
#define INVESTMENTS \
	" FROM t JOIN budget_agg_project a ON a.unit_id = t.id AND a.year IN (?2, ?2 - 1)"

static const char sql_facts_unit[] = SUBTREE_IDS FACT("NULL", "NULL") DRIFT("budget_agg_unit");
static const char sql_facts_activity[] = SUBTREE_IDS FACT("a.activity", "NULL")
	DRIFT("budget_agg_activity");
static const char sql_facts_account[] = SUBTREE_IDS FACT("a.account", "NULL")
	DRIFT("budget_agg_account");
static const char sql_forecasts_unit[] = SUBTREE_IDS FORECASTS("NULL");
static const char sql_forecasts_activity[] = SUBTREE_IDS FORECASTS("a.activity");
static const char sql_forecasts_account[] = SUBTREE_IDS FORECASTS("a.account");
static const char sql_investments_unit[] = SUBTREE_IDS
	FACT("NULL", "CASE a.measure WHEN 'forecast' THEN a.project END") INVESTMENTS;
static const char sql_investments_project[] = SUBTREE_IDS
	FACT("a.project", "a.project") INVESTMENTS;

/* The twins. */
#define PG_SUBTREE_IDS \
	"WITH RECURSIVE t(id, depth) AS (SELECT $1::bigint, 0 UNION ALL" \
	" SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id" \
	" WHERE t.depth < " WALK_DEPTH ") "
#define PG_DRIFT(table) \
	" FROM t JOIN " table " a ON a.unit_id = t.id AND a.year IN ($2, $2 - 1)" \
	" AND a.measure <> 'forecast'"
#define PG_FORECASTS(key) \
	"SELECT a.unit_id, " key ", a.year, 'forecast', a.month, a.amount_kr, a.lines," \
	" a.activity || chr(31) || a.account" \
	" FROM t JOIN budget_agg_forecast a ON a.unit_id = t.id AND a.year = $2 AND a.month <= $3"
#define PG_INVESTMENTS \
	" FROM t JOIN budget_agg_project a ON a.unit_id = t.id AND a.year IN ($2, $2 - 1)"

static const char pg_facts_unit[] = PG_SUBTREE_IDS FACT("NULL", "NULL")
	PG_DRIFT("budget_agg_unit");
static const char pg_facts_activity[] = PG_SUBTREE_IDS FACT("a.activity", "NULL")
	PG_DRIFT("budget_agg_activity");
static const char pg_facts_account[] = PG_SUBTREE_IDS FACT("a.account", "NULL")
	PG_DRIFT("budget_agg_account");
static const char pg_forecasts_unit[] = PG_SUBTREE_IDS PG_FORECASTS("NULL");
static const char pg_forecasts_activity[] = PG_SUBTREE_IDS PG_FORECASTS("a.activity");
static const char pg_forecasts_account[] = PG_SUBTREE_IDS PG_FORECASTS("a.account");
static const char pg_investments_unit[] = PG_SUBTREE_IDS
	FACT("NULL", "CASE a.measure WHEN 'forecast' THEN a.project END") PG_INVESTMENTS;
static const char pg_investments_project[] = PG_SUBTREE_IDS
	FACT("a.project", "a.project") PG_INVESTMENTS;

/* The lines behind the facts: those of the sums, and the operating forecasts loaded. */
static const char sql_source_lines[] = SUBTREE_IDS
	"SELECT b.id, b.unit_id, b.activity, b.account, b.project FROM t JOIN budget_lines b"
	" ON b.unit_id = t.id AND b.year IN (?2, ?2 - 1) AND b.ledger = ?4"
	" WHERE NOT (b.ledger = 'drift' AND b.measure = 'forecast' AND (b.year <> ?2 OR b.month > ?5))"
	" LIMIT ?3";
static const char pg_source_lines[] = PG_SUBTREE_IDS
	"SELECT b.id, b.unit_id, b.activity, b.account, b.project FROM t JOIN budget_lines b"
	" ON b.unit_id = t.id AND b.year IN ($2, $2 - 1) AND b.ledger = $4"
	" WHERE NOT (b.ledger = 'drift' AND b.measure = 'forecast'"
	" AND (b.year <> $2 OR b.month > $5))"
	" LIMIT $3";

/* The statements of a rollup's facts: [0] the sums, [1] the forecasts (NULL: in [0]). */
static void facts_sql(const struct budget_rollup_ask *a, struct db_twin q[2])
{
	if (a->ledger == RL_INVESTERING) {
		q[0] = a->group == RG_PROJECT ?
		       (struct db_twin){sql_investments_project, pg_investments_project} :
		       (struct db_twin){sql_investments_unit, pg_investments_unit};
		q[1] = (struct db_twin){NULL, NULL};
		return;
	}
	switch (a->group) {
	case RG_ACTIVITY:
	case RG_UNIT_ACTIVITY:
		q[0] = (struct db_twin){sql_facts_activity, pg_facts_activity};
		q[1] = (struct db_twin){sql_forecasts_activity, pg_forecasts_activity};
		return;
	case RG_ACCOUNT:
		q[0] = (struct db_twin){sql_facts_account, pg_facts_account};
		q[1] = (struct db_twin){sql_forecasts_account, pg_forecasts_account};
		return;
	default:
		q[0] = (struct db_twin){sql_facts_unit, pg_facts_unit};
		q[1] = (struct db_twin){sql_forecasts_unit, pg_forecasts_unit};
	}
}

static enum rollup_measure measure_of(const char *m)
{
	return strcmp(m, "budget") == 0 ? RM_BUDGET : strcmp(m, "outcome") == 0 ? RM_OUTCOME :
	       strcmp(m, "forecast") == 0 ? RM_FORECAST : RM_BUDGET_CHANGE;
}

/* Text that repeats in runs (a key, a cell): the copy of the previous one while it repeats,
 * else a new copy.  NULL for SQL NULL; *failed when out of memory. */
static const char *keep_run(struct rollup_data *d, const char *text, const char **last,
			    size_t *scap, bool *failed)
{
	if (!text)
		return NULL;
	if (*last && strcmp(*last, text) == 0)
		return *last;
	*last = keep(d, text, scap);
	*failed |= *last == NULL;
	return *last;
}

/* The facts being loaded: where they go, and the runs their texts repeat in. */
struct facts_load {
	const struct budget_rollup_ask *a;
	struct rollup_data *d;
	const struct id_index *map;
	size_t *scap, cap;
	const char *key, *cell;
};

/* ?1 the unit, ?2 the year and, where the statement takes it, ?3 the period's last month. */
static void bind_facts(struct db_params *p, const void *in)
{
	const struct budget_rollup_ask *a = in;
	db_param_int(p, 1, a->unit_id);
	db_param_int(p, 2, a->year);
	if (!p->st || sqlite3_bind_parameter_count(p->st) >= 3)
		db_param_int(p, 3, a->last_month);
}

/* The aggregate row @p row as the next fact. */
static enum db_rc fact_row(const struct db_row *row, void *ctx)
{
	struct facts_load *l = ctx;
	struct rollup_data *d = l->d;
	struct rollup_fact *f = db_grow(d->facts, sizeof *d->facts, d->nfacts, &l->cap);
	bool failed = false;
	if (!f)
		return DB_ERROR;
	d->facts = f;
	f += d->nfacts;
	memset(f, 0, sizeof *f);
	f->unit = find_index(l->map, d->nunits, db_row_int(row, 0));
	f->key = keep_run(d, db_row_text(row, 1), &l->key, l->scap, &failed);
	f->year = (int)db_row_int(row, 2);
	f->measure = measure_of(db_row_text(row, 3));
	f->month = (int)db_row_int(row, 4);
	f->amount_kr = db_row_int(row, 5);
	f->lines = db_row_int(row, 6);
	const char *cell = db_row_text(row, 7);
	if (cell && f->key && strcmp(f->key, cell) == 0)
		f->cell = f->key;
	else
		f->cell = keep_run(d, cell, &l->cell, l->scap, &failed);
	d->nfacts += !failed;
	return failed ? DB_ERROR : DB_OK;
}

/* The key column of a source line for the grouping. */
static int line_key_column(enum rollup_group g)
{
	return g == RG_ACCOUNT ? 3 : g == RG_PROJECT ? 4 : 2;
}

static void bind_lines(struct db_params *p, const void *in)
{
	const struct budget_rollup_ask *a = in;
	db_param_int(p, 1, a->unit_id);
	db_param_int(p, 2, a->year);
	/* one more than can be named tells that there are too many */
	db_param_int(p, 3, DB_BUDGET_MAX_SOURCE_LINES + 1);
	db_param_text(p, 4, a->ledger == RL_INVESTERING ? "investering" : "drift");
	db_param_int(p, 5, a->last_month);
}

/* The source line @p row as the next one (the statement's LIMIT keeps them to the room). */
static enum db_rc line_row(const struct db_row *row, void *ctx)
{
	struct facts_load *l = ctx;
	struct rollup_data *d = l->d;
	struct rollup_line *line = &d->lines[d->nlines++];
	line->id = db_row_int(row, 0);
	line->unit = find_index(l->map, d->nunits, db_row_int(row, 1));
	line->key = "";
	if (l->a->group != RG_UNIT &&
	    !(line->key = keep(d, db_row_text(row, line_key_column(l->a->group)), l->scap)))
		return DB_ERROR;
	return DB_OK;
}

static int cmp_line(const void *a, const void *b)
{
	int64_t x = ((const struct rollup_line *)a)->id, y = ((const struct rollup_line *)b)->id;
	return x < y ? -1 : x > y;
}

/* The ids of the source lines, when there are few enough to name in the explain: in id
 * order, whatever order the engine's plan reads them in (sorting them in SQL would sort all
 * of a large subtree's lines to keep a few). */
static enum db_rc load_lines(struct db *db, struct facts_load *l)
{
	struct rollup_data *d = l->d;
	d->lines = malloc((DB_BUDGET_MAX_SOURCE_LINES + 1) * sizeof *d->lines);
	if (!d->lines)
		return DB_ERROR;
	enum db_rc rc = db_load(db, DB_TWIN(sql_source_lines, pg_source_lines), bind_lines, l->a,
				line_row, l);
	if (rc != DB_OK)
		return rc;
	if (d->nlines > DB_BUDGET_MAX_SOURCE_LINES)
		d->nlines = 0;  /* too many to name: the explain gives counts */
	else
		d->lines_loaded = true;
	qsort(d->lines, d->nlines, sizeof *d->lines, cmp_line);
	return DB_OK;
}

/* The code list naming the grouping's keys: activities or accounts; none for the rest. */
static enum db_rc load_codes(struct db *db, const struct budget_rollup_ask *a,
			     struct rollup_data *d)
{
	if (a->ledger != RL_DRIFT || a->group == RG_UNIT || a->group == RG_PROJECT)
		return DB_OK;
	enum db_rc rc = db_budget_code_set_load(db, a->group == RG_ACCOUNT ?
						BUDGET_CODES_ACCOUNTS : BUDGET_CODES_ACTIVITIES,
						&d->codes);
	return rc == DB_NOMEM ? DB_ERROR : rc;
}

/* ==== rollup input ======================================================================== */

/* Everything but the units: settings above, facts, source lines and codes. */
static enum db_rc load_rest(struct db *db, const struct budget_rollup_ask *a,
			    struct rollup_data *d, const struct id_index *map, size_t *scap)
{
	struct db_twin q[2];
	struct facts_load l = {.a = a, .d = d, .map = map, .scap = scap};
	facts_sql(a, q);
	enum db_rc rc = db_budget_settings_ancestors(db, a->unit_id, &d->ancestors,
						     &d->nancestors);
	for (int i = 0; i < 2 && rc == DB_OK; i++) {
		l.key = l.cell = NULL;   /* each statement's runs are its own */
		if (q[i].sql)
			rc = db_load(db, &q[i], bind_facts, a, fact_row, &l);
	}
	if (rc == DB_OK)
		rc = load_lines(db, &l);
	if (rc == DB_OK)
		rc = load_codes(db, a, d);
	return rc;
}

enum db_rc db_budget_rollup_load(struct db *db, const struct budget_rollup_ask *a,
				 struct rollup_data *out)
{
	struct id_index *map = NULL;
	size_t scap = 0;
	memset(out, 0, sizeof *out);
	enum db_rc rc = load_units(db, a->unit_id, out, &map, &scap);
	if (rc == DB_OK)
		rc = load_rest(db, a, out, map, &scap);
	free(map);
	if (rc != DB_OK) {
		db_budget_rollup_data_free(out);
		return rc;
	}
	out->in = (struct rollup_input){
		.units = out->units, .nunits = out->nunits,
		.facts = out->facts, .nfacts = out->nfacts,
		.ancestors = out->ancestors, .nancestors = out->nancestors,
		.lines = out->lines, .nlines = out->nlines, .lines_loaded = out->lines_loaded,
		.codes = out->codes.codes, .ncodes = out->codes.n,
	};
	return DB_OK;
}

void db_budget_rollup_data_free(struct rollup_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	free(d->units);
	free(d->facts);
	free(d->ancestors);
	free(d->lines);
	db_budget_code_set_free(&d->codes);
	memset(d, 0, sizeof *d);
}
