/*
 * Audits: the reviews a committee's operations undergo and the follow-ups it makes itself —
 * internal quality reviews (granskningar), the elected auditors' reviews (revision), IVO's
 * inspections and the follow-up of contracts with private providers (avtalsuppföljningar;
 * seeds 000, 001, 003).  An audit names its subject and findings; actions (folja/action.h)
 * may point at it as their origin, which is how a report shows what came of it.
 *
 * An audit is counted in the period holding the day it was done.  The summary counts per
 * kind, those with findings, and the actions drawn from them and still open.
 *
 * Pure; no allocation.
 */
#ifndef FOLJA_AUDITS_H
#define FOLJA_AUDITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/tally.h"

enum audit_kind {
	AUDIT_INTERN,    /* "intern": the administration's own quality review */
	AUDIT_REVISION,  /* "revision": the elected auditors */
	AUDIT_IVO,       /* "ivo": an IVO inspection */
	AUDIT_AVTAL,     /* "avtal": a contract follow-up */
	AUDIT_OVRIGT,    /* "ovrigt" */
	AUDIT_KINDS
};

const char *audit_kind_name(enum audit_kind k);
bool audit_kind_parse(const char *s, enum audit_kind *out);

struct audit {
	int64_t id;
	enum audit_kind kind;
	struct date done_on;
	bool has_findings;
	int actions;          /* actions with this audit as their origin */
	int actions_open;     /* of those, open now */
};

struct audit_summary {
	int total;
	int by_kind[AUDIT_KINDS];
	int with_findings;
	int actions, actions_open;
};

/** Counts the audits of @p as done in @p span. */
void audit_summary_build(const struct audit *as, size_t n, const struct tally_span *span,
			 struct audit_summary *out);

#endif
