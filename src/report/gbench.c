/* SPDX-License-Identifier: MIT */
/*
 * src/report/gbench.c - `--format gbench` (alias github-benchmark): the cost
 * entries as Google Benchmark's JSON, which github-action-benchmark reads
 * with `tool: googlecpp`.  One benchmark per barrier x context, named
 * "smp.general/back-to-back"; real_time and cpu_time are the median cost of
 * one barrier in ns, and the counter's own unit is kept as a user counter
 * ("ticks", plus "cycles" when measured).  Unsupported rows are left out:
 * a benchmark with no time would read as a 0 ns improvement.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/result.h"

/* Median ns per barrier: measured, or converted from counter ticks at host.counter.hz. */
static double median_ns(const struct mb_result *r, const struct mb_cost_entry *e)
{
	const char *unit = r->host.counter_unit ? r->host.counter_unit : "ticks";

	if (e->ns.n > 0 || e->ns.median != 0)
		return e->ns.median;
	if (!strcmp(unit, "ns"))
		return e->ticks.median;
	if (r->host.counter_hz > 0)
		return e->ticks.median * 1e9 / r->host.counter_hz;
	return NAN;
}

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

int mb_report_gbench(const struct mb_result *r, FILE *out)
{
	json_t *root = json_object(), *ctx = json_object(), *list = json_array();
	char host[256] = "unknown";
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
	json_object_set_new(ctx, "counter", json_string(r->host.counter_name ? r->host.counter_name : ""));
	json_object_set_new(ctx, "counter_unit", json_string(r->host.counter_unit ? r->host.counter_unit : ""));
	json_object_set_new(root, "context", ctx);

	for (size_t i = 0; i < r->ncost; i++) {
		const struct mb_cost_entry *e = &r->cost[i];
		json_t *b;
		char *name;
		double ns = median_ns(r, e);

		if (!e->supported || !isfinite(ns))
			continue;
		b = json_object();
		name = mb_asprintf("%s/%s", e->barrier ? e->barrier : "?", e->context ? e->context : "?");
		json_object_set_new(b, "name", json_string(name));
		json_object_set_new(b, "family_index", json_integer(family++));
		json_object_set_new(b, "per_family_instance_index", json_integer(0));
		json_object_set_new(b, "run_name", json_string(name));
		json_object_set_new(b, "run_type", json_string("iteration"));
		json_object_set_new(b, "repetitions", json_integer(1));
		json_object_set_new(b, "repetition_index", json_integer(0));
		json_object_set_new(b, "threads", json_integer(1));
		json_object_set_new(b, "iterations", json_integer(
			(json_int_t)(e->iterations * (e->ticks.n ? e->ticks.n : 1))));
		json_object_set_new(b, "real_time", num(ns));
		json_object_set_new(b, "cpu_time", num(ns));
		json_object_set_new(b, "time_unit", json_string("ns"));
		json_object_set_new(b, "ticks", num(e->ticks.median));
		if (e->have_cycles)
			json_object_set_new(b, "cycles", num(e->cycles.median));
		json_object_set_new(b, "instruction", json_string(e->instruction ? e->instruction : ""));
		json_array_append_new(list, b);
		free(name);
	}
	json_object_set_new(root, "benchmarks", list);
	if (json_dumpf(root, out, JSON_INDENT(2)) || fputc('\n', out) == EOF || fflush(out) == EOF)
		rc = mb_fail(MB_EXIT_ENV, "cannot write the gbench report");
	json_decref(root);
	return rc;
}
