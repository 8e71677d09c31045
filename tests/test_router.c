/*
 * Unit tests of route matching (no server): literal segments beat parameters whatever the
 * table order, parameters are captured in order, a known path with the wrong method yields
 * the Allow list, and anything else is unknown.
 */
#include <string.h>

#include "folja/api.h"
#include "folja/resource.h"
#include "tests.h"

static struct route_match m;
static const char *params[REQ_MAX_PARAMS];
static char buf[256];

static void match(const char *method, const char *path)
{
	memset(params, 0, sizeof params);
	router_match(method, path, &m, params, buf, sizeof buf);
}

START_TEST(literal_route)
{
	match("GET", "/api/v1/units");
	ck_assert_ptr_nonnull(m.route);
	ck_assert(m.route->handler == api_units_list);
	match("POST", "/api/v1/units");
	ck_assert(m.route->handler == api_resource_create);
	ck_assert_ptr_eq(m.route->arg, &folja_units);
}
END_TEST

START_TEST(parameters_are_captured)
{
	match("GET", "/api/v1/units/42/tree");
	ck_assert(m.route->handler == api_units_tree);
	ck_assert_str_eq(params[0], "42");
	match("DELETE", "/api/v1/units/7");
	ck_assert(m.route->handler == api_resource_delete);
	ck_assert_str_eq(params[0], "7");
}
END_TEST

START_TEST(wrong_method_lists_allowed)
{
	match("PUT", "/api/v1/units/7");
	ck_assert_ptr_null(m.route);
	ck_assert(m.path_known);
	ck_assert_str_eq(m.allow, "GET, PATCH, DELETE");
}
END_TEST

START_TEST(unknown_paths)
{
	static const char *paths[] = {"/", "", "/api", "/api/v1/units/", "/api/v1/units//tree",
				      "/api/v1/units/1/tree/x", "/API/V1/UNITS", "/healthz/",
				      "//healthz", "/api/v1/unitsx"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		match("GET", paths[i]);
		ck_assert_msg(!m.route && !m.path_known, "%s matched", paths[i]);
	}
}
END_TEST

START_TEST(long_parameter_does_not_overflow)
{
	char path[1024] = "/api/v1/units/";
	memset(path + strlen(path), '9', 600);
	match("GET", path);
	/* The segment does not fit the parameter buffer: no route, never a write past it. */
	ck_assert_ptr_null(m.route);
}
END_TEST

START_TEST(most_specific_wins_regardless_of_order)
{
	/* Every table entry must be reachable: matching its own pattern (parameters set to
	 * "1") finds that very entry. */
	for (const struct route *r = folja_routes; r->method; r++) {
		char path[256], *o = path;
		for (const char *p = r->pattern; *p;) {
			if (*p == '{') {
				*o++ = '1';
				p = strchr(p, '}') + 1;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
		match(r->method, path);
		ck_assert_msg(m.route == r, "%s %s is shadowed", r->method, r->pattern);
	}
}
END_TEST

Suite *router_suite(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("match");
	tcase_add_test(tc, literal_route);
	tcase_add_test(tc, parameters_are_captured);
	tcase_add_test(tc, wrong_method_lists_allowed);
	tcase_add_test(tc, unknown_paths);
	tcase_add_test(tc, long_parameter_does_not_overflow);
	tcase_add_test(tc, most_specific_wins_regardless_of_order);
	suite_add_tcase(s, tc);
	return s;
}
