/*
 * Statistics over HTTP: the demo tables reproduce the figures seeds 002 and 003 print (placements
 * 193 -> 191, -1 %, HVB 43 -> 37; sick leave January-March 2017 8,74 %, women 9,09 %, men
 * 7,63 %, long sick leave 57 % of all; anmälningar jan-aug 2015 993 -> 2017 1272), the
 * indicator fed by the sick-leave statistic, the Kolada shape out and in; then a table of
 * request cases for every status the statistics and facts answer, the bulk import (CSV in
 * Swedish forms, JSON, Kolada; row errors, twins, clashes with stored facts, dry run), the
 * table's rules over the API (hours weigh, months must cover the range in the compared year
 * too, unique persons are not added across units), and small numbers on open reads.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folja/db_statistics.h"
#include "folja/route.h"
#include "support.h"

/* ==== helpers ============================================================================= */

/* GETs @p fmt (printf) with @p tok; 200 expected; the caller frees @p r. */
static json_t *get(struct tresp *r, enum tok tok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static json_t *get(struct tresp *r, enum tok tok, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	int status = req("GET", path, tok, NULL, r);
	ck_assert_msg(status == 200, "GET %s -> %d %s", path, status, r->body);
	ck_assert_ptr_nonnull(r->json);
	return r->json;
}

/* The id of the item of @p list whose @p key is @p value. */
static int64_t id_by(const char *list, const char *key, const char *value)
{
	struct tresp r;
	size_t i;
	json_t *it;
	int64_t id = 0;
	json_t *items = json_object_get(get(&r, T_READER, "%s?limit=1000", list), "items");
	json_array_foreach(items, i, it) {
		const char *v = json_string_value(json_object_get(it, key));
		if (v && strcmp(v, value) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	}
	tresp_free(&r);
	ck_assert_msg(id > 0, "no %s with %s %s", list, key, value);
	return id;
}

static int64_t stat_id(const char *code)
{
	return id_by("/api/v1/statistics", "code", code);
}

static int64_t unit_id(const char *code)
{
	return id_by("/api/v1/units", "code", code);
}

/* The row of @p table whose dimension @p dim is @p value. */
static json_t *row(json_t *table, const char *dim, const char *value)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(table, "rows"), i, it) {
		const char *v = json_string_value(json_object_get(json_object_get(it, "dims"), dim));
		if (v && strcmp(v, value) == 0)
			return it;
	}
	ck_abort_msg("no row %s=%s", dim, value);
	return NULL;
}

static double num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	ck_assert_msg(json_is_number(v), "%s is not a number", key);
	return json_number_value(v);
}

/* ==== the demo ============================================================================ */

/* Seed 002, "Placeringar barn och unga, unika personer, jan-april": totalt 193 -> 191 (-1 %),
 * HVB 43 -> 37 (-14 %), jourhem med konsulentstöd 25 -> 35 (+40 %). */
START_TEST(seed_002_placements)
{
	struct tresp r;
	json_t *t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T1"
			"&by=placering&compare=previous_year", (long long)stat_id("placeringar_barn_unga"),
			(long long)unit_id("HA-SF"));
	json_t *total = json_object_get(t, "total");
	ck_assert_double_eq(num(total, "value"), 191);
	ck_assert_double_eq(num(total, "compare"), 193);
	ck_assert_double_eq(num(total, "change_pct"), -1.0);
	ck_assert_str_eq(json_string_value(json_object_get(t, "compare_period")), "2016-T1");
	json_t *hvb = row(t, "placering", "hvb");
	ck_assert_double_eq(num(hvb, "value"), 37);
	ck_assert_double_eq(num(hvb, "compare"), 43);
	ck_assert_double_eq(num(hvb, "change"), -6);
	ck_assert_double_eq(num(hvb, "change_pct"), -14.0);
	ck_assert_str_eq(json_string_value(json_object_get(hvb, "label")),
			 "Hem för vård eller boende (HVB)");
	ck_assert_double_eq(num(row(t, "placering", "jourhem_konsulent"), "change_pct"), 40.0);
	ck_assert_uint_eq(json_array_size(json_object_get(t, "rows")), 6);
	/* unique persons: the total is the fact as printed, never the sum of the rows */
	json_t *ex = json_object_get(total, "explain");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(ex, "rule")), "distinct"));
	ck_assert(json_integer_value(json_object_get(ex, "fact_id")) > 0);
	tresp_free(&r);
}
END_TEST

/* Seed 002, "Sjukfrånvaro": January-March 2017 8,74 % (2016 8,96 %), women 9,09 %, men
 * 7,63 %; the months 8,71 %, 9,28 %, 8,29 %; long sick leave 57 % of all (58,08 % before). */
START_TEST(seed_002_sick_leave)
{
	struct tresp r;
	long long id = (long long)stat_id("sjukfranvaro"), unit = (long long)unit_id("HA-SF");
	json_t *t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-Q1"
			"&by=gender&compare=previous_year", id, unit);
	json_t *total = json_object_get(t, "total");
	ck_assert_double_eq(num(total, "value"), 8.74);
	ck_assert_double_eq(num(total, "compare"), 8.96);
	ck_assert_double_eq(num(total, "change_pp"), -0.22);
	ck_assert_ptr_null(json_object_get(total, "change_pct"));
	ck_assert_double_eq(num(row(t, "gender", "K"), "value"), 9.09);
	ck_assert_double_eq(num(row(t, "gender", "M"), "value"), 7.63);
	json_t *ex = json_object_get(total, "explain");
	ck_assert(json_is_true(json_object_get(ex, "given")));
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(ex, "note")), "given"));
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-Q1&by=month"
		"&compare=previous_year", id, unit);
	ck_assert_double_eq(num(json_array_get(json_object_get(t, "rows"), 0), "value"), 8.71);
	ck_assert_double_eq(num(json_array_get(json_object_get(t, "rows"), 1), "compare"), 9.78);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(t, "rows"),
									  2), "month")), "2017-03");
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 8.74);
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-Q1"
		"&by=length&compare=previous_year&share_of_total=true", id, unit);
	json_t *longer = row(t, "length", "ge60");
	ck_assert_double_eq(num(longer, "share_of_total"), 57.0);
	ck_assert_double_eq(num(longer, "compare_share_of_total"), 58.08);
	ck_assert_double_eq(num(longer, "share_change_pp"), -1.08);
	ck_assert(json_is_null(json_object_get(longer, "value")));
	ck_assert(json_is_true(json_object_get(longer, "share_given")));
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-Q1"
		"&by=age_group&compare=previous_year", id, unit);
	ck_assert_double_eq(num(row(t, "age_group", "30-49"), "change_pp"), 1.37);
	ck_assert_str_eq(json_string_value(json_object_get(row(t, "age_group", "50-"), "label")),
			 "≥50 år");
	tresp_free(&r);
}
END_TEST

/* The other seed 002 tables as printed: a sum's total, unique persons' totals that are not
 * the sum of their rows, and a change the report misprints. */
START_TEST(seed_002_tables)
{
	struct tresp r;
	long long ha = (long long)unit_id("0136");
	json_t *t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T1"
			"&by=typ&compare=previous_year",
			(long long)stat_id("aktualiseringar_barn_unga"), ha);
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 1621);
	ck_assert_double_eq(num(row(t, "typ", "ansokan"), "change_pct"), 12.0);
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2016-T1&by=regi",
		(long long)stat_id("daglig_verksamhet"), ha);
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 259);  /* rows: 254 */
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T1"
		"&by=placering&compare=previous_year",
		(long long)stat_id("placeringar_vuxen_missbruk"), ha);
	ck_assert_double_eq(num(row(t, "placering", "stodboende_extern"), "change_pct"), -25.3);
	ck_assert_double_eq(num(json_object_get(t, "total"), "change_pct"), -17.6);
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T1"
		"&compare=previous_year", (long long)stat_id("lss_personer"), ha);
	json_t *total = json_object_get(t, "total");
	ck_assert_double_eq(num(total, "value"), 771);
	ck_assert(json_is_null(json_object_get(total, "compare")));
	ck_assert_ptr_nonnull(json_string_value(json_object_get(total, "change_reason")));
	tresp_free(&r);
}
END_TEST

/* Seed 003: barnavårdsanmälningar jan-aug 2015 993 -> 2017 1272 (about 30 %), inledda
 * utredningar 315 -> 434 (about 40 %): compared with a year of its own. */
START_TEST(seed_003_volumes)
{
	struct tresp r;
	long long unit = (long long)unit_id("TY-IFO-MYN");
	json_t *t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T2"
			"&compare=2015", (long long)stat_id("barnavardsanmalningar"), unit);
	json_t *total = json_object_get(t, "total");
	ck_assert_double_eq(num(total, "value"), 1272);
	ck_assert_double_eq(num(total, "compare"), 993);
	ck_assert_double_eq(num(total, "change_pct"), 28.1);
	ck_assert_str_eq(json_string_value(json_object_get(t, "compare_period")), "2015-T2");
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T2"
		"&compare=2015", (long long)stat_id("barnavardsutredningar"), unit);
	ck_assert_double_eq(num(json_object_get(t, "total"), "change_pct"), 37.8);
	tresp_free(&r);
}
END_TEST

/* The demo indicator that takes its values from the sick-leave statistic: its values are the
 * statistic's, judged with the indicator's trend. */
START_TEST(demo_indicator_fed)
{
	struct tresp r;
	int64_t id = id_by("/api/v1/indicators", "name",
			   "Sjukfrånvaro, socialförvaltningen (Haninge)");
	json_t *v = get(&r, T_READER, "/api/v1/indicators/%lld/values?period=2017-Q1",
			(long long)id);
	json_t *item = json_array_get(json_object_get(v, "items"), 0);
	ck_assert_double_eq(num(item, "value"), 8.74);
	ck_assert_str_eq(json_string_value(json_object_get(item, "trend")), "minskat");
	ck_assert_str_eq(json_string_value(json_object_get(item, "development")), "forbattrats");
	tresp_free(&r);
	v = get(&r, T_READER, "/api/v1/indicators/%lld/values", (long long)id);
	ck_assert_uint_eq(json_array_size(json_object_get(v, "items")), 8);
	tresp_free(&r);
}
END_TEST

/* Kolada's shape out: one entry per year, gender T, K, M; the municipality of the unit. */
START_TEST(kolada_out)
{
	struct tresp r;
	json_t *k = get(&r, T_READER, "/api/v1/statistics/%lld/kolada?unit_id=%lld&year=2017",
			(long long)stat_id("sjukfranvaro"), (long long)unit_id("HA-SF"));
	ck_assert_int_eq(json_integer_value(json_object_get(k, "count")), 1);
	json_t *e = json_array_get(json_object_get(k, "values"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "municipality")), "0136");
	ck_assert_int_eq(json_integer_value(json_object_get(e, "period")), 2017);
	ck_assert_str_eq(json_string_value(json_object_get(e, "kpi")), "sjukfranvaro");
	json_t *vals = json_object_get(e, "values");
	ck_assert_uint_eq(json_array_size(vals), 3);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(vals, 2), "gender")), "M");
	/* the year's figure: only January-March are known, so there is none */
	ck_assert(json_is_null(json_object_get(json_array_get(vals, 0), "value")));
	tresp_free(&r);
}
END_TEST

START_TEST(table_csv)
{
	struct tresp r;
	char path[256];
	snprintf(path, sizeof path, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017-T1"
		 "&by=placering&compare=previous_year&format=csv",
		 (long long)stat_id("placeringar_barn_unga"), (long long)unit_id("HA-BU"));
	ck_assert_int_eq(http("GET", path, T_READER, NULL, NULL, 0, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "placering;label;value;compare;change;change_pct"));
	ck_assert_ptr_nonnull(strstr(r.body, "hvb;Hem för vård eller boende (HVB);37;43;-6;-14"));
	ck_assert_ptr_nonnull(strstr(r.body, ";Totalt;191;193;-2;-1"));
	tresp_free(&r);
}
END_TEST

/* ==== requests and their answers =========================================================== */

#define UNITS \
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"0136\",\"name\":\"Haninge\",\"kind\":" \
	 "\"kommun\",\"municipality_code\":\"0136\"}", 201, NULL, NULL}, \
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"A\",\"name\":\"A\",\"kind\":\"enhet\"," \
	 "\"parent_id\":1}", 201, NULL, NULL}, \
	{"POST", "/api/v1/units", T_EDITOR, "{\"code\":\"B\",\"name\":\"B\",\"kind\":\"enhet\"," \
	 "\"parent_id\":1}", 201, NULL, NULL}

#define SICK \
	"{\"code\":\"sick\",\"name\":\"Sjukfrånvaro\",\"measure_unit\":\"percent\"," \
	"\"aggregate\":\"ratio\",\"decimals\":2,\"min_population\":10,\"dimensions\":[{\"name\":" \
	"\"gender\",\"values\":[\"K\",\"M\"],\"labels\":[\"Kvinnor\",\"Män\"]}]}"

static const struct http_case crud_cases[] = {
	UNITS,
	{"POST", "/api/v1/statistics", T_EDITOR, SICK, 201, NULL, "\"aggregate\":\"ratio\""},
	{"POST", "/api/v1/statistics", T_EDITOR, SICK, 409, "duplicate", "code"},
	{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"p\",\"name\":\"P\",\"measure_unit\":"
	 "\"percent\",\"aggregate\":\"sum\"}", 422, "invalid_input", "aggregate"},
	{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"u\",\"name\":\"U\",\"measure_unit\":"
	 "\"kr\",\"aggregate\":\"distinct\"}", 422, "invalid_input", "unique persons"},
	{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"d\",\"name\":\"D\",\"measure_unit\":"
	 "\"count\",\"aggregate\":\"sum\",\"dimensions\":[{\"name\":\"month\",\"values\":[\"a\"]},"
	 "{\"name\":\"x\",\"values\":[\"a\",\"a\"]},{\"name\":\"y\",\"values\":[]}]}", 422,
	 "invalid_input", "dimension 3"},
	{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"Bad Code\",\"name\":\"D\","
	 "\"measure_unit\":\"count\",\"aggregate\":\"mean\"}", 422, "invalid_input", "aggregate"},
	{"POST", "/api/v1/statistics", T_READER, SICK, 403, "forbidden", NULL},
	{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"place\",\"name\":\"Placeringar\","
	 "\"measure_unit\":\"count\",\"aggregate\":\"distinct\",\"dimensions\":[{\"name\":\"typ\","
	 "\"values\":[\"hvb\",\"fh\"]}]}", 201, NULL, NULL},
	{"GET", "/api/v1/statistics", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/statistics/1", T_READER, NULL, 200, NULL, "\"min_population\":10"},
	{"GET", "/api/v1/statistics/9", T_READER, NULL, 404, "not_found", NULL},
	/* facts */
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-01\",\"dims\":{\"gender\":\"K\"},\"numerator\":10,\"denominator\":100}",
	 201, NULL, "\"form\":\"ratio\""},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-01\",\"dims\":{\"gender\":\"K\"},\"numerator\":1,\"denominator\":10}",
	 409, "duplicate", NULL},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-Q1\",\"value\":8.74}", 201, NULL, "\"form\":\"given\""},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-Q1\",\"share\":40}", 422, "invalid_input", "dimension value"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-02\",\"dims\":{\"gender\":\"X\"},\"value\":1}", 422, "invalid_input",
	 "dims"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-02\",\"numerator\":1}", 422, "invalid_input", "denominator"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
	 "\"period\":\"2017-02\",\"value\":1,\"null_reason\":\"x\"}", 422, "invalid_input",
	 "null_reason"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":2,\"unit_id\":2,"
	 "\"period\":\"2017-T1\",\"value\":2.5}", 422, "invalid_input", "whole number"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":2,\"unit_id\":2,"
	 "\"period\":\"2017-T1\",\"value\":null,\"null_reason\":\"Ej rapporterat\"}", 201, NULL,
	 "\"form\":\"null\""},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":9,\"unit_id\":2,"
	 "\"period\":\"2017\",\"value\":1}", 422, "unknown_reference", "statistic_id"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":2,\"unit_id\":99,"
	 "\"period\":\"2017\",\"value\":1}", 422, "unknown_reference", "unit_id"},
	{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":2,\"unit_id\":2,"
	 "\"period\":\"2017-q1\",\"value\":1}", 422, "invalid_input", "period"},
	{"GET", "/api/v1/statistic-facts?statistic_id=1", T_READER, NULL, 200, NULL, "\"total\":2"},
	{"GET", "/api/v1/statistic-facts?unit_id=1&period=2017-Q1", T_READER, NULL, 200, NULL,
	 "\"total\":1"},
	{"GET", "/api/v1/statistic-facts?unit_id=77", T_READER, NULL, 404, "not_found", "unit_id"},
	{"GET", "/api/v1/statistic-facts/1", T_READER, NULL, 200, NULL,
	 "\"dims\":{\"gender\":\"K\"}"},
	{"PATCH", "/api/v1/statistic-facts/1", T_EDITOR, "{\"numerator\":12}", 200, NULL,
	 "\"numerator\":12"},
	{"PATCH", "/api/v1/statistic-facts/1", T_EDITOR, "{\"dims\":{\"age\":\"1\"}}", 422,
	 "invalid_input", "dims"},
	/* a statistic keeps what its facts were written against */
	{"PATCH", "/api/v1/statistics/1", T_EDITOR, "{\"dimensions\":[{\"name\":\"gender\","
	 "\"values\":[\"M\",\"K\"]}]}", 409, "statistic_in_use", "dimensions"},
	{"PATCH", "/api/v1/statistics/1", T_EDITOR, "{\"aggregate\":\"sum\",\"measure_unit\":"
	 "\"hours\"}", 409, "statistic_in_use", "aggregate"},
	{"PATCH", "/api/v1/statistics/1", T_EDITOR, "{\"dimensions\":[{\"name\":\"gender\","
	 "\"values\":[\"K\",\"M\",\"X\"],\"labels\":[\"Kvinnor\",\"Män\",null]},{\"name\":"
	 "\"age\",\"values\":[\"0-29\",\"30-\"]}]}", 200, NULL, "\"30-\""},
	{"DELETE", "/api/v1/statistics/1", T_EDITOR, NULL, 409, "referenced", NULL},
	{"DELETE", "/api/v1/statistic-facts/3", T_EDITOR, NULL, 204, NULL, NULL},
	{"DELETE", "/api/v1/statistics/2", T_EDITOR, NULL, 204, NULL, NULL},
	/* tables: their parameters are read against the statistic */
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&by=gender", T_READER, NULL,
	 200, NULL, "\"label\":\"Kvinnor\""},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&by=kön", T_READER, NULL, 400,
	 "invalid_query", "\"field\":\"by\""},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&by=gender,gender", T_READER,
	 NULL, 400, "invalid_query", "twice"},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&dims=gender:Z", T_READER, NULL,
	 400, "invalid_query", "\"field\":\"dims\""},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&by=gender&dims=gender:K",
	 T_READER, NULL, 400, "invalid_query", "fixed"},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&compare=last", T_READER, NULL,
	 400, "invalid_query", "compare"},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q5", T_READER, NULL, 400,
	 "invalid_period", NULL},
	{"GET", "/api/v1/statistics/1/table?period=2017-Q1", T_READER, NULL, 400, "invalid_query",
	 "unit_id"},
	{"GET", "/api/v1/statistics/1/table?unit_id=77&period=2017-Q1", T_READER, NULL, 404,
	 "not_found", "unit_id"},
	{"GET", "/api/v1/statistics/77/table?unit_id=1&period=2017-Q1", T_READER, NULL, 404,
	 "not_found", NULL},
	{"GET", "/api/v1/statistics/1/table?unit_id=1&period=2017-Q1&format=csv", T_READER, NULL,
	 200, NULL, "label;value"},
	{"GET", "/api/v1/statistics/1/kolada?unit_id=1", T_READER, NULL, 200, NULL,
	 "\"municipality\":\"0136\""},
	{"GET", "/api/v1/statistics/1/kolada?unit_id=1&format=csv", T_READER, NULL, 200, NULL,
	 "values;0;;sick;0136;2017"},
	/* "{id}:import" takes POST only; "{id}" takes no POST */
	{"GET", "/api/v1/statistics/1:import", T_READER, NULL, 405, "method_not_allowed", NULL},
	{"POST", "/api/v1/statistics/1", T_EDITOR, "[]", 405, "method_not_allowed", NULL},
	{"POST", "/api/v1/statistics/x:import", T_EDITOR, "[]", 404, "not_found", NULL},
	{"POST", "/api/v1/statistics/1:import", T_READER, "[]", 403, "forbidden", NULL},
};

START_TEST(crud)
{
	RUN_CASES(crud_cases);
}
END_TEST

/* The router's "{id}:import": the suffix is the pattern's, the id what comes before it. */
START_TEST(router_suffix)
{
	struct route_match m;
	const char *params[REQ_MAX_PARAMS];
	char buf[64];
	router_match("POST", "/api/v1/statistics/17:import", &m, params, buf, sizeof buf);
	ck_assert_ptr_nonnull(m.route);
	ck_assert_str_eq(m.route->pattern, "/api/v1/statistics/{id}:import");
	ck_assert_str_eq(params[0], "17");
	router_match("GET", "/api/v1/statistics/17", &m, params, buf, sizeof buf);
	ck_assert_str_eq(m.route->pattern, "/api/v1/statistics/{id}");
	router_match("POST", "/api/v1/statistics/:import", &m, params, buf, sizeof buf);
	ck_assert_ptr_null(m.route);
	router_match("GET", "/api/v1/statistics/17:import", &m, params, buf, sizeof buf);
	ck_assert(m.path_known && !m.route);
	ck_assert_str_eq(m.allow, "POST");
}
END_TEST

/* ==== bulk import ========================================================================== */

/* Posts @p body (@p ctype) to the import of statistic 1; returns the status. */
static int import(const char *query, const char *ctype, const char *body, struct tresp *r)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/statistics/1:import%s", query);
	return http("POST", path, T_EDITOR, ctype, body, strlen(body), r);
}

static void setup_units_and_sick(void)
{
	static const struct http_case cases[] = {UNITS,
		{"POST", "/api/v1/statistics", T_EDITOR, SICK, 201, NULL, NULL}};
	RUN_CASES(cases);
}

/* A table of statistic 1 (the sick leave of setup_units_and_sick) at unit 1. */
static json_t *sick_table(struct tresp *r, const char *query)
{
	return get(r, T_READER, "/api/v1/statistics/1/table?unit_id=1&%s", query);
}

/* CSV in Swedish forms: two units' months of sick hours, weighed by their hours. */
static const char sick_csv[] =
	"\xEF\xBB\xBFunit_code;period;gender;numerator;denominator;population\r\n"
	"A;2017-01;K;82,2;1 000;40\r\n"
	"A;2017-02;K;48,9;500;40\r\n"
	"A;2017-03;K;88,6;1 000;40\r\n"
	"B;2017-01;K;10;100;8\r\n"
	"B;2017-02;K;10;100;8\r\n"
	"B;2017-03;K;10;100;8\r\n"
	"A;2016-01;K;80;1000;40\r\n"
	"A;2016-02;K;80;1000;40\r\n";

START_TEST(import_csv)
{
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("?dry_run=true", "text/csv", sick_csv, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"valid_rows\":8,\"imported\":0"));
	tresp_free(&r);
	ck_assert_int_eq(import("", "text/csv", sick_csv, &r), 201);
	ck_assert_ptr_nonnull(strstr(r.body, "\"imported\":8"));
	tresp_free(&r);
	/* both units' hours over January-March: (219.7 + 30) / (2500 + 300) */
	json_t *t = sick_table(&r, "period=2017-Q1&by=gender&compare=previous_year");
	json_t *k = row(t, "gender", "K");
	ck_assert_double_eq(num(k, "value"), 8.92);
	json_t *ex = json_object_get(k, "explain");
	ck_assert_double_eq_tol(num(ex, "numerator"), 249.7, 1e-9);
	ck_assert_double_eq(num(ex, "denominator"), 2800);
	ck_assert_int_eq(json_integer_value(json_object_get(ex, "facts")), 6);
	ck_assert_str_eq(json_string_value(json_object_get(ex, "source")), "sub_units");
	/* 2016 has January and February only: no comparison, and it says why */
	ck_assert(json_is_null(json_object_get(k, "compare")));
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(k, "compare_null_reason")),
				     "2016-03 is missing"));
	ck_assert(json_is_null(json_object_get(k, "change_pp")));
	/* no total fact: a ratio's total is not built from its rows */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_object_get(t, "total"),
								     "null_reason")), "ratio"));
	tresp_free(&r);
	/* the change feed tells a pulling system of the import as one change */
	json_t *c = json_object_get(get(&r, T_READER, "/api/v1/changes?entity=statistic_fact"),
				    "items");
	ck_assert_uint_eq(json_array_size(c), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(c, 0), "op")), "import");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(c, 0), "rows")), 8);
	tresp_free(&r);
	/* importing again clashes with every stored fact */
	ck_assert_int_eq(import("", "text/csv", sick_csv, &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "8 errors"));
	ck_assert_ptr_nonnull(strstr(r.body, "stored already"));
	tresp_free(&r);
}
END_TEST

/* Rows out of the facts' order, some with a reason for a missing figure or a note (one of
 * 1000 characters, the most a note may hold): every fact is stored with its own texts. */
START_TEST(import_keeps_each_rows_texts)
{
	static char csv[4096];
	char long_note[1001];
	memset(long_note, 'x', 998);
	memcpy(long_note + 998, "B3", 3);
	snprintf(csv, sizeof csv, "unit_code;period;gender;numerator;denominator;null_reason;note\r\n"
		 "B;2017-03;K;10;100;;%s\r\n"
		 "A;2017-02;K;;;Ej rapporterat;\r\n"
		 "A;2017-01;K;82;1000;;första\r\n"
		 "B;2017-01;K;10;100;;\r\n"
		 "A;2017-03;K;;;Bortfall i systemet;ännu en anteckning\r\n"
		 "B;2017-02;K;10;100;;n\r\n", long_note);
	static const struct {
		int64_t unit;
		const char *period, *null_reason, *note;
	} want[] = {
		{2, "2017-01", NULL, "första"}, {2, "2017-02", "Ej rapporterat", NULL},
		{2, "2017-03", "Bortfall i systemet", "ännu en anteckning"},
		{3, "2017-01", NULL, NULL}, {3, "2017-02", NULL, "n"}, {3, "2017-03", NULL, NULL},
	};
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("", "text/csv", csv, &r), 201);
	tresp_free(&r);
	json_t *items = json_object_get(get(&r, T_READER, "/api/v1/statistic-facts?statistic_id=1"),
					"items");
	ck_assert_uint_eq(json_array_size(items), 6);
	for (size_t i = 0; i < 6; i++) {
		size_t k = 0;
		json_t *f = NULL;
		for (; k < json_array_size(items); k++) {
			f = json_array_get(items, k);
			if (json_integer_value(json_object_get(f, "unit_id")) == want[i].unit &&
			    strcmp(json_string_value(json_object_get(f, "period")), want[i].period) == 0)
				break;
		}
		ck_assert_uint_lt(k, json_array_size(items));
		const char *reason = json_string_value(json_object_get(f, "null_reason"));
		const char *note = json_string_value(json_object_get(f, "note"));
		if (want[i].null_reason)
			ck_assert_str_eq(reason, want[i].null_reason);
		else
			ck_assert_ptr_null(reason);
		if (want[i].unit == 3 && strcmp(want[i].period, "2017-03") == 0)
			ck_assert_str_eq(note, long_note);
		else if (want[i].note)
			ck_assert_str_eq(note, want[i].note);
		else
			ck_assert_ptr_null(note);
	}
	tresp_free(&r);
}
END_TEST

START_TEST(import_errors)
{
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("", "text/csv", "unit_code;period;gender;value;colour\r\n", &r),
			 422);
	ck_assert_ptr_nonnull(strstr(r.body, "colour"));
	tresp_free(&r);
	ck_assert_int_eq(import("", "text/csv", "unit_code;period;gender;value;share;population\r\n"
				"A;2017-01;K;8,5;;\r\n"
				"C;2017-13;X;abc;;-1\r\n"
				"A;2017-01;K;9;;\r\n"
				"A;2017-02;;;45;\r\n"
				"A;2017-02;M;;;\r\n", &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"unit_code\",\"message\":\"row 2"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"period\",\"message\":\"row 2"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"gender\",\"message\":\"row 2"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"value\",\"message\":\"row 2"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"population\",\"message\":\"row 2"));
	ck_assert_ptr_nonnull(strstr(r.body, "row 3: the same unit, period and dimension values "
				     "as row 1"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"share\",\"message\":\"row 4"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"field\":\"value\",\"message\":\"row 5"));
	tresp_free(&r);
	ck_assert_int_eq(import("", "application/json", "{\"rows\":[]}", &r), 400);
	tresp_free(&r);
	ck_assert_int_eq(import("", "application/json", "[{\"unit_code\":\"A\",\"period\":\"2017\","
				"\"dims\":{\"gender\":\"K\"},\"numerator\":1,\"denominator\":10,"
				"\"colour\":1}, 7]", &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "colour"));
	ck_assert_ptr_nonnull(strstr(r.body, "row 2: must be an object"));
	tresp_free(&r);
	/* nothing was stored by any of them */
	json_t *t = get(&r, T_READER, "/api/v1/statistic-facts?statistic_id=1");
	ck_assert_int_eq(json_integer_value(json_object_get(t, "total")), 0);
	tresp_free(&r);
}
END_TEST

/* Year to date, the default: March weighs January to March by their hours (the same as the
 * quarter); with cumulative=false March is its own month. */
START_TEST(year_to_date_adds_the_months)
{
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("", "text/csv", sick_csv, &r), 201);
	tresp_free(&r);
	/* (82.2 + 48.9 + 88.6 + 30) / (2 500 + 300) */
	json_t *t = sick_table(&r, "period=2017-03&by=gender");
	ck_assert_double_eq(num(row(t, "gender", "K"), "value"), 8.92);
	ck_assert_double_eq(num(json_object_get(row(t, "gender", "K"), "explain"), "denominator"),
			    2800);
	tresp_free(&r);
	t = sick_table(&r, "period=2017-Q1&by=gender");
	ck_assert_double_eq(num(row(t, "gender", "K"), "value"), 8.92);
	tresp_free(&r);
	/* (88.6 + 10) / (1 000 + 100) */
	t = sick_table(&r, "period=2017-03&cumulative=false&by=gender");
	ck_assert_double_eq(num(row(t, "gender", "K"), "value"), 8.96);
	ck_assert_double_eq(num(json_object_get(row(t, "gender", "K"), "explain"), "denominator"),
			    1100);
	tresp_free(&r);
}
END_TEST

/* Kolada's value shape in: T the total, K and M the gender dimension, a null value a null
 * fact; a municipality no unit carries is an error. */
START_TEST(import_kolada)
{
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("", "application/json", "{\"values\":[{\"kpi\":\"N00090\","
				"\"municipality\":\"0180\",\"period\":2016,\"values\":[{\"gender\":\"T\","
				"\"value\":6.1}]}]}", &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "municipality"));
	tresp_free(&r);
	ck_assert_int_eq(import("", "application/json", "{\"count\":1,\"values\":[{\"kpi\":\"N00090\","
				"\"municipality\":\"0136\",\"period\":2016,\"values\":[{\"count\":1,"
				"\"gender\":\"T\",\"status\":\"\",\"value\":6.1},{\"count\":1,\"gender\":"
				"\"K\",\"status\":\"\",\"value\":6.9},{\"gender\":\"M\",\"value\":null}]}]}",
				&r), 201);
	tresp_free(&r);
	json_t *t = sick_table(&r, "period=2016&by=gender");
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 6.1);
	ck_assert_double_eq(num(row(t, "gender", "K"), "value"), 6.9);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(row(t, "gender", "M"),
								     "null_reason")), "Kolada"));
	tresp_free(&r);
	/* and out again in the same shape */
	t = get(&r, T_READER, "/api/v1/statistics/1/kolada?unit_id=1&year=2016");
	json_t *e = json_array_get(json_object_get(t, "values"), 0);
	json_t *k = json_array_get(json_object_get(e, "values"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(k, "gender")), "K");
	ck_assert_double_eq(num(k, "value"), 6.9);
	ck_assert_str_eq(json_string_value(json_object_get(e, "municipality")), "0136");
	tresp_free(&r);
}
END_TEST

/* Unique persons: a unit's own fact, never the sum of two units'; a sum adds them. */
START_TEST(units_rule)
{
	struct tresp r;
	static const struct http_case cases[] = {UNITS,
		{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"persons\",\"name\":\"P\","
		 "\"measure_unit\":\"count\",\"aggregate\":\"distinct\"}", 201, NULL, NULL},
		{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"events\",\"name\":\"E\","
		 "\"measure_unit\":\"count\",\"aggregate\":\"sum\"}", 201, NULL, NULL}};
	RUN_CASES(cases);
	const char *rows = "[{\"unit_id\":2,\"period\":\"2017-T1\",\"value\":5},"
			   "{\"unit_id\":3,\"period\":\"2017-T1\",\"value\":7}]";
	ck_assert_int_eq(http("POST", "/api/v1/statistics/1:import", T_EDITOR, NULL, rows,
			      strlen(rows), &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(http("POST", "/api/v1/statistics/2:import", T_EDITOR, NULL, rows,
			      strlen(rows), &r), 201);
	tresp_free(&r);
	json_t *t = get(&r, T_READER, "/api/v1/statistics/1/table?unit_id=1&period=2017-T1");
	ck_assert(json_is_null(json_object_get(json_object_get(t, "total"), "value")));
	ck_assert_ptr_nonnull(strstr(r.body, "distinct_units"));
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/1/table?unit_id=2&period=2017-T1");
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 5);
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/2/table?unit_id=1&period=2017-T1");
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 12);
	tresp_free(&r);
}
END_TEST

/* An indicator may take its values from a statistic and a dimension value. */
START_TEST(indicator_from_statistic)
{
	struct tresp r;
	setup_units_and_sick();
	static const struct http_case cases[] = {
		{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
		 "\"period\":\"2016-Q1\",\"dims\":{\"gender\":\"K\"},\"value\":9.31}", 201, NULL, NULL},
		{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":2,"
		 "\"period\":\"2017-Q1\",\"dims\":{\"gender\":\"K\"},\"value\":9.09}", 201, NULL, NULL},
		{"POST", "/api/v1/indicators", T_EDITOR, "{\"name\":\"S\",\"measure_unit\":\"percent\","
		 "\"direction\":\"lower_is_better\",\"statistic_id\":1}", 422, "invalid_input",
		 "unit_id"},
		{"POST", "/api/v1/indicators", T_EDITOR, "{\"name\":\"S\",\"unit_id\":1,\"measure_unit\":"
		 "\"percent\",\"direction\":\"lower_is_better\",\"statistic_id\":1,\"dims\":"
		 "{\"gender\":\"Z\"}}", 422, "invalid_input", "dims"},
		{"POST", "/api/v1/indicators", T_EDITOR, "{\"name\":\"S\",\"unit_id\":1,\"measure_unit\":"
		 "\"percent\",\"direction\":\"lower_is_better\",\"statistic_id\":7}", 422,
		 "unknown_reference", "statistic_id"},
		{"POST", "/api/v1/indicators", T_EDITOR, "{\"name\":\"S\",\"unit_id\":1,\"measure_unit\":"
		 "\"percent\",\"direction\":\"lower_is_better\",\"dims\":{\"gender\":\"K\"}}", 422,
		 "invalid_input", "dims"},
		{"POST", "/api/v1/indicators", T_EDITOR, "{\"name\":\"Sjukfrånvaro kvinnor\",\"unit_id\":1,"
		 "\"measure_unit\":\"percent\",\"direction\":\"lower_is_better\",\"target\":9,"
		 "\"decimals\":2,\"statistic_id\":1,\"dims\":{\"gender\":\"K\"}}", 201, NULL,
		 "\"dims\":{\"gender\":\"K\"}"},
		{"PUT", "/api/v1/indicators/1/values/2017-Q1", T_EDITOR, "{\"value\":null,"
		 "\"null_reason\":\"from the statistic\",\"target\":9.5,\"comment\":\"Mål 9,5\"}", 201,
		 NULL, NULL},
		{"DELETE", "/api/v1/statistics/1", T_EDITOR, NULL, 409, "referenced", NULL},
	};
	RUN_CASES(cases);
	json_t *v = get(&r, T_READER, "/api/v1/indicators/1/values");
	json_t *items = json_object_get(v, "items");
	ck_assert_uint_eq(json_array_size(items), 2);
	json_t *q1 = json_array_get(items, 1);
	ck_assert_double_eq(num(q1, "value"), 9.09);
	ck_assert_double_eq(num(q1, "target"), 9.5);  /* the stored target stays */
	ck_assert_str_eq(json_string_value(json_object_get(q1, "comment")), "Mål 9,5");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(q1, "assessment"),
							   "color")), "gron");
	ck_assert_str_eq(json_string_value(json_object_get(q1, "trend")), "minskat");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(json_array_get(items, 0),
									   "assessment"), "color")),
			 "rod");
	tresp_free(&r);
}
END_TEST

/* The rows of statistic_years that differ from what statistic_years_view makes of the
 * facts, either way: kept by the import's upserts and by the triggers of single writes. */
static int years_off_view(void)
{
	if (tsrv_count("SELECT count(*) FROM statistic_years") == 0)
		return -1;
	return (int)tsrv_count("SELECT (SELECT count(*) FROM (SELECT * FROM statistic_years EXCEPT"
			       " SELECT * FROM statistic_years_view) x) + (SELECT count(*) FROM"
			       " (SELECT * FROM statistic_years_view EXCEPT SELECT * FROM"
			       " statistic_years) y)");
}

START_TEST(years_match_view)
{
	struct tresp r;
	setup_units_and_sick();
	ck_assert_int_eq(import("", "text/csv", sick_csv, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(years_off_view(), 0);
	/* a second import adds months to rows the first made */
	ck_assert_int_eq(import("", "text/csv", "unit_code;period;gender;numerator;denominator\r\n"
				"A;2016-03;K;70;1000\r\nA;2016-05;;1;10\r\nB;2016-Q1;K;5;50\r\n", &r),
			 201);
	tresp_free(&r);
	ck_assert_int_eq(years_off_view(), 0);
	/* one stored fact among new ones: only it is named, and none of the new ones is kept,
	 * neither as a fact nor in the year sums */
	ck_assert_int_eq(import("", "text/csv", "unit_code;period;gender;numerator;denominator\r\n"
				"A;2016-06;K;1;10\r\nA;2016-03;K;70;1000\r\nB;2015-01;K;1;10\r\n", &r),
			 422);
	ck_assert_ptr_nonnull(strstr(r.body, "1 error"));
	ck_assert_ptr_nonnull(strstr(r.body, "\"row\":2"));
	ck_assert_ptr_nonnull(strstr(r.body, "stored already"));
	tresp_free(&r);
	ck_assert_int_eq(json_integer_value(json_object_get(
		get(&r, T_READER, "/api/v1/statistic-facts?statistic_id=1&limit=1"), "total")), 11);
	tresp_free(&r);
	ck_assert_int_eq(years_off_view(), 0);
	static const struct http_case writes[] = {
		{"POST", "/api/v1/statistic-facts", T_EDITOR, "{\"statistic_id\":1,\"unit_id\":3,"
		 "\"period\":\"2017-04\",\"dims\":{\"gender\":\"K\"},\"value\":9.5,\"population\":9}",
		 201, NULL, NULL},
		{"PATCH", "/api/v1/statistic-facts/1", T_EDITOR, "{\"period\":\"2017-06\"}", 200, NULL,
		 NULL},
		{"PATCH", "/api/v1/statistic-facts/2", T_EDITOR, "{\"unit_id\":3}", 200, NULL, NULL},
		{"DELETE", "/api/v1/statistic-facts/3", T_EDITOR, NULL, 204, NULL, NULL},
	};
	RUN_CASES(writes);
	ck_assert_int_eq(years_off_view(), 0);
}
END_TEST

/* ==== small numbers ======================================================================== */

/* On reads without a token under --open-read: counts of 1 and 2 are hidden with the next
 * smallest row, and a group at or under min_population is not published. */
START_TEST(open_read_small_numbers)
{
	struct tresp r;
	static const struct http_case cases[] = {
		{"POST", "/api/v1/statistics", T_EDITOR, "{\"code\":\"few\",\"name\":\"F\","
		 "\"measure_unit\":\"count\",\"aggregate\":\"distinct\",\"dimensions\":[{\"name\":"
		 "\"typ\",\"values\":[\"a\",\"b\",\"c\"]}]}", 201, NULL, NULL},
	};
	RUN_CASES(cases);
	int64_t id = stat_id("few"), unit = unit_id("HA-SF");
	char body[512], path[128];
	snprintf(body, sizeof body, "[{\"unit_id\":%lld,\"period\":\"2017\",\"dims\":{\"typ\":"
		 "\"a\"},\"value\":2},{\"unit_id\":%lld,\"period\":\"2017\",\"dims\":{\"typ\":\"b\"},"
		 "\"value\":5},{\"unit_id\":%lld,\"period\":\"2017\",\"dims\":{\"typ\":\"c\"},"
		 "\"value\":40},{\"unit_id\":%lld,\"period\":\"2017\",\"value\":47}]", (long long)unit,
		 (long long)unit, (long long)unit, (long long)unit);
	snprintf(path, sizeof path, "/api/v1/statistics/%lld:import", (long long)id);
	ck_assert_int_eq(http("POST", path, T_EDITOR, NULL, body, strlen(body), &r), 201);
	tresp_free(&r);
	json_t *t = get(&r, T_NONE, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017&by=typ",
			(long long)id, (long long)unit);
	json_t *a = row(t, "typ", "a"), *b = row(t, "typ", "b"), *c = row(t, "typ", "c");
	ck_assert(json_is_null(json_object_get(a, "value")) &&
		  json_is_true(json_object_get(a, "suppressed")));
	ck_assert(json_is_null(json_object_get(b, "value")) &&
		  json_is_true(json_object_get(b, "suppressed")));
	ck_assert_double_eq(num(c, "value"), 40);
	ck_assert_double_eq(num(json_object_get(t, "total"), "value"), 47);
	ck_assert_ptr_null(json_object_get(json_object_get(a, "explain"), "fact_id"));
	tresp_free(&r);
	t = get(&r, T_READER, "/api/v1/statistics/%lld/table?unit_id=%lld&period=2017&by=typ",
		(long long)id, (long long)unit);
	ck_assert_double_eq(num(row(t, "typ", "a"), "value"), 2);
	tresp_free(&r);
}
END_TEST

/* ==== the migration ======================================================================= */

/* Facts stored with their period and dimension texts beside their columns (before 0012) read
 * back the same after: the texts are written from the columns, and a fact never changed
 * shows its created_at as updated_at. */
START_TEST(facts_read_the_same_after_their_texts_go)
{
	static const struct {
		int id, mask, year, d1, d2, month_to, kind;
		const char *period, *dims, *updated;
	} old[] = {
		{1, 0, 2021, 0, 0, 3, 1, "2021-03", "{}", "2021-04-01T00:00:00Z"},
		{2, 3, 2021, 2, 3, 9, 2, "2021-Q3", "{\"gender\":\"M\",\"age_group\":\"50-\"}",
		 "2021-11-02T10:00:00Z"},
		{3, 2, 2020, 0, 1, 12, 0, "2020", "{\"age_group\":\"0-29\"}", "2021-04-01T00:00:00Z"},
		{4, 1, 2021, 1, 0, 8, 3, "2021-T2", "{\"gender\":\"K\"}", "2021-04-01T00:00:00Z"},
		{5, 1, 2021, 2, 0, 6, 4, "2021-H1", "{\"gender\":\"M\"}", "2021-04-01T00:00:00Z"},
	};
	char dir[] = "/tmp/folja-facts-XXXXXX", path[64], sql[640];
	sqlite3 *h = old_database(dir, path, sizeof path, 11, 1, 0);
	ck_assert_int_eq(sqlite3_exec(h,
		"INSERT INTO statistics (id, code, name, measure_unit, aggregate, dimensions)"
		" VALUES (1, 'sick', 'Sjukfrånvaro', 'percent', 'ratio', '[{\"name\": \"gender\","
		" \"values\": [\"K\", \"M\"]}, {\"name\": \"age_group\", \"values\": [\"0-29\","
		" \"30-49\", \"50-\"]}]')", NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO statistic_facts (statistic_id, mask, year,"
			 " unit_id, d1, d2, month_to, kind, month_from, id, period, dims, form,"
			 " numerator, denominator, created_at, updated_at) VALUES (1, %d, %d, 1, %d, %d,"
			 " %d, %d, %d, %d, '%s', '%s', 'ratio', 5, 100, '2021-04-01T00:00:00Z', '%s')",
			 old[i].mask, old[i].year, old[i].d1, old[i].d2, old[i].month_to, old[i].kind,
			 old[i].kind == 1 ? old[i].month_to : 1, old[i].id, old[i].period, old[i].dims,
			 old[i].updated);
		ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK, "%s",
			      sqlite3_errmsg(h));
	}
	sqlite3_close(h);

	ck_assert_int_eq(db_open_global(path), 0);
	for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
		json_t *fact = NULL, *dims = json_loads(old[i].dims, 0, NULL);
		ck_assert_int_eq(db_statistic_facts_get(db_thread(), old[i].id, &fact), DB_OK);
		ck_assert_str_eq(json_string_value(json_object_get(fact, "period")), old[i].period);
		ck_assert_msg(json_equal(json_object_get(fact, "dims"), dims), "fact %d", old[i].id);
		ck_assert_str_eq(json_string_value(json_object_get(fact, "updated_at")),
				 old[i].updated);
		ck_assert_int_eq(json_real_value(json_object_get(fact, "numerator")), 5);
		json_decref(fact);
		json_decref(dims);
	}
	db_close_global();

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM pragma_table_info('statistic_facts')"
				   " WHERE name IN ('period', 'dims')"), 0);
	ck_assert_int_eq(sql_count(h, "SELECT count(*) FROM statistic_facts"
				   " WHERE updated_at IS NOT NULL"), 1);
	sqlite3_close(h);
	remove_dir(dir);
}
END_TEST

Suite *statistics_http_suite(void)
{
	Suite *s = suite_create("statistics_http");
	TCase *demo = tcase_create("demo");
	tcase_add_checked_fixture(demo, tsrv_setup_demo, tsrv_teardown);
	tcase_add_test(demo, seed_002_placements);
	tcase_add_test(demo, seed_002_sick_leave);
	tcase_add_test(demo, seed_002_tables);
	tcase_add_test(demo, seed_003_volumes);
	tcase_add_test(demo, demo_indicator_fed);
	tcase_add_test(demo, kolada_out);
	tcase_add_test(demo, table_csv);
	suite_add_tcase(s, demo);
	TCase *tc = tcase_create("requests");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_add_test(tc, crud);
	tcase_add_test(tc, router_suffix);
	tcase_add_test(tc, import_csv);
	tcase_add_test(tc, year_to_date_adds_the_months);
	tcase_add_test(tc, import_errors);
	tcase_add_test(tc, import_keeps_each_rows_texts);
	tcase_add_test(tc, import_kolada);
	tcase_add_test(tc, years_match_view);
	tcase_add_test(tc, units_rule);
	tcase_add_test(tc, indicator_from_statistic);
	suite_add_tcase(s, tc);
	TCase *migration = tcase_create("migration");
	tcase_add_test(migration, facts_read_the_same_after_their_texts_go);
	suite_add_tcase(s, migration);
	TCase *open = tcase_create("open_read");
	tcase_add_checked_fixture(open, tsrv_setup_open, tsrv_teardown);
	tcase_add_test(open, open_read_small_numbers);
	suite_add_tcase(s, open);
	return s;
}
