/*
 * The charts of a report's HTML rendering, as inline SVG (src/api/report_svg.c): deviation
 * bars, coloured month rows and indicator series.  Each is an image with a title and a
 * description in words that says everything the picture shows.
 */
#ifndef FOLJA_API_REPORT_SVG_H
#define FOLJA_API_REPORT_SVG_H

#include <jansson.h>

#include "folja/report_render.h"

/** Appends chart block @p chart (borrowed; report_blocks.h) as figure number @p n. */
void report_svg_chart(struct sbuf *b, const json_t *chart, int n);

#endif
