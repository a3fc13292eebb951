/* SPDX-License-Identifier: MIT */
/*
 * arch/arm_table.h - 32-bit Arm's table of kind x type -> instruction, for
 * Armv7-A and Armv8-A AArch32.  Host-independent: arch/arm.h emits the
 * rows of the arch it is built for; src/barrier/ports.c lists both.  The
 * instructions and what they order: arch/aarch64_table.h (MB_ARM_INSNS),
 * and so are the kernel's ordering macros (MB_ARM_KFENCES).
 *
 * Armv7 has only the full DMB/DSB options (SY, ISH, OSH, ST forms); the
 * load-only forms (ISHLD, OSHLD, DSB LD) arrived with Armv8.  On Armv7 the
 * read/acquire rows fall back to the full barrier, and the note column says
 * so (it is recorded with every result).  Linux itself makes smp_rmb() a
 * full dmb ish on arm, and rmb() a dsb.
 */
#ifndef MB_ARCH_ARM_TABLE_H
#define MB_ARCH_ARM_TABLE_H

#include "aarch64_table.h"

/* Armv7 is not multi-copy atomic: judge it with the Power-like model. */
#define MB_ARMV7_MODEL	"Power"

#define MB_ARM_ROWS(X, ISHLD, OSHLD, DSBLD, LDNOTE) \
	X(mmio, general, "dsb sy",     "dsb sy",    "") \
	X(mmio, read,    DSBLD,        "dsb sy",    LDNOTE) \
	X(mmio, write,   "dsb st",     "dsb st",    "") \
	X(mmio, acquire, DSBLD,        DSBLD,       LDNOTE) \
	X(mmio, release, "dsb sy",     "dsb sy",    "Linux has no mmio release fence") \
	X(smp,  general, "dmb ish",    "dmb ish",   "") \
	X(smp,  read,    ISHLD,        "dmb ish",   LDNOTE) \
	X(smp,  write,   "dmb ishst",  "dmb ishst", "") \
	X(smp,  acquire, ISHLD,        "dmb ish",   LDNOTE) \
	X(smp,  release, "dmb ish",    "dmb ish",   "") \
	X(dma,  general, "dmb osh",    "dsb sy",    "Linux dma_mb() is mb() on arm") \
	X(dma,  read,    OSHLD,        "dmb osh",   LDNOTE) \
	X(dma,  write,   "dmb oshst",  "dmb oshst", "") \
	X(dma,  acquire, OSHLD,        OSHLD,       LDNOTE) \
	X(dma,  release, "dmb osh",    "dmb osh",   "Linux has no dma release fence")

/*
 * smp_load_acquire() / smp_store_release() on Armv7, as Linux does it: a
 * plain ldr then dmb ish / dmb ish then a plain str (Armv8 AArch32 has
 * lda/stl: arch/aarch64_table.h).
 */
#define MB_ARMV7_ACQUIRE_FENCE	"dmb ish"
#define MB_ARMV7_RELEASE_FENCE	"dmb ish"

/*
 * Kernel RMWs on an int, as Linux compiles them for 32-bit Arm (Armv7 and
 * Armv8 AArch32 alike; arch/arm.h emits these rows): an ldrex/strex loop
 * (the _relaxed form, asm/atomic.h); the other orderings are Linux's
 * generic fallbacks around it: acquire = loop then dmb ish, release = dmb
 * ish then loop, fully ordered = dmb ish on both sides.  A failed cmpxchg
 * still passes the trailing dmb (the loop exits to it): MB_ARM_CAS_FAIL_AFTER.
 *   ord      before     after
 */
#define MB_ARM_ORDERS(X) \
	X(relaxed, "",        "") \
	X(acquire, "",        "dmb ish") \
	X(release, "dmb ish", "") \
	X(mb,      "dmb ish", "dmb ish")
#define MB_ARM_CAS_FAIL_AFTER	1

#define MB_ARMV8_A32_ROWS(X) \
	MB_ARM_ROWS(X, "dmb ishld", "dmb oshld", "dsb ld", "")
#define MB_ARMV7_ROWS(X) \
	MB_ARM_ROWS(X, "dmb ish", "dmb osh", "dsb sy", \
		    "fallback: Armv7 has no load-only barrier, full one used")

#endif /* MB_ARCH_ARM_TABLE_H */
