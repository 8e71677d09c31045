/*
 * Request counters per (route, status) and one latency histogram, kept in fixed arrays of
 * atomics so recording costs a few relaxed increments and no lock.  Statuses outside the set
 * below are counted as "other", which keeps the arrays small and bounded.
 *
 * /metrics is public, so it must not tell anyone when a register is written or read: a 201 on
 * POST /lex-sarah-reports is a report filed.  Routes that need `sensitive` (ACCESS_READ_SENSITIVE,
 * ACCESS_EDIT_SENSITIVE) are therefore never counted per route.  They share one series,
 * route="(sensitive)" with method="*", and their status is kept only as its class (2xx, 4xx,
 * 5xx; a 304 counts as 2xx), so neither the register, nor read against write, nor created
 * against refused can be read off it.  The three series are always present, at 0 too.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folja/route.h"
#include "folja/db.h"
#include "folja/metrics.h"

#define MAX_ROUTES 128

static const unsigned statuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 412,
				    413, 415, 422, 500, 503, 0 /* other */};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

static const double buckets_ms[] = {0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000};
#define NBUCKET (sizeof buckets_ms / sizeof buckets_ms[0])

/* The status classes the sensitive routes are folded into. */
static const char *const classes[] = {"2xx", "4xx", "5xx"};
#define NCLASS (sizeof classes / sizeof classes[0])

static atomic_uint_fast64_t counts[MAX_ROUTES + 1][NSTATUS];   /* last row: unrouted */
static atomic_uint_fast64_t sensitive[NCLASS];                  /* by class, all such routes */
static atomic_uint_fast64_t hist[NBUCKET + 1];                  /* last: +Inf */
static atomic_uint_fast64_t sum_us;

static size_t status_index(unsigned status)
{
	for (size_t i = 0; i + 1 < NSTATUS; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

static bool is_sensitive(const struct route *route)
{
	return route && (route->access == ACCESS_READ_SENSITIVE ||
			 route->access == ACCESS_EDIT_SENSITIVE);
}

/* 2xx for anything below 400 (a sensitive route answers no 1xx or 3xx but 304), else 4xx or
 * 5xx. */
static size_t class_index(unsigned status)
{
	return status < 400 ? 0 : status < 500 ? 1 : 2;
}

void metrics_record(const struct route *route, unsigned status, uint64_t duration_ns)
{
	if (is_sensitive(route)) {
		atomic_fetch_add_explicit(&sensitive[class_index(status)], 1, memory_order_relaxed);
	} else {
		size_t ri = route ? (size_t)(route - folja_routes) : MAX_ROUTES;
		if (ri >= MAX_ROUTES)  /* a table beyond MAX_ROUTES would count as unmatched */
			ri = MAX_ROUTES;
		atomic_fetch_add_explicit(&counts[ri][status_index(status)], 1,
					  memory_order_relaxed);
	}
	double ms = duration_ns / 1e6;
	size_t b = 0;
	while (b < NBUCKET && ms > buckets_ms[b])
		b++;
	atomic_fetch_add_explicit(&hist[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_us, duration_ns / 1000, memory_order_relaxed);
}

/* A growable string; on allocation failure it stays NULL and the caller replies 503. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		if (!b->s && b->cap)
			return;
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
		char *grown = realloc(b->s, cap);
		if (!grown) {
			free(b->s);
			b->s = NULL;
			b->cap = 1;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
}

char *metrics_render(void)
{
	struct buf b = {0};
	put(&b, "# HELP folja_requests_total Requests by route and status (routes that need "
		"sensitive: one series by status class).\n"
		"# TYPE folja_requests_total counter\n");
	for (size_t r = 0; r <= MAX_ROUTES; r++) {
		if (r < MAX_ROUTES && r >= folja_route_count)
			continue;
		for (size_t s = 0; s < NSTATUS; s++) {
			uint64_t n = atomic_load_explicit(&counts[r][s], memory_order_relaxed);
			if (!n)
				continue;
			char st[16];
			if (statuses[s])
				snprintf(st, sizeof st, "%u", statuses[s]);
			else
				snprintf(st, sizeof st, "other");
			if (r == MAX_ROUTES)
				put(&b, "folja_requests_total{route=\"unmatched\",status=\"%s\"} %llu\n",
				    st, (unsigned long long)n);
			else
				put(&b, "folja_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %llu\n",
				    folja_routes[r].method, folja_routes[r].pattern, st,
				    (unsigned long long)n);
		}
	}
	for (size_t c = 0; c < NCLASS; c++)
		put(&b, "folja_requests_total{method=\"*\",route=\"(sensitive)\",status=\"%s\"} "
			"%llu\n", classes[c], (unsigned long long)atomic_load_explicit(
				&sensitive[c], memory_order_relaxed));
	put(&b, "# HELP folja_request_duration_seconds Time from first byte to reply.\n"
		"# TYPE folja_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t i = 0; i <= NBUCKET; i++) {
		cum += atomic_load_explicit(&hist[i], memory_order_relaxed);
		if (i < NBUCKET)
			put(&b, "folja_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			    buckets_ms[i] / 1000, (unsigned long long)cum);
		else
			put(&b, "folja_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			    (unsigned long long)cum);
	}
	put(&b, "folja_request_duration_seconds_sum %.6f\n"
		"folja_request_duration_seconds_count %llu\n",
	    atomic_load(&sum_us) / 1e6, (unsigned long long)cum);
	put(&b, "# HELP folja_db_errors_total Database errors and lock time-outs.\n"
		"# TYPE folja_db_errors_total counter\nfolja_db_errors_total %llu\n",
	    (unsigned long long)db_error_count());
	put(&b, "# HELP folja_wal_checkpoints_total Checkpoints of the write-ahead log run off the"
		" request path.\n# TYPE folja_wal_checkpoints_total counter\n"
		"folja_wal_checkpoints_total %llu\n", (unsigned long long)db_checkpoint_count());
	return b.s;
}
