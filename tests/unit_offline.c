/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_offline.c - the offline gates (compare, check) and the JSON
 * reader, linked with the result model, stats and src/base only: the
 * Makefile builds this one without hwloc (and without the barrier layer),
 * so a gate that starts to need the host's topology fails to link here.
 * It also runs them on the committed fixture.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "commands/cli.h"
#include "commands/engines.h"
#include "result/result.h"

#define FIXTURE	"tests/fixtures/result-x86_64.json"

int main(void)
{
	struct mb_options o;
	struct mb_result r;
	char err[256] = "";
	FILE *null = fopen("/dev/null", "w");

	int rc;

	memset(&o, 0, sizeof(o));
	rc = mb_json_read(FIXTURE, &r, err, sizeof(err));	/* not inside CHECK: it evaluates twice */
	CHECK(rc == 0, "reads %s %s", FIXTURE, err);
	CHECK(r.ncost > 0 && r.host.arch && !strcmp(r.host.arch, "x86_64"), "the fixture's result model");
	CHECK(mb_check_result(&r, null) == MB_EXIT_OK, "check passes the fixture");
	mb_result_free(&r);

	o.cmd = MB_CMD_CHECK;
	o.check_path = (char *)FIXTURE;
	o.format = (char *)"text";
	o.unit = (char *)"ticks";
	o.quiet = true;
	CHECK(mb_check_main(&o) == MB_EXIT_OK, "membench check on the fixture");
	o.cmd = MB_CMD_COMPARE;
	o.base_path = o.new_path = (char *)FIXTURE;
	o.threshold = 0.10;
	o.alpha = 0.01;
	CHECK(mb_compare_main(&o) == MB_EXIT_OK, "membench compare of the fixture with itself");
	o.new_path = (char *)"tests/fixtures/nonesuch.json";
	CHECK(mb_compare_main(&o) == MB_EXIT_USAGE, "compare of a missing file: exit 2");
	fclose(null);
	return CHECK_DONE();
}
