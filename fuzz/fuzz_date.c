/*
 * Fuzzes date strings.  Properties: an accepted date is a real calendar date, formats back to
 * the input, survives the day-number round trip, and month arithmetic stays valid.
 */
#include "folja/date.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct date d;
	if (date_parse(s, &d) && strlen(s) == size) {
		char buf[11];
		FUZZ_CHECK(date_valid(d));
		date_format(d, buf);
		FUZZ_CHECK(strcmp(buf, s) == 0);
		struct date back = date_from_days(date_to_days(d));
		FUZZ_CHECK(date_cmp(back, d) == 0);
		int months = size > 0 ? (int)(data[0] % 25) - 12 : 3;
		struct date later = date_add_months(d, months);
		if (later.y >= 1 && later.y <= 9999)
			FUZZ_CHECK(date_valid(later));
	}
	free(s);
	return 0;
}
