/* SPDX-License-Identifier: MIT */
/*
 * src/commands/check.c - the correctness gate: `membench check RESULT.json`, and
 * `membench --check` after a live run.  A litmus entry that is a violation
 * (an outcome the host's model forbids was seen; judged the LKMM
 * judgelitmus.sh --hw way, from the entry's counts by src/litmus/judge.c, not
 * read from its "status") fails the gate.  A "Sometimes" never seen is only
 * "unobserved", not a failure.  On a fleet (`membench merge`), every host is
 * checked and the gate fails if any fails.  An interrupted result is said
 * to be one; the entries it holds are judged.
 */
#include <inttypes.h>
#include <stdio.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/fleet.h"
#include "result/result.h"

/*
 * The status an entry's counts give under the host's model, whatever its
 * "status" field says (a result file is input, and the field is derived):
 * positives must be the histogram's positive rows.  -1 with a message when not.
 */
static int judged(const struct mb_litmus_entry *e, enum mb_status *st, char *why, size_t len)
{
	uint64_t pos = 0, neg = 0;

	for (size_t k = 0; k < e->nhist; k++) {
		uint64_t *to = e->hist[k].positive ? &pos : &neg;

		if (*to + e->hist[k].count < *to) {
			snprintf(why, len, "histogram counts overflow");
			return -1;
		}
		*to += e->hist[k].count;
	}
	/* a filter (...) clause keeps its rows in the histogram, out of both counts */
	if (e->nhist && (pos != e->positives || neg < e->negatives)) {
		snprintf(why, len, "positives/negatives %" PRIu64 "/%" PRIu64 " but the histogram "
			 "holds %" PRIu64 "/%" PRIu64, e->positives, e->negatives, pos, neg);
		return -1;
	}
	if ((unsigned)e->host_model >= MB_NMODELS) {
		snprintf(why, len, "no host model");
		return -1;
	}
	if (e->status == MB_SKIPPED && e->positives == 0)
		*st = MB_SKIPPED;
	else
		*st = mb_litmus_status(e->positives, e->allowed[e->host_model]);
	return 0;
}

/* Print each violation and inconsistent entry (prefixed "HOST: " in a fleet); count them. */
static size_t violations(const struct mb_result *r, const char *host, FILE *out, size_t *inconsistent)
{
	const char *h = host ? mb_esc(host) : "", *sep = host ? ": " : "";
	size_t bad = 0;
	char why[160];

	if (r->interrupted)
		fprintf(out, "note: %s%sthe run was interrupted: only the %zu litmus entr%s that "
			"finished are judged\n", h, sep, r->nlitmus, r->nlitmus == 1 ? "y" : "ies");
	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *e = &r->litmus[i];
		enum mb_status st;

		if (judged(e, &st, why, sizeof(why))) {
			++*inconsistent;
			fprintf(out, "inconsistent: %s%s%s with %s: %s\n", h, sep,
				mb_esc(e->test ? e->test : "?"), mb_esc(e->barrier ? e->barrier : "-"), why);
			continue;
		}
		if (st != MB_VIOLATION)
			continue;
		bad++;
		fprintf(out, "violation: %s%s%s with %s: %" PRIu64 " positives in %" PRIu64
			" iterations, forbidden by %s%s%s\n", h, sep,
			mb_esc(e->test ? e->test : "?"), mb_esc(e->barrier ? e->barrier : "-"),
			e->positives, e->iterations, mb_model_names[e->host_model],
			e->status != MB_VIOLATION ? "; the file says " : "",
			e->status != MB_VIOLATION ? mb_status_name(e->status) : "");
	}
	if (r->host.emulated && r->nlitmus)
		fprintf(out, "note: %s%sEMULATED: the litmus counts show the ordering of the CPU the "
			"emulator ran on, not of %s hardware\n", h, sep, mb_esc(r->host.arch));
	return bad;
}

/* 1 on a violation; 2 when counts contradict themselves and nothing failed (bad input). */
static int verdict(size_t bad, size_t inconsistent)
{
	return bad ? MB_EXIT_FAIL : inconsistent ? MB_EXIT_USAGE : MB_EXIT_OK;
}

int mb_check_result(const struct mb_result *r, FILE *out)
{
	size_t inconsistent = 0, bad = violations(r, NULL, out, &inconsistent);

	fprintf(out, "check: %zu litmus entr%s, %zu violation%s", r->nlitmus,
		r->nlitmus == 1 ? "y" : "ies", bad, bad == 1 ? "" : "s");
	if (inconsistent)
		fprintf(out, ", %zu inconsistent", inconsistent);
	fputc('\n', out);
	return verdict(bad, inconsistent);
}

/* Every host of a fleet; exit 1 if any has a violation. */
static int check_fleet(const struct mb_fleet *f)
{
	size_t bad = 0, entries = 0, hosts_bad = 0, inconsistent = 0;
	struct mb_result r;
	char err[512];
	int rc;

	for (size_t i = 0; i < f->n; i++) {
		size_t b;

		if ((rc = mb_fleet_result(f, i, &r, err, sizeof(err))))
			return mb_fail(rc, "%s", err);
		b = violations(&r, f->hosts[i].name, stdout, &inconsistent);
		entries += r.nlitmus;
		bad += b;
		hosts_bad += b > 0;
		mb_result_free(&r);
	}
	printf("check: %zu host%s, %zu litmus entr%s, %zu violation%s", f->n, f->n == 1 ? "" : "s",
	       entries, entries == 1 ? "y" : "ies", bad, bad == 1 ? "" : "s");
	if (hosts_bad)
		printf(" on %zu host%s", hosts_bad, hosts_bad == 1 ? "" : "s");
	if (inconsistent)
		printf(", %zu inconsistent", inconsistent);
	putchar('\n');
	return verdict(bad, inconsistent);
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
