/*
 * Fuzzes the CSV import reader over arbitrary bytes, the buffer laid out as the server lays
 * out a body (the bytes plus a terminating NUL).  Properties: every field lies inside the
 * buffer and is NUL-terminated there, rows never exceed the field limit, line numbers only
 * grow, a refusal carries a reason, and every row consumes input (the reader terminates).
 */
#include "folja/csv_read.h"
#include "fuzz.h"

#define MAX_FIELDS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size);
	struct csv_reader r;
	char *fields[MAX_FIELDS];
	size_t n, last_line = 0, rows = 0;
	int rc;
	csv_read_open(&r, buf, size);
	FUZZ_CHECK(r.sep == ';' || r.sep == ',');
	while ((rc = csv_read_row(&r, fields, MAX_FIELDS, &n)) == 1) {
		FUZZ_CHECK(n >= 1 && n <= MAX_FIELDS);
		FUZZ_CHECK(r.line >= 1 && r.line >= last_line && r.next_line >= r.line);
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(fields[i] >= buf && fields[i] <= buf + size);
			FUZZ_CHECK(fields[i] + strlen(fields[i]) <= buf + size);
		}
		last_line = r.line;
		FUZZ_CHECK(++rows <= size + 1);
	}
	FUZZ_CHECK(rc == 0 || (rc == -1 && r.error && r.error[0]));
	free(buf);
	return 0;
}
