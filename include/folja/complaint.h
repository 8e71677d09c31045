/*
 * Complaints: synpunkter och klagomål from the people the committee serves (seed 000: "sex
 * synpunkter och klagomål"; seed 002: per avdelning, received, genomförda, nedlagda).
 *
 * A complaint is counted in the period holding the day it was received, and is handled on
 * the day its answer and outcome were settled; its handling days are the days between.  As
 * at a date, a complaint received by then and not handled by then is open: the summary's
 * open items are every complaint received up to the period's last day still open as at that
 * day (or today, whichever is first), earlier periods' included.
 *
 * Pure; the summary allocates its groups and lists.  Strings are borrowed from the records.
 */
#ifndef FOLJA_COMPLAINT_H
#define FOLJA_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/period.h"
#include "folja/tally.h"

enum complaint_kind {
	COMPLAINT_KLAGOMAL,   /* "klagomal" */
	COMPLAINT_SYNPUNKT,   /* "synpunkt" */
	COMPLAINT_BEROM,      /* "berom": praise */
	COMPLAINT_FORSLAG,    /* "forslag": a suggestion */
	COMPLAINT_KINDS
};

enum complaint_outcome {
	COMPLAINT_ATGARDAT,     /* "atgardat": acted on (seed 002 "genomförda") */
	COMPLAINT_EJ_ATGARDAT,  /* "ej_atgardat": closed without action (seed 002 "nedlagda") */
	COMPLAINT_HANVISAT,     /* "hanvisat": referred elsewhere */
	COMPLAINT_OVRIGT,       /* "ovrigt" */
	COMPLAINT_OUTCOMES
};

const char *complaint_kind_name(enum complaint_kind k);
bool complaint_kind_parse(const char *s, enum complaint_kind *out);
const char *complaint_outcome_name(enum complaint_outcome o);
bool complaint_outcome_parse(const char *s, enum complaint_outcome *out);

struct complaint {
	int64_t id;
	struct date received_on;
	struct date handled_on;         /* has_handled */
	bool has_handled;
	enum complaint_kind kind;
	enum complaint_outcome outcome; /* set with handled_on */
	const char *group_key;          /* the unit's code, or the category: what groups it */
	const char *group_name;
};

/** The days from receipt to handling, or -1 while not handled as at @p as_of. */
int complaint_handling_days(const struct complaint *c, struct date as_of);

/** True when @p c was received on or before @p as_of and not handled by then. */
bool complaint_open_at(const struct complaint *c, struct date as_of);

/* Each group's parts: [0] handled, [1] open, then COMPLAINT_OUTCOMES outcomes from [2]. */
enum { COMPLAINT_PART_HANDLED, COMPLAINT_PART_OPEN, COMPLAINT_PART_OUTCOME };

struct complaint_summary {
	struct tally_span span;
	int total, handled, open;                 /* of the complaints received in the span */
	int by_kind[COMPLAINT_KINDS];
	int by_outcome[COMPLAINT_OUTCOMES];       /* of those handled as at as_of */
	struct tally_groups groups;               /* by group_key, in order of first receipt */
	struct tally_days handling;               /* of those handled as at as_of */
	int64_t *backlog;                         /* ids open as at as_of, received by cut_off */
	size_t n_backlog;
};

/** The summary of @p cs (borrowed, by received_on) over @p span; NULL when out of memory. */
struct complaint_summary *complaint_summary_build(const struct complaint *cs, size_t n,
						  const struct tally_span *span);
/** Accepts NULL. */
void complaint_summary_free(struct complaint_summary *s);

#endif
