/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_skew.c - the counter-skew bound (src/litmus/skew.c):
 * the arithmetic of the ping-pong, the decision over a run's pairs, and
 * one live probe between two PUs of this machine when it has two.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "litmus/skew.h"
#include "platform/topo.h"

static struct mb_skew_pair pair(int a, int b, int64_t min_ab, int64_t min_ba, unsigned rounds)
{
	struct mb_skew_pair p = { .a = a, .b = b, .min_ab = min_ab, .min_ba = min_ba,
				  .rounds = rounds };

	mb_skew_bounds(&p);
	return p;
}

int main(void)
{
	struct mb_skew_pair p, q, r;
	const struct mb_skew_pair *ps[3];
	long long bound;
	char msg[256], err[256];
	struct mb_placement pl;

	/* synchronised counters: both one-way minima are latencies */
	p = pair(0, 1, 300, 250, MB_SKEW_ROUNDS);
	CHECK(p.lo == 0 && p.hi == 300, "minima 300/250: |skew| in [0, 300] (got [%lld, %lld])",
	      p.lo, p.hi);
	/* B's counter 5000 behind A's: d_ab = latency - 5000 < 0 proves skew */
	q = pair(0, 2, -4700, 5300, MB_SKEW_ROUNDS);
	CHECK(q.lo == 4700 && q.hi == 5300, "minima -4700/5300: |skew| in [4700, 5300] (got [%lld, %lld])",
	      q.lo, q.hi);
	r = pair(1, 2, INT64_MAX, 100, 0);
	CHECK(r.hi < 0, "no round trip: unknown");

	CHECK(mb_skew_limit(2.6e9) == 1040, "limit: 400 ns of a 2.6 GHz counter (got %lld)",
	      mb_skew_limit(2.6e9));
	CHECK(mb_skew_limit(24e6) == 128, "limit: at least 4 schedule steps on a 24 MHz counter"
	      " (got %lld)", mb_skew_limit(24e6));

	ps[0] = &p;
	CHECK(mb_skew_judge(ps, 1, 1040, &bound, msg, sizeof(msg)) == 0 && bound == 300,
	      "a bound under the limit keeps timebase, bound 300 (got %lld)", bound);
	CHECK(mb_skew_judge(ps, 0, 1040, &bound, msg, sizeof(msg)) == 0 && bound == -1,
	      "one PU: no pair, bound -1");
	ps[1] = &q;
	CHECK(mb_skew_judge(ps, 2, 1040, &bound, msg, sizeof(msg)) == 1 &&
	      strstr(msg, "at least 4700 ticks") && strstr(msg, "PU 0 and 2"),
	      "a proven skew replaces timebase: %s", msg);
	ps[1] = &r;
	CHECK(mb_skew_judge(ps, 2, 1040, &bound, msg, sizeof(msg)) == 1 &&
	      strstr(msg, "could not be measured"), "an unmeasured pair replaces timebase: %s", msg);
	p = pair(0, 1, 2000, 1500, 17);
	ps[0] = &p;
	CHECK(mb_skew_judge(ps, 1, 1040, &bound, msg, sizeof(msg)) == 1 &&
	      strstr(msg, "below 2000") && strstr(msg, "only 17 of"),
	      "a loose bound replaces timebase and says the PUs were busy: %s", msg);

	/* live: the first two PUs of this machine */
	if (mb_topo_init(err, sizeof(err)) == 0 && mb_topo_npus() >= 2 &&
	    mb_topo_place("distinct-cores", NULL, 2, 0, 1, &pl, err, sizeof(err)) == 0 &&
	    pl.pus[0] != pl.pus[1]) {
		const int *pus = pl.pus;
		int rc = mb_skew_check(pus, 2, 1e9, &bound, msg, sizeof(msg));

		CHECK(rc == 2 || (rc == 0 && bound >= 0) || (rc == 1 && msg[0]),
		      "live probe of PU %d and %d: rc %d, bound %lld %s", pus[0], pus[1], rc, bound,
		      rc == 1 ? msg : "");
	} else {
		printf("# fewer than two PUs to use here: no live probe\n");
	}
	return CHECK_DONE();
}
