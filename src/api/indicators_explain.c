/*
 * The explain object of an indicator value's colour, rendered from indicator_assess()'s
 * result (folja/indicators.h).  A controller must be able to defend the colour in the
 * committee meeting, so the object names the rule by direction, every input (the value, the
 * target and whether it was the period's own or the indicator's, the tolerance, the decimals
 * it was compared at), the thresholds, and the value that would have given the next better
 * colour.  The goal tree, the values list and the peer comparison all show it the same way.
 */
#include <math.h>

#include "folja/api.h"
#include "folja/color.h"

#include "indicators.h"

static const char rule_higher[] =
	"higher is better: gron when value >= target, gul when value >= target - "
	"yellow_tolerance, rod otherwise (compared at the indicator's decimals)";
static const char rule_lower[] =
	"lower is better: gron when value <= target, gul when value <= target + "
	"yellow_tolerance, rod otherwise (compared at the indicator's decimals)";

json_t *api_real_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

void api_indicator_number_check(json_t **errors, const char *field, double v)
{
	if (!isnan(v) && !(fabs(v) <= ASSESS_MAX_ABS))
		problem_field(errors, field, "must be from %.0f to %.0f", -ASSESS_MAX_ABS,
			      ASSESS_MAX_ABS);
}

json_t *api_indicator_text(const struct indicator_assessment *a)
{
	bool lower = a->direction == IND_LOWER_IS_BETTER;
	int d = a->decimals;
	enum color c = a->a.color;
	switch (a->state) {
	case IND_NO_VALUE:
		return json_string("no value for the period");
	case IND_NULL_VALUE:
		return json_sprintf("the value is null: %s",
				    a->null_reason ? a->null_reason : "no reason given");
	case IND_NO_TARGET:
		return json_string("the indicator has no target for the period");
	case IND_JUDGED:
		break;
	}
	return json_sprintf("%.*f against target %.*f (%s): %s", d, a->value, d, a->target,
			    lower ? "lower is better" : "higher is better",
			    c == COLOR_GREEN ? "met" : c == COLOR_YELLOW ? "within the tolerance"
			    : "not met");
}

/* The value that would give the next better colour, or null when green. */
static json_t *next_better(const struct indicator_assessment *a)
{
	if (!a->a.has_next)
		return json_null();
	bool lower = a->direction == IND_LOWER_IS_BETTER;
	return json_pack("{s:s, s:f, s:o}", "color", color_name(a->a.next_color), "value",
			 a->a.next_value, "text",
			 json_sprintf("a value of %.*f or %s would make it %s", a->decimals,
				      a->a.next_value, lower ? "less" : "more",
				      color_name(a->a.next_color)));
}

/* The explain object: rule and inputs, then (when judged) thresholds, text, next better. */
static json_t *explain(const struct indicator_assessment *a)
{
	bool lower = a->direction == IND_LOWER_IS_BETTER;
	json_t *ex = json_pack("{s:s, s:{s:o, s:o, s:s, s:f, s:s, s:i}}",
		"rule", lower ? rule_lower : rule_higher,
		"inputs", "value", a->has_value ? api_real_or_null(a->value) : json_null(),
		"target", api_real_or_null(a->target),
		"target_source", a->target_source == IND_TARGET_PERIOD ? "period" : "indicator",
		"yellow_tolerance", a->tolerance, "direction", ind_direction_name(a->direction),
		"decimals", a->decimals);
	if (ex && a->state == IND_JUDGED &&
	    json_object_set_new(ex, "thresholds", json_pack("{s:f, s:f}", "gron_from", a->target,
							     "gul_from", a->a.yellow_limit)) != 0)
		goto fail;
	if (ex && json_object_set_new(ex, "text", api_indicator_text(a)) != 0)
		goto fail;
	if (ex && a->state == IND_JUDGED &&
	    json_object_set_new(ex, "next_better", next_better(a)) != 0)
		goto fail;
	return ex;
fail:
	json_decref(ex);
	return NULL;
}

json_t *api_indicator_assessment_json(const struct indicator_assessment *a)
{
	enum color c;
	if (indicator_color(a, &c))
		return json_pack("{s:s, s:o}", "color", color_name(c), "explain", explain(a));
	return json_pack("{s:n, s:o}", "color", "explain", explain(a));
}
