#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench.sh - `make bench`: the speed and accuracy benchmarks.
# Never part of `make test`: these are timings on a shared machine.
#   bench_litmus.sh  weak SB outcomes per second; Never-test iterations per second
#   bench_cost.sh    back-to-back figures vs a hand-rolled reference; spread over 5 runs
#   bench_gate.sh    A/A false regressions and 10% slowdown detection of `membench compare`,
#                    runs of three sweeps, --threshold 0.05 (as docs/ci.md runs them)
#   bench_advise.sh  `membench advise SB` wall time, proof runs included (target < 5 s)
#   bench_merge.sh   `membench merge` of 1,000 hosts' results (targets < 5 s, < 500 MB)
#   bench_compare.sh `membench compare` of 40000 rows a side (row matching is n log n)
# BENCH_ONLY=litmus|cost|gate|advise|merge|compare runs one of them.
set -u
cd "$(dirname "$0")/.."
rc=0
for b in litmus cost gate advise merge compare; do
	[ -n "${BENCH_ONLY:-}" ] && [ "$BENCH_ONLY" != "$b" ] && continue
	echo "== bench_$b"
	if [ "$b" = gate ]; then
		COMPARE_ARGS=${COMPARE_ARGS:---threshold 0.05} sh scripts/bench_gate.sh -R 3 || rc=1
	else
		sh "scripts/bench_$b.sh" || rc=1
	fi
done
exit $rc
