/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_gbench.c - src/report/gbench.c: a result built here comes out
 * as Google Benchmark writes --benchmark_repetitions runs (what its
 * tools/compare.py partitions by name and feeds to its U test): each sample
 * one repetition, then _mean, _median, _stddev with Google Benchmark's
 * arithmetic; samples below the resolution read exactly the floor, however
 * the measured counter rate wobbles between runs; unsupported rows are left
 * out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "commands/engines.h"
#include "result/result.h"

static void entry(struct mb_result *r, const char *barrier, bool supported, const double *t, size_t n)
{
	struct mb_cost_entry *e = mb_result_add_cost(r);

	e->kind = mb_strdup("smp");
	e->type = mb_strdup("general");
	e->barrier = mb_strdup(barrier);
	e->instruction = mb_strdup("insn");
	e->context = mb_strdup("back-to-back");
	e->supported = supported;
	e->iterations = 3200;
	e->repetitions = 1;
	e->ticks.n = n;
	e->ticks.samples = n ? mb_xcalloc(n, sizeof(double)) : NULL;
	for (size_t i = 0; i < n; i++)
		e->ticks.samples[i] = t[i];
}

/* The report of r as parsed JSON. */
static json_t *report(const struct mb_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *j;
	json_error_t err;
	int rc = mb_report_gbench(r, f);	/* CHECK evaluates its condition twice */

	CHECK(rc == 0, "report written");
	fclose(f);
	j = json_loads(buf, 0, &err);
	CHECK(j != NULL, "the report parses (%s)", j ? "yes" : err.text);
	free(buf);
	return j;
}

static json_t *find(json_t *list, const char *name)
{
	size_t i;
	json_t *b;

	json_array_foreach(list, i, b)
		if (!strcmp(json_string_value(json_object_get(b, "name")), name))
			return b;
	return NULL;
}

static double field(json_t *b, const char *k)
{
	return b ? json_number_value(json_object_get(b, k)) : NAN;
}

static const char *str(json_t *b, const char *k)
{
	const char *s = b ? json_string_value(json_object_get(b, k)) : NULL;

	return s ? s : "";
}

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1, fabs(b));
}

int main(void)
{
	/* 10 ticks at 2 GHz = 5 ns; 4 samples: mean 5.75 ns, median 5.5, stddev sqrt(1.75). */
	static const double lock[] = { 10, 12, 9, 15 };
	static const double free_[] = { 0.02, -0.3, 0.5, 1.9 };	/* all under 1 ns at 2 GHz */
	static const double part[] = { 1.5, 3, 4, 5 };		/* the first under 1 ns */
	struct mb_result r, r2;
	json_t *j, *list, *b, *j2;
	size_t i, iters = 0;
	int rep = 0;

	mb_result_init(&r);
	r.host.counter_unit = mb_strdup("ticks");
	r.host.counter_hz = 2e9;
	entry(&r, "smp.general", true, lock, 4);
	entry(&r, "compiler.general", true, free_, 4);
	entry(&r, "smp.read", true, part, 4);
	entry(&r, "process.general", false, NULL, 0);
	j = report(&r);
	list = json_object_get(j, "benchmarks");
	CHECK(json_array_size(list) == 3 * (4 + 3), "3 rows x (4 repetitions + 3 aggregates): %zu",
	      json_array_size(list));
	CHECK(!find(list, "process.general/back-to-back"), "the unsupported row is left out");

	json_array_foreach(list, i, b) {
		if (strcmp(str(b, "run_name"), "smp.general/back-to-back"))
			continue;
		if (!strcmp(str(b, "run_type"), "iteration")) {
			CHECK(!strcmp(str(b, "name"), "smp.general/back-to-back") &&
			      field(b, "repetition_index") == rep && field(b, "repetitions") == 4 &&
			      field(b, "iterations") == 3200 && near(field(b, "real_time"), lock[rep] / 2) &&
			      field(b, "cpu_time") == field(b, "real_time") && field(b, "ticks") == lock[rep] &&
			      !strcmp(str(b, "time_unit"), "ns"),
			      "repetition %d: name, index, 4 repetitions, %g ns, ticks kept", rep, lock[rep] / 2);
			rep++;
			iters++;
		}
	}
	CHECK(rep == 4, "4 repetitions of smp.general, in sample order");
	b = find(list, "smp.general/back-to-back_mean");
	CHECK(b && !strcmp(str(b, "run_type"), "aggregate") && !strcmp(str(b, "aggregate_name"), "mean") &&
	      !strcmp(str(b, "aggregate_unit"), "time") && field(b, "iterations") == 4 &&
	      !json_object_get(b, "repetition_index") && near(field(b, "real_time"), 5.75),
	      "_mean: aggregate, run_name's repetitions, 5.75 ns");
	b = find(list, "smp.general/back-to-back_median");
	CHECK(near(field(b, "real_time"), 5.5), "_median: the mean of the two middle ones, 5.5 ns");
	b = find(list, "smp.general/back-to-back_stddev");
	CHECK(near(field(b, "real_time"), sqrt(1.75)), "_stddev: sample stddev (n - 1), %g",
	      field(b, "real_time"));
	CHECK(near(field(b, "ticks"), 2 * sqrt(1.75)), "counters aggregate too (ticks stddev)");

	/* Below the floor: exactly 1 ns, labelled, and 0 spread. */
	json_array_foreach(list, i, b)
		if (!strcmp(str(b, "run_name"), "compiler.general/back-to-back"))
			CHECK(field(b, "real_time") == (strstr(str(b, "name"), "_stddev") ? 0 : 1) &&
			      strstr(str(b, "label"), "below the resolution"),
			      "%s: at the floor, labelled", str(b, "name"));
	b = find(list, "smp.read/back-to-back_mean");
	CHECK(near(field(b, "real_time"), (1 + 1.5 + 2 + 2.5) / 4) && !json_object_get(b, "label"),
	      "a row partly under the floor: that sample at 1 ns, no label on its aggregates");

	/* Another run's counter rate a little off: the floor is still exactly 1 ns. */
	mb_result_init(&r2);
	r2.host.counter_unit = mb_strdup("ticks");
	r2.host.counter_hz = 2.0001e9;
	entry(&r2, "compiler.general", true, free_, 4);
	j2 = report(&r2);
	CHECK(field(json_array_get(json_object_get(j2, "benchmarks"), 0), "real_time") == 1,
	      "floor independent of the measured rate");
	json_decref(j2);
	mb_result_free(&r2);

	/* A slow counter (25 MHz: 40 ns a tick): the floor is the tick. */
	mb_result_init(&r2);
	r2.host.counter_unit = mb_strdup("ticks");
	r2.host.counter_hz = 25e6;
	entry(&r2, "compiler.general", true, free_, 4);
	entry(&r2, "smp.general", true, lock, 4);
	j2 = report(&r2);
	b = find(json_object_get(j2, "benchmarks"), "compiler.general/back-to-back_median");
	CHECK(near(field(b, "real_time"), 40), "25 MHz counter: floor 40 ns (%g)", field(b, "real_time"));
	b = find(json_object_get(j2, "benchmarks"), "smp.general/back-to-back_median");
	CHECK(near(field(b, "real_time"), 11 * 40), "25 MHz counter: median 11 ticks = 440 ns");
	json_decref(j2);
	mb_result_free(&r2);

	json_decref(j);
	mb_result_free(&r);
	return CHECK_DONE();
}
