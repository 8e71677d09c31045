/*
 * gzip encoding of replies (see include/folja/gzip.h).  One deflate call over the whole body
 * into a buffer zlib's bound says is large enough, so it never loops or grows.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "folja/gzip.h"

/* True when the coding token at @p p (length @p n, parameters after ';') names @p want with a
 * q other than 0. */
static bool token_takes(const char *p, size_t n, const char *want)
{
	size_t name = strcspn(p, ";,");
	while (name > 0 && (p[name - 1] == ' ' || p[name - 1] == '\t'))
		name--;
	if (name > n || name != strlen(want) || strncasecmp(p, want, name) != 0)
		return false;
	const char *q = p + name;
	while (q < p + n && (q = strchr(q, ';')) && q < p + n) {
		q++;
		while (*q == ' ')
			q++;
		if (strncasecmp(q, "q=", 2) == 0)
			return strtod(q + 2, NULL) > 0;
	}
	return true;
}

bool gzip_accepted(const char *accept)
{
	for (const char *p = accept; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t n = strcspn(p, ",");
		if (n && (token_takes(p, n, "gzip") || token_takes(p, n, "*")))
			return true;
		p += n;
	}
	return false;
}

char *gzip_encode(const char *data, size_t len, size_t *out_len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	/* windowBits 15 + 16: a gzip header and trailer around the deflate stream */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	size_t cap = deflateBound(&z, (uLong)len) + 32;
	char *out = malloc(cap);
	if (!out) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}
