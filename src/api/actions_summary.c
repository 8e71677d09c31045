/*
 * The summary of the actions register, as a body function (include/folja/api.h) that its
 * endpoint and the report sections call, and the open actions shown where they belong: on
 * the budget rollup node of the unit whose deviation they answer and on the assessment of
 * the goal they answer.
 *
 * The summary counts the actions that matter to the period (folja/action.h): their status as
 * at its last day, their origins, the overdue ones (listed with title, owner and due date:
 * the register is not sensitive) and the planned against the realised effect in kronor.
 */
#include <stdlib.h>

#include "reg.h"

static const char *const status_words[ACTION_STATUSES] = {
	"Planerad", "Pågående", "Genomförd", "Avbruten",
};
static const char *const origin_words[ACTION_ORIGINS] = {
	"Budgetavvikelse", "Mål", "Risk", "Intern kontroll", "Lex Sarah", "Granskning",
	"Nämndbeslut",
};

const struct query_spec api_actions_summary_query = {
	(const struct q_param[]){
		{"period", Q_PERIOD, offsetof(struct register_summary_params, period), Q_REQUIRED, 0,
		 0, 0, NULL, "2018"},
		Q_ID("unit_id", struct register_summary_params, unit_id),
		{"cumulative", Q_BOOL, offsetof(struct register_summary_params, cumulative), 0, 0, 0,
		 0, NULL, NULL},
		{0}},
	sizeof(struct register_summary_params), FORMAT_JSON | FORMAT_CSV,
};

/* Rows {key, name, count} of @p n counts adding up to @p total. */
static json_t *rows_json(const int *counts, size_t n, const char *(*key)(size_t i),
			 const char *const *words, struct api_counts *c, size_t total)
{
	size_t cells[ACTION_ORIGINS];
	json_t *list = json_array();
	for (size_t i = 0; list && i < n; i++) {
		json_t *o = json_pack("{s:s, s:s}", "key", key(i), "name", words[i]);
		cells[i] = api_counts_put(c, o, "count", counts[i]);
		if (json_array_append_new(list, o))
			json_decref(list), list = NULL;
	}
	if (list)
		api_counts_sum(c, total, cells, n);
	return list;
}

static const char *status_key(size_t i)
{
	return action_status_name((enum action_status)i);
}

static const char *origin_key(size_t i)
{
	return action_origin_name((enum action_origin)i);
}

/* The overdue actions at @p cut_off: {id, unit_id, title, owner, due_on, days_overdue}. */
static json_t *overdue_json(const struct action_set *set, const struct action_summary *s,
			    struct date cut_off)
{
	json_t *list = json_array();
	for (size_t k = 0; list && k < s->n_overdue; k++) {
		size_t i = s->overdue[k];
		const struct action *a = &set->items[i];
		if (json_array_append_new(list, json_pack("{s:I, s:I, s:s?, s:s?, s:o, s:i, s:s}",
				"id", (json_int_t)a->id, "unit_id", (json_int_t)set->unit_ids[i],
				"title", set->titles[i], "owner", set->owners[i],
				"due_on", reg_date_json(a->due_on),
				"days_overdue", tally_days_between(a->due_on, cut_off),
				"status", action_status_name(action_status_at(a, cut_off)))))
			json_decref(list), list = NULL;
	}
	return list;
}

/* {planned_kr, realised_kr, difference_kr, with_planned, with_realised}. */
static json_t *effect_json(const struct action_summary *s)
{
	return json_pack("{s:I, s:I, s:I, s:i, s:i}", "planned_kr", (json_int_t)s->planned_kr,
			 "realised_kr", (json_int_t)s->realised_kr, "difference_kr",
			 (json_int_t)(s->realised_kr - s->planned_kr), "with_planned",
			 s->with_planned, "with_realised", s->with_realised);
}

static bool counts_put(json_t *out, const struct action_summary *s, struct api_counts *c)
{
	size_t total = api_counts_put(c, out, "total", s->total);
	api_counts_put(c, out, "overdue_count", (int64_t)s->n_overdue);
	return !json_object_set_new(out, "by_status", rows_json(s->by_status, ACTION_STATUSES,
								status_key, status_words, c,
								total)) &&
	       !json_object_set_new(out, "by_origin", rows_json(s->by_origin, ACTION_ORIGINS,
								origin_key, origin_words, c,
								total));
}

static json_t *summary_json(const struct register_summary_params *p,
			    const struct tally_span *span, const struct action_set *set,
			    const struct action_summary *s, const struct api_view *v)
{
	char period[PERIOD_BUF];
	period_format(p->period, period);
	struct api_counts *c = api_counts_new(v->suppress);
	json_t *out = c ? json_pack("{s:s, s:o, s:o, s:o}", "period", period, "from",
				    reg_date_json(span->first), "cut_off",
				    reg_date_json(span->cut_off), "unit_id",
				    p->unit_id == IN_NULL ? json_null() : json_integer(p->unit_id))
			: NULL;
	if (out && (!counts_put(out, s, c) ||
		    json_object_set_new(out, "overdue", overdue_json(set, s, span->cut_off)) ||
		    json_object_set_new(out, "effect", effect_json(s)) || !api_counts_finish(c)))
		json_decref(out), out = NULL;
	api_counts_free(c);
	return out;
}

/* Every action under @p unit_id decided by @p cut_off (or undated), of origin @p kind (NULL:
 * any). */
static enum db_rc actions_load(struct db *db, int64_t unit_id, const char *kind,
			       struct date cut_off, struct action_set **set)
{
	char to[11];
	date_format(cut_off, to);
	struct reg_filter f = {.unit_id = unit_id, .to = to, .kind = kind};
	return db_actions_load(db, &f, set);
}

json_t *actions_summary_body(struct db *db, const struct register_summary_params *p,
			     const struct api_view *v, enum db_rc *rc)
{
	struct tally_span span = tally_span_of(p->period, p->cumulative, api_today());
	struct action_set *set = NULL;
	struct action_summary *s = NULL;
	json_t *out = NULL;
	*rc = actions_load(db, p->unit_id, NULL, span.cut_off, &set);
	if (*rc != DB_OK)
		return NULL;
	enum action_rc arc = action_summary_build(set->items, set->n, span.first, span.cut_off, &s);
	if (arc == ACTION_OK)
		out = summary_json(p, &span, set, s, v);
	*rc = arc == ACTION_OVERFLOW ? DB_INVALID : out ? DB_OK : DB_NOMEM;
	action_summary_free(s);
	db_action_set_free(set);
	return out;
}

/* GET /api/v1/actions/summary?period=&unit_id=&cumulative= */
void api_actions_summary(struct req *r)
{
	reg_summary_reply(r, actions_summary_body, "action");
}

/* ==== open actions where they belong ======================================================= */

/* Sets actions [{id, title, status, due_on}] and actions_open on @p obj: the actions of
 * @p set with origin id @p origin_id, open as at @p as_of. */
static bool attach(json_t *obj, const struct action_set *set, int64_t origin_id,
		   struct date as_of)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < set->n; i++) {
		const struct action *a = &set->items[i];
		enum action_status st = action_status_at(a, as_of);
		if (a->origin_id != origin_id || !action_status_open(st))
			continue;
		if (json_array_append_new(list, json_pack("{s:I, s:s?, s:s, s:o}", "id",
				(json_int_t)a->id, "title", set->titles[i], "status",
				action_status_name(st), "due_on", a->has_due ?
				reg_date_json(a->due_on) : json_null())))
			json_decref(list), list = NULL;
	}
	return list && !json_object_set_new(obj, "actions_open",
					     json_integer((json_int_t)json_array_size(list))) &&
	       !json_object_set_new(obj, "actions", list);
}

/* The open actions of every node of a rollup tree under @p node. */
static bool attach_nodes(json_t *node, const struct action_set *set, struct date as_of)
{
	json_t *unit = json_object_get(node, "unit_id"), *child;
	size_t i;
	if (json_is_integer(unit) && !attach(node, set, json_integer_value(unit), as_of))
		return false;
	json_array_foreach(json_object_get(node, "children"), i, child)
		if (!attach_nodes(child, set, as_of))
			return false;
	return true;
}

static struct date as_of_for(struct date cut_off)
{
	struct date today = api_today();
	return date_cmp(today, cut_off) < 0 ? today : cut_off;
}

bool api_actions_attach_rollup(struct db *db, json_t *root, struct date cut_off)
{
	struct action_set *set = NULL;
	if (actions_load(db, DB_NULL, "budget", cut_off, &set) != DB_OK)
		return false;
	bool ok = attach_nodes(root, set, as_of_for(cut_off));
	db_action_set_free(set);
	return ok;
}

bool api_actions_attach_goal(struct db *db, json_t *obj, int64_t goal_id, struct date cut_off)
{
	struct action_set *set = NULL;
	if (actions_load(db, DB_NULL, "goal", cut_off, &set) != DB_OK)
		return false;
	bool ok = attach(obj, set, goal_id, as_of_for(cut_off));
	db_action_set_free(set);
	return ok;
}
