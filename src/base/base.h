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
	MB_EXIT_INTERRUPTED = 130,/* stopped by SIGINT/SIGTERM: main() exits 128 + the signal */
};

/* One-line error "membench: ..." on stderr, returns code. */
int mb_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * An untrusted string (a path, a name read from a file) made safe for a
 * message: control bytes, DEL, backslash and non-ASCII as \xNN, cut at 400
 * bytes.  The text lives in one of a few rotating per-thread buffers, so
 * up to four may appear in one call.
 */
const char *mb_esc(const char *s);

char *mb_strdup(const char *s);			/* NULL stays NULL; aborts on OOM */
char *mb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *mb_xcalloc(size_t n, size_t size);
void *mb_xrealloc(void *p, size_t size);

#endif /* MB_BASE_H */
