/*
 * Tests of the lex Sarah figures (src/domain/lex_sarah_stats.c): plain reports in, the
 * summary out, no server.  The rules one report at a time (serious outcomes, overdue, the two
 * inconsistencies, investigation days), then the summary of a period over a small register
 * written out by hand: grouping by category and by unit, cumulative or the period alone, an
 * as-of date before the cut-off (a period not yet over), outcomes not yet assessed, the
 * overdue boundary, and reports after the cut-off left out.
 */
#include <check.h>
#include <string.h>

#include "folja/date.h"
#include "folja/lex_sarah_stats.h"
#include "folja/period.h"
#include "tests.h"

static struct date day(const char *s)
{
	struct date d;
	ck_assert_msg(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

/* A report from its dates (NULL for absent) and outcome, in unit E1 and category bemotande. */
static struct ls_report lsr(int64_t id, const char *reported, const char *done, const char *ivo,
			    enum ls_outcome outcome)
{
	struct ls_report r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.reported_on = day(reported);
	if ((r.has_done = done != NULL))
		r.done_on = day(done);
	if ((r.has_ivo = ivo != NULL))
		r.ivo_on = day(ivo);
	r.status = done ? LS_AVSLUTAD : LS_RAPPORTERAD;
	r.outcome = outcome;
	r.unit_code = "E1";
	r.unit_name = "Enhet 1";
	r.category = "bemotande";
	r.category_name = "Bemötande";
	return r;
}

/* ---------------------------------------------------------------- names */

START_TEST(test_names_both_ways)
{
	enum ls_outcome o = LS_EJ_BEDOMD;
	for (int i = LS_INGET_MISSFORHALLANDE; i < LS_OUTCOMES; i++) {
		ck_assert(ls_outcome_parse(ls_outcome_name((enum ls_outcome)i), &o));
		ck_assert_int_eq(o, i);
	}
	ck_assert_str_eq(ls_outcome_name(LS_EJ_BEDOMD), "ej_bedomd");
	ck_assert_str_eq(ls_outcome_name(LS_ALLVARLIG_RISK), "allvarlig_risk");
	/* "ej_bedomd" names a missing outcome, never a stored one */
	o = LS_MISSFORHALLANDE;
	ck_assert(!ls_outcome_parse("ej_bedomd", &o));
	ck_assert(!ls_outcome_parse("Missforhallande", &o));
	ck_assert(!ls_outcome_parse(NULL, &o));
	ck_assert_int_eq(o, LS_MISSFORHALLANDE);
	ck_assert_ptr_null(ls_outcome_name(LS_OUTCOMES));

	enum ls_status st = LS_RAPPORTERAD;
	ck_assert(ls_status_parse("under_utredning", &st));
	ck_assert_int_eq(st, LS_UNDER_UTREDNING);
	ck_assert(ls_status_parse("avslutad", &st));
	ck_assert_int_eq(st, LS_AVSLUTAD);
	ck_assert(!ls_status_parse("klar", &st));
	ck_assert_int_eq(st, LS_AVSLUTAD);

	enum ls_group_by g = LS_BY_CATEGORY;
	ck_assert(ls_group_by_parse("unit", &g));
	ck_assert_int_eq(g, LS_BY_UNIT);
	ck_assert(!ls_group_by_parse(NULL, &g));
	ck_assert(!ls_group_by_parse("kommun", &g));
	ck_assert_int_eq(g, LS_BY_UNIT);
	ck_assert_str_eq(ls_group_by_name(LS_BY_CATEGORY), "category");
}
END_TEST

/* ---------------------------------------------------------------- one report */

START_TEST(test_serious)
{
	ck_assert(ls_outcome_serious(LS_ALLVARLIGT_MISSFORHALLANDE));
	ck_assert(ls_outcome_serious(LS_ALLVARLIG_RISK));
	ck_assert(!ls_outcome_serious(LS_MISSFORHALLANDE));
	ck_assert(!ls_outcome_serious(LS_RISK_FOR_MISSFORHALLANDE));
	ck_assert(!ls_outcome_serious(LS_INGET_MISSFORHALLANDE));
	ck_assert(!ls_outcome_serious(LS_EJ_BEDOMD));
}
END_TEST

START_TEST(test_outcome_and_notification_as_of)
{
	struct ls_report r = lsr(1, "2021-01-10", "2021-03-01", "2021-02-01", LS_MISSFORHALLANDE);
	ck_assert_int_eq(ls_outcome_as_of(&r, day("2021-02-28")), LS_EJ_BEDOMD);
	ck_assert_int_eq(ls_outcome_as_of(&r, day("2021-03-01")), LS_MISSFORHALLANDE);
	ck_assert(!ls_notified_by(&r, day("2021-01-31")));
	ck_assert(ls_notified_by(&r, day("2021-02-01")));
	/* an outcome with no day of investigation counts at once */
	r = lsr(1, "2021-01-10", NULL, NULL, LS_ALLVARLIG_RISK);
	ck_assert_int_eq(ls_outcome_as_of(&r, day("2021-01-10")), LS_ALLVARLIG_RISK);
	r = lsr(1, "2021-01-10", NULL, NULL, LS_EJ_BEDOMD);
	ck_assert_int_eq(ls_outcome_as_of(&r, day("2022-01-01")), LS_EJ_BEDOMD);
}
END_TEST

START_TEST(test_open_overdue)
{
	struct ls_report r = lsr(1, "2021-01-01", NULL, NULL, LS_EJ_BEDOMD);
	ck_assert(!ls_open_overdue(&r, day("2021-03-02"), 60));   /* 60 days: not yet */
	ck_assert(ls_open_overdue(&r, day("2021-03-03"), 60));    /* 61 days */
	ck_assert(!ls_open_overdue(&r, day("2021-03-03"), 61));
	r = lsr(1, "2021-01-01", "2021-04-01", NULL, LS_INGET_MISSFORHALLANDE);
	ck_assert(ls_open_overdue(&r, day("2021-03-31"), 60));    /* done after as_of: open then */
	ck_assert(!ls_open_overdue(&r, day("2021-04-01"), 60));
	r = lsr(1, "2021-05-01", NULL, NULL, LS_EJ_BEDOMD);
	ck_assert(!ls_open_overdue(&r, day("2021-04-01"), 0));    /* not reported yet */
}
END_TEST

START_TEST(test_inconsistencies)
{
	struct ls_report r = lsr(1, "2021-01-10", "2021-02-01", NULL,
				 LS_ALLVARLIGT_MISSFORHALLANDE);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-12-31")), LS_SERIOUS_NOT_NOTIFIED);
	r = lsr(1, "2021-01-10", "2021-02-01", "2021-01-20", LS_ALLVARLIG_RISK);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-12-31")), 0);
	/* a missförhållande that is not serious needs no notification */
	r = lsr(1, "2021-01-10", "2021-02-01", NULL, LS_MISSFORHALLANDE);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-12-31")), 0);
	/* notified 2021-01-31: due 2021-03-31 (month end); not late on it, late the day after */
	r = lsr(1, "2021-01-10", NULL, "2021-01-31", LS_ALLVARLIGT_MISSFORHALLANDE);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-03-31")), 0);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-04-01")), LS_IVO_INVESTIGATION_LATE);
	/* finished on the due day: fine; finished the day after: late for good */
	r = lsr(1, "2021-01-10", "2021-03-31", "2021-01-31", LS_EJ_BEDOMD);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2022-01-01")), 0);
	r = lsr(1, "2021-01-10", "2021-04-01", "2021-01-31", LS_EJ_BEDOMD);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2022-01-01")), LS_IVO_INVESTIGATION_LATE);
	/* a notification after as_of does not count yet */
	r = lsr(1, "2021-01-10", NULL, "2021-06-01", LS_ALLVARLIG_RISK);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-05-31")), LS_SERIOUS_NOT_NOTIFIED);
	/* the outcome is known from the day the investigation was done */
	r = lsr(1, "2021-01-10", "2021-03-01", NULL, LS_ALLVARLIGT_MISSFORHALLANDE);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-02-28")), 0);
	ck_assert_uint_eq(ls_inconsistencies(&r, day("2021-03-01")), LS_SERIOUS_NOT_NOTIFIED);
	ck_assert_ptr_nonnull(ls_problem_text(LS_SERIOUS_NOT_NOTIFIED));
	ck_assert_ptr_nonnull(ls_problem_text(LS_IVO_INVESTIGATION_LATE));
	ck_assert_ptr_null(ls_problem_text(4));
}
END_TEST

/* The investigation days of the 2021 summary of @p rs as at @p today. */
static struct ls_days days_as_of(const struct ls_report *rs, size_t n, const char *today)
{
	struct ls_summary_params p = {.period = {PERIOD_YEAR, 2021, 0}, .today = day(today),
				      .group_by = LS_BY_CATEGORY, .overdue_days = 60};
	struct ls_summary *s = ls_summary_build(rs, n, &p);
	ck_assert_ptr_nonnull(s);
	struct ls_days d = s->days;
	ls_summary_free(s);
	return d;
}

START_TEST(test_investigation_days)
{
	struct ls_report rs[5];
	rs[0] = lsr(1, "2021-01-01", "2021-01-31", NULL, LS_EJ_BEDOMD);   /* 30 */
	rs[1] = lsr(2, "2021-02-01", "2021-02-11", NULL, LS_EJ_BEDOMD);   /* 10 */
	rs[2] = lsr(3, "2021-03-01", "2021-05-10", NULL, LS_EJ_BEDOMD);   /* 70 */
	rs[3] = lsr(4, "2021-03-01", NULL, NULL, LS_EJ_BEDOMD);           /* open */
	rs[4] = lsr(5, "2021-04-01", "2021-04-21", NULL, LS_EJ_BEDOMD);   /* 20 */
	struct ls_days d = days_as_of(rs, 5, "2021-12-31");
	ck_assert_int_eq(d.n, 4);
	ck_assert_double_eq(d.median, 25.0);                    /* 10 20 | 30 70 */
	ck_assert_int_eq(d.max, 70);
	d = days_as_of(rs, 5, "2021-05-09");                    /* 70 not done yet */
	ck_assert_int_eq(d.n, 3);
	ck_assert_double_eq(d.median, 20.0);
	ck_assert_int_eq(d.max, 30);
	d = days_as_of(rs, 5, "2020-12-31");
	ck_assert_int_eq(d.n, 0);
}
END_TEST

/* ---------------------------------------------------------------- the summary */

/* Group keys in arrays of their own, beside the literals lsr() gives: groups are told apart
 * by their text, not by where it is kept (each loaded report has its own copy). */
static const char e1_copy[] = "E1", e2[] = "E2", system_code[] = "system";

static struct ls_report in(struct ls_report r, const char *unit, const char *category)
{
	r.unit_code = unit;
	r.unit_name = unit[1] == '1' ? "Enhet 1" : "Enhet 2";
	r.category = category;
	r.category_name = strcmp(category, "system") == 0 ? "System" : "Bemötande";
	return r;
}

/*
 * The register, by reported_on.  Period 2021-T2 (May–August, cut-off 2021-08-31); counted
 * alone: 3, 4, 5, 6; from January: 8, 2, 9 too.
 */
static size_t reg(struct ls_report rs[9])
{
	/* the year before: open all along */
	rs[0] = lsr(1, "2020-11-01", NULL, NULL, LS_EJ_BEDOMD);
	/* serious, never notified */
	rs[1] = lsr(8, "2021-01-05", "2021-02-01", NULL, LS_ALLVARLIGT_MISSFORHALLANDE);
	rs[2] = in(lsr(2, "2021-02-10", "2021-03-12", NULL, LS_INGET_MISSFORHALLANDE), e2,
		   system_code);
	/* notified 2021-04-10, investigation still open: late from 2021-06-11 */
	rs[3] = in(lsr(9, "2021-04-01", NULL, "2021-04-10", LS_EJ_BEDOMD), e2, "bemotande");
	rs[4] = in(lsr(3, "2021-05-03", "2021-05-13", "2021-05-05",
		       LS_ALLVARLIGT_MISSFORHALLANDE), e2, "bemotande");
	rs[5] = in(lsr(4, "2021-06-01", "2021-07-01", NULL, LS_MISSFORHALLANDE), e1_copy,
		   system_code);
	/* open 77 days at the cut-off */
	rs[6] = lsr(5, "2021-06-15", NULL, NULL, LS_EJ_BEDOMD);
	/* open exactly 60 days at the cut-off; assessed (serious) and notified after it */
	rs[7] = in(lsr(6, "2021-07-02", "2021-09-15", "2021-09-20", LS_ALLVARLIG_RISK), e2,
		   system_code);
	/* after the cut-off: serious with no notification, which would otherwise show */
	rs[8] = lsr(7, "2021-09-01", NULL, NULL, LS_ALLVARLIG_RISK);
	return 9;
}

static struct ls_summary *summarise(const struct ls_report *rs, size_t n, const char *period,
				    bool cumulative, const char *today, enum ls_group_by by)
{
	struct ls_summary_params p = {.cumulative = cumulative, .today = day(today),
				      .group_by = by, .overdue_days = LS_OVERDUE_DAYS_DEFAULT};
	ck_assert(period_parse(period, &p.period));
	struct ls_summary *s = ls_summary_build(rs, n, &p);
	ck_assert_ptr_nonnull(s);
	return s;
}

static void assert_group(const struct ls_summary *s, size_t i, const char *key,
			 const char *name, int count, int notified)
{
	ck_assert_uint_gt(s->n_groups, i);
	ck_assert_str_eq(s->groups[i].key, key);
	ck_assert_str_eq(s->groups[i].name, name);
	ck_assert_int_eq(s->groups[i].count, count);
	ck_assert_int_eq(s->groups[i].notified, notified);
}

static void assert_outcome(const struct ls_summary *s, size_t i, enum ls_outcome o, int count,
			   int notified)
{
	ck_assert_uint_gt(s->n_outcomes, i);
	ck_assert_int_eq(s->by_outcome[i].outcome, o);
	ck_assert_int_eq(s->by_outcome[i].count, count);
	ck_assert_int_eq(s->by_outcome[i].notified, notified);
}

/* The follow-up at the cut-off 2021-08-31, the same whatever is counted. */
static void assert_follow_up_at_cut_off(const struct ls_summary *s)
{
	ck_assert_uint_eq(s->n_overdue, 3);
	ck_assert_int_eq(s->overdue[0], 1);
	ck_assert_int_eq(s->overdue[1], 9);
	ck_assert_int_eq(s->overdue[2], 5);   /* 6, at exactly 60 days, is not */
	ck_assert_uint_eq(s->n_problems, 2);
	ck_assert_int_eq(s->problems[0].id, 8);
	ck_assert_uint_eq(s->problems[0].bit, LS_SERIOUS_NOT_NOTIFIED);
	ck_assert_int_eq(s->problems[1].id, 9);
	ck_assert_uint_eq(s->problems[1].bit, LS_IVO_INVESTIGATION_LATE);
}

START_TEST(test_summary_period_by_category)
{
	struct ls_report rs[9];
	size_t n = reg(rs);
	struct ls_summary *s = summarise(rs, n, "2021-T2", false, "2021-12-31", LS_BY_CATEGORY);
	ck_assert_int_eq(date_cmp(s->first, day("2021-05-01")), 0);
	ck_assert_int_eq(date_cmp(s->cut_off, day("2021-08-31")), 0);
	ck_assert_int_eq(date_cmp(s->as_of, day("2021-08-31")), 0);   /* the period is over */
	ck_assert_int_eq(s->total, 4);
	ck_assert_int_eq(s->notified, 1);
	ck_assert_uint_eq(s->n_groups, 2);
	assert_group(s, 0, "bemotande", "Bemötande", 2, 1);   /* 3, 5 */
	assert_group(s, 1, "system", "System", 2, 0);         /* 4, 6 */
	/* 6 is assessed and notified only after the cut-off */
	ck_assert_uint_eq(s->n_outcomes, 3);
	assert_outcome(s, 0, LS_ALLVARLIGT_MISSFORHALLANDE, 1, 1);
	assert_outcome(s, 1, LS_MISSFORHALLANDE, 1, 0);
	assert_outcome(s, 2, LS_EJ_BEDOMD, 2, 0);
	ck_assert_int_eq(s->days.n, 2);                       /* 10 and 30 */
	ck_assert_double_eq(s->days.median, 20.0);
	ck_assert_int_eq(s->days.max, 30);
	assert_follow_up_at_cut_off(s);
	ls_summary_free(s);
}
END_TEST

START_TEST(test_summary_period_by_unit)
{
	struct ls_report rs[9];
	size_t n = reg(rs);
	struct ls_summary *s = summarise(rs, n, "2021-T2", false, "2021-12-31", LS_BY_UNIT);
	ck_assert_int_eq(s->total, 4);
	ck_assert_uint_eq(s->n_groups, 2);
	assert_group(s, 0, "E2", "Enhet 2", 2, 1);   /* 3 comes first */
	assert_group(s, 1, "E1", "Enhet 1", 2, 0);   /* 4 and 5, their codes kept apart */
	ck_assert_uint_eq(s->n_outcomes, 3);         /* outcomes do not depend on the grouping */
	assert_follow_up_at_cut_off(s);
	ls_summary_free(s);
}
END_TEST

START_TEST(test_summary_cumulative)
{
	struct ls_report rs[9];
	size_t n = reg(rs);
	struct ls_summary *s = summarise(rs, n, "2021-T2", true, "2021-12-31", LS_BY_CATEGORY);
	ck_assert_int_eq(date_cmp(s->first, day("2021-01-01")), 0);
	ck_assert_int_eq(date_cmp(s->cut_off, day("2021-08-31")), 0);
	ck_assert_int_eq(s->total, 7);                        /* 8, 2, 9, 3, 4, 5, 6 */
	ck_assert_int_eq(s->notified, 2);                     /* 9, 3 */
	ck_assert_uint_eq(s->n_groups, 2);
	assert_group(s, 0, "bemotande", "Bemötande", 4, 2);
	assert_group(s, 1, "system", "System", 3, 0);
	ck_assert_uint_eq(s->n_outcomes, 4);
	assert_outcome(s, 0, LS_ALLVARLIGT_MISSFORHALLANDE, 2, 1);
	assert_outcome(s, 1, LS_INGET_MISSFORHALLANDE, 1, 0);
	assert_outcome(s, 2, LS_EJ_BEDOMD, 3, 1);
	assert_outcome(s, 3, LS_MISSFORHALLANDE, 1, 0);
	ck_assert_int_eq(s->days.n, 4);                       /* 10 27 | 30 30 */
	ck_assert_double_eq(s->days.median, 28.5);
	ck_assert_int_eq(s->days.max, 30);
	assert_follow_up_at_cut_off(s);
	ls_summary_free(s);

	/* by unit from January the first report is 8's unit */
	s = summarise(rs, n, "2021-T2", true, "2021-12-31", LS_BY_UNIT);
	ck_assert_uint_eq(s->n_groups, 2);
	assert_group(s, 0, "E1", "Enhet 1", 3, 0);   /* 8, 4, 5 */
	assert_group(s, 1, "E2", "Enhet 2", 4, 2);   /* 2, 9, 3, 6 */
	ls_summary_free(s);
}
END_TEST

/* A period not over yet: everything is asked as at today. */
START_TEST(test_summary_as_of_today)
{
	struct ls_report rs[9];
	size_t n = reg(rs);
	struct ls_summary *s = summarise(rs, n, "2021-T2", false, "2021-06-30", LS_BY_CATEGORY);
	ck_assert_int_eq(date_cmp(s->as_of, day("2021-06-30")), 0);
	ck_assert_int_eq(date_cmp(s->cut_off, day("2021-08-31")), 0);
	/* reports dated up to the cut-off still count */
	ck_assert_int_eq(s->total, 4);
	ck_assert_int_eq(s->notified, 1);
	/* 4's investigation is done 2021-07-01: not assessed yet, and no days */
	ck_assert_uint_eq(s->n_outcomes, 2);
	assert_outcome(s, 0, LS_ALLVARLIGT_MISSFORHALLANDE, 1, 1);
	assert_outcome(s, 1, LS_EJ_BEDOMD, 3, 0);
	ck_assert_int_eq(s->days.n, 1);
	ck_assert_double_eq(s->days.median, 10.0);
	ck_assert_int_eq(s->days.max, 10);
	/* 5 is open 15 days as at today */
	ck_assert_uint_eq(s->n_overdue, 2);
	ck_assert_int_eq(s->overdue[0], 1);
	ck_assert_int_eq(s->overdue[1], 9);
	ck_assert_uint_eq(s->n_problems, 2);
	ls_summary_free(s);

	/* on 9's due day it is not late yet */
	s = summarise(rs, n, "2021-T2", false, "2021-06-10", LS_BY_CATEGORY);
	ck_assert_uint_eq(s->n_problems, 1);
	ck_assert_int_eq(s->problems[0].id, 8);
	ls_summary_free(s);
}
END_TEST

START_TEST(test_summary_not_yet_assessed)
{
	struct ls_report rs[3];
	rs[0] = lsr(1, "2021-03-01", NULL, NULL, LS_EJ_BEDOMD);                  /* none stored */
	rs[1] = lsr(2, "2021-03-02", "2021-04-15", NULL, LS_RISK_FOR_MISSFORHALLANDE);
	rs[2] = lsr(3, "2021-03-03", "2021-03-20", "2021-03-10", LS_RISK_FOR_MISSFORHALLANDE);
	struct ls_summary *s = summarise(rs, 3, "2021-03", false, "2022-01-01", LS_BY_CATEGORY);
	ck_assert_int_eq(date_cmp(s->as_of, day("2021-03-31")), 0);
	ck_assert_uint_eq(s->n_outcomes, 2);
	assert_outcome(s, 0, LS_EJ_BEDOMD, 2, 0);      /* 1, and 2 done in April */
	assert_outcome(s, 1, LS_RISK_FOR_MISSFORHALLANDE, 1, 1);
	ls_summary_free(s);
	s = summarise(rs, 3, "2021-04", true, "2022-01-01", LS_BY_CATEGORY);
	ck_assert_uint_eq(s->n_outcomes, 2);
	assert_outcome(s, 0, LS_EJ_BEDOMD, 1, 0);
	assert_outcome(s, 1, LS_RISK_FOR_MISSFORHALLANDE, 2, 1);
	ls_summary_free(s);
}
END_TEST

START_TEST(test_summary_overdue_boundary)
{
	struct ls_report r = lsr(1, "2021-01-01", NULL, NULL, LS_EJ_BEDOMD);
	struct ls_summary_params p = {.today = day("2021-03-02"), .overdue_days = 60};
	ck_assert(period_parse("2021-03", &p.period));
	struct ls_summary *s = ls_summary_build(&r, 1, &p);       /* 60 days */
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->n_overdue, 0);
	ck_assert_int_eq(s->total, 0);                            /* reported in January */
	ls_summary_free(s);
	p.today = day("2021-03-03");                              /* 61 days */
	s = ls_summary_build(&r, 1, &p);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->n_overdue, 1);
	ck_assert_int_eq(s->overdue[0], 1);
	ls_summary_free(s);
	p.overdue_days = 61;
	s = ls_summary_build(&r, 1, &p);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->n_overdue, 0);
	ls_summary_free(s);
}
END_TEST

START_TEST(test_summary_empty)
{
	struct ls_summary *s = summarise(NULL, 0, "2021", false, "2022-01-01", LS_BY_UNIT);
	ck_assert_int_eq(s->total, 0);
	ck_assert_int_eq(s->notified, 0);
	ck_assert_uint_eq(s->n_groups, 0);
	ck_assert_uint_eq(s->n_outcomes, 0);
	ck_assert_int_eq(s->days.n, 0);
	ck_assert_uint_eq(s->n_overdue, 0);
	ck_assert_uint_eq(s->n_problems, 0);
	ls_summary_free(s);
	ls_summary_free(NULL);
}
END_TEST

Suite *lex_sarah_suite(void)
{
	Suite *s = suite_create("lex_sarah");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_names_both_ways);
	tcase_add_test(tc, test_serious);
	tcase_add_test(tc, test_outcome_and_notification_as_of);
	tcase_add_test(tc, test_open_overdue);
	tcase_add_test(tc, test_inconsistencies);
	tcase_add_test(tc, test_investigation_days);
	suite_add_tcase(s, tc);
	tc = tcase_create("summary");
	tcase_add_test(tc, test_summary_period_by_category);
	tcase_add_test(tc, test_summary_period_by_unit);
	tcase_add_test(tc, test_summary_cumulative);
	tcase_add_test(tc, test_summary_as_of_today);
	tcase_add_test(tc, test_summary_not_yet_assessed);
	tcase_add_test(tc, test_summary_overdue_boundary);
	tcase_add_test(tc, test_summary_empty);
	suite_add_tcase(s, tc);
	return s;
}
