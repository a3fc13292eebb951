/* SPDX-License-Identifier: MIT */
/*
 * arch/x86.h - x86_64 and i386 (x86-TSO).
 *
 * x86-TSO keeps load->load, load->store and store->store order by itself;
 * only store->load can be reordered (the store buffer).  That is why Linux
 * makes smp_rmb(), smp_wmb(), dma_rmb() and dma_wmb() bare compiler barriers
 * here.  membench still has to measure and test a real instruction for
 * those, so the "emitted" column always names one, and the "kernel" column
 * keeps Linux's choice (an empty asm is a compiler barrier only).
 *
 * lfence/sfence do NOT order store->load: SB under them shows the weak
 * outcome on real hardware.  lfence waits for all prior instructions to
 * complete locally (loads included); sfence orders stores, including
 * non-temporal ones.  Only mfence and locked instructions drain the store
 * buffer.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/x86.h"
#endif

#include <stdint.h>

#ifdef __x86_64__
#define MB_ARCH_NAME	"x86_64"
/* 64-bit: -4(%rsp) is in the red zone; adding 0 there changes nothing. */
#define MB_LOCK_ADD	"lock; addl $0,-4(%%rsp)"
#else
#define MB_ARCH_NAME	"i386"
#define MB_LOCK_ADD	"lock; addl $0,-4(%%esp)"
#endif
#define MB_ARCH_MODEL	"x86-TSO"

/*
 * kind x type -> instruction.  Columns: kind, type, emitted instruction,
 * Linux's mapping on this arch, note.
 *
 * smp general: a locked add to the stack rather than mfence, as Linux does
 * since v4.15: it orders ordinary WB memory the same and is cheaper (about
 * half of mfence's cost on recent Intel cores); mfence additionally orders
 * non-temporal and WC accesses, which is what mb() (mmio) needs.
 * acquire is lfence (a superset: it also waits for prior loads to complete);
 * release is sfence (store->store; load->store is kept by TSO).
 */
#define MB_ARCH_TABLE(X) \
	X(mmio, general, "mfence",   "mfence",   "") \
	X(mmio, read,    "lfence",   "lfence",   "") \
	X(mmio, write,   "sfence",   "sfence",   "") \
	X(mmio, acquire, "lfence",   "lfence",   "Linux has no mmio acquire fence") \
	X(mmio, release, "sfence",   "sfence",   "Linux has no mmio release fence") \
	X(smp,  general, MB_LOCK_ADD, MB_LOCK_ADD, "") \
	X(smp,  read,    "lfence",   "",         "Linux smp_rmb() is barrier() on x86") \
	X(smp,  write,   "sfence",   "",         "Linux smp_wmb() is barrier() on x86") \
	X(smp,  acquire, "lfence",   "",         "Linux smp_load_acquire() adds only barrier() on x86") \
	X(smp,  release, "sfence",   "",         "Linux smp_store_release() adds only barrier() on x86") \
	X(dma,  general, "mfence",   "mfence",   "Linux dma_mb() is mb()") \
	X(dma,  read,    "lfence",   "",         "Linux dma_rmb() is barrier() on x86") \
	X(dma,  write,   "sfence",   "",         "Linux dma_wmb() is barrier() on x86") \
	X(dma,  acquire, "lfence",   "",         "Linux has no dma acquire fence") \
	X(dma,  release, "sfence",   "",         "Linux has no dma release fence")

/* Litmus accesses: plain 32-bit moves; TSO gives acquire/release for free. */
#define MB_READ_ONCE(p)		(*(volatile int *)(p))
#define MB_WRITE_ONCE(p, v)	(*(volatile int *)(p) = (v))
#define MB_LOAD_ACQUIRE(p) \
	({ int mb_v_ = *(volatile int *)(p); __asm__ __volatile__("" ::: "memory"); mb_v_; })
#define MB_STORE_RELEASE(p, v) \
	do { __asm__ __volatile__("" ::: "memory"); *(volatile int *)(p) = (v); } while (0)

/*
 * Kernel RMWs on an int (Linux's arch_atomic_* and arch_xchg/arch_cmpxchg
 * on x86): every one is a locked instruction, and a locked instruction is
 * a full barrier, so the _relaxed/_acquire/_release variants are the same
 * code as the fully ordered one (Linux defines only the full form here).
 * xchg needs no lock prefix: it is always locked with a memory operand.
 * Fetch-and/or/xor are a lock cmpxchg loop, as Linux's arch_atomic_fetch_*
 * (arch/common.h), the void and/or/xor forms a locked and/or/xor.
 */
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

/*
 * The kernel's ordering macros that are not barriers of their own, as
 * Linux defines them here: RMWs and lock acquisition are already full
 * barriers, so all four are compiler barriers ("").
 */
#define MB_KFENCE_TABLE(X) \
	X(before_atomic,     "") \
	X(after_atomic,      "") \
	X(after_spinlock,    "") \
	X(after_unlock_lock, "")

static inline __attribute__((always_inline)) void mb_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
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
