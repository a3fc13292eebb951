/* SPDX-License-Identifier: MIT */
/*
 * arch/arch.h - the one dispatch header of membench's barrier layer.
 *
 * Selects the header of the architecture being compiled for.  Each one
 * picks its barrier table (MB_ARCH_TABLE: one line per kind x type, the
 * instruction that implements it), names its port (MB_ARCH_PORT: the
 * src/barrier/ports.h table it is, "armv7" where MB_ARCH_NAME is "arm"),
 * says how litmus accesses are made
 * (MB_READ_ONCE ...), and gives the architecture's one counter
 * (mb_counter_read).  arch/common.h then adds what is the same everywhere:
 * the compiler barrier, the C11 fences, membarrier(2) and the baseline.
 *
 * The tables themselves, and what each instruction orders, are in the
 * host-independent parts: arch/<arch>_table.h, arch/common_table.h,
 * arch/lkmm_table.h (Linux's meaning of each row) and the generated
 * arch/c11_emitted.h.  Those may be included on any host (the expectation
 * model reads every port's table: src/barrier/ports.c); the asm headers
 * here #error when included directly.
 *
 * Nothing here needs hwloc, jansson or libc beyond <stdint.h> and
 * syscall(2), so the layer and its tests cross-compile alone.
 */
#ifndef MB_ARCH_H
#define MB_ARCH_H

#if defined(__x86_64__) || defined(__i386__)
#include "x86.h"
#elif defined(__aarch64__)
#include "aarch64.h"
#elif defined(__arm__)
#include "arm.h"
#elif defined(__riscv)
#include "riscv.h"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#include "ppc64.h"
#else
#error "membench: unsupported architecture (x86_64, i386, aarch64, arm, riscv64/32, ppc64le)"
#endif

#include "common.h"

#endif /* MB_ARCH_H */
