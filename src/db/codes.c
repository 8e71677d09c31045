/*
 * The distinct codes of an import, interned (see codes.h): open addressing over the
 * numbers, the names owned by the table.
 */
#include <stdlib.h>
#include <string.h>

#include "codes.h"

static uint64_t hash_text(const char *c)
{
	uint64_t h = 1469598103934665603u;
	for (; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	return h ^ (h >> 31);
}

const char *code_name(const struct codes *c, uint32_t id)
{
	return id ? c->names[id] : "";
}

static bool codes_grow(struct codes *c)
{
	size_t nslots = c->nslots ? c->nslots * 2 : 256;
	uint32_t *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return false;
	for (size_t id = 1; id < c->n; id++) {
		size_t j = hash_text(c->names[id]) & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)id + 1;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = nslots;
	return true;
}

/* Appends a copy of @p s as number c->n; false when out of memory. */
static bool codes_append(struct codes *c, const char *s)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		char **names = realloc(c->names, cap * sizeof *names);
		if (!names)
			return false;
		c->names = names;
		c->cap = cap;
	}
	if (c->n == 0)
		c->names[c->n++] = NULL;
	if (!(c->names[c->n] = strdup(s)))
		return false;
	c->n++;
	return true;
}

/* The number of code @p s (NULL and "" are 0), added when new.  False when out of memory. */
bool codes_id(struct codes *c, const char *s, uint32_t *id)
{
	*id = 0;
	if (!s || !*s)
		return true;
	if ((c->n + 1) * 2 > c->nslots && !codes_grow(c))
		return false;
	size_t j = hash_text(s) & (c->nslots - 1);
	for (; c->slots[j]; j = (j + 1) & (c->nslots - 1))
		if (strcmp(c->names[c->slots[j] - 1], s) == 0) {
			*id = c->slots[j] - 1;
			return true;
		}
	if (c->n >= UINT32_MAX - 1 || !codes_append(c, s))
		return false;
	*id = (uint32_t)(c->n - 1);
	c->slots[j] = (uint32_t)c->n;
	return true;
}

void codes_free(struct codes *c)
{
	for (size_t i = 1; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->slots);
}
