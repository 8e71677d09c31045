/*
 * Storage of reports, their revisions and templates (sql/0010-reports.sql).
 *
 * A report is a unit, a kind, a period and a title; its content lives in revisions 1, 2, ...
 * of which the newest is the one a plain read shows.  A revision is a draft (its `sections`,
 * the template copied into the report with the narrative of its text sections, edited under
 * a version number) or locked (three stored renderings and the digest of the JSON one, never
 * changed again: the database refuses it by trigger).  Templates and list rows are read as the
 * JSON the API shows; a revision is read into a plain struct that owns its strings.
 */
#ifndef FOLJA_DB_REPORTS_H
#define FOLJA_DB_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folja/db.h"

/* The renderings a locked revision keeps. */
enum report_format { REPORT_JSON, REPORT_MD, REPORT_HTML };

/* A report as created.  Strings borrowed. */
struct report_in {
	int64_t unit_id;
	const char *kind;
	const char *period;
	const char *title;
	int64_t template_id;       /* the template copied */
	const char *sections;      /* JSON text: the template's sections */
};

/* One revision of a report with the report's own fields.  Every string is owned (free with
 * db_report_revision_free); NULL where the column is NULL. */
struct report_revision {
	int64_t report_id;
	int64_t unit_id;
	char *kind, *period, *title;
	int64_t template_id;       /* DB_NULL when none */
	char *created_at;          /* of the report */
	int64_t revision;
	int64_t latest;            /* the newest revision of the report */
	char *status;              /* "draft" or "locked" */
	int64_t version;           /* bumped by every edit of a draft */
	char *sections;            /* JSON text [{key, title, type, params, text?}] */
	char *reason;              /* why the revision was opened; NULL for the first */
	char *decided_on, *decision_ref, *locked_at, *sha256;
	int64_t data_version;      /* DB_NULL for a draft */
	char *updated_at;
};

/* What locking a revision stores.  Strings and bytes borrowed. */
struct report_lock {
	int64_t report_id;
	int64_t revision;
	int64_t version;           /* the draft's version read (-1: any) */
	const char *decided_on, *decision_ref;
	const char *locked_at;     /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *sha256;        /* hex of the JSON rendering */
	int64_t data_version;
	const char *json, *md, *html;
	size_t json_len, md_len, html_len;
};

/* Which reports a list shows; DB_NULL / NULL for any. */
struct report_filter {
	int64_t unit_id;           /* the unit's whole subtree */
	const char *kind;
	const char *period;
	bool locked_only;          /* only reports with a locked revision (open reads) */
};

/** Inserts report @p in with its first revision, a draft holding @p in->sections; *id gets the
 *  report's id.  DB_CONFLICT when the unit or template does not exist. */
enum db_rc db_reports_insert(struct db *db, const struct report_in *in, int64_t *id);
/** Revision @p revision of report @p id (0: the newest) into @p out.  DB_NOT_FOUND when either
 *  does not exist. */
enum db_rc db_reports_get(struct db *db, int64_t id, int64_t revision,
			  struct report_revision *out);
/** Frees what db_reports_get() filled and zeroes it.  Accepts a zeroed struct. */
void db_report_revision_free(struct report_revision *rev);
/** The stored rendering @p f of locked revision @p revision of report @p id, into a new buffer
 *  *out (NUL-terminated, *len bytes before the NUL) the caller frees.  DB_NOT_FOUND when the
 *  revision is not locked or does not exist. */
enum db_rc db_reports_snapshot(struct db *db, int64_t id, int64_t revision,
			       enum report_format f, char **out, size_t *len);
/** One page of reports, each {id, unit_id, kind, period, title, revision, status,
 *  locked_revision, created_at} of its newest revision, appended to @p items; *total counts
 *  all that match. */
enum db_rc db_reports_list(struct db *db, const struct report_filter *f, int64_t limit,
			   int64_t offset, json_t *items, int64_t *total);
/** Report @p id as a list row (new reference in *out); DB_NOT_FOUND when absent. */
enum db_rc db_reports_row(struct db *db, int64_t id, json_t **out);
/** The revisions of report @p id, oldest first, each {revision, status, version, reason,
 *  decided_on, decision_ref, locked_at, sha256, data_version, created_at, updated_at},
 *  appended to @p items.  DB_NOT_FOUND when there is no such report. */
enum db_rc db_reports_revisions(struct db *db, int64_t id, json_t *items);
/** Replaces the sections of draft revision @p revision of report @p id when its version is
 *  @p version (-1: any), bumping it.  DB_STALE for another version, DB_CONFLICT when the
 *  revision is locked, DB_NOT_FOUND when it does not exist. */
enum db_rc db_reports_put_sections(struct db *db, int64_t id, int64_t revision, int64_t version,
				   const char *sections);
/** Locks a draft as @p l says.  DB_STALE / DB_CONFLICT / DB_NOT_FOUND as for put_sections. */
enum db_rc db_reports_lock(struct db *db, const struct report_lock *l);
/** Opens revision @p revision + 1 of report @p id, a draft holding @p sections, opened for
 *  @p reason.  DB_CONFLICT when @p revision is not the newest or not locked. */
enum db_rc db_reports_open_revision(struct db *db, int64_t id, int64_t revision,
				    const char *reason, const char *sections);
/** The JSON rendering of the newest locked revision of a report other than @p except of unit
 *  @p unit_id and period @p period, into a new buffer *out (NULL when there is none) the
 *  caller frees; its report id into *report_id. */
enum db_rc db_reports_locked_for(struct db *db, int64_t unit_id, const char *period,
				 int64_t except, char **out, int64_t *report_id);

/** The indicators a report of unit @p unit_id for @p year shows: those of the unit's subtree
 *  without a goal or whose goal is valid in the year, by sort and id, each {id, goal_id,
 *  unit_id, name, measure_unit, direction, target, decimals, kolada_kpi, source}, appended to
 *  @p items. */
enum db_rc db_reports_indicators(struct db *db, int64_t unit_id, int year, json_t *items);

/** Calls @p fn for each report the demo scripts marked to be locked (their temporary table
 *  demo_report_locks, on this connection), oldest first, then drops the table.  DB_OK and no
 *  call when there is none. */
enum db_rc db_reports_demo_locks(struct db *db,
				 void (*fn)(void *ctx, int64_t id, const char *decided_on,
					    const char *decision_ref), void *ctx);

/* ---- templates ---- */

/* A template as written.  Strings borrowed. */
struct report_template_in {
	const char *kind;
	const char *name;
	bool is_default;
	const char *sections;      /* JSON text */
};

/** Template @p id as {id, kind, name, is_default, builtin, sections, version, created_at,
 *  updated_at} (new reference in *out). */
enum db_rc db_report_templates_get(struct db *db, int64_t id, json_t **out);
/** The default template of @p kind (new reference in *out); DB_NOT_FOUND when none. */
enum db_rc db_report_templates_default(struct db *db, const char *kind, json_t **out);
/** Every template (of @p kind; NULL for all), by id, appended to @p items. */
enum db_rc db_report_templates_list(struct db *db, const char *kind, json_t *items);
/** Inserts a template; a default one takes over from the kind's previous default. */
enum db_rc db_report_templates_insert(struct db *db, const struct report_template_in *in,
				      int64_t *id);
/** Replaces template @p id when its version is @p version (-1: any).  DB_STALE /
 *  DB_NOT_FOUND. */
enum db_rc db_report_templates_update(struct db *db, int64_t id, int64_t version,
				      const struct report_template_in *in);

#endif
