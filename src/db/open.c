/*
 * The database file: opening it, migrating it, loading the demo, backing it up and checking it.
 *
 * Opening refuses, with one line naming the reason, what would otherwise fail later or half
 * way: a file that is not SQLite, a SQLite file of another application (tables but no Följa
 * schema version), a file that cannot be written, a schema newer than this program.  The file
 * holds the registers and the token hashes, so a new database is created owner-only (0600)
 * before SQLite opens it; SQLite gives the -wal and -shm files the mode of the database file,
 * so they follow.  An existing file keeps the mode its owner gave it.
 *
 * Migrations are the embedded files sql/NNNN-name.sql, applied in order; PRAGMA user_version
 * records the last one applied, so a database is migrated exactly once per file, each file in
 * its own transaction.  A backup is VACUUM INTO a new owner-only file, which reads one
 * consistent snapshot while the server goes on writing, and is then checked like any file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folja/db.h"
#include "folja/embed.h"

#include "pg.h"
#include "sql.h"

#define WHY 256

/* Creates @p path empty with mode 0600 unless it exists (O_EXCL: a file made meanwhile by
 * another process is left alone).  0, or -1 with the reason in @p why. */
static int create_owner_only(const char *path, char *why)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0 && close(fd) == 0)
		return 0;
	if (fd < 0 && errno == EEXIST)
		return 0;
	snprintf(why, WHY, "cannot be created: %s", strerror(errno));
	return -1;
}

/* A file that exists must be empty (new) or begin with SQLite's header. */
static int is_sqlite_file(const char *path, char *why)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, WHY, "cannot be read: %s", strerror(errno));
		return -1;
	}
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0 || (n == (ssize_t)sizeof head && memcmp(head, magic, sizeof head) == 0))
		return 0;
	snprintf(why, WHY, "is not a SQLite database");
	return -1;
}

/* The file must be writable by this process.  SQLite would open it read-only anyway, and a
 * database in WAL mode on a read-only mount then fails to open with a message that does not
 * say why. */
static int is_writable(const char *path, char *why)
{
	if (access(path, W_OK) == 0)
		return 0;
	snprintf(why, WHY, "is read-only (%s)", strerror(errno));
	return -1;
}

static const char sql_user_version[] = "PRAGMA user_version";
static const char sql_tables[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

/* The highest migration number embedded. */
static int latest_migration(void);

/* A database this program may migrate: a new one, or one of Följa's of a version it knows. */
static int is_ours(struct db *db, int64_t *have, char *why)
{
	int64_t tables = 0;
	enum db_rc rc = db_int_one(db, db_stmt(db, sql_user_version), have);
	if (rc == DB_OK)
		rc = db_int_one(db, db_stmt(db, sql_tables), &tables);
	if (rc == DB_CORRUPT || rc == DB_ERROR) {
		snprintf(why, WHY, "is corrupt or not a database (%s)", db_rc_name(rc));
		return -1;
	}
	if (rc != DB_OK) {
		snprintf(why, WHY, "cannot be read (%s)", db_rc_name(rc));
		return -1;
	}
	if (*have == 0 && tables > 0) {
		snprintf(why, WHY, "holds another application's tables (no Följa schema version)");
		return -1;
	}
	if (*have > latest_migration()) {
		snprintf(why, WHY, "has schema version %lld, newer than this program's %d",
			 (long long)*have, latest_migration());
		return -1;
	}
	return 0;
}

/* ==== migrations ========================================================================== */

/* The number of an embedded "sql/NNNN-name.sql", or 0 when @p name is not a migration. */
static int migration_number(const char *name)
{
	if (strncmp(name, "sql/", 4) != 0 || name[4] < '0' || name[4] > '9')
		return 0;
	return atoi(name + 4);
}

static int latest_migration(void)
{
	int max = 0;
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++)
		if (migration_number(e->name) > max)
			max = migration_number(e->name);
	return max;
}

/* A migration that rebuilds a table others refer to begins with this line: it runs with
 * foreign keys off (SQLite ignores the pragma inside a transaction, and dropping the old
 * table would otherwise trip or cascade the references), and every reference is checked
 * before it commits. */
static const char fk_off_marker[] = "-- folja: foreign keys off\n";

/* The number of rows PRAGMA foreign_key_check finds (each a broken reference); -1 when the
 * check cannot run. */
static int broken_references(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int n = 0, rc;
	if (sqlite3_prepare_v2(db_handle(db), "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* Runs migration @p f and records @p n in the open transaction; 0, or -1 with @p err. */
static int apply_body(struct db *db, const struct folja_embedded *f, int n, bool fk_off,
		      char *err, size_t cap)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", n);
	if (db_exec_script(db, f->data, err, cap) != 0 || db_exec_script(db, pragma, err, cap) != 0)
		return -1;
	int broken = fk_off ? broken_references(db) : 0;
	if (broken != 0) {
		snprintf(err, cap, "%d references broken", broken);
		return -1;
	}
	return 0;
}

/* Applies migration @p f as number @p n in its own transaction. */
static int apply(struct db *db, const struct folja_embedded *f, int n, char *why)
{
	char err[160];
	bool fk_off = strncmp(f->data, fk_off_marker, sizeof fk_off_marker - 1) == 0;
	int rc = -1;
	if (fk_off && db_exec_script(db, "PRAGMA foreign_keys=OFF", err, sizeof err) != 0) {
		snprintf(why, WHY, "migration %s failed: %s", f->name, err);
		return -1;
	}
	if (db_exec_script(db, "BEGIN IMMEDIATE", err, sizeof err) != 0) {
		snprintf(why, WHY, "cannot be written: %s", err);
	} else if (apply_body(db, f, n, fk_off, err, sizeof err) != 0 ||
		   db_exec_script(db, "COMMIT", err, sizeof err) != 0) {
		snprintf(why, WHY, "migration %s failed: %s", f->name, err);
		db_exec_script(db, "ROLLBACK", NULL, 0);
	} else {
		rc = 0;
	}
	if (fk_off)
		db_exec_script(db, "PRAGMA foreign_keys=ON", NULL, 0);
	return rc;
}

static int migrate(struct db *db, int64_t have, char *why)
{
	/* Apply in number order whatever the listing order.  The numbers run without gaps: a
	 * gap would let a database skip a migration for good. */
	for (int want = (int)have + 1; want <= latest_migration(); want++) {
		const struct folja_embedded *f = NULL;
		for (const struct folja_embedded *e = folja_embedded_files; e->name; e++)
			if (migration_number(e->name) == want)
				f = e;
		if (!f) {
			snprintf(why, WHY, "migration %d is missing from this program", want);
			return -1;
		}
		if (apply(db, f, want, why) != 0)
			return -1;
	}
	return 0;
}

/* db_open_global for a PostgreSQL URL: this thread's connection, the schema migrated. */
static int open_postgres(const char *url)
{
	char why[WHY] = "";
	struct db *db = db_open_path(url, why, sizeof why);
	if (db && pg_migrate_locked(db_pg(db), why) == 0)
		return 0;
	fprintf(stderr, "folja: PostgreSQL: %s\n", why);   /* not the URL: it may hold a password */
	db_close_global();
	return -1;
}

int db_open_global(const char *path)
{
	char why[WHY] = "";
	if (db_is_postgres(path))
		return open_postgres(path);
	int64_t have = 0;
	/* Memory statistics take a global mutex on every allocation, which serialises the worker
	 * threads; Följa never reads them.  Only possible before SQLite initialises; harmless after. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	struct db *db = NULL;
	if (create_owner_only(path, why) == 0 && is_sqlite_file(path, why) == 0 &&
	    is_writable(path, why) == 0 && (db = db_open_path(path, why, sizeof why)) != NULL) {
		if (sqlite3_db_readonly(db_handle(db), "main") == 1)
			snprintf(why, sizeof why, "is read-only");
		else if (is_ours(db, &have, why) == 0 && migrate(db, have, why) == 0)
			return 0;
	}
	fprintf(stderr, "folja: %s %s\n", path, why[0] ? why : "cannot be opened");
	return -1;
}

/* ==== demo ================================================================================ */

static const char sql_units_any[] = "SELECT count(*) FROM units";

int db_load_demo(struct db *db)
{
	int64_t n = 0;
	char why[WHY];
	if (db_int_one(db, db_stmt(db, sql_units_any), &n) != DB_OK)
		return -1;
	if (n > 0)
		return 0;
	if (db_exec_script(db, "BEGIN IMMEDIATE", why, sizeof why) != 0)
		return -1;
	/* The demo scripts are applied in the order sql/meson.build lists them. */
	for (const struct folja_embedded *e = folja_embedded_files; e->name; e++) {
		if (strncmp(e->name, "sql/demo/", 9) != 0)
			continue;
		if (db_exec_script(db, e->data, why, sizeof why) != 0) {
			fprintf(stderr, "folja: demo script %s failed: %s\n", e->name, why);
			db_exec_script(db, "ROLLBACK", NULL, 0);
			return -1;
		}
	}
	if (db_exec_script(db, "UPDATE versions SET data = data + 1; COMMIT", why, sizeof why))
		return -1;
	return 1;
}

/* ==== backup and check ==================================================================== */

/* Copies SQLite's report @p text into @p why as one line: its "*** in database main ***"
 * heading left out, its lines joined by "; " (callers print it as a one-line message). */
static void one_line(const char *text, char *why, size_t cap)
{
	static const char heading[] = "*** in database main ***\n";
	size_t n = 0;
	if (strncmp(text, heading, sizeof heading - 1) == 0)
		text += sizeof heading - 1;
	for (; *text && n + 3 < cap; text++) {
		if (*text != '\n') {
			why[n++] = *text;
		} else if (text[1]) {
			why[n++] = ';';
			why[n++] = ' ';
		}
	}
	why[n] = '\0';
}

/* Runs PRAGMA integrity_check on @p h; 0 when the answer is "ok", else -1 with its first row
 * (or the error) in @p why, as one line. */
static int integrity(sqlite3 *h, char *why, size_t cap)
{
	sqlite3_stmt *st = NULL;
	int s = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
	if (s == SQLITE_OK)
		s = sqlite3_step(st);
	const char *first = s == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int ok = first && strcmp(first, "ok") == 0 ? 0 : -1;
	one_line(first ? first : sqlite3_errmsg(h), why, cap);
	sqlite3_finalize(st);
	return ok;
}

enum db_rc db_check_file(const char *path, char *why, size_t cap)
{
	sqlite3 *h = NULL;
	char head[WHY] = "";
	if (is_sqlite_file(path, head) != 0) {
		snprintf(why, cap, "%s", head);
		return DB_CORRUPT;
	}
	int s = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	enum db_rc rc = DB_OK;
	if (s != SQLITE_OK) {
		snprintf(why, cap, "cannot be opened: %s", sqlite3_errstr(s));
		rc = DB_ERROR;
	} else if (integrity(h, why, cap) != 0) {
		rc = DB_CORRUPT;
	}
	sqlite3_close(h);
	return rc;
}

static const char sql_vacuum_into[] = "VACUUM INTO ?1";

enum db_rc db_backup(struct db *db, const char *to, char *why, size_t cap)
{
	char err[WHY] = "";
	struct stat sb;
	if (stat(to, &sb) == 0) {
		snprintf(why, cap, "%s exists; a backup never overwrites a file", to);
		return DB_CONFLICT;
	}
	if (create_owner_only(to, err) != 0) {
		snprintf(why, cap, "%s %s", to, err);
		return DB_ERROR;
	}
	sqlite3_stmt *st = db_stmt(db, sql_vacuum_into);
	int s = st ? (db_bind_text(st, 1, to), sqlite3_step(st)) : SQLITE_ERROR;
	snprintf(why, cap, "%s", s == SQLITE_DONE ? "" : sqlite3_errmsg(db_handle(db)));
	enum db_rc rc = s == SQLITE_DONE ? DB_OK : st ? db_rc_from(db, s) : DB_ERROR;
	db_done(st);
	if (rc == DB_OK && db_check_file(to, err, sizeof err) != DB_OK) {
		snprintf(why, cap, "the copy failed its check: %s", err);
		rc = DB_CORRUPT;
	}
	if (rc != DB_OK)
		unlink(to);
	return rc;
}
