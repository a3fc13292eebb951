/* SPDX-License-Identifier: MIT */
/*
 * src/cost/cost.h - the cost engine's parts: the context registry
 * (src/cost/ctx.c), core-cycle sources (src/cost/cycles.c), the run
 * (src/cost/run.c, entry point mb_cost_run() below) and its sampler
 * (src/cost/sample.c), and the text table (src/report/cost.c).
 *
 * A context is the code around the barrier in the measured loop.  Each
 * context x barrier x flavour is its own function with the barrier inlined
 * MB_COST_UNROLL times per loop iteration; the `none` row of the same
 * context is the empty loop whose cost is subtracted.
 */
#ifndef MB_COST_H
#define MB_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>


#include "plan/options.h"
#include "plan/plan.h"
#include "result/result.h"

#define MB_COST_UNROLL		32	/* copies per loop iteration (process: 1) */
#define MB_COST_LINE		128	/* spacing of private lines: a line pair, for the adjacent-line prefetcher */

/* What the measured loops touch; one per run, set up by the contexts. */
struct mb_cost_arg {
	uint64_t *priv_st;		/* private line, stored to */
	uint64_t *priv_ld;		/* another private line, loaded from */
	uint64_t *shared;		/* the line the contended writer keeps writing */
	char *miss_buf;			/* cache-miss: the buffer (a power of two bytes) */
	size_t miss_bytes;
	unsigned miss_shift;		/* 64 - log2(lines): Fibonacci hash -> line */
	uint64_t miss_pos;		/* walk position, kept across calls */
	/* Called before each timed call of n loop iterations, untimed (cache-miss: flush). */
	void (*prime)(struct mb_cost_arg *a, uint64_t n);
	bool watch_shared;		/* contended: *shared counts the writer's stores */
	uint64_t sink;
};

/* Runs n loop iterations of unroll(idx) barriers each. */
typedef void (*mb_cost_fn)(struct mb_cost_arg *a, uint64_t n);

/* Placement the sampler chose, handed to contexts that start threads. */
struct mb_cost_env {
	int pu;				/* OS index of the measuring PU */
	int other_pu;			/* OS index of a second PU, -1 when none */
};

struct mb_cost_context {
	const char *name;		/* as on the command line: "after-store" */
	const char *description;
	const mb_cost_fn (*fns)[2];	/* [barrier idx][enum mb_flavor] */
	/* False with *reason when it cannot run here (env may be NULL: answer for this machine). */
	bool (*supported)(const struct mb_cost_env *env, const char **reason);
	/* Prepare *a (threads, buffers); 0, or -1 with *reason. NULL = nothing to do. */
	int (*setup)(const struct mb_cost_env *env, struct mb_cost_arg *a, const char **reason);
	void (*teardown)(struct mb_cost_arg *a);
	bool second_pu;			/* uses env->other_pu (entry->cpu lists both) */
};

extern const struct mb_cost_context mb_cost_contexts[];
extern const size_t mb_cost_ncontexts;

/* Context by name; NULL when unknown. */
const struct mb_cost_context *mb_cost_context_find(const char *name);
/* Barriers per loop iteration of mb_barriers[idx]'s functions. */
unsigned mb_cost_unroll(size_t idx);

/* ---- core cycles (src/cost/cycles.c) ---- */
struct mb_cycles {
	bool available;		/* cycles are real: perf, or a calibration that ran */
	bool perf;		/* per-sample counts come from perf_event_open */
	bool perf_user_only;	/* perf counts exclude the kernel (paranoid) */
	int perf_fd;		/* -1 when perf is not used */
	double ticks_per_cycle;	/* counter units per core cycle, 0 unknown */
	uint64_t chain_n;	/* add-chain iterations of one ~20 us calibration sample */
	char source[192];	/* for mb_host.cycles_source */
};

/* Open perf cycles if the machine has them, else calibrate; fills *c. */
void mb_cycles_init(struct mb_cycles *c);
void mb_cycles_close(struct mb_cycles *c);
/* Current perf cycle count (0 when perf is not in use). */
uint64_t mb_cycles_read(const struct mb_cycles *c);
/*
 * Counter ticks per core cycle from `reps` timed runs of a dependent
 * register-add chain (one cycle per add on every core it knows); 0 with
 * *why when this arch has no chain here.
 */
double mb_cycles_calibrate(int reps, const char **why);
/*
 * One calibration sample of c->chain_n chain iterations: counter ticks per
 * cycle, tick_ovh (the empty timed region) removed; 0 when there is none.
 * The core clock of a shared machine moves by several per cent within
 * seconds, so the sampler takes these next to the barrier's own samples.
 */
double mb_cycles_chain_sample(const struct mb_cycles *c, double tick_ovh);

/* src/cost/run.c: every planned barrier x selected context -> r->cost[]; fills host cycles fields. */
int mb_cost_run(const struct mb_options *o, const struct mb_plan *p, struct mb_result *r);

#endif
