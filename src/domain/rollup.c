/*
 * Budget rollups: the rules of include/folja/rollup.h, building.
 *
 * Building takes four steps.  The settings (profile, yellow band, basis) are inherited down
 * the unit tree.  The nodes are made (src/domain/rollup_tree.c): the unit tree, the key
 * nodes with their nesting, and the node of every usable fact.  The facts are sorted into
 * buckets (a unit, or a unit × activity/account/project when grouping), and each bucket's
 * figures are worked out on their own, because a bucket is where an annual budget is
 * periodised, and its ledger cells are where "the latest forecast" and the one before it are
 * chosen: both are properties of one line of the ledger, not of a sum.  Then bucket figures
 * are added into their nodes and nodes into their parents, with checked addition throughout,
 * so an overflow is a status, never a wrong figure.
 *
 * Presenting, the arithmetic of a printed report, is src/domain/rollup_present.c.
 */
#include <stdlib.h>
#include <string.h>

#include "rollup_build.h"

static bool add(int64_t *acc, int64_t v)
{
	return money_add(*acc, v, acc);
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Adds the amounts of @p f into @p to; false when one leaves the money range. */
static bool amounts_add(struct rollup_figures *to, const struct rollup_figures *f)
{
	return add(&to->budget_year, f->budget_year) &&
	       add(&to->budget_period, f->budget_period) &&
	       add(&to->outcome_period, f->outcome_period) &&
	       add(&to->previous_year_outcome, f->previous_year_outcome) &&
	       add(&to->annual_budget, f->annual_budget) &&
	       add(&to->budget_changes, f->budget_changes) &&
	       add(&to->forecast_year, f->forecast_year) &&
	       add(&to->forecast_previous, f->forecast_previous) &&
	       add(&to->previous_budget, f->previous_budget);
}

bool rollup_figures_add(struct rollup_figures *to, const struct rollup_figures *f)
{
	if (!amounts_add(to, f))
		return false;
	to->has_forecast |= f->has_forecast;
	to->forecast_month = max_int(to->forecast_month, f->forecast_month);
	to->forecast_previous_month = max_int(to->forecast_previous_month,
					      f->forecast_previous_month);
	to->outcome_through = max_int(to->outcome_through, f->outcome_through);
	to->previous_through = max_int(to->previous_through, f->previous_through);
	to->lines += f->lines;
	to->facts += f->facts;
	to->previous_lines += f->previous_lines;
	to->forecast_cells += f->forecast_cells;
	to->forecast_previous_cells += f->forecast_previous_cells;
	to->year_lines += f->year_lines;
	to->previous_budget_lines += f->previous_budget_lines;
	to->previous_year_lines += f->previous_year_lines;
	return true;
}

/* ==== bucketing =========================================================================== */

static const char *key_of(const char *key)
{
	return key ? key : "";
}

/* The context of sorting fact indices by node, unit, key and cell. */
struct sort_ctx {
	const struct rollup_fact *facts;
	const int *fact_node;
	bool by_key;
};

static int cmp_fact(const void *a, const void *b, void *ctx)
{
	const struct sort_ctx *c = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct rollup_fact *x = &c->facts[i], *y = &c->facts[j];
	if (c->fact_node[i] != c->fact_node[j])
		return c->fact_node[i] < c->fact_node[j] ? -1 : 1;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	int k = c->by_key ? strcmp(key_of(x->key), key_of(y->key)) : 0;
	return k ? k : strcmp(key_of(x->cell), key_of(y->cell));
}

static bool same_bucket(const struct rollup_fact *x, const struct rollup_fact *y, bool by_key)
{
	if (x->unit != y->unit)
		return false;
	return !by_key || strcmp(key_of(x->key), key_of(y->key)) == 0;
}

/* A fact of a unit in the input, of the query's year or the one before. */
static bool fact_usable(const struct rollup_fact *x, size_t nunits, int year)
{
	return x->unit >= 0 && (size_t)x->unit < nunits && x->month >= 0 && x->month <= 12 &&
	       (x->year == year || x->year == year - 1);
}

/* The indices of the usable facts.  False when out of memory. */
static bool usable_facts(struct build *b)
{
	const struct rollup_input *in = b->in;
	b->idx = malloc((in->nfacts ? in->nfacts : 1) * sizeof *b->idx);
	if (!b->idx)
		return false;
	for (size_t i = 0; i < in->nfacts; i++)
		if (fact_usable(&in->facts[i], in->nunits, b->q->year))
			b->idx[b->nidx++] = i;
	return true;
}

/* Sorts the usable facts into buckets, within their nodes (once rollup_tree_make() has
 * given every fact its node). */
static void bucket_order(struct build *b)
{
	struct sort_ctx ctx = {b->in->facts, b->fact_node, b->by_key};
	if (b->nidx > 1)
		qsort_r(b->idx, b->nidx, sizeof *b->idx, cmp_fact, &ctx);
}

/* ==== bucket figures ====================================================================== */

/* A bucket's sums while its facts are read. */
struct bucket {
	struct rollup_figures f;
	int64_t annual;           /* this year's annual budget (month 0), still to periodise */
	bool has_annual;
	int64_t previous_annual;  /* last year's */
	bool has_previous_annual;
	struct forecast_cell cell; /* the forecasts of the ledger cell being read */
	const char *cell_key;
	bool in_cell;
};

/* A budget fact (original or change) of the query's year. */
static bool bucket_add_budget(struct bucket *bk, const struct rollup_fact *x, bool in_period,
			      const struct rollup_query *q)
{
	if (!add(&bk->f.budget_year, x->amount_kr) ||
	    (x->measure == RM_BUDGET_CHANGE && !add(&bk->f.budget_changes, x->amount_kr)))
		return false;
	/* an investment budget is the year's from January: not periodised */
	if (q->ledger == RL_INVESTERING)
		return add(&bk->f.budget_period, x->amount_kr);
	if (x->month == 0) {
		bk->has_annual = true;
		return add(&bk->annual, x->amount_kr);
	}
	return !in_period || add(&bk->f.budget_period, x->amount_kr);
}

/* A fact of last year: its outcome and budget in the same months. */
static bool bucket_add_previous(struct bucket *bk, const struct rollup_fact *x, bool in_period,
				const struct rollup_query *q)
{
	bk->f.previous_year_lines += x->lines;
	if (x->measure == RM_OUTCOME) {
		if (!in_period)
			return true;
		bk->f.previous_lines += x->lines;
		bk->f.previous_through = max_int(bk->f.previous_through, x->month);
		return add(&bk->f.previous_year_outcome, x->amount_kr);
	}
	if (x->measure == RM_FORECAST)
		return true;
	bk->f.previous_budget_lines += x->lines;
	if (q->ledger == RL_INVESTERING)
		return add(&bk->f.previous_budget, x->amount_kr);
	if (x->month == 0) {
		bk->has_previous_annual = true;
		return add(&bk->previous_annual, x->amount_kr);
	}
	return !in_period || add(&bk->f.previous_budget, x->amount_kr);
}

/* Ends the ledger cell being read: its latest and previous forecasts into the bucket. */
static bool cell_flush(struct bucket *bk)
{
	const struct forecast_cell *c = &bk->cell;
	bk->in_cell = false;
	if (c->latest_month == 0)
		return true;
	bk->f.forecast_cells++;
	bk->f.forecast_month = max_int(bk->f.forecast_month, c->latest_month);
	if (!add(&bk->f.forecast_year, c->latest))
		return false;
	if (c->previous_month == 0)
		return true;
	bk->f.forecast_previous_cells++;
	bk->f.forecast_previous_month = max_int(bk->f.forecast_previous_month, c->previous_month);
	return add(&bk->f.forecast_previous, c->previous);
}

/* A forecast of this year, into its ledger cell (a bucket's facts come sorted by cell). */
static bool bucket_add_forecast(struct bucket *bk, const struct rollup_fact *x,
				const struct rollup_query *q)
{
	const char *cell = key_of(x->cell);
	if (bk->in_cell && strcmp(cell, bk->cell_key) != 0 && !cell_flush(bk))
		return false;
	if (!bk->in_cell) {
		memset(&bk->cell, 0, sizeof bk->cell);
		bk->cell_key = cell;
		bk->in_cell = true;
	}
	/* a forecast made after the period's end was not known at its close */
	return forecast_cell_add(&bk->cell, x->month, x->amount_kr, q->last_month);
}

/* Adds fact @p x to its bucket; false when a sum leaves the money range. */
static bool bucket_add(struct bucket *bk, const struct rollup_fact *x, const struct rollup_query *q)
{
	bool in_period = x->month >= q->first_month && x->month <= q->last_month;
	bk->f.lines += x->lines;
	bk->f.facts++;
	if (x->year == q->year - 1)
		return bucket_add_previous(bk, x, in_period, q);
	bk->f.year_lines += x->lines;
	switch (x->measure) {
	case RM_BUDGET:
	case RM_BUDGET_CHANGE:
		return bucket_add_budget(bk, x, in_period, q);
	case RM_OUTCOME:
		if (!in_period)
			return true;
		bk->f.outcome_through = max_int(bk->f.outcome_through, x->month);
		return add(&bk->f.outcome_period, x->amount_kr);
	case RM_FORECAST:
		return bucket_add_forecast(bk, x, q);
	}
	return true;
}

/* Adds the period's months of @p annual, periodised by @p eff's profile, to *to. */
static enum rollup_status periodise_into(int64_t annual, const struct budget_effective *eff,
					 const struct rollup_query *q, int64_t *to)
{
	int64_t months[12];
	/* the annual sum is in range (checked as it was added): only a profile can be refused */
	if (!money_periodise(annual, eff->has_profile ? eff->profile : NULL, months))
		return ROLLUP_INVALID;
	for (int m = q->first_month; m <= q->last_month; m++)
		if (!add(to, months[m - 1]))
			return ROLLUP_OVERFLOW;
	return ROLLUP_OK;
}

/* Settles the last ledger cell and adds the period's months of the periodised annual
 * budgets, this year's and last year's. */
static enum rollup_status bucket_finish(struct bucket *bk, const struct rollup_query *q,
					const struct budget_effective *eff)
{
	if (bk->in_cell && !cell_flush(bk))
		return ROLLUP_OVERFLOW;
	bk->f.has_forecast = bk->f.forecast_cells > 0;
	enum rollup_status st = ROLLUP_OK;
	if (bk->has_annual) {
		st = periodise_into(bk->annual, eff, q, &bk->f.budget_period);
		bk->f.annual_budget = bk->annual;
	}
	if (st == ROLLUP_OK && bk->has_previous_annual)
		st = periodise_into(bk->previous_annual, eff, q, &bk->f.previous_budget);
	return st;
}

/* The figures of the bucket of facts idx[0..n-1] (one unit, and one key when grouping). */
static enum rollup_status bucket_figures(const struct build *b, const size_t *idx, size_t n,
					 struct rollup_figures *f)
{
	struct bucket bk;
	memset(&bk, 0, sizeof bk);
	for (size_t i = 0; i < n; i++)
		if (!bucket_add(&bk, &b->in->facts[idx[i]], b->q))
			return ROLLUP_OVERFLOW;
	enum rollup_status st = bucket_finish(&bk, b->q, &b->eff[b->in->facts[idx[0]].unit]);
	*f = bk.f;
	return st;
}

/* Adds each bucket's figures into its node's own figures. */
static enum rollup_status add_buckets(struct build *b)
{
	const struct rollup_fact *facts = b->in->facts;
	for (size_t i = 0, j; i < b->nidx; i = j) {
		for (j = i + 1; j < b->nidx; j++)
			if (!same_bucket(&facts[b->idx[i]], &facts[b->idx[j]], b->by_key))
				break;
		struct rollup_figures f;
		enum rollup_status st = bucket_figures(b, b->idx + i, j - i, &f);
		if (st != ROLLUP_OK)
			return st;
		if (!rollup_figures_add(&b->nodes[b->fact_node[b->idx[i]]].own, &f))
			return ROLLUP_OVERFLOW;
	}
	return ROLLUP_OK;
}

/* ==== settings down the tree ============================================================== */

/* The effective settings of every unit: the root's under what it inherits from its
 * ancestors, every other unit's under its parent's. */
static enum rollup_status settings_down(struct build *b)
{
	const struct rollup_input *in = b->in;
	struct budget_effective above;
	budget_settings_effective(in->ancestors, in->nancestors, &above);
	for (size_t i = 0; i < in->nunits; i++) {
		const struct rollup_unit *u = &in->units[i];
		if (i > 0 && (u->parent < 0 || (size_t)u->parent >= i))
			return ROLLUP_INVALID;  /* a parent must come before its children */
		budget_settings_inherit(i == 0 ? &above : &b->eff[u->parent], u->id, &u->own,
					&b->eff[i]);
	}
	return ROLLUP_OK;
}

/* ==== the build =========================================================================== */

static enum rollup_status build_tree(struct build *b)
{
	if (!usable_facts(b))
		return ROLLUP_NOMEM;
	if (!budget_codes_index(b->in->codes, b->in->codes ? b->in->ncodes : 0, &b->codes))
		return ROLLUP_NOMEM;
	enum rollup_status st = settings_down(b);
	if (st == ROLLUP_OK)
		st = rollup_tree_make(b);
	if (st != ROLLUP_OK)
		return st;
	bucket_order(b);
	st = add_buckets(b);
	if (st == ROLLUP_OK)
		st = rollup_tree_add_up(b);
	if (st == ROLLUP_OK)
		rollup_tree_note_lines(b);
	return st;
}

struct rollup_node *rollup_build(const struct rollup_input *in, const struct rollup_query *q,
				 enum rollup_status *status)
{
	struct build b = {.in = in, .q = q, .by_key = q->group != RG_UNIT,
			  .unit_tree = q->group == RG_UNIT || q->group == RG_UNIT_ACTIVITY,
			  .nested = q->group == RG_UNIT_ACTIVITY ||
				    (q->group == RG_ACCOUNT && q->subtotals)};

	*status = ROLLUP_INVALID;
	if (in->nunits == 0)
		return NULL;
	b.eff = calloc(in->nunits, sizeof *b.eff);
	*status = b.eff ? build_tree(&b) : ROLLUP_NOMEM;
	free(b.eff);
	free(b.idx);
	budget_codes_free(&b.codes);
	rollup_tree_scratch_free(&b);
	if (*status != ROLLUP_OK) {
		free(b.nodes);
		free(b.ptrs);
		return NULL;
	}
	return b.nodes;
}

void rollup_free(struct rollup_node *root)
{
	if (!root)
		return;
	free(root->children);
	free(root);
}
