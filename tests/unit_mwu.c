/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_mwu.c - src/stats/mwu.c against values worked out by hand (ranks,
 * U, tie-corrected sigma, continuity correction) and checked against
 * scipy.stats.mannwhitneyu(method="asymptotic").
 */
#include <math.h>

#include "check.h"
#include "stats/mwu.h"
#include "stats/stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NEAR(x, y, tol) (fabs((x) - (y)) <= (tol))

int main(void)
{
	struct mb_mwu t;

	/* No overlap: U1 = 0, mu = 4.5, sigma^2 = 9/12 * 7 = 5.25, z = 4/sqrt(5.25). */
	{
		double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };

		CHECK(mb_mwu(a, N(a), b, N(b), &t) == 0, "disjoint: returns 0");
		CHECK(t.u1 == 0 && t.u2 == 9, "disjoint: U1 = 0, U2 = 9 (got %g, %g)", t.u1, t.u2);
		CHECK(NEAR(t.z, -4 / sqrt(5.25), 1e-12), "disjoint: z = -1.7457 (got %g)", t.z);
		CHECK(NEAR(t.p, 0.08085559837005224, 1e-12), "disjoint: p = 0.080856 (got %.12g)", t.p);
		/* symmetric */
		CHECK(mb_mwu(b, N(b), a, N(a), &t) == 0 && t.u1 == 9 &&
		      NEAR(t.p, 0.08085559837005224, 1e-12), "disjoint, swapped: U1 = 9, same p");
	}
	/*
	 * Ties: pooled 1a 2a 2a 2b 3a 3b 3b 4b; mid-ranks 1, 3, 3, 3, 6, 6, 6, 8;
	 * R_a = 1+3+3+6 = 13, U1 = 13 - 10 = 3; ties 2 x (27-3) = 48;
	 * sigma^2 = 16/12 * (9 - 48/56) = 10.857; z = (5 - 0.5)/3.2950.
	 */
	{
		double a[] = { 1, 2, 2, 3 }, b[] = { 2, 3, 3, 4 };
		double sigma = sqrt(16.0 / 12 * (9 - 48.0 / 56));

		mb_mwu(a, N(a), b, N(b), &t);
		CHECK(t.u1 == 3, "ties: U1 = 3 (got %g)", t.u1);
		CHECK(NEAR(t.z, -4.5 / sigma, 1e-12), "ties: z = -1.3657 (got %g)", t.z);
		CHECK(NEAR(t.p, 0.1720337089218229, 1e-12), "ties: p = 0.172034 (got %.12g)", t.p);
	}
	/* Identical samples: no evidence of a shift. */
	{
		double a[] = { 1, 2, 3, 4, 5 };
		double c[10] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };

		mb_mwu(a, N(a), a, N(a), &t);
		CHECK(t.u1 == 12.5 && t.p == 1, "identical: U1 = 12.5, p = 1 (got %g, %g)", t.u1, t.p);
		CHECK(mb_mwu(c, N(c), c, N(c), &t) == 0 && t.p == 1 && t.z == 0,
		      "all values tied (sigma 0): p = 1 (got %g)", t.p);
	}
	/* 1..20 vs 11..30: half overlap, p = 5.2125e-05. */
	{
		double a[20], b[20];

		for (int i = 0; i < 20; i++) {
			a[i] = i + 1;
			b[i] = i + 11;
		}
		mb_mwu(a, N(a), b, N(b), &t);
		CHECK(t.u1 == 50, "overlap: U1 = 50 (got %g)", t.u1);
		CHECK(NEAR(t.p, 5.2125496206037515e-05, 1e-15), "overlap: p = 5.2125e-05 (got %.12g)", t.p);
	}
	/* Bad input: empty or NaN gives -1 and p = 1, never a crash. */
	{
		double a[] = { 1, NAN }, b[] = { 2 };

		CHECK(mb_mwu(a, 0, b, 1, &t) == -1 && t.p == 1, "empty sample: -1, p = 1");
		CHECK(mb_mwu(a, 2, b, 1, &t) == -1 && t.p == 1, "NaN sample: -1, p = 1");
	}
	/* Median. */
	{
		double odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 };

		CHECK(mb_median(odd, 3) == 2, "median of 3 values");
		CHECK(mb_median(even, 4) == 2.5, "median of 4 values is the mean of the middle two");
		CHECK(isnan(mb_median(odd, 0)), "median of nothing is NaN");
		CHECK(odd[0] == 3, "median leaves its input alone");
	}
	return CHECK_DONE();
}
