/*
 * Shared by the libFuzzer targets: a NUL-terminated copy of the fuzzer's bytes (the parsers
 * take C strings) and a crash-on-violation check, so a broken property is a finding just like
 * a sanitizer report.
 */
#ifndef FOLJA_FUZZ_H
#define FOLJA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** A malloc'd NUL-terminated copy of @p data; the caller frees it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#endif
