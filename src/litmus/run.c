/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/run.c - the litmus harness: every selected test x every
 * planned barrier -> r->litmus[] (src/result/result.h).
 *
 * Before a PU pair's first timebase run, the skew between its counters
 * is bounded (skew_check); a bound the schedule cannot absorb replaces
 * timebase by spin for that run, warned and recorded (sync, downgrade);
 * otherwise the bound is recorded with the mode: "timebase (skew <= N
 * ticks)".
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
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "litmus/litmus.h"
#include "litmus/gen.h"
#include "litmus/model.h"
#include "litmus/registry.h"
#include "platform/topo.h"

#define DEFAULT_ITERATIONS	1000000ull
#define DEFAULT_TIME_LIMIT	5.0
#define LINE			128	/* spacing: two 64-byte lines, past the pair prefetcher */
#define BATCH_BYTES		(256 * 1024)	/* instance lines per batch: well inside L2 */
#define MAX_BATCH		4096u
#define DELTA_START		256	/* counter ticks between instances, first guess */
#define DELTA_MIN		32
#define DELTA_MAX		(1ull << 26)	/* ~25 ms: membarrier in a VM is ~40 us */
#define BATCH_S			0.02	/* a batch lasts at most this long, scheduled */
#define MARGIN_TICKS		4000	/* T0 ahead of now: the others see it in ~1 us */
#define GRACE_S			10.0	/* a wait longer than time limit + this is a hang */
#define MAX_KEY			(LT_MAX_THREADS * LT_MAX_REGS + LT_MAX_LOCS)

/* A histogram of final states, open addressing on the state vector. */
struct hist {
	int klen;
	size_t cap, used;
	int *keys;		/* cap * klen */
	uint64_t *counts;	/* 0 = empty slot */
};

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
	struct hist hist;
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

static uint64_t now_ticks(void)
{
	return mb_counter_read();
}

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
		if ((spins & 63) == 0 && (rn->abort || now_ticks() > rn->deadline)) {
			rn->abort = 1;
			return -1;
		}
	}
	return rn->abort ? -1 : 0;
}

/* ---- histogram -------------------------------------------------------- */

static void hist_init(struct hist *h, int klen)
{
	h->klen = klen;
	h->cap = 64;
	h->used = 0;
	h->keys = mb_xcalloc(h->cap * (size_t)(klen ? klen : 1), sizeof(int));
	h->counts = mb_xcalloc(h->cap, sizeof(uint64_t));
}

static void hist_free(struct hist *h)
{
	free(h->keys);
	free(h->counts);
	memset(h, 0, sizeof(*h));
}

static uint64_t key_hash(const int *k, int n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (int i = 0; i < n; i++)
		x = (x ^ (uint32_t)k[i]) * 0x100000001b3ull;
	return x ^ (x >> 29);
}

static void hist_add(struct hist *h, const int *key, uint64_t count);

static void hist_grow(struct hist *h)
{
	struct hist bigger;

	bigger.klen = h->klen;
	bigger.cap = h->cap * 4;
	bigger.used = 0;
	bigger.keys = mb_xcalloc(bigger.cap * (size_t)(h->klen ? h->klen : 1), sizeof(int));
	bigger.counts = mb_xcalloc(bigger.cap, sizeof(uint64_t));
	for (size_t i = 0; i < h->cap; i++)
		if (h->counts[i])
			hist_add(&bigger, h->keys + i * (size_t)h->klen, h->counts[i]);
	hist_free(h);
	*h = bigger;
}

static void hist_add(struct hist *h, const int *key, uint64_t count)
{
	size_t i;

	if (2 * (h->used + 1) > h->cap)
		hist_grow(h);
	i = (size_t)key_hash(key, h->klen) & (h->cap - 1);
	for (;; i = (i + 1) & (h->cap - 1)) {
		int *k = h->keys + i * (size_t)h->klen;

		if (!h->counts[i]) {
			memcpy(k, key, sizeof(int) * (size_t)h->klen);
			h->counts[i] = count;
			h->used++;
			return;
		}
		if (!memcmp(k, key, sizeof(int) * (size_t)h->klen)) {
			h->counts[i] += count;
			return;
		}
	}
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
	uint64_t now = now_ticks();

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
	if (rn->abort || rn->done >= rn->target || now - rn->start_ticks >= rn->limit_ticks) {
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
	rn->t0 = now_ticks() + MARGIN_TICKS;
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
			hist_add(&w->hist, last, run_count);
		memcpy(last, key, sizeof(int) * (size_t)rn->klen);
		run_count = 1;
	}
	if (run_count)
		hist_add(&w->hist, last, run_count);
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

/* ---- counter skew between the PUs ------------------------------------------- */

/*
 * --sync timebase assumes that every PU reads the same counter value at
 * the same instant.  Before a PU pair's first timebase run, bound their
 * offset with the usual ping-pong: A reads its counter and sends the
 * value on a line of its own; B, having seen it, reads its own and sends
 * that back.  In real time the receiver's read follows the sender's, so
 * d_ab = B - A = latency + (off_B - off_A) > off_B - off_A, and likewise
 * d_ba > off_A - off_B.  The minimum over the round trips keeps the least
 * latency: off_B - off_A lies in (-min d_ba, min d_ab), so
 *   |skew| <= max(min d_ab, min d_ba)   (at most skew + one line transfer),
 *   |skew| >= -min d_ab or -min d_ba    (a negative minimum proves skew).
 * The reads are the ordered ones (mb_counter_begin): an unordered rdtsc
 * may run ahead of the load that saw the stamp and understate d.  Skews
 * below the one-way latency cannot be told from none this way.
 */
#define SKEW_ROUNDS	256	/* round trips: ~0.2 ms here; the minima settle within ~50 */
#define SKEW_BUDGET_S	0.005	/* an attempt gives up after this long (busy PUs) */
#define SKEW_MAX_PAIRS	64	/* PU pairs remembered; beyond, the last slot is reused */
/*
 * The largest bound a timebase run accepts: 400 ns of counter, and at
 * least 4 schedule steps at their floor (slow counters: 24 MHz cntvct).
 * What the schedule absorbs is far less: a skew s starts one thread's
 * instance s ticks before the other's, all run long, and the jitter
 * (<= 63 ticks) explores phases only around s.  Injected on this 2.6 GHz
 * KVM guest, SB's weak outcomes fall to 1/4 at s = 64 ticks, 1/17 at 128,
 * 1/40 at 1024.  But a synchronised counter measures as one line transfer,
 * here a bound of 360-600 ticks (140-230 ns; ~2 delta, which adapts to
 * that same transfer), and more across sockets: a limit under that would
 * replace timebase everywhere.  400 ns is ~4 delta of the fast tests, where the
 * threads no longer race on the same instance at all; the bound below it
 * is printed with the mode, so a reader can judge what is in between.
 */
#define SKEW_LIMIT_S	400e-9
#define SKEW_LIMIT_MIN	(4 * DELTA_MIN)

struct skew_probe {
	_Alignas(128) unsigned ab_seq;	/* A -> B: round number, after ab_stamp */
	uint64_t ab_stamp;
	_Alignas(128) unsigned ba_seq;	/* B -> A */
	uint64_t ba_stamp;
	_Alignas(128) volatile int abort;
	uint64_t deadline;
	int pu[2];
	int64_t min_d[2];	/* [0]: min d_ab (B's samples), [1]: min d_ba (A's) */
	unsigned rounds[2];
	int pin_failed;
};

struct skew_side {
	struct skew_probe *sp;
	int side;		/* 0: A, 1: B */
	pthread_t th;
};

/* What is known of a pair: the minima of every attempt so far (each is a valid bound). */
struct skew_pair {
	int a, b;		/* PU OS indexes, a < b */
	int64_t min_ab, min_ba;	/* INT64_MAX: no sample yet */
	unsigned rounds;	/* round trips of the last attempt */
	long long lo, hi;	/* |skew| is at least lo, at most hi (ticks); hi < 0: unknown */
};

static struct skew_pair skew_cache[SKEW_MAX_PAIRS];
static int skew_ncache;

static int skew_wait(struct skew_probe *sp, unsigned *seq, unsigned want)
{
	unsigned long spins = 0;

	while (__atomic_load_n(seq, __ATOMIC_ACQUIRE) != want) {
		mb_cpu_relax();
		if ((++spins & 255) == 0) {
			if (sp->abort || now_ticks() > sp->deadline) {
				sp->abort = 1;
				return -1;
			}
			if (spins >= 4096)
				sched_yield();	/* the other side may be waiting for this PU */
		}
	}
	return 0;
}

static void *skew_main(void *arg)
{
	struct skew_side *ss = arg;
	struct skew_probe *sp = ss->sp;
	int64_t best = INT64_MAX;
	unsigned n = 0;
	char err[256];

	if (mb_topo_pin_self(sp->pu[ss->side], err, sizeof(err))) {
		sp->pin_failed = 1;
		sp->abort = 1;
		return NULL;
	}
	for (unsigned r = 1; r <= SKEW_ROUNDS && !sp->abort; r++) {
		uint64_t now;

		if (ss->side == 0) {	/* A: send, then take B's answer */
			sp->ab_stamp = mb_counter_begin();
			__atomic_store_n(&sp->ab_seq, r, __ATOMIC_RELEASE);
			if (skew_wait(sp, &sp->ba_seq, r))
				break;
			now = mb_counter_begin();
			if ((int64_t)(now - sp->ba_stamp) < best)
				best = (int64_t)(now - sp->ba_stamp);
		} else {		/* B: receive; the same reading is the answer */
			if (skew_wait(sp, &sp->ab_seq, r))
				break;
			now = mb_counter_begin();
			if ((int64_t)(now - sp->ab_stamp) < best)
				best = (int64_t)(now - sp->ab_stamp);
			sp->ba_stamp = now;
			__atomic_store_n(&sp->ba_seq, r, __ATOMIC_RELEASE);
		}
		n++;
	}
	sp->min_d[!ss->side] = best;
	sp->rounds[!ss->side] = n;
	return NULL;
}

static uint64_t skew_limit(double hz)
{
	uint64_t l = (uint64_t)(SKEW_LIMIT_S * hz);

	return l > SKEW_LIMIT_MIN ? l : SKEW_LIMIT_MIN;
}

/*
 * The pair (a, b), a < b: measured once, again only while the bound is
 * above the limit without proof of skew (a busy machine gives loose
 * bounds; the minima of all attempts are kept).  NULL when a pin failed.
 */
static const struct skew_pair *skew_pair(int a, int b, double hz)
{
	struct skew_probe *sp;
	struct skew_side ss[2];
	struct skew_pair *p = NULL;
	int started = 0;

	for (int i = 0; i < skew_ncache && !p; i++)
		if (skew_cache[i].a == a && skew_cache[i].b == b)
			p = &skew_cache[i];
	if (p && p->hi >= 0 && ((uint64_t)p->hi <= skew_limit(hz) || (uint64_t)p->lo > skew_limit(hz)))
		return p;
	if (posix_memalign((void **)&sp, 128, sizeof(*sp)))
		abort();
	memset(sp, 0, sizeof(*sp));
	sp->pu[0] = a;
	sp->pu[1] = b;
	sp->min_d[0] = sp->min_d[1] = INT64_MAX;
	sp->deadline = now_ticks() + (uint64_t)(SKEW_BUDGET_S * hz);
	for (int s = 0; s < 2; s++) {
		ss[s].sp = sp;
		ss[s].side = s;
		if (pthread_create(&ss[s].th, NULL, skew_main, &ss[s])) {
			sp->abort = 1;	/* the other side gives up at the deadline */
			break;
		}
		started++;
	}
	for (int s = 0; s < started; s++)
		pthread_join(ss[s].th, NULL);
	if (sp->pin_failed) {
		free(sp);
		return NULL;
	}
	if (!p) {
		p = &skew_cache[skew_ncache < SKEW_MAX_PAIRS ? skew_ncache++ : SKEW_MAX_PAIRS - 1];
		p->a = a;
		p->b = b;
		p->min_ab = p->min_ba = INT64_MAX;
	}
	if (sp->min_d[0] < p->min_ab)
		p->min_ab = sp->min_d[0];
	if (sp->min_d[1] < p->min_ba)
		p->min_ba = sp->min_d[1];
	p->rounds = sp->rounds[0] < sp->rounds[1] ? sp->rounds[0] : sp->rounds[1];
	free(sp);
	p->lo = 0;
	p->hi = -1;
	if (p->min_ab != INT64_MAX && p->min_ba != INT64_MAX) {
		p->lo = -(p->min_ab < p->min_ba ? p->min_ab : p->min_ba);
		p->hi = p->min_ab > p->min_ba ? p->min_ab : p->min_ba;
		if (p->lo < 0)
			p->lo = 0;
		if (p->hi < p->lo)	/* a skew that drifted between attempts */
			p->hi = p->lo;
	}
	return p;
}

/*
 * Before a timebase run: the skew between every two of its PUs.  0: keep
 * timebase, *bound the largest bound in ticks (-1: one PU, one counter);
 * 1: replace it by spin, msg says why; 2: a PU could not be pinned (the
 * run's own pinning fails next and says why).
 */
static int skew_check(const int *pus, int n, double hz, long long *bound, char *msg, size_t len)
{
	const long long limit = (long long)skew_limit(hz);
	const struct skew_pair *proven = NULL, *loose = NULL;

	*bound = -1;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			const struct skew_pair *p;

			if (pus[i] < 0 || pus[i] >= pus[j])	/* each pair of distinct PUs once */
				continue;
			p = skew_pair(pus[i], pus[j], hz);
			if (!p)
				return 2;
			if (p->lo > limit && (!proven || p->lo > proven->lo))
				proven = p;
			if ((p->hi < 0 || p->hi > limit) &&
			    (!loose || p->hi < 0 || (loose->hi >= 0 && p->hi > loose->hi)))
				loose = p;
			if (p->hi > *bound)
				*bound = p->hi;
		}
	if (proven) {
		snprintf(msg, len, "counter skew between PU %d and %d is at least %lld ticks"
			 " (limit %lld); timebase sync replaced by spin", proven->a, proven->b,
			 proven->lo, limit);
		return 1;
	}
	if (loose && loose->hi < 0) {
		snprintf(msg, len, "counter skew between PU %d and %d could not be measured"
			 " (no round trip within %.0f ms: busy PUs?); timebase sync replaced by spin",
			 loose->a, loose->b, SKEW_BUDGET_S * 1e3);
		return 1;
	}
	if (loose) {
		char busy[96] = "";

		if (loose->rounds < SKEW_ROUNDS)
			snprintf(busy, sizeof(busy), "; only %u of %d round trips within %.0f ms:"
				 " busy PUs?", loose->rounds, SKEW_ROUNDS, SKEW_BUDGET_S * 1e3);
		snprintf(msg, len, "counter skew between PU %d and %d could not be bounded below %lld"
			 " ticks (limit %lld%s); timebase sync replaced by spin", loose->a, loose->b,
			 loose->hi, limit, busy);
		return 1;
	}
	return 0;
}

struct entry_req {
	const struct mb_options *o;
	struct mb_litmus_test *lt;
	const struct lt_variant *v;
	const char *slot;	/* barrier in the slot, NULL when none */
	const char *insn;
	unsigned run_no;
};

static char *state_string(const struct lt_test *t, const int *key, const int *cond_locs, int ncl)
{
	char buf[1024];
	size_t len = 0;
	int k = 0;

	buf[0] = 0;
	for (int th = 0; th < t->nthreads; th++)
		for (int j = 0; j < t->threads[th].nregs && len < sizeof(buf); j++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d:%s=%d;",
						len ? " " : "", th, t->threads[th].regs[j], key[k++]);
	for (int c = 0; c < ncl && len < sizeof(buf); c++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s=%d;", len ? " " : "",
					t->locs[cond_locs[c]], key[k++]);
	return mb_strdup(buf);
}

static bool state_positive(const struct lt_test *t, const int *key, const int *cond_locs, int ncl)
{
	int regs[LT_MAX_THREADS][LT_MAX_REGS], locs[LT_MAX_LOCS] = { 0 };
	const int *rp[LT_MAX_THREADS];
	int k = 0;

	for (int th = 0; th < t->nthreads; th++) {
		for (int j = 0; j < t->threads[th].nregs; j++)
			regs[th][j] = key[k++];
		rp[th] = regs[th];
	}
	for (int c = 0; c < ncl; c++)
		locs[cond_locs[c]] = key[k++];
	return lt_cond_eval(t->cond, rp, locs);
}

static int cmp_hist(const void *a, const void *b)
{
	return strcmp(((const struct mb_hist_row *)a)->state, ((const struct mb_hist_row *)b)->state);
}

static void fill_common(struct mb_litmus_entry *e, const struct entry_req *q)
{
	const struct lt_test *t = &q->lt->ast;

	e->test = mb_strdup(t->name[0] ? t->name : q->lt->compiled->name);
	e->file = mb_strdup(q->lt->file);
	e->barrier = mb_strdup(q->slot ? q->slot : "-");
	e->instruction = mb_strdup(q->insn);
	e->nthreads = t->nthreads;
	e->thread_barriers = mb_xcalloc((size_t)t->nthreads, sizeof(char *));
	e->cpus = mb_xcalloc((size_t)t->nthreads, sizeof(int));
	for (int th = 0; th < t->nthreads; th++) {
		char buf[256] = "";
		size_t len = 0;

		for (int n = 0; n < t->threads[th].ninstrs; n++) {
			const struct lt_instr *in = &t->threads[th].instrs[n];
			const char *b;

			if (in->op != LT_FENCE)
				continue;
			b = in->slot ? (q->slot ? q->slot : "none.general") : in->barrier;
			if (!strstr(buf, b) && len < sizeof(buf))
				len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
							len ? "," : "", b);
		}
		e->thread_barriers[th] = mb_strdup(len ? buf : "-");
		e->cpus[th] = -1;
	}
	e->layout = mb_strdup(q->o->layout ? q->o->layout : "separate-lines");
	e->sync = mb_strdup(q->o->sync ? q->o->sync : "timebase");
	lt_model_allowed(t, q->slot, e->allowed);
	e->host_model = MB_NMODELS;
	for (int m = 0; m < MB_NMODELS; m++)
		if (!strcmp(mb_model_names[m], MB_ARCH_MODEL))
			e->host_model = (enum mb_model)m;
	if (e->host_model == MB_NMODELS)
		e->host_model = MB_LKMM;
}

static void skip_entry(struct mb_result *r, const struct entry_req *q, const char *why)
{
	struct mb_litmus_entry *e = mb_result_add_litmus(r);

	fill_common(e, q);
	e->placement = mb_strdup("-");
	e->status = MB_SKIPPED;
	e->reason = mb_strdup(why);
	e->verdict = MB_NEVER;
}

/* Barriers the test's threads call by name: each must be supported here. */
static bool fixed_fences_ok(const struct lt_test *t, const char **why)
{
	for (int th = 0; th < t->nthreads; th++)
		for (int n = 0; n < t->threads[th].ninstrs; n++) {
			const struct lt_instr *in = &t->threads[th].instrs[n];
			enum mb_flavor fl;
			int idx;

			if (in->op != LT_FENCE || in->slot)
				continue;
			idx = mb_barrier_lookup(in->barrier, &fl);
			if (idx < 0) {
				*why = "the test names a barrier this arch lacks";
				return false;
			}
			if (!mb_barrier_supported((size_t)idx, why))
				return false;
		}
	return true;
}

static void show_asm(const struct entry_req *q)
{
	const struct mb_litmus_test *lt = q->lt;

	printf("\n=== %s under %s: what each thread runs (objdump -d of the compiled loop:"
	       " the wait, then the test's accesses) ===\n",
	       lt->compiled->name, q->slot ? q->slot : "(no slot)");
	for (int th = 0; th < lt->compiled->nthreads; th++) {
		char fn[128];
		const char *text = NULL;
		char *owned = NULL;

		snprintf(fn, sizeof(fn), "lt_t%d_%s", th, q->v->sfx);
		for (int i = 0; i < lt->nasm; i++)
			if (lt->asm_rows[i].fn && !strcmp(lt->asm_rows[i].fn, fn))
				text = lt->asm_rows[i].text;
		if (!text && lt->listing)
			text = owned = lt_asm_extract(lt->listing, fn);
		printf("--- P%d (%s) ---\n%s", th, fn,
		       text ? text : "(not disassembled: no objdump when this was built)\n");
		free(owned);
	}
}

static int run_entry(struct mb_result *r, const struct entry_req *q)
{
	const struct mb_options *o = q->o;
	const struct lt_test *t = &q->lt->ast;
	struct mb_litmus_entry *e;
	struct mb_placement pl;
	struct run rn;
	struct hist all;
	char err[320], skew_msg[256] = "";
	long long skew = -1;
	int rc = MB_EXIT_OK, started = 0, skew_rc = 0;
	double t_start, t_end;
	size_t memsize;

	if (mb_topo_place(o->placement, o->cpus, t->nthreads, q->run_no, o->seed, &pl, err,
			  sizeof(err)))
		return mb_fail(MB_EXIT_ENV, "%s", err);
	memset(&rn, 0, sizeof(rn));
	rn.t = t;
	rn.v = q->v;
	rn.nthreads = t->nthreads;
	rn.sync = o->sync && !strcmp(o->sync, "spin") ? LT_SYNC_SPIN : LT_SYNC_TIMEBASE;
	rn.hz = mb_counter()->hz > 0 ? mb_counter()->hz : 1e9;
	/* whether asked for or the default, timebase needs one clock on every PU */
	if (rn.sync == LT_SYNC_TIMEBASE) {
		skew_rc = skew_check(pl.pus, t->nthreads, rn.hz, &skew, skew_msg, sizeof(skew_msg));
		if (skew_rc == 1)
			rn.sync = LT_SYNC_SPIN;
	}
	rn.ncond_locs = t->ncond_locs;
	memcpy(rn.cond_locs, t->cond_locs, sizeof(rn.cond_locs));
	rn.klen = rn.ncond_locs;
	for (int th = 0; th < t->nthreads; th++)
		rn.klen += t->threads[th].nregs;
	if (o->layout && !strcmp(o->layout, "same-line")) {
		rn.sl = sizeof(int);
		rn.si = LINE;
		rn.lines_per_inst = 1;
	} else {
		rn.sl = LINE;
		rn.si = (long)LINE * (t->nlocs ? t->nlocs : 1);
		rn.lines_per_inst = t->nlocs;
	}
	rn.target = o->iterations ? o->iterations : DEFAULT_ITERATIONS;
	rn.batch = (unsigned)(BATCH_BYTES / rn.si);
	if (rn.batch > MAX_BATCH)
		rn.batch = MAX_BATCH;
	if (rn.batch < 64)
		rn.batch = 64;
	if (rn.batch > rn.target)
		rn.batch = (unsigned)rn.target;
	memsize = (size_t)rn.batch * (size_t)rn.si;
	if (posix_memalign((void **)&rn.mem, 4096, memsize))
		return mb_fail(MB_EXIT_ENV, "out of memory for %zu bytes of litmus instances", memsize);
	for (unsigned i = 0; i < rn.batch; i++)
		for (int l = 0; l < t->nlocs; l++)
			*loc_ptr(&rn, i, l) = t->init[l];
	rn.flags = mb_xcalloc((size_t)(t->nthreads + 1) * LT_FLAG_STRIDE, sizeof(uint64_t));
	rn.delta = DELTA_START;
	rn.w = mb_xcalloc((size_t)t->nthreads, sizeof(struct worker));
	rn.seed = o->seed;

	e = mb_result_add_litmus(r);
	fill_common(e, q);
	e->placement = mb_strdup(pl.mode);
	for (int th = 0; th < t->nthreads; th++)
		e->cpus[th] = pl.pus[th];
	if (pl.downgrade[0])
		fprintf(stderr, "membench: warning: %s under %s: placement downgraded: %s\n",
			e->test, e->barrier, pl.downgrade);
	if (skew_rc == 1) {
		free(e->sync);
		e->sync = mb_strdup("spin");
		fprintf(stderr, "membench: warning: %s under %s: %s\n", e->test, e->barrier, skew_msg);
	} else if (skew_rc == 0 && rn.sync == LT_SYNC_TIMEBASE) {
		/* the bound travels with the mode: "sync" is free text in the schema */
		free(e->sync);
		e->sync = skew < 0 ? mb_strdup("timebase (skew 0: one PU)") :
			mb_asprintf("timebase (skew <= %lld ticks)", skew);
	}
	if (pl.downgrade[0] && skew_rc == 1)
		e->downgrade = mb_asprintf("%s; %s", pl.downgrade, skew_msg);
	else if (pl.downgrade[0] || skew_rc == 1)
		e->downgrade = mb_strdup(pl.downgrade[0] ? pl.downgrade : skew_msg);
	if (o->show_asm)
		show_asm(q);

	for (int th = 0; th < t->nthreads; th++) {
		struct worker *w = &rn.w[th];
		int nregs = t->threads[th].nregs;

		w->run = &rn;
		w->tid = th;
		w->pu = pl.pus[th];
		hist_init(&w->hist, rn.klen);
		if (posix_memalign((void **)&w->outbuf, 128,
				   sizeof(int) * (size_t)rn.batch * (size_t)(nregs ? nregs : 1)))
			abort();
		memset(w->outbuf, 0, sizeof(int) * (size_t)rn.batch * (size_t)(nregs ? nregs : 1));
		w->thr.mem = rn.mem;
		w->thr.si = rn.si;
		w->thr.sl = rn.sl;
		for (int j = 0; j < nregs; j++)
			w->thr.out[j] = w->outbuf + (size_t)j * rn.batch;
		w->thr.sync = rn.sync;
		w->thr.tid = th;
		w->thr.nthreads = t->nthreads;
		w->thr.rng = (uint32_t)(0x9e3779b9u * (unsigned)(th + 1) ^ (uint32_t)o->seed) | 1u;
		w->thr.flags = rn.flags;
	}

	t_start = mb_monotonic_s();
	rn.start_ticks = now_ticks();
	rn.limit_ticks = (uint64_t)((o->time_limit > 0 ? o->time_limit : DEFAULT_TIME_LIMIT) * rn.hz);
	rn.deadline = rn.start_ticks + rn.limit_ticks + (uint64_t)(GRACE_S * rn.hz);
	for (int th = 0; th < t->nthreads; th++) {
		rn.w[th].thr.deadline = rn.deadline;
		if (pthread_create(&rn.w[th].th, NULL, worker_main, &rn.w[th])) {
			rn.abort = 1;
			rc = mb_fail(MB_EXIT_ENV, "cannot start litmus thread %d: %s", th, strerror(errno));
			break;
		}
		started++;
	}
	/* a thread not started never arrives: the others give up at the deadline */
	for (int th = 0; th < started; th++)
		pthread_join(rn.w[th].th, NULL);
	t_end = mb_monotonic_s();

	for (int th = 0; th < t->nthreads && !rc; th++)
		if (rn.w[th].pin_failed)
			rc = mb_fail(MB_EXIT_ENV, "%s: %s", e->test, rn.w[th].err);

	/* merge */
	hist_init(&all, rn.klen);
	for (int th = 0; th < t->nthreads; th++)
		for (size_t i = 0; i < rn.w[th].hist.cap; i++)
			if (rn.w[th].hist.counts[i])
				hist_add(&all, rn.w[th].hist.keys + i * (size_t)rn.klen,
					 rn.w[th].hist.counts[i]);
	e->hist = mb_xcalloc(all.used, sizeof(*e->hist));
	for (size_t i = 0; i < all.cap; i++) {
		const int *key = all.keys + i * (size_t)rn.klen;
		struct mb_hist_row *h;

		if (!all.counts[i])
			continue;
		h = &e->hist[e->nhist++];
		h->state = state_string(t, key, rn.cond_locs, rn.ncond_locs);
		h->count = all.counts[i];
		h->positive = state_positive(t, key, rn.cond_locs, rn.ncond_locs);
		if (h->positive)
			e->positives += h->count;
		else
			e->negatives += h->count;
	}
	qsort(e->hist, e->nhist, sizeof(*e->hist), cmp_hist);
	hist_free(&all);
	e->iterations = e->positives + e->negatives;
	e->elapsed_s = t_end - t_start;
	e->verdict = mb_verdict_from_counts(e->positives, e->negatives);
	e->p_upper95 = e->positives == 0 && e->iterations ? 3.0 / (double)e->iterations : 0;
	if (rn.abort && !rc) {
		e->status = MB_SKIPPED;
		e->reason = mb_asprintf("abandoned after %llu instances: a thread did not progress"
					" for %.0f s (synchronisation timed out)",
					(unsigned long long)e->iterations, GRACE_S);
		fprintf(stderr, "membench: warning: %s under %s: %s\n", e->test, e->barrier, e->reason);
	} else if (rc) {
		e->status = MB_SKIPPED;
		e->reason = mb_strdup("could not pin the threads");
	} else if (e->positives > 0 && !e->allowed[e->host_model]) {
		e->status = MB_VIOLATION;
	} else if (e->positives == 0 && e->allowed[e->host_model]) {
		e->status = MB_UNOBSERVED;
	} else {
		e->status = MB_OK;
	}
	if (o->progress)
		fprintf(stderr, "  %-28s %-22s %10llu iterations %6.2fs  %llu bad\n", e->test,
			e->barrier, (unsigned long long)e->iterations, e->elapsed_s,
			(unsigned long long)e->positives);

	for (int th = 0; th < t->nthreads; th++) {
		hist_free(&rn.w[th].hist);
		free(rn.w[th].outbuf);
	}
	free(rn.w);
	free((void *)rn.flags);
	free(rn.mem);
	return rc;
}

/* ---- resolving tests ------------------------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static const struct mb_litmus_builtin *find_builtin(const char *name)
{
	char fam[160];
	const struct mb_litmus_builtin *hit = NULL;
	int nhit = 0;

	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, name))
			return &mb_litmus_builtins[i];
	/* a family: "SB" is SB+fences, the test of the fence() slot */
	snprintf(fam, sizeof(fam), "%s+fences", name);
	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, fam))
			return &mb_litmus_builtins[i];
	snprintf(fam, sizeof(fam), "%s+", name);
	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strncmp(mb_litmus_builtins[i].test->name, fam, strlen(fam))) {
			hit = &mb_litmus_builtins[i];
			nhit++;
		}
	return nhit == 1 ? hit : NULL;
}

static int load_test(const char *name, bool want_asm, struct mb_litmus_test *lt)
{
	const struct mb_litmus_builtin *b;
	char err[512];

	memset(lt, 0, sizeof(*lt));
	if (ends_with(name, ".litmus"))
		return mb_litmus_user_load(name, want_asm, lt);
	b = find_builtin(name);
	if (!b)
		return mb_fail(MB_EXIT_USAGE, "unknown test '%s' (see litmus/README)", name);
	lt->compiled = b->test;
	lt->asm_rows = b->asm_rows;
	lt->nasm = *b->nasm;
	lt->file = mb_strdup(b->test->file);
	if (lt_parse(b->test->source, b->test->file, &lt->ast, err, sizeof(err))) {
		/* the build parsed it already: this cannot differ */
		return mb_fail(MB_EXIT_USAGE, "%s", err);
	}
	return 0;
}

void mb_litmus_test_free(struct mb_litmus_test *lt)
{
	lt_free(&lt->ast);
	free(lt->file);
	free(lt->listing);
	mb_litmus_user_unload(lt);
	memset(lt, 0, sizeof(*lt));
}

static const struct lt_variant *find_variant(const struct lt_compiled *c, const char *barrier)
{
	for (int i = 0; i < c->nvariants; i++)
		if (!strcmp(c->variants[i].barrier, barrier))
			return &c->variants[i];
	return NULL;
}

int mb_litmus_run(const struct mb_options *o, const struct mb_plan *p, struct mb_result *r)
{
	static const char *const defaults[] = { "MP", "SB" };
	const char *const *names = o->tests.n ? (const char *const *)o->tests.v : defaults;
	int ntests = o->tests.n ? o->tests.n : 2;
	struct mb_litmus_test *tests = mb_xcalloc((size_t)ntests, sizeof(*tests));
	unsigned run_no = 0;
	char err[256];
	int rc = 0;

	/* resolve (and build user tests) before running anything */
	for (int i = 0; i < ntests && !rc; i++)
		rc = load_test(names[i], o->show_asm, &tests[i]);
	if (!rc && mb_topo_init(err, sizeof(err)))
		rc = mb_fail(MB_EXIT_ENV, "%s", err);
	if (!rc)
		(void)mb_counter();	/* calibrate before the threads start */

	for (int i = 0; i < ntests && !rc; i++) {
		struct mb_litmus_test *lt = &tests[i];
		struct entry_req q = { .o = o, .lt = lt, .run_no = 0 };
		const char *why = NULL;
		bool fixed_ok = fixed_fences_ok(&lt->ast, &why);

		if (lt->ast.nthreads != lt->compiled->nthreads) {
			rc = mb_fail(MB_EXIT_USAGE, "%s: compiled test and its source disagree",
				     lt->file);
			break;
		}
		if (!lt->compiled->has_slot) {
			q.v = &lt->compiled->variants[0];
			q.slot = NULL;
			q.insn = "-";
			q.run_no = run_no++;
			if (!fixed_ok)
				skip_entry(r, &q, why);
			else
				rc = run_entry(r, &q);
			continue;
		}
		for (size_t b = 0; b < p->nbarriers && !rc; b++) {
			const struct mb_plan_barrier *pb = &p->barriers[b];

			q.slot = pb->name;
			q.insn = mb_barrier_insn(pb->idx, pb->flavor);
			q.v = find_variant(lt->compiled, pb->name);
			q.run_no = run_no++;
			if (!q.v)
				skip_entry(r, &q, "not compiled into this test (barrier unknown to"
					   " the build)");
			else if (!pb->supported)
				skip_entry(r, &q, pb->reason ? pb->reason : "unsupported here");
			else if (!fixed_ok)
				skip_entry(r, &q, why);
			else
				rc = run_entry(r, &q);
		}
	}
	for (int i = 0; i < ntests; i++)
		mb_litmus_test_free(&tests[i]);
	free(tests);
	return rc;
}
