/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64.h - 64-bit little-endian Power (non-multi-copy-atomic).
 *
 * sync (hwsync) orders everything, store->load included, and is
 * cumulative: the only fence that forbids IRIW.  lwsync orders
 * load->load, load->store and store->store, not store->load: Linux uses it
 * for smp_rmb(), smp_wmb(), dma_rmb(), dma_wmb() and acquire/release.
 * eieio orders stores among themselves (also to caching-inhibited,
 * guarded storage, i.e. device registers); membench's emitted mmio write
 * is eieio, where Linux's wmb() is a full sync.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/ppc64.h"
#endif

#include <stdint.h>

#define MB_ARCH_NAME	"ppc64le"
#define MB_ARCH_MODEL	"Power"

#define MB_ARCH_TABLE(X) \
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

#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("lwz%U1%X1 %0, %1" : "=r"(mb_v_) : "m"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("stw%U0%X0 %1, %0" : "=m"(*(int *)(p)) : "r"((int)(v)) : "memory")
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_a_ = MB_READ_ONCE(p); __asm__ __volatile__("lwsync" ::: "memory"); mb_a_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__("lwsync" ::: "memory"); MB_WRITE_ONCE(p, v); } while (0)

/* Drop SMT priority while spinning, then restore it (as Linux's cpu_relax). */
static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("or 1,1,1; or 2,2,2" ::: "memory");
}

/* The time base: a fixed-rate tick (512 MHz on POWER8-10), not core cycles. */
#define MB_COUNTER_NAME	"timebase"
#define MB_COUNTER_UNIT	"ticks"

static inline __attribute__((always_inline)) uint64_t mb_counter_read(void)
{
	uint64_t v;

	__asm__ __volatile__("mfspr %0, 268" : "=r"(v));
	return v;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_begin(void)
{
	uint64_t v;

	__asm__ __volatile__("isync" ::: "memory");
	v = mb_counter_read();
	__asm__ __volatile__("isync" ::: "memory");
	return v;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_end(void)
{
	return mb_counter_begin();
}

/* /proc/cpuinfo's "timebase" line gives it; src/counter.c reads that. */
static inline uint64_t mb_counter_arch_hz(void)
{
	return 0;
}
