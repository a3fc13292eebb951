/* SPDX-License-Identifier: MIT */
/*
 * src/cost/run.c - the cost engine: every planned barrier x selected
 * context (src/cost/ctx.c) -> one struct mb_cost_entry each.  This file
 * places the thread, orders the samples and records the entries; the
 * sampler that times them is src/cost/sample.c.
 *
 * How a figure is made: the measuring thread is pinned (hwloc) to one PU;
 * each context x barrier function is sized so that one sample lasts about
 * MB_COST_SAMPLE_S, warmed up, then sampled o->samples times, each sample
 * paired with a sample of the same context's empty loop (the `none` row).
 * A sample's cost per barrier is (ticks - timer overhead) / barriers, less
 * the median empty-loop cost per barrier slot of the same run, so a
 * `compiler` or `none` barrier costs ~0 and frequency drift between
 * barriers does not leak into the subtraction.  Short samples and medians:
 * on a shared machine an interrupt spoils one sample, not the figure.
 *
 * --repetitions N runs the whole sweep (every context: set up, sized,
 * warmed, sampled) N times in turn and keeps every sample: repetition r's
 * samples are block r of each entry's samples.  The samples of one sweep
 * share its sizing and whatever the machine did meanwhile; N sweeps spread
 * over the run show the run-to-run part of the variation that `compare`
 * would otherwise meet only between two files.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sched.h>
#include <sys/resource.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "cost/cost.h"
#include "cost/sample.h"
#include "stats/stats.h"
#include "platform/stop.h"
#include "platform/topo.h"

#define MB_COST_SAMPLE_S	100e-6	/* target length of one sample */
#define MB_COST_SAMPLES		31	/* default --samples */
#define MB_COST_WARM_S		10e-3	/* empty loop run per context before sizing */

static void qsort_doubles(double *v, size_t n)
{
	(void)mb_median_inplace(v, n);	/* sorts */
}

/* ---- placement -------------------------------------------------------- */
struct placement {
	struct mb_cost_env env;
	cpu_set_t saved;	/* the thread's affinity before, restored after */
	bool have_saved;
	char downgrade[256];	/* "" or why the placement differs from the request */
};

/*
 * Two PUs from src/platform/topo.c, as the litmus engine gets them (so --cpus and
 * --placement mean the same thing to both engines): the measuring thread on
 * the second, the `contended` writer on the first, which usually takes the
 * housekeeping and interrupts anyway.  One PU only: no writer, and
 * `contended` says so.
 */
static int place(const struct mb_options *o, struct placement *pl)
{
	struct mb_placement where;
	char err[320];

	memset(pl, 0, sizeof(*pl));
	pl->env.pu = pl->env.other_pu = -1;
	pl->have_saved = sched_getaffinity(0, sizeof(pl->saved), &pl->saved) == 0;
	if (mb_topo_init(err, sizeof(err)) ||
	    mb_topo_place(o->placement, o->cpus, 2, 0, o->seed, &where, err, sizeof(err)))
		return mb_fail(MB_EXIT_ENV, "cost: %s", err);
	pl->env.pu = where.pus[1];
	pl->env.other_pu = where.pus[0] != where.pus[1] ? where.pus[0] : -1;
	if (where.downgrade[0])
		fprintf(stderr, "membench: warning: cost: placement downgraded: %s\n", where.downgrade);
	snprintf(pl->downgrade, sizeof(pl->downgrade), "%s", where.downgrade);
	if (mb_topo_pin_self(pl->env.pu, err, sizeof(err)))
		return mb_fail(MB_EXIT_ENV, "cost: %s", err);
	return 0;
}

static void unplace(struct placement *pl)
{
	if (pl->have_saved)
		sched_setaffinity(0, sizeof(pl->saved), &pl->saved);
	memset(pl, 0, sizeof(*pl));
}

static bool context_selected(const struct mb_options *o, const char *name)
{
	if (o->contexts.n == 0)
		return true;
	for (int i = 0; i < o->contexts.n; i++)
		if (!strcmp(o->contexts.v[i], "all") || !strcmp(o->contexts.v[i], name))
			return true;
	return false;
}

static void fill_ids(struct mb_cost_entry *e, const struct mb_plan_barrier *pb, const char *ctx)
{
	e->kind = mb_strdup(mb_barriers[pb->idx].kind);
	e->type = mb_strdup(mb_barriers[pb->idx].type);
	e->barrier = mb_strdup(pb->name);
	e->instruction = mb_strdup(mb_barrier_insn(pb->idx, pb->flavor));
	e->context = mb_strdup(ctx);
}

static void progress(const struct mb_options *o, size_t done, size_t total, const char *what,
		     const char *ctx)
{
	if (!o->progress)
		return;
	if (!what) {
		fprintf(stderr, "\r%-78s\r", "");
		return;
	}
	fprintf(stderr, "\rmembench: cost %zu/%zu %-22s %-20s", done + 1, total, what, ctx);
	fflush(stderr);
}

/*
 * Stopped by a signal: keep the entries of the contexts that finished (the
 * first ctx_done of each barrier's nsel), drop the rest, in order.
 */
static void keep_finished(struct mb_result *r, size_t base, size_t nbarriers, size_t nsel,
			  size_t ctx_done)
{
	size_t to = base;
	struct mb_result gone;

	mb_result_init(&gone);
	for (size_t b = 0; b < nbarriers; b++)
		for (size_t c = 0; c < nsel; c++) {
			struct mb_cost_entry *e = &r->cost[base + b * nsel + c];

			if (c < ctx_done)
				r->cost[to++] = *e;
			else
				*mb_result_add_cost(&gone) = *e;
		}
	r->ncost = to;
	mb_result_free(&gone);
}

int mb_cost_run(const struct mb_options *o, const struct mb_plan *p, struct mb_result *r)
{
	const struct mb_cost_context *sel[16];
	const struct mb_counter_info *ci = mb_counter();
	int samples = o->samples > 0 ? o->samples : MB_COST_SAMPLES;
	int reps = o->repetitions > 0 ? o->repetitions : 1, all = samples * reps;
	int none = MB_ROW_none_general;
	size_t nsel = 0, base, done = 0, total;
	struct placement pl;
	struct mb_cycles cyc;
	struct sampler s;
	double hz = ci->hz, tpc, *tpcs;
	struct slot *slots;
	size_t ntpc = 0, ctx_done = 0;
	int rc;

	for (size_t c = 0; c < mb_cost_ncontexts && nsel < 16; c++)
		if (context_selected(o, mb_cost_contexts[c].name))
			sel[nsel++] = &mb_cost_contexts[c];
	if (nsel == 0)
		return mb_fail(MB_EXIT_USAGE, "cost: no known context selected");
	if (!(hz > 0))
		return mb_fail(MB_EXIT_ENV, "cost: the %s counter does not advance: nothing can be timed",
			       ci->name ? ci->name : "arch");
	if ((rc = place(o, &pl)) != 0) {
		unplace(&pl);
		return rc;
	}

	/* Entries barrier-major, so that a report reads one barrier at a time; slots likewise. */
	total = p->nbarriers * nsel;
	tpcs = mb_xcalloc(total, sizeof(*tpcs));
	slots = mb_xcalloc(total, sizeof(*slots));
	base = r->ncost;
	for (size_t i = 0; i < total; i++)
		mb_result_add_cost(r);
	for (size_t b = 0; b < p->nbarriers; b++)
		for (size_t c = 0; c < nsel; c++)
			fill_ids(&r->cost[base + b * nsel + c], &p->barriers[b], sel[c]->name);

	/* Let the core leave any idle state, then find what cycles are here. */
	for (double t0 = mb_monotonic_s(); mb_monotonic_s() - t0 < 0.02;)
		;
	mb_cycles_init(&cyc);
	s.cyc = &cyc;
	s.target = hz * MB_COST_SAMPLE_S;
	cs_timer_overhead(&s);

	for (int rep = 0; rep < reps && !mb_stop_requested(); rep++)
	for (size_t c = 0; c < nsel && !mb_stop_requested(); c++) {
		const struct mb_cost_context *cx = sel[c];
		struct mb_cost_arg a;
		const char *why = NULL;
		struct baseline bl = { NULL, 0, 0 };
		bool ok = cx->supported(&pl.env, &why);
		void *lines = NULL;

		memset(&a, 0, sizeof(a));
		if (ok && posix_memalign(&lines, 4096, 4 * MB_COST_LINE) == 0) {
			memset(lines, 0, 4 * MB_COST_LINE);
			a.priv_st = (uint64_t *)lines;
			a.priv_ld = (uint64_t *)((char *)lines + MB_COST_LINE);
			a.shared = (uint64_t *)((char *)lines + 2 * MB_COST_LINE);
		} else if (ok) {
			ok = false;
			why = "out of memory for the private lines";
		}
		if (ok && cx->setup && cx->setup(&pl.env, &a, &why) < 0)
			ok = false;
		if (ok) {
			bl.fn = cx->fns[none][MB_EMITTED];
			bl.unroll = mb_cost_unroll((size_t)none);
			/* Warm the context (page walks of a fresh buffer, caches) before sizing. */
			for (double t0 = mb_monotonic_s(); mb_monotonic_s() - t0 < MB_COST_WARM_S;)
				cs_time_once(&s, bl.fn, &a, 64, NULL);
			bl.n = cs_size_sample(&s, bl.fn, &a);
		}
		/* Size every barrier's sample first, then take the samples round-robin. */
		for (size_t b = 0; b < p->nbarriers; b++, done++) {
			const struct mb_plan_barrier *pb = &p->barriers[b];
			struct mb_cost_entry *e = &r->cost[base + b * nsel + c];
			struct slot *sl = &slots[b * nsel + c];
			bool cycles = cyc.available &&
				!(cyc.perf_user_only && !strcmp(mb_barriers[pb->idx].kind, "process"));

			if (rep > 0) {
				if (sl->fn && !sl->done && !ok) {
					sl->done = true;	/* set up once, not again: not measured */
					sl->failed = why ? why : "context setup failed";
				}
				if (sl->fn && !sl->done) {
					progress(o, done, total * (size_t)reps, pb->name, cx->name);
					cs_slot_size(&s, sl, &a);
				}
				continue;
			}
			e->cpu = cx->second_pu ? mb_asprintf("%d,%d", pl.env.pu, pl.env.other_pu) :
						 mb_asprintf("%d", pl.env.pu);
			e->unroll = mb_cost_unroll(pb->idx);
			e->repetitions = (unsigned)reps;
			e->downgrade = pl.downgrade[0] ? mb_strdup(pl.downgrade) : NULL;
			if (ok && a.miss_buf) {
				e->buffer_bytes = a.miss_bytes;
				e->buffer_flush = a.prime ? mb_strdup(MB_FLUSH_LINE_INSN) : NULL;
			}
			if (!pb->supported || !ok) {
				e->supported = false;
				e->reason = mb_strdup(!pb->supported ? pb->reason : why);
				if (!e->reason)
					e->reason = mb_strdup("unsupported");
				continue;
			}
			e->supported = true;
			progress(o, done, total * (size_t)reps, pb->name, cx->name);
			cs_slot_init(sl, cx->fns[pb->idx][pb->flavor], mb_cost_unroll(pb->idx), all, cycles);
			cs_slot_size(&s, sl, &a);
		}
		for (int k = 0; k < samples && !mb_stop_requested(); k++)
			for (size_t i = 0; i < p->nbarriers; i++) {
				/* start each round one barrier further on: no fixed neighbours */
				struct slot *sl = &slots[((i + (size_t)k) % p->nbarriers) * nsel + c];

				if (sl->fn && !sl->done)
					cs_slot_sample(&s, &bl, sl, &a, rep * samples + k, all);
			}
		if (ok && cx->teardown)
			cx->teardown(&a);
		free(lines);
		/* A context is finished when its last repetition took every sample. */
		if (rep == reps - 1 && !mb_stop_requested())
			ctx_done++;
	}

	for (size_t b = 0; b < p->nbarriers; b++)
	for (size_t c = 0; c < nsel; c++) {
		struct mb_cost_entry *e = &r->cost[base + b * nsel + c];
		struct slot *sl = &slots[b * nsel + c];
		const char *failed = sl->failed;
		int starved;

		if (c >= ctx_done) {	/* stopped by a signal: dropped below */
			cs_slot_free(sl);
			continue;
		}
		if (!sl->fn)
			continue;
		tpc = cyc.ticks_per_cycle;
		starved = sl->starved;
		cs_slot_finish(sl, all, e, &s, &tpc, hz);
		if (failed || 2 * starved > all) {
			e->supported = false;
			if (failed)
				e->reason = mb_strdup(failed);
			else	/* Most samples saw no writer: whatever was measured, it was not contention. */
				e->reason = mb_asprintf("the writer thread on PU %d got no CPU time in %d of "
							"%d samples: PU busy with other work",
							pl.env.other_pu, starved, all);
			mb_stats_clear(&e->ticks);
			mb_stats_clear(&e->ns);
			mb_stats_clear(&e->cycles);
			e->have_cycles = false;
			continue;
		}
		if (e->have_cycles && !cyc.perf)
			tpcs[ntpc++] = tpc;
	}
	progress(o, 0, 0, NULL, NULL);
	if (ctx_done < nsel)
		keep_finished(r, base, p->nbarriers, nsel, ctx_done);

	/* The run's ratio is the median of the entries' own; say how far the clock moved. */
	free(r->host.cycles_source);
	r->host.cycles_source = NULL;
	if (ntpc) {
		double lo, hi;

		qsort_doubles(tpcs, ntpc);
		lo = tpcs[0];
		hi = tpcs[ntpc - 1];
		cyc.ticks_per_cycle = tpcs[ntpc / 2];
		if (hi / lo - 1 > 0.03)
			r->host.cycles_source = mb_asprintf("%s; core clock moved during the run: "
				"%.3f..%.3f ticks per cycle, each entry converted with its own",
				cyc.source, lo, hi);
	}
	if (!r->host.cycles_source)
		r->host.cycles_source = mb_strdup(cyc.source);
	r->host.cycles_available = cyc.available;
	r->host.ticks_per_cycle = cyc.ticks_per_cycle;
	mb_cycles_close(&cyc);
	free(tpcs);
	free(slots);
	unplace(&pl);
	return 0;
}

