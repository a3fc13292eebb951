/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/parse_int.h - the .litmus parser's own state, shared by its
 * files and by nothing else (the API is src/litmus/ast.h):
 *   parse.c       lt_parse, lt_parse_file: the top level, in file order
 *   parse_lex.c   tokens, comments, the error that ends a parse
 *   parse_init.c  the header and the init block
 *   parse_stmt.c  threads and their statements
 *   parse_expr.c  expressions, names, new statements
 *   parse_call.c  the kernel primitives (the macros a thread calls)
 *   parse_cond.c  the condition, filter and locations
 */
#ifndef MEMBENCH_LITMUS_PARSE_INT_H
#define MEMBENCH_LITMUS_PARSE_INT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "litmus/ast.h"

#define LT_MAX_COND_NODES	256
#define LT_MAX_COND_DEPTH	64

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

/* lp_perr: "path:line:col: message" into ps->err, then longjmp to lt_parse. */
void lp_perr(struct parser *ps, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
const char *lp_tokstr(const struct tok *tk, char *buf, size_t len);
#define TOKSTR(tk) lp_tokstr((tk), (char[48]){ 0 }, 48)

/* parse_lex.c */
void lp_bump(struct parser *ps);
bool lp_is_ident0(char c);
bool lp_is_digit(char c);
void lp_next(struct parser *ps);
bool lp_is_punct(const struct parser *ps, char c);
bool lp_is_word(const struct parser *ps, const char *w);
void lp_expect(struct parser *ps, char c, const char *what);
void lp_take_ident(struct parser *ps, char *buf, size_t len, const char *what);
int lp_take_int(struct parser *ps);
bool lp_tok_is(const struct tok *tk, const char *w);

/* parse_expr.c */
int lp_find_loc(const struct lt_test *t, const char *s, int len);
int lp_find_reg(const struct lt_thread *th, const char *s, int len);
int lp_thread_loc(struct parser *ps, int thread, const struct tok *tk);
struct lt_instr *lp_new_instr(struct parser *ps, int thread, const struct tok *at);
int lp_new_expr(struct parser *ps, enum lt_expr_kind k, const struct tok *at);
int lp_const_expr(struct parser *ps, int v, const struct tok *at);
int lp_reg_expr(struct parser *ps, int thread, int reg, const struct tok *at);
int lp_hidden_reg(struct parser *ps, int thread, const struct tok *at);
bool lp_is_int_type(const struct tok *tk);
int lp_valued(struct parser *ps, int e, const struct tok *at);
int lp_binop(const struct tok *tk, int *prec);
int lp_parse_unary_expr(struct parser *ps, int thread);
int lp_parse_expr(struct parser *ps, int thread);

/* parse_call.c */
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

const struct call_def *lp_lookup_call(const struct tok *tk, struct call_def *tmp);
bool lp_is_fence_macro(const struct tok *tk, size_t *idx);
int lp_const_loc(const struct lt_test *t, int e);
void lp_check_loc_type(struct parser *ps, int thread, int e, const struct tok *fn,
		       const struct tok *at, bool lock);
int lp_parse_call(struct parser *ps, int thread, const struct tok *fn);

/* parse_stmt.c */
bool lp_looks_like_type(const struct parser *ps, const struct tok *at);
void lp_parse_thread(struct parser *ps);

/* parse_init.c */
void lp_parse_header(struct parser *ps);
void lp_parse_init(struct parser *ps);
void lp_resolve_init(struct parser *ps);

/* parse_cond.c */
struct lt_cond *lp_parse_or(struct parser *ps);
void lp_parse_locations(struct parser *ps);

#endif
