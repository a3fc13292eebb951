/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_json.c - src/result/json_write.c and src/result/json_read.c: a result built
 * here goes out and comes back field for field (NULL strings and NaN
 * included), and bad files give MB_EXIT_USAGE with a line naming the file
 * and the problem, never a crash.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "commands/cli.h"
#include "commands/engines.h"
#include "platform/host.h"
#include "result/result.h"

static char dir[] = "/tmp/unit_json.XXXXXX";

static void fill_stats(struct mb_stats *s, double base, size_t n)
{
	s->n = n;
	s->samples = mb_xcalloc(n, sizeof(double));
	for (size_t i = 0; i < n; i++)
		s->samples[i] = base + 0.1 * (double)i + 1.0 / 3;
	s->median = s->samples[n / 2];
	s->p10 = s->samples[0];
	s->p90 = s->samples[n - 1];
	s->mad = 0.2;
	s->mean = base + 1.0 / 7;
	s->min = s->samples[0];
	s->max = s->samples[n - 1];
}

static void build(struct mb_result *r)
{
	struct mb_cost_entry *c;
	struct mb_litmus_entry *l;

	mb_result_init(r);
	mb_host_fill(&r->host);
	r->host.ticks_per_cycle = 0.75;
	r->created = mb_strdup("2025-01-01T00:00:00Z");
	r->command = mb_strdup("membench --json \"x y\"\ttab");
	c = mb_result_add_cost(r);
	c->kind = mb_strdup("smp");
	c->type = mb_strdup("general");
	c->barrier = mb_strdup("smp.general");
	c->instruction = mb_strdup("lock; addl $0,-4(%rsp)");
	c->context = mb_strdup("back-to-back");
	c->supported = true;
	c->cpu = mb_strdup("0");
	c->unroll = 32;
	c->iterations = 1ull << 40;
	c->overhead = 1.5;
	fill_stats(&c->ticks, 20, 9);
	fill_stats(&c->ns, 7.7, 9);
	c->have_cycles = true;
	fill_stats(&c->cycles, 26, 9);
	c->cycles.samples[3] = NAN;	/* written as null, read as NaN */
	c = mb_result_add_cost(r);
	c->kind = mb_strdup("process");
	c->type = mb_strdup("general");
	c->barrier = mb_strdup("process.general");
	c->context = mb_strdup("after-store");
	c->supported = false;
	c->reason = mb_strdup("membarrier refused");
	l = mb_result_add_litmus(r);
	l->test = mb_strdup("SB+fences");
	l->file = mb_strdup("litmus/SB+fences.litmus");
	l->barrier = mb_strdup("smp.general");
	l->instruction = mb_strdup("mfence");
	l->nthreads = 2;
	l->thread_barriers = mb_xcalloc(2, sizeof(char *));
	l->thread_barriers[0] = mb_strdup("smp.general");
	l->cpus = mb_xcalloc(2, sizeof(int));
	l->cpus[0] = 0;
	l->cpus[1] = -1;
	l->placement = mb_strdup("distinct-cores");
	l->layout = mb_strdup("separate-lines");
	l->sync = mb_strdup("timebase");
	l->downgrade = mb_strdup("only 1 core: threads share it");
	l->iterations = 1000;
	l->elapsed_s = 0.25;
	l->nhist = 2;
	l->hist = mb_xcalloc(2, sizeof(*l->hist));
	l->hist[0] = (struct mb_hist_row){ mb_strdup("0:r0=0; 1:r0=0;"), 3, true };
	l->hist[1] = (struct mb_hist_row){ mb_strdup("0:r0=1; 1:r0=0;"), 997, false };
	l->positives = 3;
	l->negatives = 997;
	l->verdict = MB_SOMETIMES;
	l->p_upper95 = NAN;
	l->allowed[MB_ARMV8] = l->allowed[MB_POWER] = true;
	l->host_model = MB_X86_TSO;
	l->status = MB_VIOLATION;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_num(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static bool same_stats(const struct mb_stats *a, const struct mb_stats *b)
{
	if (a->n != b->n || !same_num(a->median, b->median) || !same_num(a->p10, b->p10) ||
	    !same_num(a->p90, b->p90) || !same_num(a->mad, b->mad) || !same_num(a->mean, b->mean) ||
	    !same_num(a->min, b->min) || !same_num(a->max, b->max))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!same_num(a->samples[i], b->samples[i]))
			return false;
	return true;
}

static void round_trip(void)
{
	struct mb_result a, b;
	char path[128], err[512];
	const struct mb_host *x = &a.host, *y = &b.host;
	int rc;

	build(&a);
	snprintf(path, sizeof(path), "%s/r.json", dir);
	rc = mb_json_write(&a, path);
	CHECK(rc == 0, "write %s", path);
	rc = mb_json_read(path, &b, err, sizeof(err));
	CHECK(rc == 0, "read it back (%s)", err);
	CHECK(same_str(x->arch, y->arch) && same_str(x->model, y->model) &&
	      same_str(x->cpu_model, y->cpu_model) && x->pus == y->pus && x->cores == y->cores &&
	      x->packages == y->packages && x->numa_nodes == y->numa_nodes &&
	      same_str(x->kernel, y->kernel) && same_str(x->compiler, y->compiler) &&
	      same_str(x->cflags, y->cflags) && same_str(x->version, y->version) &&
	      same_str(x->git_rev, y->git_rev), "host facts round-trip");
	CHECK(same_str(x->counter_name, y->counter_name) && same_str(x->counter_unit, y->counter_unit) &&
	      x->counter_hz == y->counter_hz && same_str(x->counter_hz_source, y->counter_hz_source) &&
	      same_str(x->counter_fallback, y->counter_fallback), "host.counter round-trips (hz exactly)");
	CHECK(x->cycles_available == y->cycles_available && same_str(x->cycles_source, y->cycles_source) &&
	      x->ticks_per_cycle == y->ticks_per_cycle, "host.cycles round-trips");
	CHECK(same_str(a.created, b.created) && same_str(a.command, b.command), "created, command");
	CHECK(b.ncost == 2 && b.nlitmus == 1, "2 cost entries, 1 litmus entry");
	if (b.ncost == 2) {
		const struct mb_cost_entry *c = &a.cost[0], *d = &b.cost[0];

		CHECK(same_str(c->kind, d->kind) && same_str(c->type, d->type) &&
		      same_str(c->barrier, d->barrier) && same_str(c->instruction, d->instruction) &&
		      same_str(c->context, d->context) && c->supported == d->supported &&
		      same_str(c->reason, d->reason) && same_str(c->cpu, d->cpu) &&
		      c->unroll == d->unroll && c->iterations == d->iterations &&
		      c->overhead == d->overhead, "cost[0] scalars");
		CHECK(same_stats(&c->ticks, &d->ticks) && same_stats(&c->ns, &d->ns),
		      "cost[0] ticks and ns stats, samples bit for bit");
		CHECK(d->have_cycles && same_stats(&c->cycles, &d->cycles) && isnan(d->cycles.samples[3]),
		      "cost[0] cycles, NaN sample back as NaN");
		c = &a.cost[1];
		d = &b.cost[1];
		CHECK(!d->supported && same_str(c->reason, d->reason) && !d->instruction &&
		      !d->have_cycles && d->ticks.n == 0 && d->ns.n == 0, "unsupported entry, NULLs kept");
	}
	if (b.nlitmus == 1) {
		const struct mb_litmus_entry *l = &a.litmus[0], *m = &b.litmus[0];
		bool ok = m->nthreads == 2 && same_str(m->thread_barriers[0], "smp.general") &&
			  !m->thread_barriers[1] && m->cpus[0] == 0 && m->cpus[1] == -1;

		CHECK(same_str(l->test, m->test) && same_str(l->file, m->file) &&
		      same_str(l->barrier, m->barrier) && same_str(l->instruction, m->instruction) &&
		      same_str(l->placement, m->placement) && same_str(l->layout, m->layout) &&
		      same_str(l->sync, m->sync) && same_str(l->downgrade, m->downgrade) &&
		      l->iterations == m->iterations && l->elapsed_s == m->elapsed_s,
		      "litmus scalars");
		CHECK(ok, "litmus threads (barrier, cpu; NULL and -1 kept)");
		CHECK(m->nhist == 2 && same_str(m->hist[0].state, l->hist[0].state) &&
		      m->hist[0].count == 3 && m->hist[0].positive && !m->hist[1].positive &&
		      m->hist[1].count == 997, "histogram");
		CHECK(m->positives == 3 && m->negatives == 997 && m->verdict == MB_SOMETIMES &&
		      isnan(m->p_upper95) && m->host_model == MB_X86_TSO && m->status == MB_VIOLATION &&
		      !m->reason, "counts, verdict, status, host model");
		CHECK(!m->allowed[MB_X86_TSO] && m->allowed[MB_ARMV8] && !m->allowed[MB_RVWMO] &&
		      m->allowed[MB_POWER] && !m->allowed[MB_LKMM], "expected per model");
	}
	mb_result_free(&a);
	mb_result_free(&b);
}

/* Write text to a file in dir, read it as a result, expect MB_EXIT_USAGE and want in the error. */
static void bad_file(const char *name, const char *text, const char *want)
{
	struct mb_result r;
	char path[128], err[512] = "";
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	rc = mb_json_read(path, &r, err, sizeof(err));
	CHECK(rc == MB_EXIT_USAGE && strstr(err, path) && strstr(err, want),
	      "%s: rc %d, \"%s\" names the file and says \"%s\"", name, rc, err, want);
}

int main(void)
{
	struct mb_result r;
	char err[512], path[128];
	int rc;

	if (!mkdtemp(dir))
		return 1;
	round_trip();

	rc = mb_json_read("/nonexistent/r.json", &r, err, sizeof(err));
	CHECK(rc == MB_EXIT_USAGE &&
	      strstr(err, "/nonexistent/r.json") && strstr(err, "No such file"), "missing file: %s", err);
	bad_file("empty.json", "", "not valid JSON");
	bad_file("text.json", "hello\n", "not valid JSON");
	bad_file("trunc.json", "{\"schema\": \"membench-result/1\", \"cost\": [", ":1:");
	bad_file("array.json", "[1, 2]", "not a membench result");
	bad_file("foreign.json", "{\"schema\": \"other/1\"}", "not a membench result");
	bad_file("noschema.json", "{\"cost\": []}", "no \"schema\"");
	bad_file("v2.json", "{\"schema\": \"membench-result/2\"}", "not supported");
	bad_file("nohost.json", "{\"schema\": \"membench-result/1\", \"created\": \"x\", \"command\": null}",
		 "missing key \"host\"");
	snprintf(path, sizeof(path), "%s/r.json", dir);
	/* Take the good file, then damage one field at a time. */
	{
		char *good, *bad;
		long len;
		FILE *f = fopen(path, "r");

		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		good = mb_xcalloc(1, (size_t)len + 1);
		if (fread(good, 1, (size_t)len, f) != (size_t)len)
			len = 0;
		fclose(f);
		bad = mb_strdup(good);
		memcpy(strstr(bad, "\"supported\": true"), "\"supported\": 1   ", 17);
		bad_file("type.json", bad, "cost[0].supported: expected a boolean, found an integer");
		free(bad);
		bad = mb_strdup(good);
		memcpy(strstr(bad, "\"n\": 9"), "\"n\": 8", 6);
		bad_file("count.json", bad, "cost[0].units.ticks.n: is 8 but samples holds 9");
		free(bad);
		bad = mb_strdup(good);
		memcpy(strstr(bad, "\"violation\""), "\"violated\" ", 11);
		bad_file("status.json", bad, "litmus[0].status: unknown value \"violated\"");
		free(bad);
		bad = mb_strdup(good);
		memcpy(strstr(bad, "\"barrier\": \"smp.general\""), "\"barrier\": 12           ", 24);
		bad_file("barrier.json", bad, "cost[0].barrier: expected a string");
		free(bad);
		free(good);
	}

	/* Writing: a path under a non-directory fails early, with MB_EXIT_ENV. */
	rc = mb_json_check_writable("/proc/version/x.json");
	CHECK(rc == MB_EXIT_ENV,
	      "check_writable: /proc/version/x.json -> 4");
	rc = mb_json_check_writable(path);
	CHECK(rc == 0, "check_writable: an existing file in a writable dir");
	rc = mb_json_check_writable("/dev/null");
	CHECK(rc == MB_EXIT_ENV,
	      "check_writable: /dev/null is refused (rename would replace the device)");
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	return system(path) | CHECK_DONE();
}
