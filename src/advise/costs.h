/* SPDX-License-Identifier: MIT */
/*
 * src/advise/costs.h - what each choice of `membench advise` costs, per
 * slot context: measured here by the cost engine (src/cost/run.c, a few
 * samples of one barrier per distinct instruction), or read from a result
 * file of the arch being advised (`--costs FILE.json`).  The search
 * (src/advise/search.h) asks through ad_costs_get; none.general costs 0
 * by definition, the access forms are never measured (NAN).
 */
#ifndef MB_ADVISE_COSTS_H
#define MB_ADVISE_COSTS_H

#include <stdbool.h>

#include "advise/search.h"
#include "plan/options.h"
#include "result/result.h"

#define AD_COST_SAMPLES	5	/* per barrier x context: a ranking, not a benchmark */

struct ad_costs {
	bool here;		/* measured on this machine (names resolve through its registry) */
	int model;		/* the model of the arch the costs are of */
	char source[600];	/* for people: where the figures come from */
	const char *unit;	/* the result's counter unit */
	struct mb_result r;
};

/*
 * Measure here every barrier of this arch that the filter keeps, one per
 * distinct instruction, in the contexts a test's slots need.  Returns an
 * enum mb_exit code (its one-line error printed).
 */
int ad_costs_measure(struct ad_costs *c, const struct mb_options *o, const char *const *contexts,
		     int ncontexts);
/* Read a result file; its host model says which arch the costs are of. */
int ad_costs_load(struct ad_costs *c, const char *path);
void ad_costs_free(struct ad_costs *c);

/* ad_cost_fn for the search: ctx is a struct ad_costs; median ticks to two significant digits, NAN when unknown. */
double ad_costs_get(void *ctx, const struct ad_choice *ch, const char *context);

#endif /* MB_ADVISE_COSTS_H */
