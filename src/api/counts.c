/*
 * The counts of one summary reply, suppressed together (include/folja/api.h, "counts").
 *
 * Which count may be shown depends on the others: a small count hidden alone could be worked
 * out from its total and the rest of its breakdown.  So a renderer writes every count into
 * its JSON object as it goes, noting where it put it and which sums the reply shows; at the
 * end the cells go through the domain's rule (folja/suppress.h) once, and each count it hides
 * is replaced by null in its object, which is marked "suppressed": true.
 */
#include <stdlib.h>

#include "folja/api.h"
#include "folja/suppress.h"

/* Where a count was put. */
struct place {
	json_t *obj;          /* borrowed: lives in the reply being built */
	const char *key;      /* a string literal */
};

struct api_counts {
	unsigned suppress;
	struct sup_cell *cells;
	struct place *places;
	size_t n, cap;
	struct sup_sum *sums;         /* parts point into `parts` once finished */
	size_t *sum_first;            /* per sum: its first part in `parts` */
	size_t n_sums, cap_sums;
	size_t *parts;
	size_t n_parts, cap_parts;
	bool oom;
};

struct api_counts *api_counts_new(unsigned suppress)
{
	struct api_counts *c = calloc(1, sizeof *c);
	if (c)
		c->suppress = suppress;
	return c;
}

void api_counts_free(struct api_counts *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c->places);
	free(c->sums);
	free(c->sum_first);
	free(c->parts);
	free(c);
}

/* @p arr grown (doubling) to hold @p need elements of @p size, its allocation holding *cap;
 * @p arr itself when it does already.  NULL when out of memory, @p arr left as it was. */
static void *room(void *arr, size_t size, size_t need, size_t *cap)
{
	size_t ncap = *cap ? *cap : 32;
	while (ncap < need)
		ncap *= 2;
	if (ncap == *cap)
		return arr;
	void *p = realloc(arr, ncap * size);
	if (p)
		*cap = ncap;
	return p;
}

/* Room for one more count: its cell and its place grow together. */
static bool room_for_count(struct api_counts *c)
{
	size_t cap = c->cap;
	struct sup_cell *cells = room(c->cells, sizeof *cells, c->n + 1, &cap);
	if (!cells)
		return false;
	c->cells = cells;
	struct place *places = room(c->places, sizeof *places, c->n + 1, &c->cap);
	if (!places)
		return false;
	c->places = places;
	return true;
}

/* Room for one more sum and its @p n parts. */
static bool room_for_sum(struct api_counts *c, size_t n)
{
	size_t cap = c->cap_sums;
	struct sup_sum *sums = room(c->sums, sizeof *sums, c->n_sums + 1, &cap);
	if (!sums)
		return false;
	c->sums = sums;
	size_t *first = room(c->sum_first, sizeof *first, c->n_sums + 1, &c->cap_sums);
	if (!first)
		return false;
	c->sum_first = first;
	size_t *parts = room(c->parts, sizeof *parts, c->n_parts + n, &c->cap_parts);
	if (!parts)
		return false;
	c->parts = parts;
	return true;
}

size_t api_counts_put(struct api_counts *c, json_t *obj, const char *key, int64_t n)
{
	if (!obj || c->oom || json_object_set_new(obj, key, json_integer((json_int_t)n)) ||
	    !room_for_count(c)) {
		c->oom = true;
		return API_COUNT_NONE;
	}
	c->cells[c->n] = (struct sup_cell){.value = n};
	c->places[c->n] = (struct place){obj, key};
	return c->n++;
}

void api_counts_sum(struct api_counts *c, size_t total, const size_t *parts, size_t n)
{
	bool ok = !c->oom && total != API_COUNT_NONE;
	for (size_t i = 0; ok && i < n; i++)
		ok = parts[i] != API_COUNT_NONE;
	if (!ok || !room_for_sum(c, n)) {
		c->oom = true;
		return;
	}
	c->sum_first[c->n_sums] = c->n_parts;
	for (size_t i = 0; i < n; i++)
		c->parts[c->n_parts++] = parts[i];
	c->sums[c->n_sums++] = (struct sup_sum){.total = total, .n_parts = n};
}

bool api_counts_hidden(const struct api_counts *c, size_t cell)
{
	return cell < c->n && c->cells[cell].hidden;
}

bool api_counts_finish(struct api_counts *c)
{
	if (c->oom)
		return false;
	if (c->suppress <= 1)
		return true;
	for (size_t s = 0; s < c->n_sums; s++)
		c->sums[s].parts = c->parts + c->sum_first[s];
	if (!sup_apply(c->cells, c->n, c->sums, c->n_sums, c->suppress))
		return false;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->cells[i].hidden)
			continue;
		if (json_object_set_new(c->places[i].obj, c->places[i].key, json_null()) ||
		    json_object_set_new(c->places[i].obj, "suppressed", json_true()))
			return false;
	}
	return true;
}
