/*
 * /api/v1/goals — the goal tree and its assessments.
 *
 * Goals form a tree by parent_id (målområde → strategiskt mål → nämndmål → enhetsmål, with
 * kvalitetsmål, uppdrag, kvalitetsgarantier and prioriteringar hanging where the plan puts
 * them) and belong to a unit.  A goal's colour for a period is either decided by a person (a
 * manual assessment, kept as history; the latest for the period counts) or computed from its
 * children: the share of green among the assessed child goals and linked indicators, against
 * the goal's target and yellow shares (assess_share()).  A manual colour wins, and the reply
 * always shows both, with an explain object naming the children that decided the computed one.
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
#include "folja/resource.h"

static const char *const levels[] = {"malomrade", "strategiskt_mal", "namndmal", "enhetsmal",
				     "kvalitetsmal", "uppdrag", "kvalitetsgaranti", "prioritering",
				     NULL};

bool goals_period_or_reply(struct req *r, const char *field, const char *s, struct period *p)
{
	if (s && period_parse(s, p))
		return false;
	const char *why = s ? period_error(s) : "is required, e.g. 2021, 2021-04, 2021-T1";
	json_t *errors = NULL;
	problem_field(&errors, field, "%s", why);
	reply_problem(r, 400, "invalid_period", errors, "%s: %s", field, why);
	return true;
}

/* ---------------------------------------------------------------------------- CRUD */

struct goal_body {
	struct goal_in in;
	json_t *agenda;        /* borrowed from the body */
	char agenda_buf[128];  /* in.agenda2030 points here: the SDG list as JSON text */
};

static const struct in_field goal_spec[] = {
	{"parent_id", IN_INT, offsetof(struct goal_body, in.parent_id), IN_NULLABLE, 1, INT64_MAX,
	 NULL},
	{"level", IN_ENUM, offsetof(struct goal_body, in.level), IN_REQUIRED, 0, 0, levels},
	{"title", IN_TEXT, offsetof(struct goal_body, in.title), IN_REQUIRED, 0, 2000, NULL},
	{"description", IN_TEXT, offsetof(struct goal_body, in.description), IN_NULLABLE, 0, 0,
	 NULL},
	{"unit_id", IN_INT, offsetof(struct goal_body, in.unit_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"year_from", IN_INT, offsetof(struct goal_body, in.year_from), IN_NULLABLE, 1900, 2200,
	 NULL},
	{"year_to", IN_INT, offsetof(struct goal_body, in.year_to), IN_NULLABLE, 1900, 2200, NULL},
	{"target_share", IN_INT, offsetof(struct goal_body, in.target_share), 0, 0, 100, NULL},
	{"yellow_share", IN_INT, offsetof(struct goal_body, in.yellow_share), 0, 0, 100, NULL},
	{"agenda2030", IN_JSON, offsetof(struct goal_body, agenda), IN_NULLABLE, 0, 0, NULL},
	{"sort", IN_INT, offsetof(struct goal_body, in.sort), IN_NULLABLE, -1000000, 1000000, NULL},
	{"id", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"version", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"created_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{"updated_at", IN_IGNORE, 0, 0, 0, 0, NULL},
	{0}
};

/* Checks what the spec cannot and fills defaults, writing the SDG list into b->agenda_buf.
 * Replies 422 naming every bad field. */
static bool goal_rules_or_reply(struct req *r, void *input)
{
	struct goal_body *b = input;
	char *agenda_buf = b->agenda_buf;
	const size_t cap = sizeof b->agenda_buf;
	json_t *errors = NULL;
	struct goal_in *in = &b->in;
	if (in->target_share == IN_NULL)
		in->target_share = 100;
	if (in->yellow_share == IN_NULL)
		in->yellow_share = 50;
	if (in->yellow_share > in->target_share)
		problem_field(&errors, "yellow_share", "must not exceed target_share (%lld)",
			      (long long)in->target_share);
	if (in->year_from != IN_NULL && in->year_to != IN_NULL && in->year_to < in->year_from)
		problem_field(&errors, "year_to", "must not be before year_from");
	size_t len = 0, i;
	json_t *v;
	agenda_buf[len++] = '[';
	if (b->agenda && !json_is_array(b->agenda)) {
		problem_field(&errors, "agenda2030", "must be an array of goal numbers 1-17");
	} else if (b->agenda) {
		unsigned seen = 0;
		json_array_foreach(b->agenda, i, v) {
			json_int_t n = json_integer_value(v);
			if (!json_is_integer(v) || n < 1 || n > 17) {
				problem_field(&errors, "agenda2030", "item %zu must be a goal number "
					      "from 1 to 17", i);
				break;
			}
			if (seen & (1u << n)) {
				problem_field(&errors, "agenda2030", "goal %lld is listed twice",
					      (long long)n);
				break;
			}
			seen |= 1u << n;
			len += (size_t)snprintf(agenda_buf + len, cap - len, "%s%lld",
						i ? "," : "", (long long)n);
		}
	}
	snprintf(agenda_buf + len, cap - len, "]");
	in->agenda2030 = agenda_buf;
	if (errors) {
		reply_problem(r, 422, "invalid_input", errors, "%zu field%s not valid",
			      json_array_size(errors), json_array_size(errors) == 1 ? " is" : "s are");
		return true;
	}
	return false;
}

/* GET /api/v1/goals[?parent_id=|null&level=&unit_id=&year=&limit=&offset=] */
void api_goals_list(struct req *r)
{
	struct goal_filter f = {.parent_id = IN_NULL, .unit_id = IN_NULL, .year = IN_NULL};
	int64_t limit, offset, total = 0;
	struct db *db;
	const char *parent = req_query(r, "parent_id");
	if (parent && strcmp(parent, "null") == 0)
		f.parent_id = 0;
	else if (req_query_int_or_reply(r, "parent_id", 1, INT64_MAX, &f.parent_id))
		return;
	if (req_paging_or_reply(r, &limit, &offset) ||
	    req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, &f.unit_id) ||
	    req_query_int_or_reply(r, "year", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &f.year))
		return;
	f.level = req_query(r, "level");
	if (f.level) {
		bool ok = false;
		for (const char *const *l = levels; *l; l++)
			ok |= strcmp(*l, f.level) == 0;
		if (!ok) {
			reply_problem(r, 400, "invalid_query", NULL, "level must be one of the goal "
				      "levels (malomrade, strategiskt_mal, namndmal, ...)");
			return;
		}
	}
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_goals_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "goal");
		return;
	}
	/* agenda2030 is a list; CSV cells hold it as "3 5 8" */
	if (req_wants_csv(r)) {
		size_t i;
		json_t *g;
		json_array_foreach(items, i, g) {
			char buf[64] = "";
			size_t j, len = 0;
			json_t *n;
			json_array_foreach(json_object_get(g, "agenda2030"), j, n)
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%lld",
							j ? " " : "", (long long)json_integer_value(n));
			json_object_set_new(g, "agenda2030", json_string(buf));
		}
	}
	reply_list(r, items, total, limit, offset);
}

/* The parent and the unit must exist, and a goal cannot move under itself or its
 * descendants. */
static enum db_rc goal_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	const struct goal_in *in = &((const struct goal_body *)input)->in;
	json_t *row = NULL;
	enum db_rc rc = DB_OK;
	bool cycle = false;
	if (in->parent_id != IN_NULL) {
		rc = db_goals_get(db, in->parent_id, &row);
		json_decref(row);
		row = NULL;
		if (rc == DB_NOT_FOUND)
			return resource_refuse(err, "unknown_reference", "parent_id",
					       "names no goal");
	}
	if (rc == DB_OK && in->unit_id != IN_NULL) {
		rc = db_units_get(db, in->unit_id, &row);
		json_decref(row);
		if (rc == DB_NOT_FOUND)
			return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	}
	if (rc == DB_OK && id > 0 && in->parent_id != IN_NULL)
		rc = db_goals_is_ancestor(db, id, in->parent_id, &cycle);
	if (rc == DB_OK && cycle)
		return resource_refuse(err, "cycle", "parent_id",
				       "is the goal itself or one of its descendants");
	return rc;
}

static enum db_rc goal_insert(struct db *db, const void *input, int64_t *id)
{
	return db_goals_insert(db, &((const struct goal_body *)input)->in, id);
}

static enum db_rc goal_update(struct db *db, int64_t id, int64_t version, const void *input)
{
	return db_goals_update(db, id, version, &((const struct goal_body *)input)->in);
}

const struct resource folja_goals = {
	.entity = "goal",
	.collection = "/api/v1/goals",
	.spec = goal_spec,
	.in_size = sizeof(struct goal_body),
	.rules_or_reply = goal_rules_or_reply,
	.check = goal_check,
	.get = db_goals_get,
	.insert = goal_insert,
	.update = goal_update,
	.remove = db_goals_delete,
	.referenced_detail = "the goal still has sub-goals, indicators or assessments; move or "
			     "delete those first",
};

/* ------------------------------------------------------------------- assessments */

static const char *const statuses_goal[] = {"helt", "i_hog_grad", "delvis", "ej", "ej_bedomd",
					    NULL};
static const char *const statuses_uppdrag[] = {"ej_paborjad", "paborjad", "fardig", NULL};
static const char *const statuses_garanti[] = {"uppfylld", "ej_uppfylld", NULL};

/* The colour a status stands for when the assessor gives none (NULL: not assessed). */
static const char *status_color(const char *status)
{
	static const char *const map[][2] = {
		{"helt", "gron"}, {"i_hog_grad", "gul"}, {"delvis", "gul"}, {"ej", "rod"},
		{"fardig", "gron"}, {"paborjad", "gul"}, {"ej_paborjad", "rod"},
		{"uppfylld", "gron"}, {"ej_uppfylld", "rod"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], status) == 0)
			return map[i][1];
	return NULL;
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

struct assessment_body {
	struct goal_assessment_in in;
};

static const struct in_field assessment_spec[] = {
	{"period", IN_STRING, offsetof(struct assessment_body, in.period), IN_REQUIRED, 0, 16, NULL},
	{"status", IN_STRING, offsetof(struct assessment_body, in.status), IN_REQUIRED, 0, 32, NULL},
	{"color", IN_STRING, offsetof(struct assessment_body, in.color), IN_NULLABLE, 0, 8, NULL},
	{"comment", IN_TEXT, offsetof(struct assessment_body, in.comment), IN_NULLABLE, 0, 0, NULL},
	{0}
};

struct assess_write {
	struct req *r;
	int64_t goal_id;
	struct goal_assessment_in in;
	json_t *out;
};

static enum db_rc assess_tx(struct db *db, void *ctx)
{
	struct assess_write *w = ctx;
	enum db_rc rc = db_goals_assess(db, w->goal_id, &w->in, w->r->caller.name, &w->out);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "goal_assessment",
			       json_integer_value(json_object_get(w->out, "id")), NULL, w->out);
	return rc;
}

/* POST /api/v1/goals/{id}/assessments {period, status, color?, comment} */
void api_goals_assessments_create(struct req *r)
{
	struct assess_write w = {.r = r};
	struct assessment_body b;
	struct period p;
	json_t *body = NULL, *goal = NULL, *errors = NULL;
	struct db *db;
	enum color c;
	if (req_id_or_reply(r, 0, &w.goal_id) || req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, assessment_spec, &b) ||
	    goals_period_or_reply(r, "period", b.in.period, &p) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_goals_get(db, w.goal_id, &goal);
	if (rc != DB_OK) {
		api_db_error(r, rc, "goal");
		goto cleanup;
	}
	const char *level = json_string_value(json_object_get(goal, "level"));
	const char *const *allowed = strcmp(level, "uppdrag") == 0 ? statuses_uppdrag
		: strcmp(level, "kvalitetsgaranti") == 0 ? statuses_garanti : statuses_goal;
	if (!in_list(b.in.status, allowed)) {
		char buf[160] = "";
		size_t len = 0;
		for (const char *const *s = allowed; *s; s++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
						s == allowed ? "" : ", ", *s);
		problem_field(&errors, "status", "for a goal of level %s must be one of: %s", level,
			      buf);
	}
	if (b.in.color && !color_parse(b.in.color, &c))
		problem_field(&errors, "color", "must be one of: gron, gul, rod");
	else if (b.in.color && strcmp(b.in.status, "ej_bedomd") == 0)
		problem_field(&errors, "color", "must be null when the goal is not assessed "
			      "(ej_bedomd)");
	if (errors) {
		reply_problem(r, 422, "invalid_input", errors, "the assessment is not valid");
		goto cleanup;
	}
	w.in = b.in;
	if (!w.in.color)
		w.in.color = status_color(w.in.status);
	rc = db_write(db, assess_tx, &w);
	if (rc != DB_OK) {
		api_db_error(r, rc, "goal");
		goto cleanup;
	}
	reply_json(r, 201, w.out);
cleanup:
	json_decref(goal);
	json_decref(body);
}

/* GET /api/v1/goals/{id}/assessments[?period=] — the manual assessments, newest first. */
void api_goals_assessments_list(struct req *r)
{
	int64_t id;
	struct db *db;
	struct period p;
	json_t *goal = NULL;
	const char *period = req_query(r, "period");
	if (req_id_or_reply(r, 0, &id) ||
	    (period && goals_period_or_reply(r, "period", period, &p)) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_goals_get(db, id, &goal);
	json_decref(goal);
	json_t *items = json_array();
	if (rc == DB_OK)
		rc = db_goals_assessments(db, id, period, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "goal");
		return;
	}
	size_t n = json_array_size(items);
	reply_list(r, items, (int64_t)n, (int64_t)n, 0);
}

/* ------------------------------------------------------------------- computation */

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
	enum db_rc rc = db_goals_all(db, IN_NULL, t->period, t->goals);
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

static double num_or_nan(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* The assessment of an indicator of the tree for the tree's period (new reference). */
static json_t *indicator_colour(const json_t *ind)
{
	return api_indicator_assessment(ind, json_is_true(json_object_get(ind, "has_value")),
					num_or_nan(json_object_get(ind, "value")),
					num_or_nan(json_object_get(ind, "value_target")),
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
	struct period p;
	struct db *db;
	struct gtree t;
	if (req_id_or_reply(r, 0, &id) ||
	    goals_period_or_reply(r, "period", req_query(r, "period"), &p) ||
	    api_db_or_reply(r, &db) || gtree_or_reply(r, db, p, &t))
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
	int64_t id, year = IN_NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &id) ||
	    req_query_int_or_reply(r, "year", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &year))
		return;
	if (year == IN_NULL) {
		reply_problem(r, 400, "invalid_query", NULL, "year is required, e.g. ?year=2021");
		return;
	}
	if (api_db_or_reply(r, &db))
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
		double tv = num_or_nan(json_object_get(c, "value_target"));
		if (isnan(tv))
			tv = num_or_nan(json_object_get(c, "target"));
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
void api_goals_tree(struct req *r)
{
	struct period p;
	int64_t unit_id = IN_NULL;
	struct db *db;
	struct gtree t;
	json_t *units = NULL, *in_scope = json_object();
	if (goals_period_or_reply(r, "period", req_query(r, "period"), &p) ||
	    req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, &unit_id) ||
	    api_db_or_reply(r, &db))
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
