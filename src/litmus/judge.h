/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/judge.h - from a histogram of final states to what an entry
 * says: each state as text and whether it is the bad outcome (the exists
 * clause), the counts, the verdict and the status (STYLE.md 9: an
 * observed outcome that the host's model forbids is a violation; an
 * allowed one never seen is reported, not failed).  Pure: no threads, no
 * host, so the offline gates can judge a result file the same way.
 */
#ifndef MB_LITMUS_JUDGE_H
#define MB_LITMUS_JUDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "litmus/ast.h"
#include "litmus/hist.h"
#include "result/result.h"

/* A state (key: every thread's registers, then t->cond_locs) in litmus7's style, whole. */
char *mb_litmus_state_string(const struct lt_test *t, const int *key);
/* Does the state satisfy the test's condition (the bad outcome)? */
bool mb_litmus_state_positive(const struct lt_test *t, const int *key);

/*
 * e->hist (sorted by state), positives, negatives, iterations, verdict and
 * the 3/N bound, from h.
 */
void mb_litmus_tally(struct mb_litmus_entry *e, const struct lt_test *t, const struct mb_hist *h);

/* mb_litmus_status(): src/result/result.h, where the offline gates reach it too. */

#endif /* MB_LITMUS_JUDGE_H */
