/*
 * Shared helpers of the registers' query files (see reg.h).
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "reg.h"
#include "sql.h"

void reg_bind_filter(struct db_params *p, const void *filter)
{
	const struct reg_filter *f = filter;
	db_param_int(p, 1, f->unit_id);
	db_param_text(p, 2, f->from);
	db_param_text(p, 3, f->to);
	db_param_text(p, 4, f->kind);
	db_param_text(p, 5, f->status);
}

void *reg_child_add(struct reg_children *c, int64_t owner)
{
	void *items = db_grow(c->items, c->size, c->n, &c->cap);
	if (!items)
		return NULL;
	c->items = items;
	int64_t *owners = db_grow(c->owner, sizeof *owners, c->n, &c->cap_owner);
	if (!owners)
		return NULL;
	c->owner = owners;
	owners[c->n] = owner;
	void *child = (char *)items + c->n * c->size;
	memset(child, 0, c->size);
	c->n++;
	return child;
}

void reg_children_attach(const struct reg_children *c, size_t n,
			 int64_t (*id_of)(size_t i, void *ctx),
			 void (*attach)(size_t i, size_t first, size_t count, void *ctx), void *ctx)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t first = k;
		int64_t id = id_of(i, ctx);
		while (k < c->n && c->owner[k] == id)
			k++;
		attach(i, first, k - first, ctx);
	}
}

void reg_children_done(struct reg_children *c)
{
	free(c->owner);
	c->owner = NULL;
}

enum db_rc reg_load(struct db *db, const struct db_twin *q, const struct reg_filter *filter,
		    enum db_rc (*row)(const struct db_row *row, void *ctx), void *ctx)
{
	return db_load(db, q, reg_bind_filter, filter, row, ctx);
}

int reg_column_int(const struct db_row *row, int col)
{
	return (int)db_row_int(row, col);   /* SQL NULL reads as 0 */
}
