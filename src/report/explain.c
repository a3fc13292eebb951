/* SPDX-License-Identifier: MIT */
/*
 * src/report/explain.c - `membench explain`'s text page
 * (src/report/explain.h; the Graphviz graph is src/report/explain_dot.c).
 * Every claim is read from the explanation (src/litmus/explain.c), the
 * model's barrier table (lt_model_insn), this arch's barrier registry and
 * the run's entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barrier/barrier.h"
#include "barrier/ports.h"
#include "report/explain.h"

/* ---- the test, thread by thread ---------------------------------------- */

#define MAXLINES	40

/* The statements of thread th as written in the source (declarations left out). */
static int thread_lines(const char *src, int th, char lines[][80], int max)
{
	char head[16];
	const char *p = src, *q;
	int n = 0, depth = 0;

	snprintf(head, sizeof(head), "P%d(", th);
	while (p && (p = strstr(p, head))) {
		if (p == src || p[-1] == '\n')
			break;
		p++;
	}
	if (!p || !(p = strchr(p, '{')))
		return 0;
	for (p++, depth = 1; *p && depth > 0; p = q + (*q ? 1 : 0)) {
		size_t len;

		q = strchr(p, '\n');
		if (!q)
			q = p + strlen(p);
		while (p < q && (*p == ' ' || *p == '\t'))
			p++;
		len = (size_t)(q - p);
		for (const char *c = p; c < q; c++)
			depth += *c == '{' ? 1 : *c == '}' ? -1 : 0;
		if (depth <= 0) {
			if (len > 1 && n < max)	/* "} else {" style text before the brace */
				snprintf(lines[n++], 80, "%.*s", (int)len - 1, p);
			break;
		}
		if (!len || (!strncmp(p, "int ", 4) && !memchr(p, '=', len) && p[len - 1] == ';'))
			continue;
		if (n < max)
			snprintf(lines[n++], 80, "%.*s", (int)(len < 79 ? len : 79), p);
	}
	return n;
}

/* The condition line as written ("exists (0:r0=0 /\ 1:r0=0)"). */
static void cond_line(const char *src, char *buf, size_t len)
{
	const char *p = src, *best = NULL;

	buf[0] = '\0';
	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, "exists", 6) || !strncmp(p, "~exists", 7) || !strncmp(p, "forall", 6))
			best = p;
	}
	if (best)
		snprintf(buf, len, "%.*s", (int)strcspn(best, "\n"), best);
}

static void print_threads(const struct lt_test *t, FILE *out)
{
	static char lines[LT_MAX_THREADS][MAXLINES][80];
	int n[LT_MAX_THREADS], w[LT_MAX_THREADS], rows = 0;
	char cond[200];

	for (int th = 0; th < t->nthreads && th < LT_MAX_THREADS; th++) {
		n[th] = t->source ? thread_lines(t->source, th, lines[th], MAXLINES) : 0;
		w[th] = 4;
		for (int i = 0; i < n[th]; i++)
			if ((int)strlen(lines[th][i]) > w[th])
				w[th] = (int)strlen(lines[th][i]);
		if (n[th] > rows)
			rows = n[th];
	}
	fputs("  ", out);
	for (int th = 0; th < t->nthreads; th++) {
		char h[16];

		snprintf(h, sizeof(h), "P%d", th);
		if (th + 1 < t->nthreads)
			fprintf(out, "%-*s | ", w[th], h);
		else
			fprintf(out, "%s\n", h);
	}
	for (int r = 0; r < rows; r++) {
		fputs("  ", out);
		for (int th = 0; th < t->nthreads; th++) {
			if (th + 1 < t->nthreads)
				fprintf(out, "%-*s | ", w[th], r < n[th] ? lines[th][r] : "");
			else
				fprintf(out, "%s\n", r < n[th] ? lines[th][r] : "");
		}
	}
	cond_line(t->source ? t->source : "", cond, sizeof(cond));
	if (cond[0])
		fprintf(out, "  %s\n", cond);
}

/* ---- the barriers on each architecture --------------------------------- */

struct mb_id mb_explain_slot(const struct lx_explain *e)
{
	return mb_id_valid(e->slot) ? e->slot : MB_ID(MB_ROW_none_general, MB_EMITTED);
}

/* Every port's instruction for the barrier (src/barrier/ports.h), its model,
 * and the LKMM's meaning; then this build's (c11 as disassembled). */
static void print_barrier(struct mb_id id, bool slot, FILE *out)
{
	enum mb_flavor fl = (enum mb_flavor)id.flavor;
	size_t idx = (size_t)id.row;
	char b[96], name[48];

	fprintf(out, "%s%s\n", slot ? "fence() = " : "", mb_id_name(id, name, sizeof(name)));
	if (!mb_id_valid(id))
		return;
	if (mb_barrier_orders(idx))
		fprintf(out, "  meant to order: %s\n", mb_barrier_orders(idx));
	for (size_t p = 0; p < mb_nports; p++) {
		const char *insn = mb_port_insn_shown(&mb_ports[p], idx, fl);

		fprintf(out, "  %-17s %-9s %s\n", mb_ports[p].label, mb_ports[p].model,
			*insn ? insn : "no instruction: compiler barrier only");
	}
	fprintf(out, "  %-17s %-9s %s\n", "Linux", "LKMM", lx_barrier_name(id, MB_LKMM, b, sizeof(b)));
	fprintf(out, "  %-27s %s\n", "this build", mb_barrier_insn(idx, fl));
}

static void print_barriers(const struct lx_explain *e, FILE *out)
{
	const struct lt_test *t = e->t;
	struct mb_id seen[32];
	int nseen = 0;

	if (t->has_slot) {
		print_barrier(mb_explain_slot(e), true, out);
		seen[nseen++] = mb_explain_slot(e);
	}
	for (int th = 0; th < t->nthreads; th++)
		for (int i = 0; i < t->threads[th].ninstrs; i++) {
			const struct lt_instr *in = &t->threads[th].instrs[i];
			bool dup = false;

			if (in->op != LT_FENCE || in->slot || !mb_id_valid(in->barrier))
				continue;
			for (int k = 0; k < nseen; k++)
				dup |= mb_id_eq(seen[k], in->barrier);
			if (dup || nseen == 32)
				continue;
			seen[nseen++] = in->barrier;
			if (in->source[0])
				fprintf(out, "%s: ", in->source);
			print_barrier(in->barrier, false, out);
		}
}

/* ---- each model --------------------------------------------------------- */

static void print_chain(const struct lx_model *lm, FILE *out)
{
	char a[64];

	for (int i = 0; i < lm->nstep; i++) {
		const struct lx_step *s = &lm->step[i];

		lx_event_name(&lm->x, s->from, a, sizeof(a));
		fprintf(out, "%s -%s%s-> ", a, s->rel, s->relaxed ? "(out of order)" : "");
	}
	if (lm->nstep) {
		lx_event_name(&lm->x, lm->step[lm->nstep - 1].to, a, sizeof(a));
		fputs(a, out);
	}
}

static const char *loc_of(const struct lm_exec *x, int ev)
{
	int l = x->ev[ev].loc;

	return l >= 0 && x->p->t && l < x->p->t->nlocs ? x->p->t->locs[l] : "?";
}

/* Why the pair (a, b) may go out of order on model m, in words. */
static void print_relaxed(const struct lm_exec *x, enum mb_model m, int a, int b, FILE *out)
{
	const char *kind = lx_pair_kind(x, a, b);
	char na[64], nb[64], f[160] = "";
	size_t o = 0;
	int nf = 0;

	lx_event_name(x, a, na, sizeof(na));
	lx_event_name(x, b, nb, sizeof(nb));
	for (lm_set y = x->po[a] & x->F; y; y &= y - 1) {
		int k = __builtin_ctzll(y);
		char name[96];

		if (!(x->po[k] & LM_BIT(b)) || o >= sizeof(f))
			continue;
		lx_fence_name(x, k, m, name, sizeof(name));
		o += (size_t)snprintf(f + o, sizeof(f) - o, "%s%s", o ? ", " : "", name);
		nf++;
	}
	if (m == MB_X86_TSO && !strcmp(kind, "W->R") && x->ev[a].loc == x->ev[b].loc)
		fprintf(out, "      P%d reads %s from its own store buffer before its store is "
			"visible to the others", x->ev[a].thread, loc_of(x, b));
	else if (m == MB_X86_TSO && !strcmp(kind, "W->R"))
		fprintf(out, "      P%d's store to %s waits in its store buffer while P%d reads %s",
			x->ev[a].thread, loc_of(x, a), x->ev[b].thread, loc_of(x, b));
	else
		fprintf(out, "      %s and %s (%s) are not kept in order by %s", na, nb, kind,
			mb_model_names[m]);
	if (nf && m == MB_X86_TSO && !strcmp(kind, "W->R"))
		fprintf(out, "; %s does not drain it\n", f);
	else if (nf)
		fprintf(out, "; %s between them does not order %s\n", f, kind);
	else
		fputc('\n', out);
}

static void print_model(const struct lx_explain *e, enum mb_model m, FILE *out)
{
	const struct lx_model *lm = &e->m[m];

	fprintf(out, "  %-8s %s (%s)\n", mb_model_names[m],
		lm->obs == LT_OBS_UNKNOWN ? "not modelled" : lm->allowed ? "allowed" : "forbidden",
		lt_obs_names[lm->obs]);
	if (lm->obs == LT_OBS_UNKNOWN) {
		fprintf(out, "      %s: assumed allowed\n", e->v.why);
		return;
	}
	if (!lm->allowed) {
		if (!lm->have_x) {
			fprintf(out, "      no candidate execution reaches it: the values, or RMW atomicity, rule it out\n");
			return;
		}
		fputs("      ", out);
		print_chain(lm, out);
		if (lm->axiom == lm_coherence_axiom)
			fprintf(out, ": a cycle in po-loc|rf|co|fr, forbidden by coherence\n");
		else if (lm->ax.irreflexive)
			fprintf(out, ": this path makes %s reflexive, forbidden\n", lm->axiom);
		else
			fprintf(out, ": a cycle, forbidden by %s\n", lm->axiom);
		return;
	}
	if (!lm->have_x)
		return;
	if (lm->sc) {
		fprintf(out, "      an interleaving of the threads gives it: no reordering needed\n");
		return;
	}
	fputs("      e.g. ", out);
	print_chain(lm, out);
	fputc('\n', out);
	for (int i = 0; i < lm->nstep; i++)
		if (lm->step[i].relaxed)
			print_relaxed(&lm->x, m, lm->step[i].from, lm->step[i].to, out);
	if (!lm->nrelaxed)
		fprintf(out, "      every program-order pair on this cycle is kept in order, and %s "
			"still accepts it: %s\n", mb_model_names[m],
			m == MB_POWER || m == MB_LKMM ?
			"a write may reach the other threads at different times "
			"(not multi-copy atomic)" : "its axioms do not need the whole cycle ordered");
}

/* ---- what the machine did ---------------------------------------------- */

static void print_hw(const struct lx_explain *e, const struct mb_litmus_entry *hw, FILE *out)
{
	enum mb_model hm = hw->host_model;
	bool allowed = hm < MB_NMODELS ? e->m[hm].allowed : true;

	fprintf(out, "\nOn this machine (%s), %llu runs", hm < MB_NMODELS ? mb_model_names[hm] : "?",
		(unsigned long long)hw->iterations);
	if (hw->status == MB_SKIPPED) {
		fprintf(out, ": not run: %s\n", hw->reason ? hw->reason : "skipped");
		return;
	}
	fprintf(out, " on CPUs");
	for (int th = 0; th < hw->nthreads; th++)
		fprintf(out, "%s%d", th ? "," : " ", hw->cpus[th]);
	fprintf(out, ":\n");
	for (size_t i = 0; i < hw->nhist; i++)
		fprintf(out, "  %12llu%s %s\n", (unsigned long long)hw->hist[i].count,
			hw->hist[i].positive ? " *>" : " : ", hw->hist[i].state);
	if (hw->positives && allowed)
		fprintf(out, "  the outcome: %llu times: allowed and seen\n",
			(unsigned long long)hw->positives);
	else if (hw->positives)
		fprintf(out, "  the outcome: %llu times: VIOLATION: %s forbids it\n",
			(unsigned long long)hw->positives, mb_model_names[hm]);
	else if (allowed)
		fprintf(out, "  the outcome: never in %llu (under %.2g per run, 95%%): allowed but not "
			"seen; %s allows it, this CPU may never show it\n",
			(unsigned long long)hw->iterations, hw->p_upper95, mb_model_names[hm]);
	else
		fprintf(out, "  the outcome: never in %llu (under %.2g per run, 95%%): forbidden and "
			"never seen\n", (unsigned long long)hw->iterations, hw->p_upper95);
}

/* text, its blanks folded, in lines of at most width columns */
static void wrap(const char *text, int width, FILE *out)
{
	int col = 0;

	for (const char *p = text; *p;) {
		int n;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		n = (int)strcspn(p, " \n\t");
		if (!n)
			break;
		if (col && col + 1 + n > width) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, "%s%.*s", col ? " " : "", n, p);
		col += (col ? 1 : 0) + n;
		p += n;
	}
	if (col)
		fputc('\n', out);
}

void mb_explain_text(const struct lx_explain *e, unsigned models,
		     const struct mb_litmus_entry *hw, FILE *out)
{
	const struct lt_test *t = e->t;

	fprintf(out, "%s\n", t->name);
	if (t->doc)
		wrap(t->doc, 78, out);
	fputc('\n', out);
	print_threads(t, out);
	fputc('\n', out);
	print_barriers(e, out);
	fprintf(out, "\nEach model on the outcome, and why (a cycle the model forbids, or one "
		"execution it allows):\n");
	for (int m = 0; m < MB_NMODELS; m++)
		if (models & (1u << m))
			print_model(e, (enum mb_model)m, out);
	if (hw)
		print_hw(e, hw, out);
	/* compiled-in tests record their file as litmus/NAME.litmus: name them by name */
	if (t->has_slot)
		fprintf(out, "\nThe cheapest barriers per thread that forbid this outcome, on each model:"
			" membench advise %s\n",
			t->path[0] && strncmp(t->path, "litmus/", 7) ? t->path : t->name);
}
