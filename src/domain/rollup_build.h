/*
 * What one rollup build works on, shared by the files that build it: rollup.c (buckets and
 * their figures, the settings down the tree, the build itself) and rollup_tree.c (the nodes:
 * the unit tree, the key nodes with their nesting, linking, totals, source lines).  Private
 * to src/domain/.
 */
#ifndef FOLJA_DOMAIN_ROLLUP_BUILD_H
#define FOLJA_DOMAIN_ROLLUP_BUILD_H

#include "folja/rollup.h"

/* A key node to be: an activity, account, project or code-list group, under its owner. */
struct key_slot {
	int owner;                /* the unit node it hangs under (0, the root, unless keys
				     nest under their units) */
	const char *key;          /* the node's key (a varav folded into its account) */
	const struct budget_code *code; /* its code-list entry, or NULL */
	int parent;               /* the slot above it in the code list, -1 for none */
	int node;                 /* its node, once made */
};

struct build {
	const struct rollup_input *in;
	const struct rollup_query *q;
	bool by_key;                    /* there are key nodes (every grouping but RG_UNIT) */
	bool unit_tree;                 /* the units are nodes (RG_UNIT, RG_UNIT_ACTIVITY) */
	bool nested;                    /* key siblings ordered by the code list's sort */
	struct budget_codes codes;      /* the input's code list, by code */
	struct budget_effective *eff;   /* per unit: effective settings */
	size_t *idx, nidx;              /* indices of the usable facts, in bucket order */
	int *fact_node;                 /* per input fact: its node (usable facts only) */
	struct key_slot *slots;         /* the key nodes to be, sorted by (owner, key) */
	size_t nslots;
	struct rollup_node *nodes;      /* nodes[0] is the root; unit nodes first */
	int *parent;                    /* per node: its parent's index, -1 for the root */
	struct rollup_node **ptrs;      /* the children slices; the root's is first */
	size_t nnodes, nunit_nodes;
};

/** Adds @p f into @p to: amounts (false when one leaves the money range), counts, and the
 *  latest months. */
bool rollup_figures_add(struct rollup_figures *to, const struct rollup_figures *f);

/** The key a fact or line booked on @p key counts under: its own, or, grouping accounts
 *  without subtotals, its varav folded into the account.  "" for none. */
const char *rollup_node_key(const struct build *b, const char *key);

/** Makes the nodes: the unit tree (or the root alone), then the key nodes, and maps every
 *  usable fact to its node (b->fact_node).  ROLLUP_NOMEM when an allocation fails. */
enum rollup_status rollup_tree_make(struct build *b);
/** Totals: each node's own figures plus its children's totals, from the leaves up. */
enum rollup_status rollup_tree_add_up(struct build *b);
/** Notes the input's source lines on their nodes and the nodes above. */
void rollup_tree_note_lines(struct build *b);
/** Frees what rollup_tree_make() allocated that the tree does not keep. */
void rollup_tree_scratch_free(struct build *b);

#endif
