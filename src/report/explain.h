/* SPDX-License-Identifier: MIT */
/*
 * src/report/explain.h - `membench explain`'s page: the test thread by
 * thread, its barriers on each architecture, each model's verdict and why
 * (src/litmus/explain.h), and what this machine did; or the executions as
 * a Graphviz graph.
 */
#ifndef MB_REPORT_EXPLAIN_H
#define MB_REPORT_EXPLAIN_H

#include <stdio.h>

#include "litmus/explain.h"
#include "result/result.h"

/* What fills e's slot: none.general when nothing was asked for. */
struct mb_id mb_explain_slot(const struct lx_explain *e);
/* models: bit m set = explain model m.  hw: the run on this machine, or NULL. */
void mb_explain_text(const struct lx_explain *e, unsigned models,
		     const struct mb_litmus_entry *hw, FILE *out);
/* One digraph, a cluster per model: events per thread, po, rf, co, fr and
 * fence edges, the forbidding cycle (or the witness's relaxed pairs) in bold. */
void mb_explain_dot(const struct lx_explain *e, unsigned models, FILE *out);

#endif /* MB_REPORT_EXPLAIN_H */
