/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/counter.h - the architecture's counter (arch/<arch>.h
 * mb_counter_read()), with its name, unit and frequency as measured or
 * read here.  A TSC counts ticks at a fixed rate, not core cycles; core
 * cycles come only from perf or a calibration (src/cost/cycles.c).
 */
#ifndef MB_COUNTER_H
#define MB_COUNTER_H

#include <stdint.h>

struct mb_counter_info {
	const char *name;	/* "tsc", "cntvct", "rdtime", "timebase", "clock_gettime" */
	const char *unit;	/* "ticks" or "ns" */
	double hz;		/* counts per second */
	const char *hz_source;	/* "cntfrq_el0", "device tree", "measured vs CLOCK_MONOTONIC_RAW" ... */
	const char *fallback;	/* NULL, or why a fallback counter is used */
};

/* Fill *ci once (measures for up to ~60 ms); returns 0, or -1 if the counter does not advance. */
int mb_counter_init(struct mb_counter_info *ci);
/* The cached result of mb_counter_init() (calls it on first use). */
const struct mb_counter_info *mb_counter(void);
uint64_t mb_counter_now(void);		/* mb_counter_read(), out of line */
double mb_monotonic_s(void);		/* CLOCK_MONOTONIC in seconds */

#endif
