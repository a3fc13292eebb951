/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/listing.c - --show-asm: what each thread of a test really
 * runs under a barrier, from the build's disassembly table (compiled-in
 * tests) or objdump of the shared object (user tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/gen.h"
#include "litmus/litmus.h"

void mb_litmus_show_asm(const struct mb_litmus_test *lt, const struct lt_variant *v, struct mb_id slot)
{
	char name[48];

	printf("\n=== %s under %s: what each thread runs (objdump -d of the compiled loop:"
	       " the wait, then the test's accesses) ===\n",
	       lt->compiled->name, mb_id_valid(slot) ? mb_id_name(slot, name, sizeof(name)) : "(no slot)");
	for (int th = 0; th < lt->compiled->nthreads; th++) {
		char fn[128];
		const char *text = NULL;
		char *owned = NULL;

		snprintf(fn, sizeof(fn), "lt_t%d_%s", th, v->sfx);
		for (int i = 0; i < lt->nasm; i++)
			if (lt->asm_rows[i].fn && !strcmp(lt->asm_rows[i].fn, fn))
				text = lt->asm_rows[i].text;
		if (!text && lt->listing)
			text = owned = lt_asm_extract(lt->listing, fn);
		printf("--- P%d (%s) ---\n%s", th, fn,
		       text ? text : "(not disassembled: no objdump when this was built)\n");
		free(owned);
	}
}

