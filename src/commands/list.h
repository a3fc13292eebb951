/* SPDX-License-Identifier: MIT */
/* src/commands/list.h - `membench list`: the barrier table and counter of this arch. */
#ifndef MB_LIST_H
#define MB_LIST_H

#include <stdio.h>

int mb_list_print(FILE *out);

#endif
