/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mprog.h - a litmus test as the expectation model executes it:
 * per thread, a list of statements over registers and expressions (the
 * AST lowered by src/litmus/mprog.c, one thin function), so that the
 * model can run each thread under every value its reads may return and
 * get the events, values and dependencies of each path.
 *
 * Values are 64-bit: integers, or addresses.  The address of location l
 * is LM_ADDR(l); pointer arithmetic that leaves a location is an error
 * the model reports (as herd7 does).
 */
#ifndef MB_LITMUS_MPROG_H
#define MB_LITMUS_MPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "litmus/ast.h"

typedef int64_t lm_val;

#define LM_ADDR_UNIT	((lm_val)1 << 40)
#define LM_ADDR(l)	(LM_ADDR_UNIT * (lm_val)((l) + 1))
/* The location an address value names, or -1. */
static inline int lm_addr_loc(lm_val v, int nlocs)
{
	if (v <= 0 || v % LM_ADDR_UNIT)
		return -1;
	v = v / LM_ADDR_UNIT - 1;
	return v < nlocs ? (int)v : -1;
}

#define LM_MAX_STMTS	96	/* per thread, after lowering */
#define LM_MAX_EXPRS	1024	/* per test */
#define LM_MAX_REGS	24	/* per thread */
#define LM_NOEXPR	(-1)

enum lm_eop {
	LE_CONST,	/* k */
	LE_REG,		/* reg */
	LE_NOT, LE_NEG, LE_BNOT,			/* !a, -a, ~a */
	LE_ADD, LE_SUB, LE_MUL, LE_DIV, LE_MOD,
	LE_AND, LE_OR, LE_XOR, LE_SHL, LE_SHR,
	LE_EQ, LE_NE, LE_LT, LE_LE, LE_GT, LE_GE,
	LE_LAND, LE_LOR,
	LE_ANDNOT,	/* a & ~b, for atomic_andnot */
};

struct lm_expr {
	uint8_t op;		/* enum lm_eop */
	int16_t a, b;		/* operands (indices into prog->e) */
	int16_t reg;		/* LE_REG */
	lm_val k;		/* LE_CONST */
};

enum lm_sop {
	LS_LOAD,	/* reg = load[ann](*addr) */
	LS_STORE,	/* store[ann](*addr, val) */
	LS_RMW,		/* reg = rmw[ann](*addr, ...): see rmw, ret */
	LS_FENCE,	/* fence (kind) */
	LS_LOCK, LS_UNLOCK,	/* spin_lock / spin_unlock(addr) */
	LS_TRYLOCK,	/* reg = spin_trylock(addr) */
	LS_ISLOCKED,	/* reg = spin_is_locked(addr) */
	LS_SRCU_LOCK,	/* reg = srcu_read_lock(addr) */
	LS_SRCU_UNLOCK,	/* srcu_read_unlock(addr, val) */
	LS_SYNC_SRCU,	/* synchronize_srcu(addr) */
	LS_ASSIGN,	/* reg = val */
	LS_BRANCH,	/* if (!cond) goto target */
	LS_GOTO,	/* goto target */
};

/* Access annotations, the LKMM's tags (linux-kernel.bell). */
enum lm_ann {
	LA_PLAIN,	/* *x, no tag */
	LA_ONCE,	/* READ_ONCE, WRITE_ONCE, relaxed RMWs */
	LA_ACQUIRE,
	LA_RELEASE,
	LA_MB,		/* fully ordered RMWs (xchg, cmpxchg, *_return, fetch_*) */
	LA_NORETURN,	/* RMWs without a result (atomic_inc ...) */
};

enum lm_rmw {
	LR_XCHG,	/* new = val */
	LR_CMPXCHG,	/* if old == cmp: new = val; else no write */
	LR_OP,		/* new = old <op> val (op in rmw_op) */
	LR_ADD_UNLESS,	/* if old != cmp: new = old + val; else no write */
};

enum lm_ret {
	LRET_OLD,	/* xchg, cmpxchg, fetch_*: the value read */
	LRET_NEW,	/* *_return */
	LRET_NONE,	/* atomic_add ... */
	LRET_ZERO,	/* *_and_test: new == 0 */
	LRET_NEG,	/* add_negative: new < 0 */
	LRET_DONE,	/* add_unless, try_cmpxchg: whether it wrote */
};

/* Fence kinds: the LKMM's (linux-kernel.def) and a barrier of the rows of
 * src/barrier/id.h (the fence() slot, smp_mb(), membarrier() ...). */
enum lm_fence {
	LF_NAMED,	/* id: decoded per model by lm_class() */
	LF_MB, LF_RMB, LF_WMB, LF_BARRIER,
	LF_BEFORE_ATOMIC, LF_AFTER_ATOMIC, LF_AFTER_SPINLOCK, LF_AFTER_UNLOCK_LOCK,
	LF_RCU_LOCK, LF_RCU_UNLOCK, LF_SYNC_RCU,
	LF_NKINDS
};

struct lm_stmt {
	uint8_t op;		/* enum lm_sop */
	uint8_t ann;		/* enum lm_ann: loads, stores, RMWs */
	uint8_t rmw;		/* enum lm_rmw */
	uint8_t rmw_op;		/* enum lm_eop for LR_OP */
	uint8_t ret;		/* enum lm_ret */
	uint8_t fence;		/* enum lm_fence */
	int16_t reg;		/* destination register, or -1 */
	int16_t addr;		/* expression: the address accessed */
	int16_t val;		/* expression: value stored / operand / assigned */
	int16_t cmp;		/* expression: cmpxchg's expected value, a branch's condition */
	int16_t target;		/* branch / goto: statement index */
	struct mb_id id;	/* LF_NAMED: the barrier (MB_ID_NONE: orders nothing) */
	bool slot;		/* the fence() slot */
	bool membarrier_peer;	/* LF_NAMED barrier() paired with a membarrier() elsewhere */
	int line, col;
};

struct lm_thread {
	int nstmts;
	struct lm_stmt s[LM_MAX_STMTS];
	int nregs;
	lm_val reg_init[LM_MAX_REGS];
};

struct lm_prog {
	int nthreads, nlocs;
	lm_val init[LT_MAX_LOCS];
	struct lm_thread th[LT_MAX_THREADS];
	int nexprs;
	struct lm_expr e[LM_MAX_EXPRS];
	const struct lt_test *t;	/* names, condition */
};

/*
 * Lower test t, with slot_barrier in its fence() slots, into p.  Returns 0,
 * or -1 with a reason in err (a construct the model does not know).
 */
int lm_prog_from_ast(const struct lt_test *t, struct mb_id slot_barrier, struct lm_prog *p,
		     char *err, size_t errlen);

#endif /* MB_LITMUS_MPROG_H */
