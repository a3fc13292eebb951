/* SPDX-License-Identifier: MIT */
/*
 * src/commands/advise.c - `membench advise TEST`: per memory model, the
 * cheapest per-thread barriers that forbid the test's exists outcome
 * (src/advise/search.h), ranked by costs measured here or read from a
 * result file (src/advise/costs.h), and on this machine's model the
 * recommended assignment and the next-cheaper incorrect one run
 * (src/advise/proof.c).  Reports: src/advise/report.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advise/advise.h"
#include "arch/arch.h"
#include "barrier/barrier.h"
#include "commands/engines.h"

/* "1000:1" -> one positive weight per thread. */
static int parse_weights(const char *arg, const struct lt_test *t, double *w)
{
	const char *p = arg;
	int n = 0;

	while (*p) {
		char *end;
		double v;

		errno = 0;
		v = strtod(p, &end);
		if (end == p || errno || !(v > 0) || isinf(v) || (*end && *end != ':'))
			return mb_fail(MB_EXIT_USAGE, "--weights: '%s' is not positive numbers joined by ':'",
				       arg);
		if (n < LT_MAX_THREADS)
			w[n] = v;
		n++;
		p = *end ? end + 1 : end;
		if (*end && !*p)
			return mb_fail(MB_EXIT_USAGE, "--weights: '%s' ends with ':'", arg);
	}
	if (n != t->nthreads)
		return mb_fail(MB_EXIT_USAGE, "--weights: %d weights for %s's %d threads", n, t->name,
			       t->nthreads);
	return 0;
}

/* The models asked for: --model, else --arch (all, or one), else this machine's. */
static int pick_models(const struct mb_options *o, int *models, int *n)
{
	const char *what = o->model ? o->model : o->arch;
	int m;

	*n = 0;
	if (o->model && o->arch)
		return mb_fail(MB_EXIT_USAGE, "--arch and --model exclude each other");
	if (what && !strcmp(what, "all")) {
		for (m = 0; m < MB_NMODELS; m++)
			models[(*n)++] = m;
		return 0;
	}
	m = ad_model_parse(what ? what : MB_ARCH_MODEL);
	if (m < 0)
		return mb_fail(MB_EXIT_USAGE, "%s: unknown %s '%s' (x86_64, aarch64, riscv64, ppc64le,"
			       " linux, all; models x86-TSO, Armv8, RVWMO, Power, LKMM)",
			       o->model ? "--model" : "--arch", o->model ? "model" : "arch", what);
	models[(*n)++] = m;
	return 0;
}

/* The slot contexts the test needs costs in. */
static int needed_contexts(const struct lt_test *t, const char **ctx)
{
	struct ad_search probe;
	char err[256];
	int n = 0;

	memset(&probe, 0, sizeof(probe));
	/* one cheap search on the host model gives the slots' contexts */
	if (ad_search_run(&probe, t, (enum mb_model)ad_model_parse(MB_ARCH_MODEL),
			  &(struct ad_filter){ (const char *const[]){ "none", NULL },
					       (const char *const[]){ "general", NULL } },
			  NULL, NULL, NULL, err, sizeof(err)) == 0)
		for (int th = 0; th < t->nthreads; th++)
			for (int k = 0; k < probe.nslots[th]; k++) {
				bool seen = false;

				for (int i = 0; i < n; i++)
					seen |= !strcmp(ctx[i], probe.context[th][k]);
				if (!seen && n < 8)
					ctx[n++] = probe.context[th][k];
			}
	ad_search_free(&probe);
	return n;
}

int mb_advise_main(const struct mb_options *o)
{
	static struct ad_advice a;
	struct mb_litmus_test lt;
	struct ad_costs file_costs, here_costs;
	bool have_file = false, have_here = false;
	struct ad_filter filter = { NULL, NULL };
	const char *ctx[8];
	int models[MB_NMODELS], nmodels, rc, host = ad_model_parse(MB_ARCH_MODEL);
	unsigned run_no = 0;

	memset(&a, 0, sizeof(a));
	memset(&file_costs, 0, sizeof(file_costs));
	memset(&here_costs, 0, sizeof(here_costs));
	if (strcmp(o->format, "text") && strcmp(o->format, "json"))
		return mb_fail(MB_EXIT_USAGE, "advise: --format text or json");
	if ((rc = pick_models(o, models, &nmodels)))
		return rc;
	if ((rc = mb_litmus_load(o->advise_test, false, &lt)))
		return rc;
	a.t = &lt.ast;
	a.test = lt.ast.name[0] ? lt.ast.name : lt.compiled->name;
	a.file = lt.file;
	a.command = o->cmdline;
	if (!lt.ast.has_slot) {
		mb_litmus_test_free(&lt);
		return mb_fail(MB_EXIT_USAGE, "advise: %s has no fence() slot: nothing to choose",
			       o->advise_test);
	}
	for (int th = 0; th < LT_MAX_THREADS; th++)
		a.weights[th] = 1;
	if (o->weights && (rc = parse_weights(o->weights, &lt.ast, a.weights))) {
		mb_litmus_test_free(&lt);
		return rc;
	}
	a.weighted = o->weights != NULL;
	if (o->kinds.n)
		filter.kinds = (const char *const *)o->kinds.v;
	if (o->types.n)
		filter.types = (const char *const *)o->types.v;
	/* NULL-terminated copies: mb_strlist has a count */
	const char *kinds[16] = { 0 }, *types[16] = { 0 };
	for (int i = 0; i < o->kinds.n && i < 15; i++)
		kinds[i] = o->kinds.v[i];
	for (int i = 0; i < o->types.n && i < 15; i++)
		types[i] = o->types.v[i];
	filter.kinds = o->kinds.n ? kinds : NULL;
	filter.types = o->types.n ? types : NULL;

	if (o->costs_path) {
		if ((rc = ad_costs_load(&file_costs, o->costs_path)))
			goto out;
		have_file = true;
		bool asked = false;
		for (int i = 0; i < nmodels; i++)
			asked |= models[i] == file_costs.model;
		if (!asked) {
			rc = mb_fail(MB_EXIT_USAGE, "advise: --costs %s holds %s costs, and %s is not"
				     " advised here (--arch, --model)", o->costs_path,
				     mb_model_names[file_costs.model], mb_model_names[file_costs.model]);
			goto out;
		}
	}
	for (int i = 0; i < nmodels; i++)
		if (models[i] == host && !(have_file && file_costs.model == host)) {
			int n = needed_contexts(&lt.ast, ctx);

			if ((rc = ad_costs_measure(&here_costs, o, ctx, n)))
				goto out;
			have_here = true;
		}

	for (int i = 0; i < nmodels; i++) {
		struct ad_model *am = &a.m[a.nmodels++];
		char err[256];

		am->host = models[i] == host;
		mb_result_init(&am->runs);
		for (int r = 0; r < AD_NROLES; r++)
			am->proof[r].assign = am->proof[r].entry = -1;
		if (have_file && file_costs.model == models[i])
			am->costs = &file_costs;
		else if (am->host && have_here)
			am->costs = &here_costs;
		else
			snprintf(am->cost_note, sizeof(am->cost_note), "no costs for %s (--costs FILE.json"
				 " of that arch ranks it): unranked, ordered by strength",
				 mb_model_names[models[i]]);
		if (ad_search_run(&am->s, &lt.ast, (enum mb_model)models[i], &filter, a.weights,
				  am->costs ? ad_costs_get : NULL, (void *)am->costs, err, sizeof(err))) {
			rc = mb_fail(MB_EXIT_USAGE, "advise: %s", err);
			goto out;
		}
		if (!am->host)
			continue;
		if (o->no_proof) {
			snprintf(am->proof[0].why, sizeof(am->proof[0].why), "--no-proof");
			continue;
		}
		{
			int roles[AD_NROLES] = { am->s.recommended, am->s.cheaper_incorrect };
			struct mb_options po = *o;

			if (!po.time_limit)
				po.time_limit = 1.5;	/* per run: keeps advise quick; -n/--time-limit for more */
			for (int r = 0; r < AD_NROLES && !rc; r++) {
				if (roles[r] < 0) {
					snprintf(am->proof[r].why, sizeof(am->proof[r].why), "%s",
						 r == AD_RECOMMENDED ? "nothing to run: no assignment is correct" :
						 "nothing cheaper to run");
					continue;
				}
				rc = ad_proof_run(&po, &lt, &am->s, roles[r], run_no++, &am->runs,
						  &am->proof[r]);
			}
		}
	}

	if (!strcmp(o->format, "json"))
		rc = ad_report_json(&a, stdout) ? MB_EXIT_ENV : rc;
	else
		ad_report_text(&a, stdout);
out:
	for (int i = 0; i < a.nmodels; i++) {
		ad_search_free(&a.m[i].s);
		mb_result_free(&a.m[i].runs);
	}
	if (have_file || o->costs_path)
		ad_costs_free(&file_costs);
	if (have_here)
		ad_costs_free(&here_costs);
	mb_litmus_test_free(&lt);
	return rc;
}
