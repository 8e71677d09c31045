/*
 * Appending text to a fixed buffer, for the lines and keys written on every request (the
 * log line, the cache key, the ETag), where snprintf's format parsing costs more than the
 * bytes.  A strbuf never writes past its capacity and is always NUL-terminated; once
 * something did not fit it is marked full, and the caller decides what a cut text means.
 */
#ifndef FOLJA_STRBUF_H
#define FOLJA_STRBUF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct strbuf {
	char *p;        /* borrowed: the caller's buffer */
	size_t len;     /* bytes written, not counting the NUL */
	size_t cap;     /* the buffer's size, NUL included; at least 1 */
	bool full;      /* something did not fit (and was cut) */
};

/** An empty strbuf writing into @p buf of @p cap bytes (cap >= 1). */
static inline struct strbuf strbuf_of(char *buf, size_t cap)
{
	buf[0] = '\0';
	return (struct strbuf){.p = buf, .cap = cap};
}

/** Appends @p n bytes at @p s, as many as fit. */
static inline void strbuf_mem(struct strbuf *b, const char *s, size_t n)
{
	size_t room = b->cap - 1 - b->len;
	if (n > room) {
		n = room;
		b->full = true;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void strbuf_str(struct strbuf *b, const char *s)
{
	strbuf_mem(b, s, strlen(s));
}

static inline void strbuf_char(struct strbuf *b, char c)
{
	strbuf_mem(b, &c, 1);
}

/** Appends @p v in decimal, zero-padded to at least @p width digits. */
static inline void strbuf_u64(struct strbuf *b, uint64_t v, int width)
{
	char d[24];
	int i = (int)sizeof d;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v || (int)sizeof d - i < width);
	strbuf_mem(b, d + i, sizeof d - (size_t)i);
}

static inline void strbuf_i64(struct strbuf *b, int64_t v)
{
	if (v < 0)
		strbuf_char(b, '-');
	strbuf_u64(b, v < 0 ? (uint64_t)-(v + 1) + 1 : (uint64_t)v, 1);
}

/** Appends @p v as 16 lowercase hexadecimal digits. */
static inline void strbuf_hex64(struct strbuf *b, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char d[16];
	for (int i = 15; i >= 0; i--, v >>= 4)
		d[i] = hex[v & 15];
	strbuf_mem(b, d, sizeof d);
}

#endif
