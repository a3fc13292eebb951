/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_init.c - what comes before the threads: the header
 * ("C name", herd's doc string and Key=value lines) and the init block
 * (locations' types and initial values, pointers, "0:r1=v;" register
 * initialisations), resolved against the threads' names once they are
 * known (lp_resolve_init).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/parse_int.h"

/* A location's initial value: N, &y, y (herd: a pointer to y), ATOMIC_INIT(N). */
static void init_value(struct parser *ps, int i)
{
	if (lp_is_punct(ps, '&'))
		lp_next(ps);
	if (ps->tk.kind == TK_IDENT && lp_is_word(ps, "ATOMIC_INIT")) {
		lp_next(ps);
		lp_expect(ps, '(', "after ATOMIC_INIT");
		ps->init[i].value = lp_take_int(ps);
		lp_expect(ps, ')', "to close ATOMIC_INIT");
		if (!ps->init[i].typed)
			ps->init[i].type = LT_T_ATOMIC;
	} else if (ps->tk.kind == TK_IDENT) {
		lp_take_ident(ps, ps->init[i].target, sizeof(ps->init[i].target), "location name");
		ps->init[i].tline = ps->tk.line;
		ps->init[i].tcol = ps->tk.col;
		ps->init[i].type = LT_T_PTR;
		lp_next(ps);
	} else {
		ps->init[i].value = lp_take_int(ps);
	}
}

/* "0:r1=v;" in the init block (at the thread number). */
static void init_reg(struct parser *ps)
{
	struct tok at = ps->tk;
	int k = ps->nreginit;

	if (k >= LT_MAX_THREADS * LT_MAX_REGS)
		lp_perr(ps, at.line, at.col, "too many register initialisations");
	if (at.val >= LT_MAX_THREADS)
		lp_perr(ps, at.line, at.col, "no thread %ld (at most %d threads)", at.val, LT_MAX_THREADS);
	ps->reginit[k].thread = (int)at.val;
	ps->reginit[k].line = at.line;
	ps->reginit[k].col = at.col;
	lp_next(ps);
	lp_expect(ps, ':', "in 'thread:register=value'");
	lp_take_ident(ps, ps->reginit[k].reg, sizeof(ps->reginit[k].reg), "register name");
	lp_next(ps);
	lp_expect(ps, '=', "after the register");
	if (lp_is_punct(ps, '&'))
		lp_next(ps);
	if (ps->tk.kind == TK_IDENT) {
		lp_take_ident(ps, ps->reginit[k].target, sizeof(ps->reginit[k].target), "location name");
		lp_next(ps);
	} else {
		ps->reginit[k].value = lp_take_int(ps);
	}
	ps->nreginit++;
}

/* At '{' at top level: "{ x=1; int y = 2; int *p = &x; atomic_t v = ATOMIC_INIT(1); }". */
void lp_parse_init(struct parser *ps)
{
	lp_next(ps);
	while (!lp_is_punct(ps, '}')) {
		enum lt_type ty = LT_T_INT;
		bool typed = false;

		if (lp_is_punct(ps, ';')) {
			lp_next(ps);
			continue;
		}
		if (ps->tk.kind == TK_NUM) {
			init_reg(ps);
			if (!lp_is_punct(ps, '}'))
				lp_expect(ps, ';', "after the initialisation");
			continue;
		}
		if (lp_is_word(ps, "volatile") || lp_is_word(ps, "const"))
			lp_next(ps);
		if (lp_is_word(ps, "int") || lp_is_word(ps, "intptr_t")) {
			typed = true;
			lp_next(ps);
		} else if (lp_is_word(ps, "atomic_t")) {
			typed = true;
			ty = LT_T_ATOMIC;
			lp_next(ps);
		} else if (lp_is_word(ps, "spinlock_t")) {
			typed = true;
			ty = LT_T_LOCK;
			lp_next(ps);
		} else if (ps->tk.kind == TK_IDENT) {
			/* "type name" with an unknown type: say so in its words */
			const char *q = ps->p;

			while (*q == ' ' || *q == '\t' || *q == '*')
				q++;
			if (lp_looks_like_type(ps, &ps->tk) || lp_is_ident0(*q)) {
				if (lp_is_word(ps, "struct") && lp_is_ident0(*q)) {
					const char *e = q;

					while (lp_is_ident0(*e) || lp_is_digit(*e))
						e++;
					lp_perr(ps, ps->tk.line, ps->tk.col,
						"type 'struct %.*s' is not supported", (int)(e - q), q);
				}
				lp_perr(ps, ps->tk.line, ps->tk.col, "type %s is not supported",
					TOKSTR(&ps->tk));
			}
		}
		for (;;) {
			struct tok at;
			enum lt_type lty = ty;
			int i = ps->ninit;

			while (lp_is_punct(ps, '*')) {
				if (lty != LT_T_INT)
					lp_perr(ps, ps->tk.line, ps->tk.col,
						"pointers to atomic_t or spinlock_t are not supported");
				lty = LT_T_PTR;
				lp_next(ps);
			}
			if (ps->tk.kind != TK_IDENT)
				lp_perr(ps, ps->tk.line, ps->tk.col,
					"expected a location name in the init block, found %s",
					TOKSTR(&ps->tk));
			at = ps->tk;
			for (int j = 0; j < ps->ninit; j++)
				if ((size_t)at.len == strlen(ps->init[j].name) &&
				    !strncmp(at.s, ps->init[j].name, (size_t)at.len))
					lp_perr(ps, at.line, at.col, "location %s initialised twice",
						TOKSTR(&at));
			if (ps->ninit >= LT_MAX_LOCS)
				lp_perr(ps, at.line, at.col, "too many locations: %s (at most %d)",
					TOKSTR(&at), LT_MAX_LOCS);
			memset(&ps->init[i], 0, sizeof(ps->init[i]));
			lp_take_ident(ps, ps->init[i].name, sizeof(ps->init[0].name), "location name");
			ps->init[i].line = at.line;
			ps->init[i].col = at.col;
			ps->init[i].type = lty;
			ps->init[i].typed = typed;
			ps->ninit++;
			lp_next(ps);
			if (lp_is_punct(ps, '=')) {
				lp_next(ps);
				if (lty == LT_T_LOCK)
					lp_perr(ps, ps->tk.line, ps->tk.col,
						"a spinlock_t starts unlocked: no initial value");
				init_value(ps, i);
			}
			if (!lp_is_punct(ps, ','))
				break;
			lp_next(ps);
		}
		if (!lp_is_punct(ps, '}'))
			lp_expect(ps, ';', "after the initialisation");
	}
	lp_next(ps);
}

static int add_loc(struct parser *ps, const char *name, int line, int col)
{
	struct lt_test *t = ps->t;
	int l = lp_find_loc(t, name, (int)strlen(name));

	if (l >= 0)
		return l;
	if (t->nlocs >= LT_MAX_LOCS)
		lp_perr(ps, line, col, "too many locations: '%s' (at most %d)", name, LT_MAX_LOCS);
	snprintf(t->locs[t->nlocs], sizeof(t->locs[0]), "%s", name);
	return t->nlocs++;
}

/* Init entries -> t->init, t->loc_type, registers' initial values. */
void lp_resolve_init(struct parser *ps)
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
		int l = lp_find_loc(t, ps->init[i].name, (int)strlen(ps->init[i].name)), tl;

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
			lp_perr(ps, ps->reginit[k].line, ps->reginit[k].col,
				"unknown thread in '%d:%s': the test has P0..P%d",
				ps->reginit[k].thread, ps->reginit[k].reg, t->nthreads - 1);
		th = &t->threads[ps->reginit[k].thread];
		r = lp_find_reg(th, ps->reginit[k].reg, (int)strlen(ps->reginit[k].reg));
		if (r < 0) {	/* herd: initialising a register declares it */
			if (th->nregs >= LT_MAX_REGS)
				lp_perr(ps, ps->reginit[k].line, ps->reginit[k].col,
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

/* The rest of a header line from p, trimmed, into buf (bounded). */
static void take_line(struct parser *ps, char *buf, size_t len)
{
	const char *s = ps->p;
	size_t n;

	while (*ps->p && *ps->p != '\n')
		lp_bump(ps);
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
void lp_parse_header(struct parser *ps)
{
	struct lt_test *t = ps->t;
	const char *s;
	size_t n;

	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		lp_bump(ps);
	s = ps->p;
	if (!lp_is_ident0(*s)) {
		if (!*s)
			lp_perr(ps, ps->line, ps->col, "empty file: expected 'C <name>'");
		lp_perr(ps, ps->line, ps->col, "expected 'C <name>' header line");
	}
	while (lp_is_ident0(*ps->p) || lp_is_digit(*ps->p))
		lp_bump(ps);
	n = (size_t)(ps->p - s);
	if (n != 1 || *s != 'C')
		lp_perr(ps, ps->line, ps->col - (int)n,
			"unsupported architecture '%.*s': only C litmus tests ('C <name>')",
			n > 40 ? 40 : (int)n, s);
	while (*ps->p == ' ' || *ps->p == '\t')
		lp_bump(ps);
	s = ps->p;
	while (*ps->p && *ps->p != ' ' && *ps->p != '\t' && *ps->p != '\n' && *ps->p != '\r')
		lp_bump(ps);
	n = (size_t)(ps->p - s);
	if (!n)
		lp_perr(ps, ps->line, ps->col, "missing test name after 'C'");
	if (n >= sizeof(t->name))
		lp_perr(ps, ps->line, ps->col - (int)n, "test name too long (at most %zu characters)",
			sizeof(t->name) - 1);
	memcpy(t->name, s, n);
	t->name[n] = '\0';
	while (*ps->p && *ps->p != '\n')	/* the rest of the name line */
		lp_bump(ps);
	for (;;) {
		const char *q;

		while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
			lp_bump(ps);
		if (*ps->p == '"') {
			int l = ps->line, c = ps->col;

			if (t->com)
				lp_perr(ps, l, c, "a second doc string in the header");
			lp_bump(ps);
			s = ps->p;
			while (*ps->p && *ps->p != '"')
				lp_bump(ps);
			if (!*ps->p)
				lp_perr(ps, l, c, "unterminated doc string '\"'");
			t->com = strndup(s, (size_t)(ps->p - s));
			if (!t->com)
				lp_perr(ps, l, c, "out of memory");
			lp_bump(ps);
			continue;
		}
		for (q = ps->p; lp_is_ident0(*q) || lp_is_digit(*q); q++)
			;
		if (q == ps->p || *q != '=' || q[1] == '=')
			return;
		if (t->nmeta >= LT_MAX_META)
			lp_perr(ps, ps->line, ps->col, "too many header lines 'Key=value' (at most %d)",
				LT_MAX_META);
		n = (size_t)(q - ps->p);
		snprintf(t->meta[t->nmeta].key, sizeof(t->meta[0].key), "%.*s",
			 (int)(n < sizeof(t->meta[0].key) ? n : sizeof(t->meta[0].key) - 1), ps->p);
		while (ps->p <= q)
			lp_bump(ps);
		take_line(ps, t->meta[t->nmeta].value, sizeof(t->meta[0].value));
		t->nmeta++;
	}
}
