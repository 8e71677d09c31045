/*
 * /api/v1/units — the organisation as a tree: kommun, nämnd, förvaltning, verksamhetsområde,
 * avdelning, enhet.  Budget lines, goals and registers hang on units, so a unit still
 * referenced cannot be deleted (409) and the tree can never get a cycle (422).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_units.h"
#include "folja/input.h"

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
static bool unit_rules_or_reply(struct req *r, struct unit_in *in)
{
	const char *mc = in->municipality_code;
	if (in->active < 0)
		in->active = 1;
	if (mc && (strlen(mc) != 4 || strspn(mc, "0123456789") != 4)) {
		json_t *errors = NULL;
		problem_field(&errors, "municipality_code", "must be four digits (SCB), e.g. 0138");
		reply_problem(r, 422, "invalid_input", errors, "1 field is not valid");
		return true;
	}
	return false;
}

/* GET /api/v1/units[?parent_id=|null&kind=&regi=&active=&q=&limit=&offset=] */
void api_units_list(struct req *r)
{
	struct unit_filter f = {.parent_id = IN_NULL, .active = -1};
	int64_t limit, offset, total = 0, active = -1;
	struct db *db;
	const char *parent = req_query(r, "parent_id");

	if (parent && strcmp(parent, "null") == 0)
		f.parent_id = 0;
	else if (req_query_int_or_reply(r, "parent_id", 1, INT64_MAX, &f.parent_id))
		return;
	if (req_paging_or_reply(r, &limit, &offset) ||
	    req_query_int_or_reply(r, "active", 0, 1, &active) || api_db_or_reply(r, &db))
		return;
	f.active = (int)active;
	f.kind = req_query(r, "kind");
	f.regi = req_query(r, "regi");
	f.q = req_query(r, "q");
	json_t *items = json_array();
	enum db_rc rc = db_units_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "unit");
		return;
	}
	reply_list(r, items, total, limit, offset);
}

/* GET /api/v1/units/{id} */
void api_units_get(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *unit;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_units_get(db, id, &unit);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return;
	}
	reply_resource(r, 200, unit);
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
		reply_problem(r, 503, "out_of_memory", NULL, "could not build the tree");
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

struct unit_write {
	struct req *r;
	int64_t id;            /* in: the unit (patch, delete); out: the new id (create) */
	int64_t version;       /* If-Match, -1 for any */
	struct unit_in in;
	json_t *before;        /* owned */
	json_t *after;         /* owned */
	bool cycle;            /* out: the new parent is the unit or below it */
	bool bad_parent;       /* out: parent_id names no unit */
};

/* DB_INVALID (with w->bad_parent) when the parent named by the input does not exist. */
static enum db_rc check_parent(struct db *db, struct unit_write *w)
{
	json_t *parent = NULL;
	if (w->in.parent_id == IN_NULL)
		return DB_OK;
	enum db_rc rc = db_units_get(db, w->in.parent_id, &parent);
	json_decref(parent);
	w->bad_parent = rc == DB_NOT_FOUND;
	return w->bad_parent ? DB_INVALID : rc;
}

/* Replies to a failed write, naming the field where the input was at fault. */
static void write_error(struct req *r, const struct unit_write *w, enum db_rc rc)
{
	json_t *errors = NULL;
	if (w->bad_parent) {
		problem_field(&errors, "parent_id", "names no unit");
		reply_problem(r, 422, "unknown_reference", errors, "the parent unit does not exist");
	} else if (w->cycle) {
		problem_field(&errors, "parent_id", "is the unit itself or one of its descendants");
		reply_problem(r, 422, "cycle", errors, "a unit cannot be placed under itself");
	} else if (rc == DB_CONFLICT) {
		problem_field(&errors, "code", "is taken by another unit");
		reply_problem(r, 409, "duplicate", errors, "a unit with this code exists");
	} else {
		api_db_error(r, rc, "unit");
	}
}

static enum db_rc create_tx(struct db *db, void *ctx)
{
	struct unit_write *w = ctx;
	enum db_rc rc = check_parent(db, w);
	if (rc == DB_OK)
		rc = db_units_insert(db, &w->in, &w->id);
	if (rc == DB_OK)
		rc = db_units_get(db, w->id, &w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "unit", w->id, NULL, w->after);
	return rc;
}

/* POST /api/v1/units */
void api_units_create(struct req *r)
{
	struct unit_write w = {.r = r};
	json_t *body;
	struct db *db;
	if (req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, unit_spec, &w.in) || unit_rules_or_reply(r, &w.in) ||
	    api_db_or_reply(r, &db)) {
		json_decref(body);
		return;
	}
	enum db_rc rc = db_write(db, create_tx, &w);
	json_decref(body);
	if (rc != DB_OK) {
		json_decref(w.after);
		write_error(r, &w, rc);
		return;
	}
	char location[64];
	snprintf(location, sizeof location, "/api/v1/units/%lld", (long long)w.id);
	reply_resource(r, 201, w.after);
	reply_header(r, "Location", location);
}

static enum db_rc patch_tx(struct db *db, void *ctx)
{
	struct unit_write *w = ctx;
	enum db_rc rc = check_parent(db, w);
	if (rc == DB_OK && w->in.parent_id != IN_NULL) {
		rc = db_units_is_ancestor(db, w->id, w->in.parent_id, &w->cycle);
		if (rc == DB_OK && w->cycle)
			rc = DB_INVALID;
	}
	if (rc == DB_OK)
		rc = db_units_update(db, w->id, w->version, &w->in);
	if (rc == DB_OK)
		rc = db_units_get(db, w->id, &w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "unit", w->id, w->before, w->after);
	return rc;
}

/* PATCH /api/v1/units/{id} — JSON merge patch (RFC 7396) over the stored unit; If-Match. */
void api_units_patch(struct req *r)
{
	struct unit_write w = {.r = r};
	json_t *patch = NULL;
	struct db *db;
	enum db_rc rc;
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.version) ||
	    req_json_object_or_reply(r, &patch))
		return;
	if (api_db_or_reply(r, &db))
		goto cleanup;
	rc = db_units_get(db, w.id, &w.before);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		goto cleanup;
	}
	json_t *merged = json_deep_copy(w.before);
	json_object_update(merged, patch);
	if (input_parse_or_reply(r, merged, unit_spec, &w.in) || unit_rules_or_reply(r, &w.in)) {
		json_decref(merged);
		goto cleanup;
	}
	rc = db_write(db, patch_tx, &w);
	json_decref(merged);
	if (rc != DB_OK) {
		write_error(r, &w, rc);
	} else {
		reply_resource(r, 200, w.after);
		w.after = NULL;
	}
cleanup:
	json_decref(patch);
	json_decref(w.before);
	json_decref(w.after);
}

static enum db_rc delete_tx(struct db *db, void *ctx)
{
	struct unit_write *w = ctx;
	enum db_rc rc = db_units_get(db, w->id, &w->before);
	if (rc == DB_OK)
		rc = db_units_delete(db, w->id, w->version);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "unit", w->id, w->before, NULL);
	return rc;
}

/* DELETE /api/v1/units/{id} — 409 while anything references it; If-Match. */
void api_units_delete(struct req *r)
{
	struct unit_write w = {.r = r};
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.version) ||
	    api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_write(db, delete_tx, &w);
	json_decref(w.before);
	if (rc == DB_CONFLICT)
		reply_problem(r, 409, "referenced", NULL, "the unit is still referenced (sub-units, "
			      "budget lines, goals or registers); move or delete those first");
	else if (rc != DB_OK)
		api_db_error(r, rc, "unit");
	else
		reply_json(r, 204, NULL);
}
