/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_assign.c - per-thread barrier assignments
 * (src/litmus/assign.c): the applied test, and the model's verdicts on
 * mixed assignments that the one-barrier slot cannot express.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "litmus/assign.h"
#include "litmus/registry.h"
#include "ids.h"

static int load(const char *name, struct lt_test *t)
{
	char err[256];

	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, name))
			return lt_parse(mb_litmus_builtins[i].test->source, name, t, err, sizeof(err));
	return -1;
}

/* A choice as people name it: a barrier, or an access form. */
static struct lt_choice C(const char *name)
{
	if (!name)
		return LT_CHOICE_FORM(LT_FORM_UNSET);
	if (!strcmp(name, "store-release"))
		return LT_CHOICE_FORM(LT_FORM_RELEASE);
	if (!strcmp(name, "load-acquire"))
		return LT_CHOICE_FORM(LT_FORM_ACQUIRE);
	return LT_CHOICE_BARRIER(B(name));
}

static bool allowed2(const struct lt_test *t, const char *c0, const char *c1, enum mb_model m)
{
	struct lt_assign a = { { C(c0), C(c1) } };
	bool al[MB_NMODELS];

	if (lt_model_allowed_assigned(t, &a, al))
		return true;
	return al[m];
}

int main(void)
{
	struct lt_test mp, sb, applied;
	struct lt_assign a = { { C("store-release"), C("load-acquire") } };

	bool parsed = !load("MP+fences", &mp) && !load("SB+fences", &sb);	/* CHECK evaluates twice */

	CHECK(parsed, "MP+fences and SB+fences parse");

	CHECK(!lt_assign_apply(&mp, &a, &applied), "MP takes store-release / load-acquire");
	CHECK(!applied.has_slot && applied.threads[0].ninstrs == 2 &&
	      applied.threads[0].instrs[1].access == LT_RELEASE &&
	      applied.threads[1].ninstrs == 2 && applied.threads[1].instrs[0].access == LT_ACQUIRE,
	      "the slots are dropped and the neighbouring accesses annotated");
	CHECK(!lt_assign_form_applies(&sb, 0, LT_FORM_RELEASE) &&
	      !lt_assign_form_applies(&sb, 0, LT_FORM_ACQUIRE),
	      "SB's slot (store; slot; load) takes neither access form");
	a.choice[0] = C("smp.write");
	a.choice[1] = C(NULL);
	CHECK(lt_assign_apply(&mp, &a, &applied) == -1, "a slotted thread without a choice is refused");
	a.choice[1] = C("smp.read");
	CHECK(!lt_assign_apply(&mp, &a, &applied) && mb_id_eq(applied.threads[0].instrs[1].barrier, B("smp.write")) &&
	      mb_id_eq(applied.threads[1].instrs[1].barrier, B("smp.read")) && !applied.threads[1].instrs[1].slot,
	      "each thread's slot becomes its own fixed barrier");

	CHECK(!allowed2(&mp, "smp.write", "smp.read", MB_ARMV8), "MP+dmb ishst+dmb ishld: Armv8 forbids");
	CHECK(allowed2(&mp, "smp.read", "smp.write", MB_ARMV8), "MP+dmb ishld+dmb ishst: Armv8 allows");
	CHECK(!allowed2(&mp, "store-release", "load-acquire", MB_ARMV8), "MP+stlr+ldar: Armv8 forbids");
	CHECK(allowed2(&mp, "store-release", "none.general", MB_ARMV8), "MP+stlr+nothing: Armv8 allows");
	CHECK(!allowed2(&mp, "none.general", "none.general", MB_X86_TSO), "MP with nothing: x86-TSO forbids");
	CHECK(!allowed2(&sb, "compiler.general", "process.general", MB_X86_TSO) &&
	      !allowed2(&sb, "compiler.general", "process.general", MB_POWER),
	      "SB+barrier()+membarrier(): forbidden (the asymmetric pair)");
	CHECK(allowed2(&sb, "none.general", "process.general", MB_X86_TSO),
	      "SB+nothing+membarrier(): allowed (membarrier pairs with barrier() only)");
	CHECK(allowed2(&sb, "smp.general", "smp.read", MB_X86_TSO), "SB+locked add+lfence: x86-TSO allows");
	lt_free(&mp);
	lt_free(&sb);
	return CHECK_DONE();
}
