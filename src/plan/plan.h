/* SPDX-License-Identifier: MIT */
/*
 * src/plan/plan.h - from options to the list of barriers to run.  Tests and
 * contexts are resolved by their own registries (src/litmus/load.c,
 * src/cost/ctx.c) from the same options.
 */
#ifndef MB_PLAN_PLAN_H
#define MB_PLAN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "barrier/barrier.h"
#include "base/base.h"
#include "plan/options.h"

struct mb_plan_barrier {
	size_t idx;		/* into mb_barriers[] */
	enum mb_flavor flavor;
	char name[48];		/* "smp.read" / "smp.read:kernel" */
	bool supported;
	const char *reason;	/* why not, when !supported */
};

struct mb_litmus_test;

struct mb_plan {
	struct mb_plan_barrier *barriers;
	size_t nbarriers;
	bool run_cost, run_litmus;
	/* the litmus tests, resolved and built (mb_litmus_prepare), or NULL */
	struct mb_litmus_test *tests;
	int ntests;
};

/*
 * Build the plan.  Unknown kind/type: MB_EXIT_USAGE.  A kind x type the user
 * named explicitly that this arch lacks or cannot run: MB_EXIT_UNSUPPORTED.
 * With "all" (the default), absent rows are skipped and unsupported ones
 * kept, marked, so that reports show them.  Prints the one-line error.
 */
int mb_plan_make(const struct mb_options *o, struct mb_plan *p);
void mb_plan_free(struct mb_plan *p);

#endif
