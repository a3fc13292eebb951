/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mexec.c - every candidate execution of a lowered test, in
 * herd7's way: each thread runs on its own under every value its reads
 * may return (the values some write can store, found by a fixpoint), which
 * gives per thread a set of paths: its events, their values, and the
 * address, data and control dependencies from the register dataflow.  A
 * candidate picks one path per thread, a write of the same value for
 * every read (rf) and an order of every location's writes (co); one that
 * breaks SC per location or RMW atomicity is dropped; the rest go to the
 * models' axioms.
 *
 * Locks are locations holding 0 (free) or 1 (taken): spin_lock() is an
 * RMW that reads 0 and writes 1, spin_unlock() writes 0, a failed
 * trylock reads 1.  With atomicity this is lock.cat's construction: each
 * lock write follows the unlock (or initial write) it read in co, and the
 * unlock follows its lock immediately.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/mexec.h"

#define LM_TMAX		48	/* events on one thread's path */
#define LM_DOM		16	/* values one location may hold */
#define LM_MAX_TRACES	4096	/* paths of one thread */
#define LM_MAX_CAND	3000000L	/* candidates, all models at once */

/* ---- one thread's paths ------------------------------------------------- */

struct lm_tev {
	struct lm_ev e;
	uint64_t addr, data, ctrl;	/* local indices of the reads it depends on */
	int8_t rmw_with;		/* RMW read: its write (local index), or -1 */
};

struct lm_trace {
	int n;
	struct lm_tev ev[LM_TMAX];
	lm_val regs[LM_MAX_REGS];
};

struct lm_gen {
	const struct lm_prog *p;
	int th;
	int ndom[LT_MAX_LOCS];
	lm_val dom[LT_MAX_LOCS][LM_DOM];
	int nnew[LT_MAX_LOCS];
	lm_val newv[LT_MAX_LOCS][LM_DOM];
	bool record;
	struct lm_trace cur;
	struct lm_trace *traces;
	int ntraces, cap;
	long steps;
	char err[160];
};

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
static int gen_all(const struct lm_prog *p, struct lm_gen *gens, char *err, size_t errlen)
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

/* ---- candidates -------------------------------------------------------- */

void lm_fencerel(const struct lm_exec *x, lm_set fences, lm_set *out)
{
	for (int i = 0; i < x->n; i++) {
		lm_set row = 0;

		for (lm_set f = x->po[i] & fences; f; f &= f - 1)
			row |= x->po[__builtin_ctzll(f)];
		out[i] = row;
	}
}

struct lm_enum {
	const struct lm_prog *p;
	struct lm_gen *gens;
	bool full;
	struct lm_result *r;
	struct lm_exec x;
	int nreads, reads[LM_MAXEV];
	int nsrc[LM_MAXEV], src[LM_MAXEV][LM_MAXEV];	/* per read: writes of its value */
	int nw[LT_MAX_LOCS], ws[LT_MAX_LOCS][LM_MAXEV];	/* non-initial writes per location */
	int rmw_of[LM_MAXEV];	/* write -> its RMW read, or -1 */
	int rfsrc[LM_MAXEV];	/* read (ordinal) -> the write it reads */
	int rf_ev[LM_MAXEV];	/* read (event) -> the write it reads */
	lm_rel taddr, tdata, tctrl;	/* per access: the reads it depends on */
	struct lm_keep *keep;		/* lm_run_keep, or NULL */
	int coseq[LT_MAX_LOCS][LM_MAXEV];
	long ncand;
	bool stop;
	/* per thread, the (location, value) pairs some path of it writes */
	int nws[LT_MAX_THREADS];
	bool ws_any[LT_MAX_THREADS];	/* too many to list: anything */
	int8_t wsl[LT_MAX_THREADS][256];
	lm_val wsv[LT_MAX_THREADS][256];
};

static bool ws_has(const struct lm_enum *en, int th, int loc, lm_val v)
{
	if (en->ws_any[th])
		return true;
	for (int i = 0; i < en->nws[th]; i++)
		if (en->wsl[th][i] == loc && en->wsv[th][i] == v)
			return true;
	return false;
}

static void ws_build(struct lm_enum *en)
{
	for (int th = 0; th < en->p->nthreads; th++) {
		const struct lm_gen *g = &en->gens[th];

		en->nws[th] = 0;
		en->ws_any[th] = false;
		for (int k = 0; k < g->ntraces; k++)
			for (int i = 0; i < g->traces[k].n; i++) {
				const struct lm_ev *e = &g->traces[k].ev[i].e;

				if (e->type != EV_W || ws_has(en, th, e->loc, e->val))
					continue;
				if (en->nws[th] == 256) {
					en->ws_any[th] = true;
					break;
				}
				en->wsl[th][en->nws[th]] = e->loc;
				en->wsv[th][en->nws[th]++] = e->val;
			}
	}
}

/*
 * Drop the paths with a read no write can feed: not the initial value,
 * not a po-earlier write of the path, not a write of another thread's
 * path.  Repeated, as dropping paths drops writes.
 */
static void paths_prune(struct lm_enum *en)
{
	bool changed = true;

	while (changed) {
		changed = false;
		ws_build(en);
		for (int th = 0; th < en->p->nthreads; th++) {
			struct lm_gen *g = &en->gens[th];
			int kept = 0;

			for (int k = 0; k < g->ntraces; k++) {
				const struct lm_trace *t = &g->traces[k];
				bool ok = true;

				for (int i = 0; i < t->n && ok; i++) {
					const struct lm_ev *e = &t->ev[i].e;
					bool fed = false;

					if (e->type != EV_R)
						continue;
					fed = en->p->init[e->loc] == e->val;
					for (int j = 0; j < i && !fed; j++)
						fed = t->ev[j].e.type == EV_W && t->ev[j].e.loc == e->loc &&
						      t->ev[j].e.val == e->val;
					for (int o = 0; o < en->p->nthreads && !fed; o++)
						fed = o != th && ws_has(en, o, e->loc, e->val);
					ok = fed;
				}
				if (ok) {
					if (kept != k)
						g->traces[kept] = *t;
					kept++;
				}
			}
			changed |= kept != g->ntraces;
			g->ntraces = kept;
		}
	}
}

/* Can every read of the events placed so far (threads 0..th) still be fed? */
static bool feedable(const struct lm_enum *en, int th, int off)
{
	const struct lm_exec *x = &en->x;

	for (int i = en->p->nlocs; i < off; i++) {
		const struct lm_ev *e = &x->ev[i];
		bool fed;

		if (e->type != EV_R)
			continue;
		fed = x->ev[e->loc].val == e->val;
		for (int w = en->p->nlocs; w < off && !fed; w++)
			fed = w != i && x->ev[w].type == EV_W && x->ev[w].loc == e->loc &&
			      x->ev[w].val == e->val && !(x->po[i] & LM_BIT(w));
		for (int o = th + 1; o < en->p->nthreads && !fed; o++)
			fed = ws_has(en, o, e->loc, e->val);
		if (!fed)
			return false;
	}
	return true;
}

/* A condition's value, a location name as the model's address. */
static lm_val cond_val(const struct lt_cond *c)
{
	if (c->ptr)
		return c->value ? LM_ADDR(LT_PTR_LOC(c->value)) : 0;
	return c->value;
}

static bool cond_eval(const struct lt_cond *c, const struct lm_exec *x)
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
		return cond_eval(c->a, x) && cond_eval(c->b, x);
	case LT_C_OR:
		return cond_eval(c->a, x) || cond_eval(c->b, x);
	case LT_C_NOT:
		return !cond_eval(c->a, x);
	}
	return false;
}

__thread struct lm_ax *lm_ax_out;
const char lm_coherence_axiom[] = "coherence (acyclic po-loc|rf|co|fr)";

bool lm_cond_holds(const struct lm_exec *x)
{
	return cond_eval(x->p->t ? x->p->t->cond : NULL, x);
}

void lm_sc_loc(const struct lm_exec *x, lm_set *out)
{
	for (int i = 0; i < x->n; i++)
		out[i] = (x->po[i] & x->loc[i] & x->M) | x->rf[i] | x->co[i] | x->fr[i];
}

static void keep_ref(struct lm_enum *en, int m, const char *why, bool coherence)
{
	struct lm_keep *k = en->keep;

	if (!k || (k->has_ref[m] && (coherence || k->ref_why[m] != lm_coherence_axiom)))
		return;
	k->has_ref[m] = true;
	k->ref[m] = en->x;
	k->ref_why[m] = why;
}

static int fmt_val(char *buf, size_t len, const struct lm_prog *p, lm_val v)
{
	int l = lm_addr_loc(v, p->nlocs);

	if (l >= 0 && p->t)
		return snprintf(buf, len, "%s", p->t->locs[l]);
	return snprintf(buf, len, "%lld", (long long)v);
}

static void witness(const struct lm_exec *x, char *buf, size_t len)
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

static bool done(const struct lm_enum *en)
{
	const struct lm_result *r = en->r;

	for (int m = 0; m < MB_NMODELS; m++) {
		if (!r->pos[m])
			return false;
		if (en->full && !r->neg[m])
			return false;
	}
	return !en->full || r->race || !en->x.has_plain;
}

static void candidate(struct lm_enum *en)
{
	struct lm_exec *x = &en->x;
	struct lm_result *r = en->r;
	int n = x->n;
	lm_rel u;
	bool sat;

	if (++en->ncand > LM_MAX_CAND) {
		r->too_big = true;
		snprintf(r->why_big, sizeof(r->why_big), "more than %ld candidate executions",
			 LM_MAX_CAND);
		en->stop = true;
		return;
	}
	/* rf, co, fr */
	r_clear(n, x->rf);
	r_clear(n, x->co);
	for (int i = 0; i < en->nreads; i++)
		x->rf[en->rfsrc[i]] |= LM_BIT(en->reads[i]);
	for (int l = 0; l < en->p->nlocs; l++) {
		lm_set later = 0;

		for (int k = en->nw[l] - 1; k >= 0; k--) {
			x->co[en->coseq[l][k]] |= later;
			later |= LM_BIT(en->coseq[l][k]);
		}
		x->co[l] |= later;	/* the initial write is event l */
		x->mem[l] = en->nw[l] ? x->ev[en->coseq[l][en->nw[l] - 1]].val : x->ev[l].val;
	}
	r_inverse(n, x->fr, x->rf);
	r_seq(n, x->fr, x->fr, x->co);
	/* SC per location: acyclic(po-loc | rf | co | fr) */
	lm_sc_loc(x, u);
	if (!r_acyclic(n, u)) {
		sat = cond_eval(en->p->t ? en->p->t->cond : NULL, x);
		for (int m = 0; m < MB_NMODELS; m++)
			if (sat && !r->pos[m]) {
				r->why[m] = lm_coherence_axiom;
				keep_ref(en, m, lm_coherence_axiom, true);
			}
		return;
	}
	if (en->p->t && en->p->t->filter && !cond_eval(en->p->t->filter, x))
		return;
	sat = cond_eval(en->p->t ? en->p->t->cond : NULL, x);
	if (!sat && !en->full)
		return;
	if (sat)
		r->ncand++;
	for (int m = 0; m < MB_NMODELS; m++) {
		const char *why;
		bool race = false;

		if (sat ? r->pos[m] : r->neg[m]) {
			if (!(m == MB_LKMM && en->full && x->has_plain && !r->race))
				continue;
		}
		why = m == MB_LKMM ? lm_lkmm_check(x, &race) : lm_arch_check(x, (enum mb_model)m);
		if (why) {
			if (sat) {
				r->why[m] = why;
				keep_ref(en, m, why, false);
			}
			continue;
		}
		if (race)
			r->race = true;
		if (sat && !r->pos[m]) {
			r->pos[m] = true;
			witness(x, r->witness[m], sizeof(r->witness[m]));
			if (en->keep) {
				en->keep->has_wit[m] = true;
				en->keep->wit[m] = *x;
			}
		} else if (!sat) {
			r->neg[m] = true;
		}
	}
	if (done(en))
		en->stop = true;
}

/* co of locations l.. : writes placed k.. of location l */
static void co_place(struct lm_enum *en, int l, int k, lm_set placed, int prev);

static void co_loc(struct lm_enum *en, int l)
{
	if (en->stop)
		return;
	if (l == en->p->nlocs) {
		candidate(en);
		return;
	}
	co_place(en, l, 0, 0, l);
}

static void co_place(struct lm_enum *en, int l, int k, lm_set placed, int prev)
{
	struct lm_exec *x = &en->x;
	int needed = -1;

	if (k == en->nw[l]) {
		co_loc(en, l + 1);
		return;
	}
	/* Atomicity: the RMW write whose read took prev's value comes next. */
	for (int i = 0; i < en->nw[l]; i++) {
		int w = en->ws[l][i];

		if (en->rmw_of[w] >= 0 && !(placed & LM_BIT(w)) &&
		    en->rf_ev[en->rmw_of[w]] == prev) {
			needed = w;
			break;
		}
	}
	for (int i = 0; i < en->nw[l] && !en->stop; i++) {
		int w = en->ws[l][i];
		lm_set before;

		if (placed & LM_BIT(w))
			continue;
		if (needed >= 0 && w != needed)
			continue;
		if (en->rmw_of[w] >= 0 && en->rf_ev[en->rmw_of[w]] != prev)
			continue;
		/* Same-thread writes keep program order (coherence). */
		before = 0;
		for (int j = 0; j < en->nw[l]; j++) {
			int w2 = en->ws[l][j];

			if (x->po[w2] & LM_BIT(w))
				before |= LM_BIT(w2);
		}
		if ((before & placed) != before)
			continue;
		en->coseq[l][k] = w;
		co_place(en, l, k + 1, placed | LM_BIT(w), w);
	}
}

static void rf_pick(struct lm_enum *en, int i)
{
	if (en->stop)
		return;
	if (i == en->nreads) {
		co_loc(en, 0);
		return;
	}
	for (int k = 0; k < en->nsrc[i] && !en->stop; k++) {
		int w = en->src[i][k];

		/* Not from a po-later write of its own thread (coherence). */
		if (en->x.po[en->reads[i]] & LM_BIT(w))
			continue;
		en->rfsrc[i] = w;
		en->rf_ev[en->reads[i]] = w;
		rf_pick(en, i + 1);
	}
}

/* The chosen paths are in place: relations that do not depend on rf / co. */
static void paths_chosen(struct lm_enum *en)
{
	struct lm_exec *x = &en->x;
	int n = x->n;

	x->all = n == 64 ? ~(lm_set)0 : LM_BIT(n) - 1;
	x->R = x->W = x->F = x->IW = 0;
	x->has_plain = x->has_rcu = x->has_srcu = false;
	for (int i = 0; i < n; i++) {
		const struct lm_ev *e = &x->ev[i];

		x->loc[i] = 0;
		x->ext[i] = 0;
		if (e->type == EV_R)
			x->R |= LM_BIT(i);
		else if (e->type == EV_W)
			x->W |= LM_BIT(i);
		else
			x->F |= LM_BIT(i);
		if (e->flags & EVF_INIT)
			x->IW |= LM_BIT(i);
		if (e->type != EV_F && !(e->flags & EVF_INIT) && e->ann == LA_PLAIN &&
		    !(e->flags & ~EVF_FAILED))
			x->has_plain = true;
		if (e->type == EV_F && (e->fence == LF_RCU_LOCK || e->fence == LF_SYNC_RCU ||
					e->fence == LF_RCU_UNLOCK))
			x->has_rcu = true;
		if (e->flags & (EVF_SRCU_LOCK | EVF_SYNC_SRCU))
			x->has_srcu = true;
	}
	x->M = x->R | x->W;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			if (x->ev[i].loc >= 0 && x->ev[i].loc == x->ev[j].loc)
				x->loc[i] |= LM_BIT(j);
			if (x->ev[i].thread != x->ev[j].thread || x->ev[i].thread < 0)
				x->ext[i] |= LM_BIT(j);
		}
	/* reads and their possible sources; writes per location */
	en->nreads = 0;
	for (int l = 0; l < en->p->nlocs; l++)
		en->nw[l] = 0;
	for (int i = 0; i < n; i++)
		if ((x->W & LM_BIT(i)) && !(x->IW & LM_BIT(i)))
			en->ws[x->ev[i].loc][en->nw[x->ev[i].loc]++] = i;
	for (int i = 0; i < n; i++) {
		int k = en->nreads;

		if (!(x->R & LM_BIT(i)))
			continue;
		en->reads[en->nreads++] = i;
		en->nsrc[k] = 0;
		for (int w = 0; w < n; w++)
			if ((x->W & LM_BIT(w)) && x->ev[w].loc == x->ev[i].loc &&
			    x->ev[w].val == x->ev[i].val && w != i &&
			    !(x->ev[w].thread == x->ev[i].thread && (x->po[i] & LM_BIT(w))))
				en->src[k][en->nsrc[k]++] = w;
		if (!en->nsrc[k])
			return;		/* no write gives this read its value */
	}
	rf_pick(en, 0);
}

static void path_pick(struct lm_enum *en, int th, int off)
{
	struct lm_exec *x = &en->x;

	if (en->stop)
		return;
	if (th == en->p->nthreads) {
		x->n = off;
		/* The paths keep dependencies at their target; relations go
		 * from the read. */
		r_inverse(off, x->addr, en->taddr);
		r_inverse(off, x->data, en->tdata);
		r_inverse(off, x->ctrl, en->tctrl);
		paths_chosen(en);
		return;
	}
	for (int k = 0; k < en->gens[th].ntraces && !en->stop; k++) {
		const struct lm_trace *t = &en->gens[th].traces[k];

		if (++en->ncand > LM_MAX_CAND) {
			en->r->too_big = true;
			snprintf(en->r->why_big, sizeof(en->r->why_big),
				 "more than %ld candidate executions", LM_MAX_CAND);
			en->stop = true;
			return;
		}

		if (off + t->n > LM_MAXEV) {
			en->r->too_big = true;
			snprintf(en->r->why_big, sizeof(en->r->why_big), "more than %d events",
				 LM_MAXEV);
			en->stop = true;
			return;
		}
		for (int i = 0; i < t->n; i++) {
			int g = off + i;

			x->ev[g] = t->ev[i].e;
			en->taddr[g] = t->ev[i].addr << off;
			en->tdata[g] = t->ev[i].data << off;
			en->tctrl[g] = t->ev[i].ctrl << off;
			x->rmw[g] = 0;
			en->rmw_of[g] = -1;
			x->po[g] = t->n - i - 1 > 0 ?
				   ((LM_BIT(t->n - i - 1) - 1) << (g + 1)) : 0;
		}
		for (int i = 0; i < t->n; i++)
			if (t->ev[i].rmw_with >= 0) {
				x->rmw[off + i] = LM_BIT(off + t->ev[i].rmw_with);
				en->rmw_of[off + t->ev[i].rmw_with] = off + i;
			}
		memcpy(x->regs[th], t->regs, sizeof(t->regs));
		if (feedable(en, th, off + t->n))
			path_pick(en, th + 1, off + t->n);
	}
}

void lm_run(const struct lm_prog *p, bool full, struct lm_result *r)
{
	lm_run_keep(p, full, r, NULL);
}

void lm_run_keep(const struct lm_prog *p, bool full, struct lm_result *r, struct lm_keep *keep)
{
	static __thread struct lm_enum en;
	struct lm_gen *gens;

	memset(r, 0, sizeof(*r));
	gens = calloc((size_t)(p->nthreads ? p->nthreads : 1), sizeof(*gens));
	if (!gens) {
		r->too_big = true;
		snprintf(r->why_big, sizeof(r->why_big), "out of memory");
		return;
	}
	if (gen_all(p, gens, r->why_big, sizeof(r->why_big))) {
		r->too_big = true;
		goto out;
	}
	memset(&en, 0, sizeof(en));
	en.p = p;
	en.gens = gens;
	en.full = full;
	en.r = r;
	en.keep = keep;
	if (keep)
		memset(keep, 0, sizeof(*keep));
	en.x.p = p;
	if (p->nlocs > LM_MAXEV) {
		r->too_big = true;
		goto out;
	}
	for (int l = 0; l < p->nlocs; l++) {
		struct lm_ev *e = &en.x.ev[l];

		memset(e, 0, sizeof(*e));
		e->thread = -1;
		e->type = EV_W;
		e->ann = LA_ONCE;
		e->flags = EVF_INIT;
		e->loc = (int8_t)l;
		e->stmt = -1;
		e->val = p->init[l];
		en.taddr[l] = en.tdata[l] = en.tctrl[l] = en.x.rmw[l] = en.x.po[l] = 0;
		en.rmw_of[l] = -1;
	}
	paths_prune(&en);
	path_pick(&en, 0, p->nlocs);
out:
	for (int th = 0; th < p->nthreads; th++)
		free(gens[th].traces);
	free(gens);
}
