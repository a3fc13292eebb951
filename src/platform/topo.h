/* SPDX-License-Identifier: MIT */
/*
 * src/platform/topo.h - where litmus threads run: placement modes over the hwloc
 * topology, and pinning.  A placement never degrades silently: when the
 * machine cannot give what was asked (no SMT for same-core, one package
 * for cross-package, fewer PUs than threads), the mode actually used and
 * a one-line downgrade are returned for the result and the warning.
 */
#ifndef MB_TOPO_H
#define MB_TOPO_H

#include <stddef.h>
#include <stdint.h>

#define MB_TOPO_MAX_THREADS	8

struct mb_placement {
	int pus[MB_TOPO_MAX_THREADS];	/* OS index of thread i's PU */
	char mode[32];			/* "distinct-cores", "list", "oversubscribed" ... */
	char downgrade[256];		/* "" or why the placement differs from the request */
};

/* Load the topology once.  0, or -1 with a message in err. */
int mb_topo_init(char *err, size_t errlen);
int mb_topo_npus(void);
int mb_topo_ncores(void);

/* The placement modes mb_topo_place knows, NULL-terminated (--placement). */
extern const char *const mb_topo_modes[];

/*
 * Choose PUs for nthreads threads.  cpus (--cpus, hwloc list syntax
 * "0-3,5") wins over mode (--placement; NULL = distinct-cores).  run
 * numbers the test x barrier runs, for scan and random.  Returns 0, or
 * -1 with a one-line message in err (unknown PU in cpus, bad list).
 */
int mb_topo_place(const char *mode, const char *cpus, int nthreads, unsigned run,
		  unsigned long seed, struct mb_placement *pl, char *err, size_t errlen);

/* Check a --cpus list (syntax, PUs that exist and are allowed): 0, or -1 with err. */
int mb_topo_check_cpus(const char *cpus, char *err, size_t errlen);

/* The PUs this process may use, as a list ("0-3,6"); NULL if hwloc failed. */
const char *mb_topo_cpuset(void);

/* What the machine has, for the result's host record; -1 / NULL when unknown. */
struct mb_topo_facts {
	int pus, cores, packages, numa_nodes;
	const char *cpu_model;		/* hwloc's CPUModel info, owned by the topology */
};
void mb_topo_facts(struct mb_topo_facts *f);

/* The largest data cache hwloc knows of, in bytes; 0 when unknown. */
uint64_t mb_topo_largest_cache(void);

/* Pin the calling thread to PU pu (OS index).  0, or -1 with err. */
int mb_topo_pin_self(int pu, char *err, size_t errlen);

#endif /* MB_TOPO_H */
