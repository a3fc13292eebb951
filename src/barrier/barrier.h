/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/barrier.h - the barrier registry: one const record per kind x type of
 * arch/arch.h's MB_ALL_BARRIERS, in that order, for the arch being built.
 *
 * A barrier is named "kind.type" (emitted instruction) or
 * "kind.type:kernel" (Linux's mapping on this arch).  Engines keep their own
 * inlined instantiation per row, indexed like mb_barriers[].
 */
#ifndef MB_BARRIER_H
#define MB_BARRIER_H

#include <stdbool.h>
#include <stddef.h>

enum mb_flavor {
	MB_EMITTED = 0,	/* the instruction in the table, always emitted */
	MB_KERNEL = 1,	/* what Linux emits for this barrier on this arch */
};

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

/* "kind.type[:kernel]" -> index and flavor; -1 when unknown. */
int mb_barrier_lookup(const char *name, enum mb_flavor *flavor);
/* kind and type strings -> index; -1 when this arch has no such row. */
int mb_barrier_find(const char *kind, const char *type);

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

extern const char *const mb_kinds[];	/* NULL-terminated, display order */
extern const char *const mb_types[];

#endif /* MB_BARRIER_H */
