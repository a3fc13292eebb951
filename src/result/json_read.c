/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_read.c - rebuild the result model (src/result/result.h) from a
 * "membench-result/1" file, for `membench compare` and `membench check`.
 * Input is untrusted: every key is looked up and type-checked, and the first
 * problem becomes one line "FILE: where: what" (jansson's line:column for
 * syntax errors).  What src/result/json_write.c writes as null comes back as NULL
 * (strings) or NaN (numbers).  This file reads the top level and the host;
 * the cost and litmus entries are src/result/json_read_cost.c's and
 * json_read_litmus.c's, the typed look-ups src/result/json_get.c's.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json.h"
#include "result/json_read.h"
#include "result/result.h"

static void read_host(struct rd *c, json_t *o, struct mb_host *h)
{
	json_t *k;

	jr_get_str(c, o, "name", "host", OPT | NUL, &h->name);
	jr_get_str(c, o, "arch", "host", REQ, &h->arch);
	jr_get_str(c, o, "model", "host", REQ | NUL, &h->model);
	jr_get_str(c, o, "cpu_model", "host", REQ | NUL, &h->cpu_model);
	h->pus = h->cores = h->packages = h->numa_nodes = -1;
	jr_get_i(c, o, "pus", "host", REQ, &h->pus);
	jr_get_i(c, o, "cores", "host", REQ, &h->cores);
	jr_get_i(c, o, "packages", "host", REQ, &h->packages);
	jr_get_i(c, o, "numa_nodes", "host", REQ, &h->numa_nodes);
	jr_get_str(c, o, "cpuset", "host", OPT | NUL, &h->cpuset);
	jr_get_str(c, o, "kernel", "host", REQ | NUL, &h->kernel);
	jr_get_str(c, o, "compiler", "host", REQ | NUL, &h->compiler);
	jr_get_str(c, o, "cflags", "host", REQ | NUL, &h->cflags);
	jr_get_str(c, o, "version", "host", REQ | NUL, &h->version);
	jr_get_str(c, o, "git_rev", "host", REQ | NUL, &h->git_rev);
	k = jr_get_typed(c, o, "counter", "host", REQ, JSON_OBJECT);
	if (k) {
		jr_get_str(c, k, "name", "host.counter", REQ | NUL, &h->counter_name);
		jr_get_num(c, k, "hz", "host.counter", REQ | NUL, &h->counter_hz);
		jr_get_str(c, k, "unit", "host.counter", REQ, &h->counter_unit);
		jr_get_str(c, k, "hz_source", "host.counter", REQ | NUL, &h->counter_hz_source);
		jr_get_str(c, k, "fallback", "host.counter", OPT | NUL, &h->counter_fallback);
	}
	k = jr_get_typed(c, o, "cycles", "host", REQ, JSON_OBJECT);
	if (k) {
		jr_get_bool(c, k, "available", "host.cycles", REQ, &h->cycles_available);
		jr_get_str(c, k, "source", "host.cycles", REQ | NUL, &h->cycles_source);
		jr_get_num(c, k, "ticks_per_cycle", "host.cycles", REQ | NUL, &h->ticks_per_cycle);
	}
	/* Absent from results written before emulation was detected: those say nothing. */
	jr_get_bool(c, o, "emulated", "host", OPT, &h->emulated);
	jr_get_str(c, o, "emulation", "host", OPT | NUL, &h->emulation);
}

/* The result in root (a reference the caller gives up); path names it in errors. */
static int from_root(json_t *root, const char *path, struct mb_result *r, char *err, size_t errlen)
{
	struct rd c = { path, err, errlen, false };
	json_t *a, *h;
	char *schema = NULL, w[64];

	if (!json_is_object(root)) {
		snprintf(err, errlen, "%s: not a membench result (the top level is %s, not an object)",
			 mb_esc(path), jr_type_name(root));
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
	jr_get_str(&c, root, "created", "top level", REQ, &r->created);
	jr_get_str(&c, root, "command", "top level", REQ | NUL, &r->command);
	jr_get_bool(&c, root, "interrupted", "top level", OPT, &r->interrupted);
	h = jr_get_typed(&c, root, "host", "top level", REQ, JSON_OBJECT);
	if (h)
		read_host(&c, h, &r->host);
	a = jr_get_typed(&c, root, "cost", "top level", REQ, JSON_ARRAY);
	for (size_t i = 0; a && i < json_array_size(a) && !c.failed; i++) {
		snprintf(w, sizeof(w), "cost[%zu]", i);
		jr_read_cost(&c, json_array_get(a, i), w, mb_result_add_cost(r));
	}
	a = jr_get_typed(&c, root, "litmus", "top level", REQ, JSON_ARRAY);
	for (size_t i = 0; a && i < json_array_size(a) && !c.failed; i++) {
		snprintf(w, sizeof(w), "litmus[%zu]", i);
		jr_read_litmus(&c, json_array_get(a, i), w, mb_result_add_litmus(r));
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

