/*
 * The goal_summary section: each goal area's colour in this report and in the same unit's
 * earlier reports of the year, as seed 001's "Sammanfattande bedömning" prints it (columns
 * VB / Delår 2 / Delår 1), with each area's month row ("Måluppfyllelse/månad").
 *
 * A goal area is a top goal of the report's goal tree (its målområden when it has any).  This
 * report's colours are the tree's, computed now for the report's period.  An earlier column
 * (params.earlier: [{period: "T2", label: "Delår 2"}], periods of the same year ending before
 * the report's) takes each area's colour from the newest locked revision of the unit's report
 * of that period, as decided; where there is none it is computed now and marked so, from the
 * tree of that period, or, when nobody assessed that period as such, from the tree of its last
 * month (an interim report's colour is the month row's colour at its cut-off, as in the seed:
 * Delår 1 is April's colour, Delår 2 August's).  Everything comes from the goal endpoints'
 * body functions (/goals/tree, and /goals/{id}/months for all areas at once: twelve month
 * trees serve them all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"

/* The label of this report's own column. */
static json_t *own_label(const struct report_ctx *c)
{
	if (strcmp(c->kind, "verksamhetsberattelse") == 0)
		return json_string("VB");
	if (c->period.kind == PERIOD_TERTIAL)
		return json_sprintf("%s %d", strcmp(c->kind, "delarsrapport") == 0 ? "Delår" :
				    "Tertial", c->period.index);
	return json_string(c->period_text);
}

/* The goal tree of @p p for the report's unit (new reference); NULL with *rc set. */
static json_t *tree_at(const struct report_ctx *c, struct period p, enum db_rc *rc)
{
	struct period_unit_params q = {.period = p, .unit_id = c->unit_id};
	return api_goals_tree_body(c->db, &q, &c->view, rc);
}

/* The top goal @p id of @p tree, or NULL. */
static json_t *top_goal(json_t *tree, int64_t id)
{
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(tree, "goals"), i, g)
		if (json_integer_value(json_object_get(g, "id")) == id)
			return g;
	return NULL;
}

/* The goal areas of @p tree: its målområden, or every top goal when it has none. */
static json_t *areas_of(json_t *tree)
{
	json_t *all = json_object_get(tree, "goals"), *out = json_array(), *g;
	size_t i, areas = 0;
	json_array_foreach(all, i, g)
		areas += strcmp(json_string_value(json_object_get(g, "level")), "malomrade") == 0;
	json_array_foreach(all, i, g)
		if ((!areas || strcmp(json_string_value(json_object_get(g, "level")),
				      "malomrade") == 0) && json_array_append(out, g)) {
			json_decref(out);
			return NULL;
		}
	return out;
}

/* One cell: {color, source[, basis]}. */
static json_t *cell(json_t *goal, const char *basis)
{
	json_t *a = json_object_get(goal, "assessment");
	json_t *out = json_pack("{s:O, s:O}", "color", goal ? json_object_get(a, "color")
				: json_null(), "source", goal ? json_object_get(a, "source")
				: json_null());
	if (out && basis && json_object_set_new(out, "basis", json_string(basis))) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* The month row of area @p i in @p months (api_goals_months_rows_body's), month @p m. */
static json_t *month_of(json_t *months, size_t i, int m)
{
	return json_array_get(json_array_get(months, i), (size_t)m - 1);
}

/* The column of period @p p computed now: each area's colour from the tree of @p p, else
 * (nobody assessed the period as such) its month row's colour at the period's last month.
 * New reference: [cell per area]. */
static json_t *column_computed(const struct report_ctx *c, json_t *areas, json_t *months,
			       struct period p, enum db_rc *rc)
{
	json_t *tree = tree_at(c, p, rc), *out = json_array(), *a;
	size_t i;
	bool ok = tree && out;
	json_array_foreach(areas, i, a) {
		json_t *g = top_goal(tree, json_integer_value(json_object_get(a, "id")));
		json_t *m = month_of(months, i, period_last_month(p)), *cellv;
		bool none = json_is_null(json_object_get(json_object_get(g, "assessment"), "color"));
		if (none && p.kind != PERIOD_MONTH && json_is_object(m))
			cellv = json_pack("{s:O, s:O, s:s}", "color", json_object_get(m, "color"),
					  "source", json_object_get(m, "source"), "basis", "month");
		else
			cellv = cell(g, "period");
		ok = ok && json_array_append_new(out, cellv) == 0;
	}
	json_decref(tree);
	if (!ok) {
		json_decref(out);
		if (*rc == DB_OK)
			*rc = DB_NOMEM;
		return NULL;
	}
	return out;
}

/* The colour of goal @p id in a locked report's document @p doc: from its goal_summary's own
 * column, else from its goal tree. */
static json_t *decided_color(json_t *doc, int64_t id)
{
	size_t i, j;
	json_t *sec, *a;
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		json_t *data = json_object_get(sec, "data");
		const char *type = json_string_value(json_object_get(sec, "type"));
		if (type && strcmp(type, "goal_summary") == 0)
			json_array_foreach(json_object_get(data, "areas"), j, a)
				if (json_integer_value(json_object_get(a, "goal_id")) == id)
					return json_object_get(json_array_get(json_object_get(a,
						"colors"), 0), "color");
		if (type && strcmp(type, "goals") == 0 && top_goal(data, id))
			return json_object_get(json_object_get(top_goal(data, id), "assessment"),
					       "color");
	}
	return NULL;
}

/* The column of a locked report (@p doc): each area's colour as decided. */
static json_t *column_decided(json_t *doc, json_t *areas, int64_t report_id)
{
	json_t *out = json_array(), *a;
	size_t i;
	json_array_foreach(areas, i, a) {
		json_t *color = decided_color(doc, json_integer_value(json_object_get(a, "id")));
		if (!out || json_array_append_new(out, json_pack("{s:O, s:s, s:I}", "color",
				color ? color : json_null(), "source", "report", "report_id",
				(json_int_t)report_id))) {
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

/* An earlier column's period from its params entry @p e: "T2" of the report's year, or whole. */
static bool earlier_period(const struct report_ctx *c, json_t *e, struct period *p)
{
	char whole[32];
	const char *s = json_string_value(json_object_get(e, "period"));
	snprintf(whole, sizeof whole, "%d-%s", c->period.year, s ? s : "");
	if (!period_parse(whole, p) && !period_parse(s, p))
		return false;
	/* only the same year's, and only what ends before this report's period does */
	return p->year == c->period.year && period_last_month(*p) < period_last_month(c->period);
}

/* Column @p e: {label, period, source} into *head, and its cells (new reference). */
static json_t *column_earlier(const struct report_ctx *c, json_t *areas, json_t *months,
			      json_t *e, struct period p, json_t **head, enum db_rc *rc)
{
	char text[PERIOD_BUF], *snap = NULL;
	int64_t report_id = 0;
	json_t *cells = NULL, *doc = NULL;
	period_format(p, text);
	*rc = db_reports_locked_for(c->db, c->unit_id, text, c->report_id, &snap, &report_id);
	if (*rc != DB_OK)
		return NULL;
	doc = snap ? json_loads(snap, 0, NULL) : NULL;
	cells = doc ? column_decided(doc, areas, report_id)
		    : column_computed(c, areas, months, p, rc);
	*head = json_pack("{s:O, s:s, s:s}", "label", json_object_get(e, "label"), "period", text,
			  "source", doc ? "report" : "computed");
	if (doc && *head)
		json_object_set_new(*head, "report_id", json_integer((json_int_t)report_id));
	json_decref(doc);
	free(snap);
	if ((!cells || !*head) && *rc == DB_OK)
		*rc = DB_NOMEM;
	return cells;
}

/* The month rows of every area in the report's year (from the goals' month rows body), in
 * the order of @p areas. */
static json_t *months_of(const struct report_ctx *c, json_t *areas, enum db_rc *rc)
{
	int64_t ids[64];
	size_t n = json_array_size(areas) < 64 ? json_array_size(areas) : 64;
	for (size_t i = 0; i < n; i++)
		ids[i] = json_integer_value(json_object_get(json_array_get(areas, i), "id"));
	return api_goals_months_rows_body(c->db, ids, n, c->period.year, &c->view, rc);
}

/* Area @p j's month row as the section shows it: [{month, color}]. */
static json_t *months_row(json_t *months, size_t j)
{
	json_t *out = json_array(), *m;
	size_t i;
	json_array_foreach(json_array_get(months, j), i, m)
		if (out && json_array_append_new(out, json_pack("{s:O, s:O}", "month",
				json_object_get(m, "month"), "color", json_object_get(m, "color")))) {
			json_decref(out);
			out = NULL;
		}
	return out;
}

/* Area @p j of @p areas with its cell of every column of @p cells and its month row. */
static json_t *area_json(const struct report_ctx *c, json_t *areas, json_t *month_rows,
			 size_t j, json_t *cells, enum db_rc *rc)
{
	char url[96];
	json_t *a = json_array_get(areas, j), *colors = json_array(), *col;
	int64_t id = json_integer_value(json_object_get(a, "id"));
	size_t k;
	json_array_foreach(cells, k, col)
		if (colors && json_array_append(colors, json_array_get(col, j))) {
			json_decref(colors);
			colors = NULL;
		}
	json_t *months = colors ? months_row(month_rows, j) : NULL;
	snprintf(url, sizeof url, "/api/v1/goals/%lld/months?year=%d", (long long)id,
		 c->period.year);
	json_t *out = months ? json_pack("{s:I, s:O, s:O, s:o, s:o, s:s}", "goal_id",
					 (json_int_t)id, "title", json_object_get(a, "title"),
					 "level", json_object_get(a, "level"), "colors", colors,
					 "months", months, "months_source", url) : NULL;
	if (!months)
		json_decref(colors);
	if (!out && *rc == DB_OK)
		*rc = DB_NOMEM;
	return out;
}

/* This report's column and the earlier ones: headers into @p heads, cells into @p cells. */
static enum db_rc columns_fill(const struct report_ctx *c, json_t *tree, json_t *areas,
			       json_t *months, json_t *params, json_t *heads, json_t *cells)
{
	enum db_rc rc = DB_OK;
	json_t *own = json_array(), *a, *e;
	size_t i;
	json_array_foreach(areas, i, a)
		if (own && json_array_append_new(own, cell(top_goal(tree, json_integer_value(
				json_object_get(a, "id"))), "period"))) {
			json_decref(own);
			own = NULL;
		}
	if (!own || json_array_append_new(cells, own) ||
	    json_array_append_new(heads, json_pack("{s:o, s:s, s:s}", "label", own_label(c),
						   "period", c->period_text, "source", "this_report")))
		return DB_NOMEM;
	json_array_foreach(json_object_get(params, "earlier"), i, e) {
		struct period p;
		json_t *head = NULL, *col;
		if (!earlier_period(c, e, &p))
			continue;
		if (!(col = column_earlier(c, areas, months, e, p, &head, &rc))) {
			json_decref(head);
			return rc;
		}
		if (json_array_append_new(cells, col) || json_array_append_new(heads, head))
			return DB_NOMEM;
	}
	return DB_OK;
}

json_t *report_goal_summary(const struct report_ctx *c, json_t *params, enum db_rc *rc)
{
	json_t *tree = tree_at(c, c->period, rc), *areas = tree ? areas_of(tree) : NULL;
	json_t *heads = json_array(), *cells = json_array(), *list = json_array(), *out = NULL;
	json_t *months = areas ? months_of(c, areas, rc) : NULL;
	if (tree && *rc == DB_OK && (!areas || !months || !heads || !cells || !list))
		*rc = DB_NOMEM;
	if (tree && *rc == DB_OK)
		*rc = columns_fill(c, tree, areas, months, params, heads, cells);
	for (size_t j = 0; tree && *rc == DB_OK && j < json_array_size(areas); j++) {
		json_t *area = area_json(c, areas, months, j, cells, rc);
		if (area && json_array_append_new(list, area))
			*rc = DB_NOMEM;
	}
	if (tree && *rc == DB_OK && !(out = json_pack("{s:i, s:O, s:O}", "year", c->period.year,
						      "columns", heads, "areas", list)))
		*rc = DB_NOMEM;
	json_decref(tree);
	json_decref(areas);
	json_decref(months);
	json_decref(heads);
	json_decref(cells);
	json_decref(list);
	return out;
}
