/*
 * The bulk import of statistic facts, inside the caller's transaction.
 *
 * Facts are clustered by (statistic, breakdown, year, unit, dimension values, period), so the
 * rows are sorted into that order first: each insert then lands next to the one before in
 * the B-tree, instead of on a page the cache has long evicted, and two rows of one fact lie
 * side by side for the caller to name.  A row whose fact is stored already is skipped by the
 * insert (ON CONFLICT DO NOTHING) and reported, so one pass both stores the import and finds
 * every clash; the caller then rolls back.  The ids continue from the largest stored.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_statistics.h"

#include "sql.h"

/* ==== order ================================================================================ */

static int cmp_int(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* The last month of a row's period; 0 for a row whose period was refused (its errors are
 * reported, and it is sorted all the same). */
static int last_month(struct period p)
{
	return period_valid(p) ? period_last_month(p) : 0;
}

/* stat_mask() inline: the sort calls it twice per comparison. */
_Static_assert(STAT_MAX_DIMS == 4, "row_mask reads four dimensions");
static unsigned row_mask(const struct statistic_row *r)
{
	return (r->dims[0] != 0) | (r->dims[1] != 0) << 1 | (r->dims[2] != 0) << 2 |
	       (r->dims[3] != 0) << 3;
}

/* The clustering key after the statistic: breakdown, year, unit, values, last month, kind. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct statistic_row *a = pa, *b = pb;
	int c = cmp_int(row_mask(a), row_mask(b));
	if (!c)
		c = cmp_int(a->period.year, b->period.year);
	if (!c)
		c = cmp_int(a->unit_id, b->unit_id);
	for (int i = 0; !c && i < STAT_MAX_DIMS; i++)
		c = cmp_int(a->dims[i], b->dims[i]);
	if (!c)
		c = cmp_int(last_month(a->period), last_month(b->period));
	if (!c)
		c = cmp_int(a->period.kind, b->period.kind);
	return c ? c : cmp_int(a->row, b->row);
}

void db_statistic_rows_sort(struct statistic_row *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof *rows, row_cmp);
}

bool db_statistic_rows_same(const struct statistic_row *a, const struct statistic_row *b)
{
	return a->unit_id == b->unit_id && a->period.year == b->period.year &&
	       a->period.kind == b->period.kind && a->period.index == b->period.index &&
	       memcmp(a->dims, b->dims, sizeof a->dims) == 0;
}

/* ==== writing ============================================================================== */

static const char sql_next_id[] = "SELECT coalesce(max(id), 0) FROM statistic_facts";
static const char sql_import_insert[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, period, dims, form, value, numerator, denominator,"
	" population, null_reason, note, synthetic, created_at, updated_at) VALUES (?1, ?2, ?3,"
	" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
	" ?22, ?23, ?23) ON CONFLICT DO NOTHING";
static const char sql_stored[] =
	"SELECT EXISTS (SELECT 1 FROM statistic_facts WHERE statistic_id = ?1 AND mask = ?2"
	" AND year = ?3 AND unit_id = ?4 AND d1 = ?5 AND d2 = ?6 AND d3 = ?7 AND d4 = ?8"
	" AND month_to = ?9 AND kind = ?10)";

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

/* Binds the key of row @p r of statistic @p def at ?2..?12 as sql_import_insert numbers
 * them (the period's text at ?13). */
static void bind_key(sqlite3_stmt *st, const struct statistic *def,
		     const struct statistic_row *r, char period[PERIOD_BUF])
{
	struct stat_range range = stat_fact_range(r->period);
	sqlite3_bind_int64(st, 2, def->id);
	sqlite3_bind_int(st, 3, (int)stat_mask(r->dims));
	sqlite3_bind_int(st, 4, r->period.year);
	sqlite3_bind_int64(st, 5, r->unit_id);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		sqlite3_bind_int(st, 6 + i, r->dims[i]);
	sqlite3_bind_int(st, 10, range.to);
	sqlite3_bind_int(st, 11, (int)r->period.kind);
	sqlite3_bind_int(st, 12, range.from);
	period_format(r->period, period);
	sqlite3_bind_text(st, 13, period, -1, SQLITE_STATIC);
}

/* Binds everything of row @p r but its id and creation time. */
static bool bind_row(sqlite3_stmt *st, const struct statistic *def,
		     const struct statistic_row *r, char period[PERIOD_BUF],
		     char dims[STAT_DIMS_TEXT])
{
	if (!stat_dims_text(def, r->dims, dims))
		return false;
	bind_key(st, def, r, period);
	sqlite3_bind_text(st, 14, dims, -1, SQLITE_STATIC);
	db_bind_text(st, 15, stat_form_name((enum stat_form)r->form));
	bind_real(st, 16, r->value);
	bind_real(st, 17, r->numerator);
	bind_real(st, 18, r->denominator);
	db_bind_int(st, 19, r->population);
	db_bind_text(st, 20, r->null_reason);
	db_bind_text(st, 21, r->note);
	sqlite3_bind_int(st, 22, r->synthetic);
	return true;
}

static const char sql_import_begin[] = "INSERT INTO statistic_import_running VALUES (1)";
static const char sql_import_end[] = "DELETE FROM statistic_import_running";

/* The upsert of a statistic_years row: the import's months are months no stored fact has
 * (a clash rolls the import back), so bit sets and sums add and populations fill in. */
#define ADD12(c) ", " #c "1 = " #c "1 + excluded." #c "1, " #c "2 = " #c "2 + excluded." #c "2," \
	#c "3 = " #c "3 + excluded." #c "3, " #c "4 = " #c "4 + excluded." #c "4, " \
	#c "5 = " #c "5 + excluded." #c "5, " #c "6 = " #c "6 + excluded." #c "6, " \
	#c "7 = " #c "7 + excluded." #c "7, " #c "8 = " #c "8 + excluded." #c "8, " \
	#c "9 = " #c "9 + excluded." #c "9, " #c "10 = " #c "10 + excluded." #c "10, " \
	#c "11 = " #c "11 + excluded." #c "11, " #c "12 = " #c "12 + excluded." #c "12"
#define FILL(m) ", p" #m " = coalesce(excluded.p" #m ", p" #m ")"
static const char sql_year_upsert[] =
	"INSERT INTO statistic_years VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
	" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,"
	" ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46,"
	" ?47, ?48, ?49, ?50, ?51, ?52, ?53, ?54, ?55, ?56, ?57, ?58, ?59, ?60, ?61)"
	" ON CONFLICT DO UPDATE SET months = months | excluded.months,"
	" given = given | excluded.given, share = share | excluded.share,"
	" nulls = nulls | excluded.nulls, pops = pops | excluded.pops"
	ADD12(v) ADD12(n) ADD12(e) FILL(1) FILL(2) FILL(3) FILL(4) FILL(5) FILL(6) FILL(7) FILL(8)
	FILL(9) FILL(10) FILL(11) FILL(12);

/* The import's monthly facts of one statistic_years row, as statistic_years_view adds them
 * up: bit sets of the months, sums through each month, each month's population. */
struct year_sums {
	unsigned months, given, share, nulls, pops;
	double v[13], n[13], e[13];    /* [m]: month m alone, until year_write makes them sums */
	int64_t p[13];
};

static void year_add(struct year_sums *y, const struct statistic_row *r)
{
	int m = period_last_month(r->period);
	unsigned bit = 1u << m;
	y->months |= bit;
	y->given |= r->form == STAT_FORM_GIVEN ? bit : 0;
	y->share |= r->form == STAT_FORM_SHARE ? bit : 0;
	y->nulls |= r->form == STAT_FORM_NULL ? bit : 0;
	y->pops |= r->population != DB_NULL ? bit : 0;
	y->v[m] = isnan(r->value) ? 0 : r->value;
	y->n[m] = isnan(r->numerator) ? 0 : r->numerator;
	y->e[m] = isnan(r->denominator) ? 0 : r->denominator;
	y->p[m] = r->population;
}

/* Adds the sums @p y of row @p r's key to statistic_years. */
static enum db_rc year_write(struct db *db, const struct statistic *def,
			     const struct statistic_row *r, struct year_sums *y)
{
	sqlite3_stmt *st = db_stmt(db, sql_year_upsert);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, def->id);
	sqlite3_bind_int(st, 2, (int)stat_mask(r->dims));
	sqlite3_bind_int(st, 3, r->period.year);
	sqlite3_bind_int64(st, 4, r->unit_id);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		sqlite3_bind_int(st, 5 + i, r->dims[i]);
	const unsigned bits[] = {y->months, y->given, y->share, y->nulls, y->pops};
	for (int i = 0; i < 5; i++)
		sqlite3_bind_int64(st, 9 + i, bits[i]);
	for (int m = 1; m <= 12; m++) {
		y->v[m] += y->v[m - 1];  /* January through month m, added in month order */
		y->n[m] += y->n[m - 1];
		y->e[m] += y->e[m - 1];
		sqlite3_bind_double(st, 13 + m, y->v[m]);
		sqlite3_bind_double(st, 25 + m, y->n[m]);
		sqlite3_bind_double(st, 37 + m, y->e[m]);
		db_bind_int(st, 49 + m, y->months & (1u << m) ? y->p[m] : DB_NULL);
	}
	return db_exec_stmt(db, st);
}

/* True when rows @p a and @p b are facts of the same row of statistic_years. */
static bool same_year_row(const struct statistic_row *a, const struct statistic_row *b)
{
	return a->unit_id == b->unit_id && a->period.year == b->period.year &&
	       memcmp(a->dims, b->dims, sizeof a->dims) == 0;
}

/* Inserts row @p r with id *id + 1 (taken unless it is stored already: then @p stored is
 * told). */
static enum db_rc insert_row(struct db *db, sqlite3_stmt *st, const struct statistic *def,
			     const struct statistic_row *r, const char *now, int64_t *id,
			     void (*stored)(void *ctx, const struct statistic_row *r), void *ctx)
{
	char period[PERIOD_BUF], dims[STAT_DIMS_TEXT];
	if (!bind_row(st, def, r, period, dims))
		return DB_INVALID;  /* the API resolved the values against def */
	sqlite3_bind_int64(st, 1, *id + 1);
	sqlite3_bind_text(st, 23, now, -1, SQLITE_STATIC);
	enum db_rc rc = db_exec_stmt(db, st);
	if (rc == DB_OK && sqlite3_changes(db_handle(db)) == 0)
		stored(ctx, r);
	else if (rc == DB_OK)
		++*id;
	return rc;
}

enum db_rc db_statistic_facts_import(struct db *db, const struct statistic *def,
				     const struct statistic_row *rows, size_t n,
				     void (*stored)(void *ctx, const struct statistic_row *r),
				     void *ctx)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int64_t id = 0;
	struct year_sums y = {0};  /* of the run of rows of one statistic_years row */
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* the insert trigger stands aside; each statistic_years row is added to once below */
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_import_begin));
	if (rc == DB_OK)
		rc = db_int_one(db, db_stmt(db, sql_next_id), &id);
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql_import_insert) : NULL;
	if (rc == DB_OK && !st)
		rc = DB_ERROR;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		rc = insert_row(db, st, def, &rows[i], now, &id, stored, ctx);
		if (rows[i].period.kind == PERIOD_MONTH)
			year_add(&y, &rows[i]);
		if (i + 1 < n && same_year_row(&rows[i], &rows[i + 1]))
			continue;
		if (rc == DB_OK && y.months)
			rc = year_write(db, def, &rows[i], &y);
		memset(&y, 0, sizeof y);
	}
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_import_end));
	return rc;
}

enum db_rc db_statistic_facts_find_stored(struct db *db, const struct statistic *def,
					  const struct statistic_row *rows, size_t n,
					  void (*stored)(void *ctx, const struct statistic_row *r),
					  void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql_stored);
	enum db_rc rc = st ? DB_OK : DB_ERROR;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		const struct statistic_row *r = &rows[i];
		int64_t found = 0;
		sqlite3_bind_int64(st, 1, def->id);
		sqlite3_bind_int(st, 2, (int)stat_mask(r->dims));
		sqlite3_bind_int(st, 3, r->period.year);
		sqlite3_bind_int64(st, 4, r->unit_id);
		for (int k = 0; k < STAT_MAX_DIMS; k++)
			sqlite3_bind_int(st, 5 + k, r->dims[k]);
		sqlite3_bind_int(st, 9, period_last_month(r->period));
		sqlite3_bind_int(st, 10, (int)r->period.kind);
		rc = db_int_one(db, st, &found);
		if (rc == DB_OK && found)
			stored(ctx, r);
	}
	return rc;
}

/* ==== the units rows may name ============================================================== */

static const char sql_units[] = "SELECT id, code, municipality_code FROM units";

enum db_rc db_statistic_units(struct db *db,
			      void (*fn)(void *ctx, int64_t id, const char *code,
					 const char *municipality),
			      void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql_units);
	if (!st)
		return DB_ERROR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2));
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}
