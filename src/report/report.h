/* SPDX-License-Identifier: MIT */
/*
 * src/report/report.h - the text reports, each reading only the result model:
 * the side-by-side summary (src/report/summary.c), the cost table
 * (src/report/cost.c) and the litmus table (src/report/litmus.c).
 * src/report/text.c prints them in that order.
 */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stdio.h>

#include "result/result.h"

void mb_report_summary(const struct mb_result *r, FILE *out);
void mb_report_cost_text(const struct mb_result *r, FILE *out);
void mb_report_litmus_text(const struct mb_result *r, FILE *out);

#endif
