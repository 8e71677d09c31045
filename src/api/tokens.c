/*
 * /api/v1/tokens — the tokens an administrator looks after: who holds what role, with
 * `sensitive` or not, when each was last used, when it expires; and revoking one.  A token's
 * secret is shown once, by `folja token create` or `rotate`, and never here: the database
 * does not hold it.  A revocation is seen by every server on its next request.
 */
#include "folja/api.h"

struct list_query {
	int64_t limit, offset;
};

const struct query_spec api_tokens_query = {
	(const struct q_param[]){Q_PAGING(struct list_query), {0}},
	sizeof(struct list_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/tokens[?limit=&offset=] */
void api_tokens_list(struct req *r)
{
	const struct list_query *q = REQ_QUERY(r, struct list_query);
	int64_t total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_tokens_list(db, 0, q->limit, q->offset, items, &total) :
		DB_ERROR;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "token");
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}

/* The token @p id as listed (new reference in *out). */
static enum db_rc token_get(struct db *db, int64_t id, json_t **out)
{
	int64_t total;
	json_t *items = json_array();
	enum db_rc rc = items ? db_tokens_list(db, id, 1, 0, items, &total) : DB_ERROR;
	*out = rc == DB_OK ? json_incref(json_array_get(items, 0)) : NULL;
	json_decref(items);
	return rc;
}

/* GET /api/v1/tokens/{id} */
void api_tokens_get(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *t;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = token_get(db, id, &t);
	if (rc != DB_OK)
		api_db_error(r, rc, "token");
	else
		reply_json(r, 200, t);
}

struct revoke {
	struct req *r;
	int64_t id;
	json_t *before, *after;   /* owned */
};

static enum db_rc revoke_tx(struct db *db, void *ctx)
{
	struct revoke *v = ctx;
	enum db_rc rc = token_get(db, v->id, &v->before);
	if (rc == DB_OK)
		rc = db_tokens_revoke_row(db, v->id);
	if (rc == DB_OK)
		rc = token_get(db, v->id, &v->after);
	if (rc == DB_OK)
		rc = api_audit(v->r, db, "token", v->id, v->before, v->after);
	return rc;
}

/* DELETE /api/v1/tokens/{id} — revokes; 404 when there is no live token with the id. */
void api_tokens_revoke(struct req *r)
{
	struct revoke v = {.r = r};
	struct db *db;
	if (req_id_or_reply(r, 0, &v.id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_write_tokens(db, revoke_tx, &v);
	if (rc == DB_NOT_FOUND)
		reply_problem(r, 404, "not_found", NULL, "no live token %lld (unknown or revoked "
			      "already)", (long long)v.id);
	else if (rc != DB_OK)
		api_db_error(r, rc, "token");
	else
		reply_json(r, 200, json_incref(v.after));
	json_decref(v.before);
	json_decref(v.after);
}
