/* SPDX-License-Identifier: MIT */
/* src/result/result.c - allocation of the result model (src/result/result.h) and host facts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>


#include "arch/arch.h"
#include "barrier/counter.h"
#include "result/result.h"
#include "platform/emul.h"
#include "platform/topo.h"
#include "version.h"

const char *const mb_model_names[MB_NMODELS] = {
	"x86-TSO", "Armv8", "RVWMO", "Power", "LKMM"
};

void *mb_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *mb_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *mb_strdup(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return d;
}

char *mb_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	va_end(ap);
	return s;
}

void mb_result_init(struct mb_result *r)
{
	memset(r, 0, sizeof(*r));
}

static void stats_free(struct mb_stats *s)
{
	free(s->samples);
}

void mb_result_free(struct mb_result *r)
{
	struct mb_host *h = &r->host;

	free(h->name); free(h->arch); free(h->model); free(h->cpu_model); free(h->kernel);
	free(h->compiler); free(h->cflags); free(h->version); free(h->git_rev);
	free(h->counter_name); free(h->counter_unit); free(h->counter_hz_source);
	free(h->counter_fallback); free(h->cycles_source); free(h->emulation);
	for (size_t i = 0; i < r->ncost; i++) {
		struct mb_cost_entry *c = &r->cost[i];

		free(c->kind); free(c->type); free(c->barrier); free(c->instruction);
		free(c->context); free(c->reason); free(c->cpu); free(c->downgrade);
		stats_free(&c->ticks); stats_free(&c->ns); stats_free(&c->cycles);
	}
	free(r->cost);
	for (size_t i = 0; i < r->nlitmus; i++) {
		struct mb_litmus_entry *l = &r->litmus[i];

		free(l->test); free(l->file); free(l->barrier); free(l->instruction);
		for (int t = 0; l->thread_barriers && t < l->nthreads; t++)
			free(l->thread_barriers[t]);
		free(l->thread_barriers); free(l->cpus);
		free(l->placement); free(l->layout); free(l->sync); free(l->downgrade);
		for (size_t k = 0; k < l->nhist; k++)
			free(l->hist[k].state);
		free(l->hist); free(l->reason);
		free(l->declared); free(l->doc_string);
		for (size_t k = 0; k < l->nheader; k++) {
			free(l->header[k].key);
			free(l->header[k].value);
		}
		free(l->header);
	}
	free(r->litmus);
	free(r->created);
	free(r->command);
	memset(r, 0, sizeof(*r));
}

struct mb_cost_entry *mb_result_add_cost(struct mb_result *r)
{
	if (r->ncost == r->cost_cap) {
		r->cost_cap = r->cost_cap ? 2 * r->cost_cap : 64;
		r->cost = mb_xrealloc(r->cost, r->cost_cap * sizeof(*r->cost));
	}
	memset(&r->cost[r->ncost], 0, sizeof(r->cost[0]));
	return &r->cost[r->ncost++];
}

struct mb_litmus_entry *mb_result_add_litmus(struct mb_result *r)
{
	if (r->nlitmus == r->litmus_cap) {
		r->litmus_cap = r->litmus_cap ? 2 * r->litmus_cap : 64;
		r->litmus = mb_xrealloc(r->litmus, r->litmus_cap * sizeof(*r->litmus));
	}
	memset(&r->litmus[r->nlitmus], 0, sizeof(r->litmus[0]));
	return &r->litmus[r->nlitmus++];
}

const char *mb_verdict_name(enum mb_verdict v)
{
	return v == MB_NEVER ? "Never" : v == MB_ALWAYS ? "Always" : "Sometimes";
}

const char *mb_status_name(enum mb_status s)
{
	static const char *const names[] = { "ok", "violation", "unobserved", "skipped" };

	return names[s];
}

enum mb_verdict mb_verdict_from_counts(uint64_t positives, uint64_t negatives)
{
	if (positives == 0)
		return MB_NEVER;
	if (negatives == 0)
		return MB_ALWAYS;
	return MB_SOMETIMES;
}

static char *cpuinfo_model(void)
{
	static const char *const keys[] = { "model name", "cpu model", "cpu\t", "uarch", NULL };
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");
	char *found = NULL;

	if (!f)
		return NULL;
	while (!found && fgets(line, sizeof(line), f)) {
		for (int k = 0; keys[k]; k++) {
			char *colon = strchr(line, ':');

			if (strncmp(line, keys[k], strlen(keys[k])) || !colon)
				continue;
			colon++;
			while (*colon == ' ' || *colon == '\t')
				colon++;
			colon[strcspn(colon, "\n")] = 0;
			found = mb_strdup(colon);
			break;
		}
	}
	fclose(f);
	return found;
}

void mb_host_fill(struct mb_host *h)
{
	const struct mb_counter_info *ci = mb_counter();
	struct mb_topo_facts f;
	struct utsname u;
	char name[256] = "";

	if (gethostname(name, sizeof(name) - 1) == 0 && name[0])
		h->name = mb_strdup(name);
	h->arch = mb_strdup(MB_ARCH_NAME);
	h->model = mb_strdup(MB_ARCH_MODEL);
	h->cpu_model = cpuinfo_model();
	/* The topology src/platform/topo.c loaded (once) for placement. */
	mb_topo_facts(&f);
	h->pus = f.pus;
	h->cores = f.cores;
	h->packages = f.packages;
	h->numa_nodes = f.numa_nodes;
	if (!h->cpu_model)
		h->cpu_model = mb_strdup(f.cpu_model);
	if (!h->cpu_model)
		h->cpu_model = mb_strdup("unknown");
	h->kernel = uname(&u) == 0 ? mb_asprintf("%s %s", u.sysname, u.release) : mb_strdup("unknown");
#ifdef __clang__
	h->compiler = mb_strdup("clang " __clang_version__);
#else
	h->compiler = mb_strdup("gcc " __VERSION__);
#endif
	h->cflags = mb_strdup(MB_BUILD_CFLAGS);
	h->version = mb_strdup(MB_VERSION);
	h->git_rev = mb_strdup(MB_GIT_REV);
	h->counter_name = mb_strdup(ci->name);
	h->counter_unit = mb_strdup(ci->unit);
	h->counter_hz = ci->hz;
	h->counter_hz_source = mb_strdup(ci->hz_source);
	h->counter_fallback = mb_strdup(ci->fallback);
	h->cycles_available = false;
	h->cycles_source = mb_strdup("not measured (no cost run)");
	h->emulation = mb_emulation_probe(MB_ARCH_NAME);
	h->emulated = h->emulation != NULL;
}
