/*
 * The staging database of imports (see stage.h): attaching it, the ids of an upload, the
 * transaction of a piece, and dropping what an upload staged.
 *
 * The staging tables are declared here, together, because they live in a database of their
 * own that each connection gets on its first import; the query files that stage rows say
 * what their columns hold.  A row's id is its upload's range (stage.h); the statistics' rows
 * are also read back in their facts' clustering order, so they are copied once, sorted, into
 * a second table, whose ids (in the order sorted) the upload keeps to drop them.
 */
#include <stdatomic.h>
#include <stdio.h>

#include "folja/db_import.h"

#include "stage.h"
#include "sql.h"

/* The ids of one upload: 2^32 of them from its number times 2^32. */
#define STAGE_ROWS_MAX ((int64_t)1 << 32)

static atomic_int_fast64_t last_upload;   /* the number of the newest upload */
static atomic_size_t staged_rows;         /* committed to staging and not yet dropped */

/* A temporary database attached as '' is kept in memory when temp_store is MEMORY (db.c sets
 * it, for sorts): the import's rows would then be in memory after all.  So the attach is
 * made under temp_store=FILE, and MEMORY restored for the connection's sorts.  Its cache is
 * set after its page size: set before, 2 MiB of 4 KiB pages became 500 pages of 64 KiB,
 * 32 MiB of memory a large import filled. */
static const char sql_attach[] =
	"PRAGMA temp_store=FILE; ATTACH DATABASE '' AS stage; PRAGMA temp_store=MEMORY;"
	"PRAGMA stage.page_size=65536; PRAGMA stage.cache_size=-2048;";

/* The statistics' rows as they arrive, and (statistics_import.c) sorted once at the end. */
#define STATISTIC_ROWS(name) \
	"CREATE TABLE IF NOT EXISTS stage." name " (id INTEGER PRIMARY KEY, row INTEGER," \
	" unit_id INTEGER, mask INTEGER, year INTEGER, d1 INTEGER, d2 INTEGER, d3 INTEGER," \
	" d4 INTEGER, last_month INTEGER, kind INTEGER, idx INTEGER, form INTEGER," \
	" synthetic INTEGER, value REAL, numerator REAL, denominator REAL, population INTEGER," \
	" null_reason TEXT, note TEXT, month_from INTEGER, period TEXT, dims TEXT, form_name TEXT);"

static const char sql_schema[] =
	"CREATE TABLE IF NOT EXISTS stage.uploads (first INTEGER PRIMARY KEY);"
	STATISTIC_ROWS("statistic_rows") STATISTIC_ROWS("statistic_sorted")
	/* a statistic import's additions to statistic_years, one row per key, in key order */
	"CREATE TABLE IF NOT EXISTS stage.statistic_years (id INTEGER PRIMARY KEY, mask INTEGER,"
	" year INTEGER, unit_id INTEGER, d1 INTEGER, d2 INTEGER, d3 INTEGER, d4 INTEGER,"
	" months INTEGER, given INTEGER, share INTEGER, nulls INTEGER, pops INTEGER,"
	" v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12,"
	" n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12,"
	" e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12,"
	" p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12);";

static const char sql_begin[] = "BEGIN";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";

/* The uploads under way on the connection, by their first id. */
static const char sql_upload_add[] = "INSERT INTO stage.uploads VALUES (?1)";
static const char sql_upload_remove[] = "DELETE FROM stage.uploads WHERE first = ?1";
static const char sql_uploads_left[] = "SELECT EXISTS (SELECT 1 FROM stage.uploads)";
/* The last upload gone, the staging database goes with it: its file is deleted at once,
 * which is far cheaper than deleting a million rows (and gives the disk space back). */
static const char sql_detach[] = "DETACH DATABASE stage";
static const char *const sql_drop_range[] = {
	"DELETE FROM stage.statistic_rows WHERE id >= ?1 AND id < ?2",
	"DELETE FROM stage.statistic_years WHERE id >= ?1 AND id < ?2",
};
static const char sql_drop_sorted[] = "DELETE FROM stage.statistic_sorted WHERE id >= ?1 AND"
	" id <= ?2";

size_t db_stage_rows(void)
{
	return atomic_load(&staged_rows);
}

void stage_count(int64_t rows)
{
	atomic_fetch_add(&staged_rows, (size_t)rows);
}

/* Attaches the staging database to @p db unless it is there. */
static enum db_rc attach(struct db *db)
{
	char why[256];
	if (sqlite3_db_filename(db_handle(db), "stage"))
		return DB_OK;
	if (db_exec_script(db, sql_attach, why, sizeof why) != 0 ||
	    db_exec_script(db, sql_schema, why, sizeof why) != 0) {
		fprintf(stderr, "folja: cannot stage an import: %s\n", why);
		return DB_ERROR;
	}
	return DB_OK;
}

enum db_rc stage_start(struct db *db, struct stage_upload *u)
{
	enum db_rc rc = attach(db);
	if (rc != DB_OK)
		return rc;
	int64_t n = atomic_fetch_add(&last_upload, 1) + 1;
	sqlite3_stmt *st = db_stmt(db, sql_upload_add);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, n * STAGE_ROWS_MAX);
	rc = db_exec_stmt(db, st);
	if (rc == DB_OK)
		*u = (struct stage_upload){.db = db, .first = n * STAGE_ROWS_MAX,
					   .next = n * STAGE_ROWS_MAX};
	return rc;
}

enum db_rc stage_piece_begin(struct stage_upload *u)
{
	if (u->in_piece)
		return DB_OK;
	enum db_rc rc = db_exec_stmt(u->db, db_stmt(u->db, sql_begin));
	u->in_piece = rc == DB_OK;
	return rc;
}

enum db_rc stage_next_id(struct stage_upload *u, int64_t *id)
{
	if (u->next - u->first >= STAGE_ROWS_MAX - 1)
		return DB_INVALID;
	enum db_rc rc = stage_piece_begin(u);
	if (rc == DB_OK)
		*id = u->next++;
	return rc;
}

/* Rolls back the piece's transaction, if one is open. */
static void piece_rollback(struct stage_upload *u)
{
	if (u->in_piece && !sqlite3_get_autocommit(db_handle(u->db)))
		db_exec_stmt(u->db, db_stmt(u->db, sql_rollback));
	u->in_piece = false;
}

enum db_rc stage_piece_end(struct stage_upload *u)
{
	if (!u->in_piece)
		return DB_OK;
	enum db_rc rc = db_exec_stmt(u->db, db_stmt(u->db, sql_commit));
	if (rc != DB_OK) {
		piece_rollback(u);
		return rc;
	}
	u->in_piece = false;
	int64_t rows = u->next - u->first;
	atomic_fetch_add(&staged_rows, (size_t)(rows - u->committed));
	u->committed = rows;
	return DB_OK;
}

/* Forgets upload @p u; true when other uploads are under way on its connection. */
static bool others_left(const struct stage_upload *u)
{
	int64_t left = 1;
	sqlite3_stmt *st = db_stmt(u->db, sql_upload_remove);
	if (!st)
		return true;
	sqlite3_bind_int64(st, 1, u->first);
	if (db_exec_stmt(u->db, st) != DB_OK || !(st = db_stmt(u->db, sql_uploads_left)))
		return true;
	return db_int_one(u->db, st, &left) != DB_OK || left != 0;
}

/* Deletes the rows @p sql names by ids ?1 and ?2 (@p lo, @p hi). */
static void drop_ids(struct db *db, const char *sql, int64_t lo, int64_t hi)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	db_exec_stmt(db, st);
}

void stage_drop(struct stage_upload *u)
{
	if (!u->db)
		return;
	piece_rollback(u);
	/* a failure is logged; the rows go with the connection at the latest */
	if (!others_left(u)) {
		db_exec_stmt(u->db, db_stmt(u->db, sql_detach));
	} else {
		for (size_t i = 0; i < sizeof sql_drop_range / sizeof *sql_drop_range; i++)
			drop_ids(u->db, sql_drop_range[i], u->first, u->first + STAGE_ROWS_MAX);
		if (u->sorted_lo)
			drop_ids(u->db, sql_drop_sorted, u->sorted_lo, u->sorted_hi);
	}
	atomic_fetch_sub(&staged_rows, (size_t)u->committed);
	u->db = NULL;
}
