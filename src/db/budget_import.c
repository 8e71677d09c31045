/*
 * The bulk import of budget lines: staged as the body arrives, stored in one short
 * transaction at its end.
 *
 * An import of a year's ledger is a million lines or more, read over many calls while the
 * client uploads.  Each checked line goes to the connection's staging database (stage.h) at
 * once, so neither the body nor its lines are held in memory and the main database is not
 * locked while the upload lasts.  At the end one transaction copies the staged lines into
 * budget_lines with a single INSERT ... SELECT and writes the aggregates.
 *
 * A ledger export repeats few aggregate keys (units × activities × accounts × months) over many
 * lines, so the insert trigger that keeps the aggregates of sql/0002-budget.sql and
 * sql/0009-economy.sql line by line is set aside for the import's transaction (a row in
 * budget_import_running) and its work is done here instead: each line is added to the sums
 * of its keys in memory as it is staged, then each key is written with one upsert.  That is
 * far cheaper than a trigger upsert per line or a grouped re-read of the lines, and the
 * aggregates still change in the same transaction as the lines.  The sums' memory follows
 * the number of keys, not of lines: a key holds numbers, its codes (activity, account,
 * project) interned once as small numbers in a table owning their text.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_budget.h"
#include "folja/money.h"

#include "sql.h"
#include "stage.h"

/* ==== codes, interned ===================================================================== */

/* The distinct codes of an import, numbered; 0 is the empty code (none given). */
struct codes {
	char **names;          /* owned, names[0] == NULL stands for "" */
	size_t n, cap;
	uint32_t *slots;       /* open addressing: a number + 1, or 0 when free */
	size_t nslots;         /* a power of two, at least twice n */
};

static uint64_t hash_text(const char *c)
{
	uint64_t h = 1469598103934665603u;
	for (; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h ^ (h >> 31);
}

static const char *code_name(const struct codes *c, uint32_t id)
{
	return id ? c->names[id] : "";
}

static bool codes_grow(struct codes *c)
{
	size_t nslots = c->nslots ? c->nslots * 2 : 256;
	uint32_t *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return false;
	for (size_t id = 1; id < c->n; id++) {
		size_t j = hash_text(c->names[id]) & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)id + 1;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = nslots;
	return true;
}

/* Appends a copy of @p s as number c->n; false when out of memory. */
static bool codes_append(struct codes *c, const char *s)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		char **names = realloc(c->names, cap * sizeof *names);
		if (!names)
			return false;
		c->names = names;
		c->cap = cap;
	}
	if (c->n == 0)
		c->names[c->n++] = NULL;
	if (!(c->names[c->n] = strdup(s)))
		return false;
	c->n++;
	return true;
}

/* The number of code @p s (NULL and "" are 0), added when new.  False when out of memory. */
static bool codes_id(struct codes *c, const char *s, uint32_t *id)
{
	*id = 0;
	if (!s || !*s)
		return true;
	if ((c->n + 1) * 2 > c->nslots && !codes_grow(c))
		return false;
	size_t j = hash_text(s) & (c->nslots - 1);
	for (; c->slots[j]; j = (j + 1) & (c->nslots - 1))
		if (strcmp(c->names[c->slots[j] - 1], s) == 0) {
			*id = c->slots[j] - 1;
			return true;
		}
	if (c->n >= UINT32_MAX - 1 || !codes_append(c, s))
		return false;
	*id = (uint32_t)(c->n - 1);
	c->slots[j] = (uint32_t)c->n;
	return true;
}

static void codes_free(struct codes *c)
{
	for (size_t i = 1; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->slots);
}

/* ==== aggregate keys in memory ============================================================ */

/* The measure a line is kept under: a budget change apart from the original (the agg_measure
 * column of sql/0009-economy.sql). */
enum agg_measure { M_BUDGET, M_OUTCOME, M_FORECAST, M_BUDGET_CHANGE };
static const char *const measure_names[] = {"budget", "outcome", "forecast", "budget_change"};

/* Which aggregate a table feeds: its key is unit × year × measure × month, plus its codes. */
enum agg_level { AGG_UNIT, AGG_ACTIVITY, AGG_ACCOUNT, AGG_FORECAST, AGG_PROJECT, AGG_N };

/* Packed: a large import has hundreds of thousands of keys, each looked up once per line. */
struct agg_key {
	int64_t unit_id;
	uint32_t code;          /* the activity, account or project (0: ''); a cell's activity */
	uint32_t code2;         /* a forecast cell's account (0: '') */
	int16_t year;
	uint8_t month;          /* 0 for an annual budget */
	uint8_t measure;        /* enum agg_measure */
};

struct agg_slot {
	struct agg_key key;
	int64_t amount_kr;
	int64_t lines;          /* 0: the slot is free */
};

struct agg_table {
	struct agg_slot *slots;
	size_t cap;            /* a power of two */
	size_t used;
	enum agg_level level;
};

/* A line's codes and measure, interned: what its keys are made of. */
struct line_codes {
	uint32_t activity, account, project;
	enum agg_measure measure;
	bool investment;
};

/* Whether a line is summed into the aggregate of @p level: drift lines into the first three,
 * drift forecasts also per cell, investments per project. */
static bool agg_takes(enum agg_level level, const struct line_codes *lc)
{
	if (level == AGG_PROJECT || lc->investment)
		return level == AGG_PROJECT && lc->investment;
	return level != AGG_FORECAST || lc->measure == M_FORECAST;
}

/* The key of line @p l (codes @p lc) in the aggregate of @p level. */
static struct agg_key agg_key_of(enum agg_level level, const struct budget_line_in *l,
				 const struct line_codes *lc)
{
	struct agg_key k = {.unit_id = l->unit_id, .year = (int16_t)l->year,
			    .month = l->month == DB_NULL ? 0 : (uint8_t)l->month,
			    .measure = (uint8_t)lc->measure};
	if (level == AGG_ACTIVITY || level == AGG_FORECAST)
		k.code = lc->activity;
	else if (level == AGG_ACCOUNT)
		k.code = lc->account;
	else if (level == AGG_PROJECT)
		k.code = lc->project;
	if (level == AGG_FORECAST)
		k.code2 = lc->account;
	return k;
}

static uint64_t agg_hash(const struct agg_key *k)
{
	uint64_t h = (uint64_t)k->unit_id * 0x9E3779B97F4A7C15u;
	h ^= ((uint64_t)(uint16_t)k->year << 16 | (uint64_t)k->month << 4 | k->measure) *
	     0xC2B2AE3D27D4EB4Fu;
	h ^= ((uint64_t)k->code << 32 | k->code2) * 0x165667B19E3779F9u;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return h ^ (h >> 32);
}

static bool agg_same(const struct agg_key *a, const struct agg_key *b)
{
	return a->unit_id == b->unit_id && a->year == b->year && a->month == b->month &&
	       a->measure == b->measure && a->code == b->code && a->code2 == b->code2;
}

static bool agg_grow(struct agg_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct agg_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].lines)
			continue;
		size_t j = agg_hash(&t->slots[i].key) & (cap - 1);
		while (slots[j].lines)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return true;
}

/* Makes room for one more key; false when out of memory. */
static bool agg_reserve(struct agg_table *t)
{
	return (t->used + 1) * 4 <= t->cap * 3 || agg_grow(t);
}

/* Adds @p amount_kr to key @p k, looked for from slot @p j (its hash's): DB_INVALID when the
 * sum leaves the money range. */
static enum db_rc agg_add(struct agg_table *t, const struct agg_key *k, size_t j,
			  int64_t amount_kr)
{
	while (t->slots[j].lines && !agg_same(&t->slots[j].key, k))
		j = (j + 1) & (t->cap - 1);
	struct agg_slot *s = &t->slots[j];
	if (!s->lines) {
		*s = (struct agg_slot){.key = *k};
		t->used++;
	}
	s->lines++;
	return money_add(s->amount_kr, amount_kr, &s->amount_kr) ? DB_OK : DB_INVALID;
}

/* ==== the staged import =================================================================== */

struct db_budget_stage {
	struct stage_upload upload;
	struct codes codes;
	struct agg_table agg[AGG_N];
	bool out_of_range;     /* a key's sum left ±MONEY_MAX_KR: nothing can be stored */
	bool spent;            /* committed once: the sums' tables are sorted, no longer hashed */
};

static const char sql_stage_insert[] =
	"INSERT INTO stage.budget_rows (id, unit_id, activity, account, year, month, measure,"
	" amount_kr, ledger, project, budget_kind, decided_on, decision_ref)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

enum db_rc db_budget_stage_open(struct db *db, struct db_budget_stage **out)
{
	struct db_budget_stage *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s)
		return DB_NOMEM;
	for (int k = 0; k < AGG_N; k++)
		s->agg[k].level = (enum agg_level)k;
	enum db_rc rc = stage_start(db, STAGE_BUDGET, &s->upload);
	if (rc != DB_OK) {
		free(s);
		return rc;
	}
	*out = s;
	return DB_OK;
}

static enum agg_measure measure_of(const struct budget_line_in *l)
{
	if (strcmp(l->measure, "budget") == 0)
		return l->budget_kind && strcmp(l->budget_kind, "change") == 0 ? M_BUDGET_CHANGE :
		       M_BUDGET;
	return strcmp(l->measure, "outcome") == 0 ? M_OUTCOME : M_FORECAST;
}

/* Adds line @p l to the sums of its keys. */
static enum db_rc sums_add(struct db_budget_stage *s, const struct budget_line_in *l)
{
	struct line_codes lc = {.measure = measure_of(l),
				.investment = l->ledger && strcmp(l->ledger, "investering") == 0};
	if (!codes_id(&s->codes, l->activity, &lc.activity) ||
	    !codes_id(&s->codes, l->account, &lc.account) ||
	    !codes_id(&s->codes, l->project, &lc.project))
		return DB_NOMEM;
	/* The tables are large and each line lands at random in them: the slots are fetched
	 * all at once before they are read, so their cache misses overlap. */
	struct agg_key keys[AGG_N];
	size_t at[AGG_N];
	enum db_rc rc = DB_OK;
	for (int k = 0; k < AGG_N; k++) {
		if (!agg_takes((enum agg_level)k, &lc))
			continue;
		if (!agg_reserve(&s->agg[k]))
			return DB_NOMEM;
		keys[k] = agg_key_of((enum agg_level)k, l, &lc);
		at[k] = agg_hash(&keys[k]) & (s->agg[k].cap - 1);
		__builtin_prefetch(&s->agg[k].slots[at[k]]);
	}
	for (int k = 0; rc == DB_OK && k < AGG_N; k++)
		if (agg_takes((enum agg_level)k, &lc))
			rc = agg_add(&s->agg[k], &keys[k], at[k], l->amount_kr);
	if (rc == DB_INVALID)
		s->out_of_range = true;
	return rc;
}

/* Binds a text borrowed until the statement is stepped and reset; NULL binds NULL. */
static void bind_borrowed(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds line @p l as ?2..?13 of sql_stage_insert, its texts borrowed (a line is staged by
 * the million: no copies).  The defaults (drift, original) stay NULL; the copy fills them. */
static void stage_bind(sqlite3_stmt *st, const struct budget_line_in *l)
{
	sqlite3_bind_int64(st, 2, l->unit_id);
	bind_borrowed(st, 3, l->activity);
	bind_borrowed(st, 4, l->account);
	sqlite3_bind_int64(st, 5, l->year);
	db_bind_int(st, 6, l->month);
	bind_borrowed(st, 7, l->measure);
	sqlite3_bind_int64(st, 8, l->amount_kr);
	bind_borrowed(st, 9, l->ledger);
	bind_borrowed(st, 10, l->project);
	bind_borrowed(st, 11, l->budget_kind);
	bind_borrowed(st, 12, l->decided_on);
	bind_borrowed(st, 13, l->decision_ref);
}

enum db_rc db_budget_stage_add(struct db_budget_stage *s, const struct budget_line_in *l)
{
	int64_t id;
	sqlite3_stmt *st = NULL;
	if (s->out_of_range || s->spent)
		return DB_INVALID;
	enum db_rc rc = stage_next_id(&s->upload, &id);
	if (rc == DB_OK && !(st = db_stmt(s->upload.db, sql_stage_insert)))
		rc = DB_ERROR;
	if (rc != DB_OK)
		return rc;
	stage_bind(st, l);
	sqlite3_bind_int64(st, 1, id);
	rc = db_exec_stmt(s->upload.db, st);
	return rc == DB_OK ? sums_add(s, l) : rc;
}

enum db_rc db_budget_stage_flush(struct db_budget_stage *s)
{
	return stage_piece_end(&s->upload);
}

static const char sql_stage_lines[] =
	"SELECT id, unit_id, year, month FROM stage.budget_rows WHERE id >= ?1 AND id < ?2"
	" ORDER BY id";

enum db_rc db_budget_stage_each(struct db_budget_stage *s,
				enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
						 int64_t year, int64_t month),
				void *ctx)
{
	struct db *db = s->upload.db;
	sqlite3_stmt *st = s->upload.in_piece ? NULL : db_stmt(db, sql_stage_lines);
	if (!st)
		return DB_ERROR;   /* or the contract: flushed */
	sqlite3_bind_int64(st, 1, s->upload.first);
	sqlite3_bind_int64(st, 2, s->upload.next);
	enum db_rc rc = DB_OK;
	int step = SQLITE_DONE;
	while (rc == DB_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(ctx, (size_t)(sqlite3_column_int64(st, 0) - s->upload.first + 1),
			sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_type(st, 3) == SQLITE_NULL ? DB_NULL :
			sqlite3_column_int64(st, 3));
	if (rc == DB_OK && step != SQLITE_DONE)
		rc = db_rc_from(db, step);
	db_done(st);
	return rc;
}

void db_budget_stage_free(struct db_budget_stage *s)
{
	if (!s)
		return;
	stage_drop(&s->upload);
	codes_free(&s->codes);
	for (int k = 0; k < AGG_N; k++)
		free(s->agg[k].slots);
	free(s);
}

/* ==== storing ============================================================================= */

static const char sql_copy[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr,"
	" ledger, project, budget_kind, decided_on, decision_ref, created_at, updated_at)"
	" SELECT unit_id, activity, account, year, month, measure, amount_kr,"
	" coalesce(ledger, 'drift'), project, coalesce(budget_kind, 'original'), decided_on,"
	" decision_ref, ?3, ?3 FROM stage.budget_rows"
	" WHERE id >= ?1 AND id < ?2 ORDER BY id";
static const char sql_bulk_begin[] = "INSERT INTO budget_import_running VALUES (1)";
static const char sql_checks_off[] = "PRAGMA ignore_check_constraints=1";
static const char sql_checks_on[] = "PRAGMA ignore_check_constraints=0";
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
static const char sql_agg_forecast_upsert[] =
	"INSERT INTO budget_agg_forecast (unit_id, year, activity, account, month, amount_kr,"
	" lines) VALUES (?1, ?2, ?3, ?8, ?5, ?6, ?7)" AGG_UPSERT_TAIL;
static const char sql_agg_project_upsert[] =
	"INSERT INTO budget_agg_project (unit_id, year, project, measure, month, amount_kr,"
	" lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" AGG_UPSERT_TAIL;

static const char *const agg_upserts[AGG_N] = {
	[AGG_UNIT] = sql_agg_unit_upsert, [AGG_ACTIVITY] = sql_agg_activity_upsert,
	[AGG_ACCOUNT] = sql_agg_account_upsert, [AGG_FORECAST] = sql_agg_forecast_upsert,
	[AGG_PROJECT] = sql_agg_project_upsert,
};

static int cmp_int(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* Orders keys as the aggregates' primary keys (codes and measure by their text), so the
 * upserts walk the B-tree in order. */
static int agg_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct agg_key *a = &((const struct agg_slot *)pa)->key;
	const struct agg_key *b = &((const struct agg_slot *)pb)->key;
	const struct codes *codes = ctx;
	int c = cmp_int(a->unit_id, b->unit_id);
	if (!c)
		c = cmp_int(a->year, b->year);
	if (!c && a->code != b->code)
		c = strcmp(code_name(codes, a->code), code_name(codes, b->code));
	if (!c && a->code2 != b->code2)
		c = strcmp(code_name(codes, a->code2), code_name(codes, b->code2));
	if (!c)
		c = strcmp(measure_names[a->measure], measure_names[b->measure]);
	return c ? c : cmp_int(a->month, b->month);
}

/* Binds key and sums of slot @p s as ?1..?8 of an upsert. */
static void agg_bind(sqlite3_stmt *st, const struct codes *codes, const struct agg_slot *s)
{
	sqlite3_bind_int64(st, 1, s->key.unit_id);
	sqlite3_bind_int64(st, 2, s->key.year);
	sqlite3_bind_text(st, 3, code_name(codes, s->key.code), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, measure_names[s->key.measure], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, s->key.month);
	sqlite3_bind_int64(st, 6, s->amount_kr);
	sqlite3_bind_int64(st, 7, s->lines);
	sqlite3_bind_text(st, 8, code_name(codes, s->key.code2), -1, SQLITE_STATIC);
}

static enum db_rc agg_write(struct db *db, struct agg_table *t, const struct codes *codes)
{
	sqlite3_stmt *st = db_stmt(db, agg_upserts[t->level]);
	if (!st)
		return DB_ERROR;
	/* pack the used slots to the front and sort them */
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].lines)
			t->slots[n++] = t->slots[i];
	if (n > 1)  /* slots is NULL for an empty import; qsort_r must not see NULL */
		qsort_r(t->slots, n, sizeof *t->slots, agg_cmp, (void *)codes);
	enum db_rc rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		agg_bind(st, codes, &t->slots[i]);
		rc = db_exec_stmt(db, st);
	}
	/* The upsert can only break the range CHECK: the key's stored sum plus the import's
	 * leaves ±9e15 kr. */
	return rc == DB_CONFLICT ? DB_INVALID : rc;
}

/* Copies the staged lines into budget_lines, created now.
 *
 * The copy runs with the connection's triggers off.  An INSERT ... SELECT into a table with
 * triggers first gathers every selected row in a temporary table (in memory, temp_store
 * being MEMORY) before it inserts one, and runs the trigger's program per line; budget_lines'
 * only insert trigger keeps the aggregates, which stands aside for an import anyway
 * (budget_import_running) while the sums are written below.  It also runs without the
 * table's CHECK constraints, which cost more than the rest of the insert together (SQLite
 * evaluates `measure IN (...)` and its like per line): every staged line was checked by the
 * rules of a single write (db_budget_stage_add()'s contract), so they can only hold.  Both
 * switches expire the connection's prepared statements, which SQLite prepares again on
 * their next use, and both are put back before anything else runs on the connection (the
 * aggregates' CHECK is what refuses a sum out of range, below). */
static enum db_rc copy_lines(struct db *db, const struct stage_upload *u)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_stmt *st = db_stmt(db, sql_copy);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, u->first);
	sqlite3_bind_int64(st, 2, u->next);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3 *h = db_handle(db);
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_checks_off));
	if (rc == DB_OK)
		rc = db_exec_stmt(db, st);
	enum db_rc back = db_exec_stmt(db, db_stmt(db, sql_checks_on));
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
	return rc == DB_OK ? back : rc;
}

enum db_rc db_budget_stage_commit(struct db *db, struct db_budget_stage *s)
{
	if (s->out_of_range)
		return DB_INVALID;
	if (s->spent || s->upload.in_piece || s->upload.db != db)
		return DB_ERROR;   /* the contract: once, flushed, on the connection staged on */
	s->spent = true;
	/* The insert trigger stands aside for this transaction; the upserts below do its work. */
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_bulk_begin));
	if (rc == DB_OK)
		rc = copy_lines(db, &s->upload);
	for (int k = 0; rc == DB_OK && k < AGG_N; k++)
		rc = agg_write(db, &s->agg[k], &s->codes);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_bulk_end));
	return rc;
}
