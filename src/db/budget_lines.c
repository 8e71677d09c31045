/*
 * Budget lines one at a time: read, list, insert, update, delete.  A line is one ledger fact
 * and reads back exactly as the API shows it, built by json_object() here.  Every write
 * leaves the aggregates the rollups read (sql/0002-budget.sql, sql/0009-economy.sql) to the
 * table's triggers, which run in the writing transaction, so a committed line is always in
 * its sums.
 */
#include "folja/db_budget.h"

#include "budget_bind.h"
#include "pg.h"
#include "sql.h"

#define LINE_JSON \
	"json_object('id', b.id, 'unit_id', b.unit_id, 'activity', b.activity," \
	" 'account', b.account, 'year', b.year, 'month', b.month, 'measure', b.measure," \
	" 'amount_kr', b.amount_kr, 'version', b.version, 'created_at', b.created_at," \
	" 'updated_at', b.updated_at, 'ledger', b.ledger, 'project', b.project," \
	" 'budget_kind', b.budget_kind, 'decided_on', b.decided_on, 'decision_ref', b.decision_ref)"

static const char sql_get[] = "SELECT " LINE_JSON " FROM budget_lines b WHERE b.id = ?1";

/* LINE_JSON's twin. */
#define PG_LINE_JSON \
	"json_build_object('id', b.id, 'unit_id', b.unit_id, 'activity', b.activity," \
	" 'account', b.account, 'year', b.year, 'month', b.month, 'measure', b.measure," \
	" 'amount_kr', b.amount_kr, 'version', b.version," \
	" 'created_at', " PG_TS("b.created_at") ", 'updated_at', " PG_TS("b.updated_at") "," \
	" 'ledger', b.ledger, 'project', b.project, 'budget_kind', b.budget_kind," \
	" 'decided_on', b.decided_on, 'decision_ref', b.decision_ref)"

static const char pg_get[] = "SELECT " PG_LINE_JSON " FROM budget_lines b WHERE b.id = $1";

enum db_rc db_budget_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define LINE_WHERE \
	" WHERE (?1 IS NULL OR b.unit_id = ?1) AND (?2 IS NULL OR b.year = ?2)" \
	" AND (?3 IS NULL OR b.month = ?3) AND (?4 IS NULL OR b.measure = ?4)" \
	" AND (?5 IS NULL OR b.activity = ?5) AND (?6 IS NULL OR b.account = ?6)" \
	" AND (?7 IS NULL OR b.ledger = ?7) AND (?8 IS NULL OR b.project = ?8)" \
	" AND (?9 IS NULL OR b.budget_kind = ?9) AND in_scope(b.unit_id)"

static const char sql_list[] =
	"SELECT " LINE_JSON " FROM budget_lines b" LINE_WHERE " ORDER BY b.id LIMIT ?10 OFFSET ?11";
static const char sql_count[] = "SELECT count(*) FROM budget_lines b" LINE_WHERE;

/* LINE_WHERE's twin: a scoped request's units are the array $10 (db_scope_array), where
 * SQLite asks in_scope(). */
#define PG_LINE_WHERE \
	" WHERE ($1::bigint IS NULL OR b.unit_id = $1) AND ($2::bigint IS NULL OR b.year = $2)" \
	" AND ($3::bigint IS NULL OR b.month = $3) AND ($4 IS NULL OR b.measure = $4)" \
	" AND ($5 IS NULL OR b.activity = $5) AND ($6 IS NULL OR b.account = $6)" \
	" AND ($7 IS NULL OR b.ledger = $7) AND ($8 IS NULL OR b.project = $8)" \
	" AND ($9 IS NULL OR b.budget_kind = $9)" \
	" AND ($10::bigint[] IS NULL OR b.unit_id = ANY($10::bigint[]))"

static const char pg_list[] =
	"SELECT " PG_LINE_JSON " FROM budget_lines b" PG_LINE_WHERE
	" ORDER BY b.id LIMIT $11 OFFSET $12";
static const char pg_count[] = "SELECT count(*) FROM budget_lines b" PG_LINE_WHERE;

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct budget_filter *f = filter;
	db_param_int(p, 1, f->unit_id);
	db_param_int(p, 2, f->year);
	db_param_int(p, 3, f->month);
	db_param_text(p, 4, f->measure);
	db_param_text(p, 5, f->activity);
	db_param_text(p, 6, f->account);
	db_param_text(p, 7, f->ledger);
	db_param_text(p, 8, f->project);
	db_param_text(p, 9, f->budget_kind);
}

enum db_rc db_budget_list(struct db *db, const struct budget_filter *f, int64_t limit,
			  int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page_scoped(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
				   bind_filter, f, 9, limit, offset, items, total);
}

void db_budget_bind_line(struct db_params *p, const void *input)
{
	const struct budget_line_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->activity);
	db_param_text(p, 4, in->account);
	db_param_int(p, 5, in->year);
	db_param_int(p, 6, in->month);
	db_param_text(p, 7, in->measure);
	db_param_int(p, 8, in->amount_kr);
	db_param_text(p, 9, in->ledger ? in->ledger : "drift");
	db_param_text(p, 10, in->project);
	db_param_text(p, 11, in->budget_kind ? in->budget_kind : "original");
	db_param_text(p, 12, in->decided_on);
	db_param_text(p, 13, in->decision_ref);
}

static const char sql_insert[] =
	"INSERT INTO budget_lines (unit_id, activity, account, year, month, measure, amount_kr,"
	" ledger, project, budget_kind, decided_on, decision_ref)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char pg_insert[] =
	"INSERT INTO budget_lines (id, unit_id, activity, account, year, month, measure, amount_kr,"
	" ledger, project, budget_kind, decided_on, decision_ref)"
	" VALUES (" PG_NEXT_ID("budget_lines") ","
	" $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::date, $13) RETURNING id";

enum db_rc db_budget_insert(struct db *db, const struct budget_line_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), db_budget_bind_line, in, id);
}

static const char sql_version[] = "SELECT version FROM budget_lines WHERE id = ?1";
static const char sql_update[] =
	"UPDATE budget_lines SET unit_id = ?2, activity = ?3, account = ?4, year = ?5, month = ?6,"
	" measure = ?7, amount_kr = ?8, ledger = ?9, project = ?10, budget_kind = ?11,"
	" decided_on = ?12, decision_ref = ?13, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM budget_lines WHERE id = ?1";
static const char pg_version[] = "SELECT version FROM budget_lines WHERE id = $1";
static const char pg_update[] =
	"UPDATE budget_lines SET unit_id = $2, activity = $3, account = $4, year = $5, month = $6,"
	" measure = $7, amount_kr = $8, ledger = $9, project = $10, budget_kind = $11,"
	" decided_on = $12::date, decision_ref = $13, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM budget_lines WHERE id = $1";

enum db_rc db_budget_update(struct db *db, int64_t id, int64_t version,
			    const struct budget_line_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), db_budget_bind_line, in, id,
				  version);
}

enum db_rc db_budget_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
