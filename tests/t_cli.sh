#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_cli.sh - `membench list` shows the real mapping of this machine,
# and bad arguments exit 2 (or 3 for an absent barrier) with one line.
set -u
M=${MEMBENCH:-./membench}
fail=0
ok() { echo "ok - $*"; }
bad() { echo "not ok - $*"; fail=1; }

out=$($M list) || bad "list exits 0"
case $(uname -m) in
x86_64|i?86)
	for want in mfence lfence sfence 'lock addl' '(compiler barrier only)' 'c11.general' \
		'process.general' 'counter tsc: unit ticks'; do
		printf '%s\n' "$out" | grep -qF -- "$want" && ok "list shows '$want'" || bad "list shows '$want'"
	done
	printf '%s\n' "$out" | grep -E '^smp.general +lock addl' >/dev/null && ok "smp.general is the locked add" \
		|| bad "smp.general is the locked add"
	printf '%s\n' "$out" | grep -E '^smp.read +lfence +\(compiler barrier only\)' >/dev/null \
		&& ok "smp.read emits lfence, kernel flavour is barrier()" || bad "smp.read row"
	printf '%s\n' "$out" | grep -E '^c11.general +(mfence|lock )' >/dev/null \
		&& ok "c11.general shown as compiled" || bad "c11.general shown as compiled"
	;;
esac
printf '%s\n' "$out" | grep -Eq '^process.general +(membarrier|unsupported: .+)' \
	&& ok "membarrier status shown" || bad "membarrier status shown"
hz=$(printf '%s\n' "$out" | sed -n 's/^counter .*, \([0-9]*\) Hz.*/\1/p')
[ -n "$hz" ] && [ "$hz" -gt 1000000 ] && ok "counter Hz shown ($hz)" || bad "counter Hz shown"
rows=$(printf '%s\n' "$out" | grep -cE '^(mmio|smp|dma|compiler|c11|process|none)\.')
[ "$rows" -eq 28 ] && ok "28 barrier rows" || bad "28 barrier rows ($rows)"

expect() {	# code description args...
	code=$1 what=$2; shift 2
	err=$($M "$@" 2>&1 >/dev/null); rc=$?
	lines=$(printf '%s\n' "$err" | grep -c .)
	if [ $rc -eq "$code" ] && [ "$lines" -eq 1 ] && printf '%s' "$err" | grep -q '^membench: '; then
		ok "$what: exit $code, '$err'"
	else
		bad "$what: exit $rc (want $code), $lines lines: $err"
	fi
}
expect 2 "unknown kind" --kind foo
expect 2 "unknown type" --kind smp --type sideways
expect 2 "unknown option" --frobnicate
expect 2 "missing value" --kind
expect 2 "bad iterations" --iterations 12x
expect 2 "negative iterations" --iterations -5
expect 2 "empty list item" --kind smp,,mmio
expect 2 "unknown command" frobnicate
expect 2 "compare needs two files" compare onlyone.json
expect 2 "cost-only with litmus-only" --cost-only --litmus-only
expect 2 "unknown context" --context sideways
expect 2 "unknown placement" --placement everywhere
expect 3 "absent barrier" --kind smp --type acq_rel
expect 2 "markdown is for compare" --format markdown --cost-only
$M --help | grep -q 'Exit codes' && ok "--help documents exit codes" || bad "--help"
$M --version | grep -q '^membench ' && ok "--version" || bad "--version"
exit $fail
