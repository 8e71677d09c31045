/*
 * Queries for budget lines, budget settings, imports and rollup input.  A line reads back
 * exactly as the API shows it, built by json_object() here.  Single writes rely on the
 * triggers of sql/0002-budget.sql to keep the aggregates; a bulk import sets the insert
 * trigger aside for its own transaction (a row in budget_import_running) and does its work
 * itself, summing the new lines per aggregate key in memory and upserting each key once.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_budget.h"

#include "sql.h"

#define LINE_JSON \
	"json_object('id', b.id, 'unit_id', b.unit_id, 'activity', b.activity," \
	" 'account', b.account, 'year', b.year, 'month', b.month, 'measure', b.measure," \
	" 'amount_kr', b.amount_kr, 'version', b.version, 'created_at', b.created_at," \
	" 'updated_at', b.updated_at)"

static const char sql_get[] = "SELECT " LINE_JSON " FROM budget_lines b WHERE b.id = ?1";

enum db_rc db_budget_get(struct db *db, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_json_one(db, st, out);
}

#define LINE_WHERE \
	" WHERE (?1 IS NULL OR b.unit_id = ?1) AND (?2 IS NULL OR b.year = ?2)" \
	" AND (?3 IS NULL OR b.month = ?3) AND (?4 IS NULL OR b.measure = ?4)" \
	" AND (?5 IS NULL OR b.activity = ?5) AND (?6 IS NULL OR b.account = ?6)"

static const char sql_list[] =
	"SELECT " LINE_JSON " FROM budget_lines b" LINE_WHERE " ORDER BY b.id LIMIT ?7 OFFSET ?8";
static const char sql_count[] = "SELECT count(*) FROM budget_lines b" LINE_WHERE;

static void bind_filter(sqlite3_stmt *st, const void *filter)
{
	const struct budget_filter *f = filter;
	db_bind_int(st, 1, f->unit_id);
	db_bind_int(st, 2, f->year);
	db_bind_int(st, 3, f->month);
	db_bind_text(st, 4, f->measure);
	db_bind_text(st, 5, f->activity);
	db_bind_text(st, 6, f->account);
}

enum db_rc db_budget_list(struct db *db, const struct budget_filter *f, int64_t limit,
			  int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, sql_count, sql_list, bind_filter, f, 6, limit, offset, items,
			    total);
}

/* Binds ?2..?8; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_line(sqlite3_stmt *st, const void *input)
{
	const struct budget_line_in *in = input;
	sqlite3_bind_int64(st, 2, in->unit_id);
	db_bind_text(st, 3, in->activity);
	db_bind_text(st, 4, in->account);
	sqlite3_bind_int64(st, 5, in->year);
	db_bind_int(st, 6, in->month);
	db_bind_text(st, 7, in->measure);
	sqlite3_bind_int64(st, 8, in->amount_kr);
}

static const char sql_insert[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";

enum db_rc db_budget_insert(struct db *db, const struct budget_line_in *in, int64_t *id)
{
	return db_insert(db, sql_insert, bind_line, in, id);
}

static const char sql_version[] = "SELECT version FROM budget_lines WHERE id = ?1";
static const char sql_update[] =
	"UPDATE budget_lines SET unit_id = ?2, activity = ?3, account = ?4, year = ?5, month = ?6,"
	" measure = ?7, amount_kr = ?8, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM budget_lines WHERE id = ?1";

enum db_rc db_budget_update(struct db *db, int64_t id, int64_t version,
			    const struct budget_line_in *in)
{
	return db_write_versioned(db, sql_version, sql_update, bind_line, in, id, version);
}

enum db_rc db_budget_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, sql_version, sql_delete, NULL, NULL, id, version);
}

/* ==== bulk import ========================================================================= */

/*
 * The aggregates of an import are summed here in a hash table while the lines are inserted,
 * then written with one upsert per distinct key: a ledger export repeats few keys (units ×
 * activities × accounts × months) over many lines, so this is far cheaper than a trigger
 * upsert per line or a grouped re-read of the lines.
 */
struct agg_slot {
	const struct budget_line_in *line;  /* the first line of the key; NULL when free */
	int64_t amount_kr;
	int64_t lines;
};

/* Which aggregate a table feeds: its key is unit × year × measure × month, plus the code. */
enum agg_level { AGG_UNIT, AGG_ACTIVITY, AGG_ACCOUNT };

struct agg_table {
	struct agg_slot *slots;
	size_t cap;            /* a power of two */
	size_t used;
	enum agg_level level;
};

static const char *agg_code(enum agg_level level, const struct budget_line_in *l)
{
	const char *c = level == AGG_ACTIVITY ? l->activity : level == AGG_ACCOUNT ? l->account :
			NULL;
	return c ? c : "";  /* NULL and "" are the same key: '' in SQL */
}

static uint64_t agg_hash(const struct agg_table *t, const struct budget_line_in *l)
{
	uint64_t h = 1469598103934665603u;
	int64_t month = l->month == DB_NULL ? 0 : l->month;
	h = (h ^ (uint64_t)l->unit_id) * 1099511628211u;
	h = (h ^ (uint64_t)(l->year * 16 + month)) * 1099511628211u;
	h = (h ^ (unsigned char)l->measure[0]) * 1099511628211u;
	for (const char *c = agg_code(t->level, l); *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h ^ (h >> 29);
}

static bool agg_same(const struct agg_table *t, const struct budget_line_in *a,
		     const struct budget_line_in *b)
{
	return a->unit_id == b->unit_id && a->year == b->year && a->month == b->month &&
	       strcmp(a->measure, b->measure) == 0 &&
	       strcmp(agg_code(t->level, a), agg_code(t->level, b)) == 0;
}

static bool agg_grow(struct agg_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct agg_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].line)
			continue;
		size_t j = agg_hash(t, t->slots[i].line) & (cap - 1);
		while (slots[j].line)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return true;
}

/* Adds @p l to its key: DB_ERROR when out of memory, DB_INVALID when the sum leaves the
 * money range. */
static enum db_rc agg_add(struct agg_table *t, const struct budget_line_in *l)
{
	if ((t->used + 1) * 2 > t->cap && !agg_grow(t))
		return DB_ERROR;
	size_t j = agg_hash(t, l) & (t->cap - 1);
	while (t->slots[j].line && !agg_same(t, t->slots[j].line, l))
		j = (j + 1) & (t->cap - 1);
	struct agg_slot *s = &t->slots[j];
	if (!s->line) {
		s->line = l;
		t->used++;
	}
	s->lines++;
	return money_add(s->amount_kr, l->amount_kr, &s->amount_kr) ? DB_OK : DB_INVALID;
}

/* Orders keys as the aggregate's primary key, so the upserts walk the B-tree in order. */
static int agg_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct budget_line_in *a = ((const struct agg_slot *)pa)->line;
	const struct budget_line_in *b = ((const struct agg_slot *)pb)->line;
	enum agg_level level = *(const enum agg_level *)ctx;
	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	int c = strcmp(agg_code(level, a), agg_code(level, b));
	if (c)
		return c;
	c = strcmp(a->measure, b->measure);
	if (c)
		return c;
	int64_t ma = a->month == DB_NULL ? 0 : a->month, mb = b->month == DB_NULL ? 0 : b->month;
	return ma < mb ? -1 : ma > mb;
}

static const char sql_import_insert[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr,"
	" created_at, updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
static const char sql_bulk_begin[] = "INSERT INTO budget_import_running VALUES (1)";
static const char sql_bulk_end[] = "DELETE FROM budget_import_running";
#define AGG_UPSERT_TAIL \
	" ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr," \
	" lines = lines + excluded.lines"
static const char sql_agg_unit_upsert[] =
	"INSERT INTO budget_agg_unit (unit_id, year, measure, month, amount_kr, lines)"
	" VALUES (?1, ?2, ?4, ?5, ?6, ?7)" AGG_UPSERT_TAIL;
static const char sql_agg_activity_upsert[] =
	"INSERT INTO budget_agg_activity (unit_id, year, activity, measure, month, amount_kr,"
	" lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" AGG_UPSERT_TAIL;
static const char sql_agg_account_upsert[] =
	"INSERT INTO budget_agg_account (unit_id, year, account, measure, month, amount_kr,"
	" lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" AGG_UPSERT_TAIL;

static enum db_rc agg_write(struct db *db, struct agg_table *t)
{
	const char *sql = t->level == AGG_ACTIVITY ? sql_agg_activity_upsert :
			  t->level == AGG_ACCOUNT ? sql_agg_account_upsert : sql_agg_unit_upsert;
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return DB_ERROR;
	/* pack the used slots to the front and sort them */
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].line)
			t->slots[n++] = t->slots[i];
	if (n > 1)  /* slots is NULL for an empty import; qsort_r must not see NULL */
		qsort_r(t->slots, n, sizeof *t->slots, agg_cmp, &t->level);
	enum db_rc rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		const struct agg_slot *s = &t->slots[i];
		sqlite3_bind_int64(st, 1, s->line->unit_id);
		sqlite3_bind_int64(st, 2, s->line->year);
		sqlite3_bind_text(st, 3, agg_code(t->level, s->line), -1, SQLITE_STATIC);
		db_bind_text(st, 4, s->line->measure);
		sqlite3_bind_int64(st, 5, s->line->month == DB_NULL ? 0 : s->line->month);
		sqlite3_bind_int64(st, 6, s->amount_kr);
		sqlite3_bind_int64(st, 7, s->lines);
		rc = db_exec_stmt(db, st);
	}
	/* The upsert can only break the range CHECK: the key's stored sum plus the import's
	 * leaves ±9e15 kr. */
	return rc == DB_CONFLICT ? DB_INVALID : rc;
}

enum db_rc db_budget_import(struct db *db, const struct budget_line_in *rows, size_t n)
{
	struct agg_table agg[3] = {{.level = AGG_UNIT}, {.level = AGG_ACTIVITY},
				   {.level = AGG_ACCOUNT}};
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);

	/* The insert trigger stands aside for this transaction; the upserts below do its work. */
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_bulk_begin));
	sqlite3_stmt *st = db_stmt(db, sql_import_insert);
	if (!st)
		rc = DB_ERROR;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		bind_line(st, &rows[i]);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
		rc = db_exec_stmt(db, st);
		for (int k = 0; rc == DB_OK && k < 3; k++)
			rc = agg_add(&agg[k], &rows[i]);
	}
	for (int k = 0; rc == DB_OK && k < 3; k++)
		rc = agg_write(db, &agg[k]);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_bulk_end));
	for (int k = 0; k < 3; k++)
		free(agg[k].slots);
	return rc;
}

static const char sql_units[] = "SELECT id, code FROM units";

enum db_rc db_budget_units(struct db *db, void (*fn)(void *ctx, int64_t id, const char *code),
			   void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql_units);
	if (!st)
		return DB_ERROR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}

/* ==== settings ============================================================================ */

static const char sql_settings_get[] =
	"SELECT json_object('unit_id', unit_id, 'profile', json(profile), 'yellow_bp', yellow_bp,"
	" 'version', version) FROM unit_budget_settings WHERE unit_id = ?1";

enum db_rc db_budget_settings_get(struct db *db, int64_t unit_id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_settings_get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	return db_json_one(db, st, out);
}

static const char sql_settings_version[] =
	"SELECT version FROM unit_budget_settings WHERE unit_id = ?1";
static const char sql_settings_put[] =
	"INSERT INTO unit_budget_settings (unit_id, profile, yellow_bp) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (unit_id) DO UPDATE SET profile = excluded.profile,"
	" yellow_bp = excluded.yellow_bp, version = version + 1";

enum db_rc db_budget_settings_put(struct db *db, int64_t unit_id, int64_t version,
				  const char *profile_json, int64_t yellow_bp)
{
	/* no settings yet is no conflict: the put creates them */
	enum db_rc rc = db_check_version(db, sql_settings_version, unit_id, version);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return rc;
	sqlite3_stmt *st = db_stmt(db, sql_settings_put);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	db_bind_text(st, 2, profile_json);
	sqlite3_bind_int64(st, 3, yellow_bp);
	return db_exec_stmt(db, st);
}

/* ==== rollup input ======================================================================== */

static const char sql_subtree[] =
	"WITH RECURSIVE t(id, path) AS ("
	"  SELECT id, printf('%010d', id) FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, t.path || printf('/%010d', u.id)"
	"  FROM units u JOIN t ON u.parent_id = t.id)"
	" SELECT u.id, u.parent_id, u.code, u.name, s.profile, coalesce(s.yellow_bp, -1)"
	" FROM t JOIN units u ON u.id = t.id LEFT JOIN unit_budget_settings s ON s.unit_id = u.id"
	" ORDER BY t.path";

static const char sql_ancestor_settings[] =
	"WITH RECURSIVE anc(id, parent_id, lvl) AS ("
	"  SELECT id, parent_id, 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, u.parent_id, anc.lvl + 1 FROM units u JOIN anc ON u.id = anc.parent_id)"
	" SELECT anc.id, s.profile, s.yellow_bp FROM anc JOIN unit_budget_settings s"
	" ON s.unit_id = anc.id WHERE anc.lvl > 0 ORDER BY anc.lvl";

/* What a unit without settings of its own inherits: the yellow band of its nearest ancestor
 * with settings and the nearest profile, as the rollup applies them (load_root_settings). */
static const char sql_inherited_settings[] =
	"WITH RECURSIVE anc(id, parent_id, lvl) AS ("
	"  SELECT id, parent_id, 0 FROM units WHERE id = ?1"
	"  UNION ALL SELECT u.id, u.parent_id, anc.lvl + 1 FROM units u JOIN anc ON u.id = anc.parent_id),"
	" s AS (SELECT anc.id, anc.lvl, b.profile, b.yellow_bp FROM anc"
	"  JOIN unit_budget_settings b ON b.unit_id = anc.id)"
	" SELECT json_object('unit_id', ?1,"
	"  'profile', json((SELECT profile FROM s WHERE profile IS NOT NULL ORDER BY lvl LIMIT 1)),"
	"  'yellow_bp', coalesce((SELECT yellow_bp FROM s ORDER BY lvl LIMIT 1), ?2),"
	"  'version', 0, 'inherited', json('true'),"
	"  'inherited_from', (SELECT id FROM s ORDER BY lvl LIMIT 1))";

enum db_rc db_budget_settings_inherited(struct db *db, int64_t unit_id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(db, sql_inherited_settings);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, MONEY_YELLOW_BP_DEFAULT);
	return db_json_one(db, st, out);
}

#define SUBTREE_IDS \
	"WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL" \
	" SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) "

static const char sql_facts_unit[] = SUBTREE_IDS
	"SELECT a.unit_id, NULL, a.year, a.measure, a.month, a.amount_kr, a.lines"
	" FROM t JOIN budget_agg_unit a ON a.unit_id = t.id AND a.year IN (?2, ?2 - 1)";
static const char sql_facts_activity[] = SUBTREE_IDS
	"SELECT a.unit_id, a.activity, a.year, a.measure, a.month, a.amount_kr, a.lines"
	" FROM t JOIN budget_agg_activity a ON a.unit_id = t.id AND a.year IN (?2, ?2 - 1)";
static const char sql_facts_account[] = SUBTREE_IDS
	"SELECT a.unit_id, a.account, a.year, a.measure, a.month, a.amount_kr, a.lines"
	" FROM t JOIN budget_agg_account a ON a.unit_id = t.id AND a.year IN (?2, ?2 - 1)";

static const char sql_source_lines[] = SUBTREE_IDS
	"SELECT b.id, b.unit_id, b.activity, b.account FROM t JOIN budget_lines b"
	" ON b.unit_id = t.id AND b.year IN (?2, ?2 - 1) LIMIT ?3";

/* Keeps a copy of @p s in @p d; NULL on allocation failure. */
static const char *keep(struct rollup_data *d, const unsigned char *s, size_t *cap)
{
	if (d->nstrings == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		char **grown = realloc(d->strings, ncap * sizeof *grown);
		if (!grown)
			return NULL;
		d->strings = grown;
		*cap = ncap;
	}
	char *copy = strdup(s ? (const char *)s : "");
	if (copy)
		d->strings[d->nstrings++] = copy;
	return copy;
}

/* Twelve weights from a profile's JSON text; false when it is not twelve integers. */
static bool profile_parse(const unsigned char *text, int64_t out[12])
{
	json_t *a = json_loads((const char *)text, 0, NULL);
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

static enum db_rc load_units(struct db *db, int64_t unit_id, struct rollup_data *d,
			     struct id_index **map, size_t *scap)
{
	sqlite3_stmt *st = db_stmt(db, sql_subtree);
	size_t cap = 0;
	int rc;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	int64_t *parents = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->nunits == cap) {
			cap = cap ? cap * 2 : 32;
			struct rollup_unit *u = realloc(d->units, cap * sizeof *u);
			int64_t *p = realloc(parents, cap * sizeof *p);
			if (u)
				d->units = u;
			if (p)
				parents = p;
			if (!u || !p)
				break;
		}
		struct rollup_unit *u = &d->units[d->nunits];
		memset(u, 0, sizeof *u);
		u->id = sqlite3_column_int64(st, 0);
		parents[d->nunits] = sqlite3_column_int64(st, 1);
		u->code = keep(d, sqlite3_column_text(st, 2), scap);
		u->name = keep(d, sqlite3_column_text(st, 3), scap);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			u->has_profile = profile_parse(sqlite3_column_text(st, 4), u->profile);
		u->yellow_bp = sqlite3_column_int(st, 5);
		d->nunits++;
	}
	db_done(st);
	enum db_rc out = rc == SQLITE_DONE ? DB_OK : rc == SQLITE_ROW ? DB_ERROR : db_rc_from(db, rc);
	if (out == DB_OK && d->nunits == 0)
		out = DB_NOT_FOUND;
	if (out == DB_OK && !(*map = malloc(d->nunits * sizeof **map)))
		out = DB_ERROR;
	if (out == DB_OK) {
		for (size_t i = 0; i < d->nunits; i++)
			(*map)[i] = (struct id_index){d->units[i].id, (int)i};
		qsort(*map, d->nunits, sizeof **map, cmp_id);
		for (size_t i = 0; i < d->nunits; i++)
			d->units[i].parent = i == 0 ? -1 : find_index(*map, d->nunits, parents[i]);
	}
	free(parents);
	return out;
}

static enum db_rc load_root_settings(struct db *db, int64_t unit_id, struct rollup_data *d)
{
	sqlite3_stmt *st = db_stmt(db, sql_ancestor_settings);
	int rc;
	bool have_yellow = false;
	if (!st)
		return DB_ERROR;
	d->root_yellow_bp = MONEY_YELLOW_BP_DEFAULT;
	sqlite3_bind_int64(st, 1, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!have_yellow) {
			have_yellow = true;
			d->root_yellow_bp = sqlite3_column_int(st, 2);
			d->root_settings_unit = sqlite3_column_int64(st, 0);
		}
		if (!d->root_has_profile && sqlite3_column_type(st, 1) != SQLITE_NULL)
			d->root_has_profile = profile_parse(sqlite3_column_text(st, 1),
							    d->root_profile);
	}
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}

static enum db_rc load_facts(struct db *db, int64_t unit_id, int year, enum rollup_group g,
			     struct rollup_data *d, const struct id_index *map, size_t *scap)
{
	const char *sql = g == RG_ACTIVITY ? sql_facts_activity :
			  g == RG_ACCOUNT ? sql_facts_account : sql_facts_unit;
	sqlite3_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	/* group keys repeat: keep one copy of each run */
	const char *last_key = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->nfacts == cap) {
			cap = cap ? cap * 2 : 256;
			struct rollup_fact *f = realloc(d->facts, cap * sizeof *f);
			if (!f)
				break;
			d->facts = f;
		}
		struct rollup_fact *f = &d->facts[d->nfacts];
		f->unit = find_index(map, d->nunits, sqlite3_column_int64(st, 0));
		f->key = NULL;
		if (g != RG_UNIT) {
			const unsigned char *k = sqlite3_column_text(st, 1);
			if (last_key && k && strcmp(last_key, (const char *)k) == 0)
				f->key = last_key;
			else
				f->key = last_key = keep(d, k, scap);
			if (!f->key)
				break;
		}
		f->year = sqlite3_column_int(st, 2);
		const char *m = (const char *)sqlite3_column_text(st, 3);
		f->measure = strcmp(m, "budget") == 0 ? RM_BUDGET :
			     strcmp(m, "outcome") == 0 ? RM_OUTCOME : RM_FORECAST;
		f->month = sqlite3_column_int(st, 4);
		f->amount_kr = sqlite3_column_int64(st, 5);
		f->lines = sqlite3_column_int64(st, 6);
		d->nfacts++;
	}
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_ROW ? DB_ERROR : db_rc_from(db, rc);
}

/* The ids of the source lines, when there are few enough to name in the explain. */
static enum db_rc load_lines(struct db *db, int64_t unit_id, int year, enum rollup_group g,
			     struct rollup_data *d, const struct id_index *map, size_t *scap)
{
	sqlite3_stmt *st = db_stmt(db, sql_source_lines);
	int rc;
	if (!st)
		return DB_ERROR;
	d->lines = malloc((DB_BUDGET_MAX_SOURCE_LINES + 1) * sizeof *d->lines);
	if (!d->lines)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, DB_BUDGET_MAX_SOURCE_LINES + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->nlines <= DB_BUDGET_MAX_SOURCE_LINES) {
		struct rollup_line *l = &d->lines[d->nlines++];
		l->id = sqlite3_column_int64(st, 0);
		l->unit = find_index(map, d->nunits, sqlite3_column_int64(st, 1));
		l->key = "";
		if (g != RG_UNIT) {
			l->key = keep(d, sqlite3_column_text(st, g == RG_ACTIVITY ? 2 : 3), scap);
			if (!l->key)
				break;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_rc_from(db, rc);
	if (d->nlines > DB_BUDGET_MAX_SOURCE_LINES)
		d->nlines = 0;  /* too many to name: the explain gives counts */
	else
		d->lines_loaded = true;
	return DB_OK;
}

enum db_rc db_budget_rollup_load(struct db *db, int64_t unit_id, int year, enum rollup_group g,
				 struct rollup_data *out)
{
	struct id_index *map = NULL;
	size_t scap = 0;
	memset(out, 0, sizeof *out);
	enum db_rc rc = load_units(db, unit_id, out, &map, &scap);
	if (rc == DB_OK)
		rc = load_root_settings(db, unit_id, out);
	if (rc == DB_OK)
		rc = load_facts(db, unit_id, year, g, out, map, &scap);
	if (rc == DB_OK)
		rc = load_lines(db, unit_id, year, g, out, map, &scap);
	free(map);
	if (rc != DB_OK)
		db_budget_rollup_data_free(out);
	return rc;
}

void db_budget_rollup_data_free(struct rollup_data *d)
{
	for (size_t i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	free(d->units);
	free(d->facts);
	free(d->lines);
	memset(d, 0, sizeof *d);
}
