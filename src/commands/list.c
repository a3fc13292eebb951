/* SPDX-License-Identifier: MIT */
/*
 * src/commands/list.c - `membench list`: for the arch it runs on, every kind x type
 * with the instruction it emits (as written in arch/<arch>.h and as
 * disassembled from the build), Linux's mapping when it differs, support,
 * and the counter with its unit and frequency.  With --all-arches: every
 * port's table side by side (src/barrier/ports.h), the README's mapping
 * table when --format markdown.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "barrier/counter.h"
#include "barrier/ports.h"
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

/* One cell: what port p runs for row i, as the README shows it. */
static void cell(const struct mb_port *p, size_t i, bool md, char *buf, size_t len)
{
	const struct mb_port_row *r = &p->rows[i];
	const char *q = md ? "`" : "";
	char e[96], k[96], lin[128] = "";

	if (!strcmp(r->kind, "process")) {
		snprintf(buf, len, "membarrier(2)");
		return;
	}
	mb_insn_shown(r->insn, e, sizeof(e));
	mb_insn_shown(r->kernel_insn, k, sizeof(k));
	if (strcmp(e, k)) {
		if (k[0])
			snprintf(lin, sizeof(lin), " (Linux: %s%s%s)", q, k, q);
		else
			snprintf(lin, sizeof(lin), " (Linux: barrier() only)");
	}
	if (e[0])
		snprintf(buf, len, "%s%s%s%s", q, e, q, lin);
	else
		snprintf(buf, len, "—%s", lin);
}

static bool same_column(const struct mb_port *a, const struct mb_port *b)
{
	char x[160], y[160];

	for (size_t i = 0; i < mb_port_nrows; i++) {
		cell(a, i, true, x, sizeof(x));
		cell(b, i, true, y, sizeof(y));
		if (strcmp(x, y))
			return false;
	}
	return true;
}

/*
 * The ports' tables side by side (every port, or the host's): the README's
 * mapping table (markdown) or aligned text.  Ports whose columns are
 * identical share one, headed "a / b".
 */
int mb_list_print_table(FILE *out, bool all_arches, bool markdown)
{
	const struct mb_port *col[16];
	char head[16][64];
	size_t ncol = 0;

	for (size_t p = 0; p < mb_nports && ncol < 16; p++) {
		if (!all_arches && strcmp(mb_ports[p].name, MB_ARCH_PORT))
			continue;
		if (ncol && same_column(col[ncol - 1], &mb_ports[p])) {
			size_t l = strlen(head[ncol - 1]);

			snprintf(head[ncol - 1] + l, sizeof(head[0]) - l, " / %s", mb_ports[p].label);
			continue;
		}
		col[ncol] = &mb_ports[p];
		snprintf(head[ncol++], sizeof(head[0]), "%s", mb_ports[p].label);
	}
	if (markdown) {
		fputs("| barrier |", out);
		for (size_t c = 0; c < ncol; c++)
			fprintf(out, " %s |", head[c]);
		fputs("\n|---|", out);
		for (size_t c = 0; c < ncol; c++)
			fputs("---|", out);
		fputc('\n', out);
	} else {
		fprintf(out, "%-18s", "barrier");
		for (size_t c = 0; c < ncol; c++)
			fprintf(out, " %-34s", head[c]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < mb_port_nrows; i++) {
		char name[48], buf[160];

		mb_barrier_name(i, MB_EMITTED, name, sizeof(name));
		if (markdown)
			fprintf(out, "| `%s` |", name);
		else
			fprintf(out, "%-18s", name);
		for (size_t c = 0; c < ncol; c++) {
			cell(col[c], i, markdown, buf, sizeof(buf));
			if (markdown)
				fprintf(out, " %s |", buf);
			else
				fprintf(out, " %-34s", buf);
		}
		fputc('\n', out);
	}
	return 0;
}
