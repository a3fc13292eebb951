/* SPDX-License-Identifier: MIT */
/*
 * src/result/result.h - the one in-memory result model.  The engines (cost,
 * litmus) append to it; every report (text, JSON, gbench) and the gates
 * (compare, check) read it, and src/result/json_read.c rebuilds it from a file.
 * All strings and arrays are heap-owned by the result; mb_result_free()
 * releases everything.
 */
#ifndef MB_RESULT_H
#define MB_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"	/* mb_strdup ... for every module */

#define MB_SCHEMA "membench-result/1"

struct mb_host {
	char *name;		/* hostname; NULL when not recorded (older files) */
	char *arch;		/* MB_ARCH_NAME */
	char *model;		/* the arch's memory model, e.g. "x86-TSO" */
	char *cpu_model;	/* /proc/cpuinfo or hwloc CPUModel */
	int pus, cores, packages, numa_nodes;	/* from hwloc; -1 unknown */
	char *cpuset;		/* the PUs this process may use (affinity, cgroup), "0-3"; NULL unknown */
	char *kernel;		/* uname -sr */
	char *compiler;		/* __VERSION__ */
	char *cflags;		/* the build's CFLAGS */
	char *version;		/* membench version */
	char *git_rev;		/* build's git revision, "unknown" outside git */
	char *counter_name;	/* "tsc" ... */
	char *counter_unit;	/* "ticks" or "ns" */
	double counter_hz;
	char *counter_hz_source;
	char *counter_fallback;	/* NULL unless a fallback counter is used */
	bool cycles_available;	/* true when core cycles are real (perf or calibrated) */
	char *cycles_source;	/* "perf_event_open", "calibrated: dependent add chain", or why none */
	double ticks_per_cycle;	/* counter ticks per core cycle when known, else 0 */
	bool emulated;		/* run under a user-mode emulator: timings measure it, not the CPU */
	char *emulation;	/* the evidence when emulated, else NULL (src/platform/emul.c) */
};

struct mb_stats {
	double median, p10, p90, mad;	/* mad: median absolute deviation */
	double mean, min, max;
	size_t n;			/* number of samples */
	double *samples;		/* n raw samples, per barrier, in this unit */
};

struct mb_cost_entry {
	char *kind, *type;
	char *barrier;		/* "smp.read" or "smp.read:kernel" */
	char *instruction;	/* as displayed, e.g. "lfence" */
	char *context;		/* "back-to-back", "after-store", ... */
	bool supported;
	char *reason;		/* why unsupported, else NULL */
	struct mb_stats ticks;	/* counter units per barrier (unit = host.counter_unit) */
	struct mb_stats ns;
	bool have_cycles;
	struct mb_stats cycles;
	double overhead;	/* empty-loop cost subtracted, counter units per barrier copy */
	unsigned unroll;	/* barriers per loop iteration */
	uint64_t iterations;	/* barriers per sample (the last repetition's) */
	unsigned repetitions;	/* sweeps: the samples are this many equal blocks, one per sweep */
	char *cpu;		/* the PU(s) it ran on, e.g. "0" or "0,1" */
	char *downgrade;	/* NULL, or why the placement differs from the request */
	uint64_t buffer_bytes;	/* cache-miss: the buffer walked; 0 for other contexts */
	char *buffer_flush;	/* cache-miss: the flush instruction used before each sample, or NULL */
};

enum mb_verdict { MB_NEVER, MB_SOMETIMES, MB_ALWAYS };
enum mb_status { MB_OK, MB_VIOLATION, MB_UNOBSERVED, MB_SKIPPED };

/* The memory models every litmus entry is judged against. */
enum mb_model { MB_X86_TSO, MB_ARMV8, MB_RVWMO, MB_POWER, MB_LKMM, MB_NMODELS };
extern const char *const mb_model_names[MB_NMODELS];	/* "x86-TSO", "Armv8", "RVWMO", "Power", "LKMM" */

struct mb_hist_row {
	char *state;		/* "0:r0=0; 1:r0=1;" in litmus7's style */
	uint64_t count;
	bool positive;		/* satisfies the exists clause (the bad outcome) */
};

struct mb_litmus_entry {
	char *test;		/* "SB+fences" */
	char *file;		/* "litmus/SB+fences.litmus" */
	char *barrier;		/* barrier in the fence() slot, or "-" when the test has none */
	char *instruction;	/* what the slot emits here */
	int nthreads;
	char **thread_barriers;	/* per thread: the barrier(s) it runs, e.g. "smp.general" or "compiler.general" */
	int *cpus;		/* per thread: the PU it was pinned to, -1 if not pinned */
	char *placement;	/* mode actually used, e.g. "distinct-cores", "list", "oversubscribed" */
	char *layout;		/* "separate-lines" or "same-line" */
	char *sync;		/* "timebase", "spin", ... */
	char *downgrade;	/* NULL, or a visible downgrade: why placement differs from the request */
	uint64_t iterations;
	double elapsed_s;
	struct mb_hist_row *hist;
	size_t nhist;
	uint64_t positives;	/* instances satisfying exists */
	uint64_t negatives;
	enum mb_verdict verdict;	/* from the counts */
	double p_upper95;	/* with positives == 0: 95% upper bound on the bad probability (3/N) */
	bool allowed[MB_NMODELS];	/* the model allows the exists outcome */
	enum mb_model host_model;	/* model of the machine it ran on */
	enum mb_status status;
	char *reason;		/* for MB_SKIPPED: why */
	/* From the test file, as written: its comment's "Result:" (Never,
	 * Sometimes, Always; NULL when it has none) and herd's header lines
	 * after the name (the quoted doc string, Key=value lines). */
	char *declared;
	char *doc_string;
	size_t nheader;
	struct { char *key, *value; } *header;
};

struct mb_result {
	struct mb_host host;
	char *created;		/* ISO 8601 UTC */
	char *command;		/* the command line */
	bool interrupted;	/* stopped by SIGINT/SIGTERM: holds only the entries that finished */
	struct mb_cost_entry *cost;
	size_t ncost, cost_cap;
	struct mb_litmus_entry *litmus;
	size_t nlitmus, litmus_cap;
};

void mb_result_init(struct mb_result *r);
void mb_result_free(struct mb_result *r);
/* Append a zeroed entry and return it (aborts on out-of-memory). */
struct mb_cost_entry *mb_result_add_cost(struct mb_result *r);
struct mb_litmus_entry *mb_result_add_litmus(struct mb_result *r);
/* Remove (and free) the last litmus entry: one that did not finish. */
void mb_result_drop_last_litmus(struct mb_result *r);

const char *mb_verdict_name(enum mb_verdict v);	/* "Never" "Sometimes" "Always" */
const char *mb_status_name(enum mb_status s);	/* "ok" "violation" "unobserved" "skipped" */
enum mb_verdict mb_verdict_from_counts(uint64_t positives, uint64_t negatives);
/*
 * The status of a run that completed, from the counts and what the host's
 * model allows (STYLE.md 9): the litmus engine and `check` alike.
 */
enum mb_status mb_litmus_status(uint64_t positives, bool allowed_on_host);

#endif /* MB_RESULT_H */
