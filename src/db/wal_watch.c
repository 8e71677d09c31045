/*
 * The WAL-index header, read without a transaction: see wal_watch.h.
 *
 * The header is kept twice, at bytes 0 and 48 of the first region.  A writer writes the
 * second copy, then (after a memory barrier) the first; SQLite's readers read the first, then
 * the second, and trust them only when they agree.  wal_header() reads them the same way.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "wal_watch.h"

/* The WAL-index's first region, as SQLite maps it (WALINDEX_PGSZ in its wal.c). */
#define WAL_INDEX_REGION 32768
/* The header's iVersion for every WAL-index SQLite 3.7.0 and later writes. */
#define WAL_INDEX_VERSION 3007000u
#define IS_INIT_AT 12   /* the header's isInit byte */

const volatile unsigned char *wal_index_of(sqlite3 *h)
{
	sqlite3_file *f = NULL;
	void volatile *region = NULL;
	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap)
		return NULL;
	/* bExtend 0: the region is there once the connection has read in WAL mode; else NULL */
	if (f->pMethods->xShmMap(f, 0, WAL_INDEX_REGION, 0, &region) != SQLITE_OK)
		return NULL;
	return region;
}

static void copy_in(unsigned char *out, const volatile unsigned char *from)
{
	for (int i = 0; i < WAL_HEADER_BYTES; i++)
		out[i] = from[i];
}

bool wal_header(const volatile unsigned char *index, unsigned char out[WAL_HEADER_BYTES])
{
	unsigned char second[WAL_HEADER_BYTES];
	uint32_t version;
	copy_in(out, index);
	atomic_thread_fence(memory_order_seq_cst);
	copy_in(second, index + WAL_HEADER_BYTES);
	memcpy(&version, out, sizeof version);   /* native byte order, as SQLite writes it */
	return memcmp(out, second, WAL_HEADER_BYTES) == 0 && out[IS_INIT_AT] &&
	       version == WAL_INDEX_VERSION;
}
