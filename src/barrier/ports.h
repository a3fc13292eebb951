/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/ports.h - every port's barrier table, on any host: the rows
 * of arch/<arch>_table.h (and arch/c11_emitted.h for c11) with what each
 * instruction orders.  The registry of src/barrier/barrier.h is the host's
 * own port, with runnable code; this is the table of all of them, for the
 * expectation model (src/litmus/model.c) and `membench list --all-arches`.
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
	/* The fences Linux puts after a load-acquire / before a store-release;
	 * NULL where the access instruction orders by itself (ldar, x86). */
	const char *acquire_fence, *release_fence;
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
