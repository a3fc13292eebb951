#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench_gate.sh - how good is `membench compare` as a CI gate, on
# this machine?  Runs COUNT+1 short, independent cost runs of the same build
# and compares neighbours:
#   A/A:  run i vs run i+1             -> false regressions (target <= 1 in 200)
#   A/B:  run i vs run i+1, NEW xSCALE -> detected slowdowns (target >= 95%)
# Detection is counted per comparison (compare exits 1) and per row, over
# the rows where the injected slowdown is more than compare's half-tick
# floor (a 0-tick compiler barrier cannot regress by 10%).
#
# usage: scripts/bench_gate.sh [-n COUNT] [-x SCALE] [-R N] [-k DIR] [-r] [-- extra membench options]
#   -n COUNT  comparisons (default 200)    -k DIR  keep the runs in DIR
#   -x SCALE  the injected slowdown (default 1.1: every sample of NEW +10%)
#   -R N      --repetitions N for every run (default 1)
#   -r        reuse the runs kept in DIR (-k): judge again, e.g. with another
#             COMPARE_ARGS, without measuring again
# env: MEMBENCH (default ./membench), PYTHON (scripts/find-python.sh),
#      GATE_ARGS (default: a 9-barrier subset, back-to-back, 21 samples),
#      COMPARE_ARGS (extra compare options, e.g. "--threshold 0.15")
set -eu
cd "$(dirname "$0")/.."
count=200 keep= reuse=0 scale=1.1 reps=1
while getopts n:x:R:k:r opt; do
	case $opt in
	n) count=$OPTARG ;;
	x) scale=$OPTARG ;;
	R) reps=$OPTARG ;;
	k) keep=$OPTARG ;;
	r) reuse=1 ;;
	*) echo "usage: $0 [-n COUNT] [-x SCALE] [-R N] [-k DIR] [-r] [-- membench options]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
MEMBENCH=${MEMBENCH:-./membench}
PYTHON=${PYTHON:-$(scripts/find-python.sh)}
GATE_ARGS=${GATE_ARGS:---cost-only --context back-to-back --samples 21 --kind smp,mmio,compiler --type general,read,write}
COMPARE_ARGS=${COMPARE_ARGS:-}
if [ "$reuse" = 1 ] && [ -z "$keep" ]; then
	echo "bench_gate: -r needs -k DIR" >&2
	exit 2
fi
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	dir=$keep
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi

if [ "$reuse" = 1 ]; then
	echo "bench_gate: reusing $((count + 1)) runs in $dir"
else
	echo "bench_gate: $((count + 1)) runs of: $MEMBENCH -q $GATE_ARGS --repetitions $reps $*"
	echo "bench_gate: load before: $(uptime)"
	start=$(date +%s)
	i=0
	while [ "$i" -le "$count" ]; do
		# shellcheck disable=SC2086
		"$MEMBENCH" -q $GATE_ARGS --repetitions "$reps" "$@" --json "$dir/run-$i.json" >/dev/null
		i=$((i + 1))
	done
	echo "bench_gate: runs took $(( $(date +%s) - start ))s; load after: $(uptime)"
fi
echo "bench_gate: compare ${COMPARE_ARGS:-(defaults: --threshold 0.10 --alpha 0.01)}"

aa_fail=0 ab_hit=0 i=0
: >"$dir/aa.rows"
: >"$dir/ab.rows"
while [ "$i" -lt "$count" ]; do
	a=$dir/run-$i.json b=$dir/run-$((i + 1)).json
	rc=0
	"$MEMBENCH" compare $COMPARE_ARGS --format json "$a" "$b" >"$dir/aa-$i.out" || rc=$?
	[ "$rc" -le 1 ] || { echo "bench_gate: compare failed on $a $b" >&2; exit 2; }
	[ "$rc" -eq 1 ] && aa_fail=$((aa_fail + 1))
	"$PYTHON" scripts/make_fixture.py --scale "$scale" "$b" "$dir/slow.json"
	rc=0
	"$MEMBENCH" compare $COMPARE_ARGS --format json "$a" "$dir/slow.json" >"$dir/ab-$i.out" || rc=$?
	[ "$rc" -le 1 ] || { echo "bench_gate: compare failed on $a $dir/slow.json" >&2; exit 2; }
	[ "$rc" -eq 1 ] && ab_hit=$((ab_hit + 1))
	i=$((i + 1))
done

"$PYTHON" - "$dir" "$count" "$aa_fail" "$ab_hit" "$scale" <<'PY'
import json, sys
d, n, aa_fail, ab_hit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
scale = float(sys.argv[5])
aa_rows = aa_reg = ab_rows = ab_hit_rows = 0
missed = {}
for i in range(n):
    for r in json.load(open("%s/aa-%d.out" % (d, i)))["rows"]:
        if r["verdict"] in ("regressed", "unchanged", "improved"):
            aa_rows += 1
            aa_reg += r["verdict"] == "regressed"
    c = json.load(open("%s/ab-%d.out" % (d, i)))
    for r in c["rows"]:
        if r["verdict"] not in ("regressed", "unchanged", "improved"):
            continue
        # eligible: the injected slowdown of NEW's own level is over the half-tick floor
        if abs(r["new_median"]) / scale * (scale - 1) <= c["min_abs_change"]:
            continue
        ab_rows += 1
        if r["verdict"] == "regressed":
            ab_hit_rows += 1
        else:
            missed[r["barrier"]] = missed.get(r["barrier"], 0) + 1
pct = lambda a, b: 100.0 * a / b if b else float("nan")
print("A/A  false regressions: %d of %d comparisons (%.1f%%; target <= 0.5%%); rows: %d of %d (%.2f%%)"
      % (aa_fail, n, pct(aa_fail, n), aa_reg, aa_rows, pct(aa_reg, aa_rows)))
print("A/B  x%g detected:     %d of %d comparisons (%.1f%%; target >= 95%%); eligible rows: %d of %d (%.1f%%)"
      % (scale, ab_hit, n, pct(ab_hit, n), ab_hit_rows, ab_rows, pct(ab_hit_rows, ab_rows)))
if missed:
    print("     rows missed: " + ", ".join("%s x%d" % kv for kv in sorted(missed.items())))
ok = aa_fail <= max(1, n // 200) and ab_hit >= 0.95 * n
print("bench_gate: %s" % ("PASS" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PY
