/*
 * Durability of acknowledged writes, against the real `folja serve` program.
 *
 * The tests run the built binary (FOLJA_BIN, set by meson) as a child process on a temporary
 * database.  Several writer threads post units as fast as they can; no reply may be a 5xx.
 * The child is then killed with SIGKILL in the middle of the load, restarted on the same file,
 * and every unit whose POST got a 201 must be there, with `PRAGMA integrity_check` ok: a 201
 * is only sent after COMMIT, and synchronous=FULL makes COMMIT durable.  A second test stops
 * the child with SIGTERM while a request is half uploaded: that request still completes, the
 * program exits 0 and the data is intact.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../src/db/sql.h"   /* the connection's own settings are checked */
#include "folja/db.h"
#include "folja/server.h"
#include "support.h"

struct child {
	pid_t pid;
	uint16_t port;
	char dir[64];
	char db[128];
	char log[128];
	char token[160];
};

/* Runs `folja token create --role editor` on the child's database. */
static void make_token(struct child *c)
{
	tproc_token(c->db, "editor", "writer", c->token);
}

/* Starts `folja serve` on an ephemeral port and waits until it listens. */
static void child_start(struct child *c)
{
	tproc_serve(c->db, c->log, &c->pid, &c->port);
}

static void child_setup(struct child *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->dir, sizeof c->dir, "/tmp/folja-dur.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(c->dir));
	snprintf(c->db, sizeof c->db, "%s/d.db", c->dir);
	snprintf(c->log, sizeof c->log, "%s/serve.log", c->dir);
	make_token(c);
}

static void child_cleanup(struct child *c)
{
	static const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	char path[192];
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s%s", c->db, suffix[i]);
		unlink(path);
	}
	unlink(c->log);
	rmdir(c->dir);
}

/* ---- a minimal client, safe to use from threads (no ck_assert) --------------------------- */

static int dial(uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads a reply's status line; 0 when the connection ended without one. */
static int read_status(int fd, int ms)
{
	char buf[4096];
	size_t n = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (n < sizeof buf - 1 && poll(&p, 1, ms) > 0) {
		ssize_t got = read(fd, buf + n, sizeof buf - 1 - n);
		if (got <= 0)
			break;
		n += (size_t)got;
		buf[n] = '\0';
		if (strstr(buf, "\r\n\r\n"))
			break;
	}
	buf[n] = '\0';
	int status = 0;
	if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
		return 0;
	return status;
}

/* POSTs unit @p code; the reply's status, or 0 when there was none (server gone). */
static int post_unit(uint16_t port, const char *token, const char *code)
{
	char body[256], msg[1024];
	int bl = snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"Enhet %s\","
			  "\"kind\":\"enhet\"}", code, code);
	int ml = snprintf(msg, sizeof msg, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\nAuthorization: Bearer %s\r\n"
			  "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			  token, bl, body);
	int fd = dial(port);
	if (fd < 0)
		return 0;
	int status = 0;
	if (write(fd, msg, (size_t)ml) == ml)
		status = read_status(fd, 10000);
	close(fd);
	return status;
}

/* ---- concurrent writers ------------------------------------------------------------------ */

#define WRITERS 6
#define MAX_PER_WRITER 20000

struct writer {
	pthread_t thread;
	int id;
	int round;
	const struct child *c;
	int acked;                      /* units that got 201, codes W<round>-<id>-<0..acked-1> */
	int server_errors;              /* 5xx replies */
	int other;                      /* any other status */
	int last_other;
};

static atomic_bool stop_writers;

static void *writer_run(void *arg)
{
	struct writer *w = arg;
	char code[64];
	for (int i = 0; i < MAX_PER_WRITER && !atomic_load(&stop_writers); i++) {
		snprintf(code, sizeof code, "W%d-%d-%d", w->round, w->id, i);
		int status = post_unit(w->c->port, w->c->token, code);
		if (status == 0)
			break;  /* the server is gone */
		if (status == 201) {
			/* Codes are acknowledged in order, so the count names them all. */
			if (w->acked != i) {
				w->other++;
				w->last_other = -1;
			}
			w->acked = i + 1;
		} else if (status >= 500) {
			w->server_errors++;
		} else {
			w->other++;
			w->last_other = status;
		}
	}
	return NULL;
}

static void writers_start(struct writer *ws, const struct child *c, int round)
{
	atomic_store(&stop_writers, false);
	for (int i = 0; i < WRITERS; i++) {
		ws[i] = (struct writer){.id = i, .round = round, .c = c};
		ck_assert_int_eq(pthread_create(&ws[i].thread, NULL, writer_run, &ws[i]), 0);
	}
}

static int writers_join(struct writer *ws)
{
	int acked = 0;
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(ws[i].thread, NULL);
		ck_assert_msg(ws[i].server_errors == 0, "writer %d got %d 5xx replies", i,
			      ws[i].server_errors);
		ck_assert_msg(ws[i].other == 0, "writer %d got %d unexpected replies (last %d)", i,
			      ws[i].other, ws[i].last_other);
		acked += ws[i].acked;
	}
	return acked;
}

/* Checks on the database file itself: integrity, and every acknowledged unit present. */
static void check_database(const struct child *c, struct writer *rounds[], int nrounds)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open_v2(c->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM units WHERE code = ?1", -1,
					    &st, NULL), SQLITE_OK);
	int checked = 0;
	for (int r = 0; r < nrounds; r++)
		for (int w = 0; w < WRITERS; w++)
			for (int i = 0; i < rounds[r][w].acked; i++) {
				char code[64];
				snprintf(code, sizeof code, "W%d-%d-%d", rounds[r][w].round, w, i);
				sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
				ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
				ck_assert_msg(sqlite3_column_int(st, 0) == 1,
					      "acknowledged unit %s is lost", code);
				sqlite3_reset(st);
				checked++;
			}
	sqlite3_finalize(st);
	sqlite3_close(db);
	ck_assert_int_gt(checked, 0);
}

/* The total the restarted server reports, via the API. */
static int64_t api_unit_total(const struct child *c)
{
	char msg[512], buf[8192];
	int ml = snprintf(msg, sizeof msg, "GET /api/v1/units?limit=1 HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\nAuthorization: Bearer %s\r\n\r\n", c->token);
	int fd = dial(c->port);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, msg, (size_t)ml), ml);
	size_t n = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (n < sizeof buf - 1 && poll(&p, 1, 5000) > 0) {
		ssize_t got = read(fd, buf + n, sizeof buf - 1 - n);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	close(fd);
	const char *t = strstr(buf, "\"total\":");
	ck_assert_msg(t != NULL, "no total in %s", buf);
	return strtoll(t + 8, NULL, 10);
}

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

START_TEST(sigkill_mid_load_loses_no_acknowledged_write)
{
	struct child c;
	struct writer round0[WRITERS], round1[WRITERS];
	struct writer *rounds[] = {round0, round1};
	int status;
	child_setup(&c);
	int64_t acked = 0;
	for (int r = 0; r < 2; r++) {
		child_start(&c);
		writers_start(rounds[r], &c, r);
		sleep_ms(800);
		ck_assert_int_eq(kill(c.pid, SIGKILL), 0);
		ck_assert_int_eq(waitpid(c.pid, &status, 0), c.pid);
		ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		atomic_store(&stop_writers, true);
		acked += writers_join(rounds[r]);
		/* after the kill, before any restart: the file alone must hold every 201 */
		check_database(&c, rounds, r + 1);
	}
	ck_assert_int_gt(acked, 50);
	fprintf(stderr, "durability: %lld writes acknowledged over two SIGKILLs\n", (long long)acked);
	child_start(&c);
	/* The server reports at least every acknowledged unit (a write may have committed
	 * without its reply getting out before the kill). */
	ck_assert_int_ge(api_unit_total(&c), acked);
	ck_assert_int_eq(kill(c.pid, SIGTERM), 0);
	ck_assert_int_eq(waitpid(c.pid, &status, 0), c.pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check_database(&c, rounds, 2);
	child_cleanup(&c);
}
END_TEST

START_TEST(sigterm_finishes_in_flight_and_exits_cleanly)
{
	struct child c;
	struct writer ws[WRITERS];
	struct writer *rounds[] = {ws};
	int status;
	child_setup(&c);
	child_start(&c);

	/* A request whose body is half sent when the signal arrives. */
	const char *body = "{\"code\":\"INFLIGHT\",\"name\":\"Under way\",\"kind\":\"enhet\"}";
	size_t bl = strlen(body), half = bl / 2;
	char head[512];
	int hl = snprintf(head, sizeof head, "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\nAuthorization: Bearer %s\r\n"
			  "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
			  c.token, bl);
	int fd = dial(c.port);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, head, (size_t)hl), hl);
	ck_assert_int_eq(write(fd, body, half), (ssize_t)half);

	writers_start(ws, &c, 0);
	sleep_ms(300);
	ck_assert_int_eq(kill(c.pid, SIGTERM), 0);
	sleep_ms(300);
	/* Still running: it waits for the request under way. */
	ck_assert_int_eq(waitpid(c.pid, &status, WNOHANG), 0);
	ck_assert_int_eq(write(fd, body + half, bl - half), (ssize_t)(bl - half));
	ck_assert_int_eq(read_status(fd, 5000), 201);
	close(fd);

	ck_assert_int_eq(waitpid(c.pid, &status, 0), c.pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "folja serve did not exit 0 on SIGTERM (status %d)", status);
	atomic_store(&stop_writers, true);
	int acked = writers_join(ws);
	ck_assert_int_gt(acked, 0);
	check_database(&c, rounds, 1);

	sqlite3 *db;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open_v2(c.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM units WHERE code = 'INFLIGHT'",
					    -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* The log says it stopped on the signal. */
	size_t n = 0;
	char logbuf[4096];
	FILE *f = fopen(c.log, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(logbuf, 1, sizeof logbuf - 1, f);
	fclose(f);
	logbuf[n] = '\0';
	ck_assert_msg(strstr(logbuf, "SIGTERM, stopping") != NULL, "log: %s", logbuf);
	child_cleanup(&c);
}
END_TEST

/* The power-loss stance: WAL with synchronous=FULL on every connection the server uses, so a
 * commit (and so a 2xx) has reached the disk, not just the operating system. */
static void *check_thread_connection(void *arg)
{
	struct db *db = db_thread();
	int64_t *out = arg;
	out[0] = db ? sql_count(db_handle(db), "PRAGMA synchronous") : -1;
	return NULL;
}

START_TEST(connections_are_wal_and_synchronous_full)
{
	tsrv_start(false, false);
	sqlite3 *h = db_handle(db_thread());
	ck_assert_int_eq(sql_count(h, "PRAGMA synchronous"), 2);  /* FULL */
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	ck_assert_int_eq(sql_count(h, "PRAGMA foreign_keys"), 1);
	/* A worker thread's own connection is set up the same way. */
	pthread_t t;
	int64_t sync = -1;
	ck_assert_int_eq(pthread_create(&t, NULL, check_thread_connection, &sync), 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(sync, 2);
	tsrv_stop();
}
END_TEST

/* Records whether foreign keys are enforced inside the transaction (seen[0]) and returns
 * seen[1]. */
static enum db_rc keys_seen(struct db *db, void *ctx)
{
	int64_t *seen = ctx;
	seen[0] = sql_count(db_handle(db), "PRAGMA foreign_keys");
	return (enum db_rc)seen[1];
}

/* A bulk write's transaction does not enforce foreign keys (its callback checks what it
 * writes), and the connection enforces them again after it, whether it committed or not. */
START_TEST(a_bulk_write_leaves_foreign_keys_on)
{
	tsrv_start(false, false);
	sqlite3 *h = db_handle(db_thread());
	static const enum db_rc ends[] = {DB_OK, DB_CONFLICT};
	for (size_t i = 0; i < 2; i++) {
		int64_t seen[2] = {-1, ends[i]};
		ck_assert_int_eq(db_write_bulk(db_thread(), keys_seen, seen), ends[i]);
		ck_assert_int_eq(seen[0], 0);
		ck_assert_int_eq(sql_count(h, "PRAGMA foreign_keys"), 1);
		ck_assert_int_eq(sqlite3_get_autocommit(h), 1);
	}
	tsrv_stop();
}
END_TEST

/* A GET's read snapshot (db_snapshot_begin): a commit by another connection is not seen until
 * it ends, and a write on the snapshot's own connection ends it rather than failing inside it. */
static enum db_rc bump(struct db *db, void *ctx)
{
	(void)ctx;
	return db_exec_script(db, "UPDATE versions SET tokens = tokens", NULL, 0) ? DB_ERROR : DB_OK;
}

START_TEST(a_read_snapshot_sees_one_state_and_a_write_ends_it)
{
	tsrv_start(false, false);
	struct db *db = db_thread();
	sqlite3 *mine = db_handle(db), *other;
	int owner;
	ck_assert_int_eq(sqlite3_open(T.db, &other), SQLITE_OK);
	int64_t before = sql_count(mine, "SELECT data FROM versions");
	db_snapshot_begin(&owner);
	ck_assert_ptr_eq(db_snapshot_owner(), &owner);
	ck_assert_int_eq(sql_count(mine, "SELECT data FROM versions"), before);
	ck_assert_int_eq(sqlite3_exec(other, "UPDATE versions SET data = data + 1", NULL, NULL,
				      NULL), SQLITE_OK);
	ck_assert_int_eq(sql_count(mine, "SELECT data FROM versions"), before);   /* one state */
	db_snapshot_end();
	ck_assert_ptr_null(db_snapshot_owner());
	ck_assert_int_eq(sql_count(mine, "SELECT data FROM versions"), before + 1);
	db_snapshot_begin(&owner);
	ck_assert_int_eq(sql_count(mine, "SELECT data FROM versions"), before + 1);
	ck_assert_int_eq(db_write(db, bump, NULL), DB_OK);
	ck_assert_ptr_null(db_snapshot_owner());
	ck_assert_int_eq(sql_count(mine, "SELECT data FROM versions"), before + 2);
	ck_assert(sqlite3_get_autocommit(mine));
	sqlite3_close(other);
	tsrv_stop();
}
END_TEST

/* db_versions() outside a transaction reads no table while the WAL-index says nothing was
 * committed (no read transaction is left open in a read snapshot), and sees every commit of
 * another connection at the next call, however many come one after another. */
START_TEST(versions_are_watched_without_a_transaction)
{
	tsrv_start(false, false);
	struct db *db = db_thread();
	sqlite3 *mine = db_handle(db), *other;
	struct db_versions v;
	int owner;
	ck_assert_int_eq(sqlite3_open(T.db, &other), SQLITE_OK);
	ck_assert_int_eq(db_versions(db, &v), DB_OK);
	ck_assert_int_eq(db_versions(db, &v), DB_OK);   /* the header is noted from here on */
	uint64_t data = v.data, tokens = v.tokens;
	db_snapshot_begin(&owner);
	ck_assert_int_eq(db_versions(db, &v), DB_OK);
	ck_assert_int_eq(sqlite3_txn_state(mine, "main"), SQLITE_TXN_NONE);
	ck_assert_uint_eq(v.data, data);
	db_snapshot_end();
	for (int i = 1; i <= 300; i++) {
		ck_assert_int_eq(sqlite3_exec(other, i % 3 ? "UPDATE versions SET data = data + 1" :
					      "UPDATE versions SET tokens = tokens + 1", NULL, NULL,
					      NULL), SQLITE_OK);
		ck_assert_int_eq(db_versions(db, &v), DB_OK);
		ck_assert_uint_eq(v.data, data + (uint64_t)(i - i / 3));
		ck_assert_uint_eq(v.tokens, tokens + (uint64_t)(i / 3));
	}
	/* a checkpoint that restarts the log rewrites the header: read again, the same */
	ck_assert_int_eq(sqlite3_wal_checkpoint_v2(other, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL,
						   NULL), SQLITE_OK);
	ck_assert_int_eq(db_versions(db, &v), DB_OK);
	ck_assert_uint_eq(v.data, data + 200);
	sqlite3_close(other);
	tsrv_stop();
}
END_TEST

/* A commit that takes the WAL past 1000 pages does not checkpoint on its request: the
 * checkpointer thread copies the log into the database file after it. */
static enum db_rc fill_log(struct db *db, void *ctx)
{
	(void)ctx;
	return db_exec_script(db, "CREATE TABLE pad (x);"
			      "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
			      " WHERE i < 6000) INSERT INTO pad SELECT randomblob(1000) FROM c;",
			      NULL, 0) ? DB_ERROR : DB_OK;
}

static void *write_from_a_worker(void *arg)
{
	enum db_rc *rc = arg;
	*rc = db_write(db_thread(), fill_log, NULL);
	return NULL;
}

START_TEST(checkpoints_run_off_the_request_path)
{
	tsrv_start(false, false);
	uint64_t before = db_checkpoint_count();
	struct stat st;
	ck_assert_int_eq(stat(T.db, &st), 0);
	ck_assert_int_lt(st.st_size, 6000 * 1000);
	pthread_t t;
	enum db_rc rc = DB_ERROR;
	ck_assert_int_eq(pthread_create(&t, NULL, write_from_a_worker, &rc), 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(rc, DB_OK);
	for (int i = 0; i < 500 && db_checkpoint_count() == before; i++)
		usleep(10000);
	ck_assert_uint_gt(db_checkpoint_count(), before);
	ck_assert_int_eq(stat(T.db, &st), 0);
	ck_assert_int_gt(st.st_size, 6000 * 1000);   /* the log's pages are in the file */
	struct tresp r;
	ck_assert_int_eq(req("GET", "/metrics", T_NONE, NULL, &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "folja_wal_checkpoints_total "));
	tresp_free(&r);
	tsrv_stop();
}
END_TEST

/* A worker connection that outlives the checkpointer (its server stopped, the process going
 * on) checkpoints for itself again, as SQLite's own hook would: the log does not grow without
 * bound. */
static pthread_barrier_t outlive;

static void *outlive_the_server(void *arg)
{
	enum db_rc *rc = arg;
	struct db *db = db_thread();       /* opened while the checkpointer runs */
	pthread_barrier_wait(&outlive);    /* the server stops */
	pthread_barrier_wait(&outlive);
	*rc = db ? db_write(db, fill_log, NULL) : DB_ERROR;
	return NULL;
}

START_TEST(a_connection_outliving_the_checkpointer_checkpoints_itself)
{
	tsrv_start(false, false);
	pthread_t t;
	enum db_rc rc = DB_ERROR;
	ck_assert_int_eq(pthread_barrier_init(&outlive, NULL, 2), 0);
	ck_assert_int_eq(pthread_create(&t, NULL, outlive_the_server, &rc), 0);
	pthread_barrier_wait(&outlive);
	server_stop(T.srv);
	T.srv = NULL;
	uint64_t before = db_checkpoint_count();
	pthread_barrier_wait(&outlive);
	pthread_join(t, NULL);
	pthread_barrier_destroy(&outlive);
	ck_assert_int_eq(rc, DB_OK);
	/* checkpointed within the commit, by the connection itself */
	struct stat st;
	ck_assert_int_eq(stat(T.db, &st), 0);
	ck_assert_int_gt(st.st_size, 6000 * 1000);
	ck_assert_uint_eq(db_checkpoint_count(), before);
	tsrv_stop();
}
END_TEST

Suite *durability_suite(void)
{
	Suite *s = suite_create("durability");
	TCase *tc = tcase_create("child");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sigkill_mid_load_loses_no_acknowledged_write);
	tcase_add_test(tc, sigterm_finishes_in_flight_and_exits_cleanly);
	tcase_add_test(tc, connections_are_wal_and_synchronous_full);
	tcase_add_test(tc, a_bulk_write_leaves_foreign_keys_on);
	tcase_add_test(tc, a_read_snapshot_sees_one_state_and_a_write_ends_it);
	tcase_add_test(tc, versions_are_watched_without_a_transaction);
	tcase_add_test(tc, checkpoints_run_off_the_request_path);
	tcase_add_test(tc, a_connection_outliving_the_checkpointer_checkpoints_itself);
	suite_add_tcase(s, tc);
	return s;
}
