/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/lkmm.c - the Linux-kernel memory model, as the kernel's
 * tools/memory-model/linux-kernel.cat, linux-kernel.bell and lock.cat
 * define it (the lkmmv2 form: fully ordered RMWs carry Mb tags, failed
 * RMWs order nothing), over one candidate execution (src/litmus/mexec.h).
 * Each definition below names the cat relation it computes; SC per
 * location and RMW atomicity (lock.cat's lock pairing included) are
 * already enforced by the enumeration.
 *
 * One addition: a barrier named in membarrier's naming that is not one
 * of the kernel's (an acquire or release fence, from the fence() slot)
 * orders the access pairs its class names, as ppo, and a release fence
 * is A-cumulative like po-rel.
 */
#include <string.h>

#include "litmus/mexec.h"

/* The LKMM's fence kind of event i (EV_F), named barriers decoded. */
static int lk_fence(const struct lm_ev *e, unsigned *cls)
{
	unsigned c;

	*cls = 0;
	if (e->fence != LF_NAMED)
		return e->fence;
	c = lm_class(MB_LKMM, e->id, e->mpeer);
	if (c & F_UNKNOWN || !c)
		return LF_BARRIER;
	if ((c & F_FULL) == F_FULL)
		return LF_MB;
	if (c == O_RR)
		return LF_RMB;
	if (c & F_CUMUL)
		return LF_WMB;
	*cls = c;
	return LF_NAMED;
}

struct lk {
	int n;
	lm_set Marked, Plain, Acquire, Release, Mb, Noreturn, RMW, LKW, LKR, UL;
	lm_set fk[LF_NKINDS];		/* fence events per kind */
	lm_rel int_, rfe, rfi, coe, fre, overwrite, addr, data, ctrl;
	lm_rel fr_rmb, mb, strong, po_rel, acq_po, pulp, fence, nonrw, wmb, rmb, gf_acum;
	lm_rel cumul, prop, hb, hbs, pb, pbs;
	lm_rel rcu_fence, rb;
};

static __thread struct lk K;

static void po_opt(const struct lm_exec *x, lm_set *out)
{
	r_opt(x->n, out, x->po);
}

/* [dom] ; po? ; [mid] ; fencerel(F) ; [ran] */
static void mb_after(const struct lm_exec *x, lm_set mid, lm_set f, lm_set *out, bool po_first)
{
	int n = x->n;
	lm_rel a, fr;

	if (po_first)
		po_opt(x, a);
	else
		r_restrict(n, a, x->po, x->all, x->all);
	r_restrict(n, a, a, x->M, mid);
	lm_fencerel(x, f, fr);
	r_seq(n, a, a, fr);
	r_restrict(n, a, a, x->M, x->M);
	r_union(n, out, a);
}

/* The sets and relations that do not depend on rf/co are rebuilt each
 * time: cheap next to the closures. */
static void lk_sets(const struct lm_exec *x, struct lk *k)
{
	int n = x->n;

	memset(k->fk, 0, sizeof(k->fk));
	k->n = n;
	k->Marked = k->Acquire = k->Release = k->Mb = k->Noreturn = k->RMW = 0;
	k->LKW = k->LKR = k->UL = 0;
	for (int i = 0; i < n; i++) {
		const struct lm_ev *e = &x->ev[i];
		lm_set b = LM_BIT(i);
		bool failed = e->flags & EVF_FAILED;

		if (e->type == EV_F) {
			unsigned cls;

			k->Marked |= b;
			k->fk[lk_fence(e, &cls)] |= b;
			continue;
		}
		if ((e->flags & ~EVF_FAILED) || e->ann != LA_PLAIN)
			k->Marked |= b;
		if ((e->ann == LA_ACQUIRE && e->type == EV_R && !failed) || (e->flags & EVF_LKR))
			k->Acquire |= b;
		if ((e->ann == LA_RELEASE && e->type == EV_W && !failed) || (e->flags & EVF_UL))
			k->Release |= b;
		if (e->ann == LA_MB && !failed)
			k->Mb |= b;
		if (e->ann == LA_NORETURN && e->type == EV_R)
			k->Noreturn |= b;
		if (e->flags & EVF_RMW)
			k->RMW |= b;
		if (e->flags & EVF_LKW)
			k->LKW |= b;
		if (e->flags & EVF_LKR)
			k->LKR |= b;
		if (e->flags & EVF_UL)
			k->UL |= b;
	}
	k->Plain = x->M & ~k->Marked;
}

/* The rcu-rscs pairs: each rcu_read_lock() with its rcu_read_unlock(), nested. */
static void rcu_rscs(const struct lm_exec *x, const struct lk *k, lm_set *out)
{
	int stack[LM_MAXEV], sp = 0, th = -2;

	r_clear(x->n, out);
	for (int i = 0; i < x->n; i++) {
		if (x->ev[i].thread != th) {
			th = x->ev[i].thread;
			sp = 0;
		}
		if (k->fk[LF_RCU_LOCK] & LM_BIT(i))
			stack[sp++] = i;
		else if ((k->fk[LF_RCU_UNLOCK] & LM_BIT(i)) && sp)
			out[stack[--sp]] |= LM_BIT(i);
	}
}

static void lk_rcu(const struct lm_exec *x, struct lk *k)
{
	int n = x->n;
	lm_rel rscsi, srscsi, link, ro, a, b, t;
	lm_set sync = k->fk[LF_SYNC_RCU], ssync = ev_flagged(x, EVF_SYNC_SRCU);
	lm_set slock = ev_flagged(x, EVF_SRCU_LOCK), sunlock = ev_flagged(x, EVF_SRCU_UNLOCK);
	bool changed = true;

	rcu_rscs(x, k, a);
	r_inverse(n, rscsi, a);
	/* srcu-rscs = ([Srcu-lock]; (data; [~Srcu-unlock]; rf)*; data; [Srcu-unlock]) & loc */
	r_restrict(n, t, x->data, x->all, ~sunlock);
	r_seq(n, t, t, x->rf);
	r_star(n, t, t);
	r_seq(n, t, t, x->data);
	r_restrict(n, t, t, slock, sunlock);
	r_inter(n, t, x->loc);
	r_inverse(n, srscsi, t);
	/* rcu-link = po? ; hb* ; pb* ; prop ; po */
	r_opt(n, link, x->po);
	r_seq(n, link, link, k->hbs);
	r_seq(n, link, link, k->pbs);
	r_seq(n, link, link, k->prop);
	r_seq(n, link, link, x->po);
	/* rcu-order, the least fixpoint */
	r_clear(n, ro);
	for (int i = 0; i < n; i++)
		ro[i] = (sync | ssync) & LM_BIT(i);
	while (changed) {
		lm_rel nro, l_ro_l, gl, sl;

		r_copy(n, nro, ro);
		r_seq(n, l_ro_l, link, ro);
		r_seq(n, l_ro_l, l_ro_l, link);
		r_opt(n, t, l_ro_l);	/* rcu-link ; (rcu-order ; rcu-link)? built below */
		/* gp ; (rcu-link | rcu-link;RO;rcu-link) ; rscsi and mirrors */
		for (int i = 0; i < n; i++)
			gl[i] = link[i] | l_ro_l[i];
		/* rcu-gp ; X ; rcu-rscsi */
		r_restrict(n, a, gl, sync, x->all);
		r_seq(n, a, a, rscsi);
		r_union(n, nro, a);
		/* rcu-rscsi ; X ; rcu-gp */
		r_seq(n, a, rscsi, gl);
		r_restrict(n, a, a, x->all, sync);
		r_union(n, nro, a);
		/* srcu forms, & loc */
		r_restrict(n, a, gl, ssync, x->all);
		r_seq(n, a, a, srscsi);
		r_inter(n, a, x->loc);
		r_union(n, nro, a);
		r_seq(n, sl, srscsi, gl);
		r_restrict(n, sl, sl, x->all, ssync);
		r_inter(n, sl, x->loc);
		r_union(n, nro, sl);
		/* rcu-order ; rcu-link ; rcu-order */
		r_seq(n, a, ro, link);
		r_seq(n, a, a, ro);
		r_union(n, nro, a);
		changed = memcmp(nro, ro, sizeof(lm_set) * (size_t)n) != 0;
		r_copy(n, ro, nro);
	}
	/* rcu-fence = po ; rcu-order ; po? */
	r_seq(n, k->rcu_fence, x->po, ro);
	r_opt(n, b, x->po);
	r_seq(n, k->rcu_fence, k->rcu_fence, b);
	/* rb = prop ; rcu-fence ; hb* ; pb* ; [Marked] */
	r_seq(n, k->rb, k->prop, k->rcu_fence);
	r_seq(n, k->rb, k->rb, k->hbs);
	r_seq(n, k->rb, k->rb, k->pbs);
	r_restrict(n, k->rb, k->rb, x->all, k->Marked);
}

/* Plain accesses: the plain-coherence axiom and the data-race flag. */
static const char *lk_plain(const struct lm_exec *x, struct lk *k, bool has_rb, bool *race)
{
	int n = x->n;
	lm_rel xb, vis, fence2, strong2, a, b, wpre, rpre, wpost, rpost, wwvis, wrvis, rwxb, pre,
	       rmbf, t;
	lm_set R4rmb = x->R & ~k->Noreturn;

	for (int i = 0; i < n; i++) {
		xb[i] = k->hb[i] | k->pb[i] | (has_rb ? k->rb[i] : 0);
		fence2[i] = k->fence[i] | (has_rb ? k->rcu_fence[i] : 0);
		strong2[i] = k->strong[i] | (has_rb ? k->rcu_fence[i] : 0);
	}
	r_star(n, xb, xb);
	/* vis = cumul-fence* ; rfe? ; [Marked] ; ((strong-fence ; [Marked] ; xbstar) | (xbstar & int)) */
	r_restrict(n, a, strong2, x->all, k->Marked);
	r_seq(n, a, a, xb);
	for (int i = 0; i < n; i++)
		a[i] |= xb[i] & k->int_[i];
	r_star(n, vis, k->cumul);
	r_opt(n, b, k->rfe);
	r_seq(n, vis, vis, b);
	r_restrict(n, vis, vis, x->all, k->Marked);
	r_seq(n, vis, vis, a);
	/* fencerel(Rmb) pieces */
	lm_fencerel(x, k->fk[LF_RMB], rmbf);
	/* w-pre-bounded = [Marked] ; (addr | fence)? */
	for (int i = 0; i < n; i++)
		wpre[i] = (k->Marked & LM_BIT(i)) ? (k->addr[i] | fence2[i] | LM_BIT(i)) : 0;
	/* r-pre-bounded = [Marked] ; (addr | nonrw-fence | ([R4rmb] ; fencerel(Rmb) ; [~Noreturn]))? */
	r_restrict(n, t, rmbf, R4rmb, ~k->Noreturn);
	for (int i = 0; i < n; i++)
		rpre[i] = (k->Marked & LM_BIT(i)) ?
			  (k->addr[i] | k->nonrw[i] | t[i] | LM_BIT(i)) : 0;
	/* w-post-bounded = fence? ; [Marked] */
	for (int i = 0; i < n; i++)
		wpost[i] = (fence2[i] | LM_BIT(i)) & k->Marked;
	/* r-post-bounded = (nonrw-fence | ([~Noreturn] ; fencerel(Rmb) ; [R4rmb]))? ; [Marked] */
	r_restrict(n, t, rmbf, ~k->Noreturn, R4rmb);
	for (int i = 0; i < n; i++)
		rpost[i] = (k->nonrw[i] | t[i] | LM_BIT(i)) & k->Marked;
	/* ww-vis, wr-vis, rw-xbstar */
	r_seq(n, a, strong2, xb);
	r_seq(n, b, wpost, vis);
	r_seq(n, wwvis, a, wpre);
	r_seq(n, t, b, wpre);
	r_union(n, wwvis, t);
	r_union(n, wwvis, fence2);
	r_seq(n, wrvis, a, rpre);
	r_seq(n, t, b, rpre);
	r_union(n, wrvis, t);
	r_union(n, wrvis, fence2);
	r_seq(n, rwxb, rpost, xb);
	r_seq(n, rwxb, rwxb, wpre);
	r_union(n, rwxb, fence2);
	/* pre-race = ext & ((Plain * M) | ((M \ IW) * Plain)) */
	for (int i = 0; i < n; i++) {
		lm_set row = 0;

		if (k->Plain & LM_BIT(i))
			row |= x->M;
		if ((x->M & ~x->IW) & LM_BIT(i))
			row |= k->Plain;
		pre[i] = row & x->ext[i] & ~LM_BIT(i);
	}
	/* plain-coherence: (pre-race & rf & rw-xbstar^-1), fr & wr-vis^-1, co & ww-vis^-1 */
	{
		lm_rel i1, i2, i3;

		r_inverse(n, i1, rwxb);
		r_inverse(n, i2, wrvis);
		r_inverse(n, i3, wwvis);
		for (int i = 0; i < n; i++)
			if (pre[i] & ((x->rf[i] & i1[i]) | (x->fr[i] & i2[i]) | (x->co[i] & i3[i]))) {
				/* the 2-cycles: a race edge one way, visibility back */
				lm_set js = pre[i] & ((x->rf[i] & i1[i]) | (x->fr[i] & i2[i]) |
						      (x->co[i] & i3[i]));

				r_clear(n, a);
				a[i] = js;
				for (; js; js &= js - 1)
					a[__builtin_ctzll(js)] |= LM_BIT(i);
				return lm_ax_fail(x, "plain-coherence", false, a);
			}
		/* races */
		r_opt(n, a, x->co);
		r_seq(n, a, a, x->rf);
		for (int i = 0; i < n; i++) {
			lm_set ww_nonrace, ww_race, wr_race, rw_race;

			ww_nonrace = wwvis[i] &
				     (((k->Marked & LM_BIT(i)) ? x->W : 0) | rwxb[i]) &
				     (((x->W & LM_BIT(i)) ? k->Marked : 0) | wrvis[i]);
			ww_race = (pre[i] & x->co[i]) & ~ww_nonrace;
			wr_race = (pre[i] & a[i]) & ~wrvis[i] & ~i1[i];
			rw_race = (pre[i] & x->fr[i]) & ~rwxb[i];
			if (ww_race | wr_race | rw_race)
				*race = true;
		}
	}
	return NULL;
}

const char *lm_lkmm_check(const struct lm_exec *x, bool *data_race)
{
	struct lk *k = &K;
	int n = x->n;
	lm_rel a, b, t;
	lm_set M = x->M;

	*data_race = false;
	lk_sets(x, k);
	for (int i = 0; i < n; i++) {
		k->int_[i] = ~x->ext[i] & x->all;
		k->rfe[i] = x->rf[i] & x->ext[i];
		k->rfi[i] = x->rf[i] & ~x->ext[i];
		k->coe[i] = x->co[i] & x->ext[i];
		k->fre[i] = x->fr[i] & x->ext[i];
		k->overwrite[i] = x->co[i] | x->fr[i];
	}
	/* carry-dep = (data ; [~Srcu-unlock] ; rfi)*, then addr, ctrl, data through it */
	{
		lm_rel cd;

		r_restrict(n, cd, x->data, x->all, ~ev_flagged(x, EVF_SRCU_UNLOCK));
		r_seq(n, cd, cd, k->rfi);
		r_star(n, cd, cd);
		r_seq(n, k->addr, cd, x->addr);
		r_seq(n, k->ctrl, cd, x->ctrl);
		r_seq(n, k->data, cd, x->data);
	}

	/* acq-po, po-rel, po-unlock-lock-po */
	r_restrict(n, k->acq_po, x->po, k->Acquire, M);
	r_restrict(n, k->po_rel, x->po, M, k->Release);
	for (int i = 0; i < n; i++)
		a[i] = x->po[i] | x->rf[i];
	r_restrict(n, t, a, k->UL, k->LKR);
	r_seq(n, t, x->po, t);
	r_seq(n, k->pulp, t, x->po);

	/* rmb, wmb */
	lm_fencerel(x, k->fk[LF_RMB], t);
	r_restrict(n, k->rmb, t, x->R & ~k->Noreturn, x->R & ~k->Noreturn);
	lm_fencerel(x, k->fk[LF_WMB], t);
	r_restrict(n, k->wmb, t, x->W, x->W);

	/* mb */
	lm_fencerel(x, k->fk[LF_MB], k->mb);
	r_restrict(n, k->mb, k->mb, M, M);
	r_restrict(n, t, x->po, M, k->Mb & x->R);
	r_union(n, k->mb, t);
	r_restrict(n, t, x->po, k->Mb & x->W, M);
	r_union(n, k->mb, t);
	/* [M] ; fencerel(Before-atomic) ; [RMW] ; po? ; [M] */
	lm_fencerel(x, k->fk[LF_BEFORE_ATOMIC], t);
	r_restrict(n, t, t, M, k->RMW);
	r_opt(n, a, x->po);
	r_seq(n, t, t, a);
	r_restrict(n, t, t, M, M);
	r_union(n, k->mb, t);
	/* [M] ; po? ; [RMW] ; fencerel(After-atomic) ; [M] */
	mb_after(x, k->RMW, k->fk[LF_AFTER_ATOMIC], k->mb, true);
	/* [M] ; po? ; [LKW] ; fencerel(After-spinlock) ; [M] */
	mb_after(x, k->LKW, k->fk[LF_AFTER_SPINLOCK], k->mb, true);
	/* [M] ; po ; [UL] ; (co | po) ; [LKW] ; fencerel(After-unlock-lock) ; [M] */
	r_restrict(n, a, x->po, M, k->UL);
	for (int i = 0; i < n; i++)
		b[i] = x->co[i] | x->po[i];
	r_restrict(n, b, b, k->UL, k->LKW);
	r_seq(n, a, a, b);
	lm_fencerel(x, k->fk[LF_AFTER_UNLOCK_LOCK], t);
	r_seq(n, a, a, t);
	r_restrict(n, a, a, M, M);
	r_union(n, k->mb, a);

	/* gp = po ; [Sync-rcu | Sync-srcu] ; po?, strong-fence = mb | gp */
	r_copy(n, k->strong, k->mb);
	{
		lm_set gps = k->fk[LF_SYNC_RCU] | ev_flagged(x, EVF_SYNC_SRCU);

		if (gps) {
			r_restrict(n, a, x->po, x->all, gps);
			r_opt(n, b, x->po);
			r_seq(n, a, a, b);
			r_union(n, k->strong, a);
		}
	}
	/* Barriers outside the kernel's set (acquire / release fences). */
	r_clear(n, k->gf_acum);
	r_clear(n, t);
	for (int f = 0; f < n; f++) {
		unsigned cls;

		if (!(k->fk[LF_NAMED] & LM_BIT(f)))
			continue;
		lk_fence(&x->ev[f], &cls);
		for (int i = 0; i < n; i++) {
			if (!(x->po[i] & LM_BIT(f)) || !(M & LM_BIT(i)))
				continue;
			for (lm_set y = x->po[f] & M; y; y &= y - 1) {
				int j = __builtin_ctzll(y);
				bool wi = x->W & LM_BIT(i), wj = x->W & LM_BIT(j);
				unsigned bit = wi ? (wj ? O_WW : O_WR) : (wj ? O_RW : O_RR);

				if (!(cls & bit))
					continue;
				t[i] |= LM_BIT(j);
				if ((cls & F_ACUMUL) && wj)
					k->gf_acum[i] |= LM_BIT(j);
			}
		}
	}
	/* nonrw-fence = strong-fence | po-rel | acq-po; fence = nonrw-fence | wmb | rmb */
	for (int i = 0; i < n; i++) {
		k->nonrw[i] = k->strong[i] | k->po_rel[i] | k->acq_po[i] | t[i];
		k->fence[i] = k->nonrw[i] | k->wmb[i] | k->rmb[i];
	}

	/* ppo = to-r | to-w | fence | (po-unlock-lock-po & int) */
	{
		lm_rel ppo;

		/* to-w = rwdep | (overwrite & int) | (addr ; [Plain] ; wmb) */
		for (int i = 0; i < n; i++)
			ppo[i] = ((k->addr[i] | k->data[i] | k->ctrl[i]) & x->W) |
				 (k->overwrite[i] & k->int_[i]);
		r_restrict(n, a, k->addr, x->all, k->Plain);
		r_seq(n, a, a, k->wmb);
		r_union(n, ppo, a);
		/* to-r = addr | (dep ; [Marked] ; rfi) */
		for (int i = 0; i < n; i++)
			a[i] = k->addr[i] | k->data[i];
		r_restrict(n, a, a, x->all, k->Marked);
		r_seq(n, a, a, k->rfi);
		r_union(n, ppo, a);
		r_union(n, ppo, k->addr);
		r_union(n, ppo, k->fence);
		for (int i = 0; i < n; i++)
			ppo[i] |= k->pulp[i] & k->int_[i];

		/* cumul-fence = [Marked] ; (A-cumul(strong-fence | po-rel) | wmb |
		 *	po-unlock-lock-po) ; [Marked],  A-cumul(r) = (rfe ; [Marked])? ; r */
		for (int i = 0; i < n; i++)
			t[i] = k->strong[i] | k->po_rel[i] | k->gf_acum[i];
		r_restrict(n, a, k->rfe, x->all, k->Marked);
		r_opt(n, a, a);
		r_seq(n, a, a, t);
		for (int i = 0; i < n; i++)
			a[i] |= k->wmb[i] | k->pulp[i];
		r_restrict(n, k->cumul, a, k->Marked, k->Marked);
		/* prop = [Marked] ; (overwrite & ext)? ; cumul-fence* ; [Marked] ; rfe? ; [Marked] */
		for (int i = 0; i < n; i++)
			a[i] = k->overwrite[i] & x->ext[i];
		r_opt(n, a, a);
		r_restrict(n, a, a, k->Marked, x->all);
		r_star(n, b, k->cumul);
		r_seq(n, a, a, b);
		r_restrict(n, a, a, x->all, k->Marked);
		r_opt(n, b, k->rfe);
		r_seq(n, a, a, b);
		r_restrict(n, k->prop, a, x->all, k->Marked);
		/* hb = [Marked] ; (ppo | rfe | ((prop \ id) & int)) ; [Marked] */
		for (int i = 0; i < n; i++)
			a[i] = ppo[i] | k->rfe[i] | (k->prop[i] & ~LM_BIT(i) & k->int_[i]);
		r_restrict(n, k->hb, a, k->Marked, k->Marked);
	}
	for (int i = 0; i < n; i++)
		t[i] = k->hb[i] | k->strong[i];
	lm_ax_ord(x, t);
	if (!r_acyclic(n, k->hb))
		return lm_ax_fail(x, "happens-before (acyclic hb)", false, k->hb);
	r_star(n, k->hbs, k->hb);
	/* pb = prop ; strong-fence ; hb* ; [Marked] */
	r_seq(n, k->pb, k->prop, k->strong);
	r_seq(n, k->pb, k->pb, k->hbs);
	r_restrict(n, k->pb, k->pb, x->all, k->Marked);
	if (!r_acyclic(n, k->pb))
		return lm_ax_fail(x, "propagation (acyclic pb)", false, k->pb);
	r_star(n, k->pbs, k->pb);
	if (x->has_rcu || x->has_srcu) {
		lk_rcu(x, k);
		if (!r_irreflexive(n, k->rb))
			return lm_ax_fail(x, "rcu (irreflexive rb)", true, k->rb);
	}
	if (x->has_plain)
		return lk_plain(x, k, x->has_rcu || x->has_srcu, data_race);
	return NULL;
}
