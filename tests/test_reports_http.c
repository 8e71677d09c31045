/*
 * /api/v1/reports and /api/v1/report-templates over HTTP: every endpoint and its errors
 * (a bad period 400, an unknown section 404, a locked revision 409, a stale If-Match 412, a
 * personnummer 422), drafts behind a token, locked bytes that never change, and every user
 * text escaped in the HTML.  The demo database holds four reports: 1-3 locked (Haninge T1
 * 2017, Tyresö delår augusti 2017, Tyresö VB 2018), 4 a draft (Tyresö VB 2021).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/route.h"
#include "support.h"

/* A personnummer with a valid check digit (the input screen refuses it). */
#define PNR "19121212-1212"

static int req_if_match(const char *method, const char *path, enum tok tok, const char *body,
			const char *etag, struct tresp *out)
{
	char h[96];
	snprintf(h, sizeof h, "If-Match: %s\r\n", etag);
	return http_headers(method, path, tok, h, NULL, body, body ? strlen(body) : 0, out);
}

/* POSTs a VB 2021 draft for TY-ASN (unit 3) titled @p title; returns its id. */
static int64_t new_report(const char *title)
{
	char body[512];
	snprintf(body, sizeof body, "{\"unit_id\": 3, \"kind\": \"verksamhetsberattelse\", "
		 "\"period\": \"2021\", \"title\": \"%s\"}", title);
	return create("/api/v1/reports", body);
}

/* ==== templates =========================================================================== */

START_TEST(builtin_templates_follow_the_seeds)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/report-templates", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 4);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/report-templates?kind=verksamhetsberattelse",
			     T_READER, NULL, &r), 200);
	json_t *t = json_array_get(json_object_get(r.json, "items"), 0);
	ck_assert(json_is_true(json_object_get(t, "builtin")));
	ck_assert(json_is_true(json_object_get(t, "is_default")));
	json_t *secs = json_object_get(t, "sections");
	/* seed 001's order: events first, the summary table before the goal areas, economy
	 * after the goals, the barnbokslut last */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(secs, 0), "key")),
			 "viktiga_handelser");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(secs, 3), "type")),
			 "goal_summary");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(secs,
		json_array_size(secs) - 1), "key")), "barnbokslut");
	tresp_free(&r);
}
END_TEST

static const struct http_case template_cases[] = {
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": []}", 422, "invalid_input", "\"sections\""},
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": [{\"key\": \"a\", \"title\": \"A\", \"type\": \"nosuch\"}]}",
	 422, "invalid_input", "sections[0].type"},
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": [{\"key\": \"a\", \"title\": \"A\", \"type\": \"text\"},"
	 " {\"key\": \"a\", \"title\": \"B\", \"type\": \"text\"}]}", 422, "invalid_input",
	 "sections[1].key"},
	/* params are checked by the endpoint's own query spec */
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": [{\"key\": \"b\", \"title\": \"B\", \"type\": \"budget\","
	 " \"params\": {\"group_by\": \"nosuch\"}}]}", 422, "invalid_input",
	 "sections[0].params.group_by"},
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": [{\"key\": \"b\", \"title\": \"B\", \"type\": \"budget\","
	 " \"params\": {\"grop_by\": \"unit\"}}]}", 422, "invalid_input", "grop_by"},
	{"POST", "/api/v1/report-templates", T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\":"
	 " \"M\", \"sections\": [{\"key\": \"a\", \"title\": \"Om " PNR "\", \"type\": \"text\"}]}",
	 422, "invalid_input", "personnummer"},
	{"POST", "/api/v1/report-templates", T_READER, "{}", 403, "forbidden", NULL},
	{"GET", "/api/v1/report-templates/999", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/report-templates?kind=nosuch", T_READER, NULL, 400, "invalid_query",
	 NULL},
};

START_TEST(template_errors)
{
	RUN_CASES(template_cases);
}
END_TEST

START_TEST(a_new_default_template_takes_over_and_edits_change_no_report)
{
	struct tresp r;
	int64_t id = create("/api/v1/report-templates", "{\"kind\": \"manadsrapport\", \"name\":"
			    " \"Egen\", \"is_default\": true, \"sections\": [{\"key\": \"k\","
			    " \"title\": \"Kommentar\", \"type\": \"text\"}, {\"key\": \"e\","
			    " \"title\": \"Ekonomi\", \"type\": \"budget\", \"params\": {\"depth\": 1}}]}");
	int64_t rep = create("/api/v1/reports", "{\"unit_id\": 3, \"kind\": \"manadsrapport\","
			     " \"period\": \"2021-03\", \"title\": \"Mars\"}");
	char path[96];
	snprintf(path, sizeof path, "/api/v1/report-templates/%lld", (long long)id);
	ck_assert_int_eq(req_if_match("PUT", path, T_EDITOR, "{\"kind\": \"manadsrapport\", "
				      "\"name\": \"E\", \"sections\": [{\"key\": \"x\", \"title\": "
				      "\"X\", \"type\": \"text\"}]}", "\"7\"", &r), 412);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"kind\": \"manadsrapport\", \"name\": \"E\","
			     " \"is_default\": true, \"sections\": [{\"key\": \"x\", \"title\": "
			     "\"X\", \"type\": \"text\"}]}", &r), 200);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld", (long long)rep);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	json_t *secs = json_object_get(r.json, "sections");
	ck_assert_uint_eq(json_array_size(secs), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(secs, 1), "source")),
			 "/api/v1/budget/rollup?unit_id=3&period=2021-03&depth=1");
	tresp_free(&r);
	/* the built-in monthly template is no longer the default */
	ck_assert_int_eq(req("GET", "/api/v1/report-templates?kind=manadsrapport", T_READER, NULL,
			     &r), 200);
	ck_assert(json_is_false(json_object_get(json_array_get(json_object_get(r.json, "items"),
							       0), "is_default")));
	tresp_free(&r);
}
END_TEST

/* ==== making a report ===================================================================== */

static const struct http_case create_cases[] = {
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 3, \"kind\": \"delarsrapport\","
	 " \"period\": \"2021-T4\", \"title\": \"X\"}", 400, "invalid_period", NULL},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 3, \"kind\": \"delarsrapport\","
	 " \"period\": \"2021-t2\", \"title\": \"X\"}", 400, "invalid_period", NULL},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 999, \"kind\": \"delarsrapport\","
	 " \"period\": \"2021-T2\", \"title\": \"X\"}", 422, "unknown_reference", "unit_id"},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 3, \"kind\": \"arsrapport\","
	 " \"period\": \"2021\", \"title\": \"X\"}", 422, "invalid_input", "kind"},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 3, \"kind\": \"delarsrapport\","
	 " \"period\": \"2021-T2\", \"title\": \"X\", \"template_id\": 99}", 422,
	 "unknown_reference", "template_id"},
	{"POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 3, \"kind\": \"delarsrapport\","
	 " \"period\": \"2021-T2\", \"title\": \"Om " PNR "\"}", 422, "invalid_input",
	 "personnummer"},
	{"POST", "/api/v1/reports", T_READER, "{}", 403, "forbidden", NULL},
	{"GET", "/api/v1/reports/999", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/reports/4?format=csv", T_READER, NULL, 406, "not_acceptable", NULL},
	{"GET", "/api/v1/reports/4?period=2021", T_READER, NULL, 400, "invalid_query", NULL},
	{"GET", "/api/v1/reports/1/revisions/2", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/reports/1/revisions/x", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/reports?period=2021-Q5", T_READER, NULL, 400, "invalid_period", NULL},
	{"GET", "/api/v1/reports?unit_id=999", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/reports/4/drift", T_READER, NULL, 409, "not_locked", NULL},
	{"GET", "/api/v1/reports/999/drift", T_READER, NULL, 404, "not_found", NULL},
	{"GET", "/api/v1/reports/1:lock", T_READER, NULL, 405, "method_not_allowed", NULL},
	{"POST", "/api/v1/reports/999:lock", T_EDITOR, "{}", 404, "not_found", NULL},
	{"POST", "/api/v1/reports/1:lock", T_EDITOR, "{}", 409, "report_locked", NULL},
	{"POST", "/api/v1/reports/4:lock", T_EDITOR, "{\"decided_on\": \"2022-02-30\"}", 422,
	 "invalid_input", "decided_on"},
	{"POST", "/api/v1/reports/4:lock", T_READER, "{}", 403, "forbidden", NULL},
};

START_TEST(create_and_read_errors)
{
	RUN_CASES(create_cases);
}
END_TEST

START_TEST(a_new_report_copies_its_template)
{
	struct tresp r;
	ck_assert_int_eq(req("POST", "/api/v1/reports", T_EDITOR, "{\"unit_id\": 5, \"kind\": "
			     "\"delarsrapport\", \"period\": \"2017-T2\", \"title\": \"Delår\"}", &r),
			 201);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "draft");
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "revision")), 1);
	char loc[96];
	ck_assert_ptr_nonnull(tresp_header(&r, "Location", loc, sizeof loc));
	tresp_free(&r);
	ck_assert_int_eq(req("GET", loc, T_READER, NULL, &r), 200);
	json_t *secs = json_object_get(r.json, "sections");
	json_t *dec = json_array_get(secs, 4);
	ck_assert_str_eq(json_string_value(json_object_get(dec, "type")), "decisions");
	ck_assert_str_eq(json_string_value(json_object_get(dec, "source")),
			 "/api/v1/decisions/council-report?period=2017-T2&unit_id=5");
	/* seed 003: 82 decisions not executed per 31 August 2017 */
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(dec, "data"),
							    "count")), 82);
	/* a register's section holds exactly what its summary endpoint answers */
	json_t *audits = json_incref(json_array_get(secs, 5));
	ck_assert_str_eq(json_string_value(json_object_get(audits, "type")), "audits");
	ck_assert(json_is_null(json_object_get(r.json, "sha256")));
	tresp_free(&r);
	const char *src = json_string_value(json_object_get(audits, "source"));
	ck_assert_str_eq(src, "/api/v1/audits/summary?period=2017-T2&unit_id=5");
	ck_assert_int_eq(req("GET", src, T_READER, NULL, &r), 200);
	ck_assert(json_equal(json_object_get(audits, "data"), r.json));
	tresp_free(&r);
	json_decref(audits);
}
END_TEST

/* ==== narrative =========================================================================== */

START_TEST(narrative_is_written_under_if_match)
{
	struct tresp r;
	char path[128], etag[32];
	int64_t id = new_report("Narrativ");
	snprintf(path, sizeof path, "/api/v1/reports/%lld/sections/viktiga_handelser",
		 (long long)id);
	ck_assert_int_eq(req_if_match("PUT", path, T_EDITOR, "{\"text\": \"# Året\\n\\nBra.\"}",
				      "\"1\"", &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "version")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "text")), "# Året\n\nBra.");
	ck_assert_str_eq(tresp_header(&r, "ETag", etag, sizeof etag), "\"2\"");
	tresp_free(&r);
	/* the version read before is stale now */
	ck_assert_int_eq(req_if_match("PUT", path, T_EDITOR, "{\"text\": \"Annat.\"}", "\"1\"",
				      &r), 412);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "stale_version");
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld", (long long)id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "version")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(r.json,
		"sections"), 0), "text")), "# Året\n\nBra.");
	tresp_free(&r);
}
END_TEST

START_TEST(narrative_errors)
{
	struct tresp r;
	char path[128];
	int64_t id = new_report("Fel");
	snprintf(path, sizeof path, "/api/v1/reports/%lld/sections/nosuch", (long long)id);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"text\": \"x\"}", &r), 404);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld/sections/resultatrakning", (long long)id);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"text\": \"x\"}", &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "not_a_text_section");
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld/sections/barnbokslut", (long long)id);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"text\": \"Barnet " PNR " flyttade.\"}",
			     &r), 422);
	ck_assert_ptr_nonnull(strstr(r.body, "personnummer"));
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"text\": 5}", &r), 422);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", path, T_READER, "{\"text\": \"x\"}", &r), 403);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", "/api/v1/reports/999/sections/barnbokslut", T_EDITOR,
			     "{\"text\": \"x\"}", &r), 404);
	tresp_free(&r);
	/* a locked revision takes no narrative: 409 */
	ck_assert_int_eq(req("PUT", "/api/v1/reports/3/sections/viktiga_handelser", T_EDITOR,
			     "{\"text\": \"Ändrat i efterhand.\"}", &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "report_locked");
	tresp_free(&r);
}
END_TEST

/* A title or narrative with <script> renders as text, in HTML and in Markdown. */
START_TEST(user_text_is_escaped_in_every_rendering)
{
	struct tresp r;
	char path[128];
	int64_t id = new_report("<script>alert(1)</script>");
	snprintf(path, sizeof path, "/api/v1/reports/%lld/sections/maldelning", (long long)id);
	ck_assert_int_eq(req("PUT", path, T_EDITOR, "{\"text\": \"Före <script>alert(2)</script>"
			     " <img src=x onerror=alert(3)> efter\"}", &r), 200);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld?format=html", (long long)id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_ptr_null(strstr(r.body, "<script"));
	ck_assert_ptr_null(strstr(r.body, "<img"));
	ck_assert_ptr_null(strstr(r.body, "onerror"));
	ck_assert_ptr_nonnull(strstr(r.body, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
	ck_assert_ptr_nonnull(strstr(r.body, "Före"));
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld?format=md", (long long)id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	/* the title is escaped ("\\<script\\>" reads as text); the narrative's HTML is gone */
	ck_assert_ptr_nonnull(strstr(r.body, "# \\<script\\>alert(1)\\</script\\>"));
	ck_assert_ptr_null(strstr(r.body, "<script>"));
	ck_assert_ptr_null(strstr(r.body, "<img"));
	tresp_free(&r);
}
END_TEST

/* ==== lock and revisions ================================================================== */

/* The hex SHA-256 of @p len bytes at @p s into @p hex. */
static void sha256_hex(const char *s, size_t len, char hex[65])
{
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)s, len);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

START_TEST(lock_stores_bytes_and_revisions_follow)
{
	struct tresp r;
	char path[128], hex[65];
	int64_t id = new_report("Att låsa");
	snprintf(path, sizeof path, "/api/v1/reports/%lld:lock", (long long)id);
	ck_assert_int_eq(req_if_match("POST", path, T_EDITOR, "{}", "\"9\"", &r), 412);
	tresp_free(&r);
	ck_assert_int_eq(req_if_match("POST", path, T_EDITOR, "{\"decided_on\": \"2022-02-22\", "
				      "\"decision_ref\": \"ASN § 12\"}", "\"1\"", &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "locked");
	char *sha = strdup(json_string_value(json_object_get(r.json, "sha256")));
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, T_EDITOR, "{}", &r), 409);
	tresp_free(&r);
	snprintf(path, sizeof path, "/api/v1/reports/%lld", (long long)id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	sha256_hex(r.body, r.body_len, hex);
	ck_assert_str_eq(hex, sha);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "decided_on")), "2022-02-22");
	ck_assert_ptr_null(json_object_get(r.json, "sha256"));
	tresp_free(&r);
	/* a new revision only over a locked one, and with a reason */
	snprintf(path, sizeof path, "/api/v1/reports/%lld/revisions", (long long)id);
	ck_assert_int_eq(req("POST", path, T_EDITOR, "{}", &r), 422);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, T_EDITOR, "{\"reason\": \"Rättelse\"}", &r), 201);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "revision")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "draft");
	tresp_free(&r);
	ck_assert_int_eq(req("POST", path, T_EDITOR, "{\"reason\": \"Igen\"}", &r), 409);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), "report_draft");
	tresp_free(&r);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(r.json,
		"items"), 0), "sha256")), sha);
	tresp_free(&r);
	/* revision 1 is still the locked bytes */
	snprintf(path, sizeof path, "/api/v1/reports/%lld/revisions/1", (long long)id);
	ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
	sha256_hex(r.body, r.body_len, hex);
	ck_assert_str_eq(hex, sha);
	tresp_free(&r);
	free(sha);
}
END_TEST

/* A locked report's bytes and digest: the same on every read, named by ETag and Repr-Digest. */
START_TEST(locked_reads_are_byte_identical)
{
	const char *formats[] = {"json", "md", "html"};
	const char *types[] = {"application/json", "text/markdown", "text/html"};
	for (int f = 0; f < 3; f++) {
		struct tresp a, b;
		char path[96], ct[96], etag[96], digest[96];
		snprintf(path, sizeof path, "/api/v1/reports/3?format=%s", formats[f]);
		ck_assert_int_eq(req("GET", path, T_READER, NULL, &a), 200);
		ck_assert_int_eq(req("GET", path, T_EDITOR, NULL, &b), 200);
		ck_assert_uint_eq(a.body_len, b.body_len);
		ck_assert(memcmp(a.body, b.body, a.body_len) == 0);
		ck_assert_ptr_nonnull(strstr(tresp_header(&a, "Content-Type", ct, sizeof ct),
					     types[f]));
		/* the second read names the bytes as the first did */
		ck_assert_ptr_nonnull(tresp_header(&a, "ETag", etag, sizeof etag));
		ck_assert_str_eq(tresp_header(&b, "ETag", ct, sizeof ct), etag);
		if (f == 0) {
			ck_assert_ptr_nonnull(tresp_header(&a, "Repr-Digest", digest,
							   sizeof digest));
			ck_assert_str_eq(tresp_header(&b, "Repr-Digest", ct, sizeof ct), digest);
		}
		tresp_free(&a);
		tresp_free(&b);
		char inm[128];
		snprintf(inm, sizeof inm, "If-None-Match: %s\r\n", etag);
		ck_assert_int_eq(http_headers("GET", path, T_READER, inm, NULL, NULL, 0, &a), 304);
		tresp_free(&a);
	}
}
END_TEST

START_TEST(accept_chooses_the_format)
{
	struct tresp r;
	char ct[96];
	ck_assert_int_eq(http_headers("GET", "/api/v1/reports/2", T_READER, "Accept: text/html\r\n",
				      NULL, NULL, 0, &r), 200);
	ck_assert_ptr_nonnull(strstr(tresp_header(&r, "Content-Type", ct, sizeof ct),
				     "text/html"));
	ck_assert(strncmp(r.body, "<!DOCTYPE html>", 15) == 0);
	tresp_free(&r);
	ck_assert_int_eq(http_headers("GET", "/api/v1/reports/2", T_READER,
				      "Accept: text/markdown\r\n", NULL, NULL, 0, &r), 200);
	ck_assert(strncmp(r.body, "# Delårsrapport", 16) == 0);
	tresp_free(&r);
}
END_TEST

/* ==== open reads ========================================================================== */

static const struct http_case open_cases[] = {
	{"GET", "/api/v1/reports/4", T_NONE, NULL, 401, "unauthorized", NULL},
	{"GET", "/api/v1/reports/4?format=html", T_NONE, NULL, 401, "unauthorized", NULL},
	{"GET", "/api/v1/reports/3", T_NONE, NULL, 200, NULL, "\"status\":\"locked\""},
	{"GET", "/api/v1/reports/3?format=html", T_NONE, NULL, 200, NULL, "<html lang=\"sv\">"},
	{"GET", "/api/v1/reports/4", T_READER, NULL, 200, NULL, "\"status\":\"draft\""},
	{"PUT", "/api/v1/reports/4/sections/maldelning", T_NONE, "{\"text\": \"x\"}", 401, NULL,
	 NULL},
};

START_TEST(drafts_need_a_token)
{
	struct tresp r;
	RUN_CASES(open_cases);
	ck_assert_int_eq(req("GET", "/api/v1/reports", T_NONE, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 3);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/reports", T_READER, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 4);
	tresp_free(&r);
}
END_TEST

/* The lock route's "{id}:lock" segment beats "{id}" and hands the id alone to the handler. */
START_TEST(router_takes_a_parameter_with_a_suffix)
{
	struct route_match m;
	const char *params[REQ_MAX_PARAMS];
	char buf[128];
	router_match("POST", "/api/v1/reports/12:lock", &m, params, buf, sizeof buf);
	ck_assert_ptr_nonnull(m.route);
	ck_assert_str_eq(m.route->pattern, "/api/v1/reports/{id}:lock");
	ck_assert_str_eq(params[0], "12");
	router_match("GET", "/api/v1/reports/12", &m, params, buf, sizeof buf);
	ck_assert_str_eq(m.route->pattern, "/api/v1/reports/{id}");
	ck_assert_str_eq(params[0], "12");
	router_match("POST", "/api/v1/reports/:lock", &m, params, buf, sizeof buf);
	ck_assert_ptr_null(m.route);   /* the parameter may not be empty */
}
END_TEST

Suite *reports_http_suite(void)
{
	Suite *s = suite_create("reports_http");
	TCase *tc = tcase_create("reports");
	tcase_add_checked_fixture(tc, tsrv_setup_demo, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, builtin_templates_follow_the_seeds);
	tcase_add_test(tc, template_errors);
	tcase_add_test(tc, a_new_default_template_takes_over_and_edits_change_no_report);
	tcase_add_test(tc, create_and_read_errors);
	tcase_add_test(tc, a_new_report_copies_its_template);
	tcase_add_test(tc, narrative_is_written_under_if_match);
	tcase_add_test(tc, narrative_errors);
	tcase_add_test(tc, user_text_is_escaped_in_every_rendering);
	tcase_add_test(tc, lock_stores_bytes_and_revisions_follow);
	tcase_add_test(tc, locked_reads_are_byte_identical);
	tcase_add_test(tc, accept_chooses_the_format);
	suite_add_tcase(s, tc);
	TCase *open = tcase_create("open_reads");
	tcase_add_checked_fixture(open, tsrv_setup_open, tsrv_teardown);
	tcase_set_timeout(open, 120);
	tcase_add_test(open, drafts_need_a_token);
	suite_add_tcase(s, open);
	TCase *router = tcase_create("router");
	tcase_add_test(router, router_takes_a_parameter_with_a_suffix);
	suite_add_tcase(s, router);
	return s;
}
