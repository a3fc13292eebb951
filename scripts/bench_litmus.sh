#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench_litmus.sh - the litmus harness's speed, from the default
# runs' text output (a benchmark, not a test: numbers depend on the machine
# and its load).  Prints, for RUNS runs each (default 5):
#   weak SB outcomes per second   membench --litmus-only --kind none --test SB
#   Never-test iterations/second  membench --litmus-only --kind smp --type general --test SB
#   kernel-dialect tests' iterations/second (tests/litmus/, user tests built by cc):
#   a spinlock test, an RMW test (xchg both sides), an RCU test (synchronize_rcu)
# and the median.  Reference on the 2-vCPU KVM guest: a well-tuned litmus7
# finds at best ~260k weak SB outcomes/s.
set -eu
MEMBENCH=${MEMBENCH:-./membench}
RUNS=${RUNS:-5}

# rate FIELD ARGS...: FIELD=weak -> positives/s, FIELD=iter -> iterations/s
rate() {
	field=$1; shift
	"$MEMBENCH" --litmus-only -q "$@" | awk -v f="$field" '
		/^Test / { s = $0; sub(/.*sync, /, "", s); split(s, a, " "); el = a[1] }
		/^Observation / { pos = $4; n = $4 + $5 }
		END { if (el <= 0) { print 0; exit } printf "%.0f\n", (f == "weak" ? pos : n) / el }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

bench() {	# label field args...
	label=$1 field=$2; shift 2
	all=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		all="$all $(rate "$field" "$@")"
		i=$((i + 1))
	done
	med=$(printf '%s\n' $all | median)
	printf '%-44s median %10s /s   runs:%s\n' "$label" "$med" "$all"
}

echo "# membench litmus speed ($RUNS runs each; $(uname -m), $(nproc) CPUs)"
bench "weak SB outcomes/s (--kind none --test SB)" weak --kind none --test SB
bench "Never test it/s (SB under smp.general)" iter --kind smp --type general --test SB
bench "lock test it/s (Inc+polocks, 2 threads)" iter --test tests/litmus/Inc+polocks.litmus
bench "RMW test it/s (SB+xchgs, 2 threads)" iter --test tests/litmus/SB+xchgs.litmus
bench "RCU test it/s (MP+syncrcu+rcureadonceonce)" iter \
	--test tests/litmus/MP+syncrcu+rcureadonceonce.litmus --time-limit 3
