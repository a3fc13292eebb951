/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/assign.c - per-thread barrier assignments (src/litmus/assign.h).
 */
#include <stdio.h>
#include <string.h>

#include "litmus/assign.h"
#include "litmus/model.h"

bool lt_assign_thread_has_slot(const struct lt_test *t, int th)
{
	const struct lt_thread *tt = &t->threads[th];

	for (int i = 0; i < tt->ninstrs; i++)
		if (tt->instrs[i].op == LT_FENCE && tt->instrs[i].slot)
			return true;
	return false;
}

const char *lt_choice_name(struct lt_choice c, char *buf, size_t len)
{
	if (c.form == LT_FORM_BARRIER)
		return mb_id_name(c.id, buf, len);
	snprintf(buf, len, "%s", c.form == LT_FORM_RELEASE ? "store-release" :
		 c.form == LT_FORM_ACQUIRE ? "load-acquire" : "-");
	return buf;
}

bool lt_assign_form_applies(const struct lt_test *t, int th, enum lt_form form)
{
	const struct lt_thread *tt = &t->threads[th];
	bool release = form == LT_FORM_RELEASE, any = false;

	if (!release && form != LT_FORM_ACQUIRE)
		return false;
	for (int i = 0; i < tt->ninstrs; i++) {
		const struct lt_instr *n;

		if (tt->instrs[i].op != LT_FENCE || !tt->instrs[i].slot)
			continue;
		any = true;
		if (release ? i + 1 >= tt->ninstrs : i == 0)
			return false;
		n = &tt->instrs[release ? i + 1 : i - 1];
		if (n->op != (release ? LT_STORE : LT_LOAD) || n->access != LT_ONCE)
			return false;
	}
	return any;
}

int lt_assign_apply(const struct lt_test *t, const struct lt_assign *a, struct lt_test *out)
{
	*out = *t;
	out->has_slot = false;
	for (int th = 0; th < t->nthreads; th++) {
		const struct lt_thread *src = &t->threads[th];
		struct lt_thread *dst = &out->threads[th];
		struct lt_choice c = a->choice[th];
		bool release = c.form == LT_FORM_RELEASE, acquire = c.form == LT_FORM_ACQUIRE;

		if (!lt_assign_thread_has_slot(t, th))
			continue;
		if (c.form == LT_FORM_UNSET || (c.form == LT_FORM_BARRIER && !mb_id_valid(c.id)))
			return -1;
		if ((release || acquire) && !lt_assign_form_applies(t, th, (enum lt_form)c.form))
			return -1;
		dst->ninstrs = 0;
		for (int i = 0; i < src->ninstrs; i++) {
			const struct lt_instr *in = &src->instrs[i];
			struct lt_instr *o;

			if (in->op == LT_FENCE && in->slot && (release || acquire)) {
				/* the load before it was copied already */
				if (acquire)
					dst->instrs[dst->ninstrs - 1].access = LT_ACQUIRE;
				continue;
			}
			o = &dst->instrs[dst->ninstrs++];
			*o = *in;
			if (in->op == LT_FENCE && in->slot) {
				o->slot = false;
				o->barrier = c.id;
				snprintf(o->source, sizeof(o->source), "fence()");
			}
			if (release && i > 0 && src->instrs[i - 1].op == LT_FENCE &&
			    src->instrs[i - 1].slot)
				o->access = LT_RELEASE;
		}
	}
	return 0;
}

int lt_model_allowed_assigned(const struct lt_test *t, const struct lt_assign *a,
			      bool allowed[MB_NMODELS])
{
	static __thread struct lt_test applied;	/* ~30 KiB: not on small thread stacks */

	if (lt_assign_apply(t, a, &applied)) {
		for (int m = 0; m < MB_NMODELS; m++)
			allowed[m] = true;
		return -1;
	}
	lt_model_allowed(&applied, MB_ID_NONE, allowed);
	return 0;
}
