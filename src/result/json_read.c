/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_read.c - rebuild the result model (src/result/result.h) from a
 * "membench-result/1" file, for `membench compare` and `membench check`.
 * Input is untrusted: every key is looked up and type-checked, and the first
 * problem becomes one line "FILE: where: what" (jansson's line:column for
 * syntax errors).  What src/result/json_write.c writes as null comes back as NULL
 * (strings) or NaN (numbers).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json.h"
#include "result/result.h"

struct rd {
	const char *file;
	char *err;
	size_t errlen;
	bool failed;
};

static int bad(struct rd *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct rd *c, const char *where, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (c->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s: %s: %s", mb_esc(c->file), mb_esc(where), mb_esc(what));
	c->failed = true;
	return -1;
}

enum { OPT = 0, REQ = 1, NUL = 2 };	/* key may be absent / must be present; value may be null */

/* The value at key, or NULL (absent, or null when allowed); sets an error as flags say. */
static json_t *get(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		   bool *is_null)
{
	json_t *v = json_object_get(o, key);
	char at[256];

	*is_null = false;
	if (!v) {
		if (flags & REQ) {
			snprintf(at, sizeof(at), "%s", where);
			bad(c, at, "missing key \"%s\"", key);
		}
		*is_null = true;
		return NULL;
	}
	if (json_is_null(v)) {
		if (!(flags & NUL)) {
			snprintf(at, sizeof(at), "%s.%s", where, key);
			bad(c, at, "is null");
		}
		*is_null = true;
		return NULL;
	}
	return v;
}

static const char *type_name(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

static void wrong(struct rd *c, const char *where, const char *key, json_t *v, const char *want)
{
	char at[256];

	snprintf(at, sizeof(at), "%s.%s", where, key);
	bad(c, at, "expected %s, found %s", want, type_name(v));
}

static void get_str(struct rd *c, json_t *o, const char *key, const char *where, int flags, char **out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (!v)
		return;
	if (!json_is_string(v)) {
		wrong(c, where, key, v, "a string");
		return;
	}
	*out = mb_strdup(json_string_value(v));
}

static void get_num(struct rd *c, json_t *o, const char *key, const char *where, int flags, double *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (n)
		*out = NAN;
	if (!v)
		return;
	if (!json_is_number(v)) {
		wrong(c, where, key, v, "a number");
		return;
	}
	*out = json_number_value(v);
}

static void get_int(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		    long long min, long long *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);
	char at[256];

	if (!v)
		return;
	if (!json_is_integer(v)) {
		wrong(c, where, key, v, "an integer");
		return;
	}
	*out = json_integer_value(v);
	if (*out < min) {
		snprintf(at, sizeof(at), "%s.%s", where, key);
		bad(c, at, "%lld is less than %lld", *out, min);
	}
}

static void get_u64(struct rd *c, json_t *o, const char *key, const char *where, int flags, uint64_t *out)
{
	long long v = 0;

	get_int(c, o, key, where, flags, 0, &v);
	*out = (uint64_t)v;
}

static void get_i(struct rd *c, json_t *o, const char *key, const char *where, int flags, int *out)
{
	long long v = *out;

	get_int(c, o, key, where, flags, -1, &v);
	if (v > 0x7fffffff)
		bad(c, where, "\"%s\" is out of range", key);
	else
		*out = (int)v;
}

static void get_bool(struct rd *c, json_t *o, const char *key, const char *where, int flags, bool *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (!v)
		return;
	if (!json_is_boolean(v)) {
		wrong(c, where, key, v, "a boolean");
		return;
	}
	*out = json_is_true(v);
}

static json_t *get_typed(struct rd *c, json_t *o, const char *key, const char *where, int flags,
			 json_type t)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (v && json_typeof(v) != t) {
		wrong(c, where, key, v, t == JSON_OBJECT ? "an object" : "an array");
		return NULL;
	}
	return v;
}

/* index of s in names[0..n), or -1 (with an error naming the choices). */
static int get_enum(struct rd *c, json_t *o, const char *key, const char *where,
		    const char *const *names, int n)
{
	char *s = NULL, at[256], choices[160] = "";
	int found = -1;

	get_str(c, o, key, where, REQ, &s);
	if (!s)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(s, names[i]))
			found = i;
		snprintf(choices + strlen(choices), sizeof(choices) - strlen(choices), "%s%s",
			 i ? ", " : "", names[i]);
	}
	if (found < 0) {
		snprintf(at, sizeof(at), "%s.%s", where, key);
		bad(c, at, "unknown value \"%.64s\" (expected one of %s)", s, choices);
	}
	free(s);
	return found;
}

static void read_stats(struct rd *c, json_t *o, const char *where, struct mb_stats *s)
{
	json_t *a;
	uint64_t n = 0;
	size_t len;
	char at[256];

	get_num(c, o, "median", where, REQ | NUL, &s->median);
	get_num(c, o, "p10", where, REQ | NUL, &s->p10);
	get_num(c, o, "p90", where, REQ | NUL, &s->p90);
	get_num(c, o, "mad", where, REQ | NUL, &s->mad);
	get_num(c, o, "mean", where, REQ | NUL, &s->mean);
	get_num(c, o, "min", where, REQ | NUL, &s->min);
	get_num(c, o, "max", where, REQ | NUL, &s->max);
	get_u64(c, o, "n", where, REQ, &n);
	a = get_typed(c, o, "samples", where, REQ, JSON_ARRAY);
	if (!a || c->failed)
		return;
	len = json_array_size(a);
	if (n != len) {
		snprintf(at, sizeof(at), "%s.n", where);
		bad(c, at, "is %llu but samples holds %zu values", (unsigned long long)n, len);
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
			bad(c, at, "expected a number, found %s", type_name(v));
			return;
		}
	}
}

static void read_host(struct rd *c, json_t *o, struct mb_host *h)
{
	json_t *k;

	get_str(c, o, "name", "host", OPT | NUL, &h->name);
	get_str(c, o, "arch", "host", REQ, &h->arch);
	get_str(c, o, "model", "host", REQ | NUL, &h->model);
	get_str(c, o, "cpu_model", "host", REQ | NUL, &h->cpu_model);
	h->pus = h->cores = h->packages = h->numa_nodes = -1;
	get_i(c, o, "pus", "host", REQ, &h->pus);
	get_i(c, o, "cores", "host", REQ, &h->cores);
	get_i(c, o, "packages", "host", REQ, &h->packages);
	get_i(c, o, "numa_nodes", "host", REQ, &h->numa_nodes);
	get_str(c, o, "cpuset", "host", OPT | NUL, &h->cpuset);
	get_str(c, o, "kernel", "host", REQ | NUL, &h->kernel);
	get_str(c, o, "compiler", "host", REQ | NUL, &h->compiler);
	get_str(c, o, "cflags", "host", REQ | NUL, &h->cflags);
	get_str(c, o, "version", "host", REQ | NUL, &h->version);
	get_str(c, o, "git_rev", "host", REQ | NUL, &h->git_rev);
	k = get_typed(c, o, "counter", "host", REQ, JSON_OBJECT);
	if (k) {
		get_str(c, k, "name", "host.counter", REQ | NUL, &h->counter_name);
		get_num(c, k, "hz", "host.counter", REQ | NUL, &h->counter_hz);
		get_str(c, k, "unit", "host.counter", REQ, &h->counter_unit);
		get_str(c, k, "hz_source", "host.counter", REQ | NUL, &h->counter_hz_source);
		get_str(c, k, "fallback", "host.counter", OPT | NUL, &h->counter_fallback);
	}
	k = get_typed(c, o, "cycles", "host", REQ, JSON_OBJECT);
	if (k) {
		get_bool(c, k, "available", "host.cycles", REQ, &h->cycles_available);
		get_str(c, k, "source", "host.cycles", REQ | NUL, &h->cycles_source);
		get_num(c, k, "ticks_per_cycle", "host.cycles", REQ | NUL, &h->ticks_per_cycle);
	}
	/* Absent from results written before emulation was detected: those say nothing. */
	get_bool(c, o, "emulated", "host", OPT, &h->emulated);
	get_str(c, o, "emulation", "host", OPT | NUL, &h->emulation);
}

static void read_cost(struct rd *c, json_t *o, const char *w, struct mb_cost_entry *e)
{
	json_t *u, *s;
	char at[96];
	long long unroll = 0, reps = 1;

	if (!json_is_object(o)) {
		bad(c, w, "expected an object, found %s", type_name(o));
		return;
	}
	get_str(c, o, "kind", w, REQ, &e->kind);
	get_str(c, o, "type", w, REQ, &e->type);
	get_str(c, o, "barrier", w, REQ, &e->barrier);
	get_str(c, o, "instruction", w, REQ | NUL, &e->instruction);
	get_str(c, o, "context", w, REQ, &e->context);
	get_bool(c, o, "supported", w, REQ, &e->supported);
	get_str(c, o, "reason", w, OPT | NUL, &e->reason);
	get_str(c, o, "cpu", w, OPT | NUL, &e->cpu);
	get_str(c, o, "downgrade", w, OPT | NUL, &e->downgrade);
	get_int(c, o, "unroll", w, REQ, 0, &unroll);
	if (unroll > 0xffffffffLL)
		bad(c, w, "\"unroll\" is out of range");
	e->unroll = (unsigned)unroll;
	get_u64(c, o, "iterations", w, REQ, &e->iterations);
	/* Optional: files from before --repetitions hold one sweep. */
	get_int(c, o, "repetitions", w, OPT, 1, &reps);
	if (reps > 100000)
		bad(c, w, "\"repetitions\" is out of range");
	e->repetitions = (unsigned)reps;
	get_num(c, o, "overhead", w, REQ | NUL, &e->overhead);
	u = get_typed(c, o, "buffer", w, OPT | NUL, JSON_OBJECT);
	if (u) {
		snprintf(at, sizeof(at), "%s.buffer", w);
		get_u64(c, u, "bytes", at, REQ, &e->buffer_bytes);
		get_str(c, u, "flush", at, REQ | NUL, &e->buffer_flush);
	}
	u = get_typed(c, o, "units", w, REQ, JSON_OBJECT);
	if (!u || c->failed)
		return;
	snprintf(at, sizeof(at), "%s.units", w);
	s = get_typed(c, u, "ticks", at, REQ, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.ticks", w);
	if (s)
		read_stats(c, s, at, &e->ticks);
	snprintf(at, sizeof(at), "%s.units", w);
	s = get_typed(c, u, "ns", at, OPT, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.ns", w);
	if (s)
		read_stats(c, s, at, &e->ns);
	snprintf(at, sizeof(at), "%s.units", w);
	s = get_typed(c, u, "cycles", at, OPT, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.units.cycles", w);
	if (s) {
		e->have_cycles = true;
		read_stats(c, s, at, &e->cycles);
	}
	/* compare splits the samples into one block per sweep. */
	if (!c->failed && e->ticks.n % e->repetitions)
		bad(c, w, "%zu ticks samples do not split into %u repetitions", e->ticks.n,
		    e->repetitions);
}

static void read_litmus(struct rd *c, json_t *o, const char *w, struct mb_litmus_entry *e)
{
	static const char *const verdicts[] = { "Never", "Sometimes", "Always" };
	static const char *const statuses[] = { "ok", "violation", "unobserved", "skipped" };
	json_t *a, *x;
	char at[128];
	int v;

	if (!json_is_object(o)) {
		bad(c, w, "expected an object, found %s", type_name(o));
		return;
	}
	get_str(c, o, "test", w, REQ, &e->test);
	get_str(c, o, "file", w, REQ | NUL, &e->file);
	get_str(c, o, "barrier", w, REQ, &e->barrier);
	get_str(c, o, "instruction", w, REQ | NUL, &e->instruction);
	a = get_typed(c, o, "threads", w, REQ, JSON_ARRAY);
	if (a && !c->failed) {
		size_t n = json_array_size(a);

		e->nthreads = (int)n;
		e->thread_barriers = mb_xcalloc(n, sizeof(*e->thread_barriers));
		e->cpus = mb_xcalloc(n, sizeof(*e->cpus));
		for (size_t t = 0; t < n && !c->failed; t++) {
			x = json_array_get(a, t);
			snprintf(at, sizeof(at), "%s.threads[%zu]", w, t);
			if (!json_is_object(x)) {
				bad(c, at, "expected an object, found %s", type_name(x));
				break;
			}
			e->cpus[t] = -1;
			get_str(c, x, "barrier", at, REQ | NUL, &e->thread_barriers[t]);
			get_i(c, x, "cpu", at, REQ, &e->cpus[t]);
		}
	}
	get_str(c, o, "placement", w, REQ | NUL, &e->placement);
	get_str(c, o, "layout", w, REQ | NUL, &e->layout);
	get_str(c, o, "sync", w, REQ | NUL, &e->sync);
	get_str(c, o, "downgrade", w, OPT | NUL, &e->downgrade);
	get_u64(c, o, "iterations", w, REQ, &e->iterations);
	get_num(c, o, "elapsed_s", w, REQ | NUL, &e->elapsed_s);
	a = get_typed(c, o, "histogram", w, REQ, JSON_ARRAY);
	if (a && !c->failed) {
		size_t n = json_array_size(a);

		e->hist = n ? mb_xcalloc(n, sizeof(*e->hist)) : NULL;
		e->nhist = n;
		for (size_t k = 0; k < n && !c->failed; k++) {
			x = json_array_get(a, k);
			snprintf(at, sizeof(at), "%s.histogram[%zu]", w, k);
			if (!json_is_object(x)) {
				bad(c, at, "expected an object, found %s", type_name(x));
				break;
			}
			get_str(c, x, "state", at, REQ, &e->hist[k].state);
			get_u64(c, x, "count", at, REQ, &e->hist[k].count);
			get_bool(c, x, "positive", at, REQ, &e->hist[k].positive);
		}
	}
	get_u64(c, o, "positives", w, REQ, &e->positives);
	get_u64(c, o, "negatives", w, REQ, &e->negatives);
	v = get_enum(c, o, "verdict", w, verdicts, 3);
	e->verdict = v < 0 ? MB_NEVER : (enum mb_verdict)v;
	get_num(c, o, "p_upper95", w, REQ | NUL, &e->p_upper95);
	a = get_typed(c, o, "expected", w, REQ, JSON_OBJECT);
	snprintf(at, sizeof(at), "%s.expected", w);
	for (int m = 0; a && m < MB_NMODELS && !c->failed; m++) {
		static const char *const exp[] = { "Never", "Sometimes" };

		if (json_object_get(a, mb_model_names[m]))
			e->allowed[m] = get_enum(c, a, mb_model_names[m], at, exp, 2) == 1;
	}
	v = get_enum(c, o, "host_model", w, mb_model_names, MB_NMODELS);
	e->host_model = v < 0 ? MB_X86_TSO : (enum mb_model)v;
	v = get_enum(c, o, "status", w, statuses, 4);
	e->status = v < 0 ? MB_SKIPPED : (enum mb_status)v;
	get_str(c, o, "reason", w, OPT | NUL, &e->reason);
	get_str(c, o, "declared", w, OPT | NUL, &e->declared);
	get_str(c, o, "doc_string", w, OPT | NUL, &e->doc_string);
	a = get_typed(c, o, "header", w, OPT, JSON_OBJECT);
	if (a && !c->failed && json_object_size(a)) {
		const char *key;
		json_t *val;
		size_t k = 0;

		e->header = mb_xcalloc(json_object_size(a), sizeof(*e->header));
		snprintf(at, sizeof(at), "%s.header", w);
		json_object_foreach(a, key, val) {
			e->header[k].key = mb_strdup(key);
			get_str(c, a, key, at, REQ, &e->header[k].value);
			e->nheader = ++k;
			if (c->failed)
				break;
		}
	}
}

/* The result in root (a reference the caller gives up); path names it in errors. */
static int from_root(json_t *root, const char *path, struct mb_result *r, char *err, size_t errlen)
{
	struct rd c = { path, err, errlen, false };
	json_t *a, *h;
	char *schema = NULL, w[64];

	if (!json_is_object(root)) {
		snprintf(err, errlen, "%s: not a membench result (the top level is %s, not an object)",
			 mb_esc(path), type_name(root));
		goto fail;
	}
	a = json_object_get(root, "schema");
	if (!a || !json_is_string(a)) {
		snprintf(err, errlen, "%s: not a membench result (no \"schema\": \"%s\")", mb_esc(path),
			 MB_SCHEMA);
		goto fail;
	}
	schema = mb_strdup(json_string_value(a));
	if (strcmp(schema, MB_SCHEMA)) {
		if (!strncmp(schema, "membench-result/", 16))
			snprintf(err, errlen, "%s: schema \"%s\" is not supported by this membench (reads \"%s\")",
				 mb_esc(path), mb_esc(schema), MB_SCHEMA);
		else
			snprintf(err, errlen, "%s: not a membench result (schema is \"%.64s\", expected \"%s\")",
				 mb_esc(path), mb_esc(schema), MB_SCHEMA);
		goto fail;
	}
	get_str(&c, root, "created", "top level", REQ, &r->created);
	get_str(&c, root, "command", "top level", REQ | NUL, &r->command);
	get_bool(&c, root, "interrupted", "top level", OPT, &r->interrupted);
	h = get_typed(&c, root, "host", "top level", REQ, JSON_OBJECT);
	if (h)
		read_host(&c, h, &r->host);
	a = get_typed(&c, root, "cost", "top level", REQ, JSON_ARRAY);
	for (size_t i = 0; a && i < json_array_size(a) && !c.failed; i++) {
		snprintf(w, sizeof(w), "cost[%zu]", i);
		read_cost(&c, json_array_get(a, i), w, mb_result_add_cost(r));
	}
	a = get_typed(&c, root, "litmus", "top level", REQ, JSON_ARRAY);
	for (size_t i = 0; a && i < json_array_size(a) && !c.failed; i++) {
		snprintf(w, sizeof(w), "litmus[%zu]", i);
		read_litmus(&c, json_array_get(a, i), w, mb_result_add_litmus(r));
	}
	if (!c.failed) {
		free(schema);
		json_decref(root);
		return MB_EXIT_OK;
	}
fail:
	free(schema);
	json_decref(root);
	mb_result_free(r);
	return MB_EXIT_USAGE;
}

/* jansson could not parse: one line in err; exit 4 for out of memory (jansson leaves its error unset then: errno says it), else 2. */
static int load_failed(const char *name, const json_error_t *je, int errno_after, char *err,
		       size_t errlen)
{
	if (json_error_code(je) == json_error_out_of_memory || (!je->text[0] && errno_after == ENOMEM)) {
		snprintf(err, errlen, "%s: out of memory while reading it", mb_esc(name));
		return MB_EXIT_ENV;
	}
	snprintf(err, errlen, "%s:%d:%d: not valid JSON: %s", mb_esc(name), je->line, je->column,
		 mb_esc(je->text));
	return MB_EXIT_USAGE;
}

int mb_json_read(const char *path, struct mb_result *r, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root;
	FILE *f;
	int e;

	mb_result_init(r);
	if (errlen)
		err[0] = 0;
	f = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", mb_esc(path), strerror(errno));
		return MB_EXIT_USAGE;
	}
	errno = 0;
	root = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
	e = errno;
	if (f != stdin)
		fclose(f);
	if (!root)
		return load_failed(path, &je, e, err, errlen);
	return from_root(root, path, r, err, errlen);
}

int mb_json_read_buf(const char *name, const char *buf, size_t len, struct mb_result *r, char *err,
		     size_t errlen)
{
	json_error_t je;
	json_t *root;

	mb_result_init(r);
	if (errlen)
		err[0] = 0;
	errno = 0;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return load_failed(name, &je, errno, err, errlen);
	return from_root(root, name, r, err, errlen);
}
