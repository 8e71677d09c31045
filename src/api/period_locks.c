/*
 * /api/v1/period-locks — closing the books of a period — and the check every write of a fact
 * makes against them.
 *
 * An admin locks a unit's subtree through a month for some kinds of facts (folja/
 * period_lock.h says which facts that covers).  Every write path of a covered fact calls
 * api_period_lock_check() inside its transaction: budget lines (the resource's lock hook),
 * budget imports (api_period_lock_rows(), every covered row named), indicator values and goal
 * assessments; statistics facts call it with LOCK_STATISTICS.  A covered write is refused with
 * 409 period_locked.  An admin may pass ?override_lock=true&override_reason=... on those
 * routes: the write goes through and the override, with its reason and the lock it passed, is
 * kept in the audit log in the same transaction.  Creating and deleting a lock are audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/db_goals.h"
#include "folja/db_period_locks.h"
#include "folja/input.h"
#include "folja/period_lock.h"
#include "folja/resource.h"

#include "reports.h"

/* ==== the override on write routes ======================================================== */

#define LO(m) offsetof(struct lock_override_params, m)
#define OVERRIDE_PARAMS \
	{"override_lock", Q_BOOL, LO(override_lock), 0, 0, 0, 0, NULL, NULL}, \
	{"override_reason", Q_STRING, LO(override_reason), 0, 0, 500, 0, NULL, NULL}

const struct query_spec api_lock_override_query = {
	(const struct q_param[]){OVERRIDE_PARAMS, {0}},
	sizeof(struct lock_override_params), FORMAT_JSON,
};

const struct query_spec api_import_lock_query = {
	(const struct q_param[]){
		{"dry_run", Q_BOOL, LO(dry_run), 0, 0, 0, 0, NULL, NULL},
		OVERRIDE_PARAMS,
		{0}},
	sizeof(struct lock_override_params), FORMAT_JSON,
};
#undef OVERRIDE_PARAMS
#undef LO

/* The override asked for on this request: its parameters when the route takes them. */
static const struct lock_override_params *override_of(const struct req *r)
{
	const struct query_spec *q = r->route ? r->route->query : NULL;
	if (q != &api_lock_override_query && q != &api_import_lock_query)
		return NULL;
	const struct lock_override_params *p = REQ_QUERY(r, struct lock_override_params);
	return p->override_lock ? p : NULL;
}

/* ==== the check =========================================================================== */

/* Writes the audit entry of an override of lock @p l by this request. */
static enum db_rc override_audit(struct req *r, struct db *db, const struct period_lock *l,
				 enum lock_kind k, int m, int64_t unit_id, const char *reason)
{
	int year, month;
	char at[8];
	lock_month_split(m, &year, &month);
	snprintf(at, sizeof at, "%04d-%02d", year, month);
	json_t *after = json_pack("{s:I, s:s, s:I, s:s, s:s}", "lock_id", (json_int_t)l->id,
				  "kind", lock_kind_name(k), "unit_id", (json_int_t)unit_id,
				  "month", at, "reason", reason);
	enum db_rc rc = after ? api_audit(r, db, "period_lock_override", l->id, NULL, after)
			      : DB_NOMEM;
	json_decref(after);
	return rc;
}

/* The refusal of a write covered by lock @p l (or of an override that may not pass it). */
static enum db_rc refuse(struct req *r, const struct period_lock *l, const char *field,
			 struct resource_error *err)
{
	int year, month;
	const struct lock_override_params *o = override_of(r);
	lock_month_split(l->through, &year, &month);
	if (o && r->caller.role < ROLE_ADMIN) {
		*err = (struct resource_error){.status = 403, .code = "forbidden",
					       .field = "override_lock"};
		snprintf(err->message, sizeof err->message, "only an admin may override a "
			 "period lock");
	} else if (o) {
		*err = (struct resource_error){.status = 422, .code = "invalid_query",
					       .field = "override_reason"};
		snprintf(err->message, sizeof err->message, "is required with override_lock");
	} else {
		*err = (struct resource_error){.status = 409, .code = "period_locked",
					       .field = field};
		snprintf(err->message, sizeof err->message, "is closed by period lock %lld (unit "
			 "%lld, through %04d-%02d)", (long long)l->id, (long long)l->unit_id, year,
			 month);
	}
	return DB_INVALID;
}

enum db_rc api_period_lock_check(struct req *r, struct db *db, int64_t unit_id,
				 enum lock_kind k, int month, const char *field,
				 struct resource_error *err)
{
	struct period_lock *locks = NULL;
	size_t n = 0;
	enum db_rc rc = unit_id == DB_NULL ? DB_OK : db_period_locks_over(db, unit_id, &locks, &n);
	const struct period_lock *hit = rc == DB_OK ? period_lock_find(locks, n, k, month) : NULL;
	const struct lock_override_params *o = override_of(r);
	if (hit && o && r->caller.role >= ROLE_ADMIN && o->override_reason && *o->override_reason)
		rc = override_audit(r, db, hit, k, month, unit_id, o->override_reason);
	else if (hit)
		rc = refuse(r, hit, field, err);
	free(locks);
	return rc;
}

void api_lock_error_reply(struct req *r, const struct resource_error *err)
{
	json_t *errors = NULL;
	problem_field(&errors, err->field, "%s", err->message);
	reply_problem(r, err->status, err->code, errors, "%s %s", err->field, err->message);
}

/* ==== the write paths' adapters =========================================================== */

/* The lock month of a budget line from its JSON (a stored line). */
static int line_month_json(json_t *line)
{
	json_t *m = json_object_get(line, "month");
	return lock_month_of_line((int)json_integer_value(json_object_get(line, "year")),
				  json_is_integer(m) ? (int)json_integer_value(m) : 0);
}

enum db_rc api_budget_line_lock(struct req *r, struct db *db, json_t *before, const void *input,
				struct resource_error *err)
{
	const struct budget_line_in *in = input;
	enum db_rc rc = DB_OK;
	/* moving a line out of a closed month changes that month as much as booking into it */
	if (before)
		rc = api_period_lock_check(r, db, json_integer_value(json_object_get(before,
			"unit_id")), LOCK_BUDGET, line_month_json(before), "month", err);
	if (rc == DB_OK && in)
		rc = api_period_lock_check(r, db, in->unit_id, LOCK_BUDGET, lock_month_of_line(
			(int)in->year, in->month == IN_NULL ? 0 : (int)in->month), "month", err);
	return rc;
}

/* The unit of an indicator's facts: its own, else its goal's. */
static int64_t indicator_unit(struct db *db, json_t *ind)
{
	json_t *unit = json_object_get(ind, "unit_id"), *goal = NULL;
	if (json_is_integer(unit))
		return json_integer_value(unit);
	json_t *goal_id = json_object_get(ind, "goal_id");
	if (!json_is_integer(goal_id) || db_goals_get(db, json_integer_value(goal_id), &goal)
	    != DB_OK)
		return DB_NULL;
	unit = json_object_get(goal, "unit_id");
	int64_t id = json_is_integer(unit) ? json_integer_value(unit) : DB_NULL;
	json_decref(goal);
	return id;
}

enum db_rc api_period_lock_indicator(struct req *r, struct db *db, json_t *ind,
				     const char *period, struct resource_error *err)
{
	struct period p;
	if (!period_parse(period, &p))
		return DB_OK;   /* the handler has checked the period */
	return api_period_lock_check(r, db, indicator_unit(db, ind), LOCK_INDICATORS,
				     lock_month_of_period(p), "period", err);
}

enum db_rc api_period_lock_goal(struct req *r, struct db *db, json_t *goal, struct period p,
				struct resource_error *err)
{
	json_t *unit = json_object_get(goal, "unit_id");
	return api_period_lock_check(r, db, json_is_integer(unit) ? json_integer_value(unit)
				     : DB_NULL, LOCK_ASSESSMENTS, lock_month_of_period(p), "period",
				     err);
}

/* ---- imports ---- */

/* The locks over the units an import names, looked up once per unit. */
struct unit_locks {
	int64_t unit_id;
	struct period_lock *locks;   /* owned */
	size_t n;
};

struct rows_check {
	struct req *r;
	struct db *db;
	struct unit_locks *units;    /* owned, with their locks */
	size_t nunits, cap;
	size_t last;                 /* the unit of the row before (a ledger comes by unit) */
	int64_t audited[16];         /* the locks an override has been audited for */
	size_t naudited;
	json_t **errors;             /* the caller's: the closed rows */
	size_t *nerrors;
	struct resource_error *err;
};

/* The locks over unit @p unit_id, from the cache or loaded into it; NULL with *rc set. */
static struct unit_locks *locks_of(struct rows_check *c, int64_t unit_id, enum db_rc *rc)
{
	if (c->last < c->nunits && c->units[c->last].unit_id == unit_id)
		return &c->units[c->last];
	for (size_t i = 0; i < c->nunits; i++)
		if (c->units[i].unit_id == unit_id)
			return &c->units[c->last = i];
	if (c->nunits == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct unit_locks *grown = realloc(c->units, cap * sizeof *grown);
		if (!grown) {
			*rc = DB_NOMEM;
			return NULL;
		}
		c->units = grown;
		c->cap = cap;
	}
	struct unit_locks *u = &c->units[c->nunits];
	*u = (struct unit_locks){.unit_id = unit_id};
	if ((*rc = db_period_locks_over(c->db, unit_id, &u->locks, &u->n)) != DB_OK)
		return NULL;
	c->last = c->nunits++;
	return u;
}

/* An override passing lock @p l, audited once per lock (not by a dry run, which stores
 * nothing). */
static enum db_rc rows_override(struct rows_check *c, const struct period_lock *l, int m,
				int64_t unit_id, const struct lock_override_params *o)
{
	if (o->dry_run)
		return DB_OK;
	for (size_t i = 0; i < c->naudited; i++)
		if (c->audited[i] == l->id)
			return DB_OK;
	if (c->naudited < sizeof c->audited / sizeof c->audited[0])
		c->audited[c->naudited++] = l->id;
	return override_audit(c->r, c->db, l, LOCK_BUDGET, m, unit_id, o->override_reason);
}

/* Checks row @p row (an api_lock_row_fn); appends its error to *c->errors when a lock
 * closes it. */
static enum db_rc row_check(void *ctx, size_t row, int64_t unit_id, int64_t year, int64_t month)
{
	struct rows_check *c = ctx;
	enum db_rc rc = DB_OK;
	struct unit_locks *u = locks_of(c, unit_id, &rc);
	int m = lock_month_of_line((int)year, month == DB_NULL ? 0 : (int)month);
	const struct period_lock *hit = u ? period_lock_find(u->locks, u->n, LOCK_BUDGET, m) : NULL;
	const struct lock_override_params *o = override_of(c->r);
	if (!hit)
		return rc;
	if (o && c->r->caller.role >= ROLE_ADMIN && o->override_reason && *o->override_reason)
		return rows_override(c, hit, m, unit_id, o);
	if (o)
		return refuse(c->r, hit, "month", c->err);
	refuse(c->r, hit, "month", c->err);
	if (++*c->nerrors <= 100) {
		problem_field(c->errors, "month", "row %zu: %s", row, c->err->message);
		json_object_set_new(json_array_get(*c->errors, json_array_size(*c->errors) - 1),
				    "row", json_integer((json_int_t)row));
	}
	return DB_OK;
}

enum db_rc api_period_lock_rows(struct req *r, struct db *db,
				enum db_rc (*each)(void *src, api_lock_row_fn fn, void *check),
				void *src, json_t **errors, size_t *nerrors,
				struct resource_error *err)
{
	struct rows_check c = {.r = r, .db = db, .errors = errors, .nerrors = nerrors,
			       .err = err};
	json_t *all = json_array();
	enum db_rc rc = all ? db_period_locks_list(db, DB_NULL, all) : DB_NOMEM;
	bool none = json_array_size(all) == 0;   /* the usual case: nothing is locked */
	json_decref(all);
	*errors = NULL;
	*nerrors = 0;
	if (rc == DB_OK && !none)
		rc = each(src, row_check, &c);
	for (size_t i = 0; i < c.nunits; i++)
		free(c.units[i].locks);
	free(c.units);
	return rc == DB_OK && *nerrors ? DB_INVALID : rc;
}

/* ==== /api/v1/period-locks ================================================================ */

struct lock_body {
	int64_t unit_id;
	const char *through;
	json_t *kinds;
	const char *reason;
};

static const struct in_field lock_spec[] = {
	{"unit_id", IN_INT, offsetof(struct lock_body, unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"through", IN_STRING, offsetof(struct lock_body, through), IN_REQUIRED, 0, 7, NULL},
	{"kinds", IN_JSON, offsetof(struct lock_body, kinds), IN_NULLABLE, 0, 0, NULL},
	{"reason", IN_TEXT, offsetof(struct lock_body, reason), IN_REQUIRED, 0, 1000, NULL},
	IN_FIELD("id", IN_IGNORE, struct lock_body, reason, 0),
	IN_FIELD("created_by", IN_IGNORE, struct lock_body, reason, 0),
	IN_FIELD("created_at", IN_IGNORE, struct lock_body, reason, 0),
	{0}
};

/* The kinds as stored: the names given, each once, in enum order; ["budget"] when absent. */
static json_t *kinds_canonical(json_t *given, json_t **errors)
{
	unsigned bits = given ? 0 : 1u << LOCK_BUDGET;
	size_t i;
	json_t *v, *out = json_array();
	enum lock_kind k;
	if (given && (!json_is_array(given) || json_array_size(given) == 0))
		problem_field(errors, "kinds", "must be a non-empty array of: budget, indicators, "
			      "statistics, assessments");
	json_array_foreach(given, i, v) {
		if (lock_kind_parse(json_string_value(v), &k))
			bits |= 1u << k;
		else
			problem_field(errors, "kinds", "item %zu must be one of: budget, indicators, "
				      "statistics, assessments", i);
	}
	for (int b = 0; out && b < LOCK_KINDS; b++) {
		if (!(bits & (1u << b)))
			continue;
		if (json_array_append_new(out, json_string(lock_kind_name((enum lock_kind)b)))) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

struct lock_write {
	struct req *r;
	struct period_lock_in in;
	int64_t id;
	json_t *out;       /* owned: the lock as stored */
};

static enum db_rc lock_create_tx(struct db *db, void *ctx)
{
	struct lock_write *w = ctx;
	enum db_rc rc = db_period_locks_insert(db, &w->in, &w->id);
	if (rc == DB_OK)
		rc = db_period_locks_get(db, w->id, &w->out);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "period_lock", w->id, NULL, w->out);
	return rc;
}

/* Parses and checks the body into @p w (its kinds text in *kinds_text, owned); replies 422. */
static bool lock_body_or_reply(struct req *r, json_t *body, struct lock_write *w,
			       char **kinds_text)
{
	struct lock_body b;
	struct period p;
	json_t *errors = NULL, *kinds = NULL;
	if (input_parse_or_reply(r, body, lock_spec, &b))
		return true;
	if (!period_parse(b.through, &p) || p.kind != PERIOD_MONTH)
		problem_field(&errors, "through", "must be a month such as 2021-12");
	kinds = kinds_canonical(b.kinds, &errors);
	*kinds_text = kinds && !errors ? json_dumps(kinds, JSON_COMPACT) : NULL;
	json_decref(kinds);
	if (input_errors_or_reply(r, errors))
		return true;
	if (!*kinds_text) {
		reply_oom(r);
		return true;
	}
	w->in = (struct period_lock_in){.unit_id = b.unit_id, .through = b.through,
					.kinds = *kinds_text, .reason = b.reason,
					.created_by = r->caller.name[0] ? r->caller.name : NULL};
	return false;
}

/* POST /api/v1/period-locks {unit_id, through, kinds?, reason} (admin) */
void api_period_locks_create(struct req *r)
{
	struct lock_write w = {.r = r};
	json_t *body = NULL;
	char *kinds_text = NULL, location[64];
	struct db *db;
	if (req_json_object_or_reply(r, &body) || lock_body_or_reply(r, body, &w, &kinds_text) ||
	    api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, lock_create_tx, &w);
	if (rc == DB_CONFLICT) {
		json_t *errors = NULL;
		problem_field(&errors, "unit_id", "names no unit");
		reply_problem(r, 422, "unknown_reference", errors, "unit_id names no unit");
	} else if (rc != DB_OK) {
		api_db_error(r, rc, "period lock");
	} else {
		snprintf(location, sizeof location, "/api/v1/period-locks/%lld", (long long)w.id);
		reply_json(r, 201, w.out);
		w.out = NULL;
		reply_header(r, "Location", location);
	}
cleanup:
	json_decref(w.out);
	free(kinds_text);
	json_decref(body);
}

struct locks_query {
	int64_t limit, offset;
	int64_t unit_id;
};

const struct query_spec api_period_locks_query = {
	(const struct q_param[]){
		Q_PAGING(struct locks_query),
		Q_ID("unit_id", struct locks_query, unit_id),
		{0}},
	sizeof(struct locks_query), FORMAT_JSON,
};

/* GET /api/v1/period-locks[?unit_id=&limit=&offset=] — the locks over the unit's subtree and
 * above it. */
void api_period_locks_list(struct req *r)
{
	const struct locks_query *q = REQ_QUERY(r, struct locks_query);
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, q->unit_id))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_period_locks_list(db, q->unit_id, items) : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "period lock");
		return;
	}
	int64_t total = (int64_t)json_array_size(items);
	api_list_page(r, items, total, q->limit, q->offset);
}

/* GET /api/v1/period-locks/{id} */
void api_period_locks_get(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *out = NULL;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_period_locks_get(db, id, &out);
	if (rc != DB_OK)
		api_db_error(r, rc, "period lock");
	else
		reply_json(r, 200, out);
}

struct lock_delete {
	struct req *r;
	int64_t id;
};

static enum db_rc lock_delete_tx(struct db *db, void *ctx)
{
	struct lock_delete *w = ctx;
	json_t *before = NULL;
	enum db_rc rc = db_period_locks_get(db, w->id, &before);
	if (rc == DB_OK)
		rc = db_period_locks_delete(db, w->id);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "period_lock", w->id, before, NULL);
	json_decref(before);
	return rc;
}

/* DELETE /api/v1/period-locks/{id} (admin): unlocks, audited. */
void api_period_locks_delete(struct req *r)
{
	struct lock_delete w = {.r = r};
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_write(db, lock_delete_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "period lock");
	else
		reply_json(r, 204, NULL);
}
