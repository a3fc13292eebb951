#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/run.sh - `make test`: every C unit test (build/<triplet>/tests/unit_*)
# and every shell test (tests/t_*.sh), then the cross-arch tests
# (tests/cross.sh); with SAN_BUILD set, the sanitized ones too.  Prints one line per test and the tally
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

if [ "${SAN_ONLY:-0}" != 1 ]; then
	for t in "$BUILD"/tests/unit_*; do
		[ -x "$t" ] && run_one "$(basename "$t")" "$t"
	done
	for t in tests/t_*.sh; do
		[ -f "$t" ] && run_one "$(basename "$t" .sh)" sh "$t"
	done
fi
# Under ASan + UBSan (make asan-build): the unit tests, and the shell tests
# of input handling run with the sanitized binary.  Any report fails them.
if [ -n "${SAN_BUILD:-}" ] && [ -x "$SAN_BUILD/membench" ]; then
	export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	for t in "$SAN_BUILD"/tests/unit_*; do
		[ -x "$t" ] && run_one "asan:$(basename "$t")" "$t"
	done
	for t in t_cli t_json t_check t_compare t_hostile t_merge; do
		run_one "asan:$t" env MEMBENCH="$PWD/$SAN_BUILD/membench" BUILD="$PWD/$SAN_BUILD" \
			MB_SANITIZE=1 sh "tests/$t.sh"
	done
fi
if [ "${MB_SKIP_CROSS:-0}" != 1 ]; then
	run_one cross sh tests/cross.sh
fi
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
