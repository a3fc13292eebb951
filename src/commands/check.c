/* SPDX-License-Identifier: MIT */
/*
 * src/commands/check.c - the correctness gate: `membench check RESULT.json`, and
 * `membench --check` after a live run.  A litmus entry whose status is
 * "violation" (an outcome the host's model forbids was seen; the litmus
 * engine judges it the LKMM judgelitmus.sh --hw way) fails the gate.  A
 * "Sometimes" never seen is only "unobserved", not a failure.  On a fleet
 * (`membench merge`), every host is checked and the gate fails if any fails.
 */
#include <inttypes.h>
#include <stdio.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/fleet.h"
#include "result/result.h"

/* Print each violation (prefixed "HOST: " in a fleet) and count them. */
static size_t violations(const struct mb_result *r, const char *host, FILE *out)
{
	size_t bad = 0;

	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *e = &r->litmus[i];

		if (e->status != MB_VIOLATION)
			continue;
		bad++;
		fprintf(out, "violation: %s%s%s with %s: %" PRIu64 " positives in %" PRIu64
			" iterations, forbidden by %s\n", host ? host : "", host ? ": " : "",
			e->test ? e->test : "?", e->barrier ? e->barrier : "-", e->positives,
			e->iterations, (unsigned)e->host_model < MB_NMODELS ?
			mb_model_names[e->host_model] : "?");
	}
	if (r->host.emulated && r->nlitmus)
		fprintf(out, "note: %s%sEMULATED: the litmus counts show the ordering of the CPU the "
			"emulator ran on, not of %s hardware\n", host ? host : "", host ? ": " : "",
			r->host.arch);
	return bad;
}

int mb_check_result(const struct mb_result *r, FILE *out)
{
	size_t bad = violations(r, NULL, out);

	fprintf(out, "check: %zu litmus entr%s, %zu violation%s\n", r->nlitmus,
		r->nlitmus == 1 ? "y" : "ies", bad, bad == 1 ? "" : "s");
	return bad ? MB_EXIT_FAIL : MB_EXIT_OK;
}

/* Every host of a fleet; exit 1 if any has a violation. */
static int check_fleet(const struct mb_fleet *f)
{
	size_t bad = 0, entries = 0, hosts_bad = 0;
	struct mb_result r;
	char err[512];
	int rc;

	for (size_t i = 0; i < f->n; i++) {
		size_t b;

		if ((rc = mb_fleet_result(f, i, &r, err, sizeof(err))))
			return mb_fail(rc, "%s", err);
		b = violations(&r, f->hosts[i].name, stdout);
		entries += r.nlitmus;
		bad += b;
		hosts_bad += b > 0;
		mb_result_free(&r);
	}
	printf("check: %zu host%s, %zu litmus entr%s, %zu violation%s", f->n, f->n == 1 ? "" : "s",
	       entries, entries == 1 ? "y" : "ies", bad, bad == 1 ? "" : "s");
	if (hosts_bad)
		printf(" on %zu host%s", hosts_bad, hosts_bad == 1 ? "" : "s");
	putchar('\n');
	return bad ? MB_EXIT_FAIL : MB_EXIT_OK;
}

int mb_check_main(const struct mb_options *o)
{
	struct mb_result r;
	struct mb_fleet f;
	bool fleet;
	char err[512];
	int rc = mb_fleet_open(o->check_path, &f, &fleet, err, sizeof(err));

	if (rc)
		return mb_fail(rc, "%s", err);
	if (fleet) {
		rc = check_fleet(&f);
		mb_fleet_free(&f);
		return rc;
	}
	rc = mb_json_read(o->check_path, &r, err, sizeof(err));
	if (rc)
		return mb_fail(rc, "%s", err);
	rc = mb_check_result(&r, stdout);
	mb_result_free(&r);
	return rc;
}
