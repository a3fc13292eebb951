/* SPDX-License-Identifier: MIT */
/*
 * src/commands/engines.h - the subcommands, as main.c calls them, and the
 * stages after planning each declares in its own header: run (cost,
 * litmus) -> record (struct mb_result, JSON) -> report (text, gbench) and
 * the gates (compare, check).  Each returns an enum mb_exit code and
 * prints its own one-line error.
 */
#ifndef MB_ENGINES_H
#define MB_ENGINES_H

#include <stdio.h>

#include "commands/cli.h"
#include "cost/cost.h"
#include "litmus/litmus.h"
#include "plan/plan.h"
#include "report/report.h"
#include "result/json.h"
#include "result/result.h"

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
