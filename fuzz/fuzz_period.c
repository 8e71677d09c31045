/*
 * Fuzzes period strings.  Properties: period_parse and period_error agree, an accepted period
 * is valid and has exactly one spelling (formatting it gives back the input), and the
 * arithmetic on it stays within its kind's ranges.
 */
#include "folja/period.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct period p;
	bool ok = period_parse(s, &p);
	const char *err = period_error(s);
	FUZZ_CHECK(ok == (err == NULL));
	if (ok && strlen(s) == size) {
		char buf[PERIOD_BUF];
		FUZZ_CHECK(period_valid(p));
		period_format(p, buf);
		FUZZ_CHECK(strcmp(buf, s) == 0);
		int first = period_first_month(p), last = period_last_month(p);
		FUZZ_CHECK(first >= 1 && first <= last && last <= 12);
		struct date d0 = period_first_day(p), d1 = period_last_day(p);
		FUZZ_CHECK(date_valid(d0) && date_valid(d1) && date_cmp(d0, d1) <= 0);
		FUZZ_CHECK(period_contains(p, d1));
		struct period prev = period_previous(p), ly = period_same_last_year(p);
		FUZZ_CHECK(prev.kind == p.kind && ly.kind == p.kind && ly.index == p.index);
		FUZZ_CHECK(period_valid(prev) && period_valid(ly));
		struct period back = period_containing(p.kind, d1);
		FUZZ_CHECK(back.year == p.year && back.index == p.index);
	}
	free(s);
	return 0;
}
