/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/march.h - inside the four architecture models
 * (src/litmus/march.c): an execution lowered to one arch's code
 * (src/litmus/march_lower.c) and the axioms over it
 * (src/litmus/march_axioms.c).
 */
#ifndef MB_LITMUS_MARCH_H
#define MB_LITMUS_MARCH_H

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

/* An execution on one arch: every event lowered, the fence-ordered pairs. */
struct ar {
	int n;
	struct ae a[LM_MAXEV];
	lm_rel ord;		/* fence-ordered pairs (incl. virtual fences), M x M */
	lm_rel strong;		/* Power: sync-ordered pairs */
	lm_set A, L, AQ, RL, RCsc, AMO, NoRet, AMOF, At;
};

static inline const struct lm_stmt *ev_stmt(const struct lm_exec *x, int i)
{
	const struct lm_ev *e = &x->ev[i];

	if (e->thread < 0 || e->stmt < 0)
		return NULL;
	return &x->p->th[e->thread].s[e->stmt];
}

/* Lower every event of x as model m's port runs it, into ar. */
void lm_arch_lower(const struct lm_exec *x, enum mb_model m, struct ar *ar);

/*
 * The axioms: NULL when the model accepts x, else the axiom it breaks.
 * extra: more ordered pairs (the RCU choices), NULL none; Power's are
 * strong (cumulative) too.
 */
const char *lm_check_tso(const struct lm_exec *x, const struct ar *ar, const lm_set *extra);
const char *lm_check_arm(const struct lm_exec *x, const struct ar *ar, const lm_set *extra);
const char *lm_check_rv(const struct lm_exec *x, const struct ar *ar, const lm_set *extra);
const char *lm_check_power(const struct lm_exec *x, const struct ar *ar, const lm_set *extra,
			   const lm_set *extra_strong);

#endif /* MB_LITMUS_MARCH_H */
