/*
 * The request log, off the request path (see include/folja/log.h).
 *
 * A worker formats its line into a small buffer of its own, then appends it under a mutex to
 * a shared buffer; one writer thread, woken by the first line of a batch, gathers lines for
 * LOG_FLUSH_MS (or until they pass LOG_WAKE_BYTES), swaps the buffer for an empty one and
 * writes it with one write(2).  A worker never waits for the terminal or the disk and, in the common case,
 * wakes no thread: a signal per line would cost more than the line.  When the writer falls
 * behind by LOG_MAX_PENDING bytes, lines are dropped and counted, and the count is written as
 * a line of its own when the writer catches up.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folja/log.h"
#include "folja/strbuf.h"

#define LOG_MAX_PENDING (1u << 20)
#define LOG_WAKE_BYTES (64u << 10)
#define LOG_FLUSH_MS 100

static struct {
	pthread_mutex_t lock;
	pthread_cond_t more;
	char *buf;              /* owned: pending lines */
	size_t len, cap;
	size_t dropped;         /* lines dropped since the last write */
	bool running, stopping;
	pthread_t writer;
	int fd;
	enum log_format format;
} q = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER, .fd = 2};

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;   /* nowhere to log to: the log is dropped, the server goes on */
		p += w;
		n -= (size_t)w;
	}
}

static void *writer(void *arg)
{
	(void)arg;
	char *mine = NULL;       /* the buffer written last round, empty and reused */
	size_t mine_cap = 0;
	pthread_mutex_lock(&q.lock);
	for (;;) {
		/* Asleep until the first line comes; then a while more, to write a batch. */
		while (!q.len && !q.dropped && !q.stopping)
			pthread_cond_wait(&q.more, &q.lock);
		if (!q.stopping) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += LOG_FLUSH_MS * 1000000L;
			until.tv_sec += until.tv_nsec / 1000000000L;
			until.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&q.more, &q.lock, &until);
		}
		if (!q.len && !q.dropped && q.stopping)
			break;
		char *full = q.buf;
		size_t len = q.len, full_cap = q.cap, dropped = q.dropped;
		q.buf = mine;
		q.cap = mine_cap;
		q.len = 0;
		q.dropped = 0;
		pthread_mutex_unlock(&q.lock);
		write_all(q.fd, full, len);
		if (dropped) {
			char note[96];
			int n = snprintf(note, sizeof note, "folja: %zu log lines dropped (the log "
					 "could not keep up)\n", dropped);
			write_all(q.fd, note, (size_t)n);
		}
		mine = full;
		mine_cap = full_cap;
		pthread_mutex_lock(&q.lock);
	}
	pthread_mutex_unlock(&q.lock);
	free(mine);
	return NULL;
}

bool log_start(enum log_format format, int fd)
{
	q.format = format;
	q.fd = fd;
	q.stopping = false;
	q.running = pthread_create(&q.writer, NULL, writer, NULL) == 0;
	return q.running;
}

void log_stop(void)
{
	if (!q.running)
		return;
	pthread_mutex_lock(&q.lock);
	q.stopping = true;
	pthread_cond_signal(&q.more);
	pthread_mutex_unlock(&q.lock);
	pthread_join(q.writer, NULL);
	q.running = false;
	free(q.buf);
	q.buf = NULL;
	q.len = q.cap = 0;
}

/* Appends @p n bytes of @p line to the pending buffer (under the lock). */
static void append(const char *line, size_t n)
{
	if (q.len + n > LOG_MAX_PENDING) {
		q.dropped++;
		return;
	}
	if (q.len + n > q.cap) {
		size_t cap = q.cap ? q.cap : 4096;
		while (cap < q.len + n)
			cap *= 2;
		char *grown = realloc(q.buf, cap);
		if (!grown) {
			q.dropped++;
			return;
		}
		q.buf = grown;
		q.cap = cap;
	}
	memcpy(q.buf + q.len, line, n);
	q.len += n;
}

/* Copies @p in for the log: control bytes, backslash, quote and bytes >= 0x7f become \xNN (in
 * JSON \u00NN), and long paths are cut, so a client cannot forge log lines (a decoded %0A in
 * the path) or send escape sequences to a terminal. */
static const char *log_safe(const char *in, char *out, size_t cap, bool json)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && n + 7 < cap; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '\\' || *p == '"')
			n += (size_t)snprintf(out + n, cap - n, json ? "\\u%04x" : "\\x%02x", *p);
		else
			out[n++] = (char)*p;
	}
	out[n] = '\0';
	return out;
}

/* Appends @p ms with three decimals, from whole microseconds, without the cost of a
 * floating-point conversion. */
static void put_ms(struct strbuf *b, double ms)
{
	unsigned long long us = (unsigned long long)(ms * 1000.0 + 0.5);
	strbuf_u64(b, us / 1000, 1);
	strbuf_char(b, '.');
	strbuf_u64(b, us % 1000, 3);
}

/* "2026-12-03T09:17:17Z GET /api/v1/units 200 0.042ms reader-x" */
static void line_text(struct strbuf *b, const char *when, const char *method, const char *path,
		      const struct log_entry *e)
{
	strbuf_str(b, when);
	strbuf_char(b, ' ');
	strbuf_str(b, method);
	strbuf_char(b, ' ');
	strbuf_str(b, path);
	strbuf_char(b, ' ');
	strbuf_u64(b, e->status, 1);
	strbuf_char(b, ' ');
	put_ms(b, e->ms);
	strbuf_str(b, "ms ");
	strbuf_str(b, e->token_name && e->token_name[0] ? e->token_name : "-");
	strbuf_str(b, e->aborted ? " (aborted)" : "");
}

/* The same as one JSON object, its strings escaped by log_safe(). */
static void line_json(struct strbuf *b, const char *when, const char *method, const char *path,
		      const struct log_entry *e)
{
	strbuf_str(b, "{\"at\":\"");
	strbuf_str(b, when);
	strbuf_str(b, "\",\"method\":\"");
	strbuf_str(b, method);
	strbuf_str(b, "\",\"path\":\"");
	strbuf_str(b, path);
	strbuf_str(b, "\",\"status\":");
	strbuf_u64(b, e->status, 1);
	strbuf_str(b, ",\"ms\":");
	put_ms(b, e->ms);
	strbuf_str(b, ",\"token_id\":");
	strbuf_i64(b, e->token_id);
	strbuf_str(b, e->aborted ? ",\"aborted\":true}" : ",\"aborted\":false}");
}

void log_request(const struct log_entry *e)
{
	/* the second's timestamp, formatted once per second and thread */
	static _Thread_local char when[32];
	static _Thread_local time_t when_t = -1;
	char method[64], path[1024], line[1400];
	time_t t = time(NULL);
	struct tm tm;
	bool json = q.format == LOG_JSON;
	if (t != when_t) {
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		when_t = t;
	}
	log_safe(e->method ? e->method : "-", method, sizeof method, json);
	log_safe(e->path ? e->path : "-", path, sizeof path, json);
	struct strbuf b = strbuf_of(line, sizeof line);
	(json ? line_json : line_text)(&b, when, method, path, e);
	/* a line cut short still ends in a newline, so the next one starts on its own */
	if (b.len == sizeof line - 1)
		b.len--;
	line[b.len++] = '\n';
	size_t len = b.len;
	if (!q.running) {
		write_all(q.fd, line, len);
		return;
	}
	pthread_mutex_lock(&q.lock);
	bool first = q.len == 0;
	append(line, len);
	if (first || q.len >= LOG_WAKE_BYTES)
		pthread_cond_signal(&q.more);
	pthread_mutex_unlock(&q.lock);
}
