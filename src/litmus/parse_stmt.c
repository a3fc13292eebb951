/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_stmt.c - a thread "Pn(int *x, ...) { ... }": its
 * parameters (the locations it may name, with their types), register
 * declarations, assignments, plain stores, if/else blocks and call
 * statements, and what the file's words say when a statement is not
 * supported.
 */
#include <stdio.h>
#include <string.h>

#include "litmus/parse_int.h"

/* Forget hidden register r if it is the last one (its value went to a named register). */
static void drop_hidden(struct parser *ps, int thread, int r)
{
	struct lt_thread *th = &ps->t->threads[thread];

	if (r == th->nregs - 1 && th->reg_hidden[r]) {
		th->nregs--;
		th->reg_hidden[r] = false;
		th->reg_ptr[r] = false;
		th->regs[r][0] = '\0';
	}
}

/*
 * reg = e: when e is the hidden register the last statement just wrote,
 * that statement writes reg instead (r0 = READ_ONCE(*x) is one LT_LOAD);
 * otherwise an LT_ASSIGN.
 */
static void assign(struct parser *ps, int thread, int reg, int e, const struct tok *at)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	const struct lt_expr *x = &t->exprs[e];
	struct lt_instr *in;

	if (x->kind == LT_E_REG && th->reg_hidden[x->reg]) {
		int h = x->reg, n = 0;

		/* every statement writing h (an _and_test is an RMW then an ASSIGN) */
		for (int i = th->ninstrs - 1; i >= 0 && n < 2; i--, n++)
			if (th->instrs[i].reg == h) {
				th->instrs[i].reg = reg;
				if (th->instrs[i].op == LT_ASSIGN && th->instrs[i].val >= 0) {
					int c = th->instrs[i].val;

					if (t->exprs[c].a >= 0 && t->exprs[t->exprs[c].a].kind == LT_E_REG &&
					    t->exprs[t->exprs[c].a].reg == h)
						t->exprs[t->exprs[c].a].reg = reg;
				}
			}
		if (th->reg_ptr[h])
			th->reg_ptr[reg] = true;
		/* the statement is where its text starts: "r0 = ..." at r0 */
		th->instrs[th->ninstrs - 1].line = at->line;
		th->instrs[th->ninstrs - 1].col = at->col;
		drop_hidden(ps, thread, h);
		return;
	}
	in = lp_new_instr(ps, thread, at);
	in->op = LT_ASSIGN;
	in->reg = reg;
	in->val = e;
	snprintf(in->source, sizeof(in->source), "=");
	if (x->ptr)
		th->reg_ptr[reg] = true;
}

static void add_reg(struct parser *ps, int thread, const struct tok *at, bool ptr, int *reg)
{
	struct lt_thread *th = &ps->t->threads[thread];

	if (lp_find_reg(th, at->s, at->len) >= 0 && !th->reg_hidden[lp_find_reg(th, at->s, at->len)])
		lp_perr(ps, at->line, at->col, "register %s declared twice", TOKSTR(at));
	if (lp_thread_loc(ps, thread, at) >= 0)
		lp_perr(ps, at->line, at->col, "register %s shadows a location", TOKSTR(at));
	if (th->nregs >= LT_MAX_REGS)
		lp_perr(ps, at->line, at->col, "too many registers in P%d: %s (at most %d)",
			thread, TOKSTR(at), LT_MAX_REGS);
	if ((size_t)at->len >= sizeof(th->regs[0]))
		lp_perr(ps, at->line, at->col, "register name %s is too long (at most %zu characters)",
			TOKSTR(at), sizeof(th->regs[0]) - 1);
	memcpy(th->regs[th->nregs], at->s, (size_t)at->len);
	th->regs[th->nregs][at->len] = '\0';
	th->reg_ptr[th->nregs] = ptr;
	*reg = th->nregs++;
}

/* "int r0, *r1 = READ_ONCE(*x);" (after the type). */
static void parse_decl(struct parser *ps, int thread)
{
	for (;;) {
		struct tok at;
		bool ptr = false;
		int reg;

		while (lp_is_punct(ps, '*')) {
			ptr = true;
			lp_next(ps);
		}
		if (ps->tk.kind != TK_IDENT)
			lp_perr(ps, ps->tk.line, ps->tk.col, "expected a register name, found %s",
				TOKSTR(&ps->tk));
		at = ps->tk;
		add_reg(ps, thread, &at, ptr, &reg);
		lp_next(ps);
		if (lp_is_punct(ps, '=')) {
			int e;

			lp_next(ps);
			e = lp_parse_expr(ps, thread);
			if (ps->t->exprs[e].kind == LT_E_CONST)	/* int r0 = 1: its initial value */
				ps->t->threads[thread].reg_init[reg] = ps->t->exprs[e].value;
			else
				assign(ps, thread, reg, e, &at);
		}
		if (lp_is_punct(ps, ';')) {
			lp_next(ps);
			return;
		}
		lp_expect(ps, ',', "or ';' in the declaration");
	}
}

static const char *const lt_unsupported_kw[] = {
	"while", "for", "do", "switch", "return", "goto", "break", "continue", NULL
};

static void parse_statement(struct parser *ps, int thread);

/* Type names a thread may not declare registers of, in the file's words. */
bool lp_looks_like_type(const struct parser *ps, const struct tok *at)
{
	(void)ps;
	return at->kind == TK_IDENT &&
	       ((at->len > 2 && !strncmp(at->s + at->len - 2, "_t", 2)) ||
		lp_tok_is(at, "long") || lp_tok_is(at, "unsigned") || lp_tok_is(at, "char") ||
		lp_tok_is(at, "short") || lp_tok_is(at, "struct") || lp_tok_is(at, "bool") ||
		lp_tok_is(at, "float") || lp_tok_is(at, "double") || lp_tok_is(at, "signed"));
}

static void parse_block_or_stmt(struct parser *ps, int thread)
{
	if (lp_is_punct(ps, '{')) {
		lp_next(ps);
		while (!lp_is_punct(ps, '}')) {
			if (ps->tk.kind == TK_EOF)
				lp_perr(ps, ps->tk.line, ps->tk.col,
					"unexpected end of file in a block of P%d", thread);
			parse_statement(ps, thread);
		}
		lp_next(ps);
	} else {
		parse_statement(ps, thread);
	}
}

static void parse_statement(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	struct tok at = ps->tk;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		lp_perr(ps, at.line, at.col, "statements nested too deeply (at most %d)",
			LT_MAX_COND_DEPTH);
	if (lp_is_punct(ps, ';')) {
		lp_next(ps);
	} else if (lp_is_punct(ps, '{')) {
		parse_block_or_stmt(ps, thread);
	} else if (lp_is_int_type(&at) && !lp_tok_is(&at, "void")) {
		lp_next(ps);
		parse_decl(ps, thread);
	} else if (lp_is_word(ps, "volatile") || lp_is_word(ps, "const")) {
		lp_next(ps);
		if (!lp_is_int_type(&ps->tk))
			lp_perr(ps, ps->tk.line, ps->tk.col, "type %s is not supported for a register",
				TOKSTR(&ps->tk));
		lp_next(ps);
		parse_decl(ps, thread);
	} else if (lp_is_word(ps, "if")) {
		struct lt_instr *in;
		int cond, i;

		lp_next(ps);
		lp_expect(ps, '(', "after 'if'");
		cond = lp_parse_expr(ps, thread);
		lp_expect(ps, ')', "to close the condition of 'if'");
		in = lp_new_instr(ps, thread, &at);
		in->op = LT_IF;
		in->val = cond;
		i = (int)(in - th->instrs);
		parse_block_or_stmt(ps, thread);
		th->instrs[i].then_end = th->ninstrs;
		if (lp_is_word(ps, "else")) {
			lp_next(ps);
			parse_block_or_stmt(ps, thread);
		}
		th->instrs[i].else_end = th->ninstrs;
	} else if (lp_is_word(ps, "else")) {
		lp_perr(ps, at.line, at.col, "'else' without 'if'");
	} else if (at.kind == TK_IDENT && lp_find_reg(th, at.s, at.len) >= 0 &&
		   !th->reg_hidden[lp_find_reg(th, at.s, at.len)]) {
		int reg = lp_find_reg(th, at.s, at.len), e;

		lp_next(ps);
		if (!lp_is_punct(ps, '='))
			lp_perr(ps, ps->tk.line, ps->tk.col, "expected '=' after register %s, found %s",
				TOKSTR(&at), TOKSTR(&ps->tk));
		lp_next(ps);
		e = lp_parse_expr(ps, thread);
		assign(ps, thread, reg, e, &at);
		lp_expect(ps, ';', "after the statement");
	} else if (lp_is_punct(ps, '*')) {
		/* a plain store: *e = v */
		struct lt_instr *in;
		int a, v;

		lp_next(ps);
		a = lp_valued(ps, lp_parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST)
			lp_perr(ps, at.line, at.col, "'*' of a constant: name a location");
		if (!lp_is_punct(ps, '='))
			lp_perr(ps, ps->tk.line, ps->tk.col,
				"expected '=' after the plain access, found %s", TOKSTR(&ps->tk));
		lp_next(ps);
		v = lp_parse_expr(ps, thread);
		lp_check_loc_type(ps, thread, a, &at, &at, false);
		in = lp_new_instr(ps, thread, &at);
		in->op = LT_STORE;
		in->access = LT_PLAIN;
		in->addr = a;
		in->loc = lp_const_loc(t, a);
		in->val = v;
		if (t->exprs[v].kind == LT_E_CONST)
			in->value = t->exprs[v].value;
		snprintf(in->source, sizeof(in->source), "*");
		lp_expect(ps, ';', "after the statement");
	} else if (at.kind == TK_IDENT || lp_is_punct(ps, '(')) {
		int e;

		for (int i = 0; lt_unsupported_kw[i]; i++)
			if (lp_is_word(ps, lt_unsupported_kw[i]))
				lp_perr(ps, at.line, at.col, "'%s' is not supported: litmus threads are"
					" straight-line code with if/else", lt_unsupported_kw[i]);
		if (lp_looks_like_type(ps, &at))
			lp_perr(ps, at.line, at.col, "type %s is not supported for a register",
				TOKSTR(&at));
		if (at.kind == TK_IDENT && lp_thread_loc(ps, thread, &at) >= 0) {
			struct tok nx;

			lp_next(ps);
			nx = ps->tk;
			if (lp_is_punct(ps, '='))
				lp_perr(ps, at.line, at.col,
					"assignment to location %s: write *%.*s = v or WRITE_ONCE(*%.*s, v)",
					TOKSTR(&at), at.len, at.s, at.len, at.s);
			lp_perr(ps, nx.line, nx.col, "unexpected %s after location %s",
				TOKSTR(&nx), TOKSTR(&at));
		}
		if (at.kind == TK_IDENT) {
			struct tok nx;
			struct call_def tmp;
			size_t fi;

			lp_next(ps);
			nx = ps->tk;
			if (lp_is_punct(ps, '=') )
				lp_perr(ps, at.line, at.col, "unknown register %s: declare it with 'int'",
					TOKSTR(&at));
			if (!lp_is_punct(ps, '('))
				lp_perr(ps, nx.line, nx.col, "expected '(' or '=' after %s, found %s",
					TOKSTR(&at), TOKSTR(&nx));
			if (!lp_lookup_call(&at, &tmp) && !lp_is_fence_macro(&at, &fi))
				lp_perr(ps, at.line, at.col, "unknown macro %s", TOKSTR(&at));
			e = lp_parse_call(ps, thread, &at);
			/* further operators on a call's value: (void) or an expression */
			if (!lp_is_punct(ps, ';')) {
				int prec;

				if (lp_binop(&ps->tk, &prec) < 0 || e < 0)
					lp_perr(ps, ps->tk.line, ps->tk.col, "expected ';' after the statement, found %s",
						TOKSTR(&ps->tk));
				lp_perr(ps, ps->tk.line, ps->tk.col,
					"an expression's value must be assigned to a register");
			}
		} else {
			e = lp_parse_expr(ps, thread);
		}
		/* a value nobody keeps: its statement writes no register */
		if (e >= 0 && t->exprs[e].kind == LT_E_REG && th->reg_hidden[t->exprs[e].reg]) {
			int h = t->exprs[e].reg;

			/* an _and_test's comparison goes; the RMW stays */
			if (th->ninstrs && th->instrs[th->ninstrs - 1].op == LT_ASSIGN &&
			    th->instrs[th->ninstrs - 1].reg == h)
				th->ninstrs--;
			if (th->ninstrs && th->instrs[th->ninstrs - 1].reg == h)
				th->instrs[th->ninstrs - 1].reg = -1;
			drop_hidden(ps, thread, h);
		}
		lp_expect(ps, ';', "after the statement");
	} else {
		lp_perr(ps, at.line, at.col, "expected a statement, found %s", TOKSTR(&at));
	}
	if (th->nregs > LT_MAX_REGS)
		lp_perr(ps, at.line, at.col,
			"too many registers in P%d (at most %d, one per value read inside an expression)",
			thread, LT_MAX_REGS);
	ps->depth--;
}

/* "int *x", "int **p", "atomic_t *v", "spinlock_t *l" -> the location's type. */
static enum lt_type param_type(struct parser *ps)
{
	struct tok at = ps->tk;
	enum lt_type ty;
	int stars = 0;

	if (lp_is_word(ps, "volatile") || lp_is_word(ps, "const"))
		lp_next(ps), at = ps->tk;
	if (lp_is_word(ps, "int") || lp_is_word(ps, "intptr_t"))
		ty = LT_T_INT;
	else if (lp_is_word(ps, "atomic_t"))
		ty = LT_T_ATOMIC;
	else if (lp_is_word(ps, "spinlock_t"))
		ty = LT_T_LOCK;
	else if (ps->tk.kind == TK_IDENT)
		lp_perr(ps, at.line, at.col, "type %s is not supported", TOKSTR(&at));
	else
		lp_perr(ps, at.line, at.col, "expected a parameter type, found %s", TOKSTR(&at));
	lp_next(ps);
	if (lp_is_word(ps, "volatile"))
		lp_next(ps);
	while (lp_is_punct(ps, '*')) {
		stars++;
		lp_next(ps);
	}
	if (stars == 0)
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected '*' in the parameter (a location is "
			"passed by pointer: '%.*s *name'), found %s", at.len, at.s, TOKSTR(&ps->tk));
	if (stars > 2 || (stars == 2 && ty != LT_T_INT))
		lp_perr(ps, at.line, at.col, "parameter type '%.*s %.*s' is not supported",
			at.len, at.s, stars, "**");
	return stars == 2 ? LT_T_PTR : ty;
}

/* At "Pn": "Pn(int *x, int *y) { ... }". */
void lp_parse_thread(struct parser *ps)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	long n = 0;
	int thread;

	for (int i = 1; i < at.len; i++) {
		n = n * 10 + (at.s[i] - '0');
		if (n > 1000)
			break;
	}
	if (n >= LT_MAX_THREADS && n >= t->nthreads)
		lp_perr(ps, at.line, at.col, "too many threads: %s (at most %d)",
			TOKSTR(&at), LT_MAX_THREADS);
	if (n != t->nthreads)
		lp_perr(ps, at.line, at.col, "thread numbering gap: expected P%d, found %s",
			t->nthreads, TOKSTR(&at));
	thread = t->nthreads++;
	lp_next(ps);
	lp_expect(ps, '(', "after the thread name");
	for (int nparams = 0; !lp_is_punct(ps, ')'); nparams++) {
		enum lt_type ty;
		int l;

		if (nparams) {
			if (!lp_is_punct(ps, ','))
				lp_perr(ps, ps->tk.line, ps->tk.col,
					"expected ',' or ')' in the parameters, found %s", TOKSTR(&ps->tk));
			lp_next(ps);
		}
		ty = param_type(ps);
		if (ps->tk.kind != TK_IDENT)
			lp_perr(ps, ps->tk.line, ps->tk.col, "expected a location name, found %s",
				TOKSTR(&ps->tk));
		l = lp_find_loc(t, ps->tk.s, ps->tk.len);
		if (l < 0) {
			if (t->nlocs >= LT_MAX_LOCS)
				lp_perr(ps, ps->tk.line, ps->tk.col, "too many locations: %s (at most %d)",
					TOKSTR(&ps->tk), LT_MAX_LOCS);
			lp_take_ident(ps, t->locs[t->nlocs], sizeof(t->locs[0]), "location name");
			l = t->nlocs++;
			t->loc_type[l] = ty;
		} else if (ty != LT_T_INT) {
			t->loc_type[l] = ty;
		}
		if (ps->params[thread] & (1u << l))
			lp_perr(ps, ps->tk.line, ps->tk.col, "parameter %s given twice", TOKSTR(&ps->tk));
		ps->params[thread] |= 1u << l;
		ps->param_type[thread][l] = ty;
		lp_next(ps);
	}
	lp_next(ps);
	if (!lp_is_punct(ps, '{'))
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected '{' to open the body of P%d, found %s",
			thread, TOKSTR(&ps->tk));
	ps->top = false;
	lp_next(ps);
	while (!lp_is_punct(ps, '}')) {
		if (ps->tk.kind == TK_EOF)
			lp_perr(ps, ps->tk.line, ps->tk.col, "unexpected end of file in the body of P%d",
				thread);
		parse_statement(ps, thread);
	}
	ps->top = true;
	lp_next(ps);
}
