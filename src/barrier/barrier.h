/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/barrier.h - the barrier registry: one const record per kind x type of
 * arch/arch.h's MB_ALL_BARRIERS, in that order, for the arch being built.
 *
 * mb_barriers[] is indexed by row (enum mb_row, src/barrier/id.h): a
 * barrier is a struct mb_id (row and flavour), named "kind.type" or
 * "kind.type:kernel" only at the edges.  Engines keep their own inlined
 * instantiation per row, indexed like mb_barriers[].
 */
#ifndef MB_BARRIER_H
#define MB_BARRIER_H

#include <stdbool.h>
#include <stddef.h>

#include "barrier/id.h"

struct mb_barrier {
	const char *kind;	/* mmio smp dma compiler c11 process none */
	const char *type;	/* general read write acquire release acq_rel */
	const char *insn;	/* emitted: as written in arch/<arch>.h */
	const char *kernel_insn;/* Linux's mapping ("" = compiler barrier only) */
	const char *note;	/* why / fallback, "" when nothing to say */
	void (*fn)(void);	/* out-of-line copy of the emitted barrier */
	void (*kernel_fn)(void);/* out-of-line copy of the kernel flavour */
};

extern const struct mb_barrier mb_barriers[];
extern const size_t mb_nbarriers;

/*
 * Whether the barrier can run here.  False for process.* when membarrier(2)
 * is refused (kernel, seccomp): *reason then says why, with the errno.
 * Registers PRIVATE_EXPEDITED on first call: call before starting threads.
 */
bool mb_barrier_supported(size_t idx, const char **reason);

/* Instruction text for display: "%%" folded, "" shown as the compiler barrier,
 * c11 as the build disassembled it (every report shows the same text). */
const char *mb_barrier_insn(size_t idx, enum mb_flavor flavor);
/* The disassembled instructions of the out-of-line copy, from the build. */
const char *mb_barrier_disasm(size_t idx, enum mb_flavor flavor);
/* "smp.read" or "smp.read:kernel", into buf. */
const char *mb_barrier_name(size_t idx, enum mb_flavor flavor, char *buf, size_t len);
/* Linux's name, e.g. "smp_rmb()"; NULL when Linux has no such barrier. */
const char *mb_barrier_linux_name(size_t idx);
/* What the type orders in program order, e.g. "load->load". */
const char *mb_barrier_orders(size_t idx);
/* True when the kernel flavour's code differs from the emitted one. */
bool mb_barrier_has_kernel_variant(size_t idx);

#endif /* MB_BARRIER_H */
