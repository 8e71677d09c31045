/*
 * Complaints (see include/folja/complaint.h).
 */
#include <stdlib.h>

#include "folja/complaint.h"
#include "folja/names.h"

static const char *const kind_names[] = {
	[COMPLAINT_KLAGOMAL] = "klagomal",
	[COMPLAINT_SYNPUNKT] = "synpunkt",
	[COMPLAINT_BEROM] = "berom",
	[COMPLAINT_FORSLAG] = "forslag",
};

static const char *const outcome_names[] = {
	[COMPLAINT_ATGARDAT] = "atgardat",
	[COMPLAINT_EJ_ATGARDAT] = "ej_atgardat",
	[COMPLAINT_HANVISAT] = "hanvisat",
	[COMPLAINT_OVRIGT] = "ovrigt",
};

const char *complaint_kind_name(enum complaint_kind k)
{
	return names_name(kind_names, NAMES_COUNT(kind_names), (int)k);
}

bool complaint_kind_parse(const char *s, enum complaint_kind *out)
{
	int i = names_index(kind_names, 0, NAMES_COUNT(kind_names), s);
	if (i < 0)
		return false;
	*out = (enum complaint_kind)i;
	return true;
}

const char *complaint_outcome_name(enum complaint_outcome o)
{
	return names_name(outcome_names, NAMES_COUNT(outcome_names), (int)o);
}

bool complaint_outcome_parse(const char *s, enum complaint_outcome *out)
{
	int i = names_index(outcome_names, 0, NAMES_COUNT(outcome_names), s);
	if (i < 0)
		return false;
	*out = (enum complaint_outcome)i;
	return true;
}

int complaint_handling_days(const struct complaint *c, struct date as_of)
{
	if (!tally_happened(c->has_handled, c->handled_on, as_of))
		return -1;
	return tally_days_between(c->received_on, c->handled_on);
}

bool complaint_open_at(const struct complaint *c, struct date as_of)
{
	return date_cmp(c->received_on, as_of) <= 0 &&
	       !tally_happened(c->has_handled, c->handled_on, as_of);
}

/* Counts complaint @p c, received in the span, into @p s; its handling days into @p days.
 * False when out of memory. */
static bool count_one(struct complaint_summary *s, const struct complaint *c, int *days)
{
	struct tally_group *g = tally_group(&s->groups, c->group_key, c->group_name);
	if (!g)
		return false;
	int d = complaint_handling_days(c, s->span.as_of);
	s->total++;
	g->count++;
	s->by_kind[c->kind]++;
	if (d < 0) {
		s->open++;
		g->parts[COMPLAINT_PART_OPEN]++;
		return true;
	}
	s->handled++;
	g->parts[COMPLAINT_PART_HANDLED]++;
	s->by_outcome[c->outcome]++;
	g->parts[COMPLAINT_PART_OUTCOME + c->outcome]++;
	days[s->handling.n++] = d;
	return true;
}

struct complaint_summary *complaint_summary_build(const struct complaint *cs, size_t n,
						  const struct tally_span *span)
{
	struct complaint_summary *s = calloc(1, sizeof *s);
	int *days = calloc(n ? n : 1, sizeof *days);
	if (!s || !days || !(s->backlog = calloc(n ? n : 1, sizeof *s->backlog)))
		goto fail;
	s->span = *span;
	for (size_t i = 0; i < n; i++) {
		if (tally_counted(span, cs[i].received_on) && !count_one(s, &cs[i], days))
			goto fail;
		if (date_cmp(cs[i].received_on, span->cut_off) <= 0 &&
		    complaint_open_at(&cs[i], span->as_of))
			s->backlog[s->n_backlog++] = cs[i].id;
	}
	s->handling = tally_days_of(days, (size_t)s->handling.n);
	free(days);
	return s;
fail:
	free(days);
	complaint_summary_free(s);
	return NULL;
}

void complaint_summary_free(struct complaint_summary *s)
{
	if (!s)
		return;
	tally_groups_free(&s->groups);
	free(s->backlog);
	free(s);
}
