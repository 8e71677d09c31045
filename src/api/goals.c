/*
 * /api/v1/goals — the goal register.
 *
 * Goals form a tree by parent_id (målområde → strategiskt mål → nämndmål → enhetsmål, with
 * kvalitetsmål, uppdrag, kvalitetsgarantier and prioriteringar hanging where the plan puts
 * them) and belong to a unit.  A goal is a versioned resource (src/api/resource.c): this file
 * declares its input, its rules (shares, years, the Agenda 2030 list) and the checks of its
 * parent and unit, and lists goals.  Their colours are in goals_assessments.c (decided by a
 * person) and goals_tree.c (computed from the children).
 */
#include <stdio.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_goals.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"

static const char *const levels[] = {"malomrade", "strategiskt_mal", "namndmal", "enhetsmal",
				     "kvalitetsmal", "uppdrag", "kvalitetsgaranti", "prioritering",
				     NULL};

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
	return input_errors_or_reply(r, errors);
}

struct goals_query {
	int64_t limit, offset;
	struct goal_filter f;
};

const struct query_spec api_goals_list_query = {
	(const struct q_param[]){
		Q_PAGING(struct goals_query),
		{"parent_id", Q_INT, offsetof(struct goals_query, f.parent_id), Q_NULL_ID, 1,
		 INT64_MAX, IN_NULL, NULL, NULL},
		Q_ID("unit_id", struct goals_query, f.unit_id),
		{"year", Q_INT, offsetof(struct goals_query, f.year), 0, PERIOD_YEAR_MIN,
		 PERIOD_YEAR_MAX, IN_NULL, NULL, NULL},
		{"level", Q_ENUM, offsetof(struct goals_query, f.level), 0, 0, 0, 0, levels, NULL},
		{0}},
	sizeof(struct goals_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/goals[?parent_id=|null&level=&unit_id=&year=&limit=&offset=] */
void api_goals_list(struct req *r)
{
	const struct goals_query *q = REQ_QUERY(r, struct goals_query);
	struct goal_filter f = q->f;
	int64_t limit = q->limit, offset = q->offset, total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, f.unit_id))
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

/* The goal (with what lies below it, when it exists) placed under @p parent_id must stay
 * within GOALS_MAX_DEPTH levels of its top goal. */
static enum db_rc depth_check(struct db *db, int64_t id, int64_t parent_id,
			      struct resource_error *err)
{
	int64_t depth = 0, height = 0, unused;
	enum db_rc rc = db_goals_depth(db, parent_id, &depth, NULL);
	if (rc == DB_OK && id > 0)
		rc = db_goals_depth(db, id, &unused, &height);
	if (rc == DB_OK && depth + 1 + height > GOALS_MAX_DEPTH) {
		char message[120];
		snprintf(message, sizeof message, "would put a goal %lld levels below its top "
			 "goal; at most %d are allowed", (long long)(depth + 1 + height),
			 GOALS_MAX_DEPTH);
		return resource_refuse(err, "too_deep", "parent_id", message);
	}
	return rc;
}

/* The parent and the unit must exist, a goal cannot move under itself or its descendants,
 * and the plan stays within GOALS_MAX_DEPTH levels. */
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
	return rc == DB_OK && in->parent_id != IN_NULL ? depth_check(db, id, in->parent_id, err) :
	       rc;
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
