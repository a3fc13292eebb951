/* SPDX-License-Identifier: MIT */
/*
 * src/report/text.c - the terminal report: the side-by-side summary (when
 * both engines ran), then the cost table, then the litmus table.
 */
#include "commands/engines.h"
#include "report/report.h"

void mb_report_text(const struct mb_result *r, FILE *out)
{
	mb_report_summary(r, out);
	if (r->ncost)
		mb_report_cost_text(r, out);
	if (r->nlitmus)
		mb_report_litmus_text(r, out);
}
