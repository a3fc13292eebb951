/* SPDX-License-Identifier: MIT */
/*
 * src/commands/model.c - `membench model FILE.litmus...`: what every model
 * says of each test's condition, without running it, one line per file:
 *
 *	NAME x86-TSO=Never Armv8=Sometimes RVWMO=Sometimes Power=Sometimes LKMM=Sometimes [data-race]
 *
 * The verdicts are herd7's Observation words (scripts/herd-crosscheck.sh
 * compares the LKMM column with herd7's); a fence() slot is left empty.
 * A file that does not parse or cannot be modelled gets its error on
 * stderr and the exit code 2; the other files are still judged.
 */
#include <stdio.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "litmus/ast.h"
#include "litmus/model.h"

int mb_model_main(const struct mb_options *o)
{
	static struct lt_test t;
	int rc = MB_EXIT_OK;

	for (int i = 0; i < o->model_files.n; i++) {
		const char *path = o->model_files.v[i];
		struct lt_model_verdict v;
		char err[512];

		if (lt_parse_file(path, &t, err, sizeof(err))) {
			fprintf(stderr, "membench: %s\n", err);
			rc = MB_EXIT_USAGE;
			continue;
		}
		lt_model_judge(&t, MB_ID_NONE, &v);
		if (v.obs[MB_LKMM] == LT_OBS_UNKNOWN) {
			fprintf(stderr, "membench: %s: not modelled: %s\n", path, v.why);
			rc = MB_EXIT_USAGE;
		}
		printf("%s", t.name);
		for (int m = 0; m < MB_NMODELS; m++)
			printf(" %s=%s", mb_model_names[m], lt_obs_names[v.obs[m]]);
		printf("%s\n", v.data_race ? " data-race" : "");
		lt_free(&t);
	}
	return rc;
}
