/*
 * An upload's rows in a private temporary file: appended as the body arrives, read back in
 * order at its end.  Private to src/db/.
 *
 * The file is unlinked as soon as it is made, so it goes with its descriptor whatever becomes
 * of the upload, and memory holds one buffer of SPOOL_BUF bytes for writing and one for each
 * reader, however large the upload.  A spool belongs to one upload, so uploads served by one
 * worker thread at once keep apart without any bookkeeping.
 */
#ifndef FOLJA_DB_SPOOL_H
#define FOLJA_DB_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"

#define SPOOL_BUF ((size_t)1 << 16)

struct spool {
	int fd;                 /* -1: not open */
	unsigned char *buf;     /* owned: what was appended and is not yet written */
	size_t len;
	uint64_t size;          /* bytes written to the file */
};

struct spool_reader {
	const struct spool *s;  /* borrowed */
	unsigned char *buf;     /* owned: SPOOL_BUF bytes read ahead */
	size_t len, at;         /* bytes in buf, bytes of them consumed */
	uint64_t off;           /* the file offset of buf's end */
};

/** Makes the file (in $TMPDIR, else /tmp).  DB_OK, or DB_IO / DB_NOMEM with nothing open. */
enum db_rc spool_open(struct spool *s);
/** Appends @p n bytes.  DB_OK, or DB_FULL when the disk is full, DB_IO otherwise. */
enum db_rc spool_append(struct spool *s, const void *p, size_t n);
/** Writes out what is buffered, so a reader sees everything appended. */
enum db_rc spool_flush(struct spool *s);
/** Closes and so deletes the file.  Safe on a spool never opened (fd -1) and twice. */
void spool_close(struct spool *s);

/** A reader from the start of @p s (flushed).  DB_OK or DB_NOMEM. */
enum db_rc spool_reader_open(struct spool_reader *r, const struct spool *s);
/** Copies the next @p n bytes to @p p: 1, 0 at the end of the file, -1 when reading failed or
 *  the file ends inside the @p n bytes. */
int spool_read(struct spool_reader *r, void *p, size_t n);
void spool_reader_close(struct spool_reader *r);

#endif
