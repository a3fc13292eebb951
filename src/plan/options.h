/* SPDX-License-Identifier: MIT */
/*
 * src/plan/options.h - what the user asked for: the command and its
 * options, as the command line (src/commands/cli.c) fills them and every
 * stage after it reads them.  Data only; the layer below everything but
 * src/base.
 */
#ifndef MB_PLAN_OPTIONS_H
#define MB_PLAN_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

enum mb_cmd { MB_CMD_RUN, MB_CMD_LIST, MB_CMD_COMPARE, MB_CMD_CHECK, MB_CMD_ADVISE, MB_CMD_MERGE,
	     MB_CMD_MODEL, MB_CMD_EXPLAIN };

struct mb_strlist {
	char **v;
	int n;
};

struct mb_options {
	enum mb_cmd cmd;
	/* barriers */
	struct mb_strlist kinds;	/* empty = default (all) */
	struct mb_strlist types;
	bool kinds_explicit, types_explicit;
	int flavors;			/* bit 0: emitted, bit 1: kernel (default emitted) */
	/* what to run */
	bool cost_only, litmus_only;
	/* litmus */
	struct mb_strlist tests;	/* names or FILE.litmus; empty = MP, SB */
	uint64_t iterations;		/* 0 = default */
	double time_limit;		/* seconds per test x barrier; 0 = default */
	char *cpus;			/* --cpus LIST */
	char *placement;		/* --placement MODE */
	char *layout;			/* --layout separate|same-line */
	char *sync;			/* --sync timebase|spin */
	bool show_asm;			/* --show-asm: print the compiled test's assembly */
	unsigned long seed;
	/* cost */
	struct mb_strlist contexts;	/* empty = all */
	int samples;			/* 0 = default */
	int repetitions;		/* whole sweeps; 0 = default (1) */
	/* output */
	char *json_path;		/* --json FILE ("-" = stdout) */
	char *format;			/* text (default), json, gbench; list: text, markdown */
	bool all_arches;		/* list --all-arches */
	bool quiet;
	bool progress;			/* progress lines on stderr (tty and not quiet) */
	bool check;			/* --check: exit 1 on any violation */
	/* compare / check */
	char *base_path, *new_path;	/* compare BASE NEW */
	char *check_path;		/* check RESULT */
	struct mb_strlist inputs;	/* merge [NAME=]FILE... */
	char *output;			/* merge -o FILE ("-" = stdout) */
	struct mb_strlist model_files;	/* model FILE.litmus... */
	double threshold;		/* compare: minimum effect (default 0.10) */
	double alpha;			/* compare: significance (default 0.01) */
	char *unit;			/* compare: ticks (default) or cycles */
	bool force;			/* compare: judge across CPU models, counter rates, arches */
	/* advise (src/commands/advise.c) */
	char *advise_test;		/* advise TEST */
	char *arch;			/* --arch A|all (default: this machine's) */
	char *model;			/* --model M */
	char *weights;			/* --weights W0:W1:... */
	char *costs_path;		/* --costs FILE.json */
	bool no_proof;			/* --no-proof */
	/* explain (src/commands/explain.c); --arch, --model as advise's */
	char *explain_test;		/* explain TEST */
	bool no_run;			/* --no-run */
	bool explain_list;		/* --list */
	char *cmdline;			/* the whole command line, for the record */
};

#endif /* MB_PLAN_OPTIONS_H */
