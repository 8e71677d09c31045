/*
 * The demo data set reproduces the seeds' published budget tables through the API.
 *
 * Each test starts a server on the demo data and asks /api/v1/budget/rollup what a controller
 * would ask, then compares with the figures printed in the seed.  The demo lines are the
 * printed rows (tkr × 1000), so the rollups add the rows; where a published total is not the
 * sum of its own printed rows (the tables are rounded from kronor, and one has misprints),
 * the test asserts the sum of the rows and says what the report printed instead.
 */
#include <check.h>
#include <string.h>

#include "support.h"

/* The id of the demo unit with code @p code. */
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

/* The rollup reply for unit @p code and the rest of the query @p rest (caller decrefs). */
static json_t *rollup(const char *code, const char *rest)
{
	struct tresp r;
	char path[256];
	snprintf(path, sizeof path, "/api/v1/budget/rollup?unit_id=%lld&%s",
		 (long long)unit_id(code), rest);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *j = json_incref(r.json);
	tresp_free(&r);
	return j;
}

/* The node with @p key anywhere under @p n (depth first), or NULL. */
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

static int64_t num(json_t *n, const char *field)
{
	json_t *v = json_object_get(n, field);
	ck_assert_msg(json_is_integer(v), "%s is not an integer", field);
	return json_integer_value(v);
}

static const char *color(json_t *n)
{
	return json_string_value(json_object_get(json_object_get(n, "assessment"), "color"));
}

/* budget_period, outcome_period, deviation_period and colour of one node */
#define CHECK_NODE(n, b, o, d, c) do { \
	ck_assert_int_eq(num(n, "budget_period"), b); \
	ck_assert_int_eq(num(n, "outcome_period"), o); \
	ck_assert_int_eq(num(n, "deviation_period"), d); \
	ck_assert_str_eq(color(n), c); \
} while (0)

/* Seed 001, "Resultaträkning per verksamhetsområde" and "Detaljer underliggande
 * verksamheter", 2021 (tkr). */
START_TEST(seed001_asn_2021)
{
	json_t *j = rollup("TY-ASN", "period=2021&scale=tkr");
	/* The report prints "Resultat IFO −248 532" and a deviation of −3 176 (the sum of its
	 * cost-type rows); its activity rows add up to −248 531 and −3 175.  The demo's kronor
	 * (see sql/demo/0002-budget.sql) total −248 531 400, which shows as −248 531. */
	CHECK_NODE(node(j, "TY-IFO"), -245356, -248531, -3175, "gul");   /* 1.3 % over */
	CHECK_NODE(node(j, "TY-ASN"), -262801, -266815, -4014, "gul");   /* 1.5 % over */
	ck_assert_double_eq_tol(json_real_value(json_object_get(node(j, "TY-ASN"),
				"deviation_pct")), -1.5, 1e-9);
	CHECK_NODE(node(j, "TY-AMI"), -17445, -18284, -839, "rod");      /* 4.8 % over */
	/* last year's outcome, −257 234 as printed (−257 233 600 kr: 2020's activity rows add
	 * up to −257 233, its cost-type rows to −257 234); the change is rounded from kronor */
	ck_assert_int_eq(num(node(j, "TY-ASN"), "previous_year_outcome"), -257234);
	ck_assert_int_eq(num(node(j, "TY-ASN"), "change"), -9581);  /* −9 581 400 kr */
	/* the explain gives the outcome that would have been green: the budget itself */
	json_t *next = json_object_get(json_object_get(json_object_get(node(j, "TY-ASN"),
		"assessment"), "explain"), "next_better");
	ck_assert_str_eq(json_string_value(json_object_get(next, "color")), "gron");
	ck_assert_int_eq(num(next, "outcome_period_kr_at_least"), -262801000);
	/* 67 lines behind ASN (64 and the three "varav Covid-19" lines of
	 * sql/demo/0009-economy.sql): more than the explain names; it counts them instead */
	json_t *src = json_object_get(json_object_get(json_object_get(node(j, "TY-ASN"),
		"assessment"), "explain"), "sources");
	ck_assert_str_eq(json_string_value(json_object_get(src, "kind")), "aggregate");
	ck_assert_int_eq(num(src, "lines"), 67);
	ck_assert_ptr_null(json_object_get(src, "line_ids"));
	json_decref(j);

	j = rollup("TY-AMI", "period=2021&scale=tkr&group_by=activity");
	CHECK_NODE(node(j, "Arbetsmarknad"), -13359, -11363, 1996, "gron");
	CHECK_NODE(node(j, "Integration"), -4086, -6921, -2835, "rod");
	/* few lines: the explain names them, and each is the Integration line it claims */
	src = json_object_get(json_object_get(json_object_get(node(j, "Integration"),
		"assessment"), "explain"), "sources");
	ck_assert_str_eq(json_string_value(json_object_get(src, "kind")), "lines");
	json_t *ids = json_object_get(src, "line_ids");
	/* 2021 and 2020, budget and outcome, each on the four cost types, and 2021's "varav
	 * Covid-19" outcome */
	ck_assert_uint_eq(json_array_size(ids), 17);
	size_t i;
	json_t *id;
	json_array_foreach(ids, i, id) {
		char path[64];
		struct tresp r;
		snprintf(path, sizeof path, "/api/v1/budget-lines/%lld",
			 (long long)json_integer_value(id));
		ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
		ck_assert_str_eq(json_string_value(json_object_get(r.json, "activity")),
				 "Integration");
		tresp_free(&r);
	}
	json_decref(j);

	/* 2020, same table: IFO rows add up to −243 165 / −2 058 (printed −243 166 / −2 059) */
	j = rollup("TY-IFO", "period=2020&scale=tkr");
	CHECK_NODE(node(j, "TY-IFO"), -241107, -243165, -2058, "gul");
	json_decref(j);
	j = rollup("TY-ASN", "period=2020&scale=tkr");
	ck_assert_int_eq(num(node(j, "TY-ASN"), "budget_period"), -255570);
	ck_assert_int_eq(num(node(j, "TY-ASN"), "deviation_period"), -1664);  /* as printed */
	json_decref(j);
}
END_TEST

/* Seed 001's other table, "Resultaträkning per verksamhetsområde": the same ledger by cost
 * type (group_by=account), 2021, tkr. */
START_TEST(seed001_cost_types_2021)
{
	json_t *j = rollup("TY-IFO", "period=2021&scale=tkr&group_by=account");
	CHECK_NODE(node(j, "Externa och interna intäkter"), 61525, 66122, 4597, "gron");
	/* printed deviation 898: −102 550 − (−103 447) is 897 in the printed tkr */
	CHECK_NODE(node(j, "Personalkostnader"), -103447, -102550, 897, "gron");
	CHECK_NODE(node(j, "Kostnader för köp av verksamhet"), -110579, -114523, -3944, "rod");
	CHECK_NODE(node(j, "Övriga kostnader"), -92855, -97581, -4726, "rod");
	/* each row rounded on its own: they add up to the printed "Resultat IFO −248 532",
	 * one more than the node's own −248 531 */
	int64_t sum = 0;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(json_object_get(j, "root"), "children"), i, c)
		sum += num(c, "outcome_period");
	ck_assert_int_eq(sum, -248532);
	ck_assert_int_eq(num(node(j, "TY-IFO"), "outcome_period"), -248531);
	json_decref(j);
	/* rounding=consistent: the displayed rows add up to the displayed total */
	j = rollup("TY-IFO", "period=2021&scale=tkr&group_by=account&rounding=consistent");
	sum = 0;
	json_array_foreach(json_object_get(json_object_get(j, "root"), "children"), i, c)
		sum += num(c, "outcome_period");
	ck_assert_int_eq(sum, -248531);
	json_decref(j);
	j = rollup("TY-AMI", "period=2021&scale=tkr&group_by=account");
	CHECK_NODE(node(j, "Personalkostnader"), -30097, -27373, 2724, "gron");
	CHECK_NODE(node(j, "Övriga kostnader"), -31050, -34883, -3833, "rod");  /* printed −3 834 */
	json_decref(j);
}
END_TEST

/* An annual budget periodised linearly: up to June is exactly half. */
START_TEST(seed001_half_year)
{
	json_t *j = rollup("TY-ASN", "period=2021-H1&scale=kr");
	/* 262 801 000 = 12 × 21 900 083 + 4: January–April take the 4 extra kronor */
	ck_assert_int_eq(num(node(j, "TY-ASN"), "budget_period"), -(6 * 21900083 + 4));
	ck_assert_int_eq(num(node(j, "TY-ASN"), "budget_year"), -262801000);
	json_decref(j);
}
END_TEST

/* Seed 000, "Resultaträkning Individ- och familjeomsorgen", 2018 (tkr). */
START_TEST(seed000_ifo_2018)
{
	json_t *j = rollup("TY-IFO-MYN", "period=2018&scale=tkr&group_by=activity");
	CHECK_NODE(node(j, "Gemensamt/Administration"), -72204, -70423, 1781, "gron");
	/* printed −2 603: 10 108 − 12 712 is −2 604 in the printed tkr */
	CHECK_NODE(node(j, "Placeringar vuxna"), -10108, -12712, -2604, "rod");
	CHECK_NODE(node(j, "Ensamkommande"), -467, -10284, -9817, "rod");
	/* Totalt IFO myndighet: kommunbidrag 183 218, nettokostnad −196 456, printed result
	 * −13 239; the printed rows give −13 238.  With ensamkommande the unit is −23 055. */
	int64_t sum = 0;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(json_object_get(j, "root"), "children"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "key")), "Ensamkommande") != 0)
			sum += num(c, "deviation_period");
	ck_assert_int_eq(sum, -13238);
	CHECK_NODE(node(j, "TY-IFO-MYN"), -183685, -206740, -23055, "rod");
	json_decref(j);

	/* "underskott mot budget med 23 miljoner kronor" for the whole IFO */
	j = rollup("TY-IFO", "period=2018&scale=mnkr");
	ck_assert_int_eq(num(node(j, "TY-IFO"), "deviation_period"), -23);
	json_decref(j);
	j = rollup("TY-IFO", "period=2018&scale=tkr");
	CHECK_NODE(node(j, "TY-IFO-KR"), 0, 14, 14, "gron");  /* 772 + 499 − 1 257 */
	ck_assert_int_eq(num(node(j, "TY-IFO"), "deviation_period"), -23041);
	/* the only 2017 outcome in the seeds is January–August (seed 003): beside 2018's full
	 * year it is no comparison, so last year's outcome is null and says why (it was
	 * −132 154, January–August against January–December) */
	json_t *myn = node(j, "TY-IFO-MYN");
	ck_assert(json_is_null(json_object_get(myn, "previous_year_outcome")));
	ck_assert(json_is_null(json_object_get(myn, "change")));
	ck_assert_str_eq(json_string_value(json_object_get(myn, "previous_year_reason")),
			 "2017's outcome lines reach 2017-08 only; the comparison needs them "
			 "through 2017-12");
	json_decref(j);
	/* through August 2018 the same lines are the comparison: January–August both years */
	j = rollup("TY-IFO", "period=2018-08&scale=tkr");
	ck_assert_int_eq(num(node(j, "TY-IFO-MYN"), "previous_year_outcome"), -132154);
	json_decref(j);
}
END_TEST

/* Seed 003, IFO myndighet through August 2017 (tkr) with the full-year forecast. */
START_TEST(seed003_ifo_august_2017)
{
	json_t *j = rollup("TY-IFO-MYN", "period=2017-T2&scale=tkr&group_by=activity");
	CHECK_NODE(node(j, "Gemensamt/Administration"), -38603, -42899, -4296, "rod");
	CHECK_NODE(node(j, "Familjehem barn & ungdom"), -14544, -14097, 447, "gron");
	ck_assert_int_eq(num(node(j, "Gemensamt/Administration"), "forecast_deviation"), -4800);
	/* "Totalt IFO myndighet 113 206 −132 152 −18 946": the printed rows add up to
	 * 113 205 and −132 154, so −18 949 by the rows; the forecast deviation −22 800 agrees */
	json_t *root = node(j, "TY-IFO-MYN");
	CHECK_NODE(root, -113205, -132154, -18949, "rod");
	ck_assert_int_eq(num(root, "forecast_deviation"), -22800);
	json_decref(j);

	j = rollup("TY-IFO-KR", "period=2017-08&scale=tkr");
	ck_assert_int_eq(num(node(j, "TY-IFO-KR"), "outcome_period"), 1468);  /* printed 1 467 */
	ck_assert_int_eq(num(node(j, "TY-IFO-KR"), "forecast_year"), 1300);
	json_decref(j);
}
END_TEST

/* Seed 002, Haninge socialnämnd T1 2017, "Resultat per avdelning" (tkr, costs printed
 * positive, here negative). */
START_TEST(seed002_haninge_t1)
{
	json_t *j = rollup("HA-SN", "period=2017-T1&scale=tkr");
	/* Printed: budget jan–april 274 702, outcome 270 870, deviation 3 831.  The printed
	 * rows add up to a budget of 274 701; deviation = −270 870 − (−274 701) = +3 831, the
	 * printed figure (the printed total budget would have given +3 832). */
	json_t *sn = node(j, "HA-SN");
	CHECK_NODE(sn, -274701, -270870, 3831, "gron");
	ck_assert_int_eq(num(sn, "budget_year"), -853855);   /* printed 853 854 */
	ck_assert_int_eq(num(sn, "forecast_deviation"), 0);  /* printed "Summa 0" */
	CHECK_NODE(node(j, "HA-BEST"), -244572, -240121, 4451, "gron");
	ck_assert_int_eq(num(node(j, "HA-BEST"), "forecast_deviation"), -4000);
	CHECK_NODE(node(j, "HA-BU"), -53954, -55723, -1769, "rod");
	ck_assert_int_eq(num(node(j, "HA-BU"), "forecast_deviation"), -2500);
	CHECK_NODE(node(j, "HA-UTF"), -8768, -9389, -621, "rod");
	/* Boende och boendestöd: printed −1 979 / −3 408 are net income */
	CHECK_NODE(node(j, "HA-BB"), 1979, 3408, 1429, "gron");
	json_decref(j);

	/* Avdelning Funktionsnedsättning per verksamhet: the printed deviation 2 492 of
	 * "Insatser SoL, vuxna" is a misprint: 18 802 − 16 325 = 2 477, and the printed total
	 * 3 915 is 2 477 + 1 430 + 8 */
	j = rollup("HA-FN", "period=2017-T1&scale=tkr&group_by=activity");
	CHECK_NODE(node(j, "Insatser SoL, vuxna"), -18802, -16325, 2477, "gron");
	/* the explain's query lists exactly the node's lines (a code with spaces, encoded) */
	json_t *src = json_object_get(json_object_get(json_object_get(node(j,
		"Insatser SoL, vuxna"), "assessment"), "explain"), "sources");
	const char *lq = json_string_value(json_object_get(src, "lines_query"));
	ck_assert_str_eq(lq, "/api/v1/budget-lines?activity=Insatser%20SoL%2C%20vuxna&year=2017"
			 "&ledger=drift");
	struct tresp r;
	ck_assert_int_eq(req("GET", lq, T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), num(src, "lines"));
	/* budget April and December, outcome, the April forecast and the March one before it */
	ck_assert_int_eq(num(src, "lines"), 5);
	tresp_free(&r);
	CHECK_NODE(node(j, "HA-FN"), -120447, -116532, 3915, "gron");
	json_decref(j);
}
END_TEST

/* Consistent rounding in mnkr: where a node has no lines of its own, its displayed children
 * add up to it. */
static void check_adds_up(json_t *n, const char *field)
{
	json_t *kids = json_object_get(n, "children");
	size_t i;
	json_t *c;
	if (json_array_size(kids) == 0)
		return;
	int64_t sum = 0;
	json_array_foreach(kids, i, c) {
		sum += num(c, field);
		check_adds_up(c, field);
	}
	const char *key = json_string_value(json_object_get(n, "key"));
	if (strcmp(key, "HA-SN") != 0)  /* the committee's own costs are HA-SN's own lines */
		ck_assert_msg(sum == num(n, field), "%s %s: children %lld, node %lld", key, field,
			      (long long)sum, (long long)num(n, field));
}

START_TEST(consistent_rounding_mnkr)
{
	json_t *j = rollup("HA-SN", "period=2017-T1&scale=mnkr&rounding=consistent");
	static const char *const fields[] = {"budget_year", "budget_period", "outcome_period",
					     "deviation_period", NULL};
	for (int f = 0; fields[f]; f++)
		check_adds_up(json_object_get(j, "root"), fields[f]);
	ck_assert_int_eq(num(node(j, "HA-SN"), "budget_period"), -275);
	json_decref(j);
}
END_TEST

Suite *budget_demo_suite(void)
{
	Suite *s = suite_create("budget_demo");
	TCase *tc = tcase_create("seeds");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(tc, seed001_asn_2021);
	tcase_add_test(tc, seed001_cost_types_2021);
	tcase_add_test(tc, seed001_half_year);
	tcase_add_test(tc, seed000_ifo_2018);
	tcase_add_test(tc, seed003_ifo_august_2017);
	tcase_add_test(tc, seed002_haninge_t1);
	tcase_add_test(tc, consistent_rounding_mnkr);
	suite_add_tcase(s, tc);
	return s;
}
