/*
 * The demo data set reproduces the seeds' economy beyond the operating budget through the
 * API: seed 002's investments (5 / 0,5 / 4 mnkr), its budget frame with KF's decisions and
 * its årsprognos beside the previous month's; seed 001's resultaträkning with "Summa
 * kostnader", the "varav Covid-19" rows and 2020 beside 2021, and its "Detaljer
 * underliggande verksamheter" in one call; seed 003's flyktingmottagande tables; Haninge's
 * full year against four months of outcome flagged; and the Agenda 2030 goals of seed 001's
 * goal area 4.  Where a printed figure is not the sum of its printed rows, the test asserts
 * the rows and says what the report printed.
 */
#include <check.h>
#include <string.h>

#include "support.h"

static int64_t unit_id(const char *code)
{
	struct tresp r;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/units?q=%s&limit=1000", code);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	size_t i;
	json_t *u;
	int64_t id = 0;
	json_array_foreach(json_object_get(r.json, "items"), i, u)
		if (strcmp(json_string_value(json_object_get(u, "code")), code) == 0)
			id = json_integer_value(json_object_get(u, "id"));
	tresp_free(&r);
	ck_assert_msg(id > 0, "no demo unit %s", code);
	return id;
}

/* GET @p path (a printf format with the unit's id first) as a reader; the JSON (decref). */
static json_t *get_for(const char *code, const char *fmt)
{
	struct tresp r;
	char path[256];
	snprintf(path, sizeof path, fmt, (long long)unit_id(code));
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *j = json_incref(r.json);
	tresp_free(&r);
	return j;
}

static json_t *find(json_t *n, const char *key)
{
	const char *k = json_string_value(json_object_get(n, "key"));
	if (k && strcmp(k, key) == 0)
		return n;
	size_t i;
	json_t *c, *hit;
	json_array_foreach(json_object_get(n, "children"), i, c)
		if ((hit = find(c, key)))
			return hit;
	return NULL;
}

static json_t *node(json_t *reply, const char *key)
{
	json_t *n = find(json_object_get(reply, "root"), key);
	ck_assert_msg(n != NULL, "no node %s", key);
	return n;
}

static int64_t num(const json_t *n, const char *field)
{
	json_t *v = json_object_get(n, field);
	ck_assert_msg(json_is_integer(v), "%s is not an integer", field);
	return json_integer_value(v);
}

static const char *str(const json_t *n, const char *field)
{
	return json_string_value(json_object_get(n, field));
}

static const char *color(const json_t *n)
{
	return str(json_object_get(n, "assessment"), "color");
}

/* outcome, budget and deviation of the period, as a report's columns read */
#define CHECK_OBD(n, o, b, d) do { \
	ck_assert_int_eq(num(n, "outcome_period"), o); \
	ck_assert_int_eq(num(n, "budget_period"), b); \
	ck_assert_int_eq(num(n, "deviation_period"), d); \
} while (0)
/* last year's outcome, budget and deviation for the same months */
#define CHECK_PREV(n, o, b, d) do { \
	ck_assert_int_eq(num(n, "previous_year_outcome"), o); \
	ck_assert_int_eq(num(n, "previous_year_budget"), b); \
	ck_assert_int_eq(num(n, "previous_year_deviation"), d); \
} while (0)

/* Seed 002, "Investeringsredovisning": 5 mnkr budget, 0,5 spent, 4 expected. */
START_TEST(seed002_investments)
{
	json_t *j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1"
			    "&ledger=investering&group_by=project&scale=tkr");
	json_t *root = json_object_get(j, "root");
	ck_assert_int_eq(num(root, "budget_year"), -5000);
	ck_assert_int_eq(num(root, "budget_period"), -5000);   /* not periodised */
	ck_assert_int_eq(num(root, "outcome_period"), -500);
	ck_assert_int_eq(num(root, "forecast_year"), -4000);
	ck_assert_int_eq(num(root, "forecast_deviation"), 1000);
	ck_assert_double_eq_tol(json_real_value(json_object_get(root, "spent_share_pct")), 10.0,
				1e-9);
	/* no green for underspending: it means delayed projects */
	ck_assert_ptr_null(color(root));
	ck_assert_str_eq(str(json_object_get(json_object_get(root, "assessment"), "explain"),
			     "rule"), "investment_ledger");
	/* "Hälften av dessa medel har gått till anpassning av 6 boendeplatser på Vädersjövägen" */
	json_t *v = node(j, "Anpassning boendeplatser Vädersjövägen");
	ck_assert_int_eq(num(v, "outcome_period"), -250);
	ck_assert_str_eq(str(v, "kind"), "project");
	json_decref(j);
	/* in mnkr the budget and the forecast as printed; the operating rollup is untouched */
	j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1"
		    "&ledger=investering&scale=mnkr");
	ck_assert_int_eq(num(json_object_get(j, "root"), "budget_year"), -5);
	ck_assert_int_eq(num(json_object_get(j, "root"), "forecast_year"), -4);
	json_decref(j);
	j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1&scale=tkr");
	CHECK_OBD(node(j, "HA-SN"), -270870, -274701, 3831);
	json_decref(j);
}
END_TEST

/* Seed 002, "Förvaltningens budgetram". */
START_TEST(seed002_budget_frame)
{
	json_t *j = get_for("HA-SN", "/api/v1/budget/frame?unit_id=%lld&year=2017&scale=tkr");
	json_t *ch = json_object_get(j, "changes");
	ck_assert_uint_eq(json_array_size(ch), 3);
	static const struct {
		const char *on;
		int64_t tkr;
	} printed[] = {{"2016-12-05", -803}, {"2017-03-06", -270}, {"2017-04-18", -2781}};
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(str(json_array_get(ch, i), "decided_on"), printed[i].on);
		ck_assert_int_eq(num(json_array_get(ch, i), "amount"), printed[i].tkr);
	}
	ck_assert_ptr_nonnull(strstr(str(json_array_get(ch, 2), "decision_ref"), "§ 91"));
	ck_assert_int_eq(num(j, "budget_changes"), -3854);
	/* "Ny budgetram 2017 853 854": the per-avdelning budgets add up to 853 855, so the
	 * original (printed 850 000) is 850 001 by the rows */
	ck_assert_int_eq(num(j, "budget_year"), -853855);
	ck_assert_int_eq(num(j, "budget_original"), -850001);
	json_t *orig = json_array_get(json_object_get(j, "original"), 0);
	ck_assert_str_eq(str(orig, "decided_on"), "2016-06-13");
	json_decref(j);
	/* the rollup's node shows the same split */
	j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1&scale=tkr");
	ck_assert_int_eq(num(node(j, "HA-SN"), "budget_changes"), -3854);
	ck_assert_int_eq(num(node(j, "HA-SN"), "budget_original"), -850001);
	json_decref(j);
}
END_TEST

/* Seed 002, "Årsprognos": previous month's forecast, this one, the change (as deviations). */
START_TEST(seed002_forecast_history)
{
	json_t *j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1"
			    "&scale=tkr");
	static const struct {
		const char *unit;
		int64_t now;
	} rows[] = {{"HA-FG", 0}, {"HA-FN", 0}, {"HA-BU", -2500}, {"HA-VU", -1500},
		    {"HA-SO", 0}, {"HA-BB", 0}, {"HA-ASA", 0}, {"HA-BEST", -4000},
		    {"HA-SN", 0}};  /* "Summa Prognos 0 0 0" */
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		json_t *n = node(j, rows[i].unit);
		ck_assert_int_eq(num(n, "forecast_deviation_previous"), 0);
		ck_assert_int_eq(num(n, "forecast_deviation"), rows[i].now);
		ck_assert_int_eq(num(n, "forecast_change"), rows[i].now);
	}
	/* "Nämndens kostnader +4 000": the committee's own lines, HA-SN less its förvaltning */
	ck_assert_int_eq(num(node(j, "HA-SN"), "forecast_change") -
			 num(node(j, "HA-SF"), "forecast_change"), 4000);
	json_t *fc = json_object_get(json_object_get(json_object_get(node(j, "HA-BU"),
		"assessment"), "explain"), "forecast");
	ck_assert_int_eq(num(fc, "latest_month"), 4);
	ck_assert_int_eq(num(fc, "previous_month"), 3);
	ck_assert_int_eq(num(fc, "cells"), 2);
	json_decref(j);
}
END_TEST

/* A figure rounded to one decimal goes out as that decimal (68.3), not as the nearest
 * double's 17 digits (68.299999999999997), which a controller would paste into a report. */
START_TEST(rounded_figures_read_as_written)
{
	struct tresp r;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/budget/rollup?unit_id=%lld&period=2017",
		 (long long)unit_id("HA-SN"));
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"deviation_pct\":68.3,"));
	ck_assert_ptr_null(strstr(r.body, "99999999"));
	ck_assert_ptr_null(strstr(r.body, "00000000001"));
	tresp_free(&r);
}
END_TEST

/* Haninge's full year against January–April outcome: +68 %, green, and now flagged. */
START_TEST(seed002_full_year_flagged)
{
	json_t *j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017");
	json_t *sn = node(j, "HA-SN");
	ck_assert_double_eq_tol(json_real_value(json_object_get(sn, "deviation_pct")), 68.3, 1e-9);
	ck_assert_str_eq(color(sn), "gron");
	ck_assert_str_eq(str(sn, "outcome_through"), "2017-04");
	ck_assert(json_is_true(json_object_get(sn, "outcome_incomplete")));
	json_t *cov = json_object_get(json_object_get(json_object_get(sn, "assessment"),
						      "explain"), "outcome_coverage");
	ck_assert(json_is_true(json_object_get(cov, "incomplete")));
	ck_assert_str_eq(str(cov, "period_last_month"), "2017-12");
	json_decref(j);
	/* T1 runs through April: not flagged */
	j = get_for("HA-SN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T1");
	ck_assert(json_is_false(json_object_get(node(j, "HA-SN"), "outcome_incomplete")));
	json_decref(j);
}
END_TEST

/* Seed 001, "Resultaträkning per verksamhetsområde" with subtotals, varav and 2020. */
START_TEST(seed001_resultatrakning)
{
	json_t *j = get_for("TY-IFO", "/api/v1/budget/rollup?unit_id=%lld&period=2021"
			    "&group_by=account&subtotals=true&scale=tkr");
	json_t *inc = node(j, "Externa och interna intäkter");
	CHECK_OBD(inc, 66122, 61525, 4597);
	CHECK_PREV(inc, 69100, 66397, 2703);
	json_t *covid = node(j, "Statlig ersättning Covid-19");
	ck_assert_str_eq(str(covid, "kind"), "varav");
	ck_assert_str_eq(str(covid, "name"), "varav statlig ersättning Covid-19");
	ck_assert_int_eq(num(covid, "outcome_period"), 959);
	ck_assert_int_eq(num(covid, "previous_year_outcome"), 357);
	/* "Summa kostnader −314 654 −306 881 −7 772": the row deviations printed add up to
	 * −7 772; from kronor the deviation is −7 772 550, −7 773 */
	json_t *cost = node(j, "Kostnader");
	ck_assert_str_eq(str(cost, "kind"), "group");
	CHECK_OBD(cost, -314654, -306881, -7773);
	/* 2020: printed −312 266 / −307 504; the 2020 rows add up to −312 265 */
	CHECK_PREV(cost, -312265, -307504, -4761);
	CHECK_OBD(node(j, "Personalkostnader"), -102550, -103447, 897);
	CHECK_PREV(node(j, "Kostnader för köp av verksamhet"), -118615, -114604, -4011);
	json_t *ifo = node(j, "TY-IFO");
	ck_assert_str_eq(str(ifo, "previous_year_from"), "2020-01");
	ck_assert_str_eq(str(ifo, "previous_year_to"), "2020-12");
	ck_assert(json_is_null(json_object_get(ifo, "previous_year_reason")));
	json_decref(j);
	/* Arbetsmarknad och Integration: varav 192 in 2021, nothing printed for 2020 */
	j = get_for("TY-AMI", "/api/v1/budget/rollup?unit_id=%lld&period=2021"
		    "&group_by=account&subtotals=true&scale=tkr");
	CHECK_OBD(node(j, "Externa och interna intäkter"), 44263, 44102, 161);
	ck_assert_int_eq(num(node(j, "Statlig ersättning Covid-19"), "outcome_period"), 192);
	covid = node(j, "Statlig ersättning Covid-19");
	ck_assert(json_is_null(json_object_get(covid, "previous_year_outcome")));
	ck_assert_str_eq(str(covid, "previous_year_reason"), "no lines in 2020");
	CHECK_OBD(node(j, "Kostnader"), -62546, -61547, -999);  /* printed −62 547, −1 000 */
	json_decref(j);
}
END_TEST

/* Seed 001, "Detaljer underliggande verksamheter": units with their activities, one call. */
START_TEST(seed001_detaljer_in_one_call)
{
	json_t *j = get_for("TY-ASF", "/api/v1/budget/rollup?unit_id=%lld&period=2021"
			    "&group_by=unit,activity&scale=tkr");
	json_t *ifo = node(j, "TY-IFO"), *first = json_array_get(json_object_get(ifo,
								       "children"), 0);
	/* in the report's order, with names */
	ck_assert_str_eq(str(first, "kind"), "activity");
	ck_assert_str_eq(str(first, "name"), "Gemensamt IFO");
	CHECK_OBD(first, -87501, -85549, -1952);  /* printed −1 953 */
	CHECK_PREV(first, -82290, -81902, -388);
	CHECK_OBD(node(j, "Ensamkommande barn & ungdom"), 1320, 453, 867);
	CHECK_PREV(node(j, "Ensamkommande barn & ungdom"), -1301, 1499, -2800);
	/* "Resultat IFO" and "Resultat ASN" are the unit nodes */
	CHECK_OBD(ifo, -248531, -245356, -3175);
	json_t *ami = node(j, "TY-AMI");
	CHECK_OBD(json_array_get(json_object_get(ami, "children"), 0), -11363, -13359, 1996);
	CHECK_PREV(ami, -14069, -14463, 394);
	CHECK_OBD(node(j, "TY-ASF"), -266815, -262801, -4014);
	CHECK_PREV(node(j, "TY-ASF"), -257234, -255570, -1664);
	json_decref(j);
}
END_TEST

/* Seed 003, the flyktingmottagande tables through August 2017. */
START_TEST(seed003_flyktingmottagande)
{
	json_t *j = get_for("TY-FLY-MYN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T2"
			    "&scale=tkr");
	json_t *myn = node(j, "TY-FLY-MYN");
	/* kommunbidrag 10 664, nettoresultat −10 221, against it 443 ("Totalt
	 * flyktingmottagande"), årsprognos −13 500 */
	CHECK_OBD(myn, -10221, -10664, 443);
	ck_assert_int_eq(num(myn, "forecast_year"), -13500);
	ck_assert_str_eq(str(myn, "outcome_through"), "2017-08");
	json_decref(j);
	j = get_for("TY-FLY-MYN", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T2"
		    "&group_by=account&scale=tkr");
	ck_assert_int_eq(num(node(j, "Externa och interna intäkter"), "outcome_period"), 42416);
	ck_assert_int_eq(num(node(j, "Övriga kostnader"), "outcome_period"), -52636);
	json_decref(j);
	j = get_for("TY-FLY-KR", "/api/v1/budget/rollup?unit_id=%lld&period=2017-T2"
		    "&group_by=account&scale=tkr");
	json_t *kr = node(j, "TY-FLY-KR");
	ck_assert_int_eq(num(kr, "outcome_period"), -439);
	ck_assert_int_eq(num(kr, "forecast_year"), -600);
	ck_assert_int_eq(num(node(j, "Externa och interna intäkter"), "outcome_period"), 4969);
	ck_assert_int_eq(num(node(j, "Övriga kostnader"), "outcome_period"), -5409);
	json_decref(j);
}
END_TEST

/* 2018 against 2017: the only 2017 outcome is January–August; no silent 12-against-8. */
START_TEST(seed000_previous_year_not_covered)
{
	json_t *j = get_for("TY-IFO", "/api/v1/budget/rollup?unit_id=%lld&period=2018&scale=tkr");
	json_t *ifo = node(j, "TY-IFO");
	ck_assert(json_is_null(json_object_get(ifo, "previous_year_outcome")));
	ck_assert(json_is_null(json_object_get(ifo, "previous_year_deviation")));
	ck_assert_str_eq(str(ifo, "previous_year_outcome_through"), "2017-08");
	ck_assert_ptr_nonnull(strstr(str(ifo, "previous_year_reason"), "through 2017-12"));
	json_t *py = json_object_get(json_object_get(json_object_get(ifo, "assessment"),
						     "explain"), "previous_year");
	ck_assert_str_eq(str(py, "coverage"), "short");
	json_decref(j);
}
END_TEST

/* The code lists, and seed 001's goal area 4 with its Agenda 2030 goals. */
START_TEST(code_lists_and_agenda_2030)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/accounts", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 6);
	ck_assert_ptr_nonnull(strstr(r.body, "\"kind\":\"varav\",\"parent\":\"Externa och "
				     "interna intäkter\""));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/activities?limit=1000", T_READER, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"code\":\"Flyktingmottagande\""));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/goals?level=malomrade&limit=1000", T_READER, NULL,
			     &r), 200);
	size_t i;
	json_t *g, *area4 = NULL;
	json_array_foreach(json_object_get(r.json, "items"), i, g)
		if (strncmp(str(g, "title"), "4. Hållbar ekonomi", 19) == 0)
			area4 = g;
	ck_assert_ptr_nonnull(area4);
	json_t *sdg = json_object_get(area4, "agenda2030");
	ck_assert_uint_eq(json_array_size(sdg), 2);
	ck_assert_int_eq(json_integer_value(json_array_get(sdg, 0)), 12);
	ck_assert_int_eq(json_integer_value(json_array_get(sdg, 1)), 13);
	tresp_free(&r);
}
END_TEST

/* Counts the nodes below and with @p n, and those named, asserting that a node with a code
 * carries a name (lines booked without a code form a group whose key and name are null). */
static void count_named(const json_t *n, const char *query, int *nodes, int *named)
{
	const char *key = str(n, "key"), *name = str(n, "name");
	ck_assert_msg(!key || (name && *name), "%s: %s has no name", query, key);
	(*nodes)++;
	*named += name != NULL;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(n, "children"), i, c)
		count_named(c, query, nodes, named);
}

/* Every grouping names its rows: units, activities, accounts with subtotals, units with
 * their activities, projects. */
START_TEST(every_grouped_row_is_named)
{
	static const struct {
		const char *unit, *query;
		int nodes;     /* what the demo holds */
	} groupings[] = {
		{"TY-ASN", "period=2021&group_by=unit", 18},
		{"TY-ASN", "period=2021&group_by=activity", 11},
		{"TY-ASN", "period=2021&group_by=account&subtotals=true", 7},
		{"TY-ASN", "period=2021&group_by=unit%%2Cactivity", 28},
		{"HA-SN", "period=2017-T1&ledger=investering&group_by=project", 4},
	};
	for (size_t i = 0; i < sizeof groupings / sizeof groupings[0]; i++) {
		char fmt[160];
		int nodes = 0, named = 0;
		snprintf(fmt, sizeof fmt, "/api/v1/budget/rollup?unit_id=%%lld&%s",
			 groupings[i].query);
		json_t *j = get_for(groupings[i].unit, fmt);
		count_named(json_object_get(j, "root"), groupings[i].query, &nodes, &named);
		ck_assert_msg(nodes == groupings[i].nodes, "%s: %d nodes", groupings[i].query, nodes);
		/* only the investment budget booked on no project lacks a name */
		ck_assert_int_eq(named, nodes - (i == 4));
		json_decref(j);
	}
}
END_TEST

Suite *economy_demo_suite(void)
{
	Suite *s = suite_create("economy_demo");
	TCase *tc = tcase_create("seeds");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(tc, seed002_investments);
	tcase_add_test(tc, seed002_budget_frame);
	tcase_add_test(tc, seed002_forecast_history);
	tcase_add_test(tc, seed002_full_year_flagged);
	tcase_add_test(tc, rounded_figures_read_as_written);
	tcase_add_test(tc, seed001_resultatrakning);
	tcase_add_test(tc, seed001_detaljer_in_one_call);
	tcase_add_test(tc, seed003_flyktingmottagande);
	tcase_add_test(tc, seed000_previous_year_not_covered);
	tcase_add_test(tc, code_lists_and_agenda_2030);
	tcase_add_test(tc, every_grouped_row_is_named);
	suite_add_tcase(s, tc);
	return s;
}
