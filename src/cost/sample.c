/* SPDX-License-Identifier: MIT */
/*
 * src/cost/sample.c - the cost engine's sampler (src/cost/sample.h): a
 * timed call between full fences, a sample sized to its target length
 * (src/cost/run.c sets it), and each barrier's slot: its samples paired
 * with the empty loop's, retaken when the thread was switched out, the
 * vCPU taken or (contended) the writer starved, then reduced to the
 * entry's figures.  Which samples are taken when is src/cost/run.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "base/base.h"
#include "cost/cost.h"
#include "cost/sample.h"
#include "stats/stats.h"

#define MB_COST_MIN_WRITES	64	/* writer stores a contended sample must see */
#define MB_COST_RETRIES		64	/* retakes of one sample (~16 ms: a time slice) before it counts as starved */
#define MB_COST_LONG		4	/* a sample this many times its planned length was descheduled */

/* One timed call of fn(a, n): counter ticks and (perf) cycles, overheads removed. */
double cs_time_once(const struct sampler *s, mb_cost_fn fn, struct mb_cost_arg *a,
		    uint64_t n, double *cycles)
{
	uint64_t c0, c1, t0, t1;

	/*
	 * The counter reads order instructions, not stores: without the full
	 * fences a loop's store backlog (misses, above all) would drain into
	 * the next sample.  Each sample pays for its own stores instead; the
	 * fences' own cost is in tick_ovh.
	 */
	if (fn && a && a->prime)
		a->prime(a, n);		/* untimed: cache-miss flushes the lines fn will touch */
	c0 = mb_cycles_read(s->cyc);
	mb_mmio_general();
	t0 = mb_counter_begin();
	if (fn)
		fn(a, n);
	mb_mmio_general();
	t1 = mb_counter_end();
	c1 = mb_cycles_read(s->cyc);
	if (cycles)
		*cycles = (double)(c1 - c0) - s->cyc_ovh;
	return (double)(t1 - t0) - s->tick_ovh;
}

void cs_timer_overhead(struct sampler *s)
{
	double t[101], c[101];

	s->tick_ovh = s->cyc_ovh = 0;
	for (int i = 0; i < 101; i++)
		t[i] = cs_time_once(s, NULL, NULL, 0, &c[i]);
	s->tick_ovh = mb_median_inplace(t, 101);
	s->cyc_ovh = mb_median_inplace(c, 101);
}

/* Loop iterations of fn for one sample of about s->target ticks. */
uint64_t cs_size_sample(const struct sampler *s, mb_cost_fn fn, struct mb_cost_arg *a)
{
	uint64_t n = 1;
	double t;

	for (;;) {
		t = cs_time_once(s, fn, a, n, NULL);
		if (t >= s->target / 4 || n >= (1ull << 40))
			break;
		n *= t < s->target / 256 ? 16 : 4;
	}
	/* The smaller of two: an interrupt only ever makes a run longer. */
	t = fmin(t, cs_time_once(s, fn, a, n, NULL));
	if (t > 0)
		n = (uint64_t)((double)n * s->target / t);
	return n ? n : 1;
}

/* Involuntary context switches of this thread so far. */
static long switches(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_THREAD, &ru) ? -1 : ru.ru_nivcsw;
}

static uint64_t writes(const struct mb_cost_arg *a)
{
	return a->watch_shared ? *(volatile uint64_t *)a->shared : 0;
}

/* samples: of all repetitions together. */
void cs_slot_init(struct slot *sl, mb_cost_fn fn, unsigned unroll, int samples, bool want_cycles)
{
	memset(sl, 0, sizeof(*sl));
	sl->fn = fn;
	sl->unroll = unroll;
	sl->cycles = want_cycles;
	sl->bt = mb_xcalloc((size_t)samples, sizeof(double));
	sl->bc = mb_xcalloc((size_t)samples, sizeof(double));
	sl->xt = mb_xcalloc((size_t)samples, sizeof(double));
	sl->xc = mb_xcalloc((size_t)samples, sizeof(double));
	sl->tpc = mb_xcalloc((size_t)samples, sizeof(double));
}

/* Each repetition sizes and warms its own: that too varies from run to run. */
void cs_slot_size(const struct sampler *s, struct slot *sl, struct mb_cost_arg *a)
{
	sl->n = cs_size_sample(s, sl->fn, a);
	cs_time_once(s, sl->fn, a, sl->n, NULL);	/* warm-up */
}

/* Sample k of one barrier: its empty loop, then its loop, paired. */
void cs_slot_sample(const struct sampler *s, const struct baseline *base, struct slot *sl,
		    struct mb_cost_arg *a, int k, int samples)
{
	double per_b = (double)base->n * base->unroll, per_x = (double)sl->n * sl->unroll;

	for (int tries = 0;; tries++) {
		uint64_t w0 = writes(a), w1, w2;
		long cs0 = switches(), cs1;
		bool fed;

		sl->bt[k] = cs_time_once(s, base->fn, a, base->n, &sl->bc[k]) / per_b;
		w1 = writes(a);
		/* Between the empty loop and the barrier: not right after a system call. */
		if (sl->cycles && !s->cyc->perf)
			sl->tpc[k] = mb_cycles_chain_sample(s->cyc, s->tick_ovh);
		w2 = writes(a);
		sl->xt[k] = cs_time_once(s, sl->fn, a, sl->n, &sl->xc[k]) / per_x;
		cs1 = switches();
		sl->bc[k] /= per_b;
		sl->xc[k] /= per_x;
		/*
		 * contended: a sample during which the writer did not run (its PU
		 * busy with another task) measured no contention: take it again.
		 */
		fed = !a->watch_shared || (w1 - w0 >= MB_COST_MIN_WRITES &&
					   writes(a) - w2 >= MB_COST_MIN_WRITES);
		/*
		 * A pair during which this thread was switched out (the kernel
		 * counts it), or a sample MB_COST_LONG times its planned length
		 * (the hypervisor took the vCPU: a time slice is milliseconds, an
		 * interrupt microseconds), timed another task, and one such
		 * sample moves a mean by tens of per cent.  Take it again; a
		 * slowness that lasts is still measured after MB_COST_RETRIES.
		 */
		if (fed && cs1 == cs0 && sl->bt[k] * per_b < MB_COST_LONG * s->target &&
		    sl->xt[k] * per_x < MB_COST_LONG * s->target)
			return;
		if (tries >= MB_COST_RETRIES) {
			/* Most samples without a writer: the caller reports it. */
			if (!fed && 2 * ++sl->starved > samples)
				sl->done = true;
			return;
		}
	}
}

/* The entry from its samples; frees the slot. */
void cs_slot_finish(struct slot *sl, int samples, struct mb_cost_entry *e,
		    const struct sampler *s, double *ticks_per_cycle, double hz)
{
	/*
	 * Each sample less the empty-loop sample taken just before it: slow
	 * drift (a neighbour's memory traffic, the clock) cancels pairwise.
	 */
	for (int k = 0; k < samples; k++) {
		sl->xt[k] -= sl->bt[k];
		sl->xc[k] -= sl->bc[k];
	}
	e->overhead = mb_median_inplace(sl->bt, (size_t)samples);
	e->unroll = sl->unroll;
	e->iterations = sl->n * sl->unroll;
	mb_stats_compute(&e->ticks, sl->xt, (size_t)samples);
	mb_stats_scale(&e->ns, &e->ticks, hz > 0 ? 1e9 / hz : 0);
	e->have_cycles = sl->cycles;
	if (sl->cycles && s->cyc->perf) {
		mb_stats_compute(&e->cycles, sl->xc, (size_t)samples);
	} else {
		free(sl->xc);
		/* Calibrated: this barrier's own ticks per cycle, taken beside its samples. */
		if (sl->cycles) {
			double local = mb_median_inplace(sl->tpc, (size_t)samples);

			if (local > 0)
				*ticks_per_cycle = local;
			mb_stats_scale(&e->cycles, &e->ticks, 1.0 / *ticks_per_cycle);
		}
	}
	free(sl->tpc);
	free(sl->bt);
	free(sl->bc);
	memset(sl, 0, sizeof(*sl));	/* xt and xc now belong to the entry's stats */
}

/* A slot whose samples were not finished (stopped by a signal). */
void cs_slot_free(struct slot *sl)
{
	free(sl->xt);
	free(sl->xc);
	free(sl->tpc);
	free(sl->bt);
	free(sl->bc);
	memset(sl, 0, sizeof(*sl));
}
