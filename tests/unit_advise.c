/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_advise.c - `membench advise`'s search (src/advise/search.c):
 * the minimal barrier assignments of the classic shapes against the
 * architecture manuals' answers.  Costs here are a fixed table in the
 * shape of an x86 cost run (ticks, per context), so the ranking is tested,
 * not this machine.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/search.h"
#include "check.h"
#include "litmus/registry.h"

static int load(const char *name, struct lt_test *t)
{
	char err[256];

	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, name))
			return lt_parse(mb_litmus_builtins[i].test->source, name, t, err, sizeof(err));
	return -1;
}

/* An x86 cost table: locked add ~11 ticks, mfence ~44, lfence ~10, sfence ~0.3, membarrier ~2300. */
static double x86_cost(void *ctx, const struct ad_choice *c, const char *context)
{
	(void)ctx;
	(void)context;
	if (c->access)
		return NAN;
	if (!strncmp(c->insn, "lock", 4))
		return 11.0;
	if (!strcmp(c->insn, "mfence"))
		return 44.0;
	if (!strcmp(c->insn, "lfence"))
		return 10.0;
	if (!strcmp(c->insn, "sfence"))
		return 0.3;
	if (!strncmp(c->insn, "membarrier", 10))
		return 2300.0;
	return 0.0;
}

/* "P0 label / P1 label" of assignment i. */
static const char *show(const struct ad_search *s, int i, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = 0;
	if (i < 0)
		return "(none)";
	for (int th = 0; th < s->t->nthreads && o < len; th++) {
		int c = s->assign[i].pick[th];

		if (c < 0)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%sP%d:%s(%s)", o ? " " : "", th,
				      ad_choice_label(s, th, c), s->choices[c].insn);
	}
	return buf;
}

/* Is "P0 choice / P1 choice" (labels) a minimal assignment? */
static bool has_minimal(const struct ad_search *s, const char *const *labels)
{
	for (int i = 0; i < s->nassign; i++) {
		bool same = s->assign[i].minimal;

		for (int th = 0; th < s->t->nthreads && same; th++) {
			int c = s->assign[i].pick[th];

			if (c < 0)
				continue;
			same = false;
			for (int k = 0; k < s->choices[c].nnames; k++)
				same |= !strcmp(s->choices[c].names[k], labels[th]);
		}
		if (same)
			return true;
	}
	return false;
}

/* The recommended assignment names labels[th] (an alias of its choice) in every slotted thread. */
static bool recommends(const struct ad_search *s, const char *const *labels)
{
	if (s->recommended < 0)
		return false;
	for (int th = 0; th < s->t->nthreads; th++) {
		int c = s->assign[s->recommended].pick[th];
		bool hit = false;

		if (c < 0)
			continue;
		for (int k = 0; k < s->choices[c].nnames; k++)
			hit |= !strcmp(s->choices[c].names[k], labels[th]);
		if (!hit)
			return false;
	}
	return true;
}

/* x86_64's locked add, as the model shows it (arch/x86_table.h). */
#define LOCK_ADD	"lock; addl $0,-4(%rsp)"

static int rank_of(const struct ad_search *s, const char *i0, const char *i1)
{
	for (int r = 0; r < s->ncorrect; r++) {
		const struct ad_assignment *x = &s->assign[s->order[r]];

		if (!strcmp(s->choices[x->pick[0]].insn, i0) && !strcmp(s->choices[x->pick[1]].insn, i1))
			return r;
	}
	return -1;
}

static void run(struct ad_search *s, const char *test, struct lt_test *t, enum mb_model m,
		const double *w, ad_cost_fn cost)
{
	char err[256], buf[256];

	if (load(test, t) || ad_search_run(s, t, m, NULL, w, cost, NULL, err, sizeof(err))) {
		printf("# %s: cannot search: %s\n", test, err);
		return;
	}
	printf("# %s on %s: %d assignments, %d correct; recommended %s; next cheaper incorrect %s\n",
	       test, mb_model_names[m], s->nassign, s->ncorrect, show(s, s->recommended, buf, sizeof(buf)),
	       s->cheaper_incorrect >= 0 ? "yes" : "none");
}

/*
 * The eight shapes under every model: the recommended instruction per
 * slotted thread, as the manuals give it (x86 with the cost table above,
 * the others unranked).  "" is nothing at all.
 */
static const struct shape_answer {
	const char *test;
	enum mb_model m;
	const char *insn[2];
} answers[] = {
	{ "MP+fences", MB_X86_TSO, { "", "" } },
	{ "MP+fences", MB_ARMV8, { "dmb ishst", "dmb ishld" } },
	{ "MP+fences", MB_RVWMO, { "fence w,w", "fence r,r" } },
	{ "MP+fences", MB_POWER, { "lwsync", "lwsync" } },
	{ "MP+fences", MB_LKMM, { "wmb", "rmb" } },
	{ "SB+fences", MB_X86_TSO, { "lock", "lock" } },
	{ "SB+fences", MB_ARMV8, { "dmb ish", "dmb ish" } },
	{ "SB+fences", MB_RVWMO, { "fence rw,rw", "fence rw,rw" } },
	{ "SB+fences", MB_POWER, { "sync", "sync" } },
	{ "SB+fences", MB_LKMM, { "mb", "mb" } },
	{ "LB+fences", MB_X86_TSO, { "", "" } },
	{ "LB+fences", MB_ARMV8, { "dmb ishld", "dmb ishld" } },
	{ "LB+fences", MB_RVWMO, { "fence r,rw", "fence r,rw" } },
	{ "LB+fences", MB_POWER, { "lwsync", "lwsync" } },
	{ "LB+fences", MB_LKMM, { "acquire", "acquire" } },
	{ "S+fences", MB_X86_TSO, { "", "" } },
	{ "S+fences", MB_ARMV8, { "dmb ishst", "dmb ishld" } },
	{ "S+fences", MB_RVWMO, { "fence w,w", "fence r,rw" } },
	{ "S+fences", MB_POWER, { "lwsync", "lwsync" } },
	{ "S+fences", MB_LKMM, { "wmb", "acquire" } },
	{ "R+fences", MB_X86_TSO, { "", "lock" } },
	{ "R+fences", MB_ARMV8, { "dmb ishst", "dmb ish" } },
	{ "R+fences", MB_RVWMO, { "fence w,w", "fence rw,rw" } },
	{ "R+fences", MB_POWER, { "sync", "sync" } },
	{ "R+fences", MB_LKMM, { "mb", "mb" } },
	{ "2+2W+fences", MB_X86_TSO, { "", "" } },
	{ "2+2W+fences", MB_ARMV8, { "dmb ishst", "dmb ishst" } },
	{ "2+2W+fences", MB_RVWMO, { "fence w,w", "fence w,w" } },
	{ "2+2W+fences", MB_POWER, { "lwsync", "lwsync" } },
	{ "2+2W+fences", MB_LKMM, { "mb", "mb" } },
	{ "WRC+fences", MB_X86_TSO, { "", "" } },
	{ "WRC+fences", MB_ARMV8, { "dmb ishld", "dmb ishld" } },
	{ "WRC+fences", MB_RVWMO, { "fence r,rw", "fence r,r" } },
	{ "WRC+fences", MB_POWER, { "lwsync", "lwsync" } },
	{ "WRC+fences", MB_LKMM, { "release", "rmb" } },
	{ "IRIW+fences", MB_X86_TSO, { "", "" } },
	{ "IRIW+fences", MB_ARMV8, { "dmb ishld", "dmb ishld" } },
	{ "IRIW+fences", MB_RVWMO, { "fence r,r", "fence r,r" } },
	{ "IRIW+fences", MB_POWER, { "sync", "sync" } },
	{ "IRIW+fences", MB_LKMM, { "mb", "mb" } },
};

static void check_shapes(void)
{
	for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		const struct shape_answer *w = &answers[i];
		struct ad_search s;
		struct lt_test t;
		char err[256], got[128] = "";
		bool ok = false;
		int k = 0;

		if (!load(w->test, &t) &&
		    !ad_search_run(&s, &t, w->m, NULL, NULL, w->m == MB_X86_TSO ? x86_cost : NULL,
				   NULL, err, sizeof(err))) {
			ok = s.recommended >= 0;
			for (int th = 0; th < t.nthreads && ok; th++) {
				int c = s.assign[s.recommended].pick[th];
				const char *insn;

				if (c < 0)
					continue;
				insn = s.choices[c].insn;
				snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s'%s'",
					 k ? " + " : "", insn);
				ok = k < 2 && (w->insn[k][0] ? !strncmp(insn, w->insn[k], strlen(w->insn[k])) &&
					       (insn[strlen(w->insn[k])] == 0 || !strcmp(w->insn[k], "lock"))
					       : s.choices[c].none);
				k++;
			}
			ad_search_free(&s);
		}
		CHECK(ok && k == 2, "%s on %s: '%s' + '%s' (got %s)", w->test, mb_model_names[w->m],
		      w->insn[0], w->insn[1], got);
		lt_free(&t);
	}
}

int main(void)
{
	static const double hot_cold[] = { 1000, 1 };
	struct ad_search s;
	struct lt_test t;

	run(&s, "MP+fences", &t, MB_X86_TSO, NULL, x86_cost);
	CHECK(recommends(&s, (const char *const[]){ "none.general", "none.general" }),
	      "MP on x86-TSO: nothing in either thread");
	CHECK(s.cheaper_incorrect < 0, "MP on x86-TSO: nothing is cheaper than nothing");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "MP+fences", &t, MB_X86_TSO, NULL, NULL);
	CHECK(recommends(&s, (const char *const[]){ "none.general", "none.general" }) && !s.ranked,
	      "MP on x86-TSO, unranked: still nothing");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "SB+fences", &t, MB_X86_TSO, NULL, x86_cost);
	CHECK(recommends(&s, (const char *const[]){ "smp.general", "smp.general" }),
	      "SB on x86-TSO: the locked add in both threads");
	CHECK(rank_of(&s, LOCK_ADD, LOCK_ADD) >= 0 &&
	      rank_of(&s, LOCK_ADD, LOCK_ADD) < rank_of(&s, "mfence", "mfence"),
	      "SB on x86-TSO: locked add both ranked before mfence both (%d < %d)",
	      rank_of(&s, LOCK_ADD, LOCK_ADD), rank_of(&s, "mfence", "mfence"));
	CHECK(s.cheaper_incorrect >= 0 && !s.assign[s.cheaper_incorrect].correct &&
	      s.assign[s.cheaper_incorrect].total < s.assign[s.recommended].total,
	      "SB on x86-TSO: a cheaper incorrect assignment to show the outcome");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "SB+fences", &t, MB_X86_TSO, hot_cold, x86_cost);
	CHECK(recommends(&s, (const char *const[]){ "compiler.general", "process.general" }),
	      "SB on x86-TSO, weights 1000:1: barrier() on the hot side, membarrier() on the cold");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "MP+fences", &t, MB_ARMV8, NULL, NULL);
	CHECK(recommends(&s, (const char *const[]){ "smp.write", "smp.read" }),
	      "MP on Armv8: dmb ishst (writer) + dmb ishld (reader)");
	CHECK(has_minimal(&s, (const char *const[]){ "store-release", "load-acquire" }),
	      "MP on Armv8: stlr + ldar is minimal too");
	CHECK(!s.ranked, "MP on Armv8 without costs: unranked");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "MP+fences", &t, MB_POWER, NULL, NULL);
	CHECK(recommends(&s, (const char *const[]){ "smp.write", "smp.read" }) &&
	      !strcmp(s.choices[s.assign[s.recommended].pick[0]].insn, "lwsync") &&
	      !strcmp(s.choices[s.assign[s.recommended].pick[1]].insn, "lwsync"),
	      "MP on Power: lwsync in both threads");
	ad_search_free(&s);
	lt_free(&t);

	run(&s, "SB+fences", &t, MB_POWER, NULL, NULL);
	CHECK(s.recommended >= 0 && !strcmp(s.choices[s.assign[s.recommended].pick[0]].insn, "sync") &&
	      !strcmp(s.choices[s.assign[s.recommended].pick[1]].insn, "sync"),
	      "SB on Power: sync in both threads");
	ad_search_free(&s);
	lt_free(&t);

	check_shapes();
	return CHECK_DONE();
}
