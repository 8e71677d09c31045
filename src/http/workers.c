/*
 * The worker pool: see folja/workers.h.  One mutex and one condition guard a FIFO queue;
 * stopping wakes every thread, and each leaves once the queue is empty.
 */
#include <pthread.h>
#include <stdlib.h>

#include "folja/workers.h"

struct workers {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	struct work *head, *tail;      /* the queue; its jobs are borrowed */
	bool stopping;
	unsigned n;                    /* threads started */
	pthread_t thread[];
};

static void *worker(void *arg)
{
	struct workers *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->head && !p->stopping)
			pthread_cond_wait(&p->ready, &p->lock);
		struct work *w = p->head;
		if (!w)
			break;   /* stopping, and nothing is left */
		p->head = w->next;
		if (!p->head)
			p->tail = NULL;
		pthread_mutex_unlock(&p->lock);
		w->run(w);   /* may free w: it is not touched after */
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct workers *workers_start(unsigned n)
{
	struct workers *p = calloc(1, sizeof *p + n * sizeof p->thread[0]);
	if (!p)
		return NULL;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	for (; p->n < n; p->n++)
		if (pthread_create(&p->thread[p->n], NULL, worker, p) != 0) {
			workers_stop(p);
			return NULL;
		}
	return p;
}

void workers_run(struct workers *p, struct work *w)
{
	w->next = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->tail)
		p->tail->next = w;
	else
		p->head = w;
	p->tail = w;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
}

void workers_stop(struct workers *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->lock);
	for (unsigned i = 0; i < p->n; i++)
		pthread_join(p->thread[i], NULL);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
