/*
 * GET /api/v1/budget/rollup — the budget-versus-outcome table of a report: for every node of
 * the unit tree (or every activity or account), the year's and the period's budget, the
 * outcome, the deviation and its assessment, the forecast and last year's figure.  The
 * computation is src/domain/rollup.c; this file parses the query and memoises the reply.
 *
 * A rollup reply depends only on its query and on the data, so the rendered text is kept in a
 * small cache keyed by the normalised query and db_data_version(), which every commit bumps.
 * A repeated read costs a lookup and a copy; a write makes every entry stale at once, and
 * stale entries are never served.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/csv.h"
#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/period.h"
#include "folja/rollup.h"

#define CACHE_SLOTS 64

struct cache_entry {
	char key[256];         /* the normalised query; "" when the slot is free */
	uint64_t version;      /* db_data_version() the reply was computed at */
	uint64_t used;         /* clock of the last use, for eviction */
	bool csv;
	char *body;            /* owned */
	size_t len;
};

static struct cache_entry cache[CACHE_SLOTS];
static uint64_t cache_clock;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Replies from the cache when it holds @p key at @p version; true when it did. */
static bool cache_reply(struct req *r, const char *key, uint64_t version)
{
	bool hit = false;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && !hit; i++) {
		struct cache_entry *e = &cache[i];
		if (e->version != version || strcmp(e->key, key) != 0)
			continue;
		e->used = ++cache_clock;
		/* copied while locked: the entry may be replaced as soon as the lock goes */
		reply_copy(r, 200, e->csv ? "text/csv; charset=utf-8" :
			   "application/json; charset=utf-8", e->body, e->len);
		hit = true;
	}
	pthread_mutex_unlock(&cache_lock);
	if (hit && strstr(key, "format=csv"))
		reply_header(r, "Content-Disposition", "attachment; filename=\"rollup.csv\"");
	if (hit)
		reply_header(r, "X-Folja-Cache", "hit");
	return hit;
}

/* Keeps a copy of @p body for @p key at @p version, evicting a stale or the least used. */
static void cache_store(const char *key, uint64_t version, bool csv, const char *body,
			size_t len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, body, len);
	copy[len] = '\0';
	pthread_mutex_lock(&cache_lock);
	struct cache_entry *victim = &cache[0];
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct cache_entry *e = &cache[i];
		if (!e->body || e->version != version) {
			victim = e;
			break;
		}
		if (e->used < victim->used)
			victim = e;
	}
	free(victim->body);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->version = version;
	victim->used = ++cache_clock;
	victim->csv = csv;
	victim->body = copy;
	victim->len = len;
	pthread_mutex_unlock(&cache_lock);
}

static bool bool_query_or_reply(struct req *r, const char *name, bool *out)
{
	const char *s = req_query(r, name);
	if (!s)
		return false;
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
		*out = strcmp(s, "true") == 0;
		return false;
	}
	json_t *errors = NULL;
	problem_field(&errors, name, "must be true or false");
	reply_problem(r, 400, "invalid_query", errors, "query parameter %s is not valid", name);
	return true;
}

static bool choice_or_reply(struct req *r, const char *name, const char *const *choices,
			    int *out)
{
	const char *s = req_query(r, name);
	if (!s)
		return false;
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0) {
			*out = i;
			return false;
		}
	json_t *errors = NULL;
	problem_field(&errors, name, "must be one of the documented values");
	reply_problem(r, 400, "invalid_query", errors, "query parameter %s is not valid", name);
	return true;
}

static const char *const group_names[] = {"unit", "activity", "account", NULL};
static const char *const rounding_names[] = {"each", "consistent", NULL};
static const char *const scale_names[] = {"kr", "tkr", "mnkr", NULL};

/* Parses the rollup query into @p q; replies 400 and returns true on a bad parameter. */
static bool rollup_query_or_reply(struct req *r, struct rollup_query *q)
{
	const char *ps = req_query(r, "period");
	struct period p;
	int64_t depth = -1;
	int group = 0, rounding = 0, scale = 0;
	memset(q, 0, sizeof *q);
	q->unit_id = IN_NULL;
	q->cumulative = true;
	if (req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, &q->unit_id) ||
	    req_query_int_or_reply(r, "depth", 0, 64, &depth) ||
	    choice_or_reply(r, "group_by", group_names, &group) ||
	    choice_or_reply(r, "rounding", rounding_names, &rounding) ||
	    choice_or_reply(r, "scale", scale_names, &scale) ||
	    bool_query_or_reply(r, "cumulative", &q->cumulative))
		return true;
	if (q->unit_id == IN_NULL) {
		json_t *errors = NULL;
		problem_field(&errors, "unit_id", "is required");
		reply_problem(r, 400, "invalid_query", errors, "query parameter unit_id is required");
		return true;
	}
	if (!period_parse(ps, &p)) {
		json_t *errors = NULL;
		const char *why = ps ? period_error(ps) : "period is required, e.g. 2021-T1";
		problem_field(&errors, "period", "%s", why);
		reply_problem(r, 400, "invalid_period", errors, "%s", why);
		return true;
	}
	q->year = p.year;
	q->last_month = period_last_month(p);
	q->first_month = q->cumulative ? 1 : period_first_month(p);
	period_format(p, q->period);
	q->group = (enum rollup_group)group;
	q->depth = (int)depth;
	q->consistent = rounding == 1;
	q->scale = (enum money_scale)scale;
	return false;
}

/* GET /api/v1/budget/rollup?unit_id=&period=&group_by=&depth=&scale=&rounding=&cumulative=
 * &format=csv */
void api_budget_rollup(struct req *r)
{
	struct rollup_query q;
	struct rollup_data d;
	struct db *db;
	char key[256];
	bool csv = req_wants_csv(r);

	if (rollup_query_or_reply(r, &q))
		return;
	snprintf(key, sizeof key, "u=%" PRId64 "&p=%s&c=%d&g=%d&d=%d&s=%d&r=%d%s", q.unit_id,
		 q.period, q.cumulative, (int)q.group, q.depth, (int)q.scale, q.consistent,
		 csv ? "&format=csv" : "");
	/* read the version before the data: a write in between makes the entry stale, never
	 * the data older than its version */
	uint64_t version = db_data_version();
	if (cache_reply(r, key, version) || api_db_or_reply(r, &db))
		return;
	enum db_rc rc = db_budget_rollup_load(db, q.unit_id, q.year, q.group, &d);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return;
	}
	q.root_yellow_bp = d.root_yellow_bp;
	q.root_has_profile = d.root_has_profile;
	memcpy(q.root_profile, d.root_profile, sizeof q.root_profile);
	q.root_settings_unit = d.root_settings_unit;
	q.lines = d.lines;
	q.nlines = d.nlines;
	q.lines_loaded = d.lines_loaded;
	struct rollup_node *root = rollup_build(d.units, d.nunits, d.facts, d.nfacts, &q);
	json_t *out = !root ? NULL : csv ? rollup_to_rows(root, &q) : rollup_to_json(root, &q);
	rollup_free(root);
	db_budget_rollup_data_free(&d);
	if (!out) {
		reply_problem(r, 422, "out_of_range", NULL,
			      "the rollup's sums leave the range of amounts (±9e15 kr)");
		return;
	}
	char *text;
	size_t len;
	if (csv) {
		text = csv_from_rows(out, &len);
	} else {
		text = json_dumps(out, JSON_COMPACT);
		len = text ? strlen(text) : 0;
	}
	json_decref(out);
	if (!text) {
		reply_problem(r, 503, "out_of_memory", NULL, "could not build the rollup");
		return;
	}
	cache_store(key, version, csv, text, len);
	reply_copy(r, 200, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
		   text, len);
	free(text);
	if (csv)
		reply_header(r, "Content-Disposition", "attachment; filename=\"rollup.csv\"");
	reply_header(r, "X-Folja-Cache", "miss");
}
