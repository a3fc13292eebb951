/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/skew.c - bounding the counter skew between PUs
 * (src/litmus/skew.h).
 *
 * --sync timebase assumes that every PU reads the same counter value at
 * the same instant.  Before a PU pair's first timebase run, bound their
 * offset with the usual ping-pong: A reads its counter and sends the
 * value on a line of its own; B, having seen it, reads its own and sends
 * that back.  In real time the receiver's read follows the sender's, so
 * d_ab = B - A = latency + (off_B - off_A) > off_B - off_A, and likewise
 * d_ba > off_A - off_B.  The minimum over the round trips keeps the least
 * latency: off_B - off_A lies in (-min d_ba, min d_ab), so
 *   |skew| <= max(min d_ab, min d_ba)   (at most skew + one line transfer),
 *   |skew| >= -min d_ab or -min d_ba    (a negative minimum proves skew).
 * The reads are the ordered ones (mb_counter_begin): an unordered rdtsc
 * may run ahead of the load that saw the stamp and understate d.  Skews
 * below the one-way latency cannot be told from none this way.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "litmus/harness.h"
#include "litmus/skew.h"
#include "platform/topo.h"

#define SKEW_MAX_PAIRS	64	/* PU pairs remembered; beyond, the last slot is reused */
/*
 * The largest bound a timebase run accepts: 400 ns of counter, and at
 * least 4 schedule steps at their floor (slow counters: 24 MHz cntvct).
 * What the schedule absorbs is far less: a skew s starts one thread's
 * instance s ticks before the other's, all run long, and the jitter
 * (<= 63 ticks) explores phases only around s.  Injected on this 2.6 GHz
 * KVM guest, SB's weak outcomes fall to 1/4 at s = 64 ticks, 1/17 at 128,
 * 1/40 at 1024.  But a synchronised counter measures as one line transfer,
 * here a bound of 360-600 ticks (140-230 ns; ~2 delta, which adapts to
 * that same transfer), and more across sockets: a limit under that would
 * replace timebase everywhere.  400 ns is ~4 delta of the fast tests, where the
 * threads no longer race on the same instance at all; the bound below it
 * is printed with the mode, so a reader can judge what is in between.
 */
#define SKEW_LIMIT_S	400e-9
#define SKEW_LIMIT_MIN	(4 * MB_HARNESS_DELTA_MIN)

struct skew_probe {
	_Alignas(128) unsigned ab_seq;	/* A -> B: round number, after ab_stamp */
	uint64_t ab_stamp;
	_Alignas(128) unsigned ba_seq;	/* B -> A */
	uint64_t ba_stamp;
	_Alignas(128) volatile int abort;
	uint64_t deadline;
	int pu[2];
	int64_t min_d[2];	/* [0]: min d_ab (B's samples), [1]: min d_ba (A's) */
	unsigned rounds[2];
	int pin_failed;
};

struct skew_side {
	struct skew_probe *sp;
	int side;		/* 0: A, 1: B */
	pthread_t th;
};


static struct mb_skew_pair skew_cache[SKEW_MAX_PAIRS];
static int skew_ncache;

static int skew_wait(struct skew_probe *sp, unsigned *seq, unsigned want)
{
	unsigned long spins = 0;

	while (__atomic_load_n(seq, __ATOMIC_ACQUIRE) != want) {
		mb_cpu_relax();
		if ((++spins & 255) == 0) {
			if (sp->abort || mb_counter_read() > sp->deadline) {
				sp->abort = 1;
				return -1;
			}
			if (spins >= 4096)
				sched_yield();	/* the other side may be waiting for this PU */
		}
	}
	return 0;
}

static void *skew_main(void *arg)
{
	struct skew_side *ss = arg;
	struct skew_probe *sp = ss->sp;
	int64_t best = INT64_MAX;
	unsigned n = 0;
	char err[256];

	if (mb_topo_pin_self(sp->pu[ss->side], err, sizeof(err))) {
		sp->pin_failed = 1;
		sp->abort = 1;
		return NULL;
	}
	for (unsigned r = 1; r <= MB_SKEW_ROUNDS && !sp->abort; r++) {
		uint64_t now;

		if (ss->side == 0) {	/* A: send, then take B's answer */
			sp->ab_stamp = mb_counter_begin();
			__atomic_store_n(&sp->ab_seq, r, __ATOMIC_RELEASE);
			if (skew_wait(sp, &sp->ba_seq, r))
				break;
			now = mb_counter_begin();
			if ((int64_t)(now - sp->ba_stamp) < best)
				best = (int64_t)(now - sp->ba_stamp);
		} else {		/* B: receive; the same reading is the answer */
			if (skew_wait(sp, &sp->ab_seq, r))
				break;
			now = mb_counter_begin();
			if ((int64_t)(now - sp->ab_stamp) < best)
				best = (int64_t)(now - sp->ab_stamp);
			sp->ba_stamp = now;
			__atomic_store_n(&sp->ba_seq, r, __ATOMIC_RELEASE);
		}
		n++;
	}
	sp->min_d[!ss->side] = best;
	sp->rounds[!ss->side] = n;
	return NULL;
}

long long mb_skew_limit(double hz)
{
	long long l = (long long)(SKEW_LIMIT_S * hz);

	return l > SKEW_LIMIT_MIN ? l : SKEW_LIMIT_MIN;
}

void mb_skew_bounds(struct mb_skew_pair *p)
{
	p->lo = 0;
	p->hi = -1;
	if (p->min_ab == INT64_MAX || p->min_ba == INT64_MAX)
		return;
	p->lo = -(p->min_ab < p->min_ba ? p->min_ab : p->min_ba);
	p->hi = p->min_ab > p->min_ba ? p->min_ab : p->min_ba;
	if (p->lo < 0)
		p->lo = 0;
	if (p->hi < p->lo)	/* a skew that drifted between attempts */
		p->hi = p->lo;
}

/*
 * The pair (a, b), a < b: measured once, again only while the bound is
 * above the limit without proof of skew (a busy machine gives loose
 * bounds; the minima of all attempts are kept).  NULL when a pin failed.
 */
static const struct mb_skew_pair *skew_pair(int a, int b, double hz)
{
	const long long limit = mb_skew_limit(hz);
	struct skew_probe *sp;
	struct skew_side ss[2];
	struct mb_skew_pair *p = NULL;
	int started = 0;

	for (int i = 0; i < skew_ncache && !p; i++)
		if (skew_cache[i].a == a && skew_cache[i].b == b)
			p = &skew_cache[i];
	if (p && p->hi >= 0 && (p->hi <= limit || p->lo > limit))
		return p;
	if (posix_memalign((void **)&sp, 128, sizeof(*sp)))
		abort();
	memset(sp, 0, sizeof(*sp));
	sp->pu[0] = a;
	sp->pu[1] = b;
	sp->min_d[0] = sp->min_d[1] = INT64_MAX;
	sp->deadline = mb_counter_read() + (uint64_t)(MB_SKEW_BUDGET_S * hz);
	for (int s = 0; s < 2; s++) {
		ss[s].sp = sp;
		ss[s].side = s;
		if (pthread_create(&ss[s].th, NULL, skew_main, &ss[s])) {
			sp->abort = 1;	/* the other side gives up at the deadline */
			break;
		}
		started++;
	}
	for (int s = 0; s < started; s++)
		pthread_join(ss[s].th, NULL);
	if (sp->pin_failed) {
		free(sp);
		return NULL;
	}
	if (!p) {
		p = &skew_cache[skew_ncache < SKEW_MAX_PAIRS ? skew_ncache++ : SKEW_MAX_PAIRS - 1];
		p->a = a;
		p->b = b;
		p->min_ab = p->min_ba = INT64_MAX;
	}
	if (sp->min_d[0] < p->min_ab)
		p->min_ab = sp->min_d[0];
	if (sp->min_d[1] < p->min_ba)
		p->min_ba = sp->min_d[1];
	p->rounds = sp->rounds[0] < sp->rounds[1] ? sp->rounds[0] : sp->rounds[1];
	free(sp);
	mb_skew_bounds(p);
	return p;
}

int mb_skew_judge(const struct mb_skew_pair *const *pairs, int n, long long limit,
		  long long *bound, char *msg, size_t len)
{
	const struct mb_skew_pair *proven = NULL, *loose = NULL;

	*bound = -1;
	for (int i = 0; i < n; i++) {
		const struct mb_skew_pair *p = pairs[i];

		if (p->lo > limit && (!proven || p->lo > proven->lo))
			proven = p;
		if ((p->hi < 0 || p->hi > limit) &&
		    (!loose || p->hi < 0 || (loose->hi >= 0 && p->hi > loose->hi)))
			loose = p;
		if (p->hi > *bound)
			*bound = p->hi;
	}
	if (proven) {
		snprintf(msg, len, "counter skew between PU %d and %d is at least %lld ticks"
			 " (limit %lld); timebase sync replaced by spin", proven->a, proven->b,
			 proven->lo, limit);
		return 1;
	}
	if (loose && loose->hi < 0) {
		snprintf(msg, len, "counter skew between PU %d and %d could not be measured"
			 " (no round trip within %.0f ms: busy PUs?); timebase sync replaced by spin",
			 loose->a, loose->b, MB_SKEW_BUDGET_S * 1e3);
		return 1;
	}
	if (loose) {
		char busy[96] = "";

		if (loose->rounds < MB_SKEW_ROUNDS)
			snprintf(busy, sizeof(busy), "; only %u of %d round trips within %.0f ms:"
				 " busy PUs?", loose->rounds, MB_SKEW_ROUNDS, MB_SKEW_BUDGET_S * 1e3);
		snprintf(msg, len, "counter skew between PU %d and %d could not be bounded below %lld"
			 " ticks (limit %lld%s); timebase sync replaced by spin", loose->a, loose->b,
			 loose->hi, limit, busy);
		return 1;
	}
	return 0;
}

int mb_skew_check(const int *pus, int n, double hz, long long *bound, char *msg, size_t len)
{
	const struct mb_skew_pair *pairs[SKEW_MAX_PAIRS];
	int np = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			const struct mb_skew_pair *p;

			if (pus[i] < 0 || pus[i] >= pus[j])	/* each pair of distinct PUs once */
				continue;
			p = skew_pair(pus[i], pus[j], hz);
			if (!p)
				return 2;
			if (np < SKEW_MAX_PAIRS)
				pairs[np++] = p;
		}
	return mb_skew_judge(pairs, np, mb_skew_limit(hz), bound, msg, len);
}
