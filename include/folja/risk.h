/*
 * Risks: the committee's risk analysis (riskhantering, riskhanteringsplan) and the economic
 * sensitivity of the year's result (risk- och känslighetsanalys).
 *
 * A risk is valued on the usual 5×5 matrix: probability (sannolikhet) and consequence
 * (konsekvens), each 1–5, and value = probability × consequence (1–25).  Reports often print
 * the value alone ("Riskvärde 15", seed 001), so a value may be stated without its factors;
 * when both factors are given the value follows from them and a stated value that does not
 * is a contradiction.  A risk is followed up at dated reviews, each of which may revalue it
 * and gives a colour: how well the measures work (seed 001 shows value 20 both gul and grön,
 * so the colour is not a function of the value).  As at a date, the newest review on or
 * before it is the risk's current state: its value is the newest review's that gives one,
 * else the risk's own; its colour the newest review's that gives one.
 *
 * An economic sensitivity analysis lists items signed like the ledger (positive favourable)
 * as at a period; the summary sums the positive and the negative apart (seed 002: +1 000 and
 * −4 500 tkr).  As at a period's last day, the analysis that holds is the newest one of the
 * same year made for a period ending on or before it.
 *
 * Pure; the summary allocates its lists and risk_summary_free() releases them.  Strings are
 * borrowed from whoever loaded the risks.
 */
#ifndef FOLJA_RISK_H
#define FOLJA_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/color.h"
#include "folja/date.h"
#include "folja/period.h"

#define RISK_SCALE 5   /* probability and consequence run 1..RISK_SCALE */

/* The kind of risk; the API's "type". */
enum risk_type {
	RISK_OMVARLD,      /* "omvarld": the world around */
	RISK_MEDARBETARE,  /* "medarbetare": staff */
	RISK_VERKSAMHET,   /* "verksamhet": operations */
	RISK_FINANSIELL,   /* "finansiell": finance */
	RISK_OVRIGT,       /* "ovrigt" */
	RISK_UNTYPED,      /* "ej_klassad": no type given (seed 000's plan gives none) */
	RISK_TYPES         /* the number of the above */
};

/** The API name of @p t, static; NULL outside the enum. */
const char *risk_type_name(enum risk_type t);
/** Parses a stored type exactly (not "ej_klassad"); false and *out untouched otherwise. */
bool risk_type_parse(const char *s, enum risk_type *out);

/* The outcome of the value rule. */
enum risk_value_rc {
	RISK_VALUE_OK,           /* *value set: the product, the stated value, or 0 for none */
	RISK_VALUE_CONTRADICTS,  /* a stated value that is not probability × consequence */
	RISK_VALUE_HALF,         /* one factor without the other */
};

/**
 * The value rule.  @p probability, @p consequence and @p stated are 0 when absent (the
 * factors are otherwise 1..5, a stated value 1..25).  Both factors give their product (a
 * stated value must equal it); neither gives the stated value, or 0 for a risk not valued.
 */
enum risk_value_rc risk_value(int probability, int consequence, int stated, int *value);

/* One review of a risk; 0 for an absent figure. */
struct risk_review {
	struct date on;
	int probability, consequence, value;
	bool has_color;
	enum color color;            /* how the measures work */
};

struct risk {
	int64_t id;
	enum risk_type type;
	int probability, consequence, value;   /* 0 when absent; value 0: not valued */
	const char *description;     /* borrowed */
	const struct risk_review *reviews;     /* borrowed, by date */
	size_t n_reviews;
};

/* A risk as at a date. */
struct risk_state {
	int probability, consequence, value;   /* the newest valuation; 0 when absent */
	bool has_color;
	enum color color;
	bool reviewed;               /* some review on or before the date */
	struct date reviewed_on;     /* the newest of them */
};

/** The state of @p r as at @p as_of. */
struct risk_state risk_state_at(const struct risk *r, struct date as_of);

/* The summary of a register of risks as at a date. */
struct risk_summary {
	int total;
	int matrix[RISK_SCALE][RISK_SCALE];   /* [probability - 1][consequence - 1], current */
	int valued_without_factors;           /* a value alone: not placed in the matrix */
	int not_valued;
	int by_type[RISK_TYPES];
	int by_color[3];                      /* indexed by enum color */
	int no_color;
	struct risk_state *states;            /* per input risk */
	size_t *ranked;                       /* indices of the valued risks: value desc, id */
	size_t n_ranked;
};

/** The summary of @p rs (borrowed) as at @p as_of; NULL when out of memory.  Free with
 *  risk_summary_free(). */
struct risk_summary *risk_summary_build(const struct risk *rs, size_t n, struct date as_of);
/** Accepts NULL. */
void risk_summary_free(struct risk_summary *s);

/* ==== economic sensitivity =============================================================== */

struct risk_sensitivity {
	int64_t id;
	struct period period;        /* the analysis the item belongs to */
	int64_t amount_kr;           /* signed like the ledger */
};

struct sensitivity_sums {
	bool found;                  /* an analysis holds as at the cut-off */
	struct period period;        /* its period */
	int items, positive_items, negative_items;
	int64_t positive_kr, negative_kr, net_kr;
};

enum sensitivity_rc { SENSITIVITY_OK, SENSITIVITY_OVERFLOW };

/**
 * The sums of the analysis that holds as at the last day of @p asked: of the items whose
 * period ends on or before it in the same year, those of the latest end.  Overflow (a sum
 * beyond ±MONEY_MAX_KR) is reported, never wrapped.
 */
enum sensitivity_rc risk_sensitivity_sums(const struct risk_sensitivity *items, size_t n,
					  struct period asked, struct sensitivity_sums *out);

#endif
