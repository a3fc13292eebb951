/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/ast.h - a parsed litmus test (herd7's C litmus format in the
 * Linux kernel's dialect: tools/memory-model/linux-kernel.def's macros).
 * Produced by src/litmus/parse.c; read by the translator to C
 * (src/litmus/gen.c), the expectation model (src/litmus/model.c) and the
 * harness (src/litmus/harness.c).
 *
 * Every value is an int.  A location holds an int; a pointer is the int
 * LT_PTR_VAL(k) naming location k (0 is NULL), in memory, in registers,
 * in the init block and in conditions alike, so the final state is ints.
 * The harness dereferences a pointer by computing the address from that
 * int, so an address dependency stays in the instructions.
 *
 * A thread is a flat array of statements.  Every memory access, RMW,
 * lock, fence and RCU call is a statement of its own (an expression never
 * touches memory: the parser gives a read nested in an expression its own
 * LT_LOAD into a hidden register), so the events of a thread are its
 * statements in order.  if/else is an LT_IF statement followed by its two
 * branches, delimited by indices (see struct lt_instr).
 */
#ifndef MB_LITMUS_AST_H
#define MB_LITMUS_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "barrier/id.h"

#define LT_MAX_THREADS	8
#define LT_MAX_LOCS	8
#define LT_MAX_REGS	8	/* per thread, hidden temporaries included */
#define LT_MAX_INSTRS	32	/* per thread, LT_IF statements included */
#define LT_MAX_EXPRS	256	/* per test */
#define LT_MAX_META	16	/* herd header Key=value lines kept */
#define LT_MAX_SHOW	16	/* terms of `locations [...]` */

/* The int a pointer to location k is; 0 is NULL. */
#define LT_PTR_VAL(k)	((k) + 1)
#define LT_PTR_LOC(v)	((v) - 1)	/* the location a pointer value names */

/* What a location is declared as (the init block or a parameter's type). */
enum lt_type {
	LT_T_INT,	/* int x; int *x parameter */
	LT_T_PTR,	/* int *p in the init block, int **p parameter, p = &x / p = x */
	LT_T_ATOMIC,	/* atomic_t (ATOMIC_INIT(n) is its value) */
	LT_T_LOCK,	/* spinlock_t: 0 unlocked, 1 locked */
};

/* Pure expressions: a tree in test->exprs, children by index, -1 = none. */
enum lt_expr_kind {
	LT_E_CONST,	/* value */
	LT_E_REG,	/* register reg of the statement's thread */
	LT_E_LOC,	/* the address of location loc: `x` (a parameter), `&x` */
	LT_E_UN,	/* op a: '-' (negate), '!' (not), '~' (complement) */
	LT_E_BIN,	/* a op b */
};

enum lt_binop {
	LT_ADD, LT_SUB, LT_MUL, LT_DIV, LT_MOD,
	LT_BAND, LT_BOR, LT_BXOR, LT_SHL, LT_SHR,
	LT_EQ, LT_NE, LT_LT, LT_LE, LT_GT, LT_GE,
	LT_LAND, LT_LOR,
};

struct lt_expr {
	enum lt_expr_kind kind;
	int op;			/* LT_E_UN: '-', '!', '~'; LT_E_BIN: enum lt_binop */
	int value;		/* LT_E_CONST */
	int reg;		/* LT_E_REG */
	int loc;		/* LT_E_LOC */
	int a, b;		/* operands (index into test->exprs) */
	bool ptr;		/* the value is a pointer (LT_PTR_VAL): LOC, a pointer
				 * register, pointer +/- int */
};

enum lt_op {
	LT_STORE,	/* *addr = val */
	LT_LOAD,	/* reg = *addr */
	LT_FENCE,	/* a barrier of src/barrier/barrier.h (smp_mb() ...) or the slot fence() */
	LT_RMW,		/* reg = rmw(addr, val, expect), see enum lt_rmw */
	LT_LOCK,	/* spin_lock(addr) */
	LT_UNLOCK,	/* spin_unlock(addr) */
	LT_TRYLOCK,	/* reg = spin_trylock(addr): 1 and locked, or 0 (a read only) */
	LT_ISLOCKED,	/* reg = spin_is_locked(addr): a read of the lock */
	LT_KFENCE,	/* the kernel's ordering macros with no barrier.h row, enum lt_kfence */
	LT_RCU,		/* rcu_read_lock() ..., enum lt_rcu */
	LT_ASSIGN,	/* reg = val (no memory access) */
	LT_IF,		/* if (val) { [i+1, then_end) } else { [then_end, else_end) } */
};

/*
 * Ordering annotation of an access or RMW (herd's {once}, {acquire},
 * {release}, {mb}; plain is herd's unmarked C access).
 */
enum lt_access {
	LT_ONCE,	/* READ_ONCE / WRITE_ONCE / atomic_read / atomic_set / _relaxed RMWs
			 * / void atomic ops (atomic_inc ...) / rcu_dereference */
	LT_ACQUIRE,	/* smp_load_acquire, atomic_read_acquire, _acquire RMWs */
	LT_RELEASE,	/* smp_store_release, rcu_assign_pointer, atomic_set_release, _release RMWs */
	LT_PLAIN,	/* *x = v, r = *x: unmarked, may race (LKMM data races) */
	LT_MB,		/* fully ordered RMW: xchg, cmpxchg, atomic_*_return, atomic_fetch_* ... */
};

/*
 * The RMW's operation on the old value o at addr (val = the operand V,
 * expect = the expected/excluded value E); what lands in reg is `ret`.
 */
enum lt_rmw {
	LT_RMW_ADD,		/* o + V */
	LT_RMW_SUB,		/* o - V */
	LT_RMW_AND,		/* o & V */
	LT_RMW_OR,		/* o | V */
	LT_RMW_XOR,		/* o ^ V */
	LT_RMW_ANDNOT,		/* o & ~V */
	LT_RMW_XCHG,		/* V */
	LT_RMW_CMPXCHG,		/* o == E ? V : no write (a failed cmpxchg is a read only) */
	LT_RMW_ADD_UNLESS,	/* o != E ? o + V : no write (a read only) */
};

enum lt_rmw_ret {
	LT_RET_NONE,	/* atomic_inc(v) ...: nothing (reg is -1) */
	LT_RET_OLD,	/* o: fetch_*, xchg, cmpxchg */
	LT_RET_NEW,	/* the value written: *_return */
	LT_RET_DONE,	/* 1 if it wrote, else 0: atomic_add_unless, atomic_inc_not_zero */
};
/* *_and_test and atomic_add_negative are LT_RET_NEW followed by an LT_ASSIGN
 * reg = (reg == 0) / (reg < 0) on the same register. */

enum lt_kfence {
	LT_KF_BEFORE_ATOMIC,	/* smp_mb__before_atomic() */
	LT_KF_AFTER_ATOMIC,	/* smp_mb__after_atomic() */
	LT_KF_AFTER_SPINLOCK,	/* smp_mb__after_spinlock() */
	LT_KF_AFTER_UNLOCK_LOCK,/* smp_mb__after_unlock_lock() */
};

enum lt_rcu {
	LT_RCU_LOCK,		/* rcu_read_lock() */
	LT_RCU_UNLOCK,		/* rcu_read_unlock() */
	LT_RCU_SYNC,		/* synchronize_rcu(), synchronize_rcu_expedited() */
};

struct lt_instr {
	enum lt_op op;
	enum lt_access access;	/* LOAD, STORE, RMW */
	/*
	 * The location accessed when the address is a constant one (addr is
	 * an LT_E_LOC): LOAD, STORE, RMW, the lock statements; -1 when the
	 * address depends on a register (then only addr says where).
	 */
	int loc;
	int reg;		/* destination: LOAD, RMW, TRYLOCK, ISLOCKED, ASSIGN; -1 = none */
	int value;		/* STORE: the stored constant when val is an LT_E_CONST */
	int addr;		/* expr: the address (a pointer expression), -1 = none */
	int val;		/* expr: STORE's value, RMW's V, ASSIGN's value, IF's condition */
	int expect;		/* expr: RMW's E (CMPXCHG, ADD_UNLESS), else -1 */
	enum lt_rmw rmw;
	enum lt_rmw_ret ret;
	enum lt_kfence kf;
	enum lt_rcu rcu;
	/*
	 * LT_IF at index i: the then-branch is instrs[i+1 .. then_end-1], the
	 * else-branch instrs[then_end .. else_end-1] (empty when there is no
	 * else), and the thread goes on at else_end.  Branches nest.
	 */
	int then_end, else_end;
	/*
	 * Fences: slot == true for membench's fence() slot, filled by the
	 * engine with each barrier in turn; otherwise barrier is the fixed
	 * barrier (src/barrier/id.h): smp.general:kernel for smp_mb(),
	 * compiler.general for barrier(), process.general for membarrier().
	 * source is the spelling in the file (every op).
	 */
	bool slot;
	struct mb_id barrier;
	char source[32];
	int line, col;		/* position in the file, for messages */
};

struct lt_thread {
	int ninstrs;
	struct lt_instr instrs[LT_MAX_INSTRS];
	int nregs;			/* at most LT_MAX_REGS (one more is the parser's scratch) */
	char regs[LT_MAX_REGS + 1][16];	/* "r0", "r1" ...; hidden ones "#t0" ... */
	bool reg_ptr[LT_MAX_REGS + 1];	/* declared int * (or holds a pointer) */
	bool reg_hidden[LT_MAX_REGS + 1];	/* made by the parser: not in the final state */
	int reg_init[LT_MAX_REGS + 1];	/* "0:r1=2;" in the init block; else 0 */
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
	int thread, reg, loc, value;	/* for REG_EQ / LOC_EQ; value may be LT_PTR_VAL(k) */
	bool ptr;			/* value was written as a location name (0:r0=x) */
	struct lt_cond *a, *b;		/* for AND / OR (a, b) and NOT (a) */
};

enum lt_quantifier {
	LT_EXISTS,	/* exists (...): the bad outcome, counted as "positive" */
	LT_NOT_EXISTS,	/* ~exists (...) */
	LT_FORALL,	/* forall (...) */
};

/* A term of `locations [...]`: a location (thread -1) or thread:reg. */
struct lt_show {
	int thread, reg, loc;
};

struct lt_test {
	char name[128];		/* from the header line, e.g. "SB+fences" */
	char path[512];		/* file it was read from, or "" */
	char *source;		/* whole text of the file (owned) */
	char result[16];	/* declared: "Never", "Sometimes", "Always" from the comment, or "" */
	char *doc;		/* the comment's purpose paragraph (owned), or NULL */
	char *com;		/* herd's quoted doc string after the name (owned), or NULL */
	int nmeta;		/* herd header Key=value lines, in order */
	struct { char key[32]; char value[128]; } meta[LT_MAX_META];
	int nlocs;
	char locs[LT_MAX_LOCS][32];
	enum lt_type loc_type[LT_MAX_LOCS];
	int init[LT_MAX_LOCS];	/* initial values, 0 unless the init block says */
	int nthreads;
	struct lt_thread threads[LT_MAX_THREADS];
	int nexprs;
	struct lt_expr exprs[LT_MAX_EXPRS];
	bool has_slot;		/* some thread uses fence() */
	bool has_rcu;		/* some thread makes an LT_RCU call */
	enum lt_quantifier quant;
	struct lt_cond *cond;	/* owned tree */
	struct lt_cond *filter;	/* `filter (...)`: only final states satisfying it count; NULL = all */
	int nshow;		/* `locations [...]`, printed with the final states */
	struct lt_show show[LT_MAX_SHOW];
	/* What the final state records, in order: every register of every
	 * thread, then every location the condition, the filter or
	 * `locations` names. */
	int ncond_locs;		/* locations those name ... */
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
 * Besides herd7's C the parser accepts two membench statements:
 * fence(), the slot the engine fills with each barrier in turn, and
 * membarrier(), membarrier(2) PRIVATE_EXPEDITED ("process.general").
 */
int lt_parse(const char *text, const char *path, struct lt_test *t, char *err, size_t errlen);
int lt_parse_file(const char *path, struct lt_test *t, char *err, size_t errlen);
void lt_free(struct lt_test *t);
/* Evaluate the condition's body (without the quantifier) on a final state. */
bool lt_cond_eval(const struct lt_cond *c, const int *const *regs, const int *locs);
/* Evaluate a pure expression of thread th given its registers (C int
 * arithmetic; division by zero gives 0). */
int lt_expr_eval(const struct lt_test *t, int e, const int *regs);

#endif
