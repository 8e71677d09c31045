/*
 * Keeps the routing table and openapi.yaml from drifting apart: every route in the table is
 * documented in the spec (path and method), and every path and method in the spec is routed.
 * The spec is read from the embedded copy, the one the server serves.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/embed.h"
#include "tests.h"

static const char *const methods[] = {"get", "post", "put", "patch", "delete", NULL};

/* Calls @p fn for every (METHOD, path) documented under `paths:` in the spec. */
static int for_each_spec_op(void (*fn)(const char *method, const char *path, int *bad), int *bad)
{
	const struct folja_embedded *f = folja_embedded_find("openapi.yaml");
	ck_assert_ptr_nonnull(f);
	const char *p = strstr(f->data, "\npaths:\n");
	ck_assert_ptr_nonnull(p);
	char path[256] = "";
	int ops = 0;
	for (p = p + 8; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		size_t len = strcspn(p, "\n");
		if (len && p[0] != ' ' && p[0] != '#')
			break;  /* the next top-level key ends `paths:` */
		if (len > 3 && strncmp(p, "  /", 3) == 0 && p[len - 1] == ':') {
			snprintf(path, sizeof path, "%.*s", (int)(len - 3), p + 2);
			continue;
		}
		for (int m = 0; methods[m]; m++) {
			size_t ml = strlen(methods[m]);
			if (strncmp(p, "    ", 4) == 0 && p[4] != ' ' &&
			    strncmp(p + 4, methods[m], ml) == 0 && p[4 + ml] == ':') {
				char upper[8];
				for (size_t i = 0; i <= ml; i++)
					upper[i] = (char)(methods[m][i] & ~0x20);
				upper[ml] = '\0';
				fn(upper, path, bad);
				ops++;
			}
		}
	}
	return ops;
}

static void check_routed(const char *method, const char *path, int *bad)
{
	for (const struct route *r = folja_routes; r->method; r++)
		if (strcmp(r->method, method) == 0 && strcmp(r->pattern, path) == 0)
			return;
	fprintf(stderr, "openapi.yaml documents %s %s, which no route serves\n", method, path);
	(*bad)++;
}

static const struct route *wanted;
static int found;

static void find_route(const char *method, const char *path, int *bad)
{
	if (strcmp(wanted->method, method) == 0 && strcmp(wanted->pattern, path) == 0)
		found = 1;
}

START_TEST(every_spec_operation_is_routed)
{
	int bad = 0;
	int ops = for_each_spec_op(check_routed, &bad);
	ck_assert_int_gt(ops, 5);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(every_route_is_documented)
{
	int bad = 0;
	for (wanted = folja_routes; wanted->method; wanted++) {
		found = 0;
		for_each_spec_op(find_route, &bad);
		if (!found) {
			fprintf(stderr, "route %s %s is not in openapi.yaml\n", wanted->method,
				wanted->pattern);
			bad++;
		}
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

Suite *openapi_suite(void)
{
	Suite *s = suite_create("openapi");
	TCase *tc = tcase_create("drift");
	tcase_add_test(tc, every_spec_operation_is_routed);
	tcase_add_test(tc, every_route_is_documented);
	suite_add_tcase(s, tc);
	return s;
}
