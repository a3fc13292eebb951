/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse.c - herd7's C litmus format (the subset the Linux
 * kernel's tools/memory-model/litmus-tests/ use) -> struct lt_test
 * (src/litmus/ast.h).
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
 * The fixed barriers a thread may call, as src/barrier/barrier.h names them: the
 * ':kernel' flavour, since the file means Linux's macro.  fence() and
 * membarrier() are membench's own (see src/litmus/ast.h).
 */
static const struct {
	const char *macro;
	const char *barrier;	/* NULL: the fence() slot */
} lt_fences[] = {
	{ "smp_mb",	"smp.general:kernel" },
	{ "smp_rmb",	"smp.read:kernel" },
	{ "smp_wmb",	"smp.write:kernel" },
	{ "mb",		"mmio.general:kernel" },
	{ "rmb",	"mmio.read:kernel" },
	{ "wmb",	"mmio.write:kernel" },
	{ "dma_mb",	"dma.general:kernel" },
	{ "dma_rmb",	"dma.read:kernel" },
	{ "dma_wmb",	"dma.write:kernel" },
	{ "barrier",	"compiler.general" },
	{ "membarrier",	"process.general" },
	{ "fence",	NULL },
};

/* Statements herd's C accepts but membench's translator does not. */
static const char *const lt_unsupported_kw[] = {
	"if", "else", "while", "for", "do", "switch", "return", "goto",
	"break", "continue", "spin_lock", "spin_unlock", "xchg", "cmpxchg",
	"atomic_inc", "atomic_add", "rcu_read_lock", "rcu_read_unlock",
	"synchronize_rcu", "rcu_dereference", "rcu_assign_pointer", NULL
};

enum tk { TK_EOF, TK_IDENT, TK_NUM, TK_PUNCT, TK_AND, TK_OR };

struct tok {
	enum tk kind;
	const char *s;		/* spelling in the text */
	int len;
	int line, col;
	long val;		/* TK_NUM */
	char c;			/* TK_PUNCT */
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
	struct { char name[32]; int value, line, col; } init[LT_MAX_LOCS];
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

		while (is_digit(*ps->p) || is_ident0(*ps->p))
			bump(ps);
		tk->kind = TK_NUM;
		tk->len = (int)(ps->p - p);
		for (int i = 0; i < tk->len; i++) {
			if (!is_digit(p[i]))
				perr(ps, tk->line, tk->col, "bad number %s", TOKSTR(tk));
			v = v * 10 + (p[i] - '0');
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
	if (strchr("(){}[],;*=:~&-", *p)) {
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

/* ['-'] NUM, as an int. */
static int take_value(struct parser *ps, int thread)
{
	bool neg = false;
	long v;

	if (is_punct(ps, '-')) {
		neg = true;
		next(ps);
	}
	if (ps->tk.kind == TK_IDENT && thread >= 0) {
		const struct lt_thread *th = &ps->t->threads[thread];

		for (int i = 0; i < th->nregs; i++)
			if ((size_t)ps->tk.len == strlen(th->regs[i]) &&
			    !strncmp(ps->tk.s, th->regs[i], (size_t)ps->tk.len))
				perr(ps, ps->tk.line, ps->tk.col,
				     "store of a register value %s is not supported: store a constant",
				     TOKSTR(&ps->tk));
	}
	if (ps->tk.kind != TK_NUM)
		perr(ps, ps->tk.line, ps->tk.col, "expected an integer constant, found %s",
		     TOKSTR(&ps->tk));
	v = neg ? -ps->tk.val : ps->tk.val;
	next(ps);
	return (int)v;
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

/* A location a thread's statement names: must be one of its parameters. */
static int take_loc(struct parser *ps, int thread)
{
	int l;

	if (ps->tk.kind != TK_IDENT)
		perr(ps, ps->tk.line, ps->tk.col, "expected a location name, found %s",
		     TOKSTR(&ps->tk));
	l = find_loc(ps->t, ps->tk.s, ps->tk.len);
	if (l < 0 || !(ps->params[thread] & (1u << l)))
		perr(ps, ps->tk.line, ps->tk.col,
		     "undeclared location %s: not a parameter of P%d",
		     TOKSTR(&ps->tk), thread);
	next(ps);
	return l;
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
	in->line = at->line;
	in->col = at->col;
	return in;
}

/*
 * After "reg =": READ_ONCE(*x) or smp_load_acquire(x), up to the ';'.
 * at is the register's token (the statement's position).
 */
static void parse_load(struct parser *ps, int thread, int reg, const struct tok *at)
{
	struct lt_instr *in;
	bool acq;

	if (is_word(ps, "READ_ONCE"))
		acq = false;
	else if (is_word(ps, "smp_load_acquire"))
		acq = true;
	else if (ps->tk.kind == TK_IDENT)
		perr(ps, ps->tk.line, ps->tk.col,
		     "unsupported expression %s: only READ_ONCE(*x) and smp_load_acquire(x)",
		     TOKSTR(&ps->tk));
	else
		perr(ps, ps->tk.line, ps->tk.col,
		     "expected READ_ONCE or smp_load_acquire, found %s", TOKSTR(&ps->tk));
	in = new_instr(ps, thread, at);
	in->op = LT_LOAD;
	in->access = acq ? LT_ACQUIRE : LT_ONCE;
	in->reg = reg;
	snprintf(in->source, sizeof(in->source), "%s", acq ? "smp_load_acquire" : "READ_ONCE");
	next(ps);
	expect(ps, '(', acq ? "after 'smp_load_acquire'" : "after 'READ_ONCE'");
	if (!acq)
		expect(ps, '*', "in READ_ONCE(*x)");
	in->loc = take_loc(ps, thread);
	expect(ps, ')', "to close the load");
}

static void add_reg(struct parser *ps, int thread, int *reg)
{
	struct lt_thread *th = &ps->t->threads[thread];

	if (find_reg(th, ps->tk.s, ps->tk.len) >= 0)
		perr(ps, ps->tk.line, ps->tk.col, "register %s declared twice", TOKSTR(&ps->tk));
	if (find_loc(ps->t, ps->tk.s, ps->tk.len) >= 0 &&
	    (ps->params[thread] & (1u << find_loc(ps->t, ps->tk.s, ps->tk.len))))
		perr(ps, ps->tk.line, ps->tk.col, "register %s shadows a location", TOKSTR(&ps->tk));
	if (th->nregs >= LT_MAX_REGS)
		perr(ps, ps->tk.line, ps->tk.col, "too many registers in P%d: %s (at most %d)",
		     thread, TOKSTR(&ps->tk), LT_MAX_REGS);
	take_ident(ps, th->regs[th->nregs], sizeof(th->regs[0]), "register name");
	*reg = th->nregs++;
}

/* "int r0, r1 = READ_ONCE(*x);" (after "int"). */
static void parse_decl(struct parser *ps, int thread)
{
	for (;;) {
		struct tok at;
		int reg;

		if (is_punct(ps, '*'))
			perr(ps, ps->tk.line, ps->tk.col,
			     "local pointers are not supported: declare int registers");
		if (ps->tk.kind != TK_IDENT)
			perr(ps, ps->tk.line, ps->tk.col, "expected a register name, found %s",
			     TOKSTR(&ps->tk));
		at = ps->tk;
		add_reg(ps, thread, &reg);
		next(ps);
		if (is_punct(ps, '=')) {
			next(ps);
			if (ps->tk.kind == TK_NUM || is_punct(ps, '-'))
				perr(ps, ps->tk.line, ps->tk.col,
				     "register initialisers are not supported: registers start at 0");
			parse_load(ps, thread, reg, &at);
		}
		if (is_punct(ps, ';')) {
			next(ps);
			return;
		}
		expect(ps, ',', "or ';' in the declaration");
	}
}

static void parse_statement(struct parser *ps, int thread)
{
	struct lt_thread *th = &ps->t->threads[thread];
	struct tok at = ps->tk;
	struct lt_instr *in;

	if (is_punct(ps, ';')) {
		next(ps);
		return;
	}
	if (is_word(ps, "int")) {
		next(ps);
		parse_decl(ps, thread);
		return;
	}
	if (is_punct(ps, '*'))
		perr(ps, at.line, at.col,
		     "plain accesses are not supported: use WRITE_ONCE/READ_ONCE");
	if (at.kind != TK_IDENT)
		perr(ps, at.line, at.col, "expected a statement, found %s", TOKSTR(&at));
	for (int i = 0; lt_unsupported_kw[i]; i++)
		if (is_word(ps, lt_unsupported_kw[i]))
			perr(ps, at.line, at.col, "unsupported statement %s", TOKSTR(&at));

	next(ps);
	if (is_punct(ps, '=')) {
		int reg = find_reg(th, at.s, at.len);

		if (reg < 0) {
			if (find_loc(ps->t, at.s, at.len) >= 0)
				perr(ps, at.line, at.col,
				     "assignment to location %s: use WRITE_ONCE(*%.*s, v)",
				     TOKSTR(&at), at.len, at.s);
			perr(ps, at.line, at.col, "unknown register %s: declare it with 'int'",
			     TOKSTR(&at));
		}
		next(ps);
		parse_load(ps, thread, reg, &at);
		expect(ps, ';', "after the statement");
		return;
	}
	if (!is_punct(ps, '('))
		perr(ps, ps->tk.line, ps->tk.col, "expected '(' or '=' after %s, found %s",
		     TOKSTR(&at), TOKSTR(&ps->tk));
	next(ps);

	if ((size_t)at.len == strlen("WRITE_ONCE") && !strncmp(at.s, "WRITE_ONCE", 10)) {
		in = new_instr(ps, thread, &at);
		in->op = LT_STORE;
		in->access = LT_ONCE;
		snprintf(in->source, sizeof(in->source), "WRITE_ONCE");
		expect(ps, '*', "in WRITE_ONCE(*x, v)");
		in->loc = take_loc(ps, thread);
		expect(ps, ',', "after the location");
		in->value = take_value(ps, thread);
		expect(ps, ')', "to close WRITE_ONCE");
	} else if ((size_t)at.len == strlen("smp_store_release") &&
		   !strncmp(at.s, "smp_store_release", 17)) {
		in = new_instr(ps, thread, &at);
		in->op = LT_STORE;
		in->access = LT_RELEASE;
		snprintf(in->source, sizeof(in->source), "smp_store_release");
		in->loc = take_loc(ps, thread);
		expect(ps, ',', "after the location");
		in->value = take_value(ps, thread);
		expect(ps, ')', "to close smp_store_release");
	} else if (((size_t)at.len == 9 && !strncmp(at.s, "READ_ONCE", 9)) ||
		   ((size_t)at.len == 16 && !strncmp(at.s, "smp_load_acquire", 16))) {
		perr(ps, at.line, at.col, "the value of %s must be assigned to a register",
		     TOKSTR(&at));
	} else {
		size_t i, n = sizeof(lt_fences) / sizeof(lt_fences[0]);

		for (i = 0; i < n; i++)
			if ((size_t)at.len == strlen(lt_fences[i].macro) &&
			    !strncmp(at.s, lt_fences[i].macro, (size_t)at.len))
				break;
		if (i == n)
			perr(ps, at.line, at.col, "unknown macro %s", TOKSTR(&at));
		if (!is_punct(ps, ')'))
			perr(ps, ps->tk.line, ps->tk.col, "%s takes no arguments, found %s",
			     TOKSTR(&at), TOKSTR(&ps->tk));
		next(ps);
		in = new_instr(ps, thread, &at);
		in->op = LT_FENCE;
		snprintf(in->source, sizeof(in->source), "%s()", lt_fences[i].macro);
		if (lt_fences[i].barrier) {
			snprintf(in->barrier, sizeof(in->barrier), "%s", lt_fences[i].barrier);
		} else {
			in->slot = true;
			ps->t->has_slot = true;
		}
	}
	expect(ps, ';', "after the statement");
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
		int l;

		if (nparams) {
			if (!is_punct(ps, ','))
				perr(ps, ps->tk.line, ps->tk.col,
				     "expected ',' or ')' in the parameters, found %s", TOKSTR(&ps->tk));
			next(ps);
		}
		if (is_word(ps, "volatile"))
			next(ps);
		if (!is_word(ps, "int"))
			perr(ps, ps->tk.line, ps->tk.col,
			     "unsupported parameter type %s: only 'int *name'", TOKSTR(&ps->tk));
		next(ps);
		expect(ps, '*', "in 'int *name'");
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
		}
		if (ps->params[thread] & (1u << l))
			perr(ps, ps->tk.line, ps->tk.col, "parameter %s given twice", TOKSTR(&ps->tk));
		ps->params[thread] |= 1u << l;
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

/* At '{' at top level: "{ x=1; int y = 2; }". */
static void parse_init(struct parser *ps)
{
	next(ps);
	while (!is_punct(ps, '}')) {
		struct tok at;

		if (is_punct(ps, ';')) {
			next(ps);
			continue;
		}
		if (is_word(ps, "int"))
			next(ps);
		if (is_punct(ps, '*'))
			perr(ps, ps->tk.line, ps->tk.col, "pointer locations are not supported");
		if (ps->tk.kind == TK_NUM)
			perr(ps, ps->tk.line, ps->tk.col,
			     "register initialisation %s is not supported: registers start at 0",
			     TOKSTR(&ps->tk));
		if (ps->tk.kind != TK_IDENT)
			perr(ps, ps->tk.line, ps->tk.col,
			     "expected a location name in the init block, found %s", TOKSTR(&ps->tk));
		at = ps->tk;
		for (int i = 0; i < ps->ninit; i++)
			if ((size_t)at.len == strlen(ps->init[i].name) &&
			    !strncmp(at.s, ps->init[i].name, (size_t)at.len))
				perr(ps, at.line, at.col, "location %s initialised twice", TOKSTR(&at));
		if (ps->ninit >= LT_MAX_LOCS)
			perr(ps, at.line, at.col, "too many locations: %s (at most %d)",
			     TOKSTR(&at), LT_MAX_LOCS);
		take_ident(ps, ps->init[ps->ninit].name, sizeof(ps->init[0].name), "location name");
		ps->init[ps->ninit].line = at.line;
		ps->init[ps->ninit].col = at.col;
		next(ps);
		ps->init[ps->ninit].value = 0;
		if (is_punct(ps, '=')) {
			next(ps);
			ps->init[ps->ninit].value = take_value(ps, -1);
		}
		ps->ninit++;
		if (!is_punct(ps, '}'))
			expect(ps, ';', "after the initialisation");
	}
	next(ps);
}

/* Init entries -> t->init; a location no thread uses is added last. */
static void resolve_init(struct parser *ps)
{
	struct lt_test *t = ps->t;

	for (int i = 0; i < ps->ninit; i++) {
		int l = find_loc(t, ps->init[i].name, (int)strlen(ps->init[i].name));

		if (l < 0) {
			if (t->nlocs >= LT_MAX_LOCS)
				perr(ps, ps->init[i].line, ps->init[i].col,
				     "too many locations: '%s' (at most %d)", ps->init[i].name, LT_MAX_LOCS);
			snprintf(t->locs[t->nlocs], sizeof(t->locs[0]), "%s", ps->init[i].name);
			l = t->nlocs++;
		}
		t->init[l] = ps->init[i].value;
	}
	ps->ninit = 0;
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

static struct lt_cond *parse_or(struct parser *ps);

static struct lt_cond *parse_unary(struct parser *ps)
{
	struct lt_test *t = ps->t;
	struct tok at = ps->tk;
	struct lt_cond *c;

	if (++ps->depth > LT_MAX_COND_DEPTH)
		perr(ps, at.line, at.col, "condition nested too deeply (at most %d)",
		     LT_MAX_COND_DEPTH);
	if (is_punct(ps, '~')) {
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
	} else if (at.kind == TK_NUM) {
		/* N:reg=V */
		int th = (int)at.val, reg;

		next(ps);
		expect(ps, ':', "in 'thread:register=value'");
		if (ps->tk.kind != TK_IDENT)
			perr(ps, ps->tk.line, ps->tk.col, "expected a register name after '%ld:', found %s",
			     at.val, TOKSTR(&ps->tk));
		if (th >= t->nthreads)
			perr(ps, at.line, at.col, "unknown thread in '%d:%.*s': the test has P0..P%d",
			     th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s, t->nthreads - 1);
		reg = find_reg(&t->threads[th], ps->tk.s, ps->tk.len);
		if (reg < 0)
			perr(ps, ps->tk.line, ps->tk.col, "unknown register '%d:%.*s'",
			     th, ps->tk.len > 40 ? 40 : ps->tk.len, ps->tk.s);
		next(ps);
		expect(ps, '=', "after the register");
		c = new_node(ps, LT_C_REG_EQ, &at);
		c->thread = th;
		c->reg = reg;
		c->value = take_value(ps, -1);
	} else if (at.kind == TK_IDENT) {
		int l = find_loc(t, at.s, at.len);

		if (l < 0)
			perr(ps, at.line, at.col, "undeclared location %s in the condition",
			     TOKSTR(&at));
		next(ps);
		expect(ps, '=', "after the location");
		c = new_node(ps, LT_C_LOC_EQ, &at);
		c->loc = l;
		c->value = take_value(ps, -1);
		note_cond_loc(t, l);
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

/* "C name" on the first non-blank line. */
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
}

static void parse_all(struct parser *ps)
{
	struct lt_test *t = ps->t;
	bool have_init = false;

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
			for (int i = 1; i < at.len; i++)
				if (!is_digit(at.s[i]))
					perr(ps, at.line, at.col, "bad thread name %s", TOKSTR(&at));
			parse_thread(ps);
		} else if (is_word(ps, "locations")) {
			/* herd's debug aid: print more of the final state; ignored. */
			next(ps);
			expect(ps, '[', "after 'locations'");
			while (!is_punct(ps, ']')) {
				if (ps->tk.kind == TK_EOF)
					perr(ps, ps->tk.line, ps->tk.col, "unterminated 'locations ['");
				next(ps);
			}
			next(ps);
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
			resolve_init(ps);
			next(ps);
			t->cond = parse_or(ps);
			if (ps->tk.kind != TK_EOF)
				perr(ps, ps->tk.line, ps->tk.col, "unexpected %s after the condition",
				     TOKSTR(&ps->tk));
			return;
		} else if (at.kind == TK_EOF) {
			perr(ps, at.line, at.col, "missing 'exists' clause");
		} else if (is_word(ps, "filter")) {
			perr(ps, at.line, at.col, "unsupported 'filter' clause");
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
	free_cond(t->cond);
	t->source = NULL;
	t->doc = NULL;
	t->cond = NULL;
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
