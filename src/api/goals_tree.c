/*
 * /api/v1/goals/tree, /api/v1/goals/{id}/assessment and /months — the computed colours.
 *
 * A goal's colour for a period is either decided by a person (goals_assessments.c) or
 * computed from its children: the share of green among the assessed child goals and linked
 * indicators, against the goal's target and yellow shares.  A manual colour wins, and the
 * reply always shows both, with an explain object naming the children that decided the
 * computed one.
 *
 * Each request loads the goal tree of the period once as plain structs (db_goals_load), lets
 * folja/goals.h compute over it (each goal once), and renders the JSON here: the goal as
 * stored, its assessment with the explain objects, its indicators and its children.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/color.h"
#include "folja/db_goals.h"
#include "folja/db_units.h"
#include "folja/goals.h"
#include "folja/input.h"

#include "indicators.h"

/* The goal tree of one period: the loaded set and the index computed over it. */
struct gview {
	struct goal_set set;     /* owned */
	struct goal_tree tree;   /* owned; borrows set's arrays */
	char period[PERIOD_BUF];
};

static void gview_free(struct gview *v)
{
	goal_tree_free(&v->tree);
	db_goal_set_free(&v->set);
}

/* Loads and indexes the tree of @p p into @p v (left empty on failure). */
static enum db_rc gview_load(struct db *db, struct period p, struct gview *v)
{
	memset(v, 0, sizeof *v);
	period_format(p, v->period);
	enum db_rc rc = db_goals_load(db, v->period, &v->set);
	if (rc != DB_OK)
		return rc;
	if (!goal_tree_build(&v->tree, v->set.goals, v->set.ngoals, v->set.inds, v->set.ninds,
			     p.year)) {
		db_goal_set_free(&v->set);
		return DB_NOMEM;
	}
	return DB_OK;
}

/* Loads and indexes the tree of @p p into @p v; replies (and leaves @p v empty) on failure. */
static bool gview_or_reply(struct req *r, struct db *db, struct period p, struct gview *v)
{
	enum db_rc rc = gview_load(db, p, v);
	if (rc != DB_OK)
		api_db_error(r, rc, "goal");
	return rc != DB_OK;
}

/* The index of goal @p id in the tree; replies 404 when there is none. */
static bool goal_or_reply(struct req *r, const struct gview *v, int64_t id, size_t *g)
{
	if (goal_tree_find(&v->tree, id, g))
		return false;
	reply_problem(r, 404, "not_found", NULL, "no such goal");
	return true;
}

static json_t *int_or_null(int64_t v)
{
	return v == GOAL_NULL ? json_null() : json_integer(v);
}

static json_t *color_or_null(bool has, enum color c)
{
	return has ? json_string(color_name(c)) : json_null();
}

/* Sets @p key of @p obj to @p value (stolen); false when either is NULL. */
static bool put(json_t *obj, const char *key, json_t *value)
{
	if (!obj) {
		json_decref(value);
		return false;
	}
	return json_object_set_new(obj, key, value) == 0;
}

/* Appends @p item (stolen) to @p arr; false when either is NULL. */
static bool push(json_t *arr, json_t *item)
{
	return json_array_append_new(arr, item) == 0;
}

/* ------------------------------------------------------------------ the assessment */

static const char share_rule[] =
	"share of green among the assessed children (child goals and linked indicators): gron "
	"when share >= target_share, gul when share >= yellow_share, rod otherwise";

/* One row of the explain's children or not_assessed. */
static json_t *child_json(const struct gview *v, const struct goal_child *c)
{
	json_t *row;
	if (c->is_indicator) {
		const struct goal_indicator *gi = &v->set.inds[c->index];
		row = json_pack("{s:s, s:I, s:s, s:o, s:o}", "type", "indicator", "id",
				(json_int_t)gi->ind.id, "title", gi->ind.name, "color",
				color_or_null(c->has_color, c->color), "value",
				api_real_or_null(gi->reading.value));
		if (row && !c->has_color &&
		    !put(row, "reason", api_indicator_text(goal_tree_indicator(&v->tree,
									c->index))))
			goto fail;
	} else {
		const struct goal *g = &v->set.goals[c->index];
		row = json_pack("{s:s, s:I, s:s, s:o, s:s}", "type", "goal", "id",
				(json_int_t)g->id, "title", g->title, "color",
				color_or_null(c->has_color, c->color), "source",
				c->source == GOAL_SOURCE_MANUAL ? "manual" : "computed");
		if (row && !c->has_color &&
		    !put(row, "reason", json_string("no assessment for the period")))
			goto fail;
	}
	return row;
fail:
	json_decref(row);
	return NULL;
}

/* The explain object's rule, thresholds and the children split into those that decided the
 * colour and those not assessed. */
static json_t *explain_base(const struct gview *v, size_t g)
{
	const struct goal *goal = &v->set.goals[g];
	json_t *decided = json_array(), *unassessed = json_array();
	struct goal_child c;
	size_t cursor = 0;
	bool ok = decided && unassessed;
	while (ok && goal_tree_next_child(&v->tree, g, &cursor, &c))
		ok = push(c.has_color ? decided : unassessed, child_json(v, &c));
	if (!ok) {
		json_decref(decided);
		json_decref(unassessed);
		return NULL;
	}
	return json_pack("{s:s, s:{s:i, s:i}, s:o, s:o}", "rule", share_rule, "thresholds",
			 "target_share", goal->target_share, "yellow_share", goal->yellow_share,
			 "children", decided, "not_assessed", unassessed);
}

/* The share as shown: percent to one decimal. */
static double share_shown(const struct assess_share *s)
{
	return round(s->share * 10) / 10;
}

/* The explain of a share-rule result: inputs, text and the next better colour. */
static bool explain_share(const struct goal *goal, const struct assess_share *s, json_t *ex)
{
	json_t *next = json_null();
	if (s->has_next)
		next = json_pack("{s:s, s:i, s:o}", "color", color_name(s->next_color),
				 "more_green", s->more_green, "text",
				 json_sprintf("%d more green child%s would make it %s",
					      s->more_green, s->more_green == 1 ? "" : "ren",
					      color_name(s->next_color)));
	return put(ex, "inputs", json_pack("{s:i, s:i, s:f}", "green", s->green, "assessed",
					   s->assessed, "share", share_shown(s))) &&
	       put(ex, "text", json_sprintf("%d of %d assessed children green = %g %% against "
					    "%d %% (yellow from %d %%) gives %s", s->green,
					    s->assessed, share_shown(s), goal->target_share,
					    goal->yellow_share, color_name(s->color))) &&
	       put(ex, "next_better", next);
}

/* The explain object of goal @p g's computed colour (new reference; NULL out of memory). */
static json_t *computed_explain(const struct gview *v, size_t g, const struct goal_result *res)
{
	if (res->rule == GOAL_RULE_TOO_DEEP)
		return json_pack("{s:s}", "text", "the tree is too deep");
	json_t *ex = explain_base(v, g);
	bool ok = res->rule == GOAL_RULE_SHARE
		? explain_share(&v->set.goals[g], &res->share, ex)
		: put(ex, "text", json_sprintf("no child is assessed for %s, so nothing to "
					       "compute", v->period)) &&
		  put(ex, "next_better", json_null());
	if (!ok) {
		json_decref(ex);
		return NULL;
	}
	return ex;
}

/* {color, share, green, assessed, explain}: the computed part of an assessment. */
static json_t *computed_json(const struct gview *v, size_t g, const struct goal_result *res)
{
	json_t *ex = computed_explain(v, g, res);
	const struct assess_share *s = &res->share;
	if (res->rule != GOAL_RULE_SHARE)
		return json_pack("{s:n, s:n, s:i, s:i, s:o}", "color", "share", "green", 0,
				 "assessed", 0, "explain", ex);
	return json_pack("{s:s, s:f, s:i, s:i, s:o}", "color", color_name(s->color), "share",
			 share_shown(s), "green", s->green, "assessed", s->assessed, "explain",
			 ex);
}

static json_t *manual_json(const struct goal *g)
{
	const struct goal_manual *m = &g->manual;
	if (!g->has_manual)
		return json_null();
	return json_pack("{s:I, s:s, s:o, s:s?, s:s?, s:s?}", "id", (json_int_t)m->id, "status",
			 goal_status_name(m->status), "color", color_or_null(m->has_color,
									      m->color),
			 "comment", m->comment, "created_by", m->created_by, "created_at",
			 m->created_at);
}

/* Goal @p g's assessment for the period (new reference; NULL when memory runs out). */
static json_t *assessment_json(struct gview *v, size_t g)
{
	const struct goal_result *res = goal_tree_assess(&v->tree, g);
	return json_pack("{s:I, s:s, s:o, s:s, s:o, s:o}", "goal_id",
			 (json_int_t)v->set.goals[g].id, "period", v->period, "color",
			 color_or_null(res->has_color, res->color), "source",
			 res->source == GOAL_SOURCE_MANUAL ? "manual" : "computed", "computed",
			 computed_json(v, g, res), "manual", manual_json(&v->set.goals[g]));
}

/* The open actions answering goal @p id (origin goal) as at the period's last day, set on
 * @p obj (taken): `actions` and `actions_open`, from src/api/actions_summary.c.  NULL when out
 * of memory or the register cannot be read. */
static json_t *with_open_actions(struct db *db, json_t *obj, int64_t id, struct period p)
{
	if (obj && !api_actions_attach_goal(db, obj, id, period_last_day(p))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* GET /api/v1/goals/{id}/assessment?period= */
void api_goals_assessment(struct req *r)
{
	int64_t id;
	struct period p = REQ_QUERY(r, struct period_params)->period;
	struct db *db;
	struct gview v;
	size_t g;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db) || gview_or_reply(r, db, p, &v))
		return;
	if (!goal_or_reply(r, &v, id, &g))
		reply_json(r, 200, with_open_actions(db, assessment_json(&v, g), id, p));
	gview_free(&v);
}

/* ---------------------------------------------------------------------- month rows */

/* The row of month @p m: the goal's colour in the tree of that month's period. */
static json_t *month_json(struct gview *v, size_t g, int m)
{
	const struct goal_result *res = goal_tree_assess(&v->tree, g);
	return json_pack("{s:s, s:i, s:o, s:s, s:o}", "period", v->period, "month", m, "color",
			 color_or_null(res->has_color, res->color), "source",
			 res->source == GOAL_SOURCE_MANUAL ? "manual" : "computed", "explain",
			 computed_explain(v, g, res));
}

/* The row of goal @p id in month period @p p, from that month's tree; NULL with *rc set
 * (DB_NOT_FOUND for no such goal) when there is none. */
static json_t *month_load(struct db *db, int64_t id, struct period p, enum db_rc *rc)
{
	struct gview v;
	size_t g;
	json_t *row = NULL;
	if ((*rc = gview_load(db, p, &v)) != DB_OK)
		return NULL;
	if (!goal_tree_find(&v.tree, id, &g))
		*rc = DB_NOT_FOUND;
	else if (!(row = month_json(&v, g, p.index)))
		*rc = DB_NOMEM;
	gview_free(&v);
	return row;
}

json_t *api_goals_months_body(struct db *db, const struct goals_months_params *p,
			      const struct api_view *view, enum db_rc *rc)
{
	json_t *months = json_array(), *out = NULL;
	(void)view;
	*rc = months ? DB_OK : DB_NOMEM;
	for (int m = 1; *rc == DB_OK && m <= 12; m++) {
		json_t *row = month_load(db, p->goal_id,
					 (struct period){PERIOD_MONTH, (int)p->year, m}, rc);
		if (row && json_array_append_new(months, row) != 0)
			*rc = DB_NOMEM;
	}
	if (*rc == DB_OK && !(out = json_pack("{s:I, s:I, s:O}", "goal_id",
					      (json_int_t)p->goal_id, "year", (json_int_t)p->year,
					      "months", months)))
		*rc = DB_NOMEM;
	json_decref(months);
	return out;
}

/* Month @p m's rows of goals @p ids (@p n) from one tree, appended to their arrays in @p rows;
 * a goal not in the tree gets a null. */
static enum db_rc months_add(struct db *db, const int64_t *ids, size_t n, int year, int m,
			     json_t *rows)
{
	struct gview v;
	size_t g;
	enum db_rc rc = gview_load(db, (struct period){PERIOD_MONTH, year, m}, &v);
	if (rc != DB_OK)
		return rc;
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		json_t *row = goal_tree_find(&v.tree, ids[i], &g) ? month_json(&v, g, m)
								  : json_null();
		if (!row || json_array_append_new(json_array_get(rows, i), row))
			rc = DB_NOMEM;
	}
	gview_free(&v);
	return rc;
}

json_t *api_goals_months_rows_body(struct db *db, const int64_t *ids, size_t n, int64_t year,
				   const struct api_view *view, enum db_rc *rc)
{
	json_t *rows = json_array();
	(void)view;
	*rc = rows ? DB_OK : DB_NOMEM;
	for (size_t i = 0; *rc == DB_OK && i < n; i++)
		if (json_array_append_new(rows, json_array()))
			*rc = DB_NOMEM;
	/* one tree per month serves every goal asked about */
	for (int m = 1; *rc == DB_OK && m <= 12; m++)
		*rc = months_add(db, ids, n, (int)year, m, rows);
	if (*rc != DB_OK) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

/* GET /api/v1/goals/{id}/months?year= — the month-by-month colour row. */
void api_goals_months(struct req *r)
{
	struct goals_months_params p = {.year = REQ_QUERY(r, struct year_params)->year};
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (req_id_or_reply(r, 0, &p.goal_id) || api_db_or_reply(r, &db))
		return;
	json_t *out = api_goals_months_body(db, &p, &v, &rc);
	if (out)
		reply_json(r, 200, out);
	else if (rc == DB_NOT_FOUND)
		reply_problem(r, 404, "not_found", NULL, "no such goal");
	else
		api_db_error(r, rc, "goal");
}

/* ------------------------------------------------------------------------- the tree */

/* The goal as stored, in the resource's field order. */
static json_t *goal_json(const struct goal *g)
{
	json_t *sdg = json_array();
	for (size_t i = 0; sdg && i < g->nagenda2030; i++)
		if (!push(sdg, json_integer(g->agenda2030[i]))) {
			json_decref(sdg);
			sdg = NULL;
		}
	return json_pack("{s:I, s:o, s:s, s:s, s:s?, s:o, s:o, s:o, s:i, s:i, s:o, s:I, s:I,"
			 " s:s, s:s}", "id", (json_int_t)g->id, "parent_id",
			 int_or_null(g->parent_id), "level", goal_level_name(g->level), "title",
			 g->title, "description", g->description, "unit_id",
			 int_or_null(g->unit_id), "year_from", int_or_null(g->year_from),
			 "year_to", int_or_null(g->year_to), "target_share", g->target_share,
			 "yellow_share", g->yellow_share, "agenda2030", sdg, "sort",
			 (json_int_t)g->sort, "version", (json_int_t)g->version, "created_at",
			 g->created_at, "updated_at", g->updated_at);
}

/* The indicators linked to goal @p g, each with its value, target and assessment. */
static json_t *node_indicators(const struct gview *v, size_t g)
{
	const size_t *ind;
	size_t n = goal_tree_indicators(&v->tree, g, &ind);
	json_t *out = json_array();
	for (size_t k = 0; out && k < n; k++) {
		const struct goal_indicator *gi = &v->set.inds[ind[k]];
		const struct indicator_assessment *a = goal_tree_indicator(&v->tree, ind[k]);
		json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s?, s:o, s:o}", "id",
			(json_int_t)gi->ind.id, "name", gi->ind.name, "measure_unit",
			ind_unit_name(gi->ind.measure_unit), "direction",
			ind_direction_name(gi->ind.direction), "value",
			api_real_or_null(gi->reading.value), "null_reason", gi->reading.null_reason,
			"target", api_real_or_null(a->target), "assessment",
			api_indicator_assessment_json(a));
		if (!push(out, row)) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

/* The node of goal @p g at @p depth with its assessment, indicators and the children valid in
 * the year (down to GOAL_MAX_DEPTH: the recursion is bounded). */
static json_t *tree_node(struct gview *v, size_t g, int depth)
{
	json_t *node = goal_json(&v->set.goals[g]), *children = json_array();
	const size_t *kids;
	size_t n = goal_tree_children(&v->tree, g, &kids);
	bool ok = put(node, "assessment", assessment_json(v, g)) &&
		  put(node, "indicators", node_indicators(v, g)) && children;
	for (size_t k = 0; ok && depth < GOAL_MAX_DEPTH && k < n; k++)
		if (goal_tree_in_year(&v->tree, kids[k]))
			ok = push(children, tree_node(v, kids[k], depth + 1));
	if (!ok || !put(node, "children", children)) {
		json_decref(node);
		json_decref(ok ? NULL : children);
		return NULL;
	}
	return node;
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The ids of the unit subtree of @p unit_id, sorted, into a new array *out (*n of them; the
 * caller frees it).  DB_NOT_FOUND when there is no such unit. */
static enum db_rc units_load(struct db *db, int64_t unit_id, int64_t **out, size_t *n)
{
	json_t *units = json_array();
	enum db_rc rc = units ? db_units_subtree(db, unit_id, units) : DB_NOMEM;
	if (rc == DB_OK && json_array_size(units) == 0)
		rc = DB_NOT_FOUND;
	*n = json_array_size(units);
	*out = rc == DB_OK ? calloc(*n, sizeof **out) : NULL;
	if (rc == DB_OK && !*out)
		rc = DB_NOMEM;
	for (size_t i = 0; rc == DB_OK && i < *n; i++)
		(*out)[i] = json_integer_value(json_object_get(json_array_get(units, i), "id"));
	json_decref(units);
	if (rc == DB_OK)
		qsort(*out, *n, sizeof **out, cmp_int64);
	return rc;
}

/* The reply of /goals/tree: every top goal in scope with its subtree. */
static json_t *tree_json(struct gview *v, const int64_t *units, size_t nunits, int64_t unit_id)
{
	json_t *roots = json_array();
	bool ok = roots != NULL;
	for (size_t g = 0; ok && g < v->set.ngoals; g++)
		if (goal_tree_is_top(&v->tree, g, units, nunits))
			ok = push(roots, tree_node(v, g, 0));
	if (!ok) {
		json_decref(roots);
		return NULL;
	}
	return json_pack("{s:s, s:o, s:o}", "period", v->period, "goals", roots, "unit_id",
			 unit_id == IN_NULL ? json_null() : json_integer(unit_id));
}

/* GET /api/v1/goals/tree?period=&unit_id= — every goal valid in the period's year (of the
 * unit's subtree when unit_id is given) nested under its parent, each with its assessment. */
const struct query_spec api_goals_tree_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct period_unit_params, period), Q_REQUIRED, 0, 0,
		 0, NULL, "2021, 2021-04, 2021-T1"},
		Q_ID("unit_id", struct period_unit_params, unit_id),
		{0}},
	sizeof(struct period_unit_params), FORMAT_JSON | FORMAT_CSV,
};

json_t *api_goals_tree_body(struct db *db, const struct period_unit_params *q,
			    const struct api_view *view, enum db_rc *rc)
{
	struct gview v;
	int64_t *units = NULL;
	size_t nunits = 0;
	json_t *out = NULL;
	(void)view;
	memset(&v, 0, sizeof v);
	*rc = q->unit_id != IN_NULL ? units_load(db, q->unit_id, &units, &nunits) : DB_OK;
	if (*rc == DB_OK)
		*rc = gview_load(db, q->period, &v);
	if (*rc == DB_OK && !(out = tree_json(&v, units, nunits, q->unit_id)))
		*rc = DB_NOMEM;
	gview_free(&v);
	free(units);
	return out;
}

void api_goals_tree(struct req *r)
{
	const struct period_unit_params *q = REQ_QUERY(r, struct period_unit_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, q->unit_id))
		return;
	json_t *out = api_goals_tree_body(db, q, &v, &rc);
	if (out)
		reply_json(r, 200, out);
	else
		api_db_error(r, rc, rc == DB_NOT_FOUND ? "unit" : "goal");
}
