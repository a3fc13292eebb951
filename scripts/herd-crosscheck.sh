#!/bin/sh
# SPDX-License-Identifier: MIT
#
# scripts/herd-crosscheck.sh - membench's LKMM verdicts against herd7's.
#
#   scripts/herd-crosscheck.sh [-v] FILE.litmus...
#
# For every file: herd7's Observation (Never / Sometimes / Always) under the
# Linux-kernel memory model, and `membench model`'s LKMM column.  Prints
# each disagreement, then "N agree / M total" per family (the test name up
# to its first '+': MP, SB, LB ...) and overall.  -v prints every file.
#
# herd7 is not part of membench: the script runs only when herd7 is on
# PATH (or HERD7 names it) and LKMM_DIR names a directory holding the
# kernel's tools/memory-model files (linux-kernel.cfg, .cat, .bell, .def,
# lock.cat); otherwise it says so and exits 0.  MEMBENCH names the binary
# (default: ./membench).
#
# Exit: 0 all agree (or skipped), 1 some disagree, 2 usage.
set -u

verbose=0
[ "${1:-}" = "-v" ] && { verbose=1; shift; }
[ $# -ge 1 ] || { echo "usage: $0 [-v] FILE.litmus..." >&2; exit 2; }

HERD7=${HERD7:-$(command -v herd7 || true)}
MEMBENCH=${MEMBENCH:-./membench}
if [ -z "$HERD7" ] || [ ! -x "$HERD7" ]; then
	echo "herd-crosscheck: skipped: herd7 not on PATH (set HERD7)"
	exit 0
fi
if [ -z "${LKMM_DIR:-}" ] || [ ! -f "$LKMM_DIR/linux-kernel.cfg" ]; then
	echo "herd-crosscheck: skipped: LKMM_DIR does not hold linux-kernel.cfg"
	exit 0
fi
[ -x "$MEMBENCH" ] || { echo "herd-crosscheck: $MEMBENCH: not executable" >&2; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

for f in "$@"; do
	out=$("$HERD7" -I "$LKMM_DIR" -conf linux-kernel.cfg "$f" 2>&1)
	h=$(printf '%s\n' "$out" | awk '/^Observation /{print $3; exit}')
	[ -n "$h" ] || h=ERROR
	m=$("$MEMBENCH" model "$f" 2>"$tmp/err" | sed -n 's/.* LKMM=\([A-Za-z]*\).*/\1/p')
	[ -n "$m" ] || m="ERROR($(head -c 120 "$tmp/err"))"
	name=$(basename "$f" .litmus)
	fam=${name%%+*}
	if [ "$h" = "$m" ]; then ok=1; else ok=0; fi
	echo "$fam $ok" >>"$tmp/tally"
	if [ $ok = 0 ]; then
		echo "DIFF $f: herd7 $h, membench $m"
	elif [ $verbose = 1 ]; then
		echo "ok   $f: $h"
	fi
done

awk '{ n[$1]++; a[$1] += $2; N++; A += $2 }
     END { for (f in n) printf "%-8s %4d agree / %4d total\n", f, a[f], n[f] | "sort";
	   close("sort"); printf "%-8s %4d agree / %4d total\n", "all", A, N;
	   exit (A == N ? 0 : 1) }' "$tmp/tally"
