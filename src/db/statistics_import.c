/*
 * The bulk import of statistic facts: spooled as the body arrives, checked and stored at its
 * end in the facts' clustering order.
 *
 * Each row read is appended at once to a spool file of the upload's own (spool.h), packed in
 * a record of fixed size, its free texts in a second file; rows with errors are spooled too,
 * since the end compares every row with its neighbours.  Memory keeps one sort key per row
 * (struct key128, 24 bytes), not the row.  At the end the keys are sorted once into the order
 * of the facts' clustering key (statistic, breakdown, year, unit, dimension values, period,
 * then the file's order): two rows of one fact then have equal keys side by side for the
 * caller to name.  Storing is two INSERT ... SELECT statements from folja_rows() (rows.h):
 * the facts, their records mapped into memory and read in that order, each insert landing
 * next to the one before in the B-tree, and the import's additions to statistic_years, one
 * per key, summed as the facts go by and spooled for the second.  A clash with a stored
 * fact fails the first statement, which undoes itself; only then are the rows looked up one
 * by one to name each clash, and the caller rolls back.  The ids continue from the largest
 * stored.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "folja/db_statistics.h"

#include "key_sort.h"
#include "load.h"
#include "pg.h"
#include "rows.h"
#include "spool.h"
#include "sql.h"
#include "stage.h"

/* ==== the spooled rows ===================================================================== */

/* A row as spooled: fixed size, so the i-th row spooled lies at i * sizeof in the file. */
struct staged {
	int64_t unit_id;
	int64_t population;                    /* DB_NULL when not given */
	double value, numerator, denominator;  /* NAN when absent */
	uint64_t texts;          /* offset in the texts file of null_reason, then note */
	uint32_t row;
	uint32_t reason_len;     /* 0 for NULL, else the length with its NUL */
	uint32_t note_len;       /* likewise */
	int32_t year;
	uint8_t kind, index, form, synthetic;
	uint8_t dims[STAT_MAX_DIMS];
};

/* A row's place in the clustering order is a struct key128 (key_sort.h): the key packed in
 * two words (rows.h's columns mask, year and unit in hi; dimension values, last month and
 * kind in lo), then the row's place in the file, which is also the file's order.  Units are
 * ordered by the low 48 bits of their id (SQLite gives ids from 1 upwards). */
#define UNIT_BITS 48

struct db_statistic_stage {
	struct db *db;                 /* borrowed: the connection staged on */
	const struct statistic *def;   /* borrowed: the statistic imported into */
	struct spool rows;             /* struct staged records */
	struct spool texts;            /* the rows' free texts, each with its NUL */
	struct spool years;            /* struct year_row records, in key order (commit) */
	struct key128 *order;          /* owned: one per row, sorted by prepare() */
	size_t n, cap;
	int64_t counted;               /* rows counted as staged (stage_count) */
	const unsigned char *map;      /* the rows file mapped by prepare(), map_len bytes */
	size_t map_len;
	const char *text_map;          /* the texts file likewise; NULL when empty */
	size_t text_len;
	bool prepared;
	bool failed;                   /* a spool write failed: nothing more is read */
	int64_t year_rows;             /* records in years */
};

/* The last month of a row's period; 0 for a row whose period was refused (its errors are
 * reported, and it is ordered all the same). */
static int last_month(struct period p)
{
	return period_valid(p) ? period_last_month(p) : 0;
}

static struct key128 order_of(const struct statistic_row *r, uint32_t at)
{
	uint64_t year = r->period.year > 0 && r->period.year < 4096 ? (uint64_t)r->period.year : 0;
	uint64_t unit = r->unit_id > 0 && r->unit_id < (int64_t)1 << UNIT_BITS ?
			(uint64_t)r->unit_id : 0;
	struct key128 o = {.hi = (uint64_t)stat_mask(r->dims) << 60 | year << UNIT_BITS | unit,
			  .at = at};
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		o.lo |= (uint64_t)r->dims[i] << (56 - 8 * i);
	o.lo |= (uint64_t)last_month(r->period) << 24 | (uint64_t)(r->period.kind & 0xff) << 16;
	return o;
}

static bool rows_same(const struct statistic_row *a, const struct statistic_row *b)
{
	return a->unit_id == b->unit_id && a->period.year == b->period.year &&
	       a->period.kind == b->period.kind && a->period.index == b->period.index &&
	       memcmp(a->dims, b->dims, sizeof a->dims) == 0;
}

static atomic_size_t max_rows = STAT_IMPORT_MAX_ROWS;

size_t db_statistic_stage_max_rows(void)
{
	return atomic_load(&max_rows);
}

void db_statistic_stage_set_max_rows(size_t rows)
{
	atomic_store(&max_rows, rows);
}

enum db_rc db_statistic_stage_open(struct db *db, const struct statistic *def,
				   struct db_statistic_stage **out)
{
	struct db_statistic_stage *s = calloc(1, sizeof *s);
	*out = NULL;
	if (!s)
		return DB_NOMEM;
	s->rows.fd = s->texts.fd = s->years.fd = -1;
	enum db_rc rc = spool_open(&s->rows);
	if (rc == DB_OK)
		rc = spool_open(&s->texts);
	if (rc == DB_OK)
		rc = spool_open(&s->years);
	if (rc != DB_OK) {
		db_statistic_stage_free(s);
		return rc;
	}
	s->db = db;
	s->def = def;
	*out = s;
	return DB_OK;
}

/* Appends text @p t (NULL: none) to the texts file; its length with the NUL, or 0. */
static enum db_rc text_add(struct spool *texts, const char *t, uint32_t *len)
{
	*len = 0;
	if (!t)
		return DB_OK;
	size_t n = strlen(t) + 1;
	if (n > UINT32_MAX)
		return DB_ERROR;   /* a record is at most 64 KiB */
	*len = (uint32_t)n;
	return spool_append(texts, t, n);
}

enum db_rc db_statistic_stage_add(struct db_statistic_stage *s, const struct statistic_row *r)
{
	if (s->prepared || s->failed)
		return DB_ERROR;   /* the contract: every row before the twins */
	if (s->n >= atomic_load(&max_rows) || s->n == UINT32_MAX)
		return DB_INVALID;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4096;
		struct key128 *grown = realloc(s->order, cap * sizeof *grown);
		if (!grown)
			return DB_NOMEM;
		s->order = grown;
		s->cap = cap;
	}
	struct staged st = {
		.unit_id = r->unit_id, .population = r->population, .value = r->value,
		.numerator = r->numerator, .denominator = r->denominator,
		.texts = s->texts.size + s->texts.len, .row = r->row, .year = r->period.year,
		.kind = (uint8_t)r->period.kind, .index = (uint8_t)r->period.index,
		.form = r->form, .synthetic = r->synthetic,
	};
	memcpy(st.dims, r->dims, sizeof st.dims);
	enum db_rc rc = text_add(&s->texts, r->null_reason, &st.reason_len);
	if (rc == DB_OK)
		rc = text_add(&s->texts, r->note, &st.note_len);
	if (rc == DB_OK)
		rc = spool_append(&s->rows, &st, sizeof st);
	if (rc != DB_OK) {
		s->failed = true;
		return rc;
	}
	s->order[s->n] = order_of(r, (uint32_t)s->n);
	s->n++;
	return DB_OK;
}

enum db_rc db_statistic_stage_flush(struct db_statistic_stage *s)
{
	stage_count((int64_t)s->n - s->counted);
	s->counted = (int64_t)s->n;
	return DB_OK;
}

void db_statistic_stage_free(struct db_statistic_stage *s)
{
	if (!s)
		return;
	stage_count(-s->counted);
	if (s->map)
		munmap((void *)s->map, s->map_len);
	if (s->text_map)
		munmap((void *)s->text_map, s->text_len);
	spool_close(&s->rows);
	spool_close(&s->texts);
	spool_close(&s->years);
	free(s->order);
	free(s);
}

/* Maps what spool @p sp holds (flushed) read-only: *len bytes at *at, NULL for none. */
static enum db_rc map_spool(struct spool *sp, const void **at, size_t *len)
{
	enum db_rc rc = spool_flush(sp);
	*at = NULL;
	*len = (size_t)sp->size;
	if (rc != DB_OK || !*len)
		return rc;
	void *m = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, sp->fd, 0);
	if (m == MAP_FAILED)
		return DB_NOMEM;
	*at = m;
	return DB_OK;
}

/* Sorts the keys and maps the files, once. */
static enum db_rc prepare(struct db_statistic_stage *s)
{
	if (s->prepared)
		return DB_OK;
	if (s->failed)
		return DB_ERROR;
	const void *rows, *texts;
	enum db_rc rc = map_spool(&s->rows, &rows, &s->map_len);
	s->map = rows;
	if (rc == DB_OK) {
		rc = map_spool(&s->texts, &texts, &s->text_len);
		s->text_map = texts;
	}
	if (rc == DB_OK && s->map_len != s->n * sizeof(struct staged))
		rc = DB_IO;
	if (rc != DB_OK) {
		s->failed = true;   /* what was mapped goes with the stage */
		return rc;
	}
	key_sort(s->order, s->n);
	s->prepared = true;
	return DB_OK;
}

static const struct staged *staged_at(const struct db_statistic_stage *s, size_t i)
{
	return (const struct staged *)(s->map + (size_t)s->order[i].at * sizeof(struct staged));
}

/* The row of record @p st (strings borrowed from the mapped texts). */
static void row_of(const struct db_statistic_stage *s, const struct staged *st,
		   struct statistic_row *r)
{
	*r = (struct statistic_row){
		.unit_id = st->unit_id, .period = {(enum period_kind)st->kind, st->year, st->index},
		.form = st->form, .synthetic = st->synthetic, .row = st->row, .value = st->value,
		.numerator = st->numerator, .denominator = st->denominator,
		.population = st->population,
		.null_reason = st->reason_len ? s->text_map + st->texts : NULL,
		.note = st->note_len ? s->text_map + st->texts + st->reason_len : NULL,
	};
	memcpy(r->dims, st->dims, sizeof r->dims);
}

/* Calls @p fn with each row of @p s in clustering order until it returns other than DB_OK;
 * that is the result. */
static enum db_rc walk(struct db_statistic_stage *s,
		       enum db_rc (*fn)(void *ctx, const struct statistic_row *r), void *ctx)
{
	enum db_rc rc = prepare(s);
	for (size_t i = 0; rc == DB_OK && i < s->n; i++) {
		struct statistic_row r;
		row_of(s, staged_at(s, i), &r);
		rc = fn(ctx, &r);
	}
	return rc;
}

/* ==== the year sums ======================================================================== */

/* The import's monthly facts of one statistic_years row, as statistic_years_view adds them
 * up: bit sets of the months, sums through each month, each month's population. */
struct year_sums {
	unsigned months, given, share, nulls, pops;
	double v[13], n[13], e[13];    /* [m]: month m alone, until year_row_of makes them sums */
	int64_t p[13];
};

/* A statistic_years row as spooled: its key after the statistic, bit sets, the sums
 * January through each month and each month's population (DB_NULL where none). */
struct year_row {
	int64_t unit_id;
	int32_t year;
	uint8_t mask;
	uint8_t dims[STAT_MAX_DIMS];
	uint32_t bits[5];              /* months, given, share, nulls, pops */
	double v[12], n[12], e[12];
	int64_t p[12];
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

/* The statistic_years row of row @p r's key with sums @p y. */
static void year_row_of(const struct statistic_row *r, struct year_sums *y, struct year_row *out)
{
	*out = (struct year_row){.unit_id = r->unit_id, .year = r->period.year,
				 .mask = (uint8_t)stat_mask(r->dims),
				 .bits = {y->months, y->given, y->share, y->nulls, y->pops}};
	memcpy(out->dims, r->dims, sizeof out->dims);
	for (int m = 1; m <= 12; m++) {
		y->v[m] += y->v[m - 1];  /* January through month m, added in month order */
		y->n[m] += y->n[m - 1];
		y->e[m] += y->e[m - 1];
		out->v[m - 1] = y->v[m];
		out->n[m - 1] = y->n[m];
		out->e[m - 1] = y->e[m];
		out->p[m - 1] = y->months & (1u << m) ? y->p[m] : DB_NULL;
	}
}

/* The import's statistic_years rows, summed as the facts are stored in clustering order
 * (which keeps the monthly facts of one row together) and spooled for the copy after. */
struct year_walk {
	struct db_statistic_stage *s;
	struct statistic_row prev;     /* the row before (strings not kept) */
	bool have_prev;
	struct year_sums y;            /* of the run of prev's statistic_years row so far */
};

/* Spools the sums of the run that ended with w->prev, if it holds a monthly fact. */
static enum db_rc run_end(struct year_walk *w)
{
	enum db_rc rc = DB_OK;
	if (w->y.months) {
		struct year_row y;
		year_row_of(&w->prev, &w->y, &y);
		rc = spool_append(&w->s->years, &y, sizeof y);
		w->s->year_rows++;
	}
	memset(&w->y, 0, sizeof w->y);
	return rc;
}

/* Adds valid row @p r, the next in clustering order. */
static enum db_rc year_walk_add(struct year_walk *w, const struct statistic_row *r)
{
	enum db_rc rc = DB_OK;
	if (w->have_prev && !same_year_row(&w->prev, r))
		rc = run_end(w);
	if (r->period.kind == PERIOD_MONTH)
		year_add(&w->y, r);
	w->prev = *r;
	w->prev.null_reason = w->prev.note = NULL;
	w->have_prev = true;
	return rc;
}

/* Ends the walk: the last run is spooled and the spool readable. */
static enum db_rc year_walk_end(struct year_walk *w)
{
	enum db_rc rc = run_end(w);
	return rc == DB_OK ? spool_flush(&w->s->years) : rc;
}

/* ==== the first read: twins ================================================================ */

/* Two rows of one fact have the same key, which is made of what rows_same() compares: only
 * the records of neighbours with equal keys are read. */
enum db_rc db_statistic_stage_twins(struct db_statistic_stage *s,
				    void (*twin)(void *ctx, const struct statistic_row *r,
						 uint32_t first_row),
				    void *ctx)
{
	if (s->prepared)
		return DB_ERROR;   /* the contract: once */
	enum db_rc rc = prepare(s);
	for (size_t i = 1; rc == DB_OK && i < s->n; i++) {
		const struct key128 *k = &s->order[i];
		if (k->hi != k[-1].hi || k->lo != k[-1].lo)
			continue;
		struct statistic_row a, b;
		row_of(s, staged_at(s, i - 1), &a);
		row_of(s, staged_at(s, i), &b);
		if (rows_same(&a, &b))
			twin(ctx, &b, a.row);
	}
	return rc;
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

static const char pg_stored[] =
	"SELECT EXISTS (SELECT 1 FROM statistic_facts WHERE statistic_id = $1 AND mask = $2"
	" AND year = $3 AND unit_id = $4 AND d1 = $5 AND d2 = $6 AND d3 = $7 AND d4 = $8"
	" AND month_to = $9 AND kind = $10)::int";

/* A row's key as sql_stored asks for it. */
struct stored_key {
	int64_t statistic_id;
	const struct statistic_row *r;
};

static void bind_stored(struct db_params *p, const void *in)
{
	const struct stored_key *k = in;
	const struct statistic_row *r = k->r;
	db_param_int(p, 1, k->statistic_id);
	db_param_int(p, 2, stat_mask(r->dims));
	db_param_int(p, 3, r->period.year);
	db_param_int(p, 4, r->unit_id);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		db_param_int(p, 5 + i, r->dims[i]);
	db_param_int(p, 9, period_last_month(r->period));
	db_param_int(p, 10, r->period.kind);
}

static enum db_rc find_stored(void *ctx, const struct statistic_row *r)
{
	struct lookup *l = ctx;
	int64_t found = 0;
	enum db_rc rc = db_one_int(l->db, DB_TWIN(sql_stored, pg_stored), bind_stored,
				   &(struct stored_key){l->def->id, r}, &found);
	if (rc == DB_OK && found) {
		l->found++;
		l->stored(l->ctx, r);
	}
	return rc;
}

/* Calls @p stored for each row whose fact is stored; *found gets how many. */
static enum db_rc each_stored(struct db_statistic_stage *s,
			      void (*stored)(void *ctx, const struct statistic_row *r), void *ctx,
			      size_t *found)
{
	struct lookup l = {.db = s->db, .def = s->def, .stored = stored, .ctx = ctx};
	enum db_rc rc = s->prepared ? walk(s, find_stored, &l) : DB_ERROR;
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

/* ==== the rows SQL reads =================================================================== */

/* The facts in clustering order, as rows c0 .. c17: mask, year, unit_id, d1, d2, d3, d4,
 * month_to, kind, month_from, form, value, numerator, denominator, population,
 * null_reason, note, synthetic. */
struct fact_rows {
	struct rows base;
	struct db_statistic_stage *s;
	size_t next;                   /* the place in the order of the row after the current */
	struct statistic_row r;        /* the current row */
	struct year_walk years;        /* what the rows add to statistic_years */
};

/* One scan only: the year sums are spooled as it goes. */
static enum db_rc facts_rewind(struct rows *base)
{
	struct fact_rows *f = (struct fact_rows *)base;
	return f->next == 0 && !f->years.have_prev ? DB_OK : DB_ERROR;
}

static int facts_next(struct rows *base)
{
	struct fact_rows *f = (struct fact_rows *)base;
	if (f->next >= f->s->n)
		return year_walk_end(&f->years) == DB_OK ? 0 : -1;
	row_of(f->s, staged_at(f->s, f->next++), &f->r);
	if (!period_valid(f->r.period))
		return -1;   /* the contract: only valid rows are stored */
	return year_walk_add(&f->years, &f->r) == DB_OK ? 1 : -1;
}


static void facts_column(struct rows *base, struct rows_out *out, int col)
{
	const struct fact_rows *f = (const struct fact_rows *)base;
	const struct statistic_row *r = &f->r;
	switch (col) {
	case 0: rows_int(out, (int)stat_mask(r->dims)); break;
	case 1: rows_int(out, r->period.year); break;
	case 2: rows_int(out, r->unit_id); break;
	case 3: case 4: case 5: case 6: rows_int(out, r->dims[col - 3]); break;
	case 7: rows_int(out, period_last_month(r->period)); break;
	case 8: rows_int(out, (int)r->period.kind); break;
	case 9: rows_int(out, stat_fact_range(r->period).from); break;
	case 10: rows_text(out, stat_form_name((enum stat_form)r->form)); break;
	case 11: rows_double(out, r->value); break;
	case 12: rows_double(out, r->numerator); break;
	case 13: rows_double(out, r->denominator); break;
	case 14:
		if (r->population == DB_NULL)
			rows_null(out);
		else
			rows_int(out, r->population);
		break;
	case 15: rows_text(out, r->null_reason); break;
	case 16: rows_text(out, r->note); break;
	case 17: rows_int(out, r->synthetic); break;
	default: rows_null(out);
	}
}

/* The spooled statistic_years rows, as rows c0 .. c59: mask, year, unit_id, d1, d2, d3, d4,
 * months, given, share, nulls, pops, v1 .. v12, n1 .. n12, e1 .. e12, p1 .. p12. */
struct year_rows {
	struct rows base;
	struct spool *file;            /* borrowed */
	struct spool_reader reader;
	bool reading;
	struct year_row y;             /* the current row */
};

static enum db_rc years_rewind(struct rows *base)
{
	struct year_rows *y = (struct year_rows *)base;
	if (y->reading)
		spool_reader_close(&y->reader);
	y->reading = spool_reader_open(&y->reader, y->file) == DB_OK;
	return y->reading ? DB_OK : DB_NOMEM;
}

static int years_next(struct rows *base)
{
	struct year_rows *y = (struct year_rows *)base;
	return spool_read(&y->reader, &y->y, sizeof y->y);
}

static void years_column(struct rows *base, struct rows_out *out, int col)
{
	const struct year_row *y = &((const struct year_rows *)base)->y;
	if (col == 0)
		rows_int(out, y->mask);
	else if (col == 1)
		rows_int(out, y->year);
	else if (col == 2)
		rows_int(out, y->unit_id);
	else if (col < 7)
		rows_int(out, y->dims[col - 3]);
	else if (col < 12)
		rows_int(out, y->bits[col - 7]);
	else if (col < 24)
		rows_double(out, y->v[col - 12]);
	else if (col < 36)
		rows_double(out, y->n[col - 24]);
	else if (col < 48)
		rows_double(out, y->e[col - 36]);
	else if (col < 60 && y->p[col - 48] != DB_NULL)
		rows_int(out, y->p[col - 48]);
	else
		rows_null(out);
}

/* ==== storing ============================================================================== */

static const char sql_next_id[] = "SELECT coalesce(max(id), 0) FROM statistic_facts";
/* The facts (fact_rows) of statistic ?2, the n-th getting id ?1 + n. */
static const char sql_facts_copy[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, form, value, numerator, denominator, population,"
	" null_reason, note, synthetic, created_at)"
	" SELECT ?1 + rowid, ?2, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14,"
	" c15, c16, c17, ?4 FROM folja_rows(?3)";
/* Its twin: the rows are the table folja_rows (rows.h), their columns text. */
static const char pg_facts_copy[] =
	"INSERT INTO statistic_facts (id, statistic_id, mask, year, unit_id, d1, d2, d3, d4,"
	" month_to, kind, month_from, form, value, numerator, denominator, population,"
	" null_reason, note, synthetic, created_at)"
	" SELECT $1 + n, $2, c0::bigint, c1::bigint, c2::bigint, c3::bigint, c4::bigint,"
	" c5::bigint, c6::bigint, c7::bigint, c8::bigint, c9::bigint, c10, c11::float8,"
	" c12::float8, c13::float8, c14::bigint, c15, c16, c17::bigint, $4::timestamptz"
	" FROM folja_rows ORDER BY n";

/* The spooled year sums (year_rows) added to statistic_years of statistic ?1: the import's
 * months are months no stored fact has (a clash fails the copy first), so bit sets and sums
 * add and populations fill in. */
#define ADD12(c) ", " #c "1 = " #c "1 + excluded." #c "1, " #c "2 = " #c "2 + excluded." #c "2," \
	#c "3 = " #c "3 + excluded." #c "3, " #c "4 = " #c "4 + excluded." #c "4, " \
	#c "5 = " #c "5 + excluded." #c "5, " #c "6 = " #c "6 + excluded." #c "6, " \
	#c "7 = " #c "7 + excluded." #c "7, " #c "8 = " #c "8 + excluded." #c "8, " \
	#c "9 = " #c "9 + excluded." #c "9, " #c "10 = " #c "10 + excluded." #c "10, " \
	#c "11 = " #c "11 + excluded." #c "11, " #c "12 = " #c "12 + excluded." #c "12"
#define FILL(m) ", p" #m " = coalesce(excluded.p" #m ", p" #m ")"
static const char sql_years_copy[] =
	"INSERT INTO statistic_years SELECT ?1, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11,"
	" c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23,"
	" c24, c25, c26, c27, c28, c29, c30, c31, c32, c33, c34, c35,"
	" c36, c37, c38, c39, c40, c41, c42, c43, c44, c45, c46, c47,"
	" c48, c49, c50, c51, c52, c53, c54, c55, c56, c57, c58, c59"
	" FROM folja_rows(?2) WHERE true"
	" ON CONFLICT DO UPDATE SET months = months | excluded.months,"
	" given = given | excluded.given, share = share | excluded.share,"
	" nulls = nulls | excluded.nulls, pops = pops | excluded.pops"
	ADD12(v) ADD12(n) ADD12(e) FILL(1) FILL(2) FILL(3) FILL(4) FILL(5) FILL(6) FILL(7) FILL(8)
	FILL(9) FILL(10) FILL(11) FILL(12);

/* Its twin; the target is `y` in the sums. */
#define PG_ADD(c, m) ", " #c #m " = y." #c #m " + excluded." #c #m
#define PG_ADD12(c) PG_ADD(c, 1) PG_ADD(c, 2) PG_ADD(c, 3) PG_ADD(c, 4) PG_ADD(c, 5) \
	PG_ADD(c, 6) PG_ADD(c, 7) PG_ADD(c, 8) PG_ADD(c, 9) PG_ADD(c, 10) PG_ADD(c, 11) \
	PG_ADD(c, 12)
#define PG_FILL(m) ", p" #m " = coalesce(excluded.p" #m ", y.p" #m ")"
static const char pg_years_copy[] =
	"INSERT INTO statistic_years AS y"
	" SELECT $1, c0::bigint, c1::bigint, c2::bigint, c3::bigint, c4::bigint, c5::bigint,"
	" c6::bigint, c7::bigint, c8::bigint, c9::bigint, c10::bigint, c11::bigint,"
	" c12::float8, c13::float8, c14::float8, c15::float8, c16::float8, c17::float8,"
	" c18::float8, c19::float8, c20::float8, c21::float8, c22::float8, c23::float8,"
	" c24::float8, c25::float8, c26::float8, c27::float8, c28::float8, c29::float8,"
	" c30::float8, c31::float8, c32::float8, c33::float8, c34::float8, c35::float8,"
	" c36::float8, c37::float8, c38::float8, c39::float8, c40::float8, c41::float8,"
	" c42::float8, c43::float8, c44::float8, c45::float8, c46::float8, c47::float8,"
	" c48::bigint, c49::bigint, c50::bigint, c51::bigint, c52::bigint, c53::bigint,"
	" c54::bigint, c55::bigint, c56::bigint, c57::bigint, c58::bigint, c59::bigint"
	" FROM folja_rows ORDER BY n"
	" ON CONFLICT (statistic_id, mask, year, unit_id, d1, d2, d3, d4) DO UPDATE SET"
	" months = y.months | excluded.months, given = y.given | excluded.given,"
	" share = y.share | excluded.share, nulls = y.nulls | excluded.nulls,"
	" pops = y.pops | excluded.pops"
	PG_ADD12(v) PG_ADD12(n) PG_ADD12(e) PG_FILL(1) PG_FILL(2) PG_FILL(3) PG_FILL(4) PG_FILL(5)
	PG_FILL(6) PG_FILL(7) PG_FILL(8) PG_FILL(9) PG_FILL(10) PG_FILL(11) PG_FILL(12);

static const char sql_import_begin[] = "INSERT INTO statistic_import_running VALUES (1)";
static const char sql_import_end[] = "DELETE FROM statistic_import_running";

/* What a copy binds: ?1..?n from ints, the rows as ?n+1, then ?n+2 from now unless NULL. */
struct copy_args {
	const int64_t *ints;
	int n;
	struct rows *rows;
	const char *now;
};

static void copy_bind(struct db_params *p, const void *in)
{
	const struct copy_args *a = in;
	for (int i = 0; i < a->n; i++)
		db_param_int(p, i + 1, a->ints[i]);
	if (p->st)
		rows_bind(p->st, a->n + 1, a->rows);   /* PostgreSQL's rows are a table (rows_run) */
	if (a->now)
		db_param_text(p, a->n + 2, a->now);
}

/* Runs the copy @p sql with triggers and CHECK constraints off (db_exec_unchecked()): every
 * spooled row was checked by the rules of a single write, and statistic_facts' one insert
 * trigger stands aside for an import anyway (its sums are the spooled ones). */
static enum db_rc copy(struct db *db, const struct db_twin *q, int ncols, const int64_t *ints,
		       int n, struct rows *rows, const char *now)
{
	struct copy_args a = {ints, n, rows, now};
	if (db_pg(db))   /* its trigger stands aside by statistic_import_running alone */
		return rows_run(db, q, rows, ncols, copy_bind, &a);
	return db_exec_unchecked(db, q->sql, copy_bind, &a);
}

/* After a copy refused by a constraint: names each row whose fact is stored (DB_OK, the
 * caller rolls back on them), or DB_CONFLICT when none is. */
static enum db_rc name_clashes(struct db_statistic_stage *s,
			       void (*stored)(void *ctx, const struct statistic_row *r), void *ctx)
{
	size_t found = 0;
	enum db_rc rc = each_stored(s, stored, ctx, &found);
	return rc != DB_OK ? rc : found ? DB_OK : DB_CONFLICT;
}

static const char sql_statistic_there[] = "SELECT 1 FROM statistics WHERE id = ?1";
static const char sql_unit_there[] = "SELECT 1 FROM units WHERE id = ?1";

static const char pg_statistic_there[] = "SELECT 1 FROM statistics WHERE id = $1";
static const char pg_unit_there[] = "SELECT 1 FROM units WHERE id = $1";

/* DB_OK when the row of @p id is stored by @p q, DB_CONFLICT when it is not. */
static enum db_rc there(struct db *db, const struct db_twin *q, int64_t id)
{
	int64_t one;
	enum db_rc rc = db_one_int(db, q, db_bind_id, &id, &one);
	return rc == DB_NOT_FOUND ? DB_CONFLICT : rc;
}

/* What the facts' foreign keys ask, asked once for the import rather than for each row
 * (db_write_bulk()): DB_OK when the statistic and every unit the rows name are stored,
 * DB_CONFLICT when one has gone since the upload began.  A unit is looked up once for each
 * run of rows of one breakdown, year and unit in the facts' order, and for every row whose
 * key could not hold its unit. */
static enum db_rc references_there(struct db *db, const struct db_statistic_stage *s)
{
	const uint64_t unit_bits = ((uint64_t)1 << UNIT_BITS) - 1;
	enum db_rc rc = there(db, DB_TWIN(sql_statistic_there, pg_statistic_there), s->def->id);
	for (size_t i = 0; rc == DB_OK && i < s->n; i++) {
		uint64_t hi = s->order[i].hi;
		if (i == 0 || hi != s->order[i - 1].hi || !(hi & unit_bits))
			rc = there(db, DB_TWIN(sql_unit_there, pg_unit_there),
				   staged_at(s, s->order[i].at)->unit_id);
	}
	return rc;
}

enum db_rc db_statistic_stage_commit(struct db *db, struct db_statistic_stage *s,
				     void (*stored)(void *ctx, const struct statistic_row *r),
				     void *ctx)
{
	char now[DB_NOW_TEXT];
	db_now(now);
	if (!s->prepared || s->db != db)
		return DB_ERROR;   /* the contract: after the twins, on the connection staged on */
	struct fact_rows facts = {.base = {facts_rewind, facts_next, facts_column}, .s = s,
				  .years = {.s = s}};
	struct year_rows years = {.base = {years_rewind, years_next, years_column},
				  .file = &s->years};
	int64_t last = 0;
	enum db_rc rc = references_there(db, s);
	if (rc == DB_OK)
		rc = db_run(db, DB_TWIN(sql_import_begin, sql_import_begin), NULL, NULL, NULL);
	if (rc == DB_OK)
		rc = db_one_int(db, DB_TWIN(sql_next_id, sql_next_id), NULL, NULL, &last);
	if (rc == DB_OK && s->n) {
		const int64_t ints[] = {last, s->def->id};
		rc = copy(db, DB_TWIN(sql_facts_copy, pg_facts_copy), 18, ints, 2, &facts.base,
			  now);
		if (rc == DB_CONFLICT)
			return name_clashes(s, stored, ctx);
	}
	const int64_t id[] = {s->def->id};
	if (rc == DB_OK && s->year_rows)
		rc = copy(db, DB_TWIN(sql_years_copy, pg_years_copy), 60, id, 1, &years.base, NULL);
	if (years.reading)
		spool_reader_close(&years.reader);
	if (rc == DB_OK)
		rc = db_run(db, DB_TWIN(sql_import_end, sql_import_end), NULL, NULL, NULL);
	return rc;
}
