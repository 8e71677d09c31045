/*
 * /api/v1/units — the organisation as a tree: kommun, nämnd, förvaltning, verksamhetsområde,
 * avdelning, enhet.  Budget lines, goals and registers hang on units, so a unit still
 * referenced cannot be deleted (409) and the tree can never get a cycle (422).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"

static const char *const kinds[] = {"kommun", "namnd", "forvaltning", "verksamhetsomrade",
				    "avdelning", "enhet", NULL};
static const char *const regis[] = {"myndighet", "kommunal_regi", "extern", NULL};

static const struct in_field unit_spec[] = {
	IN_FIELD("code", IN_STRING, struct unit_in, code, IN_REQUIRED),
	IN_FIELD("name", IN_STRING, struct unit_in, name, IN_REQUIRED),
	{"parent_id", IN_INT, offsetof(struct unit_in, parent_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"kind", IN_ENUM, offsetof(struct unit_in, kind), IN_REQUIRED, 0, 0, kinds},
	{"regi", IN_ENUM, offsetof(struct unit_in, regi), IN_NULLABLE, 0, 0, regis},
	IN_FIELD("active", IN_BOOL, struct unit_in, active, 0),
	IN_FIELD("municipality_code", IN_STRING, struct unit_in, municipality_code, IN_NULLABLE),
	IN_FIELD("id", IN_IGNORE, struct unit_in, code, 0),
	IN_FIELD("version", IN_IGNORE, struct unit_in, code, 0),
	IN_FIELD("created_at", IN_IGNORE, struct unit_in, code, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct unit_in, code, 0),
	{0}
};

/* Checks what the spec cannot: the municipality code's form.  Replies 422. */
static bool unit_rules_or_reply(struct req *r, void *input)
{
	struct unit_in *in = input;
	const char *mc = in->municipality_code;
	json_t *errors = NULL;
	if (in->active < 0)
		in->active = 1;
	if (mc && (strlen(mc) != 4 || strspn(mc, "0123456789") != 4))
		problem_field(&errors, "municipality_code", "must be four digits (SCB), e.g. 0138");
	return input_errors_or_reply(r, errors);
}

/* The unit (with what lies below it, when it exists) placed under @p parent_id must stay
 * within UNITS_MAX_DEPTH levels of its root. */
static enum db_rc depth_check(struct db *db, int64_t id, int64_t parent_id,
			      struct resource_error *err)
{
	int64_t depth = 0, height = 0;
	enum db_rc rc = db_units_depth(db, parent_id, &depth);
	if (rc == DB_OK && id > 0)
		rc = db_units_height(db, id, &height);
	if (rc == DB_OK && depth + 1 + height > UNITS_MAX_DEPTH) {
		char message[120];
		snprintf(message, sizeof message, "would put a unit %lld levels below its root; "
			 "at most %d are allowed", (long long)(depth + 1 + height), UNITS_MAX_DEPTH);
		return resource_refuse(err, "too_deep", "parent_id", message);
	}
	return rc;
}

/* The parent must exist, a unit cannot move under itself or its descendants, and the tree
 * stays within UNITS_MAX_DEPTH levels. */
static enum db_rc unit_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	const struct unit_in *in = input;
	json_t *parent = NULL;
	bool cycle = false;
	if (in->parent_id == IN_NULL)
		return DB_OK;
	enum db_rc rc = db_units_get(db, in->parent_id, &parent);
	json_decref(parent);
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "parent_id", "names no unit");
	if (rc == DB_OK && id > 0)
		rc = db_units_is_ancestor(db, id, in->parent_id, &cycle);
	if (rc == DB_OK && cycle)
		return resource_refuse(err, "cycle", "parent_id",
				       "is the unit itself or one of its descendants");
	return rc == DB_OK ? depth_check(db, id, in->parent_id, err) : rc;
}

static enum db_rc unit_insert(struct db *db, const void *in, int64_t *id)
{
	return db_units_insert(db, in, id);
}

static enum db_rc unit_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_units_update(db, id, version, in);
}

const struct resource folja_units = {
	.entity = "unit",
	.collection = "/api/v1/units",
	.spec = unit_spec,
	.in_size = sizeof(struct unit_in),
	.rules_or_reply = unit_rules_or_reply,
	.check = unit_check,
	.get = db_units_get,
	.insert = unit_insert,
	.update = unit_update,
	.remove = db_units_delete,
	.duplicate_field = "code",
	.unit_tree = true,
	.referenced_detail = "the unit is still referenced (sub-units, budget lines, goals or "
			     "registers); move or delete those first",
};

struct units_query {
	int64_t limit, offset;
	int64_t parent_id;      /* IN_NULL: any; 0: roots (?parent_id=null) */
	const char *kind, *regi, *q;
	int64_t active;         /* -1: any */
};

const struct query_spec api_units_list_query = {
	(const struct q_param[]){
		Q_PAGING(struct units_query),
		{"parent_id", Q_INT, offsetof(struct units_query, parent_id), Q_NULL_ID, 1,
		 INT64_MAX, IN_NULL, NULL, NULL},
		{"kind", Q_ENUM, offsetof(struct units_query, kind), 0, 0, 0, 0, kinds, NULL},
		{"regi", Q_ENUM, offsetof(struct units_query, regi), 0, 0, 0, 0, regis, NULL},
		{"active", Q_INT, offsetof(struct units_query, active), 0, 0, 1, -1, NULL, NULL},
		{"q", Q_STRING, offsetof(struct units_query, q), 0, 0, 200, 0, NULL, NULL},
		{0}},
	sizeof(struct units_query), FORMAT_JSON | FORMAT_CSV,
};

/* GET /api/v1/units[?parent_id=|null&kind=&regi=&active=&q=&limit=&offset=] */
void api_units_list(struct req *r)
{
	const struct units_query *q = REQ_QUERY(r, struct units_query);
	struct unit_filter f = {.parent_id = q->parent_id, .kind = q->kind, .regi = q->regi,
				.active = (int)q->active, .q = q->q};
	int64_t limit = q->limit, offset = q->offset, total = 0;
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_units_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "unit");
		return;
	}
	reply_list(r, items, total, limit, offset);
}

/* GET /api/v1/units/{id}/tree — the unit with its descendants nested under "children";
 * with ?format=csv the flat list in tree order with a "depth" column. */
void api_units_tree(struct req *r)
{
	int64_t id;
	struct db *db;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	json_t *rows = json_array();
	enum db_rc rc = db_units_subtree(db, id, rows);
	if (rc == DB_OK && json_array_size(rows) == 0)
		rc = DB_NOT_FOUND;
	if (rc != DB_OK) {
		json_decref(rows);
		api_db_error(r, rc, "unit");
		return;
	}
	if (req_wants_csv(r)) {
		reply_csv(r, rows, "units.csv");
		return;
	}
	/* Rows come parents first, in depth-first order, so the open node of each depth is
	 * enough to nest them: no depth exceeds the row count.  `open` borrows; the root owns
	 * the whole tree. */
	size_t n = json_array_size(rows), i;
	json_t **open = calloc(n, sizeof *open);
	json_t *row, *root = NULL;
	if (!open) {
		json_decref(rows);
		reply_oom(r);
		return;
	}
	json_array_foreach(rows, i, row) {
		json_int_t depth = json_integer_value(json_object_get(row, "depth"));
		json_object_del(row, "depth");
		json_object_set_new(row, "children", json_array());
		assert(depth >= 0 && (size_t)depth < n);
		if (depth == 0)
			root = json_incref(row);
		else
			json_array_append(json_object_get(open[depth - 1], "children"), row);
		open[depth] = row;
	}
	free(open);
	json_decref(rows);
	reply_json(r, 200, root);
}
