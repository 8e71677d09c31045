/*
 * The bulk import of budget lines: staged as the body arrives, stored in one short
 * transaction at its end.
 *
 * An import of a year's ledger is a million lines or more, read over many calls while the
 * client uploads.  Each checked line goes to the upload's spool file (budget_spool.h) at once,
 * packed, so neither the body nor its lines are held in memory and the main database is not
 * locked while the upload lasts.  At the end one transaction copies the spooled lines into
 * budget_lines with a single INSERT ... SELECT from the spool and writes the aggregates.
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

#include "folja/db_budget.h"
#include "folja/money.h"

#include "budget_spool.h"
#include "pg.h"
#include "sql.h"
#include "stage.h"

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
	struct db *db;         /* borrowed: the connection it is staged on */
	struct budget_spool lines;
	int64_t counted;       /* lines counted among the process's staged rows (stage.h) */
	struct codes codes;
	struct agg_table agg[AGG_N];
	bool out_of_range;     /* a key's sum left ±MONEY_MAX_KR: nothing can be stored */
	bool spent;            /* committed once: the sums' tables are sorted, no longer hashed */
};

enum db_rc db_budget_stage_open(struct db *db, struct db_budget_stage **out)
{
	struct db_budget_stage *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s)
		return DB_NOMEM;
	for (int k = 0; k < AGG_N; k++)
		s->agg[k].level = (enum agg_level)k;
	s->db = db;
	s->lines.codes = &s->codes;
	enum db_rc rc = spool_open(&s->lines.file);
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

/* Adds line @p l, its codes interned as @p lc, to the sums of its keys. */
static enum db_rc sums_add(struct db_budget_stage *s, const struct budget_line_in *l,
			   const struct line_codes *lc)
{
	/* The tables are large and each line lands at random in them: the slots are fetched
	 * all at once before they are read, so their cache misses overlap. */
	struct agg_key keys[AGG_N];
	size_t at[AGG_N];
	enum db_rc rc = DB_OK;
	for (int k = 0; k < AGG_N; k++) {
		if (!agg_takes((enum agg_level)k, lc))
			continue;
		if (!agg_reserve(&s->agg[k]))
			return DB_NOMEM;
		keys[k] = agg_key_of((enum agg_level)k, l, lc);
		at[k] = agg_hash(&keys[k]) & (s->agg[k].cap - 1);
		__builtin_prefetch(&s->agg[k].slots[at[k]]);
	}
	for (int k = 0; rc == DB_OK && k < AGG_N; k++)
		if (agg_takes((enum agg_level)k, lc))
			rc = agg_add(&s->agg[k], &keys[k], at[k], l->amount_kr);
	if (rc == DB_INVALID)
		s->out_of_range = true;
	return rc;
}

enum db_rc db_budget_stage_add(struct db_budget_stage *s, const struct budget_line_in *l)
{
	if (s->out_of_range || s->spent)
		return DB_INVALID;
	/* the codes are interned once, for the sums and the spool alike */
	struct line_codes lc = {.measure = measure_of(l),
				.investment = l->ledger && strcmp(l->ledger, "investering") == 0};
	if (!codes_id(&s->codes, l->activity, &lc.activity) ||
	    !codes_id(&s->codes, l->account, &lc.account) ||
	    !codes_id(&s->codes, l->project, &lc.project))
		return DB_NOMEM;
	const uint32_t ids[BUDGET_SPOOL_INTERNED] = {lc.activity, lc.account, lc.project};
	enum db_rc rc = budget_spool_add(&s->lines, l, ids);
	return rc == DB_OK ? sums_add(s, l, &lc) : rc;
}

enum db_rc db_budget_stage_flush(struct db_budget_stage *s)
{
	enum db_rc rc = spool_flush(&s->lines.file);
	if (rc == DB_OK) {
		stage_count(s->lines.lines - s->counted);
		s->counted = s->lines.lines;
	}
	return rc;
}

enum db_rc db_budget_stage_each(struct db_budget_stage *s,
				enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
						 int64_t year, int64_t month),
				void *ctx)
{
	if (s->lines.file.len)
		return DB_ERROR;   /* the contract: flushed */
	return budget_spool_each(&s->lines, fn, ctx);
}

void db_budget_stage_free(struct db_budget_stage *s)
{
	if (!s)
		return;
	spool_close(&s->lines.file);
	stage_count(-s->counted);
	codes_free(&s->codes);
	for (int k = 0; k < AGG_N; k++)
		free(s->agg[k].slots);
	free(s);
}

/* ==== storing ============================================================================= */

static const char sql_copy[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr,"
	" ledger, project, budget_kind, decided_on, decision_ref, created_at, updated_at)"
	" SELECT c0, c1, c2, c3, c4, c5, c6, coalesce(c7, 'drift'), c8, coalesce(c9, 'original'),"
	" c10, c11, ?2, ?2 FROM folja_rows(?1)";   /* budget_spool_rows()'s columns, in order */
static const char sql_bulk_begin[] = "INSERT INTO budget_import_running VALUES (1)";
static const char sql_bulk_end[] = "DELETE FROM budget_import_running";
#define AGG_UPSERT_TAIL \
	" ON CONFLICT DO UPDATE SET amount_kr = amount_kr + excluded.amount_kr," \
	" lines = lines + excluded.lines"
/* The sums of an aggregate's keys (struct slot_rows) added to it; `WHERE true` tells SQLite
 * the ON CONFLICT is the upsert's, not a join's. */
#define AGG_FROM " FROM folja_rows(?1) WHERE true"
static const char sql_agg_unit_upsert[] =
	"INSERT INTO budget_agg_unit (unit_id, year, measure, month, amount_kr, lines)"
	" SELECT c0, c1, c3, c4, c5, c6" AGG_FROM AGG_UPSERT_TAIL;
static const char sql_agg_activity_upsert[] =
	"INSERT INTO budget_agg_activity (unit_id, year, activity, measure, month, amount_kr,"
	" lines) SELECT c0, c1, c2, c3, c4, c5, c6" AGG_FROM AGG_UPSERT_TAIL;
static const char sql_agg_account_upsert[] =
	"INSERT INTO budget_agg_account (unit_id, year, account, measure, month, amount_kr,"
	" lines) SELECT c0, c1, c2, c3, c4, c5, c6" AGG_FROM AGG_UPSERT_TAIL;
static const char sql_agg_forecast_upsert[] =
	"INSERT INTO budget_agg_forecast (unit_id, year, activity, account, month, amount_kr,"
	" lines) SELECT c0, c1, c2, c7, c4, c5, c6" AGG_FROM AGG_UPSERT_TAIL;
static const char sql_agg_project_upsert[] =
	"INSERT INTO budget_agg_project (unit_id, year, project, measure, month, amount_kr,"
	" lines) SELECT c0, c1, c2, c3, c4, c5, c6" AGG_FROM AGG_UPSERT_TAIL;

/* The twins: the rows are the table folja_rows (rows.h), their columns text. */
static const char pg_copy[] =
	"INSERT INTO budget_lines (id, unit_id, activity, account, year, month, measure,"
	" amount_kr, ledger, project, budget_kind, decided_on, decision_ref, created_at,"
	" updated_at) SELECT (SELECT coalesce(max(id), 0) FROM budget_lines) + n,"
	" c0::bigint, c1, c2, c3::bigint, c4::bigint, c5, c6::bigint,"
	" coalesce(c7, 'drift'), c8, coalesce(c9, 'original'), c10::date, c11,"
	" $2::timestamptz, $2::timestamptz FROM folja_rows ORDER BY n";
#define PG_AGG_UPSERT(table, key) \
	" FROM folja_rows ORDER BY n ON CONFLICT (" key ") DO UPDATE SET" \
	" amount_kr = " table ".amount_kr + excluded.amount_kr," \
	" lines = " table ".lines + excluded.lines"
static const char pg_agg_unit_upsert[] =
	"INSERT INTO budget_agg_unit (unit_id, year, measure, month, amount_kr, lines)"
	" SELECT c0::bigint, c1::bigint, c3, c4::bigint, c5::bigint, c6::bigint"
	PG_AGG_UPSERT("budget_agg_unit", "unit_id, year, measure, month");
static const char pg_agg_activity_upsert[] =
	"INSERT INTO budget_agg_activity (unit_id, year, activity, measure, month, amount_kr,"
	" lines) SELECT c0::bigint, c1::bigint, c2, c3, c4::bigint, c5::bigint, c6::bigint"
	PG_AGG_UPSERT("budget_agg_activity", "unit_id, year, activity, measure, month");
static const char pg_agg_account_upsert[] =
	"INSERT INTO budget_agg_account (unit_id, year, account, measure, month, amount_kr,"
	" lines) SELECT c0::bigint, c1::bigint, c2, c3, c4::bigint, c5::bigint, c6::bigint"
	PG_AGG_UPSERT("budget_agg_account", "unit_id, year, account, measure, month");
static const char pg_agg_forecast_upsert[] =
	"INSERT INTO budget_agg_forecast (unit_id, year, activity, account, month, amount_kr,"
	" lines) SELECT c0::bigint, c1::bigint, c2, c7, c4::bigint, c5::bigint, c6::bigint"
	PG_AGG_UPSERT("budget_agg_forecast", "unit_id, year, activity, account, month");
static const char pg_agg_project_upsert[] =
	"INSERT INTO budget_agg_project (unit_id, year, project, measure, month, amount_kr,"
	" lines) SELECT c0::bigint, c1::bigint, c2, c3, c4::bigint, c5::bigint, c6::bigint"
	PG_AGG_UPSERT("budget_agg_project", "unit_id, year, project, measure, month");

static const struct db_twin agg_upserts[AGG_N] = {
	[AGG_UNIT] = {sql_agg_unit_upsert, pg_agg_unit_upsert},
	[AGG_ACTIVITY] = {sql_agg_activity_upsert, pg_agg_activity_upsert},
	[AGG_ACCOUNT] = {sql_agg_account_upsert, pg_agg_account_upsert},
	[AGG_FORECAST] = {sql_agg_forecast_upsert, pg_agg_forecast_upsert},
	[AGG_PROJECT] = {sql_agg_project_upsert, pg_agg_project_upsert},
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

/* An aggregate's keys and sums, sorted, as rows (rows.h): c0 unit_id, c1 year, c2 the code,
 * c3 the measure, c4 month, c5 amount_kr, c6 lines, c7 the second code. */
struct slot_rows {
	struct rows base;
	const struct agg_slot *slots;   /* borrowed */
	size_t n, next;                 /* slots; the one next() moves to */
	const struct codes *codes;      /* borrowed */
};

static enum db_rc slots_rewind(struct rows *base)
{
	((struct slot_rows *)base)->next = 0;
	return DB_OK;
}

static int slots_next(struct rows *base)
{
	struct slot_rows *r = (struct slot_rows *)base;
	return r->next < r->n ? (r->next++, 1) : 0;
}

static void slots_column(struct rows *base, struct rows_out *out, int col)
{
	const struct slot_rows *r = (const struct slot_rows *)base;
	const struct agg_slot *s = &r->slots[r->next - 1];
	const int64_t ints[] = {[0] = s->key.unit_id, [1] = s->key.year, [4] = s->key.month,
				[5] = s->amount_kr, [6] = s->lines};
	if (col == 2 || col == 7)
		rows_text(out, code_name(r->codes, col == 2 ? s->key.code : s->key.code2));
	else if (col == 3)
		rows_text(out, measure_names[s->key.measure]);
	else if (col < 7)
		rows_int(out, ints[col]);
	else
		rows_null(out);
}

static enum db_rc agg_write(struct db *db, struct agg_table *t, const struct codes *codes)
{
	/* pack the used slots to the front and sort them */
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].lines)
			t->slots[n++] = t->slots[i];
	if (n == 0)
		return DB_OK;
	if (n > 1)
		qsort_r(t->slots, n, sizeof *t->slots, agg_cmp, (void *)codes);
	struct slot_rows rows = {.base = {slots_rewind, slots_next, slots_column},
				 .slots = t->slots, .n = n, .codes = codes};
	enum db_rc rc = rows_run(db, &agg_upserts[t->level], &rows.base, 8, NULL, NULL);
	/* The upsert can only break the range CHECK: the key's stored sum plus the import's
	 * leaves ±9e15 kr. */
	return rc == DB_CONFLICT ? DB_INVALID : rc;
}

/* What sql_copy binds: the lines and the time they are created at. */
struct copy_args {
	struct rows *lines;
	char now[DB_NOW_TEXT];
};

static void copy_bind(struct db_params *p, const void *in)
{
	const struct copy_args *a = in;
	if (p->st)
		rows_bind(p->st, 1, a->lines);   /* PostgreSQL's rows are a table (rows_run) */
	db_param_text(p, 2, a->now);
}

/* Copies the staged lines into budget_lines, created now.
 *
 * The copy runs with triggers and CHECK constraints off (db_exec_unchecked()): budget_lines'
 * only insert trigger keeps the aggregates, which stands aside for an import anyway
 * (budget_import_running) while the sums are written below, and every staged line was
 * checked by the rules of a single write (db_budget_stage_add()'s contract).  The
 * aggregates' CHECK, on again below, is what refuses a sum out of range. */
static enum db_rc copy_lines(struct db *db, struct rows *lines)
{
	struct copy_args a = {.lines = lines};
	db_now(a.now);
	if (db_pg(db))   /* its triggers stand aside by budget_import_running alone */
		return rows_run(db, DB_TWIN(sql_copy, pg_copy), lines, 12, copy_bind, &a);
	return db_exec_unchecked(db, sql_copy, copy_bind, &a);
}

enum db_rc db_budget_stage_commit(struct db *db, struct db_budget_stage *s)
{
	if (s->out_of_range)
		return DB_INVALID;
	if (s->spent || s->lines.file.len || s->db != db)
		return DB_ERROR;   /* the contract: once, flushed, on the connection staged on */
	s->spent = true;
	struct rows *scan = budget_spool_rows(&s->lines);
	if (!scan)
		return DB_NOMEM;
	/* The insert trigger stands aside for this transaction; the upserts below do its work. */
	enum db_rc rc = db_run(db, DB_TWIN(sql_bulk_begin, sql_bulk_begin), NULL, NULL, NULL);
	if (rc == DB_OK)
		rc = copy_lines(db, scan);
	budget_spool_rows_free(scan);
	for (int k = 0; rc == DB_OK && k < AGG_N; k++)
		rc = agg_write(db, &s->agg[k], &s->codes);
	if (rc == DB_OK)
		rc = db_run(db, DB_TWIN(sql_bulk_end, sql_bulk_end), NULL, NULL, NULL);
	return rc;
}
