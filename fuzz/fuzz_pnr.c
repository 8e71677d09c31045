/*
 * Fuzzes the personnummer guard over arbitrary bytes.  Properties: a match lies inside the
 * text, starts on a code point (a digit's lead byte), holds at least ten bytes (ten digits),
 * and is found again on its own, at its start and with its length: the guard judges a number
 * by the number and what is glued to it, never by text further away.
 */
#include "folja/pnr.h"
#include "fuzz.h"

static int is_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	size_t start = 0, len = 0, n = strlen(s);
	if (pnr_find(s, &start, &len)) {
		FUZZ_CHECK(len >= 10);
		FUZZ_CHECK(start + len <= n);
		FUZZ_CHECK(!is_continuation(s[start]));
		char *alone = strndup(s + start, len);
		size_t s2 = 99, l2 = 0;
		FUZZ_CHECK(alone && pnr_find(alone, &s2, &l2));
		FUZZ_CHECK(s2 == 0 && l2 == len);
		free(alone);
	}
	FUZZ_CHECK(!pnr_find(NULL, &start, &len));
	free(s);
	return 0;
}
