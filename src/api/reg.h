/*
 * What the handlers of the registers the reports need share (private to src/api/): the query
 * of their lists and how a list is answered, the reading of a nested list of a body (a risk's
 * reviews, a control's results) and the handler of a summary, which parses, checks the unit
 * and replies whatever the register's body function made.
 */
#ifndef FOLJA_API_REG_H
#define FOLJA_API_REG_H

#include "folja/api.h"
#include "folja/db_registers.h"
#include "folja/input.h"

/* The query of a register's list: paging, unit and period, and up to two filters of the
 * register's own (its kind or type, its status or outcome). */
struct reg_list_params {
	struct register_params reg;
	const char *kind;
	const char *status;
};

/* A query spec row for reg_list_params' kind or status, choices @p c. */
#define Q_REG_ENUM(name, member, c) \
	{name, Q_ENUM, offsetof(struct reg_list_params, member), 0, 0, 0, 0, c, NULL}
#define Q_REG_STRING(name, member) \
	{name, Q_STRING, offsetof(struct reg_list_params, member), 0, 0, 200, 0, NULL, NULL}

/* The query of a counted register's summary (complaints, incidents, lex Maria): the period
 * (required; @p example documents it), unit_id, cumulative, and group_by among @p group_bys
 * (a NULL-ended array of static strings). */
#define REG_COUNTS_SUMMARY_QUERY(example, group_bys) { \
	(const struct q_param[]){ \
		{"period", Q_PERIOD, offsetof(struct register_summary_params, period), \
		 Q_REQUIRED, 0, 0, 0, NULL, example}, \
		Q_ID("unit_id", struct register_summary_params, unit_id), \
		{"cumulative", Q_BOOL, offsetof(struct register_summary_params, cumulative), \
		 0, 0, 0, 0, NULL, NULL}, \
		{"group_by", Q_ENUM, offsetof(struct register_summary_params, group_by), \
		 0, 0, 0, 0, group_bys, NULL}, \
		{0}}, \
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV, \
}

typedef enum db_rc (*reg_list_fn)(struct db *db, const struct reg_filter *f, int64_t limit,
				  int64_t offset, json_t *items, int64_t *total);

/** GET of a register's list by @p list: JSON or CSV, filtered by the parsed reg_list_params
 *  (404 for an unknown unit_id).  @p entity names the register in problems. */
void reg_list_reply(struct req *r, reg_list_fn list, const char *entity);

typedef json_t *(*reg_body_fn)(struct db *db, const struct register_summary_params *p,
			       const struct api_view *v, enum db_rc *rc);

/** GET of a register's summary: the parsed register_summary_params, the unit checked, the
 *  body made by @p body for the caller's view. */
void reg_summary_reply(struct req *r, reg_body_fn body, const char *entity);

/** Reads @p list (borrowed; NULL: none) as an array of at most REG_MAX_NESTED objects, each by
 *  @p spec into @p out (elements of @p size bytes); *n their number.  Problems are appended to
 *  *errors, named `name[i].field`. */
void reg_nested_read(json_t *list, const char *name, const struct in_field *spec, void *out,
		     size_t size, size_t *n, json_t **errors);

/** The unit @p unit_id must exist: else DB_INVALID with *err a 422 unknown_reference. */
enum db_rc reg_unit_check(struct db *db, int64_t unit_id, struct resource_error *err);

/** The period named by @p s (validated by the caller's spec as a string) into @p p; a 422
 *  problem named @p field when it is not a period. */
bool reg_period_read(const char *s, const char *field, struct period *p, json_t **errors);

/** A date as JSON. */
json_t *reg_date_json(struct date d);

/** The days of @p d as {count, median, max}, count put in @p c and median and max null when
 *  none; the median and max are set after api_counts_finish() by reg_days_finish(). */
json_t *reg_days_json(struct tally_days d, struct api_counts *c, size_t *cell);
bool reg_days_finish(json_t *o, struct tally_days d, const struct api_counts *c, size_t cell);

#endif
