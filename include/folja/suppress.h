/*
 * Small numbers that cannot be worked back.
 *
 * On reads served without a token (--open-read), a count of one or two people could single
 * someone out in a small municipality, so official statistics hide it (primary suppression).
 * Hiding the small cell alone is not enough when the table also shows what it adds up to: a
 * council report showing a total of 5, men 3 and women hidden tells everyone that women = 2.
 * So a second cell is hidden as well (secondary, or complementary, suppression): whenever a
 * hidden cell could be worked out from a total and the other cells of its breakdown, the next
 * smallest shown cell of that breakdown is hidden too, a part rather than the total where one
 * is left.  A breakdown is any sum the reply shows the terms of: the groups of a total, the
 * parts of a row (count = beslut + avbrott), the cells of a column and its total.
 *
 * The rule is applied until no breakdown has exactly one hidden cell.  Breakdowns that share
 * cells can still give a hidden cell away in combination (a row and a column together), so
 * the result is then checked as a system of linear equations: a hidden cell that the shown
 * cells determine (its unit vector lies in the row space of the hidden columns of the sums)
 * makes the next smallest shown cell of one of its sums hidden too, until none is determined.
 *
 * Zero is shown and is not hidden as a complement while another cell will do: zero singles
 * out nobody.  Cells and sums are plain arrays the caller owns; sup_apply() allocates only
 * its working matrix and frees it before returning.
 */
#ifndef FOLJA_SUPPRESS_H
#define FOLJA_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One count of a reply. */
struct sup_cell {
	int64_t value;    /* the count; >= 0 */
	bool hidden;      /* out: shown as null */
	bool primary;     /* out: hidden because it is small itself, not as a complement */
};

/* One breakdown: cells[total] = Σ cells[parts[i]].  Indices into the cell array. */
struct sup_sum {
	size_t total;
	const size_t *parts;   /* borrowed */
	size_t n_parts;
};

/**
 * Decides which cells of @p cells to hide.  Every cell with 0 < value < @p threshold is
 * hidden (primary); then, as above, as few others as the rule takes so that no hidden cell
 * follows from the shown cells through @p sums.  A @p threshold of 0 or 1 hides nothing.
 * Every cell's hidden and primary flags are set (cleared first).
 * @return false when out of memory (the flags are then those of the per-breakdown rule,
 *         which still never leaves a breakdown with one hidden cell).
 */
bool sup_apply(struct sup_cell *cells, size_t n, const struct sup_sum *sums, size_t n_sums,
	       unsigned threshold);

/**
 * Whether hidden cell @p cell is determined by the shown cells through @p sums (the check
 * sup_apply() ends with, for tests and callers that build their own tables).  Sets *out.
 * @return false when out of memory.
 */
bool sup_derivable(const struct sup_cell *cells, size_t n, const struct sup_sum *sums,
		   size_t n_sums, size_t cell, bool *out);

#endif
