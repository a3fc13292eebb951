/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/march.c - the four architecture models over one candidate
 * execution (src/litmus/mexec.h), each for the code its port runs:
 *
 *  x86-TSO  x86tso.cat: acyclic(ppo | implied | mfence | rfe | co | fr),
 *	     ppo = po \ (W x R); every locked instruction (all RMWs, failed
 *	     cmpxchg too, spin_lock) orders everything around it (implied);
 *	     only full fences are fences (lfence and sfence order nothing
 *	     TSO does not: SB shows its weak outcome under them).
 *  Armv8    aarch64.cat, other-multi-copy-atomic: acyclic(ob),
 *	     ob = rfe | coe | fre | dob | aob | bob.
 *  RVWMO    riscv.cat: acyclic(co | rfe | fr | ppo), rules r1-r13.
 *  Power    Herding cats' Power model (ppo by the ii/ic/ci/cc fixpoint,
 *	     hb, prop, observation).
 *
 * What each event is on an arch (the fences around it, its annotations)
 * is the port's (src/barrier/ports.h, from arch/<arch>_table.h: the rows,
 * smp_load_acquire / smp_store_release, the kernel RMWs per ordering, the
 * ordering macros with no row); spin_lock is cmpxchg_acquire and
 * spin_unlock smp_store_release, as src/litmus/rt.h runs them.
 *
 * The RCU grace-period guarantee is the RCU implementation's, not the
 * ISA's: each read-side critical section either ends before a grace
 * period starts or starts after it ends.  The arch models try both for
 * every (critical section, synchronize_rcu()) pair, each choice a full
 * barrier between them, and allow the execution if some choice does.
 */
#include <string.h>

#include "barrier/ports.h"
#include "litmus/mexec.h"

/* What one event is on an arch: its annotations and the fences around it. */
struct ae {
	unsigned pre, post;	/* O_* / F_* of a fence just before / after it */
	bool acq, rel;		/* Arm A / L, RISC-V AQ / RL */
	bool rcsc;		/* RISC-V: annotated AMO or LR/SC */
	bool amo;		/* RISC-V AMO or LR/SC, Arm RMW */
	bool amo_full;		/* Arm [range([A];amo;[L])] */
	bool locked;		/* x86 locked instruction */
	bool noret;		/* Arm NoRet */
	bool isync;		/* Power: read ordered before everything later */
};

/* What instruction insn orders on port p (0: none, or not a fence). */
static unsigned port_orders(const struct mb_port *p, const char *insn)
{
	unsigned o;

	return insn && mb_port_orders(p, insn, &o) ? o : 0;
}

static unsigned fence_cls(enum mb_model m, const struct lm_ev *e)
{
	unsigned c;

	switch (e->fence) {
	case LF_NAMED:
		c = lm_class(m, e->id, e->mpeer);
		return c & F_UNKNOWN ? 0 : c;
	case LF_BEFORE_ATOMIC:
		return port_orders(lm_model_port(m), lm_model_port(m)->kfence[MB_KF_before_atomic]);
	case LF_AFTER_ATOMIC:
		return port_orders(lm_model_port(m), lm_model_port(m)->kfence[MB_KF_after_atomic]);
	case LF_AFTER_SPINLOCK:
		return port_orders(lm_model_port(m), lm_model_port(m)->kfence[MB_KF_after_spinlock]);
	case LF_AFTER_UNLOCK_LOCK:
		return port_orders(lm_model_port(m), lm_model_port(m)->kfence[MB_KF_after_unlock_lock]);
	case LF_SYNC_RCU:
		return F_FULL;	/* RCU's guarantee, not an instruction's: see above */
	default:
		return 0;	/* rcu_read_lock/unlock: the grace-period choices */
	}
}

unsigned lm_fence_class(enum mb_model m, const struct lm_ev *e)
{
	unsigned c;

	if (m != MB_LKMM)
		return fence_cls(m, e);
	switch (e->fence) {
	case LF_NAMED:
		c = lm_class(m, e->id, e->mpeer);
		return c & F_UNKNOWN ? 0 : c;
	case LF_MB:
	case LF_SYNC_RCU:
		return F_FULL;
	case LF_RMB:
		return O_RR;
	case LF_WMB:
		return O_WW | F_CUMUL;
	case LF_BARRIER:
		return 0;
	default:
		return O_ALL;	/* conditional kinds (after-atomic ...): lkmm.c decides */
	}
}

static const struct lm_stmt *ev_stmt(const struct lm_exec *x, int i)
{
	const struct lm_ev *e = &x->ev[i];

	if (e->thread < 0 || e->stmt < 0)
		return NULL;
	return &x->p->th[e->thread].s[e->stmt];
}

/* smp_load_acquire(), as p runs it: ldar, or a plain load and a fence. */
static void load_acquire(const struct mb_port *p, struct ae *a)
{
	a->acq = port_orders(p, p->acquire_insn) & MB_ORD_ACQ;
	a->post = port_orders(p, p->acquire_fence);
}

/* smp_store_release() (and spin_unlock, which is one): stlr, or a fence
 * and a plain store. */
static void store_release(const struct mb_port *p, struct ae *a)
{
	a->rel = port_orders(p, p->release_insn) & MB_ORD_REL;
	a->pre = port_orders(p, p->release_fence);
}

/*
 * One event of a kernel RMW run as f says (p->rmw[] or p->cas[]): the
 * fence before goes before its read, the one after after its write (after
 * its read when it failed and the port runs it then too; an isync after
 * orders the read before everything later).  An AMO is one instruction:
 * on RVWMO its aq/rl bits annotate both its events (riscv.cat); on Armv8
 * A is the read's, L the write's, and an AL one orders its write before
 * everything later (aarch64.cat's [range([A];amo;[L])];po).  An x86 RMW
 * is a locked instruction.
 */
static void rmw_event(enum mb_model m, const struct mb_port *p, const struct mb_rmw_fact *f,
		      bool one_insn, bool r, bool failed, struct ae *a)
{
	unsigned after = port_orders(p, f->after);
	bool both = m == MB_RVWMO && one_insn;

	if (p->rmw_locked) {
		a->locked = true;
		return;
	}
	a->amo = true;
	a->acq = f->acq && (r || both);
	a->rel = f->rel && (!r || both);
	a->rcsc = a->acq || a->rel;
	a->amo_full = !r && f->acq && f->rel;
	if (r) {
		a->pre = port_orders(p, f->before);
		if (!failed || p->cas_fail_after) {
			a->isync = after & MB_ORD_ISYNC;
			if (failed)
				a->post = after & ~MB_ORD_ISYNC;
		}
	} else {
		a->post = after & ~MB_ORD_ISYNC;
	}
}

static void lower(const struct lm_exec *x, enum mb_model m, int i, struct ae *a)
{
	const struct mb_port *p = lm_model_port(m);
	const struct lm_ev *e = &x->ev[i];
	const struct lm_stmt *s = ev_stmt(x, i);
	bool r = e->type == EV_R, failed = e->flags & EVF_FAILED;
	bool cas = s && s->op == LS_RMW && s->rmw == LR_CMPXCHG;
	enum mb_rmw_order ord;

	memset(a, 0, sizeof(*a));
	if (e->type == EV_F || (e->flags & EVF_INIT))
		return;
	if (e->flags & (EVF_LKR | EVF_LKW)) {
		/* spin_lock: cmpxchg_acquire (src/litmus/rt.h) */
		rmw_event(m, p, &p->cas[MB_RMW_acquire], false, r, false, a);
		return;
	}
	if (e->flags & EVF_UL) {
		store_release(p, a);
		return;
	}
	if (e->flags & (EVF_LF | EVF_RL | EVF_RU))
		return;		/* a plain read of the lock word */
	if (!(e->flags & EVF_RMW)) {
		if (e->ann == LA_ACQUIRE && r)
			load_acquire(p, a);
		else if (e->ann == LA_RELEASE && !r)
			store_release(p, a);
		return;
	}
	ord = e->ann == LA_MB ? MB_RMW_mb : e->ann == LA_ACQUIRE ? MB_RMW_acquire :
	      e->ann == LA_RELEASE ? MB_RMW_release : MB_RMW_relaxed;
	rmw_event(m, p, cas ? &p->cas[ord] : &p->rmw[ord], !cas, r, failed, a);
	/* linux-kernel.def's noreturn atomics: Arm's no-return forms (stadd) */
	a->noret = m == MB_ARMV8 && e->ann == LA_NORETURN && r;
}

struct ar {
	int n;
	struct ae a[LM_MAXEV];
	lm_rel ord;		/* fence-ordered pairs (incl. virtual fences), M x M */
	lm_rel strong;		/* Power: sync-ordered pairs */
	lm_set A, L, AQ, RL, RCsc, AMO, NoRet, AMOF, At;
};

static __thread struct ar AR;

static unsigned pairbit(const struct lm_exec *x, int i, int j)
{
	bool wi = x->W & LM_BIT(i), wj = x->W & LM_BIT(j);

	return wi ? (wj ? O_WW : O_WR) : (wj ? O_RW : O_RR);
}

/* Pairs i < fence <= j (po positions) of thread th ordered by cls. */
static void fence_at(const struct lm_exec *x, struct ar *ar, lm_set before, lm_set after,
		     unsigned cls, enum mb_model m)
{
	for (lm_set b = before & x->M; b; b &= b - 1) {
		int i = __builtin_ctzll(b);

		for (lm_set c = after & x->M; c; c &= c - 1) {
			int j = __builtin_ctzll(c);
			unsigned bit = pairbit(x, i, j);

			if (m == MB_ARMV8 && bit & (O_RR | O_RW) && !(cls & O_WW) &&
			    ar->a[i].noret)
				continue;	/* dmb ld does not order NoRet reads */
			if (!(cls & bit))
				continue;
			ar->ord[i] |= LM_BIT(j);
			if (cls & F_STRONG)
				ar->strong[i] |= LM_BIT(j);
		}
	}
}

static void ar_setup(const struct lm_exec *x, enum mb_model m, struct ar *ar)
{
	int n = x->n;

	ar->n = n;
	r_clear(n, ar->ord);
	r_clear(n, ar->strong);
	ar->A = ar->L = ar->AQ = ar->RL = ar->RCsc = ar->AMO = ar->NoRet = ar->AMOF = ar->At = 0;
	for (int i = 0; i < n; i++) {
		struct ae *a = &ar->a[i];
		lm_set b = LM_BIT(i), pre;

		lower(x, m, i, a);
		if (a->acq) ar->A |= b, ar->AQ |= b;
		if (a->rel) ar->L |= b, ar->RL |= b;
		if (a->rcsc) ar->RCsc |= b;
		if (a->amo) ar->AMO |= b;
		if (a->noret) ar->NoRet |= b;
		if (a->amo_full) ar->AMOF |= b;
		if (a->locked) ar->At |= b;
		/* events po-before i */
		pre = 0;
		for (int j = 0; j < n; j++)
			if (x->po[j] & b)
				pre |= LM_BIT(j);
		if (x->ev[i].type == EV_F) {
			unsigned c = fence_cls(m, &x->ev[i]);

			if (c)
				fence_at(x, ar, pre, x->po[i], c, m);
			continue;
		}
		if (a->pre)
			fence_at(x, ar, pre, x->po[i] | b, a->pre, m);
		if (a->post)
			fence_at(x, ar, pre | b, x->po[i], a->post, m);
		if (a->isync)
			ar->ord[i] |= x->po[i] & x->M;
	}
}

/* RCU: every (critical section, grace period) pair, each way round. */
struct rcu_pair {
	lm_set inside;		/* the critical section's accesses */
	lm_set pre_s, post_s;	/* accesses po-before / po-after synchronize_rcu() */
	lm_set pre_l, post_u;	/* accesses po-before its lock / po-after its unlock */
};

static int rcu_pairs(const struct lm_exec *x, struct rcu_pair *pp, int max)
{
	int np = 0, stack[LM_MAXEV], sp = 0, th = -2;

	for (int i = 0; i < x->n; i++) {
		const struct lm_ev *e = &x->ev[i];

		if (e->thread != th) {
			th = e->thread;
			sp = 0;
		}
		if (e->type != EV_F)
			continue;
		if (e->fence == LF_RCU_LOCK) {
			stack[sp++] = i;
		} else if (e->fence == LF_RCU_UNLOCK && sp) {
			int l = stack[--sp];

			if (sp)
				continue;	/* outermost sections only */
			for (int s = 0; s < x->n; s++) {
				lm_set pre_s = 0, pre_l = 0;

				if (x->ev[s].type != EV_F || x->ev[s].fence != LF_SYNC_RCU ||
				    x->ev[s].thread == e->thread)
					continue;
				if (np == max)
					return -1;
				for (int j = 0; j < x->n; j++) {
					if (x->po[j] & LM_BIT(s))
						pre_s |= LM_BIT(j);
					if (x->po[j] & LM_BIT(l))
						pre_l |= LM_BIT(j);
				}
				pp[np].inside = x->po[l] & ~x->po[i] & ~LM_BIT(i) & x->M;
				pp[np].pre_s = pre_s & x->M;
				pp[np].post_s = x->po[s] & x->M;
				pp[np].pre_l = pre_l & x->M;
				pp[np].post_u = x->po[i] & x->M;
				np++;
			}
		}
	}
	return np;
}

static const char *check_tso(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
{
	int n = x->n;
	lm_rel g;

	for (int i = 0; i < n; i++) {
		lm_set row = 0;

		if (x->M & LM_BIT(i)) {
			row = x->po[i] & x->M;
			if (x->W & LM_BIT(i))
				row &= ~x->R;
			if (ar->At & LM_BIT(i))
				row |= x->po[i] & x->M;
			for (int j = 0; j < n; j++)
				if ((x->po[i] & LM_BIT(j)) && (ar->At & LM_BIT(j)))
					row |= LM_BIT(j);
		}
		g[i] = row | ar->ord[i] | (x->rf[i] & x->ext[i]) | x->co[i] | x->fr[i] |
		       (extra ? extra[i] : 0);
	}
	lm_ax_ord(x, g);
	return r_acyclic(n, g) ? NULL :
	       lm_ax_fail(x, "tso (acyclic ppo|implied|mfence|rfe|co|fr)", false, g);
}

/* lrs = [W] ; (po-loc with no write in between) ; [R] */
static void lrs(const struct lm_exec *x, lm_set *out)
{
	for (int i = 0; i < x->n; i++) {
		out[i] = 0;
		if (!(x->W & LM_BIT(i)))
			continue;
		for (lm_set c = x->po[i] & x->loc[i] & x->M; c; c &= c - 1) {
			int j = __builtin_ctzll(c);

			if (x->W & LM_BIT(j))
				break;	/* po order is index order within a thread */
			out[i] |= LM_BIT(j);
		}
	}
}

static const char *check_arm(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
{
	int n = x->n;
	lm_rel ob, l, t;

	lrs(x, l);
	for (int i = 0; i < n; i++) {
		lm_set bi = LM_BIT(i), row = 0;

		if (!(x->M & bi)) {
			ob[i] = 0;
			continue;
		}
		/* obs */
		row |= (x->rf[i] | x->co[i] | x->fr[i]) & x->ext[i];
		/* dob: addr | data | ctrl;[W] | addr;po;[W] */
		row |= (x->addr[i] | x->data[i]) & x->M;
		row |= x->ctrl[i] & x->W;
		for (lm_set a = x->addr[i] & x->M; a; a &= a - 1)
			row |= x->po[__builtin_ctzll(a)] & x->W;
		/* aob: rmw */
		row |= x->rmw[i];
		/* bob */
		if (ar->AMOF & bi)
			row |= x->po[i] & x->M;
		if (ar->A & bi)
			row |= x->po[i] & x->M;
		row |= x->po[i] & ar->L;
		if (ar->L & bi)
			row |= x->po[i] & ar->A;
		ob[i] = row | ar->ord[i] | (extra ? extra[i] : 0);
	}
	/* dob: (addr | data) ; lrs ; [R];  aob: rmw ; lrs ; [A] */
	for (int i = 0; i < n; i++)
		t[i] = (x->addr[i] | x->data[i]) & x->M;
	r_seq(n, t, t, l);
	for (int i = 0; i < n; i++)
		ob[i] |= t[i] & x->R;
	r_seq(n, t, x->rmw, l);
	for (int i = 0; i < n; i++)
		ob[i] |= t[i] & ar->A;
	lm_ax_ord(x, ob);
	return r_acyclic(n, ob) ? NULL : lm_ax_fail(x, "external (acyclic ob)", false, ob);
}

static const char *check_rv(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
{
	int n = x->n;
	lm_rel ppo, t, rsw, rfi;

	r_inverse(n, rsw, x->rf);
	r_seq(n, rsw, rsw, x->rf);
	for (int i = 0; i < n; i++)
		rfi[i] = x->rf[i] & ~x->ext[i];
	for (int i = 0; i < n; i++) {
		lm_set bi = LM_BIT(i), row = 0, pl = x->po[i] & x->loc[i] & x->M;

		ppo[i] = 0;
		if (!(x->M & bi))
			continue;
		row |= pl & x->W;				/* r1 */
		if (x->R & bi) {				/* r2 */
			for (lm_set c = pl; c; c &= c - 1) {
				int j = __builtin_ctzll(c);

				if (x->W & LM_BIT(j))
					break;
				if (!(rsw[i] & LM_BIT(j)))
					row |= LM_BIT(j);
			}
		}
		if (ar->AMO & bi)				/* r3 */
			row |= rfi[i] & x->R;
		if (ar->AQ & bi)				/* r5 */
			row |= x->po[i] & x->M;
		row |= x->po[i] & ar->RL;			/* r6 */
		if (ar->RCsc & bi)				/* r7 */
			row |= x->po[i] & ar->RCsc;
		row |= x->rmw[i];				/* r8 */
		row |= x->addr[i] & x->M;			/* r9 */
		row |= (x->data[i] | x->ctrl[i]) & x->W;	/* r10, r11 */
		for (lm_set a = x->addr[i] & x->M; a; a &= a - 1)	/* r13 */
			row |= x->po[__builtin_ctzll(a)] & x->W;
		ppo[i] = row | ar->ord[i];			/* r4 */
	}
	/* r12: (addr | data) ; [W] ; rfi ; [R] */
	for (int i = 0; i < n; i++)
		t[i] = (x->addr[i] | x->data[i]) & x->W;
	r_seq(n, t, t, rfi);
	for (int i = 0; i < n; i++)
		ppo[i] |= t[i] & x->R;
	for (int i = 0; i < n; i++)
		ppo[i] |= x->co[i] | (x->rf[i] & x->ext[i]) | x->fr[i] | (extra ? extra[i] : 0);
	lm_ax_ord(x, ppo);
	return r_acyclic(n, ppo) ? NULL : lm_ax_fail(x, "model (acyclic co|rfe|fr|ppo)", false, ppo);
}

static const char *check_power(const struct lm_exec *x, const struct ar *ar, const lm_set *extra,
			       const lm_set *extra_strong)
{
	int n = x->n;
	lm_rel dp, rdw, detour, ii, ic, ci, cc, ppo, hb, hbs, fences, strong, a, b, prop, pb, pbs,
	       t, coms, com, fre;
	bool changed = true;

	for (int i = 0; i < n; i++) {
		lm_set pl = x->po[i] & x->loc[i] & x->M;
		const struct lm_stmt *s = ev_stmt(x, i);

		dp[i] = (x->addr[i] | x->data[i]) & x->M;
		/* larx/stcx. of an add or cmpxchg: the store depends on the load */
		if (s && s->op == LS_RMW && s->rmw != LR_XCHG)
			dp[i] |= x->rmw[i];
		fre[i] = x->fr[i] & x->ext[i];
		com[i] = x->rf[i] | x->co[i] | x->fr[i];
		rdw[i] = pl;
		detour[i] = pl;
		fences[i] = ar->ord[i] | (extra ? extra[i] : 0);
		strong[i] = ar->strong[i] | (extra_strong ? extra_strong[i] : 0);
	}
	/* rdw = po-loc & (fre;rfe), detour = po-loc & (coe;rfe) */
	for (int i = 0; i < n; i++)
		a[i] = x->rf[i] & x->ext[i];
	r_seq(n, b, fre, a);
	r_inter(n, rdw, b);
	for (int i = 0; i < n; i++)
		b[i] = x->co[i] & x->ext[i];
	r_seq(n, b, b, a);
	r_inter(n, detour, b);
	for (int i = 0; i < n; i++) {
		lm_set rfi = x->rf[i] & ~x->ext[i];

		ii[i] = dp[i] | rdw[i] | rfi;
		ic[i] = 0;
		ci[i] = detour[i] | (ar->a[i].isync ? x->po[i] & x->M : 0);
		cc[i] = dp[i] | (x->po[i] & x->loc[i] & x->M) | (x->ctrl[i] & x->M);
		for (lm_set c = x->addr[i] & x->M; c; c &= c - 1)
			cc[i] |= x->po[__builtin_ctzll(c)] & x->M;
	}
	/* ii = ii0 | ci | ic;ci | ii;ii,  ic = ic0 | ii | cc | ic;cc | ii;ic,
	 * ci = ci0 | ci;ii | cc;ci,  cc = cc0 | ci | ci;ic | cc;cc */
	while (changed) {
		lm_rel nii, nic, nci, ncc;

		r_copy(n, nii, ii);
		r_union(n, nii, ci);
		r_seq(n, t, ic, ci); r_union(n, nii, t);
		r_seq(n, t, ii, ii); r_union(n, nii, t);
		r_copy(n, nic, ic);
		r_union(n, nic, ii);
		r_union(n, nic, cc);
		r_seq(n, t, ic, cc); r_union(n, nic, t);
		r_seq(n, t, ii, ic); r_union(n, nic, t);
		r_copy(n, nci, ci);
		r_seq(n, t, ci, ii); r_union(n, nci, t);
		r_seq(n, t, cc, ci); r_union(n, nci, t);
		r_copy(n, ncc, cc);
		r_union(n, ncc, ci);
		r_seq(n, t, ci, ic); r_union(n, ncc, t);
		r_seq(n, t, cc, cc); r_union(n, ncc, t);
		changed = memcmp(nii, ii, sizeof(lm_set) * (size_t)n) ||
			  memcmp(nic, ic, sizeof(lm_set) * (size_t)n) ||
			  memcmp(nci, ci, sizeof(lm_set) * (size_t)n) ||
			  memcmp(ncc, cc, sizeof(lm_set) * (size_t)n);
		r_copy(n, ii, nii);
		r_copy(n, ic, nic);
		r_copy(n, ci, nci);
		r_copy(n, cc, ncc);
	}
	for (int i = 0; i < n; i++)
		ppo[i] = (x->R & LM_BIT(i)) ? ((ii[i] & x->R) | (ic[i] & x->W)) : 0;
	/* hb = ppo | fences | rfe */
	for (int i = 0; i < n; i++)
		hb[i] = ppo[i] | fences[i] | (x->rf[i] & x->ext[i]);
	lm_ax_ord(x, hb);
	if (!r_acyclic(n, hb))
		return lm_ax_fail(x, "no-thin-air (acyclic hb)", false, hb);
	r_star(n, hbs, hb);
	/* propbase = (fences | rfe;fences) ; hb* */
	for (int i = 0; i < n; i++)
		a[i] = x->rf[i] & x->ext[i];
	r_seq(n, a, a, fences);
	r_union(n, a, fences);
	r_seq(n, pb, a, hbs);
	/* prop = (propbase & W x W) | (com* ; propbase* ; ffence ; hb*) */
	r_star(n, coms, com);
	r_star(n, pbs, pb);
	r_seq(n, b, coms, pbs);
	r_seq(n, b, b, strong);
	r_seq(n, b, b, hbs);
	for (int i = 0; i < n; i++)
		prop[i] = b[i] | ((x->W & LM_BIT(i)) ? pb[i] & x->W : 0);
	for (int i = 0; i < n; i++)
		a[i] = x->co[i] | prop[i];
	if (!r_acyclic(n, a))
		return lm_ax_fail(x, "propagation (acyclic co|prop)", false, a);
	r_seq(n, a, fre, prop);
	r_seq(n, a, a, hbs);
	return r_irreflexive(n, a) ? NULL :
	       lm_ax_fail(x, "observation (irreflexive fre;prop;hb*)", true, a);
}

static const char *check_one(const struct lm_exec *x, enum mb_model m, const struct ar *ar,
			     const lm_set *extra)
{
	switch (m) {
	case MB_X86_TSO:
		return check_tso(x, ar, extra);
	case MB_ARMV8:
		return check_arm(x, ar, extra);
	case MB_RVWMO:
		return check_rv(x, ar, extra);
	case MB_POWER:
		return check_power(x, ar, extra, extra);
	default:
		return NULL;
	}
}

const char *lm_arch_check(const struct lm_exec *x, enum mb_model m)
{
	struct ar *ar = &AR;
	struct rcu_pair pp[8];
	const char *why = NULL;
	int np;

	ar_setup(x, m, ar);
	np = x->has_rcu ? rcu_pairs(x, pp, 8) : 0;
	if (np < 0)
		return "too many RCU critical sections to model";
	if (!np)
		return check_one(x, m, ar, NULL);
	for (unsigned choice = 0; choice < (1u << np); choice++) {
		lm_rel extra;

		r_clear(x->n, extra);
		for (int k = 0; k < np; k++) {
			lm_set from, to;

			if (choice & (1u << k)) {	/* section ends before the grace period */
				from = pp[k].pre_l | pp[k].inside;
				to = pp[k].post_s;
			} else {			/* section starts after it */
				from = pp[k].pre_s;
				to = pp[k].inside | pp[k].post_u;
			}
			for (lm_set f = from; f; f &= f - 1)
				extra[__builtin_ctzll(f)] |= to;
		}
		why = check_one(x, m, ar, extra);
		if (!why)
			return NULL;
	}
	return why;
}
