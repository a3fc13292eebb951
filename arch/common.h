/* SPDX-License-Identifier: MIT */
/*
 * arch/common.h - the barriers that are written the same on every
 * architecture, and the inline functions every engine calls.
 *
 * After this header, for every row (kind, type) of MB_ALL_BARRIERS there are
 * two always-inlined functions:
 *   mb_<kind>_<type>()         the emitted instruction (never elided)
 *   mb_<kind>_<type>_kernel()  Linux's mapping on this arch (may be a bare
 *                              compiler barrier, e.g. smp_rmb() on x86)
 * Engines instantiate their code once per row with an X-macro, so each
 * barrier under test is inlined into the code that measures or tests it.
 */
#ifndef MB_ARCH_H
#error "include arch/arch.h, not arch/common.h"
#endif

/* membarrier(2) needs a hosted Linux libc; a freestanding build (the
 * riscv32 compile-only check) has none, and the registry reports it. */
#if __STDC_HOSTED__ && defined(__linux__)
#define MB_HAVE_MEMBARRIER 1
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/membarrier.h>
#else
#define MB_HAVE_MEMBARRIER 0
#endif

#define MB_ALWAYS_INLINE	static inline __attribute__((always_inline))

#include "common_table.h"

#define MB_ASM_TABLE(X)	MB_ARCH_TABLE(X) MB_COMPILER_TABLE(X)

#define MB_DEFINE_ASM_(kind, type, emit, kern, note) \
	MB_ALWAYS_INLINE void mb_##kind##_##type(void) \
	{ __asm__ __volatile__(emit ::: "memory"); } \
	MB_ALWAYS_INLINE void mb_##kind##_##type##_kernel(void) \
	{ __asm__ __volatile__(kern ::: "memory"); }
MB_ASM_TABLE(MB_DEFINE_ASM_)
#undef MB_DEFINE_ASM_

#define MB_ALL_BARRIERS(X)	MB_ASM_TABLE(X) MB_OTHER_TABLE(X)

MB_ALWAYS_INLINE void mb_c11_general(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
MB_ALWAYS_INLINE void mb_c11_read(void)    { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
MB_ALWAYS_INLINE void mb_c11_write(void)   { __atomic_thread_fence(__ATOMIC_RELEASE); }
MB_ALWAYS_INLINE void mb_c11_acquire(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
MB_ALWAYS_INLINE void mb_c11_release(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
MB_ALWAYS_INLINE void mb_c11_acq_rel(void) { __atomic_thread_fence(__ATOMIC_ACQ_REL); }

#if MB_HAVE_MEMBARRIER && !defined(__NR_membarrier)
#define __NR_membarrier (-1)	/* old headers: the call fails with ENOSYS, reported */
#endif

/*
 * membarrier(2) PRIVATE_EXPEDITED: a full barrier on every running thread
 * of this process (by IPI), so that the other threads may use only a
 * compiler barrier on their fast path.  The process must have registered
 * with MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED first (src/barrier.c does,
 * before any thread starts); the return value is checked there, once.
 */
MB_ALWAYS_INLINE void mb_process_general(void)
{
#if MB_HAVE_MEMBARRIER
	syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
#endif
}

MB_ALWAYS_INLINE void mb_none_general(void) { }

/* Linux has no such variants: the kernel flavour is the same code. */
#define MB_SAME_AS_EMITTED_(kind, type, emit, kern, note) \
	MB_ALWAYS_INLINE void mb_##kind##_##type##_kernel(void) { mb_##kind##_##type(); }
MB_OTHER_TABLE(MB_SAME_AS_EMITTED_)
#undef MB_SAME_AS_EMITTED_

/*
 * Kernel RMWs, locks' building blocks and ordering macros for the litmus
 * harness.  Each arch header that has them sets MB_HAVE_KERNEL_RMW 1 and
 * writes, for ord in relaxed, acquire, release, mb (Linux's _relaxed,
 * _acquire, _release and fully ordered forms), what Linux compiles
 * xchg/cmpxchg/fetch_add to there:
 *   int mb_xchg_<ord>(int *p, int v);             old value
 *   int mb_cmpxchg_<ord>(int *p, int old, int n); old value
 *   int mb_fetch_add_<ord>(int *p, int v);        old value
 * and MB_KFENCE_TABLE(X): X(name, asm) for smp_mb__before_atomic,
 * __after_atomic, __after_spinlock, __after_unlock_lock.  The rest is the
 * same composition everywhere, as in Linux's generic atomic fallbacks.
 */
#ifndef MB_HAVE_KERNEL_RMW
#define MB_HAVE_KERNEL_RMW	0
#endif
#ifndef MB_HAVE_ATOMIC_VOID_OPS
#define MB_HAVE_ATOMIC_VOID_OPS	0
#endif

#if MB_HAVE_KERNEL_RMW
#define MB_DEFINE_KF_(name, insn) \
	MB_ALWAYS_INLINE void mb_kf_##name(void) { __asm__ __volatile__(insn ::: "memory"); }
MB_KFENCE_TABLE(MB_DEFINE_KF_)
#undef MB_DEFINE_KF_

/* Linux's generic fetch_{sub,and,or,xor,andnot}: fetch_add of -v, or a cmpxchg loop. */
#define MB_DERIVED_RMW_(ord) \
	MB_ALWAYS_INLINE int mb_fetch_sub_##ord(int *p, int v) \
	{ return mb_fetch_add_##ord(p, (int)(0u - (unsigned)v)); } \
	MB_ALWAYS_INLINE int mb_fetch_and_##ord(int *p, int v) \
	{ int o = MB_READ_ONCE(p), n; \
	  while ((n = mb_cmpxchg_##ord(p, o, o & v)) != o) { o = n; } \
	  return o; } \
	MB_ALWAYS_INLINE int mb_fetch_or_##ord(int *p, int v) \
	{ int o = MB_READ_ONCE(p), n; \
	  while ((n = mb_cmpxchg_##ord(p, o, o | v)) != o) { o = n; } \
	  return o; } \
	MB_ALWAYS_INLINE int mb_fetch_xor_##ord(int *p, int v) \
	{ int o = MB_READ_ONCE(p), n; \
	  while ((n = mb_cmpxchg_##ord(p, o, o ^ v)) != o) { o = n; } \
	  return o; } \
	MB_ALWAYS_INLINE int mb_fetch_andnot_##ord(int *p, int v) { return mb_fetch_and_##ord(p, ~v); }
MB_DERIVED_RMW_(relaxed)
MB_DERIVED_RMW_(acquire)
MB_DERIVED_RMW_(release)
MB_DERIVED_RMW_(mb)
#undef MB_DERIVED_RMW_

/* Linux's generic atomic_fetch_add_unless: a fully ordered cmpxchg loop. */
MB_ALWAYS_INLINE int mb_fetch_add_unless(int *p, int a, int u)
{
	int o = MB_READ_ONCE(p), n;

	while (o != u && (n = mb_cmpxchg_mb(p, o, (int)((unsigned)o + (unsigned)a))) != o)
		o = n;
	return o;
}

#if !MB_HAVE_ATOMIC_VOID_OPS
/* atomic_add ... (no value): the relaxed fetch form, its value dropped. */
MB_ALWAYS_INLINE void mb_atomic_add(int *p, int v) { (void)mb_fetch_add_relaxed(p, v); }
MB_ALWAYS_INLINE void mb_atomic_and(int *p, int v) { (void)mb_fetch_and_relaxed(p, v); }
MB_ALWAYS_INLINE void mb_atomic_or(int *p, int v)  { (void)mb_fetch_or_relaxed(p, v); }
MB_ALWAYS_INLINE void mb_atomic_xor(int *p, int v) { (void)mb_fetch_xor_relaxed(p, v); }
#endif
#endif /* MB_HAVE_KERNEL_RMW */
