/*
 * The rules of the registers the reports need, without a server: the risk value rule and a
 * risk's current state, the economic sensitivity sums, actions overdue at month ends and
 * their status as at a date, internal control as at a period, complaints' handling days and
 * open items, incident counts per kind and unit, and lex Maria's counts and spans.  Each rule
 * both ways, and the edges the calendar offers.
 */
#include <check.h>
#include <string.h>

#include "folja/action.h"
#include "folja/audits.h"
#include "folja/complaint.h"
#include "folja/incident.h"
#include "folja/internal_control.h"
#include "folja/lex_maria.h"
#include "folja/money.h"
#include "folja/risk.h"
#include "folja/tally.h"
#include "tests.h"

static struct date day(const char *s)
{
	struct date d;
	ck_assert_msg(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

#define assert_date_eq(got, want) do { \
		char buf_[11]; \
		date_format((got), buf_); \
		ck_assert_str_eq(buf_, (want)); \
	} while (0)

static struct period per(const char *s)
{
	struct period p;
	ck_assert_msg(period_parse(s, &p), "bad period in test: %s", s);
	return p;
}

/* ==== risks =============================================================================== */

START_TEST(risk_value_rule)
{
	int v = -1;
	ck_assert_int_eq(risk_value(3, 5, 0, &v), RISK_VALUE_OK);
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(risk_value(4, 5, 20, &v), RISK_VALUE_OK);     /* stated and agreeing */
	ck_assert_int_eq(v, 20);
	ck_assert_int_eq(risk_value(0, 0, 15, &v), RISK_VALUE_OK);     /* seed 001: value alone */
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(risk_value(0, 0, 0, &v), RISK_VALUE_OK);      /* not valued */
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(risk_value(5, 5, 25, &v), RISK_VALUE_OK);
	ck_assert_int_eq(risk_value(1, 1, 0, &v), RISK_VALUE_OK);
	ck_assert_int_eq(v, 1);
	v = -1;
	ck_assert_int_eq(risk_value(4, 5, 15, &v), RISK_VALUE_CONTRADICTS);
	ck_assert_int_eq(v, -1);                                         /* untouched */
	ck_assert_int_eq(risk_value(4, 0, 0, &v), RISK_VALUE_HALF);
	ck_assert_int_eq(risk_value(0, 2, 10, &v), RISK_VALUE_HALF);
}
END_TEST

START_TEST(risk_state_follows_newest_review)
{
	struct risk_review rv[] = {
		{day("2021-04-30"), 4, 5, 20, true, COLOR_YELLOW},
		{day("2021-08-31"), 0, 0, 0, true, COLOR_GREEN},     /* colour only */
		{day("2021-12-31"), 3, 5, 15, false, COLOR_GREEN},   /* value only */
	};
	struct risk r = {.id = 1, .type = RISK_OMVARLD, .probability = 5, .consequence = 5,
			 .value = 25, .reviews = rv, .n_reviews = 3};
	struct risk_state st = risk_state_at(&r, day("2021-01-31"));
	ck_assert(!st.reviewed && !st.has_color);
	ck_assert_int_eq(st.value, 25);
	st = risk_state_at(&r, day("2021-04-30"));    /* on the review day */
	ck_assert_int_eq(st.value, 20);
	ck_assert(st.has_color && st.color == COLOR_YELLOW);
	st = risk_state_at(&r, day("2021-09-30"));
	ck_assert_int_eq(st.value, 20);               /* the colour-only review keeps the value */
	ck_assert_int_eq(st.color, COLOR_GREEN);
	st = risk_state_at(&r, day("2021-12-31"));
	ck_assert_int_eq(st.value, 15);
	ck_assert_int_eq(st.probability, 3);
	ck_assert_int_eq(st.color, COLOR_GREEN);      /* the value-only review keeps the colour */
	assert_date_eq(st.reviewed_on, "2021-12-31");
}
END_TEST

/* Seed 001's five risks: values 15/20/20/15/20, colours grön, gul, grön, grön, grön. */
START_TEST(risk_summary_seed_001)
{
	struct risk_review rv[5];
	static const int values[] = {15, 20, 20, 15, 20};
	static const enum color colors[] = {COLOR_GREEN, COLOR_YELLOW, COLOR_GREEN, COLOR_GREEN,
					    COLOR_GREEN};
	static const enum risk_type types[] = {RISK_OMVARLD, RISK_MEDARBETARE, RISK_VERKSAMHET,
					       RISK_FINANSIELL, RISK_FINANSIELL};
	struct risk rs[5];
	for (int i = 0; i < 5; i++) {
		rv[i] = (struct risk_review){day("2021-12-31"), 0, 0, 0, true, colors[i]};
		rs[i] = (struct risk){.id = i + 1, .type = types[i], .value = values[i],
				      .reviews = &rv[i], .n_reviews = 1};
	}
	struct risk_summary *s = risk_summary_build(rs, 5, day("2021-12-31"));
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->total, 5);
	ck_assert_int_eq(s->valued_without_factors, 5);   /* values alone: not in the matrix */
	ck_assert_int_eq(s->by_type[RISK_FINANSIELL], 2);
	ck_assert_int_eq(s->by_color[COLOR_GREEN], 4);
	ck_assert_int_eq(s->by_color[COLOR_YELLOW], 1);
	ck_assert_uint_eq(s->n_ranked, 5);
	static const int64_t order[] = {2, 3, 5, 1, 4};   /* value desc, then id */
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(rs[s->ranked[i]].id, order[i]);
	risk_summary_free(s);
	/* before the review: no colour; the matrix holds valued factors */
	rs[0].probability = 3;
	rs[0].consequence = 5;
	s = risk_summary_build(rs, 5, day("2021-06-30"));
	ck_assert_int_eq(s->no_color, 5);
	ck_assert_int_eq(s->matrix[2][4], 1);
	ck_assert_int_eq(s->valued_without_factors, 4);
	risk_summary_free(s);
}
END_TEST

/* Seed 002 T1 2017: +1 000 / −1 500 / −3 000 tkr sum to +1 000 and −4 500. */
START_TEST(sensitivity_sums_seed_002)
{
	struct risk_sensitivity items[] = {
		{1, per("2017-T1"), -1500000}, {2, per("2017-T1"), -3000000},
		{3, per("2017-T1"), 1000000}, {4, per("2017-T2"), -7000000},
		{5, per("2016-T3"), 99},
	};
	struct sensitivity_sums s;
	ck_assert_int_eq(risk_sensitivity_sums(items, 5, per("2017-T1"), &s), SENSITIVITY_OK);
	ck_assert(s.found);
	ck_assert_int_eq(s.items, 3);
	ck_assert_int_eq(s.positive_kr, 1000000);
	ck_assert_int_eq(s.negative_kr, -4500000);
	ck_assert_int_eq(s.net_kr, -3500000);
	ck_assert_int_eq(s.positive_items, 1);
	ck_assert_int_eq(s.negative_items, 2);
	/* May: T1 (ending in April) still holds; August: T2 does */
	ck_assert_int_eq(risk_sensitivity_sums(items, 5, per("2017-05"), &s), SENSITIVITY_OK);
	ck_assert_int_eq(s.negative_kr, -4500000);
	ck_assert_int_eq(risk_sensitivity_sums(items, 5, per("2017-T2"), &s), SENSITIVITY_OK);
	ck_assert_int_eq(s.negative_kr, -7000000);
	ck_assert_int_eq(s.positive_kr, 0);
	/* March: none yet this year (last year's does not carry over) */
	ck_assert_int_eq(risk_sensitivity_sums(items, 5, per("2017-03"), &s), SENSITIVITY_OK);
	ck_assert(!s.found);
	ck_assert_int_eq(s.items, 0);
	/* a sum beyond the range of amounts is an overflow, never wrapped */
	struct risk_sensitivity big[] = {{1, per("2017"), MONEY_MAX_KR}, {2, per("2017"), 1}};
	ck_assert_int_eq(risk_sensitivity_sums(big, 2, per("2017"), &s), SENSITIVITY_OVERFLOW);
}
END_TEST

/* ==== actions ============================================================================= */

START_TEST(action_overdue_at_month_ends)
{
	struct action a = {.id = 1, .has_due = true, .due_on = day("2021-01-31"),
			   .status = ACTION_PAGAENDE};
	ck_assert(!action_overdue(&a, day("2021-01-31")));   /* due on the cut-off: in time */
	ck_assert(action_overdue(&a, day("2021-02-28")));    /* the next month end */
	ck_assert(action_overdue(&a, day("2021-02-01")));
	a.due_on = day("2024-02-29");                         /* a leap day */
	ck_assert(!action_overdue(&a, day("2024-02-29")));
	ck_assert(action_overdue(&a, day("2024-03-31")));
	a.due_on = day("2021-12-31");                         /* across the year */
	ck_assert(!action_overdue(&a, day("2021-12-31")));
	ck_assert(action_overdue(&a, day("2022-01-31")));
	a.status = ACTION_GENOMFORD;                          /* done: never overdue */
	ck_assert(!action_overdue(&a, day("2022-01-31")));
	a.status = ACTION_AVBRUTEN;
	ck_assert(!action_overdue(&a, day("2022-01-31")));
	a.status = ACTION_PLANERAD;
	ck_assert(action_overdue(&a, day("2022-01-31")));
	a.has_due = false;                                    /* no due date: never overdue */
	ck_assert(!action_overdue(&a, day("2030-01-31")));
}
END_TEST

START_TEST(action_status_from_follow_ups)
{
	struct action_follow_up fu[] = {
		{day("2021-03-31"), ACTION_PAGAENDE}, {day("2021-09-30"), ACTION_GENOMFORD},
	};
	struct action a = {.id = 1, .has_due = true, .due_on = day("2021-06-30"),
			   .status = ACTION_GENOMFORD, .follow_ups = fu, .n_follow_ups = 2};
	ck_assert_int_eq(action_status_at(&a, day("2021-02-28")), ACTION_PLANERAD);
	ck_assert_int_eq(action_status_at(&a, day("2021-03-31")), ACTION_PAGAENDE);
	ck_assert_int_eq(action_status_at(&a, day("2021-09-30")), ACTION_GENOMFORD);
	/* overdue at the end of July and August, done by the end of September */
	ck_assert(!action_overdue(&a, day("2021-06-30")));
	ck_assert(action_overdue(&a, day("2021-07-31")));
	ck_assert(action_overdue(&a, day("2021-08-31")));
	ck_assert(!action_overdue(&a, day("2021-09-30")));
	/* without follow-ups the recorded status holds at every date */
	a.n_follow_ups = 0;
	ck_assert_int_eq(action_status_at(&a, day("2021-02-28")), ACTION_GENOMFORD);
}
END_TEST

START_TEST(action_summary_counts_the_period)
{
	struct action_follow_up done_2020[] = {{day("2020-11-30"), ACTION_GENOMFORD}};
	struct action_follow_up later[] = {{day("2021-09-30"), ACTION_PAGAENDE}};
	struct action as[] = {
		/* decided last year, still running: followed up this year, overdue */
		{.id = 1, .has_decided = true, .decided_on = day("2020-10-01"), .has_due = true,
		 .due_on = day("2021-03-31"), .status = ACTION_PAGAENDE, .has_planned = true,
		 .effect_planned_kr = 2000000, .has_realised = true, .effect_realised_kr = 500000},
		/* decided and finished last year: not counted again */
		{.id = 2, .has_decided = true, .decided_on = day("2020-09-01"),
		 .status = ACTION_GENOMFORD, .follow_ups = done_2020, .n_follow_ups = 1,
		 .has_planned = true, .effect_planned_kr = 9},
		/* decided in the period */
		{.id = 3, .has_decided = true, .decided_on = day("2021-05-10"), .has_due = true,
		 .due_on = day("2021-12-31"), .status = ACTION_PLANERAD, .has_planned = true,
		 .effect_planned_kr = 1000000, .origin = ORIGIN_AUDIT, .origin_id = 7},
		/* decided after the cut-off */
		{.id = 4, .has_decided = true, .decided_on = day("2021-09-01"),
		 .status = ACTION_PLANERAD},
		/* undated, first followed up after the cut-off: not begun yet */
		{.id = 5, .status = ACTION_PAGAENDE, .follow_ups = later, .n_follow_ups = 1},
	};
	struct action_summary *s;
	ck_assert_int_eq(action_summary_build(as, 5, day("2021-01-01"), day("2021-08-31"), &s),
			 ACTION_OK);
	ck_assert_int_eq(s->total, 2);
	ck_assert_int_eq(s->by_status[ACTION_PAGAENDE], 1);
	ck_assert_int_eq(s->by_status[ACTION_PLANERAD], 1);
	ck_assert_int_eq(s->by_origin[ORIGIN_AUDIT], 1);
	ck_assert_uint_eq(s->n_overdue, 1);
	ck_assert_int_eq(as[s->overdue[0]].id, 1);
	ck_assert_int_eq(s->planned_kr, 3000000);
	ck_assert_int_eq(s->realised_kr, 500000);
	ck_assert_int_eq(s->with_realised, 1);
	action_summary_free(s);
	/* the undated one counts once it was followed up; one with neither date always */
	ck_assert_int_eq(action_summary_build(as, 5, day("2021-09-01"), day("2021-12-31"), &s),
			 ACTION_OK);
	ck_assert_int_eq(s->total, 4);           /* 1 (open), 3 (open), 4, 5 */
	action_summary_free(s);
	as[4].n_follow_ups = 0;
	ck_assert(action_counted(&as[4], day("1990-01-01"), day("1990-12-31")));
	/* effects beyond the range of amounts: an overflow */
	as[0].effect_planned_kr = MONEY_MAX_KR;
	ck_assert_int_eq(action_summary_build(as, 4, day("2021-01-01"), day("2021-08-31"), &s),
			 ACTION_OVERFLOW);
	ck_assert_ptr_null(s);
}
END_TEST

START_TEST(action_names)
{
	enum action_origin o;
	enum action_status st;
	ck_assert(action_origin_parse("internal_control", &o) && o == ORIGIN_INTERNAL_CONTROL);
	ck_assert(!action_origin_parse("Budget", &o));
	ck_assert_str_eq(action_origin_name(ORIGIN_COMMITTEE), "committee");
	ck_assert_ptr_null(action_origin_name(ACTION_ORIGINS));
	ck_assert(action_status_parse("pagaende", &st) && st == ACTION_PAGAENDE);
	ck_assert(!action_status_parse(NULL, &st));
	ck_assert(action_status_open(ACTION_PLANERAD) && !action_status_open(ACTION_AVBRUTEN));
}
END_TEST

/* ==== internal control ==================================================================== */

START_TEST(internal_control_as_at)
{
	struct ic_result_row r1[] = {{per("2017-T2"), IC_MED_AVVIKELSE},
				     {per("2017-T3"), IC_UTAN_AVVIKELSE}};
	struct ic_result_row r2[] = {{per("2017-T2"), IC_EJ_GENOMFORD}};
	struct ic_control cs[] = {
		{1, 2017, true, r1, 2}, {2, 2017, false, r2, 1}, {3, 2017, false, NULL, 0},
		{4, 2016, false, NULL, 0},
	};
	/* seed 002 at T1: none followed up */
	struct ic_summary *s = ic_summary_build(cs, 4, 2017, day("2017-04-30"));
	ck_assert_int_eq(s->controls, 3);
	ck_assert_int_eq(s->not_followed_up, 3);
	ck_assert_uint_eq(s->n_periods, 0);
	ic_summary_free(s);
	s = ic_summary_build(cs, 4, 2017, day("2017-08-31"));
	ck_assert_int_eq(s->results[IC_MED_AVVIKELSE], 1);
	ck_assert_int_eq(s->results[IC_EJ_GENOMFORD], 1);
	ck_assert_int_eq(s->not_followed_up, 1);
	ck_assert_int_eq(s->with_risk, 1);
	ck_assert_uint_eq(s->n_periods, 1);
	ic_summary_free(s);
	s = ic_summary_build(cs, 4, 2017, day("2017-12-31"));
	ck_assert_int_eq(s->results[IC_UTAN_AVVIKELSE], 1);   /* the newest result */
	ck_assert_int_eq(s->results[IC_MED_AVVIKELSE], 0);
	ck_assert_uint_eq(s->n_periods, 2);
	ck_assert_int_eq(s->periods[0].period.index, 2);       /* by last day */
	ck_assert_int_eq(s->periods[1].results[IC_UTAN_AVVIKELSE], 1);
	ic_summary_free(s);
}
END_TEST

/* ==== complaints ========================================================================== */

START_TEST(complaint_handling_days_rule)
{
	struct complaint c = {.id = 1, .received_on = day("2021-02-27"), .has_handled = true,
			      .handled_on = day("2021-03-01")};
	ck_assert_int_eq(complaint_handling_days(&c, day("2021-03-01")), 2);   /* over 28 Feb */
	ck_assert_int_eq(complaint_handling_days(&c, day("2021-02-28")), -1);  /* not yet */
	ck_assert(complaint_open_at(&c, day("2021-02-28")));
	ck_assert(!complaint_open_at(&c, day("2021-03-01")));
	ck_assert(!complaint_open_at(&c, day("2021-02-26")));                  /* not received */
	c.received_on = day("2024-02-28");
	c.handled_on = day("2024-03-01");
	ck_assert_int_eq(complaint_handling_days(&c, day("2024-12-31")), 2);   /* leap year */
	c.handled_on = c.received_on;
	ck_assert_int_eq(complaint_handling_days(&c, day("2024-12-31")), 0);   /* same day */
	c.has_handled = false;
	ck_assert_int_eq(complaint_handling_days(&c, day("2030-01-01")), -1);
}
END_TEST

/* Seed 002 T1 2017: four, per avdelning 2/1/1, three closed without action, one open. */
START_TEST(complaint_summary_seed_002)
{
	struct complaint cs[] = {
		{1, day("2017-01-20"), day("2017-02-10"), true, COMPLAINT_KLAGOMAL,
		 COMPLAINT_EJ_ATGARDAT, "HA-FN", "Funktionsnedsättning"},
		{2, day("2017-02-14"), day("2017-03-01"), true, COMPLAINT_SYNPUNKT,
		 COMPLAINT_EJ_ATGARDAT, "HA-VU", "Vuxen"},
		{3, day("2017-03-06"), day("2017-03-20"), true, COMPLAINT_KLAGOMAL,
		 COMPLAINT_EJ_ATGARDAT, "HA-BB", "Boende"},
		{4, day("2017-04-11"), day("2017-05-15"), true, COMPLAINT_SYNPUNKT,
		 COMPLAINT_ATGARDAT, "HA-FN", "Funktionsnedsättning"},
		{5, day("2016-12-01"), {0, 0, 0}, false, COMPLAINT_KLAGOMAL, COMPLAINT_ATGARDAT,
		 "HA-VU", "Vuxen"},
	};
	struct tally_span span = tally_span_of(per("2017-T1"), false, day("2026-01-01"));
	struct complaint_summary *s = complaint_summary_build(cs, 5, &span);
	ck_assert_int_eq(s->total, 4);
	ck_assert_int_eq(s->handled, 3);
	ck_assert_int_eq(s->open, 1);
	ck_assert_int_eq(s->by_outcome[COMPLAINT_EJ_ATGARDAT], 3);
	ck_assert_int_eq(s->by_outcome[COMPLAINT_ATGARDAT], 0);
	ck_assert_uint_eq(s->groups.n, 3);
	ck_assert_str_eq(s->groups.items[0].key, "HA-FN");
	ck_assert_int_eq(s->groups.items[0].count, 2);
	ck_assert_int_eq(s->groups.items[0].parts[COMPLAINT_PART_OPEN], 1);
	ck_assert_int_eq(s->handling.n, 3);
	ck_assert_int_eq(s->handling.max, 21);
	ck_assert(s->handling.median == 15.0);            /* 21, 15, 14 */
	/* the backlog: the open one of April and last year's never handled */
	ck_assert_uint_eq(s->n_backlog, 2);
	complaint_summary_free(s);
	/* as at today, before the period ends: April's is not received yet */
	span = tally_span_of(per("2017-T1"), false, day("2017-03-31"));
	s = complaint_summary_build(cs, 5, &span);
	ck_assert_int_eq(s->total, 4);
	ck_assert_uint_eq(s->n_backlog, 1);
	complaint_summary_free(s);
}
END_TEST

/* ==== incidents =========================================================================== */

START_TEST(incident_counts_per_kind_and_unit)
{
	struct incident is[] = {
		{1, day("2017-01-05"), INCIDENT_TILLBUD, INCIDENT_UTREDD, {0, 0, 0}, false, "VU", "V"},
		{2, day("2017-02-05"), INCIDENT_OLYCKSFALL, INCIDENT_ANMALD, {2017, 2, 6}, true,
		 "VU", "V"},
		{3, day("2017-04-30"), INCIDENT_EGENDOM_SAKERHET, INCIDENT_ANMALD, {0, 0, 0}, false,
		 "BB", "B"},
		{4, day("2017-05-01"), INCIDENT_TILLBUD, INCIDENT_ANMALD, {0, 0, 0}, false, "BB", "B"},
	};
	struct tally_span span = tally_span_of(per("2017-T1"), false, day("2030-01-01"));
	struct incident_summary *s = incident_summary_build(is, 4, &span);
	ck_assert_int_eq(s->total, 3);
	ck_assert_int_eq(s->by_kind[INCIDENT_TILLBUD], 1);
	ck_assert_int_eq(s->by_kind[INCIDENT_OLYCKSFALL], 1);
	ck_assert_int_eq(s->by_kind[INCIDENT_EGENDOM_SAKERHET], 1);
	ck_assert_int_eq(s->by_status[INCIDENT_UTREDD], 1);
	ck_assert_int_eq(s->reported_to_authority, 1);
	ck_assert_uint_eq(s->groups.n, 2);
	ck_assert_int_eq(s->groups.items[0].parts[INCIDENT_OLYCKSFALL], 1);
	ck_assert_int_eq(s->groups.items[1].count, 1);
	incident_summary_free(s);
	/* reported to the authority after the as-of date: not yet */
	span = tally_span_of(per("2017-T1"), false, day("2017-02-05"));
	s = incident_summary_build(is, 4, &span);
	ck_assert_int_eq(s->reported_to_authority, 0);
	incident_summary_free(s);
}
END_TEST

/* ==== lex Maria =========================================================================== */

START_TEST(lex_maria_counts)
{
	struct lm_report rs[] = {
		{1, day("2017-02-10"), day("2017-02-01"), day("2017-04-10"), true, true,
		 LM_VARDSKADA, "lakemedel", "Läkemedel"},
		{2, day("2017-03-31"), day("2017-03-30"), {0, 0, 0}, true, false,
		 LM_ALLVARLIG_VARDSKADA, "fall", "Fall"},
		{3, day("2017-04-01"), {0, 0, 0}, day("2017-05-01"), false, true,
		 LM_RISK_ALLVARLIG_VARDSKADA, "fall", "Fall"},
		{4, day("2016-11-01"), {0, 0, 0}, {0, 0, 0}, false, false, LM_VARDSKADA, "fall",
		 "Fall"},
	};
	/* seed 003: none in the first or second quarter of 2017 here means Q1 holds two */
	struct tally_span span = tally_span_of(per("2017-Q1"), false, day("2030-01-01"));
	struct lm_summary *s = lm_summary_build(rs, 4, &span);
	ck_assert_int_eq(s->total, 2);                        /* counted by notified_on */
	ck_assert_int_eq(s->by_harm[LM_VARDSKADA], 1);
	ck_assert_int_eq(s->by_harm[LM_ALLVARLIG_VARDSKADA], 1);
	ck_assert_int_eq(s->to_notification.n, 2);
	ck_assert_int_eq(s->to_notification.max, 9);
	ck_assert_int_eq(s->investigation.n, 0);              /* done in April: after the cut-off */
	ck_assert_uint_eq(s->n_open, 3);                      /* 1, 2 and last year's 4 */
	lm_summary_free(s);
	span = tally_span_of(per("2017-Q2"), true, day("2030-01-01"));
	s = lm_summary_build(rs, 4, &span);
	ck_assert_int_eq(s->total, 3);                        /* January to June */
	ck_assert_int_eq(s->investigation.n, 2);
	ck_assert_int_eq(s->investigation.max, 59);
	ck_assert(s->investigation.median == 44.5);           /* 59 and 30 */
	ck_assert_uint_eq(s->n_open, 2);
	ck_assert_uint_eq(s->groups.n, 2);
	ck_assert_str_eq(s->groups.items[1].key, "fall");
	ck_assert_int_eq(s->groups.items[1].count, 2);
	lm_summary_free(s);
	span = tally_span_of(per("2017-Q2"), false, day("2030-01-01"));
	s = lm_summary_build(rs, 4, &span);
	ck_assert_int_eq(s->total, 1);                        /* the quarter alone */
	lm_summary_free(s);
}
END_TEST

/* ==== audits and spans ==================================================================== */

START_TEST(audit_and_span)
{
	struct audit as[] = {
		{1, AUDIT_IVO, {2018, 5, 3}, true, 1, 0}, {2, AUDIT_INTERN, {2018, 3, 1}, true, 2, 1},
		{3, AUDIT_AVTAL, {2017, 9, 1}, false, 0, 0},
	};
	struct tally_span span = tally_span_of(per("2018"), false, day("2018-06-30"));
	assert_date_eq(span.first, "2018-01-01");
	assert_date_eq(span.cut_off, "2018-12-31");
	assert_date_eq(span.as_of, "2018-06-30");
	struct audit_summary s;
	audit_summary_build(as, 3, &span, &s);
	ck_assert_int_eq(s.total, 2);
	ck_assert_int_eq(s.by_kind[AUDIT_IVO], 1);
	ck_assert_int_eq(s.with_findings, 2);
	ck_assert_int_eq(s.actions, 3);
	ck_assert_int_eq(s.actions_open, 1);
	span = tally_span_of(per("2018-T2"), true, day("2030-01-01"));
	assert_date_eq(span.first, "2018-01-01");
	assert_date_eq(span.cut_off, "2018-08-31");
	span = tally_span_of(per("2018-T2"), false, day("2030-01-01"));
	assert_date_eq(span.first, "2018-05-01");
}
END_TEST

Suite *registers_suite(void)
{
	Suite *s = suite_create("registers");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, risk_value_rule);
	tcase_add_test(tc, risk_state_follows_newest_review);
	tcase_add_test(tc, risk_summary_seed_001);
	tcase_add_test(tc, sensitivity_sums_seed_002);
	tcase_add_test(tc, action_overdue_at_month_ends);
	tcase_add_test(tc, action_status_from_follow_ups);
	tcase_add_test(tc, action_summary_counts_the_period);
	tcase_add_test(tc, action_names);
	tcase_add_test(tc, internal_control_as_at);
	tcase_add_test(tc, complaint_handling_days_rule);
	tcase_add_test(tc, complaint_summary_seed_002);
	tcase_add_test(tc, incident_counts_per_kind_and_unit);
	tcase_add_test(tc, lex_maria_counts);
	tcase_add_test(tc, audit_and_span);
	suite_add_tcase(s, tc);
	return s;
}
