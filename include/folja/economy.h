/*
 * The economy beyond the operating budget: the rules a report's economy section needs besides
 * "budget against outcome" (DESIGN.md "Economy beyond the operating budget").
 *
 * Code lists.  The ledger books lines on activity (verksamhet) and account (kostnadsslag)
 * codes; a code list names them and, for accounts, says how they group.  An account is plain,
 * a group (intäkter, kostnader, a Kommun-Bas class: a subtotal such as "Summa kostnader" over
 * the accounts under it) or a varav (a part of its parent account that a report prints below
 * it, "varav statlig ersättning Covid-19": its lines count in the parent's row, never beside
 * it).  A plain account or a group sits at the top or under a group; a varav sits under a
 * plain account or another varav.  Codes that no list names are plain and at the top.
 *
 * Forecasts.  A forecast line is a full-year forecast made as of its month.  What a report
 * calls "the forecast" is, per ledger cell (unit × activity × account, or unit × project for
 * investments), the latest forecast made on or before the period's last month; "the previous
 * forecast" is the cell's forecast before that one.  A node's forecast is the sum over its
 * cells, and its previous forecast exists only when every cell has one.
 *
 * Coverage.  A year-to-date budget compared with fewer months of outcome reads as a false
 * green, and last year's January–August beside this year's full year as a false change.  So
 * a comparison states the last month its outcome lines reach within the period, and is
 * "short" when that is before the period's last month.
 *
 * Investments are not periodised and not coloured: spending less than the investment budget
 * usually means a delayed project, not a saving.  Their report figure is the share spent.
 *
 * The budget frame (budgetram) is the original budget and the changes decided since, each
 * with its decision: frame_add() sums the budget lines of a unit subtree into one row per
 * decision.
 *
 * Pure: no JSON, no SQL.  Strings are borrowed unless a function says otherwise.
 */
#ifndef FOLJA_ECONOMY_H
#define FOLJA_ECONOMY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ==== code lists ========================================================================== */

enum budget_code_kind {
	BUDGET_CODE_PLAIN,        /* "account": a code lines are booked on */
	BUDGET_CODE_GROUP,        /* "group": a subtotal over the codes under it */
	BUDGET_CODE_VARAV,        /* "varav": a part of its parent, printed below it */
};

/* The API names of the kinds, indexed by enum budget_code_kind. */
extern const char *const budget_code_kind_names[3];

/* One entry of a code list. */
struct budget_code {
	const char *code;         /* borrowed */
	const char *name;         /* borrowed */
	const char *parent;       /* borrowed code of the parent; NULL at the top */
	enum budget_code_kind kind;
	int64_t sort;             /* siblings are shown by sort, then code */
};

/* A code list looked up by code: pointers into the list, sorted by code. */
struct budget_codes {
	const struct budget_code **by_code; /* owned array of borrowed pointers */
	size_t n;
};

/* A code hierarchy deeper than this is refused (and never walked further). */
#define BUDGET_CODES_MAX_DEPTH 8

/** Indexes @p n codes (borrowed; they must outlive @p out).  False when out of memory.  With
 *  n = 0 the index is empty and needs no memory.  Free with budget_codes_free(). */
bool budget_codes_index(const struct budget_code *codes, size_t n, struct budget_codes *out);
/** Frees an index.  Accepts NULL and an empty index. */
void budget_codes_free(struct budget_codes *c);
/** The entry for @p code, or NULL (for NULL too). */
const struct budget_code *budget_codes_find(const struct budget_codes *c, const char *code);
/** The code a line booked on @p key counts under when varav rows are folded into their
 *  account: the nearest ancestor that is not a varav (@p key itself when it is none, or not
 *  listed). */
const char *budget_codes_fold_varav(const struct budget_codes *c, const char *key);

/* Why a code list is not a valid hierarchy. */
enum budget_code_problem {
	BUDGET_CODE_OK,
	BUDGET_CODE_UNKNOWN_PARENT,   /* the parent names no code of the list */
	BUDGET_CODE_PARENT_KIND,      /* e.g. a varav at the top or under a group */
	BUDGET_CODE_CYCLE,            /* the parents lead back to the code */
	BUDGET_CODE_TOO_DEEP,         /* more than BUDGET_CODES_MAX_DEPTH levels */
};

/** Checks every entry of @p c; the first problem found, with the code at fault in *code
 *  (borrowed; NULL when OK). */
enum budget_code_problem budget_codes_check(const struct budget_codes *c, const char **code);
/** A sentence for @p p ("names no account of the list", ...), a static string. */
const char *budget_code_problem_text(enum budget_code_problem p);

/* ==== forecasts per ledger cell =========================================================== */

/* One cell's forecasts up to the period's end: the latest and the one before it. */
struct forecast_cell {
	int latest_month;         /* 0 when the cell has no forecast up to the period's end */
	int64_t latest;           /* the sum of the cell's forecasts of latest_month */
	int previous_month;       /* 0 when there is none before latest_month */
	int64_t previous;
};

/**
 * Adds a forecast of @p amount made in @p month (1..12) to the cell: kept as the latest or
 * the previous forecast when it is one of them, dropped when made after @p last_month (it was
 * not known at the period's close) or before the previous forecast.  The order of the calls
 * does not matter.  False when a sum leaves ±MONEY_MAX_KR (*c is then partly updated).
 */
bool forecast_cell_add(struct forecast_cell *c, int month, int64_t amount, int last_month);

/* ==== coverage ============================================================================ */

/* How far the outcome lines of a comparison reach into its period. */
enum coverage {
	COVERAGE_FULL,            /* outcome lines in the period's last month */
	COVERAGE_SHORT,           /* lines, but the outcome stops before the last month */
	COVERAGE_NO_LINES,        /* no lines at all to compare */
};

/**
 * The coverage of a comparison: @p lines lines of the year in question, the last of their
 * outcome months within the period @p through (0: none), against the period's @p last_month.
 */
enum coverage coverage_of(int64_t lines, int through, int last_month);

/* ==== investments ========================================================================= */

/**
 * The share of the investment budget spent, @p spent / @p budget × 100 rounded half away from
 * zero to one decimal (both in the ledger's sign, so −0,5 of −5 mnkr is 10.0).  False when
 * the budget is 0.
 */
bool investment_spent_share(int64_t spent, int64_t budget, double *pct);

/* ==== the budget frame ==================================================================== */

/* A budget line of the frame, borrowed for the call to frame_add(). */
struct frame_line {
	int64_t id;
	bool change;              /* budget_kind change (else original) */
	const char *decided_on;   /* YYYY-MM-DD or NULL */
	const char *decision_ref; /* or NULL */
	int64_t amount_kr;
};

/* A decision's lines, as frame_add() sums them. */
#define FRAME_MAX_LINE_IDS 20
struct frame_decision {
	bool change;
	char *decided_on;         /* owned copy or NULL */
	char *decision_ref;       /* owned copy or NULL */
	int64_t amount_kr;
	int64_t lines;
	int64_t line_ids[FRAME_MAX_LINE_IDS]; /* the first lines, by id as added */
	size_t nline_ids;
};

/* The frame: one entry per decision, originals first, then changes by date. */
struct frame {
	struct frame_decision *decisions; /* owned */
	size_t n, cap;
	int64_t original_kr;      /* the original budget */
	int64_t changes_kr;       /* the changes */
	int64_t frame_kr;         /* original + changes: the frame as it now stands */
};

enum frame_status { FRAME_OK, FRAME_OVERFLOW, FRAME_NOMEM };

/** Adds one budget line to @p f (zeroed to begin with): into its decision's row, found by
 *  kind, date and reference, and into the totals. */
enum frame_status frame_add(struct frame *f, const struct frame_line *l);
/** Orders the decisions: originals before changes, each by date (undated last), then
 *  reference.  Call once every line is added. */
void frame_finish(struct frame *f);
/** Frees what frame_add() allocated and zeroes @p f.  Accepts NULL. */
void frame_free(struct frame *f);

#endif
