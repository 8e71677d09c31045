/*
 * The names of enums in the API: every domain enum has a table of names indexed by its values
 * (colours, goal levels and statuses, indicator directions, lex Sarah outcomes, ...), and is
 * named and parsed through these two functions, so a name is spelt in one table only and an
 * out-of-range value or an unknown name is caught in one place.
 */
#ifndef FOLJA_NAMES_H
#define FOLJA_NAMES_H

#include <stddef.h>

/* The number of entries of a name table. */
#define NAMES_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/** The name of value @p v in @p names (@p n entries, borrowed); NULL when @p v is outside
 *  the table (a negative value cast into the enum included). */
const char *names_name(const char *const *names, size_t n, int v);

/** The value whose name is @p s among @p names[from..n), or -1 (for NULL too). */
int names_index(const char *const *names, size_t from, size_t n, const char *s);

#endif
