/*
 * The units an import's rows may name (see folja/db_import.h).  One database may hold several
 * municipalities, each numbering its own units, so a code names a unit only within its
 * municipality: the municipality of each unit is read here with the unit, from the unit or
 * the nearest ancestor that carries a municipality code, walking down from the roots as the
 * check of a unit's code on every write of one does (src/db/units.c).
 */
#include "folja/db_import.h"
#include "folja/db_units.h"

#include "sql.h"

#define DEPTH_GUARD "64"
_Static_assert(UNITS_WALK_DEPTH == 64, "DEPTH_GUARD spells UNITS_WALK_DEPTH");

static const char sql_units[] =
	"WITH RECURSIVE m(id, muni, depth) AS ("
	"  SELECT id, coalesce(municipality_code, ''), 0 FROM units WHERE parent_id IS NULL"
	"  UNION ALL SELECT u.id, coalesce(u.municipality_code, m.muni), m.depth + 1"
	"  FROM units u JOIN m ON u.parent_id = m.id WHERE m.depth < " DEPTH_GUARD ")"
	" SELECT u.id, u.code, coalesce(m.muni, ''), u.municipality_code"
	" FROM units u LEFT JOIN m ON m.id = u.id";

enum db_rc db_import_units(struct db *db,
			   void (*fn)(void *ctx, int64_t id, const char *code,
				      const char *municipality, const char *own),
			   void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql_units);
	if (!st)
		return DB_ERROR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
	db_done(st);
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}
