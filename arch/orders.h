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

/* All four pairs, cumulative: sync, dmb ish, fence rw,rw, mfence. */
#define MB_ORD_FULL	(MB_ORD_PAIRS | MB_ORD_STRONG)

/* One fact row of an arch's instruction list: Y(insn, orders). */
struct mb_insn_fact {
	const char *insn;	/* as written in the arch table (asm template) */
	unsigned orders;	/* MB_ORD_* */
};

#endif /* MB_ARCH_ORDERS_H */
