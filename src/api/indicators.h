/*
 * What the goal and indicator handlers share: the JSON of an indicator value's assessment,
 * which the goal tree shows for every linked indicator, the values list for every value and
 * the comparison for the year's goal attainment, and the range check of an indicator's
 * numbers.  Private to src/api/.
 */
#ifndef FOLJA_API_INDICATORS_H
#define FOLJA_API_INDICATORS_H

#include <jansson.h>

#include "folja/indicators.h"

/** @p v as a JSON real, null for NAN.  New reference; NULL when memory runs out. */
json_t *api_real_or_null(double v);

/** The sentence saying what assessment @p a found ("5 against target 5 (lower is better):
 *  met", "the value is null: För få svarande").  New reference; NULL when memory runs out. */
json_t *api_indicator_text(const struct indicator_assessment *a);

/** The assessment {color, explain} of an indicator value: the rule by direction, the inputs
 *  (value, target and where it came from, tolerance, direction, decimals), the thresholds
 *  and the value that would give the next better colour.  New reference; NULL when memory
 *  runs out. */
json_t *api_indicator_assessment_json(const struct indicator_assessment *a);

/** Appends to *errors (created on the first) a problem naming @p field when @p v lies beyond
 *  ±ASSESS_MAX_ABS (folja/assess.h), the range of an indicator's numbers; NAN (null) passes. */
void api_indicator_number_check(json_t **errors, const char *field, double v);

#endif
