/* SPDX-License-Identifier: MIT */
/*
 * src/commands/merge.c - `membench merge [NAME=]A.json B.json ... -o FLEET.json`:
 * results of many hosts (and fleets already merged) into one fleet
 * document (src/result/fleet_merge.c).  Exit 0, or 2 on bad input (a duplicate
 * host, a foreign or newer schema, malformed JSON: one line), or 4 when the
 * output cannot be written.
 */
#include <stdlib.h>
#include <time.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/fleet.h"

int mb_merge_main(const struct mb_options *o)
{
	char created[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return mb_fleet_merge(o->inputs.v, o->inputs.n, o->output, created, o->cmdline);
}
