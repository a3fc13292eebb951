/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mprog.c - the AST (src/litmus/ast.h) lowered to the model's
 * statements (src/litmus/mprog.h).  Only this file knows the AST's shape.
 */
#include <stdio.h>
#include <string.h>

#include "litmus/mprog.h"

static int expr_new(struct lm_prog *p, enum lm_eop op, int a, int b, int reg, lm_val k)
{
	struct lm_expr *e;

	if (p->nexprs >= LM_MAX_EXPRS)
		return LM_NOEXPR;
	e = &p->e[p->nexprs];
	e->op = (uint8_t)op;
	e->a = (int16_t)a;
	e->b = (int16_t)b;
	e->reg = (int16_t)reg;
	e->k = k;
	return p->nexprs++;
}

/* An AST value v of a location or register of pointer type, as the model's. */
static lm_val ptr_val(int v)
{
	return v ? LM_ADDR(LT_PTR_LOC(v)) : 0;
}

/* AST expression e -> the model's pool; -1 stays -1. */
static int expr_lower(const struct lt_test *t, struct lm_prog *p, int e)
{
	static const uint8_t bin[] = {
		[LT_ADD] = LE_ADD, [LT_SUB] = LE_SUB, [LT_MUL] = LE_MUL, [LT_DIV] = LE_DIV,
		[LT_MOD] = LE_MOD, [LT_BAND] = LE_AND, [LT_BOR] = LE_OR, [LT_BXOR] = LE_XOR,
		[LT_SHL] = LE_SHL, [LT_SHR] = LE_SHR, [LT_EQ] = LE_EQ, [LT_NE] = LE_NE,
		[LT_LT] = LE_LT, [LT_LE] = LE_LE, [LT_GT] = LE_GT, [LT_GE] = LE_GE,
		[LT_LAND] = LE_LAND, [LT_LOR] = LE_LOR,
	};
	const struct lt_expr *x;
	int a, b;

	if (e < 0 || e >= t->nexprs)
		return LM_NOEXPR;
	x = &t->exprs[e];
	switch (x->kind) {
	case LT_E_CONST:
		return expr_new(p, LE_CONST, -1, -1, 0, x->value);
	case LT_E_REG:
		return expr_new(p, LE_REG, -1, -1, x->reg, 0);
	case LT_E_LOC:
		return expr_new(p, LE_CONST, -1, -1, 0, LM_ADDR(x->loc));
	case LT_E_UN:
		a = expr_lower(t, p, x->a);
		return expr_new(p, x->op == '-' ? LE_NEG : x->op == '!' ? LE_NOT : LE_BNOT,
				a, -1, 0, 0);
	case LT_E_BIN:
		if (x->op < 0 || (size_t)x->op >= sizeof(bin))
			return LM_NOEXPR;
		a = expr_lower(t, p, x->a);
		b = expr_lower(t, p, x->b);
		return expr_new(p, (enum lm_eop)bin[x->op], a, b, 0, 0);
	}
	return LM_NOEXPR;
}

static const uint8_t rmw_ops[] = {
	[LT_RMW_ADD] = LE_ADD, [LT_RMW_SUB] = LE_SUB, [LT_RMW_AND] = LE_AND,
	[LT_RMW_OR] = LE_OR, [LT_RMW_XOR] = LE_XOR, [LT_RMW_ANDNOT] = LE_ANDNOT,
};

static uint8_t ann_of(enum lt_access a)
{
	switch (a) {
	case LT_ACQUIRE: return LA_ACQUIRE;
	case LT_RELEASE: return LA_RELEASE;
	case LT_PLAIN: return LA_PLAIN;
	case LT_MB: return LA_MB;
	default: return LA_ONCE;
	}
}

static int lower_instr(const struct lt_test *t, struct lm_prog *p, const struct lt_instr *in,
		       struct lm_stmt *s, struct mb_id slot, bool peer, int *ast_target)
{
	*ast_target = -1;
	s->ann = ann_of(in->access);
	s->reg = (int16_t)in->reg;
	switch (in->op) {
	case LT_LOAD:
		s->op = LS_LOAD;
		s->addr = (int16_t)expr_lower(t, p, in->addr);
		break;
	case LT_STORE:
		s->op = LS_STORE;
		s->addr = (int16_t)expr_lower(t, p, in->addr);
		s->val = (int16_t)expr_lower(t, p, in->val);
		break;
	case LT_RMW:
		s->op = LS_RMW;
		s->addr = (int16_t)expr_lower(t, p, in->addr);
		s->val = (int16_t)expr_lower(t, p, in->val);
		s->cmp = (int16_t)expr_lower(t, p, in->expect);
		switch (in->rmw) {
		case LT_RMW_XCHG: s->rmw = LR_XCHG; break;
		case LT_RMW_CMPXCHG: s->rmw = LR_CMPXCHG; break;
		case LT_RMW_ADD_UNLESS: s->rmw = LR_ADD_UNLESS; break;
		default:
			s->rmw = LR_OP;
			s->rmw_op = (size_t)in->rmw < sizeof(rmw_ops) ? rmw_ops[in->rmw] : LE_ADD;
			break;
		}
		switch (in->ret) {
		case LT_RET_NONE: s->ret = LRET_NONE; break;
		case LT_RET_NEW: s->ret = LRET_NEW; break;
		case LT_RET_DONE: s->ret = LRET_DONE; break;
		default: s->ret = LRET_OLD; break;
		}
		/* linux-kernel.def: the void atomics are __atomic_op{noreturn} */
		if (in->ret == LT_RET_NONE && in->access == LT_ONCE)
			s->ann = LA_NORETURN;
		break;
	case LT_LOCK:
	case LT_UNLOCK:
	case LT_TRYLOCK:
	case LT_ISLOCKED:
		s->op = in->op == LT_LOCK ? LS_LOCK : in->op == LT_UNLOCK ? LS_UNLOCK :
			in->op == LT_TRYLOCK ? LS_TRYLOCK : LS_ISLOCKED;
		s->addr = (int16_t)expr_lower(t, p, in->addr);
		break;
	case LT_FENCE:
		s->op = LS_FENCE;
		s->fence = LF_NAMED;
		s->slot = in->slot;
		s->id = in->slot ? slot : in->barrier;
		s->membarrier_peer = peer && mb_id_is_row(s->id, MB_ROW_compiler_general);
		break;
	case LT_KFENCE:
		s->op = LS_FENCE;
		s->fence = in->kf == LT_KF_BEFORE_ATOMIC ? LF_BEFORE_ATOMIC :
			   in->kf == LT_KF_AFTER_ATOMIC ? LF_AFTER_ATOMIC :
			   in->kf == LT_KF_AFTER_SPINLOCK ? LF_AFTER_SPINLOCK : LF_AFTER_UNLOCK_LOCK;
		break;
	case LT_RCU:
		s->op = LS_FENCE;
		s->fence = in->rcu == LT_RCU_LOCK ? LF_RCU_LOCK :
			   in->rcu == LT_RCU_UNLOCK ? LF_RCU_UNLOCK : LF_SYNC_RCU;
		break;
	case LT_ASSIGN:
		s->op = LS_ASSIGN;
		s->val = (int16_t)expr_lower(t, p, in->val);
		break;
	case LT_IF:
		/* if (!val) goto then_end */
		s->op = LS_BRANCH;
		s->cmp = (int16_t)expr_lower(t, p, in->val);
		*ast_target = in->then_end;
		break;
	default:
		return -1;
	}
	return 0;
}

int lm_prog_from_ast(const struct lt_test *t, struct mb_id slot, struct lm_prog *p,
		     char *err, size_t errlen)
{
	bool has_mbar[LT_MAX_THREADS] = { false };
	int nmbar = 0;

	memset(p, 0, sizeof(*p));
	p->t = t;
	if (t->nthreads > LT_MAX_THREADS || t->nlocs > LT_MAX_LOCS || t->nthreads < 0 ||
	    t->nlocs < 0) {
		snprintf(err, errlen, "too many threads or locations");
		return -1;
	}
	p->nthreads = t->nthreads;
	p->nlocs = t->nlocs;
	for (int l = 0; l < t->nlocs; l++)
		p->init[l] = t->loc_type[l] == LT_T_PTR ? ptr_val(t->init[l]) : t->init[l];
	for (int th = 0; th < t->nthreads; th++)
		for (int i = 0; i < t->threads[th].ninstrs; i++) {
			const struct lt_instr *in = &t->threads[th].instrs[i];

			if (in->op == LT_FENCE &&
			    mb_id_is_row(in->slot ? slot : in->barrier, MB_ROW_process_general))
				has_mbar[th] = true;
		}
	for (int th = 0; th < t->nthreads; th++)
		nmbar += has_mbar[th];

	for (int th = 0; th < t->nthreads; th++) {
		const struct lt_thread *tt = &t->threads[th];
		struct lm_thread *mt = &p->th[th];
		bool peer = nmbar > (has_mbar[th] ? 1 : 0);
		int start[LT_MAX_INSTRS + 1], tgt[LM_MAX_STMTS];

		if (tt->nregs > LM_MAX_REGS || tt->ninstrs > LT_MAX_INSTRS) {
			snprintf(err, errlen, "thread P%d too large to model", th);
			return -1;
		}
		mt->nregs = tt->nregs;
		for (int r = 0; r < tt->nregs; r++)
			mt->reg_init[r] = tt->reg_ptr[r] ? ptr_val(tt->reg_init[r]) : tt->reg_init[r];
		for (int i = 0; i <= tt->ninstrs; i++) {
			/* An if's then-branch ends here and an else follows: jump over it. */
			for (int k = 0; k < i && k < tt->ninstrs; k++) {
				const struct lt_instr *c = &tt->instrs[k];
				struct lm_stmt *g;

				if (c->op != LT_IF || c->then_end != i || c->else_end <= i)
					continue;
				if (mt->nstmts >= LM_MAX_STMTS)
					goto big;
				g = &mt->s[mt->nstmts];
				memset(g, 0, sizeof(*g));
				g->op = LS_GOTO;
				g->reg = -1;
				g->addr = g->val = g->cmp = LM_NOEXPR;
				g->line = c->line;
				g->col = c->col;
				tgt[mt->nstmts++] = c->else_end;
			}
			start[i] = mt->nstmts;
			if (i == tt->ninstrs)
				break;
			if (mt->nstmts >= LM_MAX_STMTS)
				goto big;
			{
				const struct lt_instr *in = &tt->instrs[i];
				struct lm_stmt *s = &mt->s[mt->nstmts];

				memset(s, 0, sizeof(*s));
				s->reg = -1;
				s->addr = s->val = s->cmp = LM_NOEXPR;
				s->line = in->line;
				s->col = in->col;
				if (lower_instr(t, p, in, s, slot, peer, &tgt[mt->nstmts])) {
					snprintf(err, errlen, "%d:%d: statement not modelled",
						 in->line, in->col);
					return -1;
				}
				if (s->op == LS_GOTO || s->op == LS_BRANCH)
					;
				else
					tgt[mt->nstmts] = -1;
				mt->nstmts++;
			}
		}
		for (int i = 0; i < mt->nstmts; i++)
			if (mt->s[i].op == LS_GOTO || mt->s[i].op == LS_BRANCH)
				mt->s[i].target = (int16_t)(tgt[i] >= 0 && tgt[i] <= tt->ninstrs ?
							    start[tgt[i]] : mt->nstmts);
	}
	if (p->nexprs >= LM_MAX_EXPRS) {
		snprintf(err, errlen, "test too large to model");
		return -1;
	}
	return 0;
big:
	snprintf(err, errlen, "test too large to model");
	return -1;
}
