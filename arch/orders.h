/* SPDX-License-Identifier: MIT */
/*
 * arch/orders.h - the vocabulary of barrier facts: what an instruction
 * orders, in bits.  Host-independent (no asm, no #error): every arch's
 * table part (arch/<arch>_table.h) states its instructions in these terms,
 * and the expectation model (src/litmus/model.c) reads them on any host.
 *
 * The four program-order pairs an instruction keeps, earlier -> later:
 * load->load (RR), load->store (RW), store->load (WR), store->store (WW).
 * What the models need beyond the pairs:
 *   STRONG  a full, cumulative fence: Power's sync (ffence), the LKMM's
 *           strong-fence; every fence that keeps all four pairs is one on
 *           the multi-copy-atomic models too.
 *   ACUMUL  LKMM: A-cumulative (mb, release, membarrier).
 *   CUMUL   LKMM: in cumul-fence without A-cumulativity (wmb).
 * What an access instruction is, beyond its access (the arch models'
 * annotations; a load-acquire / store-release instruction's fact):
 *   ACQ     a load-acquire: Arm's A (ldar, lda), later accesses wait for it.
 *   REL     a store-release: Arm's L (stlr, stl), it waits for earlier ones.
 *   ISYNC   Power's isync after a branch on a read (a larx/stcx. loop's
 *           bne-): the read is ordered before everything later
 *           (ctrl+isync), though nothing else is.
 */
#ifndef MB_ARCH_ORDERS_H
#define MB_ARCH_ORDERS_H

#define MB_ORD_RR	0x01u
#define MB_ORD_RW	0x02u
#define MB_ORD_WR	0x04u
#define MB_ORD_WW	0x08u
#define MB_ORD_PAIRS	0x0fu
#define MB_ORD_STRONG	0x10u
#define MB_ORD_ACUMUL	0x20u
#define MB_ORD_CUMUL	0x40u
#define MB_ORD_ACQ	0x100u
#define MB_ORD_REL	0x200u
#define MB_ORD_ISYNC	0x400u

/* All four pairs, cumulative: sync, dmb ish, fence rw,rw, mfence. */
#define MB_ORD_FULL	(MB_ORD_PAIRS | MB_ORD_STRONG)

/* One fact row of an arch's instruction list: Y(insn, orders). */
struct mb_insn_fact {
	const char *insn;	/* as written in the arch table (asm template) */
	unsigned orders;	/* MB_ORD_* */
};

/*
 * The kernel's ordering macros with no barrier row of their own, in the
 * order every arch table's MB_<ARCH>_KFENCES(X) lists them: X(name, insn)
 * (the names are the tables', for MB_KF_##name).
 */
enum mb_kfence {
	MB_KF_before_atomic,	/* smp_mb__before_atomic() */
	MB_KF_after_atomic,	/* smp_mb__after_atomic() */
	MB_KF_after_spinlock,	/* smp_mb__after_spinlock() */
	MB_KF_after_unlock_lock,/* smp_mb__after_unlock_lock() */
	MB_NKFENCES
};

/*
 * The orderings of a kernel RMW (Linux's _relaxed, _acquire, _release and
 * fully ordered forms), in the order every arch's RMW rows list them
 * (MB_RMW_##ord: the rows' names).
 */
enum mb_rmw_order { MB_RMW_relaxed, MB_RMW_acquire, MB_RMW_release, MB_RMW_mb, MB_NRMW_ORDERS };

/*
 * How one ordering of a kernel RMW runs on a port, as the models need it:
 * the access annotations of its read and write, and the fences around it
 * (as the arch table writes them, "" none; the fact of what each orders
 * is the arch's instruction list).
 */
struct mb_rmw_fact {
	unsigned char acq;	/* the read is an acquire (Arm A, RISC-V .aq) */
	unsigned char rel;	/* the write is a release (Arm L, RISC-V .rl) */
	const char *before;	/* a fence before the read */
	const char *after;	/* a fence after the write */
};

#endif /* MB_ARCH_ORDERS_H */
