/* SPDX-License-Identifier: MIT */
/*
 * arch/riscv_table.h - RISC-V's barrier table (riscv64 and riscv32 alike):
 * kind x type -> instruction, and what each FENCE orders under RVWMO.
 * Host-independent: arch/riscv.h emits the rows; src/barrier/ports.c lists
 * them and src/litmus/model.c reasons with them on any host.
 *
 * One instruction, FENCE pred,succ, with four bits on each side: I (device
 * input), O (device output), R (memory reads), W (memory writes).  It orders
 * every predecessor access of a type in pred before every successor access
 * of a type in succ.  smp uses the memory bits only; mmio also the I/O bits,
 * as Linux does.  Linux has no dma_*() here, so asm-generic makes them
 * mb()/rmb()/wmb(): the same fences as mmio.
 * acquire = fence r,rw (prior reads before everything later);
 * release = fence rw,w (everything earlier before later writes), exactly
 * the fences Linux puts after a load-acquire / before a store-release.
 */
#ifndef MB_ARCH_RISCV_TABLE_H
#define MB_ARCH_RISCV_TABLE_H

#include "orders.h"

#define MB_RVWMO_MODEL	"RVWMO"

/* pred and succ sets, as the instruction spells them. */
#define MB_RV_I	8u
#define MB_RV_O	4u
#define MB_RV_R	2u
#define MB_RV_W	1u

/* What FENCE pred,succ orders between memory accesses (I/O is device space). */
#define MB_RV_PAIR_(p, s, a, b, bit)	(((p) & (a)) && ((s) & (b)) ? (bit) : 0u)
#define MB_RV_PAIRS_(p, s) \
	(MB_RV_PAIR_(p, s, MB_RV_R, MB_RV_R, MB_ORD_RR) | MB_RV_PAIR_(p, s, MB_RV_R, MB_RV_W, MB_ORD_RW) | \
	 MB_RV_PAIR_(p, s, MB_RV_W, MB_RV_R, MB_ORD_WR) | MB_RV_PAIR_(p, s, MB_RV_W, MB_RV_W, MB_ORD_WW))
#define MB_RV_FENCE(p, s) \
	(MB_RV_PAIRS_(p, s) | (MB_RV_PAIRS_(p, s) == MB_ORD_PAIRS ? MB_ORD_STRONG : 0u))

#define MB_RV_ACQUIRE_FENCE	"fence r,rw"	/* after a load-acquire */
#define MB_RV_RELEASE_FENCE	"fence rw,w"	/* before a store-release */

/*
 * Kernel RMWs on an int (arch/riscv.h emits these rows): xchg and the
 * fetch ops are AMOs whose aq/rl bits give the ordering, their suffix
 * MB_RV_AQRL_(aq, rl) (fully ordered = .aqrl); cmpxchg is an LR/SC loop:
 * release puts the release fence before it, acquire the acquire fence
 * after a successful SC, fully ordered is sc.w.rl then fence rw,rw.  A
 * failed cmpxchg branches past the SC and what follows it
 * (MB_RV_CAS_FAIL_AFTER 0).
 *   ord      AMO aq rl  LR/SC before          SC rl  after
 */
#define MB_RV_ORDERS(X) \
	X(relaxed, 0, 0, "",                  0, "") \
	X(acquire, 1, 0, "",                  0, MB_RV_ACQUIRE_FENCE) \
	X(release, 0, 1, MB_RV_RELEASE_FENCE, 0, "") \
	X(mb,      1, 1, "",                  1, "fence rw,rw")
#define MB_RV_CAS_FAIL_AFTER	0

#define MB_RV_AQRL_(aq, rl)	MB_RV_AQRL_##aq##rl
#define MB_RV_AQRL_00	""
#define MB_RV_AQRL_10	".aq"
#define MB_RV_AQRL_01	".rl"
#define MB_RV_AQRL_11	".aqrl"

/* The kernel's ordering macros with no row of their own: asm-generic smp_mb
 * for the atomics; Linux's riscv sets after_spinlock to fence iorw,iorw. */
#define MB_RISCV_KFENCES(X) \
	X(before_atomic,     "fence rw,rw") \
	X(after_atomic,      "fence rw,rw") \
	X(after_spinlock,    "fence iorw,iorw") \
	X(after_unlock_lock, "")

#define MB_RV_IORW	(MB_RV_I | MB_RV_O | MB_RV_R | MB_RV_W)
#define MB_RISCV_INSNS(Y) \
	Y("fence iorw,iorw", MB_RV_FENCE(MB_RV_IORW, MB_RV_IORW)) \
	Y("fence ir,ir",     MB_RV_FENCE(MB_RV_I | MB_RV_R, MB_RV_I | MB_RV_R)) \
	Y("fence ow,ow",     MB_RV_FENCE(MB_RV_O | MB_RV_W, MB_RV_O | MB_RV_W)) \
	Y("fence ir,iorw",   MB_RV_FENCE(MB_RV_I | MB_RV_R, MB_RV_IORW)) \
	Y("fence iorw,ow",   MB_RV_FENCE(MB_RV_IORW, MB_RV_O | MB_RV_W)) \
	Y("fence rw,rw",     MB_RV_FENCE(MB_RV_R | MB_RV_W, MB_RV_R | MB_RV_W)) \
	Y("fence r,r",       MB_RV_FENCE(MB_RV_R, MB_RV_R)) \
	Y("fence w,w",       MB_RV_FENCE(MB_RV_W, MB_RV_W)) \
	Y(MB_RV_ACQUIRE_FENCE, MB_RV_FENCE(MB_RV_R, MB_RV_R | MB_RV_W)) \
	Y(MB_RV_RELEASE_FENCE, MB_RV_FENCE(MB_RV_R | MB_RV_W, MB_RV_W))

#define MB_RISCV_ROWS(X) \
	X(mmio, general, "fence iorw,iorw", "fence iorw,iorw", "") \
	X(mmio, read,    "fence ir,ir",     "fence ir,ir",     "") \
	X(mmio, write,   "fence ow,ow",     "fence ow,ow",     "") \
	X(mmio, acquire, "fence ir,iorw",   "fence ir,iorw",   "Linux has no mmio acquire fence") \
	X(mmio, release, "fence iorw,ow",   "fence iorw,ow",   "Linux has no mmio release fence") \
	X(smp,  general, "fence rw,rw",     "fence rw,rw",     "") \
	X(smp,  read,    "fence r,r",       "fence r,r",       "") \
	X(smp,  write,   "fence w,w",       "fence w,w",       "") \
	X(smp,  acquire, MB_RV_ACQUIRE_FENCE, MB_RV_ACQUIRE_FENCE, "") \
	X(smp,  release, MB_RV_RELEASE_FENCE, MB_RV_RELEASE_FENCE, "") \
	X(dma,  general, "fence iorw,iorw", "fence iorw,iorw", "asm-generic: dma_mb() is mb()") \
	X(dma,  read,    "fence ir,ir",     "fence ir,ir",     "asm-generic: dma_rmb() is rmb()") \
	X(dma,  write,   "fence ow,ow",     "fence ow,ow",     "asm-generic: dma_wmb() is wmb()") \
	X(dma,  acquire, "fence ir,iorw",   "fence ir,iorw",   "Linux has no dma acquire fence") \
	X(dma,  release, "fence iorw,ow",   "fence iorw,ow",   "Linux has no dma release fence")

#endif /* MB_ARCH_RISCV_TABLE_H */
