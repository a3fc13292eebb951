/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_table.h - x86's barrier table: kind x type -> instruction, and
 * what each instruction orders under x86-TSO.  Host-independent: arch/x86.h
 * emits these rows; src/barrier/ports.c lists them and src/litmus/model.c
 * reasons with them on any host.
 *
 * x86-TSO keeps load->load, load->store and store->store order by itself;
 * only store->load can be reordered (the store buffer).  That is why Linux
 * makes smp_rmb(), smp_wmb(), dma_rmb() and dma_wmb() bare compiler barriers
 * here.  membench still has to measure and test a real instruction for
 * those, so the "emitted" column always names one, and the "kernel" column
 * keeps Linux's choice (an empty asm is a compiler barrier only).
 *
 * lfence/sfence do NOT order store->load: SB under them shows the weak
 * outcome on real hardware.  lfence waits for all prior instructions to
 * complete locally (loads included); sfence orders stores, including
 * non-temporal ones.  Only mfence and locked instructions drain the store
 * buffer.
 */
#ifndef MB_ARCH_X86_TABLE_H
#define MB_ARCH_X86_TABLE_H

#include "orders.h"

#define MB_X86_MODEL	"x86-TSO"

/* 64-bit: -4(%rsp) is in the red zone; adding 0 there changes nothing. */
#define MB_X86_64_LOCK_ADD	"lock; addl $0,-4(%%rsp)"
#define MB_I386_LOCK_ADD	"lock; addl $0,-4(%%esp)"

/*
 * Instruction -> what it orders.  The locked or is what GCC emits for a
 * seq_cst fence (arch/c11_emitted.h), spelled as objdump prints it.
 */
#define MB_X86_INSNS(Y) \
	Y("mfence",              MB_ORD_FULL) \
	Y("lfence",              MB_ORD_RR | MB_ORD_RW) \
	Y("sfence",              MB_ORD_WW) \
	Y(MB_X86_64_LOCK_ADD,    MB_ORD_FULL) \
	Y(MB_I386_LOCK_ADD,      MB_ORD_FULL) \
	Y("lock orq $0x0,(%rsp)", MB_ORD_FULL) \
	Y("lock orl $0x0,(%esp)", MB_ORD_FULL)

/*
 * kind x type -> instruction.  Columns: kind, type, emitted instruction,
 * Linux's mapping on this arch, note.  LOCK_ADD is the port's locked add.
 *
 * smp general: a locked add to the stack rather than mfence, as Linux does
 * since v4.15: it orders ordinary WB memory the same and is cheaper (about
 * half of mfence's cost on recent Intel cores); mfence additionally orders
 * non-temporal and WC accesses, which is what mb() (mmio) needs.
 * acquire is lfence (a superset: it also waits for prior loads to complete);
 * release is sfence (store->store; load->store is kept by TSO).
 */
#define MB_X86_ROWS(X, LOCK_ADD) \
	X(mmio, general, "mfence",   "mfence",   "") \
	X(mmio, read,    "lfence",   "lfence",   "") \
	X(mmio, write,   "sfence",   "sfence",   "") \
	X(mmio, acquire, "lfence",   "lfence",   "Linux has no mmio acquire fence") \
	X(mmio, release, "sfence",   "sfence",   "Linux has no mmio release fence") \
	X(smp,  general, LOCK_ADD,   LOCK_ADD,   "") \
	X(smp,  read,    "lfence",   "",         "Linux smp_rmb() is barrier() on x86") \
	X(smp,  write,   "sfence",   "",         "Linux smp_wmb() is barrier() on x86") \
	X(smp,  acquire, "lfence",   "",         "Linux smp_load_acquire() adds only barrier() on x86") \
	X(smp,  release, "sfence",   "",         "Linux smp_store_release() adds only barrier() on x86") \
	X(dma,  general, "mfence",   "mfence",   "Linux dma_mb() is mb()") \
	X(dma,  read,    "lfence",   "",         "Linux dma_rmb() is barrier() on x86") \
	X(dma,  write,   "sfence",   "",         "Linux dma_wmb() is barrier() on x86") \
	X(dma,  acquire, "lfence",   "",         "Linux has no dma acquire fence") \
	X(dma,  release, "sfence",   "",         "Linux has no dma release fence")

/*
 * Kernel RMWs (arch/x86.h): every one, whatever its ordering, is a locked
 * instruction (xchgl, which is always locked with a memory operand; lock
 * cmpxchgl; lock xaddl; lock and/or/xor): a full barrier, so Linux defines
 * only the fully ordered form here.  No fence goes around them.
 */
#define MB_X86_RMW_LOCKED	1

/*
 * The kernel's ordering macros that are not barriers of their own, as
 * Linux defines them here: RMWs and lock acquisition are already full
 * barriers, so all four are compiler barriers ("").
 */
#define MB_X86_KFENCES(X) \
	X(before_atomic,     "") \
	X(after_atomic,      "") \
	X(after_spinlock,    "") \
	X(after_unlock_lock, "")

#define MB_X86_64_ROWS(X)	MB_X86_ROWS(X, MB_X86_64_LOCK_ADD)
#define MB_I386_ROWS(X)		MB_X86_ROWS(X, MB_I386_LOCK_ADD)

#endif /* MB_ARCH_X86_TABLE_H */
