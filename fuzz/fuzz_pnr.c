/*
 * Fuzzes the personnummer guard over arbitrary bytes.  Properties: a match lies inside the
 * text, has one of the documented lengths, consists of digits and at most two separators, and
 * is found again when searched for on its own.
 */
#include "folja/pnr.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	size_t start = 0, len = 0, n = strlen(s);
	if (pnr_find(s, &start, &len)) {
		FUZZ_CHECK(len >= 10 && len <= 13);
		FUZZ_CHECK(start + len <= n);
		size_t digits = 0;
		for (size_t i = start; i < start + len; i++)
			digits += s[i] >= '0' && s[i] <= '9';
		FUZZ_CHECK(digits >= 10 && digits <= 12 && len - digits <= 2);
		char *alone = strndup(s + start, len);
		size_t s2 = 99, l2 = 0;
		FUZZ_CHECK(alone && pnr_find(alone, &s2, &l2));
		free(alone);
	}
	FUZZ_CHECK(!pnr_find(NULL, &start, &len));
	free(s);
	return 0;
}
