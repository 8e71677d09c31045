/*
 * Statistics tables (see include/folja/statistics.h): which facts a figure is made of, and
 * how they add up.
 *
 * A table is a set of cells (a combination of dimension values, a range of months, a year).
 * Each cell is worked out over the unit subtree bottom-up: the facts are sorted by
 * (dimension values, year, unit), so the facts of one cell are one run found by binary
 * search; each unit of the run gets its exact fact or its monthly facts summed in a slot,
 * and a walk from the last unit of the pre-order to the first gives each unit its own figure
 * or the sum of its sub-units', so a parent is decided only after all its children.  The
 * rules of adding up (weighing ratios by their denominators, never adding unique persons)
 * live in one place, add_figure(), whichever way figures meet: months, units or rows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/names.h"
#include "folja/statistics.h"

/* ==== names ================================================================================ */

static const char *const aggregate_names[] = {
	[STAT_SUM] = "sum", [STAT_RATIO] = "ratio", [STAT_DISTINCT] = "distinct",
};
static const char *const unit_names[] = {
	[STAT_COUNT] = "count", [STAT_PERCENT] = "percent", [STAT_DAYS] = "days",
	[STAT_HOURS] = "hours", [STAT_KR] = "kr",
};
static const char *const form_names[] = {
	[STAT_FORM_VALUE] = "value", [STAT_FORM_RATIO] = "ratio", [STAT_FORM_GIVEN] = "given",
	[STAT_FORM_SHARE] = "share", [STAT_FORM_NULL] = "null",
};
static const char *const source_names[] = {
	[STAT_SRC_NONE] = NULL, [STAT_SRC_FACT] = "fact", [STAT_SRC_MONTHS] = "monthly_facts",
	[STAT_SRC_UNITS] = "sub_units", [STAT_SRC_ROWS] = "rows",
};

static const struct { const char *name, *text; } whys[] = {
	[STAT_WHY_NONE] = {"none", "the figure has a value"},
	[STAT_WHY_NO_DATA] = {"no_data", "no fact of the period in the unit or below it"},
	[STAT_WHY_NULL_FACT] = {"null_fact", "the fact is null"},
	[STAT_WHY_MONTHS_MISSING] = {"months_missing",
		"the monthly facts do not cover every month of the period"},
	[STAT_WHY_DISTINCT_MONTHS] = {"distinct_months",
		"unique persons are not added up across months: the period needs a fact of its "
		"own"},
	[STAT_WHY_DISTINCT_UNITS] = {"distinct_units",
		"unique persons are not added up across units: the unit needs a fact of its own"},
	[STAT_WHY_DISTINCT_ROWS] = {"distinct_rows",
		"unique persons are not added up across rows: the total needs a fact of its own"},
	[STAT_WHY_GIVEN] = {"given_not_weighed",
		"percentages given without their numerators and denominators cannot be weighed "
		"together"},
	[STAT_WHY_SHARE_ONLY] = {"share_only",
		"the source gives only this part's share of the total"},
	[STAT_WHY_RATIO_ROWS] = {"ratio_rows",
		"a ratio's total is not built from its rows (a dimension may split the numerator "
		"only): the total needs a fact of its own"},
	[STAT_WHY_ROWS_INCOMPLETE] = {"rows_incomplete",
		"the total is the sum of its rows, and a row has no value"},
	[STAT_WHY_ZERO_DENOMINATOR] = {"zero_denominator", "the denominator adds up to zero"},
	[STAT_WHY_RANGE] = {"out_of_range", "the sum leaves the range of figures (±1e15)"},
};
_Static_assert(sizeof whys / sizeof whys[0] == STAT_WHYS, "a name and text per reason");

const char *stat_aggregate_name(enum stat_aggregate a)
{
	return names_name(aggregate_names, NAMES_COUNT(aggregate_names), (int)a);
}

const char *stat_unit_name(enum stat_unit u)
{
	return names_name(unit_names, NAMES_COUNT(unit_names), (int)u);
}

const char *stat_form_name(enum stat_form f)
{
	return names_name(form_names, NAMES_COUNT(form_names), (int)f);
}

const char *stat_source_name(enum stat_source src)
{
	return names_name(source_names, NAMES_COUNT(source_names), (int)src);
}

const char *stat_why_name(enum stat_why why)
{
	return (unsigned)why < STAT_WHYS ? whys[why].name : NULL;
}

const char *stat_why_text(enum stat_why why)
{
	return (unsigned)why < STAT_WHYS ? whys[why].text : NULL;
}

bool stat_aggregate_parse(const char *s, enum stat_aggregate *out)
{
	int i = names_index(aggregate_names, 0, NAMES_COUNT(aggregate_names), s);
	if (i >= 0)
		*out = (enum stat_aggregate)i;
	return i >= 0;
}

bool stat_unit_parse(const char *s, enum stat_unit *out)
{
	int i = names_index(unit_names, 0, NAMES_COUNT(unit_names), s);
	if (i >= 0)
		*out = (enum stat_unit)i;
	return i >= 0;
}

bool stat_form_parse(const char *s, enum stat_form *out)
{
	int i = names_index(form_names, 0, NAMES_COUNT(form_names), s);
	if (i >= 0)
		*out = (enum stat_form)i;
	return i >= 0;
}

const char *stat_kind_error(enum stat_aggregate a, enum stat_unit u)
{
	if (u == STAT_PERCENT && a != STAT_RATIO)
		return "a percentage is a ratio of a numerator and a denominator: aggregate ratio";
	if (a == STAT_DISTINCT && u != STAT_COUNT)
		return "unique persons are a count: measure_unit count";
	return NULL;
}

bool stat_form_allowed(enum stat_aggregate a, enum stat_form f)
{
	if (f == STAT_FORM_NULL)
		return true;
	if (a == STAT_RATIO)
		return f == STAT_FORM_RATIO || f == STAT_FORM_GIVEN || f == STAT_FORM_SHARE;
	return f == STAT_FORM_VALUE;
}

/* ==== definitions ========================================================================== */

static bool code_chars(const char *s, const char *first, const char *rest)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n <= STAT_CODE_MAX && strchr(first, s[0]) &&
	       strspn(s, rest) == n;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"

bool stat_name_valid(const char *s)
{
	return code_chars(s, LOWER, LOWER DIGIT "_");
}

bool stat_code_valid(const char *s)
{
	return code_chars(s, LOWER UPPER DIGIT, LOWER UPPER DIGIT "_.-");
}

int stat_dimension_find(const struct statistic *s, const char *name)
{
	for (size_t i = 0; name && i < s->ndims; i++)
		if (strcmp(s->dims[i].name, name) == 0)
			return (int)i;
	return -1;
}

int stat_value_find(const struct stat_dimension *d, const char *value)
{
	for (size_t i = 0; value && i < d->nvalues; i++)
		if (strcmp(d->values[i], value) == 0)
			return (int)i + 1;
	return 0;
}

unsigned stat_mask(const uint8_t d[STAT_MAX_DIMS])
{
	unsigned m = 0;
	for (int i = 0; i < STAT_MAX_DIMS; i++)
		m |= (d[i] ? 1u : 0u) << i;
	return m;
}

bool stat_dims_valid(const struct statistic *s, const uint8_t d[STAT_MAX_DIMS])
{
	for (size_t i = 0; i < STAT_MAX_DIMS; i++)
		if (d[i] && (i >= s->ndims || d[i] > s->dims[i].nvalues))
			return false;
	return true;
}

/* ==== periods ============================================================================== */

struct stat_range stat_fact_range(struct period p)
{
	int to = period_last_month(p);
	return (struct stat_range){p.year, p.kind == PERIOD_MONTH ? to : 1, to};
}

struct stat_range stat_question_range(struct period p, bool cumulative)
{
	return (struct stat_range){p.year, cumulative ? 1 : period_first_month(p),
				   period_last_month(p)};
}

/* ==== adding figures up ==================================================================== */

static void figure_null(struct stat_figure *f, enum stat_why why, int64_t unit)
{
	f->state = STAT_FIG_NULL;
	f->why = why;
	f->why_unit = unit;
}

static int64_t population_add(int64_t a, int64_t b)
{
	return a == STAT_NULL || b == STAT_NULL ? STAT_NULL : a + b;
}

/* The value of a ratio in its unit: a percentage is the ratio times 100. */
static double ratio_value(enum stat_unit unit, double num, double den)
{
	return unit == STAT_PERCENT ? num / den * 100.0 : num / den;
}

/*
 * Adds figure @p b (of unit @p b_unit) into @p a, both with a value or null: the one place
 * the rules of adding up are applied, to months, units and rows alike.  Unique persons are
 * never added; a ratio adds numerators and denominators, so it needs them (a given
 * percentage or share has none); a sum adds values.  The result keeps no value of its own for
 * a ratio until figure_finish() divides.  @p at_unit is the unit the adding happens at, for
 * the reason of a refusal.
 */
static void add_figure(const struct statistic *s, struct stat_figure *a,
		       const struct stat_figure *b, int64_t b_unit, int64_t at_unit)
{
	a->nfacts += b->nfacts;
	a->nunits += b->nunits;
	a->population = population_add(a->population, b->population);
	if (a->state == STAT_FIG_NULL)
		return;
	if (b->state == STAT_FIG_NULL) {
		figure_null(a, b->why, b->why_unit);
		a->why_month = b->why_month;
		a->null_reason = b->null_reason;
	} else if (s->aggregate == STAT_DISTINCT) {
		figure_null(a, STAT_WHY_DISTINCT_UNITS, at_unit);
	} else if (s->aggregate == STAT_RATIO && (!a->has_hours || !b->has_hours)) {
		bool b_bad = !b->has_hours;
		const struct stat_figure *bad = b_bad ? b : a;
		figure_null(a, bad->has_share ? STAT_WHY_SHARE_ONLY : STAT_WHY_GIVEN,
			    b_bad ? b_unit : a->why_unit);
	} else {
		a->value += b->value;
		a->num += b->num;
		a->den += b->den;
	}
	a->given = a->has_share = false;
	a->fact_id = 0;
}

/* The value of a figure added up from several: a ratio divides, a sum stays in range. */
static void figure_finish(const struct statistic *s, struct stat_figure *f, int64_t unit)
{
	if (f->state != STAT_FIG_VALUE)
		return;
	if (s->aggregate == STAT_RATIO) {
		if (f->den == 0)
			figure_null(f, STAT_WHY_ZERO_DENOMINATOR, unit);
		else
			f->value = ratio_value(s->unit, f->num, f->den);
	} else if (fabs(f->value) > STAT_MAX_ABS) {
		figure_null(f, STAT_WHY_RANGE, unit);
	}
}

/* The figure of one exact fact @p p at unit @p unit. */
static void fact_figure(const struct statistic *s, const struct stat_part *p, int64_t unit,
			struct stat_figure *f)
{
	*f = (struct stat_figure){.state = STAT_FIG_VALUE, .source = STAT_SRC_FACT,
				  .population = p->population, .fact_id = p->id,
				  .fact_kind = p->kind, .nfacts = 1, .nunits = 1, .why_unit = unit};
	switch (p->form) {
	case STAT_FORM_VALUE:
		f->value = p->value;
		break;
	case STAT_FORM_RATIO:
		f->has_hours = true;
		f->num = p->num;
		f->den = p->den;
		figure_finish(s, f, unit);
		break;
	case STAT_FORM_GIVEN:
		f->value = p->value;
		f->given = true;
		break;
	case STAT_FORM_SHARE:
		f->has_share = true;
		f->share = p->value;
		figure_null(f, STAT_WHY_SHARE_ONLY, unit);
		break;
	default:
		f->null_reason = p->null_reason;
		figure_null(f, STAT_WHY_NULL_FACT, unit);
	}
}

/* The first month of @p r that @p months (bit m for month m) lacks; 0 when none. */
static int first_missing(unsigned months, struct stat_range r)
{
	for (int m = r.from; m <= r.to; m++)
		if (!(months & (1u << m)))
			return m;
	return 0;
}

/* The fact a bundle of one fact of one month is, with its form told by the counts. */
static struct stat_part bundle_fact(const struct statistic *s, const struct stat_part *b)
{
	struct stat_part p = *b;
	p.bundle = false;
	p.kind = PERIOD_MONTH;
	p.form = b->nnull ? STAT_FORM_NULL : b->nshare ? STAT_FORM_SHARE : b->ngiven ?
		 STAT_FORM_GIVEN : s->aggregate == STAT_RATIO ? STAT_FORM_RATIO : STAT_FORM_VALUE;
	return p;
}

/* The figure of unit @p unit built from its monthly facts @p b over range @p r; a single
 * month's fact is that month's figure, of whatever aggregate. */
static void bundle_figure(const struct statistic *s, const struct stat_part *b,
			  struct stat_range r, int64_t unit, struct stat_figure *f)
{
	int missing = first_missing(b->months, r);
	if (r.from == r.to && b->nfacts == 1 && !missing) {
		struct stat_part p = bundle_fact(s, b);
		fact_figure(s, &p, unit, f);
		return;
	}
	*f = (struct stat_figure){.state = STAT_FIG_VALUE, .source = STAT_SRC_MONTHS,
				  .population = b->population, .nfacts = (size_t)b->nfacts,
				  .nunits = 1, .why_unit = unit};
	if (s->aggregate == STAT_DISTINCT) {
		figure_null(f, STAT_WHY_DISTINCT_MONTHS, unit);
	} else if (missing) {
		figure_null(f, STAT_WHY_MONTHS_MISSING, unit);
		f->why_month = missing;
	} else if (b->nnull) {
		f->null_reason = b->null_reason;
		figure_null(f, STAT_WHY_NULL_FACT, unit);
	} else if (b->nshare || b->ngiven) {
		figure_null(f, b->ngiven ? STAT_WHY_GIVEN : STAT_WHY_SHARE_ONLY, unit);
	} else {
		f->value = b->value;
		f->has_hours = s->aggregate == STAT_RATIO;
		f->num = b->num;
		f->den = b->den;
		figure_finish(s, f, unit);
	}
}

/* Adds bundle @p b into the unit's bundle @p acc (its months are others). */
static void bundle_add(struct stat_part *acc, const struct stat_part *b)
{
	if (!acc->nfacts) {
		*acc = *b;
		return;
	}
	acc->months |= b->months;
	acc->nfacts += b->nfacts;
	acc->ngiven += b->ngiven;
	acc->nshare += b->nshare;
	acc->nnull += b->nnull;
	acc->value += b->value;
	acc->num += b->num;
	acc->den += b->den;
	acc->null_reason = acc->null_reason ? acc->null_reason : b->null_reason;
	acc->population = acc->population == STAT_NULL || b->population == STAT_NULL ? STAT_NULL :
			  acc->population > b->population ? acc->population : b->population;
	acc->id = b->id < acc->id ? b->id : acc->id;
}

/* ==== one cell over the unit subtree ======================================================= */

/* What one unit has for the cell being worked out. */
struct slot {
	const struct stat_part *exact;   /* its fact covering the range exactly */
	struct stat_part months;         /* its monthly facts of the range (nfacts 0: none) */
	size_t nkids;                    /* sub-units with a figure */
	struct stat_figure kids;         /* their figures added up */
	struct stat_figure fig;          /* its figure */
};

struct eval {
	const struct statistic *s;
	const struct stat_units *u;
	const struct stat_part *parts;   /* sorted by part_cmp */
	size_t nparts;
	const struct stat_question *q;
	struct slot *slots;              /* u->n */
};

static uint32_t dims_key(const uint8_t d[STAT_MAX_DIMS])
{
	return (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)d[2] << 16 | (uint32_t)d[3] << 24;
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* Orders parts by (dimension values, year, unit), exact facts before bundles, then by id. */
static int part_cmp(const void *pa, const void *pb)
{
	const struct stat_part *a = pa, *b = pb;
	int c = cmp_i64(dims_key(a->dims), dims_key(b->dims));
	if (!c)
		c = cmp_i64(a->year, b->year);
	if (!c)
		c = cmp_i64((int64_t)a->unit, (int64_t)b->unit);
	if (!c)
		c = cmp_i64(a->bundle, b->bundle);
	return c ? c : cmp_i64(a->id, b->id);
}

/* The first part at or after (@p key, @p year). */
static size_t run_start(const struct eval *e, uint32_t key, int year)
{
	size_t lo = 0, hi = e->nparts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t k = dims_key(e->parts[mid].dims);
		if (k < key || (k == key && e->parts[mid].year < year))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Puts the parts of the cell (@p d, @p r) into the units' slots: the bundles of monthly
 * facts within the range added up, and of several facts covering the range exactly
 * (2021-Q2 and 2021-H1 both cover January-June) the one of the period kind asked, else the
 * first stored. */
static void fill_slots(struct eval *e, const uint8_t d[STAT_MAX_DIMS], struct stat_range r)
{
	uint32_t key = dims_key(d);
	memset(e->slots, 0, e->u->n * sizeof *e->slots);
	const struct stat_part *p = e->parts + run_start(e, key, r.year);
	const struct stat_part *end = e->parts + e->nparts;
	for (; p < end && dims_key(p->dims) == key && p->year == r.year; p++) {
		struct slot *sl = &e->slots[p->unit];
		bool asked = p->kind == e->q->kind;
		if (p->bundle) {
			if (p->from >= r.from && p->to <= r.to)
				bundle_add(&sl->months, p);
		} else if (p->from == r.from && p->to == r.to &&
			   (!sl->exact || (sl->exact->kind != e->q->kind && asked))) {
			sl->exact = p;
		}
	}
}

/* Unit @p i's figure from its own facts, else from its sub-units' figures. */
static void unit_figure(struct eval *e, size_t i, struct stat_range r)
{
	struct slot *sl = &e->slots[i];
	int64_t id = e->u->ids[i];
	if (sl->exact) {
		fact_figure(e->s, sl->exact, id, &sl->fig);
	} else if (sl->months.nfacts) {
		bundle_figure(e->s, &sl->months, r, id, &sl->fig);
	} else if (sl->nkids == 0) {
		sl->fig = (struct stat_figure){.why = STAT_WHY_NO_DATA, .why_unit = id,
					       .population = STAT_NULL};
	} else {
		sl->fig = sl->kids;
		sl->fig.source = STAT_SRC_UNITS;
		if (sl->nkids > 1)
			figure_finish(e->s, &sl->fig, id);
	}
}

/* Adds unit @p i's figure to its parent's sub-unit figures. */
static void to_parent(struct eval *e, size_t i)
{
	const struct stat_figure *f = &e->slots[i].fig;
	struct slot *parent = &e->slots[e->u->parent[i]];
	if (f->state == STAT_FIG_NONE)
		return;
	if (parent->nkids++ == 0)
		parent->kids = *f;  /* one sub-unit's figure is its parent's as it is */
	else
		add_figure(e->s, &parent->kids, f, e->u->ids[i], e->u->ids[e->u->parent[i]]);
}

/* The figure of the cell (@p d, @p r) at the unit asked. */
static void cell_figure(struct eval *e, const uint8_t d[STAT_MAX_DIMS], struct stat_range r,
			struct stat_figure *out)
{
	if (!e->u->n) {
		*out = (struct stat_figure){.why = STAT_WHY_NO_DATA, .population = STAT_NULL};
		return;
	}
	fill_slots(e, d, r);
	for (size_t i = e->u->n; i-- > 0;) {
		unit_figure(e, i, r);
		if (i > 0)
			to_parent(e, i);
	}
	*out = e->slots[0].fig;
}

/* ==== comparisons ========================================================================== */

void stat_compare(enum stat_unit unit, const struct stat_figure *now,
		  const struct stat_figure *then, struct stat_change *out)
{
	*out = (struct stat_change){.in_pp = unit == STAT_PERCENT};
	if (now->state != STAT_FIG_VALUE) {
		out->state = STAT_CHANGE_NO_VALUE;
		return;
	}
	if (then->state != STAT_FIG_VALUE) {
		out->state = STAT_CHANGE_NO_COMPARE;
		return;
	}
	out->change = now->value - then->value;
	if (out->in_pp)
		out->state = STAT_CHANGE_OK;
	else if (then->value == 0)
		out->state = STAT_CHANGE_ZERO_BASE;
	else {
		out->state = STAT_CHANGE_OK;
		out->pct = out->change / fabs(then->value) * 100.0;
	}
}

void stat_share_of(enum stat_aggregate a, const struct stat_figure *part,
		   const struct stat_figure *total, struct stat_share *out)
{
	*out = (struct stat_share){.state = STAT_SHARE_NONE};
	if (part->has_share) {
		*out = (struct stat_share){STAT_SHARE_OK, part->share, true};
		return;
	}
	if (part->state != STAT_FIG_VALUE || total->state != STAT_FIG_VALUE)
		return;
	if (a == STAT_RATIO && (!part->has_hours || !total->has_hours)) {
		out->state = STAT_SHARE_NO_HOURS;
		return;
	}
	double whole = a == STAT_RATIO ? total->num : total->value;
	double mine = a == STAT_RATIO ? part->num : part->value;
	if (whole == 0) {
		out->state = STAT_SHARE_ZERO_TOTAL;
		return;
	}
	out->state = STAT_SHARE_OK;
	out->pct = mine / whole * 100.0;
}

/* ==== tables =============================================================================== */

/* How many values `by` entry @p b runs through. */
static size_t by_size(const struct statistic *s, const struct stat_question *q, int b)
{
	return b == STAT_BY_MONTH ? (size_t)(q->range.to - q->range.from + 1) :
	       s->dims[b].nvalues;
}

size_t stat_row_count(const struct statistic *s, const struct stat_question *q)
{
	size_t n = 1;
	for (size_t i = 0; i < q->nby; i++) {
		n *= by_size(s, q, q->by[i]);
		if (n > STAT_MAX_ROWS)
			return SIZE_MAX;
	}
	return q->nby ? n : 0;
}

/* Row @p k's values: the by entries as digits of @p k, the first entry varying slowest. */
static void row_cell(const struct statistic *s, const struct stat_question *q, size_t k,
		     struct stat_row *row)
{
	memcpy(row->dims, q->filter, sizeof row->dims);
	row->month = 0;
	for (size_t i = q->nby; i-- > 0;) {
		size_t n = by_size(s, q, q->by[i]), v = k % n;
		k /= n;
		if (q->by[i] == STAT_BY_MONTH)
			row->month = q->range.from + (int)v;
		else
			row->dims[q->by[i]] = (uint8_t)(v + 1);
	}
}

/* The row's figure and the compared one. */
static void row_figures(struct eval *e, struct stat_row *row)
{
	const struct stat_question *q = e->q;
	struct stat_range r = q->range;
	if (row->month)
		r.from = r.to = row->month;
	cell_figure(e, row->dims, r, &row->now.fig);
	row->then.fig = (struct stat_figure){.why = STAT_WHY_NO_DATA, .population = STAT_NULL};
	if (q->compare) {
		r.year = q->compare_year;
		cell_figure(e, row->dims, r, &row->then.fig);
	}
}

/* True when some `by` entry is a dimension (rows differ from the total in their values). */
static bool by_dimension(const struct stat_question *q)
{
	for (size_t i = 0; i < q->nby; i++)
		if (q->by[i] != STAT_BY_MONTH)
			return true;
	return false;
}

/* A total with no fact of its own, from the rows' figures in column @p then: a sum adds
 * them, when every row has a value; a ratio or unique persons are not built from rows. */
static void total_from_rows(const struct statistic *s, struct stat_table *t, bool then,
			    struct stat_figure *total)
{
	struct stat_figure acc = {.state = STAT_FIG_VALUE, .source = STAT_SRC_ROWS,
				  .has_hours = s->aggregate == STAT_RATIO};
	bool any = false, all = true;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct stat_figure *f = then ? &t->rows[i].then.fig : &t->rows[i].now.fig;
		any |= f->state != STAT_FIG_NONE;
		all &= f->state == STAT_FIG_VALUE;
		if (f->state == STAT_FIG_VALUE) {
			acc.value += f->value;
			acc.nfacts += f->nfacts;
			acc.nunits = f->nunits > acc.nunits ? f->nunits : acc.nunits;
		}
	}
	if (!any)
		return;
	acc.population = STAT_NULL;
	if (s->aggregate != STAT_SUM)
		figure_null(&acc, s->aggregate == STAT_RATIO ? STAT_WHY_RATIO_ROWS :
			    STAT_WHY_DISTINCT_ROWS, 0);
	else if (!all)
		figure_null(&acc, STAT_WHY_ROWS_INCOMPLETE, 0);
	else
		figure_finish(s, &acc, 0);
	*total = acc;
}

/* Changes and shares of @p row against the table's total. */
static void row_compare(const struct statistic *s, const struct stat_question *q,
			const struct stat_row *total, struct stat_row *row)
{
	stat_compare(s->unit, &row->now.fig, &row->then.fig, &row->change);
	if (!q->compare)
		row->change.state = STAT_CHANGE_NO_COMPARE;
	if (!q->share || row == total)
		return;
	stat_share_of(s->aggregate, &row->now.fig, &total->now.fig, &row->now.share);
	stat_share_of(s->aggregate, &row->then.fig, &total->then.fig, &row->then.share);
	row->share_change_ok = q->compare && row->now.share.state == STAT_SHARE_OK &&
			       row->then.share.state == STAT_SHARE_OK;
	if (row->share_change_ok)
		row->share_change_pp = row->now.share.pct - row->then.share.pct;
}

/* The total row: the filter's values over the whole range, or added up from the rows. */
static void table_total(struct eval *e, struct stat_table *t)
{
	struct stat_row *total = &t->total;
	memset(total, 0, sizeof *total);
	memcpy(total->dims, e->q->filter, sizeof total->dims);
	row_figures(e, total);
	if (!by_dimension(e->q))
		return;
	if (total->now.fig.state == STAT_FIG_NONE)
		total_from_rows(e->s, t, false, &total->now.fig);
	if (e->q->compare && total->then.fig.state == STAT_FIG_NONE)
		total_from_rows(e->s, t, true, &total->then.fig);
}

static int cmp_parts_qsort(const void *a, const void *b)
{
	return part_cmp(a, b);
}

enum stat_build_rc stat_table_build(const struct statistic *s, const struct stat_units *u,
				    struct stat_part *parts, size_t nparts,
				    const struct stat_question *q, struct stat_table *out)
{
	size_t nrows = stat_row_count(s, q);
	memset(out, 0, sizeof *out);
	if (nrows == SIZE_MAX)
		return STAT_BUILD_TOO_MANY_ROWS;
	struct eval e = {s, u, parts, nparts, q, calloc(u->n ? u->n : 1, sizeof(struct slot))};
	out->rows = calloc(nrows ? nrows : 1, sizeof *out->rows);
	if (!e.slots || !out->rows) {
		free(e.slots);
		stat_table_free(out);
		return STAT_BUILD_NOMEM;
	}
	if (nparts > 1)
		qsort(parts, nparts, sizeof *parts, cmp_parts_qsort);
	out->range = q->range;
	out->compare_range = (struct stat_range){q->compare_year, q->range.from, q->range.to};
	out->nrows = nrows;
	for (size_t k = 0; k < nrows; k++) {
		row_cell(s, q, k, &out->rows[k]);
		row_figures(&e, &out->rows[k]);
	}
	table_total(&e, out);
	row_compare(s, q, &out->total, &out->total);
	for (size_t k = 0; k < nrows; k++)
		row_compare(s, q, &out->total, &out->rows[k]);
	free(e.slots);
	return STAT_BUILD_OK;
}

void stat_table_free(struct stat_table *t)
{
	if (!t)
		return;
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

/* ==== small numbers ======================================================================== */

/* Why @p c must be hidden on its own, if at all. */
static enum stat_hidden hidden_alone(const struct statistic *s, const struct stat_cell *c,
				     unsigned suppress)
{
	const struct stat_figure *f = &c->fig;
	if (f->state != STAT_FIG_VALUE)
		return STAT_SHOWN;
	if (s->unit == STAT_COUNT && f->value > 0 && f->value < (double)suppress)
		return STAT_HIDDEN_SMALL;
	if (s->min_population != STAT_NULL && f->population != STAT_NULL &&
	    f->population <= s->min_population)
		return STAT_HIDDEN_POPULATION;
	return STAT_SHOWN;
}

/* The size a secondary suppression compares cells by: the population when known, else the
 * value. */
static double cell_size(const struct stat_cell *c)
{
	return c->fig.population != STAT_NULL ? (double)c->fig.population : fabs(c->fig.value);
}

/* Column @p then of the rows: when exactly one row is hidden and the total shows, the hidden
 * figure is the total less the others, so the next smallest shown row is hidden too. */
static void hide_secondary(struct stat_table *t, bool then)
{
	size_t hidden = 0, pick = SIZE_MAX;
	const struct stat_cell *total = then ? &t->total.then : &t->total.now;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct stat_cell *c = then ? &t->rows[i].then : &t->rows[i].now;
		if (c->hidden != STAT_SHOWN) {
			hidden++;
		} else if (c->fig.state == STAT_FIG_VALUE) {
			const struct stat_cell *p = pick == SIZE_MAX ? NULL :
				then ? &t->rows[pick].then : &t->rows[pick].now;
			if (!p || cell_size(c) < cell_size(p))
				pick = i;
		}
	}
	if (hidden != 1 || total->hidden != STAT_SHOWN || total->fig.state != STAT_FIG_VALUE ||
	    pick == SIZE_MAX)
		return;
	(then ? &t->rows[pick].then : &t->rows[pick].now)->hidden = STAT_HIDDEN_SECONDARY;
}

void stat_table_suppress(const struct statistic *s, struct stat_table *t, unsigned suppress)
{
	if (!suppress)
		return;
	t->total.now.hidden = hidden_alone(s, &t->total.now, suppress);
	t->total.then.hidden = hidden_alone(s, &t->total.then, suppress);
	for (size_t i = 0; i < t->nrows; i++) {
		t->rows[i].now.hidden = hidden_alone(s, &t->rows[i].now, suppress);
		t->rows[i].then.hidden = hidden_alone(s, &t->rows[i].then, suppress);
	}
	hide_secondary(t, false);
	hide_secondary(t, true);
}

double stat_round(double x, int decimals)
{
	static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	return round(x * scale[decimals]) / scale[decimals];
}
