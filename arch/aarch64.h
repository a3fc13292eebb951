/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64.h - Armv8/v9 AArch64 (other-multi-copy-atomic, weak).
 *
 * Armv8 keeps no program order between different addresses by itself.
 * DMB orders memory accesses only; DSB also waits for them to complete
 * (needed before device side effects), so mmio uses DSB as Linux does.
 * The option picks the shareability domain (ISH: the CPUs; OSH: also
 * DMA-capable masters; SY: everything) and the access types
 * (LD: load->load and load->store; ST: store->store; none: all four).
 * acquire = the LD form (orders prior loads against everything later);
 * release = the full form (a release must also order prior stores
 * against later stores and prior loads against later stores; ST alone
 * misses load->store).
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/aarch64.h"
#endif

#include <stdint.h>

#define MB_ARCH_NAME	"aarch64"
#define MB_ARCH_MODEL	"Armv8"

#define MB_ARCH_TABLE(X) \
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

/* 32-bit accesses with explicit instructions so the compiler cannot merge them. */
#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("ldr %w0, %1" : "=r"(mb_v_) : "Q"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("str %w1, %0" : "=Q"(*(int *)(p)) : "r"((int)(v)) : "memory")
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_v_; __asm__ __volatile__("ldar %w0, %1" : "=r"(mb_v_) : "Q"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_STORE_RELEASE(p, v) \
	__asm__ __volatile__("stlr %w1, %0" : "=Q"(*(int *)(p)) : "r"((int)(v)) : "memory")

static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* The generic timer's virtual count: a fixed-rate tick, not core cycles. */
#define MB_COUNTER_NAME	"cntvct"
#define MB_COUNTER_UNIT	"ticks"

static inline __attribute__((always_inline)) uint64_t mb_counter_read(void)
{
	uint64_t v;

	__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

/* isb keeps the read from being hoisted above or sunk below the region. */
static inline __attribute__((always_inline)) uint64_t mb_counter_begin(void)
{
	uint64_t v;

	__asm__ __volatile__("isb; mrs %0, cntvct_el0; isb" : "=r"(v) :: "memory");
	return v;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_end(void)
{
	return mb_counter_begin();
}

/* CNTFRQ_EL0 holds the counter's frequency, set by firmware. */
static inline uint64_t mb_counter_arch_hz(void)
{
	uint64_t f;

	__asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}
