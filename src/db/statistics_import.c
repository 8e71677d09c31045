/*
 * The bulk import of statistic facts: staged as the body arrives, checked and stored at its
 * end in the facts' clustering order.
 *
 * Each row read is staged at once in the connection's staging database (stage.h), so the
 * body's rows are neither held in memory nor keep the main database locked while the upload
 * lasts; rows with errors are staged too, since the end compares every row with its
 * neighbours.  A row is staged with the columns a fact is stored with (its period and
 * dimension values as text), so storing it is a copy.  At the end the rows are sorted once
 * into the order of the facts' clustering key (statistic, breakdown, year, unit, dimension
 * values, period) and read back in it once: two rows of one fact then lie side by side for
 * the caller to name, and the import's additions to statistic_years, one per key, are summed
 * on the way and staged too.  (An index kept on the staged rows as they arrive would give the
 * order without the sort, but each row then lands at random in an index larger than any
 * cache: several times slower.)  Storing is then two INSERT ... SELECT statements in that
 * order, each insert landing next to the one before in the B-tree; one statement for all rows
 * opens its cursors once, where an insert per row opened them a million times.  A clash with a
 * stored fact fails the statement, which undoes itself; only then are the rows looked up one
 * by one to name each clash, and the caller rolls back.  The ids continue from the largest
 * stored.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folja/db_statistics.h"

#include "sql.h"
#include "stage.h"

/* ==== order ================================================================================ */

/* The last month of a row's period; 0 for a row whose period was refused (its errors are
 * reported, and it is ordered all the same). */
static int last_month(struct period p)
{
	return period_valid(p) ? period_last_month(p) : 0;
}

static bool rows_same(const struct statistic_row *a, const struct statistic_row *b)
{
	return a->unit_id == b->unit_id && a->period.year == b->period.year &&
	       a->period.kind == b->period.kind && a->period.index == b->period.index &&
	       memcmp(a->dims, b->dims, sizeof a->dims) == 0;
}

/* ==== staging ============================================================================== */

struct db_statistic_stage {
	struct stage_upload upload;   /* upload.sorted_lo..hi: the rows in statistic_sorted */
	const struct statistic *def;  /* borrowed: the statistic imported into */
	bool sorted;                  /* sort_rows() has run */
	int64_t years;                /* rows staged in stage.statistic_years, ids from first */
};

/* idx and form are the period's index and the enum stat_form, form_name the form's text */
#define ROW_COLUMNS "row, unit_id, mask, year, d1, d2, d3, d4, last_month, kind, idx, form," \
	" synthetic, value, numerator, denominator, population, null_reason, note, month_from," \
	" period, dims, form_name"
static const char sql_stage_insert[] =
	"INSERT INTO stage.statistic_rows (id, " ROW_COLUMNS ") VALUES (?1, ?3, ?4, ?5, ?6, ?7,"
	" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,"
	" ?25)";
/* The upload's rows in the facts' clustering order after the statistic: breakdown, year,
 * unit, values, last month, kind, then the file's order, appended to statistic_sorted (their
 * ids, from the largest there + 1, then follow that order).  SQLite sorts them within the
 * memory of the connection's cache when temporary files are files (sort_rows()), else all in
 * memory. */
static const char sql_sorted_last[] = "SELECT coalesce(max(id), 0) FROM stage.statistic_sorted";
static const char sql_stage_sort[] =
	"INSERT INTO stage.statistic_sorted (" ROW_COLUMNS ") SELECT " ROW_COLUMNS
	" FROM stage.statistic_rows WHERE id >= ?1 AND id < ?2"
	" ORDER BY mask, year, unit_id, d1, d2, d3, d4, last_month, kind, row";
static const char sql_temp_files[] = "PRAGMA temp_store=FILE";
static const char sql_temp_memory[] = "PRAGMA temp_store=MEMORY";
/* The sorted rows, in their order. */
static const char sql_stage_read[] =
	"SELECT row, unit_id, year, d1, d2, d3, d4, kind, idx, form, synthetic, value, numerator,"
	" denominator, population, null_reason, note FROM stage.statistic_sorted"
	" WHERE id >= ?1 AND id <= ?2 ORDER BY id";

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static double column_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

enum db_rc db_statistic_stage_open(struct db *db, const struct statistic *def,
				   struct db_statistic_stage **out)
{
	struct db_statistic_stage *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s)
		return DB_NOMEM;
	enum db_rc rc = stage_start(db, &s->upload);
	if (rc != DB_OK) {
		free(s);
		return rc;
	}
	s->def = def;
	*out = s;
	return DB_OK;
}

/* Binds row @p r of statistic @p def as ?3..?25 of sql_stage_insert, its texts in @p period
 * and @p dims.  A row with errors may have no period or dimension values to write out: NULL
 * (it is never stored). */
static void stage_bind(sqlite3_stmt *st, const struct statistic *def,
		       const struct statistic_row *r, char period[PERIOD_BUF],
		       char dims[STAT_DIMS_TEXT])
{
	sqlite3_bind_int64(st, 3, r->row);
	sqlite3_bind_int64(st, 4, r->unit_id);
	sqlite3_bind_int(st, 5, (int)stat_mask(r->dims));
	sqlite3_bind_int(st, 6, r->period.year);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		sqlite3_bind_int(st, 7 + i, r->dims[i]);
	sqlite3_bind_int(st, 11, last_month(r->period));
	sqlite3_bind_int(st, 12, (int)r->period.kind);
	sqlite3_bind_int(st, 13, r->period.index);
	sqlite3_bind_int(st, 14, r->form);
	sqlite3_bind_int(st, 15, r->synthetic);
	bind_real(st, 16, r->value);
	bind_real(st, 17, r->numerator);
	bind_real(st, 18, r->denominator);
	db_bind_int(st, 19, r->population);
	db_bind_text(st, 20, r->null_reason);
	db_bind_text(st, 21, r->note);
	bool valid = period_valid(r->period);
	if (valid)
		period_format(r->period, period);
	sqlite3_bind_int(st, 22, valid ? stat_fact_range(r->period).from : 0);
	sqlite3_bind_text(st, 23, valid ? period : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 24, stat_dims_text(def, r->dims, dims) ? dims : NULL, -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 25, stat_form_name((enum stat_form)r->form), -1, SQLITE_STATIC);
}

enum db_rc db_statistic_stage_add(struct db_statistic_stage *s, const struct statistic_row *r)
{
	int64_t id;
	sqlite3_stmt *st = NULL;
	enum db_rc rc = stage_next_id(&s->upload, &id);
	if (rc == DB_OK && !(st = db_stmt(s->upload.db, sql_stage_insert)))
		rc = DB_ERROR;
	if (rc != DB_OK)
		return rc;
	char period[PERIOD_BUF], dims[STAT_DIMS_TEXT];
	sqlite3_bind_int64(st, 1, id);
	stage_bind(st, s->def, r, period, dims);
	return db_exec_stmt(s->upload.db, st);
}

enum db_rc db_statistic_stage_flush(struct db_statistic_stage *s)
{
	return stage_piece_end(&s->upload);
}

void db_statistic_stage_free(struct db_statistic_stage *s)
{
	if (!s)
		return;
	stage_drop(&s->upload);
	free(s);
}

/* The staged row under @p st's cursor (strings borrowed until the next step). */
static void row_read(sqlite3_stmt *st, struct statistic_row *r)
{
	*r = (struct statistic_row){
		.row = (uint32_t)sqlite3_column_int64(st, 0),
		.unit_id = sqlite3_column_int64(st, 1),
		.period = {(enum period_kind)sqlite3_column_int(st, 7), sqlite3_column_int(st, 2),
			   sqlite3_column_int(st, 8)},
		.form = (uint8_t)sqlite3_column_int(st, 9),
		.synthetic = sqlite3_column_int(st, 10) != 0,
		.value = column_real(st, 11),
		.numerator = column_real(st, 12),
		.denominator = column_real(st, 13),
		.population = sqlite3_column_type(st, 14) == SQLITE_NULL ? DB_NULL :
			      sqlite3_column_int64(st, 14),
		.null_reason = (const char *)sqlite3_column_text(st, 15),
		.note = (const char *)sqlite3_column_text(st, 16),
	};
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		r->dims[i] = (uint8_t)sqlite3_column_int(st, 3 + i);
}

/* Copies the upload's rows once into statistic_sorted in clustering order (outside any
 * transaction: the first walk, for twins).  The sort runs with temporary files on disk, so a
 * million rows cost the connection's cache in memory, not their size; the connection's own
 * setting (memory, for small sorts) is put back after. */
static enum db_rc sort_rows(struct db_statistic_stage *s)
{
	struct db *db = s->upload.db;
	if (s->sorted)
		return DB_OK;
	if (s->upload.in_piece)
		return DB_ERROR;   /* the contract: flushed */
	int64_t last = 0;
	enum db_rc rc = db_int_one(db, db_stmt(db, sql_sorted_last), &last);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_temp_files));
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql_stage_sort) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, s->upload.first);
		sqlite3_bind_int64(st, 2, s->upload.next);
		rc = db_exec_stmt(db, st);
	} else if (rc == DB_OK) {
		rc = DB_ERROR;
	}
	/* the range is kept before the result is known: what was inserted is dropped with it */
	s->upload.sorted_lo = last + 1;
	s->upload.sorted_hi = last + (s->upload.next - s->upload.first);
	enum db_rc back = db_exec_stmt(db, db_stmt(db, sql_temp_memory));
	s->sorted = rc == DB_OK && back == DB_OK;
	return rc == DB_OK ? back : rc;
}

/* Calls @p fn with each staged row of @p s in clustering order until it returns other than
 * DB_OK; that is the result. */
static enum db_rc walk(struct db_statistic_stage *s,
		       enum db_rc (*fn)(void *ctx, const struct statistic_row *r), void *ctx)
{
	struct db *db = s->upload.db;
	enum db_rc rc = sort_rows(s);
	sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, sql_stage_read) : NULL;
	if (!st)
		return rc == DB_OK ? DB_ERROR : rc;
	sqlite3_bind_int64(st, 1, s->upload.sorted_lo);
	sqlite3_bind_int64(st, 2, s->upload.sorted_hi);
	int step = SQLITE_DONE;
	while (rc == DB_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct statistic_row r;
		row_read(st, &r);
		rc = fn(ctx, &r);
	}
	if (rc == DB_OK && step != SQLITE_DONE)
		rc = db_rc_from(db, step);
	db_done(st);
	return rc;
}

/* ==== the year sums ======================================================================== */

/* The import's monthly facts of one statistic_years row, as statistic_years_view adds them
 * up: bit sets of the months, sums through each month, each month's population. */
struct year_sums {
	unsigned months, given, share, nulls, pops;
	double v[13], n[13], e[13];    /* [m]: month m alone, until year_stage makes them sums */
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

/* True when rows @p a and @p b are facts of the same row of statistic_years. */
static bool same_year_row(const struct statistic_row *a, const struct statistic_row *b)
{
	return a->unit_id == b->unit_id && a->period.year == b->period.year &&
	       memcmp(a->dims, b->dims, sizeof a->dims) == 0;
}

/* Columns ?2.. of a statistic_years row: its key after the statistic, its bit sets, the sums
 * v, n, e through each month and each month's population. */
#define YEAR_PARAMS \
	" ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19," \
	" ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36," \
	" ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53," \
	" ?54, ?55, ?56, ?57, ?58, ?59, ?60, ?61"
static const char sql_year_stage[] = "INSERT INTO stage.statistic_years VALUES (?1," YEAR_PARAMS
	")";

/* Stages the sums @p y of row @p r's key as stage.statistic_years row @p id. */
static enum db_rc year_stage(struct db *db, int64_t id, const struct statistic_row *r,
			     struct year_sums *y)
{
	sqlite3_stmt *st = db_stmt(db, sql_year_stage);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
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

/* ==== the first read: twins and year sums ================================================== */

/* A walk for twins, summing the monthly facts of each statistic_years row on the way (the
 * walk's order keeps the rows of one together). */
struct twins {
	struct db_statistic_stage *s;
	struct statistic_row prev;     /* the row before (strings not kept) */
	bool have_prev;
	struct year_sums y;            /* of the run of prev's statistic_years row so far */
	void (*twin)(void *ctx, const struct statistic_row *r, uint32_t first_row);
	void *ctx;
};

/* Stages the sums of the run that ended with t->prev, if it holds a monthly fact. */
static enum db_rc run_end(struct twins *t)
{
	enum db_rc rc = DB_OK;
	if (t->y.months)
		rc = year_stage(t->s->upload.db, t->s->upload.first + t->s->years++, &t->prev,
				&t->y);
	memset(&t->y, 0, sizeof t->y);
	return rc;
}

static enum db_rc twin_check(void *ctx, const struct statistic_row *r)
{
	struct twins *t = ctx;
	enum db_rc rc = DB_OK;
	if (t->have_prev && rows_same(&t->prev, r))
		t->twin(t->ctx, r, t->prev.row);
	if (t->have_prev && !same_year_row(&t->prev, r))
		rc = run_end(t);
	if (r->period.kind == PERIOD_MONTH && period_valid(r->period))
		year_add(&t->y, r);
	t->prev = *r;
	t->prev.null_reason = t->prev.note = NULL;
	t->have_prev = true;
	return rc;
}

enum db_rc db_statistic_stage_twins(struct db_statistic_stage *s,
				    void (*twin)(void *ctx, const struct statistic_row *r,
						 uint32_t first_row),
				    void *ctx)
{
	struct twins t = {.s = s, .twin = twin, .ctx = ctx};
	enum db_rc rc = sort_rows(s);
	if (rc == DB_OK)   /* the year sums' inserts, in one transaction */
		rc = stage_piece_begin(&s->upload);
	if (rc == DB_OK)
		rc = walk(s, twin_check, &t);
	if (rc == DB_OK)
		rc = run_end(&t);
	enum db_rc end = stage_piece_end(&s->upload);
	return rc == DB_OK ? end : rc;
}

/* ==== looking up stored facts ============================================================== */

static const char sql_stored[] =
	"SELECT EXISTS (SELECT 1 FROM statistic_facts WHERE statistic_id = ?1 AND mask = ?2"
	" AND year = ?3 AND unit_id = ?4 AND d1 = ?5 AND d2 = ?6 AND d3 = ?7 AND d4 = ?8"
	" AND month_to = ?9 AND kind = ?10)";

/* A walk looking for stored facts. */
struct lookup {
	struct db *db;
	const struct statistic *def;
	size_t found;
	void (*stored)(void *ctx, const struct statistic_row *r);
	void *ctx;
};

static enum db_rc find_stored(void *ctx, const struct statistic_row *r)
{
	struct lookup *l = ctx;
	sqlite3_stmt *st = db_stmt(l->db, sql_stored);
	int64_t found = 0;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, l->def->id);
	sqlite3_bind_int(st, 2, (int)stat_mask(r->dims));
	sqlite3_bind_int(st, 3, r->period.year);
	sqlite3_bind_int64(st, 4, r->unit_id);
	for (int k = 0; k < STAT_MAX_DIMS; k++)
		sqlite3_bind_int(st, 5 + k, r->dims[k]);
	sqlite3_bind_int(st, 9, period_last_month(r->period));
	sqlite3_bind_int(st, 10, (int)r->period.kind);
	enum db_rc rc = db_int_one(l->db, st, &found);
	if (rc == DB_OK && found) {
		l->found++;
		l->stored(l->ctx, r);
	}
	return rc;
}

/* Calls @p stored for each staged row whose fact is stored; *found gets how many. */
static enum db_rc each_stored(struct db_statistic_stage *s,
			      void (*stored)(void *ctx, const struct statistic_row *r), void *ctx,
			      size_t *found)
{
	struct lookup l = {.db = s->upload.db, .def = s->def, .stored = stored, .ctx = ctx};
	enum db_rc rc = walk(s, find_stored, &l);
	*found = l.found;
	return rc;
}

enum db_rc db_statistic_stage_find_stored(struct db_statistic_stage *s,
					  void (*stored)(void *ctx, const struct statistic_row *r),
					  void *ctx)
{
	size_t found;
	return each_stored(s, stored, ctx, &found);
}

/* ==== storing ============================================================================== */

static const char sql_next_id[] = "SELECT coalesce(max(id), 0) FROM statistic_facts";
/* The sorted rows ?3..?4 as facts of statistic ?2, row lo getting id ?1 + lo. */
static const char sql_facts_copy[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, period, dims, form, value, numerator, denominator,"
	" population, null_reason, note, synthetic, created_at, updated_at)"
	" SELECT ?1 + id, ?2, mask, year, unit_id, d1, d2, d3, d4, last_month, kind, month_from,"
	" period, dims, form_name, value, numerator, denominator, population, null_reason, note,"
	" synthetic, ?5, ?5 FROM stage.statistic_sorted WHERE id >= ?3 AND id <= ?4 ORDER BY id";

/* The staged year sums ?2..?3 added to statistic_years of statistic ?1: the import's months
 * are months no stored fact has (a clash fails the copy first), so bit sets and sums add and
 * populations fill in. */
#define ADD12(c) ", " #c "1 = " #c "1 + excluded." #c "1, " #c "2 = " #c "2 + excluded." #c "2," \
	#c "3 = " #c "3 + excluded." #c "3, " #c "4 = " #c "4 + excluded." #c "4, " \
	#c "5 = " #c "5 + excluded." #c "5, " #c "6 = " #c "6 + excluded." #c "6, " \
	#c "7 = " #c "7 + excluded." #c "7, " #c "8 = " #c "8 + excluded." #c "8, " \
	#c "9 = " #c "9 + excluded." #c "9, " #c "10 = " #c "10 + excluded." #c "10, " \
	#c "11 = " #c "11 + excluded." #c "11, " #c "12 = " #c "12 + excluded." #c "12"
#define FILL(m) ", p" #m " = coalesce(excluded.p" #m ", p" #m ")"
static const char sql_years_copy[] =
	"INSERT INTO statistic_years SELECT ?1, mask, year, unit_id, d1, d2, d3, d4, months,"
	" given, share, nulls, pops, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12,"
	" n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12,"
	" e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12,"
	" p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12 FROM stage.statistic_years"
	" WHERE id >= ?2 AND id < ?3 ORDER BY id"
	" ON CONFLICT DO UPDATE SET months = months | excluded.months,"
	" given = given | excluded.given, share = share | excluded.share,"
	" nulls = nulls | excluded.nulls, pops = pops | excluded.pops"
	ADD12(v) ADD12(n) ADD12(e) FILL(1) FILL(2) FILL(3) FILL(4) FILL(5) FILL(6) FILL(7) FILL(8)
	FILL(9) FILL(10) FILL(11) FILL(12);

static const char sql_import_begin[] = "INSERT INTO statistic_import_running VALUES (1)";
static const char sql_import_end[] = "DELETE FROM statistic_import_running";

/* What a copy binds: ?1..?n from ints, then ?n+1 from now unless it is NULL. */
struct copy_args {
	const int64_t *ints;
	int n;
	const char *now;
};

static void copy_bind(sqlite3_stmt *st, const void *in)
{
	const struct copy_args *a = in;
	for (int i = 0; i < a->n; i++)
		sqlite3_bind_int64(st, i + 1, a->ints[i]);
	if (a->now)
		sqlite3_bind_text(st, a->n + 1, a->now, -1, SQLITE_STATIC);
}

/* Runs the copy @p sql with triggers and CHECK constraints off (db_exec_unchecked()): every
 * staged row was checked by the rules of a single write, and statistic_facts' one insert
 * trigger stands aside for an import anyway (its sums are the staged ones). */
static enum db_rc copy(struct db *db, const char *sql, const int64_t *ints, int n,
		       const char *now)
{
	struct copy_args a = {ints, n, now};
	return db_exec_unchecked(db, sql, copy_bind, &a);
}

/* After a copy refused by a constraint: names each row whose fact is stored (DB_OK, the
 * caller rolls back on them), or DB_CONFLICT when none is (a unit deleted since the upload
 * began). */
static enum db_rc name_clashes(struct db_statistic_stage *s,
			       void (*stored)(void *ctx, const struct statistic_row *r), void *ctx)
{
	size_t found = 0;
	enum db_rc rc = each_stored(s, stored, ctx, &found);
	return rc != DB_OK ? rc : found ? DB_OK : DB_CONFLICT;
}

enum db_rc db_statistic_stage_commit(struct db *db, struct db_statistic_stage *s,
				     void (*stored)(void *ctx, const struct statistic_row *r),
				     void *ctx)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!s->sorted || s->upload.in_piece || s->upload.db != db)
		return DB_ERROR;   /* the contract: after the twins, on the connection staged on */
	const struct stage_upload *u = &s->upload;
	int64_t last = 0;
	enum db_rc rc = db_exec_stmt(db, db_stmt(db, sql_import_begin));
	if (rc == DB_OK)
		rc = db_int_one(db, db_stmt(db, sql_next_id), &last);
	if (rc == DB_OK && u->sorted_hi >= u->sorted_lo) {
		const int64_t facts[] = {last - u->sorted_lo + 1, s->def->id, u->sorted_lo,
					 u->sorted_hi};
		rc = copy(db, sql_facts_copy, facts, 4, now);
		if (rc == DB_CONFLICT)
			return name_clashes(s, stored, ctx);
	}
	const int64_t years[] = {s->def->id, u->first, u->first + s->years};
	if (rc == DB_OK)
		rc = copy(db, sql_years_copy, years, 3, NULL);
	if (rc == DB_OK)
		rc = db_exec_stmt(db, db_stmt(db, sql_import_end));
	return rc;
}
