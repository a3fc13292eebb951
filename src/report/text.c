/* SPDX-License-Identifier: MIT */
/*
 * src/report/text.c - the terminal report: the side-by-side summary (when
 * both engines ran), then the cost table, then the litmus table.
 */
#include <stdio.h>

#include "report/report.h"
#include "report/report.h"

void mb_report_text(const struct mb_result *r, FILE *out)
{
	if (r->host.emulated)
		fprintf(out, "EMULATED: %s\n"
			"  Every timing below measures the emulator, not the CPU: meaningless as a barrier's cost.\n"
			"  Litmus counts are kept: they show the ordering of the CPU the emulator runs on,\n"
			"  not of %s hardware.\n\n",
			r->host.emulation ? r->host.emulation : "run under an emulator", r->host.arch);
	mb_report_summary(r, out);
	if (r->ncost)
		mb_report_cost_text(r, out);
	if (r->nlitmus)
		mb_report_litmus_text(r, out);
}
