/* SPDX-License-Identifier: MIT */
/*
 * tests/ids.h - the unit tests write barriers as people name them
 * ("smp.read:kernel"); B() parses one into its id (src/barrier/id.h).  A
 * name that is no barrier stops the test run: the test itself is wrong.
 */
#ifndef MB_TESTS_IDS_H
#define MB_TESTS_IDS_H

#include <stdio.h>
#include <stdlib.h>

#include "barrier/id.h"

static inline struct mb_id B(const char *name)
{
	struct mb_id id = MB_ID_NONE;

	if (name && mb_id_parse(name, &id)) {
		fprintf(stderr, "test: '%s' is no barrier\n", name);
		exit(2);
	}
	return id;
}

#endif
