/* SPDX-License-Identifier: MIT */
/*
 * arch/arm.h - 32-bit Arm: Armv7-A and Armv8-A AArch32.
 *
 * The barrier table: arch/arm_table.h; what each instruction orders:
 * arch/aarch64_table.h.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/arm.h"
#endif

#include <stdint.h>
#include <time.h>

#include "arm_table.h"

#define MB_ARCH_NAME	"arm"

#if __ARM_ARCH >= 8
#define MB_ARCH_PORT	"armv8"
#define MB_ARCH_MODEL	MB_ARMV8_MODEL
#define MB_ARCH_TABLE(X)	MB_ARMV8_A32_ROWS(X)
#else
#define MB_ARCH_PORT	"armv7"
#define MB_ARCH_MODEL	MB_ARMV7_MODEL
#define MB_ARCH_TABLE(X)	MB_ARMV7_ROWS(X)
#endif

#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("ldr %0, %1" : "=r"(mb_v_) : "m"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("str %1, %0" : "=m"(*(int *)(p)) : "r"((int)(v)) : "memory")
#if __ARM_ARCH >= 8
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_v_; __asm__ __volatile__(MB_A32_LOAD_ACQUIRE " %0, [%1]" : "=r"(mb_v_) : "r"(p) : "memory"); mb_v_; })
#define MB_STORE_RELEASE(p, v) \
	__asm__ __volatile__(MB_A32_STORE_RELEASE " %1, [%0]" :: "r"(p), "r"((int)(v)) : "memory")
#else
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_a_ = MB_READ_ONCE(p); __asm__ __volatile__(MB_ARMV7_ACQUIRE_FENCE ::: "memory"); mb_a_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__(MB_ARMV7_RELEASE_FENCE ::: "memory"); MB_WRITE_ONCE(p, v); } while (0)
#endif

#if __ARM_ARCH >= 7
/* Kernel RMWs on an int: arch/arm_table.h's rows (MB_ARM_ORDERS). */
#define MB_HAVE_KERNEL_RMW	1
#if !MB_ARM_CAS_FAIL_AFTER
#error "mb_cmpxchg_* below leave their loop through the trailing dmb, failed or not"
#endif
#define MB_ARM_RMW_(ord, before, after) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ int o, f; __asm__ __volatile__(before "\n1: ldrex %0, [%3]\n\tstrex %1, %4, [%3]\n\t" \
	  "teq %1, #0\n\tbne 1b\n\t" after \
	  : "=&r"(o), "=&r"(f), "+Qo"(*p) : "r"(p), "r"(v) : "cc", "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ int o, s, f; __asm__ __volatile__(before "\n1: ldrex %0, [%4]\n\tadd %1, %0, %5\n\t" \
	  "strex %2, %1, [%4]\n\tteq %2, #0\n\tbne 1b\n\t" after \
	  : "=&r"(o), "=&r"(s), "=&r"(f), "+Qo"(*p) : "r"(p), "r"(v) : "cc", "memory"); return o; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int e, int n) \
	{ int o, f; __asm__ __volatile__(before "\n1: ldrex %0, [%3]\n\tmov %1, #0\n\tteq %0, %4\n\t" \
	  "it eq\n\tstrexeq %1, %5, [%3]\n\tteq %1, #0\n\tbne 1b\n\t" after \
	  : "=&r"(o), "=&r"(f), "+Qo"(*p) : "r"(p), "r"(e), "r"(n) : "cc", "memory"); return o; }
MB_ARM_ORDERS(MB_ARM_RMW_)
#undef MB_ARM_RMW_

/* The kernel's ordering macros with no row of their own: arch/aarch64_table.h. */
#define MB_KFENCE_TABLE(X)	MB_ARM_KFENCES(X)
#endif

static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/*
 * No cache-line flush: AArch32's DCCIMVAC is privileged; the cache-miss
 * context (src/cost/ctx.c) uses a buffer larger than the LLC instead.
 */
#define MB_HAVE_FLUSH_LINE	0
#define MB_FLUSH_LINE_INSN	""
static inline __attribute__((always_inline)) void mb_flush_line(const void *p)
{
	(void)p;
}

/*
 * The counter: CNTVCT is not reliably readable from user space on 32-bit
 * Linux (CNTKCTL may trap it), so this port uses CLOCK_MONOTONIC through
 * the vDSO, in nanoseconds.  A fallback, and the result says so.
 */
#define MB_COUNTER_NAME	"clock_gettime"
#define MB_COUNTER_UNIT	"ns"
#define MB_COUNTER_FALLBACK	"cntvct may trap on 32-bit Linux; CLOCK_MONOTONIC used"

static inline __attribute__((always_inline)) uint64_t mb_counter_read(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_begin(void)
{
	uint64_t v;

	__asm__ __volatile__("isb" ::: "memory");
	v = mb_counter_read();
	__asm__ __volatile__("isb" ::: "memory");
	return v;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_end(void)
{
	return mb_counter_begin();
}

static inline uint64_t mb_counter_arch_hz(void)
{
	return 1000000000u;
}
