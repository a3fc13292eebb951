/* SPDX-License-Identifier: MIT */
/*
 * arch/riscv.h - RISC-V RVWMO, riscv64 and riscv32 (width by __riscv_xlen).
 *
 * The barrier table and what each instruction orders: arch/riscv_table.h.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/riscv.h"
#endif

#include <stdint.h>

#include "riscv_table.h"

#if __riscv_xlen == 64
#define MB_ARCH_NAME	"riscv64"
#else
#define MB_ARCH_NAME	"riscv32"
#endif
#define MB_ARCH_PORT	MB_ARCH_NAME
#define MB_ARCH_MODEL	MB_RVWMO_MODEL
#define MB_ARCH_TABLE(X)	MB_RISCV_ROWS(X)

/*
 * Plain lw/sw in asm: GCC 12 turns relaxed C11 atomic stores into AMOs
 * here, which would change what a litmus test measures.
 */
#define MB_READ_ONCE(p) \
	({ int mb_v_; __asm__ __volatile__("lw %0, %1" : "=r"(mb_v_) : "m"(*(int *)(p)) : "memory"); mb_v_; })
#define MB_WRITE_ONCE(p, v) \
	__asm__ __volatile__("sw %1, %0" : "=m"(*(int *)(p)) : "r"((int)(v)) : "memory")
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_a_ = MB_READ_ONCE(p); __asm__ __volatile__(MB_RV_ACQUIRE_FENCE ::: "memory"); mb_a_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__(MB_RV_RELEASE_FENCE ::: "memory"); MB_WRITE_ONCE(p, v); } while (0)

/* Kernel RMWs on an int: arch/riscv_table.h's rows (MB_RV_ORDERS). */
#define MB_HAVE_KERNEL_RMW	1
#if MB_RV_CAS_FAIL_AFTER
#error "mb_cmpxchg_* below branch past their trailing fence when they fail"
#endif

#define MB_RV_RMW_(ord, aq, rl, before, sc_rl, after) \
	static inline __attribute__((always_inline)) int mb_xchg_##ord(int *p, int v) \
	{ int o; __asm__ __volatile__("amoswap.w" MB_RV_AQRL_(aq, rl) " %0, %2, %1" : "=r"(o), "+A"(*p) : "r"(v) : "memory"); \
	  return o; } \
	static inline __attribute__((always_inline)) int mb_fetch_add_##ord(int *p, int v) \
	{ int o; __asm__ __volatile__("amoadd.w" MB_RV_AQRL_(aq, rl) " %0, %2, %1" : "=r"(o), "+A"(*p) : "r"(v) : "memory"); \
	  return o; } \
	static inline __attribute__((always_inline)) int mb_cmpxchg_##ord(int *p, int e, int n) \
	{ int o, f; __asm__ __volatile__(before "\n0: lr.w %0, %2\n\tbne %0, %z3, 1f\n\t" \
	  "sc.w" MB_RV_AQRL_(0, sc_rl) " %1, %z4, %2\n\tbnez %1, 0b\n\t" after "\n1:" \
	  : "=&r"(o), "=&r"(f), "+A"(*p) : "rJ"(e), "rJ"(n) : "memory"); return o; }
MB_RV_ORDERS(MB_RV_RMW_)
#undef MB_RV_RMW_

/* The kernel's ordering macros with no row of their own: arch/riscv_table.h. */
#define MB_KFENCE_TABLE(X)	MB_RISCV_KFENCES(X)

/* Zihintpause's pause, spelled as its encoding (a FENCE hint: a nop where absent). */
static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__(".insn i 0x0F, 0, x0, x0, 0x010" ::: "memory");
}

/*
 * No cache-line flush: Zicbom's cbo.flush is optional and may trap in user
 * mode; the cache-miss context (src/cost/ctx.c) uses a buffer larger than
 * the LLC instead.
 */
#define MB_HAVE_FLUSH_LINE	0
#define MB_FLUSH_LINE_INSN	""
static inline __attribute__((always_inline)) void mb_flush_line(const void *p)
{
	(void)p;
}

/* rdtime: the platform's fixed-rate timer (timebase-frequency), in ticks. */
#define MB_COUNTER_NAME	"rdtime"
#define MB_COUNTER_UNIT	"ticks"

static inline __attribute__((always_inline)) uint64_t mb_counter_read(void)
{
#if __riscv_xlen == 64
	uint64_t v;

	__asm__ __volatile__("rdtime %0" : "=r"(v));
	return v;
#else
	uint32_t hi, lo, hi2;

	do {
		__asm__ __volatile__("rdtimeh %0" : "=r"(hi));
		__asm__ __volatile__("rdtime %0" : "=r"(lo));
		__asm__ __volatile__("rdtimeh %0" : "=r"(hi2));
	} while (hi != hi2);
	return ((uint64_t)hi << 32) | lo;
#endif
}

static inline __attribute__((always_inline)) uint64_t mb_counter_begin(void)
{
	uint64_t v;

	__asm__ __volatile__("fence rw,rw" ::: "memory");
	v = mb_counter_read();
	__asm__ __volatile__("fence rw,rw" ::: "memory");
	return v;
}

static inline __attribute__((always_inline)) uint64_t mb_counter_end(void)
{
	return mb_counter_begin();
}

/* Not readable from user mode; src/counter.c reads the device tree or measures. */
static inline uint64_t mb_counter_arch_hz(void)
{
	return 0;
}
