/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/march_axioms.c - the four architecture models' axioms over
 * one execution lowered to the arch's code (src/litmus/march.h):
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
 */
#include <string.h>

#include "litmus/march.h"

const char *lm_check_tso(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
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

const char *lm_check_arm(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
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

const char *lm_check_rv(const struct lm_exec *x, const struct ar *ar, const lm_set *extra)
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

const char *lm_check_power(const struct lm_exec *x, const struct ar *ar, const lm_set *extra,
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
