#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_check.sh - `membench check` (src/commands/check.c), the correctness gate:
# a clean result passes with a one-line summary; an injected violation fails
# and names test, barrier, positives, iterations and the host's model.
. tests/fixtures/lib.sh

expect 0 "clean fixture" "$MEMBENCH" check "$FIXTURE"
grep_in "$tmp/out" "^check: 6 litmus entries, 0 violations$" "one-line summary"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok "nothing else printed" || not_ok "extra output"

"$PYTHON" scripts/make_fixture.py --inject-violation --test SB+fences "$FIXTURE" "$tmp/bad.json"
expect 1 "injected violation" "$MEMBENCH" check "$tmp/bad.json"
grep_in "$tmp/out" "^violation: SB+fences with smp.general: 7 positives in 1000000 iterations, forbidden by x86-TSO$" \
	"names test, barrier, positives, iterations, model"
grep_in "$tmp/out" "^check: 6 litmus entries, 1 violation$" "summary counts it"

# "unobserved" (an allowed outcome never seen) is reported, not failed.
grep -q '"unobserved"' "$FIXTURE" && ok "fixture holds an unobserved entry" || not_ok "fixture lacks unobserved"

expect 2 "missing file" "$MEMBENCH" check "$tmp/none.json"
grep_in "$tmp/err" "^membench: cannot read $tmp/none.json" "missing: one line"
expect 2 "foreign JSON" "$MEMBENCH" check tests/fixtures/foreign.json
grep_in "$tmp/err" "not a membench result" "foreign: says so"
printf '{"schema": "membench-result/1", "created": "x", "command": null, "host": {}, "cost": [], "litmus": []}' >"$tmp/nohost.json"
expect 2 "host without its fields" "$MEMBENCH" check "$tmp/nohost.json"
grep_in "$tmp/err" 'host: missing key "arch"' "names the missing key"
expect 2 "check needs one file" "$MEMBENCH" check

# A live run with --check: a result with no violation passes, and the file it writes checks clean.
expect 0 "run --check" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --check --json "$tmp/run.json"
expect 0 "check of the run's file" "$MEMBENCH" check "$tmp/run.json"
grep_in "$tmp/out" "^check: [0-9]* litmus entr[a-z]*, 0 violations$" "summary"
finish
