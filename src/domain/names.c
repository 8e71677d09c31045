/*
 * Enum names (see include/folja/names.h).
 */
#include <string.h>

#include "folja/names.h"

const char *names_name(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : NULL;
}

int names_index(const char *const *names, size_t from, size_t n, const char *s)
{
	for (size_t i = from; s && i < n; i++)
		if (names[i] && strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}
