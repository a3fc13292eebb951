/* SPDX-License-Identifier: MIT */
/*
 * src/commands/compare.h - what the parts of `membench compare` share,
 * private to them: the command, its host checks and fleets
 * (src/commands/compare.c), the rows matched by barrier x context
 * (src/commands/compare_match.c), each pair judged
 * (src/commands/compare_judge.c) and the table printed
 * (src/commands/compare_print.c).
 */
#ifndef MB_COMMANDS_COMPARE_H
#define MB_COMMANDS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "commands/cli.h"
#include "result/result.h"
#include "stats/stats.h"

/* Absolute change (counter units per barrier) below which nothing counts. */
#define MB_COMPARE_MIN_ABS	0.5

/* What the report must say about the hosts, one line each. */
struct notes {
	char *v[8];
	int n;
};

enum row_verdict { V_UNCHANGED, V_REGRESSED, V_IMPROVED, V_ADDED, V_REMOVED, V_UNSUPPORTED, V_NODATA,
		   V_EMULATED, V_COUNT };

struct row {
	const char *barrier, *context;
	double base, new, change, p;	/* medians; change is relative; NaN where not known */
	size_t nbase, nnew;
	enum row_verdict v;
	bool overlap;			/* significant and large, but the sweeps overlap: unchanged */
};

/*
 * Which unit the samples are compared in: counter ticks by default;
 * --unit cycles compares the core cycles (both results must have them).
 * Ticks are the default because they gate better: on the 2-vCPU KVM guest,
 * 100 A/A comparisons of the same 101 runs (scripts/bench_gate.sh -r) gave
 * 1 false regression in ticks and 12 in calibrated cycles, whose per-run
 * calibration adds its own noise.
 */
extern bool cmp_use_cycles;

/* In a fleet: the host compared, shown in every header; else NULL. */
extern const char *cmp_host_label;

/* Either side ran under an emulator (host.emulated): its timings measure the emulator; not judged. */
extern bool cmp_emulated;

/* Whose samples are compared: cycles under --unit cycles where the entry has them, else ticks. */
const struct mb_stats *cmp_compared(const struct mb_cost_entry *e);
/* Row w from base entry b and new entry n: medians, change, p and verdict. */
void cmp_judge(struct row *w, const struct mb_cost_entry *b, const struct mb_cost_entry *n,
	       const struct mb_options *o);
/* The rows of one pair of results in o->format, with the notes and the tally (count[verdict]). */
void cmp_print(const struct mb_options *o, const struct mb_result *b, const struct row *rows,
	       size_t n, const size_t *count, const struct notes *nt);
/* One pair of results, hosts already checked: rows matched, judged, printed; 0 or 1 (regressed). */
int cmp_match(const struct mb_options *o, const struct mb_result *b, const struct mb_result *n,
	      const struct notes *ns);

#endif /* MB_COMMANDS_COMPARE_H */
