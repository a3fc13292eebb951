/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/model.h - the expectation model: does a memory model allow a
 * litmus test's condition, with a given barrier in its fence() slot?
 *
 * Exhaustive, in herd7's way: every thread runs under every value its
 * reads may return (src/litmus/mprog.c lowers the AST, src/litmus/mpaths.c
 * finds each thread's paths, src/litmus/mexec.c picks paths, rf and co),
 * and every candidate execution goes to the axioms of the five models of
 * enum mb_model (src/result/result.h): the LKMM as the kernel's
 * linux-kernel.cat / .bell / lock.cat define it (src/litmus/lkmm.c) and
 * x86-TSO, Armv8, RVWMO and Power for the code Linux runs on each
 * (src/litmus/march.c; what each event is there: src/litmus/march_lower.c,
 * from the ports' facts).
 *
 * Limits: at most 64 events per execution, 4096 paths per thread and a
 * few million candidates; no loops.  A test past them is "not modelled":
 * lt_model_allowed reports it allowed everywhere, lt_model_judge Unknown.
 */
#ifndef MB_LITMUS_MODEL_H
#define MB_LITMUS_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "litmus/ast.h"
#include "result/result.h"

/*
 * allowed[m] = true iff model m has an execution of t, with slot_barrier
 * in every fence() slot, whose final state satisfies the condition's body
 * (the quantifier is ignored: for exists this is "the bad outcome can
 * happen").  slot_barrier is a barrier (src/barrier/id.h); MB_ID_NONE
 * means the test has no slot (a slot left unfilled then orders nothing).
 * A test too large to enumerate is reported allowed everywhere.
 */
void lt_model_allowed(const struct lt_test *t, struct mb_id slot_barrier,
		      bool allowed[MB_NMODELS]);

/* herd7's Observation: how many executions satisfy the condition. */
enum lt_obs { LT_OBS_NEVER, LT_OBS_SOMETIMES, LT_OBS_ALWAYS, LT_OBS_UNKNOWN };
extern const char *const lt_obs_names[];	/* "Never", "Sometimes", "Always", "Unknown" */

struct lt_model_verdict {
	enum lt_obs obs[MB_NMODELS];	/* per model, the condition's body */
	bool data_race;		/* LKMM: some execution has a data race (herd7's flag) */
	char why[160];		/* LT_OBS_UNKNOWN: why the test was not modelled */
};

/*
 * Every model's verdict on t in herd7's terms: Never when no execution
 * the model accepts satisfies the condition's body, Always when all do,
 * Sometimes otherwise.  Enumerates every execution (lt_model_allowed stops
 * at the first witness).
 */
void lt_model_judge(const struct lt_test *t, struct mb_id slot_barrier,
		    struct lt_model_verdict *v);

/*
 * lt_model_judge, lowering t into p and keeping the executions behind
 * each verdict in keep (src/litmus/mexec.h; NULL: none), for
 * src/litmus/explain.c: the explanations and the verdicts come from the
 * one enumeration.
 */
struct lm_prog;
struct lm_keep;
void lt_model_judge_keep(const struct lt_test *t, struct mb_id slot_barrier,
			 struct lt_model_verdict *v, struct lm_prog *p, struct lm_keep *keep);

/*
 * One line for people: the verdict of model m, what the slot barrier is
 * on it, and a witness final state or the axiom that forbids, written into
 * buf (always NUL-terminated).  Returns buf.
 */
const char *lt_model_explain(const struct lt_test *t, struct mb_id slot_barrier,
			     enum mb_model m, char *buf, size_t len);

/*
 * Judge the model port p runs under with p's own facts, on this thread,
 * until the next call (NULL: every model its own port again, x86_64,
 * aarch64, riscv64, ppc64le): an Armv7 host is judged by the Power model
 * over the code it runs (dmb ish), not over ppc64le's.  Returns 0, or -1
 * when p's model is none of enum mb_model's (then nothing is changed but
 * the reset).
 */
struct mb_port;
int lt_model_use_port(const struct mb_port *p);

/*
 * The instruction model m sees for barrier id: the row of the port that
 * model reads (src/barrier/ports.h; the LKMM: Linux's meaning, "mb" ...)
 * as people read it, "" for a compiler barrier only, NULL for no barrier.
 */
const char *lt_model_insn(struct mb_id id, enum mb_model m);

#endif /* MB_LITMUS_MODEL_H */
