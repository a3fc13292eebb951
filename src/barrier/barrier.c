/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/barrier.c - the barrier registry (see src/barrier/barrier.h), built from the
 * arch header's table so the two can never disagree.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "arch/lkmm_table.h"
#include "barrier/barrier.h"
#include "barrier/barrier_fns.h"
#include "barrier/disasm.h"
#include "barrier/ports.h"

/* Linux's name for each kind x type, where it has one (arch/lkmm_table.h). */
static const char *linux_name(const char *kind, const char *type)
{
#define LINUX_NAME_(k, t, name, meaning)	{ #k, #t, name },
	static const struct { const char *kind, *type, *name; } names[] = {
		MB_LKMM_ROWS(LINUX_NAME_)
	};
#undef LINUX_NAME_

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].kind, kind) && !strcmp(names[i].type, type))
			return names[i].name;
	return NULL;
}

/*
 * What each row is meant to order in program order, on every arch: the
 * pairs of its LKMM meaning (arch/lkmm_table.h), and what it is when its
 * type asks for less than that (C11 has no read or write fence).
 */
static char row_orders_text[MB_NROWS][96];
static pthread_once_t row_orders_once = PTHREAD_ONCE_INIT;

static void row_orders_init(void)
{
	static const struct { unsigned bit; const char *text; } pairs[] = {
		{ MB_ORD_RR, "load->load" }, { MB_ORD_RW, "load->store" },
		{ MB_ORD_WW, "store->store" }, { MB_ORD_WR, "store->load" },
	};

	for (int r = 0; r < MB_NROWS; r++) {
		const struct mb_port_row *row = &mb_port_lkmm.rows[r];
		char *out = row_orders_text[r];
		size_t len = sizeof(row_orders_text[r]), n = 0;
		unsigned o = 0;

		if (r == MB_ROW_none_general) {
			snprintf(out, len, "nothing");
			continue;
		}
		if (!strcmp(row->kind, "compiler")) {
			snprintf(out, len, "compiler reordering only");
			continue;
		}
		(void)mb_port_orders(&mb_port_lkmm, row->insn, &o);
		for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
			if (o & pairs[p].bit)
				n += (size_t)snprintf(out + n, len - n, "%s%s", n ? ", " : "", pairs[p].text);
		if ((!strcmp(row->insn, "acquire") || !strcmp(row->insn, "release")) &&
		    strcmp(row->insn, row->type))
			snprintf(out + n, len - n, " (a%s %s fence)", row->insn[0] == 'a' ? "n" : "",
				 row->insn);
	}
}

#define MB_ROW_(k, t, emit, kern, n) \
	[MB_ROW_##k##_##t] = { #k, #t, emit, kern, n, mb_fn_##k##_##t, mb_fnk_##k##_##t },
const struct mb_barrier mb_barriers[] = { MB_ALL_BARRIERS(MB_ROW_) };
#undef MB_ROW_
const size_t mb_nbarriers = sizeof(mb_barriers) / sizeof(mb_barriers[0]);
_Static_assert(sizeof(mb_barriers) / sizeof(mb_barriers[0]) == MB_NROWS,
	       "the registry has every row of src/barrier/id.h");

const char *mb_barrier_name(size_t idx, enum mb_flavor flavor, char *buf, size_t len)
{
	return mb_id_name(MB_ID((int)idx, flavor), buf, len);
}

bool mb_barrier_has_kernel_variant(size_t idx)
{
	const struct mb_barrier *b = &mb_barriers[idx];

	/* Only the arch table's rows have a kernel column of their own. */
	if (strcmp(b->kind, "mmio") && strcmp(b->kind, "smp") && strcmp(b->kind, "dma"))
		return false;
	return strcmp(b->insn, b->kernel_insn) != 0;
}

/*
 * What the barrier runs, for display: the asm template with "%%" folded
 * (static per-row buffers), the compiler's disassembled choice for c11.
 */
const char *mb_barrier_insn(size_t idx, enum mb_flavor flavor)
{
	static char shown[2][64][96];
	const struct mb_barrier *b = &mb_barriers[idx];
	const char *src = flavor == MB_KERNEL && mb_barrier_has_kernel_variant(idx) ?
		b->kernel_insn : b->insn;

	/* C11: the compiler picks the instruction; show what it picked, when the build knows. */
	if (!strcmp(b->kind, "c11")) {
		const char *d = mb_barrier_disasm(idx, MB_EMITTED);

		if (!d[0])
			return "(compiler barrier only)";
		if (strcmp(d, "(not disassembled)"))
			return d;
	}
	if (!src[0])
		return !strcmp(b->kind, "none") ? "(nothing)" : "(compiler barrier only)";
	return mb_insn_shown(src, shown[flavor][idx % 64], sizeof(shown[0][0]));
}

const char *mb_barrier_disasm(size_t idx, enum mb_flavor flavor)
{
	const struct mb_barrier *b = &mb_barriers[idx];

	return mb_disasm_lookup(b->kind, b->type, flavor == MB_KERNEL);
}

#if MB_HAVE_MEMBARRIER
/* Register once, before threads exist; remember the answer and the errno. */
static bool membarrier_ok(const char **reason)
{
	static int state;	/* 0 unknown, 1 ok, -1 refused */
	static char why[128];
	long mask;

	if (state == 0) {
		mask = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
		if (mask < 0) {
			snprintf(why, sizeof(why), "membarrier(QUERY) failed: %s", strerror(errno));
			state = -1;
		} else if (!(mask & MEMBARRIER_CMD_PRIVATE_EXPEDITED)) {
			snprintf(why, sizeof(why), "kernel lacks MEMBARRIER_CMD_PRIVATE_EXPEDITED");
			state = -1;
		} else if (syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) < 0) {
			snprintf(why, sizeof(why), "membarrier(REGISTER_PRIVATE_EXPEDITED) failed: %s",
				 strerror(errno));
			state = -1;
		} else if (syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) < 0) {
			snprintf(why, sizeof(why), "membarrier(PRIVATE_EXPEDITED) failed: %s",
				 strerror(errno));
			state = -1;
		} else {
			state = 1;
		}
	}
	if (state < 0 && reason)
		*reason = why;
	return state > 0;
}
#else
static bool membarrier_ok(const char **reason)
{
	if (reason)
		*reason = "built without a hosted Linux libc: no membarrier(2)";
	return false;
}
#endif

bool mb_barrier_supported(size_t idx, const char **reason)
{
	if (idx >= mb_nbarriers) {
		if (reason)
			*reason = "no such barrier";
		return false;
	}
	if (!strcmp(mb_barriers[idx].kind, "process"))
		return membarrier_ok(reason);
	return true;
}

const char *mb_barrier_linux_name(size_t idx)
{
	return linux_name(mb_barriers[idx].kind, mb_barriers[idx].type);
}

const char *mb_barrier_orders(size_t idx)
{
	pthread_once(&row_orders_once, row_orders_init);
	return idx < MB_NROWS ? row_orders_text[idx] : "?";
}
