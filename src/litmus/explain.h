/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/explain.h - why each model allows or forbids a test's
 * outcome, derived from the model itself (src/litmus/model.h, mexec.h):
 *
 *  forbidden: an execution that reaches the outcome, the axiom it breaks
 *	and a cycle of that axiom's relation, each of its edges spelled as
 *	the program's relations (rf, co, fr, the fence between two accesses,
 *	a dependency, an annotation) that make it;
 *  allowed: one execution the model accepts that reaches the outcome,
 *	and the program-order pairs it needs out of order: those of a
 *	cycle of po | rf | co | fr (the outcome is not sequentially
 *	consistent) that the model does not keep in order.
 *
 * The verdicts are lt_model_judge's, from the same enumeration.  Text
 * and graphs are src/report/explain.c's and src/report/explain_dot.c's.
 */
#ifndef MB_LITMUS_EXPLAIN_H
#define MB_LITMUS_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "litmus/mexec.h"
#include "litmus/model.h"

#define LX_MAXSTEP	LM_MAXEV

/* One edge of an explanation, between two events of the execution. */
struct lx_step {
	int from, to;
	char rel[128];		/* "rf", "co", "fr", "[dmb ishld]", "addr", "po-loc", "ppo", ... */
	bool relaxed;		/* allowed: a po pair the model does not keep */
};

struct lx_model {
	enum lt_obs obs;		/* lt_model_judge's verdict */
	bool allowed;			/* some accepted execution reaches the outcome */
	bool have_x;			/* x holds the execution explained */
	struct lm_exec x;		/* allowed: the witness; forbidden: a refused one */
	struct lm_ax ax;		/* the check of x: axiom, its relation, ord */
	const char *axiom;		/* forbidden: the axiom x breaks, NULL: none reaches it */
	/* forbidden: a cycle of ax.rel (ncyc nodes, cyc[k] -> cyc[k+1 mod ncyc]) ... */
	int ncyc, cyc[LM_MAXEV];
	/* ... spelled out; allowed: the cycle of po | rf | co | fr, relaxed pairs marked */
	int nstep;
	struct lx_step step[LX_MAXSTEP];
	int nrelaxed;			/* allowed: steps with relaxed set */
	bool sc;			/* allowed: no cycle: an interleaving gives the outcome */
};

struct lx_explain {
	const struct lt_test *t;
	struct mb_id slot;		/* the slot barrier, MB_ID_NONE when none */
	struct lt_model_verdict v;
	struct lm_prog prog;
	struct lm_keep keep;
	struct lx_model m[MB_NMODELS];
};

/* Judge t with slot in its fence() slots and explain each model's verdict. */
struct lx_explain *lx_explain_new(const struct lt_test *t, struct mb_id slot);
void lx_explain_free(struct lx_explain *e);

/* "P0:Wx=1", "init:Wx=0", "P1:F[smp.read]" */
void lx_event_name(const struct lm_exec *x, int ev, char *buf, size_t len);
/*
 * The name model m gives the fence event ev: "dmb ishld", "lfence",
 * "barrier()", "membarrier" ("" when not a fence).
 */
const char *lx_fence_name(const struct lm_exec *x, int ev, enum mb_model m, char *buf, size_t len);
/* A barrier as model m sees it: "dmb ishld", "smp_rmb()",
 * "compiler.read: compiler barrier only". */
const char *lx_barrier_name(struct mb_id id, enum mb_model m, char *buf, size_t len);
/* Pair kind of two accesses: "W->R", ... */
const char *lx_pair_kind(const struct lm_exec *x, int a, int b);

#endif /* MB_LITMUS_EXPLAIN_H */
