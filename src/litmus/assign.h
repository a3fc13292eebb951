/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/assign.h - a per-thread barrier assignment for a test with
 * fence() slots: thread k's slots all get choice k, a barrier
 * (src/barrier/id.h: smp.write, process.general ...) or an access form
 * (the neighbouring access made smp_store_release / smp_load_acquire and
 * the slot dropped).
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
#include <stddef.h>
#include <stdint.h>

#include "litmus/ast.h"
#include "result/result.h"

/* What fills a thread's slots. */
enum lt_form {
	LT_FORM_UNSET = 0,	/* nothing: a thread without a slot */
	LT_FORM_BARRIER,	/* the barrier id */
	LT_FORM_RELEASE,	/* slot dropped, the store after it smp_store_release */
	LT_FORM_ACQUIRE,	/* slot dropped, the load before it smp_load_acquire */
};

struct lt_choice {
	uint8_t form;		/* enum lt_form */
	struct mb_id id;	/* LT_FORM_BARRIER */
};

#define LT_CHOICE_BARRIER(id_)	((struct lt_choice){ .form = LT_FORM_BARRIER, .id = (id_) })
#define LT_CHOICE_FORM(f_)	((struct lt_choice){ .form = (f_), .id = MB_ID_NONE })

static inline bool lt_choice_eq(struct lt_choice a, struct lt_choice b)
{
	return a.form == b.form && (a.form != LT_FORM_BARRIER || mb_id_eq(a.id, b.id));
}

static inline bool lt_choice_is_form(struct lt_choice c)
{
	return c.form == LT_FORM_RELEASE || c.form == LT_FORM_ACQUIRE;
}

/* The choice's name, for people and JSON: "smp.write", "store-release",
 * "load-acquire" ("-" when unset); into buf, returned. */
const char *lt_choice_name(struct lt_choice c, char *buf, size_t len);

struct lt_assign {
	/* Per thread: what fills its slots; LT_FORM_UNSET for a thread without one. */
	struct lt_choice choice[LT_MAX_THREADS];
};

/* Whether thread th has a fence() slot. */
bool lt_assign_thread_has_slot(const struct lt_test *t, int th);

/*
 * Whether the access form `form` (LT_FORM_RELEASE / LT_FORM_ACQUIRE)
 * applies to thread th: every slot of it is followed by a plain store
 * (release) or preceded by a plain load (acquire).
 */
bool lt_assign_form_applies(const struct lt_test *t, int th, enum lt_form form);

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
