/* SPDX-License-Identifier: MIT */
/* src/plan/plan.c - kinds x types x flavours -> the barriers to run (src/plan/plan.h). */
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

static bool listed(const struct mb_strlist *l, const char *word)
{
	if (l->n == 0)
		return true;
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], "all") || !strcmp(l->v[i], word))
			return true;
	return false;
}

static void add(struct mb_plan *p, size_t idx, enum mb_flavor fl)
{
	struct mb_plan_barrier *b;

	p->barriers = mb_xrealloc(p->barriers, (p->nbarriers + 1) * sizeof(*p->barriers));
	b = &p->barriers[p->nbarriers++];
	memset(b, 0, sizeof(*b));
	b->idx = idx;
	b->flavor = fl;
	mb_barrier_name(idx, fl, b->name, sizeof(b->name));
	b->supported = mb_barrier_supported(idx, &b->reason);
}

int mb_plan_make(const struct mb_options *o, struct mb_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->run_cost = !o->litmus_only;
	p->run_litmus = !o->cost_only;

	/* An explicit kind x type pair that this arch lacks is an error, not a skip. */
	if (o->kinds_explicit && o->types_explicit) {
		for (int k = 0; k < o->kinds.n; k++)
			for (int t = 0; t < o->types.n; t++) {
				const char *kind = o->kinds.v[k], *type = o->types.v[t];

				if (!strcmp(kind, "all") || !strcmp(type, "all"))
					continue;
				if (mb_row_find(kind, type) < 0)
					return mb_fail(MB_EXIT_UNSUPPORTED,
						       "barrier %s.%s does not exist on this arch "
						       "(see: membench list)", kind, type);
			}
	}
	for (size_t i = 0; i < mb_nbarriers; i++) {
		const struct mb_barrier *b = &mb_barriers[i];

		if (!listed(&o->kinds, b->kind) || !listed(&o->types, b->type))
			continue;
		if (o->flavors & 1)
			add(p, i, MB_EMITTED);
		if ((o->flavors & 2) && (mb_barrier_has_kernel_variant(i) || !(o->flavors & 1)))
			add(p, i, MB_KERNEL);
	}
	if (p->nbarriers == 0)
		return mb_fail(MB_EXIT_UNSUPPORTED, "no barrier on this arch matches the --kind/--type given");
	/* Explicitly asked for and cannot run here: say so and stop. */
	if (o->kinds_explicit && o->types_explicit) {
		for (size_t i = 0; i < p->nbarriers; i++)
			if (!p->barriers[i].supported && p->nbarriers == 1)
				return mb_fail(MB_EXIT_UNSUPPORTED, "barrier %s is unsupported here: %s",
					       p->barriers[i].name, p->barriers[i].reason);
	}
	return 0;
}

void mb_plan_free(struct mb_plan *p)
{
	free(p->barriers);
	memset(p, 0, sizeof(*p));
}
