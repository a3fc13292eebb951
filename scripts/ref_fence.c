/* SPDX-License-Identifier: MIT */
/*
 * scripts/ref_fence.c - a hand-rolled reference for scripts/bench_cost.sh,
 * sharing no code with membench: N fences (default 1e7) in a 32-times
 * unrolled asm loop timed with rdtsc, minus the same loop with no fence, on
 * a pinned CPU.  The N are timed in 100 chunks and the median chunk kept:
 * one 0.1 s region on a shared 2-vCPU machine is mostly someone else's
 * time slice.  Prints "<fence> <ticks per fence> <cycles per fence>" where
 * cycles come from a dependent `add reg, reg` chain timed beside each chunk
 * (one add a cycle).
 * x86 only.  Usage: ref_fence mfence|lfence|sfence|lockadd|compiler [N] [CPU]
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__x86_64__)
int main(void)
{
	fputs("ref_fence: x86_64 only\n", stderr);
	return 3;
}
#else

#define CHUNKS	100
#define R8(x)	x x x x x x x x
#define R32(x)	R8(x) R8(x) R8(x) R8(x)

static inline uint64_t tsc_begin(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("mfence; lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t tsc_end(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("mfence; rdtscp; lfence" : "=a"(lo), "=d"(hi) :: "ecx", "memory");
	return ((uint64_t)hi << 32) | lo;
}

#define LOOP(name, insn) \
	static __attribute__((noinline)) uint64_t name(uint64_t iters) \
	{ \
		uint64_t t0 = tsc_begin(); \
		for (uint64_t i = iters; i; i--) \
			__asm__ __volatile__(R32(insn) : "+r"(i) :: "memory"); \
		return tsc_end() - t0; \
	}

LOOP(loop_empty, "")
LOOP(loop_mfence, "mfence\n\t")
LOOP(loop_lfence, "lfence\n\t")
LOOP(loop_sfence, "sfence\n\t")
LOOP(loop_lockadd, "lock; addl $0,-4(%%rsp)\n\t")

static __attribute__((noinline)) uint64_t loop_chain(uint64_t iters)
{
	uint64_t t0 = tsc_begin(), acc = 1, b = 3;

	for (uint64_t i = iters; i; i--)
		__asm__ __volatile__(R32("add %1, %0\n\t") : "+r"(acc) : "r"(b));
	return tsc_end() - t0 + (acc & 0);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; uint64_t (*fn)(uint64_t); } fences[] = {
		{ "mfence", loop_mfence }, { "lfence", loop_lfence }, { "sfence", loop_sfence },
		{ "lockadd", loop_lockadd }, { "compiler", loop_empty },
	};
	uint64_t (*fn)(uint64_t) = NULL;
	uint64_t n = argc > 2 ? strtoull(argv[2], NULL, 0) : 10000000, iters;
	double per[CHUNKS], tpc[CHUNKS];
	cpu_set_t set;

	for (size_t i = 0; argc > 1 && i < sizeof(fences) / sizeof(fences[0]); i++)
		if (!strcmp(argv[1], fences[i].name))
			fn = fences[i].fn;
	if (!fn) {
		fputs("usage: ref_fence mfence|lfence|sfence|lockadd|compiler [N] [CPU]\n", stderr);
		return 2;
	}
	if (argc > 3) {
		CPU_ZERO(&set);
		CPU_SET(atoi(argv[3]), &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("ref_fence: sched_setaffinity");
			return 4;
		}
	}
	iters = n / 32 / CHUNKS ? n / 32 / CHUNKS : 1;
	fn(iters);		/* warm up */
	loop_empty(iters);
	for (int r = 0; r < CHUNKS; r++) {
		double e = (double)loop_empty(iters), f = (double)fn(iters);
		double c = (double)loop_chain(iters);

		per[r] = (f - e) / (double)(iters * 32);
		tpc[r] = c / (double)(iters * 32);
	}
	qsort(per, CHUNKS, sizeof(per[0]), cmp);
	qsort(tpc, CHUNKS, sizeof(tpc[0]), cmp);
	printf("%s %.3f %.2f\n", argv[1], per[CHUNKS / 2], per[CHUNKS / 2] / tpc[CHUNKS / 2]);
	return 0;
}
#endif
