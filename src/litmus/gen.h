/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/gen.h - a parsed litmus test (src/litmus/ast.h) to native C
 * that includes arch/arch.h and src/litmus/rt.h.  Used at build time by
 * the host tool src/tool/litmus2c.c (litmus/X.litmus -> $(GEN)/litmus/X.c) and
 * at run time by src/litmus/user.c (`--test FILE.litmus` -> shared object).
 * Needs only libc: the host tool links it without the rest of membench.
 */
#ifndef MB_LITMUS_GEN_H
#define MB_LITMUS_GEN_H

#include <stddef.h>
#include <stdio.h>

#include "litmus/ast.h"

/* C identifier for a test name: alnum kept, anything else as _XX (hex). */
void lt_gen_sym(const char *name, char *buf, size_t len);

/*
 * Write the C of test t: one thread function per thread per barrier of
 * MB_ALL_BARRIERS (emitted and kernel flavours) when the test has a
 * fence() slot, one per thread otherwise; and the descriptor
 * `const struct lt_compiled lt_compiled_<sym>`.  file is recorded as the
 * test's path.  Returns 0, or -1 with a one-line message in err.
 */
int lt_gen_c(const struct lt_test *t, const char *sym, const char *file, FILE *out,
	     char *err, size_t errlen);

/*
 * Write s into a C comment: bytes that could end it ('*'), continue it
 * ('\\', newline) or are not printable ASCII become '_'.
 */
void lt_gen_comment(FILE *out, const char *s);

/* Write s as a C string literal (split in lines). */
void lt_gen_cstring(FILE *out, const char *s);

/*
 * The disassembly of function fn (as `objdump -d --no-show-raw-insn`
 * prints it) out of listing: malloc'd text, one instruction a line, or
 * NULL when fn is not there.
 */
char *lt_asm_extract(const char *listing, const char *fn);

/* From an objdump listing, the table `lt_asm_<sym>[]` of every lt_t* function. */
void lt_gen_asm_table(const char *listing, const char *sym, FILE *out);

#endif /* MB_LITMUS_GEN_H */
