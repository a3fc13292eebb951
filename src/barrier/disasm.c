/* SPDX-License-Identifier: MIT */
/* src/barrier/disasm.c - lookup in the build-generated disassembly table. */
#include <stdio.h>
#include <string.h>

#include "barrier/disasm.h"

const char *mb_disasm_lookup(const char *kind, const char *type, bool kernel)
{
	char fn[64];

	snprintf(fn, sizeof(fn), "%s_%s_%s", kernel ? "mb_fnk" : "mb_fn", kind, type);
	for (int i = 0; i < mb_disasm_nrows; i++)
		if (!strcmp(mb_disasm_rows[i].fn, fn))
			return mb_disasm_rows[i].insns;
	return "(not disassembled)";
}
