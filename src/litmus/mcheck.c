/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/mcheck.c - one candidate execution judged, as the enumeration
 * (src/litmus/mexec.c) reaches it: rf, co and fr from its choices; one that
 * breaks SC per location (with RMW atomicity, kept by the co choice) is
 * dropped; the rest go to each model's axioms (src/litmus/lkmm.c,
 * src/litmus/march.c), and what they say is recorded in the lm_result,
 * with the executions lm_run_keep keeps.  Also the relations those
 * checks share (po;[F];po, SC per location).
 */
#include <stdio.h>

#include "litmus/menum.h"

void lm_fencerel(const struct lm_exec *x, lm_set fences, lm_set *out)
{
	for (int i = 0; i < x->n; i++) {
		lm_set row = 0;

		for (lm_set f = x->po[i] & fences; f; f &= f - 1)
			row |= x->po[__builtin_ctzll(f)];
		out[i] = row;
	}
}

__thread struct lm_ax *lm_ax_out;
const char lm_coherence_axiom[] = "coherence (acyclic po-loc|rf|co|fr)";

void lm_sc_loc(const struct lm_exec *x, lm_set *out)
{
	for (int i = 0; i < x->n; i++)
		out[i] = (x->po[i] & x->loc[i] & x->M) | x->rf[i] | x->co[i] | x->fr[i];
}

static void keep_ref(struct lm_enum *en, int m, const char *why, bool coherence)
{
	struct lm_keep *k = en->keep;

	if (!k || (k->has_ref[m] && (coherence || k->ref_why[m] != lm_coherence_axiom)))
		return;
	k->has_ref[m] = true;
	k->ref[m] = en->x;
	k->ref_why[m] = why;
}

static bool done(const struct lm_enum *en)
{
	const struct lm_result *r = en->r;

	for (int m = 0; m < MB_NMODELS; m++) {
		if (!r->pos[m])
			return false;
		if (en->full && !r->neg[m])
			return false;
	}
	return !en->full || r->race || !en->x.has_plain;
}

void lm_candidate(struct lm_enum *en)
{
	struct lm_exec *x = &en->x;
	struct lm_result *r = en->r;
	int n = x->n;
	lm_rel u;
	bool sat;

	if (++en->ncand > LM_MAX_CAND) {
		r->too_big = true;
		snprintf(r->why_big, sizeof(r->why_big), "more than %ld candidate executions",
			 LM_MAX_CAND);
		en->stop = true;
		return;
	}
	/* rf, co, fr */
	r_clear(n, x->rf);
	r_clear(n, x->co);
	for (int i = 0; i < en->nreads; i++)
		x->rf[en->rfsrc[i]] |= LM_BIT(en->reads[i]);
	for (int l = 0; l < en->p->nlocs; l++) {
		lm_set later = 0;

		for (int k = en->nw[l] - 1; k >= 0; k--) {
			x->co[en->coseq[l][k]] |= later;
			later |= LM_BIT(en->coseq[l][k]);
		}
		x->co[l] |= later;	/* the initial write is event l */
		x->mem[l] = en->nw[l] ? x->ev[en->coseq[l][en->nw[l] - 1]].val : x->ev[l].val;
	}
	r_inverse(n, x->fr, x->rf);
	r_seq(n, x->fr, x->fr, x->co);
	/* SC per location: acyclic(po-loc | rf | co | fr) */
	lm_sc_loc(x, u);
	if (!r_acyclic(n, u)) {
		sat = lm_cond_eval(en->p->t ? en->p->t->cond : NULL, x);
		for (int m = 0; m < MB_NMODELS; m++)
			if (sat && !r->pos[m]) {
				r->why[m] = lm_coherence_axiom;
				keep_ref(en, m, lm_coherence_axiom, true);
			}
		return;
	}
	if (en->p->t && en->p->t->filter && !lm_cond_eval(en->p->t->filter, x))
		return;
	sat = lm_cond_eval(en->p->t ? en->p->t->cond : NULL, x);
	if (!sat && !en->full)
		return;
	if (sat)
		r->ncand++;
	for (int m = 0; m < MB_NMODELS; m++) {
		const char *why;
		bool race = false;

		if (sat ? r->pos[m] : r->neg[m]) {
			if (!(m == MB_LKMM && en->full && x->has_plain && !r->race))
				continue;
		}
		why = m == MB_LKMM ? lm_lkmm_check(x, &race) : lm_arch_check(x, (enum mb_model)m);
		if (why) {
			if (sat) {
				r->why[m] = why;
				keep_ref(en, m, why, false);
			}
			continue;
		}
		if (race)
			r->race = true;
		if (sat && !r->pos[m]) {
			r->pos[m] = true;
			lm_witness(x, r->witness[m], sizeof(r->witness[m]));
			if (en->keep) {
				en->keep->has_wit[m] = true;
				en->keep->wit[m] = *x;
			}
		} else if (!sat) {
			r->neg[m] = true;
		}
	}
	if (done(en))
		en->stop = true;
}

