/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_cost.c - the cost engine on a small plan, few samples.
 * Properties only, never a speed: the empty-loop subtraction makes the
 * compiler barrier and `none` cost ~0, an emitted mfence costs more than
 * no instruction, the statistics are ordered and keep their samples, an
 * unsupported barrier or context is reported with its reason and never
 * measured, and the report labels its units.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "barrier/barrier.h"
#include "check.h"
#include "cost/cost.h"
#include "commands/engines.h"
#include "report/report.h"
#include "platform/host.h"
#include "result/result.h"

#define SAMPLES 7

static void plan_add(struct mb_plan *p, const char *name, bool fake_unsupported)
{
	struct mb_id id;
	struct mb_plan_barrier *b;

	if (mb_id_parse(name, &id))
		return;
	p->barriers = realloc(p->barriers, (p->nbarriers + 1) * sizeof(*p->barriers));
	b = &p->barriers[p->nbarriers++];
	memset(b, 0, sizeof(*b));
	b->idx = (size_t)id.row;
	b->flavor = (enum mb_flavor)id.flavor;
	mb_id_name(id, b->name, sizeof(b->name));
	if (fake_unsupported) {
		b->supported = false;
		b->reason = "faked unsupported by unit_cost";
	} else {
		b->supported = mb_barrier_supported((size_t)id.row, &b->reason);
	}
}

static const struct mb_cost_entry *find(const struct mb_result *r, const char *barrier,
					const char *ctx)
{
	for (size_t i = 0; i < r->ncost; i++)
		if (!strcmp(r->cost[i].barrier, barrier) && !strcmp(r->cost[i].context, ctx))
			return &r->cost[i];
	return NULL;
}

static bool ordered(const struct mb_stats *s)
{
	return s->min <= s->p10 && s->p10 <= s->median && s->median <= s->p90 && s->p90 <= s->max;
}

static void registry_checks(void)
{
	static const char *const names[] = { "back-to-back", "after-store", "after-load",
		"store-barrier-load", "contended", "cache-miss" };
	const struct mb_cost_context *c;
	struct mb_cost_env lonely = { 0, -1 };
	const char *why = NULL;

	CHECK(mb_cost_ncontexts == 6, "six contexts registered");
	for (size_t i = 0; i < 6; i++)
		CHECK(mb_cost_context_find(names[i]) != NULL, "context %s registered", names[i]);
	CHECK(mb_cost_context_find("no-such-context") == NULL, "unknown context: NULL");
	c = mb_cost_context_find("contended");
	CHECK(c && !c->supported(&lonely, &why) && why && strstr(why, "PU"),
	      "contended with one PU: unsupported, reason '%s'", why ? why : "");
	CHECK(mb_cost_unroll(MB_ROW_mmio_general) == MB_COST_UNROLL &&
	      mb_cost_unroll(MB_ROW_process_general) == 1,
	      "unroll: %d copies per iteration, membarrier 1", MB_COST_UNROLL);
}

int main(void)
{
	static char *ctx_names[] = { "back-to-back", "after-store" };
	struct mb_options o;
	struct mb_plan p;
	struct mb_result r;
	const struct mb_cost_entry *e, *cmp, *mf;
	char *text = NULL;
	size_t textlen = 0;
	FILE *mem;
	int rc;

	registry_checks();

	memset(&o, 0, sizeof(o));
	o.samples = SAMPLES;
	o.quiet = true;
	o.contexts.v = ctx_names;
	o.contexts.n = 2;
	memset(&p, 0, sizeof(p));
	plan_add(&p, "compiler.general", false);
	plan_add(&p, "none.general", false);
	plan_add(&p, "mmio.general", false);
	plan_add(&p, "smp.general", false);
	plan_add(&p, "process.general", false);
	plan_add(&p, "smp.read", true);
	p.run_cost = true;

	mb_result_init(&r);
	mb_host_fill(&r.host);
	rc = mb_cost_run(&o, &p, &r);
	CHECK(rc == 0, "mb_cost_run returns 0 (got %d)", rc);
	CHECK(r.ncost == p.nbarriers * 2, "one entry per barrier x context (%zu)", r.ncost);
	CHECK(r.ncost >= 2 && !strcmp(r.cost[0].barrier, r.cost[1].barrier),
	      "entries are barrier-major");
	CHECK(r.host.cycles_source && r.host.cycles_source[0], "cycles source stated: %s",
	      r.host.cycles_source ? r.host.cycles_source : "(null)");
	CHECK(!r.host.cycles_available || r.host.ticks_per_cycle > 0,
	      "cycles available => ticks per cycle known (%g)", r.host.ticks_per_cycle);

	for (size_t i = 0; i < r.ncost; i++) {
		e = &r.cost[i];
		if (!e->supported)
			continue;
		CHECK(e->ticks.n == SAMPLES && e->ticks.samples && e->ns.n == SAMPLES && e->ns.samples,
		      "%s %s: n == %d, raw samples kept", e->barrier, e->context, SAMPLES);
		CHECK(ordered(&e->ticks) && ordered(&e->ns), "%s %s: min <= p10 <= median <= p90 <= max",
		      e->barrier, e->context);
		CHECK(e->iterations > 0 && e->unroll > 0 && e->iterations % e->unroll == 0 && e->cpu,
		      "%s %s: iterations %llu, unroll %u, cpu %s", e->barrier, e->context,
		      (unsigned long long)e->iterations, e->unroll, e->cpu ? e->cpu : "(null)");
		CHECK(r.host.counter_hz <= 0 ||
		      fabs(e->ns.median - e->ticks.median * 1e9 / r.host.counter_hz) < 1e-6 * (1 + fabs(e->ns.median)),
		      "%s %s: ns = ticks / Hz", e->barrier, e->context);
		CHECK(e->have_cycles == r.host.cycles_available || !strcmp(e->kind, "process"),
		      "%s %s: cycles iff the run has them", e->barrier, e->context);
		if (e->have_cycles)
			CHECK(e->cycles.n == SAMPLES && ordered(&e->cycles), "%s %s: cycles stats",
			      e->barrier, e->context);
	}
	for (size_t c = 0; c < 2; c++) {
		const char *ctx = ctx_names[c];

		cmp = find(&r, "compiler.general", ctx);
		e = find(&r, "none.general", ctx);
		mf = find(&r, "mmio.general", ctx);
		CHECK(cmp && cmp->supported && fabs(cmp->ticks.median) < 0.5,
		      "%s: compiler barrier costs ~0 (|%.3f| < 0.5 tick)", ctx, cmp ? cmp->ticks.median : NAN);
		CHECK(e && e->supported && fabs(e->ticks.median) < 0.5,
		      "%s: none costs ~0 (|%.3f| < 0.5 tick)", ctx, e ? e->ticks.median : NAN);
		CHECK(mf && cmp && mf->ticks.median > cmp->ticks.median,
		      "%s: mfence (%.2f) costs more than the compiler barrier (%.2f)", ctx,
		      mf ? mf->ticks.median : NAN, cmp ? cmp->ticks.median : NAN);
		e = find(&r, "smp.read", ctx);
		CHECK(e && !e->supported && e->reason && strstr(e->reason, "faked") &&
		      e->ticks.n == 0 && !e->ticks.samples && !e->ns.samples,
		      "%s: unsupported barrier reported with its reason, not measured", ctx);
		e = find(&r, "process.general", ctx);
		CHECK(e && (e->supported ? e->ticks.n == SAMPLES && e->unroll == 1 && e->ticks.median > 0 :
				     e->reason && e->reason[0]),
		      "%s: membarrier measured (%.1f ticks) or unsupported with a reason (%s)", ctx,
		      e && e->supported ? e->ticks.median : 0, e && e->reason ? e->reason : "-");
	}

	mem = open_memstream(&text, &textlen);
	mb_report_cost_text(&r, mem);
	fclose(mem);
	CHECK(text && strstr(text, "counter") && strstr(text, r.host.counter_unit) &&
	      strstr(text, "Core cycles"), "report header names counter, unit, cycles source");
	CHECK(text && strstr(text, "mmio.general") && strstr(text, "after-store") &&
	      strstr(text, "unsupported: faked unsupported by unit_cost"),
	      "report rows: barriers, contexts, unsupported with reason");
	if (getenv("MB_SHOW"))
		fputs(text, stdout);
	free(text);

	mb_result_free(&r);
	free(p.barriers);
	return CHECK_DONE();
}
