/*
 * Counting a register for its summary (see include/folja/tally.h).
 */
#include <stdlib.h>
#include <string.h>

#include "folja/tally.h"

struct tally_span tally_span_of(struct period p, bool cumulative, struct date today)
{
	struct tally_span s = {period_first_day(p), period_last_day(p), period_last_day(p)};
	if (cumulative)
		s.first = (struct date){p.year, 1, 1};
	if (date_cmp(today, s.cut_off) < 0)
		s.as_of = today;
	return s;
}

bool tally_counted(const struct tally_span *s, struct date d)
{
	return date_cmp(d, s->first) >= 0 && date_cmp(d, s->cut_off) <= 0;
}

bool tally_happened(bool has, struct date d, struct date as_of)
{
	return has && date_cmp(d, as_of) <= 0;
}

struct tally_group *tally_group(struct tally_groups *g, const char *key, const char *name)
{
	const char *k = key ? key : "";
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->items[i].key, k) == 0)
			return &g->items[i];
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct tally_group *items = realloc(g->items, cap * sizeof *items);
		if (!items)
			return NULL;
		g->items = items;
		g->cap = cap;
	}
	g->items[g->n] = (struct tally_group){.key = k, .name = name};
	return &g->items[g->n++];
}

void tally_groups_free(struct tally_groups *g)
{
	if (!g)
		return;
	free(g->items);
	*g = (struct tally_groups){0};
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

struct tally_days tally_days_of(int *days, size_t n)
{
	struct tally_days out = {0};
	if (n == 0)
		return out;
	qsort(days, n, sizeof *days, cmp_int);
	out.n = (int)n;
	out.median = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
	out.max = days[n - 1];
	return out;
}

int tally_days_between(struct date from, struct date to)
{
	return (int)(date_to_days(to) - date_to_days(from));
}
