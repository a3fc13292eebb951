/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare.c - the performance gate, `membench compare BASE.json NEW.json`.
 * Cost rows are matched by barrier x context; each pair of raw sample sets
 * goes through a two-sided Mann-Whitney U test (src/stats/mwu.c), and a row
 * regressed only when the shift is significant (p < alpha), large
 * (new median - base median > threshold * |base median|) and more than half a
 * counter unit: a 0-tick compiler barrier that reads 0.4 instead of 0.2 is
 * timer noise, not a 100% regression.  With --repetitions on both sides,
 * the sweeps must agree as well (judge()).  Rows found in one file only
 * are listed (added, removed) but fail nothing.
 *
 * Before any of that, the hosts: timings from different CPU models, counter
 * rates or arches are not one quantity, and a "regression" between a
 * laptop and a CI runner is the hardware.  Those are refused (exit 2, one
 * line) unless --force; a run that was downgraded or oversubscribed is
 * compared, and the report says so.  A side run under an emulator
 * (host.emulated) has timings that measure the emulator: its rows are shown,
 * marked "emulated", and judged not at all.  Two fleets (`membench merge`)
 * are compared host by host, matched by name.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "stats/mwu.h"
#include "result/fleet.h"
#include "result/json_num.h"
#include "result/result.h"
#include "stats/stats.h"

/* Absolute change (counter units per barrier) below which nothing counts. */
#define MB_COMPARE_MIN_ABS	0.5
/* Counter rates closer than this are one rate measured twice (a TSC's measurement moves by ~1e-4). */
#define MB_COMPARE_HZ_TOL	0.005

/* What the report must say about the hosts, one line each. */
struct notes {
	char *v[8];
	int n;
};

static void note(struct notes *ns, char *line)
{
	if (ns->n < 8)
		ns->v[ns->n++] = line;
	else
		free(line);
}

enum row_verdict { V_UNCHANGED, V_REGRESSED, V_IMPROVED, V_ADDED, V_REMOVED, V_UNSUPPORTED, V_NODATA,
		   V_EMULATED, V_COUNT };
static const char *const verdict_names[] = {
	"unchanged", "regressed", "improved", "added", "removed", "unsupported", "no data", "emulated"
};

struct row {
	const char *barrier, *context;
	double base, new, change, p;	/* medians; change is relative; NaN where not known */
	size_t nbase, nnew;
	enum row_verdict v;
	bool overlap;			/* significant and large, but the sweeps overlap: unchanged */
};

/*
 * Rows are matched by barrier x context through a sorted index of each
 * file (O(n log n): a quadratic match took 32 s for 40k rows).  Entries of
 * one result are one array, so address order is file order: among equal
 * keys the first in the file comes first.
 */
static int key_cmp(const struct mb_cost_entry *a, const struct mb_cost_entry *b)
{
	int c = strcmp(a->barrier ? a->barrier : "", b->barrier ? b->barrier : "");

	return c ? c : strcmp(a->context ? a->context : "", b->context ? b->context : "");
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct mb_cost_entry *a = *(const struct mb_cost_entry *const *)pa;
	const struct mb_cost_entry *b = *(const struct mb_cost_entry *const *)pb;
	int c = key_cmp(a, b);

	return c ? c : (a > b) - (a < b);
}

struct index {
	const struct mb_cost_entry **v;
	size_t n;
};

static void index_make(struct index *x, const struct mb_result *r)
{
	x->n = r->ncost;
	x->v = mb_xcalloc(r->ncost ? r->ncost : 1, sizeof(*x->v));
	for (size_t i = 0; i < r->ncost; i++)
		x->v[i] = &r->cost[i];
	qsort(x->v, x->n, sizeof(*x->v), entry_cmp);
}

/* The first entry (in file order) with k's barrier x context, or NULL. */
static const struct mb_cost_entry *find(const struct index *x, const struct mb_cost_entry *k)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(x->v[mid], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && !key_cmp(x->v[lo], k) ? x->v[lo] : NULL;
}

/* The finite samples of s, in a new array (*n of them). */
static double *finite_samples(const struct mb_stats *s, size_t *n)
{
	double *v = mb_xcalloc(s->n ? s->n : 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; s->samples && i < s->n; i++)
		if (isfinite(s->samples[i]))
			v[(*n)++] = s->samples[i];
	return v;
}

/*
 * Which unit the samples are compared in: counter ticks by default;
 * --unit cycles compares the core cycles (both results must have them).
 * Ticks are the default because they gate better: on the 2-vCPU KVM guest,
 * 100 A/A comparisons of the same 101 runs (scripts/bench_gate.sh -r) gave
 * 1 false regression in ticks and 12 in calibrated cycles, whose per-run
 * calibration adds its own noise.
 */
static bool use_cycles;

/* In a fleet: the host compared, shown in every header; else NULL. */
static const char *host_label;

/* Either side ran under an emulator (host.emulated): its timings measure the emulator; not judged. */
static bool emulated;

static const struct mb_stats *compared(const struct mb_cost_entry *e)
{
	return use_cycles && e->have_cycles ? &e->cycles : &e->ticks;
}

/*
 * The lowest and highest of the per-sweep medians of s (--repetitions: the
 * samples are reps equal blocks); false with fewer than two sweeps.
 */
static bool sweep_range(const struct mb_stats *s, unsigned reps, double *lo, double *hi)
{
	size_t k = reps ? s->n / reps : 0;
	double *v;

	if (reps < 2 || k == 0 || !s->samples)
		return false;
	v = mb_xcalloc(k, sizeof(*v));
	*lo = INFINITY;
	*hi = -INFINITY;
	for (unsigned r = 0; r < reps; r++) {
		size_t m = 0;
		double med;

		for (size_t i = 0; i < k; i++)
			if (isfinite(s->samples[r * k + i]))
				v[m++] = s->samples[r * k + i];
		med = mb_median(v, m);
		if (isfinite(med)) {
			*lo = fmin(*lo, med);
			*hi = fmax(*hi, med);
		}
	}
	free(v);
	return isfinite(*lo) && isfinite(*hi);
}

static void judge(struct row *w, const struct mb_cost_entry *b, const struct mb_cost_entry *n,
		  const struct mb_options *o)
{
	size_t nb, nn;
	double *sb, *sn;
	struct mb_mwu t;

	w->base = w->new = w->change = w->p = NAN;
	if (!b->supported || !n->supported) {
		w->v = V_UNSUPPORTED;
		return;
	}
	if (use_cycles && (!b->have_cycles || !n->have_cycles)) {
		w->v = V_NODATA;	/* never mix units within one table */
		return;
	}
	sb = finite_samples(compared(b), &nb);
	sn = finite_samples(compared(n), &nn);
	w->nbase = nb;
	w->nnew = nn;
	/* The medians of the samples compared, so the table and the test agree. */
	w->base = nb ? mb_median(sb, nb) : compared(b)->median;
	w->new = nn ? mb_median(sn, nn) : compared(n)->median;
	if (isfinite(w->base) && isfinite(w->new))
		w->change = w->base != 0 ? (w->new - w->base) / fabs(w->base) :
			    w->new == 0 ? 0 : copysign(INFINITY, w->new);
	if (nb < 2 || nn < 2 || mb_mwu(sb, nb, sn, nn, &t)) {
		w->v = V_NODATA;
	} else {
		w->p = t.p;
		w->v = V_UNCHANGED;
		/* Relative to |median|: overhead subtraction can leave a median at or below 0. */
		double d = w->new - w->base, blo, bhi, nlo, nhi;
		bool sweeps = sweep_range(compared(b), b->repetitions, &blo, &bhi) &&
			      sweep_range(compared(n), n->repetitions, &nlo, &nhi);

		if (t.p < o->alpha && d > o->threshold * fabs(w->base) && d > MB_COMPARE_MIN_ABS)
			w->v = V_REGRESSED;
		else if (t.p < o->alpha && -d > o->threshold * fabs(w->new) && -d > MB_COMPARE_MIN_ABS)
			w->v = V_IMPROVED;
		if (emulated)
			w->v = V_EMULATED;
		/*
		 * With sweeps on both sides (--repetitions), the sweeps must agree:
		 * the fastest new sweep slower than the slowest base sweep by half
		 * the threshold.  Samples of one sweep share its state of the host;
		 * a shift that a base sweep already showed is this host's noise.
		 */
		if (sweeps && ((w->v == V_REGRESSED && nlo - bhi <= o->threshold / 2 * fabs(w->base)) ||
			       (w->v == V_IMPROVED && blo - nhi <= o->threshold / 2 * fabs(w->new)))) {
			w->v = V_UNCHANGED;
			w->overlap = true;
		}
	}
	free(sb);
	free(sn);
}

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

static void print_rows(const struct mb_options *o, const struct mb_result *b, const struct row *rows,
		       size_t n, const size_t *count, const struct notes *nt)
{
	const char *unit = use_cycles ? "cycles" : b->host.counter_unit ? b->host.counter_unit : "ticks";
	char bs[32], ns[32], cs[32], ps[32];
	bool md = !strcmp(o->format, "markdown");
	size_t overlaps = 0;

	if (!strcmp(o->format, "json")) {
		json_t *root = json_object(), *a = json_array(), *s = json_object(), *jn = json_array();

		json_object_set_new(root, "schema", json_string("membench-compare/1"));
		json_object_set_new(root, "base", json_string(o->base_path));
		json_object_set_new(root, "new", json_string(o->new_path));
		if (host_label)
			json_object_set_new(root, "host", json_string(host_label));
		json_object_set_new(root, "arch", json_string(b->host.arch));
		json_object_set_new(root, "emulated", json_boolean(emulated));
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
		       o->base_path, o->new_path, host_label ? ", host " : "", host_label ? host_label : "", b->host.arch, unit, o->alpha, o->threshold * 100);
		for (int i = 0; i < nt->n; i++)
			printf("> **note:** %s\n%s", mb_esc(nt->v[i]), i + 1 == nt->n ? "\n" : ">\n");
		printf("| barrier | context | base median | new median | change | p-value | verdict |\n");
		printf("|---|---|---:|---:|---:|---:|---|\n");
	} else {
		printf("compare: %s -> %s%s%s (%s, %s per barrier; alpha %g, threshold %g%%)\n",
		       o->base_path, o->new_path, host_label ? ", host " : "", host_label ? host_label : "", b->host.arch, unit, o->alpha, o->threshold * 100);
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

static int compare(const struct mb_options *o, const struct mb_result *b, const struct mb_result *n,
		   const struct notes *ns)
{
	struct row *rows = mb_xcalloc(b->ncost + n->ncost + 1, sizeof(*rows));
	size_t nrows = 0, count[V_COUNT] = { 0 };
	struct index xb, xn;

	index_make(&xb, b);
	index_make(&xn, n);
	for (size_t i = 0; i < b->ncost; i++) {
		const struct mb_cost_entry *e = &b->cost[i], *m = find(&xn, e);
		struct row *w;

		if (find(&xb, e) != e)
			continue;	/* a duplicate row: the first one counts */
		w = &rows[nrows++];
		w->barrier = e->barrier;
		w->context = e->context;
		if (m) {
			judge(w, e, m, o);
		} else {
			w->v = V_REMOVED;
			w->base = e->supported ? compared(e)->median : NAN;
			w->new = w->change = w->p = NAN;
		}
		count[w->v]++;
	}
	for (size_t i = 0; i < n->ncost; i++) {
		const struct mb_cost_entry *e = &n->cost[i];
		struct row *w;

		if (find(&xb, e) || find(&xn, e) != e)
			continue;
		w = &rows[nrows++];
		w->barrier = e->barrier;
		w->context = e->context;
		w->v = V_ADDED;
		w->new = e->supported ? compared(e)->median : NAN;
		w->base = w->change = w->p = NAN;
		count[w->v]++;
	}
	free(xb.v);
	free(xn.v);
	if (b->interrupted || n->interrupted)
		fprintf(stderr, "membench: note: %s was interrupted: the rows it lacks are listed as "
			"%s, and fail nothing\n", mb_esc(n->interrupted ? o->new_path : o->base_path),
			n->interrupted ? "removed" : "added");
	print_rows(o, b, rows, nrows, count, ns);
	free(rows);
	return count[V_REGRESSED] ? MB_EXIT_FAIL : MB_EXIT_OK;
}

/* How each run was placed: downgraded cost placement, oversubscribed or downgraded litmus runs. */
static void placement_notes(struct notes *ns, const char *path, const struct mb_result *r)
{
	size_t over = 0, down = 0, cost = 0;
	const char *why = NULL;

	for (size_t i = 0; i < r->ncost; i++)
		if (r->cost[i].downgrade && !cost++)
			why = r->cost[i].downgrade;
	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *l = &r->litmus[i];

		if (l->placement && !strcmp(l->placement, "oversubscribed"))
			over++;
		else if (l->downgrade)
			down++;
	}
	if (cost)
		note(ns, mb_asprintf("%s: cost ran downgraded (%s)", path, why));
	if (over || down)
		note(ns, mb_asprintf("%s: %zu litmus runs oversubscribed, %zu downgraded", path, over, down));
}

/*
 * 0, or a one-line refusal (exit 2) when the two hosts' timings are not
 * one quantity; --force turns each refusal into a note.
 */
static int check_hosts(const struct mb_options *o, const struct mb_result *b,
		       const struct mb_result *n, struct notes *ns)
{
	const struct mb_host *hb = &b->host, *hn = &n->host;
	const char *ub = hb->counter_unit ? hb->counter_unit : "ticks";
	const char *un = hn->counter_unit ? hn->counter_unit : "ticks";
	char *why = NULL;

	/* Not even --force makes ticks and nanoseconds one unit. */
	if (strcmp(ub, un))
		return mb_fail(MB_EXIT_USAGE, "%s counts %s but %s counts %s", mb_esc(o->base_path),
			       mb_esc(ub), mb_esc(o->new_path), mb_esc(un));
	if (strcmp(hb->arch, hn->arch))
		why = mb_asprintf("%s is %s but %s is %s", o->base_path, hb->arch, o->new_path, hn->arch);
	else if (hb->cpu_model && hn->cpu_model && strcmp(hb->cpu_model, hn->cpu_model))
		why = mb_asprintf("%s ran on '%s' but %s on '%s'", o->base_path, hb->cpu_model,
				  o->new_path, hn->cpu_model);
	else if (!strcmp(ub, "ticks") && hb->counter_hz > 0 && hn->counter_hz > 0 &&
		 fabs(hb->counter_hz / hn->counter_hz - 1) > MB_COMPARE_HZ_TOL)
		why = mb_asprintf("%s's counter runs at %.1f MHz but %s's at %.1f MHz",
				  o->base_path, hb->counter_hz / 1e6, o->new_path, hn->counter_hz / 1e6);
	if (why && !o->force) {
		int rc = mb_fail(MB_EXIT_USAGE, "%s: timings not comparable (--force compares them anyway)",
				 mb_esc(why));	/* names and models from the files */

		free(why);
		return rc;
	}
	if (why)
		note(ns, mb_asprintf("compared anyway (--force): %s", why));
	free(why);
	if (!hb->cpu_model || !hn->cpu_model)
		note(ns, mb_asprintf("CPU model not recorded in %s: not checked",
				     hb->cpu_model ? o->new_path : o->base_path));
	placement_notes(ns, o->base_path, b);
	placement_notes(ns, o->new_path, n);
	emulated = hb->emulated || hn->emulated;
	if (emulated)
		note(ns, mb_asprintf("EMULATED: %s ran under an emulator; its timings measure the emulator "
				     "and are meaningless: no row is judged",
				     hb->emulated ? o->base_path : o->new_path));
	return 0;
}

/* One host's pair of results: the checks, then the table; 0, 1 (regressed) or 2. */
static int compare_pair(const struct mb_options *o, const struct mb_result *b, const struct mb_result *n)
{
	struct notes ns = { { NULL }, 0 };
	int rc;

	if (!(rc = check_hosts(o, b, n, &ns))) {
		use_cycles = !strcmp(o->unit, "cycles");
		if (use_cycles && !(b->host.cycles_available && n->host.cycles_available))
			rc = mb_fail(MB_EXIT_USAGE, "compare --unit cycles: %s has no core cycles",
				     mb_esc(b->host.cycles_available ? o->new_path : o->base_path));
		else
			rc = compare(o, b, n, &ns);
	}
	for (int i = 0; i < ns.n; i++)
		free(ns.v[i]);
	return rc;
}

/*
 * Two fleets, host by host (matched by name): one table per host in both,
 * a line per host in one only.  Exit 1 if any host regressed, 2 if a host
 * cannot be compared (the refusals of check_hosts) and none regressed.
 */
static int compare_fleets(const struct mb_options *o, const struct mb_fleet *fb, const struct mb_fleet *fn)
{
	bool json = !strcmp(o->format, "json");
	size_t k, shown = 0;
	int worst = MB_EXIT_OK;
	char err[512];

	if (json)
		printf("{\n\"schema\": \"membench-compare-fleet/1\",\n\"hosts\": [\n");
	for (size_t i = 0; i < fb->n; i++) {
		struct mb_result b, n;
		int rc;

		if (!mb_fleet_find(fn, fb->hosts[i].name, &k)) {
			if (!json)
				printf("host %s: only in %s\n\n", fb->hosts[i].name, o->base_path);
			continue;
		}
		if ((rc = mb_fleet_result(fb, i, &b, err, sizeof(err))))
			return mb_fail(rc, "%s", err);
		if ((rc = mb_fleet_result(fn, k, &n, err, sizeof(err)))) {
			mb_result_free(&b);
			return mb_fail(rc, "%s", err);
		}
		host_label = fb->hosts[i].name;
		if (json)
			printf("%s{\"name\": \"%s\", \"compare\":\n", shown ? ",\n" : "", host_label);
		rc = compare_pair(o, &b, &n);
		if (json)
			printf("%s}", rc == MB_EXIT_USAGE ? "null" : "");
		else
			putchar('\n');
		shown++;
		if (rc == MB_EXIT_FAIL || (rc && worst == MB_EXIT_OK))
			worst = rc;
		mb_result_free(&b);
		mb_result_free(&n);
	}
	for (size_t i = 0; !json && i < fn->n; i++)
		if (!mb_fleet_find(fb, fn->hosts[i].name, NULL))
			printf("host %s: only in %s\n\n", fn->hosts[i].name, o->new_path);
	if (json)
		printf("\n]\n}\n");
	else
		printf("compare: %zu host%s in both, %s\n", shown, shown == 1 ? "" : "s",
		       worst == MB_EXIT_FAIL ? "some regressed" : worst ? "some could not be compared" :
		       "none regressed");
	host_label = NULL;
	return worst;
}

int mb_compare_main(const struct mb_options *o)
{
	struct mb_result b, n;
	struct mb_fleet fb, fn;
	bool isb, isn;
	char err[512];
	int rc;

	if (strcmp(o->format, "text") && strcmp(o->format, "markdown") && strcmp(o->format, "json"))
		return mb_fail(MB_EXIT_USAGE, "compare: --format must be text, markdown or json, not '%s'",
			       mb_esc(o->format));
	if ((rc = mb_fleet_open(o->base_path, &fb, &isb, err, sizeof(err))))
		return mb_fail(rc, "%s", err);
	if ((rc = mb_fleet_open(o->new_path, &fn, &isn, err, sizeof(err)))) {
		mb_fleet_free(&fb);
		return mb_fail(rc, "%s", err);
	}
	if (isb || isn) {
		if (isb && isn)
			rc = compare_fleets(o, &fb, &fn);
		else
			rc = mb_fail(MB_EXIT_USAGE, "%s is a fleet but %s is one result: compare two fleets "
				     "(membench merge) or two results", isb ? o->base_path : o->new_path,
				     isb ? o->new_path : o->base_path);
		mb_fleet_free(&fb);
		mb_fleet_free(&fn);
		return rc;
	}
	if ((rc = mb_json_read(o->base_path, &b, err, sizeof(err))))
		return mb_fail(rc, "%s", err);
	if ((rc = mb_json_read(o->new_path, &n, err, sizeof(err)))) {
		mb_result_free(&b);
		return mb_fail(rc, "%s", err);
	}
	rc = compare_pair(o, &b, &n);
	mb_result_free(&b);
	mb_result_free(&n);
	return rc;
}
