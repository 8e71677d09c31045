/*
 * Storage of the registers the reports need: risks and economic sensitivity, internal
 * control, audits, actions and their follow-ups, complaints, work-environment incidents and
 * lex Maria.  See sql/0007-registers.sql.
 *
 * Each register is read as the JSON the API shows (single records and pages of a list) and,
 * for its summary, as plain structs of the domain (folja/risk.h, action.h, ...) in a set that
 * owns them and their strings.  Writes take the record as the API parsed it (`struct x_in`,
 * strings borrowed) and replace a record's nested list (reviews, results) whole.  Every list
 * filter takes the unit's whole subtree.
 *
 * Every register has the same five calls, with the contracts of the versioned resources
 * (folja/resource.h):
 *   x_get(db, id, &out)      the record as JSON, a new reference in *out; DB_NOT_FOUND.
 *   x_list(db, f, limit, offset, items, &total)  one page appended to @p items (borrowed),
 *                            *total counting every match; ordered by the register's date, id.
 *   x_insert(db, in, &id)    *id the new record's; @p in borrowed.
 *   x_update(db, id, version, in)  when the stored version is @p version (-1: any); DB_STALE,
 *                            DB_NOT_FOUND.
 *   x_delete(db, id, version)  likewise; DB_CONFLICT while another row refers to it.
 * and a load for the summary, x_load(db, f, &set): DB_OK with a new set the caller frees with
 * its _free (which accepts NULL), DB_NOMEM when out of memory, else the storage error and
 * *set NULL.
 */
#ifndef FOLJA_DB_REGISTERS_H
#define FOLJA_DB_REGISTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "folja/action.h"
#include "folja/audits.h"
#include "folja/complaint.h"
#include "folja/db.h"
#include "folja/incident.h"
#include "folja/internal_control.h"
#include "folja/lex_maria.h"
#include "folja/risk.h"

/* The most entries of a nested list (a risk's reviews, a control's results). */
#define REG_MAX_NESTED 50

/* A list's filter; NULL / DB_NULL for any. */
struct reg_filter {
	int64_t unit_id;          /* the unit's subtree */
	const char *from, *to;    /* the register's date (its year for risks and controls) */
	const char *kind;         /* the register's kind, type, harm or origin kind */
	const char *status;       /* the register's status or result */
	bool by_category;         /* loads: group by the category rather than the unit */
};

struct db_arena_block;

/* ==== risks ============================================================================== */

struct risk_review_in {
	const char *on;
	int64_t probability, consequence, value;   /* DB_NULL when absent */
	const char *color;
	const char *comment;
};

struct risk_in {
	int64_t unit_id, year;
	const char *type;                          /* NULL: not classified */
	const char *description;
	int64_t probability, consequence, value;   /* value as the rule gives it; DB_NULL none */
	const char *measures, *owner;
	json_t *reviews;                           /* as given (borrowed); read into review[] */
	struct risk_review_in review[REG_MAX_NESTED];
	size_t n_reviews;
};

struct risk_set {
	struct risk *items;               /* by value order of storage: year, id */
	size_t n;
	int64_t *unit_ids;                /* per item */
	const char **owners, **measures;  /* per item */
	struct risk_review *reviews;      /* private: the items' reviews, in runs */
	struct db_arena_block *text;
};

enum db_rc db_risks_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_risks_list(struct db *db, const struct reg_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total);
enum db_rc db_risks_insert(struct db *db, const struct risk_in *in, int64_t *id);
enum db_rc db_risks_update(struct db *db, int64_t id, int64_t version, const struct risk_in *in);
enum db_rc db_risks_delete(struct db *db, int64_t id, int64_t version);
/** Every risk matching @p f with its reviews; *out a new set (db_risk_set_free). */
enum db_rc db_risks_load(struct db *db, const struct reg_filter *f, struct risk_set **out);
void db_risk_set_free(struct risk_set *set);

/* ---- economic sensitivity ---- */

struct sensitivity_in {
	int64_t unit_id;
	const char *period;                 /* canonical */
	char period_first[11], period_last[11];   /* its days, set by the API */
	const char *description;
	int64_t amount_kr;
};

struct sensitivity_set {
	struct risk_sensitivity *items;
	const char **descriptions;          /* per item */
	size_t n;
	struct db_arena_block *text;
};

enum db_rc db_sensitivities_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_sensitivities_list(struct db *db, const struct reg_filter *f, int64_t limit,
				 int64_t offset, json_t *items, int64_t *total);
enum db_rc db_sensitivities_insert(struct db *db, const struct sensitivity_in *in,
				   int64_t *id);
enum db_rc db_sensitivities_update(struct db *db, int64_t id, int64_t version,
				   const struct sensitivity_in *in);
enum db_rc db_sensitivities_delete(struct db *db, int64_t id, int64_t version);
/** Every item matching @p f (its period's last day within from..to), by period, id. */
enum db_rc db_sensitivities_load(struct db *db, const struct reg_filter *f,
				 struct sensitivity_set **out);
void db_sensitivity_set_free(struct sensitivity_set *set);

/* ==== internal control ==================================================================== */

struct ic_result_in {
	const char *period;                 /* canonical */
	char period_last[11];               /* set by the API */
	const char *result, *findings;
};

struct ic_in {
	int64_t unit_id, year;
	const char *process;
	int64_t risk_id;                    /* DB_NULL: none */
	const char *control, *method, *frequency, *responsible;
	json_t *results;                    /* as given (borrowed) */
	struct ic_result_in result[REG_MAX_NESTED];
	size_t n_results;
};

struct ic_set {
	struct ic_control *items;
	size_t n;
	struct ic_result_row *results;      /* private: in runs */
};

enum db_rc db_ic_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_ic_list(struct db *db, const struct reg_filter *f, int64_t limit,
		      int64_t offset, json_t *items, int64_t *total);
enum db_rc db_ic_insert(struct db *db, const struct ic_in *in, int64_t *id);
enum db_rc db_ic_update(struct db *db, int64_t id, int64_t version, const struct ic_in *in);
enum db_rc db_ic_delete(struct db *db, int64_t id, int64_t version);
enum db_rc db_ic_load(struct db *db, const struct reg_filter *f, struct ic_set **out);
void db_ic_set_free(struct ic_set *set);
/** DB_OK when risk @p id exists, DB_NOT_FOUND otherwise. */
enum db_rc db_risk_exists(struct db *db, int64_t id);

/* ==== audits ============================================================================== */

struct audit_in {
	int64_t unit_id;
	const char *kind, *subject, *done_on, *findings;
};

struct audit_set {
	struct audit *items;
	const char **subjects;              /* per item */
	size_t n;
	struct db_arena_block *text;
};

enum db_rc db_audits_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_audits_list(struct db *db, const struct reg_filter *f, int64_t limit,
			  int64_t offset, json_t *items, int64_t *total);
enum db_rc db_audits_insert(struct db *db, const struct audit_in *in, int64_t *id);
enum db_rc db_audits_update(struct db *db, int64_t id, int64_t version,
			    const struct audit_in *in);
enum db_rc db_audits_delete(struct db *db, int64_t id, int64_t version);
/** Every audit matching @p f with the counts of the actions drawn from it (open: planerad
 *  or pagaende as recorded). */
enum db_rc db_audits_load(struct db *db, const struct reg_filter *f, struct audit_set **out);
void db_audit_set_free(struct audit_set *set);

/* ==== actions ============================================================================= */

struct action_in {
	int64_t unit_id;
	const char *title, *description;
	json_t *origin;                     /* as given (borrowed): {kind, id} */
	const char *origin_kind;
	int64_t origin_id;                  /* DB_NULL: none */
	const char *decided_on, *decision_ref, *owner, *due_on, *status;
	int64_t effect_planned_kr, effect_realised_kr;   /* DB_NULL: not given */
};

struct follow_up_in {
	const char *on, *text, *status;
};

struct action_set {
	struct action *items;
	size_t n;
	int64_t *unit_ids;                  /* per item */
	const char **titles, **owners;      /* per item */
	struct action_follow_up *follow_ups;   /* private: in runs */
	struct db_arena_block *text;
};

enum db_rc db_actions_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_actions_list(struct db *db, const struct reg_filter *f, int64_t limit,
			   int64_t offset, json_t *items, int64_t *total);
enum db_rc db_actions_insert(struct db *db, const struct action_in *in, int64_t *id);
enum db_rc db_actions_update(struct db *db, int64_t id, int64_t version,
			     const struct action_in *in);
enum db_rc db_actions_delete(struct db *db, int64_t id, int64_t version);
/** Every action matching @p f (f->kind: the origin kind; from/to: decided_on, undated ones
 *  included) with its follow-ups, by decided_on, id. */
enum db_rc db_actions_load(struct db *db, const struct reg_filter *f, struct action_set **out);
void db_action_set_free(struct action_set *set);
/** DB_OK when the row an origin of @p kind names by @p id exists, DB_NOT_FOUND otherwise. */
enum db_rc db_actions_origin_exists(struct db *db, enum action_origin kind, int64_t id);

/** The follow-ups of action @p id {id, on, text, status}, by date, appended to @p items. */
enum db_rc db_follow_ups_list(struct db *db, int64_t action_id, json_t *items);
/** The follow-up @p id of action @p action_id (new reference in *out). */
enum db_rc db_follow_ups_get(struct db *db, int64_t action_id, int64_t id, json_t **out);
/** Adds a follow-up and moves the action's version on (its representation holds them). */
enum db_rc db_follow_ups_insert(struct db *db, int64_t action_id, const struct follow_up_in *in,
				int64_t *id);
/** Deletes follow-up @p id of action @p action_id; DB_NOT_FOUND when it has none such. */
enum db_rc db_follow_ups_delete(struct db *db, int64_t action_id, int64_t id);

/* ==== complaints ========================================================================== */

struct complaint_in {
	int64_t unit_id;
	const char *received_on, *channel, *kind, *category, *summary, *handled_on, *outcome;
};

struct complaint_set {
	struct complaint *items;            /* by received_on, id */
	size_t n;
	struct db_arena_block *text;
};

enum db_rc db_complaints_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_complaints_list(struct db *db, const struct reg_filter *f, int64_t limit,
			      int64_t offset, json_t *items, int64_t *total);
enum db_rc db_complaints_insert(struct db *db, const struct complaint_in *in, int64_t *id);
enum db_rc db_complaints_update(struct db *db, int64_t id, int64_t version,
				const struct complaint_in *in);
enum db_rc db_complaints_delete(struct db *db, int64_t id, int64_t version);
enum db_rc db_complaints_load(struct db *db, const struct reg_filter *f,
			      struct complaint_set **out);
void db_complaint_set_free(struct complaint_set *set);

/* ==== incidents =========================================================================== */

struct incident_in {
	int64_t unit_id;
	const char *occurred_on, *kind, *category, *summary, *status, *reported_to_authority_on;
};

struct incident_set {
	struct incident *items;
	size_t n;
	struct db_arena_block *text;
};

enum db_rc db_incidents_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_incidents_list(struct db *db, const struct reg_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total);
enum db_rc db_incidents_insert(struct db *db, const struct incident_in *in, int64_t *id);
enum db_rc db_incidents_update(struct db *db, int64_t id, int64_t version,
			       const struct incident_in *in);
enum db_rc db_incidents_delete(struct db *db, int64_t id, int64_t version);
enum db_rc db_incidents_load(struct db *db, const struct reg_filter *f,
			     struct incident_set **out);
void db_incident_set_free(struct incident_set *set);

/* ==== lex Maria =========================================================================== */

struct lex_maria_in {
	int64_t unit_id;
	const char *occurred_on, *notified_on, *category, *harm, *summary;
	const char *investigation_done_on, *measures;
};

struct lex_maria_set {
	struct lm_report *items;
	size_t n;
	struct db_arena_block *text;
};

enum db_rc db_lex_maria_get(struct db *db, int64_t id, json_t **out);
enum db_rc db_lex_maria_list(struct db *db, const struct reg_filter *f, int64_t limit,
			     int64_t offset, json_t *items, int64_t *total);
enum db_rc db_lex_maria_insert(struct db *db, const struct lex_maria_in *in, int64_t *id);
enum db_rc db_lex_maria_update(struct db *db, int64_t id, int64_t version,
			       const struct lex_maria_in *in);
enum db_rc db_lex_maria_delete(struct db *db, int64_t id, int64_t version);
enum db_rc db_lex_maria_load(struct db *db, const struct reg_filter *f,
			     struct lex_maria_set **out);
void db_lex_maria_set_free(struct lex_maria_set *set);

#endif
