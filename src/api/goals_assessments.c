/*
 * /api/v1/goals/{id}/assessments — the colours a person decides.
 *
 * A manual assessment gives a goal a status for a period (the statuses depend on the goal's
 * level: uppdrag are started or finished, kvalitetsgarantier met or not, other goals met
 * wholly, largely, partly or not) and a colour, derived from the status when the assessor
 * gives none (both rules are folja/goals.h's).  Assessments are kept as history; the latest
 * of a period is the one that counts in goals_tree.c, where a manual colour wins over the
 * computed one.
 */
#include <stdio.h>

#include "folja/api.h"
#include "folja/color.h"
#include "folja/db_goals.h"
#include "folja/goals.h"
#include "folja/input.h"
#include "folja/resource.h"

struct assessment_body {
	struct goal_assessment_in in;
};

static const char *const colors[] = {"gron", "gul", "rod", NULL};

static const struct in_field assessment_spec[] = {
	{"period", IN_STRING, offsetof(struct assessment_body, in.period), IN_REQUIRED, 0, 16, NULL},
	{"status", IN_STRING, offsetof(struct assessment_body, in.status), IN_REQUIRED, 0, 32, NULL},
	{"color", IN_ENUM, offsetof(struct assessment_body, in.color), IN_NULLABLE, 0, 0, colors},
	{"comment", IN_TEXT, offsetof(struct assessment_body, in.comment), IN_NULLABLE, 0, 0, NULL},
	{0}
};

/* Appends to *errors what is wrong with the status of @p in for a goal of level @p level (as
 * stored): one the level does not take, or a colour with ej_bedomd. */
static void status_check(const char *level, const struct goal_assessment_in *in,
			 json_t **errors)
{
	enum goal_level l = GOAL_NAMNDMAL;   /* the statuses of "any other goal" */
	enum goal_status s;
	bool known = goal_status_parse(in->status, &s);
	goal_level_parse(level, &l);
	if (!known || !goal_status_allowed(l, s)) {
		char buf[160] = "";
		size_t len = 0;
		for (int k = GOAL_HELT; k <= GOAL_EJ_UPPFYLLD; k++)
			if (goal_status_allowed(l, (enum goal_status)k))
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
							len ? ", " : "",
							goal_status_name((enum goal_status)k));
		problem_field(errors, "status", "for a goal of level %s must be one of: %s", level,
			      buf);
	}
	if (in->color && known && s == GOAL_EJ_BEDOMD)
		problem_field(errors, "color", "must be null when the goal is not assessed "
			      "(ej_bedomd)");
}

struct assess_write {
	struct req *r;
	int64_t goal_id;
	struct goal_assessment_in in;
	json_t *out;
	json_t *goal;                /* borrowed: the goal as read */
	struct period period;
	struct resource_error err;   /* a period lock's refusal */
};

static enum db_rc assess_tx(struct db *db, void *ctx)
{
	struct assess_write *w = ctx;
	enum db_rc rc = api_period_lock_goal(w->r, db, w->goal, w->period, &w->err);
	if (rc == DB_OK)
		rc = db_goals_assess(db, w->goal_id, &w->in, w->r->caller.name, &w->out);
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
	if (req_id_or_reply(r, 0, &w.goal_id) || req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, assessment_spec, &b) ||
	    api_period_text_or_reply(r, "period", b.in.period, &p) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_goals_get(db, w.goal_id, &goal);
	if (rc != DB_OK) {
		api_db_error(r, rc, "goal");
		goto cleanup;
	}
	status_check(json_string_value(json_object_get(goal, "level")), &b.in, &errors);
	if (errors) {
		reply_problem(r, 422, "invalid_input", errors, "the assessment is not valid");
		goto cleanup;
	}
	w.in = b.in;
	enum goal_status status;
	enum color c;
	if (!w.in.color && goal_status_parse(w.in.status, &status) && goal_status_color(status, &c))
		w.in.color = color_name(c);
	w.goal = goal;
	w.period = p;
	rc = db_write(db, assess_tx, &w);
	if (rc == DB_INVALID && w.err.code) {
		api_lock_error_reply(r, &w.err);
		goto cleanup;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "goal");
		goto cleanup;
	}
	reply_json(r, 201, w.out);
	w.out = NULL;
cleanup:
	json_decref(w.out);  /* set by a transaction that then failed to commit */
	json_decref(goal);
	json_decref(body);
}

/* GET /api/v1/goals/{id}/assessments[?period=] — the manual assessments, newest first. */
void api_goals_assessments_list(struct req *r)
{
	int64_t id;
	struct db *db;
	struct period p = REQ_QUERY(r, struct period_params)->period;
	json_t *goal = NULL;
	char buf[PERIOD_BUF];
	const char *period = NULL;
	if (period_given(p)) {
		period_format(p, buf);
		period = buf;
	}
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
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
