#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/run.sh - `make test`: every C unit test (build/<triplet>/tests/unit_*)
# and every shell test (tests/t_*.sh), then the cross-arch tests
# (tests/cross.sh).  Prints one line per test and the tally
# "N passed, N failed"; exits 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
triplet=$(${CC:-cc} -dumpmachine)
export MEMBENCH="$PWD/membench" BUILD="$PWD/build/$triplet"
export PYTHON="${PYTHON:-$(scripts/find-python.sh)}"
passed=0 failed=0 failures=""
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

run_one() {	# name command...
	name=$1; shift
	start=$(date +%s)
	if "$@" >"$log/out" 2>&1; then
		passed=$((passed + 1)); echo "PASS $name ($(( $(date +%s) - start ))s)"
	else
		failed=$((failed + 1)); failures="$failures $name"
		echo "FAIL $name"; sed 's/^/    /' "$log/out" | tail -n 40
	fi
}

for t in "$BUILD"/tests/unit_*; do
	[ -x "$t" ] && run_one "$(basename "$t")" "$t"
done
for t in tests/t_*.sh; do
	[ -f "$t" ] && run_one "$(basename "$t" .sh)" sh "$t"
done
if [ "${MB_SKIP_CROSS:-0}" != 1 ]; then
	run_one cross sh tests/cross.sh
fi
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
