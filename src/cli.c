/*
 * The command line (DESIGN.md, "Command line"): sub-commands with long options, usage errors
 * as one line on stderr and exit status 2, failures exit 1 with one line.
 *
 *   folja serve [--db PATH] [--listen ADDR:PORT] [--open-read] [--demo] [--check] [limits...]
 *   folja migrate [--db PATH|postgresql://...]
 *   folja demo [--db PATH|postgresql://...]
 *   folja token create --role reader|editor|admin [--sensitive] [--name TEXT] [--expires 90d]
 *                      [--scope 0138|unit:ID]
 *   folja token list | revoke ID | rotate ID  [--db PATH|postgresql://...]
 *   folja backup --to FILE [--db PATH|postgresql://...]
 *   folja check [--db PATH]
 *   folja copy --from PATH --to postgresql://...
 *
 * Options are declared in one table (name, the commands that take it, whether it takes a
 * value, the parser); a command's handler then reads the filled struct opts.  `serve` blocks
 * SIGINT and SIGTERM before the server's threads start (they inherit the mask) and waits for
 * them with sigwait(), so a signal only ever reaches the main thread, which then stops the
 * server gracefully and closes the database.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folja/api.h"
#include "folja/auth.h"
#include "folja/cli.h"
#include "folja/date.h"
#include "folja/db.h"
#include "folja/db_units.h"
#include "folja/server.h"

static int usage(const char *msg)
{
	fprintf(stderr, "folja: %s (try: folja help)\n", msg);
	return 2;
}

/* The commands, as bits for the option table. */
enum {
	C_SERVE = 1 << 0, C_MIGRATE = 1 << 1, C_DEMO = 1 << 2, C_TOKEN_CREATE = 1 << 3,
	C_TOKEN_LIST = 1 << 4, C_TOKEN_REVOKE = 1 << 5, C_TOKEN_ROTATE = 1 << 6,
	C_BACKUP = 1 << 7, C_CHECK = 1 << 8, C_COPY = 1 << 9,
	C_ALL = (1 << 10) - 1,
};

struct opts {
	const char *db;
	const char *role;
	const char *name;
	const char *to;           /* backup: a file; copy: a PostgreSQL URL */
	const char *from;         /* copy: a SQLite file */
	char expires_at[24];      /* "" for never */
	const char *scope;        /* token create: "0138" or "unit:19"; NULL for everything */
	bool sensitive;
	bool demo;
	bool check;               /* serve: check an existing file before opening it */
	int64_t id;               /* token revoke/rotate */
	struct server_config server;
};

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

/* --expires: "90d", "12h" from now, or a date "2027-06-30" (the end of that day, UTC). */
static bool parse_expires(const char *s, char out[24])
{
	unsigned long long n;
	size_t len = strlen(s);
	struct date d;
	if (date_parse(s, &d)) {
		snprintf(out, 24, "%sT23:59:59Z", s);
		return true;
	}
	if (len < 2 || (s[len - 1] != 'd' && s[len - 1] != 'h'))
		return false;
	char num[24];
	snprintf(num, sizeof num, "%.*s", (int)(len - 1), s);
	if (!parse_count(num, 36500, &n))
		return false;
	auth_timestamp(time(NULL) + (time_t)n * (s[len - 1] == 'd' ? 86400 : 3600), out);
	return true;
}

/* One option: false from @p set when its value is bad. */
struct option {
	const char *name;
	unsigned commands;
	bool value;
	bool (*set)(struct opts *o, const char *v);
	const char *expect;         /* for the usage message */
};

#define SETTER(fn, body) static bool fn(struct opts *o, const char *v) { (void)v; body }
SETTER(set_db, o->db = v; return true;)
SETTER(set_role, o->role = v; return auth_role_parse(v) != ROLE_NONE;)
SETTER(set_name, o->name = v; return true;)
SETTER(set_to, o->to = v; return true;)
SETTER(set_from, o->from = v; return true;)
SETTER(set_expires, return parse_expires(v, o->expires_at);)
SETTER(set_scope, o->scope = v; return (strlen(v) == 4 && strspn(v, "0123456789") == 4) ||
       (strncmp(v, "unit:", 5) == 0 && v[5] && strspn(v + 5, "0123456789") == strlen(v + 5));)
SETTER(set_sensitive, o->sensitive = true; return true;)
SETTER(set_demo, o->demo = true; return true;)
SETTER(set_check, o->check = true; return true;)
SETTER(set_open_read, o->server.open_read = true; return true;)
SETTER(set_quiet, o->server.quiet = true; return true;)
SETTER(set_listen, o->server.listen = v; return server_listen_valid(v);)
SETTER(set_log_format, o->server.log_format = strcmp(v, "json") == 0 ? LOG_JSON : LOG_TEXT;
       return strcmp(v, "json") == 0 || strcmp(v, "text") == 0;)

/* --cors-origin, repeatable: a scheme, a host and an optional port, nothing after. */
static bool set_cors_origin(struct opts *o, const char *v)
{
	const char *host = strstr(v, "://");
	if (o->server.ncors == SERVER_MAX_CORS || !host || host == v || !host[3] ||
	    strchr(host + 3, '/'))
		return false;
	o->server.cors_origins[o->server.ncors++] = v;
	return true;
}
#define COUNT(fn, field, max, type) \
	SETTER(fn, unsigned long long n; if (!parse_count(v, max, &n)) return false; \
	       o->server.field = (type)n; return true;)
COUNT(set_threads, threads, 256, unsigned)
COUNT(set_max_body, max_body, 1ull << 32, size_t)
COUNT(set_max_import_body, max_import_body, 1ull << 40, size_t)
COUNT(set_header_limit, header_limit, 1u << 20, size_t)
COUNT(set_timeout, timeout_s, 3600, unsigned)
COUNT(set_max_connections, max_connections, 100000, unsigned)
COUNT(set_max_per_ip, max_per_ip, 100000, unsigned)

static const struct option options[] = {
	{"--db", C_ALL & ~C_COPY, true, set_db, "PATH"},
	{"--listen", C_SERVE, true, set_listen, "ADDR:PORT, e.g. 127.0.0.1:8080"},
	{"--open-read", C_SERVE, false, set_open_read, NULL},
	{"--demo", C_SERVE, false, set_demo, NULL},
	{"--quiet", C_SERVE, false, set_quiet, NULL},
	{"--check", C_SERVE, false, set_check, NULL},
	{"--cors-origin", C_SERVE, true, set_cors_origin,
	 "an origin such as https://intranat.kommun.se (at most 16)"},
	{"--log-format", C_SERVE, true, set_log_format, "text or json"},
	{"--threads", C_SERVE, true, set_threads, "1..256"},
	{"--max-body", C_SERVE, true, set_max_body, "BYTES"},
	{"--max-import-body", C_SERVE, true, set_max_import_body, "BYTES"},
	{"--header-limit", C_SERVE, true, set_header_limit, "BYTES"},
	{"--timeout", C_SERVE, true, set_timeout, "SECONDS, 1..3600"},
	{"--max-connections", C_SERVE, true, set_max_connections, "N"},
	{"--max-per-ip", C_SERVE, true, set_max_per_ip, "N"},
	{"--role", C_TOKEN_CREATE, true, set_role, "reader, editor or admin"},
	{"--sensitive", C_TOKEN_CREATE, false, set_sensitive, NULL},
	{"--name", C_TOKEN_CREATE, true, set_name, "TEXT"},
	{"--expires", C_TOKEN_CREATE, true, set_expires, "90d, 12h or YYYY-MM-DD"},
	{"--scope", C_TOKEN_CREATE, true, set_scope,
	 "a municipality code such as 0138, or unit:ID for a unit's subtree"},
	{"--to", C_BACKUP | C_COPY, true, set_to, "FILE"},
	{"--from", C_COPY, true, set_from, "PATH"},
	{NULL, 0, false, NULL, NULL},
};

/* Parses argv[first..] for command @p cmd; returns 0 or the usage exit status. */
static int parse_opts(int argc, char **argv, int first, unsigned cmd, struct opts *o)
{
	char msg[200];
	for (int i = first; i < argc; i++) {
		const struct option *op = options;
		while (op->name && (strcmp(op->name, argv[i]) != 0 || !(op->commands & cmd)))
			op++;
		const char *v = op->name && op->value && i + 1 < argc ? argv[++i] : NULL;
		if (!op->name || (op->value && !v)) {
			snprintf(msg, sizeof msg, "unknown option or missing value: %.60s", argv[i]);
			return usage(msg);
		}
		if (!op->set(o, v)) {
			snprintf(msg, sizeof msg, "%s takes %s, not %.60s", op->name, op->expect, v);
			return usage(msg);
		}
	}
	return 0;
}

/* ==== commands ============================================================================ */

static int load_demo(void)
{
	int loaded = api_demo_load(db_thread());
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

	if (o->demo && load_demo())
		return 1;
	struct server *s = server_start(&o->server);
	if (!s)
		return 1;
	/* a PostgreSQL URL may hold a password: it is never written out */
	fprintf(stderr, "folja: listening on port %u, database %s%s\n", server_port(s),
		db_is_postgres(o->db) ? "on PostgreSQL" : o->db,
		o->server.open_read ? ", open reads" : "");
	sigwait(&set, &sig);
	fprintf(stderr, "folja: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(s);
	return 0;
}

static int cmd_migrate(struct opts *o)
{
	(void)o;
	return 0;   /* opening the database migrated it */
}

static int cmd_demo(struct opts *o)
{
	(void)o;
	return load_demo();
}

/* The unit --scope names: the one unit with that municipality code, or unit:ID.  Prints one
 * line and returns false when there is none (or several). */
static bool scope_unit(const char *scope, int64_t *id)
{
	enum db_rc rc;
	json_t *unit = NULL;
	if (strncmp(scope, "unit:", 5) == 0) {
		*id = strtoll(scope + 5, NULL, 10);
		rc = db_units_get(db_thread(), *id, &unit);
		json_decref(unit);
	} else {
		rc = db_units_with_municipality(db_thread(), scope, id);
	}
	if (rc != DB_OK)
		fprintf(stderr, "folja: --scope %s: %s\n", scope, rc == DB_NOT_FOUND ?
			"no such unit or municipality code" : rc == DB_CONFLICT ?
			"several units have this municipality code; name one as unit:ID" :
			db_rc_name(rc));
	return rc == DB_OK;
}

static int cmd_token_create(struct opts *o)
{
	char token[AUTH_TOKEN_MAX];
	struct token_grant g = {auth_role_parse(o->role), o->sensitive, 0,
				o->expires_at[0] ? o->expires_at : NULL};
	if (!o->role)
		return usage("token create needs --role reader|editor|admin");
	if (o->scope && !scope_unit(o->scope, &g.scope_unit_id))
		return 1;
	enum db_rc rc = auth_token_create(db_thread(), o->name ? o->name : o->role, &g, token);
	if (rc != DB_OK) {
		fprintf(stderr, "folja: could not store the token (%s)\n", db_rc_name(rc));
		return 1;
	}
	printf("%s\n", token);
	return 0;
}

/* The columns `token list` prints, tab-separated, in this order. */
static const char *const list_columns[] = {"id", "name", "role", "sensitive", "scope", "status",
					   "created_at", "last_used_at", "expires_at", NULL};

/* A token's scope as --scope takes it: its municipality code, or unit:ID. */
static void print_scope(const json_t *scope)
{
	const char *mc = json_string_value(json_object_get(scope, "municipality_code"));
	if (mc)
		printf("\t%s", mc);
	else
		printf("\tunit:%lld", (long long)json_integer_value(json_object_get(scope,
										  "unit_id")));
}

static int cmd_token_list(struct opts *o)
{
	json_t *items = json_array();
	int64_t total;
	enum db_rc rc = items ? db_tokens_list(db_thread(), 0, INT64_MAX, 0, items, &total) :
		DB_ERROR;
	if (rc != DB_OK) {
		fprintf(stderr, "folja: could not list the tokens (%s)\n", db_rc_name(rc));
		json_decref(items);
		return 1;
	}
	for (int c = 0; list_columns[c]; c++)
		printf("%s%s", c ? "\t" : "", list_columns[c]);
	printf("\n");
	size_t i;
	json_t *t;
	json_array_foreach(items, i, t) {
		for (int c = 0; list_columns[c]; c++) {
			json_t *v = json_object_get(t, list_columns[c]);
			if (strcmp(list_columns[c], "scope") == 0 && json_is_object(v)) {
				print_scope(v);
				continue;
			}
			char *text = json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY);
			printf("%s%s", c ? "\t" : "", json_is_string(v) ? json_string_value(v) :
			       json_is_null(v) ? "-" : text ? text : "?");
			free(text);
		}
		printf("\n");
	}
	json_decref(items);
	return 0;
}

static int cmd_token_revoke(struct opts *o)
{
	enum db_rc rc = db_tokens_revoke(db_thread(), o->id);
	if (rc != DB_OK) {
		fprintf(stderr, "folja: token %lld %s\n", (long long)o->id, rc == DB_NOT_FOUND ?
			"does not exist or is revoked already" : db_rc_name(rc));
		return 1;
	}
	fprintf(stderr, "folja: token %lld revoked\n", (long long)o->id);
	return 0;
}

static int cmd_token_rotate(struct opts *o)
{
	char token[AUTH_TOKEN_MAX];
	enum db_rc rc = auth_token_rotate(db_thread(), o->id, token);
	if (rc != DB_OK) {
		fprintf(stderr, "folja: token %lld %s\n", (long long)o->id, rc == DB_NOT_FOUND ?
			"does not exist or is revoked" : db_rc_name(rc));
		return 1;
	}
	printf("%s\n", token);
	return 0;
}

static int cmd_backup(struct opts *o)
{
	char why[256];
	if (!o->to)
		return usage("backup needs --to FILE");
	enum db_rc rc = db_backup(db_thread(), o->to, why, sizeof why);
	if (rc != DB_OK) {
		fprintf(stderr, "folja: backup failed: %s\n", why);
		return 1;
	}
	fprintf(stderr, "folja: backed up %s to %s (integrity check ok)\n", o->db, o->to);
	return 0;
}

static int cmd_check(struct opts *o)
{
	char why[256];
	if (db_check_file(o->db, why, sizeof why) != DB_OK) {
		fprintf(stderr, "folja: %s failed its check: %s\n", o->db, why);
		return 1;
	}
	fprintf(stderr, "folja: %s: integrity check ok\n", o->db);
	return 0;
}

/* Copies this process's SQLite database, @p what, into the PostgreSQL database at @p url. */
static int copy_into(const char *url, const char *what)
{
	char why[256];
	long long rows;
	int tables;
	if (db_copy_to_pg(db_thread(), url, &rows, &tables, why) != DB_OK) {
		fprintf(stderr, "folja: copy into PostgreSQL failed: %s\n", why);
		return 1;
	}
	fprintf(stderr, "folja: copied %lld rows of %d tables from %s into PostgreSQL\n", rows,
		tables, what);
	return 0;
}

/* copy: the SQLite file --from (migrated first, as by every command) into PostgreSQL --to. */
static int cmd_copy(struct opts *o)
{
	if (!o->from || !o->to || !db_is_postgres(o->to))
		return usage("copy needs --from PATH --to postgresql://...");
	if (access(o->from, F_OK) != 0) {
		fprintf(stderr, "folja: %s does not exist\n", o->from);
		return 1;
	}
	if (db_open_global(o->from) != 0)
		return 1;
	int rc = copy_into(o->to, o->from);
	db_close_global();
	return rc;
}

/* demo into PostgreSQL: the demo data set built in a temporary SQLite file, then copied
 * across; skipped, as on SQLite, when the database holds data. */
static int demo_into_pg(const char *url)
{
	char dir[] = "/tmp/folja-demo.XXXXXX", path[64], why[256];
	long long rows;
	int tables, rc = 1;
	if (!mkdtemp(dir)) {
		perror("folja: a temporary directory for the demo");
		return 1;
	}
	snprintf(path, sizeof path, "%s/demo.db", dir);
	if (db_open_global(path) == 0 && api_demo_load(db_thread()) >= 0) {
		enum db_rc copied = db_copy_to_pg(db_thread(), url, &rows, &tables, why);
		rc = copied == DB_OK || copied == DB_CONFLICT ? 0 : 1;
		fprintf(stderr, "folja: %s%s\n", copied == DB_OK ? "demo data loaded" :
			copied == DB_CONFLICT ? "database not empty; demo skipped" :
			"loading the demo data failed: ", rc ? why : "");
	}
	db_close_global();
	static const char *const files[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char f[80];
		snprintf(f, sizeof f, "%s%s", path, files[i]);
		unlink(f);
	}
	rmdir(dir);
	return rc;
}

static int cmd_help(struct opts *o)
{
	(void)o;
	printf("usage: folja serve [--db PATH] [--listen ADDR:PORT] [--open-read] [--demo] [--quiet]\n"
	       "                   [--check] [--cors-origin ORIGIN]... [--log-format text|json]\n"
	       "                   [--threads N] [--max-body BYTES] [--max-import-body BYTES]\n"
	       "                   [--header-limit BYTES]\n"
	       "                   [--timeout SECONDS] [--max-connections N] [--max-per-ip N]\n"
	       "       folja migrate [--db PATH|postgresql://...]\n"
	       "       folja demo [--db PATH|postgresql://...]\n"
	       "       folja token create --role reader|editor|admin [--sensitive] [--name TEXT]\n"
	       "                          [--expires 90d|12h|YYYY-MM-DD] [--scope 0138|unit:ID]\n"
	       "                          [--db PATH|postgresql://...]\n"
	       "       folja token list [--db PATH|postgresql://...]\n"
	       "       folja token revoke ID [--db PATH|postgresql://...]\n"
	       "       folja token rotate ID [--db PATH|postgresql://...]\n"
	       "       folja backup --to FILE [--db PATH|postgresql://...]\n"
	       "       folja check [--db PATH]\n"
	       "       folja copy --from PATH --to postgresql://...\n");
	return 0;
}

/* ==== dispatch ============================================================================ */

struct command {
	const char *name;       /* "token revoke" for a token sub-command */
	unsigned bit;
	bool open_db;           /* open (and migrate) the database first */
	bool takes_id;          /* a token id follows the name */
	int (*run)(struct opts *o);
};

static const struct command commands[] = {
	{"serve", C_SERVE, true, false, cmd_serve},
	{"migrate", C_MIGRATE, true, false, cmd_migrate},
	{"demo", C_DEMO, true, false, cmd_demo},
	{"token create", C_TOKEN_CREATE, true, false, cmd_token_create},
	{"token list", C_TOKEN_LIST, true, false, cmd_token_list},
	{"token revoke", C_TOKEN_REVOKE, true, true, cmd_token_revoke},
	{"token rotate", C_TOKEN_ROTATE, true, true, cmd_token_rotate},
	{"backup", C_BACKUP, true, false, cmd_backup},
	{"check", C_CHECK, false, false, cmd_check},
	{"copy", C_COPY, false, false, cmd_copy},
	{"help", 0, false, false, cmd_help},
	{"--help", 0, false, false, cmd_help},
	{NULL, 0, false, false, NULL},
};

/* The command named by argv[1] (and argv[2] for token); *first gets the index after it. */
static const struct command *find_command(int argc, char **argv, int *first)
{
	char name[64];
	bool token = strcmp(argv[1], "token") == 0;
	snprintf(name, sizeof name, "%s%s%.40s", argv[1], token ? " " : "",
		 token && argc > 2 ? argv[2] : "");
	*first = token ? 3 : 2;
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* backup of a PostgreSQL database: pg_dump, its archive read back by pg_restore. */
static int backup_pg(struct opts *o)
{
	char why[256];
	if (!o->to)
		return usage("backup needs --to FILE");
	if (db_pg_backup(o->db, o->to, why) != DB_OK) {
		fprintf(stderr, "folja: backup failed: %s\n", why);
		return 1;
	}
	fprintf(stderr, "folja: backed up the PostgreSQL database to %s (pg_dump custom format,"
		" read back by pg_restore)\n", o->to);
	return 0;
}

/* The commands a PostgreSQL database takes so far; the others refuse it with one line.  The
 * server serves what has its PostgreSQL twins and answers 501 for the rest (api_db_error). */
static int on_postgres(const struct command *c, struct opts *o)
{
	if (c->bit == C_MIGRATE)
		return db_pg_migrate(o->db) == 0 ? 0 : 1;
	if (c->bit == C_DEMO)
		return demo_into_pg(o->db);
	if (c->bit == C_SERVE && o->demo && demo_into_pg(o->db) != 0)
		return 1;
	o->demo = false;   /* loaded above, through SQLite */
	if (c->bit == C_BACKUP)
		return backup_pg(o);
	if (c->bit & (C_SERVE | C_TOKEN_CREATE | C_TOKEN_LIST | C_TOKEN_REVOKE | C_TOKEN_ROTATE)) {
		if (db_open_global(o->db) != 0)
			return 1;
		int rc = c->run(o);
		db_close_global();
		return rc;
	}
	fprintf(stderr, "folja: %s needs a SQLite database for now; a PostgreSQL database can "
		"be migrated, given the demo, copied into, backed up, given tokens and served\n",
		c->name);
	return 1;
}

int folja_cli(int argc, char **argv)
{
	struct opts o = {.db = "./folja.db", .id = 0};
	server_config_defaults(&o.server);
	if (argc < 2)
		return usage("missing command");
	int first, rc;
	char why[256];
	const struct command *c = find_command(argc, argv, &first);
	if (!c) {
		char msg[128];
		snprintf(msg, sizeof msg, "unknown command: %.60s%s", argv[1],
			 strcmp(argv[1], "token") == 0 ? " (token create|list|revoke ID|rotate ID)" : "");
		return usage(msg);
	}
	unsigned long long id;
	if (c->takes_id && (first >= argc || !parse_count(argv[first], INT64_MAX, &id)))
		return usage("a token id is needed, e.g. folja token revoke 7");
	if (c->takes_id)
		o.id = (int64_t)id, first++;
	if ((rc = parse_opts(argc, argv, first, c->bit, &o)) != 0)
		return rc;
	/* serve --check: a damaged file stops the start with one line, before anything opens it */
	if (o.check && access(o.db, F_OK) == 0 && db_check_file(o.db, why, sizeof why) != DB_OK) {
		fprintf(stderr, "folja: %s failed its check: %s\n", o.db, why);
		return 1;
	}
	if (db_is_postgres(o.db))
		return on_postgres(c, &o);
	if (c->open_db && db_open_global(o.db) != 0)
		return 1;
	rc = c->run(&o);
	if (c->open_db)
		db_close_global();
	return rc;
}
