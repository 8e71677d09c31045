/*
 * What the statistics handlers share (private to src/api/): reading a fact's dimension values
 * and figures against its statistic, which a single write, a bulk import and a Kolada file
 * all do the same way, and a statistic's definition loaded for a request.
 */
#ifndef FOLJA_API_STATISTICS_H
#define FOLJA_API_STATISTICS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "folja/db_statistics.h"
#include "folja/statistics.h"

/* A fact's figures as given, before they are judged against its statistic. */
struct stat_figures_in {
	double value, numerator, denominator, share;   /* NAN when absent */
	int64_t population;                              /* IN_NULL when absent */
	const char *null_reason;                         /* NULL when absent */
};

/** The positions of the dimension values in @p dims (borrowed: an object {name: code}, or
 *  NULL for none) in statistic @p def, into @p out; appends a problem to *errors (named
 *  "dims" or "dims.<name>") for each name or code the statistic does not have. */
void api_stat_dims(const struct statistic *def, json_t *dims, uint8_t out[STAT_MAX_DIMS],
		   json_t **errors);

/** The form figures @p f take in a fact of @p def with dimension values @p dims: ratio from
 *  numerator and denominator, given from a ratio's value, share, value or null with a
 *  reason.  Appends a problem to *errors for each field that does not fit (and returns
 *  STAT_FORM_NULL then). */
enum stat_form api_stat_form(const struct statistic *def, const struct stat_figures_in *f,
			     const uint8_t dims[STAT_MAX_DIMS], json_t **errors);

/** Loads statistic @p id into @p set; replies 404 (or 503) and returns true when it cannot.
 *  The caller frees @p set with db_statistic_set_free() either way. */
bool api_statistic_or_reply(struct req *r, struct db *db, int64_t id,
			    struct statistic_set *set);

/* ---- tables (statistics_render.c) ---- */

struct statistics_table_params;

/** The reply of table @p t (question @p q, parameters @p p) of statistic @p def: a new
 *  reference, NULL when memory runs out.  Hidden cells (t's `hidden`) show null with
 *  "suppressed": true and an explain that tells nothing of them. */
json_t *api_stat_table_json(const struct statistic *def,
			    const struct statistics_table_params *p,
			    const struct stat_question *q, const struct stat_table *t);
/** The rows and the total of a table's reply @p body (borrowed) as flat CSV rows: a new
 *  reference, NULL when memory runs out. */
json_t *api_stat_table_csv(json_t *body);

#endif
