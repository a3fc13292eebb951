/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/run.c - the litmus engine: every selected test x every
 * planned barrier -> r->litmus[] (src/result/result.h).  Per entry: place
 * the threads (src/platform/topo.c), choose the synchronisation (timebase
 * unless the counters' skew forbids it, src/litmus/skew.c), run
 * (src/litmus/harness.c), judge the histogram (src/litmus/judge.c).
 * Every test is resolved (and user tests built) before anything runs, the
 * cost stage included (mb_litmus_prepare).  A stop request (SIGINT,
 * SIGTERM) ends the entry in progress within a batch; it is not recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "barrier/ports.h"
#include "litmus/harness.h"
#include "litmus/judge.h"
#include "litmus/litmus.h"
#include "litmus/model.h"
#include "litmus/skew.h"
#include "platform/stop.h"
#include "platform/topo.h"

struct entry_req {
	const struct mb_options *o;
	struct mb_litmus_test *lt;
	const struct lt_variant *v;
	struct mb_id slot;	/* barrier in the slot, MB_ID_NONE when none */
	const char *label;	/* what the entry's barrier says, when not slot */
	const char *insn;
	unsigned run_no;
};

static void fill_common(struct mb_litmus_entry *e, const struct entry_req *q)
{
	const struct lt_test *t = &q->lt->ast;

	e->test = mb_strdup(t->name[0] ? t->name : q->lt->compiled->name);
	e->file = mb_strdup(q->lt->file);
	char name[48];

	e->barrier = mb_strdup(q->label ? q->label : mb_id_name(q->slot, name, sizeof(name)));
	e->instruction = mb_strdup(q->insn);
	e->nthreads = t->nthreads;
	e->thread_barriers = mb_xcalloc((size_t)t->nthreads, sizeof(char *));
	e->cpus = mb_xcalloc((size_t)t->nthreads, sizeof(int));
	for (int th = 0; th < t->nthreads; th++) {
		char buf[256] = "";
		size_t len = 0;

		for (int n = 0; n < t->threads[th].ninstrs; n++) {
			const struct lt_instr *in = &t->threads[th].instrs[n];
			struct mb_id id = in->slot ? q->slot : in->barrier;
			const char *b;

			if (in->op != LT_FENCE)
				continue;
			if (!mb_id_valid(id))
				id = MB_ID(MB_ROW_none_general, MB_EMITTED);
			b = mb_id_name(id, name, sizeof(name));
			if (!strstr(buf, b) && len < sizeof(buf))
				len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
							len ? "," : "", b);
		}
		e->thread_barriers[th] = mb_strdup(len ? buf : "-");
		e->cpus[th] = -1;
	}
	e->layout = mb_strdup(q->o->layout ? q->o->layout : "separate-lines");
	e->sync = mb_strdup(q->o->sync ? q->o->sync : "timebase");
	/* The host's model judges the code this port runs (an Armv7 host:
	 * Power's axioms over dmb ish), the others their own ports' code. */
	lt_model_use_port(mb_port_find(MB_ARCH_PORT));
	lt_model_allowed(t, q->slot, e->allowed);
	lt_model_use_port(NULL);
	e->host_model = MB_NMODELS;
	for (int m = 0; m < MB_NMODELS; m++)
		if (!strcmp(mb_model_names[m], MB_ARCH_MODEL))
			e->host_model = (enum mb_model)m;
	if (e->host_model == MB_NMODELS)
		e->host_model = MB_LKMM;
	e->declared = t->result[0] ? mb_strdup(t->result) : NULL;
	e->doc_string = mb_strdup(t->com);
	if (t->nmeta) {
		e->header = mb_xcalloc((size_t)t->nmeta, sizeof(*e->header));
		for (int k = 0; k < t->nmeta; k++) {
			e->header[k].key = mb_strdup(t->meta[k].key);
			e->header[k].value = mb_strdup(t->meta[k].value);
		}
		e->nheader = (size_t)t->nmeta;
	}
}

static void skip_entry(struct mb_result *r, const struct entry_req *q, const char *why)
{
	struct mb_litmus_entry *e = mb_result_add_litmus(r);

	fill_common(e, q);
	e->placement = mb_strdup("-");
	e->status = MB_SKIPPED;
	e->reason = mb_strdup(why);
	e->verdict = MB_NEVER;
}

static int run_entry(struct mb_result *r, const struct entry_req *q)
{
	const struct mb_options *o = q->o;
	const struct lt_test *t = &q->lt->ast;
	struct mb_litmus_entry *e;
	struct mb_placement pl;
	struct mb_harness_cfg cfg;
	struct mb_harness_out res;
	char err[320], skew_msg[256] = "";
	long long skew = -1;
	int rc = MB_EXIT_OK, skew_rc = 0;

	if (mb_topo_place(o->placement, o->cpus, t->nthreads, q->run_no, o->seed, &pl, err,
			  sizeof(err)))
		return mb_fail(MB_EXIT_ENV, "%s", err);
	memset(&cfg, 0, sizeof(cfg));
	cfg.t = t;
	cfg.v = q->v;
	cfg.pus = pl.pus;
	cfg.sync = o->sync && !strcmp(o->sync, "spin") ? LT_SYNC_SPIN : LT_SYNC_TIMEBASE;
	cfg.same_line = o->layout && !strcmp(o->layout, "same-line");
	cfg.iterations = o->iterations;
	cfg.time_limit = o->time_limit;
	cfg.seed = o->seed;
	cfg.hz = mb_counter()->hz > 0 ? mb_counter()->hz : 1e9;
	/* whether asked for or the default, timebase needs one clock on every PU */
	if (cfg.sync == LT_SYNC_TIMEBASE) {
		skew_rc = mb_skew_check(pl.pus, t->nthreads, cfg.hz, &skew, skew_msg,
					sizeof(skew_msg));
		if (skew_rc == 1)
			cfg.sync = LT_SYNC_SPIN;
	}

	e = mb_result_add_litmus(r);
	fill_common(e, q);
	e->placement = mb_strdup(pl.mode);
	for (int th = 0; th < t->nthreads; th++)
		e->cpus[th] = pl.pus[th];
	if (pl.downgrade[0])
		fprintf(stderr, "membench: warning: %s under %s: placement downgraded: %s\n",
			e->test, e->barrier, pl.downgrade);
	if (skew_rc == 1) {
		free(e->sync);
		e->sync = mb_strdup("spin");
		fprintf(stderr, "membench: warning: %s under %s: %s\n", e->test, e->barrier, skew_msg);
	} else if (skew_rc == 0 && cfg.sync == LT_SYNC_TIMEBASE) {
		/* the bound travels with the mode: "sync" is free text in the schema */
		free(e->sync);
		e->sync = skew < 0 ? mb_strdup("timebase (skew 0: one PU)") :
			mb_asprintf("timebase (skew <= %lld ticks)", skew);
	}
	if (pl.downgrade[0] && skew_rc == 1)
		e->downgrade = mb_asprintf("%s; %s", pl.downgrade, skew_msg);
	else if (pl.downgrade[0] || skew_rc == 1)
		e->downgrade = mb_strdup(pl.downgrade[0] ? pl.downgrade : skew_msg);
	if (o->show_asm)
		mb_litmus_show_asm(q->lt, q->v, q->slot);	/* MB_ID_NONE: no slot */

	if (mb_harness_run(&cfg, &res))
		rc = mb_fail(MB_EXIT_ENV, "%s", res.err);
	if (mb_stop_requested()) {	/* stopped by a signal: this entry did not finish */
		mb_hist_free(&res.hist);
		mb_result_drop_last_litmus(r);
		return MB_EXIT_INTERRUPTED;
	}
	else if (res.pin_failed >= 0)
		rc = mb_fail(MB_EXIT_ENV, "%s: %s", e->test, res.err);
	mb_litmus_tally(e, t, &res.hist);
	mb_hist_free(&res.hist);
	e->elapsed_s = res.elapsed_s;
	if (res.abandoned) {
		e->status = MB_SKIPPED;
		e->reason = mb_asprintf("abandoned after %llu instances: a thread did not progress"
					" for %.0f s (synchronisation timed out)",
					(unsigned long long)e->iterations, MB_HARNESS_GRACE_S);
		fprintf(stderr, "membench: warning: %s under %s: %s\n", e->test, e->barrier, e->reason);
	} else if (rc) {
		e->status = MB_SKIPPED;
		e->reason = mb_strdup("could not pin the threads");
	} else {
		e->status = mb_litmus_status(e->positives, e->allowed[e->host_model]);
	}
	if (o->progress)
		fprintf(stderr, "  %-28s %-22s %10llu iterations %6.2fs  %llu bad\n", e->test,
			e->barrier, (unsigned long long)e->iterations, e->elapsed_s,
			(unsigned long long)e->positives);
	return rc;
}

int mb_litmus_run_one(const struct mb_options *o, struct mb_litmus_test *lt,
		      const struct lt_variant *v, const char *label, const char *insn,
		      unsigned run_no, struct mb_result *r)
{
	struct entry_req q = { .o = o, .lt = lt, .v = v, .slot = MB_ID_NONE, .label = label,
			       .insn = insn, .run_no = run_no };
	char err[256];

	if (mb_topo_init(err, sizeof(err)))
		return mb_fail(MB_EXIT_ENV, "%s", err);
	(void)mb_counter();	/* calibrate before the threads start */
	return run_entry(r, &q);
}

/*
 * Everything the litmus stage needs, checked before anything is measured
 * (main runs this before the cost stage): every test resolved and user
 * tests built, each placeable (thread count, --cpus), the topology loaded,
 * the counter calibrated.  The tests are kept in p until mb_litmus_release.
 */
int mb_litmus_prepare(const struct mb_options *o, struct mb_plan *p)
{
	static const char *const defaults[] = { "MP", "SB" };
	const char *const *names = o->tests.n ? (const char *const *)o->tests.v : defaults;
	int ntests = o->tests.n ? o->tests.n : 2;
	struct mb_placement pl;
	char err[320];
	int rc = 0;

	if (p->tests)
		return 0;
	p->tests = mb_xcalloc((size_t)ntests, sizeof(*p->tests));
	p->ntests = ntests;
	for (int i = 0; i < ntests && !rc; i++)
		rc = mb_litmus_load(names[i], o->show_asm, &p->tests[i]);
	if (!rc && mb_topo_init(err, sizeof(err)))
		rc = mb_fail(MB_EXIT_ENV, "%s", err);
	for (int i = 0; i < ntests && !rc; i++) {
		struct mb_litmus_test *lt = &p->tests[i];

		if (lt->ast.nthreads != lt->compiled->nthreads)
			rc = mb_fail(MB_EXIT_USAGE, "%s: compiled test and its source disagree",
				     mb_esc(lt->file));
		else if (mb_topo_place(o->placement, o->cpus, lt->ast.nthreads, 0, o->seed, &pl, err,
				       sizeof(err)))
			rc = mb_fail(MB_EXIT_USAGE, "%s: %s", mb_esc(lt->file), err);
	}
	if (!rc)
		(void)mb_counter();	/* calibrate before the threads start */
	if (rc)
		mb_litmus_release(p);
	return rc;
}

void mb_litmus_release(struct mb_plan *p)
{
	for (int i = 0; p->tests && i < p->ntests; i++)
		mb_litmus_test_free(&p->tests[i]);
	free(p->tests);
	p->tests = NULL;
	p->ntests = 0;
}

int mb_litmus_run(const struct mb_options *o, struct mb_plan *p, struct mb_result *r)
{
	unsigned run_no = 0;
	int rc = mb_litmus_prepare(o, p);

	for (int i = 0; i < p->ntests && !rc; i++) {
		struct mb_litmus_test *lt = &p->tests[i];
		struct entry_req q = { .o = o, .lt = lt, .slot = MB_ID_NONE, .run_no = 0 };
		const char *why = NULL;
		bool fixed_ok = mb_litmus_fixed_fences_ok(&lt->ast, &why);

		if (!lt->compiled->has_slot) {
			q.v = &lt->compiled->variants[0];
			q.slot = MB_ID_NONE;
			q.insn = "-";
			q.run_no = run_no++;
			if (!fixed_ok)
				skip_entry(r, &q, why);
			else
				rc = run_entry(r, &q);
			continue;
		}
		for (size_t b = 0; b < p->nbarriers && !rc; b++) {
			const struct mb_plan_barrier *pb = &p->barriers[b];

			q.slot = MB_ID((int)pb->idx, pb->flavor);
			q.insn = mb_barrier_insn(pb->idx, pb->flavor);
			q.v = mb_litmus_variant(lt->compiled, q.slot);
			q.run_no = run_no++;
			if (!q.v)
				skip_entry(r, &q, "not compiled into this test (barrier unknown to"
					   " the build)");
			else if (!pb->supported)
				skip_entry(r, &q, pb->reason ? pb->reason : "unsupported here");
			else if (!fixed_ok)
				skip_entry(r, &q, why);
			else
				rc = run_entry(r, &q);
		}
	}
	return rc;
}
