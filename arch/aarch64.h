/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64.h - Armv8/v9 AArch64 (other-multi-copy-atomic, weak).
 *
 * The barrier table and what each instruction orders: arch/aarch64_table.h.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/aarch64.h"
#endif

#include <stdint.h>

#include "aarch64_table.h"

#define MB_ARCH_NAME	"aarch64"
#define MB_ARCH_PORT	"aarch64"
#define MB_ARCH_MODEL	MB_ARMV8_MODEL
#define MB_ARCH_TABLE(X)	MB_AARCH64_ROWS(X)

/* 32-bit accesses with explicit instructions so the compiler cannot merge them. */
#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("ldr %w0, %1" : "=r"(mb_v_) : "Q"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("str %w1, %0" : "=Q"(*(int *)(p)) : "r"((int)(v)) : "memory")
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_v_; __asm__ __volatile__(MB_A64_LOAD_ACQUIRE " %w0, %1" : "=r"(mb_v_) : "Q"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_STORE_RELEASE(p, v) \
	__asm__ __volatile__(MB_A64_STORE_RELEASE " %w1, %0" : "=Q"(*(int *)(p)) : "r"((int)(v)) : "memory")

/* Kernel RMWs on an int: arch/aarch64_table.h's rows (MB_A64_ORDERS). */
#define MB_HAVE_KERNEL_RMW	1

#if defined(__ARM_FEATURE_ATOMICS) && __ARM_FEATURE_ATOMICS
#define MB_A64_RMW_(ord, a, l, ld, st, after) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ int o; __asm__ __volatile__("swp" MB_A64_SFX_(a, l) " %w2, %w0, %1" : "=&r"(o), "+Q"(*p) : "r"(v) : "memory"); \
	  return o; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int o, int n) \
	{ __asm__ __volatile__("cas" MB_A64_SFX_(a, l) " %w0, %w2, %1" : "+r"(o), "+Q"(*p) : "r"(n) : "memory"); \
	  return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ int o; __asm__ __volatile__("ldadd" MB_A64_SFX_(a, l) " %w2, %w0, %1" : "=&r"(o), "+Q"(*p) : "r"(v) : "memory"); \
	  return o; }
#else
#define MB_A64_RMW_(ord, a, l, ld, st, after) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ int o, f; __asm__ __volatile__("1: " ld " %w0, %2\n\t" st " %w1, %w3, %2\n\tcbnz %w1, 1b\n\t" after \
	  : "=&r"(o), "=&r"(f), "+Q"(*p) : "r"(v) : "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int e, int n) \
	{ int o, f; __asm__ __volatile__("1: " ld " %w0, %2\n\teor %w1, %w0, %w3\n\tcbnz %w1, 2f\n\t" \
	  st " %w1, %w4, %2\n\tcbnz %w1, 1b\n\t" after "\n2:" \
	  : "=&r"(o), "=&r"(f), "+Q"(*p) : "r"(e), "r"(n) : "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ int o, s, f; __asm__ __volatile__("1: " ld " %w0, %3\n\tadd %w1, %w0, %w4\n\t" \
	  st " %w2, %w1, %3\n\tcbnz %w2, 1b\n\t" after \
	  : "=&r"(o), "=&r"(s), "=&r"(f), "+Q"(*p) : "r"(v) : "memory"); return o; }
#endif
MB_A64_ORDERS(MB_A64_RMW_)
#undef MB_A64_RMW_

/* The kernel's ordering macros with no row of their own: arch/aarch64_table.h. */
#define MB_KFENCE_TABLE(X)	MB_ARM_KFENCES(X)

static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/*
 * Cache-line flush for the cache-miss context (src/cost/ctx.c): dc civac
 * cleans and invalidates a line to the point of coherency; Linux lets EL0
 * run it (SCTLR_EL1.UCI).
 */
#define MB_HAVE_FLUSH_LINE	1
#define MB_FLUSH_LINE_INSN	"dc civac"
static inline __attribute__((always_inline)) void mb_flush_line(const void *p)
{
	__asm__ __volatile__("dc civac, %0" :: "r"(p) : "memory");
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
