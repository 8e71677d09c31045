/*
 * The traffic-light colours every follow-up assessment ends in.
 *
 * Budget deviations, goals, indicators and peer comparisons are all judged green, yellow or
 * red, and a report puts them side by side, so they share one enum and one spelling in the API
 * ("gron", "gul", "rod": ASCII forms of grön, gul, röd, as DESIGN.md gives them).  The enum is
 * ordered from best to worst, so "the worse of two colours" is the larger value and "the next
 * better colour" is the value minus one.
 */
#ifndef FOLJA_COLOR_H
#define FOLJA_COLOR_H

#include <stdbool.h>

enum color {
	COLOR_GREEN,   /* "gron": the target is met */
	COLOR_YELLOW,  /* "gul": close, within the tolerance */
	COLOR_RED,     /* "rod": not met */
};

/** The API name of @p c ("gron", "gul", "rod"), a static string; NULL for a value outside
 *  the enum. */
const char *color_name(enum color c);

/** Parses an API name exactly (lower case, ASCII).  True and *out set on success; false and
 *  *out untouched otherwise (NULL @p s included). */
bool color_parse(const char *s, enum color *out);

#endif
