/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mcond.c - a candidate execution's final state read against
 * the test: whether its condition (or filter) holds, and the state written
 * out as the witness of a verdict (src/litmus/mexec.h's lm_result).
 */
#include <stdio.h>

#include "litmus/menum.h"

/* A condition's value, a location name as the model's address. */
static lm_val cond_val(const struct lt_cond *c)
{
	if (c->ptr)
		return c->value ? LM_ADDR(LT_PTR_LOC(c->value)) : 0;
	return c->value;
}

bool lm_cond_eval(const struct lt_cond *c, const struct lm_exec *x)
{
	if (!c)
		return true;
	switch (c->kind) {
	case LT_C_TRUE:
		return true;
	case LT_C_REG_EQ:
		return c->thread >= 0 && c->thread < LT_MAX_THREADS && c->reg >= 0 &&
		       c->reg < LM_MAX_REGS && x->regs[c->thread][c->reg] == cond_val(c);
	case LT_C_LOC_EQ:
		return c->loc >= 0 && c->loc < LT_MAX_LOCS && x->mem[c->loc] == cond_val(c);
	case LT_C_AND:
		return lm_cond_eval(c->a, x) && lm_cond_eval(c->b, x);
	case LT_C_OR:
		return lm_cond_eval(c->a, x) || lm_cond_eval(c->b, x);
	case LT_C_NOT:
		return !lm_cond_eval(c->a, x);
	}
	return false;
}

bool lm_cond_holds(const struct lm_exec *x)
{
	return lm_cond_eval(x->p->t ? x->p->t->cond : NULL, x);
}

static int fmt_val(char *buf, size_t len, const struct lm_prog *p, lm_val v)
{
	int l = lm_addr_loc(v, p->nlocs);

	if (l >= 0 && p->t)
		return snprintf(buf, len, "%s", p->t->locs[l]);
	return snprintf(buf, len, "%lld", (long long)v);
}

void lm_witness(const struct lm_exec *x, char *buf, size_t len)
{
	const struct lt_test *t = x->p->t;
	size_t o = 0;

	buf[0] = '\0';
	if (!t)
		return;
	for (int th = 0; th < t->nthreads && o < len; th++)
		for (int r = 0; r < t->threads[th].nregs && r < LM_MAX_REGS && o < len; r++) {
			if (t->threads[th].reg_hidden[r])
				continue;
			o += (size_t)snprintf(buf + o, len - o, "%d:%s=", th, t->threads[th].regs[r]);
			if (o < len)
				o += (size_t)fmt_val(buf + o, len - o, x->p, x->regs[th][r]);
			if (o < len)
				o += (size_t)snprintf(buf + o, len - o, "; ");
		}
	for (int i = 0; i < t->ncond_locs && o < len; i++) {
		int l = t->cond_locs[i];

		if (l < 0 || l >= t->nlocs)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s=", t->locs[l]);
		if (o < len)
			o += (size_t)fmt_val(buf + o, len - o, x->p, x->mem[l]);
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "; ");
	}
	if (o && o < len && buf[o - 1] == ' ')
		buf[o - 1] = '\0';
}
