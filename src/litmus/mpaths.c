/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mpaths.c - one thread's paths, the first step of the
 * enumeration (src/litmus/mexec.c): each thread runs on its own under
 * every value its reads may return (the values some write can store,
 * found by a fixpoint), which gives per thread a set of paths: its events,
 * their values, and the address, data and control dependencies from the
 * register dataflow.
 *
 * Locks are locations holding 0 (free) or 1 (taken): spin_lock() is an
 * RMW that reads 0 and writes 1, spin_unlock() writes 0, a failed
 * trylock reads 1 (the candidates' atomicity makes it lock.cat's
 * construction, src/litmus/mexec.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/menum.h"

static bool dom_add(lm_val *d, int *n, lm_val v)
{
	for (int i = 0; i < *n; i++)
		if (d[i] == v)
			return true;
	if (*n >= LM_DOM)
		return false;
	d[(*n)++] = v;
	return true;
}

struct lm_rv {
	lm_val v;
	uint64_t dep;
};

static struct lm_rv eval(struct lm_gen *g, int e, const struct lm_rv *regs)
{
	const struct lm_expr *x;
	struct lm_rv a = { 0, 0 }, b = { 0, 0 }, r = { 0, 0 };

	if (e < 0 || e >= g->p->nexprs)
		return r;
	x = &g->p->e[e];
	switch (x->op) {
	case LE_CONST:
		r.v = x->k;
		return r;
	case LE_REG:
		if (x->reg >= 0 && x->reg < LM_MAX_REGS)
			r = regs[x->reg];
		return r;
	default:
		break;
	}
	a = eval(g, x->a, regs);
	if (x->op != LE_NOT && x->op != LE_NEG && x->op != LE_BNOT)
		b = eval(g, x->b, regs);
	r.dep = a.dep | b.dep;
	switch (x->op) {
	case LE_NOT: r.v = !a.v; break;
	case LE_NEG: r.v = -a.v; break;
	case LE_BNOT: r.v = ~a.v; break;
	case LE_ADD: r.v = a.v + b.v; break;
	case LE_SUB: r.v = a.v - b.v; break;
	case LE_MUL: r.v = a.v * b.v; break;
	case LE_DIV: r.v = b.v ? a.v / b.v : 0; break;
	case LE_MOD: r.v = b.v ? a.v % b.v : 0; break;
	case LE_AND: r.v = a.v & b.v; break;
	case LE_OR: r.v = a.v | b.v; break;
	case LE_XOR: r.v = a.v ^ b.v; break;
	case LE_ANDNOT: r.v = a.v & ~b.v; break;
	case LE_SHL: r.v = (lm_val)((uint64_t)a.v << (b.v & 63)); break;
	case LE_SHR: r.v = a.v >> (b.v & 63); break;
	case LE_EQ: r.v = a.v == b.v; break;
	case LE_NE: r.v = a.v != b.v; break;
	case LE_LT: r.v = a.v < b.v; break;
	case LE_LE: r.v = a.v <= b.v; break;
	case LE_GT: r.v = a.v > b.v; break;
	case LE_GE: r.v = a.v >= b.v; break;
	case LE_LAND: r.v = a.v && b.v; break;
	case LE_LOR: r.v = a.v || b.v; break;
	default: break;
	}
	return r;
}

static struct lm_tev *ev_push(struct lm_gen *g, const struct lm_stmt *s, int stmt,
			      enum lm_evtype type, int loc, lm_val v, uint64_t addr,
			      uint64_t ctrl)
{
	struct lm_tev *t;

	if (g->cur.n >= LM_TMAX) {
		snprintf(g->err, sizeof(g->err), "thread P%d has too many events to model", g->th);
		return NULL;
	}
	t = &g->cur.ev[g->cur.n++];
	memset(t, 0, sizeof(*t));
	t->e.thread = (int8_t)g->th;
	t->e.type = (uint8_t)type;
	t->e.ann = s->ann;
	t->e.fence = s->fence;
	t->e.loc = (int8_t)loc;
	t->e.stmt = (int16_t)stmt;
	t->e.val = v;
	t->addr = addr;
	t->ctrl = ctrl;
	t->rmw_with = -1;
	return t;
}

/*
 * A lock taken (spin_lock, or spin_trylock that succeeds): lock.cat's LKR,
 * an acquire read of 0, paired as an RMW with LKW, the write of 1.
 */
static bool push_lock_taken(struct lm_gen *g, const struct lm_stmt *s, int pc, int l,
			    uint64_t addr, uint64_t ctrl)
{
	struct lm_tev *t = ev_push(g, s, pc, EV_R, l, 0, addr, ctrl);

	if (!t)
		return false;
	t->e.flags = EVF_LKR;
	t->e.ann = LA_ACQUIRE;
	t->rmw_with = (int8_t)g->cur.n;
	t = ev_push(g, s, pc, EV_W, l, 1, addr, ctrl);
	if (!t)
		return false;
	t->e.flags = EVF_LKW;
	t->e.ann = LA_ONCE;
	return true;
}

static void gen_run(struct lm_gen *g, int pc, const struct lm_rv *regs_in, uint64_t ctrl);

/* Continue at pc + 1 with register reg set to v (deps dep). */
static void gen_next(struct lm_gen *g, int pc, const struct lm_rv *regs, int reg, lm_val v,
		     uint64_t dep, uint64_t ctrl)
{
	struct lm_rv r2[LM_MAX_REGS];

	memcpy(r2, regs, sizeof(r2));
	if (reg >= 0 && reg < LM_MAX_REGS) {
		r2[reg].v = v;
		r2[reg].dep = dep;
	}
	gen_run(g, pc + 1, r2, ctrl);
}

static int addr_loc(struct lm_gen *g, const struct lm_stmt *s, struct lm_rv a)
{
	int l = lm_addr_loc(a.v, g->p->nlocs);

	if (l < 0 && !g->err[0])
		snprintf(g->err, sizeof(g->err), "%d:%d: access to an address that is no location",
			 s->line, s->col);
	return l;
}

static void gen_end(struct lm_gen *g, const struct lm_rv *regs)
{
	if (!g->record) {
		for (int i = 0; i < g->cur.n; i++) {
			const struct lm_ev *e = &g->cur.ev[i].e;

			if (e->type == EV_W && !(e->flags & (EVF_LKW | EVF_UL)) &&
			    !dom_add(g->newv[e->loc], &g->nnew[e->loc], e->val) && !g->err[0])
				snprintf(g->err, sizeof(g->err), "too many values to model");
		}
		return;
	}
	if (g->ntraces >= LM_MAX_TRACES) {
		if (!g->err[0])
			snprintf(g->err, sizeof(g->err), "thread P%d has too many paths to model", g->th);
		return;
	}
	if (g->ntraces == g->cap) {
		int cap = g->cap ? 2 * g->cap : 16;
		struct lm_trace *nt = realloc(g->traces, sizeof(*nt) * (size_t)cap);

		if (!nt) {
			snprintf(g->err, sizeof(g->err), "out of memory");
			return;
		}
		g->traces = nt;
		g->cap = cap;
	}
	g->cur.regs[0] = 0;
	for (int r = 0; r < LM_MAX_REGS; r++)
		g->cur.regs[r] = regs[r].v;
	g->traces[g->ntraces] = g->cur;
	g->traces[g->ntraces].n = g->cur.n;
	g->ntraces++;
}

static void gen_run(struct lm_gen *g, int pc, const struct lm_rv *regs_in, uint64_t ctrl)
{
	const struct lm_thread *th = &g->p->th[g->th];
	struct lm_rv regs[LM_MAX_REGS];
	int n0 = g->cur.n;

	memcpy(regs, regs_in, sizeof(regs));
	for (; pc < th->nstmts; pc++) {
		const struct lm_stmt *s = &th->s[pc];
		struct lm_rv a, v, c;
		struct lm_tev *t;
		int l;

		if (g->err[0] || ++g->steps > 20000000L) {
			if (!g->err[0])
				snprintf(g->err, sizeof(g->err), "too many paths to model");
			goto out;
		}
		switch (s->op) {
		case LS_ASSIGN:
			v = eval(g, s->val, regs);
			if (s->reg >= 0 && s->reg < LM_MAX_REGS)
				regs[s->reg] = v;
			continue;
		case LS_BRANCH:
			c = eval(g, s->cmp, regs);
			ctrl |= c.dep;
			if (s->target <= pc) {
				snprintf(g->err, sizeof(g->err), "%d:%d: loops are not modelled", s->line, s->col);
				goto out;
			}
			if (!c.v)
				pc = s->target - 1;
			continue;
		case LS_GOTO:
			if (s->target <= pc) {
				snprintf(g->err, sizeof(g->err), "%d:%d: loops are not modelled", s->line, s->col);
				goto out;
			}
			pc = s->target - 1;
			continue;
		case LS_FENCE:
			t = ev_push(g, s, pc, EV_F, -1, 0, 0, ctrl);
			if (!t)
				goto out;
			t->e.id = s->id;
			t->e.mpeer = s->membarrier_peer;
			continue;
		case LS_STORE:
			a = eval(g, s->addr, regs);
			v = eval(g, s->val, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			t = ev_push(g, s, pc, EV_W, l, v.v, a.dep, ctrl);
			if (!t)
				goto out;
			t->data = v.dep;
			continue;
		case LS_UNLOCK:
			a = eval(g, s->addr, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			t = ev_push(g, s, pc, EV_W, l, 0, a.dep, ctrl);
			if (!t)
				goto out;
			t->e.flags = EVF_UL;
			t->e.ann = LA_RELEASE;
			continue;
		case LS_LOCK:
			a = eval(g, s->addr, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			if (!push_lock_taken(g, s, pc, l, a.dep, ctrl))
				goto out;
			continue;
		case LS_SYNC_SRCU:
		case LS_SRCU_UNLOCK:
			a = eval(g, s->addr, regs);
			v = eval(g, s->val, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			t = ev_push(g, s, pc, EV_F, l, v.v, a.dep, ctrl);
			if (!t)
				goto out;
			t->e.flags = s->op == LS_SYNC_SRCU ? EVF_SYNC_SRCU : EVF_SRCU_UNLOCK;
			t->data = v.dep;
			continue;
		case LS_SRCU_LOCK: {
			int me = g->cur.n;

			a = eval(g, s->addr, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			t = ev_push(g, s, pc, EV_F, l, 0, a.dep, ctrl);
			if (!t)
				goto out;
			t->e.flags = EVF_SRCU_LOCK;
			if (s->reg >= 0 && s->reg < LM_MAX_REGS) {
				regs[s->reg].v = 0;
				regs[s->reg].dep = (uint64_t)1 << me;
			}
			continue;
		}
		case LS_TRYLOCK:
		case LS_ISLOCKED: {
			int me = g->cur.n;

			a = eval(g, s->addr, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			/* Taken: LKR+LKW (trylock) or RL; not taken: LF or RU. */
			for (int ok = 1; ok >= 0; ok--) {
				if (s->op == LS_TRYLOCK && ok) {
					if (!push_lock_taken(g, s, pc, l, a.dep, ctrl))
						goto out;
				} else {
					/* trylock fails / is_locked true: the lock is held (1) */
					bool held = s->op == LS_TRYLOCK || ok;

					t = ev_push(g, s, pc, EV_R, l, held ? 1 : 0, a.dep, ctrl);
					if (!t)
						goto out;
					t->e.flags = s->op == LS_TRYLOCK ? EVF_LF : ok ? EVF_RL : EVF_RU;
					t->e.ann = LA_ONCE;
				}
				gen_next(g, pc, regs, s->reg, ok, (uint64_t)1 << me, ctrl);
				g->cur.n = me;
				if (g->err[0])
					goto out;
			}
			goto out;
		}
		case LS_LOAD:
		case LS_RMW: {
			int me = g->cur.n;

			a = eval(g, s->addr, regs);
			if ((l = addr_loc(g, s, a)) < 0)
				goto out;
			for (int d = 0; d < g->ndom[l]; d++) {
				lm_val old = g->dom[l][d], neu = 0, ret = old;
				uint64_t rdep = (uint64_t)1 << me;
				bool writes = false;

				g->cur.n = me;
				t = ev_push(g, s, pc, EV_R, l, old, a.dep, ctrl);
				if (!t)
					goto out;
				if (s->op == LS_RMW) {
					v = eval(g, s->val, regs);
					c = eval(g, s->cmp, regs);
					t->e.flags = EVF_RMW;
					switch (s->rmw) {
					case LR_XCHG:
						neu = v.v;
						writes = true;
						break;
					case LR_CMPXCHG:
						neu = v.v;
						writes = old == c.v;
						break;
					case LR_ADD_UNLESS:
						neu = old + v.v;
						writes = old != c.v;
						break;
					default:
						/* new = old <op> v */
						switch (s->rmw_op) {
						case LE_ADD: neu = old + v.v; break;
						case LE_SUB: neu = old - v.v; break;
						case LE_AND: neu = old & v.v; break;
						case LE_OR: neu = old | v.v; break;
						case LE_XOR: neu = old ^ v.v; break;
						case LE_ANDNOT: neu = old & ~v.v; break;
						default: neu = v.v; break;
						}
						writes = true;
						break;
					}
					if (writes) {
						t->rmw_with = (int8_t)g->cur.n;
						t = ev_push(g, s, pc, EV_W, l, neu, a.dep, ctrl);
						if (!t)
							goto out;
						t->e.flags = EVF_RMW;
						t->data = v.dep;
					} else {
						g->cur.ev[me].e.flags |= EVF_FAILED;
					}
					switch (s->ret) {
					case LRET_NEW: ret = neu; rdep |= v.dep; break;
					case LRET_ZERO: ret = neu == 0; rdep |= v.dep; break;
					case LRET_NEG: ret = neu < 0; rdep |= v.dep; break;
					case LRET_DONE: ret = writes; break;
					default: ret = old; break;
					}
				}
				gen_next(g, pc, regs, s->reg, ret, rdep, ctrl);
				if (g->err[0])
					goto out;
			}
			goto out;
		}
		default:
			snprintf(g->err, sizeof(g->err), "%d:%d: statement not modelled", s->line, s->col);
			goto out;
		}
	}
	gen_end(g, regs);
out:
	g->cur.n = n0;
}

/* Every path of every thread, under value domains grown to a fixpoint. */
int lm_paths_all(const struct lm_prog *p, struct lm_gen *gens, char *err, size_t errlen)
{
	static __thread struct lm_gen g;	/* large: not on small thread stacks */
	bool changed = true;
	int rounds = 1;

	/*
	 * A value some execution writes comes from a chain of at most one
	 * write per write statement, so that many rounds find every one (and
	 * perhaps some no execution writes: their paths find no rf).
	 */
	for (int th = 0; th < p->nthreads; th++)
		for (int i = 0; i < p->th[th].nstmts; i++)
			rounds += p->th[th].s[i].op == LS_STORE || p->th[th].s[i].op == LS_RMW;

	memset(&g, 0, sizeof(g));
	g.p = p;
	for (int l = 0; l < p->nlocs; l++)
		dom_add(g.dom[l], &g.ndom[l], p->init[l]);
	for (int round = 0; changed && round < rounds; round++) {
		memset(g.nnew, 0, sizeof(g.nnew));
		for (g.th = 0; g.th < p->nthreads; g.th++) {
			struct lm_rv regs[LM_MAX_REGS];

			for (int r = 0; r < LM_MAX_REGS; r++) {
				regs[r].v = p->th[g.th].reg_init[r];
				regs[r].dep = 0;
			}
			g.cur.n = 0;
			gen_run(&g, 0, regs, 0);
			if (g.err[0]) {
				snprintf(err, errlen, "%s", g.err);
				return -1;
			}
		}
		changed = false;
		for (int l = 0; l < p->nlocs; l++)
			for (int i = 0; i < g.nnew[l]; i++) {
				int before = g.ndom[l];

				if (!dom_add(g.dom[l], &g.ndom[l], g.newv[l][i])) {
					snprintf(err, errlen, "too many values to model");
					return -1;
				}
				changed |= g.ndom[l] != before;
			}
	}
	for (int th = 0; th < p->nthreads; th++) {
		struct lm_gen *o = &gens[th];
		struct lm_rv regs[LM_MAX_REGS];

		memcpy(o->ndom, g.ndom, sizeof(g.ndom));
		memcpy(o->dom, g.dom, sizeof(g.dom));
		o->p = p;
		o->th = th;
		o->record = true;
		o->cur.n = 0;
		for (int r = 0; r < LM_MAX_REGS; r++) {
			regs[r].v = p->th[th].reg_init[r];
			regs[r].dep = 0;
		}
		gen_run(o, 0, regs, 0);
		if (o->err[0]) {
			snprintf(err, errlen, "%s", o->err);
			return -1;
		}
	}
	return 0;
}
