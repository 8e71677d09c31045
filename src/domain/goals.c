/*
 * The goal tree of one period and the colours computed over it (see goals.h).
 *
 * The tree is an index over the loaded arrays: goals ordered by id for lookups, and each
 * goal's child goals and linked indicators as runs of one array (built by counting, so the
 * children keep the tree order).  A goal's colour needs its children's colours first; the
 * walk keeps its own stack of frames (a goal, its depth, how far through its children it has
 * come and what it has tallied) instead of recursing, and remembers every goal it finishes,
 * so a goal reached again (from the tree walk of the API, or as another goal's child) costs
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/goals.h"
#include "folja/names.h"

/* ------------------------------------------------------------------------ name tables */

static const char *const level_names[] = {
	[GOAL_MALOMRADE] = "malomrade",
	[GOAL_STRATEGISKT_MAL] = "strategiskt_mal",
	[GOAL_NAMNDMAL] = "namndmal",
	[GOAL_ENHETSMAL] = "enhetsmal",
	[GOAL_KVALITETSMAL] = "kvalitetsmal",
	[GOAL_UPPDRAG] = "uppdrag",
	[GOAL_KVALITETSGARANTI] = "kvalitetsgaranti",
	[GOAL_PRIORITERING] = "prioritering",
};

static const char *const status_names[] = {
	[GOAL_HELT] = "helt",
	[GOAL_I_HOG_GRAD] = "i_hog_grad",
	[GOAL_DELVIS] = "delvis",
	[GOAL_EJ] = "ej",
	[GOAL_EJ_BEDOMD] = "ej_bedomd",
	[GOAL_EJ_PABORJAD] = "ej_paborjad",
	[GOAL_PABORJAD] = "paborjad",
	[GOAL_FARDIG] = "fardig",
	[GOAL_UPPFYLLD] = "uppfylld",
	[GOAL_EJ_UPPFYLLD] = "ej_uppfylld",
};

const char *goal_level_name(enum goal_level l)
{
	return names_name(level_names, NAMES_COUNT(level_names), (int)l);
}

const char *goal_status_name(enum goal_status s)
{
	return names_name(status_names, NAMES_COUNT(status_names), (int)s);
}

bool goal_level_parse(const char *s, enum goal_level *out)
{
	int i = names_index(level_names, 0, NAMES_COUNT(level_names), s);
	if (i >= 0)
		*out = (enum goal_level)i;
	return i >= 0;
}

bool goal_status_parse(const char *s, enum goal_status *out)
{
	int i = names_index(status_names, 0, NAMES_COUNT(status_names), s);
	if (i >= 0)
		*out = (enum goal_status)i;
	return i >= 0;
}

bool goal_status_allowed(enum goal_level l, enum goal_status s)
{
	switch (l) {
	case GOAL_UPPDRAG:
		return s == GOAL_EJ_PABORJAD || s == GOAL_PABORJAD || s == GOAL_FARDIG;
	case GOAL_KVALITETSGARANTI:
		return s == GOAL_UPPFYLLD || s == GOAL_EJ_UPPFYLLD;
	default:
		return s == GOAL_HELT || s == GOAL_I_HOG_GRAD || s == GOAL_DELVIS || s == GOAL_EJ ||
		       s == GOAL_EJ_BEDOMD;
	}
}

bool goal_status_color(enum goal_status s, enum color *out)
{
	static const struct {
		bool has;
		enum color color;
	} map[] = {
		[GOAL_HELT] = {true, COLOR_GREEN},     [GOAL_I_HOG_GRAD] = {true, COLOR_YELLOW},
		[GOAL_DELVIS] = {true, COLOR_YELLOW},  [GOAL_EJ] = {true, COLOR_RED},
		[GOAL_EJ_BEDOMD] = {false, COLOR_RED}, [GOAL_EJ_PABORJAD] = {true, COLOR_RED},
		[GOAL_PABORJAD] = {true, COLOR_YELLOW}, [GOAL_FARDIG] = {true, COLOR_GREEN},
		[GOAL_UPPFYLLD] = {true, COLOR_GREEN}, [GOAL_EJ_UPPFYLLD] = {true, COLOR_RED},
	};
	if ((size_t)s >= NAMES_COUNT(map) || !map[s].has)
		return false;
	*out = map[s].color;
	return true;
}

bool goal_valid_in(const struct goal *g, int year)
{
	return (g->year_from == GOAL_NULL || g->year_from <= year) &&
	       (g->year_to == GOAL_NULL || g->year_to >= year);
}

/* --------------------------------------------------------------------------- the index */

static int cmp_key(const void *a, const void *b)
{
	int64_t x = ((const struct goal_key *)a)->id, y = ((const struct goal_key *)b)->id;
	return x < y ? -1 : x > y;
}

bool goal_tree_find(const struct goal_tree *t, int64_t id, size_t *index)
{
	struct goal_key key = {.id = id};
	const struct goal_key *hit = bsearch(&key, t->by_id, t->ngoals, sizeof key, cmp_key);
	if (hit)
		*index = hit->index;
	return hit != NULL;
}

/* Groups @p n members under the goals (by the goal id @p owner gives for each, GOAL_NULL for
 * none) into first[] (ngoals + 1 offsets) and of[] (member indices), keeping their order: a
 * counting sort. */
static void group(struct goal_tree *t, size_t n, int64_t (*owner)(const struct goal_tree *,
		  size_t), size_t *first, size_t *of)
{
	size_t g;
	memset(first, 0, (t->ngoals + 1) * sizeof *first);
	for (size_t i = 0; i < n; i++)
		if (owner(t, i) != GOAL_NULL && goal_tree_find(t, owner(t, i), &g))
			first[g + 1]++;
	for (size_t k = 0; k < t->ngoals; k++)
		first[k + 1] += first[k];
	size_t total = first[t->ngoals];
	/* first[g + 1] is where run g ends: fill each run from its end backwards, which leaves
	 * first[g + 1] where run g starts */
	for (size_t i = n; i-- > 0;)
		if (owner(t, i) != GOAL_NULL && goal_tree_find(t, owner(t, i), &g))
			of[--first[g + 1]] = i;
	for (size_t k = 0; k < t->ngoals; k++)
		first[k] = first[k + 1];
	first[t->ngoals] = total;
}

static int64_t parent_of(const struct goal_tree *t, size_t i)
{
	return t->goals[i].parent_id;
}

static int64_t goal_of(const struct goal_tree *t, size_t i)
{
	return t->inds[i].ind.goal_id;
}

bool goal_tree_build(struct goal_tree *t, const struct goal *goals, size_t ngoals,
		     const struct goal_indicator *inds, size_t ninds, int year)
{
	memset(t, 0, sizeof *t);
	t->goals = goals;
	t->ngoals = ngoals;
	t->inds = inds;
	t->ninds = ninds;
	t->year = year;
	t->by_id = calloc(ngoals + 1, sizeof *t->by_id);
	t->kid_first = calloc(ngoals + 1, sizeof *t->kid_first);
	t->kids = calloc(ngoals + 1, sizeof *t->kids);
	t->ind_first = calloc(ngoals + 1, sizeof *t->ind_first);
	t->ind_of = calloc(ninds + 1, sizeof *t->ind_of);
	t->results = calloc(ngoals + 1, sizeof *t->results);
	t->ind_results = calloc(ninds + 1, sizeof *t->ind_results);
	if (!t->by_id || !t->kid_first || !t->kids || !t->ind_first || !t->ind_of ||
	    !t->results || !t->ind_results) {
		goal_tree_free(t);
		return false;
	}
	for (size_t i = 0; i < ngoals; i++)
		t->by_id[i] = (struct goal_key){goals[i].id, i};
	qsort(t->by_id, ngoals, sizeof *t->by_id, cmp_key);
	group(t, ngoals, parent_of, t->kid_first, t->kids);
	group(t, ninds, goal_of, t->ind_first, t->ind_of);
	for (size_t i = 0; i < ninds; i++)
		indicator_assess(&inds[i].ind, &inds[i].reading, &t->ind_results[i]);
	return true;
}

void goal_tree_free(struct goal_tree *t)
{
	if (!t)
		return;
	free(t->by_id);
	free(t->kid_first);
	free(t->kids);
	free(t->ind_first);
	free(t->ind_of);
	free(t->results);
	free(t->ind_results);
	memset(t, 0, sizeof *t);
}

bool goal_tree_in_year(const struct goal_tree *t, size_t g)
{
	return goal_valid_in(&t->goals[g], t->year);
}

size_t goal_tree_children(const struct goal_tree *t, size_t g, const size_t **out)
{
	*out = t->kids + t->kid_first[g];
	return t->kid_first[g + 1] - t->kid_first[g];
}

size_t goal_tree_indicators(const struct goal_tree *t, size_t g, const size_t **out)
{
	*out = t->ind_of + t->ind_first[g];
	return t->ind_first[g + 1] - t->ind_first[g];
}

const struct indicator_assessment *goal_tree_indicator(const struct goal_tree *t, size_t i)
{
	return &t->ind_results[i];
}

/* ------------------------------------------------------------------------- the walk */

/* Counts a child's colour into frame @p f. */
static void tally(struct goal_frame *f, bool has_color, enum color c)
{
	if (!has_color)
		return;
	f->assessed++;
	f->green += c == COLOR_GREEN;
}

/* Advances @p f through its goal's child goals, tallying those already computed; true with
 * *child set at the first valid one that is not, which must be computed before going on. */
static bool next_pending(struct goal_tree *t, struct goal_frame *f, size_t *child)
{
	const size_t *kids;
	size_t n = goal_tree_children(t, f->goal, &kids);
	while (f->cursor < n) {
		size_t c = kids[f->cursor++];
		if (!goal_tree_in_year(t, c))
			continue;
		if (!t->results[c].done) {
			*child = c;
			return true;
		}
		tally(f, t->results[c].has_color, t->results[c].color);
	}
	return false;
}

/* Completes frame @p f: its indicators, the share rule, and the manual colour over it. */
static void finish(struct goal_tree *t, struct goal_frame *f)
{
	const struct goal *g = &t->goals[f->goal];
	struct goal_result r = {.done = true, .rule = GOAL_RULE_TOO_DEEP,
				.source = GOAL_SOURCE_COMPUTED};
	if (f->depth < GOAL_MAX_DEPTH) {
		const size_t *ind;
		size_t n = goal_tree_indicators(t, f->goal, &ind);
		for (size_t k = 0; k < n; k++) {
			enum color c = COLOR_RED;
			bool has = indicator_color(&t->ind_results[ind[k]], &c);
			tally(f, has, c);
		}
		r.rule = assess_share(f->green, f->assessed, g->target_share, g->yellow_share,
				      &r.share) ? GOAL_RULE_SHARE : GOAL_RULE_NONE_ASSESSED;
	}
	if (r.rule == GOAL_RULE_SHARE) {
		r.has_color = true;
		r.color = r.share.color;
	}
	if (g->has_manual && g->manual.has_color) {
		r.has_color = true;
		r.color = g->manual.color;
		r.source = GOAL_SOURCE_MANUAL;
	}
	t->results[f->goal] = r;
}

const struct goal_result *goal_tree_assess(struct goal_tree *t, size_t g)
{
	size_t top = 0;
	if (t->results[g].done)
		return &t->results[g];
	t->stack[0] = (struct goal_frame){.goal = g, .depth = 0};
	for (;;) {
		struct goal_frame *f = &t->stack[top];
		size_t child;
		/* a frame at the depth bound pushes nothing, so top stays within the stack */
		if (f->depth < GOAL_MAX_DEPTH && next_pending(t, f, &child)) {
			t->stack[++top] = (struct goal_frame){.goal = child, .depth = f->depth + 1};
			continue;
		}
		finish(t, f);
		if (top == 0)
			break;
		const struct goal_result *done = &t->results[f->goal];
		tally(&t->stack[--top], done->has_color, done->color);
	}
	return &t->results[g];
}

/* ------------------------------------------------------------------ what decided it */

bool goal_tree_next_child(const struct goal_tree *t, size_t g, size_t *cursor,
			  struct goal_child *out)
{
	if (!t->results[g].done || t->results[g].rule == GOAL_RULE_TOO_DEEP)
		return false;
	const size_t *kids, *ind;
	size_t nkids = goal_tree_children(t, g, &kids);
	size_t ninds = goal_tree_indicators(t, g, &ind);
	while (*cursor < nkids) {
		size_t c = kids[(*cursor)++];
		if (!goal_tree_in_year(t, c))
			continue;
		const struct goal_result *r = &t->results[c];
		*out = (struct goal_child){.index = c, .has_color = r->has_color,
					   .color = r->color, .source = r->source};
		return true;
	}
	if (*cursor >= nkids + ninds)
		return false;
	size_t i = ind[*cursor - nkids];
	(*cursor)++;
	*out = (struct goal_child){.is_indicator = true, .index = i};
	out->has_color = indicator_color(&t->ind_results[i], &out->color);
	return true;
}

/* ---------------------------------------------------------------------------- scope */

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static bool in_scope(const struct goal_tree *t, size_t g, const int64_t *units, size_t nunits)
{
	const struct goal *goal = &t->goals[g];
	if (!goal_tree_in_year(t, g))
		return false;
	if (!units)
		return true;
	return goal->unit_id != GOAL_NULL &&
	       bsearch(&goal->unit_id, units, nunits, sizeof *units, cmp_int64) != NULL;
}

bool goal_tree_is_top(const struct goal_tree *t, size_t g, const int64_t *units, size_t nunits)
{
	size_t parent;
	if (!in_scope(t, g, units, nunits))
		return false;
	return t->goals[g].parent_id == GOAL_NULL ||
	       !goal_tree_find(t, t->goals[g].parent_id, &parent) ||
	       !in_scope(t, parent, units, nunits);
}
