/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare_match.c - `membench compare`'s rows
 * (src/commands/compare.h): each cost row of the base matched with the new
 * file's by barrier x context, judged (src/commands/compare_judge.c), the
 * rows in one file only listed as removed or added; then the table
 * (src/commands/compare_print.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/compare.h"
#include "commands/engines.h"
#include "result/result.h"

/*
 * Rows are matched by barrier x context through a sorted index of each
 * file (O(n log n): a quadratic match took 32 s for 40k rows).  Entries of
 * one result are one array, so address order is file order: among equal
 * keys the first in the file comes first.
 */
static int key_cmp(const struct mb_cost_entry *a, const struct mb_cost_entry *b)
{
	int c = strcmp(a->barrier ? a->barrier : "", b->barrier ? b->barrier : "");

	return c ? c : strcmp(a->context ? a->context : "", b->context ? b->context : "");
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct mb_cost_entry *a = *(const struct mb_cost_entry *const *)pa;
	const struct mb_cost_entry *b = *(const struct mb_cost_entry *const *)pb;
	int c = key_cmp(a, b);

	return c ? c : (a > b) - (a < b);
}

struct index {
	const struct mb_cost_entry **v;
	size_t n;
};

static void index_make(struct index *x, const struct mb_result *r)
{
	x->n = r->ncost;
	x->v = mb_xcalloc(r->ncost ? r->ncost : 1, sizeof(*x->v));
	for (size_t i = 0; i < r->ncost; i++)
		x->v[i] = &r->cost[i];
	qsort(x->v, x->n, sizeof(*x->v), entry_cmp);
}

/* The first entry (in file order) with k's barrier x context, or NULL. */
static const struct mb_cost_entry *find(const struct index *x, const struct mb_cost_entry *k)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(x->v[mid], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && !key_cmp(x->v[lo], k) ? x->v[lo] : NULL;
}

int cmp_match(const struct mb_options *o, const struct mb_result *b, const struct mb_result *n,
	      const struct notes *ns)
{
	struct row *rows = mb_xcalloc(b->ncost + n->ncost + 1, sizeof(*rows));
	size_t nrows = 0, count[V_COUNT] = { 0 };
	struct index xb, xn;

	index_make(&xb, b);
	index_make(&xn, n);
	for (size_t i = 0; i < b->ncost; i++) {
		const struct mb_cost_entry *e = &b->cost[i], *m = find(&xn, e);
		struct row *w;

		if (find(&xb, e) != e)
			continue;	/* a duplicate row: the first one counts */
		w = &rows[nrows++];
		w->barrier = e->barrier;
		w->context = e->context;
		if (m) {
			cmp_judge(w, e, m, o);
		} else {
			w->v = V_REMOVED;
			w->base = e->supported ? cmp_compared(e)->median : NAN;
			w->new = w->change = w->p = NAN;
		}
		count[w->v]++;
	}
	for (size_t i = 0; i < n->ncost; i++) {
		const struct mb_cost_entry *e = &n->cost[i];
		struct row *w;

		if (find(&xb, e) || find(&xn, e) != e)
			continue;
		w = &rows[nrows++];
		w->barrier = e->barrier;
		w->context = e->context;
		w->v = V_ADDED;
		w->new = e->supported ? cmp_compared(e)->median : NAN;
		w->base = w->change = w->p = NAN;
		count[w->v]++;
	}
	free(xb.v);
	free(xn.v);
	if (b->interrupted || n->interrupted)
		fprintf(stderr, "membench: note: %s was interrupted: the rows it lacks are listed as "
			"%s, and fail nothing\n", mb_esc(n->interrupted ? o->new_path : o->base_path),
			n->interrupted ? "removed" : "added");
	cmp_print(o, b, rows, nrows, count, ns);
	free(rows);
	return count[V_REGRESSED] ? MB_EXIT_FAIL : MB_EXIT_OK;
}
