/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_lex.c - the .litmus lexer: bytes -> tokens (struct tok,
 * src/litmus/parse_int.h), comments skipped (herd's "(* ... *)" only at
 * top level; the first one gives the test's Result and doc paragraph),
 * the error printer that ends a parse (lp_perr), and the small token tests
 * and takers every other part of the parser uses.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/parse_int.h"

void lp_perr(struct parser *ps, int line, int col, const char *fmt, ...)
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
const char *lp_tokstr(const struct tok *tk, char *buf, size_t len)
{
	if (tk->kind == TK_EOF)
		return "end of file";
	snprintf(buf, len, "'%.*s'", tk->len > 40 ? 40 : tk->len, tk->s);
	return buf;
}

void lp_bump(struct parser *ps)
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
			lp_bump(ps);
		} else if (p[0] == '/' && p[1] == '/') {
			while (*ps->p && *ps->p != '\n')
				lp_bump(ps);
		} else if (p[0] == '/' && p[1] == '*') {
			int l = ps->line, c = ps->col;

			lp_bump(ps);
			lp_bump(ps);
			while (*ps->p && !(ps->p[0] == '*' && ps->p[1] == '/'))
				lp_bump(ps);
			if (!*ps->p)
				lp_perr(ps, l, c, "unterminated comment '/*'");
			lp_bump(ps);
			lp_bump(ps);
		} else if (ps->top && p[0] == '(' && p[1] == '*') {
			/* OCaml-style: these nest. */
			int l = ps->line, c = ps->col, depth = 1;
			const char *start = p + 2;

			lp_bump(ps);
			lp_bump(ps);
			while (*ps->p && depth) {
				if (ps->p[0] == '(' && ps->p[1] == '*') {
					depth++;
					lp_bump(ps);
				} else if (ps->p[0] == '*' && ps->p[1] == ')') {
					depth--;
					lp_bump(ps);
				}
				lp_bump(ps);
			}
			if (depth)
				lp_perr(ps, l, c, "unterminated comment '(*'");
			if (!ps->seen_comment) {
				ps->seen_comment = true;
				take_doc(ps, start, ps->p - 2);
			}
		} else {
			return;
		}
	}
}

bool lp_is_ident0(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool lp_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

void lp_next(struct parser *ps)
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
	if (lp_is_ident0(*p)) {
		while (lp_is_ident0(*ps->p) || lp_is_digit(*ps->p))
			lp_bump(ps);
		tk->kind = TK_IDENT;
		tk->len = (int)(ps->p - p);
		return;
	}
	if (lp_is_digit(*p)) {
		long v = 0;
		int i = 0, base = 10;

		while (lp_is_digit(*ps->p) || lp_is_ident0(*ps->p))
			lp_bump(ps);
		tk->kind = TK_NUM;
		tk->len = (int)(ps->p - p);
		if (tk->len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			base = 16;
			i = 2;
		}
		for (; i < tk->len; i++) {
			int d;

			if (lp_is_digit(p[i]))
				d = p[i] - '0';
			else if (base == 16 && p[i] >= 'a' && p[i] <= 'f')
				d = p[i] - 'a' + 10;
			else if (base == 16 && p[i] >= 'A' && p[i] <= 'F')
				d = p[i] - 'A' + 10;
			else
				lp_perr(ps, tk->line, tk->col, "bad number %s", TOKSTR(tk));
			v = v * base + d;
			if (v > INT_MAX)
				lp_perr(ps, tk->line, tk->col, "integer %s out of range", TOKSTR(tk));
		}
		tk->val = v;
		return;
	}
	if ((p[0] == '/' && p[1] == '\\') || (p[0] == '\\' && p[1] == '/')) {
		tk->kind = p[0] == '/' ? TK_AND : TK_OR;
		tk->len = 2;
		lp_bump(ps);
		lp_bump(ps);
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
				lp_bump(ps);
				lp_bump(ps);
				return;
			}
	}
	if (strchr("(){}[],;*=:~&-+!<>|^/%", *p)) {
		tk->kind = TK_PUNCT;
		tk->c = *p;
		lp_bump(ps);
		return;
	}
	if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
		lp_perr(ps, tk->line, tk->col, "unexpected character '%c'", *p);
	lp_perr(ps, tk->line, tk->col, "unexpected byte 0x%02x", (unsigned char)*p);
}

bool lp_is_punct(const struct parser *ps, char c)
{
	return ps->tk.kind == TK_PUNCT && ps->tk.c == c;
}

bool lp_is_word(const struct parser *ps, const char *w)
{
	return ps->tk.kind == TK_IDENT && (size_t)ps->tk.len == strlen(w) &&
	       !strncmp(ps->tk.s, w, (size_t)ps->tk.len);
}

void lp_expect(struct parser *ps, char c, const char *what)
{
	if (!lp_is_punct(ps, c))
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected '%c' %s, found %s",
			c, what, TOKSTR(&ps->tk));
	lp_next(ps);
}

/* Copy the current identifier into buf (bounded), or fail. */
void lp_take_ident(struct parser *ps, char *buf, size_t len, const char *what)
{
	if (ps->tk.kind != TK_IDENT)
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected %s, found %s",
			what, TOKSTR(&ps->tk));
	if ((size_t)ps->tk.len >= len)
		lp_perr(ps, ps->tk.line, ps->tk.col, "%s %s is too long (at most %zu characters)",
			what, TOKSTR(&ps->tk), len - 1);
	memcpy(buf, ps->tk.s, (size_t)ps->tk.len);
	buf[ps->tk.len] = '\0';
}

/* ['-'] NUM, as an int (the init block and conditions). */
int lp_take_int(struct parser *ps)
{
	bool neg = false;
	long v;

	if (lp_is_punct(ps, '-')) {
		neg = true;
		lp_next(ps);
	}
	if (ps->tk.kind != TK_NUM)
		lp_perr(ps, ps->tk.line, ps->tk.col, "expected an integer constant, found %s",
			TOKSTR(&ps->tk));
	v = neg ? -ps->tk.val : ps->tk.val;
	lp_next(ps);
	return (int)v;
}

bool lp_tok_is(const struct tok *tk, const char *w)
{
	return tk->kind == TK_IDENT && (size_t)tk->len == strlen(w) &&
	       !strncmp(tk->s, w, (size_t)tk->len);
}
