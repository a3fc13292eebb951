/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/ast.h - a parsed litmus test (herd7's C litmus format, as in
 * the Linux kernel's tools/memory-model/litmus-tests/).  Produced by
 * src/litmus/parse.c; read by the translator to C (src/litmus/gen.c), the
 * expectation model (src/litmus/model.c) and the harness (src/litmus/harness.c).
 *
 * Values are ints.  Locations are shared ints named in the thread
 * parameter lists / init block; registers are per-thread ints.
 */
#ifndef MB_LITMUS_AST_H
#define MB_LITMUS_AST_H

#include <stdbool.h>
#include <stddef.h>

#define LT_MAX_THREADS	8
#define LT_MAX_LOCS	8
#define LT_MAX_REGS	8	/* per thread */
#define LT_MAX_INSTRS	32	/* per thread */

enum lt_op {
	LT_STORE,	/* WRITE_ONCE(*loc, value) / smp_store_release(loc, value) */
	LT_LOAD,	/* reg = READ_ONCE(*loc) / reg = smp_load_acquire(loc) */
	LT_FENCE,	/* a fixed barrier (smp_mb() ...) or the slot fence() */
};

enum lt_access {
	LT_ONCE,	/* READ_ONCE / WRITE_ONCE: plain, marked */
	LT_ACQUIRE,	/* smp_load_acquire */
	LT_RELEASE,	/* smp_store_release */
};

struct lt_instr {
	enum lt_op op;
	enum lt_access access;	/* loads and stores */
	int loc;		/* index into test->locs, loads and stores */
	int reg;		/* index into thread->regs, loads */
	int value;		/* stores: the constant stored */
	/*
	 * Fences: slot == true for membench's fence() slot, filled by the
	 * engine with each barrier in turn; otherwise barrier names the fixed
	 * barrier in src/barrier/barrier.h's naming ("smp.general:kernel" for
	 * smp_mb(), "compiler.general" for barrier(), "process.general" for
	 * membarrier()), and source is the spelling in the file.
	 */
	bool slot;
	char barrier[48];
	char source[32];
	int line, col;		/* position in the file, for messages */
};

struct lt_thread {
	int ninstrs;
	struct lt_instr instrs[LT_MAX_INSTRS];
	int nregs;
	char regs[LT_MAX_REGS][16];	/* "r0", "r1" ... */
};

/* The final-state condition: a small expression tree. */
enum lt_cond_kind {
	LT_C_TRUE,
	LT_C_REG_EQ,	/* thread:reg = value */
	LT_C_LOC_EQ,	/* loc = value (final memory) */
	LT_C_AND, LT_C_OR, LT_C_NOT,
};

struct lt_cond {
	enum lt_cond_kind kind;
	int thread, reg, loc, value;	/* for REG_EQ / LOC_EQ */
	struct lt_cond *a, *b;		/* for AND / OR (a, b) and NOT (a) */
};

enum lt_quantifier {
	LT_EXISTS,	/* exists (...): the bad outcome, counted as "positive" */
	LT_NOT_EXISTS,	/* ~exists (...) */
	LT_FORALL,	/* forall (...) */
};

struct lt_test {
	char name[128];		/* from the header line, e.g. "SB+fences" */
	char path[512];		/* file it was read from, or "" */
	char *source;		/* whole text of the file (owned) */
	char result[16];	/* "Never", "Sometimes", "Always" from the comment, or "" */
	char *doc;		/* the comment's purpose paragraph (owned), or NULL */
	int nlocs;
	char locs[LT_MAX_LOCS][32];
	int init[LT_MAX_LOCS];	/* initial values, 0 unless the init block says */
	int nthreads;
	struct lt_thread threads[LT_MAX_THREADS];
	bool has_slot;		/* some thread uses fence() */
	enum lt_quantifier quant;
	struct lt_cond *cond;	/* owned tree */
	/* What the final state records, in order: every register of every
	 * thread, then every location the condition names. */
	int ncond_locs;		/* locations the condition names ... */
	int cond_locs[LT_MAX_LOCS];	/* ... as indices into locs, first-named first */
};

/*
 * Parse text (from file `path`, used in messages).  Returns 0, or on error
 * -1 with "path:line:col: message" (one line, no newline) in err; lines and
 * columns count from 1, a column is a byte (a tab is one).  t is fully
 * overwritten; after an error it owns nothing (lt_free on it is harmless).
 * lt_parse_file's errors before parsing (cannot open or read) are
 * "path: message".
 *
 * Besides herd7's C subset the parser accepts two membench statements:
 * fence(), the slot the engine fills with each barrier in turn, and
 * membarrier(), membarrier(2) PRIVATE_EXPEDITED ("process.general").
 * A `locations [...]` line is accepted and ignored.
 */
int lt_parse(const char *text, const char *path, struct lt_test *t, char *err, size_t errlen);
int lt_parse_file(const char *path, struct lt_test *t, char *err, size_t errlen);
void lt_free(struct lt_test *t);
/* Evaluate the condition's body (without the quantifier) on a final state. */
bool lt_cond_eval(const struct lt_cond *c, const int *const *regs, const int *locs);

#endif
