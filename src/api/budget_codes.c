/*
 * /api/v1/activities and /api/v1/accounts — the code lists that name what budget lines are
 * booked on, so a grouped rollup row carries a name and not only a code.  Both are versioned
 * resources (src/api/resource.c) an editor keeps; reading the whole list is one call.  An
 * account also has a kind and a parent: plain accounts and groups sit at the top or under a
 * group (a group is a subtotal, "Summa kostnader"), a varav under an account (a part printed
 * below it, "varav statlig ersättning Covid-19").  Every write is checked against the whole
 * list as it would stand after it (include/folja/economy.h), so a kind or parent that breaks
 * the hierarchy, for the account written or one under it, is refused with 422.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/db_budget.h"
#include "folja/economy.h"
#include "folja/names.h"
#include "folja/resource.h"

#include "budget.h"

static const char *const kind_choices[] = {"account", "group", "varav", NULL};

#define CODE_FIELDS \
	{"code", IN_STRING, offsetof(struct budget_code_in, code), IN_REQUIRED, 0, 64, NULL}, \
	{"name", IN_TEXT, offsetof(struct budget_code_in, name), IN_REQUIRED, 0, 200, NULL}, \
	{"sort", IN_INT, offsetof(struct budget_code_in, sort), IN_NULLABLE, -1000000000, \
	 1000000000, NULL}, \
	IN_FIELD("id", IN_IGNORE, struct budget_code_in, code, 0), \
	IN_FIELD("version", IN_IGNORE, struct budget_code_in, code, 0), \
	IN_FIELD("created_at", IN_IGNORE, struct budget_code_in, code, 0), \
	IN_FIELD("updated_at", IN_IGNORE, struct budget_code_in, code, 0)

static const struct in_field activity_spec[] = {
	CODE_FIELDS,
	{0}
};

static const struct in_field account_spec[] = {
	CODE_FIELDS,
	{"kind", IN_ENUM, offsetof(struct budget_code_in, kind), IN_NULLABLE, 0, 0, kind_choices},
	{"parent", IN_STRING, offsetof(struct budget_code_in, parent), IN_NULLABLE, 0, 64, NULL},
	{0}
};

/* A code is never empty: a line without a code has none, it is not named "". */
static bool code_rules_or_reply(struct req *r, void *input)
{
	const struct budget_code_in *in = input;
	json_t *errors = NULL;
	if (in->code && !*in->code)
		problem_field(&errors, "code", "must not be empty");
	if (in->name && !*in->name)
		problem_field(&errors, "name", "must not be empty");
	return input_errors_or_reply(r, errors);
}

/* ==== activities ========================================================================== */

static enum db_rc activity_get(struct db *db, int64_t id, json_t **out)
{
	return db_budget_codes_get(db, BUDGET_CODES_ACTIVITIES, id, out);
}

static enum db_rc activity_insert(struct db *db, const void *in, int64_t *id)
{
	return db_budget_codes_insert(db, BUDGET_CODES_ACTIVITIES, in, id);
}

static enum db_rc activity_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_budget_codes_update(db, BUDGET_CODES_ACTIVITIES, id, version, in);
}

static enum db_rc activity_delete(struct db *db, int64_t id, int64_t version)
{
	return db_budget_codes_delete(db, BUDGET_CODES_ACTIVITIES, id, version);
}

const struct resource folja_activities = {
	.entity = "activity",
	.collection = "/api/v1/activities",
	.spec = activity_spec,
	.in_size = sizeof(struct budget_code_in),
	.rules_or_reply = code_rules_or_reply,
	.get = activity_get,
	.insert = activity_insert,
	.update = activity_update,
	.remove = activity_delete,
	.duplicate_field = "code",
};

/* ==== accounts ============================================================================ */

/* The list as it would stand after writing @p in over the entry whose code is @p old (NULL:
 * a new entry): that entry replaced, and its children following a new code.  False when out
 * of memory. */
static bool accounts_after(struct budget_code_set *set, const char *old,
			   const struct budget_code_in *in)
{
	int kind = names_index(budget_code_kind_names, 0, NAMES_COUNT(budget_code_kind_names),
			       in->kind);
	struct budget_code mine = {in->code, in->name, in->parent,
				   kind < 0 ? BUDGET_CODE_PLAIN : (enum budget_code_kind)kind, 0};
	bool replaced = false;
	for (size_t i = 0; old && i < set->n; i++) {
		struct budget_code *c = &set->codes[i];
		if (strcmp(c->code, old) == 0) {
			*c = mine;
			replaced = true;
		} else if (c->parent && strcmp(c->parent, old) == 0) {
			c->parent = in->code;  /* ON UPDATE CASCADE */
		}
	}
	if (replaced)
		return true;
	struct budget_code *grown = realloc(set->codes, (set->n + 1) * sizeof *grown);
	if (!grown)
		return false;
	set->codes = grown;
	set->codes[set->n++] = mine;
	return true;
}

/* The hierarchy after the write, checked: DB_INVALID with *err when it breaks. */
static enum db_rc hierarchy_check(struct budget_code_set *set, const struct budget_code_in *in,
				  struct resource_error *err)
{
	struct budget_codes idx;
	const char *bad = NULL;
	char msg[160];
	if (!budget_codes_index(set->codes, set->n, &idx))
		return DB_ERROR;
	enum budget_code_problem p = budget_codes_check(&idx, &bad);
	if (p != BUDGET_CODE_OK) {
		bool mine = strcmp(bad, in->code) == 0;
		snprintf(msg, sizeof msg, "%s%s%s", mine ? "" : bad, mine ? "" : "'s parent ",
			 budget_code_problem_text(p));
		resource_refuse(err, "invalid_hierarchy", mine ? "parent" : "kind", msg);
	}
	budget_codes_free(&idx);
	return p == BUDGET_CODE_OK ? DB_OK : DB_INVALID;
}

/* The account's place in the hierarchy, against the list inside the write transaction. */
static enum db_rc account_check(struct db *db, int64_t id, const void *input,
				struct resource_error *err)
{
	const struct budget_code_in *in = input;
	struct budget_code_set set;
	json_t *before = NULL;
	enum db_rc rc = id ? db_budget_codes_get(db, BUDGET_CODES_ACCOUNTS, id, &before) : DB_OK;
	if (rc == DB_OK)
		rc = db_budget_code_set_load(db, BUDGET_CODES_ACCOUNTS, &set);
	if (rc != DB_OK) {
		json_decref(before);
		return rc == DB_NOMEM ? DB_ERROR : rc;
	}
	const char *old = json_string_value(json_object_get(before, "code"));
	rc = accounts_after(&set, old, in) ? hierarchy_check(&set, in, err) : DB_ERROR;
	db_budget_code_set_free(&set);
	json_decref(before);
	return rc;
}

static enum db_rc account_get(struct db *db, int64_t id, json_t **out)
{
	return db_budget_codes_get(db, BUDGET_CODES_ACCOUNTS, id, out);
}

static enum db_rc account_insert(struct db *db, const void *in, int64_t *id)
{
	return db_budget_codes_insert(db, BUDGET_CODES_ACCOUNTS, in, id);
}

static enum db_rc account_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_budget_codes_update(db, BUDGET_CODES_ACCOUNTS, id, version, in);
}

static enum db_rc account_delete(struct db *db, int64_t id, int64_t version)
{
	return db_budget_codes_delete(db, BUDGET_CODES_ACCOUNTS, id, version);
}

const struct resource folja_accounts = {
	.entity = "account",
	.collection = "/api/v1/accounts",
	.spec = account_spec,
	.in_size = sizeof(struct budget_code_in),
	.rules_or_reply = code_rules_or_reply,
	.check = account_check,
	.get = account_get,
	.insert = account_insert,
	.update = account_update,
	.remove = account_delete,
	.duplicate_field = "code",
	.referenced_detail = "accounts sit under this one: move or delete them first",
};

/* ==== the lists =========================================================================== */

struct codes_query {
	int64_t limit, offset;
};

const struct query_spec api_budget_codes_query = {
	(const struct q_param[]){Q_PAGING(struct codes_query), {0}},
	sizeof(struct codes_query), FORMAT_JSON | FORMAT_CSV,
};

static void codes_list(struct req *r, enum budget_code_list l, const char *what)
{
	const struct codes_query *q = REQ_QUERY(r, struct codes_query);
	struct db *db;
	int64_t total = 0;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = items ? db_budget_codes_list(db, l, q->limit, q->offset, items, &total) :
			DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(items);
		if (rc == DB_NOMEM)
			reply_oom(r);
		else
			api_db_error(r, rc, what);
		return;
	}
	reply_list(r, items, total, q->limit, q->offset);
}

/* GET /api/v1/activities[?limit=&offset=] — the activity codes with their names, by sort and
 * code. */
void api_activities_list(struct req *r)
{
	codes_list(r, BUDGET_CODES_ACTIVITIES, "activity");
}

/* GET /api/v1/accounts[?limit=&offset=] — the account codes with their names, kinds and
 * parents. */
void api_accounts_list(struct req *r)
{
	codes_list(r, BUDGET_CODES_ACCOUNTS, "account");
}
