/* SPDX-License-Identifier: MIT */
/* src/stats/stats.c - order statistics of a sample set (see src/stats/stats.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result/result.h"
#include "stats/stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double mb_percentile_sorted(const double *sorted, size_t n, double p)
{
	double h, frac;
	size_t lo;

	if (n == 0)
		return 0;
	if (p <= 0)
		return sorted[0];
	if (p >= 1)
		return sorted[n - 1];
	h = (double)(n - 1) * p;
	lo = (size_t)floor(h);
	frac = h - (double)lo;
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

double mb_median_inplace(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return mb_percentile_sorted(v, n, 0.5);
}

double mb_median(const double *v, size_t n)
{
	double *copy, m;

	if (n == 0)
		return NAN;
	copy = mb_xcalloc(n, sizeof(*copy));
	memcpy(copy, v, n * sizeof(*copy));
	m = mb_median_inplace(copy, n);
	free(copy);
	return m;
}

void mb_stats_compute(struct mb_stats *s, double *samples, size_t n)
{
	double *sorted, sum = 0;

	memset(s, 0, sizeof(*s));
	if (n == 0) {
		free(samples);
		return;
	}
	sorted = mb_xcalloc(n, sizeof(*sorted));
	memcpy(sorted, samples, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += sorted[i];
	s->n = n;
	s->samples = samples;
	s->min = sorted[0];
	s->max = sorted[n - 1];
	s->mean = sum / (double)n;
	s->median = mb_percentile_sorted(sorted, n, 0.5);
	s->p10 = mb_percentile_sorted(sorted, n, 0.10);
	s->p90 = mb_percentile_sorted(sorted, n, 0.90);
	/* Reuse the copy for the absolute deviations. */
	for (size_t i = 0; i < n; i++)
		sorted[i] = fabs(sorted[i] - s->median);
	s->mad = mb_median_inplace(sorted, n);
	free(sorted);
}

void mb_stats_scale(struct mb_stats *dst, const struct mb_stats *src, double factor)
{
	*dst = *src;
	dst->median *= factor;
	dst->p10 *= factor;
	dst->p90 *= factor;
	dst->mad *= factor;
	dst->mean *= factor;
	dst->min *= factor;
	dst->max *= factor;
	dst->samples = NULL;
	if (src->n && src->samples) {
		dst->samples = mb_xcalloc(src->n, sizeof(*dst->samples));
		for (size_t i = 0; i < src->n; i++)
			dst->samples[i] = src->samples[i] * factor;
	}
}

void mb_stats_clear(struct mb_stats *s)
{
	free(s->samples);
	memset(s, 0, sizeof(*s));
}
