/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/march_lower.c - an execution as one arch runs it, for the
 * architecture models (src/litmus/march.c): each event's annotations and
 * the fences around it, and the program-order pairs the fences keep.
 *
 * Every fact is the port's (src/barrier/ports.h, from arch/<arch>_table.h):
 * what a row's instruction orders, smp_load_acquire / smp_store_release,
 * the kernel RMWs per ordering, the ordering macros with no row; spin_lock
 * is cmpxchg_acquire and spin_unlock smp_store_release, as
 * src/litmus/rt.h runs them.  What is left here is how each model reads
 * an annotation (which event of an RMW carries it).
 */
#include <string.h>

#include "barrier/ports.h"
#include "litmus/march.h"

/* What instruction insn orders on port p (0: none, or not a fence). */
static unsigned port_orders(const struct mb_port *p, const char *insn)
{
	unsigned o;

	return insn && mb_port_orders(p, insn, &o) ? o : 0;
}

static unsigned fence_cls(enum mb_model m, const struct mb_port *p, const struct lm_ev *e)
{
	unsigned c;

	switch (e->fence) {
	case LF_NAMED:
		c = lm_class(m, e->id, e->mpeer);
		return c & F_UNKNOWN ? 0 : c;
	case LF_BEFORE_ATOMIC:
		return port_orders(p, p->kfence[MB_KF_before_atomic]);
	case LF_AFTER_ATOMIC:
		return port_orders(p, p->kfence[MB_KF_after_atomic]);
	case LF_AFTER_SPINLOCK:
		return port_orders(p, p->kfence[MB_KF_after_spinlock]);
	case LF_AFTER_UNLOCK_LOCK:
		return port_orders(p, p->kfence[MB_KF_after_unlock_lock]);
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
		return fence_cls(m, lm_model_port(m), e);
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

static void lower(const struct lm_exec *x, enum mb_model m, const struct mb_port *p, int i,
		  struct ae *a)
{
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

void lm_arch_lower(const struct lm_exec *x, enum mb_model m, struct ar *ar)
{
	const struct mb_port *p = lm_model_port(m);
	int n = x->n;

	ar->n = n;
	r_clear(n, ar->ord);
	r_clear(n, ar->strong);
	ar->A = ar->L = ar->AQ = ar->RL = ar->RCsc = ar->AMO = ar->NoRet = ar->AMOF = ar->At = 0;
	for (int i = 0; i < n; i++) {
		struct ae *a = &ar->a[i];
		lm_set b = LM_BIT(i), pre;

		lower(x, m, p, i, a);
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
			unsigned c = fence_cls(m, p, &x->ev[i]);

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
