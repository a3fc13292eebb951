/* SPDX-License-Identifier: MIT */
/*
 * src/cost/sample.h - the cost engine's sampler (src/cost/sample.c), as
 * its run (src/cost/run.c) drives it: one timed call, a sample sized to
 * its target length, and a barrier's slot of paired samples.  Private to
 * those two files.
 */
#ifndef MB_COST_SAMPLE_H
#define MB_COST_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "cost/cost.h"
#include "result/result.h"

struct sampler {
	const struct mb_cycles *cyc;
	double tick_ovh;	/* empty timed region, counter units */
	double cyc_ovh;		/* the same in perf cycles */
	double target;		/* ticks per sample */
};

struct baseline {
	mb_cost_fn fn;
	unsigned unroll;
	uint64_t n;		/* loop iterations per sample, sized once per context */
};

/*
 * One barrier's samples within a context.  The samples of all barriers of a
 * context are taken round-robin (sample k of every barrier, then sample
 * k+1 ...), not one barrier's back to back: a disturbance lasting a few
 * milliseconds (the other vCPU's neighbour, an interrupt storm) then costs
 * one sample of many barriers instead of shifting every sample of one, which
 * is what made `membench compare` see regressions between two runs of the
 * same build (scripts/bench_gate.sh).
 */
struct slot {
	mb_cost_fn fn;
	unsigned unroll;
	uint64_t n;		/* loop iterations per sample */
	bool cycles;		/* core cycles wanted for this entry */
	bool done;		/* gave up: most samples saw no writer */
	const char *failed;	/* a later repetition could not set the context up: why */
	int starved;		/* contended samples during which the writer never ran */
	double *bt, *bc;	/* empty loop: ticks, perf cycles, per barrier copy */
	double *xt, *xc;	/* the barrier's loop, likewise */
	double *tpc;		/* calibrated ticks per cycle beside each sample */
};

/* One timed call of fn(a, n): counter ticks and (perf) cycles, overheads removed. */
double cs_time_once(const struct sampler *s, mb_cost_fn fn, struct mb_cost_arg *a, uint64_t n,
		    double *cycles);
/* s->tick_ovh and s->cyc_ovh: the median of 101 empty timed regions. */
void cs_timer_overhead(struct sampler *s);
/* Loop iterations of fn for one sample of about s->target ticks. */
uint64_t cs_size_sample(const struct sampler *s, mb_cost_fn fn, struct mb_cost_arg *a);

/* samples: of all repetitions together. */
void cs_slot_init(struct slot *sl, mb_cost_fn fn, unsigned unroll, int samples, bool want_cycles);
/* Each repetition sizes and warms its own: that too varies from run to run. */
void cs_slot_size(const struct sampler *s, struct slot *sl, struct mb_cost_arg *a);
/* Sample k of one barrier: its empty loop, then its loop, paired; retaken when disturbed. */
void cs_slot_sample(const struct sampler *s, const struct baseline *base, struct slot *sl,
		    struct mb_cost_arg *a, int k, int samples);
/* The entry from its samples; frees the slot. */
void cs_slot_finish(struct slot *sl, int samples, struct mb_cost_entry *e, const struct sampler *s,
		    double *ticks_per_cycle, double hz);
/* A slot whose samples were not finished (stopped by a signal). */
void cs_slot_free(struct slot *sl);

#endif /* MB_COST_SAMPLE_H */
