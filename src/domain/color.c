/*
 * Names of the traffic-light colours.  The table is indexed by the enum so that the name and
 * the value cannot drift apart, and parsing is the same table read the other way.
 */
#include <stddef.h>
#include <string.h>

#include "folja/color.h"

static const char *const color_names[] = {
	[COLOR_GREEN] = "gron",
	[COLOR_YELLOW] = "gul",
	[COLOR_RED] = "rod",
};

#define COLOR_COUNT (sizeof color_names / sizeof color_names[0])

const char *color_name(enum color c)
{
	/* The cast also catches a negative value smuggled into the enum. */
	if ((size_t)c >= COLOR_COUNT)
		return NULL;
	return color_names[c];
}

bool color_parse(const char *s, enum color *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < COLOR_COUNT; i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = (enum color)i;
			return true;
		}
	}
	return false;
}
