/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/model.c - the expectation model of src/litmus/model.h: what
 * each barrier orders on each model (lm_class: read from the ports'
 * tables, src/barrier/ports.h, i.e. arch/<arch>_table.h), and the entry
 * points.  The test is lowered (src/litmus/mprog.c), its
 * executions enumerated (src/litmus/mexec.c) and judged by the LKMM
 * (src/litmus/lkmm.c) and the four architecture models
 * (src/litmus/march.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "barrier/barrier.h"
#include "barrier/ports.h"
#include "litmus/mexec.h"
#include "litmus/model.h"
#include "litmus/mprog.h"

/*
 * The port whose table each model reads (src/barrier/ports.h): an
 * instruction orders on model m what arch/<arch>_table.h says it orders
 * there; the LKMM reads Linux's meaning of each row (arch/lkmm_table.h).
 */
static const char *const lm_port_name[MB_NMODELS] = {
	[MB_X86_TSO] = "x86_64", [MB_ARMV8] = "aarch64", [MB_RVWMO] = "riscv64",
	[MB_POWER] = "ppc64le", [MB_LKMM] = "lkmm",
};

/* lt_model_use_port's port, per model (NULL: lm_port_name's). */
static __thread const struct mb_port *lm_port_used[MB_NMODELS];

const struct mb_port *lm_model_port(enum mb_model m)
{
	return lm_port_used[m] ? lm_port_used[m] : mb_port_find(lm_port_name[m]);
}

int lt_model_use_port(const struct mb_port *p)
{
	for (int m = 0; m < MB_NMODELS; m++)
		lm_port_used[m] = NULL;
	if (!p)
		return 0;
	for (int m = 0; m < MB_NMODELS; m++)
		if (!strcmp(mb_model_names[m], p->model)) {
			lm_port_used[m] = p;
			return 0;
		}
	return -1;
}

/* The instruction as the table writes it (the key of its facts). */
static const char *lm_insn(struct mb_id id, enum mb_model m)
{
	if (!mb_id_valid(id) || (unsigned)m >= MB_NMODELS)
		return NULL;
	return mb_port_insn(lm_model_port(m), (size_t)id.row, (enum mb_flavor)id.flavor);
}

const char *lt_model_insn(struct mb_id id, enum mb_model m)
{
	if (!mb_id_valid(id) || (unsigned)m >= MB_NMODELS)
		return NULL;
	return mb_port_insn_shown(lm_model_port(m), (size_t)id.row, (enum mb_flavor)id.flavor);
}

/* What instruction insn orders on model m; F_UNKNOWN when no table has it. */
static unsigned lm_orders(enum mb_model m, const char *insn)
{
	unsigned o;

	return insn && mb_port_orders(lm_model_port(m), insn, &o) ? o : F_UNKNOWN;
}

/* What the slot's or a fixed fence's barrier orders on model m. */
unsigned lm_class(enum mb_model m, struct mb_id id, bool membarrier_peer)
{
	if (!mb_id_valid(id))
		return 0;
	/*
	 * membarrier(2)'s pairing: its IPIs make every other running thread
	 * execute a full barrier, so the fast side's barrier() acts as one.
	 */
	if (membarrier_peer && mb_id_is_row(id, MB_ROW_compiler_general))
		return F_FULL;
	return lm_orders(m, lm_insn(id, m));
}

/* ---- entry points ------------------------------------------------------ */

static int model_run_keep(const struct lt_test *t, struct mb_id slot, bool full,
			  struct lm_result *r, struct lm_prog *p, struct lm_keep *keep)
{
	memset(r, 0, sizeof(*r));
	if (lm_prog_from_ast(t, slot, p, r->why_big, sizeof(r->why_big))) {
		r->too_big = true;
		return -1;
	}
	lm_run_keep(p, full, r, keep);
	return r->too_big ? -1 : 0;
}

static int model_run(const struct lt_test *t, struct mb_id slot, bool full, struct lm_result *r)
{
	static __thread struct lm_prog p;	/* large: not on small thread stacks */

	return model_run_keep(t, slot, full, r, &p, NULL);
}

void lt_model_allowed(const struct lt_test *t, struct mb_id slot_barrier,
		      bool allowed[MB_NMODELS])
{
	static __thread struct lm_result r;

	model_run(t, slot_barrier, false, &r);
	for (int m = 0; m < MB_NMODELS; m++)
		allowed[m] = r.too_big || r.pos[m];
}

void lt_model_judge(const struct lt_test *t, struct mb_id slot_barrier,
		    struct lt_model_verdict *v)
{
	static __thread struct lm_prog p;	/* large: not on small thread stacks */

	lt_model_judge_keep(t, slot_barrier, v, &p, NULL);
}

void lt_model_judge_keep(const struct lt_test *t, struct mb_id slot_barrier,
			 struct lt_model_verdict *v, struct lm_prog *p, struct lm_keep *keep)
{
	static __thread struct lm_result r;

	memset(v, 0, sizeof(*v));
	if (model_run_keep(t, slot_barrier, true, &r, p, keep)) {
		for (int m = 0; m < MB_NMODELS; m++)
			v->obs[m] = LT_OBS_UNKNOWN;
		snprintf(v->why, sizeof(v->why), "%s", r.why_big);
		return;
	}
	for (int m = 0; m < MB_NMODELS; m++)
		v->obs[m] = !r.pos[m] ? LT_OBS_NEVER : r.neg[m] ? LT_OBS_SOMETIMES : LT_OBS_ALWAYS;
	v->data_race = r.race;
}

const char *const lt_obs_names[] = { "Never", "Sometimes", "Always", "Unknown" };

const char *lt_model_explain(const struct lt_test *t, struct mb_id slot_barrier,
			     enum mb_model m, char *buf, size_t len)
{
	static __thread struct lm_result r;
	char slot[128] = "", name[48];
	const char *insn;

	if (!len)
		return buf;
	if ((unsigned)m >= MB_NMODELS) {
		snprintf(buf, len, "unknown model %d", (int)m);
		return buf;
	}
	model_run(t, slot_barrier, false, &r);
	if (t->has_slot && (insn = lt_model_insn(slot_barrier, m)))
		snprintf(slot, sizeof(slot), "; slot %s = %s",
			 mb_id_name(slot_barrier, name, sizeof(name)),
			 *insn ? insn : "compiler barrier only");
	if (r.too_big)
		snprintf(buf, len, "%s: not modelled (%s): assumed allowed%s",
			 mb_model_names[m], r.why_big, slot);
	else if (r.pos[m])
		snprintf(buf, len, "%s: allowed%s; witness: %s", mb_model_names[m], slot,
			 r.witness[m]);
	else if (!r.ncand && !r.why[m])
		snprintf(buf, len, "%s: forbidden%s: no execution reaches the condition",
			 mb_model_names[m], slot);
	else
		snprintf(buf, len, "%s: forbidden%s: every execution reaching the condition breaks %s",
			 mb_model_names[m], slot, r.why[m] ? r.why[m] : "an axiom");
	return buf;
}
