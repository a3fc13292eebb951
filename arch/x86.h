/* SPDX-License-Identifier: MIT */
/*
 * arch/x86.h - x86_64 and i386 (x86-TSO).
 *
 * The barrier table and what each instruction orders: arch/x86_table.h.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/x86.h"
#endif

#include <stdint.h>

#include "x86_table.h"

#ifdef __x86_64__
#define MB_ARCH_NAME	"x86_64"
#define MB_ARCH_PORT	"x86_64"
#define MB_ARCH_TABLE(X)	MB_X86_64_ROWS(X)
#else
#define MB_ARCH_NAME	"i386"
#define MB_ARCH_PORT	"i386"
#define MB_ARCH_TABLE(X)	MB_I386_ROWS(X)
#endif
#define MB_ARCH_MODEL	MB_X86_MODEL

/* Litmus accesses: plain 32-bit moves; TSO gives acquire/release for free. */
#define MB_READ_ONCE(p)		(*(volatile int *)(p))
#define MB_WRITE_ONCE(p, v)	(*(volatile int *)(p) = (v))
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_v_ = *(volatile int *)(p); __asm__ __volatile__("" ::: "memory"); mb_v_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__("" ::: "memory"); *(volatile int *)(p) = (v); } while (0)

/*
 * Kernel RMWs on an int (Linux's arch_atomic_* and arch_xchg/arch_cmpxchg
 * on x86): every one is a locked instruction (MB_X86_RMW_LOCKED,
 * arch/x86_table.h, which the model reads), so the _relaxed/_acquire/
 * _release variants are the same code as the fully ordered one.
 * Fetch-and/or/xor are a lock cmpxchg loop, as Linux's arch_atomic_fetch_*
 * (arch/common.h), the void and/or/xor forms a locked and/or/xor.
 */
#if !MB_X86_RMW_LOCKED
#error "arch/x86.h runs every kernel RMW as a locked instruction"
#endif
#define MB_HAVE_KERNEL_RMW	1
#define MB_X86_RMW_(ord) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ __asm__ __volatile__("xchgl %0, %1" : "+r"(v), "+m"(*p) :: "memory"); return v; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int o, int n) \
	{ __asm__ __volatile__("lock; cmpxchgl %2, %1" : "+a"(o), "+m"(*p) : "r"(n) : "memory"); \
	  return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ __asm__ __volatile__("lock; xaddl %0, %1" : "+r"(v), "+m"(*p) :: "memory"); return v; }
MB_X86_RMW_(relaxed)
MB_X86_RMW_(acquire)
MB_X86_RMW_(release)
MB_X86_RMW_(mb)
#undef MB_X86_RMW_

/* atomic_add/sub/and/or/xor (no value, relaxed in the LKMM): one locked op. */
#define MB_HAVE_ATOMIC_VOID_OPS	1
#define MB_X86_VOID_(name, insn) \
	static inline __attribute__((always_inline)) void mb_atomic_##name(int *p, int v) \
	{ __asm__ __volatile__("lock; " insn " %1, %0" : "+m"(*p) : "ir"(v) : "memory"); }
MB_X86_VOID_(add, "addl")
MB_X86_VOID_(and, "andl")
MB_X86_VOID_(or, "orl")
MB_X86_VOID_(xor, "xorl")
#undef MB_X86_VOID_

/* The kernel's ordering macros with no row of their own: arch/x86_table.h. */
#define MB_KFENCE_TABLE(X)	MB_X86_KFENCES(X)

static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/*
 * Cache-line flush, for the cost engine's cache-miss context
 * (src/cost/ctx.c): clflush writes a line back and evicts it from every
 * cache level; unprivileged, and on every x86-64 (CPUID.CLFSH).  Flushing
 * the lines a sample will touch before timing it makes a small buffer
 * miss the way one larger than the LLC would, without its memory.
 */
#define MB_HAVE_FLUSH_LINE	1
#define MB_FLUSH_LINE_INSN	"clflush"
static inline __attribute__((always_inline)) void mb_flush_line(const void *p)
{
	__asm__ __volatile__("clflush %0" :: "m"(*(const volatile char *)p) : "memory");
}

/*
 * The counter: the TSC.  It counts at a constant rate (the nominal
 * frequency), not in core cycles, so its unit is "ticks".
 */
#define MB_COUNTER_NAME	"tsc"
#define MB_COUNTER_UNIT	"ticks"
#define MB_COUNTER_ARCH_HZ	0	/* not architectural: measured */

/* Unordered read: for schedules and deadlines. */
static inline __attribute__((always_inline)) uint64_t mb_counter_read(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Ordered reads around a measured region (Intel's recommended pairing). */
static inline __attribute__((always_inline)) uint64_t mb_counter_begin(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_end(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtscp; lfence" : "=a"(lo), "=d"(hi) :: "ecx", "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t mb_counter_arch_hz(void)
{
	return 0;
}
