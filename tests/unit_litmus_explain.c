/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_explain.c - every built-in test x barrier (both
 * flavours) x model: the explanation agrees with lt_model_judge's verdict;
 * a forbidding cycle is a real cycle of the failed axiom's relation in
 * that execution, each of its steps a real edge of the relation it names;
 * an allowed witness satisfies the model's axioms and the condition, and
 * its relaxed pairs are po pairs the model does not keep.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "barrier/barrier.h"
#include "check.h"
#include "litmus/ast.h"
#include "litmus/explain.h"
#include "litmus/registry.h"
#include "ids.h"

static int bad;		/* failures inside the loops, reported once per test x barrier */
static char badwhy[256];

#define REQUIRE(c, ...) do { if (!(c) && !bad++) snprintf(badwhy, sizeof(badwhy), __VA_ARGS__); } while (0)

/* A fence between a and b in program order that orders their kind of pair on m. */
static bool has_fence_between(const struct lm_exec *x, enum mb_model m, int a, int b)
{
	bool wa = x->W & LM_BIT(a), wb = x->W & LM_BIT(b);
	unsigned bit = wa ? (wb ? O_WW : O_WR) : (wb ? O_RW : O_RR);

	for (lm_set f = x->po[a] & x->F; f; f &= f - 1)
		if ((x->po[__builtin_ctzll(f)] & LM_BIT(b)) &&
		    (lm_fence_class(m, &x->ev[__builtin_ctzll(f)]) & bit))
			return true;
	return false;
}

/* The step names a relation of x (or the model's ord) that holds the edge. */
static bool step_real(const struct lx_model *lm, enum mb_model m, const struct lx_step *s,
		      const char *axrel)
{
	const struct lm_exec *x = &lm->x;
	lm_set b = LM_BIT(s->to);
	int a = s->from;

	if (!strcmp(s->rel, "rf"))
		return x->rf[a] & b;
	if (!strcmp(s->rel, "fr"))
		return x->fr[a] & b;
	if (!strcmp(s->rel, "co"))
		return x->co[a] & b;
	if (s->relaxed)
		return (x->po[a] & b) && !(lm->ax.ord[a] & b) && !strcmp(s->rel, "po");
	if (s->rel[0] == '[')
		return (lm->ax.ord[a] & b) && has_fence_between(x, m, a, s->to);
	if (!strcmp(s->rel, "addr"))
		return (x->addr[a] & b) && (lm->ax.ord[a] & b);
	if (!strcmp(s->rel, "data"))
		return (x->data[a] & b) && (lm->ax.ord[a] & b);
	if (!strcmp(s->rel, "ctrl"))
		return (x->ctrl[a] & b) && (lm->ax.ord[a] & b);
	if (!strcmp(s->rel, "rmw"))
		return (x->rmw[a] & b) && (lm->ax.ord[a] & b);
	if (!strcmp(s->rel, "po-loc"))
		return (x->po[a] & x->loc[a] & b) && (lm->ax.ord[a] & b);
	if (!strcmp(s->rel, "po") || !strcmp(s->rel, "ppo") || !strcmp(s->rel, "acquire") ||
	    !strcmp(s->rel, "release") || !strcmp(s->rel, "mb-rmw"))
		return (x->po[a] & b) && (lm->ax.ord[a] & b);
	/* the axiom's own relation, not spelled out */
	return axrel && !strcmp(s->rel, axrel) && (lm->ax.rel[a] & b);
}

static bool chain_closed(const struct lx_model *lm)
{
	if (!lm->nstep)
		return false;
	for (int i = 0; i < lm->nstep; i++)
		if (lm->step[i].to != lm->step[(i + 1) % lm->nstep].from)
			return false;
	return true;
}

static void one(const struct lt_test *t, const char *slot, int *nforb, int *nallow, int *ncyc)
{
	struct lt_model_verdict v;
	struct lx_explain *e;

	bad = 0;
	lt_model_judge(t, B(slot), &v);
	e = lx_explain_new(t, B(slot));
	REQUIRE(e != NULL, "out of memory");
	for (int m = 0; e && m < MB_NMODELS; m++) {
		struct lx_model *lm = &e->m[m];
		struct lm_ax ax;
		bool race;
		const char *why;

		REQUIRE(lm->obs == v.obs[m], "%s: verdict %s, judge says %s", mb_model_names[m],
			lt_obs_names[lm->obs], lt_obs_names[v.obs[m]]);
		if (lm->obs == LT_OBS_UNKNOWN)
			continue;
		if (lm->allowed) {
			(*nallow)++;
			REQUIRE(lm->have_x, "%s: allowed without a witness", mb_model_names[m]);
			if (!lm->have_x)
				continue;
			memset(&ax, 0, sizeof(ax));
			why = m == MB_LKMM ? lm_lkmm_check(&lm->x, &race) :
			      lm_arch_check(&lm->x, (enum mb_model)m);
			REQUIRE(!why, "%s: witness refused: %s", mb_model_names[m], why);
			REQUIRE(lm_cond_holds(&lm->x), "%s: witness misses the condition",
				mb_model_names[m]);
			if (lm->sc)
				continue;
			REQUIRE(chain_closed(lm), "%s: witness cycle not closed", mb_model_names[m]);
			for (int i = 0; i < lm->nstep; i++)
				REQUIRE(step_real(lm, (enum mb_model)m, &lm->step[i], NULL), "%s: witness step %d '%s' not real",
					mb_model_names[m], i, lm->step[i].rel);
			continue;
		}
		(*nforb)++;
		if (!lm->have_x)
			continue;	/* no execution gives the condition's values */
		REQUIRE(lm_cond_holds(&lm->x), "%s: refused execution misses the condition",
			mb_model_names[m]);
		REQUIRE(lm->axiom && lm->ax.axiom, "%s: forbidden without an axiom", mb_model_names[m]);
		if (!lm->ax.axiom)
			continue;
		if (lm->axiom == lm_coherence_axiom) {
			lm_rel u;

			lm_sc_loc(&lm->x, u);
			REQUIRE(!r_acyclic(lm->x.n, u), "%s: coherent, yet refused by coherence",
				mb_model_names[m]);
		} else {
			why = m == MB_LKMM ? lm_lkmm_check(&lm->x, &race) :
			      lm_arch_check(&lm->x, (enum mb_model)m);
			REQUIRE(why && !strcmp(why, lm->axiom), "%s: refused execution not refused by %s",
				mb_model_names[m], lm->axiom);
		}
		REQUIRE(lm->ncyc > 0, "%s: no cycle of %s", mb_model_names[m], lm->axiom);
		for (int k = 0; k < lm->ncyc; k++) {
			int a = lm->cyc[k], b = lm->cyc[(k + 1) % lm->ncyc];

			REQUIRE(lm->ax.rel[a] & LM_BIT(b), "%s: cycle edge %d not in %s",
				mb_model_names[m], k, lm->axiom);
		}
		REQUIRE(chain_closed(lm), "%s: cycle steps not closed", mb_model_names[m]);
		{
			char axrel[64];
			const char *p = strstr(lm->axiom, "acyclic "), *q;

			if (!p)
				p = strstr(lm->axiom, "irreflexive ");
			if (p) {
				p = strchr(p, ' ') + 1;
				q = strchr(p, ')');
				snprintf(axrel, sizeof(axrel), "%.*s", (int)(q ? q - p : 60), p);
			} else {
				snprintf(axrel, sizeof(axrel), "%s", lm->axiom);
			}
			for (int i = 0; i < lm->nstep; i++) {
				REQUIRE(!lm->step[i].relaxed, "%s: relaxed step in a cycle",
					mb_model_names[m]);
				REQUIRE(step_real(lm, (enum mb_model)m, &lm->step[i], axrel), "%s: step %d '%s' not real",
					mb_model_names[m], i, lm->step[i].rel);
			}
		}
		(*ncyc)++;
	}
	CHECK(!bad, "%s with %s: explanations agree with the verdicts and are real%s%s", t->name,
	      slot ? slot : "-", bad ? ": " : "", bad ? badwhy : "");
	lx_explain_free(e);
}

/* One named explanation, checked by hand: the words must be the model's. */
static void spot_checks(void)
{
	struct lt_test t;
	char err[256];
	struct lx_explain *e;
	bool fence = false, rf = false, fr = false;

	for (int i = 0; i < mb_litmus_nbuiltins; i++) {
		const struct lt_compiled *c = mb_litmus_builtins[i].test;

		if (strcmp(c->name, "SB+fences") && strcmp(c->name, "MP+fences"))
			continue;
		if (lt_parse(c->source, c->file, &t, err, sizeof(err)))
			continue;
		if (!strcmp(c->name, "SB+fences")) {
			e = lx_explain_new(&t, B("smp.read"));
			CHECK(e->m[MB_X86_TSO].allowed && e->m[MB_X86_TSO].nrelaxed == 2,
			      "SB+fences smp.read: x86-TSO allows it by relaxing both W->R pairs (%d)",
			      e->m[MB_X86_TSO].nrelaxed);
			lx_explain_free(e);
			e = lx_explain_new(&t, B("smp.general"));
			CHECK(!e->m[MB_X86_TSO].allowed && e->m[MB_X86_TSO].nstep == 4,
			      "SB+fences smp.general: x86-TSO forbids by a 4-step cycle (%d)",
			      e->m[MB_X86_TSO].nstep);
			lx_explain_free(e);
		} else {
			e = lx_explain_new(&t, B("smp.general"));
			for (int s = 0; s < e->m[MB_ARMV8].nstep; s++) {
				fence |= !strcmp(e->m[MB_ARMV8].step[s].rel, "[dmb ish]");
				rf |= !strcmp(e->m[MB_ARMV8].step[s].rel, "rf");
				fr |= !strcmp(e->m[MB_ARMV8].step[s].rel, "fr");
			}
			CHECK(!e->m[MB_ARMV8].allowed && fence && rf && fr,
			      "MP+fences smp.general: Armv8's cycle has [dmb ish], rf and fr");
			lx_explain_free(e);
		}
		lt_free(&t);
	}
}

int main(void)
{
	int nforb = 0, nallow = 0, ncyc = 0;

	for (int i = 0; i < mb_litmus_nbuiltins; i++) {
		const struct lt_compiled *c = mb_litmus_builtins[i].test;
		struct lt_test t;
		char err[256];

		if (lt_parse(c->source, c->file, &t, err, sizeof(err))) {
			CHECK(0, "%s parses: %s", c->name, err);
			continue;
		}
		if (!t.has_slot) {
			one(&t, NULL, &nforb, &nallow, &ncyc);
		} else {
			for (size_t b = 0; b < mb_nbarriers; b++)
				for (int f = 0; f < 2; f++) {
					char name[64];

					mb_barrier_name(b, f ? MB_KERNEL : MB_EMITTED, name, sizeof(name));
					one(&t, name, &nforb, &nallow, &ncyc);
				}
		}
		lt_free(&t);
	}
	/* the kernel dialect's own tests (tests/litmus), run from the repository root */
	{
		DIR *d = opendir("tests/litmus");
		struct dirent *de;

		while (d && (de = readdir(d))) {
			char path[512], err[256];
			struct lt_test t;
			size_t l = strlen(de->d_name);

			if (l < 8 || strcmp(de->d_name + l - 7, ".litmus"))
				continue;
			snprintf(path, sizeof(path), "tests/litmus/%s", de->d_name);
			if (lt_parse_file(path, &t, err, sizeof(err))) {
				CHECK(0, "%s parses: %s", path, err);
				continue;
			}
			one(&t, t.has_slot ? "smp.general" : NULL, &nforb, &nallow, &ncyc);
			lt_free(&t);
		}
		if (d)
			closedir(d);
	}
	CHECK(nforb > 0 && nallow > 0 && ncyc > 0,
	      "explained %d forbidden (%d with a cycle) and %d allowed verdicts", nforb, ncyc, nallow);
	spot_checks();
	return CHECK_DONE();
}
