/* SPDX-License-Identifier: MIT */
/*
 * arch/common_table.h - the rows that are the same on every architecture
 * (compiler, c11, process, none) and what their non-instructions order.
 * Host-independent: arch/common.h emits them, src/barrier/ports.c lists
 * them for every port.
 */
#ifndef MB_ARCH_COMMON_TABLE_H
#define MB_ARCH_COMMON_TABLE_H

#include "orders.h"

/* The compiler barrier: an empty asm that clobbers memory; no instruction. */
#define MB_COMPILER_TABLE(X) \
	X(compiler, general, "", "", "") \
	X(compiler, read,    "", "", "") \
	X(compiler, write,   "", "", "") \
	X(compiler, acquire, "", "", "") \
	X(compiler, release, "", "", "")

#define MB_MEMBARRIER	"membarrier(PRIVATE_EXPEDITED)"

/*
 * Barriers that are not one asm string.  The emitted column names what runs;
 * for c11 the instruction is the compiler's choice: arch/c11_emitted.h
 * holds it per port, read back from the cross builds' disassembly.
 *
 * c11 read/write: C11 has no load-only or store-only fence.  The weakest C11
 * fence that orders load->load is acquire, and store->store is release, so
 * those rows are acquire and release fences, and the note says so.
 * c11 rows are listed in the order of arch/c11_emitted.h's.
 */
#define MB_C11_TABLE(X) \
	X(c11,     general, "atomic_thread_fence(seq_cst)", "", "") \
	X(c11,     read,    "atomic_thread_fence(acquire)", "", "C11 has no read fence: acquire is the weakest that orders load->load") \
	X(c11,     write,   "atomic_thread_fence(release)", "", "C11 has no write fence: release is the weakest that orders store->store") \
	X(c11,     acquire, "atomic_thread_fence(acquire)", "", "") \
	X(c11,     release, "atomic_thread_fence(release)", "", "") \
	X(c11,     acq_rel, "atomic_thread_fence(acq_rel)", "", "")

#define MB_TAIL_TABLE(X) \
	X(process, general, MB_MEMBARRIER, "", "") \
	X(none,    general, "", "", "baseline: no barrier")

#define MB_OTHER_TABLE(X)	MB_C11_TABLE(X) MB_TAIL_TABLE(X)

/*
 * On every port: no instruction orders nothing; membarrier(2) makes every
 * running thread of the process execute a full barrier (its pairing with a
 * compiler barrier is the model's business: src/litmus/model.c).
 */
#define MB_COMMON_INSNS(Y) \
	Y("",            0) \
	Y(MB_MEMBARRIER, MB_ORD_FULL | MB_ORD_ACUMUL)

#endif /* MB_ARCH_COMMON_TABLE_H */
