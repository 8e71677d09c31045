/*
 * The budget frame (budgetram) of a unit subtree: its budget lines, original and change,
 * handed one at a time to the caller, who sums them per decision (frame_add(),
 * include/folja/economy.h).  Streaming keeps the memory of a frame to its decisions, however
 * many lines the budget is booked on.  The lines come ordered by kind, date and reference,
 * so those of one decision arrive together.
 */
#include "folja/db_budget.h"
#include "folja/db_units.h"

#include "sql.h"

/* The subtree is walked as deep as a rollup walks it. */
_Static_assert(UNITS_WALK_DEPTH == 64, "the walk below spells UNITS_WALK_DEPTH");

static const char sql_frame_lines[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT ?1, 0 UNION ALL"
	" SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < 64)"
	" SELECT b.id, b.budget_kind = 'change', b.decided_on, b.decision_ref, b.amount_kr"
	" FROM t JOIN budget_lines b ON b.unit_id = t.id AND b.year = ?2"
	" WHERE b.measure = 'budget' AND b.ledger = ?3"
	" ORDER BY b.budget_kind DESC, b.decided_on, b.decision_ref, b.id";

enum db_rc db_budget_frame_lines(struct db *db, int64_t unit_id, int year, const char *ledger,
				 bool (*fn)(void *ctx, const struct frame_line *l), void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, sql_frame_lines);
	bool go_on = true;
	int rc = SQLITE_DONE;
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	db_bind_text(st, 3, ledger);
	while (go_on && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct frame_line l = {
			.id = sqlite3_column_int64(st, 0),
			.change = sqlite3_column_int(st, 1) != 0,
			.decided_on = (const char *)sqlite3_column_text(st, 2),
			.decision_ref = (const char *)sqlite3_column_text(st, 3),
			.amount_kr = sqlite3_column_int64(st, 4),
		};
		go_on = fn(ctx, &l);
	}
	db_done(st);
	if (!go_on)
		return DB_INVALID;
	return rc == SQLITE_DONE ? DB_OK : db_rc_from(db, rc);
}
