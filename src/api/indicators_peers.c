/*
 * /api/v1/peer-values — what other municipalities measured — and
 * /api/v1/indicators/{id}/comparison — how we stand among them.
 *
 * Peer values are loaded as Kolada publishes them (a KPI, a municipality, a year, a value).
 * Comparison places the municipality's value among the peers loaded for the indicator's
 * Kolada KPI and year (top quarter green, middle half yellow, bottom quarter red).  That colour
 * says how we stand against others; the goal-attainment colour says whether we met our own
 * target.  They mean different things, so the comparison shows both.  The ranking is
 * indicator_compare()'s (folja/indicators.h); this file loads its inputs and renders it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/assess.h"
#include "folja/color.h"
#include "folja/db_indicators.h"
#include "folja/db_units.h"
#include "folja/indicators.h"
#include "folja/input.h"

#include "indicators.h"

/* ---------------------------------------------------------------------- comparison */

static const char rank_rule[] =
	"rank among the municipalities with a value (1 = best by the indicator's direction, ties "
	"share the best rank); quartile = floor(4 (rank - 1) / of) + 1; top 25 % gron, middle "
	"50 % gul, bottom 25 % rod";

/* The names of the peer rows that are not municipalities (the country, the regions). */
static json_t *excluded_json(const struct peer_set *peers, const char *own)
{
	json_t *out = json_array();
	for (size_t i = 0; out && i < peers->n; i++) {
		const char *m = peers->peers[i].municipality;
		if (indicator_peer_role(m, own) == PEER_NOT_MUNICIPALITY &&
		    json_array_append_new(out, json_string(m)) != 0) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

static const char *source_name(enum ind_value_source s)
{
	return s == IND_SOURCE_VALUE ? "indicator value" : s == IND_SOURCE_PEERS ? "peer values"
									      : NULL;
}

/* The text and next better value of a ranked comparison, set on @p explain. */
static bool ranked_explain(const struct indicator_comparison *c, int decimals, json_t *explain)
{
	const struct assess_rank *rk = &c->rank;
	json_t *next = json_null();
	if (rk->has_next)
		next = json_pack("{s:s, s:f, s:o}", "color", color_name(rk->next_color), "value",
				 rk->next_value, "text",
				 json_sprintf("a value of %.*f (tying the peer at that rank) would "
					      "make it %s", decimals, rk->next_value,
					      color_name(rk->next_color)));
	return json_object_set_new(explain, "text",
				   json_sprintf("%.*f is rank %d of %d (quartile %d): %s", decimals,
						c->value, rk->rank, rk->of, rk->quartile,
						color_name(rk->color))) == 0 &&
	       json_object_set_new(explain, "next_better", next) == 0;
}

/* The explain object of comparison @p c of indicator @p ind for @p year. */
static json_t *comparison_explain(const struct indicator_comparison *c,
				  const struct indicator *ind, int64_t year, const char *own,
				  const struct peer_set *peers)
{
	json_t *explain = json_pack("{s:s, s:s, s:I, s:s, s:s?, s:i, s:i, s:o}",
		"rule", rank_rule, "kpi", ind->kolada_kpi, "year", (json_int_t)year,
		"municipality", own, "value_source", source_name(c->value_source),
		"peers_with_value", c->peers_with_value, "peers_missing", c->peers_missing,
		"excluded_not_municipalities", excluded_json(peers, own));
	bool ok = explain != NULL;
	if (ok && c->state == IND_CMP_RANKED)
		ok = ranked_explain(c, ind->decimals, explain);
	else if (ok)
		ok = json_object_set_new(explain, "text", json_string(
			c->state == IND_CMP_NO_VALUE ? "no value of ours for the year"
			: "no peer values loaded for the KPI and year")) == 0;
	if (!ok) {
		json_decref(explain);
		return NULL;
	}
	return explain;
}

/* The reply of GET /indicators/{id}/comparison (new reference; NULL when memory runs out). */
static json_t *comparison_json(const struct indicator_comparison *c,
			       const struct indicator *ind, int64_t year, const char *own,
			       const struct peer_set *peers)
{
	json_t *explain = comparison_explain(c, ind, year, own, peers);
	json_t *reply = c->state == IND_CMP_RANKED
		? json_pack("{s:i, s:i, s:i, s:s, s:o}", "rank", c->rank.rank, "of", c->rank.of,
			    "quartile", c->rank.quartile, "color", color_name(c->rank.color),
			    "explain", explain)
		: json_pack("{s:n, s:n, s:n, s:n, s:o}", "rank", "of", "quartile", "color",
			    "explain", explain);
	if (reply && (json_object_set_new(reply, "indicator_id", json_integer(ind->id)) != 0 ||
		      json_object_set_new(reply, "year", json_integer(year)) != 0 ||
		      json_object_set_new(reply, "value", api_real_or_null(c->value)) != 0 ||
		      json_object_set_new(reply, "attainment",
					  api_indicator_assessment_json(&c->attainment)) != 0)) {
		json_decref(reply);
		reply = NULL;
	}
	return reply;
}

/* Our municipality's code into @p own: the kommun above the indicator's unit.  DB_CONFLICT
 * when the indicator has no Kolada KPI or its unit lies under no kommun with a code. */
static enum db_rc kpi_and_municipality(struct db *db, const struct indicator *ind, char own[5])
{
	if (!ind->kolada_kpi)
		return DB_CONFLICT;
	if (ind->unit_id == IND_NULL || db_units_municipality(db, ind->unit_id, own) != DB_OK)
		return DB_CONFLICT;
	return DB_OK;
}

/* Replies the 409 kpi_and_municipality() found for indicator @p id. */
static void comparison_conflict_reply(struct req *r, struct db *db, int64_t id)
{
	struct indicator_series s = {0};
	enum db_rc rc = db_indicators_load(db, id, &s);
	if (rc != DB_OK)
		api_db_error(r, rc, "indicator");
	else if (!s.ind.kolada_kpi)
		reply_problem(r, 409, "no_kpi", NULL, "the indicator has no kolada_kpi to compare by");
	else
		reply_problem(r, 409, "no_municipality", NULL, "the indicator's unit lies under no "
			      "kommun with a municipality_code");
	db_indicator_series_free(&s);
}

/* The comparison of series @p s with the peers of its KPI in @p year, municipality @p own. */
static json_t *comparison_of(struct db *db, const struct indicator_series *s, int64_t year,
			     const char *own, enum db_rc *rc)
{
	struct peer_set peers = {0};
	double *room = NULL;
	json_t *reply = NULL;
	*rc = db_peers_load(db, s->ind.kolada_kpi, year, &peers);
	if (*rc == DB_OK && !(room = calloc(peers.n + 1, sizeof *room)))
		*rc = DB_NOMEM;
	if (*rc == DB_OK) {
		struct period y = {PERIOD_YEAR, (int)year, 0};
		size_t i = indicator_value_find(s->values, s->nvalues, y);
		struct indicator_comparison c;
		indicator_compare(&s->ind, i < s->nvalues ? &s->values[i] : NULL, own, peers.peers,
				  peers.n, room, &c);
		if (!(reply = comparison_json(&c, &s->ind, year, own, &peers)))
			*rc = DB_NOMEM;
	}
	free(room);
	db_peer_set_free(&peers);
	return reply;
}

json_t *api_indicators_comparison_body(struct db *db,
				       const struct indicator_comparison_params *p,
				       const struct api_view *v, enum db_rc *rc)
{
	struct indicator_series s = {0};
	char own[5] = "";
	json_t *reply = NULL;
	(void)v;
	*rc = db_indicators_load(db, p->id, &s);
	if (*rc == DB_OK)
		*rc = kpi_and_municipality(db, &s.ind, own);
	if (*rc == DB_OK)
		reply = comparison_of(db, &s, p->year, own, rc);
	db_indicator_series_free(&s);
	return reply;
}

/* GET /api/v1/indicators/{id}/comparison?year= */
void api_indicators_comparison(struct req *r)
{
	struct indicator_comparison_params p = {.year = REQ_QUERY(r, struct year_params)->year};
	struct api_view v = api_view_of(r);
	struct db *db;
	enum db_rc rc;
	if (req_id_or_reply(r, 0, &p.id) || api_db_or_reply(r, &db))
		return;
	json_t *out = api_indicators_comparison_body(db, &p, &v, &rc);
	if (out)
		reply_json(r, 200, out);
	else if (rc == DB_CONFLICT)
		comparison_conflict_reply(r, db, p.id);
	else
		api_db_error(r, rc, "indicator");
}

/* ---------------------------------------------------------------------- peer values */

/* GET /api/v1/peer-values?kpi=&year= */
struct peers_query {
	const char *kpi;
	int64_t year;
};

const struct query_spec api_peer_values_query = {
	(const struct q_param[]){
		{"kpi", Q_STRING, offsetof(struct peers_query, kpi), Q_REQUIRED, 0, 32, 0, NULL,
		 "N31807"},
		{"year", Q_INT, offsetof(struct peers_query, year), Q_REQUIRED, PERIOD_YEAR_MIN,
		 PERIOD_YEAR_MAX, IN_NULL, NULL, "2021"},
		{0}},
	sizeof(struct peers_query), FORMAT_JSON | FORMAT_CSV,
};

void api_peer_values_list(struct req *r)
{
	const struct peers_query *q = REQ_QUERY(r, struct peers_query);
	const char *kpi = q->kpi;
	int64_t year = q->year;
	struct db *db;
	if (api_db_or_reply(r, &db))
		return;
	json_t *items = json_array();
	enum db_rc rc = db_peers_list(db, kpi, year, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "peer value");
		return;
	}
	size_t n = json_array_size(items);
	reply_list(r, items, (int64_t)n, (int64_t)n, 0);
}

/* One peer value to store. */
struct peer_row {
	const char *kpi;
	const char *municipality;
	int64_t year;
	double value;
};

#define PEER_MAX_ERRORS 100  /* problems listed in a 422; all are counted */

/* Reads item @p i of the upload into @p out, or appends its errors.  Accepts Kolada's data
 * item {kpi, municipality, period, values: [{gender, value, ...}]} (gender T, or the only
 * value) and the plain {kpi, municipality, year, value}. */
static void peer_row_read(json_t *item, size_t i, struct peer_row *out, json_t **errors)
{
	char f[48];
	snprintf(f, sizeof f, "values[%zu]", i);
	if (!json_is_object(item)) {
		problem_field(errors, f, "must be an object");
		return;
	}
	json_t *kpi = json_object_get(item, "kpi"), *m = json_object_get(item, "municipality");
	json_t *yr = json_object_get(item, "period");
	if (!yr)
		yr = json_object_get(item, "year");
	if (!json_is_string(kpi) || json_string_length(kpi) == 0 || json_string_length(kpi) > 32)
		problem_field(errors, f, "kpi must be a KPI id such as N31807");
	if (!json_is_string(m) || strlen(json_string_value(m)) != 4 ||
	    strspn(json_string_value(m), "0123456789") != 4)
		problem_field(errors, f, "municipality must be a four-digit code such as 0138");
	/* Kolada gives the year as a number; CSV-born JSON often as a string */
	int64_t year = json_is_integer(yr) ? json_integer_value(yr) : 0;
	const char *ys = json_string_value(yr);
	if (ys && strlen(ys) == 4 && strspn(ys, "0123456789") == 4)
		year = atoi(ys);
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		problem_field(errors, f, "period (or year) must be a year such as 2021");
	json_t *vals = json_object_get(item, "values"), *val = json_object_get(item, "value");
	if (json_is_array(vals)) {
		size_t j;
		json_t *g;
		val = NULL;
		json_array_foreach(vals, j, g) {
			const char *gender = json_string_value(json_object_get(g, "gender"));
			if (!gender || strcmp(gender, "T") == 0 || json_array_size(vals) == 1)
				val = json_object_get(g, "value");
		}
		if (!val)
			val = json_null();
	}
	if (!val || !(json_is_number(val) || json_is_null(val)))
		problem_field(errors, f, "value must be a number or null");
	else if (json_is_number(val) && !(fabs(json_number_value(val)) <= ASSESS_MAX_ABS))
		problem_field(errors, f, "value must be from %.0f to %.0f", -ASSESS_MAX_ABS,
			      ASSESS_MAX_ABS);
	out->kpi = json_string_value(kpi);
	out->municipality = json_string_value(m);
	out->year = year;
	out->value = json_is_number(val) ? json_number_value(val) : NAN;
}

struct peer_write {
	struct req *r;
	struct peer_row *rows;           /* owned */
	size_t n;
	const struct peer_row **keys;    /* owned array of borrowed rows: one per key, by key */
	size_t nkeys;
	char sha256[API_SHA256_HEX];     /* of the body */
};

static int cmp_peer_key(const void *a, const void *b)
{
	const struct peer_row *x = *(const struct peer_row *const *)a;
	const struct peer_row *y = *(const struct peer_row *const *)b;
	int c = strcmp(x->kpi, y->kpi);
	if (c == 0)
		c = (x->year > y->year) - (x->year < y->year);
	return c ? c : strcmp(x->municipality, y->municipality);
}

/* Fills w->keys with one row per distinct (kpi, year, municipality), ordered by key, so the
 * values a load replaces are read once each even when the upload names a key twice.  False
 * when memory runs out. */
static bool peer_keys(struct peer_write *w)
{
	w->keys = malloc(w->n * sizeof *w->keys);
	if (!w->keys)
		return false;
	for (size_t i = 0; i < w->n; i++)
		w->keys[i] = &w->rows[i];
	qsort(w->keys, w->n, sizeof *w->keys, cmp_peer_key);
	w->nkeys = 0;
	for (size_t i = 0; i < w->n; i++)
		if (w->nkeys == 0 || cmp_peer_key(&w->keys[w->nkeys - 1], &w->keys[i]) != 0)
			w->keys[w->nkeys++] = w->keys[i];
	return true;
}

/* The stored values the load is about to overwrite, as an array into *replaced (new
 * reference), NULL when it overwrites none.  Read before the first write. */
static enum db_rc peers_replaced(struct db *db, const struct peer_write *w, json_t **replaced)
{
	*replaced = NULL;
	for (size_t i = 0; i < w->nkeys; i++) {
		const struct peer_row *k = w->keys[i];
		json_t *old;
		enum db_rc rc = db_peers_get(db, k->kpi, k->year, k->municipality, &old);
		if (rc == DB_NOT_FOUND)
			continue;
		if (rc != DB_OK)
			return rc;
		if (!*replaced)
			*replaced = json_array();
		if (json_array_append_new(*replaced, old) != 0)
			return DB_ERROR;  /* out of memory; the caller frees *replaced */
	}
	return DB_OK;
}

/* The audit keeps the values replaced (before) and the upload's row count and digest (after),
 * not every row loaded: a load is as large as Kolada's file. */
static enum db_rc peers_tx(struct db *db, void *ctx)
{
	struct peer_write *w = ctx;
	json_t *before = NULL, *after = NULL;
	enum db_rc rc = peers_replaced(db, w, &before);
	for (size_t i = 0; i < w->n && rc == DB_OK; i++)
		rc = db_peers_put(db, w->rows[i].kpi, w->rows[i].year, w->rows[i].municipality,
				  w->rows[i].value);
	if (rc == DB_OK && !(after = json_pack("{s:I, s:s}", "rows", (json_int_t)w->n, "sha256",
					       w->sha256)))
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "peer_values", 0, before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Reads the w->n rows of the upload (the items of @p list, or @p body itself when @p list is
 * NULL) into w->rows.  Replies 503, or 422 with the rows' problems, and returns true when they
 * cannot all be stored. */
static bool peer_rows_or_reply(struct req *r, json_t *body, json_t *list, struct peer_write *w)
{
	json_t *errors = NULL;
	w->rows = calloc(w->n, sizeof *w->rows);
	if (!w->rows) {
		reply_problem(r, 503, "out_of_memory", NULL, "could not hold the peer values");
		return true;
	}
	/* Every row is checked and counted, but only the first PEER_MAX_ERRORS problems are
	 * listed, so a large bad upload cannot make a reply many times its own size. */
	size_t nerrors = 0;
	for (size_t i = 0; i < w->n; i++) {
		json_t *extra = NULL;
		bool listed = json_array_size(errors) < PEER_MAX_ERRORS;
		peer_row_read(list ? json_array_get(list, i) : body, i, &w->rows[i],
			      listed ? &errors : &extra);
		nerrors += json_array_size(extra);
		json_decref(extra);
	}
	if (!errors)
		return false;
	nerrors += json_array_size(errors);
	reply_problem(r, 422, "invalid_input", errors, "%zu problem%s in the peer values; nothing "
		      "was stored%s", nerrors, nerrors == 1 ? "" : "s",
		      nerrors > json_array_size(errors) ? " (the first 100 are listed)" : "");
	return true;
}

/* POST /api/v1/peer-values[?dry_run=true] — Kolada's data JSON ({values: [...]}, one item or
 * a list of items) or a plain list; all or nothing. */
void api_peer_values_load(struct req *r)
{
	json_t *body = NULL;
	struct peer_write w = {.r = r};
	struct db *db;
	bool dry_run = REQ_QUERY(r, struct dry_run_params)->dry_run;
	if (req_json_or_reply(r, &body))
		return;
	json_t *list = body;
	if (json_is_object(body))
		list = json_object_get(body, "municipality") ? NULL : json_object_get(body, "values");
	w.n = list ? json_array_size(list) : 1;
	if (list && !json_is_array(list)) {
		reply_problem(r, 422, "invalid_input", NULL, "expected Kolada's data JSON "
			      "({\"values\": [...]}), one Kolada item, or a list of items");
		goto cleanup;
	}
	if (w.n == 0) {
		reply_problem(r, 422, "invalid_input", NULL, "no values to load");
		goto cleanup;
	}
	if (peer_rows_or_reply(r, body, list, &w))
		goto cleanup;
	if (dry_run) {
		reply_json(r, 200, json_pack("{s:I, s:I, s:b}", "stored", (json_int_t)0, "valid",
					     (json_int_t)w.n, "dry_run", 1));
		goto cleanup;
	}
	if (!peer_keys(&w)) {
		reply_oom(r);
		goto cleanup;
	}
	api_body_sha256(r, w.sha256);
	if (api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_write(db, peers_tx, &w);
	if (rc != DB_OK)
		api_db_error(r, rc, "peer value");
	else
		reply_json(r, 200, json_pack("{s:I, s:b}", "stored", (json_int_t)w.n, "dry_run", 0));
cleanup:
	free(w.keys);
	free(w.rows);
	json_decref(body);
}
