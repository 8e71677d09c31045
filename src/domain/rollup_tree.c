/*
 * The nodes of a rollup (include/folja/rollup.h): which there are, how they nest, and how
 * figures and source lines reach them.
 *
 * The unit nodes come first, the root at 0 and every parent before its children, as the
 * input lists the units (grouping by activity, account or project keeps the root alone).  The
 * key nodes follow: one per distinct key of the usable facts under its owner (the root, or
 * the key's unit with RG_UNIT_ACTIVITY), and, with subtotals, one per code-list group or
 * account above them, so "Summa kostnader" is a node whose children are the cost accounts and
 * a varav row is a child of its account.  Key nodes are made in depth-first order, so every
 * parent again comes before its children, and the totals add up from the last node to the
 * first.  A code list that leads in a circle is cut where it turns back: the rollup never
 * walks it twice.
 */
#include <stdlib.h>
#include <string.h>

#include "rollup_build.h"

static const char *key_of(const char *key)
{
	return key ? key : "";
}

const char *rollup_node_key(const struct build *b, const char *key)
{
	if (b->q->group == RG_ACCOUNT && !b->q->subtotals)
		return budget_codes_fold_varav(&b->codes, key_of(key));
	return key_of(key);
}

/* ==== key slots =========================================================================== */

static int cmp_slot(const void *a, const void *b)
{
	const struct key_slot *x = a, *y = b;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int find_slot(const struct build *b, int owner, const char *key)
{
	struct key_slot k = {.owner = owner, .key = key};
	const struct key_slot *hit = b->nslots ? bsearch(&k, b->slots, b->nslots, sizeof k,
							 cmp_slot) : NULL;
	return hit ? (int)(hit - b->slots) : -1;
}

/* Appends a slot; false when out of memory.  *cap is the room of b->slots. */
static bool slot_push(struct build *b, size_t *cap, int owner, const char *key)
{
	if (b->nslots == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct key_slot *grown = realloc(b->slots, ncap * sizeof *grown);
		if (!grown)
			return false;
		b->slots = grown;
		*cap = ncap;
	}
	b->slots[b->nslots++] = (struct key_slot){.owner = owner, .key = key, .parent = -1,
						   .node = -1};
	return true;
}

/* Sorts the slots by (owner, key) and drops repeats. */
static void slots_unique(struct build *b)
{
	if (b->nslots > 1)
		qsort(b->slots, b->nslots, sizeof *b->slots, cmp_slot);
	size_t n = 0;
	for (size_t i = 0; i < b->nslots; i++)
		if (n == 0 || cmp_slot(&b->slots[n - 1], &b->slots[i]) != 0)
			b->slots[n++] = b->slots[i];
	b->nslots = n;
}

/* One slot per key of the usable facts, and with subtotals the code-list codes above them. */
static bool slots_collect(struct build *b)
{
	size_t cap = 0;
	for (size_t i = 0; i < b->nidx; i++) {
		const struct rollup_fact *x = &b->in->facts[b->idx[i]];
		int owner = b->q->group == RG_UNIT_ACTIVITY ? x->unit : 0;
		if (!slot_push(b, &cap, owner, rollup_node_key(b, x->key)))
			return false;
	}
	slots_unique(b);
	if (!b->nested || b->q->group != RG_ACCOUNT)
		return true;
	for (size_t i = 0, n = b->nslots; i < n; i++) {
		const struct budget_code *c = budget_codes_find(&b->codes, b->slots[i].key);
		for (int d = 0; c && c->parent && d < BUDGET_CODES_MAX_DEPTH; d++) {
			if (!slot_push(b, &cap, 0, c->parent))
				return false;
			c = budget_codes_find(&b->codes, c->parent);
		}
	}
	slots_unique(b);
	return true;
}

/* Each slot's code-list entry and, with subtotals, its parent slot; a chain that does not
 * end within the depth limit is cut at the slot it starts from. */
static void slots_link(struct build *b)
{
	bool nest = b->nested && b->q->group == RG_ACCOUNT;
	for (size_t i = 0; i < b->nslots; i++) {
		struct key_slot *s = &b->slots[i];
		s->code = budget_codes_find(&b->codes, s->key);
		s->parent = nest && s->code && s->code->parent ?
			    find_slot(b, s->owner, s->code->parent) : -1;
	}
	for (size_t i = 0; nest && i < b->nslots; i++) {
		int p = b->slots[i].parent;
		for (int d = 0; p >= 0 && d <= BUDGET_CODES_MAX_DEPTH; d++)
			p = b->slots[p].parent;
		if (p >= 0)
			b->slots[i].parent = -1;
	}
}

/* ==== the order of the key nodes ========================================================== */

struct order_ctx {
	const struct build *b;
};

static int64_t sort_of(const struct key_slot *s)
{
	return s->code ? s->code->sort : 0;
}

/* Siblings together (same parent slot and owner), then by the code list's sort when nested,
 * then by key. */
static int cmp_sibling(const void *pa, const void *pb, void *ctx)
{
	const struct build *b = ((const struct order_ctx *)ctx)->b;
	const struct key_slot *x = &b->slots[*(const int *)pa], *y = &b->slots[*(const int *)pb];
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (b->nested && sort_of(x) != sort_of(y))
		return sort_of(x) < sort_of(y) ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Appends slot @p s and its descendants to @p order from *k on.  @p runs[p + 1] is the first
 * position in @p sorted of the children of slot p (p = -1: the top), runs[p + 2] the end. */
static void emit(const struct build *b, const int *sorted, const size_t *runs, int s,
		 int *order, size_t *k)
{
	order[(*k)++] = s;
	for (size_t i = runs[s + 1]; i < runs[s + 2]; i++)
		emit(b, sorted, runs, sorted[i], order, k);
}

/* The slots in depth-first order, siblings sorted: into @p order (nslots entries). */
static bool slots_order(const struct build *b, int *order)
{
	size_t n = b->nslots, k = 0;
	int *sorted = malloc((n ? n : 1) * sizeof *sorted);
	size_t *runs = calloc(n + 2, sizeof *runs);
	bool ok = sorted && runs;
	for (size_t i = 0; ok && i < n; i++) {
		sorted[i] = (int)i;
		runs[b->slots[i].parent + 2]++;  /* counted at p + 2, summed into starts below */
	}
	if (ok && n > 1)
		qsort_r(sorted, n, sizeof *sorted, cmp_sibling, &(struct order_ctx){b});
	for (size_t p = 1; ok && p < n + 2; p++)
		runs[p] += runs[p - 1];
	for (size_t i = runs[0]; ok && i < runs[1]; i++)
		emit(b, sorted, runs, sorted[i], order, &k);
	free(sorted);
	free(runs);
	return ok;
}

/* ==== making the nodes ==================================================================== */

static enum rollup_kind key_kind(const struct build *b, const struct budget_code *c)
{
	switch (b->q->group) {
	case RG_PROJECT:
		return RK_PROJECT;
	case RG_ACCOUNT:
		return !c ? RK_ACCOUNT : c->kind == BUDGET_CODE_GROUP ? RK_GROUP :
		       c->kind == BUDGET_CODE_VARAV ? RK_VARAV : RK_ACCOUNT;
	default:
		return RK_ACTIVITY;
	}
}

static void node_init(struct rollup_node *nd, const char *key, const char *name,
		      const struct rollup_unit *owner, enum rollup_kind kind,
		      const struct budget_effective *eff)
{
	nd->key = key;
	nd->name = name;
	nd->unit_id = kind == RK_UNIT ? owner->id : 0;
	nd->owner_unit_id = owner->id;
	nd->kind = kind;
	nd->settings = *eff;
}

/* The unit nodes: the whole tree, or the root alone. */
static void unit_nodes(struct build *b)
{
	for (size_t i = 0; i < b->nunit_nodes; i++) {
		const struct rollup_unit *u = &b->in->units[i];
		node_init(&b->nodes[i], u->code, u->name, u, RK_UNIT, &b->eff[i]);
		b->parent[i] = i == 0 ? -1 : u->parent;
	}
}

/* The key nodes in the order @p order, each under its parent slot's node or its owner. */
static void key_nodes(struct build *b, const int *order)
{
	for (size_t k = 0; k < b->nslots; k++) {
		struct key_slot *s = &b->slots[order[k]];
		size_t i = b->nunit_nodes + k;
		const char *name = s->code ? s->code->name : *s->key ? s->key : NULL;
		node_init(&b->nodes[i], s->key, name, &b->in->units[s->owner], key_kind(b, s->code),
			  &b->eff[s->owner]);
		s->node = (int)i;
		b->parent[i] = s->parent >= 0 ? b->slots[s->parent].node : s->owner;
	}
}

/* The children slices: a node's key children first, then its sub-units. */
static void link_children(struct build *b)
{
	size_t start = 0;
	for (size_t i = 1; i < b->nnodes; i++)
		b->nodes[b->parent[i]].nchildren++;
	for (size_t i = 0; i < b->nnodes; i++) {
		b->nodes[i].children = b->ptrs + start;
		start += b->nodes[i].nchildren;
		b->nodes[i].nchildren = 0;
	}
	for (size_t pass = 0; pass < 2; pass++) {
		size_t from = pass == 0 ? b->nunit_nodes : 1;
		size_t to = pass == 0 ? b->nnodes : b->nunit_nodes;
		for (size_t i = from; i < to; i++) {
			struct rollup_node *p = &b->nodes[b->parent[i]];
			p->children[p->nchildren++] = &b->nodes[i];
		}
	}
	for (size_t i = 1; i < b->nnodes; i++)
		b->nodes[i].depth = b->nodes[b->parent[i]].depth + 1;
}

/* Every usable fact's node: its unit's, or its key's under its owner. */
static void facts_to_nodes(struct build *b)
{
	for (size_t i = 0; i < b->nidx; i++) {
		const struct rollup_fact *x = &b->in->facts[b->idx[i]];
		int node = x->unit;
		if (b->by_key) {
			int owner = b->q->group == RG_UNIT_ACTIVITY ? x->unit : 0;
			/* slots_collect() made a slot of every usable fact's key */
			node = b->slots[find_slot(b, owner, rollup_node_key(b, x->key))].node;
		}
		b->fact_node[b->idx[i]] = node;
	}
}

enum rollup_status rollup_tree_make(struct build *b)
{
	int *order = NULL;
	enum rollup_status st = ROLLUP_NOMEM;
	b->nunit_nodes = b->unit_tree ? b->in->nunits : 1;
	b->fact_node = malloc((b->in->nfacts ? b->in->nfacts : 1) * sizeof *b->fact_node);
	if (!b->fact_node || (b->by_key && !slots_collect(b)))
		goto cleanup;
	slots_link(b);
	order = malloc((b->nslots ? b->nslots : 1) * sizeof *order);
	if (!order || !slots_order(b, order))
		goto cleanup;
	b->nnodes = b->nunit_nodes + b->nslots;
	b->nodes = calloc(b->nnodes, sizeof *b->nodes);
	b->ptrs = calloc(b->nnodes, sizeof *b->ptrs);
	b->parent = malloc(b->nnodes * sizeof *b->parent);
	if (!b->nodes || !b->ptrs || !b->parent)
		goto cleanup;
	unit_nodes(b);
	key_nodes(b, order);
	link_children(b);  /* the root's slice starts b->ptrs: rollup_free() frees it there */
	facts_to_nodes(b);
	st = ROLLUP_OK;
cleanup:
	free(order);
	return st;
}

/* ==== totals and source lines ============================================================= */

/* Own figures plus the children's totals, from the last node up: a parent comes before its
 * children.  The order is part of the result: a running sum beyond the range is an overflow
 * even when the whole would come back within it. */
enum rollup_status rollup_tree_add_up(struct build *b)
{
	for (size_t i = 0; i < b->nnodes; i++)
		b->nodes[i].total = b->nodes[i].own;
	for (size_t i = b->nnodes; i-- > 1;)
		if (!rollup_figures_add(&b->nodes[b->parent[i]].total, &b->nodes[i].total))
			return ROLLUP_OVERFLOW;
	return ROLLUP_OK;
}

static void note_line(struct rollup_node *nd, int64_t id)
{
	if (nd->nline_ids < ROLLUP_MAX_LINE_IDS)
		nd->line_ids[nd->nline_ids++] = id;
}

/* The node a source line counts for first, or -1 when it is no node's. */
static int line_node(const struct build *b, const struct rollup_line *l)
{
	if (l->unit < 0 || (size_t)l->unit >= b->in->nunits)
		return -1;
	if (!b->by_key)
		return l->unit;
	int owner = b->q->group == RG_UNIT_ACTIVITY ? l->unit : 0;
	if (owner >= (int)b->nunit_nodes)
		return -1;
	int s = find_slot(b, owner, rollup_node_key(b, l->key));
	return s >= 0 ? b->slots[s].node : -1;
}

/* Each source line counts for its node and every node above it; a node whose lines are all
 * noted lists them. */
void rollup_tree_note_lines(struct build *b)
{
	const struct rollup_input *in = b->in;
	for (size_t i = 0; i < in->nlines; i++)
		for (int n = line_node(b, &in->lines[i]); n >= 0; n = b->parent[n])
			note_line(&b->nodes[n], in->lines[i].id);
	for (size_t i = 0; i < b->nnodes; i++) {
		struct rollup_node *nd = &b->nodes[i];
		nd->lines_listed = in->lines_loaded && nd->total.lines <= ROLLUP_MAX_LINE_IDS &&
				   (int64_t)nd->nline_ids == nd->total.lines;
	}
}

void rollup_tree_scratch_free(struct build *b)
{
	free(b->fact_node);
	free(b->slots);
	free(b->parent);
	b->fact_node = NULL;
	b->slots = NULL;
	b->parent = NULL;
}
