/*
 * Internal control (intern kontroll): the committee's yearly plan of controls, each a process,
 * the risk it guards against, how and how often it is checked and by whom, and its results
 * period by period: not done (ej genomförd), done without deviations, done with deviations.
 *
 * As at a period's last day, a control's result is its newest result for a period ending on
 * or before that day; a control of the year with none is not followed up yet (seed 002 at T1:
 * "Ingen uppföljning av internkontrollplaner görs till delårsrapport 1").  The summary counts
 * the year's controls by that result, and every period's results apart, so the report can
 * show how the follow-up went through the year.
 *
 * Pure; the summary allocates its list of periods.
 */
#ifndef FOLJA_INTERNAL_CONTROL_H
#define FOLJA_INTERNAL_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/period.h"

/* The API's result. */
enum ic_result {
	IC_EJ_GENOMFORD,    /* "ej_genomford": not done */
	IC_UTAN_AVVIKELSE,  /* "utan_avvikelse": done, no deviation */
	IC_MED_AVVIKELSE,   /* "med_avvikelse": done, deviations found */
	IC_RESULTS
};

const char *ic_result_name(enum ic_result r);
bool ic_result_parse(const char *s, enum ic_result *out);

struct ic_result_row {
	struct period period;
	enum ic_result result;
};

struct ic_control {
	int64_t id;
	int year;
	bool has_risk;                          /* linked to a risk of the risk register */
	const struct ic_result_row *results;    /* borrowed */
	size_t n_results;
};

/** The result of @p c as at @p as_of into *out; false when it has none yet. */
bool ic_result_at(const struct ic_control *c, struct date as_of, enum ic_result *out);

/* One period's results over the year's controls. */
struct ic_period_count {
	struct period period;
	int results[IC_RESULTS];
};

struct ic_summary {
	int controls;                 /* of the year */
	int with_risk;
	int results[IC_RESULTS];      /* as at the cut-off */
	int not_followed_up;          /* no result yet */
	struct ic_period_count *periods;   /* by last day, those ending by the cut-off */
	size_t n_periods;
};

/** The summary of the controls of @p year among @p cs (borrowed) as at @p cut_off; NULL when
 *  out of memory. */
struct ic_summary *ic_summary_build(const struct ic_control *cs, size_t n, int year,
				    struct date cut_off);
/** Accepts NULL. */
void ic_summary_free(struct ic_summary *s);

#endif
