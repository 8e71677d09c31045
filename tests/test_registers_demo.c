/*
 * The demo registers reproduce the figures the seeds publish, checked through the API the way
 * a controller would ask for them (seed 000: Tyresö VB 2018, 001: Tyresö VB 2021, 002: Haninge
 * T1 2017, 003: Tyresö delår 2 2017), and every demo record passes the API's own validation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "support.h"

static json_t *find(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it) {
		const char *v = json_string_value(json_object_get(it, key));
		if (v && strcmp(v, value) == 0)
			return it;
	}
	return NULL;
}

static json_int_t geti(json_t *o, const char *key)
{
	ck_assert_msg(json_is_integer(json_object_get(o, key)), "%s is not an integer", key);
	return json_integer_value(json_object_get(o, key));
}

/* The count of group @p key in @p obj's array @p list; fails when the group is absent. */
static json_int_t group(json_t *obj, const char *list, const char *key)
{
	json_t *g = find(json_object_get(obj, list), "key", key);
	ck_assert_msg(g != NULL, "no group %s in %s", key, list);
	return geti(g, "count");
}

/* The id of the demo unit with code @p code. */
static int64_t unit(const char *code)
{
	struct tresp r;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/units?q=%s&limit=1000", code);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *u = find(json_object_get(r.json, "items"), "code", code);
	ck_assert_ptr_nonnull(u);
	int64_t id = json_integer_value(json_object_get(u, "id"));
	tresp_free(&r);
	return id;
}

/* GETs @p fmt (printf) as a reader; 200 expected; the caller frees @p r. */
static json_t *get(struct tresp *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static json_t *get(struct tresp *r, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	int status = req("GET", path, T_READER, NULL, r);
	ck_assert_msg(status == 200, "GET %s -> %d %s", path, status, r->body);
	return r->json;
}

/* Seed 001: "Antal lex Sarah per kategori, 2021" and "sju lex Sarah-utredningar, varav tre
 * ... anmäldes till IVO. I fyra fall ... inget missförhållande". */
START_TEST(seed_001_lex_sarah_2021)
{
	struct tresp r;
	json_t *s = get(&r, "/api/v1/lex-sarah-reports/summary?period=2021&unit_id=%lld",
			(long long)unit("0138"));
	ck_assert_int_eq(geti(s, "total"), 7);
	ck_assert_int_eq(group(s, "groups", "sekretess_informationssakerhet"), 2);
	ck_assert_int_eq(group(s, "groups", "rattssakerhet_handlaggning"), 2);
	ck_assert_int_eq(group(s, "groups", "system"), 1);
	ck_assert_int_eq(group(s, "groups", "utforande_insats"), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(s, "groups")), 4);
	ck_assert_int_eq(geti(s, "ivo_notified"), 3);
	ck_assert_int_eq(group(s, "by_outcome", "allvarligt_missforhallande"), 3);
	ck_assert_int_eq(group(s, "by_outcome", "inget_missforhallande"), 4);
	ck_assert_uint_eq(json_array_size(json_object_get(s, "inconsistencies")), 0);
	tresp_free(&r);
}
END_TEST

/* Seed 001: "Antal beslut som inte verkställts inom tre månader per typ av bistånd, 2021". */
START_TEST(seed_001_decisions_2021)
{
	struct tresp r;
	json_t *s = get(&r, "/api/v1/decisions/summary?year=2021");
	ck_assert_int_eq(group(s, "by_insats", "kontaktfamilj"), 1);
	ck_assert_int_eq(group(s, "by_insats", "oppenvard_familjebehandling"), 9);
	ck_assert_int_eq(group(s, "by_insats", "familjehem"), 1);
	ck_assert_int_eq(group(s, "by_insats", "kontaktperson"), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(s, "by_insats")), 4);
	ck_assert_int_eq(geti(s, "total"), 13);
	tresp_free(&r);
}
END_TEST

/* Seed 000: "icke verkställda beslut per kvartal under år 2018" and "Inga lex
 * Sarah-rapporter har upprättats". */
START_TEST(seed_000_decisions_2018)
{
	struct tresp r;
	json_t *s = get(&r, "/api/v1/decisions/summary?year=2018");
	json_t *q = json_object_get(s, "quarters");
	ck_assert_int_eq(geti(json_array_get(q, 0), "count"), 5);
	ck_assert_int_eq(group(json_array_get(q, 0), "by_insats", "familjehem"), 5);
	ck_assert_int_eq(geti(json_array_get(q, 1), "count"), 0);
	ck_assert_int_eq(geti(json_array_get(q, 2), "count"), 2);
	ck_assert_int_eq(group(json_array_get(q, 2), "by_insats", "kontaktfamilj"), 2);
	ck_assert_int_eq(geti(json_array_get(q, 3), "count"), 1);
	ck_assert_int_eq(group(json_array_get(q, 3), "by_insats", "kontaktfamilj"), 1);
	tresp_free(&r);

	/* the same figures from each quarter's IVO report */
	static const int want[4] = { 5, 0, 2, 1 };
	for (int i = 0; i < 4; i++) {
		int status = req("GET", i == 0 ? "/api/v1/decisions/ivo-report?quarter=2018-Q1" :
				 i == 1 ? "/api/v1/decisions/ivo-report?quarter=2018-Q2" :
				 i == 2 ? "/api/v1/decisions/ivo-report?quarter=2018-Q3" :
				 "/api/v1/decisions/ivo-report?quarter=2018-Q4", T_SENS_READER, NULL,
				 &r);
		ck_assert_int_eq(status, 200);
		ck_assert_int_eq(geti(json_object_get(r.json, "totals"), "count"), want[i]);
		tresp_free(&r);
	}

	s = get(&r, "/api/v1/lex-sarah-reports/summary?period=2018&unit_id=%lld",
		(long long)unit("0138"));
	ck_assert_int_eq(geti(s, "total"), 0);
	tresp_free(&r);
}
END_TEST

/* Seed 003: "Per den 31 augusti redovisades 82 SoL-beslut ... 58 av dem avser familjehem, 21
 * avser öppenvård och tre avser avbrott i öppenvård" and "Under perioden januari till augusti
 * 2017 gjordes två lex Sarah-rapporter ... inte resulterat i några anmälningar till IVO". */
START_TEST(seed_003_per_31_august_2017)
{
	struct tresp r;
	json_t *s = get(&r, "/api/v1/decisions/council-report?period=2017-T2");
	ck_assert_str_eq(json_string_value(json_object_get(s, "cut_off")), "2017-08-31");
	ck_assert_int_eq(geti(s, "count"), 82);
	ck_assert_int_eq(group(s, "by_law", "SoL"), 82);
	json_t *fh = find(json_object_get(s, "by_insats"), "key", "familjehem");
	ck_assert_int_eq(geti(fh, "count"), 58);
	ck_assert_int_eq(geti(fh, "beslut"), 58);
	json_t *ov = find(json_object_get(s, "by_insats"), "key", "oppenvard_familjebehandling");
	ck_assert_int_eq(geti(ov, "beslut"), 21);
	ck_assert_int_eq(geti(ov, "avbrott"), 3);
	ck_assert_int_eq(geti(s, "avbrott"), 3);
	tresp_free(&r);

	s = get(&r, "/api/v1/lex-sarah-reports/summary?period=2017-T2&cumulative=true&unit_id=%lld",
		(long long)unit("0138"));
	ck_assert_int_eq(geti(s, "total"), 2);
	ck_assert_int_eq(geti(s, "ivo_notified"), 0);
	tresp_free(&r);
}
END_TEST

/* Seed 002: "Inkomna rapporter per avdelning enligt Lex Sarah, januari – april" (Haninge). */
START_TEST(seed_002_lex_sarah_t1_2017)
{
	struct tresp r;
	json_t *s = get(&r, "/api/v1/lex-sarah-reports/summary?period=2017-T1&group_by=unit"
			"&unit_id=%lld", (long long)unit("HA-SF"));
	ck_assert_int_eq(geti(s, "total"), 17);
	ck_assert_int_eq(geti(s, "ivo_notified"), 1);
	ck_assert_int_eq(group(s, "groups", "HA-FN"), 2);
	ck_assert_int_eq(group(s, "groups", "HA-BU"), 3);
	ck_assert_int_eq(group(s, "groups", "HA-VU"), 2);
	ck_assert_int_eq(group(s, "groups", "HA-ASA"), 1);
	ck_assert_int_eq(group(s, "groups", "HA-SO"), 1);
	ck_assert_int_eq(group(s, "groups", "HA-BB"), 8);
	ck_assert_int_eq(group(s, "by_outcome", "allvarlig_risk"), 1);
	/* six investigations were still open at the end of April */
	ck_assert_int_eq(group(s, "by_outcome", "ej_bedomd"), 6);
	ck_assert_int_eq(geti(json_object_get(s, "investigation_days"), "count"), 11);
	tresp_free(&r);
}
END_TEST

/* Re-validates every record of @p list through PATCH {} (a no-op merge): 200 each. */
static void revalidate(const char *list)
{
	struct tresp r, p;
	char path[128];
	snprintf(path, sizeof path, "%s?limit=1000", list);
	ck_assert_int_eq(req("GET", path, T_SENS_READER, NULL, &r), 200);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "items")), 0);
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(r.json, "items"), i, it) {
		snprintf(path, sizeof path, "%s/%lld", list,
			 (long long)json_integer_value(json_object_get(it, "id")));
		int status = req("PATCH", path, T_SENS_EDITOR, "{}", &p);
		ck_assert_msg(status == 200, "%s -> %d %s", path, status, p.body);
		tresp_free(&p);
	}
	tresp_free(&r);
}

START_TEST(demo_records_are_valid)
{
	revalidate("/api/v1/lex-sarah-reports");
	revalidate("/api/v1/decisions");
}
END_TEST

Suite *registers_demo_suite(void)
{
	Suite *s = suite_create("registers_demo");
	TCase *tc = tcase_create("seeds");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, seed_001_lex_sarah_2021);
	tcase_add_test(tc, seed_001_decisions_2021);
	tcase_add_test(tc, seed_000_decisions_2018);
	tcase_add_test(tc, seed_003_per_31_august_2017);
	tcase_add_test(tc, seed_002_lex_sarah_t1_2017);
	tcase_add_test(tc, demo_records_are_valid);
	suite_add_tcase(s, tc);
	return s;
}
