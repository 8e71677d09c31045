/*
 * An upload's rows in a private temporary file (see spool.h): buffered appends, buffered
 * sequential reads with pread, so a reader never moves the writer's file offset.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"

enum db_rc spool_open(struct spool *s)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	*s = (struct spool){.fd = -1};
	if (!(s->buf = malloc(SPOOL_BUF)))
		return DB_NOMEM;
	snprintf(path, sizeof path, "%s/folja-import.XXXXXX", dir && *dir ? dir : "/tmp");
	s->fd = mkstemp(path);
	if (s->fd < 0) {
		fprintf(stderr, "folja: cannot make a file to stage an import in: %s: %s\n", path,
			strerror(errno));
		free(s->buf);
		s->buf = NULL;
		return DB_IO;
	}
	unlink(path);
	return DB_OK;
}

static enum db_rc write_out(struct spool *s)
{
	size_t done = 0;
	while (done < s->len) {
		ssize_t w = write(s->fd, s->buf + done, s->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 && (errno == ENOSPC || errno == EFBIG || errno == EDQUOT) ?
			       DB_FULL : DB_IO;
		done += (size_t)w;
	}
	s->size += s->len;
	s->len = 0;
	return DB_OK;
}

enum db_rc spool_append(struct spool *s, const void *p, size_t n)
{
	const unsigned char *from = p;
	while (n) {
		if (s->len == SPOOL_BUF) {
			enum db_rc rc = write_out(s);
			if (rc != DB_OK)
				return rc;
		}
		size_t k = SPOOL_BUF - s->len < n ? SPOOL_BUF - s->len : n;
		memcpy(s->buf + s->len, from, k);
		s->len += k;
		from += k;
		n -= k;
	}
	return DB_OK;
}

enum db_rc spool_flush(struct spool *s)
{
	return s->len ? write_out(s) : DB_OK;
}

void spool_close(struct spool *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->buf);
	*s = (struct spool){.fd = -1};
}

enum db_rc spool_reader_open(struct spool_reader *r, const struct spool *s)
{
	*r = (struct spool_reader){.s = s, .buf = malloc(SPOOL_BUF)};
	return r->buf ? DB_OK : DB_NOMEM;
}

/* Moves what is left of the buffer to its front and reads more after it: the bytes now
 * buffered and unconsumed, or -1 when reading failed. */
static ssize_t refill(struct spool_reader *r)
{
	size_t left = r->len - r->at;
	memmove(r->buf, r->buf + r->at, left);
	r->len = left;
	r->at = 0;
	while (r->len < SPOOL_BUF && r->off < r->s->size) {
		ssize_t got = pread(r->s->fd, r->buf + r->len, SPOOL_BUF - r->len, (off_t)r->off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		r->len += (size_t)got;
		r->off += (uint64_t)got;
	}
	return (ssize_t)r->len;
}

int spool_read(struct spool_reader *r, void *p, size_t n)
{
	if (n > SPOOL_BUF)
		return -1;
	if (r->len - r->at < n) {
		ssize_t have = refill(r);
		if (have < 0)
			return -1;
		if ((size_t)have < n)
			return have == 0 ? 0 : -1;
	}
	memcpy(p, r->buf + r->at, n);
	r->at += n;
	return 1;
}

void spool_reader_close(struct spool_reader *r)
{
	free(r->buf);
	r->buf = NULL;
}
