/* SPDX-License-Identifier: MIT */
/*
 * src/platform/topo.c - placement of litmus threads through hwloc (src/platform/topo.h).
 *
 * Modes, as herdtools7's litmus7 affinity modes and then some:
 *   distinct-cores  one PU per distinct core, spread over the cores (default)
 *   same-core       SMT siblings of one core
 *   same-cache      distinct cores under the smallest cache they all share
 *   cross-package   distinct cores, round-robin over packages
 *   scan            distinct-cores rotated by the run number (varies per run)
 *   random          distinct cores shuffled by --seed and the run number
 *   list            --cpus: thread i on the i-th PU of the list
 * Every mode picks from the PUs this process may use (cgroup cpuset and
 * the binding it started with: taskset, numactl); a --cpus PU outside it is
 * an error, and a mode that the set cannot give is a recorded downgrade.
 * With fewer PUs than threads, threads share PUs: "oversubscribed".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <hwloc.h>

#include "platform/topo.h"

static hwloc_topology_t topo;
static int loaded;

/*
 * The PUs this process may use: the topology's allowed set (cgroup cpuset)
 * and the process's binding as it started (taskset, numactl), as a list
 * ("0-3") for the host record.  Every placement mode picks from it.
 */
static hwloc_bitmap_t allowed;
static char allowed_list[96];

/* Allowed PUs in "spread" order: the first PU of every core, then second PUs ... */
static int spread[1024], nspread;
static int npus, ncores;

static void load_allowed(void)
{
	hwloc_bitmap_t bind = hwloc_bitmap_alloc();

	allowed = hwloc_bitmap_dup(hwloc_topology_get_allowed_cpuset(topo));
	if (bind && !hwloc_get_cpubind(topo, bind, HWLOC_CPUBIND_PROCESS) &&
	    hwloc_bitmap_intersects(bind, allowed))
		hwloc_bitmap_and(allowed, allowed, bind);
	hwloc_bitmap_free(bind);
	if (hwloc_bitmap_list_snprintf(allowed_list, sizeof(allowed_list), allowed) >=
	    (int)sizeof(allowed_list))
		snprintf(allowed_list + sizeof(allowed_list) - 4, 4, "...");
}

int mb_topo_init(char *err, size_t errlen)
{
	hwloc_bitmap_t in;
	int cores_total;

	if (loaded)
		return 0;
	if (hwloc_topology_init(&topo) || hwloc_topology_load(topo)) {
		snprintf(err, errlen, "hwloc: cannot load the topology: %s", strerror(errno));
		return -1;
	}
	load_allowed();
	in = hwloc_bitmap_alloc();
	cores_total = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
	npus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
	ncores = 0;
	for (int level = 0; nspread < npus && level < 64; level++) {
		for (int c = 0; c < (cores_total > 0 ? cores_total : npus); c++) {
			hwloc_obj_t core = cores_total > 0 ?
				hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, (unsigned)c) : NULL;
			hwloc_obj_t pu;

			if (!core) {	/* no core level: each PU its own core */
				pu = level ? NULL : hwloc_get_obj_by_type(topo, HWLOC_OBJ_PU, (unsigned)c);
				if (pu && !hwloc_bitmap_isset(allowed, pu->os_index))
					pu = NULL;
			} else {
				hwloc_bitmap_and(in, core->cpuset, allowed);
				pu = hwloc_get_obj_inside_cpuset_by_type(topo, in, HWLOC_OBJ_PU,
									 (unsigned)level);
			}
			if (pu && nspread < (int)(sizeof(spread) / sizeof(spread[0]))) {
				spread[nspread++] = (int)pu->os_index;
				ncores += level == 0;
			}
		}
	}
	hwloc_bitmap_free(in);
	npus = nspread;
	if (npus == 0) {
		snprintf(err, errlen, "hwloc: no PU is allowed to this process (CPU set '%s')",
			 allowed_list);
		return -1;
	}
	loaded = 1;
	return 0;
}

const char *mb_topo_cpuset(void)
{
	char err[256];

	return mb_topo_init(err, sizeof(err)) ? NULL : allowed_list;
}

int mb_topo_npus(void)
{
	return npus;
}

int mb_topo_ncores(void)
{
	return ncores;
}

static int core_of(int pu)
{
	hwloc_obj_t o = hwloc_get_pu_obj_by_os_index(topo, (unsigned)pu);

	o = o ? hwloc_get_ancestor_obj_by_type(topo, HWLOC_OBJ_CORE, o) : NULL;
	return o ? (int)o->logical_index : pu;
}

/* n PUs on distinct cores out of cand[0..ncand), in that order; count found. */
static int pick_distinct(const int *cand, int ncand, int n, int *out)
{
	int got = 0;

	for (int i = 0; i < ncand && got < n; i++) {
		int dup = 0;

		for (int j = 0; j < got; j++)
			dup |= core_of(out[j]) == core_of(cand[i]);
		if (!dup)
			out[got++] = cand[i];
	}
	return got;
}

/* Default: spread over the cores (thread i on core i*ncores/n). */
static void distinct_cores(int n, unsigned rot, struct mb_placement *pl)
{
	for (int i = 0; i < n; i++) {
		int idx;

		if (n <= ncores)
			idx = (int)(((long)i * ncores / n + rot) % ncores);
		else
			idx = (int)((i + rot) % (unsigned)npus);
		pl->pus[i] = spread[idx];
	}
	if (n > ncores && n <= npus)
		snprintf(pl->downgrade, sizeof(pl->downgrade),
			 "%d threads on %d cores (CPU set %s): some threads share a core (SMT siblings)",
			 n, ncores, allowed_list);
}

static void set_mode(struct mb_placement *pl, const char *mode)
{
	snprintf(pl->mode, sizeof(pl->mode), "%s", mode);
}

/* The requested mode cannot be had here: distinct cores, said in the result. */
static int fall_back_to_distinct(struct mb_placement *pl, int n, const char *why)
{
	set_mode(pl, "distinct-cores");
	snprintf(pl->downgrade, sizeof(pl->downgrade), "%s; used distinct-cores", why);
	distinct_cores(n, 0, pl);
	return 0;
}

static int place_list(const char *cpus, int n, struct mb_placement *pl, char *err, size_t errlen)
{
	hwloc_bitmap_t set = hwloc_bitmap_alloc();
	int list[1024], nl = 0, id;

	if (!set || strspn(cpus, "0123456789,-") != strlen(cpus) ||
	    hwloc_bitmap_list_sscanf(set, cpus) < 0 || hwloc_bitmap_iszero(set) ||
	    hwloc_bitmap_weight(set) < 0 || hwloc_bitmap_weight(set) > 1024) {
		snprintf(err, errlen, "--cpus '%s': not a PU list (e.g. 0,1 or 0-3)", cpus);
		hwloc_bitmap_free(set);
		return -1;
	}
	hwloc_bitmap_foreach_begin(id, set) {
		if (!hwloc_get_pu_obj_by_os_index(topo, (unsigned)id)) {
			snprintf(err, errlen, "--cpus '%s': PU %d does not exist on this machine",
				 cpus, id);
			hwloc_bitmap_free(set);
			return -1;
		}
		if (!hwloc_bitmap_isset(allowed, (unsigned)id)) {
			snprintf(err, errlen, "--cpus '%s': PU %d is outside the CPU set this process "
				 "may use (%s)", cpus, id, allowed_list);
			hwloc_bitmap_free(set);
			return -1;
		}
		if (nl < 1024)
			list[nl++] = id;
	} hwloc_bitmap_foreach_end();
	hwloc_bitmap_free(set);
	set_mode(pl, "list");
	for (int i = 0; i < n; i++)
		pl->pus[i] = list[i % nl];
	if (n > nl) {
		set_mode(pl, "oversubscribed");
		snprintf(pl->downgrade, sizeof(pl->downgrade),
			 "--cpus lists %d PUs for %d threads: oversubscribed, threads share PUs "
			 "(time-sliced: races are rarer)", nl, n);
	}
	return 0;
}

int mb_topo_check_cpus(const char *cpus, char *err, size_t errlen)
{
	struct mb_placement pl;

	if (mb_topo_init(err, errlen))
		return -1;
	return place_list(cpus, 1, &pl, err, errlen);
}

const char *const mb_topo_modes[] = {
	"distinct-cores", "same-core", "same-cache", "cross-package", "scan", "random", NULL
};

int mb_topo_place(const char *mode, const char *cpus, int n, unsigned run,
		  unsigned long seed, struct mb_placement *pl, char *err, size_t errlen)
{
	memset(pl, 0, sizeof(*pl));
	if (mb_topo_init(err, errlen))
		return -1;
	if (n < 1 || n > MB_TOPO_MAX_THREADS) {
		snprintf(err, errlen, "%d threads: 1 to %d supported", n, MB_TOPO_MAX_THREADS);
		return -1;
	}
	if (cpus)
		return place_list(cpus, n, pl, err, errlen);
	if (!mode)
		mode = "distinct-cores";
	if (n > npus) {
		set_mode(pl, "oversubscribed");
		for (int i = 0; i < n; i++)
			pl->pus[i] = spread[(i + (!strcmp(mode, "scan") ? run : 0)) % (unsigned)npus];
		snprintf(pl->downgrade, sizeof(pl->downgrade),
			 "%s: %d threads on %d PUs (CPU set %s): oversubscribed, threads share PUs "
			 "(time-sliced: races are rarer)", mode, n, npus, allowed_list);
		return 0;
	}
	set_mode(pl, mode);
	if (!strcmp(mode, "same-core")) {
		for (int c = 0; c < ncores; c++) {	/* spread[c]: the first allowed PU of a core */
			int got = 0;

			for (int i = 0; i < npus && got < n; i++)
				if (core_of(spread[i]) == core_of(spread[c]))
					pl->pus[got++] = spread[i];
			if (got == n)
				return 0;
		}
		return fall_back_to_distinct(pl, n, "same-core: no core here has enough SMT "
					     "siblings (no SMT visible)");
	}
	if (!strcmp(mode, "same-cache")) {
		/* the smallest cache holding n distinct cores */
		for (int depth = hwloc_topology_get_depth(topo) - 1; depth >= 0; depth--) {
			unsigned nobj = (unsigned)hwloc_get_nbobjs_by_depth(topo, depth);

			for (unsigned k = 0; k < nobj; k++) {
				hwloc_obj_t o = hwloc_get_obj_by_depth(topo, depth, k);
				int cand[1024], nc = 0;

				if (!hwloc_obj_type_is_cache(o->type))
					continue;
				for (int i = 0; i < npus; i++)
					if (hwloc_bitmap_isset(o->cpuset, (unsigned)spread[i]))
						cand[nc++] = spread[i];
				if (pick_distinct(cand, nc, n, pl->pus) == n)
					return 0;
			}
		}
		return fall_back_to_distinct(pl, n, "same-cache: no cache is shared by that many cores");
	}
	if (!strcmp(mode, "cross-package")) {
		int np = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PACKAGE);

		if (np < 2) {
			return fall_back_to_distinct(pl, n, "cross-package: this machine has one package");
		}
		for (int i = 0; i < n; i++) {
			hwloc_obj_t pkg = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PACKAGE,
								(unsigned)(i % np));
			int cand[1024], nc = 0, got[MB_TOPO_MAX_THREADS];

			for (int j = 0; j < npus; j++)
				if (hwloc_bitmap_isset(pkg->cpuset, (unsigned)spread[j]))
					cand[nc++] = spread[j];
			if (pick_distinct(cand, nc, i / np + 1, got) < i / np + 1) {
				return fall_back_to_distinct(pl, n, "cross-package: too few cores per package");
			}
			pl->pus[i] = got[i / np];
		}
		return 0;
	}
	if (!strcmp(mode, "scan")) {
		distinct_cores(n, run, pl);
		return 0;
	}
	if (!strcmp(mode, "random")) {
		int order[1024];
		unsigned long x = seed * 2654435761ul + run * 40503ul + 1;

		memcpy(order, spread, sizeof(int) * (size_t)npus);
		for (int i = ncores - 1; i > 0; i--) {	/* shuffle the cores' first PUs */
			int j, tmp;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			j = (int)(x % (unsigned long)(i + 1));
			tmp = order[i];
			order[i] = order[j];
			order[j] = tmp;
		}
		for (int i = 0; i < n; i++)
			pl->pus[i] = order[i % npus];
		if (n > ncores)
			snprintf(pl->downgrade, sizeof(pl->downgrade),
				 "%d threads on %d cores: some threads share a core", n, ncores);
		return 0;
	}
	if (strcmp(mode, "distinct-cores")) {
		snprintf(err, errlen, "unknown placement '%s'", mode);
		return -1;
	}
	distinct_cores(n, 0, pl);
	return 0;
}

static int count_type(hwloc_obj_type_t type)
{
	int n = hwloc_get_nbobjs_by_type(topo, type);

	return n < 0 ? -1 : n;
}

void mb_topo_facts(struct mb_topo_facts *f)
{
	char err[256];

	f->pus = f->cores = f->packages = f->numa_nodes = -1;
	f->cpu_model = NULL;
	if (mb_topo_init(err, sizeof(err)))
		return;
	f->pus = count_type(HWLOC_OBJ_PU);
	f->cores = count_type(HWLOC_OBJ_CORE);
	f->packages = count_type(HWLOC_OBJ_PACKAGE);
	f->numa_nodes = count_type(HWLOC_OBJ_NUMANODE);
	f->cpu_model = hwloc_obj_get_info_by_name(hwloc_get_root_obj(topo), "CPUModel");
}

uint64_t mb_topo_largest_cache(void)
{
	char err[256];
	uint64_t best = 0;

	if (mb_topo_init(err, sizeof(err)))
		return 0;
	for (int d = 0; d < hwloc_topology_get_depth(topo); d++) {
		hwloc_obj_t o = hwloc_get_obj_by_depth(topo, (unsigned)d, 0);

		if (o && hwloc_obj_type_is_dcache(o->type) && o->attr->cache.size > best)
			best = o->attr->cache.size;
	}
	return best;
}

int mb_topo_pin_self(int pu, char *err, size_t errlen)
{
	hwloc_obj_t o;

	if (mb_topo_init(err, errlen))
		return -1;
	o = hwloc_get_pu_obj_by_os_index(topo, (unsigned)pu);
	if (!o) {
		snprintf(err, errlen, "cannot pin to PU %d: no such PU", pu);
		return -1;
	}
	if (hwloc_set_cpubind(topo, o->cpuset, HWLOC_CPUBIND_THREAD)) {
		snprintf(err, errlen, "cannot pin a thread to PU %d: hwloc_set_cpubind: %s", pu,
			 strerror(errno));
		return -1;
	}
	return 0;
}
