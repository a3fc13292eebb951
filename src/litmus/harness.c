/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/harness.c - the litmus harness (src/litmus/harness.h).
 *
 * Litmus7-style: a batch is an array of instances, each instance's
 * locations on lines of their own (128 bytes apart, past the
 * adjacent-line prefetcher) or all on one line (--layout same-line).
 * Per batch, every thread (pinned through src/platform/topo.c):
 *   1. meets the others; the last to arrive decides the batch (size, the
 *      schedule step delta, stop at the iteration count or time limit);
 *   2. reads every line of the batch, so that each is shared in every
 *      cache: a store then waits for an upgrade while the other thread's
 *      load hits, which is what opens store-buffer reorderings wide;
 *   3. meets again; the last to arrive publishes T0 = now + margin;
 *   4. runs the compiled loop (src/litmus/rt.h): instance i at
 *      T0 + i*delta + jitter on the counter (--sync timebase), or after a
 *      per-instance flag handshake (--sync spin);
 *   5. meets, then tallies and resets its share of the instances: the
 *      state (all registers, then the locations the condition names) goes
 *      into a per-thread hash histogram; merged at the end.
 * Delta adapts to what the slowest thread needs per instance (see
 * adapt_delta); jitter varies per batch, so the race window is explored.  Every wait is bounded:
 * pause, then sched_yield (two busy threads on two vCPUs starve
 * otherwise), then a deadline after which the run is abandoned, visibly.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "barrier/counter.h"
#include "litmus/harness.h"
#include "litmus/litmus.h"
#include "platform/stop.h"
#include "platform/topo.h"
#include "result/result.h"

#define LINE			128	/* spacing: two 64-byte lines, past the pair prefetcher */
#define BATCH_BYTES		(256 * 1024)	/* instance lines per batch: well inside L2 */
#define MAX_BATCH		4096u
#define DELTA_START		256	/* counter ticks between instances, first guess */
#define DELTA_MIN		MB_HARNESS_DELTA_MIN
#define DELTA_MAX		(1ull << 26)	/* ~25 ms: membarrier in a VM is ~40 us */
#define BATCH_S			0.02	/* a batch lasts at most this long, scheduled */
#define MARGIN_TICKS		4000	/* T0 ahead of now: the others see it in ~1 us */
#define MAX_KEY			(LT_MAX_THREADS * LT_MAX_REGS + LT_MAX_LOCS)

/* One batch barrier, sense by generation; the last arriver runs a callback. */
struct meet {
	_Alignas(128) unsigned count;
	_Alignas(128) unsigned gen;
};

struct run;

struct worker {
	pthread_t th;
	struct run *run;
	int tid, pu;
	struct lt_thr thr;
	int *outbuf;		/* nregs * batch ints, this thread's registers */
	struct mb_hist hist;
	char err[256];
	int pin_failed;
};

struct run {
	/* the test */
	const struct lt_test *t;
	const struct lt_variant *v;
	int nthreads, sync;
	int cond_locs[LT_MAX_LOCS], ncond_locs;
	int klen;
	/* memory */
	char *mem;
	long si, sl;
	int lines_per_inst;
	unsigned batch;
	/* control, written by the last arriver of a meeting */
	struct meet meet;
	_Alignas(128) volatile int abort;
	volatile int stop;
	unsigned n;		/* instances in the current batch */
	uint64_t t0, delta, seq;
	uint32_t jmask;
	uint64_t done, target;
	uint64_t start_ticks, limit_ticks, deadline;
	uint64_t batches, late_batches;
	double hz;
	volatile uint64_t *flags;	/* spin sync */
	struct worker *w;
	unsigned long seed;
};

/* Wait for every thread; the last runs cb.  -1 on abort or deadline. */
static int meet(struct run *rn, void (*cb)(struct run *))
{
	unsigned gen = __atomic_load_n(&rn->meet.gen, __ATOMIC_ACQUIRE);
	unsigned long spins = 0;

	if (__atomic_add_fetch(&rn->meet.count, 1, __ATOMIC_ACQ_REL) == (unsigned)rn->nthreads) {
		__atomic_store_n(&rn->meet.count, 0, __ATOMIC_RELAXED);
		if (cb)
			cb(rn);
		__atomic_store_n(&rn->meet.gen, gen + 1, __ATOMIC_RELEASE);
		return rn->abort ? -1 : 0;
	}
	while (__atomic_load_n(&rn->meet.gen, __ATOMIC_ACQUIRE) == gen) {
		mb_cpu_relax();
		if (++spins < 2000)
			continue;
		sched_yield();	/* the other thread may share this PU */
		if ((spins & 63) == 0 && (rn->abort || mb_counter_read() > rn->deadline)) {
			rn->abort = 1;
			return -1;
		}
	}
	return rn->abort ? -1 : 0;
}

/* ---- one batch -------------------------------------------------------- */

static inline int *loc_ptr(const struct run *rn, unsigned i, int k)
{
	return (int *)(rn->mem + (long)i * rn->si + (long)k * rn->sl);
}

/*
 * The schedule step: a little more than the slowest thread needs per
 * instance, measured: the batch's span less the time spent waiting for
 * the schedule, over the instances.  (Counting late instances instead
 * misleads: a thread preempted by another process is late on a run of
 * instances whatever delta is.)  Moves at most x4 up, /2 down a batch, so
 * one preempted batch costs one slow batch.
 */
static void adapt_delta(struct run *rn)
{
	uint64_t need = 0, want;

	for (int t = 0; t < rn->nthreads; t++) {
		const struct lt_thr *th = &rn->w[t].thr;
		uint64_t span = th->end > rn->t0 ? th->end - rn->t0 : 0;
		uint64_t busy = span > th->slack ? span - th->slack : 0;

		if (busy / rn->n > need)
			need = busy / rn->n;
		if (th->late * 2 > rn->n)
			rn->late_batches++;
	}
	want = need + need / 4 + 16;
	if (want > 4 * rn->delta)
		want = 4 * rn->delta;
	if (want < rn->delta / 2)
		want = rn->delta / 2;
	rn->delta = want < DELTA_MIN ? DELTA_MIN : want > DELTA_MAX ? DELTA_MAX : want;
}

/* Last arriver before a batch: book the previous one, plan the next. */
static void plan_batch(struct run *rn)
{
	uint64_t now = mb_counter_read();

	if (rn->n) {
		rn->done += rn->n;
		rn->seq += rn->n;
		rn->batches++;
		if (rn->sync == LT_SYNC_TIMEBASE)
			adapt_delta(rn);
		for (int t = 0; t < rn->nthreads; t++)
			if (rn->w[t].thr.aborted)
				rn->abort = 1;
	}
	if (rn->abort || rn->done >= rn->target || now - rn->start_ticks >= rn->limit_ticks ||
	    mb_stop_requested()) {
		rn->n = 0;
		rn->stop = 1;
		return;
	}
	rn->n = rn->target - rn->done < rn->batch ? (unsigned)(rn->target - rn->done) : rn->batch;
	/* slow bodies (membarrier) get short batches: the time limit stays a limit */
	if (rn->sync == LT_SYNC_TIMEBASE && rn->n > 16 && (double)rn->n * (double)rn->delta > BATCH_S * rn->hz)
		rn->n = (unsigned)(BATCH_S * rn->hz / (double)rn->delta) > 16 ?
			(unsigned)(BATCH_S * rn->hz / (double)rn->delta) : 16;
	/* explore the race window: per-instance jitter up to 0, 15 or 63 ticks */
	rn->jmask = (uint32_t[]){ 0, 15, 0, 63 }[rn->batches & 3];
}

static void publish_t0(struct run *rn)
{
	rn->t0 = mb_counter_read() + MARGIN_TICKS;
}

static void tally(struct worker *w)
{
	struct run *rn = w->run;
	const struct lt_test *t = rn->t;
	unsigned lo = (unsigned)((uint64_t)rn->n * (unsigned)w->tid / (unsigned)rn->nthreads);
	unsigned hi = (unsigned)((uint64_t)rn->n * (unsigned)(w->tid + 1) / (unsigned)rn->nthreads);
	int key[MAX_KEY], last[MAX_KEY];
	uint64_t run_count = 0;

	for (unsigned i = lo; i < hi; i++) {
		int k = 0;

		for (int th = 0; th < rn->nthreads; th++)
			for (int j = 0; j < t->threads[th].nregs; j++)
				key[k++] = rn->w[th].thr.out[j][i];
		for (int c = 0; c < rn->ncond_locs; c++)
			key[k++] = *(volatile int *)loc_ptr(rn, i, rn->cond_locs[c]);
		for (int l = 0; l < t->nlocs; l++)
			*loc_ptr(rn, i, l) = t->init[l];
		/* runs of the same state are common: count them before hashing */
		if (run_count && !memcmp(key, last, sizeof(int) * (size_t)rn->klen)) {
			run_count++;
			continue;
		}
		if (run_count)
			mb_hist_add(&w->hist, last, run_count);
		memcpy(last, key, sizeof(int) * (size_t)rn->klen);
		run_count = 1;
	}
	if (run_count)
		mb_hist_add(&w->hist, last, run_count);
}

static void preread(const struct run *rn)
{
	int sink = 0;

	for (unsigned i = 0; i < rn->n; i++)
		for (int k = 0; k < rn->lines_per_inst; k++)
			sink += *(volatile int *)loc_ptr(rn, i, k);
	(void)sink;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *rn = w->run;
	struct lt_thr *thr = &w->thr;

	if (w->pu >= 0 && mb_topo_pin_self(w->pu, w->err, sizeof(w->err)))
		w->pin_failed = 1;
	if (meet(rn, NULL))
		return NULL;
	for (int t = 0; t < rn->nthreads; t++)
		if (rn->w[t].pin_failed)
			return NULL;
	for (;;) {
		if (meet(rn, plan_batch) || rn->stop)
			break;
		preread(rn);
		if (meet(rn, publish_t0))
			break;
		thr->n = rn->n;
		thr->t0 = rn->t0;
		thr->delta = rn->delta;
		thr->jmask = rn->jmask;
		thr->seq = rn->seq;
		thr->late = 0;
		rn->v->fn[w->tid](thr);
		if (meet(rn, NULL))
			break;
		tally(w);
	}
	return NULL;
}

int mb_harness_state_len(const struct lt_test *t)
{
	int klen = t->ncond_locs;

	for (int th = 0; th < t->nthreads; th++)
		klen += t->threads[th].nregs;
	return klen;
}

int mb_harness_run(const struct mb_harness_cfg *cfg, struct mb_harness_out *out)
{
	const struct lt_test *t = cfg->t;
	struct run rn;
	int rc = 0, started = 0;
	double t_start;
	size_t memsize;

	memset(out, 0, sizeof(*out));
	out->pin_failed = -1;
	memset(&rn, 0, sizeof(rn));
	rn.t = t;
	rn.v = cfg->v;
	rn.nthreads = t->nthreads;
	rn.sync = cfg->sync;
	rn.hz = cfg->hz;
	rn.ncond_locs = t->ncond_locs;
	memcpy(rn.cond_locs, t->cond_locs, sizeof(rn.cond_locs));
	rn.klen = mb_harness_state_len(t);
	if (cfg->same_line) {
		rn.sl = sizeof(int);
		rn.si = LINE;
		rn.lines_per_inst = 1;
	} else {
		rn.sl = LINE;
		rn.si = (long)LINE * (t->nlocs ? t->nlocs : 1);
		rn.lines_per_inst = t->nlocs;
	}
	rn.target = cfg->iterations ? cfg->iterations : MB_HARNESS_DEFAULT_ITERATIONS;
	rn.batch = (unsigned)(BATCH_BYTES / rn.si);
	if (rn.batch > MAX_BATCH)
		rn.batch = MAX_BATCH;
	if (rn.batch < 64)
		rn.batch = 64;
	if (rn.batch > rn.target)
		rn.batch = (unsigned)rn.target;
	memsize = (size_t)rn.batch * (size_t)rn.si;
	if (posix_memalign((void **)&rn.mem, 4096, memsize)) {
		snprintf(out->err, sizeof(out->err), "out of memory for %zu bytes of litmus instances",
			 memsize);
		return -1;
	}
	for (unsigned i = 0; i < rn.batch; i++)
		for (int l = 0; l < t->nlocs; l++)
			*loc_ptr(&rn, i, l) = t->init[l];
	rn.flags = mb_xcalloc((size_t)(t->nthreads + 1) * LT_FLAG_STRIDE, sizeof(uint64_t));
	rn.delta = DELTA_START;
	rn.w = mb_xcalloc((size_t)t->nthreads, sizeof(struct worker));
	rn.seed = cfg->seed;

	for (int th = 0; th < t->nthreads; th++) {
		struct worker *w = &rn.w[th];
		int nregs = t->threads[th].nregs;
		size_t outbytes = sizeof(int) * (size_t)rn.batch * (size_t)(nregs ? nregs : 1);

		w->run = &rn;
		w->tid = th;
		w->pu = cfg->pus[th];
		mb_hist_init(&w->hist, rn.klen);
		if (posix_memalign((void **)&w->outbuf, 128, outbytes))
			abort();
		memset(w->outbuf, 0, outbytes);
		w->thr.mem = rn.mem;
		w->thr.si = rn.si;
		w->thr.sl = rn.sl;
		for (int j = 0; j < nregs; j++)
			w->thr.out[j] = w->outbuf + (size_t)j * rn.batch;
		w->thr.sync = rn.sync;
		w->thr.tid = th;
		w->thr.nthreads = t->nthreads;
		w->thr.rng = (uint32_t)(0x9e3779b9u * (unsigned)(th + 1) ^ (uint32_t)cfg->seed) | 1u;
		w->thr.flags = rn.flags;
		w->thr.rcu = t->has_rcu ? mb_litmus_rcu : NULL;
	}

	t_start = mb_monotonic_s();
	rn.start_ticks = mb_counter_read();
	rn.limit_ticks = (uint64_t)((cfg->time_limit > 0 ? cfg->time_limit :
				     MB_HARNESS_DEFAULT_TIME_LIMIT) * rn.hz);
	rn.deadline = rn.start_ticks + rn.limit_ticks + (uint64_t)(MB_HARNESS_GRACE_S * rn.hz);
	for (int th = 0; th < t->nthreads; th++) {
		rn.w[th].thr.deadline = rn.deadline;
		if (pthread_create(&rn.w[th].th, NULL, worker_main, &rn.w[th])) {
			rn.abort = 1;
			snprintf(out->err, sizeof(out->err), "cannot start litmus thread %d: %s", th,
				 strerror(errno));
			rc = -1;
			break;
		}
		started++;
	}
	/* a thread not started never arrives: the others give up at the deadline */
	for (int th = 0; th < started; th++)
		pthread_join(rn.w[th].th, NULL);
	out->elapsed_s = mb_monotonic_s() - t_start;

	for (int th = 0; th < t->nthreads && !rc && out->pin_failed < 0; th++)
		if (rn.w[th].pin_failed) {
			out->pin_failed = th;
			snprintf(out->err, sizeof(out->err), "%s", rn.w[th].err);
		}
	out->abandoned = rn.abort && !rc && out->pin_failed < 0;

	mb_hist_init(&out->hist, rn.klen);
	for (int th = 0; th < t->nthreads; th++) {
		mb_hist_merge(&out->hist, &rn.w[th].hist);
		mb_hist_free(&rn.w[th].hist);
		free(rn.w[th].outbuf);
	}
	free(rn.w);
	free((void *)rn.flags);
	free(rn.mem);
	return rc;
}
