/*
 * /api/v1/units/{id}/budget-settings — how a unit's annual budget is periodised (twelve
 * weights, linear by default), how wide its yellow band is (basis points of the budget,
 * 2 % by default) and what its assessment compares (the outcome, by default, or the
 * forecast; null: as its parent).  A unit without settings of its own shows what it inherits, decided by the
 * same rule the rollup applies (budget_settings_effective(), folja/budget_settings.h) from its
 * ancestors' settings.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "folja/api.h"
#include "folja/budget_settings.h"
#include "folja/db_budget.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/money.h"

struct settings_in {
	json_t *profile;       /* borrowed; NULL or null for linear */
	int64_t yellow_bp;
	const char *basis;     /* "outcome", "forecast"; NULL: the parent's */
};

static const char *const basis_choices[] = {"outcome", "forecast", NULL};

static const struct in_field settings_spec[] = {
	IN_FIELD("profile", IN_JSON, struct settings_in, profile, IN_NULLABLE),
	{"yellow_bp", IN_INT, offsetof(struct settings_in, yellow_bp), 0, 0, MONEY_YELLOW_BP_MAX,
	 NULL},
	{"basis", IN_ENUM, offsetof(struct settings_in, basis), IN_NULLABLE, 0, 0, basis_choices},
	IN_FIELD("unit_id", IN_IGNORE, struct settings_in, profile, 0),
	IN_FIELD("version", IN_IGNORE, struct settings_in, profile, 0),
	IN_FIELD("inherited", IN_IGNORE, struct settings_in, profile, 0),
	{0}
};

/* Twelve weights as a JSON array, or null for linear; NULL when out of memory. */
static json_t *profile_json(const struct budget_effective *e)
{
	if (!e->has_profile)
		return json_null();
	json_t *a = json_array();
	for (size_t i = 0; a && i < 12; i++)
		if (json_array_append_new(a, json_integer(e->profile[i])))
			json_decref(a), a = NULL;
	return a;
}

/* What unit @p unit_id, which has no settings of its own, inherits: {unit_id, profile,
 * yellow_bp, version: 0, inherited: true, inherited_from (the unit whose band applies, null
 * for the defaults), basis, basis_from}.  On DB_OK *out is a new reference, or NULL when out
 * of memory. */
static enum db_rc settings_inherited(struct db *db, int64_t unit_id, json_t **out)
{
	struct budget_settings_link *ancestors;
	struct budget_effective e;
	size_t n;
	enum db_rc rc = db_budget_settings_ancestors(db, unit_id, &ancestors, &n);
	if (rc != DB_OK)
		return rc;
	budget_settings_effective(ancestors, n, &e);
	free(ancestors);
	*out = json_pack("{s:I, s:o, s:i, s:i, s:b, s:o, s:s, s:o}", "unit_id",
			 (json_int_t)unit_id, "profile", profile_json(&e), "yellow_bp", e.yellow_bp,
			 "version", 0, "inherited", 1, "inherited_from",
			 e.yellow_from ? json_integer(e.yellow_from) : json_null(),
			 "basis", budget_basis_names[e.basis],
			 "basis_from", e.basis_from ? json_integer(e.basis_from) : json_null());
	return DB_OK;
}

/* GET /api/v1/units/{id}/budget-settings — the unit's own settings, or what it inherits. */
void api_budget_settings_get(struct req *r)
{
	int64_t id;
	struct db *db;
	json_t *s = NULL, *unit = NULL;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_units_get(db, id, &unit);
	json_decref(unit);
	if (rc == DB_OK) {
		rc = db_budget_settings_get(db, id, &s);
		if (rc == DB_NOT_FOUND)
			rc = settings_inherited(db, id, &s);
		else if (rc == DB_OK)
			json_object_set_new(s, "inherited", json_false());
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return;
	}
	reply_resource(r, 200, s);  /* NULL (out of memory) replies 503 */
}

struct settings_write {
	struct req *r;
	int64_t unit_id, version;
	char *profile;         /* owned JSON text or NULL */
	int64_t yellow_bp;
	const char *basis;     /* borrowed from the body; NULL: the parent's */
	json_t *after;         /* owned */
};

/* The audit keeps the unit's own settings as stored before (null when it had none: what it
 * inherited was never its own) and after. */
static enum db_rc settings_tx(struct db *db, void *ctx)
{
	struct settings_write *w = ctx;
	json_t *unit = NULL, *before = NULL;
	enum db_rc rc = db_units_get(db, w->unit_id, &unit);
	json_decref(unit);
	if (rc == DB_OK) {
		rc = db_budget_settings_get(db, w->unit_id, &before);
		if (rc == DB_NOT_FOUND)
			rc = DB_OK;
	}
	if (rc == DB_OK)
		rc = db_budget_settings_put(db, w->unit_id, w->version, w->profile, w->yellow_bp,
					    w->basis);
	if (rc == DB_OK)
		rc = db_budget_settings_get(db, w->unit_id, &w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "budget_settings", w->unit_id, before, w->after);
	json_decref(before);
	return rc;
}

/* PUT /api/v1/units/{id}/budget-settings {profile: [12 weights] | null, yellow_bp, basis} */
void api_budget_settings_put(struct req *r)
{
	struct settings_write w = {.r = r};
	struct settings_in in;
	json_t *body = NULL, *errors = NULL;
	struct db *db;
	if (req_id_or_reply(r, 0, &w.unit_id) || api_if_match_or_reply(r, &w.version) ||
	    req_json_object_or_reply(r, &body))
		return;
	if (input_parse_or_reply(r, body, settings_spec, &in))
		goto cleanup;
	w.yellow_bp = in.yellow_bp == IN_NULL ? MONEY_YELLOW_BP_DEFAULT : in.yellow_bp;
	w.basis = in.basis;
	if (in.profile && !json_is_null(in.profile)) {
		int64_t weights[12], months[12], total = 0;
		bool ok = json_is_array(in.profile) && json_array_size(in.profile) == 12;
		for (size_t i = 0; ok && i < 12; i++) {
			json_t *v = json_array_get(in.profile, i);
			ok = json_is_integer(v) && json_integer_value(v) >= 0 &&
			     json_integer_value(v) <= MONEY_WEIGHT_TOTAL_MAX;
			if (ok) {
				weights[i] = json_integer_value(v);
				total += weights[i];
			}
		}
		/* the periodisation itself is the final judge of a profile */
		if (!ok || total == 0 || !money_periodise(1, weights, months)) {
			problem_field(&errors, "profile", "must be twelve non-negative integer weights "
				      "(January to December) with a positive total of at most %" PRId64,
				      MONEY_WEIGHT_TOTAL_MAX);
			input_errors_or_reply(r, errors);
			goto cleanup;
		}
		w.profile = json_dumps(in.profile, JSON_COMPACT);
	}
	if (api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, settings_tx, &w);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		goto cleanup;
	}
	json_object_set_new(w.after, "inherited", json_false());
	reply_resource(r, 200, w.after);
	w.after = NULL;
cleanup:
	free(w.profile);
	json_decref(w.after);
	json_decref(body);
}
