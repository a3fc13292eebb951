/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/judge.c - states, counts, verdict and status (src/litmus/judge.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/judge.h"

char *mb_litmus_state_string(const struct lt_test *t, const int *key)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	int k = 0;
	bool first = true;

	if (!f)
		abort();
	for (int th = 0; th < t->nthreads; th++)
		for (int j = 0; j < t->threads[th].nregs; j++, first = false)
			fprintf(f, "%s%d:%s=%d;", first ? "" : " ", th, t->threads[th].regs[j],
				key[k++]);
	for (int c = 0; c < t->ncond_locs; c++, first = false)
		fprintf(f, "%s%s=%d;", first ? "" : " ", t->locs[t->cond_locs[c]], key[k++]);
	if (fclose(f) || !buf)
		abort();
	return buf;
}

bool mb_litmus_state_positive(const struct lt_test *t, const int *key)
{
	int regs[LT_MAX_THREADS][LT_MAX_REGS], locs[LT_MAX_LOCS] = { 0 };
	const int *rp[LT_MAX_THREADS];
	int k = 0;

	for (int th = 0; th < t->nthreads; th++) {
		for (int j = 0; j < t->threads[th].nregs; j++)
			regs[th][j] = key[k++];
		rp[th] = regs[th];
	}
	for (int c = 0; c < t->ncond_locs; c++)
		locs[t->cond_locs[c]] = key[k++];
	return lt_cond_eval(t->cond, rp, locs);
}

static int cmp_hist(const void *a, const void *b)
{
	return strcmp(((const struct mb_hist_row *)a)->state, ((const struct mb_hist_row *)b)->state);
}

void mb_litmus_tally(struct mb_litmus_entry *e, const struct lt_test *t, const struct mb_hist *h)
{
	e->hist = mb_xcalloc(h->used ? h->used : 1, sizeof(*e->hist));
	e->nhist = 0;
	e->positives = e->negatives = 0;
	for (size_t i = 0; (i = mb_hist_next(h, i)) < h->cap; i++) {
		struct mb_hist_row *row = &e->hist[e->nhist++];

		row->state = mb_litmus_state_string(t, mb_hist_key(h, i));
		row->count = h->counts[i];
		row->positive = mb_litmus_state_positive(t, mb_hist_key(h, i));
		if (row->positive)
			e->positives += row->count;
		else
			e->negatives += row->count;
	}
	qsort(e->hist, e->nhist, sizeof(*e->hist), cmp_hist);
	e->iterations = e->positives + e->negatives;
	e->verdict = mb_verdict_from_counts(e->positives, e->negatives);
	e->p_upper95 = e->positives == 0 && e->iterations ? 3.0 / (double)e->iterations : 0;
}

enum mb_status mb_litmus_status(uint64_t positives, bool allowed_on_host)
{
	if (positives > 0 && !allowed_on_host)
		return MB_VIOLATION;
	if (positives == 0 && allowed_on_host)
		return MB_UNOBSERVED;
	return MB_OK;
}
