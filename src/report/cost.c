/* SPDX-License-Identifier: MIT */
/*
 * src/report/cost.c - the cost table for the terminal, read from the
 * result model only (src/result/result.h), so a result rebuilt from JSON prints
 * the same.  Every figure names its unit: counter units (ticks, or ns on a
 * ns fallback counter), nanoseconds, core cycles when the run had real ones.
 */
#include <stdio.h>
#include <string.h>

#include "cost/cost.h"
#include "report/report.h"

#define W_BARRIER	22
#define W_INSN		28

static void fit(char *dst, size_t w, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n <= w) {
		snprintf(dst, w + 1, "%s", s ? s : "");
		return;
	}
	snprintf(dst, w + 1, "%.*s..", (int)(w - 2), s);
}

static void header(const struct mb_result *r, FILE *out)
{
	const struct mb_host *h = &r->host;
	const char *unit = h->counter_unit ? h->counter_unit : "ticks";
	size_t n = 0;

	for (size_t i = 0; i < r->ncost && !n; i++)
		if (r->cost[i].supported)
			n = r->cost[i].ticks.n;
	fprintf(out, "Cost of one barrier%s: counter %s, unit %s, %.4f GHz (%s)%s%s\n",
		h->emulated ? " (EMULATED: meaningless)" : "", h->counter_name ? h->counter_name : "?", unit, h->counter_hz / 1e9,
		h->counter_hz_source ? h->counter_hz_source : "?",
		h->counter_fallback ? "; fallback: " : "", h->counter_fallback ? h->counter_fallback : "");
	if (h->cycles_available)
		fprintf(out, "Core cycles: %s; %.3f %s per cycle\n",
			h->cycles_source ? h->cycles_source : "?", h->ticks_per_cycle, unit);
	else
		fprintf(out, "Core cycles: none (%s)\n", h->cycles_source ? h->cycles_source : "not measured");
	fprintf(out, "Per barrier, the same context's empty loop subtracted; median [p10 .. p90] of %zu samples.\n\n", n);
	fprintf(out, "%-*s %-*s %-18s %9s [%8s .. %8s] %9s %9s\n", W_BARRIER, "barrier", W_INSN,
		"instruction", "context", unit, "p10", "p90", "ns", "cycles");
}

/* A barrier whose every context is unsupported for the same reason: one line. */
static bool all_unsupported_alike(const struct mb_result *r, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (r->cost[i].supported || !r->cost[i].reason || !r->cost[from].reason ||
		    strcmp(r->cost[i].reason, r->cost[from].reason))
			return false;
	return to - from > 1;
}

void mb_report_cost_text(const struct mb_result *r, FILE *out)
{
	char bar[W_BARRIER + 1], insn[W_INSN + 1];

	if (!r->ncost)
		return;
	header(r, out);
	for (size_t i = 0; i < r->ncost;) {
		size_t end = i + 1;

		/* One block per barrier: the entries of one barrier are adjacent. */
		while (end < r->ncost && !strcmp(r->cost[end].barrier, r->cost[i].barrier))
			end++;
		fit(bar, W_BARRIER, r->cost[i].barrier);
		fit(insn, W_INSN, r->cost[i].instruction);
		if (all_unsupported_alike(r, i, end)) {
			fprintf(out, "%-*s %-*s %-18s unsupported: %s\n", W_BARRIER, bar, W_INSN, insn,
				"(all)", r->cost[i].reason);
			i = end;
			continue;
		}
		for (size_t k = i; k < end; k++) {
			const struct mb_cost_entry *e = &r->cost[k];

			fprintf(out, "%-*s %-*s %-18s ", W_BARRIER, k == i ? bar : "", W_INSN,
				k == i ? insn : "", e->context);
			if (!e->supported) {
				fprintf(out, "unsupported: %s\n", e->reason ? e->reason : "?");
				continue;
			}
			fprintf(out, "%9.2f [%8.2f .. %8.2f] %9.2f", e->ticks.median, e->ticks.p10,
				e->ticks.p90, e->ns.median);
			if (e->have_cycles)
				fprintf(out, " %9.1f\n", e->cycles.median);
			else
				fprintf(out, " %9s\n", "-");
		}
		i = end;
	}
}
