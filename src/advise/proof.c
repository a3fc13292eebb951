/* SPDX-License-Identifier: MIT */
/*
 * src/advise/proof.c - running a per-thread assignment on this machine.
 *
 * No code is generated: a compiled slot test holds, per barrier, one
 * function per thread with that barrier inlined in its slots, so the
 * assignment's threads are taken from the variants of their own barriers
 * and run together by the litmus engine (src/litmus/run.c), which places,
 * synchronises and judges them as for any test.  The entry's expectations
 * come from the test with the assignment applied (src/litmus/assign.h).
 */
#include <stdio.h>
#include <string.h>

#include "advise/advise.h"
#include "barrier/barrier.h"
#include "litmus/assign.h"

const char *ad_assign_label(const struct ad_search *s, int ai, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = 0;
	for (int th = 0; th < s->t->nthreads && o < len; th++) {
		int c = s->assign[ai].pick[th];

		if (c >= 0)
			o += (size_t)snprintf(buf + o, len - o, "%sP%d=%s", o ? " " : "", th,
					      ad_choice_label(s, th, c));
	}
	return buf;
}

int ad_proof_run(const struct mb_options *o, struct mb_litmus_test *lt, const struct ad_search *s,
		 int ai, unsigned run_no, struct mb_result *r, struct ad_proof *p)
{
	const struct ad_assignment *x = &s->assign[ai];
	struct lt_variant v;
	struct lt_assign a;
	struct mb_litmus_test applied;
	char label[256], insn[256];
	size_t il = 0;
	int rc;

	p->assign = ai;
	p->entry = -1;
	memset(&v, 0, sizeof(v));
	memset(&a, 0, sizeof(a));
	insn[0] = 0;
	for (int th = 0; th < s->t->nthreads; th++) {
		const struct lt_variant *from = &lt->compiled->variants[0];
		const char *why = NULL;

		if (x->pick[th] >= 0) {
			const struct ad_choice *c = &s->choices[x->pick[th]];
			struct mb_id id = c->what[0].id;

			if (c->access) {
				snprintf(p->why, sizeof(p->why), "P%d's %s is not compiled into the test's"
					 " variants", th, c->names[0]);
				return 0;
			}
			from = mb_litmus_variant(lt->compiled, id);
			if (!from) {
				snprintf(p->why, sizeof(p->why), "%s is not a barrier of this build",
					 c->names[0]);
				return 0;
			}
			if (!mb_barrier_supported((size_t)id.row, &why)) {
				snprintf(p->why, sizeof(p->why), "%s: %s", c->names[0], why ? why : "unsupported");
				return 0;
			}
			a.choice[th] = c->what[0];
			il += (size_t)snprintf(insn + il, sizeof(insn) - il, "%s%s", il ? " / " : "",
					       mb_barrier_insn((size_t)id.row, MB_EMITTED));
		}
		v.fn[th] = from->fn[th];
	}
	ad_assign_label(s, ai, label, sizeof(label));
	v.barrier = label;
	v.sfx = "advise";
	/* the engine reads the applied test: no slot left, each thread's barrier named */
	applied = *lt;
	if (lt_assign_apply(&lt->ast, &a, &applied.ast)) {
		snprintf(p->why, sizeof(p->why), "the assignment does not apply to the test");
		return 0;
	}
	rc = mb_litmus_run_one(o, &applied, &v, label, insn, run_no, r);
	if (r->nlitmus)
		p->entry = (int)r->nlitmus - 1;
	return rc;
}
