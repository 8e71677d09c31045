/*
 * Work-environment incidents: what staff report under the work-environment rules (seed 002:
 * "65 tillbud, 18 olycksfall och sju incidenter", per avdelning).  A tillbud is a near miss,
 * an olycksfall an accident at work, arbetssjukdom an occupational illness, a färdolycksfall
 * an accident on the way to or from work, and egendom/säkerhet an event against property or
 * security.  Serious events are reported to Arbetsmiljöverket (reported_to_authority_on).
 *
 * An incident is counted in the period holding the day it occurred; the summary counts per
 * kind, per group (a unit, or a category such as hot och våld) with the split per kind, per
 * investigation status and how many went to the authority by the as-of date.
 *
 * Pure; the summary allocates its groups.  Strings are borrowed from the records.
 */
#ifndef FOLJA_INCIDENT_H
#define FOLJA_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/tally.h"

enum incident_kind {
	INCIDENT_TILLBUD,           /* "tillbud" */
	INCIDENT_OLYCKSFALL,        /* "olycksfall" */
	INCIDENT_ARBETSSJUKDOM,     /* "arbetssjukdom" */
	INCIDENT_FARDOLYCKSFALL,    /* "fardolycksfall" */
	INCIDENT_EGENDOM_SAKERHET,  /* "egendom_sakerhet" */
	INCIDENT_KINDS
};

enum incident_status {
	INCIDENT_ANMALD,   /* "anmald": reported, under investigation */
	INCIDENT_UTREDD,   /* "utredd": investigated (seed 002 "färdigutredda") */
	INCIDENT_STATUSES
};

const char *incident_kind_name(enum incident_kind k);
bool incident_kind_parse(const char *s, enum incident_kind *out);
const char *incident_status_name(enum incident_status s);
bool incident_status_parse(const char *s, enum incident_status *out);

struct incident {
	int64_t id;
	struct date occurred_on;
	enum incident_kind kind;
	enum incident_status status;           /* as recorded now */
	struct date reported_on;               /* to the authority (has_reported) */
	bool has_reported;
	const char *group_key, *group_name;    /* what groups it: the unit or the category */
};

struct incident_summary {
	struct tally_span span;
	int total;
	int by_kind[INCIDENT_KINDS];
	int by_status[INCIDENT_STATUSES];
	int reported_to_authority;             /* by the as-of date */
	struct tally_groups groups;            /* parts: per kind */
};

/** The summary of @p is (borrowed) over @p span; NULL when out of memory. */
struct incident_summary *incident_summary_build(const struct incident *is, size_t n,
						const struct tally_span *span);
/** Accepts NULL. */
void incident_summary_free(struct incident_summary *s);

#endif
