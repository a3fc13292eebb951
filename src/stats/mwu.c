/* SPDX-License-Identifier: MIT */
/*
 * src/stats/mwu.c - Mann-Whitney U (see src/stats/mwu.h).  Ranks are taken over the
 * pooled, sorted samples with mid-ranks for ties; the variance is
 * n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1))) for tie groups of
 * size t.  The continuity correction keeps p conservative for the small
 * samples (tens) that the cost engine takes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/mwu.h"
#include "result/result.h"

struct tagged {
	double v;
	int from_a;
};

static int cmp_tagged(const void *x, const void *y)
{
	double a = ((const struct tagged *)x)->v, b = ((const struct tagged *)y)->v;

	return (a > b) - (a < b);
}

int mb_mwu(const double *a, size_t na, const double *b, size_t nb, struct mb_mwu *out)
{
	size_t n = na + nb, i, j;
	struct tagged *t;
	double rank_a = 0, ties = 0, mu, sigma, d;

	memset(out, 0, sizeof(*out));
	out->p = 1;
	if (!na || !nb)
		return -1;
	for (i = 0; i < na; i++)
		if (isnan(a[i]))
			return -1;
	for (i = 0; i < nb; i++)
		if (isnan(b[i]))
			return -1;
	t = mb_xcalloc(n, sizeof(*t));
	for (i = 0; i < na; i++)
		t[i] = (struct tagged){ a[i], 1 };
	for (i = 0; i < nb; i++)
		t[na + i] = (struct tagged){ b[i], 0 };
	qsort(t, n, sizeof(*t), cmp_tagged);
	for (i = 0; i < n; i = j) {
		double mid, g;

		for (j = i + 1; j < n && t[j].v == t[i].v; j++)
			;
		g = (double)(j - i);
		mid = (double)(i + 1 + j) / 2;	/* ranks i+1 .. j, 1-based */
		for (size_t k = i; k < j; k++)
			if (t[k].from_a)
				rank_a += mid;
		ties += g * g * g - g;
	}
	free(t);

	out->u1 = rank_a - (double)na * (double)(na + 1) / 2;
	out->u2 = (double)na * (double)nb - out->u1;
	mu = (double)na * (double)nb / 2;
	sigma = (double)na * (double)nb / 12 *
		((double)(n + 1) - (n > 1 ? ties / ((double)n * (double)(n - 1)) : 0));
	if (!(sigma > 0))
		return 0;	/* every value tied: no evidence of a shift, p = 1 */
	sigma = sqrt(sigma);
	d = fabs(out->u1 - mu) - 0.5;
	if (d < 0)
		d = 0;
	out->z = copysign(d / sigma, out->u1 - mu);
	out->p = erfc(d / sigma / M_SQRT2);
	if (out->p > 1)
		out->p = 1;
	return 0;
}
