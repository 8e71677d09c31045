/*
 * Budget rollups: the rules of include/folja/rollup.h.
 *
 * The facts are sorted into buckets (a unit, or a unit × activity/account when grouping); a
 * bucket is where an annual budget is periodised and where "the latest forecast" is chosen,
 * because both are properties of one line of the ledger, not of a sum.  Bucket figures are
 * added into their node, and nodes into their parents, with checked addition.  Rounding
 * happens only in the rendering at the end: each figure on its own (half away from zero), or
 * "consistent", where the root is rounded and each parent's displayed value is handed down
 * to its children and its own lines by largest remainder, so a printed table adds up.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "folja/color.h"
#include "folja/rollup.h"

/* ==== building ============================================================================ */

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

/*
 * The figures of one bucket: facts[idx[0..n-1]] all belong to the same unit (and key).
 * False when a sum leaves the money range or the profile cannot periodise.
 */
static bool bucket_figures(const struct rollup_fact *facts, const size_t *idx, size_t n,
			   const struct rollup_query *q, const int64_t *profile,
			   struct rollup_figures *f)
{
	int64_t annual = 0, forecast = 0;
	int fc_month = 0;
	bool has_annual = false;

	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < n; i++) {
		const struct rollup_fact *x = &facts[idx[i]];
		bool in_period = x->month >= q->first_month && x->month <= q->last_month;
		f->lines += x->lines;
		f->facts++;
		if (x->year == q->year - 1) {
			if (x->measure == RM_OUTCOME && in_period) {
				if (!add(&f->previous_year_outcome, x->amount_kr))
					return false;
				f->previous_lines += x->lines;
			}
			continue;
		}
		switch (x->measure) {
		case RM_BUDGET:
			if (!add(&f->budget_year, x->amount_kr))
				return false;
			if (x->month == 0) {
				has_annual = true;
				if (!add(&annual, x->amount_kr))
					return false;
			} else if (in_period && !add(&f->budget_period, x->amount_kr)) {
				return false;
			}
			break;
		case RM_OUTCOME:
			if (in_period && !add(&f->outcome_period, x->amount_kr))
				return false;
			break;
		case RM_FORECAST:
			/* a forecast made after the period's end was not known at its close */
			if (x->month > q->last_month || x->month < fc_month)
				break;
			if (x->month > fc_month) {
				fc_month = x->month;
				forecast = 0;
			}
			if (!add(&forecast, x->amount_kr))
				return false;
			break;
		}
	}
	if (fc_month > 0) {
		f->has_forecast = true;
		f->forecast_year = forecast;
		f->forecast_month = fc_month;
	}
	if (has_annual) {
		int64_t months[12];
		if (!money_periodise(annual, profile, months))
			return false;
		for (int m = q->first_month; m <= q->last_month; m++)
			if (!add(&f->budget_period, months[m - 1]))
				return false;
		f->annual_budget = annual;
	}
	return true;
}

/* The context of sorting fact indices by (unit, key). */
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
		int k = strcmp(x->key ? x->key : "", y->key ? y->key : "");
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
	return !by_key || strcmp(x->key ? x->key : "", y->key ? y->key : "") == 0;
}

/* Indices of the usable facts, sorted into buckets; *n gets their count.  NULL on failure. */
static size_t *bucket_order(const struct rollup_fact *facts, size_t nfacts, size_t nunits,
			    const struct rollup_query *q, size_t *n)
{
	size_t *idx = malloc((nfacts ? nfacts : 1) * sizeof *idx);
	if (!idx)
		return NULL;
	*n = 0;
	for (size_t i = 0; i < nfacts; i++) {
		const struct rollup_fact *x = &facts[i];
		if (x->unit < 0 || (size_t)x->unit >= nunits || x->month < 0 || x->month > 12 ||
		    (x->year != q->year && x->year != q->year - 1))
			continue;
		idx[(*n)++] = i;
	}
	struct sort_ctx ctx = {facts, q->group != RG_UNIT};
	if (*n > 1)
		qsort_r(idx, *n, sizeof *idx, cmp_fact, &ctx);
	return idx;
}

static void note_line(struct rollup_node *nd, int64_t id)
{
	if (nd->nline_ids < ROLLUP_MAX_LINE_IDS)
		nd->line_ids[nd->nline_ids++] = id;
}

static void node_settings(struct rollup_node *node, const struct budget_effective *e)
{
	node->yellow_bp = e->yellow_bp;
	node->yellow_from_unit = e->yellow_from;
	node->profiled = e->has_profile;
}

struct rollup_node *rollup_build(const struct rollup_unit *units, size_t nunits,
				 const struct rollup_fact *facts, size_t nfacts,
				 const struct rollup_query *q)
{
	struct rollup_node *nodes = NULL;
	struct rollup_node **ptrs = NULL;
	struct budget_effective *eff = NULL;
	size_t *idx = NULL, nidx = 0, nnodes = 0, *start = NULL;
	bool by_key = q->group != RG_UNIT;
	bool ok = false;

	if (nunits == 0)
		return NULL;
	eff = calloc(nunits, sizeof *eff);
	idx = bucket_order(facts, nfacts, nunits, q, &nidx);
	if (!eff || !idx)
		goto cleanup;

	/* settings flow down: the root's under what it inherits, each unit's under its
	 * parent's */
	for (size_t i = 0; i < nunits; i++) {
		const struct rollup_unit *u = &units[i];
		const struct budget_effective *up = &q->inherited;
		if (u->parent >= 0 && (size_t)u->parent < i)
			up = &eff[u->parent];
		budget_settings_inherit(up, u->id, &u->own, &eff[i]);
	}

	/* nodes: one per unit, or the root and one per distinct key */
	size_t nkeys = 0;
	if (by_key)
		for (size_t i = 0; i < nidx; i++)
			if (i == 0 || strcmp(facts[idx[i]].key ? facts[idx[i]].key : "",
					     facts[idx[i - 1]].key ? facts[idx[i - 1]].key : ""))
				nkeys++;
	nnodes = by_key ? 1 + nkeys : nunits;
	nodes = calloc(nnodes, sizeof *nodes);
	ptrs = calloc(nnodes, sizeof *ptrs);
	if (!nodes || !ptrs)
		goto cleanup;

	nodes[0].key = units[0].code;
	nodes[0].name = units[0].name;
	nodes[0].unit_id = units[0].id;
	node_settings(&nodes[0], &eff[0]);
	nodes[0].children = ptrs;

	size_t k = 0;  /* current key node when grouping */
	for (size_t i = 0; i < nidx;) {
		size_t j = i + 1;
		while (j < nidx && same_bucket(&facts[idx[i]], &facts[idx[j]], by_key))
			j++;
		const struct rollup_fact *first = &facts[idx[i]];
		struct rollup_figures f;
		const struct budget_effective *e = &eff[first->unit];
		if (!bucket_figures(facts, idx + i, j - i, q, e->has_profile ? e->profile : NULL,
				    &f))
			goto cleanup;
		struct rollup_node *target;
		if (by_key) {
			const char *key = first->key ? first->key : "";
			if (k == 0 || strcmp(nodes[k].key, key) != 0) {
				k++;
				assert(k < nnodes);
				nodes[k].key = key;
				nodes[k].depth = 1;
				node_settings(&nodes[k], &eff[0]);
				ptrs[k - 1] = &nodes[k];
			}
			target = &nodes[k];
		} else {
			target = &nodes[first->unit];
		}
		if (!figures_add(&target->own, &f))
			goto cleanup;
		i = j;
	}

	if (by_key) {
		nodes[0].nchildren = nkeys;
		for (size_t i = 0; i < q->nlines; i++) {
			const char *key = q->lines[i].key ? q->lines[i].key : "";
			note_line(&nodes[0], q->lines[i].id);
			for (size_t k2 = 1; k2 < nnodes; k2++)
				if (strcmp(nodes[k2].key, key) == 0)
					note_line(&nodes[k2], q->lines[i].id);
		}
		for (size_t i = 1; i < nnodes; i++) {
			nodes[i].total = nodes[i].own;
			if (!figures_add(&nodes[0].total, &nodes[i].own))
				goto cleanup;
		}
		ok = true;
		goto cleanup;
	}

	/* the unit tree: children slices laid out by parent index (so the root's is first),
	 * totals summed from the leaves up (parents come before children) */
	start = calloc(nnodes + 1, sizeof *start);
	if (!start)
		goto cleanup;
	for (size_t i = 1; i < nunits; i++) {
		if (units[i].parent < 0 || (size_t)units[i].parent >= i)
			goto cleanup;
		nodes[units[i].parent].nchildren++;
	}
	for (size_t i = 0; i < nunits; i++) {
		start[i + 1] = start[i] + nodes[i].nchildren;
		nodes[i].children = ptrs + start[i];
		nodes[i].nchildren = 0;
	}
	for (size_t i = 0; i < nunits; i++) {
		struct rollup_node *nd = &nodes[i];
		nd->key = units[i].code;
		nd->name = units[i].name;
		nd->unit_id = units[i].id;
		node_settings(nd, &eff[i]);
		nd->total = nd->own;
		if (i > 0) {
			struct rollup_node *p = &nodes[units[i].parent];
			nd->depth = p->depth + 1;
			p->children[p->nchildren++] = nd;
		}
	}
	for (size_t i = nunits; i-- > 1;)
		if (!figures_add(&nodes[units[i].parent].total, &nodes[i].total))
			goto cleanup;
	/* each line counts for its unit and every unit above it */
	for (size_t i = 0; i < q->nlines; i++) {
		int u = q->lines[i].unit;
		for (int guard = 0; u >= 0 && (size_t)u < nunits && guard < 256; guard++) {
			note_line(&nodes[u], q->lines[i].id);
			u = units[u].parent;
		}
	}
	ok = true;
cleanup:
	free(eff);
	free(idx);
	free(start);
	if (!ok) {
		free(nodes);
		free(ptrs);
		return NULL;
	}
	return nodes;
}

void rollup_free(struct rollup_node *root)
{
	if (!root)
		return;
	free(root->children);
	free(root);
}

/* ==== rendering =========================================================================== */

enum { F_BY, F_BP, F_OP, F_FY, F_PY, F_N };

static void figure_values(const struct rollup_figures *f, int64_t v[F_N])
{
	v[F_BY] = f->budget_year;
	v[F_BP] = f->budget_period;
	v[F_OP] = f->outcome_period;
	v[F_FY] = f->forecast_year;
	v[F_PY] = f->previous_year_outcome;
}

/* Displayed values of each child (and of the parent's own lines) so that they add up to the
 * parent's displayed values.  @p disp is n_children × F_N.  False only on a broken tree. */
static bool children_display(const struct rollup_node *nd, const int64_t parent[F_N],
			     enum money_scale s, int64_t *disp)
{
	size_t n = nd->nchildren + 1;
	int64_t *amounts = malloc(n * sizeof *amounts), *out = malloc(n * sizeof *out);
	bool ok = amounts && out;
	for (int f = 0; ok && f < F_N; f++) {
		int64_t sum = 0, v[F_N];
		for (size_t i = 0; i < nd->nchildren; i++) {
			figure_values(&nd->children[i]->total, v);
			amounts[i] = v[f];
			sum += v[f];
		}
		figure_values(&nd->total, v);
		amounts[n - 1] = v[f] - sum;  /* the node's own lines */
		ok = money_round_to_total(amounts, n, s, parent[f], out);
		for (size_t i = 0; ok && i < nd->nchildren; i++)
			disp[i * F_N + f] = out[i];
	}
	free(amounts);
	free(out);
	return ok;
}

static json_t *amount_or_null(bool present, int64_t v)
{
	return present ? json_integer(v) : json_null();
}

/* Percent-encodes @p s for a query string (RFC 3986 unreserved characters kept); cut short,
 * never mid-escape, when @p cap is too small. */
static void url_encode(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 <= cap; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
}

static json_t *explain(const struct rollup_node *nd, const struct rollup_query *q,
		       const struct money_assessment *a, bool has_pct, double pct)
{
	const struct rollup_figures *t = &nd->total;
	char text[256];
	snprintf(text, sizeof text, "green when outcome − budget ≥ 0; yellow when the overspend "
		 "is at most %d.%02d %% of |budget|; red beyond", nd->yellow_bp / 100,
		 nd->yellow_bp % 100);
	json_t *e = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:o}, s:{s:i, s:I, s:o}}",
		"rule", "budget_deviation", "text", text,
		"inputs", "outcome_period_kr", (json_int_t)t->outcome_period,
		"budget_period_kr", (json_int_t)t->budget_period,
		"deviation_kr", (json_int_t)a->deviation_kr,
		"deviation_pct", has_pct ? json_real(pct) : json_null(),
		"thresholds", "yellow_bp", nd->yellow_bp,
		"yellow_limit_kr", (json_int_t)a->yellow_limit_kr,
		"set_on_unit_id", nd->yellow_from_unit ? json_integer(nd->yellow_from_unit) :
		json_null());
	if (!e)
		return NULL;
	if (a->has_next)
		json_object_set_new(e, "next_better", json_pack("{s:s, s:I, s:I}",
			"color", color_name(a->next_color),
			"outcome_period_kr_at_least", (json_int_t)a->next_outcome_kr,
			"overspend_kr_at_most", (json_int_t)(t->budget_period - a->next_outcome_kr)));
	else
		json_object_set_new(e, "next_better", json_null());
	json_object_set_new(e, "period", json_pack("{s:s, s:i, s:i, s:i, s:b}", "period",
		q->period, "year", q->year, "first_month", q->first_month, "last_month",
		q->last_month, "cumulative", q->cumulative));
	if (t->annual_budget != 0)
		json_object_set_new(e, "periodisation", json_pack("{s:I, s:s}",
			"annual_budget_kr", (json_int_t)t->annual_budget, "profile",
			nd->profiled ? "unit profile" : "linear"));
	if (t->has_forecast)
		json_object_set_new(e, "forecast", json_pack("{s:s, s:i}", "rule",
			"the latest forecast made up to the period's last month, per unit"
			" (and activity/account when grouped)", "latest_month", t->forecast_month));
	/* A node names its lines by id when it draws on a few; otherwise its sources are the
	 * aggregate rows (never thousands of ids in a reply) and the query listing the lines. */
	char lines_query[512], code[384];
	if (nd->unit_id) {
		snprintf(lines_query, sizeof lines_query,
			 "/api/v1/budget-lines?unit_id=%lld&year=%d", (long long)nd->unit_id, q->year);
	} else {
		url_encode(nd->key, code, sizeof code);
		snprintf(lines_query, sizeof lines_query, "/api/v1/budget-lines?%s=%s&year=%d",
			 q->group == RG_ACTIVITY ? "activity" : "account", code, q->year);
	}
	bool listed = q->lines_loaded && t->lines <= ROLLUP_MAX_LINE_IDS &&
		      (int64_t)nd->nline_ids == t->lines;
	json_t *src = json_pack("{s:s, s:s, s:I, s:I, s:I, s:s, s:b}",
		"kind", listed ? "lines" : "aggregate",
		"table", q->group == RG_UNIT ? "budget_agg_unit" : q->group == RG_ACTIVITY ?
		"budget_agg_activity" : "budget_agg_account",
		"aggregate_rows", (json_int_t)t->facts,
		"lines", (json_int_t)t->lines,
		"own_lines", (json_int_t)nd->own.lines,
		"lines_query", lines_query,
		"subtree", nd->unit_id != 0 && q->group == RG_UNIT);
	if (src && listed) {
		json_t *ids = json_array();
		for (size_t i = 0; i < nd->nline_ids; i++)
			json_array_append_new(ids, json_integer(nd->line_ids[i]));
		json_object_set_new(src, "line_ids", ids);
	}
	json_object_set_new(e, "sources", src);
	return e;
}

/* One node and (depth permitting) its children; @p disp are its displayed figures. */
static json_t *node_json(const struct rollup_node *nd, const struct rollup_query *q,
			 const int64_t disp[F_N], json_t *rows)
{
	const struct rollup_figures *t = &nd->total;
	enum money_scale s = q->scale;
	int64_t dev_kr = money_deviation(t->outcome_period, t->budget_period);
	int64_t dev, fdev, change;
	double pct = 0;
	bool has_pct = money_deviation_pct(dev_kr, t->budget_period, &pct);
	bool has_prev = t->previous_lines > 0;
	struct money_assessment a;

	if (q->consistent) {
		dev = disp[F_OP] - disp[F_BP];
		fdev = disp[F_FY] - disp[F_BY];
		change = disp[F_OP] - disp[F_PY];
	} else {
		dev = money_round(dev_kr, s);
		fdev = money_round(t->forecast_year - t->budget_year, s);
		change = money_round(t->outcome_period - t->previous_year_outcome, s);
	}
	if (!money_assess(t->outcome_period, t->budget_period, nd->yellow_bp, &a))
		return NULL;

	json_t *o = json_object();
	const char *key = nd->key;
	json_object_set_new(o, "key", key && *key ? json_string(key) : json_null());
	json_object_set_new(o, "unit_id", nd->unit_id ? json_integer(nd->unit_id) : json_null());
	json_object_set_new(o, "name", nd->name ? json_string(nd->name) : json_null());
	json_object_set_new(o, "budget_year", json_integer(disp[F_BY]));
	json_object_set_new(o, "budget_period", json_integer(disp[F_BP]));
	json_object_set_new(o, "outcome_period", json_integer(disp[F_OP]));
	json_object_set_new(o, "deviation_period", json_integer(dev));
	json_object_set_new(o, "deviation_pct", has_pct ? json_real(pct) : json_null());
	json_object_set_new(o, "forecast_year", amount_or_null(t->has_forecast, disp[F_FY]));
	json_object_set_new(o, "forecast_deviation", amount_or_null(t->has_forecast, fdev));
	json_object_set_new(o, "previous_year_outcome", amount_or_null(has_prev, disp[F_PY]));
	json_object_set_new(o, "change", amount_or_null(has_prev, change));
	json_object_set_new(o, "lines", json_integer(t->lines));
	/* A node without a single line has nothing to assess: no colour rather than a green that
	 * would read as "on budget". */
	bool empty = t->lines == 0;
	json_t *ex = empty ? json_pack("{s:s, s:s}", "rule", "budget_deviation", "text",
				       "no budget or outcome lines for this period: not assessed") :
			     explain(nd, q, &a, has_pct, pct);
	json_object_set_new(o, "assessment", json_pack("{s:o, s:o}", "color",
		empty ? json_null() : json_string(color_name(a.color)), "explain",
		ex ? ex : json_null()));

	if (rows) {
		json_t *row = json_pack("{s:i, s:O, s:O, s:O}", "depth", nd->depth,
			"key", json_object_get(o, "key"), "unit_id", json_object_get(o, "unit_id"),
			"name", json_object_get(o, "name"));
		static const char *const cols[] = {"budget_year", "budget_period", "outcome_period",
			"deviation_period", "deviation_pct", "forecast_year", "forecast_deviation",
			"previous_year_outcome", "change", NULL};
		for (int i = 0; cols[i]; i++)
			json_object_set(row, cols[i], json_object_get(o, cols[i]));
		json_object_set(row, "color", json_object_get(json_object_get(o, "assessment"),
							      "color"));
		json_array_append_new(rows, row);
	}

	json_t *children = json_array();
	bool show = q->depth < 0 || nd->depth < q->depth;
	if (show && nd->nchildren > 0) {
		int64_t *cd = malloc(nd->nchildren * F_N * sizeof *cd);
		bool ok = cd != NULL;
		if (ok && q->consistent) {
			ok = children_display(nd, disp, s, cd);
		} else if (ok) {
			for (size_t i = 0; i < nd->nchildren; i++) {
				int64_t v[F_N];
				figure_values(&nd->children[i]->total, v);
				for (int f = 0; f < F_N; f++)
					cd[i * F_N + f] = money_round(v[f], s);
			}
		}
		for (size_t i = 0; ok && i < nd->nchildren; i++) {
			json_t *c = node_json(nd->children[i], q, cd + i * F_N, rows);
			if (!c)
				ok = false;
			else
				json_array_append_new(children, c);
		}
		free(cd);
		if (!ok) {
			json_decref(children);
			json_decref(o);
			return NULL;
		}
	}
	json_object_set_new(o, "children", children);
	return o;
}

static const char *group_name(enum rollup_group g)
{
	return g == RG_ACTIVITY ? "activity" : g == RG_ACCOUNT ? "account" : "unit";
}

static json_t *render(const struct rollup_node *root, const struct rollup_query *q, json_t *rows)
{
	int64_t v[F_N], disp[F_N];
	figure_values(&root->total, v);
	for (int f = 0; f < F_N; f++)
		disp[f] = money_round(v[f], q->scale);
	return node_json(root, q, disp, rows);
}

json_t *rollup_to_json(const struct rollup_node *root, const struct rollup_query *q)
{
	json_t *node = render(root, q, NULL);
	if (!node)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:i, s:i, s:i, s:o}",
		"period", q->period, "scale", money_scale_name(q->scale),
		"rounding", q->consistent ? "consistent" : "each",
		"group_by", group_name(q->group), "cumulative", q->cumulative,
		"year", q->year, "first_month", q->first_month, "last_month", q->last_month,
		"root", node);
}

json_t *rollup_to_rows(const struct rollup_node *root, const struct rollup_query *q)
{
	json_t *rows = json_array();
	json_t *node = render(root, q, rows);
	if (!node) {
		json_decref(rows);
		return NULL;
	}
	json_decref(node);
	return rows;
}
