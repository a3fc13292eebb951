/* SPDX-License-Identifier: MIT */
/*
 * src/report/report.h - the text reports, each reading only the result model:
 * the side-by-side summary (src/report/summary.c), the cost table
 * (src/report/cost.c) and the litmus table (src/report/litmus.c), which
 * src/report/text.c prints in that order; and Google Benchmark's JSON.
 */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stdio.h>

#include "result/result.h"

void mb_report_summary(const struct mb_result *r, FILE *out);
void mb_report_cost_text(const struct mb_result *r, FILE *out);
void mb_report_litmus_text(const struct mb_result *r, FILE *out);

/* src/report/text.c: the terminal tables (cost, litmus, litmus7-style Observation lines). */
void mb_report_text(const struct mb_result *r, FILE *out);
/* src/report/gbench.c: Google Benchmark JSON (for github-action-benchmark). */
int mb_report_gbench(const struct mb_result *r, FILE *out);

#endif
