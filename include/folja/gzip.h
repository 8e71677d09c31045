/*
 * gzip for replies (RFC 9110 Content-Encoding: gzip), through zlib.  Replies over
 * GZIP_MIN_BYTES are compressed for clients that accept it; smaller ones are not worth the
 * header and the CPU.
 */
#ifndef FOLJA_GZIP_H
#define FOLJA_GZIP_H

#include <stdbool.h>
#include <stddef.h>

#define GZIP_MIN_BYTES 1024

/** True when the Accept-Encoding value @p accept (may be NULL) takes gzip: a `gzip` or `*`
 *  token whose q is not 0. */
bool gzip_accepted(const char *accept);

/** The gzip stream of @p len bytes at @p data (borrowed), malloc'd (the caller frees), its
 *  length in *out_len; NULL when memory runs out. */
char *gzip_encode(const char *data, size_t len, size_t *out_len);

#endif
