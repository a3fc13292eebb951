/* SPDX-License-Identifier: MIT */
/*
 * src/commands/cli.h - the command line into struct mb_options (src/plan/options.h).
 * Exit codes (src/base/base.h) are the same for every subcommand and
 * documented in README.md and membench --help.
 */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "base/base.h"	/* exit codes, mb_fail: the layer below */
#include "plan/options.h"

/*
 * Parse argv into *o.  On a usage error prints one line to stderr and
 * returns MB_EXIT_USAGE; on --help/--version prints and returns -1 (exit 0).
 */
int mb_cli_parse(int argc, char **argv, struct mb_options *o);
void mb_cli_free(struct mb_options *o);

#endif
