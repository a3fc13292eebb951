/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_read_litmus.c - a result file's "litmus" entries read
 * back into the model (src/result/result.h): the run's threads and
 * placement, the histogram, the verdict, each model's expectation and the
 * test's header.
 */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json_read.h"
#include "result/result.h"

void jr_read_litmus(struct rd *c, json_t *o, const char *w, struct mb_litmus_entry *e)
{
	static const char *const verdicts[] = { "Never", "Sometimes", "Always" };
	static const char *const statuses[] = { "ok", "violation", "unobserved", "skipped" };
	json_t *a, *x;
	char at[128];
	int v;

	if (!json_is_object(o)) {
		jr_bad(c, w, "expected an object, found %s", jr_type_name(o));
		return;
	}
	jr_get_str(c, o, "test", w, REQ, &e->test);
	jr_get_str(c, o, "file", w, REQ | NUL, &e->file);
	jr_get_str(c, o, "barrier", w, REQ, &e->barrier);
	jr_get_str(c, o, "instruction", w, REQ | NUL, &e->instruction);
	a = jr_get_typed(c, o, "threads", w, REQ, JSON_ARRAY);
	if (a && !c->failed) {
		size_t n = json_array_size(a);

		e->nthreads = (int)n;
		e->thread_barriers = mb_xcalloc(n, sizeof(*e->thread_barriers));
		e->cpus = mb_xcalloc(n, sizeof(*e->cpus));
		for (size_t t = 0; t < n && !c->failed; t++) {
			x = json_array_get(a, t);
			snprintf(at, sizeof(at), "%s.threads[%zu]", w, t);
			if (!json_is_object(x)) {
				jr_bad(c, at, "expected an object, found %s", jr_type_name(x));
				break;
			}
			e->cpus[t] = -1;
			jr_get_str(c, x, "barrier", at, REQ | NUL, &e->thread_barriers[t]);
			jr_get_i(c, x, "cpu", at, REQ, &e->cpus[t]);
		}
	}
	jr_get_str(c, o, "placement", w, REQ | NUL, &e->placement);
	jr_get_str(c, o, "layout", w, REQ | NUL, &e->layout);
	jr_get_str(c, o, "sync", w, REQ | NUL, &e->sync);
	jr_get_str(c, o, "downgrade", w, OPT | NUL, &e->downgrade);
	jr_get_u64(c, o, "iterations", w, REQ, &e->iterations);
	jr_get_num(c, o, "elapsed_s", w, REQ | NUL, &e->elapsed_s);
	a = jr_get_typed(c, o, "histogram", w, REQ, JSON_ARRAY);
	if (a && !c->failed) {
		size_t n = json_array_size(a);

		e->hist = n ? mb_xcalloc(n, sizeof(*e->hist)) : NULL;
		e->nhist = n;
		for (size_t k = 0; k < n && !c->failed; k++) {
			x = json_array_get(a, k);
			snprintf(at, sizeof(at), "%s.histogram[%zu]", w, k);
			if (!json_is_object(x)) {
				jr_bad(c, at, "expected an object, found %s", jr_type_name(x));
				break;
			}
			jr_get_str(c, x, "state", at, REQ, &e->hist[k].state);
			jr_get_u64(c, x, "count", at, REQ, &e->hist[k].count);
			jr_get_bool(c, x, "positive", at, REQ, &e->hist[k].positive);
		}
	}
	jr_get_u64(c, o, "positives", w, REQ, &e->positives);
	jr_get_u64(c, o, "negatives", w, REQ, &e->negatives);
	v = jr_get_enum(c, o, "verdict", w, verdicts, 3);
	e->verdict = v < 0 ? MB_NEVER : (enum mb_verdict)v;
	jr_get_num(c, o, "p_upper95", w, REQ | NUL, &e->p_upper95);
	a = jr_get_typed(c, o, "expected", w, REQ, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.expected", w);
	for (int m = 0; a && m < MB_NMODELS && !c->failed; m++) {
		static const char *const exp[] = { "Never", "Sometimes" };

		if (json_object_get(a, mb_model_names[m]))
			e->allowed[m] = jr_get_enum(c, a, mb_model_names[m], at, exp, 2) == 1;
	}
	v = jr_get_enum(c, o, "host_model", w, mb_model_names, MB_NMODELS);
	e->host_model = v < 0 ? MB_X86_TSO : (enum mb_model)v;
	v = jr_get_enum(c, o, "status", w, statuses, 4);
	e->status = v < 0 ? MB_SKIPPED : (enum mb_status)v;
	jr_get_str(c, o, "reason", w, OPT | NUL, &e->reason);
	jr_get_str(c, o, "declared", w, OPT | NUL, &e->declared);
	jr_get_str(c, o, "doc_string", w, OPT | NUL, &e->doc_string);
	a = jr_get_typed(c, o, "header", w, OPT, JSON_OBJECT);
	if (a && !c->failed && json_object_size(a)) {
		const char *key;
		json_t *val;
		size_t k = 0;

		e->header = mb_xcalloc(json_object_size(a), sizeof(*e->header));
		snprintf(at, sizeof(at), "%s.header", w);
		json_object_foreach(a, key, val) {
			e->header[k].key = mb_strdup(key);
			jr_get_str(c, a, key, at, REQ, &e->header[k].value);
			e->nheader = ++k;
			if (c->failed)
				break;
		}
	}
}
