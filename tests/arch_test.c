/* SPDX-License-Identifier: MIT */
/*
 * tests/arch_test.c - the barrier layer's own test, built natively and for
 * every cross target (tests/cross.sh runs it under qemu-user).  Needs only
 * libc: no hwloc, no jansson.
 *
 * It asserts, for the arch it was built for:
 *  - every kind x type row emits exactly the instruction its arch header
 *    names (the build disassembled src/barrier/barrier_fns.c: src/barrier/disasm.h), in
 *    both flavours; compiler barriers emit nothing; C11 seq_cst emits a
 *    fence; the registry's lookup and naming round-trip;
 *  - the port table the model reads for this arch (MB_ARCH_PORT) has the
 *    same rows, model and ordering macros as the code built here;
 *  - every supported barrier executes (no SIGILL), membarrier is either
 *    supported or refused with a reason;
 *  - the counter advances monotonically and its frequency is sane.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "barrier/barrier.h"
#include "check.h"
#include "barrier/counter.h"
#include "barrier/disasm.h"
#include "barrier/ports.h"

/*
 * Canonical form of an instruction sequence, so the asm template of the
 * arch header and objdump's spelling compare equal: lower case, ';' and
 * tabs as spaces, no space after commas, hex immediates in decimal, and
 * the aliases objdump prefers.
 */
static void canon(const char *in, char *out, size_t len)
{
	static const struct { const char *from, *to; } alias[] = {
		{ "hwsync", "sync" },			/* ppc: sync == hwsync */
		{ "fence iorw,iorw", "fence" },		/* riscv: the default fence */
		{ "lock; ", "lock " },
	};
	char tmp[256];
	size_t j = 0;

	for (size_t i = 0; in[i] && j + 1 < sizeof(tmp); i++) {
		char c = (char)tolower((unsigned char)in[i]);

		if (c == '%' && in[i + 1] == '%')
			continue;			/* asm template escaping */
		if (c == '\t')
			c = ' ';
		if (c == ' ' && (j == 0 || tmp[j - 1] == ' ' || tmp[j - 1] == ','))
			continue;
		if (c == '0' && in[i + 1] == 'x') {	/* 0x1f -> 31 */
			char *end;
			unsigned long v = strtoul(in + i, &end, 16);

			j += (size_t)snprintf(tmp + j, sizeof(tmp) - j, "%lu", v);
			i = (size_t)(end - in) - 1;
			continue;
		}
		tmp[j++] = c;
	}
	while (j && tmp[j - 1] == ' ')
		j--;
	tmp[j] = 0;
	for (size_t a = 0; a < sizeof(alias) / sizeof(alias[0]); a++) {
		char *p = strstr(tmp, alias[a].from);

		if (p && (a == 2 || strlen(p) == strlen(alias[a].from))) {
			char rest[256];

			snprintf(rest, sizeof(rest), "%s", p + strlen(alias[a].from));
			snprintf(p, sizeof(tmp) - (size_t)(p - tmp), "%s%s", alias[a].to, rest);
		}
	}
	snprintf(out, len, "%s", tmp);
}

static void check_emitted(void)
{
	char want[256], got[256], name[48];

	CHECK(mb_disasm_nrows > 0, "%s: the build disassembled %d barrier copies", MB_ARCH_NAME,
	      mb_disasm_nrows);
	for (size_t i = 0; i < mb_nbarriers; i++) {
		const struct mb_barrier *b = &mb_barriers[i];
		int asm_row = !strcmp(b->kind, "mmio") || !strcmp(b->kind, "smp") ||
			!strcmp(b->kind, "dma") || !strcmp(b->kind, "compiler");

		mb_barrier_name(i, MB_EMITTED, name, sizeof(name));
		if (asm_row) {
			canon(b->insn, want, sizeof(want));
			canon(mb_disasm_lookup(b->kind, b->type, false), got, sizeof(got));
			CHECK(!strcmp(want, got), "%s emits '%s' (disassembled: '%s')", name, want, got);
			canon(b->kernel_insn, want, sizeof(want));
			canon(mb_disasm_lookup(b->kind, b->type, true), got, sizeof(got));
			CHECK(!strcmp(want, got), "%s:kernel emits '%s' (disassembled: '%s')", name, want, got);
			if (strcmp(b->kind, "compiler"))
				CHECK(b->insn[0] != 0, "%s names a real instruction", name);
		}
	}
	/* The compiler's own choice for C11 fences: seq_cst must be a real fence. */
	canon(mb_disasm_lookup("c11", "general", false), got, sizeof(got));
	CHECK(got[0] != 0, "c11.general (seq_cst) emits an instruction: '%s'", got);
#if defined(__x86_64__) || defined(__i386__)
	canon(mb_disasm_lookup("c11", "acquire", false), got, sizeof(got));
	CHECK(got[0] == 0, "c11.acquire emits nothing on x86-TSO: '%s'", got);
	canon(mb_disasm_lookup("smp", "read", true), got, sizeof(got));
	CHECK(got[0] == 0, "smp.read:kernel is a compiler barrier on x86 (Linux smp_rmb)");
#else
	canon(mb_disasm_lookup("c11", "acquire", false), got, sizeof(got));
	CHECK(got[0] != 0, "c11.acquire emits a fence on a weak arch: '%s'", got);
#endif
}

static void check_registry(void)
{
	struct mb_id id;
	char name[48];
	int n_kinds_seen = 0;

	for (const char *const *k = mb_row_kinds(); *k; k++) {
		int seen = 0;

		for (size_t i = 0; i < mb_nbarriers; i++)
			seen |= !strcmp(mb_barriers[i].kind, *k);
		n_kinds_seen += seen;
	}
	CHECK(n_kinds_seen == 7, "all 7 kinds present (%d)", n_kinds_seen);
	CHECK(mb_nbarriers == 28, "28 kind x type rows (%zu)", mb_nbarriers);
	for (size_t i = 0; i < mb_nbarriers; i++) {
		mb_barrier_name(i, MB_KERNEL, name, sizeof(name));
		if (mb_id_parse(name, &id) || !mb_id_eq(id, MB_ID((int)i, MB_KERNEL)) ||
		    strcmp(mb_barriers[i].kind, mb_row_kind((enum mb_row)i)) ||
		    strcmp(mb_barriers[i].type, mb_row_type((enum mb_row)i)))
			CHECK(0, "row %zu: %s parses back to it", i, name);
	}
	CHECK(!mb_id_parse("smp.general", &id) && mb_id_eq(id, MB_ID(MB_ROW_smp_general, MB_EMITTED)) &&
	      mb_row_find("smp", "general") == MB_ROW_smp_general, "parse smp.general");
	CHECK(mb_id_parse("smp.bogus", &id) < 0 && !mb_id_valid(id), "unknown type rejected");
	CHECK(mb_id_parse("smp.general:kern", &id) < 0, "unknown flavour rejected");
	CHECK(mb_id_parse("smpgeneral", &id) < 0, "missing dot rejected");
}

static void check_execute(void)
{
	size_t ran = 0;

	for (size_t i = 0; i < mb_nbarriers; i++) {
		const char *reason = NULL;

		if (!mb_barrier_supported(i, &reason)) {
			char name[48];

			mb_barrier_name(i, MB_EMITTED, name, sizeof(name));
			CHECK(!strcmp(mb_barriers[i].kind, "process") && reason && reason[0],
			      "%s unsupported only with a reason: %s", name, reason ? reason : "(none)");
			continue;
		}
		mb_barriers[i].fn();
		mb_barriers[i].kernel_fn();
		ran++;
	}
	CHECK(ran + 1 >= mb_nbarriers, "every supported barrier executed (%zu of %zu)", ran, mb_nbarriers);
}

static void check_counter(void)
{
	struct mb_counter_info ci;
	uint64_t prev, now;
	int backwards = 0;

	CHECK(mb_counter_init(&ci) == 0, "counter %s advances", MB_COUNTER_NAME);
	prev = mb_counter_read();
	for (int i = 0; i < 100000; i++) {
		now = mb_counter_read();
		backwards += now < prev;
		prev = now;
	}
	CHECK(backwards == 0, "counter monotonic over 100000 reads (%d went back)", backwards);
	CHECK(ci.hz >= 1e6 && ci.hz <= 2e10, "counter frequency %.0f Hz is sane (%s)", ci.hz,
	      ci.hz_source);
	CHECK(!strcmp(ci.unit, "ticks") || !strcmp(ci.unit, "ns"), "counter unit named: %s", ci.unit);
	/* Frequency agrees with the wall clock within 10% over 50 ms. */
	{
		double t0 = mb_monotonic_s(), t1;
		uint64_t c0 = mb_counter_read(), c1;

		do
			t1 = mb_monotonic_s();
		while (t1 - t0 < 0.05);
		c1 = mb_counter_read();
		double hz = (double)(c1 - c0) / (t1 - t0);
		CHECK(hz > ci.hz * 0.9 && hz < ci.hz * 1.1, "counter rate %.0f Hz within 10%% of %.0f Hz",
		      hz, ci.hz);
	}
}

/*
 * The port table the model judges this arch by (src/barrier/ports.h) is
 * the code this build runs: its rows, its model, and the ordering macros
 * with no row of their own (the model reads the port, the harness
 * MB_KFENCE_TABLE: both from arch/<arch>_table.h).
 */
static void check_port(void)
{
	const struct mb_port *p = mb_port_find(MB_ARCH_PORT);
	int rows = 0;

	CHECK(p != NULL, "%s is a port", MB_ARCH_PORT);
	if (!p)
		return;
	CHECK(!strcmp(p->model, MB_ARCH_MODEL), "%s's port is judged by %s", MB_ARCH_PORT, MB_ARCH_MODEL);
	for (size_t i = 0; i < mb_nbarriers; i++)
		rows += strcmp(mb_barriers[i].kind, "c11") && strcmp(p->rows[i].insn, mb_barriers[i].insn);
	CHECK(rows == 0, "the port's rows are the registry's (%d differ)", rows);
#if MB_HAVE_KERNEL_RMW
	{
#define KF_(name, insn)	insn,
		static const char *const kf[] = { MB_KFENCE_TABLE(KF_) };
#undef KF_
		for (int k = 0; k < MB_NKFENCES; k++)
			CHECK(!strcmp(p->kfence[k], kf[k]), "port smp_mb__* %d: '%s' = the asm's '%s'", k,
			      p->kfence[k], kf[k]);
	}
#endif
}

int main(void)
{
	printf("# arch %s, model %s\n", MB_ARCH_NAME, MB_ARCH_MODEL);
	check_registry();
	check_port();
	check_emitted();
	check_execute();
	check_counter();
	return CHECK_DONE();
}
