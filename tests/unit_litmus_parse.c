/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_parse.c - the litmus parser (src/litmus/parse.c) and
 * the shipped tests: every litmus/<name>.litmus parses, is named after its
 * file, carries a Result line that the LKMM model (src/litmus/model.c,
 * fence() = smp.general) agrees with; malformed inputs fail with the exact
 * "file:line:col: message"; no input crashes the parser (every truncation
 * of every shipped file, and seeded byte mutations).  Run from the
 * repository root (tests/run.sh does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "litmus/ast.h"
#include "litmus/model.h"
#include "result/result.h"
#include "ids.h"

#define HDR	"C T\n{}\nP0(int *x)\n{\n"

static void bad(const char *text, const char *want)
{
	struct lt_test t;
	char err[256] = "";
	int rc = lt_parse(text, "t.litmus", &t, err, sizeof(err));

	CHECK(rc == -1 && !strcmp(err, want), "error \"%s\" (got rc %d \"%s\")", want, rc, err);
	lt_free(&t);
}

static struct lt_test *good(const char *what, const char *text, struct lt_test *t)
{
	char err[256] = "";

	if (lt_parse(text, what, t, err, sizeof(err))) {
		CHECK(0, "%s parses: %s", what, err);
		return NULL;
	}
	CHECK(1, "%s parses", what);
	return t;
}

static void check_errors(void)
{
	char buf[4096];
	size_t o;

	bad("", "t.litmus:1:1: empty file: expected 'C <name>'");
	bad("X86 T\n", "t.litmus:1:1: unsupported architecture 'X86': only C litmus tests ('C <name>')");
	bad("C\n", "t.litmus:1:2: missing test name after 'C'");
	bad("C T\n(* abc\n", "t.litmus:2:1: unterminated comment '(*'");
	bad(HDR "\tfoo(*x);\n}\nexists (x=1)\n", "t.litmus:5:2: unknown macro 'foo'");
	bad(HDR "\twhile (1) WRITE_ONCE(*x, 1);\n}\nexists (x=1)\n",
	    "t.litmus:5:2: 'while' is not supported: litmus threads are straight-line code with if/else");
	bad(HDR "\tint r0;\n\tr0 = srcu_read_lock(x);\n}\nexists (x=1)\n",
	    "t.litmus:6:7: SRCU (srcu_read_lock) is not supported");
	bad(HDR "\tspin_lock(x);\n}\nexists (x=1)\n",
	    "t.litmus:5:12: 'spin_lock' needs a spinlock_t, but 'x' is not one");
	bad(HDR "\tx = 1;\n}\nexists (x=1)\n",
	    "t.litmus:5:2: assignment to location 'x': write *x = v or WRITE_ONCE(*x, v)");
	bad(HDR "\tfoo_t r0;\n}\nexists (x=1)\n",
	    "t.litmus:5:2: type 'foo_t' is not supported for a register");
	bad(HDR "\tint r0;\n\tr0 = READ_ONCE(x);\n}\nexists (x=1)\n",
	    "t.litmus:6:17: 'READ_ONCE' takes '*p' (as READ_ONCE(*x)), found 'x'");
	bad("C T\n{ foo_t v; }\nP0(int *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:2:3: type 'foo_t' is not supported");
	bad("C T\n{ struct srcu_struct s; }\nP0(int *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:2:3: type 'struct srcu_struct' is not supported");
	bad("C T\n{}\nP0(foo_t *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:3:4: type 'foo_t' is not supported");
	bad("C T\n\"never closed\n{}\n", "t.litmus:2:1: unterminated doc string '\"'");
	bad(HDR "\tif (1) { WRITE_ONCE(*x, 1);\n",
	    "t.litmus:6:1: unexpected end of file in a block of P0");
	bad(HDR "\tr1 = READ_ONCE(*x);\n}\nexists (x=1)\n",
	    "t.litmus:5:2: unknown register 'r1': declare it with 'int'");
	bad(HDR "\tWRITE_ONCE(*z, 1);\n}\nexists (x=1)\n",
	    "t.litmus:5:14: undeclared location 'z': not a parameter of P0");
	bad(HDR "}\nP2(int *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:6:1: thread numbering gap: expected P1, found 'P2'");
	bad(HDR "\tWRITE_ONCE(*x, 1);\n}\n", "t.litmus:7:1: missing 'exists' clause");
	bad(HDR "\tWRITE_ONCE(*x, 1) @;\n}\nexists (x=1)\n",
	    "t.litmus:5:20: unexpected character '@'");
	bad(HDR "\tint r0;\n\tr0 = READ_ONCE(*x);\n}\nexists (0:r5=0)\n",
	    "t.litmus:8:11: unknown register '0:r5'");
	bad(HDR "\tint r0;\n\tr0 = READ_ONCE(*x);\n}\nexists (3:r0=0)\n",
	    "t.litmus:8:9: unknown thread in '3:r0': the test has P0..P0");
	bad(HDR "}\nexists (z=1)\n", "t.litmus:6:9: undeclared location 'z' in the condition");
	bad(HDR "}\nexists (x=1) foo\n", "t.litmus:6:14: unexpected 'foo' after the condition");
	bad(HDR "}\nexists (x=1 /\\ )\n", "t.litmus:6:16: expected a condition term, found ')'");
	bad(HDR "\tint r0, r1, r2, r3, r4, r5, r6, r7, r8;\n}\nexists (x=1)\n",
	    "t.litmus:5:38: too many registers in P0: 'r8' (at most 8)");
	bad("C T\n{}\nP0(int *a, int *b, int *c, int *d, int *e, int *f, int *g, int *h, int *i)\n{\n}\nexists (a=1)\n",
	    "t.litmus:3:73: too many locations: 'i' (at most 8)");
	bad(HDR "\tsmp_mb(x);\n}\nexists (x=1)\n",
	    "t.litmus:5:9: 'smp_mb' takes no arguments, found 'x'");
	bad(HDR "\tint r0;\n\tr0 = READ_ONCE(*x) @ 1;\n}\nexists (x=1)\n",
	    "t.litmus:6:21: unexpected character '@'");
	bad(HDR "\tWRITE_ONCE(*x, 99999999999);\n}\nexists (x=1)\n",
	    "t.litmus:5:17: integer '99999999999' out of range");
	bad("C T\n{ 1:r0=1; }\nP0(int *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:2:3: unknown thread in '1:r0': the test has P0..P0");
	bad("C T\n{}\nP0(char *x)\n{\n}\nexists (x=1)\n",
	    "t.litmus:3:4: type 'char' is not supported");
	bad(HDR "\tWRITE_ONCE(*x, 1);\n", "t.litmus:6:1: unexpected end of file in the body of P0");
	bad(HDR "/* never closed\n", "t.litmus:5:1: unterminated comment '/*'");
	bad(HDR "}\nexists " "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x=1",
	    "t.litmus:6:72: condition nested too deeply (at most 64)");

	/* P0..P7 are fine; P8 is one too many. */
	o = (size_t)snprintf(buf, sizeof(buf), "C T\n{}\n");
	for (int i = 0; i <= 8; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "P%d(int *x)\n{\n}\n", i);
	snprintf(buf + o, sizeof(buf) - o, "exists (x=1)\n");
	bad(buf, "t.litmus:27:1: too many threads: 'P8' (at most 8)");

	/* 32 statements are fine; the 33rd is one too many. */
	o = (size_t)snprintf(buf, sizeof(buf), HDR);
	for (int i = 0; i < 33; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\tWRITE_ONCE(*x, %d);\n", i);
	snprintf(buf + o, sizeof(buf) - o, "}\nexists (x=1)\n");
	bad(buf, "t.litmus:37:2: too many statements in P0 (at most 32)");
}

static void check_forms(void)
{
	struct lt_test t;
	int r0[LT_MAX_REGS] = { 0 }, r1[LT_MAX_REGS] = { 0 }, locs[LT_MAX_LOCS] = { 0 };
	const int *regs[LT_MAX_THREADS] = { r0, r1 };

	if (good("forms",
		 "C Forms+test\n"
		 "(*\n * Result: Sometimes\n *\n * First paragraph\n * goes on.\n *\n * Second.\n *)\n"
		 "{ x=1; int y = -2; z; }\n"
		 "P0(int *x, volatile int *y)\n{\n\tint r0, r1 = READ_ONCE(*x); // c\n"
		 "\tr0 = smp_load_acquire(y); /* c */\n\tsmp_store_release(x, 3);\n\tsmp_rmb(); barrier(); membarrier(); fence();\n}\n"
		 "P1(int *y) { int r0; r0 = READ_ONCE(*y); mb(); rmb(); wmb(); dma_rmb(); dma_wmb(); smp_wmb(); smp_mb(); }\n"
		 "locations [0:r0; x] (* printed *)\n"
		 "exists (0:r0=0 /\\ ~(1:r0=1 \\/ y=-2) /\\ (true \\/ x=1))\n", &t)) {
		const struct lt_thread *p0 = &t.threads[0], *p1 = &t.threads[1];

		CHECK(!strcmp(t.name, "Forms+test"), "name %s", t.name);
		CHECK(!strcmp(t.result, "Sometimes"), "result %s", t.result);
		CHECK(t.doc && !strcmp(t.doc, "First paragraph goes on."), "doc [%s]", t.doc ? t.doc : "");
		CHECK(t.nlocs == 3 && !strcmp(t.locs[0], "x") && !strcmp(t.locs[1], "y") &&
		      !strcmp(t.locs[2], "z"), "locations x y z (thread order, then init-only)");
		CHECK(t.init[0] == 1 && t.init[1] == -2 && t.init[2] == 0, "init values");
		CHECK(t.nthreads == 2 && p0->nregs == 2 && p1->nregs == 1, "threads and registers");
		CHECK(p0->ninstrs == 7 && p0->instrs[0].op == LT_LOAD && p0->instrs[0].reg == 1 &&
		      p0->instrs[0].loc == 0, "int r1 = READ_ONCE(*x) is a load");
		CHECK(p0->instrs[1].op == LT_LOAD && p0->instrs[1].access == LT_ACQUIRE &&
		      p0->instrs[1].loc == 1 && p0->instrs[1].line == 14 && p0->instrs[1].col == 2,
		      "smp_load_acquire at 14:2");
		CHECK(p0->instrs[2].op == LT_STORE && p0->instrs[2].access == LT_RELEASE &&
		      p0->instrs[2].value == 3, "smp_store_release(x, 3)");
		CHECK(mb_id_eq(p0->instrs[3].barrier, B("smp.read:kernel")) &&
		      !strcmp(p0->instrs[3].source, "smp_rmb()"), "smp_rmb() -> smp.read:kernel");
		CHECK(mb_id_eq(p0->instrs[4].barrier, B("compiler.general")), "barrier() -> compiler.general");
		CHECK(mb_id_eq(p0->instrs[5].barrier, B("process.general")), "membarrier() -> process.general");
		CHECK(p0->instrs[6].slot && !mb_id_valid(p0->instrs[6].barrier) && t.has_slot, "fence() is the slot");
		CHECK(p1->ninstrs == 8 && mb_id_eq(p1->instrs[1].barrier, B("mmio.general:kernel")) &&
		      mb_id_eq(p1->instrs[2].barrier, B("mmio.read:kernel")) &&
		      mb_id_eq(p1->instrs[3].barrier, B("mmio.write:kernel")) &&
		      mb_id_eq(p1->instrs[4].barrier, B("dma.read:kernel")) &&
		      mb_id_eq(p1->instrs[5].barrier, B("dma.write:kernel")) &&
		      mb_id_eq(p1->instrs[6].barrier, B("smp.write:kernel")) &&
		      mb_id_eq(p1->instrs[7].barrier, B("smp.general:kernel")), "Linux fence macros");
		CHECK(t.quant == LT_EXISTS && t.ncond_locs == 2 && t.cond_locs[0] == 0 &&
		      t.cond_locs[1] == 1, "locations [...] names x, the condition y");
		CHECK(t.nshow == 2 && t.show[0].thread == 0 && t.show[0].reg == 0 &&
		      t.show[1].thread == -1 && t.show[1].loc == 0, "locations [0:r0; x]");
		locs[1] = 5;
		CHECK(lt_cond_eval(t.cond, regs, locs), "condition true at 0:r0=0 1:r0=0 y=5");
		r1[0] = 1;
		CHECK(!lt_cond_eval(t.cond, regs, locs), "condition false at 1:r0=1");
		r1[0] = 0;
		locs[1] = -2;
		CHECK(!lt_cond_eval(t.cond, regs, locs), "condition false at y=-2");
		lt_free(&t);
		lt_free(&t);	/* harmless twice */
	}
	if (good("~exists", "C T\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n~exists (x=1)\n", &t)) {
		CHECK(t.quant == LT_NOT_EXISTS && !t.has_slot && !t.doc && !t.result[0], "~exists");
		lt_free(&t);
	}
	if (good("forall", "C T\n{}\nP0(int *x)\n{\n}\nforall x=0 \\/ x=1 /\\ x=2\n", &t)) {
		/* /\ binds tighter: x=0 \/ (x=1 /\ x=2) */
		CHECK(t.quant == LT_FORALL && t.cond->kind == LT_C_OR && t.cond->b->kind == LT_C_AND,
		      "forall, /\\ binds tighter than \\/");
		lt_free(&t);
	}
}

/* The kernel dialect: one statement of each kind, as the AST contract says. */
static void check_kernel_forms(void)
{
	struct lt_test t;

	if (good("kernel",
		 "C K+forms\n\"PodWW Rfe DpAddrdR Fre\"\nCycle=Rfe DpAddrdR\nGenerator=diy7 (version 7.56)\n"
		 "{\n\tint *p = &y;\n\tq = x;\n\tatomic_t v = ATOMIC_INIT(1);\n\tspinlock_t l;\n\t0:r3=y;\n}\n"
		 "P0(int *x, int *y, int **p, atomic_t *v, spinlock_t *l)\n{\n"
		 "\tint r0; int *r1; int r2 = 7; int *r3;\n"			/* 14 */
		 "\tr0 = READ_ONCE(*x);\n"					/* 15: 0 */
		 "\tif (r0 == 1) {\n\t\tspin_lock(l);\n\t\tWRITE_ONCE(*y, r0);\n"	/* 1 IF, 2, 3 */
		 "\t} else\n\t\t*y = 2;\n"					/* 4 */
		 "\tr1 = rcu_dereference(*p);\n"					/* 5 */
		 "\tr2 = READ_ONCE(*(x + (r0 & 128)));\n"			/* 6 */
		 "\tr0 = atomic_dec_and_test(v);\n"				/* 7 RMW, 8 ASSIGN */
		 "\t(void)cmpxchg_acquire(x, 1, 2);\n"				/* 9 */
		 "\tatomic_add(3, v);\n"						/* 10 */
		 "\tsmp_mb__after_spinlock();\n\trcu_read_lock();\n"		/* 11, 12 */
		 "\tr0 = READ_ONCE(*r1) + 1;\n"					/* 13 hidden LOAD, 14 ASSIGN */
		 "}\n"
		 "P1(int **p, int *x) { rcu_assign_pointer(*p, x); synchronize_rcu(); }\n"
		 "locations [y]\nfilter (0:r0=0)\nexists (0:r1=x /\\ [q]=x /\\ 0:r2 != 1)\n", &t)) {
		const struct lt_thread *p0 = &t.threads[0];
		const struct lt_instr *in = p0->instrs;

		CHECK(t.com && !strcmp(t.com, "PodWW Rfe DpAddrdR Fre") && t.nmeta == 2 &&
		      !strcmp(t.meta[1].key, "Generator") &&
		      !strcmp(t.meta[1].value, "diy7 (version 7.56)"), "herd header kept");
		CHECK(t.nlocs == 6 && t.loc_type[2] == LT_T_PTR && t.init[2] == LT_PTR_VAL(1) &&
		      t.loc_type[3] == LT_T_ATOMIC && t.init[3] == 1 && t.loc_type[4] == LT_T_LOCK &&
		      !strcmp(t.locs[5], "q") && t.init[5] == LT_PTR_VAL(0), "init block types and pointers");
		CHECK(p0->nregs == 5 && p0->reg_ptr[1] && p0->reg_init[2] == 7 &&
		      p0->reg_init[3] == LT_PTR_VAL(1) && p0->reg_hidden[4], "registers");
		CHECK(p0->ninstrs == 15, "15 statements (%d)", p0->ninstrs);
		CHECK(in[1].op == LT_IF && in[1].then_end == 4 && in[1].else_end == 5 &&
		      t.exprs[in[1].val].kind == LT_E_BIN && t.exprs[in[1].val].op == LT_EQ, "if/else ranges");
		CHECK(in[2].op == LT_LOCK && in[2].loc == 4, "spin_lock");
		CHECK(in[3].op == LT_STORE && t.exprs[in[3].val].kind == LT_E_REG &&
		      t.exprs[in[3].val].reg == 0, "data dependency: WRITE_ONCE(*y, r0)");
		CHECK(in[4].op == LT_STORE && in[4].access == LT_PLAIN && in[4].value == 2, "plain store");
		CHECK(in[5].op == LT_LOAD && in[5].loc == 2 && in[5].reg == 1, "rcu_dereference");
		CHECK(in[6].op == LT_LOAD && in[6].loc == -1 && t.exprs[in[6].addr].kind == LT_E_BIN,
		      "address dependency");
		CHECK(in[7].op == LT_RMW && in[7].rmw == LT_RMW_SUB && in[7].ret == LT_RET_NEW &&
		      in[7].access == LT_MB && in[7].reg == 0 && in[8].op == LT_ASSIGN && in[8].reg == 0,
		      "atomic_dec_and_test: RMW then reg = (reg == 0)");
		CHECK(in[9].op == LT_RMW && in[9].rmw == LT_RMW_CMPXCHG && in[9].access == LT_ACQUIRE &&
		      in[9].reg == -1 && t.exprs[in[9].expect].value == 1 && t.exprs[in[9].val].value == 2,
		      "cmpxchg_acquire(x, old, new), value dropped");
		CHECK(in[10].op == LT_RMW && in[10].rmw == LT_RMW_ADD && in[10].ret == LT_RET_NONE &&
		      in[10].access == LT_ONCE && in[10].loc == 3 && t.exprs[in[10].val].value == 3,
		      "atomic_add(3, v): relaxed, no value");
		CHECK(in[11].op == LT_KFENCE && in[11].kf == LT_KF_AFTER_SPINLOCK &&
		      in[12].op == LT_RCU && in[12].rcu == LT_RCU_LOCK && t.has_rcu, "kernel fences, RCU");
		CHECK(in[13].op == LT_LOAD && in[13].reg == 4 && in[14].op == LT_ASSIGN &&
		      in[14].reg == 0, "a read inside an expression: hidden register");
		CHECK(t.threads[1].instrs[0].op == LT_STORE && t.threads[1].instrs[0].access == LT_RELEASE &&
		      t.exprs[t.threads[1].instrs[0].val].kind == LT_E_LOC, "rcu_assign_pointer(*p, x)");
		CHECK(t.filter && t.nshow == 1 && t.cond->kind == LT_C_AND &&
		      t.cond->a->kind == LT_C_AND && t.cond->a->a->ptr &&
		      t.cond->a->a->value == LT_PTR_VAL(0) && t.cond->b->kind == LT_C_NOT,
		      "filter, locations, pointer values, !=");
		lt_free(&t);
	}
}

/* Every litmus/<name>.litmus: parses, named after its file, Result agrees with the LKMM model. */
static void check_files(void)
{
	DIR *d = opendir("litmus");
	struct dirent *de;
	int n = 0;

	CHECK(d != NULL, "opendir litmus/ (run from the repository root)");
	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[512], err[256], name[256];
		struct lt_test t;
		bool allowed[MB_NMODELS];

		if (len < 8 || strcmp(de->d_name + len - 7, ".litmus"))
			continue;
		n++;
		snprintf(path, sizeof(path), "litmus/%s", de->d_name);
		snprintf(name, sizeof(name), "%.*s", (int)(len - 7), de->d_name);
		if (lt_parse_file(path, &t, err, sizeof(err))) {
			CHECK(0, "%s parses: %s", path, err);
			continue;
		}
		CHECK(!strcmp(t.name, name), "%s is named %s", path, t.name);
		CHECK(!strcmp(t.result, "Never") || !strcmp(t.result, "Sometimes") ||
		      !strcmp(t.result, "Always"), "%s has Result: %s", path, t.result);
		CHECK(t.doc && strlen(t.doc) > 20, "%s has a purpose paragraph", path);
		CHECK(t.quant == LT_EXISTS, "%s uses exists", path);
		lt_model_allowed(&t, t.has_slot ? B("smp.general") : MB_ID_NONE, allowed);
		CHECK(allowed[MB_LKMM] == !!strcmp(t.result, "Never"),
		      "%s: LKMM with fence()=smp_mb() says %s, file says %s", path,
		      allowed[MB_LKMM] ? "allowed" : "forbidden", t.result);
		lt_free(&t);
	}
	closedir(d);
	CHECK(n >= 12, "%d litmus files", n);
}

static unsigned long rng = 12345;

static unsigned rnd(void)
{
	rng = rng * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rng >> 33);
}

/* Truncations and mutations must fail cleanly, never crash. */
static void check_robust(void)
{
	static const char *const files[] = {
		"litmus/SB+fences.litmus", "litmus/IRIW+fences.litmus",
		"litmus/MP+pooncerelease+poacquireonce.litmus",
	};
	static const char junk[] = "(){};*=:~/\\ \n\t0123-aPrxWRITE_ONCE\x01\xff";
	int fails = 0, oks = 0, badmsg = 0;

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct lt_test t;
		char err[256];
		char *src;
		size_t len;

		if (lt_parse_file(files[f], &t, err, sizeof(err))) {
			CHECK(0, "%s parses: %s", files[f], err);
			continue;
		}
		src = strdup(t.source);
		len = strlen(src);
		lt_free(&t);
		for (size_t cut = 0; cut < len; cut++) {
			char *s = strndup(src, cut);

			if (lt_parse(s, "cut", &t, err, sizeof(err))) {
				fails++;
				badmsg += strncmp(err, "cut:", 4) != 0;
			} else {
				oks++;
			}
			lt_free(&t);
			free(s);
		}
		for (int it = 0; it < 3000; it++) {
			char *s = strdup(src);
			int k = 1 + (int)(rnd() % 4);

			for (int j = 0; j < k; j++)
				s[rnd() % len] = junk[rnd() % (sizeof(junk) - 1)];
			if (lt_parse(s, "mut", &t, err, sizeof(err))) {
				fails++;
				badmsg += strncmp(err, "mut:", 4) != 0;
			} else {
				bool a[MB_NMODELS];

				oks++;
				lt_model_allowed(&t, B("smp.general"), a);	/* and the model copes */
			}
			lt_free(&t);
			free(s);
		}
		free(src);
	}
	CHECK(fails > 0 && badmsg == 0, "%d broken inputs rejected with a positioned message, %d accepted",
	      fails, oks);
	{
		struct lt_test t;
		char err[8];

		CHECK(lt_parse(HDR "\tfoo();\n}\nexists (x=1)\n", "a-long-path.litmus", &t, err, sizeof(err)) == -1 &&
		      strlen(err) == 7, "short err buffer is truncated, NUL-terminated");
		CHECK(lt_parse_file("litmus/no-such-file.litmus", &t, err, 0) == -1, "missing file, errlen 0");
	}
}

int main(void)
{
	check_errors();
	check_forms();
	check_kernel_forms();
	check_files();
	check_robust();
	return CHECK_DONE();
}
