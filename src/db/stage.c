/*
 * The count of rows that uploads under way have staged (see stage.h).
 */
#include <stdatomic.h>

#include "folja/db_import.h"

#include "stage.h"

static atomic_size_t staged_rows;   /* staged and not yet dropped */

void stage_count(int64_t rows)
{
	atomic_fetch_add(&staged_rows, (size_t)rows);
}

size_t db_stage_rows(void)
{
	return atomic_load(&staged_rows);
}
