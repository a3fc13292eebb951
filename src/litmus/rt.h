/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/rt.h - what a compiled litmus test needs at run time: the
 * per-thread instance loop and its two synchronisations.  Included by the
 * C that src/litmus/gen.c writes (built into membench, or built by the
 * system compiler into a shared object for `--test FILE.litmus`), so it
 * depends on nothing but libc and arch/arch.h.  Its text is embedded in
 * membench ($(GEN)/litmus_headers.c) so user tests build after install.
 *
 * One generated thread function runs one batch: instances 0..n-1 of the
 * test, instance i's locations at mem + i*si + k*sl, its registers stored
 * to out[reg][i].  src/litmus/harness.c does everything between batches
 * (meeting, pre-reading the lines, tallying), so that the loop here holds
 * nothing but the wait and the test's own accesses.
 *
 * Bump LT_RT_ABI when a struct here changes: a shared object built with
 * another layout is refused.
 */
#ifndef MB_LITMUS_RT_H
#define MB_LITMUS_RT_H

#include <sched.h>
#include <stdint.h>

#include "arch/arch.h"

#define LT_RT_ABI		2
#define LT_RT_MAX_THREADS	8	/* = LT_MAX_THREADS of src/litmus/ast.h */
#define LT_RT_MAX_REGS		8
#define LT_FLAG_STRIDE		16	/* uint64_t: 128 bytes between spin flags */

enum lt_sync { LT_SYNC_TIMEBASE = 0, LT_SYNC_SPIN = 1 };

/*
 * RCU for tests that call rcu_read_lock() ...: userspace-rcu's memb
 * flavour, linked into membench (src/litmus/rcu.c), so that a user test's
 * shared object needs no library of its own.  A thread is registered with
 * it for the length of a batch (online/offline).
 */
struct lt_rcu_ops {
	void (*read_lock)(void);
	void (*read_unlock)(void);
	void (*synchronize)(void);
	void (*online)(void);
	void (*offline)(void);
};

/* One thread's view of one batch; filled by src/litmus/harness.c. */
struct lt_thr {
	char *mem;			/* instance 0, location 0 */
	long si, sl;			/* bytes between instances, between locations */
	int *out[LT_RT_MAX_REGS];	/* this thread's registers, one int per instance */
	unsigned n;			/* instances in this batch */
	int sync;			/* enum lt_sync */
	int tid, nthreads;
	/* timebase: instance i starts at t0 + i*delta + (rng & jmask) */
	uint64_t t0, delta;
	uint32_t rng, jmask;
	/* spin: flags[t * LT_FLAG_STRIDE] = instances thread t has begun, in total */
	volatile uint64_t *flags;
	uint64_t seq;			/* the flags' value before this batch */
	uint64_t deadline;		/* counter value after which a wait gives up */
	/* results */
	uint64_t late;			/* timebase: instances begun after their time */
	uint64_t slack;			/* timebase: ticks spent waiting for the schedule */
	uint64_t end;			/* timebase: counter when the batch was done */
	int aborted;			/* a spin wait hit the deadline */
	const struct lt_rcu_ops *rcu;	/* RCU tests: src/litmus/rcu.c's, else NULL */
};

typedef void (*lt_thread_fn)(struct lt_thr *);

/* One instantiation: the barrier in the fence() slot ("-" when none). */
struct lt_variant {
	const char *barrier;		/* "smp.general", "smp.general:kernel", "-" */
	const char *sfx;		/* function suffix: lt_t<k>_<sfx> */
	lt_thread_fn fn[LT_RT_MAX_THREADS];
};

struct lt_compiled {
	int abi;			/* LT_RT_ABI */
	const char *name;		/* "SB+fences" */
	const char *file;		/* "litmus/SB+fences.litmus" */
	const char *source;		/* its whole text: the runtime parses it */
	int nthreads;
	int has_slot;
	int nvariants;
	const struct lt_variant *variants;
};

/* "function name -> its disassembly", for --show-asm. */
struct lt_asm {
	const char *fn;
	const char *text;
};

/*
 * Spin synchronisation: meet every other thread before instance v.
 * Bounded: pause, then yield, and give up at the deadline.
 */
static __attribute__((noinline)) int lt_spin_slow(struct lt_thr *th, int t, uint64_t v)
{
	unsigned long k = 0;

	while (th->flags[t * LT_FLAG_STRIDE] < v) {
		mb_cpu_relax();
		if ((++k & 255) == 0) {
			if (mb_counter_read() > th->deadline)
				return -1;
			if (k >= 4096)
				sched_yield();	/* oversubscribed: let the other run */
		}
	}
	return 0;
}

static inline __attribute__((always_inline)) int lt_spin_meet(struct lt_thr *th, uint64_t v)
{
	th->flags[th->tid * LT_FLAG_STRIDE] = v;
	for (int t = 0; t < th->nthreads; t++)
		if (t != th->tid && th->flags[t * LT_FLAG_STRIDE] < v && lt_spin_slow(th, t, v))
			return -1;
	return 0;
}

/* Inside a thread body: location k of this instance, register j's slot. */
#define LT_LOC(k)	((int *)(lt_inst + (long)(k) * lt_sl))
#define LT_OUT(j)	(lt_out[j][lt_i])

/*
 * The location a pointer value v names (src/litmus/ast.h: LT_PTR_VAL(k)
 * is k + 1), computed from v so that an address dependency is in the
 * instructions: v - 1, or location 0 when out of range, by a mask (data
 * flow, never a branch: a branch would make it a control dependency,
 * which orders no later load on a weak arch).  nlocs is the test's.
 */
#define LT_DYN(v, nlocs) \
	LT_LOC(((v) - 1) & -(int)((unsigned)((v) - 1) < (unsigned)(nlocs)))

/*
 * Plain C accesses (`*x = 1`, `r0 = *x`) are emitted as single volatile
 * moves: what the hardware does with the access; the compiler's freedoms
 * with a racy plain access are the LKMM's business (its data-race flag),
 * not something a run can sample.
 */
#define LT_PLAIN_LOAD(p)	(*(volatile int *)(p))
#define LT_PLAIN_STORE(p, v)	(*(volatile int *)(p) = (v))

/* Division as src/litmus/ast.c's lt_expr_eval: by zero gives 0. */
#define LT_DIV(a, b)	((b) == 0 || ((b) == -1 && (a) == (-2147483647 - 1)) ? 0 : (a) / (b))
#define LT_MOD(a, b)	((b) == 0 || ((b) == -1 && (a) == (-2147483647 - 1)) ? 0 : (a) % (b))

/*
 * An arm of an if: a distinct empty asm per arm, so the compiler cannot
 * merge identical stores of both arms into one unconditional store (the
 * control dependency the test is about stays a branch).
 */
#define LT_ARM(tag)	__asm__ __volatile__("# litmus " tag ::: "memory")

#if MB_HAVE_KERNEL_RMW
/*
 * spin_lock: Linux's qspinlock fast path, atomic_try_cmpxchg_acquire(lock,
 * 0, 1), retried after the lock reads free; spin_unlock a release store of
 * 0 (queued_spin_unlock).  The wait is bounded by the batch's deadline: a
 * test whose lock is never released aborts its batch, visibly, instead of
 * hanging.
 */
static inline __attribute__((always_inline)) int lt_spin_lock(struct lt_thr *th, int *p)
{
	unsigned long k = 0;

	while (mb_cmpxchg_acquire(p, 0, 1) != 0)
		do {
			mb_cpu_relax();
			if ((++k & 255) == 0 && mb_counter_read() > th->deadline)
				return -1;
		} while (MB_READ_ONCE(p) != 0);
	return 0;
}

/* spin_trylock: queued_spin_trylock, a read then one cmpxchg_acquire. */
static inline __attribute__((always_inline)) int lt_spin_trylock(int *p)
{
	return MB_READ_ONCE(p) == 0 && mb_cmpxchg_acquire(p, 0, 1) == 0;
}

#define LT_SPIN_LOCK(p) \
	do { if (lt_spin_lock(lt_th, (p))) { LT_EPILOGUE(); lt_th->aborted = 1; return; } } while (0)
#define LT_SPIN_UNLOCK(p)	MB_STORE_RELEASE((p), 0)
#endif

/*
 * LT_PROLOGUE() and LT_EPILOGUE() run at the start and at every end of a
 * batch; the generated file defines them (RCU tests: register the thread
 * with RCU for the batch).
 *
 * Define thread function fname running BODY(FENCE) once per instance.
 * BODY is a statement macro written by src/litmus/gen.c; FENCE the inline
 * barrier of this instantiation (mb_smp_general ...).  The timebase wait
 * spins on the counter without pause: pause costs ~100 cycles on recent
 * cores, coarser than the schedule it keeps.  A thread that is late
 * skips the wait, so it catches up instead of drifting.
 */
#define LT_THREAD_FN(fname, BODY, FENCE) \
static void fname(struct lt_thr *lt_th) \
{ \
	char *const lt_mem = lt_th->mem; \
	const long lt_si = lt_th->si, lt_sl = lt_th->sl; \
	const unsigned lt_n = lt_th->n; \
	int *lt_out[LT_RT_MAX_REGS]; \
	unsigned lt_i; \
	for (int lt_j = 0; lt_j < LT_RT_MAX_REGS; lt_j++) \
		lt_out[lt_j] = lt_th->out[lt_j]; \
	(void)lt_sl; \
	(void)lt_out; \
	LT_PROLOGUE(); \
	if (lt_th->sync == LT_SYNC_TIMEBASE) { \
		const uint64_t lt_t0 = lt_th->t0, lt_delta = lt_th->delta; \
		const uint32_t lt_jmask = lt_th->jmask; \
		uint32_t lt_rng = lt_th->rng; \
		uint64_t lt_late = 0, lt_slack = 0; \
		for (lt_i = 0; lt_i < lt_n; lt_i++) { \
			char *const lt_inst = lt_mem + (long)lt_i * lt_si; \
			uint64_t lt_when = lt_t0 + lt_i * lt_delta; \
			lt_rng ^= lt_rng << 13; \
			lt_rng ^= lt_rng >> 17; \
			lt_rng ^= lt_rng << 5; \
			lt_when += lt_rng & lt_jmask; \
			uint64_t lt_now = mb_counter_read(); \
			if (lt_now < lt_when) { \
				lt_slack += lt_when - lt_now; \
				while (mb_counter_read() < lt_when) \
					; \
			} else { \
				lt_late++; \
			} \
			{ BODY(FENCE) } \
		} \
		lt_th->late = lt_late; \
		lt_th->slack = lt_slack; \
		lt_th->end = mb_counter_read(); \
		lt_th->rng = lt_rng; \
	} else { \
		for (lt_i = 0; lt_i < lt_n; lt_i++) { \
			char *const lt_inst = lt_mem + (long)lt_i * lt_si; \
			if (lt_spin_meet(lt_th, lt_th->seq + lt_i + 1)) { \
				LT_EPILOGUE(); \
				lt_th->aborted = 1; \
				return; \
			} \
			{ BODY(FENCE) } \
		} \
	} \
	LT_EPILOGUE(); \
}

#endif /* MB_LITMUS_RT_H */
