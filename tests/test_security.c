/*
 * Who may do what, proven against the routing table itself.
 *
 * The role matrix is generated from folja_routes[]: every route is called with no token, a bad
 * token and each kind of real token, path parameters filled with "1", and the reply must be
 * 401, 403 or "let through" exactly as the route's declared access level says.  A route added
 * later is covered the moment it is in the table, so a new endpoint cannot forget its role.
 * Rules about the table itself (writes are never readable by a reader, lex Sarah and decision
 * detail need `sensitive`) are checked here too.
 *
 * Then the other promises of the security issue: SQL injection strings reach SQLite only as
 * bound values (they round-trip unchanged and the schema survives), tokens never show up in the
 * request log, the audit log or the database file, a source rule that no code outside
 * src/db/ prepares or formats SQL (FOLJA_SOURCE_ROOT names the tree to scan), CSV cells a
 * spreadsheet would take for a formula leave guarded, and the database files are the owner's
 * alone.
 *
 * Then the audit log: an entry written through a route that needs `sensitive` (decided by the
 * routing table, checked here against it) is never shown to an admin without `sensitive`, in
 * JSON or CSV, nor counted; each entry names its token's id; writes outside the generic
 * resource verbs (indicator values, budget settings, bulk loads) keep what they replaced.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "folja/api.h"
#include "folja/db.h"
#include "folja/embed.h"
#include "folja/input.h"
#include "folja/server.h"
#include "support.h"

/* The route's pattern with every {param} replaced by @p fill. */
static void route_path(const struct route *rt, const char *fill, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = rt->pattern; *p && n + 1 < cap; p++) {
		if (*p == '{') {
			n += (size_t)snprintf(out + n, cap - n, "%s", fill);
			p += strcspn(p, "}");
			if (!*p)
				break;
			continue;
		}
		out[n++] = *p;
	}
	out[n < cap ? n : cap - 1] = '\0';
}

/* Whether token kind @p t may call a route of @p access (false = 401/403 expected). */
static bool may(enum tok t, enum access access, bool open_read)
{
	bool sens = t == T_ADMIN || t == T_SENS_READER || t == T_SENS_EDITOR;
	bool admin = t == T_ADMIN || t == T_PLAIN_ADMIN;
	bool reader = t == T_READER || t == T_SENS_READER || t == T_EDITOR || t == T_SENS_EDITOR ||
		      admin;
	bool editor = t == T_EDITOR || t == T_SENS_EDITOR || admin;
	switch (access) {
	case ACCESS_PUBLIC:
		return t != T_BAD;
	case ACCESS_READ:
		return reader || (open_read && t == T_NONE);
	case ACCESS_READ_SENSITIVE:
		return reader && sens;
	case ACCESS_EDIT:
		return editor;
	case ACCESS_EDIT_SENSITIVE:
		return editor && sens;
	case ACCESS_ADMIN:
		return admin;
	}
	return false;
}

static const char *tok_name(enum tok t)
{
	static const char *names[] = {"none", "reader", "editor", "admin", "sens-reader",
				      "sens-editor", "plain-admin", "bad"};
	return names[t];
}

/* Calls every route with every kind of token and checks the gate's answer. */
static void check_matrix(bool open_read)
{
	char path[256];
	size_t checked = 0;
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		/* a DELETE that gets through must not take away what later calls need (token 1) */
		route_path(rt, strcmp(rt->method, "DELETE") == 0 ? "999999" : "1", path, sizeof path);
		for (int t = T_NONE; t <= T_BAD; t++) {
			struct tresp r;
			const char *body = rt->body != BODY_NONE ? "{}" : NULL;
			int status = req(rt->method, path, (enum tok)t, body, &r);
			const char *code = json_string_value(json_object_get(r.json, "code"));
			ck_assert_msg(status < 500, "%s %s as %s: %d %s", rt->method, path,
				      tok_name((enum tok)t), status, r.body);
			if (may((enum tok)t, rt->access, open_read)) {
				ck_assert_msg(status != 401 && status != 403,
					      "%s %s as %s: refused with %d, access level allows it",
					      rt->method, path, tok_name((enum tok)t), status);
			} else {
				/* No token (or a bad one) is 401; a real token lacking rights, 403. */
				int want = t == T_NONE || t == T_BAD ? 401 : 403;
				ck_assert_msg(status == want, "%s %s as %s: %d, want %d: %s",
					      rt->method, path, tok_name((enum tok)t), status, want,
					      r.body);
				ck_assert_msg(code && strcmp(code, want == 401 ? "unauthorized" :
							     "forbidden") == 0,
					      "%s %s: code %s", rt->method, path, code ? code : "-");
				char h[256];
				ck_assert_msg(want != 401 ||
					      tresp_header(&r, "WWW-Authenticate", h, sizeof h),
					      "%s %s: 401 without WWW-Authenticate", rt->method, path);
			}
			tresp_free(&r);
			checked++;
		}
	}
	ck_assert_uint_eq(checked, folja_route_count * (T_BAD + 1));
}

START_TEST(role_matrix_from_routing_table)
{
	check_matrix(false);
}
END_TEST

START_TEST(role_matrix_open_read)
{
	check_matrix(true);
}
END_TEST

/* HEAD is routed as GET, so it must be gated as GET is. */
START_TEST(head_is_gated_like_get)
{
	char path[256];
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		if (strcmp(rt->method, "GET") != 0 || rt->access == ACCESS_PUBLIC)
			continue;
		route_path(rt, "1", path, sizeof path);
		struct tresp r;
		int status = http("HEAD", path, T_NONE, NULL, NULL, 0, &r);
		ck_assert_msg(status == 401, "HEAD %s without token: %d", path, status);
		tresp_free(&r);
	}
}
END_TEST

/* Rules about the table: a write is never open to readers or anonymous callers, and the
 * registers' detail (lex Sarah reports, decisions: the collection and the item) needs
 * `sensitive`.  Aggregates under those paths (summary, reports) are left to their routes. */
START_TEST(table_access_rules)
{
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		bool write = strcmp(rt->method, "GET") != 0;
		ck_assert_msg(!write || rt->access >= ACCESS_EDIT,
			      "%s %s writes but is open to readers", rt->method, rt->pattern);
		const char *reg = NULL;
		if (strncmp(rt->pattern, "/api/v1/lex-sarah-reports", 25) == 0)
			reg = rt->pattern + 25;
		else if (strncmp(rt->pattern, "/api/v1/decisions", 17) == 0)
			reg = rt->pattern + 17;
		/* "" is the collection, "/{id}" the item */
		bool detail = reg && (reg[0] == '\0' || (reg[0] == '/' && reg[1] == '{' &&
							 strchr(reg, '}')[1] == '\0'));
		ck_assert_msg(!detail || rt->access == ACCESS_READ_SENSITIVE ||
			      rt->access == ACCESS_EDIT_SENSITIVE || rt->access == ACCESS_ADMIN,
			      "%s %s is register detail without `sensitive`", rt->method,
			      rt->pattern);
	}
}
END_TEST

/* ---- SQL injection ---------------------------------------------------------------------- */

static const char *const injections[] = {
	"'); DROP TABLE units;--",
	"' OR '1'='1",
	"1; DELETE FROM units",
	"\" OR \"\"=\"",
	"%s%s%s%n%x",
	"x' UNION SELECT sql FROM sqlite_master --",
	"Robert'); DROP TABLE tokens;--",
	"\\'; ATTACH DATABASE '/tmp/pwn.db' AS pwn;--",
};

static int64_t unit_total(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?limit=1", T_READER, NULL, &r), 200);
	int64_t n = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return n;
}

START_TEST(injection_in_json_round_trips)
{
	size_t n = sizeof injections / sizeof injections[0];
	for (size_t i = 0; i < n; i++) {
		json_t *in = json_pack("{s:s, s:s, s:s}", "code", injections[i], "name",
				       injections[i], "kind", "enhet");
		if (i == 0)  /* also as a code of an unrelated kind of field */
			json_object_set_new(in, "regi", json_string("myndighet"));
		char *body = json_dumps(in, JSON_COMPACT);
		json_decref(in);
		int64_t id = create("/api/v1/units", body);
		free(body);
		char path[64];
		snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)id);
		struct tresp r;
		ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
		ck_assert_str_eq(json_string_value(json_object_get(r.json, "name")), injections[i]);
		ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), injections[i]);
		tresp_free(&r);
	}
	/* Every row is there, the tables survived, the tokens still work. */
	ck_assert_int_eq(unit_total(), (int64_t)n);
	/* A PATCH carrying an injection changes only the one field. */
	struct tresp r;
	ck_assert_int_eq(req("PATCH", "/api/v1/units/1", T_EDITOR,
			     "{\"name\":\"x', name = 'owned\"}", &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "x', name = 'owned");
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/units/2", T_READER, NULL, &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "name")), injections[1]);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit", T_ADMIN, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), (int64_t)n + 1);
	tresp_free(&r);
}
END_TEST

/* ---- CSV injection ---------------------------------------------------------------------- */

/* A text cell a spreadsheet could take for a formula leaves ?format=csv quoted with a leading
 * apostrophe: = + - @ and, as OWASP lists them, TAB and CR (a spreadsheet may drop those and
 * read the = behind them). */
START_TEST(csv_formula_cells_are_guarded)
{
	static const char *const risky[] = {"=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2",
					    "\r=1+2"};
	size_t n = sizeof risky / sizeof risky[0];
	for (size_t i = 0; i < n; i++) {
		char code[8];
		snprintf(code, sizeof code, "C%zu", i);
		json_t *in = json_pack("{s:s, s:s, s:s}", "code", code, "name", risky[i], "kind",
				       "enhet");
		char *body = json_dumps(in, JSON_COMPACT);
		json_decref(in);
		create("/api/v1/units", body);
		free(body);
	}
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?format=csv", T_READER, NULL, &r), 200);
	for (size_t i = 0; i < n; i++) {
		char cell[32];
		snprintf(cell, sizeof cell, ";\"'%s\";", risky[i]);
		ck_assert_msg(strstr(r.body, cell), "cell %zu unguarded: %s", i, r.body);
	}
	tresp_free(&r);
}
END_TEST

/* Percent-encodes @p s for a query string. */
static void url_encode(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 4 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", c);
	}
	out[n] = '\0';
}

START_TEST(injection_in_query_strings)
{
	static const char *const params[] = {"q", "kind", "regi", "parent_id", "active", "limit",
					     "offset", "format", "period", "unit_id", "year",
					     "quarter", "group_by", "scale", "entity", "id"};
	create("/api/v1/units", "{\"code\":\"K\",\"name\":\"Kommun\",\"kind\":\"kommun\"}");
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
	char path[256], enc[256], url[1024];
	for (const struct route *rt = folja_routes; rt->method; rt++) {
		if (strcmp(rt->method, "GET") != 0)
			continue;
		route_path(rt, "1", path, sizeof path);
		for (size_t i = 0; i < sizeof injections / sizeof injections[0]; i++) {
			url_encode(injections[i], enc, sizeof enc);
			for (size_t p = 0; p < sizeof params / sizeof params[0]; p++) {
				snprintf(url, sizeof url, "%s?%s=%s", path, params[p], enc);
				struct tresp r;
				int status = req("GET", url, T_ADMIN, NULL, &r);
				ck_assert_msg(status < 500, "GET %s: %d %s", url, status, r.body);
				tresp_free(&r);
			}
		}
	}
	/* A text filter given an injection finds nothing rather than everything. */
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?q=%27%20OR%20%271%27%3D%271", T_READER, NULL,
			     &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 0);
	tresp_free(&r);
	/* A filter with a fixed set of values refuses anything else. */
	ck_assert_int_eq(req("GET", "/api/v1/units?kind=%27%20OR%20%271%27%3D%271", T_READER, NULL,
			     &r), 400);
	tresp_free(&r);
	ck_assert_int_eq(unit_total(), 2);
}
END_TEST

/* ---- secrets never written down ---------------------------------------------------------- */

/* Reads the whole file @p path (NULL when absent); *len gets its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool contains(const char *hay, size_t n, const char *needle)
{
	return memmem(hay, n, needle, strlen(needle)) != NULL;
}

/* Every token's secret part (the 64 hex digits after the id). */
static const char *secret_of(enum tok t)
{
	return strrchr(T.token[t], '_') + 1;
}

START_TEST(log_keeps_no_tokens_and_no_forged_lines)
{
	/* Restart the server with its request log on, and capture stderr. */
	server_stop(T.srv);
	struct server_config cfg;
	server_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.timeout_s = 5;
	T.srv = server_start(&cfg);
	ck_assert_ptr_nonnull(T.srv);
	T.port = server_port(T.srv);

	char logpath[160];
	snprintf(logpath, sizeof logpath, "%s/stderr.log", T.dir);
	fflush(stderr);
	int saved = dup(2);
	int fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 2);
	close(fd);

	int requests = 0;
	char url[512];
	for (int t = T_NONE; t <= T_BAD; t++) {
		struct tresp r;
		req("POST", "/api/v1/units", (enum tok)t,
		    "{\"code\":\"C\",\"name\":\"N\",\"kind\":\"enhet\"}", &r);
		tresp_free(&r);
		req("GET", "/api/v1/units", (enum tok)t, NULL, &r);
		tresp_free(&r);
		/* A client that puts the token in the query string must not get it logged. */
		snprintf(url, sizeof url, "/api/v1/units?access_token=%s", T.token[t]);
		req("GET", url, T_NONE, NULL, &r);
		tresp_free(&r);
		requests += 3;
	}
	/* A decoded %0A in the path must not start a forged line; escapes must not reach a
	 * terminal. */
	struct tresp fr;
	req("GET", "/x%0Afake%20GET%20/api/v1/units%20200%201ms%20admin%1B%5B31m", T_NONE, NULL,
	    &fr);
	ck_assert_int_eq(fr.status, 404);
	tresp_free(&fr);
	server_stop(T.srv);  /* every completion callback (which logs) has run */
	T.srv = NULL;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);

	size_t n;
	char *log = slurp(logpath, &n);
	ck_assert_ptr_nonnull(log);
	int lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += log[i] == '\n';
	ck_assert_int_ge(lines, requests);
	ck_assert_msg(contains(log, n, "sens-editor"), "the log names the caller: %s", log);
	ck_assert_msg(!contains(log, n, "\nfake"), "a client forged a log line: %s", log);
	ck_assert_msg(!memchr(log, 0x1b, n), "a client wrote an escape sequence to the log");
	ck_assert_msg(contains(log, n, "/x\\x0afake"), "the forged path is logged escaped: %s",
		      log);
	for (int t = T_READER; t <= T_BAD; t++) {
		ck_assert_msg(!contains(log, n, secret_of((enum tok)t)), "token %s logged: %s",
			      tok_name((enum tok)t), log);
		ck_assert_msg(!contains(log, n, "Bearer"), "authorization header logged");
	}
	free(log);
	unlink(logpath);
	/* tsrv_teardown stops T.srv; give it a running one again. */
	tsrv_stop();
	tsrv_start(false, false);
}
END_TEST

START_TEST(tokens_not_in_audit_or_database)
{
	struct tresp r;
	int64_t id = create("/api/v1/units", "{\"code\":\"K\",\"name\":\"Kommun\",\"kind\":\"kommun\"}");
	char path[64];
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)id);
	ck_assert_int_eq(req("PATCH", path, T_ADMIN, "{\"name\":\"Ny\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", path, T_EDITOR, NULL, &r), 204);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", "/api/v1/audit", T_ADMIN, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), 3);
	for (int t = T_READER; t < T_BAD; t++) {
		ck_assert_msg(!contains(r.body, r.body_len, secret_of((enum tok)t)),
			      "token in the audit log: %s", r.body);
		ck_assert_msg(!contains(r.body, r.body_len, T.token[t]), "token in the audit log");
	}
	ck_assert_msg(contains(r.body, r.body_len, "\"actor\":\"admin\""), "%s", r.body);
	tresp_free(&r);
	/* Only hashes are stored: the secrets appear nowhere in the database files. */
	static const char *suffix[] = {"", "-wal"};
	for (int s = 0; s < 2; s++) {
		char file[192];
		size_t n;
		snprintf(file, sizeof file, "%s%s", T.db, suffix[s]);
		char *data = slurp(file, &n);
		if (!data)
			continue;
		for (int t = T_READER; t < T_BAD; t++)
			ck_assert_msg(!contains(data, n, secret_of((enum tok)t)),
				      "token secret stored in clear in %s", file);
		free(data);
	}
}
END_TEST

/* ---- the audit log ----------------------------------------------------------------------- */

/* Written into register text by the tests below; must never reach a token without
 * `sensitive`. */
#define MARKER "Q7-revisionsspar-9Z"

/* The entities written through routes that need `sensitive` today. */
static bool sensitive_entity(const char *e)
{
	static const char *const names[] = {"lex_sarah_report", "lex_sarah_category", "decision",
					    "decision_insats", NULL};
	for (const char *const *n = names; *n; n++)
		if (e && strcmp(e, *n) == 0)
			return true;
	return false;
}

/* The route audit entry @p e was written through, found from its method and path in the
 * routing table, as the server found it. */
static const struct route *entry_route(const json_t *e)
{
	struct route_match m;
	const char *params[REQ_MAX_PARAMS];
	char buf[256];
	router_match(json_string_value(json_object_get(e, "method")),
		     json_string_value(json_object_get(e, "path")), &m, params, buf, sizeof buf);
	ck_assert_msg(m.route != NULL, "audit entry of no route: %s",
		      json_string_value(json_object_get(e, "path")));
	return m.route;
}

static bool route_sensitive(const struct route *rt)
{
	return rt->access == ACCESS_READ_SENSITIVE || rt->access == ACCESS_EDIT_SENSITIVE;
}

/* GET /api/v1/audit@p query as @p t: 200, JSON kept in @p r. */
static void audit_get(enum tok t, const char *query, struct tresp *r)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/audit%s", query);
	ck_assert_int_eq(req("GET", path, t, NULL, r), 200);
}

static int64_t total_of(const struct tresp *r)
{
	return json_integer_value(json_object_get(r->json, "total"));
}

/* The id in a token "folja_<id>_<secret>". */
static int64_t token_id_of(enum tok t)
{
	return strtoll(T.token[t] + strlen("folja_"), NULL, 10);
}

/* A sensitive editor writes each sensitive entity with MARKER in its text; the writes through
 * other routes (two units) are all an admin without `sensitive` may see. */
static void write_sensitive_and_plain(void)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
	ck_assert_int_eq(req("POST", "/api/v1/units", T_PLAIN_ADMIN,
			     "{\"code\":\"F\",\"name\":\"Enhet F\",\"kind\":\"enhet\"}", &r), 201);
	tresp_free(&r);
	/* an admin without `sensitive` writes no register detail at all */
	ck_assert_int_eq(req("POST", "/api/v1/lex-sarah-reports", T_PLAIN_ADMIN,
			     "{\"unit_id\":1,\"law\":\"SoL\",\"category\":\"bemotande\","
			     "\"reported_on\":\"2021-03-10\"}", &r), 403);
	tresp_free(&r);
	int64_t ls = create("/api/v1/lex-sarah-reports", "{\"unit_id\":1,\"law\":\"SoL\","
			    "\"category\":\"bemotande\",\"reported_on\":\"2021-03-10\","
			    "\"summary\":\"Brister " MARKER "\",\"measures\":\"Rutin " MARKER "\"}");
	char path[64];
	snprintf(path, sizeof path, "/api/v1/lex-sarah-reports/%lld", (long long)ls);
	ck_assert_int_eq(req("PATCH", path, T_SENS_EDITOR, "{\"measures\":\"Ny rutin\"}", &r), 200);
	tresp_free(&r);
	create("/api/v1/decisions", "{\"unit_id\":1,\"law\":\"SoL\",\"inriktning\":"
	       "\"barn_och_familj\",\"insats\":\"familjehem\",\"gender\":\"K\",\"decided_on\":"
	       "\"2021-03-15\",\"delay_reason\":\"Saknas " MARKER "\"}");
	create("/api/v1/lex-sarah-categories", "{\"code\":\"provkategori\",\"name\":\"Kategori "
	       MARKER "\"}");
	create("/api/v1/decision-insatser", "{\"code\":\"provinsats\",\"name\":\"Insats " MARKER
	       "\",\"law\":\"SoL\"}");
}

START_TEST(audit_sensitive_entries_need_sensitive)
{
	write_sensitive_and_plain();
	struct tresp r;
	size_t i;
	json_t *e;

	/* An admin without `sensitive`: only the two unit writes, counted as two. */
	audit_get(T_PLAIN_ADMIN, "", &r);
	ck_assert_int_eq(total_of(&r), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "items")), 2);
	ck_assert_msg(!contains(r.body, r.body_len, MARKER), "register text leaked: %s", r.body);
	json_array_foreach(json_object_get(r.json, "items"), i, e) {
		ck_assert(!sensitive_entity(json_string_value(json_object_get(e, "entity"))));
		ck_assert(json_is_false(json_object_get(e, "sensitive")));
		ck_assert_msg(!route_sensitive(entry_route(e)), "%s", r.body);
	}
	tresp_free(&r);
	audit_get(T_PLAIN_ADMIN, "?format=csv", &r);
	ck_assert_msg(!contains(r.body, r.body_len, MARKER), "register text leaked: %s", r.body);
	ck_assert_msg(!contains(r.body, r.body_len, "lex_sarah") &&
		      !contains(r.body, r.body_len, "decision"), "%s", r.body);
	tresp_free(&r);
	static const char *const filters[] = {"?entity=lex_sarah_report",
		"?entity=lex_sarah_report&entity_id=1", "?entity=decision",
		"?entity=lex_sarah_category", "?entity=decision_insats", "?offset=1"};
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		audit_get(T_PLAIN_ADMIN, filters[f], &r);
		ck_assert_msg(total_of(&r) == (f == 5 ? 2 : 0), "%s: %s", filters[f], r.body);
		ck_assert_uint_eq(json_array_size(json_object_get(r.json, "items")), f == 5);
		ck_assert_msg(!contains(r.body, r.body_len, MARKER), "%s: %s", filters[f], r.body);
		tresp_free(&r);
	}
	audit_get(T_PLAIN_ADMIN, "?entity=lex_sarah_report&format=csv", &r);
	ck_assert_msg(!contains(r.body, r.body_len, MARKER), "%s", r.body);
	tresp_free(&r);

	/* An admin with `sensitive` sees every entry, each marked as its route says. */
	audit_get(T_ADMIN, "", &r);
	ck_assert_int_eq(total_of(&r), 7);
	ck_assert(contains(r.body, r.body_len, MARKER));
	int sensitive = 0;
	json_array_foreach(json_object_get(r.json, "items"), i, e) {
		bool s = json_is_true(json_object_get(e, "sensitive"));
		ck_assert_msg(s == route_sensitive(entry_route(e)), "%s", r.body);
		ck_assert(s == sensitive_entity(json_string_value(json_object_get(e, "entity"))));
		sensitive += s;
	}
	ck_assert_int_eq(sensitive, 5);
	tresp_free(&r);
	audit_get(T_ADMIN, "?format=csv", &r);
	ck_assert(contains(r.body, r.body_len, MARKER));
	tresp_free(&r);
	audit_get(T_ADMIN, "?entity=lex_sarah_report", &r);
	ck_assert_int_eq(total_of(&r), 2);
	tresp_free(&r);
}
END_TEST

START_TEST(audit_names_the_token)
{
	struct tresp r;
	ck_assert_int_eq(req("POST", "/api/v1/units", T_EDITOR,
			     "{\"code\":\"E\",\"name\":\"E\",\"kind\":\"enhet\"}", &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/units", T_SENS_EDITOR,
			     "{\"code\":\"F\",\"name\":\"F\",\"kind\":\"enhet\"}", &r), 201);
	tresp_free(&r);
	ck_assert_int_ne(token_id_of(T_EDITOR), token_id_of(T_SENS_EDITOR));
	audit_get(T_ADMIN, "", &r);
	json_t *items = json_object_get(r.json, "items");
	ck_assert_uint_eq(json_array_size(items), 2);
	json_t *newest = json_array_get(items, 0), *oldest = json_array_get(items, 1);
	ck_assert_int_eq(json_integer_value(json_object_get(oldest, "token_id")),
			 token_id_of(T_EDITOR));
	ck_assert_str_eq(json_string_value(json_object_get(oldest, "actor")), "editor");
	ck_assert_int_eq(json_integer_value(json_object_get(newest, "token_id")),
			 token_id_of(T_SENS_EDITOR));
	tresp_free(&r);
	audit_get(T_ADMIN, "?format=csv", &r);
	ck_assert(contains(r.body, r.body_len, "token_id"));
	tresp_free(&r);
}
END_TEST

/* The audit items of @p entity, newest first, as an admin reads them (new reference). */
static json_t *audit_items(const char *entity)
{
	struct tresp r;
	char query[96];
	snprintf(query, sizeof query, "?entity=%s", entity);
	audit_get(T_ADMIN, query, &r);
	json_t *items = json_incref(json_object_get(r.json, "items"));
	tresp_free(&r);
	return items;
}

static double value_in(json_t *entry, const char *side)
{
	json_t *v = json_object_get(json_object_get(entry, side), "value");
	ck_assert_msg(json_is_number(v), "%s has no value", side);
	return json_number_value(v);
}

START_TEST(audit_keeps_previous_indicator_values)
{
	struct tresp r;
	create("/api/v1/indicators", "{\"name\":\"Andel\",\"measure_unit\":\"percent\","
	       "\"direction\":\"higher_is_better\"}");
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/1/values/2021", T_EDITOR,
			     "{\"value\":5}", &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", "/api/v1/indicators/1/values/2021", T_EDITOR,
			     "{\"value\":6,\"comment\":\"rättad\"}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("DELETE", "/api/v1/indicators/1/values/2021", T_EDITOR, NULL, &r),
			 204);
	tresp_free(&r);
	json_t *items = audit_items("indicator_value");
	ck_assert_uint_eq(json_array_size(items), 3);
	json_t *del = json_array_get(items, 0), *put2 = json_array_get(items, 1);
	json_t *put1 = json_array_get(items, 2);
	/* first PUT: nothing before */
	ck_assert(json_is_null(json_object_get(put1, "before")));
	ck_assert(value_in(put1, "after") == 5);
	/* second PUT: before is the stored value, exactly as the first left it */
	ck_assert(value_in(put2, "before") == 5);
	ck_assert(json_equal(json_object_get(put2, "before"), json_object_get(put1, "after")));
	ck_assert(value_in(put2, "after") == 6);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(put2, "after"),
							   "comment")), "rättad");
	/* DELETE: the value that was removed, nothing after */
	ck_assert(json_equal(json_object_get(del, "before"), json_object_get(put2, "after")));
	ck_assert(json_is_null(json_object_get(del, "after")));
	json_decref(items);
}
END_TEST

START_TEST(audit_keeps_previous_budget_settings)
{
	struct tresp r;
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
	ck_assert_int_eq(req("PUT", "/api/v1/units/1/budget-settings", T_EDITOR,
			     "{\"yellow_bp\":300}", &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("PUT", "/api/v1/units/1/budget-settings", T_EDITOR,
			     "{\"yellow_bp\":500,\"profile\":[1,1,1,1,1,1,0,1,1,1,1,1]}", &r), 200);
	tresp_free(&r);
	json_t *items = audit_items("budget_settings");
	ck_assert_uint_eq(json_array_size(items), 2);
	json_t *second = json_array_get(items, 0), *first = json_array_get(items, 1);
	/* the unit had no settings of its own: what it inherited is not "before" */
	ck_assert(json_is_null(json_object_get(first, "before")));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(first, "after"),
							    "yellow_bp")), 300);
	ck_assert(json_equal(json_object_get(second, "before"), json_object_get(first, "after")));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(second, "after"),
							    "yellow_bp")), 500);
	json_decref(items);
}
END_TEST

/* The hex SHA-256 of @p s. */
static void sha256_hex(const char *s, char hex[crypto_hash_sha256_BYTES * 2 + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

/* Audit entry @p e of a bulk load records @p rows rows and the digest of @p body. */
static void check_bulk_after(json_t *e, size_t rows, const char *body)
{
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	sha256_hex(body, hex);
	json_t *after = json_object_get(e, "after");
	ck_assert_int_eq(json_integer_value(json_object_get(after, "rows")), (json_int_t)rows);
	ck_assert_str_eq(json_string_value(json_object_get(after, "sha256")), hex);
}

START_TEST(audit_records_bulk_loads)
{
	struct tresp r;
	static const char first[] = "[{\"kpi\":\"N31807\",\"municipality\":\"0136\",\"year\":2021,"
		"\"value\":1},{\"kpi\":\"N31807\",\"municipality\":\"0114\",\"year\":2021,\"value\":2}]";
	/* 0136 again (twice in the upload) and a new 0115: one value is replaced */
	static const char second[] = "[{\"kpi\":\"N31807\",\"municipality\":\"0136\",\"year\":2021,"
		"\"value\":3},{\"kpi\":\"N31807\",\"municipality\":\"0115\",\"year\":2021,\"value\":4},"
		"{\"kpi\":\"N31807\",\"municipality\":\"0136\",\"year\":2021,\"value\":5}]";
	ck_assert_int_eq(req("POST", "/api/v1/peer-values", T_EDITOR, first, &r), 200);
	tresp_free(&r);
	ck_assert_int_eq(req("POST", "/api/v1/peer-values", T_EDITOR, second, &r), 200);
	tresp_free(&r);
	json_t *items = audit_items("peer_values");
	ck_assert_uint_eq(json_array_size(items), 2);
	json_t *e2 = json_array_get(items, 0), *e1 = json_array_get(items, 1);
	check_bulk_after(e1, 2, first);
	ck_assert(json_is_null(json_object_get(e1, "before")));
	check_bulk_after(e2, 3, second);
	json_t *want = json_pack("[{s:s, s:i, s:s, s:f}]", "kpi", "N31807", "year", 2021,
				 "municipality", "0136", "value", 1.0);
	ck_assert_msg(json_equal(json_object_get(e2, "before"), want), "before: %s",
		      json_dumps(json_object_get(e2, "before"), JSON_COMPACT));
	json_decref(want);
	json_decref(items);

	/* budget lines: a JSON import and a CSV import, each digested as sent */
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"Enhet\",\"kind\":\"enhet\"}");
	static const char lines[] = "[{\"unit_id\":1,\"year\":2021,\"month\":1,\"measure\":"
		"\"budget\",\"amount_kr\":-100},{\"unit_id\":1,\"year\":2021,\"month\":2,"
		"\"measure\":\"outcome\",\"amount_kr\":-50}]";
	static const char csv[] = "unit_code;year;month;measure;amount_kr\r\n"
		"E;2021;3;budget;-10\r\nE;2021;4;budget;-20\r\nE;2021;5;budget;-30\r\n";
	ck_assert_int_eq(req("POST", "/api/v1/budget-lines:import", T_EDITOR, lines, &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(http("POST", "/api/v1/budget-lines:import", T_EDITOR, "text/csv", csv,
			      strlen(csv), &r), 201);
	tresp_free(&r);
	items = audit_items("budget_import");
	ck_assert_uint_eq(json_array_size(items), 2);
	check_bulk_after(json_array_get(items, 1), 2, lines);
	check_bulk_after(json_array_get(items, 0), 3, csv);
	ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "before")));
	json_decref(items);
}
END_TEST

/* Entries written before the log knew sensitivity are marked by the entities the sensitive
 * routes write; they name no token. */
START_TEST(migration_marks_old_register_entries)
{
	char dir[] = "/tmp/folja-migrate.XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	for (int want = 1; want <= 4; want++)
		for (const struct folja_embedded *f = folja_embedded_files; f->name; f++)
			if (strncmp(f->name, "sql/000", 7) == 0 && f->name[7] - '0' == want)
				ck_assert_int_eq(sqlite3_exec(h, f->data, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version=4;"
		"INSERT INTO audit (actor, method, path, entity, entity_id, after) VALUES"
		" ('a', 'POST', '/api/v1/lex-sarah-reports', 'lex_sarah_report', 1, '{\"s\":\"" MARKER "\"}'),"
		" ('a', 'POST', '/api/v1/decisions', 'decision', 1, '{\"s\":\"" MARKER "\"}'),"
		" ('a', 'POST', '/api/v1/lex-sarah-categories', 'lex_sarah_category', 0, NULL),"
		" ('a', 'POST', '/api/v1/decision-insatser', 'decision_insats', 0, NULL),"
		" ('a', 'POST', '/api/v1/units', 'unit', 1, '{}');", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	ck_assert_int_eq(db_open_global(path), 0);
	struct audit_filter f = {.entity = NULL, .entity_id = IN_NULL, .with_sensitive = false};
	json_t *items = json_array();
	int64_t total = 0;
	ck_assert_int_eq(db_audit_list(db_thread(), &f, 100, 0, items, &total), DB_OK);
	ck_assert_int_eq(total, 1);
	json_t *e = json_array_get(items, 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "entity")), "unit");
	ck_assert(json_is_null(json_object_get(e, "token_id")));
	json_array_clear(items);
	f.with_sensitive = true;
	ck_assert_int_eq(db_audit_list(db_thread(), &f, 100, 0, items, &total), DB_OK);
	ck_assert_int_eq(total, 5);
	json_decref(items);
	db_close_global();
	static const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char file[96];
		snprintf(file, sizeof file, "%s%s", path, suffix[i]);
		unlink(file);
	}
	rmdir(dir);
}
END_TEST

/* ---- the bound-parameters rule ----------------------------------------------------------- */

/* Calls that build or run SQL text.  Outside src/db/ none may appear; inside, the printf
 * family may not (values are bound, never formatted into SQL). */
static const char *const sql_text_calls[] = {"sqlite3_exec", "sqlite3_prepare",
					     "sqlite3_mprintf", "sqlite3_vmprintf",
					     "sqlite3_snprintf", "sqlite3_str_appendf", NULL};
static const char *const sql_format_calls[] = {"sqlite3_mprintf", "sqlite3_vmprintf",
					       "sqlite3_snprintf", "sqlite3_str_appendf", NULL};

static void scan_tree(const char *dir, const char *root, int *files, char *found, size_t cap)
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		char path[1024];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			scan_tree(path, root, files, found, cap);
			continue;
		}
		size_t len = strlen(e->d_name);
		if (len < 3 || (strcmp(e->d_name + len - 2, ".c") && strcmp(e->d_name + len - 2, ".h")))
			continue;
		size_t n;
		char *text = slurp(path, &n);
		ck_assert_ptr_nonnull(text);
		(*files)++;
		const char *rel = path + strlen(root) + 1;
		bool in_db = strncmp(rel, "src/db/", 7) == 0;
		for (const char *const *c = in_db ? sql_format_calls : sql_text_calls; *c; c++)
			if (contains(text, n, *c)) {
				size_t used = strlen(found);
				snprintf(found + used, cap - used, "%s uses %s; ", rel, *c);
			}
		free(text);
	}
	closedir(d);
}

START_TEST(sql_only_through_bound_parameters)
{
	const char *root = getenv("FOLJA_SOURCE_ROOT");
	ck_assert_msg(root != NULL, "FOLJA_SOURCE_ROOT is not set (meson sets it)");
	char dir[1024], found[4096] = "";
	int files = 0;
	snprintf(dir, sizeof dir, "%s/src", root);
	scan_tree(dir, root, &files, found, sizeof found);
	snprintf(dir, sizeof dir, "%s/include", root);
	scan_tree(dir, root, &files, found, sizeof found);
	ck_assert_int_gt(files, 20);
	ck_assert_msg(found[0] == '\0', "SQL built outside the rule: %s", found);
}
END_TEST

/* ---- file modes ------------------------------------------------------------------------ */

/* The database holds the registers and the token hashes: it and its -wal and -shm files are
 * the owner's alone (0600), whatever the umask of the process that created them. */
START_TEST(database_files_are_owner_only)
{
	mode_t old = umask(022);
	tsrv_start(false, false);
	umask(old);
	create("/api/v1/units", "{\"code\":\"E\",\"name\":\"E\",\"kind\":\"enhet\"}");
	static const char *const suffix[] = {"", "-wal", "-shm"};
	unsigned mode[3];   /* read while the server runs (-shm goes with the last connection) */
	for (int i = 0; i < 3; i++) {
		char path[160];
		struct stat st;
		snprintf(path, sizeof path, "%s%s", T.db, suffix[i]);
		mode[i] = stat(path, &st) == 0 ? (unsigned)(st.st_mode & 0777) : 0;
	}
	tsrv_stop();
	for (int i = 0; i < 3; i++)
		ck_assert_msg(mode[i] == 0600, "t.db%s has mode %03o, want 600 (000: missing)",
			      suffix[i], mode[i]);
}
END_TEST

Suite *security_suite(void)
{
	Suite *s = suite_create("security");
	TCase *tc = tcase_create("roles");
	tcase_add_checked_fixture(tc, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, role_matrix_from_routing_table);
	tcase_add_test(tc, head_is_gated_like_get);
	suite_add_tcase(s, tc);
	TCase *open = tcase_create("open_read");
	tcase_add_checked_fixture(open, tsrv_setup_open, tsrv_teardown);
	tcase_set_timeout(open, 120);
	tcase_add_test(open, role_matrix_open_read);
	suite_add_tcase(s, open);
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, table_access_rules);
	tcase_add_test(rules, sql_only_through_bound_parameters);
	tcase_add_test(rules, migration_marks_old_register_entries);
	suite_add_tcase(s, rules);
	TCase *inj = tcase_create("injection");
	tcase_add_checked_fixture(inj, tsrv_setup, tsrv_teardown);
	tcase_set_timeout(inj, 120);
	tcase_add_test(inj, injection_in_json_round_trips);
	tcase_add_test(inj, injection_in_query_strings);
	tcase_add_test(inj, csv_formula_cells_are_guarded);
	tcase_add_test(inj, log_keeps_no_tokens_and_no_forged_lines);
	tcase_add_test(inj, tokens_not_in_audit_or_database);
	suite_add_tcase(s, inj);
	/* the modes of SQLite's files; PostgreSQL keeps its own */
	if (!getenv("FOLJA_TEST_ENGINE")) {
		TCase *files = tcase_create("files");
		tcase_add_test(files, database_files_are_owner_only);
		suite_add_tcase(s, files);
	}
	TCase *audit = tcase_create("audit");
	tcase_add_checked_fixture(audit, tsrv_setup, tsrv_teardown);
	tcase_add_test(audit, audit_sensitive_entries_need_sensitive);
	tcase_add_test(audit, audit_names_the_token);
	tcase_add_test(audit, audit_keeps_previous_indicator_values);
	tcase_add_test(audit, audit_keeps_previous_budget_settings);
	tcase_add_test(audit, audit_records_bulk_loads);
	suite_add_tcase(s, audit);
	return s;
}
