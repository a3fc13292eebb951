/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse.c - herd7's C litmus format in the Linux kernel's
 * dialect (the macros of tools/memory-model/linux-kernel.def) -> struct
 * lt_test (src/litmus/ast.h).
 *
 * A hand-written lexer and recursive-descent parser.  Every error stops the
 * parse at the first offending token (longjmp back to lt_parse, which frees
 * what was built) with "path:line:col: message" naming that token: the
 * file is written by people, and a precise first error beats a list.
 * Nothing is trusted: every table has a bound checked before it is written,
 * the condition's nesting is bounded, and the text is read only up to its
 * terminating NUL.
 *
 * herd's "(* ... *)" comments are recognised only at top level (between
 * the header, the init block, the threads and the condition): inside a
 * thread "(*x" is the start of WRITE_ONCE's argument, not a comment.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/ast.h"

#define LT_MAX_COND_NODES	256
#define LT_MAX_COND_DEPTH	64
#define LT_MAX_FILE		(1 << 20)

/*
 * The fixed barriers a thread may call (src/barrier/id.h): the kernel
 * flavour, since the file means Linux's macro.  fence() and membarrier()
 * are membench's own (see src/litmus/ast.h).
 */
#define K_(kind, type)	MB_ID_INIT(MB_ROW_##kind##_##type, MB_KERNEL)
#define E_(kind, type)	MB_ID_INIT(MB_ROW_##kind##_##type, MB_EMITTED)
static const struct {
	const char *macro;
	struct mb_id barrier;	/* MB_ID_NONE: the fence() slot */
} lt_fences[] = {
	{ "smp_mb",	K_(smp, general) },
	{ "smp_rmb",	K_(smp, read) },
	{ "smp_wmb",	K_(smp, write) },
	{ "mb",		K_(mmio, general) },
	{ "rmb",	K_(mmio, read) },
	{ "wmb",	K_(mmio, write) },
	{ "dma_mb",	K_(dma, general) },
	{ "dma_rmb",	K_(dma, read) },
	{ "dma_wmb",	K_(dma, write) },
	{ "barrier",	E_(compiler, general) },
	{ "membarrier",	E_(process, general) },
	{ "fence",	MB_ID_INIT(-1, MB_EMITTED) },
};
#undef K_
#undef E_

enum tk { TK_EOF, TK_IDENT, TK_NUM, TK_PUNCT, TK_AND, TK_OR, TK_OP2 };

/* Two-character operators (TK_OP2), by their two bytes. */
#define OP2(a, b)	(((a) << 8) | (b))

struct tok {
	enum tk kind;
	const char *s;		/* spelling in the text */
	int len;
	int line, col;
	long val;		/* TK_NUM */
	char c;			/* TK_PUNCT */
	int op;			/* TK_OP2: OP2(first, second) */
};

struct parser {
	const char *path;
	const char *p;		/* next unread byte */
	int line, col;		/* of p */
	bool top;		/* "(*" opens a comment here */
	bool seen_comment;	/* the first top-level comment has been read */
	struct tok tk;		/* current token */
	struct lt_test *t;
	char *err;
	size_t errlen;
	jmp_buf jb;
	struct lt_cond *nodes[LT_MAX_COND_NODES];	/* freed on error */
	int nnodes, depth;
	unsigned params[LT_MAX_THREADS];	/* per thread: bit set of its locations */
	/* The init block, resolved once every thread has named its locations. */
	int ninit;
	struct {
		char name[32];
		int value, line, col;
		enum lt_type type;
		bool typed;		/* declared with a type (else only assigned) */
		char target[32];	/* pointer to this location, or "" */
		int tline, tcol;	/* where target was named */
	} init[LT_MAX_LOCS];
	/* "0:r1=v;" entries of the init block, resolved with the threads. */
	int nreginit;
	struct {
		int thread;
		char reg[16];
		int value;
		char target[32];
		int line, col;
	} reginit[LT_MAX_THREADS * LT_MAX_REGS];
	enum lt_type param_type[LT_MAX_THREADS][LT_MAX_LOCS];
};

static void perr(struct parser *ps, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

static void perr(struct parser *ps, int line, int col, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (ps->errlen) {
		n = snprintf(ps->err, ps->errlen, "%s:%d:%d: ", ps->path, line, col);
		if (n >= 0 && (size_t)n < ps->errlen) {
			va_start(ap, fmt);
			vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	longjmp(ps->jb, 1);
}

/* The current token as a message shows it: 'WRITE_ONCE', end of file. */
static const char *tokstr(const struct tok *tk, char *buf, size_t len)
{
	if (tk->kind == TK_EOF)
		return "end of file";
	snprintf(buf, len, "'%.*s'", tk->len > 40 ? 40 : tk->len, tk->s);
	return buf;
}

#define TOKSTR(tk) tokstr((tk), (char[48]){ 0 }, 48)

static void bump(struct parser *ps)
{
	if (*ps->p == '\n') {
		ps->line++;
		ps->col = 1;
	} else {
		ps->col++;
	}
	ps->p++;
}

/* The first top-level comment: "Result: X" and the paragraph after it. */
static void take_doc(struct parser *ps, const char *s, const char *e)
{
	struct lt_test *t = ps->t;
	const char *r = NULL, *q, *line;
	size_t cap, n = 0;
	char *doc;
	bool started = false;

	for (q = s; q + 7 <= e; q++)
		if (!strncmp(q, "Result:", 7)) {
			r = q;
			break;
		}
	if (r) {
		size_t k = 0;

		for (q = r + 7; q < e && (*q == ' ' || *q == '\t'); q++)
			;
		while (q < e && k + 1 < sizeof(t->result) &&
		       ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
			t->result[k++] = *q++;
		t->result[k] = '\0';
		while (q < e && *q != '\n')
			q++;
		s = q;
	}
	cap = (size_t)(e - s) + 1;
	doc = malloc(cap);
	if (!doc)
		return;
	for (line = s; line < e; ) {
		const char *le = memchr(line, '\n', (size_t)(e - line));
		const char *b, *lend;

		if (!le)
			le = e;
		for (b = line; b < le && (*b == ' ' || *b == '\t'); b++)
			;
		if (b < le && *b == '*')
			b++;
		while (b < le && (*b == ' ' || *b == '\t'))
			b++;
		for (lend = le; lend > b && (lend[-1] == ' ' || lend[-1] == '\t' ||
					     lend[-1] == '\r'); lend--)
			;
		if (lend == b) {
			if (started)
				break;
		} else {
			if (started)
				doc[n++] = ' ';
			memcpy(doc + n, b, (size_t)(lend - b));
			n += (size_t)(lend - b);
			started = true;
		}
		line = le + 1;
	}
	doc[n] = '\0';
	if (!started) {
		free(doc);
		return;
	}
	t->doc = doc;
}

static void skip_space(struct parser *ps)
{
	for (;;) {
		const char *p = ps->p;

		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\f' || *p == '\v') {
			bump(ps);
		} else if (p[0] == '/' && p[1] == '/') {
			while (*ps->p && *ps->p != '\n')
				bump(ps);
		} else if (p[0] == '/' && p[1] == '*') {
			int l = ps->line, c = ps->col;

			bump(ps);
			bump(ps);
			while (*ps->p && !(ps->p[0] == '*' && ps->p[1] == '/'))
				bump(ps);
			if (!*ps->p)
				perr(ps, l, c, "unterminated comment '/*'");
			bump(ps);
			bump(ps);
		} else if (ps->top && p[0] == '(' && p[1] == '*') {
			/* OCaml-style: these nest. */
			int l = ps->line, c = ps->col, depth = 1;
			const char *start = p + 2;

			bump(ps);
			bump(ps);
			while (*ps->p && depth) {
				if (ps->p[0] == '(' && ps->p[1] == '*') {
					depth++;
					bump(ps);
				} else if (ps->p[0] == '*' && ps->p[1] == ')') {
					depth--;
					bump(ps);
				}
				bump(ps);
			}
			if (depth)
				perr(ps, l, c, "unterminated comment '(*'");
			if (!ps->seen_comment) {
				ps->seen_comment = true;
				take_doc(ps, start, ps->p - 2);
			}
		} else {
			return;
		}
	}
}

static bool is_ident0(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void next(struct parser *ps)
{
	struct tok *tk = &ps->tk;
	const char *p;

	skip_space(ps);
	p = ps->p;
	tk->s = p;
	tk->line = ps->line;
	tk->col = ps->col;
	tk->len = 1;
	tk->val = 0;
	tk->c = 0;
	if (!*p) {
		tk->kind = TK_EOF;
		tk->len = 0;
		return;
	}
	if (is_ident0(*p)) {
		while (is_ident0(*ps->p) || is_digit(*ps->p))
			bump(ps);
		tk->kind = TK_IDENT;
		tk->len = (int)(ps->p - p);
		return;
	}
	if (is_digit(*p)) {
		long v = 0;
		int i = 0, base = 10;

		while (is_digit(*ps->p) || is_ident0(*ps->p))
			bump(ps);
		tk->kind = TK_NUM;
		tk->len = (int)(ps->p - p);
		if (tk->len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			base = 16;
			i = 2;
		}
		for (; i < tk->len; i++) {
			int d;

			if (is_digit(p[i]))
				d = p[i] - '0';
			else if (base == 16 && p[i] >= 'a' && p[i] <= 'f')
				d = p[i] - 'a' + 10;
			else if (base == 16 && p[i] >= 'A' && p[i] <= 'F')
				d = p[i] - 'A' + 10;
			else
				perr(ps, tk->line, tk->col, "bad number %s", TOKSTR(tk));
			v = v * base + d;
			if (v > INT_MAX)
				perr(ps, tk->line, tk->col, "integer %s out of range", TOKSTR(tk));
		}
		tk->val = v;
		return;
	}
	if ((p[0] == '/' && p[1] == '\\') || (p[0] == '\\' && p[1] == '/')) {
		tk->kind = p[0] == '/' ? TK_AND : TK_OR;
		tk->len = 2;
		bump(ps);
		bump(ps);
		return;
	}
	{
		static const char *const ops[] = {
			"==", "!=", "<=", ">=", "<<", ">>", "&&", "||", NULL
		};

		for (int i = 0; ops[i]; i++)
			if (p[0] == ops[i][0] && p[1] == ops[i][1]) {
				tk->kind = TK_OP2;
				tk->op = OP2(p[0], p[1]);
				tk->len = 2;
				bump(ps);
				bump(ps);
				return;
			}
	}
	if (strchr("(){}[],;*=:~&-+!<>|^/%", *p)) {
		tk->kind = TK_PUNCT;
		tk->c = *p;
		bump(ps);
		return;
	}
	if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
		perr(ps, tk->line, tk->col, "unexpected character '%c'", *p);
	perr(ps, tk->line, tk->col, "unexpected byte 0x%02x", (unsigned char)*p);
}

static bool is_punct(const struct parser *ps, char c)
{
	return ps->tk.kind == TK_PUNCT && ps->tk.c == c;
}

static bool is_word(const struct parser *ps, const char *w)
{
	return ps->tk.kind == TK_IDENT && (size_t)ps->tk.len == strlen(w) &&
	       !strncmp(ps->tk.s, w, (size_t)ps->tk.len);
}

static void expect(struct parser *ps, char c, const char *what)
{
	if (!is_punct(ps, c))
		perr(ps, ps->tk.line, ps->tk.col, "expected '%c' %s, found %s",
		     c, what, TOKSTR(&ps->tk));
	next(ps);
}

/* Copy the current identifier into buf (bounded), or fail. */
static void take_ident(struct parser *ps, char *buf, size_t len, const char *what)
{
	if (ps->tk.kind != TK_IDENT)
		perr(ps, ps->tk.line, ps->tk.col, "expected %s, found %s",
		     what, TOKSTR(&ps->tk));
	if ((size_t)ps->tk.len >= len)
		perr(ps, ps->tk.line, ps->tk.col, "%s %s is too long (at most %zu characters)",
		     what, TOKSTR(&ps->tk), len - 1);
	memcpy(buf, ps->tk.s, (size_t)ps->tk.len);
	buf[ps->tk.len] = '\0';
}

/* ['-'] NUM, as an int (the init block and conditions). */
static int take_int(struct parser *ps)
{
	bool neg = false;
	long v;

	if (is_punct(ps, '-')) {
		neg = true;
		next(ps);
	}
	if (ps->tk.kind != TK_NUM)
		perr(ps, ps->tk.line, ps->tk.col, "expected an integer constant, found %s",
		     TOKSTR(&ps->tk));
	v = neg ? -ps->tk.val : ps->tk.val;
	next(ps);
	return (int)v;
}

static bool tok_is(const struct tok *tk, const char *w)
{
	return tk->kind == TK_IDENT && (size_t)tk->len == strlen(w) &&
	       !strncmp(tk->s, w, (size_t)tk->len);
}

static int find_loc(const struct lt_test *t, const char *s, int len)
{
	for (int i = 0; i < t->nlocs; i++)
		if ((size_t)len == strlen(t->locs[i]) && !strncmp(s, t->locs[i], (size_t)len))
			return i;
	return -1;
}

static int find_reg(const struct lt_thread *th, const char *s, int len)
{
	for (int i = 0; i < th->nregs; i++)
		if ((size_t)len == strlen(th->regs[i]) && !strncmp(s, th->regs[i], (size_t)len))
			return i;
	return -1;
}

/* A location thread `thread` may name: one of its parameters, else -1. */
static int thread_loc(struct parser *ps, int thread, const struct tok *tk)
{
	int l = find_loc(ps->t, tk->s, tk->len);

	return l >= 0 && (ps->params[thread] & (1u << l)) ? l : -1;
}

static struct lt_instr *new_instr(struct parser *ps, int thread, const struct tok *at)
{
	struct lt_thread *th = &ps->t->threads[thread];
	struct lt_instr *in;

	if (th->ninstrs >= LT_MAX_INSTRS)
		perr(ps, at->line, at->col, "too many statements in P%d (at most %d)",
		     thread, LT_MAX_INSTRS);
	in = &th->instrs[th->ninstrs++];
	memset(in, 0, sizeof(*in));
	in->loc = -1;
	in->reg = -1;
	in->addr = -1;
	in->val = -1;
	in->expect = -1;
	in->barrier = MB_ID_NONE;
	in->line = at->line;
	in->col = at->col;
	snprintf(in->source, sizeof(in->source), "%.*s", at->len > 31 ? 31 : at->len, at->s);
	return in;
}

/* ---- expressions ---- */

static int new_expr(struct parser *ps, enum lt_expr_kind k, const struct tok *at)
{
	struct lt_test *t = ps->t;
	struct lt_expr *e;

	if (t->nexprs >= LT_MAX_EXPRS)
		perr(ps, at->line, at->col, "expressions too long (at most %d terms in a test)",
		     LT_MAX_EXPRS);
	e = &t->exprs[t->nexprs];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->reg = -1;
	e->loc = -1;
	e->a = -1;
	e->b = -1;
	return t->nexprs++;
}

static int const_expr(struct parser *ps, int v, const struct tok *at)
{
	int e = new_expr(ps, LT_E_CONST, at);

	ps->t->exprs[e].value = v;
	return e;
}

static int reg_expr(struct parser *ps, int thread, int reg, const struct tok *at)
{
	int e = new_expr(ps, LT_E_REG, at);

	ps->t->exprs[e].reg = reg;
	ps->t->exprs[e].ptr = ps->t->threads[thread].reg_ptr[reg];
	return e;
}

/* A register the parser makes for a value read inside an expression. */
static int hidden_reg(struct parser *ps, int thread, const struct tok *at)
{
	struct lt_thread *th = &ps->t->threads[thread];
	int r = th->nregs;

	/* one over the bound is allowed while a statement is parsed: r0 = READ_ONCE(*x)
	 * passes its value through a hidden register that the assignment drops */
	if (r > LT_MAX_REGS)
		perr(ps, at->line, at->col,
		     "too many registers in P%d (at most %d, one per value read inside an expression)",
		     thread, LT_MAX_REGS);
	snprintf(th->regs[r], sizeof(th->regs[r]), "#t%d", r);
	th->reg_hidden[r] = true;
	th->nregs++;
	return r;
}

static int parse_expr(struct parser *ps, int thread);

/* A C type name for casts and declarations: int, intptr_t ... (no '*'). */
static bool is_int_type(const struct tok *tk)
{
	return tok_is(tk, "int") || tok_is(tk, "intptr_t") || tok_is(tk, "void");
}

/*
 * What each kernel macro that reads or writes memory is (herd's
 * linux-kernel.def).  args: how the location is passed (LVAL: `*p`,
 * as READ_ONCE(*x); PTR: the pointer, as smp_load_acquire(x)).
 */
enum call_kind { CK_LOAD, CK_STORE, CK_RMW, CK_LOCK, CK_UNLOCK, CK_TRYLOCK, CK_ISLOCKED,
		 CK_KFENCE, CK_RCU, CK_SRCU };
enum arg_kind { LVAL, PTR };

struct call_def {
	const char *name;
	enum call_kind kind;
	enum arg_kind arg;
	enum lt_access access;
	enum lt_rmw rmw;
	enum lt_rmw_ret ret;
	int order;	/* argument order: 0 (X, V[, W]); 1 (V, X) as atomic_add(V, X) */
	int test;	/* 0; '0': reg = (new == 0); '<': reg = (new < 0) */
	int sub;	/* kfence / rcu kind */
};

static const struct call_def lt_calls[] = {
	{ "READ_ONCE",		CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "WRITE_ONCE",		CK_STORE, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "smp_load_acquire",	CK_LOAD, PTR, LT_ACQUIRE, 0, 0, 0, 0, 0 },
	{ "smp_store_release",	CK_STORE, PTR, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "rcu_dereference",	CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "lockless_dereference", CK_LOAD, LVAL, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "rcu_assign_pointer",	CK_STORE, LVAL, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "atomic_read",	CK_LOAD, PTR, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "atomic_set",		CK_STORE, PTR, LT_ONCE, 0, 0, 0, 0, 0 },
	{ "atomic_read_acquire", CK_LOAD, PTR, LT_ACQUIRE, 0, 0, 0, 0, 0 },
	{ "atomic_set_release",	CK_STORE, PTR, LT_RELEASE, 0, 0, 0, 0, 0 },
	{ "spin_lock",		CK_LOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_unlock",	CK_UNLOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_trylock",	CK_TRYLOCK, PTR, 0, 0, 0, 0, 0, 0 },
	{ "spin_is_locked",	CK_ISLOCKED, PTR, 0, 0, 0, 0, 0, 0 },
	{ "smp_mb__before_atomic", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_BEFORE_ATOMIC },
	{ "smp_mb__after_atomic", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_ATOMIC },
	{ "smp_mb__after_spinlock", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_SPINLOCK },
	{ "smp_mb__after_unlock_lock", CK_KFENCE, PTR, 0, 0, 0, 0, 0, LT_KF_AFTER_UNLOCK_LOCK },
	{ "rcu_read_lock",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_LOCK },
	{ "rcu_read_unlock",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_UNLOCK },
	{ "synchronize_rcu",	CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_SYNC },
	{ "synchronize_rcu_expedited", CK_RCU, PTR, 0, 0, 0, 0, 0, LT_RCU_SYNC },
	{ "srcu_read_lock",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "srcu_read_unlock",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "synchronize_srcu",	CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "synchronize_srcu_expedited", CK_SRCU, PTR, 0, 0, 0, 0, 0, 0 },
	{ "atomic_add_unless",	CK_RMW, PTR, LT_MB, LT_RMW_ADD_UNLESS, LT_RET_DONE, 0, 0, 0 },
	{ "atomic_inc_not_zero", CK_RMW, PTR, LT_MB, LT_RMW_ADD_UNLESS, LT_RET_DONE, 0, 0, 0 },
	{ "atomic_sub_and_test", CK_RMW, PTR, LT_MB, LT_RMW_SUB, LT_RET_NEW, 1, '0', 0 },
	{ "atomic_dec_and_test", CK_RMW, PTR, LT_MB, LT_RMW_SUB, LT_RET_NEW, 0, '0', 0 },
	{ "atomic_inc_and_test", CK_RMW, PTR, LT_MB, LT_RMW_ADD, LT_RET_NEW, 0, '0', 0 },
	{ "atomic_add_negative", CK_RMW, PTR, LT_MB, LT_RMW_ADD, LT_RET_NEW, 1, '<', 0 },
};

/* The RMW families with _relaxed/_acquire/_release variants. */
static const struct {
	const char *stem;
	enum lt_rmw rmw;
	enum lt_rmw_ret ret;
	int nargs;	/* besides the location: 0 (inc/dec), 1 (V), 2 (cmpxchg: old, new) */
	int order;	/* 1: atomic_add(V, X) */
} lt_rmws[] = {
	{ "xchg", LT_RMW_XCHG, LT_RET_OLD, 1, 0 },
	{ "cmpxchg", LT_RMW_CMPXCHG, LT_RET_OLD, 2, 0 },
	{ "atomic_xchg", LT_RMW_XCHG, LT_RET_OLD, 1, 0 },
	{ "atomic_cmpxchg", LT_RMW_CMPXCHG, LT_RET_OLD, 2, 0 },
	{ "atomic_add_return", LT_RMW_ADD, LT_RET_NEW, 1, 1 },
	{ "atomic_sub_return", LT_RMW_SUB, LT_RET_NEW, 1, 1 },
	{ "atomic_inc_return", LT_RMW_ADD, LT_RET_NEW, 0, 0 },
	{ "atomic_dec_return", LT_RMW_SUB, LT_RET_NEW, 0, 0 },
	{ "atomic_fetch_add", LT_RMW_ADD, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_sub", LT_RMW_SUB, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_inc", LT_RMW_ADD, LT_RET_OLD, 0, 0 },
	{ "atomic_fetch_dec", LT_RMW_SUB, LT_RET_OLD, 0, 0 },
	{ "atomic_fetch_and", LT_RMW_AND, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_or", LT_RMW_OR, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_xor", LT_RMW_XOR, LT_RET_OLD, 1, 1 },
	{ "atomic_fetch_andnot", LT_RMW_ANDNOT, LT_RET_OLD, 1, 1 },
	/* void: no variants, relaxed (herd's __atomic_op) */
	{ "atomic_add", LT_RMW_ADD, LT_RET_NONE, 1, 1 },
	{ "atomic_sub", LT_RMW_SUB, LT_RET_NONE, 1, 1 },
	{ "atomic_inc", LT_RMW_ADD, LT_RET_NONE, 0, 0 },
	{ "atomic_dec", LT_RMW_SUB, LT_RET_NONE, 0, 0 },
	{ "atomic_and", LT_RMW_AND, LT_RET_NONE, 1, 1 },
	{ "atomic_or", LT_RMW_OR, LT_RET_NONE, 1, 1 },
	{ "atomic_xor", LT_RMW_XOR, LT_RET_NONE, 1, 1 },
	{ "atomic_andnot", LT_RMW_ANDNOT, LT_RET_NONE, 1, 1 },
};

/* Name -> call_def (RMW families built into *tmp).  NULL: not a kernel macro. */
static const struct call_def *lookup_call(const struct tok *tk, struct call_def *tmp)
{
	static const struct { const char *sfx; enum lt_access acc; } variants[] = {
		{ "", LT_MB }, { "_relaxed", LT_ONCE }, { "_acquire", LT_ACQUIRE },
		{ "_release", LT_RELEASE },
	};

	for (size_t i = 0; i < sizeof(lt_calls) / sizeof(lt_calls[0]); i++)
		if (tok_is(tk, lt_calls[i].name))
			return &lt_calls[i];
	for (size_t i = 0; i < sizeof(lt_rmws) / sizeof(lt_rmws[0]); i++) {
		size_t sl = strlen(lt_rmws[i].stem);

		if ((size_t)tk->len < sl || strncmp(tk->s, lt_rmws[i].stem, sl))
			continue;
		for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
			if ((size_t)tk->len != sl + strlen(variants[v].sfx) ||
			    strncmp(tk->s + sl, variants[v].sfx, strlen(variants[v].sfx)))
				continue;
			if (lt_rmws[i].ret == LT_RET_NONE && v)
				continue;
			memset(tmp, 0, sizeof(*tmp));
			tmp->name = lt_rmws[i].stem;
			tmp->kind = CK_RMW;
			tmp->arg = PTR;
			tmp->access = lt_rmws[i].ret == LT_RET_NONE ? LT_ONCE : variants[v].acc;
			tmp->rmw = lt_rmws[i].rmw;
			tmp->ret = lt_rmws[i].ret;
			tmp->order = lt_rmws[i].order;
			tmp->sub = lt_rmws[i].nargs;
			return tmp;
		}
	}
	return NULL;
}

static bool is_fence_macro(const struct tok *tk, size_t *idx)
{
	for (size_t i = 0; i < sizeof(lt_fences) / sizeof(lt_fences[0]); i++)
		if (tok_is(tk, lt_fences[i].macro)) {
			*idx = i;
			return true;
		}
	return false;
}

/* The address argument of a macro: `*e` (LVAL) or `e` (PTR); an expr index. */
static int parse_addr_arg(struct parser *ps, int thread, enum arg_kind arg, const struct tok *fn)
{
	struct tok at = ps->tk;
	int e;

	if (arg == LVAL) {
		if (!is_punct(ps, '*'))
			perr(ps, at.line, at.col, "%s takes '*p' (as %.*s(*x)), found %s",
			     TOKSTR(fn), fn->len, fn->s, TOKSTR(&at));
		next(ps);
		e = parse_expr(ps, thread);
	} else {
		e = parse_expr(ps, thread);
	}
	if (ps->t->exprs[e].kind == LT_E_CONST)
		perr(ps, at.line, at.col, "%s of a constant address: name a location", TOKSTR(fn));
	return e;
}

/* The location an address expression names when it is constant, else -1. */
static int const_loc(const struct lt_test *t, int e)
{
	return t->exprs[e].kind == LT_E_LOC ? t->exprs[e].loc : -1;
}

/* Does the location an address expression names have this type (when known)? */
static void check_loc_type(struct parser *ps, int thread, int e, const struct tok *fn,
			   const struct tok *at, bool lock)
{
	int l = const_loc(ps->t, e);
	enum lt_type ty;

	if (l < 0)
		return;
	ty = ps->param_type[thread][l];
	if (lock && ty != LT_T_LOCK)
		perr(ps, at->line, at->col, "%s needs a spinlock_t, but '%s' is not one",
		     TOKSTR(fn), ps->t->locs[l]);
	if (!lock && ty == LT_T_LOCK)
		perr(ps, at->line, at->col, "%s of the spinlock_t '%s'", TOKSTR(fn), ps->t->locs[l]);
}

/*
 * A kernel macro call at fn (the '(' is current).  Emits its statement;
 * returns the register expression of its value, or -1 for a void call.
 */
static int parse_call(struct parser *ps, int thread, const struct tok *fn)
{
	struct lt_test *t = ps->t;
	struct call_def tmp;
	const struct call_def *d = lookup_call(fn, &tmp);
	struct lt_instr *in;
	size_t fi;
	int addr = -1, v = -1, w = -1, reg = -1;
	struct tok aat;

	next(ps);	/* '(' */
	if (!d) {
		if (is_fence_macro(fn, &fi)) {
			if (!is_punct(ps, ')'))
				perr(ps, ps->tk.line, ps->tk.col, "%s takes no arguments, found %s",
				     TOKSTR(fn), TOKSTR(&ps->tk));
			next(ps);
			in = new_instr(ps, thread, fn);
			in->op = LT_FENCE;
			snprintf(in->source, sizeof(in->source), "%s()", lt_fences[fi].macro);
			in->barrier = lt_fences[fi].barrier;
			if (!mb_id_valid(in->barrier)) {
				in->slot = true;
				t->has_slot = true;
			}
			return -1;
		}
		perr(ps, fn->line, fn->col, "%s is not supported", TOKSTR(fn));
	}
	switch (d->kind) {
	case CK_KFENCE:
	case CK_RCU:
		if (!is_punct(ps, ')'))
			perr(ps, ps->tk.line, ps->tk.col, "%s takes no arguments, found %s",
			     TOKSTR(fn), TOKSTR(&ps->tk));
		next(ps);
		in = new_instr(ps, thread, fn);
		if (d->kind == CK_KFENCE) {
			in->op = LT_KFENCE;
			in->kf = (enum lt_kfence)d->sub;
		} else {
			in->op = LT_RCU;
			in->rcu = (enum lt_rcu)d->sub;
			t->has_rcu = true;
		}
		return -1;
	case CK_SRCU:
		perr(ps, fn->line, fn->col, "SRCU (%.*s) is not supported", fn->len, fn->s);
	default:
		break;
	}
	/* The location argument (second for atomic_add(V, X) ...). */
	if (d->kind == CK_RMW && d->order == 1) {
		v = parse_expr(ps, thread);
		expect(ps, ',', "after the value");
	}
	aat = ps->tk;
	addr = parse_addr_arg(ps, thread, d->arg, fn);
	check_loc_type(ps, thread, addr, fn, &aat,
		       d->kind == CK_LOCK || d->kind == CK_UNLOCK || d->kind == CK_TRYLOCK ||
		       d->kind == CK_ISLOCKED);
	if (d->kind == CK_STORE) {
		expect(ps, ',', "after the location");
		v = parse_expr(ps, thread);
	} else if (d->kind == CK_RMW && d->order == 0) {
		int nargs = d == &tmp ? d->sub :
			    d->rmw == LT_RMW_ADD_UNLESS ? (tok_is(fn, "atomic_inc_not_zero") ? 0 : 2) : 0;

		if (nargs >= 1) {
			expect(ps, ',', "after the location");
			v = parse_expr(ps, thread);
		}
		if (nargs == 2) {
			expect(ps, ',', "after the value");
			w = parse_expr(ps, thread);
		}
	}
	expect(ps, ')', "to close the call");
	in = new_instr(ps, thread, fn);
	in->access = d->access;
	in->addr = addr;
	in->loc = const_loc(t, addr);
	switch (d->kind) {
	case CK_LOAD:
		in->op = LT_LOAD;
		break;
	case CK_STORE:
		in->op = LT_STORE;
		in->val = v;
		if (t->exprs[v].kind == LT_E_CONST)
			in->value = t->exprs[v].value;
		return -1;
	case CK_LOCK:
		in->op = LT_LOCK;
		return -1;
	case CK_UNLOCK:
		in->op = LT_UNLOCK;
		return -1;
	case CK_TRYLOCK:
		in->op = LT_TRYLOCK;
		break;
	case CK_ISLOCKED:
		in->op = LT_ISLOCKED;
		break;
	case CK_RMW:
		in->op = LT_RMW;
		in->rmw = d->rmw;
		in->ret = d->ret;
		if (d->rmw == LT_RMW_CMPXCHG) {
			in->expect = v;		/* cmpxchg(X, old, new) */
			in->val = w;
		} else if (d->rmw == LT_RMW_ADD_UNLESS) {
			/* atomic_add_unless(X, a, u); atomic_inc_not_zero(X) = (X, 1, 0) */
			in->val = v >= 0 ? v : const_expr(ps, 1, fn);
			in->expect = w >= 0 ? w : const_expr(ps, 0, fn);
		} else {
			in->val = v >= 0 ? v : const_expr(ps, 1, fn);
		}
		if (d->ret == LT_RET_NONE)
			return -1;
		break;
	default:
		break;
	}
	reg = hidden_reg(ps, thread, fn);
	in->reg = reg;
	if (in->op == LT_LOAD && in->loc >= 0 && t->loc_type[in->loc] == LT_T_PTR)
		t->threads[thread].reg_ptr[reg] = true;
	if (in->op == LT_RMW && d->test) {
		/* reg = (new == 0) or (new < 0): an LT_ASSIGN on the same register */
		struct lt_instr *as = new_instr(ps, thread, fn);
		int cmp = new_expr(ps, LT_E_BIN, fn);

		t->exprs[cmp].op = d->test == '0' ? LT_EQ : LT_LT;
		t->exprs[cmp].a = reg_expr(ps, thread, reg, fn);
		t->exprs[cmp].b = const_expr(ps, 0, fn);
		as->op = LT_ASSIGN;
		as->reg = reg;
		as->val = cmp;
	}
	return reg_expr(ps, thread, reg, fn);
}

static int parse_unary_expr(struct parser *ps, int thread);

static int parse_primary(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	struct tok at = ps->tk;
	int e;

	if (at.kind == TK_NUM) {
		next(ps);
		return const_expr(ps, (int)at.val, &at);
	}
	if (is_punct(ps, '(')) {
		struct tok nx;

		next(ps);
		nx = ps->tk;
		if (is_int_type(&nx)) {		/* a cast: (int), (void), (int *) */
			next(ps);
			while (is_punct(ps, '*'))
				next(ps);
			expect(ps, ')', "to close the cast");
			return parse_unary_expr(ps, thread);
		}
		e = parse_expr(ps, thread);
		expect(ps, ')', "to close '('");
		return e;
	}
	if (at.kind != TK_IDENT)
		perr(ps, at.line, at.col, "expected an expression, found %s", TOKSTR(&at));
	next(ps);
	if (is_punct(ps, '('))
		return parse_call(ps, thread, &at);
	{
		int r = find_reg(th, at.s, at.len), l;

		if (r >= 0 && !th->reg_hidden[r])
			return reg_expr(ps, thread, r, &at);
		l = thread_loc(ps, thread, &at);
		if (l >= 0) {
			e = new_expr(ps, LT_E_LOC, &at);
			t->exprs[e].loc = l;
			t->exprs[e].ptr = true;
			return e;
		}
		if (find_loc(t, at.s, at.len) >= 0)
			perr(ps, at.line, at.col, "undeclared location %s: not a parameter of P%d",
			     TOKSTR(&at), thread);
		perr(ps, at.line, at.col, "undeclared location %s: not a parameter of P%d",
		     TOKSTR(&at), thread);
	}
}

/* e, an operand: a call without a value (a fence, -1) cannot be one. */
static int valued(struct parser *ps, int e, const struct tok *at)
{
	if (e < 0)
		perr(ps, at->line, at->col, "a call without a value used as an operand of %s",
		     TOKSTR(at));
	return e;
}

static int parse_unary_expr(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	int e, a;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		perr(ps, at.line, at.col, "expression nested too deeply (at most %d)",
		     LT_MAX_COND_DEPTH);
	if (is_punct(ps, '-') || is_punct(ps, '!') || is_punct(ps, '~')) {
		char op = at.c;

		next(ps);
		a = valued(ps, parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST && op == '-') {
			t->exprs[a].value = -t->exprs[a].value;
			e = a;
		} else {
			e = new_expr(ps, LT_E_UN, &at);
			t->exprs[e].op = op;
			t->exprs[e].a = a;
		}
	} else if (is_punct(ps, '+')) {
		next(ps);
		e = parse_unary_expr(ps, thread);
	} else if (is_punct(ps, '&')) {
		int l;

		next(ps);
		if (ps->tk.kind != TK_IDENT || (l = thread_loc(ps, thread, &ps->tk)) < 0)
			perr(ps, ps->tk.line, ps->tk.col, "'&' takes a location of P%d, found %s",
			     thread, TOKSTR(&ps->tk));
		next(ps);
		e = new_expr(ps, LT_E_LOC, &at);
		t->exprs[e].loc = l;
		t->exprs[e].ptr = true;
	} else if (is_punct(ps, '*')) {
		/* a plain read: its own LT_LOAD into a hidden register */
		struct lt_instr *in;
		int r;

		next(ps);
		a = valued(ps, parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST)
			perr(ps, at.line, at.col, "'*' of a constant: name a location");
		in = new_instr(ps, thread, &at);
		in->op = LT_LOAD;
		in->access = LT_PLAIN;
		in->addr = a;
		in->loc = const_loc(t, a);
		snprintf(in->source, sizeof(in->source), "*");
		r = hidden_reg(ps, thread, &at);
		in->reg = r;
		check_loc_type(ps, thread, a, &at, &at, false);
		if (in->loc >= 0 && t->loc_type[in->loc] == LT_T_PTR)
			t->threads[thread].reg_ptr[r] = true;
		e = reg_expr(ps, thread, r, &at);
	} else {
		e = parse_primary(ps, thread);
	}
	ps->depth--;
	return e;
}

/* Binary operators by C precedence (higher binds tighter). */
static int binop(const struct tok *tk, int *prec)
{
	if (tk->kind == TK_OP2) {
		switch (tk->op) {
		case OP2('|', '|'): *prec = 1; return LT_LOR;
		case OP2('&', '&'): *prec = 2; return LT_LAND;
		case OP2('=', '='): *prec = 6; return LT_EQ;
		case OP2('!', '='): *prec = 6; return LT_NE;
		case OP2('<', '='): *prec = 7; return LT_LE;
		case OP2('>', '='): *prec = 7; return LT_GE;
		case OP2('<', '<'): *prec = 8; return LT_SHL;
		case OP2('>', '>'): *prec = 8; return LT_SHR;
		}
		return -1;
	}
	if (tk->kind != TK_PUNCT)
		return -1;
	switch (tk->c) {
	case '|': *prec = 3; return LT_BOR;
	case '^': *prec = 4; return LT_BXOR;
	case '&': *prec = 5; return LT_BAND;
	case '<': *prec = 7; return LT_LT;
	case '>': *prec = 7; return LT_GT;
	case '+': *prec = 9; return LT_ADD;
	case '-': *prec = 9; return LT_SUB;
	case '*': *prec = 10; return LT_MUL;
	case '/': *prec = 10; return LT_DIV;
	case '%': *prec = 10; return LT_MOD;
	}
	return -1;
}

static int parse_binary(struct parser *ps, int thread, int min)
{
	struct lt_test *t = ps->t;
	int lhs = parse_unary_expr(ps, thread);

	for (;;) {
		struct tok at = ps->tk;
		int prec = 0, op = binop(&at, &prec), rhs, e;

		if (op < 0 || prec < min)
			return lhs;
		next(ps);
		if (++ps->depth > LT_MAX_COND_DEPTH)
			perr(ps, at.line, at.col, "expression nested too deeply (at most %d)",
			     LT_MAX_COND_DEPTH);
		valued(ps, lhs, &at);
		rhs = valued(ps, parse_binary(ps, thread, prec + 1), &at);
		ps->depth--;
		e = new_expr(ps, LT_E_BIN, &at);
		t->exprs[e].op = op;
		t->exprs[e].a = lhs;
		t->exprs[e].b = rhs;
		t->exprs[e].ptr = (op == LT_ADD || op == LT_SUB) &&
				  (t->exprs[lhs].ptr || (op == LT_ADD && t->exprs[rhs].ptr));
		lhs = e;
	}
}

static int parse_expr(struct parser *ps, int thread)
{
	return parse_binary(ps, thread, 1);
}

/* ---- statements ---- */

/* Forget hidden register r if it is the last one (its value went to a named register). */
static void drop_hidden(struct parser *ps, int thread, int r)
{
	struct lt_thread *th = &ps->t->threads[thread];

	if (r == th->nregs - 1 && th->reg_hidden[r]) {
		th->nregs--;
		th->reg_hidden[r] = false;
		th->reg_ptr[r] = false;
		th->regs[r][0] = '\0';
	}
}

/*
 * reg = e: when e is the hidden register the last statement just wrote,
 * that statement writes reg instead (r0 = READ_ONCE(*x) is one LT_LOAD);
 * otherwise an LT_ASSIGN.
 */
static void assign(struct parser *ps, int thread, int reg, int e, const struct tok *at)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	const struct lt_expr *x = &t->exprs[e];
	struct lt_instr *in;

	if (x->kind == LT_E_REG && th->reg_hidden[x->reg]) {
		int h = x->reg, n = 0;

		/* every statement writing h (an _and_test is an RMW then an ASSIGN) */
		for (int i = th->ninstrs - 1; i >= 0 && n < 2; i--, n++)
			if (th->instrs[i].reg == h) {
				th->instrs[i].reg = reg;
				if (th->instrs[i].op == LT_ASSIGN && th->instrs[i].val >= 0) {
					int c = th->instrs[i].val;

					if (t->exprs[c].a >= 0 && t->exprs[t->exprs[c].a].kind == LT_E_REG &&
					    t->exprs[t->exprs[c].a].reg == h)
						t->exprs[t->exprs[c].a].reg = reg;
				}
			}
		if (th->reg_ptr[h])
			th->reg_ptr[reg] = true;
		/* the statement is where its text starts: "r0 = ..." at r0 */
		th->instrs[th->ninstrs - 1].line = at->line;
		th->instrs[th->ninstrs - 1].col = at->col;
		drop_hidden(ps, thread, h);
		return;
	}
	in = new_instr(ps, thread, at);
	in->op = LT_ASSIGN;
	in->reg = reg;
	in->val = e;
	snprintf(in->source, sizeof(in->source), "=");
	if (x->ptr)
		th->reg_ptr[reg] = true;
}

static void add_reg(struct parser *ps, int thread, const struct tok *at, bool ptr, int *reg)
{
	struct lt_thread *th = &ps->t->threads[thread];

	if (find_reg(th, at->s, at->len) >= 0 && !th->reg_hidden[find_reg(th, at->s, at->len)])
		perr(ps, at->line, at->col, "register %s declared twice", TOKSTR(at));
	if (thread_loc(ps, thread, at) >= 0)
		perr(ps, at->line, at->col, "register %s shadows a location", TOKSTR(at));
	if (th->nregs >= LT_MAX_REGS)
		perr(ps, at->line, at->col, "too many registers in P%d: %s (at most %d)",
		     thread, TOKSTR(at), LT_MAX_REGS);
	if ((size_t)at->len >= sizeof(th->regs[0]))
		perr(ps, at->line, at->col, "register name %s is too long (at most %zu characters)",
		     TOKSTR(at), sizeof(th->regs[0]) - 1);
	memcpy(th->regs[th->nregs], at->s, (size_t)at->len);
	th->regs[th->nregs][at->len] = '\0';
	th->reg_ptr[th->nregs] = ptr;
	*reg = th->nregs++;
}

/* "int r0, *r1 = READ_ONCE(*x);" (after the type). */
static void parse_decl(struct parser *ps, int thread)
{
	for (;;) {
		struct tok at;
		bool ptr = false;
		int reg;

		while (is_punct(ps, '*')) {
			ptr = true;
			next(ps);
		}
		if (ps->tk.kind != TK_IDENT)
			perr(ps, ps->tk.line, ps->tk.col, "expected a register name, found %s",
			     TOKSTR(&ps->tk));
		at = ps->tk;
		add_reg(ps, thread, &at, ptr, &reg);
		next(ps);
		if (is_punct(ps, '=')) {
			int e;

			next(ps);
			e = parse_expr(ps, thread);
			if (ps->t->exprs[e].kind == LT_E_CONST)	/* int r0 = 1: its initial value */
				ps->t->threads[thread].reg_init[reg] = ps->t->exprs[e].value;
			else
				assign(ps, thread, reg, e, &at);
		}
		if (is_punct(ps, ';')) {
			next(ps);
			return;
		}
		expect(ps, ',', "or ';' in the declaration");
	}
}

static const char *const lt_unsupported_kw[] = {
	"while", "for", "do", "switch", "return", "goto", "break", "continue", NULL
};

static void parse_statement(struct parser *ps, int thread);

/* Type names a thread may not declare registers of, in the file's words. */
static bool looks_like_type(const struct parser *ps, const struct tok *at)
{
	(void)ps;
	return at->kind == TK_IDENT &&
	       ((at->len > 2 && !strncmp(at->s + at->len - 2, "_t", 2)) ||
		tok_is(at, "long") || tok_is(at, "unsigned") || tok_is(at, "char") ||
		tok_is(at, "short") || tok_is(at, "struct") || tok_is(at, "bool") ||
		tok_is(at, "float") || tok_is(at, "double") || tok_is(at, "signed"));
}

static void parse_block_or_stmt(struct parser *ps, int thread)
{
	if (is_punct(ps, '{')) {
		next(ps);
		while (!is_punct(ps, '}')) {
			if (ps->tk.kind == TK_EOF)
				perr(ps, ps->tk.line, ps->tk.col,
				     "unexpected end of file in a block of P%d", thread);
			parse_statement(ps, thread);
		}
		next(ps);
	} else {
		parse_statement(ps, thread);
	}
}

static void parse_statement(struct parser *ps, int thread)
{
	struct lt_test *t = ps->t;
	struct lt_thread *th = &t->threads[thread];
	struct tok at = ps->tk;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		perr(ps, at.line, at.col, "statements nested too deeply (at most %d)",
		     LT_MAX_COND_DEPTH);
	if (is_punct(ps, ';')) {
		next(ps);
	} else if (is_punct(ps, '{')) {
		parse_block_or_stmt(ps, thread);
	} else if (is_int_type(&at) && !tok_is(&at, "void")) {
		next(ps);
		parse_decl(ps, thread);
	} else if (is_word(ps, "volatile") || is_word(ps, "const")) {
		next(ps);
		if (!is_int_type(&ps->tk))
			perr(ps, ps->tk.line, ps->tk.col, "type %s is not supported for a register",
			     TOKSTR(&ps->tk));
		next(ps);
		parse_decl(ps, thread);
	} else if (is_word(ps, "if")) {
		struct lt_instr *in;
		int cond, i;

		next(ps);
		expect(ps, '(', "after 'if'");
		cond = parse_expr(ps, thread);
		expect(ps, ')', "to close the condition of 'if'");
		in = new_instr(ps, thread, &at);
		in->op = LT_IF;
		in->val = cond;
		i = (int)(in - th->instrs);
		parse_block_or_stmt(ps, thread);
		th->instrs[i].then_end = th->ninstrs;
		if (is_word(ps, "else")) {
			next(ps);
			parse_block_or_stmt(ps, thread);
		}
		th->instrs[i].else_end = th->ninstrs;
	} else if (is_word(ps, "else")) {
		perr(ps, at.line, at.col, "'else' without 'if'");
	} else if (at.kind == TK_IDENT && find_reg(th, at.s, at.len) >= 0 &&
		   !th->reg_hidden[find_reg(th, at.s, at.len)]) {
		int reg = find_reg(th, at.s, at.len), e;

		next(ps);
		if (!is_punct(ps, '='))
			perr(ps, ps->tk.line, ps->tk.col, "expected '=' after register %s, found %s",
			     TOKSTR(&at), TOKSTR(&ps->tk));
		next(ps);
		e = parse_expr(ps, thread);
		assign(ps, thread, reg, e, &at);
		expect(ps, ';', "after the statement");
	} else if (is_punct(ps, '*')) {
		/* a plain store: *e = v */
		struct lt_instr *in;
		int a, v;

		next(ps);
		a = valued(ps, parse_unary_expr(ps, thread), &at);
		if (t->exprs[a].kind == LT_E_CONST)
			perr(ps, at.line, at.col, "'*' of a constant: name a location");
		if (!is_punct(ps, '='))
			perr(ps, ps->tk.line, ps->tk.col,
			     "expected '=' after the plain access, found %s", TOKSTR(&ps->tk));
		next(ps);
		v = parse_expr(ps, thread);
		check_loc_type(ps, thread, a, &at, &at, false);
		in = new_instr(ps, thread, &at);
		in->op = LT_STORE;
		in->access = LT_PLAIN;
		in->addr = a;
		in->loc = const_loc(t, a);
		in->val = v;
		if (t->exprs[v].kind == LT_E_CONST)
			in->value = t->exprs[v].value;
		snprintf(in->source, sizeof(in->source), "*");
		expect(ps, ';', "after the statement");
	} else if (at.kind == TK_IDENT || is_punct(ps, '(')) {
		int e;

		for (int i = 0; lt_unsupported_kw[i]; i++)
			if (is_word(ps, lt_unsupported_kw[i]))
				perr(ps, at.line, at.col, "'%s' is not supported: litmus threads are"
				     " straight-line code with if/else", lt_unsupported_kw[i]);
		if (looks_like_type(ps, &at))
			perr(ps, at.line, at.col, "type %s is not supported for a register",
			     TOKSTR(&at));
		if (at.kind == TK_IDENT && thread_loc(ps, thread, &at) >= 0) {
			struct tok nx;

			next(ps);
			nx = ps->tk;
			if (is_punct(ps, '='))
				perr(ps, at.line, at.col,
				     "assignment to location %s: write *%.*s = v or WRITE_ONCE(*%.*s, v)",
				     TOKSTR(&at), at.len, at.s, at.len, at.s);
			perr(ps, nx.line, nx.col, "unexpected %s after location %s",
			     TOKSTR(&nx), TOKSTR(&at));
		}
		if (at.kind == TK_IDENT) {
			struct tok nx;
			struct call_def tmp;
			size_t fi;

			next(ps);
			nx = ps->tk;
			if (is_punct(ps, '=') )
				perr(ps, at.line, at.col, "unknown register %s: declare it with 'int'",
				     TOKSTR(&at));
			if (!is_punct(ps, '('))
				perr(ps, nx.line, nx.col, "expected '(' or '=' after %s, found %s",
				     TOKSTR(&at), TOKSTR(&nx));
			if (!lookup_call(&at, &tmp) && !is_fence_macro(&at, &fi))
				perr(ps, at.line, at.col, "unknown macro %s", TOKSTR(&at));
			e = parse_call(ps, thread, &at);
			/* further operators on a call's value: (void) or an expression */
			if (!is_punct(ps, ';')) {
				int prec;

				if (binop(&ps->tk, &prec) < 0 || e < 0)
					perr(ps, ps->tk.line, ps->tk.col, "expected ';' after the statement, found %s",
					     TOKSTR(&ps->tk));
				perr(ps, ps->tk.line, ps->tk.col,
				     "an expression's value must be assigned to a register");
			}
		} else {
			e = parse_expr(ps, thread);
		}
		/* a value nobody keeps: its statement writes no register */
		if (e >= 0 && t->exprs[e].kind == LT_E_REG && th->reg_hidden[t->exprs[e].reg]) {
			int h = t->exprs[e].reg;

			/* an _and_test's comparison goes; the RMW stays */
			if (th->ninstrs && th->instrs[th->ninstrs - 1].op == LT_ASSIGN &&
			    th->instrs[th->ninstrs - 1].reg == h)
				th->ninstrs--;
			if (th->ninstrs && th->instrs[th->ninstrs - 1].reg == h)
				th->instrs[th->ninstrs - 1].reg = -1;
			drop_hidden(ps, thread, h);
		}
		expect(ps, ';', "after the statement");
	} else {
		perr(ps, at.line, at.col, "expected a statement, found %s", TOKSTR(&at));
	}
	if (th->nregs > LT_MAX_REGS)
		perr(ps, at.line, at.col,
		     "too many registers in P%d (at most %d, one per value read inside an expression)",
		     thread, LT_MAX_REGS);
	ps->depth--;
}

/* "int *x", "int **p", "atomic_t *v", "spinlock_t *l" -> the location's type. */
static enum lt_type param_type(struct parser *ps)
{
	struct tok at = ps->tk;
	enum lt_type ty;
	int stars = 0;

	if (is_word(ps, "volatile") || is_word(ps, "const"))
		next(ps), at = ps->tk;
	if (is_word(ps, "int") || is_word(ps, "intptr_t"))
		ty = LT_T_INT;
	else if (is_word(ps, "atomic_t"))
		ty = LT_T_ATOMIC;
	else if (is_word(ps, "spinlock_t"))
		ty = LT_T_LOCK;
	else if (ps->tk.kind == TK_IDENT)
		perr(ps, at.line, at.col, "type %s is not supported", TOKSTR(&at));
	else
		perr(ps, at.line, at.col, "expected a parameter type, found %s", TOKSTR(&at));
	next(ps);
	if (is_word(ps, "volatile"))
		next(ps);
	while (is_punct(ps, '*')) {
		stars++;
		next(ps);
	}
	if (stars == 0)
		perr(ps, ps->tk.line, ps->tk.col, "expected '*' in the parameter (a location is "
		     "passed by pointer: '%.*s *name'), found %s", at.len, at.s, TOKSTR(&ps->tk));
	if (stars > 2 || (stars == 2 && ty != LT_T_INT))
		perr(ps, at.line, at.col, "parameter type '%.*s %.*s' is not supported",
		     at.len, at.s, stars, "**");
	return stars == 2 ? LT_T_PTR : ty;
}

/* At "Pn": "Pn(int *x, int *y) { ... }". */
static void parse_thread(struct parser *ps)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	long n = 0;
	int thread;

	for (int i = 1; i < at.len; i++) {
		n = n * 10 + (at.s[i] - '0');
		if (n > 1000)
			break;
	}
	if (n >= LT_MAX_THREADS && n >= t->nthreads)
		perr(ps, at.line, at.col, "too many threads: %s (at most %d)",
		     TOKSTR(&at), LT_MAX_THREADS);
	if (n != t->nthreads)
		perr(ps, at.line, at.col, "thread numbering gap: expected P%d, found %s",
		     t->nthreads, TOKSTR(&at));
	thread = t->nthreads++;
	next(ps);
	expect(ps, '(', "after the thread name");
	for (int nparams = 0; !is_punct(ps, ')'); nparams++) {
		enum lt_type ty;
		int l;

		if (nparams) {
			if (!is_punct(ps, ','))
				perr(ps, ps->tk.line, ps->tk.col,
				     "expected ',' or ')' in the parameters, found %s", TOKSTR(&ps->tk));
			next(ps);
		}
		ty = param_type(ps);
		if (ps->tk.kind != TK_IDENT)
			perr(ps, ps->tk.line, ps->tk.col, "expected a location name, found %s",
			     TOKSTR(&ps->tk));
		l = find_loc(t, ps->tk.s, ps->tk.len);
		if (l < 0) {
			if (t->nlocs >= LT_MAX_LOCS)
				perr(ps, ps->tk.line, ps->tk.col, "too many locations: %s (at most %d)",
				     TOKSTR(&ps->tk), LT_MAX_LOCS);
			take_ident(ps, t->locs[t->nlocs], sizeof(t->locs[0]), "location name");
			l = t->nlocs++;
			t->loc_type[l] = ty;
		} else if (ty != LT_T_INT) {
			t->loc_type[l] = ty;
		}
		if (ps->params[thread] & (1u << l))
			perr(ps, ps->tk.line, ps->tk.col, "parameter %s given twice", TOKSTR(&ps->tk));
		ps->params[thread] |= 1u << l;
		ps->param_type[thread][l] = ty;
		next(ps);
	}
	next(ps);
	if (!is_punct(ps, '{'))
		perr(ps, ps->tk.line, ps->tk.col, "expected '{' to open the body of P%d, found %s",
		     thread, TOKSTR(&ps->tk));
	ps->top = false;
	next(ps);
	while (!is_punct(ps, '}')) {
		if (ps->tk.kind == TK_EOF)
			perr(ps, ps->tk.line, ps->tk.col, "unexpected end of file in the body of P%d",
			     thread);
		parse_statement(ps, thread);
	}
	ps->top = true;
	next(ps);
}

/* A location's initial value: N, &y, y (herd: a pointer to y), ATOMIC_INIT(N). */
static void init_value(struct parser *ps, int i)
{
	if (is_punct(ps, '&'))
		next(ps);
	if (ps->tk.kind == TK_IDENT && is_word(ps, "ATOMIC_INIT")) {
		next(ps);
		expect(ps, '(', "after ATOMIC_INIT");
		ps->init[i].value = take_int(ps);
		expect(ps, ')', "to close ATOMIC_INIT");
		if (!ps->init[i].typed)
			ps->init[i].type = LT_T_ATOMIC;
	} else if (ps->tk.kind == TK_IDENT) {
		take_ident(ps, ps->init[i].target, sizeof(ps->init[i].target), "location name");
		ps->init[i].tline = ps->tk.line;
		ps->init[i].tcol = ps->tk.col;
		ps->init[i].type = LT_T_PTR;
		next(ps);
	} else {
		ps->init[i].value = take_int(ps);
	}
}

/* "0:r1=v;" in the init block (at the thread number). */
static void init_reg(struct parser *ps)
{
	struct tok at = ps->tk;
	int k = ps->nreginit;

	if (k >= LT_MAX_THREADS * LT_MAX_REGS)
		perr(ps, at.line, at.col, "too many register initialisations");
	if (at.val >= LT_MAX_THREADS)
		perr(ps, at.line, at.col, "no thread %ld (at most %d threads)", at.val, LT_MAX_THREADS);
	ps->reginit[k].thread = (int)at.val;
	ps->reginit[k].line = at.line;
	ps->reginit[k].col = at.col;
	next(ps);
	expect(ps, ':', "in 'thread:register=value'");
	take_ident(ps, ps->reginit[k].reg, sizeof(ps->reginit[k].reg), "register name");
	next(ps);
	expect(ps, '=', "after the register");
	if (is_punct(ps, '&'))
		next(ps);
	if (ps->tk.kind == TK_IDENT) {
		take_ident(ps, ps->reginit[k].target, sizeof(ps->reginit[k].target), "location name");
		next(ps);
	} else {
		ps->reginit[k].value = take_int(ps);
	}
	ps->nreginit++;
}

/* At '{' at top level: "{ x=1; int y = 2; int *p = &x; atomic_t v = ATOMIC_INIT(1); }". */
static void parse_init(struct parser *ps)
{
	next(ps);
	while (!is_punct(ps, '}')) {
		enum lt_type ty = LT_T_INT;
		bool typed = false;

		if (is_punct(ps, ';')) {
			next(ps);
			continue;
		}
		if (ps->tk.kind == TK_NUM) {
			init_reg(ps);
			if (!is_punct(ps, '}'))
				expect(ps, ';', "after the initialisation");
			continue;
		}
		if (is_word(ps, "volatile") || is_word(ps, "const"))
			next(ps);
		if (is_word(ps, "int") || is_word(ps, "intptr_t")) {
			typed = true;
			next(ps);
		} else if (is_word(ps, "atomic_t")) {
			typed = true;
			ty = LT_T_ATOMIC;
			next(ps);
		} else if (is_word(ps, "spinlock_t")) {
			typed = true;
			ty = LT_T_LOCK;
			next(ps);
		} else if (ps->tk.kind == TK_IDENT) {
			/* "type name" with an unknown type: say so in its words */
			const char *q = ps->p;

			while (*q == ' ' || *q == '\t' || *q == '*')
				q++;
			if (looks_like_type(ps, &ps->tk) || is_ident0(*q)) {
				if (is_word(ps, "struct") && is_ident0(*q)) {
					const char *e = q;

					while (is_ident0(*e) || is_digit(*e))
						e++;
					perr(ps, ps->tk.line, ps->tk.col,
					     "type 'struct %.*s' is not supported", (int)(e - q), q);
				}
				perr(ps, ps->tk.line, ps->tk.col, "type %s is not supported",
				     TOKSTR(&ps->tk));
			}
		}
		for (;;) {
			struct tok at;
			enum lt_type lty = ty;
			int i = ps->ninit;

			while (is_punct(ps, '*')) {
				if (lty != LT_T_INT)
					perr(ps, ps->tk.line, ps->tk.col,
					     "pointers to atomic_t or spinlock_t are not supported");
				lty = LT_T_PTR;
				next(ps);
			}
			if (ps->tk.kind != TK_IDENT)
				perr(ps, ps->tk.line, ps->tk.col,
				     "expected a location name in the init block, found %s",
				     TOKSTR(&ps->tk));
			at = ps->tk;
			for (int j = 0; j < ps->ninit; j++)
				if ((size_t)at.len == strlen(ps->init[j].name) &&
				    !strncmp(at.s, ps->init[j].name, (size_t)at.len))
					perr(ps, at.line, at.col, "location %s initialised twice",
					     TOKSTR(&at));
			if (ps->ninit >= LT_MAX_LOCS)
				perr(ps, at.line, at.col, "too many locations: %s (at most %d)",
				     TOKSTR(&at), LT_MAX_LOCS);
			memset(&ps->init[i], 0, sizeof(ps->init[i]));
			take_ident(ps, ps->init[i].name, sizeof(ps->init[0].name), "location name");
			ps->init[i].line = at.line;
			ps->init[i].col = at.col;
			ps->init[i].type = lty;
			ps->init[i].typed = typed;
			ps->ninit++;
			next(ps);
			if (is_punct(ps, '=')) {
				next(ps);
				if (lty == LT_T_LOCK)
					perr(ps, ps->tk.line, ps->tk.col,
					     "a spinlock_t starts unlocked: no initial value");
				init_value(ps, i);
			}
			if (!is_punct(ps, ','))
				break;
			next(ps);
		}
		if (!is_punct(ps, '}'))
			expect(ps, ';', "after the initialisation");
	}
	next(ps);
}

static int add_loc(struct parser *ps, const char *name, int line, int col)
{
	struct lt_test *t = ps->t;
	int l = find_loc(t, name, (int)strlen(name));

	if (l >= 0)
		return l;
	if (t->nlocs >= LT_MAX_LOCS)
		perr(ps, line, col, "too many locations: '%s' (at most %d)", name, LT_MAX_LOCS);
	snprintf(t->locs[t->nlocs], sizeof(t->locs[0]), "%s", name);
	return t->nlocs++;
}

/* Init entries -> t->init, t->loc_type, registers' initial values. */
static void resolve_init(struct parser *ps)
{
	struct lt_test *t = ps->t;

	for (int i = 0; i < ps->ninit; i++) {
		int l = add_loc(ps, ps->init[i].name, ps->init[i].line, ps->init[i].col);

		if (ps->init[i].type != LT_T_INT)
			t->loc_type[l] = ps->init[i].type;
		t->init[l] = ps->init[i].value;
	}
	/* targets after every name is known: "p = y" may name y later */
	for (int i = 0; i < ps->ninit; i++) {
		int l = find_loc(t, ps->init[i].name, (int)strlen(ps->init[i].name)), tl;

		if (!ps->init[i].target[0])
			continue;
		/* herd: a name an initialiser points to is a location */
		tl = add_loc(ps, ps->init[i].target, ps->init[i].tline, ps->init[i].tcol);
		t->init[l] = LT_PTR_VAL(tl);
		t->loc_type[l] = LT_T_PTR;
	}
	for (int k = 0; k < ps->nreginit; k++) {
		struct lt_thread *th;
		int r;

		if (ps->reginit[k].thread >= t->nthreads)
			perr(ps, ps->reginit[k].line, ps->reginit[k].col,
			     "unknown thread in '%d:%s': the test has P0..P%d",
			     ps->reginit[k].thread, ps->reginit[k].reg, t->nthreads - 1);
		th = &t->threads[ps->reginit[k].thread];
		r = find_reg(th, ps->reginit[k].reg, (int)strlen(ps->reginit[k].reg));
		if (r < 0) {	/* herd: initialising a register declares it */
			if (th->nregs >= LT_MAX_REGS)
				perr(ps, ps->reginit[k].line, ps->reginit[k].col,
				     "too many registers in P%d: '%s' (at most %d)",
				     ps->reginit[k].thread, ps->reginit[k].reg, LT_MAX_REGS);
			r = th->nregs++;
			snprintf(th->regs[r], sizeof(th->regs[r]), "%s", ps->reginit[k].reg);
		}
		if (ps->reginit[k].target[0]) {
			int tl = add_loc(ps, ps->reginit[k].target, ps->reginit[k].line,
					 ps->reginit[k].col);

			th->reg_init[r] = LT_PTR_VAL(tl);
			th->reg_ptr[r] = true;
		} else {
			th->reg_init[r] = ps->reginit[k].value;
		}
	}
	ps->ninit = 0;
	ps->nreginit = 0;
	/* a register loaded from a pointer location holds a pointer */
	for (int k = 0; k < t->nthreads; k++)
		for (int i = 0; i < t->threads[k].ninstrs; i++) {
			const struct lt_instr *in = &t->threads[k].instrs[i];

			if ((in->op == LT_LOAD || in->op == LT_RMW) && in->reg >= 0 && in->loc >= 0 &&
			    t->loc_type[in->loc] == LT_T_PTR)
				t->threads[k].reg_ptr[in->reg] = true;
		}
}

static struct lt_cond *new_node(struct parser *ps, enum lt_cond_kind k, const struct tok *at)
{
	struct lt_cond *c;

	if (ps->nnodes >= LT_MAX_COND_NODES)
		perr(ps, at->line, at->col, "condition too long (at most %d terms)", LT_MAX_COND_NODES);
	c = calloc(1, sizeof(*c));
	if (!c)
		perr(ps, at->line, at->col, "out of memory");
	ps->nodes[ps->nnodes++] = c;
	c->kind = k;
	return c;
}

static void note_cond_loc(struct lt_test *t, int l)
{
	for (int i = 0; i < t->ncond_locs; i++)
		if (t->cond_locs[i] == l)
			return;
	t->cond_locs[t->ncond_locs++] = l;
}

/* The value of a condition term: N, or a location name (a pointer to it). */
static void cond_value(struct parser *ps, struct lt_cond *c)
{
	if (ps->tk.kind == TK_IDENT) {
		int l = find_loc(ps->t, ps->tk.s, ps->tk.len);

		if (l < 0)
			perr(ps, ps->tk.line, ps->tk.col, "undeclared location %s in the condition",
			     TOKSTR(&ps->tk));
		c->value = LT_PTR_VAL(l);
		c->ptr = true;
		next(ps);
		return;
	}
	if (is_punct(ps, '&')) {
		next(ps);
		cond_value(ps, c);
		return;
	}
	c->value = take_int(ps);
}

/* "N:reg" at a number token: the thread and register. */
static void cond_reg(struct parser *ps, int *thread, int *reg)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	int th = (int)at.val;

	next(ps);
	expect(ps, ':', "in 'thread:register=value'");
	if (ps->tk.kind != TK_IDENT)
		perr(ps, ps->tk.line, ps->tk.col, "expected a register name after '%ld:', found %s",
		     at.val, TOKSTR(&ps->tk));
	if (th >= t->nthreads)
		perr(ps, at.line, at.col, "unknown thread in '%d:%.*s': the test has P0..P%d",
		     th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s, t->nthreads - 1);
	*reg = find_reg(&t->threads[th], ps->tk.s, ps->tk.len);
	if (*reg < 0 || t->threads[th].reg_hidden[*reg])
		perr(ps, ps->tk.line, ps->tk.col, "unknown register '%d:%.*s'",
		     th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s);
	*thread = th;
	next(ps);
}

static struct lt_cond *parse_or(struct parser *ps);

static struct lt_cond *parse_unary(struct parser *ps)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	struct lt_cond *c;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		perr(ps, at.line, at.col, "condition nested too deeply (at most %d)",
		     LT_MAX_COND_DEPTH);
	if (is_punct(ps, '~') || is_punct(ps, '!')) {
		next(ps);
		c = new_node(ps, LT_C_NOT, &at);
		c->a = parse_unary(ps);
	} else if (is_punct(ps, '(')) {
		next(ps);
		c = parse_or(ps);
		expect(ps, ')', "to close the condition's '('");
	} else if (is_word(ps, "true") || is_word(ps, "false")) {
		c = new_node(ps, LT_C_TRUE, &at);
		if (is_word(ps, "false")) {
			struct lt_cond *n = new_node(ps, LT_C_NOT, &at);

			n->a = c;
			c = n;
		}
		next(ps);
	} else if (at.kind == TK_NUM || at.kind == TK_IDENT || is_punct(ps, '[')) {
		bool ne = false;
		int th = -1, reg = -1, l = -1;

		if (at.kind == TK_NUM) {
			cond_reg(ps, &th, &reg);
		} else if (is_punct(ps, '[')) {		/* herd's [x]: the memory location x */
			next(ps);
			l = ps->tk.kind == TK_IDENT ? find_loc(t, ps->tk.s, ps->tk.len) : -1;
			if (l < 0)
				perr(ps, ps->tk.line, ps->tk.col, "expected a location in '[...]', found %s",
				     TOKSTR(&ps->tk));
			next(ps);
			expect(ps, ']', "to close '[location'");
		} else {
			l = find_loc(t, at.s, at.len);
			if (l < 0)
				perr(ps, at.line, at.col, "undeclared location %s in the condition",
				     TOKSTR(&at));
			next(ps);
		}
		if (ps->tk.kind == TK_OP2 && ps->tk.op == OP2('!', '=')) {
			ne = true;
			next(ps);
		} else if (ps->tk.kind == TK_OP2 && ps->tk.op == OP2('=', '=')) {
			next(ps);
		} else {
			expect(ps, '=', th >= 0 ? "after the register" : "after the location");
		}
		c = new_node(ps, th >= 0 ? LT_C_REG_EQ : LT_C_LOC_EQ, &at);
		c->thread = th;
		c->reg = reg;
		c->loc = l;
		cond_value(ps, c);
		if (l >= 0)
			note_cond_loc(t, l);
		if (ne) {
			struct lt_cond *n = new_node(ps, LT_C_NOT, &at);

			n->a = c;
			c = n;
		}
	} else {
		perr(ps, at.line, at.col, "expected a condition term, found %s", TOKSTR(&at));
	}
	ps->depth--;
	return c;
}

static struct lt_cond *parse_and(struct parser *ps)
{
	struct lt_cond *c = parse_unary(ps);

	while (ps->tk.kind == TK_AND) {
		struct tok at = ps->tk;
		struct lt_cond *n;

		next(ps);
		n = new_node(ps, LT_C_AND, &at);
		n->a = c;
		n->b = parse_unary(ps);
		c = n;
	}
	return c;
}

static struct lt_cond *parse_or(struct parser *ps)
{
	struct lt_cond *c = parse_and(ps);

	while (ps->tk.kind == TK_OR) {
		struct tok at = ps->tk;
		struct lt_cond *n;

		next(ps);
		n = new_node(ps, LT_C_OR, &at);
		n->a = c;
		n->b = parse_and(ps);
		c = n;
	}
	return c;
}

/* The rest of a header line from p, trimmed, into buf (bounded). */
static void take_line(struct parser *ps, char *buf, size_t len)
{
	const char *s = ps->p;
	size_t n;

	while (*ps->p && *ps->p != '\n')
		bump(ps);
	n = (size_t)(ps->p - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/*
 * "C name" on the first non-blank line, then herd's optional header: a
 * quoted doc string and Key=value lines (Cycle=, Relax=, Safe=, Generator=,
 * Prefetch=, Com=, Orig= ... any key), kept as metadata.
 */
static void parse_header(struct parser *ps)
{
	struct lt_test *t = ps->t;
	const char *s;
	size_t n;

	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		bump(ps);
	s = ps->p;
	if (!is_ident0(*s)) {
		if (!*s)
			perr(ps, ps->line, ps->col, "empty file: expected 'C <name>'");
		perr(ps, ps->line, ps->col, "expected 'C <name>' header line");
	}
	while (is_ident0(*ps->p) || is_digit(*ps->p))
		bump(ps);
	n = (size_t)(ps->p - s);
	if (n != 1 || *s != 'C')
		perr(ps, ps->line, ps->col - (int)n,
		     "unsupported architecture '%.*s': only C litmus tests ('C <name>')",
		     n > 40 ? 40 : (int)n, s);
	while (*ps->p == ' ' || *ps->p == '\t')
		bump(ps);
	s = ps->p;
	while (*ps->p && *ps->p != ' ' && *ps->p != '\t' && *ps->p != '\n' && *ps->p != '\r')
		bump(ps);
	n = (size_t)(ps->p - s);
	if (!n)
		perr(ps, ps->line, ps->col, "missing test name after 'C'");
	if (n >= sizeof(t->name))
		perr(ps, ps->line, ps->col - (int)n, "test name too long (at most %zu characters)",
		     sizeof(t->name) - 1);
	memcpy(t->name, s, n);
	t->name[n] = '\0';
	while (*ps->p && *ps->p != '\n')	/* the rest of the name line */
		bump(ps);
	for (;;) {
		const char *q;

		while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
			bump(ps);
		if (*ps->p == '"') {
			int l = ps->line, c = ps->col;

			if (t->com)
				perr(ps, l, c, "a second doc string in the header");
			bump(ps);
			s = ps->p;
			while (*ps->p && *ps->p != '"')
				bump(ps);
			if (!*ps->p)
				perr(ps, l, c, "unterminated doc string '\"'");
			t->com = strndup(s, (size_t)(ps->p - s));
			if (!t->com)
				perr(ps, l, c, "out of memory");
			bump(ps);
			continue;
		}
		for (q = ps->p; is_ident0(*q) || is_digit(*q); q++)
			;
		if (q == ps->p || *q != '=' || q[1] == '=')
			return;
		if (t->nmeta >= LT_MAX_META)
			perr(ps, ps->line, ps->col, "too many header lines 'Key=value' (at most %d)",
			     LT_MAX_META);
		n = (size_t)(q - ps->p);
		snprintf(t->meta[t->nmeta].key, sizeof(t->meta[0].key), "%.*s",
			 (int)(n < sizeof(t->meta[0].key) ? n : sizeof(t->meta[0].key) - 1), ps->p);
		while (ps->p <= q)
			bump(ps);
		take_line(ps, t->meta[t->nmeta].value, sizeof(t->meta[0].value));
		t->nmeta++;
	}
}

/* "locations [x; 0:r0; y;]" -> t->show (and the locations recorded). */
static void parse_locations(struct parser *ps)
{
	struct lt_test *t = ps->t;

	next(ps);
	expect(ps, '[', "after 'locations'");
	while (!is_punct(ps, ']')) {
		struct tok at = ps->tk;
		struct lt_show *s;

		if (is_punct(ps, ';')) {
			next(ps);
			continue;
		}
		if (t->nshow >= LT_MAX_SHOW)
			perr(ps, at.line, at.col, "too many 'locations' (at most %d)", LT_MAX_SHOW);
		s = &t->show[t->nshow];
		s->thread = -1;
		s->reg = -1;
		s->loc = -1;
		if (at.kind == TK_NUM) {
			cond_reg(ps, &s->thread, &s->reg);
		} else if (at.kind == TK_IDENT) {
			s->loc = find_loc(t, at.s, at.len);
			if (s->loc < 0)
				perr(ps, at.line, at.col, "undeclared location %s in 'locations'",
				     TOKSTR(&at));
			note_cond_loc(t, s->loc);
			next(ps);
		} else {
			perr(ps, at.line, at.col, "expected a location or 'thread:register', found %s",
			     TOKSTR(&at));
		}
		t->nshow++;
	}
	next(ps);
}

static void parse_all(struct parser *ps)
{
	struct lt_test *t = ps->t;
	bool have_init = false, resolved = false;

	parse_header(ps);
	ps->top = true;
	next(ps);
	for (;;) {
		struct tok at = ps->tk;

		if (is_punct(ps, '{')) {
			if (have_init || t->nthreads)
				perr(ps, at.line, at.col, "init block must come once, before the threads");
			have_init = true;
			parse_init(ps);
		} else if (at.kind == TK_IDENT && at.len >= 2 && at.s[0] == 'P' &&
			   is_digit(at.s[1])) {
			if (resolved)
				perr(ps, at.line, at.col, "thread %s after 'locations' or 'filter'",
				     TOKSTR(&at));
			for (int i = 1; i < at.len; i++)
				if (!is_digit(at.s[i]))
					perr(ps, at.line, at.col, "bad thread name %s", TOKSTR(&at));
			parse_thread(ps);
		} else if (is_word(ps, "locations") || is_word(ps, "filter")) {
			if (!t->nthreads)
				perr(ps, at.line, at.col, "%s before any thread", TOKSTR(&at));
			if (!resolved)
				resolve_init(ps);
			resolved = true;
			if (is_word(ps, "locations")) {
				parse_locations(ps);
			} else {
				if (t->filter)
					perr(ps, at.line, at.col, "a second 'filter'");
				next(ps);
				t->filter = parse_or(ps);
			}
		} else if (is_word(ps, "exists") || is_word(ps, "forall") || is_punct(ps, '~')) {
			if (is_punct(ps, '~')) {
				next(ps);
				if (!is_word(ps, "exists"))
					perr(ps, ps->tk.line, ps->tk.col, "expected 'exists' after '~', found %s",
					     TOKSTR(&ps->tk));
				t->quant = LT_NOT_EXISTS;
			} else {
				t->quant = is_word(ps, "exists") ? LT_EXISTS : LT_FORALL;
			}
			if (!t->nthreads)
				perr(ps, at.line, at.col, "condition before any thread");
			if (!resolved)
				resolve_init(ps);
			next(ps);
			t->cond = parse_or(ps);
			while (is_word(ps, "locations")) {
				parse_locations(ps);
			}
			if (ps->tk.kind != TK_EOF)
				perr(ps, ps->tk.line, ps->tk.col, "unexpected %s after the condition",
				     TOKSTR(&ps->tk));
			return;
		} else if (at.kind == TK_EOF) {
			perr(ps, at.line, at.col, "missing 'exists' clause");
		} else {
			perr(ps, at.line, at.col, "unexpected %s at top level: expected a thread 'Pn(...)' or 'exists'",
			     TOKSTR(&at));
		}
	}
}

/* setjmp in a frame of its own: no local of lt_parse lives across longjmp. */
static int run_parse(struct parser *ps)
{
	if (setjmp(ps->jb))
		return -1;
	parse_all(ps);
	return 0;
}

int lt_parse(const char *text, const char *path, struct lt_test *t, char *err, size_t errlen)
{
	/* On the heap: it holds a jmp_buf and the init table; callers may be threads. */
	struct parser *ps = calloc(1, sizeof(*ps));

	memset(t, 0, sizeof(*t));
	if (!path)
		path = "<input>";
	if (!ps || !text) {
		free(ps);
		if (errlen)
			snprintf(err, errlen, "%s: %s", path, text ? "out of memory" : "no text");
		return -1;
	}
	ps->path = path;
	ps->p = text;
	ps->line = 1;
	ps->col = 1;
	ps->t = t;
	ps->err = err;
	ps->errlen = errlen;
	snprintf(t->path, sizeof(t->path), "%s", path);
	if (run_parse(ps) < 0) {
		for (int i = 0; i < ps->nnodes; i++)
			free(ps->nodes[i]);
		free(t->doc);
		free(t->com);
		free(ps);
		memset(t, 0, sizeof(*t));
		return -1;
	}
	free(ps);
	t->source = strdup(text);
	if (!t->source) {
		lt_free(t);
		if (errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	return 0;
}

int lt_parse_file(const char *path, struct lt_test *t, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int rc;

	memset(t, 0, sizeof(*t));
	if (!f) {
		if (errlen)
			snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(LT_MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		if (errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	n = fread(buf, 1, LT_MAX_FILE + 1, f);
	if (ferror(f) || n > LT_MAX_FILE) {
		if (errlen)
			snprintf(err, errlen, "%s: %s", path,
				 ferror(f) ? "read error" : "file too large (over 1 MiB)");
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		/* Report where: the parser would silently stop there. */
		int line = 1, col = 1;

		for (const char *q = buf; *q; q++) {
			if (*q == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		if (errlen)
			snprintf(err, errlen, "%s:%d:%d: NUL byte in the file", path, line, col);
		free(buf);
		return -1;
	}
	rc = lt_parse(buf, path, t, err, errlen);
	free(buf);
	return rc;
}

static void free_cond(struct lt_cond *c)
{
	if (!c)
		return;
	free_cond(c->a);
	free_cond(c->b);
	free(c);
}

void lt_free(struct lt_test *t)
{
	if (!t)
		return;
	free(t->source);
	free(t->doc);
	free(t->com);
	free_cond(t->cond);
	free_cond(t->filter);
	t->source = NULL;
	t->doc = NULL;
	t->com = NULL;
	t->cond = NULL;
	t->filter = NULL;
}

bool lt_cond_eval(const struct lt_cond *c, const int *const *regs, const int *locs)
{
	if (!c)
		return true;
	switch (c->kind) {
	case LT_C_TRUE:
		return true;
	case LT_C_REG_EQ:
		return regs[c->thread][c->reg] == c->value;
	case LT_C_LOC_EQ:
		return locs[c->loc] == c->value;
	case LT_C_AND:
		return lt_cond_eval(c->a, regs, locs) && lt_cond_eval(c->b, regs, locs);
	case LT_C_OR:
		return lt_cond_eval(c->a, regs, locs) || lt_cond_eval(c->b, regs, locs);
	case LT_C_NOT:
		return !lt_cond_eval(c->a, regs, locs);
	}
	return false;
}

int lt_expr_eval(const struct lt_test *t, int i, const int *regs)
{
	const struct lt_expr *e;
	int a, b;

	if (i < 0 || i >= t->nexprs)
		return 0;
	e = &t->exprs[i];
	switch (e->kind) {
	case LT_E_CONST:
		return e->value;
	case LT_E_REG:
		return e->reg >= 0 && e->reg < LT_MAX_REGS ? regs[e->reg] : 0;
	case LT_E_LOC:
		return LT_PTR_VAL(e->loc);
	case LT_E_UN:
		a = lt_expr_eval(t, e->a, regs);
		return e->op == '-' ? (int)(0u - (unsigned)a) : e->op == '!' ? !a : ~a;
	case LT_E_BIN:
		a = lt_expr_eval(t, e->a, regs);
		b = lt_expr_eval(t, e->b, regs);
		switch ((enum lt_binop)e->op) {
		case LT_ADD: return (int)((unsigned)a + (unsigned)b);
		case LT_SUB: return (int)((unsigned)a - (unsigned)b);
		case LT_MUL: return (int)((unsigned)a * (unsigned)b);
		case LT_DIV: return b == 0 || (a == INT_MIN && b == -1) ? 0 : a / b;
		case LT_MOD: return b == 0 || (a == INT_MIN && b == -1) ? 0 : a % b;
		case LT_BAND: return a & b;
		case LT_BOR: return a | b;
		case LT_BXOR: return a ^ b;
		case LT_SHL: return (int)((unsigned)a << (b & 31));
		case LT_SHR: return a >> (b & 31);
		case LT_EQ: return a == b;
		case LT_NE: return a != b;
		case LT_LT: return a < b;
		case LT_LE: return a <= b;
		case LT_GT: return a > b;
		case LT_GE: return a >= b;
		case LT_LAND: return a && b;
		case LT_LOR: return a || b;
		}
	}
	return 0;
}
