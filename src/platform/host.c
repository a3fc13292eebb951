/* SPDX-License-Identifier: MIT */
/*
 * src/platform/host.c - the host record of a result (src/platform/host.h):
 * this machine's arch, CPU, topology, kernel, compiler and counter.  The
 * result model itself (src/result/) only holds it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "arch/arch.h"
#include "barrier/counter.h"
#include "base/base.h"
#include "platform/emul.h"
#include "platform/host.h"
#include "platform/topo.h"
#include "version.h"

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
	h->cpuset = mb_strdup(mb_topo_cpuset());
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
