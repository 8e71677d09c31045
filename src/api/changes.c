/*
 * /api/v1/changes — the change feed for systems that pull: what was created, changed or
 * deleted since the last time they asked, in order, so a nightly job fetches only that
 * instead of everything (Kolada offers the same with `from_date`).  Each change names the
 * entity, its id and version and the operation; a bulk import is one change of op "import"
 * with its row count.  A client keeps the last `seq` it saw and asks `?after=` it next time.
 * The sensitive registers' changes (lex Sarah, decisions) are shown only with `sensitive`.
 */
#include "folja/api.h"

struct changes_query {
	int64_t after, limit;
	const char *entity;
};

const struct query_spec api_changes_query = {
	(const struct q_param[]){
		{"after", Q_INT, offsetof(struct changes_query, after), 0, 0, INT64_MAX, 0, NULL,
		 NULL},
		{"limit", Q_INT, offsetof(struct changes_query, limit), 0, 1, 1000, 100, NULL, NULL},
		{"entity", Q_STRING, offsetof(struct changes_query, entity), 0, 0, 64, 0, NULL, NULL},
		{0}},
	sizeof(struct changes_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/changes?after=SEQ&limit=&entity= */
void api_changes_list(struct req *r)
{
	const struct changes_query *q = REQ_QUERY(r, struct changes_query);
	struct changes_filter f = {.after = q->after, .entity = q->entity,
				   .with_sensitive = r->caller.sensitive};
	int64_t total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_changes_list(db, &f, q->limit, items, &total) : DB_ERROR;
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "change");
		return;
	}
	if (req_wants_csv(r)) {
		reply_csv(r, items, "changes.csv");
		return;
	}
	size_t n = json_array_size(items);
	json_int_t next = n ? json_integer_value(json_object_get(json_array_get(items, n - 1),
								 "seq")) : q->after;
	reply_json(r, 200, json_pack("{s:o, s:I, s:I, s:I, s:I, s:b}", "items", items, "total",
				     (json_int_t)total, "limit", (json_int_t)q->limit, "after",
				     (json_int_t)q->after, "next_after", next, "more",
				     (int64_t)n < total));
}
