/*
 * The reports built on the three-month rule: the quarterly report to IVO, the de-identified
 * statistics for kommunfullmäktige and the auditors, and the year's summary per quarter.
 *
 * A report is the three-month rule (folja/evb.h) applied to every decision of the register at
 * one cut-off date, then counted.  The builders here take plain arrays of decisions (as loaded
 * by the storage layer) and fill caller-provided arrays and tallies, so they are unit-tested
 * without a server and never allocate.  Keys (insats, law, gender, inriktning) are borrowed
 * from the input decisions and stay valid as long as they do.
 */
#ifndef FOLJA_IVO_H
#define FOLJA_IVO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/date.h"
#include "folja/evb.h"

/* The default horizon, in days waited, beyond which a decision is flagged for the risk of a
 * särskild avgift (SoL 16 kap. 6 a §); about six months.  Reports take ?horizon_days=. */
#define IVO_HORIZON_DAYS_DEFAULT 180

/* The most distinct keys one tally holds; more are counted in `overflow`. */
#define IVO_TALLY_MAX 128

/* One decision as the register holds it; strings borrowed, NULL when absent. */
struct ivo_decision {
	int64_t id;
	const char *reference;
	const char *insats;
	const char *insats_name;  /* the insats's name in /decision-insatser */
	const char *law;          /* "SoL" | "LSS" */
	const char *gender;       /* "K" | "M" | "annat" */
	const char *inriktning;
	const char *delay_reason;
	struct evb_decision dates;
};

/* One reportable decision at the cut-off. */
struct ivo_row {
	size_t index;                       /* into the input array */
	struct evb_status st;               /* kind, deadline, days and months waited */
	enum evb_quarter_status status;     /* new or carried_over */
	bool at_risk;                       /* waited beyond the horizon */
};

/* One decision reported at the previous cut-off and executed or closed in the period. */
struct ivo_resolved {
	size_t index;
	struct evb_resolution res;
};

/* A count per key, with the split by kind the seeds print ("tre avser avbrott i öppenvård"). */
struct ivo_tally {
	const char *key;   /* borrowed; never NULL (absent keys count as "") */
	int count;
	int beslut;
	int avbrott;
};

struct ivo_tallies {
	struct ivo_tally items[IVO_TALLY_MAX];  /* in order of first appearance */
	size_t n;
	int overflow;                           /* counts whose key found no room */
};

struct ivo_totals {
	int count;                 /* reportable decisions */
	int beslut;                /* of which never executed */
	int avbrott;               /* of which interrupted */
	int at_risk;               /* beyond the horizon */
	struct ivo_tallies by_insats, by_law, by_gender, by_inriktning;
	int by_wait[EVB_BUCKETS];  /* whole months waited, council-report buckets */
};

/**
 * The report at @p cut_off for the period starting @p first_day (a quarter for the IVO
 * report; any period for the council report, where new/carried-over and resolved then refer
 * to that period).
 *
 * @param ds, n        the decisions; borrowed.
 * @param horizon_days a decision waiting longer is flagged at_risk.
 * @param rows         receives the reportable decisions, in input order (capacity @p n);
 *                     *n_rows their number.
 * @param resolved     receives the decisions resolved in first_day..cut_off after having been
 *                     reported at first_day - 1 (capacity @p n); *n_resolved their number.
 *                     May be NULL when not wanted.
 * @param totals       receives the counts over @p rows.
 */
void ivo_build(const struct ivo_decision *ds, size_t n, struct date first_day,
	       struct date cut_off, int horizon_days, struct ivo_row *rows, size_t *n_rows,
	       struct ivo_resolved *resolved, size_t *n_resolved, struct ivo_totals *totals);

/* The year's summary: each quarter's report counted, and the distinct decisions over them. */
struct ivo_year {
	int year;                       /* the year summarised */
	int distinct;                          /* decisions reportable at any quarter's end */
	int at_risk;                           /* of those, beyond the horizon at some end */
	struct ivo_tallies by_insats;          /* distinct decisions per insats */
	int quarter_count[4];                  /* reportable at each quarter's last day */
	struct ivo_tallies quarter_by_insats[4];
};

/** Fills @p out for @p year (each quarter's last day is a cut-off).  @p ds borrowed. */
void ivo_year_build(const struct ivo_decision *ds, size_t n, int year, int horizon_days,
		    struct ivo_year *out);

/** Adds one decision of @p kind under @p key (NULL counts as "") to @p t. */
void ivo_tally_add(struct ivo_tallies *t, const char *key, enum evb_kind kind);


#endif
