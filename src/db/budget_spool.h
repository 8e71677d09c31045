/*
 * An import's budget lines in a spool file (spool.h), packed with their codes interned, read
 * back in order: by a walk, or as rows for SQL (rows.h), so storing them is one
 * INSERT ... SELECT from folja_rows(?1).  Private to src/db/.
 */
#ifndef FOLJA_DB_BUDGET_SPOOL_H
#define FOLJA_DB_BUDGET_SPOOL_H

#include "folja/db_budget.h"

#include "codes.h"
#include "rows.h"
#include "spool.h"

struct budget_spool {
	struct spool file;
	struct codes *codes;    /* borrowed: the import's codes, which the lines refer to */
	int64_t lines;          /* lines appended */
};

/* The codes the caller interns: activity, account, project. */
#define BUDGET_SPOOL_INTERNED 3

/** Appends line @p l (borrowed for the call), whose activity, account and project the caller
 *  has interned in b->codes as @p ids (codes_id()); the spool interns the rest.  DB_OK,
 *  DB_NOMEM, DB_INVALID when a text is longer than a line can hold, or the file's failure. */
enum db_rc budget_spool_add(struct budget_spool *b, const struct budget_line_in *l,
			    const uint32_t ids[BUDGET_SPOOL_INTERNED]);
/** Calls @p fn(@p ctx, n, unit_id, year, month) for each line in order (the spool flushed),
 *  n from 1, month DB_NULL for an annual line, until @p fn returns other than DB_OK. */
enum db_rc budget_spool_each(struct budget_spool *b,
			     enum db_rc (*fn)(void *ctx, size_t n, int64_t unit_id,
					      int64_t year, int64_t month),
			     void *ctx);
/** A scan of @p b's lines (flushed, alive as long as the scan) as rows (rows.h), whose
 *  columns c0 .. c11 are unit_id, activity, account, year, month, measure, amount_kr, ledger,
 *  project, budget_kind, decided_on and decision_ref.  NULL when out of memory; the caller
 *  frees it with budget_spool_rows_free(). */
struct rows *budget_spool_rows(struct budget_spool *b);
void budget_spool_rows_free(struct rows *r);

#endif
