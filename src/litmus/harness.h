/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/harness.h - running one compiled litmus test under one
 * barrier: pinned threads, batches of instances, a histogram of final
 * states (src/litmus/harness.c).  It knows nothing of results or reports:
 * src/litmus/run.c plans the run, this runs it, src/litmus/judge.c reads
 * the histogram.
 */
#ifndef MB_LITMUS_HARNESS_H
#define MB_LITMUS_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "litmus/ast.h"
#include "litmus/hist.h"
#include "litmus/rt.h"

#define MB_HARNESS_DEFAULT_ITERATIONS	1000000ull
#define MB_HARNESS_DEFAULT_TIME_LIMIT	5.0	/* seconds */
#define MB_HARNESS_DELTA_MIN		32	/* the schedule step's floor, counter ticks */
#define MB_HARNESS_GRACE_S		10.0	/* a wait longer than time limit + this is a hang */

struct mb_harness_cfg {
	const struct lt_test *t;
	const struct lt_variant *v;	/* the compiled thread functions */
	const int *pus;			/* per thread: PU to pin to, -1 none */
	int sync;			/* enum lt_sync */
	bool same_line;			/* all of an instance's locations on one line */
	uint64_t iterations;		/* 0: the default */
	double time_limit;		/* seconds; <= 0: the default */
	unsigned long seed;
	double hz;			/* the counter's frequency */
};

struct mb_harness_out {
	struct mb_hist hist;		/* final states: registers, then t->cond_locs */
	double elapsed_s;
	bool abandoned;			/* a thread did not progress: the run gave up */
	int pin_failed;			/* thread whose pinning failed, or -1 */
	char err[256];			/* why, for pin_failed */
};

/*
 * Run cfg; out->hist is initialised here, the caller frees it
 * (mb_hist_free).  Returns 0, or -1 when a thread could not be started
 * (out->err says why).
 */
int mb_harness_run(const struct mb_harness_cfg *cfg, struct mb_harness_out *out);

/* Ints per state of t: every thread's registers, then the condition's locations. */
int mb_harness_state_len(const struct lt_test *t);

#endif /* MB_LITMUS_HARNESS_H */
