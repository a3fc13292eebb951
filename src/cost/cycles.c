/* SPDX-License-Identifier: MIT */
/*
 * src/cost/cycles.c - core cycles for the cost engine, only when real.
 *
 * The arch counter (TSC, cntvct ...) ticks at a fixed rate, not in core
 * cycles.  Cycles come from perf_event_open(PERF_COUNT_HW_CPU_CYCLES) where
 * the machine has a PMU (VMs often do not), else from a calibration: a
 * chain of dependent register-register adds retires one add per core cycle,
 * so its counter ticks per add are ticks per cycle.  `add reg, imm` is not
 * used: recent Intel cores may fold immediate adds at rename, which would
 * make the chain faster than one per cycle.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <linux/perf_event.h>
#include <sys/syscall.h>
#define MB_HAVE_PERF 1
#else
#define MB_HAVE_PERF 0
#endif

#include "arch/arch.h"
#include "barrier/counter.h"
#include "cost/cost.h"
#include "stats/stats.h"

#define ADDS_PER_ITER	64
#define REP4_(x)	x x x x
#define REP64_(x)	REP4_(REP4_(REP4_(x)))

/* One dependent add: %0 += %1, in each arch's syntax. */
#if defined(__x86_64__) || defined(__i386__)
#define MB_ADD_CHAIN	"add %1, %0\n\t"
#elif defined(__aarch64__) || defined(__arm__) || defined(__riscv)
#define MB_ADD_CHAIN	"add %0, %0, %1\n\t"
#elif defined(__powerpc64__)
#define MB_ADD_CHAIN	"add %0,%0,%1\n\t"
#endif

#ifdef MB_ADD_CHAIN
static __attribute__((noinline)) unsigned long add_chain(uint64_t n, unsigned long b)
{
	unsigned long acc = 1;

	for (; n; n--)
		__asm__ __volatile__(REP64_(MB_ADD_CHAIN) : "+r"(acc) : "r"(b));
	return acc;
}
#endif

#if MB_HAVE_PERF
static int perf_open(bool exclude_kernel)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HARDWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_HW_CPU_CYCLES;
	attr.exclude_hv = 1;
	attr.exclude_kernel = exclude_kernel;
	return (int)syscall(__NR_perf_event_open, &attr, 0, -1, -1, 0);
}
#endif

uint64_t mb_cycles_read(const struct mb_cycles *c)
{
#if MB_HAVE_PERF
	uint64_t v;

	if (c->perf_fd >= 0 && read(c->perf_fd, &v, sizeof(v)) == (ssize_t)sizeof(v))
		return v;
#else
	(void)c;
#endif
	return 0;
}

/* Ticks of one run of n chain iterations (and perf cycles, when c has them). */
static double chain_run(const struct mb_cycles *c, uint64_t n, double *cycles)
{
#ifdef MB_ADD_CHAIN
	uint64_t c0 = mb_cycles_read(c), t0, t1, c1;
	volatile unsigned long keep;

	t0 = mb_counter_begin();
	keep = add_chain(n, 3);
	t1 = mb_counter_end();
	c1 = mb_cycles_read(c);
	(void)keep;
	if (cycles)
		*cycles = (double)(c1 - c0);
	return (double)(t1 - t0);
#else
	(void)c; (void)n;
	if (cycles)
		*cycles = 0;
	return 0;
#endif
}

/* Chain iterations that take about `seconds`. */
static uint64_t chain_size(const struct mb_cycles *c, double seconds)
{
	double hz = mb_counter()->hz, t;
	uint64_t n = 256;

	if (hz <= 0)
		hz = 1e9;
	for (;;) {
		t = chain_run(c, n, NULL);
		if (t >= hz * 1e-4 || n > (1ull << 40))
			break;
		n *= 4;
	}
	return t > 0 ? (uint64_t)((double)n * hz * seconds / t) + 1 : n;
}

double mb_cycles_calibrate(int reps, const char **why)
{
#ifdef MB_ADD_CHAIN
	struct mb_cycles none = { .perf_fd = -1 };
	uint64_t n = chain_size(&none, 5e-4);
	double *v = mb_xcalloc((size_t)reps, sizeof(*v)), med;

	(void)why;
	chain_run(&none, n, NULL);	/* warm */
	for (int i = 0; i < reps; i++)
		v[i] = chain_run(&none, n, NULL) / ((double)n * ADDS_PER_ITER);
	med = mb_median_inplace(v, (size_t)reps);
	free(v);
	return med;
#else
	(void)reps;
	*why = "no core cycles: no perf cycles and no add-chain calibration for this arch";
	return 0;
#endif
}

/* ticks per cycle with perf: both counted over the same add-chain runs. */
static double perf_ratio(const struct mb_cycles *c, bool *counts)
{
	uint64_t n = chain_size(c, 5e-4);
	double v[7], cyc;

	*counts = true;
	for (int i = 0; i < 7; i++) {
		double t = chain_run(c, n, &cyc);

		if (cyc <= 0) {
			*counts = false;
			return 0;
		}
		v[i] = t / cyc;
	}
	return mb_median_inplace(v, 7);
}

double mb_cycles_chain_sample(const struct mb_cycles *c, double tick_ovh)
{
	double t;

	if (!c->chain_n)
		return 0;
	mb_mmio_general();	/* as the sampler's own timed regions */
	t = chain_run(c, c->chain_n, NULL) - tick_ovh;
	return t > 0 ? t / ((double)c->chain_n * ADDS_PER_ITER) : 0;
}

void mb_cycles_init(struct mb_cycles *c)
{
	const char *why = NULL;
	char perf_why[96] = "perf_event_open: not on this OS";

	memset(c, 0, sizeof(*c));
	c->perf_fd = -1;
#if MB_HAVE_PERF
	{
		int fd = perf_open(false);
		bool user_only = false, counts;

		if (fd < 0 && (errno == EACCES || errno == EPERM)) {
			fd = perf_open(true);
			user_only = true;
		}
		if (fd < 0) {
			snprintf(perf_why, sizeof(perf_why), "perf_event_open cycles: %s", strerror(errno));
		} else {
			c->perf_fd = fd;
			c->ticks_per_cycle = perf_ratio(c, &counts);
			if (counts && c->ticks_per_cycle > 0) {
				c->available = c->perf = true;
				c->perf_user_only = user_only;
				snprintf(c->source, sizeof(c->source), "%s", user_only ?
					 "perf_event_open (user mode only: kernel cycles excluded by perf_event_paranoid)" :
					 "perf_event_open");
				return;
			}
			close(fd);
			c->perf_fd = -1;
			snprintf(perf_why, sizeof(perf_why), "perf_event_open cycles: opened but does not count");
		}
	}
#endif
	c->ticks_per_cycle = mb_cycles_calibrate(15, &why);
	if (c->ticks_per_cycle > 0) {
		c->available = true;
		c->chain_n = chain_size(c, 20e-6);
		snprintf(c->source, sizeof(c->source), "calibrated: dependent add chain (%s)", perf_why);
	} else {
		c->ticks_per_cycle = 0;
		snprintf(c->source, sizeof(c->source), "%s; %s", why ? why : "no core cycles", perf_why);
	}
}

void mb_cycles_close(struct mb_cycles *c)
{
	if (c->perf_fd >= 0)
		close(c->perf_fd);
	c->perf_fd = -1;
}
