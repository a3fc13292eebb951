/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/ast.c - what is done with a parsed test (src/litmus/ast.h):
 * free it, and evaluate its condition and its thread expressions on
 * given values (the model and the judge; the generated C does the same
 * arithmetic, src/litmus/rt.h).
 */
#include <limits.h>
#include <stdlib.h>

#include "litmus/ast.h"

static void free_cond(struct lt_cond *c)
{
	if (!c)
		return;
	free_cond(c->a);
	free_cond(c->b);
	free(c);
}

void lt_free(struct lt_test *t)
{
	if (!t)
		return;
	free(t->source);
	free(t->doc);
	free(t->com);
	free_cond(t->cond);
	free_cond(t->filter);
	t->source = NULL;
	t->doc = NULL;
	t->com = NULL;
	t->cond = NULL;
	t->filter = NULL;
}

bool lt_cond_eval(const struct lt_cond *c, const int *const *regs, const int *locs)
{
	if (!c)
		return true;
	switch (c->kind) {
	case LT_C_TRUE:
		return true;
	case LT_C_REG_EQ:
		return regs[c->thread][c->reg] == c->value;
	case LT_C_LOC_EQ:
		return locs[c->loc] == c->value;
	case LT_C_AND:
		return lt_cond_eval(c->a, regs, locs) && lt_cond_eval(c->b, regs, locs);
	case LT_C_OR:
		return lt_cond_eval(c->a, regs, locs) || lt_cond_eval(c->b, regs, locs);
	case LT_C_NOT:
		return !lt_cond_eval(c->a, regs, locs);
	}
	return false;
}

int lt_expr_eval(const struct lt_test *t, int i, const int *regs)
{
	const struct lt_expr *e;
	int a, b;

	if (i < 0 || i >= t->nexprs)
		return 0;
	e = &t->exprs[i];
	switch (e->kind) {
	case LT_E_CONST:
		return e->value;
	case LT_E_REG:
		return e->reg >= 0 && e->reg < LT_MAX_REGS ? regs[e->reg] : 0;
	case LT_E_LOC:
		return LT_PTR_VAL(e->loc);
	case LT_E_UN:
		a = lt_expr_eval(t, e->a, regs);
		return e->op == '-' ? (int)(0u - (unsigned)a) : e->op == '!' ? !a : ~a;
	case LT_E_BIN:
		a = lt_expr_eval(t, e->a, regs);
		b = lt_expr_eval(t, e->b, regs);
		switch ((enum lt_binop)e->op) {
		case LT_ADD: return (int)((unsigned)a + (unsigned)b);
		case LT_SUB: return (int)((unsigned)a - (unsigned)b);
		case LT_MUL: return (int)((unsigned)a * (unsigned)b);
		case LT_DIV: return b == 0 || (a == INT_MIN && b == -1) ? 0 : a / b;
		case LT_MOD: return b == 0 || (a == INT_MIN && b == -1) ? 0 : a % b;
		case LT_BAND: return a & b;
		case LT_BOR: return a | b;
		case LT_BXOR: return a ^ b;
		case LT_SHL: return (int)((unsigned)a << (b & 31));
		case LT_SHR: return a >> (b & 31);
		case LT_EQ: return a == b;
		case LT_NE: return a != b;
		case LT_LT: return a < b;
		case LT_LE: return a <= b;
		case LT_GT: return a > b;
		case LT_GE: return a >= b;
		case LT_LAND: return a && b;
		case LT_LOR: return a || b;
		}
	}
	return 0;
}
