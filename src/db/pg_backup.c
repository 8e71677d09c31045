/*
 * folja backup of a PostgreSQL database: PostgreSQL's own pg_dump, then pg_restore reading the
 * whole archive back, so a backup that reports success can be restored.
 *
 * pg_dump writes the custom format (compressed, restorable table by table with pg_restore)
 * in one snapshot, while servers go on writing.  The URL never reaches a command line, where
 * `ps` would show a password: it is taken apart by libpq (PQconninfoParse) and each of its
 * parameters handed to the child in the environment variable libpq reads for it (PGHOST,
 * PGPASSWORD, ...).  pg_dump and pg_restore are found on PATH and must be of the server's
 * major version or newer (Debian's postgresql-client).  As for SQLite, a backup never
 * overwrites a file, and one that fails its check is removed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "folja/db.h"

#include "pg.h"

/* Runs @p argv with the parameters of @p url in libpq's environment variables, its stdout to
 * /dev/null; 0 when it exits 0, else -1 with the reason in @p why. */
static int run_with(const char *url, char *const argv[], char *why)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &err);
	if (!opts) {
		pg_one_line(err ? err : "the URL cannot be read", why);
		PQfreemem(err);
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		for (PQconninfoOption *o = opts; o->keyword; o++)
			if (o->val && o->envvar)
				setenv(o->envvar, o->val, 1);
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "folja: %s: cannot be run (is postgresql-client installed?)\n",
			argv[0]);
		_exit(127);
	}
	PQconninfoFree(opts);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		snprintf(why, PG_WHY, "%s could not be started", argv[0]);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(why, PG_WHY, "%s failed (its message above)", argv[0]);
		return -1;
	}
	return 0;
}

enum db_rc db_pg_backup(const char *url, const char *to, char why[256])
{
	struct stat sb;
	if (stat(to, &sb) == 0) {
		snprintf(why, PG_WHY, "%s exists; a backup never overwrites a file", to);
		return DB_CONFLICT;
	}
	char *dump[] = {"pg_dump", "--format=custom", "--no-password", "--file", (char *)to, NULL};
	char *check[] = {"pg_restore", "--file=/dev/null", (char *)to, NULL};
	mode_t old = umask(077);         /* the archive holds register text: owner only */
	int rc = run_with(url, dump, why);
	umask(old);
	if (rc == 0 && run_with(url, check, why) != 0) {
		char err[PG_WHY];
		snprintf(err, sizeof err, "the archive failed its check: %s", why);
		memcpy(why, err, sizeof err);
		rc = -1;
	}
	if (rc != 0)
		unlink(to);
	return rc == 0 ? DB_OK : DB_ERROR;
}
