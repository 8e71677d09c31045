/*
 * The handlers the registers the reports need share (see reg.h): answering a list, answering
 * a summary from its body function, and reading a nested list of a body.
 */
#include <stdio.h>

#include "folja/db_units.h"
#include "folja/resource.h"

#include "reg.h"

void reg_list_reply(struct req *r, reg_list_fn list, const char *entity)
{
	const struct reg_list_params *in = REQ_QUERY(r, struct reg_list_params);
	struct register_query q;
	int64_t total = 0;
	if (api_register_query_or_reply(r, &in->reg, &q))
		return;
	struct reg_filter f = {.unit_id = q.unit_id, .from = q.from, .to = q.to,
			       .kind = in->kind, .status = in->status};
	json_t *items = json_array();
	if (!items) {
		reply_oom(r);
		return;
	}
	enum db_rc rc = list(q.db, &f, q.limit, q.offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, entity);
		return;
	}
	reply_list(r, items, total, q.limit, q.offset);
}

void reg_summary_reply(struct req *r, reg_body_fn body, const char *entity)
{
	const struct register_summary_params *in = REQ_QUERY(r, struct register_summary_params);
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc = DB_ERROR;
	if (api_db_or_reply(r, &db) || api_unit_exists_or_reply(r, db, in->unit_id))
		return;
	json_t *out = body(db, in, &v, &rc);
	api_reply_body(r, out, rc, entity);
}

void reg_nested_read(json_t *list, const char *name, const struct in_field *spec, void *out,
		     size_t size, size_t *n, json_t **errors)
{
	json_t *v;
	size_t i;
	*n = 0;
	if (!list)
		return;
	if (!json_is_array(list)) {
		problem_field(errors, name, "must be an array of objects");
		return;
	}
	if (json_array_size(list) > REG_MAX_NESTED) {
		problem_field(errors, name, "holds more than %d entries", REG_MAX_NESTED);
		return;
	}
	json_array_foreach(list, i, v) {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "%s[%zu].", name, i);
		if (!json_is_object(v))
			problem_field(errors, name, "entry %zu must be an object", i);
		else
			input_parse(v, spec, (char *)out + i * size, errors, prefix);
	}
	*n = json_array_size(list);
}

enum db_rc reg_unit_check(struct db *db, int64_t unit_id, struct resource_error *err)
{
	json_t *o = NULL;
	enum db_rc rc = db_units_get(db, unit_id, &o);
	json_decref(o);
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	return rc;
}

bool reg_period_read(const char *s, const char *field, struct period *p, json_t **errors)
{
	if (s && period_parse(s, p))
		return true;
	if (s)
		problem_field(errors, field, "%s", period_error(s));
	return false;
}

json_t *reg_date_json(struct date d)
{
	char buf[11];
	date_format(d, buf);
	return json_string(buf);
}

json_t *reg_days_json(struct tally_days d, struct api_counts *c, size_t *cell)
{
	json_t *o = json_object();
	*cell = api_counts_put(c, o, "count", d.n);
	return o;
}

bool reg_days_finish(json_t *o, struct tally_days d, const struct api_counts *c, size_t cell)
{
	bool shown = !api_counts_hidden(c, cell) && d.n > 0;
	return json_object_set_new(o, "median", shown ? json_real(d.median) : json_null()) == 0 &&
	       json_object_set_new(o, "max", shown ? json_integer(d.max) : json_null()) == 0;
}
