/* SPDX-License-Identifier: MIT */
/*
 * src/stats/stats.h - order statistics of a sample set (struct mb_stats of
 * src/result/result.h), shared by the cost engine and the compare gate.  Nothing
 * here knows what the samples measure: the caller owns the unit.
 */
#ifndef MB_STATS_H
#define MB_STATS_H

#include <stddef.h>

#include "result/result.h"

/*
 * Fill *s from n samples and take ownership of the heap array `samples`
 * (kept, in the caller's order, as s->samples; freed here when n == 0).
 * Percentiles interpolate linearly between order statistics (Hyndman-Fan
 * type 7, as numpy/R default): p at rank (n-1)*p.  mad is the unscaled
 * median absolute deviation from the median.  With n == 0 every field is 0.
 */
void mb_stats_compute(struct mb_stats *s, double *samples, size_t n);

/* p in [0,1] of an ascending array, linear interpolation; 0 when n == 0. */
double mb_percentile_sorted(const double *sorted, size_t n, double p);

/* Median of v[0..n-1]; v is sorted in place. */
double mb_median_inplace(double *v, size_t n);
/* The median of v, which is left as it is; NaN when n == 0. */
double mb_median(const double *v, size_t n);

/* dst = src with every value (samples included) multiplied by factor > 0. */
void mb_stats_scale(struct mb_stats *dst, const struct mb_stats *src, double factor);

/* Release s->samples and zero *s. */
void mb_stats_clear(struct mb_stats *s);

#endif
