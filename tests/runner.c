/*
 * The test runner: `folja-tests [SUITE]` runs one suite (or every suite) and exits non-zero
 * when any test fails.  Each meson test is one suite, so a failure names its suite.
 */
#include <check.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static const struct {
	const char *name;
	Suite *(*make)(void);
} suites[] = {
#define SUITE(name) { #name, name##_suite },
#include "suites.h"
#undef SUITE
};

/* Removes the template directory @p dir and the files in it. */
static void remove_templates(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && snprintf(path, sizeof path, "%s/%s", dir, e->d_name) <
		    (int)sizeof path)
			unlink(path);
	if (d)
		closedir(d);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	SRunner *sr = NULL;
	size_t n = sizeof suites / sizeof suites[0];

	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], suites[i].name) != 0)
			continue;
		/* the PostgreSQL suites, and any suite run on PostgreSQL (FOLJA_TEST_ENGINE), need
		 * a server: scripts/with-postgres starts one */
		if ((strncmp(suites[i].name, "pg", 2) == 0 || getenv("FOLJA_TEST_ENGINE")) &&
		    !getenv("FOLJA_TEST_PG")) {
			fprintf(stderr, "folja-tests: %s skipped: no FOLJA_TEST_PG "
				"(run under scripts/with-postgres)\n", suites[i].name);
			if (argc > 1)
				return 77;
			continue;
		}
		if (!sr)
			sr = srunner_create(suites[i].make());
		else
			srunner_add_suite(sr, suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "folja-tests: no suite named %s\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	/* the template databases the tests copy (tests/support.c), removed when they end */
	char dir[] = "/tmp/folja-templates.XXXXXX";
	bool templates = !getenv("FOLJA_TEST_TEMPLATES") && mkdtemp(dir);
	if (templates)
		setenv("FOLJA_TEST_TEMPLATES", dir, 1);
	srunner_run_all(sr, CK_NORMAL);
	if (templates)
		remove_templates(dir);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
