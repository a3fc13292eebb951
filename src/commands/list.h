/* SPDX-License-Identifier: MIT */
/* src/commands/list.h - `membench list`: the barrier table and counter of this arch,
 * or every arch's table (--all-arches). */
#ifndef MB_LIST_H
#define MB_LIST_H

#include <stdbool.h>
#include <stdio.h>

int mb_list_print(FILE *out);
/* The barrier table of every port (or this one's), as markdown (the
 * README's mapping table) or text. */
int mb_list_print_table(FILE *out, bool all_arches, bool markdown);

#endif
