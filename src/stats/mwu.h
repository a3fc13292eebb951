/* SPDX-License-Identifier: MIT */
/*
 * src/stats/mwu.h - the two-sided Mann-Whitney U test that `membench compare`
 * (src/commands/compare_judge.c) runs per barrier x context.  Cost samples are
 * not normal (a floor plus a tail of interrupts and misses), so the gate
 * compares ranks, not means.
 */
#ifndef MB_MWU_H
#define MB_MWU_H

#include <stddef.h>

struct mb_mwu {
	double u1;	/* U of the first sample: pairs (a, b) with a > b, ties count 1/2 */
	double u2;	/* na * nb - u1 */
	double z;	/* standardised U1 (continuity- and tie-corrected); 0 when sigma is 0 */
	double p;	/* two-sided p-value of the normal approximation, in [0, 1] */
};

/*
 * Compare a[0..na) with b[0..nb).  Normal approximation with the tie
 * correction of the variance and a 0.5 continuity correction, as
 * scipy.stats.mannwhitneyu(method="asymptotic") computes it.  Returns 0, or
 * -1 when a sample is empty or holds a NaN (then *out has p = 1).
 */
int mb_mwu(const double *a, size_t na, const double *b, size_t nb, struct mb_mwu *out);

#endif
