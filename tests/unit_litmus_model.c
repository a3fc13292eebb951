/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_model.c - the expectation model (src/litmus/model.c)
 * against verdicts known from herd7 (x86tso/aarch64/riscv/ppc cat
 * models, Herding cats' tables, the LKMM's litmus-tests/ Result lines) and
 * from hardware for x86's lfence/sfence.
 *
 * The eight families carry fence() on every program-order edge; the slot
 * puts the SAME barrier in every thread, so e.g. MP+smp.read has dmb
 * ishld on the writer too (orders nothing there) and stays allowed on
 * Armv8.
 */
#include <stdio.h>
#include <string.h>

#include "barrier/ports.h"
#include "check.h"
#include "litmus/ast.h"
#include "litmus/model.h"
#include "result/result.h"
#include "ids.h"

#define WX	"\tWRITE_ONCE(*x, 1);\n"
#define WY	"\tWRITE_ONCE(*y, 1);\n"
#define F	"\tfence();\n"

static const struct family {
	const char *name;
	const char *text;
} families[] = {
	{ "SB", "C SB\n{}\n"
	  "P0(int *x, int *y)\n{\n\tint r0;\n" WX F "\tr0 = READ_ONCE(*y);\n}\n"
	  "P1(int *x, int *y)\n{\n\tint r0;\n" WY F "\tr0 = READ_ONCE(*x);\n}\n"
	  "exists (0:r0=0 /\\ 1:r0=0)\n" },
	{ "MP", "C MP\n{}\n"
	  "P0(int *x, int *y)\n{\n" WX F WY "}\n"
	  "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n" F "\tr1 = READ_ONCE(*x);\n}\n"
	  "exists (1:r0=1 /\\ 1:r1=0)\n" },
	{ "LB", "C LB\n{}\n"
	  "P0(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n" F WY "}\n"
	  "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*y);\n" F WX "}\n"
	  "exists (0:r0=1 /\\ 1:r0=1)\n" },
	{ "S", "C S\n{}\n"
	  "P0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 2);\n" F WY "}\n"
	  "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*y);\n" F WX "}\n"
	  "exists (x=2 /\\ 1:r0=1)\n" },
	{ "R", "C R\n{}\n"
	  "P0(int *x, int *y)\n{\n" WX F WY "}\n"
	  "P1(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*y, 2);\n" F "\tr0 = READ_ONCE(*x);\n}\n"
	  "exists (y=2 /\\ 1:r0=0)\n" },
	{ "2+2W", "C 2+2W\n{}\n"
	  "P0(int *x, int *y)\n{\n" WX F "\tWRITE_ONCE(*y, 2);\n}\n"
	  "P1(int *x, int *y)\n{\n" WY F "\tWRITE_ONCE(*x, 2);\n}\n"
	  "exists (x=1 /\\ y=1)\n" },
	{ "WRC", "C WRC\n{}\n"
	  "P0(int *x)\n{\n" WX "}\n"
	  "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n" F WY "}\n"
	  "P2(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n" F "\tr1 = READ_ONCE(*x);\n}\n"
	  "exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)\n" },
	{ "IRIW", "C IRIW\n{}\n"
	  "P0(int *x)\n{\n" WX "}\n"
	  "P1(int *y)\n{\n" WY "}\n"
	  "P2(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*x);\n" F "\tr1 = READ_ONCE(*y);\n}\n"
	  "P3(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n" F "\tr1 = READ_ONCE(*x);\n}\n"
	  "exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)\n" },
};

static const char *const barriers[] = {
	"none.general", "compiler.general", "smp.read", "smp.write",
	"smp.general", "mmio.read", "mmio.write", "mmio.general",
};
#define NB	(sizeof(barriers) / sizeof(barriers[0]))

/*
 * Per family, per barrier above: five letters, x86-TSO Armv8 RVWMO Power
 * LKMM, A = allowed, F = forbidden.  On x86 only mfence / locked add
 * (smp.general, mmio.general) order store->load; lfence (smp.read,
 * mmio.read) and sfence do not.  Armv8: smp.read/mmio.read = dmb ishld /
 * dsb ld (load->load, load->store), smp.write/mmio.write = dmb ishst /
 * dsb st.  RVWMO: fence r,r / ir,ir (load->load only), w,w / ow,ow.
 * Power: smp.read/write = lwsync, mmio.read = sync, mmio.write = eieio.
 * LKMM: rmb, wmb, mb.
 */
static const char *const expect[][NB] = {
	/*         none     compiler  smp.read  smp.write smp.gen   mmio.read mmio.write mmio.gen */
	/* SB */ { "AAAAA", "AAAAA", "AAAAA", "AAAAA", "FFFFF", "AAAFA", "AFAAA", "FFFFF" },
	/* MP */ { "FAAAA", "FAAAA", "FAAFA", "FAAFA", "FFFFF", "FAAFA", "FAAAA", "FFFFF" },
	/* LB */ { "FAAAA", "FAAAA", "FFAFA", "FAAFA", "FFFFF", "FFAFA", "FAAAA", "FFFFF" },
	/* S  */ { "FAAAA", "FAAAA", "FAAFA", "FAAFA", "FFFFF", "FAAFA", "FAAAA", "FFFFF" },
	/* R  */ { "AAAAA", "AAAAA", "AAAAA", "AAAAA", "FFFFF", "AAAFA", "AFAAA", "FFFFF" },
	/* 2+2W */ { "FAAAA", "FAAAA", "FAAFA", "FFFFA", "FFFFF", "FAAFA", "FFFFA", "FFFFF" },
	/* WRC */ { "FAAAA", "FAAAA", "FFAFA", "FAAFA", "FFFFF", "FFAFA", "FAAAA", "FFFFF" },
	/* IRIW */ { "FAAAA", "FAAAA", "FFFAA", "FAAAA", "FFFFF", "FFFFA", "FAAAA", "FFFFF" },
};

static void verdicts(const bool a[MB_NMODELS], char out[MB_NMODELS + 1])
{
	for (int m = 0; m < MB_NMODELS; m++)
		out[m] = a[m] ? 'A' : 'F';
	out[MB_NMODELS] = '\0';
}

/* Parse text, run the model with slot, compare with want ("AFAFA"). */
static void check_text(const char *what, const char *text, const char *slot, const char *want)
{
	struct lt_test t;
	char err[256], got[MB_NMODELS + 1];
	bool a[MB_NMODELS];

	if (lt_parse(text, what, &t, err, sizeof(err))) {
		CHECK(0, "%s parses: %s", what, err);
		return;
	}
	lt_model_allowed(&t, B(slot), a);
	verdicts(a, got);
	CHECK(!strcmp(got, want), "%s with %s: %s (x86 Arm RV Power LKMM), want %s",
	      what, slot ? slot : "-", got, want);
	if (strcmp(got, want))
		for (int m = 0; m < MB_NMODELS; m++) {
			char buf[512];

			printf("#   %s\n", lt_model_explain(&t, B(slot), (enum mb_model)m, buf, sizeof(buf)));
		}
	lt_free(&t);
}

int main(void)
{
	struct lt_test t;
	char err[256], buf[512];
	bool a[MB_NMODELS];

	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (size_t b = 0; b < NB; b++)
			check_text(families[f].name, families[f].text, barriers[b], expect[f][b]);

	/* membarrier(2) pairing: barrier() against membarrier() is a full fence pair. */
	check_text("SB+barrieronceonce+membarrieronceonce",
		   "C SB+barrieronceonce+membarrieronceonce\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n" WX "\tbarrier();\n\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n" WY "\tmembarrier();\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "FFFFF");
	check_text("SB+barrieronceonces",
		   "C SB+barrieronceonces\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n" WX "\tbarrier();\n\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n" WY "\tbarrier();\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "AAAAA");
	check_text("SB (slot process.general)", families[0].text, "process.general", "FFFFF");
	/* The slot's barrier() with a fixed membarrier() in the other thread. */
	check_text("SB+fenceonceonce+membarrieronceonce",
		   "C SB+fenceonceonce+membarrieronceonce\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n" WX F "\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n" WY "\tmembarrier();\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", "compiler.general", "FFFFF");

	/* Fixed barriers and marked accesses (LKMM's own tests: all Never). */
	check_text("SB+fencembonceonces",
		   "C SB+fencembonceonces\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n" WX "\tsmp_mb();\n\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n" WY "\tsmp_mb();\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "FFFFF");
	check_text("MP+fencewmbonceonce+fencermbonceonce",
		   "C MP+fencewmbonceonce+fencermbonceonce\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsmp_wmb();\n" WY "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n\tsmp_rmb();\n\tr1 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 1:r1=0)\n", NULL, "FFFFF");
	check_text("MP+pooncerelease+poacquireonce",
		   "C MP+pooncerelease+poacquireonce\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsmp_store_release(y, 1);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = smp_load_acquire(y);\n\tr1 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 1:r1=0)\n", NULL, "FFFFF");
	/* Release is A-cumulative in the LKMM and on Power (lwsync). */
	check_text("WRC+pooncerelease+fencermbonceonce",
		   "C WRC+pooncerelease+fencermbonceonce\n{}\n"
		   "P0(int *x)\n{\n" WX "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\tsmp_store_release(y, 1);\n}\n"
		   "P2(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n\tsmp_rmb();\n\tr1 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)\n", NULL, "FFFFF");
	/* Armv8's stlr;ldar is RCsc; RISC-V's and Power's fence mappings are not. */
	check_text("SB+releaseacquires",
		   "C SB+releaseacquires\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n\tsmp_store_release(x, 1);\n\tr0 = smp_load_acquire(y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n\tsmp_store_release(y, 1);\n\tr0 = smp_load_acquire(x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "AFAAA");

	/*
	 * ':kernel' flavours and the other kinds.  Power's mmio.write is eieio
	 * (MP allowed), Linux's wmb() there is sync (forbidden).  Armv8's
	 * smp.release and c11 acq_rel are a full dmb ish; the LKMM's acquire
	 * fence orders load->store (LB forbidden).
	 */
	check_text("SB", families[0].text, "smp.read:kernel", "AAAAA");
	check_text("SB", families[0].text, "smp.general:kernel", "FFFFF");
	check_text("MP", families[1].text, "mmio.write:kernel", "FAAFA");
	check_text("2+2W", families[5].text, "mmio.write:kernel", "FFFFA");
	check_text("LB", families[2].text, "smp.acquire", "FFFFF");
	check_text("MP", families[1].text, "smp.acquire", "FAAFA");
	check_text("MP", families[1].text, "smp.release", "FFAFA");
	check_text("SB", families[0].text, "c11.general", "FFFFF");
	check_text("SB", families[0].text, "c11.acq_rel", "AFFAA");
	check_text("MP", families[1].text, "c11.acq_rel", "FFFFF");
	check_text("MP", families[1].text, "dma.general", "FFFFF");
	check_text("IRIW", families[7].text, "dma.read", "FFFAA");
	check_text("SB", families[0].text, NULL, "AAAAA");	/* an empty slot orders nothing */

	/*
	 * c11 rows follow what the compiler emits (arch/c11_emitted.h): GCC
	 * makes every C11 fence a full fence iorw,iorw on RISC-V, so MP, SB and
	 * WRC are forbidden under RVWMO even for c11.read / c11.write /
	 * c11.release (Armv8's dmb ishld still allows MP); x86's seq_cst fence
	 * is a locked or, which orders store->load as mfence does.
	 */
	check_text("MP", families[1].text, "c11.read", "FAFFA");
	check_text("MP", families[1].text, "c11.release:kernel", "FFFFA");
	check_text("SB", families[0].text, "c11.write", "AFFAA");
	check_text("WRC", families[6].text, "c11.release", "FFFFA");
	check_text("SB", families[0].text, "c11.general:kernel", "FFFFF");
	/* Armv8 dsb st (mmio.write): store->load too; dmb ishst (smp.write) not.
	 * Power's mmio.write:kernel is sync. */
	check_text("SB", families[0].text, "mmio.write:kernel", "AFAFA");
	check_text("R", families[4].text, "smp.write", "AAAAA");
	check_text("SB", families[0].text, NULL, "AAAAA");

	/* SC per location holds in every model, with no barrier. */
	check_text("CoRR",
		   "C CoRR\n{}\n"
		   "P0(int *x)\n{\n" WX "}\n"
		   "P1(int *x)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*x);\n\tr1 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 1:r1=0)\n", NULL, "FFFFF");
	check_text("CoWW",
		   "C CoWW\n{}\n"
		   "P0(int *x)\n{\n" WX "\tWRITE_ONCE(*x, 2);\n}\n"
		   "exists (x=1)\n", NULL, "FFFFF");
	check_text("SB+poonceonces (no slot)", families[0].text, NULL, "AAAAA");

	/* ---- the kernel's dialect: dependencies, RMWs, locks, RCU, plain ---- */

	/* Control dependencies order LB in the LKMM and on every arch (stores
	 * are not speculated); without them LB is allowed off x86. */
	check_text("LB+ctrlonceonces",
		   "C LB+ctrlonceonces\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n"
		   "\tif (r0)\n\t\tWRITE_ONCE(*y, 1);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*y);\n"
		   "\tif (r0)\n\t\tWRITE_ONCE(*x, 1);\n}\n"
		   "exists (0:r0=1 /\\ 1:r0=1)\n", NULL, "FFFFF");
	check_text("LB+poonceonces", families[2].text, NULL, "FAAAA");
	/* ... and through an else branch and past the join (herd7's ctrl). */
	check_text("LB+ctrl-else",
		   "C LB+ctrl-else\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n"
		   "\tif (r0 == 0)\n\t\tr0 = 2;\n\telse\n\t\tr0 = 3;\n\tWRITE_ONCE(*y, 1);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*y);\n"
		   "\tWRITE_ONCE(*x, r0);\n}\n"
		   "exists (0:r0=3 /\\ 1:r0=1)\n", NULL, "FFFFF");

	/* An address dependency orders the reader: with smp_wmb() on the
	 * writer MP is forbidden on Armv8, RVWMO and Power, and the LKMM. */
	check_text("MP+wmb+addr",
		   "C MP+wmb+addr\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsmp_wmb();\n" WY "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1, r2;\n\tr0 = READ_ONCE(*y);\n"
		   "\tr1 = r0 & 128;\n\tr2 = READ_ONCE(*(x + r1));\n}\n"
		   "exists (1:r0=1 /\\ 1:r2=0)\n", NULL, "FFFFF");
	check_text("MP+wmb+po",
		   "C MP+wmb+po\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsmp_wmb();\n" WY "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r2;\n\tr0 = READ_ONCE(*y);\n"
		   "\tr2 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 1:r2=0)\n", NULL, "FAAAA");
	/* Publication through a pointer: rcu_dereference() then *r0. */
	check_text("MP+onceassign+derefonce",
		   "C MP+onceassign+derefonce\n{\n\tint y = 0;\n\tint *p = &y;\n}\n"
		   "P0(int *x, int **p)\n{\n" WX "\trcu_assign_pointer(*p, x);\n}\n"
		   "P1(int *x, int **p)\n{\n\tint *r0;\n\tint r1;\n"
		   "\tr0 = rcu_dereference(*p);\n\tr1 = READ_ONCE(*r0);\n}\n"
		   "exists (1:r0=x /\\ 1:r1=0)\n", NULL, "FFFFF");

	/* A locked RMW is a full fence on x86: SB with xchg() on both sides is
	 * forbidden there; fully ordered RMWs forbid it everywhere, relaxed
	 * ones only on x86. */
	check_text("SB+xchgs",
		   "C SB+xchgs\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0, r1;\n\tr1 = xchg(x, 1);\n\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr1 = xchg(y, 1);\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "FFFFF");
	check_text("SB+xchg_relaxeds",
		   "C SB+xchg_relaxeds\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r0, r1;\n\tr1 = xchg_relaxed(x, 1);\n\tr0 = READ_ONCE(*y);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr1 = xchg_relaxed(y, 1);\n\tr0 = READ_ONCE(*x);\n}\n"
		   "exists (0:r0=0 /\\ 1:r0=0)\n", NULL, "FAAAA");

	/* RMW atomicity: two atomic_inc()s never lose one; two plain
	 * read-increment-writes do. */
	check_text("atomic_inc x2",
		   "C inc2\n{}\n"
		   "P0(atomic_t *v)\n{\n\tatomic_inc(v);\n}\n"
		   "P1(atomic_t *v)\n{\n\tatomic_inc(v);\n}\n"
		   "exists (v=1)\n", NULL, "FFFFF");
	check_text("READ_ONCE+1 x2",
		   "C rmw2\n{}\n"
		   "P0(int *v)\n{\n\tint r0;\n\tr0 = READ_ONCE(*v);\n\tWRITE_ONCE(*v, r0 + 1);\n}\n"
		   "P1(int *v)\n{\n\tint r0;\n\tr0 = READ_ONCE(*v);\n\tWRITE_ONCE(*v, r0 + 1);\n}\n"
		   "exists (v=1)\n", NULL, "AAAAA");
	/* Lock-protected increments are never lost. */
	check_text("locked increments",
		   "C lockinc\n{}\n"
		   "P0(int *v, spinlock_t *l)\n{\n\tint r0;\n\tspin_lock(l);\n\tr0 = READ_ONCE(*v);\n"
		   "\tWRITE_ONCE(*v, r0 + 1);\n\tspin_unlock(l);\n}\n"
		   "P1(int *v, spinlock_t *l)\n{\n\tint r0;\n\tspin_lock(l);\n\tr0 = READ_ONCE(*v);\n"
		   "\tWRITE_ONCE(*v, r0 + 1);\n\tspin_unlock(l);\n}\n"
		   "exists (v=1)\n", NULL, "FFFFF");
	/* A failed cmpxchg() orders nothing in the LKMM (it may on an arch:
	 * x86's lock cmpxchg and Power's leading sync still run). */
	check_text("cmpxchg-fail-unordered",
		   "C cmpxchg-fail-unordered\n{}\n"
		   "P0(int *x, int *y)\n{\n\tint r1;\n" WX "\tr1 = cmpxchg(y, 0, 1);\n}\n"
		   "P1(int *x, int *y)\n{\n\tint r1, r2;\n\tr1 = cmpxchg(y, 0, 1);\n\tr2 = READ_ONCE(*x);\n}\n"
		   "exists (0:r1=0 /\\ 1:r1=1 /\\ 1:r2=0)\n", NULL, "FFAAA");

	/* RCU: the grace-period guarantee forbids MP through a reader's
	 * critical section and a synchronize_rcu() between the writes. */
	check_text("MP+rcu",
		   "C MP+rcu\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsynchronize_rcu();\n" WY "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\trcu_read_lock();\n\tr0 = READ_ONCE(*y);\n"
		   "\tr1 = READ_ONCE(*x);\n\trcu_read_unlock();\n}\n"
		   "exists (1:r0=1 /\\ 1:r1=0)\n", NULL, "FFFFF");
	check_text("MP+rcu-nolock",
		   "C MP+rcu-nolock\n{}\n"
		   "P0(int *x, int *y)\n{\n" WX "\tsynchronize_rcu();\n" WY "}\n"
		   "P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n"
		   "\tr1 = READ_ONCE(*x);\n}\n"
		   "exists (1:r0=1 /\\ 1:r1=0)\n", NULL, "FAAAA");

	/* Plain accesses: a race is flagged, and a lock removes it. */
	{
		static const char *racy =
			"C MP+plain\n{}\n"
			"P0(int *x, int *y)\n{\n\t*x = 1;\n\tsmp_store_release(y, 1);\n}\n"
			"P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = READ_ONCE(*y);\n\tr1 = *x;\n}\n"
			"exists (1:r0=1 /\\ 1:r1=0)\n";
		static const char *fixed =
			"C MP+plain-acquire\n{}\n"
			"P0(int *x, int *y)\n{\n\t*x = 1;\n\tsmp_store_release(y, 1);\n}\n"
			"P1(int *x, int *y)\n{\n\tint r0, r1;\n\tr0 = smp_load_acquire(y);\n"
			"\tif (r0)\n\t\tr1 = *x;\n}\n"
			"exists (1:r0=1 /\\ 1:r1=0)\n";
		struct lt_model_verdict v;

		if (!lt_parse(racy, "racy", &t, err, sizeof(err))) {
			lt_model_judge(&t, MB_ID_NONE, &v);
			CHECK(v.data_race, "MP with a plain read after READ_ONCE: data race flagged");
			lt_free(&t);
		}
		if (!lt_parse(fixed, "fixed", &t, err, sizeof(err))) {
			lt_model_judge(&t, MB_ID_NONE, &v);
			CHECK(!v.data_race && v.obs[MB_LKMM] == LT_OBS_NEVER,
			      "MP with release/acquire around plain accesses: no race, Never (%s)",
			      lt_obs_names[v.obs[MB_LKMM]]);
			lt_free(&t);
		}
	}

	/* lt_model_insn mirrors the arch tables. */
	CHECK(!strcmp(lt_model_insn(B("smp.read"), MB_X86_TSO), "lfence"), "x86 smp.read = lfence");
	CHECK(!strcmp(lt_model_insn(B("smp.read:kernel"), MB_X86_TSO), ""), "x86 smp.read:kernel = compiler barrier");
	CHECK(!strcmp(lt_model_insn(B("smp.read"), MB_ARMV8), "dmb ishld"), "aarch64 smp.read = dmb ishld");
	CHECK(!strcmp(lt_model_insn(B("mmio.write"), MB_POWER), "eieio"), "ppc mmio.write = eieio");
	CHECK(!strcmp(lt_model_insn(B("mmio.write:kernel"), MB_POWER), "sync"), "ppc mmio.write:kernel = sync");
	CHECK(!strcmp(lt_model_insn(B("smp.acquire"), MB_RVWMO), "fence r,rw"), "riscv smp.acquire = fence r,rw");
	CHECK(!strcmp(lt_model_insn(B("c11.read"), MB_RVWMO), "fence iorw,iorw"),
	      "riscv c11.read = fence iorw,iorw (as GCC emits it)");
	CHECK(!strcmp(lt_model_insn(B("c11.general"), MB_X86_TSO), "lock orq $0x0,(%rsp)"),
	      "x86 c11.general = the locked or GCC emits");
	CHECK(!strcmp(lt_model_insn(B("c11.read"), MB_X86_TSO), ""), "x86 c11.read = compiler barrier");
	CHECK(!strcmp(lt_model_insn(B("mmio.write"), MB_ARMV8), "dsb st"), "aarch64 mmio.write = dsb st");
	CHECK(!strcmp(lt_model_insn(B("smp.release"), MB_LKMM), "release"), "LKMM smp.release = release");
	{
		struct mb_id id;

		CHECK(mb_id_parse("smp.bogus", &id) < 0 && mb_id_parse("smp.read:user", &id) < 0 &&
		      mb_id_parse("smpread", &id) < 0 && !mb_id_valid(id),
		      "unknown barrier, flavour, no dot: no id");
		CHECK(lt_model_insn(MB_ID_NONE, MB_LKMM) == NULL, "no barrier -> NULL");
	}

	/* explain: verdict and witness / axiom. */
	if (!lt_parse(families[0].text, "SB", &t, err, sizeof(err))) {
		lt_model_explain(&t, B("smp.read"), MB_X86_TSO, buf, sizeof(buf));
		CHECK(strstr(buf, "allowed") && strstr(buf, "lfence") && strstr(buf, "0:r0=0"),
		      "explain x86 SB+lfence: %s", buf);
		lt_model_explain(&t, B("smp.general"), MB_POWER, buf, sizeof(buf));
		CHECK(strstr(buf, "forbidden") && strstr(buf, "sync"), "explain Power SB+sync: %s", buf);
		lt_model_explain(&t, B("smp.general"), MB_LKMM, buf, sizeof(buf));
		CHECK(strstr(buf, "forbidden") && strstr(buf, "mb"), "explain LKMM SB+mb: %s", buf);
		lt_model_explain(&t, B("smp.general"), MB_X86_TSO, buf, sizeof(buf));
		CHECK(strstr(buf, "lock; addl $0,-4(%rsp)"), "explain shows the asm as people read it: %s", buf);
		lt_model_allowed(&t, B("smp.general"), a);
		lt_free(&t);
	}

	/*
	 * An Armv7 host: Power's axioms over armv7's own code.  smp.read is a
	 * full dmb ish there (SB forbidden; ppc64le's lwsync allows it) and
	 * smp.write dmb ishst, store->store only (MP allowed; lwsync forbids).
	 */
	CHECK(lt_model_use_port(mb_port_find("armv7")) == 0, "armv7 judged by its model");
	check_text("SB", families[0].text, "smp.read", "AAAFA");
	check_text("MP", families[1].text, "smp.write", "FAAAA");
	CHECK(!strcmp(lt_model_insn(B("smp.read"), MB_POWER), "dmb ish"), "armv7 smp.read = dmb ish");
	CHECK(lt_model_use_port(NULL) == 0, "back to every model's own port");
	check_text("SB", families[0].text, "smp.read", "AAAAA");
	check_text("MP", families[1].text, "smp.write", "FAAFA");
	CHECK(!strcmp(lt_model_insn(B("smp.read"), MB_POWER), "lwsync"), "ppc64le smp.read = lwsync");
	return CHECK_DONE();
}
