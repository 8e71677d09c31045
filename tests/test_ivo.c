/*
 * Tests of the report builders of the register of decisions not executed (src/domain/ivo.c):
 * plain arrays in, counts out, no server.  The three-month rule itself is pinned by
 * tests/test_evb.c; here the question is whether each report counts what the rule says, at
 * the right cut-off, exactly once.  The lex Sarah figures are tests/test_lex_sarah.c.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "folja/date.h"
#include "folja/ivo.h"
#include "tests.h"

static struct date day(const char *s)
{
	struct date d;
	ck_assert_msg(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

/* A decision from its dates (NULL for absent) and codes. */
static struct ivo_decision dec(int64_t id, const char *insats, const char *gender,
			       const char *decided, const char *executed,
			       const char *interrupted, const char *resumed, const char *closed)
{
	struct ivo_decision d;
	memset(&d, 0, sizeof d);
	d.id = id;
	d.insats = insats;
	d.law = strncmp(insats, "lss_", 4) == 0 ? "LSS" : "SoL";
	d.gender = gender;
	d.inriktning = "barn_och_familj";
	d.dates.decided_on = day(decided);
	if ((d.dates.has_executed = executed != NULL))
		d.dates.executed_on = day(executed);
	if (interrupted) {
		static struct evb_interruption slots[256];
		static size_t next;
		struct evb_interruption *in = &slots[next++ % 256];
		in->interrupted_on = day(interrupted);
		if ((in->has_resumed = resumed != NULL))
			in->resumed_on = day(resumed);
		d.dates.interruptions = in;
		d.dates.n_interruptions = 1;
	}
	if ((d.dates.has_closed = closed != NULL))
		d.dates.closed_on = day(closed);
	return d;
}

/* ---------------------------------------------------------------- tallies */

/* The count under @p key in @p t (NULL counts as ""), 0 when absent. */
static int ivo_tally_get(const struct ivo_tallies *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->items[i].key, key ? key : "") == 0)
			return t->items[i].count;
	return 0;
}

START_TEST(test_tally_counts_and_kinds)
{
	static struct ivo_tallies t;
	memset(&t, 0, sizeof t);
	ivo_tally_add(&t, "familjehem", EVB_BESLUT);
	ivo_tally_add(&t, "kontaktfamilj", EVB_BESLUT);
	ivo_tally_add(&t, "familjehem", EVB_AVBROTT);
	ivo_tally_add(&t, NULL, EVB_BESLUT);
	ck_assert_uint_eq(t.n, 3);
	ck_assert_str_eq(t.items[0].key, "familjehem");
	ck_assert_int_eq(t.items[0].count, 2);
	ck_assert_int_eq(t.items[0].beslut, 1);
	ck_assert_int_eq(t.items[0].avbrott, 1);
	ck_assert_int_eq(ivo_tally_get(&t, "kontaktfamilj"), 1);
	ck_assert_int_eq(ivo_tally_get(&t, ""), 1);
	ck_assert_int_eq(ivo_tally_get(&t, "hemtjanst"), 0);
}
END_TEST

START_TEST(test_tally_overflow)
{
	static struct ivo_tallies t;
	static char keys[IVO_TALLY_MAX + 2][8];
	memset(&t, 0, sizeof t);
	for (int i = 0; i < IVO_TALLY_MAX + 2; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		ivo_tally_add(&t, keys[i], EVB_BESLUT);
	}
	ck_assert_uint_eq(t.n, IVO_TALLY_MAX);
	ck_assert_int_eq(t.overflow, 2);
	/* A key already present still counts when the tally is full. */
	ivo_tally_add(&t, "k0", EVB_BESLUT);
	ck_assert_int_eq(ivo_tally_get(&t, "k0"), 2);
}
END_TEST

/* ---------------------------------------------------------------- the quarter's report */

/* A register for 2021-Q3 (cut-off 2021-09-30, previous cut-off 2021-06-30). */
static const struct ivo_decision *q3_register(size_t *n)
{
	static struct ivo_decision ds[11];
	ds[0] = dec(1, "familjehem", "K", "2021-03-15", NULL, NULL, NULL, NULL);       /* carried */
	ds[1] = dec(2, "kontaktfamilj", "M", "2021-06-10", NULL, NULL, NULL, NULL);    /* new */
	ds[2] = dec(3, "familjehem", "K", "2021-06-30", NULL, NULL, NULL, NULL);       /* deadline = cut-off */
	ds[3] = dec(4, "oppenvard_familjebehandling", "K", "2020-10-01", "2020-11-02",
		    "2021-05-03", NULL, NULL);                                          /* avbrott, new */
	ds[4] = dec(5, "kontaktperson", "M", "2021-02-01", "2021-08-16", NULL, NULL, NULL); /* resolved */
	ds[5] = dec(6, "kontaktperson", "K", "2021-01-10", NULL, NULL, NULL, "2021-07-05"); /* closed */
	ds[6] = dec(7, "kontaktperson", "M", "2021-05-01", "2021-07-20", NULL, NULL, NULL); /* in time */
	ds[7] = dec(8, "lss_10_daglig_verksamhet", "annat", "2020-01-31", NULL, NULL, NULL,
		    NULL);                                                              /* 20 months */
	ds[8] = dec(9, "familjehem", "M", "2021-06-29", NULL, NULL, NULL, "2021-09-30"); /* closed on cut-off */
	/* deadline 2021-06-30 is the previous cut-off: never reported, so not "resolved" */
	ds[9] = dec(10, "familjehem", "K", "2021-03-30", "2021-09-30", NULL, NULL, NULL);
	ds[10] = dec(11, "familjehem", "K", "2021-03-29", "2021-09-30", NULL, NULL, NULL); /* executed on cut-off */
	*n = 11;
	return ds;
}

START_TEST(test_quarter_report_rows)
{
	size_t n, n_rows, n_res;
	const struct ivo_decision *ds = q3_register(&n);
	struct ivo_row rows[11];
	struct ivo_resolved res[11];
	static struct ivo_totals t;

	ivo_build(ds, n, day("2021-07-01"), day("2021-09-30"), IVO_HORIZON_DAYS_DEFAULT, rows,
		  &n_rows, res, &n_res, &t);
	ck_assert_uint_eq(n_rows, 4);
	/* in input order: 1 carried over, 2 new, 4 avbrott new, 8 carried over */
	ck_assert_int_eq(ds[rows[0].index].id, 1);
	ck_assert_int_eq(rows[0].status, EVB_CARRIED_OVER);
	ck_assert_int_eq(rows[0].st.days_waited, 199);
	ck_assert_int_eq(ds[rows[1].index].id, 2);
	ck_assert_int_eq(rows[1].status, EVB_NEW);
	ck_assert_int_eq(ds[rows[2].index].id, 4);
	ck_assert_int_eq(rows[2].st.kind, EVB_AVBROTT);
	ck_assert_int_eq(rows[2].status, EVB_NEW);
	ck_assert_int_eq(rows[2].st.days_waited, 150);    /* from the interruption, not decision */
	ck_assert_int_eq(ds[rows[3].index].id, 8);
	ck_assert_int_eq(rows[3].status, EVB_CARRIED_OVER);
	ck_assert(rows[3].at_risk);
	ck_assert(rows[0].at_risk);                       /* 199 days > 180 */
	ck_assert(!rows[1].at_risk);

	/* resolved: 5 executed in the quarter, 6 closed in the quarter, 11 executed on the
	 * cut-off; 7 was never late, 9 and 10 were not reportable at 2021-06-30 */
	ck_assert_uint_eq(n_res, 3);
	ck_assert_int_eq(ds[res[0].index].id, 5);
	ck_assert_int_eq(res[0].res.how, EVB_VERKSTALLT);
	ck_assert_int_eq(ds[res[1].index].id, 6);
	ck_assert_int_eq(res[1].res.how, EVB_AVSLUTAT);
	ck_assert_int_eq(ds[res[2].index].id, 11);
	ck_assert_int_eq(res[2].res.on.d, 30);
}
END_TEST

START_TEST(test_quarter_report_totals)
{
	size_t n, n_rows, n_res;
	const struct ivo_decision *ds = q3_register(&n);
	struct ivo_row rows[11];
	struct ivo_resolved res[11];
	static struct ivo_totals t;

	ivo_build(ds, n, day("2021-07-01"), day("2021-09-30"), IVO_HORIZON_DAYS_DEFAULT, rows,
		  &n_rows, res, &n_res, &t);
	ck_assert_int_eq(t.count, 4);
	ck_assert_int_eq(t.beslut, 3);
	ck_assert_int_eq(t.avbrott, 1);
	ck_assert_int_eq(t.at_risk, 2);
	ck_assert_int_eq(ivo_tally_get(&t.by_insats, "familjehem"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_insats, "kontaktfamilj"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_insats, "oppenvard_familjebehandling"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_law, "SoL"), 3);
	ck_assert_int_eq(ivo_tally_get(&t.by_law, "LSS"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_gender, "K"), 2);
	ck_assert_int_eq(ivo_tally_get(&t.by_gender, "M"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_gender, "annat"), 1);
	ck_assert_int_eq(ivo_tally_get(&t.by_inriktning, "barn_och_familj"), 4);
	/* months waited: 6 (1), 3 (2), 4 (4), 20 (8) */
	ck_assert_int_eq(t.by_wait[EVB_BUCKET_3_6], 3);
	ck_assert_int_eq(t.by_wait[EVB_BUCKET_18_PLUS], 1);
	ck_assert_int_eq(t.by_wait[EVB_BUCKET_7_9] + t.by_wait[EVB_BUCKET_10_12] +
			 t.by_wait[EVB_BUCKET_13_17], 0);
}
END_TEST

START_TEST(test_horizon_is_configurable)
{
	size_t n, n_rows;
	const struct ivo_decision *ds = q3_register(&n);
	struct ivo_row rows[11];
	static struct ivo_totals t;

	/* id 1 waited exactly 199 days: flagged with 198, not with 199 */
	ivo_build(ds, 1, day("2021-07-01"), day("2021-09-30"), 198, rows, &n_rows, NULL, NULL, &t);
	ck_assert(rows[0].at_risk);
	ivo_build(ds, 1, day("2021-07-01"), day("2021-09-30"), 199, rows, &n_rows, NULL, NULL, &t);
	ck_assert(!rows[0].at_risk);
	ck_assert_int_eq(t.at_risk, 0);
}
END_TEST

START_TEST(test_empty_register)
{
	size_t n_rows = 99, n_res = 99;
	struct ivo_row rows[1];
	struct ivo_resolved res[1];
	static struct ivo_totals t;
	ivo_build(NULL, 0, day("2021-01-01"), day("2021-03-31"), 180, rows, &n_rows, res, &n_res, &t);
	ck_assert_uint_eq(n_rows, 0);
	ck_assert_uint_eq(n_res, 0);
	ck_assert_int_eq(t.count, 0);
}
END_TEST

/* A non-quarter period (the council report "per den 31 augusti"): same rule, that cut-off. */
START_TEST(test_tertial_cut_off)
{
	struct ivo_decision ds[3];
	struct ivo_row rows[3];
	size_t n_rows;
	static struct ivo_totals t;
	ds[0] = dec(1, "familjehem", "K", "2017-05-31", NULL, NULL, NULL, NULL);  /* deadline 08-31 */
	ds[1] = dec(2, "familjehem", "K", "2017-05-30", NULL, NULL, NULL, NULL);  /* deadline 08-30 */
	ds[2] = dec(3, "oppenvard_familjebehandling", "M", "2016-10-03", "2016-11-07",
		    "2017-03-06", "2017-09-25", NULL);
	ivo_build(ds, 3, day("2017-05-01"), day("2017-08-31"), 180, rows, &n_rows, NULL, NULL, &t);
	ck_assert_uint_eq(n_rows, 2);
	ck_assert_int_eq(ds[rows[0].index].id, 2);
	ck_assert_int_eq(t.avbrott, 1);
	ck_assert_int_eq(t.by_insats.items[0].beslut, 1);
	ck_assert_int_eq(t.by_insats.items[1].avbrott, 1);
}
END_TEST

/* ---------------------------------------------------------------- the year */

START_TEST(test_year_distinct_and_per_quarter)
{
	struct ivo_decision ds[5];
	static struct ivo_year y;
	ds[0] = dec(1, "familjehem", "K", "2021-06-14", "2022-01-17", NULL, NULL, NULL); /* Q3, Q4 */
	ds[1] = dec(2, "kontaktfamilj", "M", "2021-06-30", "2022-01-10", NULL, NULL, NULL); /* Q4 only */
	ds[2] = dec(3, "kontaktperson", "K", "2020-09-01", "2021-04-01", NULL, NULL, NULL); /* Q1 */
	ds[3] = dec(4, "kontaktperson", "K", "2021-10-01", NULL, NULL, NULL, NULL);     /* 2022 */
	ds[4] = dec(5, "familjehem", "M", "2020-01-01", "2020-12-01", NULL, NULL, NULL); /* 2020 */
	ivo_year_build(ds, 5, 2021, 180, &y);
	ck_assert_int_eq(y.year, 2021);
	ck_assert_int_eq(y.distinct, 3);
	ck_assert_int_eq(ivo_tally_get(&y.by_insats, "familjehem"), 1);
	ck_assert_int_eq(ivo_tally_get(&y.by_insats, "kontaktfamilj"), 1);
	ck_assert_int_eq(ivo_tally_get(&y.by_insats, "kontaktperson"), 1);
	ck_assert_int_eq(y.quarter_count[0], 1);
	ck_assert_int_eq(y.quarter_count[1], 0);
	ck_assert_int_eq(y.quarter_count[2], 1);
	ck_assert_int_eq(y.quarter_count[3], 2);
	ck_assert_int_eq(ivo_tally_get(&y.quarter_by_insats[3], "kontaktfamilj"), 1);
	/* beyond 180 days at some quarter's end: id 3 (211 days at 03-31), id 1 (200 at 12-31),
	 * id 2 (184 at 12-31) */
	ck_assert_int_eq(y.at_risk, 3);
	ivo_year_build(ds, 5, 2021, 200, &y);
	ck_assert_int_eq(y.at_risk, 1);
}
END_TEST

/* The year's quarter ends are the real last days, leap year or not. */
START_TEST(test_year_quarter_ends)
{
	struct ivo_decision ds[2];
	static struct ivo_year y;
	ds[0] = dec(1, "familjehem", "K", "2023-12-30", NULL, NULL, NULL, NULL);  /* deadline 2024-03-30 */
	ds[1] = dec(2, "familjehem", "K", "2023-12-31", NULL, NULL, NULL, NULL);  /* deadline 2024-03-31 */
	ivo_year_build(ds, 2, 2024, 180, &y);
	ck_assert_int_eq(y.quarter_count[0], 1);
	ck_assert_int_eq(y.quarter_count[1], 2);
	ck_assert_int_eq(y.distinct, 2);
}
END_TEST

Suite *ivo_suite(void)
{
	Suite *s = suite_create("ivo");
	TCase *tc = tcase_create("tallies");
	tcase_add_test(tc, test_tally_counts_and_kinds);
	tcase_add_test(tc, test_tally_overflow);
	suite_add_tcase(s, tc);
	tc = tcase_create("quarter");
	tcase_add_test(tc, test_quarter_report_rows);
	tcase_add_test(tc, test_quarter_report_totals);
	tcase_add_test(tc, test_horizon_is_configurable);
	tcase_add_test(tc, test_empty_register);
	tcase_add_test(tc, test_tertial_cut_off);
	suite_add_tcase(s, tc);
	tc = tcase_create("year");
	tcase_add_test(tc, test_year_distinct_and_per_quarter);
	tcase_add_test(tc, test_year_quarter_ends);
	suite_add_tcase(s, tc);
	return s;
}
