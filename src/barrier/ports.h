/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/ports.h - every port's barrier table, on any host: the rows
 * of arch/<arch>_table.h (and arch/c11_emitted.h for c11) with what each
 * instruction orders, and how the port runs the kernel's accesses that
 * order by themselves (load-acquire, store-release, RMWs, the ordering
 * macros with no row).  The registry of src/barrier/barrier.h is the
 * host's own port, with runnable code; this is the table of all of them,
 * for the expectation model (src/litmus/model.c, src/litmus/march_lower.c)
 * and `membench list --all-arches`.
 *
 * Every port's rows are in the order of mb_barriers[] (kind x type of
 * arch/common.h's MB_ALL_BARRIERS), so a row index names the same barrier
 * on every port.
 */
#ifndef MB_BARRIER_PORTS_H
#define MB_BARRIER_PORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arch/orders.h"
#include "barrier/barrier.h"

struct mb_port_row {
	const char *kind, *type;
	const char *insn;	/* emitted, as the arch table writes it ("" none) */
	const char *kernel_insn;/* Linux's mapping (the same where Linux has none) */
	const char *note;
};

struct mb_port {
	const char *name;	/* "x86_64", "armv7" ... */
	const char *label;	/* a column heading: "arm v8 (AArch32)" */
	const char *model;	/* memory model, as mb_model_names spells it */
	const struct mb_port_row *rows;		/* mb_port_nrows of them */
	const struct mb_insn_fact *insns;	/* what each instruction orders */
	size_t ninsns;
	/*
	 * smp_load_acquire() / smp_store_release(): the access instruction
	 * where it orders by itself (ldar: MB_ORD_ACQ among insns; NULL: a
	 * plain load / store), and the fence Linux puts after the load /
	 * before the store (NULL: none).
	 */
	const char *acquire_insn, *release_insn;
	const char *acquire_fence, *release_fence;
	/* Kernel RMWs per ordering (arch/<arch>_table.h's MB_*_ORDERS): xchg
	 * and the fetch ops, and cmpxchg (RISC-V's LR/SC differs). */
	struct mb_rmw_fact rmw[MB_NRMW_ORDERS], cas[MB_NRMW_ORDERS];
	bool rmw_locked;	/* x86: every RMW a locked instruction */
	bool cas_fail_after;	/* a failed cmpxchg still runs cas[].after */
	/* The kernel's ordering macros with no row of their own ("" none). */
	const char *kfence[MB_NKFENCES];
};

extern const struct mb_port mb_ports[];		/* the architectures, README order */
extern const size_t mb_nports;
extern const size_t mb_port_nrows;
extern const struct mb_port mb_port_lkmm;	/* Linux's meaning of each row */

/* The port named name ("lkmm" too), NULL when none. */
const struct mb_port *mb_port_find(const char *name);
/* The instruction of row `row` in flavour f on p, as the table writes it
 * (an asm template: "%%" for "%"), and as people read it. */
const char *mb_port_insn(const struct mb_port *p, size_t row, enum mb_flavor f);
const char *mb_port_insn_shown(const struct mb_port *p, size_t row, enum mb_flavor f);
/* What insn orders on p, as MB_ORD_* bits; false when p's table lacks it. */
bool mb_port_orders(const struct mb_port *p, const char *insn, unsigned *orders);

/* An asm template as people read it ("%%" folded), into buf; returns buf. */
const char *mb_insn_shown(const char *insn, char *buf, size_t len);

#endif /* MB_BARRIER_PORTS_H */
