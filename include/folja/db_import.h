/*
 * What the two imports share in storage (src/db/import_units.c, src/db/stage.c): the units an
 * import's rows may name, read once when the upload opens, and the rows staged by uploads
 * under way.  Each import's own staging and storing is in db_budget.h and db_statistics.h.
 */
#ifndef FOLJA_DB_IMPORT_H
#define FOLJA_DB_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"

/**
 * Calls @p fn for every unit with its id, its code, its municipality (the municipality_code of
 * the unit or of its nearest ancestor with one; "" for a unit above every kommun, or a tree too
 * deep to walk) and the municipality code it carries itself (NULL unless it carries one, as a
 * kommun does).  Unit codes are unique within a municipality, not across them.  The strings
 * are borrowed for the call only; @p code is NULL when storage ran out of memory.
 */
enum db_rc db_import_units(struct db *db,
			   void (*fn)(void *ctx, int64_t id, const char *code,
				      const char *municipality, const char *own),
			   void *ctx);

/** Rows imports have staged (db/stage.c) and not yet stored or dropped, over every
 *  connection: 0 when no upload is under way. */
size_t db_stage_rows(void);

#endif
