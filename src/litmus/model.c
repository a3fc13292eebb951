/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/model.c - the expectation model of src/litmus/model.h: what
 * each barrier orders on each model (lm_table, lm_decode, lm_class), and
 * the entry points.  The test is lowered (src/litmus/mprog.c), its
 * executions enumerated (src/litmus/mexec.c) and judged by the LKMM
 * (src/litmus/lkmm.c) and the four architecture models
 * (src/litmus/march.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "litmus/mexec.h"
#include "litmus/model.h"
#include "litmus/mprog.h"

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
unsigned lm_class(enum mb_model m, const char *name, bool membarrier_peer)
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

/* ---- entry points ------------------------------------------------------ */

static int model_run(const struct lt_test *t, const char *slot, bool full, struct lm_result *r)
{
	static __thread struct lm_prog p;	/* large: not on small thread stacks */

	memset(r, 0, sizeof(*r));
	if (lm_prog_from_ast(t, slot, &p, r->why_big, sizeof(r->why_big))) {
		r->too_big = true;
		return -1;
	}
	lm_run(&p, full, r);
	return r->too_big ? -1 : 0;
}

void lt_model_allowed(const struct lt_test *t, const char *slot_barrier,
		      bool allowed[MB_NMODELS])
{
	static __thread struct lm_result r;

	model_run(t, slot_barrier, false, &r);
	for (int m = 0; m < MB_NMODELS; m++)
		allowed[m] = r.too_big || r.pos[m];
}

void lt_model_judge(const struct lt_test *t, const char *slot_barrier,
		    struct lt_model_verdict *v)
{
	static __thread struct lm_result r;

	memset(v, 0, sizeof(*v));
	if (model_run(t, slot_barrier, true, &r)) {
		for (int m = 0; m < MB_NMODELS; m++)
			v->obs[m] = LT_OBS_UNKNOWN;
		snprintf(v->why, sizeof(v->why), "%s", r.why_big);
		return;
	}
	for (int m = 0; m < MB_NMODELS; m++)
		v->obs[m] = !r.pos[m] ? LT_OBS_NEVER : r.neg[m] ? LT_OBS_SOMETIMES : LT_OBS_ALWAYS;
	v->data_race = r.race;
}

const char *const lt_obs_names[] = { "Never", "Sometimes", "Always", "Unknown" };

const char *lt_model_explain(const struct lt_test *t, const char *slot_barrier,
			     enum mb_model m, char *buf, size_t len)
{
	static __thread struct lm_result r;
	char slot[96] = "";
	const char *insn;

	if (!len)
		return buf;
	if ((unsigned)m >= MB_NMODELS) {
		snprintf(buf, len, "unknown model %d", (int)m);
		return buf;
	}
	model_run(t, slot_barrier, false, &r);
	if (t->has_slot && slot_barrier) {
		insn = lt_model_insn(slot_barrier, m);
		if (!insn)
			snprintf(slot, sizeof(slot), "; slot %s: unknown barrier, orders nothing",
				 slot_barrier);
		else
			snprintf(slot, sizeof(slot), "; slot %s = %s", slot_barrier,
				 *insn ? insn : "compiler barrier only");
	}
	if (r.too_big)
		snprintf(buf, len, "%s: not modelled (%s): assumed allowed%s",
			 mb_model_names[m], r.why_big, slot);
	else if (r.pos[m])
		snprintf(buf, len, "%s: allowed%s; witness: %s", mb_model_names[m], slot,
			 r.witness[m]);
	else if (!r.ncand && !r.why[m])
		snprintf(buf, len, "%s: forbidden%s: no execution reaches the condition",
			 mb_model_names[m], slot);
	else
		snprintf(buf, len, "%s: forbidden%s: every execution reaching the condition breaks %s",
			 mb_model_names[m], slot, r.why[m] ? r.why[m] : "an axiom");
	return buf;
}
