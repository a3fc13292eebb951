/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/explain.c - the explanation of each model's verdict
 * (src/litmus/explain.h), from the executions the enumeration kept
 * (lm_run_keep) and each check's record of itself (lm_ax_out).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/explain.h"

/* Run model m's check on x, recording axiom, relation and ord into ax. */
static void recheck(const struct lm_exec *x, enum mb_model m, const char *why, struct lm_ax *ax)
{
	bool race = false;

	memset(ax, 0, sizeof(*ax));
	if (why == lm_coherence_axiom) {
		/* refused by the enumeration itself: SC per location */
		ax->axiom = lm_coherence_axiom;
		lm_sc_loc(x, ax->rel);
		for (int i = 0; i < x->n; i++)
			ax->ord[i] = x->po[i] & x->loc[i] & x->M;
		return;
	}
	lm_ax_out = ax;
	if (m == MB_LKMM)
		lm_lkmm_check(x, &race);
	else
		lm_arch_check(x, m);
	lm_ax_out = NULL;
}

/* The shortest cycle of rel: its nodes into cyc, their number returned (0: none). */
static int shortest_cycle(int n, const lm_set *rel, int *cyc)
{
	int best = 0;

	for (int s = 0; s < n; s++) {
		int dist[LM_MAXEV], par[LM_MAXEV], q[LM_MAXEV], qh = 0, qt = 0, end = -1;

		if (!rel[s])
			continue;
		for (int i = 0; i < n; i++)
			dist[i] = -1;
		dist[s] = 0;
		par[s] = -1;
		q[qt++] = s;
		while (qh < qt && end < 0) {
			int u = q[qh++];

			if (rel[u] & LM_BIT(s)) {
				end = u;
				break;
			}
			for (lm_set y = rel[u]; y; y &= y - 1) {
				int v = __builtin_ctzll(y);

				if (dist[v] < 0) {
					dist[v] = dist[u] + 1;
					par[v] = u;
					q[qt++] = v;
				}
			}
		}
		if (end < 0 || (best && dist[end] + 1 >= best))
			continue;
		best = dist[end] + 1;
		for (int k = best - 1, u = end; k >= 0; k--, u = par[u])
			cyc[k] = u;
	}
	return best;
}

static const char *const kfence_names[LF_NKINDS] = {
	[LF_MB] = "smp_mb()", [LF_RMB] = "smp_rmb()", [LF_WMB] = "smp_wmb()",
	[LF_BARRIER] = "barrier()", [LF_BEFORE_ATOMIC] = "smp_mb__before_atomic()",
	[LF_AFTER_ATOMIC] = "smp_mb__after_atomic()",
	[LF_AFTER_SPINLOCK] = "smp_mb__after_spinlock()",
	[LF_AFTER_UNLOCK_LOCK] = "smp_mb__after_unlock_lock()",
	[LF_RCU_LOCK] = "rcu_read_lock()", [LF_RCU_UNLOCK] = "rcu_read_unlock()",
	[LF_SYNC_RCU] = "synchronize_rcu()",
};

const char *lx_fence_name(const struct lm_exec *x, int ev, enum mb_model m, char *buf, size_t len)
{
	const struct lm_ev *e = &x->ev[ev];

	buf[0] = '\0';
	if (e->type != EV_F)
		return buf;
	if (e->fence != LF_NAMED) {
		snprintf(buf, len, "%s", e->fence < LF_NKINDS && kfence_names[e->fence] ?
			 kfence_names[e->fence] : "fence");
		return buf;
	}
	if (!mb_id_valid(e->id)) {
		snprintf(buf, len, "empty slot");
		return buf;
	}
	if (e->mpeer) {
		snprintf(buf, len, "barrier() against membarrier()");
		return buf;
	}
	return lx_barrier_name(e->id, m, buf, len);
}

const char *lx_barrier_name(struct mb_id id, enum mb_model m, char *buf, size_t len)
{
	const char *insn = lt_model_insn(id, m);
	char name[48];

	mb_id_name(id, name, sizeof(name));
	if (!insn)
		snprintf(buf, len, "%s: no barrier, orders nothing", name);
	else if (!*insn)
		snprintf(buf, len, "%s: compiler barrier only", name);
	else if (m == MB_LKMM && strcmp(insn, "mb") && strcmp(insn, "rmb") && strcmp(insn, "wmb"))
		snprintf(buf, len, "%s fence", insn);
	else if (m == MB_LKMM)
		snprintf(buf, len, "smp_%s()", insn);
	else
		snprintf(buf, len, "%s", insn);
	return buf;
}

static int fmt_val(char *buf, size_t len, const struct lm_exec *x, lm_val v)
{
	int l = lm_addr_loc(v, x->p->nlocs);

	if (l >= 0 && x->p->t)
		return snprintf(buf, len, "&%s", x->p->t->locs[l]);
	return snprintf(buf, len, "%lld", (long long)v);
}

void lx_event_name(const struct lm_exec *x, int ev, char *buf, size_t len)
{
	const struct lm_ev *e = &x->ev[ev];
	const char *loc = e->loc >= 0 && x->p->t && e->loc < x->p->t->nlocs ?
			  x->p->t->locs[e->loc] : "?";
	char th[16], v[48], f[80];

	if (e->thread < 0)
		snprintf(th, sizeof(th), "init");
	else
		snprintf(th, sizeof(th), "P%d", e->thread);
	if (e->type == EV_F) {
		/* the barrier's own name: the model-independent one */
		if (e->fence == LF_NAMED && mb_id_valid(e->id))
			mb_id_name(e->id, f, sizeof(f));
		else if (e->fence == LF_NAMED)
			snprintf(f, sizeof(f), "empty slot");
		else
			lx_fence_name(x, ev, MB_LKMM, f, sizeof(f));
		snprintf(buf, len, "%s:F[%s]", th, f);
		return;
	}
	fmt_val(v, sizeof(v), x, e->val);
	snprintf(buf, len, "%s:%c%s=%s", th, e->type == EV_R ? 'R' : 'W', loc, v);
}

const char *lx_pair_kind(const struct lm_exec *x, int a, int b)
{
	bool wa = x->W & LM_BIT(a), wb = x->W & LM_BIT(b);

	return wa ? (wb ? "W->W" : "W->R") : (wb ? "R->W" : "R->R");
}

static unsigned pairbit(const struct lm_exec *x, int a, int b)
{
	bool wa = x->W & LM_BIT(a), wb = x->W & LM_BIT(b);

	return wa ? (wb ? O_WW : O_WR) : (wb ? O_RW : O_RR);
}

/* The fences in program order strictly between a and b that order the pair
 * on model m, named for it. */
static void fences_between(const struct lm_exec *x, int a, int b, enum mb_model m, char *buf,
			   size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (lm_set f = x->po[a] & x->F; f && o < len; f &= f - 1) {
		int k = __builtin_ctzll(f);
		char name[96];

		if (!(x->po[k] & LM_BIT(b)) || !(lm_fence_class(m, &x->ev[k]) & pairbit(x, a, b)))
			continue;
		lx_fence_name(x, k, m, name, sizeof(name));
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? "; " : "", name);
	}
}

/* What makes the model keep the po pair (a, b) in order, in words. */
static void label_ord(const struct lm_exec *x, enum mb_model m, int a, int b, char *buf, size_t len)
{
	const struct lm_ev *ea = &x->ev[a], *eb = &x->ev[b];
	char f[96];

	fences_between(x, a, b, m, f, sizeof(f));
	if (f[0])
		snprintf(buf, len, "[%s]", f);
	else if (x->addr[a] & LM_BIT(b))
		snprintf(buf, len, "addr");
	else if (x->data[a] & LM_BIT(b))
		snprintf(buf, len, "data");
	else if (x->ctrl[a] & LM_BIT(b))
		snprintf(buf, len, "ctrl");
	else if (x->rmw[a] & LM_BIT(b))
		snprintf(buf, len, "rmw");
	else if (ea->type == EV_R && (ea->ann == LA_ACQUIRE || ea->ann == LA_MB))
		snprintf(buf, len, "%s", ea->ann == LA_MB ? "mb-rmw" : "acquire");
	else if (eb->type == EV_W && (eb->ann == LA_RELEASE || eb->ann == LA_MB))
		snprintf(buf, len, "%s", eb->ann == LA_MB ? "mb-rmw" : "release");
	else if (x->loc[a] & LM_BIT(b))
		snprintf(buf, len, "po-loc");
	else
		snprintf(buf, len, m == MB_X86_TSO ? "po" : "ppo");
}

/* The communication relation of (a, b), or NULL. */
static const char *label_com(const struct lm_exec *x, int a, int b)
{
	if (x->rf[a] & LM_BIT(b))
		return "rf";
	if (x->fr[a] & LM_BIT(b))
		return "fr";
	if (x->co[a] & LM_BIT(b))
		return "co";
	return NULL;
}

static void add_step(struct lx_model *lm, int a, int b, const char *rel, bool relaxed)
{
	struct lx_step *s;

	if (lm->nstep >= LX_MAXSTEP)
		return;
	s = &lm->step[lm->nstep++];
	s->from = a;
	s->to = b;
	s->relaxed = relaxed;
	snprintf(s->rel, sizeof(s->rel), "%s", rel);
	lm->nrelaxed += relaxed;
}

static void add_labelled(struct lx_model *lm, enum mb_model m, int a, int b)
{
	const struct lm_exec *x = &lm->x;
	const char *c = label_com(x, a, b);
	char l[112];

	if (c) {
		add_step(lm, a, b, c, false);
		return;
	}
	label_ord(x, m, a, b, l, sizeof(l));
	add_step(lm, a, b, l, false);
}

/* "external (acyclic ob)" -> "ob" */
static void axiom_rel(const char *axiom, char *buf, size_t len)
{
	const char *p = strstr(axiom, "acyclic "), *e;

	if (!p)
		p = strstr(axiom, "irreflexive ");
	if (!p) {
		snprintf(buf, len, "%s", axiom);
		return;
	}
	p = strchr(p, ' ') + 1;
	e = strchr(p, ')');
	snprintf(buf, len, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
}

/*
 * Forbidden: a cycle of the failed axiom's relation, each edge (a, b)
 * spelled as the shortest path from a to b in ord | rf | co | fr (a
 * single edge for the acyclic axioms, whose relation is made of those;
 * a path for composed ones such as Power's prop or the LKMM's pb).
 */
static void explain_forbidden(struct lx_model *lm, enum mb_model m)
{
	const struct lm_exec *x = &lm->x;
	int n = x->n;
	lm_rel b;
	char rname[64];

	if (lm->ax.irreflexive) {
		lm->ncyc = 0;
		for (int i = 0; i < n; i++)
			if (lm->ax.rel[i] & LM_BIT(i)) {
				lm->cyc[0] = i;
				lm->ncyc = 1;
				break;
			}
	} else {
		lm->ncyc = shortest_cycle(n, lm->ax.rel, lm->cyc);
	}
	for (int i = 0; i < n; i++)
		b[i] = lm->ax.ord[i] | x->rf[i] | x->co[i] | x->fr[i];
	axiom_rel(lm->ax.axiom, rname, sizeof(rname));
	for (int k = 0; k < lm->ncyc; k++) {
		int from = lm->cyc[k], to = lm->cyc[(k + 1) % lm->ncyc];
		int par[LM_MAXEV], q[LM_MAXEV], qh = 0, qt = 0, path[LM_MAXEV], np = 0;
		bool seen[LM_MAXEV] = { false }, found = false;

		/* BFS from from's successors, so that from == to finds a cycle */
		for (lm_set y = b[from]; y; y &= y - 1) {
			int v = __builtin_ctzll(y);

			seen[v] = true;
			par[v] = from;
			q[qt++] = v;
		}
		while (qh < qt) {
			int u = q[qh++];

			if (u == to) {
				found = true;
				break;
			}
			for (lm_set y = b[u]; y; y &= y - 1) {
				int v = __builtin_ctzll(y);

				if (!seen[v]) {
					seen[v] = true;
					par[v] = u;
					q[qt++] = v;
				}
			}
		}
		if (!found) {
			add_step(lm, from, to, rname, false);
			continue;
		}
		for (int u = to;; u = par[u]) {
			path[np++] = u;
			if (par[u] == from)
				break;
		}
		path[np++] = from;
		for (int i = np - 1; i > 0; i--)
			add_labelled(lm, m, path[i], path[i - 1]);
	}
}

/*
 * Allowed: the cheapest cycle of po | rfe | co | fr over the accesses,
 * a po pair costing 1 when the model does not keep it (ord) and 0 when it
 * does: the pairs that cost are the reordering the outcome needs.  No
 * cycle: the outcome is sequentially consistent.
 */
static void explain_allowed(struct lx_model *lm, enum mb_model m)
{
	const struct lm_exec *x = &lm->x;
	int n = x->n, best = -1, bestcyc[LM_MAXEV], nbest = 0;

	for (int s = 0; s < n; s++) {
		int dist[LM_MAXEV], par[LM_MAXEV];
		bool done[LM_MAXEV] = { false };

		if (!(x->M & LM_BIT(s)))
			continue;
		for (int i = 0; i < n; i++)
			dist[i] = -1;
		dist[s] = 0;
		par[s] = -1;
		/* Dijkstra: a kept edge costs 1, a relaxed one 100 */
		for (;;) {
			int u = -1;

			for (int i = 0; i < n; i++)
				if (dist[i] >= 0 && !done[i] && (u < 0 || dist[i] < dist[u]))
					u = i;
			if (u < 0)
				break;
			done[u] = true;
			for (int v = 0; v < n; v++) {
				int w;
				bool com = (x->rf[u] & x->ext[u] & LM_BIT(v)) ||
					   ((x->co[u] | x->fr[u]) & LM_BIT(v));
				bool po = x->po[u] & x->M & LM_BIT(v);

				if (!(x->M & LM_BIT(v)) || (!com && !po))
					continue;
				w = com || (lm->ax.ord[u] & LM_BIT(v)) ? 1 : 100;
				if (v == s) {
					int c = dist[u] + w;

					if (best < 0 || c < best) {
						best = c;
						nbest = 0;
						for (int k = u; k >= 0; k = par[k])
							bestcyc[nbest++] = k;
					}
					continue;
				}
				if (dist[v] < 0 || dist[u] + w < dist[v]) {
					dist[v] = dist[u] + w;
					par[v] = u;
				}
			}
		}
	}
	if (best < 0) {
		lm->sc = true;
		return;
	}
	/* bestcyc holds the cycle backwards, ending at its start */
	for (int k = nbest - 1; k >= 0; k--) {
		int a = bestcyc[k], b = bestcyc[k ? k - 1 : nbest - 1];
		bool com = (x->rf[a] & x->ext[a] & LM_BIT(b)) || ((x->co[a] | x->fr[a]) & LM_BIT(b));

		lm->cyc[lm->ncyc++] = a;
		if (com)
			add_step(lm, a, b, label_com(x, a, b), false);
		else if (lm->ax.ord[a] & LM_BIT(b))
			add_labelled(lm, m, a, b);
		else
			add_step(lm, a, b, "po", true);
	}
}

struct lx_explain *lx_explain_new(const struct lt_test *t, struct mb_id slot)
{
	struct lx_explain *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->t = t;
	e->slot = slot;
	lt_model_judge_keep(t, slot, &e->v, &e->prog, &e->keep);
	for (int m = 0; m < MB_NMODELS; m++) {
		struct lx_model *lm = &e->m[m];

		lm->obs = e->v.obs[m];
		lm->allowed = lm->obs == LT_OBS_SOMETIMES || lm->obs == LT_OBS_ALWAYS;
		if (lm->obs == LT_OBS_UNKNOWN)
			continue;
		if (lm->allowed && e->keep.has_wit[m]) {
			lm->have_x = true;
			lm->x = e->keep.wit[m];
			recheck(&lm->x, (enum mb_model)m, NULL, &lm->ax);
			explain_allowed(lm, (enum mb_model)m);
		} else if (!lm->allowed && e->keep.has_ref[m]) {
			lm->have_x = true;
			lm->x = e->keep.ref[m];
			recheck(&lm->x, (enum mb_model)m, e->keep.ref_why[m], &lm->ax);
			lm->axiom = lm->ax.axiom ? lm->ax.axiom : e->keep.ref_why[m];
			if (lm->ax.axiom)
				explain_forbidden(lm, (enum mb_model)m);
		}
	}
	return e;
}

void lx_explain_free(struct lx_explain *e)
{
	free(e);
}
