/* SPDX-License-Identifier: MIT */
/*
 * arch/ppc64.h - 64-bit little-endian Power (non-multi-copy-atomic).
 *
 * The barrier table and what each instruction orders: arch/ppc64_table.h.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/ppc64.h"
#endif

#include <stdint.h>

#include "ppc64_table.h"

#define MB_ARCH_NAME	"ppc64le"
#define MB_ARCH_PORT	"ppc64le"
#define MB_ARCH_MODEL	MB_POWER_MODEL
#define MB_ARCH_TABLE(X)	MB_PPC64_ROWS(X)

#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("lwz%U1%X1 %0, %1" : "=r"(mb_v_) : "m"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("stw%U0%X0 %1, %0" : "=m"(*(int *)(p)) : "r"((int)(v)) : "memory")
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_a_ = MB_READ_ONCE(p); __asm__ __volatile__(MB_PPC_ACQUIRE_FENCE ::: "memory"); mb_a_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__(MB_PPC_RELEASE_FENCE ::: "memory"); MB_WRITE_ONCE(p, v); } while (0)

/* Kernel RMWs on an int: arch/ppc64_table.h's rows (MB_PPC_ORDERS). */
#define MB_HAVE_KERNEL_RMW	1
#if MB_PPC_CAS_FAIL_AFTER
#error "mb_cmpxchg_* below branch past their trailing barrier when they fail"
#endif

#define MB_PPC_RMW_(ord, before, after) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ int o; __asm__ __volatile__(before "\n1: lwarx %0, 0, %2\n\tstwcx. %3, 0, %2\n\tbne- 1b\n\t" after \
	  : "=&r"(o), "+m"(*p) : "r"(p), "r"(v) : "cc", "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ int o, s; __asm__ __volatile__(before "\n1: lwarx %0, 0, %3\n\tadd %1, %0, %4\n\t" \
	  "stwcx. %1, 0, %3\n\tbne- 1b\n\t" after \
	  : "=&r"(o), "=&r"(s), "+m"(*p) : "r"(p), "r"(v) : "cc", "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int e, int n) \
	{ int o; __asm__ __volatile__(before "\n1: lwarx %0, 0, %2\n\tcmpw 0, %0, %3\n\tbne- 2f\n\t" \
	  "stwcx. %4, 0, %2\n\tbne- 1b\n\t" after "\n2:" \
	  : "=&r"(o), "+m"(*p) : "r"(p), "r"(e), "r"(n) : "cc", "memory"); return o; }
MB_PPC_ORDERS(MB_PPC_RMW_)
#undef MB_PPC_RMW_

/* The kernel's ordering macros with no row of their own: arch/ppc64_table.h. */
#define MB_KFENCE_TABLE(X)	MB_PPC64_KFENCES(X)

/* Drop SMT priority while spinning, then restore it (as Linux's cpu_relax). */
static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("or 1,1,1; or 2,2,2" ::: "memory");
}

/*
 * Cache-line flush for the cache-miss context (src/cost/ctx.c): dcbf writes
 * a block back and invalidates it; a problem-state instruction.
 */
#define MB_HAVE_FLUSH_LINE	1
#define MB_FLUSH_LINE_INSN	"dcbf"
static inline __attribute__((always_inline)) void mb_flush_line(const void *p)
{
	__asm__ __volatile__("dcbf 0,%0" :: "r"(p) : "memory");
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
