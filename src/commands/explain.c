/* SPDX-License-Identifier: MIT */
/*
 * src/commands/explain.c - `membench explain TEST [--kind K --type T]
 * [--arch A] [--format text|dot|svg|png] [-n N] [--no-run]` and
 * `membench explain --list`: each model's verdict on TEST's outcome and
 * why (src/litmus/explain.c), next to what this machine did (a short run
 * of the litmus engine, src/litmus/run.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "advise/search.h"
#include "barrier/barrier.h"
#include "commands/engines.h"
#include "plan/plan.h"
#include "litmus/explain.h"
#include "litmus/litmus.h"
#include "litmus/registry.h"
#include "report/explain.h"

#define EXPLAIN_ITERATIONS	100000	/* default -n: seconds at most, a teaching pace */
#define EXPLAIN_TIME_LIMIT	0.5

/*
 * The course: the built-in tests in teaching order.  What each teaches is
 * the first sentence of its own comment (litmus/README says the same);
 * a built-in test missing here comes last, in registry order.
 */
static const char *const course[] = {
	"SB+poonceonces",			/* the first weak outcome: store buffering */
	"SB+fences",				/* which barrier orders store->load */
	"SB+fencembonceonces",			/* smp_mb() */
	"SB+barrieronceonce+membarrieronceonce",/* asymmetric: membarrier() */
	"MP+fences",				/* message passing: two orderings */
	"MP+fencewmbonceonce+fencermbonceonce",	/* smp_wmb / smp_rmb */
	"MP+pooncerelease+poacquireonce",	/* release / acquire */
	"LB+fences",				/* load->store */
	"S+fences",				/* coherence meets ordering */
	"R+fences",
	"2+2W+fences",
	"WRC+fences",				/* cumulativity: three threads */
	"IRIW+fences",				/* multi-copy atomicity */
};

static void first_sentence(const char *doc, char *buf, size_t len)
{
	size_t o = 0;
	bool space = false;

	buf[0] = '\0';
	if (!doc)
		return;
	for (const char *p = doc; *p && o + 1 < len; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < len)
			buf[o++] = ' ';
		space = false;
		buf[o++] = *p;
		if (*p == '.' && (p[1] == ' ' || p[1] == '\n' || !p[1]))
			break;
	}
	buf[o] = '\0';
}

static int list_course(FILE *out)
{
	bool done[256] = { false };
	int step = 0;

	fprintf(out, "A course through the built-in tests (membench explain NAME for each):\n");
	for (size_t c = 0; c <= sizeof(course) / sizeof(course[0]); c++)
		for (int i = 0; i < mb_litmus_nbuiltins && i < 256; i++) {
			const struct lt_compiled *tc = mb_litmus_builtins[i].test;
			struct lt_test t;
			char err[256], s[400];

			if (done[i])
				continue;
			if (c < sizeof(course) / sizeof(course[0]) && strcmp(tc->name, course[c]))
				continue;
			done[i] = true;
			if (lt_parse(tc->source, tc->file, &t, err, sizeof(err)))
				return mb_fail(MB_EXIT_USAGE, "%s", err);
			first_sentence(t.doc, s, sizeof(s));
			fprintf(out, "%2d. %-38s %s\n", ++step, tc->name, s);
			lt_free(&t);
		}
	return MB_EXIT_OK;
}

/* --model or --arch (advise's names): one model; neither, or "all": every one. */
static int models_of(const struct mb_options *o, unsigned *models)
{
	const char *what = o->model ? o->model : o->arch;
	int m;

	if (o->model && o->arch)
		return mb_fail(MB_EXIT_USAGE, "--arch and --model exclude each other");
	if (!what || !strcmp(what, "all")) {
		*models = (1u << MB_NMODELS) - 1;
		return 0;
	}
	m = ad_model_parse(what);
	if (m < 0)
		return mb_fail(MB_EXIT_USAGE, "unknown %s '%s' (arches x86_64, aarch64, riscv64, "
			       "ppc64le, linux, all; models x86-TSO, Armv8, RVWMO, Power, LKMM)",
			       o->model ? "--model" : "--arch", what);
	*models = 1u << m;
	return 0;
}

/* The short run on this machine: the litmus engine on one test x barrier. */
static int hw_run(const struct mb_options *o, struct mb_result *r)
{
	struct mb_options ro = *o;
	struct mb_plan plan;
	char *test = o->explain_test;
	int rc;

	ro.cmd = MB_CMD_RUN;
	ro.litmus_only = true;
	ro.tests.v = &test;
	ro.tests.n = 1;
	ro.iterations = o->iterations ? o->iterations : EXPLAIN_ITERATIONS;
	ro.time_limit = o->time_limit > 0 ? o->time_limit : EXPLAIN_TIME_LIMIT;
	ro.progress = false;
	ro.show_asm = false;
	rc = mb_plan_make(&ro, &plan);
	if (rc)
		return rc;
	rc = mb_litmus_run(&ro, &plan, r);
	mb_plan_free(&plan);
	return rc;
}

/* svg / png through Graphviz's dot; MB_EXIT_ENV without it. */
static int graph_out(const struct lx_explain *e, unsigned models, const char *format)
{
	char cmd[64];
	FILE *p;
	int st;

	if (!strcmp(format, "dot")) {
		mb_explain_dot(e, models, stdout);
		return MB_EXIT_OK;
	}
	if (system("command -v dot >/dev/null 2>&1"))
		return mb_fail(MB_EXIT_ENV, "--format %s needs Graphviz's dot (apt-get install graphviz),"
			       " or use --format dot", format);
	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "dot -T%s", format);
	p = popen(cmd, "w");
	if (!p)
		return mb_fail(MB_EXIT_ENV, "cannot run '%s'", cmd);
	mb_explain_dot(e, models, p);
	st = pclose(p);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st))
		return mb_fail(MB_EXIT_ENV, "'%s' failed", cmd);
	return MB_EXIT_OK;
}

int mb_explain_main(const struct mb_options *o)
{
	struct mb_litmus_test lt;
	struct lx_explain *e;
	struct mb_result r;
	const struct mb_litmus_entry *hw = NULL;
	struct mb_id slot = MB_ID(MB_ROW_none_general, MB_EMITTED);
	bool graph = strcmp(o->format, "text") != 0;
	unsigned models = 0;
	int rc;

	if (o->explain_list)
		return o->explain_test ?
		       mb_fail(MB_EXIT_USAGE, "explain: --list takes no test") : list_course(stdout);
	if (strcmp(o->format, "text") && strcmp(o->format, "dot") && strcmp(o->format, "svg") &&
	    strcmp(o->format, "png"))
		return mb_fail(MB_EXIT_USAGE, "explain: --format must be text, dot, svg or png, not '%s'",
			       o->format);
	if ((rc = models_of(o, &models)))
		return rc;
	if (o->kinds.n > 1 || o->types.n > 1 || o->kinds_explicit != o->types_explicit)
		return mb_fail(MB_EXIT_USAGE, "explain: one barrier: --kind K --type T (both, or neither"
			       " for none.general)");
	if (o->flavors == 3)
		return mb_fail(MB_EXIT_USAGE, "explain: one flavor at a time");
	if (o->kinds_explicit) {
		if (!strcmp(o->kinds.v[0], "all") || !strcmp(o->types.v[0], "all"))
			return mb_fail(MB_EXIT_USAGE, "explain: one barrier, not 'all'");
		int row = mb_row_find(o->kinds.v[0], o->types.v[0]);

		if (row < 0)
			return mb_fail(MB_EXIT_USAGE, "explain: no barrier %s.%s", mb_esc(o->kinds.v[0]),
				       mb_esc(o->types.v[0]));
		slot = MB_ID(row, o->flavors == 2 ? MB_KERNEL : MB_EMITTED);
	}
	rc = mb_litmus_load(o->explain_test, false, &lt);
	if (rc)
		return rc;
	e = lx_explain_new(&lt.ast, lt.ast.has_slot ? slot : MB_ID_NONE);
	if (!e) {
		mb_litmus_test_free(&lt);
		return mb_fail(MB_EXIT_ENV, "out of memory");
	}
	if (graph) {
		rc = graph_out(e, models, o->format);
		goto out;
	}
	mb_result_init(&r);
	if (!o->no_run) {
		struct mb_options ro = *o;
		struct mb_strlist k = { NULL, 0 }, t = { NULL, 0 };
		/* the slot's barrier, for the plan: none.general by default */
		char *kv = mb_strdup(mb_row_kind((enum mb_row)slot.row));
		char *tv = mb_strdup(mb_row_type((enum mb_row)slot.row));

		k.v = &kv;
		k.n = 1;
		t.v = &tv;
		t.n = 1;
		ro.kinds = k;
		ro.types = t;
		ro.kinds_explicit = ro.types_explicit = true;
		rc = hw_run(&ro, &r);
		free(kv);
		free(tv);
		if (!rc && r.nlitmus)
			hw = &r.litmus[0];
	}
	mb_explain_text(e, models, hw, stdout);
	if (!rc && hw && hw->status == MB_VIOLATION)
		rc = MB_EXIT_FAIL;
	mb_result_free(&r);
out:
	lx_explain_free(e);
	mb_litmus_test_free(&lt);
	return rc;
}
