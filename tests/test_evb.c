/*
 * Tests of the three-month rule (src/domain/evb.c).
 *
 * These figures go to IVO and to the council, so the tests pin the rule at every edge a
 * calendar offers: month ends and 29 February, the cut-off on the deadline and the day after,
 * execution, closing and resumption on the cut-off and the day after, interruptions, quarter
 * boundaries for new / carried over / resolved, the waiting-time buckets and exact day counts.
 * Expected dates are written out by hand (checked against an independent calendar), and the
 * loops over whole years compare against this file's own month lengths, not date.c's.
 */
#include <check.h>
#include <limits.h>
#include <string.h>

#include "folja/date.h"
#include "folja/evb.h"

Suite *evb_suite(void);

/* ---------------------------------------------------------------- helpers */

static struct date day(const char *s)
{
	struct date d;

	ck_assert_msg(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

static struct date plus_days(struct date d, int n)
{
	return date_from_days(date_to_days(d) + n);
}

#define assert_date(got, want) do { \
		char buf_[11]; \
		date_format((got), buf_); \
		ck_assert_str_eq(buf_, (want)); \
	} while (0)

/* Room for the interruptions of the decisions a test holds at once: decision() and
 * interrupted() take the next slots, in turn. */
static struct evb_interruption slots[64];
static size_t next_slot;

static struct evb_interruption *take_slots(size_t n)
{
	if (next_slot + n > sizeof slots / sizeof slots[0])
		next_slot = 0;
	next_slot += n;
	return &slots[next_slot - n];
}

/* A decision from its dates, with at most one interruption; NULL for an absent date. */
static struct evb_decision decision(const char *decided, const char *executed,
				    const char *interrupted, const char *resumed,
				    const char *closed)
{
	struct evb_decision d;

	memset(&d, 0, sizeof d);
	d.decided_on = day(decided);
	if ((d.has_executed = executed != NULL))
		d.executed_on = day(executed);
	ck_assert_msg(interrupted || !resumed, "a resumption needs an interruption");
	if (interrupted) {
		struct evb_interruption *in = take_slots(1);
		in->interrupted_on = day(interrupted);
		if ((in->has_resumed = resumed != NULL))
			in->resumed_on = day(resumed);
		d.interruptions = in;
		d.n_interruptions = 1;
	}
	if ((d.has_closed = closed != NULL))
		d.closed_on = day(closed);
	return d;
}

/* @p d with the interruptions @p pairs (interrupted_on, resumed_on or NULL), @p n of them. */
static struct evb_decision interrupted(struct evb_decision d, const char *const (*pairs)[2],
				       size_t n)
{
	struct evb_interruption *in = take_slots(n);
	for (size_t i = 0; i < n; i++) {
		in[i].interrupted_on = day(pairs[i][0]);
		if ((in[i].has_resumed = pairs[i][1] != NULL))
			in[i].resumed_on = day(pairs[i][1]);
	}
	d.interruptions = in;
	d.n_interruptions = n;
	return d;
}

static bool reportable_at(const struct evb_decision *d, const char *cut_off)
{
	return evb_reportable(d, day(cut_off), NULL);
}

/* Asserts @p d is reportable at @p cut_off and returns the status. */
static struct evb_status must_report(const struct evb_decision *d, const char *cut_off)
{
	struct evb_status st;

	ck_assert_msg(evb_reportable(d, day(cut_off), &st), "not reportable at %s", cut_off);
	return st;
}

/* The test's own calendar, so the property loops do not check date.c against itself. */
static int month_length(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

/* ---------------------------------------------------------------- the deadline */

START_TEST(test_deadline_table)
{
	static const struct {
		const char *decided, *deadline;
	} cases[] = {
		{ "2021-01-15", "2021-04-15" },
		{ "2021-11-30", "2022-02-28" },  /* February is shorter: its last day */
		{ "2023-11-30", "2024-02-29" },  /* ... in a leap year */
		{ "2024-02-29", "2024-05-29" },  /* from 29 February: same day number */
		{ "2021-02-28", "2021-05-28" },
		{ "2024-02-28", "2024-05-28" },
		{ "2021-11-28", "2022-02-28" },
		{ "2021-11-29", "2022-02-28" },  /* the 29th into a common February */
		{ "2023-11-29", "2024-02-29" },
		{ "2022-08-29", "2022-11-29" },
		{ "2022-08-30", "2022-11-30" },
		{ "2022-08-31", "2022-11-30" },  /* the 31st into a 30-day month */
		{ "2022-03-31", "2022-06-30" },
		{ "2022-05-31", "2022-08-31" },
		{ "2021-10-31", "2022-01-31" },
		{ "2021-12-31", "2022-03-31" },
		{ "2022-06-30", "2022-09-30" },
		{ "2022-10-01", "2023-01-01" },  /* into the next year */
		{ "1999-11-30", "2000-02-29" },  /* 2000 is a leap year */
		{ "2099-11-30", "2100-02-28" },  /* 2100 is not */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_date(evb_deadline(day(cases[i].decided)), cases[i].deadline);
}
END_TEST

/*
 * Every decision day 2019..2025 (all 29ths, 30ths and 31sts, both leap days): the deadline is
 * three months on, clamped; not reportable on it, reportable the day after with three whole
 * months and deadline - start + 1 days waited.
 */
START_TEST(test_deadline_every_day)
{
	for (int y = 2019; y <= 2025; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= month_length(y, m); d++) {
				struct date dec = { y, m, d };
				struct evb_decision e = { .decided_on = dec };
				int ty = m > 9 ? y + 1 : y, tm = (m + 2) % 12 + 1;
				int td = d < month_length(ty, tm) ? d : month_length(ty, tm);
				struct date dl = evb_deadline(dec);
				struct evb_status st;
				int span;

				ck_assert_int_eq(dl.y, ty);
				ck_assert_int_eq(dl.m, tm);
				ck_assert_int_eq(dl.d, td);
				span = (int)(date_to_days(dl) - date_to_days(dec));
				ck_assert_int_ge(span, 89);
				ck_assert_int_le(span, 92);
				ck_assert(!evb_reportable(&e, dl, &st));
				ck_assert(evb_reportable(&e, plus_days(dl, 1), &st));
				ck_assert_int_eq(st.kind, EVB_BESLUT);
				ck_assert_int_eq(date_cmp(st.deadline, dl), 0);
				ck_assert_int_eq(date_cmp(st.reportable_from, plus_days(dl, 1)), 0);
				ck_assert_int_eq(st.days_waited, span + 1);
				ck_assert_int_eq(st.months_waited, 3);
			}
		}
	}
}
END_TEST

/* ---------------------------------------------------------------- the cut-off */

START_TEST(test_cutoff_on_deadline_and_day_after)
{
	struct evb_decision a = decision("2021-03-31", NULL, NULL, NULL, NULL);
	struct evb_decision b = decision("2021-11-30", NULL, NULL, NULL, NULL);
	struct evb_decision c = decision("2024-02-29", NULL, NULL, NULL, NULL);
	struct evb_status st;

	ck_assert(!reportable_at(&a, "2021-06-30"));      /* on the deadline: in time */
	st = must_report(&a, "2021-07-01");
	ck_assert_int_eq(st.kind, EVB_BESLUT);
	assert_date(st.start, "2021-03-31");
	assert_date(st.deadline, "2021-06-30");
	assert_date(st.reportable_from, "2021-07-01");
	ck_assert_int_eq(st.days_waited, 92);
	ck_assert_int_eq(st.months_waited, 3);

	ck_assert(!reportable_at(&b, "2022-02-28"));
	st = must_report(&b, "2022-03-01");
	assert_date(st.deadline, "2022-02-28");
	ck_assert_int_eq(st.days_waited, 91);

	ck_assert(!reportable_at(&c, "2024-05-29"));
	st = must_report(&c, "2024-05-30");
	assert_date(st.deadline, "2024-05-29");
	ck_assert_int_eq(st.days_waited, 91);
}
END_TEST

START_TEST(test_cutoff_before_or_on_decision)
{
	struct evb_decision d = decision("2021-05-10", NULL, NULL, NULL, NULL);

	ck_assert(!reportable_at(&d, "2021-03-31"));
	ck_assert(!reportable_at(&d, "2021-05-10"));
	ck_assert(!reportable_at(&d, "2021-06-30"));
	ck_assert(reportable_at(&d, "2021-09-30"));
}
END_TEST

START_TEST(test_null_out_and_untouched)
{
	struct evb_decision d = decision("2021-01-15", NULL, NULL, NULL, NULL);
	struct evb_status st;

	memset(&st, 0x5a, sizeof st);
	ck_assert(evb_reportable(&d, day("2021-06-30"), NULL));
	ck_assert(!evb_reportable(&d, day("2021-03-31"), &st));
	ck_assert_int_eq(st.days_waited, 0x5a5a5a5a);
}
END_TEST

/* ---------------------------------------------------------------- execution and closing */

START_TEST(test_executed_around_cutoff)
{
	struct evb_decision on = decision("2021-01-15", "2021-06-30", NULL, NULL, NULL);
	struct evb_decision after = decision("2021-01-15", "2021-07-01", NULL, NULL, NULL);
	struct evb_decision in_time = decision("2021-01-15", "2021-04-15", NULL, NULL, NULL);
	struct evb_decision late = decision("2021-01-15", "2021-05-01", NULL, NULL, NULL);
	struct evb_status st;

	ck_assert(!reportable_at(&on, "2021-06-30"));     /* executed on the cut-off day */
	st = must_report(&after, "2021-06-30");          /* executed the day after */
	ck_assert_int_eq(st.kind, EVB_BESLUT);
	ck_assert_int_eq(st.days_waited, 166);
	ck_assert(!reportable_at(&after, "2021-07-01"));
	ck_assert(!reportable_at(&in_time, "2021-04-16"));  /* executed on the deadline */
	ck_assert(!reportable_at(&in_time, "2021-12-31"));
	ck_assert(reportable_at(&late, "2021-04-30"));      /* late, but before the cut-off */
	ck_assert(!reportable_at(&late, "2021-06-30"));
}
END_TEST

START_TEST(test_closed_around_cutoff)
{
	struct evb_decision on = decision("2021-01-15", NULL, NULL, NULL, "2021-06-30");
	struct evb_decision after = decision("2021-01-15", NULL, NULL, NULL, "2021-07-01");
	struct evb_decision early = decision("2021-01-15", NULL, NULL, NULL, "2021-02-01");
	struct evb_decision avbrott = decision("2021-01-15", "2021-01-20", "2021-02-01", NULL,
					       "2021-06-30");

	ck_assert(!reportable_at(&on, "2021-06-30"));     /* closed on the cut-off day */
	ck_assert(reportable_at(&after, "2021-06-30"));
	ck_assert(!reportable_at(&after, "2021-09-30"));
	ck_assert(!reportable_at(&early, "2021-06-30"));  /* withdrawn before the deadline */
	ck_assert(reportable_at(&avbrott, "2021-06-29"));  /* closing also ends an avbrott */
	ck_assert(!reportable_at(&avbrott, "2021-06-30"));
}
END_TEST

/* A declined offer is a delay_reason, not a date: the decision stays reportable every quarter
 * until executed or closed. */
START_TEST(test_declined_offer_still_reported)
{
	struct evb_decision d = decision("2021-02-10", NULL, NULL, NULL, NULL);
	struct evb_decision closed = decision("2021-02-10", NULL, NULL, NULL, "2022-01-20");
	struct evb_status st;

	st = must_report(&d, "2021-06-30");
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-04-01")), EVB_NEW);
	st = must_report(&d, "2021-09-30");
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-07-01")), EVB_CARRIED_OVER);
	st = must_report(&d, "2022-12-31");
	ck_assert_int_eq(st.days_waited, 689);
	ck_assert(reportable_at(&closed, "2021-12-31"));
	ck_assert(!reportable_at(&closed, "2022-03-31"));
}
END_TEST

/* ---------------------------------------------------------------- interruptions */

START_TEST(test_interruption_counted_from_interruption)
{
	struct evb_decision d = decision("2021-01-10", "2021-02-01", "2021-05-20", NULL, NULL);
	struct evb_decision eom = decision("2021-08-01", "2021-09-01", "2021-11-30", NULL, NULL);
	struct evb_status st;

	ck_assert(!reportable_at(&d, "2021-03-31"));   /* executed in time */
	ck_assert(!reportable_at(&d, "2021-06-30"));   /* interrupted, not yet three months */
	ck_assert(!reportable_at(&d, "2021-08-20"));   /* on the interruption's deadline */
	st = must_report(&d, "2021-08-21");
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	assert_date(st.start, "2021-05-20");
	assert_date(st.deadline, "2021-08-20");
	assert_date(st.reportable_from, "2021-08-21");
	ck_assert_int_eq(st.days_waited, 93);
	ck_assert_int_eq(st.months_waited, 3);
	st = must_report(&d, "2021-09-30");
	ck_assert_int_eq(st.days_waited, 133);        /* from the interruption, not the decision */

	ck_assert(!reportable_at(&eom, "2022-02-28"));
	st = must_report(&eom, "2022-03-01");
	assert_date(st.deadline, "2022-02-28");
}
END_TEST

START_TEST(test_resumed_around_cutoff)
{
	static const char *const base[] = { "2021-01-10", "2021-02-01", "2021-05-20" };
	struct evb_decision on = decision(base[0], base[1], base[2], "2021-09-30", NULL);
	struct evb_decision before_c = decision(base[0], base[1], base[2], "2021-09-01", NULL);
	struct evb_decision after = decision(base[0], base[1], base[2], "2021-10-01", NULL);
	struct evb_decision in_time = decision(base[0], base[1], base[2], "2021-08-20", NULL);

	ck_assert(!reportable_at(&on, "2021-09-30"));        /* resumed on the cut-off day */
	ck_assert(reportable_at(&on, "2021-09-29"));
	ck_assert(!reportable_at(&before_c, "2021-09-30"));  /* resumed late, before the cut-off */
	ck_assert(reportable_at(&before_c, "2021-08-31"));
	ck_assert(reportable_at(&after, "2021-09-30"));      /* resumed the day after */
	ck_assert(!reportable_at(&after, "2021-12-31"));
	ck_assert(!reportable_at(&in_time, "2021-08-21"));   /* resumed on the deadline */
	ck_assert(!reportable_at(&in_time, "2021-12-31"));
}
END_TEST

/* Dates after the cut-off do not exist yet: an interruption after C leaves an execution. */
START_TEST(test_interruption_after_cutoff_ignored)
{
	struct evb_decision d = decision("2021-01-10", "2021-02-01", "2021-07-15", NULL, NULL);
	struct evb_decision late = decision("2021-01-10", "2021-06-01", "2021-06-02", NULL, NULL);
	struct evb_status st;

	ck_assert(!reportable_at(&d, "2021-06-30"));
	st = must_report(&late, "2021-05-31");            /* not executed by then: a beslut */
	ck_assert_int_eq(st.kind, EVB_BESLUT);
	assert_date(st.start, "2021-01-10");
	ck_assert(!reportable_at(&late, "2021-06-30"));   /* executed; interrupted 28 days */
	st = must_report(&late, "2021-09-30");
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	ck_assert_int_eq(st.days_waited, 120);
}
END_TEST

START_TEST(test_executed_and_interrupted_same_day)
{
	struct evb_decision d = decision("2021-01-10", "2021-03-01", "2021-03-01", NULL, NULL);
	struct evb_status st;

	ck_assert(!reportable_at(&d, "2021-06-01"));
	st = must_report(&d, "2021-06-02");
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	assert_date(st.start, "2021-03-01");
}
END_TEST

/*
 * Interrupted, resumed, interrupted again: each interruption counts from its own day, and
 * every quarter in between reports what it reported when it was filed.  (The register once
 * held one pair, and recording the second interruption lost the first at earlier cut-offs.)
 */
START_TEST(test_interrupted_resumed_interrupted_again)
{
	static const char *const first[][2] = {{"2021-03-01", NULL}};
	static const char *const resumed[][2] = {{"2021-03-01", "2021-07-01"}};
	static const char *const again[][2] = {{"2021-03-01", "2021-07-01"}, {"2021-09-01", NULL}};
	struct evb_decision base = decision("2021-01-10", "2021-02-01", NULL, NULL, NULL);
	struct evb_decision d1 = interrupted(base, first, 1);
	struct evb_decision d2 = interrupted(base, resumed, 1);
	struct evb_decision d3 = interrupted(base, again, 2);
	static const char *const cut_offs[] = {"2021-03-31", "2021-06-30", "2021-09-30"};
	struct evb_status st;

	/* as each quarter's report was filed, and as the register now holds it */
	st = must_report(&d1, "2021-06-30");
	assert_date(st.start, "2021-03-01");
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(reportable_at(&d2, cut_offs[i]), reportable_at(&d3, cut_offs[i]));
		ck_assert_int_eq(reportable_at(&d1, cut_offs[i]) && i < 2,
				 reportable_at(&d3, cut_offs[i]));
	}
	st = must_report(&d3, "2021-06-30");              /* Q2: the first avbrott */
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	assert_date(st.start, "2021-03-01");
	ck_assert_int_eq(st.days_waited, 121);
	ck_assert(!reportable_at(&d3, "2021-09-30"));      /* Q3: resumed, again only 29 days */
	ck_assert(!reportable_at(&d3, "2021-12-01"));      /* on the second one's deadline */
	st = must_report(&d3, "2021-12-31");              /* Q4: the second avbrott, new */
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	assert_date(st.start, "2021-09-01");
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-10-01")), EVB_NEW);
	/* Q3 resolved the first; Q4 resolves nothing */
	struct evb_resolution r;
	ck_assert(evb_resolved_in(&d3, day("2021-07-01"), day("2021-09-30"), &r));
	assert_date(r.on, "2021-07-01");
	ck_assert_int_eq(r.kind, EVB_AVBROTT);
	ck_assert(!evb_resolved_in(&d3, day("2021-10-01"), day("2021-12-31"), NULL));
	/* resumed and interrupted again on the same day: the new wait starts that day */
	static const char *const same[][2] = {{"2021-03-01", "2021-07-01"}, {"2021-07-01", NULL}};
	struct evb_decision d4 = interrupted(base, same, 2);
	ck_assert(!reportable_at(&d4, "2021-09-30"));
	st = must_report(&d4, "2021-10-02");
	assert_date(st.start, "2021-07-01");
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-10-01")), EVB_NEW);
}
END_TEST

/* ---------------------------------------------------------------- days and months waited */

START_TEST(test_days_and_months_waited)
{
	static const struct {
		const char *decided, *cut_off;
		int days, months;
	} cases[] = {
		{ "2021-01-15", "2021-06-30", 166, 5 },
		{ "2020-01-01", "2020-12-31", 365, 11 },   /* across 29 February 2020 */
		{ "2019-03-31", "2021-03-31", 731, 24 },
		{ "2023-12-31", "2024-04-01", 92, 3 },     /* across 29 February 2024 */
		{ "2021-01-31", "2021-05-01", 90, 3 },
		{ "2021-01-31", "2021-07-30", 180, 5 },    /* 31 July would be six months */
		{ "2021-01-31", "2021-07-31", 181, 6 },
		{ "2021-01-31", "2021-08-31", 212, 7 },
		{ "2020-02-29", "2021-02-28", 365, 12 },   /* a year from a leap day */
		{ "2021-03-31", "2021-07-01", 92, 3 },
		{ "2021-01-01", "2021-06-30", 180, 5 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct evb_decision d = decision(cases[i].decided, NULL, NULL, NULL, NULL);
		struct evb_status st = must_report(&d, cases[i].cut_off);

		ck_assert_msg(st.days_waited == cases[i].days, "%s..%s: %d days, want %d",
			      cases[i].decided, cases[i].cut_off, st.days_waited, cases[i].days);
		ck_assert_msg(st.months_waited == cases[i].months, "%s..%s: %d months, want %d",
			      cases[i].decided, cases[i].cut_off, st.months_waited,
			      cases[i].months);
	}
}
END_TEST

/* ---------------------------------------------------------------- buckets and horizon */

START_TEST(test_bucket_boundaries)
{
	static const struct {
		int months, bucket;
	} cases[] = {
		{ INT_MIN, -1 }, { -1, -1 }, { 0, -1 }, { 2, -1 },
		{ 3, EVB_BUCKET_3_6 }, { 4, EVB_BUCKET_3_6 }, { 6, EVB_BUCKET_3_6 },
		{ 7, EVB_BUCKET_7_9 }, { 9, EVB_BUCKET_7_9 },
		{ 10, EVB_BUCKET_10_12 }, { 12, EVB_BUCKET_10_12 },
		{ 13, EVB_BUCKET_13_17 }, { 17, EVB_BUCKET_13_17 },
		{ 18, EVB_BUCKET_18_PLUS }, { 40, EVB_BUCKET_18_PLUS },
		{ INT_MAX, EVB_BUCKET_18_PLUS },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(evb_wait_bucket(cases[i].months) == cases[i].bucket,
			      "%d months: bucket %d, want %d", cases[i].months,
			      evb_wait_bucket(cases[i].months), cases[i].bucket);
}
END_TEST

START_TEST(test_bucket_names)
{
	ck_assert_int_eq(EVB_BUCKETS, 5);
	ck_assert_str_eq(evb_bucket_name(EVB_BUCKET_3_6), "3-6");
	ck_assert_str_eq(evb_bucket_name(EVB_BUCKET_7_9), "7-9");
	ck_assert_str_eq(evb_bucket_name(EVB_BUCKET_10_12), "10-12");
	ck_assert_str_eq(evb_bucket_name(EVB_BUCKET_13_17), "13-17");
	ck_assert_str_eq(evb_bucket_name(EVB_BUCKET_18_PLUS), "18+");
	ck_assert_ptr_null(evb_bucket_name(-1));
	ck_assert_ptr_null(evb_bucket_name(EVB_BUCKETS));
}
END_TEST

/* Whole months from real dates land in the right bucket at each boundary. */
START_TEST(test_bucket_from_dates)
{
	static const struct {
		const char *cut_off;
		int months, bucket;
	} cases[] = {
		{ "2020-04-16", 3, EVB_BUCKET_3_6 },
		{ "2020-08-14", 6, EVB_BUCKET_3_6 },
		{ "2020-08-15", 7, EVB_BUCKET_7_9 },
		{ "2020-11-14", 9, EVB_BUCKET_7_9 },
		{ "2020-11-15", 10, EVB_BUCKET_10_12 },
		{ "2021-02-14", 12, EVB_BUCKET_10_12 },
		{ "2021-02-15", 13, EVB_BUCKET_13_17 },
		{ "2021-07-14", 17, EVB_BUCKET_13_17 },
		{ "2021-07-15", 18, EVB_BUCKET_18_PLUS },
		{ "2023-05-15", 40, EVB_BUCKET_18_PLUS },
	};
	struct evb_decision d = decision("2020-01-15", NULL, NULL, NULL, NULL);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct evb_status st = must_report(&d, cases[i].cut_off);

		ck_assert_msg(st.months_waited == cases[i].months, "%s: %d months, want %d",
			      cases[i].cut_off, st.months_waited, cases[i].months);
		ck_assert_int_eq(evb_wait_bucket(st.months_waited), cases[i].bucket);
	}
}
END_TEST

START_TEST(test_over_horizon)
{
	struct evb_decision d = decision("2021-01-01", NULL, NULL, NULL, NULL);
	struct evb_status st = must_report(&d, "2021-06-30");

	ck_assert_int_eq(st.days_waited, 180);
	ck_assert(!evb_over_horizon(&st, 180));    /* at the horizon: not beyond it */
	ck_assert(evb_over_horizon(&st, 179));
	ck_assert(evb_over_horizon(&st, 0));
	ck_assert(!evb_over_horizon(&st, 365));
	st = must_report(&d, "2021-07-01");
	ck_assert(evb_over_horizon(&st, 180));
}
END_TEST

/* ---------------------------------------------------------------- quarters */

/* Reportable at the quarter's last day, and its status there. */
static enum evb_quarter_status quarter_status(const struct evb_decision *d, const char *first,
					      const char *last)
{
	struct evb_status st = must_report(d, last);

	return evb_quarter_status(&st, day(first));
}

START_TEST(test_new_and_carried_over)
{
	struct evb_decision mar31 = decision("2021-03-31", NULL, NULL, NULL, NULL);
	struct evb_decision apr01 = decision("2021-04-01", NULL, NULL, NULL, NULL);
	struct evb_decision jun30 = decision("2021-06-30", NULL, NULL, NULL, NULL);
	struct evb_decision sep30 = decision("2021-09-30", NULL, NULL, NULL, NULL);
	struct evb_decision oct01 = decision("2021-10-01", NULL, NULL, NULL, NULL);

	/* Deadline 06-30 = Q2's cut-off: in time in Q2, new on Q3's first day. */
	ck_assert(!reportable_at(&mar31, "2021-06-30"));
	ck_assert_int_eq(quarter_status(&mar31, "2021-07-01", "2021-09-30"), EVB_NEW);
	ck_assert_int_eq(quarter_status(&mar31, "2021-10-01", "2021-12-31"), EVB_CARRIED_OVER);
	ck_assert_int_eq(quarter_status(&mar31, "2022-01-01", "2022-03-31"), EVB_CARRIED_OVER);
	ck_assert_int_eq(quarter_status(&apr01, "2021-07-01", "2021-09-30"), EVB_NEW);
	ck_assert_int_eq(quarter_status(&apr01, "2021-10-01", "2021-12-31"), EVB_CARRIED_OVER);
	ck_assert(!reportable_at(&jun30, "2021-09-30"));
	ck_assert_int_eq(quarter_status(&jun30, "2021-10-01", "2021-12-31"), EVB_NEW);
	/* Reportable from 12-31, the year's last day: new in Q4, carried into the new year. */
	ck_assert_int_eq(quarter_status(&sep30, "2021-10-01", "2021-12-31"), EVB_NEW);
	ck_assert_int_eq(quarter_status(&sep30, "2022-01-01", "2022-03-31"), EVB_CARRIED_OVER);
	ck_assert(!reportable_at(&oct01, "2021-12-31"));
	ck_assert_int_eq(quarter_status(&oct01, "2022-01-01", "2022-03-31"), EVB_NEW);
}
END_TEST

/*
 * The status agrees with its definition, "not reportable at the previous quarter's last day",
 * for every decision day of 2021, executed, interrupted and resumed at various distances, in
 * every quarter 2021..2023.
 */
START_TEST(test_new_means_not_reportable_before)
{
	static const char *const quarters[][2] = {
		{ "2021-01-01", "2021-03-31" }, { "2021-04-01", "2021-06-30" },
		{ "2021-07-01", "2021-09-30" }, { "2021-10-01", "2021-12-31" },
		{ "2022-01-01", "2022-03-31" }, { "2022-04-01", "2022-06-30" },
		{ "2022-07-01", "2022-09-30" }, { "2022-10-01", "2022-12-31" },
		{ "2023-01-01", "2023-03-31" }, { "2023-04-01", "2023-06-30" },
		{ "2023-07-01", "2023-09-30" }, { "2023-10-01", "2023-12-31" },
	};
	int news = 0, carried = 0;

	for (int k = 0; k < 365; k++) {
		struct date dec = plus_days(day("2021-01-01"), k);
		for (int variant = 0; variant < 4; variant++) {
			struct evb_decision d = { .decided_on = dec };
			if (variant >= 1) {
				d.has_executed = true;
				d.executed_on = plus_days(dec, 20 + k % 200);
			}
			struct evb_interruption in = {0};
			if (variant >= 2) {
				in.interrupted_on = plus_days(d.executed_on, 7 + k % 50);
				d.interruptions = &in;
				d.n_interruptions = 1;
			}
			if (variant == 3) {
				in.has_resumed = true;
				in.resumed_on = plus_days(in.interrupted_on, 60 + k % 90);
			}
			for (size_t q = 0; q < sizeof quarters / sizeof quarters[0]; q++) {
				struct date first = day(quarters[q][0]);
				struct evb_status st;
				bool before;

				if (!evb_reportable(&d, day(quarters[q][1]), &st))
					continue;
				before = evb_reportable(&d, plus_days(first, -1), NULL);
				ck_assert_int_eq(evb_quarter_status(&st, first),
						 before ? EVB_CARRIED_OVER : EVB_NEW);
				if (before)
					carried++;
				else
					news++;
			}
		}
	}
	/* The loop must have exercised both answers. */
	ck_assert_int_gt(news, 100);
	ck_assert_int_gt(carried, 100);
}
END_TEST

/* Reported at Q2's cut-off (decided 2021-01-15, deadline 2021-04-15); Q3 is 07-01..09-30. */
static bool resolved_q3(const struct evb_decision *d, struct evb_resolution *r)
{
	return evb_resolved_in(d, day("2021-07-01"), day("2021-09-30"), r);
}

START_TEST(test_resolved_in_quarter)
{
	struct evb_decision first = decision("2021-01-15", "2021-07-01", NULL, NULL, NULL);
	struct evb_decision last = decision("2021-01-15", "2021-09-30", NULL, NULL, NULL);
	struct evb_decision next = decision("2021-01-15", "2021-10-01", NULL, NULL, NULL);
	struct evb_decision closed = decision("2021-01-15", NULL, NULL, NULL, "2021-08-15");
	struct evb_decision both = decision("2021-01-15", "2021-08-15", NULL, NULL, "2021-08-15");
	struct evb_decision exec_then_close = decision("2021-01-15", "2021-08-10", NULL, NULL,
						       "2021-08-20");
	struct evb_decision open = decision("2021-01-15", NULL, NULL, NULL, NULL);
	struct evb_resolution r;

	ck_assert(resolved_q3(&first, &r));           /* executed on the quarter's first day */
	ck_assert_int_eq(r.how, EVB_VERKSTALLT);
	ck_assert_int_eq(r.kind, EVB_BESLUT);
	assert_date(r.on, "2021-07-01");
	ck_assert(!reportable_at(&first, "2021-09-30"));

	ck_assert(resolved_q3(&last, &r));            /* ... on its last day */
	assert_date(r.on, "2021-09-30");
	ck_assert(!reportable_at(&last, "2021-09-30"));

	ck_assert(!resolved_q3(&next, &r));           /* the day after: still reported, Q4 */
	ck_assert_int_eq(quarter_status(&next, "2021-07-01", "2021-09-30"), EVB_CARRIED_OVER);
	ck_assert(evb_resolved_in(&next, day("2021-10-01"), day("2021-12-31"), &r));
	assert_date(r.on, "2021-10-01");

	ck_assert(resolved_q3(&closed, &r));
	ck_assert_int_eq(r.how, EVB_AVSLUTAT);
	assert_date(r.on, "2021-08-15");

	ck_assert(resolved_q3(&both, &r));            /* a tie counts as executed */
	ck_assert_int_eq(r.how, EVB_VERKSTALLT);
	ck_assert(resolved_q3(&exec_then_close, &r)); /* the earlier ending is what counts */
	ck_assert_int_eq(r.how, EVB_VERKSTALLT);
	assert_date(r.on, "2021-08-10");

	memset(&r, 0x5a, sizeof r);
	ck_assert(!resolved_q3(&open, &r));
	ck_assert_int_eq(r.on.y, 0x5a5a5a5a);         /* untouched */
	ck_assert(evb_resolved_in(&first, day("2021-07-01"), day("2021-09-30"), NULL));
}
END_TEST

/* Executed within a quarter but never reportable at a cut-off: never reported, so never
 * "resolved after having been reported". */
START_TEST(test_resolved_needs_prior_report)
{
	/* Executed on Q2's last day, late, but Q1's cut-off (03-31) was before the deadline. */
	struct evb_decision q2 = decision("2021-01-15", "2021-06-30", NULL, NULL, NULL);
	/* Late from 08-02, executed 08-15: between two cut-offs. */
	struct evb_decision between = decision("2021-05-01", "2021-08-15", NULL, NULL, NULL);

	ck_assert(!reportable_at(&q2, "2021-03-31"));
	ck_assert(!evb_resolved_in(&q2, day("2021-04-01"), day("2021-06-30"), NULL));
	ck_assert(!evb_resolved_in(&q2, day("2021-07-01"), day("2021-09-30"), NULL));
	ck_assert(reportable_at(&between, "2021-08-10"));
	ck_assert(!reportable_at(&between, "2021-09-30"));
	ck_assert(!evb_resolved_in(&between, day("2021-07-01"), day("2021-09-30"), NULL));
}
END_TEST

START_TEST(test_avbrott_resolved_by_resumption)
{
	struct evb_decision in_q3 = decision("2021-01-15", "2021-01-20", "2021-02-01",
					     "2021-08-01", NULL);
	struct evb_decision in_q2 = decision("2021-01-15", "2021-01-20", "2021-02-01",
					     "2021-06-30", NULL);
	struct evb_decision closed = decision("2021-01-15", "2021-01-20", "2021-02-01",
					      "2021-09-01", "2021-08-01");
	struct evb_resolution r;

	ck_assert_int_eq(must_report(&in_q3, "2021-06-30").kind, EVB_AVBROTT);
	ck_assert(resolved_q3(&in_q3, &r));
	ck_assert_int_eq(r.how, EVB_VERKSTALLT);
	ck_assert_int_eq(r.kind, EVB_AVBROTT);
	assert_date(r.on, "2021-08-01");
	/* Late from 05-02 and resumed 06-30: never at a cut-off, so never resolved either. */
	ck_assert(!reportable_at(&in_q2, "2021-03-31"));
	ck_assert(reportable_at(&in_q2, "2021-06-29"));
	ck_assert(!evb_resolved_in(&in_q2, day("2021-04-01"), day("2021-06-30"), &r));
	ck_assert(!resolved_q3(&in_q2, &r));
	/* Closing before resumption (not a consistent record, see evb_check, but the earliest
	 * ending still wins). */
	ck_assert(resolved_q3(&closed, &r));
	ck_assert_int_eq(r.how, EVB_AVSLUTAT);
	assert_date(r.on, "2021-08-01");
}
END_TEST

/* A reported beslut executed and then interrupted: resolved as a beslut, and the avbrott is
 * a new report of its own later. */
START_TEST(test_beslut_resolved_then_avbrott_new)
{
	struct evb_decision d = decision("2020-12-01", "2021-04-01", "2021-04-02", NULL, NULL);
	struct evb_resolution r;
	struct evb_status st;

	st = must_report(&d, "2021-03-31");
	ck_assert_int_eq(st.kind, EVB_BESLUT);
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-01-01")), EVB_NEW);
	ck_assert(evb_resolved_in(&d, day("2021-04-01"), day("2021-06-30"), &r));
	ck_assert_int_eq(r.kind, EVB_BESLUT);
	assert_date(r.on, "2021-04-01");
	ck_assert(!reportable_at(&d, "2021-06-30"));
	st = must_report(&d, "2021-09-30");
	ck_assert_int_eq(st.kind, EVB_AVBROTT);
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-07-01")), EVB_NEW);
	/* Over a half year the beslut is resolved and the avbrott new in the same range. */
	st = must_report(&d, "2021-12-31");
	ck_assert_int_eq(evb_quarter_status(&st, day("2021-04-01")), EVB_NEW);
	ck_assert(evb_resolved_in(&d, day("2021-04-01"), day("2021-12-31"), NULL));
}
END_TEST

/* ---------------------------------------------------------------- validation */

START_TEST(test_check_consistent)
{
	static const char *const ok[][5] = {
		{ "2021-01-15", NULL, NULL, NULL, NULL },
		{ "2021-01-15", "2021-01-15", NULL, NULL, NULL },            /* same day */
		{ "2021-01-15", "2021-02-01", "2021-02-01", "2021-02-01", NULL },
		{ "2021-01-15", "2021-02-01", "2021-03-01", NULL, "2021-04-01" },
		{ "2021-01-15", "2021-02-01", "2021-03-01", "2021-04-01", "2021-04-01" },
		{ "2021-01-15", NULL, NULL, NULL, "2021-01-15" },            /* closed at once */
		{ "2021-01-15", "2021-05-01", NULL, NULL, "2021-05-01" },
	};
	struct evb_problem p[EVB_MAX_PROBLEMS];

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct evb_decision d = decision(ok[i][0], ok[i][1], ok[i][2], ok[i][3], ok[i][4]);
		ck_assert_msg(evb_check(&d, p) == 0, "case %zu: %s %s", i, p[0].field,
			      p[0].message);
	}
}
END_TEST

START_TEST(test_check_inconsistent)
{
	static const struct {
		const char *dates[5];
		const char *field, *message;
	} cases[] = {
		{ { "2021-01-15", "2021-01-14", NULL, NULL, NULL },
		  "executed_on", "is before decided_on" },
		{ { "2021-01-15", NULL, "2021-02-01", NULL, NULL },
		  "interrupted_on", "an interruption needs executed_on" },
		{ { "2021-01-15", "2021-02-01", "2021-01-31", NULL, NULL },
		  "interrupted_on", "is before executed_on" },
		{ { "2021-01-15", "2021-02-01", "2021-03-01", "2021-02-28", NULL },
		  "resumed_on", "is before interrupted_on" },
		{ { "2021-01-15", NULL, NULL, NULL, "2021-01-14" },
		  "closed_on", "is before decided_on" },
		{ { "2021-01-15", "2021-03-02", NULL, NULL, "2021-03-01" },
		  "executed_on", "is after closed_on" },
		{ { "2021-01-15", "2021-02-01", "2021-03-02", NULL, "2021-03-01" },
		  "interrupted_on", "is after closed_on" },
		{ { "2021-01-15", "2021-02-01", "2021-02-10", "2021-03-02", "2021-03-01" },
		  "resumed_on", "is after closed_on" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *s = cases[i].dates;
		struct evb_decision d = decision(s[0], s[1], s[2], s[3], s[4]);
		struct evb_problem p[EVB_MAX_PROBLEMS];

		ck_assert_msg(evb_check(&d, p) == 1, "case %zu: %zu problems", i,
			      evb_check(&d, p));
		ck_assert_str_eq(p[0].field, cases[i].field);
		ck_assert_str_eq(p[0].message, cases[i].message);
	}
}
END_TEST

/* Everything backwards: closed < resumed < interrupted < executed < decided. */
START_TEST(test_check_reports_every_problem)
{
	static const char *const fields[7] = {
		"executed_on", "executed_on", "interrupted_on", "interrupted_on",
		"resumed_on", "resumed_on", "closed_on",
	};
	struct evb_decision d = decision("2021-05-01", "2021-04-01", "2021-03-01", "2021-02-01",
					 "2021-01-01");
	struct evb_problem p[EVB_MAX_PROBLEMS];

	ck_assert_uint_eq(evb_check(&d, p), 7);
	for (size_t i = 0; i < 7; i++)
		ck_assert_str_eq(p[i].field, fields[i]);
	ck_assert_str_eq(p[1].message, "is after closed_on");
	ck_assert_str_eq(p[2].message, "is before executed_on");
}
END_TEST

/* The list: each interruption after the previous resumption, which must have happened; each
 * problem names the interruption it belongs to; at most EVB_MAX_PROBLEMS are reported. */
START_TEST(test_check_interruption_list)
{
	static const char *const ok[][2] = {{"2021-03-01", "2021-04-01"}, {"2021-04-01", NULL}};
	static const char *const open_before[][2] = {{"2021-03-01", NULL}, {"2021-05-01", NULL}};
	static const char *const overlap[][2] = {{"2021-03-01", "2021-04-01"},
						 {"2021-03-15", "2021-05-01"}};
	struct evb_decision base = decision("2021-01-15", "2021-02-01", NULL, NULL, NULL);
	struct evb_problem p[EVB_MAX_PROBLEMS];
	struct evb_decision d = interrupted(base, ok, 2);

	ck_assert_uint_eq(evb_check(&d, p), 0);
	d = interrupted(base, open_before, 2);
	ck_assert_uint_eq(evb_check(&d, p), 1);
	ck_assert_str_eq(p[0].field, "interrupted_on");
	ck_assert_int_eq(p[0].index, 1);
	ck_assert_str_eq(p[0].message, "the interruption before it was not resumed");
	d = interrupted(base, overlap, 2);
	ck_assert_uint_eq(evb_check(&d, p), 1);
	ck_assert_int_eq(p[0].index, 1);
	ck_assert_str_eq(p[0].message, "is before the previous resumed_on");
	/* the decision's own fields have no index */
	d = decision("2021-01-15", "2021-01-14", NULL, NULL, NULL);
	ck_assert_uint_eq(evb_check(&d, p), 1);
	ck_assert_int_eq(p[0].index, -1);
	/* twenty interruptions before the execution: the first EVB_MAX_PROBLEMS are kept */
	static const char *const early[20][2] = {
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
		{"2021-01-20", "2021-01-20"}, {"2021-01-20", "2021-01-20"},
	};
	d = interrupted(decision("2021-01-15", NULL, NULL, NULL, NULL), early, 20);
	ck_assert_uint_eq(evb_check(&d, p), EVB_MAX_PROBLEMS);
	ck_assert_int_eq(p[EVB_MAX_PROBLEMS - 1].index, EVB_MAX_PROBLEMS - 1);
	ck_assert_str_eq(p[0].message, "an interruption needs executed_on");
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(evb_kind_name(EVB_BESLUT), "beslut");
	ck_assert_str_eq(evb_kind_name(EVB_AVBROTT), "avbrott");
	ck_assert_str_eq(evb_quarter_status_name(EVB_NEW), "new");
	ck_assert_str_eq(evb_quarter_status_name(EVB_CARRIED_OVER), "carried_over");
	ck_assert_str_eq(evb_how_name(EVB_VERKSTALLT), "verkstallt");
	ck_assert_str_eq(evb_how_name(EVB_AVSLUTAT), "avslutat");
}
END_TEST

Suite *evb_suite(void)
{
	Suite *s = suite_create("evb");
	TCase *rule = tcase_create("rule");
	TCase *figures = tcase_create("figures");
	TCase *quarter = tcase_create("quarter");
	TCase *check = tcase_create("check");

	tcase_add_test(rule, test_deadline_table);
	tcase_add_test(rule, test_deadline_every_day);
	tcase_add_test(rule, test_cutoff_on_deadline_and_day_after);
	tcase_add_test(rule, test_cutoff_before_or_on_decision);
	tcase_add_test(rule, test_null_out_and_untouched);
	tcase_add_test(rule, test_executed_around_cutoff);
	tcase_add_test(rule, test_closed_around_cutoff);
	tcase_add_test(rule, test_declined_offer_still_reported);
	tcase_add_test(rule, test_interruption_counted_from_interruption);
	tcase_add_test(rule, test_resumed_around_cutoff);
	tcase_add_test(rule, test_interruption_after_cutoff_ignored);
	tcase_add_test(rule, test_executed_and_interrupted_same_day);
	tcase_add_test(rule, test_interrupted_resumed_interrupted_again);
	suite_add_tcase(s, rule);

	tcase_add_test(figures, test_days_and_months_waited);
	tcase_add_test(figures, test_bucket_boundaries);
	tcase_add_test(figures, test_bucket_names);
	tcase_add_test(figures, test_bucket_from_dates);
	tcase_add_test(figures, test_over_horizon);
	suite_add_tcase(s, figures);

	tcase_add_test(quarter, test_new_and_carried_over);
	tcase_add_test(quarter, test_new_means_not_reportable_before);
	tcase_add_test(quarter, test_resolved_in_quarter);
	tcase_add_test(quarter, test_resolved_needs_prior_report);
	tcase_add_test(quarter, test_avbrott_resolved_by_resumption);
	tcase_add_test(quarter, test_beslut_resolved_then_avbrott_new);
	suite_add_tcase(s, quarter);

	tcase_add_test(check, test_check_consistent);
	tcase_add_test(check, test_check_inconsistent);
	tcase_add_test(check, test_check_reports_every_problem);
	tcase_add_test(check, test_check_interruption_list);
	tcase_add_test(check, test_names);
	suite_add_tcase(s, check);
	return s;
}
