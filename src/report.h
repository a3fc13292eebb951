/* SPDX-License-Identifier: MIT */
/*
 * src/report.h - the text reports, each reading only the result model:
 * the side-by-side summary (src/report_summary.c), the cost table
 * (src/cost_report.c) and the litmus table (src/litmus_report.c).
 * src/report_text.c prints them in that order.
 */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stdio.h>

#include "result.h"

void mb_report_summary(const struct mb_result *r, FILE *out);
void mb_report_cost_text(const struct mb_result *r, FILE *out);
void mb_report_litmus_text(const struct mb_result *r, FILE *out);

#endif
