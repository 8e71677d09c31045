/*
 * Secondary suppression (see include/folja/suppress.h).
 *
 * First the rule a statistician applies by hand, breakdown by breakdown: one hidden cell in
 * a sum is one too few.  Then the check a reader could make with pencil and paper, as linear
 * algebra: with the shown cells moved to the right-hand side, each sum is an equation over
 * the hidden cells; reduced to row echelon form, a hidden cell is determined exactly when its
 * column holds a pivot and nothing else in that row.  Such a cell gets one more complement
 * and the check runs again; every round hides one more cell, so it ends.
 *
 * The check is needed only where sums share cells in a cycle (a table with row and column
 * totals).  Where the graph of cells and sums is a forest (breakdowns of breakdowns, several
 * breakdowns of one total), the rule per breakdown is already enough: a combination of sums
 * that isolated a hidden cell would have, at each leaf sum, a hidden cell of that sum alone
 * (every sum holds two hidden cells or none), and two leaves cannot both isolate the same
 * one.  So the algebra runs only on cycles, and a system too large for it
 * (SUP_MAX_SYSTEM entries) is made safe the blunt way: every cell of every sum that reaches a
 * hidden cell is hidden, leaving nothing there to work from.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "folja/suppress.h"

#define NONE SIZE_MAX
#define EPS 1e-9
#define SUP_MAX_SYSTEM ((size_t)1 << 20)   /* sums × hidden cells the algebra takes on */

/* ==== the rule per breakdown ============================================================= */

static void primary(struct sup_cell *cells, size_t n, unsigned threshold)
{
	for (size_t i = 0; i < n; i++) {
		cells[i].primary = cells[i].value > 0 && cells[i].value < (int64_t)threshold;
		cells[i].hidden = cells[i].primary;
	}
}

static size_t hidden_in(const struct sup_cell *c, const struct sup_sum *s)
{
	size_t h = c[s->total].hidden;
	for (size_t i = 0; i < s->n_parts; i++)
		h += c[s->parts[i]].hidden;
	return h;
}

/* The smallest shown part of @p s whose value is nonzero (@p zero false) or zero (true). */
static size_t smallest_part(const struct sup_cell *c, const struct sup_sum *s, bool zero)
{
	size_t best = NONE;
	for (size_t i = 0; i < s->n_parts; i++) {
		const struct sup_cell *p = &c[s->parts[i]];
		if (p->hidden || (p->value == 0) != zero)
			continue;
		if (best == NONE || p->value < c[best].value)
			best = s->parts[i];
	}
	return best;
}

/* The cell of @p s to hide as a complement: the smallest shown nonzero part, else the shown
 * total, else a shown zero part; NONE when every cell of @p s is hidden. */
static size_t complement(const struct sup_cell *c, const struct sup_sum *s)
{
	size_t k = smallest_part(c, s, false);
	if (k == NONE && !c[s->total].hidden)
		k = s->total;
	return k != NONE ? k : smallest_part(c, s, true);
}

/* Hides complements until no breakdown has exactly one hidden cell. */
static void per_breakdown(struct sup_cell *cells, const struct sup_sum *sums, size_t n_sums)
{
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t s = 0; s < n_sums; s++) {
			if (hidden_in(cells, &sums[s]) != 1)
				continue;
			size_t k = complement(cells, &sums[s]);
			if (k != NONE) {
				cells[k].hidden = true;
				changed = true;
			}
		}
	}
}

/* ==== the check as equations ============================================================= */

/* The sums as rows over the hidden cells' columns: +1 for a total, -1 for a part. */
struct system {
	double *a;          /* rows × cols, row-major */
	size_t rows, cols;
	size_t *col_of;     /* per cell: its column, NONE when shown */
};

static void system_free(struct system *sy)
{
	free(sy->a);
	free(sy->col_of);
}

static bool system_build(struct system *sy, const struct sup_cell *cells, size_t n,
			 const struct sup_sum *sums, size_t n_sums)
{
	*sy = (struct system){.rows = n_sums};
	sy->col_of = malloc((n ? n : 1) * sizeof *sy->col_of);
	if (!sy->col_of)
		return false;
	for (size_t i = 0; i < n; i++)
		sy->col_of[i] = cells[i].hidden ? sy->cols++ : NONE;
	sy->a = calloc(sy->rows * sy->cols + 1, sizeof *sy->a);
	if (!sy->a) {
		system_free(sy);
		return false;
	}
	for (size_t r = 0; r < n_sums; r++) {
		double *row = sy->a + r * sy->cols;
		if (sy->col_of[sums[r].total] != NONE)
			row[sy->col_of[sums[r].total]] += 1;
		for (size_t i = 0; i < sums[r].n_parts; i++)
			if (sy->col_of[sums[r].parts[i]] != NONE)
				row[sy->col_of[sums[r].parts[i]]] -= 1;
	}
	return true;
}

static void swap_rows(struct system *sy, size_t x, size_t y)
{
	for (size_t c = 0; x != y && c < sy->cols; c++) {
		double t = sy->a[x * sy->cols + c];
		sy->a[x * sy->cols + c] = sy->a[y * sy->cols + c];
		sy->a[y * sy->cols + c] = t;
	}
}

/* Clears column @p c in every row but @p pivot, whose entry there is made 1. */
static void eliminate(struct system *sy, size_t pivot, size_t c)
{
	double *p = sy->a + pivot * sy->cols, lead = p[c];
	for (size_t k = 0; k < sy->cols; k++)
		p[k] /= lead;
	for (size_t r = 0; r < sy->rows; r++) {
		double *row = sy->a + r * sy->cols, f = row[c];
		if (r == pivot || fabs(f) < EPS)
			continue;
		for (size_t k = 0; k < sy->cols; k++)
			row[k] -= f * p[k];
	}
}

/* Reduces to row echelon form; pivot_row[c] gets the row of column c's pivot, or NONE. */
static void reduce(struct system *sy, size_t *pivot_row)
{
	size_t next = 0;
	for (size_t c = 0; c < sy->cols; c++) {
		size_t best = NONE;
		for (size_t r = next; r < sy->rows; r++)
			if (fabs(sy->a[r * sy->cols + c]) > EPS &&
			    (best == NONE || fabs(sy->a[r * sy->cols + c]) >
					     fabs(sy->a[best * sy->cols + c])))
				best = r;
		pivot_row[c] = best == NONE ? NONE : next;
		if (best == NONE)
			continue;
		swap_rows(sy, best, next);
		eliminate(sy, next, c);
		next++;
	}
}

/* True when column @p c holds a pivot whose row is zero elsewhere: the cell is determined. */
static bool determined(const struct system *sy, const size_t *pivot_row, size_t c)
{
	if (pivot_row[c] == NONE)
		return false;
	const double *row = sy->a + pivot_row[c] * sy->cols;
	for (size_t k = 0; k < sy->cols; k++)
		if (k != c && fabs(row[k]) > EPS)
			return false;
	return true;
}

/* The first hidden cell the shown cells determine into *out (NONE when none). */
static bool first_determined(const struct sup_cell *cells, size_t n, const struct sup_sum *sums,
			     size_t n_sums, size_t *out)
{
	struct system sy;
	*out = NONE;
	if (!system_build(&sy, cells, n, sums, n_sums))
		return false;
	size_t *pivot_row = malloc((sy.cols ? sy.cols : 1) * sizeof *pivot_row);
	if (!pivot_row) {
		system_free(&sy);
		return false;
	}
	reduce(&sy, pivot_row);
	for (size_t i = 0; i < n && *out == NONE; i++)
		if (sy.col_of[i] != NONE && determined(&sy, pivot_row, sy.col_of[i]))
			*out = i;
	free(pivot_row);
	system_free(&sy);
	return true;
}

bool sup_derivable(const struct sup_cell *cells, size_t n, const struct sup_sum *sums,
		   size_t n_sums, size_t cell, bool *out)
{
	struct system sy;
	*out = false;
	if (cell >= n || !cells[cell].hidden)
		return true;
	if (!system_build(&sy, cells, n, sums, n_sums))
		return false;
	size_t *pivot_row = malloc((sy.cols ? sy.cols : 1) * sizeof *pivot_row);
	if (pivot_row) {
		reduce(&sy, pivot_row);
		*out = determined(&sy, pivot_row, sy.col_of[cell]);
	}
	free(pivot_row);
	system_free(&sy);
	return pivot_row != NULL;
}

/* ==== both ================================================================================ */

static bool sum_has(const struct sup_sum *s, size_t cell)
{
	if (s->total == cell)
		return true;
	for (size_t i = 0; i < s->n_parts; i++)
		if (s->parts[i] == cell)
			return true;
	return false;
}

/* The complement to hide for determined cell @p x: the smallest over the sums holding it, or
 * (when those are hidden whole and x follows from a combination) over every sum holding a
 * hidden cell. */
static size_t complement_for(const struct sup_cell *cells, const struct sup_sum *sums,
			     size_t n_sums, size_t x)
{
	size_t best = NONE;
	for (int pass = 0; pass < 2 && best == NONE; pass++)
		for (size_t s = 0; s < n_sums; s++) {
			if (pass == 0 ? !sum_has(&sums[s], x) : hidden_in(cells, &sums[s]) == 0)
				continue;
			size_t k = complement(cells, &sums[s]);
			if (k != NONE && (best == NONE || cells[k].value < cells[best].value))
				best = k;
		}
	return best;
}

/* ==== the shape of the system ============================================================= */

static size_t find(size_t *parent, size_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* Joins the sets of @p a and @p b; false when they were one already (a cycle). */
static bool join(size_t *parent, size_t a, size_t b)
{
	a = find(parent, a);
	b = find(parent, b);
	if (a == b)
		return false;
	parent[a] = b;
	return true;
}

/* Whether the graph of cells and sums (a cell joined to each sum it is a total or part of)
 * holds a cycle, into *out.  False when out of memory. */
static bool has_cycle(size_t n, const struct sup_sum *sums, size_t n_sums, bool *out)
{
	size_t *parent = malloc((n + n_sums + 1) * sizeof *parent);
	if (!parent)
		return false;
	for (size_t i = 0; i < n + n_sums; i++)
		parent[i] = i;
	*out = false;
	for (size_t s = 0; s < n_sums && !*out; s++) {
		*out = !join(parent, n + s, sums[s].total);
		for (size_t i = 0; i < sums[s].n_parts && !*out; i++)
			*out = !join(parent, n + s, sums[s].parts[i]);
	}
	free(parent);
	return true;
}

/* Hides every cell of every sum that reaches a hidden cell, until none is left to reach. */
static void hide_reachable(struct sup_cell *cells, const struct sup_sum *sums, size_t n_sums)
{
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t s = 0; s < n_sums; s++) {
			const struct sup_sum *x = &sums[s];
			if (hidden_in(cells, x) == 0 || hidden_in(cells, x) == x->n_parts + 1)
				continue;
			cells[x->total].hidden = true;
			for (size_t i = 0; i < x->n_parts; i++)
				cells[x->parts[i]].hidden = true;
			changed = true;
		}
	}
}

static size_t hidden_count(const struct sup_cell *cells, size_t n)
{
	size_t h = 0;
	for (size_t i = 0; i < n; i++)
		h += cells[i].hidden;
	return h;
}

bool sup_apply(struct sup_cell *cells, size_t n, const struct sup_sum *sums, size_t n_sums,
	       unsigned threshold)
{
	bool cycle;
	primary(cells, n, threshold);
	per_breakdown(cells, sums, n_sums);
	if (!has_cycle(n, sums, n_sums, &cycle))
		return false;
	while (cycle) {
		size_t x, k;
		if (n_sums && hidden_count(cells, n) > SUP_MAX_SYSTEM / n_sums) {
			hide_reachable(cells, sums, n_sums);
			return true;
		}
		if (!first_determined(cells, n, sums, n_sums, &x))
			return false;
		if (x == NONE || (k = complement_for(cells, sums, n_sums, x)) == NONE)
			return true;
		cells[k].hidden = true;
		per_breakdown(cells, sums, n_sums);
	}
	return true;
}
