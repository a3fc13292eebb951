/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_cond.c - what comes after the threads: the final
 * condition or filter (herd's /\ \/ ~ over "N:reg=v", "x=v", "[x]=v";
 * struct lt_cond, src/litmus/ast.h) and the "locations [...]" list, with
 * the locations they name recorded for the final state.
 */
#include <stdlib.h>

#include "litmus/parse_int.h"

static struct lt_cond *new_node(struct parser *ps, enum lt_cond_kind k, const struct tok *at)
{
	struct lt_cond *c;

	if (ps->nnodes >= LT_MAX_COND_NODES)
		lp_perr(ps, at->line, at->col, "condition too long (at most %d terms)", LT_MAX_COND_NODES);
	c = calloc(1, sizeof(*c));
	if (!c)
		lp_perr(ps, at->line, at->col, "out of memory");
	ps->nodes[ps->nnodes++] = c;
	c->kind = k;
	return c;
}

static void note_cond_loc(struct lt_test *t, int l)
{
	for (int i = 0; i < t->ncond_locs; i++)
		if (t->cond_locs[i] == l)
			return;
	t->cond_locs[t->ncond_locs++] = l;
}

/* The value of a condition term: N, or a location name (a pointer to it). */
static void cond_value(struct parser *ps, struct lt_cond *c)
{
	if (ps->tk.kind == TK_IDENT) {
		int l = lp_find_loc(ps->t, ps->tk.s, ps->tk.len);

		if (l < 0)
			lp_perr(ps, ps->tk.line, ps->tk.col, "undeclared location %s in the condition",
				TOKSTR(&ps->tk));
		c->value = LT_PTR_VAL(l);
		c->ptr = true;
		lp_next(ps);
		return;
	}
	if (lp_is_punct(ps, '&')) {
		lp_next(ps);
		cond_value(ps, c);
		return;
	}
	c->value = lp_take_int(ps);
}

/* "N:reg" at a number token: the thread and register. */
static void cond_reg(struct parser *ps, int *thread, int *reg)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	int th = (int)at.val;

	lp_next(ps);
	lp_expect(ps, ':', "in 'thread:register=value'");
	if (ps->tk.kind != TK_IDENT)
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected a register name after '%ld:', found %s",
			at.val, TOKSTR(&ps->tk));
	if (th >= t->nthreads)
		lp_perr(ps, at.line, at.col, "unknown thread in '%d:%.*s': the test has P0..P%d",
			th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s, t->nthreads - 1);
	*reg = lp_find_reg(&t->threads[th], ps->tk.s, ps->tk.len);
	if (*reg < 0 || t->threads[th].reg_hidden[*reg])
		lp_perr(ps, ps->tk.line, ps->tk.col, "unknown register '%d:%.*s'",
			th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s);
	*thread = th;
	lp_next(ps);
}

static struct lt_cond *parse_unary(struct parser *ps)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	struct lt_cond *c;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		lp_perr(ps, at.line, at.col, "condition nested too deeply (at most %d)",
			LT_MAX_COND_DEPTH);
	if (lp_is_punct(ps, '~') || lp_is_punct(ps, '!')) {
		lp_next(ps);
		c = new_node(ps, LT_C_NOT, &at);
		c->a = parse_unary(ps);
	} else if (lp_is_punct(ps, '(')) {
		lp_next(ps);
		c = lp_parse_or(ps);
		lp_expect(ps, ')', "to close the condition's '('");
	} else if (lp_is_word(ps, "true") || lp_is_word(ps, "false")) {
		c = new_node(ps, LT_C_TRUE, &at);
		if (lp_is_word(ps, "false")) {
			struct lt_cond *n = new_node(ps, LT_C_NOT, &at);

			n->a = c;
			c = n;
		}
		lp_next(ps);
	} else if (at.kind == TK_NUM || at.kind == TK_IDENT || lp_is_punct(ps, '[')) {
		bool ne = false;
		int th = -1, reg = -1, l = -1;

		if (at.kind == TK_NUM) {
			cond_reg(ps, &th, &reg);
		} else if (lp_is_punct(ps, '[')) {		/* herd's [x]: the memory location x */
			lp_next(ps);
			l = ps->tk.kind == TK_IDENT ? lp_find_loc(t, ps->tk.s, ps->tk.len) : -1;
			if (l < 0)
				lp_perr(ps, ps->tk.line, ps->tk.col, "expected a location in '[...]', found %s",
					TOKSTR(&ps->tk));
			lp_next(ps);
			lp_expect(ps, ']', "to close '[location'");
		} else {
			l = lp_find_loc(t, at.s, at.len);
			if (l < 0)
				lp_perr(ps, at.line, at.col, "undeclared location %s in the condition",
					TOKSTR(&at));
			lp_next(ps);
		}
		if (ps->tk.kind == TK_OP2 && ps->tk.op == OP2('!', '=')) {
			ne = true;
			lp_next(ps);
		} else if (ps->tk.kind == TK_OP2 && ps->tk.op == OP2('=', '=')) {
			lp_next(ps);
		} else {
			lp_expect(ps, '=', th >= 0 ? "after the register" : "after the location");
		}
		c = new_node(ps, th >= 0 ? LT_C_REG_EQ : LT_C_LOC_EQ, &at);
		c->thread = th;
		c->reg = reg;
		c->loc = l;
		cond_value(ps, c);
		if (l >= 0)
			note_cond_loc(t, l);
		if (ne) {
			struct lt_cond *n = new_node(ps, LT_C_NOT, &at);

			n->a = c;
			c = n;
		}
	} else {
		lp_perr(ps, at.line, at.col, "expected a condition term, found %s", TOKSTR(&at));
	}
	ps->depth--;
	return c;
}

static struct lt_cond *parse_and(struct parser *ps)
{
	struct lt_cond *c = parse_unary(ps);

	while (ps->tk.kind == TK_AND) {
		struct tok at = ps->tk;
		struct lt_cond *n;

		lp_next(ps);
		n = new_node(ps, LT_C_AND, &at);
		n->a = c;
		n->b = parse_unary(ps);
		c = n;
	}
	return c;
}

struct lt_cond *lp_parse_or(struct parser *ps)
{
	struct lt_cond *c = parse_and(ps);

	while (ps->tk.kind == TK_OR) {
		struct tok at = ps->tk;
		struct lt_cond *n;

		lp_next(ps);
		n = new_node(ps, LT_C_OR, &at);
		n->a = c;
		n->b = parse_and(ps);
		c = n;
	}
	return c;
}

/* "locations [x; 0:r0; y;]" -> t->show (and the locations recorded). */
void lp_parse_locations(struct parser *ps)
{
	struct lt_test *t = ps->t;

	lp_next(ps);
	lp_expect(ps, '[', "after 'locations'");
	while (!lp_is_punct(ps, ']')) {
		struct tok at = ps->tk;
		struct lt_show *s;

		if (lp_is_punct(ps, ';')) {
			lp_next(ps);
			continue;
		}
		if (t->nshow >= LT_MAX_SHOW)
			lp_perr(ps, at.line, at.col, "too many 'locations' (at most %d)", LT_MAX_SHOW);
		s = &t->show[t->nshow];
		s->thread = -1;
		s->reg = -1;
		s->loc = -1;
		if (at.kind == TK_NUM) {
			cond_reg(ps, &s->thread, &s->reg);
		} else if (at.kind == TK_IDENT) {
			s->loc = lp_find_loc(t, at.s, at.len);
			if (s->loc < 0)
				lp_perr(ps, at.line, at.col, "undeclared location %s in 'locations'",
					TOKSTR(&at));
			note_cond_loc(t, s->loc);
			lp_next(ps);
		} else {
			lp_perr(ps, at.line, at.col, "expected a location or 'thread:register', found %s",
				TOKSTR(&at));
		}
		t->nshow++;
	}
	lp_next(ps);
}
