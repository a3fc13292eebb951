/* SPDX-License-Identifier: MIT */
/*
 * src/advise/advise.h - `membench advise`'s answer, as the command
 * (src/commands/advise.c) builds it and the reports (src/advise/report.c:
 * text, JSON "membench-advise/1", documented in docs/advise.md) read it:
 * per memory model, the search (src/advise/search.h), where its costs
 * came from (src/advise/costs.h), and on this machine's model the proof
 * runs (src/advise/proof.c).
 */
#ifndef MB_ADVISE_H
#define MB_ADVISE_H

#include <stdbool.h>
#include <stdio.h>

#include "advise/costs.h"
#include "advise/search.h"
#include "plan/options.h"
#include "litmus/litmus.h"
#include "result/result.h"

#define AD_SCHEMA	"membench-advise/1"
#define AD_TOP		8	/* ranked correct assignments shown */

enum ad_role { AD_RECOMMENDED, AD_CHEAPER_INCORRECT, AD_NROLES };

struct ad_proof {
	int assign;			/* index into the search's assignments, -1: not run */
	int entry;			/* its run: index into the model's runs, -1 none */
	char why[256];			/* when not run */
};

struct ad_model {
	struct ad_search s;
	bool host;			/* this machine's model */
	const struct ad_costs *costs;	/* NULL: unranked */
	char cost_note[256];		/* why unranked, or "" */
	struct ad_proof proof[AD_NROLES];
	struct mb_result runs;		/* the proof runs' entries */
};

struct ad_advice {
	const char *test, *file, *command;
	const struct lt_test *t;
	bool weighted;
	double weights[LT_MAX_THREADS];
	int nmodels;
	struct ad_model m[MB_NMODELS];
};

/* src/advise/proof.c: run assignment ai of s on this machine with the compiled test lt. */
int ad_proof_run(const struct mb_options *o, struct mb_litmus_test *lt, const struct ad_search *s,
		 int ai, unsigned run_no, struct mb_result *r, struct ad_proof *p);

/* The label of assignment ai: "P0=smp.general P1=smp.general" into buf. */
const char *ad_assign_label(const struct ad_search *s, int ai, char *buf, size_t len);

/* src/advise/report.c */
void ad_report_text(const struct ad_advice *a, FILE *out);
int ad_report_json(const struct ad_advice *a, FILE *out);

#endif /* MB_ADVISE_H */
