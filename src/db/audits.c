/*
 * Queries for the register of audits: granskningar, the auditors' reviews, IVO inspections
 * and contract follow-ups (the audit log of writes is another thing, src/db/audit.c).  The
 * summary's load counts the actions drawn from each audit beside it.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define AUDIT_JSON \
	"json_object('id', a.id, 'unit_id', a.unit_id, 'kind', a.kind, 'subject', a.subject," \
	" 'done_on', a.done_on, 'findings', a.findings," REG_TAIL("a") ")"
#define AUDIT_WHERE \
	" WHERE a.unit_id IN sub AND (?2 IS NULL OR a.done_on >= ?2)" \
	" AND (?3 IS NULL OR a.done_on <= ?3) AND (?4 IS NULL OR a.kind = ?4)"

static const char sql_get[] = "SELECT " AUDIT_JSON " FROM audits a WHERE a.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " AUDIT_JSON " FROM audits a" AUDIT_WHERE
	" ORDER BY a.done_on, a.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM audits a" AUDIT_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT a.id, a.kind, a.done_on,"
	" a.findings IS NOT NULL AND trim(a.findings) <> '', a.subject,"
	" (SELECT count(*) FROM actions x WHERE x.origin_kind = 'audit' AND x.origin_id = a.id),"
	" (SELECT count(*) FROM actions x WHERE x.origin_kind = 'audit' AND x.origin_id = a.id"
	" AND x.status IN ('planerad', 'pagaende')) FROM audits a" AUDIT_WHERE
	" ORDER BY a.done_on, a.id";

/* The twins. */
#define PG_AUDIT_JSON \
	"json_build_object('id', a.id, 'unit_id', a.unit_id, 'kind', a.kind," \
	" 'subject', a.subject, 'done_on', a.done_on, 'findings', a.findings," PG_REG_TAIL("a") ")"
#define PG_AUDIT_WHERE \
	" WHERE a.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR a.done_on >= $2::date)" \
	" AND ($3::date IS NULL OR a.done_on <= $3::date) AND ($4 IS NULL OR a.kind = $4)"

static const char pg_get[] = "SELECT " PG_AUDIT_JSON " FROM audits a WHERE a.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_AUDIT_JSON " FROM audits a"
	PG_AUDIT_WHERE " ORDER BY a.done_on, a.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM audits a" PG_AUDIT_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT a.id, a.kind, a.done_on,"
	" (a.findings IS NOT NULL AND trim(a.findings) <> '')::int, a.subject,"
	" (SELECT count(*) FROM actions x WHERE x.origin_kind = 'audit' AND x.origin_id = a.id),"
	" (SELECT count(*) FROM actions x WHERE x.origin_kind = 'audit' AND x.origin_id = a.id"
	" AND x.status IN ('planerad', 'pagaende')) FROM audits a" PG_AUDIT_WHERE
	" ORDER BY a.done_on, a.id";

enum db_rc db_audits_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_audits_list(struct db *db, const struct reg_filter *f, int64_t limit,
			  int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

struct audit_loading {
	struct audit_set *set;
	size_t cap, cap_subjects;
};

static enum db_rc load_audit(const struct db_row *row, void *ctx)
{
	struct audit_loading *l = ctx;
	struct audit_set *set = l->set;
	struct audit *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	const char **subjects = db_grow(set->subjects, sizeof *subjects, set->n, &l->cap_subjects);
	if (!subjects)
		return DB_NOMEM;
	set->subjects = subjects;
	struct audit *a = &items[set->n];
	*a = (struct audit){.id = db_row_int(row, 0),
			    .has_findings = (int)db_row_int(row, 3) != 0,
			    .actions = (int)db_row_int(row, 5),
			    .actions_open = (int)db_row_int(row, 6)};
	if (!audit_kind_parse(db_row_text(row, 1), &a->kind) ||
	    !db_column_date(row, 2, &a->done_on))
		return DB_ERROR;
	if (!db_arena_column(&set->text, row, 4, &subjects[set->n]))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

enum db_rc db_audits_load(struct db *db, const struct reg_filter *f, struct audit_set **out)
{
	struct audit_loading l = {.set = calloc(1, sizeof *l.set)};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_audit, &l);
	if (rc != DB_OK) {
		db_audit_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_audit_set_free(struct audit_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->subjects);
	db_arena_free(&set->text);
	free(set);
}

static void bind_audit(struct db_params *p, const void *input)
{
	const struct audit_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->kind);
	db_param_text(p, 4, in->subject);
	db_param_text(p, 5, in->done_on);
	db_param_text(p, 6, in->findings);
}

static const char sql_insert[] = "INSERT INTO audits (unit_id, kind, subject, done_on,"
	" findings) VALUES (?2, ?3, ?4, ?5, ?6)";
static const char sql_version[] = "SELECT version FROM audits WHERE id = ?1";
static const char sql_update[] = "UPDATE audits SET unit_id = ?2, kind = ?3, subject = ?4,"
	" done_on = ?5, findings = ?6, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM audits WHERE id = ?1";
static const char pg_insert[] = "INSERT INTO audits (id, unit_id, kind, subject, done_on,"
	" findings) VALUES (" PG_NEXT_ID("audits") ", $2, $3, $4, $5::date, $6) RETURNING id";
static const char pg_version[] = "SELECT version FROM audits WHERE id = $1";
static const char pg_update[] = "UPDATE audits SET unit_id = $2, kind = $3, subject = $4,"
	" done_on = $5::date, findings = $6, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM audits WHERE id = $1";

enum db_rc db_audits_insert(struct db *db, const struct audit_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_audit, in, id);
}

enum db_rc db_audits_update(struct db *db, int64_t id, int64_t version,
			    const struct audit_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_audit, in, id, version);
}

enum db_rc db_audits_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}
