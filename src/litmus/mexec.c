/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mexec.c - every candidate execution of a lowered test, in
 * herd7's way: each thread's paths (src/litmus/mpaths.c) under every value
 * its reads may return; a candidate picks one path per thread, a write of
 * the same value for every read (rf) and an order of every location's
 * writes (co), and goes to src/litmus/mcheck.c, which drops one that breaks
 * SC per location and judges the rest by the models' axioms.  Paths with a
 * read no write can feed are pruned before the choice.
 *
 * With RMW atomicity in the co choice, locks (src/litmus/mpaths.c) are
 * lock.cat's construction: each lock write follows the unlock (or initial
 * write) it read in co, and the unlock follows its lock immediately.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/menum.h"

static bool ws_has(const struct lm_enum *en, int th, int loc, lm_val v)
{
	if (en->ws_any[th])
		return true;
	for (int i = 0; i < en->nws[th]; i++)
		if (en->wsl[th][i] == loc && en->wsv[th][i] == v)
			return true;
	return false;
}

static void ws_build(struct lm_enum *en)
{
	for (int th = 0; th < en->p->nthreads; th++) {
		const struct lm_gen *g = &en->gens[th];

		en->nws[th] = 0;
		en->ws_any[th] = false;
		for (int k = 0; k < g->ntraces; k++)
			for (int i = 0; i < g->traces[k].n; i++) {
				const struct lm_ev *e = &g->traces[k].ev[i].e;

				if (e->type != EV_W || ws_has(en, th, e->loc, e->val))
					continue;
				if (en->nws[th] == 256) {
					en->ws_any[th] = true;
					break;
				}
				en->wsl[th][en->nws[th]] = e->loc;
				en->wsv[th][en->nws[th]++] = e->val;
			}
	}
}

/*
 * Drop the paths with a read no write can feed: not the initial value,
 * not a po-earlier write of the path, not a write of another thread's
 * path.  Repeated, as dropping paths drops writes.
 */
static void paths_prune(struct lm_enum *en)
{
	bool changed = true;

	while (changed) {
		changed = false;
		ws_build(en);
		for (int th = 0; th < en->p->nthreads; th++) {
			struct lm_gen *g = &en->gens[th];
			int kept = 0;

			for (int k = 0; k < g->ntraces; k++) {
				const struct lm_trace *t = &g->traces[k];
				bool ok = true;

				for (int i = 0; i < t->n && ok; i++) {
					const struct lm_ev *e = &t->ev[i].e;
					bool fed = false;

					if (e->type != EV_R)
						continue;
					fed = en->p->init[e->loc] == e->val;
					for (int j = 0; j < i && !fed; j++)
						fed = t->ev[j].e.type == EV_W && t->ev[j].e.loc == e->loc &&
						      t->ev[j].e.val == e->val;
					for (int o = 0; o < en->p->nthreads && !fed; o++)
						fed = o != th && ws_has(en, o, e->loc, e->val);
					ok = fed;
				}
				if (ok) {
					if (kept != k)
						g->traces[kept] = *t;
					kept++;
				}
			}
			changed |= kept != g->ntraces;
			g->ntraces = kept;
		}
	}
}

/* Can every read of the events placed so far (threads 0..th) still be fed? */
static bool feedable(const struct lm_enum *en, int th, int off)
{
	const struct lm_exec *x = &en->x;

	for (int i = en->p->nlocs; i < off; i++) {
		const struct lm_ev *e = &x->ev[i];
		bool fed;

		if (e->type != EV_R)
			continue;
		fed = x->ev[e->loc].val == e->val;
		for (int w = en->p->nlocs; w < off && !fed; w++)
			fed = w != i && x->ev[w].type == EV_W && x->ev[w].loc == e->loc &&
			      x->ev[w].val == e->val && !(x->po[i] & LM_BIT(w));
		for (int o = th + 1; o < en->p->nthreads && !fed; o++)
			fed = ws_has(en, o, e->loc, e->val);
		if (!fed)
			return false;
	}
	return true;
}

/* co of locations l.. : writes placed k.. of location l */
static void co_place(struct lm_enum *en, int l, int k, lm_set placed, int prev);

static void co_loc(struct lm_enum *en, int l)
{
	if (en->stop)
		return;
	if (l == en->p->nlocs) {
		lm_candidate(en);
		return;
	}
	co_place(en, l, 0, 0, l);
}

static void co_place(struct lm_enum *en, int l, int k, lm_set placed, int prev)
{
	struct lm_exec *x = &en->x;
	int needed = -1;

	if (k == en->nw[l]) {
		co_loc(en, l + 1);
		return;
	}
	/* Atomicity: the RMW write whose read took prev's value comes next. */
	for (int i = 0; i < en->nw[l]; i++) {
		int w = en->ws[l][i];

		if (en->rmw_of[w] >= 0 && !(placed & LM_BIT(w)) &&
		    en->rf_ev[en->rmw_of[w]] == prev) {
			needed = w;
			break;
		}
	}
	for (int i = 0; i < en->nw[l] && !en->stop; i++) {
		int w = en->ws[l][i];
		lm_set before;

		if (placed & LM_BIT(w))
			continue;
		if (needed >= 0 && w != needed)
			continue;
		if (en->rmw_of[w] >= 0 && en->rf_ev[en->rmw_of[w]] != prev)
			continue;
		/* Same-thread writes keep program order (coherence). */
		before = 0;
		for (int j = 0; j < en->nw[l]; j++) {
			int w2 = en->ws[l][j];

			if (x->po[w2] & LM_BIT(w))
				before |= LM_BIT(w2);
		}
		if ((before & placed) != before)
			continue;
		en->coseq[l][k] = w;
		co_place(en, l, k + 1, placed | LM_BIT(w), w);
	}
}

static void rf_pick(struct lm_enum *en, int i)
{
	if (en->stop)
		return;
	if (i == en->nreads) {
		co_loc(en, 0);
		return;
	}
	for (int k = 0; k < en->nsrc[i] && !en->stop; k++) {
		int w = en->src[i][k];

		/* Not from a po-later write of its own thread (coherence). */
		if (en->x.po[en->reads[i]] & LM_BIT(w))
			continue;
		en->rfsrc[i] = w;
		en->rf_ev[en->reads[i]] = w;
		rf_pick(en, i + 1);
	}
}

/* The chosen paths are in place: relations that do not depend on rf / co. */
static void paths_chosen(struct lm_enum *en)
{
	struct lm_exec *x = &en->x;
	int n = x->n;

	x->all = n == 64 ? ~(lm_set)0 : LM_BIT(n) - 1;
	x->R = x->W = x->F = x->IW = 0;
	x->has_plain = x->has_rcu = x->has_srcu = false;
	for (int i = 0; i < n; i++) {
		const struct lm_ev *e = &x->ev[i];

		x->loc[i] = 0;
		x->ext[i] = 0;
		if (e->type == EV_R)
			x->R |= LM_BIT(i);
		else if (e->type == EV_W)
			x->W |= LM_BIT(i);
		else
			x->F |= LM_BIT(i);
		if (e->flags & EVF_INIT)
			x->IW |= LM_BIT(i);
		if (e->type != EV_F && !(e->flags & EVF_INIT) && e->ann == LA_PLAIN &&
		    !(e->flags & ~EVF_FAILED))
			x->has_plain = true;
		if (e->type == EV_F && (e->fence == LF_RCU_LOCK || e->fence == LF_SYNC_RCU ||
					e->fence == LF_RCU_UNLOCK))
			x->has_rcu = true;
		if (e->flags & (EVF_SRCU_LOCK | EVF_SYNC_SRCU))
			x->has_srcu = true;
	}
	x->M = x->R | x->W;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			if (x->ev[i].loc >= 0 && x->ev[i].loc == x->ev[j].loc)
				x->loc[i] |= LM_BIT(j);
			if (x->ev[i].thread != x->ev[j].thread || x->ev[i].thread < 0)
				x->ext[i] |= LM_BIT(j);
		}
	/* reads and their possible sources; writes per location */
	en->nreads = 0;
	for (int l = 0; l < en->p->nlocs; l++)
		en->nw[l] = 0;
	for (int i = 0; i < n; i++)
		if ((x->W & LM_BIT(i)) && !(x->IW & LM_BIT(i)))
			en->ws[x->ev[i].loc][en->nw[x->ev[i].loc]++] = i;
	for (int i = 0; i < n; i++) {
		int k = en->nreads;

		if (!(x->R & LM_BIT(i)))
			continue;
		en->reads[en->nreads++] = i;
		en->nsrc[k] = 0;
		for (int w = 0; w < n; w++)
			if ((x->W & LM_BIT(w)) && x->ev[w].loc == x->ev[i].loc &&
			    x->ev[w].val == x->ev[i].val && w != i &&
			    !(x->ev[w].thread == x->ev[i].thread && (x->po[i] & LM_BIT(w))))
				en->src[k][en->nsrc[k]++] = w;
		if (!en->nsrc[k])
			return;		/* no write gives this read its value */
	}
	rf_pick(en, 0);
}

static void path_pick(struct lm_enum *en, int th, int off)
{
	struct lm_exec *x = &en->x;

	if (en->stop)
		return;
	if (th == en->p->nthreads) {
		x->n = off;
		/* The paths keep dependencies at their target; relations go
		 * from the read. */
		r_inverse(off, x->addr, en->taddr);
		r_inverse(off, x->data, en->tdata);
		r_inverse(off, x->ctrl, en->tctrl);
		paths_chosen(en);
		return;
	}
	for (int k = 0; k < en->gens[th].ntraces && !en->stop; k++) {
		const struct lm_trace *t = &en->gens[th].traces[k];

		if (++en->ncand > LM_MAX_CAND) {
			en->r->too_big = true;
			snprintf(en->r->why_big, sizeof(en->r->why_big),
				 "more than %ld candidate executions", LM_MAX_CAND);
			en->stop = true;
			return;
		}

		if (off + t->n > LM_MAXEV) {
			en->r->too_big = true;
			snprintf(en->r->why_big, sizeof(en->r->why_big), "more than %d events",
				 LM_MAXEV);
			en->stop = true;
			return;
		}
		for (int i = 0; i < t->n; i++) {
			int g = off + i;

			x->ev[g] = t->ev[i].e;
			en->taddr[g] = t->ev[i].addr << off;
			en->tdata[g] = t->ev[i].data << off;
			en->tctrl[g] = t->ev[i].ctrl << off;
			x->rmw[g] = 0;
			en->rmw_of[g] = -1;
			x->po[g] = t->n - i - 1 > 0 ?
				   ((LM_BIT(t->n - i - 1) - 1) << (g + 1)) : 0;
		}
		for (int i = 0; i < t->n; i++)
			if (t->ev[i].rmw_with >= 0) {
				x->rmw[off + i] = LM_BIT(off + t->ev[i].rmw_with);
				en->rmw_of[off + t->ev[i].rmw_with] = off + i;
			}
		memcpy(x->regs[th], t->regs, sizeof(t->regs));
		if (feedable(en, th, off + t->n))
			path_pick(en, th + 1, off + t->n);
	}
}

void lm_run(const struct lm_prog *p, bool full, struct lm_result *r)
{
	lm_run_keep(p, full, r, NULL);
}

void lm_run_keep(const struct lm_prog *p, bool full, struct lm_result *r, struct lm_keep *keep)
{
	static __thread struct lm_enum en;
	struct lm_gen *gens;

	memset(r, 0, sizeof(*r));
	gens = calloc((size_t)(p->nthreads ? p->nthreads : 1), sizeof(*gens));
	if (!gens) {
		r->too_big = true;
		snprintf(r->why_big, sizeof(r->why_big), "out of memory");
		return;
	}
	if (lm_paths_all(p, gens, r->why_big, sizeof(r->why_big))) {
		r->too_big = true;
		goto out;
	}
	memset(&en, 0, sizeof(en));
	en.p = p;
	en.gens = gens;
	en.full = full;
	en.r = r;
	en.keep = keep;
	if (keep)
		memset(keep, 0, sizeof(*keep));
	en.x.p = p;
	if (p->nlocs > LM_MAXEV) {
		r->too_big = true;
		goto out;
	}
	for (int l = 0; l < p->nlocs; l++) {
		struct lm_ev *e = &en.x.ev[l];

		memset(e, 0, sizeof(*e));
		e->thread = -1;
		e->type = EV_W;
		e->ann = LA_ONCE;
		e->flags = EVF_INIT;
		e->loc = (int8_t)l;
		e->stmt = -1;
		e->val = p->init[l];
		en.taddr[l] = en.tdata[l] = en.tctrl[l] = en.x.rmw[l] = en.x.po[l] = 0;
		en.rmw_of[l] = -1;
	}
	paths_prune(&en);
	path_pick(&en, 0, p->nlocs);
out:
	for (int th = 0; th < p->nthreads; th++)
		free(gens[th].traces);
	free(gens);
}
