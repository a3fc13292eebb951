/* SPDX-License-Identifier: MIT */
/*
 * src/cost/ctx.c - the cost contexts: the code around the barrier in the
 * measured loop, one const record each, and one function per context x
 * barrier x flavour instantiated from arch/arch.h's MB_ALL_BARRIERS so the
 * barrier is inlined, MB_COST_UNROLL copies per loop iteration.  The `none`
 * row of each context is its empty loop: src/cost/sample.c subtracts it.
 *
 * Loads and stores are volatile so that the compiler keeps every one of them
 * whatever the barrier (the `none` and `compiler` rows would otherwise let it
 * merge the U stores to one line into one).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "cost/cost.h"
#include "platform/topo.h"

/* ---- unrolling ------------------------------------------------------ */
#define REP2_(x)	x x
#define REP8_(x)	REP2_(REP2_(REP2_(x)))
#define REP32_(x)	REP2_(REP2_(REP8_(x)))
#if MB_COST_UNROLL != 32
#error "MB_COST_UNROLL changed: update REP32_ and the REP_<kind> table"
#endif

/*
 * Copies per loop iteration, by kind.  membarrier(2) is a system call with
 * IPIs (microseconds): one per iteration keeps the code small, and the
 * loop's own cycle is nothing beside it.  A new kind fails to compile here.
 */
#define REP_mmio	REP32_
#define REP_smp		REP32_
#define REP_dma		REP32_
#define REP_compiler	REP32_
#define REP_c11		REP32_
#define REP_none	REP32_
#define REP_process(x)	x
#define U_mmio		MB_COST_UNROLL
#define U_smp		MB_COST_UNROLL
#define U_dma		MB_COST_UNROLL
#define U_compiler	MB_COST_UNROLL
#define U_c11		MB_COST_UNROLL
#define U_none		MB_COST_UNROLL
#define U_process	1

#define UNROLL_ROW_(k, t, e, kn, no)	U_##k,
static const unsigned unroll_of[] = { MB_ALL_BARRIERS(UNROLL_ROW_) };
#undef UNROLL_ROW_

unsigned mb_cost_unroll(size_t idx)
{
	return idx < sizeof(unroll_of) / sizeof(unroll_of[0]) ? unroll_of[idx] : MB_COST_UNROLL;
}

/* ---- the contexts' loop bodies ---------------------------------------
 * PRE_x: locals before the loop; BODY_x(BAR): one copy; END_x: once per
 * iteration; POST_x: after the loop.  n, the iteration count, is opaque to
 * the compiler (the empty asm) so that no loop is folded away.
 */

/* back-to-back: the barrier alone. */
#define PRE_b2b		(void)a;
#define BODY_b2b(BAR)	BAR();
#define END_b2b
#define POST_b2b

/* after-store: a store to a private line, then the barrier (smp_mb()'s
 * real price: a locked op or mfence must drain the store buffer). */
#define PRE_st		volatile uint64_t *st = a->priv_st;
#define BODY_st(BAR)	*st = n; BAR();
#define END_st
#define POST_st

/* after-load: a load from a private line, then the barrier. */
#define PRE_ld		volatile uint64_t *ld = a->priv_ld;
#define BODY_ld(BAR)	(void)*ld; BAR();
#define END_ld
#define POST_ld

/* store-barrier-load: one thread's half of SB (store x; fence; load y). */
#define PRE_sbl		volatile uint64_t *st = a->priv_st, *ld = a->priv_ld;
#define BODY_sbl(BAR)	*st = n; BAR(); (void)*ld;
#define END_sbl
#define POST_sbl

/* contended: the same, y being the line another PU keeps writing. */
#define PRE_cont	volatile uint64_t *st = a->priv_st, *ld = a->shared;
#define BODY_cont(BAR)	*st = n; BAR(); (void)*ld;
#define END_cont
#define POST_cont

/*
 * cache-miss: store to one line and load from another of a buffer larger
 * than the LLC, the barrier between them.  Line numbers come from
 * Fibonacci hashing of a running position: consecutive lines are ~0.618 of
 * the buffer apart (far beyond any stride prefetcher's reach, a new page
 * each time) and the walk revisits a line only after ~all lines.  The
 * accesses are independent, so the empty loop overlaps its misses and a
 * barrier that serialises them shows its cost.
 */
#define MB_PHI		0x9E3779B97F4A7C15ull
#define PRE_miss	char *buf = a->miss_buf; uint64_t pos = a->miss_pos; \
			const unsigned sh = a->miss_shift;
#define BODY_miss(BAR)	*(volatile uint64_t *)(buf + (((pos * MB_PHI) >> sh) << 6)) = pos; BAR(); \
			(void)*(volatile uint64_t *)(buf + ((((pos + 1) * MB_PHI) >> sh) << 6) + 8); \
			pos += 2;
#define END_miss
#define POST_miss	a->miss_pos = pos;

#define LOOP_(ctx, kind, BAR) \
	PRE_##ctx \
	for (; n; n--) { \
		__asm__ __volatile__("" : "+r"(n)); \
		REP_##kind(BODY_##ctx(BAR)) \
		END_##ctx \
	} \
	POST_##ctx

#define DEFINE_FNS_(ctx, kind, type) \
	static __attribute__((noinline)) void cost_##ctx##_##kind##_##type(struct mb_cost_arg *a, uint64_t n) \
	{ LOOP_(ctx, kind, mb_##kind##_##type) } \
	static __attribute__((noinline)) void cost_##ctx##_##kind##_##type##_k(struct mb_cost_arg *a, uint64_t n) \
	{ LOOP_(ctx, kind, mb_##kind##_##type##_kernel) }

#define TABLE_ROW_(ctx, kind, type)	{ cost_##ctx##_##kind##_##type, cost_##ctx##_##kind##_##type##_k },

#define DEF_b2b_(k, t, e, kn, no)	DEFINE_FNS_(b2b, k, t)
#define ROW_b2b_(k, t, e, kn, no)	TABLE_ROW_(b2b, k, t)
#define DEF_st_(k, t, e, kn, no)	DEFINE_FNS_(st, k, t)
#define ROW_st_(k, t, e, kn, no)	TABLE_ROW_(st, k, t)
#define DEF_ld_(k, t, e, kn, no)	DEFINE_FNS_(ld, k, t)
#define ROW_ld_(k, t, e, kn, no)	TABLE_ROW_(ld, k, t)
#define DEF_sbl_(k, t, e, kn, no)	DEFINE_FNS_(sbl, k, t)
#define ROW_sbl_(k, t, e, kn, no)	TABLE_ROW_(sbl, k, t)
#define DEF_cont_(k, t, e, kn, no)	DEFINE_FNS_(cont, k, t)
#define ROW_cont_(k, t, e, kn, no)	TABLE_ROW_(cont, k, t)
#define DEF_miss_(k, t, e, kn, no)	DEFINE_FNS_(miss, k, t)
#define ROW_miss_(k, t, e, kn, no)	TABLE_ROW_(miss, k, t)

MB_ALL_BARRIERS(DEF_b2b_)
MB_ALL_BARRIERS(DEF_st_)
MB_ALL_BARRIERS(DEF_ld_)
MB_ALL_BARRIERS(DEF_sbl_)
MB_ALL_BARRIERS(DEF_cont_)
MB_ALL_BARRIERS(DEF_miss_)

static const mb_cost_fn fns_b2b[][2] = { MB_ALL_BARRIERS(ROW_b2b_) };
static const mb_cost_fn fns_st[][2] = { MB_ALL_BARRIERS(ROW_st_) };
static const mb_cost_fn fns_ld[][2] = { MB_ALL_BARRIERS(ROW_ld_) };
static const mb_cost_fn fns_sbl[][2] = { MB_ALL_BARRIERS(ROW_sbl_) };
static const mb_cost_fn fns_cont[][2] = { MB_ALL_BARRIERS(ROW_cont_) };
static const mb_cost_fn fns_miss[][2] = { MB_ALL_BARRIERS(ROW_miss_) };

/* ---- supported() and setup --------------------------------------------- */
static bool always(const struct mb_cost_env *env, const char **reason)
{
	(void)env;
	(void)reason;
	return true;
}

static bool have_second_pu(const struct mb_cost_env *env, const char **reason)
{
	if (env->other_pu >= 0)
		return true;
	*reason = "needs a second PU for the writer thread: only one PU is available to this process";
	return false;
}

/* contended: the writer thread, pinned to env->other_pu. */
static struct {
	pthread_t tid;
	int pu;
	uint64_t *line;
	atomic_int state;	/* 0 starting, 1 writing, -1 could not pin */
	atomic_int stop __attribute__((aligned(MB_COST_LINE)));
} writer;

static void *writer_main(void *unused)
{
	volatile uint64_t *line = writer.line;
	uint64_t v = 0;
	char err[256];

	(void)unused;
	if (mb_topo_pin_self(writer.pu, err, sizeof(err)) < 0) {
		atomic_store(&writer.state, -1);
		return NULL;
	}
	atomic_store(&writer.state, 1);
	while (!atomic_load_explicit(&writer.stop, memory_order_relaxed))
		for (int i = 0; i < 64; i++)
			*line = ++v;
	return NULL;
}

static int writer_start(const struct mb_cost_env *env, struct mb_cost_arg *a, const char **reason)
{
	writer.pu = env->other_pu;
	writer.line = a->shared;
	atomic_store(&writer.state, 0);
	atomic_store(&writer.stop, 0);
	if (pthread_create(&writer.tid, NULL, writer_main, NULL)) {
		*reason = "cannot start the writer thread";
		return -1;
	}
	while (atomic_load(&writer.state) == 0)
		mb_cpu_relax();
	if (atomic_load(&writer.state) < 0) {
		pthread_join(writer.tid, NULL);
		*reason = "cannot pin the writer thread to the second PU";
		return -1;
	}
	a->watch_shared = true;
	return 0;
}

static void writer_stop(struct mb_cost_arg *a)
{
	(void)a;
	atomic_store(&writer.stop, 1);
	pthread_join(writer.tid, NULL);
}

/*
 * cache-miss where lines can be flushed (MB_HAVE_FLUSH_LINE): a buffer of
 * MISS_FLUSHED_BYTES, and before each timed call the lines it will touch
 * are flushed (untimed), so each access goes to memory whatever the LLC's
 * size: 32 MiB holds 512k lines, far more than the ~10k one 100 us sample
 * touches, so no line comes round twice within a sample.  Elsewhere: a
 * power of two at least twice the LLC and 64 MiB, at most 1 GiB and a
 * quarter of RAM, with a warning when that cap leaves it smaller than twice
 * the LLC.  Transparent huge pages where allowed: the point is cache misses,
 * not page walks.
 */
#define MISS_FLUSHED_BYTES	(32ull << 20)

static void miss_prime(struct mb_cost_arg *a, uint64_t n)
{
	const char *buf = a->miss_buf;
	const unsigned sh = a->miss_shift;
	uint64_t end = a->miss_pos + 2 * n * MB_COST_UNROLL;

	for (uint64_t pos = a->miss_pos; pos < end; pos++)
		mb_flush_line(buf + (((pos * MB_PHI) >> sh) << 6));
	mb_mmio_general();	/* every flush done before the timed region starts */
}

static int miss_setup(const struct mb_cost_env *env, struct mb_cost_arg *a, const char **reason)
{
	(void)env;	/* the buffer depends on the machine's caches, not the PUs */
	uint64_t llc = mb_topo_largest_cache(), want = 2 * llc, cap = 1ull << 30, size = 64ull << 20;
	long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
	unsigned lines_log2 = 0;
	void *p;

	if (MB_HAVE_FLUSH_LINE) {
		size = cap = MISS_FLUSHED_BYTES;
	} else {
		if (pages > 0 && psz > 0 && (uint64_t)pages * (uint64_t)psz / 4 < cap)
			cap = (uint64_t)pages * (uint64_t)psz / 4;
		while (size < want && size * 2 <= cap)
			size *= 2;
		if (size < want)
			fprintf(stderr, "membench: warning: cache-miss: a %llu MiB buffer, less than "
				"twice the %llu MiB LLC (capped by memory): some accesses may hit\n",
				(unsigned long long)(size >> 20), (unsigned long long)(llc >> 20));
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "membench: warning: cache-miss: cannot map a %llu MiB buffer: %s; "
			"the context is unsupported in this run\n", (unsigned long long)(size >> 20),
			strerror(errno));
		*reason = "cannot map the cache-miss buffer";
		return -1;
	}
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);
#endif
	memset(p, 1, size);	/* fault every page in now, not in the loop */
	while ((64ull << lines_log2) < size)
		lines_log2++;
	a->miss_buf = p;
	a->miss_bytes = size;
	a->miss_shift = 64 - lines_log2;
	a->miss_pos = 0;
	a->prime = MB_HAVE_FLUSH_LINE ? miss_prime : NULL;
	return 0;
}

static void miss_teardown(struct mb_cost_arg *a)
{
	if (a->miss_buf)
		munmap(a->miss_buf, a->miss_bytes);
	a->miss_buf = NULL;
	a->miss_bytes = 0;
}

const struct mb_cost_context mb_cost_contexts[] = {
	{ "back-to-back", "a long unrolled run of the barrier alone",
	  fns_b2b, always, NULL, NULL, false },
	{ "after-store", "store to a private line, then the barrier (drains the store buffer)",
	  fns_st, always, NULL, NULL, false },
	{ "after-load", "load from a private line, then the barrier",
	  fns_ld, always, NULL, NULL, false },
	{ "store-barrier-load", "store x; barrier; load y on private lines (one thread of SB)",
	  fns_sbl, always, NULL, NULL, false },
	{ "contended", "store x; barrier; load y while a thread on another PU keeps writing y",
	  fns_cont, have_second_pu, writer_start, writer_stop, true },
	{ "cache-miss", "store and load to lines flushed from every cache (or of a buffer larger than "
	  "the LLC), barrier between",
	  fns_miss, always, miss_setup, miss_teardown, false },
};
const size_t mb_cost_ncontexts = sizeof(mb_cost_contexts) / sizeof(mb_cost_contexts[0]);

const struct mb_cost_context *mb_cost_context_find(const char *name)
{
	for (size_t i = 0; i < mb_cost_ncontexts; i++)
		if (!strcmp(mb_cost_contexts[i].name, name))
			return &mb_cost_contexts[i];
	return NULL;
}
