/*
 * Actions: what the committee decided to do about a deviation, and how it went (seed 000's
 * "plan för budget i balans", seed 003's "åtgärder som nämnden vidtagit").
 *
 * An action has an origin (a budget deviation, a goal, a risk, an internal-control finding, a
 * lex Sarah report, an audit, or a committee decision of its own), an owner, a due date, a
 * status and an expected effect in kronor, and is followed up at dated follow-ups, each of
 * which states the status it found.  The follow-ups are the action's history: as at a date,
 * the status is that of the newest follow-up on or before it; before its first follow-up an
 * action is planerad; an action without any follow-up has only its recorded status, which
 * then holds at every date.
 *
 * An action is overdue at a cut-off when it was due before that day and is still open there
 * (planerad or pågående): due on the 31st and judged on the 31st is in time, judged on the
 * last day of the next month is overdue.  A period's summary counts the actions that matter
 * to it: begun on or before its last day, and either begun in the period or still open on the
 * day before it began, so a plan decided last year and still running is followed up this
 * year, and one finished last year is not counted again.  An action begins when it was
 * decided; one without a decision date when it was first followed up; one with neither is
 * counted in every period.
 *
 * Pure; the summary allocates its list of overdue actions.
 */
#ifndef FOLJA_ACTION_H
#define FOLJA_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"

/* The API's "status". */
enum action_status {
	ACTION_PLANERAD,   /* "planerad" */
	ACTION_PAGAENDE,   /* "pagaende" */
	ACTION_GENOMFORD,  /* "genomford" */
	ACTION_AVBRUTEN,   /* "avbruten" */
	ACTION_STATUSES
};

/* The API's origin.kind. */
enum action_origin {
	ORIGIN_BUDGET,            /* "budget": a unit's budget deviation; id a unit */
	ORIGIN_GOAL,              /* "goal" */
	ORIGIN_RISK,              /* "risk" */
	ORIGIN_INTERNAL_CONTROL,  /* "internal_control" */
	ORIGIN_LEX_SARAH,         /* "lex_sarah" */
	ORIGIN_AUDIT,             /* "audit" */
	ORIGIN_COMMITTEE,         /* "committee": a decision of the committee; no id */
	ACTION_ORIGINS
};

const char *action_status_name(enum action_status s);
bool action_status_parse(const char *s, enum action_status *out);
const char *action_origin_name(enum action_origin o);
bool action_origin_parse(const char *s, enum action_origin *out);

/** True for planerad and pagaende. */
bool action_status_open(enum action_status s);

struct action_follow_up {
	struct date on;
	enum action_status status;
};

struct action {
	int64_t id;
	enum action_origin origin;
	int64_t origin_id;            /* 0 when none */
	struct date decided_on, due_on;
	bool has_decided, has_due;
	enum action_status status;    /* as recorded */
	int64_t effect_planned_kr, effect_realised_kr;
	bool has_planned, has_realised;
	const struct action_follow_up *follow_ups;   /* borrowed, by date */
	size_t n_follow_ups;
};

/** The status of @p a as at @p as_of (see above). */
enum action_status action_status_at(const struct action *a, struct date as_of);

/** True when @p a was due before @p cut_off and is open as at it. */
bool action_overdue(const struct action *a, struct date cut_off);

/** True when @p a matters to the period @p first .. @p cut_off (see above). */
bool action_counted(const struct action *a, struct date first, struct date cut_off);

struct action_summary {
	int total;
	int by_status[ACTION_STATUSES];    /* as at the cut-off */
	int by_origin[ACTION_ORIGINS];
	size_t *overdue;                   /* indices of the overdue actions, by due date */
	size_t n_overdue;
	int64_t planned_kr, realised_kr;   /* the effects given */
	int with_planned, with_realised;   /* how many gave them */
};

enum action_rc { ACTION_OK, ACTION_NOMEM, ACTION_OVERFLOW };

/**
 * The summary of @p as (borrowed) over the period @p first .. @p cut_off.
 * @param out  receives a new summary to free with action_summary_free() on ACTION_OK, else
 *             NULL.
 */
enum action_rc action_summary_build(const struct action *as, size_t n, struct date first,
				    struct date cut_off, struct action_summary **out);
/** Accepts NULL. */
void action_summary_free(struct action_summary *s);

#endif
