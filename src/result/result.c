/* SPDX-License-Identifier: MIT */
/* src/result/result.c - the result model (src/result/result.h): allocation and names. */
#include <stdlib.h>
#include <string.h>

#include "result/result.h"

const char *const mb_model_names[MB_NMODELS] = {
	"x86-TSO", "Armv8", "RVWMO", "Power", "LKMM"
};

void mb_result_init(struct mb_result *r)
{
	memset(r, 0, sizeof(*r));
}

static void stats_free(struct mb_stats *s)
{
	free(s->samples);
}

static void litmus_entry_free(struct mb_litmus_entry *l)
{
	free(l->test); free(l->file); free(l->barrier); free(l->instruction);
	for (int t = 0; l->thread_barriers && t < l->nthreads; t++)
		free(l->thread_barriers[t]);
	free(l->thread_barriers); free(l->cpus);
	free(l->placement); free(l->layout); free(l->sync); free(l->downgrade);
	for (size_t k = 0; k < l->nhist; k++)
		free(l->hist[k].state);
	free(l->hist); free(l->reason);
	free(l->declared); free(l->doc_string);
	for (size_t k = 0; k < l->nheader; k++) {
		free(l->header[k].key);
		free(l->header[k].value);
	}
	free(l->header);
	memset(l, 0, sizeof(*l));
}

void mb_result_free(struct mb_result *r)
{
	struct mb_host *h = &r->host;

	free(h->name); free(h->arch); free(h->model); free(h->cpu_model); free(h->kernel);
	free(h->cpuset);
	free(h->compiler); free(h->cflags); free(h->version); free(h->git_rev);
	free(h->counter_name); free(h->counter_unit); free(h->counter_hz_source);
	free(h->counter_fallback); free(h->cycles_source); free(h->emulation);
	for (size_t i = 0; i < r->ncost; i++) {
		struct mb_cost_entry *c = &r->cost[i];

		free(c->kind); free(c->type); free(c->barrier); free(c->instruction);
		free(c->context); free(c->reason); free(c->cpu); free(c->downgrade);
		free(c->buffer_flush);
		stats_free(&c->ticks); stats_free(&c->ns); stats_free(&c->cycles);
	}
	free(r->cost);
	for (size_t i = 0; i < r->nlitmus; i++)
		litmus_entry_free(&r->litmus[i]);
	free(r->litmus);
	free(r->created);
	free(r->command);
	memset(r, 0, sizeof(*r));
}

struct mb_cost_entry *mb_result_add_cost(struct mb_result *r)
{
	if (r->ncost == r->cost_cap) {
		r->cost_cap = r->cost_cap ? 2 * r->cost_cap : 64;
		r->cost = mb_xrealloc(r->cost, r->cost_cap * sizeof(*r->cost));
	}
	memset(&r->cost[r->ncost], 0, sizeof(r->cost[0]));
	return &r->cost[r->ncost++];
}

struct mb_litmus_entry *mb_result_add_litmus(struct mb_result *r)
{
	if (r->nlitmus == r->litmus_cap) {
		r->litmus_cap = r->litmus_cap ? 2 * r->litmus_cap : 64;
		r->litmus = mb_xrealloc(r->litmus, r->litmus_cap * sizeof(*r->litmus));
	}
	memset(&r->litmus[r->nlitmus], 0, sizeof(r->litmus[0]));
	return &r->litmus[r->nlitmus++];
}

void mb_result_drop_last_litmus(struct mb_result *r)
{
	if (r->nlitmus)
		litmus_entry_free(&r->litmus[--r->nlitmus]);
}

const char *mb_verdict_name(enum mb_verdict v)
{
	return v == MB_NEVER ? "Never" : v == MB_ALWAYS ? "Always" : "Sometimes";
}

const char *mb_status_name(enum mb_status s)
{
	static const char *const names[] = { "ok", "violation", "unobserved", "skipped" };

	return names[s];
}

enum mb_status mb_litmus_status(uint64_t positives, bool allowed_on_host)
{
	if (positives > 0 && !allowed_on_host)
		return MB_VIOLATION;
	if (positives == 0 && allowed_on_host)
		return MB_UNOBSERVED;
	return MB_OK;
}

enum mb_verdict mb_verdict_from_counts(uint64_t positives, uint64_t negatives)
{
	if (positives == 0)
		return MB_NEVER;
	if (negatives == 0)
		return MB_ALWAYS;
	return MB_SOMETIMES;
}
