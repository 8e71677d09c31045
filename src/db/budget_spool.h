/*
 * An import's budget lines in a spool file (spool.h), packed with their codes interned, and
 * the table-valued function folja_budget_spool(?1) that reads them back to SQL: storing an
 * import is then one INSERT ... SELECT, a single statement whose cursors open once, fed
 * without a second copy of the lines in a staging table.  Private to src/db/.
 */
#ifndef FOLJA_DB_BUDGET_SPOOL_H
#define FOLJA_DB_BUDGET_SPOOL_H

#include "folja/db_budget.h"

#include "codes.h"
#include "spool.h"
#include "sql.h"

struct budget_spool {
	struct spool file;
	struct codes *codes;    /* borrowed: the import's codes, which the lines refer to */
	int64_t lines;          /* lines appended */
};

/** Appends line @p l (borrowed for the call), interning its codes.  DB_OK, DB_NOMEM,
 *  DB_INVALID when a text is longer than a line can hold, or the file's failure. */
enum db_rc budget_spool_add(struct budget_spool *b, const struct budget_line_in *l);
/** Calls @p fn(@p ctx, n, unit_id, year, month) for each line in order (the spool flushed),
 *  n from 1, month DB_NULL for an annual line, until @p fn returns other than DB_OK. */
enum db_rc budget_spool_each(struct budget_spool *b,
			     enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
					      int64_t year, int64_t month),
			     void *ctx);
/** Binds @p b (flushed, alive until the statement is reset) as parameter @p i, the argument
 *  of folja_budget_spool(), whose columns are unit_id, activity, account, year, month,
 *  measure, amount_kr, ledger, project, budget_kind, decided_on and decision_ref. */
void budget_spool_bind(sqlite3_stmt *st, int i, struct budget_spool *b);
/** Makes folja_budget_spool() known to connection @p h; an SQLite result code. */
int budget_spool_register(sqlite3 *h);

#endif
