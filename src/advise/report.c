/* SPDX-License-Identifier: MIT */
/*
 * src/advise/report.c - `membench advise`'s text report and its JSON
 * ("membench-advise/1", docs/advise.md), both from struct ad_advice.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/advise.h"
#include "arch/arch.h"
#include "barrier/barrier.h"
#include "litmus/assign.h"
#include "result/json_num.h"

/* What the choice runs, for people: on this machine, what the build emits. */
static const char *insn_text(const struct ad_search *s, const struct ad_choice *c)
{
	if (c->none)
		return "nothing";
	if (c->what[0].form == LT_FORM_RELEASE)
		return "smp_store_release()";
	if (c->what[0].form == LT_FORM_ACQUIRE)
		return "smp_load_acquire()";
	if ((int)s->model == ad_model_parse(MB_ARCH_MODEL) && mb_id_valid(c->what[0].id))
		return mb_barrier_insn((size_t)c->what[0].id.row, MB_EMITTED);
	return *c->insn ? c->insn : "compiler barrier only";
}

static void cost_text(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%.1f", v);
}

static void assign_row(const struct ad_search *s, int ai, FILE *out)
{
	const struct ad_assignment *x = &s->assign[ai];
	char c[32];

	cost_text(x->total, c, sizeof(c));
	fprintf(out, "  %9s ", c);
	for (int th = 0; th < s->t->nthreads; th++) {
		char cell[96];

		if (x->pick[th] < 0)
			continue;
		const char *insn = insn_text(s, &s->choices[x->pick[th]]);

		snprintf(cell, sizeof(cell), insn[0] == '(' ? "P%d %s %s" : "P%d %s (%s)", th,
			 ad_choice_label(s, th, x->pick[th]), insn);
		fprintf(out, " %-40s", cell);
	}
	fprintf(out, "%s\n", x->minimal ? "  minimal" : "");
}

static void proof_text(const struct ad_model *am, FILE *out)
{
	static const char *const role[AD_NROLES] = { "recommended", "next cheaper, incorrect" };

	fprintf(out, "Proof on this machine:\n");
	for (int r = 0; r < AD_NROLES; r++) {
		const struct ad_proof *p = &am->proof[r];
		char label[256];

		if (p->assign < 0 || p->entry < 0) {
			if (p->why[0])
				fprintf(out, "  %-24s %s\n", role[r], p->why);
			continue;
		}
		const struct mb_litmus_entry *e = &am->runs.litmus[p->entry];

		ad_assign_label(&am->s, p->assign, label, sizeof(label));
		if (e->status == MB_SKIPPED)
			fprintf(out, "  %-24s %s: skipped: %s\n", role[r], label, e->reason ? e->reason : "");
		else
			fprintf(out, "  %-24s %s: the outcome in %llu of %llu instances (%s; the model:"
				" %s; %s)\n", role[r], label, (unsigned long long)e->positives,
				(unsigned long long)e->iterations, mb_verdict_name(e->verdict),
				e->allowed[e->host_model] ? "allowed" : "forbidden",
				mb_status_name(e->status));
	}
}

void ad_report_text(const struct ad_advice *a, FILE *out)
{
	fprintf(out, "membench advise %s (%s): the cheapest barriers per thread that forbid its exists"
		" outcome\n", a->test, a->file);
	if (a->weighted) {
		fprintf(out, "Weights (how often each thread runs):");
		for (int th = 0; th < a->t->nthreads; th++)
			fprintf(out, " P%d %g", th, a->weights[th]);
		fprintf(out, "; rank = sum of weight x cost\n");
	}
	for (int i = 0; i < a->nmodels; i++) {
		const struct ad_model *am = &a->m[i];
		const struct ad_search *s = &am->s;
		int shown = 0, nmin = 0, nothing = 0;

		fprintf(out, "\n== %s%s\n", mb_model_names[s->model], am->host ? " (this machine)" : "");
		fprintf(out, "Searched %d assignments of %d choices (barriers grouped by instruction,"
			" access forms where a slot borders the access); %d forbid the outcome\n",
			s->nassign, s->nchoices, s->ncorrect);
		fprintf(out, "Costs: %s\n", am->costs ? am->costs->source : am->cost_note);
		if (s->recommended < 0) {
			fprintf(out, "No assignment in the searched set forbids the outcome.\n");
			continue;
		}
		fprintf(out, "Recommended:");
		assign_row(s, s->recommended, out);
		fprintf(out, "Needs nothing:");
		for (int th = 0; th < a->t->nthreads; th++) {
			int c = s->assign[s->recommended].pick[th];

			if (c < 0 || s->choices[c].none) {
				fprintf(out, " P%d%s", th, c < 0 ? " (no slot)" : "");
				nothing++;
			}
		}
		fprintf(out, "%s\n", nothing ? "" : " no thread");
		for (int k = 0; k < s->ncorrect; k++)
			nmin += s->assign[s->order[k]].minimal;
		fprintf(out, "Correct assignments, best first%s; %d minimal (no other is cheaper%s on"
			" every thread):\n",
			s->ranked ? (a->weighted ? " by weighted cost" : " by cost") :
			" (unranked, ordered by strength)", nmin, s->ranked ? "" : " or weaker");
		fprintf(out, "  %9s  %s\n", s->ranked ? (am->costs ? am->costs->unit : "cost") : "cost",
			"per thread: choice (instruction)");
		for (int k = 0; k < s->ncorrect; k++)
			if (s->assign[s->order[k]].minimal || shown < AD_TOP) {
				assign_row(s, s->order[k], out);
				shown++;
			}
		if (s->ncorrect > shown)
			fprintf(out, "  ... %d more correct\n", s->ncorrect - shown);
		if (am->host)
			proof_text(am, out);
	}
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *assign_json(const struct ad_search *s, int ai)
{
	const struct ad_assignment *x = &s->assign[ai];
	json_t *o = json_object(), *th = json_array();

	for (int t = 0; t < s->t->nthreads; t++) {
		json_t *e = json_object();

		json_object_set_new(e, "thread", json_integer(t));
		if (x->pick[t] < 0) {
			json_object_set_new(e, "slot", json_false());
		} else {
			const struct ad_choice *c = &s->choices[x->pick[t]];

			json_object_set_new(e, "slot", json_true());
			json_object_set_new(e, "choice", json_string(ad_choice_label(s, t, x->pick[t])));
			json_object_set_new(e, "choice_id", json_integer(x->pick[t]));
			json_object_set_new(e, "instruction", json_string(insn_text(s, c)));
			json_object_set_new(e, "cost", mb_json_num(x->cost[t]));
			json_object_set_new(e, "weight", json_real(s->weight[t]));
		}
		json_array_append_new(th, e);
	}
	json_object_set_new(o, "threads", th);
	json_object_set_new(o, "cost", mb_json_num(x->total));
	json_object_set_new(o, "correct", json_boolean(x->correct));
	json_object_set_new(o, "minimal", json_boolean(x->minimal));
	return o;
}

static json_t *proof_json(const struct ad_model *am, int r)
{
	const struct ad_proof *p = &am->proof[r];
	json_t *o;

	if (p->assign < 0 && !p->why[0])
		return json_null();
	o = json_object();
	json_object_set_new(o, "assignment", p->assign >= 0 ? assign_json(&am->s, p->assign) : json_null());
	if (p->entry >= 0) {
		const struct mb_litmus_entry *e = &am->runs.litmus[p->entry];

		json_object_set_new(o, "iterations", json_integer((json_int_t)e->iterations));
		json_object_set_new(o, "forbidden", json_integer((json_int_t)e->positives));
		json_object_set_new(o, "verdict", json_string(mb_verdict_name(e->verdict)));
		json_object_set_new(o, "expected_allowed", json_boolean(e->allowed[e->host_model]));
		json_object_set_new(o, "status", json_string(mb_status_name(e->status)));
		json_object_set_new(o, "elapsed_s", json_real(e->elapsed_s));
		json_object_set_new(o, "placement", json_string(e->placement ? e->placement : ""));
		json_object_set_new(o, "sync", json_string(e->sync ? e->sync : ""));
		if (e->reason)
			json_object_set_new(o, "reason", json_string(e->reason));
	} else {
		json_object_set_new(o, "reason", json_string(p->why));
	}
	return o;
}

int ad_report_json(const struct ad_advice *a, FILE *out)
{
	json_t *root = json_object(), *models = json_array(), *w = json_array();
	int rc;

	json_object_set_new(root, "schema", json_string(AD_SCHEMA));
	json_object_set_new(root, "test", json_string(a->test));
	json_object_set_new(root, "file", json_string(a->file));
	json_object_set_new(root, "command", json_string(a->command ? a->command : ""));
	for (int th = 0; th < a->t->nthreads; th++)
		json_array_append_new(w, json_real(a->weights[th]));
	json_object_set_new(root, "weights", w);
	for (int i = 0; i < a->nmodels; i++) {
		const struct ad_model *am = &a->m[i];
		const struct ad_search *s = &am->s;
		json_t *m = json_object(), *ch = json_array(), *min = json_array(), *rank = json_array();
		json_t *nothing = json_array(), *proof = json_object();
		int shown = 0;

		json_object_set_new(m, "model", json_string(mb_model_names[s->model]));
		json_object_set_new(m, "host", json_boolean(am->host));
		json_object_set_new(m, "ranked", json_boolean(s->ranked));
		json_object_set_new(m, "costs", json_string(am->costs ? am->costs->source : am->cost_note));
		json_object_set_new(m, "cost_unit", am->costs ? json_string(am->costs->unit) : json_null());
		for (int c = 0; c < s->nchoices; c++) {
			json_t *e = json_object(), *names = json_array();

			for (int k = 0; k < s->choices[c].nnames; k++)
				json_array_append_new(names, json_string(s->choices[c].names[k]));
			json_object_set_new(e, "id", json_integer(c));
			json_object_set_new(e, "names", names);
			json_object_set_new(e, "instruction", json_string(insn_text(s, &s->choices[c])));
			json_object_set_new(e, "access_form", json_boolean(s->choices[c].access));
			json_array_append_new(ch, e);
		}
		json_object_set_new(m, "choices", ch);
		json_object_set_new(m, "searched", json_integer(s->nassign));
		json_object_set_new(m, "correct", json_integer(s->ncorrect));
		json_object_set_new(m, "recommended",
				    s->recommended >= 0 ? assign_json(s, s->recommended) : json_null());
		if (s->recommended >= 0)
			for (int th = 0; th < a->t->nthreads; th++) {
				int c = s->assign[s->recommended].pick[th];

				if (c < 0 || s->choices[c].none)
					json_array_append_new(nothing, json_integer(th));
			}
		json_object_set_new(m, "needs_nothing", nothing);
		for (int k = 0; k < s->ncorrect; k++) {
			if (s->assign[s->order[k]].minimal)
				json_array_append_new(min, assign_json(s, s->order[k]));
			if (shown < AD_TOP) {
				json_array_append_new(rank, assign_json(s, s->order[k]));
				shown++;
			}
		}
		json_object_set_new(m, "minimal", min);
		json_object_set_new(m, "ranking", rank);
		json_object_set_new(m, "cheaper_incorrect", s->cheaper_incorrect >= 0 ?
				    assign_json(s, s->cheaper_incorrect) : json_null());
		if (am->host) {
			json_object_set_new(proof, "recommended", proof_json(am, AD_RECOMMENDED));
			json_object_set_new(proof, "cheaper_incorrect", proof_json(am, AD_CHEAPER_INCORRECT));
			json_object_set_new(m, "proof", proof);
		} else {
			json_decref(proof);
			json_object_set_new(m, "proof", json_null());
		}
		json_array_append_new(models, m);
	}
	json_object_set_new(root, "models", models);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', out);
	json_decref(root);
	return rc;
}
