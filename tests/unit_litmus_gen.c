/* SPDX-License-Identifier: MIT */
/* tests/unit_litmus_gen.c - the translator (src/litmus/gen.c) and the compiled-in registry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "litmus/ast.h"
#include "litmus/gen.h"
#include "litmus/registry.h"

static const char sb[] =
	"C SB+fences\n\n{}\n\nP0(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*x, 1);\n"
	"\tfence();\n\tr0 = READ_ONCE(*y);\n}\n\nP1(int *x, int *y)\n{\n\tint r0;\n\n"
	"\tWRITE_ONCE(*y, 1);\n\tfence();\n\tr0 = READ_ONCE(*x);\n}\n\nexists (0:r0=0 /\\ 1:r0=0)\n";

static const char mp[] =
	"C MP+x\n\n{}\n\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tsmp_mb();\n"
	"\tsmp_store_release(y, 1);\n}\n\nP1(int *x, int *y)\n{\n\tint r0;\n\tint r1;\n\n"
	"\tr0 = smp_load_acquire(y);\n\tr1 = READ_ONCE(*x);\n}\n\nexists (1:r0=1 /\\ 1:r1=0)\n";

/* The kernel dialect: each construct becomes the arch layer's call for it. */
static const char kd[] =
	"C K\n{ int *p = &x; }\n"
	"P0(int *x, int **p, atomic_t *v, spinlock_t *l)\n{\n\tint r0; int *r1; int r2;\n"
	"\tr0 = cmpxchg_acquire(x, 1, 2);\n\tr0 = atomic_fetch_add_release(3, v);\n"
	"\tr0 = atomic_dec_and_test(v);\n\tatomic_inc(v);\n\tr2 = xchg_relaxed(x, r0);\n"
	"\tspin_lock(l);\n\tr0 = spin_is_locked(l);\n\tspin_unlock(l);\n\tsmp_mb__after_spinlock();\n"
	"\tr1 = rcu_dereference(*p);\n\tr2 = READ_ONCE(*r1);\n"
	"\tif (r2 == 1) { *x = 2; } else { r0 = *x; }\n\trcu_read_lock();\n}\n"
	"exists (0:r0=0)\n";

static char *gen_file(const char *text, const char *sym, const char *file)
{
	struct lt_test t;
	char err[256], *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (lt_parse(text, file, &t, err, sizeof(err))) {
		printf("# parse: %s\n", err);
		return NULL;
	}
	f = open_memstream(&buf, &len);
	if (lt_gen_c(&t, sym, file, f, err, sizeof(err)))
		printf("# gen: %s\n", err);
	fclose(f);
	lt_free(&t);
	return buf;
}

/* Comments open and close in pairs, and nothing but the translator's text starts a line. */
static int comments_balanced(const char *c)
{
	int depth = 0;

	for (const char *p = c; *p; p++) {
		if (!depth && p[0] == '"') {	/* skip a string literal */
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			if (depth++)
				return 0;
			p++;
		} else if (p[0] == '*' && p[1] == '/') {
			if (!depth--)
				return 0;
			p++;
		}
	}
	return depth == 0;
}

static char *gen(const char *text, const char *sym)
{
	struct lt_test t;
	char err[256], *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (lt_parse(text, "t.litmus", &t, err, sizeof(err))) {
		printf("# parse: %s\n", err);
		return NULL;
	}
	f = open_memstream(&buf, &len);
	if (lt_gen_c(&t, sym, "t.litmus", f, err, sizeof(err)))
		printf("# gen: %s\n", err);
	fclose(f);
	lt_free(&t);
	return buf;
}

int main(void)
{
	char sym[64], *c, *s = NULL, *a;
	size_t len = 0;
	FILE *f;
	static const char listing[] =
		"0000000000000000 <lt_t0_smp_general>:\n   0:\tpush   %rbx\n   1:\tlock addl $0x0,-0x4(%rsp)\n"
		"   7:\tret\n\n0000000000000010 <lt_t1_smp_general>:\n  10:\tret\n";

	lt_gen_sym("SB+fences", sym, sizeof(sym));
	CHECK(!strcmp(sym, "SB_2Bfences"), "symbol of SB+fences: %s", sym);

	c = gen(kd, "kd");
	CHECK(c && strstr(c, "lt_r0 = mb_cmpxchg_acquire(LT_LOC(0), 1, 2);"), "cmpxchg_acquire");
	CHECK(c && strstr(c, "lt_r0 = mb_fetch_add_release(LT_LOC(2), 3);"), "atomic_fetch_add_release");
	CHECK(c && strstr(c, "lt_r0 = (int)((unsigned)mb_fetch_sub_mb(LT_LOC(2), 1) - (unsigned)1);") &&
	      strstr(c, "lt_r0 = (lt_r0 == 0);"), "atomic_dec_and_test: fully ordered, then == 0");
	CHECK(c && strstr(c, "mb_atomic_add(LT_LOC(2), (1));"), "atomic_inc: the void op");
	CHECK(c && strstr(c, "lt_r2 = mb_xchg_relaxed(LT_LOC(0), lt_r0);"), "xchg_relaxed, data dependency");
	CHECK(c && strstr(c, "LT_SPIN_LOCK(LT_LOC(3));") && strstr(c, "LT_SPIN_UNLOCK(LT_LOC(3));") &&
	      strstr(c, "lt_r0 = (MB_READ_ONCE(LT_LOC(3)) != 0);"), "spin_lock, spin_unlock, spin_is_locked");
	CHECK(c && strstr(c, "mb_kf_after_spinlock();"), "smp_mb__after_spinlock: the arch's kernel fence");
	CHECK(c && strstr(c, "lt_r2 = MB_READ_ONCE(LT_DYN(lt_r1, 4));"),
	      "a read through a pointer register: address from its value");
	CHECK(c && strstr(c, "if ((lt_r2 == 1)) { LT_ARM(\"then ") &&
	      strstr(c, "LT_PLAIN_STORE(LT_LOC(0), 2);") && strstr(c, "} else { LT_ARM(\"else ") &&
	      strstr(c, "lt_r0 = LT_PLAIN_LOAD(LT_LOC(0));"), "if/else with plain accesses, one asm per arm");
	CHECK(c && strstr(c, "lt_th->rcu->read_lock();") &&
	      strstr(c, "#define LT_PROLOGUE() lt_th->rcu->online()"), "RCU through the harness's ops");
	CHECK(c && strstr(c, "#if !MB_HAVE_KERNEL_RMW"), "refused where an arch lacks the RMW mapping");
	CHECK(c && !strstr(c, "\"x\"") && !strstr(c, "/* x"), "no names of the file in the code");
	free(c);

	c = gen(sb, "sb");
	CHECK(c && strstr(c, "MB_ALL_BARRIERS(LT_INST_)"), "slot: one instantiation per barrier row");
	CHECK(c && strstr(c, "mb_##kind##_##type##_kernel"), "slot: kernel flavour too");
	CHECK(c && strstr(c, "MB_WRITE_ONCE(LT_LOC(0), 1)") && strstr(c, "FENCE();") &&
	      strstr(c, "lt_r0 = MB_READ_ONCE(LT_LOC(1))"), "SB body");
	CHECK(c && strstr(c, "const struct lt_compiled lt_compiled_sb ="), "descriptor");
	CHECK(c && strstr(c, "\"exists (0:r0=0 /\\\\ 1:r0=0)\\n\""), "source embedded, escaped");
	CHECK(c && !strstr(c, "atomic"), "no C11 atomics in the test code");
	free(c);

	c = gen(mp, "mp");
	CHECK(c && strstr(c, "mb_smp_general_kernel();"), "smp_mb() -> mb_smp_general_kernel()");
	CHECK(c && strstr(c, "MB_STORE_RELEASE(LT_LOC(1), 1)") &&
	      strstr(c, "MB_LOAD_ACQUIRE(LT_LOC(1))"), "release / acquire accesses");
	CHECK(c && strstr(c, "LT_DEF_(fixed, mb_none_general)") && !strstr(c, "LT_INST_"),
	      "no slot: one instantiation");
	free(c);

	/* A path or a name that would close the comment, or break the string, stays text. */
	c = gen_file(sb, "sb", "x*/\nint evil(void) { return 1; }\n/*\\\n?\?/\"$(id)");
	CHECK(c && comments_balanced(c), "a hostile path cannot end the header comment");
	CHECK(c && !strstr(c, "\nint evil"), "a hostile path starts no line of code");
	free(c);
	{
		char *hostile = strdup(sb);

		memcpy(strstr(hostile, "SB+fences"), "SB*/\"\\(xy", 9);
		c = gen_file(hostile, "sb", "t.litmus");
		CHECK(c && comments_balanced(c) && strstr(c, "\"SB*/\\\"\\\\(xy\""),
		      "a hostile test name is an escaped string");
		free(c);
		free(hostile);
	}
	f = open_memstream(&s, &len);
	lt_gen_comment(f, "a*/b\n\\c\x1b");
	fclose(f);
	CHECK(!strcmp(s, "a_/b__c_"), "comment text: '*', newline, backslash, ESC replaced: %s", s);
	free(s);

	f = open_memstream(&s, &len);
	lt_gen_cstring(f, "a\"b\\c\n\x01");
	fclose(f);
	CHECK(!strcmp(s, "\t\"a\\\"b\\\\c\\n\"\n\t\"\\001\""), "C string escaping");
	free(s);

	a = lt_asm_extract(listing, "lt_t0_smp_general");
	CHECK(a && strstr(a, "lock addl") && !strstr(a, "lt_t1"), "asm of one function");
	free(a);
	CHECK(lt_asm_extract(listing, "lt_t0_none") == NULL, "asm of a missing function: NULL");

	CHECK(mb_litmus_nbuiltins >= 0, "%d compiled-in tests", mb_litmus_nbuiltins);
	for (int i = 0; i < mb_litmus_nbuiltins; i++) {
		const struct lt_compiled *t = mb_litmus_builtins[i].test;
		int ok = t->abi == LT_RT_ABI && t->nvariants >= 1 && t->source && t->nthreads >= 1;

		for (int v = 0; ok && v < t->nvariants; v++)
			for (int k = 0; k < t->nthreads; k++)
				ok &= t->variants[v].fn[k] != NULL;
		CHECK(ok, "%s: %d variants, every thread compiled", t->name, t->nvariants);
		CHECK(!t->has_slot || t->nvariants > 2, "%s: slot variants", t->name);
	}
	CHECK(mb_litmus_nheaders >= 3, "%d headers embedded for user tests", mb_litmus_nheaders);
	return CHECK_DONE();
}
