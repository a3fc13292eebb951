/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64_table.h - Power's barrier table: kind x type -> instruction,
 * and what each orders under the Power model.  Host-independent:
 * arch/ppc64.h emits the rows; src/barrier/ports.c lists them and
 * src/litmus/model.c reasons with them on any host.
 *
 * sync (hwsync) orders everything, store->load included, and is
 * cumulative: the only fence that forbids IRIW.  lwsync orders
 * load->load, load->store and store->store, not store->load: Linux uses it
 * for smp_rmb(), smp_wmb(), dma_rmb(), dma_wmb() and acquire/release.
 * eieio orders stores among themselves (also to caching-inhibited,
 * guarded storage, i.e. device registers); membench's emitted mmio write
 * is eieio, where Linux's wmb() is a full sync.
 */
#ifndef MB_ARCH_PPC64_TABLE_H
#define MB_ARCH_PPC64_TABLE_H

#include "orders.h"

#define MB_POWER_MODEL	"Power"

/* Linux's acquire/release: lwsync after the load, before the store. */
#define MB_PPC_ACQUIRE_FENCE	"lwsync"
#define MB_PPC_RELEASE_FENCE	"lwsync"

#define MB_PPC64_INSNS(Y) \
	Y("sync",   MB_ORD_FULL) \
	Y("lwsync", MB_ORD_RR | MB_ORD_RW | MB_ORD_WW) \
	Y("eieio",  MB_ORD_WW) \
	Y("isync",  MB_ORD_ISYNC)

/*
 * Kernel RMWs on an int, as Linux compiles them (asm/atomic.h,
 * asm/cmpxchg.h; arch/ppc64.h emits these rows): a lwarx/stwcx. loop;
 * acquire adds isync after it (PPC_ACQUIRE_BARRIER: with the loop's
 * bne-, the read before everything later), release lwsync before it
 * (PPC_RELEASE_BARRIER), fully ordered sync before and after
 * (PPC_ATOMIC_ENTRY/EXIT_BARRIER, sync since Linux 4.4 made
 * value-returning atomics fully ordered).  A failed cmpxchg branches past
 * the trailing barrier (MB_PPC_CAS_FAIL_AFTER 0).
 *   ord      before    after
 */
#define MB_PPC_ORDERS(X) \
	X(relaxed, "",       "") \
	X(acquire, "",       "isync") \
	X(release, "lwsync", "") \
	X(mb,      "sync",   "sync")
#define MB_PPC_CAS_FAIL_AFTER	0

/* The kernel's ordering macros with no row of their own: smp_mb (sync) for
 * the atomics' and the spinlock's, and for after_unlock_lock (only powerpc
 * defines it). */
#define MB_PPC64_KFENCES(X) \
	X(before_atomic,     "sync") \
	X(after_atomic,      "sync") \
	X(after_spinlock,    "sync") \
	X(after_unlock_lock, "sync")

#define MB_PPC64_ROWS(X) \
	X(mmio, general, "sync",   "sync",   "") \
	X(mmio, read,    "sync",   "sync",   "") \
	X(mmio, write,   "eieio",  "sync",   "Linux wmb() is sync; eieio orders store->store only") \
	X(mmio, acquire, "sync",   "sync",   "Linux has no mmio acquire fence") \
	X(mmio, release, "sync",   "sync",   "Linux has no mmio release fence") \
	X(smp,  general, "sync",   "sync",   "") \
	X(smp,  read,    "lwsync", "lwsync", "") \
	X(smp,  write,   "lwsync", "lwsync", "") \
	X(smp,  acquire, "lwsync", "lwsync", "") \
	X(smp,  release, "lwsync", "lwsync", "") \
	X(dma,  general, "sync",   "sync",   "asm-generic: dma_mb() is mb()") \
	X(dma,  read,    "lwsync", "lwsync", "") \
	X(dma,  write,   "lwsync", "lwsync", "") \
	X(dma,  acquire, "lwsync", "lwsync", "Linux has no dma acquire fence") \
	X(dma,  release, "lwsync", "lwsync", "Linux has no dma release fence")

#endif /* MB_ARCH_PPC64_TABLE_H */
