/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64_table.h - the Arm barrier instructions (DMB, DSB: the same in
 * A64 and A32) and what each orders under Armv8, and AArch64's table of
 * kind x type -> instruction.  Host-independent: arch/aarch64.h and
 * arch/arm.h emit the rows; src/barrier/ports.c lists them and
 * src/litmus/model.c reasons with them on any host.
 *
 * Armv8 keeps no program order between different addresses by itself.
 * DMB orders memory accesses only; DSB also waits for them to complete
 * (needed before device side effects), so mmio uses DSB as Linux does.
 * The option picks the shareability domain (ISH: the CPUs; OSH: also
 * DMA-capable masters; SY: everything) and the access types
 * (LD: load->load and load->store; ST: store->store; none: all four).
 * A DSB completes only when the earlier accesses it covers are complete,
 * and no later instruction executes before it completes: so DSB ST also
 * orders earlier stores before later loads (store->store and store->load),
 * where DMB ST orders store->store only.  DSB LD orders like DMB LD.
 * acquire = the LD form (orders prior loads against everything later);
 * release = the full form (a release must also order prior stores
 * against later stores and prior loads against later stores; ST alone
 * misses load->store).
 */
#ifndef MB_ARCH_AARCH64_TABLE_H
#define MB_ARCH_AARCH64_TABLE_H

#include "orders.h"

#define MB_ARMV8_MODEL	"Armv8"

#define MB_ARM_INSNS(Y) \
	Y("dmb ish",   MB_ORD_FULL) \
	Y("dmb osh",   MB_ORD_FULL) \
	Y("dmb ishld", MB_ORD_RR | MB_ORD_RW) \
	Y("dmb oshld", MB_ORD_RR | MB_ORD_RW) \
	Y("dmb ishst", MB_ORD_WW) \
	Y("dmb oshst", MB_ORD_WW) \
	Y("dsb sy",    MB_ORD_FULL) \
	Y("dsb ld",    MB_ORD_RR | MB_ORD_RW) \
	Y("dsb st",    MB_ORD_WW | MB_ORD_WR)

#define MB_AARCH64_ROWS(X) \
	X(mmio, general, "dsb sy",    "dsb sy",    "") \
	X(mmio, read,    "dsb ld",    "dsb ld",    "") \
	X(mmio, write,   "dsb st",    "dsb st",    "") \
	X(mmio, acquire, "dsb ld",    "dsb ld",    "Linux has no mmio acquire fence") \
	X(mmio, release, "dsb sy",    "dsb sy",    "Linux has no mmio release fence") \
	X(smp,  general, "dmb ish",   "dmb ish",   "") \
	X(smp,  read,    "dmb ishld", "dmb ishld", "") \
	X(smp,  write,   "dmb ishst", "dmb ishst", "") \
	X(smp,  acquire, "dmb ishld", "dmb ishld", "Linux uses ldar for smp_load_acquire()") \
	X(smp,  release, "dmb ish",   "dmb ish",   "Linux uses stlr for smp_store_release()") \
	X(dma,  general, "dmb osh",   "dmb osh",   "") \
	X(dma,  read,    "dmb oshld", "dmb oshld", "") \
	X(dma,  write,   "dmb oshst", "dmb oshst", "") \
	X(dma,  acquire, "dmb oshld", "dmb oshld", "Linux has no dma acquire fence") \
	X(dma,  release, "dmb osh",   "dmb osh",   "Linux has no dma release fence")

#endif /* MB_ARCH_AARCH64_TABLE_H */
