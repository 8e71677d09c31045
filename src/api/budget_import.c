/*
 * POST /api/v1/budget-lines:import — bulk loading of budget lines as the financial system
 * exports them (CSV with `;` or `,`, UTF-8 with or without BOM, Swedish number forms) or as a
 * JSON array.  All or nothing: every row is validated and every error is reported with its
 * row and field; `?dry_run=true` stops there.  Units may be named by id or by code, never
 * guessed from names.  Besides the ledger fact itself a row may say its ledger (drift or
 * investering), project, budget kind (original or change) and decision (date, reference).
 *
 * A year's ledger is a million lines, so the body is read as it arrives (import.h): each row
 * is checked as soon as its record is in, and a valid line is staged by the database layer
 * outside memory and outside the main database's lock (db_budget_stage_*).  Once a row has
 * failed nothing more is staged, as nothing will be stored; the rows are still checked, so
 * the reply names every error.  At the end of the body the staged lines are checked against
 * the period locks and stored in one short transaction with their audit entry.  A dry run
 * stages and sums its lines alike, so it judges what the import would (amounts whose sum
 * leaves the range included) and only the store is left out.  Memory holds one record, the
 * units, the sums per aggregate key and at most 100 errors, whatever the size of the body.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/api.h"
#include "folja/date.h"
#include "folja/db_budget.h"
#include "folja/input.h"
#include "folja/money.h"
#include "folja/pnr.h"
#include "folja/resource.h"

#include "budget.h"
#include "import.h"

enum col { C_UNIT_ID, C_UNIT_CODE, C_ACTIVITY, C_ACCOUNT, C_YEAR, C_MONTH, C_MEASURE, C_AMOUNT,
	   C_LEDGER, C_PROJECT, C_KIND, C_DECIDED_ON, C_DECISION_REF, C_MUNICIPALITY, C_N };

/* One upload, from open() to finish() or abort(). */
struct import {
	struct import_stream in;       /* the body being read, the row errors */
	struct db *db;                 /* borrowed: this thread's connection */
	struct import_units units;     /* owned: the units rows may name */
	int cols[C_N];                 /* CSV: which field of a row holds each column (-1: none) */
	struct db_budget_stage *stage; /* owned: the valid lines so far; NULL once the import
					  cannot be stored */
	bool out_of_range;             /* an aggregate's sum left ±9e15 kr */
	json_t *locked;                /* owned: the rows a period lock closes; NULL for none */
	size_t nlocked;
	struct resource_error lock_err; /* an override that may not pass */
	char sha256[API_SHA256_HEX];   /* the body's, once it is all in */
};

/* ==== a checked row ======================================================================= */

/* Whether the import can still be stored (or, in a dry run, would be): nothing has failed. */
static bool storable(const struct import *im)
{
	return im->stage && !im->in.nerrors && !im->out_of_range;
}

/*
 * Every row that passed its own checks comes here, once: the one place for checks of a row
 * against what is stored, before it is staged.  The line's strings are borrowed for the call.
 * False when the upload must stop (a storage failure, replied).
 */
static bool row_checked(struct import *im, size_t row, const struct budget_line_in *in)
{
	(void)row;  /* for the errors of such checks */
	if (!storable(im))
		return true;
	enum db_rc rc = db_budget_stage_add(im->stage, in);
	if (rc == DB_INVALID)
		im->out_of_range = true;
	else if (rc != DB_OK)
		api_db_error(im->in.r, rc, "budget line");
	return rc == DB_OK || rc == DB_INVALID;
}

/* ==== JSON rows =========================================================================== */

/* An element of the array: a line object, checked like a POST. */
static bool json_row(void *ctx, size_t row, json_t *obj)
{
	struct import *im = ctx;
	struct budget_line_in in = {0};
	json_t *errs = NULL;
	if (!json_is_object(obj)) {
		import_row_error(&im->in, row, "row", "must be an object");
		return true;
	}
	input_parse(obj, budget_line_spec, &in, &errs, NULL);
	budget_line_rules(&in, &errs);
	enum unit_match m = errs ? UNIT_FOUND : import_unit_id(&im->units, in.unit_id, NULL);
	if (m == UNIT_UNKNOWN)
		problem_field(&errs, "unit_id", "names no unit");
	else  /* outside the token's scope */
		import_unit_error(&im->in, &im->units, row, "unit_id", m, NULL, NULL, in.unit_id);
	if (errs || m != UNIT_FOUND) {
		import_row_errors(&im->in, row, errs);
		return true;
	}
	return row_checked(im, row, &in);
}

/* ==== CSV rows ============================================================================ */

static const char *const col_names[C_N] = {"unit_id", "unit_code", "activity", "account",
	"year", "month", "measure", "amount_kr", "ledger", "project", "budget_kind", "decided_on",
	"decision_ref", "municipality_code"};
/* The columns every CSV must have (a unit column aside). */
#define C_LAST_REQUIRED C_AMOUNT

/* A text field of at most @p max bytes, screened for personnummer; NULL when empty. */
static const char *screened_max(struct import *im, size_t row, const char *field,
				const char *s, size_t max)
{
	if (!*s)
		return NULL;
	if (!utf8_valid(s, strlen(s))) {
		/* Stored as is, the bytes would make every later JSON reply of the line fail. */
		import_row_error(&im->in, row, field, "is not UTF-8 text (save the CSV as UTF-8)");
		return NULL;
	}
	if (strlen(s) > max) {
		import_row_error(&im->in, row, field, "is longer than %zu characters", max);
		return NULL;
	}
	if (pnr_find(s, NULL, NULL))
		import_row_error(&im->in, row, field,
				 "looks like a personnummer; the register holds none");
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
	import_row_error(&im->in, row, field, "'%s' is not %s or %s", s, choices[0], choices[1]);
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
		import_row_error(&im->in, row, "decided_on", "'%s' is not a date (YYYY-MM-DD)",
				 v[C_DECIDED_ON]);
	in->decision_ref = screened_max(im, row, "decision_ref", v[C_DECISION_REF], 200);
}

/* The unit column: an id, or a code matched exactly (within the row's municipality_code
 * when it gives one); the unit must lie in the token's scope. */
static void csv_unit(struct import *im, size_t row, const char *const v[C_N],
		     struct budget_line_in *in)
{
	const char *muni, *code = v[C_UNIT_CODE], *field = *v[C_UNIT_ID] ? "unit_id" : "unit_code";
	enum unit_match m = UNIT_FOUND;
	if (!import_municipality(&im->in, row, v[C_MUNICIPALITY], &muni))
		return;
	if (*v[C_UNIT_ID]) {
		if (!import_plain_int(v[C_UNIT_ID], 1, INT64_MAX, &in->unit_id))
			import_row_error(&im->in, row, "unit_id", "'%s' is not a unit id",
					 v[C_UNIT_ID]);
		else if ((m = import_unit_id(&im->units, in->unit_id, muni)) == UNIT_UNKNOWN)
			import_row_error(&im->in, row, "unit_id", "%s names no unit", v[C_UNIT_ID]);
		code = NULL;
	} else if (*code) {
		if ((m = import_unit_code(&im->units, code, muni, &in->unit_id)) == UNIT_UNKNOWN)
			import_row_error(&im->in, row, "unit_code", "'%s' names no unit (codes "
					 "match exactly)", code);
	} else {
		import_row_error(&im->in, row, "unit_id", "is required (or unit_code)");
	}
	import_unit_error(&im->in, &im->units, row, field, m, code, muni, in->unit_id);
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
		import_row_error(&im->in, row, "measure", "'%s' is not budget, outcome or forecast",
				 v[C_MEASURE]);
	} else if (in->month != IN_NULL || !*v[C_MONTH]) {
		/* a month given but not valid has had its error already */
		json_t *errs = NULL;
		budget_line_rules(in, &errs);
		import_row_errors(&im->in, row, errs);
	}
}

/* One CSV data row (fields as the header ordered them). */
static bool csv_row(void *ctx, size_t row, char **f, size_t n)
{
	struct import *im = ctx;
	struct budget_line_in in = {.month = IN_NULL};
	const char *v[C_N];
	size_t before = im->in.nerrors;
	for (int c = 0; c < C_N; c++)
		v[c] = im->cols[c] >= 0 && (size_t)im->cols[c] < n ? f[im->cols[c]] : "";

	csv_unit(im, row, v, &in);
	in.activity = screened(im, row, "activity", v[C_ACTIVITY]);
	in.account = screened(im, row, "account", v[C_ACCOUNT]);
	if (!import_plain_int(v[C_YEAR], PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, &in.year))
		import_row_error(&im->in, row, "year", "'%s' is not a year from %d to %d",
				 v[C_YEAR], PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	if (*v[C_MONTH] && !import_plain_int(v[C_MONTH], 1, 12, &in.month))
		import_row_error(&im->in, row, "month", "'%s' is not a month from 1 to 12 (empty "
				 "for an annual budget)", v[C_MONTH]);
	csv_economy(im, row, v, &in);
	csv_measure(im, row, v, &in);
	const char *why = NULL;
	if (!money_parse_kr(v[C_AMOUNT], &in.amount_kr, &why))
		import_row_error(&im->in, row, "amount_kr", "'%s': %s", v[C_AMOUNT],
				 why ? why : "not valid");
	return im->in.nerrors > before || row_checked(im, row, &in);
}

/* The header row: which field holds which column.  False (with the errors recorded) when a
 * column is unknown or a needed one missing. */
static bool csv_header(void *ctx, char **f, size_t n)
{
	struct import *im = ctx;
	int *cols = im->cols;
	for (int c = 0; c < C_N; c++)
		cols[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = 0;
		while (c < C_N && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == C_N)
			import_row_error(&im->in, 0, f[i], "is not a known column (known: unit_id or "
				"unit_code, activity, account, year, month, measure, amount_kr, "
				"ledger, project, budget_kind, decided_on, decision_ref, "
				"municipality_code)");
		else
			cols[c] = (int)i;
	}
	if (cols[C_UNIT_ID] < 0 && cols[C_UNIT_CODE] < 0)
		import_row_error(&im->in, 0, "unit_id", "the header needs a unit_id or unit_code "
				 "column");
	for (int c = C_YEAR; c <= C_LAST_REQUIRED; c++)
		if (cols[c] < 0 && c != C_MONTH)
			import_row_error(&im->in, 0, col_names[c], "the header needs this column");
	return im->in.nerrors == 0;
}

/* ==== the upload ========================================================================== */

static const struct import_handlers handlers = {
	.header = csv_header,
	.row = csv_row,
	.element = json_row,
	.max_fields = IMPORT_MAX_FIELDS,
	.takes = "the import takes a JSON array of budget lines (or text/csv)",
};

static void import_free(struct import *im)
{
	if (!im)
		return;
	import_units_free(&im->units);
	db_budget_stage_free(im->stage);
	import_stream_free(&im->in);
	json_decref(im->locked);
	free(im);
}

/* The headers passed: the units, the staging of the lines (a dry run's too: the end of the
 * body judges the same lines whichever it is). */
static void *import_open(struct req *r)
{
	struct import *im = calloc(1, sizeof *im);
	if (!im)
		return NULL;
	import_stream_init(&im->in, r, &handlers, im,
			   REQ_QUERY(r, struct lock_override_params)->dry_run);
	if (api_db_or_reply(r, &im->db) || import_units_or_reply(r, im->db, &im->units))
		goto refused;
	enum db_rc rc = db_budget_stage_open(im->db, &im->stage);
	if (rc == DB_OK)
		return im;
	api_db_error(r, rc, "budget line");
refused:
	import_free(im);
	return NULL;
}

/* Ends a piece of the body: what was staged is committed, or dropped once nothing can be
 * stored.  False after replying when staging failed. */
static bool piece_end(struct import *im)
{
	if (im->stage && !storable(im)) {
		db_budget_stage_free(im->stage);
		im->stage = NULL;
	}
	enum db_rc rc = im->stage ? db_budget_stage_flush(im->stage) : DB_OK;
	if (rc != DB_OK)
		api_db_error(im->in.r, rc, "budget line");
	return rc == DB_OK;
}

static bool import_write(struct req *r, void *state, const char *data, size_t n)
{
	struct import *im = state;
	im->in.r = r;
	return import_stream_feed(&im->in, data, n) && piece_end(im);
}

static void import_abort(void *state)
{
	import_free(state);
}

/* ==== the end ============================================================================= */

/* api_period_lock_rows()'s source of lines: the staged ones, which are every row. */
static enum db_rc staged_lines(void *src, api_lock_row_fn fn, void *check)
{
	return db_budget_stage_each(src, fn, check);
}

/* The period locks over the staged lines, in the store's transaction or a dry run's read:
 * DB_INVALID with the closed rows, or the refusal of an override, kept for the reply. */
static enum db_rc locks_check(struct db *db, void *ctx)
{
	struct import *im = ctx;
	return api_period_lock_rows(im->in.r, db, staged_lines, im->stage, &im->locked,
				    &im->nlocked, &im->lock_err);
}

/* Replies the refusal of rows a period lock closes, when there is one. */
static bool locked_or_reply(struct import *im)
{
	if (im->locked) {
		reply_problem(im->in.r, 422, "period_locked", im->locked, "%zu row%s in a closed "
			      "period; nothing was stored", im->nlocked,
			      im->nlocked == 1 ? " lies" : "s lie");
		im->locked = NULL;
		return true;
	}
	if (!im->lock_err.code)
		return false;
	api_lock_error_reply(im->in.r, &im->lock_err);
	return true;
}

/* The audit keeps the row count and the body's digest (after), not the rows: an import is as
 * large as the financial system's export.  Before is null: an import only inserts new lines,
 * it never replaces or changes a stored one (the aggregates it updates are derived from the
 * lines, not facts of their own).  The locks are checked here, where no lock can come
 * between the check and the store. */
static enum db_rc import_tx(struct db *db, void *ctx)
{
	struct import *im = ctx;
	json_t *after = NULL;
	enum db_rc rc = locks_check(db, im);
	if (rc == DB_OK)
		rc = db_budget_stage_commit(db, im->stage);
	if (rc == DB_OK && !(after = json_pack("{s:I, s:s}", "rows", (json_int_t)im->in.rows,
					       "sha256", im->sha256)))
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = api_audit(im->in.r, db, "budget_import", 0, NULL, after);
	json_decref(after);
	return rc;
}

/* Replies 422 out_of_range, and returns true, when the amounts of a key add up (in the import
 * or, @p rc DB_INVALID from the store, with what is stored) beyond the range of amounts. */
static bool range_or_reply(struct import *im, enum db_rc rc)
{
	if (!im->out_of_range && rc != DB_INVALID)
		return false;
	reply_problem(im->in.r, 422, "out_of_range", NULL, "the imported amounts add up beyond the "
		      "range of amounts (±9e15 kr); nothing was stored");
	return true;
}

/* Stores the staged lines in one transaction with their audit entry, and replies. */
static void import_store(struct import *im)
{
	import_stream_sha256(&im->in, im->sha256);
	enum db_rc rc = db_write(im->db, import_tx, im);
	if ((rc == DB_INVALID && locked_or_reply(im)) || range_or_reply(im, rc))
		return;
	if (rc != DB_OK)
		api_db_error(im->in.r, rc, "budget line");
	else
		import_reply_done(&im->in, im->in.rows);
}

/* A dry run's end: the locks over the lines, as the store would find them now. */
static void import_try(struct import *im)
{
	enum db_rc rc = db_read(im->db, locks_check, im);
	if (rc == DB_INVALID && locked_or_reply(im))
		return;
	if (rc != DB_OK)
		api_db_error(im->in.r, rc, "budget line");
	else
		import_reply_done(&im->in, im->in.rows);
}

/* The whole body is in: the row errors, a dry run's count, or the lines stored. */
static void import_finish(struct req *r, void *state)
{
	struct import *im = state;
	im->in.r = r;
	if (import_stream_end_or_reply(&im->in) || !piece_end(im) ||
	    import_errors_or_reply(&im->in) || range_or_reply(im, DB_OK))
		goto cleanup;
	if (im->in.dry_run)
		import_try(im);
	else
		import_store(im);
cleanup:
	import_free(im);
}

/* POST /api/v1/budget-lines:import[?dry_run=true] — a JSON array of lines or CSV with a
 * header row; all or nothing. */
const struct body_stream api_budget_lines_import = {
	.open = import_open,
	.write = import_write,
	.finish = import_finish,
	.abort = import_abort,
};
