/* SPDX-License-Identifier: MIT */
/* tests/unit_topo.c - placement modes and pinning (src/platform/topo.c). */
#include <string.h>

#include "check.h"
#include "platform/topo.h"

int main(void)
{
	struct mb_placement pl, pl2;
	char err[256];
	int npus;

	CHECK(mb_topo_init(err, sizeof(err)) == 0, "hwloc topology loads");
	npus = mb_topo_npus();
	CHECK(npus >= 1 && mb_topo_ncores() >= 1, "%d PUs, %d cores", npus, mb_topo_ncores());

	CHECK(mb_topo_place(NULL, NULL, 2, 0, 0, &pl, err, sizeof(err)) == 0, "default placement");
	if (npus >= 2) {
		CHECK(!strcmp(pl.mode, "distinct-cores") && pl.pus[0] != pl.pus[1],
		      "distinct-cores: PUs %d,%d", pl.pus[0], pl.pus[1]);
		CHECK(pl.downgrade[0] == 0 || mb_topo_ncores() < 2, "no downgrade with 2 cores");
	}
	CHECK(mb_topo_place(NULL, "0", 2, 0, 0, &pl, err, sizeof(err)) == 0 &&
	      !strcmp(pl.mode, "oversubscribed") && pl.downgrade[0] && pl.pus[1] == 0,
	      "--cpus 0 for 2 threads: oversubscribed, visibly (%s)", pl.downgrade);
	CHECK(mb_topo_place(NULL, "0,99", 2, 0, 0, &pl, err, sizeof(err)) == -1 &&
	      strstr(err, "99"), "--cpus 0,99: error names PU 99 (%s)", err);
	CHECK(mb_topo_place(NULL, "x-y", 2, 0, 0, &pl, err, sizeof(err)) == -1, "--cpus x-y: error");
	CHECK(mb_topo_place("distinct-cores", NULL, npus + 2, 0, 0, &pl, err, sizeof(err)) == 0 &&
	      !strcmp(pl.mode, "oversubscribed") && strstr(pl.downgrade, "oversubscribed"),
	      "more threads than PUs: oversubscribed");
	CHECK(mb_topo_place(NULL, NULL, 9, 0, 0, &pl, err, sizeof(err)) == -1, "9 threads: refused");
	CHECK(mb_topo_place("same-core", NULL, 2, 0, 0, &pl, err, sizeof(err)) == 0 &&
	      (!strcmp(pl.mode, "same-core") || pl.downgrade[0]),
	      "same-core: SMT siblings or a visible downgrade (%s)", pl.downgrade);
	CHECK(mb_topo_place("cross-package", NULL, 2, 0, 0, &pl, err, sizeof(err)) == 0 &&
	      (!strcmp(pl.mode, "cross-package") || pl.downgrade[0]),
	      "cross-package: used or a visible downgrade (%s)", pl.downgrade);
	CHECK(mb_topo_place("same-cache", NULL, 2, 0, 0, &pl, err, sizeof(err)) == 0,
	      "same-cache: %s %s", pl.mode, pl.downgrade);
	CHECK(mb_topo_place("random", NULL, 2, 3, 42, &pl, err, sizeof(err)) == 0 &&
	      mb_topo_place("random", NULL, 2, 3, 42, &pl2, err, sizeof(err)) == 0 &&
	      !memcmp(pl.pus, pl2.pus, sizeof(pl.pus)), "random: the seed decides");
	if (npus >= 2) {
		mb_topo_place("scan", NULL, 2, 0, 0, &pl, err, sizeof(err));
		mb_topo_place("scan", NULL, 2, 1, 0, &pl2, err, sizeof(err));
		CHECK(memcmp(pl.pus, pl2.pus, sizeof(pl.pus)) != 0, "scan: varies across runs");
	}
	CHECK(mb_topo_place("bogus", NULL, 2, 0, 0, &pl, err, sizeof(err)) == -1, "unknown mode");
	mb_topo_place(NULL, NULL, 1, 0, 0, &pl, err, sizeof(err));
	CHECK(mb_topo_pin_self(pl.pus[0], err, sizeof(err)) == 0, "pin to PU %d", pl.pus[0]);
	CHECK(mb_topo_pin_self(4096, err, sizeof(err)) == -1, "pin to PU 4096 fails: %s", err);
	return CHECK_DONE();
}
