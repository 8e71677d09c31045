/*
 * The command line (DESIGN.md, "Command line"): sub-commands with long options, usage errors
 * as one line on stderr and exit status 2, failures exit 1.
 *
 *   folja serve [--db PATH] [--listen ADDR:PORT] [--open-read] [--demo] [limits...]
 *   folja migrate [--db PATH]
 *   folja demo [--db PATH]
 *   folja token create --role reader|editor|admin [--sensitive] [--db PATH] [--name TEXT]
 *
 * `serve` blocks SIGINT and SIGTERM before the server's threads start (they inherit the mask)
 * and waits for them with sigwait(), so a signal only ever reaches the main thread, which then
 * stops the server gracefully and closes the database.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/auth.h"
#include "folja/cli.h"
#include "folja/db.h"
#include "folja/server.h"

static int usage(const char *msg)
{
	fprintf(stderr, "folja: %s (try: folja serve|migrate|demo|token create --role ROLE)\n", msg);
	return 2;
}

/* Parses an unsigned option value; false when it is not a number in [1, max]. */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || !*s || s[0] == '-' || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

struct opts {
	const char *db;
	const char *role;
	const char *name;
	bool sensitive;
	bool demo;
	struct server_config server;
};

/* Parses the options common to all commands; returns 0 or the usage exit status. */
static int parse_opts(int argc, char **argv, int first, struct opts *o, bool serve)
{
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		unsigned long long n;
		char msg[160];
		if (strcmp(a, "--open-read") == 0 && serve) {
			o->server.open_read = true;
			continue;
		}
		if (strcmp(a, "--demo") == 0 && serve) {
			o->demo = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0 && serve) {
			o->server.quiet = true;
			continue;
		}
		if (strcmp(a, "--sensitive") == 0 && !serve) {
			o->sensitive = true;
			continue;
		}
		if (!v) {
			snprintf(msg, sizeof msg, "unknown option or missing value: %s", a);
			return usage(msg);
		}
		i++;
		if (strcmp(a, "--db") == 0) {
			o->db = v;
		} else if (strcmp(a, "--role") == 0 && !serve) {
			o->role = v;
		} else if (strcmp(a, "--name") == 0 && !serve) {
			o->name = v;
		} else if (strcmp(a, "--listen") == 0 && serve) {
			if (!server_listen_valid(v))
				return usage("--listen takes ADDR:PORT, e.g. 127.0.0.1:8080");
			o->server.listen = v;
		} else if (serve && strcmp(a, "--threads") == 0 && parse_count(v, 256, &n)) {
			o->server.threads = (unsigned)n;
		} else if (serve && strcmp(a, "--max-body") == 0 && parse_count(v, 1ull << 32, &n)) {
			o->server.max_body = (size_t)n;
		} else if (serve && strcmp(a, "--header-limit") == 0 && parse_count(v, 1u << 20, &n)) {
			o->server.header_limit = (size_t)n;
		} else if (serve && strcmp(a, "--timeout") == 0 && parse_count(v, 3600, &n)) {
			o->server.timeout_s = (unsigned)n;
		} else if (serve && strcmp(a, "--max-connections") == 0 && parse_count(v, 100000, &n)) {
			o->server.max_connections = (unsigned)n;
		} else if (serve && strcmp(a, "--max-per-ip") == 0 && parse_count(v, 100000, &n)) {
			o->server.max_per_ip = (unsigned)n;
		} else {
			snprintf(msg, sizeof msg, "unknown option or bad value: %s %s", a, v);
			return usage(msg);
		}
	}
	return 0;
}

static int open_db(const struct opts *o)
{
	if (db_open_global(o->db) != 0) {
		fprintf(stderr, "folja: cannot open or migrate %s\n", o->db);
		return 1;
	}
	return 0;
}

static int load_demo(void)
{
	int loaded = db_load_demo(db_thread());
	if (loaded < 0) {
		fprintf(stderr, "folja: loading the demo data failed\n");
		return 1;
	}
	fprintf(stderr, "folja: %s\n", loaded ? "demo data loaded" : "database not empty; demo skipped");
	return 0;
}

static int cmd_serve(struct opts *o)
{
	sigset_t set;
	int sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (open_db(o) || (o->demo && load_demo())) {
		db_close_global();
		return 1;
	}
	struct server *s = server_start(&o->server);
	if (!s) {
		db_close_global();
		return 1;
	}
	fprintf(stderr, "folja: listening on port %u, database %s%s\n", server_port(s), o->db,
		o->server.open_read ? ", open reads" : "");
	sigwait(&set, &sig);
	fprintf(stderr, "folja: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(s);
	db_close_global();
	return 0;
}

static int cmd_token(struct opts *o)
{
	enum role role = auth_role_parse(o->role);
	char token[AUTH_TOKEN_MAX];
	if (role == ROLE_NONE)
		return usage("token create needs --role reader|editor|admin");
	if (open_db(o))
		return 1;
	enum db_rc rc = auth_token_create(db_thread(), o->name ? o->name : o->role, role,
					  o->sensitive, token);
	db_close_global();
	if (rc != DB_OK) {
		fprintf(stderr, "folja: could not store the token\n");
		return 1;
	}
	printf("%s\n", token);
	return 0;
}

int folja_cli(int argc, char **argv)
{
	struct opts o = {.db = "./folja.db"};
	server_config_defaults(&o.server);
	if (argc < 2)
		return usage("missing command");
	const char *cmd = argv[1];
	int first = 2, rc;
	if (strcmp(cmd, "token") == 0) {
		if (argc < 3 || strcmp(argv[2], "create") != 0)
			return usage("the token command is: token create --role ROLE");
		first = 3;
	}
	bool serve = strcmp(cmd, "serve") == 0;
	if ((rc = parse_opts(argc, argv, first, &o, serve)) != 0)
		return rc;
	if (serve)
		return cmd_serve(&o);
	if (strcmp(cmd, "token") == 0)
		return cmd_token(&o);
	if (strcmp(cmd, "migrate") == 0 || strcmp(cmd, "demo") == 0) {
		rc = open_db(&o);
		if (!rc && strcmp(cmd, "demo") == 0)
			rc = load_demo();
		db_close_global();
		return rc;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		printf("usage: folja serve [--db PATH] [--listen ADDR:PORT] [--open-read] [--demo]\n"
		       "                   [--threads N] [--max-body BYTES] [--header-limit BYTES]\n"
		       "                   [--timeout SECONDS] [--max-connections N] [--max-per-ip N]\n"
		       "       folja migrate [--db PATH]\n"
		       "       folja demo [--db PATH]\n"
		       "       folja token create --role reader|editor|admin [--sensitive] [--db PATH] [--name TEXT]\n");
		return 0;
	}
	char msg[128];
	snprintf(msg, sizeof msg, "unknown command: %.60s", cmd);
	return usage(msg);
}
