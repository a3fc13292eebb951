/* SPDX-License-Identifier: MIT */
/*
 * src/base/base.h - what every layer of membench may use and nothing
 * below it: the exit codes, the one-line error printer, and allocation
 * that aborts on out-of-memory.  No hwloc, no jansson.
 * Exit codes are the same for every subcommand and documented in
 * README.md and membench --help.
 */
#ifndef MB_BASE_H
#define MB_BASE_H

#include <stddef.h>

enum mb_exit {
	MB_EXIT_OK = 0,		/* ran; nothing failed */
	MB_EXIT_FAIL = 1,	/* a gate failed: violation (check) or regression (compare) */
	MB_EXIT_USAGE = 2,	/* bad arguments or bad input (file, litmus source, JSON) */
	MB_EXIT_UNSUPPORTED = 3,/* a requested barrier/test cannot run on this machine */
	MB_EXIT_ENV = 4,	/* environment: cannot pin, write output, too few CPUs, no compiler */
};

/* One-line error "membench: ..." on stderr, returns code. */
int mb_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

char *mb_strdup(const char *s);			/* NULL stays NULL; aborts on OOM */
char *mb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *mb_xcalloc(size_t n, size_t size);
void *mb_xrealloc(void *p, size_t size);

#endif /* MB_BASE_H */
