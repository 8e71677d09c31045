/*
 * The units an import's rows may name (see folja/db_import.h).  One database may hold several
 * municipalities, each numbering its own units, so a code names a unit only within its
 * municipality: the municipality of each unit is read here with the unit, from the unit or
 * the nearest ancestor that carries a municipality code, walking down from the roots as the
 * check of a unit's code on every write of one does (src/db/units.c).
 */
#include "folja/db_import.h"
#include "folja/db_units.h"

#include "load.h"
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

/* The caller's callback and its context. */
struct each_unit {
	void (*fn)(void *ctx, int64_t id, const char *code, const char *municipality,
		   const char *own);
	void *ctx;
};

static enum db_rc unit_row(const struct db_row *row, void *ctx)
{
	const struct each_unit *e = ctx;
	e->fn(e->ctx, db_row_int(row, 0), db_row_text(row, 1), db_row_text(row, 2),
	      db_row_text(row, 3));
	return DB_OK;
}

enum db_rc db_import_units(struct db *db,
			   void (*fn)(void *ctx, int64_t id, const char *code,
				      const char *municipality, const char *own),
			   void *ctx)
{
	/* the statement is PostgreSQL's as it is */
	return db_load(db, DB_TWIN(sql_units, sql_units), NULL, NULL, unit_row,
		       &(struct each_unit){fn, ctx});
}
