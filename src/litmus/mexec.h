/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mexec.h - candidate executions of a lowered test
 * (src/litmus/mprog.h), inside the expectation model: events, the
 * relations between them as bit matrices, and the axioms of each model
 * (src/litmus/lkmm.c, src/litmus/march.c) over them.
 *
 * An execution has at most 64 events (one uint64_t per row): one initial
 * write per location, then every thread's reads, writes and fences along
 * the path its read values take it.
 */
#ifndef MB_LITMUS_MEXEC_H
#define MB_LITMUS_MEXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/orders.h"
#include "litmus/mprog.h"
#include "result/result.h"

#define LM_MAXEV	64

typedef uint64_t lm_set;
typedef lm_set lm_rel[LM_MAXEV];

enum lm_evtype { EV_R, EV_W, EV_F };

/* Event flags: what made the event (herd7's event classes). */
enum {
	EVF_INIT = 1 << 0,	/* IW: the initial write */
	EVF_RMW = 1 << 1,	/* from an RMW instruction (herd's RMW set), failed ones too */
	EVF_LKR = 1 << 2,	/* spin_lock's / successful trylock's read */
	EVF_LKW = 1 << 3,	/* ... and its write */
	EVF_UL = 1 << 4,	/* spin_unlock */
	EVF_LF = 1 << 5,	/* failed spin_trylock */
	EVF_RL = 1 << 6,	/* spin_is_locked() true */
	EVF_RU = 1 << 7,	/* spin_is_locked() false */
	EVF_SRCU_LOCK = 1 << 8,
	EVF_SRCU_UNLOCK = 1 << 9,
	EVF_SYNC_SRCU = 1 << 10,
	EVF_FAILED = 1 << 11,	/* read of an RMW that did not write */
};

struct lm_ev {
	int8_t thread;		/* -1: initial write */
	uint8_t type;		/* enum lm_evtype */
	uint8_t ann;		/* enum lm_ann */
	uint8_t fence;		/* enum lm_fence (EV_F) */
	uint16_t flags;		/* EVF_* */
	int8_t loc;		/* location, -1 for fences (srcu events have one) */
	int16_t stmt;		/* statement of the thread it comes from */
	lm_val val;		/* value read or written */
	struct mb_id id;	/* LF_NAMED: the barrier (MB_ID_NONE: orders nothing) */
	bool mpeer;		/* LF_NAMED: barrier() paired with a membarrier() */
};

/* One candidate execution: events, then the relations. */
struct lm_exec {
	const struct lm_prog *p;
	int n;
	struct lm_ev ev[LM_MAXEV];
	lm_set all, R, W, F, M, IW;
	lm_rel po, loc, ext, addr, data, ctrl, rmw;
	lm_rel rf, co, fr;
	/* final state */
	lm_val regs[LT_MAX_THREADS][LM_MAX_REGS];
	lm_val mem[LT_MAX_LOCS];
	bool has_plain, has_rcu, has_srcu;
};

/* ---- relation algebra -------------------------------------------------- */

#define LM_BIT(i)	((lm_set)1 << (i))

static inline void r_clear(int n, lm_set *a)
{
	memset(a, 0, sizeof(lm_set) * (size_t)n);
}

static inline void r_copy(int n, lm_set *out, const lm_set *a)
{
	memcpy(out, a, sizeof(lm_set) * (size_t)n);
}

static inline void r_union(int n, lm_set *out, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		out[i] |= a[i];
}

static inline void r_inter(int n, lm_set *out, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		out[i] &= a[i];
}

static inline void r_minus(int n, lm_set *out, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		out[i] &= ~a[i];
}

/* out = [dom] ; a ; [ran] (in place allowed) */
static inline void r_restrict(int n, lm_set *out, const lm_set *a, lm_set dom, lm_set ran)
{
	for (int i = 0; i < n; i++)
		out[i] = (dom & LM_BIT(i)) ? a[i] & ran : 0;
}

/* out = a ; b (out may alias a or b) */
static inline void r_seq(int n, lm_set *out, const lm_set *a, const lm_set *b)
{
	lm_set tmp[LM_MAXEV];

	for (int i = 0; i < n; i++) {
		lm_set row = 0, x = a[i];

		while (x) {
			int j = __builtin_ctzll(x);

			x &= x - 1;
			row |= b[j];
		}
		tmp[i] = row;
	}
	memcpy(out, tmp, sizeof(lm_set) * (size_t)n);
}

/* out = a+ */
static inline void r_plus(int n, lm_set *out, const lm_set *a)
{
	if (out != a)
		memcpy(out, a, sizeof(lm_set) * (size_t)n);
	for (int k = 0; k < n; k++)
		for (int i = 0; i < n; i++)
			if (out[i] & LM_BIT(k))
				out[i] |= out[k];
}

/* out = a* */
static inline void r_star(int n, lm_set *out, const lm_set *a)
{
	r_plus(n, out, a);
	for (int i = 0; i < n; i++)
		out[i] |= LM_BIT(i);
}

/* out = a? */
static inline void r_opt(int n, lm_set *out, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		out[i] = a[i] | LM_BIT(i);
}

static inline void r_inverse(int n, lm_set *out, const lm_set *a)
{
	lm_set tmp[LM_MAXEV] = { 0 };

	for (int i = 0; i < n; i++)
		for (lm_set x = a[i]; x; x &= x - 1)
			tmp[__builtin_ctzll(x)] |= LM_BIT(i);
	memcpy(out, tmp, sizeof(lm_set) * (size_t)n);
}

static inline bool r_acyclic(int n, const lm_set *a)
{
	lm_set cl[LM_MAXEV];

	r_plus(n, cl, a);
	for (int i = 0; i < n; i++)
		if (cl[i] & LM_BIT(i))
			return false;
	return true;
}

static inline bool r_irreflexive(int n, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		if (a[i] & LM_BIT(i))
			return false;
	return true;
}

static inline bool r_empty(int n, const lm_set *a)
{
	for (int i = 0; i < n; i++)
		if (a[i])
			return false;
	return true;
}

static inline lm_set r_domain(int n, const lm_set *a)
{
	lm_set d = 0;

	for (int i = 0; i < n; i++)
		if (a[i])
			d |= LM_BIT(i);
	return d;
}

static inline lm_set r_range(int n, const lm_set *a)
{
	lm_set r = 0;

	for (int i = 0; i < n; i++)
		r |= a[i];
	return r;
}

/* The events of x satisfying flags / type. */
static inline lm_set ev_flagged(const struct lm_exec *x, unsigned flags)
{
	lm_set s = 0;

	for (int i = 0; i < x->n; i++)
		if (x->ev[i].flags & flags)
			s |= LM_BIT(i);
	return s;
}

/* po ; [F of kind k] ; po */
void lm_fencerel(const struct lm_exec *x, lm_set fences, lm_set *out);

/*
 * Ordering a barrier gives on model m (src/litmus/model.c, from the arch
 * tables): O_* access pairs in program order, F_* how it propagates, in
 * the vocabulary of arch/orders.h.
 */
enum {
	O_RR = MB_ORD_RR, O_RW = MB_ORD_RW, O_WR = MB_ORD_WR, O_WW = MB_ORD_WW,
	O_ALL = MB_ORD_PAIRS,
	F_STRONG = MB_ORD_STRONG,	/* Power sync, LKMM strong-fence: ffence / pb */
	F_ACUMUL = MB_ORD_ACUMUL,	/* LKMM: A-cumulative (mb, release) */
	F_CUMUL = MB_ORD_CUMUL,		/* LKMM: cumul-fence without A-cumulativity (wmb) */
	F_UNKNOWN = 128,		/* the port's table has no fact for the instruction */
};
#define F_FULL	(O_ALL | F_STRONG | F_ACUMUL)
unsigned lm_class(enum mb_model m, struct mb_id id, bool membarrier_peer);
/* The port whose facts model m reads (src/barrier/ports.h): the rows, and
 * how the kernel's RMWs, load-acquire ... run there. */
struct mb_port;
const struct mb_port *lm_model_port(enum mb_model m);

/* The axioms: NULL when model m accepts x, else the axiom it breaks. */
const char *lm_lkmm_check(const struct lm_exec *x, bool *data_race);
const char *lm_arch_check(const struct lm_exec *x, enum mb_model m);

/* What enumerating every candidate execution of a test found. */
struct lm_result {
	bool too_big;		/* not enumerated: why says why */
	char why_big[160];
	bool pos[MB_NMODELS];	/* some execution model m accepts satisfies the condition */
	bool neg[MB_NMODELS];	/* some execution model m accepts does not */
	bool race;		/* LKMM: some accepted execution has a data race */
	long ncand;		/* coherent candidates reaching the condition */
	char witness[MB_NMODELS][200];	/* final state of a satisfying execution */
	const char *why[MB_NMODELS];	/* the axiom the last refused candidate broke */
};

/*
 * Enumerate p's executions.  full: decide pos, neg and race for every
 * model; otherwise stop once every model has pos (lt_model_allowed).
 */
void lm_run(const struct lm_prog *p, bool full, struct lm_result *r);

/* ---- hooks for explanations (src/litmus/explain.c) --------------------- */

/*
 * The executions behind a verdict, kept by lm_run_keep: per model the
 * first one it accepts that satisfies the condition (wit), and one it
 * refuses that would (ref, with the axiom it breaks; one refused by a
 * model's axiom is kept over one refused by coherence).
 */
struct lm_keep {
	bool has_wit[MB_NMODELS], has_ref[MB_NMODELS];
	struct lm_exec wit[MB_NMODELS], ref[MB_NMODELS];
	const char *ref_why[MB_NMODELS];
};
void lm_run_keep(const struct lm_prog *p, bool full, struct lm_result *r, struct lm_keep *keep);

/*
 * What a check saw, recorded when lm_ax_out points somewhere: the axiom
 * that failed and its relation (acyclic axioms: the relation has a cycle;
 * irreflexive ones: a pair (i, i)), and ord, the pairs in program order
 * the model keeps in order (ppo, fences, dependencies, annotations).
 * axiom is NULL when the execution is accepted (ord is still filled).
 */
struct lm_ax {
	const char *axiom;
	bool irreflexive;
	lm_rel rel;
	lm_rel ord;
};
extern __thread struct lm_ax *lm_ax_out;
extern const char lm_coherence_axiom[];	/* the axiom the enumeration itself checks */

/* For the checks: note ord (rel & po) / the failed axiom, when asked to; return the axiom. */
static inline void lm_ax_ord(const struct lm_exec *x, const lm_set *rel)
{
	if (!lm_ax_out)
		return;
	lm_ax_out->axiom = NULL;
	for (int i = 0; i < x->n; i++)
		lm_ax_out->ord[i] = rel[i] & x->po[i];
}

static inline const char *lm_ax_fail(const struct lm_exec *x, const char *axiom, bool irreflexive,
				     const lm_set *rel)
{
	if (lm_ax_out) {
		lm_ax_out->axiom = axiom;
		lm_ax_out->irreflexive = irreflexive;
		r_copy(x->n, lm_ax_out->rel, rel);
	}
	return axiom;
}

/* What fence event e orders on model m (O_* / F_*), as the checks read it;
 * for the LKMM's conditional kinds (after-atomic ...) O_ALL. */
unsigned lm_fence_class(enum mb_model m, const struct lm_ev *e);

/* SC per location, the relation coherence keeps acyclic: po-loc | rf | co | fr. */
void lm_sc_loc(const struct lm_exec *x, lm_set *out);
/* The test's condition (its body) holds in x's final state. */
bool lm_cond_holds(const struct lm_exec *x);

#endif /* MB_LITMUS_MEXEC_H */
