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
	/* herd's spelling: a pointer is the name of the location it points to */
#define VALUE_(ptr, v) \
	((ptr) && (v) >= 1 && (v) <= t->nlocs ? t->locs[LT_PTR_LOC(v)] : \
	 (snprintf(num, sizeof(num), "%d", (v)), num))
	char num[16];

	for (int th = 0; th < t->nthreads; th++)
		for (int j = 0; j < t->threads[th].nregs; j++, k++) {
			if (t->threads[th].reg_hidden[j])	/* the parser's, not the file's */
				continue;
			fprintf(f, "%s%d:%s=%s;", first ? "" : " ", th, t->threads[th].regs[j],
				VALUE_(t->threads[th].reg_ptr[j], key[k]));
			first = false;
		}
	for (int c = 0; c < t->ncond_locs; c++, first = false) {
		int l = t->cond_locs[c];

		fprintf(f, "%s%s=%s;", first ? "" : " ", t->locs[l],
			VALUE_(t->loc_type[l] == LT_T_PTR, key[k]));
		k++;
	}
#undef VALUE_
	if (fclose(f) || !buf)
		abort();
	return buf;
}

/* Condition c on the final state key (registers, then the recorded locations). */
static bool state_eval(const struct lt_test *t, const struct lt_cond *c, const int *key)
{
	int regs[LT_MAX_THREADS][LT_MAX_REGS], locs[LT_MAX_LOCS] = { 0 };
	const int *rp[LT_MAX_THREADS];
	int k = 0;

	for (int th = 0; th < t->nthreads; th++) {
		for (int j = 0; j < t->threads[th].nregs; j++)
			regs[th][j] = key[k++];
		rp[th] = regs[th];
	}
	for (int i = 0; i < t->ncond_locs; i++)
		locs[t->cond_locs[i]] = key[k++];
	return lt_cond_eval(c, rp, locs);
}

bool mb_litmus_state_positive(const struct lt_test *t, const int *key)
{
	return state_eval(t, t->cond, key);
}

static int cmp_hist(const void *a, const void *b)
{
	return strcmp(((const struct mb_hist_row *)a)->state, ((const struct mb_hist_row *)b)->state);
}

void mb_litmus_tally(struct mb_litmus_entry *e, const struct lt_test *t, const struct mb_hist *h)
{
	e->hist = mb_xcalloc(h->used ? h->used : 1, sizeof(*e->hist));
	e->nhist = 0;
	uint64_t filtered = 0;

	e->positives = e->negatives = 0;
	for (size_t i = 0; (i = mb_hist_next(h, i)) < h->cap; i++) {
		struct mb_hist_row *row = &e->hist[e->nhist++];

		row->state = mb_litmus_state_string(t, mb_hist_key(h, i));
		row->count = h->counts[i];
		row->positive = mb_litmus_state_positive(t, mb_hist_key(h, i));
		/* herd's filter: a final state outside it is not an outcome of the test */
		if (t->filter && !state_eval(t, t->filter, mb_hist_key(h, i))) {
			row->positive = false;
			filtered += row->count;
		} else if (row->positive) {
			e->positives += row->count;
		} else {
			e->negatives += row->count;
		}
	}
	qsort(e->hist, e->nhist, sizeof(*e->hist), cmp_hist);
	e->iterations = e->positives + e->negatives + filtered;
	e->verdict = mb_verdict_from_counts(e->positives, e->negatives);
	e->p_upper95 = e->positives == 0 && e->positives + e->negatives ?
		       3.0 / (double)(e->positives + e->negatives) : 0;
}
