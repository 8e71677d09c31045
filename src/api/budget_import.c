/*
 * POST /api/v1/budget-lines:import — bulk loading of budget lines as the financial system
 * exports them (CSV with `;` or `,`, UTF-8 with or without BOM, Swedish number forms) or as a
 * JSON array.  All or nothing: every row is validated first and every error is reported with
 * its row and field; `?dry_run=true` stops there.  Units may be named by id or by code, never
 * guessed from names.  Besides the ledger fact itself a row may say its ledger (drift or
 * investering), project, budget kind (original or change) and decision (date, reference).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/csv_read.h"
#include "folja/date.h"
#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/pnr.h"
#include "folja/resource.h"

#include "budget.h"

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
	bool oom;                      /* a unit could not be kept: the import cannot be checked */
	json_t *locked;                /* owned: the rows a period lock closes; NULL for none */
	size_t nlocked;
	struct resource_error lock_err; /* an override that may not pass */
	char sha256[API_SHA256_HEX];   /* of the body as received, before the CSV reader cuts it */
};

/* db_budget_units()'s callback: keeps one unit (a NULL code is storage out of memory). */
static void collect_unit(void *ctx, int64_t id, const char *code)
{
	struct import *im = ctx;
	if (im->oom || !code) {
		im->oom = true;
		return;
	}
	if (im->nunits == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct unit_ref *g = realloc(im->by_id, cap * sizeof *g);
		if (!g) {
			im->oom = true;
			return;
		}
		im->by_id = g;
		im->cap = cap;
	}
	char *copy = strdup(code);
	if (!copy) {
		im->oom = true;
		return;
	}
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
	json_decref(im->locked);
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

/* Records each {field, message} of @p errs (stolen, may be NULL) as an error of row @p row. */
static void row_errors(struct import *im, size_t row, json_t *errs)
{
	size_t k;
	json_t *e;
	json_array_foreach(errs, k, e)
		row_error(im, row, json_string_value(json_object_get(e, "field")), "%s",
			  json_string_value(json_object_get(e, "message")));
	json_decref(errs);
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
		input_parse(obj, budget_line_spec, in, &errs, NULL);
		budget_line_rules(in, &errs);
		if (!errs && !unit_known(im, in->unit_id))
			problem_field(&errs, "unit_id", "names no unit");
		row_errors(im, i + 1, errs);
	}
}

enum col { C_UNIT_ID, C_UNIT_CODE, C_ACTIVITY, C_ACCOUNT, C_YEAR, C_MONTH, C_MEASURE, C_AMOUNT,
	   C_LEDGER, C_PROJECT, C_KIND, C_DECIDED_ON, C_DECISION_REF, C_N };
static const char *const col_names[C_N] = {"unit_id", "unit_code", "activity", "account",
	"year", "month", "measure", "amount_kr", "ledger", "project", "budget_kind", "decided_on",
	"decision_ref"};
/* The columns every CSV must have (a unit column aside). */
#define C_LAST_REQUIRED C_AMOUNT

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

/* A text field of at most @p max bytes, screened for personnummer; NULL when empty. */
static const char *screened_max(struct import *im, size_t row, const char *field,
				const char *s, size_t max)
{
	if (!*s)
		return NULL;
	if (!utf8_valid(s, strlen(s))) {
		/* Stored as is, the bytes would make every later JSON reply of the line fail. */
		row_error(im, row, field, "is not UTF-8 text (save the CSV as UTF-8)");
		return NULL;
	}
	if (strlen(s) > max) {
		row_error(im, row, field, "is longer than %zu characters", max);
		return NULL;
	}
	if (pnr_find(s, NULL, NULL))
		row_error(im, row, field, "looks like a personnummer; the register holds none");
	return s;
}

static const char *screened(struct import *im, size_t row, const char *field, const char *s)
{
	return screened_max(im, row, field, s, 64);
}

/* One of @p choices (NULL-terminated), or NULL when empty: the default. */
static const char *choice(struct import *im, size_t row, const char *field, const char *s,
			  const char *const *choices)
{
	if (!*s)
		return NULL;
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return choices[i];
	row_error(im, row, field, "'%s' is not %s or %s", s, choices[0], choices[1]);
	return NULL;
}

/* The economy's columns: ledger, project, budget kind, the decision's date and reference. */
static void csv_economy(struct import *im, size_t row, const char *const v[C_N],
			struct budget_line_in *in)
{
	struct date d;
	in->ledger = choice(im, row, "ledger", v[C_LEDGER], budget_ledgers);
	in->project = screened(im, row, "project", v[C_PROJECT]);
	in->budget_kind = choice(im, row, "budget_kind", v[C_KIND], budget_kinds);
	in->decided_on = *v[C_DECIDED_ON] ? v[C_DECIDED_ON] : NULL;
	if (in->decided_on && !date_parse(in->decided_on, &d))
		row_error(im, row, "decided_on", "'%s' is not a date (YYYY-MM-DD)",
			  v[C_DECIDED_ON]);
	in->decision_ref = screened_max(im, row, "decision_ref", v[C_DECISION_REF], 200);
}

/* The unit column: an id, or a code matched exactly. */
static void csv_unit(struct import *im, size_t row, const char *const v[C_N],
		     struct budget_line_in *in)
{
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
}

/* The measure, and the rules across fields once it is known. */
static void csv_measure(struct import *im, size_t row, const char *const v[C_N],
			struct budget_line_in *in)
{
	in->measure = NULL;
	for (int m = 0; budget_measures[m]; m++)
		if (strcmp(v[C_MEASURE], budget_measures[m]) == 0)
			in->measure = budget_measures[m];
	if (!in->measure) {
		row_error(im, row, "measure", "'%s' is not budget, outcome or forecast",
			  v[C_MEASURE]);
	} else if (in->month != IN_NULL || !*v[C_MONTH]) {
		/* a month given but not valid has had its error already */
		json_t *errs = NULL;
		budget_line_rules(in, &errs);
		row_errors(im, row, errs);
	}
}

/* One CSV data row (fields as the header ordered them via @p cols). */
static void csv_row(struct import *im, size_t row, char **f, size_t n, const int cols[C_N])
{
	struct budget_line_in *in = &im->rows[im->nrows++];
	const char *v[C_N];
	for (int c = 0; c < C_N; c++)
		v[c] = cols[c] >= 0 && (size_t)cols[c] < n ? f[cols[c]] : "";
	in->month = IN_NULL;

	csv_unit(im, row, v, in);
	in->activity = screened(im, row, "activity", v[C_ACTIVITY]);
	in->account = screened(im, row, "account", v[C_ACCOUNT]);
	if (!parse_plain_int(v[C_YEAR], PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &in->year))
		row_error(im, row, "year", "'%s' is not a year from %d to %d", v[C_YEAR],
			  PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	if (*v[C_MONTH] && !parse_plain_int(v[C_MONTH], 1, 12, &in->month))
		row_error(im, row, "month", "'%s' is not a month from 1 to 12 (empty for an "
			  "annual budget)", v[C_MONTH]);
	csv_economy(im, row, v, in);
	csv_measure(im, row, v, in);
	const char *why = NULL;
	if (!money_parse_kr(v[C_AMOUNT], &in->amount_kr, &why))
		row_error(im, row, "amount_kr", "'%s': %s", v[C_AMOUNT], why ? why : "not valid");
}

/* The header row: which field holds which column.  False (with the errors recorded) when a
 * column is unknown or a needed one missing. */
static bool csv_header(struct import *im, char **f, size_t n, int cols[C_N])
{
	for (int c = 0; c < C_N; c++)
		cols[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = 0;
		while (c < C_N && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == C_N)
			row_error(im, 0, f[i], "is not a known column (known: unit_id or unit_code, "
				  "activity, account, year, month, measure, amount_kr, ledger, project, "
				  "budget_kind, decided_on, decision_ref)");
		else
			cols[c] = (int)i;
	}
	if (cols[C_UNIT_ID] < 0 && cols[C_UNIT_CODE] < 0)
		row_error(im, 0, "unit_id", "the header needs a unit_id or unit_code column");
	for (int c = C_YEAR; c <= C_LAST_REQUIRED; c++)
		if (cols[c] < 0 && c != C_MONTH)
			row_error(im, 0, col_names[c], "the header needs this column");
	return im->nerrors == 0;
}

/* A CSV body: a header row, then one line per row. */
static void import_csv(struct import *im, char *body, size_t len)
{
	struct csv_reader rd;
	char *f[32];
	size_t n, lines = 1;
	int cols[C_N];

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
	if (!csv_header(im, f, n, cols))
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

/* The audit keeps the row count and the body's digest (after), not the rows: an import is as
 * large as the financial system's export.  Before is null: an import only inserts new lines,
 * it never replaces or changes a stored one (the aggregates it updates are derived from the
 * lines, not facts of their own). */
static enum db_rc import_tx(struct db *db, void *ctx)
{
	struct import *im = ctx;
	json_t *after = NULL;
	enum db_rc rc = api_period_lock_rows(im->r, db, im->rows, im->nrows, &im->locked,
					     &im->nlocked, &im->lock_err);
	if (rc == DB_OK)
		rc = db_budget_import(db, im->rows, im->nrows);
	if (rc == DB_OK && !(after = json_pack("{s:I, s:s}", "rows", (json_int_t)im->nrows,
					       "sha256", im->sha256)))
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = api_audit(im->r, db, "budget_import", 0, NULL, after);
	json_decref(after);
	return rc;
}

/* The body's rows as JSON (*arr, a new reference) or, for text/csv, left in the body; replies
 * 400 and returns true when it is neither a JSON array nor a non-empty CSV. */
static bool import_body_or_reply(struct req *r, bool csv, json_t **arr)
{
	*arr = NULL;
	if (csv) {
		if (r->body && r->body_len > 0)
			return false;
		reply_problem(r, 400, "body_required", NULL, "this request needs a CSV body");
		return true;
	}
	if (req_json_or_reply(r, arr))
		return true;
	if (json_is_array(*arr))
		return false;
	json_decref(*arr);
	*arr = NULL;
	reply_problem(r, 400, "invalid_body", NULL,
		      "the import takes a JSON array of budget lines (or text/csv)");
	return true;
}

/* The units rows may name, by id and by code; replies (storage error, 503) and returns true
 * on failure. */
static bool import_units_or_reply(struct req *r, struct db *db, struct import *im)
{
	enum db_rc rc = db_budget_units(db, collect_unit, im);
	if (rc != DB_OK) {
		api_db_error(r, rc, "unit");
		return true;
	}
	im->by_code = im->oom ? NULL : malloc((im->nunits ? im->nunits : 1) * sizeof *im->by_code);
	if (!im->by_code) {
		reply_oom(r);
		return true;
	}
	if (im->nunits) {  /* by_id is NULL without units; memcpy/qsort must not see NULL */
		memcpy(im->by_code, im->by_id, im->nunits * sizeof *im->by_id);
		qsort(im->by_id, im->nunits, sizeof *im->by_id, cmp_ref_id);
		qsort(im->by_code, im->nunits, sizeof *im->by_code, cmp_ref_code);
	}
	return false;
}

/* Reads and checks every row (CSV from the body, else @p arr); replies 422 with the row
 * errors (or 503) and returns true when the import cannot be stored. */
static bool import_rows_or_reply(struct req *r, struct import *im, bool csv, json_t *arr)
{
	if (csv)
		import_csv(im, r->body, r->body_len);
	else
		import_json(im, arr);
	if (!im->rows) {
		reply_oom(r);
		return true;
	}
	if (!im->nerrors)
		return false;
	reply_problem(r, 422, "invalid_rows", im->errors, "%zu error%s in the import; nothing "
		      "was stored%s", im->nerrors, im->nerrors == 1 ? "" : "s",
		      im->nerrors > IMPORT_MAX_ERRORS ? " (the first 100 are listed)" : "");
	im->errors = NULL;
	return true;
}

/* Replies the refusal of rows a period lock closes, when there is one. */
static bool import_locked_or_reply(struct req *r, struct import *im)
{
	if (im->locked) {
		reply_problem(r, 422, "period_locked", im->locked, "%zu row%s in a closed period; "
			      "nothing was stored", im->nlocked, im->nlocked == 1 ? " lies" : "s lie");
		im->locked = NULL;
		return true;
	}
	if (!im->lock_err.code)
		return false;
	api_lock_error_reply(r, &im->lock_err);
	return true;
}

/* Stores the checked rows in one transaction with their audit entry, and replies. */
static void import_store(struct req *r, struct db *db, struct import *im)
{
	enum db_rc rc = db_write(db, import_tx, im);
	if (rc == DB_INVALID && import_locked_or_reply(r, im))
		return;
	if (rc == DB_INVALID) {
		reply_problem(r, 422, "out_of_range", NULL, "the imported amounts add up beyond "
			      "the range of amounts (±9e15 kr); nothing was stored");
		return;
	}
	if (rc != DB_OK) {
		api_db_error(r, rc, "budget line");
		return;
	}
	reply_json(r, 201, json_pack("{s:b, s:I, s:I}", "dry_run", 0, "valid_rows",
				     (json_int_t)im->nrows, "imported", (json_int_t)im->nrows));
}

/* POST /api/v1/budget-lines:import[?dry_run=true] — a JSON array of lines or CSV with a
 * header row; all or nothing. */
void api_budget_lines_import(struct req *r)
{
	struct import im = {.r = r};
	struct db *db;
	json_t *arr;
	bool dry_run = REQ_QUERY(r, struct lock_override_params)->dry_run;
	const char *ct = req_header(r, "Content-Type");
	bool csv = ct && strncasecmp(ct, "text/csv", 8) == 0;

	if (!dry_run)  /* before the CSV reader cuts the body up in place */
		api_body_sha256(r, im.sha256);
	if (import_body_or_reply(r, csv, &arr))
		return;
	if (api_db_or_reply(r, &db) || import_units_or_reply(r, db, &im) ||
	    import_rows_or_reply(r, &im, csv, arr))
		goto cleanup;
	if (dry_run && api_period_lock_rows(r, db, im.rows, im.nrows, &im.locked, &im.nlocked,
					    &im.lock_err) == DB_INVALID &&
	    import_locked_or_reply(r, &im))
		goto cleanup;
	if (dry_run)
		reply_json(r, 200, json_pack("{s:b, s:I, s:I}", "dry_run", 1, "valid_rows",
					     (json_int_t)im.nrows, "imported", (json_int_t)0));
	else
		import_store(r, db, &im);
cleanup:
	import_free(&im);
	json_decref(arr);
}
