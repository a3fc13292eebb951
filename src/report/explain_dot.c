/* SPDX-License-Identifier: MIT */
/*
 * src/report/explain_dot.c - `membench explain --format dot`: the
 * explanation (src/litmus/explain.c) as one Graphviz digraph
 * (src/report/explain.h), a cluster per model.  The text page is
 * src/report/explain.c's.
 */
#include <stdio.h>
#include <string.h>

#include "report/explain.h"


static void dot_escape(const char *s, FILE *out)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static bool on_chain(const struct lx_model *lm, int a, int b, const char *rel)
{
	for (int i = 0; i < lm->nstep; i++)
		if (lm->step[i].from == a && lm->step[i].to == b && (!rel || !strcmp(lm->step[i].rel, rel)))
			return true;
	return false;
}

static void dot_edge(int m, int a, int b, const char *label, const char *color, bool bold,
		     bool constraint, FILE *out)
{
	fprintf(out, "    m%d_e%d -> m%d_e%d [label=\"", m, a, m, b);
	dot_escape(label, out);
	fprintf(out, "\", color=\"%s\", fontcolor=\"%s\"%s%s];\n", color, color,
		bold ? ", penwidth=3" : "", constraint ? "" : ", constraint=false");
}

static void dot_model(const struct lx_explain *e, enum mb_model m, FILE *out)
{
	const struct lx_model *lm = &e->m[m];
	const struct lm_exec *x = &lm->x;
	lm_set shown = 0;
	lm_rel podrawn;

	fprintf(out, "  subgraph cluster_m%d {\n    label=\"%s: %s%s%s\";\n", m, mb_model_names[m],
		lm->allowed ? "allowed" : "forbidden",
		lm->axiom && !lm->allowed ? " by " : "", lm->axiom && !lm->allowed ? lm->axiom : "");
	if (!lm->have_x) {
		fprintf(out, "    m%d_none [label=\"%s\", shape=plaintext];\n  }\n", m,
			lm->allowed ? "not modelled" : "no candidate execution reaches it");
		return;
	}
	/* the events: accesses of every thread; initial writes that something reads or
	 * that the chain passes through */
	for (int i = 0; i < x->n; i++) {
		if (!(x->M & LM_BIT(i)))
			continue;
		if ((x->IW & LM_BIT(i)) && !x->rf[i]) {
			bool need = false;

			for (int s = 0; s < lm->nstep; s++)
				need |= lm->step[s].from == i || lm->step[s].to == i;
			if (!need)
				continue;
		}
		shown |= LM_BIT(i);
	}
	for (int th = -1; th < e->prog.nthreads; th++) {
		if (th >= 0)
			fprintf(out, "    subgraph cluster_m%d_p%d { label=\"P%d\"; style=dashed;\n", m, th, th);
		for (lm_set y = shown; y; y &= y - 1) {
			int i = __builtin_ctzll(y);
			char name[64];

			if (x->ev[i].thread != th)
				continue;
			lx_event_name(x, i, name, sizeof(name));
			fprintf(out, "    m%d_e%d [label=\"", m, i);
			dot_escape(strchr(name, ':') ? strchr(name, ':') + 1 : name, out);
			fprintf(out, "\"%s];\n", th < 0 ? ", shape=box" : "");
		}
		if (th >= 0)
			fprintf(out, "    }\n");
	}
	/* po between consecutive accesses, the fences between them as the label;
	 * bold when the chain takes it */
	r_clear(x->n, podrawn);
	for (lm_set y = shown & ~x->IW; y; y &= y - 1) {
		int a = __builtin_ctzll(y), b = -1;
		char lab[128] = "po";

		for (lm_set z = x->po[a] & shown; z; z &= z - 1) {
			b = __builtin_ctzll(z);
			break;
		}
		if (b < 0)
			continue;
		for (lm_set f = x->po[a] & x->F; f; f &= f - 1) {
			int k = __builtin_ctzll(f);
			char fn[96];

			if (!(x->po[k] & LM_BIT(b)))
				continue;
			lx_fence_name(x, k, m, fn, sizeof(fn));
			snprintf(lab, sizeof(lab), "po [%s]", fn);
		}
		podrawn[a] |= LM_BIT(b);
		for (int s = 0; s < lm->nstep; s++)
			if (lm->step[s].from == a && lm->step[s].to == b && lm->step[s].relaxed) {
				snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), " (out of order)");
				dot_edge(m, a, b, lab, "darkgreen", true, true, out);
				goto next;
			}
		dot_edge(m, a, b, lab, x->ev[a].thread >= 0 && on_chain(lm, a, b, NULL) ? "purple" : "black",
			 on_chain(lm, a, b, NULL), true, out);
next:;
	}
	/* rf, immediate co, fr to the immediate co-successor of the source */
	for (lm_set y = shown; y; y &= y - 1) {
		int a = __builtin_ctzll(y);

		for (lm_set z = x->rf[a] & shown; z; z &= z - 1)
			dot_edge(m, a, __builtin_ctzll(z), "rf", "red", on_chain(lm, a, __builtin_ctzll(z), "rf"),
				 false, out);
		for (lm_set z = x->co[a] & shown; z; z &= z - 1) {
			int b = __builtin_ctzll(z);
			lm_set between = x->co[a] & ~LM_BIT(b);
			bool imm = true;

			for (; between; between &= between - 1)
				imm &= !(x->co[__builtin_ctzll(between)] & LM_BIT(b));
			if (imm || on_chain(lm, a, b, "co"))
				dot_edge(m, a, b, "co", "blue", on_chain(lm, a, b, "co"), false, out);
		}
		for (lm_set z = x->fr[a] & shown; z; z &= z - 1) {
			int b = __builtin_ctzll(z);
			lm_set before = 0;

			for (int w = 0; w < x->n; w++)
				if (x->fr[a] & x->co[w] & LM_BIT(b) && x->fr[a] & LM_BIT(w))
					before |= LM_BIT(w);
			if (!before || on_chain(lm, a, b, "fr"))
				dot_edge(m, a, b, "fr", "orange", on_chain(lm, a, b, "fr"), false, out);
		}
	}
	/* the chain's other steps: fences, dependencies, relaxed po, composed relations */
	for (int s = 0; s < lm->nstep; s++) {
		const struct lx_step *st = &lm->step[s];

		if (!strcmp(st->rel, "rf") || !strcmp(st->rel, "co") || !strcmp(st->rel, "fr") ||
		    (podrawn[st->from] & LM_BIT(st->to)))
			continue;
		dot_edge(m, st->from, st->to, st->relaxed ? "po (out of order)" : st->rel,
			 st->relaxed ? "darkgreen" : "purple", true, false, out);
	}
	fprintf(out, "  }\n");
}

void mb_explain_dot(const struct lx_explain *e, unsigned models, FILE *out)
{
	fprintf(out, "digraph \"");
	dot_escape(e->t->name, out);
	fprintf(out, "\" {\n  label=\"");
	dot_escape(e->t->name, out);
	if (e->t->has_slot) {
		char name[48];

		fprintf(out, " with fence() = ");
		dot_escape(mb_id_name(mb_explain_slot(e), name, sizeof(name)), out);
	}
	fprintf(out, "\";\n  labelloc=t;\n  node [fontname=\"monospace\"];\n"
		"  edge [fontname=\"monospace\", fontsize=10];\n");
	for (int m = 0; m < MB_NMODELS; m++)
		if (models & (1u << m))
			dot_model(e, (enum mb_model)m, out);
	fprintf(out, "}\n");
}
