/*
 * Fuzzes whole requests through a real server in the fuzzing process: every route of the
 * routing table, so each resource's query parameters and JSON body (and through them its
 * input spec and storage) are covered as soon as the route is in the table.
 *
 * Input: the first byte picks the route (modulo the table), bytes up to the first newline are
 * the query string (percent-encoded where needed), the rest is the body, sent as JSON by an
 * admin token with `sensitive`.  The property is the service's promise: a reply, and never a
 * 5xx.  The server runs on a loopback port over a demo database in a temporary directory,
 * removed at exit.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "folja/api.h"
#include "folja/auth.h"
#include "folja/db.h"
#include "folja/server.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static uint16_t port;
static char token[AUTH_TOKEN_MAX];
static struct server *srv;
static char dir[] = "/tmp/folja-fuzz.XXXXXX", db[64];

/* Stops the server and removes its database when the process exits. */
static void cleanup(void)
{
	static const char *suffix[] = {"", "-wal", "-shm"};
	char path[96];
	server_stop(srv);
	db_close_global();
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffix[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct server_config cfg;
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/f.db", dir);
	if (db_open_global(db) != 0 || db_load_demo(db_thread()) != 1 ||
	    auth_token_create(db_thread(), "fuzz", &(struct token_grant){ROLE_ADMIN, true, 0, NULL},
			      token) != DB_OK)
		abort();
	server_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.quiet = true;
	cfg.threads = 2;
	cfg.max_body = 1u << 16;
	srv = server_start(&cfg);
	if (!srv)
		abort();
	port = server_port(srv);
	atexit(cleanup);
	return 0;
}

static void append(char **p, size_t *len, size_t *cap, const void *data, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*p = realloc(*p, *cap);
		if (!*p)
			abort();
	}
	memcpy(*p + *len, data, n);
	*len += n;
}

/* A new connection to the server.  A refused or failed connect is tried again after a
 * pause (the machine's ports or the server's backlog can be short for a moment under a
 * fuzzer's rate); a server that accepts nothing for a second is a finding. */
static int connect_server(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int attempt = 0; attempt < 10; attempt++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
			return fd;
		fprintf(stderr, "connect: %s\n", strerror(errno));
		if (fd >= 0)
			close(fd);
		usleep(100000);
	}
	abort();
}

/* Sends @p msg on a new connection and returns the reply's status, 0 when there was none. */
static int exchange(const char *msg, size_t len)
{
	int fd = connect_server();
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, msg + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	char reply[256];
	size_t got = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (got < sizeof reply - 1 && poll(&p, 1, 10000) > 0) {
		ssize_t r = read(fd, reply + got, sizeof reply - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	reply[got] = '\0';
	close(fd);
	int status = 0;
	sscanf(reply, "HTTP/1.%*d %d", &status);
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const struct route *rt = &folja_routes[data[0] % folja_route_count];
	data++, size--;
	const uint8_t *nl = memchr(data, '\n', size < 512 ? size : 512);
	size_t qlen = nl ? (size_t)(nl - data) : 0;
	const uint8_t *body = nl ? nl + 1 : data;
	size_t blen = size - (nl ? qlen + 1 : 0);

	char *msg = NULL, tmp[512];
	size_t len = 0, cap = 0;
	append(&msg, &len, &cap, rt->method, strlen(rt->method));
	append(&msg, &len, &cap, " ", 1);
	for (const char *p = rt->pattern; *p; p++) {
		if (*p == '{') {
			append(&msg, &len, &cap, "1", 1);
			p += strcspn(p, "}");
			continue;
		}
		append(&msg, &len, &cap, p, 1);
	}
	if (qlen) {
		append(&msg, &len, &cap, "?", 1);
		for (size_t i = 0; i < qlen; i++) {
			unsigned char c = data[i];
			if (c > 0x20 && c < 0x7f && c != '#')
				append(&msg, &len, &cap, &c, 1);
			else
				append(&msg, &len, &cap, tmp,
				       (size_t)snprintf(tmp, sizeof tmp, "%%%02X", c));
		}
	}
	int n = snprintf(tmp, sizeof tmp, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
			 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\n\r\n", token, blen);
	append(&msg, &len, &cap, tmp, (size_t)n);
	append(&msg, &len, &cap, body, blen);

	/* Client and server share this process, so a reply lost to the connection's teardown
	 * racing the next test's socket is retried; a request that never gets an answer
	 * fails every time. */
	int status = 0;
	for (int attempt = 0; attempt < 3 && status == 0; attempt++)
		status = exchange(msg, len);

	if (status == 0 || status >= 500) {
		fprintf(stderr, "%s %s -> %d\n", rt->method, rt->pattern, status);
		fwrite(msg, 1, len < 2000 ? len : 2000, stderr);
		abort();
	}
	free(msg);
	return 0;
}
