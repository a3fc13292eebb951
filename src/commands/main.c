/* SPDX-License-Identifier: MIT */
/*
 * src/commands/main.c - membench: parse -> plan -> run -> record -> report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands/cli.h"
#include "commands/engines.h"
#include "commands/list.h"
#include "plan/plan.h"
#include "platform/host.h"
#include "platform/stop.h"
#include "platform/topo.h"
#include "result/result.h"

static char *iso_now(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return mb_strdup(buf);
}

/* Whatever went to stdout must have got there: a full disk is an error (exit 4). */
static int stdout_ok(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		return mb_fail(MB_EXIT_ENV, "cannot write standard output: %s",
			       errno ? strerror(errno) : "write error");
	return MB_EXIT_OK;
}

static int run(struct mb_options *o)
{
	struct mb_plan plan;
	struct mb_result r;
	char err[512];
	int rc, rc2;

	if (!strcmp(o->format, "markdown"))
		return mb_fail(MB_EXIT_USAGE, "--format markdown is for compare; a run prints text, "
			       "json or gbench");
	if (!strcmp(o->format, "dot") || !strcmp(o->format, "svg") || !strcmp(o->format, "png"))
		return mb_fail(MB_EXIT_USAGE, "--format %s is for explain; a run prints text, "
			       "json or gbench", o->format);
	rc = mb_plan_make(o, &plan);
	if (rc)
		return rc;
	mb_stop_install();	/* from here a signal stops the run; a compiler it runs too */
	/* Everything the run needs is checked before anything is measured. */
	if (o->cpus && mb_topo_check_cpus(o->cpus, err, sizeof(err)))
		rc = mb_fail(MB_EXIT_USAGE, "%s", err);
	if (!rc && o->json_path)	/* the result must be writable, not after a long run */
		rc = mb_json_check_writable(o->json_path);
	if (!rc && plan.run_litmus)	/* tests resolved, user tests built, placeable */
		rc = mb_litmus_prepare(o, &plan);
	if (rc) {
		mb_plan_free(&plan);
		return rc;
	}
	mb_result_init(&r);
	mb_host_fill(&r.host);
	r.created = iso_now();
	r.command = mb_strdup(o->cmdline);

	if (plan.run_cost)
		rc = mb_cost_run(o, &plan, &r);
	if (!rc && plan.run_litmus)
		rc = mb_litmus_run(o, &plan, &r);
	mb_litmus_release(&plan);
	if (mb_stop_requested()) {
		/* Stopped by a signal: report what finished, and keep it, marked. */
		r.interrupted = true;
		fprintf(stderr, "membench: interrupted by %s: reporting the %zu cost and %zu litmus "
			"entries that finished\n", strsignal(mb_stop_requested()), r.ncost, r.nlitmus);
		rc = MB_EXIT_INTERRUPTED;
	}

	/* Report what was measured even when a later stage failed. */
	if (!strcmp(o->format, "json") || (o->json_path && !strcmp(o->json_path, "-")))
		rc2 = mb_json_write(&r, "-");
	else if (!strcmp(o->format, "gbench") || !strcmp(o->format, "github-benchmark"))
		rc2 = mb_report_gbench(&r, stdout);
	else {
		mb_report_text(&r, stdout);
		rc2 = stdout_ok();
	}
	if (!rc)
		rc = rc2;
	/* A failed run never replaces a result file; an interrupted one is kept, marked. */
	if (o->json_path && strcmp(o->json_path, "-")) {
		if (rc && rc != MB_EXIT_INTERRUPTED)
			fprintf(stderr, "membench: %s not written: the run failed\n",
				mb_esc(o->json_path));
		else if ((rc2 = mb_json_write(&r, o->json_path)) && !rc)
			rc = rc2;
	}
	if (!rc && o->check)
		rc = mb_check_result(&r, stderr);
	mb_result_free(&r);
	mb_plan_free(&plan);
	return rc;
}

int main(int argc, char **argv)
{
	struct mb_options o;
	int rc = mb_cli_parse(argc, argv, &o);

	if (rc < 0) {
		mb_cli_free(&o);
		return stdout_ok();	/* --help, --version */
	}
	if (rc) {
		mb_cli_free(&o);
		return rc;
	}
	switch (o.cmd) {
	case MB_CMD_LIST:
		if (o.all_arches || !strcmp(o.format, "markdown"))
			rc = mb_list_print_table(stdout, o.all_arches, !strcmp(o.format, "markdown"));
		else
			rc = mb_list_print(stdout);
		break;
	case MB_CMD_COMPARE:
		rc = mb_compare_main(&o);
		break;
	case MB_CMD_CHECK:
		rc = mb_check_main(&o);
		break;
	case MB_CMD_ADVISE:
		rc = mb_advise_main(&o);
		break;
	case MB_CMD_MERGE:
		rc = mb_merge_main(&o);
		break;
	case MB_CMD_MODEL:
		rc = mb_model_main(&o);
		break;
	case MB_CMD_EXPLAIN:
		rc = mb_explain_main(&o);
		break;
	case MB_CMD_RUN:
	default:
		rc = run(&o);
		break;
	}
	/* A verdict or a table that did not reach stdout is a failure of its own (exit 4). */
	if (o.cmd != MB_CMD_RUN && rc != MB_EXIT_USAGE && stdout_ok())
		rc = MB_EXIT_ENV;
	mb_cli_free(&o);
	if (rc == MB_EXIT_INTERRUPTED)
		rc = 128 + mb_stop_requested();
	return rc;
}
