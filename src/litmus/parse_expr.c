/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_expr.c - C expressions inside a thread body: the
 * test's location and register names, new statements and expression
 * nodes (struct lt_expr, src/litmus/ast.h), and the precedence-climbing
 * expression parser (casts, unary &, * as a plain read, binary operators).
 * A kernel macro call inside an expression goes to src/litmus/parse_call.c.
 */
#include <stdio.h>
#include <string.h>

#include "litmus/parse_int.h"

int lp_find_loc(const struct lt_test *t, const char *s, int len)
{
	for (int i = 0; i < t->nlocs; i++)
		if ((size_t)len == strlen(t->locs[i]) && !strncmp(s, t->locs[i], (size_t)len))
			return i;
	return -1;
}

int lp_find_reg(const struct lt_thread *th, const char *s, int len)
{
	for (int i = 0; i < th->nregs; i++)
		if ((size_t)len == strlen(th->regs[i]) && !strncmp(s, th->regs[i], (size_t)len))
			return i;
	return -1;
}

/* A location thread `thread` may name: one of its parameters, else -1. */
int lp_thread_loc(struct parser *ps, int thread, const struct tok *tk)
{
	int l = lp_find_loc(ps->t, tk->s, tk->len);

	return l >= 0 && (ps->params[thread] & (1u << l)) ? l : -1;
}

struct lt_instr *lp_new_instr(struct parser *ps, int thread, const struct tok *at)
{
	struct lt_thread *th = &ps->t->threads[thread];
	struct lt_instr *in;

	if (th->ninstrs >= LT_MAX_INSTRS)
		lp_perr(ps, at->line, at->col, "too many statements in P%d (at most %d)",
			thread, LT_MAX_INSTRS);
	in = &th->instrs[th->ninstrs++];
	memset(in, 0, sizeof(*in));
	in->loc = -1;
	in->reg = -1;
	in->addr = -1;
	in->val = -1;
	in->expect = -1;
	in->barrier = MB_ID_NONE;
	in->line = at->line;
	in->col = at->col;
	snprintf(in->source, sizeof(in->source), "%.*s", at->len > 31 ? 31 : at->len, at->s);
	return in;
}

int lp_new_expr(struct parser *ps, enum lt_expr_kind k, const struct tok *at)
{
	struct lt_test *t = ps->t;
	struct lt_expr *e;

	if (t->nexprs >= LT_MAX_EXPRS)
		lp_perr(ps, at->line, at->col, "expressions too long (at most %d terms in a test)",
			LT_MAX_EXPRS);
	e = &t->exprs[t->nexprs];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->reg = -1;
	e->loc = -1;
	e->a = -1;
	e->b = -1;
	return t->nexprs++;
}

int lp_const_expr(struct parser *ps, int v, const struct tok *at)
{
	int e = lp_new_expr(ps, LT_E_CONST, at);

	ps->t->exprs[e].value = v;
	return e;
}

int lp_reg_expr(struct parser *ps, int thread, int reg, const struct tok *at)
{
	int e = lp_new_expr(ps, LT_E_REG, at);

	ps->t->exprs[e].reg = reg;
	ps->t->exprs[e].ptr = ps->t->threads[thread].reg_ptr[reg];
	return e;
}

/* A register the parser makes for a value read inside an expression. */
int lp_hidden_reg(struct parser *ps, int thread, const struct tok *at)
{
	struct lt_thread *th = &ps->t->threads[thread];
	int r = th->nregs;

	/* one over the bound is allowed while a statement is parsed: r0 = READ_ONCE(*x)
	 * passes its value through a hidden register that the assignment drops */
	if (r > LT_MAX_REGS)
		lp_perr(ps, at->line, at->col,
			"too many registers in P%d (at most %d, one per value read inside an expression)",
			thread, LT_MAX_REGS);
	snprintf(th->regs[r], sizeof(th->regs[r]), "#t%d", r);
	th->reg_hidden[r] = true;
	th->nregs++;
	return r;
}
/* A C type name for casts and declarations: int, intptr_t ... (no '*'). */
bool lp_is_int_type(const struct tok *tk)
{
	return lp_tok_is(tk, "int") || lp_tok_is(tk, "intptr_t") || lp_tok_is(tk, "void");
}

static int parse_primary(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	struct tok at = ps->tk;
	int e;

	if (at.kind == TK_NUM) {
		lp_next(ps);
		return lp_const_expr(ps, (int)at.val, &at);
	}
	if (lp_is_punct(ps, '(')) {
		struct tok nx;

		lp_next(ps);
		nx = ps->tk;
		if (lp_is_int_type(&nx)) {		/* a cast: (int), (void), (int *) */
			lp_next(ps);
			while (lp_is_punct(ps, '*'))
				lp_next(ps);
			lp_expect(ps, ')', "to close the cast");
			return lp_parse_unary_expr(ps, thread);
		}
		e = lp_parse_expr(ps, thread);
		lp_expect(ps, ')', "to close '('");
		return e;
	}
	if (at.kind != TK_IDENT)
		lp_perr(ps, at.line, at.col, "expected an expression, found %s", TOKSTR(&at));
	lp_next(ps);
	if (lp_is_punct(ps, '('))
		return lp_parse_call(ps, thread, &at);
	{
		int r = lp_find_reg(th, at.s, at.len), l;

		if (r >= 0 && !th->reg_hidden[r])
			return lp_reg_expr(ps, thread, r, &at);
		l = lp_thread_loc(ps, thread, &at);
		if (l >= 0) {
			e = lp_new_expr(ps, LT_E_LOC, &at);
			t->exprs[e].loc = l;
			t->exprs[e].ptr = true;
			return e;
		}
		if (lp_find_loc(t, at.s, at.len) >= 0)
			lp_perr(ps, at.line, at.col, "undeclared location %s: not a parameter of P%d",
				TOKSTR(&at), thread);
		lp_perr(ps, at.line, at.col, "undeclared location %s: not a parameter of P%d",
			TOKSTR(&at), thread);
	}
}

/* e, an operand: a call without a value (a fence, -1) cannot be one. */
int lp_valued(struct parser *ps, int e, const struct tok *at)
{
	if (e < 0)
		lp_perr(ps, at->line, at->col, "a call without a value used as an operand of %s",
			TOKSTR(at));
	return e;
}

int lp_parse_unary_expr(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	int e, a;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		lp_perr(ps, at.line, at.col, "expression nested too deeply (at most %d)",
			LT_MAX_COND_DEPTH);
	if (lp_is_punct(ps, '-') || lp_is_punct(ps, '!') || lp_is_punct(ps, '~')) {
		char op = at.c;

		lp_next(ps);
		a = lp_valued(ps, lp_parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST && op == '-') {
			t->exprs[a].value = -t->exprs[a].value;
			e = a;
		} else {
			e = lp_new_expr(ps, LT_E_UN, &at);
			t->exprs[e].op = op;
			t->exprs[e].a = a;
		}
	} else if (lp_is_punct(ps, '+')) {
		lp_next(ps);
		e = lp_parse_unary_expr(ps, thread);
	} else if (lp_is_punct(ps, '&')) {
		int l;

		lp_next(ps);
		if (ps->tk.kind != TK_IDENT || (l = lp_thread_loc(ps, thread, &ps->tk)) < 0)
			lp_perr(ps, ps->tk.line, ps->tk.col, "'&' takes a location of P%d, found %s",
				thread, TOKSTR(&ps->tk));
		lp_next(ps);
		e = lp_new_expr(ps, LT_E_LOC, &at);
		t->exprs[e].loc = l;
		t->exprs[e].ptr = true;
	} else if (lp_is_punct(ps, '*')) {
		/* a plain read: its own LT_LOAD into a hidden register */
		struct lt_instr *in;
		int r;

		lp_next(ps);
		a = lp_valued(ps, lp_parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST)
			lp_perr(ps, at.line, at.col, "'*' of a constant: name a location");
		in = lp_new_instr(ps, thread, &at);
		in->op = LT_LOAD;
		in->access = LT_PLAIN;
		in->addr = a;
		in->loc = lp_const_loc(t, a);
		snprintf(in->source, sizeof(in->source), "*");
		r = lp_hidden_reg(ps, thread, &at);
		in->reg = r;
		lp_check_loc_type(ps, thread, a, &at, &at, false);
		if (in->loc >= 0 && t->loc_type[in->loc] == LT_T_PTR)
			t->threads[thread].reg_ptr[r] = true;
		e = lp_reg_expr(ps, thread, r, &at);
	} else {
		e = parse_primary(ps, thread);
	}
	ps->depth--;
	return e;
}

/* Binary operators by C precedence (higher binds tighter). */
int lp_binop(const struct tok *tk, int *prec)
{
	if (tk->kind == TK_OP2) {
		switch (tk->op) {
		case OP2('|', '|'): *prec = 1; return LT_LOR;
		case OP2('&', '&'): *prec = 2; return LT_LAND;
		case OP2('=', '='): *prec = 6; return LT_EQ;
		case OP2('!', '='): *prec = 6; return LT_NE;
		case OP2('<', '='): *prec = 7; return LT_LE;
		case OP2('>', '='): *prec = 7; return LT_GE;
		case OP2('<', '<'): *prec = 8; return LT_SHL;
		case OP2('>', '>'): *prec = 8; return LT_SHR;
		}
		return -1;
	}
	if (tk->kind != TK_PUNCT)
		return -1;
	switch (tk->c) {
	case '|': *prec = 3; return LT_BOR;
	case '^': *prec = 4; return LT_BXOR;
	case '&': *prec = 5; return LT_BAND;
	case '<': *prec = 7; return LT_LT;
	case '>': *prec = 7; return LT_GT;
	case '+': *prec = 9; return LT_ADD;
	case '-': *prec = 9; return LT_SUB;
	case '*': *prec = 10; return LT_MUL;
	case '/': *prec = 10; return LT_DIV;
	case '%': *prec = 10; return LT_MOD;
	}
	return -1;
}

static int parse_binary(struct parser *ps, int thread, int min)
{
	struct lt_test *t = ps->t;
	int lhs = lp_parse_unary_expr(ps, thread);

	for (;;) {
		struct tok at = ps->tk;
		int prec = 0, op = lp_binop(&at, &prec), rhs, e;

		if (op < 0 || prec < min)
			return lhs;
		lp_next(ps);
		if (++ps->depth > LT_MAX_COND_DEPTH)
			lp_perr(ps, at.line, at.col, "expression nested too deeply (at most %d)",
				LT_MAX_COND_DEPTH);
		lp_valued(ps, lhs, &at);
		rhs = lp_valued(ps, parse_binary(ps, thread, prec + 1), &at);
		ps->depth--;
		e = lp_new_expr(ps, LT_E_BIN, &at);
		t->exprs[e].op = op;
		t->exprs[e].a = lhs;
		t->exprs[e].b = rhs;
		t->exprs[e].ptr = (op == LT_ADD || op == LT_SUB) &&
				  (t->exprs[lhs].ptr || (op == LT_ADD && t->exprs[rhs].ptr));
		lhs = e;
	}
}

int lp_parse_expr(struct parser *ps, int thread)
{
	return parse_binary(ps, thread, 1);
}
