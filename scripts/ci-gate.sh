#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/ci-gate.sh - the CI gate of docs/ci.md, the same for GitHub Actions
# and GitLab CI:
#   correctness  membench check NEW          a forbidden outcome seen: fail
#   performance  membench compare BASE NEW   a significant regression: fail
# The comparison, as a markdown table, is appended to the summary file:
# $CI_GATE_SUMMARY, else $GITHUB_STEP_SUMMARY (GitHub's job summary), else
# stdout.
#
# usage: scripts/ci-gate.sh BASE.json NEW.json
#   BASE may be absent (the first run, an expired baseline): then only the
#   correctness gate runs, and the summary says so.
# exit: 0 passed; 1 a violation or a regression; 2 usage, an unreadable
#   file, or (CI_GATE_OTHER_HOST=fail) a baseline from another host.
# env:  MEMBENCH             the binary (default ./membench, else membench on PATH)
#       CI_GATE_COMPARE_ARGS extra compare options ("--threshold 0.15", "--force")
#       CI_GATE_OTHER_HOST   skip (default): a baseline from another CPU model,
#                            counter rate or arch is not compared, and the summary
#                            says why; fail: exit 2
set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 BASE.json NEW.json" >&2
	exit 2
fi
base=$1 new=$2
if [ -z "${MEMBENCH:-}" ]; then
	if [ -x ./membench ]; then MEMBENCH=./membench; else MEMBENCH=membench; fi
fi
summary=${CI_GATE_SUMMARY:-${GITHUB_STEP_SUMMARY:-/dev/stdout}}
other=${CI_GATE_OTHER_HOST:-skip}
case $other in
skip|fail) ;;
*) echo "ci-gate: CI_GATE_OTHER_HOST must be skip or fail, not '$other'" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
err=$tmp/err

# Correctness first: it needs no baseline.  check prints its verdict lines.
rc=0
"$MEMBENCH" check "$new" >"$tmp/check" 2>"$err" || rc=$?
if [ "$rc" -le 1 ]; then
	{
		echo "### membench check: $(tail -n 1 "$tmp/check")"
		echo
		grep '^violation:' "$tmp/check" | sed 's/^/- /'
		echo
	} >>"$summary"
	[ "$summary" = /dev/stdout ] || cat "$tmp/check"
fi
if [ "$rc" -ge 2 ]; then
	cat "$err" >&2
	exit 2
fi
check_rc=$rc

if [ ! -f "$base" ]; then
	echo "### membench compare: no baseline ($base): not compared" >>"$summary"
	echo "ci-gate: no baseline $base: performance not compared" >&2
	exit "$check_rc"
fi
rc=0
# shellcheck disable=SC2086
"$MEMBENCH" compare --format markdown ${CI_GATE_COMPARE_ARGS:-} "$base" "$new" >>"$summary" 2>"$err" || rc=$?
if [ "$rc" -eq 2 ] && [ "$other" = skip ] && grep -q 'timings not comparable' "$err"; then
	{
		echo "### membench compare: baseline from another host: not compared"
		echo
		sed 's/^membench: //' "$err"
	} >>"$summary"
	sed 's/^membench: /ci-gate: not compared: /' "$err" >&2
	rc=0
elif [ "$rc" -ge 2 ]; then
	cat "$err" >&2
	exit 2
fi
[ "$check_rc" -ne 0 ] || [ "$rc" -ne 0 ] && exit 1
exit 0
