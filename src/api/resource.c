/*
 * The single-resource verbs shared by every register (see include/folja/resource.h).
 *
 * Each write runs inside db_write(): the resource's own check, the change, the re-read of the
 * stored result and the audit entry commit together or not at all.  The reply is the resource
 * as read back from the database, so a client always sees what was stored.
 */
#include <stdio.h>
#include <stdlib.h>

#include "folja/api.h"
#include "folja/resource.h"

/* One write in flight: what the transaction needs and what it hands back. */
struct write {
	struct req *r;
	const struct resource *res;
	int64_t id;                  /* in: the resource (patch, delete); out: the new id (create) */
	int64_t version;             /* If-Match, -1 for any */
	void *in;                    /* owned: the parsed input (create, patch) */
	json_t *before;              /* owned */
	json_t *after;               /* owned */
	struct resource_error err;   /* filled when a check refuses */
};

/* ==== a scoped token's records (folja/scope.h) ============================================ */

static bool scoped(const struct req *r)
{
	return r->caller.scope_unit_id > 0;
}

/* Whether stored record @p obj of @p res is the caller's to see: its unit (a unit itself) in
 * scope, or no unit at all (shared). */
static bool visible(const struct req *r, const struct resource *res, const json_t *obj)
{
	const json_t *unit = json_object_get(obj, res->unit_tree ? "id" : "unit_id");
	return !scoped(r) || !unit || (json_is_integer(unit) &&
				       db_in_scope(json_integer_value(unit)));
}

/* Whether the caller may write record @p after (as it would be stored; @p before the stored
 * one, NULL on create): its unit in scope, a unit under a parent in scope (the scope's own
 * root keeps its parent), and no shared record.  Fills w->err (403) to refuse. */
static enum db_rc writable(struct write *w, const json_t *before, const json_t *after)
{
	const char *field = w->res->unit_tree ? "parent_id" : "unit_id";
	const json_t *unit = json_object_get(after, field);
	if (!scoped(w->r))
		return DB_OK;
	if (before && !visible(w->r, w->res, before))
		return DB_NOT_FOUND;
	if (w->res->unit_tree && before &&
	    json_integer_value(json_object_get(before, "id")) == w->r->caller.scope_unit_id &&
	    json_equal(json_object_get(before, "parent_id"), unit))
		return DB_OK;  /* the scope's root, left where it is */
	if (json_is_integer(unit) && db_in_scope(json_integer_value(unit)))
		return DB_OK;
	if (unit) {
		resource_refuse(&w->err, "out_of_scope", field, "lies outside this token's scope");
	} else {
		resource_refuse(&w->err, "out_of_scope", NULL, "");
		snprintf(w->err.message, sizeof w->err.message, "every unit shares the %s records; "
			 "a token scoped to a part of them cannot write them", w->res->entity);
	}
	w->err.status = 403;
	return DB_INVALID;
}

static const struct resource *resource_of(struct req *r)
{
	return r->route->arg;
}

/* The entity the audit log records the resource's writes under. */
static const char *audit_entity(const struct resource *res)
{
	return res->audit_entity ? res->audit_entity : res->entity;
}

enum db_rc resource_refuse(struct resource_error *err, const char *code, const char *field,
			   const char *message)
{
	err->status = 422;
	err->code = code;
	err->field = field;
	snprintf(err->message, sizeof err->message, "%s", message);
	return DB_INVALID;
}

/* Replies to a failed write: the check's refusal, a duplicate, or the storage outcome. */
static void write_error(struct write *w, enum db_rc rc)
{
	json_t *errors = NULL;
	if (rc == DB_INVALID && w->err.code && !w->err.field) {
		reply_problem(w->r, w->err.status, w->err.code, NULL, "%s", w->err.message);
	} else if (rc == DB_INVALID && w->err.code) {
		problem_field(&errors, w->err.field, "%s", w->err.message);
		reply_problem(w->r, w->err.status, w->err.code, errors, "the %s was not %s: %s %s",
			      w->res->entity, w->before ? "changed" : "created", w->err.field,
			      w->err.message);
	} else if (rc == DB_CONFLICT && w->res->duplicate_field) {
		problem_field(&errors, w->res->duplicate_field, "is taken by another %s",
			      w->res->entity);
		reply_problem(w->r, 409, "duplicate", errors, "a %s with this %s exists",
			      w->res->entity, w->res->duplicate_field);
	} else {
		api_db_error(w->r, rc, w->res->entity);
	}
}

/* Parses @p obj (borrowed) into a new input struct; replies 422 and returns true on refusal. */
static bool parse_or_reply(struct write *w, json_t *obj)
{
	w->in = calloc(1, w->res->in_size);
	if (!w->in) {
		reply_oom(w->r);
		return true;
	}
	return input_parse_or_reply(w->r, obj, w->res->spec, w->in) ||
	       (w->res->rules_or_reply && w->res->rules_or_reply(w->r, w->in));
}

static void write_free(struct write *w)
{
	free(w->in);
	json_decref(w->before);
	json_decref(w->after);
}

/* GET {collection}/{id} */
void api_resource_get(struct req *r)
{
	const struct resource *res = resource_of(r);
	int64_t id;
	struct db *db;
	json_t *obj;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = res->get(db, id, &obj);
	if (rc == DB_OK && !visible(r, res, obj)) {
		json_decref(obj);
		rc = DB_NOT_FOUND;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, res->entity);
		return;
	}
	reply_resource(r, 200, obj);
}

/* ---- create ---- */

static enum db_rc create_tx(struct db *db, void *ctx)
{
	struct write *w = ctx;
	const struct resource *res = w->res;
	enum db_rc rc = res->check ? res->check(db, 0, w->in, &w->err) : DB_OK;
	if (rc == DB_OK && res->lock)
		rc = res->lock(w->r, db, NULL, w->in, &w->err);
	if (rc == DB_OK)
		rc = res->insert(db, w->in, &w->id);
	if (rc == DB_OK)
		rc = res->get(db, w->id, &w->after);
	if (rc == DB_OK)
		rc = writable(w, NULL, w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, audit_entity(res), w->id, NULL, w->after);
	return rc;
}

void api_resource_create(struct req *r)
{
	struct write w = {.r = r, .res = resource_of(r)};
	json_t *body = NULL;
	struct db *db;
	if (req_json_object_or_reply(r, &body) || parse_or_reply(&w, body) ||
	    api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, create_tx, &w);
	if (rc != DB_OK) {
		write_error(&w, rc);
		goto cleanup;
	}
	char location[160];
	snprintf(location, sizeof location, "%s/%lld", w.res->collection, (long long)w.id);
	reply_resource(r, 201, w.after);
	w.after = NULL;
	reply_header(r, "Location", location);
cleanup:
	json_decref(body);
	write_free(&w);
}

/* ---- patch ---- */

static enum db_rc patch_tx(struct db *db, void *ctx)
{
	struct write *w = ctx;
	const struct resource *res = w->res;
	enum db_rc rc = res->check ? res->check(db, w->id, w->in, &w->err) : DB_OK;
	if (rc == DB_OK && res->lock)
		rc = res->lock(w->r, db, w->before, w->in, &w->err);
	if (rc == DB_OK)
		rc = res->update(db, w->id, w->version, w->in);
	if (rc == DB_OK)
		rc = res->get(db, w->id, &w->after);
	if (rc == DB_OK)
		rc = writable(w, w->before, w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, audit_entity(res), w->id, w->before, w->after);
	return rc;
}

/* The merge reads the stored resource outside the write transaction, so the write is
 * conditional on the version that was read: a change by someone else in between is never
 * overwritten.  Without If-Match the patch is merged again over the new version. */
#define PATCH_TRIES 3

void api_resource_patch(struct req *r)
{
	struct write w = {.r = r, .res = resource_of(r)};
	json_t *patch = NULL, *merged = NULL;
	struct db *db;
	int64_t if_match;
	enum db_rc rc = DB_STALE;
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &if_match) ||
	    req_json_object_or_reply(r, &patch) || api_db_or_reply(r, &db))
		goto cleanup;
	for (int try = 0; rc == DB_STALE && try < PATCH_TRIES; try++) {
		json_decref(w.before);
		json_decref(merged);
		free(w.in);
		w.before = merged = NULL;
		w.in = NULL;
		rc = w.res->get(db, w.id, &w.before);
		if (rc == DB_OK && !visible(r, w.res, w.before))
			rc = DB_NOT_FOUND;  /* nothing of it is told: not even its validation */
		if (rc != DB_OK) {
			api_db_error(r, rc, w.res->entity);
			goto cleanup;
		}
		w.version = if_match >= 0 ? if_match :
			    json_integer_value(json_object_get(w.before, "version"));
		/* RFC 7396 over the stored resource, then the same validation as a create. */
		merged = json_deep_copy(w.before);
		if (!merged) {
			reply_oom(r);
			goto cleanup;
		}
		json_object_update(merged, patch);
		if (parse_or_reply(&w, merged))
			goto cleanup;
		rc = db_write(db, patch_tx, &w);
		if (if_match >= 0)
			break;  /* the client's version is stale: 412 */
	}
	if (rc != DB_OK) {
		write_error(&w, rc);
		goto cleanup;
	}
	reply_resource(r, 200, w.after);
	w.after = NULL;
cleanup:
	json_decref(patch);
	json_decref(merged);  /* after w.in, whose strings it holds, is no longer used */
	write_free(&w);
}

/* ---- delete ---- */

static enum db_rc delete_tx(struct db *db, void *ctx)
{
	struct write *w = ctx;
	enum db_rc rc = w->res->get(db, w->id, &w->before);
	if (rc == DB_OK)
		rc = writable(w, w->before, w->before);
	if (rc == DB_OK && w->res->lock)
		rc = w->res->lock(w->r, db, w->before, NULL, &w->err);
	if (rc == DB_OK)
		rc = w->res->remove(db, w->id, w->version);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, audit_entity(w->res), w->id, w->before, NULL);
	return rc;
}

void api_resource_delete(struct req *r)
{
	struct write w = {.r = r, .res = resource_of(r)};
	struct db *db;
	if (req_id_or_reply(r, 0, &w.id) || api_if_match_or_reply(r, &w.version) ||
	    api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_write(db, delete_tx, &w);
	if (rc == DB_INVALID && w.err.code)
		write_error(&w, rc);
	else if (rc == DB_CONFLICT && w.res->referenced_detail)
		reply_problem(r, 409, "referenced", NULL, "%s", w.res->referenced_detail);
	else if (rc != DB_OK)
		api_db_error(r, rc, w.res->entity);
	else
		reply_json(r, 204, NULL);
	write_free(&w);
}
