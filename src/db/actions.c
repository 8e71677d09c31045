/*
 * Queries for the register of actions and their follow-ups.  An action's origin names a row
 * of another register by id (a unit for a budget deviation); whether that row exists is asked
 * here, in the write transaction, and triggers (sql/0007-registers.sql) keep it from being
 * deleted while an action points at it.  A follow-up is a row of its own under its action,
 * whose version it moves on, since the action's representation lists its follow-ups.
 */
#include <stdlib.h>

#include "folja/db_registers.h"

#include "load.h"
#include "pg.h"
#include "reg.h"
#include "sql.h"

#define FU_JSON \
	"json_object('id', f.id, 'on', f.followed_on, 'text', f.text, 'status', f.status," \
	" 'created_at', f.created_at)"
#define ACTION_JSON \
	"json_object('id', a.id, 'unit_id', a.unit_id, 'title', a.title, 'description'," \
	" a.description, 'origin', json_object('kind', a.origin_kind, 'id', a.origin_id)," \
	" 'decided_on', a.decided_on, 'decision_ref', a.decision_ref, 'owner', a.owner," \
	" 'due_on', a.due_on, 'status', a.status, 'effect_planned_kr', a.effect_planned_kr," \
	" 'effect_realised_kr', a.effect_realised_kr, 'follow_ups', json((SELECT" \
	" json_group_array(" FU_JSON ") FROM (SELECT * FROM action_follow_ups f" \
	" WHERE f.action_id = a.id ORDER BY f.followed_on, f.id) f))," REG_TAIL("a") ")"
/* A list: decided in the period, when one is given. */
#define ACTION_WHERE \
	" WHERE a.unit_id IN sub AND (?2 IS NULL OR a.decided_on >= ?2)" \
	" AND (?3 IS NULL OR a.decided_on <= ?3) AND (?4 IS NULL OR a.origin_kind = ?4)" \
	" AND (?5 IS NULL OR a.status = ?5)"
/* A summary's load: decided by the cut-off ?3, or undated. */
#define ACTION_LOAD_WHERE \
	" WHERE a.unit_id IN sub AND (?3 IS NULL OR a.decided_on IS NULL OR a.decided_on <= ?3)" \
	" AND (?4 IS NULL OR a.origin_kind = ?4)"

static const char sql_get[] = "SELECT " ACTION_JSON " FROM actions a WHERE a.id = ?1";
static const char sql_list[] = REG_SUBTREE "SELECT " ACTION_JSON " FROM actions a"
	ACTION_WHERE " ORDER BY a.decided_on, a.id LIMIT ?6 OFFSET ?7";
static const char sql_count[] = REG_SUBTREE "SELECT count(*) FROM actions a" ACTION_WHERE;
static const char sql_load[] = REG_SUBTREE "SELECT a.id, a.origin_kind,"
	" CASE WHEN a.origin_kind = 'budget' THEN coalesce(a.origin_id, a.unit_id)"
	" ELSE a.origin_id END, a.decided_on, a.due_on, a.status, a.effect_planned_kr,"
	" a.effect_realised_kr, a.unit_id, a.title, a.owner FROM actions a" ACTION_LOAD_WHERE
	" ORDER BY a.decided_on, a.id";
static const char sql_load_follow_ups[] = REG_SUBTREE "SELECT f.action_id, f.followed_on,"
	" f.status FROM action_follow_ups f JOIN actions a ON a.id = f.action_id"
	ACTION_LOAD_WHERE " ORDER BY a.decided_on, a.id, f.followed_on, f.id";

/* The twins. */
#define PG_FU_JSON \
	"json_build_object('id', f.id, 'on', f.followed_on, 'text', f.text, 'status', f.status," \
	" 'created_at', " PG_TS("f.created_at") ")"
#define PG_ACTION_JSON \
	"json_build_object('id', a.id, 'unit_id', a.unit_id, 'title', a.title, 'description'," \
	" a.description, 'origin', json_build_object('kind', a.origin_kind, 'id', a.origin_id)," \
	" 'decided_on', a.decided_on, 'decision_ref', a.decision_ref, 'owner', a.owner," \
	" 'due_on', a.due_on, 'status', a.status, 'effect_planned_kr', a.effect_planned_kr," \
	" 'effect_realised_kr', a.effect_realised_kr, 'follow_ups', (SELECT" \
	" coalesce(json_agg(" PG_FU_JSON " ORDER BY f.followed_on, f.id), '[]'::json)" \
	" FROM action_follow_ups f WHERE f.action_id = a.id)," PG_REG_TAIL("a") ")"
#define PG_ACTION_WHERE \
	" WHERE a.unit_id IN " PG_REG_SUB " AND ($2::date IS NULL OR a.decided_on >= $2::date)" \
	" AND ($3::date IS NULL OR a.decided_on <= $3::date)" \
	" AND ($4 IS NULL OR a.origin_kind = $4) AND ($5 IS NULL OR a.status = $5)"
#define PG_ACTION_LOAD_WHERE \
	" WHERE a.unit_id IN " PG_REG_SUB \
	" AND ($3::date IS NULL OR a.decided_on IS NULL OR a.decided_on <= $3::date)" \
	" AND ($4 IS NULL OR a.origin_kind = $4)"

static const char pg_get[] = "SELECT " PG_ACTION_JSON " FROM actions a WHERE a.id = $1";
static const char pg_list[] = PG_REG_SUBTREE "SELECT " PG_ACTION_JSON " FROM actions a"
	PG_ACTION_WHERE " ORDER BY a.decided_on NULLS FIRST, a.id LIMIT $6 OFFSET $7";
static const char pg_count[] = PG_REG_SUBTREE "SELECT count(*) FROM actions a"
	PG_ACTION_WHERE;
static const char pg_load[] = PG_REG_SUBTREE "SELECT a.id, a.origin_kind,"
	" CASE WHEN a.origin_kind = 'budget' THEN coalesce(a.origin_id, a.unit_id)"
	" ELSE a.origin_id END, a.decided_on, a.due_on, a.status, a.effect_planned_kr,"
	" a.effect_realised_kr, a.unit_id, a.title, a.owner FROM actions a"
	PG_ACTION_LOAD_WHERE " ORDER BY a.decided_on NULLS FIRST, a.id";
static const char pg_load_follow_ups[] = PG_REG_SUBTREE "SELECT f.action_id, f.followed_on,"
	" f.status FROM action_follow_ups f JOIN actions a ON a.id = f.action_id"
	PG_ACTION_LOAD_WHERE " ORDER BY a.decided_on NULLS FIRST, a.id, f.followed_on, f.id";

enum db_rc db_actions_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

enum db_rc db_actions_list(struct db *db, const struct reg_filter *f, int64_t limit,
			   int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
			    reg_bind_filter, f, REG_NBIND, limit, offset, items, total);
}

/* ---- loading for the summaries ---- */

struct action_loading {
	struct action_set *set;
	size_t cap, cap_units, cap_titles, cap_owners;
	struct reg_children follow_ups;
};

/* The per-item arrays beside set->items grown for one more; false when out of memory. */
static bool grow_columns(struct action_loading *l)
{
	struct action_set *set = l->set;
	int64_t *units = db_grow(set->unit_ids, sizeof *units, set->n, &l->cap_units);
	if (units)
		set->unit_ids = units;
	const char **titles = units ? db_grow(set->titles, sizeof *titles, set->n,
					      &l->cap_titles) : NULL;
	if (titles)
		set->titles = titles;
	const char **owners = titles ? db_grow(set->owners, sizeof *owners, set->n,
					       &l->cap_owners) : NULL;
	if (owners)
		set->owners = owners;
	return owners != NULL;
}

/* The dates, status and effects of the current row into @p a; false for a stored code this
 * program does not know. */
static bool load_fields(const struct db_row *row, struct action *a)
{
	a->id = db_row_int(row, 0);
	a->origin_id = db_row_int(row, 2);
	a->has_decided = db_column_date(row, 3, &a->decided_on);
	a->has_due = db_column_date(row, 4, &a->due_on);
	a->has_planned = !db_row_null(row, 6);
	a->effect_planned_kr = db_row_int(row, 6);
	a->has_realised = !db_row_null(row, 7);
	a->effect_realised_kr = db_row_int(row, 7);
	return action_origin_parse(db_row_text(row, 1), &a->origin) &&
	       action_status_parse(db_row_text(row, 5), &a->status);
}

static enum db_rc load_action(const struct db_row *row, void *ctx)
{
	struct action_loading *l = ctx;
	struct action_set *set = l->set;
	struct action *items = db_grow(set->items, sizeof *items, set->n, &l->cap);
	if (!items)
		return DB_NOMEM;
	set->items = items;
	if (!grow_columns(l))
		return DB_NOMEM;
	items[set->n] = (struct action){0};
	if (!load_fields(row, &items[set->n]))
		return DB_ERROR;
	set->unit_ids[set->n] = db_row_int(row, 8);
	if (!db_arena_column(&set->text, row, 9, &set->titles[set->n]) ||
	    !db_arena_column(&set->text, row, 10, &set->owners[set->n]))
		return DB_NOMEM;
	set->n++;
	return DB_OK;
}

static enum db_rc load_follow_up(const struct db_row *row, void *ctx)
{
	struct action_loading *l = ctx;
	struct action_follow_up *fu = reg_child_add(&l->follow_ups, db_row_int(row, 0));
	if (!fu)
		return DB_NOMEM;
	if (!db_column_date(row, 1, &fu->on) ||
	    !action_status_parse(db_row_text(row, 2), &fu->status))
		return DB_ERROR;
	return DB_OK;
}

static int64_t action_id_of(size_t i, void *ctx)
{
	return ((struct action_loading *)ctx)->set->items[i].id;
}

static void attach_follow_ups(size_t i, size_t first, size_t count, void *ctx)
{
	struct action_loading *l = ctx;
	l->set->items[i].follow_ups = count ? l->set->follow_ups + first : NULL;
	l->set->items[i].n_follow_ups = count;
}

enum db_rc db_actions_load(struct db *db, const struct reg_filter *f, struct action_set **out)
{
	struct action_loading l = {.set = calloc(1, sizeof *l.set),
				   .follow_ups = {.size = sizeof(struct action_follow_up)}};
	*out = NULL;
	if (!l.set)
		return DB_NOMEM;
	enum db_rc rc = reg_load(db, DB_TWIN(sql_load, pg_load), f, load_action, &l);
	if (rc == DB_OK)
		rc = reg_load(db, DB_TWIN(sql_load_follow_ups, pg_load_follow_ups), f,
			      load_follow_up, &l);
	l.set->follow_ups = l.follow_ups.items;
	if (rc == DB_OK)
		reg_children_attach(&l.follow_ups, l.set->n, action_id_of, attach_follow_ups, &l);
	reg_children_done(&l.follow_ups);
	if (rc != DB_OK) {
		db_action_set_free(l.set);
		return rc;
	}
	*out = l.set;
	return DB_OK;
}

void db_action_set_free(struct action_set *set)
{
	if (!set)
		return;
	free(set->items);
	free(set->unit_ids);
	free(set->titles);
	free(set->owners);
	free(set->follow_ups);
	db_arena_free(&set->text);
	free(set);
}

/* ---- writes ---- */

static const char sql_origin_exists[] = "SELECT CASE ?1"
	" WHEN 'budget' THEN EXISTS (SELECT 1 FROM units WHERE id = ?2)"
	" WHEN 'goal' THEN EXISTS (SELECT 1 FROM goals WHERE id = ?2)"
	" WHEN 'risk' THEN EXISTS (SELECT 1 FROM risks WHERE id = ?2)"
	" WHEN 'internal_control' THEN EXISTS (SELECT 1 FROM internal_controls WHERE id = ?2)"
	" WHEN 'lex_sarah' THEN EXISTS (SELECT 1 FROM lex_sarah_reports WHERE id = ?2)"
	" WHEN 'audit' THEN EXISTS (SELECT 1 FROM audits WHERE id = ?2)"
	" ELSE 0 END";

static const char pg_origin_exists[] = "SELECT CASE $1"
	" WHEN 'budget' THEN EXISTS (SELECT 1 FROM units WHERE id = $2)"
	" WHEN 'goal' THEN EXISTS (SELECT 1 FROM goals WHERE id = $2)"
	" WHEN 'risk' THEN EXISTS (SELECT 1 FROM risks WHERE id = $2)"
	" WHEN 'internal_control' THEN EXISTS (SELECT 1 FROM internal_controls WHERE id = $2)"
	" WHEN 'lex_sarah' THEN EXISTS (SELECT 1 FROM lex_sarah_reports WHERE id = $2)"
	" WHEN 'audit' THEN EXISTS (SELECT 1 FROM audits WHERE id = $2)"
	" ELSE false END::int";

/* An origin (its kind's name) or a follow-up's action, and a row id, as ?1 and ?2. */
struct pair {
	const char *kind;
	int64_t action_id, id;
};

static void bind_origin(struct db_params *p, const void *in)
{
	const struct pair *x = in;
	db_param_text(p, 1, x->kind);
	db_param_int(p, 2, x->id);
}

enum db_rc db_actions_origin_exists(struct db *db, enum action_origin kind, int64_t id)
{
	int64_t found = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_origin_exists, pg_origin_exists), bind_origin,
				   &(struct pair){action_origin_name(kind), 0, id}, &found);
	return rc == DB_OK && !found ? DB_NOT_FOUND : rc;
}

static void bind_action(struct db_params *p, const void *input)
{
	const struct action_in *in = input;
	db_param_int(p, 2, in->unit_id);
	db_param_text(p, 3, in->title);
	db_param_text(p, 4, in->description);
	db_param_text(p, 5, in->origin_kind);
	db_param_int(p, 6, in->origin_id);
	db_param_text(p, 7, in->decided_on);
	db_param_text(p, 8, in->decision_ref);
	db_param_text(p, 9, in->owner);
	db_param_text(p, 10, in->due_on);
	db_param_text(p, 11, in->status);
	db_param_int(p, 12, in->effect_planned_kr);
	db_param_int(p, 13, in->effect_realised_kr);
}

static const char sql_insert[] = "INSERT INTO actions (unit_id, title, description,"
	" origin_kind, origin_id, decided_on, decision_ref, owner, due_on, status,"
	" effect_planned_kr, effect_realised_kr)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_version[] = "SELECT version FROM actions WHERE id = ?1";
static const char sql_update[] = "UPDATE actions SET unit_id = ?2, title = ?3,"
	" description = ?4, origin_kind = ?5, origin_id = ?6, decided_on = ?7,"
	" decision_ref = ?8, owner = ?9, due_on = ?10, status = ?11, effect_planned_kr = ?12,"
	" effect_realised_kr = ?13, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM actions WHERE id = ?1";
static const char pg_insert[] = "INSERT INTO actions (id, unit_id, title, description,"
	" origin_kind, origin_id, decided_on, decision_ref, owner, due_on, status,"
	" effect_planned_kr, effect_realised_kr) VALUES (" PG_NEXT_ID("actions") ","
	" $2, $3, $4, $5, $6, $7::date, $8, $9, $10::date, $11, $12, $13) RETURNING id";
static const char pg_version[] = "SELECT version FROM actions WHERE id = $1";
static const char pg_update[] = "UPDATE actions SET unit_id = $2, title = $3,"
	" description = $4, origin_kind = $5, origin_id = $6, decided_on = $7::date,"
	" decision_ref = $8, owner = $9, due_on = $10::date, status = $11,"
	" effect_planned_kr = $12, effect_realised_kr = $13, version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";
static const char pg_delete[] = "DELETE FROM actions WHERE id = $1";

enum db_rc db_actions_insert(struct db *db, const struct action_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_action, in, id);
}

enum db_rc db_actions_update(struct db *db, int64_t id, int64_t version,
			     const struct action_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_action, in, id, version);
}

enum db_rc db_actions_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

/* ---- follow-ups ---- */

static const char sql_fu_list[] = "SELECT " FU_JSON " FROM action_follow_ups f"
	" WHERE f.action_id = ?1 ORDER BY f.followed_on, f.id";
static const char sql_fu_get[] = "SELECT " FU_JSON " FROM action_follow_ups f"
	" WHERE f.action_id = ?1 AND f.id = ?2";
static const char sql_fu_insert[] = "INSERT INTO action_follow_ups (action_id, followed_on,"
	" text, status) VALUES (?1, ?2, ?3, ?4)";
static const char sql_fu_delete[] = "DELETE FROM action_follow_ups"
	" WHERE action_id = ?1 AND id = ?2";
static const char sql_fu_bump[] = "UPDATE actions SET version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";

static const char pg_fu_list[] = "SELECT " PG_FU_JSON " FROM action_follow_ups f"
	" WHERE f.action_id = $1 ORDER BY f.followed_on, f.id";
static const char pg_fu_get[] = "SELECT " PG_FU_JSON " FROM action_follow_ups f"
	" WHERE f.action_id = $1 AND f.id = $2";
static const char pg_fu_insert[] = "INSERT INTO action_follow_ups (id, action_id,"
	" followed_on, text, status) VALUES (" PG_NEXT_ID("action_follow_ups") ","
	" $1, $2::date, $3, $4) RETURNING id";
static const char pg_fu_delete[] = "DELETE FROM action_follow_ups"
	" WHERE action_id = $1 AND id = $2";
static const char pg_fu_bump[] = "UPDATE actions SET version = version + 1,"
	" updated_at = date_trunc('second', now()) WHERE id = $1";

/* ?1 the action, ?2 the follow-up. */
static void bind_pair(struct db_params *p, const void *in)
{
	const struct pair *x = in;
	db_param_int(p, 1, x->action_id);
	db_param_int(p, 2, x->id);
}

enum db_rc db_follow_ups_list(struct db *db, int64_t action_id, json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_fu_list, pg_fu_list), bind_pair,
			   &(struct pair){NULL, action_id, 0}, items);
}

enum db_rc db_follow_ups_get(struct db *db, int64_t action_id, int64_t id, json_t **out)
{
	return db_one_json(db, DB_TWIN(sql_fu_get, pg_fu_get), bind_pair,
			   &(struct pair){NULL, action_id, id}, out);
}

/* Moves the version of action @p action_id on; DB_NOT_FOUND when there is none. */
static enum db_rc bump(struct db *db, int64_t action_id)
{
	int64_t changed = 0;
	enum db_rc rc = db_run(db, DB_TWIN(sql_fu_bump, pg_fu_bump), bind_pair,
			       &(struct pair){NULL, action_id, 0}, &changed);
	return rc == DB_OK && changed == 0 ? DB_NOT_FOUND : rc;
}

/* A follow-up being written under its action. */
struct follow_up_write {
	int64_t action_id;
	const struct follow_up_in *in;
};

static void bind_follow_up(struct db_params *p, const void *in)
{
	const struct follow_up_write *w = in;
	db_param_int(p, 1, w->action_id);
	db_param_text(p, 2, w->in->on);
	db_param_text(p, 3, w->in->text);
	db_param_text(p, 4, w->in->status);
}

enum db_rc db_follow_ups_insert(struct db *db, int64_t action_id, const struct follow_up_in *in,
				int64_t *id)
{
	enum db_rc rc = bump(db, action_id);
	return rc != DB_OK ? rc : db_insert(db, DB_TWIN(sql_fu_insert, pg_fu_insert),
					    bind_follow_up,
					    &(struct follow_up_write){action_id, in}, id);
}

enum db_rc db_follow_ups_delete(struct db *db, int64_t action_id, int64_t id)
{
	int64_t changed = 0;
	enum db_rc rc = db_run(db, DB_TWIN(sql_fu_delete, pg_fu_delete), bind_pair,
			       &(struct pair){NULL, action_id, id}, &changed);
	if (rc == DB_OK && changed == 0)
		return DB_NOT_FOUND;
	return rc == DB_OK ? bump(db, action_id) : rc;
}
