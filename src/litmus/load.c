/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/load.c - resolving a test by name: a compiled-in one (its
 * name, or a family: "SB" is SB+fences) or a user file (src/litmus/user.c);
 * its variant per barrier; whether this arch has the barriers it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barrier/barrier.h"
#include "litmus/litmus.h"
#include "litmus/registry.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static const struct mb_litmus_builtin *find_builtin(const char *name)
{
	char fam[160];
	const struct mb_litmus_builtin *hit = NULL;
	int nhit = 0;

	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, name))
			return &mb_litmus_builtins[i];
	/* a family: "SB" is SB+fences, the test of the fence() slot */
	snprintf(fam, sizeof(fam), "%s+fences", name);
	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strcmp(mb_litmus_builtins[i].test->name, fam))
			return &mb_litmus_builtins[i];
	snprintf(fam, sizeof(fam), "%s+", name);
	for (int i = 0; i < mb_litmus_nbuiltins; i++)
		if (!strncmp(mb_litmus_builtins[i].test->name, fam, strlen(fam))) {
			hit = &mb_litmus_builtins[i];
			nhit++;
		}
	return nhit == 1 ? hit : NULL;
}

int mb_litmus_load(const char *name, bool want_asm, struct mb_litmus_test *lt)
{
	const struct mb_litmus_builtin *b;
	char err[512];

	memset(lt, 0, sizeof(*lt));
	if (ends_with(name, ".litmus"))
		return mb_litmus_user_load(name, want_asm, lt);
	b = find_builtin(name);
	if (!b)
		return mb_fail(MB_EXIT_USAGE, "unknown test '%s' (see litmus/README)", mb_esc(name));
	lt->compiled = b->test;
	lt->asm_rows = b->asm_rows;
	lt->nasm = *b->nasm;
	lt->file = mb_strdup(b->test->file);
	if (lt_parse(b->test->source, b->test->file, &lt->ast, err, sizeof(err))) {
		/* the build parsed it already: this cannot differ */
		return mb_fail(MB_EXIT_USAGE, "%s", err);
	}
	return 0;
}

void mb_litmus_test_free(struct mb_litmus_test *lt)
{
	lt_free(&lt->ast);
	free(lt->file);
	free(lt->listing);
	mb_litmus_user_unload(lt);
	memset(lt, 0, sizeof(*lt));
}

/*
 * src/litmus/gen.c lays the variants of a slotted test out by row, both
 * flavours of each (MB_ALL_BARRIERS): the id is the index.  The name the
 * generated table gives the variant is checked against it.
 */
const struct lt_variant *mb_litmus_variant(const struct lt_compiled *c, struct mb_id id)
{
	char name[48];
	int i = id.row * MB_NFLAVORS + id.flavor;

	if (!c->has_slot || !mb_id_valid(id) || i >= c->nvariants ||
	    strcmp(c->variants[i].barrier, mb_id_name(id, name, sizeof(name))))
		return NULL;
	return &c->variants[i];
}

/* Barriers the test's threads call by name: each must be supported here. */
bool mb_litmus_fixed_fences_ok(const struct lt_test *t, const char **why)
{
	if (t->has_rcu && !mb_litmus_rcu) {
		*why = "RCU calls need userspace-rcu (liburcu-dev), which this build lacks";
		return false;
	}
	for (int th = 0; th < t->nthreads; th++)
		for (int n = 0; n < t->threads[th].ninstrs; n++) {
			const struct lt_instr *in = &t->threads[th].instrs[n];
			if (in->op != LT_FENCE || in->slot)
				continue;
			if (!mb_id_valid(in->barrier)) {
				*why = "the test names a barrier this arch lacks";
				return false;
			}
			if (!mb_barrier_supported((size_t)in->barrier.row, why))
				return false;
		}
	return true;
}

