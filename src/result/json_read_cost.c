/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_read_cost.c - a result file's "cost" entries read back
 * into the model (src/result/result.h): ids, sizing, the optional buffer,
 * and the statistics and raw samples of each unit (ticks, ns, cycles).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json_read.h"
#include "result/result.h"

static void read_stats(struct rd *c, json_t *o, const char *where, struct mb_stats *s)
{
	json_t *a;
	uint64_t n = 0;
	size_t len;
	char at[256];

	jr_get_num(c, o, "median", where, REQ | NUL, &s->median);
	jr_get_num(c, o, "p10", where, REQ | NUL, &s->p10);
	jr_get_num(c, o, "p90", where, REQ | NUL, &s->p90);
	jr_get_num(c, o, "mad", where, REQ | NUL, &s->mad);
	jr_get_num(c, o, "mean", where, REQ | NUL, &s->mean);
	jr_get_num(c, o, "min", where, REQ | NUL, &s->min);
	jr_get_num(c, o, "max", where, REQ | NUL, &s->max);
	jr_get_u64(c, o, "n", where, REQ, &n);
	a = jr_get_typed(c, o, "samples", where, REQ, JSON_ARRAY);
	if (!a || c->failed)
		return;
	len = json_array_size(a);
	if (n != len) {
		snprintf(at, sizeof(at), "%s.n", where);
		jr_bad(c, at, "is %llu but samples holds %zu values", (unsigned long long)n, len);
		return;
	}
	s->n = len;
	s->samples = len ? mb_xcalloc(len, sizeof(*s->samples)) : NULL;
	for (size_t i = 0; i < len; i++) {
		json_t *v = json_array_get(a, i);

		if (json_is_null(v)) {
			s->samples[i] = NAN;
		} else if (json_is_number(v)) {
			s->samples[i] = json_number_value(v);
		} else {
			snprintf(at, sizeof(at), "%s.samples[%zu]", where, i);
			jr_bad(c, at, "expected a number, found %s", jr_type_name(v));
			return;
		}
	}
}

void jr_read_cost(struct rd *c, json_t *o, const char *w, struct mb_cost_entry *e)
{
	json_t *u, *s;
	char at[96];
	long long unroll = 0, reps = 1;

	if (!json_is_object(o)) {
		jr_bad(c, w, "expected an object, found %s", jr_type_name(o));
		return;
	}
	jr_get_str(c, o, "kind", w, REQ, &e->kind);
	jr_get_str(c, o, "type", w, REQ, &e->type);
	jr_get_str(c, o, "barrier", w, REQ, &e->barrier);
	jr_get_str(c, o, "instruction", w, REQ | NUL, &e->instruction);
	jr_get_str(c, o, "context", w, REQ, &e->context);
	jr_get_bool(c, o, "supported", w, REQ, &e->supported);
	jr_get_str(c, o, "reason", w, OPT | NUL, &e->reason);
	jr_get_str(c, o, "cpu", w, OPT | NUL, &e->cpu);
	jr_get_str(c, o, "downgrade", w, OPT | NUL, &e->downgrade);
	jr_get_int(c, o, "unroll", w, REQ, 0, &unroll);
	if (unroll > 0xffffffffLL)
		jr_bad(c, w, "\"unroll\" is out of range");
	e->unroll = (unsigned)unroll;
	jr_get_u64(c, o, "iterations", w, REQ, &e->iterations);
	/* Optional: files from before --repetitions hold one sweep. */
	jr_get_int(c, o, "repetitions", w, OPT, 1, &reps);
	if (reps > 100000)
		jr_bad(c, w, "\"repetitions\" is out of range");
	e->repetitions = (unsigned)reps;
	jr_get_num(c, o, "overhead", w, REQ | NUL, &e->overhead);
	u = jr_get_typed(c, o, "buffer", w, OPT | NUL, JSON_OBJECT);
	if (u) {
		snprintf(at, sizeof(at), "%s.buffer", w);
		jr_get_u64(c, u, "bytes", at, REQ, &e->buffer_bytes);
		jr_get_str(c, u, "flush", at, REQ | NUL, &e->buffer_flush);
	}
	u = jr_get_typed(c, o, "units", w, REQ, JSON_OBJECT);
	if (!u || c->failed)
		return;
	snprintf(at, sizeof(at), "%s.units", w);
	s = jr_get_typed(c, u, "ticks", at, REQ, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.ticks", w);
	if (s)
		read_stats(c, s, at, &e->ticks);
	snprintf(at, sizeof(at), "%s.units", w);
	s = jr_get_typed(c, u, "ns", at, OPT, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.ns", w);
	if (s)
		read_stats(c, s, at, &e->ns);
	snprintf(at, sizeof(at), "%s.units", w);
	s = jr_get_typed(c, u, "cycles", at, OPT, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.cycles", w);
	if (s) {
		e->have_cycles = true;
		read_stats(c, s, at, &e->cycles);
	}
	/* compare splits the samples into one block per sweep. */
	if (!c->failed && e->ticks.n % e->repetitions)
		jr_bad(c, w, "%zu ticks samples do not split into %u repetitions", e->ticks.n,
		    e->repetitions);
}
