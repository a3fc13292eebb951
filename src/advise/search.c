/* SPDX-License-Identifier: MIT */
/*
 * src/advise/search.c - the search of src/advise/search.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advise/search.h"
#include "barrier/barrier.h"
#include "litmus/assign.h"
#include "litmus/model.h"
#include "litmus/registry.h"

/*
 * A kind's reach, weakest first: what a barrier of that kind is for, as
 * README's table of kinds says.  A weaker reach is preferred when costs do
 * not decide (mmio.write is eieio on Power: it orders less than lwsync,
 * but it is a device barrier, so neither is weaker than the other).
 */
static const struct { const char *kind; int scope; } kind_scope[] = {
	{ "none", 0 }, { "compiler", 1 }, { "smp", 2 }, { "c11", 2 }, { "dma", 3 },
	{ "mmio", 4 }, { "process", 5 },
};
#define NKINDS	(sizeof(kind_scope) / sizeof(kind_scope[0]))
#define ACCESS_SCOPE	2	/* smp_store_release / smp_load_acquire: the smp kind's reach */

/* ---- signatures: what a choice forbids among the compiled-in slot tests ---- */

#define MAX_PROBE_TESTS	16
static struct lt_test probe_tests[MAX_PROBE_TESTS];
static int nprobe_tests = -1;

static void probes_load(void)
{
	char err[256];

	if (nprobe_tests >= 0)
		return;
	nprobe_tests = 0;
	for (int i = 0; i < mb_litmus_nbuiltins && nprobe_tests < MAX_PROBE_TESTS; i++) {
		const struct lt_compiled *c = mb_litmus_builtins[i].test;

		if (!c->has_slot)
			continue;
		if (lt_parse(c->source, c->file, &probe_tests[nprobe_tests], err, sizeof(err)) == 0)
			nprobe_tests++;
	}
}

/* The probes are (test, slotted thread, filler of the other slots); 64 at most. */
static void signature(struct lt_choice what, uint64_t sig[MB_NMODELS])
{
	static const struct lt_choice fillers[] = {
		{ LT_FORM_BARRIER, MB_ID_INIT(MB_ROW_smp_general, MB_EMITTED) },
		{ LT_FORM_BARRIER, MB_ID_INIT(MB_ROW_process_general, MB_EMITTED) },
	};
	static struct { struct lt_choice what; uint64_t sig[MB_NMODELS]; } cache[96];
	static int ncache;
	struct lt_assign a;
	int bit = 0;

	for (int i = 0; i < ncache; i++)
		if (lt_choice_eq(cache[i].what, what)) {
			memcpy(sig, cache[i].sig, sizeof(cache[i].sig));
			return;
		}
	probes_load();
	memset(sig, 0, sizeof(uint64_t) * MB_NMODELS);
	for (int k = 0; k < nprobe_tests; k++) {
		const struct lt_test *t = &probe_tests[k];

		for (int th = 0; th < t->nthreads; th++) {
			if (!lt_assign_thread_has_slot(t, th))
				continue;
			for (size_t f = 0; f < sizeof(fillers) / sizeof(fillers[0]) && bit < 64; f++, bit++) {
				bool al[MB_NMODELS];
				struct lt_choice c = what;

				memset(&a, 0, sizeof(a));
				for (int o = 0; o < t->nthreads; o++)
					a.choice[o] = fillers[f];
				/* an access form that cannot stand here is no barrier here */
				if (lt_choice_is_form(c) &&
				    !lt_assign_form_applies(t, th, (enum lt_form)c.form))
					c = LT_CHOICE_BARRIER(MB_ID(MB_ROW_none_general, MB_EMITTED));
				a.choice[th] = c;
				if (lt_model_allowed_assigned(t, &a, al))
					continue;
				for (int m = 0; m < MB_NMODELS; m++)
					if (!al[m])
						sig[m] |= 1ull << bit;
			}
		}
	}
	if (ncache < (int)(sizeof(cache) / sizeof(cache[0]))) {
		cache[ncache].what = what;
		memcpy(cache[ncache].sig, sig, sizeof(cache[ncache].sig));
		ncache++;
	}
}

/* ---- choices ---------------------------------------------------------- */

static bool listed(const char *const *list, const char *w)
{
	if (!list)
		return true;
	for (; *list; list++)
		if (!strcmp(*list, w) || !strcmp(*list, "all"))
			return true;
	return false;
}

static void add_choice(struct ad_search *s, struct lt_choice what, const char *name,
		       const char *insn, int scope)
{
	bool access = lt_choice_is_form(what);
	bool none = what.form == LT_FORM_BARRIER && mb_id_is_row(what.id, MB_ROW_none_general);
	uint64_t sig[MB_NMODELS];
	struct ad_choice *c;

	signature(what, sig);
	for (int i = 0; i < s->nchoices; i++) {
		c = &s->choices[i];
		if (!access && !c->access && !c->none && !none &&
		    c->scope == scope && c->sig == sig[s->model] && !strcmp(c->insn, insn)) {
			if (c->nnames < AD_MAX_NAMES) {
				c->what[c->nnames] = what;
				c->names[c->nnames++] = name;
			}
			return;
		}
	}
	if (s->nchoices >= AD_MAX_CHOICES)
		return;
	c = &s->choices[s->nchoices++];
	memset(c, 0, sizeof(*c));
	c->what[c->nnames] = what;
	c->names[c->nnames++] = name;
	c->insn = insn;
	c->scope = scope;
	c->access = access;
	c->none = none;
	c->emits = access || *insn;
	c->sig = sig[s->model];
}

static void make_choices(struct ad_search *s, const struct ad_filter *f)
{
	/* names live as long as the process: choices point at them */
	static char names[MB_NROWS][48];
	static const char release[] = "store-release", acquire[] = "load-acquire";
	const char *const *types = mb_row_types();

	s->nchoices = 0;
	for (size_t k = 0; k < NKINDS; k++) {
		if (f && !listed(f->kinds, kind_scope[k].kind) && strcmp(kind_scope[k].kind, "none"))
			continue;
		for (int ty = 0; types[ty]; ty++) {
			int row = mb_row_find(kind_scope[k].kind, types[ty]);
			struct mb_id id = MB_ID(row, MB_EMITTED);
			const char *insn;

			if (f && !listed(f->types, types[ty]) && strcmp(kind_scope[k].kind, "none"))
				continue;
			if (row < 0 || !(insn = lt_model_insn(id, s->model)))
				continue;
			mb_id_name(id, names[row], sizeof(names[row]));
			add_choice(s, LT_CHOICE_BARRIER(id), names[row], insn, kind_scope[k].scope);
		}
	}
	if (!f || listed(f->types, "release"))
		add_choice(s, LT_CHOICE_FORM(LT_FORM_RELEASE), release, release, ACCESS_SCOPE);
	if (!f || listed(f->types, "acquire"))
		add_choice(s, LT_CHOICE_FORM(LT_FORM_ACQUIRE), acquire, acquire, ACCESS_SCOPE);
}

/* ---- slots and their cost contexts ---------------------------------- */

static void slot_contexts(struct ad_search *s)
{
	const struct lt_test *t = s->t;

	for (int th = 0; th < t->nthreads; th++) {
		const struct lt_thread *tt = &t->threads[th];

		s->nslots[th] = 0;
		for (int i = 0; i < tt->ninstrs; i++) {
			const struct lt_instr *in = &tt->instrs[i];
			bool after_store, after_load, before_load;

			if (in->op != LT_FENCE || !in->slot || s->nslots[th] >= AD_MAX_SLOTS)
				continue;
			after_store = i > 0 && tt->instrs[i - 1].op == LT_STORE;
			after_load = i > 0 && tt->instrs[i - 1].op == LT_LOAD;
			before_load = i + 1 < tt->ninstrs && tt->instrs[i + 1].op == LT_LOAD;
			s->context[th][s->nslots[th]++] =
				after_store && before_load ? "store-barrier-load" :
				after_store ? "after-store" : after_load ? "after-load" : "back-to-back";
		}
	}
}

const char *ad_choice_label(const struct ad_search *s, int th, int choice)
{
	const struct ad_choice *c = &s->choices[choice];
	const struct lt_thread *tt = &s->t->threads[th];
	const char *want[3] = { NULL, NULL, NULL };

	if (c->nnames == 1)
		return c->names[0];
	/* the type that says what the slot needs: store->store is "write" ... */
	for (int i = 0; i < tt->ninstrs; i++) {
		const struct lt_instr *in = &tt->instrs[i];
		bool ws, wl;

		if (in->op != LT_FENCE || !in->slot || i == 0 || i + 1 >= tt->ninstrs)
			continue;
		ws = tt->instrs[i - 1].op == LT_STORE;
		wl = tt->instrs[i + 1].op == LT_STORE;
		want[0] = ws && wl ? "write" : !ws && !wl ? "read" : !ws ? "acquire" : "general";
		want[1] = ws && wl ? "release" : !ws && !wl ? "acquire" : !ws ? "release" : NULL;
		break;
	}
	for (int w = 0; w < 2 && want[w]; w++)
		for (int i = 0; i < c->nnames; i++)
			if (c->what[i].form == LT_FORM_BARRIER &&
			    !strcmp(mb_row_type((enum mb_row)c->what[i].id.row), want[w]))
				return c->names[i];
	return c->names[0];
}

/* ---- comparisons -------------------------------------------------------- */

enum { CMP_LESS, CMP_EQUAL, CMP_GREATER, CMP_NONE };

static int strength_cmp(const struct ad_choice *a, const struct ad_choice *b)
{
	bool le, ge;

	if (a == b)
		return CMP_EQUAL;
	if (a->none)
		return CMP_LESS;
	if (b->none)
		return CMP_GREATER;
	if (a->access != b->access || (a->access && strcmp(a->names[0], b->names[0])))
		return CMP_NONE;
	le = a->scope <= b->scope && !(a->sig & ~b->sig) && a->emits <= b->emits;
	ge = b->scope <= a->scope && !(b->sig & ~a->sig) && b->emits <= a->emits;
	return le && ge ? CMP_NONE : le ? CMP_LESS : ge ? CMP_GREATER : CMP_NONE;
}

static int thread_cmp(const struct ad_search *s, const struct ad_assignment *x,
		      const struct ad_assignment *y, int th)
{
	const struct ad_choice *a = &s->choices[x->pick[th]], *b = &s->choices[y->pick[th]];
	double ca = x->cost[th], cb = y->cost[th];

	if (a == b)
		return CMP_EQUAL;
	if (!isnan(ca) && !isnan(cb)) {
		if (ca < cb)
			return CMP_LESS;
		if (ca > cb)
			return CMP_GREATER;
		return strength_cmp(a, b);
	}
	if (isnan(ca) != isnan(cb) && !a->none && !b->none)
		return CMP_NONE;
	return strength_cmp(a, b);
}

/* x dominates y: at least as good on every slotted thread, better on one. */
static bool dominates(const struct ad_search *s, const struct ad_assignment *x,
		      const struct ad_assignment *y)
{
	bool better = false;

	for (int th = 0; th < s->t->nthreads; th++) {
		int c;

		if (x->pick[th] < 0)
			continue;
		c = thread_cmp(s, x, y, th);
		if (c == CMP_GREATER || c == CMP_NONE)
			return false;
		better |= c == CMP_LESS;
	}
	return better;
}

/* Unranked order: barriers before access forms, weaker reach, fewer probes forbidden, fewer emitted. */
static void strength_key(const struct ad_search *s, const struct ad_assignment *x, int key[4])
{
	memset(key, 0, sizeof(int) * 4);
	for (int th = 0; th < s->t->nthreads; th++) {
		const struct ad_choice *c;

		if (x->pick[th] < 0)
			continue;
		c = &s->choices[x->pick[th]];
		key[0] += c->access;
		key[1] += c->scope;
		key[2] += __builtin_popcountll(c->sig);
		key[3] += c->emits;
	}
}

static const struct ad_search *sort_s;

static int rank_cmp(const void *pa, const void *pb)
{
	const struct ad_assignment *x = &sort_s->assign[*(const int *)pa];
	const struct ad_assignment *y = &sort_s->assign[*(const int *)pb];
	int kx[4], ky[4];

	if (isnan(x->total) != isnan(y->total))
		return isnan(x->total) ? 1 : -1;
	if (!isnan(x->total) && x->total != y->total)
		return x->total < y->total ? -1 : 1;
	if (x->minimal != y->minimal)
		return x->minimal ? -1 : 1;
	strength_key(sort_s, x, kx);
	strength_key(sort_s, y, ky);
	for (int i = 0; i < 4; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return *(const int *)pa - *(const int *)pb;
}

/* ---- the search ----------------------------------------------------------- */

int ad_search_run(struct ad_search *s, const struct lt_test *t, enum mb_model m,
		  const struct ad_filter *f, const double *weights, ad_cost_fn cost, void *cost_ctx,
		  char *err, size_t errlen)
{
	int slotted[LT_MAX_THREADS], ns = 0, idx[LT_MAX_THREADS];
	double n = 1;

	memset(s, 0, sizeof(*s));
	s->model = m;
	s->t = t;
	s->recommended = s->cheaper_incorrect = -1;
	if (!t->has_slot) {
		snprintf(err, errlen, "%s has no fence() slot: nothing to choose", t->name);
		return -1;
	}
	make_choices(s, f);
	slot_contexts(s);
	for (int th = 0; th < t->nthreads; th++) {
		s->weight[th] = weights ? weights[th] : 1.0;
		if (!lt_assign_thread_has_slot(t, th))
			continue;
		slotted[ns++] = th;
		int usable = 0;
		for (int c = 0; c < s->nchoices; c++) {
			const struct ad_choice *ch = &s->choices[c];

			s->usable[th][c] = !ch->access ||
					   lt_assign_form_applies(t, th, (enum lt_form)ch->what[0].form);
			usable += s->usable[th][c];
		}
		n *= usable;
	}
	if (n > AD_MAX_ASSIGN) {
		snprintf(err, errlen, "%s: %.0f assignments under %s, more than %d (narrow with"
			 " --kind/--type)", t->name, n, mb_model_names[m], AD_MAX_ASSIGN);
		return -1;
	}
	s->assign = mb_xcalloc((size_t)n, sizeof(*s->assign));
	for (int i = 0; i < ns; i++)
		idx[i] = 0;
	for (;;) {
		struct ad_assignment *x;
		struct lt_assign a;
		bool al[MB_NMODELS], skip = false;
		int i;

		for (i = 0; i < ns; i++)
			if (!s->usable[slotted[i]][idx[i]])
				skip = true;
		if (!skip) {
			x = &s->assign[s->nassign++];
			memset(&a, 0, sizeof(a));
			for (int th = 0; th < LT_MAX_THREADS; th++)
				x->pick[th] = -1;
			for (i = 0; i < ns; i++) {
				x->pick[slotted[i]] = idx[i];
				a.choice[slotted[i]] = s->choices[idx[i]].what[0];
			}
			x->correct = !lt_model_allowed_assigned(t, &a, al) && !al[m];
			x->total = 0;
			for (int th = 0; th < t->nthreads; th++) {
				const struct ad_choice *ch;

				x->cost[th] = 0;
				if (x->pick[th] < 0)
					continue;
				ch = &s->choices[x->pick[th]];
				for (int k = 0; k < s->nslots[th] && !ch->none; k++) {
					double c = cost ? cost(cost_ctx, ch, s->context[th][k]) : NAN;

					x->cost[th] += isnan(c) ? NAN : (c < 0 ? 0 : c);
				}
				x->total += s->weight[th] * x->cost[th];
			}
		}
		for (i = 0; i < ns; i++) {
			if (++idx[i] < s->nchoices)
				break;
			idx[i] = 0;
		}
		if (i == ns)
			break;
	}

	/* Minimal: correct and dominated by no correct assignment. */
	s->order = mb_xcalloc((size_t)s->nassign + 1, sizeof(int));
	for (int i = 0; i < s->nassign; i++) {
		struct ad_assignment *x = &s->assign[i];

		if (!x->correct)
			continue;
		x->minimal = true;
		for (int j = 0; j < s->nassign && x->minimal; j++)
			if (j != i && s->assign[j].correct && dominates(s, &s->assign[j], x))
				x->minimal = false;
		s->order[s->ncorrect++] = i;
	}
	sort_s = s;
	qsort(s->order, (size_t)s->ncorrect, sizeof(int), rank_cmp);
	for (int i = 0; i < s->ncorrect && s->recommended < 0; i++)
		if (s->assign[s->order[i]].minimal)
			s->recommended = s->order[i];
	if (s->recommended >= 0) {
		const struct ad_assignment *r = &s->assign[s->recommended];

		s->ranked = cost && !isnan(r->total);
		for (int i = 0; s->ranked && i < s->nassign; i++) {
			const struct ad_assignment *x = &s->assign[i];
			int best = s->cheaper_incorrect;

			if (x->correct || isnan(x->total) || x->total >= r->total)
				continue;
			if (best < 0 || x->total > s->assign[best].total) {
				s->cheaper_incorrect = i;
			} else if (x->total == s->assign[best].total) {
				sort_s = s;
				if (rank_cmp(&i, &best) < 0)
					s->cheaper_incorrect = i;
			}
		}
	}
	return 0;
}

void ad_search_free(struct ad_search *s)
{
	free(s->assign);
	free(s->order);
	s->assign = NULL;
	s->order = NULL;
}

int ad_model_parse(const char *name)
{
	static const struct { const char *alias; enum mb_model m; } aliases[] = {
		{ "x86", MB_X86_TSO }, { "x86_64", MB_X86_TSO }, { "i386", MB_X86_TSO },
		{ "aarch64", MB_ARMV8 }, { "arm64", MB_ARMV8 }, { "arm", MB_ARMV8 },
		{ "riscv", MB_RVWMO }, { "riscv64", MB_RVWMO }, { "riscv32", MB_RVWMO },
		{ "ppc64", MB_POWER }, { "ppc64le", MB_POWER }, { "power", MB_POWER },
		{ "linux", MB_LKMM },
	};

	for (int m = 0; m < MB_NMODELS; m++)
		if (!strcasecmp(name, mb_model_names[m]))
			return m;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(name, aliases[i].alias))
			return (int)aliases[i].m;
	return -1;
}
