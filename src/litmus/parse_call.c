/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_call.c - the kernel primitives a thread may call, as
 * herd's linux-kernel.def names them: READ_ONCE/WRITE_ONCE, acquire and
 * release, the atomic RMW families and their variants, spinlocks, RCU,
 * the fixed barriers (smp_mb() ...) and membench's fence()/membarrier();
 * each call becomes its statement (struct lt_instr, src/litmus/ast.h).
 */
#include <stdio.h>
#include <string.h>

#include "litmus/parse_int.h"

/*
 * The fixed barriers a thread may call (src/barrier/id.h): the kernel
 * flavour, since the file means Linux's macro.  fence() and membarrier()
 * are membench's own (see src/litmus/ast.h).
 */
#define K_(kind, type)	MB_ID_INIT(MB_ROW_##kind##_##type, MB_KERNEL)
#define E_(kind, type)	MB_ID_INIT(MB_ROW_##kind##_##type, MB_EMITTED)
static const struct {
	const char *macro;
	struct mb_id barrier;	/* MB_ID_NONE: the fence() slot */
} lt_fences[] = {
	{ "smp_mb",	K_(smp, general) },
	{ "smp_rmb",	K_(smp, read) },
	{ "smp_wmb",	K_(smp, write) },
	{ "mb",		K_(mmio, general) },
	{ "rmb",	K_(mmio, read) },
	{ "wmb",	K_(mmio, write) },
	{ "dma_mb",	K_(dma, general) },
	{ "dma_rmb",	K_(dma, read) },
	{ "dma_wmb",	K_(dma, write) },
	{ "barrier",	E_(compiler, general) },
	{ "membarrier",	E_(process, general) },
	{ "fence",	MB_ID_INIT(-1, MB_EMITTED) },
};
#undef K_
#undef E_

static const struct call_def lt_calls[] = {
	{ "READ_ONCE",		CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "WRITE_ONCE",		CK_STORE, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "smp_load_acquire",	CK_LOAD, PTR, LT_ACQUIRE, 0, 0, 0, 0, 0 },
	{ "smp_store_release",	CK_STORE, PTR, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "rcu_dereference",	CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "lockless_dereference", CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "rcu_assign_pointer",	CK_STORE, LVAL, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "atomic_read",	CK_LOAD, PTR, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "atomic_set",		CK_STORE, PTR, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "atomic_read_acquire", CK_LOAD, PTR, LT_ACQUIRE, 0, 0, 0, 0, 0 },
	{ "atomic_set_release",	CK_STORE, PTR, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "spin_lock",		CK_LOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_unlock",	CK_UNLOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_trylock",	CK_TRYLOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_is_locked",	CK_ISLOCKED, PTR, 0, 0, 0, 0, 0, 0 },
	{ "smp_mb__before_atomic", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_BEFORE_ATOMIC },
	{ "smp_mb__after_atomic", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_ATOMIC },
	{ "smp_mb__after_spinlock", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_SPINLOCK },
	{ "smp_mb__after_unlock_lock", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_UNLOCK_LOCK },
	{ "rcu_read_lock",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_LOCK },
	{ "rcu_read_unlock",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_UNLOCK },
	{ "synchronize_rcu",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_SYNC },
	{ "synchronize_rcu_expedited", CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_SYNC },
	{ "srcu_read_lock",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "srcu_read_unlock",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "synchronize_srcu",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "synchronize_srcu_expedited", CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "atomic_add_unless",	CK_RMW, PTR, LT_MB, LT_RMW_ADD_UNLESS, LT_RET_DONE, 0, 0, 0 },
	{ "atomic_inc_not_zero", CK_RMW, PTR, LT_MB, LT_RMW_ADD_UNLESS, LT_RET_DONE, 0, 0, 0 },
	{ "atomic_sub_and_test", CK_RMW, PTR, LT_MB, LT_RMW_SUB, LT_RET_NEW, 1, '0', 0 },
	{ "atomic_dec_and_test", CK_RMW, PTR, LT_MB, LT_RMW_SUB, LT_RET_NEW, 0, '0', 0 },
	{ "atomic_inc_and_test", CK_RMW, PTR, LT_MB, LT_RMW_ADD, LT_RET_NEW, 0, '0', 0 },
	{ "atomic_add_negative", CK_RMW, PTR, LT_MB, LT_RMW_ADD, LT_RET_NEW, 1, '<', 0 },
};

/* The RMW families with _relaxed/_acquire/_release variants. */
static const struct {
	const char *stem;
	enum lt_rmw rmw;
	enum lt_rmw_ret ret;
	int nargs;	/* besides the location: 0 (inc/dec), 1 (V), 2 (cmpxchg: old, new) */
	int order;	/* 1: atomic_add(V, X) */
} lt_rmws[] = {
	{ "xchg", LT_RMW_XCHG, LT_RET_OLD, 1, 0 },
	{ "cmpxchg", LT_RMW_CMPXCHG, LT_RET_OLD, 2, 0 },
	{ "atomic_xchg", LT_RMW_XCHG, LT_RET_OLD, 1, 0 },
	{ "atomic_cmpxchg", LT_RMW_CMPXCHG, LT_RET_OLD, 2, 0 },
	{ "atomic_add_return", LT_RMW_ADD, LT_RET_NEW, 1, 1 },
	{ "atomic_sub_return", LT_RMW_SUB, LT_RET_NEW, 1, 1 },
	{ "atomic_inc_return", LT_RMW_ADD, LT_RET_NEW, 0, 0 },
	{ "atomic_dec_return", LT_RMW_SUB, LT_RET_NEW, 0, 0 },
	{ "atomic_fetch_add", LT_RMW_ADD, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_sub", LT_RMW_SUB, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_inc", LT_RMW_ADD, LT_RET_OLD, 0, 0 },
	{ "atomic_fetch_dec", LT_RMW_SUB, LT_RET_OLD, 0, 0 },
	{ "atomic_fetch_and", LT_RMW_AND, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_or", LT_RMW_OR, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_xor", LT_RMW_XOR, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_andnot", LT_RMW_ANDNOT, LT_RET_OLD, 1, 1 },
	/* void: no variants, relaxed (herd's __atomic_op) */
	{ "atomic_add", LT_RMW_ADD, LT_RET_NONE, 1, 1 },
	{ "atomic_sub", LT_RMW_SUB, LT_RET_NONE, 1, 1 },
	{ "atomic_inc", LT_RMW_ADD, LT_RET_NONE, 0, 0 },
	{ "atomic_dec", LT_RMW_SUB, LT_RET_NONE, 0, 0 },
	{ "atomic_and", LT_RMW_AND, LT_RET_NONE, 1, 1 },
	{ "atomic_or", LT_RMW_OR, LT_RET_NONE, 1, 1 },
	{ "atomic_xor", LT_RMW_XOR, LT_RET_NONE, 1, 1 },
	{ "atomic_andnot", LT_RMW_ANDNOT, LT_RET_NONE, 1, 1 },
};

/* Name -> call_def (RMW families built into *tmp).  NULL: not a kernel macro. */
const struct call_def *lp_lookup_call(const struct tok *tk, struct call_def *tmp)
{
	static const struct { const char *sfx; enum lt_access acc; } variants[] = {
		{ "", LT_MB }, { "_relaxed", LT_ONCE }, { "_acquire", LT_ACQUIRE },
		{ "_release", LT_RELEASE },
	};

	for (size_t i = 0; i < sizeof(lt_calls) / sizeof(lt_calls[0]); i++)
		if (lp_tok_is(tk, lt_calls[i].name))
			return &lt_calls[i];
	for (size_t i = 0; i < sizeof(lt_rmws) / sizeof(lt_rmws[0]); i++) {
		size_t sl = strlen(lt_rmws[i].stem);

		if ((size_t)tk->len < sl || strncmp(tk->s, lt_rmws[i].stem, sl))
			continue;
		for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
			if ((size_t)tk->len != sl + strlen(variants[v].sfx) ||
			    strncmp(tk->s + sl, variants[v].sfx, strlen(variants[v].sfx)))
				continue;
			if (lt_rmws[i].ret == LT_RET_NONE && v)
				continue;
			memset(tmp, 0, sizeof(*tmp));
			tmp->name = lt_rmws[i].stem;
			tmp->kind = CK_RMW;
			tmp->arg = PTR;
			tmp->access = lt_rmws[i].ret == LT_RET_NONE ? LT_ONCE : variants[v].acc;
			tmp->rmw = lt_rmws[i].rmw;
			tmp->ret = lt_rmws[i].ret;
			tmp->order = lt_rmws[i].order;
			tmp->sub = lt_rmws[i].nargs;
			return tmp;
		}
	}
	return NULL;
}

bool lp_is_fence_macro(const struct tok *tk, size_t *idx)
{
	for (size_t i = 0; i < sizeof(lt_fences) / sizeof(lt_fences[0]); i++)
		if (lp_tok_is(tk, lt_fences[i].macro)) {
			*idx = i;
			return true;
		}
	return false;
}

/* The address argument of a macro: `*e` (LVAL) or `e` (PTR); an expr index. */
static int parse_addr_arg(struct parser *ps, int thread, enum arg_kind arg, const struct tok *fn)
{
	struct tok at = ps->tk;
	int e;

	if (arg == LVAL) {
		if (!lp_is_punct(ps, '*'))
			lp_perr(ps, at.line, at.col, "%s takes '*p' (as %.*s(*x)), found %s",
				TOKSTR(fn), fn->len, fn->s, TOKSTR(&at));
		lp_next(ps);
		e = lp_parse_expr(ps, thread);
	} else {
		e = lp_parse_expr(ps, thread);
	}
	if (ps->t->exprs[e].kind == LT_E_CONST)
		lp_perr(ps, at.line, at.col, "%s of a constant address: name a location", TOKSTR(fn));
	return e;
}

/* The location an address expression names when it is constant, else -1. */
int lp_const_loc(const struct lt_test *t, int e)
{
	return t->exprs[e].kind == LT_E_LOC ? t->exprs[e].loc : -1;
}

/* Does the location an address expression names have this type (when known)? */
void lp_check_loc_type(struct parser *ps, int thread, int e, const struct tok *fn,
		       const struct tok *at, bool lock)
{
	int l = lp_const_loc(ps->t, e);
	enum lt_type ty;

	if (l < 0)
		return;
	ty = ps->param_type[thread][l];
	if (lock && ty != LT_T_LOCK)
		lp_perr(ps, at->line, at->col, "%s needs a spinlock_t, but '%s' is not one",
			TOKSTR(fn), ps->t->locs[l]);
	if (!lock && ty == LT_T_LOCK)
		lp_perr(ps, at->line, at->col, "%s of the spinlock_t '%s'", TOKSTR(fn), ps->t->locs[l]);
}

/*
 * A kernel macro call at fn (the '(' is current).  Emits its statement;
 * returns the register expression of its value, or -1 for a void call.
 */
int lp_parse_call(struct parser *ps, int thread, const struct tok *fn)
{
	struct lt_test *t = ps->t;
	struct call_def tmp;
	const struct call_def *d = lp_lookup_call(fn, &tmp);
	struct lt_instr *in;
	size_t fi;
	int addr = -1, v = -1, w = -1, reg = -1;
	struct tok aat;

	lp_next(ps);	/* '(' */
	if (!d) {
		if (lp_is_fence_macro(fn, &fi)) {
			if (!lp_is_punct(ps, ')'))
				lp_perr(ps, ps->tk.line, ps->tk.col, "%s takes no arguments, found %s",
					TOKSTR(fn), TOKSTR(&ps->tk));
			lp_next(ps);
			in = lp_new_instr(ps, thread, fn);
			in->op = LT_FENCE;
			snprintf(in->source, sizeof(in->source), "%s()", lt_fences[fi].macro);
			in->barrier = lt_fences[fi].barrier;
			if (!mb_id_valid(in->barrier)) {
				in->slot = true;
				t->has_slot = true;
			}
			return -1;
		}
		lp_perr(ps, fn->line, fn->col, "%s is not supported", TOKSTR(fn));
	}
	switch (d->kind) {
	case CK_KFENCE:
	case CK_RCU:
		if (!lp_is_punct(ps, ')'))
			lp_perr(ps, ps->tk.line, ps->tk.col, "%s takes no arguments, found %s",
				TOKSTR(fn), TOKSTR(&ps->tk));
		lp_next(ps);
		in = lp_new_instr(ps, thread, fn);
		if (d->kind == CK_KFENCE) {
			in->op = LT_KFENCE;
			in->kf = (enum lt_kfence)d->sub;
		} else {
			in->op = LT_RCU;
			in->rcu = (enum lt_rcu)d->sub;
			t->has_rcu = true;
		}
		return -1;
	case CK_SRCU:
		lp_perr(ps, fn->line, fn->col, "SRCU (%.*s) is not supported", fn->len, fn->s);
	default:
		break;
	}
	/* The location argument (second for atomic_add(V, X) ...). */
	if (d->kind == CK_RMW && d->order == 1) {
		v = lp_parse_expr(ps, thread);
		lp_expect(ps, ',', "after the value");
	}
	aat = ps->tk;
	addr = parse_addr_arg(ps, thread, d->arg, fn);
	lp_check_loc_type(ps, thread, addr, fn, &aat,
			  d->kind == CK_LOCK || d->kind == CK_UNLOCK || d->kind == CK_TRYLOCK ||
			  d->kind == CK_ISLOCKED);
	if (d->kind == CK_STORE) {
		lp_expect(ps, ',', "after the location");
		v = lp_parse_expr(ps, thread);
	} else if (d->kind == CK_RMW && d->order == 0) {
		int nargs = d == &tmp ? d->sub :
			    d->rmw == LT_RMW_ADD_UNLESS ? (lp_tok_is(fn, "atomic_inc_not_zero") ? 0 : 2) : 0;

		if (nargs >= 1) {
			lp_expect(ps, ',', "after the location");
			v = lp_parse_expr(ps, thread);
		}
		if (nargs == 2) {
			lp_expect(ps, ',', "after the value");
			w = lp_parse_expr(ps, thread);
		}
	}
	lp_expect(ps, ')', "to close the call");
	in = lp_new_instr(ps, thread, fn);
	in->access = d->access;
	in->addr = addr;
	in->loc = lp_const_loc(t, addr);
	switch (d->kind) {
	case CK_LOAD:
		in->op = LT_LOAD;
		break;
	case CK_STORE:
		in->op = LT_STORE;
		in->val = v;
		if (t->exprs[v].kind == LT_E_CONST)
			in->value = t->exprs[v].value;
		return -1;
	case CK_LOCK:
		in->op = LT_LOCK;
		return -1;
	case CK_UNLOCK:
		in->op = LT_UNLOCK;
		return -1;
	case CK_TRYLOCK:
		in->op = LT_TRYLOCK;
		break;
	case CK_ISLOCKED:
		in->op = LT_ISLOCKED;
		break;
	case CK_RMW:
		in->op = LT_RMW;
		in->rmw = d->rmw;
		in->ret = d->ret;
		if (d->rmw == LT_RMW_CMPXCHG) {
			in->expect = v;		/* cmpxchg(X, old, new) */
			in->val = w;
		} else if (d->rmw == LT_RMW_ADD_UNLESS) {
			/* atomic_add_unless(X, a, u); atomic_inc_not_zero(X) = (X, 1, 0) */
			in->val = v >= 0 ? v : lp_const_expr(ps, 1, fn);
			in->expect = w >= 0 ? w : lp_const_expr(ps, 0, fn);
		} else {
			in->val = v >= 0 ? v : lp_const_expr(ps, 1, fn);
		}
		if (d->ret == LT_RET_NONE)
			return -1;
		break;
	default:
		break;
	}
	reg = lp_hidden_reg(ps, thread, fn);
	in->reg = reg;
	if (in->op == LT_LOAD && in->loc >= 0 && t->loc_type[in->loc] == LT_T_PTR)
		t->threads[thread].reg_ptr[reg] = true;
	if (in->op == LT_RMW && d->test) {
		/* reg = (new == 0) or (new < 0): an LT_ASSIGN on the same register */
		struct lt_instr *as = lp_new_instr(ps, thread, fn);
		int cmp = lp_new_expr(ps, LT_E_BIN, fn);

		t->exprs[cmp].op = d->test == '0' ? LT_EQ : LT_LT;
		t->exprs[cmp].a = lp_reg_expr(ps, thread, reg, fn);
		t->exprs[cmp].b = lp_const_expr(ps, 0, fn);
		as->op = LT_ASSIGN;
		as->reg = reg;
		as->val = cmp;
	}
	return lp_reg_expr(ps, thread, reg, fn);
}
