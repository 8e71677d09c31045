/*
 * Prometheus metrics: requests by route and status, a latency histogram, database errors.
 * Recording is lock-free (relaxed atomics); rendering reads a consistent-enough snapshot.
 */
#ifndef FOLJA_METRICS_H
#define FOLJA_METRICS_H

#include <stdint.h>

struct route;

/** Counts one finished request; @p route is NULL for an unrouted one (404/405).  A route that
 *  needs `sensitive` is counted only in the shared (sensitive) series, by status class. */
void metrics_record(const struct route *route, unsigned status, uint64_t duration_ns);
/** Renders the exposition text; returns a malloc'd string the caller frees. */
char *metrics_render(void);

#endif
