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

static bool is_membarrier(const char *b)
{
	return b && (!strcmp(b, "process.general") || !strcmp(b, "process.general:kernel"));
}

static bool is_compiler_general(const char *b)
{
	return b && (!strcmp(b, "compiler.general") || !strcmp(b, "compiler.general:kernel"));
}

int lm_prog_from_ast(const struct lt_test *t, const char *slot, struct lm_prog *p,
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
		p->init[l] = t->init[l];
	for (int th = 0; th < t->nthreads; th++)
		for (int i = 0; i < t->threads[th].ninstrs; i++) {
			const struct lt_instr *in = &t->threads[th].instrs[i];

			if (in->op == LT_FENCE && is_membarrier(in->slot ? slot : in->barrier))
				has_mbar[th] = true;
		}
	for (int th = 0; th < t->nthreads; th++)
		nmbar += has_mbar[th];

	for (int th = 0; th < t->nthreads; th++) {
		const struct lt_thread *tt = &t->threads[th];
		struct lm_thread *mt = &p->th[th];
		bool peer = nmbar > (has_mbar[th] ? 1 : 0);

		mt->nregs = tt->nregs;
		if (tt->ninstrs > LM_MAX_STMTS || tt->nregs > LM_MAX_REGS) {
			snprintf(err, errlen, "thread P%d too long to model", th);
			return -1;
		}
		for (int i = 0; i < tt->ninstrs; i++) {
			const struct lt_instr *in = &tt->instrs[i];
			struct lm_stmt *s = &mt->s[mt->nstmts++];

			memset(s, 0, sizeof(*s));
			s->reg = -1;
			s->addr = s->val = s->cmp = LM_NOEXPR;
			s->line = in->line;
			s->col = in->col;
			s->ann = in->access == LT_ACQUIRE ? LA_ACQUIRE :
				 in->access == LT_RELEASE ? LA_RELEASE : LA_ONCE;
			switch (in->op) {
			case LT_LOAD:
				s->op = LS_LOAD;
				s->reg = (int16_t)in->reg;
				s->addr = (int16_t)expr_new(p, LE_CONST, 0, 0, 0, LM_ADDR(in->loc));
				break;
			case LT_STORE:
				s->op = LS_STORE;
				s->addr = (int16_t)expr_new(p, LE_CONST, 0, 0, 0, LM_ADDR(in->loc));
				s->val = (int16_t)expr_new(p, LE_CONST, 0, 0, 0, in->value);
				break;
			case LT_FENCE:
				s->op = LS_FENCE;
				s->fence = LF_NAMED;
				s->slot = in->slot;
				s->name = in->slot ? slot : in->barrier;
				s->membarrier_peer = peer && is_compiler_general(s->name);
				break;
			default:
				snprintf(err, errlen, "%d:%d: statement not modelled", in->line, in->col);
				return -1;
			}
			if ((s->op == LS_LOAD || s->op == LS_STORE) &&
			    (s->addr == LM_NOEXPR || (s->op == LS_STORE && s->val == LM_NOEXPR))) {
				snprintf(err, errlen, "test too large to model");
				return -1;
			}
		}
	}
	return 0;
}
