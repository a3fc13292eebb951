/* SPDX-License-Identifier: MIT */
/*
 * src/advise/costs.c - costs for `membench advise` (src/advise/costs.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advise/costs.h"
#include "advise/search.h"
#include "arch/arch.h"
#include "barrier/barrier.h"
#include "cost/cost.h"
#include "plan/plan.h"
#include "result/json.h"
#include "platform/host.h"

int ad_costs_measure(struct ad_costs *c, const struct mb_options *o, const char *const *contexts,
		     int ncontexts)
{
	struct mb_options co = *o;
	struct mb_plan p;
	int rc;

	memset(c, 0, sizeof(*c));
	mb_result_init(&c->r);
	mb_host_fill(&c->r.host);
	c->here = true;
	c->model = ad_model_parse(MB_ARCH_MODEL);
	memset(&p, 0, sizeof(p));
	p.barriers = mb_xcalloc(mb_nbarriers, sizeof(*p.barriers));
	p.run_cost = true;
	for (size_t i = 0; i < mb_nbarriers; i++) {
		const char *insn = mb_barrier_insn(i, MB_EMITTED);
		bool seen = false;

		for (size_t j = 0; j < p.nbarriers && !seen; j++)
			seen = !strcmp(mb_barrier_insn(p.barriers[j].idx, MB_EMITTED), insn);
		if (seen)
			continue;
		struct mb_plan_barrier *pb = &p.barriers[p.nbarriers++];

		pb->idx = i;
		pb->flavor = MB_EMITTED;
		mb_barrier_name(i, MB_EMITTED, pb->name, sizeof(pb->name));
		pb->supported = mb_barrier_supported(i, &pb->reason);
	}
	/* the cost engine reads its selection from options: only what the slots need */
	memset(&co.contexts, 0, sizeof(co.contexts));
	co.contexts.v = (char **)contexts;
	co.contexts.n = ncontexts;
	if (co.samples <= 0)
		co.samples = AD_COST_SAMPLES;
	co.progress = false;
	rc = mb_cost_run(&co, &p, &c->r);
	snprintf(c->source, sizeof(c->source),
		 "measured here: median of %d samples per instruction and slot context (%s %s)",
		 co.samples, c->r.host.counter_name ? c->r.host.counter_name : "counter",
		 c->r.host.counter_unit ? c->r.host.counter_unit : "ticks");
	c->unit = c->r.host.counter_unit ? c->r.host.counter_unit : "ticks";
	mb_plan_free(&p);
	return rc;
}

int ad_costs_load(struct ad_costs *c, const char *path)
{
	char err[512];
	int rc;

	memset(c, 0, sizeof(*c));
	rc = mb_json_read(path, &c->r, err, sizeof(err));
	if (rc)
		return mb_fail(rc, "%s", err);
	c->model = c->r.host.model ? ad_model_parse(c->r.host.model) : -1;
	if (c->model < 0)
		return mb_fail(MB_EXIT_USAGE, "%s: its host model '%s' is not one advise knows", path,
			       c->r.host.model ? c->r.host.model : "");
	if (!c->r.ncost)
		return mb_fail(MB_EXIT_USAGE, "%s: no cost entries (a --litmus-only run?)", path);
	snprintf(c->source, sizeof(c->source), "%s: %s, %s, median per slot context (%s)", path,
		 c->r.host.arch ? c->r.host.arch : "?", c->r.host.cpu_model ? c->r.host.cpu_model : "?",
		 c->r.host.counter_unit ? c->r.host.counter_unit : "ticks");
	c->unit = c->r.host.counter_unit ? c->r.host.counter_unit : "ticks";
	return 0;
}

void ad_costs_free(struct ad_costs *c)
{
	mb_result_free(&c->r);
	memset(c, 0, sizeof(*c));
}

static const struct mb_cost_entry *find(const struct ad_costs *c, const char *name,
					const char *insn, const char *context)
{
	for (size_t i = 0; i < c->r.ncost; i++) {
		const struct mb_cost_entry *e = &c->r.cost[i];

		if (!e->supported || !e->context || strcmp(e->context, context) || !e->ticks.n)
			continue;
		if ((name && e->barrier && !strcmp(e->barrier, name)) ||
		    (insn && e->instruction && !strcmp(e->instruction, insn)))
			return e;
	}
	return NULL;
}

/*
 * Two significant digits: a median of a few samples cannot tell 11.0 from
 * 11.1 ticks, and a ranking that flips between two locked instructions
 * from run to run says nothing; rounded, equal costs fall to strength.
 */
static double two_digits(double v)
{
	double scale;

	if (!(v > 0))
		return 0;
	scale = pow(10, floor(log10(v)) - 1);
	return round(v / scale) * scale;
}

double ad_costs_get(void *ctx, const struct ad_choice *ch, const char *context)
{
	const struct ad_costs *c = ctx;

	if (ch->none)
		return 0;
	if (ch->access)
		return NAN;
	/* a file without the slot's context: its back-to-back figure, for every choice alike */
	for (int pass = 0; pass < 2; pass++, context = "back-to-back")
		for (int i = 0; i < ch->nnames; i++) {
			const struct mb_cost_entry *e = find(c, ch->names[i], NULL, context);
			struct mb_id id = ch->what[i].id;

			/* here, one barrier per instruction was measured: the others share it */
			if (!e && c->here && mb_id_valid(id))
				e = find(c, NULL, mb_barrier_insn((size_t)id.row, MB_EMITTED), context);
			if (e)
				return two_digits(e->ticks.median);
		}
	return NAN;
}
