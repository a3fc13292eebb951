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
	Y("eieio",  MB_ORD_WW)

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
