/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare_judge.c - `membench compare`'s decision on one row
 * (src/commands/compare.h): the two sample sets through a two-sided
 * Mann-Whitney U test (src/stats/mwu.c); regressed only when the shift is
 * significant, large and more than half a counter unit, and, with
 * --repetitions on both sides, when the sweeps agree.
 */
#include <math.h>
#include <stdlib.h>

#include "commands/cli.h"
#include "commands/compare.h"
#include "stats/mwu.h"
#include "result/result.h"
#include "stats/stats.h"

/* The finite samples of s, in a new array (*n of them). */
static double *finite_samples(const struct mb_stats *s, size_t *n)
{
	double *v = mb_xcalloc(s->n ? s->n : 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; s->samples && i < s->n; i++)
		if (isfinite(s->samples[i]))
			v[(*n)++] = s->samples[i];
	return v;
}

const struct mb_stats *cmp_compared(const struct mb_cost_entry *e)
{
	return cmp_use_cycles && e->have_cycles ? &e->cycles : &e->ticks;
}

/*
 * The lowest and highest of the per-sweep medians of s (--repetitions: the
 * samples are reps equal blocks); false with fewer than two sweeps.
 */
static bool sweep_range(const struct mb_stats *s, unsigned reps, double *lo, double *hi)
{
	size_t k = reps ? s->n / reps : 0;
	double *v;

	if (reps < 2 || k == 0 || !s->samples)
		return false;
	v = mb_xcalloc(k, sizeof(*v));
	*lo = INFINITY;
	*hi = -INFINITY;
	for (unsigned r = 0; r < reps; r++) {
		size_t m = 0;
		double med;

		for (size_t i = 0; i < k; i++)
			if (isfinite(s->samples[r * k + i]))
				v[m++] = s->samples[r * k + i];
		med = mb_median(v, m);
		if (isfinite(med)) {
			*lo = fmin(*lo, med);
			*hi = fmax(*hi, med);
		}
	}
	free(v);
	return isfinite(*lo) && isfinite(*hi);
}

void cmp_judge(struct row *w, const struct mb_cost_entry *b, const struct mb_cost_entry *n,
	       const struct mb_options *o)
{
	size_t nb, nn;
	double *sb, *sn;
	struct mb_mwu t;

	w->base = w->new = w->change = w->p = NAN;
	if (!b->supported || !n->supported) {
		w->v = V_UNSUPPORTED;
		return;
	}
	if (cmp_use_cycles && (!b->have_cycles || !n->have_cycles)) {
		w->v = V_NODATA;	/* never mix units within one table */
		return;
	}
	sb = finite_samples(cmp_compared(b), &nb);
	sn = finite_samples(cmp_compared(n), &nn);
	w->nbase = nb;
	w->nnew = nn;
	/* The medians of the samples compared, so the table and the test agree. */
	w->base = nb ? mb_median(sb, nb) : cmp_compared(b)->median;
	w->new = nn ? mb_median(sn, nn) : cmp_compared(n)->median;
	if (isfinite(w->base) && isfinite(w->new))
		w->change = w->base != 0 ? (w->new - w->base) / fabs(w->base) :
			    w->new == 0 ? 0 : copysign(INFINITY, w->new);
	if (nb < 2 || nn < 2 || mb_mwu(sb, nb, sn, nn, &t)) {
		w->v = V_NODATA;
	} else {
		w->p = t.p;
		w->v = V_UNCHANGED;
		/* Relative to |median|: overhead subtraction can leave a median at or below 0. */
		double d = w->new - w->base, blo, bhi, nlo, nhi;
		bool sweeps = sweep_range(cmp_compared(b), b->repetitions, &blo, &bhi) &&
			      sweep_range(cmp_compared(n), n->repetitions, &nlo, &nhi);

		if (t.p < o->alpha && d > o->threshold * fabs(w->base) && d > MB_COMPARE_MIN_ABS)
			w->v = V_REGRESSED;
		else if (t.p < o->alpha && -d > o->threshold * fabs(w->new) && -d > MB_COMPARE_MIN_ABS)
			w->v = V_IMPROVED;
		if (cmp_emulated)
			w->v = V_EMULATED;
		/*
		 * With sweeps on both sides (--repetitions), the sweeps must agree:
		 * the fastest new sweep slower than the slowest base sweep by half
		 * the threshold.  Samples of one sweep share its state of the host;
		 * a shift that a base sweep already showed is this host's noise.
		 */
		if (sweeps && ((w->v == V_REGRESSED && nlo - bhi <= o->threshold / 2 * fabs(w->base)) ||
			       (w->v == V_IMPROVED && blo - nhi <= o->threshold / 2 * fabs(w->new)))) {
			w->v = V_UNCHANGED;
			w->overlap = true;
		}
	}
	free(sb);
	free(sn);
}
