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
	Y("dsb st",    MB_ORD_WW | MB_ORD_WR) \
	Y(MB_A64_LOAD_ACQUIRE,  MB_ORD_ACQ) \
	Y(MB_A64_STORE_RELEASE, MB_ORD_REL) \
	Y(MB_A32_LOAD_ACQUIRE,  MB_ORD_ACQ) \
	Y(MB_A32_STORE_RELEASE, MB_ORD_REL)

/*
 * smp_load_acquire() / smp_store_release(): Armv8's load-acquire and
 * store-release instructions (A64 ldar/stlr, A32 lda/stl), which order
 * by themselves (no fence).
 */
#define MB_A64_LOAD_ACQUIRE	"ldar"
#define MB_A64_STORE_RELEASE	"stlr"
#define MB_A32_LOAD_ACQUIRE	"lda"
#define MB_A32_STORE_RELEASE	"stl"

/*
 * Kernel RMWs on an int, as Linux compiles them for AArch64 (arch/aarch64.h
 * emits these rows): with LSE (armv8.1-a or later, __ARM_FEATURE_ATOMICS)
 * one instruction (ldadd, swp, cas) whose A and L bits give the ordering,
 * its suffix MB_A64_SFX_(A, L): fully ordered = "al", which aarch64.cat
 * orders as [range([A];amo;[L])];po; without LSE, an exclusive loop
 * (atomic_ll_sc.h): ldaxr for acquire, stlxr for release, and a fully
 * ordered RMW ldxr ... stlxr then dmb ish.  A failed cmpxchg skips the
 * trailing dmb (LL/SC): it orders nothing.  The model reads A and L (the
 * LSE forms, as Linux runs on LSE hardware).
 *   ord      A  L  LL/SC load  LL/SC store  after
 */
#define MB_A64_ORDERS(X) \
	X(relaxed, 0, 0, "ldxr",  "stxr",  "") \
	X(acquire, 1, 0, "ldaxr", "stxr",  "") \
	X(release, 0, 1, "ldxr",  "stlxr", "") \
	X(mb,      1, 1, "ldxr",  "stlxr", "dmb ish")

#define MB_A64_SFX_(a, l)	MB_A64_SFX_##a##l
#define MB_A64_SFX_00	""
#define MB_A64_SFX_10	"a"
#define MB_A64_SFX_01	"l"
#define MB_A64_SFX_11	"al"

/*
 * The kernel's ordering macros with no row of their own: Linux's arm64
 * leaves them to asm-generic (smp_mb) but for after_spinlock, which it
 * sets to smp_mb; after_unlock_lock is nothing (only powerpc defines it).
 */
#define MB_ARM_KFENCES(X) \
	X(before_atomic,     "dmb ish") \
	X(after_atomic,      "dmb ish") \
	X(after_spinlock,    "dmb ish") \
	X(after_unlock_lock, "")

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
