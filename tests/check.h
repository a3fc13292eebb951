/* SPDX-License-Identifier: MIT */
/*
 * tests/check.h - the assertion helpers of the C unit tests.  Each CHECK
 * prints "ok - what" or "not ok - what (file:line)"; CHECK_DONE() prints
 * the tally and returns the exit status (1 if anything failed).
 */
#ifndef MB_TESTS_CHECK_H
#define MB_TESTS_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond, ...) do { \
	if (cond) { check_passed++; printf("ok - "); } \
	else { check_failed++; printf("not ok - "); } \
	printf(__VA_ARGS__); \
	if (!(cond)) printf("  (%s:%d: %s)", __FILE__, __LINE__, #cond); \
	putchar('\n'); \
} while (0)

#define CHECK_DONE() \
	(printf("# %s: %d passed, %d failed\n", __FILE__, check_passed, check_failed), \
	 check_failed ? 1 : 0)

#endif
