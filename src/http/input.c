/*
 * The declarative input parser (see include/folja/input.h).
 *
 * One pass over the spec checks each field; a second pass over the object refuses the keys the
 * spec does not know, so a misspelt field is an error instead of silently ignored.  Every
 * problem is collected, so a client fixes its request in one round trip.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "folja/date.h"
#include "folja/input.h"
#include "folja/pnr.h"

#define DEFAULT_MAX_LEN 200     /* IN_STRING */
#define DEFAULT_TEXT_LEN 10000  /* IN_TEXT */
#define INPUT_MAX_LISTED 100    /* field problems listed in one 422 */

static void set_null(const struct in_field *f, char *t)
{
	switch (f->kind) {
	case IN_STRING:
	case IN_TEXT:
	case IN_ENUM:
	case IN_DATE:
		*(const char **)(t + f->offset) = NULL;
		break;
	case IN_INT:
		*(int64_t *)(t + f->offset) = IN_NULL;
		break;
	case IN_NUMBER:
		*(double *)(t + f->offset) = NAN;
		break;
	case IN_BOOL:
		*(int *)(t + f->offset) = -1;
		break;
	case IN_JSON:
		*(json_t **)(t + f->offset) = NULL;
		break;
	default:
		break;
	}
}

static bool is_choice(const char *s, const char *const *choices)
{
	for (; *choices; choices++)
		if (strcmp(s, *choices) == 0)
			return true;
	return false;
}

static void list_choices(char *buf, size_t size, const char *const *choices)
{
	size_t len = 0;
	buf[0] = '\0';
	for (; *choices && len < size; choices++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *choices);
}

static void text_field(const struct in_field *f, json_t *v, char *t, json_t **errors,
		       const char *name)
{
	const char *s = json_string_value(v);
	size_t max = f->max ? (size_t)f->max : f->kind == IN_TEXT ? DEFAULT_TEXT_LEN : DEFAULT_MAX_LEN;
	size_t at, len;
	if (json_string_length(v) > max)
		problem_field(errors, name, "must be at most %zu bytes", max);
	else if (strlen(s) != json_string_length(v))
		problem_field(errors, name, "must not contain NUL characters");
	else if ((f->flags & IN_REQUIRED) && s[strspn(s, " \t\r\n")] == '\0')
		problem_field(errors, name, "must not be blank");
	else if (pnr_find(s, &at, &len))
		problem_field(errors, name, "contains what looks like a personnummer or "
			      "samordningsnummer at position %zu; the register holds "
			      "de-identified data only", at + 1);
	else
		*(const char **)(t + f->offset) = s;
}

static void one_field(const struct in_field *f, json_t *v, char *t, json_t **errors,
		      const char *name)
{
	char buf[512];
	switch (f->kind) {
	case IN_STRING:
	case IN_TEXT:
		if (!json_is_string(v))
			problem_field(errors, name, "must be a string");
		else
			text_field(f, v, t, errors, name);
		break;
	case IN_ENUM:
		if (!json_is_string(v) || !is_choice(json_string_value(v), f->choices)) {
			list_choices(buf, sizeof buf, f->choices);
			problem_field(errors, name, "must be one of: %s", buf);
		} else {
			*(const char **)(t + f->offset) = json_string_value(v);
		}
		break;
	case IN_DATE: {
		struct date d;
		if (!json_is_string(v) || !date_parse(json_string_value(v), &d))
			problem_field(errors, name, "must be a date YYYY-MM-DD");
		else
			*(const char **)(t + f->offset) = json_string_value(v);
		break;
	}
	case IN_INT: {
		json_int_t i = json_integer_value(v);
		if (!json_is_integer(v))
			problem_field(errors, name, json_is_real(v) ? "must be a whole number"
					: "must be an integer");
		else if ((f->min || f->max) && (i < f->min || i > f->max))
			problem_field(errors, name, "must be from %lld to %lld", (long long)f->min,
				      (long long)f->max);
		else
			*(int64_t *)(t + f->offset) = i;
		break;
	}
	case IN_NUMBER:
		if (!json_is_number(v))
			problem_field(errors, name, "must be a number");
		else
			*(double *)(t + f->offset) = json_number_value(v);
		break;
	case IN_BOOL:
		if (!json_is_boolean(v))
			problem_field(errors, name, "must be true or false");
		else
			*(int *)(t + f->offset) = json_is_true(v);
		break;
	case IN_JSON:
		*(json_t **)(t + f->offset) = v;
		break;
	default:
		break;
	}
}

size_t input_parse(json_t *in, const struct in_field *spec, void *target, json_t **errors,
		   const char *prefix)
{
	size_t unknown = 0;
	char *t = target;
	char name[160];
	const char *key;
	json_t *v;

	for (const struct in_field *f = spec; f->kind != IN_END; f++) {
		snprintf(name, sizeof name, "%s%s", prefix ? prefix : "", f->name);
		set_null(f, t);
		v = json_object_get(in, f->name);
		if (f->kind == IN_IGNORE)
			continue;
		if (!v || json_is_null(v)) {
			if (f->flags & IN_REQUIRED)
				problem_field(errors, name, "is required");
			else if (v && !(f->flags & IN_NULLABLE))
				problem_field(errors, name, "must not be null");
			continue;
		}
		one_field(f, v, t, errors, name);
	}
	json_object_foreach(in, key, v) {
		const struct in_field *f = spec;
		while (f->kind != IN_END && strcmp(f->name, key) != 0)
			f++;
		/* Only what one reply lists is built; the rest is counted. */
		if (f->kind == IN_END && json_array_size(*errors) < INPUT_MAX_LISTED) {
			snprintf(name, sizeof name, "%s%s", prefix ? prefix : "", key);
			problem_field(errors, name, "is not a known field");
		} else if (f->kind == IN_END) {
			unknown++;
		}
	}
	return json_array_size(*errors) + unknown;
}

/* Replies 422 listing at most INPUT_MAX_LISTED of @p errors (taken) and counting @p total. */
static bool errors_reply(struct req *r, json_t *errors, size_t total)
{
	while (json_array_size(errors) > INPUT_MAX_LISTED)
		json_array_remove(errors, json_array_size(errors) - 1);
	reply_problem(r, 422, "invalid_input", errors, "%zu field%s not valid%s", total,
		      total == 1 ? " is" : "s are",
		      total > INPUT_MAX_LISTED ? " (the first 100 are listed)" : "");
	return true;
}

bool input_parse_or_reply(struct req *r, json_t *in, const struct in_field *spec, void *target)
{
	json_t *errors = NULL;
	size_t total = input_parse(in, spec, target, &errors, NULL);
	return errors ? errors_reply(r, errors, total) : false;
}

bool input_errors_or_reply(struct req *r, json_t *errors)
{
	return errors ? errors_reply(r, errors, json_array_size(errors)) : false;
}
