/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/gen.c - litmus AST -> native C (see src/litmus/gen.h).
 *
 * The C is arch-independent: accesses are arch/arch.h's MB_READ_ONCE ...,
 * barriers its inline mb_<kind>_<type>[_kernel]() functions, and the
 * instantiation per barrier of the fence() slot is left to the
 * preprocessor through MB_ALL_BARRIERS, so the one generated file builds
 * for every arch and each barrier is inlined into its own instance loop.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/ast.h"
#include "litmus/gen.h"

void lt_gen_sym(const char *name, char *buf, size_t len)
{
	size_t j = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && j + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			buf[j++] = (char)*p;
		else
			j += (size_t)snprintf(buf + j, len - j, "_%02X", *p);
	}
	buf[j] = 0;
}

void lt_gen_comment(FILE *out, const char *s)
{
	/* Only what cannot end the comment, start another, continue a line or form a trigraph. */
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		fputc((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr(" .,_+-=:/()[]{}@%^~#", c) ? c : '_', out);
	}
}

void lt_gen_cstring(FILE *out, const char *s)
{
	fputs("\t\"", out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n') {
			fputs("\\n\"", out);
			if (s[1])
				fputs("\n\t\"", out);
			else
				return;
		} else if (c == '"' || c == '\\') {
			fprintf(out, "\\%c", c);
		} else if (c == '\t') {
			fputs("\\t", out);
		} else if (c < 32 || c >= 127) {
			fprintf(out, "\\%03o", c);	/* octal: never swallows a following digit */
		} else if (c == '?' && s[1] == '?') {
			fputs("?\"\"", out);		/* no trigraphs */
		} else {
			fputc(c, out);
		}
	}
	fputc('"', out);
}

/* smp.general:kernel -> "mb_smp_general_kernel" (arch/common.h); -1 for no barrier. */
static int barrier_fn(struct mb_id id, char *buf, size_t len)
{
	int n;

	if (!mb_id_valid(id))
		return -1;
	n = snprintf(buf, len, "mb_%s_%s%s", mb_row_kind((enum mb_row)id.row),
		     mb_row_type((enum mb_row)id.row), id.flavor == MB_KERNEL ? "_kernel" : "");
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* A pure expression as C over the registers lt_r<N> (ints, as lt_expr_eval). */
static void gen_expr(const struct lt_test *t, int i, FILE *out)
{
	static const char *const ops[] = {
		[LT_ADD] = "+", [LT_SUB] = "-", [LT_MUL] = "*", [LT_BAND] = "&", [LT_BOR] = "|",
		[LT_BXOR] = "^", [LT_SHL] = "<<", [LT_SHR] = ">>", [LT_EQ] = "==", [LT_NE] = "!=",
		[LT_LT] = "<", [LT_LE] = "<=", [LT_GT] = ">", [LT_GE] = ">=", [LT_LAND] = "&&",
		[LT_LOR] = "||",
	};
	const struct lt_expr *e = &t->exprs[i];

	switch (e->kind) {
	case LT_E_CONST:
		if (e->value == -2147483647 - 1)
			fputs("(-2147483647 - 1)", out);
		else
			fprintf(out, e->value < 0 ? "(%d)" : "%d", e->value);
		return;
	case LT_E_REG:
		fprintf(out, "lt_r%d", e->reg);
		return;
	case LT_E_LOC:
		fprintf(out, "%d", LT_PTR_VAL(e->loc));
		return;
	case LT_E_UN:
		fprintf(out, "(%c", e->op == '!' ? '!' : e->op == '~' ? '~' : '-');
		gen_expr(t, e->a, out);
		fputc(')', out);
		return;
	case LT_E_BIN:
		if (e->op == LT_DIV || e->op == LT_MOD) {
			fputs(e->op == LT_DIV ? "LT_DIV(" : "LT_MOD(", out);
			gen_expr(t, e->a, out);
			fputs(", ", out);
			gen_expr(t, e->b, out);
			fputc(')', out);
			return;
		}
		fputc('(', out);
		gen_expr(t, e->a, out);
		fprintf(out, " %s ", ops[e->op]);
		if (e->op == LT_SHL || e->op == LT_SHR) {
			fputc('(', out);
			gen_expr(t, e->b, out);
			fputs(" & 31)", out);
		} else {
			gen_expr(t, e->b, out);
		}
		fputc(')', out);
		return;
	}
}

/* The address of an access: the location, or computed from a pointer value. */
static void gen_addr(const struct lt_test *t, int i, FILE *out)
{
	if (t->exprs[i].kind == LT_E_LOC) {
		fprintf(out, "LT_LOC(%d)", t->exprs[i].loc);
		return;
	}
	fputs("LT_DYN(", out);
	gen_expr(t, i, out);
	fprintf(out, ", %d)", t->nlocs);
}

static const char *ord_name(enum lt_access a)
{
	switch (a) {
	case LT_ACQUIRE: return "acquire";
	case LT_RELEASE: return "release";
	case LT_MB: return "mb";
	default: return "relaxed";
	}
}

static void gen_dst(const struct lt_instr *in, FILE *out)
{
	if (in->reg >= 0)
		fprintf(out, "lt_r%d = ", in->reg);
	else
		fputs("(void)", out);
}

/* One RMW: Linux's function for its operation, value and ordering (arch/common.h). */
static void gen_rmw(const struct lt_test *t, const struct lt_instr *in, FILE *out)
{
	static const char *const fetch[] = {
		[LT_RMW_ADD] = "add", [LT_RMW_SUB] = "sub", [LT_RMW_AND] = "and",
		[LT_RMW_OR] = "or", [LT_RMW_XOR] = "xor", [LT_RMW_ANDNOT] = "andnot",
	};
	const char *ord = ord_name(in->access);

	fputc('\t', out);
	switch (in->rmw) {
	case LT_RMW_XCHG:
		gen_dst(in, out);
		fprintf(out, "mb_xchg_%s(", ord);
		gen_addr(t, in->addr, out);
		fputs(", ", out);
		gen_expr(t, in->val, out);
		fputs(");", out);
		return;
	case LT_RMW_CMPXCHG:
		gen_dst(in, out);
		fprintf(out, "mb_cmpxchg_%s(", ord);
		gen_addr(t, in->addr, out);
		fputs(", ", out);
		gen_expr(t, in->expect, out);
		fputs(", ", out);
		gen_expr(t, in->val, out);
		fputs(");", out);
		return;
	case LT_RMW_ADD_UNLESS:
		gen_dst(in, out);
		fputs("(mb_fetch_add_unless(", out);
		gen_addr(t, in->addr, out);
		fputs(", ", out);
		gen_expr(t, in->val, out);
		fputs(", ", out);
		gen_expr(t, in->expect, out);
		fputs(") != ", out);
		gen_expr(t, in->expect, out);
		fputs(");", out);
		return;
	default:
		break;
	}
	if (in->ret == LT_RET_NONE) {
		/* atomic_add/sub/and/or/xor/andnot(): one op, no value */
		const char *op = in->rmw == LT_RMW_SUB ? "add" : in->rmw == LT_RMW_ANDNOT ? "and" :
				 fetch[in->rmw];

		fprintf(out, "mb_atomic_%s(", op);
		gen_addr(t, in->addr, out);
		fputs(in->rmw == LT_RMW_SUB ? ", (int)(0u - (unsigned)" :
		      in->rmw == LT_RMW_ANDNOT ? ", ~(" : ", (", out);
		gen_expr(t, in->val, out);
		fputs("));", out);
		return;
	}
	gen_dst(in, out);
	if (in->ret == LT_RET_NEW) {
		/* *_return: the new value, from the old one (as Linux's fallbacks) */
		static const char *const apply[] = {
			[LT_RMW_ADD] = "+", [LT_RMW_SUB] = "-", [LT_RMW_AND] = "&",
			[LT_RMW_OR] = "|", [LT_RMW_XOR] = "^", [LT_RMW_ANDNOT] = "& ~",
		};
		bool wrap = in->rmw == LT_RMW_ADD || in->rmw == LT_RMW_SUB;

		fprintf(out, wrap ? "(int)((unsigned)mb_fetch_%s_%s(" : "(mb_fetch_%s_%s(",
			fetch[in->rmw], ord);
		gen_addr(t, in->addr, out);
		fputs(", ", out);
		gen_expr(t, in->val, out);
		fprintf(out, wrap ? ") %s (unsigned)" : ") %s ", apply[in->rmw]);
		gen_expr(t, in->val, out);
		fputs(");", out);
		return;
	}
	fprintf(out, "mb_fetch_%s_%s(", fetch[in->rmw], ord);
	gen_addr(t, in->addr, out);
	fputs(", ", out);
	gen_expr(t, in->val, out);
	fputs(");", out);
}

static const char *const kf_names[] = {
	[LT_KF_BEFORE_ATOMIC] = "before_atomic", [LT_KF_AFTER_ATOMIC] = "after_atomic",
	[LT_KF_AFTER_SPINLOCK] = "after_spinlock", [LT_KF_AFTER_UNLOCK_LOCK] = "after_unlock_lock",
};

static const char *tpath(const struct lt_test *t)
{
	return t->path[0] ? t->path : t->name;
}

/* Statements [from, to) of thread k, indented by depth. */
static int gen_stmts(const struct lt_test *t, int k, int from, int to, int depth, FILE *out,
		     char *err, size_t errlen)
{
	const struct lt_thread *th = &t->threads[k];
	char fn[96];

	for (int n = from; n < to; n++) {
		const struct lt_instr *in = &th->instrs[n];

		for (int d = 0; d < depth; d++)
			fputc('\t', out);
		switch (in->op) {
		case LT_STORE:
			fprintf(out, "\t%s(", in->access == LT_RELEASE ? "MB_STORE_RELEASE" :
				in->access == LT_PLAIN ? "LT_PLAIN_STORE" : "MB_WRITE_ONCE");
			gen_addr(t, in->addr, out);
			fputs(", ", out);
			gen_expr(t, in->val, out);
			fputs(");", out);
			break;
		case LT_LOAD:
			fputc('\t', out);
			gen_dst(in, out);
			fprintf(out, "%s(", in->access == LT_ACQUIRE ? "MB_LOAD_ACQUIRE" :
				in->access == LT_PLAIN ? "LT_PLAIN_LOAD" : "MB_READ_ONCE");
			gen_addr(t, in->addr, out);
			fputs(");", out);
			break;
		case LT_RMW:
			gen_rmw(t, in, out);
			break;
		case LT_LOCK:
		case LT_UNLOCK:
			fputs(in->op == LT_LOCK ? "\tLT_SPIN_LOCK(" : "\tLT_SPIN_UNLOCK(", out);
			gen_addr(t, in->addr, out);
			fputs(");", out);
			break;
		case LT_TRYLOCK:
		case LT_ISLOCKED:
			fputc('\t', out);
			gen_dst(in, out);
			fputs(in->op == LT_TRYLOCK ? "lt_spin_trylock(" : "(MB_READ_ONCE(", out);
			gen_addr(t, in->addr, out);
			fputs(in->op == LT_TRYLOCK ? ");" : ") != 0);", out);
			break;
		case LT_KFENCE:
			fprintf(out, "\tmb_kf_%s();", kf_names[in->kf]);
			break;
		case LT_ASSIGN:
			fprintf(out, "\tlt_r%d = ", in->reg);
			gen_expr(t, in->val, out);
			fputc(';', out);
			break;
		case LT_IF:
			fputs("\tif (", out);
			gen_expr(t, in->val, out);
			fprintf(out, ") { LT_ARM(\"then %d\"); \\\n", n);
			if (gen_stmts(t, k, n + 1, in->then_end, depth + 1, out, err, errlen))
				return -1;
			for (int d = 0; d < depth; d++)
				fputc('\t', out);
			fprintf(out, "\t} else { LT_ARM(\"else %d\"); \\\n", n);
			if (gen_stmts(t, k, in->then_end, in->else_end, depth + 1, out, err, errlen))
				return -1;
			for (int d = 0; d < depth; d++)
				fputc('\t', out);
			fputs("\t}", out);
			n = in->else_end - 1;
			break;
		case LT_FENCE:
			if (in->slot) {
				fputs("\tFENCE();", out);
				break;
			}
			if (barrier_fn(in->barrier, fn, sizeof(fn))) {
				snprintf(err, errlen, "%s:%d:%d: no inline function for %s",
					 tpath(t), in->line, in->col, in->source);
				return -1;
			}
			fprintf(out, "\t%s();", fn);
			break;
		case LT_RCU:
			fprintf(out, "\tlt_th->rcu->%s();", in->rcu == LT_RCU_LOCK ? "read_lock" :
				in->rcu == LT_RCU_UNLOCK ? "read_unlock" : "synchronize");
			break;
		}
		fputs(" \\\n", out);
	}
	return 0;
}

static int gen_body(const struct lt_test *t, int k, FILE *out, char *err, size_t errlen)
{
	const struct lt_thread *th = &t->threads[k];

	fprintf(out, "/* P%d */\n#define LT_BODY_%d(FENCE) \\\n", k, k);
	for (int j = 0; j < th->nregs; j++)
		fprintf(out, "\tint lt_r%d = %d; /* register %d of P%d */ \\\n", j, th->reg_init[j], j, k);
	if (gen_stmts(t, k, 0, th->ninstrs, 0, out, err, errlen))
		return -1;
	for (int j = 0; j < th->nregs; j++)
		fprintf(out, "\tLT_OUT(%d) = lt_r%d; \\\n", j, j);
	fputs("\t(void)0;\n\n", out);
	return 0;
}

/* Does the test need the kernel RMW layer (arch/common.h MB_HAVE_KERNEL_RMW)? */
static bool needs_rmw(const struct lt_test *t)
{
	for (int k = 0; k < t->nthreads; k++)
		for (int n = 0; n < t->threads[k].ninstrs; n++) {
			enum lt_op op = t->threads[k].instrs[n].op;

			if (op == LT_RMW || op == LT_LOCK || op == LT_UNLOCK || op == LT_TRYLOCK ||
			    op == LT_KFENCE)
				return true;
		}
	return false;
}

int lt_gen_c(const struct lt_test *t, const char *sym, const char *file, FILE *out,
	     char *err, size_t errlen)
{
	if (t->nthreads < 1 || t->nthreads > LT_MAX_THREADS) {
		snprintf(err, errlen, "%s: %d threads (1 to %d supported)", file, t->nthreads,
			 LT_MAX_THREADS);
		return -1;
	}
	fputs("/* Generated by src/litmus/gen.c from ", out);
	lt_gen_comment(out, file);
	fputs(": do not edit. */\n", out);
	fputs("#include <stdint.h>\n#include \"arch/arch.h\"\n#include \"litmus/rt.h\"\n\n", out);
	fprintf(out, "#if LT_RT_ABI != 2\n#error \"litmus/rt.h ABI mismatch\"\n#endif\n\n");
	fputs("static const char lt_source[] =\n", out);
	lt_gen_cstring(out, t->source ? t->source : "");
	fputs(";\n\n", out);
	if (needs_rmw(t))
		fputs("#if !MB_HAVE_KERNEL_RMW\n"
		      "#error \"this test's RMWs, locks or kernel fences have no mapping on this arch"
		      " (arch/common.h MB_HAVE_KERNEL_RMW)\"\n#endif\n\n", out);
	if (t->has_rcu)
		fputs("/* RCU: each thread is an RCU reader for the length of a batch. */\n"
		      "#define LT_PROLOGUE() lt_th->rcu->online()\n"
		      "#define LT_EPILOGUE() lt_th->rcu->offline()\n\n", out);
	else
		fputs("#define LT_PROLOGUE() ((void)0)\n#define LT_EPILOGUE() ((void)0)\n\n", out);
	for (int k = 0; k < t->nthreads; k++)
		if (gen_body(t, k, out, err, errlen))
			return -1;

	/* One thread function per thread for the barrier FENCE. */
	fputs("#define LT_DEF_(sfx, FENCE) \\\n", out);
	for (int k = 0; k < t->nthreads; k++)
		fprintf(out, "\tLT_THREAD_FN(lt_t%d_##sfx, LT_BODY_%d, FENCE)%s\n", k, k,
			k + 1 < t->nthreads ? " \\" : "");
	fputs("\n", out);

	if (t->has_slot) {
		fputs("/* The fence() slot: every barrier of the arch table, both flavours. */\n"
		      "#define LT_INST_(kind, type, emit, kern, note) \\\n"
		      "\tLT_DEF_(kind##_##type, mb_##kind##_##type) \\\n"
		      "\tLT_DEF_(kind##_##type##_kernel, mb_##kind##_##type##_kernel)\n"
		      "MB_ALL_BARRIERS(LT_INST_)\n\n", out);
		fputs("#define LT_ROW_(kind, type, emit, kern, note) \\\n"
		      "\t{ #kind \".\" #type, #kind \"_\" #type, {", out);
		for (int k = 0; k < t->nthreads; k++)
			fprintf(out, " lt_t%d_##kind##_##type,", k);
		fputs(" } }, \\\n\t{ #kind \".\" #type \":kernel\", #kind \"_\" #type \"_kernel\", {", out);
		for (int k = 0; k < t->nthreads; k++)
			fprintf(out, " lt_t%d_##kind##_##type##_kernel,", k);
		fputs(" } },\n", out);
		fputs("static const struct lt_variant lt_variants[] = { MB_ALL_BARRIERS(LT_ROW_) };\n\n",
		      out);
	} else {
		fputs("/* No fence() slot: one instantiation. */\n"
		      "LT_DEF_(fixed, mb_none_general)\n\n"
		      "static const struct lt_variant lt_variants[] = {\n\t{ \"-\", \"fixed\", {", out);
		for (int k = 0; k < t->nthreads; k++)
			fprintf(out, " lt_t%d_fixed,", k);
		fputs(" } },\n};\n\n", out);
	}

	fprintf(out, "extern const struct lt_compiled lt_compiled_%s;\n", sym);
	fprintf(out, "const struct lt_compiled lt_compiled_%s = {\n", sym);
	/* name and file through the escaper: they may hold any printable */
	fputs("\t.abi = LT_RT_ABI,\n\t.name =\n", out);
	lt_gen_cstring(out, t->name[0] ? t->name : sym);
	fputs(",\n\t.file =\n", out);
	lt_gen_cstring(out, file);
	fputs(",\n\t.source = lt_source,\n", out);
	fprintf(out, "\t.nthreads = %d,\n\t.has_slot = %d,\n", t->nthreads, t->has_slot ? 1 : 0);
	fputs("\t.nvariants = sizeof(lt_variants) / sizeof(lt_variants[0]),\n"
	      "\t.variants = lt_variants,\n};\n", out);
	return 0;
}
