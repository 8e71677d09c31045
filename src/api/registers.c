/*
 * What the two sensitive registers (lex Sarah, decisions not executed) share on the HTTP
 * side: small-number suppression for anonymous reads, period and code query parameters, the
 * query of their lists, the references their rows make, and their managed lists of codes.
 *
 * Small numbers: under --open-read a read without a token may see the registers' summaries,
 * and a count of one or two there could single out a person in a small municipality.  As
 * official statistics do, such counts are replaced by null and the object holding them is
 * marked "suppressed": true.  Zero is shown: it singles out nobody, and a report of "no
 * decisions waiting" is exactly what the council needs to read.  api_count_set() hides one
 * count on its own; the summaries put their counts through api/counts.c instead, which also
 * hides what the totals would give away (secondary suppression, folja/suppress.h).
 */
#include <string.h>
#include <time.h>

#include "folja/api.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/resource.h"
#include "folja/server.h"

unsigned api_suppress_small(const struct req *r)
{
	return r->caller.role == ROLE_NONE && r->cfg->open_read ? r->cfg->suppress_below : 0;
}

struct api_view api_view_of(const struct req *r)
{
	return (struct api_view){.suppress = api_suppress_small(r), .sensitive = r->caller.sensitive};
}

bool api_count_set(json_t *obj, const char *key, int64_t n, unsigned suppress)
{
	if (n > 0 && n < (int64_t)suppress) {
		json_object_set_new(obj, key, json_null());
		json_object_set_new(obj, "suppressed", json_true());
		return true;
	}
	json_object_set_new(obj, key, json_integer((json_int_t)n));
	return false;
}

void api_reply_body(struct req *r, json_t *body, enum db_rc rc, const char *what)
{
	if (body)
		reply_json(r, 200, body);
	else if (rc == DB_NOMEM)
		reply_oom(r);
	else if (rc == DB_INVALID)
		reply_problem(r, 422, "out_of_range", NULL,
			      "the %s's sums leave the range of amounts (±9e15 kr)", what);
	else
		api_db_error(r, rc, what);
}

bool api_unit_exists_or_reply(struct req *r, struct db *db, int64_t unit_id)
{
	json_t *unit = NULL;
	if (unit_id == IN_NULL)
		return false;
	enum db_rc rc = db_units_get(db, unit_id, &unit);
	json_decref(unit);
	if (rc == DB_NOT_FOUND) {
		json_t *errors = NULL;
		problem_field(&errors, "unit_id", "names no unit");
		reply_problem(r, 404, "not_found", errors, "query parameter unit_id names no unit");
		return true;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return true;
	}
	return false;
}

bool api_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	return n > 0 && n <= 64 && code[0] >= 'a' && code[0] <= 'z' &&
	       strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

struct date api_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

bool api_register_query_or_reply(struct req *r, const struct register_params *in,
				 struct register_query *q)
{
	q->from = q->to = NULL;
	q->limit = in->limit;
	q->offset = in->offset;
	q->unit_id = in->unit_id;
	if (api_db_or_reply(r, &q->db) || api_unit_exists_or_reply(r, q->db, in->unit_id))
		return true;
	if (period_given(in->period)) {
		date_format(period_first_day(in->period), q->from_buf);
		date_format(period_last_day(in->period), q->to_buf);
		q->from = q->from_buf;
		q->to = q->to_buf;
	}
	return false;
}

enum db_rc api_register_refs_check(struct db *db, int64_t unit_id, const struct code_list *l,
				   const char *field, const char *code, json_t **entry,
				   struct resource_error *err)
{
	json_t *o = NULL;
	enum db_rc rc = db_units_get(db, unit_id, &o);
	json_decref(o);
	o = NULL;
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	if (rc == DB_OK)
		rc = l->get(db, code, &o);
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", field, l->unknown);
	if (rc == DB_OK && entry)
		*entry = o;
	else
		json_decref(o);
	return rc;
}

/* ==== managed lists of codes ============================================================= */

void api_code_list_get(struct req *r, const struct code_list *l)
{
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = l->all(db, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, l->entity);
		return;
	}
	size_t n = json_array_size(items);
	reply_list(r, items, (int64_t)n, (int64_t)n, 0);
}

struct code_write {
	struct req *r;
	const struct code_list *list;
	struct code_in in;
	json_t *after;
};

static enum db_rc code_tx(struct db *db, void *ctx)
{
	struct code_write *w = ctx;
	enum db_rc rc = w->list->insert(db, &w->in);
	if (rc == DB_OK)
		rc = w->list->get(db, w->in.code, &w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, w->list->audit_entity, 0, NULL, w->after);
	return rc;
}

void api_code_list_create(struct req *r, const struct code_list *l)
{
	struct code_write w = {.r = r, .list = l};
	json_t *body;
	struct db *db;
	if (req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, l->spec, &w.in) || api_db_or_reply(r, &db))
		goto cleanup;
	if (!api_code_valid(w.in.code)) {
		json_t *errors = NULL;
		problem_field(&errors, "code", "must be lower-case a-z, digits and _, starting "
			      "with a letter, at most 64 bytes");
		input_errors_or_reply(r, errors);
		goto cleanup;
	}
	enum db_rc rc = db_write(db, code_tx, &w);
	if (rc == DB_CONFLICT) {
		json_t *errors = NULL;
		problem_field(&errors, "code", "exists already");
		reply_problem(r, 409, "duplicate", errors, "%s", l->duplicate_detail);
	} else if (rc != DB_OK) {
		api_db_error(r, rc, l->entity);
	} else {
		reply_json(r, 201, w.after);
		w.after = NULL;
	}
cleanup:
	json_decref(w.after);
	json_decref(body);
}
