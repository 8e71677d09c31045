/*
 * /api/v1/actions and /api/v1/actions/{id}/follow-ups — what the committee decided to do about
 * a deviation and how it went (folja/action.h).
 *
 * An action's origin names what it answers: {kind, id} where the id is a row of the register
 * the kind names (a unit for a budget deviation; a goal, a risk, an internal control, a lex
 * Sarah report or an audit), checked in the write transaction: an id that names nothing is
 * 422.  A committee decision has no register in Följa and is named by decision_ref alone.
 * Follow-ups are a sub-resource: each is dated, says what was found and the status then, and
 * moves the action's version on.
 *
 * Readers read the register; the summary, which the report sections call, counts the actions
 * that matter to the period, their status as at its last day, the overdue ones and the
 * planned against the realised effect.  The open actions are also shown on the rollup node
 * and the goal assessment they answer (api_actions_attach_rollup, api_actions_attach_goal).
 */
#include <stdio.h>
#include <string.h>

#include "folja/money.h"
#include "folja/resource.h"

#include "reg.h"

static const char *const origins[] = {"budget", "goal", "risk", "internal_control",
				      "lex_sarah", "audit", "committee", NULL};
static const char *const statuses[] = {"planerad", "pagaende", "genomford", "avbruten", NULL};

#define AI(m) offsetof(struct action_in, m)
static const struct in_field action_spec[] = {
	{"unit_id", IN_INT, AI(unit_id), IN_REQUIRED, 1, INT64_MAX, NULL},
	{"title", IN_TEXT, AI(title), IN_REQUIRED, 0, 500, NULL},
	{"description", IN_TEXT, AI(description), IN_NULLABLE, 0, 0, NULL},
	{"origin", IN_JSON, AI(origin), IN_REQUIRED, 0, 0, NULL},
	{"decided_on", IN_DATE, AI(decided_on), IN_NULLABLE, 0, 0, NULL},
	{"decision_ref", IN_STRING, AI(decision_ref), IN_NULLABLE, 0, 0, NULL},
	{"owner", IN_STRING, AI(owner), IN_NULLABLE, 0, 0, NULL},
	{"due_on", IN_DATE, AI(due_on), IN_NULLABLE, 0, 0, NULL},
	{"status", IN_ENUM, AI(status), 0, 0, 0, statuses},
	{"effect_planned_kr", IN_INT, AI(effect_planned_kr), IN_NULLABLE, -MONEY_MAX_KR,
	 MONEY_MAX_KR, NULL},
	{"effect_realised_kr", IN_INT, AI(effect_realised_kr), IN_NULLABLE, -MONEY_MAX_KR,
	 MONEY_MAX_KR, NULL},
	IN_FIELD("id", IN_IGNORE, struct action_in, title, 0),
	IN_FIELD("follow_ups", IN_IGNORE, struct action_in, title, 0),
	IN_FIELD("synthetic", IN_IGNORE, struct action_in, title, 0),
	IN_FIELD("version", IN_IGNORE, struct action_in, title, 0),
	IN_FIELD("created_at", IN_IGNORE, struct action_in, title, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct action_in, title, 0),
	{0}
};
#undef AI

static const struct in_field origin_spec[] = {
	{"kind", IN_ENUM, offsetof(struct action_in, origin_kind), IN_REQUIRED, 0, 0, origins},
	{"id", IN_INT, offsetof(struct action_in, origin_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{0}
};

/* The origin read into origin_kind and origin_id: a committee decision has no id. */
static void origin_read(struct action_in *in, json_t **errors)
{
	if (!json_is_object(in->origin)) {
		problem_field(errors, "origin", "must be an object {kind, id}");
		return;
	}
	enum action_origin kind;
	/* the spec's offsets are into struct action_in: the origin's members land there */
	input_parse(in->origin, origin_spec, in, errors, "origin.");
	if (action_origin_parse(in->origin_kind, &kind) && kind == ORIGIN_COMMITTEE &&
	    in->origin_id != IN_NULL)
		problem_field(errors, "origin.id", "a committee decision has no register to point "
			      "at: give decision_ref instead");
}

/* The origin read, dates in order, the status planerad when not given.  422. */
static bool action_rules_or_reply(struct req *r, void *input)
{
	struct action_in *in = input;
	json_t *errors = NULL;
	if (!in->status)
		in->status = "planerad";
	origin_read(in, &errors);
	if (in->decided_on && in->due_on && strcmp(in->due_on, in->decided_on) < 0)
		problem_field(&errors, "due_on", "is before decided_on");
	return input_errors_or_reply(r, errors);
}

/* The unit must exist, and the row the origin names. */
static enum db_rc action_check(struct db *db, int64_t id, const void *input,
			       struct resource_error *err)
{
	const struct action_in *in = input;
	enum action_origin kind = ORIGIN_COMMITTEE;
	(void)id;
	enum db_rc rc = reg_unit_check(db, in->unit_id, err);
	if (rc != DB_OK || in->origin_id == IN_NULL || !action_origin_parse(in->origin_kind, &kind))
		return rc;
	rc = db_actions_origin_exists(db, kind, in->origin_id);
	if (rc == DB_NOT_FOUND) {
		char message[96];
		snprintf(message, sizeof message, "names no %s (origin.kind %s)",
			 kind == ORIGIN_BUDGET ? "unit" : in->origin_kind, in->origin_kind);
		return resource_refuse(err, "unknown_reference", "origin.id", message);
	}
	return rc;
}

static enum db_rc action_insert(struct db *db, const void *in, int64_t *id)
{
	return db_actions_insert(db, in, id);
}

static enum db_rc action_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_actions_update(db, id, version, in);
}

const struct resource folja_actions = {
	.entity = "action",
	.collection = "/api/v1/actions",
	.spec = action_spec,
	.in_size = sizeof(struct action_in),
	.rules_or_reply = action_rules_or_reply,
	.check = action_check,
	.get = db_actions_get,
	.insert = action_insert,
	.update = action_update,
	.remove = db_actions_delete,
};

const struct query_spec api_actions_list_query = {
	(const struct q_param[]){
		Q_REGISTER(struct reg_list_params),
		Q_REG_ENUM("origin", kind, origins),
		Q_REG_ENUM("status", status, statuses),
		{0}},
	sizeof(struct reg_list_params), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/actions[?unit_id=&period=&origin=&status=&limit=&offset=] — by decided_on */
void api_actions_list(struct req *r)
{
	reg_list_reply(r, db_actions_list, "action");
}

/* ==== follow-ups ========================================================================== */

static const struct in_field follow_up_spec[] = {
	IN_FIELD("on", IN_DATE, struct follow_up_in, on, IN_REQUIRED),
	{"text", IN_TEXT, offsetof(struct follow_up_in, text), IN_REQUIRED, 0, 0, NULL},
	{"status", IN_ENUM, offsetof(struct follow_up_in, status), IN_REQUIRED, 0, 0, statuses},
	{0}
};

/* GET /api/v1/actions/{id}/follow-ups — by date */
void api_follow_ups_list(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *action = NULL, *items = NULL;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_actions_get(db, id, &action);
	if (rc == DB_OK)
		rc = (items = json_array()) ? db_follow_ups_list(db, id, items) : DB_NOMEM;
	if (rc == DB_OK) {
		size_t n = json_array_size(items);
		reply_list(r, items, (int64_t)n, (int64_t)n, 0);
		items = NULL;
	} else {
		api_reply_body(r, NULL, rc, "action");
	}
	json_decref(items);
	json_decref(action);
}

/* A follow-up being written. */
struct fu_write {
	struct req *r;
	int64_t action_id, id;
	struct follow_up_in in;
	json_t *out;                 /* the follow-up written (create) or deleted (delete) */
};

static enum db_rc fu_create_tx(struct db *db, void *ctx)
{
	struct fu_write *w = ctx;
	enum db_rc rc = db_follow_ups_insert(db, w->action_id, &w->in, &w->id);
	if (rc == DB_OK)
		rc = db_follow_ups_get(db, w->action_id, w->id, &w->out);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "action_follow_up", w->id, NULL, w->out);
	return rc;
}

/* POST /api/v1/actions/{id}/follow-ups {on, text, status} — 201 with the follow-up */
void api_follow_ups_create(struct req *r)
{
	struct fu_write w = {.r = r};
	json_t *body = NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.action_id) || req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, follow_up_spec, &w.in) || api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, fu_create_tx, &w);
	if (rc != DB_OK) {
		api_db_error(r, rc, "action");
		goto cleanup;
	}
	char location[96];
	snprintf(location, sizeof location, "/api/v1/actions/%lld/follow-ups/%lld",
		 (long long)w.action_id, (long long)w.id);
	reply_json(r, 201, w.out);
	w.out = NULL;
	reply_header(r, "Location", location);
cleanup:
	json_decref(w.out);
	json_decref(body);
}

static enum db_rc fu_delete_tx(struct db *db, void *ctx)
{
	struct fu_write *w = ctx;
	enum db_rc rc = db_follow_ups_get(db, w->action_id, w->id, &w->out);
	if (rc == DB_OK)
		rc = db_follow_ups_delete(db, w->action_id, w->id);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "action_follow_up", w->id, w->out, NULL);
	return rc;
}

/* DELETE /api/v1/actions/{id}/follow-ups/{fid} — 204 */
void api_follow_ups_delete(struct req *r)
{
	struct fu_write w = {.r = r};
	struct db *db;
	if (req_id_or_reply(r, 0, &w.action_id) || req_id_or_reply(r, 1, &w.id) ||
	    api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_write(db, fu_delete_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "follow-up");
	else
		reply_json(r, 204, NULL);
	json_decref(w.out);
}
