/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/litmus.h - the litmus engine's pieces: resolving a test (compiled in,
 * or a user file built into a shared object by src/litmus/user.c), running
 * it (src/litmus/run.c: mb_litmus_run, below); its text report is
 * src/report/litmus.c's.
 */
#ifndef MB_LITMUS_H
#define MB_LITMUS_H

#include <stdbool.h>
#include <stdio.h>

#include "litmus/ast.h"
#include "litmus/rt.h"
#include "plan/options.h"
#include "plan/plan.h"
#include "result/result.h"

/* A test ready to run: its compiled code and its parsed source. */
struct mb_litmus_test {
	const struct lt_compiled *compiled;
	struct lt_test ast;
	char *file;			/* as recorded in the result */
	/* --show-asm: the build's table (compiled in) or objdump of the .so */
	const struct lt_asm *asm_rows;
	int nasm;
	char *listing;			/* user tests: objdump -d text, or NULL */
	void *dl;			/* user tests: dlopen handle */
};

/*
 * src/litmus/user.c: `--test FILE.litmus`: parse (errors: the parser's
 * "file:line:col: message", MB_EXIT_USAGE), translate, build with $CC (or
 * cc) into a shared object and load it (no compiler: MB_EXIT_ENV).
 * Prints its one-line error; 0 on success.
 */
int mb_litmus_user_load(const char *path, bool want_asm, struct mb_litmus_test *lt);
void mb_litmus_user_unload(struct mb_litmus_test *lt);	/* dlclose, if loaded */

/* src/litmus/rcu.c: userspace-rcu for RCU tests, NULL when built without it. */
extern const struct lt_rcu_ops *const mb_litmus_rcu;

/* src/litmus/load.c */
/* Resolve NAME (a compiled-in test or family, or FILE.litmus); one-line error, exit code. */
int mb_litmus_load(const char *name, bool want_asm, struct mb_litmus_test *lt);
void mb_litmus_test_free(struct mb_litmus_test *lt);
/* The test's instantiation for the slot barrier id, or NULL. */
const struct lt_variant *mb_litmus_variant(const struct lt_compiled *c, struct mb_id id);
/* Every barrier the threads name (not the slot) exists and is supported here; else *why. */
bool mb_litmus_fixed_fences_ok(const struct lt_test *t, const char **why);

/*
 * src/litmus/run.c: run lt once with the thread functions of v, one entry
 * appended to r.  For `membench advise`: lt->ast has its slots already
 * filled (src/litmus/assign.h), v is composed thread by thread from the
 * compiled variants, label names the assignment in the entry.
 */
int mb_litmus_run_one(const struct mb_options *o, struct mb_litmus_test *lt,
		      const struct lt_variant *v, const char *label, const char *insn,
		      unsigned run_no, struct mb_result *r);

/* src/litmus/listing.c: --show-asm, the disassembly of each thread under a barrier. */
void mb_litmus_show_asm(const struct mb_litmus_test *lt, const struct lt_variant *v, struct mb_id slot);

/*
 * src/litmus/run.c: resolve and check every selected test (user tests
 * built) into p->tests, before anything is measured; release them at the
 * end.  mb_litmus_run: every test x planned barrier -> r->litmus[]
 * (prepares first if main did not); MB_EXIT_INTERRUPTED when a signal
 * stopped it, the entry in progress dropped.
 */
int mb_litmus_prepare(const struct mb_options *o, struct mb_plan *p);
void mb_litmus_release(struct mb_plan *p);
int mb_litmus_run(const struct mb_options *o, struct mb_plan *p, struct mb_result *r);

#endif /* MB_LITMUS_H */
