/* SPDX-License-Identifier: MIT */
/*
 * tests/unit_litmus_judge.c - the histogram (src/litmus/hist.c) and the
 * judge (src/litmus/judge.c): states kept apart by every value, however
 * long their text; counts, verdicts and statuses from the counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "litmus/ast.h"
#include "litmus/hist.h"
#include "litmus/judge.h"
#include "result/result.h"

static const char sb[] =
	"C SB\n{}\n"
	"P0(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*y);\n}\n"
	"P1(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*y, 1);\n\tr0 = READ_ONCE(*x);\n}\n"
	"exists (0:r0=0 /\\ 1:r0=0)\n";

static void test_hist(void)
{
	struct mb_hist h;
	int k[3];
	uint64_t total = 0;
	size_t n = 0;

	mb_hist_init(&h, 3);
	/* enough distinct states to grow the table several times */
	for (int i = 0; i < 5000; i++) {
		k[0] = i;
		k[1] = -i;
		k[2] = i % 7;
		mb_hist_add(&h, k, 1 + (uint64_t)(i % 3));
	}
	k[0] = 42; k[1] = -42; k[2] = 0;
	mb_hist_add(&h, k, 10);
	for (size_t i = 0; (i = mb_hist_next(&h, i)) < h.cap; i++) {
		total += h.counts[i];
		n++;
		if (mb_hist_key(&h, i)[0] == 42)
			CHECK(h.counts[i] == 10 + 1, "a state added twice has both counts (got %llu)",
			      (unsigned long long)h.counts[i]);
	}
	CHECK(n == 5000 && h.used == 5000, "5000 distinct states kept apart (got %zu)", n);
	{
		struct mb_hist m;
		uint64_t mt = 0;

		mb_hist_init(&m, 3);
		mb_hist_merge(&m, &h);
		mb_hist_merge(&m, &h);
		for (size_t i = 0; (i = mb_hist_next(&m, i)) < m.cap; i++)
			mt += m.counts[i];
		CHECK(m.used == h.used && mt == 2 * total, "merging twice doubles every count");
		mb_hist_free(&m);
	}
	mb_hist_free(&h);
}

static void test_tally(void)
{
	struct lt_test t;
	struct mb_hist h;
	struct mb_litmus_entry e;
	char err[256];
	int k[2];

	if (lt_parse(sb, "SB", &t, err, sizeof(err))) {
		CHECK(0, "SB parses: %s", err);
		return;
	}
	mb_hist_init(&h, 2);
	k[0] = 0; k[1] = 0; mb_hist_add(&h, k, 7);	/* the bad outcome */
	k[0] = 1; k[1] = 0; mb_hist_add(&h, k, 50);
	k[0] = 0; k[1] = 1; mb_hist_add(&h, k, 40);
	k[0] = 1; k[1] = 1; mb_hist_add(&h, k, 3);
	memset(&e, 0, sizeof(e));
	mb_litmus_tally(&e, &t, &h);
	CHECK(e.positives == 7 && e.negatives == 93 && e.iterations == 100,
	      "SB: 7 positives, 93 negatives (got %llu, %llu)",
	      (unsigned long long)e.positives, (unsigned long long)e.negatives);
	CHECK(e.nhist == 4 && !strcmp(e.hist[0].state, "0:r0=0; 1:r0=0;") && e.hist[0].positive &&
	      e.hist[0].count == 7, "rows sorted by state, litmus7's text, the bad one marked");
	CHECK(e.verdict == MB_SOMETIMES, "verdict Sometimes");
	CHECK(mb_litmus_status(e.positives, false) == MB_VIOLATION, "forbidden + seen: violation");
	CHECK(mb_litmus_status(e.positives, true) == MB_OK, "allowed + seen: ok");
	CHECK(mb_litmus_status(0, true) == MB_UNOBSERVED, "allowed + never seen: unobserved");
	CHECK(mb_litmus_status(0, false) == MB_OK, "forbidden + never seen: ok");
	for (size_t i = 0; i < e.nhist; i++)
		free(e.hist[i].state);
	free(e.hist);
	mb_hist_free(&h);

	/* no positives: Never, with the 3/N bound */
	mb_hist_init(&h, 2);
	k[0] = 1; k[1] = 1; mb_hist_add(&h, k, 300);
	memset(&e, 0, sizeof(e));
	mb_litmus_tally(&e, &t, &h);
	CHECK(e.verdict == MB_NEVER && e.p_upper95 > 0.0099 && e.p_upper95 < 0.0101,
	      "300 negatives: Never, bad outcome < 3/300");
	free(e.hist[0].state);
	free(e.hist);
	mb_hist_free(&h);
	lt_free(&t);
}

/*
 * The widest state a test can have: every thread's registers with long
 * names and values.  Two states that differ only in the last value are
 * two rows (the text was once cut at 1023 bytes, which merged them).
 */
static void test_wide_state(void)
{
	char src[16384], *p = src;
	struct lt_test t;
	struct mb_hist h;
	struct mb_litmus_entry e;
	char err[256];
	int key[LT_MAX_THREADS * LT_MAX_REGS], klen;

	p += sprintf(p, "C Wide\n{}\n");
	for (int th = 0; th < LT_MAX_THREADS; th++) {
		p += sprintf(p, "P%d(int *x)\n{\n", th);
		for (int r = 0; r < LT_MAX_REGS; r++)
			p += sprintf(p, "\tint register_%02d;\n", r);
		for (int r = 0; r < LT_MAX_REGS; r++)
			p += sprintf(p, "\tregister_%02d = READ_ONCE(*x);\n", r);
		p += sprintf(p, "}\n");
	}
	sprintf(p, "exists (0:register_00=1)\n");
	if (lt_parse(src, "Wide", &t, err, sizeof(err))) {
		CHECK(0, "the wide test parses: %s", err);
		return;
	}
	klen = 0;
	for (int th = 0; th < t.nthreads; th++)
		klen += t.threads[th].nregs;
	CHECK(klen == LT_MAX_THREADS * LT_MAX_REGS, "%d registers in the state", klen);
	mb_hist_init(&h, klen);
	for (int i = 0; i < klen; i++)
		key[i] = -2000000000 + i;
	mb_hist_add(&h, key, 1);
	key[klen - 1]++;
	mb_hist_add(&h, key, 2);
	memset(&e, 0, sizeof(e));
	mb_litmus_tally(&e, &t, &h);
	CHECK(e.nhist == 2 && strlen(e.hist[0].state) > 1100 &&
	      strcmp(e.hist[0].state, e.hist[1].state) != 0,
	      "states of %zu bytes that differ in the last value stay two rows",
	      e.nhist ? strlen(e.hist[0].state) : 0);
	for (size_t i = 0; i < e.nhist; i++)
		free(e.hist[i].state);
	free(e.hist);
	mb_hist_free(&h);
	lt_free(&t);
}

/* Pointers read as herd writes them; a filter takes states out of the counts. */
static void test_pointer_filter(void)
{
	static const char src[] =
		"C P\n{ int *p = &y; }\n"
		"P0(int *x, int **p) { int *r0; int r1; r0 = READ_ONCE(*p); r1 = READ_ONCE(*r0); }\n"
		"filter (0:r1=0 \\/ 0:r1=1)\nexists (0:r0=x /\\ 0:r1=0)\n";
	struct lt_test t;
	struct mb_hist h;
	struct mb_litmus_entry e;
	char err[256];
	int k[2];

	if (lt_parse(src, "P", &t, err, sizeof(err))) {
		CHECK(0, "the pointer test parses: %s", err);
		return;
	}
	mb_hist_init(&h, 2);
	k[0] = LT_PTR_VAL(0); k[1] = 0; mb_hist_add(&h, k, 5);	/* bad */
	k[0] = LT_PTR_VAL(2); k[1] = 0; mb_hist_add(&h, k, 6);
	k[0] = LT_PTR_VAL(0); k[1] = 7; mb_hist_add(&h, k, 4);	/* outside the filter */
	memset(&e, 0, sizeof(e));
	mb_litmus_tally(&e, &t, &h);
	CHECK(e.nhist == 3 && !strcmp(e.hist[0].state, "0:r0=x; 0:r1=0;") &&
	      !strcmp(e.hist[2].state, "0:r0=y; 0:r1=0;"), "pointer values as location names (%s)",
	      e.nhist ? e.hist[0].state : "");
	CHECK(e.positives == 5 && e.negatives == 6 && e.iterations == 15,
	      "filtered states counted in iterations only (got %llu, %llu, %llu)",
	      (unsigned long long)e.positives, (unsigned long long)e.negatives,
	      (unsigned long long)e.iterations);
	for (size_t i = 0; i < e.nhist; i++)
		free(e.hist[i].state);
	free(e.hist);
	mb_hist_free(&h);
	lt_free(&t);
}

int main(void)
{
	test_hist();
	test_tally();
	test_wide_state();
	test_pointer_filter();
	return CHECK_DONE();
}
