/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_stats.c - src/stats/stats.c on arrays whose order statistics are
 * worked out by hand: percentiles by linear interpolation at rank
 * (n-1)*p (numpy's default), the unscaled MAD, ownership of the samples.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stats/stats.h"

#define NEAR(x, y) (fabs((x) - (y)) <= 1e-9)

static double *dup_array(const double *v, size_t n)
{
	double *d = malloc((n ? n : 1) * sizeof(*d));

	memcpy(d, v, n * sizeof(*d));
	return d;
}

int main(void)
{
	struct mb_stats s, t;

	{	/* odd n, unsorted input: the raw order is kept */
		double v[] = { 3, 1, 2 };

		mb_stats_compute(&s, dup_array(v, 3), 3);
		CHECK(s.n == 3, "n = 3");
		CHECK(NEAR(s.median, 2), "{3,1,2}: median 2 (got %g)", s.median);
		CHECK(NEAR(s.p10, 1.2) && NEAR(s.p90, 2.8), "{3,1,2}: p10 1.2, p90 2.8 (got %g, %g)",
		      s.p10, s.p90);
		CHECK(NEAR(s.mad, 1), "{3,1,2}: MAD 1 (got %g)", s.mad);
		CHECK(NEAR(s.mean, 2) && s.min == 1 && s.max == 3, "{3,1,2}: mean 2, min 1, max 3");
		CHECK(s.samples && s.samples[0] == 3 && s.samples[1] == 1 && s.samples[2] == 2,
		      "raw samples kept in the caller's order");
		mb_stats_clear(&s);
		CHECK(s.samples == NULL && s.n == 0, "clear frees and zeroes");
	}
	{	/* even n: the median interpolates */
		double v[] = { 4, 2, 1, 3 };

		mb_stats_compute(&s, dup_array(v, 4), 4);
		CHECK(NEAR(s.median, 2.5), "{1..4}: median 2.5 (got %g)", s.median);
		CHECK(NEAR(s.p10, 1.3) && NEAR(s.p90, 3.7), "{1..4}: p10 1.3, p90 3.7 (got %g, %g)",
		      s.p10, s.p90);
		CHECK(NEAR(s.mad, 1), "{1..4}: MAD 1 (got %g)", s.mad);
		mb_stats_clear(&s);
	}
	{	/* n = 11: p10 and p90 fall on order statistics */
		double v[11];

		for (int i = 0; i < 11; i++)
			v[i] = 11 - i;
		mb_stats_compute(&s, dup_array(v, 11), 11);
		CHECK(s.n == 11 && NEAR(s.median, 6), "1..11: median 6");
		CHECK(NEAR(s.p10, 2) && NEAR(s.p90, 10), "1..11: p10 2, p90 10 (got %g, %g)", s.p10, s.p90);
		CHECK(NEAR(s.mad, 3), "1..11: MAD 3 (got %g)", s.mad);
		CHECK(s.p10 <= s.median && s.median <= s.p90, "p10 <= median <= p90");
		mb_stats_scale(&t, &s, 2.0);
		CHECK(NEAR(t.median, 12) && NEAR(t.p10, 4) && NEAR(t.p90, 20) && NEAR(t.mad, 6) &&
		      t.n == 11 && t.samples && t.samples != s.samples && NEAR(t.samples[0], 22),
		      "scale x2: every statistic and a copy of the samples doubled");
		mb_stats_clear(&t);
		mb_stats_clear(&s);
	}
	{	/* an outlier moves the mean, not the median or the MAD */
		double v[] = { 1, 1, 1, 1, 100 };

		mb_stats_compute(&s, dup_array(v, 5), 5);
		CHECK(NEAR(s.median, 1) && NEAR(s.mad, 0) && NEAR(s.mean, 20.8) && s.max == 100,
		      "{1,1,1,1,100}: median 1, MAD 0, mean 20.8");
		mb_stats_clear(&s);
	}
	{	/* one sample; none */
		double v[] = { -2.5 };

		mb_stats_compute(&s, dup_array(v, 1), 1);
		CHECK(s.n == 1 && s.median == -2.5 && s.p10 == -2.5 && s.p90 == -2.5 && s.mad == 0,
		      "one sample: every percentile is it, MAD 0");
		mb_stats_clear(&s);
		mb_stats_compute(&s, dup_array(v, 0), 0);
		CHECK(s.n == 0 && s.samples == NULL && s.median == 0, "no samples: zeros, array freed");
	}
	{
		double v[] = { 10, 20, 30 };

		CHECK(NEAR(mb_percentile_sorted(v, 3, 0), 10) && NEAR(mb_percentile_sorted(v, 3, 1), 30) &&
		      NEAR(mb_percentile_sorted(v, 3, 0.25), 15), "percentile ends and p25");
	}
	return CHECK_DONE();
}
