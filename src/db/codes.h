/*
 * The distinct codes of an import (activities, accounts, projects and the few words of a
 * line's kind), each text kept once and numbered, so a million lines hold small numbers
 * instead of a million copies: memory follows the number of distinct codes, not of lines.
 * Private to src/db/.
 */
#ifndef FOLJA_DB_CODES_H
#define FOLJA_DB_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The distinct codes of an import, numbered; 0 is the empty code (none given). */
struct codes {
	char **names;          /* owned, names[0] == NULL stands for "" */
	size_t n, cap;
	uint32_t *slots;       /* open addressing: a number + 1, or 0 when free */
	size_t nslots;         /* a power of two, at least twice n */
};

/** The number of code @p s (NULL and "" are 0), added when new.  False when out of memory. */
bool codes_id(struct codes *c, const char *s, uint32_t *id);
/** The text of number @p id ("" for 0), owned by @p c. */
const char *code_name(const struct codes *c, uint32_t id);
/** Frees the table's memory; @p c may then be zeroed and used again. */
void codes_free(struct codes *c);

#endif
