/*
 * The economy rules of include/folja/economy.h: code lists and their hierarchy, the forecast
 * of a ledger cell, coverage, the share of an investment budget spent, and the budget frame.
 * Each rule is a small function on plain values, so the rollup (src/domain/rollup.c) and the
 * endpoints that check a code list or list a frame apply the same one.
 */
#include <stdlib.h>
#include <string.h>

#include "folja/economy.h"
#include "folja/money.h"

/* ==== code lists ========================================================================== */

const char *const budget_code_kind_names[3] = {"account", "group", "varav"};

static int cmp_code_ptr(const void *a, const void *b)
{
	const struct budget_code *x = *(const struct budget_code *const *)a;
	const struct budget_code *y = *(const struct budget_code *const *)b;
	return strcmp(x->code, y->code);
}

bool budget_codes_index(const struct budget_code *codes, size_t n, struct budget_codes *out)
{
	out->by_code = NULL;
	out->n = 0;
	if (n == 0)
		return true;
	out->by_code = malloc(n * sizeof *out->by_code);
	if (!out->by_code)
		return false;
	for (size_t i = 0; i < n; i++)
		out->by_code[i] = &codes[i];
	qsort(out->by_code, n, sizeof *out->by_code, cmp_code_ptr);
	out->n = n;
	return true;
}

void budget_codes_free(struct budget_codes *c)
{
	if (!c)
		return;
	free(c->by_code);
	c->by_code = NULL;
	c->n = 0;
}

const struct budget_code *budget_codes_find(const struct budget_codes *c, const char *code)
{
	size_t lo = 0, hi = c->n;
	while (code && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(code, c->by_code[mid]->code);
		if (k == 0)
			return c->by_code[mid];
		if (k < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *budget_codes_fold_varav(const struct budget_codes *c, const char *key)
{
	const struct budget_code *e = budget_codes_find(c, key);
	/* a bad list (a cycle of varav) is walked no further than a good one can reach */
	for (int depth = 0; e && e->kind == BUDGET_CODE_VARAV && e->parent &&
	     depth < BUDGET_CODES_MAX_DEPTH; depth++) {
		key = e->parent;
		e = budget_codes_find(c, key);
	}
	return key;
}

/* May a code of kind @p kind sit under @p parent (NULL: at the top)? */
static bool parent_kind_ok(enum budget_code_kind kind, const struct budget_code *parent)
{
	if (kind == BUDGET_CODE_VARAV)
		return parent && parent->kind != BUDGET_CODE_GROUP;
	return !parent || parent->kind == BUDGET_CODE_GROUP;
}

/* The problem of one entry: its parent, the parent's kind, and the chain above it. */
static enum budget_code_problem check_one(const struct budget_codes *c,
					  const struct budget_code *e)
{
	const struct budget_code *p = budget_codes_find(c, e->parent);
	if (e->parent && !p)
		return BUDGET_CODE_UNKNOWN_PARENT;
	if (!parent_kind_ok(e->kind, p))
		return BUDGET_CODE_PARENT_KIND;
	for (int depth = 1; p; depth++) {
		if (p == e)
			return BUDGET_CODE_CYCLE;
		if (depth >= BUDGET_CODES_MAX_DEPTH)
			return BUDGET_CODE_TOO_DEEP;
		p = budget_codes_find(c, p->parent);
	}
	return BUDGET_CODE_OK;
}

enum budget_code_problem budget_codes_check(const struct budget_codes *c, const char **code)
{
	*code = NULL;
	for (size_t i = 0; i < c->n; i++) {
		enum budget_code_problem p = check_one(c, c->by_code[i]);
		if (p != BUDGET_CODE_OK) {
			*code = c->by_code[i]->code;
			return p;
		}
	}
	return BUDGET_CODE_OK;
}

const char *budget_code_problem_text(enum budget_code_problem p)
{
	switch (p) {
	case BUDGET_CODE_OK:
		return "is valid";
	case BUDGET_CODE_UNKNOWN_PARENT:
		return "names no code of the list";
	case BUDGET_CODE_PARENT_KIND:
		return "does not fit: an account or group sits at the top or under a group, a varav"
		       " under an account or another varav";
	case BUDGET_CODE_CYCLE:
		return "leads back to the code itself";
	case BUDGET_CODE_TOO_DEEP:
		return "makes the hierarchy deeper than 8 levels";
	}
	return "is not valid";
}

/* ==== forecasts per ledger cell =========================================================== */

bool forecast_cell_add(struct forecast_cell *c, int month, int64_t amount, int last_month)
{
	if (month < 1 || month > last_month || month < c->previous_month)
		return true;
	if (month > c->latest_month) {
		/* the latest so far becomes the previous; nothing earlier matters any more */
		c->previous_month = c->latest_month;
		c->previous = c->latest;
		c->latest_month = month;
		c->latest = amount;
		return true;
	}
	if (month == c->latest_month)
		return money_add(c->latest, amount, &c->latest);
	if (month > c->previous_month) {
		c->previous_month = month;
		c->previous = amount;
		return true;
	}
	return money_add(c->previous, amount, &c->previous);
}

/* ==== coverage and investments ============================================================ */

enum coverage coverage_of(int64_t lines, int through, int last_month)
{
	if (lines <= 0)
		return COVERAGE_NO_LINES;
	return through >= last_month ? COVERAGE_FULL : COVERAGE_SHORT;
}

bool investment_spent_share(int64_t spent, int64_t budget, double *pct)
{
	/* spent / budget in the ledger's signs is the deviation rule's spent / |budget| with the
	 * budget's sign taken out of the spending */
	if (!money_in_range(spent))
		return false;
	return money_deviation_pct(budget < 0 ? -spent : spent, budget, pct);
}

/* ==== the budget frame ==================================================================== */

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The row of @p l's decision, added when new; NULL when out of memory. */
static struct frame_decision *frame_row(struct frame *f, const struct frame_line *l)
{
	/* lines come grouped as a rule: look at the last row first */
	for (size_t i = f->n; i-- > 0;) {
		struct frame_decision *d = &f->decisions[i];
		if (d->change == l->change && same_text(d->decided_on, l->decided_on) &&
		    same_text(d->decision_ref, l->decision_ref))
			return d;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct frame_decision *grown = realloc(f->decisions, cap * sizeof *grown);
		if (!grown)
			return NULL;
		f->decisions = grown;
		f->cap = cap;
	}
	struct frame_decision *d = &f->decisions[f->n];
	memset(d, 0, sizeof *d);
	d->change = l->change;
	d->decided_on = l->decided_on ? strdup(l->decided_on) : NULL;
	d->decision_ref = l->decision_ref ? strdup(l->decision_ref) : NULL;
	if ((l->decided_on && !d->decided_on) || (l->decision_ref && !d->decision_ref)) {
		free(d->decided_on);
		free(d->decision_ref);
		return NULL;
	}
	f->n++;
	return d;
}

enum frame_status frame_add(struct frame *f, const struct frame_line *l)
{
	struct frame_decision *d = frame_row(f, l);
	if (!d)
		return FRAME_NOMEM;
	if (!money_add(d->amount_kr, l->amount_kr, &d->amount_kr) ||
	    !money_add(l->change ? f->changes_kr : f->original_kr, l->amount_kr,
		       l->change ? &f->changes_kr : &f->original_kr) ||
	    !money_add(f->frame_kr, l->amount_kr, &f->frame_kr))
		return FRAME_OVERFLOW;
	if (d->nline_ids < FRAME_MAX_LINE_IDS)
		d->line_ids[d->nline_ids++] = l->id;
	d->lines++;
	return FRAME_OK;
}

/* NULL (undated, unreferenced) after any text. */
static int cmp_text_nulls_last(const char *a, const char *b)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

static int cmp_decision(const void *a, const void *b)
{
	const struct frame_decision *x = a, *y = b;
	if (x->change != y->change)
		return x->change ? 1 : -1;
	int c = cmp_text_nulls_last(x->decided_on, y->decided_on);
	return c ? c : cmp_text_nulls_last(x->decision_ref, y->decision_ref);
}

void frame_finish(struct frame *f)
{
	if (f->n > 1)
		qsort(f->decisions, f->n, sizeof *f->decisions, cmp_decision);
}

void frame_free(struct frame *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->decisions[i].decided_on);
		free(f->decisions[i].decision_ref);
	}
	free(f->decisions);
	memset(f, 0, sizeof *f);
}
