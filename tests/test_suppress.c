/*
 * Tests of secondary suppression (src/domain/suppress.c).
 *
 * The proof that counts cannot be worked back is an attack: for every table the tests make,
 * this file tries to derive each hidden cell from what is shown, by its own means and not by
 * the code under test: first as a reader with pencil and paper would (a total minus the
 * shown cells of its breakdown, repeated while anything new is learnt), then as exact linear
 * algebra over the rationals (is the hidden cell's value the same in every solution?).  It
 * fails when any hidden cell falls to either.  Tables are the shapes the summaries show: one
 * breakdown, several breakdowns of one total, rows with parts (count = beslut + avbrott)
 * under column totals, and random tables of those shapes.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folja/suppress.h"
#include "tests.h"

#define MAXC 64
#define MAXS 32

/* A table under test: cells, sums and the parts the sums point into. */
struct table {
	struct sup_cell c[MAXC];
	size_t n;
	struct sup_sum s[MAXS];
	size_t ns;
	size_t parts[MAXS][MAXC];
};

static size_t cell(struct table *t, int64_t v)
{
	ck_assert_uint_lt(t->n, MAXC);
	t->c[t->n].value = v;
	return t->n++;
}

static void sum(struct table *t, size_t total, const size_t *parts, size_t np)
{
	ck_assert_uint_lt(t->ns, MAXS);
	memcpy(t->parts[t->ns], parts, np * sizeof *parts);
	t->s[t->ns] = (struct sup_sum){total, t->parts[t->ns], np};
	t->ns++;
}

/* ---- the attack ------------------------------------------------------------------------ */

/* Pencil and paper: a sum with one unknown gives it; what is learnt is used again. */
static void derive_by_hand(const struct table *t, bool known[MAXC], int64_t val[MAXC])
{
	for (size_t i = 0; i < t->n; i++) {
		known[i] = !t->c[i].hidden;
		val[i] = known[i] ? t->c[i].value : 0;
	}
	for (bool learnt = true; learnt;) {
		learnt = false;
		for (size_t s = 0; s < t->ns; s++) {
			const struct sup_sum *x = &t->s[s];
			size_t unknown = SIZE_MAX, n_unknown = !known[x->total];
			int64_t rest = known[x->total] ? val[x->total] : 0;
			if (!known[x->total])
				unknown = x->total;
			for (size_t i = 0; i < x->n_parts; i++) {
				if (known[x->parts[i]])
					rest -= val[x->parts[i]];
				else
					n_unknown++, unknown = x->parts[i];
			}
			if (n_unknown != 1)
				continue;
			/* total − Σ parts = 0: a missing total is the sum of the parts */
			val[unknown] = unknown == x->total ? -rest : rest;
			known[unknown] = learnt = true;
		}
	}
}

/* Exact rationals for the elimination, small enough for these tables. */
struct q { int64_t n, d; };

static int64_t gcd64(int64_t a, int64_t b)
{
	a = a < 0 ? -a : a;
	b = b < 0 ? -b : b;
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a ? a : 1;
}

static struct q qmake(int64_t n, int64_t d)
{
	int64_t g = gcd64(n, d);
	if (d < 0)
		n = -n, d = -d;
	return (struct q){n / g, d / g};
}

static struct q qsub(struct q a, struct q b)
{
	return qmake(a.n * b.d - b.n * a.d, a.d * b.d);
}

static struct q qmul(struct q a, struct q b)
{
	return qmake(a.n * b.n, a.d * b.d);
}

static struct q qdiv(struct q a, struct q b)
{
	return qmake(a.n * b.d, a.d * b.n);
}

/* Linear algebra: is hidden cell @p x the same in every solution of the sums?  It is when,
 * in reduced row echelon form over the hidden columns, x's pivot row holds nothing else. */
static bool derive_exactly(const struct table *t, size_t x)
{
	static struct q a[MAXS][MAXC];
	size_t col[MAXC], nc = 0, xc = SIZE_MAX;
	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].hidden) {
			if (i == x)
				xc = nc;
			col[i] = nc++;
		}
	for (size_t s = 0; s < t->ns; s++) {
		for (size_t k = 0; k < nc; k++)
			a[s][k] = qmake(0, 1);
		if (t->c[t->s[s].total].hidden)
			a[s][col[t->s[s].total]].n += 1;
		for (size_t i = 0; i < t->s[s].n_parts; i++)
			if (t->c[t->s[s].parts[i]].hidden)
				a[s][col[t->s[s].parts[i]]].n -= 1;
	}
	size_t row = 0, pivot_of_x = SIZE_MAX;
	for (size_t c = 0; c < nc && row < t->ns; c++) {
		size_t p = row;
		while (p < t->ns && a[p][c].n == 0)
			p++;
		if (p == t->ns)
			continue;
		for (size_t k = 0; k < nc; k++) {
			struct q tmp = a[p][k];
			a[p][k] = a[row][k];
			a[row][k] = tmp;
		}
		struct q lead = a[row][c];
		for (size_t k = 0; k < nc; k++)
			a[row][k] = qdiv(a[row][k], lead);
		for (size_t r = 0; r < t->ns; r++)
			if (r != row && a[r][c].n != 0) {
				struct q f = a[r][c];
				for (size_t k = 0; k < nc; k++)
					a[r][k] = qsub(a[r][k], qmul(f, a[row][k]));
			}
		if (c == xc)
			pivot_of_x = row;
		row++;
	}
	if (pivot_of_x == SIZE_MAX)
		return false;
	for (size_t k = 0; k < nc; k++)
		if (k != xc && a[pivot_of_x][k].n != 0)
			return false;
	return true;
}

/* Fails naming the cell when any hidden cell of @p t can be worked back. */
static void assert_safe(const struct table *t, const char *what)
{
	bool known[MAXC];
	int64_t val[MAXC];
	derive_by_hand(t, known, val);
	for (size_t i = 0; i < t->n; i++) {
		if (!t->c[i].hidden)
			continue;
		ck_assert_msg(!known[i], "%s: hidden cell %zu (%lld) derived by hand", what, i,
			      (long long)t->c[i].value);
		ck_assert_msg(!derive_exactly(t, i), "%s: hidden cell %zu (%lld) derived exactly",
			      what, i, (long long)t->c[i].value);
		bool d = true;
		ck_assert(sup_derivable(t->c, t->n, t->s, t->ns, i, &d));
		ck_assert_msg(!d, "%s: sup_derivable says cell %zu is derivable", what, i);
	}
}

static void apply(struct table *t, unsigned threshold)
{
	ck_assert(sup_apply(t->c, t->n, t->s, t->ns, threshold));
}

/* ---- the rule, case by case -------------------------------------------------------------- */

/* The council report of the issue: a total of 5, men 3 and women 2. */
START_TEST(women_cannot_be_worked_out)
{
	struct table t = {0};
	size_t total = cell(&t, 5), women = cell(&t, 2), men = cell(&t, 3);
	sum(&t, total, (size_t[]){women, men}, 2);
	apply(&t, 3);
	ck_assert(t.c[women].hidden && t.c[women].primary);
	ck_assert(t.c[men].hidden && !t.c[men].primary);
	ck_assert(!t.c[total].hidden);
	assert_safe(&t, "gender");
	/* what the rule prevents: with men shown, women = 5 - 3 */
	t.c[men].hidden = false;
	bool known[MAXC];
	int64_t val[MAXC];
	derive_by_hand(&t, known, val);
	ck_assert(known[women]);
	ck_assert_int_eq(val[women], 2);
}
END_TEST

START_TEST(nothing_hidden_without_small_counts)
{
	struct table t = {0};
	size_t total = cell(&t, 12), a = cell(&t, 0), b = cell(&t, 3), c = cell(&t, 9);
	sum(&t, total, (size_t[]){a, b, c}, 3);
	apply(&t, 3);
	for (size_t i = 0; i < t.n; i++)
		ck_assert(!t.c[i].hidden);
	/* a threshold of 0 or 1 hides nothing, however small */
	struct table u = {0};
	total = cell(&u, 2);
	a = cell(&u, 1);
	b = cell(&u, 1);
	sum(&u, total, (size_t[]){a, b}, 2);
	apply(&u, 0);
	ck_assert(!u.c[a].hidden && !u.c[total].hidden);
	apply(&u, 1);
	ck_assert(!u.c[a].hidden && !u.c[total].hidden);
}
END_TEST

/* The complement is the smallest shown nonzero part; the total stays; zeros stay shown. */
START_TEST(complement_is_next_smallest_part)
{
	struct table t = {0};
	size_t total = cell(&t, 20), p1 = cell(&t, 1), p9 = cell(&t, 9), p4 = cell(&t, 4),
	       p6 = cell(&t, 6), z = cell(&t, 0);
	sum(&t, total, (size_t[]){p1, p9, p4, p6, z}, 5);
	apply(&t, 3);
	ck_assert(t.c[p1].hidden && t.c[p1].primary);
	ck_assert(t.c[p4].hidden && !t.c[p4].primary);
	ck_assert(!t.c[p9].hidden && !t.c[p6].hidden && !t.c[z].hidden && !t.c[total].hidden);
	assert_safe(&t, "smallest");
}
END_TEST

/* Two small cells already protect each other: no complement. */
START_TEST(two_small_cells_need_no_complement)
{
	struct table t = {0};
	size_t total = cell(&t, 13), a = cell(&t, 1), b = cell(&t, 2), c = cell(&t, 10);
	sum(&t, total, (size_t[]){a, b, c}, 3);
	apply(&t, 3);
	ck_assert(t.c[a].hidden && t.c[b].hidden && !t.c[c].hidden && !t.c[total].hidden);
	assert_safe(&t, "pair");
}
END_TEST

/* A small total: its only nonzero part equals it and is hidden with it. */
START_TEST(small_total_and_its_part)
{
	struct table t = {0};
	size_t total = cell(&t, 2), a = cell(&t, 2), z = cell(&t, 0);
	sum(&t, total, (size_t[]){a, z}, 2);
	apply(&t, 3);
	ck_assert(t.c[total].hidden && t.c[a].hidden && !t.c[z].hidden);
	assert_safe(&t, "small total");
}
END_TEST

/* A row's parts: count = beslut + avbrott. */
START_TEST(row_parts)
{
	struct table t = {0};
	size_t count = cell(&t, 5), beslut = cell(&t, 4), avbrott = cell(&t, 1);
	sum(&t, count, (size_t[]){beslut, avbrott}, 2);
	apply(&t, 3);
	ck_assert(t.c[avbrott].hidden && t.c[beslut].hidden && !t.c[count].hidden);
	assert_safe(&t, "row");
}
END_TEST

/* Only the total is left to complement a part (the other parts are zero): it is hidden. */
START_TEST(total_as_last_complement)
{
	struct table t = {0};
	size_t top = cell(&t, 9), left = cell(&t, 2), right = cell(&t, 7);
	size_t y = cell(&t, 7), z = cell(&t, 0);
	sum(&t, top, (size_t[]){left, right}, 2);
	sum(&t, y, (size_t[]){right, z}, 2);
	apply(&t, 3);
	ck_assert(t.c[left].hidden && t.c[right].hidden && !t.c[right].primary);
	ck_assert(t.c[y].hidden && !t.c[z].hidden && !t.c[top].hidden);
	assert_safe(&t, "total");
	/* a chain: a total hidden as a complement elsewhere takes one of its own parts along */
	struct table u = {0};
	top = cell(&u, 9), left = cell(&u, 2), right = cell(&u, 7);
	size_t r1 = cell(&u, 3), r2 = cell(&u, 4);
	sum(&u, top, (size_t[]){left, right}, 2);
	sum(&u, right, (size_t[]){r1, r2}, 2);
	apply(&u, 3);
	ck_assert(u.c[left].hidden && u.c[right].hidden);
	ck_assert(u.c[r1].hidden && !u.c[r2].hidden);
	assert_safe(&u, "chain");
}
END_TEST

/* Two breakdowns of one total (by category and by outcome). */
START_TEST(two_breakdowns_of_one_total)
{
	struct table t = {0};
	size_t total = cell(&t, 7);
	size_t g[4] = {cell(&t, 2), cell(&t, 2), cell(&t, 1), cell(&t, 2)};
	size_t o[2] = {cell(&t, 3), cell(&t, 4)};
	sum(&t, total, g, 4);
	sum(&t, total, o, 2);
	apply(&t, 3);
	ck_assert(!t.c[total].hidden && !t.c[o[0]].hidden && !t.c[o[1]].hidden);
	for (int i = 0; i < 4; i++)
		ck_assert(t.c[g[i]].hidden);
	assert_safe(&t, "two breakdowns");
}
END_TEST

/* Rows with parts under column totals: the shape of the council report's by_insats. */
static void build_rows(struct table *t, int rows, int64_t (*v)[2])
{
	size_t count[MAXS], b[MAXS], a[MAXS];
	int64_t tb = 0, ta = 0;
	for (int i = 0; i < rows; i++)
		tb += v[i][0], ta += v[i][1];
	size_t total = cell(t, tb + ta), tot_b = cell(t, tb), tot_a = cell(t, ta);
	sum(t, total, (size_t[]){tot_b, tot_a}, 2);
	for (int i = 0; i < rows; i++) {
		count[i] = cell(t, v[i][0] + v[i][1]);
		b[i] = cell(t, v[i][0]);
		a[i] = cell(t, v[i][1]);
		sum(t, count[i], (size_t[]){b[i], a[i]}, 2);
	}
	sum(t, total, count, (size_t)rows);
	sum(t, tot_b, b, (size_t)rows);
	sum(t, tot_a, a, (size_t)rows);
}

START_TEST(rows_under_column_totals)
{
	int64_t v[][2] = {{58, 0}, {21, 3}, {0, 1}, {4, 0}};
	struct table t = {0};
	build_rows(&t, 4, v);
	apply(&t, 3);
	assert_safe(&t, "rows");
}
END_TEST

/* Random tables of every shape, each attacked. */
START_TEST(random_tables_cannot_be_worked_back)
{
	unsigned seed = 20261202;
	for (int round = 0; round < 400; round++) {
		struct table t = {0};
		int rows = 1 + (int)(rand_r(&seed) % 6);
		int64_t v[8][2];
		for (int i = 0; i < rows; i++) {
			v[i][0] = rand_r(&seed) % 3 == 0 ? 0 : (int64_t)(rand_r(&seed) % 7);
			v[i][1] = rand_r(&seed) % 2 == 0 ? 0 : (int64_t)(rand_r(&seed) % 5);
		}
		build_rows(&t, rows, v);
		apply(&t, 3 + (unsigned)(round % 2));
		assert_safe(&t, "random rows");
		for (size_t i = 0; i < t.n; i++)
			if (t.c[i].value > 0 && t.c[i].value < 3)
				ck_assert(t.c[i].hidden && t.c[i].primary);
	}
}
END_TEST

/* A rows × cols table with row totals, column totals and a grand total. */
static void build_grid(struct table *t, int rows, int cols, int64_t v[6][4])
{
	size_t cellv[6][4], rt[6], ct[4], parts[6];
	int64_t colsum[4] = {0}, grand = 0;
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < cols; j++)
			colsum[j] += v[i][j], grand += v[i][j];
	size_t g = cell(t, grand);
	for (int j = 0; j < cols; j++)
		ct[j] = cell(t, colsum[j]);
	for (int i = 0; i < rows; i++) {
		int64_t r = 0;
		for (int j = 0; j < cols; j++)
			r += v[i][j];
		rt[i] = cell(t, r);
		for (int j = 0; j < cols; j++)
			cellv[i][j] = cell(t, v[i][j]);
		sum(t, rt[i], cellv[i], (size_t)cols);
	}
	sum(t, g, rt, (size_t)rows);
	sum(t, g, ct, (size_t)cols);
	for (int j = 0; j < cols; j++) {
		for (int i = 0; i < rows; i++)
			parts[i] = cellv[i][j];
		sum(t, ct[j], parts, (size_t)rows);
	}
}

/* General two-way tables, where a row and a column together can give a cell away. */
START_TEST(random_grids_cannot_be_worked_back)
{
	unsigned seed = 4711;
	for (int round = 0; round < 600; round++) {
		struct table t = {0};
		int rows = 2 + (int)(rand_r(&seed) % 5), cols = 2 + (int)(rand_r(&seed) % 3);
		int64_t v[6][4];
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < cols; j++)
				v[i][j] = rand_r(&seed) % 3 == 0 ? 0 : (int64_t)(rand_r(&seed) % 9);
		build_grid(&t, rows, cols, v);
		apply(&t, 3);
		assert_safe(&t, "random grid");
	}
}
END_TEST

/* A table too large for the algebra: every sum touching a hidden cell is hidden whole, so
 * nothing there is left to work from; a sum with no small cell stays shown. */
START_TEST(large_tables_hide_whole_sums)
{
	enum { ROWS = 1200, COLS = 3 };
	size_t ncells = 1 + COLS + ROWS * (COLS + 1), nsums = ROWS + COLS + 1;
	struct sup_cell *c = calloc(ncells, sizeof *c);
	struct sup_sum *sums = calloc(nsums, sizeof *sums);
	size_t *parts = calloc(nsums * (ROWS + 1), sizeof *parts);
	ck_assert(c && sums && parts);
	/* cells: grand, column totals, then per row its total and its COLS cells */
	size_t grand = 0, col0 = 1, row0 = 1 + COLS, ns = 0;
	for (size_t i = 0; i < ROWS; i++) {
		size_t rt = row0 + i * (COLS + 1);
		size_t *p = parts + ns * (ROWS + 1);
		for (size_t j = 0; j < COLS; j++) {
			int64_t v = i < 5 ? 10 : (int64_t)((i * 7 + j) % 3);   /* mostly 0, 1, 2 */
			c[rt + 1 + j].value = v;
			c[rt].value += v;
			c[col0 + j].value += v;
			c[grand].value += v;
			p[j] = rt + 1 + j;
		}
		sums[ns++] = (struct sup_sum){rt, p, COLS};
	}
	for (size_t j = 0; j < COLS; j++) {
		size_t *p = parts + ns * (ROWS + 1);
		for (size_t i = 0; i < ROWS; i++)
			p[i] = row0 + i * (COLS + 1) + 1 + j;
		sums[ns++] = (struct sup_sum){col0 + j, p, ROWS};
	}
	size_t *p = parts + ns * (ROWS + 1);
	for (size_t j = 0; j < COLS; j++)
		p[j] = col0 + j;
	sums[ns++] = (struct sup_sum){grand, p, COLS};
	ck_assert(sup_apply(c, ncells, sums, ns, 3));
	for (size_t k = 0; k < ns; k++) {
		size_t h = c[sums[k].total].hidden;
		for (size_t i = 0; i < sums[k].n_parts; i++)
			h += c[sums[k].parts[i]].hidden;
		ck_assert_msg(h == 0 || h == sums[k].n_parts + 1, "sum %zu: %zu of %zu hidden", k, h,
			      sums[k].n_parts + 1);
	}
	ck_assert(c[grand].hidden);   /* everything a hidden cell reaches, the totals too */
	for (size_t i = 0; i < ncells; i++)
		if (c[i].value > 0 && c[i].value < 3)
			ck_assert(c[i].hidden);
	free(c);
	free(sums);
	free(parts);
}
END_TEST

/* One breakdown of many parts is a forest: the rule per breakdown alone, and fast. */
START_TEST(wide_breakdown)
{
	enum { PARTS = 20000 };
	struct sup_cell *c = calloc(PARTS + 1, sizeof *c);
	size_t *parts = calloc(PARTS, sizeof *parts);
	ck_assert(c && parts);
	for (size_t i = 0; i < PARTS; i++) {
		c[i + 1].value = i == 7 ? 1 : 5 + (int64_t)(i % 9);
		c[0].value += c[i + 1].value;
		parts[i] = i + 1;
	}
	struct sup_sum sum = {0, parts, PARTS};
	ck_assert(sup_apply(c, PARTS + 1, &sum, 1, 3));
	size_t hidden = 0;
	for (size_t i = 0; i <= PARTS; i++)
		hidden += c[i].hidden;
	ck_assert_uint_eq(hidden, 2);     /* the one and the smallest other */
	ck_assert(c[8].hidden && !c[0].hidden);
	free(c);
	free(parts);
}
END_TEST

Suite *suppress_suite(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("rule");
	tcase_add_test(tc, women_cannot_be_worked_out);
	tcase_add_test(tc, nothing_hidden_without_small_counts);
	tcase_add_test(tc, complement_is_next_smallest_part);
	tcase_add_test(tc, two_small_cells_need_no_complement);
	tcase_add_test(tc, small_total_and_its_part);
	tcase_add_test(tc, row_parts);
	tcase_add_test(tc, total_as_last_complement);
	tcase_add_test(tc, two_breakdowns_of_one_total);
	tcase_add_test(tc, rows_under_column_totals);
	tcase_add_test(tc, random_tables_cannot_be_worked_back);
	tcase_add_test(tc, random_grids_cannot_be_worked_back);
	tcase_add_test(tc, large_tables_hide_whole_sums);
	tcase_add_test(tc, wide_breakdown);
	suite_add_tcase(s, tc);
	return s;
}
