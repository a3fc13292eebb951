/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare_print.c - `membench compare`'s table
 * (src/commands/compare.h): the rows of one pair of results as text,
 * markdown (a CI comment) or JSON ("membench-compare/1"), with the notes
 * on the hosts and the tally.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "commands/cli.h"
#include "commands/compare.h"
#include "result/json_num.h"
#include "result/result.h"

static const char *const verdict_names[] = {
	"unchanged", "regressed", "improved", "added", "removed", "unsupported", "no data", "emulated"
};

static void fmt_num(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.2f", v);
}

static void fmt_change(char *buf, size_t len, double c)
{
	if (isnan(c))
		snprintf(buf, len, "-");
	else if (isinf(c))
		snprintf(buf, len, "%sinf", c > 0 ? "+" : "-");
	else
		snprintf(buf, len, "%+.1f%%", c * 100);
}

static void fmt_p(char *buf, size_t len, double p)
{
	if (isnan(p))
		snprintf(buf, len, "-");
	else if (p < 1e-4)
		snprintf(buf, len, "%.1e", p);
	else
		snprintf(buf, len, "%.4f", p);
}

void cmp_print(const struct mb_options *o, const struct mb_result *b, const struct row *rows,
	       size_t n, const size_t *count, const struct notes *nt)
{
	const char *unit = cmp_use_cycles ? "cycles" : b->host.counter_unit ? b->host.counter_unit : "ticks";
	char bs[32], ns[32], cs[32], ps[32];
	bool md = !strcmp(o->format, "markdown");
	size_t overlaps = 0;

	if (!strcmp(o->format, "json")) {
		json_t *root = json_object(), *a = json_array(), *s = json_object(), *jn = json_array();

		json_object_set_new(root, "schema", json_string("membench-compare/1"));
		json_object_set_new(root, "base", json_string(o->base_path));
		json_object_set_new(root, "new", json_string(o->new_path));
		if (cmp_host_label)
			json_object_set_new(root, "host", json_string(cmp_host_label));
		json_object_set_new(root, "arch", json_string(b->host.arch));
		json_object_set_new(root, "emulated", json_boolean(cmp_emulated));
		json_object_set_new(root, "unit", json_string(unit));
		json_object_set_new(root, "alpha", json_real(o->alpha));
		json_object_set_new(root, "threshold", json_real(o->threshold));
		json_object_set_new(root, "min_abs_change", json_real(MB_COMPARE_MIN_ABS));
		json_object_set_new(root, "notes", jn);
		for (int i = 0; i < nt->n; i++)
			json_array_append_new(jn, json_string(nt->v[i]));
		for (size_t i = 0; i < n; i++) {
			json_t *x = json_object();

			json_object_set_new(x, "barrier", json_string(rows[i].barrier));
			json_object_set_new(x, "context", json_string(rows[i].context));
			json_object_set_new(x, "base_median", mb_json_num(rows[i].base));
			json_object_set_new(x, "new_median", mb_json_num(rows[i].new));
			json_object_set_new(x, "change", mb_json_num(rows[i].change));
			json_object_set_new(x, "p", mb_json_num(rows[i].p));
			json_object_set_new(x, "base_n", json_integer((json_int_t)rows[i].nbase));
			json_object_set_new(x, "new_n", json_integer((json_int_t)rows[i].nnew));
			json_object_set_new(x, "verdict", json_string(verdict_names[rows[i].v]));
			json_object_set_new(x, "sweeps_overlap", json_boolean(rows[i].overlap));
			json_array_append_new(a, x);
		}
		json_object_set_new(root, "rows", a);
		for (int v = 0; v < V_COUNT; v++)
			json_object_set_new(s, verdict_names[v], json_integer((json_int_t)count[v]));
		json_object_set_new(root, "summary", s);
		json_dumpf(root, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(root);
		return;
	}
	if (md) {
		printf("### membench compare: %s %s\n\n", count[V_REGRESSED] ? ":x:" : ":white_check_mark:",
		       count[V_REGRESSED] ? "regression" : "no regression");
		printf("`%s` → `%s`%s%s (%s, %s per barrier; alpha %g, threshold %g%%)\n\n",
		       o->base_path, o->new_path, cmp_host_label ? ", host " : "", cmp_host_label ? cmp_host_label : "", b->host.arch, unit, o->alpha, o->threshold * 100);
		for (int i = 0; i < nt->n; i++)
			printf("> **note:** %s\n%s", mb_esc(nt->v[i]), i + 1 == nt->n ? "\n" : ">\n");
		printf("| barrier | context | base median | new median | change | p-value | verdict |\n");
		printf("|---|---|---:|---:|---:|---:|---|\n");
	} else {
		printf("compare: %s -> %s%s%s (%s, %s per barrier; alpha %g, threshold %g%%)\n",
		       o->base_path, o->new_path, cmp_host_label ? ", host " : "", cmp_host_label ? cmp_host_label : "", b->host.arch, unit, o->alpha, o->threshold * 100);
		for (int i = 0; i < nt->n; i++)
			printf("note: %s\n", mb_esc(nt->v[i]));
		printf("%-22s %-18s %10s %10s %8s %9s  %s\n", "barrier", "context", "base", "new",
		       "change", "p", "verdict");
	}
	for (size_t i = 0; i < n; i++) {
		const struct row *w = &rows[i];

		fmt_num(bs, sizeof(bs), w->base);
		fmt_num(ns, sizeof(ns), w->new);
		fmt_change(cs, sizeof(cs), w->change);
		fmt_p(ps, sizeof(ps), w->p);
		if (md)
			printf("| %s | %s | %s | %s | %s | %s | %s%s%s%s |\n", mb_esc(w->barrier),
			       mb_esc(w->context), bs, ns,
			       cs, ps, w->v == V_REGRESSED ? "**" : "", w->v == V_REGRESSED ?
			       "REGRESSED" : verdict_names[w->v], w->v == V_REGRESSED ? "**" : "",
			       w->overlap ? " (sweeps overlap)" : "");
		else
			printf("%-22s %-18s %10s %10s %8s %9s  %s%s\n", mb_esc(w->barrier),
			       mb_esc(w->context), bs, ns, cs, ps,
			       w->v == V_REGRESSED ? "REGRESSED" : verdict_names[w->v],
			       w->overlap ? " (sweeps overlap)" : "");
		overlaps += w->overlap;
	}
	printf("%s%zu rows: %zu regressed, %zu improved, %zu unchanged, %zu added, %zu removed",
	       md ? "\n" : "", n, count[V_REGRESSED], count[V_IMPROVED], count[V_UNCHANGED],
	       count[V_ADDED], count[V_REMOVED]);
	if (count[V_UNSUPPORTED] || count[V_NODATA])
		printf(", %zu unsupported, %zu without data", count[V_UNSUPPORTED], count[V_NODATA]);
	if (count[V_EMULATED])
		printf(", %zu EMULATED (timings meaningless: not judged)", count[V_EMULATED]);
	printf("\n");
	if (overlaps)
		printf("%s%zu significant change%s over the threshold left unchanged: the repetitions "
		       "overlap (within this host's run-to-run noise)\n", md ? "\n" : "", overlaps,
		       overlaps == 1 ? "" : "s");
}
