/* SPDX-License-Identifier: MIT */
/*
 * src/commands/engines.h - the stages after planning, as main.c calls them:
 * run (cost, litmus) -> record (struct mb_result) -> report (text, JSON,
 * gbench) and the gates (compare, check).  Each returns an enum mb_exit
 * code and prints its own one-line error.
 */
#ifndef MB_ENGINES_H
#define MB_ENGINES_H

#include <stdio.h>

#include "commands/cli.h"
#include "commands/plan.h"
#include "result/result.h"

/* src/cost/run.c: every planned barrier x selected context -> r->cost[]; fills host cycles fields. */
int mb_cost_run(const struct mb_options *o, const struct mb_plan *p, struct mb_result *r);

/*
 * src/litmus/run.c: resolve and check every selected test (user tests
 * built) into p->tests, before anything is measured; release them at the
 * end.  mb_litmus_run: every test x planned barrier -> r->litmus[]
 * (prepares first if main did not); MB_EXIT_INTERRUPTED when a signal
 * stopped it, the entry in progress dropped.
 */
int mb_litmus_prepare(const struct mb_options *o, struct mb_plan *p);
void mb_litmus_release(struct mb_plan *p);
int mb_litmus_run(const struct mb_options *o, struct mb_plan *p, struct mb_result *r);

/* src/report/text.c: the terminal tables (cost, litmus, litmus7-style Observation lines). */
void mb_report_text(const struct mb_result *r, FILE *out);

/* src/result/json_write.c: the schema's JSON; atomically (temp + rename) when path is a file, "-" = stdout. */
int mb_json_write(const struct mb_result *r, const char *path);
/* Write a file atomically: dump(f, arg) (0 or -1) into a temporary file beside
 * target, fsync, rename; 0 or an errno, and target untouched on failure. */
int mb_write_atomic(const char *target, int (*dump)(FILE *f, void *arg), void *arg);
/* Check, before a long run, that path's directory can take the file. */
int mb_json_check_writable(const char *path);
/* src/result/json_read.c: rebuild a result; on error fills err with one line and returns MB_EXIT_USAGE. */
int mb_json_read(const char *path, struct mb_result *r, char *err, size_t errlen);
/* The same from memory (a host of a fleet, src/result/fleet.c); name stands for the file in errors. */
int mb_json_read_buf(const char *name, const char *buf, size_t len, struct mb_result *r, char *err,
		     size_t errlen);
/* src/report/gbench.c: Google Benchmark JSON (for github-action-benchmark). */
int mb_report_gbench(const struct mb_result *r, FILE *out);

/* src/commands/compare.c: `membench compare` (0 none regressed, 1 regressed, 2 bad input). */
int mb_compare_main(const struct mb_options *o);
/* src/commands/check.c: `membench check` / --check (0 clean, 1 violation). */
int mb_check_result(const struct mb_result *r, FILE *out);
int mb_check_main(const struct mb_options *o);
/* src/commands/advise.c: `membench advise TEST` (0 answered, 2 bad input, 4 environment). */
int mb_advise_main(const struct mb_options *o);
/* src/commands/merge.c: `membench merge` (0 merged, 2 bad input, 4 cannot write). */
int mb_merge_main(const struct mb_options *o);
/* src/commands/model.c: `membench model FILE...` (0 all modelled, 2 a file unreadable or not modelled). */
int mb_model_main(const struct mb_options *o);
/* src/commands/explain.c: `membench explain` (0 ok, 1 a violation seen, 2 bad input, 4 environment). */
int mb_explain_main(const struct mb_options *o);

#endif
