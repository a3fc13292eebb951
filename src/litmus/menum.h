/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/menum.h - inside the enumeration of src/litmus/mexec.h, shared
 * by its files only: one thread's paths (src/litmus/mpaths.c), the state of
 * the enumeration that picks a path per thread, an rf and a co
 * (src/litmus/mexec.c), the check of each candidate it reaches
 * (src/litmus/mcheck.c) and the test's condition on its final state
 * (src/litmus/mcond.c).
 */
#ifndef MB_LITMUS_MENUM_H
#define MB_LITMUS_MENUM_H

#include <stddef.h>

#include "litmus/mexec.h"

#define LM_TMAX		48	/* events on one thread's path */
#define LM_DOM		16	/* values one location may hold */
#define LM_MAX_TRACES	4096	/* paths of one thread */
#define LM_MAX_CAND	3000000L	/* candidates, all models at once */

/* ---- one thread's paths (src/litmus/mpaths.c) -------------------------- */

struct lm_tev {
	struct lm_ev e;
	uint64_t addr, data, ctrl;	/* local indices of the reads it depends on */
	int8_t rmw_with;		/* RMW read: its write (local index), or -1 */
};

struct lm_trace {
	int n;
	struct lm_tev ev[LM_TMAX];
	lm_val regs[LM_MAX_REGS];
};

struct lm_gen {
	const struct lm_prog *p;
	int th;
	int ndom[LT_MAX_LOCS];
	lm_val dom[LT_MAX_LOCS][LM_DOM];
	int nnew[LT_MAX_LOCS];
	lm_val newv[LT_MAX_LOCS][LM_DOM];
	bool record;
	struct lm_trace cur;
	struct lm_trace *traces;
	int ntraces, cap;
	long steps;
	char err[160];
};

/* Every path of every thread (gens[th]), under value domains grown to a
 * fixpoint; -1 with err filled when the test cannot be modelled. */
int lm_paths_all(const struct lm_prog *p, struct lm_gen *gens, char *err, size_t errlen);

/* ---- the choices made so far (src/litmus/mexec.c) ----------------------- */

struct lm_enum {
	const struct lm_prog *p;
	struct lm_gen *gens;
	bool full;
	struct lm_result *r;
	struct lm_exec x;
	int nreads, reads[LM_MAXEV];
	int nsrc[LM_MAXEV], src[LM_MAXEV][LM_MAXEV];	/* per read: writes of its value */
	int nw[LT_MAX_LOCS], ws[LT_MAX_LOCS][LM_MAXEV];	/* non-initial writes per location */
	int rmw_of[LM_MAXEV];	/* write -> its RMW read, or -1 */
	int rfsrc[LM_MAXEV];	/* read (ordinal) -> the write it reads */
	int rf_ev[LM_MAXEV];	/* read (event) -> the write it reads */
	lm_rel taddr, tdata, tctrl;	/* per access: the reads it depends on */
	struct lm_keep *keep;		/* lm_run_keep, or NULL */
	int coseq[LT_MAX_LOCS][LM_MAXEV];
	long ncand;
	bool stop;
	/* per thread, the (location, value) pairs some path of it writes */
	int nws[LT_MAX_THREADS];
	bool ws_any[LT_MAX_THREADS];	/* too many to list: anything */
	int8_t wsl[LT_MAX_THREADS][256];
	lm_val wsv[LT_MAX_THREADS][256];
};

/* One candidate: the rf and co picked in en are in place; judge it. */
void lm_candidate(struct lm_enum *en);

/* Condition c (a test's cond or filter; NULL: true) holds in x's final state. */
bool lm_cond_eval(const struct lt_cond *c, const struct lm_exec *x);
/* x's final state as a witness: the visible registers, the condition's locations. */
void lm_witness(const struct lm_exec *x, char *buf, size_t len);

#endif /* MB_LITMUS_MENUM_H */
