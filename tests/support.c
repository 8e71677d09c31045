/*
 * Test support (see support.h).  The client speaks just enough HTTP/1.1 for the tests: one
 * request per connection (`Connection: close`), the reply read to EOF.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "folja/api.h"
#include "folja/auth.h"
#include "folja/db.h"
#include "folja/embed.h"
#include "folja/server.h"
#include "pg_support.h"
#include "support.h"

struct tsrv T;
const char *tsrv_cors_origin;
void (*tsrv_tune)(struct server_config *cfg);

void tsrv_start(bool open_read, bool demo)
{
	char dir[sizeof T.dir];
	snprintf(dir, sizeof dir, "/tmp/folja-test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	tsrv_start_in(dir, open_read, demo);
	T.own_dir = true;
}

/* Opens @p path (a new database or the one there) and gives it the tests' tokens, their text
 * into T.token. */
static void open_with_tokens(const char *path, bool demo)
{
	ck_assert_int_eq(db_open_global(path), 0);
	if (demo)
		ck_assert_int_eq(api_demo_load(db_thread()), 1);
	static const struct { enum role role; bool sens; } grants[] = {
		[T_READER] = {ROLE_READER, false}, [T_EDITOR] = {ROLE_EDITOR, false},
		[T_ADMIN] = {ROLE_ADMIN, true}, [T_SENS_READER] = {ROLE_READER, true},
		[T_SENS_EDITOR] = {ROLE_EDITOR, true}, [T_PLAIN_ADMIN] = {ROLE_ADMIN, false},
	};
	static const char *names[] = {"", "reader", "editor", "admin", "sens-reader",
				      "sens-editor", "plain-admin"};
	for (int t = T_READER; t < T_BAD; t++)
		ck_assert_int_eq(auth_token_create(db_thread(), names[t],
						   &(struct token_grant){grants[t].role,
									 grants[t].sens, 0, NULL},
						   T.token[t]), DB_OK);
}

/* Copies @p from to the new file @p to (mode 0600); 0, or -1. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
	char buf[1 << 16];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in && ferror(in))
		rc = -1;
	if (in)
		fclose(in);
	if (out ? fclose(out) != 0 : fd >= 0 && close(fd) != 0)
		rc = -1;
	return rc;
}

/*
 * A new test database as a copy of a template: migrating a database and loading the demo are
 * most of what a test costs (under valgrind, most of CI's time), and every test begins from
 * the same two databases, so each runner builds them once, in the directory it names in
 * FOLJA_TEST_TEMPLATES, and a test copies one.  The template is built under a temporary name
 * and renamed into place with its tokens written beside it first, so one that exists is whole
 * (with Check's fork mode each test is a child process, and only the file system outlives it).
 * Without the variable every test builds its own database, as a test of its own may.
 */
static void open_from_template(const char *path, bool demo)
{
	const char *dir = getenv("FOLJA_TEST_TEMPLATES");
	char tpl[160], tmp[170], toks[170];
	if (!dir || snprintf(tpl, sizeof tpl, "%s/%s.db", dir, demo ? "demo" : "empty") >=
	    (int)sizeof tpl) {
		open_with_tokens(path, demo);
		return;
	}
	snprintf(toks, sizeof toks, "%s.tokens", tpl);
	if (access(tpl, F_OK) != 0) {
		snprintf(tmp, sizeof tmp, "%s.new", tpl);
		unlink(tmp);
		open_with_tokens(tmp, demo);
		db_close_global();   /* the last connection closed: its WAL is in the file */
		FILE *f = fopen(toks, "w");
		ck_assert_ptr_nonnull(f);
		for (int t = T_READER; t < T_BAD; t++)
			fprintf(f, "%s\n", T.token[t]);
		ck_assert_int_eq(fclose(f), 0);
		ck_assert_int_eq(rename(tmp, tpl), 0);
	}
	FILE *f = fopen(toks, "r");
	ck_assert_ptr_nonnull(f);
	for (int t = T_READER; t < T_BAD; t++) {
		ck_assert_ptr_nonnull(fgets(T.token[t], sizeof T.token[t], f));
		T.token[t][strcspn(T.token[t], "\n")] = '\0';
	}
	fclose(f);
	ck_assert_int_eq(copy_file(tpl, path), 0);
	ck_assert_int_eq(db_open_global(path), 0);
}

/*
 * With FOLJA_TEST_ENGINE=postgresql the server runs on PostgreSQL: the test's database, built
 * as on SQLite, is copied by `folja copy`'s code into a schema of the test's own on the test
 * server (pg_support.h), and the server opens that.  Everything a test asks of the HTTP
 * surface then runs on PostgreSQL; a test of SQLite's file itself has no place in such a run.
 */
static void move_to_postgres(void)
{
	long long rows;
	int tables;
	char why[256];
	pg_test_setup();
	ck_assert_msg(db_copy_to_pg(db_thread(), pg_url, &rows, &tables, why) == DB_OK, "%s", why);
	db_close_global();
	ck_assert_int_eq(db_open_global(pg_url), 0);
	T.pg = true;
}

void tsrv_start_in(const char *dir, bool open_read, bool demo)
{
	struct server_config cfg;
	memset(&T, 0, sizeof T);
	ck_assert_msg(strlen(dir) < sizeof T.dir, "directory name too long: %s", dir);
	snprintf(T.dir, sizeof T.dir, "%s", dir);
	snprintf(T.db, sizeof T.db, "%s/t.db", T.dir);
	if (access(T.db, F_OK) == 0)
		open_with_tokens(T.db, demo);
	else
		open_from_template(T.db, demo);
	const char *engine = getenv("FOLJA_TEST_ENGINE");
	if (engine && strcmp(engine, "postgresql") == 0)
		move_to_postgres();
	snprintf(T.token[T_BAD], sizeof T.token[T_BAD], "folja_1_%064d", 0);
	server_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.open_read = open_read;
	cfg.quiet = true;
	cfg.threads = 4;
	cfg.max_body = 1u << 20;
	cfg.timeout_s = 5;
	if (tsrv_cors_origin)
		cfg.cors_origins[cfg.ncors++] = tsrv_cors_origin;
	if (tsrv_tune)
		tsrv_tune(&cfg);
	T.srv = server_start(&cfg);
	ck_assert_ptr_nonnull(T.srv);
	T.port = server_port(T.srv);
}

void tsrv_stop(void)
{
	char path[160];
	server_stop(T.srv);
	T.srv = NULL;
	db_close_global();
	if (T.pg)
		pg_test_teardown();
	static const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", T.db, suffix[i]);
		unlink(path);
	}
	if (T.own_dir)
		rmdir(T.dir);
}

const char *folja_bin(void)
{
	const char *bin = getenv("FOLJA_BIN");
	ck_assert_msg(bin != NULL, "FOLJA_BIN is not set (meson sets it)");
	return bin;
}

void tproc_token(const char *db, const char *role, const char *name, char out[160])
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' token create --role %s --name %s --db '%s'", folja_bin(),
		 role, name, db);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(out, 160, p));
	ck_assert_int_eq(pclose(p), 0);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_int_eq(strncmp(out, "folja_", 6), 0);
}

void tproc_serve(const char *db, const char *log, pid_t *pid, uint16_t *port)
{
	fflush(stdout);
	fflush(stderr);
	*pid = fork();
	ck_assert_int_ge(*pid, 0);
	if (*pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd >= 0) {
			dup2(fd, 2);
			close(fd);
		}
		execl(folja_bin(), "folja", "serve", "--db", db, "--listen", "127.0.0.1:0",
		      "--quiet", "--threads", "4", (char *)NULL);
		_exit(127);
	}
	/* The program says "listening on port N" once it accepts connections. */
	for (int i = 0; i < 1000; i++) {
		char line[512];
		unsigned got = 0;
		FILE *f = fopen(log, "r");
		while (f && fgets(line, sizeof line, f)) {
			const char *at = strstr(line, "listening on port ");
			if (at)
				got = (unsigned)strtoul(at + 18, NULL, 10);
		}
		if (f)
			fclose(f);
		if (got) {
			*port = (uint16_t)got;
			/* the log is appended to across restarts: start afresh */
			(void)!truncate(log, 0);
			return;
		}
		int status;
		ck_assert_msg(waitpid(*pid, &status, WNOHANG) == 0, "folja serve exited early");
		usleep(10000);
	}
	ck_abort_msg("folja serve did not start");
}

void tsrv_setup(void) { tsrv_start(false, false); }
void tsrv_setup_demo(void) { tsrv_start(false, true); }
void tsrv_setup_open(void) { tsrv_start(true, true); }
void tsrv_teardown(void) { tsrv_stop(); }

static int connect_local(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(T.port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* How long a reply may keep silent: 10 s, or FOLJA_REPLY_WAIT_MS (the valgrind setup, where
 * everything runs some thirty times slower, gives a minute). */
static int reply_wait_ms(void)
{
	const char *s = getenv("FOLJA_REPLY_WAIT_MS");
	long ms = s ? strtol(s, NULL, 10) : 0;
	return ms > 0 && ms < 600000 ? (int)ms : 10000;
}

/* Reads until EOF or @p ms of silence into a malloc'd buffer. */
static char *read_all(int fd, size_t *len, int ms)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (poll(&p, 1, ms) > 0) {
		if (n + 4096 > cap) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = send(fd, data, len, MSG_NOSIGNAL);
		if (w <= 0)
			return;  /* the server may close early (413); the reply tells */
		data += w;
		len -= (size_t)w;
	}
}

size_t http_raw(const char *raw, size_t len, char *out, size_t cap, int ms)
{
	int fd = connect_local();
	write_all(fd, raw, len);
	size_t n;
	char *got = read_all(fd, &n, ms);
	close(fd);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, got, n);
	out[n] = '\0';
	free(got);
	return n;
}

int http(const char *method, const char *path, enum tok tok, const char *content_type,
	 const char *body, size_t body_len, struct tresp *out)
{
	return http_headers(method, path, tok, NULL, content_type, body, body_len, out);
}

int http_headers(const char *method, const char *path, enum tok tok, const char *headers,
		 const char *content_type, const char *body, size_t body_len, struct tresp *out)
{
	char head[8192];
	int hl = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: localhost\r\n"
			  "Connection: close\r\n%s", method, path, headers ? headers : "");
	/* The headers added below need room; a longer path would overflow the buffer. */
	ck_assert_msg((size_t)hl + 512 < sizeof head, "path too long for the test client");
	if (tok != T_NONE)
		hl += snprintf(head + hl, sizeof head - (size_t)hl,
			       "Authorization: Bearer %s\r\n", T.token[tok]);
	if (body)
		hl += snprintf(head + hl, sizeof head - (size_t)hl,
			       "Content-Type: %s\r\nContent-Length: %zu\r\n",
			       content_type ? content_type : "application/json", body_len);
	hl += snprintf(head + hl, sizeof head - (size_t)hl, "\r\n");
	int fd = connect_local();
	write_all(fd, head, (size_t)hl);
	if (body)
		write_all(fd, body, body_len);
	size_t n;
	char *all = read_all(fd, &n, reply_wait_ms());
	close(fd);

	memset(out, 0, sizeof *out);
	char *sep = strstr(all, "\r\n\r\n");
	ck_assert_msg(sep != NULL, "no reply to %s %s", method, path);
	*sep = '\0';
	out->head = all;
	out->body_len = n - (size_t)(sep + 4 - all);
	out->body = malloc(out->body_len + 1);
	ck_assert_ptr_nonnull(out->body);
	memcpy(out->body, sep + 4, out->body_len + 1);  /* with read_all's terminating NUL */
	sscanf(all, "HTTP/1.%*d %d", &out->status);
	out->json = json_loadb(out->body, out->body_len, JSON_DECODE_ANY, NULL);
	return out->status;
}

int req(const char *method, const char *path, enum tok tok, const char *body, struct tresp *out)
{
	return http(method, path, tok, NULL, body, body ? strlen(body) : 0, out);
}

const char *tresp_header(const struct tresp *r, const char *name, char *buf, size_t cap)
{
	size_t n = strlen(name);
	for (const char *p = strstr(r->head, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
		if (strncasecmp(p + 2, name, n) == 0 && p[2 + n] == ':') {
			const char *v = p + 3 + n;
			while (*v == ' ')
				v++;
			size_t len = strcspn(v, "\r\n");
			if (len >= cap)
				len = cap - 1;
			memcpy(buf, v, len);
			buf[len] = '\0';
			return buf;
		}
	}
	return NULL;
}

void tresp_free(struct tresp *r)
{
	free(r->head);
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

int64_t create(const char *path, const char *body)
{
	struct tresp r;
	int status = req("POST", path, T_SENS_EDITOR, body, &r);
	ck_assert_msg(status == 201 || status == 200, "POST %s %s -> %d %s", path, body, status,
		      r.body);
	int64_t id = json_integer_value(json_object_get(r.json, "id"));
	tresp_free(&r);
	return id;
}

void run_cases(const struct http_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct http_case *c = &cases[i];
		struct tresp r;
		int status = req(c->method, c->path, c->tok, c->body, &r);
		ck_assert_msg(status == c->status, "case %zu %s %s: status %d, want %d: %.600s", i,
			      c->method, c->path, status, c->status, r.body);
		if (c->code) {
			const char *code = json_string_value(json_object_get(r.json, "code"));
			ck_assert_msg(code && strcmp(code, c->code) == 0,
				      "case %zu %s %s: code %s, want %s", i, c->method, c->path,
				      code ? code : "(none)", c->code);
			char ct[128];
			ck_assert_msg(tresp_header(&r, "Content-Type", ct, sizeof ct) &&
				      strstr(ct, "application/problem+json"),
				      "case %zu: problem without problem+json", i);
		}
		if (c->contains)
			ck_assert_msg(strstr(r.body, c->contains) != NULL,
				      "case %zu %s %s: body lacks %s: %.600s", i, c->method, c->path,
				      c->contains, r.body);
		tresp_free(&r);
	}
}

/* ==== databases of an older schema ====================================================== */

void embedded_upto(sqlite3 *h, const char *prefix, int upto, int skip)
{
	size_t len = strlen(prefix);
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++) {
		int n = atoi(e->name + len);
		if (strncmp(e->name, prefix, len) == 0 && n <= upto && n != skip)
			ck_assert_msg(sqlite3_exec(h, e->data, NULL, NULL, NULL) == SQLITE_OK, "%s: %s",
				      e->name, sqlite3_errmsg(h));
	}
}

int64_t sql_count(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int64_t tsrv_count(const char *sql)
{
	if (T.pg)
		return pg_test_int(sql);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open_v2(T.db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	int64_t n = sql_count(h, sql);
	sqlite3_close(h);
	return n;
}

sqlite3 *old_database(char *dir, char *path, size_t cap, int version, int demo_upto,
		      int demo_skip)
{
	sqlite3 *h;
	char sql[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, cap, "%s/old.db", dir);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	embedded_upto(h, "sql/0", version, 0);
	embedded_upto(h, "sql/demo/0", demo_upto, demo_skip);
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	return h;
}

void remove_dir(const char *dir)
{
	char cmd[256];
	ck_assert_int_lt(snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir), (int)sizeof cmd);
	ck_assert_int_eq(system(cmd), 0);
}

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
