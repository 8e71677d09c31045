/*
 * The demo registers against the seeds' published figures, through the API
 * (sql/demo/0007-registers.sql): seed 001's risks sorted by value with their colours, seed
 * 000's risk plan, audits, action plan and six complaints, seed 002's sensitivity sums
 * (+1 000 / −4 500 tkr), incidents (65 / 18 / 7 per avdelning) and complaints table, seed
 * 003's committee measures and contract follow-up.
 */
#include <string.h>

#include "support.h"

/* Unit ids of the demo (sql/demo/0001-units.sql, in insertion order): 3 TY-ASN, 5 TY-IFO,
 * 19 HA-SN, 20 HA-SF. */

static json_t *get_json(const char *path, struct tresp *r)
{
	ck_assert_msg(req("GET", path, T_SENS_READER, NULL, r) == 200, "%s: %s", path, r->body);
	return r->json;
}

static json_int_t geti(json_t *o, const char *key)
{
	ck_assert_msg(json_is_integer(json_object_get(o, key)), "%s is not an integer", key);
	return json_integer_value(json_object_get(o, key));
}

static json_t *find(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it) {
		const char *v = json_string_value(json_object_get(it, key));
		if (v && strcmp(v, value) == 0)
			return it;
	}
	ck_assert_msg(false, "no %s = %s", key, value);
	return NULL;
}

/* Seed 001: Riskvärde 15, 20, 20, 15, 20; grön, gul, grön, grön, grön. */
START_TEST(seed_001_risks_by_value)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/risks/summary?period=2021&unit_id=3", &r);
	ck_assert_int_eq(geti(s, "total"), 5);
	ck_assert_int_eq(geti(s, "valued_without_factors"), 5);   /* the seed prints values alone */
	json_t *h = json_object_get(s, "highest");
	ck_assert_uint_eq(json_array_size(h), 5);
	static const int values[] = {20, 20, 20, 15, 15};
	static const char *const types[] = {"medarbetare", "verksamhet", "finansiell", "omvarld",
					    "finansiell"};
	static const char *const colors[] = {"gul", "gron", "gron", "gron", "gron"};
	for (size_t i = 0; i < 5; i++) {
		json_t *x = json_array_get(h, i);
		ck_assert_int_eq(geti(x, "value"), values[i]);
		ck_assert_str_eq(json_string_value(json_object_get(x, "type")), types[i]);
		ck_assert_str_eq(json_string_value(json_object_get(x, "color")), colors[i]);
		ck_assert_str_eq(json_string_value(json_object_get(x, "reviewed_on")), "2021-12-31");
	}
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_array_get(h, 0),
								      "description")),
				     "Försämrad arbetsmiljö"));
	ck_assert_int_eq(geti(find(json_object_get(s, "by_color"), "key", "gron"), "count"), 4);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_color"), "key", "gul"), "count"), 1);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_type"), "key", "finansiell"), "count"), 2);
	tresp_free(&r);
	/* the register's own list, and its CSV */
	s = get_json("/api/v1/risks?period=2021&unit_id=3", &r);
	ck_assert_int_eq(geti(s, "total"), 5);
	ck_assert(json_is_false(json_object_get(json_array_get(json_object_get(s, "items"), 0),
						"synthetic")));
	tresp_free(&r);
}
END_TEST

/* Seed 000: the follow-up of the risk plan, seven risks with a comment, no value, no type. */
START_TEST(seed_000_risk_plan)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/risks/summary?period=2018&unit_id=5", &r);
	ck_assert_int_eq(geti(s, "total"), 7);
	ck_assert_int_eq(geti(s, "not_valued"), 7);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_type"), "key", "ej_klassad"), "count"), 7);
	ck_assert_uint_eq(json_array_size(json_object_get(s, "highest")), 0);
	tresp_free(&r);
	s = get_json("/api/v1/risks?period=2018&unit_id=5", &r);
	json_t *it;
	size_t i;
	json_array_foreach(json_object_get(s, "items"), i, it) {
		json_t *rv = json_array_get(json_object_get(it, "reviews"), 0);
		ck_assert_str_eq(json_string_value(json_object_get(rv, "on")), "2018-12-31");
		ck_assert(json_string_length(json_object_get(rv, "comment")) > 5);
	}
	tresp_free(&r);
}
END_TEST

/* Seed 002: +1 000 / −1 500 / −3 000 tkr, summed +1 000 / −4 500. */
START_TEST(seed_002_sensitivity_sums)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/risk-sensitivities/summary?period=2017-T1&unit_id=20"
			     "&scale=tkr", &r);
	ck_assert_int_eq(geti(s, "positive"), 1000);
	ck_assert_int_eq(geti(s, "negative"), -4500);
	ck_assert_int_eq(geti(s, "positive_kr"), 1000000);
	ck_assert_int_eq(geti(s, "negative_kr"), -4500000);
	ck_assert_int_eq(geti(s, "items"), 3);
	json_t *rows = json_object_get(s, "rows");
	ck_assert_int_eq(geti(json_array_get(rows, 0), "amount"), -1500);
	ck_assert_int_eq(geti(json_array_get(rows, 1), "amount"), -3000);
	ck_assert_int_eq(geti(json_array_get(rows, 2), "amount"), 1000);
	tresp_free(&r);
	/* the same sums in the risk summary of the municipality */
	s = get_json("/api/v1/risks/summary?period=2017-T1&unit_id=19&scale=tkr", &r);
	ck_assert_int_eq(geti(json_object_get(s, "economic"), "negative"), -4500);
	tresp_free(&r);
}
END_TEST

/* Seed 002: 65 tillbud, 18 olycksfall and 7 egendom/säkerhet, per avdelning. */
START_TEST(seed_002_incidents)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/incidents/summary?period=2017-T1&unit_id=19", &r);
	ck_assert_int_eq(geti(s, "total"), 90);
	ck_assert_int_eq(geti(s, "tillbud"), 65);
	ck_assert_int_eq(geti(s, "olycksfall"), 18);
	ck_assert_int_eq(geti(s, "egendom_sakerhet"), 7);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_status"), "key", "utredd"), "count"), 22);
	static const struct { const char *code; int t, o, e; } table[] = {
		{"HA-BU", 2, 2, 0}, {"HA-VU", 10, 3, 4}, {"HA-ASA", 28, 9, 2}, {"HA-SO", 1, 1, 1},
		{"HA-BB", 24, 3, 0},
	};
	json_t *groups = json_object_get(s, "groups");
	ck_assert_uint_eq(json_array_size(groups), 5);
	for (size_t i = 0; i < 5; i++) {
		json_t *g = find(groups, "key", table[i].code);
		ck_assert_int_eq(geti(g, "tillbud"), table[i].t);
		ck_assert_int_eq(geti(g, "olycksfall"), table[i].o);
		ck_assert_int_eq(geti(g, "egendom_sakerhet"), table[i].e);
	}
	tresp_free(&r);
	s = get_json("/api/v1/incidents/summary?period=2017-T1&group_by=category", &r);
	ck_assert_int_eq(geti(find(json_object_get(s, "groups"), "key", "Hot och våld"), "count"),
			 60);
	tresp_free(&r);
	s = get_json("/api/v1/incidents?limit=1", &r);
	ck_assert(json_is_true(json_object_get(json_array_get(json_object_get(s, "items"), 0),
					       "synthetic")));
	tresp_free(&r);
}
END_TEST

/* Seed 002's table: Funktionsnedsättning 2/0/1, Vuxen 1/0/1, Boende 1/0/1: 4/0/3; one open. */
START_TEST(seed_002_complaints)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/complaints/summary?period=2017-T1&unit_id=19", &r);
	ck_assert_int_eq(geti(s, "total"), 4);
	ck_assert_int_eq(geti(s, "atgardat"), 0);
	ck_assert_int_eq(geti(s, "ej_atgardat"), 3);
	ck_assert_int_eq(geti(s, "open"), 1);
	static const struct { const char *code; int n, done, dropped; } table[] = {
		{"HA-FN", 2, 0, 1}, {"HA-VU", 1, 0, 1}, {"HA-BB", 1, 0, 1},
	};
	for (size_t i = 0; i < 3; i++) {
		json_t *g = find(json_object_get(s, "groups"), "key", table[i].code);
		ck_assert_int_eq(geti(g, "count"), table[i].n);
		ck_assert_int_eq(geti(g, "atgardat"), table[i].done);
		ck_assert_int_eq(geti(g, "ej_atgardat"), table[i].dropped);
	}
	json_t *open = json_object_get(s, "open_items");
	ck_assert_uint_eq(json_array_size(open), 1);
	tresp_free(&r);
}
END_TEST

/* Seed 000: six complaints in 2018. */
START_TEST(seed_000_complaints)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/complaints/summary?period=2018&unit_id=5", &r);
	ck_assert_int_eq(geti(s, "total"), 6);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_kind"), "key", "klagomal"), "count"), 6);
	tresp_free(&r);
	s = get_json("/api/v1/complaints/summary?period=2018&unit_id=5&group_by=category", &r);
	ck_assert_int_eq(geti(find(json_object_get(s, "groups"), "key", "Bemötande och stöd"),
			      "count"), 4);
	tresp_free(&r);
}
END_TEST

/* Seed 000: the plan for a budget in balance, on the rollup of the IFO; the audits. */
START_TEST(seed_000_action_plan_and_audits)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/actions?origin=budget&unit_id=5", &r);
	ck_assert_int_eq(geti(s, "total"), 5);
	tresp_free(&r);
	s = get_json("/api/v1/budget/rollup?unit_id=5&period=2018", &r);
	json_t *root = json_object_get(s, "root");
	ck_assert_int_eq(geti(root, "actions_open"), 4);   /* Behandlingsskolor is done */
	tresp_free(&r);
	s = get_json("/api/v1/actions/summary?period=2018&unit_id=5", &r);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_origin"), "key", "budget"), "count"), 5);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_origin"), "key", "audit"), "count"), 1);
	tresp_free(&r);
	s = get_json("/api/v1/audits/summary?period=2018&unit_id=5", &r);
	ck_assert_int_eq(geti(s, "total"), 4);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_kind"), "key", "intern"), "count"), 3);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_kind"), "key", "ivo"), "count"), 1);
	ck_assert_int_eq(geti(s, "actions"), 1);
	tresp_free(&r);
}
END_TEST

/* Seed 003: the committee's six measures as at 31 August 2017, and the contract follow-up. */
START_TEST(seed_003_measures)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/actions/summary?period=2017-T2&cumulative=true&unit_id=5",
			     &r);
	ck_assert_int_eq(geti(s, "total"), 6);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_origin"), "key", "committee"), "count"),
			 6);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_status"), "key", "genomford"), "count"),
			 3);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_status"), "key", "pagaende"), "count"),
			 3);
	ck_assert_int_eq(geti(s, "overdue_count"), 0);
	tresp_free(&r);
	/* the guidelines were due in November and still pending at the year's end */
	s = get_json("/api/v1/actions/summary?period=2017&unit_id=5", &r);
	ck_assert_int_eq(geti(s, "overdue_count"), 1);
	tresp_free(&r);
	s = get_json("/api/v1/audits/summary?period=2017-T2&cumulative=true&unit_id=5", &r);
	ck_assert_int_eq(geti(find(json_object_get(s, "by_kind"), "key", "avtal"), "count"), 1);
	tresp_free(&r);
	/* and no lex Maria notification in the first two quarters */
	s = get_json("/api/v1/lex-maria-reports/summary?period=2017-Q2&cumulative=true&unit_id=5",
		     &r);
	ck_assert_int_eq(geti(s, "total"), 0);
	tresp_free(&r);
}
END_TEST

/* Seed 002 at T1: no internal control followed up. */
START_TEST(seed_002_internal_control)
{
	struct tresp r;
	json_t *s = get_json("/api/v1/internal-controls/summary?period=2017-T1&unit_id=19", &r);
	ck_assert_int_eq(geti(s, "controls"), 2);
	ck_assert_int_eq(geti(s, "not_followed_up"), 2);
	ck_assert_int_eq(geti(s, "done"), 0);
	tresp_free(&r);
}
END_TEST

/* Counts in @p n the breakdown entries (objects with a "key") below @p o, asserting that each
 * carries a name of its own: words, not the code again. */
static void named_entries(json_t *o, const char *path, int *n)
{
	const char *k;
	json_t *v;
	size_t i;
	if (json_is_array(o))
		json_array_foreach(o, i, v)
			named_entries(v, path, n);
	if (!json_is_object(o))
		return;
	json_t *key = json_object_get(o, "key");
	if (json_is_string(key)) {
		const char *name = json_string_value(json_object_get(o, "name"));
		ck_assert_msg(name && *name && strcmp(name, json_string_value(key)) != 0,
			      "%s: key %s has no name of its own", path, json_string_value(key));
		(*n)++;
	}
	json_object_foreach(o, k, v)
		named_entries(v, path, n);
}

/* Every summary of every register names the keys of its breakdowns (the decisions' by_insats
 * gave codes alone once). */
START_TEST(every_summary_names_its_keys)
{
	static const struct {
		const char *path;
		int min;    /* keyed entries the demo gives at least */
	} sums[] = {
		{"/api/v1/decisions/summary?year=2021", 4},
		{"/api/v1/decisions/council-report?period=2021", 5},
		{"/api/v1/lex-sarah-reports/summary?period=2021", 6},
		{"/api/v1/risks/summary?period=2021", 10},
		{"/api/v1/actions/summary?period=2018", 11},
		{"/api/v1/audits/summary?period=2018", 5},
		{"/api/v1/complaints/summary?period=2017-T1", 11},
		{"/api/v1/incidents/summary?period=2017-T1", 12},
		{"/api/v1/lex-maria-reports/summary?period=2017", 3},
	};
	for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++) {
		struct tresp r;
		int n = 0;
		named_entries(get_json(sums[i].path, &r), sums[i].path, &n);
		ck_assert_msg(n >= sums[i].min, "%s: %d named entries, want %d", sums[i].path, n,
			      sums[i].min);
		tresp_free(&r);
	}
	struct tresp r;
	json_t *s = get_json("/api/v1/decisions/summary?year=2021", &r);
	ck_assert_str_eq(json_string_value(json_object_get(find(json_object_get(s, "by_insats"),
		"key", "oppenvard_familjebehandling"), "name")), "Öppenvård (familjebehandling)");
	tresp_free(&r);
}
END_TEST

Suite *registers_seeds_suite(void)
{
	Suite *s = suite_create("registers_seeds");
	TCase *tc = tcase_create("demo");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, seed_001_risks_by_value);
	tcase_add_test(tc, seed_000_risk_plan);
	tcase_add_test(tc, seed_002_sensitivity_sums);
	tcase_add_test(tc, seed_002_incidents);
	tcase_add_test(tc, seed_002_complaints);
	tcase_add_test(tc, seed_000_complaints);
	tcase_add_test(tc, seed_000_action_plan_and_audits);
	tcase_add_test(tc, seed_003_measures);
	tcase_add_test(tc, seed_002_internal_control);
	tcase_add_test(tc, every_summary_names_its_keys);
	suite_add_tcase(s, tc);
	return s;
}
