/* SPDX-License-Identifier: MIT */
/*
 * src/commands/list.c - `membench list`: for the arch it runs on, every kind x type
 * with the instruction it emits (as written in arch/<arch>.h and as
 * disassembled from the build), Linux's mapping when it differs, support,
 * and the counter with its unit and frequency.
 */
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "commands/list.h"

int mb_list_print(FILE *out)
{
	const struct mb_counter_info *ci = mb_counter();

	fprintf(out, "arch %s (memory model %s)\n\n", MB_ARCH_NAME, MB_ARCH_MODEL);
	fprintf(out, "%-20s %-34s %-30s %s\n", "barrier", "emitted (disassembled)", "kernel flavour", "orders / note");
	for (size_t i = 0; i < mb_nbarriers; i++) {
		const struct mb_barrier *b = &mb_barriers[i];
		const char *reason = NULL;
		char name[48], kern[64];
		const char *dis = mb_barrier_disasm(i, MB_EMITTED);

		mb_barrier_name(i, MB_EMITTED, name, sizeof(name));
		if (!mb_barrier_supported(i, &reason)) {
			fprintf(out, "%-20s unsupported: %s\n", name, reason);
			continue;
		}
		if (mb_barrier_has_kernel_variant(i))
			snprintf(kern, sizeof(kern), "%s", mb_barrier_disasm(i, MB_KERNEL)[0] ?
				 mb_barrier_disasm(i, MB_KERNEL) : "(compiler barrier only)");
		else
			snprintf(kern, sizeof(kern), "same");
		/* process is a syscall, shown by name; nothing emitted: say what it is. */
		if (!strcmp(b->kind, "process") || !dis[0])
			dis = mb_barrier_insn(i, MB_EMITTED);
		fprintf(out, "%-20s %-34s %-30s %s%s%s%s%s\n", name, dis, kern,
			mb_barrier_orders(i), b->note[0] ? "; " : "", b->note,
			!strcmp(b->kind, "c11") ? "; " : "", !strcmp(b->kind, "c11") ? b->insn : "");
	}
	fprintf(out, "\ncounter %s: unit %s, %.0f Hz (%s)%s%s\n", ci->name, ci->unit, ci->hz,
		ci->hz_source ? ci->hz_source : "?", ci->fallback ? "; fallback: " : "",
		ci->fallback ? ci->fallback : "");
	return 0;
}
