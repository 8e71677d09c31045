/*
 * The layers of STYLE.md, held by a scan of the source tree (FOLJA_SOURCE_ROOT).
 *
 * Data flows one way: http → api → domain / db.  Each .c file's includes are followed through
 * the project's headers, and the whole closure must stay inside what its layer may see:
 *   - domain/ computes on plain C structs: no JSON, no SQL, no HTTP, no storage;
 *   - db/ speaks SQL and nothing of HTTP or the API;
 *   - http/ knows requests and replies, not the API's resources or storage's queries;
 *   - nothing outside db/ sees SQLite or holds SQL text.
 * A header added to a layer is covered by the closure, so a rule cannot be bypassed by
 * including through another header.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests.h"

#define MAX_SEEN 128

struct closure {
	char seen[MAX_SEEN][96];     /* "folja/x.h", "src/db/sql.h" or "<x.h>" */
	int n;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(text);
	size_t got = fread(text, 1, (size_t)len, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

static bool add_seen(struct closure *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->seen[i], name) == 0)
			return false;
	ck_assert_int_lt(c->n, MAX_SEEN);
	snprintf(c->seen[c->n++], sizeof c->seen[0], "%s", name);
	return true;
}

/* Adds the includes of @p path (a file in directory @p dir, relative to @p root) to @p c,
 * following the project's own headers. */
static void follow(const char *root, const char *dir, const char *path, struct closure *c)
{
	char full[1024];
	snprintf(full, sizeof full, "%s/%s", root, path);
	char *text = slurp(full);
	ck_assert_msg(text != NULL, "cannot read %s", full);
	for (char *p = strstr(text, "#include"); p; p = strstr(p + 1, "#include")) {
		char *q = p + 8;
		while (*q == ' ')
			q++;
		char close = *q == '<' ? '>' : *q == '"' ? '"' : 0;
		if (!close)
			continue;
		size_t len = strcspn(q + 1, ">\"\n");
		char name[96], next[512];
		snprintf(name, sizeof name, "%s%.*s%s", close == '>' ? "<" : "", (int)len, q + 1,
			 close == '>' ? ">" : "");
		if (close == '>') {
			add_seen(c, name);
			continue;
		}
		if (strncmp(name, "folja/", 6) == 0)
			snprintf(next, sizeof next, "include/%s", name);
		else
			snprintf(next, sizeof next, "%s/%s", dir, name);
		if (add_seen(c, strncmp(name, "folja/", 6) == 0 ? name : next))
			follow(root, strncmp(name, "folja/", 6) == 0 ? "include/folja" : dir, next, c);
	}
	free(text);
}

struct rule {
	const char *dir;                    /* "src/domain" */
	const char *const *forbidden;       /* names as in struct closure; "folja/db_" a prefix */
};

static const char *const no_io[] = {"<jansson.h>", "<sqlite3.h>", "<microhttpd.h>",
				    "<libpq-fe.h>", "folja/http.h", "folja/api.h",
				    "folja/route.h", "folja/query.h", "folja/input.h",
				    "folja/resource.h", "folja/memo.h", "folja/server.h",
				    "folja/auth.h", "folja/metrics.h", "folja/csv.h",
				    "folja/db.h", "folja/db_", "src/db/sql.h", NULL};
static const char *const no_http[] = {"<microhttpd.h>", "folja/http.h", "folja/api.h",
				      "folja/route.h", "folja/query.h", "folja/input.h",
				      "folja/resource.h", "folja/memo.h", "folja/server.h",
				      "folja/auth.h", "folja/metrics.h", NULL};
static const char *const no_api[] = {"folja/api.h", "folja/resource.h", "folja/db_",
				     "src/db/sql.h", "<sqlite3.h>", NULL};
static const char *const no_sql[] = {"src/db/sql.h", "<sqlite3.h>", "<libpq-fe.h>", NULL};

static const struct rule rules[] = {
	{"src/domain", no_io},
	{"src/db", no_http},
	{"src/http", no_api},
	{"src/api", no_sql},
	{"src", no_sql},     /* cli.c, main.c */
};

static bool forbidden_in(const char *name, const char *const *list)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		bool prefix = (*list)[n - 1] == '_';
		if (prefix ? strncmp(name, *list, n) == 0 : strcmp(name, *list) == 0)
			return true;
	}
	return false;
}

/* Calls @p fn on every .c file directly in @p dir (relative to @p root). */
static int each_c_file(const char *root, const char *dir, char *found, size_t cap,
		       void (*fn)(const char *root, const char *dir, const char *path,
				  char *found, size_t cap))
{
	char full[1024];
	snprintf(full, sizeof full, "%s/%s", root, dir);
	DIR *d = opendir(full);
	ck_assert_msg(d != NULL, "cannot open %s", full);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		fn(root, dir, path, found, cap);
		files++;
	}
	closedir(d);
	return files;
}

static void check_includes(const char *root, const char *dir, const char *path, char *found,
			   size_t cap)
{
	struct closure c = {.n = 0};
	follow(root, dir, path, &c);
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
		if (strcmp(rules[r].dir, dir) != 0)
			continue;
		for (int i = 0; i < c.n; i++)
			if (forbidden_in(c.seen[i], rules[r].forbidden)) {
				size_t used = strlen(found);
				snprintf(found + used, cap - used, "%s sees %s; ", path, c.seen[i]);
			}
	}
}

START_TEST(layers_include_only_what_they_may)
{
	const char *root = getenv("FOLJA_SOURCE_ROOT");
	ck_assert_msg(root != NULL, "FOLJA_SOURCE_ROOT is not set (meson sets it)");
	static char found[16384];
	found[0] = '\0';
	int files = 0;
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++)
		files += each_c_file(root, rules[r].dir, found, sizeof found, check_includes);
	ck_assert_int_gt(files, 40);
	ck_assert_msg(found[0] == '\0', "layer rules broken: %s", found);
}
END_TEST

/* SQL keywords that start a statement, as they would appear in a string literal. */
static const char *const sql_words[] = {"SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM",
					"CREATE TABLE", "PRAGMA ", "BEGIN IMMEDIATE", NULL};

static void check_sql_text(const char *root, const char *dir, const char *path, char *found,
			   size_t cap)
{
	char full[1024];
	snprintf(full, sizeof full, "%s/%s", root, path);
	char *text = slurp(full);
	ck_assert_ptr_nonnull(text);
	/* only string literals count: a comment may name a statement */
	for (char *p = strchr(text, '"'); p; p = strchr(p + 1, '"')) {
		char *end = p + 1;
		while (*end && *end != '"' && *end != '\n')
			end += *end == '\\' ? 2 : 1;
		for (const char *const *w = sql_words; *w; w++) {
			size_t n = strlen(*w);
			for (char *q = p + 1; q + n <= end; q++)
				if (strncmp(q, *w, n) == 0 && (q == p + 1 || !isalpha((unsigned char)q[-1]))) {
					size_t used = strlen(found);
					snprintf(found + used, cap - used, "%s holds \"%s\"; ", path, *w);
					break;
				}
		}
		p = *end ? end : end - 1;
	}
	free(text);
}

START_TEST(no_sql_outside_db)
{
	const char *root = getenv("FOLJA_SOURCE_ROOT");
	ck_assert_msg(root != NULL, "FOLJA_SOURCE_ROOT is not set (meson sets it)");
	static const char *const dirs[] = {"src", "src/api", "src/http", "src/domain"};
	static char found[8192];
	found[0] = '\0';
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		each_c_file(root, dirs[i], found, sizeof found, check_sql_text);
	ck_assert_msg(found[0] == '\0', "SQL outside src/db/: %s", found);
}
END_TEST

Suite *layers_suite(void)
{
	Suite *s = suite_create("layers");
	TCase *tc = tcase_create("scan");
	tcase_add_test(tc, layers_include_only_what_they_may);
	tcase_add_test(tc, no_sql_outside_db);
	suite_add_tcase(s, tc);
	return s;
}
