/*
 * Lex Maria: the care provider's notification to IVO of an event in health care that caused
 * or could have caused serious harm (patientsäkerhetslagen 3 kap. 5 §), made for the
 * committee's HSL care by the medically responsible nurse (MAS).  It is a register apart from
 * lex Sarah, which concerns social services under SoL and LSS.
 *
 * A notification is counted in the period holding the day it was made (notified_on; seed
 * 003: "Ingen anmälan enligt lex Maria upprättades under första eller andra kvartalet").  The
 * notification is due without delay after the event, so the summary gives the days from the
 * event to the notification; and the care provider's investigation follows, so it gives the
 * days from the notification to the finished investigation and the investigations still open
 * as at the as-of date, earlier periods' included.
 *
 * Pure; the summary allocates its groups and lists.  Strings are borrowed from the records.
 */
#ifndef FOLJA_LEX_MARIA_H
#define FOLJA_LEX_MARIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/tally.h"

enum lm_harm {
	LM_VARDSKADA,                /* "vardskada": harm that was avoidable */
	LM_ALLVARLIG_VARDSKADA,      /* "allvarlig_vardskada": serious harm */
	LM_RISK_ALLVARLIG_VARDSKADA, /* "risk_allvarlig_vardskada": could have been serious */
	LM_HARMS
};

const char *lm_harm_name(enum lm_harm h);
bool lm_harm_parse(const char *s, enum lm_harm *out);

struct lm_report {
	int64_t id;
	struct date notified_on;
	struct date occurred_on;      /* has_occurred */
	struct date done_on;          /* investigation_done_on (has_done) */
	bool has_occurred, has_done;
	enum lm_harm harm;
	const char *group_key, *group_name;   /* the category, or the unit */
};

/** True when @p r was notified by @p as_of and its investigation was not done by then. */
bool lm_investigation_open(const struct lm_report *r, struct date as_of);

struct lm_summary {
	struct tally_span span;
	int total;                        /* notified in the span */
	int by_harm[LM_HARMS];
	struct tally_groups groups;       /* parts: per harm */
	struct tally_days to_notification;    /* occurred_on -> notified_on */
	struct tally_days investigation;      /* notified_on -> done, done by as_of */
	int64_t *open;                    /* ids notified by the cut-off, open as at as_of */
	size_t n_open;
};

/** The summary of @p rs (borrowed) over @p span; NULL when out of memory. */
struct lm_summary *lm_summary_build(const struct lm_report *rs, size_t n,
				    const struct tally_span *span);
/** Accepts NULL. */
void lm_summary_free(struct lm_summary *s);

#endif
