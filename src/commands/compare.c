/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare.c - the performance gate, `membench compare BASE.json NEW.json`.
 * Cost rows are matched by barrier x context (src/commands/compare_match.c);
 * each pair of raw sample sets goes through a two-sided Mann-Whitney U test
 * (src/stats/mwu.c), and a row regressed only when the shift is significant
 * (p < alpha), large (new median - base median > threshold * |base median|)
 * and more than half a counter unit: a 0-tick compiler barrier that reads
 * 0.4 instead of 0.2 is timer noise, not a 100% regression.  With
 * --repetitions on both sides, the sweeps must agree as well
 * (src/commands/compare_judge.c).  Rows found in one file only are listed
 * (added, removed) but fail nothing; src/commands/compare_print.c prints
 * the table.
 *
 * Before any of that, the hosts (this file, with fleets and the command):
 * timings from different CPU models, counter rates or arches are not one
 * quantity, and a "regression" between a laptop and a CI runner is the
 * hardware.  Those are refused (exit 2, one line) unless --force; a run
 * that was downgraded or oversubscribed is compared, and the report says
 * so.  A side run under an emulator (host.emulated) has timings that
 * measure the emulator: its rows are shown, marked "emulated", and judged
 * not at all.  Two fleets (`membench merge`) are compared host by host,
 * matched by name.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/compare.h"
#include "commands/engines.h"
#include "result/fleet.h"
#include "result/result.h"

/* Counter rates closer than this are one rate measured twice (a TSC's measurement moves by ~1e-4). */
#define MB_COMPARE_HZ_TOL	0.005

bool cmp_use_cycles;
const char *cmp_host_label;
bool cmp_emulated;

static void note(struct notes *ns, char *line)
{
	if (ns->n < 8)
		ns->v[ns->n++] = line;
	else
		free(line);
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
	cmp_emulated = hb->emulated || hn->emulated;
	if (cmp_emulated)
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
		cmp_use_cycles = !strcmp(o->unit, "cycles");
		if (cmp_use_cycles && !(b->host.cycles_available && n->host.cycles_available))
			rc = mb_fail(MB_EXIT_USAGE, "compare --unit cycles: %s has no core cycles",
				     mb_esc(b->host.cycles_available ? o->new_path : o->base_path));
		else
			rc = cmp_match(o, b, n, &ns);
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
		cmp_host_label = fb->hosts[i].name;
		if (json)
			printf("%s{\"name\": \"%s\", \"compare\":\n", shown ? ",\n" : "", cmp_host_label);
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
	cmp_host_label = NULL;
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

