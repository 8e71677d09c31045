/*
 * Unit tests for the goal tree (src/domain/goals.c), without a server: the share rule over a
 * small tree where manual assessments override computed colours (and ej_bedomd does not), a
 * goal none of whose children is assessed, validity years, the children the explain lists,
 * month rows, the seed 001 goal areas, the /goals/tree scope, and a deep chain and a cycle that
 * must end at the depth bound without recursion, and the statuses each level takes.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "folja/goals.h"
#include "tests.h"

/* A goal with no years, no unit, target 100 % and yellow from 50 %. */
static struct goal goal(int64_t id, int64_t parent)
{
	return (struct goal){.id = id, .parent_id = parent, .level = GOAL_ENHETSMAL,
			     .title = "mål", .unit_id = GOAL_NULL, .year_from = GOAL_NULL,
			     .year_to = GOAL_NULL, .target_share = 100, .yellow_share = 50};
}

static void manual(struct goal *g, enum goal_status status, bool has_color, enum color c)
{
	g->has_manual = true;
	g->manual = (struct goal_manual){.id = g->id, .status = status, .has_color = has_color,
					 .color = c, .created_by = "test", .created_at = "now"};
}

/* An indicator of @p goal, higher is better against @p target, with @p value stored. */
static struct goal_indicator linked(int64_t id, int64_t goal_id, double value, double target)
{
	return (struct goal_indicator){
		.ind = {.id = id, .goal_id = goal_id, .unit_id = GOAL_NULL, .name = "ind",
			.direction = IND_HIGHER_IS_BETTER, .target = target},
		.reading = {.has_value = true, .value = value, .target = NAN}};
}

static size_t at(const struct goal_tree *t, int64_t id)
{
	size_t g = 0;
	ck_assert_msg(goal_tree_find(t, id, &g), "no goal %lld", (long long)id);
	return g;
}

START_TEST(share_rule_with_manual_overrides)
{
	/* 1 (60 %, yellow from 40 %) has five child goals: 2, 3, 4 green by hand, 5 red by hand,
	 * 6 computed from its two indicators (one met, one not: 50 % against 100 % → gul) */
	struct goal g[6] = {goal(1, GOAL_NULL), goal(2, 1), goal(3, 1), goal(4, 1), goal(5, 1),
			    goal(6, 1)};
	g[0].target_share = 60;
	g[0].yellow_share = 40;
	for (int i = 1; i <= 3; i++)
		manual(&g[i], GOAL_HELT, true, COLOR_GREEN);
	manual(&g[4], GOAL_EJ, true, COLOR_RED);
	struct goal_indicator ind[2] = {linked(1, 6, 95, 90), linked(2, 6, 80, 90)};
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 6, ind, 2, 2021));
	const struct goal_result *r6 = goal_tree_assess(&t, at(&t, 6));
	ck_assert_int_eq(r6->rule, GOAL_RULE_SHARE);
	ck_assert_int_eq(r6->color, COLOR_YELLOW);
	ck_assert_int_eq(r6->source, GOAL_SOURCE_COMPUTED);
	/* 3 green of 5 = 60 % against 60 %: green, exactly at the target */
	const struct goal_result *r1 = goal_tree_assess(&t, at(&t, 1));
	ck_assert_int_eq(r1->rule, GOAL_RULE_SHARE);
	ck_assert_int_eq(r1->share.green, 3);
	ck_assert_int_eq(r1->share.assessed, 5);
	ck_assert(r1->has_color);
	ck_assert_int_eq(r1->color, COLOR_GREEN);
	ck_assert_int_eq(r1->source, GOAL_SOURCE_COMPUTED);
	goal_tree_free(&t);

	/* a manual red on 1 wins; the computed green is still there to show */
	manual(&g[0], GOAL_EJ, true, COLOR_RED);
	ck_assert(goal_tree_build(&t, g, 6, ind, 2, 2021));
	r1 = goal_tree_assess(&t, at(&t, 1));
	ck_assert_int_eq(r1->color, COLOR_RED);
	ck_assert_int_eq(r1->source, GOAL_SOURCE_MANUAL);
	ck_assert_int_eq(r1->share.color, COLOR_GREEN);
	goal_tree_free(&t);

	/* ej_bedomd (no colour) decides nothing: the computed colour stands */
	manual(&g[0], GOAL_EJ_BEDOMD, false, COLOR_GREEN);
	ck_assert(goal_tree_build(&t, g, 6, ind, 2, 2021));
	r1 = goal_tree_assess(&t, at(&t, 1));
	ck_assert_int_eq(r1->color, COLOR_GREEN);
	ck_assert_int_eq(r1->source, GOAL_SOURCE_COMPUTED);
	ck_assert(t.goals[at(&t, 1)].has_manual);
	goal_tree_free(&t);
}
END_TEST

START_TEST(red_to_yellow_and_next_better)
{
	/* 1 of 4 green against 60/40 → 25 %: rod; one more green gives gul */
	struct goal g[5] = {goal(1, GOAL_NULL), goal(2, 1), goal(3, 1), goal(4, 1), goal(5, 1)};
	g[0].target_share = 60;
	g[0].yellow_share = 40;
	manual(&g[1], GOAL_HELT, true, COLOR_GREEN);
	for (int i = 2; i <= 4; i++)
		manual(&g[i], GOAL_DELVIS, true, COLOR_YELLOW);
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 5, NULL, 0, 2021));
	const struct goal_result *r = goal_tree_assess(&t, 0);
	ck_assert_int_eq(r->color, COLOR_RED);
	ck_assert(r->share.has_next);
	ck_assert_int_eq(r->share.next_color, COLOR_YELLOW);
	ck_assert_int_eq(r->share.more_green, 1);
	goal_tree_free(&t);
}
END_TEST

START_TEST(nothing_assessed)
{
	/* 1's children: goal 2 with no assessment and no children, goal 3 with ej_bedomd, an
	 * indicator with a null value and one with no value stored */
	struct goal g[3] = {goal(1, GOAL_NULL), goal(2, 1), goal(3, 1)};
	manual(&g[2], GOAL_EJ_BEDOMD, false, COLOR_GREEN);
	struct goal_indicator ind[2] = {linked(1, 1, NAN, 90), linked(2, 1, NAN, 90)};
	ind[0].reading.null_reason = "för få svarande";
	ind[1].reading.has_value = false;
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 3, ind, 2, 2021));
	const struct goal_result *r = goal_tree_assess(&t, 0);
	ck_assert_int_eq(r->rule, GOAL_RULE_NONE_ASSESSED);
	ck_assert(!r->has_color);
	ck_assert_int_eq(r->source, GOAL_SOURCE_COMPUTED);
	/* all four are listed, none decided */
	struct goal_child c;
	size_t cursor = 0, n = 0;
	while (goal_tree_next_child(&t, 0, &cursor, &c)) {
		ck_assert(!c.has_color);
		ck_assert_int_eq(c.is_indicator, n >= 2);
		n++;
	}
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(goal_tree_indicator(&t, 0)->state, IND_NULL_VALUE);
	ck_assert_int_eq(goal_tree_indicator(&t, 1)->state, IND_NO_VALUE);
	goal_tree_free(&t);
	/* a leaf with nothing under it has nothing to compute either */
	ck_assert(goal_tree_build(&t, g, 1, NULL, 0, 2021));
	ck_assert_int_eq(goal_tree_assess(&t, 0)->rule, GOAL_RULE_NONE_ASSESSED);
	goal_tree_free(&t);
}
END_TEST

START_TEST(validity_years)
{
	struct goal g = goal(1, GOAL_NULL);
	ck_assert(goal_valid_in(&g, 1900) && goal_valid_in(&g, 2200));
	g.year_from = 2021;
	ck_assert(!goal_valid_in(&g, 2020));
	ck_assert(goal_valid_in(&g, 2021));
	g.year_to = 2022;
	ck_assert(goal_valid_in(&g, 2022));
	ck_assert(!goal_valid_in(&g, 2023));
	g.year_from = GOAL_NULL;
	ck_assert(goal_valid_in(&g, 1950));

	/* a child goal outside the year neither counts nor is listed */
	struct goal t3[3] = {goal(1, GOAL_NULL), goal(2, 1), goal(3, 1)};
	manual(&t3[1], GOAL_HELT, true, COLOR_GREEN);
	manual(&t3[2], GOAL_EJ, true, COLOR_RED);
	t3[2].year_to = 2020;
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, t3, 3, NULL, 0, 2021));
	const struct goal_result *r = goal_tree_assess(&t, 0);
	ck_assert_int_eq(r->color, COLOR_GREEN);
	ck_assert_int_eq(r->share.assessed, 1);
	ck_assert(!goal_tree_in_year(&t, 2));
	struct goal_child c;
	size_t cursor = 0;
	ck_assert(goal_tree_next_child(&t, 0, &cursor, &c));
	ck_assert_int_eq(c.index, 1);
	ck_assert_int_eq(c.source, GOAL_SOURCE_MANUAL);
	ck_assert(!goal_tree_next_child(&t, 0, &cursor, &c));
	goal_tree_free(&t);
	/* in 2020 it is valid again and red: 1 of 2 = 50 % against 100 % → gul */
	ck_assert(goal_tree_build(&t, t3, 3, NULL, 0, 2020));
	ck_assert_int_eq(goal_tree_assess(&t, 0)->color, COLOR_YELLOW);
	goal_tree_free(&t);
}
END_TEST

START_TEST(children_in_order)
{
	/* goals come in tree order (sort, id), not id order; indicators after the goals */
	struct goal g[4] = {goal(10, GOAL_NULL), goal(30, 10), goal(20, 10), goal(5, 30)};
	struct goal_indicator ind[2] = {linked(7, 10, 1, 1), linked(8, 30, 0, 1)};
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 4, ind, 2, 2021));
	const size_t *kids;
	ck_assert_int_eq(goal_tree_children(&t, 0, &kids), 2);
	ck_assert_int_eq(kids[0], 1);
	ck_assert_int_eq(kids[1], 2);
	ck_assert_int_eq(goal_tree_children(&t, 1, &kids), 1);
	ck_assert_int_eq(kids[0], 3);
	ck_assert_int_eq(goal_tree_children(&t, 3, &kids), 0);
	const size_t *inds;
	ck_assert_int_eq(goal_tree_indicators(&t, 1, &inds), 1);
	ck_assert_int_eq(inds[0], 1);
	goal_tree_assess(&t, 0);
	struct goal_child c;
	size_t cursor = 0;
	int seen = 0;
	while (goal_tree_next_child(&t, 0, &cursor, &c)) {
		static const size_t want[] = {1, 2, 0};
		ck_assert_int_eq(c.index, want[seen]);
		ck_assert_int_eq(c.is_indicator, seen == 2);
		seen++;
	}
	ck_assert_int_eq(seen, 3);
	size_t ix;
	ck_assert(!goal_tree_find(&t, 99, &ix));
	ck_assert(goal_tree_find(&t, 5, &ix) && ix == 3);
	goal_tree_free(&t);
}
END_TEST

/* Seed 001, area 2's "Måluppfyllelse/månad" row: each month's manual colour wins; a month
 * without one falls back to the children of that month. */
START_TEST(month_rows)
{
	static const enum color row[12] = {COLOR_YELLOW, COLOR_RED, COLOR_YELLOW, COLOR_RED,
					   COLOR_YELLOW, COLOR_YELLOW, COLOR_YELLOW, COLOR_GREEN,
					   COLOR_RED, COLOR_GREEN, COLOR_GREEN, COLOR_GREEN};
	for (int m = 1; m <= 12; m++) {
		/* the tree of period 2021-MM: the area with that month's manual colour (none in
		 * December), and one child goal green in every month */
		struct goal g[2] = {goal(1, GOAL_NULL), goal(2, 1)};
		g[0].year_from = g[0].year_to = 2021;
		if (m < 12)
			manual(&g[0], GOAL_DELVIS, true, row[m - 1]);
		manual(&g[1], GOAL_HELT, true, COLOR_GREEN);
		struct goal_tree t;
		ck_assert(goal_tree_build(&t, g, 2, NULL, 0, 2021));
		const struct goal_result *r = goal_tree_assess(&t, 0);
		ck_assert(r->has_color);
		ck_assert_int_eq(r->color, row[m - 1]);
		ck_assert_int_eq(r->source, m < 12 ? GOAL_SOURCE_MANUAL : GOAL_SOURCE_COMPUTED);
		ck_assert_int_eq(r->share.color, COLOR_GREEN);
		goal_tree_free(&t);
	}
}
END_TEST

/* Seed 001 (Tyresö 2021): four areas of ten enhetsmål each, 60 % for green, 40 % for yellow. */
START_TEST(seed_001_areas)
{
	static const int green[4] = {4, 8, 5, 8};
	static const enum color want[4] = {COLOR_YELLOW, COLOR_GREEN, COLOR_YELLOW, COLOR_GREEN};
	for (int a = 0; a < 4; a++) {
		struct goal g[12];
		g[0] = goal(1, GOAL_NULL);
		g[0].level = GOAL_MALOMRADE;
		g[0].target_share = 60;
		g[0].yellow_share = 40;
		for (int k = 1; k <= 10; k++) {
			g[k] = goal(1 + k, 1);
			manual(&g[k], k <= green[a] ? GOAL_HELT : GOAL_DELVIS, true,
			       k <= green[a] ? COLOR_GREEN : COLOR_YELLOW);
		}
		size_t n = 11;
		if (a == 3) {
			/* area 4: the budget deviation, judged gul, and the area judged gul by
			 * hand although 8 of 11 children are green (72.7 %) */
			g[11] = goal(12, 1);
			manual(&g[11], GOAL_DELVIS, true, COLOR_YELLOW);
			manual(&g[0], GOAL_I_HOG_GRAD, true, COLOR_YELLOW);
			n = 12;
		}
		struct goal_tree t;
		ck_assert(goal_tree_build(&t, g, n, NULL, 0, 2021));
		const struct goal_result *r = goal_tree_assess(&t, 0);
		ck_assert_int_eq(r->share.color, want[a]);
		ck_assert_int_eq(r->share.green, green[a]);
		ck_assert_int_eq(r->color, a == 3 ? COLOR_YELLOW : want[a]);
		ck_assert_int_eq(r->source, a == 3 ? GOAL_SOURCE_MANUAL : GOAL_SOURCE_COMPUTED);
		goal_tree_free(&t);
	}
}
END_TEST

START_TEST(scope_of_the_tree)
{
	/* 1 (unit 5) ⊃ 2 (unit 6) ⊃ 3 (unit 5); 4 (no unit); 5 (unit 6, not valid in 2021) */
	struct goal g[5] = {goal(1, GOAL_NULL), goal(2, 1), goal(3, 2), goal(4, GOAL_NULL),
			    goal(5, GOAL_NULL)};
	g[0].unit_id = 5;
	g[1].unit_id = 6;
	g[2].unit_id = 5;
	g[4].unit_id = 6;
	g[4].year_to = 2020;
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 5, NULL, 0, 2021));
	/* unscoped: the top goals valid in the year */
	ck_assert(goal_tree_is_top(&t, 0, NULL, 0));
	ck_assert(!goal_tree_is_top(&t, 1, NULL, 0));
	ck_assert(goal_tree_is_top(&t, 3, NULL, 0));
	ck_assert(!goal_tree_is_top(&t, 4, NULL, 0));
	/* unit 6 only: 2 is a top goal there (its parent is out of scope), 3 is not in scope */
	const int64_t six[] = {6};
	ck_assert(!goal_tree_is_top(&t, 0, six, 1));
	ck_assert(goal_tree_is_top(&t, 1, six, 1));
	ck_assert(!goal_tree_is_top(&t, 2, six, 1));
	ck_assert(!goal_tree_is_top(&t, 3, six, 1));
	/* units 5 and 6: only 1 is on top */
	const int64_t both[] = {5, 6};
	ck_assert(goal_tree_is_top(&t, 0, both, 2));
	ck_assert(!goal_tree_is_top(&t, 1, both, 2));
	ck_assert(!goal_tree_is_top(&t, 2, both, 2));
	goal_tree_free(&t);
}
END_TEST

START_TEST(deep_chain)
{
	/* a chain of 10 000 goals, the deepest measured by a met indicator: walked without
	 * recursion, and computed only GOAL_MAX_DEPTH levels below the goal asked about */
	enum { N = 10000 };
	struct goal *g = calloc(N, sizeof *g);
	ck_assert_ptr_nonnull(g);
	for (int i = 0; i < N; i++)
		g[i] = goal(i + 1, i == 0 ? GOAL_NULL : i);
	struct goal_indicator ind = linked(1, N, 5, 1);
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, N, &ind, 1, 2021));
	const struct goal_result *top = goal_tree_assess(&t, 0);
	ck_assert(!top->has_color);
	ck_assert_int_eq(top->rule, GOAL_RULE_NONE_ASSESSED);
	ck_assert_int_eq(t.results[GOAL_MAX_DEPTH].rule, GOAL_RULE_TOO_DEEP);
	ck_assert(!t.results[GOAL_MAX_DEPTH].has_color);
	ck_assert(!t.results[GOAL_MAX_DEPTH + 1].done);
	/* too deep has no children to list */
	struct goal_child c;
	size_t cursor = 0;
	ck_assert(!goal_tree_next_child(&t, GOAL_MAX_DEPTH, &cursor, &c));
	/* within reach of the indicator the chain is green all the way up */
	const struct goal_result *near = goal_tree_assess(&t, N - GOAL_MAX_DEPTH);
	ck_assert(near->has_color);
	ck_assert_int_eq(near->color, COLOR_GREEN);
	ck_assert_int_eq(t.results[N - 1].color, COLOR_GREEN);
	/* a manual colour deep down still counts for its parent */
	goal_tree_free(&t);
	manual(&g[GOAL_MAX_DEPTH], GOAL_EJ, true, COLOR_RED);
	ck_assert(goal_tree_build(&t, g, N, &ind, 1, 2021));
	ck_assert_int_eq(goal_tree_assess(&t, 0)->color, COLOR_RED);
	ck_assert_int_eq(t.results[GOAL_MAX_DEPTH].rule, GOAL_RULE_TOO_DEEP);
	ck_assert_int_eq(t.results[GOAL_MAX_DEPTH].source, GOAL_SOURCE_MANUAL);
	goal_tree_free(&t);
	free(g);
}
END_TEST

START_TEST(cycle_ends)
{
	/* 1 and 2 each other's parent (the API refuses to store it): ends at the depth bound */
	struct goal g[2] = {goal(1, 2), goal(2, 1)};
	struct goal_tree t;
	ck_assert(goal_tree_build(&t, g, 2, NULL, 0, 2021));
	const struct goal_result *r = goal_tree_assess(&t, 0);
	ck_assert(r->done);
	ck_assert(!r->has_color);
	ck_assert(!goal_tree_is_top(&t, 0, NULL, 0));
	ck_assert(!goal_tree_is_top(&t, 1, NULL, 0));
	goal_tree_free(&t);
	goal_tree_free(NULL);
}
END_TEST

START_TEST(empty_tree)
{
	struct goal_tree t;
	size_t ix;
	ck_assert(goal_tree_build(&t, NULL, 0, NULL, 0, 2021));
	ck_assert(!goal_tree_find(&t, 1, &ix));
	goal_tree_free(&t);
	goal_tree_free(&t);   /* freed twice: the first left it empty */
}
END_TEST

START_TEST(names)
{
	for (int l = GOAL_MALOMRADE; l <= GOAL_PRIORITERING; l++) {
		enum goal_level back;
		ck_assert(goal_level_parse(goal_level_name((enum goal_level)l), &back));
		ck_assert_int_eq(back, l);
	}
	for (int s = GOAL_HELT; s <= GOAL_EJ_UPPFYLLD; s++) {
		enum goal_status back;
		ck_assert(goal_status_parse(goal_status_name((enum goal_status)s), &back));
		ck_assert_int_eq(back, s);
	}
	enum goal_level l = GOAL_UPPDRAG;
	ck_assert(!goal_level_parse("Malomrade", &l));
	ck_assert(!goal_level_parse(NULL, &l));
	ck_assert_int_eq(l, GOAL_UPPDRAG);
	enum goal_status s = GOAL_HELT;
	ck_assert(!goal_status_parse("ej bedomd", &s));
	ck_assert_str_eq(goal_status_name(GOAL_I_HOG_GRAD), "i_hog_grad");
	ck_assert_str_eq(goal_level_name(GOAL_STRATEGISKT_MAL), "strategiskt_mal");
	ck_assert_ptr_null(goal_level_name((enum goal_level)99));
	ck_assert_ptr_null(goal_status_name((enum goal_status)-1));
}
END_TEST

START_TEST(statuses_by_level)
{
	ck_assert(goal_status_allowed(GOAL_UPPDRAG, GOAL_PABORJAD));
	ck_assert(!goal_status_allowed(GOAL_UPPDRAG, GOAL_HELT));
	ck_assert(goal_status_allowed(GOAL_KVALITETSGARANTI, GOAL_EJ_UPPFYLLD));
	ck_assert(!goal_status_allowed(GOAL_KVALITETSGARANTI, GOAL_FARDIG));
	ck_assert(goal_status_allowed(GOAL_ENHETSMAL, GOAL_EJ_BEDOMD));
	ck_assert(goal_status_allowed(GOAL_MALOMRADE, GOAL_I_HOG_GRAD));
	ck_assert(!goal_status_allowed(GOAL_NAMNDMAL, GOAL_UPPFYLLD));
	/* every status belongs to exactly one group */
	for (int s = GOAL_HELT; s <= GOAL_EJ_UPPFYLLD; s++)
		ck_assert_int_eq(goal_status_allowed(GOAL_UPPDRAG, (enum goal_status)s) +
				 goal_status_allowed(GOAL_KVALITETSGARANTI, (enum goal_status)s) +
				 goal_status_allowed(GOAL_NAMNDMAL, (enum goal_status)s), 1);
	enum color c = COLOR_GREEN;
	ck_assert(goal_status_color(GOAL_I_HOG_GRAD, &c) && c == COLOR_YELLOW);
	ck_assert(goal_status_color(GOAL_EJ_PABORJAD, &c) && c == COLOR_RED);
	ck_assert(goal_status_color(GOAL_FARDIG, &c) && c == COLOR_GREEN);
	ck_assert(goal_status_color(GOAL_EJ_UPPFYLLD, &c) && c == COLOR_RED);
	c = COLOR_YELLOW;
	ck_assert(!goal_status_color(GOAL_EJ_BEDOMD, &c));
	ck_assert_int_eq(c, COLOR_YELLOW);
	ck_assert(!goal_status_color((enum goal_status)42, &c));
}
END_TEST

Suite *goals_suite(void)
{
	Suite *s = suite_create("goals");
	TCase *tc = tcase_create("tree");
	tcase_add_test(tc, share_rule_with_manual_overrides);
	tcase_add_test(tc, red_to_yellow_and_next_better);
	tcase_add_test(tc, nothing_assessed);
	tcase_add_test(tc, validity_years);
	tcase_add_test(tc, children_in_order);
	tcase_add_test(tc, month_rows);
	tcase_add_test(tc, seed_001_areas);
	tcase_add_test(tc, scope_of_the_tree);
	tcase_add_test(tc, deep_chain);
	tcase_add_test(tc, cycle_ends);
	tcase_add_test(tc, empty_tree);
	tcase_add_test(tc, names);
	tcase_add_test(tc, statuses_by_level);
	suite_add_tcase(s, tc);
	return s;
}
