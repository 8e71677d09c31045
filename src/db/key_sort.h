/*
 * Sorting an import's staged rows by their packed keys.  Private to src/db/.
 *
 * A statistics import keeps one 128-bit key per staged row (its place in the facts'
 * clustering order, statistics_import.c) and sorts them once, a million or more at a time.
 * key_sort() is a stable least-significant-digit radix sort: one pass counts every byte of
 * every key, then one pass moves the keys for each byte position whose keys do not all share
 * a value, which for real imports (one statistic, a few years, units and dimension values of
 * small numbers) is about half of the sixteen.
 */
#ifndef FOLJA_DB_KEY_SORT_H
#define FOLJA_DB_KEY_SORT_H

#include <stddef.h>
#include <stdint.h>

/* A row's key, compared as hi, then lo, both unsigned; at is the row's place. */
struct key128 {
	uint64_t hi, lo;
	uint32_t at;
};

/** The order key_sort() gives keys that came in by at, as qsort() compares: by hi, lo, at. */
int key_cmp(const void *a, const void *b);

/** Sorts @p keys[0..n) by (hi, lo), keys of equal hi and lo staying in the order they came
 *  in.  Uses a buffer of n keys for the moves; if it cannot have one it sorts in place by
 *  (hi, lo, at) with qsort(), the same order when the keys came in by at.  Never fails. */
void key_sort(struct key128 *keys, size_t n);

#endif
