/*
 * /api/v1/goals/tree, /api/v1/goals/{id}/assessment and /months — the computed colours.
 *
 * A goal's colour for a period is either decided by a person (goals_assessments.c) or
 * computed from its children: the share of green among the assessed child goals and linked
 * indicators, against the goal's target and yellow shares (assess_share()).  A manual colour
 * wins, and the reply always shows both, with an explain object naming the children that
 * decided the computed one.
 *
 * Computations read the whole goal table and the linked indicators' values for the period once
 * per request and walk the tree in memory, memoising each goal's result; a municipality's plan
 * holds a few hundred goals at most.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/assess.h"
#include "folja/color.h"
#include "folja/db_goals.h"
#include "folja/db_indicators.h"
#include "folja/db_units.h"
#include "folja/input.h"

/* The goal tree of one period, loaded once and walked in memory. */
struct gtree {
	json_t *goals;     /* owned: every goal, each with "manual" */
	json_t *inds;      /* owned: every linked indicator with its value of the period */
	json_t *by_id;     /* owned: "id" → goal (borrowed refs held by the object) */
	json_t *kids;      /* owned: "id" → [child goals] */
	json_t *kid_inds;  /* owned: "goal id" → [indicators] */
	json_t *memo;      /* owned: "id" → assessment */
	int year;
	char period[PERIOD_BUF];
};

static void key_of(json_int_t id, char key[24])
{
	snprintf(key, 24, "%lld", (long long)id);
}

static void push(json_t *map, json_int_t id, json_t *item)
{
	char key[24];
	key_of(id, key);
	json_t *arr = json_object_get(map, key);
	if (!arr) {
		arr = json_array();
		json_object_set_new(map, key, arr);
	}
	json_array_append(arr, item);
}

static void gtree_free(struct gtree *t)
{
	json_decref(t->goals);
	json_decref(t->inds);
	json_decref(t->by_id);
	json_decref(t->kids);
	json_decref(t->kid_inds);
	json_decref(t->memo);
	memset(t, 0, sizeof *t);
}

static enum db_rc gtree_load(struct db *db, struct period p, struct gtree *t)
{
	memset(t, 0, sizeof *t);
	period_format(p, t->period);
	t->year = p.year;
	t->goals = json_array();
	t->inds = json_array();
	t->by_id = json_object();
	t->kids = json_object();
	t->kid_inds = json_object();
	t->memo = json_object();
	enum db_rc rc = db_goals_all(db, t->period, t->goals);
	if (rc == DB_OK)
		rc = db_indicators_linked(db, t->period, t->inds);
	if (rc != DB_OK)
		return rc;
	size_t i;
	json_t *g;
	json_array_foreach(t->goals, i, g) {
		char key[24];
		key_of(json_integer_value(json_object_get(g, "id")), key);
		json_object_set(t->by_id, key, g);
		json_t *parent = json_object_get(g, "parent_id");
		if (json_is_integer(parent))
			push(t->kids, json_integer_value(parent), g);
	}
	json_array_foreach(t->inds, i, g)
		push(t->kid_inds, json_integer_value(json_object_get(g, "goal_id")), g);
	return DB_OK;
}

static bool valid_in(const json_t *g, int year)
{
	json_t *from = json_object_get(g, "year_from"), *to = json_object_get(g, "year_to");
	return (!json_is_integer(from) || json_integer_value(from) <= year) &&
	       (!json_is_integer(to) || json_integer_value(to) >= year);
}

/* The assessment of an indicator of the tree for the tree's period (new reference). */
static json_t *indicator_colour(const json_t *ind)
{
	return api_indicator_assessment(ind, json_is_true(json_object_get(ind, "has_value")),
					api_num_or_nan(json_object_get(ind, "value")),
					api_num_or_nan(json_object_get(ind, "value_target")),
					json_string_value(json_object_get(ind, "null_reason")));
}

static json_t *goal_assessment(struct gtree *t, json_t *g, int depth);

/* The computed part: the share rule over the goal's children. */
static json_t *computed_part(struct gtree *t, json_t *g, int depth)
{
	char key[24];
	json_int_t id = json_integer_value(json_object_get(g, "id"));
	key_of(id, key);
	int target = (int)json_integer_value(json_object_get(g, "target_share"));
	int yellow = (int)json_integer_value(json_object_get(g, "yellow_share"));
	json_t *decided = json_array(), *unassessed = json_array();
	int green = 0, assessed = 0;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(t->kids, key), i, c) {
		if (!valid_in(c, t->year))
			continue;
		json_t *a = goal_assessment(t, c, depth + 1);
		json_t *color = json_object_get(a, "color");
		json_t *row = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?}", "type", "goal", "id",
					json_object_get(c, "id"), "title",
					json_object_get(c, "title"), "color", color, "source",
					json_object_get(a, "source"));
		if (json_is_string(color)) {
			assessed++;
			green += strcmp(json_string_value(color), "gron") == 0;
			json_array_append_new(decided, row);
		} else {
			json_object_set_new(row, "reason", json_string("no assessment for the period"));
			json_array_append_new(unassessed, row);
		}
	}
	json_array_foreach(json_object_get(t->kid_inds, key), i, c) {
		json_t *a = indicator_colour(c);
		json_t *color = json_object_get(a, "color");
		json_t *row = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?}", "type", "indicator", "id",
					json_object_get(c, "id"), "title", json_object_get(c, "name"),
					"color", color, "value", json_object_get(c, "value"));
		if (json_is_string(color)) {
			assessed++;
			green += strcmp(json_string_value(color), "gron") == 0;
			json_array_append_new(decided, row);
		} else {
			json_object_set(row, "reason", json_object_get(json_object_get(a, "explain"),
								      "text"));
			json_array_append_new(unassessed, row);
		}
		json_decref(a);
	}
	struct assess_share s;
	json_t *explain = json_pack("{s:s, s:{s:i, s:i}, s:o, s:o}",
		"rule", "share of green among the assessed children (child goals and linked "
		"indicators): gron when share >= target_share, gul when share >= yellow_share, "
		"rod otherwise",
		"thresholds", "target_share", target, "yellow_share", yellow,
		"children", decided, "not_assessed", unassessed);
	json_t *out;
	char text[256];
	if (!assess_share(green, assessed, target, yellow, &s)) {
		snprintf(text, sizeof text, "no child is assessed for %s, so nothing to compute",
			 t->period);
		json_object_set_new(explain, "text", json_string(text));
		json_object_set_new(explain, "next_better", json_null());
		return json_pack("{s:n, s:n, s:i, s:i, s:o}", "color", "share", "green", 0,
				 "assessed", 0, "explain", explain);
	}
	double share = round(s.share * 10) / 10;
	json_object_set_new(explain, "inputs", json_pack("{s:i, s:i, s:f}", "green", green,
							  "assessed", assessed, "share", share));
	snprintf(text, sizeof text, "%d of %d assessed children green = %g %% against %d %% "
		 "(yellow from %d %%) gives %s", green, assessed, share, target, yellow,
		 color_name(s.color));
	json_object_set_new(explain, "text", json_string(text));
	if (s.has_next) {
		char next[160];
		snprintf(next, sizeof next, "%d more green child%s would make it %s", s.more_green,
			 s.more_green == 1 ? "" : "ren", color_name(s.next_color));
		json_object_set_new(explain, "next_better", json_pack("{s:s, s:i, s:s}", "color",
			color_name(s.next_color), "more_green", s.more_green, "text", next));
	} else {
		json_object_set_new(explain, "next_better", json_null());
	}
	out = json_pack("{s:s, s:f, s:i, s:i, s:o}", "color", color_name(s.color), "share", share,
			"green", green, "assessed", assessed, "explain", explain);
	return out;
}

/* The goal's assessment for the tree's period, memoised; borrowed from t->memo. */
static json_t *goal_assessment(struct gtree *t, json_t *g, int depth)
{
	char key[24];
	json_int_t id = json_integer_value(json_object_get(g, "id"));
	key_of(id, key);
	json_t *done = json_object_get(t->memo, key);
	if (done)
		return done;
	json_t *computed = depth < 64 ? computed_part(t, g, depth)
		: json_pack("{s:n, s:n, s:i, s:i, s:{s:s}}", "color", "share", "green", 0,
			    "assessed", 0, "explain", "text", "the tree is too deep");
	json_t *m = json_object_get(g, "manual");
	json_t *manual = json_null();
	const char *color = json_string_value(json_object_get(computed, "color"));
	const char *source = "computed";
	if (json_is_object(m)) {
		manual = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "id", json_object_get(m, "id"),
				   "status", json_object_get(m, "status"), "color",
				   json_object_get(m, "color"), "comment",
				   json_object_get(m, "comment"), "created_by",
				   json_object_get(m, "created_by"), "created_at",
				   json_object_get(m, "created_at"));
		/* a manual assessment without a colour (ej_bedomd) decides nothing */
		if (json_is_string(json_object_get(m, "color"))) {
			color = json_string_value(json_object_get(m, "color"));
			source = "manual";
		}
	}
	json_t *a = json_pack("{s:I, s:s, s:s?, s:s, s:o, s:o}", "goal_id", (json_int_t)id,
			      "period", t->period, "color", color, "source", source, "computed",
			      computed, "manual", manual);
	json_object_set_new(t->memo, key, a);
	return a;
}

/* Loads the tree of @p p; replies on failure. */
static bool gtree_or_reply(struct req *r, struct db *db, struct period p, struct gtree *t)
{
	enum db_rc rc = gtree_load(db, p, t);
	if (rc != DB_OK) {
		gtree_free(t);
		api_db_error(r, rc, "goal");
		return true;
	}
	return false;
}

static json_t *tree_goal(struct gtree *t, json_int_t id)
{
	char key[24];
	key_of(id, key);
	return json_object_get(t->by_id, key);
}

/* GET /api/v1/goals/{id}/assessment?period= */
void api_goals_assessment(struct req *r)
{
	int64_t id;
	struct period p = REQ_QUERY(r, struct period_params)->period;
	struct db *db;
	struct gtree t;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db) || gtree_or_reply(r, db, p, &t))
		return;
	json_t *g = tree_goal(&t, id);
	if (!g)
		reply_problem(r, 404, "not_found", NULL, "no such goal");
	else
		reply_json(r, 200, json_incref(goal_assessment(&t, g, 0)));
	gtree_free(&t);
}

/* GET /api/v1/goals/{id}/months?year= — the month-by-month colour row. */
void api_goals_months(struct req *r)
{
	int64_t id, year = REQ_QUERY(r, struct year_params)->year;
	struct db *db;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	json_t *months = json_array();
	for (int m = 1; m <= 12; m++) {
		struct period p = {PERIOD_MONTH, (int)year, m};
		struct gtree t;
		if (gtree_or_reply(r, db, p, &t)) {
			json_decref(months);
			return;
		}
		json_t *g = tree_goal(&t, id);
		if (!g) {
			gtree_free(&t);
			json_decref(months);
			reply_problem(r, 404, "not_found", NULL, "no such goal");
			return;
		}
		json_t *a = goal_assessment(&t, g, 0);
		json_array_append_new(months, json_pack("{s:s, s:i, s:O?, s:O?, s:O?}", "period",
			t.period, "month", m, "color", json_object_get(a, "color"), "source",
			json_object_get(a, "source"), "explain",
			json_object_get(json_object_get(a, "computed"), "explain")));
		gtree_free(&t);
	}
	reply_json(r, 200, json_pack("{s:I, s:I, s:o}", "goal_id", (json_int_t)id, "year",
				     (json_int_t)year, "months", months));
}

/* The node of goal @p g with its assessment, indicators and children. */
static json_t *tree_node(struct gtree *t, json_t *g, int depth)
{
	char key[24];
	key_of(json_integer_value(json_object_get(g, "id")), key);
	json_t *node = json_deep_copy(g);
	json_object_del(node, "manual");
	json_object_set(node, "assessment", goal_assessment(t, g, 0));
	json_t *inds = json_array(), *children = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(t->kid_inds, key), i, c) {
		json_t *row = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "id",
					json_object_get(c, "id"), "name", json_object_get(c, "name"),
					"measure_unit", json_object_get(c, "measure_unit"),
					"direction", json_object_get(c, "direction"), "value",
					json_object_get(c, "value"), "null_reason",
					json_object_get(c, "null_reason"));
		double tv = api_num_or_nan(json_object_get(c, "value_target"));
		if (isnan(tv))
			tv = api_num_or_nan(json_object_get(c, "target"));
		json_object_set_new(row, "target", isnan(tv) ? json_null() : json_real(tv));
		json_object_set_new(row, "assessment", indicator_colour(c));
		json_array_append_new(inds, row);
	}
	if (depth < 64)
		json_array_foreach(json_object_get(t->kids, key), i, c)
			if (valid_in(c, t->year))
				json_array_append_new(children, tree_node(t, c, depth + 1));
	json_object_set_new(node, "indicators", inds);
	json_object_set_new(node, "children", children);
	return node;
}

/* GET /api/v1/goals/tree?period=&unit_id= — every goal valid in the period's year (of the
 * unit's subtree when unit_id is given) nested under its parent, each with its assessment. */
const struct query_spec api_goals_tree_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct period_unit_params, period), Q_REQUIRED, 0, 0,
		 0, NULL, "2021, 2021-04, 2021-T1"},
		Q_ID("unit_id", struct period_unit_params, unit_id),
		{0}},
	sizeof(struct period_unit_params), FORMAT_JSON,
};

void api_goals_tree(struct req *r)
{
	const struct period_unit_params *q = REQ_QUERY(r, struct period_unit_params);
	struct period p = q->period;
	int64_t unit_id = q->unit_id;
	struct db *db;
	struct gtree t;
	json_t *units = NULL, *in_scope = json_object();
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, unit_id))
		goto cleanup;
	if (unit_id != IN_NULL) {
		units = json_array();
		enum db_rc rc = db_units_subtree(db, unit_id, units);
		if (rc == DB_OK && json_array_size(units) == 0)
			rc = DB_NOT_FOUND;
		if (rc != DB_OK) {
			api_db_error(r, rc, "unit");
			goto cleanup;
		}
	}
	if (gtree_or_reply(r, db, p, &t))
		goto cleanup;
	size_t i;
	json_t *g, *u;
	json_t *unit_set = json_object();
	json_array_foreach(units, i, u) {
		char key[24];
		key_of(json_integer_value(json_object_get(u, "id")), key);
		json_object_set_new(unit_set, key, json_true());
	}
	/* the goals in scope: valid in the year and (when asked) owned by a unit of the subtree */
	json_array_foreach(t.goals, i, g) {
		char key[24], ukey[24];
		if (!valid_in(g, t.year))
			continue;
		if (units) {
			json_t *uid = json_object_get(g, "unit_id");
			if (!json_is_integer(uid))
				continue;
			key_of(json_integer_value(uid), ukey);
			if (!json_object_get(unit_set, ukey))
				continue;
		}
		key_of(json_integer_value(json_object_get(g, "id")), key);
		json_object_set_new(in_scope, key, json_true());
	}
	json_t *roots = json_array();
	json_array_foreach(t.goals, i, g) {
		char key[24], pkey[24];
		key_of(json_integer_value(json_object_get(g, "id")), key);
		if (!json_object_get(in_scope, key))
			continue;
		json_t *parent = json_object_get(g, "parent_id");
		if (json_is_integer(parent)) {
			key_of(json_integer_value(parent), pkey);
			if (json_object_get(in_scope, pkey))
				continue;   /* shown under its parent */
		}
		json_array_append_new(roots, tree_node(&t, g, 0));
	}
	json_decref(unit_set);
	json_t *reply = json_pack("{s:s, s:o}", "period", t.period, "goals", roots);
	json_object_set_new(reply, "unit_id", unit_id == IN_NULL ? json_null()
				: json_integer(unit_id));
	gtree_free(&t);
	reply_json(r, 200, reply);
cleanup:
	json_decref(units);
	json_decref(in_scope);
}
