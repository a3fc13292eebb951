/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/march.c - the four architecture models (x86-TSO, Armv8,
 * RVWMO, Power) over one candidate execution (src/litmus/mexec.h), each
 * for the code its port runs: the execution lowered to that code
 * (src/litmus/march_lower.c), then the model's axioms
 * (src/litmus/march_axioms.c).
 *
 * The RCU grace-period guarantee is the RCU implementation's, not the
 * ISA's: each read-side critical section either ends before a grace
 * period starts or starts after it ends.  The arch models try both for
 * every (critical section, synchronize_rcu()) pair, each choice a full
 * barrier between them, and allow the execution if some choice does.
 */
#include "litmus/march.h"

static __thread struct ar AR;

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

static const char *check_one(const struct lm_exec *x, enum mb_model m, const struct ar *ar,
			     const lm_set *extra)
{
	switch (m) {
	case MB_X86_TSO:
		return lm_check_tso(x, ar, extra);
	case MB_ARMV8:
		return lm_check_arm(x, ar, extra);
	case MB_RVWMO:
		return lm_check_rv(x, ar, extra);
	case MB_POWER:
		return lm_check_power(x, ar, extra, extra);
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

	lm_arch_lower(x, m, ar);
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
