/*
 * Budget rollups: the rules of include/folja/rollup.h.
 *
 * Building takes four steps, one section each.  The usable facts are sorted into buckets (a
 * unit, or a unit × activity/account when grouping).  Each bucket's figures are worked out on
 * their own, because a bucket is where an annual budget is periodised and where "the latest
 * forecast" is chosen: both are properties of one line of the ledger, not of a sum.  The
 * settings (profile, yellow band) are inherited down the unit tree.  Then bucket figures are
 * added into their nodes and nodes into their parents, with checked addition throughout, so
 * an overflow is a status, never a wrong figure.
 *
 * Presenting, the last section, is the arithmetic of a printed report: rounding only happens
 * there, each figure on its own (half away from zero), or "consistent", where the root is
 * rounded and each parent's displayed figures are handed down to its children and its own
 * lines by largest remainder, so the table adds up.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "folja/rollup.h"

static bool add(int64_t *acc, int64_t v)
{
	return money_add(*acc, v, acc);
}

static bool figures_add(struct rollup_figures *to, const struct rollup_figures *f)
{
	if (!add(&to->budget_year, f->budget_year) || !add(&to->budget_period, f->budget_period) ||
	    !add(&to->outcome_period, f->outcome_period) ||
	    !add(&to->previous_year_outcome, f->previous_year_outcome) ||
	    !add(&to->annual_budget, f->annual_budget))
		return false;
	if (f->has_forecast) {
		if (!add(&to->forecast_year, f->forecast_year))
			return false;
		to->has_forecast = true;
		if (f->forecast_month > to->forecast_month)
			to->forecast_month = f->forecast_month;
	}
	to->lines += f->lines;
	to->facts += f->facts;
	to->previous_lines += f->previous_lines;
	return true;
}

/* What one build works on; the arrays are owned by rollup_build(). */
struct build {
	const struct rollup_input *in;
	const struct rollup_query *q;
	bool by_key;                    /* grouping by activity or account */
	struct budget_effective *eff;   /* per unit: effective settings */
	size_t *idx, nidx;              /* indices of the usable facts, in bucket order */
	struct rollup_node *nodes;      /* nodes[0] is the root */
	struct rollup_node **ptrs;      /* the children slices; the root's is first */
	size_t nnodes;
};

/* ==== bucketing =========================================================================== */

static const char *key_of(const char *key)
{
	return key ? key : "";
}

/* The context of sorting fact indices by (key, unit). */
struct sort_ctx {
	const struct rollup_fact *facts;
	bool by_key;
};

static int cmp_fact(const void *a, const void *b, void *ctx)
{
	const struct sort_ctx *c = ctx;
	const struct rollup_fact *x = &c->facts[*(const size_t *)a];
	const struct rollup_fact *y = &c->facts[*(const size_t *)b];
	if (c->by_key) {
		int k = strcmp(key_of(x->key), key_of(y->key));
		if (k)
			return k;
	}
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return 0;
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

/* Sorts the indices of the usable facts into buckets.  False when out of memory. */
static bool bucket_order(struct build *b)
{
	const struct rollup_input *in = b->in;
	b->idx = malloc((in->nfacts ? in->nfacts : 1) * sizeof *b->idx);
	if (!b->idx)
		return false;
	for (size_t i = 0; i < in->nfacts; i++)
		if (fact_usable(&in->facts[i], in->nunits, b->q->year))
			b->idx[b->nidx++] = i;
	struct sort_ctx ctx = {in->facts, b->by_key};
	if (b->nidx > 1)
		qsort_r(b->idx, b->nidx, sizeof *b->idx, cmp_fact, &ctx);
	return true;
}

/* ==== bucket figures ====================================================================== */

/* A bucket's sums while its facts are read. */
struct bucket {
	struct rollup_figures f;
	int64_t annual;           /* the annual budget (month 0), still to periodise */
	bool has_annual;
	int64_t forecast;         /* the sum of the facts of forecast month f.forecast_month */
};

static bool bucket_add_budget(struct bucket *bk, const struct rollup_fact *x, bool in_period)
{
	if (!add(&bk->f.budget_year, x->amount_kr))
		return false;
	if (x->month == 0) {
		bk->has_annual = true;
		return add(&bk->annual, x->amount_kr);
	}
	return !in_period || add(&bk->f.budget_period, x->amount_kr);
}

/* Keeps the latest forecast month up to the period's last month, and the sum of its facts. */
static bool bucket_add_forecast(struct bucket *bk, const struct rollup_fact *x, int last_month)
{
	/* a forecast made after the period's end was not known at its close */
	if (x->month > last_month || x->month < bk->f.forecast_month)
		return true;
	if (x->month > bk->f.forecast_month) {
		bk->f.forecast_month = x->month;
		bk->forecast = 0;
	}
	return add(&bk->forecast, x->amount_kr);
}

/* Adds fact @p x to its bucket; false when a sum leaves the money range. */
static bool bucket_add(struct bucket *bk, const struct rollup_fact *x, const struct rollup_query *q)
{
	bool in_period = x->month >= q->first_month && x->month <= q->last_month;
	bk->f.lines += x->lines;
	bk->f.facts++;
	if (x->year == q->year - 1) {
		if (x->measure != RM_OUTCOME || !in_period)
			return true;
		bk->f.previous_lines += x->lines;
		return add(&bk->f.previous_year_outcome, x->amount_kr);
	}
	switch (x->measure) {
	case RM_BUDGET:
		return bucket_add_budget(bk, x, in_period);
	case RM_OUTCOME:
		return !in_period || add(&bk->f.outcome_period, x->amount_kr);
	case RM_FORECAST:
		return bucket_add_forecast(bk, x, q->last_month);
	}
	return true;
}

/* Settles the forecast and adds the period's months of the periodised annual budget. */
static enum rollup_status bucket_finish(struct bucket *bk, const struct rollup_query *q,
					const struct budget_effective *eff)
{
	if (bk->f.forecast_month > 0) {
		bk->f.has_forecast = true;
		bk->f.forecast_year = bk->forecast;
	}
	if (!bk->has_annual)
		return ROLLUP_OK;
	int64_t months[12];
	/* the annual sum is in range (checked as it was added): only a profile can be refused */
	if (!money_periodise(bk->annual, eff->has_profile ? eff->profile : NULL, months))
		return ROLLUP_INVALID;
	for (int m = q->first_month; m <= q->last_month; m++)
		if (!add(&bk->f.budget_period, months[m - 1]))
			return ROLLUP_OVERFLOW;
	bk->f.annual_budget = bk->annual;
	return ROLLUP_OK;
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

/* ==== adding up the tree ================================================================== */

static void node_init(struct rollup_node *nd, const char *key, const char *name, int64_t unit_id,
		      const struct budget_effective *eff)
{
	nd->key = key;
	nd->name = name;
	nd->unit_id = unit_id;
	nd->settings = *eff;
}

/* The nodes: one per unit, or the root and one per distinct key, in key order. */
static bool nodes_alloc(struct build *b)
{
	const struct rollup_fact *facts = b->in->facts;
	size_t nkeys = 0;
	for (size_t i = 0; b->by_key && i < b->nidx; i++)
		if (i == 0 || strcmp(key_of(facts[b->idx[i]].key),
				     key_of(facts[b->idx[i - 1]].key)) != 0)
			nkeys++;
	b->nnodes = b->by_key ? 1 + nkeys : b->in->nunits;
	b->nodes = calloc(b->nnodes, sizeof *b->nodes);
	b->ptrs = calloc(b->nnodes, sizeof *b->ptrs);
	if (!b->nodes || !b->ptrs)
		return false;
	const struct rollup_unit *root = &b->in->units[0];
	node_init(&b->nodes[0], root->code, root->name, root->id, &b->eff[0]);
	b->nodes[0].children = b->ptrs;  /* rollup_free() frees the slices through the root */
	return true;
}

/* Grouping: the key nodes, children of the root, carrying the root's settings. */
static void link_key_nodes(struct build *b)
{
	const struct rollup_fact *facts = b->in->facts;
	struct rollup_node *root = &b->nodes[0];
	for (size_t i = 0; i < b->nidx; i++) {
		const char *key = key_of(facts[b->idx[i]].key);
		size_t n = root->nchildren;
		if (n > 0 && strcmp(root->children[n - 1]->key, key) == 0)
			continue;
		assert(1 + n < b->nnodes);  /* nodes_alloc() counted the keys alike */
		struct rollup_node *nd = &b->nodes[1 + n];
		node_init(nd, key, NULL, 0, &b->eff[0]);
		nd->depth = 1;
		root->children[root->nchildren++] = nd;
	}
}

/* The unit tree: children slices laid out by parent index (so the root's is first). */
static void link_unit_tree(struct build *b)
{
	const struct rollup_unit *units = b->in->units;
	size_t start = 0;
	for (size_t i = 1; i < b->nnodes; i++)
		b->nodes[units[i].parent].nchildren++;
	for (size_t i = 0; i < b->nnodes; i++) {
		b->nodes[i].children = b->ptrs + start;
		start += b->nodes[i].nchildren;
		b->nodes[i].nchildren = 0;
	}
	for (size_t i = 1; i < b->nnodes; i++) {
		struct rollup_node *nd = &b->nodes[i], *p = &b->nodes[units[i].parent];
		node_init(nd, units[i].code, units[i].name, units[i].id, &b->eff[i]);
		nd->depth = p->depth + 1;
		p->children[p->nchildren++] = nd;
	}
}

/* The node a bucket's figures belong to: its unit's, or its key's.  Buckets come in key order,
 * like the key nodes, so *k (the current key node, from 0) only moves forward. */
static struct rollup_node *bucket_node(const struct build *b, const struct rollup_fact *first,
				       size_t *k)
{
	if (!b->by_key)
		return &b->nodes[first->unit];
	struct rollup_node *const *keys = b->nodes[0].children;
	size_t n = b->nodes[0].nchildren;
	while (*k < n && strcmp(keys[*k]->key, key_of(first->key)) != 0)
		++*k;
	assert(*k < n);  /* link_key_nodes() made a node of every bucket's key */
	return keys[*k];
}

/* Adds each bucket's figures into its node's own figures. */
static enum rollup_status add_buckets(struct build *b)
{
	const struct rollup_fact *facts = b->in->facts;
	size_t k = 0;
	for (size_t i = 0, j; i < b->nidx; i = j) {
		for (j = i + 1; j < b->nidx; j++)
			if (!same_bucket(&facts[b->idx[i]], &facts[b->idx[j]], b->by_key))
				break;
		struct rollup_figures f;
		enum rollup_status st = bucket_figures(b, b->idx + i, j - i, &f);
		if (st != ROLLUP_OK)
			return st;
		if (!figures_add(&bucket_node(b, &facts[b->idx[i]], &k)->own, &f))
			return ROLLUP_OVERFLOW;
	}
	return ROLLUP_OK;
}

/* Totals: own figures plus the children's totals.  Grouped, the key nodes into the root in
 * key order; else from the leaves up (a parent comes before its children).  The order is
 * part of the result: a running sum beyond the range is an overflow even when the whole
 * would come back within it. */
static enum rollup_status add_up(struct build *b)
{
	for (size_t i = 0; i < b->nnodes; i++)
		b->nodes[i].total = b->nodes[i].own;
	if (b->by_key) {
		for (size_t i = 1; i < b->nnodes; i++)
			if (!figures_add(&b->nodes[0].total, &b->nodes[i].total))
				return ROLLUP_OVERFLOW;
		return ROLLUP_OK;
	}
	for (size_t i = b->nnodes; i-- > 1;)
		if (!figures_add(&b->nodes[b->in->units[i].parent].total, &b->nodes[i].total))
			return ROLLUP_OVERFLOW;
	return ROLLUP_OK;
}

static void note_line(struct rollup_node *nd, int64_t id)
{
	if (nd->nline_ids < ROLLUP_MAX_LINE_IDS)
		nd->line_ids[nd->nline_ids++] = id;
}

/* Each source line counts for its node and every node above it; a node whose lines are all
 * noted lists them. */
static void note_lines(struct build *b)
{
	const struct rollup_input *in = b->in;
	for (size_t i = 0; i < in->nlines; i++) {
		const struct rollup_line *l = &in->lines[i];
		if (b->by_key) {
			note_line(&b->nodes[0], l->id);
			for (size_t k = 1; k < b->nnodes; k++)
				if (strcmp(b->nodes[k].key, key_of(l->key)) == 0)
					note_line(&b->nodes[k], l->id);
			continue;
		}
		/* parents come before their children (settings_down() checked): this ends */
		for (int u = l->unit; u >= 0 && (size_t)u < in->nunits;
		     u = u == 0 ? -1 : in->units[u].parent)
			note_line(&b->nodes[u], l->id);
	}
	for (size_t i = 0; i < b->nnodes; i++) {
		struct rollup_node *nd = &b->nodes[i];
		nd->lines_listed = in->lines_loaded && nd->total.lines <= ROLLUP_MAX_LINE_IDS &&
				   (int64_t)nd->nline_ids == nd->total.lines;
	}
}

static enum rollup_status build_tree(struct build *b)
{
	if (!bucket_order(b))
		return ROLLUP_NOMEM;
	enum rollup_status st = settings_down(b);
	if (st != ROLLUP_OK)
		return st;
	if (!nodes_alloc(b))
		return ROLLUP_NOMEM;
	if (b->by_key)
		link_key_nodes(b);
	else
		link_unit_tree(b);
	st = add_buckets(b);
	if (st == ROLLUP_OK)
		st = add_up(b);
	if (st == ROLLUP_OK)
		note_lines(b);
	return st;
}

struct rollup_node *rollup_build(const struct rollup_input *in, const struct rollup_query *q,
				 enum rollup_status *status)
{
	struct build b = {.in = in, .q = q, .by_key = q->group != RG_UNIT};

	*status = ROLLUP_INVALID;
	if (in->nunits == 0)
		return NULL;
	b.eff = calloc(in->nunits, sizeof *b.eff);
	*status = b.eff ? build_tree(&b) : ROLLUP_NOMEM;
	free(b.eff);
	free(b.idx);
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

/* ==== presenting ========================================================================== */

enum { F_BY, F_BP, F_OP, F_FY, F_PY, F_N };

static void figure_values(const struct rollup_figures *f, int64_t v[F_N])
{
	v[F_BY] = f->budget_year;
	v[F_BP] = f->budget_period;
	v[F_OP] = f->outcome_period;
	v[F_FY] = f->forecast_year;
	v[F_PY] = f->previous_year_outcome;
}

/* The differences a report prints: of displayed figures when they must add up, else the
 * kronor difference rounded. */
static void display_differences(struct rollup_display *s, const struct rollup_figures *t,
				const struct rollup_query *q)
{
	if (q->consistent) {
		s->deviation_period = s->outcome_period - s->budget_period;
		s->forecast_deviation = s->forecast_year - s->budget_year;
		s->change = s->outcome_period - s->previous_year_outcome;
	} else {
		s->deviation_period = money_round(money_deviation(t->outcome_period,
								  t->budget_period), q->scale);
		s->forecast_deviation = money_round(t->forecast_year - t->budget_year, q->scale);
		s->change = money_round(t->outcome_period - t->previous_year_outcome, q->scale);
	}
}

/* A node's display from its displayed figures @p disp. */
static enum rollup_status display_node(struct rollup_node *nd, const struct rollup_query *q,
				       const int64_t disp[F_N])
{
	const struct rollup_figures *t = &nd->total;
	struct rollup_display *s = &nd->shown;

	memset(s, 0, sizeof *s);
	s->shown = true;
	s->budget_year = disp[F_BY];
	s->budget_period = disp[F_BP];
	s->outcome_period = disp[F_OP];
	s->forecast_year = disp[F_FY];
	s->previous_year_outcome = disp[F_PY];
	s->has_forecast = t->has_forecast;
	s->has_previous = t->previous_lines > 0;
	display_differences(s, t, q);
	s->has_pct = money_deviation_pct(money_deviation(t->outcome_period, t->budget_period),
					 t->budget_period, &s->deviation_pct);
	/* the sums are in range (checked as they were added): only a band can be refused */
	if (!money_assess(t->outcome_period, t->budget_period, nd->settings.yellow_bp,
			  &s->assessment))
		return ROLLUP_INVALID;
	/* a node without a single line has nothing to assess: no colour rather than a green that
	 * would read as "on budget" */
	s->assessed = t->lines > 0;
	if (s->assessment.has_next)
		s->next_overspend_kr = t->budget_period - s->assessment.next_outcome_kr;
	return ROLLUP_OK;
}

/* Children displayed each on its own.  @p disp is nchildren × F_N. */
static void children_each(const struct rollup_node *nd, enum money_scale s, int64_t *disp)
{
	for (size_t i = 0; i < nd->nchildren; i++) {
		int64_t v[F_N];
		figure_values(&nd->children[i]->total, v);
		for (int f = 0; f < F_N; f++)
			disp[i * F_N + f] = money_round(v[f], s);
	}
}

/* Children displayed so that they and the parent's own lines add up to the parent's
 * displayed figures @p parent.  @p disp is nchildren × F_N. */
static enum rollup_status children_consistent(const struct rollup_node *nd,
					      const int64_t parent[F_N], enum money_scale s,
					      int64_t *disp)
{
	size_t n = nd->nchildren + 1;
	int64_t *amounts = malloc(n * sizeof *amounts), *out = malloc(n * sizeof *out);
	enum rollup_status st = amounts && out ? ROLLUP_OK : ROLLUP_NOMEM;
	for (int f = 0; st == ROLLUP_OK && f < F_N; f++) {
		int64_t sum = 0, v[F_N];
		for (size_t i = 0; i < nd->nchildren; i++) {
			figure_values(&nd->children[i]->total, v);
			amounts[i] = v[f];
			sum += v[f];
		}
		figure_values(&nd->total, v);
		amounts[n - 1] = v[f] - sum;  /* the node's own lines */
		if (!money_round_to_total(amounts, n, s, parent[f], out))
			st = ROLLUP_OVERFLOW;
		for (size_t i = 0; st == ROLLUP_OK && i < nd->nchildren; i++)
			disp[i * F_N + f] = out[i];
	}
	free(amounts);
	free(out);
	return st;
}

static void hide(struct rollup_node *nd)
{
	nd->shown.shown = false;
	for (size_t i = 0; i < nd->nchildren; i++)
		hide(nd->children[i]);
}

/* Presents @p nd from its displayed figures @p disp, and its children when within depth. */
static enum rollup_status present_node(struct rollup_node *nd, const struct rollup_query *q,
				       const int64_t disp[F_N])
{
	enum rollup_status st = display_node(nd, q, disp);
	if (st != ROLLUP_OK || nd->nchildren == 0)
		return st;
	if (q->depth >= 0 && nd->depth >= q->depth) {
		for (size_t i = 0; i < nd->nchildren; i++)
			hide(nd->children[i]);
		return ROLLUP_OK;
	}
	int64_t *cd = malloc(nd->nchildren * F_N * sizeof *cd);
	if (!cd)
		return ROLLUP_NOMEM;
	if (q->consistent)
		st = children_consistent(nd, disp, q->scale, cd);
	else
		children_each(nd, q->scale, cd);
	for (size_t i = 0; st == ROLLUP_OK && i < nd->nchildren; i++)
		st = present_node(nd->children[i], q, cd + i * F_N);
	free(cd);
	return st;
}

enum rollup_status rollup_present(struct rollup_node *root, const struct rollup_query *q)
{
	int64_t v[F_N], disp[F_N];
	figure_values(&root->total, v);
	for (int f = 0; f < F_N; f++)
		disp[f] = money_round(v[f], q->scale);
	return present_node(root, q, disp);
}
