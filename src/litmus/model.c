/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/model.c - the expectation model of src/litmus/model.h.
 *
 * Events are the test's loads and stores plus one initial write per
 * location (thread -1, before every store in coherence order).  A
 * candidate execution picks, for every load, the write it reads from (rf),
 * and for every location an order of its writes (co); fr = rf^-1 ; co.
 * Relations are bit matrices (one uint64_t row per event), so a test may
 * have at most 64 events; tests here have 4 to 12.
 *
 * Every model first requires SC per location (uniproc):
 *	acyclic(po-loc | rf | co | fr)
 * then:
 *  x86-TSO  acyclic(ppo | fence | rfe | co | fr), ppo = po \ (W x R);
 *	     only mfence / locked instructions are fences (store->load):
 *	     lfence and sfence order nothing TSO does not already order
 *	     (SB shows its weak outcome under them on real hardware; herd7's
 *	     x86tso.cat treats them as full, which is wrong for SB).
 *  Armv8,   other-multi-copy-atomic: acyclic(ob),
 *  RVWMO    ob = ppo | fence | rfe | coe | fre.  No program order between
 *	     different locations survives except through fences (the
 *	     access types each one orders, decoded from the instruction),
 *	     Armv8's acquire (ldar: [A];po), release (stlr: po;[L]) and
 *	     [L];po;[A], and RISC-V's acquire/release, which Linux and
 *	     membench make "fence r,rw" after the load and "fence rw,w"
 *	     before the store (arch/riscv.h).
 *  Power    Herding cats' Power model: hb = ppo | fence | rfe with
 *	     acyclic(hb); propbase = (fence | rfe;fence);hb*;
 *	     prop = (propbase & WxW) | (com*;propbase*;ffence;hb*);
 *	     acyclic(co | prop); irreflexive(fre;prop;hb*).  fence = sync
 *	     (all four), lwsync (all but store->load), eieio (store->store);
 *	     ffence = sync.  Acquire/release are lwsync after/before the
 *	     access (arch/ppc64.h).
 *  LKMM     linux-kernel.cat without RCU, locks, plain accesses and
 *	     dependencies: ppo = fence | (overwrite & int); cumul-fence =
 *	     (rfe?;(strong-fence | po-rel)) | wmb; prop = (overwrite & ext)?;
 *	     cumul-fence*;rfe?; hb = ppo | rfe | ((prop \ id) & int);
 *	     acyclic(hb); pb = prop;strong-fence;hb*; acyclic(pb).  A slot's
 *	     acquire fence orders load->load and load->store (not
 *	     cumulative), a release fence load->store and store->store
 *	     (A-cumulative, like po-rel).
 *
 * Approximations: no dependencies are modelled (the tests have none), so
 * Power's and the LKMM's ppo are only what fences give; internal coherence
 * edges are left to uniproc in Armv8/RVWMO; a barrier name nobody knows
 * orders nothing.  Each barrier's ordering comes from the instruction the
 * architecture's table (arch/<arch>.h) emits for it, in lm_table below.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "litmus/model.h"

#define LM_MAXEV	64
#define LM_MAX_CANDIDATES	4000000.0	/* per call, all models at once */

/*
 * kind.type -> the instruction each model sees, emitted and ':kernel'.
 * x86 mirrors arch/x86.h MB_ARCH_TABLE, aarch64 arch/aarch64.h, riscv
 * arch/riscv.h, ppc64 arch/ppc64.h (same rows, same strings; x86's locked
 * add is abbreviated "lock; addl").  compiler.*, c11.*, process.general and
 * none.general mirror arch/common.h; their c11 instructions are what GCC
 * emits for atomic_thread_fence() on each arch.  "membarrier" is
 * membarrier(2): a full, strong barrier on every thread.  The LKMM column
 * is Linux's meaning of the macro: mb, rmb, wmb, acquire / release /
 * acq_rel fences, "" nothing.
 */
static const struct lm_row {
	const char *name;
	const char *x86, *x86_k, *arm, *arm_k, *rv, *rv_k, *ppc, *ppc_k, *lkmm;
} lm_table[] = {
	/* name          x86 emitted    x86 kernel     aarch64 / kernel          riscv emitted / kernel               ppc64 / kernel      LKMM */
	{ "mmio.general", "mfence",     "mfence",     "dsb sy",    "dsb sy",    "fence iorw,iorw", "fence iorw,iorw", "sync",   "sync",   "mb" },
	{ "mmio.read",    "lfence",     "lfence",     "dsb ld",    "dsb ld",    "fence ir,ir",     "fence ir,ir",     "sync",   "sync",   "rmb" },
	{ "mmio.write",   "sfence",     "sfence",     "dsb st",    "dsb st",    "fence ow,ow",     "fence ow,ow",     "eieio",  "sync",   "wmb" },
	{ "mmio.acquire", "lfence",     "lfence",     "dsb ld",    "dsb ld",    "fence ir,iorw",   "fence ir,iorw",   "sync",   "sync",   "acquire" },
	{ "mmio.release", "sfence",     "sfence",     "dsb sy",    "dsb sy",    "fence iorw,ow",   "fence iorw,ow",   "sync",   "sync",   "release" },
	{ "smp.general",  "lock; addl", "lock; addl", "dmb ish",   "dmb ish",   "fence rw,rw",     "fence rw,rw",     "sync",   "sync",   "mb" },
	{ "smp.read",     "lfence",     "",           "dmb ishld", "dmb ishld", "fence r,r",       "fence r,r",       "lwsync", "lwsync", "rmb" },
	{ "smp.write",    "sfence",     "",           "dmb ishst", "dmb ishst", "fence w,w",       "fence w,w",       "lwsync", "lwsync", "wmb" },
	{ "smp.acquire",  "lfence",     "",           "dmb ishld", "dmb ishld", "fence r,rw",      "fence r,rw",      "lwsync", "lwsync", "acquire" },
	{ "smp.release",  "sfence",     "",           "dmb ish",   "dmb ish",   "fence rw,w",      "fence rw,w",      "lwsync", "lwsync", "release" },
	{ "dma.general",  "mfence",     "mfence",     "dmb osh",   "dmb osh",   "fence iorw,iorw", "fence iorw,iorw", "sync",   "sync",   "mb" },
	{ "dma.read",     "lfence",     "",           "dmb oshld", "dmb oshld", "fence ir,ir",     "fence ir,ir",     "lwsync", "lwsync", "rmb" },
	{ "dma.write",    "sfence",     "",           "dmb oshst", "dmb oshst", "fence ow,ow",     "fence ow,ow",     "lwsync", "lwsync", "wmb" },
	{ "dma.acquire",  "lfence",     "",           "dmb oshld", "dmb oshld", "fence ir,iorw",   "fence ir,iorw",   "lwsync", "lwsync", "acquire" },
	{ "dma.release",  "sfence",     "",           "dmb osh",   "dmb osh",   "fence iorw,ow",   "fence iorw,ow",   "lwsync", "lwsync", "release" },
	{ "compiler.general", "",       "",           "",          "",          "",                "",                "",       "",       "" },
	{ "compiler.read",    "",       "",           "",          "",          "",                "",                "",       "",       "" },
	{ "compiler.write",   "",       "",           "",          "",          "",                "",                "",       "",       "" },
	{ "compiler.acquire", "",       "",           "",          "",          "",                "",                "",       "",       "" },
	{ "compiler.release", "",       "",           "",          "",          "",                "",                "",       "",       "" },
	{ "c11.general",  "mfence",     "mfence",     "dmb ish",   "dmb ish",   "fence rw,rw",     "fence rw,rw",     "sync",   "sync",   "mb" },
	{ "c11.read",     "",           "",           "dmb ishld", "dmb ishld", "fence r,rw",      "fence r,rw",      "lwsync", "lwsync", "acquire" },
	{ "c11.write",    "",           "",           "dmb ish",   "dmb ish",   "fence rw,w",      "fence rw,w",      "lwsync", "lwsync", "release" },
	{ "c11.acquire",  "",           "",           "dmb ishld", "dmb ishld", "fence r,rw",      "fence r,rw",      "lwsync", "lwsync", "acquire" },
	{ "c11.release",  "",           "",           "dmb ish",   "dmb ish",   "fence rw,w",      "fence rw,w",      "lwsync", "lwsync", "release" },
	{ "c11.acq_rel",  "",           "",           "dmb ish",   "dmb ish",   "fence.tso",       "fence.tso",       "lwsync", "lwsync", "acq_rel" },
	{ "process.general", "membarrier", "membarrier", "membarrier", "membarrier", "membarrier", "membarrier",     "membarrier", "membarrier", "mb" },
	{ "none.general", "",           "",           "",          "",          "",                "",                "",       "",       "" },
};

#define LM_NROWS	(sizeof(lm_table) / sizeof(lm_table[0]))

/* What a fence orders: access pairs in program order, and how it propagates. */
enum {
	O_RR = 1, O_RW = 2, O_WR = 4, O_WW = 8, O_ALL = 15,
	F_STRONG = 16,	/* Power sync, LKMM strong-fence: ffence / pb */
	F_ACUMUL = 32,	/* LKMM: A-cumulative (mb, release) */
	F_CUMUL = 64,	/* LKMM: cumul-fence without A-cumulativity (wmb) */
	F_UNKNOWN = 128,/* the name was not in lm_table */
};
#define F_FULL	(O_ALL | F_STRONG | F_ACUMUL)

typedef uint64_t rel[LM_MAXEV];

struct lm_ev {
	int thread;		/* -1: initial write */
	int idx;		/* instruction index in the thread */
	bool w;
	int loc, value, reg;
	enum lt_access access;
};

struct lm_ctx {
	const struct lt_test *t;
	int n;
	struct lm_ev ev[LM_MAXEV];
	int evidx[LT_MAX_THREADS][LT_MAX_INSTRS];
	uint64_t wmask, thread_mask[LT_MAX_THREADS];
	rel po, poloc;
	rel ord[MB_NMODELS];	/* ppo | fences (Power: fence; LKMM: ppo's fence part) */
	rel strong[MB_NMODELS];	/* Power ffence, LKMM strong-fence */
	rel acum, wmb;		/* LKMM cumul-fence parts */
	unsigned slot_flags[MB_NMODELS];
	bool too_big;
	/* The search */
	int nloads, loads[LM_MAXEV];
	int nw[LT_MAX_LOCS], ws[LT_MAX_LOCS][LM_MAXEV];	/* stores per location */
	int rf[LM_MAXEV];	/* per load: event it reads */
	int coperm[LT_MAX_LOCS][LM_MAXEV];
	/* Results */
	bool allowed[MB_NMODELS];
	int ncand;		/* candidates satisfying the condition */
	char witness[MB_NMODELS][160];
	const char *why[MB_NMODELS];	/* the axiom the last candidate failed */
};

static const struct lm_row *lm_find(const char *name, bool *kernel)
{
	char base[48];
	const char *colon = strchr(name, ':');
	size_t n = colon ? (size_t)(colon - name) : strlen(name);

	*kernel = colon && !strcmp(colon, ":kernel");
	if (colon && !*kernel)
		return NULL;
	if (n >= sizeof(base))
		return NULL;
	memcpy(base, name, n);
	base[n] = '\0';
	for (size_t i = 0; i < LM_NROWS; i++)
		if (!strcmp(lm_table[i].name, base))
			return &lm_table[i];
	return NULL;
}

const char *lt_model_insn(const char *name, enum mb_model m)
{
	bool k;
	const struct lm_row *r = name ? lm_find(name, &k) : NULL;

	if (!r)
		return NULL;
	switch (m) {
	case MB_X86_TSO:	return k ? r->x86_k : r->x86;
	case MB_ARMV8:		return k ? r->arm_k : r->arm;
	case MB_RVWMO:		return k ? r->rv_k : r->rv;
	case MB_POWER:		return k ? r->ppc_k : r->ppc;
	case MB_LKMM:		return r->lkmm;
	default:		return NULL;
	}
}

/* RISC-V "r,rw" side: which of R/W it names (i/o bits are device space). */
static void rv_side(const char *s, size_t n, bool *r, bool *w)
{
	*r = memchr(s, 'r', n) != NULL;
	*w = memchr(s, 'w', n) != NULL;
}

/* Instruction (as in lm_table) -> what it orders on model m. */
static unsigned lm_decode(enum mb_model m, const char *insn)
{
	if (!strcmp(insn, "membarrier"))
		return F_FULL;
	if (!*insn)
		return 0;
	switch (m) {
	case MB_X86_TSO:
		/* Only these drain the store buffer; see arch/x86.h. */
		return !strcmp(insn, "mfence") || !strncmp(insn, "lock", 4) ? F_FULL : 0;
	case MB_ARMV8:
		if (!strncmp(insn, "dmb ", 4) || !strncmp(insn, "dsb ", 4)) {
			size_t l = strlen(insn + 4);

			if (l >= 2 && !strcmp(insn + 4 + l - 2, "ld"))
				return O_RR | O_RW;
			if (l >= 2 && !strcmp(insn + 4 + l - 2, "st"))
				return O_WW;
			return F_FULL;
		}
		return 0;
	case MB_RVWMO:
		if (!strcmp(insn, "fence.tso"))
			return O_RR | O_RW | O_WW;
		if (!strncmp(insn, "fence ", 6)) {
			const char *p = insn + 6, *comma = strchr(p, ',');
			bool pr, pw, sr, sw;
			unsigned o = 0;

			if (!comma)
				return 0;
			rv_side(p, (size_t)(comma - p), &pr, &pw);
			rv_side(comma + 1, strlen(comma + 1), &sr, &sw);
			o |= pr && sr ? O_RR : 0;
			o |= pr && sw ? O_RW : 0;
			o |= pw && sr ? O_WR : 0;
			o |= pw && sw ? O_WW : 0;
			return o == O_ALL ? F_FULL : o;
		}
		return 0;
	case MB_POWER:
		if (!strcmp(insn, "sync") || !strcmp(insn, "hwsync"))
			return F_FULL;
		if (!strcmp(insn, "lwsync"))
			return O_RR | O_RW | O_WW;
		if (!strcmp(insn, "eieio"))
			return O_WW;
		return 0;
	case MB_LKMM:
		if (!strcmp(insn, "mb"))
			return F_FULL;
		if (!strcmp(insn, "rmb"))
			return O_RR;
		if (!strcmp(insn, "wmb"))
			return O_WW | F_CUMUL;
		if (!strcmp(insn, "acquire"))
			return O_RR | O_RW;
		if (!strcmp(insn, "release"))
			return O_RW | O_WW | F_ACUMUL;
		if (!strcmp(insn, "acq_rel"))
			return O_RR | O_RW | O_WW | F_ACUMUL;
		return 0;
	default:
		return 0;
	}
}

/* The slot's or a fixed fence's barrier name, on model m. */
static unsigned lm_class(enum mb_model m, const char *name, bool membarrier_peer)
{
	const char *insn;

	if (!name || !*name)
		return 0;
	/*
	 * membarrier(2)'s pairing: its IPIs make every other running thread
	 * execute a full barrier, so the fast side's barrier() acts as one.
	 */
	if (membarrier_peer && (!strcmp(name, "compiler.general") ||
				!strcmp(name, "compiler.general:kernel")))
		return F_FULL;
	insn = lt_model_insn(name, m);
	if (!insn)
		return F_UNKNOWN;
	return lm_decode(m, insn);
}

static const char *instr_barrier(const struct lt_instr *in, const char *slot)
{
	return in->slot ? slot : in->barrier;
}

/* A fence between events with idx < split and idx >= split of a thread. */
static void add_fence(struct lm_ctx *c, enum mb_model m, int thread, int split, unsigned cls)
{
	const struct lt_thread *th = &c->t->threads[thread];

	for (int i = 0; i < th->ninstrs && i < split; i++) {
		int a = c->evidx[thread][i];

		if (a < 0)
			continue;
		for (int j = split; j < th->ninstrs; j++) {
			int b = c->evidx[thread][j];
			unsigned bit;

			if (b < 0)
				continue;
			bit = c->ev[a].w ? (c->ev[b].w ? O_WW : O_WR) : (c->ev[b].w ? O_RW : O_RR);
			if (!(cls & bit))
				continue;
			c->ord[m][a] |= 1ull << b;
			if (cls & F_STRONG)
				c->strong[m][a] |= 1ull << b;
			if (m == MB_LKMM && ((cls & F_STRONG) || ((cls & F_ACUMUL) && c->ev[b].w)))
				c->acum[a] |= 1ull << b;
			if (m == MB_LKMM && (cls & F_CUMUL))
				c->wmb[a] |= 1ull << b;
		}
	}
}

/* Events, program order and every model's static ordering. */
static void lm_setup(struct lm_ctx *c, const struct lt_test *t, const char *slot)
{
	bool has_membarrier[LT_MAX_THREADS] = { false };
	int nthreads_mb = 0;

	memset(c, 0, sizeof(*c));
	c->t = t;
	if (t->nlocs > LT_MAX_LOCS || t->nthreads > LT_MAX_THREADS || t->nlocs < 0 ||
	    t->nthreads < 0) {
		c->too_big = true;
		return;
	}
	for (int l = 0; l < t->nlocs; l++) {
		struct lm_ev *e = &c->ev[c->n];

		e->thread = -1;
		e->w = true;
		e->loc = l;
		e->value = t->init[l];
		c->wmask |= 1ull << c->n;
		c->ws[l][c->nw[l]++] = c->n;
		c->n++;
	}
	for (int th = 0; th < t->nthreads; th++) {
		const struct lt_thread *tt = &t->threads[th];

		for (int i = 0; i < LT_MAX_INSTRS; i++)
			c->evidx[th][i] = -1;
		for (int i = 0; i < tt->ninstrs && i < LT_MAX_INSTRS; i++) {
			const struct lt_instr *in = &tt->instrs[i];
			struct lm_ev *e;

			if (in->op == LT_FENCE) {
				const char *b = instr_barrier(in, slot);

				if (b && (!strcmp(b, "process.general") ||
					  !strcmp(b, "process.general:kernel")))
					has_membarrier[th] = true;
				continue;
			}
			if (c->n >= LM_MAXEV || in->loc < 0 || in->loc >= t->nlocs) {
				c->too_big = true;
				return;
			}
			e = &c->ev[c->n];
			e->thread = th;
			e->idx = i;
			e->w = in->op == LT_STORE;
			e->loc = in->loc;
			e->value = in->value;
			e->reg = in->reg;
			e->access = in->access;
			c->thread_mask[th] |= 1ull << c->n;
			if (e->w) {
				c->wmask |= 1ull << c->n;
				c->ws[e->loc][c->nw[e->loc]++] = c->n;
			} else {
				c->loads[c->nloads++] = c->n;
			}
			c->evidx[th][i] = c->n++;
		}
		nthreads_mb += has_membarrier[th];
	}

	for (int a = 0; a < c->n; a++)
		for (int b = 0; b < c->n; b++)
			if (c->ev[a].thread >= 0 && c->ev[a].thread == c->ev[b].thread &&
			    c->ev[a].idx < c->ev[b].idx) {
				c->po[a] |= 1ull << b;
				if (c->ev[a].loc == c->ev[b].loc)
					c->poloc[a] |= 1ull << b;
				/* x86-TSO keeps all but store->load. */
				if (!(c->ev[a].w && !c->ev[b].w))
					c->ord[MB_X86_TSO][a] |= 1ull << b;
			}

	for (int m = 0; m < MB_NMODELS; m++) {
		for (int th = 0; th < t->nthreads; th++) {
			const struct lt_thread *tt = &t->threads[th];
			bool peer = nthreads_mb > (has_membarrier[th] ? 1 : 0);

			for (int i = 0; i < tt->ninstrs && i < LT_MAX_INSTRS; i++) {
				const struct lt_instr *in = &tt->instrs[i];
				int e = c->evidx[th][i];

				if (in->op == LT_FENCE) {
					unsigned cls = lm_class((enum mb_model)m, instr_barrier(in, slot), peer);

					if (in->slot)
						c->slot_flags[m] |= cls;
					add_fence(c, (enum mb_model)m, th, i, cls);
					continue;
				}
				if (in->access == LT_ONCE)
					continue;
				switch (m) {
				case MB_ARMV8:
				case MB_LKMM:
					/* ldar / acq-po: the load before everything later;
					 * stlr / po-rel: everything earlier before the store. */
					if (in->access == LT_ACQUIRE)
						c->ord[m][e] |= c->po[e];
					else
						for (int a = 0; a < c->n; a++)
							if (c->po[a] & (1ull << e)) {
								c->ord[m][a] |= 1ull << e;
								if (m == MB_LKMM)
									c->acum[a] |= 1ull << e;
							}
					/* Armv8: stlr then ldar stay in order (RCsc). */
					if (m == MB_ARMV8 && in->access == LT_ACQUIRE)
						for (int a = 0; a < c->n; a++)
							if ((c->po[a] & (1ull << e)) &&
							    c->ev[a].access == LT_RELEASE)
								c->ord[m][a] |= 1ull << e;
					break;
				case MB_RVWMO:
					if (in->access == LT_ACQUIRE)
						add_fence(c, MB_RVWMO, th, i + 1, O_RR | O_RW);
					else
						add_fence(c, MB_RVWMO, th, i, O_RW | O_WW);
					break;
				case MB_POWER:
					if (in->access == LT_ACQUIRE)
						add_fence(c, MB_POWER, th, i + 1, O_RR | O_RW | O_WW);
					else
						add_fence(c, MB_POWER, th, i, O_RR | O_RW | O_WW);
					break;
				default:
					break;	/* x86: plain moves */
				}
			}
		}
	}
}

/* ---- relation algebra on bit matrices ---------------------------------- */

static void r_closure(int n, const uint64_t *a, uint64_t *out)
{
	memcpy(out, a, sizeof(uint64_t) * (size_t)n);
	for (int k = 0; k < n; k++)
		for (int i = 0; i < n; i++)
			if (out[i] & (1ull << k))
				out[i] |= out[k];
}

static bool r_acyclic(int n, const uint64_t *a)
{
	rel cl;

	r_closure(n, a, cl);
	for (int i = 0; i < n; i++)
		if (cl[i] & (1ull << i))
			return false;
	return true;
}

static void r_seq(int n, const uint64_t *a, const uint64_t *b, uint64_t *out)
{
	rel tmp;

	for (int i = 0; i < n; i++) {
		uint64_t row = 0, x = a[i];

		while (x) {
			int j = __builtin_ctzll(x);

			x &= x - 1;
			row |= b[j];
		}
		tmp[i] = row;
	}
	memcpy(out, tmp, sizeof(uint64_t) * (size_t)n);
}

/* a* = a+ | id */
static void r_star(int n, const uint64_t *a, uint64_t *out)
{
	r_closure(n, a, out);
	for (int i = 0; i < n; i++)
		out[i] |= 1ull << i;
}

static void r_opt(int n, const uint64_t *a, uint64_t *out)
{
	for (int i = 0; i < n; i++)
		out[i] = a[i] | (1ull << i);
}

/* ---- one candidate ------------------------------------------------------ */

struct lm_exec {
	rel rf, co, fr, rfe, coe, fre, com;
	uint64_t ext[LM_MAXEV];		/* pairs in different threads (init counts as its own) */
};

static void lm_exec_build(const struct lm_ctx *c, struct lm_exec *x)
{
	int n = c->n;

	memset(x, 0, sizeof(*x));
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			if (c->ev[a].thread != c->ev[b].thread || c->ev[a].thread < 0)
				x->ext[a] |= 1ull << b;
	for (int i = 0; i < c->nloads; i++)
		x->rf[c->rf[i]] |= 1ull << c->loads[i];
	for (int l = 0; l < c->t->nlocs; l++)
		for (int i = 0; i < c->nw[l]; i++)
			for (int j = i + 1; j < c->nw[l]; j++)
				x->co[c->coperm[l][i]] |= 1ull << c->coperm[l][j];
	for (int i = 0; i < c->nloads; i++)
		x->fr[c->loads[i]] = x->co[c->rf[i]];
	for (int i = 0; i < n; i++) {
		x->rfe[i] = x->rf[i] & x->ext[i];
		x->coe[i] = x->co[i] & x->ext[i];
		x->fre[i] = x->fr[i] & x->ext[i];
		x->com[i] = x->rf[i] | x->co[i] | x->fr[i];
	}
}

/* NULL when model m accepts the candidate, else the axiom it breaks. */
static const char *lm_check(const struct lm_ctx *c, const struct lm_exec *x, enum mb_model m)
{
	int n = c->n;
	rel a, b, d, hbs;

	switch (m) {
	case MB_X86_TSO:
		for (int i = 0; i < n; i++)
			a[i] = c->ord[m][i] | x->rfe[i] | x->co[i] | x->fr[i];
		return r_acyclic(n, a) ? NULL : "tso (acyclic ppo|mfence|rfe|co|fr)";
	case MB_ARMV8:
	case MB_RVWMO:
		for (int i = 0; i < n; i++)
			a[i] = c->ord[m][i] | x->rfe[i] | x->coe[i] | x->fre[i];
		return r_acyclic(n, a) ? NULL : "external (acyclic ppo|fence|rfe|coe|fre)";
	case MB_POWER: {
		rel hb, pb, pbs, prop, coms;

		for (int i = 0; i < n; i++)
			hb[i] = c->ord[m][i] | x->rfe[i];
		if (!r_acyclic(n, hb))
			return "no-thin-air (acyclic hb)";
		r_star(n, hb, hbs);
		/* propbase = (fence | rfe;fence) ; hb* */
		r_seq(n, x->rfe, c->ord[m], a);
		for (int i = 0; i < n; i++)
			a[i] |= c->ord[m][i];
		r_seq(n, a, hbs, pb);
		/* prop = (propbase & WxW) | (com* ; propbase* ; ffence ; hb*) */
		r_star(n, x->com, coms);
		r_star(n, pb, pbs);
		r_seq(n, coms, pbs, b);
		r_seq(n, b, c->strong[m], b);
		r_seq(n, b, hbs, b);
		for (int i = 0; i < n; i++)
			prop[i] = b[i] | ((c->wmask & (1ull << i)) ? pb[i] & c->wmask : 0);
		for (int i = 0; i < n; i++)
			d[i] = x->co[i] | prop[i];
		if (!r_acyclic(n, d))
			return "propagation (acyclic co|prop)";
		r_seq(n, x->fre, prop, d);
		r_seq(n, d, hbs, d);
		for (int i = 0; i < n; i++)
			if (d[i] & (1ull << i))
				return "observation (irreflexive fre;prop;hb*)";
		return NULL;
	}
	case MB_LKMM: {
		rel cumul, prop, hb, ow, t1;

		/* cumul-fence = (rfe? ; (strong-fence | po-rel)) | wmb */
		r_seq(n, x->rfe, c->acum, cumul);
		for (int i = 0; i < n; i++) {
			cumul[i] |= c->acum[i] | c->wmb[i];
			ow[i] = (x->co[i] | x->fr[i]) & x->ext[i];
		}
		/* prop = (overwrite & ext)? ; cumul-fence* ; rfe? */
		r_opt(n, ow, a);
		r_star(n, cumul, b);
		r_seq(n, a, b, prop);
		r_opt(n, x->rfe, t1);
		r_seq(n, prop, t1, prop);
		/* hb = ppo | rfe | ((prop \ id) & int), ppo = fence | (overwrite & int) */
		for (int i = 0; i < n; i++) {
			uint64_t in = ~x->ext[i] & ~(1ull << i);

			hb[i] = c->ord[m][i] | ((x->co[i] | x->fr[i]) & ~x->ext[i]) |
				x->rfe[i] | (prop[i] & in);
		}
		if (!r_acyclic(n, hb))
			return "happens-before (acyclic hb)";
		/* pb = prop ; strong-fence ; hb* */
		r_star(n, hb, hbs);
		r_seq(n, prop, c->strong[m], d);
		r_seq(n, d, hbs, d);
		return r_acyclic(n, d) ? NULL : "propagation (acyclic pb)";
	}
	default:
		return NULL;
	}
}

/* ---- enumeration -------------------------------------------------------- */

static bool next_perm(int *v, int n)
{
	int i = n - 2, j;

	while (i >= 0 && v[i] >= v[i + 1])
		i--;
	if (i < 0)
		return false;
	for (j = n - 1; v[j] <= v[i]; j--)
		;
	int tmp = v[i]; v[i] = v[j]; v[j] = tmp;
	for (int a = i + 1, b = n - 1; a < b; a++, b--) {
		tmp = v[a]; v[a] = v[b]; v[b] = tmp;
	}
	return true;
}

static void lm_final(const struct lm_ctx *c, int regs[LT_MAX_THREADS][LT_MAX_REGS], int locs[LT_MAX_LOCS])
{
	const struct lt_test *t = c->t;

	memset(regs, 0, sizeof(int) * LT_MAX_THREADS * LT_MAX_REGS);
	/* Loads are in program order within a thread: the last one wins. */
	for (int i = 0; i < c->nloads; i++) {
		const struct lm_ev *e = &c->ev[c->loads[i]];

		if (e->reg >= 0 && e->reg < LT_MAX_REGS)
			regs[e->thread][e->reg] = c->ev[c->rf[i]].value;
	}
	for (int l = 0; l < t->nlocs; l++)
		locs[l] = c->ev[c->coperm[l][c->nw[l] - 1]].value;
}

static void lm_witness(const struct lm_ctx *c, int regs[LT_MAX_THREADS][LT_MAX_REGS],
		       const int *locs, char *buf, size_t len)
{
	const struct lt_test *t = c->t;
	size_t o = 0;

	buf[0] = '\0';
	for (int th = 0; th < t->nthreads && o < len; th++)
		for (int r = 0; r < t->threads[th].nregs && r < LT_MAX_REGS && o < len; r++)
			o += (size_t)snprintf(buf + o, len - o, "%d:%s=%d; ", th,
					      t->threads[th].regs[r], regs[th][r]);
	for (int i = 0; i < t->ncond_locs && o < len; i++) {
		int l = t->cond_locs[i];

		if (l >= 0 && l < t->nlocs)
			o += (size_t)snprintf(buf + o, len - o, "%s=%d; ", t->locs[l], locs[l]);
	}
	if (o && o < len && buf[o - 1] == ' ')
		buf[o - 1] = '\0';
}

static void lm_candidate(struct lm_ctx *c)
{
	int regs[LT_MAX_THREADS][LT_MAX_REGS], locs[LT_MAX_LOCS];
	const int *rp[LT_MAX_THREADS];
	struct lm_exec x;
	bool need = false;

	lm_final(c, regs, locs);
	for (int th = 0; th < LT_MAX_THREADS; th++)
		rp[th] = regs[th];
	if (!lt_cond_eval(c->t->cond, rp, locs))
		return;
	for (int m = 0; m < MB_NMODELS; m++)
		need |= !c->allowed[m];
	if (!need)
		return;
	lm_exec_build(c, &x);
	{
		rel u;

		for (int i = 0; i < c->n; i++)
			u[i] = c->poloc[i] | x.com[i];
		if (!r_acyclic(c->n, u)) {
			for (int m = 0; m < MB_NMODELS; m++)
				if (!c->allowed[m])
					c->why[m] = "uniproc (acyclic po-loc|rf|co|fr)";
			return;
		}
	}
	c->ncand++;
	for (int m = 0; m < MB_NMODELS; m++) {
		const char *why;

		if (c->allowed[m])
			continue;
		why = lm_check(c, &x, (enum mb_model)m);
		if (why) {
			c->why[m] = why;
		} else {
			c->allowed[m] = true;
			lm_witness(c, regs, locs, c->witness[m], sizeof(c->witness[m]));
		}
	}
}

static bool all_allowed(const struct lm_ctx *c)
{
	for (int m = 0; m < MB_NMODELS; m++)
		if (!c->allowed[m])
			return false;
	return true;
}

/* Every coherence order of locations l.. for the current rf. */
static void lm_co(struct lm_ctx *c, int l)
{
	int k;

	if (l == c->t->nlocs) {
		lm_candidate(c);
		return;
	}
	/* Initial write first; the thread stores in every order. */
	k = c->nw[l];
	for (int i = 0; i < k; i++)
		c->coperm[l][i] = c->ws[l][i];
	do {
		lm_co(c, l + 1);
		if (all_allowed(c))
			return;
	} while (k > 1 && next_perm(&c->coperm[l][1], k - 1));
}

/* Every rf choice of loads i.. */
static void lm_rf(struct lm_ctx *c, int i)
{
	int l;

	if (i == c->nloads) {
		lm_co(c, 0);
		return;
	}
	l = c->ev[c->loads[i]].loc;
	for (int j = 0; j < c->nw[l]; j++) {
		c->rf[i] = c->ws[l][j];
		lm_rf(c, i + 1);
		if (all_allowed(c))
			return;
	}
}

static void lm_run(struct lm_ctx *c, const struct lt_test *t, const char *slot)
{
	double cands = 1;

	lm_setup(c, t, slot);
	if (!c->too_big) {
		for (int i = 0; i < c->nloads; i++)
			cands *= c->nw[c->ev[c->loads[i]].loc];
		for (int l = 0; l < t->nlocs; l++)
			for (int k = 2; k < c->nw[l]; k++)
				cands *= k;
		if (cands > LM_MAX_CANDIDATES)
			c->too_big = true;
	}
	if (c->too_big) {
		for (int m = 0; m < MB_NMODELS; m++)
			c->allowed[m] = true;
		return;
	}
	lm_rf(c, 0);
}

void lt_model_allowed(const struct lt_test *t, const char *slot_barrier,
		      bool allowed[MB_NMODELS])
{
	static __thread struct lm_ctx c;	/* ~15 KiB: not on small thread stacks */

	lm_run(&c, t, slot_barrier);
	for (int m = 0; m < MB_NMODELS; m++)
		allowed[m] = c.allowed[m];
}

const char *lt_model_explain(const struct lt_test *t, const char *slot_barrier,
			     enum mb_model m, char *buf, size_t len)
{
	static __thread struct lm_ctx c;
	char slot[96] = "";
	const char *insn;

	if (!len)
		return buf;
	if ((unsigned)m >= MB_NMODELS) {
		snprintf(buf, len, "unknown model %d", (int)m);
		return buf;
	}
	lm_run(&c, t, slot_barrier);
	if (t->has_slot && slot_barrier) {
		insn = lt_model_insn(slot_barrier, m);
		if (!insn)
			snprintf(slot, sizeof(slot), "; slot %s: unknown barrier, orders nothing",
				 slot_barrier);
		else
			snprintf(slot, sizeof(slot), "; slot %s = %s", slot_barrier,
				 *insn ? insn : "compiler barrier only");
	}
	if (c.too_big)
		snprintf(buf, len, "%s: too large to enumerate: assumed allowed%s",
			 mb_model_names[m], slot);
	else if (c.allowed[m])
		snprintf(buf, len, "%s: allowed%s; witness: %s", mb_model_names[m], slot,
			 c.witness[m]);
	else if (!c.ncand && !c.why[m])
		snprintf(buf, len, "%s: forbidden%s: no execution reaches the condition",
			 mb_model_names[m], slot);
	else
		snprintf(buf, len, "%s: forbidden%s: every execution reaching the condition breaks %s",
			 mb_model_names[m], slot, c.why[m] ? c.why[m] : "an axiom");
	return buf;
}
