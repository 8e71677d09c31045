/*
 * POST /api/v1/statistics/{id}:import — bulk loading of a statistic's facts, in the manner of
 * the budget import: all or nothing, every row checked first and every error named by row and
 * field, `?dry_run=true` stopping there.  Three shapes are taken:
 *   - CSV (text/csv; `;` or `,`, UTF-8 with or without BOM, Swedish number forms such as
 *     "1 510" and "8,74"): a header naming unit_id or unit_code, period, one column per
 *     dimension (its value code; empty for the total over it), and value, numerator,
 *     denominator, share, population, null_reason, note, synthetic as needed;
 *   - a JSON array of facts as POST /api/v1/statistic-facts takes them (without
 *     statistic_id; unit_code may stand for unit_id);
 *   - a JSON object in Kolada's value shape {values: [{kpi, municipality, period, values:
 *     [{gender, value, status?, count?}]}]}: the municipality names the unit holding its
 *     municipality code, the period a year, gender T the total and K or M the value of the
 *     statistic's `gender` dimension.  A ratio's Kolada value is a given value.
 * Rows are judged by the functions single writes use (api_stat_dims, api_stat_form).  A row
 * whose fact is stored already, or that repeats another row's fact, is an error: an import
 * adds facts and never silently replaces one.
 *
 * The body is read as it arrives (import.h): each row is judged as soon as its record is in
 * and staged by the database layer (db_statistic_stage_*), with its errors or without, since
 * at the end every row is compared with its neighbours in the facts' order for twins.  Then
 * the errors are replied, or the stored facts looked for (a dry run), or the rows stored in
 * one short transaction.  Kolada's object is read whole, up to --max-body: it is a page of
 * Kolada's API, not a year's ledger.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folja/api.h"
#include "folja/csv_read.h"
#include "folja/input.h"
#include "folja/pnr.h"

#include "import.h"
#include "statistics.h"

/* One upload, from open() to finish() or abort(). */
struct import {
	struct import_stream in;        /* the body being read, the row errors */
	struct db *db;                  /* borrowed: this thread's connection */
	struct statistic_set set;       /* owned: the statistic */
	const struct statistic *def;    /* &set.def */
	struct import_units units;      /* owned: the units rows may name */
	struct cols *cols;              /* owned: CSV, which field holds which column */
	struct statistic_row row;       /* the row being read; its strings borrowed from it */
	size_t nrows;                   /* rows read (a Kolada entry gives one per value) */
	struct db_statistic_stage *stage;  /* owned: every row read so far */
	char sha256[API_SHA256_HEX];    /* the body's, once it is all in */
};

static void import_free(struct import *im)
{
	if (!im)
		return;
	import_units_free(&im->units);
	free(im->cols);
	db_statistic_stage_free(im->stage);
	db_statistic_set_free(&im->set);
	import_stream_free(&im->in);
	free(im);
}

/* ==== rows =============================================================================== */

/* Records an error of row @p row (1-based; 0 for the CSV header) in @p field. */
#define row_error(im, ...) import_row_error(&(im)->in, __VA_ARGS__)

/* A new row of file row @p row, with nothing given yet. */
static struct statistic_row *row_start(struct import *im, size_t row)
{
	struct statistic_row *r = &im->row;
	im->nrows++;
	*r = (struct statistic_row){.row = (uint32_t)row, .value = NAN, .numerator = NAN,
				    .denominator = NAN, .population = IN_NULL};
	return r;
}

/* The figures of @p r judged against the statistic: its form, or the row's errors. */
static void row_figures(struct import *im, struct statistic_row *r, double share,
			json_t **errs)
{
	struct stat_figures_in f = {r->value, r->numerator, r->denominator, share,
				    r->population, r->null_reason};
	r->form = (uint8_t)api_stat_form(im->def, &f, r->dims, errs);
	if (r->form == STAT_FORM_SHARE)
		r->value = share;
	import_row_errors(&im->in, r->row, *errs);
	*errs = NULL;
}

/*
 * Every row read comes here once, judged, with its errors or without: the one place for
 * checks of a row against what is stored, before it is staged (its strings are borrowed
 * for the call).  A row without a unit or a period names no fact, so it can be no other
 * row's twin: its errors are all there is to say of it, and it is not staged (a body of a
 * million such rows stages nothing).  False when the upload must stop (a storage failure,
 * replied).
 */
static bool row_keep(struct import *im, const struct statistic_row *r)
{
	if (r->unit_id <= 0 || !period_valid(r->period))
		return true;
	enum db_rc rc = db_statistic_stage_add(im->stage, r);
	if (rc == DB_INVALID)
		reply_problem(im->in.r, 413, "too_many_rows", NULL, "an import holds at most %zu "
			      "facts (row %u is past them); split the file, by year or by units",
			      db_statistic_stage_max_rows(), (unsigned)r->row);
	else if (rc != DB_OK)
		api_db_error(im->in.r, rc, "statistic fact");
	return rc == DB_OK;
}

/* ==== CSV ================================================================================== */

enum col { C_UNIT_ID, C_UNIT_CODE, C_PERIOD, C_VALUE, C_NUMERATOR, C_DENOMINATOR, C_SHARE,
	   C_POPULATION, C_NULL_REASON, C_NOTE, C_SYNTHETIC, C_MUNICIPALITY, C_N };
static const char *const col_names[C_N] = {"unit_id", "unit_code", "period", "value",
	"numerator", "denominator", "share", "population", "null_reason", "note", "synthetic",
	"municipality_code"};

/* Which field of a row holds which column (-1: none). */
struct cols {
	int fixed[C_N];
	int dim[STAT_MAX_DIMS];
};

static const char *field_of(char **f, size_t n, int col)
{
	return col >= 0 && (size_t)col < n ? f[col] : "";
}

/* A number as a Swedish spreadsheet writes it: "1 510", "-8,74", "8.74" (spaces, no-break
 * spaces and narrow no-break spaces group digits).  False for anything else. */
static bool parse_number(const char *s, double *out)
{
	char buf[64];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		size_t skip = *p == ' ' ? 1 : strncmp(p, "\xC2\xA0", 2) == 0 ? 2 :
			      strncmp(p, "\xE2\x80\xAF", 3) == 0 ? 3 : 0;
		if (skip) {
			p += skip - 1;
			continue;
		}
		if (n + 1 >= sizeof buf || !strchr("0123456789,.-+", *p))
			return false;
		buf[n++] = *p == ',' ? '.' : *p;
	}
	buf[n] = '\0';
	char *end;
	/* a sign only first, one decimal point at most */
	if (!n || strpbrk(buf + 1, "+-") || strchr(buf, '.') != strrchr(buf, '.'))
		return false;
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out) && end != buf;
}

/* A text column: UTF-8, at most @p max bytes, without a personnummer; NULL when empty. */
static const char *csv_text(struct import *im, size_t row, const char *field, const char *s,
			    size_t max)
{
	if (!*s)
		return NULL;
	if (!utf8_valid(s, strlen(s)))
		row_error(im, row, field, "is not UTF-8 text (save the CSV as UTF-8)");
	else if (strlen(s) > max)
		row_error(im, row, field, "is longer than %zu bytes", max);
	else if (pnr_find(s, NULL, NULL))
		row_error(im, row, field, "looks like a personnummer; statistics hold none");
	else
		return s;
	return NULL;
}

static void csv_number(struct import *im, size_t row, const char *field, const char *s,
		       double *out)
{
	if (*s && !parse_number(s, out))
		row_error(im, row, field, "'%.40s' is not a number", s);
}

/* The unit columns: an id, or a code matched exactly (within the row's municipality_code when
 * it gives one); the unit must lie in the token's scope. */
static void csv_unit(struct import *im, struct statistic_row *r, const char *id,
		     const char *code, const char *municipality)
{
	const char *muni, *field = *id ? "unit_id" : "unit_code";
	enum unit_match m = UNIT_FOUND;
	if (!import_municipality(&im->in, r->row, municipality, &muni))
		return;
	if (*id) {
		if (!import_plain_int(id, 1, INT64_MAX, &r->unit_id))
			row_error(im, r->row, "unit_id", "'%.40s' is not a unit id", id);
		else if ((m = import_unit_id(&im->units, r->unit_id, muni)) == UNIT_UNKNOWN)
			row_error(im, r->row, "unit_id", "%s names no unit", id);
		code = NULL;
	} else if (*code) {
		if ((m = import_unit_code(&im->units, code, muni, &r->unit_id)) == UNIT_UNKNOWN)
			row_error(im, r->row, "unit_code", "'%.64s' names no unit (codes match "
				  "exactly)", code);
	} else {
		row_error(im, r->row, "unit_id", "is required (or unit_code)");
	}
	import_unit_error(&im->in, &im->units, r->row, field, m, code, muni, r->unit_id);
}

static void csv_dims(struct import *im, struct statistic_row *r, char **f, size_t n,
		     const struct cols *c)
{
	for (size_t d = 0; d < im->def->ndims; d++) {
		const char *v = field_of(f, n, c->dim[d]);
		int pos = *v ? stat_value_find(&im->def->dims[d], v) : 0;
		if (*v && !pos)
			row_error(im, r->row, im->def->dims[d].name, "'%.40s' is not one of the "
				  "dimension's values", v);
		r->dims[d] = (uint8_t)pos;
	}
}

/* The columns of the figures: numbers, population, texts and the synthetic mark. */
static double csv_figures(struct import *im, struct statistic_row *r, char **f, size_t n,
			  const struct cols *c)
{
	double share = NAN;
	const char *pop = field_of(f, n, c->fixed[C_POPULATION]);
	const char *syn = field_of(f, n, c->fixed[C_SYNTHETIC]);
	csv_number(im, r->row, "value", field_of(f, n, c->fixed[C_VALUE]), &r->value);
	csv_number(im, r->row, "numerator", field_of(f, n, c->fixed[C_NUMERATOR]), &r->numerator);
	csv_number(im, r->row, "denominator", field_of(f, n, c->fixed[C_DENOMINATOR]),
		   &r->denominator);
	csv_number(im, r->row, "share", field_of(f, n, c->fixed[C_SHARE]), &share);
	if (*pop && !import_plain_int(pop, 0, 1000000000, &r->population))
		row_error(im, r->row, "population", "'%.40s' is not a whole number of persons",
			  pop);
	r->null_reason = csv_text(im, r->row, "null_reason",
				  field_of(f, n, c->fixed[C_NULL_REASON]), 500);
	r->note = csv_text(im, r->row, "note", field_of(f, n, c->fixed[C_NOTE]), 1000);
	if (*syn && strcmp(syn, "true") && strcmp(syn, "false") && strcmp(syn, "1") &&
	    strcmp(syn, "0"))
		row_error(im, r->row, "synthetic", "must be true or false (or empty)");
	r->synthetic = strcmp(syn, "true") == 0 || strcmp(syn, "1") == 0;
	return share;
}

static bool csv_row(void *ctx, size_t row, char **f, size_t n)
{
	struct import *im = ctx;
	const struct cols *c = im->cols;
	struct statistic_row *r = row_start(im, row);
	const char *period = field_of(f, n, c->fixed[C_PERIOD]);
	json_t *errs = NULL;
	csv_unit(im, r, field_of(f, n, c->fixed[C_UNIT_ID]), field_of(f, n, c->fixed[C_UNIT_CODE]),
		 field_of(f, n, c->fixed[C_MUNICIPALITY]));
	if (!period_parse(period, &r->period))
		row_error(im, row, "period", "'%.20s': %s", period, period_error(period));
	csv_dims(im, r, f, n, c);
	double share = csv_figures(im, r, f, n, c);
	row_figures(im, r, share, &errs);
	return row_keep(im, r);
}

/* The header row: which field holds which column.  False (with the errors recorded) when a
 * column is unknown or a needed one missing. */
static bool csv_header(void *ctx, char **f, size_t n)
{
	struct import *im = ctx;
	struct cols *c = im->cols;
	memset(c, -1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		int k = 0, d = stat_dimension_find(im->def, f[i]);
		while (k < C_N && strcmp(f[i], col_names[k]) != 0)
			k++;
		if (k < C_N)
			c->fixed[k] = (int)i;
		else if (d >= 0)
			c->dim[d] = (int)i;
		else
			row_error(im, 0, f[i], "is not a column (unit_id or unit_code, period, the "
				  "dimensions, value, numerator, denominator, share, population, "
				  "null_reason, note, synthetic, municipality_code)");
	}
	if (c->fixed[C_UNIT_ID] < 0 && c->fixed[C_UNIT_CODE] < 0)
		row_error(im, 0, "unit_id", "the header needs a unit_id or unit_code column");
	if (c->fixed[C_PERIOD] < 0)
		row_error(im, 0, "period", "the header needs this column");
	return im->in.nerrors == 0;
}

/* ==== JSON rows ============================================================================ */

/* A fact of a JSON array, as POST /api/v1/statistic-facts takes it less the statistic. */
struct json_row {
	int64_t unit_id;
	const char *unit_code;
	const char *municipality_code;
	const char *period;
	json_t *dims;
	struct stat_figures_in f;
	const char *note;
	int synthetic;
};

static const struct in_field json_row_spec[] = {
	{"unit_id", IN_INT, offsetof(struct json_row, unit_id), IN_NULLABLE, 1, INT64_MAX, NULL},
	{"unit_code", IN_STRING, offsetof(struct json_row, unit_code), IN_NULLABLE, 0, 64, NULL},
	{"municipality_code", IN_STRING, offsetof(struct json_row, municipality_code), IN_NULLABLE,
	 0, 16, NULL},
	{"period", IN_STRING, offsetof(struct json_row, period), IN_REQUIRED, 0, 16, NULL},
	{"dims", IN_JSON, offsetof(struct json_row, dims), IN_NULLABLE, 0, 0, NULL},
	{"value", IN_NUMBER, offsetof(struct json_row, f.value), IN_NULLABLE, 0, 0, NULL},
	{"numerator", IN_NUMBER, offsetof(struct json_row, f.numerator), IN_NULLABLE, 0, 0, NULL},
	{"denominator", IN_NUMBER, offsetof(struct json_row, f.denominator), IN_NULLABLE, 0, 0,
	 NULL},
	{"share", IN_NUMBER, offsetof(struct json_row, f.share), IN_NULLABLE, 0, 0, NULL},
	{"population", IN_INT, offsetof(struct json_row, f.population), IN_NULLABLE, 0,
	 1000000000, NULL},
	{"null_reason", IN_TEXT, offsetof(struct json_row, f.null_reason), IN_NULLABLE, 0, 500,
	 NULL},
	{"note", IN_TEXT, offsetof(struct json_row, note), IN_NULLABLE, 0, 1000, NULL},
	{"synthetic", IN_BOOL, offsetof(struct json_row, synthetic), IN_NULLABLE, 0, 0, NULL},
	{0}
};

/* The unit fact @p in names (unit_id, else unit_code within its municipality_code) into
 * r->unit_id (0 when none is found); an unknown one is an error into *errs, the others are
 * recorded at once. */
static void json_unit(struct import *im, struct statistic_row *r, const struct json_row *in,
		      json_t **errs)
{
	const char *muni, *code = in->unit_id == IN_NULL ? in->unit_code : NULL;
	int64_t id = in->unit_id;
	r->unit_id = 0;
	if (!import_municipality(&im->in, r->row, in->municipality_code, &muni))
		return;
	if (in->unit_id == IN_NULL && !in->unit_code) {
		problem_field(errs, "unit_id", "is required (or unit_code)");
		return;
	}
	enum unit_match m = code ? import_unit_code(&im->units, code, muni, &id) :
			    import_unit_id(&im->units, id, muni);
	if (m == UNIT_UNKNOWN)
		problem_field(errs, code ? "unit_code" : "unit_id", "names no unit");
	else
		import_unit_error(&im->in, &im->units, r->row, code ? "unit_code" : "unit_id", m,
				  code, muni, id);
	r->unit_id = m == UNIT_FOUND ? id : 0;
}

/* An object of the array (row r->row), parsed, resolved and judged into @p r. */
static void json_fact_read(struct import *im, struct statistic_row *r, json_t *obj)
{
	struct json_row in;
	json_t *errs = NULL;
	if (!json_is_object(obj)) {
		row_error(im, r->row, "row", "must be an object");
		return;
	}
	if (input_parse(obj, json_row_spec, &in, &errs, NULL)) {
		import_row_errors(&im->in, r->row, errs);
		return;
	}
	json_unit(im, r, &in, &errs);
	if (!period_parse(in.period, &r->period))
		problem_field(&errs, "period", "%s", period_error(in.period));
	api_stat_dims(im->def, in.dims, r->dims, &errs);
	r->value = in.f.value;
	r->numerator = in.f.numerator;
	r->denominator = in.f.denominator;
	r->population = in.f.population;
	r->null_reason = in.f.null_reason;
	r->note = in.note;
	r->synthetic = in.synthetic == 1;
	row_figures(im, r, in.f.share, &errs);
}

/* An element of the array: one fact. */
static bool json_fact(void *ctx, size_t row, json_t *obj)
{
	struct import *im = ctx;
	struct statistic_row *r = row_start(im, row);
	json_fact_read(im, r, obj);
	return row_keep(im, r);
}

/* ==== Kolada's value shape ================================================================= */

/* The value of @p gender ("T", "K", "M") in the statistic's gender dimension: 0 for T. */
static bool kolada_gender(const struct statistic *def, const char *gender, uint8_t dims[])
{
	int d = stat_dimension_find(def, "gender");
	if (gender && strcmp(gender, "T") == 0)
		return true;
	int pos = d >= 0 && gender ? stat_value_find(&def->dims[d], gender) : 0;
	if (pos)
		dims[d] = (uint8_t)pos;
	return pos != 0;
}

/* One {gender, value, status?, count?} of entry @p row. */
static bool kolada_value(struct import *im, size_t row, const struct statistic_row *head,
			 json_t *v)
{
	struct statistic_row *r = row_start(im, row);
	const char *gender = json_string_value(json_object_get(v, "gender"));
	json_t *value = json_object_get(v, "value"), *errs = NULL;
	const char *key;
	json_t *x;
	r->unit_id = head->unit_id;
	r->period = head->period;
	json_object_foreach(v, key, x)
		if (strcmp(key, "gender") && strcmp(key, "value") && strcmp(key, "status") &&
		    strcmp(key, "count"))
			row_error(im, row, key, "is not a field of a Kolada value (gender, value, "
				  "status, count)");
	if (!kolada_gender(im->def, gender, r->dims))
		row_error(im, row, "gender", "'%.8s' is not T or a value of the statistic's gender "
			  "dimension", gender ? gender : "");
	if (json_is_number(value))
		r->value = json_number_value(value);
	else if (json_is_null(value) || !value)
		r->null_reason = "Kolada: no value";
	else
		row_error(im, row, "value", "must be a number or null");
	row_figures(im, r, NAN, &errs);
	return row_keep(im, r);
}

/* The municipality, period and KPI of Kolada entry @p e (row @p row) into @p head; false
 * with the errors recorded when they name nothing here. */
static bool kolada_head(struct import *im, size_t row, json_t *e, struct statistic_row *head)
{
	const char *muni = json_string_value(json_object_get(e, "municipality"));
	const char *kpi = json_string_value(json_object_get(e, "kpi"));
	json_t *period = json_object_get(e, "period");
	const struct import_unit *u = muni ? import_unit_kommun(&im->units, muni) : NULL;
	size_t before = im->in.nerrors;
	if (!u)
		row_error(im, row, "municipality", "'%.8s' is the municipality code of no unit",
			  muni ? muni : "");
	else
		import_unit_error(&im->in, &im->units, row, "municipality",
				  import_unit_id(&im->units, u->id, NULL), NULL, NULL, u->id);
	if (!kpi || (im->def->kolada_kpi && strcmp(kpi, im->def->kolada_kpi) != 0))
		row_error(im, row, "kpi", "must be the statistic's kolada_kpi %s",
			  im->def->kolada_kpi ? im->def->kolada_kpi : "(any)");
	json_int_t year = json_is_integer(period) ? json_integer_value(period) :
			  json_is_string(period) ? atoi(json_string_value(period)) : 0;
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		row_error(im, row, "period", "must be a year from %d to %d", PERIOD_YEAR_MIN,
			  PERIOD_YEAR_MAX);
	head->unit_id = u ? u->id : 0;
	head->period = (struct period){PERIOD_YEAR, (int)year, 0};
	return im->in.nerrors == before;
}

/* {values: [{kpi, municipality, period, values: [...]}], count?, next_page?, ...}: each
 * value of each entry one row, numbered by its entry. */
static bool import_kolada(struct import *im, json_t *entries)
{
	json_t *e;
	size_t i;
	if (!json_is_array(entries))
		row_error(im, 0, "values", "Kolada's shape is {\"values\": [{kpi, municipality, "
			  "period, values: [{gender, value}]}]}");
	json_array_foreach(entries, i, e) {
		struct statistic_row head;
		json_t *values = json_object_get(e, "values"), *v;
		size_t k;
		if (!json_is_object(e) || !json_is_array(values)) {
			row_error(im, i + 1, "values", "an entry is {kpi, municipality, period, "
				  "values: [...]}");
			continue;
		}
		if (!kolada_head(im, i + 1, e, &head))
			continue;
		json_array_foreach(values, k, v)
			if (!kolada_value(im, i + 1, &head, v))
				return false;
	}
	return true;
}

/* A JSON object: Kolada's shape, or a 400. */
static bool kolada_object(void *ctx, json_t *obj)
{
	struct import *im = ctx;
	json_t *entries = json_object_get(obj, "values");
	if (entries)
		return import_kolada(im, entries);
	reply_problem(im->in.r, 400, "invalid_body", NULL, "%s", im->in.h->takes);
	return false;
}

/* ==== the upload =========================================================================== */

static const struct import_handlers handlers = {
	.header = csv_header,
	.row = csv_row,
	.element = json_fact,
	.object = kolada_object,
	.max_fields = C_N + STAT_MAX_DIMS + 1,
	.takes = "the import takes a JSON array of facts, Kolada's {\"values\": [...]} or text/csv",
};

/* The statistic, the units rows may name and the staging; replies and returns true on
 * failure. */
static bool import_ready_or_reply(struct req *r, struct import *im)
{
	int64_t id;
	if (req_id_or_reply(r, 0, &id) || api_db_or_reply(r, &im->db) ||
	    api_statistic_or_reply(r, im->db, id, &im->set))
		return true;
	im->def = &im->set.def;
	if (import_units_or_reply(r, im->db, &im->units))
		return true;
	enum db_rc rc = db_statistic_stage_open(im->db, im->def, &im->stage);
	if (rc != DB_OK)
		api_db_error(r, rc, "statistic fact");
	return rc != DB_OK;
}

static void *import_open(struct req *r)
{
	struct import *im = calloc(1, sizeof *im);
	if (!im || !(im->cols = malloc(sizeof *im->cols))) {
		free(im);
		return NULL;
	}
	import_stream_init(&im->in, r, &handlers, im,
			   REQ_QUERY(r, struct dry_run_params)->dry_run);
	if (!import_ready_or_reply(r, im))
		return im;
	import_free(im);
	return NULL;
}

/* Ends a piece of the body: what was staged is committed.  False after replying when that
 * failed. */
static bool piece_end(struct import *im)
{
	enum db_rc rc = db_statistic_stage_flush(im->stage);
	if (rc != DB_OK)
		api_db_error(im->in.r, rc, "statistic fact");
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

/* A row that repeats the fact of the row before it in the facts' order. */
static void twin_row(void *ctx, const struct statistic_row *r, uint32_t first_row)
{
	row_error((struct import *)ctx, r->row, "period", "the same unit, period and dimension "
		  "values as row %u", (unsigned)first_row);
}

static void stored_row(void *ctx, const struct statistic_row *r)
{
	row_error((struct import *)ctx, r->row, "period", "a fact of this unit, period and "
		  "dimension values is stored already; change it with PATCH "
		  "/api/v1/statistic-facts/{id}");
}

/* The audit keeps the row count and the body's digest, not the rows.  A clash with a stored
 * fact rolls everything back. */
static enum db_rc import_tx(struct db *db, void *ctx)
{
	struct import *im = ctx;
	json_t *after = NULL;
	size_t before = im->in.nerrors;
	enum db_rc rc = db_statistic_stage_commit(db, im->stage, stored_row, im);
	if (rc == DB_OK && im->in.nerrors > before)
		return DB_INVALID;
	if (rc == DB_OK && !(after = json_pack("{s:I, s:I, s:s}", "statistic_id",
					       (json_int_t)im->def->id, "rows",
					       (json_int_t)im->nrows, "sha256", im->sha256)))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(im->in.r, db, "statistic_import", im->def->id, NULL, after);
	json_decref(after);
	return rc;
}

/* Checks against the stored facts (a dry run) or stores the rows, and replies. */
static void import_store(struct import *im)
{
	struct req *r = im->in.r;
	enum db_rc rc;
	if (im->in.dry_run) {
		rc = db_statistic_stage_find_stored(im->stage, stored_row, im);
	} else {
		import_stream_sha256(&im->in, im->sha256);
		rc = db_write_bulk(im->db, import_tx, im);
	}
	if (rc != DB_OK && rc != DB_INVALID)
		api_db_error(r, rc, "statistic fact");
	else if (!import_errors_or_reply(&im->in))
		import_reply_done(&im->in, im->nrows);
}

/* The whole body is in: the row errors and twins, or the rows checked or stored. */
static void import_finish(struct req *r, void *state)
{
	struct import *im = state;
	im->in.r = r;
	if (import_stream_end_or_reply(&im->in) || !piece_end(im))
		goto cleanup;
	enum db_rc rc = db_statistic_stage_twins(im->stage, twin_row, im);
	if (rc != DB_OK)
		api_db_error(r, rc, "statistic fact");
	else if (!import_errors_or_reply(&im->in))
		import_store(im);
cleanup:
	import_free(im);
}

/* POST /api/v1/statistics/{id}:import[?dry_run=true] — CSV, a JSON array of facts or
 * Kolada's value shape; all or nothing. */
const struct body_stream api_statistics_import = {
	.open = import_open,
	.write = import_write,
	.finish = import_finish,
	.abort = import_abort,
};
