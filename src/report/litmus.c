/* SPDX-License-Identifier: MIT */
/*
 * src/report/litmus.c - the litmus part of the text report, read only
 * from the result model: one table row per test x barrier, then per run
 * the histogram of final states and a litmus7-style line
 * "Observation <test> <Never|Sometimes|Always> <positives> <negatives>"
 * (herdtools7 and LKMM's judgelitmus.sh read these), with the rule of
 * three bound when nothing bad was seen.
 */
#include <stdio.h>
#include <string.h>

#include "litmus/litmus.h"
#include "report/report.h"

static void cpus_text(const struct mb_litmus_entry *e, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (int i = 0; i < e->nthreads && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%d", i ? "," : "", e->cpus ? e->cpus[i] : -1);
	if (!e->nthreads)
		snprintf(buf, len, "-");
}

void mb_report_litmus_text(const struct mb_result *r, FILE *out)
{
	const char *host = "?";
	int downgrades = 0, w = 4;	/* width of the test column: the longest name */

	if (!r->nlitmus)
		return;
	for (size_t i = 0; i < r->nlitmus; i++)
		if (r->litmus[i].test && (int)strlen(r->litmus[i].test) > w)
			w = (int)strlen(r->litmus[i].test);
	if (r->litmus[0].host_model < MB_NMODELS)
		host = mb_model_names[r->litmus[0].host_model];
	fprintf(out, "\nLitmus tests (bad outcome = the exists clause; expected under %s)\n", host);
	fprintf(out, "%-*s %-22s %-30s %10s %9s %9s %-9s %-9s %-10s %s\n", w, "test", "barrier",
		"instruction", "iterations", "bad", "rate", "verdict", "expected", "status",
		"cpus placement");
	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *e = &r->litmus[i];
		const char *expected = e->host_model < MB_NMODELS ?
			(e->allowed[e->host_model] ? "allowed" : "forbidden") : "?";
		char cpus[64], rate[32];

		cpus_text(e, cpus, sizeof(cpus));
		if (e->status == MB_SKIPPED && !e->iterations) {
			fprintf(out, "%-*s %-22s %-30s %10s %9s %9s %-9s %-9s %-10s %s\n", w, e->test,
				e->barrier, e->instruction ? e->instruction : "-", "-", "-", "-", "-",
				expected, "skipped", e->reason ? e->reason : "");
			continue;
		}
		snprintf(rate, sizeof(rate), "%.2e", e->iterations ?
			 (double)e->positives / (double)e->iterations : 0.0);
		fprintf(out, "%-*s %-22s %-30s %10llu %9llu %9s %-9s %-9s %-10s %s %s%s\n", w, e->test,
			e->barrier, e->instruction ? e->instruction : "-",
			(unsigned long long)e->iterations, (unsigned long long)e->positives, rate,
			mb_verdict_name(e->verdict), expected, mb_status_name(e->status), cpus,
			e->placement ? e->placement : "-", e->downgrade ? " (downgraded)" : "");
		downgrades += e->downgrade != NULL;
	}
	if (downgrades) {
		fputs("Downgrades (placement, sync):\n", out);
		for (size_t i = 0; i < r->nlitmus; i++)
			if (r->litmus[i].downgrade)
				fprintf(out, "  %s under %s: %s\n", r->litmus[i].test, r->litmus[i].barrier,
					r->litmus[i].downgrade);
	}

	fputc('\n', out);
	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *e = &r->litmus[i];

		if (e->status == MB_SKIPPED && !e->iterations)
			continue;
		fprintf(out, "Test %s under ", e->test);
		if (e->barrier && strcmp(e->barrier, "-"))
			fputs(e->barrier, out);
		else	/* fixed barriers: name each thread's */
			for (int t = 0; t < e->nthreads; t++)
				fprintf(out, "%sP%d %s", t ? ", " : "its own: ", t,
					e->thread_barriers && e->thread_barriers[t] ? e->thread_barriers[t] : "-");
		fprintf(out, " (%s, %s, %s sync, %.3f s, %.0f/s)\n", e->placement ? e->placement : "-", e->layout ? e->layout : "-",
			e->sync ? e->sync : "-", e->elapsed_s,
			e->elapsed_s > 0 ? (double)e->iterations / e->elapsed_s : 0.0);
		fputs("Expected:", out);
		for (int m = 0; m < MB_NMODELS; m++)
			fprintf(out, " %s %s%s", mb_model_names[m], e->allowed[m] ? "allowed" : "forbidden",
				m + 1 < MB_NMODELS ? "," : "\n");
		fprintf(out, "Histogram (%zu states)\n", e->nhist);
		for (size_t h = 0; h < e->nhist; h++)
			fprintf(out, "%-12llu%s>%s\n", (unsigned long long)e->hist[h].count,
				e->hist[h].positive ? "*" : ":", e->hist[h].state);
		fprintf(out, "Observation %s %s %llu %llu", e->test, mb_verdict_name(e->verdict),
			(unsigned long long)e->positives, (unsigned long long)e->negatives);
		if (e->positives == 0 && e->iterations)
			fprintf(out, "  (bad outcome < %.1e at 95%%, 3/N)", e->p_upper95);
		fputc('\n', out);
		if (e->status == MB_VIOLATION)
			fprintf(out, "VIOLATION: %s forbids this outcome\n",
				 mb_model_names[e->host_model]);
		fputc('\n', out);
	}
}
