/*
 * Work-environment incidents (see include/folja/incident.h).
 */
#include <stdlib.h>

#include "folja/incident.h"
#include "folja/names.h"

static const char *const kind_names[] = {
	[INCIDENT_TILLBUD] = "tillbud",
	[INCIDENT_OLYCKSFALL] = "olycksfall",
	[INCIDENT_ARBETSSJUKDOM] = "arbetssjukdom",
	[INCIDENT_FARDOLYCKSFALL] = "fardolycksfall",
	[INCIDENT_EGENDOM_SAKERHET] = "egendom_sakerhet",
};

static const char *const status_names[] = {
	[INCIDENT_ANMALD] = "anmald",
	[INCIDENT_UTREDD] = "utredd",
};

const char *incident_kind_name(enum incident_kind k)
{
	return names_name(kind_names, NAMES_COUNT(kind_names), (int)k);
}

bool incident_kind_parse(const char *s, enum incident_kind *out)
{
	int i = names_index(kind_names, 0, NAMES_COUNT(kind_names), s);
	if (i < 0)
		return false;
	*out = (enum incident_kind)i;
	return true;
}

const char *incident_status_name(enum incident_status s)
{
	return names_name(status_names, NAMES_COUNT(status_names), (int)s);
}

bool incident_status_parse(const char *s, enum incident_status *out)
{
	int i = names_index(status_names, 0, NAMES_COUNT(status_names), s);
	if (i < 0)
		return false;
	*out = (enum incident_status)i;
	return true;
}

struct incident_summary *incident_summary_build(const struct incident *is, size_t n,
						const struct tally_span *span)
{
	struct incident_summary *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->span = *span;
	for (size_t i = 0; i < n; i++) {
		const struct incident *x = &is[i];
		if (!tally_counted(span, x->occurred_on))
			continue;
		struct tally_group *g = tally_group(&s->groups, x->group_key, x->group_name);
		if (!g) {
			incident_summary_free(s);
			return NULL;
		}
		s->total++;
		g->count++;
		g->parts[x->kind]++;
		s->by_kind[x->kind]++;
		s->by_status[x->status]++;
		s->reported_to_authority += tally_happened(x->has_reported, x->reported_on,
							   span->as_of);
	}
	return s;
}

void incident_summary_free(struct incident_summary *s)
{
	if (!s)
		return;
	tally_groups_free(&s->groups);
	free(s);
}
