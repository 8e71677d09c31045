/*
 * What the report handlers share (src/api/report*.c): the context a report's sections are
 * built in, the section types, and the assembly of a report's document.
 *
 * A report's document is its JSON: the report's fields, then each section of its copy of the
 * template built as of now — a text section with its narrative, any other with the reply of the
 * endpoint it shows (`data`, made by that endpoint's body function for the report's unit and
 * period as a token without `sensitive` sees it) and the URL that reproduces it (`source`).
 * Markdown and HTML are rendered from that JSON (folja/report_render.h), and a locked revision
 * keeps all three as bytes.
 */
#ifndef FOLJA_API_REPORTS_H
#define FOLJA_API_REPORTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "folja/api.h"
#include "folja/db_reports.h"
#include "folja/period.h"

/* What a section is built for: the report's unit and period, seen as a token without
 * `sensitive` sees them. */
struct report_ctx {
	struct db *db;
	int64_t report_id;
	int64_t unit_id;
	const char *kind;
	struct period period;
	char period_text[PERIOD_BUF];
	struct api_view view;            /* {0, false} */
};

/* The report kinds, NULL-terminated. */
extern const char *const report_kinds[];

/**
 * Checks the sections @p sections of a template (an array of {key, title, type, params}):
 * keys unique and well formed, titles present, types known, params an object that the type's
 * endpoint accepts.  Appends each problem to *errors, naming "sections[i].field".
 */
void report_sections_check(json_t *sections, json_t **errors);

/**
 * Section @p sec (borrowed: {key, title, type, params, text?} as the report holds it) built for
 * @p c: {key, title, type, params, text} for narrative, {key, title, type, params, source,
 * data} for the rest, with `note` in place of data where the type is not available in this
 * installation and `error` where the endpoint refused (its unit gone, its sums out of range).
 * A new reference; NULL with *rc set when out of memory or storage fails.
 */
json_t *report_section_build(const struct report_ctx *c, json_t *sec, enum db_rc *rc);

/** The goal_summary section's data for @p c with @p params (borrowed) into a new reference;
 *  NULL with *rc set. */
json_t *report_goal_summary(const struct report_ctx *c, json_t *params, enum db_rc *rc);

/**
 * The document of revision @p rev as of now: its fields and every section built (inside one
 * read transaction of the caller's making).  A new reference; NULL with *rc set.
 */
json_t *report_document(struct db *db, const struct report_revision *rev, enum db_rc *rc);

/** The JSON rendering of @p doc as stored and served: compact, then a newline.  A new string
 *  (*len bytes); NULL when out of memory. */
char *report_json_text(const json_t *doc, size_t *len);

/** Replies the page @p offset .. @p offset + @p limit of the whole list @p all (stolen, @p total
 *  items) in the list envelope: for the short lists read whole (templates, period locks). */
void api_list_page(struct req *r, json_t *all, int64_t total, int64_t limit, int64_t offset);

/** Locks the newest revision of report @p id as the demo loader does: no request, no audit
 *  (the demo data set is loaded unaudited); @p decided_on and @p decision_ref may be NULL. */
enum db_rc report_demo_lock(struct db *db, int64_t id, const char *decided_on,
			    const char *decision_ref);

#endif
