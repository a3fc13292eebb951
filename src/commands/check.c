/* SPDX-License-Identifier: MIT */
/*
 * src/commands/check.c - the correctness gate: `membench check RESULT.json`, and
 * `membench --check` after a live run.  A litmus entry whose status is
 * "violation" (an outcome the host's model forbids was seen; the litmus
 * engine judges it the LKMM judgelitmus.sh --hw way) fails the gate.  A
 * "Sometimes" never seen is only "unobserved", not a failure.
 */
#include <inttypes.h>
#include <stdio.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/result.h"

int mb_check_result(const struct mb_result *r, FILE *out)
{
	size_t bad = 0;

	for (size_t i = 0; i < r->nlitmus; i++) {
		const struct mb_litmus_entry *e = &r->litmus[i];

		if (e->status != MB_VIOLATION)
			continue;
		bad++;
		fprintf(out, "violation: %s with %s: %" PRIu64 " positives in %" PRIu64
			" iterations, forbidden by %s\n",
			e->test ? e->test : "?", e->barrier ? e->barrier : "-", e->positives,
			e->iterations, (unsigned)e->host_model < MB_NMODELS ?
			mb_model_names[e->host_model] : "?");
	}
	fprintf(out, "check: %zu litmus entr%s, %zu violation%s\n", r->nlitmus,
		r->nlitmus == 1 ? "y" : "ies", bad, bad == 1 ? "" : "s");
	return bad ? MB_EXIT_FAIL : MB_EXIT_OK;
}

int mb_check_main(const struct mb_options *o)
{
	struct mb_result r;
	char err[512];
	int rc = mb_json_read(o->check_path, &r, err, sizeof(err));

	if (rc)
		return mb_fail(rc, "%s", err);
	rc = mb_check_result(&r, stdout);
	mb_result_free(&r);
	return rc;
}
