/*
 * The bulk import of budget lines, inside the caller's transaction.
 *
 * A ledger export repeats few aggregate keys (units × activities × accounts × months) over many
 * lines, so the insert trigger that keeps the aggregates of sql/0002-budget.sql and
 * sql/0009-economy.sql line by line
 * is set aside for the import's transaction (a row in budget_import_running) and its work is
 * done here instead: the new lines are summed per aggregate key in a hash table while they are
 * inserted, then each key is written with one upsert.  That is far cheaper than a trigger
 * upsert per line or a grouped re-read of the lines, and the aggregates still change in the
 * same transaction as the lines.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_budget.h"
#include "folja/money.h"

#include "budget_bind.h"
#include "sql.h"

/* ==== aggregate keys in memory ============================================================ */

struct agg_slot {
	const struct budget_line_in *line;  /* the first line of the key; NULL when free */
	int64_t amount_kr;
	int64_t lines;
};

/* Which aggregate a table feeds: its key is unit × year × measure × month, plus its codes. */
enum agg_level { AGG_UNIT, AGG_ACTIVITY, AGG_ACCOUNT, AGG_FORECAST, AGG_PROJECT, AGG_N };

struct agg_table {
	struct agg_slot *slots;
	size_t cap;            /* a power of two */
	size_t used;
	enum agg_level level;
};

static bool is_investment(const struct budget_line_in *l)
{
	return l->ledger && strcmp(l->ledger, "investering") == 0;
}

/* Whether a line is summed into the aggregate of @p level: drift lines into the first three,
 * drift forecasts also per cell, investments per project. */
static bool agg_takes(enum agg_level level, const struct budget_line_in *l)
{
	if (level == AGG_PROJECT)
		return is_investment(l);
	if (is_investment(l))
		return false;
	return level != AGG_FORECAST || strcmp(l->measure, "forecast") == 0;
}

/* The measure a line is kept under: a budget change apart from the original (the
 * agg_measure column of sql/0009-economy.sql). */
static const char *agg_measure(const struct budget_line_in *l)
{
	if (l->budget_kind && strcmp(l->budget_kind, "change") == 0 &&
	    strcmp(l->measure, "budget") == 0)
		return "budget_change";
	return l->measure;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";  /* NULL and "" are the same key: '' in SQL */
}

/* The key's first code: the activity, account or project; the activity of a cell. */
static const char *agg_code(enum agg_level level, const struct budget_line_in *l)
{
	switch (level) {
	case AGG_ACTIVITY:
	case AGG_FORECAST:
		return or_empty(l->activity);
	case AGG_ACCOUNT:
		return or_empty(l->account);
	case AGG_PROJECT:
		return or_empty(l->project);
	default:
		return "";
	}
}

/* The key's second code: the account of a forecast's cell. */
static const char *agg_code2(enum agg_level level, const struct budget_line_in *l)
{
	return level == AGG_FORECAST ? or_empty(l->account) : "";
}

static int64_t month_of(const struct budget_line_in *l)
{
	return l->month == DB_NULL ? 0 : l->month;
}

static uint64_t hash_text(uint64_t h, const char *c)
{
	for (; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h;
}

static uint64_t agg_hash(const struct agg_table *t, const struct budget_line_in *l)
{
	uint64_t h = 1469598103934665603u;
	const char *m = agg_measure(l);
	h = (h ^ (uint64_t)l->unit_id) * 1099511628211u;
	h = (h ^ (uint64_t)(l->year * 16 + month_of(l))) * 1099511628211u;
	h = (h ^ (unsigned char)m[0] ^ ((unsigned char)m[6] << 8)) * 1099511628211u;
	h = hash_text(hash_text(h, agg_code(t->level, l)), agg_code2(t->level, l));
	return h ^ (h >> 29);
}

static bool agg_same(const struct agg_table *t, const struct budget_line_in *a,
		     const struct budget_line_in *b)
{
	return a->unit_id == b->unit_id && a->year == b->year && a->month == b->month &&
	       strcmp(agg_measure(a), agg_measure(b)) == 0 &&
	       strcmp(agg_code(t->level, a), agg_code(t->level, b)) == 0 &&
	       strcmp(agg_code2(t->level, a), agg_code2(t->level, b)) == 0;
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
	if (!c)
		c = strcmp(agg_code2(level, a), agg_code2(level, b));
	if (!c)
		c = strcmp(agg_measure(a), agg_measure(b));
	if (c)
		return c;
	return month_of(a) < month_of(b) ? -1 : month_of(a) > month_of(b);
}

/* ==== writing ============================================================================= */

static const char sql_import_insert[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr,"
	" ledger, project, budget_kind, decided_on, decision_ref, created_at, updated_at)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)";
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

/* Binds key and sums of slot @p s as ?1..?8 of an upsert. */
static void agg_bind(sqlite3_stmt *st, const struct agg_table *t, const struct agg_slot *s)
{
	sqlite3_bind_int64(st, 1, s->line->unit_id);
	sqlite3_bind_int64(st, 2, s->line->year);
	sqlite3_bind_text(st, 3, agg_code(t->level, s->line), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, agg_measure(s->line), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, month_of(s->line));
	sqlite3_bind_int64(st, 6, s->amount_kr);
	sqlite3_bind_int64(st, 7, s->lines);
	if (t->level == AGG_FORECAST)
		sqlite3_bind_text(st, 8, agg_code2(t->level, s->line), -1, SQLITE_STATIC);
}

static enum db_rc agg_write(struct db *db, struct agg_table *t)
{
	sqlite3_stmt *st = db_stmt(db, agg_upserts[t->level]);
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
		agg_bind(st, t, &t->slots[i]);
		rc = db_exec_stmt(db, st);
	}
	/* The upsert can only break the range CHECK: the key's stored sum plus the import's
	 * leaves ±9e15 kr. */
	return rc == DB_CONFLICT ? DB_INVALID : rc;
}

enum db_rc db_budget_import(struct db *db, const struct budget_line_in *rows, size_t n)
{
	struct agg_table agg[AGG_N];
	for (int k = 0; k < AGG_N; k++)
		agg[k] = (struct agg_table){.level = (enum agg_level)k};
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
		db_budget_bind_line(st, &rows[i]);
		sqlite3_bind_text(st, 14, now, -1, SQLITE_STATIC);
		rc = db_exec_stmt(db, st);
		for (int k = 0; rc == DB_OK && k < AGG_N; k++)
			if (agg_takes((enum agg_level)k, &rows[i]))
				rc = agg_add(&agg[k], &rows[i]);
	}
	for (int k = 0; rc == DB_OK && k < AGG_N; k++)
		rc = agg_write(db, &agg[k]);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_bulk_end));
	for (int k = 0; k < AGG_N; k++)
		free(agg[k].slots);
	return rc;
}

/* ==== the units an import may name ======================================================== */

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
