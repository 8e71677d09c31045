/*
 * What a statistics table reads: the unit subtree and the facts of two breakdowns.
 *
 * A table shows rows of one breakdown (the dimensions of `by` and the fixed ones) and a
 * total of another (the fixed ones only), so only the facts of those two masks are read, per
 * unit of the subtree and per year (asked and compared): one range of the clustered table
 * each.  Facts that cover a range the table asks for exactly come one by one; the monthly
 * facts of the range come summed per unit, year and dimension values by SQL's GROUP BY, with
 * the months they cover as a bit set, so a year of monthly facts is one row here however
 * many months it holds.  The null reasons are copied into an arena the input owns.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/db_statistics.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

/* The subtree of ?1 (at most 64 levels below it), parents before children. */
#define SUBTREE \
	"WITH RECURSIVE sub(id, parent_id, path, depth) AS (" \
	" SELECT id, parent_id, printf('%010d', id), 0 FROM units WHERE id = ?1" \
	" UNION ALL SELECT u.id, u.parent_id, sub.path || printf('/%010d', u.id), sub.depth + 1" \
	" FROM units u JOIN sub ON u.parent_id = sub.id WHERE sub.depth < 64)"

static const char sql_units[] = SUBTREE " SELECT id, parent_id FROM sub ORDER BY path";

/* The facts of statistic ?2 with mask ?3 or ?4 in year ?5 or ?6 at a unit of the subtree,
 * with the fixed values ?9..?12 (0: any), in the order of the clustering key. */
#define FACTS_WHERE \
	" WHERE f.statistic_id = ?2 AND f.mask IN (?3, ?4) AND f.year IN (?5, ?6)" \
	" AND f.unit_id IN (SELECT id FROM sub)" \
	" AND (?9 = 0 OR f.d1 = ?9) AND (?10 = 0 OR f.d2 = ?10)" \
	" AND (?11 = 0 OR f.d3 = ?11) AND (?12 = 0 OR f.d4 = ?12)"

/* Facts of periods other than months covering the range ?7..?8 exactly. */
static const char sql_exact[] = SUBTREE
	" SELECT f.unit_id, f.year, f.d1, f.d2, f.d3, f.d4, f.month_from, f.month_to, f.kind,"
	" f.form, f.value, f.numerator, f.denominator, f.population, f.null_reason, f.id"
	" FROM statistic_facts f INDEXED BY statistic_facts_periods" FACTS_WHERE
	" AND f.kind != 1 AND f.month_to = ?8 AND f.month_from = ?7";

/* With by=month, the monthly facts of the range ?7..?8 one by one, as bundles of one month
 * (grouped by the clustering key, so no sort is needed). */
static const char sql_month_bundles[] = SUBTREE
	" SELECT f.unit_id, f.year, f.d1, f.d2, f.d3, f.d4, 1 << f.month_to, 1,"
	" f.form = 'given', f.form = 'share', f.form = 'null', coalesce(f.value, 0),"
	" coalesce(f.numerator, 0), coalesce(f.denominator, 0), f.population,"
	" f.population IS NOT NULL, f.null_reason, f.id, f.month_to, f.month_to"
	" FROM statistic_facts f" FACTS_WHERE " AND f.month_to BETWEEN ?7 AND ?8 AND f.kind = 1";

/* Otherwise the rows of statistic_years holding a month of the range (bits ?13): one row per
 * unit, breakdown and year, whose sums through the range's last month (?8) less those
 * through the month before its first (?7) are the range's; the months' populations only
 * for a statistic with a min_population, the one use of them. */
#define THROUGH(c, m) " WHEN " #m " THEN y." #c #m
#define UPTO(c) " CASE ?8" THROUGH(c, 1) THROUGH(c, 2) THROUGH(c, 3) THROUGH(c, 4) \
	THROUGH(c, 5) THROUGH(c, 6) THROUGH(c, 7) THROUGH(c, 8) THROUGH(c, 9) THROUGH(c, 10) \
	THROUGH(c, 11) THROUGH(c, 12) " END"
#define BEFORE(c) " CASE ?7 - 1" THROUGH(c, 1) THROUGH(c, 2) THROUGH(c, 3) THROUGH(c, 4) \
	THROUGH(c, 5) THROUGH(c, 6) THROUGH(c, 7) THROUGH(c, 8) THROUGH(c, 9) THROUGH(c, 10) \
	THROUGH(c, 11) " ELSE 0 END"
#define YEAR_SELECT \
	" SELECT y.unit_id, y.year, y.d1, y.d2, y.d3, y.d4, y.months, y.given, y.share, y.nulls," \
	" y.pops," UPTO(v) "," BEFORE(v) "," UPTO(n) "," BEFORE(n) "," UPTO(e) "," BEFORE(e)
#define YEAR_FROM \
	" FROM statistic_years y WHERE y.statistic_id = ?2 AND y.mask IN (?3, ?4)" \
	" AND y.year IN (?5, ?6) AND y.unit_id IN (SELECT id FROM sub)" \
	" AND (?9 = 0 OR y.d1 = ?9) AND (?10 = 0 OR y.d2 = ?10)" \
	" AND (?11 = 0 OR y.d3 = ?11) AND (?12 = 0 OR y.d4 = ?12) AND (y.months & ?13) != 0"
static const char sql_year_bundles[] = SUBTREE YEAR_SELECT YEAR_FROM;
static const char sql_year_bundles_pop[] = SUBTREE YEAR_SELECT
	", y.p1, y.p2, y.p3, y.p4, y.p5, y.p6, y.p7, y.p8, y.p9, y.p10, y.p11, y.p12" YEAR_FROM;
/* The twins; a comparison is cast to the integer SQLite gives. */
#define PG_SUBTREE \
	"WITH RECURSIVE sub(id, parent_id, path, depth) AS (" \
	" SELECT id, parent_id, lpad(id::text, 10, '0'), 0 FROM units WHERE id = $1" \
	" UNION ALL SELECT u.id, u.parent_id, sub.path || '/' || lpad(u.id::text, 10, '0')," \
	" sub.depth + 1 FROM units u JOIN sub ON u.parent_id = sub.id WHERE sub.depth < 64)"
static const char pg_units[] = PG_SUBTREE
	" SELECT id, parent_id FROM sub ORDER BY path COLLATE \"C\"";
#define PG_FACTS_WHERE \
	" WHERE f.statistic_id = $2 AND f.mask IN ($3, $4) AND f.year IN ($5, $6)" \
	" AND f.unit_id IN (SELECT id FROM sub)" \
	" AND ($9 = 0 OR f.d1 = $9) AND ($10 = 0 OR f.d2 = $10)" \
	" AND ($11 = 0 OR f.d3 = $11) AND ($12 = 0 OR f.d4 = $12)"
static const char pg_exact[] = PG_SUBTREE
	" SELECT f.unit_id, f.year, f.d1, f.d2, f.d3, f.d4, f.month_from, f.month_to, f.kind,"
	" f.form, f.value, f.numerator, f.denominator, f.population, f.null_reason, f.id"
	" FROM statistic_facts f" PG_FACTS_WHERE
	" AND f.kind != 1 AND f.month_to = $8 AND f.month_from = $7"
	/* the order SQLite reads statistic_facts_periods in */
	" ORDER BY f.mask, f.year, f.unit_id, f.kind, f.form, f.value NULLS FIRST,"
	" f.numerator NULLS FIRST, f.denominator NULLS FIRST, f.population NULLS FIRST,"
	" f.null_reason NULLS FIRST, f.id";
static const char pg_month_bundles[] = PG_SUBTREE
	" SELECT f.unit_id, f.year, f.d1, f.d2, f.d3, f.d4, 1::bigint << f.month_to::int, 1,"
	" (f.form = 'given')::int, (f.form = 'share')::int, (f.form = 'null')::int,"
	" coalesce(f.value, 0), coalesce(f.numerator, 0), coalesce(f.denominator, 0),"
	" f.population, (f.population IS NOT NULL)::int, f.null_reason, f.id, f.month_to,"
	" f.month_to FROM statistic_facts f" PG_FACTS_WHERE
	" AND f.month_to BETWEEN $7 AND $8 AND f.kind = 1"
	" ORDER BY f.statistic_id, f.mask, f.year, f.unit_id, f.d1, f.d2, f.d3, f.d4, f.month_to,"
	" f.kind";
#define PG_UPTO(c) " CASE $8::bigint" THROUGH(c, 1) THROUGH(c, 2) THROUGH(c, 3) THROUGH(c, 4) \
	THROUGH(c, 5) THROUGH(c, 6) THROUGH(c, 7) THROUGH(c, 8) THROUGH(c, 9) THROUGH(c, 10) \
	THROUGH(c, 11) THROUGH(c, 12) " END"
#define PG_BEFORE(c) " CASE $7::bigint - 1" THROUGH(c, 1) THROUGH(c, 2) THROUGH(c, 3) \
	THROUGH(c, 4) THROUGH(c, 5) THROUGH(c, 6) THROUGH(c, 7) THROUGH(c, 8) THROUGH(c, 9) \
	THROUGH(c, 10) THROUGH(c, 11) " ELSE 0 END"
#define PG_YEAR_SELECT \
	" SELECT y.unit_id, y.year, y.d1, y.d2, y.d3, y.d4, y.months, y.given, y.share, y.nulls," \
	" y.pops," PG_UPTO(v) "," PG_BEFORE(v) "," PG_UPTO(n) "," PG_BEFORE(n) "," PG_UPTO(e) "," \
	PG_BEFORE(e)
#define PG_YEAR_FROM \
	" FROM statistic_years y WHERE y.statistic_id = $2 AND y.mask IN ($3, $4)" \
	" AND y.year IN ($5, $6) AND y.unit_id IN (SELECT id FROM sub)" \
	" AND ($9 = 0 OR y.d1 = $9) AND ($10 = 0 OR y.d2 = $10)" \
	" AND ($11 = 0 OR y.d3 = $11) AND ($12 = 0 OR y.d4 = $12) AND (y.months & $13) != 0" \
	" ORDER BY y.statistic_id, y.mask, y.year, y.unit_id, y.d1, y.d2, y.d3, y.d4"
static const char pg_year_bundles[] = PG_SUBTREE PG_YEAR_SELECT PG_YEAR_FROM;
static const char pg_year_bundles_pop[] = PG_SUBTREE PG_YEAR_SELECT
	", y.p1, y.p2, y.p3, y.p4, y.p5, y.p6, y.p7, y.p8, y.p9, y.p10, y.p11, y.p12" PG_YEAR_FROM;

/* The columns of the sums through the range and before it, and of month 1's population. */
enum { COL_V = 11, COL_N = 13, COL_E = 15, COL_P1 = 17 };

/* ==== units ================================================================================ */

struct unit_ref {
	int64_t id;
	size_t index;
};

static int cmp_ref(const void *a, const void *b)
{
	int64_t x = ((const struct unit_ref *)a)->id, y = ((const struct unit_ref *)b)->id;
	return x < y ? -1 : x > y;
}

/* Loading in progress. */
struct load {
	struct statistic_table_input *in;
	struct stat_range range;      /* the months asked */
	bool populations;             /* the year rows' populations are read */
	size_t ucap, pcap;
	int64_t *parent_ids;          /* while loading the units */
	struct unit_ref *by_id;       /* sorted, for placing facts and parents */
};

static enum db_rc unit_row(const struct db_row *row, void *ctx)
{
	struct load *l = ctx;
	struct statistic_table_input *in = l->in;
	size_t n = in->units.n;
	if (n == l->ucap) {
		size_t cap = l->ucap ? l->ucap * 2 : 64;
		int64_t *ids = realloc(in->unit_ids, cap * sizeof *ids);
		if (ids)
			in->unit_ids = ids;
		int64_t *parents = ids ? realloc(l->parent_ids, cap * sizeof *parents) : NULL;
		if (!parents)
			return DB_NOMEM;
		l->parent_ids = parents;
		l->ucap = cap;
	}
	in->unit_ids[n] = db_row_int(row, 0);
	l->parent_ids[n] = db_row_int(row, 1);
	in->units.n = n + 1;
	return DB_OK;
}

/* The index of unit @p id in the subtree, or SIZE_MAX. */
static size_t unit_index(const struct load *l, int64_t id)
{
	struct unit_ref key = {id, 0};
	const struct unit_ref *hit = bsearch(&key, l->by_id, l->in->units.n, sizeof key, cmp_ref);
	return hit ? hit->index : SIZE_MAX;
}

/* The subtree of @p unit_id, with each unit's parent as an index. */
static enum db_rc load_units(struct db *db, int64_t unit_id, struct load *l)
{
	struct statistic_table_input *in = l->in;
	enum db_rc rc = db_load(db, DB_TWIN(sql_units, pg_units), db_bind_id, &unit_id, unit_row,
				l);
	if (rc == DB_OK && in->units.n == 0)
		rc = DB_NOT_FOUND;
	size_t n = in->units.n;
	if (rc == DB_OK && (!(l->by_id = malloc(n * sizeof *l->by_id)) ||
			    !(in->parents = malloc(n * sizeof *in->parents))))
		rc = DB_NOMEM;
	if (rc != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		l->by_id[i] = (struct unit_ref){in->unit_ids[i], i};
	qsort(l->by_id, n, sizeof *l->by_id, cmp_ref);
	in->parents[0] = 0;
	for (size_t i = 1; i < n; i++) {
		size_t p = unit_index(l, l->parent_ids[i]);
		in->parents[i] = p < i ? p : 0;  /* pre-order: a parent comes first */
	}
	in->units = (struct stat_units){n, in->unit_ids, in->parents};
	return DB_OK;
}

/* ==== facts ================================================================================ */

/* Room for one more part, with its unit and key columns (0..5) read; NULL on failure. */
static struct stat_part *part_start(const struct db_row *row, struct load *l, enum db_rc *rc)
{
	struct statistic_table_input *in = l->in;
	struct stat_part *grown = db_grow(in->parts, sizeof *grown, in->nparts, &l->pcap);
	if (!grown) {
		*rc = DB_NOMEM;
		return NULL;
	}
	in->parts = grown;
	struct stat_part *p = &in->parts[in->nparts];
	memset(p, 0, sizeof *p);
	p->unit = unit_index(l, db_row_int(row, 0));
	p->year = (int)db_row_int(row, 1);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		p->dims[i] = (uint8_t)db_row_int(row, 2 + i);
	*rc = p->unit == SIZE_MAX ? DB_CORRUPT : DB_OK;
	return *rc == DB_OK ? p : NULL;
}

static int64_t population_column(const struct db_row *row, int col)
{
	return db_row_null(row, col) ? STAT_NULL : db_row_int(row, col);
}

static enum db_rc exact_row(const struct db_row *row, void *ctx)
{
	struct load *l = ctx;
	enum db_rc rc;
	struct stat_part *p = part_start(row, l, &rc);
	if (!p)
		return rc;
	p->from = (int)db_row_int(row, 6);
	p->to = (int)db_row_int(row, 7);
	p->kind = (int)db_row_int(row, 8);
	enum stat_form form = STAT_FORM_NULL;
	if (!stat_form_parse(db_row_text(row, 9), &form))
		return DB_CORRUPT;
	p->form = form;
	p->value = db_row_double(row, 10);
	p->num = db_row_double(row, 11);
	p->den = db_row_double(row, 12);
	p->population = population_column(row, 13);
	if (!db_arena_column(&l->in->text, row, 14, &p->null_reason))
		return DB_NOMEM;
	p->id = db_row_int(row, 15);
	l->in->nparts++;
	return DB_OK;
}

static enum db_rc bundle_row(const struct db_row *row, void *ctx)
{
	struct load *l = ctx;
	enum db_rc rc;
	struct stat_part *p = part_start(row, l, &rc);
	if (!p)
		return rc;
	p->bundle = true;
	p->months = (unsigned)db_row_int(row, 6);
	p->nfacts = (int)db_row_int(row, 7);
	p->ngiven = (int)db_row_int(row, 8);
	p->nshare = (int)db_row_int(row, 9);
	p->nnull = (int)db_row_int(row, 10);
	p->value = db_row_double(row, 11);
	p->num = db_row_double(row, 12);
	p->den = db_row_double(row, 13);
	/* the group's population is known when every month gives one: the largest month's */
	p->population = (int)db_row_int(row, 15) == p->nfacts ? population_column(row, 14) :
			STAT_NULL;
	if (!db_arena_column(&l->in->text, row, 16, &p->null_reason))
		return DB_NOMEM;
	p->id = db_row_int(row, 17);
	p->from = (int)db_row_int(row, 18);
	p->to = (int)db_row_int(row, 19);
	l->in->nparts++;
	return DB_OK;
}

/* The range's sum: column @p col (through its last month) less column @p col + 1 (through
 * the month before its first; 0 for January). */
static double range_sum(const struct db_row *row, int col)
{
	return db_row_double(row, col) - db_row_double(row, col + 1);
}

/* The largest population of the months @p bits, or STAT_NULL when one of them has none. */
static int64_t range_population(const struct db_row *row, unsigned bits, unsigned pops)
{
	int64_t max = STAT_NULL;
	if ((pops & bits) != bits)
		return STAT_NULL;
	for (int m = 1; m <= 12; m++)
		if (bits & (1u << m) && db_row_int(row, COL_P1 + m - 1) > max)
			max = db_row_int(row, COL_P1 + m - 1);
	return max;
}

/* A row of statistic_years: the months of the range summed, as one bundle. */
static enum db_rc year_row(const struct db_row *row, void *ctx)
{
	struct load *l = ctx;
	enum db_rc rc;
	struct stat_part *p = part_start(row, l, &rc);
	if (!p)
		return rc;
	unsigned bits = (2u << l->range.to) - (1u << l->range.from);
	p->bundle = true;
	p->months = (unsigned)db_row_int(row, 6) & bits;
	p->nfacts = __builtin_popcount(p->months);
	p->ngiven = __builtin_popcount((unsigned)db_row_int(row, 7) & bits);
	p->nshare = __builtin_popcount((unsigned)db_row_int(row, 8) & bits);
	p->nnull = __builtin_popcount((unsigned)db_row_int(row, 9) & bits);
	p->value = range_sum(row, COL_V);
	p->num = range_sum(row, COL_N);
	p->den = range_sum(row, COL_E);
	p->population = l->populations ?
		range_population(row, p->months, (unsigned)db_row_int(row, 10)) : STAT_NULL;
	p->from = l->range.from;
	p->to = l->range.to;
	l->in->nparts++;
	return DB_OK;
}

/* A table's question as the queries above take it. */
struct question {
	const struct statistic *def;
	int64_t unit_id;
	const struct stat_question *q;
	bool months;          /* the monthly facts one by one: no ?13 */
};

/* Gives the question's parameters of the queries above. */
static void bind_question(struct db_params *p, const void *in)
{
	const struct question *x = in;
	const struct stat_question *q = x->q;
	unsigned total = stat_mask(q->filter), rows = total;
	for (size_t i = 0; i < q->nby; i++)
		if (q->by[i] != STAT_BY_MONTH)
			rows |= 1u << q->by[i];
	db_param_int(p, 1, x->unit_id);
	db_param_int(p, 2, x->def->id);
	db_param_int(p, 3, rows);
	db_param_int(p, 4, total);
	db_param_int(p, 5, q->range.year);
	db_param_int(p, 6, q->compare ? q->compare_year : q->range.year);
	db_param_int(p, 7, q->range.from);
	db_param_int(p, 8, q->range.to);
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		db_param_int(p, 9 + i, q->filter[i]);
	if (!x->months)   /* the months from..to, as bits */
		db_param_int(p, 13, (2u << q->range.to) - (1u << q->range.from));
}

static bool by_month(const struct stat_question *q)
{
	for (size_t i = 0; i < q->nby; i++)
		if (q->by[i] == STAT_BY_MONTH)
			return true;
	return false;
}

enum db_rc db_statistics_table_load(struct db *db, const struct statistic *def,
				    int64_t unit_id, const struct stat_question *q,
				    struct statistic_table_input *out)
{
	struct load l = {.in = out, .range = q->range};
	struct question x = {def, unit_id, q, true};
	memset(out, 0, sizeof *out);
	enum db_rc rc = load_units(db, unit_id, &l);
	if (rc == DB_OK)
		rc = db_load(db, DB_TWIN(sql_exact, pg_exact), bind_question, &x, exact_row, &l);
	x.months = by_month(q);
	l.populations = def->min_population != STAT_NULL;
	struct db_twin bundles = x.months ? (struct db_twin){sql_month_bundles, pg_month_bundles} :
				 l.populations ?
				 (struct db_twin){sql_year_bundles_pop, pg_year_bundles_pop} :
				 (struct db_twin){sql_year_bundles, pg_year_bundles};
	if (rc == DB_OK)
		rc = db_load(db, &bundles, bind_question, &x, x.months ? bundle_row : year_row, &l);
	free(l.parent_ids);
	free(l.by_id);
	return rc;
}

void db_statistic_table_input_free(struct statistic_table_input *in)
{
	if (!in)
		return;
	free(in->unit_ids);
	free(in->parents);
	free(in->parts);
	db_arena_free(&in->text);
	memset(in, 0, sizeof *in);
}

/* ==== years and periods ==================================================================== */

static const char sql_years[] = SUBTREE
	" SELECT DISTINCT f.year FROM sub JOIN statistic_facts f ON f.statistic_id = ?2"
	" AND f.mask IN (?3, ?4) AND f.unit_id = sub.id ORDER BY f.year";

static const char pg_years[] = PG_SUBTREE
	" SELECT DISTINCT f.year FROM sub JOIN statistic_facts f ON f.statistic_id = $2"
	" AND f.mask IN ($3, $4) AND f.unit_id = sub.id ORDER BY f.year";

/* The years asked of and where they go. */
struct years {
	int64_t unit_id, id;
	unsigned mask, mask2;
	int *years;
	size_t cap, *n;
};

static void bind_years(struct db_params *p, const void *in)
{
	const struct years *y = in;
	db_param_int(p, 1, y->unit_id);
	db_param_int(p, 2, y->id);
	db_param_int(p, 3, y->mask);
	db_param_int(p, 4, y->mask2);
}

static enum db_rc year_of(const struct db_row *row, void *ctx)
{
	struct years *y = ctx;
	if (*y->n < y->cap)
		y->years[(*y->n)++] = (int)db_row_int(row, 0);
	return DB_OK;
}

enum db_rc db_statistics_years(struct db *db, int64_t id, int64_t unit_id, unsigned mask,
			       unsigned mask2, int *years, size_t cap, size_t *n)
{
	struct years y = {unit_id, id, mask, mask2, years, cap, n};
	*n = 0;
	return db_load(db, DB_TWIN(sql_years, pg_years), bind_years, &y, year_of, &y);
}

static const char sql_periods[] = SUBTREE
	" SELECT DISTINCT f.year, f.kind, f.month_to FROM sub JOIN statistic_facts f"
	" ON f.statistic_id = ?2 AND f.mask = ?3 AND f.unit_id = sub.id"
	" AND f.d1 = ?4 AND f.d2 = ?5 AND f.d3 = ?6 AND f.d4 = ?7"
	" ORDER BY f.year, f.month_to, f.kind";

/* The period of kind @p kind of @p year ending in month @p to. */
static struct period period_ending(int year, int kind, int to)
{
	static const int months[] = {[PERIOD_YEAR] = 12, [PERIOD_MONTH] = 1,
				     [PERIOD_QUARTER] = 3, [PERIOD_TERTIAL] = 4, [PERIOD_HALF] = 6};
	struct period p = {(enum period_kind)kind, year, 0};
	if (kind != PERIOD_YEAR)
		p.index = to / months[kind];
	return p;
}

static const char pg_periods[] = PG_SUBTREE
	" SELECT DISTINCT f.year, f.kind, f.month_to FROM sub JOIN statistic_facts f"
	" ON f.statistic_id = $2 AND f.mask = $3 AND f.unit_id = sub.id"
	" AND f.d1 = $4 AND f.d2 = $5 AND f.d3 = $6 AND f.d4 = $7"
	" ORDER BY f.year, f.month_to, f.kind";

/* The periods asked of and where they go. */
struct periods {
	int64_t unit_id, id;
	const uint8_t *dims;
	struct period *items;
	size_t n, cap;
};

static void bind_periods(struct db_params *p, const void *in)
{
	const struct periods *x = in;
	db_param_int(p, 1, x->unit_id);
	db_param_int(p, 2, x->id);
	db_param_int(p, 3, stat_mask(x->dims));
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		db_param_int(p, 4 + i, x->dims[i]);
}

static enum db_rc period_row(const struct db_row *row, void *ctx)
{
	struct periods *x = ctx;
	int kind = (int)db_row_int(row, 1);
	struct period *grown = db_grow(x->items, sizeof *grown, x->n, &x->cap);
	if (!grown || kind < PERIOD_YEAR || kind > PERIOD_HALF)
		return DB_NOMEM;
	x->items = grown;
	grown[x->n++] = period_ending((int)db_row_int(row, 0), kind, (int)db_row_int(row, 2));
	return DB_OK;
}

enum db_rc db_statistics_periods(struct db *db, int64_t id, int64_t unit_id,
				 const uint8_t dims[STAT_MAX_DIMS], struct period **out,
				 size_t *n)
{
	struct periods x = {.unit_id = unit_id, .id = id, .dims = dims};
	enum db_rc rc = db_load(db, DB_TWIN(sql_periods, pg_periods), bind_periods, &x,
				period_row, &x);
	*out = x.items;   /* what was read, freed by the caller as ever */
	*n = x.n;
	return rc;
}
