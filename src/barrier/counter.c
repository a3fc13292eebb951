/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/counter.c - frequency of the arch counter: read where the
 * architecture or the OS publishes it, measured against CLOCK_MONOTONIC_RAW
 * otherwise (median of three 20 ms windows).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch/arch.h"
#include "barrier/counter.h"

uint64_t mb_counter_now(void)
{
	return mb_counter_read();
}

double mb_monotonic_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double raw_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double measure_hz(void)
{
	double hz[3];

	for (int i = 0; i < 3; i++) {
		double t0 = raw_s(), t1;
		uint64_t c0 = mb_counter_read(), c1;

		do {
			t1 = raw_s();
		} while (t1 - t0 < 0.020);
		c1 = mb_counter_read();
		hz[i] = (double)(c1 - c0) / (t1 - t0);
	}
	/* median of three */
	if (hz[0] > hz[1]) { double t = hz[0]; hz[0] = hz[1]; hz[1] = t; }
	if (hz[1] > hz[2]) { double t = hz[1]; hz[1] = hz[2]; hz[2] = t; }
	if (hz[0] > hz[1]) { double t = hz[0]; hz[0] = hz[1]; hz[1] = t; }
	return hz[1];
}

/* RISC-V: /proc/device-tree/cpus/timebase-frequency, a big-endian u32. */
static double devicetree_hz(void)
{
	unsigned char b[8];
	FILE *f = fopen("/proc/device-tree/cpus/timebase-frequency", "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	if (n == 4)
		return (double)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]);
	return 0;
}

/* Power: /proc/cpuinfo has "timebase : 512000000". */
static double cpuinfo_timebase_hz(void)
{
	char line[256];
	double hz = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "timebase", 8) && strchr(line, ':')) {
			hz = strtod(strchr(line, ':') + 1, NULL);
			break;
		}
	fclose(f);
	return hz;
}

int mb_counter_init(struct mb_counter_info *ci)
{
	uint64_t c0 = mb_counter_read();
	double t0 = raw_s();

	memset(ci, 0, sizeof(*ci));
	ci->name = MB_COUNTER_NAME;
	ci->unit = MB_COUNTER_UNIT;
#ifdef MB_COUNTER_FALLBACK
	ci->fallback = MB_COUNTER_FALLBACK;
#endif
	while (mb_counter_read() == c0)
		if (raw_s() - t0 > 0.1)
			return -1;	/* does not advance */
	if (mb_counter_arch_hz()) {
		ci->hz = (double)mb_counter_arch_hz();
		ci->hz_source = !strcmp(ci->unit, "ns") ? "nanoseconds by definition" : "cntfrq_el0";
	} else if (!strcmp(ci->name, "rdtime") && (ci->hz = devicetree_hz()) > 0) {
		ci->hz_source = "device tree timebase-frequency";
	} else if (!strcmp(ci->name, "timebase") && (ci->hz = cpuinfo_timebase_hz()) > 0) {
		ci->hz_source = "/proc/cpuinfo timebase";
	} else {
		ci->hz = measure_hz();
		ci->hz_source = "measured vs CLOCK_MONOTONIC_RAW";
	}
	return 0;
}

const struct mb_counter_info *mb_counter(void)
{
	static struct mb_counter_info ci;
	static int done;

	if (!done) {
		if (mb_counter_init(&ci) < 0) {
			ci.name = MB_COUNTER_NAME;
			ci.unit = MB_COUNTER_UNIT;
			ci.hz = 0;
			ci.hz_source = "counter does not advance";
		}
		done = 1;
	}
	return &ci;
}
