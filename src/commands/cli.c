/* SPDX-License-Identifier: MIT */
/*
 * src/commands/cli.c - argument parsing.  Every value is checked here, once, so
 * that later stages can trust struct mb_options; anything wrong is one
 * line on stderr and MB_EXIT_USAGE.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "commands/cli.h"
#include "cost/cost.h"
#include "platform/topo.h"
#include "result/result.h"
#include "version.h"

static const char usage_text[] =
"usage: membench [OPTIONS]                 measure cost and run MP, SB under every barrier\n"
"       membench list                      the barrier table of this arch, and the counter\n"
"       membench list --all-arches         every arch's table (--format markdown: README's)\n"
"       membench compare BASE.json NEW.json   performance regression gate\n"
"       membench check RESULT.json         correctness gate (a fleet: every host)\n"
"       membench advise TEST               the cheapest barriers per thread that forbid TEST's\n"
"                                          exists outcome, ranked by cost, proven here\n"
"       membench merge [NAME=]A.json B.json ... -o FLEET.json   many hosts in one file\n"
"       membench model FILE.litmus...      each model's verdict (herd7's Never/Sometimes/\n"
"                                          Always), without running the test\n"
"       membench explain TEST [-k K -t T]  why each model allows or forbids TEST's outcome,\n"
"                                          and what this machine did (--list: a course)\n"
"\n"
"Barriers:\n"
"  -k, --kind LIST       mmio,smp,dma,compiler,process,c11,none or all (default all)\n"
"  -t, --type LIST       general,read,write,acquire,release,acq_rel or all (default all)\n"
"      --flavor F        emitted (default: the instruction, always), kernel (Linux's\n"
"                        mapping on this arch, may be a compiler barrier), both\n"
"What to run:\n"
"      --cost-only       only the cost engine\n"
"      --litmus-only     only the litmus engine\n"
"Litmus:\n"
"  -T, --test NAME|FILE  test name (SB, MP, SB+fences ...) or a .litmus file; repeatable,\n"
"                        comma lists; default MP,SB\n"
"  -n, --iterations N    instances per test x barrier (default 1000000)\n"
"      --time-limit S    cap per test x barrier in seconds (default 5)\n"
"      --cpus LIST       pin litmus thread i to the i-th PU of LIST (e.g. 0,1 or 0-3);\n"
"                        cost measures on the second PU, its contended writer on the first\n"
"      --placement MODE  distinct-cores (default), same-core, same-cache, cross-package,\n"
"                        scan, random (litmus and cost alike)\n"
"      --layout L        separate-lines (default), same-line\n"
"      --sync S          timebase (default), spin\n"
"      --show-asm        print the assembly each test thread runs\n"
"      --seed N          seed for random placement and jitter\n"
"Cost:\n"
"      --context LIST    back-to-back,after-store,after-load,store-barrier-load,\n"
"                        contended,cache-miss or all (default all)\n"
"      --samples N       samples per barrier x context (default 31)\n"
"      --repetitions N   repeat the whole cost sweep N times, interleaved; all samples\n"
"                        kept (default 1)\n"
"Output:\n"
"      --json FILE       write the result as JSON (atomically); - for stdout\n"
"      --format F        text (default), json, gbench (Google Benchmark JSON);\n"
"                        explain: text, dot, svg, png (svg, png: Graphviz's dot)\n"
"  -q, --quiet           no progress lines on stderr\n"
"      --check           exit 1 if any litmus outcome violates the host's model\n"
"Compare:\n"
"      --threshold X     minimum relative change that counts (default 0.10)\n"
"      --alpha P         significance of the Mann-Whitney U test (default 0.01)\n"
"      --unit U          compare counter ticks (default) or core cycles\n"
"      --force           compare timings from different CPU models, counter rates\n"
"                        or arches anyway\n"
"Advise (-k, -t narrow the search; -n, --time-limit, --samples apply):\n"
"      --arch A          x86_64, aarch64, riscv64, ppc64le, linux (LKMM) or all\n"
"                        (default: this machine's)\n"
"      --model M         x86-TSO, Armv8, RVWMO, Power, LKMM (instead of --arch)\n"
"      --weights W0:W1   how often each thread runs: rank by weighted cost\n"
"      --costs FILE      a result JSON of that arch to rank by (default: measure here)\n"
"      --no-proof        do not run the recommended assignment on this machine\n"
"Merge:\n"
"  -o, --output FILE     the fleet file merge writes (atomically); - for stdout\n"
"Explain (-k, -t: the barrier in fence(); --arch, --model: one model; -n):\n"
"      --no-run          the models only, no run on this machine (default -n 100000)\n"
"      --list            the built-in tests in teaching order, one line each\n"
"  -h, --help            this text\n"
"  -V, --version         version\n"
"\n"
"Exit codes: 0 ok; 1 a gate failed (violation, regression); 2 bad arguments or\n"
"input; 3 unsupported barrier or test on this machine; 4 environment (pinning,\n"
"output file, too few CPUs, no C compiler).\n";

enum {
	OPT_FLAVOR = 256, OPT_COST_ONLY, OPT_LITMUS_ONLY, OPT_TIME_LIMIT, OPT_CPUS,
	OPT_PLACEMENT, OPT_LAYOUT, OPT_SYNC, OPT_SHOW_ASM, OPT_SEED, OPT_CONTEXT,
	OPT_SAMPLES, OPT_JSON, OPT_FORMAT, OPT_CHECK, OPT_THRESHOLD, OPT_ALPHA, OPT_UNIT,
	OPT_REPETITIONS, OPT_FORCE,
	OPT_ARCH, OPT_MODEL, OPT_WEIGHTS, OPT_COSTS, OPT_NO_PROOF,
	OPT_ALL_ARCHES, OPT_NO_RUN, OPT_LIST,
};

static const struct option longopts[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "type", required_argument, NULL, 't' },
	{ "flavor", required_argument, NULL, OPT_FLAVOR },
	{ "cost-only", no_argument, NULL, OPT_COST_ONLY },
	{ "litmus-only", no_argument, NULL, OPT_LITMUS_ONLY },
	{ "test", required_argument, NULL, 'T' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "time-limit", required_argument, NULL, OPT_TIME_LIMIT },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "placement", required_argument, NULL, OPT_PLACEMENT },
	{ "layout", required_argument, NULL, OPT_LAYOUT },
	{ "sync", required_argument, NULL, OPT_SYNC },
	{ "show-asm", no_argument, NULL, OPT_SHOW_ASM },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "samples", required_argument, NULL, OPT_SAMPLES },
	{ "repetitions", required_argument, NULL, OPT_REPETITIONS },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "costs", required_argument, NULL, OPT_COSTS },
	{ "no-proof", no_argument, NULL, OPT_NO_PROOF },
	{ "all-arches", no_argument, NULL, OPT_ALL_ARCHES },
	{ "output", required_argument, NULL, 'o' },
	{ "no-run", no_argument, NULL, OPT_NO_RUN },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Split "a,b,c" into list (appending); empty items are an error. */
static int split_list(struct mb_strlist *l, const char *arg, const char *what)
{
	char *copy = mb_strdup(arg), *save = NULL, *tok;

	if (!arg[0] || arg[0] == ',' || arg[strlen(arg) - 1] == ',' || strstr(arg, ",,")) {
		free(copy);
		return mb_fail(MB_EXIT_USAGE, "empty item in %s list '%s'", what, mb_esc(arg));
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		l->v = mb_xrealloc(l->v, (size_t)(l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = mb_strdup(tok);
	}
	free(copy);
	return 0;
}

static int check_words(const struct mb_strlist *l, const char *const *allowed, const char *what)
{
	for (int i = 0; i < l->n; i++) {
		int ok = !strcmp(l->v[i], "all");

		for (int k = 0; !ok && allowed[k]; k++)
			ok = !strcmp(l->v[i], allowed[k]);
		if (!ok)
			return mb_fail(MB_EXIT_USAGE, "unknown %s '%s' (try: membench --help)", what,
				       mb_esc(l->v[i]));
	}
	return 0;
}

/* A count: digits, optionally k/K (1e3), M (1e6) or G (1e9); anything that overflows is refused. */
static int parse_u64(const char *arg, const char *opt, uint64_t min, uint64_t *out)
{
	char *end;
	unsigned long long v, mul = 1;

	errno = 0;
	if (!(arg[0] >= '0' && arg[0] <= '9'))	/* strtoull would take " -5" and "+5" */
		return mb_fail(MB_EXIT_USAGE, "%s: '%s' is not a non-negative integer", opt,
			       mb_esc(arg));
	v = strtoull(arg, &end, 10);
	if (*end == 'k' || *end == 'K') { mul = 1000ull; end++; }
	else if (*end == 'M') { mul = 1000000ull; end++; }
	else if (*end == 'G') { mul = 1000000000ull; end++; }
	if (errno == ERANGE || v > UINT64_MAX / mul)
		return mb_fail(MB_EXIT_USAGE, "%s: '%s' is out of range (at most %llu)", opt,
			       mb_esc(arg), (unsigned long long)UINT64_MAX);
	v *= mul;
	if (errno || end == arg || *end || v < min)
		return mb_fail(MB_EXIT_USAGE, "%s: '%s' is not an integer >= %llu", opt, mb_esc(arg),
			       (unsigned long long)min);
	*out = v;
	return 0;
}

static int parse_double(const char *arg, const char *opt, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= min && v <= max))
		return mb_fail(MB_EXIT_USAGE, "%s: '%s' is not a number in [%g, %g]", opt, mb_esc(arg),
			       min, max);
	*out = v;
	return 0;
}

static int one_of(const char *arg, const char *opt, const char *const *words)
{
	for (int k = 0; words[k]; k++)
		if (!strcmp(arg, words[k]))
			return 0;
	return mb_fail(MB_EXIT_USAGE, "%s: unknown value '%s'", opt, mb_esc(arg));
}

static char *join_argv(int argc, char **argv)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = mb_xcalloc(1, len);
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int mb_cli_parse(int argc, char **argv, struct mb_options *o)
{
	static const char *contexts[16];	/* the cost engine's registry, src/cost/ctx.c */
	static const char *const layouts[] = { "separate-lines", "same-line", NULL };
	static const char *const syncs[] = { "timebase", "spin", NULL };
	static const char *const units[] = { "ticks", "cycles", NULL };
	static const char *const formats[] = { "text", "json", "gbench", "github-benchmark",
		"markdown", "dot", "svg", "png", NULL };
	uint64_t u;
	int c, rc;

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < mb_cost_ncontexts && i + 1 < sizeof(contexts) / sizeof(contexts[0]); i++)
		contexts[i] = mb_cost_contexts[i].name;
	o->flavors = 1;
	o->threshold = 0.10;
	o->alpha = 0.01;
	o->cmdline = join_argv(argc, argv);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "k:t:T:n:o:qhV", longopts, NULL)) != -1) {
		rc = 0;
		switch (c) {
		case 'k':
			o->kinds_explicit = true;
			rc = split_list(&o->kinds, optarg, "kind");
			if (!rc)
				rc = check_words(&o->kinds, mb_row_kinds(), "kind");
			break;
		case 't':
			o->types_explicit = true;
			rc = split_list(&o->types, optarg, "type");
			if (!rc)
				rc = check_words(&o->types, mb_row_types(), "type");
			break;
		case OPT_FLAVOR:
			if (!strcmp(optarg, "emitted"))
				o->flavors = 1;
			else if (!strcmp(optarg, "kernel"))
				o->flavors = 2;
			else if (!strcmp(optarg, "both"))
				o->flavors = 3;
			else
				rc = mb_fail(MB_EXIT_USAGE, "--flavor: unknown value '%s' (emitted, kernel, both)",
					     mb_esc(optarg));
			break;
		case OPT_COST_ONLY: o->cost_only = true; break;
		case OPT_LITMUS_ONLY: o->litmus_only = true; break;
		case 'T': rc = split_list(&o->tests, optarg, "test"); break;
		case 'n':
			rc = parse_u64(optarg, "--iterations", 1, &o->iterations);
			break;
		case OPT_TIME_LIMIT:
			rc = parse_double(optarg, "--time-limit", 0.001, 86400, &o->time_limit);
			break;
		case OPT_CPUS: free(o->cpus); o->cpus = mb_strdup(optarg); break;
		case OPT_PLACEMENT:
			rc = one_of(optarg, "--placement", mb_topo_modes);
			free(o->placement);
			o->placement = mb_strdup(optarg);
			break;
		case OPT_LAYOUT:
			rc = one_of(optarg, "--layout", layouts);
			free(o->layout);
			o->layout = mb_strdup(optarg);
			break;
		case OPT_SYNC:
			rc = one_of(optarg, "--sync", syncs);
			free(o->sync);
			o->sync = mb_strdup(optarg);
			break;
		case OPT_SHOW_ASM: o->show_asm = true; break;
		case OPT_SEED:
			rc = parse_u64(optarg, "--seed", 0, &u);
			o->seed = (unsigned long)u;
			break;
		case OPT_CONTEXT:
			rc = split_list(&o->contexts, optarg, "context");
			if (!rc)
				rc = check_words(&o->contexts, contexts, "context");
			break;
		case OPT_SAMPLES:
			rc = parse_u64(optarg, "--samples", 3, &u);
			if (!rc && u > 100000)
				rc = mb_fail(MB_EXIT_USAGE, "--samples: %llu is more than 100000",
					     (unsigned long long)u);
			o->samples = (int)u;
			break;
		case OPT_REPETITIONS:
			rc = parse_u64(optarg, "--repetitions", 1, &u);
			if (!rc && u > 1000)
				rc = mb_fail(MB_EXIT_USAGE, "--repetitions: %llu is more than 1000",
					     (unsigned long long)u);
			o->repetitions = (int)u;
			break;
		case OPT_JSON: free(o->json_path); o->json_path = mb_strdup(optarg); break;
		case OPT_FORMAT:
			rc = one_of(optarg, "--format", formats);
			free(o->format);
			o->format = mb_strdup(optarg);
			break;
		case 'q': o->quiet = true; break;
		case OPT_CHECK: o->check = true; break;
		case OPT_ALL_ARCHES: o->all_arches = true; break;
		case OPT_THRESHOLD:
			rc = parse_double(optarg, "--threshold", 0, 10, &o->threshold);
			break;
		case OPT_ALPHA:
			rc = parse_double(optarg, "--alpha", 1e-12, 0.5, &o->alpha);
			break;
		case OPT_FORCE: o->force = true; break;
		case OPT_UNIT:
			rc = one_of(optarg, "--unit", units);
			free(o->unit);
			o->unit = mb_strdup(optarg);
			break;
		/* advise's values are checked by src/commands/advise.c, which knows the models */
		case OPT_ARCH: free(o->arch); o->arch = mb_strdup(optarg); break;
		case OPT_MODEL: free(o->model); o->model = mb_strdup(optarg); break;
		case OPT_NO_RUN: o->no_run = true; break;
		case OPT_LIST: o->explain_list = true; break;
		case OPT_WEIGHTS: free(o->weights); o->weights = mb_strdup(optarg); break;
		case OPT_COSTS: free(o->costs_path); o->costs_path = mb_strdup(optarg); break;
		case OPT_NO_PROOF: o->no_proof = true; break;
		case 'o': free(o->output); o->output = mb_strdup(optarg); break;
		case 'h':
			fputs(usage_text, stdout);
			return -1;
		case 'V':
			printf("membench %s (%s, %s)\n", MB_VERSION, MB_GIT_REV, MB_ARCH_NAME);
			return -1;
		case ':':
			return mb_fail(MB_EXIT_USAGE, "option '%s' needs a value", mb_esc(argv[optind - 1]));
		default:
			if (optopt) {
				char opt[2] = { (char)optopt, 0 };

				return mb_fail(MB_EXIT_USAGE, "unknown option '-%s' (try: membench --help)",
					       mb_esc(opt));
			}
			return mb_fail(MB_EXIT_USAGE, "unknown option '%s' (try: membench --help)",
				       mb_esc(argv[optind - 1]));
		}
		if (rc)
			return rc;
	}
	if (o->cost_only && o->litmus_only)
		return mb_fail(MB_EXIT_USAGE, "--cost-only and --litmus-only exclude each other");

	/* subcommands: GNU getopt has moved the non-options to the end */
	if (optind < argc) {
		const char *cmd = argv[optind++];
		int rest = argc - optind;

		if (!strcmp(cmd, "list")) {
			o->cmd = MB_CMD_LIST;
			if (rest)
				return mb_fail(MB_EXIT_USAGE, "list: unexpected argument '%s'",
					       mb_esc(argv[optind]));
		} else if (!strcmp(cmd, "compare")) {
			o->cmd = MB_CMD_COMPARE;
			if (rest != 2)
				return mb_fail(MB_EXIT_USAGE, "compare needs two files: BASE.json NEW.json");
			o->base_path = mb_strdup(argv[optind]);
			o->new_path = mb_strdup(argv[optind + 1]);
		} else if (!strcmp(cmd, "check")) {
			o->cmd = MB_CMD_CHECK;
			if (rest != 1)
				return mb_fail(MB_EXIT_USAGE, "check needs exactly one file: RESULT.json");
			o->check_path = mb_strdup(argv[optind]);
		} else if (!strcmp(cmd, "advise")) {
			o->cmd = MB_CMD_ADVISE;
			if (rest != 1)
				return mb_fail(MB_EXIT_USAGE, "advise needs exactly one test: a name or FILE.litmus");
			o->advise_test = mb_strdup(argv[optind]);
		} else if (!strcmp(cmd, "merge")) {
			o->cmd = MB_CMD_MERGE;
			if (!rest)
				return mb_fail(MB_EXIT_USAGE, "merge needs result files: [NAME=]A.json B.json ... -o FLEET.json");
			if (!o->output)
				return mb_fail(MB_EXIT_USAGE, "merge needs -o FLEET.json (or -o - for stdout)");
			for (int i = optind; i < argc; i++) {
				o->inputs.v = mb_xrealloc(o->inputs.v, (size_t)(o->inputs.n + 1) * sizeof(char *));
				o->inputs.v[o->inputs.n++] = mb_strdup(argv[i]);
			}
		} else if (!strcmp(cmd, "model")) {
			o->cmd = MB_CMD_MODEL;
			if (!rest)
				return mb_fail(MB_EXIT_USAGE, "model needs at least one FILE.litmus");
			for (; optind < argc; optind++) {
				struct mb_strlist *l = &o->model_files;

				l->v = mb_xrealloc(l->v, (size_t)(l->n + 1) * sizeof(*l->v));
				l->v[l->n++] = mb_strdup(argv[optind]);
			}
		} else if (!strcmp(cmd, "explain")) {
			o->cmd = MB_CMD_EXPLAIN;
			if (rest > 1)
				return mb_fail(MB_EXIT_USAGE, "explain: one test at a time ('%s' is a second)",
					       argv[optind + 1]);
			if (!rest && !o->explain_list)
				return mb_fail(MB_EXIT_USAGE, "explain needs a test (or --list)");
			if (rest)
				o->explain_test = mb_strdup(argv[optind]);
		} else if (!strcmp(cmd, "run")) {
			o->cmd = MB_CMD_RUN;
			if (rest)
				return mb_fail(MB_EXIT_USAGE, "run: unexpected argument '%s'",
					       mb_esc(argv[optind]));
		} else {
			return mb_fail(MB_EXIT_USAGE, "unknown command '%s' (list, compare, check, advise, "
				       "merge, model, explain)", mb_esc(cmd));
		}
	}
	if (o->all_arches && o->cmd != MB_CMD_LIST)
		return mb_fail(MB_EXIT_USAGE, "--all-arches is for list");
	if (o->cmd == MB_CMD_LIST && o->format && strcmp(o->format, "text") &&
	    strcmp(o->format, "markdown"))
		return mb_fail(MB_EXIT_USAGE, "list: --format %s (text, markdown)", o->format);
	if (o->output && o->cmd != MB_CMD_MERGE)
		return mb_fail(MB_EXIT_USAGE, "-o is for merge (a run writes with --json FILE)");
	if (!o->format)
		o->format = mb_strdup("text");
	if (!o->unit)
		o->unit = mb_strdup("ticks");
	o->progress = !o->quiet && isatty(STDERR_FILENO);
	return 0;
}

static void strlist_free(struct mb_strlist *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void mb_cli_free(struct mb_options *o)
{
	strlist_free(&o->kinds);
	strlist_free(&o->types);
	strlist_free(&o->tests);
	strlist_free(&o->contexts);
	strlist_free(&o->inputs);
	free(o->output);
	strlist_free(&o->model_files);
	free(o->cpus); free(o->placement); free(o->layout); free(o->sync);
	free(o->json_path); free(o->format); free(o->base_path); free(o->new_path);
	free(o->check_path); free(o->cmdline); free(o->unit);
	free(o->advise_test); free(o->arch); free(o->model); free(o->weights); free(o->costs_path);
	free(o->explain_test);
	memset(o, 0, sizeof(*o));
}
