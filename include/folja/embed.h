/*
 * Files embedded into the binary at build time: the schema migrations, the demo data set and
 * openapi.yaml.  The server needs no files beside itself, so the spec it serves and the schema
 * it migrates to are always the ones it was built with.
 */
#ifndef FOLJA_EMBED_H
#define FOLJA_EMBED_H

#include <stddef.h>

struct folja_embedded {
	const char *name;  /* repository-relative path, e.g. "sql/0001-core.sql" */
	const char *data;  /* the bytes, NUL-terminated; static storage */
	size_t len;        /* length without the terminating NUL */
};

/* Terminated by an entry whose name is NULL; in the order sql/meson.build lists them. */
extern const struct folja_embedded folja_embedded_files[];

/** The embedded file called @p name, or NULL.  Borrowed, static. */
const struct folja_embedded *folja_embedded_find(const char *name);

#endif
