/*
 * The code lists that name the activities (verksamheter) and accounts (kostnadsslag) budget
 * lines are booked on: read, list, write, and load as plain entries for the rollup and for
 * checking an account hierarchy.  Activities are a flat list; an account also has a kind
 * (account, group, varav) and a parent account by code, which follows a renamed parent (ON
 * UPDATE CASCADE) and keeps a parent from being deleted while accounts sit under it.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/db_budget.h"
#include "folja/names.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

/* ==== statements per list ================================================================= */

#define ACTIVITY_JSON \
	"json_object('id', id, 'code', code, 'name', name, 'sort', sort, 'version', version," \
	" 'created_at', created_at, 'updated_at', updated_at)"
#define ACCOUNT_JSON \
	"json_object('id', id, 'code', code, 'name', name, 'kind', kind, 'parent', parent," \
	" 'sort', sort, 'version', version, 'created_at', created_at, 'updated_at', updated_at)"
#define TOUCH ", version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* The twins. */
#define PG_ACTIVITY_JSON \
	"json_build_object('id', id, 'code', code, 'name', name, 'sort', sort," \
	" 'version', version, 'created_at', " PG_TS("created_at") "," \
	" 'updated_at', " PG_TS("updated_at") ")"
#define PG_ACCOUNT_JSON \
	"json_build_object('id', id, 'code', code, 'name', name, 'kind', kind, 'parent', parent," \
	" 'sort', sort, 'version', version, 'created_at', " PG_TS("created_at") "," \
	" 'updated_at', " PG_TS("updated_at") ")"
#define PG_TOUCH ", version = version + 1, updated_at = date_trunc('second', now())"

struct list_sql {
	struct db_twin get, all, count, insert, version, update, remove, load;
	void (*bind)(struct db_params *p, const void *in);
};

static void bind_activity(struct db_params *p, const void *input)
{
	const struct budget_code_in *in = input;
	db_param_text(p, 2, in->code);
	db_param_text(p, 3, in->name);
	db_param_int(p, 4, in->sort == DB_NULL ? 0 : in->sort);
}

static void bind_account(struct db_params *p, const void *input)
{
	const struct budget_code_in *in = input;
	bind_activity(p, input);
	db_param_text(p, 5, in->parent);
	db_param_text(p, 6, in->kind ? in->kind : "account");
}

static const struct list_sql lists[2] = {
	[BUDGET_CODES_ACTIVITIES] = {
		{"SELECT " ACTIVITY_JSON " FROM activities WHERE id = ?1",
		 "SELECT " PG_ACTIVITY_JSON " FROM activities WHERE id = $1"},
		{"SELECT " ACTIVITY_JSON " FROM activities ORDER BY sort, code LIMIT ?1 OFFSET ?2",
		 "SELECT " PG_ACTIVITY_JSON " FROM activities ORDER BY sort, code"
		 " LIMIT $1 OFFSET $2"},
		{"SELECT count(*) FROM activities", "SELECT count(*) FROM activities"},
		{"INSERT INTO activities (code, name, sort) VALUES (?2, ?3, ?4)",
		 "INSERT INTO activities (id, code, name, sort)"
		 " VALUES (" PG_NEXT_ID("activities") ", $2, $3, $4) RETURNING id"},
		{"SELECT version FROM activities WHERE id = ?1",
		 "SELECT version FROM activities WHERE id = $1"},
		{"UPDATE activities SET code = ?2, name = ?3, sort = ?4" TOUCH " WHERE id = ?1",
		 "UPDATE activities SET code = $2, name = $3, sort = $4" PG_TOUCH " WHERE id = $1"},
		{"DELETE FROM activities WHERE id = ?1", "DELETE FROM activities WHERE id = $1"},
		{"SELECT code, name, NULL, 'account', sort FROM activities",
		 "SELECT code, name, NULL, 'account', sort FROM activities"},
		bind_activity,
	},
	[BUDGET_CODES_ACCOUNTS] = {
		{"SELECT " ACCOUNT_JSON " FROM accounts WHERE id = ?1",
		 "SELECT " PG_ACCOUNT_JSON " FROM accounts WHERE id = $1"},
		{"SELECT " ACCOUNT_JSON " FROM accounts ORDER BY sort, code LIMIT ?1 OFFSET ?2",
		 "SELECT " PG_ACCOUNT_JSON " FROM accounts ORDER BY sort, code LIMIT $1 OFFSET $2"},
		{"SELECT count(*) FROM accounts", "SELECT count(*) FROM accounts"},
		{"INSERT INTO accounts (code, name, sort, parent, kind)"
		 " VALUES (?2, ?3, ?4, ?5, ?6)",
		 "INSERT INTO accounts (id, code, name, sort, parent, kind)"
		 " VALUES (" PG_NEXT_ID("accounts") ", $2, $3, $4, $5, $6)"
		 " RETURNING id"},
		{"SELECT version FROM accounts WHERE id = ?1",
		 "SELECT version FROM accounts WHERE id = $1"},
		{"UPDATE accounts SET code = ?2, name = ?3, sort = ?4, parent = ?5, kind = ?6" TOUCH
		 " WHERE id = ?1",
		 "UPDATE accounts SET code = $2, name = $3, sort = $4, parent = $5, kind = $6"
		 PG_TOUCH " WHERE id = $1"},
		{"DELETE FROM accounts WHERE id = ?1", "DELETE FROM accounts WHERE id = $1"},
		{"SELECT code, name, parent, kind, sort FROM accounts",
		 "SELECT code, name, parent, kind, sort FROM accounts"},
		bind_account,
	},
};

/* ==== one entry at a time ================================================================= */

enum db_rc db_budget_codes_get(struct db *db, enum budget_code_list l, int64_t id, json_t **out)
{
	return db_get_json(db, &lists[l].get, id, out);
}

static void bind_nothing(struct db_params *p, const void *filter)
{
	(void)p;
	(void)filter;
}

enum db_rc db_budget_codes_list(struct db *db, enum budget_code_list l, int64_t limit,
				int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, &lists[l].count, &lists[l].all, bind_nothing, NULL, 0,
			    limit, offset, items, total);
}

enum db_rc db_budget_codes_insert(struct db *db, enum budget_code_list l,
				  const struct budget_code_in *in, int64_t *id)
{
	return db_insert(db, &lists[l].insert, lists[l].bind, in, id);
}

enum db_rc db_budget_codes_update(struct db *db, enum budget_code_list l, int64_t id,
				  int64_t version, const struct budget_code_in *in)
{
	return db_write_versioned(db, &lists[l].version, &lists[l].update, lists[l].bind,
				  in, id, version);
}

enum db_rc db_budget_codes_delete(struct db *db, enum budget_code_list l, int64_t id,
				  int64_t version)
{
	return db_write_versioned(db, &lists[l].version, &lists[l].remove, NULL, NULL, id,
				  version);
}

/* ==== the whole list as plain entries ===================================================== */

struct set_load {
	struct budget_code_set *set;
	size_t cap;
};

static enum db_rc code_row(const struct db_row *row, void *ctx)
{
	struct set_load *ld = ctx;
	struct budget_code_set *s = ld->set;
	struct budget_code *grown = db_grow(s->codes, sizeof *s->codes, s->n, &ld->cap);
	if (!grown)
		return DB_NOMEM;
	s->codes = grown;
	struct budget_code *c = &s->codes[s->n];
	const char *kind = db_row_text(row, 3);
	memset(c, 0, sizeof *c);
	if (!db_arena_column(&s->arena, row, 0, &c->code) ||
	    !db_arena_column(&s->arena, row, 1, &c->name) ||
	    !db_arena_column(&s->arena, row, 2, &c->parent))
		return DB_NOMEM;
	int k = names_index(budget_code_kind_names, 0, NAMES_COUNT(budget_code_kind_names), kind);
	c->kind = k < 0 ? BUDGET_CODE_PLAIN : (enum budget_code_kind)k;
	c->sort = db_row_int(row, 4);
	s->n++;
	return DB_OK;
}

enum db_rc db_budget_code_set_load(struct db *db, enum budget_code_list l,
				   struct budget_code_set *out)
{
	struct set_load ld = {out, 0};
	memset(out, 0, sizeof *out);
	enum db_rc rc = db_load(db, &lists[l].load, NULL, NULL, code_row, &ld);
	if (rc != DB_OK)
		db_budget_code_set_free(out);
	return rc;
}

void db_budget_code_set_free(struct budget_code_set *s)
{
	if (!s)
		return;
	free(s->codes);
	db_arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}
