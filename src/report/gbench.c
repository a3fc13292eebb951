/* SPDX-License-Identifier: MIT */
/*
 * src/report/gbench.c - `--format gbench` (alias github-benchmark): the cost
 * entries as Google Benchmark's JSON, shaped as it writes a run with
 * --benchmark_repetitions, so that its tools/compare.py can judge two files
 * (U test included).  One benchmark per barrier x context, named
 * "smp.general/back-to-back"; each sample is one repetition (run_type
 * "iteration", repetition_index in sample order, sweeps one after the
 * other), followed by the aggregates "_mean", "_median" and "_stddev" of
 * those repetitions, computed as Google Benchmark computes them
 * (src/statistics.cc there: sample stddev, median of two middles).
 *
 * real_time and cpu_time are ns per barrier, from the counter ticks at
 * host.counter.hz; the ticks themselves (and cycles, when measured) are
 * kept as user counters.  A sample below the resolution - 1 ns, the unit
 * written, or one counter tick where a tick is longer - is written as that
 * floor and labelled: such a figure is the difference of two loops and
 * moves by tenths of a tick from run to run, so its relative change (+5439%
 * on a free compiler barrier) says nothing; at the floor both sides read
 * the same and the change is 0.  The floor does not depend on the measured
 * counter rate (1 ns for any counter faster than 1 GHz), so two runs floor
 * to the very same value and the U test sees ties, not a shift.
 * membench compare keeps its own rule (changes under half a tick do not
 * count).  Unsupported rows are left out: a benchmark with no time would
 * read as a 0 ns improvement.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/base.h"
#include "report/report.h"
#include "result/json_num.h"
#include "result/result.h"
#include "stats/stats.h"

/* The resolution of a figure here: 1 ns (the unit), or a counter tick where that is longer. */
#define MB_GBENCH_FLOOR_NS	1.0

static const char floor_label[] = "below the resolution (1 ns or 1 counter tick): written as the floor";

/* ns per counter unit; NaN when the counter's rate is not known. */
static double ns_per_unit(const struct mb_result *r)
{
	const char *unit = r->host.counter_unit ? r->host.counter_unit : "ticks";

	if (!strcmp(unit, "ns"))
		return 1;
	return r->host.counter_hz > 0 ? 1e9 / r->host.counter_hz : NAN;
}

enum agg { AGG_MEAN, AGG_MEDIAN, AGG_STDDEV, AGG_N };
static const char *const agg_names[AGG_N] = { "mean", "median", "stddev" };

/*
 * Google Benchmark's aggregates of v[0..n), n >= 2.  The sample stddev in
 * two passes, not its one-pass form: repetitions all at the floor then give
 * exactly 0 on both sides, which compare.py reads as no change, where
 * rounding residue (1e-17 against 1e-10) read as +12559609%.
 */
static double aggregate(enum agg a, const double *v, size_t n)
{
	double sum = 0, sq = 0, mean;

	for (size_t i = 0; i < n; i++)
		sum += v[i];
	mean = sum / (double)n;
	switch (a) {
	case AGG_MEAN:
		return mean;
	case AGG_MEDIAN:
		return mb_median(v, n);
	case AGG_STDDEV:
	default:
		for (size_t i = 0; i < n; i++)
			sq += (v[i] - mean) * (v[i] - mean);
		return sqrt(sq / ((double)n - 1));
	}
}

/* The fields every entry of one benchmark shares, in Google Benchmark's order. */
static json_t *bench_head(const char *name, const char *run_name, int family, bool agg,
			  size_t reps)
{
	json_t *b = json_object();

	json_object_set_new(b, "name", json_string(name));
	json_object_set_new(b, "family_index", json_integer(family));
	json_object_set_new(b, "per_family_instance_index", json_integer(0));
	json_object_set_new(b, "run_name", json_string(run_name));
	json_object_set_new(b, "run_type", json_string(agg ? "aggregate" : "iteration"));
	json_object_set_new(b, "repetitions", json_integer((json_int_t)reps));
	return b;
}

static void bench_times(json_t *b, double iterations, double ns)
{
	json_object_set_new(b, "iterations", json_integer((json_int_t)iterations));
	json_object_set_new(b, "real_time", mb_json_num(ns));
	json_object_set_new(b, "cpu_time", mb_json_num(ns));
	json_object_set_new(b, "time_unit", json_string("ns"));
}

/* One cost entry: its repetitions, then their aggregates. */
static void add_entry(json_t *list, const struct mb_cost_entry *e, double unit_ns, int family)
{
	size_t n = e->ticks.n;
	bool cycles = e->have_cycles && e->cycles.n == n && e->cycles.samples;
	double *ns = mb_xcalloc(n, sizeof(*ns)), floor_ns = fmax(MB_GBENCH_FLOOR_NS, unit_ns);
	double *ticks = mb_xcalloc(n, sizeof(*ticks)), *cyc = mb_xcalloc(n, sizeof(*cyc));
	char *name = mb_asprintf("%s/%s", e->barrier ? e->barrier : "?", e->context ? e->context : "?");
	size_t nfloored = 0, m = 0;

	for (size_t k = 0; k < n; k++) {
		double t = e->ticks.samples[k];
		json_t *b;
		bool floored;

		if (!isfinite(t))
			continue;
		floored = t * unit_ns < floor_ns;
		nfloored += floored;
		ticks[m] = t;
		cyc[m] = cycles ? e->cycles.samples[k] : NAN;
		ns[m] = floored ? floor_ns : t * unit_ns;
		b = bench_head(name, name, family, false, n);
		json_object_set_new(b, "repetition_index", json_integer((json_int_t)k));
		json_object_set_new(b, "threads", json_integer(1));
		bench_times(b, (double)e->iterations, ns[m]);
		json_object_set_new(b, "ticks", mb_json_num(t));
		if (cycles)
			json_object_set_new(b, "cycles", mb_json_num(cyc[m]));
		json_object_set_new(b, "instruction", json_string(e->instruction ? e->instruction : ""));
		if (floored)
			json_object_set_new(b, "label", json_string(floor_label));
		json_array_append_new(list, b);
		m++;
	}
	/* As Google Benchmark: aggregates from two repetitions on; a label only when all share it. */
	for (int a = 0; m >= 2 && a < AGG_N; a++) {
		char *aname = mb_asprintf("%s_%s", name, agg_names[a]);
		json_t *b = bench_head(aname, name, family, true, n);

		json_object_set_new(b, "threads", json_integer(1));
		json_object_set_new(b, "aggregate_name", json_string(agg_names[a]));
		json_object_set_new(b, "aggregate_unit", json_string("time"));
		bench_times(b, (double)m, aggregate((enum agg)a, ns, m));
		json_object_set_new(b, "ticks", mb_json_num(aggregate((enum agg)a, ticks, m)));
		if (cycles)
			json_object_set_new(b, "cycles", mb_json_num(aggregate((enum agg)a, cyc, m)));
		json_object_set_new(b, "instruction", json_string(e->instruction ? e->instruction : ""));
		if (nfloored == m)
			json_object_set_new(b, "label", json_string(floor_label));
		json_array_append_new(list, b);
		free(aname);
	}
	free(name);
	free(ns);
	free(ticks);
	free(cyc);
}

int mb_report_gbench(const struct mb_result *r, FILE *out)
{
	json_t *root = json_object(), *ctx = json_object(), *list = json_array();
	char host[256] = "unknown";
	double unit_ns = ns_per_unit(r);
	int rc = MB_EXIT_OK, family = 0;

	gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = 0;
	json_object_set_new(ctx, "date", json_string(r->created ? r->created : ""));
	json_object_set_new(ctx, "host_name", json_string(host));
	json_object_set_new(ctx, "executable", json_string("membench"));
	json_object_set_new(ctx, "num_cpus", json_integer(r->host.pus));
	/*
	 * The core clock where membench knows it (counter Hz / ticks per cycle),
	 * else the counter's rate, and which one it is: a TSC's rate is not the
	 * core's.  Whether frequency scaling is on is not known: not claimed.
	 */
	if (r->host.cycles_available && r->host.ticks_per_cycle > 0 && r->host.counter_hz > 0) {
		json_object_set_new(ctx, "mhz_per_cpu", json_integer((json_int_t)llround(
			r->host.counter_hz / r->host.ticks_per_cycle / 1e6)));
		json_object_set_new(ctx, "mhz_source", json_string("core clock, from cycles calibration"));
	} else {
		json_object_set_new(ctx, "mhz_per_cpu", json_integer(
			(json_int_t)llround(r->host.counter_hz > 0 ? r->host.counter_hz / 1e6 : 0)));
		json_object_set_new(ctx, "mhz_source", json_string("counter rate, not the core clock"));
	}
	json_object_set_new(ctx, "caches", json_array());
	json_object_set_new(ctx, "library_build_type", json_string("release"));
	json_object_set_new(ctx, "membench_version", json_string(r->host.version ? r->host.version : ""));
	json_object_set_new(ctx, "arch", json_string(r->host.arch ? r->host.arch : ""));
	json_object_set_new(ctx, "cpu_model", json_string(r->host.cpu_model ? r->host.cpu_model : ""));
	json_object_set_new(ctx, "counter", json_string(r->host.counter_name ? r->host.counter_name : ""));
	json_object_set_new(ctx, "counter_unit", json_string(r->host.counter_unit ? r->host.counter_unit : ""));
	/* Under an emulator every time below is the emulator's: say so where a dashboard reads it. */
	json_object_set_new(ctx, "emulated", json_boolean(r->host.emulated));
	if (r->host.emulated)
		json_object_set_new(ctx, "emulation", json_string(r->host.emulation ? r->host.emulation :
								  "run under an emulator"));
	json_object_set_new(root, "context", ctx);

	for (size_t i = 0; isfinite(unit_ns) && i < r->ncost; i++) {
		const struct mb_cost_entry *e = &r->cost[i];

		if (e->supported && e->ticks.n > 0 && e->ticks.samples)
			add_entry(list, e, unit_ns, family++);
	}
	json_object_set_new(root, "benchmarks", list);
	if (json_dumpf(root, out, JSON_INDENT(2)) || fputc('\n', out) == EOF || fflush(out) == EOF)
		rc = mb_fail(MB_EXIT_ENV, "cannot write the gbench report");
	json_decref(root);
	return rc;
}
