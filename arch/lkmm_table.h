/* SPDX-License-Identifier: MIT */
/*
 * arch/lkmm_table.h - what each kind x type means in Linux: its name there
 * and its meaning in the Linux-kernel memory model (LKMM).  Host-independent.
 *
 * The LKMM's fences (linux-kernel.cat) as MB_ORD_* facts: mb is a strong,
 * A-cumulative fence; rmb orders load->load; wmb store->store and is in
 * cumul-fence; an acquire fence orders a load before everything later (not
 * cumulative), a release fence everything earlier before a store
 * (A-cumulative, like po-rel); acq_rel is both.
 */
#ifndef MB_ARCH_LKMM_TABLE_H
#define MB_ARCH_LKMM_TABLE_H

#include "orders.h"

#define MB_LKMM_INSNS(Y) \
	Y("mb",      MB_ORD_FULL | MB_ORD_ACUMUL) \
	Y("rmb",     MB_ORD_RR) \
	Y("wmb",     MB_ORD_WW | MB_ORD_CUMUL) \
	Y("acquire", MB_ORD_RR | MB_ORD_RW) \
	Y("release", MB_ORD_RW | MB_ORD_WW | MB_ORD_ACUMUL) \
	Y("acq_rel", MB_ORD_RR | MB_ORD_RW | MB_ORD_WW | MB_ORD_ACUMUL) \
	Y("",        0)

/*
 * kind x type -> Linux's name (NULL: Linux has none), LKMM meaning, in the
 * order of arch/common.h's MB_ALL_BARRIERS.  Both flavours mean the same.
 */
#define MB_LKMM_ROWS(X) \
	X(mmio,     general, "mb()",       "mb") \
	X(mmio,     read,    "rmb()",      "rmb") \
	X(mmio,     write,   "wmb()",      "wmb") \
	X(mmio,     acquire, NULL,         "acquire") \
	X(mmio,     release, NULL,         "release") \
	X(smp,      general, "smp_mb()",   "mb") \
	X(smp,      read,    "smp_rmb()",  "rmb") \
	X(smp,      write,   "smp_wmb()",  "wmb") \
	X(smp,      acquire, "smp_load_acquire() ordering",  "acquire") \
	X(smp,      release, "smp_store_release() ordering", "release") \
	X(dma,      general, "dma_mb()",   "mb") \
	X(dma,      read,    "dma_rmb()",  "rmb") \
	X(dma,      write,   "dma_wmb()",  "wmb") \
	X(dma,      acquire, NULL,         "acquire") \
	X(dma,      release, NULL,         "release") \
	X(compiler, general, "barrier()",  "") \
	X(compiler, read,    NULL,         "") \
	X(compiler, write,   NULL,         "") \
	X(compiler, acquire, NULL,         "") \
	X(compiler, release, NULL,         "") \
	X(c11,      general, NULL,         "mb") \
	X(c11,      read,    NULL,         "acquire") \
	X(c11,      write,   NULL,         "release") \
	X(c11,      acquire, NULL,         "acquire") \
	X(c11,      release, NULL,         "release") \
	X(c11,      acq_rel, NULL,         "acq_rel") \
	X(process,  general, "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)", "mb") \
	X(none,     general, NULL,         "")

#endif /* MB_ARCH_LKMM_TABLE_H */
