/*
 * Lex Maria (see include/folja/lex_maria.h).
 */
#include <stdlib.h>

#include "folja/lex_maria.h"
#include "folja/names.h"

static const char *const harm_names[] = {
	[LM_VARDSKADA] = "vardskada",
	[LM_ALLVARLIG_VARDSKADA] = "allvarlig_vardskada",
	[LM_RISK_ALLVARLIG_VARDSKADA] = "risk_allvarlig_vardskada",
};

const char *lm_harm_name(enum lm_harm h)
{
	return names_name(harm_names, NAMES_COUNT(harm_names), (int)h);
}

bool lm_harm_parse(const char *s, enum lm_harm *out)
{
	int i = names_index(harm_names, 0, NAMES_COUNT(harm_names), s);
	if (i < 0)
		return false;
	*out = (enum lm_harm)i;
	return true;
}

bool lm_investigation_open(const struct lm_report *r, struct date as_of)
{
	return date_cmp(r->notified_on, as_of) <= 0 &&
	       !tally_happened(r->has_done, r->done_on, as_of);
}

/* Working arrays of day spans while counting. */
struct spans {
	int *to_notification, *investigation;
	size_t n_notification, n_investigation;
};

/* Counts @p r, notified in the span, into @p s and @p d; false when out of memory. */
static bool count_one(struct lm_summary *s, const struct lm_report *r, struct spans *d)
{
	struct tally_group *g = tally_group(&s->groups, r->group_key, r->group_name);
	if (!g)
		return false;
	s->total++;
	g->count++;
	g->parts[r->harm]++;
	s->by_harm[r->harm]++;
	if (r->has_occurred && date_cmp(r->occurred_on, r->notified_on) <= 0)
		d->to_notification[d->n_notification++] =
			tally_days_between(r->occurred_on, r->notified_on);
	if (tally_happened(r->has_done, r->done_on, s->span.as_of))
		d->investigation[d->n_investigation++] =
			tally_days_between(r->notified_on, r->done_on);
	return true;
}

struct lm_summary *lm_summary_build(const struct lm_report *rs, size_t n,
				    const struct tally_span *span)
{
	size_t room = n ? n : 1;
	struct spans d = {calloc(room, sizeof(int)), calloc(room, sizeof(int)), 0, 0};
	struct lm_summary *s = calloc(1, sizeof *s);
	if (!s || !d.to_notification || !d.investigation ||
	    !(s->open = calloc(room, sizeof *s->open)))
		goto fail;
	s->span = *span;
	for (size_t i = 0; i < n; i++) {
		if (tally_counted(span, rs[i].notified_on) && !count_one(s, &rs[i], &d))
			goto fail;
		if (date_cmp(rs[i].notified_on, span->cut_off) <= 0 &&
		    lm_investigation_open(&rs[i], span->as_of))
			s->open[s->n_open++] = rs[i].id;
	}
	s->to_notification = tally_days_of(d.to_notification, d.n_notification);
	s->investigation = tally_days_of(d.investigation, d.n_investigation);
	free(d.to_notification);
	free(d.investigation);
	return s;
fail:
	free(d.to_notification);
	free(d.investigation);
	lm_summary_free(s);
	return NULL;
}

void lm_summary_free(struct lm_summary *s)
{
	if (!s)
		return;
	tally_groups_free(&s->groups);
	free(s->open);
	free(s);
}
