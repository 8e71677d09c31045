/*
 * Fuzzes JSON request bodies through the declarative input parser: arbitrary bytes are parsed
 * as the server parses a body (jansson, duplicate keys refused), and an object is checked
 * against the units spec (the one src/api/units.c declares, through folja_units) and against a
 * spec holding one field of every kind.  Properties: either the input is accepted and every accepted string
 * obeys its field's rules (no NUL, within its length, no personnummer, enum in its choices,
 * date a real date), or exactly one 422 problem is recorded; nothing leaks.
 */
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <stddef.h>

#include "folja/date.h"
#include "folja/api.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/pnr.h"
#include "folja/resource.h"
#include "fuzz.h"

/* The choices of field @p name of @p spec. */
static const char *const *choices_of(const struct in_field *spec, const char *name)
{
	for (; spec->kind != IN_END; spec++)
		if (strcmp(spec->name, name) == 0)
			return spec->choices;
	return NULL;
}

#define unit_spec (folja_units.spec)
static const char *const kinds[] = {"kommun", "namnd", "forvaltning", "verksamhetsomrade",
				    "avdelning", "enhet", NULL};

struct all_in {
	const char *s, *t, *e, *d;
	int64_t i;
	double n;
	int b;
	json_t *j;
};

static const struct in_field all_spec[] = {
	{"s", IN_STRING, offsetof(struct all_in, s), IN_NULLABLE, 0, 8, NULL},
	IN_FIELD("t", IN_TEXT, struct all_in, t, 0),
	{"e", IN_ENUM, offsetof(struct all_in, e), 0, 0, 0, kinds},
	IN_FIELD("d", IN_DATE, struct all_in, d, IN_NULLABLE),
	{"i", IN_INT, offsetof(struct all_in, i), 0, -5, 5, NULL},
	IN_FIELD("n", IN_NUMBER, struct all_in, n, IN_NULLABLE),
	IN_FIELD("b", IN_BOOL, struct all_in, b, 0),
	IN_FIELD("j", IN_JSON, struct all_in, j, 0),
	IN_FIELD("x", IN_IGNORE, struct all_in, s, 0),
	{0}
};

static void check_text(const char *s, size_t max)
{
	if (!s)
		return;
	size_t at, len;
	FUZZ_CHECK(strlen(s) <= max);
	FUZZ_CHECK(!pnr_find(s, &at, &len));
}

static bool in_choices(const char *s, const char *const *c)
{
	for (; *c; c++)
		if (strcmp(*c, s) == 0)
			return true;
	return false;
}

/* Runs the parser the way a handler does and checks the outcome. */
static bool parse(json_t *obj, const struct in_field *spec, void *target)
{
	struct req r;
	memset(&r, 0, sizeof r);
	bool replied = input_parse_or_reply(&r, obj, spec, target);
	if (replied) {
		FUZZ_CHECK(r.status == 422 && r.resp != NULL);
		MHD_destroy_response(r.resp);
	} else {
		FUZZ_CHECK(r.resp == NULL);
	}
	return replied;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *v = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
			       &err);
	if (!json_is_object(v)) {
		json_decref(v);
		return 0;
	}
	struct unit_in u;
	if (!parse(v, unit_spec, &u)) {
		FUZZ_CHECK(u.code && u.name && u.kind);
		check_text(u.code, 200);
		check_text(u.name, 200);
		check_text(u.municipality_code, 200);
		FUZZ_CHECK(in_choices(u.kind, choices_of(unit_spec, "kind")));
		FUZZ_CHECK(!u.regi || in_choices(u.regi, choices_of(unit_spec, "regi")));
		FUZZ_CHECK(u.parent_id == IN_NULL || u.parent_id >= 1);
		FUZZ_CHECK(u.active >= -1 && u.active <= 1);
	}
	struct all_in a;
	if (!parse(v, all_spec, &a)) {
		struct date d;
		check_text(a.s, 8);
		check_text(a.t, 10000);
		FUZZ_CHECK(!a.e || in_choices(a.e, kinds));
		FUZZ_CHECK(!a.d || date_parse(a.d, &d));
		FUZZ_CHECK(a.i == IN_NULL || (a.i >= -5 && a.i <= 5));
		FUZZ_CHECK(a.b >= -1 && a.b <= 1);
	}
	/* The import form: errors collected with a prefix instead of a reply. */
	json_t *errors = NULL;
	input_parse(v, unit_spec, &u, &errors, "rows[0].");
	FUZZ_CHECK(!errors || json_array_size(errors) > 0);
	json_decref(errors);
	json_decref(v);
	return 0;
}
