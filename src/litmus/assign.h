/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/assign.h - a per-thread barrier assignment for a test with
 * fence() slots: thread k's slots all get choice k, a barrier of the
 * registry ("smp.write", "process.general") or an access form (the
 * neighbouring access made smp_store_release / smp_load_acquire and the
 * slot dropped).
 *
 * The assignment is applied to the test itself: lt_assign_apply() turns
 * every slot into the fixed barrier it stands for (as if the file had said
 * smp_wmb() there), so that the expectation model (src/litmus/model.h) and
 * the translator (src/litmus/gen.c) read an ordinary test without slots.
 * `membench advise` (src/advise/) searches over these.
 */
#ifndef MB_LITMUS_ASSIGN_H
#define MB_LITMUS_ASSIGN_H

#include <stdbool.h>

#include "litmus/ast.h"
#include "result/result.h"

/* The access forms' names, in the place of a barrier name. */
#define LT_ASSIGN_RELEASE	"store-release"	/* slot dropped, the store after it smp_store_release */
#define LT_ASSIGN_ACQUIRE	"load-acquire"	/* slot dropped, the load before it smp_load_acquire */

struct lt_assign {
	/* Per thread: what fills its slots; NULL for a thread without one. */
	const char *choice[LT_MAX_THREADS];
};

/* Whether thread th has a fence() slot. */
bool lt_assign_thread_has_slot(const struct lt_test *t, int th);

/*
 * Whether the access form `form` (LT_ASSIGN_RELEASE / LT_ASSIGN_ACQUIRE)
 * applies to thread th: every slot of it is followed by a plain store
 * (release) or preceded by a plain load (acquire).
 */
bool lt_assign_form_applies(const struct lt_test *t, int th, const char *form);

/*
 * *out = t with a applied: no slot left (has_slot false), fixed barriers
 * named by a's choices, access forms folded into the accesses.  out shares
 * t's owned parts (source, doc, condition): never lt_free() it, and keep t
 * alive while out is used.  Returns 0, or -1 when a choice is missing for
 * a slotted thread or an access form does not apply.
 */
int lt_assign_apply(const struct lt_test *t, const struct lt_assign *a, struct lt_test *out);

/*
 * The model's expectations (src/litmus/model.h) for t under assignment a:
 * allowed[m] = model m allows the exists outcome.  Returns 0, or -1 as
 * lt_assign_apply (allowed is then every model's true).
 */
int lt_model_allowed_assigned(const struct lt_test *t, const struct lt_assign *a,
			      bool allowed[MB_NMODELS]);

#endif /* MB_LITMUS_ASSIGN_H */
