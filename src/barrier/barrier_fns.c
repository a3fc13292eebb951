/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/barrier_fns.c - one out-of-line function per barrier and flavour,
 * holding nothing but the barrier.  The build disassembles this object
 * (scripts/disasm.sh) to learn what each barrier really emits, and the
 * cross-arch tests check that against the table in arch/<arch>.h.
 */
#include "arch/arch.h"
#include "barrier/barrier_fns.h"

#define MB_OUT_OF_LINE_(kind, type, emit, kern, note) \
	__attribute__((noinline)) void mb_fn_##kind##_##type(void) \
	{ mb_##kind##_##type(); } \
	__attribute__((noinline)) void mb_fnk_##kind##_##type(void) \
	{ mb_##kind##_##type##_kernel(); }
MB_ALL_BARRIERS(MB_OUT_OF_LINE_)
