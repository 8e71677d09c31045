/*
 * A pool of threads for the work a request's event thread must not wait on.
 *
 * The server's event threads (one per processor) read requests and send replies, and answer
 * at once what needs no query: a memoised reply, a 304, a refusal.  Everything else (a
 * handler that reads or writes the database) is handed to this pool, its connection
 * suspended meanwhile, so a slow report or a write waiting for the lock holds up no other
 * connection.  Jobs are intrusive (struct work lives in the request), so handing one over
 * allocates nothing.
 */
#ifndef FOLJA_WORKERS_H
#define FOLJA_WORKERS_H

#include <stdbool.h>

struct work {
	void (*run)(struct work *w);   /* called once, on a pool thread */
	struct work *next;             /* the queue's; the pool's while queued */
};

struct workers;

/** Starts @p n threads (1..256) taking jobs in the order they are given.  NULL when they
 *  cannot all start. */
struct workers *workers_start(unsigned n);
/** Queues @p w (borrowed until its run() is called) to run on a pool thread. */
void workers_run(struct workers *p, struct work *w);
/** Runs what is queued, then joins the threads and frees @p p.  Accepts NULL. */
void workers_stop(struct workers *p);

#endif
