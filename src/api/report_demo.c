/*
 * The demo reports: `folja demo` loads the demo data set (sql/demo/), whose last script makes
 * the four seed reports as drafts with their narrative, and names in a temporary table which
 * of them the committee decided and with what reference.  Locking renders each one, so it is
 * done here, after the data are in, through the same lock as POST /reports/{id}:lock: the
 * locked ones are then exactly what a user locking them would have got.
 */
#include <stdlib.h>

#include "folja/db_reports.h"

#include "reports.h"

struct demo_ctx {
	struct db *db;
	enum db_rc rc;
};

static void lock_one(void *ctx, int64_t id, const char *decided_on, const char *decision_ref)
{
	struct demo_ctx *c = ctx;
	if (c->rc == DB_OK)
		c->rc = report_demo_lock(c->db, id, decided_on, decision_ref);
}

int api_demo_load(struct db *db)
{
	int loaded = db_load_demo(db);
	if (loaded != 1)
		return loaded;
	struct demo_ctx c = {.db = db, .rc = DB_OK};
	enum db_rc rc = db_reports_demo_locks(db, lock_one, &c);
	return rc == DB_OK && c.rc == DB_OK ? 1 : -1;
}
