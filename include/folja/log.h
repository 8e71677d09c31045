/*
 * The request log: one line per request, as text (`AT METHOD PATH STATUS MSms TOKEN`) or as
 * JSON for log shippers (`--log-format json`: {at, method, path, status, ms, token_id,
 * aborted}).  Lines are handed to one writer thread and written in batches, so logging costs
 * a request a format and a short critical section, never a write to a slow terminal.  Paths
 * are escaped so a client cannot forge lines.
 */
#ifndef FOLJA_LOG_H
#define FOLJA_LOG_H

#include <stdbool.h>
#include <stdint.h>

enum log_format { LOG_TEXT, LOG_JSON };

struct log_entry {
	const char *method;      /* borrowed */
	const char *path;        /* borrowed, the decoded path */
	unsigned status;
	double ms;
	int64_t token_id;        /* 0 when anonymous */
	const char *token_name;  /* borrowed; "" when anonymous */
	bool aborted;            /* the connection ended before the reply was sent */
};

/** Starts the writer thread writing to @p fd.  False when it cannot (lines are then written
 *  directly). */
bool log_start(enum log_format format, int fd);
/** Writes what is pending and stops the writer.  Accepts a log never started. */
void log_stop(void);
/** Logs one request (copies what it needs). */
void log_request(const struct log_entry *e);

#endif
