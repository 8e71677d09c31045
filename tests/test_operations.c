/*
 * Operations, proved against a running server and the `folja` program: the life of a token,
 * backups, and storage that fails.
 *
 * A token is checked against the database at every request, so a revocation, a rotation or an
 * expiry is seen at the next request by every server, whichever process made the change (`folja
 * token revoke` beside a running server, an admin's DELETE).  Recording when a token was last
 * used moves no version, so it flushes no memoised figure; a write by another server does, at
 * once.  `folja backup` copies a consistent snapshot while writers go on, losing nothing
 * acknowledged before it started, and the copy serves as it is.  Storage that fails is refused
 * at start in one line (garbage, another application's file, a newer schema, a read-only file)
 * or answered 503 while serving (a full disk, a damaged file): never a 500, never half written.
 *
 * Clean-up when an assertion fails half way: Check forks each test, and a failed assertion ends
 * the fork at once, without the checked teardown; the fork's process group (with any `folja`
 * it started) is killed.  So each tcase works inside one scratch directory made by an unchecked
 * fixture, which runs in the runner itself and at the end unmounts and removes whatever a
 * failed test left.  Under valgrind nothing forks and the checked teardown runs after a failure
 * too: it stops the writer threads, kills the programs a test started, stops T and unmounts.  Tests that mount a tmpfs
 * (as root a 0400 file is still writable; a small file system is the honest full disk) skip,
 * passing, where mounting is not permitted.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "folja/auth.h"
#include "folja/db.h"
#include "folja/server.h"
#include "support.h"

#define MAX_CHILDREN 4
#define MAX_MOUNTS 2
#define ROLLUP "/api/v1/budget/rollup?unit_id=3&period=2021"

/* ==== scratch space, child programs, mounts =============================================== */

static char scratch[64];                /* the tcase's directory (unchecked fixture) */

/* What the running test made, for the checked teardown. */
static struct {
	char dir[80];                   /* this test's directory, inside scratch */
	pid_t child[MAX_CHILDREN];      /* programs still to reap; 0 for a free slot */
	char mount[MAX_MOUNTS][96];     /* tmpfs mount points; "" for a free slot */
} O;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(const char *dir)
{
	if (dir[0])
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Unmounts every file system mounted below @p dir, innermost first. */
static void unmount_below(const char *dir)
{
	char line[1024], found[256];
	size_t n = strlen(dir);
	for (int round = 0; round < 16; round++) {
		FILE *f = fopen("/proc/self/mountinfo", "r");
		found[0] = '\0';
		while (f && fgets(line, sizeof line, f)) {
			char mp[256];
			if (sscanf(line, "%*s %*s %*s %*s %255s", mp) == 1 &&
			    strncmp(mp, dir, n) == 0 && mp[n] == '/')
				snprintf(found, sizeof found, "%s", mp);   /* the last is innermost */
		}
		if (f)
			fclose(f);
		if (!found[0] || umount2(found, MNT_DETACH) != 0)
			return;
	}
}

/* Unchecked fixture: runs in the runner's own process, before and after the tcase's tests.
 * It may not assert; the checked setup finds scratch empty when this failed. */
static void scratch_setup(void)
{
	snprintf(scratch, sizeof scratch, "/tmp/folja-ops.XXXXXX");
	if (!mkdtemp(scratch)) {
		perror("operations: mkdtemp");
		scratch[0] = '\0';
	}
}

static void scratch_teardown(void)
{
	if (!scratch[0])
		return;
	unmount_below(scratch);
	remove_tree(scratch);
	scratch[0] = '\0';
}

static void ops_setup(void)
{
	memset(&O, 0, sizeof O);
	memset(&T, 0, sizeof T);
	ck_assert_msg(scratch[0], "no scratch directory");
	snprintf(O.dir, sizeof O.dir, "%s/t.XXXXXX", scratch);
	ck_assert_ptr_nonnull(mkdtemp(O.dir));
}

static void ops_setup_server(void)
{
	ops_setup();
	tsrv_start_in(O.dir, false, false);
}

static void ops_setup_demo(void)
{
	ops_setup();
	tsrv_start_in(O.dir, false, true);
}

static void writers_stop_all(void);

static void ops_teardown(void)
{
	writers_stop_all();
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (O.child[i] > 0) {
			kill(O.child[i], SIGKILL);
			waitpid(O.child[i], NULL, 0);
		}
	tsrv_stop();
	for (int i = 0; i < MAX_MOUNTS; i++)
		if (O.mount[i][0])
			umount2(O.mount[i], MNT_DETACH);
	remove_tree(O.dir);
	memset(&O, 0, sizeof O);
}

/* Mounts a tmpfs of @p size ("1m") at O.dir/@p name, its path into @p mp.  False, after saying
 * that the test of @p what is skipped and why, when mounting is not permitted here: the caller
 * then returns, passing. */
static bool mount_tmpfs(const char *name, const char *size, const char *what, char mp[96])
{
	char opts[64];
	snprintf(mp, 96, "%s/%s", O.dir, name);
	snprintf(opts, sizeof opts, "size=%s,mode=0700", size);
	ck_assert_int_eq(mkdir(mp, 0700), 0);
	if (mount("tmpfs", mp, "tmpfs", 0, opts) != 0) {
		ck_assert_msg(errno == EPERM || errno == EACCES, "mount %s: %s", mp, strerror(errno));
		printf("operations: SKIPPED (counted as passed): %s: mounting a tmpfs is not "
		       "permitted here (%s); it needs root with CAP_SYS_ADMIN\n", what,
		       strerror(errno));
		fflush(stdout);
		return false;
	}
	for (int i = 0; i < MAX_MOUNTS; i++)
		if (!O.mount[i][0]) {
			snprintf(O.mount[i], sizeof O.mount[i], "%s", mp);
			return true;
		}
	ck_abort_msg("too many mounts");
	return false;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

/* ==== the folja program ==================================================================== */

static void redirect(int fd, const char *path)
{
	int to = open(path ? path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (to >= 0) {
		dup2(to, fd);
		close(to);
	}
}

/* Starts `folja ARGS` (@p args NULL-terminated) with stdout and stderr into the files @p out
 * and @p err (NULL: /dev/null).  The teardown kills it unless it was reaped. */
static pid_t spawn(const char *const args[], const char *out, const char *err)
{
	char *argv[16] = {"folja"};
	size_t n = 0;
	while (args[n]) {
		ck_assert_uint_lt(n, 14);
		argv[n + 1] = (char *)args[n];
		n++;
	}
	const char *bin = folja_bin();
	int slot = 0;
	while (slot < MAX_CHILDREN && O.child[slot])
		slot++;
	ck_assert_int_lt(slot, MAX_CHILDREN);
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		redirect(1, out);
		redirect(2, err);
		execv(bin, argv);
		_exit(127);
	}
	O.child[slot] = pid;
	return pid;
}

/* The exit status of child @p pid once reaped (-1 when a signal ended it); after @p ms it is
 * killed and the test fails. */
static int wait_exit(pid_t pid, int ms)
{
	int status = 0;
	double deadline = now_s() + ms / 1000.0;
	pid_t got;
	while ((got = waitpid(pid, &status, WNOHANG)) == 0 && now_s() < deadline)
		sleep_ms(5);
	if (got == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (O.child[i] == pid)
			O.child[i] = 0;
	ck_assert_msg(got == pid, "folja (pid %d) did not exit within %d ms", (int)pid, ms);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The text of file @p path into @p buf ("" when absent). */
static void read_text(const char *path, char *buf, size_t cap)
{
	size_t n = 0;
	FILE *f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, cap - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
}

/* Runs `folja ARGS` to its end; its exit status, its stdout and stderr in @p out and @p err
 * (each 4096 bytes, either may be NULL). */
static int run_cli(const char *const args[], char *out, char *err)
{
	char out_path[96], err_path[96];
	snprintf(out_path, sizeof out_path, "%s/cli.out", O.dir);
	snprintf(err_path, sizeof err_path, "%s/cli.err", O.dir);
	int rc = wait_exit(spawn(args, out_path, err_path), 60000);
	if (out)
		read_text(out_path, out, 4096);
	if (err)
		read_text(err_path, err, 4096);
	return rc;
}

/* True when @p s is exactly one non-empty line, ending in a newline. */
static bool one_line(const char *s)
{
	size_t n = strlen(s);
	return n > 1 && s[n - 1] == '\n' && memchr(s, '\n', n - 1) == NULL;
}

/* ==== HTTP besides support.h's client ====================================================== */

static int dial(uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* One request to the server on @p port; its status (0 without a reply) and its body into
 * @p body (@p cap bytes, may be NULL).  Asserts nothing, so threads may call it. */
static int raw_request(uint16_t port, const char *method, const char *path, const char *token,
		       const char *json, char *body, size_t cap)
{
	char msg[1024], reply[16384];
	size_t ml = (size_t)snprintf(msg, sizeof msg, "%s %s HTTP/1.1\r\nHost: x\r\n"
				     "Connection: close\r\n", method, path);
	if (token && ml < sizeof msg)
		ml += (size_t)snprintf(msg + ml, sizeof msg - ml, "Authorization: Bearer %s\r\n",
				       token);
	if (json && ml < sizeof msg)
		ml += (size_t)snprintf(msg + ml, sizeof msg - ml, "Content-Type: application/json"
				       "\r\nContent-Length: %zu\r\n\r\n%s", strlen(json), json);
	else if (ml < sizeof msg)
		ml += (size_t)snprintf(msg + ml, sizeof msg - ml, "\r\n");
	int fd = ml < sizeof msg ? dial(port) : -1;
	if (fd < 0 || write(fd, msg, ml) != (ssize_t)ml) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	size_t n = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	ssize_t got = 1;
	while (n < sizeof reply - 1 && got > 0 && poll(&p, 1, 10000) > 0)
		if ((got = read(fd, reply + n, sizeof reply - 1 - n)) > 0)
			n += (size_t)got;
	close(fd);
	reply[n] = '\0';
	int status = 0;
	const char *sep = strstr(reply, "\r\n\r\n");
	if (body && cap)
		snprintf(body, cap, "%s", sep ? sep + 4 : "");
	return sscanf(reply, "HTTP/1.%*d %d", &status) == 1 ? status : 0;
}

/* req() against the server on @p port instead of T's (same tokens: same database). */
static int req_at(uint16_t port, const char *method, const char *path, enum tok tok,
		  const char *body, struct tresp *out)
{
	uint16_t own = T.port;
	T.port = port;
	int status = req(method, path, tok, body, out);
	T.port = own;
	return status;
}

/* Sends @p method @p path to T as @p tok and checks the status (and problem @p code). */
static void expect(const char *method, const char *path, enum tok tok, const char *body,
		   int status, const char *code)
{
	struct tresp r;
	int got = req(method, path, tok, body, &r);
	ck_assert_msg(got == status, "%s %s: %d, want %d: %s", method, path, got, status, r.body);
	if (code)
		ck_assert_msg(json_is_string(json_object_get(r.json, "code")) &&
			      strcmp(json_string_value(json_object_get(r.json, "code")), code) == 0,
			      "%s %s: want code %s: %s", method, path, code, r.body);
	tresp_free(&r);
}

/* The status of GET @p path with the whole token @p token (sent in T_BAD's slot). */
static int get_with(const char *token, const char *path)
{
	char saved[sizeof T.token[T_BAD]];
	struct tresp r;
	memcpy(saved, T.token[T_BAD], sizeof saved);
	ck_assert_uint_lt(strlen(token), sizeof T.token[T_BAD]);
	memcpy(T.token[T_BAD], token, strlen(token) + 1);
	int status = req("GET", path, T_BAD, NULL, &r);
	memcpy(T.token[T_BAD], saved, sizeof saved);
	tresp_free(&r);
	return status;
}

static const char *cache_of(const struct tresp *r, char buf[16])
{
	const char *v = tresp_header(r, "X-Folja-Cache", buf, 16);
	return v ? v : "(none)";
}

/* A port nothing listens on now: bound to port 0, then closed. */
static uint16_t free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

/* Starts `folja serve --db @p db` on a free port, its stderr into O.dir/serve.log; waits until
 * /healthz answers 200 (true) or the program exits (false, its status in *exit_status). */
static bool serve(const char *db, uint16_t *port, pid_t *pid, int *exit_status)
{
	char listen[32], log[96];
	*port = free_port();
	snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)*port);
	snprintf(log, sizeof log, "%s/serve.log", O.dir);
	*pid = spawn((const char *[]){"serve", "--db", db, "--listen", listen, "--quiet", NULL},
		     NULL, log);
	for (double deadline = now_s() + 30; now_s() < deadline; sleep_ms(20)) {
		int st;
		if (waitpid(*pid, &st, WNOHANG) == *pid) {
			for (int i = 0; i < MAX_CHILDREN; i++)
				if (O.child[i] == *pid)
					O.child[i] = 0;
			*exit_status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
			return false;
		}
		if (raw_request(*port, "GET", "/healthz", NULL, NULL, NULL, 0) == 200)
			return true;
	}
	ck_abort_msg("folja serve --db %s did not answer /healthz", db);
	return false;
}

/* ==== tokens ================================================================================ */

static int64_t token_id(enum tok t)
{
	return strtoll(T.token[t] + 6, NULL, 10);
}

/* Has every event thread of T (taking connections as they come) check token @p t, and
 * so read the versions and cache the token: a thread that then missed a change made elsewhere
 * would answer from what it had. */
static void warm(enum tok t)
{
	for (int i = 0; i < 32; i++)
		expect("GET", "/healthz", t, NULL, 200, NULL);
}

/* Revoked by another process (the CLI) while T runs: refused at the very next request. */
START_TEST(cli_revoke_is_seen_at_the_next_request)
{
	char id[24], err[4096];
	snprintf(id, sizeof id, "%lld", (long long)token_id(T_READER));
	warm(T_READER);
	expect("GET", "/api/v1/units", T_READER, NULL, 200, NULL);
	ck_assert_int_eq(run_cli((const char *[]){"token", "revoke", id, "--db", T.db, NULL},
				 NULL, err), 0);
	expect("GET", "/api/v1/units", T_READER, NULL, 401, "unauthorized");
	expect("GET", "/api/v1/units", T_EDITOR, NULL, 200, NULL);   /* the others live on */
	/* Revoked is final: neither revoked again nor given a new secret. */
	ck_assert_int_eq(run_cli((const char *[]){"token", "revoke", id, "--db", T.db, NULL},
				 NULL, err), 1);
	ck_assert_msg(one_line(err) && strstr(err, "revoked"), "%s", err);
	ck_assert_int_eq(run_cli((const char *[]){"token", "rotate", id, "--db", T.db, NULL},
				 NULL, err), 1);
	expect("GET", "/api/v1/units", T_READER, NULL, 401, "unauthorized");
}
END_TEST

START_TEST(admin_revoke_is_seen_at_once_and_audited)
{
	char path[64], query[96];
	struct tresp r;
	int64_t id = token_id(T_READER);
	snprintf(path, sizeof path, "/api/v1/tokens/%lld", (long long)id);
	warm(T_READER);
	expect("GET", "/api/v1/units", T_READER, NULL, 200, NULL);
	expect("DELETE", path, T_EDITOR, NULL, 403, "forbidden");
	ck_assert_int_eq(req("DELETE", path, T_ADMIN, NULL, &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "revoked");
	ck_assert_ptr_nonnull(json_object_get(r.json, "revoked_at"));
	tresp_free(&r);
	expect("GET", "/api/v1/units", T_READER, NULL, 401, "unauthorized");
	expect("DELETE", path, T_ADMIN, NULL, 404, "not_found");

	snprintf(query, sizeof query, "/api/v1/audit?entity=token&entity_id=%lld", (long long)id);
	ck_assert_int_eq(req("GET", query, T_ADMIN, NULL, &r), 200);
	json_t *items = json_object_get(r.json, "items");
	ck_assert_msg(json_array_size(items) == 1, "one audit entry for one revocation: %s", r.body);
	json_t *e = json_array_get(items, 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "entity")), "token");
	ck_assert_str_eq(json_string_value(json_object_get(e, "method")), "DELETE");
	ck_assert_int_eq(json_integer_value(json_object_get(e, "token_id")), token_id(T_ADMIN));
	ck_assert_str_eq(json_string_value(json_object_get(e, "actor")), "admin");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(e, "before"), "status")),
			 "active");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(e, "after"), "status")),
			 "revoked");
	tresp_free(&r);
}
END_TEST

/* The hex of the hash the database keeps of token @p t's secret, in lower and upper case. */
static void hash_hex(enum tok t, char lower[65], char upper[65])
{
	unsigned char h[crypto_generichash_BYTES];
	const char *secret = strchr(T.token[t] + 6, '_') + 1;
	crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(lower, 65, h, sizeof h);
	for (int i = 0; i < 65; i++)
		upper[i] = (char)toupper((unsigned char)lower[i]);
}

/* No token's secret, nor the hash of one, in @p body. */
static void no_secret_in(const struct tresp *r, const char *what)
{
	for (int t = T_READER; t < T_BAD; t++) {
		char lower[65], upper[65];
		hash_hex((enum tok)t, lower, upper);
		ck_assert_msg(!strstr(r->body, strchr(T.token[t] + 6, '_') + 1),
			      "a token's secret in %s", what);
		ck_assert_msg(!strstr(r->body, lower) && !strstr(r->body, upper),
			      "a token's hash in %s", what);
	}
}

START_TEST(token_list_holds_no_secret)
{
	static const char *const fields[] = {"id", "name", "role", "sensitive", "scope",
		"created_at", "last_used_at", "expires_at", "revoked_at", "rotated_at", "status"};
	struct tresp r;
	char path[64];
	for (int t = T_READER; t < T_BAD; t++)   /* each used once: every field is filled in */
		expect("GET", "/healthz", (enum tok)t, NULL, 200, NULL);
	expect("GET", "/api/v1/tokens", T_EDITOR, NULL, 403, "forbidden");
	ck_assert_int_eq(req("GET", "/api/v1/tokens", T_ADMIN, NULL, &r), 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "total")), T_BAD - T_READER);
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(r.json, "items"), i, item) {
		ck_assert_uint_eq(json_object_size(item), sizeof fields / sizeof fields[0]);
		for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
			ck_assert_msg(json_object_get(item, fields[f]), "no %s", fields[f]);
		ck_assert(json_is_string(json_object_get(item, "last_used_at")));
	}
	no_secret_in(&r, "GET /api/v1/tokens");
	tresp_free(&r);
	ck_assert_int_eq(http("GET", "/api/v1/tokens?format=csv", T_ADMIN, NULL, NULL, 0, &r), 200);
	no_secret_in(&r, "the CSV of /api/v1/tokens");
	tresp_free(&r);
	for (int t = T_READER; t < T_BAD; t++) {
		snprintf(path, sizeof path, "/api/v1/tokens/%lld", (long long)token_id((enum tok)t));
		ck_assert_int_eq(req("GET", path, T_ADMIN, NULL, &r), 200);
		no_secret_in(&r, path);
		tresp_free(&r);
	}
}
END_TEST

/* A new secret under the same id: the old one refused at the next request, the new one
 * granted exactly what the token had (a reader with `sensitive`). */
START_TEST(cli_rotate_gives_a_new_secret_same_grants)
{
	char id[24], out[4096], prefix[48], path[64];
	struct tresp r;
	snprintf(id, sizeof id, "%lld", (long long)token_id(T_SENS_READER));
	warm(T_SENS_READER);
	expect("GET", "/api/v1/decisions", T_SENS_READER, NULL, 200, NULL);
	ck_assert_int_eq(run_cli((const char *[]){"token", "rotate", id, "--db", T.db, NULL},
				 out, NULL), 0);
	out[strcspn(out, "\n")] = '\0';
	snprintf(prefix, sizeof prefix, "folja_%s_", id);
	ck_assert_msg(strncmp(out, prefix, strlen(prefix)) == 0 && strlen(out) == strlen(prefix) + 64,
		      "rotate printed %s", out);
	ck_assert_str_ne(out, T.token[T_SENS_READER]);
	expect("GET", "/api/v1/decisions", T_SENS_READER, NULL, 401, "unauthorized");

	snprintf(T.token[T_SENS_READER], sizeof T.token[T_SENS_READER], "%.159s", out);
	expect("GET", "/api/v1/decisions", T_SENS_READER, NULL, 200, NULL);   /* sensitive */
	expect("POST", "/api/v1/units", T_SENS_READER,
	       "{\"code\":\"R\",\"name\":\"R\",\"kind\":\"enhet\"}", 403, "forbidden");  /* reader */
	snprintf(path, sizeof path, "/api/v1/tokens/%s", id);
	ck_assert_int_eq(req("GET", path, T_ADMIN, NULL, &r), 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "role")), "reader");
	ck_assert(json_is_true(json_object_get(r.json, "sensitive")));
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "active");
	ck_assert(json_is_string(json_object_get(r.json, "rotated_at")));
	tresp_free(&r);
}
END_TEST

/* `folja token create --role reader --expires @p when`: the token printed, into @p out. */
static void cli_token(const char *when, char out[4096])
{
	ck_assert_int_eq(run_cli((const char *[]){"token", "create", "--role", "reader",
						  "--expires", when, "--db", T.db, NULL}, out, NULL), 0);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_msg(strncmp(out, "folja_", 6) == 0, "%s", out);
}

/* `token create --scope`: a municipality code or unit:ID; the token sees that subtree only,
 * `token list` shows the scope as it was given; a code naming no unit is one line, exit 1. */
START_TEST(scoped_tokens_from_the_cli)
{
	char haninge[4096], unit[4096], err[4096], list[4096];
	ck_assert_int_eq(run_cli((const char *[]){"token", "create", "--role", "reader", "--scope",
						  "0136", "--db", T.db, NULL}, haninge, NULL), 0);
	haninge[strcspn(haninge, "\n")] = '\0';
	ck_assert_int_eq(get_with(haninge, "/api/v1/units/2"), 200);
	ck_assert_int_eq(get_with(haninge, "/api/v1/units/1"), 404);
	ck_assert_int_eq(get_with(haninge, "/api/v1/budget/rollup?unit_id=3&period=2021"), 403);
	ck_assert_int_eq(run_cli((const char *[]){"token", "create", "--role", "reader", "--scope",
						  "unit:19", "--db", T.db, NULL}, unit, NULL), 0);
	unit[strcspn(unit, "\n")] = '\0';
	ck_assert_int_eq(get_with(unit, "/api/v1/units/19"), 200);
	ck_assert_int_eq(get_with(unit, "/api/v1/units/2"), 404);
	ck_assert_int_eq(run_cli((const char *[]){"token", "create", "--role", "reader", "--scope",
						  "9999", "--db", T.db, NULL}, NULL, err), 1);
	ck_assert_msg(one_line(err) && strstr(err, "--scope 9999"), "%s", err);
	ck_assert_int_eq(run_cli((const char *[]){"token", "create", "--role", "reader", "--scope",
						  "Haninge", "--db", T.db, NULL}, NULL, err), 2);
	ck_assert_int_eq(run_cli((const char *[]){"token", "list", "--db", T.db, NULL}, list, NULL),
			 0);
	char want[64];
	snprintf(want, sizeof want, "\n%lld\treader\treader\tfalse\t0136\tactive\t",
		 strtoll(haninge + 6, NULL, 10));
	ck_assert_msg(strstr(list, want), "%s", list);
	snprintf(want, sizeof want, "\n%lld\treader\treader\tfalse\tunit:19\t",
		 strtoll(unit + 6, NULL, 10));
	ck_assert_msg(strstr(list, want), "%s", list);
}
END_TEST

/* The status column `folja token list` shows for the token @p token. */
static void listed_status(const char *list, const char *token, const char *want)
{
	char id[24];
	snprintf(id, sizeof id, "%lld\t", strtoll(token + 6, NULL, 10));
	for (const char *line = list, *next; *line; line = next) {
		next = line + strcspn(line, "\n");
		next += *next == '\n';
		if (strncmp(line, id, strlen(id)) != 0)
			continue;
		const char *col = line;
		for (int c = 0; c < 5 && col; c++)   /* id name role sensitive scope STATUS */
			if ((col = strchr(col, '\t')))
				col++;
		ck_assert_msg(col && strncmp(col, want, strlen(want)) == 0 &&
			      col[strlen(want)] == '\t', "token %s is not %s: %s", id, want, line);
		return;
	}
	ck_abort_msg("token %s not listed: %s", id, list);
}

START_TEST(expired_tokens_are_refused)
{
	char past[AUTH_TOKEN_MAX], future[AUTH_TOKEN_MAX], soon[24], cli_past[4096],
		cli_future[4096], list[4096];
	auth_timestamp(time(NULL) + 3600, soon);
	ck_assert_int_eq(auth_token_create(db_thread(), "old", &(struct token_grant){
		ROLE_READER, false, 0, "2020-01-01T00:00:00Z"}, past), DB_OK);
	ck_assert_int_eq(auth_token_create(db_thread(), "new", &(struct token_grant){
		ROLE_READER, false, 0, soon}, future), DB_OK);
	ck_assert_int_eq(get_with(past, "/api/v1/units"), 401);
	ck_assert_int_eq(get_with(future, "/api/v1/units"), 200);
	cli_token("2020-01-01", cli_past);
	cli_token("1d", cli_future);
	ck_assert_int_eq(get_with(cli_past, "/api/v1/units"), 401);
	ck_assert_int_eq(get_with(cli_future, "/api/v1/units"), 200);

	ck_assert_int_eq(run_cli((const char *[]){"token", "list", "--db", T.db, NULL}, list, NULL),
			 0);
	ck_assert_msg(strncmp(list, "id\tname\trole\tsensitive\tscope\tstatus\t", 36) == 0, "%s", list);
	listed_status(list, past, "expired");
	listed_status(list, cli_past, "expired");
	listed_status(list, future, "active");
	listed_status(list, cli_future, "active");
	listed_status(list, T.token[T_READER], "active");
}
END_TEST

/* Recording a token's first use writes to the database but moves no version: a memoised
 * figure stays a hit.  A real write flushes it. */
START_TEST(last_used_at_flushes_no_memoised_figure)
{
	struct tresp r, first;
	char hdr[16], path[64];
	snprintf(path, sizeof path, "/api/v1/tokens/%lld", (long long)token_id(T_EDITOR));
	ck_assert_int_eq(req("GET", path, T_ADMIN, NULL, &r), 200);
	ck_assert(json_is_null(json_object_get(r.json, "last_used_at")));   /* B never used */
	tresp_free(&r);
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &first), 200);
	ck_assert_str_eq(cache_of(&first, hdr), "miss");
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "hit");
	tresp_free(&r);

	expect("GET", "/api/v1/units", T_EDITOR, NULL, 200, NULL);   /* B's first request */
	ck_assert_int_eq(req("GET", path, T_ADMIN, NULL, &r), 200);
	ck_assert_msg(json_is_string(json_object_get(r.json, "last_used_at")), "%s", r.body);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "hit");
	ck_assert_str_eq(r.body, first.body);
	tresp_free(&r);
	tresp_free(&first);

	expect("POST", "/api/v1/budget-lines", T_EDITOR, "{\"unit_id\":5,\"activity\":\"Test\","
	       "\"account\":\"Test\",\"year\":2021,\"month\":3,\"measure\":\"outcome\","
	       "\"amount_kr\":-1}", 201, NULL);
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "miss");
	tresp_free(&r);
}
END_TEST

/* The root's @p field in a rollup reply. */
static json_int_t root_figure(const struct tresp *r, const char *field)
{
	json_t *v = json_object_get(json_object_get(r->json, "root"), field);
	ck_assert_msg(json_is_integer(v), "no root.%s in %s", field, r->body);
	return json_integer_value(v);
}

START_TEST(write_by_another_server_is_seen_at_once)
{
	struct tresp r;
	char hdr[16];
	uint16_t port;
	pid_t pid;
	int st = 0;
	ck_assert_msg(serve(T.db, &port, &pid, &st), "the second server exited %d", st);
	warm(T_READER);   /* a worker that then missed the other server's commit would hit */
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "miss");
	tresp_free(&r);
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "hit");
	json_int_t outcome = root_figure(&r, "outcome_period"), lines = root_figure(&r, "lines");
	tresp_free(&r);

	ck_assert_int_eq(req_at(port, "POST", "/api/v1/budget-lines", T_EDITOR,
				"{\"unit_id\":5,\"activity\":\"Test\",\"account\":\"Test\",\"year\":2021,"
				"\"month\":3,\"measure\":\"outcome\",\"amount_kr\":-12345}", &r), 201);
	tresp_free(&r);
	ck_assert_int_eq(req("GET", ROLLUP, T_READER, NULL, &r), 200);
	ck_assert_str_eq(cache_of(&r, hdr), "miss");
	ck_assert_int_eq(root_figure(&r, "outcome_period"), outcome - 12345);
	ck_assert_int_eq(root_figure(&r, "lines"), lines + 1);
	tresp_free(&r);

	ck_assert_int_eq(kill(pid, SIGTERM), 0);
	ck_assert_int_eq(wait_exit(pid, 30000), 0);
}
END_TEST

/* ==== backup under write load ============================================================== */

#define WRITERS 4
#define MAX_ACKS 20000

struct writer {
	pthread_t thread;
	int n;
	size_t acked;               /* units that got 201 */
	int64_t id[MAX_ACKS];       /* their ids, in the order acknowledged */
	double at[MAX_ACKS];        /* when each 201 was read (now_s) */
	int failures;               /* replies other than 201 */
	int last_failure;
};

static struct writer writers[WRITERS];
static atomic_bool writers_stop;
static int writers_started;     /* threads to join */

static void *writer_run(void *arg)
{
	struct writer *w = arg;
	char json[128], body[1024];
	for (int i = 0; w->acked < MAX_ACKS && !atomic_load(&writers_stop); i++) {
		snprintf(json, sizeof json, "{\"code\":\"B%d-%d\",\"name\":\"Enhet %d-%d\","
			 "\"kind\":\"enhet\"}", w->n, i, w->n, i);
		int status = raw_request(T.port, "POST", "/api/v1/units", T.token[T_EDITOR], json,
					 body, sizeof body);
		const char *id = strstr(body, "\"id\":");
		if (status == 201 && id) {
			w->at[w->acked] = now_s();
			w->id[w->acked++] = strtoll(id + 5, NULL, 10);
		} else {
			w->failures++;
			w->last_failure = status;
		}
	}
	return NULL;
}

/* Starts the writers and returns once they have @p n acknowledgements between them. */
static void writers_start(size_t n)
{
	atomic_store(&writers_stop, false);
	for (int i = 0; i < WRITERS; i++) {
		memset(&writers[i], 0, sizeof writers[i]);
		writers[i].n = i;
		ck_assert_int_eq(pthread_create(&writers[i].thread, NULL, writer_run, &writers[i]), 0);
		writers_started++;
	}
	for (double deadline = now_s() + 30; now_s() < deadline; sleep_ms(10)) {
		size_t acked = 0;
		for (int i = 0; i < WRITERS; i++)
			acked += writers[i].acked;
		if (acked >= n)
			return;
	}
	ck_abort_msg("the writers got no acknowledgements");
}

/* Stops the writers (the teardown too, after a failure: under valgrind they would run on). */
static void writers_stop_all(void)
{
	atomic_store(&writers_stop, true);
	for (; writers_started > 0; writers_started--)
		pthread_join(writers[writers_started - 1].thread, NULL);
}

static void writers_join(void)
{
	writers_stop_all();
	for (int i = 0; i < WRITERS; i++)
		ck_assert_msg(writers[i].failures == 0, "writer %d: %d failures (last status %d)",
			      i, writers[i].failures, writers[i].last_failure);
}

/* The number of acknowledgements read before (@p before) or after time @p t. */
static size_t acked_around(double t, bool before)
{
	size_t n = 0;
	for (int i = 0; i < WRITERS; i++)
		for (size_t k = 0; k < writers[i].acked; k++)
			n += (writers[i].at[k] < t) == before;
	return n;
}

/* The ids of the units in the database file @p path, ascending (malloc'd; *n their number). */
static int64_t *unit_ids(const char *path, size_t *n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	size_t cap = 1024;
	int64_t *ids = malloc(cap * sizeof *ids);
	ck_assert_ptr_nonnull(ids);
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT id FROM units ORDER BY id", -1, &st, NULL),
			 SQLITE_OK);
	for (*n = 0; sqlite3_step(st) == SQLITE_ROW; (*n)++) {
		if (*n == cap)
			ck_assert_ptr_nonnull(ids = realloc(ids, (cap *= 2) * sizeof *ids));
		ids[*n] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return ids;
}

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id;
}

/* Every unit acknowledged before @p started is in the backup, and the backup is a prefix of
 * the commits: every id of the live database up to the backup's highest is in it, nothing else. */
static void backup_is_consistent(const char *backup, double started)
{
	size_t nb, nt, checked = 0, upto = 0;
	int64_t *b = unit_ids(backup, &nb), *t = unit_ids(T.db, &nt);
	for (int i = 0; i < WRITERS; i++)
		for (size_t k = 0; k < writers[i].acked && writers[i].at[k] < started; k++, checked++)
			ck_assert_msg(has_id(b, nb, writers[i].id[k]), "unit %lld acknowledged "
				      "before the backup is not in it", (long long)writers[i].id[k]);
	ck_assert_uint_gt(checked, 0);
	ck_assert_uint_gt(nb, 0);
	for (size_t k = 0; k < nt && t[k] <= b[nb - 1]; k++, upto++)
		ck_assert_msg(has_id(b, nb, t[k]), "the backup skips unit %lld", (long long)t[k]);
	ck_assert_uint_eq(upto, nb);   /* and holds no unit the database lacks */
	free(b);
	free(t);
}

/* The bytes of file @p path (malloc'd), *n their number. */
static char *slurp(const char *path, size_t *n)
{
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	char *data = malloc((size_t)sb.st_size + 1);
	FILE *f = fopen(path, "rb");
	ck_assert(data && f);
	*n = fread(data, 1, (size_t)sb.st_size, f);
	fclose(f);
	return data;
}

/* `folja backup` never writes over a file: exit 1, one line, the file as it was. */
static void backup_refuses_existing(const char *to)
{
	char err[4096];
	size_t n0, n1;
	char *before = slurp(to, &n0);
	ck_assert_int_eq(run_cli((const char *[]){"backup", "--db", T.db, "--to", to, NULL},
				 NULL, err), 1);
	ck_assert_msg(one_line(err) && strstr(err, "exists"), "%s", err);
	char *after = slurp(to, &n1);
	ck_assert_msg(n0 == n1 && memcmp(before, after, n0) == 0, "the backup was touched");
	free(before);
	free(after);
}

/* Serves a copy of the backup in process and reads back every unit acknowledged before
 * @p started. */
static void restore_and_read(const char *backup, double started)
{
	char dir[96], db[128], path[96];
	size_t n, read = 0;
	snprintf(dir, sizeof dir, "%s/restored", O.dir);
	snprintf(db, sizeof db, "%s/t.db", dir);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	char *data = slurp(backup, &n);
	FILE *f = fopen(db, "wb");
	ck_assert(f && fwrite(data, 1, n, f) == n && fclose(f) == 0);
	free(data);
	tsrv_stop();
	tsrv_start_in(dir, false, false);
	for (int i = 0; i < WRITERS; i++)
		for (size_t k = 0; k < writers[i].acked && writers[i].at[k] < started; k++, read++) {
			char code[32];
			struct tresp r;
			snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)writers[i].id[k]);
			snprintf(code, sizeof code, "B%d-%zu", i, k);
			ck_assert_int_eq(req("GET", path, T_READER, NULL, &r), 200);
			ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")), code);
			tresp_free(&r);
		}
	ck_assert_uint_gt(read, 0);
}

START_TEST(backup_under_write_load_loses_nothing_acknowledged)
{
	char to[96], err[4096];
	struct stat sb;
	snprintf(to, sizeof to, "%s/b.db", O.dir);
	writers_start(20);
	double started = now_s();
	int rc = run_cli((const char *[]){"backup", "--db", T.db, "--to", to, NULL}, NULL, err);
	double ended = now_s();
	sleep_ms(200);
	writers_join();
	ck_assert_msg(rc == 0, "backup exited %d: %s", rc, err);
	ck_assert_uint_gt(acked_around(ended, false), 0);   /* the load went on throughout */
	fprintf(stderr, "operations: backup took %.0f ms; %zu writes acknowledged before it, "
		"%zu after it began\n", (ended - started) * 1000, acked_around(started, true),
		acked_around(started, false));
	ck_assert_int_eq(stat(to, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(run_cli((const char *[]){"check", "--db", to, NULL}, NULL, err), 0);
	backup_is_consistent(to, started);
	backup_refuses_existing(to);
	restore_and_read(to, started);
}
END_TEST

/* ==== storage faults ======================================================================== */

/* `folja serve` on @p db refuses at start: exit 1 and one line on stderr naming @p reason. */
static void refused_at_start(const char *db, const char *reason)
{
	char err[4096];
	int rc = run_cli((const char *[]){"serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet",
					  NULL}, NULL, err);
	ck_assert_msg(rc == 1, "serve --db %s exited %d: %s", db, rc, err);
	ck_assert_msg(one_line(err), "serve --db %s: not one line on stderr: %s", db, err);
	ck_assert_msg(strstr(err, reason), "serve --db %s: the line does not say \"%s\": %s", db,
		      reason, err);
}

static void sql_on(const char *path, const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(h));
	sqlite3_close(h);
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

START_TEST(bad_files_are_refused_at_start)
{
	char garbage[96], other[96], newer[96];
	snprintf(garbage, sizeof garbage, "%s/garbage.db", O.dir);
	FILE *f = fopen(garbage, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database, only words\n", f);
	fclose(f);
	refused_at_start(garbage, "not a SQLite database");

	snprintf(other, sizeof other, "%s/other.db", O.dir);
	sql_on(other, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1)");
	refused_at_start(other, "another application");
	ck_assert_int_eq(sql_int(other, "SELECT count(*) FROM sqlite_schema"), 1);   /* untouched */

	snprintf(newer, sizeof newer, "%s/newer.db", O.dir);
	ck_assert_int_eq(run_cli((const char *[]){"migrate", "--db", newer, NULL}, NULL, NULL), 0);
	sql_on(newer, "PRAGMA user_version = 999");
	refused_at_start(newer, "newer than this program");
	ck_assert_int_eq(sql_int(newer, "PRAGMA user_version"), 999);
}
END_TEST

/* As root a 0400 file is still writable: a read-only mount is the honest read-only file. */
START_TEST(read_only_database_is_refused_at_start)
{
	char mp[96], db[128];
	if (!mount_tmpfs("ro", "4m", "a read-only database refused at start", mp))
		return;
	snprintf(db, sizeof db, "%s/r.db", mp);
	ck_assert_int_eq(run_cli((const char *[]){"migrate", "--db", db, NULL}, NULL, NULL), 0);
	ck_assert_msg(mount("tmpfs", mp, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=4m") == 0,
		      "remount read-only: %s", strerror(errno));
	refused_at_start(db, "read-only");
}
END_TEST

/* Writes into @p dir a file that takes every byte left on its file system; its path into
 * @p path. */
static void fill_disk(const char *dir, char path[128])
{
	static char chunk[1 << 16];
	snprintf(path, 128, "%s/filler", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	memset(chunk, 'x', sizeof chunk);
	for (size_t size = sizeof chunk; size > 0; size /= 2)
		while (write(fd, chunk, size) == (ssize_t)size)
			;
	ck_assert_int_eq(write(fd, chunk, 1), -1);
	ck_assert_int_eq(errno, ENOSPC);
	close(fd);
}

static json_int_t unit_total(void)
{
	struct tresp r;
	ck_assert_int_eq(req("GET", "/api/v1/units?limit=1", T_READER, NULL, &r), 200);
	json_int_t total = json_integer_value(json_object_get(r.json, "total"));
	tresp_free(&r);
	return total;
}

START_TEST(full_disk_is_503_and_nothing_half_written)
{
	char mp[96], filler[128];
	/* Without a mount there is no full disk to make, and src/db offers no fault hook. */
	if (!mount_tmpfs("full", "1m", "a full disk while serving (no fault hook to fall back on)",
			 mp))
		return;
	tsrv_start_in(mp, false, false);
	expect("POST", "/api/v1/units", T_EDITOR, "{\"code\":\"A\",\"name\":\"A\",\"kind\":\"enhet\"}",
	       201, NULL);
	ck_assert_int_eq(unit_total(), 1);
	fill_disk(mp, filler);
	expect("POST", "/api/v1/units", T_EDITOR, "{\"code\":\"B\",\"name\":\"B\",\"kind\":\"enhet\"}",
	       503, "storage_full");
	ck_assert_int_eq(unit_total(), 1);
	expect("GET", "/api/v1/units/1", T_READER, NULL, 200, NULL);
	expect("GET", "/healthz", T_NONE, NULL, 200, NULL);
	ck_assert_int_eq(unlink(filler), 0);
	expect("POST", "/api/v1/units", T_EDITOR, "{\"code\":\"B\",\"name\":\"B\",\"kind\":\"enhet\"}",
	       201, NULL);
	ck_assert_int_eq(unit_total(), 2);
}
END_TEST

/* The pages to damage: three leaf pages of `units` from the middle of its tree (by dbstat),
 * else three pages from the middle of the file.  *page_size gets the page size. */
static void pages_to_damage(const char *db, int64_t pages[3], int64_t *page_size)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t leaf[4096];
	size_t n = 0;
	*page_size = sql_int(db, "PRAGMA page_size");
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, "SELECT pageno FROM dbstat WHERE name = 'units' AND "
			       "pagetype = 'leaf' ORDER BY pageno", -1, &st, NULL) == SQLITE_OK) {
		while (n < 4096 && sqlite3_step(st) == SQLITE_ROW)
			leaf[n++] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	if (n < 8) {
		int64_t middle = sql_int(db, "PRAGMA page_count") / 2;
		for (n = 0; n < 3; n++)
			leaf[n] = middle + (int64_t)n;
	}
	for (int i = 0; i < 3; i++) {
		pages[i] = leaf[n / 2 - 1 + (size_t)i];
		ck_assert_int_gt(pages[i], 1);   /* never the header's page */
	}
}

/* Overwrites three pages in the middle of @p db (closed by every process) with a pattern. */
static void damage(const char *db)
{
	int64_t pages[3], size;
	char buf[65536], wal[160];
	snprintf(wal, sizeof wal, "%s-wal", db);
	ck_assert_msg(access(wal, F_OK) != 0, "a WAL is left: the damage would be read past");
	pages_to_damage(db, pages, &size);
	ck_assert_int_le(size, (int64_t)sizeof buf);
	memset(buf, 0x5a, sizeof buf);
	int fd = open(db, O_WRONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(pwrite(fd, buf, (size_t)size, (off_t)((pages[i] - 1) * size)), size);
	ck_assert_int_eq(close(fd), 0);
}

/* Reads every page of the unit list from the server on @p port until one fails: that one is a
 * 503 `storage_corrupt`, and nothing is ever a 500. */
static void list_reads_storage_corrupt(uint16_t port)
{
	struct tresp r;
	char path[96];
	bool corrupt = false;
	for (int page = 0; page < 100 && !corrupt; page++) {
		snprintf(path, sizeof path, "/api/v1/units?limit=1000&offset=%d", page * 1000);
		int status = req_at(port, "GET", path, T_READER, NULL, &r);
		ck_assert_msg(status == 200 || status == 503, "%s: %d %s", path, status, r.body);
		corrupt = status == 503;
		if (corrupt)
			ck_assert_str_eq(json_string_value(json_object_get(r.json, "code")),
					 "storage_corrupt");
		bool last = status == 200 && json_array_size(json_object_get(r.json, "items")) == 0;
		tresp_free(&r);
		if (last)
			break;
	}
	ck_assert_msg(corrupt, "every page of the damaged list read 200");
}

START_TEST(damaged_file_is_503_or_refused_never_500)
{
	char err[4096], log[96], text[4096];
	uint16_t port;
	pid_t pid;
	int st = -2;
	/* Two thousand units: their table fills the middle of the file. */
	sql_on(T.db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
	       " INSERT INTO units (code, name, kind) SELECT 'D' || i, 'Enhet ' || i || ' ' ||"
	       " hex(zeroblob(100)), 'enhet' FROM n");
	server_stop(T.srv);   /* T stops, its database stays */
	T.srv = NULL;
	db_close_global();
	damage(T.db);

	if (serve(T.db, &port, &pid, &st)) {
		list_reads_storage_corrupt(port);
		ck_assert_int_eq(raw_request(port, "GET", "/healthz", NULL, NULL, NULL, 0), 200);
		ck_assert_int_eq(kill(pid, SIGTERM), 0);
		ck_assert_int_eq(wait_exit(pid, 30000), 0);
	} else {   /* refused at start: that too must be one line and exit 1 */
		snprintf(log, sizeof log, "%s/serve.log", O.dir);
		read_text(log, text, sizeof text);
		ck_assert_msg(st == 1 && one_line(text), "serve exited %d: %s", st, text);
	}
	ck_assert_int_eq(run_cli((const char *[]){"check", "--db", T.db, NULL}, NULL, err), 1);
	ck_assert_msg(one_line(err) && strstr(err, "failed its check: ") &&
		      (strcasestr(err, "page") || strcasestr(err, "malformed")), "check said: %s",
		      err);
}
END_TEST

Suite *operations_suite(void)
{
	Suite *s = suite_create("operations");
	TCase *tokens = tcase_create("tokens");
	tcase_add_unchecked_fixture(tokens, scratch_setup, scratch_teardown);
	tcase_add_checked_fixture(tokens, ops_setup_server, ops_teardown);
	tcase_add_test(tokens, cli_revoke_is_seen_at_the_next_request);
	tcase_add_test(tokens, admin_revoke_is_seen_at_once_and_audited);
	tcase_add_test(tokens, token_list_holds_no_secret);
	tcase_add_test(tokens, cli_rotate_gives_a_new_secret_same_grants);
	tcase_add_test(tokens, expired_tokens_are_refused);
	suite_add_tcase(s, tokens);
	TCase *file = tcase_create("file");
	tcase_add_unchecked_fixture(file, scratch_setup, scratch_teardown);
	tcase_add_checked_fixture(file, ops_setup_server, ops_teardown);
	tcase_add_test(file, backup_under_write_load_loses_nothing_acknowledged);
	tcase_add_test(file, damaged_file_is_503_or_refused_never_500);
	suite_add_tcase(s, file);
	TCase *demo = tcase_create("versions");
	tcase_add_unchecked_fixture(demo, scratch_setup, scratch_teardown);
	tcase_add_checked_fixture(demo, ops_setup_demo, ops_teardown);
	tcase_add_test(demo, scoped_tokens_from_the_cli);
	tcase_add_test(demo, last_used_at_flushes_no_memoised_figure);
	tcase_add_test(demo, write_by_another_server_is_seen_at_once);
	suite_add_tcase(s, demo);
	TCase *storage = tcase_create("storage");
	tcase_add_unchecked_fixture(storage, scratch_setup, scratch_teardown);
	tcase_add_checked_fixture(storage, ops_setup, ops_teardown);
	tcase_add_test(storage, bad_files_are_refused_at_start);
	tcase_add_test(storage, read_only_database_is_refused_at_start);
	tcase_add_test(storage, full_disk_is_503_and_nothing_half_written);
	suite_add_tcase(s, storage);
	return s;
}
