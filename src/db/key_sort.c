/*
 * Sorting packed 128-bit keys: see key_sort.h.
 *
 * Sixteen byte positions, lo's lowest first and hi's highest last, each a stable counting
 * pass from one buffer into the other; a position where every key has the same byte would
 * move nothing and is skipped.  The counts of all sixteen come from one read of the keys
 * (16 x 256 counters, 32 KiB).
 */
#include <stdlib.h>
#include <string.h>

#include "key_sort.h"

#define POSITIONS 16

/* Byte @p pos of @p k: 0..7 are lo's, lowest first, 8..15 hi's. */
static unsigned byte_at(const struct key128 *k, int pos)
{
	uint64_t w = pos < 8 ? k->lo : k->hi;
	return (unsigned)(w >> (8 * (pos & 7))) & 0xff;
}

int key_cmp(const void *pa, const void *pb)
{
	const struct key128 *a = pa, *b = pb;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return (a->at > b->at) - (a->at < b->at);
}

/* One stable pass by byte @p pos from @p src to @p dst, @p count its 256 counts. */
static void pass(const struct key128 *src, struct key128 *dst, size_t n, int pos,
		 const size_t count[256])
{
	size_t start[256], at = 0;
	for (int b = 0; b < 256; b++) {
		start[b] = at;
		at += count[b];
	}
	for (size_t i = 0; i < n; i++)
		dst[start[byte_at(&src[i], pos)]++] = src[i];
}

void key_sort(struct key128 *keys, size_t n)
{
	if (n < 2)
		return;
	struct key128 *tmp = malloc(n * sizeof *tmp);
	if (!tmp) {
		qsort(keys, n, sizeof *keys, key_cmp);
		return;
	}
	size_t count[POSITIONS][256] = {{0}};
	for (size_t i = 0; i < n; i++)
		for (int pos = 0; pos < POSITIONS; pos++)
			count[pos][byte_at(&keys[i], pos)]++;
	struct key128 *src = keys, *dst = tmp;
	for (int pos = 0; pos < POSITIONS; pos++) {
		if (count[pos][byte_at(&keys[0], pos)] == n)
			continue;   /* every key has this byte: the pass would move nothing */
		pass(src, dst, n, pos, count[pos]);
		struct key128 *t = src;
		src = dst;
		dst = t;
	}
	if (src != keys)
		memcpy(keys, src, n * sizeof *keys);
	free(tmp);
}
