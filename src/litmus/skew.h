/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/skew.h - how far apart the counters of two PUs may be.
 *
 * --sync timebase starts instance i on every thread at the same counter
 * value, which assumes one clock on every PU.  Before a PU pair's first
 * timebase run the harness bounds their offset (src/litmus/skew.c); a
 * bound the schedule cannot absorb replaces timebase by spin for that run.
 */
#ifndef MB_LITMUS_SKEW_H
#define MB_LITMUS_SKEW_H

#include <stddef.h>
#include <stdint.h>

/* What is known of a pair: the minima of every attempt so far (each is a valid bound). */
struct mb_skew_pair {
	int a, b;		/* PU OS indexes, a < b */
	int64_t min_ab, min_ba;	/* INT64_MAX: no sample yet */
	unsigned rounds;	/* round trips of the last attempt */
	long long lo, hi;	/* |skew| is at least lo, at most hi (ticks); hi < 0: unknown */
};

#define MB_SKEW_ROUNDS		256	/* round trips an attempt aims for */
#define MB_SKEW_BUDGET_S	0.005	/* an attempt gives up after this long (busy PUs) */

/* The largest bound (ticks) a timebase run accepts at counter frequency hz. */
long long mb_skew_limit(double hz);

/* lo/hi of a pair from its minima (pure: the arithmetic of the probe). */
void mb_skew_bounds(struct mb_skew_pair *p);

/*
 * The decision over a run's pairs (pure): 0 keep timebase, *bound the
 * largest upper bound (-1: none); 1 replace it by spin, msg says why.
 */
int mb_skew_judge(const struct mb_skew_pair *const *pairs, int n, long long limit,
		  long long *bound, char *msg, size_t len);

/*
 * Measure (or recall) every pair of distinct PUs in pus[0..n-1] and judge
 * them; 2: a PU could not be pinned (the run's own pinning fails next and
 * says why).
 */
int mb_skew_check(const int *pus, int n, double hz, long long *bound, char *msg, size_t len);

#endif /* MB_LITMUS_SKEW_H */
