/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse.c - herd7's C litmus format in the Linux kernel's
 * dialect (the macros of tools/memory-model/linux-kernel.def) -> struct
 * lt_test (src/litmus/ast.h).  This file holds the entry points and the
 * top level in file order (header, init block, threads, locations/filter,
 * condition); each part has its own file, listed in src/litmus/parse_int.h.
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
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/parse_int.h"

#define LT_MAX_FILE		(1 << 20)

/* The whole file, in order: header, init block, threads, then the rest. */
static void parse_all(struct parser *ps)
{
	struct lt_test *t = ps->t;
	bool have_init = false, resolved = false;

	lp_parse_header(ps);
	ps->top = true;
	lp_next(ps);
	for (;;) {
		struct tok at = ps->tk;

		if (lp_is_punct(ps, '{')) {
			if (have_init || t->nthreads)
				lp_perr(ps, at.line, at.col, "init block must come once, before the threads");
			have_init = true;
			lp_parse_init(ps);
		} else if (at.kind == TK_IDENT && at.len >= 2 && at.s[0] == 'P' &&
			   lp_is_digit(at.s[1])) {
			if (resolved)
				lp_perr(ps, at.line, at.col, "thread %s after 'locations' or 'filter'",
					TOKSTR(&at));
			for (int i = 1; i < at.len; i++)
				if (!lp_is_digit(at.s[i]))
					lp_perr(ps, at.line, at.col, "bad thread name %s", TOKSTR(&at));
			lp_parse_thread(ps);
		} else if (lp_is_word(ps, "locations") || lp_is_word(ps, "filter")) {
			if (!t->nthreads)
				lp_perr(ps, at.line, at.col, "%s before any thread", TOKSTR(&at));
			if (!resolved)
				lp_resolve_init(ps);
			resolved = true;
			if (lp_is_word(ps, "locations")) {
				lp_parse_locations(ps);
			} else {
				if (t->filter)
					lp_perr(ps, at.line, at.col, "a second 'filter'");
				lp_next(ps);
				t->filter = lp_parse_or(ps);
			}
		} else if (lp_is_word(ps, "exists") || lp_is_word(ps, "forall") || lp_is_punct(ps, '~')) {
			if (lp_is_punct(ps, '~')) {
				lp_next(ps);
				if (!lp_is_word(ps, "exists"))
					lp_perr(ps, ps->tk.line, ps->tk.col, "expected 'exists' after '~', found %s",
						TOKSTR(&ps->tk));
				t->quant = LT_NOT_EXISTS;
			} else {
				t->quant = lp_is_word(ps, "exists") ? LT_EXISTS : LT_FORALL;
			}
			if (!t->nthreads)
				lp_perr(ps, at.line, at.col, "condition before any thread");
			if (!resolved)
				lp_resolve_init(ps);
			lp_next(ps);
			t->cond = lp_parse_or(ps);
			while (lp_is_word(ps, "locations")) {
				lp_parse_locations(ps);
			}
			if (ps->tk.kind != TK_EOF)
				lp_perr(ps, ps->tk.line, ps->tk.col, "unexpected %s after the condition",
					TOKSTR(&ps->tk));
			return;
		} else if (at.kind == TK_EOF) {
			lp_perr(ps, at.line, at.col, "missing 'exists' clause");
		} else {
			lp_perr(ps, at.line, at.col, "unexpected %s at top level: expected a thread 'Pn(...)' or 'exists'",
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
