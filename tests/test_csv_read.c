/*
 * Unit tests for the import CSV reader (src/http/csv_read.c): separator detection from the
 * header, BOM, CRLF, quotes (with separators, doubled quotes and line breaks inside), blank
 * lines, line numbers for error messages, and the malformed rows it must refuse.  Also the
 * other direction's table making (csv_rows_of_object): a summary's totals, breakdowns and tree
 * as the rows every summary gives as CSV.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/csv.h"
#include "folja/csv_read.h"
#include "tests.h"

/* Reads @p text (copied: the reader works in place) and returns the rows as "a|b|c\n". */
static void read_all(const char *text, char *out, size_t cap, int *last_rc)
{
	char buf[512], *f[8];
	size_t n, len = strlen(text);
	struct csv_reader r;
	memcpy(buf, text, len + 1);
	csv_read_open(&r, buf, len);
	out[0] = '\0';
	while ((*last_rc = csv_read_row(&r, f, 8, &n)) == 1) {
		char line[16];
		snprintf(line, sizeof line, "%zu:", r.line);
		strncat(out, line, cap - strlen(out) - 1);
		for (size_t i = 0; i < n; i++) {
			strncat(out, f[i], cap - strlen(out) - 1);
			strncat(out, i + 1 < n ? "|" : "\n", cap - strlen(out) - 1);
		}
	}
}

START_TEST(semicolon_bom_crlf)
{
	char out[512];
	int rc;
	read_all("\xEF\xBB\xBFunit_code;amount_kr\r\nTY-IFO;-1 234,00\r\n\r\nTY-AMI;5\r\n", out,
		 sizeof out, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "1:unit_code|amount_kr\n2:TY-IFO|-1 234,00\n4:TY-AMI|5\n");
}
END_TEST

START_TEST(comma_detected_and_quotes)
{
	char out[512];
	int rc;
	read_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n\"two\nlines\",2,3", out, sizeof out, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "1:a|b|c\n2:x, y|say \"hi\"|\n3:two\nlines|2|3\n");
}
END_TEST

START_TEST(semicolon_wins_over_decimal_commas)
{
	char buf[] = "a;b\n1,5;2\n", *f[4];
	size_t n;
	struct csv_reader r;
	csv_read_open(&r, buf, strlen(buf));
	ck_assert_int_eq(r.sep, ';');
	ck_assert_int_eq(csv_read_row(&r, f, 4, &n), 1);
	ck_assert_int_eq(csv_read_row(&r, f, 4, &n), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(f[0], "1,5");
}
END_TEST

START_TEST(malformed_rows)
{
	static const struct {
		const char *text;
		const char *error;
		size_t line;
	} cases[] = {
		{"a;b\n\"open;2\n", "a quoted field is not closed", 2},
		{"a;b\n\"x\"y;2\n", "text follows a closing quote", 2},
		{"a;b\n1;2;3;4;5;6;7;8;9\n", "the row has more fields than the header", 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[128], *f[8];
		size_t n, len = strlen(cases[i].text);
		struct csv_reader r;
		memcpy(buf, cases[i].text, len + 1);
		csv_read_open(&r, buf, len);
		ck_assert_int_eq(csv_read_row(&r, f, 8, &n), 1);
		ck_assert_int_eq(csv_read_row(&r, f, 8, &n), -1);
		ck_assert_str_eq(r.error, cases[i].error);
		ck_assert_uint_eq(r.line, cases[i].line);
	}
}
END_TEST

START_TEST(empty_input)
{
	char buf[] = "", *f[2];
	size_t n;
	struct csv_reader r;
	csv_read_open(&r, buf, 0);
	ck_assert_int_eq(csv_read_row(&r, f, 2, &n), 0);
	char bom[] = "\xEF\xBB\xBF\r\n";
	csv_read_open(&r, bom, strlen(bom));
	ck_assert_int_eq(csv_read_row(&r, f, 2, &n), 0);
}
END_TEST

/* Totals first, then each breakdown's entries, tree nodes followed by their children; every
 * row has every column, in the order first met; explains and id lists are left out. */
START_TEST(summary_as_rows)
{
	json_t *o = json_loads("{\"period\":\"2021\",\"total\":5,\"explain\":{\"x\":1},"
			       "\"ids\":[1,2],\"by_category\":[{\"category\":\"a\",\"count\":3},"
			       "{\"category\":\"b\",\"count\":2,\"extra\":1}],"
			       "\"tree\":[{\"name\":\"r\",\"children\":[{\"name\":\"c\"}]}]}",
			       0, NULL);
	json_t *rows = csv_rows_of_object(o);
	ck_assert_ptr_nonnull(rows);
	ck_assert_uint_eq(json_array_size(rows), 5);
	char *text = json_dumps(rows, JSON_PRESERVE_ORDER | JSON_COMPACT);
	ck_assert_str_eq(text,
			 "[{\"breakdown\":\"total\",\"depth\":0,\"period\":\"2021\",\"total\":5,"
			 "\"category\":null,\"count\":null,\"extra\":null,\"name\":null},"
			 "{\"breakdown\":\"by_category\",\"depth\":0,\"period\":null,\"total\":null,"
			 "\"category\":\"a\",\"count\":3,\"extra\":null,\"name\":null},"
			 "{\"breakdown\":\"by_category\",\"depth\":0,\"period\":null,\"total\":null,"
			 "\"category\":\"b\",\"count\":2,\"extra\":1,\"name\":null},"
			 "{\"breakdown\":\"tree\",\"depth\":0,\"period\":null,\"total\":null,"
			 "\"category\":null,\"count\":null,\"extra\":null,\"name\":\"r\"},"
			 "{\"breakdown\":\"tree\",\"depth\":1,\"period\":null,\"total\":null,"
			 "\"category\":null,\"count\":null,\"extra\":null,\"name\":\"c\"}]");
	free(text);
	json_decref(rows);
	json_decref(o);
}
END_TEST

Suite *csv_read_suite(void)
{
	Suite *s = suite_create("csv_read");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, semicolon_bom_crlf);
	tcase_add_test(tc, comma_detected_and_quotes);
	tcase_add_test(tc, semicolon_wins_over_decimal_commas);
	tcase_add_test(tc, malformed_rows);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, summary_as_rows);
	suite_add_tcase(s, tc);
	return s;
}
