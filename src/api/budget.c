/*
 * Budget follow-up over HTTP: the ledger facts (/api/v1/budget-lines), their bulk import
 * (/api/v1/budget-lines:import), the per-unit settings that periodise annual budgets and set
 * the assessment's yellow band (/api/v1/units/{id}/budget-settings), and the rollup that
 * turns it all into a report table (/api/v1/budget/rollup).
 *
 * A rollup reply depends only on its query and on the data, so it is memoised: the rendered
 * text is kept in a small cache keyed by the normalised query and db_data_version(), which
 * every commit bumps.  A repeated read costs a lookup and a copy; a write makes every entry
 * stale at once, and stale entries are never served.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folja/api.h"
#include "folja/csv.h"
#include "folja/csv_read.h"
#include "folja/db_budget.h"
#include "folja/db_units.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/period.h"
#include "folja/pnr.h"
#include "folja/resource.h"
#include "folja/rollup.h"

static const char *const measures[] = {"budget", "outcome", "forecast", NULL};

static const struct in_field line_spec[] = {
	{"unit_id", IN_INT, offsetof(struct budget_line_in, unit_id), IN_REQUIRED, 1, INT64_MAX,
	 NULL},
	{"activity", IN_STRING, offsetof(struct budget_line_in, activity), IN_NULLABLE, 0, 64, NULL},
	{"account", IN_STRING, offsetof(struct budget_line_in, account), IN_NULLABLE, 0, 64, NULL},
	{"year", IN_INT, offsetof(struct budget_line_in, year), IN_REQUIRED, PERIOD_YEAR_MIN,
	 PERIOD_YEAR_MAX, NULL},
	{"month", IN_INT, offsetof(struct budget_line_in, month), IN_NULLABLE, 1, 12, NULL},
	{"measure", IN_ENUM, offsetof(struct budget_line_in, measure), IN_REQUIRED, 0, 0, measures},
	{"amount_kr", IN_INT, offsetof(struct budget_line_in, amount_kr), IN_REQUIRED,
	 -MONEY_MAX_KR, MONEY_MAX_KR, NULL},
	IN_FIELD("id", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("version", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("created_at", IN_IGNORE, struct budget_line_in, activity, 0),
	IN_FIELD("updated_at", IN_IGNORE, struct budget_line_in, activity, 0),
	{0}
};

/* The rule the spec cannot say: only a budget may be annual. */
static void line_rules(const struct budget_line_in *in, json_t **errors)
{
	if (in->month == IN_NULL && in->measure && strcmp(in->measure, "budget") != 0)
		problem_field(errors, "month", "is required for %s (only a budget may be annual)",
			      in->measure);
}

static bool line_rules_or_reply(struct req *r, void *in)
{
	json_t *errors = NULL;
	line_rules(in, &errors);
	return input_errors_or_reply(r, errors);
}

/* ==== lines =============================================================================== */

/* The unit a line is booked on must exist. */
static enum db_rc line_check(struct db *db, int64_t id, const void *input,
			     struct resource_error *err)
{
	const struct budget_line_in *in = input;
	json_t *unit = NULL;
	(void)id;
	enum db_rc rc = db_units_get(db, in->unit_id, &unit);
	json_decref(unit);
	if (rc == DB_NOT_FOUND)
		return resource_refuse(err, "unknown_reference", "unit_id", "names no unit");
	return rc;
}

static enum db_rc line_insert(struct db *db, const void *in, int64_t *id)
{
	return db_budget_insert(db, in, id);
}

static enum db_rc line_update(struct db *db, int64_t id, int64_t version, const void *in)
{
	return db_budget_update(db, id, version, in);
}

/* GET, POST, PATCH (merge patch over the stored line) and DELETE of /api/v1/budget-lines; the
 * aggregates follow each write through the triggers of sql/0002-budget.sql. */
const struct resource folja_budget_lines = {
	.entity = "budget line",
	.audit_entity = "budget_line",
	.collection = "/api/v1/budget-lines",
	.spec = line_spec,
	.in_size = sizeof(struct budget_line_in),
	.rules_or_reply = line_rules_or_reply,
	.check = line_check,
	.get = db_budget_get,
	.insert = line_insert,
	.update = line_update,
	.remove = db_budget_delete,
};

/* GET /api/v1/budget-lines[?unit_id=&year=&month=&measure=&activity=&account=&limit=&offset=] */
void api_budget_lines_list(struct req *r)
{
	struct budget_filter f = {.unit_id = IN_NULL, .year = IN_NULL, .month = IN_NULL};
	int64_t limit, offset, total = 0;
	struct db *db;
	if (req_query_int_or_reply(r, "unit_id", 1, INT64_MAX, &f.unit_id) ||
	    req_query_int_or_reply(r, "year", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &f.year) ||
	    req_query_int_or_reply(r, "month", 1, 12, &f.month) ||
	    req_paging_or_reply(r, &limit, &offset) || api_db_or_reply(r, &db))
		return;
	f.measure = req_query(r, "measure");
	f.activity = req_query(r, "activity");
	f.account = req_query(r, "account");
	json_t *items = json_array();
	enum db_rc rc = db_budget_list(db, &f, limit, offset, items, &total);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_error(r, rc, "budget line");
		return;
	}
	reply_list(r, items, total, limit, offset);
}

/* ==== import ============================================================================== */

/* At most this many row errors are listed; the count says how many there were. */
#define IMPORT_MAX_ERRORS 100

/* The units an import may name, by id and by code, sorted for bsearch. */
struct unit_ref {
	int64_t id;
	char *code;  /* owned */
};

struct import {
	struct req *r;
	struct unit_ref *by_id, *by_code;
	size_t nunits, cap;
	struct budget_line_in *rows;   /* strings borrowed from the body or the JSON */
	size_t nrows, rows_cap;
	json_t *errors;                /* owned; NULL while there are none */
	size_t nerrors;
};

static void collect_unit(void *ctx, int64_t id, const char *code)
{
	struct import *im = ctx;
	if (im->nunits == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct unit_ref *g = realloc(im->by_id, cap * sizeof *g);
		if (!g)
			return;
		im->by_id = g;
		im->cap = cap;
	}
	char *copy = strdup(code ? code : "");
	if (!copy)
		return;
	im->by_id[im->nunits++] = (struct unit_ref){id, copy};
}

static int cmp_ref_id(const void *a, const void *b)
{
	int64_t x = ((const struct unit_ref *)a)->id, y = ((const struct unit_ref *)b)->id;
	return x < y ? -1 : x > y;
}

static int cmp_ref_code(const void *a, const void *b)
{
	return strcmp(((const struct unit_ref *)a)->code, ((const struct unit_ref *)b)->code);
}

static void import_free(struct import *im)
{
	for (size_t i = 0; i < im->nunits; i++)
		free(im->by_id[i].code);
	free(im->by_id);
	free(im->by_code);
	free(im->rows);
	json_decref(im->errors);
}

/* Records an error of data row @p row (1-based; 0 for the CSV header) in @p field. */
static void row_error(struct import *im, size_t row, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void row_error(struct import *im, size_t row, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	im->nerrors++;
	if (im->nerrors > IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (row == 0)
		problem_field(&im->errors, field, "header: %s", msg);
	else
		problem_field(&im->errors, field, "row %zu: %s", row, msg);
	json_object_set_new(json_array_get(im->errors, json_array_size(im->errors) - 1), "row",
			    json_integer((json_int_t)row));
}

static bool unit_known(const struct import *im, int64_t id)
{
	struct unit_ref key = {id, NULL};
	return bsearch(&key, im->by_id, im->nunits, sizeof key, cmp_ref_id) != NULL;
}

static bool rows_alloc(struct import *im, size_t n)
{
	im->rows = calloc(n ? n : 1, sizeof *im->rows);
	im->rows_cap = n ? n : 1;
	return im->rows != NULL;
}

/* A JSON array of line objects, each checked like a POST. */
static void import_json(struct import *im, json_t *arr)
{
	size_t i;
	json_t *obj;
	if (!rows_alloc(im, json_array_size(arr)))
		return;
	json_array_foreach(arr, i, obj) {
		struct budget_line_in *in = &im->rows[im->nrows++];
		json_t *errs = NULL;
		if (!json_is_object(obj)) {
			row_error(im, i + 1, "row", "must be an object");
			continue;
		}
		input_parse(obj, line_spec, in, &errs, NULL);
		line_rules(in, &errs);
		if (!errs && !unit_known(im, in->unit_id))
			problem_field(&errs, "unit_id", "names no unit");
		size_t k;
		json_t *e;
		json_array_foreach(errs, k, e)
			row_error(im, i + 1, json_string_value(json_object_get(e, "field")), "%s",
				  json_string_value(json_object_get(e, "message")));
		json_decref(errs);
	}
}

enum col { C_UNIT_ID, C_UNIT_CODE, C_ACTIVITY, C_ACCOUNT, C_YEAR, C_MONTH, C_MEASURE, C_AMOUNT,
	   C_N };
static const char *const col_names[C_N] = {"unit_id", "unit_code", "activity", "account",
	"year", "month", "measure", "amount_kr"};

/* A whole number in [min, max] written plainly; false otherwise. */
static bool parse_plain_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return false;
	long long v = strtoll(s, &end, 10);
	if (*end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static const char *screened(struct import *im, size_t row, const char *field, const char *s)
{
	if (!*s)
		return NULL;
	if (strlen(s) > 64) {
		row_error(im, row, field, "is longer than 64 characters");
		return NULL;
	}
	if (pnr_find(s, NULL, NULL))
		row_error(im, row, field, "looks like a personnummer; the register holds none");
	return s;
}

/* One CSV data row (fields as the header ordered them via @p cols). */
static void csv_row(struct import *im, size_t row, char **f, size_t n, const int cols[C_N])
{
	struct budget_line_in *in = &im->rows[im->nrows++];
	const char *v[C_N];
	for (int c = 0; c < C_N; c++)
		v[c] = cols[c] >= 0 && (size_t)cols[c] < n ? f[cols[c]] : "";
	in->month = IN_NULL;

	if (*v[C_UNIT_ID]) {
		if (!parse_plain_int(v[C_UNIT_ID], 1, INT64_MAX, &in->unit_id))
			row_error(im, row, "unit_id", "'%s' is not a unit id", v[C_UNIT_ID]);
		else if (!unit_known(im, in->unit_id))
			row_error(im, row, "unit_id", "%s names no unit", v[C_UNIT_ID]);
	} else if (*v[C_UNIT_CODE]) {
		struct unit_ref key = {0, (char *)v[C_UNIT_CODE]};
		const struct unit_ref *hit = bsearch(&key, im->by_code, im->nunits, sizeof key,
						     cmp_ref_code);
		if (hit)
			in->unit_id = hit->id;
		else
			row_error(im, row, "unit_code", "'%s' names no unit (codes match exactly)",
				  v[C_UNIT_CODE]);
	} else {
		row_error(im, row, "unit_id", "is required (or unit_code)");
	}
	in->activity = screened(im, row, "activity", v[C_ACTIVITY]);
	in->account = screened(im, row, "account", v[C_ACCOUNT]);
	if (!parse_plain_int(v[C_YEAR], PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &in->year))
		row_error(im, row, "year", "'%s' is not a year from %d to %d", v[C_YEAR],
			  PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	if (*v[C_MONTH] && !parse_plain_int(v[C_MONTH], 1, 12, &in->month))
		row_error(im, row, "month", "'%s' is not a month from 1 to 12 (empty for an "
			  "annual budget)", v[C_MONTH]);
	in->measure = NULL;
	for (int m = 0; measures[m]; m++)
		if (strcmp(v[C_MEASURE], measures[m]) == 0)
			in->measure = measures[m];
	if (!in->measure)
		row_error(im, row, "measure", "'%s' is not budget, outcome or forecast",
			  v[C_MEASURE]);
	else if (in->month == IN_NULL && !*v[C_MONTH] && strcmp(in->measure, "budget") != 0)
		row_error(im, row, "month", "is required for %s (only a budget may be annual)",
			  in->measure);
	const char *why = NULL;
	if (!money_parse_kr(v[C_AMOUNT], &in->amount_kr, &why))
		row_error(im, row, "amount_kr", "'%s': %s", v[C_AMOUNT], why ? why : "not valid");
}

static void import_csv(struct import *im, char *body, size_t len)
{
	struct csv_reader rd;
	char *f[32];
	size_t n;
	int cols[C_N];
	size_t lines = 1;

	for (size_t i = 0; i < len; i++)
		lines += body[i] == '\n';
	if (!rows_alloc(im, lines))
		return;
	csv_read_open(&rd, body, len);
	int rc = csv_read_row(&rd, f, 32, &n);
	if (rc <= 0) {
		row_error(im, 0, "header", "%s", rc < 0 ? rd.error : "the CSV has no header row");
		return;
	}
	for (int c = 0; c < C_N; c++)
		cols[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = 0;
		while (c < C_N && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == C_N)
			row_error(im, 0, f[i], "is not a known column (known: unit_id or unit_code, "
				  "activity, account, year, month, measure, amount_kr)");
		else
			cols[c] = (int)i;
	}
	if (cols[C_UNIT_ID] < 0 && cols[C_UNIT_CODE] < 0)
		row_error(im, 0, "unit_id", "the header needs a unit_id or unit_code column");
	for (int c = C_YEAR; c < C_N; c++)
		if (cols[c] < 0 && c != C_MONTH)
			row_error(im, 0, col_names[c], "the header needs this column");
	if (im->nerrors)
		return;
	size_t row = 0;
	/* every row but the last ends in a line feed, so `lines` rows are room enough */
	while (im->nrows < im->rows_cap && (rc = csv_read_row(&rd, f, 32, &n)) != 0) {
		row++;
		if (rc < 0) {
			row_error(im, row, "row", "line %zu: %s", rd.line, rd.error);
			return;
		}
		csv_row(im, row, f, n, cols);
	}
}

static enum db_rc import_tx(struct db *db, void *ctx)
{
	struct import *im = ctx;
	enum db_rc rc = db_budget_import(db, im->rows, im->nrows);
	if (rc == DB_OK) {
		json_t *after = json_pack("{s:I}", "rows", (json_int_t)im->nrows);
		rc = api_audit(im->r, db, "budget_import", 0, NULL, after);
		json_decref(after);
	}
	return rc;
}

/* POST /api/v1/budget-lines:import[?dry_run=true] — a JSON array of lines or CSV with a
 * header row; all or nothing. */
void api_budget_lines_import(struct req *r)
{
	struct import im = {.r = r};
	struct db *db;
	json_t *arr = NULL;
	const char *dry = req_query(r, "dry_run");
	const char *ct = req_header(r, "Content-Type");
	bool csv = ct && strncasecmp(ct, "text/csv", 8) == 0;

	if (dry && strcmp(dry, "true") != 0 && strcmp(dry, "false") != 0) {
		json_t *errors = NULL;
		problem_field(&errors, "dry_run", "must be true or false");
		reply_problem(r, 400, "invalid_query", errors, "query parameter dry_run is not valid");
		return;
	}
	bool dry_run = dry && strcmp(dry, "true") == 0;
	if (!csv) {
		if (req_json_or_reply(r, &arr))
			return;
		if (!json_is_array(arr)) {
			json_decref(arr);
			reply_problem(r, 400, "invalid_body", NULL,
				      "the import takes a JSON array of budget lines (or text/csv)");
			return;
		}
	} else if (!r->body || r->body_len == 0) {
		reply_problem(r, 400, "body_required", NULL, "this request needs a CSV body");
		return;
	}
	if (api_db_or_reply(r, &db))
		goto cleanup;
	enum db_rc rc = db_budget_units(db, collect_unit, &im);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		goto cleanup;
	}
	im.by_code = malloc((im.nunits ? im.nunits : 1) * sizeof *im.by_code);
	if (!im.by_code) {
		reply_problem(r, 503, "out_of_memory", NULL, "could not hold the import");
		goto cleanup;
	}
	memcpy(im.by_code, im.by_id, im.nunits * sizeof *im.by_id);
	qsort(im.by_id, im.nunits, sizeof *im.by_id, cmp_ref_id);
	qsort(im.by_code, im.nunits, sizeof *im.by_code, cmp_ref_code);

	if (csv)
		import_csv(&im, r->body, r->body_len);
	else
		import_json(&im, arr);
	if (!im.rows) {
		reply_problem(r, 503, "out_of_memory", NULL, "could not hold the import");
		goto cleanup;
	}
	if (im.nerrors) {
		reply_problem(r, 422, "invalid_rows", im.errors, "%zu error%s in the import; nothing "
			      "was stored%s", im.nerrors, im.nerrors == 1 ? "" : "s",
			      im.nerrors > IMPORT_MAX_ERRORS ? " (the first 100 are listed)" : "");
		im.errors = NULL;
		goto cleanup;
	}
	if (dry_run) {
		reply_json(r, 200, json_pack("{s:b, s:I, s:I}", "dry_run", 1, "valid_rows",
					     (json_int_t)im.nrows, "imported", (json_int_t)0));
		goto cleanup;
	}
	rc = db_write(db, import_tx, &im);
	if (rc == DB_INVALID) {
		reply_problem(r, 422, "out_of_range", NULL, "the imported amounts add up beyond "
			      "the range of amounts (±9e15 kr); nothing was stored");
		goto cleanup;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "budget line");
		goto cleanup;
	}
	reply_json(r, 201, json_pack("{s:b, s:I, s:I}", "dry_run", 0, "valid_rows",
				     (json_int_t)im.nrows, "imported", (json_int_t)im.nrows));
cleanup:
	import_free(&im);
	json_decref(arr);
}

/* ==== settings ============================================================================ */

struct settings_in {
	json_t *profile;       /* borrowed; NULL or null for linear */
	int64_t yellow_bp;
};

static const struct in_field settings_spec[] = {
	IN_FIELD("profile", IN_JSON, struct settings_in, profile, IN_NULLABLE),
	{"yellow_bp", IN_INT, offsetof(struct settings_in, yellow_bp), 0, 0, MONEY_YELLOW_BP_MAX,
	 NULL},
	IN_FIELD("unit_id", IN_IGNORE, struct settings_in, profile, 0),
	IN_FIELD("version", IN_IGNORE, struct settings_in, profile, 0),
	IN_FIELD("inherited", IN_IGNORE, struct settings_in, profile, 0),
	{0}
};

/* GET /api/v1/units/{id}/budget-settings — the unit's own settings, or the defaults. */
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
		if (rc == DB_NOT_FOUND) {
			rc = DB_OK;
			s = json_pack("{s:I, s:n, s:i, s:i, s:b}", "unit_id", (json_int_t)id,
				      "profile", "yellow_bp", MONEY_YELLOW_BP_DEFAULT, "version", 0,
				      "inherited", 1);
		} else if (rc == DB_OK) {
			json_object_set_new(s, "inherited", json_false());
		}
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return;
	}
	reply_resource(r, 200, s);
}

struct settings_write {
	struct req *r;
	int64_t unit_id, version;
	char *profile;         /* owned JSON text or NULL */
	int64_t yellow_bp;
	json_t *after;         /* owned */
};

static enum db_rc settings_tx(struct db *db, void *ctx)
{
	struct settings_write *w = ctx;
	json_t *unit = NULL;
	enum db_rc rc = db_units_get(db, w->unit_id, &unit);
	json_decref(unit);
	if (rc == DB_OK)
		rc = db_budget_settings_put(db, w->unit_id, w->version, w->profile, w->yellow_bp);
	if (rc == DB_OK)
		rc = db_budget_settings_get(db, w->unit_id, &w->after);
	if (rc == DB_OK)
		rc = api_audit(w->r, db, "budget_settings", w->unit_id, NULL, w->after);
	return rc;
}

/* PUT /api/v1/units/{id}/budget-settings {profile: [12 weights] | null, yellow_bp} */
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

/* ==== rollup ============================================================================== */

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
