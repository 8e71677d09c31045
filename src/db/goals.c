/*
 * Queries for the goal tree and its manual assessments.  A goal resource is read exactly as
 * the API shows it, built by json_object() here; the tree a computation needs is loaded into
 * plain structs instead (db_goals_load).  The latest manual assessment of a period is the one
 * that counts; older ones stay as history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/db_goals.h"
#include "folja/db_indicators.h"

#include "load.h"
#include "pg.h"
#include "sql.h"

#define GOAL_JSON \
	"json_object('id', g.id, 'parent_id', g.parent_id, 'level', g.level, 'title', g.title," \
	" 'description', g.description, 'unit_id', g.unit_id, 'year_from', g.year_from," \
	" 'year_to', g.year_to, 'target_share', g.target_share, 'yellow_share', g.yellow_share," \
	" 'agenda2030', json(g.agenda2030), 'sort', g.sort, 'version', g.version," \
	" 'created_at', g.created_at, 'updated_at', g.updated_at"

static const char sql_get[] = "SELECT " GOAL_JSON ") FROM goals g WHERE g.id = ?1";

/* GOAL_JSON's twin. */
#define PG_GOAL_JSON \
	"json_build_object('id', g.id, 'parent_id', g.parent_id, 'level', g.level," \
	" 'title', g.title, 'description', g.description, 'unit_id', g.unit_id," \
	" 'year_from', g.year_from, 'year_to', g.year_to, 'target_share', g.target_share," \
	" 'yellow_share', g.yellow_share, 'agenda2030', g.agenda2030::json, 'sort', g.sort," \
	" 'version', g.version, 'created_at', " PG_TS("g.created_at") "," \
	" 'updated_at', " PG_TS("g.updated_at")

static const char pg_get[] = "SELECT " PG_GOAL_JSON ") FROM goals g WHERE g.id = $1";

enum db_rc db_goals_get(struct db *db, int64_t id, json_t **out)
{
	return db_get_json(db, DB_TWIN(sql_get, pg_get), id, out);
}

#define GOAL_WHERE \
	" WHERE (?1 IS NULL OR (?1 = 0 AND g.parent_id IS NULL) OR g.parent_id = ?1)" \
	" AND (?2 IS NULL OR g.level = ?2) AND (?3 IS NULL OR g.unit_id = ?3)" \
	" AND (?4 IS NULL OR ((g.year_from IS NULL OR g.year_from <= ?4)" \
	"      AND (g.year_to IS NULL OR g.year_to >= ?4))) AND in_scope(g.unit_id)"

static const char sql_list[] =
	"SELECT " GOAL_JSON ") FROM goals g" GOAL_WHERE " ORDER BY g.id LIMIT ?5 OFFSET ?6";
static const char sql_count[] = "SELECT count(*) FROM goals g" GOAL_WHERE;

/* GOAL_WHERE's twin: a scoped request's units are the array $5 (db_scope_array). */
#define PG_GOAL_WHERE \
	" WHERE ($1::bigint IS NULL OR ($1 = 0 AND g.parent_id IS NULL) OR g.parent_id = $1)" \
	" AND ($2 IS NULL OR g.level = $2) AND ($3::bigint IS NULL OR g.unit_id = $3)" \
	" AND ($4::bigint IS NULL OR ((g.year_from IS NULL OR g.year_from <= $4)" \
	"      AND (g.year_to IS NULL OR g.year_to >= $4)))" \
	" AND ($5::bigint[] IS NULL OR g.unit_id = ANY($5::bigint[]))"

static const char pg_list[] =
	"SELECT " PG_GOAL_JSON ") FROM goals g" PG_GOAL_WHERE " ORDER BY g.id LIMIT $6 OFFSET $7";
static const char pg_count[] = "SELECT count(*) FROM goals g" PG_GOAL_WHERE;

static void bind_filter(struct db_params *p, const void *filter)
{
	const struct goal_filter *f = filter;
	db_param_int(p, 1, f->parent_id);
	db_param_text(p, 2, f->level);
	db_param_int(p, 3, f->unit_id);
	db_param_int(p, 4, f->year);
}

enum db_rc db_goals_list(struct db *db, const struct goal_filter *f, int64_t limit,
			 int64_t offset, json_t *items, int64_t *total)
{
	return db_list_page_scoped(db, DB_TWIN(sql_count, pg_count), DB_TWIN(sql_list, pg_list),
				   bind_filter, f, 4, limit, offset, items, total);
}

/* Binds ?2..?12; ?1 is the id in an UPDATE (an INSERT leaves it unused). */
static void bind_goal(struct db_params *p, const void *input)
{
	const struct goal_in *in = input;
	db_param_int(p, 2, in->parent_id);
	db_param_text(p, 3, in->level);
	db_param_text(p, 4, in->title);
	db_param_text(p, 5, in->description);
	db_param_int(p, 6, in->unit_id);
	db_param_int(p, 7, in->year_from);
	db_param_int(p, 8, in->year_to);
	db_param_int(p, 9, in->target_share);
	db_param_int(p, 10, in->yellow_share);
	db_param_text(p, 11, in->agenda2030);
	db_param_int(p, 12, in->sort == DB_NULL ? 0 : in->sort);
}

static const char sql_insert[] =
	"INSERT INTO goals (parent_id, level, title, description, unit_id, year_from, year_to,"
	" target_share, yellow_share, agenda2030, sort)"
	" VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static const char pg_insert[] =
	"INSERT INTO goals (id, parent_id, level, title, description, unit_id, year_from,"
	" year_to, target_share, yellow_share, agenda2030, sort) VALUES (" PG_NEXT_ID("goals") ","
	" $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

enum db_rc db_goals_insert(struct db *db, const struct goal_in *in, int64_t *id)
{
	return db_insert(db, DB_TWIN(sql_insert, pg_insert), bind_goal, in, id);
}

static const char sql_version[] = "SELECT version FROM goals WHERE id = ?1";
static const char sql_update[] =
	"UPDATE goals SET parent_id = ?2, level = ?3, title = ?4, description = ?5, unit_id = ?6,"
	" year_from = ?7, year_to = ?8, target_share = ?9, yellow_share = ?10, agenda2030 = ?11,"
	" sort = ?12, version = version + 1,"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM goals WHERE id = ?1";
static const char pg_version[] = "SELECT version FROM goals WHERE id = $1";
static const char pg_update[] =
	"UPDATE goals SET parent_id = $2, level = $3, title = $4, description = $5, unit_id = $6,"
	" year_from = $7, year_to = $8, target_share = $9, yellow_share = $10, agenda2030 = $11,"
	" sort = $12, version = version + 1, updated_at = date_trunc('second', now())"
	" WHERE id = $1";
static const char pg_delete[] = "DELETE FROM goals WHERE id = $1";

enum db_rc db_goals_update(struct db *db, int64_t id, int64_t version, const struct goal_in *in)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_update, pg_update), bind_goal, in, id, version);
}

enum db_rc db_goals_delete(struct db *db, int64_t id, int64_t version)
{
	return db_write_versioned(db, DB_TWIN(sql_version, pg_version),
				  DB_TWIN(sql_delete, pg_delete), NULL, NULL, id, version);
}

static const char sql_ancestor[] =
	"WITH RECURSIVE up(id) AS (SELECT ?2 UNION SELECT g.parent_id FROM goals g JOIN up"
	" ON g.id = up.id WHERE g.parent_id IS NOT NULL)"
	" SELECT count(*) FROM up WHERE id = ?1";

/* How many ancestors the goal has (counting stops at 1000), and how many levels lie below it
 * (counting stops at 64). */
static const char sql_depth[] =
	"WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT g.parent_id, up.depth + 1"
	" FROM goals g JOIN up ON g.id = up.id WHERE g.parent_id IS NOT NULL AND up.depth < 1000)"
	" SELECT max(depth) FROM up";
static const char sql_height[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT g.id, t.depth + 1"
	" FROM goals g JOIN t ON g.parent_id = t.id WHERE t.depth < 64)"
	" SELECT max(depth) FROM t";

static const char pg_ancestor[] =
	"WITH RECURSIVE up(id) AS (SELECT $2::bigint UNION SELECT g.parent_id FROM goals g"
	" JOIN up ON g.id = up.id WHERE g.parent_id IS NOT NULL)"
	" SELECT count(*) FROM up WHERE id = $1";
static const char pg_depth[] =
	"WITH RECURSIVE up(id, depth) AS (SELECT $1::bigint, 0 UNION ALL"
	" SELECT g.parent_id, up.depth + 1 FROM goals g JOIN up ON g.id = up.id"
	" WHERE g.parent_id IS NOT NULL AND up.depth < 1000) SELECT max(depth) FROM up";
static const char pg_height[] =
	"WITH RECURSIVE t(id, depth) AS (SELECT $1::bigint, 0 UNION ALL SELECT g.id, t.depth + 1"
	" FROM goals g JOIN t ON g.parent_id = t.id WHERE t.depth < 64)"
	" SELECT max(depth) FROM t";

/* ?1 and ?2: two goals' ids. */
static void bind_ids(struct db_params *p, const void *in)
{
	const int64_t *ids = in;
	db_param_int(p, 1, ids[0]);
	db_param_int(p, 2, ids[1]);
}

enum db_rc db_goals_depth(struct db *db, int64_t id, int64_t *depth, int64_t *height)
{
	const int64_t ids[] = {id, 0};
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_depth, pg_depth), bind_ids, ids, depth);
	if (rc != DB_OK || !height)
		return rc;
	return db_one_int(db, DB_TWIN(sql_height, pg_height), bind_ids, ids, height);
}

enum db_rc db_goals_is_ancestor(struct db *db, int64_t ancestor, int64_t id, bool *out)
{
	const int64_t ids[] = {ancestor, id};
	int64_t n = 0;
	enum db_rc rc = db_one_int(db, DB_TWIN(sql_ancestor, pg_ancestor), bind_ids, ids, &n);
	*out = n > 0;
	return rc;
}

#define ASSESSMENT_JSON \
	"json_object('id', a.id, 'goal_id', a.goal_id, 'period', a.period, 'status', a.status," \
	" 'color', a.color, 'comment', a.comment, 'created_by', a.created_by," \
	" 'created_at', a.created_at)"

static const char sql_assess[] =
	"INSERT INTO goal_assessments (goal_id, period, status, color, comment, created_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_assessment[] =
	"SELECT " ASSESSMENT_JSON " FROM goal_assessments a WHERE a.id = ?1";
#define PG_ASSESSMENT_JSON \
	"json_build_object('id', a.id, 'goal_id', a.goal_id, 'period', a.period," \
	" 'status', a.status, 'color', a.color, 'comment', a.comment," \
	" 'created_by', a.created_by, 'created_at', ts_text_ms(a.created_at))"
static const char pg_assess[] =
	"INSERT INTO goal_assessments (id, goal_id, period, status, color, comment, created_by)"
	" VALUES (" PG_NEXT_ID("goal_assessments") ", $1, $2, $3, $4, $5, $6) RETURNING id";
static const char pg_assessment[] =
	"SELECT " PG_ASSESSMENT_JSON " FROM goal_assessments a WHERE a.id = $1";

/* What one assessment row binds (?1..?6 of sql_assess). */
struct assessment_row {
	int64_t goal_id;
	const struct goal_assessment_in *in;
	const char *actor;
};

static void bind_assessment(struct db_params *p, const void *data)
{
	const struct assessment_row *row = data;
	db_param_int(p, 1, row->goal_id);
	db_param_text(p, 2, row->in->period);
	db_param_text(p, 3, row->in->status);
	db_param_text(p, 4, row->in->color);
	db_param_text(p, 5, row->in->comment);
	db_param_text(p, 6, row->actor);
}

enum db_rc db_goals_assess(struct db *db, int64_t goal_id, const struct goal_assessment_in *in,
			   const char *actor, json_t **out)
{
	struct assessment_row row = {goal_id, in, actor ? actor : ""};
	int64_t id = 0;
	enum db_rc rc = db_insert(db, DB_TWIN(sql_assess, pg_assess), bind_assessment, &row, &id);
	return rc != DB_OK ? rc : db_get_json(db, DB_TWIN(sql_assessment, pg_assessment), id, out);
}

static const char sql_history[] =
	"SELECT " ASSESSMENT_JSON " FROM goal_assessments a"
	" WHERE a.goal_id = ?1 AND (?2 IS NULL OR a.period = ?2) ORDER BY a.id DESC";

static const char pg_history[] =
	"SELECT " PG_ASSESSMENT_JSON " FROM goal_assessments a"
	" WHERE a.goal_id = $1 AND ($2 IS NULL OR a.period = $2) ORDER BY a.id DESC";

/* A goal and a period (NULL: any), as ?1 and ?2. */
struct goal_period {
	int64_t goal_id;
	const char *period;
};

static void bind_goal_period(struct db_params *p, const void *in)
{
	const struct goal_period *x = in;
	db_param_int(p, 1, x->goal_id);
	db_param_text(p, 2, x->period);
}

enum db_rc db_goals_assessments(struct db *db, int64_t goal_id, const char *period,
				json_t *items)
{
	return db_all_json(db, DB_TWIN(sql_history, pg_history), bind_goal_period,
			   &(struct goal_period){goal_id, period}, items);
}

/* ================================================================ the tree as structs */

/* Every goal with its latest manual assessment of period ?1 (the newest row wins). */
static const char sql_load[] =
	"SELECT g.id, g.parent_id, g.level, g.title, g.description, g.unit_id, g.year_from,"
	" g.year_to, g.target_share, g.yellow_share, g.agenda2030, g.sort, g.version,"
	" g.created_at, g.updated_at,"
	" a.id, a.status, a.color, a.comment, a.created_by, a.created_at"
	" FROM goals g LEFT JOIN goal_assessments a ON a.id = (SELECT max(b.id)"
	"   FROM goal_assessments b WHERE b.goal_id = g.id AND b.period = ?1)"
	" ORDER BY g.sort, g.id";
static const char pg_load[] =
	"SELECT g.id, g.parent_id, g.level, g.title, g.description, g.unit_id, g.year_from,"
	" g.year_to, g.target_share, g.yellow_share, g.agenda2030, g.sort, g.version,"
	" " PG_TS("g.created_at") ", " PG_TS("g.updated_at") ","
	" a.id, a.status, a.color, a.comment, a.created_by, ts_text_ms(a.created_at)"
	" FROM goals g LEFT JOIN goal_assessments a ON a.id = (SELECT max(b.id)"
	"   FROM goal_assessments b WHERE b.goal_id = g.id AND b.period = $1)"
	" ORDER BY g.sort, g.id";

/* Column @p col as an integer, GOAL_NULL for SQL NULL. */
static int64_t int_or_null(const struct db_row *row, int col)
{
	return db_row_null(row, col) ? GOAL_NULL : db_row_int(row, col);
}

/* The SDG numbers of the stored list ("[3,5,8,10]", as the API writes it); anything but a
 * number 1..17 (never stored by the API) is skipped. */
static void agenda_parse(const char *s, struct goal *g)
{
	while (s && *s) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		char *end;
		long n = strtol(s, &end, 10);
		if (n >= 1 && n <= GOAL_SDG_MAX && g->nagenda2030 < GOAL_SDG_MAX)
			g->agenda2030[g->nagenda2030++] = (unsigned char)n;
		s = end;
	}
}

/* Columns 15..20 of sql_load: the manual assessment, when there is one. */
static enum db_rc manual_columns(const struct db_row *row, struct goal_set *set, struct goal *g)
{
	struct goal_manual *m = &g->manual;
	const char *status = db_row_text(row, 16);
	const char *color = db_row_text(row, 17);
	if (db_row_null(row, 15))
		return DB_OK;
	g->has_manual = true;
	m->id = db_row_int(row, 15);
	m->has_color = color != NULL;
	if (!goal_status_parse(status, &m->status) || (color && !color_parse(color, &m->color))) {
		fprintf(stderr, "folja: goal assessment %lld has an unknown status or colour\n",
			(long long)m->id);
		return DB_ERROR;
	}
	if (!db_arena_column(&set->text, row, 18, &m->comment) ||
	    !db_arena_column(&set->text, row, 19, &m->created_by) ||
	    !db_arena_column(&set->text, row, 20, &m->created_at))
		return DB_NOMEM;
	return DB_OK;
}

struct goal_load {
	struct goal_set *set;
	size_t cap;            /* goals allocated */
};

/* One row of sql_load appended to the set. */
static enum db_rc goal_row(const struct db_row *row, void *ctx)
{
	struct goal_load *l = ctx;
	struct goal_set *set = l->set;
	struct goal *grown = db_grow(set->goals, sizeof *grown, set->ngoals, &l->cap);
	if (!grown)
		return DB_NOMEM;
	set->goals = grown;
	struct goal *g = &grown[set->ngoals];
	*g = (struct goal){.id = db_row_int(row, 0), .parent_id = int_or_null(row, 1),
			   .unit_id = int_or_null(row, 5), .year_from = int_or_null(row, 6),
			   .year_to = int_or_null(row, 7),
			   .target_share = (int)db_row_int(row, 8),
			   .yellow_share = (int)db_row_int(row, 9),
			   .sort = db_row_int(row, 11),
			   .version = db_row_int(row, 12)};
	if (!goal_level_parse(db_row_text(row, 2), &g->level)) {
		fprintf(stderr, "folja: goal %lld has an unknown level\n", (long long)g->id);
		return DB_ERROR;
	}
	agenda_parse(db_row_text(row, 10), g);
	if (!db_arena_column(&set->text, row, 3, &g->title) ||
	    !db_arena_column(&set->text, row, 4, &g->description) ||
	    !db_arena_column(&set->text, row, 13, &g->created_at) ||
	    !db_arena_column(&set->text, row, 14, &g->updated_at))
		return DB_NOMEM;
	enum db_rc rc = manual_columns(row, set, g);
	if (rc == DB_OK)
		set->ngoals++;
	return rc;
}

/* Gives ?1 the period text @p in. */
static void bind_period(struct db_params *p, const void *in)
{
	db_param_text(p, 1, in);
}

enum db_rc db_goals_load(struct db *db, const char *period, struct goal_set *out)
{
	struct goal_load l = {out, 0};
	memset(out, 0, sizeof *out);
	enum db_rc rc = db_load(db, DB_TWIN(sql_load, pg_load), bind_period, period, goal_row,
				&l);
	if (rc == DB_OK)
		rc = db_indicators_load_linked(db, period, &out->inds, &out->ninds, &out->text);
	if (rc != DB_OK)
		db_goal_set_free(out);
	return rc;
}

void db_goal_set_free(struct goal_set *s)
{
	if (!s)
		return;
	free(s->goals);
	free(s->inds);
	db_arena_free(&s->text);
	memset(s, 0, sizeof *s);
}
