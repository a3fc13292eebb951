/* SPDX-License-Identifier: MIT */
/*
 * src/advise/search.h - `membench advise`'s search: for one test and one
 * memory model, every per-thread assignment of the barrier registry (and
 * the access forms smp_store_release / smp_load_acquire where a slot sits
 * next to the access) to the test's fence() slots, judged by the
 * expectation model (src/litmus/assign.h), then the minimal correct ones.
 *
 * Choices: the registry's kind.type names the model knows, grouped when
 * they are the same instruction on the model with the same strength.
 * Strength is derived, not declared: a choice's signature is the set of
 * probes it forbids (each compiled-in slot test, the choice in one
 * thread, smp.general or process.general in the others), and its scope
 * is its kind's reach (none < compiler < smp = c11 = access forms < dma <
 * mmio < process).  Costs, when known, come per slot context from a
 * callback (src/advise/costs.c); an assignment's cost is per thread, its
 * rank the weighted sum.
 *
 * Minimal: no other correct assignment is at least as good on every thread
 * and better on one, where better is cheaper (costs known on both), else
 * weaker (scope, then signature, then "emits nothing"); access forms and
 * barriers are not compared by strength, only by cost.
 */
#ifndef MB_ADVISE_SEARCH_H
#define MB_ADVISE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "litmus/assign.h"
#include "litmus/ast.h"
#include "result/result.h"

#define AD_MAX_CHOICES		48
#define AD_MAX_NAMES		32
#define AD_MAX_ASSIGN		200000	/* assignments per model; more is refused */
#define AD_MAX_SLOTS		LT_MAX_INSTRS

struct ad_choice {
	const char *names[AD_MAX_NAMES];/* aliases, preferred first; names[0] is measured and modelled */
	struct lt_choice what[AD_MAX_NAMES];	/* what each alias is */
	int nnames;
	const char *insn;		/* what the model sees ("" nothing, "membarrier", "stlr" ...) */
	int scope;			/* the kind's reach, see above */
	bool access;			/* an access form, not a barrier */
	bool none;			/* none.general: no barrier at all */
	bool emits;			/* an instruction of its own (or an annotated access) */
	uint64_t sig;			/* probes it forbids */
};

/* Per slot context, what one choice costs; NAN when unknown. */
typedef double (*ad_cost_fn)(void *ctx, const struct ad_choice *c, const char *context);

struct ad_assignment {
	int pick[LT_MAX_THREADS];	/* index into choices, -1: thread without a slot */
	bool correct;			/* the model forbids the exists outcome */
	double cost[LT_MAX_THREADS];	/* per thread (weighted later), NAN unknown */
	double total;			/* sum of weight * cost, NAN when any is unknown */
	bool minimal;
};

struct ad_search {
	enum mb_model model;
	const struct lt_test *t;
	int nchoices;
	struct ad_choice choices[AD_MAX_CHOICES];
	bool usable[LT_MAX_THREADS][AD_MAX_CHOICES];	/* choice applies to the thread */
	int nslots[LT_MAX_THREADS];
	const char *context[LT_MAX_THREADS][AD_MAX_SLOTS];	/* per slot: cost context */
	double weight[LT_MAX_THREADS];
	bool ranked;			/* costs known for the recommended assignment */
	int nassign;
	struct ad_assignment *assign;	/* every assignment searched */
	int ncorrect;
	int *order;			/* correct assignments, best first */
	int recommended;		/* index into assign, -1 when none is correct */
	int cheaper_incorrect;		/* the dearest incorrect one cheaper than it, or -1 */
};

/* Search-set filter: kinds and types to consider (NULL: all). */
struct ad_filter {
	const char *const *kinds;	/* NULL-terminated */
	const char *const *types;
};

/*
 * Search test t (with fence() slots) under model m.  weights: one per
 * thread (NULL: all 1).  cost may be NULL (unranked).  Returns 0, or -1
 * with a one-line reason in err (no slot; too many assignments).
 */
int ad_search_run(struct ad_search *s, const struct lt_test *t, enum mb_model m,
		  const struct ad_filter *f, const double *weights, ad_cost_fn cost, void *cost_ctx,
		  char *err, size_t errlen);
void ad_search_free(struct ad_search *s);

/* The name to show for choice c in thread th of s: the alias that fits the slot. */
const char *ad_choice_label(const struct ad_search *s, int th, int choice);

/* "x86-TSO" / "x86_64" / "x86" ... -> model; -1 when unknown. */
int ad_model_parse(const char *name);

#endif /* MB_ADVISE_SEARCH_H */
