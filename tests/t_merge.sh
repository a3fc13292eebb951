#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_merge.sh - `membench merge` (src/result/fleet_merge.c) and the gates on
# its output: the fleet validates against docs/schema/membench-fleet-1.schema.json
# and holds each input byte for byte; duplicates, foreign or newer schemas and
# broken JSON are one line and exit 2 with the output left alone; `check`
# fails a fleet with a violation on any host and names it; `compare` goes
# host by host.  Then the real results in results/ (x86_64 and the emulated
# aarch64 one) are merged, validated, checked, compared and plotted.
. tests/fixtures/lib.sh
v() { "$PYTHON" -W ignore scripts/fleet/validate.py "$@"; }

expect 0 "merge two results" "$MEMBENCH" merge "$FIXTURE" other="$FIXTURE" -o "$tmp/f.json"
grep_in "$tmp/err" "^membench: merged 2 hosts (1 arch: x86_64) into $tmp/f.json$" "one summary line"
v "$tmp/f.json" >"$tmp/v" 2>&1 && ok "valid membench-fleet/1" || { not_ok "schema"; cat "$tmp/v"; }
"$PYTHON" - "$tmp/f.json" "$FIXTURE" >"$tmp/py" 2>&1 <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
one = json.load(open(sys.argv[2]))
print([h["name"] for h in f["hosts"]], [h["source"] for h in f["hosts"]] == [sys.argv[2]] * 2,
      all(h["result"] == one for h in f["hosts"]))
PY
grep_in "$tmp/py" "^\['result-x86_64', 'other'\] True True$" "names: file stem, NAME=; each result kept whole"

cp "$tmp/f.json" "$tmp/keep.json"
expect 2 "a duplicate host" "$MEMBENCH" merge "$FIXTURE" "$FIXTURE" -o "$tmp/keep.json"
grep_in "$tmp/err" "^membench: duplicate host \"result-x86_64\": in $FIXTURE and in $FIXTURE (name one with NAME=FILE)$" "one line names it"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "one line only" || not_ok "$(wc -l <"$tmp/err") lines"
cmp -s "$tmp/f.json" "$tmp/keep.json" && ok "the output file is left as it was" || not_ok "output clobbered"
expect 2 "a duplicate across a fleet and a result" "$MEMBENCH" merge "$tmp/f.json" other="$FIXTURE" -o "$tmp/x.json"
grep_in "$tmp/err" "^membench: duplicate host \"other\": in $tmp/f.json: host other and in $FIXTURE (name one with NAME=FILE)$" \
	"names it, and the fleet's host it met first"
[ ! -e "$tmp/x.json" ] && ok "no output written" || not_ok "output written"

sed 's|"membench-result/1"|"membench-result/2"|' "$FIXTURE" >"$tmp/v2.json"
expect 2 "a newer result schema" "$MEMBENCH" merge "$FIXTURE" "$tmp/v2.json" -o "$tmp/x.json"
grep_in "$tmp/err" "^membench: $tmp/v2.json: schema \"membench-result/2\" is not supported by this membench" "says which"
sed 's|"membench-fleet/1"|"membench-fleet/2"|' "$tmp/f.json" >"$tmp/fv2.json"
expect 2 "a newer fleet schema" "$MEMBENCH" merge "$tmp/fv2.json" -o "$tmp/x.json"
grep_in "$tmp/err" "schema \"membench-fleet/2\" is not supported" "says which"
expect 2 "foreign JSON" "$MEMBENCH" merge tests/fixtures/foreign.json -o "$tmp/x.json"
grep_in "$tmp/err" "not a membench result" "says so"
head -c 3000 "$FIXTURE" >"$tmp/trunc.json"
expect 2 "truncated JSON" "$MEMBENCH" merge "$FIXTURE" "$tmp/trunc.json" -o "$tmp/x.json"
grep_in "$tmp/err" "trunc.json: not valid JSON: line [0-9]*: unexpected end" "says where"
printf '{"schema": "membench-result/1", "created": "x", "host": {"arch": "x86_64"}, "cost": {}, "litmus": []}' >"$tmp/shape.json"
expect 2 "cost not an array" "$MEMBENCH" merge "$tmp/shape.json" -o "$tmp/x.json"
grep_in "$tmp/err" "\"cost\" is missing or not an array" "names the key"
expect 2 "missing input" "$MEMBENCH" merge "$tmp/none.json" -o "$tmp/x.json"
[ ! -e "$tmp/x.json" ] && ok "no output after any refusal" || not_ok "output written"
expect 2 "no -o" "$MEMBENCH" merge "$FIXTURE"
expect 2 "no inputs" "$MEMBENCH" merge -o "$tmp/x.json"
expect 2 "NAME= on a fleet" "$MEMBENCH" merge x="$tmp/f.json" -o "$tmp/x.json"

expect 0 "a fleet merges into a fleet" "$MEMBENCH" merge "$tmp/f.json" third="$FIXTURE" -o "$tmp/f3.json"
grep_in "$tmp/err" "merged 3 hosts" "3 hosts"
v "$tmp/f3.json" >/dev/null 2>&1 && ok "still valid" || not_ok "schema"

expect 0 "check a clean fleet" "$MEMBENCH" check "$tmp/f3.json"
grep_in "$tmp/out" "^check: 3 hosts, 18 litmus entries, 0 violations$" "one line for the fleet"
"$PYTHON" scripts/make_fixture.py --inject-violation --test SB+fences "$FIXTURE" "$tmp/bad.json"
"$MEMBENCH" merge "$tmp/f.json" bad="$tmp/bad.json" -o "$tmp/fbad.json" 2>/dev/null
expect 1 "check a fleet with one bad host" "$MEMBENCH" check "$tmp/fbad.json"
grep_in "$tmp/out" "^violation: bad: SB+fences with smp.general: 7 positives" "names the host"
grep_in "$tmp/out" "^check: 3 hosts, 18 litmus entries, 1 violation on 1 host$" "summary"

"$PYTHON" scripts/make_fixture.py --scale 1.5 --only smp.general "$FIXTURE" "$tmp/slow.json"
"$MEMBENCH" merge "$FIXTURE" other="$tmp/slow.json" -o "$tmp/fslow.json" 2>/dev/null
expect 0 "compare a fleet with itself" "$MEMBENCH" compare "$tmp/f.json" "$tmp/f.json"
grep_in "$tmp/out" "^compare: 2 hosts in both, none regressed$" "host by host"
expect 1 "compare: one host regressed" "$MEMBENCH" compare "$tmp/f.json" "$tmp/fslow.json"
grep_in "$tmp/out" "^compare: .*, host other (x86_64" "the host's table is labelled"
grep_in "$tmp/out" "^smp.general .*REGRESSED" "its row regressed"
grep_in "$tmp/out" "^compare: 2 hosts in both, some regressed$" "summary"
expect 0 "compare: a host only on one side fails nothing" "$MEMBENCH" compare "$tmp/f.json" "$tmp/f3.json"
grep_in "$tmp/out" "^host third: only in $tmp/f3.json$" "listed"
expect 0 "compare --format json on fleets" "$MEMBENCH" compare --format json "$tmp/f.json" "$tmp/f.json"
"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["schema"], [h["name"] for h in d["hosts"]])' "$tmp/out" >"$tmp/py" 2>&1
grep_in "$tmp/py" "^membench-compare-fleet/1 \['result-x86_64', 'other'\]$" "one object per host"
expect 2 "compare a fleet with one result" "$MEMBENCH" compare "$tmp/f.json" "$FIXTURE"
grep_in "$tmp/err" "is a fleet but .* is one result" "one line"

# The real results: this machine's x86_64 run and the aarch64 one under qemu-user.
set -- results/*-x86_64-*.json
x86=$1
set -- results/*-aarch64-*.json
a64=$1
if [ -f "$x86" ] && [ -f "$a64" ]; then
	expect 0 "merge the real results" "$MEMBENCH" merge "$x86" "$a64" -o "$tmp/real.json"
	grep_in "$tmp/err" "merged 2 hosts (2 arches: x86_64, aarch64) .*; 1 EMULATED (timings meaningless)" "the emulated host is flagged"
	v "$tmp/real.json" >"$tmp/v" 2>&1 && ok "real fleet: $(cat "$tmp/v")" || { not_ok "schema"; cat "$tmp/v"; }
	expect 0 "check the real fleet" "$MEMBENCH" check "$tmp/real.json"
	grep_in "$tmp/out" ": EMULATED: the litmus counts show the ordering of the CPU the emulator ran on, not of aarch64 hardware$" "check notes the emulation"
	expect 0 "compare the real fleet with itself" "$MEMBENCH" compare "$tmp/real.json" "$tmp/real.json"
	grep_in "$tmp/out" "^note: EMULATED: .* ran under an emulator; its timings measure the emulator" "compare marks the emulated host"
	grep_in "$tmp/out" " emulated$" "its rows are not judged"
	grep_in "$tmp/out" "EMULATED (timings meaningless: not judged)" "and counted so"
	# plots of the real fleet (scripts/plot.py): both drawn, the emulated host flagged in them
	expect 0 "plot the real fleet" "$PYTHON" scripts/plot.py --outdir "$tmp/p" "$tmp/real.json"
	for f in "$tmp/p/real-cost.png" "$tmp/p/real-litmus.png"; do
		[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] && [ "$(wc -c <"$f")" -gt 10240 ] &&
			ok "$(basename "$f"): a PNG of $(wc -c <"$f") bytes" || not_ok "$f"
	done
	grep_in "$tmp/err" "^plot.py: fleet cost: 2 hosts x 28 barriers x 6 contexts" "cost: every barrier of either host, per context"
	grep_in "$tmp/err" "^plot.py: fleet litmus: 2 hosts x 2 tests x 28 barriers, 0 violations" "litmus: host x test x barrier"
	"$PYTHON" - "$tmp/p/real-cost.png" <<'PY' >"$tmp/meta" 2>&1
import sys
from PIL import Image
print(Image.open(sys.argv[1]).info.get("Description", ""))
PY
	grep -q "No module named" "$tmp/meta" && ok "# skip: no PIL" ||
		grep_in "$tmp/meta" "1 emulated" "the cost PNG says it drew an emulated host"
	expect 2 "plot --compare refuses fleets" "$PYTHON" scripts/plot.py --compare "$tmp/real.json" "$tmp/real.json"
	"$MEMBENCH" check "$a64" >/dev/null && ok "the aarch64 result checks clean alone" || not_ok "aarch64 check"
	"$PYTHON" -c 'import json,sys; h=json.load(open(sys.argv[1]))["host"]; print(h["arch"], h["emulated"], "qemu-aarch64" in h["emulation"])' "$a64" >"$tmp/py"
	grep_in "$tmp/py" "^aarch64 True True$" "the aarch64 result records emulated: true and names qemu-aarch64"
else
	not_ok "results/ lacks the x86_64 or the aarch64 result"
fi
finish
