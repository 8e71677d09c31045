/*
 * The budget frame (budgetram) of a unit subtree: its budget lines, original and change,
 * handed one at a time to the caller, who sums them per decision (frame_add(),
 * include/folja/economy.h).  Streaming keeps the memory of a frame to its decisions, however
 * many lines the budget is booked on.  The lines come ordered by kind, date and reference,
 * so those of one decision arrive together.
 */
#include "folja/db_budget.h"
#include "folja/db_units.h"

#include "load.h"
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

static const char pg_frame_lines[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT $1::bigint, 0 UNION ALL"
	" SELECT u.id, t.depth + 1 FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < 64)"
	" SELECT b.id, (b.budget_kind = 'change')::int, b.decided_on, b.decision_ref, b.amount_kr"
	" FROM t JOIN budget_lines b ON b.unit_id = t.id AND b.year = $2"
	" WHERE b.measure = 'budget' AND b.ledger = $3"
	" ORDER BY b.budget_kind DESC, b.decided_on NULLS FIRST, b.decision_ref NULLS FIRST, b.id";

/* The question and the caller's callback. */
struct frame_ask {
	int64_t unit_id;
	int year;
	const char *ledger;
	bool (*fn)(void *ctx, const struct frame_line *l);
	void *ctx;
};

static void bind_frame(struct db_params *p, const void *in)
{
	const struct frame_ask *a = in;
	db_param_int(p, 1, a->unit_id);
	db_param_int(p, 2, a->year);
	db_param_text(p, 3, a->ledger);
}

/* Hands the line @p row to the caller; DB_INVALID when the caller stops. */
static enum db_rc frame_row(const struct db_row *row, void *ctx)
{
	const struct frame_ask *a = ctx;
	struct frame_line l = {
		.id = db_row_int(row, 0),
		.change = db_row_int(row, 1) != 0,
		.decided_on = db_row_text(row, 2),
		.decision_ref = db_row_text(row, 3),
		.amount_kr = db_row_int(row, 4),
	};
	return a->fn(a->ctx, &l) ? DB_OK : DB_INVALID;
}

enum db_rc db_budget_frame_lines(struct db *db, int64_t unit_id, int year, const char *ledger,
				 bool (*fn)(void *ctx, const struct frame_line *l), void *ctx)
{
	struct frame_ask a = {unit_id, year, ledger, fn, ctx};
	return db_load(db, DB_TWIN(sql_frame_lines, pg_frame_lines), bind_frame, &a, frame_row,
		       &a);
}
