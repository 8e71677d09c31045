/*
 * Names of the traffic-light colours.  The table is indexed by the enum so that the name and
 * the value cannot drift apart, and parsing is the same table read the other way.
 */
#include <stddef.h>
#include <string.h>

#include "folja/color.h"
#include "folja/names.h"

static const char *const color_names[] = {
	[COLOR_GREEN] = "gron",
	[COLOR_YELLOW] = "gul",
	[COLOR_RED] = "rod",
};

const char *color_name(enum color c)
{
	return names_name(color_names, NAMES_COUNT(color_names), (int)c);
}

bool color_parse(const char *s, enum color *out)
{
	int i = names_index(color_names, 0, NAMES_COUNT(color_names), s);
	if (i >= 0)
		*out = (enum color)i;
	return i >= 0;
}
